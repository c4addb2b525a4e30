"""The dialogs of retention and destruction: the proposal (new or changed list, cards from the
due list or by number, each with its reason), an approval step (the manager's with cards to
exempt, the general manager's), the execution (the re-check of every card, date, place, method,
two witnesses and the executor signing), the feedback, a freeze, and a list to read. Each fits a
1024×768 screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, cards, retention
from archive_desk.domain import Role
from archive_desk.errors import KnownError
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.approval_form import WARNING_STYLE, ApprovalForm
from archive_desk.ui.dialogs.service_dialog import ServiceDialog
from archive_desk.ui.widgets.buttons import action_button
from archive_desk.ui.widgets.fields import date_edit, to_date, wrapped
from archive_desk.ui.widgets.search_box import card_entry
from archive_desk.ui.widgets.signature_pad import SignatureField
from archive_desk.ui.worker import run_with_progress

LIST_HEIGHT = 170  # the card lists' preferred height: room for the form on a 768 px screen
PAD_WIDTH, PAD_HEIGHT = 180, 90  # three signing areas side by side within 1024 px


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class _List(QListWidget):
    """A list of cards that scrolls and wraps instead of widening the dialog (long names)."""

    def __init__(self, name: str, height: int = LIST_HEIGHT) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWordWrap(True)
        self._height = height

    def sizeHint(self) -> QSize:
        return QSize(520, self._height)


class _Table(QTableWidget):
    """A short editable table that scrolls instead of growing the dialog past the screen."""

    def sizeHint(self) -> QSize:
        return QSize(560, LIST_HEIGHT)


def _table(name: str, headers: Sequence[str]) -> QTableWidget:
    table = _Table(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setTabKeyNavigation(False)
    table.setMinimumHeight(100)
    return table


def _cell(text: str, *, data: Any = None, editable: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


def _data(table: QTableWidget, row: int, column: int = 0) -> Any:
    item = table.item(row, column)
    return item.data(Qt.ItemDataRole.UserRole) if item is not None else None


def _summary(view: retention.DestructionView) -> str:
    listed = len(view.items_in(retention.ItemState.LISTED, retention.ItemState.DESTROYED))
    cards_text = QCoreApplication.translate("destruction", "%1 cards").replace("%1", str(listed))
    text = (
        f"{view.number} · {view.state_label} · {view.proposer_name} {view.created_at:%Y-%m-%d}"
        f" · {cards_text}\n{view.reason}"
    )
    if view.wait_until and view.state == retention.DestructionState.APPROVED:
        text += "\n" + QCoreApplication.translate(
            "destruction", "May be destroyed from %1"
        ).replace("%1", _day(view.wait_until))
    return text


# --- the proposal ---------------------------------------------------------------------------------


class ProposalDialog(ServiceDialog):
    """A new list (of the cards chosen on the due list, or added here by number), or a list
    not yet reviewed or sent back to change: the reason, and each card with its own."""

    COLUMNS = 5  # number, customer, due, reason, note

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        card_ids: Sequence[int] = (),
        view: retention.DestructionView | None = None,
    ) -> None:
        title = (
            self.tr("Edit destruction list %1").replace("%1", view.number)
            if view
            else self.tr("New destruction list")
        )
        super().__init__(title, parent)
        self.setObjectName("edit_destruction_dialog" if view else "new_destruction_dialog")
        self.ctx, self.view = ctx, view
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(
            self.tr("e.g. retention ended, appraised as of no further value")
        )
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan adds"),
            self.add_card,
        )
        self.items = _table(
            "items",
            [self.tr("Archive no."), self.tr("Customer"), self.tr("Due"), self.tr("Reason"),
             self.tr("Details")],
        )  # fmt: skip
        for column, width in enumerate((96, 170, 84, 120)):
            self.items.setColumnWidth(column, width)
        remove = action_button("remove_item", self.tr("Remove row"), self.remove_row)
        form = QFormLayout()
        form.addRow(self.tr("Reason for the list:"), self.reason)
        form.addRow(self.tr("Add card:"), self.search)
        if view is not None and view.review_opinion and view.state == "returned":
            sent_back = wrapped(
                self.tr("Sent back: %1").replace("%1", view.review_opinion), "review_opinion"
            )
            sent_back.setStyleSheet(WARNING_STYLE)
            self.body.addWidget(sent_back)
        self.body.addLayout(form)
        self.body.addWidget(self.items, 1)
        row = QHBoxLayout()
        row.addWidget(remove)
        row.addStretch(1)
        self.body.addLayout(row)
        if view is not None:
            self.reason.setText(view.reason)
            for item in view.items:
                if item.state == retention.ItemState.LISTED:
                    self._add_row(item.card_id, item.archive_no, item.customer_name,
                                  item.retention_due, item.basis, item.reason)  # fmt: skip
        self._add_cards(card_ids)
        self.setMinimumWidth(640)

    def _add_row(
        self,
        card_id: int,
        number: str,
        name: str,
        due: dt.date | None,
        basis: str = retention.DestructionReason.RETENTION_ENDED,
        reason: str = "",
    ) -> None:
        row = self.items.rowCount()
        self.items.insertRow(row)
        self.items.setItem(row, 0, _cell(number, data=card_id))
        self.items.setItem(row, 1, _cell(name))
        self.items.setItem(row, 2, _cell(_day(due)))
        combo = QComboBox()
        combo.setObjectName(f"basis_{row}")
        for code, label in retention.DestructionReason.labels().items():
            combo.addItem(label, code)
        combo.setCurrentIndex(max(0, combo.findData(basis)))
        self.items.setCellWidget(row, 3, combo)
        label = retention.DestructionReason(basis).label
        note = reason[len(label) + 1 :] if reason.startswith(f"{label}，") else ""
        self.items.setItem(row, 4, _cell(note, editable=True))

    def card_ids(self) -> list[int]:
        return [_data(self.items, r) for r in range(self.items.rowCount())]

    def _add_cards(self, card_ids: Sequence[int]) -> None:
        have = set(self.card_ids())
        new = [c for c in card_ids if c not in have]
        for start in range(0, len(new), 500):
            for r in cards.card_rows(self.ctx.actor, new[start : start + 500]):
                self._add_row(r.id, r.archive_no, r.name, r.retention_due)

    def add_card(self, text: str) -> None:
        card_id, _found = cards.find_one(self.ctx.actor, text.strip())
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        self._add_cards([card_id])
        self.search.clear()
        self.error.clear()

    def remove_row(self) -> None:
        self.items.removeRow(self.items.currentRow())

    def item_inputs(self) -> list[retention.ItemInput]:
        out = []
        for r in range(self.items.rowCount()):
            combo = self.items.cellWidget(r, 3)
            note = self.items.item(r, 4)
            out.append(
                retention.ItemInput(
                    _data(self.items, r),
                    combo.currentData() if isinstance(combo, QComboBox) else "",
                    note.text() if note is not None else "",
                )
            )
        return out

    def submit(self) -> retention.DestructionView:
        if self.view is None:
            return retention.create_list(
                self.ctx.actor, reason=self.reason.text(), items=self.item_inputs()
            )
        return retention.update_list(
            self.ctx.actor, self.view.id, self.view.version, reason=self.reason.text(),
            items=self.item_inputs(),
        )  # fmt: skip


# --- an approval step ------------------------------------------------------------------------------


class StepDialog(ServiceDialog):
    """The manager's review (approve with cards ticked to exempt, each with why, or send the
    list back) or the general manager's approval (approve or refuse). Only those who may take
    the step are offered (the service's rule), the expected approver first."""

    def __init__(
        self,
        ctx: AppContext,
        view: retention.DestructionView,
        step: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Approve destruction list %1").replace("%1", view.number), parent)
        self.setObjectName("destruction_step_dialog")
        self.ctx, self.view, self.step = ctx, view, step
        review = step == retention.DestructionStep.REVIEW
        role = retention.STEPS[step][3]
        self.form = ApprovalForm(
            retention.step_approvers(ctx.actor, view.id, step),
            actor_id=ctx.actor.user_id,
            reject_text=self.tr("Send back") if review else self.tr("Refuse"),
            reject_name="send_back" if review else "refuse",
            pad_label=Role.LABELS[role],
        )
        self.form.guard(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        headers = [self.tr("Exempt"), self.tr("Archive no."), self.tr("Customer"), self.tr("Reason"),
                   self.tr("Now"), self.tr("Why exempted")]  # fmt: skip
        self.items = _table("step_items", headers if review else headers[1:5])
        listed = view.items_in(retention.ItemState.LISTED)
        for item in listed:
            row = self.items.rowCount()
            self.items.insertRow(row)
            cells = [item.archive_no, item.customer_name, item.reason, item.problem or "✓"]
            offset = 0
            if review:
                tick = _cell("", data=item.id)
                tick.setFlags(tick.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                tick.setCheckState(Qt.CheckState.Unchecked)
                self.items.setItem(row, 0, tick)
                offset = 1
            for n, text in enumerate(cells):
                self.items.setItem(row, n + offset, _cell(text))
            if review:
                self.items.setItem(row, 5, _cell("", editable=True))
        for column, width in enumerate((44, 96, 150, 96, 80) if review else (96, 170, 110, 90)):
            self.items.setColumnWidth(column, width)
        self.body.addWidget(wrapped(_summary(view), "list_summary"))
        if review:
            self.body.addWidget(wrapped(self.tr(
                "Tick a card to exempt it from destruction and say why: it returns to the archive."
            )))  # fmt: skip
        self.body.addWidget(self.items, 1)
        self.body.addWidget(self.form)
        self.setMinimumWidth(640)

    def exemptions(self) -> dict[int, str]:
        if self.step != retention.DestructionStep.REVIEW:
            return {}
        out = {}
        for r in range(self.items.rowCount()):
            tick = self.items.item(r, 0)
            if tick is not None and tick.checkState() == Qt.CheckState.Checked:
                why = self.items.item(r, 5)
                out[int(_data(self.items, r))] = why.text() if why else ""
        return out

    def submit(self) -> retention.DestructionView:
        return retention.decide(
            self.ctx.actor, self.view.id, self.view.version, self.step,
            exempt=self.exemptions(), **self.form.decision(),
        )  # fmt: skip


# --- the execution -------------------------------------------------------------------------------


def _person_combo(name: str, ctx: AppContext, selected: int | None = None) -> QComboBox:
    """A user chosen from the list, or any other name typed in (a witness from outside)."""
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for u in accounts.active_users():
        combo.addItem(u.full_name, u.id)
    combo.setCurrentIndex(max(0, combo.findData(selected)) if selected is not None else 0)
    combo.setMinimumContentsLength(8)
    return combo


def _party(combo: QComboBox) -> retention.Party:
    text = combo.currentText().strip()
    index = combo.findText(text)
    user_id = combo.itemData(index) if index > 0 else None
    return retention.Party(text, user_id)


class ExecuteDialog(ServiceDialog):
    """Carry out an approved list: each card checked again (what would stop it is shown before
    anyone signs; those cards are withheld), the date, place and method, the executor and two
    witnesses, who sign side by side on the pad or on the printed register."""

    def __init__(
        self, ctx: AppContext, view: retention.DestructionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(self.tr("Execute destruction list %1").replace("%1", view.number), parent)
        self.setObjectName("execute_dialog")
        self.ctx, self.view = ctx, view
        self.checks = _List("recheck_list", 110)
        self.checks.setMaximumHeight(140)
        for row in retention.recheck(ctx.actor, view.id):
            mark = f"✗ {row.problem}" if row.problem else "✓"
            self.checks.addItem(f"{row.archive_no} {row.customer_name}  {mark}")
        self.executed_on = date_edit("executed_on", ctx.clock.today())
        self.place = QLineEdit()
        self.place.setObjectName("place")
        self.method = QComboBox()
        self.method.setObjectName("method")
        for code, label in retention.DestructionMethod.labels().items():
            self.method.addItem(label, code)
        self.executor = _person_combo("executor", ctx, ctx.actor.user_id)
        self.witness1 = _person_combo("witness1", ctx)
        self.witness2 = _person_combo("witness2", ctx)
        form = QFormLayout()
        form.addRow(self.tr("Date:"), self.executed_on)
        form.addRow(self.tr("Place:"), self.place)
        form.addRow(self.tr("Method:"), self.method)
        people = QHBoxLayout()
        for label, combo in ((self.tr("Executor:"), self.executor),
                             (self.tr("Witnesses:"), self.witness1), ("", self.witness2)):  # fmt: skip
            if label:
                people.addWidget(QLabel(label))
            people.addWidget(combo, 1)
        form.addRow(people)
        self.pads: dict[str, tuple[SignatureField, QCheckBox]] = {}
        signing = QHBoxLayout()
        for signer in retention.Signer:
            pad = SignatureField(signer.label)
            pad.setObjectName(f"pad_{signer.value}")
            pad.pad.setMinimumSize(PAD_WIDTH, PAD_HEIGHT)
            pad.pad.setMaximumSize(PAD_WIDTH + 40, PAD_HEIGHT + 30)
            paper = QCheckBox(self.tr("signs on paper"))
            paper.setObjectName(f"paper_{signer.value}")
            paper.toggled.connect(lambda on, p=pad: p.setEnabled(not on))
            column = QVBoxLayout()
            column.addWidget(pad)
            column.addWidget(paper)
            signing.addLayout(column)
            self.pads[signer.value] = (pad, paper)
        self.body.addWidget(wrapped(_summary(view), "list_summary"))
        self.body.addWidget(
            QLabel(self.tr("Checked again now (✗: withheld, returns to the archive):"))
        )
        self.body.addWidget(self.checks)
        self.body.addLayout(form)
        self.body.addLayout(signing)

    def signed(self) -> dict[str, retention.SignatureInput]:
        out = {}
        for role, (pad, paper) in self.pads.items():
            if paper.isChecked():
                out[role] = retention.SignatureInput(on_paper=True)
            elif not pad.is_empty():
                out[role] = retention.SignatureInput(png=pad.png_bytes())
        return out

    def submit(self) -> retention.DestructionView:
        fields = {
            "executed_on": to_date(self.executed_on), "place": self.place.text(),
            "method": self.method.currentData(), "executor": _party(self.executor),
            "witnesses": (_party(self.witness1), _party(self.witness2)), "signed": self.signed(),
        }  # fmt: skip
        refused: list[KnownError] = []

        def work(_progress: object) -> retention.DestructionView | None:
            try:
                return retention.execute(self.ctx.actor, self.view.id, self.view.version, **fields)
            except KnownError as exc:  # told beside the buttons, not in a box
                refused.append(exc)
                return None

        done = run_with_progress(self, self.tr("Destroying…"), work, cancellable=False)
        if refused:
            raise refused[0]
        assert done is not None
        return done


# --- the feedback -----------------------------------------------------------------------------------


class FeedbackDialog(ServiceDialog):
    """The 销毁处理反馈单: to whom, on which day, what was done; the list is then closed."""

    def __init__(
        self, ctx: AppContext, view: retention.DestructionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Feedback on destruction list %1").replace("%1", view.number), parent
        )
        self.setObjectName("feedback_dialog")
        self.ctx, self.view = ctx, view
        self.reported_to = QLineEdit()
        self.reported_to.setObjectName("reported_to")
        self.reported_on = date_edit("reported_on", ctx.clock.today())
        self.feedback = QPlainTextEdit()
        self.feedback.setObjectName("feedback")
        self.feedback.setMaximumHeight(110)
        destroyed = len(view.items_in(retention.ItemState.DESTROYED))
        form = QFormLayout()
        form.addRow(self.tr("Reported to:"), self.reported_to)
        form.addRow(self.tr("Date:"), self.reported_on)
        form.addRow(self.tr("What was done:"), self.feedback)
        self.body.addWidget(wrapped(
            self.tr("%1 cards destroyed on %2 (%3, %4).")
            .replace("%1", str(destroyed)).replace("%2", _day(view.executed_on))
            .replace("%3", view.method_label).replace("%4", view.place),
            "list_summary",
        ))  # fmt: skip
        self.body.addLayout(form)
        self.setMinimumWidth(480)

    def submit(self) -> retention.DestructionView:
        return retention.record_feedback(
            self.ctx.actor, self.view.id, self.view.version,
            reported_to=self.reported_to.text(), reported_on=to_date(self.reported_on),
            feedback=self.feedback.toPlainText(),
        )  # fmt: skip


# --- a freeze -------------------------------------------------------------------------------------


class FreezeDialog(ServiceDialog):
    """The manager freezes cards (chosen on the due list, or added here by number) because of
    a dispute, litigation or an audit, and says why."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, card_ids: Sequence[int] = ()
    ) -> None:
        super().__init__(self.tr("Freeze cards"), parent)
        self.setObjectName("freeze_dialog")
        self.ctx = ctx
        self.search = card_entry(
            "card_search",
            self.tr("Archive number, name or pinyin; Enter or scan adds"),
            self.add_card,
        )
        self.cards = _List("freeze_cards")
        self.cards.setMaximumHeight(LIST_HEIGHT)
        self.kind = QComboBox()
        self.kind.setObjectName("hold_kind")
        for code, label in retention.HoldReason.labels().items():
            self.kind.addItem(label, code)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("e.g. the case number, the auditor"))
        form = QFormLayout()
        form.addRow(self.tr("Add card:"), self.search)
        form.addRow(self.cards)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Reason:"), self.reason)
        self.body.addWidget(wrapped(self.tr(
            "A frozen card is neither listed for destruction nor destroyed until the freeze is lifted."
        )))  # fmt: skip
        self.body.addLayout(form)
        self._ids: list[int] = []
        self._add(card_ids)
        self.setMinimumWidth(480)

    def _add(self, card_ids: Sequence[int]) -> None:
        new = [c for c in card_ids if c not in self._ids]
        for r in cards.card_rows(self.ctx.actor, new):
            self._ids.append(r.id)
            self.cards.addItem(f"{r.archive_no}  {r.name}")

    def add_card(self, text: str) -> None:
        card_id, _found = cards.find_one(self.ctx.actor, text.strip())
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        self._add([card_id])
        self.search.clear()
        self.error.clear()

    def submit(self) -> list[retention.HoldRow]:
        return retention.freeze(
            self.ctx.actor, self._ids, kind=self.kind.currentData(), reason=self.reason.text()
        )


# --- a list to read --------------------------------------------------------------------------------


class ListDialog(QDialog):
    """A list to read: its head, its cards with what became of each, its steps and
    signatures."""

    def __init__(
        self, ctx: AppContext, view: retention.DestructionView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Destruction list %1").replace("%1", view.number))
        self.setObjectName("destruction_list_dialog")
        self.ctx, self.view = ctx, view
        self.result_view: Any = None
        items = _List("list_items")
        for i in view.items:
            why = i.note or i.problem
            items.addItem(
                f"{i.seq}. {i.archive_no} {i.customer_name}  {i.reason}  【{i.state_label}】"
                + (f" {why}" if why else "")
            )
        steps = _List("list_steps", 120)
        for st in view.steps:
            steps.addItem(
                f"{st.at:%Y-%m-%d %H:%M}  {retention.DestructionStep(st.step).label} "
                f"{st.approver_name}：{retention.StepDecision(st.decision).label}"
                + (f"（{st.comment}）" if st.comment else "")
            )
        for role, (name, _method, _image, at) in view.signed.items():
            if role in retention.Signer.labels():
                steps.addItem(f"{at:%Y-%m-%d %H:%M}  {retention.Signer(role).label} {name}")
        if view.executed_on:
            steps.addItem(f"{_day(view.executed_on)}  {view.method_label}，{view.place}")
        if view.reported_on:
            steps.addItem(f"{_day(view.reported_on)}  → {view.reported_to}：{view.feedback}")
        if view.note:
            steps.addItem(view.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped(_summary(view), "list_summary"))
        layout.addWidget(QLabel(self.tr("Cards:")))
        layout.addWidget(items, 2)
        layout.addWidget(QLabel(self.tr("Steps and signatures:")))
        layout.addWidget(steps, 1)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
