"""Destroying cards (销毁): what the retention procedure's execution asks of the cards package,
inside its own transaction. Each card becomes 已销毁 and keeps its number (numbers are never
reused) and a tombstone: number, name, dates, retention, the list it was destroyed on, when and
how. Its personal data goes, as PIPL Art. 47 asks once the retention has ended: the contact
people (names, phones, e-mail, ID numbers), the card's phones, fax, e-mail and addresses, the
legal representative, and the free-text notes about the customer; its history keeps every
change's when, who and field with the personal values blanked; its search row is rebuilt
without them; the audit trail's events of the card (its creation, its edits) have the same
values replaced by a marker (:func:`archive_desk.audit.redact`: the chain stays verifiable).
What the card was is then told by its tombstone (:func:`tombstone`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from archive_desk import audit
from archive_desk.cards import _search as search
from archive_desk.cards._fields import FIELD_BY_NAME
from archive_desk.cards._reading import _get_visible
from archive_desk.db.models import (
    Card,
    CardDocument,
    CardHistory,
    CardTombstone,
    ContactPerson,
)
from archive_desk.errors import Conflict, NotFound
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes

# the card's fields that are personal data or may hold it (notes about people), emptied
PERSONAL_FIELDS = (
    "legal_rep", "address", "postcode", "phone", "fax", "email", "website",
    "sales_results", "cooperation", "competitor_relations", "management_quality",
    "credit_status", "trade_terms", "credit_problems", "open_issues", "strengths", "plans",
    "service_area", "sales_capability", "potential", "philosophy", "note",
)  # fmt: skip
# history lines whose values are blanked: those fields, and the contact people
PERSONAL_HISTORY = (*(FIELD_BY_NAME[name].label for name in PERSONAL_FIELDS), "联系人")
REMOVED = "（已按个人信息保护要求删除）"
# the audit events whose snapshots are the card's fields, and their keys with personal data:
# those fields and the contact people (card.create)
_SNAPSHOT_ACTIONS = ("card.create", "card.edit", "card.rename")
_PERSONAL_KEYS = (*PERSONAL_FIELDS, "contacts")
_BATCH = 500  # cards a statement (14 values a tombstone: far below SQLite's variable limit)


@dataclass(frozen=True)
class Destruction:
    """How the cards were destroyed, as the tombstone keeps it."""

    list_no: str
    destroyed_on: dt.date
    method: str  # as printed: 粉碎, 焚烧 …
    place: str


@dataclass(frozen=True)
class TombstoneView:
    card_id: int
    archive_no: str
    name: str
    created_on: dt.date
    trade_ended_on: dt.date | None
    retention: str
    retention_start: dt.date | None
    retention_due: dt.date | None
    list_no: str
    destroyed_on: dt.date
    method: str
    place: str


def destroy(actor: Actor, card_ids: Sequence[int], how: Destruction) -> int:
    """Destroy ``card_ids`` (inside the caller's transaction, which checked its permission and
    every card's state): status, tombstone, personal data removed, history, search row, one
    audit event a card. Returns how many were destroyed."""
    ids = sorted(set(card_ids))
    if not ids:
        return 0
    now = actor.clock.now()
    rows: list[Any] = []
    for start in range(0, len(ids), _BATCH):
        rows.extend(
            Card.select(
                Card.id, Card.archive_no, Card.name, Card.created_at, Card.trade_ended_on,
                Card.retention, Card.retention_start, Card.retention_due, Card.status,
            ).where(Card.id.in_(ids[start : start + _BATCH])).namedtuples()
        )  # fmt: skip
    if len(rows) != len(ids):
        raise NotFound("要销毁的档案卡不存在。")
    gone = [c.archive_no for c in rows if c.status != "active"]
    if gone:
        raise Conflict("档案卡已销毁，不能再次销毁：" + "、".join(gone))
    for start in range(0, len(rows), _BATCH):
        chunk = rows[start : start + _BATCH]
        chunk_ids = [c.id for c in chunk]
        CardTombstone.insert_many([_tombstone(c, how, actor, now) for c in chunk]).execute()
        Card.update(
            status="destroyed",
            destroyed_on=how.destroyed_on,
            version=Card.version + 1,
            updated_at=now,
            **dict.fromkeys(PERSONAL_FIELDS, ""),
        ).where(Card.id.in_(chunk_ids)).execute()
        ContactPerson.delete().where(ContactPerson.card.in_(chunk_ids)).execute()
        CardDocument.update(note="").where(CardDocument.card.in_(chunk_ids)).execute()
        for column in (CardHistory.old_value, CardHistory.new_value):
            CardHistory.update({column: REMOVED}).where(
                CardHistory.card.in_(chunk_ids)
                & CardHistory.field.in_(PERSONAL_HISTORY)
                & (column != "")
            ).execute()
        CardHistory.insert_many(
            {
                "card": c.id, "at": now, "user": actor.user_id, "action": "destroy",
                "reason": f"销毁清册 {how.list_no}（{how.method}，{how.place}）",
                "field": "状态", "old_value": "在库", "new_value": "已销毁",
            }
            for c in chunk
        ).execute()  # fmt: skip
    search.forget_personal(ids)  # after the phones and contacts went
    changes.note(changes.CARD, ids)
    for c in rows:
        audit.record(
            actor, "card.destroy", "card", c.id, before={"status": "active"},
            after={"archive_no": c.archive_no, "list": how.list_no,
                   "destroyed_on": how.destroyed_on, "destroy_method": how.method, "place": how.place},
        )  # fmt: skip
    audit.redact(
        actor, "card", ids, _SNAPSHOT_ACTIONS, _scrub, {"list": how.list_no, "cards": len(ids)}
    )
    return len(ids)


def _scrub(snapshot: dict[str, Any]) -> dict[str, Any]:
    """An audit event's snapshot of a card without what :func:`destroy` removes from the card:
    the personal fields, the contact people, the documents' notes (each non-empty value
    replaced by :data:`REMOVED`)."""
    kept = {k: REMOVED if k in _PERSONAL_KEYS and v not in (None, "", []) else v
            for k, v in snapshot.items()}  # fmt: skip
    documents = kept.get("documents")
    if isinstance(documents, list):
        kept["documents"] = [
            {**d, "note": REMOVED} if isinstance(d, dict) and d.get("note") else d
            for d in documents
        ]
    return kept


def _tombstone(card: Any, how: Destruction, actor: Actor, now: dt.datetime) -> dict[str, Any]:
    return {
        "card": card.id, "archive_no": card.archive_no, "name": card.name,
        "created_on": card.created_at.date(), "trade_ended_on": card.trade_ended_on,
        "retention": card.retention, "retention_start": card.retention_start,
        "retention_due": card.retention_due, "list_no": how.list_no,
        "destroyed_on": how.destroyed_on, "method": how.method, "place": how.place,
        "recorded_at": now, "recorded_by": actor.user_id,
    }  # fmt: skip


def tombstone(actor: Actor, card_id: int) -> TombstoneView | None:
    """What stays of a destroyed card (None for a card not destroyed)."""
    require(actor, Perm.CARD_VIEW)
    _get_visible(actor, card_id)
    t = CardTombstone.get_or_none(CardTombstone.card == card_id)
    if t is None:
        return None
    return TombstoneView(
        card_id=card_id, archive_no=t.archive_no, name=t.name, created_on=t.created_on,
        trade_ended_on=t.trade_ended_on, retention=t.retention,
        retention_start=t.retention_start, retention_due=t.retention_due, list_no=t.list_no,
        destroyed_on=t.destroyed_on, method=t.method, place=t.place,
    )  # fmt: skip


def check_tombstones() -> list[str]:
    """``archive-desk check``: every destroyed card has its tombstone and no personal data
    left, and every tombstone is a destroyed card's."""
    problems = []
    destroyed: Any = Card.select(Card.id, Card.archive_no).where(Card.status == "destroyed")
    kept: Any = CardTombstone.select(CardTombstone.card).tuples()
    stones = {c for (c,) in kept}
    numbers = {c.id: c.archive_no for c in destroyed}
    problems += [
        f"已销毁的档案卡 {no} 没有销毁记录" for c, no in numbers.items() if c not in stones
    ]
    problems += [f"销毁记录 {c} 对应的档案卡并未销毁" for c in sorted(stones - set(numbers))]
    left: Any = (
        ContactPerson.select(ContactPerson.card)
        .join(Card, on=(ContactPerson.card == Card.id))
        .where(Card.status == "destroyed")
        .distinct()
        .tuples()
    )
    problems += [f"已销毁的档案卡 {numbers[c]} 仍有联系人" for (c,) in left]
    return problems
