"""The cards tab: region › category tree with counts, filters, search as you type, the lazy
card list, and the actions on cards (new, open, print, labels, Excel export)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import cards, inspection
from archive_desk.domain import GRADES, SECRECY_LABELS, STAGES, TRADE_STATUS
from archive_desk.permissions import Perm
from archive_desk.ui import background, files, messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.cards_model import CardsModel
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.widgets.flow import FlowLayout
from archive_desk.ui.widgets.search_box import SearchBox

ANY = object()  # combo data for "any"


class CardsTab(QWidget):
    status_text = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editors: dict[int | str, QWidget] = {}
        self._tree_selection: tuple[int | None, int | None] = (None, None)

        self.search = SearchBox()
        self.search.setObjectName("card_search")
        self.search.setPlaceholderText(
            self.tr("Search: name, former name, pinyin (bjhd), number, credit code, phone, contact")
        )
        self.search.search_changed.connect(lambda _t: self.apply_filter())
        self.search.scanned.connect(self.on_scanned)
        self.search.activated.connect(lambda _t: self.open_current())

        self.filters: dict[str, QComboBox] = {}
        filter_row = FlowLayout()  # eight filters side by side were wider than 1024 px
        today = ctx.clock.today()
        for name, title, items in (
            ("grade", self.tr("Grade"), list(GRADES.items())),
            ("stage", self.tr("Stage"), list(STAGES.items())),
            ("trade_status", self.tr("Trade"), list(TRADE_STATUS.items())),
            ("secrecy", self.tr("Secrecy"), [(int(k), v) for k, v in SECRECY_LABELS.items()]),
            ("salesperson_id", self.tr("Salesperson"), cards.salespeople()),
            (
                "on_loan",
                self.tr("On loan"),
                [(True, self.tr("on loan")), (False, self.tr("in the room"))],
            ),
            (
                "retention_due_by",
                self.tr("Retention"),
                [
                    (today, self.tr("due now")),
                    (today + dt.timedelta(days=365), self.tr("due within a year")),
                ],
            ),
            (
                "review_due_since",
                self.tr("Review"),
                [(inspection.period_start(today), self.tr("not yet reviewed this period"))],
            ),
        ):
            combo = QComboBox()
            combo.setObjectName(f"filter_{name}")
            combo.addItem(title + "：" + self.tr("all"), ANY)
            for value, label in items:
                combo.addItem(str(label), value)
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
            self.filters[name] = combo
            filter_row.addWidget(combo)
        filter_row.addStretch(1)

        self.tree = QTreeWidget()
        self.tree.setObjectName("card_tree")
        self.tree.setHeaderHidden(True)
        self.tree.itemSelectionChanged.connect(self.on_tree_selected)

        self.model = CardsModel(ctx.actor)
        self.table = QTableView()
        self.table.setObjectName("card_table")
        self.table.setModel(self.model)
        # the indicator first: enabling sorting sorts by it, and ascending by number is the
        # order the model already has (Qt's default indicator would reload 100,000 ids twice)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((96, 230, 110, 100, 44, 70, 70, 50, 60, 150, 50, 70)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_current())

        buttons = QHBoxLayout()
        self.new_button = self._button("new_card", self.tr("&New card"), self.new_card)
        self.new_button.setEnabled(ctx.can(Perm.CARD_EDIT))
        self.new_button.setToolTip("Ctrl+N")
        self._button("open_card", self.tr("&Open"), self.open_current, buttons_row=buttons)
        buttons.insertWidget(0, self.new_button)
        print_button = QToolButton()
        print_button.setObjectName("print_menu")
        print_button.setText(self.tr("&Print"))
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        self.print_actions = {}
        for name, text in (
            ("card", self.tr("Customer archive card (selected)")),
            ("list", self.tr("Customer list (current filter)")),
            ("catalogue", self.tr("Archive catalogue by region and category")),
            ("labels", self.tr("Folder labels (selected)")),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"print_{name}")
            action.triggered.connect(lambda _c=False, n=name: self.print_form(n))
            self.print_actions[name] = action
        print_button.setMenu(menu)
        print_button.setEnabled(ctx.can(Perm.CARD_PRINT))
        buttons.addWidget(print_button)
        reviewed = self._button(
            "mark_reviewed", self.tr("Mark re&viewed"), self.mark_reviewed, buttons_row=buttons
        )
        reviewed.setEnabled(ctx.can(Perm.INSPECTION_RECORD))
        reviewed.setToolTip(self.tr("Record that the selected cards passed the periodic review"))
        importer = self._button(
            "import_cards", self.tr("&Import…"), self.import_cards, buttons_row=buttons
        )
        importer.setEnabled(ctx.can(Perm.CARD_EDIT))
        importer.setToolTip(self.tr("Bring in customers from an Excel, WPS or CSV ledger"))
        export = self._button("export_excel", self.tr("Export to &Excel…"), self.export_excel)
        export.setEnabled(ctx.can(Perm.CARD_EXPORT))
        buttons.addWidget(export)
        buttons.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("card_count")
        buttons.addWidget(self.count_label)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        search_row = QHBoxLayout()  # the search and whether destroyed cards are searched too
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self._status_filter())
        right_layout.addLayout(search_row)
        right_layout.addLayout(filter_row)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self.tree.setMinimumWidth(170)
        splitter.setSizes([200, 1100])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_card)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self.open_current)
        self.refresh()

    def _button(
        self, name: str, text: str, slot: Any, buttons_row: QHBoxLayout | None = None
    ) -> QPushButton:
        button = action_button(name, text, slot)
        if buttons_row is not None:
            buttons_row.addWidget(button)
        return button

    def _status_filter(self) -> QComboBox:
        """The cards in the room by default; destroyed cards (已销毁) only when asked for."""
        combo = QComboBox()
        combo.setObjectName("filter_status")
        combo.addItem(self.tr("Status: in the room"), ANY)
        combo.addItem(self.tr("destroyed"), "destroyed")
        combo.addItem(self.tr("in the room and destroyed"), None)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.filters["status"] = combo
        return combo

    # -- filter -------------------------------------------------------------------------------
    def current_filter(self, *, with_tree: bool = True) -> cards.CardFilter:
        values: dict[str, Any] = {}
        for name, combo in self.filters.items():
            data = combo.currentData()
            if data is not ANY:
                values[name] = data
        region, category = self._tree_selection if with_tree else (None, None)
        return cards.CardFilter(
            text=self.search.text(), region_id=region, category_id=category, **values
        )

    def apply_filter(self) -> None:
        flt = self.current_filter()
        self.model.set_filter(flt)
        self._update_tree_counts()
        self._show_count()

    def _show_count(self) -> None:
        """How many cards the list holds, and that a long search was cut (the service's note)."""
        text = self.tr("%1 cards").replace("%1", str(self.model.rowCount()))
        note = cards.search_note(self.search.text())
        self.count_label.setText(f"{text}　{note}" if note else text)
        self.count_label.setToolTip(note)
        self.status_text.emit(f"{text}　{note}" if note else text)

    def refresh(self) -> None:
        self._build_tree()
        self.apply_filter()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- tree ---------------------------------------------------------------------------------
    def _build_tree(self) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        self._region_items: dict[int, QTreeWidgetItem] = {}
        self._categories = cards.list_categories()
        root = QTreeWidgetItem([self.tr("All cards")])
        root.setData(0, Qt.ItemDataRole.UserRole, (None, None))
        self.tree.addTopLevelItem(root)
        self._root_item = root
        self._regions = cards.list_regions()  # for rolling the counts up the tree
        for region in self._regions:
            parent = self._region_items.get(region.parent_id, root) if region.parent_id else root
            item = QTreeWidgetItem([region.name])
            item.setData(0, Qt.ItemDataRole.UserRole, (region.id, None))
            parent.addChild(item)
            self._region_items[region.id] = item
        root.setExpanded(True)
        # the clerk's region stays the chosen node (the tree is read again after an import,
        # a review …); one that is gone gives way to all cards, in the list's filter too
        chosen = self._region_items.get(self._tree_selection[0] or 0)
        if chosen is None:
            self._tree_selection = (None, None)
        self.tree.setCurrentItem(chosen or root)
        self.tree.blockSignals(False)

    def _update_tree_counts(self) -> None:
        """Count the tree off the GUI thread (at 100,000 cards the unfiltered counts take
        ~25 ms): the list shows at once, the counts follow; only the last filter's arrive."""
        actor, flt = self.ctx.actor, self.current_filter(with_tree=False)
        background.submit(
            self, "tree_counts", lambda: cards.tree_counts(actor, flt), self._show_tree_counts
        )

    def _show_tree_counts(self, counts: dict[tuple[int, int], int]) -> None:
        per_category: dict[int, dict[int, int]] = {}
        for (region_id, category_id), n in counts.items():
            per_category.setdefault(category_id, {})[region_id] = n
        # each category's counts with the sub-regions' added in (the regions read with the tree)
        rolled = {c: cards.roll_up(self._regions, n) for c, n in per_category.items()}
        self.tree.blockSignals(True)
        total = sum(counts.values())
        self._root_item.setText(0, self.tr("All cards") + f"（{total}）")
        for region_id, item in self._region_items.items():
            bucket = {c: totals[region_id] for c, totals in rolled.items() if totals[region_id]}
            name = item.text(0).split("（")[0]
            item.setText(0, f"{name}（{sum(bucket.values())}）")
            for i in reversed(range(item.childCount())):
                child = item.child(i)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole)[1] is not None:
                    item.removeChild(child)
            for category in self._categories:
                n = bucket.get(category.id, 0)
                if n:
                    child = QTreeWidgetItem([f"{category.code} {category.name}（{n}）"])
                    child.setData(0, Qt.ItemDataRole.UserRole, (region_id, category.id))
                    child.setForeground(0, Qt.GlobalColor.darkGray)
                    item.addChild(child)
        self.tree.blockSignals(False)

    def on_tree_selected(self) -> None:
        items = self.tree.selectedItems()
        self._tree_selection = items[0].data(0, Qt.ItemDataRole.UserRole) if items else (None, None)
        self.model.set_filter(self.current_filter())
        self._show_count()

    def on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """Cards changed elsewhere (lent, returned, handed over, edited, reviewed): repaint their
        rows where the list shows them (在借 and the rest), without reading the list again —
        unless the list is filtered on being out, which the change may have altered. Cards the
        list does not hold but its filter now matches (an import's new cards) read the list and
        the tree again (an import may have added regions and categories); in a long list, of
        which only the first ids were read, the filter's count tells, counted off the GUI
        thread (~25 ms at 100,000 cards)."""
        changed = batch.get("card")
        if not changed:
            return
        if self.model.card_source.filter.on_loan is not None:
            self.model.reload()
            return
        gained = self.model.gained(changed)
        if gained:
            self.refresh()
            return
        self.model.refresh_cards(changed)
        if gained is None:
            actor, flt = self.ctx.actor, self.model.card_source.filter
            background.submit(
                self, "gained", lambda: cards.count_cards(actor, flt), self._on_count_after_change
            )

    def _on_count_after_change(self, count: int) -> None:
        if count != self.model.total:
            self.refresh()

    def show_target(self, target: str, value: Any) -> None:
        """Show what an overview to-do points at: the cards under one filter field."""
        self.show_filter(target, value)

    def show_filter(self, name: str, value: Any) -> None:
        """Show every card matching one filter (the overview opens its lists this way)."""
        quiet = [*self.filters.values(), self.search, self.tree]
        for widget in quiet:  # one reload at the end, not one per reset
            widget.blockSignals(True)
        try:
            for combo in self.filters.values():
                combo.setCurrentIndex(0)
            self.search.clear()
            combo = self.filters[name]
            for i in range(combo.count()):
                if combo.itemData(i) == value:
                    combo.setCurrentIndex(i)
                    break
            self.tree.setCurrentItem(self._root_item)
            self._tree_selection = (None, None)
        finally:
            for widget in quiet:
                widget.blockSignals(False)
        self.apply_filter()

    def select_tree(self, region_id: int | None, category_id: int | None) -> None:
        def walk(item: QTreeWidgetItem) -> QTreeWidgetItem | None:
            if item.data(0, Qt.ItemDataRole.UserRole) == (region_id, category_id):
                return item
            for i in range(item.childCount()):
                below = item.child(i)
                found = walk(below) if below is not None else None
                if found is not None:
                    return found
            return None

        found = walk(self._root_item)
        if found is not None:
            self.tree.setCurrentItem(found)

    # -- cards --------------------------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [cid for cid in (self.model.id_at(r) for r in rows) if cid]

    def open_current(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.open_card(ids[0])

    def on_scanned(self, code: str) -> None:
        card_id = cards.find_by_archive_no(self.ctx.actor, code)
        if card_id is None:
            self.apply_filter()  # not a number we know: search for it as text
            return
        self.search.clear()
        self.open_card(card_id)

    def open_card(self, card_id: int) -> QWidget | None:
        existing = self.editors.get(card_id)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        from archive_desk.ui.dialogs.card_editor import CardEditor

        editor = CardEditor.open_card(self.ctx, card_id, self)
        if editor is not None:
            self._track(card_id, editor)
        return editor

    def new_card(self, draft: dict[str, Any] | None = None) -> QWidget | None:
        if not self.ctx.can(Perm.CARD_EDIT):
            messages.error(self, self.tr("Your role may not create cards."))
            return None
        from archive_desk.ui.dialogs.card_editor import CardEditor

        editor = CardEditor(self.ctx, None, self)
        if draft:
            editor.restore_payload(draft)
        key = f"new:{id(editor)}"
        self._track(key, editor)
        editor.show()
        return editor

    def offer_drafts(self) -> int:
        """Offer the drafts a crash or power cut left behind; returns how many were reopened."""

        pending = cards.pending_drafts(self.ctx.local_folder, self.ctx.actor.username)
        if not pending:
            return 0
        listing = "\n".join(
            f"· {d.title or self.tr('(no name)')}  {d.saved_at:%Y-%m-%d %H:%M}"
            for d in pending[:10]
        )
        question = self.tr("%1 card drafts were not saved last time:").replace(
            "%1", str(len(pending))
        )
        if not messages.confirm(
            self, f"{question}\n{listing}\n\n" + self.tr("Reopen them now?"), default_yes=True
        ):
            return 0
        reopened = 0
        for d in pending:
            editor: Any
            editor = self.open_card(d.card_id) if d.card_id is not None else self.new_card()
            if editor is None:
                continue
            editor.draft_key = d.key
            editor.restore_payload(d.payload)
            reopened += 1
        return reopened

    def _track(self, key: int | str, editor: Any) -> None:
        self.editors[key] = editor
        editor.saved.connect(self.on_card_saved)
        editor.open_other.connect(self.open_card)
        editor.finished.connect(lambda _r, k=key: self.editors.pop(k, None))

    def on_card_saved(self, card_id: int) -> None:
        self.apply_filter()
        row = self.model.row_of(card_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def can_close(self) -> bool:
        return all(getattr(e, "confirm_close", lambda: True)() for e in list(self.editors.values()))

    # -- print and export ---------------------------------------------------------------------
    def print_form(self, which: str) -> None:
        from archive_desk.ui.printing import print_cards

        ids = self.selected_ids()
        print_cards(self, self.ctx, which, ids, self.current_filter())

    def mark_reviewed(self) -> int:
        ids = self.selected_ids()
        if not ids:
            messages.info(self, self.tr("Select the cards you have reviewed first."))
            return 0
        if not messages.confirm(
            self,
            self.tr("Record that %1 selected cards were reviewed today?").replace(
                "%1", str(len(ids))
            ),
            default_yes=True,
        ):
            return 0
        done = messages.call(self, inspection.mark_reviewed, self.ctx.actor, ids)
        if done:
            self.refresh()
            self.status_text.emit(self.tr("%1 cards marked as reviewed").replace("%1", str(done)))
        return done or 0

    def export_excel(self) -> None:
        from archive_desk.ui.printing import export_cards

        path = files.save_path(
            self,
            files.EXCEL,
            self.tr("Export cards to Excel"),
            f"客户档案-{self.ctx.clock.today():%Y%m%d}",
        )
        if path is not None:
            export_cards(self, self.ctx, self.current_filter(), str(path))

    def import_cards(self) -> None:
        from archive_desk.ui.dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.ctx, self)
        wizard.exec()  # the list hears of the imported cards through the change notice
        if wizard.report is not None:
            self.status_text.emit(wizard.report.summary())
        wizard.deleteLater()
