"""What the clerk sees first: her to-do items with counts, and the figures behind the charts.

Each procedure package contributes its own to-dos (``todos(actor)``, listed in
:data:`TODO_SOURCES`); each :class:`~archive_desk.procedures.todos.Todo` names the tab that opens
behind it and what that tab is to show (``target``, ``value``). Only the items the actor's role
can act on are listed; an item with nothing to do has count 0 and stays on the list, so "nothing
waiting" is visible rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from archive_desk import borrowing, cards, handover, inspection, retention
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.todos import Todo

# Every procedure package's to-dos, in the order the overview lists them: a new procedure adds
# its package here (and to the contracts in pyproject.toml).
TODO_SOURCES = (borrowing.todos, handover.todos, inspection.todos, retention.todos)


def todos(actor: Actor) -> list[Todo]:
    """The to-do list for ``actor`` as of her today."""
    require(actor, Perm.REPORT_VIEW)
    return [todo for source in TODO_SOURCES for todo in source(actor)]


def loans_per_month(actor: Actor, months: int = 12) -> list[tuple[str, int]]:
    """Cards lent out per month (originals), the last ``months`` months including this one."""
    return borrowing.loans_per_month(actor, months)


@dataclass(frozen=True)
class CardShares:
    by_region: list[tuple[str, int]]  # top-level regions, sub-regions rolled up, tree order
    by_category: list[tuple[str, int, str]]  # ("GY 工业客户", n, "#1f77b4")


def card_shares(actor: Actor) -> CardShares:
    """Cards in the room per top-level region and per category, for the overview's charts: the
    same (region, category) counts the cards tab's tree shows, so one indexed GROUP BY."""
    require(actor, Perm.REPORT_VIEW)
    counts = cards.tree_counts(actor, cards.CardFilter())
    regions = cards.list_regions()
    per_region: dict[int, int] = {}
    per_category: dict[int, int] = {}
    for (region_id, category_id), n in counts.items():
        per_region[region_id] = per_region.get(region_id, 0) + n
        per_category[category_id] = per_category.get(category_id, 0) + n
    totals = cards.roll_up(regions, per_region)
    return CardShares(
        by_region=[(r.name, totals[r.id]) for r in regions if r.parent_id is None and totals[r.id]],
        by_category=[
            (f"{c.code} {c.name}", per_category[c.id], c.color)
            for c in cards.list_categories()
            if per_category.get(c.id)
        ],
    )


@dataclass(frozen=True)
class Figures:
    """Everything the overview shows, read in one go (off the GUI thread)."""

    todos: list[Todo]
    loans_per_month: list[tuple[str, int]]
    shares: CardShares


def figures(actor: Actor, months: int = 12) -> Figures:
    """The overview's to-dos and the figures behind its charts, as of the actor's today."""
    return Figures(
        todos=todos(actor),
        loans_per_month=loans_per_month(actor, months),
        shares=card_shares(actor),
    )
