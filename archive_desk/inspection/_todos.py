"""Inspection's lines of the overview's to-do list: the twice-yearly review (when this period's
round is due and how far it is), the rounds and inventories in progress, and the findings —
awaiting approval, approved and not resolved, overdue."""

from __future__ import annotations

import datetime as dt

from archive_desk import cards
from archive_desk.inspection._findings import count_findings
from archive_desk.inspection._inventory import count_inventories
from archive_desk.inspection._review import next_period, period_due, period_start
from archive_desk.inspection._rounds import count_rounds, current_periodic
from archive_desk.inspection._states import RoundState
from archive_desk.inspection.views import FindingFilter, RoundView
from archive_desk.permissions import Actor, Perm
from archive_desk.procedures.todos import Todo


def _day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def review_todo(actor: Actor, current: RoundView | None) -> Todo:
    """The periodic round of today's review period (``current``): not begun (and by when it is
    due), how far it is, or done (and when the next is due). Its list is the cards tab's "not
    yet reviewed this period"."""
    today = actor.clock.today()
    since = period_start(today)
    due = period_due(since)
    left = cards.count_cards(actor, cards.CardFilter(review_due_since=since))
    late = today > due
    if current is None:
        label = f"例行检查未开始（{_day(due)}前）"
        hint = f"{since.year}年{since.month}月的例行检查尚未开始，应于 {due.isoformat()} 前完成；待查档案卡 {left} 张"
    elif current.state == RoundState.OPEN:
        due = current.due_on or due
        late = today > due
        label = f"例行检查 {current.progress}"
        hint = f"{current.number}：已检查 {current.progress}，应于 {due.isoformat()} 前完成"
    else:
        following = next_period(since)
        label = "本期例行检查已完成"
        hint = f"{current.number} 已于 {current.finished_at:%Y-%m-%d} 结束；下次例行检查 {following.year}年{following.month}月"
        left = 0
    return Todo("review_due", label, left, "cards", "review_due_since", since,
                urgent=late and left > 0, hint=hint)  # fmt: skip


def todos(actor: Actor) -> list[Todo]:
    """For the clerk: the review, work in progress, the findings she must act on; for the
    manager: the proposals awaiting her approval, and those approved not yet resolved."""
    items: list[Todo] = []
    record = actor.can(Perm.INSPECTION_RECORD)
    if record:
        current = current_periodic(actor)
        items.append(review_todo(actor, current))
        running = count_rounds(actor, "open") + count_inventories(actor, "open")
        if current is not None and current.state == RoundState.OPEN:
            running -= 1  # the periodic round has its own line
        items.append(Todo("inspection_work", "进行中的检查与盘点", running, "inspection",
                          "rounds", hint="进行中的专项检查和盘点（含已暂停的盘点）"))  # fmt: skip
        items.append(Todo("findings_open", "问题待提处理意见",
                          count_findings(actor, FindingFilter("open")), "inspection", "open"))  # fmt: skip
    if record or actor.can(Perm.INSPECTION_APPROVE):
        items.append(Todo("findings_proposed", "整改意见待审批",
                          count_findings(actor, FindingFilter("proposed")), "inspection",
                          "proposed", urgent=actor.can(Perm.INSPECTION_APPROVE)))  # fmt: skip
        items.append(Todo("findings_approved", "已批准待整改",
                          count_findings(actor, FindingFilter("approved")), "inspection", "approved"))  # fmt: skip
        items.append(Todo("findings_overdue", "整改逾期",
                          count_findings(actor, FindingFilter("overdue")), "inspection", "overdue",
                          urgent=True))  # fmt: skip
    return items
