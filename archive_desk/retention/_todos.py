"""Retention's lines of the overview's to-do list: for the clerk, the cards due (on no list and
not frozen), the approved lists whose waiting period is over and the executed lists not yet fed
back (a list sent back shows among her open lists); for the manager and the general manager, the lists waiting for
their step."""

from __future__ import annotations

from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo
from archive_desk.retention._due import count_due
from archive_desk.retention._listing import count_lists


def todos(actor: Actor) -> list[Todo]:
    out = []
    if actor.can(Perm.DESTRUCTION_PROPOSE):
        out += [
            Todo("retention_due", "保管期限已到期", count_due(actor), "retention", "due", 0,
                 hint="尚未列入销毁清册、未冻结的到期档案卡：鉴定后续存或提出销毁"),
            Todo("destruction_due_now", "待执行的销毁清册", count_lists(actor, "due_now"),
                 "retention", "due_now", urgent=True, hint="已批准且等待期已满，可以执行销毁"),
            Todo("destruction_feedback", "待反馈的销毁清册", count_lists(actor, "executed"),
                 "retention", "executed", hint="已销毁、尚未向上级反馈的清册"),
        ]  # fmt: skip
    if actor.can(Perm.DESTRUCTION_REVIEW):
        out.append(Todo("destruction_review", "待审核的销毁清册", count_lists(actor, "draft"),
                        "retention", "draft", urgent=True))  # fmt: skip
    if actor.can(Perm.DESTRUCTION_APPROVE):
        out.append(Todo("destruction_approve", "待批准的销毁清册", count_lists(actor, "reviewed"),
                        "retention", "reviewed", urgent=True))  # fmt: skip
    return out
