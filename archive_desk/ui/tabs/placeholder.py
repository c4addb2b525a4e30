"""A tab whose feature is not built yet: it says so plainly instead of pretending."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderTab(QWidget):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(what + "\n\n" + self.tr("This part of the program is not available yet."))
        label.setObjectName("placeholder_text")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #666; font-size: 13pt;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
