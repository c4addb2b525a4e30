"""The retention tab (保管与销毁): three pages — the due list by region and category (propose
the selected cards for destruction, freeze them), the destruction lists in their steps (each
action enabled when the list's state allows it; a double click opens a list where it waits),
and the frozen cards (the hold report: freeze, lift)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QInputDialog,
    QLabel,
    QMenu,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk import cards, retention
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.paged import Column, FilteredSource, ListSource, PagedModel
from archive_desk.ui.tables import action_menu, current_row, list_view, select_id, with_context_menu
from archive_desk.ui.widgets.buttons import action_button, button_row
from archive_desk.ui.widgets.flow import FlowLayout

ANY = None


def _day(value: Any) -> str:
    return value.isoformat() if value else ""


class RetentionTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pages = QTabWidget()
        self.pages.setObjectName("retention_pages")
        self.pages.addTab(self._due_page(), self.tr("Due list"))
        self.pages.addTab(self._lists_page(), self.tr("Destruction lists"))
        self.pages.addTab(self._holds_page(), self.tr("Frozen cards"))
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self.refresh()

    # -- the due list ---------------------------------------------------------------------------
    def _due_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("due_page")
        self.months = QComboBox()
        self.months.setObjectName("due_months")
        for months, text in (
            (0, self.tr("Already due")),
            (3, self.tr("Due within 3 months")),
            (6, self.tr("Due within 6 months")),
            (12, self.tr("Due within 12 months")),
        ):
            self.months.addItem(text, months)
        self.region = QComboBox()
        self.region.setObjectName("due_region")
        self.region.addItem(self.tr("All regions"), ANY)
        for r in cards.list_regions():
            self.region.addItem(r.path, r.id)
        self.category = QComboBox()
        self.category.setObjectName("due_category")
        self.category.addItem(self.tr("All categories"), ANY)
        for c in cards.list_categories():
            self.category.addItem(f"{c.code} {c.name}", c.id)
        for combo in (self.months, self.region, self.category):
            combo.currentIndexChanged.connect(lambda _i: self.refresh_due())
        self.due_source: ListSource[retention.DueRow] = ListSource(self._due_rows)
        columns: list[Column[retention.DueRow]] = [
            Column(self.tr("Archive no."), lambda r: r.archive_no),
            Column(self.tr("Customer"), lambda r: r.name),
            Column(self.tr("Region"), lambda r: r.region),
            Column(self.tr("Category"), lambda r: f"{r.category_code} {r.category}"),
            Column(self.tr("Retention"), lambda r: r.retention),
            Column(self.tr("From"), lambda r: _day(r.retention_start)),
            Column(self.tr("Due"), lambda r: _day(r.retention_due)),
            Column(self.tr("Trade"), lambda r: r.trade_status),
            Column(self.tr("On list"), lambda r: r.listed_on),
            Column(self.tr("Frozen"), lambda r: r.frozen),
        ]
        self.due_model: PagedModel[retention.DueRow] = PagedModel(columns, self.due_source)
        self.due_table = list_view(
            "due_table",
            self.due_model,
            widths=(96, 200, 110, 100, 70, 84, 84, 64, 96),
            row_height=24,
        )
        self.due_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.due_count = QLabel()
        self.due_count.setObjectName("due_count")
        top = FlowLayout()
        for widget in (self.months, self.region, self.category):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.due_count)
        actions = button_row(
            (
                ("propose_selected", self.tr("&Propose for destruction…"), self.propose_selected,
                 self.ctx.can(Perm.DESTRUCTION_PROPOSE)),
                ("freeze_selected", self.tr("&Freeze…"), self.freeze_selected,
                 self.ctx.can(Perm.LEGAL_HOLD)),
            )
        )  # fmt: skip
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.due_table, 1)
        layout.addLayout(actions)
        return page

    def _due_rows(self) -> list[retention.DueRow]:
        found = messages.call(
            self, retention.due_list, self.ctx.actor, months=self.months.currentData() or 0,
            region_id=self.region.currentData(), category_id=self.category.currentData(),
        )  # fmt: skip
        return found or []

    def refresh_due(self) -> None:
        self.due_model.reload()
        self.due_count.setText(self.tr("%1 cards").replace("%1", str(self.due_model.rowCount())))

    def selected_due(self) -> list[retention.DueRow]:
        rows = sorted(i.row() for i in self.due_table.selectionModel().selectedRows())
        return [r for r in (self.due_model.row_at(i) for i in rows) if r is not None]

    def propose_selected(self) -> Any:
        """A new list of the selected cards, each with the reason 保管期满."""
        from archive_desk.ui.dialogs.destruction_dialogs import ProposalDialog

        chosen = [r.card_id for r in self.selected_due() if not r.listed_on and not r.frozen]
        if not chosen:
            messages.info(self, self.tr("Select due cards that are on no list and not frozen."))
            return None
        done = self._run(ProposalDialog(self.ctx, self, card_ids=chosen))
        if done is not None:
            self.show_target(retention.DestructionState.DRAFT.value)
        return done

    def freeze_selected(self) -> Any:
        from archive_desk.ui.dialogs.destruction_dialogs import FreezeDialog

        chosen = [r.card_id for r in self.selected_due() if not r.frozen]
        return self._run(FreezeDialog(self.ctx, self, card_ids=chosen))

    # -- the lists ------------------------------------------------------------------------------
    def _lists_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("lists_page")
        self.filter = QComboBox()
        self.filter.setObjectName("destruction_filter")
        for code, label in retention.LIST_FILTERS.items():
            self.filter.addItem(label, code)
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh_lists())
        self.lists_source: FilteredSource[retention.ListRow] = FilteredSource(
            lambda which: retention.count_lists(self.ctx.actor, which),
            lambda which, offset, limit: retention.list_lists(self.ctx.actor, which, offset, limit),
        )
        columns: list[Column[retention.ListRow]] = [
            Column(self.tr("List no."), lambda r: r.number),
            Column(self.tr("Proposed"), lambda r: _day(r.created_on)),
            Column(self.tr("Proposer"), lambda r: r.proposer),
            Column(self.tr("Cards"), lambda r: r.cards),
            Column(self.tr("State"), lambda r: r.state_label),
            Column(self.tr("May be destroyed from"), lambda r: _day(r.wait_until)),
            Column(self.tr("Destroyed on"), lambda r: _day(r.executed_on)),
        ]
        self.lists_model: PagedModel[retention.ListRow] = PagedModel(columns, self.lists_source)
        self.lists_table = list_view(
            "destruction_table", self.lists_model, widths=(110, 90, 80, 50, 110, 120), row_height=24
        )
        with_context_menu(self.lists_table, self.context_menu)
        self.lists_table.doubleClicked.connect(lambda _index: self.open_selected())
        record = self.ctx.can(Perm.DESTRUCTION_PROPOSE)
        top = button_row(
            (
                ("new_destruction", self.tr("&New list…"), self.new_list, record),
                ("edit_destruction", self.tr("&Edit…"), self.edit, record),
                ("review_step", self.tr("Manager's &review…"), lambda: self.step("review"),
                 self._may("review")),
                ("approve_step", self.tr("General manager's &approval…"),
                 lambda: self.step("approve"), self._may("approve")),
                ("execute_destruction", self.tr("E&xecute…"), self.execute, record),
                ("feedback_destruction", self.tr("&Feedback…"), self.feedback, record),
                ("withdraw_destruction", self.tr("&Withdraw…"), self.withdraw, record),
            )
        )  # fmt: skip
        top.addWidget(self.filter)
        print_button = QToolButton()
        print_button.setObjectName("print_destruction")
        print_button.setText(self.tr("&Print"))
        print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(print_button)
        for form, text in (
            ("proposal", self.tr("Destruction proposal")),
            ("register", self.tr("Destruction register")),
            ("feedback", self.tr("Destruction feedback")),
        ):
            action = menu.addAction(text)
            action.setObjectName(f"print_{form}")
            action.triggered.connect(lambda _c=False, f=form: self.print_form(f))
        print_button.setMenu(menu)
        bottom = FlowLayout()
        bottom.addWidget(action_button("open_destruction", self.tr("&Open"), self.open_selected))
        bottom.addWidget(print_button)
        bottom.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.lists_table, 1)
        layout.addLayout(bottom)
        return page

    def _may(self, step: str) -> bool:
        """This user may act at ``step`` (record it, or take it herself)."""
        return self.ctx.can(Perm.DESTRUCTION_PROPOSE) or self.ctx.can(retention.STEPS[step][2])

    def refresh_lists(self) -> None:
        self.lists_source.which = self.filter.currentData() or "open"
        self.lists_model.reload()

    def _current(self) -> retention.ListRow | None:
        return current_row(self.lists_table, self.lists_model)

    def selected(self) -> retention.DestructionView | None:
        row = self._current()
        if row is None:
            messages.info(self, self.tr("Select a destruction list first."))
            return None
        return messages.call(self, retention.get_list, self.ctx.actor, row.id)

    def select_id(self, list_id: int) -> None:
        select_id(self.lists_table, self.lists_model, list_id)

    def _run(self, dialog: Any) -> Any:
        done = dialog.exec()
        self.refresh()
        if done and dialog.result_view is not None:
            view = dialog.result_view
            if isinstance(view, retention.DestructionView):
                self.select_id(view.id)
            return view
        return None

    def open_selected(self) -> Any:
        """The list where it waits: a draft or one sent back to edit, a step to take, an
        approved list to carry out, an executed one to report; else to read."""
        view = self.selected()
        if view is None:
            return None
        state, record = view.state, self.ctx.can(Perm.DESTRUCTION_PROPOSE)
        S = retention.DestructionState
        if state == S.RETURNED and record:
            return self._open("edit", view)
        if state == S.DRAFT and self.ctx.can(Perm.DESTRUCTION_REVIEW):
            return self._open("review", view)
        if state == S.REVIEWED and self.ctx.can(Perm.DESTRUCTION_APPROVE):
            return self._open("approve", view)
        if (
            state == S.APPROVED
            and record
            and view.wait_until
            and (view.wait_until <= self.ctx.clock.today())
        ):
            return self._open("execute", view)
        if state == S.EXECUTED and record:
            return self._open("feedback", view)
        from archive_desk.ui.dialogs.destruction_dialogs import ListDialog

        return self._run(ListDialog(self.ctx, view, self))

    def _open(self, action: str, view: retention.DestructionView) -> Any:
        from archive_desk.ui.dialogs import destruction_dialogs as dialogs

        if action == "edit":
            return self._run(dialogs.ProposalDialog(self.ctx, self, view=view))
        if action in retention.STEPS:
            return self._run(dialogs.StepDialog(self.ctx, view, action, self))
        if action == "execute":
            return self._run(dialogs.ExecuteDialog(self.ctx, view, self))
        return self._run(dialogs.FeedbackDialog(self.ctx, view, self))

    def context_menu(self) -> QMenu:
        """The actions for the selected list, each enabled when its state allows it."""
        row = self._current()
        S = retention.DestructionState
        state = row.state if row is not None else ""
        record = self.ctx.can(Perm.DESTRUCTION_PROPOSE)
        items = (
            ("open_action", self.tr("Open"), self.open_selected, row is not None),
            ("edit_action", self.tr("Edit…"), self.edit, record and state in (S.DRAFT, S.RETURNED)),
            ("review_action", self.tr("Manager's review…"), lambda: self.step("review"),
             state == S.DRAFT and self._may("review")),
            ("approve_action", self.tr("General manager's approval…"), lambda: self.step("approve"),
             state == S.REVIEWED and self._may("approve")),
            ("execute_action", self.tr("Execute…"), self.execute, record and state == S.APPROVED),
            ("feedback_action", self.tr("Feedback…"), self.feedback, record and state == S.EXECUTED),
            ("withdraw_action", self.tr("Withdraw…"), self.withdraw,
             record and state in retention.OPEN_STATES),
        )  # fmt: skip
        return action_menu(self, items)

    def new_list(self) -> Any:
        """A list made by hand: cards added by number, each with its reason."""
        from archive_desk.ui.dialogs.destruction_dialogs import ProposalDialog

        return self._run(ProposalDialog(self.ctx, self))

    def edit(self) -> Any:
        view = self.selected()
        if view is None:
            return None
        S = retention.DestructionState
        if view.state not in (S.DRAFT, S.RETURNED):
            messages.info(self, self.tr("Only a list not yet reviewed or sent back can be edited."))
            return None
        return self._open("edit", view)

    def step(self, which: str) -> Any:
        view = self.selected()
        return self._open(which, view) if view else None

    def execute(self) -> Any:
        view = self.selected()
        return self._open("execute", view) if view else None

    def feedback(self) -> Any:
        view = self.selected()
        return self._open("feedback", view) if view else None

    def withdraw(self) -> Any:
        """Withdraw an open list, with a reason; its cards return to the archive."""
        view = self.selected()
        if view is None:
            return None
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Withdraw destruction list %1").replace("%1", view.number),
            self.tr("Why is the list withdrawn?"),
        )
        if not ok:
            return None
        done = messages.call(
            self, retention.cancel_list, self.ctx.actor, view.id, view.version, reason=reason
        )
        self.refresh()
        return done

    def print_form(self, form: str) -> None:
        from archive_desk.retention import output  # reportlab: loaded when printing
        from archive_desk.ui.printing import preview_pdf

        view = self.selected()
        if view is not None:
            title = f"{output.FORMS[form]} {view.number}"
            preview_pdf(
                self,
                self.ctx,
                title,
                lambda out: output.print_form(self.ctx.actor, view.id, form, out),
            )

    # -- frozen cards ---------------------------------------------------------------------------
    def _holds_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("holds_page")
        self.holds_source: ListSource[retention.HoldRow] = ListSource(
            lambda: messages.call(self, retention.hold_report, self.ctx.actor) or []
        )
        columns: list[Column[retention.HoldRow]] = [
            Column(self.tr("Archive no."), lambda r: r.archive_no),
            Column(self.tr("Customer"), lambda r: r.name),
            Column(self.tr("Region"), lambda r: r.region),
            Column(self.tr("Category"), lambda r: r.category),
            Column(self.tr("Kind"), lambda r: r.kind_label),
            Column(self.tr("Reason"), lambda r: r.reason),
            Column(self.tr("Frozen by"), lambda r: r.frozen_by),
            Column(self.tr("Since"), lambda r: f"{r.frozen_at:%Y-%m-%d}"),
            Column(self.tr("On list"), lambda r: r.listed_on),
        ]
        self.holds_model: PagedModel[retention.HoldRow] = PagedModel(columns, self.holds_source)
        self.holds_table: QTableView = list_view(
            "hold_table",
            self.holds_model,
            widths=(96, 180, 100, 90, 70, 200, 64, 84),
            row_height=24,
        )
        manager = self.ctx.can(Perm.LEGAL_HOLD)
        actions = button_row(
            (
                ("freeze_card", self.tr("Freeze a &card…"), self.freeze_card, manager),
                ("lift_hold", self.tr("&Lift the freeze…"), self.lift, manager),
            )
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.holds_table, 1)
        layout.addLayout(actions)
        return page

    def freeze_card(self) -> Any:
        from archive_desk.ui.dialogs.destruction_dialogs import FreezeDialog

        return self._run(FreezeDialog(self.ctx, self))

    def lift(self) -> bool:
        row = current_row(self.holds_table, self.holds_model)
        if row is None:
            messages.info(self, self.tr("Select a frozen card first."))
            return False
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Lift the freeze of %1").replace("%1", row.archive_no),
            self.tr("Why is the freeze lifted?"),
        )
        if not ok:
            return False
        done = messages.attempt(
            self, retention.lift, self.ctx.actor, row.hold_id, row.version, reason=reason
        )
        self.refresh()
        return done

    # -- refreshing -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the page shown again (the others read when shown)."""
        page = self.pages.currentIndex()
        if page == 0:
            self.refresh_due()
        elif page == 1:
            self.refresh_lists()
        else:
            self.holds_model.reload()

    def on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """Lists, freezes or cards changed (here or elsewhere): read the page shown again."""
        if {"destruction", "legal_hold", "card"} & set(batch):
            self.refresh()

    def show_target(self, target: str, value: object = None) -> None:
        """Show what an overview to-do points at: the due list (``due``, the months ahead in
        ``value``) or a filter of the lists."""
        if target == "due":
            self.months.setCurrentIndex(max(0, self.months.findData(value or 0)))
            self.pages.setCurrentIndex(0)
            self.refresh_due()
            return
        index = self.filter.findData(target)
        if index >= 0:
            self.filter.setCurrentIndex(index)
            self.pages.setCurrentIndex(1)
            self.refresh_lists()
