"""Reading a card: what a user may see (:func:`visible`, the one rule), the whole card, its
history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from peewee import JOIN, Case, Expression, fn

from archive_desk import audit
from archive_desk.cards import _classification as classification
from archive_desk.cards._fields import CARD_FIELDS, FieldSpec
from archive_desk.cards.views import CardView, ContactInput, DocumentInput, HistoryRow
from archive_desk.db.models import (
    Card,
    CardDocument,
    CardFormerName,
    CardHistory,
    Category,
    ContactPerson,
    Department,
    Person,
    User,
)
from archive_desk.db.prepared import Slot
from archive_desk.domain import (
    Secrecy,
)
from archive_desk.errors import (
    NotFound,
)
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import holds
from archive_desk.procedures.changes import transaction

# --- visibility -------------------------------------------------------------------------------


def numbers_in_use() -> list[str]:
    """Every card's archive number (``archive-desk check`` compares the counters)."""
    rows: Any = Card.select(Card.archive_no).tuples()
    return [n for (n,) in rows]


def visible(actor: Actor) -> Expression:
    """The one rule of what ``actor`` may see: cards up to the actor's clearance."""
    return Card.secrecy <= actor.clearance


class _ClearanceSlot:
    """An actor whose clearance is a placeholder: :func:`visible` itself writes the condition of
    a statement built once (an attribute it does not have fails loudly)."""

    clearance = Slot("clearance", Card.secrecy)


def visible_slot() -> Expression:
    """:func:`visible` for a statement peewee builds once (:mod:`archive_desk.db.prepared`): the
    actor's clearance is the slot ``clearance``."""
    return visible(cast(Actor, _ClearanceSlot))


# a card above the reader's clearance where another record lists it (an inventory's line, a
# destruction list's row): its number shows, its name does not
HIDDEN_NAME = "（密级高于您的可阅密级，名称不显示）"
_BATCH = 500  # ids a statement


def above_clearance(actor: Actor, card_ids: Sequence[int]) -> set[int]:
    """The cards of ``card_ids`` the actor may not see (:func:`visible`): a record that lists
    them shows their number, and :data:`HIDDEN_NAME` for their name."""
    ids = sorted(set(card_ids))
    hidden: set[int] = set()
    for start in range(0, len(ids), _BATCH):
        rows: Any = (
            Card.select(Card.id)
            .where(Card.id.in_(ids[start : start + _BATCH]) & ~visible(actor))
            .tuples()
        )
        hidden.update(card_id for (card_id,) in rows)
    return hidden


def names_as_seen(actor: Actor, card_ids: Sequence[int]) -> dict[int, str]:
    """The names of ``card_ids`` as the actor may see them: :data:`HIDDEN_NAME` for a card
    above her clearance (:func:`visible`), for a record that lists cards it does not copy."""
    ids = sorted(set(card_ids))
    names: dict[int, str] = {}
    for start in range(0, len(ids), _BATCH):
        rows: Any = (
            Card.select(Card.id, Case(None, [(visible(actor), Card.name)], HIDDEN_NAME))
            .where(Card.id.in_(ids[start : start + _BATCH]))
            .tuples()
        )
        names.update(rows)
    return names


def _get_visible(actor: Actor, card_id: int) -> Card:
    card = Card.get_or_none((Card.id == card_id) & visible(actor))
    if card is None:
        raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
    return card


def _display(spec: FieldSpec, value: Any) -> str:
    if value is None or value == "":
        return ""
    if spec.choices is not None:
        return str(spec.choices.get(value, value))
    if spec.name == "region_id":
        return next((r.path for r in classification.list_regions() if r.id == value), str(value))
    if spec.name == "category_id":
        cat = Category.get_or_none(Category.id == value)
        return f"{cat.code} {cat.name}" if cat else str(value)
    if spec.name == "salesperson_id":
        person = Person.get_or_none(Person.id == value)
        return person.name if person else str(value)
    if spec.name == "department_id":
        dept = Department.get_or_none(Department.id == value)
        return dept.name if dept else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _current_values(card: Card) -> dict[str, Any]:
    return {spec.name: getattr(card, spec.name) for spec in CARD_FIELDS}


# --- reading ----------------------------------------------------------------------------------


def _on_loan(card_id: int) -> tuple[str | None, dt.datetime | None]:
    """Who has the card out, and since when: what its loan hold says."""
    found = holds.of([card_id], "loan").get(card_id)
    if not found:
        return None, None
    return found[0].note, found[0].since


def get_card(actor: Actor, card_id: int, *, log_view: bool = True) -> CardView:
    """The whole card. Opening a 秘密 or 机密 card is logged in the audit trail."""
    require(actor, Perm.CARD_VIEW)
    card = _get_visible(actor, card_id)
    if log_view and card.secrecy >= Secrecy.SECRET:
        with transaction():
            audit.record(
                actor,
                "card.view_classified",
                "card",
                card_id,
                after={"archive_no": card.archive_no, "secrecy": card.secrecy},
            )
    values = _current_values(card)
    labels = {
        spec.name: _display(spec, values[spec.name])
        for spec in CARD_FIELDS
        if spec.kind in ("choice", "ref")
    }
    lent_to, lent_since = _on_loan(card_id)
    region_path = labels.get("region_id", "")
    return CardView(
        id=card.id,
        archive_no=card.archive_no,
        version=card.version,
        values=values,
        labels=labels,
        region_path=region_path,
        category_code=card.category.code,
        category_color=card.category.color,
        status=card.status,
        retention_due=card.retention_due,
        trade_ended_on=card.trade_ended_on,
        created_at=card.created_at,
        updated_at=card.updated_at,
        former_names=[(f.name, f.until) for f in card.former_names.order_by(CardFormerName.id)],
        contacts=[
            ContactInput(c.name, c.title, c.mobile, c.phone, c.email, c.id_number, c.note)
            for c in card.contacts.order_by(ContactPerson.seq)
        ],
        documents=[
            DocumentInput(d.title, d.doc_type, d.is_original, d.pages, d.doc_date, d.note, d.id)
            for d in card.documents.where(CardDocument.removed == False).order_by(CardDocument.seq)  # noqa: E712
        ],
        on_loan_to=lent_to,
        on_loan_since=lent_since,
        last_seen_on=card.last_seen_on,
        last_seen_place=card.last_seen_place,
    )


def history(actor: Actor, card_id: int) -> list[HistoryRow]:
    require(actor, Perm.CARD_VIEW)
    _get_visible(actor, card_id)
    rows = (
        CardHistory.select(CardHistory, User.full_name)
        .join(User, JOIN.LEFT_OUTER, on=(CardHistory.user == User.id))
        .where(CardHistory.card == card_id)
        .order_by(CardHistory.at.desc(), CardHistory.id.desc())
    )
    return [
        HistoryRow(
            h.at,
            h.user.full_name if h.user else "",
            h.action,
            h.reported_by,
            h.reason,
            h.field,
            h.old_value,
            h.new_value,
        )
        for h in rows
    ]


def folder_pages(card_ids: Sequence[int]) -> dict[int, int]:
    """The pages in each card's folder (its contents list, rows removed left out): what a
    register of the cards prints as 页数. One statement a few hundred cards."""
    out = dict.fromkeys(card_ids, 0)
    ids = list(out)
    for start in range(0, len(ids), 500):
        rows: Any = (
            CardDocument.select(CardDocument.card, fn.SUM(CardDocument.pages))
            .where(CardDocument.card.in_(ids[start : start + 500]) & ~CardDocument.removed)
            .group_by(CardDocument.card)
            .tuples()
        )
        for card_id, pages in rows:
            out[card_id] = int(pages or 0)
    return out
