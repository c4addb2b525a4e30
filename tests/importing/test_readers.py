"""Reading every format, and a clear message for every file that cannot be read."""

from __future__ import annotations

import builtins
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from archive_desk.errors import KnownError
from archive_desk.importing import read_source
from archive_desk.importing._cells import Oversized
from tests.importing.conftest import DATA
from tests.importing.ledgers import HEADER, LONG_NAME, table, write_csv, write_xlsx


def test_every_format_reads_the_same_ledger(ledger: Path) -> None:
    source = read_source(ledger)
    rows = source.sheet.rows
    assert rows[0][0] == "客户档案台账（2024年）"  # the title row, merged across in xlsx/xls/ods
    assert rows[2] == HEADER
    assert rows[3][1] == "北京海淀科技有限公司"
    assert rows[3][6] == "１３８ １２３４ ５６７８"  # full-width digits as the file has them
    assert rows[6] == [None] * 0 or all(c is None for c in rows[6])  # the blank row in the middle
    assert rows[-1] == ["注：以上客户由销售部核对"]
    if source.kind == "csv":
        assert rows[3][7] == "2023-05-06" and rows[4][7] == "45052"
    else:
        assert rows[3][7] == dt.date(2023, 5, 6)  # a real date
        assert rows[4][7] == 45052  # an Excel serial number in a general cell
        assert rows[5][1] == "=1+2 广州公式公司"  # text that looks like a formula stays text


@pytest.mark.parametrize(
    ("encoding", "found"),
    [("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8"),
     ("utf-16", "utf-16")],
)  # fmt: skip
def test_csv_encoding_is_found(tmp_path: Path, encoding: str, found: str) -> None:
    source = read_source(write_csv(tmp_path / "台账.csv", encoding))
    assert source.encoding == found
    assert source.sheet.rows[3][1] == "北京海淀科技有限公司"


def test_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "台账.txt"
    path.write_text("客户名称\t地区\n北京海淀科技有限公司\t北京\n", encoding="gb18030")
    assert read_source(path).sheet.rows == [["客户名称", "地区"], ["北京海淀科技有限公司", "北京"]]


def test_a_value_merged_down_a_column_fills_every_row(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["客户名称", "地区"])
    ws.append(["甲公司", "华东"])
    ws.append(["乙公司", None])
    ws.merge_cells("B2:B3")
    wb.save(tmp_path / "merged.xlsx")
    assert read_source(tmp_path / "merged.xlsx").sheet.rows[2] == ["乙公司", "华东"]


def test_any_sheet_can_be_read(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "封面"
    wb.active.append(["说明"])
    second = wb.create_sheet("客户")
    second.append(["客户名称"])
    wb.save(tmp_path / "two.xlsx")
    source = read_source(tmp_path / "two.xlsx", "客户")
    assert source.sheet_names == ["封面", "客户"] and source.sheet.rows == [["客户名称"]]
    with pytest.raises(KnownError, match="没有名为“价格”的工作表"):
        read_source(tmp_path / "two.xlsx", "价格")


def _refused(path: Path, match: str) -> None:
    with pytest.raises(KnownError, match=match):
        read_source(path)


def test_an_empty_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    _refused(tmp_path / "empty.xlsx", "是空文件")
    (tmp_path / "blank.csv").write_text("\n , \n\n", encoding="utf-8")
    _refused(tmp_path / "blank.csv", "是空的")


def test_a_file_that_is_not_a_spreadsheet(tmp_path: Path) -> None:
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    _refused(png, "不是文本文件，也不是 Excel")
    docx = tmp_path / "letter.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    _refused(docx, "不是完好的 Excel 或 WPS 表格文件")
    _refused(tmp_path, "是文件夹")
    (tmp_path / "latin.csv").write_bytes("客户名称\n".encode() + b"\xff\xfe\xfd\x80\n")
    _refused(tmp_path / "latin.csv", "文字编码无法识别")


def test_a_password_protected_workbook() -> None:
    _refused(DATA / "password.xlsx", "设有打开密码")


def test_a_file_that_vanished(tmp_path: Path) -> None:
    _refused(tmp_path / "gone.xlsx", "找不到文件")


def test_a_file_locked_or_vanishing_mid_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_xlsx(tmp_path / "locked.xlsx")
    real_open = builtins.open

    class Failing(io.RawIOBase):
        def __init__(self, error: OSError) -> None:
            self.error = error

        def read(self, _size: int = -1) -> bytes:
            raise self.error

    for error, match in (
        (PermissionError(13, "Permission denied"), "正被其他程序（如 Excel、WPS）占用"),
        (OSError(5, "Input/output error"), "文件可能在读取时被移走了"),
    ):

        def fake_open(
            file: object, mode: str = "r", *a: object, error=error, **kw: object
        ) -> object:
            if Path(str(file)) == path:
                return Failing(error)
            return real_open(file, mode, *a, **kw)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", fake_open)
        _refused(path, match)
        monkeypatch.setattr(builtins, "open", real_open)


def test_a_10_mb_cell_is_refused_by_itself(tmp_path: Path) -> None:
    rows = table()
    rows[3] = [*rows[3][:11], "开" * (10 * 1024 * 1024)]
    for path in (
        write_xlsx(tmp_path / "big.xlsx", rows),
        write_csv(tmp_path / "big.csv", "utf-8", rows),
    ):
        cells = read_source(path).sheet.rows
        assert isinstance(cells[3][11], Oversized)
        assert cells[3][1] == "北京海淀科技有限公司" and cells[4][1] == "上海浦东贸易有限公司"


def test_long_cells_within_excel_limit_are_kept(tmp_path: Path) -> None:
    cells = read_source(write_xlsx(tmp_path / "long.xlsx")).sheet.rows
    assert cells[9][1] == LONG_NAME  # refused later, by the field's own limit
