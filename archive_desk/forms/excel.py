"""Workbooks of the program (monthly borrowing report, overdue list, 客户一览表 …) on openpyxl.

Every sheet is written by :func:`write_sheet`: a bold header row that stays frozen and carries an
autofilter, column widths that count Chinese characters double, real Excel dates, and an A4
landscape print set-up that fits the width and repeats the header on every printed page.

Cell values go through :func:`set_cell`. Text that a spreadsheet would read as a formula (a
leading ``=``, ``+``, ``-``, ``@``, or a tab/CR before one, the "CSV injection" family) is stored as
a string with Excel's quote prefix, so neither opening the file nor editing the cell ever runs it.
:func:`save_workbook` writes through :mod:`archive_desk.atomicfile`.

Large sheets go into a write-only workbook (``make_workbook(write_only=True)``): the rows stream
into the file as they are written and only the cells that need a style (datetimes, formula-looking
text, a column's number format, the header) become cell objects; openpyxl's normal mode builds a
cell object for every value first and takes about twice as long.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import decimal
import enum
import io
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from archive_desk.atomicfile import atomic_write_bytes
from archive_desk.errors import Cancelled
from archive_desk.forms import display_width

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"

MAX_WIDTH = 60
MIN_WIDTH = 6
MAX_CELL_CHARS = 32767  # Excel's limit for one cell

# Characters a spreadsheet treats as the start of a formula, with the blanks that may hide them.
_FORMULA_START = ("=", "+", "-", "@")
_QUOTE_FIRST = frozenset("=+-@\t\r\n ")  # what a formula-looking text can begin with
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_TITLE_BAD = re.compile(r"[\[\]:*?/\\]")

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E6E6E6")
HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_THIN = Side(style="thin", color="808080")
HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | None


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet could take ``text`` for a formula (``=``, ``+``, ``-``, ``@``,
    also after leading tabs, carriage returns, line feeds or spaces)."""
    stripped = text.lstrip("\t\r\n ")
    return bool(stripped) and (stripped[0] in _FORMULA_START or text[:1] in ("\t", "\r"))


def safe_cell_value(value: object) -> CellValue:
    """``value`` in a form openpyxl stores as data, never as a formula or an error.

    Strings lose control characters openpyxl refuses and are cut at Excel's 32,767 characters;
    ``Decimal`` becomes ``float``, an enum its value, NaN/∞ and other objects their text;
    time-zone-aware datetimes become naive local time (Excel has no zones). A formula-looking
    string is returned unchanged: :func:`set_cell` stores it as text (openpyxl would otherwise
    read a leading ``=`` as a formula), so always write cells through :func:`set_cell` or
    :func:`write_sheet`.
    """
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, decimal.Decimal):
        return float(value) if value.is_finite() else str(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone().replace(tzinfo=None)
        return value
    if isinstance(value, dt.date | dt.time):
        if isinstance(value, dt.time) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        return value
    if isinstance(value, enum.Enum):
        return safe_cell_value(value.value)
    text = value if isinstance(value, str) else str(value)
    text = _ILLEGAL.sub("", text)
    return text[:MAX_CELL_CHARS]


def set_cell(cell: Cell, value: object, number_format: str | None = None) -> None:
    """Write ``value`` safely into ``cell``: formula-looking text stays text, dates get a date
    format unless ``number_format`` says otherwise."""
    clean = safe_cell_value(value)
    try:
        cell.value = clean
    except IllegalCharacterError:  # pragma: no cover - _ILLEGAL already removed them
        cell.value = _ILLEGAL.sub("", str(clean))
    if isinstance(clean, str) and is_formula_like(clean):
        cell.data_type = "s"  # openpyxl set "f" for a leading "="
        cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    if number_format:
        cell.number_format = number_format
    elif isinstance(clean, dt.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(clean, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(clean, dt.time):
        cell.number_format = TIME_FORMAT


def sheet_title(title: str) -> str:
    """A valid sheet name: no ``[]:*?/\\``, at most 31 characters, never empty."""
    clean = _SHEET_TITLE_BAD.sub("_", title).strip("'").strip()
    return clean[:31] or "Sheet"


def make_workbook(*, write_only: bool = False) -> Workbook:
    """A new workbook without sheets; add them with ``wb.create_sheet()`` or :func:`add_sheet`.

    ``write_only=True`` gives openpyxl's streaming workbook: :func:`write_sheet` writes each row
    as it goes (about twice as fast for large sheets, the whole sheet never held as cells), but a
    sheet can be filled only once, by one :func:`write_sheet` call, and the workbook saved only
    once. Call :func:`discard_workbook` when such a workbook will not be saved.
    """
    wb = Workbook(write_only=write_only)
    for ws in list(wb.worksheets):
        wb.remove(ws)
    return wb


def discard_workbook(wb: Workbook) -> None:
    """Drop a workbook that will not be saved (cancelled, failed): a write-only workbook's
    sheets stream into temporary files, which this removes at once instead of at exit."""
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if not isinstance(ws, WriteOnlyWorksheet) or writer is None:
            continue
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
        with contextlib.suppress(Exception):
            writer.cleanup()


def _width_of(value: CellValue, number_format: str | None) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    if isinstance(value, int | float) and not number_format:
        return len(f"{value:,}" if isinstance(value, int) else f"{value:.2f}")
    return display_width(str(value))


def _clean_rows(rows: Iterable[Sequence[object]], ncols: int | None) -> list[list[CellValue]]:
    """Every row through :func:`safe_cell_value` (``ncols``: the length each row must have)."""
    out: list[list[CellValue]] = []
    for n, row in enumerate(rows, start=1):
        if ncols is not None and len(row) != ncols:
            raise ValueError(f"row {n} has {len(row)} cells for {ncols} headers")
        values: list[CellValue] = []
        for v in row:
            if isinstance(v, str):
                # most text needs nothing: no control character, within Excel's limit
                values.append(
                    safe_cell_value(v) if len(v) > MAX_CELL_CHARS or _ILLEGAL.search(v) else v
                )
            elif v is None or type(v) is int or type(v) is dt.date:
                values.append(v)
            else:
                values.append(safe_cell_value(v))
        out.append(values)
    return out


def _measure(
    widest: list[int], rows: Iterable[Sequence[CellValue]], formats: Sequence[str | None]
) -> None:
    for row in rows:
        for c, v in enumerate(row):
            # a string is at most 2 cells per character wide: most need no measuring
            if not (isinstance(v, str) and 2 * len(v) <= widest[c]):
                widest[c] = max(widest[c], _width_of(v, formats[c] if c < len(formats) else None))


def write_sheet(
    ws: Worksheet | WriteOnlyWorksheet,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    formats: Sequence[str | None] | Mapping[str, str] | None = None,
    widths: str | Sequence[float | None] | None = "auto",
    *,
    print_title: str | None = None,
    below: Iterable[Sequence[object]] = (),
    progress: Callable[[int, int], bool] | None = None,
) -> int:
    """Fill ``ws`` with a header row and ``rows``; return the number of data rows.

    Args:
        title: the sheet's name (made valid) and, unless ``print_title`` is given, the centred
            header of the printed pages.
        formats: number formats per column (a list, or a mapping from header to format), e.g.
            ``"0.00"`` or ``"@"``; dates and datetimes get ``yyyy-mm-dd`` / ``yyyy-mm-dd hh:mm``
            by themselves.
        widths: ``"auto"`` (from the text, CJK counted double, between 6 and 60), a list of
            widths in Excel character units (``None`` = auto for that column), or ``None``.
        below: further plain rows (a chart's data, say) written after two empty rows below the
            table, outside its filter; their first row is row ``len(rows) + 4``. Their cells
            count for the widths too.
        progress: called with (rows written, all rows) every 500 rows while writing; returning
            False stops with :class:`~archive_desk.errors.Cancelled`.

    The header is bold and frozen with an autofilter; the print set-up is A4 landscape, fit to
    one page wide, the header row repeated on each printed page, "第 &P 页 共 &N 页" in the
    footer. ``ws`` may be an ordinary sheet or a sheet of a write-only workbook
    (:func:`make_workbook`); the file reads back the same.
    """
    ncols = len(headers)
    if ncols == 0:
        raise ValueError("a sheet needs at least one column")
    if isinstance(formats, Mapping):
        col_formats: list[str | None] = [formats.get(h) for h in headers]
    else:
        col_formats = list(formats or [None] * ncols)
    if len(col_formats) != ncols:
        raise ValueError("formats needs one entry per column")
    if isinstance(widths, str) and widths != "auto":
        raise ValueError(f"widths must be 'auto', a list or None, not {widths!r}")
    if widths is not None and not isinstance(widths, str) and len(widths) != ncols:
        raise ValueError("widths needs one entry per column")

    # the values first: a write-only sheet needs its widths before its first row
    head = [safe_cell_value(h) for h in headers]
    table = _clean_rows(rows, ncols)
    extra = _clean_rows(below, None)
    if any(len(row) > ncols for row in extra):
        raise ValueError(f"rows below the table may have at most {ncols} cells")
    ws.title = sheet_title(title)
    if widths is not None:
        widest = [display_width(str(h)) + 2 for h in headers]  # +2: the autofilter button
        if widths == "auto" or None in widths:
            _measure(widest, table, col_formats)
            _measure(widest, extra, ())
        for c in range(ncols):
            given = None if widths == "auto" else widths[c]
            width = given if given is not None else min(MAX_WIDTH, max(MIN_WIDTH, widest[c] + 2))
            ws.column_dimensions[get_column_letter(c + 1)].width = width
    count = len(table)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(ncols)}{count + 1}"
    _print_setup(ws, print_title if print_title is not None else title)
    if isinstance(ws, WriteOnlyWorksheet):
        _stream(ws, head, table, col_formats, extra, progress)
    else:
        _fill(ws, head, table, col_formats, extra, progress)
    return count


def _style_header(cell: Cell) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = HEADER_ALIGN
    cell.border = HEADER_BORDER


def _check(progress: Callable[[int, int], bool] | None, done: int, total: int) -> None:
    if progress is not None and done % 500 == 0 and not progress(done, total):
        raise Cancelled()


def _fill(
    ws: Worksheet,
    head: list[CellValue],
    table: list[list[CellValue]],
    formats: list[str | None],
    extra: list[list[CellValue]],
    progress: Callable[[int, int], bool] | None,
) -> None:
    for c, value in enumerate(head, start=1):
        cell = ws.cell(row=1, column=c)
        set_cell(cell, value)
        _style_header(cell)
    for r, row in enumerate(table, start=2):
        _check(progress, r - 2, len(table))
        for c, (value, fmt) in enumerate(zip(row, formats, strict=True), start=1):
            set_cell(ws.cell(row=r, column=c), value, fmt)
    for r, row in enumerate(extra, start=len(table) + 4):
        for c, value in enumerate(row, start=1):
            set_cell(ws.cell(row=r, column=c), value)


# A write-only sheet writes plain values as they are (a date gets openpyxl's ``yyyy-mm-dd``,
# the same as DATE_FORMAT); only these need a cell of their own with a style.
_STYLED_TYPES = {dt.datetime: DATETIME_FORMAT, dt.time: TIME_FORMAT}


def _stream(
    ws: WriteOnlyWorksheet,
    head: list[CellValue],
    table: list[list[CellValue]],
    formats: list[str | None],
    extra: list[list[CellValue]],
    progress: Callable[[int, int], bool] | None,
) -> None:
    styles: dict[tuple[str | None, bool], StyleArray] = {}

    def styled(value: CellValue, fmt: str | None) -> Cell:
        quote = isinstance(value, str) and is_formula_like(value)
        if fmt is None and not quote:
            fmt = _STYLED_TYPES.get(type(value))
        style = styles.get((fmt, quote))
        if style is None:
            proto = WriteOnlyCell(ws)
            if fmt is not None:
                proto.number_format = fmt
            proto.quotePrefix = quote
            style = styles[fmt, quote] = proto._style
        cell = Cell(ws, row=1, column=1, value=value, style_array=style)
        if quote:
            cell.data_type = "s"  # openpyxl set "f" for a leading "="
        return cell

    header = []
    for value in head:
        cell = styled(value, None)
        _style_header(cell)
        header.append(cell)
    ws.append(header)
    for n, row in enumerate(table):
        _check(progress, n, len(table))
        out: list[object] = list(row)
        for c, value in enumerate(row):
            fmt = formats[c]
            if fmt is not None or _needs_cell(value):
                out[c] = styled(value, fmt)
        ws.append(out)
    if extra:
        ws.append([])
        ws.append([])
    for row in extra:
        ws.append([styled(v, None) if _needs_cell(v) else v for v in row])


def _needs_cell(value: CellValue) -> bool:
    """Whether a write-only sheet needs a styled cell for ``value`` (not just the value)."""
    if isinstance(value, str):
        return value[:1] in _QUOTE_FIRST and is_formula_like(value)
    return type(value) in _STYLED_TYPES


def add_sheet(
    wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[object]], **kw: Any
) -> Worksheet:
    """A new sheet at the end of ``wb`` filled by :func:`write_sheet`."""
    ws = wb.create_sheet()
    write_sheet(ws, title, headers, rows, **kw)
    return ws


def _print_setup(ws: Worksheet | WriteOnlyWorksheet, header_text: str) -> None:
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    if header_text:
        ws.oddHeader.center.text = header_text.replace("&", "&&")
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"


def save_workbook(wb: Workbook, path: str | os.PathLike[str]) -> None:
    """Save ``wb`` atomically: a failed save leaves the old file (or none) and no temp file.

    Raises:
        KnownError: disk full, no permission, the file open in Excel on Windows …
    """
    # WORKAROUND: openpyxl leaves its ZipFile open when saving fails; written straight into our
    # temporary file, the ZipFile's __del__ later writes to the closed file and Python reports
    # an "Exception ignored". Building the file in memory first keeps a failure free of side
    # effects (an .xlsx is small: 10,000 rows are well under 1 MB).
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(path, buffer.getvalue())
