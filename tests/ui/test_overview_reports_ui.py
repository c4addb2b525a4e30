"""The overview tab (to-dos opening their lists, charts) and the reports tab (summary on screen,
workbooks through the progress worker, cancel leaving no file), in the real main window."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QProgressDialog, QPushButton, QTableView

from archive_desk import borrowing as bw
from archive_desk import borrowing as reports
from archive_desk import cards
from archive_desk import cards as card_stats
from archive_desk import reporting as overview
from archive_desk.ui.main_window import MainWindow
from tests.deskkit import build_desk
from tests.ui.conftest import child


@pytest.fixture
def window(qtbot, clerk, make_user, clock, make_ctx, prefs):  # type: ignore[no-untyped-def]
    build_desk(clerk, make_user, clock)
    win = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: bool(win.overview_tab.todos))  # counted just after the window shows
    return win


def test_overview_is_first_and_counts_what_the_service_counts(window, clerk) -> None:  # type: ignore[no-untyped-def]
    assert window.tabs.currentWidget() is window.overview_tab
    for todo in overview.todos(clerk):
        button = child(window, QPushButton, f"todo_{todo.key}")
        assert button.text().split()[0] == str(todo.count), todo.key
        assert todo.label in button.text()
    assert child(window, QPushButton, "todo_overdue").property("state") == "urgent"
    assert child(window, QPushButton, "todo_handovers").property("state") == "done"
    loans = window.overview_tab.loans_chart.values
    assert [n for _, n in loans] == [n for _, n in overview.loans_per_month(clerk, 12)]
    assert loans[-1] == ("26-03", 1)
    regions = dict(window.overview_tab.region_chart.values)
    assert regions == {"华北": 5}  # every card of the desk is filed under 北京
    assert dict(window.overview_tab.category_chart.values) == {"GY 工业客户": 5}


def test_each_todo_opens_the_list_behind_it(window, qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    child(window, QPushButton, "todo_overdue").click()
    assert window.tabs.currentWidget() is window.borrowing_tab
    assert child(window, QComboBox, "borrowing_filter").currentData() == "overdue"
    table = child(window, QTableView, "borrowing_table")
    assert table.model().rowCount() == bw.count_borrowings(clerk, "overdue") == 2

    window.tabs.setCurrentWidget(window.overview_tab)
    child(window, QPushButton, "todo_due_today").click()
    assert child(window, QComboBox, "borrowing_filter").currentData() == "due_today"
    assert table.model().rowCount() == 1

    window.tabs.setCurrentWidget(window.overview_tab)
    child(window, QPushButton, "todo_review_due").click()
    assert window.tabs.currentWidget() is window.cards_tab
    combo = child(window, QComboBox, "filter_review_due_since")
    assert combo.currentData() == dt.date(2026, 2, 1)
    card_table = child(window, QTableView, "card_table")
    assert card_table.model().rowCount() == 4

    window.tabs.setCurrentWidget(window.overview_tab)
    child(window, QPushButton, "todo_retention_due").click()  # the retention tab's due list
    assert window.tabs.currentWidget() is window.retention_tab
    assert child(window, QComboBox, "due_months").currentData() == 0
    assert child(window, QTableView, "due_table").model().rowCount() == 1


def test_marking_cards_reviewed_lowers_the_count_on_return(window, qtbot, clerk, sink) -> None:  # type: ignore[no-untyped-def]
    child(window, QPushButton, "todo_review_due").click()
    table = child(window, QTableView, "card_table")
    table.selectAll()
    assert window.cards_tab.mark_reviewed() == 4
    assert table.model().rowCount() == 0  # the filter still shows what is due: nothing
    window.tabs.setCurrentWidget(window.overview_tab)
    qtbot.waitUntil(lambda: window.overview_tab.buttons["review_due"].text().startswith("0 "))
    assert cards.count_cards(clerk, cards.CardFilter(review_due_since=dt.date(2026, 2, 1))) == 0


def test_mark_reviewed_without_a_selection_says_so(window, sink) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.cards_tab)
    child(window, QTableView, "card_table").clearSelection()
    assert window.cards_tab.mark_reviewed() == 0
    assert sink.texts("info") == ["Select the cards you have reviewed first."]


def test_an_approver_sees_her_own_todos_and_no_clerk_buttons(
    qtbot, clerk, make_user, clock, make_ctx, prefs
) -> None:  # type: ignore[no-untyped-def]
    desk = build_desk(clerk, make_user, clock)
    win = MainWindow(make_ctx(desk["head"]), prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: bool(win.overview_tab.buttons))
    assert [b.objectName() for b in win.overview_tab.buttons.values()] == [
        "todo_pending_approvals",
        "todo_handovers",
    ]
    assert child(win, QPushButton, "todo_pending_approvals").text().startswith("1 ")


def test_the_admin_has_no_overview_or_reports(qtbot, admin, make_ctx, prefs) -> None:  # type: ignore[no-untyped-def]
    win = MainWindow(make_ctx(admin), prefs)
    qtbot.addWidget(win)
    assert win.overview_tab is None and win.reports_tab is None
    assert win.tabs.currentWidget() is win.cards_tab


def _reports(window):  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(window.reports_tab)
    return window.reports_tab


def test_reports_tab_shows_the_month_and_the_statistics(window, clerk) -> None:  # type: ignore[no-untyped-def]
    tab = _reports(window)
    assert tab.selected_month() == "2026-02"  # last month by default
    report = tab.show_monthly()
    expected = reports.build_report(clerk, "2026-02")
    assert report is not None and report.by_department == expected.by_department
    model = child(window, QTableView, "monthly_summary").model()
    assert model.rowCount() == len(expected.by_department) + len(expected.by_mode)
    assert [model.index(0, c).data() for c in range(6)] == [
        "Department",
        "销售一部",
        "1",
        "0",
        "0",
        "2",
    ]
    assert tab.daily_chart.values == [("25", 1)]
    # statistics were counted when the tab was first shown
    stats = card_stats.card_statistics(clerk)
    assert tab.stats is not None and tab.stats.total == stats.total == 5
    assert tab.stats_model.rows == stats.new_per_month
    combo = child(window, QComboBox, "stats_dimension")
    combo.setCurrentIndex(combo.findData("grade"))
    assert tab.stats_model.rows == stats.by_grade
    combo.setCurrentIndex(combo.findData("retention"))
    assert tab.stats_model.rows[0][1] == 1


def test_exports_write_whole_workbooks(window, tmp_path, sink) -> None:  # type: ignore[no-untyped-def]
    tab = _reports(window)
    out = tab.export_monthly(str(tmp_path / "月报.xlsx"))
    assert out is not None
    assert load_workbook(out).sheetnames == ["明细", "汇总", "未归还", "逾期", "未出借申请"]
    stats_out = tab.export_statistics(str(tmp_path / "统计.xlsx"))
    assert stats_out is not None
    assert load_workbook(stats_out).sheetnames == ["每月新增", "分类统计", "保管到期"]
    assert len(sink.texts("info")) == 2


def test_a_cancelled_export_leaves_no_file_and_no_message(
    window, tmp_path, sink, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """The real worker and dialog: the export waits, the clerk presses Cancel, nothing is left."""
    real = reports.monthly_workbook

    def slow(actor, month, out, progress=None):  # type: ignore[no-untyped-def]
        while progress(0, 10):  # the worker thread waits until Cancel reaches it
            time.sleep(0.01)
        return real(actor, month, out, progress)

    monkeypatch.setattr(reports, "monthly_workbook", slow)

    def press_cancel() -> None:
        # the newest one: dialogs of earlier work may wait for their deferred delete
        dialogs = window.findChildren(QProgressDialog, "progress_dialog")
        if not dialogs:
            QTimer.singleShot(20, press_cancel)
        else:
            dialogs[-1].findChild(QPushButton).click()  # the dialog's own Cancel button

    tab = _reports(window)  # (its statistics are counted first, with their own dialog)
    QTimer.singleShot(20, press_cancel)
    folder = tmp_path / "out"
    folder.mkdir()
    assert tab.export_monthly(str(folder / "月报.xlsx")) is None
    assert list(Path(folder).iterdir()) == []
    assert sink.texts() == []


def test_figures_for_a_tab_left_at_once_wait_until_it_shows_again(
    qtbot, clerk, make_user, clock, make_ctx, prefs
) -> None:
    from archive_desk.ui import background

    build_desk(clerk, make_user, clock)
    win = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(win)
    win.show()
    win.show_tab("cards_tab")  # the clerk clicks 档案卡 before the overview's figures came
    assert background.wait()
    qtbot.wait(50)
    tab = win.overview_tab
    assert tab.todos == [] and tab.loans_chart is None  # nothing drawn on a hidden tab
    win.show_tab("overview_tab")
    qtbot.waitUntil(lambda: bool(tab.todos))
    assert tab.loans_chart is not None
    assert [n for _, n in tab.loans_chart.values] == [
        n for _, n in overview.loans_per_month(clerk, 12)
    ]
