"""A few rows computed by a service, with one more column the user writes in: a note per row
(the reason an original is not back at the day close, say). The notes are kept by row key, so
reading the rows again keeps what was written for the rows still there."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from archive_desk.ui.models.rows import Index, RowsModel


class NotedRowsModel(RowsModel):
    """:class:`RowsModel` with an editable last column ``note_header``."""

    def __init__(self, headers: Sequence[str], note_header: str) -> None:
        super().__init__([*headers, note_header])
        self.keys: list[int] = []
        self.notes: dict[int, str] = {}

    def set_keyed_rows(self, rows: Sequence[tuple[int, Sequence[Any]]]) -> None:
        """``rows`` as (key, values); notes of keys no longer listed are dropped."""
        self.keys = [key for key, _values in rows]
        self.notes = {k: v for k, v in self.notes.items() if k in set(self.keys)}
        self.set_rows([(*values, "") for _key, values in rows])

    def note_column(self) -> int:
        return len(self.headers) - 1

    def filled_notes(self) -> dict[int, str]:
        """The notes written so far, by key (blank ones left out)."""
        return {k: v for k, v in self.notes.items() if v.strip()}

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == self.note_column():
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return self.notes.get(self.keys[index.row()], "")
            return None
        return super().data(index, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.note_column():
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.note_column():
            return False
        if role != Qt.ItemDataRole.EditRole:
            return False
        self.notes[self.keys[index.row()]] = str(value or "")
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
        return True

    def set_note(self, row: int, text: str) -> bool:
        return self.setData(self.index(row, self.note_column(), QModelIndex()), text)
