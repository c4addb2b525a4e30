"""The cards package's line of the overview's to-do list: cards whose retention has run out."""

from __future__ import annotations

from archive_desk.cards._listing import CardFilter, count_cards
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo


def todos(actor: Actor) -> list[Todo]:
    """Cards whose retention period has ended (to be appraised: kept longer or proposed for
    destruction), for those who edit cards."""
    if not actor.can(Perm.CARD_EDIT):
        return []
    today = actor.clock.today()
    due = count_cards(actor, CardFilter(retention_due_by=today))
    return [
        Todo("retention_due", "保管期限已到期", due, "cards", "retention_due_by", today,
             hint="应鉴定后续存或提出销毁的档案卡")
    ]  # fmt: skip
