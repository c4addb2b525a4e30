"""The handover tab: the slips in their five steps, and the action each step needs — from the
buttons, the context menu of a slip, or a double click, which opens the slip where it waits: a
draft to edit, an approved one to check, and so on; a finished slip to read."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from archive_desk import handover as ho
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.paged import Column, FilteredSource, PagedModel
from archive_desk.ui.tables import action_menu, current_row, list_view, select_id, with_context_menu
from archive_desk.ui.widgets.buttons import button_row


class HandoverTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = QComboBox()
        self.filter.setObjectName("handover_filter")
        for code, label in ho.LIST_FILTERS.items():
            self.filter.addItem(label, code)
        self.filter.currentIndexChanged.connect(self.refresh)
        self.source: FilteredSource[ho.HandoverRow] = FilteredSource(
            lambda which: ho.count_handovers(ctx.actor, which),
            lambda which, offset, limit: ho.list_handovers(ctx.actor, which, offset, limit),
        )
        columns: list[Column[ho.HandoverRow]] = [
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("Date"), lambda r: r.handover_date.isoformat()),
            Column(self.tr("Kind"), lambda r: r.kind),
            Column(self.tr("Handing over"), lambda r: r.from_name),
            Column(self.tr("Receiving"), lambda r: r.to_name),
            Column(self.tr("Witness"), lambda r: r.witness_name),
            Column(self.tr("Items"), lambda r: r.items),
            Column(self.tr("State"), lambda r: r.state),
        ]
        self.model: PagedModel[ho.HandoverRow] = PagedModel(columns, self.source)
        self.table = list_view(
            "handover_table", self.model, widths=(110, 90, 120, 80, 80, 80, 50), row_height=24
        )
        with_context_menu(self.table, self.context_menu)
        self.table.doubleClicked.connect(lambda _index: self.open_selected())
        record = ctx.can(Perm.HANDOVER_RECORD)
        top = button_row(
            (
                ("new_handover", self.tr("&New slip…"), self.new_handover, record),
                ("edit_handover", self.tr("&Edit…"), self.edit, record),
                ("dept_step", self.tr("Department approval…"), lambda: self.step("dept"), True),
                ("check", self.tr("&Check…"), self.check, record),
                ("office_step", self.tr("Office approval…"), lambda: self.step("office"), True),
                ("receive", self.tr("&Receive…"), self.receive, record),
                ("withdraw_handover", self.tr("&Withdraw…"), self.withdraw, record),
            )
        )
        bottom = button_row(
            (
                ("open_slip", self.tr("&Open"), self.open_selected, True),
                ("print_slip", self.tr("&Print slip"), self.print_slip, record),
                (
                    "print_clerk_application",
                    self.tr("Clerk application form"),
                    self.print_clerk_application,
                    record,
                ),
            )
        )
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self.refresh()

    def on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """Slips changed (here or elsewhere): read the list's page again."""
        if "handover" in batch:
            self.refresh()

    def show_target(self, target: str, _value: object = None) -> None:
        """Show the list filter an overview to-do points at."""
        index = self.filter.findData(target)
        if index >= 0:
            self.filter.setCurrentIndex(index)
            self.refresh()

    def refresh(self) -> None:
        self.source.which = self.filter.currentData() or "open"
        self.model.reload()

    def _current(self) -> ho.HandoverRow | None:
        return current_row(self.table, self.model)

    def selected(self) -> ho.HandoverView | None:
        row = self._current()
        if row is None:
            messages.info(self, self.tr("Select a handover slip first."))
            return None
        return messages.call(self, ho.get_handover, self.ctx.actor, row.id)

    def select_id(self, handover_id: int) -> None:
        select_id(self.table, self.model, handover_id)

    def _run(self, dialog: Any) -> Any:
        done = dialog.exec()
        self.refresh()
        if done and dialog.result_view is not None:
            self.select_id(dialog.result_view.id)
            return dialog.result_view
        return None

    # -- opening a slip -------------------------------------------------------------------------
    def _may(self, step: str, view: ho.HandoverView | None = None) -> bool:
        """This user may act at ``step`` (record it, or approve it herself); the receiving
        side's check and receipt not on a slip she drafted or hands over."""
        if self.ctx.can(Perm.HANDOVER_RECORD):
            return view is None or ho.own_part_refusal(self.ctx.actor, view) is None
        return step in ho.STEPS and self.ctx.can(ho.STEPS[step][2])

    def open_selected(self) -> Any:
        """The slip where it waits: a draft to edit (or, for its department head, to approve),
        an approved one to check, and so on; a finished slip, or one this user cannot act on,
        to read."""
        view = self.selected()
        if view is None:
            return None
        step = ho.NEXT_STEP.get(view.state)
        if view.state == ho.HandoverState.DRAFT and self.ctx.can(Perm.HANDOVER_RECORD):
            return self._open("edit", view)
        if step is not None and self._may(step, view):
            return self._open(step, view)
        from archive_desk.ui.dialogs.handover_dialogs import SlipDialog

        return self._run(SlipDialog(self.ctx, view, self))

    def _open(self, action: str, view: ho.HandoverView) -> Any:
        from archive_desk.ui.dialogs import handover_dialogs as dialogs

        if action == "edit":
            return self._run(dialogs.NewHandoverDialog(self.ctx, self, view=view))
        if action in ho.STEPS:
            return self._run(dialogs.StepDialog(self.ctx, view, action, self))
        if action == "check":
            return self._run(dialogs.CheckDialog(self.ctx, view, self))
        return self._after_receipt(self._run(dialogs.ReceiveDialog(self.ctx, view, self)))

    def context_menu(self) -> QMenu:
        """The actions for the selected slip, each enabled when its state allows it."""
        row = self._current()
        view = messages.call(self, ho.get_handover, self.ctx.actor, row.id) if row else None
        state = view.state if view is not None else ""
        record = self.ctx.can(Perm.HANDOVER_RECORD)
        step = ho.NEXT_STEP.get(state, "")
        items = (
            ("open_action", self.tr("Open"), self.open_selected, view is not None),
            ("edit_action", self.tr("Edit…"), self.edit, record and state == ho.HandoverState.DRAFT),
            ("dept_action", self.tr("Department approval…"), lambda: self.step("dept"),
             step == "dept" and self._may("dept")),
            ("check_action", self.tr("Check…"), self.check,
             step == "check" and self._may("check", view)),
            ("office_action", self.tr("Office approval…"), lambda: self.step("office"),
             step == "office" and self._may("office")),
            ("receive_action", self.tr("Receive…"), self.receive,
             step == "receive" and self._may("receive", view)),
            ("withdraw_action", self.tr("Withdraw…"), self.withdraw, record and state in ho.OPEN_STATES),
            ("print_action", self.tr("Print slip"), self.print_slip, record and view is not None),
        )  # fmt: skip
        return action_menu(self, items)

    # -- actions --------------------------------------------------------------------------------
    def new_handover(self) -> Any:
        from archive_desk.ui.dialogs.handover_dialogs import NewHandoverDialog

        return self._run(NewHandoverDialog(self.ctx, self))

    def edit(self) -> Any:
        view = self.selected()
        if view is None:
            return None
        if view.state != "draft":
            messages.info(self, self.tr("Only a draft can be edited; withdraw the slip instead."))
            return None
        return self._open("edit", view)

    def step(self, which: str) -> Any:
        view = self.selected()
        return self._open(which, view) if view else None

    def check(self) -> Any:
        view = self.selected()
        return self._open("check", view) if view else None

    def receive(self) -> Any:
        view = self.selected()
        return self._open("receive", view) if view else None

    def _after_receipt(self, done: Any) -> Any:
        if done is not None and done.kind == "clerk_change":
            messages.info(
                self,
                self.tr(
                    "The cards are now kept by %1. The administrator decides what happens to the "
                    "account of %2 (Settings › Users: deactivate or change its role)."
                )
                .replace("%1", done.to_name)
                .replace("%2", done.from_name),
            )
        return done

    def withdraw(self) -> Any:
        """Withdraw an open slip, with a reason; its cards are free to list again."""
        view = self.selected()
        if view is None:
            return None
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Withdraw handover %1").replace("%1", view.number),
            self.tr("Why is the slip withdrawn?"),
        )
        if not ok:
            return None
        done = messages.call(
            self, ho.cancel_handover, self.ctx.actor, view.id, view.version, reason
        )
        self.refresh()
        return done

    def print_slip(self) -> None:
        from archive_desk.handover import output  # reportlab: loaded when printing

        self._print("档案交接单", output.print_handover)

    def print_clerk_application(self) -> None:
        from archive_desk.handover import output  # reportlab: loaded when printing

        self._print("档案管理员申请单", output.print_clerk_application)

    def _print(self, title: str, build: Any) -> None:
        from archive_desk.ui.printing import preview_pdf

        view = self.selected()
        if view is not None:
            preview_pdf(self, self.ctx, title, lambda out: build(self.ctx.actor, view.id, out))
