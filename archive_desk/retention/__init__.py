"""Retention, legal hold and destruction (保管期限 / 冻结 / 销毁), seed 000 flow steps 6–8 and
seed 002: the due list by region and category; the manager's freeze of a card (a frozen card is
never listed nor destroyed) and the hold report; the 销毁建议书 from the due list or by hand,
reviewed by the manager (single cards exempted, or the list sent back) and approved or refused
by the general manager; the waiting period (待销毁); the execution with its re-check, two
witnesses and the executor, printed as the 销毁清册 and kept for ever; the 销毁处理反馈单 that
closes a list.

This is the package's public surface (and :mod:`.output` for the printed forms; :mod:`.views`
for their layouts). Modules: ``_states``, ``_due`` (the due list), ``_holds`` (freezes),
``_checks`` (what stops a card's destruction), ``_proposals`` (drafting, changing, withdrawing a
list), ``_steps`` (review and approval), ``_execution``, ``_feedback``, ``_listing``,
``_reading``, ``_todos``.
"""

from archive_desk.retention._due import MAX_MONTHS, count_due, due_list, horizon
from archive_desk.retention._execution import execute, recheck
from archive_desk.retention._feedback import record_feedback
from archive_desk.retention._holds import check_freezes, freeze, hold_report, lift
from archive_desk.retention._listing import LIST_FILTERS, count_lists, find_by_number, list_lists
from archive_desk.retention._proposals import cancel_list, check_listed, create_list, update_list
from archive_desk.retention._reading import get_list, numbers_in_use
from archive_desk.retention._states import OPEN_STATES, STEPS, UNCLOSED_STATES
from archive_desk.retention._steps import decide, step_approvers
from archive_desk.retention._todos import todos
from archive_desk.retention.views import (
    CheckRow,
    DestructionMethod,
    DestructionReason,
    DestructionState,
    DestructionStep,
    DestructionView,
    DueRow,
    HoldReason,
    HoldRow,
    ItemInput,
    ItemState,
    ItemView,
    ListRow,
    Party,
    SignatureInput,
    Signer,
    StepDecision,
    StepView,
)


def check_holds() -> list[str]:
    """``archive-desk check``: the destruction and legal holds agree with the open lists and
    the freezes not lifted."""
    return check_listed() + check_freezes()


__all__ = [
    "LIST_FILTERS",
    "MAX_MONTHS",
    "OPEN_STATES",
    "STEPS",
    "UNCLOSED_STATES",
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
    "cancel_list",
    "check_holds",
    "count_due",
    "count_lists",
    "create_list",
    "decide",
    "due_list",
    "execute",
    "find_by_number",
    "freeze",
    "get_list",
    "hold_report",
    "horizon",
    "lift",
    "list_lists",
    "numbers_in_use",
    "recheck",
    "record_feedback",
    "step_approvers",
    "todos",
    "update_list",
]
