"""Reads that need not hold up the window: run off the GUI thread, answered on it.

``submit(owner, key, fn, done)`` runs ``fn()`` in the one reader thread and hands its
result to ``done(result)`` on the GUI thread. Only the newest read of an ``(owner, key)`` is
answered: a read overtaken by a newer one before it starts is skipped, and one overtaken while it
ran is dropped, so a tree that counts per keystroke shows the counts of the last keystroke. An
owner deleted meanwhile gets nothing.

What runs here only reads (counts and lists for the screen); writes stay on the GUI thread in
the services' transactions. Each read uses its own connection (peewee keeps one per thread),
closed when the read ends, so the reader never holds a snapshot of the file between reads.
A refusal (:class:`~archive_desk.errors.KnownError`) is shown as a message; anything else is
raised on the GUI thread for the crash hook, as :mod:`archive_desk.ui.worker` does.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

from archive_desk.db.models import database
from archive_desk.errors import KnownError
from archive_desk.ui import messages

Done = Callable[[Any], None]


class _Reads(QObject):
    # (owner, key, ticket, done, result, error), queued to the GUI thread where this object lives
    answered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self._pool: ThreadPoolExecutor | None = None
        self._tickets = itertools.count(1)
        self._latest: dict[tuple[int, str], int] = {}
        self._running: set[Future[None]] = set()
        self._lock = threading.Lock()
        self.answered.connect(self._deliver)

    def submit(self, owner: QObject, key: str, fn: Callable[[], Any], done: Done) -> None:
        slot = (id(owner), key)
        with self._lock:
            ticket = next(self._tickets)
            self._latest[slot] = ticket
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reads")
            future = self._pool.submit(self._run, owner, slot, ticket, fn, done)
            self._running.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._running.discard(future)

    def _current(self, slot: tuple[int, str], ticket: int) -> bool:
        with self._lock:
            return self._latest.get(slot) == ticket

    def _run(
        self,
        owner: QObject,
        slot: tuple[int, str],
        ticket: int,
        fn: Callable[[], Any],
        done: Done,
    ) -> None:
        if not self._current(slot, ticket):
            return  # a newer read of the same thing is already queued
        result: Any = None
        error: BaseException | None = None
        try:
            result = fn()
        except BaseException as exc:  # handed to the GUI thread, never lost
            error = exc
        finally:
            obj = database.obj
            if obj is not None and not obj.is_closed():
                obj.close()  # this thread's connection only
        self.answered.emit((owner, slot, ticket, done, result, error))

    @Slot(object)
    def _deliver(self, answer: tuple[Any, ...]) -> None:
        owner, slot, ticket, done, result, error = answer
        with self._lock:
            if self._latest.get(slot) != ticket:
                return  # overtaken by a newer read of the same thing
            del self._latest[slot]  # answered: nothing of this kind is pending any more
        if not shiboken6.isValid(owner):
            return
        if isinstance(error, KnownError):
            messages.show_known(owner, error)
        elif error is not None:
            raise error
        else:
            done(result)

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until every read submitted so far has run (not been answered: answers arrive
        with the event loop). True when none is left. For exit and test teardown, so that no
        read is still using the file while it is closed or swapped."""
        with self._lock:
            running = list(self._running)
        for future in running:
            try:
                future.result(timeout=timeout)
            except TimeoutError:
                return False
        return True


_instance: _Reads | None = None  # made on first use, on the GUI thread


def submit(owner: QObject, key: str, fn: Callable[[], Any], done: Done) -> None:
    """Run ``fn()`` off the GUI thread; ``done(result)`` on it if still wanted (see above)."""
    global _instance
    if _instance is None:
        _instance = _Reads()
    _instance.submit(owner, key, fn, done)


def wait(timeout: float = 30.0) -> bool:
    """See :meth:`_Reads.wait`."""
    return _instance.wait(timeout) if _instance is not None else True
