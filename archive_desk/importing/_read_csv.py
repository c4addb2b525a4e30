"""CSV and tab-separated text, as Chinese Excel and WPS save it.

The encoding is found, not guessed: UTF-16 with its byte-order mark (Excel's “Unicode 文本”),
UTF-8 with or without the mark, else GB18030 (a superset of GBK, the code page Chinese Excel
writes “CSV” in). A file that is none of them, or holds NUL bytes, is refused with a message that
says how to save it instead. The delimiter is the one of ``,`` ``\\t`` ``;`` that splits the
first lines most evenly.

A cell of any length is read once (the csv module's field limit is raised for the read, under a
lock, and set back) and an overlong one becomes an :class:`Oversized` stand-in at once, so the
rest of its row is read as usual.
"""

from __future__ import annotations

import csv
import io
import re
import threading
from pathlib import Path

from archive_desk.errors import KnownError
from archive_desk.importing._cells import Cell, Sheet, clip

KINDS = {"csv": "CSV 文本", "txt": "文本"}
_DELIMITERS = (",", "\t", ";")
_BINARY = re.compile(rb"\x00|^%PDF|^\xff\xd8\xff|^GIF8")  # NUL: no text file holds one


def accepts(path: Path, head: bytes) -> bool:
    return path.suffix.lower() in (".csv", ".txt", ".tsv") or not head.startswith(b"\x00")


def kind_of(path: Path, data: bytes) -> str:
    return "csv"


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and the encoding it was in."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif _BINARY.search(data[:65536]):
        raise KnownError(f"“{name}”不是文本文件，也不是 Excel 或 WPS 表格，无法导入。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf"):
            encoding = "utf-8"
        return text, encoding
    raise KnownError(
        f"“{name}”的文字编码无法识别（既不是 UTF-8，也不是 GBK/GB18030）。"
        "请在 Excel 或 WPS 中打开，另存为“CSV UTF-8”或 .xlsx 后再导入。"
    )


def _delimiter(text: str) -> str:
    lines = [line for line in text[:20000].splitlines()[:20] if line.strip()]
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts = [line.count(delimiter) for line in lines]
        if not counts or max(counts) == 0:
            continue
        score = sum(1 for c in counts if c == max(counts))
        if score > best_score:
            best, best_score = delimiter, score
    return best


_LIMIT_LOCK = threading.Lock()  # csv.field_size_limit is the process's


def read(path: Path, data: bytes, sheet: str | None) -> tuple[list[str], Sheet, str]:
    text, encoding = decode(data, path.name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Cell]] = []
    with _LIMIT_LOCK:
        limit = csv.field_size_limit(max(len(text), 131072))
        try:
            for raw in reader:
                row: list[Cell] = [clip(v) if v.strip() else None for v in raw]
                while row and row[-1] is None:
                    row.pop()
                rows.append(row)
        except csv.Error as exc:
            raise KnownError(f"“{path.name}”第 {len(rows) + 1} 行无法读取：{exc}") from None
        finally:
            csv.field_size_limit(limit)
    while rows and not rows[-1]:
        rows.pop()
    name = path.stem
    return [name], Sheet(name, rows), encoding
