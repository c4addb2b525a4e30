"""An application (借阅申请): recorded with its borrower and cards under the rule table, approved
or refused by whom the rules name (:func:`approvers` lists them, :func:`decide` enforces the same
predicate), or withdrawn before it is lent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NamedTuple

from archive_desk import audit, cards, validation
from archive_desk.borrowing import _store as store
from archive_desk.borrowing._reading import get_borrowing, load, view, views_of
from archive_desk.borrowing._rules import add_days, combined_rule
from archive_desk.borrowing._states import (
    ENTITY,
    ROLE_RANK,
    BorrowingState,
    BorrowMode,
    ItemState,
)
from archive_desk.borrowing.views import BorrowerInput, BorrowingView, ItemView
from archive_desk.db.models import Borrowing, Department, Person, User
from archive_desk.db.store import retrying
from archive_desk.domain import Role, role_label
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require, require_any
from archive_desk.procedures import approvals, changes, holds, records
from archive_desk.procedures.changes import transaction

# --- the borrower and the cards ------------------------------------------------------------------


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
    name = validation.clean_text(b.name, "借阅人姓名", Person.name.max_length, field="borrower")
    if not name:
        raise ValidationError("请填写借阅人姓名。", field="borrower")
    if b.department_id is None:
        raise ValidationError("请选择借阅人所在部门。", field="department")
    dept_name = store.department_name(b.department_id)
    if dept_name is None:
        raise ValidationError("所选部门不存在。", field="department")
    phone = validation.check_phone(
        validation.clean_text(b.phone, "电话", Person.phone.max_length, field="phone", fold=True)
    )
    if phone.error:
        raise ValidationError(phone.error, field="phone")
    found = store.person(name, b.department_id)
    if found is None:
        person_id = store.insert_person(name, b.department_id, phone.value)
        return _Borrower(person_id, name, phone.value, None, dept_name)
    person_id, person_phone = found
    if phone.value and person_phone != phone.value:
        store.set_phone(person_id, phone.value)
        person_phone = phone.value
    return _Borrower(person_id, name, person_phone, None, dept_name)


class LendableCard(NamedTuple):
    id: int
    archive_no: str
    name: str
    status: str
    secrecy: int
    grade: str


def lendable_cards(actor: Actor, card_ids: Sequence[int]) -> list[LendableCard]:
    """The chosen cards, each visible to the actor and not destroyed."""
    if not card_ids:
        raise ValidationError("请至少选择一张档案卡。", field="cards")
    if len(set(card_ids)) != len(card_ids):
        raise ValidationError("同一张档案卡选了两次。", field="cards")
    found = store.cards(card_ids, cards.visible(actor))
    out = []
    for cid in card_ids:
        row = found.get(cid)
        if row is None:
            raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
        card = LendableCard(*row)
        if card.status != "active":
            raise Conflict(f"档案卡 {card.archive_no} 已销毁，不能借阅。")
        out.append(card)
    return out


def refuse_lent_elsewhere(card_ids: Sequence[int], exclude_borrowing: int | None = None) -> None:
    """A card out on another loan cannot be lent again; nor can one another procedure holds
    against loans (listed on an open destruction list). Asked of the cards' holds, in one
    statement after their row locks (:func:`holds.blocking`): a loan's hold names its borrower
    and when it was lent (:func:`archive_desk.borrowing.lend`), so on a server a clerk
    lending the same card at this moment is waited for and then seen."""
    found = holds.blocking(card_ids, "loan", exclude_ref=exclude_borrowing)
    busy = [
        f"{h.archive_no} 已借给 {h.note}（{h.since:%Y-%m-%d %H:%M} 起）"
        for h in found
        if h.kind == "loan"
    ]
    if busy:
        raise Conflict("档案卡正在借出，不能再借：" + "；".join(busy))
    held = [h.reason for h in found if h.kind != "loan"]
    if held:
        raise Conflict("档案卡现在不能借阅：" + "；".join(held))


# --- the application -----------------------------------------------------------------------------


@retrying
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
    if mode not in BorrowMode.labels():
        raise ValidationError("借阅方式应为阅览或影印。", field="mode")
    purpose = validation.clean_text(
        purpose, "借阅用途", validation.NOTE_MAX, field="purpose", multiline=True
    )
    note = validation.clean_text(note, "备注", validation.NOTE_MAX, field="note", multiline=True)
    if not purpose:
        raise ValidationError("请填写借阅用途。", field="purpose")
    today = actor.clock.today()
    due = expected_return or today
    if due < today:
        raise ValidationError("预计归还日期不能早于今天。", field="expected_return")
    with transaction():
        chosen = lendable_cards(actor, card_ids)
        refuse_lent_elsewhere([c.id for c in chosen])
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
            "mode": BorrowMode(mode),
            "purpose": purpose,
            "applied_on": today,
            "expected_return": due,
            "required_role": rule.approver_role,
            "state": BorrowingState.PENDING,
            "created_at": now,
            "created_by": actor.user_id,
            "note": note,
        }
        bid = store.insert(fields)
        items = [
            ItemView(
                id=store.insert_item(bid, card.id), card_id=card.id, archive_no=card.archive_no,
                card_name=card.name, state=ItemState.PENDING, due_date=None, lent_at=None,
                returned_at=None, condition=None, return_note="", renewals=0, version=1,
                secrecy=card.secrecy,
            )
            for card in chosen
        ]  # fmt: skip
        audit.record(
            actor, "borrowing.apply", ENTITY, bid,
            after={"number": fields["number"], "borrower": person.name, "mode": mode, "cards": [c.archive_no for c in chosen],
                   "expected_return": due, "required_role": rule.approver_role},
        )  # fmt: skip
        changes.note(changes.BORROWING, [bid])
    head = store.head({**fields, "id": bid, "refusal_reason": "", "lent_at": None, "version": 1},
                      person.user_id)  # fmt: skip
    return view(head, items, [], [], reader=actor)


def _pending(actor: Actor) -> list[Any]:
    """The applications waiting for approval that ``actor`` may see in her list: all of them
    for the clerk, those she may approve for an approver (one statement)."""
    require_any(actor, Perm.BORROW_APPROVE, Perm.BORROW_RECORD)
    query = (
        Borrowing.select(Borrowing, Person.user.alias("borrower_user_id"))
        .join(Person, on=(Borrowing.borrower == Person.id))
        .where(Borrowing.state == BorrowingState.PENDING)
        .order_by(Borrowing.id)
        .objects()  # the borrower's user id on the application itself
    )
    heads = list(query)
    if actor.can(Perm.BORROW_RECORD):
        return heads
    department = (
        store.department_name(actor.department_id) if actor.department_id is not None else None
    )
    return [b for b in heads if _may_approve(actor.role, department, b)]


def pending_approvals(actor: Actor) -> list[BorrowingView]:
    """Applications waiting for approval (for an approver: those she may approve), read in a
    fixed number of statements whatever their number."""
    return views_of(_pending(actor), actor)


def count_pending_approvals(actor: Actor) -> int:
    """How many applications :func:`pending_approvals` lists (the overview's to-do)."""
    return len(_pending(actor))


# --- approval ------------------------------------------------------------------------------------


def _may_approve(role: str, department: str | None, b: Any) -> bool:
    """Whether a user of ``role`` in the department named ``department`` may decide ``b``."""
    needed = ROLE_RANK.get(b.required_role, 0)
    have = ROLE_RANK.get(role, 0)
    if have < needed or have == 0:
        return False
    if role == Role.DEPT_HEAD:
        return department is not None and department == b.borrower_department
    return True


def _needed(b: Any) -> str:
    """Who the application needs, in Chinese."""
    needed = role_label(b.required_role)
    if b.required_role == Role.DEPT_HEAD:
        return f"{needed}（借阅人所在部门：{b.borrower_department or '未填'}）"
    return needed


def _approval_refusal(approver: User, b: Any) -> str | None:
    """Why ``approver`` may not decide the application ``b`` (None: she may). The one rule of
    :func:`decide`, and of the list :func:`approvers` offers."""
    if b.borrower_user_id is not None and b.borrower_user_id == approver.id:
        return "不能审批自己的借阅申请。"
    department = (
        store.department_name(approver.department_id)
        if approver.role == Role.DEPT_HEAD and approver.department_id is not None
        else None
    )
    if not approver.active or not _may_approve(approver.role, department, b):
        label = role_label(approver.role)
        return f"{approver.full_name}（{label}）无权审批这份申请：需要{_needed(b)}审批。"
    return None


def approvers(actor: Actor, borrowing_id: int) -> approvals.StepApprovers:
    """Who may approve or refuse the application, the expected approver first: the borrower's
    department head, then the manager, then the general manager (each only if allowed)."""
    require_any(actor, Perm.BORROW_APPROVE, Perm.BORROW_RECORD)
    b = store.read(borrowing_id)
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


@retrying
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

    def pending() -> Borrowing:
        b = load(borrowing_id, version)
        if b.state != BorrowingState.PENDING:
            state = BorrowingState(b.state).label
            raise Conflict(f"这份申请的状态是“{state}”，不能再审批。")
        return b

    def transition(b: Any, approver: User, comment: str, now: dt.datetime) -> BorrowingView:
        fields: dict[str, Any] = {
            "state": BorrowingState.APPROVED if approve else BorrowingState.REFUSED
        }
        if not approve:
            fields.update(refusal_reason=comment, closed_at=now)
            store.cancel_items(b.id)
        b = records.apply(b, **fields)
        audit.record(
            actor, "borrowing.approve" if approve else "borrowing.refuse", ENTITY, b.id,
            before={"state": BorrowingState.PENDING},
            after={"state": fields["state"], "approver": approver.full_name, "method": method, "comment": comment},
        )  # fmt: skip
        changes.note(changes.BORROWING, [b.id])
        return view(b, reader=actor)

    return approvals.decide(
        actor,
        approvals.Given(approve, comment, method, approver_id, paper_ref, signature_png),
        approve_perm=Perm.BORROW_APPROVE,
        record_perm=Perm.BORROW_RECORD,
        no_comment="拒绝时请写明理由。",
        load=pending,
        refusal=_approval_refusal,
        step=lambda b: approvals.Step(
            ENTITY,
            b.id,
            b.required_role,
            "approved" if approve else "refused",
            "approver",
        ),
        transition=transition,
    )


def cancel(actor: Actor, borrowing_id: int, version: int, reason: str) -> BorrowingView:
    """Withdraw an application that has not been lent (the borrower no longer needs it)."""
    require(actor, Perm.BORROW_RECORD)
    reason = validation.clean_text(
        reason, "撤销原因", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请填写撤销原因。", field="reason")
    with transaction():
        b = load(borrowing_id, version)
        if b.state not in (
            BorrowingState.PENDING,
            BorrowingState.APPROVED,
            BorrowingState.AWAITING_SIGNATURES,
        ):
            raise Conflict(f"状态为“{BorrowingState(b.state).label}”的借阅不能撤销。")
        before = b.state
        store.cancel_items(b.id)
        records.apply(
            b, state=BorrowingState.CANCELLED, refusal_reason=reason, closed_at=actor.clock.now()
        )
        audit.record(
            actor, "borrowing.cancel", ENTITY, b.id, before={"state": before}, after={"reason": reason}
        )  # fmt: skip
        changes.note(changes.BORROWING, [b.id])
    return get_borrowing(actor, borrowing_id)
