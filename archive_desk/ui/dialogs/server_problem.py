"""The archive server cannot be used at the start (down, wrong address, wrong password, no such
database …): what happened and on which server, and in the same dialog the ways on — connect
again (the cause is gone, or the address or password corrected), or work on an archive file on
this computer (the desk's own, or one she picks), or quit. The dialog only chooses; the start
tries the choice (:func:`archive_desk.ui.app.tell`) and, if it fails too, shows this again with
the new message. The choice is kept in the workstation's preferences, never the password (which
goes to this computer's keyring only when she ticks it)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk.db.location import Location
from archive_desk.ui.dialogs.store_dialog import LocationForm
from archive_desk.ui.preferences import Preferences


class ServerProblemDialog(QDialog):
    """Accepted: :attr:`chosen`, :attr:`password` (None: the usual sources) and
    :attr:`remember` say what to try; rejected: the clerk quits."""

    def __init__(
        self,
        location: Location,
        problem: str,
        *,
        ask_password: bool = False,
        prefs: Preferences | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("server_problem_dialog")
        self.setWindowTitle(self.tr("Archive Desk — Archive server"))
        self.location = location
        self.prefs = prefs
        self.chosen = location
        self.password: str | None = None
        self.remember = False
        message = QLabel(problem)
        message.setObjectName("problem_message")
        message.setWordWrap(True)
        message.setStyleSheet("color: #b00020;")
        hint = QLabel(
            self.tr(
                "Connect again once the server is back, correct the server's address or "
                "password below, or work on an archive file on this computer."
            )
        )
        hint.setWordWrap(True)
        self.form = LocationForm(location, self)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("server_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("as before (pgpass file or keyring)"))
        self.remember_box = QCheckBox(self.tr("&Remember in this computer's keyring"))
        self.remember_box.setObjectName("remember_password")
        self.form.server_form.addRow(self.tr("Server &password:"), self.password_edit)
        self.form.server_form.addRow("", self.remember_box)
        self.form.on_server.toggled.connect(self._enable)
        self.local = QPushButton(self.tr("Use an archive file on this &computer"))
        self.local.setObjectName("use_local_file")
        self.local.setAutoDefault(False)
        self.local.clicked.connect(self.form.use_local_file)
        self.retry = QPushButton()
        self.retry.setObjectName("retry")
        self.retry.setDefault(True)
        self.retry.clicked.connect(self._on_retry)
        self.quit = QPushButton(self.tr("&Quit"))
        self.quit.setObjectName("quit")
        self.quit.setAutoDefault(False)
        self.quit.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.local)
        buttons.addStretch(1)
        buttons.addWidget(self.retry)
        buttons.addWidget(self.quit)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(hint)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        self._enable()
        (self.password_edit if ask_password else self.retry).setFocus()

    def _enable(self) -> None:
        server = self.form.on_server.isChecked()
        self.password_edit.setEnabled(server)
        self.remember_box.setEnabled(server)
        self.retry.setText(self.tr("Connect &again") if server else self.tr("Op&en the file"))

    def _on_retry(self) -> None:
        if self.form.told_problem():
            return
        chosen = self.form.chosen()
        if _same(chosen, self.location):
            chosen = self.location
        elif self.prefs is not None:
            self.prefs.set_store(chosen.text)  # from now on, no settings edited by hand
        self.chosen = chosen
        server = chosen.is_server
        self.password = (self.password_edit.text() or None) if server else None
        self.remember = server and self.password is not None and self.remember_box.isChecked()
        self.accept()


def _same(one: Location, other: Location) -> bool:
    """The same archive (a URL written with or without the default port is the same server)."""
    if one.is_server and other.is_server:
        return (one.key, one.options) == (other.key, other.options)
    return one == other
