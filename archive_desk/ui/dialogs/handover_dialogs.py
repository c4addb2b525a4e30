"""The dialogs of a handover: drafting the slip, an approval step, the receiver's check by tick
or scan with its differences, and the receipt with three signatures."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, cards
from archive_desk import handover as ho
from archive_desk.domain import HANDOVER_KINDS, HANDOVER_UNITS, Role, name_with
from archive_desk.errors import KnownError
from archive_desk.signatures import SignatureInput
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.approval_form import ApprovalForm
from archive_desk.ui.dialogs.borrowing_dialogs import _ServiceDialog
from archive_desk.ui.widgets.search_box import card_entry
from archive_desk.ui.widgets.signature_pad import SignatureField


def _user_combo(name: str, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if empty is not None:
        combo.addItem(empty, None)
    for u in accounts.active_users():
        combo.addItem(name_with(u.full_name, u.role_label, u.department), u.id)
    return combo


class NewHandoverDialog(_ServiceDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New handover slip"), parent)
        self.setObjectName("new_handover_dialog")
        self.ctx = ctx
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code, label in HANDOVER_KINDS.items():
            self.kind.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.from_user = _user_combo("from_user")
        self.from_user.setCurrentIndex(max(0, self.from_user.findData(ctx.actor.user_id)))
        self.from_dept = QComboBox()
        self.from_dept.setObjectName("from_department")
        self.from_dept.addItem(self.tr("(the user's department)"), None)
        for d in accounts.list_departments():
            self.from_dept.addItem(d.name, d.id)
        self.to_user = _user_combo("to_user")
        self.witness_user = _user_combo("witness_user", self.tr("(not a user)"))
        self.witness_name = QLineEdit()
        self.witness_name.setObjectName("witness_name")
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan adds"),
            self.add_card,
        )
        self.items = QListWidget()
        self.items.setObjectName("items")
        all_held = QPushButton(self.tr("All cards held by the handing-over clerk"))
        all_held.setObjectName("add_all_held")
        all_held.clicked.connect(self.add_all_held)
        add_free = QPushButton(self.tr("Add an item that is not a card…"))
        add_free.setObjectName("add_free")
        add_free.clicked.connect(self.ask_free_item)
        remove = QPushButton(self.tr("Remove row"))
        remove.clicked.connect(lambda: self.items.takeItem(self.items.currentRow()))
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Handing over:"), self.from_user)
        form.addRow(self.tr("Handing-over department:"), self.from_dept)
        form.addRow(self.tr("Receiving:"), self.to_user)
        form.addRow(self.tr("Witness (user):"), self.witness_user)
        form.addRow(self.tr("or witness name:"), self.witness_name)
        form.addRow(self.tr("Add card:"), self.search)
        buttons = QHBoxLayout()
        for b in (all_held, add_free, remove):
            buttons.addWidget(b)
        self.body.addLayout(form)
        self.body.addWidget(self.items)
        self.body.addLayout(buttons)
        self.setMinimumWidth(600)

    def _add(self, text: str, item: ho.ItemInput) -> None:
        row = QListWidgetItem(text)
        row.setData(Qt.ItemDataRole.UserRole, item)
        self.items.addItem(row)

    def card_ids(self) -> list[int]:
        out = []
        for i in range(self.items.count()):
            item = self.items.item(i).data(Qt.ItemDataRole.UserRole)
            if item.card_id is not None:
                out.append(item.card_id)
        return out

    def add_card(self, text: str) -> None:
        card_id, _found = cards.find_one(self.ctx.actor, text.strip())
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        if card_id not in self.card_ids():
            row = cards.card_rows(self.ctx.actor, [card_id])[0]
            self._add(f"{row.archive_no}  {row.name}", ho.ItemInput(card_id=card_id))
        self.search.clear()
        self.error.clear()

    def add_all_held(self) -> None:
        try:
            ids = ho.cards_held_by(self.ctx.actor, self.from_user.currentData())
        except KnownError as exc:
            self.error.setText(exc.message)
            return
        have = set(self.card_ids())
        new = [i for i in ids if i not in have]
        for start in range(0, len(new), 500):
            for row in cards.card_rows(self.ctx.actor, new[start : start + 500]):
                self._add(f"{row.archive_no}  {row.name}", ho.ItemInput(card_id=row.id))

    def add_free_item(self, item: ho.ItemInput) -> None:
        self._add(f"{item.name}  {item.quantity}{item.unit}（{item.carrier}）", item)

    def ask_free_item(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("Item"), self.tr("Name:"))
        if not ok or not name.strip():
            return
        quantity, ok = QInputDialog.getInt(self, self.tr("Item"), self.tr("Quantity:"), 1, 1, 9999)
        if not ok:
            return
        unit, ok = QInputDialog.getItem(
            self, self.tr("Item"), self.tr("Unit:"), list(HANDOVER_UNITS), 4, False
        )
        if ok:
            self.add_free_item(ho.ItemInput(name=name, quantity=quantity, unit=unit))

    def submit(self) -> ho.HandoverView:
        items = [
            self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
        ]
        witness = ho.PartyInput(
            user_id=self.witness_user.currentData(), name=self.witness_name.text()
        )
        return ho.create_handover(
            self.ctx.actor, kind=self.kind.currentData(), reason=self.reason.text(),
            from_party=ho.PartyInput(user_id=self.from_user.currentData(), department_id=self.from_dept.currentData()),
            to_party=ho.PartyInput(user_id=self.to_user.currentData()), witness=witness, items=items,
        )  # fmt: skip


class StepDialog(_ServiceDialog):
    """The department head's or the office head's step: approve or send back."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, step: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Approve handover %1").replace("%1", view.number), parent)
        self.setObjectName("handover_step_dialog")
        self.ctx, self.view, self.step = ctx, view, step
        role = ho.STEPS[step][3]
        self.form = ApprovalForm(
            ctx,
            approve_perm=ho.STEPS[step][2],
            record_perm="handover.record",
            approver_roles=(role,),
            reject_text=self.tr("Send back"),
            reject_name="send_back",
            pad_label=Role.LABELS[role],
        )
        self.body.addWidget(
            QLabel(f"{view.kind_label}：{view.from_name} → {view.to_name}（{len(view.items)} 项）")
        )
        self.body.addWidget(self.form)

    def submit(self) -> ho.HandoverView:
        return ho.decide(
            self.ctx.actor, self.view.id, self.view.version, self.step, **self.form.decision()
        )


class CheckDialog(_ServiceDialog):
    """The receiver ticks or scans every item; differences are listed and resolved here."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Check handover %1").replace("%1", view.number), parent)
        self.setObjectName("check_dialog")
        self.ctx, self.view = ctx, view
        self.scanned: list[int] = []
        self.search = card_entry("scan", self.tr("Scan or type archive numbers"), self.scan)
        self.list = QListWidget()
        self.list.setObjectName("check_items")
        self.differences = QLabel()
        self.differences.setObjectName("differences")
        self.differences.setWordWrap(True)
        compare = QPushButton(self.tr("Compare"))
        compare.setObjectName("compare")
        compare.clicked.connect(self.compare)
        resolve = QPushButton(self.tr("Resolve the selected difference…"))
        resolve.setObjectName("resolve")
        resolve.clicked.connect(self.ask_resolution)
        self.send_back = QCheckBox(self.tr("Send the slip back instead, with this comment:"))
        self.send_back.setObjectName("send_back")
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        row = QHBoxLayout()
        row.addWidget(compare)
        row.addWidget(resolve)
        row.addStretch(1)
        self.body.addWidget(self.search)
        self.body.addWidget(self.list)
        self.body.addLayout(row)
        self.body.addWidget(self.differences)
        self.body.addWidget(self.send_back)
        self.body.addWidget(self.comment)
        self._fill(view)
        self.setMinimumWidth(560)

    def _fill(self, view: ho.HandoverView) -> None:
        self.view = view
        self.list.clear()
        notes = []
        for i in view.items:
            row = QListWidgetItem(
                i.name
                + (
                    f"  【{ {'missing': '缺少', 'extra': '清单外'}[i.difference] }】"
                    if i.difference
                    else ""
                )
            )
            row.setData(Qt.ItemDataRole.UserRole, i)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if i.checked else Qt.CheckState.Unchecked)
            self.list.addItem(row)
            if i.difference and not i.resolution:
                notes.append(i.name)
        self.differences.setText(
            self.tr("Unresolved differences: %1").replace("%1", "、".join(notes)) if notes else ""
        )

    def scan(self, text: str) -> None:
        card_id = cards.find_by_archive_no(self.ctx.actor, text.strip())
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        if card_id not in self.scanned:
            self.scanned.append(card_id)
        for r in range(self.list.count()):
            row = self.list.item(r)
            if row.data(Qt.ItemDataRole.UserRole).card_id == card_id:
                row.setCheckState(Qt.CheckState.Checked)
        self.search.clear()

    def compare(self) -> bool:
        ticked = [
            self.list.item(r).data(Qt.ItemDataRole.UserRole).id
            for r in range(self.list.count())
            if self.list.item(r).checkState() == Qt.CheckState.Checked
        ]
        try:
            view = ho.record_check(self.ctx.actor, self.view.id, self.view.version,
                                   ticked_item_ids=ticked, scanned_card_ids=self.scanned)  # fmt: skip
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self.scanned = []
        self._fill(view)
        return True

    def resolve(self, item_id: int, *, accept: bool, note: str) -> bool:
        try:
            view = ho.resolve_difference(
                self.ctx.actor, self.view.id, self.view.version, item_id, accept=accept, note=note
            )
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self._fill(view)
        return True

    def ask_resolution(self) -> None:
        row = self.list.currentItem()
        if row is None:
            return
        item = row.data(Qt.ItemDataRole.UserRole)
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Difference"),
            item.name,
            [self.tr("Accept with a note"), self.tr("Remove from the slip")],
            0,
            False,
        )
        if not ok:
            return
        note, ok = QInputDialog.getText(self, self.tr("Difference"), self.tr("Note:"))
        if ok:
            self.resolve(item.id, accept=choice == self.tr("Accept with a note"), note=note)

    def submit(self) -> ho.HandoverView:
        return ho.finish_check(self.ctx.actor, self.view.id, self.view.version,
                               accept=not self.send_back.isChecked(), comment=self.comment.text())  # fmt: skip


class ReceiveDialog(_ServiceDialog):
    """The handing-over party, the receiving party and the witness sign; the cards move."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Receive handover %1").replace("%1", view.number), parent)
        self.setObjectName("receive_dialog")
        self.ctx, self.view = ctx, view
        self.pads: dict[str, tuple[SignatureField, QCheckBox]] = {}
        row = QHBoxLayout()
        for role, label in ho.SIGNERS.items():
            pad = SignatureField(label)
            pad.setObjectName(f"pad_{role}")
            paper = QCheckBox(self.tr("signs on paper"))
            paper.setObjectName(f"paper_{role}")
            paper.toggled.connect(lambda on, p=pad: p.setEnabled(not on))
            column = QVBoxLayout()
            column.addWidget(pad)
            column.addWidget(paper)
            row.addLayout(column)
            self.pads[role] = (pad, paper)
        self.room = QLineEdit()
        self.room.setObjectName("new_room")
        form = QFormLayout()
        form.addRow(self.tr("New room (optional):"), self.room)
        self.body.addLayout(row)
        self.body.addLayout(form)

    def submit(self) -> ho.HandoverView:
        signed: dict[str, Any] = {}
        for role, (pad, paper) in self.pads.items():
            if paper.isChecked():
                signed[role] = SignatureInput(on_paper=True)
            elif not pad.is_empty():
                signed[role] = SignatureInput(png=pad.png_bytes())
        return ho.receive(
            self.ctx.actor,
            self.view.id,
            self.view.version,
            signed=signed,
            new_room=self.room.text(),
        )
