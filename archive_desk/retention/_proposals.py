"""The destruction proposal (销毁建议书): the clerk lists cards — from the due list or by hand —
each with its reason; she changes a list the manager sent back (or not yet reviewed), and may
withdraw an open list. Every listed card is held (``destruction``) until it is destroyed,
exempted, withheld, or the list ends without a destruction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.db.models import Card, DestructionItem, DestructionProposal
from archive_desk.db.store import lock_rows, retrying
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records
from archive_desk.procedures.changes import transaction
from archive_desk.retention._checks import Candidate, problems
from archive_desk.retention._reading import get_list, load
from archive_desk.retention._states import (
    ENTITY,
    OPEN_STATES,
    DestructionReason,
    DestructionState,
    ItemState,
)
from archive_desk.retention.views import DestructionView, ItemInput

KIND = "destruction"
MAX_NOTE = 200


def years_between(start: dt.date | None, end: dt.date) -> int:
    """Whole years from ``start`` to ``end`` (已保管期限)."""
    if start is None or end < start:
        return 0
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def reason_text(basis: DestructionReason, note: str) -> str:
    """The reason as the forms print it: the kind, then the clerk's words."""
    return f"{basis.label}，{note}" if note else basis.label


def _check_inputs(items: Sequence[ItemInput]) -> list[tuple[ItemInput, DestructionReason, str]]:
    if not items:
        raise ValidationError("销毁清册中至少要有一张档案卡。", field="items")
    ids = [i.card_id for i in items]
    if len(set(ids)) != len(ids):
        raise ValidationError("同一张档案卡在清册中出现了两次。", field="items")
    out = []
    for n, item in enumerate(items, 1):
        if item.basis not in DestructionReason.labels():
            raise ValidationError(f"第 {n} 行：请选择销毁原因。", field="items")
        basis = DestructionReason(item.basis)
        note = validation.clean_text(item.note, f"第 {n} 行的原因说明", MAX_NOTE, field="items")
        if basis == DestructionReason.OTHER and not note:
            raise ValidationError(f"第 {n} 行：销毁原因为“其他”时请写明原因。", field="items")
        out.append((item, basis, note))
    return out


def _rows(actor: Actor, items: Sequence[ItemInput], own_list: int | None) -> list[dict[str, Any]]:
    """The checked rows of a list (its cards' facts frozen now), or the refusal naming every
    card that may not be listed and why."""
    checked = _check_inputs(items)
    ids = [i.card_id for i, _b, _n in checked]
    lock_rows(Card, ids)  # a server: no loan, slip or freeze of these cards meanwhile
    found = {c.id: c for c in Card.select().where(Card.id.in_(ids) & cards.visible(actor))}
    if len(found) != len(ids):
        raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
    today = actor.clock.today()
    stops = problems(
        [Candidate(i.card_id, i.card_id, b, own_list) for i, b, _n in checked],
        on=today,
        executing=False,
    )
    if stops:
        raise Conflict(
            "以下档案卡不能列入销毁清册："
            + "；".join(f"{found[c].archive_no} {why}" for c, why in stops.items())
        )
    pages = cards.folder_pages(ids)
    rows = []
    for item, basis, note in checked:
        card = found[item.card_id]
        rows.append({
            "card": card.id, "archive_no": card.archive_no, "customer_name": card.name,
            "year": card.created_at.year, "retention": card.retention,
            "retention_due": card.retention_due,
            "kept_years": years_between(card.retention_start or card.created_at.date(), today),
            "pages": pages.get(card.id, 0), "basis": basis, "reason": reason_text(basis, note),
            "state": ItemState.LISTED, "note": "",
        })  # fmt: skip
    return rows


def _write_items(list_id: int, number: str, rows: list[dict[str, Any]], now: dt.datetime) -> None:
    DestructionItem.delete().where(DestructionItem.proposal == list_id).execute()
    for start in range(0, len(rows), 200):
        DestructionItem.insert_many(
            [{"proposal": list_id, "seq": n, **row} for n, row in enumerate(rows, 1)][
                start : start + 200
            ]
        ).execute()
    holds.release(KIND, list_id)
    holds.place(KIND, list_id, [r["card"] for r in rows], note=number, since=now)


def _reason(reason: str) -> str:
    text = validation.clean_text(
        reason, "提请销毁的理由", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not text:
        raise ValidationError("请填写提请销毁的理由。", field="reason")
    return text


@retrying
def create_list(actor: Actor, *, reason: str, items: Sequence[ItemInput]) -> DestructionView:
    """Propose cards for destruction (the 销毁建议书): it waits for the manager's review."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    reason = _reason(reason)
    with transaction():
        rows = _rows(actor, items, None)
        now = actor.clock.now()
        head = DestructionProposal.create(
            number=next_document_no("XH", now.year), reason=reason, state=DestructionState.DRAFT,
            proposer=actor.user_id, created_at=now,
        )  # fmt: skip
        _write_items(head.id, head.number, rows, now)
        changes.note(changes.DESTRUCTION, [head.id])
        audit.record(actor, "destruction.create", ENTITY, head.id,
                     after={"number": head.number, "reason": reason, "cards": len(rows)})  # fmt: skip
    return get_list(actor, head.id)


@retrying
def update_list(
    actor: Actor, list_id: int, version: int, *, reason: str, items: Sequence[ItemInput]
) -> DestructionView:
    """Change a list not yet reviewed, or sent back: its reason and cards. A list sent back
    goes to the manager again."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    reason = _reason(reason)
    with transaction():
        head = load(list_id, version)
        if head.state not in (DestructionState.DRAFT, DestructionState.RETURNED):
            raise Conflict(
                f"销毁清册现在是“{DestructionState(head.state).label}”，只有待审核或已退回的清册才能修改。"
            )
        rows = _rows(actor, items, head.id)
        before = {"state": head.state, "reason": head.reason,
                  "cards": DestructionItem.select().where(DestructionItem.proposal == head.id).count()}  # fmt: skip
        _write_items(head.id, head.number, rows, actor.clock.now())
        records.update(
            DestructionProposal, head.id, version, reason=reason, state=DestructionState.DRAFT
        )
        changes.note(changes.DESTRUCTION, [head.id])
        audit.record(actor, "destruction.update", ENTITY, head.id, before=before,
                     after={"state": DestructionState.DRAFT, "reason": reason, "cards": len(rows)})  # fmt: skip
    return get_list(actor, list_id)


@retrying
def cancel_list(actor: Actor, list_id: int, version: int, *, reason: str) -> DestructionView:
    """Withdraw a list before its execution; its cards return to the archive."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    reason = validation.clean_text(
        reason, "撤销原因", validation.NOTE_MAX, field="reason", multiline=True, required=True
    )
    with transaction():
        head = load(list_id, version)
        if head.state not in OPEN_STATES:
            state = DestructionState(head.state).label
            raise Conflict(f"销毁清册现在是“{state}”，不能撤销。")
        holds.release(KIND, head.id)
        records.update(
            DestructionProposal, head.id, version, state=DestructionState.CANCELLED, note=reason
        )
        changes.note(changes.DESTRUCTION, [head.id])
        audit.record(actor, "destruction.cancel", ENTITY, head.id, before={"state": head.state},
                     after={"state": DestructionState.CANCELLED, "reason": reason})  # fmt: skip
    return get_list(actor, list_id)


def check_listed() -> list[str]:
    """``archive-desk check``: the destruction holds agree with the cards listed on open lists."""
    rows: Any = (
        DestructionItem.select(DestructionItem.card, DestructionItem.proposal)
        .join(DestructionProposal)
        .where(
            DestructionProposal.state.in_(OPEN_STATES) & (DestructionItem.state == ItemState.LISTED)
        )
        .tuples()
    )
    return holds.drift(KIND, set(rows))
