"""The scan screen of an inventory (盘点): one large input the scanner types into (or the clerk
types a number and Enter), the answer at once in colour and words, the running counts, the last
results; everything from the keyboard alone:

- Enter: scan (the input keeps the focus, always);
- Ctrl+M: move the folder of the selected (or the last misplaced) result here;
- Ctrl+R: record a finding for it;
- Ctrl+T: add a forgotten tray; Ctrl+P: pause and close the screen;
- Ctrl+E: end the inventory; Esc (input empty): close the screen, the inventory stays open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from archive_desk import inspection as ins
from archive_desk.errors import KnownError
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.inspection_dialogs import LocationDialog
from archive_desk.ui.models.scan_log import COLOURS, LogRow, ScanLogModel
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.widgets.flow import FlowLayout
from archive_desk.ui.widgets.search_box import SearchBox

INPUT_STYLE = "font-size: 22pt; padding: 6px;"
NEUTRAL = "#eeeeee"


class ScanDialog(QDialog):
    def __init__(
        self, ctx: AppContext, view: ins.InventoryView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scan_dialog")
        self.setWindowTitle(self.tr("Inventory %1 — scanning").replace("%1", view.number))
        self.ctx, self.view = ctx, view
        self.header = QLabel()
        self.header.setObjectName("scan_header")
        self.header.setWordWrap(True)
        self.input = SearchBox()
        self.input.setObjectName("scan_input")
        self.input.setStyleSheet(INPUT_STYLE)
        self.input.setPlaceholderText(self.tr("Scan a folder label, or type its number and Enter"))
        self.input.activated.connect(self.scan)
        self.input.scanned.connect(self.scan)
        self.answer_label = QLabel(self.tr("Ready: scan the first folder."))
        self.answer_label.setObjectName("scan_result")
        self.answer_label.setWordWrap(True)
        self.answer_label.setMinimumHeight(64)
        # the answer's colour through the palette: a style sheet set at every scan cost more
        # than the scan's own statements (~0.1 ms, measured in the scan row of make bench)
        font = self.answer_label.font()
        font.setPointSizeF(15)
        self.answer_label.setFont(font)
        self.answer_label.setContentsMargins(10, 10, 10, 10)
        self.answer_label.setAutoFillBackground(True)
        self._palettes = {code: self._palette(colour) for code, colour in COLOURS.items()}
        self._palettes["neutral"] = self._palette(NEUTRAL)
        self.answer_label.setPalette(self._palettes["neutral"])
        self.counts = QLabel()
        self.counts.setObjectName("scan_counts")
        self.counts.setWordWrap(True)
        self.log = ScanLogModel(
            [self.tr("Time"), self.tr("Archive no."), self.tr("Customer"), self.tr("Result"),
             self.tr("Recorded at")]
        )  # fmt: skip
        self.table = QTableView()
        self.table.setObjectName("scan_log")
        self.table.setModel(self.log)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # the input keeps the keyboard
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((76, 110, 220, 110)):
            self.table.setColumnWidth(column, width)
        buttons = FlowLayout()
        for name, text, slot in (
            ("scan_move", self.tr("Move here (Ctrl+M)"), self.move_here),
            ("scan_finding", self.tr("Record finding (Ctrl+R)"), self.record_finding),
            ("scan_tray", self.tr("Add tray… (Ctrl+T)"), self.add_tray),
            ("scan_pause", self.tr("Pause (Ctrl+P)"), self.pause),
            ("scan_close_inventory", self.tr("End inventory… (Ctrl+E)"), self.close_inventory),
            ("scan_done", self.tr("Close window (Esc)"), self.reject),
        ):
            button = action_button(name, text, slot)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            buttons.addWidget(button)
        for keys, slot in (
            ("Ctrl+M", self.move_here),
            ("Ctrl+R", self.record_finding),
            ("Ctrl+T", self.add_tray),
            ("Ctrl+P", self.pause),
            ("Ctrl+E", self.close_inventory),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.input)
        layout.addWidget(self.answer_label)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addLayout(buttons, 1)
        layout.addLayout(row)
        self._show_view(view)
        self.log.set_rows([self._row(i) for i in ins.last_scans(ctx.actor, view.id)])
        self.resize(900, 640)
        self.input.setFocus()

    # -- what the screen shows --------------------------------------------------------------
    def _show_view(self, view: ins.InventoryView) -> None:
        self.view = view
        trays = (
            "；" + self.tr("trays added: %1").replace("%1", "、".join(view.trays))
            if view.trays
            else ""
        )
        self.header.setText(f"<b>{view.number}</b>　{view.scope_label}{trays}　{view.state_label}")
        self.totals = dict(view.counts)
        self.pending, self.repeats = view.pending, view.repeats
        self._show_counts()

    def _show_counts(self) -> None:
        shown = [
            self.tr("Listed %1 (on loan at the start %2)")
            .replace("%1", str(self.view.expected))
            .replace("%2", str(self.view.lent_at_start)),
        ]
        for result in (ins.ScanResult.IN_PLACE, ins.ScanResult.ELSEWHERE, ins.ScanResult.ON_LOAN,
                       ins.ScanResult.UNKNOWN, ins.ScanResult.DESTROYED):  # fmt: skip
            shown.append(f"{result.label} {self.totals.get(result, 0)}")
        shown.append(f"{ins.ScanResult.DUPLICATE.label} {self.repeats}")
        shown.append(self.tr("Not yet scanned %1").replace("%1", str(self.pending)))
        self.counts.setText("　·　".join(shown))

    def _palette(self, colour: str) -> QPalette:
        palette = QPalette(self.answer_label.palette())
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
        return palette

    def _show(self, result: str, message: str) -> None:
        self.answer_label.setText(message)
        self.answer_label.setProperty("result", result)
        self.answer_label.setPalette(self._palettes.get(result, self._palettes["neutral"]))

    def _row(self, item: ins.ItemView) -> LogRow:
        time = f"{item.last_scan_at:%H:%M:%S}" if item.last_scan_at else ""
        label = item.result_label + (f"（{item.action_label}）" if item.action_label else "")
        result = item.result.value if item.result else "refused"
        return LogRow(time, item.code, item.name, result, label, item.recorded_location, item.id)

    # -- scanning -----------------------------------------------------------------------------
    def scan(self, text: str) -> ins.ScanAnswer | None:
        """One entry: the service answers, the answer shows, the counts and the log follow."""
        try:
            answer = ins.scan(self.ctx.actor, self.view.id, text)
        except KnownError as exc:
            self._show("refused", exc.message)
            self.log.add(
                LogRow("", text.strip()[:40], "", "refused", self.tr("Not recorded"), "", None)
            )
            self.input.clear()
            return None
        result = answer.result
        if result == ins.ScanResult.DUPLICATE:
            self.repeats += 1
        elif answer.first:
            self.totals[result] = self.totals.get(result, 0) + 1
            if answer.expected:
                self.pending -= 1
        self.log.add(
            LogRow(f"{answer.at:%H:%M:%S}", answer.code, answer.name, result.value, result.label,
                   answer.recorded, answer.item_id)
        )  # fmt: skip
        self._show(result.value, answer.message)
        self._show_counts()
        self.input.clear()
        self.input.setFocus()
        return answer

    # -- acting on a result -------------------------------------------------------------------
    def _target(self, *results: str) -> LogRow | None:
        """The selected result, else the newest of ``results``."""
        selected = self.table.selectionModel().selectedRows()
        if selected:
            row = self.log.row_at(selected[0].row())
            if row is not None and row.item_id is not None:
                return row
        return next((r for r in self.log.rows if r.result in results and r.item_id), None)

    def _done(self, item: ins.ItemView, message: str) -> None:
        for n, row in enumerate(self.log.rows):
            if row.item_id == item.id:
                self.log.rows[n] = self._row(item)
                index = self.log.index(n, 3)
                self.log.dataChanged.emit(index, index)
        self._show("in_place", message)
        self.input.setFocus()

    def move_here(self) -> ins.ItemView | None:
        row = self._target("elsewhere")
        if row is None or row.item_id is None:
            self._show("refused", self.tr("No misplaced folder to move."))
            return None
        item_id = row.item_id
        if self.view.scope.kind == ins.ScopeKind.LOCATION:
            done = messages.call(self, ins.move_here, self.ctx.actor, self.view.id, item_id)
        else:
            dialog = LocationDialog(
                self.tr("Where is the folder kept?"), self.tr("Location of %1:").replace("%1", row.code),
                lambda loc: ins.move_here(self.ctx.actor, self.view.id, item_id, loc), self,
            )  # fmt: skip
            done = dialog.result_view if dialog.exec() else None
        if done is not None:
            self._done(
                done,
                self.tr("%1 is now recorded at %2.")
                .replace("%1", done.code)
                .replace("%2", self.view.place),
            )
        return done

    def record_finding(self) -> ins.ItemView | None:
        row = self._target("elsewhere", "on_loan")
        if row is None or row.item_id is None:
            self._show("refused", self.tr("Select a result to record a finding for."))
            return None
        done = messages.call(self, ins.item_finding, self.ctx.actor, self.view.id, row.item_id)
        if done is not None:
            self._done(done, self.tr("Finding recorded for %1.").replace("%1", done.code))
        return done

    def add_tray(self) -> ins.InventoryView | None:
        dialog = LocationDialog(
            self.tr("Add a forgotten tray"),
            self.tr("Its folders join the list; what was scanned stays."),
            lambda loc: ins.add_tray(self.ctx.actor, self.view.id, self.view.version, loc),
            self,
        )
        done = dialog.result_view if dialog.exec() else None
        if done is not None:
            self._show_view(done)
        self.input.setFocus()
        return done

    def pause(self) -> ins.InventoryView | None:
        done = messages.call(
            self, ins.pause_inventory, self.ctx.actor, self.view.id, self.view.version
        )
        if done is not None:
            self.view = done
            self.accept()
        return done

    def close_inventory(self) -> ins.InventoryView | None:
        done = messages.call(
            self, ins.close_inventory, self.ctx.actor, self.view.id, self.view.version
        )
        if done is not None:
            self.view = done
            self.accept()
        return done
