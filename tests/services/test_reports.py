"""The monthly workbook on a dated data set: every figure recounted with plain SQL, the workbook
reopened (types, frozen pane, filter, chart), formula-looking text kept as text, a cancelled
export leaving no file."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from openpyxl import load_workbook

from archive_desk import accounts, reports
from archive_desk import borrowing as bw
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role
from archive_desk.errors import Cancelled, PermissionDenied, ValidationError
from tests.services.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


@pytest.fixture
def march(make_user, clerk, clock, db_path):  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    make_user(Role.DEPT_HEAD, "head2", department="销售二部", full_name="刘洋")
    manager = make_user(Role.MANAGER, "manager", department="总经办", full_name="陈静")
    depts = {d.name: d.id for d in accounts.list_departments()}
    a, b = make_card(clerk, "=SUM(1)公司"), make_card(clerk, "乙公司")
    c = make_card(clerk, "丙公司")

    def at(day: str):  # type: ignore[no-untyped-def]
        clock.set(day)
        return clerk

    def loan(card, dept, day, due, mode="read"):  # type: ignore[no-untyped-def]
        app = bw.apply(at(day), bw.BorrowerInput(name="借阅人" + dept[-2:], department_id=depts[dept]),
                       [card.id], mode=mode, purpose="核对", expected_return=due)  # fmt: skip
        approver = (
            head if dept == "销售一部" else accounts.login("head2", "Secret-123", clock=clock)
        )
        app = bw.decide(approver, app.id, app.version, approve=True)
        return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    first = loan(a, "销售一部", "2026-03-02T09:00:00", dt.date(2026, 3, 2))
    clock.set("2026-03-02T15:00:00")
    bw.return_items(clerk, first.id, first.version, [bw.ItemReturn(first.items[0].id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    second = loan(b, "销售二部", "2026-03-05T10:00:00", dt.date(2026, 3, 6))
    clock.set("2026-03-05T16:00:00")
    bw.renew(clerk, second.items[0].id, second.items[0].version, dt.date(2026, 3, 9), "还在核对")
    bw.apply(at("2026-03-10T09:00:00"), bw.BorrowerInput(name="丁", department_id=depts["销售一部"]),
             [c.id], mode="read", purpose="待批")  # fmt: skip
    clock.set("2026-03-12T09:00:00")
    bw.record_copy(clerk, c.id, pages="1-2", copies=1, purpose="报价", approver_id=manager.user_id,
                   holder_name="赵六", taken_out=True, location="销售一部", due_date=dt.date(2026, 3, 20))  # fmt: skip
    loan(c, "销售一部", "2026-04-01T09:00:00", dt.date(2026, 4, 1))  # next month: not in March
    clock.set("2026-04-02T09:00:00")
    return {"clerk": clerk, "manager": manager, "db_path": db_path}


def _sql(db_path, query: str, *args: object) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(db_path) as conn:
        return conn.execute(query, args).fetchall()


def test_every_figure_matches_an_independent_count(march, tmp_path) -> None:
    db_path = march["db_path"]
    out = tmp_path / "2026-03.xlsx"
    reports.monthly_workbook(march["manager"], "2026-03", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["明细", "汇总", "未归还", "逾期"]
    detail = list(wb["明细"].iter_rows(min_row=2, values_only=True))
    expected_detail = _sql(db_path, "SELECT COUNT(*) FROM borrowing_item i JOIN borrowing b ON b.id = i.borrowing_id "
                                    "WHERE b.applied_on >= '2026-03-01' AND b.applied_on < '2026-04-01'")[0][0]  # fmt: skip
    assert len(detail) == expected_detail == 3
    lent_by_dept = dict(_sql(db_path, "SELECT b.borrower_department, COUNT(*) FROM borrowing_item i JOIN borrowing b "
                                      "ON b.id = i.borrowing_id WHERE i.lent_at >= '2026-03-01' AND i.lent_at < '2026-04-01' "
                                      "GROUP BY b.borrower_department"))  # fmt: skip
    summary = {
        (r[0], r[1]): r[2:6]
        for r in wb["汇总"].iter_rows(min_row=2, max_row=5, values_only=True)
        if r[0]
    }
    assert {k[1]: v[0] for k, v in summary.items() if k[0] == "部门"} == lent_by_dept
    renewals = _sql(
        db_path, "SELECT COUNT(*) FROM renewal WHERE at >= '2026-03-01' AND at < '2026-04-01'"
    )[0][0]
    assert sum(v[2] for k, v in summary.items() if k[0] == "部门") == renewals == 1
    returns = _sql(
        db_path,
        "SELECT COUNT(*) FROM borrowing_item WHERE returned_at >= '2026-03-01' AND returned_at < '2026-04-01'",
    )[0][0]
    assert sum(v[1] for k, v in summary.items() if k[0] == "部门") == returns == 1
    out_rows = list(wb["未归还"].iter_rows(min_row=2, values_only=True))
    still_out = _sql(db_path, "SELECT COUNT(*) FROM borrowing_item WHERE lent_at < '2026-04-01' AND "
                              "(returned_at IS NULL OR returned_at >= '2026-04-01')")[0][0]  # fmt: skip
    copies_out = _sql(
        db_path,
        "SELECT COUNT(*) FROM copy_record WHERE taken_out AND made_at < '2026-04-01' AND struck_off_at IS NULL",
    )[0][0]
    assert len(out_rows) == still_out + copies_out == 2
    overdue = list(wb["逾期"].iter_rows(min_row=2, values_only=True))
    assert [(r[1], r[5]) for r in overdue] == [
        ("GY2026002", (dt.date(2026, 3, 31) - dt.date(2026, 3, 9)).days)
    ]


def test_the_workbook_has_types_frozen_pane_filter_chart_and_text(march, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    reports.monthly_workbook(march["manager"], "2026-03", out)
    wb = load_workbook(out)
    ws = wb["明细"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref
    first = next(ws.iter_rows(min_row=2, max_row=2))
    assert isinstance(first[1].value, dt.datetime)  # applied_on: a real Excel date
    names = [row[3] for row in ws.iter_rows(min_row=2, values_only=True)]
    formula_cell = next(c for c in ws["D"] if c.value == "=SUM(1)公司")
    assert formula_cell.data_type == "s" and "=SUM(1)公司" in names
    assert len(wb["汇总"]._charts) == 1
    assert ws.page_setup.orientation == "landscape"
    assert AuditEvent.select().where(AuditEvent.action == "report.monthly").count() == 1


def test_a_cancelled_export_leaves_no_file_and_refusals(march, tmp_path, make_user) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(Cancelled):
        reports.monthly_workbook(
            march["manager"], "2026-03", folder / "r.xlsx", progress=lambda d, t: False
        )
    assert list(folder.iterdir()) == []
    with pytest.raises(ValidationError, match="YYYY-MM"):
        reports.monthly_workbook(march["manager"], "2026-3月", folder / "r.xlsx")
    head = accounts.login("head", "Secret-123", clock=march["clerk"].clock)
    with pytest.raises(PermissionDenied):
        reports.monthly_workbook(head, "2026-03", folder / "r.xlsx")
    assert list(folder.iterdir()) == []


def test_report_monthly_command(march, tmp_path, monkeypatch, capsys) -> None:
    from pypdf import PdfReader

    from archive_desk import cli
    from archive_desk.db import connection

    connection.close_database()
    monkeypatch.setenv("ARCHIVE_DESK_PASSWORD", "Secret-123")
    base = [
        "--db",
        str(march["db_path"]),
        "--user",
        "manager",
        "report",
        "monthly",
        "--month",
        "2026-03",
    ]
    book, pdf = tmp_path / "m.xlsx", tmp_path / "m.pdf"
    assert cli.main([*base, "--out", str(book)]) == 0
    assert load_workbook(book).sheetnames == ["明细", "汇总", "未归还", "逾期"]
    clerk_base = [*base[:3], "clerk", *base[4:]]
    assert cli.main([*clerk_base, "--pdf", str(pdf)]) == 0
    assert "2026-03 借出未还档案清单" in PdfReader(pdf).pages[0].extract_text()
    assert cli.main([*base]) == 1
    assert "--out" in capsys.readouterr().err


def test_every_sheet_prints_and_filters_and_the_chart_reads_the_days(march, tmp_path) -> None:
    out = tmp_path / "r.xlsx"
    report = reports.monthly_workbook(march["manager"], "2026-03", out)
    wb = load_workbook(out)
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1])
        assert ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert "&P" in ws.oddFooter.center.text and "2026-03" in ws.oddHeader.center.text
    detail = wb["明细"]
    lent = detail["K2"]  # 借出时间 of the first loan: date and time
    assert lent.is_date and lent.number_format == "yyyy-mm-dd hh:mm"
    assert lent.value == dt.datetime(2026, 3, 2, 9, 0)
    # 汇总: the table, two empty rows, then one row a day that the chart reads
    summary = wb["汇总"]
    table = len(report.by_department) + len(report.by_mode)
    assert summary.auto_filter.ref == f"A1:F{table + 1}"
    first = table + 4
    days = list(summary.iter_rows(min_row=first, values_only=True))
    assert [r[:2] for r in days] == [("日期", "借出件数")] + [
        (dt.datetime.combine(day, dt.time()), n) for day, n in report.loans_per_day
    ]
    assert summary.column_dimensions["A"].width >= 10  # the dates fit
    (chart,) = summary._charts
    (series,) = chart.series
    last = first + len(report.loans_per_day)
    assert series.val.numRef.f == f"'汇总'!$B${first + 1}:$B${last}"
    assert series.cat.numRef.f == f"'汇总'!$A${first + 1}:$A${last}"


def test_progress_runs_through_building_and_writing_and_cancels_either(march, tmp_path) -> None:
    seen: list[tuple[int, int]] = []
    reports.monthly_workbook(
        march["manager"], "2026-03", tmp_path / "r.xlsx", progress=lambda d, t: not seen.append((d, t))
    )  # fmt: skip
    assert seen == [(0, 6), (3, 6), (6, 6)]  # 3 detail rows: built, then written
    folder = tmp_path / "out"
    folder.mkdir()
    for stop_at in (0, 3, 6):
        with pytest.raises(Cancelled):
            reports.monthly_workbook(
                march["manager"],
                "2026-03",
                folder / "r.xlsx",
                progress=lambda d, t, s=stop_at: d < s,
            )
    assert list(folder.iterdir()) == []
    assert AuditEvent.select().where(AuditEvent.action == "report.monthly").count() == 1
