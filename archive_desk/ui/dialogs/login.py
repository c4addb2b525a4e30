"""Login, change of password, the first start (create the admin or load demo data). (The archive
server's password, when none is known or it is refused: :mod:`.server_problem`.)

The login dialog (and the first start's) is the program's first screen: it is painted before the
archive is opened and before the services are imported (see :mod:`archive_desk.ui.app`), so
this module imports PySide6 widgets and nothing of the services at its top; ``accounts`` is
imported when a password is checked, by then long loaded by the start thread. Until the archive
is open, OK waits (:meth:`_FormDialog.hold`): pressed meanwhile, the dialog says so and submits
the moment the archive is ready.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.errors import KnownError
from archive_desk.ui import messages

if TYPE_CHECKING:
    from archive_desk.permissions import Actor


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class _FormDialog(QDialog):
    """A form with an inline error line and OK/Cancel; subclasses implement :meth:`submit`.

    :meth:`hold` makes OK wait (the archive is still being opened): pressed meanwhile, the
    dialog says so and :meth:`release` submits."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._held = False
        self._pending = False  # OK was pressed while held
        self.wait_label: QLabel | None = None  # made when first needed
        self.form = QFormLayout()
        self.error_label = QLabel()
        self.error_label.setObjectName("error")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        # not QDialogButtonBox(buttons): that constructor's overloads make PySide build the
        # ~100 enum classes of the Qt namespace (~12 ms here) before the first dialog is painted
        self.buttons = QDialogButtonBox()
        self.buttons.setStandardButtons(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("buttons")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = self._layout = QVBoxLayout(self)
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.hide()
        layout.addWidget(self.header)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def set_header(self, text: str) -> None:
        self.header.setText(text)
        self.header.show()

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def hold(self) -> None:
        """OK waits until :meth:`release` (the archive is being opened); the rest works."""
        self._held = True

    def release(self) -> None:
        """The archive is open: OK works, and if it was pressed meanwhile, it is done now."""
        pending = self._pending
        self._held = self._pending = False
        if self.wait_label is not None:
            self.wait_label.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        if pending:
            self._on_ok()

    @property
    def held(self) -> bool:
        return self._held

    def _show_waiting(self) -> None:
        if self.wait_label is None:
            self.wait_label = QLabel(self.tr("Opening the archive…"))
            self.wait_label.setObjectName("store_wait")
            self._layout.insertWidget(self._layout.indexOf(self.buttons), self.wait_label)
        self.wait_label.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def _on_ok(self) -> None:
        if self._held:
            self._pending = True
            self._show_waiting()
            return
        try:
            done = self.submit()
        except KnownError as exc:
            self.show_error(exc.message)
            return
        if done is not False:  # False: not done, and the user has been told why
            self.accept()

    def submit(self) -> bool | None:  # pragma: no cover - abstract
        raise NotImplementedError


class LoginDialog(_FormDialog):
    """Asks for user name and password; ``actor`` holds the logged-in user after accept."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
        username: str = "",
        org_name: str = "",
    ) -> None:
        super().__init__(self.tr("Archive Desk — Log in"), parent)
        self.setObjectName("login_dialog")
        self.clock = clock
        self.actor: Actor | None = None
        self.set_org_name(org_name)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = _password_edit("password")
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow(self.tr("&Password:"), self.password)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        (self.password if username else self.username).setFocus()
        self.setMinimumWidth(360)

    def set_org_name(self, org_name: str) -> None:
        """The organisation's name above the fields (none: no line)."""
        if org_name:
            self.set_header(f"<b>{org_name}</b>")
        else:
            self.header.hide()

    def submit(self) -> None:
        from archive_desk import accounts

        try:
            self.actor = accounts.login(
                self.username.text().strip(), self.password.text(), clock=self.clock
            )
        except KnownError:
            self.password.clear()
            self.password.setFocus()
            raise


class ChangePasswordDialog(_FormDialog):
    def __init__(self, actor: Actor, parent: QWidget | None = None, *, forced: bool = False):
        super().__init__(self.tr("Change password"), parent)
        self.setObjectName("change_password_dialog")
        self.actor = actor
        if forced:
            self.set_header(self.tr("Please choose a new password before you continue."))
        self.old = _password_edit("old_password")
        self.new = _password_edit("new_password")
        self.again = _password_edit("new_password_again")
        self.form.addRow(self.tr("&Current password:"), self.old)
        self.form.addRow(self.tr("&New password:"), self.new)
        self.form.addRow(self.tr("New password &again:"), self.again)
        self.setMinimumWidth(380)

    def submit(self) -> None:
        if self.new.text() != self.again.text():
            raise KnownError(self.tr("The two new passwords differ."))
        from archive_desk import accounts

        accounts.change_password(self.actor, self.old.text(), self.new.text())


class FirstStartDialog(_FormDialog):
    """On an empty database: create the administrator, or load the demo archive instead
    (built in the worker with a progress bar; its accounts and password are named here)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Clock = SYSTEM_CLOCK,
        demo_size: dict[str, int] | None = None,
    ) -> None:
        super().__init__(self.tr("Archive Desk — First start"), parent)
        self.setObjectName("first_start_dialog")
        self.clock = clock
        self.demo_size = demo_size or {}  # populate()'s cards_count and loans (tests: smaller)
        self.actor: Actor | None = None
        self.demo_accounts: list = []  # demo.DemoAccount
        self.suggested_user = ""  # who should log in next (the demo's clerk)
        self.set_header(
            self.tr(
                "Welcome. This archive is empty. Create the administrator account, "
                "who then adds the clerks and approvers."
            )
        )
        self.username = QLineEdit("admin")
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.password = _password_edit("password")
        self.again = _password_edit("password_again")
        self.load_demo = QCheckBox(
            self.tr("Load the demo archive instead (sample cards, loans and users)")
        )
        self.load_demo.setObjectName("load_demo")
        self.load_demo.toggled.connect(self._demo_toggled)
        self.form.addRow(self.tr("&User name:"), self.username)
        self.form.addRow(self.tr("Full &name:"), self.full_name)
        self.form.addRow(self.tr("&Password:"), self.password)
        self.form.addRow(self.tr("Password &again:"), self.again)
        self.form.addRow(self.load_demo)
        self.demo_note = QLabel(self._demo_note())
        self.demo_note.setObjectName("demo_accounts")
        self.demo_note.setWordWrap(True)
        from PySide6.QtCore import Qt  # here: see _FormDialog's buttons

        self.demo_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.addRow(self.demo_note)
        self.setMinimumWidth(460)

    def _demo_note(self) -> str:
        """Who is who in the demo archive, and the one password of every demo account."""
        from archive_desk import demo

        people = "\n".join(  # the name and the role, once when they are the same (admin)
            f"  {a.username} — {'，'.join(dict.fromkeys((a.full_name, a.role_label)))}"
            for a in demo.demo_accounts()
        )
        return (
            self.tr("Every demo account's password is %1. Log in as %2 to work as the clerk.")
            .replace("%1", demo.DEMO_PASSWORD)
            .replace("%2", demo.DEMO_CLERK)
            + "\n"
            + people
        )

    def _demo_toggled(self, on: bool) -> None:
        for w in (self.username, self.full_name, self.password, self.again):
            w.setEnabled(not on)

    def submit(self) -> bool | None:
        if self.load_demo.isChecked():
            return self._load_demo()
        if self.password.text() != self.again.text():
            raise KnownError(self.tr("The two passwords differ."))
        from archive_desk import accounts

        self.actor = accounts.create_first_admin(
            self.username.text(),
            self.full_name.text().strip() or self.tr("Administrator"),
            self.password.text(),
            clock=self.clock,
        )
        return True

    def _load_demo(self) -> bool:
        """Build the demo archive in the worker (~6 s), the progress bar following its steps."""
        from archive_desk import demo
        from archive_desk.ui.worker import run_with_progress

        self.buttons.setEnabled(False)
        try:
            accounts_made = run_with_progress(
                self,
                self.tr("Building the demo archive…"),
                lambda progress: demo.populate(
                    clock=self.clock, progress=progress, **self.demo_size
                ),
                min_duration_ms=0,
                cancellable=False,  # half a demo is no use
            )
        finally:
            self.buttons.setEnabled(True)
        if accounts_made is None:
            return False  # refused (the message has been shown)
        self.demo_accounts = accounts_made
        self.actor = None  # the clerk logs in with one of the demo accounts
        self.suggested_user = demo.DEMO_CLERK
        lines = "\n".join(
            f"{a.username} / {a.password}  {a.full_name}（{a.role_label}）" for a in accounts_made
        )
        messages.info(self, self.tr("Demo archive loaded. Accounts:") + "\n" + lines)
        return True
