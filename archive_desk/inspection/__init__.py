"""Inspection and rectification (定期检查 / 整改): rounds, the shelf inventory by scanning, and
the findings with their proposal, approval and resolution.

- Rounds: the twice-yearly review (the months of ``review.months``, one periodic round a review
  period, due by the end of its month) and ad-hoc rounds of a region, a category or a location;
  the cards gone through are recorded in their round, so it knows how far it is.
- Inventories (盘点): the folders expected at a location frozen at the start, each scan answered
  at once; pause, resume, a forgotten tray, closing; a misplaced folder moved or a finding opened
  in one action.
- Findings: from a round, an inventory, a return (:func:`open_finding`, the one way another
  procedure opens one) or by hand; the clerk's proposal, the manager's approval (as every
  approval: logged in, on the pad, on paper), the clerk's resolution, a line in the card's
  history.

This is the package's public surface (and :mod:`.output` for the printed forms and the workbook;
:mod:`.views` for their layouts). Modules: ``_states``, ``_scope`` (a scope checked, named, its
cards), ``_review`` (the review calendar), ``_rounds`` (rounds and the review), ``_inventory``,
``_findings`` (also :func:`open_findings`: whether cards have one still open, asked
before a destruction), ``_todos``.
"""

from archive_desk.inspection._findings import (
    FINDING_FILTERS,
    approvers,
    count_findings,
    decide,
    findings_of,
    get_finding,
    list_findings,
    new_finding,
    open_finding,
    open_findings,
    propose,
    resolve,
)
from archive_desk.inspection._inventory import (
    INVENTORY_FILTERS,
    add_tray,
    close_inventory,
    count_inventories,
    count_items,
    find_inventory,
    get_inventory,
    inventory_items,
    item_finding,
    last_scans,
    list_inventories,
    move_here,
    open_inventory_at,
    pause_inventory,
    report,
    resume_inventory,
    scan,
    scan_code,
    start_inventory,
)
from archive_desk.inspection._review import (
    next_period,
    period_due,
    period_label,
    period_start,
    review_months,
)
from archive_desk.inspection._rounds import (
    ROUND_FILTERS,
    close_round,
    count_rounds,
    current_periodic,
    find_round,
    get_round,
    list_rounds,
    mark_reviewed,
    numbers_in_use,
    round_card_ids,
    start_round,
)
from archive_desk.inspection._scope import parse_location, scope_label
from archive_desk.inspection._todos import todos
from archive_desk.inspection.views import (
    DecisionView,
    FindingDecision,
    FindingFilter,
    FindingKind,
    FindingSource,
    FindingState,
    FindingView,
    InventoryReport,
    InventoryState,
    InventoryView,
    ItemAction,
    ItemView,
    Location,
    RoundKind,
    RoundState,
    RoundView,
    ScanAnswer,
    ScanResult,
    Scope,
    ScopeKind,
)

__all__ = [
    "FINDING_FILTERS",
    "INVENTORY_FILTERS",
    "ROUND_FILTERS",
    "DecisionView",
    "FindingDecision",
    "FindingFilter",
    "FindingKind",
    "FindingSource",
    "FindingState",
    "FindingView",
    "InventoryReport",
    "InventoryState",
    "InventoryView",
    "ItemAction",
    "ItemView",
    "Location",
    "RoundKind",
    "RoundState",
    "RoundView",
    "ScanAnswer",
    "ScanResult",
    "Scope",
    "ScopeKind",
    "add_tray",
    "approvers",
    "close_inventory",
    "close_round",
    "count_findings",
    "count_inventories",
    "count_items",
    "count_rounds",
    "current_periodic",
    "decide",
    "find_inventory",
    "find_round",
    "findings_of",
    "get_finding",
    "get_inventory",
    "get_round",
    "inventory_items",
    "item_finding",
    "last_scans",
    "list_findings",
    "list_inventories",
    "list_rounds",
    "mark_reviewed",
    "move_here",
    "new_finding",
    "next_period",
    "numbers_in_use",
    "open_finding",
    "open_findings",
    "open_inventory_at",
    "parse_location",
    "pause_inventory",
    "period_due",
    "period_label",
    "period_start",
    "propose",
    "report",
    "resolve",
    "resume_inventory",
    "review_months",
    "round_card_ids",
    "scan",
    "scan_code",
    "scope_label",
    "start_inventory",
    "start_round",
    "todos",
]
