"""What the clerk reads across procedures: the overview (her to-dos, collected from every
procedure package, and the figures behind its charts) and the audit trail in Chinese.

Reporting sits above the procedure packages: it may use every package's surface, and no package
uses it. Modules: ``_overview``, ``_audit_trail``, ``_consistency`` (the holds checked).
"""

from typing import TYPE_CHECKING, Any

from archive_desk.reporting._consistency import (
    HOLD_CHECKS,
    NUMBER_SOURCES,
    counter_problems,
    hold_problems,
)
from archive_desk.reporting._overview import (
    TODO_SOURCES,
    CardShares,
    Figures,
    card_shares,
    figures,
    loans_per_month,
    todos,
)

if TYPE_CHECKING:
    from archive_desk.reporting._audit_trail import (
        HIDDEN_TEXT,
        EventView,
        count_events,
        describe,
        recent_events,
        record_label,
    )

_TRAIL = ("HIDDEN_TEXT", "EventView", "count_events", "describe", "recent_events", "record_label")


def __getattr__(name: str) -> Any:
    """The audit trail's reader, loaded when the settings tab first shows it (not at start)."""
    if name in _TRAIL:
        from archive_desk.reporting import _audit_trail

        value = getattr(_audit_trail, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "HIDDEN_TEXT",
    "HOLD_CHECKS",
    "NUMBER_SOURCES",
    "TODO_SOURCES",
    "CardShares",
    "EventView",
    "Figures",
    "card_shares",
    "count_events",
    "counter_problems",
    "describe",
    "figures",
    "hold_problems",
    "loans_per_month",
    "recent_events",
    "record_label",
    "todos",
]
