"""Start the GUI: QApplication, translation, the store, first start, login, the main window.

Each step is a function of its own so tests can drive it; :func:`run_gui` strings them together.

With ``ARCHIVE_DESK_EXIT_AT_LOGIN=1`` in the environment the program starts as usual and ends
the moment its first dialog (login, or the first start's) is painted, printing
``LOGIN_PAINTED <dialog> <ms since the process started>``: how start-up is measured on a PC as
the clerk meets it (``bench/suite.py`` row (a), ``make dist-check``).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from archive_desk import APP_NAME, accounts, backups, pinyin, settings
from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db import backup
from archive_desk.db.connection import close_database, open_database, user_data_folder
from archive_desk.db.store import ENV_DB, Location, default_location
from archive_desk.errors import (
    DatabaseDamaged,
    DatabaseError,
    DatabaseTooNew,
    KnownError,
    PasswordNeeded,
)
from archive_desk.paths import resource
from archive_desk.permissions import Actor
from archive_desk.ui import crash, messages
from archive_desk.ui.background import wait as reads_wait
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.login import ChangePasswordDialog, FirstStartDialog, LoginDialog
from archive_desk.ui.preferences import Preferences

if TYPE_CHECKING:
    from archive_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

EXIT_AT_LOGIN = "ARCHIVE_DESK_EXIT_AT_LOGIN"


def translation_file(language: str) -> Path | None:
    """The compiled translation (``.qm``) shipped for ``language``, if any."""
    if language == "en":
        return None
    path = resource("i18n", f"archive_desk_{language}.qm")
    return path if path.exists() else None


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load the program's and Qt's own translations (kept alive by the returned list) and make
    ``language`` Qt's default locale (month and day names of the calendar popup).

    Qt asks the translator installed last first: Qt's ``qtbase`` file answers Qt's strings and
    the program's own file fills the few it lacks (:mod:`archive_desk.ui.qt_strings`)."""
    installed: list[QTranslator] = []
    if language != "en":
        QLocale.setDefault(QLocale(language))
    qm = translation_file(language)
    if qm is not None:
        own = QTranslator(app)
        if own.load(str(qm)):
            app.installTranslator(own)
            installed.append(own)
        else:
            log.warning("could not load translation %s", qm)
    if language != "en":
        qt = QTranslator(app)
        if qt.load(
            QLocale(language),
            "qtbase",
            "_",
            QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        ):
            app.installTranslator(qt)
            installed.append(qt)
        else:  # a frozen build without Qt's translations: standard dialogs would be English
            log.warning("Qt's own translation for %s not found", language)
    log.info("translations: %s", ", ".join(t.filePath() for t in installed) or "none")
    return installed


def register_fonts(app: QApplication) -> list[str]:
    """Make Chinese render on a PC without a Chinese font: when Qt knows no family for
    Simplified Chinese, the bundled font (``resources/fonts``, the forms' font) is added and
    put after the default family in the application font, so Qt takes Chinese characters from
    it. Where the PC has a Chinese font (YaHei, SimSun …) the UI keeps it. Returns the families
    added. Costs ~5 ms: the query builds Qt's font list, which the first text drawn would build
    anyway."""
    if QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        return []
    folder = resource("fonts")
    added: list[str] = []
    for path in sorted(folder.glob("*.tt[cf]")) if folder.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            added += QFontDatabase.applicationFontFamilies(font_id)[:1]  # not the Mono face
    if added:
        font = app.font()
        font.setFamilies([font.family(), *added])
        app.setFont(font)
    log.info("no Chinese font on this PC: the UI takes Chinese from %s", added or "nothing")
    return added


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("档案台")
    app.setOrganizationName(APP_NAME)
    icon = resource("icons", "archive-desk.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    register_fonts(app)
    return app


def _process_age_ms() -> float | None:
    """Milliseconds since this process was created, as the operating system tells it (Linux:
    10 ms steps; Windows: the creation time), or None where it cannot be read."""
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/stat", encoding="ascii") as stat:
                fields = stat.read().rpartition(")")[2].split()
            started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: since boot
            return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000
        except (OSError, ValueError, IndexError):
            return None
    if sys.platform == "win32":
        import ctypes
        from ctypes import wintypes

        times = [wintypes.FILETIME() for _ in range(4)]
        now = wintypes.FILETIME()
        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        if not kernel.GetProcessTimes(kernel.GetCurrentProcess(), *map(ctypes.byref, times)):
            return None
        kernel.GetSystemTimePreciseAsFileTime(ctypes.byref(now))

        def ticks(ft: wintypes.FILETIME) -> int:  # 100 ns
            return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

        return (ticks(now) - ticks(times[0])) / 10_000
    return None


class _FirstPaint(QObject):
    """Prints ``LOGIN_PAINTED`` once the dialog has been painted, then ends the process at once
    (no backup, no further start-up work: a measurement, see the module's docstring)."""

    def __init__(self, dialog: QDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog and event.type() == QEvent.Type.Paint:
            self.dialog.removeEventFilter(self)
            QTimer.singleShot(0, self._report)  # after this paint and the flush to the screen
        return False

    def _report(self) -> None:
        age = _process_age_ms()
        shown = f"{age:.0f}" if age is not None else "?"
        if sys.stdout is not None:  # None in the windowed build
            print(f"LOGIN_PAINTED {self.dialog.objectName()} {shown}", flush=True)
        logging.shutdown()
        os._exit(0)


def _exit_once_painted(dialog: QDialog) -> None:
    if os.environ.get(EXIT_AT_LOGIN, "").strip() not in ("", "0"):
        _FirstPaint(dialog)


def open_store(
    location: Path | Location, parent: QWidget | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> bool:
    """Open (and migrate) the database, telling the clerk what stands in the way and what to do.

    On a server: a password no pgpass file or keyring holds is asked for
    (:class:`ServerPasswordDialog`); a server that cannot be reached, refuses or is busy is told,
    with "try again?" — the program offers no backup of its own for a server's database.

    A damaged (or vanished) file: offer the newest backup that passes the check, restored through
    the service. Busy, read-only, full, a folder or network path gone, a disk error: say so (the
    message says where) and offer to try again once the cause is gone — a backup is no answer to
    those. A file from a newer program: say so and stop.
    """
    place = Location.of(location)
    if place.is_server:
        return _open_server(place, parent)
    db_path = place.path
    while True:
        try:
            if _vanished_with_backups(db_path):
                return _offer_backup(db_path, parent, _vanished_message(db_path), clock)
            open_database(db_path, create=_may_create(db_path))
            return True
        except DatabaseTooNew as exc:
            messages.error(parent, exc.message)
            return False
        except DatabaseDamaged as exc:
            close_database()
            return _offer_backup(db_path, parent, exc.message, clock)
        except DatabaseError as exc:  # busy, read-only, full, missing, I/O: the cause can go
            close_database()
            log.warning("cannot open %s: %s", db_path, exc.message)
            again = QApplication.translate("startup", "Try again?")
            if not messages.confirm(parent, f"{exc.message}\n\n{again}", default_yes=True):
                return False


def _open_server(location: Location, parent: QWidget | None) -> bool:
    while True:
        try:
            open_database(location)
            return True
        except DatabaseTooNew as exc:
            messages.error(parent, exc.message)
            return False
        except PasswordNeeded as exc:
            from archive_desk.ui.dialogs.login import ServerPasswordDialog

            return bool(ServerPasswordDialog(location, exc.message, parent).exec())
        except DatabaseError as exc:
            close_database()
            log.warning("cannot open %s: %s", location.label, exc.message)
            again = QApplication.translate("startup", "Try again?")
            if not messages.confirm(parent, f"{exc.message}\n\n{again}", default_yes=True):
                return False


def _may_create(db_path: Path) -> bool:
    """A new archive is started where there is none only in a folder that is there (a first
    start, or ``--db`` naming a new file), or in the user's own data folder. A missing folder
    elsewhere is a network path or a removable disk that is not connected: starting an empty
    archive there would hide the real one."""
    return db_path.parent.is_dir() or db_path.parent == user_data_folder()


def _vanished_with_backups(db_path: Path) -> bool:
    """The file is gone but its backup folder is not: it was deleted or moved, not new."""
    return not db_path.exists() and db_path.parent.is_dir() and bool(backup.list_backups(db_path))


def _vanished_message(db_path: Path) -> str:
    return QApplication.translate(
        "startup", "The database file %1 is missing, but its backup folder holds backups."
    ).replace("%1", str(db_path))


def _offer_backup(db_path: Path, parent: QWidget | None, problem: str, clock: Clock) -> bool:
    """Offer the newest backup that passes the check; restore it through the service."""
    source = backup.newest_usable_backup(db_path)
    if source is None:
        messages.error(
            parent,
            problem
            + "\n\n"
            + QApplication.translate(
                "startup",
                "No backup that passes the check was found in %1. Ask your administrator for a "
                "copy of the archive.",
            ).replace("%1", str(backup.backup_dir(db_path))),
        )
        return False
    taken = dt.datetime.fromtimestamp(source.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    question = (
        QApplication.translate(
            "startup",
            "Restore the newest backup that passes the check (%1, taken %2)? "
            "The present file is kept in the backup folder.",
        )
        .replace("%1", source.name)
        .replace("%2", taken)
    )
    if not messages.confirm(parent, f"{problem}\n\n{question}", default_yes=True):
        return False
    try:
        done = backups.restore_damaged(db_path, source, clock)
    except KnownError as exc:
        close_database()
        messages.error(parent, exc.message)
        return False
    messages.info(
        parent,
        QApplication.translate(
            "startup",
            "The archive was restored from %1. The replaced file was kept as %2. "
            "Work entered after %3 must be entered again.",
        )
        .replace("%1", done.source.name)
        .replace("%2", str(done.kept))
        .replace("%3", taken),
    )
    return True


def log_in(
    prefs: Preferences, *, clock: Clock = SYSTEM_CLOCK, after_logout: bool = False
) -> Actor | None:
    """First start or login, then a forced password change if the account needs one.

    At the program's start the login offers this workstation's last user (the cursor in the
    password); after a log-out it starts empty with the cursor in the user name: the next
    person at the desk types their own name, and a password typed straight away is not a
    failed login of the one who just left. After the demo is loaded it offers the demo clerk."""
    actor: Actor | None = None
    username = "" if after_logout else prefs.last_user()
    if not accounts.has_users():
        first = FirstStartDialog(clock=clock)
        _exit_once_painted(first)
        if not first.exec():
            return None
        actor = first.actor
        username = first.suggested_user or username
    if actor is None:
        dialog = LoginDialog(clock=clock, username=username, org_name=settings.get("org.name"))
        _exit_once_painted(dialog)
        if not dialog.exec():
            return None
        actor = dialog.actor
    assert actor is not None
    prefs.set_last_user(actor.username)
    must_change = accounts.current_user(actor).must_change_password
    if must_change and not ChangePasswordDialog(actor, forced=True).exec():
        return None
    return actor


# What the first minutes need, imported while the login dialog waits for the password (the GUI
# thread is idle then): the window's first tabs and the services behind the overview.
PRELOAD = (
    "archive_desk.ui.main_window",
    "archive_desk.ui.tabs.overview_tab",
    "archive_desk.ui.tabs.cards_tab",
    "archive_desk.ui.tabs.borrowing_tab",
)


def start_background_work(location: Path | Location, clock: Clock) -> threading.Thread:
    """What the start need not wait for, in a thread of its own: importing what the main window
    will need (:data:`PRELOAD`, ~0.3 s), loading the pinyin dictionaries (~0.45 s) and the
    first backup of the day (a full copy and check: ~20 s at 2 GB, once a day; a desk's file
    only: a server's database is backed up by IT). The backup uses its own connection; a
    failure is logged, never raised."""
    place = Location.of(location)

    def work() -> None:
        for name in PRELOAD:
            try:
                importlib.import_module(name)
            except Exception:  # the GUI thread then imports it itself and reports the error
                log.exception("preloading %s failed", name)
        try:
            pinyin.warm_up()
        except Exception:  # the first search would then load it itself
            log.exception("pinyin warm-up failed")
        if place.is_server:
            return
        try:
            backup.daily_backup_if_due(place.path, clock)
        except KnownError as exc:
            log.warning("daily backup failed: %s", exc.message)
        except Exception:  # a backup must never take the program down
            log.exception("daily backup failed")

    thread = threading.Thread(target=work, name="archive-desk-start", daemon=True)
    thread.start()
    return thread


def run_gui(
    location: Path | Location | None = None,
    *,
    crash_dialog: bool = True,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """The program's GUI on ``location`` (``--db``); None: ``$ARCHIVE_DESK_DB``, else the
    location chosen under File › Archive location, else the desk's file."""
    app = make_application()
    prefs = Preferences()
    translators = install_translators(app, prefs.language())  # noqa: F841 - kept alive
    crash.install(dialog=crash_dialog)
    db_path = chosen_location(location, prefs)
    if not open_store(db_path, clock=clock):
        return 1
    # once the login dialog is up (a zero timer fires in its loop): started before it, the
    # preloading thread competed for the interpreter with building the dialog
    started: list[threading.Thread] = []
    QTimer.singleShot(0, lambda: started.append(start_background_work(db_path, clock)))
    rc = 0
    logged_out = False
    while True:
        actor = log_in(prefs, clock=clock, after_logout=logged_out)
        if actor is None:
            break
        window = show_main_window(db_path, actor, prefs, clock=clock)
        rc = app.exec()
        logged_out = window.logging_out
        if not logged_out:
            break
    back_up_before_closing(db_path, clock, started)
    close_database()
    return rc


def chosen_location(location: Path | Location | None, prefs: Preferences) -> Location:
    """``--db``, else ``$ARCHIVE_DESK_DB``, else the preferences' choice, else the desk's file."""
    if location is not None:
        return Location.of(location)
    if not os.environ.get(ENV_DB) and prefs.store():
        return Location.of(prefs.store())
    return default_location()


def show_main_window(
    db_path: Path | Location, actor: Actor, prefs: Preferences, *, clock: Clock = SYSTEM_CLOCK
) -> MainWindow:
    """The main window for ``actor``, shown (what follows the accepted password)."""
    from archive_desk.ui.main_window import MainWindow

    window = MainWindow(AppContext(location=db_path, actor=actor, clock=clock), prefs)
    window.show()
    return window


def back_up_before_closing(
    db_path: Path | Location,
    clock: Clock,
    waits: list[threading.Thread],
    *,
    min_duration_ms: int = 400,
) -> None:
    """The backup at exit, after the start thread (whose day's backup may still run) and any
    screen read: in the worker, with a small window saying so when it takes more than a moment
    (a copy and check of a 2.4 GB file takes ~40 s; without it the program seemed gone while
    it still held the file). A failure is told and logged; the program closes anyway. A
    server's database: none (IT backs the server up; File › Back up takes a pg_dump)."""
    place = Location.of(db_path)
    if place.is_server:
        for thread in waits:
            thread.join()
        reads_wait()
        return

    def work(_progress: object) -> Path | None:
        for thread in waits:
            thread.join()  # the day's first backup finishes before the one at exit starts
        reads_wait()  # no screen read still using the file
        return backup.backup_on_exit(place.path, clock)

    from archive_desk.ui.worker import run_with_progress

    label = QApplication.translate("startup", "Backing up the archive before closing…")
    run_with_progress(None, label, work, min_duration_ms=min_duration_ms, cancellable=False)
