"""A slip as the services return it: its head, 移交清单, steps and verified signatures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archive_desk import cards
from archive_desk.cards import HIDDEN_NAME
from archive_desk.db.models import Department, Handover, HandoverItem
from archive_desk.errors import NotFound
from archive_desk.handover._states import (
    ENTITY,
    HandoverKind,
    HandoverState,
    HandoverStep,
    ItemDifference,
    Resolution,
    StepDecision,
)
from archive_desk.handover.views import HandoverView, ItemView, StepView
from archive_desk.permissions import Actor, Perm, require_any
from archive_desk.procedures import approvals, records, signatures

MISSING = "交接单不存在。"


def numbers_in_use() -> list[str]:
    """Every slip's number (``archive-desk check`` compares the counters)."""
    rows: Any = Handover.select(Handover.number).tuples()
    return [n for (n,) in rows]


def may_read(actor: Actor) -> None:
    """Who may read slips: the clerk, and those who approve a step."""
    require_any(
        actor, Perm.HANDOVER_RECORD, Perm.HANDOVER_APPROVE_DEPT, Perm.HANDOVER_APPROVE_OFFICE
    )


def load(handover_id: int, version: int) -> Handover:
    """The slip at ``version``, for a change (NotFound, StaleRecord otherwise)."""
    return records.load(Handover, handover_id, version, missing=MISSING)


def dept_name(dept_id: int | None) -> str:
    dept = Department.get_or_none(Department.id == dept_id) if dept_id else None
    return dept.name if dept else ""


def _item_view(i: HandoverItem, hidden: bool) -> ItemView:
    name = f"{i.ref_no} {HIDDEN_NAME}" if hidden else i.name
    return ItemView(
        id=i.id, seq=i.seq, card_id=i.card_id, name=name, carrier=i.carrier,
        quantity=i.quantity, unit=i.unit, ref_no=i.ref_no, note=i.note, checked=i.checked,
        difference=ItemDifference(i.difference) if i.difference else None,
        resolution=Resolution(i.resolution) if i.resolution else None,
        resolution_note=i.resolution_note,
    )  # fmt: skip


def views_of(heads: Sequence[Handover], reader: Actor) -> list[HandoverView]:
    """The views of many slips in six statements, whatever their number, as ``reader`` may see
    them: a listed card above her clearance shows its number, not its name (the row keeps
    both)."""
    ids = [h.id for h in heads]
    if not ids:
        return []
    items: dict[int, list[ItemView]] = {i: [] for i in ids}
    rows = list(
        HandoverItem.select()
        .where(HandoverItem.handover.in_(ids))
        .order_by(HandoverItem.handover, HandoverItem.seq)
    )
    hidden = cards.above_clearance(reader, [i.card_id for i in rows if i.card_id])
    for i in rows:
        items[i.handover_id].append(_item_view(i, i.card_id in hidden))
    steps = approvals.steps_of(ENTITY, ids, StepView, HandoverStep, StepDecision)
    signed = signatures.signed_of(ENTITY, ids)
    departments = {
        d.id: d.name
        for d in Department.select(Department.id, Department.name).where(
            Department.id.in_(
                {h.from_department_id for h in heads} | {h.to_department_id for h in heads}
            )
        )
    }
    out = []
    for h in heads:
        kind, state = HandoverKind(h.kind), HandoverState(h.state)
        out.append(
            HandoverView(
                id=h.id,
                number=h.number,
                kind=kind,
                kind_label=kind.label,
                reason=h.reason,
                from_name=h.from_name,
                from_department=departments.get(h.from_department_id or 0, ""),
                to_name=h.to_name,
                to_department=departments.get(h.to_department_id or 0, ""),
                witness_name=h.witness_name,
                handover_date=h.handover_date,
                state=state,
                state_label=state.label,
                received_at=h.received_at,
                version=h.version,
                items=items[h.id],
                steps=steps[h.id],
                signed=signed[h.id],
                from_user_id=h.from_user_id,
                from_department_id=h.from_department_id,
                to_user_id=h.to_user_id,
                witness_user_id=h.witness_user_id,
                created_by_id=h.created_by_id,
            )
        )
    return out


def get_handover(actor: Actor, handover_id: int) -> HandoverView:
    may_read(actor)
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound(MISSING)
    return views_of([h], actor)[0]
