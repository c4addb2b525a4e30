"""The inputs of one approval step, the same in every procedure: approve or refuse/send back,
a comment, and how the decision was given — the approver logged in, signed on the pad, or
approved on paper (slip number) — with the approver chosen when the clerk records it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts
from archive_desk.domain import name_with
from archive_desk.ui.context import AppContext
from archive_desk.ui.widgets.signature_pad import SignatureField


class ApprovalForm(QWidget):
    def __init__(
        self,
        ctx: AppContext,
        *,
        approve_perm: str,
        record_perm: str,
        approver_roles: Sequence[str],
        reject_text: str,
        reject_name: str,
        pad_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.approve = QRadioButton(self.tr("Approve"))
        self.approve.setObjectName("approve")
        self.approve.setChecked(True)
        self.reject = QRadioButton(reject_text)
        self.reject.setObjectName(reject_name)
        group = QButtonGroup(self)
        group.addButton(self.approve)
        group.addButton(self.reject)
        self.comment = QLineEdit()
        self.comment.setObjectName("comment")
        self.method = QComboBox()
        self.method.setObjectName("method")
        if ctx.can(approve_perm):
            self.method.addItem(self.tr("I approve (logged in)"), "login")
        if ctx.can(record_perm):
            self.method.addItem(self.tr("Approver signs on the pad"), "pad")
            self.method.addItem(self.tr("Approved on paper"), "paper")
        self.approver = QComboBox()
        self.approver.setObjectName("approver")
        for role in approver_roles:
            for u in accounts.users_with_role(role):
                self.approver.addItem(name_with(u.full_name, u.role_label, u.department), u.id)
        self.paper_ref = QLineEdit()
        self.paper_ref.setObjectName("paper_ref")
        self.pad = SignatureField(pad_label)
        self.pad.setObjectName("approver_pad")
        row = QHBoxLayout()
        row.addWidget(self.approve)
        row.addWidget(self.reject)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Decision:"), row)
        form.addRow(self.tr("Comment:"), self.comment)
        form.addRow(self.tr("How:"), self.method)
        form.addRow(self.tr("Approver:"), self.approver)
        form.addRow(self.tr("Paper slip no.:"), self.paper_ref)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.pad)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()

    def _method_changed(self) -> None:
        method = self.method.currentData()
        self.approver.setEnabled(method in ("pad", "paper"))
        self.paper_ref.setEnabled(method == "paper")
        self.pad.setVisible(method == "pad")

    def decision(self) -> dict[str, Any]:
        """The keyword arguments every procedure's ``decide`` takes."""
        method = self.method.currentData()
        return {
            "approve": self.approve.isChecked(),
            "comment": self.comment.text(),
            "method": method,
            "approver_id": self.approver.currentData() if method != "login" else None,
            "paper_ref": self.paper_ref.text(),
            "signature_png": None
            if method != "pad" or self.pad.is_empty()
            else self.pad.png_bytes(),
        }
