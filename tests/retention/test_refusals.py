"""Every bad input and conflict of a destruction is refused with a clear message and changes
nothing; the execution checks each card again and withholds those it may not destroy; an
execution destroys every checked card with its rows, tombstones and audit events, or none."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from archive_desk import audit, cards, inspection, retention
from archive_desk import handover as ho
from archive_desk.db import connection
from archive_desk.db.models import (
    Approval,
    AuditEvent,
    Card,
    CardTombstone,
    DestructionItem,
    DestructionProposal,
    Signature,
)
from archive_desk.domain import Role
from archive_desk.errors import Conflict, PermissionDenied, StaleRecord, ValidationError
from archive_desk.retention import Party
from tests.cardkit import make_card
from tests.retention.kit import (
    EXECUTOR,
    PAD,
    WITNESSES,
    after_waiting,
    approved,
    due_card,
    execute,
    lend,
    propose,
    reviewed,
    through_approval,
)


@pytest.fixture
def crew(destruction_staff):  # type: ignore[no-untyped-def]
    return destruction_staff


def _state() -> tuple[Any, ...]:
    """Everything a refused destruction must leave as it was."""
    return (
        [
            (p.state, p.version)
            for p in DestructionProposal.select().order_by(DestructionProposal.id)
        ],
        [(i.state, i.note) for i in DestructionItem.select().order_by(DestructionItem.id)],
        [(c.status, c.version) for c in Card.select().order_by(Card.id)],
        CardTombstone.select().count(),
        Signature.select().where(Signature.entity == "destruction").count(),
        Approval.select().where(Approval.entity == "destruction").count(),
        AuditEvent.select().count(),
    )


def _refused(call: Callable[[], object], error: type[Exception], match: str) -> None:
    before = _state()
    with pytest.raises(error, match=match):
        call()
    assert _state() == before


def test_a_frozen_card_is_neither_listed_nor_destroyed(crew, clock) -> None:
    a, b = due_card(crew["clerk"], "甲公司"), due_card(crew["clerk"], "乙公司")
    retention.freeze(crew["manager"], [a.id], kind="dispute", reason="货款纠纷")
    _refused(
        lambda: propose(crew, a.id, b.id), Conflict, f"{a.archive_no} 已冻结（纠纷：货款纠纷）"
    )
    lst = through_approval(crew, b.id)
    retention.freeze(crew["manager"], [b.id], kind="audit", reason="2026年度审计")  # after approval
    after_waiting(clock, lst)
    assert "已冻结（审计：2026年度审计）" in retention.recheck(crew["clerk"], lst.id)[0].problem
    _refused(lambda: execute(crew, lst), Conflict, "复核未通过，没有可以销毁的档案卡")


def test_a_card_on_an_open_list_is_neither_lent_nor_handed_over(crew, make_user, clock) -> None:
    card = due_card(crew["clerk"], "甲公司")
    app = lend(crew, card.id, lend_now=False)  # approved before the list
    lst = through_approval(crew, card.id)
    from archive_desk import borrowing as bw

    pad = bw.SignatureInput(png=b"\x89PNG-sig")
    _refused(lambda: bw.lend(crew["clerk"], app.id, app.version, borrower_signature=pad,
                             clerk_signature=pad), Conflict, "已列入销毁清册 XH2026-0001")  # fmt: skip
    _refused(lambda: lend(crew, card.id), Conflict, "已列入销毁清册")
    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    make_user(Role.DEPT_HEAD, "head2", department="销售部", full_name="刘洋")
    dept = next(d.id for d in __import__("archive_desk").accounts.list_departments()
                if d.name == "销售部")  # fmt: skip
    slip = lambda: ho.create_handover(  # noqa: E731
        crew["clerk"], kind="filing", reason="归档",
        from_party=ho.PartyInput(user_id=crew["clerk"].user_id, department_id=dept),
        to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=card.id)],
    )  # fmt: skip
    _refused(slip, Conflict, "已列入销毁清册 XH2026-0001")
    assert card.id not in ho.cards_held_by(crew["clerk"], crew["clerk"].user_id)
    assert lst.state == "approved"


def test_a_card_on_an_open_slip_or_another_list_is_not_listed(crew, make_user) -> None:
    a, b = due_card(crew["clerk"], "甲公司"), due_card(crew["clerk"], "乙公司")
    propose(crew, a.id)
    _refused(lambda: propose(crew, a.id), Conflict, "已列入销毁清册 XH2026-0001")
    receiver = make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏")
    make_user(Role.DEPT_HEAD, "head2", department="销售部", full_name="刘洋")
    from archive_desk import accounts

    dept = next(d.id for d in accounts.list_departments() if d.name == "销售部")
    h = ho.create_handover(
        crew["clerk"], kind="filing", reason="归档",
        from_party=ho.PartyInput(user_id=crew["clerk"].user_id, department_id=dept),
        to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=b.id)],
    )  # fmt: skip
    _refused(lambda: propose(crew, b.id), Conflict, f"已在交接单 {h.number} 中")


def test_what_may_not_be_proposed(crew) -> None:
    clerk = crew["clerk"]
    trading = make_card(clerk, "交易中公司", retention="D10")
    forever = make_card(clerk, "永久公司", retention="Y", trade_status="past",
                        trade_ended_on="2001-01-01")  # fmt: skip
    young = make_card(clerk, "新近公司", retention="D10", trade_status="past")
    ok = due_card(clerk, "到期公司")
    _refused(lambda: propose(crew, trading.id), Conflict, "仍在交易中")
    _refused(lambda: propose(crew, forever.id), Conflict, "保管期限为永久")
    _refused(lambda: propose(crew, young.id), Conflict, "保管期限未满（2036-03-02 到期）")
    _refused(lambda: propose(crew, ok.id, ok.id), ValidationError, "出现了两次")
    _refused(lambda: retention.create_list(clerk, reason="x", items=[]), ValidationError, "至少")
    _refused(lambda: retention.create_list(clerk, reason=" ", items=[retention.ItemInput(ok.id)]),
             ValidationError, "理由")  # fmt: skip
    _refused(lambda: retention.create_list(clerk, reason="x",
                                           items=[retention.ItemInput(young.id, "other")]),
             ValidationError, "其他")  # fmt: skip
    _refused(lambda: retention.create_list(clerk, reason="x",
                                           items=[retention.ItemInput(ok.id, "bogus")]),
             ValidationError, "销毁原因")  # fmt: skip
    _refused(lambda: retention.create_list(crew["manager"], reason="x",
                                           items=[retention.ItemInput(ok.id)]),
             PermissionDenied, "提出销毁")  # fmt: skip
    # by hand, with its reason, a card not yet due may be proposed
    assert propose(crew, young.id, basis="no_renewed_trade").state == "draft"


def test_a_destroyed_card_is_not_destroyed_again(crew, clock) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = through_approval(crew, card.id)
    after_waiting(clock, lst)
    execute(crew, lst)
    _refused(lambda: propose(crew, card.id), Conflict, "档案卡已销毁")
    _refused(lambda: retention.freeze(crew["manager"], [card.id], kind="audit", reason="审计"),
             Conflict, "已销毁的档案卡不能冻结")  # fmt: skip
    from archive_desk.procedures.changes import transaction

    def again() -> None:
        with transaction():
            cards.destroy(
                crew["clerk"], [card.id], cards.Destruction("XH", clock.today(), "粉碎", "x")
            )

    _refused(again, Conflict, "已销毁，不能再次销毁")
    done = retention.get_list(crew["clerk"], lst.id)
    _refused(lambda: execute(crew, done), Conflict, "只有已批准的清册才能执行销毁")


def test_executing_before_the_waiting_period(crew, clock) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = through_approval(crew, card.id)
    clock.advance(days=29)
    _refused(lambda: execute(crew, lst), Conflict, "等待期未满：2026-04-01 起才能销毁")
    clock.advance(days=1)
    _refused(lambda: execute(crew, lst, executed_on=clock.today().replace(day=1) - __import__(
        "datetime").timedelta(days=1)), ValidationError, "不能早于等待期满之日")  # fmt: skip


def test_the_waiting_period_is_a_setting(crew, clock, admin) -> None:
    from archive_desk import settings

    settings.set_values(admin, {"destruction.wait_days": 7})
    lst = through_approval(crew, due_card(crew["clerk"], "甲公司").id)
    assert (lst.wait_until - clock.today()).days == 7
    with pytest.raises(ValidationError, match="等待期"):
        settings.set_values(admin, {"destruction.wait_days": -1})


@pytest.mark.parametrize(
    ("executor", "witnesses", "match"),
    [
        (EXECUTOR, (Party("李档案"), Party("吴监销")), "不能由销毁执行人兼任"),
        (EXECUTOR, (Party("周监销"), Party(" 周监销 ")), "两位监销人不能是同一人"),
        (Party("李档案", 7), (Party("周强", 7), Party("吴监销")), "不能由销毁执行人兼任"),
        (EXECUTOR, (Party(""), Party("吴监销")), "第一位监销人的姓名"),
    ],
)
def test_the_witnesses_must_be_two_others(crew, clock, executor, witnesses, match) -> None:
    lst = through_approval(crew, due_card(crew["clerk"], "甲公司").id)
    after_waiting(clock, lst)
    _refused(
        lambda: execute(crew, lst, executor=executor, witnesses=witnesses), ValidationError, match
    )


def test_every_signature_and_the_facts_of_the_execution(crew, clock) -> None:
    lst = through_approval(crew, due_card(crew["clerk"], "甲公司").id)
    after_waiting(clock, lst)
    unsigned = {"witness1": PAD, "witness2": retention.SignatureInput(), "executor": PAD}
    _refused(lambda: execute(crew, lst, signed=unsigned), ValidationError, "监销人（二）尚未签字")
    _refused(lambda: execute(crew, lst, place=" "), ValidationError, "地点")
    _refused(lambda: execute(crew, lst, method="eat"), ValidationError, "销毁方式")
    _refused(lambda: execute(crew, lst, executed_on=clock.today().replace(year=2027)),
             ValidationError, "晚于今天")  # fmt: skip
    _refused(lambda: retention.execute(crew["manager"], lst.id, lst.version, executed_on=clock.today(),
                                       place="x", method="shred", executor=EXECUTOR,
                                       witnesses=WITNESSES, signed={}),
             PermissionDenied, "提出销毁")  # fmt: skip


def test_approving_ones_own_list_and_steps_out_of_turn(crew, make_user) -> None:
    card = due_card(crew["clerk"], "甲公司")
    lst = propose(crew, card.id)
    clerk = crew["clerk"]
    _refused(lambda: retention.decide(clerk, lst.id, lst.version, "review", approve=True,
                                      method="pad", approver_id=clerk.user_id,
                                      signature_png=b"\x89PNG"),
             PermissionDenied, "不能审批自己提出的销毁清册")  # fmt: skip
    _refused(lambda: retention.decide(clerk, lst.id, lst.version, "review", approve=True),
             PermissionDenied, "审核销毁")  # fmt: skip
    _refused(lambda: retention.decide(crew["gm"], lst.id, lst.version, "approve", approve=True),
             Conflict, "待主管审核")  # fmt: skip
    other = make_user(Role.MANAGER, "manager2", department="客服部", full_name="钱主管")
    _refused(lambda: retention.decide(clerk, lst.id, lst.version, "review", approve=True,
                                      method="paper", approver_id=crew["gm"].user_id,
                                      paper_ref="1"),
             PermissionDenied, "需要档案主管/客服经理")  # fmt: skip
    _refused(lambda: retention.decide(other, lst.id, lst.version, "review", approve=False),
             ValidationError, "写明意见")  # fmt: skip
    offered = retention.step_approvers(clerk, lst.id, "review")
    assert {c.full_name for c in offered.candidates} == {"陈静", "钱主管"}
    assert not offered.actor_may and offered.may_record


def test_exemptions_need_a_reason_and_leave_a_card_to_destroy(crew) -> None:
    a, b = due_card(crew["clerk"], "甲公司"), due_card(crew["clerk"], "乙公司")
    lst = propose(crew, a.id, b.id)
    first, second = (i.id for i in lst.items)
    _refused(lambda: reviewed(crew, lst, {first: " "}), ValidationError, "理由")
    _refused(lambda: reviewed(crew, lst, {first: "续存", second: "续存"}), ValidationError, "退回")
    _refused(lambda: reviewed(crew, lst, {999: "续存"}), ValidationError, "不在这份清册")
    _refused(lambda: retention.decide(crew["manager"], lst.id, lst.version, "review",
                                      approve=False, comment="退回", exempt={first: "续存"}),
             ValidationError, "豁免")  # fmt: skip


def test_a_list_approved_twice_from_two_program_instances(crew, db_path) -> None:
    """Two general managers' desks approve the same list at the same moment: each its own
    connection (a thread: peewee gives each thread its own, as a second program would have);
    one approval stands, the other is told the list changed, and one step is kept."""
    lst = reviewed(crew, propose(crew, due_card(crew["clerk"], "甲公司").id))
    start = threading.Barrier(2)
    outcomes: list[object] = []

    def desk() -> None:
        # not open_database per thread: the store is one for the program, and a second open
        # would replace it under the other thread (its server connection left to the GC)
        connection.database.connect(reuse_if_open=True)
        start.wait()
        try:
            outcomes.append(approved(crew, lst).state)
        except (StaleRecord, Conflict) as exc:
            outcomes.append(type(exc))
        finally:
            connection.close_database()

    desks = [threading.Thread(target=desk) for _ in range(2)]
    for t in desks:
        t.start()
    for t in desks:
        t.join(30)
    assert sorted(map(str, outcomes)) == sorted(["approved", str(StaleRecord)]), outcomes
    steps = Approval.select().where(
        (Approval.entity == "destruction") & (Approval.step == "approve")
    )
    assert steps.count() == 1
    assert audit.verify_chain().ok


def test_the_execution_checks_every_card_again(crew, clock, make_user) -> None:
    clerk = crew["clerk"]
    lent, finding, frozen, resumed, moved, fine, exempt = (
        due_card(clerk, name)
        for name in (
            "借出公司",
            "发现公司",
            "冻结公司",
            "恢复公司",
            "改期公司",
            "正常公司",
            "豁免公司",
        )
    )
    loan = lend(crew, lent.id)  # out before it was listed: it may be listed, not destroyed
    lst = propose(crew, *(c.id for c in (lent, finding, frozen, resumed, moved, fine, exempt)))
    exempt_item = next(i.id for i in lst.items if i.card_id == exempt.id)
    lst = approved(crew, reviewed(crew, lst, {exempt_item: "客户要求续存"}))
    from archive_desk.procedures.changes import transaction

    with transaction():
        inspection.open_finding(clerk, card_id=finding.id, kind=inspection.FindingKind.DAMAGE,
                                description="封面破损", source="inspection")  # fmt: skip
    retention.freeze(crew["manager"], [frozen.id], kind="litigation", reason="仲裁中")
    view = cards.get_card(clerk, resumed.id, log_view=False)
    cards.update_card(clerk, resumed.id, view.version,
                      cards.CardDraft(values={**view.values, "trade_status": "active"}))  # fmt: skip
    view = cards.get_card(clerk, moved.id, log_view=False)
    cards.update_card(clerk, moved.id, view.version,
                      cards.CardDraft(values={**view.values, "trade_ended_on": "2020-06-30"}))  # fmt: skip
    after_waiting(clock, lst)
    problems = {r.archive_no: r.problem for r in retention.recheck(clerk, lst.id)}
    expected = {
        lent.archive_no: "正在借出",
        finding.archive_no: "有未处理的检查发现（破损）",
        frozen.archive_no: "已冻结（诉讼：仲裁中）",
        resumed.archive_no: "已恢复交易",
        moved.archive_no: "保管期限未满（2030-06-30 到期）",
        fine.archive_no: "",
    }
    assert problems == expected  # the exempted card is not asked about: it is not listed
    done = execute(crew, lst)
    states = {i.archive_no: (i.state, i.note) for i in done.items}
    assert states[fine.archive_no] == ("destroyed", "")
    assert states[exempt.archive_no] == ("exempted", "客户要求续存")
    for number, why in expected.items():
        if why:
            assert states[number] == ("withheld", why)
    assert [c.id for c in Card.select().where(Card.status == "destroyed")] == [fine.id]
    audit_after = AuditEvent.get(AuditEvent.action == "destruction.execute")
    assert "正在借出" in audit_after.after and loan.id
    # the withheld cards are back in the archive: free to be lent or listed again
    assert retention.due_list(clerk)[0].listed_on == ""


def test_an_execution_destroys_every_checked_card_or_none(crew, clock, monkeypatch) -> None:
    """A failure in the middle (here: the disk refusing the third card's audit event) leaves no
    card destroyed, no tombstone, no register row changed, no signature, no event."""
    listed = [due_card(crew["clerk"], f"公司{i}") for i in range(4)]
    lst = through_approval(crew, *(c.id for c in listed))
    after_waiting(clock, lst)
    real = audit.record
    seen: list[str] = []

    def failing(actor, action, *args, **kwargs):  # type: ignore[no-untyped-def]
        if action == "card.destroy":
            seen.append(action)
            if len(seen) == 3:
                raise OSError(28, "No space left on device")
        return real(actor, action, *args, **kwargs)

    monkeypatch.setattr(audit, "record", failing)
    before = _state()
    with pytest.raises(OSError):
        execute(crew, lst)
    assert _state() == before
    assert retention.get_list(crew["clerk"], lst.id).state == "approved"
    monkeypatch.setattr(audit, "record", real)
    done = execute(crew, lst)
    assert [i.state for i in done.items] == ["destroyed"] * 4
    assert CardTombstone.select().count() == 4


def test_withdrawing_and_refusing_return_the_cards(crew) -> None:
    a, b = due_card(crew["clerk"], "甲公司"), due_card(crew["clerk"], "乙公司")
    lst = propose(crew, a.id)
    _refused(lambda: retention.cancel_list(crew["clerk"], lst.id, lst.version, reason=""),
             ValidationError, "撤销原因")  # fmt: skip
    gone = retention.cancel_list(crew["clerk"], lst.id, lst.version, reason="重新鉴定")
    assert gone.state == "cancelled"
    _refused(lambda: retention.cancel_list(crew["clerk"], gone.id, gone.version, reason="再撤"),
             Conflict, "不能撤销")  # fmt: skip
    other = reviewed(crew, propose(crew, a.id, b.id))
    _refused(lambda: retention.decide(crew["gm"], other.id, other.version, "approve",
                                      approve=False), ValidationError, "写明意见")  # fmt: skip
    refused = retention.decide(crew["gm"], other.id, other.version, "approve", approve=False,
                               comment="暂缓销毁，明年再议")  # fmt: skip
    assert refused.state == "refused"
    assert [r.listed_on for r in retention.due_list(crew["clerk"])] == ["", ""]
    _refused(lambda: retention.update_list(crew["clerk"], refused.id, refused.version,
                                           reason="x", items=[retention.ItemInput(a.id)]),
             Conflict, "只有待审核或已退回")  # fmt: skip


def test_feedback_only_after_the_execution(crew, clock) -> None:
    lst = through_approval(crew, due_card(crew["clerk"], "甲公司").id)
    _refused(lambda: retention.record_feedback(crew["clerk"], lst.id, lst.version,
                                               reported_to="总经理", reported_on=clock.today(),
                                               feedback="已销毁"),
             Conflict, "只有已执行销毁")  # fmt: skip
    after_waiting(clock, lst)
    done = execute(crew, lst)
    _refused(lambda: retention.record_feedback(crew["clerk"], done.id, done.version,
                                               reported_to=" ", reported_on=clock.today(),
                                               feedback="已销毁"),
             ValidationError, "反馈给谁")  # fmt: skip
    _refused(lambda: retention.record_feedback(crew["clerk"], done.id, done.version,
                                               reported_to="总经理",
                                               reported_on=clock.today().replace(day=1, month=3),
                                               feedback="已销毁"),
             ValidationError, "早于销毁日期")  # fmt: skip


def test_a_finding_awaiting_its_approval_or_sent_back_still_stops_a_destruction(
    crew, clock
) -> None:
    """Every state of a finding but resolved holds the card back: proposed (awaiting the
    manager) and rejected (to be written again) as well as open and approved."""
    proposed, rejected = due_card(crew["clerk"], "甲公司"), due_card(crew["clerk"], "乙公司")
    from archive_desk.procedures.changes import transaction

    findings = {}
    for card in (proposed, rejected):
        with transaction():
            findings[card.id] = inspection.open_finding(
                crew["clerk"], card_id=card.id, kind=inspection.FindingKind.DAMAGE,
                description="封面破损", source="manual",
            )  # fmt: skip
    for card in (proposed, rejected):
        f = inspection.get_finding(crew["clerk"], findings[card.id])
        f = inspection.propose(crew["clerk"], f.id, f.version, proposal="换新卷皮",
                                 due_on=clock.today().replace(day=20))  # fmt: skip
        if card is rejected:
            inspection.decide(crew["manager"], f.id, f.version, approve=False, comment="先核实")
    lst = approved(crew, reviewed(crew, propose(crew, proposed.id, rejected.id)))
    after_waiting(clock, lst)
    problems = {r.card_id: r.problem for r in retention.recheck(crew["clerk"], lst.id)}
    assert problems == {c.id: "有未处理的检查发现（破损）" for c in (proposed, rejected)}
