"""The monthly Excel borrowing report (seed 004 part 1 item 6).

Sheets: 明细 (every card applied for in the month), 汇总 (by department and by mode: loans,
returns, renewals, overdue; with a bar chart of loans per day), 未归还 (originals and copies out at
the end of the month and where each is), 逾期 (loans overdue at the end of the month). The figures
are computed here from plain rows so tests can recount them independently.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from archive_desk import audit, cards
from archive_desk.db.connection import transaction
from archive_desk.db.models import (
    Approval,
    Borrowing,
    BorrowingItem,
    Card,
    CopyRecord,
    Renewal,
    Signature,
)
from archive_desk.domain import APPROVAL_METHODS, BORROW_MODES, RETURN_CONDITIONS
from archive_desk.errors import Cancelled, ValidationError
from archive_desk.permissions import Actor, Perm, require

Progress = Callable[[int, int], bool]


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    """``YYYY-MM`` → [first instant, first instant of the next month)."""
    try:
        start = dt.datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationError("月份应写成 YYYY-MM，例如 2026-03。", field="month") from None
    end = (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )
    return start, end


@dataclass(frozen=True)
class DetailRow:
    number: str
    applied_on: dt.date
    archive_no: str
    customer: str
    borrower: str
    department: str
    mode: str
    purpose: str
    approver: str
    method: str
    lent_at: dt.datetime | None
    due_date: dt.date | None
    returned_at: dt.datetime | None
    days_overdue: int
    condition: str
    signatures: str


@dataclass
class MonthlyReport:
    month: str
    details: list[DetailRow]
    by_department: list[tuple]  # (name, loans, returns, renewals, overdue)
    by_mode: list[tuple]
    out_at_end: list[tuple[str, str, str, str, str, dt.datetime | None, dt.date | None]]
    overdue_at_end: list[tuple[str, str, str, str, dt.date, int]]
    loans_per_day: list[tuple[dt.date, int]]


def _late_days(due: dt.date | None, returned: dt.datetime | None, end_day: dt.date) -> int:
    if due is None:
        return 0
    back = returned.date() if returned else end_day
    return max(0, (back - due).days)


def build_report(actor: Actor, month: str, progress: Progress | None = None) -> MonthlyReport:
    require(actor, Perm.REPORT_VIEW)
    start, end = month_bounds(month)
    last_day = (end - dt.timedelta(days=1)).date()
    visible = cards.visible(actor)
    # the columns the sheets use only: a whole Card row costs peewee ~1.5 ms to build
    card_columns = (Card.id, Card.archive_no, Card.name)
    items = list(
        BorrowingItem.select(BorrowingItem, Borrowing, *card_columns)
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            visible & (Borrowing.applied_on >= start.date()) & (Borrowing.applied_on < end.date())
        )
        .order_by(Borrowing.applied_on, Borrowing.id, BorrowingItem.id)
    )
    approvals = {
        a.entity_id: a
        for a in Approval.select().where(
            (Approval.entity == "borrowing")
            & Approval.entity_id.in_([i.borrowing_id for i in items] or [0])
        )
    }
    signed: dict[int, set[str]] = {}
    for s in Signature.select(Signature.entity_id, Signature.role).where(
        (Signature.entity == "borrowing")
        & Signature.entity_id.in_([i.borrowing_id for i in items] or [0])
    ):
        signed.setdefault(s.entity_id, set()).add(s.role)
    details: list[DetailRow] = []
    for n, i in enumerate(items):
        if progress is not None and n % 200 == 0 and not progress(n, len(items)):
            raise Cancelled()
        b, c = i.borrowing, i.card
        a = approvals.get(b.id)
        roles = signed.get(b.id, set())
        details.append(
            DetailRow(
                b.number,
                b.applied_on,
                c.archive_no,
                c.name,
                b.borrower_name,
                b.borrower_department,
                BORROW_MODES.get(b.mode, b.mode),
                b.purpose,
                a.approver_name if a else "",
                APPROVAL_METHODS.get(a.method, a.method) if a else "",
                i.lent_at,
                i.due_date,
                i.returned_at,
                _late_days(i.due_date, i.returned_at, last_day) if i.lent_at else 0,
                RETURN_CONDITIONS.get(i.condition or "", ""),
                "、".join(
                    label
                    for role, label in (("borrower", "借阅人"), ("clerk", "管理员"))
                    if role in roles
                ),
            )
        )
    renewals = Counter(
        r.item_id
        for r in Renewal.select(Renewal.item).where((Renewal.at >= start) & (Renewal.at < end))
    )
    # loans, returns, renewals and overdue that happened in the month, whenever applied for.
    # An item returned before the month began counts nowhere below, so it is not read: at a
    # million loans that leaves the month's own items and those still out (not 1.2 million).
    # (as a subquery: SQLite then reads the returned_at index instead of every lent_at)
    out_or_back = BorrowingItem.select(BorrowingItem.id).where(
        BorrowingItem.returned_at.is_null() | (BorrowingItem.returned_at >= start)
    )
    touched = BorrowingItem.id.in_(out_or_back) | BorrowingItem.id.in_(list(renewals) or [0])
    lent: list = list(  # lent_at is set on every row of this query
        BorrowingItem.select(BorrowingItem, Borrowing, *card_columns)
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            visible & BorrowingItem.lent_at.is_null(False) & (BorrowingItem.lent_at < end) & touched
        )
    )
    dept: dict[str, list[int]] = {}
    mode: dict[str, list[int]] = {}
    per_day: Counter[dt.date] = Counter()
    out_at_end = []
    overdue_at_end = []
    for i in lent:
        b = i.borrowing
        row_keys = (
            (dept, b.borrower_department or "（未填部门）"),
            (mode, BORROW_MODES.get(b.mode, b.mode)),
        )
        counts = [
            int(start <= i.lent_at < end),
            int(i.returned_at is not None and start <= i.returned_at < end),
            renewals.get(i.id, 0),
            int(
                i.due_date is not None
                and i.due_date < last_day
                and (i.returned_at is None or i.returned_at >= end)
            ),
        ]
        if any(counts):
            for table, key in row_keys:
                bucket = table.setdefault(key, [0, 0, 0, 0])
                for k in range(4):
                    bucket[k] += counts[k]
        if start <= i.lent_at < end:
            per_day[i.lent_at.date()] += 1
        if i.returned_at is None or i.returned_at >= end:
            out_at_end.append(("原件", i.card.archive_no, i.card.name, b.borrower_name,
                               f"{b.borrower_department} 阅览室" if b.mode == "read" else b.borrower_department,
                               i.lent_at, i.due_date))  # fmt: skip
            if i.due_date is not None and i.due_date < last_day:
                overdue_at_end.append((b.number, i.card.archive_no, i.card.name, b.borrower_name, i.due_date,
                                       (last_day - i.due_date).days))  # fmt: skip
    for cp in (
        CopyRecord.select(CopyRecord, *card_columns)
        .join(Card)
        .where(
            visible
            & CopyRecord.taken_out
            & (CopyRecord.made_at < end)
            & (CopyRecord.struck_off_at.is_null() | (CopyRecord.struck_off_at >= end))
        )
    ):
        out_at_end.append(
            (
                "复印件",
                cp.card.archive_no,
                cp.card.name,
                cp.holder_name,
                cp.location,
                cp.made_at,
                cp.due_date,
            )
        )
    return MonthlyReport(
        month,
        details,
        [(k, *v) for k, v in sorted(dept.items())],
        [(k, *v) for k, v in sorted(mode.items())],
        out_at_end,
        sorted(overdue_at_end, key=lambda r: -r[5]),
        sorted(per_day.items()),
    )


def monthly_workbook(
    actor: Actor, month: str, out: Path, progress: Progress | None = None
) -> MonthlyReport:
    """Write the monthly borrowing report; the file appears whole or not at all."""
    from openpyxl.chart import BarChart, Reference

    from archive_desk.forms import excel

    require(actor, Perm.REPORT_EXPORT)
    report = build_report(actor, month, progress)
    wb = excel.make_workbook()
    excel.write_sheet(
        wb.create_sheet(), "明细",
        ["申请单号", "申请日期", "档案编号", "客户名称", "借阅人", "部门", "方式", "用途", "审批人", "审批方式",
         "借出时间", "应还日期", "归还时间", "逾期天数", "归还状况", "签字"],
        [[d.number, d.applied_on, d.archive_no, d.customer, d.borrower, d.department, d.mode, d.purpose,
          d.approver, d.method, d.lent_at, d.due_date, d.returned_at, d.days_overdue, d.condition, d.signatures]
         for d in report.details],
        print_title=f"{month} 借阅明细",
    )  # fmt: skip
    summary = wb.create_sheet()
    excel.write_sheet(
        summary, "汇总", ["分组", "名称", "借出", "归还", "续借", "逾期"],
        [["部门", *r] for r in report.by_department] + [["方式", *r] for r in report.by_mode],
        print_title=f"{month} 借阅汇总",
    )  # fmt: skip
    start_row = summary.max_row + 3
    summary.cell(row=start_row, column=1, value="日期")
    summary.cell(row=start_row, column=2, value="借出件数")
    for n, (day, count) in enumerate(report.loans_per_day, start=start_row + 1):
        excel.set_cell(summary.cell(row=n, column=1), day)
        summary.cell(row=n, column=2, value=count)
    if report.loans_per_day:
        chart = BarChart()
        chart.title = f"{month} 每日借出"
        chart.y_axis.title = "件数"
        last = start_row + len(report.loans_per_day)
        chart.add_data(
            Reference(summary, min_col=2, min_row=start_row, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(summary, min_col=1, min_row=start_row + 1, max_row=last))
        summary.add_chart(chart, "H2")
    excel.write_sheet(
        wb.create_sheet(), "未归还", ["类别", "档案编号", "客户名称", "借阅人/领取人", "所在位置", "借出/复印时间", "应还日期"],
        [list(r) for r in report.out_at_end], print_title=f"{month} 月末未归还",
    )  # fmt: skip
    excel.write_sheet(
        wb.create_sheet(), "逾期", ["申请单号", "档案编号", "客户名称", "借阅人", "应还日期", "逾期天数"],
        [list(r) for r in report.overdue_at_end], print_title=f"{month} 月末逾期",
    )  # fmt: skip
    if progress is not None and not progress(len(report.details), len(report.details)):
        raise Cancelled()
    excel.save_workbook(wb, out)
    with transaction():
        audit.record(
            actor,
            "report.monthly",
            "report",
            month,
            after={"file": str(out), "rows": len(report.details)},
        )
    return report
