"""Retention's vocabulary: a destruction list's states and steps, what became of each card on
it, why a card is proposed, how it is destroyed, why a card is frozen, who signs the register —
each defined once with its Chinese label."""

from __future__ import annotations

from archive_desk.domain import Role
from archive_desk.permissions import Perm
from archive_desk.procedures.states import LabelledEnum

ENTITY = "destruction"  # a destruction list in the audit trail, the approvals and signatures


class DestructionState(LabelledEnum):
    DRAFT = "draft", "待主管审核"
    RETURNED = "returned", "已退回"
    REVIEWED = "reviewed", "待总经理批准"
    APPROVED = "approved", "已批准待销毁"
    REFUSED = "refused", "未获批准"
    EXECUTED = "executed", "已销毁待反馈"
    REPORTED = "reported", "已反馈"
    CANCELLED = "cancelled", "已撤销"


class ItemState(LabelledEnum):
    LISTED = "listed", "列入销毁"
    EXEMPTED = "exempted", "免于销毁"
    WITHHELD = "withheld", "未予销毁"
    DESTROYED = "destroyed", "已销毁"


class DestructionReason(LabelledEnum):
    """Why a card is proposed for destruction (销毁原因)."""

    RETENTION_ENDED = "retention_ended", "保管期满"
    NO_RENEWED_TRADE = "no_renewed_trade", "无恢复交易可能"
    DEREGISTERED = "deregistered", "客户已注销"
    OTHER = "other", "其他"


class DestructionMethod(LabelledEnum):
    SHRED = "shred", "粉碎"
    BURN = "burn", "焚烧"
    PULP = "pulp", "化浆"
    AGENCY = "agency", "送专业机构销毁"


class HoldReason(LabelledEnum):
    """Why a card is frozen (冻结)."""

    DISPUTE = "dispute", "纠纷"
    LITIGATION = "litigation", "诉讼"
    AUDIT = "audit", "审计"
    OTHER = "other", "其他"


class DestructionStep(LabelledEnum):
    REVIEW = "review", "主管审核"
    APPROVE = "approve", "总经理批准"


class StepDecision(LabelledEnum):
    APPROVED = "approved", "同意"
    RETURNED = "returned", "退回"
    REFUSED = "refused", "不同意"


class Signer(LabelledEnum):
    """Who signs the 销毁清册 at the execution."""

    WITNESS1 = "witness1", "监销人（一）"
    WITNESS2 = "witness2", "监销人（二）"
    EXECUTOR = "executor", "销毁执行人"


# the lists whose cards are held: a card on one is neither lent, handed over nor listed again
OPEN_STATES = (
    DestructionState.DRAFT,
    DestructionState.RETURNED,
    DestructionState.REVIEWED,
    DestructionState.APPROVED,
)
# a list is closed only once the feedback went to the superiors (or it ended without a
# destruction: refused, withdrawn)
UNCLOSED_STATES = (*OPEN_STATES, DestructionState.EXECUTED)

STEPS: dict[str, tuple[DestructionState, DestructionState, str, str]] = {
    # step: (state before, state after approval, permission of the approver, role that may approve)
    DestructionStep.REVIEW: (
        DestructionState.DRAFT, DestructionState.REVIEWED, Perm.DESTRUCTION_REVIEW, Role.MANAGER,
    ),
    DestructionStep.APPROVE: (
        DestructionState.REVIEWED, DestructionState.APPROVED, Perm.DESTRUCTION_APPROVE,
        Role.GENERAL_MANAGER,
    ),
}  # fmt: skip
