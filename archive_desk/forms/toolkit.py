"""A small declarative layer on reportlab platypus: every printed form is a short declaration.

A form module turns plain data (lists, dicts, dataclasses, never database objects) into a list of
flowables with the helpers here and hands it to :class:`FormDocument`::

    doc = FormDocument(path, "客户档案借阅登记簿", A4_LANDSCAPE, org_name="某某公司", form_code="JY-02")
    doc.build([
        title("客户档案借阅登记簿"),
        field_grid([("部门", "销售部"), ("期间", "2026年3月")]),
        table([Column("序号", nowrap=True), Column("档案编号", nowrap=True), "客户名称"], rows),
        signature_block([SignatureSlot("经办人"), SignatureSlot("部门负责人")]),
    ])

Every page gets a header (organisation, form title) and a footer (print time, "第 X 页 / 共 Y 页",
form code). The total page count comes from a canvas that holds the pages back until the end
(:func:`_numbered_canvas`), so one pass is enough. All text uses the embedded CJK font of
:mod:`archive_desk.forms.fonts`. User text in cells is drawn as plain text (:class:`TextCell`)
and in paragraphs goes through :func:`escape_text`: a name like ``<b>A&B</b>`` prints literally
and can never inject markup.

Numbers, dates and codes never break across lines. Cell text breaks between Chinese characters
and at spaces, never inside a run of Latin letters and digits (:func:`break_lines`; reportlab's
own CJK wrapping cut "GY2026000123" into "GY202600" and "0123"). :func:`table` sizes its columns
by their content, measured with the font: a :class:`Column` declared ``nowrap`` (numbers, dates,
codes, phones, short words) gets the width of its widest value, the others share the rest
(:func:`fit_columns`) without cutting a number inside their text. When that does not fit, the
table's font shrinks to at most 7.5 pt; a portrait form turns landscape first if its table fits
nowhere else; past that the build stops with a :class:`FormLayoutError` naming the columns.
Tables split across pages between rows, never inside a row that would fit on a page.

Label sheets (:func:`label_sheet`) are drawn straight on a canvas: a :class:`LabelGrid` says where
the labels of an A4 sheet are and a callable draws one label into its :class:`Rect`, with
:func:`draw_qr`, :func:`draw_colour_band`, :func:`draw_text` and :func:`draw_paragraph` to help.

Files are written through :mod:`archive_desk.atomicfile`: a failed build leaves no file behind.

Speed (reportlab 5.1, Python 3.11, one core of the development machine): a 1,000-row, 8-column
register of Chinese text builds into a 38-page A4 landscape PDF in about 0.5–0.9 s (measuring
the columns costs about 12 ms of it); 240 labels with QR codes take about 1.3 s. 10,000 rows
take about 16 s (each page split copies the remaining rows, so time grows faster than the row
count): long registers belong in a worker thread. What keeps tables fast is :class:`TextCell`:
no paragraph parser (with a ``Paragraph`` per cell the 1,000 rows took 3 s); ``LongTable``
instead of ``Table`` gains another 10 %.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import io
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any, NamedTuple, TypeVar
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    LongTable,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from archive_desk.atomicfile import atomic_write
from archive_desk.clock import Clock, SystemClock
from archive_desk.errors import KnownError
from archive_desk.forms.fonts import cjk_font

log = logging.getLogger(__name__)

CREATOR = "档案台 Archive Desk"
GRID_COLOUR = colors.HexColor("#404040")
HEAD_FILL = colors.HexColor("#e6e6e6")
LABEL_FILL = colors.HexColor("#f2f2f2")
ZEBRA_FILL = colors.HexColor("#f7f7f7")
RULE_COLOUR = colors.HexColor("#808080")

Target = str | os.PathLike[str] | IO[bytes]
T = TypeVar("T")

# ---------------------------------------------------------------------------------------------
# Page set-up and styles


@dataclasses.dataclass(frozen=True)
class PageSetup:
    """A4 in portrait or landscape with margins in millimetres.

    The header sits in the top margin and the footer in the bottom margin, so neither should be
    smaller than about 14 mm.
    """

    landscape: bool = False
    margin_top_mm: float = 20.0
    margin_bottom_mm: float = 18.0
    margin_left_mm: float = 18.0
    margin_right_mm: float = 15.0

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def frame_width(self) -> float:
        """Width of the text area in points."""
        return self.pagesize[0] - (self.margin_left_mm + self.margin_right_mm) * mm

    @property
    def frame_height(self) -> float:
        """Height of the text area in points."""
        return self.pagesize[1] - (self.margin_top_mm + self.margin_bottom_mm) * mm


A4_PORTRAIT = PageSetup()
A4_LANDSCAPE = PageSetup(landscape=True)


@functools.cache
def _styles(font: str, bold: str) -> Mapping[str, ParagraphStyle]:
    def style(name: str, size: float, leading: float, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", font)
        return ParagraphStyle(name, fontSize=size, leading=leading, wordWrap="CJK", **kw)

    cell = style("cell", 9, 12)
    made = {
        "title": style("title", 18, 24, fontName=bold, alignment=TA_CENTER, spaceAfter=4 * mm),
        "heading": style(
            "heading", 12, 16, fontName=bold, spaceBefore=3 * mm, spaceAfter=2 * mm, keepWithNext=1
        ),
        "body": style("body", 10.5, 15),
        "small": style("small", 8, 10),
        "cell": cell,
        "cell_bold": style("cell_bold", 9, 12, fontName=bold),
        "cell_head": style("cell_head", 9, 12, fontName=bold, alignment=TA_CENTER),
        "cell_center": ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        "cell_right": ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
    }
    return MappingProxyType(made)


def styles() -> Mapping[str, ParagraphStyle]:
    """The paragraph styles of every form, all in the CJK font with CJK line breaking.

    Keys: ``title``, ``heading``, ``body``, ``small``, ``cell``, ``cell_bold``, ``cell_head``
    (bold, centred), ``cell_center``, ``cell_right``. Derive a variant with
    ``ParagraphStyle("x", parent=styles()["cell"], ...)`` rather than changing one.
    """
    info = cjk_font()
    return _styles(info.name, info.bold_name)


def _style(style: str | ParagraphStyle) -> ParagraphStyle:
    return style if isinstance(style, ParagraphStyle) else styles()[style]


# ---------------------------------------------------------------------------------------------
# Text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def display_text(value: object) -> str:
    """How a plain value prints in a form: ``None`` → empty, dates as ISO, booleans 是/否."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def escape_text(value: object) -> str:
    """Paragraph markup that shows ``value`` literally: ``< > &`` escaped, newlines kept."""
    text = _CONTROL.sub("", display_text(value)).replace("\r\n", "\n").replace("\r", "\n")
    return escape(text.replace("\t", "    ")).replace("\n", "<br/>")


def para(text: object, style: str | ParagraphStyle = "body") -> Paragraph:
    """A paragraph of user text (escaped: it never becomes markup)."""
    return Paragraph(escape_text(text), _style(style))


def title(text: str) -> Paragraph:
    """The form's big centred title."""
    return para(text, "title")


def heading(text: str) -> Paragraph:
    """A section heading inside a form."""
    return para(text, "heading")


def spacer(height_mm: float) -> Spacer:
    return Spacer(0, height_mm * mm)


def keep_together(*flowables: Flowable | Sequence[Flowable]) -> KeepTogether:
    """Keep the flowables on one page when they fit on one."""
    flat: list[Flowable] = []
    for item in flowables:
        if isinstance(item, Flowable):
            flat.append(item)
        else:
            flat.extend(item)
    return KeepTogether(flat)


def page_break() -> PageBreak:
    return PageBreak()


# Line breaking of plain text. reportlab's CJK wrapping breaks a line anywhere, so a number
# printed in a narrow column came out as "GY202600" over "0123". Here a line breaks only between
# wide (Chinese) characters and at spaces: a run of Latin letters, digits and their punctuation
# (an archive number, a date, a phone number, an e-mail address) stays whole, unless the run
# alone is wider than the whole column, where it is cut as a last resort. Closing punctuation
# (，。）》) never starts a line and opening punctuation (（《) never ends one.

_WIDE = (
    "\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd"
)
_PIECE = re.compile(f" +|[{_WIDE}]|[^ {_WIDE}]+")
_NO_START = frozenset("，。、；：？！）》」』】〕〉…％,.;:?!)]}%”’")
_NO_END = frozenset("（《「『【〔〈([{“‘")
_WIDE_CHAR = re.compile(f"[{_WIDE}]")


def _pieces(line: str) -> list[str]:
    """The unbreakable pieces of one line, spaces as pieces of their own."""
    out: list[str] = []
    for piece in _PIECE.findall(line):
        if (
            out
            and piece[0] != " "
            and out[-1][-1] != " "
            and (piece[0] in _NO_START or out[-1][-1] in _NO_END)
        ):
            out[-1] += piece
        else:
            out.append(piece)
    return out


def widest_piece(text: str, font: str, size: float) -> float:
    """Width of the widest piece of ``text`` a line break may not cut (a number, a code, a
    word; a Chinese character with its punctuation)."""
    widest = 0.0
    for line in text.split("\n"):
        if _WIDE_CHAR.search(line) is None and " " not in line:
            widest = max(widest, stringWidth(line, font, size))
            continue
        for piece in _pieces(line):
            if len(piece) > 1 and piece[0] != " ":  # one character is never the widest
                widest = max(widest, stringWidth(piece, font, size))
    return widest


def break_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` (``\\n`` always breaks), broken as above."""
    lines: list[str] = []
    for line in text.split("\n"):
        if stringWidth(line, font, size) <= width:
            lines.append(line)
        else:
            lines.extend(_break_line(line, font, size, width))
    return lines


def _break_line(line: str, font: str, size: float, width: float) -> list[str]:
    out: list[str] = []
    current, used = "", 0.0
    for piece in _pieces(line):
        piece_width = stringWidth(piece, font, size)
        if piece[0] == " ":
            if current:
                current, used = current + piece, used + piece_width
            continue
        if current and used + piece_width > width:
            out.append(current.rstrip(" "))
            current, used = "", 0.0
        if piece_width <= width:
            current, used = current + piece, used + piece_width
            continue
        # wider than the column: cut where it must be cut, before its punctuation if that helps
        for part in _PIECE.findall(piece):
            part_width = stringWidth(part, font, size)
            cuts = [part] if part_width <= width else list(part)
            for cut in cuts:
                cut_width = part_width if len(cuts) == 1 else stringWidth(cut, font, size)
                if current and used + cut_width > width:
                    out.append(current)
                    current, used = "", 0.0
                current, used = current + cut, used + cut_width
    if current or not out:
        out.append(current.rstrip(" "))
    return out


class TextCell(Flowable):
    """Plain text in a table cell, drawn line by line with ``drawString`` and broken by
    :func:`break_lines` where it is wider than its column.

    No paragraph parser is involved: user text can never become markup, and long registers
    lay out about twice as fast as with a ``Paragraph`` per cell.
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = text
        self.style = style
        self._lines: list[str] = [text]
        self._wrapped = False
        self._natural = self._measure()

    def _measure(self) -> float:
        st = self.style
        if "\n" not in self.text:
            return stringWidth(self.text, st.fontName, st.fontSize)
        return max(stringWidth(line, st.fontName, st.fontSize) for line in self.text.split("\n"))

    def restyle(self, style: ParagraphStyle) -> None:
        """Use another style (a smaller size of the same font) from now on."""
        self.style = style
        self._natural = self._measure()

    def natural_width(self) -> float:
        """Width of the text on one line (the widest line of a multi-line text)."""
        return self._natural

    def min_width(self) -> float:
        """The widest piece no line break may cut (see :func:`widest_piece`)."""
        return widest_piece(self.text, self.style.fontName, self.style.fontSize)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        st = self.style
        if self._natural <= availWidth + 1e-6:
            self._lines = self.text.split("\n")
        else:
            self._lines = break_lines(self.text, st.fontName, st.fontSize, availWidth)
        self.width, self.height = availWidth, st.leading * len(self._lines)
        self._wrapped = True
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # WORKAROUND: reportlab 5.1 splits a cell's flowables with the column's width, padding
        # included; the parts' lines would then be too wide for the cell. Split along the lines
        # of the last layout, which the table made with the right width.
        if not self._wrapped:
            self.wrap(availWidth, availHeight)
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit <= 0 or fit >= len(self._lines):
            return []
        return [
            TextCell("\n".join(self._lines[:fit]), self.style),
            TextCell("\n".join(self._lines[fit:]), self.style),
        ]

    def draw(self) -> None:
        st = self.style
        canv = self.canv
        canv.setFont(st.fontName, st.fontSize)
        canv.setFillColor(st.textColor)
        y = self.height - st.fontSize  # the first baseline where a Paragraph puts it
        for line in self._lines:
            if st.alignment == TA_CENTER:
                canv.drawCentredString(self.width / 2, y, line)
            elif st.alignment == TA_RIGHT:
                canv.drawRightString(self.width, y, line)
            else:
                canv.drawString(0, y, line)
            y -= st.leading


def _cell(value: object, style: ParagraphStyle) -> Any:
    """A table cell: flowables pass through, anything else becomes plain text."""
    if isinstance(value, Flowable):
        return value
    if isinstance(value, list) and all(isinstance(v, Flowable) for v in value):
        return value  # a cell may hold a list of flowables
    text = _CONTROL.sub("", display_text(value)).replace("\r\n", "\n").replace("\r", "\n")
    return TextCell(text.replace("\t", "    "), style)


def _table_font() -> tuple[str, tuple[int, int], tuple[int, int], str]:
    """Blank cells are drawn with the table's font too: without this reportlab references
    (unembedded) Helvetica for them."""
    return ("FONTNAME", (0, 0), (-1, -1), cjk_font().name)


# ---------------------------------------------------------------------------------------------
# Form blocks


class Field(NamedTuple):
    """One ``label: value`` pair of :func:`field_grid`; ``span`` pairs wide (1 = one pair)."""

    label: str
    value: object
    span: int = 1


def field_grid(
    pairs: Iterable[tuple[str, object] | tuple[str, object, int] | Field],
    columns: int = 2,
    *,
    label_width_mm: float = 24.0,
) -> Table:
    """The ``label: value`` boxes of a form, ``columns`` pairs per row, long text wrapped.

    A pair may be ``(label, value, span)`` to take ``span`` pairs' room (``span=columns`` for a
    whole row, e.g. 经营范围). A pair that does not fit the rest of a row starts a new row; the
    previous value then stretches to the row's end. The labels never wrap: their column is
    ``label_width_mm`` wide, or as wide as the longest label (统一社会信用代码). Values wrap
    like table cells (a number or code stays whole); give a long unbreakable value (an e-mail
    address, a web address) a whole row.
    """
    if columns < 1:
        raise ValueError("columns must be at least 1")
    st = styles()
    fields = [Field(*p) for p in pairs]
    ncols = 2 * columns
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = []
    row: list[Any] = []
    last_value_col = -1

    def close_row() -> None:
        nonlocal row, last_value_col
        if not row:
            return
        if len(row) < ncols:
            commands.append(("SPAN", (last_value_col, len(data)), (ncols - 1, len(data))))
            row.extend([""] * (ncols - len(row)))
        data.append(row)
        row = []
        last_value_col = -1

    for field in fields:
        span = max(1, min(columns, int(field.span)))
        cells = 2 * span
        if len(row) + cells > ncols:
            close_row()
        r, c = len(data), len(row)
        commands.append(("BACKGROUND", (c, r), (c, r), LABEL_FILL))
        row.append(TextCell(field.label, st["cell_bold"]))
        row.append(_cell(field.value, st["cell"]))
        if span > 1:
            commands.append(("SPAN", (c + 1, r), (c + cells - 1, r)))
            row.extend([""] * (cells - 2))
        last_value_col = c + 1
        if len(row) == ncols:
            close_row()
    close_row()
    if not data:
        data = [[""] * ncols]
    # WORKAROUND: a "*" width next to Paragraph cells sends reportlab 5.1 down its auto-size path,
    # which gives columns negative room; percentages share the unclaimed width the same way.
    label_width = max(
        [label_width_mm * mm]
        + [cell.natural_width() + _CELL_PADDING + _SLACK for cell in _label_cells(data)]
    )
    widths: list[Any] = []
    for _ in range(columns):
        widths += [label_width, f"{100 / columns:.4f}%"]
    grid = _FieldGrid(data, colWidths=widths, splitInRow=1, hAlign="LEFT")
    grid.setStyle(
        TableStyle(
            [
                _table_font(),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                *commands,
            ]
        )
    )
    return grid


def _label_cells(data: Sequence[Sequence[Any]]) -> Iterator[TextCell]:
    for row in data:
        for cell in row[0::2]:
            if isinstance(cell, TextCell):
                yield cell


# ---------------------------------------------------------------------------------------------
# Tables whose columns are sized by their content


_CELL_PADDING = 12.0  # reportlab's default left + right cell padding, in points
_SLACK = 0.5  # points: rounding between the measure and the drawing
TABLE_FONT_SIZES = (9.0, 8.5, 8.0, 7.5)
"""The sizes a table's text may take, largest first: a table too wide at 9 pt shrinks this far."""
_WRAP_FLOOR_EM = 4.0  # a wrapping column keeps room for four characters (less if it needs less)


class FormLayoutError(KnownError):
    """A table cannot be laid out on the page: its unbreakable columns are too wide."""


@dataclasses.dataclass(frozen=True)
class Column:
    """One column of :func:`table`.

    ``nowrap`` declares content that must stay on one line (numbers, dates, codes, phones, short
    words such as 阅览 or 完好): the column gets the width of its widest value, measured with the
    font. Other columns share what is left and wrap between Chinese characters and at spaces;
    a number or code inside their text still stays whole. ``width_mm`` fixes a width instead.
    """

    header: str
    nowrap: bool = False
    align: str = "left"
    width_mm: float | None = None


@dataclasses.dataclass(frozen=True)
class _Need:
    """What one column needs, measured at the table's base font size (points, no padding).

    Text widths scale with the font size; ``fixed`` (images, flowables) does not.
    """

    text_max: float  # the widest line, header included
    header: float  # the header never breaks
    pieces: float  # the widest number, code or word of a wrapping column
    fixed: float
    nowrap: bool
    width: float | None  # a fixed width, padding included

    def bounds(self, scale: float, protect: bool) -> tuple[float, float]:
        """(narrowest, widest) width of the column at ``scale`` times the base size, padding
        included. Without ``protect`` a wrapping column may cut long words (last resort)."""
        if self.width is not None:
            return self.width, self.width
        widest = self.text_max * scale
        if self.nowrap:
            narrowest = widest
        else:
            floor = min(self.text_max, _WRAP_FLOOR_EM * TABLE_FONT_SIZES[0])
            narrowest = max(self.header, floor, self.pieces if protect else 0.0) * scale
        extra = _CELL_PADDING + _SLACK
        return max(narrowest, self.fixed) + extra, max(widest, self.fixed) + extra


def _flowable_width(cell: object) -> float:
    """Width a flowable cell (or a list of them) takes, without padding."""
    if isinstance(cell, (list, tuple)):
        return max((_flowable_width(c) for c in cell), default=0.0)
    if isinstance(cell, Paragraph):
        style = cell.style
        lines = cell.getPlainText().split("\n")
        return max(stringWidth(line, style.fontName, style.fontSize) for line in lines)
    width = getattr(cell, "width", 0.0)
    return float(width) if isinstance(width, int | float) else 0.0


def _measure(column: Column, head: TextCell, cells: Iterable[object]) -> _Need:
    text_max = header = head.natural_width()
    pieces = fixed = 0.0
    floor = _WRAP_FLOOR_EM * TABLE_FONT_SIZES[0]
    for cell in cells:
        if isinstance(cell, TextCell):
            width = cell.natural_width()
            if width > text_max:
                text_max = width
            # no piece is wider than its text: only a text wider than both can matter
            if not column.nowrap and width > floor and width > pieces:
                pieces = max(pieces, cell.min_width())
        else:
            fixed = max(fixed, _flowable_width(cell))
    fixed_width = None if column.width_mm is None else column.width_mm * mm
    return _Need(text_max, header, pieces, fixed, column.nowrap, fixed_width)


def fit_columns(bounds: Sequence[tuple[float, float]], avail: float) -> list[float] | None:
    """Column widths filling ``avail`` from each column's (narrowest, widest) width, or None
    when even the narrowest widths do not fit.

    As in a browser's automatic table layout: when every column fits at its widest, the spare
    room is shared in proportion; otherwise each column gets its narrowest width plus a share
    of the rest in proportion to how much more it could use. Unbreakable columns (narrowest =
    widest) keep their width; names and remarks take what is left and wrap.
    """
    lows = [lo for lo, _ in bounds]
    highs = [hi for _, hi in bounds]
    total = sum(highs)
    if not bounds:
        return []
    if total <= avail:
        return (
            [hi + (avail - total) * hi / total for hi in highs]
            if total > 0
            else [avail / len(bounds)] * len(bounds)
        )
    if sum(lows) > avail + 1e-6:
        return None
    room = avail - sum(lows)
    spread = total - sum(lows)
    return [lo + (hi - lo) * room / spread for lo, hi in bounds]


@functools.cache
def _sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    if size == style.fontSize:
        return style
    return ParagraphStyle(
        f"{style.name}@{size}",
        parent=style,
        fontSize=size,
        leading=style.leading * size / style.fontSize,
    )


class _RowKeeper(Table):
    """A table that splits across pages between rows only, unless a row is taller than a
    whole page (``page_height``, set by :class:`FormDocument`; unknown: reportlab's way).

    reportlab (with ``splitInRow``) also splits the next row to fill the foot of a page: a
    sliver of a row under its heading, or the header repeated above half a row.
    """

    page_height: float | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        parts: list[Flowable] = self._splitRows(availHeight, doInRowSplit=False)
        if not parts:
            head = self.repeatRows if isinstance(self.repeatRows, int) else 0
            first = sum(self._rowHeights[: head + 1])
            if self.page_height is not None and first <= self.page_height:
                return []  # the next row starts the next page
            parts = super().split(availWidth, availHeight)
        for part in parts:
            if isinstance(part, _RowKeeper):
                part.page_height = self.page_height
        return parts


class _FieldGrid(_RowKeeper):
    """The table of :func:`field_grid`."""


class _FittedTable(_RowKeeper, LongTable):
    """A LongTable that sizes its columns by their content the first time it is laid out (only
    then is the available width known), shrinking its font within :data:`TABLE_FONT_SIZES`
    if it must. Parts made by splitting across pages keep those widths."""

    _needs: list[_Need] | None = None
    _headers: Sequence[str] = ()

    def layout(self, avail: float) -> tuple[float, list[float]] | None:
        """(font size, column widths) for ``avail`` points, or None when nothing fits."""
        assert self._needs is not None
        base = TABLE_FONT_SIZES[0]
        for protect in (True, False):
            for size in TABLE_FONT_SIZES:
                bounds = [need.bounds(size / base, protect) for need in self._needs]
                widths = fit_columns(bounds, avail)
                if widths is not None:
                    if not protect:
                        log.warning(
                            "表格太窄：较长的编号或单词被迫断行（列：%s）", "、".join(self._headers)
                        )
                    return size, widths
        return None

    def fits(self, avail: float) -> bool:
        """Whether the table fits ``avail`` points with every number and code whole."""
        if self._needs is None:
            return True
        base = TABLE_FONT_SIZES[0]
        return any(
            fit_columns([need.bounds(size / base, True) for need in self._needs], avail) is not None
            for size in TABLE_FONT_SIZES
        )

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._needs is not None:
            found = self.layout(availWidth)
            if found is None:
                raise FormLayoutError(self._too_wide(availWidth))
            size, widths = found
            if size != TABLE_FONT_SIZES[0]:
                self._resize(size)
            self._colWidths = self._argW = widths
            self._needs = None
        return super().wrap(availWidth, availHeight)

    def _too_wide(self, avail: float) -> str:
        assert self._needs is not None
        scale = TABLE_FONT_SIZES[-1] / TABLE_FONT_SIZES[0]
        need = sum(n.bounds(scale, False)[0] for n in self._needs)
        fixed = [h for h, n in zip(self._headers, self._needs, strict=True) if n.nowrap or n.width]
        return (
            f"表格太宽，页面放不下：“{'”“'.join(fixed)}”等列不能折行，字号缩小到 "
            f"{TABLE_FONT_SIZES[-1]:g} 磅仍需 {need / mm:.0f} 毫米，页面只有 {avail / mm:.0f} 毫米。"
        )

    def _resize(self, size: float) -> None:
        for row in self._cellvalues:
            for cell in row:
                if isinstance(cell, TextCell):
                    cell.restyle(_sized(cell.style, size))


def table(
    columns: Sequence[str | Column],
    rows: Iterable[Sequence[object]],
    *,
    repeat_header: bool = True,
    zebra: bool = False,
    empty_text: str = "（无记录）",
) -> Table:
    """A ruled table with a bold header; long tables split across pages repeating the header.

    ``columns`` are :class:`Column` declarations (a plain string is a wrapping, left-aligned
    column). The widths are measured from the header and every row, see :class:`Column` and
    :func:`fit_columns`; when the unbreakable columns do not fit the page at 9 pt the table's
    text shrinks (down to the last of :data:`TABLE_FONT_SIZES`), and past that the build stops
    with a :class:`FormLayoutError` naming the columns. A portrait :class:`FormDocument` turns
    to landscape before that. ``empty_text`` is shown across the table when there are no rows.

    Cells may hold plain values (printed as text, never as markup) or flowables (a signature
    image, say).
    """
    st = styles()
    by_align = {"left": st["cell"], "center": st["cell_center"], "right": st["cell_right"]}
    cols = [c if isinstance(c, Column) else Column(c) for c in columns]
    col_styles = [by_align[c.align] for c in cols]
    rows = list(rows)
    heads = [TextCell(c.header, st["cell_head"]) for c in cols]
    data: list[list[Any]] = [list(heads)]
    for row in rows:
        if len(row) != len(cols):
            raise ValueError(f"row has {len(row)} cells for {len(cols)} headers: {row!r}")
        data.append([_cell(v, s) for v, s in zip(row, col_styles, strict=True)])
    commands: list[tuple[Any, ...]] = [
        _table_font(),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    needs = [_measure(col, heads[c], (row[c] for row in data[1:])) for c, col in enumerate(cols)]
    if not rows:
        data.append([TextCell(empty_text, st["cell_center"])] + [""] * (len(cols) - 1))
        commands.append(("SPAN", (0, 1), (-1, 1)))
    elif zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA_FILL]))
    result = _FittedTable(
        data,
        colWidths=[f"{100 / len(cols):.4f}%"] * len(cols),  # until laid out
        repeatRows=1 if repeat_header else 0,
        splitInRow=1,
        hAlign="LEFT",
    )
    result._needs = needs
    result._headers = [c.header for c in cols]
    result.setStyle(TableStyle(commands))
    return result


def _form_tables(flowables: Iterable[object]) -> Iterator[_RowKeeper]:
    """The tables made by :func:`table` and :func:`field_grid` among ``flowables`` (inside
    KeepTogether too)."""
    for f in flowables:
        if isinstance(f, _RowKeeper):
            yield f
        inner = getattr(f, "_content", None)
        if isinstance(inner, list):
            yield from _form_tables(inner)


# ---------------------------------------------------------------------------------------------
# Signatures and approvals


class SignatureBox(Flowable):
    """A signature image fitted into a box above a line, or just the line to sign on paper.

    Unreadable image bytes print a note instead of failing the whole form.
    """

    def __init__(self, png: bytes | None, width_mm: float = 40.0, height_mm: float = 14.0) -> None:
        super().__init__()
        self.png = png
        self.width = width_mm * mm
        self.height = height_mm * mm

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = min(self.width, availWidth)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        base = 1.5
        if self.png:
            try:
                image = ImageReader(io.BytesIO(self.png))
                iw, ih = image.getSize()
                scale = min(self.width / iw, (self.height - base - 1) / ih)
                w, h = iw * scale, ih * scale
                canv.drawImage(image, (self.width - w) / 2, base + 0.5, w, h, mask="auto")
            except Exception:  # a damaged stored image must not stop the printout
                log.warning("签名图像无法读取，打印为文字说明", exc_info=True)
                canv.setFont(cjk_font().name, 8)
                canv.drawString(2, base + 3, "（签名图像无法读取）")
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.6)
        canv.line(0, base, self.width, base)


class SignatureSlot(NamedTuple):
    """Who signs, and (once signed) the name, the pad's PNG and the time as printed."""

    role: str
    signer: str = ""
    image: bytes | None = None
    signed_at: str = ""


_BLANK_DATE = "\u3000\u3000\u3000年\u3000\u3000月\u3000\u3000日"


def signature_block(
    slots: Iterable[SignatureSlot | tuple[str, str, bytes | None, str]],
    columns: int = 2,
    *,
    box_mm: tuple[float, float] = (40.0, 14.0),
) -> KeepTogether:
    """Signature places, ``columns`` per row, kept on one page.

    Each slot prints its role ("借阅人签字："), the signature image scaled into a box above a line
    (or only the line, to sign on paper), then the name and, below it, the date (blank
    ``年 月 日`` when unsigned).
    """
    st = styles()
    cells: list[list[Flowable]] = []
    for raw in slots:
        slot = SignatureSlot(*raw)
        name = slot.signer or "\u3000" * 6
        date = slot.signed_at or _BLANK_DATE
        cells.append(
            [
                TextCell(f"{slot.role}：", st["cell_bold"]),
                SignatureBox(slot.image, *box_mm),
                # the name and the date on lines of their own: in a narrow column one line of
                # both would break the date (TextCell keeps the blank U+3000 spaces)
                TextCell(f"姓名：{name}", st["small"]),
                TextCell(f"日期：{date}", st["small"]),
            ]
        )
    data: list[list[Any]] = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    if data and len(data[-1]) < columns:
        data[-1] = data[-1] + [""] * (columns - len(data[-1]))
    if not data:
        return KeepTogether([])
    block = Table(
        data, colWidths=[f"{100 / columns:.3f}%"] * columns, hAlign="LEFT", spaceBefore=3 * mm
    )
    block.setStyle(
        TableStyle(
            [
                _table_font(),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return KeepTogether([block])


class ApprovalRow(NamedTuple):
    """One approval stage: its role, the opinion and (once given) signer, time and image."""

    role: str
    opinion: str = ""
    signer: str = ""
    signed_at: str = ""
    image: bytes | None = None


def approval_block(
    rows: Iterable[ApprovalRow | tuple[Any, ...]],
    *,
    label_width_mm: float = 28.0,
    min_opinion_mm: float = 16.0,
) -> Table:
    """Opinion boxes: role on the left, the opinion (room to write by hand when empty), then
    "签字" and "日期" on the right. The signature is the pad image with the signer's name
    under it, or the name alone (approved at the desk or on paper), or a line to sign on.
    """
    st = styles()
    data: list[list[Any]] = []
    for raw in rows:
        row = ApprovalRow(*raw)
        sign: list[Flowable] = []
        if row.image:
            sign.append(SignatureBox(row.image, 32, 10))
        if row.signer:
            sign.append(TextCell(row.signer, st["cell"]))
        if not sign:
            sign.append(SignatureBox(None, 32, 7))
        signing = Table(
            [
                [
                    TextCell("签字：", st["cell"]),
                    sign,
                    TextCell("日期：", st["cell"]),
                    _cell(row.signed_at or _BLANK_DATE, st["cell"]),
                ]
            ],
            colWidths=[12 * mm, 34 * mm, 12 * mm, 34 * mm],
            hAlign="RIGHT",
        )
        signing.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                    _table_font(),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
        opinion: list[Flowable] = [_cell(row.opinion, st["cell"])]
        if not row.opinion.strip():
            opinion.append(Spacer(0, min_opinion_mm * mm))
        data.append([TextCell(row.role, st["cell_bold"]), [*opinion, signing]])
    if not data:
        data = [["", ""]]
    block = Table(data, colWidths=[label_width_mm * mm, "100%"], hAlign="LEFT")
    block.setStyle(
        TableStyle(
            [
                _table_font(),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOUR),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_FILL),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("VALIGN", (1, 0), (1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return block


# ---------------------------------------------------------------------------------------------
# The document


def _numbered_canvas(decorate: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas class that keeps every page until ``save`` and then decorates each one with its
    number and the total (the well-known reportlab recipe for "page X of Y" in one pass)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            held = self._held_pages
            for state in held:
                self.__dict__.update(state)
                decorate(self, self.getPageNumber(), len(held))
                super().showPage()
            super().save()

    return NumberedCanvas


class FormDocument:
    """One A4 PDF form: header and footer on every page, metadata, atomic write.

    ``target`` is a path (written atomically) or a binary buffer. ``build`` lays out the story
    and returns the number of pages. A portrait form turns landscape when one of its tables
    does not fit the portrait page even at the smallest table font (``may_turn=False`` keeps
    it portrait, the table then reports a :class:`FormLayoutError`); ``landscape`` tells which
    way the last build went.
    """

    def __init__(
        self,
        target: Target,
        title: str,
        setup: PageSetup = A4_PORTRAIT,
        org_name: str = "",
        form_code: str | None = None,
        *,
        author: str | None = None,
        subject: str | None = None,
        clock: Clock | None = None,
        may_turn: bool = True,
    ) -> None:
        self.target = target
        self.title = title
        self.setup = setup
        self.may_turn = may_turn
        self.landscape = setup.landscape
        self.org_name = org_name
        self.form_code = form_code
        self.author = author if author is not None else org_name
        self.subject = subject if subject is not None else title
        self.clock: Clock = clock or SystemClock()
        self.pages = 0

    @property
    def frame_width(self) -> float:
        return self.setup.frame_width

    def build(self, story: Iterable[Flowable]) -> int:
        flowables = list(story)
        printed_at = self.clock.now()
        setup = self._orientation(flowables)
        self.landscape = setup.landscape
        if isinstance(self.target, (str, os.PathLike)):
            with atomic_write(Path(self.target), "wb") as handle:
                self._build_into(handle, flowables, printed_at, setup)
        else:
            self._build_into(self.target, flowables, printed_at, setup)
        return self.pages

    def _orientation(self, story: list[Flowable]) -> PageSetup:
        """The page set-up, turned to landscape when a table needs it and the form may turn;
        each table learns the page height (see :meth:`_FittedTable.split`)."""
        s = self.setup
        tables = list(_form_tables(story))
        fitted = [t for t in tables if isinstance(t, _FittedTable)]
        if not s.landscape and self.may_turn and not all(t.fits(s.frame_width) for t in fitted):
            log.info("“%s”的表格在纵向页面放不下，改为横向打印", self.title)
            s = dataclasses.replace(s, landscape=True)
        for t in tables:
            t.page_height = s.frame_height
        return s

    def _build_into(
        self, out: IO[bytes], story: list[Flowable], printed_at: dt.datetime, s: PageSetup
    ) -> None:
        doc = BaseDocTemplate(
            out,
            pagesize=s.pagesize,
            leftMargin=s.margin_left_mm * mm,
            rightMargin=s.margin_right_mm * mm,
            topMargin=s.margin_top_mm * mm,
            bottomMargin=s.margin_bottom_mm * mm,
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator=CREATOR,
            lang="zh-CN",
            initialFontName=cjk_font().name,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        doc.addPageTemplates([PageTemplate(id="form", frames=[frame], pagesize=s.pagesize)])

        def decorate(canv: Canvas, page: int, total: int) -> None:
            self.pages = total
            self._decorate(canv, s, page, total, printed_at)

        doc.build(story or [Spacer(0, 0)], canvasmaker=_numbered_canvas(decorate))

    def _decorate(
        self, canv: Canvas, s: PageSetup, page: int, total: int, printed_at: dt.datetime
    ) -> None:
        font = cjk_font()
        width, height = s.pagesize
        left, right = s.margin_left_mm * mm, width - s.margin_right_mm * mm
        canv.saveState()
        canv.setStrokeColor(RULE_COLOUR)
        canv.setFillColor(colors.black)
        canv.setLineWidth(0.5)
        head_rule = height - s.margin_top_mm * mm + 4 * mm
        canv.line(left, head_rule, right, head_rule)
        canv.setFont(font.name, 9)
        canv.drawString(left, head_rule + 1.8 * mm, self.org_name)
        canv.drawRightString(right, head_rule + 1.8 * mm, self.title)
        foot_rule = s.margin_bottom_mm * mm - 5 * mm
        canv.line(left, foot_rule, right, foot_rule)
        text_y = foot_rule - 4 * mm
        canv.setFont(font.name, 8)
        canv.drawString(left, text_y, f"打印时间：{printed_at:%Y-%m-%d %H:%M}")
        canv.drawCentredString((left + right) / 2, text_y, f"第 {page} 页 / 共 {total} 页")
        if self.form_code:
            canv.drawRightString(right, text_y, f"表单编号：{self.form_code}")
        canv.restoreState()


# ---------------------------------------------------------------------------------------------
# Label sheets


@dataclasses.dataclass(frozen=True)
class Rect:
    """A rectangle on the page in points, origin bottom left (reportlab's coordinates)."""

    x: float
    y: float
    width: float
    height: float

    def inset(self, margin_mm: float) -> Rect:
        d = margin_mm * mm
        return Rect(
            self.x + d, self.y + d, max(0.0, self.width - 2 * d), max(0.0, self.height - 2 * d)
        )

    def split_left(self, width_mm: float) -> tuple[Rect, Rect]:
        """``(left part width_mm wide, the rest)``."""
        w = min(self.width, width_mm * mm)
        return Rect(self.x, self.y, w, self.height), Rect(
            self.x + w, self.y, self.width - w, self.height
        )

    def split_top(self, height_mm: float) -> tuple[Rect, Rect]:
        """``(top part height_mm high, the rest below)``."""
        h = min(self.height, height_mm * mm)
        top = Rect(self.x, self.y + self.height - h, self.width, h)
        return top, Rect(self.x, self.y, self.width, self.height - h)


@dataclasses.dataclass(frozen=True)
class LabelGrid:
    """Where the labels of an A4 sheet are: ``rows`` × ``columns``, filled row by row.

    ``h_gap_mm`` is the gap between columns, ``v_gap_mm`` between rows. Without an explicit label
    size the labels share the page with equal margins on both sides.
    """

    rows: int
    columns: int
    margin_top_mm: float
    margin_left_mm: float
    h_gap_mm: float = 0.0
    v_gap_mm: float = 0.0
    label_width_mm: float | None = None
    label_height_mm: float | None = None
    landscape: bool = False

    @property
    def pagesize(self) -> tuple[float, float]:
        return landscape(A4) if self.landscape else A4

    @property
    def per_page(self) -> int:
        return self.rows * self.columns

    def label_size(self) -> tuple[float, float]:
        """Width and height of one label in points."""
        pw, ph = self.pagesize
        w = (
            self.label_width_mm * mm
            if self.label_width_mm
            else (pw - 2 * self.margin_left_mm * mm - (self.columns - 1) * self.h_gap_mm * mm)
            / self.columns
        )
        h = (
            self.label_height_mm * mm
            if self.label_height_mm
            else (ph - 2 * self.margin_top_mm * mm - (self.rows - 1) * self.v_gap_mm * mm)
            / self.rows
        )
        return w, h

    def rects(self) -> list[Rect]:
        """The label rectangles of one sheet, top-left first, row by row."""
        if self.rows < 1 or self.columns < 1:
            raise ValueError("a label grid needs at least one row and one column")
        pw, ph = self.pagesize
        w, h = self.label_size()
        right = (
            self.margin_left_mm * mm + self.columns * w + (self.columns - 1) * self.h_gap_mm * mm
        )
        bottom = ph - self.margin_top_mm * mm - self.rows * h - (self.rows - 1) * self.v_gap_mm * mm
        if w <= 0 or h <= 0 or right > pw + 0.01 or bottom < -0.01:
            raise ValueError("the labels do not fit on the sheet")
        out = []
        for r in range(self.rows):
            top = ph - self.margin_top_mm * mm - r * (h + self.v_gap_mm * mm)
            for c in range(self.columns):
                x = self.margin_left_mm * mm + c * (w + self.h_gap_mm * mm)
                out.append(Rect(x, top - h, w, h))
        return out


_SKIPPED = object()


def label_sheet(
    target: Target,
    labels: Iterable[T],
    grid: LabelGrid,
    draw: Callable[[Canvas, T, Rect], None],
    *,
    title: str = "标签",
    author: str = "",
    skip: int = 0,
    outline: bool = True,
) -> int:
    """Print ``labels`` on A4 sheets laid out by ``grid``; return the number of pages.

    ``draw(canvas, label, rect)`` draws one label; it is clipped to its rectangle. ``skip``
    leaves the first places of the first sheet empty (a partly used sheet of stickers);
    ``outline`` draws thin grey cutting lines.
    """
    items: list[Any] = [_SKIPPED] * max(0, skip) + list(labels)
    rects = grid.rects()
    pages = 0

    def render(out: IO[bytes]) -> None:
        nonlocal pages
        font = cjk_font()
        # the canvas's own initial font would otherwise be referenced (unembedded Helvetica)
        canv = Canvas(out, pagesize=grid.pagesize, lang="zh-CN", initialFontName=font.name)
        canv.setTitle(title)
        canv.setAuthor(author)
        canv.setSubject(title)
        canv.setCreator(CREATOR)
        for start in range(0, max(len(items), 1), grid.per_page):
            for rect, item in zip(rects, items[start : start + grid.per_page], strict=False):
                if item is _SKIPPED:
                    continue
                canv.saveState()
                if outline:
                    canv.setStrokeColor(colors.HexColor("#b0b0b0"))
                    canv.setLineWidth(0.25)
                    canv.setDash(2, 2)
                    canv.rect(rect.x, rect.y, rect.width, rect.height, stroke=1, fill=0)
                    canv.setDash()
                clip = canv.beginPath()
                clip.rect(rect.x, rect.y, rect.width, rect.height)
                canv.clipPath(clip, stroke=0, fill=0)
                canv.setFont(font.name, 10)
                canv.setStrokeColor(colors.black)
                canv.setFillColor(colors.black)
                draw(canv, item, rect)
                canv.restoreState()
            canv.showPage()
            pages += 1
        canv.save()

    if isinstance(target, (str, os.PathLike)):
        with atomic_write(Path(target), "wb") as handle:
            render(handle)
    else:
        render(target)
    return pages


_HEX = re.compile(r"#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")


def parse_colour(value: str | None, default: str = "#c0c0c0") -> colors.Color:
    """``"#1f77b4"`` (or ``"1f77b4"``, ``"#17b"``) as a colour; anything else → ``default``."""
    match = _HEX.fullmatch((value or "").strip())
    if not match:
        if value:
            log.warning("无效的颜色值 %r，改用 %s", value, default)
        return parse_colour(default) if value != default else colors.grey
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    return colors.HexColor("#" + digits)


def _ink_for(fill: colors.Color) -> colors.Color:
    """Black or white, whichever reads better on ``fill``."""
    luminance = 0.299 * fill.red + 0.587 * fill.green + 0.114 * fill.blue
    return colors.black if luminance > 0.6 else colors.white


def draw_colour_band(
    canv: Canvas, rect: Rect, colour: str | None, text: str = "", size: float = 10
) -> None:
    """Fill ``rect`` with a category colour (hex string) and centre ``text`` on it in black or
    white, whichever reads better."""
    fill = parse_colour(colour)
    canv.saveState()
    canv.setFillColor(fill)
    canv.rect(rect.x, rect.y, rect.width, rect.height, stroke=0, fill=1)
    canv.restoreState()
    if text:
        draw_text(canv, text, rect, size=size, bold=True, align="center", colour=_ink_for(fill))


def draw_qr(canv: Canvas, text: str, rect: Rect, *, level: str = "M") -> Rect:
    """Draw a QR code of ``text`` (with its 4-module quiet zone) as the largest square centred
    in ``rect``; return that square.

    The code is reportlab's encoder (``QrCodeWidget``) but the modules are filled as one path on
    the canvas: going through a ``Drawing`` is about four times slower on a sheet of labels.
    """
    side = min(rect.width, rect.height)
    square = Rect(rect.x + (rect.width - side) / 2, rect.y + (rect.height - side) / 2, side, side)
    qr = QrCodeWidget(text, barLevel=level).qr
    qr.make()
    count = qr.getModuleCount()
    box = side / (count + 8)
    top = square.y + side - 4 * box
    path = canv.beginPath()
    for r in range(count):
        y = top - (r + 1) * box
        c = 0
        while c < count:
            if qr.isDark(r, c):
                run = c
                while run < count and qr.isDark(r, run):
                    run += 1
                path.rect(square.x + (c + 4) * box, y, (run - c) * box, box)
                c = run
            else:
                c += 1
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
    return square


def fit_font_size(
    text: str, font: str, size: float, max_width: float, min_size: float = 5
) -> float:
    """The largest size ≤ ``size`` (but ≥ ``min_size``) at which ``text`` fits ``max_width``."""
    width = stringWidth(text, font, size)
    if width <= max_width or width == 0:
        return size
    return max(min_size, size * max_width / width)


def draw_text(
    canv: Canvas,
    text: object,
    rect: Rect,
    *,
    size: float = 10,
    bold: bool = False,
    align: str = "left",
    min_size: float = 5,
    colour: colors.Color | None = None,
) -> float:
    """One line of text vertically centred in ``rect``, shrunk to fit its width; returns the
    font size used."""
    font = cjk_font()
    name = font.bold_name if bold else font.name
    line = display_text(text).replace("\n", " ")
    used = fit_font_size(line, name, size, rect.width, min_size)
    canv.saveState()
    canv.setFont(name, used)
    canv.setFillColor(colour or colors.black)
    y = rect.y + (rect.height - used * 0.8) / 2
    if align == "center":
        canv.drawCentredString(rect.x + rect.width / 2, y, line)
    elif align == "right":
        canv.drawRightString(rect.x + rect.width, y, line)
    else:
        canv.drawString(rect.x, y, line)
    canv.restoreState()
    return used


def draw_paragraph(
    canv: Canvas,
    text: object,
    rect: Rect,
    *,
    size: float = 10,
    bold: bool = False,
    align: str = "left",
    min_size: float = 5,
) -> float:
    """Wrapped text at the top of ``rect`` (broken as :func:`break_lines` does), made smaller
    until it fits and no word or number has to be cut; returns the size used."""
    font = cjk_font()
    name = font.bold_name if bold else font.name
    line = _CONTROL.sub("", display_text(text))
    used = size
    while True:
        lines = break_lines(line, name, used, rect.width)
        fits = len(lines) * used * 1.2 <= rect.height
        if (fits and widest_piece(line, name, used) <= rect.width) or used <= min_size:
            break
        used = max(min_size, used - 0.5)
    canv.saveState()
    canv.setFont(name, used)
    y = rect.y + rect.height - used
    for text_line in lines:
        if align == "center":
            canv.drawCentredString(rect.x + rect.width / 2, y, text_line)
        elif align == "right":
            canv.drawRightString(rect.x + rect.width, y, text_line)
        else:
            canv.drawString(rect.x, y, text_line)
        y -= used * 1.2
    canv.restoreState()
    return used
