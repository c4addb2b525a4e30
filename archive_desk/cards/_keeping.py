"""What other procedures change on a card, through this package and never by writing its tables
themselves: a review recorded (an inspection round), the location corrected (an inventory found
the folder elsewhere), the folder seen (an inventory's scan), a plain history line (a finding
resolved). Each runs inside the caller's transaction, which checks the caller's permission and
writes its audit event; every change but "seen" gets a line in the card's history.

And the scanner's look-up: the folder with a number, whatever its case (an index on the number
in capitals, migration 0010), as one prepared statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from peewee import fn

from archive_desk import validation
from archive_desk.cards._fields import FIELD_BY_NAME, LOCATION_FIELDS
from archive_desk.cards._listing import number_key
from archive_desk.cards._reading import visible, visible_slot
from archive_desk.cards.views import Folder, Location
from archive_desk.db.models import Card, CardHistory
from archive_desk.db.prepared import Slot, prepared
from archive_desk.errors import Conflict, NotFound, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import changes

REVIEW_FIELD = "最近检查"
LOCATION_FIELD = "存放位置"


def folder_by_number(actor: Actor, text: str) -> Folder | None:
    """The visible card whose archive number is ``text`` (see :func:`number_key`), kept or
    destroyed; None when there is none. One indexed statement, built once."""
    require(actor, Perm.CARD_VIEW)
    query = prepared(
        "cards.folder_by_number",
        lambda: Card.select(
            Card.id, Card.archive_no, Card.name, Card.status, Card.destroyed_on,
            Card.location_room, Card.location_cabinet, Card.location_shelf, Card.location_box,
        ).where(
            (fn.UPPER(Card.archive_no) == Slot("code"))
            & visible_slot()
        ),
    )  # fmt: skip
    row = query.one(code=number_key(text), clearance=actor.clearance)
    if row is None:
        return None
    card_id, number, name, status, destroyed_on, room, cabinet, shelf, box = row
    return Folder(card_id, number, name, status, destroyed_on, Location(room, cabinet, shelf, box))


def clean_location(location: Location) -> Location:
    """A place typed or scanned (a scope, a tray, a folder's new place), each part cleaned as
    the card editor cleans the card's own location (its label, its column's length; full-width
    letters and digits made half-width), so it compares with what the cards hold. A part with
    a control character or a lone surrogate, or too long, is refused (ValidationError)."""
    parts = [
        validation.clean_text(
            getattr(location, name.removeprefix("location_")), FIELD_BY_NAME[name].label,
            getattr(Card, name).max_length, field="location", fold=True,
        )
        for name in LOCATION_FIELDS
    ]  # fmt: skip
    return Location(*parts)


def location_of(card: Any) -> Location:
    return Location(
        card.location_room, card.location_cabinet, card.location_shelf, card.location_box
    )


def _history(actor: Actor, card_id: int, at: dt.datetime, **line: Any) -> None:
    CardHistory.create(card=card_id, at=at, user=actor.user_id, **line)


def record_review(actor: Actor, card_ids: Sequence[int], *, note: str) -> int:
    """Mark ``card_ids`` reviewed today: the date in ``last_reviewed_on``, a new version, a
    history line each. Every card must be kept and visible, else nothing is marked."""
    ids = sorted(set(card_ids))
    today, now = actor.clock.today(), actor.clock.now()
    found = list(
        Card.select(Card.id, Card.last_reviewed_on).where(
            Card.id.in_(ids) & visible(actor) & (Card.status == "active")
        )
    )
    if len(found) != len(ids):
        raise ValidationError("所选档案卡中有已销毁或无权查看的，未做任何标记。", field="cards")
    # one statement for all the cards, one for all their history lines
    Card.update(last_reviewed_on=today, version=Card.version + 1, updated_at=now).where(
        Card.id.in_(ids)
    ).execute()
    CardHistory.insert_many(
        {
            "card": card.id,
            "at": now,
            "user": actor.user_id,
            "action": "review",
            "reason": note.strip() or "例行检查",
            "field": REVIEW_FIELD,
            "old_value": card.last_reviewed_on.isoformat() if card.last_reviewed_on else "",
            "new_value": today.isoformat(),
        }
        for card in found
    ).execute()
    changes.note(changes.CARD, ids)
    return len(ids)


def mark_seen(card_id: int, *, on: dt.date, place: str) -> None:
    """An inventory saw the folder ``on`` that day at ``place`` (no new version: it is an
    observation, not an edit; no history line: an inventory sees thousands)."""
    prepared(
        "cards.mark_seen",
        lambda: Card.update(
            last_seen_on=Slot("on", Card.last_seen_on), last_seen_place=Slot("place")
        ).where(Card.id == Slot("id")),
    ).update(id=card_id, on=on, place=place[:120])


def move_location(
    actor: Actor, card_id: int, location: Location, *, reason: str, version: int | None = None
) -> Location:
    """Record that the folder is kept at ``location`` now (a history line ``存放位置`` old →
    new with ``reason``); returns where it was recorded before. A destroyed card, or a place
    without a room, is refused; the same place changes nothing and says so."""
    card = Card.get_or_none((Card.id == card_id) & visible(actor))
    if card is None:
        raise NotFound("档案卡不存在，或您无权查看这一密级的档案。")
    if card.status != "active":
        raise Conflict(f"档案卡 {card.archive_no} 已销毁，不能更改存放位置。")
    if version is not None and card.version != version:
        raise Conflict(f"档案卡 {card.archive_no} 刚被修改过，请重新打开后再试。")
    new = clean_location(location)
    if not new.room:
        raise ValidationError("请填写库房。", field="location")
    old = location_of(card)
    if new == old:
        raise ValidationError(
            f"档案卡 {card.archive_no} 的存放位置已是 {old.text}。", field="location"
        )
    now = actor.clock.now()
    Card.update(
        location_room=new.room, location_cabinet=new.cabinet, location_shelf=new.shelf,
        location_box=new.box, version=Card.version + 1, updated_at=now,
    ).where(Card.id == card_id).execute()  # fmt: skip
    _history(actor, card_id, now, action="move", reason=reason, field=LOCATION_FIELD,
             old_value=old.text, new_value=new.text)  # fmt: skip
    changes.note(changes.CARD, [card_id])
    return old


def hand_over(
    actor: Actor,
    card_ids: Sequence[int],
    *,
    keeper_id: int | None,
    room: str,
    reason: str,
    from_name: str,
    to_name: str,
) -> None:
    """The cards of a handover received: kept by ``keeper_id`` now (each keeps its keeper when
    None), in ``room`` when one is given; a ``保管人`` history line each, reported by the
    handing-over party."""
    now = actor.clock.now()
    room = room.strip()
    for card in Card.select(Card.id, Card.keeper).where(Card.id.in_(list(card_ids))):
        fields: dict[str, Any] = {
            "keeper": keeper_id or card.keeper_id,
            "version": Card.version + 1,
            "updated_at": now,
        }
        if room:
            fields["location_room"] = room
        Card.update(**fields).where(Card.id == card.id).execute()
        _history(actor, card.id, now, action="handover", reported_by=from_name, reason=reason,
                 field="保管人", old_value=from_name, new_value=to_name + (f"，{room}" if room else ""))  # fmt: skip
    changes.note(changes.CARD, list(card_ids))


def add_history(
    actor: Actor,
    card_id: int,
    *,
    action: str,
    field: str,
    old: str = "",
    new: str = "",
    reason: str = "",
    reported_by: str = "",
) -> None:
    """One line in the card's history for a change another procedure made about it (a finding
    resolved, say)."""
    _history(actor, card_id, actor.clock.now(), action=action, field=field, old_value=old,
             new_value=new, reason=reason[:300], reported_by=reported_by[:50])  # fmt: skip
