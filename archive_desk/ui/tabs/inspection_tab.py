"""The inspection tab (检查整改): three pages.

- Rounds: the twice-yearly review and ad-hoc rounds with how far each is; the selected round's
  cards still to go through (or gone through), marked reviewed or given a finding from here;
  its 检查整改记录 printed.
- Inventory: the inventories with their counts; the scan screen (begun, resumed); a forgotten
  tray; the end; the selected inventory's lines under each result, a misplaced folder moved or
  a finding opened; the 盘点报告 and its workbook.
- Findings: filtered by state, kind and card; entered by hand, proposed, approved (the manager,
  or recorded by the clerk), resolved, read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QLayout,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive_desk import cards
from archive_desk import inspection as ins
from archive_desk.permissions import Perm
from archive_desk.ui import files, messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.paged import Column, FilteredSource, PagedModel, row_number
from archive_desk.ui.models.scan_log import COLOURS
from archive_desk.ui.tables import current_row, list_view, select_id
from archive_desk.ui.widgets.buttons import button_row
from archive_desk.ui.widgets.search_box import SearchBox

R = TypeVar("R")


class _Source(Generic[R]):
    """A page source over a service's ``count()`` and ``page(offset, limit)``."""

    def __init__(self, count: Callable[[], int], page: Callable[[int, int], Sequence[R]]) -> None:
        self._count, self._page = count, page

    def count(self) -> int:
        return self._count()

    def page(self, offset: int, limit: int) -> Sequence[R]:
        return self._page(offset, limit)


def _stacked(
    top: QLayout, table: QTableView, below: QLayout, detail: QTableView, page: QWidget
) -> None:
    """``page``: a list under its bar (``top``) above, the selected row's own list under its
    bar (``below``), the two split so the clerk can move the line between them."""
    split = QSplitter(Qt.Orientation.Vertical)
    for bar, view in ((top, table), (below, detail)):
        pane = QWidget()
        pane_layout = QVBoxLayout(pane)
        pane_layout.setContentsMargins(0, 0, 0, 0)
        pane_layout.addLayout(bar)
        pane_layout.addWidget(view, 1)
        split.addWidget(pane)
    layout = QVBoxLayout(page)
    layout.addWidget(split)


def _combo(name: str, items: dict[str, str], first: tuple[str, Any] | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if first is not None:
        combo.addItem(*first)
    for code, label in items.items():
        combo.addItem(label, code)
    return combo


# --- rounds ------------------------------------------------------------------------------------


class RoundsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        record = ctx.can(Perm.INSPECTION_RECORD)
        self.filter = _combo("round_filter", ins.ROUND_FILTERS)
        self.filter.setCurrentIndex(max(0, self.filter.findData("all")))
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.source: FilteredSource[ins.RoundView] = FilteredSource(
            lambda which: ins.count_rounds(ctx.actor, which),
            lambda which, offset, limit: ins.list_rounds(ctx.actor, which, offset, limit),
            "all",
        )
        columns: list[Column[ins.RoundView]] = [
            Column(self.tr("Round no."), lambda r: r.number),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Period"), lambda r: r.period_label),
            Column(self.tr("Scope"), lambda r: r.scope_label),
            Column(self.tr("Inspector"), lambda r: r.inspector),
            Column(self.tr("Due"), lambda r: r.due_on.isoformat() if r.due_on else ""),
            Column(self.tr("Progress"), lambda r: r.progress),
            Column(self.tr("Findings"), lambda r: r.findings),
            Column(self.tr("State"), lambda r: r.state_label),
        ]
        self.model: PagedModel[ins.RoundView] = PagedModel(columns, self.source)
        self.table = list_view(
            "round_table", self.model, widths=(105, 70, 75, 150, 70, 85, 130, 70)
        )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.refresh_cards())
        top = button_row(
            (
                ("new_round", self.tr("&New round…"), self.new_round, record),
                ("close_round", self.tr("&End round…"), self.close_round, record),
                ("print_round", self.tr("&Print record"), self.print_round, True),
            )
        )
        top.addWidget(self.filter)
        self.which_cards = QComboBox()
        self.which_cards.setObjectName("round_cards_filter")
        self.which_cards.addItem(self.tr("Cards still to go through"), False)
        self.which_cards.addItem(self.tr("Cards gone through"), True)
        self.which_cards.currentIndexChanged.connect(lambda _i: self.refresh_cards())
        self._card_ids: list[int] = []
        self.cards_model: PagedModel[cards.CardRow] = PagedModel(
            [
                Column(self.tr("Archive no."), lambda r: r.archive_no),
                Column(self.tr("Customer"), lambda r: r.name),
                Column(self.tr("Region"), lambda r: r.region),
                Column(self.tr("Category"), lambda r: r.category),
                Column(self.tr("Location"), lambda r: r.location),
            ],
            _Source(lambda: len(self._card_ids),
                    lambda o, n: cards.card_rows(ctx.actor, self._card_ids[o : o + n])),
        )  # fmt: skip
        self.cards_table = list_view("round_cards", self.cards_model, widths=(105, 260, 150, 110))
        self.cards_table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        below = button_row(
            (
                ("round_mark_reviewed", self.tr("Mark &reviewed"), self.mark_reviewed, record),
                ("round_finding", self.tr("Record &finding…"), self.record_finding, record),
            )
        )
        below.addWidget(self.which_cards)
        _stacked(top, self.table, below, self.cards_table, self)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        self.source.which = self.filter.currentData() or "all"
        self.model.reload()
        if chosen is not None:
            self.select_id(chosen.id)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self.refresh_cards()

    def selected(self) -> ins.RoundView | None:
        return current_row(self.table, self.model)

    def select_id(self, round_id: int) -> None:
        select_id(self.table, self.model, round_id)

    def refresh_cards(self) -> None:
        chosen = self.selected()
        self._card_ids = (
            ins.round_card_ids(self.ctx.actor, chosen.id, reviewed=self.which_cards.currentData())
            if chosen is not None
            else []
        )
        self.cards_model.reload()

    def _chosen(self) -> ins.RoundView | None:
        chosen = self.selected()
        if chosen is None:
            messages.info(self, self.tr("Select a round first."))
        return chosen

    def new_round(self) -> ins.RoundView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import NewRoundDialog

        dialog = NewRoundDialog(self.ctx, self)
        if dialog.exec() and dialog.result_view is not None:
            self.refresh()
            self.select_id(dialog.result_view.id)
            return dialog.result_view
        return None

    def close_round(self) -> ins.RoundView | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        done = messages.call(self, ins.close_round, self.ctx.actor, chosen.id, chosen.version)
        self.refresh()
        return done

    def _selected_cards(self) -> list[int]:
        rows = self.cards_table.selectionModel().selectedRows()
        found = [self.cards_model.row_at(r.row()) for r in rows]
        return [r.id for r in found if r is not None]

    def mark_reviewed(self) -> int:
        chosen = self._chosen()
        ids = self._selected_cards()
        if chosen is None:
            return 0
        if not ids:
            messages.info(self, self.tr("Select the cards you have gone through first."))
            return 0
        done = messages.call(self, ins.mark_reviewed, self.ctx.actor, ids, round_id=chosen.id)
        self.refresh()
        return done or 0

    def record_finding(self) -> ins.FindingView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import FindingDialog

        chosen = self._chosen()
        if chosen is None:
            return None
        ids = self._selected_cards()
        dialog = FindingDialog(self.ctx, self, card_id=ids[0] if ids else None, round_id=chosen.id)
        done = dialog.result_view if dialog.exec() else None
        self.refresh()
        return done

    def print_round(self) -> None:
        from archive_desk.inspection import output
        from archive_desk.ui.printing import preview_pdf

        chosen = self._chosen()
        if chosen is not None:
            preview_pdf(self, self.ctx, "检查整改记录",
                        lambda out: output.print_round(self.ctx.actor, chosen.id, out))  # fmt: skip


# --- inventories -------------------------------------------------------------------------------


class InventoryPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        record = ctx.can(Perm.INSPECTION_RECORD)
        self.filter = _combo("inventory_filter", ins.INVENTORY_FILTERS)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.source: FilteredSource[ins.InventoryView] = FilteredSource(
            lambda which: ins.count_inventories(ctx.actor, which),
            lambda which, offset, limit: ins.list_inventories(ctx.actor, which, offset, limit),
        )
        counts = ins.ScanResult
        columns: list[Column[ins.InventoryView]] = [
            Column(self.tr("Inventory no."), lambda v: v.number),
            Column(self.tr("Scope"), lambda v: v.scope_label),
            Column(self.tr("Started"), lambda v: f"{v.started_at:%Y-%m-%d %H:%M}"),
            Column(self.tr("Listed"), lambda v: v.expected),
            Column(self.tr("Not yet"), lambda v: v.pending),
            Column(counts.IN_PLACE.label, lambda v: v.counts[counts.IN_PLACE]),
            Column(counts.ELSEWHERE.label, lambda v: v.counts[counts.ELSEWHERE]),
            Column(counts.NOT_FOUND.label, lambda v: v.counts[counts.NOT_FOUND]),
            Column(self.tr("State"), lambda v: v.state_label),
        ]
        self.model: PagedModel[ins.InventoryView] = PagedModel(columns, self.source)
        self.table = list_view(
            "inventory_table", self.model, widths=(105, 190, 120, 50, 50, 50, 60, 50)
        )
        self.table.doubleClicked.connect(lambda _i: self.open_scan())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.refresh_items())
        top = button_row(
            (
                ("new_inventory", self.tr("&New inventory…"), self.new_inventory, record),
                ("scan_inventory", self.tr("&Scan…"), self.open_scan, record),
                ("pause_inventory", self.tr("Pa&use"), self.pause, record),
                ("add_tray", self.tr("Add &tray…"), self.add_tray, record),
                ("close_inventory", self.tr("&End…"), self.close_inventory, record),
                ("print_inventory", self.tr("&Report"), self.print_report, True),
                ("export_inventory", self.tr("E&xcel…"), self.export, True),
            )
        )
        top.addWidget(self.filter)
        self.which_items = QComboBox()
        self.which_items.setObjectName("inventory_items_filter")
        self.which_items.addItem(self.tr("All lines"), None)
        self.which_items.addItem(self.tr("Not scanned yet"), "pending")
        for result in ins.ScanResult:
            if result != ins.ScanResult.DUPLICATE:
                self.which_items.addItem(result.label, result.value)
        self.which_items.addItem(ins.ScanResult.DUPLICATE.label, "duplicate")
        self.which_items.currentIndexChanged.connect(lambda _i: self.refresh_items())
        self.items_source: _Source[ins.ItemView] = _Source(self._count_items, self._page_items)
        self.items_model: PagedModel[ins.ItemView] = PagedModel(
            [
                Column(self.tr("Archive no."), lambda i: i.code),
                Column(self.tr("Customer"), lambda i: i.name),
                Column(self.tr("Recorded at"), lambda i: i.recorded_location),
                Column(self.tr("Result"), lambda i: i.result_label,
                       colour=lambda i: COLOURS.get(i.result.value) if i.result else None),
                Column(self.tr("Scans"), lambda i: i.scans),
                Column(self.tr("Done"), lambda i: i.action_label),
                Column(self.tr("Note"), lambda i: i.note),
            ],
            self.items_source,
        )  # fmt: skip
        self.items_table = list_view("inventory_items", self.items_model,
                                     widths=(105, 200, 130, 110, 70, 90))  # fmt: skip
        below = button_row(
            (
                ("item_move", self.tr("&Move here…"), self.move_here, record),
                ("item_finding", self.tr("Record &finding"), self.item_finding, record),
            )
        )
        below.addWidget(self.which_items)
        _stacked(top, self.table, below, self.items_table, self)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected()
        self.source.which = self.filter.currentData() or "open"
        self.model.reload()
        if chosen is not None:
            self.select_id(chosen.id)
        elif self.model.rowCount():
            self.table.selectRow(0)
        self.refresh_items()

    def selected(self) -> ins.InventoryView | None:
        return current_row(self.table, self.model)

    def select_id(self, inventory_id: int) -> None:
        select_id(self.table, self.model, inventory_id)

    def _count_items(self) -> int:
        chosen = self.selected()
        if chosen is None:
            return 0
        return ins.count_items(self.ctx.actor, chosen.id, self.which_items.currentData())

    def _page_items(self, offset: int, limit: int) -> Sequence[ins.ItemView]:
        chosen = self.selected()
        if chosen is None:
            return []
        return ins.inventory_items(
            self.ctx.actor, chosen.id, self.which_items.currentData(), offset, limit
        )

    def refresh_items(self) -> None:
        self.items_model.reload()

    def _chosen(self) -> ins.InventoryView | None:
        chosen = self.selected()
        if chosen is None:
            messages.info(self, self.tr("Select an inventory first."))
        return chosen

    def new_inventory(self) -> ins.InventoryView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import NewInventoryDialog

        dialog = NewInventoryDialog(self.ctx, self)
        if not dialog.exec() or dialog.result_view is None:
            return None
        view = dialog.result_view
        self.filter.setCurrentIndex(max(0, self.filter.findData("open")))
        self.refresh()
        self.select_id(view.id)
        self.scan_screen(view)
        return view

    def scan_screen(self, view: ins.InventoryView) -> Any:
        """Open the scan screen (a paused inventory is resumed first)."""
        from archive_desk.ui.dialogs.scan_dialog import ScanDialog

        if view.state == ins.InventoryState.PAUSED:
            resumed = messages.call(
                self, ins.resume_inventory, self.ctx.actor, view.id, view.version
            )
            if resumed is None:
                return None
            view = resumed
        elif view.state == ins.InventoryState.CLOSED:
            messages.info(self, self.tr("This inventory has ended."))
            return None
        self.scan_window = ScanDialog(self.ctx, view, self)
        self.scan_window.finished.connect(lambda _r: self.refresh())
        self.scan_window.open()
        return self.scan_window

    def open_scan(self) -> Any:
        chosen = self._chosen()
        return self.scan_screen(chosen) if chosen is not None else None

    def pause(self) -> ins.InventoryView | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        done = messages.call(self, ins.pause_inventory, self.ctx.actor, chosen.id, chosen.version)
        self.refresh()
        return done

    def add_tray(self) -> ins.InventoryView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import LocationDialog

        chosen = self._chosen()
        if chosen is None:
            return None
        dialog = LocationDialog(
            self.tr("Add a forgotten tray"),
            self.tr("Its folders join the list; what was scanned stays."),
            lambda loc: ins.add_tray(self.ctx.actor, chosen.id, chosen.version, loc),
            self,
        )
        done = dialog.result_view if dialog.exec() else None
        self.refresh()
        return done

    def close_inventory(self) -> ins.InventoryView | None:
        chosen = self._chosen()
        if chosen is None:
            return None
        done = messages.call(self, ins.close_inventory, self.ctx.actor, chosen.id, chosen.version)
        self.refresh()
        return done

    def _item(self) -> ins.ItemView | None:
        item = current_row(self.items_table, self.items_model)
        if item is None:
            messages.info(self, self.tr("Select a line of the inventory first."))
        return item

    def move_here(self) -> ins.ItemView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import LocationDialog

        chosen, item = self.selected(), self._item()
        if chosen is None or item is None:
            return None
        text = chosen.place if chosen.scope.kind == ins.ScopeKind.LOCATION else ""
        dialog = LocationDialog(
            self.tr("Where is the folder kept?"),
            self.tr("Location of %1:").replace("%1", item.code),
            lambda loc: ins.move_here(self.ctx.actor, chosen.id, item.id, loc),
            self,
            text=text,
        )
        done = dialog.result_view if dialog.exec() else None
        self.refresh()
        return done

    def item_finding(self) -> ins.ItemView | None:
        chosen, item = self.selected(), self._item()
        if chosen is None or item is None:
            return None
        done = messages.call(self, ins.item_finding, self.ctx.actor, chosen.id, item.id)
        self.refresh()
        return done

    def print_report(self) -> None:
        from archive_desk.inspection import output
        from archive_desk.ui.printing import preview_pdf

        chosen = self._chosen()
        if chosen is not None:
            preview_pdf(self, self.ctx, "盘点报告",
                        lambda out: output.print_inventory(self.ctx.actor, chosen.id, out))  # fmt: skip

    def export(self) -> None:
        from archive_desk.inspection import output
        from archive_desk.ui.worker import run_with_progress

        chosen = self._chosen()
        if chosen is None:
            return
        path = files.save_path(self, files.EXCEL, self.tr("Export the inventory to Excel"),
                               f"盘点-{chosen.number}")  # fmt: skip
        if path is None:
            return
        lines = run_with_progress(
            self, self.tr("Exporting the inventory…"),
            lambda _p: output.export_inventory(self.ctx.actor, chosen.id, path), cancellable=False,
        )  # fmt: skip
        if lines is not None:
            messages.info(self, self.tr("%1 lines exported to %2").replace("%1", str(lines))
                          .replace("%2", str(path)))  # fmt: skip


# --- findings ----------------------------------------------------------------------------------


class FindingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        record = ctx.can(Perm.INSPECTION_RECORD)
        approve = ctx.can(Perm.INSPECTION_APPROVE)
        self.state = _combo("finding_state", ins.FINDING_FILTERS)
        self.state.setCurrentIndex(
            max(0, self.state.findData("proposed" if approve else "pending"))
        )
        self.kind = _combo(
            "finding_kind_filter", ins.FindingKind.labels(), (self.tr("Every kind"), None)
        )
        self.card = SearchBox()
        self.card.setObjectName("finding_card_filter")
        self.card.setPlaceholderText(self.tr("Card: number or name"))
        for combo in (self.state, self.kind):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.card.search_changed.connect(lambda _t: self.refresh())
        self.source = _Source(
            lambda: ins.count_findings(ctx.actor, self.current_filter()),
            lambda o, n: ins.list_findings(ctx.actor, self.current_filter(), o, n),
        )
        # the 检查整改记录's order (序号 its running number, not the id), then where and when
        # found; the description and the proposal share the room left, elided (full text in
        # the tooltip), so the list does not scroll sideways at 1024×768
        columns: list[Column[ins.FindingView]] = [
            Column(self.tr("No."), row_number, align=Qt.AlignmentFlag.AlignCenter),
            Column(self.tr("Archive no."), lambda f: f.archive_no),
            Column(self.tr("Customer"), lambda f: f.card_name),
            Column(self.tr("Kind"), lambda f: f.kind_label),
            Column(self.tr("Description"), lambda f: f.description),
            Column(self.tr("Proposal"), lambda f: f.proposal),
            Column(self.tr("State"), lambda f: f.state_label,
                   colour=lambda f: "#ffcdd2" if f.overdue else None),
            Column(self.tr("Resolve by"), lambda f: f.due_on.isoformat() if f.due_on else ""),
            Column(self.tr("Found by"), lambda f: " ".join(filter(None, (f.source_label, f.origin)))),
            Column(self.tr("Found on"), lambda f: f"{f.created_at:%Y-%m-%d}"),
        ]  # fmt: skip
        self.model: PagedModel[ins.FindingView] = PagedModel(columns, self.source)
        self.table = list_view(
            "finding_table",
            self.model,
            widths=(36, 88, 115, 60, 0, 0, 92, 82, 150, 82),
            stretch=(4, 5),
        )
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        actions = button_row(
            (
                ("new_finding", self.tr("&New finding…"), self.new_finding, record),
                ("propose_finding", self.tr("&Proposal…"), self.propose, record),
                ("approve_finding", self.tr("&Approval…"), self.approve, record or approve),
                ("resolve_finding", self.tr("&Resolution…"), self.resolve, record),
                ("open_finding", self.tr("&Open"), self.open_selected, True),
            )
        )
        filters = button_row(())
        filters.addWidget(self.state)
        filters.addWidget(self.kind)
        filters.addWidget(self.card)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.refresh()

    def current_filter(self) -> ins.FindingFilter:
        return ins.FindingFilter(
            state=self.state.currentData() or "pending",
            kind=self.kind.currentData(),
            card=self.card.text(),
        )

    def refresh(self) -> None:
        self.model.reload()

    def show_filter(self, key: str) -> None:
        index = self.state.findData(key)
        if index >= 0:
            self.state.setCurrentIndex(index)
        self.refresh()

    def selected(self) -> ins.FindingView | None:
        found = current_row(self.table, self.model)
        if found is None:
            messages.info(self, self.tr("Select a finding first."))
            return None
        return messages.call(self, ins.get_finding, self.ctx.actor, found.id)

    def select_id(self, finding_id: int) -> None:
        select_id(self.table, self.model, finding_id)

    def _run(self, dialog: Any) -> Any:
        done = dialog.result_view if dialog.exec() else None
        self.refresh()
        if done is not None:
            self.select_id(done.id)
        return done

    def new_finding(self) -> ins.FindingView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import FindingDialog

        return self._run(FindingDialog(self.ctx, self))

    def propose(self) -> ins.FindingView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import ProposalDialog

        view = self.selected()
        return self._run(ProposalDialog(self.ctx, view, self)) if view else None

    def approve(self) -> ins.FindingView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import FindingApprovalDialog

        view = self.selected()
        if view is None:
            return None
        if view.state != ins.FindingState.PROPOSED:
            messages.info(self, self.tr("Only a proposal awaiting approval can be approved."))
            return None
        return self._run(FindingApprovalDialog(self.ctx, view, self))

    def resolve(self) -> ins.FindingView | None:
        from archive_desk.ui.dialogs.inspection_dialogs import ResolveDialog

        view = self.selected()
        return self._run(ResolveDialog(self.ctx, view, self)) if view else None

    def open_selected(self) -> Any:
        """The finding where it waits: a proposal to write, to approve, a resolution to record;
        else to read."""
        from archive_desk.ui.dialogs.inspection_dialogs import FindingReadDialog

        view = self.selected()
        if view is None:
            return None
        record = self.ctx.can(Perm.INSPECTION_RECORD)
        if record and view.state in (ins.FindingState.OPEN, ins.FindingState.REJECTED):
            return self.propose()
        if view.state == ins.FindingState.PROPOSED and (
            record or self.ctx.can(Perm.INSPECTION_APPROVE)
        ):
            return self.approve()
        if record and view.state == ins.FindingState.APPROVED:
            return self.resolve()
        return FindingReadDialog(self.ctx, view, self).exec()


# --- the tab -------------------------------------------------------------------------------------


class InspectionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = QTabWidget()
        self.pages.setObjectName("inspection_pages")
        self.rounds = RoundsPage(ctx)
        self.inventory = InventoryPage(ctx)
        self.findings = FindingsPage(ctx)
        self.pages.addTab(self.rounds, self.tr("Rounds"))
        self.pages.addTab(self.inventory, self.tr("Inventory"))
        self.pages.addTab(self.findings, self.tr("Findings"))
        if not ctx.can(Perm.INSPECTION_RECORD):
            self.pages.setCurrentWidget(self.findings)  # the manager's work is there
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

    def on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """Rounds, inventories, findings or cards changed (here or elsewhere): read again."""
        if "inspection" in batch or "card" in batch:
            self.rounds.refresh()
            self.inventory.refresh()
        if "finding" in batch or "inspection" in batch:
            self.findings.refresh()

    def show_target(self, target: str, _value: object = None) -> None:
        """Show what an overview to-do points at: the rounds and inventories in progress, or
        the findings under a filter."""
        if target == "rounds":
            self.pages.setCurrentWidget(self.rounds)
            self.rounds.filter.setCurrentIndex(max(0, self.rounds.filter.findData("open")))
            self.inventory.filter.setCurrentIndex(max(0, self.inventory.filter.findData("open")))
        elif target in ins.FINDING_FILTERS:
            self.pages.setCurrentWidget(self.findings)
            self.findings.show_filter(target)
