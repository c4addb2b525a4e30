"""The dialogs of a handover: drafting and editing the slip, an approval step, the receiver's
check by tick or scan with its differences, the receipt with three signatures, and the slip
itself to read. Each fits a 1024×768 screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, cards
from archive_desk import handover as ho
from archive_desk.domain import HANDOVER_UNITS, Role, name_with
from archive_desk.errors import KnownError
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.approval_form import WARNING_STYLE, ApprovalForm
from archive_desk.ui.dialogs.service_dialog import ServiceDialog
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.widgets.fields import wrapped
from archive_desk.ui.widgets.search_box import card_entry
from archive_desk.ui.widgets.signature_pad import SignatureField

LIST_HEIGHT = 160  # the item lists' preferred height: room for the form above on 768 px
PAD_WIDTH, PAD_HEIGHT = 300, 110  # a signing area that fits three, one under the other


class _ItemList(QListWidget):
    """A list of a slip's rows that scrolls instead of widening the dialog (long card names)."""

    def sizeHint(self) -> QSize:
        return QSize(420, LIST_HEIGHT)


def _list(name: str) -> QListWidget:
    widget = _ItemList()
    widget.setObjectName(name)
    widget.setMinimumHeight(90)
    widget.setWordWrap(True)
    return widget


def _user_combo(name: str, empty: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    if empty is not None:
        combo.addItem(empty, None)
    for u in accounts.active_users():
        combo.addItem(name_with(u.full_name, u.role_label, u.department), u.id)
    return combo


def _select(combo: QComboBox, user_id: int | None, name: str) -> None:
    """Choose ``user_id``; a party who is not a user keeps her name as an entry of its own."""
    index = combo.findData(user_id) if user_id is not None else -1
    if index < 0 and name:
        combo.insertItem(0, name, None)
        index = 0
    combo.setCurrentIndex(max(0, index))


def _party(combo: QComboBox, department_id: int | None = None) -> ho.PartyInput:
    user_id = combo.currentData()
    return ho.PartyInput(
        user_id=user_id, name="" if user_id else combo.currentText(), department_id=department_id
    )


def _item_input(item: ho.ItemView) -> ho.ItemInput:
    if item.card_id is not None:
        return ho.ItemInput(card_id=item.card_id, note=item.note)
    return ho.ItemInput(name=item.name, carrier=item.carrier, quantity=item.quantity,
                        unit=item.unit, ref_no=item.ref_no, note=item.note)  # fmt: skip


class NewHandoverDialog(ServiceDialog):
    """Draft a slip, or (with ``view``) change a draft: kind, reason, the parties, the
    handing-over department — chosen, not implied; it starts as the listed cards' keeper's, and
    who will approve it (or that nobody could) shows as it changes — and the 移交清单."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, view: ho.HandoverView | None = None
    ) -> None:
        title = (
            self.tr("Edit handover slip %1").replace("%1", view.number)
            if view
            else self.tr("New handover slip")
        )
        super().__init__(title, parent)
        self.setObjectName("edit_handover_dialog" if view else "new_handover_dialog")
        self.ctx, self.view = ctx, view
        self._dept_chosen = view is not None  # a draft's department was chosen when it was made
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for code, label in ho.HandoverKind.labels().items():
            self.kind.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.from_user = _user_combo("from_user")
        self.from_dept = QComboBox()
        self.from_dept.setObjectName("from_department")
        for d in accounts.list_departments():
            self.from_dept.addItem(d.name, d.id)
        self.dept_approver = wrapped(name="dept_approver")
        self.to_user = _user_combo("to_user")
        self.witness_user = _user_combo("witness_user", self.tr("(not a user)"))
        self.witness_name = QLineEdit()
        self.witness_name.setObjectName("witness_name")
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan adds"),
            self.add_card,
        )
        self.items = _list("items")
        buttons = QHBoxLayout()
        for button in (
            action_button("add_all_held", self.tr("All cards of the handing-over clerk"), self.add_all_held),
            action_button("add_free", self.tr("Item that is not a card…"), self.ask_free_item),
            action_button("remove_item", self.tr("Remove row"), self.remove_row),
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Reason:"), self.reason)
        form.addRow(self.tr("Handing over:"), self.from_user)
        department = QVBoxLayout()
        department.setSpacing(2)
        department.addWidget(self.from_dept)
        department.addWidget(self.dept_approver)
        form.addRow(self.tr("Handing-over department:"), department)
        form.addRow(self.tr("Receiving:"), self.to_user)
        form.addRow(self.tr("Witness (user):"), self.witness_user)
        form.addRow(self.tr("or witness name:"), self.witness_name)
        form.addRow(self.tr("Add card:"), self.search)
        self.body.addLayout(form)
        self.body.addWidget(self.items, 1)
        self.body.addLayout(buttons)
        if view is not None:
            self._fill(view)
        else:
            self.from_user.setCurrentIndex(max(0, self.from_user.findData(ctx.actor.user_id)))
        self.from_dept.activated.connect(self._on_from_dept_activated)
        self.from_dept.currentIndexChanged.connect(self._show_approver)
        self.from_user.currentIndexChanged.connect(self._suggest_department)
        self._suggest_department()
        self._show_approver()
        self.setMinimumWidth(560)

    def _fill(self, view: ho.HandoverView) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(view.kind)))
        self.reason.setText(view.reason)
        _select(self.from_user, view.from_user_id, view.from_name)
        _select(self.to_user, view.to_user_id, view.to_name)
        self.from_dept.setCurrentIndex(max(0, self.from_dept.findData(view.from_department_id)))
        if view.witness_user_id is not None:
            self.witness_user.setCurrentIndex(
                max(0, self.witness_user.findData(view.witness_user_id))
            )
        else:
            self.witness_name.setText(view.witness_name)
        for item in view.items:
            text = (
                item.name
                if item.card_id
                else f"{item.name}  {item.quantity}{item.unit}（{item.carrier}）"
            )
            self._add(text, _item_input(item))

    # -- the department -------------------------------------------------------------------------
    def _on_from_dept_activated(self, _index: int) -> None:
        self._dept_chosen = True  # the clerk chose it: cards added later do not change it
        self._show_approver()

    def _suggest_department(self) -> None:
        if self._dept_chosen:
            return
        suggested = ho.suggested_department(
            self.ctx.actor, self.card_ids(), self.from_user.currentData()
        )
        index = self.from_dept.findData(suggested) if suggested is not None else -1
        if index >= 0:
            self.from_dept.setCurrentIndex(index)

    def _show_approver(self) -> None:
        found = ho.department_approvers(
            self.ctx.actor, self.from_dept.currentData(), self.from_user.currentData()
        )
        if found.candidates:
            names = "、".join(c.full_name for c in found.candidates)
            self.dept_approver.setText(self.tr("Approved by: %1").replace("%1", names))
            self.dept_approver.setStyleSheet("")
        else:
            self.dept_approver.setText(
                self.tr("Nobody could approve this slip: it needs %1.").replace("%1", found.needed)
            )
            self.dept_approver.setStyleSheet(WARNING_STYLE)

    # -- the items ------------------------------------------------------------------------------
    def _add(self, text: str, item: ho.ItemInput) -> None:
        row = QListWidgetItem(text)
        row.setData(Qt.ItemDataRole.UserRole, item)
        self.items.addItem(row)

    def remove_row(self) -> None:
        self.items.takeItem(self.items.currentRow())

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
            self._suggest_department()
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
        self._suggest_department()

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
        fields: dict[str, Any] = {
            "kind": self.kind.currentData(),
            "reason": self.reason.text(),
            "from_party": _party(self.from_user, self.from_dept.currentData()),
            "to_party": _party(self.to_user),
            "witness": ho.PartyInput(
                user_id=self.witness_user.currentData(), name=self.witness_name.text()
            ),
            "items": [
                self.items.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.items.count())
            ],
        }
        if self.view is None:
            return ho.create_handover(self.ctx.actor, **fields)
        return ho.update_handover(self.ctx.actor, self.view.id, self.view.version, **fields)


def _summary(view: ho.HandoverView) -> str:
    return (
        f"{view.number} · {view.kind_label} · {view.state_label}\n"
        f"{view.from_name}（{view.from_department or '—'}） → {view.to_name}"
        f"（{view.to_department or '—'}），监交人 {view.witness_name or '—'}，{len(view.items)} 项"
    )


class StepDialog(ServiceDialog):
    """The department head's or the office head's step: approve or send back. Only those who
    may take it are offered (the service's rule), the expected approver first."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, step: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Approve handover %1").replace("%1", view.number), parent)
        self.setObjectName("handover_step_dialog")
        self.ctx, self.view, self.step = ctx, view, step
        role = ho.STEPS[step][3]
        self.form = ApprovalForm(
            ho.step_approvers(ctx.actor, view.id, step),
            actor_id=ctx.actor.user_id,
            reject_text=self.tr("Send back"),
            reject_name="send_back",
            pad_label=Role.LABELS[role],
        )
        self.form.guard(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.body.addWidget(wrapped(_summary(view), "slip_summary"))
        self.body.addWidget(self.form)

    def submit(self) -> ho.HandoverView:
        return ho.decide(
            self.ctx.actor, self.view.id, self.view.version, self.step, **self.form.decision()
        )


class CheckDialog(ServiceDialog):
    """The receiver ticks or scans every item; the count of what is still unchecked follows
    each tick and scan; differences are listed and resolved here. OK keeps the ticks that are
    not yet compared, then confirms the check."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Check handover %1").replace("%1", view.number), parent)
        self.setObjectName("check_dialog")
        self.ctx, self.view = ctx, view
        self.scanned: list[int] = []
        self.search = card_entry("scan", self.tr("Scan or type archive numbers"), self.scan)
        self.list = _list("check_items")
        self.progress = wrapped(name="check_progress")
        self.differences = wrapped(name="differences")
        row = QHBoxLayout()
        row.addWidget(action_button("compare", self.tr("Compare"), self.compare))
        row.addWidget(
            action_button(
                "resolve", self.tr("Resolve the selected difference…"), self.ask_resolution
            )
        )
        row.addStretch(1)
        self.send_back = QCheckBox(self.tr("Send the slip back instead, with this comment:"))
        self.send_back.setObjectName("send_back")
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        self.body.addWidget(self.search)
        self.body.addWidget(self.list, 1)
        self.body.addWidget(self.progress)
        self.body.addLayout(row)
        self.body.addWidget(self.differences)
        self.body.addWidget(self.send_back)
        self.body.addWidget(self.comment)
        self.list.itemChanged.connect(self._count)
        self._fill(view)
        self.setMinimumWidth(560)

    def _rows(self) -> list[tuple[ho.ItemView, bool]]:
        """Each row's item and whether it is ticked now."""
        return [
            (
                self.list.item(r).data(Qt.ItemDataRole.UserRole),
                self.list.item(r).checkState() == Qt.CheckState.Checked,
            )
            for r in range(self.list.count())
        ]

    def _count(self) -> None:
        listed = [(item, ticked) for item, ticked in self._rows() if item.difference != "extra"]
        done = sum(1 for _item, ticked in listed if ticked)
        open_rows = sum(1 for item, ticked in listed if not ticked and item.difference is None)
        if open_rows:
            text = self.tr("%1 of %2 items checked; %3 not yet checked.")
            text = text.replace("%1", str(done)).replace("%2", str(len(listed)))
            self.progress.setText(text.replace("%3", str(open_rows)))
        else:
            self.progress.setText(self.tr("All %1 items checked.").replace("%1", str(len(listed))))

    def _fill(self, view: ho.HandoverView) -> None:
        self.view = view
        self.list.blockSignals(True)
        self.list.clear()
        notes = []
        for i in view.items:
            mark = ho.ItemDifference.label_of(i.difference)
            row = QListWidgetItem(i.name + (f"  【{mark}】" if mark else ""))
            row.setData(Qt.ItemDataRole.UserRole, i)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if i.checked else Qt.CheckState.Unchecked)
            self.list.addItem(row)
            if i.difference and not i.resolution:
                notes.append(i.name)
        self.list.blockSignals(False)
        self.differences.setText(
            self.tr("Unresolved differences: %1").replace("%1", "、".join(notes)) if notes else ""
        )
        self._count()

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
        self.error.clear()

    def _pending(self) -> bool:
        """Ticks or scans not yet kept by the service."""
        return bool(self.scanned) or any(
            ticked != item.checked for item, ticked in self._rows() if item.difference != "extra"
        )

    def _record(self) -> None:
        ticked = [item.id for item, on in self._rows() if on]
        view = ho.record_check(self.ctx.actor, self.view.id, self.view.version,
                               ticked_item_ids=ticked, scanned_card_ids=self.scanned)  # fmt: skip
        self.scanned = []
        self._fill(view)

    def compare(self) -> bool:
        try:
            self._record()
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self.error.clear()
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
        accept = not self.send_back.isChecked()
        if accept and self._pending():
            self._record()  # what was ticked or scanned counts; differences then show here
        return ho.finish_check(self.ctx.actor, self.view.id, self.view.version,
                               accept=accept, comment=self.comment.text())  # fmt: skip


class ReceiveDialog(ServiceDialog):
    """The handing-over party, the receiving party and the witness sign, one under the other
    (on the pad or on the printed slip); the cards move."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Receive handover %1").replace("%1", view.number), parent)
        self.setObjectName("receive_dialog")
        self.ctx, self.view = ctx, view
        self.pads: dict[str, tuple[SignatureField, QCheckBox]] = {}
        names = {"from": view.from_name, "to": view.to_name, "witness": view.witness_name}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        for n, (role, label) in enumerate(ho.Signer.labels().items()):
            pad = SignatureField(f"{label}：{names[role]}")
            pad.setObjectName(f"pad_{role}")
            pad.pad.setMinimumSize(PAD_WIDTH, PAD_HEIGHT)
            pad.pad.setMaximumHeight(PAD_HEIGHT + 40)
            paper = QCheckBox(self.tr("signs on paper"))
            paper.setObjectName(f"paper_{role}")
            paper.toggled.connect(lambda on, p=pad: p.setEnabled(not on))
            grid.addWidget(pad, n, 0)
            grid.addWidget(paper, n, 1, Qt.AlignmentFlag.AlignBottom)
            self.pads[role] = (pad, paper)
        self.room = QLineEdit()
        self.room.setObjectName("new_room")
        form = QFormLayout()
        form.addRow(self.tr("New room (optional):"), self.room)
        self.body.addWidget(wrapped(_summary(view), "slip_summary"))
        self.body.addLayout(grid)
        self.body.addLayout(form)

    def submit(self) -> ho.HandoverView:
        signed: dict[str, Any] = {}
        for role, (pad, paper) in self.pads.items():
            if paper.isChecked():
                signed[role] = ho.SignatureInput(on_paper=True)
            elif not pad.is_empty():
                signed[role] = ho.SignatureInput(png=pad.png_bytes())
        return ho.receive(
            self.ctx.actor,
            self.view.id,
            self.view.version,
            signed=signed,
            new_room=self.room.text(),
        )


class SlipDialog(QDialog):
    """A slip to read: its head, its items with their check, its steps and signatures."""

    def __init__(
        self, ctx: AppContext, view: ho.HandoverView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handover slip %1").replace("%1", view.number))
        self.setObjectName("slip_dialog")
        self.ctx, self.view = ctx, view
        items = _list("slip_items")
        for i in view.items:
            mark = ho.ItemDifference.label_of(i.difference)
            items.addItem(
                f"{i.seq}. {i.name}  {i.quantity}{i.unit}（{i.carrier}）"
                + (f"  【{mark}】" if mark else "")
                + (
                    f"  {ho.Resolution.label_of(i.resolution)} {i.resolution_note}".rstrip()
                    if i.resolution
                    else ""
                )
            )
        steps = _list("slip_steps")
        for st in view.steps:
            step = ho.HandoverStep(st.step).label
            decision = ho.StepDecision(st.decision).label
            steps.addItem(
                f"{st.at:%Y-%m-%d %H:%M}  {step} {st.approver_name}：{decision}"
                + (f"（{st.comment}）" if st.comment else "")
            )
        for role, (name, _method, _image, at) in view.signed.items():
            steps.addItem(f"{at:%Y-%m-%d %H:%M}  {ho.Signer(role).label} {name}")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(_summary(view) + f"\n{view.reason}", "slip_summary"))
        layout.addWidget(QLabel(self.tr("Items:")))
        layout.addWidget(items, 2)
        layout.addWidget(QLabel(self.tr("Steps and signatures:")))
        layout.addWidget(steps, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
