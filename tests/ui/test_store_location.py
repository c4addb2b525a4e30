"""File › Archive location keeps a server URL's options (``passfile``, ``sslmode``,
``connect_timeout`` …) through the dialog and the preferences, and never writes a password: not
one inside the URL (``user:password@``), not one given as an option (issue 18)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QRadioButton

from archive_desk.db.location import Location, split_password
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.store_dialog import StoreDialog
from archive_desk.ui.preferences import Preferences
from tests.ui.conftest import child

URLS = [
    "postgresql://archive_desk@127.0.0.1:5432/archive_desk?passfile=/path/pgpass",
    "postgresql://archive_desk@127.0.0.1:5432/archive_desk?sslmode=require",
    "postgresql://archive_desk@127.0.0.1:5432/archive_desk?connect_timeout=5&sslmode=require",
]


def _ok(dialog: StoreDialog) -> None:
    child(dialog, QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok).click()


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARCHIVE_DESK_DB", raising=False)


@pytest.mark.parametrize("url", URLS)
def test_the_urls_options_survive_the_dialog_and_the_preferences(
    qtbot: Any, prefs: Preferences, url: str
) -> None:
    dialog = StoreDialog(prefs, Location.of(url))
    qtbot.addWidget(dialog)
    _ok(dialog)  # nothing changed: saved as it was
    assert prefs.store() == url
    again = StoreDialog(prefs, gui_app.chosen_location(None, prefs))
    qtbot.addWidget(again)
    child(again, QLineEdit, "store_host").setText("archive.example.lan")  # an edit keeps them
    _ok(again)
    chosen = gui_app.chosen_location(None, prefs)
    assert chosen.host == "archive.example.lan"
    assert chosen.options == Location.of(url).options


def test_options_are_shown_and_edited_as_text(qtbot: Any, prefs: Preferences) -> None:
    dialog = StoreDialog(prefs, Location.of(URLS[0]))
    qtbot.addWidget(dialog)
    options = child(dialog, QLineEdit, "store_options")
    assert options.text() == "passfile=/path/pgpass"  # readable: the path not %-encoded
    options.setText("passfile=/path/my pgpass&sslmode=verify-full")
    _ok(dialog)
    chosen = gui_app.chosen_location(None, prefs)
    assert chosen.options == {"passfile": "/path/my pgpass", "sslmode": "verify-full"}


def test_a_password_in_the_url_is_never_written(qtbot: Any, prefs: Preferences) -> None:
    dialog = StoreDialog(
        prefs, Location.of("postgresql://clerk1:secret@h.lan:5433/ad?sslmode=require")
    )
    qtbot.addWidget(dialog)
    _ok(dialog)
    assert prefs.store() == "postgresql://clerk1@h.lan:5433/ad?sslmode=require"
    prefs.sync()
    assert "secret" not in Path(prefs._qs.fileName()).read_text(encoding="utf-8")


def test_a_password_given_as_an_option_is_refused(
    qtbot: Any, prefs: Preferences, sink: Any
) -> None:
    dialog = StoreDialog(prefs, Location.of(URLS[1]))
    qtbot.addWidget(dialog)
    child(dialog, QLineEdit, "store_options").setText("sslmode=require&password=secret")
    _ok(dialog)
    (text,) = sink.texts("error")
    assert "password" in text  # 密码 in the Chinese UI (tests/ui/test_i18n.py)
    assert dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert prefs.store() == ""


def test_a_password_option_in_a_url_is_dropped_like_one_before_the_host() -> None:
    url = "postgresql://clerk1@h.lan/ad?password=s%26cret&sslmode=require"
    assert split_password(url) == ("postgresql://clerk1@h.lan/ad?sslmode=require", "s&cret")
    assert Location.of(url).text == "postgresql://clerk1@h.lan/ad?sslmode=require"
    assert Location.of("postgresql://clerk1:pw@h.lan/ad?password=other").text == (
        "postgresql://clerk1@h.lan/ad"
    )


def test_the_file_choice_keeps_working(qtbot: Any, prefs: Preferences, tmp_path: Path) -> None:
    dialog = StoreDialog(prefs, Location.of(URLS[0]))
    qtbot.addWidget(dialog)
    child(dialog, QRadioButton, "store_file").setChecked(True)
    child(dialog, QLineEdit, "store_path").setText(str(tmp_path / "a.db"))
    _ok(dialog)
    assert prefs.store() == str(tmp_path / "a.db")


def test_browse_picks_an_archive_file_through_the_files_helper(
    qtbot: Any, prefs: Preferences, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QPushButton

    from archive_desk.ui import files

    asked: list[str] = []

    def answer(dialog: Any) -> str:
        asked.append(dialog.objectName())
        return str(tmp_path / "picked.db")

    monkeypatch.setattr(files, "runner", answer)
    monkeypatch.setattr(files, "Preferences", lambda: prefs)
    dialog = StoreDialog(prefs, Location.of(str(tmp_path / "a.db")))
    qtbot.addWidget(dialog)
    child(dialog, QPushButton, "store_browse").click()
    assert asked == ["file_dialog_archive"]
    assert child(dialog, QLineEdit, "store_path").text() == str(tmp_path / "picked.db")
