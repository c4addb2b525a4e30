"""Guards against Qt binding releases that would bring the program down.

PySide6 6.12.0 drops one reference to ``True`` on every ``Signal.emit()`` from Python; on Python
3.11 (where ``True`` is not immortal) the process aborts with "bool_dealloc: deallocating True"
after some six hundred emits: a progress dialog, a search box or a day's work would end in a crash.
pyproject excludes that release; this test fails on any release that brings the leak back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    pair = Signal(int, int)
    anything = Signal(object)


def test_emitting_a_signal_keeps_the_references_of_true_and_false() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.pair.connect(lambda a, b: received.append((a, b)))
    before = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(100):
        emitter.plain.emit()
        emitter.pair.emit(n, n)
        emitter.anything.emit(None)
    assert len(received) == 100
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
