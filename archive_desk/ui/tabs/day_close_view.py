"""The day-close view of the borrowing tab (闭馆清点): the originals still out, each with a
reason the clerk writes in, and the button that closes the day. Opening it closes nothing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from archive_desk import borrowing
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.noted import NotedRowsModel
from archive_desk.ui.tables import list_view
from archive_desk.ui.widgets.buttons import action_button


def _when(value: dt.datetime) -> str:
    return f"{value:%Y-%m-%d %H:%M}"


class DayCloseView(QWidget):
    back = Signal()  # to the borrowing list
    closed = Signal()  # the day was closed
    return_requested = Signal(int)  # the borrowing of the chosen original, to be taken back

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[borrowing.InRoomRow] = []
        self.title = QLabel()
        self.title.setObjectName("day_close_title")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold;")
        self.model = NotedRowsModel(
            [self.tr("Archive no."), self.tr("Customer"), self.tr("Borrower"), self.tr("Department"),
             self.tr("Mode"), self.tr("Lent at"), self.tr("Due"), self.tr("Application no.")],
            self.tr("Why not back (double-click to write)"),
        )  # fmt: skip
        self.table = list_view(
            "day_close_table",
            self.model,
            widths=(95, 170, 60, 75, 45, 120, 85, 95),
            row_height=26,
        )
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.confirm = action_button("close_day_confirm", self.tr("&Close the day"), self.close_day)
        buttons = QHBoxLayout()
        buttons.addWidget(
            action_button("day_close_back", self.tr("&Back to the list"), self.back.emit)
        )
        buttons.addWidget(
            action_button("day_close_return", self.tr("&Return…"), self.return_selected)
        )
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def load(self) -> None:
        """Read the originals still out again (the reasons written for them stay)."""
        rows = messages.call(self, borrowing.in_room_not_back, self.ctx.actor)
        self.rows = rows or []
        self.model.set_keyed_rows(
            [(r.id, (r.archive_no, r.card_name, r.borrower_name, r.borrower_department, r.mode,
                     _when(r.lent_at), r.due_date.isoformat(), r.number)) for r in self.rows]
        )  # fmt: skip
        today = self.ctx.clock.today()
        if borrowing.day_closed(today):
            text = self.tr("The day %1 is closed.")
        elif self.rows:
            text = self.tr(
                "Before closing on %1: %2 originals are not back. Take each back (Return…) or "
                "write why it is still out, then close the day."
            )
        else:
            text = self.tr("Every original is back on %1: the day can be closed.")
        self.title.setText(
            text.replace("%1", f"{today:%Y-%m-%d}").replace("%2", str(len(self.rows)))
        )
        self.confirm.setEnabled(not borrowing.day_closed(today))

    def return_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            messages.info(self, self.tr("Select an original first."))
            return
        self.return_requested.emit(self.rows[rows[0].row()].borrowing_id)

    def close_day(self) -> bool:
        """Close the day with the reasons written; a missing reason is refused and shown."""
        if not messages.attempt(
            self, borrowing.close_day, self.ctx.actor, self.model.filled_notes()
        ):
            return False
        messages.info(self, self.tr("The day is closed."))
        self.load()
        self.closed.emit()
        return True
