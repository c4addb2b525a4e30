"""Inspection's statements that run on every scan of an inventory, built by peewee once and run
with new values (:mod:`archive_desk.db.prepared`): the one module of the package that prepares
SQL. A scan runs nine statements; built each time they cost peewee ~2 ms, against ~0.1 ms to
run them and ~0.4 ms for the durable commit (measured: the scan row of ``make bench``, 100,000
cards). Everything else in the package is plain peewee.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from archive_desk.db.models import Inspection, InventoryItem
from archive_desk.db.prepared import Slot, insert_statement, prepared
from archive_desk.inspection._states import RoundKind


def inventory(inventory_id: int) -> tuple[str, str, str, str, str, str, str, str] | None:
    """(number, state, scope kind, scope label, room, cabinet, shelf, box) of an inventory."""
    query = prepared(
        "inspection.scanning",
        lambda: Inspection.select(
            Inspection.number, Inspection.state, Inspection.scope_kind, Inspection.scope_label,
            Inspection.scope_room, Inspection.scope_cabinet, Inspection.scope_shelf,
            Inspection.scope_box,
        ).where((Inspection.id == Slot("id")) & (Inspection.kind == RoundKind.INVENTORY)),
    )  # fmt: skip
    row = query.one(id=inventory_id)
    return None if row is None else (row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7])


@dataclass(frozen=True)
class Line:
    """An inventory's line as a scan meets it."""

    id: int
    expected: bool
    lent_at_start: bool
    result: str | None
    scans: int
    first_scan_at: dt.datetime | None
    recorded_location: str


def line(inventory_id: int, code: str) -> Line | None:
    query = prepared(
        "inspection.line",
        lambda: InventoryItem.select(
            InventoryItem.id, InventoryItem.expected, InventoryItem.lent_at_start,
            InventoryItem.result, InventoryItem.scans, InventoryItem.first_scan_at,
            InventoryItem.recorded_location,
        ).where((InventoryItem.inventory == Slot("inventory")) & (InventoryItem.code == Slot("code"))),
    )  # fmt: skip
    row = query.one(inventory=inventory_id, code=code)
    return None if row is None else Line(*row)


_NEW = ("inventory", "card", "code", "expected", "lent_at_start", "recorded_location", "result",
        "scans", "first_scan_at", "last_scan_at", "action", "note")  # fmt: skip


def add_line(**values: Any) -> int:
    """A line for a folder scanned that was not on the list (or an unknown code)."""
    statement = prepared("inspection.line_insert", lambda: insert_statement(InventoryItem, _NEW))
    return statement.insert(
        expected=False, lent_at_start=False, scans=1, action="", note="", **values
    )


def first_scan(item_id: int, result: str, at: dt.datetime) -> None:
    prepared(
        "inspection.first_scan",
        lambda: InventoryItem.update(
            result=Slot("result", InventoryItem.result), scans=1,
            first_scan_at=Slot("at", InventoryItem.first_scan_at),
            last_scan_at=Slot("at", InventoryItem.last_scan_at),
        ).where(InventoryItem.id == Slot("id")),
    ).update(id=item_id, result=result, at=at)  # fmt: skip


def scanned_again(item_id: int, at: dt.datetime) -> None:
    prepared(
        "inspection.scanned_again",
        lambda: InventoryItem.update(
            scans=InventoryItem.scans + 1, last_scan_at=Slot("at", InventoryItem.last_scan_at)
        ).where(InventoryItem.id == Slot("id")),
    ).update(id=item_id, at=at)
