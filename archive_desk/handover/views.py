"""What crosses the handover package's surface: the views its services return, the inputs they
take, and the vocabulary the printed forms show (the one module of the package that ``forms`` may
import). Views are built by keyword."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from archive_desk.handover._states import (
    HandoverKind,
    HandoverState,
    HandoverStep,
    ItemDifference,
    Resolution,
    Signer,
    StepDecision,
)
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.signatures import SignatureInput

__all__ = [
    "ApprovalMethod",
    "HandoverKind",
    "HandoverRow",
    "HandoverState",
    "HandoverStep",
    "HandoverView",
    "ItemDifference",
    "ItemInput",
    "ItemView",
    "PartyInput",
    "Resolution",
    "SignatureInput",
    "Signer",
    "StepDecision",
    "StepView",
]


@dataclass(frozen=True)
class ItemInput:
    """A card of the archive (``card_id``) or a free item that is not a card yet."""

    card_id: int | None = None
    name: str = ""
    carrier: str = "纸质"
    quantity: int = 1
    unit: str = "卷"
    ref_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class PartyInput:
    user_id: int | None = None
    name: str = ""
    department_id: int | None = None


@dataclass(frozen=True)
class ItemView:
    id: int
    seq: int
    card_id: int | None
    name: str
    carrier: str
    quantity: int
    unit: str
    ref_no: str
    note: str
    checked: bool
    difference: ItemDifference | None
    resolution: Resolution | None
    resolution_note: str


@dataclass(frozen=True)
class StepView:
    step: HandoverStep
    decision: StepDecision
    approver_name: str
    method: str
    paper_ref: str
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class HandoverView:
    id: int
    number: str
    kind: HandoverKind
    kind_label: str
    reason: str
    from_name: str
    from_department: str
    to_name: str
    to_department: str
    witness_name: str
    handover_date: dt.date
    state: HandoverState
    state_label: str
    received_at: dt.datetime | None
    version: int
    items: list[ItemView] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    signed: dict[str, tuple[str, str, bytes | None, dt.datetime]] = field(default_factory=dict)
    from_user_id: int | None = None
    from_department_id: int | None = None
    to_user_id: int | None = None
    witness_user_id: int | None = None
    created_by_id: int | None = None  # the clerk who drafted it (never its receiving clerk)


@dataclass(frozen=True)
class HandoverRow:
    id: int
    number: str
    kind: str
    from_name: str
    to_name: str
    witness_name: str
    handover_date: dt.date
    items: int
    state: str
    version: int
