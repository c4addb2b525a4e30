"""The main window fits a 1024×768 screen with every tab built, and nothing in it is cut: no
button or tab squeezed below its text, every chart label and legend entry shown whole.

The window would not go below 1,041 px (the cards tab's eight filters side by side), and the
overview's category pie showed "GY…"; these tests build the demo archive and look at each tab
the way a clerk at a 1024×768 screen sees it, in Chinese (and English, which is longer)."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import QCoreApplication, QRect, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QPushButton,
    QTabBar,
    QWidget,
)

from archive_desk import accounts, demo
from archive_desk.ui import app as gui_app
from archive_desk.ui.context import AppContext
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.widgets.charts import BarChartView, PieChartView
from archive_desk.ui.widgets.flow import FlowLayout

SCREEN = (1024, 768)


def test_a_flow_row_wraps_instead_of_widening_and_keeps_its_right_end(qtbot) -> None:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    row = FlowLayout(host)
    buttons = [QPushButton(f"按钮 {i} 的文字") for i in range(6)]
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    tail = QComboBox()
    tail.addItem("全部")
    row.addWidget(tail)
    widest = max(b.sizeHint().width() for b in [*buttons, tail])
    assert row.minimumSize().width() == widest + 2 * row.contentsMargins().left()
    host.resize(row.sizeHint().width() + 200, 60)
    host.show()
    qtbot.waitExposed(host)
    assert len({b.y() for b in buttons}) == 1  # one line when there is room
    assert tail.geometry().right() == host.contentsRect().right() - row.contentsMargins().right()
    host.resize(widest * 2 + 40, row.heightForWidth(widest * 2 + 40))
    qtbot.wait(10)
    assert len({b.y() for b in buttons}) == 3  # two a line
    assert all(b.width() >= b.sizeHint().width() for b in buttons)
    assert all(host.rect().contains(b.geometry()) for b in [*buttons, tail])


def _show_every_tab(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(1)
        tab = window._built.get("overview_tab")
        if tab is not None and window.tabs.currentWidget() is tab:
            qtbot.waitUntil(lambda t=tab: t.category_chart is not None, timeout=5000)


def _cut(window: MainWindow) -> list[str]:
    """Every control on the current tab shown narrower than its text, and every chart label
    or legend entry not shown whole."""
    found: list[str] = []
    page = window.tabs.currentWidget()
    for widget in [*page.findChildren(QWidget), *window.statusBar().findChildren(QLabel)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QAbstractButton) and widget.width() < widget.sizeHint().width():
            found.append(f"button {widget.objectName()} {widget.text()!r}")
        elif isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            if widget.width() < widget.minimumSizeHint().width():
                found.append(f"label {widget.objectName()} {widget.text()!r}")
        elif isinstance(widget, QTabBar):
            metrics = widget.fontMetrics()
            for i in range(widget.count()):
                text = widget.tabText(i).replace("&", "")
                if widget.tabRect(i).width() < metrics.horizontalAdvance(text) + 8:
                    found.append(f"tab {text!r}")
        elif isinstance(widget, BarChartView):
            found += _bar_labels_cut(widget)
        elif isinstance(widget, PieChartView):
            for entry in widget.legend.findChildren(QLabel, "legend_entry"):
                if entry.width() < entry.sizeHint().width() or not _inside(entry, widget):
                    found.append(f"legend {entry.text()!r}")
    return found


def _inside(widget: QWidget, outer: QWidget) -> bool:
    rect = QRect(widget.mapTo(outer, widget.rect().topLeft()), widget.size())
    return outer.rect().contains(rect)


def _bar_labels_cut(view: BarChartView) -> list[str]:
    """The x axis's labels against the room QtCharts gives each (it cuts a label to "…")."""
    chart = view.chart()
    axes = chart.axes()
    if not view.values or not axes:
        return []
    axis = next(a for a in axes if a.orientation().name == "Horizontal")
    metrics = QFontMetrics(axis.labelsFont())
    slot = chart.plotArea().width() / len(view.values)
    widest = max(metrics.horizontalAdvance(label) for label, _n in view.values)
    below = chart.size().height() - chart.plotArea().bottom()
    if axis.labelsAngle() == 0:
        fits = widest + 8 <= slot
    else:  # upright: a line's height across, the label's length down
        fits = metrics.height() + 4 <= slot and widest <= below
    return (
        [] if fits else [f"chart {view.objectName()}: labels of {widest} px, slots of {slot:.0f}"]
    )


@pytest.mark.parametrize(
    ("username", "language"), [("lihua", "zh_CN"), ("admin", "zh_CN"), ("lihua", "en")]
)
def test_every_tab_fits_1024x768_with_nothing_cut(
    qtbot, db, db_path, clock, prefs, username, language
) -> None:  # type: ignore[no-untyped-def]
    demo.populate(clock=clock, cards_count=40, loans=30)
    actor = accounts.login(username, demo.DEMO_PASSWORD, clock=clock)
    # a database deep in a long folder path: the status bar shows it shortened
    deep = db_path.parent / ("档案室" * 12) / ("archive-desk-" * 6) / "archive-desk.db"
    translator = QTranslator()
    if language != "en":
        assert translator.load(str(gui_app.translation_file(language)))
        QCoreApplication.installTranslator(translator)
    try:
        window = MainWindow(AppContext(location=deep, actor=actor, clock=clock), prefs)
        qtbot.addWidget(window)
        window.resize(*SCREEN)
        window.show()
        qtbot.waitExposed(window)
        _show_every_tab(qtbot, window)
        assert sorted(window.built_tabs()) == sorted(
            window.tabs.widget(i).objectName() for i in range(window.tabs.count())
        )
        hint = window.minimumSizeHint()
        assert hint.width() <= SCREEN[0] and hint.height() <= SCREEN[1], hint
        cut: list[str] = []
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            window.resize(*SCREEN)
            # a label's new text (a count read off the GUI thread) is laid out a moment later;
            # what is still cut then is told below
            with contextlib.suppress(qtbot.TimeoutError):
                qtbot.waitUntil(lambda: not _cut(window), timeout=2000)
            assert window.width() == SCREEN[0]
            cut += [f"{window.tabs.tabText(index)}: {c}" for c in _cut(window)]
        assert not cut, cut
        overview = window._built.get("overview_tab")
        if overview is not None:  # the category pie's legend: each entry whole, in its own label
            pie = overview.category_chart
            assert pie.values and pie.legend_texts() == [f"{c}  {n}" for c, n in pie.values]
        assert window.db_label.toolTip() == str(deep)
        window.close()
    finally:
        QCoreApplication.removeTranslator(translator)
