"""The card list: a paged model over the ids the card service returns for the current filter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence

from PySide6.QtCore import QCoreApplication, Qt

from archive_desk import cards
from archive_desk.permissions import Actor
from archive_desk.ui.models.paged import Column, PagedModel


class CardSource:
    """Holds the sorted id list of the current filter; rows are fetched for a page at a time.

    Without search text the list can be the whole archive: then only the first
    :attr:`prefix` ids are read with the count (an index count is ~5× cheaper than 100,000 ids
    in Python), and the rest when a row past them is wanted. A search reads all its matches at
    once where counting them would cost as much as listing them; where not (one common
    character on a server), its first page of :attr:`search_prefix` ids and the count
    (:func:`cards.search_read_whole` says which).
    """

    prefix = 1000
    search_prefix = 200  # the model's first page

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.filter = cards.CardFilter()
        self.sort_key = "archive_no"
        self.descending = False
        self.ids: list[int] = []
        self.complete = True  # ids holds every match, not just the first ones

    def set_sort(self, key: str, descending: bool) -> None:
        self.sort_key, self.descending = key, descending

    def _ids(self, limit: int | None) -> list[int]:
        return cards.card_ids(
            self.actor, self.filter, sort=self.sort_key, descending=self.descending, limit=limit
        )

    def count(self) -> int:
        text = bool(self.filter.text.strip())
        if text and cards.search_read_whole(self.filter.text):
            self.ids, self.complete = self._ids(None), True
            return len(self.ids)
        limit = self.search_prefix if text else self.prefix
        self.ids = self._ids(limit)
        self.complete = len(self.ids) < limit
        return len(self.ids) if self.complete else cards.count_cards(self.actor, self.filter)

    def all_ids(self) -> list[int]:
        """Every id of the list, reading the rest now if only the first ones were read."""
        if not self.complete:
            self.ids, self.complete = self._ids(None), True
        return self.ids

    def page(self, offset: int, limit: int) -> Sequence[cards.CardRow]:
        ids = self.ids if offset + limit <= len(self.ids) else self.all_ids()
        wanted = ids[offset : offset + limit]
        rows = cards.card_rows(self.actor, wanted)
        if len(rows) == len(wanted):
            return rows
        # a card became invisible or was removed since the ids were read: keep positions stable
        by_id = {r.id: r for r in rows}
        return [by_id.get(i) or _GONE for i in wanted]


_GONE = cards.CardRow(
    id=0, archive_no="", name="（已不可见）", region="", category_code="", category="",
    category_color="", grade="", stage="", trade_status="", secrecy=0, secrecy_label="",
    salesperson="", location="", retention="", retention_due=None, status="", on_loan=False,
    updated_at=dt.datetime(1970, 1, 1),
)  # fmt: skip


def card_columns() -> list[Column[cards.CardRow]]:
    centre = Qt.AlignmentFlag.AlignCenter
    return [
        Column(
            QCoreApplication.translate("CardsModel", "Archive no."),
            lambda r: r.archive_no,
            "archive_no",
        ),
        Column(QCoreApplication.translate("CardsModel", "Customer"), lambda r: r.name, "name"),
        Column(QCoreApplication.translate("CardsModel", "Region"), lambda r: r.region, "region"),
        Column(
            QCoreApplication.translate("CardsModel", "Category"),
            lambda r: f"{r.category_code} {r.category}" if r.category_code else "",
            "category",
            colour=lambda r: _light(r.category_color),
        ),
        Column(
            QCoreApplication.translate("CardsModel", "Grade"), lambda r: r.grade, "grade", centre
        ),
        Column(QCoreApplication.translate("CardsModel", "Stage"), lambda r: r.stage),
        Column(
            QCoreApplication.translate("CardsModel", "Trade"),
            lambda r: r.trade_status,
            "trade_status",
        ),
        Column(
            QCoreApplication.translate("CardsModel", "Secrecy"),
            lambda r: r.secrecy_label,
            "secrecy",
            centre,
        ),
        Column(QCoreApplication.translate("CardsModel", "Salesperson"), lambda r: r.salesperson),
        Column(QCoreApplication.translate("CardsModel", "Location"), lambda r: r.location),
        Column(
            QCoreApplication.translate("CardsModel", "On loan"),
            lambda r: QCoreApplication.translate("CardsModel", "on loan") if r.on_loan else "",
        ),
        Column(QCoreApplication.translate("CardsModel", "Retention"), lambda r: r.retention),
        Column(
            QCoreApplication.translate("CardsModel", "Retention due"),
            lambda r: r.retention_due.isoformat() if r.retention_due else "",
            "retention_due",
        ),
    ]


def _light(colour: str) -> str | None:
    """A pale tint of the category colour, so the text stays readable on it."""
    if not colour or len(colour) != 7:
        return None
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mix = [round(c * 0.25 + 255 * 0.75) for c in (r, g, b)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


class CardsModel(PagedModel[cards.CardRow]):
    def __init__(self, actor: Actor) -> None:
        self.card_source = CardSource(actor)
        super().__init__(card_columns(), self.card_source)

    def set_filter(self, flt: cards.CardFilter) -> None:
        self.card_source.filter = flt
        self.reload()

    def id_at(self, row: int) -> int | None:
        found = self.row_at(row)
        return found.id if found is not None and found.id else None

    def refresh_cards(self, card_ids: Collection[int]) -> int:
        """Read again the loaded rows of ``card_ids`` (changed elsewhere: lent, returned, handed
        over, edited) and repaint them; rows not loaded are read when shown. How many were."""
        wanted = set(card_ids)
        places = [
            (number, k, row.id)
            for number, page in self._pages.items()
            for k, row in enumerate(page)
            if row.id in wanted
        ]
        if not places:
            return 0
        fresh = {r.id: r for r in cards.card_rows(self.card_source.actor, [p[2] for p in places])}
        last = self.columnCount() - 1
        for number, k, card_id in places:
            page = self._pages[number] = list(self._pages[number])
            page[k] = fresh.get(card_id, _GONE)
            row = number * self.page_size + k
            self.dataChanged.emit(self.index(row, 0), self.index(row, last))
        return len(places)

    def gained(self, card_ids: Collection[int]) -> bool | None:
        """Whether the filter now matches cards the list does not hold (cards just created, an
        import's, or changed so they match): False when the list holds them all; True when it
        holds every match of its filter and not these; None when only its first ids were read
        (a long list) — then the count of the filter's matches tells (:meth:`total`)."""
        source = self.card_source
        if set(card_ids).issubset(source.ids):
            return False
        return True if source.complete else None

    @property
    def total(self) -> int:
        """The number of rows the list shows."""
        return self._total

    def row_of(self, card_id: int) -> int:
        try:
            return self.card_source.all_ids().index(card_id)
        except ValueError:
            return -1
