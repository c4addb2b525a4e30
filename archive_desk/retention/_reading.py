"""A destruction list as the services return it: its head, its cards (with what would stop each
one's destruction now, while the list is open), its steps and verified signatures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archive_desk import cards
from archive_desk.db.models import Card, DestructionItem, DestructionProposal, User
from archive_desk.domain import RETENTION
from archive_desk.errors import NotFound
from archive_desk.permissions import Actor, Perm, require_any
from archive_desk.procedures import approvals, records, signatures
from archive_desk.retention._checks import problems_of
from archive_desk.retention._states import (
    ENTITY,
    OPEN_STATES,
    DestructionMethod,
    DestructionReason,
    DestructionState,
    DestructionStep,
    ItemState,
    StepDecision,
)
from archive_desk.retention.views import DestructionView, ItemView, StepView

MISSING = "销毁清册不存在。"


def numbers_in_use() -> list[str]:
    """Every destruction list's number (``archive-desk check`` compares the counters)."""
    rows: Any = DestructionProposal.select(DestructionProposal.number).tuples()
    return [n for (n,) in rows]


def may_read(actor: Actor) -> None:
    """Who may read the due list, the lists and the holds: the clerk who proposes, the manager
    who reviews and freezes, the general manager who approves."""
    require_any(
        actor,
        Perm.DESTRUCTION_PROPOSE,
        Perm.DESTRUCTION_REVIEW,
        Perm.DESTRUCTION_APPROVE,
        Perm.LEGAL_HOLD,
    )


def load(list_id: int, version: int) -> DestructionProposal:
    """The list at ``version``, for a change (NotFound, StaleRecord otherwise)."""
    return records.load(DestructionProposal, list_id, version, missing=MISSING)


def item_view(i: DestructionItem, problem: str = "", *, hidden: bool = False) -> ItemView:
    """A card of a list; ``hidden``: above the reader's clearance, its number without its
    name (the list stays whole for its steps)."""
    basis, state = DestructionReason(i.basis), ItemState(i.state)
    return ItemView(
        id=i.id, seq=i.seq, card_id=i.card_id, archive_no=i.archive_no,
        customer_name=cards.HIDDEN_NAME if hidden else i.customer_name, year=i.year, retention=i.retention,
        retention_label=RETENTION.get(i.retention, i.retention), retention_due=i.retention_due,
        kept_years=i.kept_years, pages=i.pages, basis=basis, reason=i.reason, state=state,
        state_label=state.label, note=i.note, problem=problem,
    )  # fmt: skip


def _names(ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i]
    if not wanted:
        return {}
    rows: Any = User.select(User.id, User.full_name).where(User.id.in_(wanted)).tuples()
    return dict(rows)


def views_of(heads: Sequence[DestructionProposal], reader: Actor) -> list[DestructionView]:
    """The views of many lists in a fixed number of statements, as ``reader`` may see them
    (a card above her clearance without its name); the cards of an open list carry what would
    stop their destruction today."""
    today = reader.clock.today()
    ids = [h.id for h in heads]
    if not ids:
        return []
    rows: dict[int, list[DestructionItem]] = {i: [] for i in ids}
    for i in (
        DestructionItem.select()
        .where(DestructionItem.proposal.in_(ids))
        .order_by(DestructionItem.proposal, DestructionItem.seq)
    ):
        rows[i.proposal_id].append(i)
    open_ids = {h.id for h in heads if h.state in OPEN_STATES}
    listed = [i for h in ids if h in open_ids for i in rows[h] if i.state == ItemState.LISTED]
    problems = problems_of(listed, on=today, own_list=None)
    steps = approvals.steps_of(ENTITY, ids, StepView, DestructionStep, StepDecision)
    signed = signatures.signed_of(ENTITY, ids)
    names = _names({n for h in heads for n in (h.proposer_id, h.reviewer_id, h.approver_id)})
    card_ids = sorted({i.card_id for items in rows.values() for i in items})
    hidden: set[int] = set()
    for start in range(0, len(card_ids), 500):
        above: Any = (
            Card.select(Card.id)
            .where(Card.id.in_(card_ids[start : start + 500]) & ~cards.visible(reader))
            .tuples()
        )
        hidden |= {c for (c,) in above}
    return [_view(h, rows[h.id], problems, steps[h.id], signed[h.id], names, hidden) for h in heads]


def _view(
    h: DestructionProposal,
    items: list[DestructionItem],
    problems: dict[int, str],
    steps: list[StepView],
    signed: dict[str, tuple[str, str, bytes | None, Any]],
    names: dict[int, str],
    hidden: set[int],
) -> DestructionView:
    state = DestructionState(h.state)
    method = DestructionMethod(h.method) if h.method else None
    return DestructionView(
        id=h.id, number=h.number, reason=h.reason, state=state, state_label=state.label,
        proposer_name=names.get(h.proposer_id, ""), created_at=h.created_at,
        reviewer_name=names.get(h.reviewer_id or 0, ""), reviewed_at=h.reviewed_at,
        review_opinion=h.review_opinion, approver_name=names.get(h.approver_id or 0, ""),
        approved_at=h.approved_at, approval_opinion=h.approval_opinion,
        wait_until=h.wait_until, witness1=h.witness1, witness2=h.witness2, executor=h.executor,
        executed_on=h.executed_on, place=h.place, method=method,
        method_label=method.label if method else "", feedback=h.feedback,
        reported_to=h.reported_to, reported_on=h.reported_on, note=h.note, version=h.version,
        proposer_id=h.proposer_id, items=[item_view(i, problems.get(i.id, ""), hidden=i.card_id in hidden) for i in items],
        steps=steps, signed=signed,
    )  # fmt: skip


def get_list(actor: Actor, list_id: int) -> DestructionView:
    may_read(actor)
    h = DestructionProposal.get_or_none(DestructionProposal.id == list_id)
    if h is None:
        raise NotFound(MISSING)
    return views_of([h], actor)[0]
