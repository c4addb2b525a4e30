"""The first start: the demo archive is built off the GUI thread with a progress bar that moves,
and the dialog names the demo accounts and their one password before anything is loaded."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QDialogButtonBox, QLabel, QProgressDialog

from archive_desk import accounts, demo
from archive_desk.db.models import Card
from archive_desk.ui.dialogs.login import FirstStartDialog
from tests.ui.conftest import child


def test_the_first_start_names_the_demo_accounts_and_their_password(qtbot, db, clock) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstStartDialog(clock=clock)
    qtbot.addWidget(dialog)
    note = child(dialog, QLabel, "demo_accounts").text()
    assert demo.DEMO_PASSWORD in note
    assert "lihua — 李华，档案管理员" in note
    assert all(a.username in note for a in demo.demo_accounts())


def test_the_demo_is_built_with_a_moving_progress_bar(qtbot, db, clock, sink) -> None:  # type: ignore[no-untyped-def]
    dialog = FirstStartDialog(clock=clock, demo_size={"cards_count": 30, "loans": 10})
    qtbot.addWidget(dialog)
    child(dialog, QCheckBox, "load_demo").setChecked(True)
    values: list[tuple[int, int]] = []
    ticks: list[int] = []

    def watch() -> None:  # runs on the GUI thread: it must keep running while the demo is built
        ticks.append(1)
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QProgressDialog) and w.isVisible()]  # fmt: skip
        if shown:
            values.append((shown[0].value(), shown[0].maximum()))
        if not accounts.has_users() or not dialog.result():
            QTimer.singleShot(5, watch)

    QTimer.singleShot(0, watch)
    buttons = child(dialog, QDialogButtonBox, "buttons")
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert Card.select().count() == 30
    assert dialog.suggested_user == demo.DEMO_CLERK and dialog.actor is None
    total = demo.progress_total(cards_count=30, loans=10)
    assert {m for _v, m in values} == {total}  # the real steps, not a busy bar
    moving = sorted({v for v, _m in values})
    assert len(moving) >= 5 and 0 < moving[-1] <= total, moving
    assert len(ticks) >= 10  # the GUI thread was free while the worker built the archive
    assert "lihua / demo1234" in sink.texts("info")[-1]
