"""The change notice: what a service call changed, told to every listener after its commit.

Inside its transaction (:func:`transaction`, the procedures' one way to begin one) a service
notes what it changes, ``changes.note(changes.CARD, card_ids)``; when the outermost transaction
commits, every listener is called with the batch, a mapping kind → ids. A rollback (an exception
out of the transaction, or out of a nested one, whose notes alone are dropped) tells nobody.

Listeners run on the thread that ran the service (services also run in worker threads) and must
not raise: one that does is logged and the others still hear. Qt-free; the UI turns the call
into a signal delivered on the GUI thread (``ui/changes.py``).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping

from archive_desk.db import connection

log = logging.getLogger(__name__)

# The kinds of record a notice names; a procedure adds its own kind here.
CARD = "card"  # a card's fields, or what it shows of its holds (在借, 交接中 …)
BORROWING = "borrowing"  # an application or loan
HANDOVER = "handover"  # a handover slip
FINDING = "finding"  # an inspection finding
DESTRUCTION = "destruction"  # a destruction list (销毁清册)
LEGAL_HOLD = "legal_hold"  # a card frozen or its freeze lifted (冻结)
INSPECTION = "inspection"  # an inspection round or an inventory (its reviews, its scans)
SETTINGS = "settings"

Batch = Mapping[str, frozenset[int]]
Listener = Callable[[Batch], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


class _State(threading.local):
    def __init__(self) -> None:
        self.depth = 0
        self.batch: dict[str, set[int]] = {}


_state = _State()


def listen(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` after every commit that noted a change; returns the function that
    stops it."""
    with _lock:
        _listeners.append(listener)

    def stop() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return stop


def note(kind: str, ids: Iterable[int]) -> None:
    """Record that records of ``kind`` with ``ids`` change in the current transaction."""
    if _state.depth == 0:
        raise RuntimeError("changes.note outside procedures.changes.transaction()")
    _state.batch.setdefault(kind, set()).update(ids)


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """One service action: :func:`archive_desk.db.connection.transaction` (one ``BEGIN
    IMMEDIATE``, known database errors translated), and its notes told after the commit."""
    state = _state
    outer = state.depth == 0
    kept = {k: set(v) for k, v in state.batch.items()} if not outer else {}
    state.depth += 1
    committed = False
    try:
        with connection.transaction():
            yield
        committed = True
    finally:
        state.depth -= 1
        if not outer:
            if not committed:  # the nested block rolled back: so do its notes
                state.batch = kept
        else:
            batch, state.batch = state.batch, {}
            if committed and batch:
                _tell({k: frozenset(v) for k, v in batch.items()})


def _tell(batch: Batch) -> None:
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        try:
            listener(batch)
        except Exception:  # a listener's fault must not undo or hide the committed change
            log.exception("change listener %r failed", listener)
