"""What crosses the cards package's surface: the editor's draft and its parts, the list's
row, the whole card, a history line; and the field table the printed forms lay out (the one module
of the package that ``forms`` may import)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from archive_desk.cards._fields import CARD_FIELDS, FIELD_BY_NAME, GROUP_LABELS, FieldSpec

__all__ = [
    "CARD_FIELDS",
    "FIELD_BY_NAME",
    "GROUP_LABELS",
    "CardDraft",
    "CardRow",
    "CardView",
    "ContactInput",
    "DocumentInput",
    "FieldSpec",
    "Folder",
    "HistoryRow",
    "Location",
]


@dataclass(frozen=True)
class Location:
    """Where a folder is kept: 库房 › 柜 › 层 › 盒; a scope may stop at any level (a room, a
    cabinet, a shelf). Its text joins the parts given with ``-``, as the card list shows it."""

    room: str = ""
    cabinet: str = ""
    shelf: str = ""
    box: str = ""

    @property
    def parts(self) -> tuple[str, ...]:
        """The levels given, from the room down (a shelf: room, cabinet, shelf)."""
        given = [self.room, self.cabinet, self.shelf, self.box]
        while given and not given[-1]:
            given.pop()
        return tuple(given)

    @property
    def text(self) -> str:
        return "-".join(p for p in (self.room, self.cabinet, self.shelf, self.box) if p)

    def holds(self, other: Location) -> bool:
        """``other`` lies in this place (the same place, or inside it)."""
        mine = self.parts
        return bool(mine) and other.parts[: len(mine)] == mine


@dataclass(frozen=True)
class Folder:
    """A card as a scanner meets its folder: number, name, whether it is still kept, where."""

    id: int
    archive_no: str
    name: str
    status: str  # active | destroyed
    destroyed_on: dt.date | None
    location: Location


@dataclass
class ContactInput:
    name: str
    title: str = ""
    mobile: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""
    note: str = ""


@dataclass
class DocumentInput:
    title: str
    doc_type: str = ""
    is_original: bool = True
    pages: int | str = 1
    doc_date: dt.date | str | None = None
    note: str = ""
    id: int | None = None


@dataclass
class CardDraft:
    """What the editor collects: field values as typed, contact people and the contents list."""

    values: dict[str, Any] = field(default_factory=dict)
    contacts: list[ContactInput] = field(default_factory=list)
    documents: list[DocumentInput] = field(default_factory=list)


@dataclass(frozen=True)
class CardRow:
    """One line of the card list."""

    id: int
    archive_no: str
    name: str
    region: str
    category_code: str
    category: str
    category_color: str
    grade: str
    stage: str
    trade_status: str
    secrecy: int
    secrecy_label: str
    salesperson: str
    location: str
    retention: str
    retention_due: dt.date | None
    status: str
    on_loan: bool
    updated_at: dt.datetime


@dataclass(frozen=True)
class CardView:
    """A whole card as the editor and the printed card show it."""

    id: int
    archive_no: str
    version: int
    values: dict[str, Any]
    labels: dict[str, str]  # display text of choice/ref fields
    region_path: str
    category_code: str
    category_color: str
    status: str
    retention_due: dt.date | None
    trade_ended_on: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    former_names: list[tuple[str, dt.date | None]]
    contacts: list[ContactInput]
    documents: list[DocumentInput]
    on_loan_to: str | None
    on_loan_since: dt.datetime | None
    last_seen_on: dt.date | None = None
    last_seen_place: str = ""


@dataclass(frozen=True)
class HistoryRow:
    at: dt.datetime
    user: str
    action: str
    reported_by: str
    reason: str
    field: str
    old_value: str
    new_value: str
