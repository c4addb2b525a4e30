"""What ``archive-desk check`` asks of the procedures beyond the file and the audit chain: that
every card's holds agree with the records of the procedure that holds it, and that the number
counters are ahead of every number in use."""

from __future__ import annotations

from archive_desk import borrowing, cards, handover, numbering
from archive_desk.db.models import CardHold

# Every procedure that holds cards: a new one adds its check here.
HOLD_CHECKS = (borrowing.check_holds, handover.check_holds)


def hold_problems() -> list[str]:
    """How the holds differ from the loans and slips (empty when they agree; a file not yet
    migrated to holds has nothing to compare)."""
    if not CardHold.table_exists():
        return []
    return [problem for check in HOLD_CHECKS for problem in check()]


# Every procedure that hands out numbers: a new one adds its numbers here.
NUMBER_SOURCES = (cards.numbers_in_use, borrowing.numbers_in_use, handover.numbers_in_use)


def counter_problems() -> list[str]:
    """Counters behind a number in use (a copy or restore that lost the counter's last
    increment would hand that number out again)."""
    return numbering.counter_problems(n for source in NUMBER_SOURCES for n in source())
