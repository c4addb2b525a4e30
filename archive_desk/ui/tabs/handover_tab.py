"""The handover tab: the slips in their five steps, and the action each step needs."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QVBoxLayout,
    QWidget,
)

from archive_desk import handover as ho
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.paged import Column, FilteredSource, PagedModel
from archive_desk.ui.tables import list_view
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
            "handover_table", self.model, widths=(110, 90, 110, 90, 90, 90, 50), row_height=24
        )
        record = ctx.can(Perm.HANDOVER_RECORD)
        row = button_row(
            (
                ("new_handover", self.tr("&New slip…"), self.new_handover, record),
                ("dept_step", self.tr("Department approval…"), lambda: self.step("dept"), True),
                ("check", self.tr("&Check…"), self.check, record),
                ("office_step", self.tr("Office approval…"), lambda: self.step("office"), True),
                ("receive", self.tr("&Receive…"), self.receive, record),
                ("print_slip", self.tr("&Print slip"), self.print_slip, record),
                (
                    "print_clerk_application",
                    self.tr("Clerk application form"),
                    self.print_clerk_application,
                    record,
                ),
            )
        )
        row.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.source.which = self.filter.currentData() or "open"
        self.model.reload()

    def selected(self) -> ho.HandoverView | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            messages.info(self, self.tr("Select a handover slip first."))
            return None
        return messages.call(self, ho.get_handover, self.ctx.actor, row.id)

    def _run(self, dialog: Any) -> Any:
        if dialog.exec():
            self.refresh()
            return dialog.result_view
        self.refresh()
        return None

    def new_handover(self) -> Any:
        from archive_desk.ui.dialogs.handover_dialogs import NewHandoverDialog

        return self._run(NewHandoverDialog(self.ctx, self))

    def step(self, which: str) -> Any:
        from archive_desk.ui.dialogs.handover_dialogs import StepDialog

        view = self.selected()
        return self._run(StepDialog(self.ctx, view, which, self)) if view else None

    def check(self) -> Any:
        from archive_desk.ui.dialogs.handover_dialogs import CheckDialog

        view = self.selected()
        return self._run(CheckDialog(self.ctx, view, self)) if view else None

    def receive(self) -> Any:
        from archive_desk.ui.dialogs.handover_dialogs import ReceiveDialog

        view = self.selected()
        done = self._run(ReceiveDialog(self.ctx, view, self)) if view else None
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

    def print_slip(self) -> None:
        self._print("档案交接单", ho.print_handover)

    def print_clerk_application(self) -> None:
        self._print("档案管理员申请单", ho.print_clerk_application)

    def _print(self, title: str, build: Any) -> None:
        from archive_desk.ui.printing import preview_pdf

        view = self.selected()
        if view is not None:
            preview_pdf(self, self.ctx, title, lambda out: build(self.ctx.actor, view.id, out))
