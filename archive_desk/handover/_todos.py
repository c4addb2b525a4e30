"""Handover's lines of the overview's to-do list."""

from __future__ import annotations

from archive_desk.handover._listing import count_handovers
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo


def todos(actor: Actor) -> list[Todo]:
    """For the clerk: the open slips; for an approver: the slips waiting for her step."""
    if actor.can(Perm.HANDOVER_RECORD):
        return [Todo("handovers", "办理中的交接单", count_handovers(actor, "open"),
                     "handover", "open")]  # fmt: skip
    items = []
    for perm, state, label in (
        (Perm.HANDOVER_APPROVE_DEPT, "draft", "待部门审批的交接单"),
        (Perm.HANDOVER_APPROVE_OFFICE, "checked", "待总经办审批的交接单"),
    ):
        if actor.can(perm):
            items.append(Todo("handovers", label, count_handovers(actor, state),
                              "handover", state, urgent=True))  # fmt: skip
    return items
