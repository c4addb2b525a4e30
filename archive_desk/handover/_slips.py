"""Drafting a slip (档案交接单): its kind, reason, parties and department, the 移交清单 (cards of the
archive and free items), edits while it is a draft, withdrawal. Cards on loan or on another open
slip cannot be listed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from peewee import fn

from archive_desk import audit, cards, validation
from archive_desk.db import store
from archive_desk.db.models import (
    Card,
    Handover,
    HandoverItem,
    User,
)
from archive_desk.domain import CARRIERS, HANDOVER_UNITS, Role
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.handover._reading import dept_name, get_handover, load
from archive_desk.handover._states import (
    ENTITY,
    OPEN_STATES,
    HandoverKind,
    HandoverState,
    ItemDifference,
    Resolution,
)
from archive_desk.handover._steps import Slip, approvers_of
from archive_desk.handover.views import HandoverView, ItemInput, PartyInput
from archive_desk.numbering import next_document_no
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, duties, holds, records
from archive_desk.procedures.changes import transaction


def cards_held_by(actor: Actor, user_id: int) -> list[int]:
    """Every card this clerk keeps that is in the room now and on no other open slip nor open
    destruction list (for a clerk change: "all cards held by this clerk"; cards out on loan or
    on another slip follow once they are back or that slip is done)."""
    require(actor, Perm.HANDOVER_RECORD)
    lent = holds.held_ids("loan")
    doomed = holds.held_ids("destruction")  # on an open destruction list: not handed over
    listed = (
        HandoverItem.select(HandoverItem.card)
        .join(Handover)
        .where(Handover.state.in_(OPEN_STATES) & HandoverItem.card.is_null(False))
    )
    query = Card.select(Card.id).where(
        (Card.keeper == user_id)
        & (Card.status == "active")
        & Card.id.not_in(lent)
        & Card.id.not_in(doomed)
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


def blocking_reasons(card_ids: Sequence[int], exclude: int | None) -> list[str]:
    """Why each card cannot be handed over now: on loan, listed for destruction, or in another
    open handover."""
    if not card_ids:
        return []
    # on loan, on an open destruction list (the other slips: below, with their removed rows)
    stops = holds.blocking(card_ids, "handover")
    reasons = [hold.reason for hold in stops if hold.kind != "handover"]
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
        if item.resolution != Resolution.REMOVED:
            reasons.append(f"{item.card.archive_no} 已在交接单 {item.handover.number} 中")
    return reasons


MAX_QUANTITY = 100_000  # of one row of the list (份, 册, 盒 …)


def _row_text(value: str, label: str, limit: int, n: int) -> str:
    """A text of row ``n`` of the list, cleaned; its problem names the row."""
    check = validation.check_text(value, label, limit)
    if check.error:
        raise ValidationError(f"第 {n} 行：{check.error}", field="items")
    return check.value


def _note(item: ItemInput, n: int) -> str:
    return _row_text(item.note, "备注", HandoverItem.note.max_length, n)


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
                         "quantity": 1, "unit": "卷", "ref_no": card.archive_no, "note": _note(item, n)})  # fmt: skip
            continue
        name = _row_text(item.name, "名称", HandoverItem.name.max_length, n)
        if not name:
            raise ValidationError(f"第 {n} 行：请填写名称。", field="items")
        if item.unit not in HANDOVER_UNITS:
            raise ValidationError(
                f"第 {n} 行：单位应为{'/'.join(HANDOVER_UNITS)}之一。", field="items"
            )
        if item.carrier not in CARRIERS:
            raise ValidationError(f"第 {n} 行：载体应为{'/'.join(CARRIERS)}之一。", field="items")
        quantity = validation.check_int(item.quantity, "数量", minimum=1, maximum=MAX_QUANTITY)
        if quantity.number is None:
            raise ValidationError(
                f"第 {n} 行：数量应为 1 到 {MAX_QUANTITY:,} 之间的整数。", field="items"
            )
        ref_no = _row_text(item.ref_no, "编号", HandoverItem.ref_no.max_length, n)
        rows.append({"card": None, "name": name, "carrier": item.carrier, "quantity": quantity.number,
                     "unit": item.unit, "ref_no": ref_no, "note": _note(item, n)})  # fmt: skip
    blocked = blocking_reasons(card_ids, exclude)
    if blocked:
        raise Conflict("以下档案卡现在不能移交：" + "；".join(blocked))
    return rows


def _party(p: PartyInput, label: str) -> tuple[int | None, str, int | None]:
    if p.user_id is not None:
        user = User.get_or_none(User.id == p.user_id)
        if user is None:
            raise ValidationError(f"{label}不存在。", field=label)
        return user.id, user.full_name, p.department_id or user.department_id
    name = validation.clean_text(p.name, label, Handover.from_name.max_length, field=label)
    if not name:
        raise ValidationError(f"请填写{label}。", field=label)
    return None, name, p.department_id


def _check_department(actor: Actor, slip: Slip) -> None:
    """A slip is made only for a department whose head may approve it (the rule of
    :func:`decide`): otherwise it could never move."""
    if slip.from_department_id is None:
        raise ValidationError("请选择移交部门。", field="from_department")
    if approvers_of(actor, slip, "dept").candidates:
        return
    name = dept_name(slip.from_department_id)
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
    if kind not in HandoverKind.labels():
        raise ValidationError("交接类型无效。", field="kind")
    reason = validation.clean_text(
        reason, "交接原因", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请填写交接原因。", field="reason")
    f_user, f_name, f_dept = _party(from_party, "移交人")
    t_user, t_name, t_dept = _party(to_party, "接收人")
    w_user, w_name, _ = _party(witness, "监交人")
    if f_user is not None and f_user == t_user:
        raise ValidationError("移交人和接收人不能是同一人。", field="to")
    duties.distinct(
        {"移交人": (f_user, f_name), "接收人": (t_user, t_name), "监交人": (w_user, w_name)},
        field="witness",
    )
    _check_department(actor, Slip(f_user, created_by, f_dept))
    return {
        "kind": kind, "reason": reason, "from_user": f_user, "from_name": f_name,
        "from_department": f_dept, "to_user": t_user, "to_name": t_name, "to_department": t_dept,
        "witness_user": w_user, "witness_name": w_name,
    }  # fmt: skip


def _write_items(handover_id: int, rows: list[dict[str, Any]]) -> None:
    HandoverItem.delete().where(HandoverItem.handover == handover_id).execute()
    for seq, row in enumerate(rows, 1):
        HandoverItem.create(handover=handover_id, seq=seq, **row)
    hold_cards(Handover.get_by_id(handover_id))


def hold_cards(h: Handover) -> None:
    """The slip's holds as its rows now are: every card listed and not removed, an extra card
    once accepted (inside the change's transaction)."""
    rows: Any = HandoverItem.select(
        HandoverItem.card, HandoverItem.difference, HandoverItem.resolution
    ).where((HandoverItem.handover == h.id) & HandoverItem.card.is_null(False))
    listed = [
        i.card_id
        for i in rows
        if i.resolution != Resolution.REMOVED
        and not (i.difference == ItemDifference.EXTRA and i.resolution is None)
    ]
    holds.release("handover", h.id)
    holds.place("handover", h.id, sorted(set(listed)), note=h.number, since=h.created_at)


@store.retrying
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
            state=HandoverState.DRAFT, created_at=now, created_by=actor.user_id, **head,
        )  # fmt: skip
        _write_items(h.id, rows)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.create", ENTITY, h.id,
                     after={"number": h.number, "kind": kind, "from": head["from_name"], "to": head["to_name"], "items": len(rows)})  # fmt: skip
    return get_handover(actor, h.id)


def _snapshot(h: Handover, items: int) -> dict[str, Any]:
    return {
        "kind": h.kind, "reason": h.reason, "from": h.from_name,
        "from_department": dept_name(h.from_department_id), "to": h.to_name,
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
        h = load(handover_id, version)
        if h.state != HandoverState.DRAFT:
            raise Conflict("只有草拟状态的交接单才能修改。")
        before = _snapshot(h, HandoverItem.select().where(HandoverItem.handover == h.id).count())
        head = _slip_fields(actor, kind=kind, reason=reason, from_party=from_party,
                            to_party=to_party, witness=witness, created_by=h.created_by_id)  # fmt: skip
        rows = _check_items(actor, items, h.id)
        _write_items(h.id, rows)
        records.update(
            Handover, h.id, version, handover_date=handover_date or h.handover_date, **head
        )
        after = _snapshot(Handover.get_by_id(h.id), len(rows))
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.update", ENTITY, h.id, before=before, after=after)
    return get_handover(actor, handover_id)


def replace_items(
    actor: Actor, handover_id: int, version: int, items: Sequence[ItemInput]
) -> HandoverView:
    """Change the 移交清单 of a draft (also after it was sent back)."""
    require(actor, Perm.HANDOVER_RECORD)
    with transaction():
        h = load(handover_id, version)
        if h.state != HandoverState.DRAFT:
            raise Conflict("只有草拟状态的交接单才能修改清单。")
        rows = _check_items(actor, items, h.id)
        _write_items(h.id, rows)
        records.update(Handover, h.id, version)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.items", ENTITY, h.id, after={"items": len(rows)})
    return get_handover(actor, handover_id)


def cancel_handover(actor: Actor, handover_id: int, version: int, reason: str) -> HandoverView:
    """Withdraw a slip that is not yet received; its cards become free to list again."""
    require(actor, Perm.HANDOVER_RECORD)
    reason = validation.clean_text(
        reason, "撤销原因", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请填写撤销原因。", field="reason")
    with transaction():
        h = load(handover_id, version)
        if h.state not in OPEN_STATES:
            raise Conflict("已接收或已撤销的交接单不能撤销。")
        holds.release("handover", h.id)
        records.update(Handover, h.id, version, state=HandoverState.CANCELLED, note=reason)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(
            actor,
            "handover.cancel",
            ENTITY,
            h.id,
            before={"state": h.state},
            after={"reason": reason},
        )
    return get_handover(actor, handover_id)


def check_holds() -> list[str]:
    """``archive-desk check``: the handover holds agree with the cards on open slips."""
    rows: Any = (
        HandoverItem.select(
            HandoverItem.card,
            HandoverItem.handover,
            HandoverItem.difference,
            HandoverItem.resolution,
        )
        .join(Handover)
        .where(Handover.state.in_(OPEN_STATES) & HandoverItem.card.is_null(False))
    )
    expected = {
        (i.card_id, i.handover_id)
        for i in rows
        if i.resolution != Resolution.REMOVED
        and not (i.difference == ItemDifference.EXTRA and i.resolution is None)
    }
    return holds.drift("handover", expected)
