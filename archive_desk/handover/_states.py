"""Handover's vocabulary: the slip's states and kinds, the steps, who signs, how a listed item
differs and how a difference was resolved — each defined once with its Chinese label."""

from __future__ import annotations

from archive_desk.domain import Role
from archive_desk.permissions import Perm
from archive_desk.procedures.states import LabelledEnum

ENTITY = "handover"


class HandoverState(LabelledEnum):
    DRAFT = "draft", "草拟"
    DEPT_APPROVED = "dept_approved", "移交部门已批准"
    CHECKED = "checked", "接收方已核对"
    OFFICE_APPROVED = "office_approved", "总经办已批准"
    RECEIVED = "received", "已接收"
    CANCELLED = "cancelled", "已撤销"


class HandoverKind(LabelledEnum):
    FILING = "filing", "归档移交"
    CLERK_CHANGE = "clerk_change", "档案管理员变更"
    DEPARTMENT = "department", "部门移交"
    DEREGISTERED = "deregistered", "注销企业档案移交"


class HandoverStep(LabelledEnum):
    """The steps a slip goes through, each named by who takes it."""

    DEPT = "dept", "移交部门负责人"
    CHECK = "check", "接收方核对"
    OFFICE = "office", "总经办负责人"


class StepDecision(LabelledEnum):
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回"


class Signer(LabelledEnum):
    FROM = "from", "移交人"
    TO = "to", "接收人"
    WITNESS = "witness", "监交人"


class ItemDifference(LabelledEnum):
    """How a listed item differs from what the receiver found."""

    MISSING = "missing", "缺少"
    EXTRA = "extra", "清单外"


class Resolution(LabelledEnum):
    ACCEPTED = "accepted", "已接受"
    REMOVED = "removed", "已移出"


OPEN_STATES = (
    HandoverState.DRAFT,
    HandoverState.DEPT_APPROVED,
    HandoverState.CHECKED,
    HandoverState.OFFICE_APPROVED,
)

STEPS: dict[str, tuple[HandoverState, HandoverState, str, str]] = {
    # step: (state before, state after approval, permission of the approver, role that may approve)
    HandoverStep.DEPT: (
        HandoverState.DRAFT, HandoverState.DEPT_APPROVED, Perm.HANDOVER_APPROVE_DEPT,
        Role.DEPT_HEAD,
    ),
    HandoverStep.OFFICE: (
        HandoverState.CHECKED, HandoverState.OFFICE_APPROVED, Perm.HANDOVER_APPROVE_OFFICE,
        Role.OFFICE_HEAD,
    ),
}  # fmt: skip

# The step each open state waits for: the department's and the office's approval, the
# receiver's check, the receipt.
NEXT_STEP: dict[str, str] = {
    HandoverState.DRAFT: "dept",
    HandoverState.DEPT_APPROVED: "check",
    HandoverState.CHECKED: "office",
    HandoverState.OFFICE_APPROVED: "receive",
}
