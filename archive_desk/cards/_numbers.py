"""Archive numbers: which a card holds, and the pattern's next free ones.

A number is never given twice (a destroyed card keeps its number), and a sequence goes on past
the highest number of it that a card holds: numbers brought in from a ledger may sit ahead of
the pattern's counter, and a gap among them may be a number given on paper, before the program,
to a card destroyed since.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from archive_desk import numbering, validation
from archive_desk.cards._listing import _chunks
from archive_desk.db.models import Card
from archive_desk.permissions import Actor, Perm, require


def archive_numbers_in_use(actor: Actor, numbers: Iterable[str]) -> set[str]:
    """Those of ``numbers`` (normalised, upper case) that a card holds — classified and destroyed
    cards included, since a number is never given twice. Nothing else of those cards is told."""
    require(actor, Perm.CARD_EDIT)
    return _numbers_held(numbers)


def _numbers_held(numbers: Iterable[str]) -> set[str]:
    wanted: set[str] = set()
    for number in numbers:
        text = validation.normalize_text(number)
        if text:
            wanted |= {text, text.upper()}
    used: set[str] = set()
    for chunk in _chunks(sorted(wanted)):
        rows: Any = Card.select(Card.archive_no).where(Card.archive_no.in_(list(chunk))).tuples()
        used.update(str(number).upper() for (number,) in rows)
    return used


def _free_archive_no(pattern: str, *, category: str, region: str, year: int) -> str:
    """The pattern's next number that no card holds (call inside the card's transaction)."""
    return _free_archive_nos(
        pattern, category=category, region=region, year=year, count=1, reserved=set()
    )[0]


def _free_archive_nos(
    pattern: str, *, category: str, region: str, year: int, count: int, reserved: set[str]
) -> list[str]:
    """The pattern's next ``count`` numbers past the highest one that a card holds or that is
    ``reserved`` (upper case: the numbers an import brings in itself) in their sequence."""
    _, template = numbering.render_archive_no(pattern, category=category, region=region, year=year)
    highest = _highest_in_sequence(template, reserved)
    out: list[str] = []
    while len(out) < count:
        batch = numbering.next_archive_nos(
            pattern, category=category, region=region, year=year, count=count - len(out),
            after=highest,
        )  # fmt: skip
        held = _numbers_held(batch) | reserved
        out += [n for n in batch if n.upper() not in held]
    return out


def _highest_in_sequence(template: str, reserved: set[str]) -> int:
    """The highest sequence value of the numbers of ``template`` (a rendered pattern) that a
    card holds or that are ``reserved``; 0 for none."""
    query = Card.select(Card.archive_no)
    prefix = template.partition("\0")[0]
    if prefix:  # a range of the number's unique index
        after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        query = query.where((Card.archive_no >= prefix) & (Card.archive_no < after))
    rows: Any = query.tuples()
    values = (numbering.sequence_of(n, template) for n in [*(n for (n,) in rows), *reserved])
    return max((v for v in values if v is not None), default=0)
