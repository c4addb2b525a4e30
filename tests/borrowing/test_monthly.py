"""The monthly workbook on a dated data set: every figure recounted with plain SQL, the workbook
reopened (types, frozen pane, filter, chart), formula-looking text kept as text, a cancelled
export leaving no file."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import borrowing as reports
from archive_desk.db.models import AuditEvent
from archive_desk.domain import Role
from archive_desk.errors import Cancelled, PermissionDenied, ValidationError
from tests import storekit
from tests.cardkit import make_card

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
    return storekit.rows(db_path, query, args)


def test_every_figure_matches_an_independent_count(march, tmp_path) -> None:
    db_path = march["db_path"]
    out = tmp_path / "2026-03.xlsx"
    reports.monthly_workbook(march["manager"], "2026-03", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["明细", "汇总", "未归还", "逾期", "未出借申请"]
    detail = list(wb["明细"].iter_rows(min_row=2, values_only=True))
    expected_detail = _sql(db_path, "SELECT COUNT(*) FROM borrowing_item "
                                    "WHERE lent_at >= '2026-03-01' AND lent_at < '2026-04-01'")[0][0]  # fmt: skip
    assert len(detail) == expected_detail == 2
    never_lent = _sql(db_path, "SELECT COUNT(*) FROM borrowing_item i JOIN borrowing b ON b.id = i.borrowing_id "
                               "WHERE b.applied_on >= '2026-03-01' AND b.applied_on < '2026-04-01' "
                               "AND i.lent_at IS NULL")[0][0]  # fmt: skip
    assert wb["未出借申请"].max_row - 1 == never_lent == 1
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
    assert load_workbook(book).sheetnames == ["明细", "汇总", "未归还", "逾期", "未出借申请"]
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
    assert seen == [(0, 4), (2, 4), (4, 4)]  # 2 detail rows: built, then written
    folder = tmp_path / "out"
    folder.mkdir()
    for stop_at in (0, 2, 4):
        with pytest.raises(Cancelled):
            reports.monthly_workbook(
                march["manager"],
                "2026-03",
                folder / "r.xlsx",
                progress=lambda d, t, s=stop_at: d < s,
            )
    assert list(folder.iterdir()) == []
    assert AuditEvent.select().where(AuditEvent.action == "report.monthly").count() == 1


@pytest.fixture
def may(make_user, clerk, clock, db_path):  # type: ignore[no-untyped-def]
    """May 2026: loans lent in May (one applied for in April), applications that never lent
    (refused, withdrawn, waiting, approved, waiting for paper signatures) and one applied for in
    May but lent in June; several loans on one day."""
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    manager = make_user(Role.MANAGER, "manager", department="总经办", full_name="陈静")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    clock.set("2026-04-01T09:00:00")
    card = {n: make_card(clerk, f"{n}公司") for n in "甲乙丙丁戊己庚辛壬癸"}

    def apply(name: str, day: str) -> bw.BorrowingView:
        clock.set(day)
        return bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card[name].id],
                        mode="read", purpose="核对", expected_return=clock.today() + dt.timedelta(days=3))  # fmt: skip

    def approve(app: bw.BorrowingView) -> bw.BorrowingView:
        return bw.decide(head, app.id, app.version, approve=True)

    def lend(app: bw.BorrowingView, at: str, paper: bool = False) -> bw.BorrowingView:
        clock.set(at)
        sig = bw.SignatureInput(on_paper=True) if paper else PAD
        return bw.lend(clerk, app.id, app.version, borrower_signature=sig, clerk_signature=PAD)

    back = lend(approve(apply("甲", "2026-04-30T16:00:00")), "2026-05-01T09:00:00")
    clock.set("2026-05-01T15:00:00")
    bw.return_items(clerk, back.id, back.version, [bw.ItemReturn(back.items[0].id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    for name, at in (("乙", "2026-05-03T09:00:00"), ("壬", "2026-05-03T10:00:00"),
                     ("癸", "2026-05-03T11:00:00")):  # fmt: skip
        lend(approve(apply(name, at)), at)
    refused = apply("丙", "2026-05-04T09:00:00")
    bw.decide(head, refused.id, refused.version, approve=False, comment="无必要")
    withdrawn = apply("丁", "2026-05-05T09:00:00")
    bw.cancel(clerk, withdrawn.id, withdrawn.version, "不需要了")
    apply("戊", "2026-05-06T09:00:00")  # still waiting for approval
    approve(apply("己", "2026-05-07T09:00:00"))  # approved, never lent
    lend(approve(apply("辛", "2026-05-08T09:00:00")), "2026-05-08T09:30:00", paper=True)
    lend(approve(apply("庚", "2026-05-31T09:00:00")), "2026-06-01T09:00:00")  # lent in June
    clock.set("2026-06-02T09:00:00")
    return {"manager": manager, "db_path": db_path, "card": card}


def test_the_detail_lists_what_was_lent_with_its_state(may, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.borrowing import BorrowingState, ItemState

    BORROWING_STATES, ITEM_STATES = BorrowingState.labels(), ItemState.labels()

    out = tmp_path / "2026-05.xlsx"
    reports.monthly_workbook(may["manager"], "2026-05", out)
    wb = load_workbook(out)
    assert wb.sheetnames == ["明细", "汇总", "未归还", "逾期", "未出借申请"]
    sheet = wb["明细"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    lent = _sql(may["db_path"], "SELECT c.archive_no, i.state FROM borrowing_item i JOIN card c ON c.id = i.card_id "
                                "WHERE i.lent_at >= '2026-05-01' AND i.lent_at < '2026-06-01'")  # fmt: skip
    assert len(lent) == 4
    assert sorted((r["档案编号"], r["状态"]) for r in rows) == sorted(
        (number, ITEM_STATES[state]) for number, state in lent
    )
    never = _sql(may["db_path"], "SELECT c.archive_no, b.state FROM borrowing_item i JOIN borrowing b ON b.id = i.borrowing_id "
                                 "JOIN card c ON c.id = i.card_id WHERE b.applied_on >= '2026-05-01' "
                                 "AND b.applied_on < '2026-06-01' AND i.lent_at IS NULL")  # fmt: skip
    assert len(never) == 5
    sheet = wb["未出借申请"]
    header = [c.value for c in sheet[1]]
    apart = [
        dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert sorted((r["档案编号"], r["状态"]) for r in apart) == sorted(
        (number, BORROWING_STATES[state]) for number, state in never
    )
    assert {r["档案编号"] for r in rows}.isdisjoint(r["档案编号"] for r in apart)
    refused = next(r for r in apart if r["状态"] == "已拒绝")
    assert refused["原因"] == "无必要"


def test_the_chart_counts_in_whole_numbers(may, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.xlsx"
    report = reports.monthly_workbook(may["manager"], "2026-05", out)
    per_day = _sql(may["db_path"], "SELECT substr(lent_at, 1, 10), COUNT(*) FROM borrowing_item "
                                   "WHERE lent_at >= '2026-05-01' AND lent_at < '2026-06-01' GROUP BY 1 ORDER BY 1")  # fmt: skip
    assert [(f"{d:%Y-%m-%d}", n) for d, n in report.loans_per_day] == per_day
    (chart,) = load_workbook(out)["汇总"]._charts
    axis = chart.y_axis
    assert (
        axis.majorUnit is not None and axis.majorUnit >= 1 and axis.majorUnit == int(axis.majorUnit)
    )
    assert axis.number_format.formatCode == "0" and axis.scaling.min == 0
    assert axis.scaling.max >= max(n for _, n in per_day) and axis.scaling.max % axis.majorUnit == 0
    assert axis.delete is False and chart.x_axis.delete is False  # both axes drawn
