"""The two approval steps of a destruction list: the manager's review (approve, with single
cards exempted and why, or send the list back) and the general manager's approval (approve or
refuse), each given in one of the three ways (:mod:`archive_desk.procedures.approvals`). The
list of who may take a step and the decision come from the same predicate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from archive_desk import audit, settings, validation
from archive_desk.db.models import DestructionItem, DestructionProposal, User
from archive_desk.db.store import retrying
from archive_desk.domain import Role, role_label
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures import approvals, changes, holds, records
from archive_desk.retention._reading import get_list, load
from archive_desk.retention._states import (
    ENTITY,
    STEPS,
    DestructionState,
    DestructionStep,
    ItemState,
    StepDecision,
)
from archive_desk.retention.views import DestructionView

KIND = "destruction"
Transition = Callable[[DestructionProposal, User, str, dt.datetime], None]


def _step_refusal(approver: User, step: str, head: DestructionProposal) -> str | None:
    """Why ``approver`` may not take ``step`` of the list (None: she may): the one rule of
    :func:`review`, :func:`approve` and of the list :func:`step_approvers` offers."""
    if approver.id == head.proposer_id:
        return "不能审批自己提出的销毁清册。"
    role = STEPS[step][3]
    if approver.role != role or not approver.active:
        label = role_label(approver.role)
        return f"{approver.full_name}（{label}）无权进行这一步审批：需要{Role.LABELS[role]}。"
    if step == DestructionStep.APPROVE and approver.id == head.reviewer_id:
        return "审核和批准不能是同一人。"
    return None


def step_approvers(actor: Actor, list_id: int, step: str) -> approvals.StepApprovers:
    """Who may take the manager's (``review``) or the general manager's (``approve``) step."""
    if step not in STEPS:
        raise ValidationError("审批步骤无效。", field="step")
    get_list(actor, list_id)  # the same permission as reading the list
    head = DestructionProposal.get_by_id(list_id)
    _before, _after, perm, role = STEPS[step]
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _step_refusal(user, step, head),
        order=lambda _user: 0,
        needed=Role.LABELS[role],
        approve_perm=perm,
        record_perm=Perm.DESTRUCTION_PROPOSE,
    )


def _waiting(list_id: int, version: int, step: str) -> DestructionProposal:
    head = load(list_id, version)
    if head.state != STEPS[step][0]:
        state = DestructionState(head.state).label
        raise Conflict(f"销毁清册现在是“{state}”，不能进行这一步审批。")
    return head


def _decide(
    actor: Actor,
    list_id: int,
    version: int,
    step: str,
    given: approvals.Given,
    transition: Transition,
) -> DestructionView:
    decision = (
        StepDecision.APPROVED
        if given.approve
        else (StepDecision.RETURNED if step == DestructionStep.REVIEW else StepDecision.REFUSED)
    )
    approvals.decide(
        actor,
        given,
        approve_perm=STEPS[step][2],
        record_perm=Perm.DESTRUCTION_PROPOSE,
        no_comment="退回或不同意时请写明意见。",
        load=lambda: _waiting(list_id, version, step),
        refusal=lambda approver, head: _step_refusal(approver, step, head),
        step=lambda head: approvals.Step(ENTITY, head.id, step, decision, f"approver_{step}"),
        transition=transition,
    )
    return get_list(actor, list_id)


def _exemptions(exempt: Mapping[int, str]) -> dict[int, str]:
    out = {}
    for item_id, why in exempt.items():
        text = validation.clean_text(
            why, "豁免理由", DestructionItem.note.max_length, field="exempt"
        )
        if not text:
            raise ValidationError("免于销毁的档案卡请逐张写明理由。", field="exempt")
        out[int(item_id)] = text
    return out


@retrying
def decide(
    actor: Actor,
    list_id: int,
    version: int,
    step: str,
    *,
    approve: bool,
    comment: str = "",
    exempt: Mapping[int, str] | None = None,
    method: str = "login",
    approver_id: int | None = None,
    paper_ref: str = "",
    signature_png: bytes | None = None,
) -> DestructionView:
    """The manager's review (``review``): approve — single cards ``exempt``-ed, item id → why,
    return to the archive — or send the list back to the clerk. The general manager's approval
    (``approve``): approve — the cards then wait the configured period
    (``destruction.wait_days``), kept apart as 待销毁 — or refuse (they return to the archive).
    A send-back or a refusal needs the comment."""
    if step not in STEPS:
        raise ValidationError("审批步骤无效。", field="step")
    reasons = _exemptions(exempt or {})
    if reasons and (step != DestructionStep.REVIEW or not approve):
        raise ValidationError("只有主管审核同意时才能豁免单张档案卡。", field="exempt")
    given = approvals.Given(approve, comment, method, approver_id, paper_ref, signature_png)
    if step == DestructionStep.REVIEW:
        transition = _reviewed(actor, version, approve, reasons)
    else:
        transition = _approved(actor, version, approve)
    return _decide(actor, list_id, version, step, given, transition)


def _reviewed(actor: Actor, version: int, approve: bool, reasons: dict[int, str]) -> Transition:
    def transition(
        head: DestructionProposal, approver: User, comment: str, now: dt.datetime
    ) -> None:
        if not approve:
            records.update(DestructionProposal, head.id, version, state=DestructionState.RETURNED,
                           review_opinion=comment)  # fmt: skip
            audit.record(actor, "destruction.return", ENTITY, head.id, before={"state": head.state},
                         after={"state": DestructionState.RETURNED, "approver": approver.full_name,
                                "comment": comment})  # fmt: skip
            changes.note(changes.DESTRUCTION, [head.id])
            return
        listed = {
            i.id: i
            for i in DestructionItem.select().where(
                (DestructionItem.proposal == head.id) & (DestructionItem.state == ItemState.LISTED)
            )
        }
        if any(i not in listed for i in reasons):
            raise ValidationError("要豁免的档案卡不在这份清册中。", field="exempt")
        if len(reasons) == len(listed):
            raise ValidationError(
                "清册中的档案卡都免于销毁时，请退回清册，不要审核同意。", field="exempt"
            )
        for item_id, why in reasons.items():
            DestructionItem.update(state=ItemState.EXEMPTED, note=why).where(
                DestructionItem.id == item_id
            ).execute()
        holds.release(KIND, head.id, [listed[i].card_id for i in reasons])
        records.update(DestructionProposal, head.id, version, state=DestructionState.REVIEWED,
                       reviewer=approver.id, reviewed_at=now, review_opinion=comment)  # fmt: skip
        audit.record(actor, "destruction.review", ENTITY, head.id, before={"state": head.state},
                     after={"state": DestructionState.REVIEWED, "approver": approver.full_name,
                            "comment": comment,
                            "exempted": [f"{listed[i].archive_no}：{w}" for i, w in reasons.items()]})  # fmt: skip
        changes.note(changes.DESTRUCTION, [head.id])

    return transition


def _approved(actor: Actor, version: int, approve: bool) -> Transition:
    def transition(
        head: DestructionProposal, approver: User, comment: str, now: dt.datetime
    ) -> None:
        if not approve:
            holds.release(KIND, head.id)
            records.update(DestructionProposal, head.id, version, state=DestructionState.REFUSED,
                           approver=approver.id, approved_at=now, approval_opinion=comment)  # fmt: skip
            audit.record(actor, "destruction.refuse", ENTITY, head.id, before={"state": head.state},
                         after={"state": DestructionState.REFUSED, "approver": approver.full_name,
                                "comment": comment})  # fmt: skip
            changes.note(changes.DESTRUCTION, [head.id])
            return
        wait_until = now.date() + dt.timedelta(days=int(settings.get("destruction.wait_days")))
        records.update(DestructionProposal, head.id, version, state=DestructionState.APPROVED,
                       approver=approver.id, approved_at=now, approval_opinion=comment,
                       wait_until=wait_until)  # fmt: skip
        audit.record(actor, "destruction.approve", ENTITY, head.id, before={"state": head.state},
                     after={"state": DestructionState.APPROVED, "approver": approver.full_name,
                            "comment": comment, "wait_until": wait_until})  # fmt: skip
        changes.note(changes.DESTRUCTION, [head.id])

    return transition
