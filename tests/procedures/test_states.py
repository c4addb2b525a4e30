"""States are enums with their Chinese labels, one definition per state set: every code the
program stores has a label, and no raw code reaches a view's label or a list's column."""

from __future__ import annotations

import re

import pytest

from archive_desk import borrowing as bw
from archive_desk import demo, inspection
from archive_desk import handover as ho
from archive_desk.db.models import Approval, Borrowing, BorrowingItem, Handover, InspectionFinding
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureMethod
from archive_desk.procedures.states import LabelledEnum

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SETS: tuple[type[LabelledEnum], ...] = (
    bw.BorrowingState, bw.ItemState, bw.ReturnCondition, bw.BorrowMode, ho.HandoverState,
    ho.HandoverKind, ho.HandoverStep, ho.Signer, ho.ItemDifference, ho.Resolution,
    ho.StepDecision, inspection.FindingKind, inspection.FindingState, ApprovalMethod,
    SignatureMethod,
)  # fmt: skip


@pytest.mark.parametrize("states", SETS, ids=lambda s: s.__name__)
def test_every_member_is_its_stored_code_with_a_chinese_label(states) -> None:  # type: ignore[no-untyped-def]
    for member in states:
        assert member == member.value and isinstance(member, str)
        assert re.fullmatch(r"[a-z_]+", member.value)
        assert CHINESE.search(member.label), member
        assert states(member.value) is member
        assert states.label_of(member.value) == member.label
    assert states.label_of(None) == ""
    with pytest.raises(ValueError):
        states.label_of("no_such_code")


def test_every_code_the_demo_archive_stores_has_a_label(db, clock) -> None:  # type: ignore[no-untyped-def]
    demo.populate(clock=clock, cards_count=30, loans=12)
    stored = {
        bw.BorrowingState: Borrowing.select(Borrowing.state).distinct(),
        bw.BorrowMode: Borrowing.select(Borrowing.mode).distinct(),
        bw.ItemState: BorrowingItem.select(BorrowingItem.state).distinct(),
        ho.HandoverState: Handover.select(Handover.state).distinct(),
        ho.HandoverKind: Handover.select(Handover.kind).distinct(),
        inspection.FindingKind: InspectionFinding.select(InspectionFinding.kind).distinct(),
        ApprovalMethod: Approval.select(Approval.method).distinct(),
    }
    for states, query in stored.items():
        codes = {v for (v,) in query.tuples()}
        assert codes or states is inspection.FindingKind, states  # a demo return may be whole
        for code in codes:
            assert CHINESE.search(states.label_of(code)), (states, code)
    conditions = BorrowingItem.select(BorrowingItem.condition).where(
        BorrowingItem.condition.is_null(False)
    )
    assert {bw.ReturnCondition.label_of(c) for (c,) in conditions.tuples()} <= {
        "完好",
        "损坏",
        "不完整",
    }


def test_no_raw_code_reaches_a_views_label(db, clock) -> None:  # type: ignore[no-untyped-def]
    from archive_desk import accounts

    demo.populate(clock=clock, cards_count=30, loans=12)
    clerk = accounts.login("lihua", demo.DEMO_PASSWORD, clock=clock)
    rows = bw.list_borrowings(clerk, "all")
    assert rows
    for row in rows:
        assert row.state in bw.BorrowingState.labels().values()
        assert row.mode in bw.BorrowMode.labels().values()
        view = bw.get_borrowing(clerk, row.id)
        assert view.state_label == bw.BorrowingState(view.state).label
        assert view.mode_label == bw.BorrowMode(view.mode).label
    slips = ho.list_handovers(clerk, "all")
    assert slips
    for slip in slips:
        assert slip.state in ho.HandoverState.labels().values()
        assert slip.kind in ho.HandoverKind.labels().values()
        view = ho.get_handover(clerk, slip.id)
        assert CHINESE.search(view.state_label) and CHINESE.search(view.kind_label)
