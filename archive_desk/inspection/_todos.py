"""Inspection's line of the overview's to-do list: the twice-yearly review not yet done."""

from __future__ import annotations

from archive_desk import cards
from archive_desk.inspection._review import period_start
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo


def todos(actor: Actor) -> list[Todo]:
    """Cards filed before this review period began and not reviewed since (for those who edit
    cards)."""
    if not actor.can(Perm.CARD_EDIT):
        return []
    since = period_start(actor.clock.today())
    due = cards.count_cards(actor, cards.CardFilter(review_due_since=since))
    return [
        Todo("review_due", "例行检查未做", due, "cards", "review_due_since", since,
             hint=f"{since:%Y年%m月}起尚未检查的在库档案卡")
    ]  # fmt: skip
