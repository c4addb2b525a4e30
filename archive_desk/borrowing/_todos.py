"""Borrowing's lines of the overview's to-do list."""

from __future__ import annotations

from archive_desk import settings
from archive_desk.borrowing._apply import count_pending_approvals
from archive_desk.borrowing._closing import count_in_room_not_back, day_closed, month_end_reminder
from archive_desk.borrowing._listing import count_borrowings, lent_due
from archive_desk.db.models import BorrowingItem
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo


def _lent_due(actor: Actor) -> int:
    """Cards out that are due back today, of those the actor may see."""
    return int(BorrowingItem.select().where(lent_due(actor, overdue=False)).count())


def todos(actor: Actor) -> list[Todo]:
    """For the clerk: applications to approve, cards due today and overdue, the day close and
    the month-end list; for an approver: the applications she may approve."""
    today = actor.clock.today()
    record = actor.can(Perm.BORROW_RECORD)
    items: list[Todo] = []
    if record:
        pending = count_borrowings(actor, "pending")
        items.append(Todo("pending_approvals", "借阅申请待审批", pending, "borrowing", "pending",
                          hint="已提交、等待部门负责人或主管审批的借阅申请"))  # fmt: skip
    elif actor.can(Perm.BORROW_APPROVE):
        pending = count_pending_approvals(actor)
        items.append(Todo("pending_approvals", "待我审批的借阅申请", pending, "borrowing",
                          "pending", urgent=True))  # fmt: skip
    if record:
        items.append(Todo("due_today", "今日应还", _lent_due(actor),
                          "borrowing", "due_today", hint="今天到期、尚未归还的档案（件）"))  # fmt: skip
        items.append(Todo("overdue", "逾期未还", count_borrowings(actor, "overdue"),
                          "borrowing", "overdue", urgent=True,
                          hint="有档案超过应还日期仍未归还的借阅单"))  # fmt: skip
        if settings.get("borrow.day_close") and not day_closed(today):
            items.append(Todo("day_close", "今日尚未闭馆清点", count_in_room_not_back(actor),
                              "borrowing", "show_day_close",
                              hint="尚未归还的原件（件）：逐件归还或写明原因后闭馆"))  # fmt: skip
        reminder = month_end_reminder(actor)
        items.append(Todo("month_end", "月末借出未还清单待报总经理", int(reminder is not None),
                          "borrowing", "month_end", urgent=today.day > 5, hint=reminder or ""))  # fmt: skip
    return items
