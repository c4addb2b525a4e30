"""A card's holds: which procedure has a card now (out on a loan, listed on an open handover
slip or an open destruction list, frozen under a legal hold; later: on an inventory).

The procedure that holds a card writes the hold in the same transaction as its own change
(:func:`place`) and removes it likewise (:func:`release`); everyone else asks here
(:func:`of`, :func:`blocking`, :func:`held`) instead of querying that procedure's tables. At most
one exclusive hold of a kind per card: a unique index, so two clerks claiming the same card at
once fail in the database (:class:`~archive_desk.errors.Conflict`), whatever its locking.
A new procedure adds its kind to :data:`KINDS` (and what blocks it to ``blocked_by``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from archive_desk.db.models import Card, CardHold
from archive_desk.db.prepared import Slot, insert_statement, prepared
from archive_desk.db.store import batched, lock_rows
from archive_desk.errors import Conflict
from archive_desk.procedures import changes


@dataclass(frozen=True)
class Kind:
    """One kind of hold: its Chinese name, the reason a card so held gives when it cannot enter
    another procedure (``{note}`` is the hold's note), the refusal when the unique index
    catches a second claim, and the kinds of hold that stop a card from taking this one."""

    label: str
    reason: str
    taken: str
    blocked_by: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    # a card on an open destruction list is neither lent nor handed over
    "loan": Kind("借出", "正在借出", "档案卡正在借出，不能再借。", ("loan", "destruction")),
    "handover": Kind(
        "交接",
        "已在交接单 {note} 中",
        "档案卡已在另一份交接单中，不能移交。",
        ("loan", "handover", "destruction"),
    ),
    # listed on an open destruction list (销毁清册), from the proposal until it is destroyed,
    # exempted, withheld at the execution, or the list is refused or withdrawn
    "destruction": Kind(
        "销毁",
        "已列入销毁清册 {note}",
        "档案卡已列入另一份销毁清册。",
        ("legal_hold", "destruction", "handover"),
    ),
    # frozen (冻结) by the manager: a dispute, litigation or audit; never destroyed meanwhile
    "legal_hold": Kind("冻结", "已冻结（{note}）", "档案卡已被冻结。", ("legal_hold",)),
}


@dataclass(frozen=True)
class Hold:
    card_id: int
    archive_no: str
    kind: str
    ref: int
    note: str
    since: dt.datetime

    @property
    def reason(self) -> str:
        """Why the card is not free, e.g. ``GY2026001 正在借出``."""
        return f"{self.archive_no} {KINDS[self.kind].reason.format(note=self.note)}"


def place(kind: str, ref: int, card_ids: Iterable[int], *, note: str, since: dt.datetime) -> None:
    """Hold ``card_ids`` for ``kind`` record ``ref`` (inside the procedure's transaction): one
    prepared insert a card."""
    statement = prepared(
        "holds.insert",
        lambda: insert_statement(CardHold, ("card", "kind", "ref", "exclusive", "note", "since")),
    )
    ids = list(card_ids)
    try:
        for card_id in ids:
            statement.insert(
                card=card_id, kind=kind, ref=ref, exclusive=True, note=note, since=since
            )
    except peewee.IntegrityError:
        raise Conflict(KINDS[kind].taken) from None
    changes.note(changes.CARD, ids)


def release(kind: str, ref: int, card_ids: Iterable[int] | None = None) -> None:
    """Release the holds of ``kind`` record ``ref`` (on ``card_ids`` only, when given)."""
    if card_ids is None:
        held: list[int] = [h.card_id for h in CardHold.select(CardHold.card).where(  # type: ignore[attr-defined]
            (CardHold.kind == kind) & (CardHold.ref == ref)
        )]  # fmt: skip
        CardHold.delete().where((CardHold.kind == kind) & (CardHold.ref == ref)).execute()
        changes.note(changes.CARD, held)
        return
    statement = prepared(
        "holds.delete",
        lambda: CardHold.delete().where(
            (CardHold.card == Slot("card"))
            & (CardHold.kind == Slot("kind"))
            & (CardHold.ref == Slot("ref"))
        ),
    )
    ids = list(card_ids)
    for card_id in ids:
        statement.update(card=card_id, kind=kind, ref=ref)
    changes.note(changes.CARD, ids)


def _read(query: Any) -> list[Hold]:
    rows: Any = query.join(Card, on=(CardHold.card == Card.id)).tuples()
    return [
        Hold(card_id=c, archive_no=no, kind=k, ref=r, note=n, since=s) for c, no, k, r, n, s in rows
    ]


_COLUMNS = (
    CardHold.card,
    Card.archive_no,
    CardHold.kind,
    CardHold.ref,
    CardHold.note,
    CardHold.since,
)


def of(card_ids: Sequence[int], kind: str | None = None) -> dict[int, list[Hold]]:
    """The holds on ``card_ids`` (of ``kind`` only, when given), per card."""
    if not card_ids:
        return {}
    query = CardHold.select(*_COLUMNS).where(CardHold.card.in_(list(card_ids)))
    if kind is not None:
        query = query.where(CardHold.kind == kind)
    out: dict[int, list[Hold]] = {}
    for hold in _read(query.order_by(CardHold.id)):
        out.setdefault(hold.card_id, []).append(hold)
    return out


def on(card_id: int, kind: str) -> Hold | None:
    """The hold of ``kind`` on one card, if any (a scanner's question, asked once a scan: one
    statement built once)."""
    query = prepared(
        "holds.on",
        lambda: (
            CardHold.select(*_COLUMNS)
            .join(Card, on=(CardHold.card == Card.id))
            .where((CardHold.card == Slot("card")) & (CardHold.kind == Slot("kind")))
            .order_by(CardHold.id)
            .limit(1)
        ),
    )
    row = query.one(card=card_id, kind=kind)
    if row is None:
        return None
    c, no, k, r, n, s = row
    return Hold(card_id=c, archive_no=no, kind=k, ref=r, note=n, since=s)


def blocking(card_ids: Sequence[int], for_kind: str, exclude_ref: int | None = None) -> list[Hold]:
    """The holds that stop ``card_ids`` from being held for ``for_kind`` (the record
    ``exclude_ref`` of that kind itself excepted), in the cards' order.

    Asked inside the transaction that then places its hold: on a server the cards' rows are
    locked first (until that transaction ends), so two procedures claiming one card at once —
    a loan and a destruction list, a slip and a freeze — take turns, and the second sees the
    first's hold (the unique index catches only two claims of the same kind)."""
    if not card_ids:
        return []
    ids = list(card_ids)

    def build() -> Any:
        query = (
            CardHold.select(*_COLUMNS)
            .join(Card, on=(CardHold.card == Card.id))
            .where(
                CardHold.card.in_([Slot(f"c{k}", CardHold.card) for k in range(len(ids))])
                & CardHold.kind.in_(KINDS[for_kind].blocked_by)
            )
            .order_by(CardHold.id)
        )
        if exclude_ref is not None:
            query = query.where(~((CardHold.kind == for_kind) & (CardHold.ref == Slot("ref"))))
        return query

    # built by peewee once per kind and number of cards (~1 ms each time, two a loan)
    query = prepared(("holds.blocking", for_kind, len(ids), exclude_ref is None), build)
    # the locks, then the read: one round trip to a server, the read still run after the locks
    # are granted (it takes its own snapshot then, so it sees the holds of a clerk waited for)
    with batched():
        lock_rows(Card, ids)
        cursor = query.run(ref=exclude_ref, **{f"c{k}": c for k, c in enumerate(ids)})
    found = [
        Hold(card_id=c, archive_no=no, kind=k, ref=r, note=n, since=s)
        for c, no, k, r, n, s in query.rows_of(cursor)
    ]
    order = {card_id: n for n, card_id in enumerate(card_ids)}
    return sorted(found, key=lambda h: (order.get(h.card_id, 0), h.kind != "loan"))


def note_column(kind: str) -> Any:
    """The note of a card's ``kind`` hold (NULL when it has none) as a column of a query over
    ``Card``: a list shows which cards are held, and by what, in its own statement."""
    return CardHold.select(CardHold.note).where(
        (CardHold.card == Card.id) & (CardHold.kind == kind)
    )


def held_ids(kind: str) -> Any:
    """The ids of the cards with a hold of ``kind``, as a subquery (``Card.id.in_(...)``): the
    holds are few, so SQLite reads them once per statement."""
    return CardHold.select(CardHold.card).where(CardHold.kind == kind)


def drift(kind: str, expected: set[tuple[int, int]]) -> list[str]:
    """How the holds of ``kind`` differ from the (card, ref) pairs the owning procedure's own
    records say are held (``archive-desk check``), in Chinese."""
    label = KINDS[kind].label
    rows: Any = CardHold.select(CardHold.card, CardHold.ref).where(CardHold.kind == kind).tuples()
    stored = set(rows)
    numbers = _numbers({c for c, _ in stored ^ expected})
    missing = [
        f"档案卡 {numbers.get(c, c)} 缺少{label}占用记录（记录 {r}）"
        for c, r in sorted(expected - stored)
    ]
    extra = [
        f"档案卡 {numbers.get(c, c)} 的{label}占用记录（记录 {r}）没有对应的办理"
        for c, r in sorted(stored - expected)
    ]
    return missing + extra


def _numbers(card_ids: set[int]) -> dict[int, str]:
    if not card_ids:
        return {}
    rows: Any = Card.select(Card.id, Card.archive_no).where(Card.id.in_(sorted(card_ids))).tuples()
    return dict(rows)
