"""Cards that may be the same customer: the same credit code, or the same current or former
name (normalised) — for one card (the editor) or for many rows at once (an import)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peewee import Expression

from archive_desk import validation
from archive_desk.cards._listing import _chunks, card_rows
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


@dataclass(frozen=True)
class DuplicateMatch:
    """The archive's cards one imported row repeats (same credit code, or the same normalised
    current or former name): ``cards``, those the actor may see; ``hidden``, that a card above
    the actor's clearance matches too — nothing else of it is told."""

    cards: list[CardRow]
    hidden: bool


def match_duplicates(actor: Actor, keys: Sequence[tuple[str, str]]) -> list[DuplicateMatch]:
    """:func:`find_duplicates` for many ``(name, credit code)`` pairs at once (an import's
    rows), in a few queries; one :class:`DuplicateMatch` per pair."""
    require(actor, Perm.CARD_VIEW)
    names = [validation.normalize_name(n) if n else "" for n, _ in keys]
    codes = [validation.check_credit_code(c).value if c else "" for _, c in keys]
    found: dict[str, set[int]] = {}
    seen: dict[int, bool] = {}
    shown = visible(actor).alias("seen")
    queries = (
        (sorted({c for c in codes if c}), Card.credit_code, "c:", Card.select(Card.id)),
        (sorted({n for n in names if n}), Card.name_norm, "n:", Card.select(Card.id)),
        (
            sorted({n for n in names if n}),
            CardFormerName.name_norm,
            "n:",
            CardFormerName.select(CardFormerName.card).join(Card),
        ),
    )
    for wanted, column, prefix, base in queries:
        for chunk in _chunks(wanted):
            rows: Any = base.select_extend(column, shown).where(column.in_(list(chunk))).tuples()
            for card_id, key, may_see in rows:
                found.setdefault(prefix + key, set()).add(card_id)
                seen[card_id] = bool(may_see)
    matched = [
        found.get("c:" + c, set()) | found.get("n:" + n, set()) if (c or n) else set()
        for n, c in zip(names, codes, strict=True)
    ]
    wanted_ids = sorted({i for ids in matched for i in ids if seen[i]})
    rows_by_id = {r.id: r for r in card_rows(actor, wanted_ids)} if wanted_ids else {}
    return [
        DuplicateMatch(
            [rows_by_id[i] for i in sorted(ids) if i in rows_by_id],
            any(not seen[i] for i in ids),
        )
        for ids in matched
    ]
