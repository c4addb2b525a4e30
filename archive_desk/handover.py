"""Handovers (档案交接单), the five steps of seed 000's 档案交接流程图:

drafted by the handing-over clerk → approved by the handing-over department head (or sent back)
→ checked by the receiving clerk, item by item or by scan (or sent back) → approved by the
office head → received, when the handing-over party, the receiving party and the witness have
signed. On receipt the cards' keeper (and, if given, their room) change and each card's history
records the handover. Every step records who, when, the opinion and how it was given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from peewee import fn

from archive_desk import approvals, audit, cards, signatures
from archive_desk.db.connection import STALE_MESSAGE, transaction, update_versioned
from archive_desk.db.models import (
    Approval,
    BorrowingItem,
    Card,
    CardHistory,
    Department,
    Handover,
    HandoverItem,
    Signature,
    User,
)
from archive_desk.domain import CARRIERS, HANDOVER_KINDS, HANDOVER_STATES, HANDOVER_UNITS, Role
from archive_desk.errors import Conflict, NotFound, PermissionDenied, StaleRecord, ValidationError
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.signatures import SignatureInput

ENTITY = "handover"
OPEN_STATES = ("draft", "dept_approved", "checked", "office_approved")
SIGNERS = {"from": "移交人", "to": "接收人", "witness": "监交人"}
STEP_LABELS = {"dept": "移交部门负责人", "check": "接收方核对", "office": "总经办负责人"}
DECISIONS = {"approved": "同意", "returned": "退回"}
DIFFERENCES = {"missing": "缺少", "extra": "清单外"}
RESOLUTIONS = {"accepted": "已接受", "removed": "已移出"}


@dataclass(frozen=True)
class ItemInput:
    """A card of the archive (``card_id``) or a free item that is not a card yet."""

    card_id: int | None = None
    name: str = ""
    carrier: str = "纸质"
    quantity: int = 1
    unit: str = "卷"
    ref_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class PartyInput:
    user_id: int | None = None
    name: str = ""
    department_id: int | None = None


@dataclass(frozen=True)
class ItemView:
    id: int
    seq: int
    card_id: int | None
    name: str
    carrier: str
    quantity: int
    unit: str
    ref_no: str
    note: str
    checked: bool
    difference: str | None
    resolution: str | None
    resolution_note: str


@dataclass(frozen=True)
class StepView:
    step: str
    decision: str
    approver_name: str
    method: str
    paper_ref: str
    comment: str
    at: dt.datetime


@dataclass(frozen=True)
class HandoverView:
    id: int
    number: str
    kind: str
    kind_label: str
    reason: str
    from_name: str
    from_department: str
    to_name: str
    to_department: str
    witness_name: str
    handover_date: dt.date
    state: str
    state_label: str
    received_at: dt.datetime | None
    version: int
    items: list[ItemView] = field(default_factory=list)
    steps: list[StepView] = field(default_factory=list)
    signed: dict[str, tuple[str, str, bytes | None, dt.datetime]] = field(default_factory=dict)
    from_user_id: int | None = None
    from_department_id: int | None = None
    to_user_id: int | None = None
    witness_user_id: int | None = None


def _dept_name(dept_id: int | None) -> str:
    dept = Department.get_or_none(Department.id == dept_id) if dept_id else None
    return dept.name if dept else ""


def get_handover(actor: Actor, handover_id: int) -> HandoverView:
    if not any(
        actor.can(p)
        for p in (Perm.HANDOVER_RECORD, Perm.HANDOVER_APPROVE_DEPT, Perm.HANDOVER_APPROVE_OFFICE)
    ):
        require(actor, Perm.HANDOVER_RECORD)
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound("交接单不存在。")
    items = [
        ItemView(
            i.id,
            i.seq,
            i.card_id,
            i.name,
            i.carrier,
            i.quantity,
            i.unit,
            i.ref_no,
            i.note,
            i.checked,
            i.difference,
            i.resolution,
            i.resolution_note,
        )
        for i in HandoverItem.select()
        .where(HandoverItem.handover == h.id)
        .order_by(HandoverItem.seq)
    ]
    steps = [
        StepView(a.step, a.decision, a.approver_name, a.method, a.paper_ref, a.comment, a.at)
        for a in Approval.select()
        .where((Approval.entity == ENTITY) & (Approval.entity_id == h.id))
        .order_by(Approval.id)
    ]
    signed = {
        s.role: (s.signer_name, s.method, s.image, s.signed_at)
        for s in Signature.select().where(
            (Signature.entity == ENTITY) & (Signature.entity_id == h.id)
        )
        if signatures.verify(s)
    }
    return HandoverView(
        h.id, h.number, h.kind, HANDOVER_KINDS.get(h.kind, h.kind), h.reason, h.from_name,
        _dept_name(h.from_department_id), h.to_name, _dept_name(h.to_department_id), h.witness_name,
        h.handover_date, h.state, HANDOVER_STATES.get(h.state, h.state), h.received_at, h.version,
        items, steps, signed, h.from_user_id, h.from_department_id, h.to_user_id, h.witness_user_id,
    )  # fmt: skip


# --- the list of items -----------------------------------------------------------------------


def cards_held_by(actor: Actor, user_id: int) -> list[int]:
    """Every card this clerk keeps that is in the room now and on no other open slip (for a
    clerk change: "all cards held by this clerk"; cards out on loan or on another slip follow
    once they are back or that slip is done)."""
    require(actor, Perm.HANDOVER_RECORD)
    lent = BorrowingItem.select(BorrowingItem.card).where(BorrowingItem.state == "lent")
    listed = (
        HandoverItem.select(HandoverItem.card)
        .join(Handover)
        .where(Handover.state.in_(OPEN_STATES) & HandoverItem.card.is_null(False))
    )
    query = Card.select(Card.id).where(
        (Card.keeper == user_id)
        & (Card.status == "active")
        & Card.id.not_in(lent)
        & Card.id.not_in(listed)
        & cards.visible(actor)
    )
    return [c.id for c in query.order_by(Card.archive_no)]


def suggested_department(
    actor: Actor, card_ids: Sequence[int], from_user_id: int | None
) -> int | None:
    """The handing-over department a new slip starts with: the department of the listed cards'
    keeper (``Card.keeper``, the clerk who holds them; the most common one), else that of the
    handing-over party."""
    require(actor, Perm.HANDOVER_RECORD)
    if card_ids:
        kept = fn.COUNT(Card.id)
        most: int | None = (
            User.select(User.department)
            .join(Card, on=(Card.keeper == User.id))
            .where(Card.id.in_(list(card_ids)) & User.department.is_null(False))
            .group_by(User.department)
            .order_by(kept.desc(), User.department)
            .scalar()
        )
        if most is not None:
            return most
    user = User.get_or_none(User.id == from_user_id) if from_user_id else None
    return user.department_id if user else None


def _blocked(card_ids: Sequence[int], exclude: int | None) -> list[str]:
    """Why each card cannot be handed over now: on loan, or in another open handover."""
    if not card_ids:
        return []
    reasons = []
    for lent in (
        BorrowingItem.select(BorrowingItem, Card)
        .join(Card)
        .where(BorrowingItem.card.in_(list(card_ids)) & (BorrowingItem.state == "lent"))
    ):
        reasons.append(f"{lent.card.archive_no} 正在借出")
    other = (
        HandoverItem.select(HandoverItem, Handover, Card)
        .join(Handover)
        .switch(HandoverItem)
        .join(Card)
        .where(HandoverItem.card.in_(list(card_ids)) & Handover.state.in_(OPEN_STATES))
    )
    if exclude is not None:
        other = other.where(Handover.id != exclude)
    listed: Any = other
    for item in listed:
        if item.resolution != "removed":
            reasons.append(f"{item.card.archive_no} 已在交接单 {item.handover.number} 中")
    return reasons


def _check_items(
    actor: Actor, items: Sequence[ItemInput], exclude: int | None
) -> list[dict[str, Any]]:
    if not items:
        raise ValidationError("移交清单不能为空。", field="items")
    rows: list[dict[str, Any]] = []
    card_ids = [i.card_id for i in items if i.card_id is not None]
    if len(set(card_ids)) != len(card_ids):
        raise ValidationError("同一张档案卡在清单中出现了两次。", field="items")
    found = (
        {c.id: c for c in Card.select().where(Card.id.in_(card_ids) & cards.visible(actor))}
        if card_ids
        else {}
    )
    for n, item in enumerate(items, 1):
        if item.card_id is not None:
            card = found.get(item.card_id)
            if card is None:
                raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
            if card.status != "active":
                raise Conflict(f"档案卡 {card.archive_no} 已销毁，不能移交。")
            rows.append({"card": card.id, "name": f"{card.archive_no} {card.name}", "carrier": "纸质",
                         "quantity": 1, "unit": "卷", "ref_no": card.archive_no, "note": item.note.strip()})  # fmt: skip
            continue
        name = item.name.strip()
        if not name:
            raise ValidationError(f"第 {n} 行：请填写名称。", field="items")
        if item.unit not in HANDOVER_UNITS:
            raise ValidationError(
                f"第 {n} 行：单位应为{'/'.join(HANDOVER_UNITS)}之一。", field="items"
            )
        if item.carrier not in CARRIERS:
            raise ValidationError(f"第 {n} 行：载体应为{'/'.join(CARRIERS)}之一。", field="items")
        if item.quantity < 1:
            raise ValidationError(f"第 {n} 行：数量至少为 1。", field="items")
        rows.append({"card": None, "name": name, "carrier": item.carrier, "quantity": item.quantity,
                     "unit": item.unit, "ref_no": item.ref_no.strip(), "note": item.note.strip()})  # fmt: skip
    blocked = _blocked(card_ids, exclude)
    if blocked:
        raise Conflict("以下档案卡现在不能移交：" + "；".join(blocked))
    return rows


def _party(p: PartyInput, label: str) -> tuple[int | None, str, int | None]:
    if p.user_id is not None:
        user = User.get_or_none(User.id == p.user_id)
        if user is None:
            raise ValidationError(f"{label}不存在。", field=label)
        return user.id, user.full_name, p.department_id or user.department_id
    name = p.name.strip()
    if not name:
        raise ValidationError(f"请填写{label}。", field=label)
    return None, name, p.department_id


# --- drafting ---------------------------------------------------------------------------------


class _Slip(NamedTuple):
    """What the approval rule reads of a slip (a stored :class:`Handover` has the same names)."""

    from_user_id: int | None
    created_by_id: int
    from_department_id: int | None


def _check_department(actor: Actor, slip: _Slip) -> None:
    """A slip is made only for a department whose head may approve it (the rule of
    :func:`decide`): otherwise it could never move."""
    if slip.from_department_id is None:
        raise ValidationError("请选择移交部门。", field="from_department")
    if _approvers(actor, slip, "dept").candidates:
        return
    name = _dept_name(slip.from_department_id)
    heads = User.select().where(
        (User.role == Role.DEPT_HEAD)
        & (User.active == True)  # noqa: E712
        & (User.department == slip.from_department_id)
    )
    if not heads.exists():
        raise ValidationError(
            f"移交部门“{name}”没有部门负责人，这份交接单将无人能够审批。"
            f"请选择有部门负责人的移交部门，或请系统管理员先为“{name}”设置部门负责人。",
            field="from_department",
        )
    raise ValidationError(
        f"移交部门“{name}”的部门负责人就是这份交接单的移交人或经办人，不能审批自己经办的交接单。"
        f"请选择其他移交部门，或请系统管理员为“{name}”再设一位部门负责人。",
        field="from_department",
    )


def _slip_fields(
    actor: Actor,
    *,
    kind: str,
    reason: str,
    from_party: PartyInput,
    to_party: PartyInput,
    witness: PartyInput,
    created_by: int,
) -> dict[str, Any]:
    """The checked head of a slip (kind, reason, the parties and the department)."""
    if kind not in HANDOVER_KINDS:
        raise ValidationError("交接类型无效。", field="kind")
    if not reason.strip():
        raise ValidationError("请填写交接原因。", field="reason")
    f_user, f_name, f_dept = _party(from_party, "移交人")
    t_user, t_name, t_dept = _party(to_party, "接收人")
    w_user, w_name, _ = _party(witness, "监交人")
    if f_user is not None and f_user == t_user:
        raise ValidationError("移交人和接收人不能是同一人。", field="to")
    _check_department(actor, _Slip(f_user, created_by, f_dept))
    return {
        "kind": kind, "reason": reason.strip(), "from_user": f_user, "from_name": f_name,
        "from_department": f_dept, "to_user": t_user, "to_name": t_name, "to_department": t_dept,
        "witness_user": w_user, "witness_name": w_name,
    }  # fmt: skip


def _write_items(handover_id: int, rows: list[dict[str, Any]]) -> None:
    HandoverItem.delete().where(HandoverItem.handover == handover_id).execute()
    for seq, row in enumerate(rows, 1):
        HandoverItem.create(handover=handover_id, seq=seq, **row)


def create_handover(
    actor: Actor,
    *,
    kind: str,
    reason: str,
    from_party: PartyInput,
    to_party: PartyInput,
    witness: PartyInput,
    handover_date: dt.date | None = None,
    items: Sequence[ItemInput],
) -> HandoverView:
    """Draft a slip. Its department must have a head who may approve it."""
    require(actor, Perm.HANDOVER_RECORD)
    with transaction():
        head = _slip_fields(actor, kind=kind, reason=reason, from_party=from_party,
                            to_party=to_party, witness=witness, created_by=actor.user_id)  # fmt: skip
        rows = _check_items(actor, items, None)
        now = actor.clock.now()
        h = Handover.create(
            number=next_document_no("JJ", now.year), handover_date=handover_date or now.date(),
            state="draft", created_at=now, created_by=actor.user_id, **head,
        )  # fmt: skip
        _write_items(h.id, rows)
        audit.record(actor, "handover.create", ENTITY, h.id,
                     after={"number": h.number, "kind": kind, "from": head["from_name"], "to": head["to_name"], "items": len(rows)})  # fmt: skip
    return get_handover(actor, h.id)


def _snapshot(h: Handover, items: int) -> dict[str, Any]:
    return {
        "kind": h.kind, "reason": h.reason, "from": h.from_name,
        "from_department": _dept_name(h.from_department_id), "to": h.to_name,
        "witness": h.witness_name, "date": h.handover_date.isoformat(), "items": items,
    }  # fmt: skip


def update_handover(
    actor: Actor,
    handover_id: int,
    version: int,
    *,
    kind: str,
    reason: str,
    from_party: PartyInput,
    to_party: PartyInput,
    witness: PartyInput,
    handover_date: dt.date | None = None,
    items: Sequence[ItemInput],
) -> HandoverView:
    """Change a draft (also one sent back): kind, reason, parties, department, date and the
    移交清单, under the same rules as a new slip."""
    require(actor, Perm.HANDOVER_RECORD)
    with transaction():
        h = _load(handover_id, version)
        if h.state != "draft":
            raise Conflict("只有草拟状态的交接单才能修改。")
        before = _snapshot(h, HandoverItem.select().where(HandoverItem.handover == h.id).count())
        head = _slip_fields(actor, kind=kind, reason=reason, from_party=from_party,
                            to_party=to_party, witness=witness, created_by=h.created_by_id)  # fmt: skip
        rows = _check_items(actor, items, h.id)
        _write_items(h.id, rows)
        update_versioned(
            Handover, h.id, version, handover_date=handover_date or h.handover_date, **head
        )
        after = _snapshot(Handover.get_by_id(h.id), len(rows))
        audit.record(actor, "handover.update", ENTITY, h.id, before=before, after=after)
    return get_handover(actor, handover_id)


def _load(handover_id: int, version: int) -> Handover:
    h = Handover.get_or_none(Handover.id == handover_id)
    if h is None:
        raise NotFound("交接单不存在。")
    if h.version != version:
        raise StaleRecord(STALE_MESSAGE)
    return h


def replace_items(
    actor: Actor, handover_id: int, version: int, items: Sequence[ItemInput]
) -> HandoverView:
    """Change the 移交清单 of a draft (also after it was sent back)."""
    require(actor, Perm.HANDOVER_RECORD)
    with transaction():
        h = _load(handover_id, version)
        if h.state != "draft":
            raise Conflict("只有草拟状态的交接单才能修改清单。")
        rows = _check_items(actor, items, h.id)
        _write_items(h.id, rows)
        update_versioned(Handover, h.id, version)
        audit.record(actor, "handover.items", ENTITY, h.id, after={"items": len(rows)})
    return get_handover(actor, handover_id)


# --- the approval steps -----------------------------------------------------------------------

STEPS = {
    # step: (state before, state after approval, permission of the approver, role that may approve)
    "dept": ("draft", "dept_approved", Perm.HANDOVER_APPROVE_DEPT, Role.DEPT_HEAD),
    "office": ("checked", "office_approved", Perm.HANDOVER_APPROVE_OFFICE, Role.OFFICE_HEAD),
}


# The step each open state waits for: the department's and the office's approval, the
# receiver's check, the receipt.
NEXT_STEP = {
    "draft": "dept",
    "dept_approved": "check",
    "checked": "office",
    "office_approved": "receive",
}


def _step_refusal(approver: User, step: str, slip: _Slip | Handover) -> str | None:
    """Why ``approver`` may not take ``step`` of ``slip`` (None: she may). The one rule of
    :func:`decide`, of the list :func:`step_approvers` offers and of the check on a new slip."""
    role = STEPS[step][3]
    if approver.role != role or not approver.active:
        label = Role.LABELS.get(approver.role, approver.role)
        return f"{approver.full_name}（{label}）无权进行这一步审批：需要{Role.LABELS[role]}。"
    if approver.id in (slip.from_user_id, slip.created_by_id):
        return "不能审批自己经办的交接单。"
    if (
        step == "dept"
        and slip.from_department_id
        and approver.department_id != slip.from_department_id
    ):
        return "移交部门的交接单应由移交部门的负责人审批。"
    return None


def _approvers(actor: Actor, slip: _Slip | Handover, step: str) -> approvals.StepApprovers:
    _before, _after, perm, role = STEPS[step]
    needed = Role.LABELS[role]
    if step == "dept" and slip.from_department_id:
        needed = f"移交部门（{_dept_name(slip.from_department_id)}）的{needed}"
    return approvals.step_approvers(
        actor,
        refusal=lambda user: _step_refusal(user, step, slip),
        order=lambda _user: 0,
        needed=needed,
        approve_perm=perm,
        record_perm=Perm.HANDOVER_RECORD,
    )


def step_approvers(actor: Actor, handover_id: int, step: str) -> approvals.StepApprovers:
    """Who may take the department's (``dept``) or the office's (``office``) step of a slip."""
    if step not in STEPS:
        raise ValidationError("审批步骤无效。", field="step")
    get_handover(actor, handover_id)  # the same permission as reading the slip
    return _approvers(actor, Handover.get_by_id(handover_id), step)


def department_approvers(
    actor: Actor, department_id: int | None, from_user_id: int | None
) -> approvals.StepApprovers:
    """Who could approve a new slip from this department handed over by this user (the slip's
    form shows it while the clerk chooses)."""
    require(actor, Perm.HANDOVER_RECORD)
    return _approvers(actor, _Slip(from_user_id, actor.user_id, department_id), "dept")


def decide(
    actor: Actor,
    handover_id: int,
    version: int,
    step: str,
    *,
    approve: bool,
    comment: str = "",
    method: str = "login",
    approver_id: int | None = None,
    paper_ref: str = "",
    signature_png: bytes | None = None,
) -> HandoverView:
    """The department head's (``dept``) or the office head's (``office``) approval; a refusal
    sends the slip back to the handing-over clerk's draft."""
    before, after, perm, _role = STEPS[step]
    approver = approvals.resolve_approver(
        actor,
        method,
        approve_perm=perm,
        record_perm=Perm.HANDOVER_RECORD,
        approver_id=approver_id,
        paper_ref=paper_ref,
    )
    if not approve and not comment.strip():
        raise ValidationError("退回时请写明意见。", field="comment")
    with transaction():
        h = _load(handover_id, version)
        if h.state != before:
            raise Conflict(
                f"交接单现在是“{HANDOVER_STATES.get(h.state, h.state)}”，不能进行这一步审批。"
            )
        refused = _step_refusal(approver, step, h)
        if refused:
            raise PermissionDenied(refused)
        now = actor.clock.now()
        approvals.record(
            actor, entity=ENTITY, entity_id=h.id, step=step,
            decision="approved" if approve else "returned", approver=approver, method=method,
            paper_ref=paper_ref, comment=comment, signature_png=signature_png,
            signature_role=f"approver_{step}", at=now,
        )  # fmt: skip
        new_state = after if approve else "draft"
        update_versioned(Handover, h.id, version, state=new_state)
        audit.record(actor, f"handover.{step}_{'approve' if approve else 'return'}", ENTITY, h.id,
                     before={"state": before}, after={"state": new_state, "approver": approver.full_name, "comment": comment})  # fmt: skip
    return get_handover(actor, handover_id)


# --- checking by the receiver -----------------------------------------------------------------


def record_check(
    actor: Actor,
    handover_id: int,
    version: int,
    *,
    ticked_item_ids: Sequence[int] = (),
    scanned_card_ids: Sequence[int] = (),
) -> HandoverView:
    """The receiving clerk ticks or scans what she finds. Listed items not found are marked
    missing; scanned cards not on the list are added as extra. Both must be resolved."""
    require(actor, Perm.HANDOVER_RECORD)
    with transaction():
        h = _load(handover_id, version)
        if h.state != "dept_approved":
            raise Conflict("移交部门批准后才能核对。")
        items = list(HandoverItem.select().where(HandoverItem.handover == h.id))
        found_items = set(ticked_item_ids)
        by_card = {i.card_id: i for i in items if i.card_id is not None}
        extra_cards = []
        for card_id in scanned_card_ids:
            item = by_card.get(card_id)
            if item is not None:
                found_items.add(item.id)
            elif card_id not in extra_cards:
                extra_cards.append(card_id)
        for item in items:
            if item.difference == "extra":
                continue
            ok = item.id in found_items
            HandoverItem.update(checked=ok, difference=None if ok else "missing",
                                resolution=None if ok else item.resolution).where(HandoverItem.id == item.id).execute()  # fmt: skip
        seq = max((i.seq for i in items), default=0)
        visible = (
            {c.id: c for c in Card.select().where(Card.id.in_(extra_cards) & cards.visible(actor))}
            if extra_cards
            else {}
        )
        for card_id in extra_cards:
            card = visible.get(card_id)
            if card is None:
                raise NotFound("扫描到的档案卡不存在，或您无权查看。")
            seq += 1
            HandoverItem.create(handover=h.id, seq=seq, card=card.id, name=f"{card.archive_no} {card.name}",
                                ref_no=card.archive_no, checked=True, difference="extra")  # fmt: skip
        update_versioned(Handover, h.id, version)
        audit.record(actor, "handover.check", ENTITY, h.id,
                     after={"found": len(found_items), "extra": len(extra_cards)})  # fmt: skip
    return get_handover(actor, handover_id)


def resolve_difference(
    actor: Actor, handover_id: int, version: int, item_id: int, *, accept: bool, note: str
) -> HandoverView:
    """A difference is accepted with a note (kept on the slip) or the row is removed from it."""
    require(actor, Perm.HANDOVER_RECORD)
    if not note.strip():
        raise ValidationError("请说明如何处理这处差异。", field="note")
    with transaction():
        h = _load(handover_id, version)
        if h.state != "dept_approved":
            raise Conflict("只能在核对时处理差异。")
        item = HandoverItem.get_or_none(
            (HandoverItem.id == item_id) & (HandoverItem.handover == h.id)
        )
        if item is None or item.difference is None:
            raise NotFound("这一行没有差异。")
        if accept and item.difference == "extra" and item.card_id is not None:
            blocked = _blocked([item.card_id], h.id)
            if blocked:
                raise Conflict("不能接收：" + "；".join(blocked))
        HandoverItem.update(
            resolution="accepted" if accept else "removed", resolution_note=note.strip()
        ).where(HandoverItem.id == item.id).execute()
        update_versioned(Handover, h.id, version)
        audit.record(actor, "handover.resolve", ENTITY, h.id,
                     after={"item": item.name, "difference": item.difference, "accept": accept, "note": note})  # fmt: skip
    return get_handover(actor, handover_id)


def finish_check(
    actor: Actor, handover_id: int, version: int, *, accept: bool, comment: str = ""
) -> HandoverView:
    """The receiver confirms the list (every difference resolved) or sends it back."""
    require(actor, Perm.HANDOVER_RECORD)
    if not accept and not comment.strip():
        raise ValidationError("退回时请写明意见。", field="comment")
    with transaction():
        h = _load(handover_id, version)
        if h.state != "dept_approved":
            raise Conflict("移交部门批准后才能核对。")
        if accept:
            open_rows = HandoverItem.select().where(
                (HandoverItem.handover == h.id)
                & HandoverItem.difference.is_null(False)
                & HandoverItem.resolution.is_null()
            )
            names = [i.name for i in open_rows]
            if names:
                raise ValidationError("还有差异没有处理：" + "、".join(names[:5]), field="items")
            unchecked = (
                HandoverItem.select()
                .where(
                    (HandoverItem.handover == h.id)
                    & (HandoverItem.checked == False)  # noqa: E712
                    & HandoverItem.difference.is_null()
                )
                .count()
            )
            if unchecked:
                raise ValidationError(f"还有 {unchecked} 项没有核对。", field="items")
        now = actor.clock.now()
        Approval.create(entity=ENTITY, entity_id=h.id, step="check", decision="approved" if accept else "returned",
                        approver=actor.user_id, approver_name=actor.full_name, approver_role=actor.role,
                        method="login", comment=comment.strip(), at=now, recorded_by=actor.user_id)  # fmt: skip
        new_state = "checked" if accept else "draft"
        if not accept:
            HandoverItem.delete().where(
                (HandoverItem.handover == h.id) & (HandoverItem.difference == "extra")
            ).execute()
            HandoverItem.update(
                checked=False, difference=None, resolution=None, resolution_note=""
            ).where(HandoverItem.handover == h.id).execute()
        update_versioned(Handover, h.id, version, state=new_state)
        audit.record(actor, "handover.check_done" if accept else "handover.check_return", ENTITY, h.id,
                     after={"state": new_state, "comment": comment})  # fmt: skip
    return get_handover(actor, handover_id)


# --- receipt ----------------------------------------------------------------------------------


def receive(
    actor: Actor,
    handover_id: int,
    version: int,
    *,
    signed: dict[str, SignatureInput],
    new_room: str = "",
) -> HandoverView:
    """Complete the handover: the three signatures, then the cards change keeper (and room)."""
    require(actor, Perm.HANDOVER_RECORD)
    for role, label in SIGNERS.items():
        sig = signed.get(role)
        if sig is None or (not sig.on_paper and not sig.png):
            raise ValidationError(f"{label}尚未签字。", field=f"signature.{role}")
    with transaction():
        h = _load(handover_id, version)
        if h.state != "office_approved":
            raise Conflict("总经办批准后才能完成接收。")
        rows = [
            i for i in HandoverItem.select().where(HandoverItem.handover == h.id)
            if i.resolution != "removed" and i.card_id is not None
        ]  # fmt: skip
        card_ids = [i.card_id for i in rows if i.card_id is not None]
        blocked = [b for b in _blocked(card_ids, h.id) if "借出" in b]
        if blocked:
            raise Conflict("列入清单后又被借出，不能接收：" + "；".join(blocked))
        now = actor.clock.now()
        names = {"from": h.from_name, "to": h.to_name, "witness": h.witness_name}
        users = {"from": h.from_user_id, "to": h.to_user_id, "witness": h.witness_user_id}
        for role, sig in signed.items():
            signatures.store(
                entity=ENTITY, entity_id=h.id, role=role, signer_name=names[role],
                signer_user=users[role], sig=sig, at=now, recorded_by=actor.user_id,
            )  # fmt: skip
        for item in rows:
            card = Card.get_by_id(item.card_id)
            fields: dict[str, Any] = {
                "keeper": h.to_user_id or card.keeper_id,
                "version": Card.version + 1,
                "updated_at": now,
            }
            if new_room.strip():
                fields["location_room"] = new_room.strip()
            Card.update(**fields).where(Card.id == card.id).execute()
            CardHistory.create(
                card=card.id, at=now, user=actor.user_id, action="handover", reported_by=h.from_name,
                reason=f"交接单 {h.number}（{HANDOVER_KINDS.get(h.kind, h.kind)}）", field="保管人",
                old_value=h.from_name, new_value=h.to_name + (f"，{new_room.strip()}" if new_room.strip() else ""),
            )  # fmt: skip
        update_versioned(Handover, h.id, version, state="received", received_at=now)
        audit.record(actor, "handover.receive", ENTITY, h.id,
                     after={"cards": len(rows), "to": h.to_name, "room": new_room.strip()})  # fmt: skip
    return get_handover(actor, handover_id)


def find_by_number(actor: Actor, number: str) -> int | None:
    require(actor, Perm.HANDOVER_RECORD)
    found = Handover.get_or_none(Handover.number == number.strip().upper())
    return found.id if found else None


def in_range(actor: Actor, start: dt.date, end: dt.date) -> list[HandoverView]:
    require(actor, Perm.HANDOVER_RECORD)
    if end < start:
        raise ValidationError("结束日期不能早于开始日期。")
    query = Handover.select(Handover.id).where(
        (Handover.handover_date >= start) & (Handover.handover_date <= end)
    )
    return [get_handover(actor, h.id) for h in query.order_by(Handover.handover_date, Handover.id)]


def print_handover(actor: Actor, handover_id: int, out: Any) -> int:
    """The slip in two copies (移交方联 / 接收方联) in one PDF; the print is audited."""
    from archive_desk import settings
    from archive_desk.forms import handover_forms

    view = get_handover(actor, handover_id)
    pages = handover_forms.handover_pdf(
        out, view, org_name=settings.get("org.name"), clock=actor.clock
    )
    with transaction():
        audit.record(actor, "handover.print", ENTITY, handover_id, after={"file": str(out)})
    return pages


def print_register(actor: Actor, start: dt.date, end: dt.date, out: Any) -> int:
    from archive_desk import settings
    from archive_desk.forms import handover_forms

    views = in_range(actor, start, end)
    pages = handover_forms.register_pdf(
        out, views, start=start, end=end, org_name=settings.get("org.name"), clock=actor.clock
    )
    with transaction():
        audit.record(
            actor, "handover.print_register", ENTITY, f"{start}..{end}", after={"file": str(out)}
        )
    return pages


LIST_FILTERS = {
    "open": "办理中",
    "draft": "草拟",
    "dept_approved": "待核对",
    "checked": "待总经办审批",
    "office_approved": "待接收签字",
    "received": "已接收",
    "all": "全部",
}


@dataclass(frozen=True)
class HandoverRow:
    id: int
    number: str
    kind: str
    from_name: str
    to_name: str
    witness_name: str
    handover_date: dt.date
    items: int
    state: str
    version: int


def _list_query(actor: Actor, which: str) -> Any:
    if not any(
        actor.can(p)
        for p in (Perm.HANDOVER_RECORD, Perm.HANDOVER_APPROVE_DEPT, Perm.HANDOVER_APPROVE_OFFICE)
    ):
        require(actor, Perm.HANDOVER_RECORD)
    query = Handover.select()
    if which == "open":
        query = query.where(Handover.state.in_(OPEN_STATES))
    elif which != "all":
        query = query.where(Handover.state == which)
    return query


def count_handovers(actor: Actor, which: str = "open") -> int:
    return int(_list_query(actor, which).count())


def list_handovers(
    actor: Actor, which: str = "open", offset: int = 0, limit: int = 200
) -> list[HandoverRow]:
    rows = list(_list_query(actor, which).order_by(Handover.id.desc()).offset(offset).limit(limit))
    counts: dict[int, int] = {}
    if rows:
        for item in HandoverItem.select(HandoverItem.handover).where(
            HandoverItem.handover.in_([h.id for h in rows])
        ):
            counts[item.handover_id] = counts.get(item.handover_id, 0) + 1
    return [
        HandoverRow(
            h.id,
            h.number,
            HANDOVER_KINDS.get(h.kind, h.kind),
            h.from_name,
            h.to_name,
            h.witness_name,
            h.handover_date,
            counts.get(h.id, 0),
            HANDOVER_STATES.get(h.state, h.state),
            h.version,
        )
        for h in rows
    ]


def print_clerk_application(actor: Actor, handover_id: int, out: Any) -> int:
    """档案管理员申请单 for a clerk-change handover."""
    from archive_desk import settings
    from archive_desk.forms import handover_forms

    view = get_handover(actor, handover_id)
    if view.kind != "clerk_change":
        raise ValidationError("档案管理员申请单只用于“档案管理员变更”的交接。")
    pages = handover_forms.clerk_application_pdf(
        out, view, org_name=settings.get("org.name"), clock=actor.clock
    )
    with transaction():
        audit.record(
            actor, "handover.print_clerk_application", ENTITY, handover_id, after={"file": str(out)}
        )
    return pages


def cancel_handover(actor: Actor, handover_id: int, version: int, reason: str) -> HandoverView:
    """Withdraw a slip that is not yet received; its cards become free to list again."""
    require(actor, Perm.HANDOVER_RECORD)
    if not reason.strip():
        raise ValidationError("请填写撤销原因。", field="reason")
    with transaction():
        h = _load(handover_id, version)
        if h.state not in OPEN_STATES:
            raise Conflict("已接收或已撤销的交接单不能撤销。")
        update_versioned(Handover, h.id, version, state="cancelled", note=reason.strip())
        audit.record(
            actor,
            "handover.cancel",
            ENTITY,
            h.id,
            before={"state": h.state},
            after={"reason": reason},
        )
    return get_handover(actor, handover_id)
