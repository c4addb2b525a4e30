"""Small form fields every dialog uses: a date entry with its calendar and the date it holds,
a label that wraps instead of widening the dialog."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QLabel


def date_edit(name: str, value: dt.date) -> QDateEdit:
    """A date entry found by ``name``, showing ``value`` as yyyy-MM-dd, with a calendar."""
    edit = QDateEdit(QDate(value.year, value.month, value.day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def to_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def wrapped(text: str = "", name: str = "") -> QLabel:
    """A label that wraps its text (found by ``name`` when one is given)."""
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label
