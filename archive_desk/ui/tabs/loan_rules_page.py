"""Settings › loan rules: who approves and the longest loan, by secrecy, grade and mode.
The first matching rule (lowest order number) decides; the admin edits the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from archive_desk import borrowing
from archive_desk.domain import GRADES, SECRECY_LABELS, Role, Secrecy, role_label
from archive_desk.errors import KnownError
from archive_desk.permissions import Perm
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.widgets.buttons import button_row

APPROVER_ROLES = (Role.DEPT_HEAD, Role.MANAGER, Role.GENERAL_MANAGER)


class RuleDialog(QDialog):
    def __init__(
        self, ctx: AppContext, rule: borrowing.RuleView | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rule_dialog")
        self.setWindowTitle(self.tr("Loan rule"))
        self.ctx, self.rule = ctx, rule
        any_text = self.tr("any")
        self.priority = QSpinBox()
        self.priority.setObjectName("priority")
        self.priority.setRange(1, 9999)
        self.secrecy = QComboBox()
        self.secrecy.setObjectName("min_secrecy")
        self.secrecy.addItem(any_text, None)
        for level in Secrecy:
            self.secrecy.addItem(
                self.tr("%1 and above").replace("%1", SECRECY_LABELS[level]), int(level)
            )
        self.grade = QComboBox()
        self.grade.setObjectName("grade")
        self.grade.addItem(any_text, None)
        for code, label in GRADES.items():
            self.grade.addItem(label, code)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        self.mode.addItem(any_text, None)
        for code, label in borrowing.BorrowMode.labels().items():
            self.mode.addItem(label, code)
        self.approver = QComboBox()
        self.approver.setObjectName("approver_role")
        for role in APPROVER_ROLES:
            self.approver.addItem(Role.LABELS[role], role)
        self.max_days = QSpinBox()
        self.max_days.setObjectName("max_days")
        self.max_days.setRange(0, 365)
        self.max_days.setSpecialValueText(self.tr("same day"))
        self.working = QCheckBox(self.tr("counted in working days"))
        self.working.setObjectName("working_days")
        self.allowed = QCheckBox(self.tr("borrowing allowed"))
        self.allowed.setObjectName("allowed")
        self.allowed.setChecked(True)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        if rule is not None:
            self.priority.setValue(rule.priority)
            for combo, value in (
                (self.secrecy, rule.min_secrecy),
                (self.grade, rule.grade),
                (self.mode, rule.mode),
                (self.approver, rule.approver_role),
            ):
                combo.setCurrentIndex(max(0, combo.findData(value)))
            self.max_days.setValue(rule.max_days)
            self.working.setChecked(rule.working_days)
            self.allowed.setChecked(rule.allowed)
            self.note.setText(rule.note)
        else:
            self.priority.setValue(50)
        form = QFormLayout()
        form.addRow(self.tr("Order (lower first):"), self.priority)
        form.addRow(self.tr("Secrecy:"), self.secrecy)
        form.addRow(self.tr("Grade:"), self.grade)
        form.addRow(self.tr("Mode:"), self.mode)
        form.addRow(self.tr("Approved by:"), self.approver)
        form.addRow(self.tr("Longest loan (days):"), self.max_days)
        form.addRow("", self.working)
        form.addRow("", self.allowed)
        form.addRow(self.tr("Note:"), self.note)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def values(self) -> dict[str, Any]:
        return {
            "priority": self.priority.value(), "min_secrecy": self.secrecy.currentData(),
            "grade": self.grade.currentData(), "mode": self.mode.currentData(),
            "approver_role": self.approver.currentData(), "max_days": self.max_days.value(),
            "working_days": self.working.isChecked(), "allowed": self.allowed.isChecked(),
            "note": self.note.text(),
        }  # fmt: skip

    def run(self) -> bool:
        try:
            borrowing.save_rule(
                self.ctx.actor, self.rule.id if self.rule else None,
                self.rule.version if self.rule else None, **self.values(),
            )  # fmt: skip
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self.accept()
        return True


class LoanRulesPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.tree = QTreeWidget()
        self.tree.setObjectName("loan_rules")
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Order"), self.tr("Secrecy"), self.tr("Grade"), self.tr("Mode"), self.tr("Approved by"),
             self.tr("Longest loan"), self.tr("Note")]
        )  # fmt: skip
        self.tree.itemDoubleClicked.connect(lambda _i, _c: self.edit())
        editable = ctx.can(Perm.SETTINGS_MANAGE)
        row = button_row(
            (
                ("add_rule", self.tr("Add rule…"), self.add, editable),
                ("edit_rule", self.tr("Edit…"), self.edit, editable),
                ("delete_rule", self.tr("Delete"), self.delete, editable),
            )
        )
        hint = QLabel(
            self.tr("The first matching rule decides; for several cards the strictest applies.")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.tree)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        any_text = self.tr("any")
        for r in borrowing.list_rules():
            days = (
                self.tr("same day")
                if r.max_days == 0
                else (self.tr("%1 working days") if r.working_days else self.tr("%1 days")).replace(
                    "%1", str(r.max_days)
                )
            )
            item = QTreeWidgetItem([
                str(r.priority),
                SECRECY_LABELS[Secrecy(r.min_secrecy)] + "+" if r.min_secrecy is not None else any_text,
                r.grade or any_text, borrowing.BorrowMode.label_of(r.mode) or any_text,
                role_label(r.approver_role),
                days if r.allowed else self.tr("not allowed"), r.note,
            ])  # fmt: skip
            item.setData(0, Qt.ItemDataRole.UserRole, r)
            self.tree.addTopLevelItem(item)
        for column in range(6):
            self.tree.resizeColumnToContents(column)

    def _current(self) -> borrowing.RuleView | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def add(self) -> None:
        if RuleDialog(self.ctx, None, self).exec():
            self.reload()

    def edit(self) -> None:
        rule = self._current()
        if rule is not None and RuleDialog(self.ctx, rule, self).exec():
            self.reload()

    def delete(self) -> None:
        rule = self._current()
        if rule is None or not messages.confirm(self, self.tr("Delete this rule?")):
            return
        if messages.attempt(self, borrowing.delete_rule, self.ctx.actor, rule.id):
            self.reload()
