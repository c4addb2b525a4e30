"""Borrowing's vocabulary: the states of an application and of each card on it, how a card came
back, the modes of borrowing — each defined once with its Chinese label."""

from __future__ import annotations

from archive_desk.domain import Role
from archive_desk.procedures.states import LabelledEnum

ENTITY = "borrowing"  # the approvals', signatures' and audit events' name of an application


class BorrowingState(LabelledEnum):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REFUSED = "refused", "已拒绝"
    CANCELLED = "cancelled", "已撤销"
    AWAITING_SIGNATURES = "awaiting_signatures", "待纸面签字"
    LENT = "lent", "借出中"
    RETURNED = "returned", "已归还"


class ItemState(LabelledEnum):
    """A card of an application."""

    PENDING = "pending", "待出借"
    LENT = "lent", "借出中"
    RETURNED = "returned", "已归还"
    CANCELLED = "cancelled", "已撤销"


class ReturnCondition(LabelledEnum):
    INTACT = "intact", "完好"
    DAMAGED = "damaged", "损坏"
    INCOMPLETE = "incomplete", "不完整"


class BorrowMode(LabelledEnum):
    READ = "read", "阅览"
    COPY = "copy", "影印"


OPEN_STATES = (
    BorrowingState.PENDING,
    BorrowingState.APPROVED,
    BorrowingState.AWAITING_SIGNATURES,
    BorrowingState.LENT,
)
ROLE_RANK = {Role.DEPT_HEAD: 1, Role.MANAGER: 2, Role.GENERAL_MANAGER: 3}
