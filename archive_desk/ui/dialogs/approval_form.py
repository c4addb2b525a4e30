"""The inputs of one approval step, the same in every procedure: approve or refuse/send back,
a comment, and how the decision was given — the approver logged in, signed on the pad, or
approved on paper (slip number) — with the approver chosen when the clerk records it.

Who may take the step comes from the procedure's service (:class:`approvals.StepApprovers`,
built on the rule its decision enforces): only those people are offered, the expected one
first, and when nobody may the form says so instead of offering anyone."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from archive_desk.procedures.approvals import StepApprovers
from archive_desk.ui.widgets.signature_pad import SignatureField

WARNING_STYLE = "color: #b00020;"


class ApprovalForm(QWidget):
    def __init__(
        self,
        approvers: StepApprovers,
        *,
        actor_id: int,
        reject_text: str,
        reject_name: str,
        pad_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.approvers = approvers
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
        if approvers.actor_may:
            self.method.addItem(self.tr("I approve (logged in)"), "login")
        if approvers.may_record and approvers.candidates:
            self.method.addItem(self.tr("Approver signs on the pad"), "pad")
            self.method.addItem(self.tr("Approved on paper"), "paper")
        self.approver = QComboBox()
        self.approver.setObjectName("approver")
        for candidate in approvers.candidates:
            self.approver.addItem(candidate.label, candidate.id)
        self._actor_index = self.approver.findData(actor_id)
        self.needed = QLabel(self.tr("Needs: %1").replace("%1", approvers.needed))
        self.needed.setObjectName("needed")
        self.needed.setWordWrap(True)
        self.nobody = QLabel(self._nobody_text())
        self.nobody.setObjectName("no_approver")
        self.nobody.setWordWrap(True)
        self.nobody.setStyleSheet(WARNING_STYLE)
        self.nobody.setVisible(not self.ready())
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
        layout.addWidget(self.needed)
        layout.addWidget(self.nobody)
        layout.addLayout(form)
        layout.addWidget(self.pad)
        self.method.currentIndexChanged.connect(self._method_changed)
        self._method_changed()

    def ready(self) -> bool:
        """Someone may take the step in a way this user can give or record."""
        return self.method.count() > 0

    def guard(self, ok_button: QPushButton | None) -> None:
        """Disable the dialog's OK button when nobody may take the step."""
        if ok_button is not None:
            ok_button.setEnabled(self.ready())

    def _nobody_text(self) -> str:
        if not self.approvers.candidates:
            return self.tr("Nobody may take this step: it needs %1.").replace(
                "%1", self.approvers.needed
            )
        return self.tr(
            "You may neither take this step nor record it: it needs %1. Ask the archive clerk."
        ).replace("%1", self.approvers.needed)

    def _method_changed(self) -> None:
        method = self.method.currentData()
        self.approver.setEnabled(method in ("pad", "paper"))
        if method == "login" and self._actor_index >= 0:
            self.approver.setCurrentIndex(self._actor_index)  # the logged-in approver herself
        elif method != "login" and self.approver.count():
            self.approver.setCurrentIndex(0)  # the expected approver
        self.paper_ref.setEnabled(method == "paper")
        self.pad.setVisible(method == "pad")
        for w in (self.approve, self.reject, self.comment, self.method, self.approver):
            w.setEnabled(w.isEnabled() and self.ready())

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
