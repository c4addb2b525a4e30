"""The dialog every service form shares: OK runs the form's :meth:`~ServiceDialog.submit` (one
service call); a refusal shows beside the buttons in Chinese and the dialog stays open."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from archive_desk.errors import KnownError

ERROR_STYLE = "color: #b00020;"


class ServiceDialog(QDialog):
    """OK runs :meth:`submit`; a refusal shows beside the buttons and the dialog stays open."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.result_view: Any = None
        self.body = QVBoxLayout()
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.setObjectName("buttons")
        self.buttons.accepted.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.body)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def run(self) -> bool:
        try:
            self.result_view = self.submit()
        except KnownError as exc:
            self.error.setText(exc.message)
            return False
        self.accept()
        return True

    def submit(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError
