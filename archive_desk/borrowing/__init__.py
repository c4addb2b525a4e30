"""Borrowing (借阅): application, approval, lending with both signatures, the return checked
against the folder's contents, renewal, copies, the day close and the month end, the list, the
rule table, the monthly workbook.

Procedure (seeds 000, 003, 004): the clerk records the application; the rule table decides who
must approve and the longest loan; the approver approves or refuses (logged in at the desk, on
the signature pad, or on paper as recorded by the clerk); the clerk lends the cards in the
reading room with the borrower's and her own signature; on return every document of the folder
is checked, differences are kept and a damaged or incomplete folder becomes an inspection
finding. Originals never leave the room: there is no state for "taken out".

This is the package's public surface (and :mod:`.output` for the printed forms, which loads
reportlab; :mod:`.views` for the forms' layouts). Modules: ``_states`` (the state sets),
``_rules`` (the rule table), ``_apply`` (application, approval, withdrawal), ``_lend``,
``_returns`` (the return check), ``_renewals`` (and the overdue list), ``_copies`` (the copy
register), ``_closing`` (day close, month end), ``_listing`` (the tab's list), ``_monthly`` (the
monthly workbook), ``_reading`` (an application's view), ``_store`` (the prepared statements),
``_todos``.
"""

from typing import TYPE_CHECKING, Any

from archive_desk.borrowing._apply import (
    apply,
    approvers,
    cancel,
    count_pending_approvals,
    decide,
    pending_approvals,
)
from archive_desk.borrowing._closing import (
    close_day,
    count_in_room_not_back,
    day_closed,
    in_room_not_back,
    month_end_data,
    month_end_reminder,
    out_at_month_end,
    record_month_end,
)
from archive_desk.borrowing._copies import (
    copies_out,
    copy_approvers,
    parse_pages,
    record_copy,
    strike_off_copy,
)
from archive_desk.borrowing._lend import check_holds, confirm_paper_signatures, lend
from archive_desk.borrowing._listing import (
    LIST_FILTERS,
    count_borrowings,
    list_borrowings,
    loans_per_month,
)
from archive_desk.borrowing._reading import get_borrowing, numbers_in_use
from archive_desk.borrowing._renewals import overdue, renew
from archive_desk.borrowing._returns import (
    folder_differences,
    return_differences,
    return_folders,
    return_items,
)
from archive_desk.borrowing._rules import delete_rule, list_rules, save_rule
from archive_desk.borrowing._todos import todos
from archive_desk.borrowing.views import (
    HIDDEN_NAME,
    ApprovalView,
    BorrowerInput,
    BorrowingRow,
    BorrowingState,
    BorrowingView,
    BorrowMode,
    CopyView,
    DocumentCheck,
    FolderDifferences,
    FolderToCheck,
    InRoomRow,
    ItemReturn,
    ItemState,
    ItemView,
    ListedDocument,
    MonthEndData,
    OriginalOut,
    OverdueRow,
    ReturnCondition,
    RuleView,
    SignatureInput,
    copy_note,
)
from archive_desk.procedures.periods import month_bounds, previous_month

if TYPE_CHECKING:
    from archive_desk.borrowing._monthly import MonthlyReport, build_report, monthly_workbook


def __getattr__(name: str) -> Any:
    """The monthly workbook's module, loaded when the reports tab or the CLI first asks for it
    (its row types cost every start ~3 ms otherwise)."""
    if name in ("MonthlyReport", "build_report", "monthly_workbook"):
        from archive_desk.borrowing import _monthly

        value = getattr(_monthly, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "HIDDEN_NAME",
    "LIST_FILTERS",
    "ApprovalView",
    "BorrowMode",
    "BorrowerInput",
    "BorrowingRow",
    "BorrowingState",
    "BorrowingView",
    "CopyView",
    "DocumentCheck",
    "FolderDifferences",
    "FolderToCheck",
    "InRoomRow",
    "ItemReturn",
    "ItemState",
    "ItemView",
    "ListedDocument",
    "MonthEndData",
    "MonthlyReport",
    "OriginalOut",
    "OverdueRow",
    "ReturnCondition",
    "RuleView",
    "SignatureInput",
    "apply",
    "approvers",
    "build_report",
    "cancel",
    "check_holds",
    "close_day",
    "confirm_paper_signatures",
    "copies_out",
    "copy_approvers",
    "copy_note",
    "count_borrowings",
    "count_in_room_not_back",
    "count_pending_approvals",
    "day_closed",
    "decide",
    "delete_rule",
    "folder_differences",
    "get_borrowing",
    "in_room_not_back",
    "lend",
    "list_borrowings",
    "list_rules",
    "loans_per_month",
    "month_bounds",
    "month_end_data",
    "month_end_reminder",
    "monthly_workbook",
    "numbers_in_use",
    "out_at_month_end",
    "overdue",
    "parse_pages",
    "pending_approvals",
    "previous_month",
    "record_copy",
    "record_month_end",
    "renew",
    "return_differences",
    "return_folders",
    "return_items",
    "save_rule",
    "strike_off_copy",
    "todos",
]
