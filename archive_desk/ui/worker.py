"""Long work off the GUI thread, with a progress dialog that can cancel it.

``run_with_progress(parent, label, fn)`` calls ``fn(progress)`` in a QThread, where
``progress(done, total) -> bool`` updates the dialog and returns False once the user pressed
Cancel (the service then raises :class:`~archive_desk.errors.Cancelled` and writes nothing).
The database is used safely from that thread: peewee keeps one connection per thread, opened on
first use and closed when the work ends. Refusals are shown as messages; anything else is
re-raised on the GUI thread for the crash hook.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from archive_desk.db.models import database
from archive_desk.errors import Cancelled, KnownError
from archive_desk.ui import messages

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[int, int], bool]


class _Task(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.cancelled = False

    def progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self.cancelled

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # handed to the GUI thread, never lost
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            obj = database.obj
            if obj is not None and not obj.is_closed():
                obj.close()  # this thread's connection only


class _Relay(QObject):
    """Receives the worker's signals on the GUI thread (queued), where widgets may be touched."""

    def __init__(self, dialog: QProgressDialog, loop: QEventLoop) -> None:
        super().__init__()
        self.dialog = dialog
        self.loop = loop
        self.outcome: dict[str, Any] = {}

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    @Slot(object)
    def on_succeeded(self, result: object) -> None:
        self.outcome["result"] = result
        self.loop.quit()

    @Slot(object)
    def on_failed(self, error: object) -> None:
        self.outcome["error"] = error
        self.loop.quit()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    fn: Callable[[Progress], T],
    *,
    min_duration_ms: int = 400,
    cancellable: bool = True,
) -> T | None:
    """Run ``fn(progress)`` in a worker thread; return its result, or None when it was refused
    or cancelled (the user has been told). ``cancellable=False`` for work that cannot stop
    half-way (it reports no progress): the dialog then shows a busy bar and no Cancel button."""
    task = _Task(fn)
    thread = QThread()
    task.moveToThread(thread)
    dialog = QProgressDialog(label, QCoreApplication.translate("worker", "Cancel"), 0, 0, parent)
    dialog.setObjectName("progress_dialog")
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setWindowTitle(label)
    dialog.setMinimumWidth(360)  # a Chinese label is not cut at the dialog's edge
    dialog.setMinimumDuration(min_duration_ms)
    # starts the dialog's own clock: without a first value it showed after Qt's default 4 s
    # however short min_duration_ms, so work that reports no progress (printing, the exit
    # backup) sat behind an empty screen for its first four seconds
    dialog.setValue(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    loop = QEventLoop()
    relay = _Relay(dialog, loop)  # lives on the GUI thread: the signals below are queued to it
    task.progressed.connect(relay.on_progress)
    task.succeeded.connect(relay.on_succeeded)
    task.failed.connect(relay.on_failed)
    dialog.canceled.connect(lambda: setattr(task, "cancelled", True))
    outcome = relay.outcome
    thread.started.connect(task.run)
    thread.start()
    if not outcome:
        loop.exec()
    thread.quit()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    error = outcome.get("error")
    if isinstance(error, Cancelled):
        return None
    if isinstance(error, KnownError):
        messages.show_known(parent, error)
        return None
    if error is not None:
        raise error
    return outcome.get("result")
