"""The day close from the overview: its to-do opens the borrowing tab's day-close view — the
originals not back, as many as the to-do counted — and closes nothing until the clerk has
written a reason for each and pressed 闭馆. An original can be taken back from the view."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QStackedWidget, QTableView

from archive_desk import borrowing as bw
from archive_desk import reporting as overview
from archive_desk.ui.main_window import MainWindow
from tests.deskkit import build_desk
from tests.ui.conftest import child, type_text


@pytest.fixture
def window(qtbot, clerk, make_user, clock, make_ctx, prefs):  # type: ignore[no-untyped-def]
    build_desk(clerk, make_user, clock)
    win = MainWindow(make_ctx(clerk), prefs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: bool(win.overview_tab.todos))
    return win


def _write_reason(qtbot, table: QTableView, row: int, text: str) -> None:  # type: ignore[no-untyped-def]
    model = table.model()
    index = model.index(row, model.columnCount() - 1)
    table.setCurrentIndex(index)
    table.edit(index)
    editors = [e for e in table.findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "the reason cell opens an editor"
    editor = editors[0]
    type_text(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: model.data(index) == text)  # the delegate commits on the next turn


def test_the_todo_shows_the_list_and_closes_nothing(window, qtbot, clerk, clock, sink) -> None:  # type: ignore[no-untyped-def]
    todo = {t.key: t for t in overview.todos(clerk)}["day_close"]
    button = child(window, QPushButton, "todo_day_close")
    assert button.text().split()[0] == str(todo.count)
    button.click()
    assert window.tabs.currentWidget() is window.borrowing_tab
    pages = child(window, QStackedWidget, "borrowing_pages")
    assert pages.currentWidget().objectName() == "day_close_view"
    table = child(window, QTableView, "day_close_table")
    assert table.model().rowCount() == todo.count == len(bw.in_room_not_back(clerk)) == 3
    assert not bw.day_closed(clock.today()) and sink.shown == []

    for row in range(2):
        _write_reason(qtbot, table, row, "借阅人明早继续查阅")
    child(window, QPushButton, "close_day_confirm").click()
    assert not bw.day_closed(clock.today())
    assert any("尚未归还" in t for t in sink.texts("error"))
    _write_reason(qtbot, table, 2, "已锁入阅览柜")
    child(window, QPushButton, "close_day_confirm").click()
    assert bw.day_closed(clock.today())
    assert "The day is closed." in sink.texts("info")
    assert not child(window, QPushButton, "close_day_confirm").isEnabled()
    child(window, QPushButton, "day_close_back").click()
    assert pages.currentIndex() == 0


def test_an_original_is_taken_back_from_the_view(window, qtbot, clerk) -> None:  # type: ignore[no-untyped-def]
    window.show_tab("borrowing_tab")
    child(window, QPushButton, "close_day").click()  # the tab's own button: the view too
    table = child(window, QTableView, "day_close_table")
    assert table.model().rowCount() == 3
    table.selectRow(0)

    def sign_on_paper_and_return() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog.objectName() != "return_dialog":
            QTimer.singleShot(20, sign_on_paper_and_return)
            return
        dialog.borrower_paper.setChecked(True)
        dialog.clerk_paper.setChecked(True)
        assert dialog.run()

    QTimer.singleShot(0, sign_on_paper_and_return)
    child(window, QPushButton, "day_close_return").click()
    assert table.model().rowCount() == 2 == len(bw.in_room_not_back(clerk))
    assert {t.key: t for t in overview.todos(clerk)}["day_close"].count == 2


def test_the_reasons_model_passes_the_model_tester(window, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.borrowing_tab.show_day_close()
    model = child(window, QTableView, "day_close_table").model()
    model.set_note(0, "明日归还")
    qtmodeltester.check(model)
    assert model.filled_notes() == {
        bw.in_room_not_back(window.borrowing_tab.ctx.actor)[0].id: "明日归还"
    }
