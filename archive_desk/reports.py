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
from typing import Any

from peewee import Expression

from archive_desk import audit, cards
from archive_desk.atomicfile import StagedFile
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


def _rows(query: Any) -> list[tuple[Any, ...]]:
    """The rows of ``query`` as the database driver gives them, without peewee's conversion of
    every value (which took longer than the queries themselves); dates and times are read with
    :func:`_day` and :func:`_when`."""
    sql, params = query.sql()
    rows: list[tuple[Any, ...]] = query.model._meta.database.execute_sql(sql, params).fetchall()
    return rows


def _when(value: Any) -> Any:
    """A DateTimeField's column as read by :func:`_rows` (SQLite stores ISO text)."""
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _day(value: Any) -> Any:
    """A DateField's column as read by :func:`_rows`."""
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def build_report(actor: Actor, month: str, progress: Progress | None = None) -> MonthlyReport:
    require(actor, Perm.REPORT_VIEW)
    start, end = month_bounds(month)
    last_day = (end - dt.timedelta(days=1)).date()
    visible = cards.visible(actor)
    # Rows are read as tuples of the columns the sheets use: at 11,000 loans a month, building
    # peewee models for the joined rows took three times as long as the queries themselves.
    in_month = (Borrowing.applied_on >= start.date()) & (Borrowing.applied_on < end.date())
    items = _rows(
        BorrowingItem.select(
            Borrowing.id, Borrowing.number, Borrowing.applied_on, Card.archive_no, Card.name,
            Borrowing.borrower_name, Borrowing.borrower_department, Borrowing.mode,
            Borrowing.purpose, BorrowingItem.lent_at, BorrowingItem.due_date,
            BorrowingItem.returned_at, BorrowingItem.condition,
        )
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(visible & in_month)
        .order_by(Borrowing.applied_on, Borrowing.id, BorrowingItem.id)
    )  # fmt: skip
    # (a subquery rather than 11,000 ids: peewee takes ~0.2 s to render such a list)
    month_ids = Borrowing.select(Borrowing.id).where(in_month)
    steps: Any = (
        Approval.select(Approval.entity_id, Approval.approver_name, Approval.method)
        .where((Approval.entity == "borrowing") & Approval.entity_id.in_(month_ids))
        .order_by(Approval.entity_id, Approval.id)
        .tuples()
    )
    approvals: dict[int, tuple[str, str]] = {}
    for entity_id, name, method in steps:
        approvals[entity_id] = (name, APPROVAL_METHODS.get(method, method))  # the last step
    signatures = _rows(
        Signature.select(Signature.entity_id, Signature.role).where(
            (Signature.entity == "borrowing") & Signature.entity_id.in_(month_ids)
        )
    )
    signed: dict[int, set[str]] = {}
    for entity_id, role in signatures:
        signed.setdefault(entity_id, set()).add(role)
    no_approval = ("", "")
    details: list[DetailRow] = []
    for n, (bid, number, applied_on, archive_no, name, borrower, department, mode_key, purpose,
            lent_at, due_date, returned_at, condition) in enumerate(items):  # fmt: skip
        if progress is not None and n % 200 == 0 and not progress(n, len(items)):
            raise Cancelled()
        applied_on, due_date = _day(applied_on), _day(due_date)
        lent_at, returned_at = _when(lent_at), _when(returned_at)
        approver, method = approvals.get(bid, no_approval)
        roles = signed.get(bid, ())
        details.append(
            DetailRow(
                number,
                applied_on,
                archive_no,
                name,
                borrower,
                department,
                BORROW_MODES.get(mode_key, mode_key),
                purpose,
                approver,
                method,
                lent_at,
                due_date,
                returned_at,
                _late_days(due_date, returned_at, last_day) if lent_at else 0,
                RETURN_CONDITIONS.get(condition or "", ""),
                "、".join(
                    label
                    for role, label in (("borrower", "借阅人"), ("clerk", "管理员"))
                    if role in roles
                ),
            )
        )
    renewed: Any = Renewal.select(Renewal.item).where((Renewal.at >= start) & (Renewal.at < end))
    renewals = Counter(item_id for (item_id,) in renewed.tuples())
    # loans, returns, renewals and overdue that happened in the month, whenever applied for.
    # An item returned before the month began counts nowhere below, so it is not read: at a
    # million loans that leaves the month's own items and those still out (not 1.2 million).
    # (as a subquery: SQLite then reads the returned_at index instead of every lent_at)
    out_or_back = BorrowingItem.select(BorrowingItem.id).where(
        BorrowingItem.returned_at.is_null() | (BorrowingItem.returned_at >= start)
    )
    touched = BorrowingItem.id.in_(out_or_back) | BorrowingItem.id.in_(list(renewals) or [0])
    lent = _rows(  # lent_at is set on every row of this query
        BorrowingItem.select(
            BorrowingItem.id, BorrowingItem.lent_at, BorrowingItem.returned_at,
            BorrowingItem.due_date, Borrowing.number, Borrowing.borrower_name,
            Borrowing.borrower_department, Borrowing.mode, Card.archive_no, Card.name,
        )
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            visible & BorrowingItem.lent_at.is_null(False) & (BorrowingItem.lent_at < end) & touched
        )
    )  # fmt: skip
    dept: dict[str, list[int]] = {}
    mode: dict[str, list[int]] = {}
    per_day: Counter[dt.date] = Counter()
    out_at_end = []
    overdue_at_end = []
    for (item_id, lent_at, returned_at, due_date, number, borrower, department, mode_key,
         archive_no, name) in lent:  # fmt: skip
        lent_at, returned_at, due_date = _when(lent_at), _when(returned_at), _day(due_date)
        lent_in_month = start <= lent_at < end
        out_at_month_end = returned_at is None or returned_at >= end
        late = due_date is not None and due_date < last_day and out_at_month_end
        counts = (
            int(lent_in_month),
            int(returned_at is not None and start <= returned_at < end),
            renewals.get(item_id, 0),
            int(late),
        )
        if any(counts):
            for table, key in (
                (dept, department or "（未填部门）"),
                (mode, BORROW_MODES.get(mode_key, mode_key)),
            ):
                bucket = table.setdefault(key, [0, 0, 0, 0])
                for k in range(4):
                    bucket[k] += counts[k]
        if lent_in_month:
            per_day[lent_at.date()] += 1
        if out_at_month_end:
            out_at_end.append(("原件", archive_no, name, borrower,
                               f"{department} 阅览室" if mode_key == "read" else department,
                               lent_at, due_date))  # fmt: skip
            if late:
                overdue_at_end.append((number, archive_no, name, borrower, due_date,
                                       (last_day - due_date).days))  # fmt: skip
    out_at_end += _copies_out(visible, end)
    return MonthlyReport(
        month,
        details,
        [(k, *v) for k, v in sorted(dept.items())],
        [(k, *v) for k, v in sorted(mode.items())],
        out_at_end,
        sorted(overdue_at_end, key=lambda r: -r[5]),
        sorted(per_day.items()),
    )


def _copies_out(visible: Expression, end: dt.datetime) -> list[tuple]:
    """Copies taken out and not struck off at ``end``, as rows of 未归还.

    Read without the card join and filtered on ``made_at`` here: joined (or with ``made_at`` in
    the query) SQLite walks the ``made_at`` index or every card, 110-425 ms at 220,000 copies;
    read alone it scans the table once in ~25 ms. Copies taken out are few.
    """
    copies: list[Any] = list(
        CopyRecord.select(
            CopyRecord.card, CopyRecord.holder_name, CopyRecord.location, CopyRecord.made_at,
            CopyRecord.due_date,
        )
        .where(
            CopyRecord.taken_out
            & (CopyRecord.struck_off_at.is_null() | (CopyRecord.struck_off_at >= end))
        )
        .order_by(CopyRecord.id)
        .tuples()
    )  # fmt: skip
    copies = [c for c in copies if c[3] < end]
    held: Any = Card.select(Card.id, Card.archive_no, Card.name).where(
        visible & Card.id.in_(sorted({c[0] for c in copies}) or [0])
    )
    names = {card_id: (archive_no, name) for card_id, archive_no, name in held.tuples()}
    return [
        ("复印件", *names[card_id], holder, location, made_at, due_date)
        for card_id, holder, location, made_at, due_date in copies
        if card_id in names
    ]


def monthly_workbook(
    actor: Actor, month: str, out: Path, progress: Progress | None = None
) -> MonthlyReport:
    """Write the monthly borrowing report; the file appears whole or not at all.

    The progress runs to twice the detail rows: building the report, then writing 明细.
    """
    from openpyxl.chart import BarChart, Reference

    from archive_desk.forms import excel

    require(actor, Perm.REPORT_EXPORT)
    report = build_report(
        actor, month, None if progress is None else lambda done, n: progress(done, 2 * n)
    )
    rows = len(report.details)
    staged = StagedFile(out)
    # write-only: each row streams into the file as it is written (the normal mode takes twice
    # as long for 11,000 rows × 16 columns)
    wb = excel.make_workbook(write_only=True)
    try:
        excel.write_sheet(
            wb.create_sheet(), "明细",
            ["申请单号", "申请日期", "档案编号", "客户名称", "借阅人", "部门", "方式", "用途", "审批人", "审批方式",
             "借出时间", "应还日期", "归还时间", "逾期天数", "归还状况", "签字"],
            [[d.number, d.applied_on, d.archive_no, d.customer, d.borrower, d.department, d.mode, d.purpose,
              d.approver, d.method, d.lent_at, d.due_date, d.returned_at, d.days_overdue, d.condition, d.signatures]
             for d in report.details],
            print_title=f"{month} 借阅明细",
            progress=None if progress is None else lambda done, n: progress(n + done, 2 * n),
        )  # fmt: skip
        summary = wb.create_sheet()
        table = [["部门", *r] for r in report.by_department] + [
            ["方式", *r] for r in report.by_mode
        ]
        per_day: list[list[object]] = [
            ["日期", "借出件数"],
            *([day, n] for day, n in report.loans_per_day),
        ]
        excel.write_sheet(
            summary, "汇总", ["分组", "名称", "借出", "归还", "续借", "逾期"], table,
            print_title=f"{month} 借阅汇总", below=per_day,
        )  # fmt: skip
        if report.loans_per_day:
            start_row = len(table) + 4  # where write_sheet puts the rows below the table
            chart = BarChart()
            chart.title = f"{month} 每日借出"
            chart.y_axis.title = "件数"
            last = start_row + len(report.loans_per_day)
            chart.add_data(
                Reference(summary, min_col=2, min_row=start_row, max_row=last),
                titles_from_data=True,
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
        if progress is not None and not progress(2 * rows, 2 * rows):
            raise Cancelled()
        excel.save_workbook(wb, staged.path)
    except BaseException:
        excel.discard_workbook(wb)  # its sheets' temporary files
        staged.discard()
        raise
    with staged, transaction():  # the file is put in place after the event is committed
        audit.record(
            actor,
            "report.monthly",
            "report",
            month,
            after={"file": str(out), "rows": rows},
        )
    return report
