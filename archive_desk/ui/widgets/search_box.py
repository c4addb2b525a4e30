"""A search-as-you-type box that also recognises a barcode or QR scanner.

A scanner types a whole code within milliseconds and ends it with Enter; a person types far
slower. :class:`ScanDetector` makes that decision from key times alone, so it is tested without
a clock; :class:`SearchBox` feeds it and emits ``scanned(code)`` instead of ``activated(text)``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class ScanDetector:
    """Decides whether the text ended by Enter came from a scanner.

    ``max_gap`` is the longest pause between two keys of a scan (scanners type every few ms;
    people seldom under 50 ms), ``min_length`` the shortest code worth treating as a scan.
    """

    def __init__(self, max_gap: float = 0.03, min_length: int = 4) -> None:
        self.max_gap = max_gap
        self.min_length = min_length
        self.reset()

    def reset(self) -> None:
        self._times: list[float] = []

    def key(self, at: float) -> bool:
        """A printable key arrived at time ``at`` (seconds); True when it starts a new run."""
        if self._times and at - self._times[-1] > self.max_gap:
            self._times = []  # a pause: what came before was typed by hand
        self._times.append(at)
        return len(self._times) == 1

    def enter(self, at: float) -> bool:
        """Enter arrived: was the run before it a scan?"""
        fast = len(self._times) >= self.min_length and at - self._times[-1] <= self.max_gap * 2
        self.reset()
        return fast


class SearchBox(QLineEdit):
    search_changed = Signal(str)  # after a short pause in typing
    scanned = Signal(str)  # a scanner typed a code and Enter
    activated = Signal(str)  # Enter typed by a person

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = 200,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.detector = ScanDetector()
        self._clock = clock
        self._scan_start = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textEdited.connect(lambda _t: self.timer.start())

    def clear(self) -> None:
        super().clear()
        self.timer.stop()
        self.search_changed.emit("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        now = self._clock()
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text = self.text().strip()
            code = self.text()[self._scan_start :].strip()
            if self.detector.enter(now) and code:
                self.timer.stop()
                self.setText(code)  # a scan replaces whatever was typed before it
                self.scanned.emit(code)
            else:
                self.timer.stop()
                self.search_changed.emit(self.text())
                self.activated.emit(text)
            event.accept()
            return
        if event.text() and event.text().isprintable() and self.detector.key(now):
            self._scan_start = (
                self.selectionStart() if self.hasSelectedText() else self.cursorPosition()
            )
        super().keyPressEvent(event)
