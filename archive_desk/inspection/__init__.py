"""Inspection (定期检查 / 整改): the twice-yearly review of every card, and the findings that a
review, an inventory or a return opens. The seed of the procedure: rounds, inventory and the
findings' approval and resolution are built next, in this package.

Public surface: what is imported here. ``_review`` (the review period, cards marked reviewed),
``_findings`` (:func:`open_finding`, the one way another procedure opens a finding;
:func:`open_findings`, whether cards have one still open), ``_states``
(the finding kinds and states), ``_todos``.
"""

from archive_desk.inspection._findings import open_finding, open_findings
from archive_desk.inspection._review import mark_reviewed, period_start, review_months
from archive_desk.inspection._states import FindingKind, FindingState
from archive_desk.inspection._todos import todos

__all__ = [
    "FindingKind",
    "FindingState",
    "mark_reviewed",
    "open_finding",
    "open_findings",
    "period_start",
    "review_months",
    "todos",
]
