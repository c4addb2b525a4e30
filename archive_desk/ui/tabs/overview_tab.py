"""The first thing the clerk sees: what waits for her today, each with its count and a click to
the list behind it, and charts of loans per month and cards per region and category."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk.permissions import Actor
from archive_desk.ui import background
from archive_desk.ui.context import AppContext

if TYPE_CHECKING:
    from archive_desk import reporting
    from archive_desk.procedures.todos import Todo
    from archive_desk.ui.widgets.charts import BarChartView, PieChartView

COLUMNS = 5  # the clerk's ten to-dos in two rows: the charts keep their room on 768 px


def _read_figures(actor: Actor) -> reporting.Figures:
    # (already imported by archive_desk.ui, before PySide6: see there)
    from archive_desk import reporting

    return reporting.figures(actor)


_STYLE = {
    "urgent": "QPushButton { color: #b00020; font-weight: bold; text-align: left; padding: 8px; }",
    "open": "QPushButton { color: #1f4e99; text-align: left; padding: 8px; }",
    "done": "QPushButton { color: #888; text-align: left; padding: 8px; }",
}


class OverviewTab(QWidget):
    open_todo = Signal(object)  # an Todo: the main window opens the list behind it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.todos: list[Todo] = []
        self.buttons: dict[str, QPushButton] = {}
        self._stale = True

        self.greeting = QLabel()
        self.greeting.setObjectName("overview_greeting")
        self.greeting.setStyleSheet("font-size: 13pt;")
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.setObjectName("overview_refresh")
        refresh.setToolTip("F5")
        refresh.clicked.connect(lambda _c=False: self.refresh())
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh)
        head = QHBoxLayout()
        head.addWidget(self.greeting, 1)
        head.addWidget(refresh)

        self.todo_box = QGroupBox(self.tr("To do"))
        self.todo_box.setObjectName("overview_todos")
        self.todo_grid = QGridLayout(self.todo_box)

        # the charts (and QtCharts) are made with the first figures, not with the window
        self.loans_chart: BarChartView | None = None
        self.region_chart: BarChartView | None = None
        self.category_chart: PieChartView | None = None
        self.charts = QGridLayout()

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.todo_box)
        layout.addLayout(self.charts, 1)

    # The figures are read when the tab is shown (and on F5), not while the window is built.
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # the window first, then its figures
            self._stale = False
            QTimer.singleShot(0, self.refresh)

    def on_changes(self, _batch: dict[str, frozenset[int]]) -> None:
        """Something was changed: read the figures now if they show, else when the tab does."""
        if self.isVisible():
            self.refresh()
        else:
            self.mark_stale()

    def mark_stale(self) -> None:
        """Something may have changed elsewhere: read the figures again when the tab shows."""
        self._stale = True

    def refresh(self) -> None:
        """Read the figures again: off the GUI thread, shown when they arrive (the window and
        the other tabs stay usable meanwhile; at 1,000,000 loans the counts take ~60 ms)."""
        self._stale = False
        today = self.ctx.clock.today()
        self.greeting.setText(
            self.tr("Today is %1, %2. Hello, %3.")
            .replace("%1", f"{today:%Y-%m-%d}")
            .replace("%2", self._weekday(today.weekday()))
            .replace("%3", self.ctx.actor.full_name)
        )
        background.submit(self, "figures", partial(_read_figures, self.ctx.actor), self._show)

    def _show(self, figures: reporting.Figures) -> None:
        if not self.isVisibleTo(self.window()):
            self._stale = True  # the clerk went to another tab meanwhile: read again on return
            return
        self._show_todos(figures.todos)
        loans, regions, categories = self._make_charts()
        loans.set_values([(m[2:], n) for m, n in figures.loans_per_month])
        shares = figures.shares
        regions.set_values(shares.by_region)
        categories.set_values(
            [(label, n) for label, n, _c in shares.by_category],
            {label: color for label, _n, color in shares.by_category},
        )

    def _make_charts(self) -> tuple[BarChartView, BarChartView, PieChartView]:
        if self.loans_chart is None or self.region_chart is None or self.category_chart is None:
            from archive_desk.ui.widgets.charts import BarChartView, PieChartView

            self.loans_chart = BarChartView(self.tr("Cards lent per month"))
            self.loans_chart.setObjectName("chart_loans_per_month")
            self.region_chart = BarChartView(self.tr("Cards in the room by region"), "#2e8b57")
            self.region_chart.setObjectName("chart_cards_per_region")
            self.category_chart = PieChartView(self.tr("Cards in the room by category"))
            self.category_chart.setObjectName("chart_cards_per_category")
            self.charts.addWidget(self.loans_chart, 0, 0, 1, 2)
            self.charts.addWidget(self.region_chart, 1, 0)
            self.charts.addWidget(self.category_chart, 1, 1)
        return self.loans_chart, self.region_chart, self.category_chart

    def _weekday(self, n: int) -> str:
        return (
            self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
            self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"),
        )[n]  # fmt: skip

    def _show_todos(self, todos: list[Todo]) -> None:
        while self.todo_grid.count():
            item = self.todo_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.todos = todos
        self.buttons = {}
        for n, todo in enumerate(todos):
            button = QPushButton(f"{todo.count}   {todo.label}")
            button.setObjectName(f"todo_{todo.key}")
            button.setToolTip(todo.hint)
            button.setFlat(todo.count == 0)
            state = "done" if todo.count == 0 else ("urgent" if todo.urgent else "open")
            button.setProperty("state", state)
            button.setStyleSheet(_STYLE[state])
            button.setMinimumHeight(40)
            button.clicked.connect(lambda _c=False, t=todo: self.open_todo.emit(t))
            self.todo_grid.addWidget(button, n // COLUMNS, n % COLUMNS)
            self.buttons[todo.key] = button
        if not todos:
            label = QLabel(self.tr("Nothing for your role here."))
            self.todo_grid.addWidget(label, 0, 0)
