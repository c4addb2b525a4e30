"""Where this workstation's archive is: a file on this computer, or a database on the company's
archive server (File › Archive location…). Kept in the workstation's preferences without any
password; used from the program's next start (``--db`` and ``$ARCHIVE_DESK_DB`` still come
first)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archive_desk.db.location import Location, default_location
from archive_desk.ui.preferences import Preferences


def server_url(host: str, port: int, dbname: str, user: str) -> str:
    """``postgresql://user@host:port/dbname`` (no password: it never goes into the URL)."""
    from urllib.parse import quote

    who = quote(user.strip(), safe="") + "@" if user.strip() else ""
    return f"postgresql://{who}{host.strip()}:{port}/{quote(dbname.strip(), safe='')}"


class StoreDialog(QDialog):
    """Choose a file or a server; OK writes the choice to the preferences."""

    def __init__(self, prefs: Preferences, current: Location, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("store_dialog")
        self.setWindowTitle(self.tr("Archive location"))
        self.prefs = prefs
        self.on_file = QRadioButton(self.tr("On &this computer (a database file)"))
        self.on_file.setObjectName("store_file")
        self.on_server = QRadioButton(self.tr("On the company's archive &server (PostgreSQL)"))
        self.on_server.setObjectName("store_server")
        group = QButtonGroup(self)
        group.addButton(self.on_file)
        group.addButton(self.on_server)
        self.path = QLineEdit()
        self.path.setObjectName("store_path")
        self.host = QLineEdit()
        self.host.setObjectName("store_host")
        self.port = QSpinBox()
        self.port.setObjectName("store_port")
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.dbname = QLineEdit("archive_desk")
        self.dbname.setObjectName("store_dbname")
        self.user = QLineEdit()
        self.user.setObjectName("store_user")
        files = QFormLayout()
        files.addRow(self.tr("&File:"), self.path)
        server = QFormLayout()
        server.addRow(self.tr("&Host:"), self.host)
        server.addRow(self.tr("P&ort:"), self.port)
        server.addRow(self.tr("&Database:"), self.dbname)
        server.addRow(self.tr("&User:"), self.user)
        note = QLabel(
            self.tr(
                "The password is asked for when the program starts; it can be kept in this "
                "computer's keyring, never in a file. The new location is used from the next "
                "start."
            )
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("buttons")
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.on_file)
        layout.addLayout(files)
        layout.addWidget(self.on_server)
        layout.addLayout(server)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._show(current)
        self.setMinimumWidth(460)

    def _show(self, current: Location) -> None:
        if current.is_server:
            self.on_server.setChecked(True)
            self.host.setText(current.host)
            self.port.setValue(current.port)
            self.dbname.setText(current.dbname)
            self.user.setText(current.user)
            self.path.setText(
                str(default_location().text) if not default_location().is_server else ""
            )
        else:
            self.on_file.setChecked(True)
            self.path.setText(current.text)

    def chosen(self) -> Location:
        if self.on_server.isChecked():
            return Location.of(
                server_url(
                    self.host.text(), self.port.value(), self.dbname.text(), self.user.text()
                )
            )
        return Location.of(self.path.text().strip())

    def _on_ok(self) -> None:
        if self.on_server.isChecked() and not (
            self.host.text().strip() and self.dbname.text().strip()
        ):
            self.host.setFocus()
            return
        if self.on_file.isChecked() and not self.path.text().strip():
            self.path.setFocus()
            return
        self.prefs.set_store(self.chosen().text)
        self.accept()
