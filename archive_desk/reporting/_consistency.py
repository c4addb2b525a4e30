"""What ``archive-desk check`` asks of the procedures beyond the file and the audit chain: that
every card's holds agree with the records of the procedure that holds it, that the number
counters are ahead of every number in use, and that every destroyed card has its tombstone and no
personal data left."""

from __future__ import annotations

from archive_desk import borrowing, cards, handover, inspection, numbering, retention
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


# Every procedure that hands out numbers: a new one adds its numbers here.
NUMBER_SOURCES = (
    cards.numbers_in_use,
    borrowing.numbers_in_use,
    handover.numbers_in_use,
    inspection.numbers_in_use,
    retention.numbers_in_use,
)


def counter_problems() -> list[str]:
    """Counters behind a number in use (a copy or restore that lost the counter's last
    increment would hand that number out again)."""
    return numbering.counter_problems(n for source in NUMBER_SOURCES for n in source())
