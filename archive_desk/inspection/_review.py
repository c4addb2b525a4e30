"""The twice-yearly review of every card (seed 002: February and August).

The review months are the setting ``review.months`` ("2,8"). A review period starts on the first
day of the latest review month on or before today; a card is due when it was filed before that day
and has not been reviewed since. The clerk marks the cards she has gone through; each gets a line
in its history and the date in ``last_reviewed_on``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from archive_desk import audit, cards, settings
from archive_desk.db.models import Card, CardHistory
from archive_desk.errors import ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes
from archive_desk.procedures.changes import transaction


def review_months() -> list[int]:
    """The configured review months; a malformed setting falls back to February and August."""
    raw = str(settings.get("review.months"))
    try:
        months = sorted({int(part) for part in raw.replace("，", ",").split(",") if part.strip()})
    except ValueError:
        return [2, 8]
    months = [m for m in months if 1 <= m <= 12]
    return months or [2, 8]


def period_start(today: dt.date, months: Sequence[int] | None = None) -> dt.date:
    """The first day of the latest review month on or before ``today``."""
    chosen = sorted(months or review_months())
    this_year = [m for m in chosen if m <= today.month]
    if this_year:
        return dt.date(today.year, this_year[-1], 1)
    return dt.date(today.year - 1, chosen[-1], 1)


def mark_reviewed(actor: Actor, card_ids: Sequence[int], note: str = "") -> int:
    """Record that the clerk has reviewed ``card_ids`` today. Returns how many were marked."""
    require(actor, Perm.CARD_EDIT)
    ids = sorted(set(card_ids))
    if not ids:
        raise ValidationError("请先选择已检查的档案卡。", field="cards")
    today = actor.clock.today()
    now = actor.clock.now()
    with transaction():
        found = list(
            Card.select(Card.id, Card.last_reviewed_on).where(
                Card.id.in_(ids) & cards.visible(actor) & (Card.status == "active")
            )
        )
        if len(found) != len(ids):
            raise ValidationError("所选档案卡中有已销毁或无权查看的，未做任何标记。", field="cards")
        # one statement for all the cards, one for all their history lines
        Card.update(last_reviewed_on=today, version=Card.version + 1, updated_at=now).where(
            Card.id.in_(ids)
        ).execute()
        changes.note(changes.CARD, ids)
        CardHistory.insert_many(
            {
                "card": card.id,
                "at": now,
                "user": actor.user_id,
                "action": "review",
                "reason": note.strip() or "例行检查",
                "field": "最近检查",
                "old_value": card.last_reviewed_on.isoformat() if card.last_reviewed_on else "",
                "new_value": today.isoformat(),
            }
            for card in found
        ).execute()
        audit.record(
            actor, "card.review", "card", ",".join(map(str, ids[:50])),
            after={"cards": len(ids), "note": note.strip()},
        )  # fmt: skip
    return len(ids)
