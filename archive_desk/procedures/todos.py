"""What the overview lists: each procedure package offers ``todos(actor) -> list[Todo]`` (its
``_todos`` module, re-exported by its ``__init__``), the overview iterates one tuple of them and
the main window opens the tab a to-do names, asking it to show the target
(``tab.show_target(target, value)``): no procedure is named outside its own package.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Todo:
    """One line of the to-do list: a count, and where a click leads."""

    key: str
    label: str
    count: int
    tab: str  # the object name stem of the tab that shows it: "borrowing", "handover", "cards"
    target: str  # what that tab shows: a list filter, a view or action of the tab, a filter field
    value: Any = None
    urgent: bool = False  # shown in red when count > 0
    hint: str = ""
