"""Handovers: every path through the five steps (both send-backs), receipt with differences,
a clerk change over a demo archive, and the refusals, each changing nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.db.models import AuditEvent, Card, CardHistory, Handover, HandoverItem
from archive_desk.domain import Role
from archive_desk.errors import Conflict, PermissionDenied, StaleRecord, ValidationError
from archive_desk.handover import output as ho_output
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-signature")
PAPER = bw.SignatureInput(on_paper=True)


@pytest.fixture
def crew(make_user, clerk):  # type: ignore[no-untyped-def]
    return {
        "clerk": clerk,
        "receiver": make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏"),
        "head": make_user(Role.DEPT_HEAD, "head", department="销售部", full_name="王刚"),
        "other_head": make_user(Role.DEPT_HEAD, "head2", department="客服部", full_name="刘洋"),
        "office": make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽"),
    }


def _dept(name: str) -> int:
    return next(d.id for d in accounts.list_departments() if d.name == name)


def _draft(crew, card_ids, free=()):  # type: ignore[no-untyped-def]
    return ho.create_handover(
        crew["clerk"], kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=crew["clerk"].user_id, department_id=_dept("销售部")),
        to_party=ho.PartyInput(user_id=crew["receiver"].user_id),
        witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=c) for c in card_ids] + list(free),
    )  # fmt: skip


def _through_dept(crew, h):  # type: ignore[no-untyped-def]
    return ho.decide(crew["head"], h.id, h.version, "dept", approve=True, comment="同意移交")


def test_the_whole_path_changes_keeper_and_history(crew, clock) -> None:
    a, b = make_card(crew["clerk"], "甲公司"), make_card(crew["clerk"], "乙公司")
    free = ho.ItemInput(name="2025年销售合同汇编", carrier="纸质", quantity=2, unit="册")
    h = _draft(crew, [a.id, b.id], [free])
    assert (h.state, h.number, len(h.items)) == ("draft", "JJ2026-0001", 3)
    h = _through_dept(crew, h)
    assert h.state == "dept_approved"
    h = ho.record_check(
        crew["receiver"],
        h.id,
        h.version,
        ticked_item_ids=[h.items[2].id],
        scanned_card_ids=[a.id, b.id],
    )
    assert all(i.checked and i.difference is None for i in h.items)
    h = ho.finish_check(crew["receiver"], h.id, h.version, accept=True)
    h = ho.decide(crew["office"], h.id, h.version, "office", approve=True, comment="同意")
    assert h.state == "office_approved"
    h = ho.receive(
        crew["receiver"],
        h.id,
        h.version,
        signed={"from": PAD, "to": PAD, "witness": PAPER},
        new_room="二号库房",
    )
    assert h.state == "received" and set(h.signed) == {"from", "to", "witness"}
    card = Card.get_by_id(a.id)
    assert (card.keeper_id, card.location_room) == (crew["receiver"].user_id, "二号库房")
    row = CardHistory.get((CardHistory.card == a.id) & (CardHistory.action == "handover"))
    assert "JJ2026-0001" in row.reason and row.new_value.startswith("赵敏")
    assert [s.step for s in h.steps] == ["dept", "check", "office"]


def test_both_send_backs_return_the_slip_to_the_draft(crew) -> None:
    card = make_card(crew["clerk"], "甲公司")
    h = _draft(crew, [card.id])
    with pytest.raises(ValidationError, match="意见"):
        ho.decide(crew["head"], h.id, h.version, "dept", approve=False)
    h = ho.decide(crew["head"], h.id, h.version, "dept", approve=False, comment="清单不全")
    assert h.state == "draft" and h.steps[-1].decision == "returned"
    h = ho.replace_items(
        crew["clerk"],
        h.id,
        h.version,
        [ho.ItemInput(card_id=card.id), ho.ItemInput(name="光盘", carrier="光盘", unit="件")],
    )
    h = _through_dept(crew, h)
    h = ho.finish_check(crew["receiver"], h.id, h.version, accept=False, comment="光盘无法读取")
    assert h.state == "draft" and h.steps[-1].step == "check"


def test_receipt_with_differences_must_resolve_them_first(crew) -> None:
    a, b = make_card(crew["clerk"], "甲公司"), make_card(crew["clerk"], "乙公司")
    stray = make_card(crew["clerk"], "丙公司")
    h = _through_dept(crew, _draft(crew, [a.id, b.id]))
    h = ho.record_check(crew["receiver"], h.id, h.version, scanned_card_ids=[a.id, stray.id])
    diffs = {i.name.split()[1]: i.difference for i in h.items if i.difference}
    assert diffs == {"乙公司": "missing", "丙公司": "extra"}
    with pytest.raises(ValidationError, match="差异"):
        ho.finish_check(crew["receiver"], h.id, h.version, accept=True)
    missing = next(i for i in h.items if i.difference == "missing")
    extra = next(i for i in h.items if i.difference == "extra")
    with pytest.raises(ValidationError, match="说明"):
        ho.resolve_difference(crew["receiver"], h.id, h.version, missing.id, accept=False, note="")
    h = ho.resolve_difference(
        crew["receiver"], h.id, h.version, missing.id, accept=False, note="仍在销售部，下次移交"
    )
    h = ho.resolve_difference(
        crew["receiver"], h.id, h.version, extra.id, accept=True, note="一并接收"
    )
    h = ho.finish_check(crew["receiver"], h.id, h.version, accept=True)
    h = ho.decide(crew["office"], h.id, h.version, "office", approve=True)
    h = ho.receive(
        crew["receiver"], h.id, h.version, signed={"from": PAD, "to": PAD, "witness": PAD}
    )
    keepers = {c.name: c.keeper_id for c in Card.select()}
    assert keepers["甲公司"] == keepers["丙公司"] == crew["receiver"].user_id
    assert keepers["乙公司"] == crew["clerk"].user_id  # removed from the slip: stays where it was


def test_approver_role_own_handover_and_department_are_checked(crew, make_user) -> None:
    card = make_card(crew["clerk"], "甲公司")
    h = _draft(crew, [card.id])
    with pytest.raises(PermissionDenied):
        ho.decide(crew["office"], h.id, h.version, "dept", approve=True)  # lacks the permission
    with pytest.raises(PermissionDenied, match="移交部门"):
        ho.decide(crew["other_head"], h.id, h.version, "dept", approve=True)
    make_user(Role.DEPT_HEAD, "head3", department="销售部", full_name="马副")  # a second head
    own = ho.create_handover(
        crew["clerk"], kind="department", reason="部门调整",
        from_party=ho.PartyInput(user_id=crew["head"].user_id), to_party=ho.PartyInput(user_id=crew["receiver"].user_id),
        witness=ho.PartyInput(name="周强"), items=[ho.ItemInput(name="客户名录", unit="册")],
    )  # fmt: skip
    with pytest.raises(PermissionDenied, match="自己"):
        ho.decide(crew["head"], own.id, own.version, "dept", approve=True)
    with pytest.raises(Conflict):
        ho.decide(crew["office"], h.id, h.version, "office", approve=True)  # not at that step yet
    assert {x.state for x in Handover.select()} == {"draft"}


def test_a_card_cannot_be_in_two_open_handovers_or_on_loan(crew, make_user) -> None:
    card = make_card(crew["clerk"], "甲公司")
    first = _draft(crew, [card.id])
    with pytest.raises(Conflict, match=first.number):
        _draft(crew, [card.id])
    other = make_card(crew["clerk"], "乙公司")
    app = bw.apply(
        crew["clerk"],
        bw.BorrowerInput(name="赵六", department_id=_dept("销售部")),
        [other.id],
        mode="read",
        purpose="查",
    )
    app = bw.decide(crew["head"], app.id, app.version, approve=True)
    bw.lend(crew["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    with pytest.raises(Conflict, match="正在借出"):
        _draft(crew, [other.id])
    assert Handover.select().count() == 1


def test_a_card_lent_after_it_was_listed_blocks_the_receipt(crew) -> None:
    card = make_card(crew["clerk"], "甲公司")
    h = _through_dept(crew, _draft(crew, [card.id]))
    h = ho.record_check(crew["receiver"], h.id, h.version, scanned_card_ids=[card.id])
    h = ho.finish_check(crew["receiver"], h.id, h.version, accept=True)
    h = ho.decide(crew["office"], h.id, h.version, "office", approve=True)
    app = bw.apply(
        crew["clerk"],
        bw.BorrowerInput(name="赵六", department_id=_dept("销售部")),
        [card.id],
        mode="read",
        purpose="查",
    )
    app = bw.decide(crew["head"], app.id, app.version, approve=True)
    bw.lend(crew["clerk"], app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    with pytest.raises(ValidationError, match="监交人"):
        ho.receive(crew["receiver"], h.id, h.version, signed={"from": PAD, "to": PAD})
    with pytest.raises(Conflict, match="借出"):
        ho.receive(
            crew["receiver"], h.id, h.version, signed={"from": PAD, "to": PAD, "witness": PAD}
        )
    assert Handover.get_by_id(h.id).state == "office_approved"
    assert Card.get_by_id(card.id).keeper_id == crew["clerk"].user_id
    with pytest.raises(StaleRecord):
        ho.decide(crew["office"], h.id, h.version - 1, "office", approve=True)


def test_clerk_change_over_a_demo_archive(db, clock, tmp_path) -> None:
    from archive_desk import demo

    demo.populate(clock=clock, cards_count=30, loans=0)
    old = accounts.login("lihua", demo.DEMO_PASSWORD, clock=clock)
    new = accounts.login("zhaomin", demo.DEMO_PASSWORD, clock=clock)
    head = accounts.login("wanggang", demo.DEMO_PASSWORD, clock=clock)
    office = accounts.login("sunli", demo.DEMO_PASSWORD, clock=clock)
    held = ho.cards_held_by(old, old.user_id)
    from archive_desk.db.models import BorrowingItem

    out = {i.card_id for i in BorrowingItem.select().where(BorrowingItem.state == "lent")}
    listed = {
        i.card_id for i in HandoverItem.select().join(Handover).where(Handover.state != "received")
    }
    from archive_desk.db.models import DestructionItem, DestructionProposal

    doomed = {  # on an open destruction list of the demo: not handed over
        i.card_id for i in DestructionItem.select().join(DestructionProposal).where(
            DestructionProposal.state.in_(("draft", "returned", "reviewed", "approved"))
            & (DestructionItem.state == "listed")
        )
    }  # fmt: skip
    expected = sorted(
        (c.archive_no, c.id) for c in Card.select().where(Card.keeper == old.user_id)
        if c.id not in out and c.id not in listed and c.id not in doomed and c.status == "active"
    )  # fmt: skip
    assert len(held) > 0 and held == [cid for _, cid in expected]
    h = ho.create_handover(
        old, kind="clerk_change", reason="李华调岗",
        from_party=ho.PartyInput(user_id=old.user_id, department_id=head.department_id),
        to_party=ho.PartyInput(user_id=new.user_id), witness=ho.PartyInput(user_id=office.user_id),
        items=[ho.ItemInput(card_id=c) for c in held],
    )  # fmt: skip
    h = ho.decide(head, h.id, h.version, "dept", approve=True)
    h = ho.record_check(new, h.id, h.version, scanned_card_ids=held)
    h = ho.finish_check(new, h.id, h.version, accept=True)
    assert office.role == Role.OFFICE_HEAD
    h = ho.decide(office, h.id, h.version, "office", approve=True)
    h = ho.receive(new, h.id, h.version, signed={"from": PAD, "to": PAD, "witness": PAPER})
    assert set(held) <= set(ho.cards_held_by(new, new.user_id))  # she already kept a few
    assert ho.cards_held_by(old, old.user_id) == []
    assert HandoverItem.select().where(HandoverItem.handover == h.id).count() == len(held)
    assert h.handover_date == dt.date(2026, 3, 2)
    from pypdf import PdfReader

    form = tmp_path / "clerk.pdf"
    ho_output.print_clerk_application(new, h.id, form)
    text = PdfReader(form).pages[0].extract_text().replace("\n", "")
    for expected in (
        "档案管理员申请单",
        "李华",
        "赵敏",
        "李华调岗",
        h.number,
        "部门经理意见",
        "机构总经理意见",
    ):
        assert expected in text, expected


def test_the_printed_slip_has_both_copies_every_item_and_the_signature_blocks(
    crew, tmp_path, db_path, monkeypatch, capsys
) -> None:
    from pypdf import PdfReader

    from archive_desk import cli
    from archive_desk.db import connection
    from tests.conftest import PASSWORD

    a = make_card(crew["clerk"], "甲公司")
    free = ho.ItemInput(name="2025年销售合同汇编", quantity=2, unit="册")
    h = _through_dept(crew, _draft(crew, [a.id], [free]))
    h = ho.record_check(crew["receiver"], h.id, h.version, ticked_item_ids=[i.id for i in h.items])
    h = ho.finish_check(crew["receiver"], h.id, h.version, accept=True)
    h = ho.decide(crew["office"], h.id, h.version, "office", approve=True, comment="同意")
    h = ho.receive(
        crew["receiver"], h.id, h.version, signed={"from": PAPER, "to": PAPER, "witness": PAPER}
    )
    path = tmp_path / "slip.pdf"
    ho_output.print_handover(crew["clerk"], h.id, path)
    pages = [p.extract_text().replace("\n", "") for p in PdfReader(path).pages]
    assert len(pages) == 2
    for copy, text in zip(("移交方联", "接收方联"), pages, strict=True):
        for expected in (
            copy,
            "档案交接单",
            h.number,
            "甲公司",
            "2025年销售合同汇编",
            "移交人",
            "接收人",
            "监交人",
            "总经办负责人",
            "同意",
        ):
            assert expected in text, (copy, expected)
    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", PASSWORD)
    out = tmp_path / "cli.pdf"
    assert (
        cli.main(
            [
                "--db",
                str(db_path),
                "--user",
                "clerk",
                "print",
                "handover",
                h.number,
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert len(PdfReader(out).pages) == 2
    reg = tmp_path / "reg.pdf"
    assert (
        cli.main(
            [
                "--db",
                str(db_path),
                "--user",
                "clerk",
                "print",
                "handover",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
                "--out",
                str(reg),
            ]
        )
        == 0
    )
    assert h.number in PdfReader(reg).pages[0].extract_text()
    assert (
        cli.main(
            [
                "--db",
                str(db_path),
                "--user",
                "clerk",
                "print",
                "handover",
                "JJ1999-0001",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 1
    )
    assert "JJ1999-0001" in capsys.readouterr().err


def test_the_clerk_application_is_only_for_a_clerk_change(crew, tmp_path) -> None:
    h = _draft(crew, [make_card(crew["clerk"], "甲公司").id])
    with pytest.raises(ValidationError, match="档案管理员变更"):
        ho_output.print_clerk_application(crew["clerk"], h.id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_a_slip_can_be_withdrawn_and_frees_its_cards(crew) -> None:
    card = make_card(crew["clerk"], "甲公司")
    h = _draft(crew, [card.id])
    with pytest.raises(ValidationError, match="原因"):
        ho.cancel_handover(crew["clerk"], h.id, h.version, "")
    gone = ho.cancel_handover(crew["clerk"], h.id, h.version, "改期")
    assert gone.state == "cancelled"
    again = _draft(crew, [card.id])  # no longer "in another open handover"
    assert again.state == "draft"
    with pytest.raises(Conflict):
        ho.cancel_handover(crew["clerk"], gone.id, gone.version, "再撤销")


def _create(crew, department_id, from_user=None, items=None):  # type: ignore[no-untyped-def]
    return ho.create_handover(
        crew["clerk"], kind="clerk_change", reason="档案管理员调岗",
        from_party=ho.PartyInput(user_id=from_user or crew["clerk"].user_id, department_id=department_id),
        to_party=ho.PartyInput(user_id=crew["receiver"].user_id), witness=ho.PartyInput(name="周强"),
        items=items or [ho.ItemInput(name="客户名录", unit="册")],
    )  # fmt: skip


def test_a_department_nobody_could_approve_for_is_refused_when_the_slip_is_made(
    crew, admin
) -> None:
    from archive_desk import accounts

    accounts.create_department(admin, "财务部")
    events = AuditEvent.select().count()
    with pytest.raises(ValidationError, match=r"财务部.*没有部门负责人"):
        _create(crew, _dept("财务部"))
    with pytest.raises(ValidationError, match="请选择移交部门"):
        ho.create_handover(
            crew["clerk"], kind="filing", reason="归档", from_party=ho.PartyInput(name="外来人"),
            to_party=ho.PartyInput(user_id=crew["receiver"].user_id), witness=ho.PartyInput(name="周强"),
            items=[ho.ItemInput(name="客户名录", unit="册")],
        )  # fmt: skip
    # the head of 销售部 hands over himself: nobody else in 销售部 may approve it
    with pytest.raises(ValidationError, match=r"销售部.*移交人"):
        _create(crew, None, from_user=crew["head"].user_id)
    assert Handover.select().count() == 0 and AuditEvent.select().count() == events
    assert _create(crew, _dept("销售部")).state == "draft"  # a department with a head


def test_the_suggested_department_is_the_cards_keepers(crew, make_user) -> None:
    cards_of_receiver = [make_card(crew["receiver"], "甲公司").id]
    assert ho.suggested_department(crew["clerk"], cards_of_receiver, crew["clerk"].user_id) == (
        _dept("客服部")
    )
    assert ho.suggested_department(crew["clerk"], [], crew["clerk"].user_id) == _dept("销售部")
    heads = ho.department_approvers(crew["clerk"], _dept("客服部"), crew["clerk"].user_id)
    assert [c.full_name for c in heads.candidates] == ["刘洋"]


def test_a_draft_is_edited_through_the_service_version_checked_and_audited(crew, admin) -> None:
    from archive_desk import accounts

    a, b = make_card(crew["clerk"], "甲公司"), make_card(crew["clerk"], "乙公司")
    h = _draft(crew, [a.id])
    edit = {
        "kind": "department", "reason": "部门调整",
        "from_party": ho.PartyInput(user_id=crew["clerk"].user_id, department_id=_dept("客服部")),
        "to_party": ho.PartyInput(user_id=crew["office"].user_id), "witness": ho.PartyInput(user_id=crew["receiver"].user_id),
        "items": [ho.ItemInput(card_id=b.id), ho.ItemInput(name="光盘", carrier="光盘", unit="件")],
    }  # fmt: skip
    changed = ho.update_handover(crew["clerk"], h.id, h.version, **edit)
    assert (changed.kind, changed.reason, changed.from_department, changed.to_name) == (
        "department", "部门调整", "客服部", "孙丽",
    )  # fmt: skip
    assert (changed.witness_name, changed.version, changed.number) == (
        "赵敏",
        h.version + 1,
        h.number,
    )
    assert [i.card_id for i in changed.items] == [b.id, None]
    event = AuditEvent.select().order_by(AuditEvent.id.desc()).get()
    assert (event.action, event.entity_id) == ("handover.update", str(h.id))
    assert "部门调整" in event.after and "年度归档" in event.before
    with pytest.raises(StaleRecord):
        ho.update_handover(crew["clerk"], h.id, h.version, **edit)
    accounts.create_department(admin, "财务部")
    no_head = ho.PartyInput(user_id=crew["clerk"].user_id, department_id=_dept("财务部"))
    with pytest.raises(ValidationError, match="没有部门负责人"):
        ho.update_handover(crew["clerk"], h.id, changed.version, **{**edit, "from_party": no_head})
    approved = ho.decide(crew["other_head"], h.id, changed.version, "dept", approve=True)
    with pytest.raises(Conflict, match="草拟"):
        ho.update_handover(crew["clerk"], h.id, approved.version, **edit)
    assert ho.get_handover(crew["clerk"], h.id).reason == "部门调整"
    assert AuditEvent.select().where(AuditEvent.action == "handover.update").count() == 1
