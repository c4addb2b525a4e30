"""Where this workstation's archive is: a file on this computer, or a database on the company's
archive server (File › Archive location…). Kept in the workstation's preferences without any
password; used from the program's next start (``--db`` and ``$ARCHIVE_DESK_DB`` still come
first).

:class:`LocationForm` is the choice itself (a file, or a server's address, database, user and
connection options such as ``sslmode`` or ``passfile``); the start's dialog for a server that
cannot be used (:mod:`archive_desk.ui.dialogs.server_problem`) shows the same form."""

from __future__ import annotations

from urllib.parse import quote

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from archive_desk.db.location import Location, default_db_path
from archive_desk.ui import files, messages
from archive_desk.ui.preferences import Preferences


def server_url(host: str, port: int, dbname: str, user: str, options: str = "") -> str:
    """``postgresql://user@host:port/dbname?options`` (no password: it never goes into the URL;
    ``options`` as :func:`options_text` writes them)."""
    who = quote(user.strip(), safe="") + "@" if user.strip() else ""
    query = "&".join(
        f"{quote(key, safe='')}={quote(value, safe='/')}" for key, value in parse_options(options)
    )
    url = f"postgresql://{who}{host.strip()}:{port}/{quote(dbname.strip(), safe='')}"
    return f"{url}?{query}" if query else url


def parse_options(text: str) -> list[tuple[str, str]]:
    """``key=value&key=value`` as typed (no %-encoding needed: a path may hold spaces)."""
    pairs = []
    for part in text.split("&"):
        key, _eq, value = part.strip().partition("=")
        if key.strip():
            pairs.append((key.strip(), value.strip()))
    return pairs


def options_text(location: Location) -> str:
    """A server location's options as the clerk reads them: ``passfile=/path/pgpass``."""
    return "&".join(f"{key}={value}" for key, value in location.options.items())


class LocationForm(QWidget):
    """A file here or a server: the radio buttons and each one's fields."""

    def __init__(self, current: Location, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.on_file = QRadioButton(self.tr("On &this computer (a database file)"))
        self.on_file.setObjectName("store_file")
        self.on_server = QRadioButton(self.tr("On the company's archive &server (PostgreSQL)"))
        self.on_server.setObjectName("store_server")
        group = QButtonGroup(self)
        group.addButton(self.on_file)
        group.addButton(self.on_server)
        self.path = QLineEdit()
        self.path.setObjectName("store_path")
        self.browse = QPushButton(self.tr("&Browse…"))
        self.browse.setObjectName("store_browse")
        self.browse.clicked.connect(self._browse)
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
        self.options = QLineEdit()
        self.options.setObjectName("store_options")
        self.options.setPlaceholderText(self.tr("from IT, e.g. sslmode=require"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        files = QFormLayout()
        files.addRow(self.tr("&File:"), file_row)
        self.server_form = QFormLayout()
        self.server_form.addRow(self.tr("&Host:"), self.host)
        self.server_form.addRow(self.tr("P&ort:"), self.port)
        self.server_form.addRow(self.tr("&Database:"), self.dbname)
        self.server_form.addRow(self.tr("&User:"), self.user)
        self.server_form.addRow(self.tr("Connection opt&ions:"), self.options)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.on_file)
        layout.addLayout(files)
        layout.addWidget(self.on_server)
        layout.addLayout(self.server_form)
        self.on_server.toggled.connect(self._enable)
        self._show(current)

    def _show(self, current: Location) -> None:
        if current.is_server:
            self.on_server.setChecked(True)
            self.host.setText(current.host)
            self.port.setValue(current.port)
            self.dbname.setText(current.dbname)
            self.user.setText(current.user)
            self.options.setText(options_text(current))
            self.path.setText(str(default_db_path()))
        else:
            self.on_file.setChecked(True)
            self.path.setText(current.text)
        self._enable()

    def _enable(self) -> None:
        server = self.on_server.isChecked()
        for widget in (self.host, self.port, self.dbname, self.user, self.options):
            widget.setEnabled(server)
        self.path.setEnabled(not server)
        self.browse.setEnabled(not server)

    def _browse(self) -> None:
        """An existing archive file (a new one's name is typed into the field)."""
        chosen = files.open_path(self, files.ARCHIVE, self.tr("Archive file"))
        if chosen is not None:
            self.path.setText(str(chosen))

    def use_local_file(self) -> None:
        """Back to this computer's file (the desk's own unless another is typed)."""
        self.on_file.setChecked(True)
        if not self.path.text().strip():
            self.path.setText(str(default_db_path()))
        self.path.setFocus()

    def problem(self) -> tuple[QWidget, str] | None:
        """What keeps the choice from being used (the field and what to say), or None."""
        if self.on_server.isChecked():
            if not self.host.text().strip():
                return self.host, self.tr("Enter the server's address.")
            if not self.dbname.text().strip():
                return self.dbname, self.tr("Enter the database's name.")
            if any(key.lower() == "password" for key, _v in parse_options(self.options.text())):
                return self.options, self.tr(
                    "A password cannot be kept in the connection options: it would be written "
                    "in plain text. It is asked for at the start and can be kept in this "
                    "computer's keyring."
                )
            return None
        if not self.path.text().strip():
            return self.path, self.tr("Enter the archive file.")
        return None

    def told_problem(self) -> bool:
        """Tell the clerk what keeps the choice from being used (:meth:`problem`), with its
        field focused; False when nothing does."""
        problem = self.problem()
        if problem is None:
            return False
        field, text = problem
        messages.error(self.window(), text)
        field.setFocus()
        return True

    def chosen(self) -> Location:
        if self.on_server.isChecked():
            return Location.of(
                server_url(
                    self.host.text(),
                    self.port.value(),
                    self.dbname.text(),
                    self.user.text(),
                    self.options.text(),
                )
            )
        return Location.of(self.path.text().strip())


class StoreDialog(QDialog):
    """Choose a file or a server; OK writes the choice to the preferences."""

    def __init__(self, prefs: Preferences, current: Location, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("store_dialog")
        self.setWindowTitle(self.tr("Archive location"))
        self.prefs = prefs
        self.form = LocationForm(current, self)
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
        layout.addWidget(self.form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def chosen(self) -> Location:
        return self.form.chosen()

    def _on_ok(self) -> None:
        if self.form.told_problem():
            return
        self.prefs.set_store(self.chosen().text)
        self.accept()
