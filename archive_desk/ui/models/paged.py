"""A table model that fetches its rows a page at a time.

The model knows the row count from the source up front (so the scroll bar is right) and asks
for a page of rows only when the view paints it; at most :attr:`PagedModel.max_pages` pages are
kept. The source is plain Python over the services, so the model holds no query.
"""

from __future__ import annotations

import html
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

R = TypeVar("R")
_Index = QModelIndex | QPersistentModelIndex

# the roles as plain ints: a view asks data() ~10 times per visible cell, and an enum member
# looked up per call cost more than the rest of the call
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_BACKGROUND = Qt.ItemDataRole.BackgroundRole.value


_COLOURS: dict[str, QColor] = {}


def _qcolor(name: str) -> QColor:
    """A colour for the background role: a QColor (the view makes the brush; QBrush's own
    overloads would create ~100 of PySide's enum classes on first use, ~5 ms), one per name."""
    found = _COLOURS.get(name)
    if found is None:
        found = _COLOURS[name] = QColor(name)
    return found


def row_number(_row: object) -> None:
    """A column's value that stands for the row's running number (1, 2, … as the list shows
    it, like the 序号 of the printed forms): the model fills it in, not the row."""


WRAP_TIP = 60  # characters: a longer cell's tooltip is rich text, which Qt wraps


def tooltip(text: str) -> str:
    """A cell's full text for its tooltip: as it is, or, when long, as rich text so that Qt
    wraps it instead of a screen-wide line."""
    if len(text) <= WRAP_TIP:
        return text
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


class PageSource(Protocol[R]):  # type: ignore[misc]
    def count(self) -> int: ...

    def page(self, offset: int, limit: int) -> Sequence[R]: ...


@dataclass(frozen=True)
class Column(Generic[R]):
    title: str
    value: Callable[[R], Any]
    sort_key: str | None = None  # the service's sort key; None: not sortable
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    colour: Callable[[R], str | None] | None = None  # a "#rrggbb" background, e.g. a label band


class ListSource(Generic[R]):
    """A source over a list already in memory (small lists such as users)."""

    def __init__(self, loader: Callable[[], Sequence[R]]) -> None:
        self._loader = loader
        self._rows: Sequence[R] = []

    def count(self) -> int:
        self._rows = self._loader()
        return len(self._rows)

    def page(self, offset: int, limit: int) -> Sequence[R]:
        return self._rows[offset : offset + limit]


class FilteredSource(Generic[R]):
    """A source over a service's list under one of its named filters (``which``), a page at a
    time: ``count(which)`` and ``page(which, offset, limit)``."""

    def __init__(
        self,
        count: Callable[[str], int],
        page: Callable[[str, int, int], Sequence[R]],
        which: str = "open",
    ) -> None:
        self._count, self._page, self.which = count, page, which

    def count(self) -> int:
        return self._count(self.which)

    def page(self, offset: int, limit: int) -> Sequence[R]:
        return self._page(self.which, offset, limit)


class PagedModel(QAbstractTableModel, Generic[R]):
    max_pages = 40

    def __init__(self, columns: Sequence[Column[R]], source: Any, page_size: int = 200) -> None:
        super().__init__()
        self.columns = list(columns)
        self.source = source
        self.page_size = page_size
        self._total = 0
        self._pages: OrderedDict[int, Sequence[R]] = OrderedDict()
        self.pages_loaded = 0  # for tests and the benchmark: how many pages were fetched

    # -- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        self.beginResetModel()
        self._pages.clear()
        self._total = self.source.count()
        self.endResetModel()

    def _page(self, number: int) -> Sequence[R]:
        page = self._pages.get(number)
        if page is None:
            page = self.source.page(number * self.page_size, self.page_size)
            self.pages_loaded += 1
            self._pages[number] = page
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page

    def row_at(self, row: int) -> R | None:
        if not 0 <= row < self._total:
            return None
        page = self._page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    # -- Qt -----------------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].title
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        column = index.column()
        if column < 0:  # an invalid index
            return None
        if role in (_DISPLAY, _TOOLTIP):
            row = self.row_at(index.row())
            if row is None:
                return None
            value_of = self.columns[column].value
            if value_of is row_number:
                return str(index.row() + 1) if role == _DISPLAY else None
            value = value_of(row)
            text = "" if value is None else str(value)
            return text if role == _DISPLAY else tooltip(text)
        if role == _ALIGNMENT:
            return int(self.columns[column].align)
        if role == _BACKGROUND:
            colour_of = self.columns[column].colour
            if colour_of is None:
                return None
            row = self.row_at(index.row())
            colour = colour_of(row) if row is not None else None
            return _qcolor(colour) if colour else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key if 0 <= column < len(self.columns) else None
        setter = getattr(self.source, "set_sort", None)
        if key is None or setter is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (getattr(self.source, "sort_key", None), getattr(self.source, "descending", None)) == (
            key,
            descending,
        ):
            return  # the view announcing the order the rows already have: no second reload
        setter(key, descending)
        self.reload()
