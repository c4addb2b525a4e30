"""The list view every tab shows its rows in: whole rows selected, no row numbers, columns the
clerk can widen, the last one filling the rest; the selected row's object, a row selected by
id, and a right-click menu of named actions."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget


def list_view(
    name: str,
    model: QAbstractItemModel,
    *,
    widths: Sequence[int] = (),
    row_height: int | None = None,
    alternating: bool = False,
    stretch: Sequence[int] = (),
) -> QTableView:
    """A list of ``model``'s rows; ``widths`` of the first columns; the ``stretch`` columns (the
    long texts) share what room is left, elided, so the list does not scroll sideways (their
    full text is in the tooltip); without them the last column takes it."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(alternating)
    view.verticalHeader().setVisible(False)
    if row_height is not None:
        view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(not stretch)
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def current_row(view: QTableView, model: Any) -> Any:
    """The row object (``model.row_at``) of the selected row, the first if several; None when
    nothing is selected."""
    rows = view.selectionModel().selectedRows()
    return model.row_at(rows[0].row()) if rows else None


def select_id(view: QTableView, model: Any, row_id: int) -> None:
    """Select the row whose object's ``id`` is ``row_id`` (among the rows shown)."""
    for r in range(model.rowCount()):
        found = model.row_at(r)
        if found is not None and found.id == row_id:
            view.selectRow(r)
            return


MenuItem = tuple[str, str, Callable[[], object], object]


def action_menu(parent: QWidget, items: Iterable[MenuItem]) -> QMenu:
    """A menu of the actions ``(name, text, slot, enabled)``, each found by ``name``."""
    menu = QMenu(parent)
    for name, text, slot, enabled in items:
        action = QAction(text, menu)
        action.setObjectName(name)
        action.setEnabled(bool(enabled))
        action.triggered.connect(lambda _checked=False, s=slot: s())
        menu.addAction(action)
    return menu


def with_context_menu(view: QTableView, build: Callable[[], QMenu]) -> None:
    """A right click selects the row under the cursor, then shows the menu ``build`` makes."""

    def show(pos: QPoint) -> None:
        index = view.indexAt(pos)
        if index.isValid():
            view.selectRow(index.row())
        build().exec(view.viewport().mapToGlobal(pos))

    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(show)
