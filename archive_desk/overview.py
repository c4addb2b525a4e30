"""What the clerk sees first: her to-do items with counts, and the figures behind the charts.

Each :class:`Todo` names the list that opens behind it (``tab`` and ``target``): a list filter of
the borrowing or handover tab, a view or action of the borrowing tab (``show_day_close``: the
originals not back, from which the clerk closes the day; ``month_end``), or a card filter
(``target`` is a :class:`~archive_desk.cards.CardFilter` field, ``value`` its value).
Only the items the actor's role can act on are listed; an item with nothing to do has count 0 and
stays on the list, so "nothing waiting" is visible rather than guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from archive_desk import borrowing, cards, classification, review, settings
from archive_desk import handover as ho
from archive_desk.card_stats import month_counts, month_start
from archive_desk.db.models import BorrowingItem
from archive_desk.permissions import Actor, Perm, require


@dataclass(frozen=True)
class Todo:
    key: str
    label: str
    count: int
    tab: str  # "borrowing" | "handover" | "cards"
    target: str  # list filter, tab action, or CardFilter field
    value: Any = None
    urgent: bool = False  # shown in red when count > 0
    hint: str = ""


def _lent_due(day: dt.date) -> int:
    """Cards out that are due back on ``day``."""
    return int(
        BorrowingItem.select()
        .where((BorrowingItem.state == "lent") & (BorrowingItem.due_date == day))
        .count()
    )


def todos(actor: Actor) -> list[Todo]:
    """The to-do list for ``actor`` as of her today."""
    require(actor, Perm.REPORT_VIEW)
    today = actor.clock.today()
    record = actor.can(Perm.BORROW_RECORD)
    items: list[Todo] = []
    if record:
        pending = borrowing.count_borrowings(actor, "pending")
        items.append(Todo("pending_approvals", "借阅申请待审批", pending, "borrowing", "pending",
                          hint="已提交、等待部门负责人或主管审批的借阅申请"))  # fmt: skip
    elif actor.can(Perm.BORROW_APPROVE):
        pending = len(borrowing.pending_approvals(actor))
        items.append(Todo("pending_approvals", "待我审批的借阅申请", pending, "borrowing",
                          "pending", urgent=True))  # fmt: skip
    if record:
        items.append(Todo("due_today", "今日应还", _lent_due(today),
                          "borrowing", "due_today", hint="今天到期、尚未归还的档案（件）"))  # fmt: skip
        items.append(Todo("overdue", "逾期未还", borrowing.count_borrowings(actor, "overdue"),
                          "borrowing", "overdue", urgent=True,
                          hint="有档案超过应还日期仍未归还的借阅单"))  # fmt: skip
        if settings.get("borrow.day_close") and not borrowing.day_closed(today):
            items.append(Todo("day_close", "今日尚未闭馆清点", borrowing.count_in_room_not_back(actor),
                              "borrowing", "show_day_close",
                              hint="尚未归还的原件（件）：逐件归还或写明原因后闭馆"))  # fmt: skip
        reminder = borrowing.month_end_reminder(actor)
        items.append(Todo("month_end", "月末借出未还清单待报总经理", int(reminder is not None),
                          "borrowing", "month_end", urgent=today.day > 5, hint=reminder or ""))  # fmt: skip
    if actor.can(Perm.HANDOVER_RECORD):
        items.append(Todo("handovers", "办理中的交接单", ho.count_handovers(actor, "open"),
                          "handover", "open"))  # fmt: skip
    else:
        for perm, state, label in (
            (Perm.HANDOVER_APPROVE_DEPT, "draft", "待部门审批的交接单"),
            (Perm.HANDOVER_APPROVE_OFFICE, "checked", "待总经办审批的交接单"),
        ):
            if actor.can(perm):
                items.append(Todo("handovers", label, ho.count_handovers(actor, state),
                                  "handover", state, urgent=True))  # fmt: skip
    if actor.can(Perm.CARD_EDIT):
        since = review.period_start(today)
        due = cards.count_cards(actor, cards.CardFilter(review_due_since=since))
        items.append(Todo("review_due", "例行检查未做", due, "cards", "review_due_since", since,
                          hint=f"{since:%Y年%m月}起尚未检查的在库档案卡"))  # fmt: skip
        retention = cards.count_cards(actor, cards.CardFilter(retention_due_by=today))
        items.append(Todo("retention_due", "保管期限已到期", retention, "cards",
                          "retention_due_by", today, hint="应鉴定后续存或提出销毁的档案卡"))  # fmt: skip
    return items


def loans_per_month(actor: Actor, months: int = 12) -> list[tuple[str, int]]:
    """Cards lent out per month (originals), the last ``months`` months including this one."""
    require(actor, Perm.REPORT_VIEW)
    today = actor.clock.today()
    starts = [month_start(today, -k) for k in range(months - 1, -1, -1)]
    lent = month_counts(BorrowingItem.select(), BorrowingItem.lent_at, starts, datetimes=True)
    return [(f"{start:%Y-%m}", n) for start, n in zip(starts, lent, strict=True)]


@dataclass(frozen=True)
class CardShares:
    by_region: list[tuple[str, int]]  # top-level regions, sub-regions rolled up, tree order
    by_category: list[tuple[str, int, str]]  # ("GY 工业客户", n, "#1f77b4")


def card_shares(actor: Actor) -> CardShares:
    """Cards in the room per top-level region and per category, for the overview's charts: the
    same (region, category) counts the cards tab's tree shows, so one indexed GROUP BY."""
    require(actor, Perm.REPORT_VIEW)
    counts = cards.tree_counts(actor, cards.CardFilter())
    regions = classification.list_regions()
    per_region: dict[int, int] = {}
    per_category: dict[int, int] = {}
    for (region_id, category_id), n in counts.items():
        per_region[region_id] = per_region.get(region_id, 0) + n
        per_category[category_id] = per_category.get(category_id, 0) + n
    totals = classification.roll_up(regions, per_region)
    return CardShares(
        [(r.name, totals[r.id]) for r in regions if r.parent_id is None and totals[r.id]],
        [
            (f"{c.code} {c.name}", per_category[c.id], c.color)
            for c in classification.list_categories()
            if per_category.get(c.id)
        ],
    )


@dataclass(frozen=True)
class Figures:
    """Everything the overview shows, read in one go (off the GUI thread)."""

    todos: list[Todo]
    loans_per_month: list[tuple[str, int]]
    shares: CardShares


def figures(actor: Actor, months: int = 12) -> Figures:
    """The overview's to-dos and the figures behind its charts, as of the actor's today."""
    return Figures(todos(actor), loans_per_month(actor, months), card_shares(actor))
