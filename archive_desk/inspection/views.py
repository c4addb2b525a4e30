"""What crosses the inspection package's surface: the views its services return, the inputs they
take, and the vocabulary its printed forms show (the one module of the package that ``forms``
may import). Views are built by keyword."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from archive_desk.cards.views import Location
from archive_desk.inspection._states import (
    FindingDecision,
    FindingKind,
    FindingSource,
    FindingState,
    InventoryState,
    ItemAction,
    RoundKind,
    RoundState,
    ScanResult,
    ScopeKind,
)
from archive_desk.procedures.approvals import ApprovalMethod

__all__ = [
    "ApprovalMethod",
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
]


@dataclass(frozen=True)
class Scope:
    """What a round or an inventory covers: every card, a region (its sub-regions too), a
    category, or a location (a room, a cabinet, a shelf or a box)."""

    kind: ScopeKind = ScopeKind.ALL
    region_id: int | None = None
    category_id: int | None = None
    location: Location = field(default_factory=Location)


@dataclass(frozen=True)
class RoundView:
    """An inspection round with how far it is: the cards of its scope filed before it began
    (a periodic round: before its review period) and how many of them were gone through."""

    id: int
    number: str
    kind: RoundKind
    kind_label: str
    period: str  # YYYY-MM
    period_label: str  # 2026年2月
    scope: Scope
    scope_label: str
    inspector_id: int
    inspector: str
    started_at: dt.datetime
    due_on: dt.date | None
    finished_at: dt.datetime | None
    finished_by: str
    state: RoundState
    state_label: str
    total: int
    reviewed: int
    findings: int
    note: str
    version: int

    @property
    def progress(self) -> str:
        """``120 / 240（50%）``."""
        share = f"（{self.reviewed * 100 // self.total}%）" if self.total else ""
        return f"{self.reviewed} / {self.total}{share}"


@dataclass(frozen=True)
class ScanAnswer:
    """What one scan says, at once: the result in words (Chinese), the folder, where it is
    recorded; ``first``: the first scan of this line; ``expected``: on the inventory's list."""

    code: str
    result: ScanResult
    message: str
    item_id: int
    card_id: int | None
    archive_no: str
    name: str
    recorded: str  # where the card says the folder is kept
    expected: bool
    first: bool
    lent_at_start: bool
    at: dt.datetime


@dataclass(frozen=True)
class ItemView:
    """One line of an inventory: a listed folder or one scanned that was not listed."""

    id: int
    card_id: int | None
    code: str
    name: str
    expected: bool
    lent_at_start: bool
    recorded_location: str
    result: ScanResult | None  # None: listed, not scanned (yet)
    result_label: str
    scans: int
    first_scan_at: dt.datetime | None
    last_scan_at: dt.datetime | None
    action: ItemAction | None
    action_label: str
    finding_id: int | None
    note: str


@dataclass(frozen=True)
class InventoryView:
    """An inventory (盘点) with its running counts: per result, and how many listed folders are
    not scanned yet (``pending``; on loan when it began: ``pending_out``)."""

    id: int
    number: str
    scope: Scope
    scope_label: str
    place: str  # where the folders scanned were seen: the location, or the scope's label
    trays: list[str]
    inspector: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    state: InventoryState
    state_label: str
    expected: int  # on the list, on loan at the start included
    lent_at_start: int
    counts: dict[ScanResult, int]
    pending: int
    repeats: int  # scans of a line already scanned (each answered "scanned twice")
    version: int

    @property
    def scanned(self) -> int:
        """Lines scanned at least once (each folder counted once)."""
        return sum(
            n for r, n in self.counts.items() if r not in (ScanResult.NOT_FOUND, ScanResult.OUT)
        )


@dataclass(frozen=True)
class InventoryReport:
    """The 盘点报告: the inventory, then every line under its result."""

    inventory: InventoryView
    lines: dict[ScanResult, list[ItemView]]
    pending: list[ItemView]  # listed and not scanned (an inventory still open)
    duplicates: list[ItemView]  # scanned more than once


@dataclass(frozen=True)
class DecisionView:
    """The manager's decision on a proposal, as given (logged in, on the pad, on paper)."""

    decision: FindingDecision
    approver: str
    method: ApprovalMethod
    paper_ref: str
    comment: str
    at: dt.datetime
    signature: bytes | None = None


@dataclass(frozen=True)
class FindingView:
    id: int
    card_id: int
    archive_no: str
    card_name: str
    kind: FindingKind
    kind_label: str
    source: FindingSource
    source_label: str
    origin: str  # the round's or the inventory's number, or the return's text
    description: str
    created_at: dt.datetime
    created_by: str
    proposal: str
    proposed_by: str
    proposed_by_id: int | None
    proposed_at: dt.datetime | None
    due_on: dt.date | None
    state: FindingState
    state_label: str
    decisions: list[DecisionView]
    resolution: str
    resolved_on: dt.date | None
    helpers: str
    resolved_by: str
    version: int
    overdue: bool

    @property
    def decision(self) -> DecisionView | None:
        """The last decision taken on the proposal."""
        return self.decisions[-1] if self.decisions else None


@dataclass(frozen=True)
class FindingFilter:
    """The findings list's filter: a named state filter (``open`` … ``all``), a kind, a card
    (its number or part of its name)."""

    state: str = "pending"
    kind: str | None = None
    card: str = ""
    inspection_id: int | None = None
