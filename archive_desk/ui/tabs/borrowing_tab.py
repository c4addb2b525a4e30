"""The borrowing tab: applications and loans with the actions of the day — new application,
approval, lending with both signatures, paper signatures confirmed, return, renewal, printing,
the month-end list — and its day-close view (the originals not back, closed from there)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from archive_desk import borrowing
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.models.paged import Column, FilteredSource, PagedModel
from archive_desk.ui.tables import current_row, list_view, select_id
from archive_desk.ui.widgets.buttons import button_row


def _when(value: dt.datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


class BorrowingTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.reminder = QLabel()
        self.reminder.setObjectName("month_end_reminder")
        self.reminder.setStyleSheet("color: #8a5a00; font-weight: bold;")
        self.filter = QComboBox()
        self.filter.setObjectName("borrowing_filter")
        for code, label in borrowing.LIST_FILTERS.items():
            self.filter.addItem(label, code)
        self.filter.currentIndexChanged.connect(self.show_list)
        self.source: FilteredSource[borrowing.BorrowingRow] = FilteredSource(
            lambda which: borrowing.count_borrowings(ctx.actor, which),
            lambda which, offset, limit: borrowing.list_borrowings(ctx.actor, which, offset, limit),
        )
        columns: list[Column[borrowing.BorrowingRow]] = [
            Column(self.tr("Number"), lambda r: r.number),
            Column(self.tr("Borrower"), lambda r: r.borrower_name),
            Column(self.tr("Department"), lambda r: r.borrower_department),
            Column(self.tr("Mode"), lambda r: r.mode),
            Column(self.tr("Cards"), lambda r: r.cards),
            Column(self.tr("State"), lambda r: r.state),
            Column(
                self.tr("Return check"),
                lambda r: r.return_check,
                colour=lambda r: "#f8d7da" if r.return_check else None,
            ),
            Column(self.tr("Applied"), lambda r: r.applied_on.isoformat()),
            Column(self.tr("Due"), lambda r: r.expected_return.isoformat()),
            Column(self.tr("Lent at"), lambda r: _when(r.lent_at)),
            Column(self.tr("Days overdue"), lambda r: r.days_overdue or ""),
        ]
        self.model: PagedModel[borrowing.BorrowingRow] = PagedModel(columns, self.source)
        self.table = list_view(
            "borrowing_table",
            self.model,
            widths=(100, 60, 75, 45, 170, 80, 70, 85, 85, 120),
            row_height=24,
        )
        record = ctx.can(Perm.BORROW_RECORD)
        top = button_row(
            (
                ("new_application", self.tr("&New application…"), self.new_application, record),
                ("decide", self.tr("&Approve / refuse…"), self.decide, True),
                ("lend", self.tr("&Lend…"), self.lend, record),
                ("confirm_paper", self.tr("Paper signatures done"), self.confirm_paper, record),
                ("return_cards", self.tr("&Return…"), self.return_cards, record),
                ("renew", self.tr("Re&new…"), self.renew, record),
            )
        )
        bottom = button_row(
            (
                ("print_application", self.tr("Print application"), self.print_application, record),
                ("print_register", self.tr("Register…"), self.print_register, record),
                ("print_reminders", self.tr("Overdue notices"), self.print_reminders, record),
                ("record_copy", self.tr("Photocopy…"), self.record_copy, record),
                ("copies_out", self.tr("Copies out…"), self.copies_out, record),
                ("print_copies", self.tr("Copies register"), self.print_copies, record),
                ("close_day", self.tr("Close the day…"), self.show_day_close, record),
                ("month_end", self.tr("Month-end list"), self.month_end, record),
            )
        )
        top.addWidget(self.filter)
        listing = QWidget()
        list_layout = QVBoxLayout(listing)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(bottom)
        from archive_desk.ui.tabs.day_close_view import DayCloseView

        self.day_close = DayCloseView(ctx)
        self.day_close.setObjectName("day_close_view")
        self.day_close.back.connect(self.show_list)
        self.day_close.closed.connect(self.refresh)
        self.day_close.return_requested.connect(self.return_from_day_close)
        self.pages = QStackedWidget()
        self.pages.setObjectName("borrowing_pages")
        self.pages.addWidget(listing)
        self.pages.addWidget(self.day_close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reminder)
        layout.addWidget(self.pages, 1)
        self.table.doubleClicked.connect(lambda _i: self.print_application())
        self.refresh()

    # -- list ---------------------------------------------------------------------------------
    def on_changes(self, batch: dict[str, frozenset[int]]) -> None:
        """Applications changed (here or elsewhere): read the list's page again."""
        if "borrowing" in batch:
            self.refresh()

    def show_target(self, target: str, _value: object = None) -> None:
        """Show what an overview to-do points at: a list filter (back to the list from the
        day-close view), or a view or action of this tab (``show_day_close``, ``month_end``)."""
        index = self.filter.findData(target)
        if index >= 0:
            self.filter.setCurrentIndex(index)
            self.show_list()
        elif target in ("show_day_close", "month_end"):
            getattr(self, target)()

    def show_list(self) -> None:
        self.pages.setCurrentIndex(0)
        self.refresh()

    def show_day_close(self) -> None:
        """The originals not back, to be returned or explained before closing (closes nothing)."""
        self.day_close.load()
        self.pages.setCurrentWidget(self.day_close)
        self.day_close.table.setFocus()

    def refresh(self) -> None:
        self.source.which = self.filter.currentData() or "open"
        self.model.reload()
        text = (
            borrowing.month_end_reminder(self.ctx.actor)
            if self.ctx.can(Perm.BORROW_RECORD)
            else None
        )
        self.reminder.setText(text or "")
        self.reminder.setVisible(bool(text))

    def selected(self) -> borrowing.BorrowingView | None:
        row = current_row(self.table, self.model)
        if row is None:
            messages.info(self, self.tr("Select an application first."))
            return None
        return messages.call(self, borrowing.get_borrowing, self.ctx.actor, row.id)

    def select_id(self, borrowing_id: int) -> None:
        select_id(self.table, self.model, borrowing_id)

    def _run(self, dialog: Any) -> Any:
        if dialog.exec():
            self.refresh()
            if dialog.result_view is not None:
                self.select_id(dialog.result_view.id)
            return dialog.result_view
        return None

    # -- actions ------------------------------------------------------------------------------
    def new_application(self) -> Any:
        from archive_desk.ui.dialogs.borrowing_dialogs import ApplicationDialog

        return self._run(ApplicationDialog(self.ctx, self))

    def decide(self) -> Any:
        from archive_desk.ui.dialogs.borrowing_dialogs import DecisionDialog

        view = self.selected()
        return self._run(DecisionDialog(self.ctx, view, self)) if view else None

    def lend(self) -> Any:
        from archive_desk.ui.dialogs.borrowing_dialogs import LendDialog

        view = self.selected()
        return self._run(LendDialog(self.ctx, view, self)) if view else None

    def return_cards(self) -> Any:
        from archive_desk.ui.dialogs.borrowing_dialogs import ReturnDialog

        view = self.selected()
        return self._run(ReturnDialog(self.ctx, view, self)) if view else None

    def return_from_day_close(self, borrowing_id: int) -> Any:
        """Take back (from the day-close view) the loan of the original chosen there."""
        from archive_desk.ui.dialogs.borrowing_dialogs import ReturnDialog

        view = messages.call(self, borrowing.get_borrowing, self.ctx.actor, borrowing_id)
        result = self._run(ReturnDialog(self.ctx, view, self)) if view else None
        self.day_close.load()
        return result

    def confirm_paper(self) -> None:
        view = self.selected()
        if view and messages.confirm(
            self,
            self.tr("Have the borrower and the clerk both signed the printed slip?"),
            default_yes=True,
        ):
            messages.call(
                self, borrowing.confirm_paper_signatures, self.ctx.actor, view.id, view.version
            )
            self.refresh()

    def renew(self) -> None:
        view = self.selected()
        if view is None:
            return
        lent = [i for i in view.items if i.state == borrowing.ItemState.LENT]
        if not lent:
            messages.info(self, self.tr("Nothing of this application is on loan."))
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Renew"), self.tr("Reason for the renewal:")
        )
        if not ok:
            return
        days, ok = QInputDialog.getInt(self, self.tr("Renew"), self.tr("Extend by days:"), 7, 1, 60)
        if not ok:
            return
        for item in lent:
            assert item.due_date is not None
            new_due = item.due_date + dt.timedelta(days=days)
            if (
                messages.call(
                    self, borrowing.renew, self.ctx.actor, item.id, item.version, new_due, reason
                )
                is None
            ):
                break
        self.refresh()

    def _pdf(self, name: str, build: Any) -> None:
        from archive_desk.ui.printing import preview_pdf

        preview_pdf(self, self.ctx, name, build)

    def print_application(self) -> None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        view = self.selected()
        if view:
            self._pdf(
                "借阅申请单",
                lambda out: borrowing_output.print_application(self.ctx.actor, view.id, out),
            )

    def print_register(self) -> None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        today = self.ctx.clock.today()
        start = today.replace(day=1)
        self._pdf(
            "借阅登记簿",
            lambda out: borrowing_output.print_register(self.ctx.actor, start, today, out),
        )

    def print_reminders(self) -> None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        """Notices for the selected loan's borrower, or (nothing selected) every overdue one."""
        chosen = current_row(self.table, self.model)
        item_ids: list[int] | None = None
        if chosen is not None:
            view = borrowing.get_borrowing(self.ctx.actor, chosen.id)
            item_ids = [i.id for i in view.items if i.state == borrowing.ItemState.LENT]
        self._pdf(
            "催还通知单",
            lambda out: borrowing_output.print_reminders(self.ctx.actor, out, item_ids),
        )

    def month_end(self) -> None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        month = borrowing.previous_month(self.ctx.clock.today())
        self._pdf(
            f"{month}借出未还清单",
            lambda out: borrowing_output.print_month_end(self.ctx.actor, month, out),
        )
        self.refresh()

    def record_copy(self) -> Any:
        from archive_desk.ui.dialogs.borrowing_dialogs import CopyDialog

        dialog = CopyDialog(self.ctx, self)
        return dialog.result_view if dialog.exec() else None

    def copies_out(self) -> None:
        out = messages.call(self, borrowing.copies_out, self.ctx.actor)
        if not out:
            if out is not None:
                messages.info(self, self.tr("No copies are out."))
            return
        labels = [
            f"{c.number}  {c.archive_no} {c.card_name}  → {c.holder_name} {c.location}" for c in out
        ]
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Copies out"),
            self.tr("Strike off the copy that came back:"),
            labels,
            0,
            False,
        )
        if ok:
            copy = out[labels.index(choice)]
            messages.call(self, borrowing.strike_off_copy, self.ctx.actor, copy.id, copy.version)

    def print_copies(self) -> None:
        from archive_desk.borrowing import output as borrowing_output  # reportlab: when printing

        today = self.ctx.clock.today()
        start = today.replace(day=1)
        self._pdf(
            "影印登记表",
            lambda out: borrowing_output.print_copies(self.ctx.actor, start, today, out),
        )
