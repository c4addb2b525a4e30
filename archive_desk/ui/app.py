"""Start the GUI: QApplication, translation, the store, first start, login, the main window.

Each step is a function of its own so tests can drive it; :func:`run_gui` strings them together.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from archive_desk import APP_NAME, accounts, pinyin, settings
from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db import backup
from archive_desk.db.connection import close_database, open_database
from archive_desk.errors import DatabaseError, DatabaseTooNew, KnownError
from archive_desk.paths import resource
from archive_desk.permissions import Actor
from archive_desk.ui import crash, messages
from archive_desk.ui.background import wait as reads_wait
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.login import ChangePasswordDialog, FirstStartDialog, LoginDialog
from archive_desk.ui.preferences import Preferences

log = logging.getLogger(__name__)


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
    return installed


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("档案台")
    app.setOrganizationName(APP_NAME)
    return app


def open_store(
    db_path: Path, parent: QWidget | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> bool:
    """Open (and migrate) the database. On a damaged file offer the latest backup."""
    while True:
        try:
            open_database(db_path)
            return True
        except DatabaseTooNew as exc:
            messages.error(parent, exc.message)
            return False
        except DatabaseError as exc:
            latest = backup.latest_backup(db_path)
            if latest is None:
                messages.error(parent, exc.message)
                return False
            text = (
                exc.message
                + "\n\n"
                + QApplication.translate(
                    "startup", "Restore the latest backup (%1)? The damaged file is kept."
                ).replace("%1", latest.name)
            )
            if not messages.confirm(parent, text, default_yes=True):
                return False
            close_database()
            try:
                backup.restore(db_path, latest, clock=clock)
            except KnownError as restore_error:
                messages.error(parent, restore_error.message)
                return False


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
        if not first.exec():
            return None
        actor = first.actor
        username = first.suggested_user or username
    if actor is None:
        dialog = LoginDialog(clock=clock, username=username, org_name=settings.get("org.name"))
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


def start_background_work(db_path: Path, clock: Clock) -> threading.Thread:
    """What the start need not wait for, in a thread of its own: importing what the main window
    will need (:data:`PRELOAD`, ~0.3 s), loading the pinyin dictionaries (~0.45 s) and the
    first backup of the day (a full copy and check: ~20 s at 2 GB, once a day). The backup
    uses its own connection; a failure is logged, never raised."""

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
        try:
            backup.daily_backup_if_due(db_path, clock)
        except KnownError as exc:
            log.warning("daily backup failed: %s", exc.message)
        except Exception:  # a backup must never take the program down
            log.exception("daily backup failed")

    thread = threading.Thread(target=work, name="archive-desk-start", daemon=True)
    thread.start()
    return thread


def run_gui(db_path: Path, *, crash_dialog: bool = True, clock: Clock = SYSTEM_CLOCK) -> int:
    app = make_application()
    prefs = Preferences()
    translators = install_translators(app, prefs.language())  # noqa: F841 - kept alive
    crash.install(dialog=crash_dialog)
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
        from archive_desk.ui.main_window import MainWindow

        window = MainWindow(AppContext(db_path=db_path, actor=actor, clock=clock), prefs)
        window.show()
        rc = app.exec()
        logged_out = window.logging_out
        if not logged_out:
            break
    back_up_before_closing(db_path, clock, started)
    close_database()
    return rc


def back_up_before_closing(
    db_path: Path, clock: Clock, waits: list[threading.Thread], *, min_duration_ms: int = 400
) -> None:
    """The backup at exit, after the start thread (whose day's backup may still run) and any
    screen read: in the worker, with a small window saying so when it takes more than a moment
    (a copy and check of a 2.4 GB file takes ~40 s; without it the program seemed gone while
    it still held the file). A failure is told and logged; the program closes anyway."""

    def work(_progress: object) -> Path | None:
        for thread in waits:
            thread.join()  # the day's first backup finishes before the one at exit starts
        reads_wait()  # no screen read still using the file
        return backup.backup_on_exit(db_path, clock)

    from archive_desk.ui.worker import run_with_progress

    label = QApplication.translate("startup", "Backing up the archive before closing…")
    run_with_progress(None, label, work, min_duration_ms=min_duration_ms, cancellable=False)
