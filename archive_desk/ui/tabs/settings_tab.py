"""The settings tab: users and departments, shared options, the audit trail.

Each page shows only what the current user may change, but the services check again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, reporting, settings
from archive_desk.domain import Role
from archive_desk.permissions import Perm, roles_with
from archive_desk.ui import messages
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.user_dialog import UserDialog
from archive_desk.ui.models.paged import Column, ListSource, PagedModel
from archive_desk.ui.preferences import LANGUAGES, Preferences
from archive_desk.ui.tables import list_view
from archive_desk.ui.widgets.buttons import button_row


class UsersPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        yes, no = self.tr("yes"), ""
        columns: list[Column[accounts.UserView]] = [
            Column(self.tr("User name"), lambda u: u.username),
            Column(self.tr("Full name"), lambda u: u.full_name),
            Column(self.tr("Role"), lambda u: u.role_label),
            Column(self.tr("Department"), lambda u: u.department),
            Column(self.tr("Clearance"), lambda u: u.clearance_label),
            Column(self.tr("Phone"), lambda u: u.phone),
            Column(self.tr("Active"), lambda u: yes if u.active else no),
            Column(self.tr("Locked"), lambda u: yes if u.locked else no),
        ]
        self.model: PagedModel[accounts.UserView] = PagedModel(
            columns, ListSource(lambda: accounts.list_users(ctx.actor))
        )
        self.view = list_view("users_table", self.model, alternating=True)
        self.view.doubleClicked.connect(lambda _i: self.edit_user())
        buttons = button_row(
            (
                ("new_user", self.tr("&New user…"), self.new_user, True),
                ("edit_user", self.tr("&Edit…"), self.edit_user, True),
                ("reset_password", self.tr("&Reset password…"), self.reset_password, True),
                ("unlock_user", self.tr("&Unlock"), self.unlock_user, True),
                ("new_department", self.tr("New &department…"), self.new_department, True),
            )
        )
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.model.reload()

    def selected(self) -> accounts.UserView | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def new_user(self) -> None:
        dialog = UserDialog(self.ctx.actor, None, self)
        if dialog.exec():
            self.model.reload()

    def edit_user(self) -> None:
        user = self.selected()
        if user is None:
            messages.info(self, self.tr("Select a user first."))
            return
        dialog = UserDialog(self.ctx.actor, user, self)
        if dialog.exec():
            self.model.reload()

    def reset_password(self) -> None:
        user = self.selected()
        if user is None:
            messages.info(self, self.tr("Select a user first."))
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Reset password"),
            self.tr("New password for %1 (they must change it at the next login):").replace(
                "%1", user.full_name
            ),
            QLineEdit.EchoMode.Password,
        )
        if ok and messages.attempt(
            self, accounts.reset_password, self.ctx.actor, user.id, password
        ):
            messages.info(self, self.tr("Password reset."))
        self.model.reload()

    def unlock_user(self) -> None:
        user = self.selected()
        if user is not None:
            messages.call(self, accounts.unlock_user, self.ctx.actor, user.id)
            self.model.reload()

    def new_department(self) -> None:
        name, ok = QInputDialog.getText(self, self.tr("New department"), self.tr("Name:"))
        if ok:
            messages.call(self, accounts.create_department, self.ctx.actor, name)


class OptionsPage(QWidget):
    """Shared settings declared in :data:`archive_desk.settings.OPTIONS`, and this
    workstation's language."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, prefs: Preferences | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.prefs = prefs
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        if prefs is not None:
            self.language.setCurrentIndex(self.language.findData(prefs.language()))
        self.language.setEnabled(prefs is not None)
        self.language.currentIndexChanged.connect(self._language_changed)
        form.addRow(self.tr("Language of this workstation:"), self.language)
        values = settings.all_values()
        for key, option in settings.OPTIONS.items():
            editor: QWidget
            if option.type is bool:
                editor = QCheckBox()
                editor.setChecked(bool(values[key]))
            elif option.type is int:
                editor = QSpinBox()
                editor.setRange(option.minimum or 0, option.maximum or 1_000_000)
                editor.setValue(int(values[key]))
            else:
                editor = QLineEdit(str(values[key]))
            editor.setObjectName(f"option:{key}")
            editor.setEnabled(ctx.can(Perm.SETTINGS_MANAGE))
            self.editors[key] = editor
            form.addRow(option.label + "：", editor)
        save = QPushButton(self.tr("&Save settings"))
        save.setObjectName("save_options")
        save.setEnabled(ctx.can(Perm.SETTINGS_MANAGE))
        save.clicked.connect(self.save)
        hint = QLabel(
            self.tr(
                "Archive number tokens: {category} {region} {year} {seq:N} (N digits), "
                "e.g. {category}{year}{seq:3} gives GY2026001."
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(save)
        layout.addStretch(1)

    def _language_changed(self) -> None:
        if self.prefs is not None and self.language.currentData() != self.prefs.language():
            self.prefs.set_language(self.language.currentData())
            messages.info(self, self.tr("The language changes when the program is started again."))

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[key] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                out[key] = editor.value()
            elif isinstance(editor, QLineEdit):
                out[key] = editor.text()
        return out

    def save(self) -> None:
        if messages.attempt(self, settings.set_values, self.ctx.actor, self.values()):
            messages.info(self, self.tr("Settings saved."))


class _AuditSource:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def count(self) -> int:
        return reporting.count_events(self.ctx.actor)

    def page(self, offset: int, limit: int) -> list[reporting.EventView]:
        return reporting.recent_events(self.ctx.actor, limit=limit, offset=offset)


def _when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S")


class AuditPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        columns: list[Column[reporting.EventView]] = [
            Column(self.tr("No."), lambda e: e.id),
            Column(self.tr("Time"), lambda e: _when(e.at)),
            Column(self.tr("User"), lambda e: e.username),
            Column(self.tr("Action"), lambda e: e.action_label),
            Column(self.tr("Record"), lambda e: e.record_label),
            Column(self.tr("Before"), lambda e: e.before_text),
            Column(self.tr("After"), lambda e: e.after_text),
        ]
        self.model: PagedModel[reporting.EventView] = PagedModel(columns, _AuditSource(ctx))
        self.view = list_view(
            "audit_table", self.model, widths=(50, 140, 70, 110, 110, 200), alternating=True
        )
        refresh = QPushButton(self.tr("&Refresh"))
        refresh.setObjectName("refresh_audit")
        refresh.clicked.connect(self.model.reload)
        layout = QVBoxLayout(self)
        layout.addWidget(refresh)
        layout.addWidget(self.view)
        self.model.reload()


# the controls a page greys out for a user who may not change them
_CONTROLS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit)
_NOTE_STYLE = "QLabel { background: #fff8e1; border: 1px solid #e8d08a; padding: 6px; }"


class SettingsTab(QWidget):
    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, prefs: Preferences | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settings_tab")
        self.ctx = ctx
        self.pages = QTabWidget()
        self.pages.setObjectName("settings_pages")
        general = OptionsPage(ctx, prefs=prefs)
        self._explain(
            general, Perm.SETTINGS_MANAGE, self.tr("The language of this workstation is yours.")
        )
        self.pages.addTab(general, self.tr("General"))
        from archive_desk.ui.tabs.classification_page import ClassificationPage

        classification = ClassificationPage(ctx)
        self._explain(classification, Perm.CLASSIFICATION_MANAGE)
        self.pages.addTab(classification, self.tr("Regions and categories"))
        from archive_desk.ui.tabs.loan_rules_page import LoanRulesPage

        rules = LoanRulesPage(ctx)
        self._explain(rules, Perm.SETTINGS_MANAGE)
        self.pages.addTab(rules, self.tr("Loan rules"))
        if ctx.can(Perm.USER_MANAGE):
            self.pages.addTab(UsersPage(ctx), self.tr("Users"))
        if ctx.can(Perm.AUDIT_VIEW):
            self.pages.addTab(AuditPage(ctx), self.tr("Audit trail"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def add_page(self, widget: QWidget, title: str) -> None:
        self.pages.addTab(widget, title)

    def _explain(self, page: QWidget, perm: str, more: str = "") -> None:
        """For a user without ``perm``: say at the top of ``page`` who may change what is greyed
        out there, and again on each greyed-out control (its tooltip). Nothing for one who may."""
        if self.ctx.can(perm):
            return
        who = "、".join(Role.LABELS[role] for role in roles_with(perm))
        text = self.tr("Only %1 can change these settings.").replace("%1", who)
        for control in page.findChildren(QWidget):
            if isinstance(control, _CONTROLS) and not control.isEnabled():
                control.setToolTip(text)
        note = QLabel(f"{text}\n{more}" if more else text)
        note.setObjectName("read_only_note")
        note.setWordWrap(True)
        note.setStyleSheet(_NOTE_STYLE)
        layout = page.layout()
        if (
            isinstance(layout, QBoxLayout)
            and layout.direction() == QBoxLayout.Direction.TopToBottom
        ):
            layout.insertWidget(0, note)
            return
        body = QWidget(page)  # a page laid out side by side: the note goes above it all
        if layout is not None:
            body.setLayout(layout)  # (takes the page's layout, and its widgets, along)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(note)
        column.addWidget(body, 1)
