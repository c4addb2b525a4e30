"""Create or edit a user account (admin)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts
from archive_desk.domain import SECRECY_LABELS, Role, Secrecy
from archive_desk.errors import KnownError
from archive_desk.permissions import Actor


class UserDialog(QDialog):
    def __init__(
        self, actor: Actor, user: accounts.UserView | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("user_dialog")
        self.actor = actor
        self.user = user
        self.result_user: accounts.UserView | None = None
        self.setWindowTitle(self.tr("New user") if user is None else self.tr("Edit user"))
        form = QFormLayout()
        self.username = QLineEdit(user.username if user else "")
        self.username.setObjectName("username")
        self.username.setReadOnly(user is not None)
        self.full_name = QLineEdit(user.full_name if user else "")
        self.full_name.setObjectName("full_name")
        self.role = QComboBox()
        self.role.setObjectName("role")
        for code in Role.ALL:
            self.role.addItem(Role.LABELS[code], code)
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItem(self.tr("(none)"), None)
        for d in accounts.list_departments():
            self.department.addItem(d.name, d.id)
        self.clearance = QComboBox()
        self.clearance.setObjectName("clearance")
        for level in Secrecy:
            self.clearance.addItem(SECRECY_LABELS[level], int(level))
        self.phone = QLineEdit(user.phone if user else "")
        self.phone.setObjectName("phone")
        self.phone.setPlaceholderText(self.tr("mobile, or landline with area code"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.fields: dict[str, QWidget] = {
            "username": self.username,
            "full_name": self.full_name,
            "role": self.role,
            "department": self.department,
            "clearance": self.clearance,
            "phone": self.phone,
            "password": self.password,
        }
        self.active = QCheckBox(self.tr("Account active"))
        self.active.setObjectName("active")
        self.active.setChecked(True if user is None else user.active)
        form.addRow(self.tr("&User name:"), self.username)
        form.addRow(self.tr("Full &name:"), self.full_name)
        form.addRow(self.tr("&Role:"), self.role)
        form.addRow(self.tr("&Department:"), self.department)
        form.addRow(self.tr("&Clearance:"), self.clearance)
        form.addRow(self.tr("P&hone:"), self.phone)
        if user is None:
            form.addRow(self.tr("Initial &password:"), self.password)
        else:
            form.addRow(self.active)
            self._select(self.role, user.role)
            self._select(self.department, user.department_id)
            self._select(self.clearance, user.clearance)
        self.role.currentIndexChanged.connect(self._role_changed)
        if user is None:
            self._role_changed()
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("buttons")
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _role_changed(self) -> None:
        from archive_desk.domain import DEFAULT_CLEARANCE

        level = DEFAULT_CLEARANCE.get(self.role.currentData(), Secrecy.INTERNAL)
        self._select(self.clearance, int(level))

    def _save(self) -> None:
        try:
            if self.user is None:
                self.result_user = accounts.create_user(
                    self.actor,
                    username=self.username.text(),
                    full_name=self.full_name.text(),
                    role=self.role.currentData(),
                    password=self.password.text(),
                    department_id=self.department.currentData(),
                    clearance=self.clearance.currentData(),
                    phone=self.phone.text(),
                )
            else:
                self.result_user = accounts.update_user(
                    self.actor,
                    self.user.id,
                    self.user.version,
                    full_name=self.full_name.text(),
                    role=self.role.currentData(),
                    department_id=self.department.currentData(),
                    clearance=self.clearance.currentData(),
                    phone=self.phone.text(),
                    active=self.active.isChecked(),
                )
        except KnownError as exc:
            self.error_label.setText(exc.message)
            field = self.fields.get(exc.field or "")
            if field is not None:
                field.setFocus()  # the field to put right (what was typed stays)
            return
        self.accept()
