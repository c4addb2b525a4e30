"""The start as the clerk meets it: the login dialog is painted first and the start thread opens
the archive behind it while she types; OK waits for the archive; what stands in the way (busy,
damaged …) is told over the dialog with the same messages and offers as before; an archive
without users turns the login into the first start."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QLineEdit, QWidget

from archive_desk import accounts, settings
from archive_desk.db import backup, connection
from archive_desk.db.models import User
from archive_desk.ui import app as gui_app
from archive_desk.ui.dialogs.login import FirstStartDialog, LoginDialog
from archive_desk.ui.main_window import MainWindow
from archive_desk.ui.preferences import Preferences
from tests.conftest import PASSWORD
from tests.faults.kit import damage_page, write_lock

Step = Callable[[], None]


def _top(kind: type) -> QWidget | None:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[-1] if found else None


def _later(step: Step, ms: int = 10) -> None:
    QTimer.singleShot(ms, step)


def _ok(dialog: QWidget) -> None:
    dialog.findChild(QDialogButtonBox, "buttons").button(QDialogButtonBox.StandardButton.Ok).click()


def _log_in_as_admin(dialog: QWidget) -> None:
    dialog.findChild(QLineEdit, "username").setText("admin")
    dialog.findChild(QLineEdit, "password").setText(PASSWORD)
    _ok(dialog)


def _close_the_window(seen: dict[str, object]) -> Step:
    def step() -> None:
        window = _top(MainWindow)
        if window is None:
            return _later(step)
        seen["user"] = window.ctx.actor.username
        window.close()

    return step


@pytest.fixture
def prefs_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """run_gui's preferences in this test's own file."""
    ini = tmp_path / "prefs.ini"
    monkeypatch.setattr(gui_app, "Preferences", lambda: Preferences(ini))
    return ini


@pytest.fixture
def run(prefs_file: Path, db_path: Path, clock) -> Iterator[Callable[[Step], int]]:  # type: ignore[no-untyped-def]
    """``run(first_step)``: the GUI start as the ``gui`` command runs it, on ``db_path``, with
    ``first_step`` called from its event loop."""
    hook = sys.excepthook

    def start(first_step: Step) -> int:
        connection.close_database()  # run_gui opens the file itself
        QTimer.singleShot(0, first_step)
        return gui_app.run_gui(db_path, crash_dialog=False, clock=clock)

    yield start
    sys.excepthook = hook
    for translator in QApplication.instance().findChildren(QTranslator):  # others read English
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Opening the archive waits until the test sets the returned event (at most 10 s)."""
    go = threading.Event()
    real = connection.open_database

    def slow_open(path, **kwargs):  # type: ignore[no-untyped-def]
        go.wait(10)
        return real(path, **kwargs)

    monkeypatch.setattr(connection, "open_database", slow_open)
    yield go
    go.set()


def test_the_login_is_painted_before_the_archive_is_opened(
    qtbot, admin, run, monkeypatch, sink
) -> None:  # type: ignore[no-untyped-def]
    login_up = threading.Event()
    opened: list[tuple[bool, bool]] = []  # (on the GUI thread, the login dialog was up)
    real = connection.open_database

    def watched_open(path, **kwargs):  # type: ignore[no-untyped-def]
        on_gui_thread = threading.current_thread() is threading.main_thread()
        opened.append((on_gui_thread, login_up.wait(0 if on_gui_thread else 10)))
        return real(path, **kwargs)

    monkeypatch.setattr(connection, "open_database", watched_open)
    seen: dict[str, object] = {}

    def log_in() -> None:
        dialog = _top(LoginDialog)
        if dialog is None:
            return _later(log_in)
        login_up.set()
        _log_in_as_admin(dialog)
        _later(_close_the_window(seen))

    assert run(log_in) == 0
    assert opened == [(False, True)]  # once, in the start thread, with the login on the screen
    assert seen == {"user": "admin"}
    assert not sink.texts("error")


def test_ok_pressed_before_the_archive_is_open_waits_then_logs_in(
    qtbot, admin, run, held_open, sink
) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, object] = {}

    def press_ok_early() -> None:
        dialog = _top(LoginDialog)
        if dialog is None:
            return _later(press_ok_early)
        _log_in_as_admin(dialog)  # faster than the archive
        wait = dialog.findChild(QLabel, "store_wait")
        ok = dialog.findChild(QDialogButtonBox, "buttons").button(
            QDialogButtonBox.StandardButton.Ok
        )
        shown = wait is not None and wait.isVisible()
        seen["waiting"] = shown and wait.text() in ("Opening the archive…", "正在打开档案库…")
        seen["ok enabled"] = ok.isEnabled()
        seen["still open"] = dialog.isVisible()
        held_open.set()  # the archive opens now; the login goes on by itself
        _later(_close_the_window(seen))

    assert run(press_ok_early) == 0
    assert seen == {
        "waiting": True,
        "ok enabled": False,
        "still open": True,
        "user": "admin",
    }
    assert not sink.texts("error")


def test_a_held_login_submits_only_when_released(qtbot, admin, clock, sink) -> None:  # type: ignore[no-untyped-def]
    dialog = LoginDialog(clock=clock, username="admin")
    qtbot.addWidget(dialog)
    dialog.hold()
    dialog.release()  # released without OK pressed: nothing is submitted
    assert dialog.result() == 0 and dialog.actor is None
    dialog.hold()
    dialog.password.setText(PASSWORD)
    _ok(dialog)
    assert dialog.actor is None and dialog.result() == 0  # not yet checked
    dialog.release()
    assert dialog.actor is not None and dialog.actor.username == "admin"
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not dialog.findChild(QLabel, "store_wait").isVisible()


class _ReleasingSink:
    """Answers the first question after ``release()`` (the clerk closed the other program)."""

    def __init__(self, recording, release: Callable[[], None]) -> None:  # type: ignore[no-untyped-def]
        self.recording = recording
        self.release = release

    def ask(self, parent, title, text, default_yes):  # type: ignore[no-untyped-def]
        self.recording.shown.append(("question", title, text))
        self.release()
        return True

    def show(self, parent, level, title, text):  # type: ignore[no-untyped-def]
        self.recording.show(parent, level, title, text)


def test_a_busy_archive_is_told_over_the_login_and_tried_again(
    qtbot, admin, db_path, run, sink, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.ui import messages

    connection.close_database()
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 100)
    lock = write_lock(db_path)
    lock.__enter__()
    monkeypatch.setattr(
        messages, "sink", _ReleasingSink(sink, lambda: lock.__exit__(None, None, None))
    )
    seen: dict[str, object] = {}

    def log_in() -> None:
        dialog = _top(LoginDialog)
        if dialog is None or dialog.held:  # the archive has not answered yet
            return _later(log_in)
        _log_in_as_admin(dialog)
        _later(_close_the_window(seen))

    assert run(log_in) == 0
    (question,) = sink.texts("question")
    assert "占用" in question and "备份" not in question  # busy: try again, no backup offered
    assert seen == {"user": "admin"}


def test_trying_again_keeps_the_login_dialog_alive(
    qtbot, admin, db_path, run, sink, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """ "Try again?" — yes: the next try runs in the start thread (busy again here: ~0.3 s of
    waiting for the lock), while the dialog goes on answering (a timer on the GUI thread ticks)."""
    from archive_desk.ui import messages

    connection.close_database()
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 300)
    lock = write_lock(db_path)
    lock.__enter__()
    ticks: list[int] = []
    ticks_at_question: list[int] = []

    class Answering(messages.RecordingSink):
        def ask(self, parent, title, text, default_yes):  # type: ignore[no-untyped-def]
            sink.shown.append(("question", title, text))
            ticks_at_question.append(len(ticks))
            if len(ticks_at_question) == 2:  # the second time the lock is gone
                lock.__exit__(None, None, None)
            return True

    monkeypatch.setattr(messages, "sink", Answering())
    seen: dict[str, object] = {}

    def tick() -> None:
        ticks.append(1)
        if "user" not in seen:
            _later(tick)

    def log_in() -> None:
        dialog = _top(LoginDialog)
        if dialog is None or dialog.held:
            return _later(log_in)
        _log_in_as_admin(dialog)
        _later(_close_the_window(seen))

    QTimer.singleShot(0, tick)
    assert run(log_in) == 0
    assert len(sink.texts("question")) == 2 and "占用" in sink.texts("question")[1]
    first, second = ticks_at_question
    assert second - first >= 10  # ~30 ticks of 10 ms while the thread waited 0.3 s
    assert seen == {"user": "admin"}


def test_giving_up_on_a_damaged_archive_ends_the_start(
    qtbot, admin, db_path, clock, run, sink
) -> None:  # type: ignore[no-untyped-def]
    backup.backup_now(db_path, clock=clock)
    connection.close_database()
    damage_page(db_path, "user")
    sink.answers = [False]  # no, do not restore
    shown: list[str] = []

    def look() -> None:
        dialog = _top(LoginDialog)
        if dialog is not None:
            shown.append(dialog.objectName())
        if not sink.texts("question"):
            _later(look)

    assert run(look) == 1
    assert shown  # the login was on the screen when the damage was told
    (question,) = sink.texts("question")
    assert "损坏" in question and ("Restore" in question or "恢复" in question)
    assert _top(LoginDialog) is None and _top(MainWindow) is None


def _dialogs_asked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    real = gui_app._ask

    def ask(dialog, start, prefs):  # type: ignore[no-untyped-def]
        asked.append(dialog.objectName())
        return real(dialog, start, prefs)

    monkeypatch.setattr(gui_app, "_ask", ask)
    return asked


def _create_the_admin(seen: dict[str, object]) -> Step:
    def step() -> None:
        dialog = _top(FirstStartDialog)
        if dialog is None or dialog.held:
            return _later(step)
        dialog.findChild(QLineEdit, "password").setText(PASSWORD)
        dialog.findChild(QLineEdit, "password_again").setText(PASSWORD)
        _ok(dialog)
        _later(_close_the_window(seen))

    return step


def test_an_archive_without_users_turns_the_login_into_the_first_start(
    qtbot, db, run, monkeypatch, sink
) -> None:  # type: ignore[no-untyped-def]
    asked = _dialogs_asked(monkeypatch)  # the file is there, but nobody can log in
    seen: dict[str, object] = {}
    assert run(_create_the_admin(seen)) == 0
    assert asked == ["login_dialog", "first_start_dialog"]
    assert seen == {"user": "admin"}
    assert not sink.texts("error")


def test_a_new_archive_starts_with_the_first_start(
    qtbot, tmp_path, clock, prefs_file, monkeypatch, sink
) -> None:  # type: ignore[no-untyped-def]
    asked = _dialogs_asked(monkeypatch)
    seen: dict[str, object] = {}
    new = tmp_path / "new" / "archive.db"
    new.parent.mkdir()
    hook = sys.excepthook
    QTimer.singleShot(0, _create_the_admin(seen))
    try:
        assert gui_app.run_gui(new, crash_dialog=False, clock=clock) == 0
    finally:
        sys.excepthook = hook
        for translator in QApplication.instance().findChildren(QTranslator):
            QCoreApplication.removeTranslator(translator)
            translator.deleteLater()
    assert asked == ["first_start_dialog"]
    assert seen == {"user": "admin"}
    connection.open_database(new)
    assert User.select().count() == 1
    connection.close_database()


def test_the_login_names_the_organisation_before_the_archive_is_open(
    qtbot, admin, run, prefs_file, held_open, sink
) -> None:  # type: ignore[no-untyped-def]
    settings.set_values(admin, {"org.name": "乙方档案有限公司"})
    Preferences(prefs_file).set_org_name("甲方档案有限公司")  # what the archive said last time
    headers: list[str] = []
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = _top(LoginDialog)
        if dialog is None:
            return _later(look)
        if not headers:
            headers.append(dialog.header.text())  # painted with what the workstation knows
            held_open.set()
        if dialog.held:
            return _later(look)
        headers.append(dialog.header.text())  # what the archive says now
        _log_in_as_admin(dialog)
        _later(_close_the_window(seen))

    assert run(look) == 0
    assert headers == ["<b>甲方档案有限公司</b>", "<b>乙方档案有限公司</b>"]
    assert Preferences(prefs_file).org_name() == "乙方档案有限公司"


def test_leaving_before_the_archive_answers_ends_quietly(
    qtbot, admin, run, held_open, sink
) -> None:  # type: ignore[no-untyped-def]
    def cancel() -> None:
        dialog = _top(LoginDialog)
        if dialog is None:
            return _later(cancel)
        dialog.reject()
        held_open.set()

    assert run(cancel) == 0
    assert not sink.shown  # the late answer shows nothing
    assert accounts.has_users()


def _fresh_python(script: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def test_the_path_to_the_login_dialog_loads_no_service_and_no_database() -> None:
    """What is imported and built before the first paint (a fresh interpreter: this one has
    imported everything). The ``Qt`` namespace is PySide's ~100 enum classes (~12 ms), made
    when first touched: the login dialog must not touch it (see ``_FormDialog``'s buttons)."""
    found = _fresh_python(
        """
import sys
import archive_desk.cli
from archive_desk.ui import app
qt = app.make_application([])
dialog = app.LoginDialog(username="lihua", org_name="某公司")
dialog.show()
qt.processEvents()
import PySide6.QtCore
heavy = ("peewee", "archive_desk.db.connection", "archive_desk.accounts", "archive_desk.cards")
print(sorted(m for m in heavy if m in sys.modules), "Qt" in vars(PySide6.QtCore))
"""
    )
    assert found == "[] False"


def test_modules_imported_after_pyside_are_not_read_for_its_feature_hook() -> None:
    """PySide's ``__feature__`` hook read the whole source of every module imported after it
    (``inspect.getsource``, kept in ``linecache``): ~60 ms of the services' import alone."""
    found = _fresh_python(
        """
import linecache
import archive_desk.ui
import PySide6.QtWidgets  # what the program imports first (the hook comes with it)
import archive_desk.handover
print(sorted(f for f in linecache.cache if "archive_desk" in f))
"""
    )
    assert found == "[]"
