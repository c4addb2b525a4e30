"""Legal hold (冻结): the manager freezes cards because of a dispute, litigation or an audit, with
a reason, and lifts the freeze when it is over; a frozen card is never listed for destruction
nor destroyed (its ``legal_hold`` hold says so to every procedure). The hold report lists the
cards frozen now."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from archive_desk import audit, cards, validation
from archive_desk.db.models import Card, LegalHold, User
from archive_desk.db.store import retrying
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes, holds, records
from archive_desk.procedures.changes import transaction
from archive_desk.retention._reading import may_read
from archive_desk.retention._states import HoldReason
from archive_desk.retention.views import HoldRow

KIND = "legal_hold"
MISSING = "冻结记录不存在。"


def _note(kind: HoldReason, reason: str) -> str:
    return f"{kind.label}：{reason}"[:100]


@retrying
def freeze(actor: Actor, card_ids: Sequence[int], *, kind: str, reason: str) -> list[HoldRow]:
    """Freeze ``card_ids`` (the manager): each gets a freeze and its hold, in one transaction."""
    require(actor, Perm.LEGAL_HOLD)
    ids = list(dict.fromkeys(card_ids))
    if not ids:
        raise ValidationError("请选择要冻结的档案卡。", field="cards")
    if kind not in HoldReason.labels():
        raise ValidationError("请选择冻结原因的类别。", field="kind")
    reason = validation.clean_text(
        reason, "冻结原因", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请写明冻结的原因（例如纠纷、诉讼或审计的案号）。", field="reason")
    held = HoldReason(kind)
    with transaction():
        found = {c.id: c for c in Card.select().where(Card.id.in_(ids) & cards.visible(actor))}
        if len(found) != len(ids):
            raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
        gone = [found[i].archive_no for i in ids if found[i].status != "active"]
        if gone:
            raise Conflict("已销毁的档案卡不能冻结：" + "、".join(gone))
        frozen = [h.reason for h in holds.blocking(ids, KIND)]
        if frozen:
            raise Conflict("档案卡已冻结：" + "；".join(frozen))
        now = actor.clock.now()
        for card_id in ids:
            row = LegalHold.create(
                card=card_id, kind=held, reason=reason, frozen_by=actor.user_id, frozen_at=now
            )
            holds.place(KIND, row.id, [card_id], note=_note(held, reason), since=now)
            audit.record(
                actor, "legal_hold.freeze", "card", card_id,
                after={"archive_no": found[card_id].archive_no, "hold_kind": held, "reason": reason},
            )  # fmt: skip
        changes.note(changes.LEGAL_HOLD, ids)
    return [r for r in hold_report(actor) if r.card_id in set(ids)]


@retrying
def lift(actor: Actor, hold_id: int, version: int, *, reason: str) -> None:
    """Lift a freeze (the manager), with the reason: the card may be proposed again."""
    require(actor, Perm.LEGAL_HOLD)
    reason = validation.clean_text(
        reason, "解除冻结的原因", validation.NOTE_MAX, field="reason", multiline=True
    )
    if not reason:
        raise ValidationError("请写明解除冻结的原因。", field="reason")
    with transaction():
        row = records.load(LegalHold, hold_id, version, missing=MISSING)
        if row.lifted_at is not None:
            raise Conflict("这项冻结已经解除。")
        now = actor.clock.now()
        records.update(
            LegalHold, hold_id, version, lifted_by=actor.user_id, lifted_at=now, lift_reason=reason
        )
        holds.release(KIND, hold_id)
        changes.note(changes.LEGAL_HOLD, [row.card_id])
        number = Card.get_by_id(row.card_id).archive_no
        audit.record(
            actor, "legal_hold.lift", "card", row.card_id,
            before={"hold_kind": row.kind, "reason": row.reason},
            after={"archive_no": number, "reason": reason},
        )  # fmt: skip


def hold_report(actor: Actor) -> list[HoldRow]:
    """The cards frozen now (that the actor may see), by number: why, by whom, since when, and
    the open destruction list a card was on when it was frozen."""
    may_read(actor)
    query: Any = (
        LegalHold.select(
            LegalHold.id, LegalHold.card, Card.archive_no, Card.name, Card.region,
            Card.category, LegalHold.kind, LegalHold.reason, User.full_name,
            LegalHold.frozen_at, LegalHold.version,
        )
        .join(Card, on=(LegalHold.card == Card.id))
        .switch(LegalHold)
        .join(User, on=(LegalHold.frozen_by == User.id))
        .where(LegalHold.lifted_at.is_null() & cards.visible(actor))
        .order_by(Card.archive_no)
        .tuples()
    )  # fmt: skip
    rows = list(query)
    listed = holds.of([r[1] for r in rows], "destruction")
    paths = {r.id: r.path for r in cards.list_regions()}
    categories = {c.id: f"{c.code} {c.name}" for c in cards.list_categories()}
    return [
        HoldRow(
            hold_id=hid,
            card_id=cid,
            archive_no=number,
            name=name,
            region=paths.get(region, ""),
            category=categories.get(category, ""),
            kind=HoldReason(kind),
            kind_label=HoldReason(kind).label,
            reason=reason,
            frozen_by=by,
            frozen_at=at,
            listed_on=listed[cid][0].note if cid in listed else "",
            version=version,
        )
        for hid, cid, number, name, region, category, kind, reason, by, at, version in rows
    ]


def check_freezes() -> list[str]:
    """``archive-desk check``: the legal holds agree with the freezes not lifted."""
    rows: Any = (
        LegalHold.select(LegalHold.card, LegalHold.id).where(LegalHold.lifted_at.is_null()).tuples()
    )
    return holds.drift(KIND, set(rows))
