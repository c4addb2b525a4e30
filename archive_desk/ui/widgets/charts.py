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
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget


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
        self.setMinimumHeight(220)

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


class PieChartView(QChartView):
    """Shares of a whole, each slice in its own colour (e.g. the category's label colour)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.values: list[tuple[str, int]] = []
        chart = _chart(title)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setChart(chart)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(220)

    def set_values(
        self, values: Sequence[tuple[str, int]], colors: Mapping[str, str] | None = None
    ) -> None:
        self.values = [(label, n) for label, n in values if n]
        chart = self.chart()
        chart.removeAllSeries()
        series = QPieSeries()
        for label, n in self.values:
            piece = series.append(f"{label}  {n}", n)
            if colors and label in colors:
                piece.setColor(QColor(colors[label]))
        chart.addSeries(series)
