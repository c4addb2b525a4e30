"""Card statistics (seed 000 counts new cards every month): new cards per month; cards in the
room by region, category, grade, secrecy and trade status; retention falling due in the coming
months. On screen (the reports tab) and as a workbook.

Every figure counts only the cards the actor may see (her clearance). Distributions and retention
count the cards in the room (``status = active``); "new per month" counts every card created in
the month, destroyed later or not. Month buckets are one indexed COUNT each, so nothing here
depends on SQLite's date functions.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import fn

from archive_desk import audit
from archive_desk.atomicfile import StagedFile
from archive_desk.cards import _classification as classification
from archive_desk.cards._reading import visible
from archive_desk.db.models import Card
from archive_desk.domain import GRADES, SECRECY_LABELS, TRADE_STATUS
from archive_desk.errors import Cancelled
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.periods import month_counts, month_start

Progress = Callable[[int, int], bool]

DIMENSIONS = {
    "region": "区域",
    "category": "类别",
    "grade": "客户等级",
    "secrecy": "密级",
    "trade_status": "交易状态",
}


@dataclass(frozen=True)
class RegionCount:
    path: str  # 华东区 › 上海
    depth: int
    own: int  # cards filed directly under this region
    total: int  # with its sub-regions


@dataclass(frozen=True)
class CardStatistics:
    as_of: dt.date
    total: int  # cards in the room the actor may see
    new_per_month: list[tuple[str, int]]  # (YYYY-MM, cards created), oldest first
    by_region: list[RegionCount]  # in the tree's order, regions without cards left out
    by_category: list[tuple[str, int]]  # ("GY 工业客户", n)
    by_grade: list[tuple[str, int]]
    by_secrecy: list[tuple[str, int]]
    by_trade_status: list[tuple[str, int]]
    retention_overdue: int  # due on or before today, still in the room
    retention_per_month: list[tuple[str, int]]  # due after today, per coming month

    def dimension(self, key: str) -> list[tuple[str, int]]:
        """One distribution as (label, count) rows; regions by their total."""
        if key == "region":
            return [(r.path, r.total) for r in self.by_region]
        return list(getattr(self, f"by_{key}"))


def card_statistics(
    actor: Actor, *, months: int = 12, ahead: int = 12, progress: Progress | None = None
) -> CardStatistics:
    """The figures as of the actor's today: ``months`` past months (this one included) of new
    cards, ``ahead`` coming months (this one included) of retention due dates."""
    require(actor, Perm.REPORT_VIEW)
    today = actor.clock.today()
    seen = visible(actor)
    in_room = seen & (Card.status == "active")

    def step(done: int) -> None:
        if progress is not None and not progress(done, 4):
            raise Cancelled()

    step(0)
    starts = [month_start(today, -k) for k in range(months - 1, -1, -1)]
    created = month_counts(Card.select().where(seen), Card.created_at, starts, datetimes=True)
    step(1)
    # one scan for every distribution
    combos: Any = (
        Card.select(
            Card.region,
            Card.category,
            Card.grade,
            Card.secrecy,
            Card.trade_status,
            fn.COUNT(Card.id),
        )
        .where(in_room)
        .group_by(Card.region, Card.category, Card.grade, Card.secrecy, Card.trade_status)
        .tuples()
    )
    per: dict[str, Counter[Any]] = {key: Counter() for key in DIMENSIONS}
    total = 0
    for region, category, grade, secrecy, trade, n in combos:
        total += n
        for key, value in zip(DIMENSIONS, (region, category, grade, secrecy, trade), strict=True):
            per[key][value] += n
    step(2)
    regions = classification.list_regions()
    totals = classification.roll_up(regions, per["region"])
    depth: dict[int, int] = {}
    for r in regions:  # parents come before their children in list_regions
        depth[r.id] = 0 if r.parent_id is None else depth.get(r.parent_id, 0) + 1
    by_region = [
        RegionCount(r.path, depth[r.id], per["region"][r.id], totals[r.id])
        for r in regions
        if totals[r.id]
    ]
    category_label = {c.id: f"{c.code} {c.name}" for c in classification.list_categories()}
    by_category = [
        (category_label.get(cid, str(cid)), n)
        for cid, n in sorted(per["category"].items(), key=lambda kv: category_label.get(kv[0], ""))
    ]

    def labelled(key: str, labels: dict[Any, str]) -> list[tuple[str, int]]:
        known = [(labels[k], per[key][k]) for k in labels if per[key][k]]
        others = [(str(k), n) for k, n in sorted(per[key].items(), key=str) if k not in labels]
        return known + others

    step(3)
    overdue = Card.select().where(in_room & (Card.retention_due <= today)).count()
    ahead_starts = [month_start(today, k) for k in range(ahead)]
    due = month_counts(
        Card.select().where(in_room), Card.retention_due, ahead_starts, datetimes=False,
        first_from=today + dt.timedelta(days=1),
    )  # fmt: skip
    step(4)
    return CardStatistics(
        as_of=today,
        total=total,
        new_per_month=[(f"{s:%Y-%m}", n) for s, n in zip(starts, created, strict=True)],
        by_region=by_region,
        by_category=by_category,
        by_grade=labelled("grade", GRADES),
        by_secrecy=labelled("secrecy", {int(k): v for k, v in SECRECY_LABELS.items()}),
        by_trade_status=labelled("trade_status", TRADE_STATUS),
        retention_overdue=overdue,
        retention_per_month=[(f"{m:%Y-%m}", n) for m, n in zip(ahead_starts, due, strict=True)],
    )


def statistics_workbook(
    actor: Actor, out: Path, progress: Progress | None = None, *, months: int = 12
) -> CardStatistics:
    """Write the card statistics workbook (每月新增 with a chart / 分类统计 / 保管到期)."""
    from openpyxl.chart import BarChart, Reference

    from archive_desk.forms import excel

    require(actor, Perm.REPORT_EXPORT)
    stats = card_statistics(actor, months=months, progress=progress)
    wb = excel.make_workbook()
    new_sheet = wb.create_sheet()
    excel.write_sheet(
        new_sheet,
        "每月新增",
        ["月份", "新增档案数"],
        [list(r) for r in stats.new_per_month],
        print_title=f"每月新增档案（截至 {stats.as_of:%Y-%m-%d}）",
    )
    if stats.new_per_month:
        chart = BarChart()
        chart.title = "每月新增档案"
        chart.y_axis.title = "份数"
        last = len(stats.new_per_month) + 1
        chart.add_data(
            Reference(new_sheet, min_col=2, min_row=1, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(new_sheet, min_col=1, min_row=2, max_row=last))
        new_sheet.add_chart(chart, "D2")
    rows: list[list[object]] = [["合计", "在库档案", stats.total, None]]
    rows += [["区域", "　" * r.depth + r.path, r.total, r.own] for r in stats.by_region]
    for key in ("category", "grade", "secrecy", "trade_status"):
        rows += [[DIMENSIONS[key], name, n, None] for name, n in stats.dimension(key)]
    excel.write_sheet(
        wb.create_sheet(),
        "分类统计",
        ["分组", "名称", "档案数", "其中本级"],
        rows,
        print_title=f"在库档案分类统计（截至 {stats.as_of:%Y-%m-%d}）",
    )
    excel.write_sheet(
        wb.create_sheet(),
        "保管到期",
        ["到期月份", "档案数"],
        [["已到期", stats.retention_overdue]] + [list(r) for r in stats.retention_per_month],
        print_title=f"保管期限到期（截至 {stats.as_of:%Y-%m-%d}）",
    )
    if progress is not None and not progress(4, 4):
        raise Cancelled()
    staged = StagedFile(out)
    excel.save_workbook(wb, staged.path)
    with staged, transaction():  # the file is put in place after the event is committed
        audit.record(
            actor, "report.card_statistics", "report", f"{stats.as_of}", after={"file": str(out)}
        )
    return stats
