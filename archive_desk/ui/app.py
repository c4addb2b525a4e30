"""Start the GUI: QApplication, translation, the first dialog, the store, the main window.

The archive is a SQLite file or a database on the company's server (:class:`Location`: ``--db``,
``$ARCHIVE_DESK_DB``, the workstation's choice under File › Archive location, else the desk's
file; :func:`chosen_location`). The clerk's start: the login dialog is painted first, with PySide6's widgets and the dialog
itself imported and nothing else; then the start thread (:class:`StartThread`) imports the
services, opens the archive (migrations, the bounded integrity check, the write lock) and asks
whether it has users, while she types. Her OK waits for that answer (the dialog says "opening the
archive…" if she is faster); a store that cannot be opened is told, with the same messages and
offers as ever (:func:`tell`), the moment it is known, and tried again in the thread when she
asks; an archive without users turns the dialog into the first start's. Then the same thread
preloads the main window and the pinyin dictionaries and takes the day's backup. Each step is a
function of its own so tests can drive it; :func:`run_gui` strings them together.

With ``ARCHIVE_DESK_EXIT_AT_LOGIN=1`` in the environment the program starts as usual, prints
``LOGIN_PAINTED <dialog> <ms since the process started>`` once its first dialog (login, or the
first start's) is painted and ends at once: how start-up is measured on a PC as the clerk meets
it (``bench/suite.py`` row (a), ``make dist-check``). With ``=store`` it goes on and prints
``STORE_READY <ms>`` (or ``STORE_FAILED <ms>``) once the start thread has opened the archive
behind the dialog, then ends.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import (
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from archive_desk import APP_NAME
from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.location import ENV_DB, Location, default_location
from archive_desk.errors import (
    DatabaseDamaged,
    DatabaseError,
    DatabaseTooNew,
    KnownError,
    ServerLoginFailed,
)
from archive_desk.paths import resource
from archive_desk.ui import crash, messages
from archive_desk.ui.dialogs.login import ChangePasswordDialog, FirstStartDialog, LoginDialog
from archive_desk.ui.preferences import Preferences

# Nothing of the services, the database or peewee above: this module is on the path to the first
# paint. They are imported inside the functions that use them, by then loaded by the start thread.
if TYPE_CHECKING:
    from archive_desk.permissions import Actor
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
    """Calls ``then()`` once ``dialog`` has been painted and flushed to the screen (a zero timer
    after its first paint event), or after ``fallback_ms`` if no paint comes (a start minimized);
    never once the dialog has finished. It holds no reference to the dialog (its parent): no
    reference cycle keeps the dialog for the garbage collector (see :meth:`StartThread.begin`)."""

    def __init__(self, dialog: QDialog, then: Callable[[], None], fallback_ms: int = 1000) -> None:
        super().__init__(dialog)
        self.then: Callable[[], None] | None = then
        dialog.installEventFilter(self)
        dialog.finished.connect(self._forget)
        QTimer.singleShot(fallback_ms, self, self._painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and watched is self.parent():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._painted)  # after this paint and the flush
        return False

    def _painted(self) -> None:
        then, self.then = self.then, None
        if then is not None:
            then()

    def _forget(self) -> None:
        self.then = None
        dialog = self.parent()
        if dialog is not None:
            dialog.removeEventFilter(self)


def _measuring() -> str:
    """The start-up measurement asked for (see the module's docstring): "" none, "login" or
    "store"."""
    value = os.environ.get(EXIT_AT_LOGIN, "").strip()
    if value in ("", "0"):
        return ""
    return "store" if value == "store" else "login"


def _say(line: str) -> None:
    """A line of the start-up measurement on stdout, with the process's age."""
    age = _process_age_ms()
    if sys.stdout is not None:  # None in the windowed build
        print(f"{line} {f'{age:.0f}' if age is not None else '?'}", flush=True)


def _end_measurement(line: str | None = None) -> None:
    """The measurement's last line, then the end: no backup, nothing more."""
    if line:
        _say(line)
    logging.shutdown()
    os._exit(0)


# --- the store ------------------------------------------------------------------------------


class StoreAnswer(NamedTuple):
    """What opening the archive found: ``error`` (what stands in the way) or ``vanished`` (the
    file is gone but its backups are there), else whether it has users and the organisation's
    name."""

    error: DatabaseError | None = None
    vanished: bool = False
    has_users: bool = False
    org_name: str = ""

    @property
    def opened(self) -> bool:
        return self.error is None and not self.vanished


class Retry(NamedTuple):
    """Try opening the archive again (:func:`tell`'s answer): at ``location`` — the same, or
    the server or file the clerk chose instead — with the server password she typed (None: the
    usual sources), kept in the keyring after it worked when ``remember``."""

    location: Location
    password: str | None = None
    remember: bool = False


def try_open(
    location: Path | Location, *, password: str | None = None, remember: bool = False
) -> StoreAnswer:
    """Open (and migrate, and check) the archive and read what the first dialog needs; shows
    nothing (it runs in the start thread). The connection it made is closed again: peewee keeps
    one per thread, and each thread that queries later connects with the same pragmas (on a
    server, with the password the process holds). A server's password that no pgpass file or
    keyring holds is an answer too (:class:`PasswordNeeded`: :func:`tell` asks for it). A
    ``password`` the clerk typed is tried (and kept in the keyring if she said ``remember``)."""
    from archive_desk import accounts, settings
    from archive_desk.db.connection import close_database, open_database, translate_errors

    place = Location.of(location)
    try:
        if place.is_server:
            open_database(place, password=password)
            if remember and password is not None:
                from archive_desk.db import postgres

                postgres.remember_password(place, password)
        else:
            if _vanished_with_backups(place.path):
                return StoreAnswer(vanished=True)
            open_database(place.path, create=_may_create(place.path))
        with translate_errors(None if place.is_server else place.path, opening=True):
            users = accounts.has_users()
            return StoreAnswer(has_users=users, org_name=settings.get("org.name") if users else "")
    except DatabaseError as exc:
        return StoreAnswer(error=exc)
    finally:
        close_database()


def open_store(
    location: Path | Location, parent: QWidget | None = None, *, clock: Clock = SYSTEM_CLOCK
) -> bool:
    """Open (and migrate) the database here and now, telling the clerk what stands in the way
    and what to do (:func:`tell`) until it is open or she gives up."""
    attempt = Retry(Location.of(location))
    while True:
        answer = try_open(attempt.location, password=attempt.password, remember=attempt.remember)
        told = tell(attempt.location, answer, parent, clock)
        if not isinstance(told, Retry):
            return told
        attempt = told


def tell(
    location: Path | Location,
    answer: StoreAnswer,
    parent: QWidget | None,
    clock: Clock,
    prefs: Preferences | None = None,
) -> bool | Retry:
    """What :func:`try_open` found, told: True when the archive is open (restored, if it had to
    be), False when the clerk gave up, a :class:`Retry` when she asks to try again (there or
    elsewhere).

    A damaged (or vanished) file: offer the newest backup that passes the check, restored through
    the service. Busy, read-only, full, a folder or network path gone, a disk error: say so (the
    message says where) and offer to try again once the cause is gone — a backup is no answer to
    those. A file from a newer program: say so and stop.

    On a server (down, wrong address, a password refused or none known, no such database,
    busy …): what happened and where, and in the same dialog (:class:`ServerProblemDialog`)
    connect again, correct the address or the password, or go to an archive file on this
    computer; the new choice is kept in ``prefs``. The program offers no backup of its own for
    a server's database.
    """
    place = Location.of(location)
    if answer.vanished:
        return _offer_backup(place.path, parent, _vanished_message(place.path), clock)
    exc = answer.error
    if exc is None:
        return True
    if isinstance(exc, DatabaseTooNew):
        messages.error(parent, exc.message)
        return False
    if place.is_server:
        return _ask_about_server(place, exc, parent, prefs)
    if isinstance(exc, DatabaseDamaged):  # a file: on a server the answer came above
        return _offer_backup(place.path, parent, exc.message, clock)
    # busy, read-only, full, missing, I/O, a server unreachable: the cause can go
    log.warning("cannot open %s: %s", place.label, exc.message)
    again = QApplication.translate("startup", "Try again?")
    if messages.confirm(parent, f"{exc.message}\n\n{again}", default_yes=True):
        return Retry(place)
    return False


def _ask_about_server(
    place: Location, exc: DatabaseError, parent: QWidget | None, prefs: Preferences | None
) -> bool | Retry:
    """The server cannot be used: the clerk's choice of what to try next, or False (quit)."""
    from archive_desk.ui.dialogs.server_problem import ServerProblemDialog

    log.warning("cannot open %s: %s", place.label, exc.message)
    dialog = ServerProblemDialog(
        place,
        exc.message,
        ask_password=isinstance(exc, ServerLoginFailed),
        prefs=prefs,
        parent=parent,
    )
    if not dialog.exec():
        return False
    return Retry(dialog.chosen, dialog.password, dialog.remember)


def _may_create(db_path: Path) -> bool:
    """A new archive is started where there is none only in a folder that is there (a first
    start, or ``--db`` naming a new file), or in the user's own data folder. A missing folder
    elsewhere is a network path or a removable disk that is not connected: starting an empty
    archive there would hide the real one."""
    from archive_desk.db.location import user_data_folder

    return db_path.parent.is_dir() or db_path.parent == user_data_folder()


def _vanished_with_backups(db_path: Path) -> bool:
    """The file is gone but its backup folder is not: it was deleted or moved, not new."""
    from archive_desk.db import backup

    return not db_path.exists() and db_path.parent.is_dir() and bool(backup.list_backups(db_path))


def _vanished_message(db_path: Path) -> str:
    return QApplication.translate(
        "startup", "The database file %1 is missing, but its backup folder holds backups."
    ).replace("%1", str(db_path))


def _offer_backup(db_path: Path, parent: QWidget | None, problem: str, clock: Clock) -> bool:
    """Offer the newest backup that passes the check; restore it through the service."""
    from archive_desk import backups
    from archive_desk.db import backup
    from archive_desk.db.connection import close_database

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


# --- the start thread -----------------------------------------------------------------------


class StoreNotOpened(Exception):
    """The archive could not be opened and the clerk gave up (she has been told why)."""


class StartThread(QObject):
    """The start's work off the GUI thread, begun once the first dialog is painted (:meth:`begin`):
    :func:`try_open`, answered on the GUI thread (:attr:`answered`, then :attr:`answer`); then,
    when the archive opened, :func:`background_work`. Begun before the paint, the imports competed
    with building and painting the dialog for the interpreter."""

    answered = Signal()
    _tried = Signal(object)  # queued to the GUI thread, where this object lives

    def __init__(self, location: Path | Location, clock: Clock = SYSTEM_CLOCK) -> None:
        super().__init__()
        self.location = Location.of(location)
        self.clock = clock
        self.delivered = False  # the answer has reached the GUI thread
        self.answer: StoreAnswer | None = None  # None after a bug in the thread
        self.threads: list[threading.Thread] = []  # the backup at exit waits for them
        self._open = False
        self._attempt = Retry(self.location)
        self._done_trying = threading.Event()
        self._tried.connect(self._deliver)

    def try_again(self, attempt: Retry | None = None) -> None:
        """The clerk asked to try again (the cause is gone, she says; or at another server or
        file, or with a password she typed): the same try, answered the same way, the dialog
        waiting meanwhile. From now on :attr:`location` is where it tries."""
        self._attempt = attempt or Retry(self.location)
        self.location = self._attempt.location
        self._done_trying.clear()
        self._run(self._work)

    def begin(self) -> None:
        """Start the thread (once).

        WORKAROUND: Python's cyclic garbage collector runs in whichever thread allocates when
        it is due, and the start thread allocates a lot (it imports the services). A Qt object
        left in a reference cycle would then be deleted off the GUI thread: a crash. What is
        garbage now is collected here, on the GUI thread (~5 ms, after the paint)."""
        if not self.threads:
            gc.collect()
            self._run(self._work)

    def continue_after_recovery(self) -> None:
        """The GUI thread opened the archive after the thread could not (a restore, a retry):
        what the thread would have done next."""
        self._open = True
        self._run(lambda: background_work(self.location, self.clock))

    def store_open(self) -> bool:
        """Whether the archive is open; waits for the thread's try if it is still on it (the
        clerk may leave before it answers). False when the thread was never begun."""
        if not self.threads:
            return False
        self._done_trying.wait()
        return self._open

    def busy(self) -> bool:
        """Not begun, or some of its work still running (bench and tests wait for it)."""
        return not self.threads or any(t.is_alive() for t in self.threads)

    def _run(self, work: Callable[[], None]) -> None:
        thread = threading.Thread(target=work, name="archive-desk-start", daemon=True)
        self.threads.append(thread)
        thread.start()

    def _work(self) -> None:
        result: StoreAnswer | BaseException
        attempt = self._attempt
        try:
            result = try_open(
                attempt.location, password=attempt.password, remember=attempt.remember
            )
        except BaseException as exc:  # a bug: raised on the GUI thread for the crash hook
            result = exc
        self._open = isinstance(result, StoreAnswer) and result.opened
        self._done_trying.set()
        self._tried.emit(result)
        if self._open:
            background_work(attempt.location, self.clock)

    @Slot(object)
    def _deliver(self, result: object) -> None:
        self.answer = result if isinstance(result, StoreAnswer) else None
        self.delivered = True
        self.answered.emit()
        if isinstance(result, BaseException):
            raise result


# What the first minutes need, imported while the login dialog waits for the password (the GUI
# thread is idle then): the window's first tabs, the services behind the overview, argon2 for the
# password check.
PRELOAD = (
    "argon2",
    "archive_desk.ui.main_window",
    "archive_desk.ui.tabs.overview_tab",
    "archive_desk.ui.tabs.cards_tab",
    "archive_desk.ui.tabs.borrowing_tab",
)


def background_work(location: Path | Location, clock: Clock) -> None:
    """What the start need not wait for, once the archive is open: importing what the main
    window will need (:data:`PRELOAD`, ~0.3 s), loading the pinyin dictionaries (~0.45 s) and
    the first backup of the day (a full copy and check: ~20 s at 2 GB, once a day; a desk's
    file only: a server's database is backed up by IT). The backup uses its own connection; a
    failure is logged, never raised."""
    import importlib

    from archive_desk import pinyin
    from archive_desk.db import backup

    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # the GUI thread then imports it itself and reports the error
            log.exception("preloading %s failed", name)
    try:
        pinyin.warm_up()
    except Exception:  # the first search would then load it itself
        log.exception("pinyin warm-up failed")
    place = Location.of(location)
    if place.is_server:
        return
    try:
        backup.daily_backup_if_due(place.path, clock)
    except KnownError as exc:
        log.warning("daily backup failed: %s", exc.message)
    except Exception:  # a backup must never take the program down
        log.exception("daily backup failed")


def start_background_work(db_path: Path | Location, clock: Clock) -> threading.Thread:
    """:func:`background_work` in a thread of its own (a start with the archive already open)."""
    thread = threading.Thread(
        target=background_work, args=(db_path, clock), name="archive-desk-start", daemon=True
    )
    thread.start()
    return thread


# --- the first dialog -----------------------------------------------------------------------

_SWITCH = 2  # the first dialog's code: the archive said the other one is wanted
_NOT_OPENED = 3  # the first dialog's code: the archive could not be opened
_TRYING_AGAIN = -1  # the dialog waits on: the start thread tries the archive again


def _ask(
    dialog: LoginDialog | FirstStartDialog, start: StartThread | None, prefs: Preferences
) -> int:
    """``dialog.exec()``. When it is the start's first dialog, its painting begins the start
    thread and its OK waits for the archive (see the module's docstring): the store's answer
    settles it — told and recovered, or refused (``_NOT_OPENED``), or the other dialog wanted
    (``_SWITCH``) — or releases it."""
    if start is None or start.delivered:
        return dialog.exec()
    dialog.hold()

    def painted() -> None:
        if _measuring():
            _say(f"LOGIN_PAINTED {dialog.objectName()}")
        if _measuring() == "login":
            _end_measurement()  # at once: the bench times the line as it comes
        start.begin()

    def answered() -> None:
        if not (dialog.isVisible() and dialog.held):
            return
        code = _settle(dialog, start, prefs)
        if code is None:
            dialog.release()
        elif code != _TRYING_AGAIN:
            dialog.done(code)

    _FirstPaint(dialog, painted)
    if _measuring():  # first: the measurement ends before anything is shown
        start.answered.connect(
            lambda: _end_measurement(
                "STORE_READY"
                if start.answer is not None and start.answer.opened
                else "STORE_FAILED"
            )
        )
    start.answered.connect(answered)
    try:
        return dialog.exec()
    finally:
        start.answered.disconnect(answered)


def _settle(
    dialog: LoginDialog | FirstStartDialog, start: StartThread, prefs: Preferences
) -> int | None:
    """The store has answered while ``dialog`` waits: tell what stands in the way, over the
    dialog (:func:`tell`); None when the dialog can go on, else its code."""
    answer = start.answer
    if answer is None:  # the thread failed with a bug (the crash hook tells it)
        return _NOT_OPENED
    if answer.opened:
        has_users, org_name = answer.has_users, answer.org_name
    else:
        told = tell(start.location, answer, dialog, start.clock, prefs)
        if isinstance(told, Retry):
            start.try_again(told)  # in the thread: the dialog stays alive meanwhile
            return _TRYING_AGAIN
        if not told:
            return _NOT_OPENED
        from archive_desk import accounts, settings  # restored: open on this thread now

        has_users, org_name = accounts.has_users(), settings.get("org.name")
        start.continue_after_recovery()
    if has_users:
        prefs.set_org_name(org_name)
    if has_users != isinstance(dialog, LoginDialog):
        return _SWITCH
    if isinstance(dialog, LoginDialog):
        dialog.set_org_name(org_name)
    return None


def log_in(
    prefs: Preferences,
    *,
    clock: Clock = SYSTEM_CLOCK,
    after_logout: bool = False,
    start: StartThread | None = None,
) -> Actor | None:
    """First start or login, then a forced password change if the account needs one.

    With ``start`` (the program's start, the archive not yet open) the first dialog is painted
    at once, chosen by whether the archive file is there (none: the first start), and switched
    if the archive says otherwise; the start thread opens the archive meanwhile (:func:`_ask`).
    Raises :class:`StoreNotOpened` when the archive cannot be opened and the clerk gives up.

    At the program's start the login offers this workstation's last user (the cursor in the
    password); after a log-out it starts empty with the cursor in the user name: the next
    person at the desk types their own name, and a password typed straight away is not a
    failed login of the one who just left. After the demo is loaded it offers the demo clerk."""
    username = "" if after_logout else prefs.last_user()
    if start is not None and not start.delivered:
        place = start.location  # a server's archive: the login, switched if it has no users
        first_start = not place.is_server and not place.path.exists()
    else:
        from archive_desk import accounts

        first_start = not accounts.has_users()
    actor: Actor | None = None
    while actor is None:
        if first_start:
            dialog: LoginDialog | FirstStartDialog = FirstStartDialog(clock=clock)
        else:
            dialog = LoginDialog(clock=clock, username=username, org_name=prefs.org_name())
        code = _ask(dialog, start, prefs)
        if code == _NOT_OPENED:
            raise StoreNotOpened
        if code == _SWITCH:
            first_start = not first_start
            continue
        if code != QDialog.DialogCode.Accepted.value:
            return None
        actor = dialog.actor
        if isinstance(dialog, FirstStartDialog):
            first_start = False  # the demo was loaded: log in with one of its accounts
            username = dialog.suggested_user or username
    return _after_login(actor, prefs)


def _after_login(actor: Actor, prefs: Preferences) -> Actor | None:
    """Remember who logged in; a forced password change if the account needs one."""
    from archive_desk import accounts

    prefs.set_last_user(actor.username)
    must_change = accounts.current_user(actor).must_change_password
    if must_change and not ChangePasswordDialog(actor, forced=True).exec():
        return None
    return actor


def run_gui(
    location: Path | Location | None = None,
    *,
    crash_dialog: bool = True,
    clock: Clock = SYSTEM_CLOCK,
) -> int:
    """The program's GUI on ``location`` (``--db``); None: :func:`chosen_location`."""
    app = make_application()
    prefs = Preferences()
    translators = install_translators(app, prefs.language())  # noqa: F841 - kept alive
    crash.install(dialog=crash_dialog)
    db_path = chosen_location(location, prefs)
    start = StartThread(db_path, clock)
    rc = 0
    logged_out = False
    try:
        while True:
            actor = log_in(prefs, clock=clock, after_logout=logged_out, start=start)
            if actor is None:
                break
            db_path = start.location  # the clerk may have chosen another (a server down)
            window = show_main_window(db_path, actor, prefs, clock=clock)
            rc = app.exec()
            logged_out = window.logging_out
            if not logged_out:
                break
    except StoreNotOpened:
        return 1
    if not start.store_open():  # she left before the archive opened, or it never did
        return rc
    from archive_desk.db.connection import close_database

    back_up_before_closing(start.location, clock, start.threads)
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
    from archive_desk.ui.context import AppContext
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

    from archive_desk.db import backup
    from archive_desk.ui.background import wait as reads_wait
    from archive_desk.ui.worker import run_with_progress

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

    label = QApplication.translate("startup", "Backing up the archive before closing…")
    run_with_progress(None, label, work, min_duration_ms=min_duration_ms, cancellable=False)
