"""Borrowing: application under the rules, approval, lending with both signatures, return
checked against the contents list, renewal, overdue — and every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import borrowing as bw
from archive_desk import cards
from archive_desk.db.models import (
    AuditEvent,
    Borrowing,
    BorrowingItem,
    InspectionFinding,
    Signature,
)
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import Conflict, PermissionDenied, StaleRecord, ValidationError
from tests.cardkit import make_card

PNG = b"\x89PNG\r\n\x1a\n-fake-but-nonempty-signature"
PAD = bw.SignatureInput(png=PNG)
PAPER = bw.SignatureInput(on_paper=True)


@pytest.fixture
def people(make_user, clerk):  # type: ignore[no-untyped-def]
    return {
        "clerk": clerk,
        "head": make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚"),
        "other_head": make_user(Role.DEPT_HEAD, "head2", department="销售二部", full_name="刘洋"),
        "manager": make_user(Role.MANAGER, "manager", department="总经办", full_name="陈静"),
        "sales": make_user(Role.CLERK, "sales", department="销售一部", full_name="张业务"),
    }


def _dept(name: str) -> int:
    from archive_desk import accounts

    return next(d.id for d in accounts.list_departments() if d.name == name)


def _card(clerk, name="北京海淀科技有限公司", **kw):  # type: ignore[no-untyped-def]
    kw.setdefault(
        "documents",
        [
            cards.DocumentInput("营业执照", "证照", False, 2),
            cards.DocumentInput("购销合同", "合同", True, 12),
        ],
    )
    return make_card(clerk, name, **kw)


def _apply(people, card_ids, **kw):  # type: ignore[no-untyped-def]
    borrower = kw.pop(
        "borrower",
        bw.BorrowerInput(name="赵六", department_id=_dept("销售一部"), phone="13800138000"),
    )
    kw.setdefault("mode", "read")
    kw.setdefault("purpose", "核对合同条款")
    return bw.apply(people["clerk"], borrower, card_ids, **kw)


def _lent(people, card):  # type: ignore[no-untyped-def]
    app = _apply(people, [card.id])
    app = bw.decide(people["head"], app.id, app.version, approve=True, comment="同意")
    return bw.lend(
        people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD
    )


def test_the_whole_path_with_pad_signatures(people, clock) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id])
    assert (app.state, app.required_role, app.expected_return) == (
        "pending",
        Role.DEPT_HEAD,
        clock.today(),
    )
    assert app.number.startswith("JY2026-")
    assert [v.id for v in bw.pending_approvals(people["head"])] == [app.id]
    assert bw.pending_approvals(people["other_head"]) == []
    app = bw.decide(people["head"], app.id, app.version, approve=True, comment="同意")
    assert app.state == "approved" and app.approvals[0].method == "login"
    app = bw.lend(people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    assert app.state == "lent" and app.items[0].state == "lent"
    assert {(s.role, s.method, s.valid) for s in app.signatures} == {
        ("borrower", "pad", True),
        ("clerk", "pad", True),
    }
    view = cards.get_card(people["clerk"], card.id)
    assert view.on_loan_to == "赵六" and view.on_loan_since == clock.now()
    clock.advance(hours=2)
    app = bw.return_items(
        people["clerk"], app.id, app.version, [bw.ItemReturn(app.items[0].id)],
        borrower_signature=PAD, clerk_signature=PAD,
    )  # fmt: skip
    assert app.state == "returned" and app.items[0].condition == "intact"
    assert cards.get_card(people["clerk"], card.id).on_loan_to is None
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.entity == "borrowing")]
    assert actions == ["borrowing.apply", "borrowing.approve", "borrowing.lend", "borrowing.return"]


def test_rules_decide_the_approver_and_the_longest_loan(people, clock) -> None:
    clerk = people["clerk"]
    secret = _card(clerk, "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    grade_a = _card(clerk, "主力公司", grade="A")
    plain = _card(clerk, "普通公司")
    assert (
        _apply(
            people, [plain.id], expected_return=clock.today() + dt.timedelta(days=14)
        ).required_role
        == Role.DEPT_HEAD
    )
    assert _apply(people, [grade_a.id]).required_role == Role.MANAGER
    # 机密: at most 5 working days — Monday 2 March + 5 working days is Monday 9 March
    ok = _apply(people, [secret.id], expected_return=dt.date(2026, 3, 9))
    assert ok.required_role == Role.MANAGER
    with pytest.raises(ValidationError, match="2026-03-09"):
        _apply(people, [secret.id], expected_return=dt.date(2026, 3, 10))
    with pytest.raises(ValidationError, match="当日归还"):
        _apply(people, [secret.id], mode="copy", expected_return=dt.date(2026, 3, 3))
    assert _apply(people, [secret.id, plain.id], mode="copy").required_role == Role.MANAGER
    assert Borrowing.select().count() == 4  # the refused ones wrote nothing


def test_approvers_must_hold_the_role_and_cannot_approve_their_own(people) -> None:
    card = _card(people["clerk"], grade="A")
    app = _apply(people, [card.id])  # needs a manager
    with pytest.raises(PermissionDenied, match="无权审批"):
        bw.decide(people["head"], app.id, app.version, approve=True)
    with pytest.raises(PermissionDenied):
        bw.decide(
            people["clerk"], app.id, app.version, approve=True
        )  # a clerk has no approve right
    own = _apply(
        people,
        [_card(people["clerk"], "乙公司").id],
        borrower=bw.BorrowerInput(user_id=people["head"].user_id),
    )
    with pytest.raises(PermissionDenied, match="自己"):
        bw.decide(people["head"], own.id, own.version, approve=True)
    other = _apply(people, [_card(people["clerk"], "丙公司").id])
    with pytest.raises(PermissionDenied, match="借阅人所在部门"):
        bw.decide(people["other_head"], other.id, other.version, approve=True)
    assert {b.state for b in Borrowing.select()} == {"pending"}


def test_a_refusal_needs_a_reason_and_closes_the_application(people) -> None:
    app = _apply(people, [_card(people["clerk"]).id])
    with pytest.raises(ValidationError, match="理由"):
        bw.decide(people["head"], app.id, app.version, approve=False)
    refused = bw.decide(people["head"], app.id, app.version, approve=False, comment="用途不明")
    assert (refused.state, refused.refusal_reason) == ("refused", "用途不明")
    assert refused.items[0].state == "cancelled"
    with pytest.raises(Conflict):
        bw.lend(
            people["clerk"],
            refused.id,
            refused.version,
            borrower_signature=PAD,
            clerk_signature=PAD,
        )


def test_approval_recorded_by_the_clerk_on_paper_or_pad(people) -> None:
    app = _apply(people, [_card(people["clerk"]).id])
    with pytest.raises(ValidationError, match="编号"):
        bw.decide(
            people["clerk"],
            app.id,
            app.version,
            approve=True,
            method="paper",
            approver_id=people["head"].user_id,
        )
    done = bw.decide(
        people["clerk"], app.id, app.version, approve=True, method="paper",
        approver_id=people["head"].user_id, paper_ref="审批单 0012",
    )  # fmt: skip
    assert (
        done.approvals[0].method,
        done.approvals[0].paper_ref,
        done.approvals[0].approver_name,
    ) == ("paper", "审批单 0012", "王刚")
    second = _apply(people, [_card(people["clerk"], "乙公司").id])
    with pytest.raises(ValidationError, match="签名"):
        bw.decide(
            people["clerk"],
            second.id,
            second.version,
            approve=True,
            method="pad",
            approver_id=people["head"].user_id,
        )
    signed = bw.decide(
        people["clerk"], second.id, second.version, approve=True, method="pad",
        approver_id=people["head"].user_id, signature_png=PNG,
    )  # fmt: skip
    assert any(s.role == "approver" and s.valid for s in signed.signatures)


def test_an_empty_pad_is_refused_and_paper_waits_for_confirmation(people) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id])
    app = bw.decide(people["head"], app.id, app.version, approve=True)
    with pytest.raises(ValidationError, match="尚未在签字板上签名"):
        bw.lend(
            people["clerk"],
            app.id,
            app.version,
            borrower_signature=bw.SignatureInput(),
            clerk_signature=PAD,
        )
    assert Signature.select().count() == 0 and BorrowingItem.get().state == "pending"
    waiting = bw.lend(
        people["clerk"], app.id, app.version, borrower_signature=PAPER, clerk_signature=PAD
    )
    assert waiting.state == "awaiting_signatures" and waiting.items[0].state == "pending"
    lent = bw.confirm_paper_signatures(people["clerk"], waiting.id, waiting.version)
    assert lent.state == "lent" and lent.items[0].state == "lent"


def test_a_card_on_loan_cannot_be_lent_again(people) -> None:
    card = _card(people["clerk"])
    second = _apply(people, [card.id])  # applied before the first loan started
    second = bw.decide(people["head"], second.id, second.version, approve=True)
    first = _apply(people, [card.id])
    first = bw.decide(people["head"], first.id, first.version, approve=True)
    bw.lend(people["clerk"], first.id, first.version, borrower_signature=PAD, clerk_signature=PAD)
    with pytest.raises(Conflict, match="正在借出"):
        bw.lend(
            people["clerk"], second.id, second.version, borrower_signature=PAD, clerk_signature=PAD
        )
    with pytest.raises(Conflict, match="正在借出"):
        _apply(people, [card.id])
    assert BorrowingItem.select().where(BorrowingItem.state == "lent").count() == 1


def test_return_checked_against_the_contents_list(people, clock) -> None:
    card = _card(people["clerk"])
    app = _lent(people, card)
    docs = cards.get_card(people["clerk"], card.id).documents
    licence, contract = docs[0], docs[1]
    back = bw.return_items(
        people["clerk"], app.id, app.version,
        [bw.ItemReturn(app.items[0].id, [
            bw.DocumentCheck(licence.id, present=False),
            bw.DocumentCheck(contract.id, pages_found=11, damaged=True, note="第3页撕裂"),
        ])],
        borrower_signature=PAD, clerk_signature=PAPER,
    )  # fmt: skip
    item = back.items[0]
    assert item.condition == "damaged"
    assert "缺少《营业执照》" in item.return_note and "应 12 页，实 11 页" in item.return_note
    findings = {f.kind: f for f in InspectionFinding.select()}
    assert set(findings) == {"damage", "missing_pages"}  # one finding per kind of difference
    assert all(f.source == "return" for f in findings.values())
    assert "第3页撕裂" in findings["damage"].description
    assert "缺少《营业执照》" in findings["missing_pages"].description
    with pytest.raises(Conflict):
        bw.return_items(
            people["clerk"], back.id, back.version, [bw.ItemReturn(item.id)],
            borrower_signature=PAD, clerk_signature=PAD,
        )  # fmt: skip
    assert InspectionFinding.select().count() == 2


def test_each_step_returns_the_loan_as_stored(people, clock) -> None:
    """The services build the view they return from what they wrote: it must be what a fresh
    read gives, at every step, for two cards returned one at a time, on the pad and on paper."""
    first, second = _card(people["clerk"]), _card(people["clerk"], "上海浦东贸易有限公司")
    fresh = lambda v: bw.get_borrowing(people["clerk"], v.id)  # noqa: E731
    app = _apply(people, [first.id, second.id])
    assert app == fresh(app)
    app = bw.decide(
        people["clerk"], app.id, app.version, approve=True, method="pad",
        approver_id=people["head"].user_id, signature_png=PNG,
    )  # fmt: skip
    assert app == fresh(app) and [s.role for s in app.signatures] == ["approver"]
    app = bw.lend(
        people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAPER
    )
    assert app.state == "awaiting_signatures" and app == fresh(app)
    app = bw.confirm_paper_signatures(people["clerk"], app.id, app.version)
    assert app.state == "lent" and app == fresh(app)
    clock.advance(hours=1)
    docs = cards.get_card(people["clerk"], first.id).documents
    app = bw.return_items(
        people["clerk"], app.id, app.version,
        [bw.ItemReturn(app.items[0].id, [bw.DocumentCheck(docs[1].id, pages_found=10)])],
        borrower_signature=PAD, clerk_signature=PAD,
    )  # fmt: skip
    assert app.state == "lent" and app == fresh(app)
    assert [i.state for i in app.items] == ["returned", "lent"]
    assert app.items[0].condition == "incomplete"
    app = bw.return_items(
        people["clerk"], app.id, app.version, [bw.ItemReturn(app.items[1].id)],
        borrower_signature=PAD, clerk_signature=PAD,
    )  # fmt: skip
    assert app.state == "returned" and app == fresh(app)
    assert all(s.valid for s in app.signatures) and len(app.signatures) == 7
    from archive_desk import audit

    assert audit.verify_chain().ok


def test_a_refused_application_returns_as_stored(people) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id])
    refused = bw.decide(people["head"], app.id, app.version, approve=False, comment="用途不明")
    assert refused == bw.get_borrowing(people["clerk"], app.id)
    assert (refused.state, refused.refusal_reason, refused.items[0].state) == (
        "refused",
        "用途不明",
        "cancelled",
    )


def test_renewal_within_the_rule_and_the_overdue_list(people, clock) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id], expected_return=dt.date(2026, 3, 5))
    app = bw.decide(people["head"], app.id, app.version, approve=True)
    app = bw.lend(people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    item = app.items[0]
    with pytest.raises(ValidationError, match="理由"):
        bw.renew(people["clerk"], item.id, item.version, dt.date(2026, 3, 10), "")
    with pytest.raises(ValidationError, match="超出"):
        bw.renew(people["clerk"], item.id, item.version, dt.date(2026, 4, 30), "还要核对")
    renewed = bw.renew(people["clerk"], item.id, item.version, dt.date(2026, 3, 10), "还要核对")
    assert (renewed.due_date, renewed.renewals) == (dt.date(2026, 3, 10), 1)
    with pytest.raises(StaleRecord):
        bw.renew(people["clerk"], item.id, item.version, dt.date(2026, 3, 12), "旧副本")
    clock.set("2026-03-13T09:00:00")
    rows = bw.overdue(people["clerk"])
    assert [(r.archive_no, r.days_overdue) for r in rows] == [(card.archive_no, 3)]


def test_a_second_window_on_the_same_loan_is_refused(people) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id])
    bw.decide(people["head"], app.id, app.version, approve=True)
    with pytest.raises(StaleRecord):
        bw.decide(people["manager"], app.id, app.version, approve=False, comment="不同意")
    assert Borrowing.get().state == "approved"


def test_a_destroyed_or_restricted_card_cannot_be_borrowed(people, make_user) -> None:
    from archive_desk.db.models import Card

    gone = _card(people["clerk"], "已销毁公司")
    Card.update(status="destroyed").where(Card.id == gone.id).execute()
    with pytest.raises(Conflict, match="销毁"):
        _apply(people, [gone.id])
    secret = _card(people["clerk"], "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    low = make_user(Role.CLERK, "lowclerk", clearance=int(Secrecy.INTERNAL))
    with pytest.raises(Exception, match="无权"):
        bw.apply(
            low,
            bw.BorrowerInput(user_id=people["sales"].user_id),
            [secret.id],
            mode="read",
            purpose="查",
        )
    assert Borrowing.select().count() == 0


def test_overdue_command_prints_one_loan_a_line(
    people, clock, db_path, capsys, monkeypatch
) -> None:
    from archive_desk import cli
    from archive_desk.db import connection
    from tests.conftest import PASSWORD

    card = _card(people["clerk"])
    app = _apply(people, [card.id], expected_return=dt.date(2026, 3, 4))
    app = bw.decide(people["head"], app.id, app.version, approve=True)
    bw.lend(people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    assert cli.main(["--db", str(db_path), "--user", "clerk", "overdue"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    days = (dt.date.today() - dt.date(2026, 3, 4)).days  # the command runs on the real clock
    assert lines == [
        f"{card.archive_no}\t北京海淀科技有限公司\t赵六\t销售一部\t13800138000\t应还 2026-03-04\t逾期 {days} 天"
    ]


def test_the_copies_register_and_striking_off(people, clock) -> None:
    clerk = people["clerk"]
    plain = _card(clerk)
    secret = _card(clerk, "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    assert bw.parse_pages("1-3，5、7-8") == 6
    with pytest.raises(ValidationError, match="页码"):
        bw.record_copy(
            clerk,
            plain.id,
            pages="3-1",
            copies=1,
            purpose="报价",
            approver_id=people["head"].user_id,
            holder_name="赵六",
        )
    with pytest.raises(PermissionDenied, match="主管"):
        bw.record_copy(
            clerk,
            secret.id,
            pages="1",
            copies=1,
            purpose="诉讼",
            approver_id=people["head"].user_id,
            holder_name="赵六",
        )
    with pytest.raises(ValidationError, match="归还日期"):
        bw.record_copy(
            clerk,
            plain.id,
            pages="1-2",
            copies=2,
            purpose="报价",
            approver_id=people["head"].user_id,
            holder_name="赵六",
            taken_out=True,
        )
    copy = bw.record_copy(
        clerk, secret.id, pages="1-2", copies=2, purpose="诉讼", approver_id=people["manager"].user_id,
        holder_name="赵六", taken_out=True, location="法务部", due_date=dt.date(2026, 3, 6),
    )  # fmt: skip
    assert (copy.number, copy.page_count, copy.approver_name) == ("YY2026-0001", 2, "陈静")
    assert [c.id for c in bw.copies_out(clerk)] == [copy.id]
    struck = bw.strike_off_copy(clerk, copy.id, copy.version, "已收回")
    assert struck.struck_off_at == clock.now() and bw.copies_out(clerk) == []
    with pytest.raises(Conflict, match="重复"):
        bw.strike_off_copy(clerk, copy.id, struck.version)


def test_day_close_needs_every_in_room_loan_back_or_explained(people, clock) -> None:
    card = _card(people["clerk"])
    app = _lent(people, card)
    with pytest.raises(ValidationError, match=card.archive_no):
        bw.close_day(people["clerk"])
    assert not bw.day_closed(clock.today())
    item = app.items[0]
    bw.close_day(people["clerk"], {item.id: "借阅人明早继续查阅，已锁入阅览柜"})
    assert bw.day_closed(clock.today())
    assert BorrowingItem.get_by_id(item.id).day_close_reason.startswith("借阅人明早")
    with pytest.raises(Conflict, match="已经闭馆"):
        bw.close_day(people["clerk"], {item.id: "再来一次"})


def test_month_end_reminder_and_list(people, clock) -> None:
    clock.set("2026-03-30T09:00:00")
    card, april_card = _card(people["clerk"]), _card(people["clerk"], "四月借阅有限公司")
    for c, due in ((card, dt.date(2026, 4, 10)), (april_card, None)):
        if due is None:
            clock.set("2026-04-01T09:00:00")  # lent in April: not on March's list
        app = _apply(people, [c.id], expected_return=due or clock.today())
        app = bw.decide(people["head"], app.id, app.version, approve=True)
        bw.lend(people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    clock.set("2026-04-02T09:00:00")
    assert "2026-03" in (bw.month_end_reminder(people["clerk"]) or "")
    data = bw.month_end_data(people["clerk"], "2026-03")
    assert [(r.archive_no, r.days_overdue) for r in data.originals] == [(card.archive_no, 0)]
    bw.record_month_end(people["clerk"], data)
    assert bw.month_end_reminder(people["clerk"]) is None
    clock.set("2026-05-06T09:00:00")
    assert "已逾期" in (bw.month_end_reminder(people["clerk"]) or "")


def test_the_admin_edits_the_rule_table_and_it_takes_effect(people, admin, clock) -> None:
    rules = bw.list_rules()
    assert [r.priority for r in rules] == sorted(r.priority for r in rules)
    default = next(r for r in rules if r.min_secrecy is None and r.grade is None)
    with pytest.raises(PermissionDenied):
        bw.save_rule(people["clerk"], default.id, default.version, max_days=30)
    with pytest.raises(ValidationError, match="审批角色"):
        bw.save_rule(admin, default.id, default.version, approver_role="clerk")
    with pytest.raises(ValidationError, match="365"):
        bw.save_rule(
            admin, default.id, default.version, approver_role=default.approver_role, max_days=400
        )
    changed = bw.save_rule(
        admin, default.id, default.version, approver_role=Role.MANAGER, max_days=3, note="试行"
    )
    with pytest.raises(StaleRecord):
        bw.save_rule(admin, default.id, default.version, approver_role=Role.DEPT_HEAD, max_days=3)
    app = _apply(people, [_card(people["clerk"]).id], expected_return=dt.date(2026, 3, 5))
    assert app.required_role == Role.MANAGER and changed.note == "试行"
    with pytest.raises(ValidationError, match="2026-03-05"):
        _apply(people, [_card(people["clerk"], "乙公司").id], expected_return=dt.date(2026, 3, 6))
    bw.delete_rule(admin, changed.id)
    assert default.id not in {r.id for r in bw.list_rules()}


def test_an_application_not_yet_lent_can_be_withdrawn(people) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id])
    with pytest.raises(ValidationError, match="原因"):
        bw.cancel(people["clerk"], app.id, app.version, " ")
    done = bw.cancel(people["clerk"], app.id, app.version, "借阅人不再需要")
    assert done.state == "cancelled" and done.items[0].state == "cancelled"
    lent = _lent(people, card)
    with pytest.raises(Conflict, match="不能撤销"):
        bw.cancel(people["clerk"], lent.id, lent.version, "误操作")


def test_the_list_shows_days_overdue_and_filters(people, clock) -> None:
    card = _card(people["clerk"])
    app = _apply(people, [card.id], expected_return=dt.date(2026, 3, 4))
    app = bw.decide(people["head"], app.id, app.version, approve=True)
    bw.lend(people["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    _apply(people, [_card(people["clerk"], "乙公司").id])
    clock.set("2026-03-09T09:00:00")
    assert bw.count_borrowings(people["clerk"], "open") == 2
    overdue = bw.list_borrowings(people["clerk"], "overdue")
    assert [(r.number, r.days_overdue) for r in overdue] == [(app.number, 5)]
    assert [r.state for r in bw.list_borrowings(people["clerk"], "pending")] == ["待审批"]
