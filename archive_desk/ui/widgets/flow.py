"""A row of widgets that wraps onto the next line when the width runs out.

A tab's button bar or filter row laid out in a ``QHBoxLayout`` makes the window at least as wide
as all its buttons side by side: eight filters and a tree made the cards tab 1,037 px wide, wider
than a 1024×768 screen. :class:`FlowLayout` asks only for its widest item and takes the lines it
needs for the width it gets. ``addStretch()`` works as in a ``QHBoxLayout``: what is added after
it sits at the right end of its line (e.g. a list's filter after the action buttons).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._cached: tuple[int, int] = (-1, 0)  # (width, height for it)

    # -- QLayout ---------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def addStretch(self, _stretch: int = 0) -> None:
        """Items added from now on sit at the right end of their line."""
        self.addItem(QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def invalidate(self) -> None:
        self._cached = (-1, 0)
        super().invalidate()

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        if self._cached[0] != width:
            self._cached = (width, self._arrange(QRect(0, 0, width, 0), move=False))
        return self._cached[1]

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All items on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for _i, item in shown)
        width += self._gap() * max(0, len(shown) - 1)
        height = max((item.sizeHint().height() for _i, item in shown), default=0)
        return self._with_margins(QSize(width, height))

    def minimumSize(self) -> QSize:
        """As wide as the widest item: the rest wraps."""
        size = QSize(0, 0)
        for _i, item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return self._with_margins(size)

    # -- layout ----------------------------------------------------------------------------
    def _gap(self) -> int:
        gap = self.spacing()  # the style's (or the parent layout's) unless set
        return gap if gap >= 0 else 6

    def _shown(self) -> list[tuple[int, QLayoutItem]]:
        return [(i, item) for i, item in enumerate(self._items) if not item.isEmpty()]

    def _with_margins(self, size: QSize) -> QSize:
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _lines(self, width: int) -> list[list[tuple[int, QLayoutItem, QSize]]]:
        """The items, broken into lines no wider than ``width``."""
        gap = self._gap()
        lines: list[list[tuple[int, QLayoutItem, QSize]]] = [[]]
        used = 0
        for index, item in self._shown():
            hint = item.sizeHint().expandedTo(item.minimumSize())
            size = QSize(min(hint.width(), max(width, item.minimumSize().width())), hint.height())
            if lines[-1] and used + gap + size.width() > width:
                lines.append([])
                used = 0
            used += (gap if lines[-1] else 0) + size.width()
            lines[-1].append((index, item, size))
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in ``rect`` (``move``) and return the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        top = area.top()
        stretch = next((i for i, it in enumerate(self._items) if it.spacerItem()), len(self._items))
        for line in self._lines(area.width()):
            height = max(size.height() for _i, _item, size in line)
            if move:
                used = sum(size.width() for _i, _item, size in line) + gap * (len(line) - 1)
                extra = max(0, area.width() - used)
                x = area.left()
                for index, item, size in line:
                    at_right = index > stretch
                    y = top + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x + (extra if at_right else 0), y), size))
                    x += size.width() + gap
            top += height + gap
        return max(0, top - gap - area.top()) + m.top() + m.bottom()
