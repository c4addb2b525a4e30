"""The approval steps of a slip: the handing-over department head's and the office head's,
each given in one of the three ways (:mod:`archive_desk.procedures.approvals`); the list of who
may take a step and the check on a new slip come from the same predicate."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from archive_desk import audit
from archive_desk.db import store
from archive_desk.db.models import (
    Handover,
    User,
)
from archive_desk.domain import Role, role_label
from archive_desk.errors import Conflict, ValidationError
from archive_desk.handover._reading import dept_name, get_handover, load
from archive_desk.handover._states import (
    ENTITY,
    STEPS,
    HandoverState,
    StepDecision,
)
from archive_desk.handover.views import HandoverView
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import approvals, changes, records


class Slip(NamedTuple):
    """What the approval rule reads of a slip (a stored :class:`Handover` has the same names)."""

    from_user_id: int | None
    created_by_id: int
    from_department_id: int | None


def _step_refusal(approver: User, step: str, slip: Slip | Handover) -> str | None:
    """Why ``approver`` may not take ``step`` of ``slip`` (None: she may). The one rule of
    :func:`decide`, of the list :func:`step_approvers` offers and of the check on a new slip."""
    role = STEPS[step][3]
    if approver.role != role or not approver.active:
        label = role_label(approver.role)
        return f"{approver.full_name}（{label}）无权进行这一步审批：需要{Role.LABELS[role]}。"
    if approver.id in (slip.from_user_id, slip.created_by_id):
        return "不能审批自己经办的交接单。"
    if (
        step == "dept"
        and slip.from_department_id
        and approver.department_id != slip.from_department_id
    ):
        return "移交部门的交接单应由移交部门的负责人审批。"
    return None


def approvers_of(actor: Actor, slip: Slip | Handover, step: str) -> approvals.StepApprovers:
    _before, _after, perm, role = STEPS[step]
    needed = Role.LABELS[role]
    if step == "dept" and slip.from_department_id:
        needed = f"移交部门（{dept_name(slip.from_department_id)}）的{needed}"
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _step_refusal(user, step, slip),
        order=lambda _user: 0,
        needed=needed,
        approve_perm=perm,
        record_perm=Perm.HANDOVER_RECORD,
    )


def step_approvers(actor: Actor, handover_id: int, step: str) -> approvals.StepApprovers:
    """Who may take the department's (``dept``) or the office's (``office``) step of a slip."""
    if step not in STEPS:
        raise ValidationError("审批步骤无效。", field="step")
    get_handover(actor, handover_id)  # the same permission as reading the slip
    return approvers_of(actor, Handover.get_by_id(handover_id), step)


def department_approvers(
    actor: Actor, department_id: int | None, from_user_id: int | None
) -> approvals.StepApprovers:
    """Who could approve a new slip from this department handed over by this user (the slip's
    form shows it while the clerk chooses)."""
    require(actor, Perm.HANDOVER_RECORD)
    return approvers_of(actor, Slip(from_user_id, actor.user_id, department_id), "dept")


@store.retrying
def decide(
    actor: Actor,
    handover_id: int,
    version: int,
    step: str,
    *,
    approve: bool,
    comment: str = "",
    method: str = "login",
    approver_id: int | None = None,
    paper_ref: str = "",
    signature_png: bytes | None = None,
) -> HandoverView:
    """The department head's (``dept``) or the office head's (``office``) approval; a refusal
    sends the slip back to the handing-over clerk's draft."""
    before, after, perm, _role = STEPS[step]

    def waiting() -> Handover:
        h = load(handover_id, version)
        if h.state != before:
            raise Conflict(f"交接单现在是“{HandoverState(h.state).label}”，不能进行这一步审批。")
        return h

    def transition(h: Handover, approver: User, comment: str, _now: dt.datetime) -> None:
        new_state = after if approve else HandoverState.DRAFT
        records.update(Handover, h.id, version, state=new_state)
        audit.record(actor, f"handover.{step}_{'approve' if approve else 'return'}", ENTITY, h.id,
                     before={"state": before}, after={"state": new_state, "approver": approver.full_name, "comment": comment})  # fmt: skip
        changes.note(changes.HANDOVER, [h.id])

    approvals.decide(
        actor,
        approvals.Given(approve, comment, method, approver_id, paper_ref, signature_png),
        approve_perm=perm,
        record_perm=Perm.HANDOVER_RECORD,
        no_comment="退回时请写明意见。",
        load=waiting,
        refusal=lambda approver, h: _step_refusal(approver, step, h),
        step=lambda h: approvals.Step(
            ENTITY,
            h.id,
            step,
            StepDecision.APPROVED if approve else StepDecision.RETURNED,
            f"approver_{step}",
        ),
        transition=transition,
    )
    return get_handover(actor, handover_id)
