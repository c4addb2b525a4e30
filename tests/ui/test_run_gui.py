"""The whole GUI start as the ``gui`` command runs it: the store opened, the login dialog, the
start thread (preload, pinyin, the day's backup), the main window, and the exit backup."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from archive_desk.db import backup, connection
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.login import LoginDialog
from archive_desk.ui.main_window import MainWindow
from tests.conftest import PASSWORD


def _top(kind: type) -> object | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def test_login_opens_the_window_on_its_first_tab_and_exit_backs_up(
    qtbot, admin, db_path, clock, sink
) -> None:  # type: ignore[no-untyped-def]
    connection.close_database()  # run_gui opens the file itself
    seen: dict[str, object] = {}

    def log_in() -> None:
        dialog = _top(LoginDialog)
        if dialog is None:
            QTimer.singleShot(10, log_in)
            return
        dialog.findChild(QLineEdit, "username").setText("admin")
        dialog.findChild(QLineEdit, "password").setText(PASSWORD)
        buttons = dialog.findChild(QDialogButtonBox, "buttons")
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        QTimer.singleShot(10, look)

    def look() -> None:
        window = _top(MainWindow)
        if window is None:
            QTimer.singleShot(10, look)
            return
        seen["tabs"] = window.built_tabs()
        seen["user"] = window.ctx.actor.username
        window.close()

    hook = sys.excepthook
    QTimer.singleShot(0, log_in)
    try:
        rc = gui_app.run_gui(db_path, crash_dialog=False, clock=clock)
    finally:
        sys.excepthook = hook
        app = QApplication.instance()
        for translator in app.findChildren(QTranslator):  # the other tests read English
            QCoreApplication.removeTranslator(translator)
            translator.deleteLater()
        connection.open_database(db_path)  # for the db fixture's own teardown
    assert rc == 0
    assert seen == {"tabs": ["cards_tab"], "user": "admin"}  # the admin has no overview
    names = [p.name for p in backup.list_backups(db_path)]
    assert any(n.startswith(f"daily-{clock.today():%Y%m%d}-") for n in names)  # start thread
    # the login wrote audit events: the day's backup (if taken after it) or the exit backup holds
    # them — either way the newest backup has everything the file has
    assert backup.unchanged_since_last_backup(db_path)
    assert not sink.texts("error")


def test_the_backup_at_exit_says_so_while_it_runs(qtbot, admin, db_path, clock) -> None:  # type: ignore[no-untyped-def]
    import threading
    import time

    from PySide6.QtWidgets import QProgressDialog

    still_running = threading.Thread(target=time.sleep, args=(0.5,))  # the day's backup, say
    still_running.start()
    shown: list[str] = []

    def look() -> None:
        shown.extend(
            d.labelText() for d in QApplication.topLevelWidgets()
            if isinstance(d, QProgressDialog) and d.isVisible()
        )  # fmt: skip

    QTimer.singleShot(200, look)
    gui_app.back_up_before_closing(db_path, clock, [still_running], min_duration_ms=0)
    assert not still_running.is_alive()  # waited for, then backed up
    assert shown and ("备份" in shown[0] or "Backing up" in shown[0])
    assert backup.unchanged_since_last_backup(db_path)
    assert any(p.name.startswith("exit-") for p in backup.list_backups(db_path))
