"""What the GUI shows of an archive on a server (the GUI tests run on SQLite; these on the
session's PostgreSQL server): the archive location chosen in the preferences, the server's
password asked for and kept in the keyring only when the clerk says so, the status bar naming the
server, and the backup menu saying that it takes a pg_dump to this computer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
)

from archive_desk.db import postgres
from archive_desk.db.connection import close_database
from archive_desk.db.location import Location
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.store_dialog import StoreDialog
from archive_desk.ui.main_window import MainWindow
from tests.db.test_postgres import _bare, _MemoryKeyring
from tests.ui.conftest import child

on_the_server = pytest.mark.parametrize("store_kind", ["postgresql"], indirect=True)


def test_the_archive_location_is_chosen_in_the_preferences(
    qtbot: Any, prefs: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ARCHIVE_DESK_DB", raising=False)
    dialog = StoreDialog(prefs, Location.of("/tmp/desk/archive.db"))
    qtbot.addWidget(dialog)
    assert child(dialog, QRadioButton, "store_file").isChecked()
    child(dialog, QRadioButton, "store_server").setChecked(True)
    child(dialog, QLineEdit, "store_host").setText("archive.example.lan")
    child(dialog, QSpinBox, "store_port").setValue(5433)
    child(dialog, QLineEdit, "store_dbname").setText("archive_desk")
    child(dialog, QLineEdit, "store_user").setText("clerk1")
    child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok).click()
    assert prefs.store() == "postgresql://clerk1@archive.example.lan:5433/archive_desk"
    chosen = gui_app.chosen_location(None, prefs)
    assert (
        chosen.is_server
        and chosen.label == "档案服务器 archive.example.lan:5433/archive_desk（clerk1）"
    )
    assert gui_app.chosen_location(Path("/tmp/x.db"), prefs).path == Path("/tmp/x.db")  # --db first
    again = StoreDialog(prefs, chosen)
    qtbot.addWidget(again)
    assert child(again, QRadioButton, "store_server").isChecked()
    assert child(again, QLineEdit, "store_host").text() == "archive.example.lan"


def test_the_server_password_is_asked_and_kept_only_when_ticked(
    qtbot: Any, pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bare, password = _bare(pg_url)
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    kept = _MemoryKeyring()
    keyring.set_keyring(kept)
    location = Location.of(bare)
    postgres.forget_password(location)
    seen: list[str] = []
    kept_when_told: list[dict[Any, str]] = []
    typed = iter([("wrong", False), (password, True)])

    def answer() -> None:
        dialog = next(
            (w for w in QApplication.topLevelWidgets()
             if w.objectName() == "server_problem_dialog" and w.isVisible()),
            None,
        )  # fmt: skip
        if dialog is None:
            QTimer.singleShot(10, answer)
            return
        seen.append(child(dialog, QLabel, "problem_message").text())
        kept_when_told.append(dict(kept.kept))
        text, remember = next(typed)
        child(dialog, QLineEdit, "server_password").setText(text)
        child(dialog, QCheckBox, "remember_password").setChecked(remember)
        child(dialog, QPushButton, "retry").click()
        if not remember:
            QTimer.singleShot(10, answer)

    QTimer.singleShot(0, answer)
    assert gui_app.open_store(location)
    assert "需要密码" in seen[0] and location.label in seen[0]
    assert "用户名或密码不正确" in seen[1]
    assert kept_when_told == [{}, {}]  # the wrong one was not kept
    assert kept.kept == {(postgres.KEYRING_SERVICE, location.key): password}
    close_database()
    remembered = dict(kept.kept)
    postgres.forget_password(location)  # this process forgets it (and so does the keyring) …
    kept.kept.update(remembered)  # … which still holds it at the next start: no dialog then
    assert gui_app.open_store(location)
    assert len(seen) == 2
    close_database()


@on_the_server
def test_the_window_names_the_server_and_backs_it_up_with_pg_dump(
    qtbot: Any, admin: Any, db_path: str, prefs: Any, sink: Any, clock: Any, tmp_path: Path
) -> None:
    from archive_desk.ui.context import AppContext

    window = MainWindow(AppContext(location=db_path, actor=admin, clock=clock), prefs)
    qtbot.addWidget(window)
    assert window.db_label.toolTip().startswith("档案服务器 127.0.0.1:")
    backup = window.findChild(type(window.menuBar().actions()[0]), "action_backup")
    assert backup is not None and "pg_dump" in backup.text()
    window.backup_now()
    (text,) = sink.texts("info")
    assert "pg_dump" in text and ".dump" in text
    written = Path(text.split(" to ", 1)[1].split(" on this computer", 1)[0])
    assert written.is_file() and written.parent.name == "backups"
