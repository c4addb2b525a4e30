"""The due list (到期清单): the cards in the room whose retention has run out, or runs out in the
coming months, by region and category — each with the open list it is on and whether it is
frozen, read in one statement (the holds are columns of it).

The due date itself is the card's (``cards.retention_due`` from its period and the day of its
trigger event, recomputed by the cards package whenever either changes).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from archive_desk import cards
from archive_desk.db.models import Card
from archive_desk.db.prepared import Prepared, Slot, prepared
from archive_desk.domain import RETENTION, TRADE_STATUS
from archive_desk.errors import ValidationError
from archive_desk.permissions import Actor
from archive_desk.procedures import holds
from archive_desk.procedures.periods import month_start
from archive_desk.retention._reading import may_read
from archive_desk.retention.views import DueRow

MAX_MONTHS = 120


def horizon(today: dt.date, months: int) -> dt.date:
    """The last due date a list ``months`` ahead shows: today (already due), else the last day
    of the ``months``-th month after this one."""
    if not 0 <= months <= MAX_MONTHS:
        raise ValidationError(f"月数应在 0 到 {MAX_MONTHS} 之间。", field="months")
    if months == 0:
        return today
    return month_start(today, months + 1) - dt.timedelta(days=1)


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _descendants(regions: list[cards.RegionView], region_id: int) -> list[int]:
    ids, frontier = [region_id], [region_id]
    while frontier:
        frontier = [r.id for r in regions if r.parent_id in frontier]
        ids += frontier
    return ids


def _statement() -> Prepared:
    """The due cards (up to the slot ``until``) with their open list and freeze, built once.
    The due ids come first from the (status, retention_due, secrecy) index: asked in one
    statement, SQLite's planner took the secrecy index over every card (140 ms, not 8)."""

    def build() -> Any:
        due_ids = Card.select(Card.id).where(
            (Card.status == "active")
            & (Card.retention_due <= Slot("until", Card.retention_due))
            & cards.visible_slot()
        )
        return Card.select(
            Card.id, Card.archive_no, Card.name, Card.region, Card.category, Card.retention,
            Card.retention_start, Card.retention_due, Card.trade_status,
            holds.note_column("destruction"), holds.note_column("legal_hold"),
        ).where(Card.id.in_(due_ids))  # fmt: skip

    return prepared("retention.due", build)


def due_list(
    actor: Actor,
    *,
    months: int = 0,
    region_id: int | None = None,
    category_id: int | None = None,
) -> list[DueRow]:
    """The cards the actor may see whose retention is due by :func:`horizon` (``months`` = 0:
    already due), in region (tree order), category, due date and number order."""
    may_read(actor)
    until = horizon(actor.clock.today(), months)
    regions = cards.list_regions()
    order = {r.id: n for n, r in enumerate(regions)}
    paths = {r.id: r.path for r in regions}
    labels = {c.id: (c.code, c.name) for c in cards.list_categories()}
    cursor = _statement().run(until=until, clearance=actor.clearance)
    try:
        rows = cursor.fetchall()  # the raw rows: peewee's wrappers cost more than the query
    finally:
        cursor.close()
    # a region or category chosen: the few due cards are sifted here, one statement for all
    within = set(_descendants(regions, region_id)) if region_id is not None else None
    keyed: list[tuple[Any, ...]] = []  # the sort key, its place (never equal), the row
    new, retentions, trades = object.__new__, RETENTION, TRADE_STATUS
    for (
        cid, number, name, region, category, retention, start, due, trade, listed, frozen
    ) in rows:  # fmt: skip
        if (within is not None and region not in within) or (
            category_id is not None and category != category_id
        ):
            continue
        code, category_name = labels.get(category, ("", ""))
        due_day = _date(due)
        row = new(DueRow)  # as pickle makes it: the frozen __init__ costs 4 µs a row
        row.__dict__.update(
            card_id=cid, archive_no=number, name=name, region=paths.get(region, ""),
            category_code=code, category=category_name,
            retention=retentions.get(retention, retention), retention_start=_date(start),
            retention_due=due_day, trade_status=trades.get(trade, trade),
            listed_on=listed or "", frozen=frozen or "",
        )  # fmt: skip
        keyed.append((order.get(region, 0), code, due_day, number, len(keyed), row))
    keyed.sort()
    return [cast(DueRow, k[5]) for k in keyed]


def count_due(actor: Actor, *, unlisted: bool = True) -> int:
    """Cards already due (that are on no list and not frozen, ``unlisted``): the clerk's
    to-do."""
    may_read(actor)
    today = actor.clock.today()
    query = Card.select(Card.id).where(
        (Card.status == "active") & (Card.retention_due <= today) & cards.visible(actor)
    )
    if unlisted:
        query = query.where(
            Card.id.not_in(holds.held_ids("destruction"))
            & Card.id.not_in(holds.held_ids("legal_hold"))
        )
    return int(query.count())
