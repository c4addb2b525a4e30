"""What crosses the retention package's surface: the views its services return, the inputs they
take, and the vocabulary the printed forms show (the one module of the package that ``forms``
may import). Views are built by keyword."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureInput
from archive_desk.retention._states import (
    DestructionMethod,
    DestructionReason,
    DestructionState,
    DestructionStep,
    HoldReason,
    ItemState,
    Signer,
    StepDecision,
)

__all__ = [
    "ApprovalMethod",
    "CheckRow",
    "DestructionMethod",
    "DestructionReason",
    "DestructionState",
    "DestructionStep",
    "DestructionView",
    "DueRow",
    "HoldReason",
    "HoldRow",
    "ItemInput",
    "ItemState",
    "ItemView",
    "ListRow",
    "Party",
    "SignatureInput",
    "Signer",
    "StepDecision",
    "StepView",
]


@dataclass(frozen=True)
class DueRow:
    """A card on the due list: retention run out (or running out in the months asked for)."""

    card_id: int
    archive_no: str
    name: str
    region: str
    category_code: str
    category: str
    retention: str  # its label: 定期10年 …
    retention_start: dt.date | None
    retention_due: dt.date
    trade_status: str  # its label
    listed_on: str  # the open destruction list it is on ("" if none)
    frozen: str  # why it is frozen ("" if it is not)


@dataclass(frozen=True)
class HoldRow:
    """A frozen card, as the hold report lists it."""

    hold_id: int
    card_id: int
    archive_no: str
    name: str
    region: str
    category: str
    kind: HoldReason
    kind_label: str
    reason: str
    frozen_by: str
    frozen_at: dt.datetime
    listed_on: str
    version: int


@dataclass(frozen=True)
class ItemInput:
    """A card proposed for destruction, and why (``note``: the details; needed for 其他)."""

    card_id: int
    basis: str = DestructionReason.RETENTION_ENDED
    note: str = ""


@dataclass(frozen=True)
class Party:
    """A witness or the executor: a user of the program or a name."""

    name: str = ""
    user_id: int | None = None


@dataclass(frozen=True)
class ItemView:
    id: int
    seq: int
    card_id: int
    archive_no: str
    customer_name: str
    year: int | None
    retention: str
    retention_label: str
    retention_due: dt.date | None
    kept_years: int
    pages: int
    basis: DestructionReason
    reason: str  # as printed: 保管期满，…
    state: ItemState
    state_label: str
    note: str  # why exempted or withheld
    problem: str = ""  # on an open list: what would stop its destruction now ("" when nothing)


@dataclass(frozen=True)
class StepView:
    step: DestructionStep
    decision: StepDecision
    approver_name: str
    method: str
    paper_ref: str
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class DestructionView:
    id: int
    number: str
    reason: str
    state: DestructionState
    state_label: str
    proposer_name: str
    created_at: dt.datetime
    reviewer_name: str
    reviewed_at: dt.datetime | None
    review_opinion: str
    approver_name: str
    approved_at: dt.datetime | None
    approval_opinion: str
    wait_until: dt.date | None
    witness1: str
    witness2: str
    executor: str
    executed_on: dt.date | None
    place: str
    method: DestructionMethod | None
    method_label: str
    feedback: str
    reported_to: str
    reported_on: dt.date | None
    note: str
    version: int
    proposer_id: int = 0
    items: list[ItemView] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    signed: dict[str, tuple[str, str, bytes | None, dt.datetime]] = field(default_factory=dict)

    def items_in(self, *states: ItemState) -> list[ItemView]:
        return [i for i in self.items if i.state in states]


@dataclass(frozen=True)
class ListRow:
    """A line of the lists' table."""

    id: int
    number: str
    created_on: dt.date
    proposer: str
    cards: int  # listed or destroyed (not exempted or withheld)
    state: DestructionState
    state_label: str
    wait_until: dt.date | None
    executed_on: dt.date | None
    version: int


@dataclass(frozen=True)
class CheckRow:
    """A card of an approved list as the execution will find it: ``problem`` says why it would
    not be destroyed ("" when nothing stops it)."""

    item_id: int
    card_id: int
    archive_no: str
    customer_name: str
    problem: str
