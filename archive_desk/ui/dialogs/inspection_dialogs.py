"""The dialogs of the inspection tab: a new round, a new inventory, a location (a forgotten tray,
a folder's real place), a finding entered by hand, the clerk's proposal, the manager's approval
(the same approval form as every procedure's), the resolution, and a finding to read. Each is
one service call on OK; a refusal shows beside the buttons. Each fits a 1024×768 screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from archive_desk import accounts, cards
from archive_desk import inspection as ins
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from archive_desk.permissions import Perm
from archive_desk.ui.context import AppContext
from archive_desk.ui.dialogs.approval_form import ApprovalForm
from archive_desk.ui.dialogs.service_dialog import ServiceDialog
from archive_desk.ui.widgets.fields import date_edit, to_date, wrapped
from archive_desk.ui.widgets.search_box import card_entry

PROPOSAL_DAYS = 30  # a proposal's deadline, unless the clerk sets another


def _text_box(name: str, height: int = 70) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(name)
    box.setTabChangesFocus(True)  # keyboard: Tab goes on to the next field
    box.setFixedHeight(height)
    return box


class ScopeFields(QWidget):
    """A scope: every card, a region, a category, or a location (库房-柜-层-盒)."""

    def __init__(self, parent: QWidget | None = None, *, default: str = ins.ScopeKind.ALL) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.setObjectName("scope_kind")
        for code, label in ins.ScopeKind.labels().items():
            self.kind.addItem(label, code)
        self.region = QComboBox()
        self.region.setObjectName("scope_region")
        for r in cards.list_regions():
            if not r.retired:
                self.region.addItem(r.path, r.id)
        self.category = QComboBox()
        self.category.setObjectName("scope_category")
        for c in cards.list_categories():
            if not c.retired:
                self.category.addItem(f"{c.code} {c.name}", c.id)
        self.location = QLineEdit()
        self.location.setObjectName("scope_location")
        self.location.setPlaceholderText(self.tr("Room-cabinet-shelf-box, e.g. 一号库房-01-1"))
        self.stack = QStackedWidget()
        # as high as one field (a stack takes its tallest page's height, the line edit grew)
        self.stack.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.stack.addWidget(QWidget())
        for widget in (self.region, self.category, self.location):
            self.stack.addWidget(widget)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(self.tr("Scope:"), self.kind)
        layout.addRow("", self.stack)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.setCurrentIndex(max(0, self.kind.findData(default)))
        self._kind_changed()

    def _kind_changed(self) -> None:
        order = list(ins.ScopeKind.labels())
        self.stack.setCurrentIndex(order.index(self.kind.currentData()))

    def scope(self) -> ins.Scope:
        """The scope as chosen (the service checks it; a location as typed is parsed there)."""
        kind = self.kind.currentData()
        if kind == ins.ScopeKind.REGION:
            return ins.Scope(kind, region_id=self.region.currentData())
        if kind == ins.ScopeKind.CATEGORY:
            return ins.Scope(kind, category_id=self.category.currentData())
        if kind == ins.ScopeKind.LOCATION:
            return ins.Scope(kind, location=ins.parse_location(self.location.text()))
        return ins.Scope()


def finding_name(view: ins.FindingView) -> str:
    """How a finding is named to the clerk: its card's archive number and its kind (the
    database's id means nothing to her; the list numbers its rows as the printed forms do)."""
    return f"{view.archive_no}（{view.kind_label}）"


class NewRoundDialog(ServiceDialog):
    """A new round: this period's twice-yearly review of every card, or an ad-hoc round of a
    scope; the inspector, the due date, a note."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New inspection round"), parent)
        self.setObjectName("new_round_dialog")
        self.ctx = ctx
        today = ctx.clock.today()
        self.kind = QComboBox()
        self.kind.setObjectName("round_kind")
        for kind in (ins.RoundKind.PERIODIC, ins.RoundKind.ADHOC):
            self.kind.addItem(kind.label, kind.value)
        self.scope = ScopeFields()
        self.inspector = QComboBox()
        self.inspector.setObjectName("inspector")
        for u in accounts.active_users():
            if u.role == Role.CLERK:
                self.inspector.addItem(u.full_name, u.id)
        self.inspector.setCurrentIndex(max(0, self.inspector.findData(ctx.actor.user_id)))
        start = ins.period_start(today)
        self.due = date_edit("due_on", max(today, ins.period_due(start)))
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.period = wrapped(
            self.tr("Review period: %1 (months %2)")
            .replace("%1", f"{start:%Y-%m}")
            .replace("%2", "、".join(map(str, ins.review_months()))),
            "review_period",
        )
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow("", self.period)
        form.addRow(self.scope)
        form.addRow(self.tr("Inspector:"), self.inspector)
        form.addRow(self.tr("Due by:"), self.due)
        form.addRow(self.tr("Note:"), self.note)
        self.body.addLayout(form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(460)

    def _kind_changed(self) -> None:
        periodic = self.kind.currentData() == ins.RoundKind.PERIODIC
        self.scope.setEnabled(not periodic)
        self.period.setVisible(periodic)
        if periodic:
            self.scope.kind.setCurrentIndex(0)

    def submit(self) -> ins.RoundView:
        return ins.start_round(
            self.ctx.actor,
            kind=self.kind.currentData(),
            scope=self.scope.scope(),
            inspector_id=self.inspector.currentData(),
            due_on=to_date(self.due),
            note=self.note.text(),
        )


class NewInventoryDialog(ServiceDialog):
    """A new inventory: the place (usually a location) whose folders are listed now."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("New inventory"), parent)
        self.setObjectName("new_inventory_dialog")
        self.ctx = ctx
        self.scope = ScopeFields(default=ins.ScopeKind.LOCATION)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.body.addWidget(
            wrapped(
                self.tr(
                    "The folders recorded there are listed now (those on loan apart); then scan "
                    "each folder's label."
                ),
                "inventory_hint",
            )
        )
        self.body.addWidget(self.scope)
        form = QFormLayout()
        form.addRow(self.tr("Note:"), self.note)
        self.body.addLayout(form)
        self.setMinimumWidth(460)

    def submit(self) -> ins.InventoryView:
        return ins.start_inventory(self.ctx.actor, self.scope.scope(), note=self.note.text())


class LocationDialog(ServiceDialog):
    """A location typed as 库房-柜-层-盒: a forgotten tray joining an inventory, or where a
    misplaced folder is really kept."""

    def __init__(
        self,
        title: str,
        prompt: str,
        submit: object,
        parent: QWidget | None = None,
        *,
        text: str = "",
    ) -> None:
        super().__init__(title, parent)
        self.setObjectName("location_dialog")
        self._submit = submit
        self.location = QLineEdit(text)
        self.location.setObjectName("location")
        self.location.setPlaceholderText(self.tr("Room-cabinet-shelf-box, e.g. 一号库房-01-1"))
        self.body.addWidget(wrapped(prompt, "location_prompt"))
        self.body.addWidget(self.location)
        self.setMinimumWidth(420)

    def submit(self) -> object:
        return self._submit(ins.parse_location(self.location.text()))  # type: ignore[operator]


class FindingDialog(ServiceDialog):
    """A finding entered by hand on a card (in a round, when one is given): its kind and what
    is wrong, and the proposal at once if the clerk has one."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        card_id: int | None = None,
        round_id: int | None = None,
    ) -> None:
        super().__init__(self.tr("Record a finding"), parent)
        self.setObjectName("finding_dialog")
        self.ctx, self.card_id, self.round_id = ctx, card_id, round_id
        self.card = card_entry(
            "finding_card", self.tr("Archive number, name or pinyin; Enter or scan"), self.choose
        )
        self.card_label = wrapped("", "finding_card_label")
        self.kind = QComboBox()
        self.kind.setObjectName("finding_kind")
        for code, label in ins.FindingKind.labels().items():
            self.kind.addItem(label, code)
        self.description = _text_box("description")
        self.proposal = _text_box("proposal", 50)
        self.due = date_edit("due_on", ctx.clock.today() + dt.timedelta(days=PROPOSAL_DAYS))
        form = QFormLayout()
        form.addRow(self.tr("Card:"), self.card)
        form.addRow("", self.card_label)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("What is wrong:"), self.description)
        form.addRow(self.tr("Proposal (optional):"), self.proposal)
        form.addRow(self.tr("Resolve by:"), self.due)
        self.body.addLayout(form)
        if card_id is not None:
            self._show_card(card_id)
        self.setMinimumWidth(480)

    def _show_card(self, card_id: int) -> None:
        rows = cards.card_rows(self.ctx.actor, [card_id])
        self.card_id = card_id if rows else None
        self.card_label.setText(f"{rows[0].archive_no}  {rows[0].name}" if rows else "")

    def choose(self, text: str) -> None:
        card_id, _found = cards.find_one(self.ctx.actor, text.strip())
        if card_id is None:
            self.error.setText(self.tr("Type more or scan the archive number."))
            return
        self.error.clear()
        self._show_card(card_id)

    def submit(self) -> ins.FindingView:
        if self.card_id is None and self.card.text().strip():
            self.choose(self.card.text())
        if self.card_id is None:
            raise ValidationError("请先选择档案卡。", field="card")
        proposal = self.proposal.toPlainText()
        return ins.new_finding(
            self.ctx.actor,
            self.card_id,
            kind=self.kind.currentData(),
            description=self.description.toPlainText(),
            round_id=self.round_id,
            proposal=proposal,
            due_on=to_date(self.due) if proposal.strip() else None,
        )


def _summary(view: ins.FindingView) -> str:
    origin = " ".join(filter(None, (view.source_label, view.origin)))
    lines = [
        f"{view.archive_no} {view.card_name} · {view.kind_label} · {view.state_label}",
        f"{origin}：{view.description}",
    ]
    if view.proposal:
        due = view.due_on.isoformat() if view.due_on else "—"
        text = QCoreApplication.translate("inspection_dialogs", "Proposal (resolve by %1): %2")
        lines.append(text.replace("%1", due).replace("%2", view.proposal))
    return "\n".join(lines)


class ProposalDialog(ServiceDialog):
    """The clerk's proposal (处理意见) and the deadline for the work."""

    def __init__(
        self, ctx: AppContext, view: ins.FindingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Proposal for finding %1").replace("%1", finding_name(view)), parent
        )
        self.setObjectName("proposal_dialog")
        self.ctx, self.view = ctx, view
        self.proposal = _text_box("proposal")
        self.proposal.setPlainText(view.proposal)
        due = view.due_on or ctx.clock.today() + dt.timedelta(days=PROPOSAL_DAYS)
        self.due = date_edit("due_on", max(due, ctx.clock.today()))
        form = QFormLayout()
        form.addRow(self.tr("Proposal:"), self.proposal)
        form.addRow(self.tr("Resolve by:"), self.due)
        self.body.addWidget(wrapped(_summary(view), "finding_summary"))
        if view.decision is not None and view.decision.decision == ins.FindingDecision.REFUSED:
            self.body.addWidget(
                wrapped(self.tr("Sent back: %1").replace("%1", view.decision.comment), "sent_back")
            )
        self.body.addLayout(form)
        self.setMinimumWidth(480)

    def submit(self) -> ins.FindingView:
        return ins.propose(
            self.ctx.actor,
            self.view.id,
            self.view.version,
            proposal=self.proposal.toPlainText(),
            due_on=to_date(self.due),
        )


class FindingApprovalDialog(ServiceDialog):
    """The manager's decision on a proposal: approve, or send it back with a reason. Only those
    who may take it are offered (the service's rule)."""

    def __init__(
        self, ctx: AppContext, view: ins.FindingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Approve the proposal of finding %1").replace("%1", finding_name(view)), parent
        )
        self.setObjectName("finding_approval_dialog")
        self.ctx, self.view = ctx, view
        self.form = ApprovalForm(
            ins.approvers(ctx.actor, view.id),
            actor_id=ctx.actor.user_id,
            reject_text=self.tr("Send back"),
            reject_name="send_back",
            pad_label=Role.LABELS[Role.MANAGER],
        )
        self.form.guard(self.buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.body.addWidget(wrapped(_summary(view), "finding_summary"))
        self.body.addWidget(self.form)
        self.setMinimumWidth(480)

    def submit(self) -> ins.FindingView:
        return ins.decide(self.ctx.actor, self.view.id, self.view.version, **self.form.decision())


class ResolveDialog(ServiceDialog):
    """The resolution: what was done, when, who helped."""

    def __init__(
        self, ctx: AppContext, view: ins.FindingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Resolution of finding %1").replace("%1", finding_name(view)), parent
        )
        self.setObjectName("resolve_dialog")
        self.ctx, self.view = ctx, view
        self.resolution = _text_box("resolution")
        self.resolved_on = date_edit("resolved_on", ctx.clock.today())
        self.helpers = QLineEdit()
        self.helpers.setObjectName("helpers")
        self.helpers.setPlaceholderText(self.tr("Other departments or people who helped"))
        form = QFormLayout()
        form.addRow(self.tr("What was done:"), self.resolution)
        form.addRow(self.tr("Done on:"), self.resolved_on)
        form.addRow(self.tr("Who helped:"), self.helpers)
        self.body.addWidget(wrapped(_summary(view), "finding_summary"))
        self.body.addLayout(form)
        self.setMinimumWidth(480)

    def submit(self) -> ins.FindingView:
        return ins.resolve(
            self.ctx.actor,
            self.view.id,
            self.view.version,
            resolution=self.resolution.toPlainText(),
            resolved_on=to_date(self.resolved_on),
            helpers=self.helpers.text(),
        )


class FindingReadDialog(QDialog):
    """A finding to read: where it came from, the proposal, every decision, the resolution."""

    def __init__(
        self, ctx: AppContext, view: ins.FindingView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Finding %1").replace("%1", finding_name(view)))
        self.setObjectName("finding_read_dialog")
        lines = [
            _summary(view),
            self.tr("Recorded by %1 on %2")
            .replace("%1", view.created_by)
            .replace("%2", f"{view.created_at:%Y-%m-%d %H:%M}"),
        ]
        if view.proposed_at:
            lines.append(
                self.tr("Proposed by %1 on %2")
                .replace("%1", view.proposed_by)
                .replace("%2", f"{view.proposed_at:%Y-%m-%d %H:%M}")
            )
        for d in view.decisions:
            how = d.method.label + (f" {d.paper_ref}" if d.paper_ref else "")
            lines.append(
                self.tr("%1 by %2 (%3) on %4: %5")
                .replace("%1", d.decision.label)
                .replace("%2", d.approver)
                .replace("%3", how)
                .replace("%4", f"{d.at:%Y-%m-%d %H:%M}")
                .replace("%5", d.comment or "—")
            )
        if view.resolution:
            lines.append(
                self.tr("Resolved on %1 by %2 (helped: %3): %4")
                .replace("%1", f"{view.resolved_on}")
                .replace("%2", view.resolved_by)
                .replace("%3", view.helpers or "—")
                .replace("%4", view.resolution)
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.setObjectName("buttons")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(wrapped("\n".join(lines), "finding_text"))
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.ctx = ctx


def may_record(ctx: AppContext) -> bool:
    return ctx.can(Perm.INSPECTION_RECORD)
