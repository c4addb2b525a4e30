"""After 账户 › 注销 the login dialog starts empty, the cursor in the user name: the next person
at the desk does not type a password into the last user's login. At the program's start it
still offers the workstation's last user, the cursor in the password."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from archive_desk.db import connection
from archive_desk.db.models import AuditEvent
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.login import LoginDialog
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.preferences import Preferences
from tests.conftest import PASSWORD


def _top(kind: type) -> object | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _later(step) -> None:  # type: ignore[no-untyped-def]
    QTimer.singleShot(10, step)


def test_the_login_after_a_log_out_starts_with_an_empty_user_name(
    qtbot, admin, db_path, clock, sink, monkeypatch, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    ini = tmp_path / "prefs.ini"
    monkeypatch.setattr(gui_app, "Preferences", lambda: Preferences(ini))
    Preferences(ini).set_last_user("admin")  # this workstation's last user
    connection.close_database()  # run_gui opens the file itself
    seen: list[tuple[str, str]] = []

    def login_dialog() -> LoginDialog | None:
        dialog = _top(LoginDialog)
        if dialog is not None:
            username = dialog.findChild(QLineEdit, "username")
            focus = dialog.focusWidget()
            seen.append((username.text(), focus.objectName() if focus else ""))
        return dialog  # type: ignore[return-value]

    def first_login() -> None:
        dialog = login_dialog()
        if dialog is None:
            return _later(first_login)
        dialog.findChild(QLineEdit, "password").setText(PASSWORD)
        dialog.findChild(QDialogButtonBox, "buttons").button(
            QDialogButtonBox.StandardButton.Ok
        ).click()
        _later(log_out)

    def log_out() -> None:
        window = _top(MainWindow)
        if window is None:
            return _later(log_out)
        window.findChild(QAction, "action_logout").trigger()  # 账户 › 注销
        _later(after_log_out)

    def after_log_out() -> None:
        dialog = login_dialog()
        if dialog is None:
            return _later(after_log_out)
        # the next person types straight away: it is their name, not the last user's password
        dialog.findChild(QLineEdit, "password").setText("wrong-for-admin")
        dialog.findChild(QDialogButtonBox, "buttons").button(
            QDialogButtonBox.StandardButton.Ok
        ).click()
        dialog.reject()

    hook = sys.excepthook
    QTimer.singleShot(0, first_login)
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
    assert seen[0] == ("admin", "password")  # at start: the last user offered
    assert seen[-1] == ("", "username")  # after the log-out: empty, cursor in the user name
    assert not AuditEvent.select().where(AuditEvent.action == "user.login_failed").exists()
