"""GUI test helpers: message boxes are recorded, not shown; Chinese text is typed safely."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from archive_desk.clock import FixedClock
from archive_desk.permissions import Actor
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.preferences import Preferences


@pytest.fixture(autouse=True)
def sink() -> Iterator[messages.RecordingSink]:
    """No modal message box ever blocks a GUI test: messages are recorded, questions answered
    from ``sink.answers`` (yes when it is empty)."""
    recording = messages.RecordingSink()
    previous = messages.sink
    messages.sink = recording
    yield recording
    messages.sink = previous


@pytest.fixture
def prefs(tmp_path: Path) -> Preferences:
    return Preferences(tmp_path / "prefs.ini")


@pytest.fixture
def make_ctx(db_path: Path, clock: FixedClock):  # type: ignore[no-untyped-def]
    def make(actor: Actor) -> AppContext:
        return AppContext(location=db_path, actor=actor, clock=clock)

    return make


def type_text(widget: QWidget, text: str) -> None:
    """Type any text, Chinese included (qtbot.keyClicks aborts on non-ASCII, see TESTING.md)."""
    widget.setFocus()
    for char in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def child(parent: QWidget, cls: type, name: str):  # type: ignore[no-untyped-def]
    found = parent.findChild(cls, name)
    assert found is not None, f"no {cls.__name__} named {name!r}"
    return found
