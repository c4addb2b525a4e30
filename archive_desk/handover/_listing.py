"""The handover tab's list under a named filter, the slips of a date range (the register), a
slip by number."""

from __future__ import annotations

import datetime as dt

from archive_desk import validation
from archive_desk.db.models import Handover, HandoverItem
from archive_desk.errors import ValidationError
from archive_desk.handover._reading import may_read, views_of
from archive_desk.handover._states import OPEN_STATES, HandoverKind, HandoverState
from archive_desk.handover.views import HandoverRow, HandoverView
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.filters import FilterTable, ListFilter


def find_by_number(actor: Actor, number: str) -> int | None:
    require(actor, Perm.HANDOVER_RECORD)
    code = validation.search_text(number)[0].upper()
    found = Handover.get_or_none(Handover.number == code) if code else None
    return found.id if found else None


def in_range(actor: Actor, start: dt.date, end: dt.date) -> list[HandoverView]:
    """The slips dated ``start`` to ``end`` (the register), read in a fixed number of statements
    whatever their number."""
    require(actor, Perm.HANDOVER_RECORD)
    if end < start:
        raise ValidationError("结束日期不能早于开始日期。")
    query = Handover.select().where(
        (Handover.handover_date >= start) & (Handover.handover_date <= end)
    )
    return views_of(list(query.order_by(Handover.handover_date, Handover.id)), actor)


def _state(state: HandoverState, label: str) -> ListFilter:
    return ListFilter(state.value, label, lambda _actor: Handover.state == state)


LIST = FilterTable(
    Handover,
    (
        ListFilter("open", "办理中", lambda _actor: Handover.state.in_(OPEN_STATES)),
        _state(HandoverState.DRAFT, "草拟"),
        _state(HandoverState.DEPT_APPROVED, "待核对"),
        _state(HandoverState.CHECKED, "待总经办审批"),
        _state(HandoverState.OFFICE_APPROVED, "待接收签字"),
        _state(HandoverState.RECEIVED, "已接收"),
        ListFilter("all", "全部"),
    ),
    may_read=may_read,
)
LIST_FILTERS = LIST.labels


def count_handovers(actor: Actor, which: str = "open") -> int:
    return LIST.count(actor, which)


def list_handovers(
    actor: Actor, which: str = "open", offset: int = 0, limit: int = 200
) -> list[HandoverRow]:
    rows = LIST.page(actor, which, offset, limit)
    counts: dict[int, int] = {}
    if rows:
        for item in HandoverItem.select(HandoverItem.handover).where(
            HandoverItem.handover.in_([h.id for h in rows])
        ):
            counts[item.handover_id] = counts.get(item.handover_id, 0) + 1
    return [
        HandoverRow(
            id=h.id,
            number=h.number,
            kind=HandoverKind(h.kind).label,
            from_name=h.from_name,
            to_name=h.to_name,
            witness_name=h.witness_name,
            handover_date=h.handover_date,
            items=counts.get(h.id, 0),
            state=HandoverState(h.state).label,
            version=h.version,
        )
        for h in rows
    ]
