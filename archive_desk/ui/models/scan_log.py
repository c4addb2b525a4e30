"""The scan screen's last results, the newest first, each row in its result's colour.

A scan adds one row at the top (:meth:`ScanLogModel.add`): no reload, so the answer is in the
model the moment the service has given it. At most :attr:`ScanLogModel.limit` rows are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex

# a result's colour on the screen (a refused entry — an empty line, a garbled scan — is grey)
COLOURS = {
    "in_place": "#c8e6c9",
    "elsewhere": "#ffe0b2",
    "on_loan": "#e1bee7",
    "unknown": "#ffcdd2",
    "destroyed": "#ef9a9a",
    "duplicate": "#fff59d",
    "refused": "#e0e0e0",
}


@dataclass(frozen=True)
class LogRow:
    """One line of the log: when, the code, the folder's name, the result (its code and words),
    where the card says the folder is kept, and the inventory's line (None for a refusal)."""

    time: str
    code: str
    name: str
    result: str
    result_label: str
    recorded: str
    item_id: int | None


class ScanLogModel(QAbstractTableModel):
    limit = 200

    def __init__(self, headers: Sequence[str]) -> None:
        super().__init__()
        self.headers = list(headers)
        self.rows: list[LogRow] = []
        self._colours = {code: QColor(colour) for code, colour in COLOURS.items()}

    def add(self, row: LogRow) -> None:
        """A new result on top."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self.rows.insert(0, row)
        self.endInsertRows()
        if len(self.rows) > self.limit:
            self.beginRemoveRows(QModelIndex(), self.limit, len(self.rows) - 1)
            del self.rows[self.limit :]
            self.endRemoveRows()

    def set_rows(self, rows: Sequence[LogRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)[: self.limit]
        self.endResetModel()

    def row_at(self, row: int) -> LogRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (row.time, row.code, row.name, row.result_label, row.recorded)[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._colours.get(row.result)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
