"""The receiving clerk's check (核对): items ticked or scanned, listed items not found marked
missing, scanned cards not on the list added as extra; every difference resolved, then the list
confirmed or the slip sent back."""

from __future__ import annotations

from collections.abc import Sequence

from archive_desk import audit, cards, validation
from archive_desk.db.models import (
    Approval,
    Card,
    Handover,
    HandoverItem,
)
from archive_desk.errors import Conflict, NotFound, PermissionDenied, ValidationError
from archive_desk.handover._reading import get_handover, load
from archive_desk.handover._slips import blocking_reasons, hold_cards
from archive_desk.handover._states import (
    ENTITY,
    HandoverState,
    HandoverStep,
    ItemDifference,
    Resolution,
    StepDecision,
)
from archive_desk.handover.views import HandoverView
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, duties, records
from archive_desk.procedures.changes import transaction


def receiving_refusal(user_id: int, h: Handover | HandoverView, part: str) -> str | None:
    """Why user ``user_id`` may not take the receiving side's ``part`` (核对, 接收) of slip ``h``:
    she drafted it or hands the files over (drafter ≠ receiver)."""
    return duties.refusal(user_id, part, {"经办人": h.created_by_id, "移交人": h.from_user_id})


def own_part_refusal(actor: Actor, view: HandoverView) -> str | None:
    """Why the acting user may not take the step ``view`` waits for on the receiving side (the
    check or the receipt), or None: the tab offers the step only when she may."""
    part = {HandoverState.DEPT_APPROVED: "核对", HandoverState.OFFICE_APPROVED: "完成接收"}
    waiting = part.get(view.state)
    return None if waiting is None else receiving_refusal(actor.user_id, view, waiting)


def _refuse_drafter(actor: Actor, h: Handover) -> None:
    refused = receiving_refusal(actor.user_id, h, "核对")
    if refused is not None:
        raise PermissionDenied(refused)


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
        h = load(handover_id, version)
        if h.state != HandoverState.DEPT_APPROVED:
            raise Conflict("移交部门批准后才能核对。")
        _refuse_drafter(actor, h)
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
            if item.difference == ItemDifference.EXTRA:
                continue
            ok = item.id in found_items
            HandoverItem.update(checked=ok, difference=None if ok else ItemDifference.MISSING,
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
                                ref_no=card.archive_no, checked=True, difference=ItemDifference.EXTRA)  # fmt: skip
        records.update(Handover, h.id, version)
        hold_cards(h)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.check", ENTITY, h.id,
                     after={"found": len(found_items), "extra": len(extra_cards)})  # fmt: skip
    return get_handover(actor, handover_id)


def resolve_difference(
    actor: Actor, handover_id: int, version: int, item_id: int, *, accept: bool, note: str
) -> HandoverView:
    """A difference is accepted with a note (kept on the slip) or the row is removed from it."""
    require(actor, Perm.HANDOVER_RECORD)
    note = validation.clean_text(
        note, "处理说明", HandoverItem.resolution_note.max_length, field="note"
    )
    if not note:
        raise ValidationError("请说明如何处理这处差异。", field="note")
    with transaction():
        h = load(handover_id, version)
        if h.state != HandoverState.DEPT_APPROVED:
            raise Conflict("只能在核对时处理差异。")
        _refuse_drafter(actor, h)
        item = HandoverItem.get_or_none(
            (HandoverItem.id == item_id) & (HandoverItem.handover == h.id)
        )
        if item is None or item.difference is None:
            raise NotFound("这一行没有差异。")
        if accept and item.difference == ItemDifference.EXTRA and item.card_id is not None:
            blocked = blocking_reasons([item.card_id], h.id)
            if blocked:
                raise Conflict("不能接收：" + "；".join(blocked))
        HandoverItem.update(
            resolution=Resolution.ACCEPTED if accept else Resolution.REMOVED,
            resolution_note=note,
        ).where(HandoverItem.id == item.id).execute()
        records.update(Handover, h.id, version)
        hold_cards(h)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.resolve", ENTITY, h.id,
                     after={"item": item.name, "difference": item.difference, "accept": accept, "note": note})  # fmt: skip
    return get_handover(actor, handover_id)


def finish_check(
    actor: Actor, handover_id: int, version: int, *, accept: bool, comment: str = ""
) -> HandoverView:
    """The receiver confirms the list (every difference resolved) or sends it back."""
    require(actor, Perm.HANDOVER_RECORD)
    comment = validation.clean_text(
        comment, "意见", validation.NOTE_MAX, field="comment", multiline=True
    )
    if not accept and not comment:
        raise ValidationError("退回时请写明意见。", field="comment")
    with transaction():
        h = load(handover_id, version)
        if h.state != HandoverState.DEPT_APPROVED:
            raise Conflict("移交部门批准后才能核对。")
        _refuse_drafter(actor, h)
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
        Approval.create(entity=ENTITY, entity_id=h.id, step=HandoverStep.CHECK, decision=StepDecision.APPROVED if accept else StepDecision.RETURNED,
                        approver=actor.user_id, approver_name=actor.full_name, approver_role=actor.role,
                        method="login", comment=comment, at=now, recorded_by=actor.user_id)  # fmt: skip
        new_state = HandoverState.CHECKED if accept else HandoverState.DRAFT
        if not accept:
            HandoverItem.delete().where(
                (HandoverItem.handover == h.id) & (HandoverItem.difference == ItemDifference.EXTRA)
            ).execute()
            HandoverItem.update(
                checked=False, difference=None, resolution=None, resolution_note=""
            ).where(HandoverItem.handover == h.id).execute()
        records.update(Handover, h.id, version, state=new_state)
        hold_cards(h)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.check_done" if accept else "handover.check_return", ENTITY, h.id,
                     after={"state": new_state, "comment": comment})  # fmt: skip
    return get_handover(actor, handover_id)
