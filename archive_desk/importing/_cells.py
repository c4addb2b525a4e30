"""What a reader hands on: the cells of one sheet, as the file holds them.

A cell is text, a number, a boolean, a date or time (a spreadsheet's real dates), ``None`` for an
empty cell, or :class:`Oversized` for one refused at reading: a cell of :data:`MAX_CELL_CHARS`
characters or more (Excel's own limit per cell; calamine cuts a longer .xlsx cell to exactly
that) keeps only its length and first characters,
so a 10 MB cell is never copied into the preview, the checks or the rejected-rows workbook.
Row numbers are the sheet's own (row 1 is index 0), so every message names the row the clerk
sees in Excel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

MAX_CELL_CHARS = 32_767


@dataclass(frozen=True, slots=True)
class Oversized:
    """A cell refused at reading: its length and its first characters."""

    length: int
    head: str

    def __str__(self) -> str:
        return self.head + "…"


Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | Oversized | None


def clip(text: str) -> str | Oversized:
    """``text``, or an :class:`Oversized` stand-in when it is longer than a cell may be."""
    if len(text) >= MAX_CELL_CHARS:
        return Oversized(len(text), text[:20])
    return text


@dataclass(frozen=True)
class Sheet:
    """One sheet as read: ``rows[0]`` is the sheet's row 1; trailing empty rows are dropped."""

    name: str
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Source:
    """A file opened for import: its format, its sheets, and the one sheet read."""

    path: Path
    kind: str  # xlsx, xls, ods, csv
    sheet_names: list[str]
    sheet: Sheet
    encoding: str = ""  # CSV only: utf-8, utf-8-sig, gb18030, utf-16
    notes: list[str] = field(default_factory=list)  # what the reader had to say (Chinese)

    @property
    def label(self) -> str:
        """The file's name and, for a workbook of several sheets, the sheet's."""
        if len(self.sheet_names) > 1:
            return f"{self.path.name}（{self.sheet.name}）"
        return self.path.name
