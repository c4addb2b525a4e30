"""Printed forms (PDF, on one toolkit) and Excel workbooks. Qt-free.

- :mod:`archive_desk.forms.fonts` finds and registers the Chinese font PDFs embed;
- :mod:`archive_desk.forms.toolkit` is the declarative layer every A4 form and label sheet uses;
- :mod:`archive_desk.forms.excel` writes safe, printable workbooks.

Forms receive plain data (lists, dicts, dataclasses), never database objects, and save through
:mod:`archive_desk.atomicfile`. This module only holds what both PDF and Excel need.
"""

from __future__ import annotations

import unicodedata


def display_width(text: str) -> int:
    """Width of ``text`` in half-width cells: CJK and full-width characters count 2.

    Used for column widths of PDF tables and workbook sheets; for a multi-line text the widest
    line counts.
    """
    if text.isascii():
        return max(len(line) for line in text.split("\n"))
    widest = 0
    for line in text.split("\n"):
        width = 0
        for ch in line:
            width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        widest = max(widest, width)
    return widest
