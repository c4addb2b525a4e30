"""Findings: entered by hand or opened by a return (shown with its Chinese kind), the clerk's
proposal, the manager's approval given logged in, on the pad or on paper (the dialog's list and
the decision from one rule), the resolution, and each refusal changing nothing; the overview's
finding to-dos counted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import accounts, cards
from archive_desk import borrowing as bw
from archive_desk import inspection as ins
from archive_desk.db.models import Approval, InspectionFinding, Signature, User
from archive_desk.domain import Role
from archive_desk.errors import (
    Conflict,
    NotFound,
    PermissionDenied,
    StaleRecord,
    ValidationError,
)
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")
DUE = dt.date(2026, 3, 31)


@pytest.fixture
def people(clerk, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "clerk": clerk,
        "manager": make_user(Role.MANAGER, "chenjing", department="客服部", full_name="陈静"),
        "head": make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚"),
        "card": make_card(clerk, "北京海淀科技有限公司"),
    }


def _proposed(people: dict[str, Any]) -> ins.FindingView:
    f = ins.new_finding(people["clerk"], people["card"].id, kind="outdated",
                        description="联系人电话已停用")  # fmt: skip
    return ins.propose(people["clerk"], f.id, f.version, proposal="请业务员核实后更新", due_on=DUE)


def test_approval_logged_in_by_the_manager(people) -> None:  # type: ignore[no-untyped-def]
    f = _proposed(people)
    assert (f.state, f.proposed_by, f.due_on) == ("proposed", "李档案", DUE)
    offered = ins.approvers(people["clerk"], f.id)
    assert [c.full_name for c in offered.candidates] == ["陈静"] and offered.may_record
    assert not offered.actor_may  # the clerk records, she does not approve
    done = ins.decide(people["manager"], f.id, f.version, approve=True, comment="同意")
    assert done.state == "approved" and done.decision is not None
    assert (done.decision.approver, done.decision.method, done.decision.comment) == (
        "陈静",
        "login",
        "同意",
    )


def test_approval_signed_on_the_pad_or_on_paper(people) -> None:  # type: ignore[no-untyped-def]
    manager = people["manager"]
    f = _proposed(people)
    done = ins.decide(people["clerk"], f.id, f.version, approve=True, method="pad",
                      approver_id=manager.user_id, signature_png=b"\x89PNG-pad")  # fmt: skip
    assert done.decision is not None and done.decision.signature == b"\x89PNG-pad"
    step = Approval.get((Approval.entity == "finding") & (Approval.entity_id == f.id))
    assert (step.step, step.decision, step.recorded_by_id) == (
        "manager",
        "approved",
        people["clerk"].user_id,
    )
    assert Signature.get_by_id(step.signature_id).role == "approver_manager"
    g = _proposed(people)
    with pytest.raises(ValidationError, match="纸面审批单"):
        ins.decide(people["clerk"], g.id, g.version, approve=True, method="paper",
                   approver_id=manager.user_id)  # fmt: skip
    done = ins.decide(people["clerk"], g.id, g.version, approve=True, method="paper",
                      approver_id=manager.user_id, paper_ref="整改审批 07")  # fmt: skip
    assert done.decision is not None and (done.decision.method, done.decision.paper_ref) == (
        "paper",
        "整改审批 07",
    )


def test_a_proposal_sent_back_is_written_again(people) -> None:  # type: ignore[no-untyped-def]
    f = _proposed(people)
    with pytest.raises(ValidationError, match="请写明理由"):
        ins.decide(people["manager"], f.id, f.version, approve=False)
    back = ins.decide(people["manager"], f.id, f.version, approve=False, comment="先核实")
    assert back.state == "rejected" and back.state_label == "处理意见被退回"
    with pytest.raises(Conflict, match="没有待审批的处理意见"):
        ins.decide(people["manager"], back.id, back.version, approve=True)
    again = ins.propose(people["clerk"], back.id, back.version, proposal="已核实：更换联系人",
                        due_on=DUE)  # fmt: skip
    done = ins.decide(people["manager"], again.id, again.version, approve=True)
    assert [d.decision for d in done.decisions] == ["refused", "approved"]


def test_approval_refusals(people, admin) -> None:  # type: ignore[no-untyped-def]
    clerk, manager, head = people["clerk"], people["manager"], people["head"]
    f = _proposed(people)
    with pytest.raises(PermissionDenied, match="审批整改"):  # a clerk cannot approve herself
        ins.decide(clerk, f.id, f.version, approve=True)
    with pytest.raises(PermissionDenied, match="无权审批整改意见"):  # nor name a head on paper
        ins.decide(clerk, f.id, f.version, approve=True, method="paper",
                   approver_id=head.user_id, paper_ref="P-1")  # fmt: skip
    with pytest.raises(PermissionDenied):
        ins.decide(head, f.id, f.version, approve=True)
    with pytest.raises(StaleRecord):
        ins.decide(manager, f.id, f.version - 1, approve=True)
    # approving one's own proposal: the proposer became the manager since
    user = User.get_by_id(clerk.user_id)
    accounts.update_user(admin, user.id, user.version, full_name=user.full_name,
                         role=Role.MANAGER, department_id=user.department_id, clearance=3)  # fmt: skip
    promoted = accounts.login("clerk", "Secret-123", clock=clerk.clock)
    with pytest.raises(PermissionDenied, match="不能审批自己提出的处理意见"):
        ins.decide(promoted, f.id, f.version, approve=True)
    assert promoted.user_id not in [c.id for c in ins.approvers(manager, f.id).candidates]
    assert ins.get_finding(manager, f.id).state == "proposed"  # nothing changed
    assert Approval.select().count() == 0


def test_resolution_and_its_refusals(people, clock) -> None:  # type: ignore[no-untyped-def]
    clerk = people["clerk"]
    f = _proposed(people)
    with pytest.raises(Conflict, match="获批准后才能记录整改结果"):  # unapproved
        ins.resolve(clerk, f.id, f.version, resolution="已更新", resolved_on=dt.date(2026, 3, 2))
    f = ins.decide(people["manager"], f.id, f.version, approve=True)
    for kwargs, message in (
        ({"resolution": " ", "resolved_on": dt.date(2026, 3, 2)}, "请写明整改结果"),
        ({"resolution": "已更新", "resolved_on": None}, "请填写整改完成日期"),
        ({"resolution": "已更新", "resolved_on": dt.date(2026, 3, 3)}, "不能晚于今天"),
        ({"resolution": "已更新", "resolved_on": dt.date(2026, 3, 1)}, "不能早于处理意见获批准"),
    ):
        with pytest.raises(ValidationError, match=message):
            ins.resolve(clerk, f.id, f.version, **kwargs)
    with pytest.raises(PermissionDenied):
        ins.resolve(
            people["manager"], f.id, f.version, resolution="x", resolved_on=dt.date(2026, 3, 2)
        )
    assert ins.get_finding(clerk, f.id).state == "approved"
    done = ins.resolve(
        clerk, f.id, f.version, resolution="已更新联系人", resolved_on=dt.date(2026, 3, 2)
    )
    assert (done.state, done.resolved_by, done.resolved_on) == (
        "resolved",
        "李档案",
        dt.date(2026, 3, 2),
    )
    history = cards.history(clerk, people["card"].id)[0]
    assert (history.action, history.field, history.new_value) == (
        "rectify",
        "检查问题：内容过时",
        "已更新联系人",
    )
    with pytest.raises(Conflict):
        ins.propose(clerk, done.id, done.version, proposal="再来", due_on=DUE)


def test_entering_and_proposing_refusals(people) -> None:  # type: ignore[no-untyped-def]
    clerk, card = people["clerk"], people["card"]
    for kwargs, message in (
        ({"kind": "nonsense", "description": "x"}, "问题类型"),
        ({"kind": "damage", "description": "  "}, "请描述"),
        ({"kind": "damage", "description": "x", "proposal": "修补", "due_on": None}, "整改期限"),
        ({"kind": "damage", "description": "x", "proposal": "修补", "due_on": dt.date(2026, 3, 1)},
         "不能早于今天"),
    ):  # fmt: skip
        with pytest.raises(ValidationError, match=message):
            ins.new_finding(clerk, card.id, **kwargs)
    with pytest.raises(NotFound):
        ins.new_finding(clerk, 99999, kind="damage", description="x")
    with pytest.raises(PermissionDenied):
        ins.new_finding(people["manager"], card.id, kind="damage", description="x")
    assert InspectionFinding.select().count() == 0
    f = ins.new_finding(clerk, card.id, kind="damage", description="封皮破损", proposal="修补",
                        due_on=DUE)  # fmt: skip
    assert f.state == "proposed" and f.source == "manual" and f.source_label == "手工登记"
    with pytest.raises(Conflict, match="不能再提处理意见"):
        ins.propose(clerk, f.id, f.version, proposal="另一个", due_on=DUE)


def test_a_return_made_finding_is_listed_with_its_chinese_kind(people) -> None:  # type: ignore[no-untyped-def]
    clerk, card = people["clerk"], people["card"]
    made = make_card(clerk, "上海浦东贸易有限公司",
                     documents=[cards.DocumentInput("购销合同", "合同", True, 12)])  # fmt: skip
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    app = bw.apply(clerk, bw.BorrowerInput(name="赵六", department_id=dept), [made.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(people["head"], app.id, app.version, approve=True)
    app = bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    doc = cards.get_card(clerk, made.id).documents[0]
    bw.return_items(clerk, app.id, app.version,
                    [bw.ItemReturn(app.items[0].id, [bw.DocumentCheck(int(doc.id or 0), pages_found=10)])],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    listed = ins.list_findings(clerk, ins.FindingFilter("open"))
    assert [(f.archive_no, f.kind_label, f.source_label, f.state_label) for f in listed] == [
        (made.archive_no, "缺页", "借阅归还", "待提处理意见")
    ]
    assert app.number in listed[0].description
    assert ins.list_findings(clerk, ins.FindingFilter("open", kind="damage")) == []
    assert [f.id for f in ins.list_findings(clerk, ins.FindingFilter("all", card="浦东"))] == [
        listed[0].id
    ]
    assert ins.list_findings(clerk, ins.FindingFilter("all", card=card.archive_no)) == []


def test_the_finding_todos_count_what_waits(people, clock) -> None:  # type: ignore[no-untyped-def]
    clerk, manager = people["clerk"], people["manager"]
    waiting = _proposed(people)
    late = ins.decide(manager, _proposed(people).id, 2, approve=True)
    ins.new_finding(clerk, people["card"].id, kind="other", description="待处理")
    todo = {t.key: t for t in ins.todos(clerk)}
    assert [todo[k].count for k in ("findings_open", "findings_proposed", "findings_approved",
                                    "findings_overdue")] == [1, 1, 1, 0]  # fmt: skip
    assert not todo["findings_proposed"].urgent  # the clerk waits; the manager acts
    mine = {t.key: t for t in ins.todos(manager)}
    assert list(mine) == ["findings_proposed", "findings_approved", "findings_overdue"]
    assert mine["findings_proposed"].count == 1 and mine["findings_proposed"].urgent
    clock.set("2026-04-01T09:00:00")  # the deadline passed
    assert {t.key: t.count for t in ins.todos(clerk)}["findings_overdue"] == 1
    assert [f.id for f in ins.list_findings(clerk, ins.FindingFilter("overdue"))] == [late.id]
    assert (
        ins.get_finding(clerk, late.id).overdue and not ins.get_finding(clerk, waiting.id).overdue
    )
    assert ins.todos(people["head"]) == []
