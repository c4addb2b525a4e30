"""The card list: the filter, the sorted id list (search included), counts per tree node, and
the rows of a page, read straight from the cursor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from typing import Any

from peewee import JOIN, Expression, fn

from archive_desk import validation
from archive_desk.cards import _search as search
from archive_desk.cards._reading import visible, visible_slot
from archive_desk.cards.views import CardRow
from archive_desk.db.models import (
    Card,
    Category,
    Person,
    Region,
    database,
)
from archive_desk.db.prepared import Prepared, Slot, prepared
from archive_desk.domain import (
    CARD_STATUS,
    RETENTION,
    SECRECY_LABELS,
    STAGES,
    TRADE_STATUS,
    label,
)
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import holds

_CHUNK = 500  # values per IN (…) list


def _chunks(values: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``values`` in slices short enough for one ``IN (…)`` list (an import's thousands)."""
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


# --- the list ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CardFilter:
    """What the card list shows. ``None`` means "any"."""

    text: str = ""
    region_id: int | None = None  # includes its sub-regions
    category_id: int | None = None
    grade: str | None = None
    stage: str | None = None
    trade_status: str | None = None
    secrecy: int | None = None
    salesperson_id: int | None = None
    on_loan: bool | None = None
    retention_due_by: dt.date | None = None
    review_due_since: dt.date | None = None  # filed before and not reviewed since that day
    status: str | None = "active"
    location: tuple[str, ...] = ()  # 库房, 柜, 层, 盒 from the room down: a room, a shelf …
    created_before: dt.datetime | None = None  # filed before then (a round's cards)


SORT_KEYS = {
    "archive_no": Card.archive_no,
    "name": Card.name_norm,
    "grade": Card.grade,
    "trade_status": Card.trade_status,
    "secrecy": Card.secrecy,
    "retention_due": Card.retention_due,
    "updated_at": Card.updated_at,
    "created_at": Card.created_at,
    "region": Card.region,
    "category": Card.category,
}


def region_and_descendants(region_id: int) -> list[int]:
    ids, frontier = [region_id], [region_id]
    while frontier:
        frontier = [r.id for r in Region.select(Region.id).where(Region.parent.in_(frontier))]
        ids.extend(frontier)
    return ids


def _conditions(
    actor: Actor, flt: CardFilter, *, with_tree: bool = True, with_text: bool = True
) -> Expression:
    cond: Expression = visible(actor)
    if flt.status:
        cond &= Card.status == flt.status
    if with_tree and flt.region_id is not None:
        cond &= Card.region.in_(region_and_descendants(flt.region_id))
    if with_tree and flt.category_id is not None:
        cond &= Card.category == flt.category_id
    for name in ("grade", "stage", "trade_status", "secrecy"):
        value = getattr(flt, name)
        if value is not None:
            cond &= getattr(Card, name) == value
    if flt.salesperson_id is not None:
        cond &= Card.salesperson == flt.salesperson_id
    if flt.on_loan is not None:
        lent = holds.held_ids("loan")
        cond &= Card.id.in_(lent) if flt.on_loan else Card.id.not_in(lent)
    if flt.retention_due_by is not None:
        cond &= Card.retention_due.is_null(False) & (Card.retention_due <= flt.retention_due_by)
    if flt.review_due_since is not None:
        since = flt.review_due_since
        cond &= (Card.created_at < dt.datetime.combine(since, dt.time())) & (
            Card.last_reviewed_on.is_null() | (Card.last_reviewed_on < since)
        )
    for column, value in zip(_LOCATION_COLUMNS, flt.location, strict=False):
        cond &= column == value
    if flt.created_before is not None:
        cond &= Card.created_at < flt.created_before
    if with_text and flt.text.strip():
        cond &= Card.id.in_(search.matching_ids(flt.text))
    return cond


_LOCATION_COLUMNS = (
    Card.location_room,
    Card.location_cabinet,
    Card.location_shelf,
    Card.location_box,
)


def filter_condition(actor: Actor, flt: CardFilter) -> Expression:
    """The condition of ``flt`` on :class:`Card` (visibility included; the search text is not:
    a filter with text is listed through :func:`card_ids`), for a procedure that selects the
    cards of a scope itself (an inspection round, an inventory)."""
    require(actor, Perm.CARD_VIEW)
    return _conditions(actor, flt, with_text=False)


_PLAIN = CardFilter(status=None)


def search_read_whole(text: str) -> bool:
    """Whether the list reads every match of a search for ``text`` at once (True), or its first
    page by :func:`card_ids` with a ``limit`` and the count by :func:`count_cards` (False: one
    or two Chinese characters on a server, :func:`search.counted_apart`). Not a service: it
    reads nothing, it says how the open store is best asked."""
    return not search.counted_apart(text)


def card_ids(
    actor: Actor,
    flt: CardFilter,
    *,
    sort: str = "archive_no",
    descending: bool = False,
    limit: int | None = None,
) -> list[int]:
    """Every matching card id in display order (the lazy list model fetches rows by id), or
    the first ``limit`` of them (``LIMIT`` in the statement: a server then sends those only,
    and may walk an index until it has them)."""
    require(actor, Perm.CARD_VIEW)
    key: Any = SORT_KEYS.get(sort, Card.archive_no)
    order = [key.desc() if descending else key.asc()]
    if key is not Card.archive_no:  # unique: no tie to break, and the index gives the order
        order.append(Card.id)
    kinds = search.shape(flt.text)
    if kinds is not None and replace(flt, text="", status=None) == _PLAIN:
        # the search box alone (the clerk typing): a statement peewee builds once per sort and
        # kinds of terms, ~0.5 ms less a keystroke than building it each time
        def build() -> Any:
            query = Card.select(Card.id).where(visible_slot())
            if flt.status:
                query = query.where(Card.status == Slot("status", Card.status))
            query = search.restrict_slots(query, kinds).order_by(*order)
            return query if limit is None else query.limit(Slot("limit", raw=True))

        name = ("cards.ids", sort, descending, bool(flt.status), kinds, limit is None)
        statement = prepared(name, build)
        values = search.slot_values(flt.text)
        cursor = statement.run(clearance=actor.clearance, status=flt.status, limit=limit, **values)
    else:
        query = Card.select(Card.id).where(_conditions(actor, flt, with_text=False))
        query = search.restrict(query, flt.text).order_by(*order)
        cursor = database.execute(query if limit is None else query.limit(limit))
    # the raw cursor: peewee's row wrappers cost three times the query itself at 100,000 ids
    try:
        rows = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
    finally:
        cursor.close()  # a statement left half-read would keep its snapshot of the file
    return [row[0] for row in rows]


def count_cards(actor: Actor, flt: CardFilter) -> int:
    require(actor, Perm.CARD_VIEW)
    query = Card.select(Card.id).where(_conditions(actor, flt, with_text=False))
    return int(search.restrict(query, flt.text).count())


def tree_counts(actor: Actor, flt: CardFilter) -> dict[tuple[int, int], int]:
    """Cards per (region, category) under every filter but the tree's own selection."""
    require(actor, Perm.CARD_VIEW)
    query = Card.select(Card.region, Card.category, fn.COUNT(Card.id)).where(
        _conditions(actor, flt, with_tree=False, with_text=False)
    )
    # starting from the search's matches, as the list does (41–57 → 3–25 ms a keystroke)
    rows: Any = search.restrict(query, flt.text).group_by(Card.region, Card.category).tuples()
    return {(r, c): n for r, c, n in rows}


# statements per number of ids, the ids padded up to the next size
_BUCKETS = (1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 160, 200, 256)


_ID_NAMES = [f"id{k}" for k in range(_BUCKETS[-1])]


def _id_slots(count: int) -> list[Slot]:
    return [Slot(name, Card.id) for name in _ID_NAMES[:count]]


def _page_statements(count: int) -> tuple[Prepared, Prepared]:
    """The region and row statements of :func:`card_rows` for ``count`` ids, built by peewee
    once (building the row select costs ~0.7 ms, more than running it for 100 rows). Whether a
    card is out is a column: SQLite reads the few loan holds once per statement."""
    regions = prepared(
        "cards.region_paths", lambda: Region.select(Region.id, Region.parent, Region.name)
    )
    rows = prepared(
        ("cards.rows", count),
        lambda: Card.select(
            Card.id, Card.archive_no, Card.name, Card.region, Category.code, Category.name,
            Category.color, Card.grade, Card.stage, Card.trade_status, Card.secrecy, Person.name,
            Card.location_room, Card.location_cabinet, Card.location_shelf, Card.location_box,
            Card.retention, Card.retention_due, Card.status, Card.updated_at,
            Card.id.in_(holds.held_ids("loan")),
        )
        .join(Category, on=(Card.category == Category.id))
        .switch(Card)
        .join(Person, JOIN.LEFT_OUTER, on=(Card.salesperson == Person.id))
        .where(visible_slot() & Card.id.in_(_id_slots(count))),
    )  # fmt: skip
    return regions, rows


_paths_of: tuple[list[Any], dict[int, str]] = ([], {})  # the last region rows and their paths


def _region_paths(rows: list[Any]) -> dict[int, str]:
    """Every region's path as :func:`classification.list_regions` writes it."""
    global _paths_of
    if rows == _paths_of[0]:
        return _paths_of[1]
    parents = {rid: (parent, name) for rid, parent, name in rows}
    paths: dict[int, str] = {}

    def path(rid: int) -> str:
        found = paths.get(rid)
        if found is None:
            parent, name = parents[rid]
            found = f"{path(parent)} › {name}" if parent in parents else name
            paths[rid] = found
        return found

    for rid in parents:
        path(rid)
    _paths_of = (rows, paths)
    return paths


def _date(value: Any) -> Any:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


_ROW_FIELDS = tuple(f.name for f in dataclass_fields(CardRow))


def _card_row(values: tuple[Any, ...]) -> CardRow:
    """``CardRow(*values)`` made as pickle makes it: the frozen ``__init__`` sets each of the 19
    fields through ``object.__setattr__`` (4 µs a row, as much as reading the row)."""
    row = object.__new__(CardRow)
    row.__dict__.update(zip(_ROW_FIELDS, values, strict=True))
    return row


def card_rows(actor: Actor, ids: Sequence[int]) -> list[CardRow]:
    """The list rows of ``ids`` in that order (invisible ids are left out)."""
    require(actor, Perm.CARD_VIEW)
    if not ids:
        return []
    wanted = list(ids)
    found: list[Any] = []
    paths: dict[int, str] = {}
    step = _BUCKETS[-1]
    for start in range(0, len(wanted), step):
        chunk = wanted[start : start + step]
        count = next(b for b in _BUCKETS if b >= len(chunk))
        values = dict(zip(_ID_NAMES, chunk + chunk[-1:] * (count - len(chunk)), strict=False))
        regions, rows_query = _page_statements(count)
        if not paths:
            paths = _region_paths(regions.run().fetchall())
        # the list's columns straight from the cursor: whole Card/Category/Person models cost
        # ~0.2 ms a row, peewee's conversion of every value another ~25 µs
        found += rows_query.run(clearance=actor.clearance, **values).fetchall()
    # ~2 µs a row in all: labels by plain look-ups (the codes are never NULL), no generators
    stages, trades, retentions, statuses = STAGES, TRADE_STATUS, RETENTION, CARD_STATUS
    by_id: dict[int, CardRow] = {}
    for (
        cid, archive_no, name, region_id, cat_code, cat_name, cat_color, grade, stage,
        trade_status, secrecy, salesperson, room, cabinet, shelf, box, retention, retention_due,
        status, updated_at, on_loan,
    ) in found:  # fmt: skip
        by_id[cid] = _card_row(
            (
                cid,
                archive_no,
                name,
                paths.get(region_id, ""),
                cat_code,
                cat_name,
                cat_color,
                grade,
                label(stages, stage),
                label(trades, trade_status),
                secrecy,
                SECRECY_LABELS[secrecy],
                salesperson or "",
                "-".join(filter(None, (room, cabinet, shelf, box))),
                label(retentions, retention),
                _date(retention_due),
                label(statuses, status),
                bool(on_loan),
                _datetime(updated_at),
            )
        )
    return [by_id[i] for i in wanted if i in by_id]


def number_key(text: str) -> str:
    """A scanned or typed archive number as it is compared: full-width characters made
    half-width, every space (a scanner's or a typist's stray one) dropped, in capitals (the
    number in capitals is indexed, migration 0010)."""
    return "".join(validation.normalize_text(text).split()).upper()


def find_by_archive_no(actor: Actor, archive_no: str) -> int | None:
    """The id of the visible card with exactly this number (a scanner's input), or None."""
    require(actor, Perm.CARD_VIEW)
    code = number_key(validation.search_text(archive_no)[0])
    if not code:
        return None
    card = Card.get_or_none((fn.UPPER(Card.archive_no) == code) & visible(actor))
    return card.id if card else None


def search_note(text: str) -> str:
    """What the list says of a search it did not take whole: cut to its first
    :data:`~archive_desk.validation.SEARCH_MAX` characters, or past its most words; or ``""``."""
    return search.note(text)


def find_one(actor: Actor, text: str) -> tuple[int | None, int]:
    """The card the clerk typed or scanned into an application or a slip: the one with exactly
    this number, else the only card the search finds. Returns its id (None when there is no
    single one) and how many cards the search found."""
    card_id = find_by_archive_no(actor, text)
    if card_id is not None:
        return card_id, 1
    ids = card_ids(actor, CardFilter(text=text))
    return (ids[0] if len(ids) == 1 else None), len(ids)


def salespeople() -> list[tuple[int, str]]:
    """(id, name) of the active salespeople by name, for the list's filter (plain tuples: a
    model object per person cost ~10 ms of the card tab's start at 500 people)."""
    query = Person.select(Person.id, Person.name).where(
        (Person.is_salesperson == True) & (Person.active == True)  # noqa: E712
    )
    rows: Any = query.order_by(Person.name).tuples()
    return [(pid, name) for pid, name in rows]
