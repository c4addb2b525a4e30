"""What the clerk reads across procedures: the overview (her to-dos, collected from every
procedure package, and the figures behind its charts) and the audit trail in Chinese.

Reporting sits above the procedure packages: it may use every package's surface, and no package
uses it. Modules: ``_overview``, ``_audit_trail``.
"""

from archive_desk.reporting._audit_trail import (
    EventView,
    count_events,
    describe,
    recent_events,
    record_label,
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

__all__ = [
    "TODO_SOURCES",
    "CardShares",
    "EventView",
    "Figures",
    "card_shares",
    "count_events",
    "describe",
    "figures",
    "loans_per_month",
    "recent_events",
    "record_label",
    "todos",
]
