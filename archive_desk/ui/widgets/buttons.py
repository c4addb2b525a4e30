"""Named push buttons, alone or as a row: what every tab's and page's action bar is made of."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QPushButton

from archive_desk.ui.widgets.flow import FlowLayout

Slot = Callable[[], object]


def action_button(name: str, text: str, slot: Slot, *, enabled: bool = True) -> QPushButton:
    """A button found by ``name`` (tests, the screenshot tool) that calls ``slot()`` when
    clicked (without Qt's ``checked`` argument)."""
    button = QPushButton(text)
    button.setObjectName(name)
    button.setEnabled(enabled)
    button.clicked.connect(lambda _checked=False: slot())
    return button


def button_row(specs: Iterable[tuple[str, str, Slot, bool]]) -> FlowLayout:
    """The buttons ``(name, text, slot, enabled)`` left to right, then the stretch: a caller may
    add a widget after it to sit at the right end. The row wraps when the width runs out, so a
    long bar never makes the window wider than the screen."""
    row = FlowLayout()
    for name, text, slot, enabled in specs:
        row.addWidget(action_button(name, text, slot, enabled=enabled))
    row.addStretch(1)
    return row
