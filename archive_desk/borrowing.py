"""Borrowing (借阅): application, approval, lending with both signatures, return checked against
the folder's contents, renewal and the overdue list.

Procedure (seeds 000, 003, 004): the clerk records the application; the rule table decides who
must approve and the longest loan; the approver approves or refuses (logged in at the desk, on
the signature pad, or on paper as recorded by the clerk); the clerk lends the cards in the
reading room with the borrower's and her own signature; on return every document of the folder
is checked, differences are kept and a damaged or incomplete folder becomes an inspection
finding. Originals never leave the room: there is no state for "taken out".

Every function is one user action: permission, validation, one transaction, the audit event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from peewee import JOIN

from archive_desk import approvals, audit, cards, signatures
from archive_desk.db.connection import STALE_MESSAGE, transaction, update_versioned
from archive_desk.db.models import (
    Approval,
    Borrowing,
    BorrowingItem,
    Card,
    CardDocument,
    CopyRecord,
    DayClose,
    Department,
    InspectionFinding,
    LoanRule,
    MonthEndList,
    Person,
    Renewal,
    ReturnCheck,
    Signature,
    User,
    database,
)
from archive_desk.db.prepared import Slot, insert_statement, prepared
from archive_desk.domain import (
    BORROW_MODES,
    BORROWING_STATES,
    FINDING_KINDS,
    RETURN_CONDITIONS,
    Role,
)
from archive_desk.errors import Conflict, NotFound, PermissionDenied, StaleRecord, ValidationError
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.signatures import SignatureInput

ENTITY = "borrowing"
ROLE_RANK = {Role.DEPT_HEAD: 1, Role.MANAGER: 2, Role.GENERAL_MANAGER: 3}
OPEN_STATES = ("pending", "approved", "awaiting_signatures", "lent")


# --- rules -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleDecision:
    approver_role: str
    max_days: int  # 0: the same day
    working_days: bool
    note: str


class _Rule(NamedTuple):
    min_secrecy: int | None
    grade: str | None
    mode: str | None
    allowed: bool
    note: str
    approver_role: str
    max_days: int
    working_days: bool


def _rules() -> list[_Rule]:
    """The rule table in priority order (a few rows: read once per service call)."""
    query = prepared(
        "borrowing.rules",
        lambda: LoanRule.select(
            LoanRule.min_secrecy,
            LoanRule.grade,
            LoanRule.mode,
            LoanRule.allowed,
            LoanRule.note,
            LoanRule.approver_role,
            LoanRule.max_days,
            LoanRule.working_days,
        ).order_by(LoanRule.priority, LoanRule.id),
    )
    return [_Rule(*row) for row in query.rows()]


def rule_for(
    secrecy: int, grade: str, mode: str, rules: Sequence[_Rule] | None = None
) -> RuleDecision:
    """The first rule (by priority) that matches a card's secrecy, grade and the mode."""
    for rule in _rules() if rules is None else rules:
        if rule.min_secrecy is not None and secrecy < rule.min_secrecy:
            continue
        if rule.grade and rule.grade != grade:
            continue
        if rule.mode and rule.mode != mode:
            continue
        if not rule.allowed:
            raise ValidationError(f"借阅规则不允许：{rule.note or '该档案不能以此方式借阅'}。")
        return RuleDecision(rule.approver_role, rule.max_days, rule.working_days, rule.note)
    return RuleDecision(Role.DEPT_HEAD, 0, False, "")


def add_days(start: dt.date, days: int, working: bool) -> dt.date:
    """``start`` plus ``days`` calendar days, or working days (Monday–Friday)."""
    if not working:
        return start + dt.timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def combined_rule(card_rows: Sequence[Any], mode: str) -> RuleDecision:
    """The strictest of the cards' rules: the highest approver, the shortest loan."""
    rules = _rules()
    decisions = [rule_for(c.secrecy, c.grade, mode, rules) for c in card_rows]
    role = max(decisions, key=lambda d: ROLE_RANK.get(d.approver_role, 0)).approver_role
    shortest = min(decisions, key=lambda d: d.max_days)
    notes = "；".join(sorted({d.note for d in decisions if d.note}))
    return RuleDecision(role, shortest.max_days, shortest.working_days, notes)


# --- views -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    id: int
    card_id: int
    archive_no: str
    card_name: str
    state: str
    due_date: dt.date | None
    lent_at: dt.datetime | None
    returned_at: dt.datetime | None
    condition: str | None
    return_note: str
    renewals: int
    version: int


@dataclass(frozen=True)
class SignatureView:
    role: str
    signer_name: str
    method: str
    signed_at: dt.datetime
    image: bytes | None
    valid: bool


@dataclass(frozen=True)
class ApprovalView:
    decision: str
    approver_name: str
    approver_role: str
    method: str
    paper_ref: str
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class BorrowingView:
    id: int
    number: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    borrower_user_id: int | None
    mode: str
    mode_label: str
    purpose: str
    applied_on: dt.date
    expected_return: dt.date
    required_role: str
    state: str
    state_label: str
    refusal_reason: str
    lent_at: dt.datetime | None
    version: int
    items: list[ItemView] = field(default_factory=list)
    approvals: list[ApprovalView] = field(default_factory=list)
    signatures: list[SignatureView] = field(default_factory=list)


@dataclass(frozen=True)
class _Head:
    """The borrowing row as the services read it, with the borrower's user account."""

    id: int
    number: str
    borrower_id: int
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    mode: str
    purpose: str
    applied_on: dt.date
    expected_return: dt.date
    required_role: str
    state: str
    refusal_reason: str
    lent_at: dt.datetime | None
    version: int
    borrower_user_id: int | None


def _read_head(borrowing_id: int) -> _Head | None:
    query = prepared(
        "borrowing.head",
        lambda: (
            Borrowing.select(
                Borrowing.id,
                Borrowing.number,
                Borrowing.borrower,
                Borrowing.borrower_name,
                Borrowing.borrower_department,
                Borrowing.borrower_phone,
                Borrowing.mode,
                Borrowing.purpose,
                Borrowing.applied_on,
                Borrowing.expected_return,
                Borrowing.required_role,
                Borrowing.state,
                Borrowing.refusal_reason,
                Borrowing.lent_at,
                Borrowing.version,
                Person.user,
            )
            .join(Person, on=(Borrowing.borrower == Person.id))
            .where(Borrowing.id == Slot("id"))
        ),
    )
    row = query.one(id=borrowing_id)
    return None if row is None else _Head(*row)


def _items(borrowing_id: int) -> list[tuple[ItemView, str]]:
    """The borrowing's items in order, each with its card's status."""
    query = prepared(
        "borrowing.items",
        lambda: (
            BorrowingItem.select(
                BorrowingItem.id,
                BorrowingItem.card,
                Card.archive_no,
                Card.name,
                BorrowingItem.state,
                BorrowingItem.due_date,
                BorrowingItem.lent_at,
                BorrowingItem.returned_at,
                BorrowingItem.condition,
                BorrowingItem.return_note,
                BorrowingItem.renewals,
                BorrowingItem.version,
                Card.status,
            )
            .join(Card)
            .where(BorrowingItem.borrowing == Slot("id"))
            .order_by(BorrowingItem.id)
        ),
    )
    return [(ItemView(*row[:-1]), row[-1]) for row in query.rows(id=borrowing_id)]


def _approvals(borrowing_id: int) -> list[ApprovalView]:
    query = prepared(
        "borrowing.approvals",
        lambda: (
            Approval.select(
                Approval.decision,
                Approval.approver_name,
                Approval.approver_role,
                Approval.method,
                Approval.paper_ref,
                Approval.comment,
                Approval.at,
            )
            .where((Approval.entity == ENTITY) & (Approval.entity_id == Slot("id")))
            .order_by(Approval.id)
        ),
    )
    return [ApprovalView(*row) for row in query.rows(id=borrowing_id)]


def _signatures(borrowing_id: int) -> list[SignatureView]:
    """The signatures with their images (a pad image is under 1 kB), each verified."""
    query = prepared(
        "borrowing.signatures",
        lambda: (
            Signature.select(
                Signature.role,
                Signature.signer_name,
                Signature.method,
                Signature.signed_at,
                Signature.image,
                Signature.digest,
            )
            .where((Signature.entity == ENTITY) & (Signature.entity_id == Slot("id")))
            .order_by(Signature.id)
        ),
    )
    return [
        SignatureView(
            role, signer, method, at, image,
            stored == signatures.digest(entity=ENTITY, entity_id=borrowing_id, role=role,
                                        signer_name=signer, signed_at=at, image=image),
        )
        for role, signer, method, at, image, stored in query.rows(id=borrowing_id)
    ]  # fmt: skip


def _view(
    b: _Head,
    items: list[ItemView] | None = None,
    approvals: list[ApprovalView] | None = None,
    sigs: list[SignatureView] | None = None,
) -> BorrowingView:
    """The view of ``b``; the lists the caller already holds as they now are are not read."""
    if items is None:
        items = [view for view, _ in _items(b.id)]
    if approvals is None:
        approvals = _approvals(b.id)
    if sigs is None:
        sigs = _signatures(b.id)
    return BorrowingView(
        b.id, b.number, b.borrower_name, b.borrower_department, b.borrower_phone,
        b.borrower_user_id, b.mode, BORROW_MODES.get(b.mode, b.mode), b.purpose, b.applied_on,
        b.expected_return, b.required_role, b.state, BORROWING_STATES.get(b.state, b.state),
        b.refusal_reason, b.lent_at, b.version, items, approvals, sigs,
    )  # fmt: skip


def get_borrowing(actor: Actor, borrowing_id: int) -> BorrowingView:
    if not (actor.can(Perm.BORROW_RECORD) or actor.can(Perm.BORROW_APPROVE)):
        require(actor, Perm.BORROW_RECORD)
    b = _read_head(borrowing_id)
    if b is None:
        raise NotFound("借阅申请不存在。")
    return _view(b)


def _update_head(b: _Head, **fields: Any) -> _Head:
    """Change the borrowing if it is still at ``b.version`` (else :class:`StaleRecord`); the
    row as it now is. The same rule as ``connection.update_versioned``, without its SQL build."""
    names = tuple(sorted(fields))
    query = prepared(
        ("borrowing.update", names),
        lambda: Borrowing.update(
            {Borrowing.version: Slot("new_version")}
            | {Borrowing._meta.fields[n]: Slot(n, Borrowing._meta.fields[n]) for n in names}
        ).where((Borrowing.id == Slot("id")) & (Borrowing.version == Slot("version"))),
    )
    if query.update(id=b.id, version=b.version, new_version=b.version + 1, **fields) != 1:
        raise StaleRecord(STALE_MESSAGE)
    known = {k: v for k, v in fields.items() if k in _Head.__dataclass_fields__}
    return replace(b, version=b.version + 1, **known)


# --- application -----------------------------------------------------------------------------


@dataclass(frozen=True)
class BorrowerInput:
    """A user of the program (``user_id``) or someone who is not (name, department, phone)."""

    user_id: int | None = None
    name: str = ""
    department_id: int | None = None
    phone: str = ""


class _Borrower(NamedTuple):
    id: int
    name: str
    phone: str
    user_id: int | None
    department: str


def _borrower(b: BorrowerInput) -> _Borrower:
    if b.user_id is not None:
        user = User.get_or_none(User.id == b.user_id)
        if user is None or not user.active:
            raise ValidationError("借阅人账户不存在或已停用。", field="borrower")
        person = Person.get_or_none(Person.user == user.id)
        if person is None:
            person = Person.create(
                name=user.full_name, department=user.department_id, phone=user.phone, user=user.id
            )
        dept = Department.get_or_none(Department.id == user.department_id)
        return _Borrower(person.id, person.name, person.phone, user.id, dept.name if dept else "")
    name = b.name.strip()
    if not name:
        raise ValidationError("请填写借阅人姓名。", field="borrower")
    if b.department_id is None:
        raise ValidationError("请选择借阅人所在部门。", field="department")
    dept_name = _department_name(b.department_id)
    if dept_name is None:
        raise ValidationError("所选部门不存在。", field="department")
    from archive_desk import validation

    phone = validation.check_phone(b.phone)
    if phone.error:
        raise ValidationError(phone.error, field="phone")
    found = prepared(
        "borrowing.person",
        lambda: (
            Person.select(Person.id, Person.phone)
            .where(
                (Person.name == Slot("name"))
                & (Person.department == Slot("department"))
                & Person.user.is_null()
            )
            .limit(1)
        ),
    ).one(name=name, department=b.department_id)
    if found is None:
        person_id = prepared(
            "borrowing.person.insert",
            lambda: insert_statement(Person, ("name", "department", "phone")),
        ).insert(name=name, department=b.department_id, phone=phone.value)
        return _Borrower(person_id, name, phone.value, None, dept_name)
    person_id, person_phone = found
    if phone.value and person_phone != phone.value:
        prepared(
            "borrowing.person.phone",
            lambda: Person.update(phone=Slot("phone", Person.phone)).where(Person.id == Slot("id")),
        ).update(id=person_id, phone=phone.value)
        person_phone = phone.value
    return _Borrower(person_id, name, person_phone, None, dept_name)


def _department_name(department_id: int | None) -> str | None:
    row = prepared(
        "borrowing.department",
        lambda: Department.select(Department.name).where(Department.id == Slot("id")),
    ).one(id=department_id)
    return None if row is None else str(row[0])


class _Card(NamedTuple):
    id: int
    archive_no: str
    name: str
    status: str
    secrecy: int
    grade: str


def _lendable_cards(actor: Actor, card_ids: Sequence[int]) -> list[_Card]:
    if not card_ids:
        raise ValidationError("请至少选择一张档案卡。", field="cards")
    if len(set(card_ids)) != len(card_ids):
        raise ValidationError("同一张档案卡选了两次。", field="cards")
    # only what the rules and messages need: a whole card row costs peewee ~1.5 ms to build;
    # the statement is built once per number of cards and the actor's visibility rule
    visible = cards.visible(actor)
    rule_sql, rule_params = database.get_sql_context().sql(visible).query()
    query = prepared(
        ("borrowing.cards", len(card_ids), rule_sql, tuple(rule_params)),
        lambda: Card.select(
            Card.id, Card.archive_no, Card.name, Card.status, Card.secrecy, Card.grade
        ).where(Card.id.in_([Slot(f"c{k}") for k in range(len(card_ids))]) & visible),
    )
    found = {
        row[0]: _Card(*row) for row in query.rows(**{f"c{k}": c for k, c in enumerate(card_ids)})
    }
    out = []
    for cid in card_ids:
        card = found.get(cid)
        if card is None:
            raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
        if card.status != "active":
            raise Conflict(f"档案卡 {card.archive_no} 已销毁，不能借阅。")
        out.append(card)
    return out


def _lent_elsewhere(card_ids: Sequence[int], exclude_borrowing: int | None = None) -> list[str]:
    def build() -> Any:
        query = (
            BorrowingItem.select(BorrowingItem.lent_at, Borrowing.borrower_name, Card.archive_no)
            .join(Borrowing)
            .switch(BorrowingItem)
            .join(Card)
            .where(
                BorrowingItem.card.in_([Slot(f"c{k}") for k in range(len(card_ids))])
                & (BorrowingItem.state == "lent")
            )
        )
        if exclude_borrowing is not None:
            query = query.where(BorrowingItem.borrowing != Slot("exclude"))
        return query

    query = prepared(("borrowing.lent", len(card_ids), exclude_borrowing is None), build)
    values = {f"c{k}": c for k, c in enumerate(card_ids)}
    return [
        f"{archive_no} 已借给 {borrower}（{lent_at:%Y-%m-%d %H:%M} 起）"
        for lent_at, borrower, archive_no in query.rows(exclude=exclude_borrowing, **values)
    ]


def apply(
    actor: Actor,
    borrower: BorrowerInput,
    card_ids: Sequence[int],
    *,
    mode: str,
    purpose: str,
    expected_return: dt.date | None = None,
    note: str = "",
) -> BorrowingView:
    """Record a 借阅申请. By default originals are due back the same day."""
    require(actor, Perm.BORROW_RECORD)
    if mode not in BORROW_MODES:
        raise ValidationError("借阅方式应为阅览或影印。", field="mode")
    purpose = purpose.strip()
    if not purpose:
        raise ValidationError("请填写借阅用途。", field="purpose")
    today = actor.clock.today()
    due = expected_return or today
    if due < today:
        raise ValidationError("预计归还日期不能早于今天。", field="expected_return")
    with transaction():
        chosen = _lendable_cards(actor, card_ids)
        busy = _lent_elsewhere([c.id for c in chosen])
        if busy:
            raise Conflict("档案卡正在借出，不能再借：" + "；".join(busy))
        rule = combined_rule(chosen, mode)
        latest = add_days(today, rule.max_days, rule.working_days)
        if due > latest:
            unit = "个工作日" if rule.working_days else "天"
            limit = "当日归还" if rule.max_days == 0 else f"最长 {rule.max_days} {unit}"
            raise ValidationError(
                f"预计归还日期超出借阅规则（{limit}，最晚 {latest.isoformat()}）。"
                + (f"依据：{rule.note}" if rule.note else ""),
                field="expected_return",
            )
        person = _borrower(borrower)
        now = actor.clock.now()
        fields: dict[str, Any] = {
            "number": next_document_no("JY", now.year),
            "borrower": person.id,
            "borrower_name": person.name,
            "borrower_department": person.department,
            "borrower_phone": person.phone,
            "mode": mode,
            "purpose": purpose,
            "applied_on": today,
            "expected_return": due,
            "required_role": rule.approver_role,
            "state": "pending",
            "created_at": now,
            "created_by": actor.user_id,
            "note": note.strip(),
        }
        bid = prepared(
            "borrowing.insert", lambda: insert_statement(Borrowing, tuple(fields))
        ).insert(**fields)
        add_item = prepared(
            "borrowing.item.insert",
            lambda: insert_statement(BorrowingItem, ("borrowing", "card", "state")),
        )
        items = [
            ItemView(
                add_item.insert(borrowing=bid, card=card.id, state="pending"), card.id,
                card.archive_no, card.name, "pending", None, None, None, None, "", 0, 1,
            )
            for card in chosen
        ]  # fmt: skip
        audit.record(
            actor, "borrowing.apply", ENTITY, bid,
            after={"number": fields["number"], "borrower": person.name, "mode": mode, "cards": [c.archive_no for c in chosen],
                   "expected_return": due, "required_role": rule.approver_role},
        )  # fmt: skip
    head = _Head(
        bid, fields["number"], person.id, person.name, person.department, person.phone, mode,
        purpose, today, due, rule.approver_role, "pending", "", None, 1, person.user_id,
    )  # fmt: skip
    return _view(head, items, [], [])


def pending_approvals(actor: Actor) -> list[BorrowingView]:
    """Applications waiting for approval (for an approver: those she may approve)."""
    if not (actor.can(Perm.BORROW_RECORD) or actor.can(Perm.BORROW_APPROVE)):
        require(actor, Perm.BORROW_APPROVE)
    query = (
        Borrowing.select(Borrowing.id).where(Borrowing.state == "pending").order_by(Borrowing.id)
    )
    views = [get_borrowing(actor, b.id) for b in query]
    if actor.can(Perm.BORROW_RECORD):
        return views
    return [v for v in views if _may_approve(actor.role, actor.department_id, v)]


# --- approval --------------------------------------------------------------------------------


def _may_approve(role: str, department_id: int | None, view: BorrowingView | _Head) -> bool:
    needed = ROLE_RANK.get(view.required_role, 0)
    have = ROLE_RANK.get(role, 0)
    if have < needed or have == 0:
        return False
    if role == Role.DEPT_HEAD:
        name = _department_name(department_id) if department_id is not None else None
        return name is not None and name == view.borrower_department
    return True


def _needed(b: BorrowingView | _Head) -> str:
    """Who the application needs, in Chinese."""
    needed = Role.LABELS.get(b.required_role, b.required_role)
    if b.required_role == Role.DEPT_HEAD:
        return f"{needed}（借阅人所在部门：{b.borrower_department or '未填'}）"
    return needed


def _approval_refusal(approver: User, b: _Head) -> str | None:
    """Why ``approver`` may not decide the application ``b`` (None: she may). The one rule of
    :func:`decide`, and of the list :func:`approvers` offers."""
    if b.borrower_user_id is not None and b.borrower_user_id == approver.id:
        return "不能审批自己的借阅申请。"
    if not approver.active or not _may_approve(approver.role, approver.department_id, b):
        label = Role.LABELS.get(approver.role, approver.role)
        return f"{approver.full_name}（{label}）无权审批这份申请：需要{_needed(b)}审批。"
    return None


def approvers(actor: Actor, borrowing_id: int) -> approvals.StepApprovers:
    """Who may approve or refuse the application, the expected approver first: the borrower's
    department head, then the manager, then the general manager (each only if allowed)."""
    if not (actor.can(Perm.BORROW_RECORD) or actor.can(Perm.BORROW_APPROVE)):
        require(actor, Perm.BORROW_APPROVE)
    b = _read_head(borrowing_id)
    if b is None:
        raise NotFound("借阅申请不存在。")
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _approval_refusal(user, b),
        order=lambda user: ROLE_RANK.get(user.role, 0),
        needed=_needed(b),
        approve_perm=Perm.BORROW_APPROVE,
        record_perm=Perm.BORROW_RECORD,
    )


def _store_signature(
    actor: Actor,
    entity_id: int,
    role: str,
    signer: str,
    signer_user: int | None,
    sig: SignatureInput,
) -> Signature:
    return signatures.store(
        entity=ENTITY,
        entity_id=entity_id,
        role=role,
        signer_name=signer,
        signer_user=signer_user,
        sig=sig,
        at=actor.clock.now(),
        recorded_by=actor.user_id,
    )


def _load(borrowing_id: int, version: int) -> _Head:
    b = _read_head(borrowing_id)
    if b is None:
        raise NotFound("借阅申请不存在。")
    if b.version != version:
        raise StaleRecord(STALE_MESSAGE)
    return b


def decide(
    actor: Actor,
    borrowing_id: int,
    version: int,
    *,
    approve: bool,
    comment: str = "",
    method: str = "login",
    approver_id: int | None = None,
    paper_ref: str = "",
    signature_png: bytes | None = None,
) -> BorrowingView:
    """Approve or refuse. ``login``: the actor is the approver. ``pad`` / ``paper``: the clerk
    records the decision of ``approver_id`` (signed on the pad, or on the paper slip numbered
    ``paper_ref``)."""
    approver = approvals.resolve_approver(
        actor,
        method,
        approve_perm=Perm.BORROW_APPROVE,
        record_perm=Perm.BORROW_RECORD,
        approver_id=approver_id,
        paper_ref=paper_ref,
    )
    comment = comment.strip()
    if not approve and not comment:
        raise ValidationError("拒绝时请写明理由。", field="comment")
    with transaction():
        b = _load(borrowing_id, version)
        if b.state != "pending":
            raise Conflict(
                f"这份申请的状态是“{BORROWING_STATES.get(b.state, b.state)}”，不能再审批。"
            )
        refused = _approval_refusal(approver, b)
        if refused:
            raise PermissionDenied(refused)
        now = actor.clock.now()
        approvals.record(
            actor, entity=ENTITY, entity_id=b.id, step=b.required_role,
            decision="approved" if approve else "refused", approver=approver, method=method,
            paper_ref=paper_ref, comment=comment, signature_png=signature_png,
            signature_role="approver", at=now,
        )  # fmt: skip
        fields: dict[str, Any] = {"state": "approved" if approve else "refused"}
        if not approve:
            fields.update(refusal_reason=comment, closed_at=now)
            _cancel_items(b.id)
        b = _update_head(b, **fields)
        audit.record(
            actor, "borrowing.approve" if approve else "borrowing.refuse", ENTITY, b.id,
            before={"state": "pending"},
            after={"state": fields["state"], "approver": approver.full_name, "method": method, "comment": comment},
        )  # fmt: skip
        return _view(b)


def _cancel_items(borrowing_id: int) -> None:
    prepared(
        "borrowing.items.cancel",
        lambda: BorrowingItem.update(state="cancelled").where(
            BorrowingItem.borrowing == Slot("id")
        ),
    ).update(id=borrowing_id)


def cancel(actor: Actor, borrowing_id: int, version: int, reason: str) -> BorrowingView:
    """Withdraw an application that has not been lent (the borrower no longer needs it)."""
    require(actor, Perm.BORROW_RECORD)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写撤销原因。", field="reason")
    with transaction():
        b = _load(borrowing_id, version)
        if b.state not in ("pending", "approved", "awaiting_signatures"):
            raise Conflict(f"状态为“{BORROWING_STATES.get(b.state, b.state)}”的借阅不能撤销。")
        _cancel_items(b.id)
        _update_head(b, state="cancelled", refusal_reason=reason, closed_at=actor.clock.now())
        audit.record(
            actor,
            "borrowing.cancel",
            ENTITY,
            b.id,
            before={"state": b.state},
            after={"reason": reason},
        )
    return get_borrowing(actor, borrowing_id)


# --- lending ---------------------------------------------------------------------------------


def lend(
    actor: Actor,
    borrowing_id: int,
    version: int,
    *,
    borrower_signature: SignatureInput,
    clerk_signature: SignatureInput,
) -> BorrowingView:
    """Issue the approved cards in the reading room, signed by the borrower and the clerk. A
    signature on paper leaves the loan waiting until :func:`confirm_paper_signatures`."""
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        b = _load(borrowing_id, version)
        if b.state != "approved":
            raise Conflict(
                f"只有已批准的申请才能出借（现在：{BORROWING_STATES.get(b.state, b.state)}）。"
            )
        rows = _items(b.id)
        items = [item for item, _ in rows]
        busy = _lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)
        if busy:
            raise Conflict("档案卡正在借出，不能再借：" + "；".join(busy))
        destroyed = [item.archive_no for item, status in rows if status != "active"]
        if destroyed:
            raise Conflict("档案卡已销毁，不能出借：" + "、".join(destroyed))
        _store_signature(
            actor, b.id, "borrower", b.borrower_name, b.borrower_user_id, borrower_signature
        )
        _store_signature(actor, b.id, "clerk", actor.full_name, actor.user_id, clerk_signature)
        paper = borrower_signature.on_paper or clerk_signature.on_paper
        now = actor.clock.now()
        if paper:
            b = _update_head(b, state="awaiting_signatures")
        else:
            items = _issue(b, items, now)
            b = _update_head(b, state="lent", lent_at=now)
        audit.record(
            actor, "borrowing.lend", ENTITY, b.id, before={"state": "approved"},
            after={"state": "awaiting_signatures" if paper else "lent",
                   "signatures": [borrower_signature.method, clerk_signature.method]},
        )  # fmt: skip
        return _view(b, items)


def _issue(b: _Head, items: list[ItemView], now: dt.datetime) -> list[ItemView]:
    """Lend every item of ``b`` from ``now``; the items as they now are."""
    query = prepared(
        "borrowing.item.issue",
        lambda: BorrowingItem.update(
            state="lent",
            lent_at=Slot("now", BorrowingItem.lent_at),
            due_date=Slot("due", BorrowingItem.due_date),
            version=BorrowingItem.version + 1,
        ).where(BorrowingItem.id == Slot("id")),
    )
    for item in items:
        query.update(id=item.id, now=now, due=b.expected_return)
    return [
        replace(i, state="lent", lent_at=now, due_date=b.expected_return, version=i.version + 1)
        for i in items
    ]


def confirm_paper_signatures(actor: Actor, borrowing_id: int, version: int) -> BorrowingView:
    """The clerk confirms that both signed the printed slip: the loan starts now."""
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        b = _load(borrowing_id, version)
        if b.state != "awaiting_signatures":
            raise Conflict("这份借阅不在等待纸面签字。")
        roles = {
            s.role
            for s in Signature.select().where(
                (Signature.entity == ENTITY) & (Signature.entity_id == b.id)
            )
        }
        if not {"borrower", "clerk"} <= roles:
            raise ValidationError("借阅人和档案管理员都签字后才能出借。")
        items = [item for item, _ in _items(b.id)]
        busy = _lent_elsewhere([i.card_id for i in items], exclude_borrowing=b.id)
        if busy:
            raise Conflict("档案卡正在借出，不能再借：" + "；".join(busy))
        now = actor.clock.now()
        items = _issue(b, items, now)
        b = _update_head(b, state="lent", lent_at=now)
        audit.record(actor, "borrowing.confirm_paper", ENTITY, b.id, after={"state": "lent"})
    return get_borrowing(actor, borrowing_id)


# --- return ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentCheck:
    document_id: int
    present: bool = True
    pages_found: int | None = None  # None: as listed
    damaged: bool = False
    note: str = ""


@dataclass(frozen=True)
class ItemReturn:
    item_id: int
    checks: Sequence[DocumentCheck] = ()
    note: str = ""


@dataclass(frozen=True)
class ListedDocument:
    """A document of a folder's contents list (卷内文件目录), as a return is checked against it."""

    id: int
    title: str
    pages: int


@dataclass(frozen=True)
class FolderToCheck:
    """A card out on a loan and the documents its folder must hold when it comes back."""

    item: ItemView
    documents: tuple[ListedDocument, ...]


@dataclass(frozen=True)
class Difference:
    kind: str  # the finding it opens: a FINDING_KINDS code (damage, missing_pages, …)
    text: str  # e.g. 缺少《营业执照》, 《购销合同》应 12 页，实 11 页


@dataclass(frozen=True)
class FoundDocument:
    """A listed document as found on return (one ReturnCheck row)."""

    document_id: int
    present: bool
    pages_expected: int
    pages_found: int
    damaged: bool
    note: str


# The order in which a return's findings are opened and shown.
RETURN_FINDING_KINDS = ("missing_folder", "damage", "missing_pages", "other")


@dataclass(frozen=True)
class FolderDifferences:
    """What a return found against one folder's contents list."""

    item_id: int
    archive_no: str
    card_name: str
    differences: tuple[Difference, ...]
    found: tuple[FoundDocument, ...]
    note: str = ""  # the clerk's own note on the card's return

    @property
    def folder_missing(self) -> bool:
        return any(d.kind == "missing_folder" for d in self.differences)

    @property
    def condition(self) -> str:
        """The item's return condition (RETURN_CONDITIONS)."""
        if any(d.kind == "damage" for d in self.differences):
            return "damaged"
        return "incomplete" if self.differences else "intact"

    @property
    def finding_kinds(self) -> tuple[str, ...]:
        """The inspection findings the return opens, one per kind of difference."""
        kinds = {d.kind for d in self.differences}
        return tuple(k for k in RETURN_FINDING_KINDS if k in kinds)

    @property
    def finding_labels(self) -> str:
        """The findings in Chinese, e.g. 破损、缺页."""
        return "、".join(FINDING_KINDS.get(k, k) for k in self.finding_kinds)

    def finding_text(self, kind: str) -> str:
        return "；".join(d.text for d in self.differences if d.kind == kind)

    @property
    def text(self) -> str:
        """The return note kept on the item: every difference, then the clerk's note."""
        return "；".join([d.text for d in self.differences] + ([self.note] if self.note else []))


def folder_differences(folder: FolderToCheck, ret: ItemReturn) -> FolderDifferences:
    """Compare what came back (``ret.checks``; a document not mentioned came back as listed)
    with the folder's contents list. Pure: the return dialog shows exactly what
    :func:`return_items` will record."""
    given = {c.document_id: c for c in ret.checks}
    if set(given) - {d.id for d in folder.documents}:
        raise ValidationError("核对的文件不在这张档案卡的卷内文件目录中。")
    found: list[FoundDocument] = []
    differences: list[Difference] = []
    for doc in folder.documents:
        check = given.get(doc.id, DocumentCheck(doc.id))
        pages = doc.pages if check.pages_found is None else check.pages_found
        if pages < 0:
            raise ValidationError("页数不能为负。")
        present = check.present
        note = check.note.strip()
        found.append(
            FoundDocument(doc.id, present, doc.pages, pages if present else 0,
                          check.damaged and present, note)
        )  # fmt: skip
        if not present:
            differences.append(Difference("missing_pages", f"缺少《{doc.title}》"))
            continue
        if check.damaged:
            differences.append(
                Difference("damage", f"《{doc.title}》损坏" + (f"：{note}" if note else ""))
            )
        if pages < doc.pages:
            differences.append(
                Difference("missing_pages", f"《{doc.title}》应 {doc.pages} 页，实 {pages} 页")
            )
        elif pages > doc.pages:
            differences.append(
                Difference("other", f"《{doc.title}》应 {doc.pages} 页，实 {pages} 页（多于目录）")
            )
    if folder.documents and not any(f.present for f in found):
        titles = "、".join(f"《{d.title}》" for d in folder.documents)
        differences = [Difference("missing_folder", f"整卷未交回：缺少{titles}")]
    item = folder.item
    return FolderDifferences(
        item.id, item.archive_no, item.card_name, tuple(differences), tuple(found), ret.note.strip()
    )


def return_differences(
    folders: Sequence[FolderToCheck], returns: Sequence[ItemReturn]
) -> list[FolderDifferences]:
    """The differences of a return, card by card, from the checks (pure; see
    :func:`folder_differences`)."""
    by_item = {f.item.id: f for f in folders}
    if len({r.item_id for r in returns}) != len(returns):
        raise ValidationError("同一张档案卡归还了两次。")
    out = []
    for r in returns:
        folder = by_item.get(r.item_id)
        if folder is None:
            raise NotFound("这张档案卡不在这份借阅中。")
        out.append(folder_differences(folder, r))
    return out


def _folders(items: Sequence[ItemView]) -> list[FolderToCheck]:
    """The contents lists of the items' cards (one statement, built once per number of cards)."""
    card_ids = sorted({i.card_id for i in items})
    if not card_ids:
        return []
    query = prepared(
        ("borrowing.documents", len(card_ids)),
        lambda: (
            CardDocument.select(
                CardDocument.card, CardDocument.id, CardDocument.title, CardDocument.pages
            )
            .where(
                CardDocument.card.in_([Slot(f"c{k}") for k in range(len(card_ids))])
                & (CardDocument.removed == False)  # noqa: E712
            )
            .order_by(CardDocument.card, CardDocument.seq, CardDocument.id)
        ),
    )
    documents: dict[int, list[ListedDocument]] = {}
    for card_id, doc_id, title, pages in query.rows(**{f"c{k}": c for k, c in enumerate(card_ids)}):
        documents.setdefault(card_id, []).append(ListedDocument(doc_id, title, int(pages or 0)))
    return [FolderToCheck(i, tuple(documents.get(i.card_id, ()))) for i in items]


def return_folders(actor: Actor, borrowing_id: int) -> list[FolderToCheck]:
    """The cards of a loan still out, each with the documents to check when it comes back."""
    require(actor, Perm.BORROW_RECORD)
    if _read_head(borrowing_id) is None:
        raise NotFound("借阅申请不存在。")
    return _folders([item for item, _ in _items(borrowing_id) if item.state == "lent"])


def return_items(
    actor: Actor,
    borrowing_id: int,
    version: int,
    returns: Sequence[ItemReturn],
    *,
    borrower_signature: SignatureInput,
    clerk_signature: SignatureInput,
) -> BorrowingView:
    """Take cards back, each checked document by document against its contents list.
    Differences are kept; each kind of difference (damage, missing pages, the whole folder
    missing) opens an inspection finding of that kind."""
    require(actor, Perm.BORROW_RECORD)
    if not returns:
        raise ValidationError("请选择要归还的档案卡。")
    with transaction():
        b = _load(borrowing_id, version)
        if b.state != "lent":
            raise Conflict(
                f"这份借阅不在借出中（现在：{BORROWING_STATES.get(b.state, b.state)}），不能归还。"
            )
        now = actor.clock.now()
        items = {item.id: item for item, _ in _items(b.id)}
        now_items = dict(items)  # as they are after this return, for the view
        for r in returns:
            item = items.get(r.item_id)
            if item is None:
                raise NotFound("这张档案卡不在这份借阅中。")
            if item.state != "lent":
                raise Conflict(f"档案卡 {item.archive_no} 已归还，不能重复归还。")
        found = return_differences(_folders([items[r.item_id] for r in returns]), returns)
        add_check = prepared(
            "borrowing.return_check.insert",
            lambda: insert_statement(
                ReturnCheck,
                ("item", "document", "present", "pages_expected", "pages_found", "damaged", "note"),
            ),
        )
        differences: dict[str, list[str]] = {}
        for folder in found:
            item = items[folder.item_id]
            for c in folder.found:
                add_check.insert(
                    item=item.id, document=c.document_id, present=c.present,
                    pages_expected=c.pages_expected, pages_found=c.pages_found,
                    damaged=c.damaged, note=c.note,
                )  # fmt: skip
            condition, text = folder.condition, folder.text
            prepared(
                "borrowing.item.return",
                lambda: BorrowingItem.update(
                    state="returned",
                    returned_at=Slot("now", BorrowingItem.returned_at),
                    condition=Slot("condition", BorrowingItem.condition),
                    return_note=Slot("note", BorrowingItem.return_note),
                    version=BorrowingItem.version + 1,
                ).where(BorrowingItem.id == Slot("id")),
            ).update(id=item.id, now=now, condition=condition, note=text)
            now_items[item.id] = replace(
                item, state="returned", returned_at=now, condition=condition,
                return_note=text, version=item.version + 1,
            )  # fmt: skip
            if folder.differences:
                differences[item.archive_no] = [d.text for d in folder.differences]
            for kind in folder.finding_kinds:
                InspectionFinding.create(
                    card=item.card_id, kind=kind,
                    description=f"借阅 {b.number} 归还时发现：{folder.finding_text(kind)}",
                    source="return", source_item=item.id, created_at=now, created_by=actor.user_id,
                )  # fmt: skip
        _store_signature(
            actor, b.id, "return_borrower", b.borrower_name, b.borrower_user_id, borrower_signature
        )
        _store_signature(
            actor, b.id, "return_clerk", actor.full_name, actor.user_id, clerk_signature
        )
        still_out = sum(1 for i in now_items.values() if i.state == "lent")
        fields: dict[str, Any] = {}
        if not still_out:
            fields = {"state": "returned", "closed_at": now}
        b = _update_head(b, **fields)
        audit.record(
            actor, "borrowing.return", ENTITY, b.id,
            after={"items": [r.item_id for r in returns], "differences": differences, "closed": not still_out},
        )  # fmt: skip
        return _view(b, list(now_items.values()))


# --- renewal and overdue ---------------------------------------------------------------------


def renew(actor: Actor, item_id: int, version: int, new_due: dt.date, reason: str) -> ItemView:
    """续借: a new due date within the rule, with a reason."""
    require(actor, Perm.BORROW_RECORD)
    reason = reason.strip()
    if not reason:
        raise ValidationError("请填写续借理由。", field="reason")
    with transaction():
        item = BorrowingItem.get_or_none(BorrowingItem.id == item_id)
        if item is None:
            raise NotFound("借阅记录不存在。")
        if item.version != version:
            raise StaleRecord(STALE_MESSAGE)
        if item.state != "lent":
            raise Conflict("只有借出中的档案才能续借。")
        b = item.borrowing
        old_due: dt.date = item.due_date or actor.clock.today()
        if new_due <= old_due:
            raise ValidationError(
                f"新的归还日期应晚于原归还日期 {old_due.isoformat()}。", field="new_due"
            )
        rule = combined_rule([item.card], b.mode)
        latest = add_days(actor.clock.today(), rule.max_days, rule.working_days)
        if new_due > latest:
            raise ValidationError(
                f"续借后的归还日期超出借阅规则，最晚 {latest.isoformat()}。", field="new_due"
            )
        Renewal.create(
            item=item.id,
            at=actor.clock.now(),
            by=actor.user_id,
            reason=reason,
            old_due=old_due,
            new_due=new_due,
        )
        update_versioned(
            BorrowingItem, item.id, version, due_date=new_due, renewals=item.renewals + 1
        )
        audit.record(actor, "borrowing.renew", "borrowing_item", item.id,
                     before={"due_date": item.due_date}, after={"due_date": new_due, "reason": reason})  # fmt: skip
    view = get_borrowing(actor, b.id)
    return next(i for i in view.items if i.id == item_id)


@dataclass(frozen=True)
class OverdueRow:
    item_id: int
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    lent_at: dt.datetime
    due_date: dt.date
    days_overdue: int


def overdue(actor: Actor, today: dt.date | None = None) -> list[OverdueRow]:
    """Cards out past their due date, longest overdue first."""
    if not (actor.can(Perm.BORROW_RECORD) or actor.can(Perm.REPORT_VIEW)):
        require(actor, Perm.BORROW_RECORD)
    today = today or actor.clock.today()
    query = (
        BorrowingItem.select(BorrowingItem, Borrowing, Card)
        .join(Borrowing)
        .switch(BorrowingItem)
        .join(Card)
        .where(
            (BorrowingItem.state == "lent")
            & (BorrowingItem.due_date < today)
            & cards.visible(actor)
        )
        .order_by(BorrowingItem.due_date, BorrowingItem.id)
    )
    rows: Any = query  # lent items always carry lent_at and due_date
    return [
        OverdueRow(
            i.id,
            i.borrowing_id,
            i.borrowing.number,
            i.card.archive_no,
            i.card.name,
            i.borrowing.borrower_name,
            i.borrowing.borrower_department,
            i.borrowing.borrower_phone,
            i.lent_at,
            i.due_date,
            (today - i.due_date).days,
        )
        for i in rows
    ]


# --- copies (影印登记) --------------------------------------------------------------------------

_PAGE_PART = re.compile(r"^(\d+)(?:-(\d+))?$")


def parse_pages(spec: str) -> int:
    """Count the pages of "1-3, 5" (full-width and Chinese commas accepted)."""
    from archive_desk import validation

    text = validation.normalize_text(spec).replace("，", ",").replace("、", ",").replace(" ", "")
    if not text:
        raise ValidationError("请填写复印的页码，例如 1-3, 5。", field="pages")
    total = 0
    for part in text.split(","):
        match = _PAGE_PART.match(part)
        if not match:
            raise ValidationError(f"页码“{part}”看不懂，请写成 1-3, 5 的样子。", field="pages")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if first < 1 or last < first:
            raise ValidationError(f"页码“{part}”无效。", field="pages")
        total += last - first + 1
    return total


@dataclass(frozen=True)
class CopyView:
    id: int
    number: str
    card_id: int
    archive_no: str
    card_name: str
    pages: str
    page_count: int
    copies: int
    purpose: str
    approver_name: str
    holder_name: str
    location: str
    taken_out: bool
    made_at: dt.datetime
    due_date: dt.date | None
    struck_off_at: dt.datetime | None
    version: int


def _copy_view(c: CopyRecord) -> CopyView:
    return CopyView(
        c.id, c.number, c.card_id, c.card.archive_no, c.card.name, c.pages, c.page_count, c.copies,
        c.purpose, c.approver_name, c.holder_name, c.location, c.taken_out, c.made_at, c.due_date,
        c.struck_off_at, c.version,
    )  # fmt: skip


def _copy_needed(card: _Card) -> str:
    """The role a copy of ``card`` needs (the rule table's ``copy`` row for its secrecy and
    grade; at least a department head)."""
    needed = rule_for(card.secrecy, card.grade, "copy").approver_role
    return needed if ROLE_RANK.get(needed, 0) >= 1 else Role.DEPT_HEAD


def _copy_refusal(approver: User, needed: str) -> str | None:
    """Why ``approver`` may not consent to a copy that needs ``needed`` (None: she may). The
    one rule of :func:`record_copy` and of the list :func:`copy_approvers` offers."""
    if not approver.active or ROLE_RANK.get(approver.role, 0) < ROLE_RANK[needed]:
        return f"{approver.full_name}无权批准复印这份档案：需要{Role.LABELS[needed]}批准。"
    return None


def copy_approvers(actor: Actor, card_id: int) -> approvals.StepApprovers:
    """Who may consent to copying ``card_id``, the lowest sufficient rank first (a department
    head where one is enough, then the manager, then the general manager)."""
    require(actor, Perm.BORROW_RECORD)
    needed = _copy_needed(_lendable_cards(actor, [card_id])[0])
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _copy_refusal(user, needed),
        order=lambda user: ROLE_RANK.get(user.role, 0),
        needed=Role.LABELS[needed],
        approve_perm=Perm.BORROW_APPROVE,
        record_perm=Perm.BORROW_RECORD,
    )


def record_copy(
    actor: Actor,
    card_id: int,
    *,
    pages: str,
    copies: int,
    purpose: str,
    approver_id: int,
    holder_name: str,
    taken_out: bool = False,
    location: str = "",
    due_date: dt.date | None = None,
    item_id: int | None = None,
) -> CopyView:
    """影印登记: pages copied from a card, by whose approval; copies taken out of the room are
    tracked until they come back and are struck off."""
    require(actor, Perm.BORROW_RECORD)
    page_count = parse_pages(pages)
    if copies < 1:
        raise ValidationError("份数至少为 1。", field="copies")
    if not purpose.strip():
        raise ValidationError("请填写复印用途。", field="purpose")
    if not holder_name.strip():
        raise ValidationError("请填写复印件的领取人。", field="holder")
    if taken_out and (due_date is None or due_date < actor.clock.today()):
        raise ValidationError("带出的复印件须填写不早于今天的归还日期。", field="due_date")
    with transaction():
        card = _lendable_cards(actor, [card_id])[0]
        approver = User.get_or_none(User.id == approver_id)
        if approver is None:
            raise ValidationError("请选择审批人。", field="approver")
        refusal = _copy_refusal(approver, _copy_needed(card))
        if refusal is not None:
            raise PermissionDenied(refusal)
        now = actor.clock.now()
        record = CopyRecord.create(
            number=next_document_no("YY", now.year), card=card.id, item=item_id,
            pages=pages.strip(), page_count=page_count, copies=copies, purpose=purpose.strip(),
            approver=approver.id, approver_name=approver.full_name, holder_name=holder_name.strip(),
            location=location.strip(), taken_out=taken_out, made_at=now,
            due_date=due_date if taken_out else None,
        )  # fmt: skip
        audit.record(
            actor, "copy.record", "copy", record.id,
            after={"number": record.number, "card": card.archive_no, "pages": pages, "copies": copies,
                   "approver": approver.full_name, "taken_out": taken_out},
        )  # fmt: skip
    return _copy_view(CopyRecord.get_by_id(record.id))


def strike_off_copy(actor: Actor, copy_id: int, version: int, note: str = "") -> CopyView:
    """A copy taken out came back (or was destroyed): strike it off the register."""
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        record = CopyRecord.get_or_none(CopyRecord.id == copy_id)
        if record is None:
            raise NotFound("影印登记不存在。")
        if record.version != version:
            raise StaleRecord(STALE_MESSAGE)
        if record.struck_off_at is not None:
            raise Conflict(f"复印件 {record.number} 已经注销，不能重复注销。")
        now = actor.clock.now()
        update_versioned(
            CopyRecord, record.id, version, returned_at=now, struck_off_at=now,
            struck_off_by=actor.user_id,
        )  # fmt: skip
        audit.record(actor, "copy.strike_off", "copy", record.id, after={"note": note.strip()})
    return _copy_view(CopyRecord.get_by_id(copy_id))


def copies_out(actor: Actor) -> list[CopyView]:
    """Copies taken out and not yet struck off."""
    require(actor, Perm.BORROW_RECORD)
    query = (
        CopyRecord.select(CopyRecord, Card)
        .join(Card)
        .where(CopyRecord.taken_out & CopyRecord.struck_off_at.is_null() & cards.visible(actor))
        .order_by(CopyRecord.made_at)
    )
    return [_copy_view(c) for c in query]


# --- day close --------------------------------------------------------------------------------


def _items_with_cards(*columns: Any) -> Any:
    """A select of ``columns`` from the borrowing items with their borrowing and card, the items
    read first: SQLite never reorders a CROSS JOIN (standard SQL elsewhere). With inner joins and
    the card's secrecy rule in the WHERE, SQLite started from the ``card_secrecy`` index and
    walked every card's loans to find the few out (270 ms instead of 3 ms at 200,000 loans)."""
    return (
        BorrowingItem.select(*columns)
        .join(Borrowing, JOIN.CROSS)
        .join(Card, JOIN.CROSS)
        .where((BorrowingItem.borrowing == Borrowing.id) & (BorrowingItem.card == Card.id))
    )


@dataclass(frozen=True)
class InRoomRow:
    """An original still out in the room: it must come back, or get a reason, before closing."""

    id: int  # the borrowing item
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    mode: str  # label: 阅览 / 影印
    lent_at: dt.datetime
    due_date: dt.date


def _in_room_query(actor: Actor) -> Any:
    """Every original lent and not back, whatever the mode and the day it was lent: originals
    never leave the room (DOMAIN.md), so at closing each one out needs a reason. The one query
    of the day close and of the overview's count of it."""
    require(actor, Perm.BORROW_RECORD)
    return _items_with_cards(
        BorrowingItem.id, BorrowingItem.borrowing, Borrowing.number, Card.archive_no, Card.name,
        Borrowing.borrower_name, Borrowing.borrower_department, Borrowing.mode,
        BorrowingItem.lent_at, BorrowingItem.due_date,
    ).where((BorrowingItem.state == "lent") & cards.visible(actor))  # fmt: skip


def in_room_not_back(actor: Actor) -> list[InRoomRow]:
    """The day close's list: originals still out, longest out first (one statement)."""
    rows = [
        InRoomRow(item_id, bid, number, archive_no, name, borrower, department,
                  BORROW_MODES.get(mode, mode), lent_at, due)
        for item_id, bid, number, archive_no, name, borrower, department, mode, lent_at, due
        in _in_room_query(actor).tuples()
    ]  # fmt: skip
    # sorted here: an ORDER BY lent_at makes SQLite walk the lent_at index over every loan
    return sorted(rows, key=lambda r: (r.lent_at, r.id))


def count_in_room_not_back(actor: Actor) -> int:
    """How many originals the day close will ask about (the overview's to-do)."""
    return int(_in_room_query(actor).count())


def day_closed(day: dt.date) -> bool:
    return DayClose.select().where(DayClose.day == day).exists()


def close_day(actor: Actor, reasons: dict[int, str] | None = None, note: str = "") -> None:
    """Close today: every original not yet back needs a reason (kept on the loan)."""
    require(actor, Perm.BORROW_RECORD)
    reasons = {k: v.strip() for k, v in (reasons or {}).items()}
    today = actor.clock.today()
    with transaction():
        if day_closed(today):
            raise Conflict(f"{today.isoformat()} 已经闭馆清点过。")
        open_items = in_room_not_back(actor)
        missing = [i.archive_no for i in open_items if not reasons.get(i.id)]
        if missing:
            raise ValidationError(
                "以下在馆借阅尚未归还，请先归还或写明原因：" + "、".join(missing), field="reasons"
            )
        for item in open_items:
            BorrowingItem.update(day_close_reason=reasons[item.id]).where(
                BorrowingItem.id == item.id
            ).execute()
        DayClose.create(
            day=today, closed_at=actor.clock.now(), closed_by=actor.user_id, note=note.strip()
        )
        audit.record(
            actor, "borrowing.day_close", "day", today.isoformat(),
            after={"open": {i.archive_no: reasons[i.id] for i in open_items}},
        )  # fmt: skip


# --- month end --------------------------------------------------------------------------------


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    """``YYYY-MM`` → [first instant, first instant of the next month)."""
    try:
        start = dt.datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationError("月份应写成 YYYY-MM，例如 2026-03。", field="month") from None
    end = (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )
    return start, end


def previous_month(today: dt.date) -> str:
    first = today.replace(day=1)
    return f"{(first - dt.timedelta(days=1)):%Y-%m}"


@dataclass(frozen=True)
class OriginalOut:
    """An original out at a month's end: lent on or before its last day and not back by then."""

    item_id: int
    borrowing_id: int
    number: str
    archive_no: str
    card_name: str
    borrower_name: str
    borrower_department: str
    borrower_phone: str
    mode: str
    lent_at: dt.datetime
    due_date: dt.date
    days_overdue: int  # on the month's last day
    returned_at: dt.datetime | None  # back after the month's end; None: still out

    @property
    def location(self) -> str:
        """Where it is: originals never leave the archive room (DOMAIN.md)."""
        return "阅览室"

    @property
    def note(self) -> str:
        return f"{self.returned_at:%Y-%m-%d} 已归还" if self.returned_at else ""


def copy_note(copy: CopyView) -> str:
    """A copy on a month-end list that has been struck off since."""
    return f"{copy.struck_off_at:%Y-%m-%d} 已注销" if copy.struck_off_at else ""


@dataclass(frozen=True)
class MonthEndData:
    month: str
    last_day: dt.date
    originals: list[OriginalOut]  # lent and not back at the month's end, longest lent first
    copies: list[CopyView]  # taken out and not struck off at the month's end


def out_at_month_end(visible: Any, month: str) -> MonthEndData:
    """What was out at the end of ``month`` among the cards ``visible`` lets through: originals
    lent on or before its last day and not back by then (those back since included), copies
    taken out by then and not struck off by then.

    The one query behind the month-end list, its to-do and the monthly workbook's 未归还 and 逾期
    sheets; the callers check the permission.
    """
    _start, end = month_bounds(month)
    last_day = (end - dt.timedelta(days=1)).date()
    # out now, or back since the end: the item state and the returned_at index each give a
    # short range, as subqueries so that SQLite reads those two ranges rather than walking the
    # lent_at index over every loan before the end (1.7 ms instead of 160 ms at 200,000 loans;
    # ``returned_at IS NULL`` would hold every application never lent)
    out_now = BorrowingItem.select(BorrowingItem.id).where(BorrowingItem.state == "lent")
    back_since = BorrowingItem.select(BorrowingItem.id).where(BorrowingItem.returned_at >= end)
    rows: Any = (
        _items_with_cards(
            BorrowingItem.id, BorrowingItem.borrowing, Borrowing.number, Card.archive_no,
            Card.name, Borrowing.borrower_name, Borrowing.borrower_department,
            Borrowing.borrower_phone, Borrowing.mode, BorrowingItem.lent_at,
            BorrowingItem.due_date, BorrowingItem.returned_at,
        )
        .where(
            (BorrowingItem.id.in_(out_now) | BorrowingItem.id.in_(back_since))
            & (BorrowingItem.lent_at < end)
            & visible
        )
        .tuples()
    )  # fmt: skip
    rows = sorted(rows, key=lambda row: (row[9], row[0]))  # by lent_at: an ORDER BY would walk
    # the lent_at index over every loan instead of the two short ranges
    originals = [
        OriginalOut(
            item_id, borrowing_id, number, archive_no, name, borrower, department, phone, mode,
            lent_at, due, max(0, (last_day - due).days), returned_at,
        )
        for (item_id, borrowing_id, number, archive_no, name, borrower, department, phone, mode,
             lent_at, due, returned_at) in rows
    ]  # fmt: skip
    return MonthEndData(month, last_day, originals, _copies_out_at(visible, end))


def _copies_out_at(visible: Any, end: dt.datetime) -> list[CopyView]:
    """Copies taken out before ``end`` and not struck off by then.

    Read without the card join and filtered on ``made_at`` here: joined (or with ``made_at`` in
    the query) SQLite walks the ``made_at`` index or every card, 110-425 ms at 220,000 copies;
    read alone it scans the table once in ~25 ms. Copies taken out are few.
    """
    rows: list[Any] = list(
        CopyRecord.select(
            CopyRecord.id, CopyRecord.number, CopyRecord.card, CopyRecord.pages,
            CopyRecord.page_count, CopyRecord.copies, CopyRecord.purpose, CopyRecord.approver_name,
            CopyRecord.holder_name, CopyRecord.location, CopyRecord.taken_out, CopyRecord.made_at,
            CopyRecord.due_date, CopyRecord.struck_off_at, CopyRecord.version,
        )
        .where(
            CopyRecord.taken_out
            & (CopyRecord.struck_off_at.is_null() | (CopyRecord.struck_off_at >= end))
        )
        .order_by(CopyRecord.id)
        .tuples()
    )  # fmt: skip
    rows = [r for r in rows if r[11] < end]
    held: Any = Card.select(Card.id, Card.archive_no, Card.name).where(
        visible & Card.id.in_(sorted({r[2] for r in rows}) or [0])
    )
    names = {card_id: (archive_no, name) for card_id, archive_no, name in held.tuples()}
    return [
        CopyView(
            copy_id, number, card_id, *names[card_id], pages, page_count, copies, purpose,
            approver, holder, location, taken_out, made_at, due_date, struck_off_at, version,
        )
        for (copy_id, number, card_id, pages, page_count, copies, purpose, approver, holder,
             location, taken_out, made_at, due_date, struck_off_at, version) in rows
        if card_id in names
    ]  # fmt: skip


def month_end_data(actor: Actor, month: str) -> MonthEndData:
    """The list for the general manager of what was out at the end of ``month`` (a month that
    is over)."""
    require(actor, Perm.BORROW_RECORD)
    _start, end = month_bounds(month)
    if end > actor.clock.now():
        raise ValidationError(
            f"{month} 还没有结束：它的借出未还清单从 {end:%Y-%m-%d} 起才能生成。", field="month"
        )
    return out_at_month_end(cards.visible(actor), month)


def month_end_reminder(actor: Actor) -> str | None:
    """From the 1st, until it is produced: the list for the general manager is due by the 5th.
    The text says what last month's list holds."""
    today = actor.clock.today()
    month = previous_month(today)
    if MonthEndList.select().where(MonthEndList.month == month).exists():
        return None
    data = out_at_month_end(cards.visible(actor), month)
    what = (
        f"{month} 的借出未还清单（月末原件 {len(data.originals)} 件，复印件 {len(data.copies)} 份）"
    )
    if today.day > 5:
        return f"{what}应在本月5日前报总经理，已逾期，请尽快生成。"
    return f"请在 {today:%Y-%m}-05 前把 {what}报总经理。"


def record_month_end(actor: Actor, data: MonthEndData) -> None:
    require(actor, Perm.BORROW_RECORD)
    with transaction():
        MonthEndList.insert(
            month=data.month, produced_at=actor.clock.now(), produced_by=actor.user_id,
            originals_out=len(data.originals), copies_out=len(data.copies),
        ).on_conflict(
            conflict_target=[MonthEndList.month],
            update={MonthEndList.produced_at: actor.clock.now(), MonthEndList.originals_out: len(data.originals),
                    MonthEndList.copies_out: len(data.copies)},
        ).execute()  # fmt: skip
        audit.record(actor, "borrowing.month_end", "month_end", data.month,
                     after={"originals": len(data.originals), "copies": len(data.copies)})  # fmt: skip


# --- the list ---------------------------------------------------------------------------------

LIST_FILTERS = {
    "open": "办理中",
    "pending": "待审批",
    "approved": "已批准待出借",
    "awaiting_signatures": "待纸面签字",
    "lent": "借出中",
    "due_today": "今日应还",
    "overdue": "逾期未还",
    "all": "全部",
}


@dataclass(frozen=True)
class BorrowingRow:
    id: int
    number: str
    borrower_name: str
    borrower_department: str
    mode: str
    cards: str
    state: str
    applied_on: dt.date
    expected_return: dt.date
    lent_at: dt.datetime | None
    version: int
    days_overdue: int = 0
    return_check: str = ""  # what came back not as listed: 损坏, 不完整 or 损坏、不完整


def _list_query(actor: Actor, which: str) -> Any:
    if not (actor.can(Perm.BORROW_RECORD) or actor.can(Perm.BORROW_APPROVE)):
        require(actor, Perm.BORROW_RECORD)
    query = Borrowing.select()
    if which == "open":
        query = query.where(Borrowing.state.in_(OPEN_STATES))
    elif which in ("overdue", "due_today"):
        today = actor.clock.today()
        due = (
            BorrowingItem.due_date < today
            if which == "overdue"
            else BorrowingItem.due_date == today
        )
        late = BorrowingItem.select(BorrowingItem.borrowing).where(
            (BorrowingItem.state == "lent") & due
        )
        query = query.where(Borrowing.id.in_(late))
    elif which != "all":
        query = query.where(Borrowing.state == which)
    return query


def count_borrowings(actor: Actor, which: str = "open") -> int:
    return int(_list_query(actor, which).count())


def list_borrowings(
    actor: Actor, which: str = "open", offset: int = 0, limit: int = 200
) -> list[BorrowingRow]:
    """Applications and loans, newest first, a page at a time."""
    rows = list(_list_query(actor, which).order_by(Borrowing.id.desc()).offset(offset).limit(limit))
    numbers: dict[int, list[str]] = {}
    late: dict[int, int] = {}
    checks: dict[int, set[str]] = {}
    today = actor.clock.today()
    if rows:
        for item in (
            BorrowingItem.select(
                BorrowingItem.borrowing,
                BorrowingItem.state,
                BorrowingItem.due_date,
                BorrowingItem.condition,
                Card.archive_no,
            )
            .join(Card)
            .where(BorrowingItem.borrowing.in_([b.id for b in rows]))
            .order_by(BorrowingItem.id)
        ):
            numbers.setdefault(item.borrowing_id, []).append(item.card.archive_no)
            if item.state == "lent" and item.due_date is not None and item.due_date < today:
                days = (today - item.due_date).days
                late[item.borrowing_id] = max(late.get(item.borrowing_id, 0), days)
            if item.condition not in (None, "intact"):
                checks.setdefault(item.borrowing_id, set()).add(item.condition)
    return [
        BorrowingRow(
            b.id,
            b.number,
            b.borrower_name,
            b.borrower_department,
            BORROW_MODES.get(b.mode, b.mode),
            "、".join(numbers.get(b.id, [])),
            BORROWING_STATES.get(b.state, b.state),
            b.applied_on,
            b.expected_return,
            b.lent_at,
            b.version,
            late.get(b.id, 0),
            "、".join(
                RETURN_CONDITIONS[c] for c in ("damaged", "incomplete") if c in checks.get(b.id, ())
            ),
        )
        for b in rows
    ]


# --- the rule table (admin) --------------------------------------------------------------------


@dataclass(frozen=True)
class RuleView:
    id: int
    priority: int
    min_secrecy: int | None
    grade: str | None
    mode: str | None
    approver_role: str
    max_days: int
    working_days: bool
    allowed: bool
    note: str
    version: int


def _rule_view(r: LoanRule) -> RuleView:
    return RuleView(
        r.id, r.priority, r.min_secrecy, r.grade, r.mode, r.approver_role, r.max_days,
        r.working_days, r.allowed, r.note, r.version,
    )  # fmt: skip


def list_rules() -> list[RuleView]:
    return [_rule_view(r) for r in LoanRule.select().order_by(LoanRule.priority, LoanRule.id)]


def _check_rule(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if out.get("approver_role") not in ROLE_RANK:
        raise ValidationError(
            "审批角色应为部门负责人、档案主管/客服经理或总经理。", field="approver_role"
        )
    if out.get("min_secrecy") not in (None, 0, 1, 2, 3):
        raise ValidationError("密级条件无效。", field="min_secrecy")
    if out.get("grade") not in (None, "", "A", "B", "C"):
        raise ValidationError("客户等级条件应为 A、B、C 或不限。", field="grade")
    if out.get("mode") not in (None, "", *BORROW_MODES):
        raise ValidationError("借阅方式条件无效。", field="mode")
    try:
        out["max_days"] = int(out.get("max_days", 0))
        out["priority"] = int(out.get("priority", 100))
    except (TypeError, ValueError):
        raise ValidationError("天数和顺序应为整数。", field="max_days") from None
    if not 0 <= out["max_days"] <= 365:
        raise ValidationError("最长借期应在 0 到 365 天之间（0 表示当日归还）。", field="max_days")
    out["grade"] = out.get("grade") or None
    out["mode"] = out.get("mode") or None
    out["note"] = str(out.get("note", "")).strip()
    return out


RULE_FIELDS = (
    "priority",
    "min_secrecy",
    "grade",
    "mode",
    "approver_role",
    "max_days",
    "working_days",
    "allowed",
    "note",
)


def save_rule(actor: Actor, rule_id: int | None, version: int | None, **values: Any) -> RuleView:
    """Create (``rule_id`` None) or change a loan rule; the admin keeps the table."""
    require(actor, Perm.SETTINGS_MANAGE)
    checked = _check_rule({k: values.get(k) for k in RULE_FIELDS if k in values})
    with transaction():
        if rule_id is None:
            rule = LoanRule.create(**checked)
            audit.record(actor, "loan_rule.create", "loan_rule", rule.id, after=checked)
            return _rule_view(rule)
        found = LoanRule.get_or_none(LoanRule.id == rule_id)
        if found is None:
            raise NotFound("借阅规则不存在。")
        before = {k: getattr(found, k) for k in checked}
        update_versioned(LoanRule, rule_id, version or 0, **checked)
        audit.record(actor, "loan_rule.update", "loan_rule", rule_id, before=before, after=checked)
    return _rule_view(LoanRule.get_by_id(rule_id))


def delete_rule(actor: Actor, rule_id: int) -> None:
    require(actor, Perm.SETTINGS_MANAGE)
    with transaction():
        rule = LoanRule.get_or_none(LoanRule.id == rule_id)
        if rule is None:
            raise NotFound("借阅规则不存在。")
        if LoanRule.select().count() == 1:
            raise Conflict("至少要保留一条借阅规则。")
        before = {k: getattr(rule, k) for k in RULE_FIELDS}
        rule.delete_instance()
        audit.record(actor, "loan_rule.delete", "loan_rule", rule_id, before=before)
