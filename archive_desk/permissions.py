"""Who may do what. Services call :func:`require`; hiding a button is never the check.

One table maps each role to its permissions; :class:`Actor` is the acting user as every service
receives it, with the clock the service must use for "now". An actor is what the user was at
login: every check reads the user again (:func:`check_session`, one look-up by id) and ends the
session (:class:`~archive_desk.errors.SessionEnded`) once she is deactivated or her role,
clearance or department has changed, so an open window never acts on rights she no longer has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.models import User
from archive_desk.db.prepared import Slot, prepared
from archive_desk.domain import Role, role_label
from archive_desk.errors import PermissionDenied, SessionEnded


class Perm:
    CARD_VIEW = "card.view"
    CARD_EDIT = "card.edit"
    CARD_PRINT = "card.print"
    CARD_EXPORT = "card.export"
    CLASSIFICATION_MANAGE = "classification.manage"
    BORROW_RECORD = "borrowing.record"  # applications, lending, returns, copies, day close
    BORROW_APPROVE = "borrowing.approve"
    HANDOVER_RECORD = "handover.record"
    HANDOVER_APPROVE_DEPT = "handover.approve_dept"
    HANDOVER_APPROVE_OFFICE = "handover.approve_office"
    INSPECTION_RECORD = "inspection.record"
    INSPECTION_APPROVE = "inspection.approve"
    DESTRUCTION_PROPOSE = "destruction.propose"
    DESTRUCTION_REVIEW = "destruction.review"
    DESTRUCTION_APPROVE = "destruction.approve"
    LEGAL_HOLD = "destruction.freeze"  # freeze a card (冻结) and lift it: the manager's
    REPORT_VIEW = "report.view"
    REPORT_EXPORT = "report.export"
    USER_MANAGE = "user.manage"
    SETTINGS_MANAGE = "settings.manage"
    BACKUP = "backup"
    RESTORE = "restore"  # replaces the whole archive with an older copy: the administrator's
    AUDIT_VIEW = "audit.view"


LABELS = {
    Perm.CARD_VIEW: "查看档案卡",
    Perm.CARD_EDIT: "编辑档案卡",
    Perm.CARD_PRINT: "打印档案卡和标签",
    Perm.CARD_EXPORT: "导出档案卡",
    Perm.CLASSIFICATION_MANAGE: "管理区域和类别",
    Perm.BORROW_RECORD: "办理借阅",
    Perm.BORROW_APPROVE: "审批借阅",
    Perm.HANDOVER_RECORD: "办理交接",
    Perm.HANDOVER_APPROVE_DEPT: "审批部门移交",
    Perm.HANDOVER_APPROVE_OFFICE: "总经办审批交接",
    Perm.INSPECTION_RECORD: "记录检查",
    Perm.INSPECTION_APPROVE: "审批整改",
    Perm.DESTRUCTION_PROPOSE: "提出销毁",
    Perm.DESTRUCTION_REVIEW: "审核销毁",
    Perm.DESTRUCTION_APPROVE: "批准销毁",
    Perm.LEGAL_HOLD: "冻结档案卡",
    Perm.REPORT_VIEW: "查看报表",
    Perm.REPORT_EXPORT: "导出报表",
    Perm.USER_MANAGE: "管理用户",
    Perm.SETTINGS_MANAGE: "修改系统设置",
    Perm.BACKUP: "备份数据库",
    Perm.RESTORE: "从备份恢复数据库",
    Perm.AUDIT_VIEW: "查看审计日志",
}

_VIEW = {Perm.CARD_VIEW, Perm.REPORT_VIEW}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.CLERK: frozenset(
        _VIEW
        | {
            Perm.CARD_EDIT,
            Perm.CARD_PRINT,
            Perm.CARD_EXPORT,
            Perm.CLASSIFICATION_MANAGE,
            Perm.BORROW_RECORD,
            Perm.HANDOVER_RECORD,
            Perm.INSPECTION_RECORD,
            Perm.DESTRUCTION_PROPOSE,
            Perm.REPORT_EXPORT,
            Perm.BACKUP,
        }
    ),
    Role.DEPT_HEAD: frozenset(_VIEW | {Perm.BORROW_APPROVE, Perm.HANDOVER_APPROVE_DEPT}),
    Role.MANAGER: frozenset(
        _VIEW
        | {
            Perm.BORROW_APPROVE,
            Perm.INSPECTION_APPROVE,
            Perm.DESTRUCTION_REVIEW,
            Perm.LEGAL_HOLD,
            Perm.REPORT_EXPORT,
            Perm.AUDIT_VIEW,
        }
    ),
    Role.GENERAL_MANAGER: frozenset(
        _VIEW | {Perm.DESTRUCTION_APPROVE, Perm.REPORT_EXPORT, Perm.BORROW_APPROVE}
    ),
    Role.OFFICE_HEAD: frozenset(_VIEW | {Perm.HANDOVER_APPROVE_OFFICE}),
    Role.ADMIN: frozenset(
        {
            Perm.CARD_VIEW,
            Perm.USER_MANAGE,
            Perm.SETTINGS_MANAGE,
            Perm.CLASSIFICATION_MANAGE,
            Perm.BACKUP,
            Perm.RESTORE,
            Perm.AUDIT_VIEW,
        }
    ),
}


@dataclass(frozen=True)
class Actor:
    """The user on whose behalf a service acts, and the clock it must use."""

    user_id: int
    username: str
    full_name: str
    role: str
    department_id: int | None
    clearance: int
    clock: Clock = field(default=SYSTEM_CLOCK, compare=False, repr=False)

    def can(self, perm: str) -> bool:
        return perm in ROLE_PERMISSIONS.get(self.role, frozenset())

    @property
    def role_label(self) -> str:
        return role_label(self.role)


_ENDED: list[Callable[[Actor, str], None]] = []


def on_session_ended(listener: Callable[[Actor, str], None]) -> Callable[[], None]:
    """Call ``listener(actor, message)`` whenever a check ends a session (on the thread that ran
    the check: the GUI queues it to its own); returns the function that stops it."""
    _ENDED.append(listener)

    def stop() -> None:
        if listener in _ENDED:
            _ENDED.remove(listener)

    return stop


def _end(actor: Actor, message: str) -> SessionEnded:
    for listener in list(_ENDED):
        listener(actor, message)
    return SessionEnded(message)


ENDED_INACTIVE = "您的账户已被停用，本次登录已结束。如有疑问，请联系系统管理员。"
ENDED_CHANGED = "您的账户（角色、可阅密级或部门）已被系统管理员修改，本次登录已结束，请重新登录。"


def check_session(actor: Actor) -> None:
    """Raise :class:`SessionEnded` unless ``actor``'s user is still active with the role,
    clearance and department she logged in with (read now: ~20 µs, a prepared look-up by id)."""
    query = prepared(
        "permissions.session",
        lambda: User.select(User.active, User.role, User.clearance, User.department).where(
            User.id == Slot("id")
        ),
    )
    row = query.one(id=actor.user_id)
    if row is None or not row[0]:
        raise _end(actor, ENDED_INACTIVE)
    if tuple(row[1:]) != (actor.role, actor.clearance, actor.department_id):
        raise _end(actor, ENDED_CHANGED)


def require(actor: Actor, perm: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` holds ``perm`` (and her session stands:
    :func:`check_session`)."""
    if not actor.can(perm):
        raise PermissionDenied(
            f"您的角色（{actor.role_label}）没有“{LABELS.get(perm, perm)}”的权限。"
        )
    check_session(actor)


def require_any(actor: Actor, perm: str, *others: str) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` holds ``perm`` or one of ``others``; the
    refusal names ``perm`` (the permission the actor most likely lacks)."""
    if not actor.can(perm) and not any(actor.can(p) for p in others):
        require(actor, perm)
    check_session(actor)


def roles_with(perm: str) -> list[str]:
    """The roles holding ``perm``, in the order of :data:`Role.ALL` (e.g. to tell a user who
    may change what they may not)."""
    return [role for role in Role.ALL if perm in ROLE_PERMISSIONS.get(role, frozenset())]
