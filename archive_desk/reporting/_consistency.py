"""What ``archive-desk check`` asks of the procedures beyond the file and the audit chain: that
every card's holds agree with the records of the procedure that holds it, and that every
destroyed card has its tombstone and no personal data left."""

from __future__ import annotations

from archive_desk import borrowing, cards, handover, retention
from archive_desk.db.models import CardHold

# Every procedure that holds cards: a new one adds its check here.
HOLD_CHECKS = (
    borrowing.check_holds,
    handover.check_holds,
    retention.check_holds,
    cards.check_tombstones,
)


def hold_problems() -> list[str]:
    """How the holds differ from the loans and slips (empty when they agree; a file not yet
    migrated to holds has nothing to compare)."""
    if not CardHold.table_exists():
        return []
    return [problem for check in HOLD_CHECKS for problem in check()]
