"""Handovers (档案交接单), the five steps of seed 000's 档案交接流程图: drafted by the handing-over
clerk → approved by the handing-over department head (or sent back) → checked by the receiving
clerk, item by item or by scan (or sent back) → approved by the office head → received, when the
handing-over party, the receiving party and the witness have signed. On receipt the cards' keeper
(and, if given, their room) change and each card's history records the handover.

This is the package's public surface (and :mod:`.output` for the printed forms; :mod:`.views` for
their layouts). Modules: ``_states``, ``_slips`` (drafting, editing, withdrawing), ``_steps`` (the
approval steps), ``_check`` (the receiver's check), ``_receipt`` (the receipt), ``_listing``,
``_reading``, ``_todos``.
"""

from archive_desk.handover._check import (
    finish_check,
    own_part_refusal,
    record_check,
    resolve_difference,
)
from archive_desk.handover._listing import (
    LIST_FILTERS,
    count_handovers,
    find_by_number,
    in_range,
    list_handovers,
)
from archive_desk.handover._reading import get_handover, numbers_in_use
from archive_desk.handover._receipt import receive
from archive_desk.handover._slips import (
    cancel_handover,
    cards_held_by,
    check_holds,
    create_handover,
    replace_items,
    suggested_department,
    update_handover,
)
from archive_desk.handover._states import NEXT_STEP, OPEN_STATES, STEPS
from archive_desk.handover._steps import decide, department_approvers, step_approvers
from archive_desk.handover._todos import todos
from archive_desk.handover.views import (
    HandoverKind,
    HandoverRow,
    HandoverState,
    HandoverStep,
    HandoverView,
    ItemDifference,
    ItemInput,
    ItemView,
    PartyInput,
    Resolution,
    SignatureInput,
    Signer,
    StepDecision,
    StepView,
)

__all__ = [
    "LIST_FILTERS",
    "NEXT_STEP",
    "OPEN_STATES",
    "STEPS",
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
    "cancel_handover",
    "cards_held_by",
    "check_holds",
    "count_handovers",
    "create_handover",
    "decide",
    "department_approvers",
    "find_by_number",
    "finish_check",
    "get_handover",
    "in_range",
    "list_handovers",
    "numbers_in_use",
    "own_part_refusal",
    "receive",
    "record_check",
    "replace_items",
    "resolve_difference",
    "step_approvers",
    "suggested_department",
    "todos",
    "update_handover",
]
