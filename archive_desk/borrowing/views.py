"""What crosses the borrowing package's surface: the views its services return, the inputs they
take, and the vocabulary the printed forms show (the one module of the package that ``forms`` may
import). Views are built by keyword."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from archive_desk.borrowing._states import BorrowingState, BorrowMode, ItemState, ReturnCondition
from archive_desk.cards import HIDDEN_NAME  # an application's card above the reader's clearance
from archive_desk.inspection import FindingKind
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureInput

__all__ = [
    "HIDDEN_NAME",
    "ApprovalMethod",
    "ApprovalView",
    "BorrowMode",
    "BorrowerInput",
    "BorrowingRow",
    "BorrowingState",
    "BorrowingView",
    "CopyView",
    "Difference",
    "DocumentCheck",
    "FolderDifferences",
    "FolderToCheck",
    "FoundDocument",
    "InRoomRow",
    "ItemReturn",
    "ItemState",
    "ItemView",
    "ListedDocument",
    "MonthEndData",
    "OriginalOut",
    "OverdueRow",
    "ReturnCondition",
    "RuleView",
    "SignatureInput",
    "SignatureView",
    "copy_note",
]


# --- an application and its cards ------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    id: int
    card_id: int
    archive_no: str
    card_name: str
    state: str
    due_date: dt.date | None
    lent_at: dt.datetime | None
    returned_at: dt.datetime | None
    condition: str | None
    return_note: str
    renewals: int
    version: int
    secrecy: int = 0  # the card's: a reader of lower clearance sees no name (HIDDEN_NAME)


@dataclass(frozen=True)
class SignatureView:
    role: str
    signer_name: str
    method: str
    signed_at: dt.datetime
    image: bytes | None
    valid: bool


@dataclass(frozen=True)
class ApprovalView:
    decision: str
    approver_name: str
    approver_role: str
    method: str
    paper_ref: str
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class BorrowingView:
    id: int
    number: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    borrower_user_id: int | None
    mode: str
    mode_label: str
    purpose: str
    applied_on: dt.date
    expected_return: dt.date
    required_role: str
    state: str
    state_label: str
    refusal_reason: str
    lent_at: dt.datetime | None
    version: int
    items: list[ItemView] = field(default_factory=list)
    approvals: list[ApprovalView] = field(default_factory=list)
    signatures: list[SignatureView] = field(default_factory=list)


@dataclass(frozen=True)
class BorrowingRow:
    id: int
    number: str
    borrower_name: str
    borrower_department: str
    mode: str
    cards: str
    state: str
    applied_on: dt.date
    expected_return: dt.date
    lent_at: dt.datetime | None
    version: int
    days_overdue: int = 0
    return_check: str = ""  # what came back not as listed: 损坏, 不完整 or 损坏、不完整


# --- inputs ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BorrowerInput:
    """A user of the program (``user_id``) or someone who is not (name, department, phone)."""

    user_id: int | None = None
    name: str = ""
    department_id: int | None = None
    phone: str = ""


# --- the return check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentCheck:
    document_id: int
    present: bool = True
    pages_found: int | None = None  # None: as listed
    damaged: bool = False
    note: str = ""


@dataclass(frozen=True)
class ItemReturn:
    item_id: int
    checks: Sequence[DocumentCheck] = ()
    note: str = ""


@dataclass(frozen=True)
class ListedDocument:
    """A document of a folder's contents list (卷内文件目录), as a return is checked against it."""

    id: int
    title: str
    pages: int


@dataclass(frozen=True)
class FolderToCheck:
    """A card out on a loan and the documents its folder must hold when it comes back."""

    item: ItemView
    documents: tuple[ListedDocument, ...]


@dataclass(frozen=True)
class Difference:
    kind: FindingKind  # the finding it opens (damage, missing_pages, …)
    text: str  # e.g. 缺少《营业执照》, 《购销合同》应 12 页，实 11 页


@dataclass(frozen=True)
class FoundDocument:
    """A listed document as found on return (one ReturnCheck row)."""

    document_id: int
    present: bool
    pages_expected: int
    pages_found: int
    damaged: bool
    note: str


# The order in which a return's findings are opened and shown.
RETURN_FINDING_KINDS = (
    FindingKind.MISSING_FOLDER,
    FindingKind.DAMAGE,
    FindingKind.MISSING_PAGES,
    FindingKind.OTHER,
)


@dataclass(frozen=True)
class FolderDifferences:
    """What a return found against one folder's contents list."""

    item_id: int
    archive_no: str
    card_name: str
    differences: tuple[Difference, ...]
    found: tuple[FoundDocument, ...]
    note: str = ""  # the clerk's own note on the card's return

    @property
    def folder_missing(self) -> bool:
        return any(d.kind == FindingKind.MISSING_FOLDER for d in self.differences)

    @property
    def condition(self) -> ReturnCondition:
        """The item's return condition."""
        if any(d.kind == FindingKind.DAMAGE for d in self.differences):
            return ReturnCondition.DAMAGED
        return ReturnCondition.INCOMPLETE if self.differences else ReturnCondition.INTACT

    @property
    def finding_kinds(self) -> tuple[FindingKind, ...]:
        """The inspection findings the return opens, one per kind of difference."""
        kinds = {d.kind for d in self.differences}
        return tuple(k for k in RETURN_FINDING_KINDS if k in kinds)

    @property
    def finding_labels(self) -> str:
        """The findings in Chinese, e.g. 破损、缺页."""
        return "、".join(k.label for k in self.finding_kinds)

    def finding_text(self, kind: str) -> str:
        return "；".join(d.text for d in self.differences if d.kind == kind)

    @property
    def text(self) -> str:
        """The return note kept on the item: every difference, then the clerk's note."""
        return "；".join([d.text for d in self.differences] + ([self.note] if self.note else []))


# --- lists ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OverdueRow:
    item_id: int
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    lent_at: dt.datetime
    due_date: dt.date
    days_overdue: int


@dataclass(frozen=True)
class CopyView:
    id: int
    number: str
    card_id: int
    archive_no: str
    card_name: str
    pages: str
    page_count: int
    copies: int
    purpose: str
    approver_name: str
    holder_name: str
    location: str
    taken_out: bool
    made_at: dt.datetime
    due_date: dt.date | None
    struck_off_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class InRoomRow:
    """An original still out in the room: it must come back, or get a reason, before closing."""

    id: int  # the borrowing item
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    mode: str  # label: 阅览 / 影印
    lent_at: dt.datetime
    due_date: dt.date


@dataclass(frozen=True)
class OriginalOut:
    """An original out at a month's end: lent on or before its last day and not back by then."""

    item_id: int
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    mode: str
    lent_at: dt.datetime
    due_date: dt.date
    days_overdue: int  # on the month's last day
    returned_at: dt.datetime | None  # back after the month's end; None: still out

    @property
    def location(self) -> str:
        """Where it is: originals never leave the archive room (DOMAIN.md)."""
        return "阅览室"

    @property
    def note(self) -> str:
        return f"{self.returned_at:%Y-%m-%d} 已归还" if self.returned_at else ""


def copy_note(copy: CopyView) -> str:
    """A copy on a month-end list that has been struck off since."""
    return f"{copy.struck_off_at:%Y-%m-%d} 已注销" if copy.struck_off_at else ""


@dataclass(frozen=True)
class MonthEndData:
    month: str
    last_day: dt.date
    originals: list[OriginalOut]  # lent and not back at the month's end, longest lent first
    copies: list[CopyView]  # taken out and not struck off at the month's end


@dataclass(frozen=True)
class RuleView:
    id: int
    priority: int
    min_secrecy: int | None
    grade: str | None
    mode: str | None
    approver_role: str
    max_days: int
    working_days: bool
    allowed: bool
    note: str
    version: int
