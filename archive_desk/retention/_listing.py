"""The tab's lists of destruction lists under a named filter, and a list by number."""

from __future__ import annotations

from typing import Any

from peewee import JOIN, fn

from archive_desk import validation
from archive_desk.db.models import DestructionItem, DestructionProposal, User
from archive_desk.permissions import Actor
from archive_desk.procedures.filters import FilterTable, ListFilter
from archive_desk.retention._reading import may_read
from archive_desk.retention._states import (
    UNCLOSED_STATES,
    DestructionState,
    ItemState,
)
from archive_desk.retention.views import ListRow


def find_by_number(actor: Actor, number: str) -> int | None:
    may_read(actor)
    code = validation.search_text(number)[0].upper()
    found = DestructionProposal.get_or_none(DestructionProposal.number == code) if code else None
    return found.id if found else None


def _state(state: DestructionState, label: str) -> ListFilter:
    return ListFilter(state.value, label, lambda _actor: DestructionProposal.state == state)


def _due_now(actor: Actor) -> Any:
    return (DestructionProposal.state == DestructionState.APPROVED) & (
        DestructionProposal.wait_until <= actor.clock.today()
    )


LIST = FilterTable(
    DestructionProposal,
    (
        ListFilter("open", "未结束", lambda _actor: DestructionProposal.state.in_(UNCLOSED_STATES)),
        _state(DestructionState.DRAFT, "待主管审核"),
        _state(DestructionState.RETURNED, "已退回"),
        _state(DestructionState.REVIEWED, "待总经理批准"),
        _state(DestructionState.APPROVED, "待销毁（等待期）"),
        ListFilter("due_now", "等待期满待执行", _due_now),
        _state(DestructionState.EXECUTED, "已销毁待反馈"),
        _state(DestructionState.REPORTED, "已反馈"),
        _state(DestructionState.REFUSED, "未获批准"),
        _state(DestructionState.CANCELLED, "已撤销"),
        ListFilter("all", "全部"),
    ),
    may_read=may_read,
)
LIST_FILTERS = LIST.labels


def count_lists(actor: Actor, which: str = "open") -> int:
    return LIST.count(actor, which)


def list_lists(
    actor: Actor, which: str = "open", offset: int = 0, limit: int = 200
) -> list[ListRow]:
    heads = LIST.page(actor, which, offset, limit)
    ids = [h.id for h in heads]
    counts: dict[int, int] = {}
    names: dict[int, str] = {}
    if ids:
        rows: Any = (
            DestructionItem.select(DestructionItem.proposal, fn.COUNT(DestructionItem.id))
            .where(
                DestructionItem.proposal.in_(ids)
                & DestructionItem.state.in_((ItemState.LISTED, ItemState.DESTROYED))
            )
            .group_by(DestructionItem.proposal)
            .tuples()
        )
        counts = dict(rows)
        people: Any = (
            DestructionProposal.select(DestructionProposal.id, User.full_name)
            .join(User, JOIN.LEFT_OUTER, on=(DestructionProposal.proposer == User.id))
            .where(DestructionProposal.id.in_(ids))
            .tuples()
        )
        names = dict(people)
    return [
        ListRow(
            id=h.id,
            number=h.number,
            created_on=h.created_at.date(),
            proposer=names.get(h.id, ""),
            cards=counts.get(h.id, 0),
            state=DestructionState(h.state),
            state_label=DestructionState(h.state).label,
            wait_until=h.wait_until,
            executed_on=h.executed_on,
            version=h.version,
        )
        for h in heads
    ]
