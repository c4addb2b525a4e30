"""The dialogs of borrowing: application, approval, lending with both signatures, return
checked against the contents list. Each collects input and calls one service function."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, borrowing, cards
from archive_desk.domain import name_with
from archive_desk.errors import KnownError
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.approval_form import ApprovalForm
from archive_desk.ui.dialogs.service_dialog import ERROR_STYLE, ServiceDialog
from archive_desk.ui.widgets.fields import date_edit, to_date
from archive_desk.ui.widgets.search_box import card_entry
from archive_desk.ui.widgets.signature_pad import SignatureField


class ApplicationDialog(ServiceDialog):
    """借阅申请: the borrower (a user, or someone else with department and phone), the cards (by
    search or scanner), mode, purpose and expected return (today by default)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New borrowing application"), parent)
        self.setObjectName("application_dialog")
        self.ctx = ctx
        form = QFormLayout()
        self.user = QComboBox()
        self.user.setObjectName("borrower_user")
        self.user.addItem(self.tr("(not a user of the program)"), None)
        for u in accounts.active_users():
            self.user.addItem(name_with(u.full_name, u.department), u.id)
        self.name = QLineEdit()
        self.name.setObjectName("borrower_name")
        self.department = QComboBox()
        self.department.setObjectName("borrower_department")
        for d in accounts.list_departments():
            self.department.addItem(d.name, d.id)
        self.phone = QLineEdit()
        self.phone.setObjectName("borrower_phone")
        self.user.currentIndexChanged.connect(self._user_changed)
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan adds"),
            self.add_card,
        )
        self.cards = QListWidget()
        self.cards.setObjectName("cards")
        remove = QPushButton(self.tr("Remove card"))
        remove.setObjectName("remove_card")
        remove.clicked.connect(lambda: self.cards.takeItem(self.cards.currentRow()))
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for code, label in borrowing.BorrowMode.labels().items():
            self.mode.addItem(label, code)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.expected = date_edit("expected_return", ctx.clock.today())
        form.addRow(self.tr("Borrower (user):"), self.user)
        form.addRow(self.tr("or name:"), self.name)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Phone:"), self.phone)
        form.addRow(self.tr("Add card:"), self.search)
        row = QHBoxLayout()
        row.addWidget(self.cards, 1)
        row.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("Cards:"), row)
        form.addRow(self.tr("Mode:"), self.mode)
        form.addRow(self.tr("Purpose:"), self.purpose)
        form.addRow(self.tr("Expected return:"), self.expected)
        self.body.addLayout(form)
        self.setMinimumWidth(520)

    def _user_changed(self) -> None:
        visitor = self.user.currentData() is None
        for w in (self.name, self.department, self.phone):
            w.setEnabled(visitor)

    def add_card(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        card_id, found = cards.find_one(self.ctx.actor, text)
        if card_id is None:
            self.error.setText(
                self.tr("%1 cards match; type more or scan the number.").replace("%1", str(found))
            )
            return
        if card_id in self.card_ids():
            return
        row = cards.card_rows(self.ctx.actor, [card_id])[0]
        item = QListWidgetItem(
            f"{row.archive_no}  {row.name}" + (self.tr("  (on loan)") if row.on_loan else "")
        )
        item.setData(Qt.ItemDataRole.UserRole, card_id)
        self.cards.addItem(item)
        self.search.clear()
        self.error.clear()

    def card_ids(self) -> list[int]:
        return [
            self.cards.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.cards.count())
        ]

    def submit(self) -> borrowing.BorrowingView:
        who = borrowing.BorrowerInput(
            user_id=self.user.currentData(),
            name=self.name.text(),
            department_id=self.department.currentData(),
            phone=self.phone.text(),
        )
        return borrowing.apply(
            self.ctx.actor, who, self.card_ids(), mode=self.mode.currentData(),
            purpose=self.purpose.text(), expected_return=to_date(self.expected),
        )  # fmt: skip


class DecisionDialog(ServiceDialog):
    """Approve or refuse: by the logged-in approver, or recorded by the clerk (pad or paper)."""

    def __init__(
        self, ctx: AppContext, view: borrowing.BorrowingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Approve application %1").replace("%1", view.number), parent)
        self.setObjectName("decision_dialog")
        self.ctx, self.view = ctx, view
        info = QLabel(
            f"{name_with(view.borrower_name, view.borrower_department)} · {view.mode_label} · "
            + "、".join(i.archive_no for i in view.items)
        )
        info.setObjectName("application_summary")
        info.setWordWrap(True)
        self.form = ApprovalForm(
            borrowing.approvers(ctx.actor, view.id),
            actor_id=ctx.actor.user_id,
            reject_text=self.tr("Refuse"),
            reject_name="refuse",
            pad_label=self.tr("Approver"),
        )
        self.form.guard(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.body.addWidget(info)
        self.body.addWidget(self.form)

    def submit(self) -> borrowing.BorrowingView:
        return borrowing.decide(
            self.ctx.actor, self.view.id, self.view.version, **self.form.decision()
        )


def _signature(field: SignatureField, on_paper: QCheckBox) -> borrowing.SignatureInput:
    if on_paper.isChecked():
        return borrowing.SignatureInput(on_paper=True)
    return borrowing.SignatureInput(png=None if field.is_empty() else field.png_bytes())


class SignaturesDialog(ServiceDialog):
    """Both sign — the borrower and the clerk — on the pad, or on the printed slip."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.borrower_pad = SignatureField(self.tr("Borrower"))
        self.borrower_pad.setObjectName("borrower_pad")
        self.clerk_pad = SignatureField(self.tr("Archive clerk"))
        self.clerk_pad.setObjectName("clerk_pad")
        self.borrower_paper = QCheckBox(self.tr("Borrower signs the printed slip instead"))
        self.borrower_paper.setObjectName("borrower_paper")
        self.clerk_paper = QCheckBox(self.tr("Clerk signs the printed slip instead"))
        self.clerk_paper.setObjectName("clerk_paper")
        pads = QHBoxLayout()
        for pad, paper in (
            (self.borrower_pad, self.borrower_paper),
            (self.clerk_pad, self.clerk_paper),
        ):
            column = QVBoxLayout()
            column.addWidget(pad)
            column.addWidget(paper)
            paper.toggled.connect(lambda on, p=pad: p.setEnabled(not on))
            pads.addLayout(column)
        self.body.addLayout(pads)

    def signatures(self) -> tuple[borrowing.SignatureInput, borrowing.SignatureInput]:
        return _signature(self.borrower_pad, self.borrower_paper), _signature(
            self.clerk_pad, self.clerk_paper
        )


class LendDialog(SignaturesDialog):
    def __init__(
        self, ctx: AppContext, view: borrowing.BorrowingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Lend %1").replace("%1", view.number), parent)
        self.setObjectName("lend_dialog")
        self.ctx, self.view = ctx, view
        text = "\n".join(f"{i.archive_no}  {i.card_name}" for i in view.items)
        self.body.insertWidget(
            0,
            QLabel(
                self.tr("In the reading room, to %1:").replace("%1", view.borrower_name)
                + "\n"
                + text
            ),
        )

    def submit(self) -> borrowing.BorrowingView:
        borrower_sig, clerk_sig = self.signatures()
        return borrowing.lend(
            self.ctx.actor, self.view.id, self.view.version,
            borrower_signature=borrower_sig, clerk_signature=clerk_sig,
        )  # fmt: skip


class ReturnDialog(SignaturesDialog):
    """Every document of every card out on this loan, checked: present, pages, damage. The
    differences (from :func:`borrowing.return_differences`) show as they are ticked, and OK asks
    before a return with differences opens its inspection findings."""

    COLUMNS = 6

    def __init__(
        self, ctx: AppContext, view: borrowing.BorrowingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Return %1").replace("%1", view.number), parent)
        self.setObjectName("return_dialog")
        self.ctx, self.view = ctx, view
        self.folders = borrowing.return_folders(ctx.actor, view.id)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setObjectName("checks")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Card"), self.tr("Document"), self.tr("Present"), self.tr("Pages listed"),
             self.tr("Pages found"), self.tr("Damaged")]
        )  # fmt: skip
        self.rows: list[tuple[int, int, int]] = []  # (item id, document id, pages listed)
        self.present: list[QCheckBox] = []
        self.found: list[QSpinBox] = []
        self.damaged: list[QCheckBox] = []
        for folder in self.folders:
            for doc in folder.documents:
                self._add_row(folder.item, doc)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.differences = QLabel()
        self.differences.setObjectName("return_differences")
        self.differences.setWordWrap(True)
        self.body.insertWidget(0, self.table)
        self.body.insertWidget(1, self.differences)
        self.setMinimumWidth(760)
        self._show_differences()

    def _add_row(self, item: borrowing.ItemView, doc: borrowing.ListedDocument) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(item.archive_no))
        self.table.setItem(r, 1, QTableWidgetItem(doc.title))
        present = QCheckBox()
        present.setChecked(True)
        self.table.setCellWidget(r, 2, present)
        self.table.setItem(r, 3, QTableWidgetItem(str(doc.pages)))
        found = QSpinBox()
        found.setRange(0, 9999)
        found.setValue(doc.pages)
        self.table.setCellWidget(r, 4, found)
        damaged = QCheckBox()
        self.table.setCellWidget(r, 5, damaged)
        present.toggled.connect(lambda on, f=found, d=damaged: (f.setEnabled(on), d.setEnabled(on)))
        for signal in (present.toggled, damaged.toggled, found.valueChanged):
            signal.connect(lambda _v: self._show_differences())
        self.present.append(present)
        self.found.append(found)
        self.damaged.append(damaged)
        self.rows.append((item.id, doc.id, doc.pages))

    def set_check(
        self, row: int, *, present: bool = True, pages: int | None = None, damaged: bool = False
    ) -> None:
        self.present[row].setChecked(present)
        if pages is not None:
            self.found[row].setValue(pages)
        self.damaged[row].setChecked(damaged)

    def returns(self) -> list[borrowing.ItemReturn]:
        """The cards out on the loan, each with its documents as ticked."""
        checks: dict[int, list[borrowing.DocumentCheck]] = {}
        for r, (item_id, doc_id, _listed) in enumerate(self.rows):
            checks.setdefault(item_id, []).append(
                borrowing.DocumentCheck(
                    doc_id, present=self.present[r].isChecked(),
                    pages_found=self.found[r].value(), damaged=self.damaged[r].isChecked(),
                )
            )  # fmt: skip
        return [borrowing.ItemReturn(f.item.id, checks.get(f.item.id, [])) for f in self.folders]

    def found_differences(self) -> list[borrowing.FolderDifferences]:
        """What the return will record (the service's own comparison), only cards with any."""
        found = borrowing.return_differences(self.folders, self.returns())
        return [f for f in found if f.differences]

    def _differences_text(self, found: list[borrowing.FolderDifferences]) -> str:
        lines = [
            f"{f.archive_no} {f.card_name}：{f.text}\n　　→ "
            + self.tr("finding: %1").replace("%1", f.finding_labels)
            for f in found
        ]
        return "\n".join(lines)

    def _show_differences(self) -> None:
        try:
            found = self.found_differences()
        except KnownError as exc:
            self.differences.setText(exc.message)
            self.differences.setStyleSheet(ERROR_STYLE)
            return
        if not found:
            self.differences.setText(self.tr("Every document is back as listed."))
            self.differences.setStyleSheet("color: #2e7d32;")
            return
        self.differences.setText(
            self.tr("Not as listed — an inspection finding will be opened:")
            + "\n"
            + self._differences_text(found)
        )
        self.differences.setStyleSheet(ERROR_STYLE + " font-weight: bold;")

    def run(self) -> bool:
        """A return with differences is put to the clerk first: what is missing or damaged,
        card by card, and the findings it opens."""
        try:
            found = self.found_differences()
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        question = (
            self.tr("These cards did not come back as listed:")
            + "\n\n"
            + self._differences_text(found)
            + "\n\n"
            + self.tr("Take them back as found and open the inspection findings?")
        )
        if found and not messages.confirm(self, question):
            return False
        return super().run()

    def submit(self) -> borrowing.BorrowingView:
        borrower_sig, clerk_sig = self.signatures()
        return borrowing.return_items(
            self.ctx.actor, self.view.id, self.view.version, self.returns(),
            borrower_signature=borrower_sig, clerk_signature=clerk_sig,
        )  # fmt: skip


class CopyDialog(ServiceDialog):
    """影印登记: which card, which pages, how many, why, approved by whom, given to whom; copies
    taken out of the room get a place and a due date."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Register a photocopy"), parent)
        self.setObjectName("copy_dialog")
        self.ctx = ctx
        self.card_id: int | None = None
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan"),
            self.choose_card,
        )
        self.card_label = QLabel()
        self.card_label.setObjectName("card_label")
        self.pages = QLineEdit()
        self.pages.setObjectName("pages")
        self.pages.setPlaceholderText("1-3, 5")
        self.copies = QSpinBox()
        self.copies.setObjectName("copies")
        self.copies.setRange(1, 99)
        self.purpose = QLineEdit()
        self.purpose.setObjectName("purpose")
        self.approver = QComboBox()
        self.approver.setObjectName("approver")
        self.approver.setPlaceholderText(self.tr("Choose the card first"))
        self.holder = QLineEdit()
        self.holder.setObjectName("holder")
        self.taken_out = QCheckBox(self.tr("Copies leave the archive room"))
        self.taken_out.setObjectName("taken_out")
        self.location = QLineEdit()
        self.location.setObjectName("location")
        self.due = date_edit("due_date", ctx.clock.today() + dt.timedelta(days=7))
        self.taken_out.toggled.connect(self.location.setEnabled)
        self.taken_out.toggled.connect(self.due.setEnabled)
        self.location.setEnabled(False)
        self.due.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Card:"), self.search)
        form.addRow("", self.card_label)
        form.addRow(self.tr("Pages:"), self.pages)
        form.addRow(self.tr("Copies:"), self.copies)
        form.addRow(self.tr("Purpose:"), self.purpose)
        form.addRow(self.tr("Approved by:"), self.approver)
        form.addRow(self.tr("Given to:"), self.holder)
        form.addRow("", self.taken_out)
        form.addRow(self.tr("Kept at:"), self.location)
        form.addRow(self.tr("Back by:"), self.due)
        self.body.addLayout(form)
        self.setMinimumWidth(480)

    def choose_card(self, text: str) -> None:
        card_id, _matches = cards.find_one(self.ctx.actor, text)
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        found = messages.call(self, borrowing.copy_approvers, self.ctx.actor, card_id)
        if found is None:
            return
        row = cards.card_rows(self.ctx.actor, [card_id])[0]
        self.card_id = card_id
        self.card_label.setText(f"{row.archive_no}  {row.name}")
        self.approver.clear()
        for candidate in found.candidates:  # only who may consent, the expected one first
            self.approver.addItem(candidate.label, candidate.id)
        if found.candidates:
            self.approver.setCurrentIndex(0)  # (a placeholder keeps it at -1 otherwise)
            self.error.clear()
        else:
            self.error.setText(
                self.tr("Nobody may take this step: it needs %1.").replace("%1", found.needed)
            )

    def submit(self) -> borrowing.CopyView:
        if self.card_id is None:
            raise KnownError(self.tr("Choose the card first."))
        return borrowing.record_copy(
            self.ctx.actor, self.card_id, pages=self.pages.text(), copies=self.copies.value(),
            purpose=self.purpose.text(), approver_id=self.approver.currentData() or 0,
            holder_name=self.holder.text(), taken_out=self.taken_out.isChecked(),
            location=self.location.text(), due_date=to_date(self.due) if self.taken_out.isChecked() else None,
        )  # fmt: skip
