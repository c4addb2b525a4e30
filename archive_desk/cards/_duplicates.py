"""Cards that may be the same customer: the same credit code, or the same current or former
name (normalised)."""

from __future__ import annotations

from peewee import Expression

from archive_desk import validation
from archive_desk.cards._listing import card_rows
from archive_desk.cards._reading import visible
from archive_desk.cards.views import CardRow
from archive_desk.db.models import (
    Card,
    CardFormerName,
)
from archive_desk.errors import (
    Conflict,
)
from archive_desk.permissions import Actor, Perm, require


class DuplicateCards(Conflict):
    """Cards with the same credit code or name exist; ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[CardRow]) -> None:
        super().__init__(message)
        self.candidates = candidates


# --- duplicates -------------------------------------------------------------------------------


def find_duplicates(
    actor: Actor, *, name: str, credit_code: str = "", exclude_id: int | None = None
) -> list[CardRow]:
    """Cards with the same credit code, or the same normalised current or former name."""
    require(actor, Perm.CARD_VIEW)
    name_key = validation.normalize_name(name) if name else ""
    code = validation.check_credit_code(credit_code).value if credit_code else ""
    cond: Expression | None = None
    if code:
        cond = Card.credit_code == code
    if name_key:
        former = CardFormerName.select(CardFormerName.card).where(
            CardFormerName.name_norm == name_key
        )
        by_name = (Card.name_norm == name_key) | Card.id.in_(former)
        cond = by_name if cond is None else (cond | by_name)
    if cond is None:
        return []
    query = Card.select(Card.id).where(cond & visible(actor))
    if exclude_id is not None:
        query = query.where(Card.id != exclude_id)
    return card_rows(actor, [c.id for c in query.limit(20)])
