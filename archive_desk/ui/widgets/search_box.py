"""A search-as-you-type box that also recognises a barcode or QR scanner.

A scanner "types" a whole code a few milliseconds per character and ends it with Enter; a person
is much slower. :class:`ScanDetector` makes that decision from ``(time, character)`` events
alone, so it is tested without a clock; :class:`SearchBox` feeds it from its key events and
emits ``scanned(code)`` instead of ``activated(text)`` when Enter ends a scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

ENTER = "\n"

_MODIFIER_KEYS = {
    Qt.Key.Key_Shift,
    Qt.Key.Key_Control,
    Qt.Key.Key_Alt,
    Qt.Key.Key_Meta,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_CapsLock,
}


class ScanDetector:
    """Tells a scanned code from typed text by the time between keys.

    Feed it every printable character and every Enter with its time in milliseconds. A run is a
    sequence of characters each at most ``max_gap_ms`` after the one before; Enter that follows a
    run of at least ``min_length`` characters just as quickly ends a scan, and :meth:`feed`
    returns the code. Anything else returns None.
    """

    def __init__(
        self, max_gap_ms: float = 30.0, min_length: int = 4, *, max_gap: float | None = None
    ) -> None:
        # ``max_gap`` (seconds) is the older spelling of ``max_gap_ms``.
        self.max_gap_ms = max_gap * 1000.0 if max_gap is not None else max_gap_ms
        self.min_length = min_length
        self.reset()

    def reset(self) -> None:
        """Forget the current run (another key, such as Backspace or an arrow, came between)."""
        self._run: list[str] = []
        self._last: float | None = None

    @property
    def run(self) -> str:
        """The characters of the current fast run."""
        return "".join(self._run)

    def _quick(self, at_ms: float) -> bool:
        # A clock going backwards (two time sources mixed) counts as a pause.
        return self._last is not None and 0 <= at_ms - self._last <= self.max_gap_ms

    def feed(self, at_ms: float, char: str) -> str | None:
        """One key at ``at_ms``: a character, or ``ENTER`` ("\\n" or "\\r").

        Returns the scanned code when this Enter ends a scan, otherwise None.
        """
        if char in ("\n", "\r"):
            code = self.run if self._quick(at_ms) and len(self._run) >= self.min_length else None
            self.reset()
            return code
        if not self._quick(at_ms):
            self._run = []  # after a pause a new run starts
        self._run.append(char)
        self._last = at_ms
        return None

    # The same decisions with times in seconds and no characters (the older interface).
    def key(self, at: float, char: str = "?") -> bool:
        """A printable key at ``at`` seconds; True when it starts a new run."""
        self.feed(at * 1000.0, char)
        return len(self._run) == 1

    def enter(self, at: float) -> bool:
        """Enter at ``at`` seconds: was the run before it a scan?"""
        return self.feed(at * 1000.0, ENTER) is not None


class SearchBox(QLineEdit):
    """Search as you type, with a clear button; Esc clears; a scanner's code is recognised.

    ``search_changed(text)`` comes ``debounce_ms`` after the last edit (at once when the box is
    emptied or Enter is pressed); ``activated(text)`` when a person presses Enter;
    ``scanned(code)`` when a scanner typed a code and Enter: the box then holds just the code.
    Key times come from the key events (the system's clock), or from ``clock`` (seconds) when
    an event carries none.
    """

    search_changed = Signal(str)
    scanned = Signal(str)
    activated = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        debounce_ms: int = 200,
        scan_max_gap_ms: float = 30.0,
        scan_min_length: int = 4,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.detector = ScanDetector(scan_max_gap_ms, scan_min_length)
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self._emit_search)
        self.textEdited.connect(self._on_edited)  # also the clear button: textEdited("")

    def debounce_ms(self) -> int:
        return self.timer.interval()

    def set_debounce_ms(self, ms: int) -> None:
        self.timer.setInterval(ms)

    def _emit_search(self) -> None:
        self.timer.stop()
        self.search_changed.emit(self.text())

    def _on_edited(self, text: str) -> None:
        if text:
            self.timer.start()  # restarts: one search after the typing pauses
        else:
            self._emit_search()  # emptied: show everything again at once

    def clear(self) -> None:
        """Empty the box and announce the empty search at once."""
        super().clear()
        self.detector.reset()
        self._emit_search()

    def _key_time_ms(self, event: QKeyEvent) -> float:
        stamp = event.timestamp()
        return float(stamp) if stamp else self._clock() * 1000.0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and not event.modifiers():
            if self.text():
                self.clear()
                event.accept()
            else:
                event.ignore()  # an empty box lets Esc through (to close a dialog)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            code = self.detector.feed(self._key_time_ms(event), ENTER)
            self.timer.stop()
            if code is not None and code.strip():
                code = code.strip()
                self.setText(code)  # a scan replaces whatever was typed before it
                self.scanned.emit(code)
            else:
                self.search_changed.emit(self.text())
                self.activated.emit(self.text().strip())
            event.accept()
            return
        text = event.text()
        plain = not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        )
        if key in _MODIFIER_KEYS:
            pass  # Shift for a capital letter is part of a scan
        elif text and text.isprintable() and plain and not event.isAutoRepeat():
            at = self._key_time_ms(event)
            for char in text:
                self.detector.feed(at, char)
        else:
            self.detector.reset()
        super().keyPressEvent(event)


def card_entry(name: str, placeholder: str, on_entry: Callable[[str], object]) -> SearchBox:
    """A box where the clerk enters cards one at a time: Enter after typing and a scanner's code
    alike hand the text to ``on_entry`` (the dialogs that add, choose or check cards)."""
    box = SearchBox()
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.activated.connect(on_entry)
    box.scanned.connect(on_entry)
    return box
