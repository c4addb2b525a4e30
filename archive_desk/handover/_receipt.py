"""The receipt (接收): the three signatures, then the cards change keeper (and room), each card's
history records the handover."""

from __future__ import annotations

from archive_desk import audit, cards, validation
from archive_desk.db.models import (
    Card,
    Handover,
    HandoverItem,
)
from archive_desk.errors import Conflict, PermissionDenied, ValidationError
from archive_desk.handover._check import receiving_refusal
from archive_desk.handover._reading import get_handover, load
from archive_desk.handover._states import (
    ENTITY,
    HandoverKind,
    HandoverState,
    Resolution,
    Signer,
)
from archive_desk.handover.views import HandoverView
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records, signatures
from archive_desk.procedures.changes import transaction
from archive_desk.procedures.signatures import SignatureInput


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
    new_room = validation.clean_text(
        new_room,
        "新库房",
        Card.location_room.max_length,
        field="new_room",  # the card's column
    )
    for signer in Signer:
        role, label = signer.value, signer.label
        sig = signed.get(role)
        if sig is None or (not sig.on_paper and not sig.png):
            raise ValidationError(f"{label}尚未签字。", field=f"signature.{role}")
    with transaction():
        h = load(handover_id, version)
        if h.state != HandoverState.OFFICE_APPROVED:
            raise Conflict("总经办批准后才能完成接收。")
        refused = receiving_refusal(actor.user_id, h, "完成接收")
        if refused is not None:
            raise PermissionDenied(refused)
        rows = [
            i for i in HandoverItem.select().where(HandoverItem.handover == h.id)
            if i.resolution != Resolution.REMOVED and i.card_id is not None
        ]  # fmt: skip
        card_ids = [i.card_id for i in rows if i.card_id is not None]
        blocked = [hold.reason for hold in holds.blocking(card_ids, "loan")]
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
        cards.hand_over(
            actor, card_ids, keeper_id=h.to_user_id, room=new_room,
            reason=f"交接单 {h.number}（{HandoverKind(h.kind).label}）", from_name=h.from_name,
            to_name=h.to_name,
        )  # fmt: skip
        records.update(Handover, h.id, version, state=HandoverState.RECEIVED, received_at=now)
        holds.release("handover", h.id)
        changes.note(changes.HANDOVER, [h.id])
        audit.record(actor, "handover.receive", ENTITY, h.id,
                     after={"cards": len(rows), "to": h.to_name, "room": new_room})  # fmt: skip
    return get_handover(actor, handover_id)
