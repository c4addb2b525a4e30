"""Start-up probes, run in a fresh process by the suite (``python -m bench.probe app|bare …``).

``app DB USER``: what :func:`archive_desk.ui.app.run_gui` does up to the main window shown with
the first page of cards in the card list — QApplication, translators, the store opened (pragmas,
integrity check, migrations), the main window built and shown, the card tab brought to the front
when another tab comes first — with the login dialog replaced by the account it would return. ``bare``: import PySide6, a QApplication, an empty QMainWindow shown.

``stack DB``: the smallest program that shows the first page of cards on this project's stack, as
a reference for what the program itself adds — PySide6 and the program's peewee models imported,
the store opened without checks or migrations, the count and the first 40 rows read through
the models, one QTableView over them in a QMainWindow.

Each prints ``READY`` when its window is up (the parent times from spawning the process to that
line, so the interpreter's own start counts on both sides), then ``RSS <kB>`` (VmRSS: resident
memory with the window open) and ``HWM <kB>`` (the peak).

The start as the clerk meets it (process start → login dialog painted) needs no probe: the
program itself, source or frozen, run with ``ARCHIVE_DESK_EXIT_AT_LOGIN=1``, prints
``LOGIN_PAINTED`` and then ``STORE_READY`` (the archive opened behind the dialog; see
:mod:`archive_desk.ui.app`). What follows the password is:

``window DB USER PASSWORD``: the real start up to the login dialog (``run_gui``'s steps: the
dialog painted, the start thread opening the archive and preloading behind it), the clerk's
name and password typed once that thread is done (she types for seconds), 登录 clicked; prints
``WINDOW <ms> <ms>``: from the dialog accepted (the password checked) to the main window
painted with its first tab, and the password check itself.
``window-bare``: the floor — a dialog with two fields accepted, then an empty QMainWindow with
a tab painted; prints ``WINDOW <ms> 0``.
"""

from __future__ import annotations

import sys
import time


def _memory() -> dict[str, int]:
    found = {}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    found[key] = int(value.split()[0])
    except OSError:  # not Linux: peak only
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        found = {"VmRSS": peak, "VmHWM": peak}
    return found


def _report() -> None:
    print("READY", flush=True)
    mem = _memory()
    print(f"RSS {mem['VmRSS']}", flush=True)
    print(f"HWM {mem['VmHWM']}", flush=True)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    _report()


def stack(db_path: str) -> None:
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    from archive_desk.db.connection import make_sqlite
    from archive_desk.db.models import Card, database

    app = QApplication(sys.argv[:1])
    database.initialize(make_sqlite(db_path))
    shown = Card.select().where((Card.status == "active") & (Card.secrecy <= 3))
    total = shown.count()
    fields = (Card.archive_no, Card.name, Card.grade, Card.stage, Card.trade_status)
    rows = list(shown.select(*fields).order_by(Card.archive_no).limit(40).tuples())
    display = Qt.ItemDataRole.DisplayRole

    class Model(QAbstractTableModel):
        def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else total

        def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
            return 0 if parent.isValid() else len(fields)

        def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
            if role == display and index.row() < len(rows):
                return str(rows[index.row()][index.column()])
            return None

    window = QMainWindow()
    table = QTableView()
    model = Model()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    _report()


def program(db_path: str, username: str, now: str | None) -> None:
    from pathlib import Path

    from archive_desk.ui.app import install_translators, make_application, open_store

    app = make_application(sys.argv[:1])
    from archive_desk.ui.preferences import Preferences

    prefs = Preferences(Path(db_path).with_name("bench-prefs.ini"))
    translators = install_translators(app, prefs.language())  # noqa: F841 - kept alive
    from archive_desk.clock import SYSTEM_CLOCK, Clock, FixedClock

    clock: Clock = FixedClock(now) if now else SYSTEM_CLOCK
    if not open_store(Path(db_path), clock=clock):
        raise SystemExit("the store did not open")
    from archive_desk import accounts
    from archive_desk.db.models import User
    from archive_desk.ui.context import AppContext
    from archive_desk.ui.main_window import MainWindow

    actor = accounts.actor_for(User.get(User.username == username), clock)  # the login dialog
    window = MainWindow(AppContext(location=Path(db_path), actor=actor, clock=clock), prefs)
    window.show()
    app.processEvents()  # the window is exposed and painted
    window.show_tab("cards_tab")  # a no-op when the card list is the first tab
    model = window.cards_tab.model
    for _ in range(5000):  # a bounded wait: PySide misbehaves when spun for long
        app.processEvents()
        if model.pages_loaded or not model.rowCount():
            break
        time.sleep(0.001)
    else:
        raise SystemExit("the card list never asked for its first page")
    _report()


class _PaintWatch:
    """Quits ``app``'s loop once ``widget`` has been painted (and flushed: a zero timer after the
    paint event), noting when."""

    def __init__(self, app: object, widget: object) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.painted: float | None = None
        watch = self

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if watched is widget and event.type() == QEvent.Type.Paint:
                    widget.removeEventFilter(self)  # type: ignore[attr-defined]
                    QTimer.singleShot(0, watch.done)
                return False

        self.app = app
        self.filter = Filter()
        widget.installEventFilter(self.filter)  # type: ignore[attr-defined]

    def done(self) -> None:
        self.painted = time.perf_counter()
        self.app.quit()  # type: ignore[attr-defined]

    def wait(self, seconds: float = 60) -> float:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(int(seconds * 1000), self.app.quit)  # type: ignore[attr-defined]
        self.app.exec()  # type: ignore[attr-defined]
        if self.painted is None:
            raise SystemExit("never painted")
        return self.painted


def _finish(line: str) -> None:
    """Print the result and end at once: the screen reads and the start thread are not waited for."""
    import os

    print(line, flush=True)
    os._exit(0)


def window(db_path: str, username: str, password: str) -> None:
    from pathlib import Path

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from archive_desk.clock import SYSTEM_CLOCK
    from archive_desk.ui import app as gui
    from archive_desk.ui.dialogs.login import LoginDialog
    from archive_desk.ui.preferences import Preferences

    db = Path(db_path)
    app = gui.make_application(sys.argv[:1])
    prefs = Preferences(db.with_name("bench-prefs.ini"))
    translators = gui.install_translators(app, prefs.language())  # noqa: F841 - kept alive
    start = gui.StartThread(db, SYSTEM_CLOCK)  # begun once the login dialog is painted
    marks: dict[str, float] = {}

    def type_password() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LoginDialog) or start.busy():
            QTimer.singleShot(20, type_password)
            return
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.accepted.connect(lambda: marks.setdefault("accepted", time.perf_counter()))
        marks["enter"] = time.perf_counter()
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, type_password)
    actor = gui.log_in(prefs, start=start)  # the real dialog, answered by type_password
    if actor is None:
        raise SystemExit("the login was refused")
    main_window = gui.show_main_window(db, actor, prefs)
    painted = _PaintWatch(app, main_window.tabs.currentWidget()).wait()
    _finish(
        f"WINDOW {(painted - marks['accepted']) * 1000:.2f} "
        f"{(marks['accepted'] - marks['enter']) * 1000:.2f}"
    )


def window_bare() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (
        QApplication,
        QDialog,
        QDialogButtonBox,
        QFormLayout,
        QLineEdit,
        QMainWindow,
        QTabWidget,
        QWidget,
    )

    app = QApplication(sys.argv[:1])
    dialog = QDialog()
    form = QFormLayout(dialog)
    form.addRow("a", QLineEdit())
    form.addRow("b", QLineEdit())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    form.addRow(buttons)
    marks: dict[str, float] = {}
    dialog.accepted.connect(lambda: marks.setdefault("accepted", time.perf_counter()))
    QTimer.singleShot(50, buttons.button(QDialogButtonBox.StandardButton.Ok).click)
    dialog.exec()
    main_window = QMainWindow()
    tabs = QTabWidget()
    page = QWidget()
    tabs.addTab(page, "a")
    main_window.setCentralWidget(tabs)
    main_window.resize(1280, 800)
    main_window.show()
    painted = _PaintWatch(app, page).wait()
    _finish(f"WINDOW {(painted - marks['accepted']) * 1000:.2f} 0")


def main(argv: list[str]) -> int:
    if argv[:1] == ["bare"]:
        bare()
    elif argv[:1] == ["stack"] and len(argv) == 2:
        stack(argv[1])
    elif argv[:1] == ["app"] and len(argv) >= 3:
        program(argv[1], argv[2], argv[3] if len(argv) > 3 else None)
    elif argv[:1] == ["window"] and len(argv) == 4:
        window(argv[1], argv[2], argv[3])
    elif argv[:1] == ["window-bare"]:
        window_bare()
    else:
        print(
            "usage: python -m bench.probe bare | stack DB | app DB USER [NOW] | "
            "window DB USER PASSWORD | window-bare",
            file=sys.stderr,
        )
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
