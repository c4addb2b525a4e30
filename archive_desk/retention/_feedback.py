"""The feedback (销毁处理反馈单): once the cards are destroyed, the clerk reports to the
superiors — to whom, on which day, what was done — and the list is closed."""

from __future__ import annotations

import datetime as dt

from archive_desk import audit, validation
from archive_desk.db.models import DestructionProposal
from archive_desk.db.store import retrying
from archive_desk.errors import Conflict, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, records
from archive_desk.procedures.changes import transaction
from archive_desk.retention._reading import get_list, load
from archive_desk.retention._states import ENTITY, DestructionState
from archive_desk.retention.views import DestructionView


@retrying
def record_feedback(
    actor: Actor,
    list_id: int,
    version: int,
    *,
    reported_to: str,
    reported_on: dt.date,
    feedback: str,
) -> DestructionView:
    """Record the 销毁处理反馈单 of an executed list: it is then closed."""
    require(actor, Perm.DESTRUCTION_PROPOSE)
    reported_to = validation.clean_text(
        reported_to, "反馈对象", DestructionProposal.reported_to.max_length, field="reported_to"
    )
    feedback = validation.clean_text(
        feedback, "反馈内容", validation.NOTE_MAX, field="feedback", multiline=True
    )
    if not reported_to:
        raise ValidationError("请填写反馈给谁（例如总经理、总经办）。", field="reported_to")
    if not feedback:
        raise ValidationError("请填写反馈的内容。", field="feedback")
    if reported_on > actor.clock.today():
        raise ValidationError("反馈日期不能晚于今天。", field="reported_on")
    with transaction():
        head = load(list_id, version)
        if head.state != DestructionState.EXECUTED:
            state = DestructionState(head.state).label
            raise Conflict(f"销毁清册现在是“{state}”，只有已执行销毁的清册才能反馈。")
        if head.executed_on and reported_on < head.executed_on:
            raise ValidationError("反馈日期不能早于销毁日期。", field="reported_on")
        records.update(
            DestructionProposal, head.id, version, state=DestructionState.REPORTED,
            reported_to=reported_to, reported_on=reported_on, feedback=feedback,
            reported_at=actor.clock.now(),
        )  # fmt: skip
        changes.note(changes.DESTRUCTION, [head.id])
        audit.record(
            actor, "destruction.feedback", ENTITY, head.id, before={"state": head.state},
            after={"state": DestructionState.REPORTED, "reported_to": reported_to,
                   "reported_on": reported_on, "feedback": feedback},
        )  # fmt: skip
    return get_list(actor, list_id)
