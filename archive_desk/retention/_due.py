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
from archive_desk.db.models import Card, database
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
    categories = {c.id: c for c in cards.list_categories()}
    order = {r.id: n for n, r in enumerate(regions)}
    paths = {r.id: r.path for r in regions}
    query = Card.select(
        Card.id, Card.archive_no, Card.name, Card.region, Card.category, Card.retention,
        Card.retention_start, Card.retention_due, Card.trade_status,
        holds.note_column("destruction"), holds.note_column("legal_hold"),
    ).where(
        (Card.status == "active")
        & (Card.retention_due <= until)
        & cards.visible(actor)
    )  # fmt: skip
    if region_id is not None:
        query = query.where(Card.region.in_(_descendants(regions, region_id)))
    if category_id is not None:
        query = query.where(Card.category == category_id)
    cursor = database.execute(query)
    try:
        rows = cursor.fetchall()  # the raw rows: peewee's wrappers cost more than the query
    finally:
        cursor.close()
    out = []
    for (
        cid, number, name, region, category, retention, start, due, trade, listed, frozen
    ) in rows:  # fmt: skip
        cat = categories.get(category)
        row = object.__new__(DueRow)  # as pickle makes it: the frozen __init__ costs 4 µs a row
        row.__dict__.update(
            card_id=cid, archive_no=number, name=name, region=paths.get(region, ""),
            category_code=cat.code if cat else "", category=cat.name if cat else "",
            retention=RETENTION.get(retention, retention), retention_start=_date(start),
            retention_due=_date(due), trade_status=TRADE_STATUS.get(trade, trade),
            listed_on=listed or "", frozen=frozen or "",
        )  # fmt: skip
        out.append((order.get(region, 0), row.category_code, row.retention_due, number, row))
    out.sort(key=lambda t: t[:4])
    return [cast(DueRow, t[4]) for t in out]


def count_due(actor: Actor, *, unlisted: bool = True) -> int:
    """Cards already due (that are on no list and not frozen, ``unlisted``): the clerk's
    to-do."""
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
