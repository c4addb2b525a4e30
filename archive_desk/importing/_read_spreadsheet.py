"""Excel (.xlsx, .xls) and OpenDocument (.ods) workbooks, through python-calamine.

python-calamine (Rust's calamine) reads all three formats with one API, several times faster
than openpyxl and without loading styles; it knows merged ranges in .xlsx and .xls, so a value
merged down a column (a region written once for a block of customers) is filled into every row
of the range. Dates come as dates when the cell is formatted as one; an Excel serial number in a
general cell stays a number and the date column's normaliser reads it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import python_calamine

from archive_desk.errors import KnownError
from archive_desk.importing._cells import Cell, Sheet, clip

KINDS = {"xlsx": "Excel 工作簿", "xlsm": "Excel 工作簿", "xls": "Excel 97–2003 工作簿"}
KINDS |= {"ods": "OpenDocument 电子表格"}
ZIP = b"PK\x03\x04"
OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")  # an encrypted .xlsx is an OLE container


def accepts(path: Path, head: bytes) -> bool:
    return head.startswith((ZIP, OLE))


def kind_of(path: Path, data: bytes) -> str:
    if data.startswith(OLE):
        return "xls"
    if b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet" in data[:200]:
        return "ods"
    return "xlsx"


def _open(data: bytes, name: str) -> python_calamine.CalamineWorkbook:
    if data.startswith(OLE) and _ENCRYPTED in data:
        raise KnownError(f"“{name}”设有打开密码。请在 Excel 或 WPS 中去掉密码另存后再导入。")
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise KnownError(
            f"“{name}”设有打开密码。请在 Excel 或 WPS 中去掉密码另存后再导入。"
        ) from None
    except Exception as exc:  # calamine's errors: zip, XML, OLE, unknown format
        raise KnownError(
            f"无法读取“{name}”：它不是完好的 Excel 或 WPS 表格文件（{type(exc).__name__}）。"
            "请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。"
        ) from None


def read(path: Path, data: bytes, sheet: str | None) -> tuple[list[str], Sheet]:
    """The workbook's visible sheet names and the sheet ``sheet`` (default: the first)."""
    book = _open(data, path.name)
    try:
        names = [
            m.name
            for m in book.sheets_metadata
            if m.visible == python_calamine.SheetVisibleEnum.Visible
            and m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ] or list(book.sheet_names)
        if not names:
            raise KnownError(f"“{path.name}”里没有工作表。")
        wanted = sheet or names[0]
        if wanted not in book.sheet_names:
            raise KnownError(f"“{path.name}”里没有名为“{wanted}”的工作表。可选：{'、'.join(names)}")
        try:
            found = book.get_sheet_by_name(wanted)
            rows = _rows(found.to_python(skip_empty_area=False))
            merged = found.merged_cell_ranges or []
        except python_calamine.CalamineError as exc:
            raise KnownError(f"无法读取工作表“{wanted}”：文件已损坏（{exc}）。") from None
    finally:
        book.close()
    _fill_merged(rows, merged)
    return names, Sheet(wanted, rows)


def _rows(raw: Sequence[Sequence[object]]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for raw_row in raw:
        row: list[Cell] = []
        for value in raw_row:
            if value == "":
                row.append(None)
            elif isinstance(value, str):
                row.append(clip(value))
            else:
                row.append(value)  # type: ignore[arg-type]
        while row and row[-1] is None:
            row.pop()
        rows.append(row)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _fill_merged(
    rows: list[list[Cell]], merged: list[tuple[tuple[int, int], tuple[int, int]]]
) -> None:
    """Give every cell of a range merged down a column the range's value (a title merged across
    the top stays in its first cell: it is not data)."""
    for (top, left), (bottom, right) in merged:
        if bottom == top or top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, right + 1):
                while len(row) <= c:
                    row.append(None)
                if row[c] is None:
                    row[c] = value
