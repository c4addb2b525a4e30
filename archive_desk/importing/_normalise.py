"""Each cell as it will be stored: text cleaned, dates read in every form a ledger writes them,
choices matched by code or label, phones split.

Hostile text (a spreadsheet is written by anyone): control characters and lone surrogates are
removed and counted (the row gets a warning saying so); full-width digits and letters become
half-width (:func:`archive_desk.validation.normalize_text`, NFKC); a name that looks like a
formula stays text (it is stored as typed and every workbook the program writes keeps it text).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from archive_desk import validation
from archive_desk.importing._cells import Cell, Oversized

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_SERIAL = re.compile(r"\d{5}(\.0+)?")
_SEVERAL = re.compile(r"\s*[/,，;；、]\s*")


def cell_text(cell: Cell) -> str:
    """A cell as the clerk reads it in the spreadsheet (a whole number without ``.0``)."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "是" if cell else "否"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        if cell.is_integer() and abs(cell) < 1e15:
            return str(int(cell))
        return f"{cell:.15g}"
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else f"{cell:%Y-%m-%d %H:%M}"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return cell.strftime("%H:%M")
    if isinstance(cell, Oversized):
        return str(cell)
    return str(cell)


def clean(text: str, *, multiline: bool = False) -> tuple[str, int]:
    """``text`` without control characters and lone surrogates (how many were removed), full
    width and spaces normalised; ``multiline`` (the long fields) keeps its line breaks and its
    characters as written."""
    removed = 0
    if _CONTROL.search(text):
        cleaned = _CONTROL.sub("", text)
        removed = len(text) - len(cleaned)
        text = cleaned
    if multiline:  # kept as written, as the editor keeps a long field (no NFKC)
        lines = [
            line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        ]
        return "\n".join(line for line in lines if line), removed
    return validation.normalize_text(text), removed


def serial_date(number: float) -> dt.date | None:
    """An Excel serial day number (45052 → 2023-05-06), None out of Excel's range."""
    if not 1 <= number < 2958466:
        return None
    return EXCEL_EPOCH + dt.timedelta(days=int(number))


def to_date(cell: Cell) -> tuple[dt.date | None, str]:
    """A date from a real date, an Excel serial number, or text such as 2023.5.6, 2023/5/6,
    2023年5月6日, 20230506, 2023-05-06 00:00:00; (None, message) when it is none of them."""
    if isinstance(cell, dt.datetime):
        return cell.date(), ""
    if isinstance(cell, dt.date):
        return cell, ""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        found = serial_date(float(cell))
        return (found, "") if found else (None, "不是有效的日期。")
    text = validation.normalize_text(cell_text(cell))
    if not text:
        return None, ""
    if _SERIAL.fullmatch(text):
        found = serial_date(float(text))
        if found is not None:
            return found, ""
    text = _TIME_TAIL.sub("", text).strip()
    found = validation.parse_date(text)
    if found is None:
        return None, "日期应写成 2023-05-06、2023/5/6、2023.5.6 或 2023年5月6日。"
    return found, ""


def choice(choices: Mapping[Any, str], text: str) -> Any:
    """The code of ``text`` among ``choices`` (code → label): by code, by label, by the label
    without its code (“主力客户” for “A 主力客户”), or by the one label that contains it
    (“主力”, “30年”); None when none or several match."""
    key = validation.normalize_name(text)
    if not key:
        return None
    for code, label in choices.items():
        if key == validation.normalize_name(str(code)) or key == validation.normalize_name(label):
            return code
    for code, label in choices.items():
        bare = validation.normalize_name(label.split(" ", 1)[-1])
        if key == bare:
            return code
    partial = [code for code, label in choices.items() if key in validation.normalize_name(label)]
    return partial[0] if len(partial) == 1 else None


def split_phones(text: str) -> list[str]:
    """Several numbers in one cell (“0531-88888888 / 13812345678”): each on its own."""
    return [p for p in _SEVERAL.split(text) if p]


def integer(cell: Cell) -> str:
    """A whole number as text for the card's check (“1,200”, “１２００人” → “1200”)."""
    text = validation.normalize_text(cell_text(cell)).replace(",", "")
    return re.sub(r"(人|名|个)$", "", text)
