"""Small QtCharts panels for the overview and the reports tab: a bar chart of labelled counts and
a pie of shares. Each keeps its figures (``values``) so tests can read what is drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QFontMetrics, QPainter, QPalette, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QToolTip, QVBoxLayout, QWidget

LABEL_PADDING = 10  # px around a category label on the x axis (QtCharts cuts it to fit)
LEGEND_ROWS = 8  # entries in the legend's column before a second column starts
# the height a chart may shrink to: the overview's two rows of charts under four rows of to-dos
# still fit a 1024×768 screen (with 220 the window could not go below 826 px)
CHART_HEIGHT = 180


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setVisible(False)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class BarChartView(QChartView):
    """Counts per label as vertical bars (labels on the x axis, whole numbers on the y axis)."""

    def __init__(self, title: str, color: str = "#3b7dd8", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.color = color
        self.values: list[tuple[str, int]] = []
        self.setChart(_chart(title))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(CHART_HEIGHT)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _fit_labels(self) -> None:
        """The labels across when each fits its bar's width, else upright — never cut to "…"
        as QtCharts does (twelve months in a 420 px chart). A bar's tooltip names it too."""
        axes = self.chart().axes(Qt.Orientation.Horizontal)
        if not axes or not self.values:
            return
        axis = axes[0]
        metrics = QFontMetrics(axis.labelsFont())
        widest = max(metrics.horizontalAdvance(label) for label, _n in self.values)
        top = max(n for _label, n in self.values)
        # the plot's width: the view's less the chart's margins and the y axis's labels
        plot = self.width() - 40 - metrics.horizontalAdvance(f"{top * 10}")
        angle = 0 if widest + LABEL_PADDING <= plot / len(self.values) else -90
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)

    def _hovered(self, inside: bool, index: int, _bars: QBarSet) -> None:
        if inside and 0 <= index < len(self.values):
            label, n = self.values[index]
            QToolTip.showText(QCursor.pos(), f"{label}：{n}", self)
        else:
            QToolTip.hideText()

    def set_values(self, values: Sequence[tuple[str, int]]) -> None:
        self.values = list(values)
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet("")
        bars.setColor(QColor(self.color))
        for _label, n in self.values:
            bars.append(n)
        series = QBarSeries()
        series.append(bars)
        bars.setLabelColor(QColor("#222"))
        series.setLabelsVisible(len(self.values) <= 16)
        series.setLabelsPosition(QBarSeries.LabelsPosition.LabelsInsideEnd)
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append([label for label, _ in self.values] or [""])
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        y = QValueAxis()
        top = max([n for _, n in self.values] or [0])
        y.setRange(0, max(4, int(top * 1.1) + 1))
        y.setTickCount(5)
        y.applyNiceNumbers()  # 0, 5, 10 … rather than 0, 6, 13 …
        y.setLabelFormat("%d")
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
        series.hovered.connect(self._hovered)
        self._fit_labels()


class PieChartView(QWidget):
    """Shares of a whole, each slice in its own colour (e.g. the category's label colour), with
    the legend beside the pie as ordinary labels: each entry is shown whole (QtCharts' own
    legend cut them to "GY…" in a third of a 1024 px window) and says its share as a tooltip."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[tuple[str, int]] = []
        self.view = QChartView(_chart(""))
        # the title over the whole panel (pie and legend), as QtCharts sets a chart's title
        self.title = QLabel(title)
        self.title.setObjectName("pie_title")
        self.title.setFont(self.view.chart().titleFont())
        self.title.setStyleSheet(f"color: {self.view.chart().titleBrush().color().name()};")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setContentsMargins(0, 6, 0, 0)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumSize(160, CHART_HEIGHT)
        self.legend = QWidget()
        self.legend.setObjectName("pie_legend")
        self._legend_grid = QGridLayout(self.legend)
        self._legend_grid.setContentsMargins(0, 0, 8, 0)
        self._legend_grid.setHorizontalSpacing(12)
        # one white panel, the legend beside the pie, set in from the edge as far as the
        # bar charts' panels are (QtCharts draws a chart's background inside its margins)
        chart_layout = self.view.chart().layout()
        left, top, right, bottom = (round(m) for m in chart_layout.getContentsMargins())  # type: ignore[attr-defined]
        chart_layout.setContentsMargins(0, 0, 0, 0)
        panel = QWidget()
        palette = panel.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("white"))
        panel.setPalette(palette)
        panel.setAutoFillBackground(True)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignVCenter)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(0)
        inner.addWidget(self.title)
        inner.addLayout(row, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(left, top, right, bottom)
        layout.addWidget(panel)

    def chart(self) -> QChart:
        return self.view.chart()

    def legend_texts(self) -> list[str]:
        return [label.text() for label in self.legend.findChildren(QLabel, "legend_entry")]

    def set_values(
        self, values: Sequence[tuple[str, int]], colors: Mapping[str, str] | None = None
    ) -> None:
        self.values = [(label, n) for label, n in values if n]
        chart = self.chart()
        chart.removeAllSeries()
        series = QPieSeries()
        for label, n in self.values:
            piece = series.append(label, n)
            if colors and label in colors:
                piece.setColor(QColor(colors[label]))
        chart.addSeries(series)  # the theme colours the slices not given one
        self._fill_legend([(s.label(), int(s.value()), s.color().name()) for s in series.slices()])

    def _fill_legend(self, entries: list[tuple[str, int, str]]) -> None:
        while self._legend_grid.count():
            item = self._legend_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        total = sum(n for _label, n, _colour in entries) or 1
        rows = max(1, -(-len(entries) // 2)) if len(entries) > LEGEND_ROWS else LEGEND_ROWS
        for i, (label, n, colour) in enumerate(entries):
            row, column = i % rows, 2 * (i // rows)
            swatch = QLabel()
            swatch.setFixedSize(12, 12)
            swatch.setStyleSheet(f"background: {colour}; border: 1px solid #888;")
            text = QLabel(f"{label}  {n}")
            text.setObjectName("legend_entry")
            text.setToolTip(f"{label}：{n}（{n * 100 / total:.1f}%）")
            self._legend_grid.addWidget(swatch, row, column)
            self._legend_grid.addWidget(text, row, column + 1)
