"""The monthly Excel borrowing report (seed 004 part 1 item 6).

Sheets: 明细 (every card lent in the month, with the loan's state), 汇总 (by department and by
mode: loans, returns, renewals, overdue; with a bar chart of loans per day), 未归还 (originals and
copies out at the end of the month and where each is), 逾期 (loans overdue at the end of the
month), 未出借申请 (applications of the month that never lent: refused, withdrawn, waiting). The
figures are computed here from plain rows so tests can recount them independently; 未归还 and 逾期
are :func:`~archive_desk.borrowing._closing.out_at_month_end`, the same query as the month-end list.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_desk import audit, cards
from archive_desk.atomicfile import StagedFile
from archive_desk.borrowing._closing import out_at_month_end
from archive_desk.borrowing._states import BorrowingState, BorrowMode, ItemState, ReturnCondition
from archive_desk.borrowing.views import copy_note
from archive_desk.db.models import (
    Approval,
    Borrowing,
    BorrowingItem,
    Card,
    Renewal,
    Signature,
)
from archive_desk.errors import Cancelled
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures.approvals import ApprovalMethod
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.periods import month_bounds

Progress = Callable[[int, int], bool]


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
    lent_at: dt.datetime
    due_date: dt.date | None
    returned_at: dt.datetime | None
    days_overdue: int
    state: str  # the loan's state now, in Chinese (借出中 / 已归还)
    condition: str
    signatures: str


@dataclass(frozen=True)
class NotLentRow:
    """A card of an application made in the month that was never lent."""

    number: str
    applied_on: dt.date
    archive_no: str
    customer: str
    borrower: str
    department: str
    mode: str
    purpose: str
    state: str  # the application's state, in Chinese (待审批, 已拒绝, 已撤销 …)
    reason: str  # why it was refused or withdrawn


@dataclass
class MonthlyReport:
    month: str
    details: list[DetailRow]
    by_department: list[tuple]  # (name, loans, returns, renewals, overdue)
    by_mode: list[tuple]
    out_at_end: list[tuple[Any, ...]]  # 类别, 编号, 名称, 借阅人, 部门, 位置, 时间, 应还, 备注
    overdue_at_end: list[tuple[str, str, str, str, dt.date, int]]
    loans_per_day: list[tuple[dt.date, int]]
    not_lent: list[NotLentRow]


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
    visible = cards.visible(actor)
    details = _details(visible, start, end, progress)
    renewed: Any = Renewal.select(Renewal.item).where((Renewal.at >= start) & (Renewal.at < end))
    renewals = Counter(item_id for (item_id,) in renewed.tuples())
    # loans, returns and renewals that happened in the month, whenever applied for.
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
            Borrowing.borrower_department, Borrowing.mode,
        )
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            visible & BorrowingItem.lent_at.is_null(False) & (BorrowingItem.lent_at < end) & touched
        )
    )  # fmt: skip
    modes = BorrowMode.labels()
    dept: dict[str, list[int]] = {}
    mode: dict[str, list[int]] = {}

    def add(department: str, mode_key: str, counts: tuple[int, int, int, int]) -> None:
        for table, key in (
            (dept, department or "（未填部门）"),
            (mode, modes[mode_key]),
        ):
            bucket = table.setdefault(key, [0, 0, 0, 0])
            for k in range(4):
                bucket[k] += counts[k]

    per_day: Counter[dt.date] = Counter()
    for item_id, lent_at, returned_at, department, mode_key in lent:
        lent_at, returned_at = _when(lent_at), _when(returned_at)
        lent_in_month = start <= lent_at < end
        counts = (
            int(lent_in_month),
            int(returned_at is not None and start <= returned_at < end),
            renewals.get(item_id, 0),
            0,
        )
        if any(counts):
            add(department, mode_key, counts)
        if lent_in_month:
            per_day[lent_at.date()] += 1
    at_end = out_at_month_end(visible, month)
    late = [r for r in at_end.originals if r.days_overdue > 0]
    for r in late:
        add(r.borrower_department, r.mode, (0, 0, 0, 1))
    out_at_end = [
        ("原件", r.archive_no, r.card_name, r.borrower_name, r.borrower_department, r.location,
         r.lent_at, r.due_date, r.note)
        for r in at_end.originals
    ] + [
        ("复印件", c.archive_no, c.card_name, c.holder_name, "", c.location, c.made_at,
         c.due_date, copy_note(c))
        for c in at_end.copies
    ]  # fmt: skip
    return MonthlyReport(
        month,
        details,
        [(k, *v) for k, v in sorted(dept.items())],
        [(k, *v) for k, v in sorted(mode.items())],
        out_at_end,
        [
            (r.number, r.archive_no, r.card_name, r.borrower_name, r.due_date, r.days_overdue)
            for r in sorted(late, key=lambda r: -r.days_overdue)
        ],
        sorted(per_day.items()),
        _not_lent(visible, start, end),
    )


def _details(
    visible: Any, start: dt.datetime, end: dt.datetime, progress: Progress | None
) -> list[DetailRow]:
    """明细: every card lent in the month, in lending order, with its approval and signatures."""
    last_day = (end - dt.timedelta(days=1)).date()
    # Rows are read as tuples of the columns the sheets use: at 11,000 loans a month, building
    # peewee models for the joined rows took three times as long as the queries themselves.
    lent_in_month = (BorrowingItem.lent_at >= start) & (BorrowingItem.lent_at < end)
    items = _rows(
        BorrowingItem.select(
            Borrowing.id, Borrowing.number, Borrowing.applied_on, Card.archive_no, Card.name,
            Borrowing.borrower_name, Borrowing.borrower_department, Borrowing.mode,
            Borrowing.purpose, BorrowingItem.lent_at, BorrowingItem.due_date,
            BorrowingItem.returned_at, BorrowingItem.state, BorrowingItem.condition,
        )
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(visible & lent_in_month)
        .order_by(BorrowingItem.lent_at, BorrowingItem.id)
    )  # fmt: skip
    # (a subquery rather than 11,000 ids: peewee takes ~0.2 s to render such a list)
    month_ids = BorrowingItem.select(BorrowingItem.borrowing).where(lent_in_month)
    steps: Any = (
        Approval.select(Approval.entity_id, Approval.approver_name, Approval.method)
        .where((Approval.entity == "borrowing") & Approval.entity_id.in_(month_ids))
        .order_by(Approval.entity_id, Approval.id)
        .tuples()
    )
    methods = ApprovalMethod.labels()
    approvals: dict[int, tuple[str, str]] = {}
    for entity_id, name, method in steps:
        approvals[entity_id] = (name, methods[method])  # the last step
    signatures = _rows(
        Signature.select(Signature.entity_id, Signature.role).where(
            (Signature.entity == "borrowing") & Signature.entity_id.in_(month_ids)
        )
    )
    signed: dict[int, set[str]] = {}
    for entity_id, role in signatures:
        signed.setdefault(entity_id, set()).add(role)
    no_approval = ("", "")
    modes, states, conditions = BorrowMode.labels(), ItemState.labels(), ReturnCondition.labels()
    details: list[DetailRow] = []
    for n, (bid, number, applied_on, archive_no, name, borrower, department, mode_key, purpose,
            lent_at, due_date, returned_at, state, condition) in enumerate(items):  # fmt: skip
        if progress is not None and n % 200 == 0 and not progress(n, len(items)):
            raise Cancelled()
        due_date, returned_at = _day(due_date), _when(returned_at)
        approver, method = approvals.get(bid, no_approval)
        roles = signed.get(bid, ())
        details.append(
            DetailRow(
                number,
                _day(applied_on),
                archive_no,
                name,
                borrower,
                department,
                modes[mode_key],
                purpose,
                approver,
                method,
                _when(lent_at),
                due_date,
                returned_at,
                _late_days(due_date, returned_at, last_day),
                states[state],
                conditions.get(condition or "", ""),
                "、".join(
                    label
                    for role, label in (("borrower", "借阅人"), ("clerk", "管理员"))
                    if role in roles
                ),
            )
        )
    return details


def _not_lent(visible: Any, start: dt.datetime, end: dt.datetime) -> list[NotLentRow]:
    """The cards of the month's applications that were never lent (a few: read as models)."""
    query: Any = (
        BorrowingItem.select(
            Borrowing.number, Borrowing.applied_on, Card.archive_no, Card.name,
            Borrowing.borrower_name, Borrowing.borrower_department, Borrowing.mode,
            Borrowing.purpose, Borrowing.state, Borrowing.refusal_reason,
        )
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            visible
            & (Borrowing.applied_on >= start.date())
            & (Borrowing.applied_on < end.date())
            & BorrowingItem.lent_at.is_null()
        )
        .order_by(Borrowing.applied_on, Borrowing.id, BorrowingItem.id)
        .tuples()
    )  # fmt: skip
    modes = BorrowMode.labels()
    return [
        NotLentRow(number, applied_on, archive_no, name, borrower, department,
                   modes[mode_key], purpose, BorrowingState(state).label, reason)
        for (number, applied_on, archive_no, name, borrower, department, mode_key, purpose, state,
             reason) in query
    ]  # fmt: skip


def whole_step(top: int, steps: int = 5) -> int:
    """The major unit of a count axis: 1, 2, 5, 10, 20, 50 … so that about ``steps`` of them
    reach ``top`` (a count of loans has no halves)."""
    raw = max(1, math.ceil(top / steps))
    magnitude = 10 ** (len(str(raw)) - 1)
    return next(m * magnitude for m in (1, 2, 5, 10) if raw <= m * magnitude)


def monthly_workbook(
    actor: Actor, month: str, out: Path, progress: Progress | None = None
) -> MonthlyReport:
    """Write the monthly borrowing report; the file appears whole or not at all.

    The progress runs to twice the detail rows: building the report, then writing 明细.
    """
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
             "借出时间", "应还日期", "归还时间", "逾期天数", "状态", "归还状况", "签字"],
            [[d.number, d.applied_on, d.archive_no, d.customer, d.borrower, d.department, d.mode, d.purpose,
              d.approver, d.method, d.lent_at, d.due_date, d.returned_at, d.days_overdue, d.state, d.condition,
              d.signatures]
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
            summary.add_chart(_per_day_chart(summary, month, len(table) + 4, report), "H2")
        excel.write_sheet(
            wb.create_sheet(), "未归还",
            ["类别", "档案编号", "客户名称", "借阅人/领取人", "部门", "所在位置", "借出/复印时间", "应还日期", "备注"],
            [list(r) for r in report.out_at_end], print_title=f"{month} 月末未归还",
        )  # fmt: skip
        excel.write_sheet(
            wb.create_sheet(), "逾期", ["申请单号", "档案编号", "客户名称", "借阅人", "应还日期", "逾期天数"],
            [list(r) for r in report.overdue_at_end], print_title=f"{month} 月末逾期",
        )  # fmt: skip
        excel.write_sheet(
            wb.create_sheet(), "未出借申请",
            ["申请单号", "申请日期", "档案编号", "客户名称", "借阅人", "部门", "方式", "用途", "状态", "原因"],
            [[r.number, r.applied_on, r.archive_no, r.customer, r.borrower, r.department, r.mode, r.purpose,
              r.state, r.reason] for r in report.not_lent],
            print_title=f"{month} 申请未出借",
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


def _per_day_chart(sheet: Any, month: str, start_row: int, report: MonthlyReport) -> Any:
    """The bar chart of loans per day over the rows from ``start_row`` (their header) down: a
    count axis from 0 in whole steps (Excel's own scale steps by 0.5 or 0.2 for small counts)."""
    from openpyxl.chart import BarChart, Reference

    chart = BarChart()
    chart.title = f"{month} 每日借出"
    chart.y_axis.title = "件数"
    last = start_row + len(report.loans_per_day)
    chart.add_data(
        Reference(sheet, min_col=2, min_row=start_row, max_row=last), titles_from_data=True
    )
    chart.set_categories(Reference(sheet, min_col=1, min_row=start_row + 1, max_row=last))
    top = max(n for _day, n in report.loans_per_day)
    step = whole_step(top)
    chart.y_axis.majorUnit = step
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = step * max(1, math.ceil(top / step))
    chart.y_axis.number_format = "0"
    chart.x_axis.number_format = "m-d"
    # openpyxl 3.1 leaves <c:delete> out, and Excel then hides both axes
    chart.x_axis.delete = chart.y_axis.delete = False
    return chart
