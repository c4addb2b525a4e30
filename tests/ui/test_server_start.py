"""An archive server that cannot be used at the start (issue 18): the clerk is told which server
and what happened, and in the same dialog tries again, changes the server's address or password,
or goes back to an archive file on this computer — no traceback, no settings edited by hand.

A closed port on 127.0.0.1 is a real unreachable server; the wrong password and the missing
database are the session's real PostgreSQL server."""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from archive_desk.db import connection, postgres
from archive_desk.db.location import Location
from archive_desk.errors import PasswordNeeded, ServerUnreachable, StorageMissing
from archive_desk.ui import app as gui_app
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.preferences import Preferences
from tests.conftest import PASSWORD
from tests.db.test_postgres import _bare, _MemoryKeyring
from tests.ui.conftest import child, type_text

Step = Callable[[], None]


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound, then let go)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _problem_dialog() -> QDialog | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "server_problem_dialog" and widget.isVisible():
            return widget  # type: ignore[return-value]
    return None


def when_problem_shown(act: Callable[[QDialog], None], seen: list[str]) -> Step:
    """A step that waits for the problem dialog, notes its message and acts on it."""

    def step() -> None:
        dialog = _problem_dialog()
        if dialog is None:
            QTimer.singleShot(10, step)
            return
        seen.append(child(dialog, QLabel, "problem_message").text())
        act(dialog)

    return step


def _button(dialog: QWidget, name: str) -> QPushButton:
    return child(dialog, QPushButton, name)  # type: ignore[no-any-return]


@pytest.fixture
def memory_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[_MemoryKeyring]:
    """No pgpass file, an empty keyring: only the dialog can give a password."""
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    kept = _MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(kept)
    yield kept
    keyring.set_keyring(previous)


def test_a_closed_port_is_told_by_name_and_the_clerk_goes_back_to_a_file(
    qtbot: Any, prefs: Preferences, tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARCHIVE_DESK_DB", raising=False)
    place = Location.of(f"postgresql://clerk1@127.0.0.1:{closed_port()}/archive_desk")
    answer = gui_app.try_open(place)
    assert isinstance(answer.error, ServerUnreachable)
    local = tmp_path / "desk" / "archive.db"
    local.parent.mkdir()
    seen: list[str] = []
    defaults: list[str] = []

    def go_back_to_a_file(dialog: QDialog) -> None:
        _button(dialog, "use_local_file").click()  # the desk's own file, filled in
        assert child(dialog, QRadioButton, "store_file").isChecked()
        defaults.append(child(dialog, QLineEdit, "store_path").text())
        child(dialog, QLineEdit, "store_path").setText(str(local))  # … or one she picks
        _button(dialog, "retry").click()

    QTimer.singleShot(0, when_problem_shown(go_back_to_a_file, seen))
    told = gui_app.tell(place, answer, None, clock, prefs)
    (message,) = seen
    assert f"127.0.0.1:{place.port}/archive_desk" in message  # which server
    assert "无法连接" in message and "拒绝了连接" in message  # and what happened
    from archive_desk.db.location import default_db_path

    assert defaults == [str(default_db_path())]
    assert isinstance(told, gui_app.Retry) and told.location == Location.of(local)
    assert prefs.store() == str(local)  # used from now on, no settings edited by hand
    assert gui_app.try_open(told.location).opened


def test_a_closed_port_can_be_tried_again_or_given_up(
    qtbot: Any, prefs: Preferences, clock: Any
) -> None:
    place = Location.of(f"postgresql://clerk1@127.0.0.1:{closed_port()}/archive_desk")
    answer = gui_app.try_open(place)
    seen: list[str] = []
    QTimer.singleShot(0, when_problem_shown(lambda d: _button(d, "retry").click(), seen))
    told = gui_app.tell(place, answer, None, clock, prefs)
    assert isinstance(told, gui_app.Retry) and told.location == place and told.password is None
    assert prefs.store() == ""  # nothing changed: nothing written
    QTimer.singleShot(0, when_problem_shown(lambda d: _button(d, "quit").click(), seen))
    assert gui_app.tell(place, answer, None, clock, prefs) is False
    assert len(seen) == 2


def test_the_start_on_a_closed_port_goes_on_with_the_file_she_picks(
    qtbot: Any, admin: Any, db_path: Path, clock: Any, tmp_path: Path, sink: Any
) -> None:
    """The whole start (``run_gui``): the problem dialog over the login, a file chosen, the login
    then opens the window on that file, and the choice is kept for the next start."""
    connection.close_database()
    ini = tmp_path / "prefs.ini"
    url = f"postgresql://clerk1@127.0.0.1:{closed_port()}/archive_desk"
    seen: list[str] = []
    opened_on: list[str] = []

    def pick_the_file(dialog: QDialog) -> None:
        child(dialog, QRadioButton, "store_file").setChecked(True)
        child(dialog, QLineEdit, "store_path").setText(str(db_path))
        _button(dialog, "retry").click()
        QTimer.singleShot(10, log_in)

    def log_in() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if w.objectName() == "login_dialog" and w.isVisible()
            ),
            None,
        )  # the visible one: earlier tests' widgets may still be about
        if dialog is None or dialog.held:  # type: ignore[attr-defined]
            QTimer.singleShot(10, log_in)
            return
        child(dialog, QLineEdit, "username").setText("admin")
        child(dialog, QLineEdit, "password").setText(PASSWORD)
        ok = QDialogButtonBox.StandardButton.Ok
        child(dialog, QDialogButtonBox, "buttons").button(ok).click()
        QTimer.singleShot(10, close)

    def close() -> None:
        window = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, MainWindow) and w.isVisible()
            ),
            None,
        )
        if window is None:
            QTimer.singleShot(10, close)
            return
        opened_on.append(window.ctx.store.text)
        window.close()

    hook = sys.excepthook
    gui = gui_app.Preferences
    gui_app.Preferences = lambda: Preferences(ini)  # type: ignore[assignment,misc]
    QTimer.singleShot(0, when_problem_shown(pick_the_file, seen))
    try:
        assert gui_app.run_gui(url, crash_dialog=False, clock=clock) == 0
    finally:
        gui_app.Preferences = gui  # type: ignore[misc]
        sys.excepthook = hook
        for translator in QApplication.instance().findChildren(QTranslator):
            QCoreApplication.removeTranslator(translator)
            translator.deleteLater()
    assert len(seen) == 1 and "127.0.0.1" in seen[0]
    assert opened_on == [str(db_path)]
    assert Preferences(ini).store() == str(db_path)
    assert not sink.texts("error")


def test_a_wrong_password_is_told_and_typed_again_in_the_same_dialog(
    qtbot: Any, pg_url: str, prefs: Preferences, clock: Any, memory_keyring: _MemoryKeyring,
    tmp_path: Path,
) -> None:  # fmt: skip
    bare, password = _bare(pg_url)
    wrong = tmp_path / "pgpass"
    wrong.write_text(f"*:*:*:*:not-{password}\n", encoding="utf-8")
    wrong.chmod(0o600)
    place = Location.of(f"{bare}?passfile={wrong}")
    postgres.forget_password(place)
    answer = gui_app.try_open(place)
    assert isinstance(answer.error, PasswordNeeded)
    seen: list[str] = []

    def type_the_password(dialog: QDialog) -> None:
        assert child(dialog, QLineEdit, "server_password").isEnabled()
        type_text(child(dialog, QLineEdit, "server_password"), password)
        child(dialog, QCheckBox, "remember_password").setChecked(True)
        _button(dialog, "retry").click()

    QTimer.singleShot(0, when_problem_shown(type_the_password, seen))
    told = gui_app.tell(place, answer, None, clock, prefs)
    assert "用户名或密码不正确" in seen[0] and place.label in seen[0]
    assert isinstance(told, gui_app.Retry) and told.password == password and told.remember
    assert told.location.options["passfile"] == str(wrong)  # the URL's options kept
    again = gui_app.try_open(told.location, password=told.password, remember=told.remember)
    assert again.opened
    assert memory_keyring.kept == {(postgres.KEYRING_SERVICE, place.key): password}
    prefs.sync()
    ini = Path(prefs._qs.fileName())
    assert not ini.exists() or password not in ini.read_text(encoding="utf-8")


def test_a_missing_database_is_told_and_its_name_changed_in_the_same_dialog(
    qtbot: Any, pg_url: str, prefs: Preferences, clock: Any, memory_keyring: _MemoryKeyring
) -> None:
    bare, password = _bare(pg_url)
    right = Location.of(bare)
    place = Location.of(bare.rsplit("/", 1)[0] + "/no_such_archive")
    answer = gui_app.try_open(place, password=password)
    assert isinstance(answer.error, StorageMissing)
    seen: list[str] = []

    def fix_the_name(dialog: QDialog) -> None:
        assert child(dialog, QLineEdit, "store_dbname").text() == "no_such_archive"
        assert child(dialog, QSpinBox, "store_port").value() == place.port
        child(dialog, QLineEdit, "store_dbname").setText(right.dbname)
        child(dialog, QLineEdit, "server_password").setText(password)
        _button(dialog, "retry").click()

    QTimer.singleShot(0, when_problem_shown(fix_the_name, seen))
    told = gui_app.tell(place, answer, None, clock, prefs)
    assert "no_such_archive" in seen[0] and "没有这个数据库" in seen[0]  # not "无法连接"
    assert isinstance(told, gui_app.Retry) and told.location == right
    assert prefs.store() == right.text
    assert gui_app.try_open(told.location, password=told.password).opened
    assert not memory_keyring.kept  # not ticked: not kept
