"""Versioned rows: read one for a change (:func:`load`) and change it only if nobody saved it
since (:func:`update`, :func:`apply`). The one implementation of optimistic locking.

Both run through statements peewee builds once per model and set of fields
(:mod:`archive_desk.db.prepared`): a loan changes its head four times, and building an UPDATE
costs peewee ~0.4 ms against ~20 µs for SQLite to run it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import peewee

from archive_desk.db.connection import STALE_MESSAGE
from archive_desk.db.models import BaseModel
from archive_desk.db.prepared import Slot, prepared
from archive_desk.errors import NotFound, StaleRecord

M = TypeVar("M", bound=BaseModel)


def read(model: type[M], pk: int) -> M | None:
    """Row ``pk`` of ``model`` as a model instance, or None."""
    query = prepared(
        ("records.read", model),
        lambda: model.select().where(model._meta.primary_key == Slot("id")),
    )
    row = query.one(id=pk)
    return None if row is None else query.instance(model, row)


def load(
    model: type[M],
    pk: int,
    version: int,
    *,
    missing: str,
    reader: Callable[[int], M | None] | None = None,
) -> M:
    """Row ``pk`` as it is now, for a change based on ``version``: :class:`NotFound` (with the
    Chinese ``missing``) when it is gone, :class:`StaleRecord` when someone saved it since.
    ``reader`` reads the row when the procedure needs more than its own columns."""
    row = (reader or (lambda key: read(model, key)))(pk)
    if row is None:
        raise NotFound(missing)
    if cast(Any, row).version != version:
        raise StaleRecord(STALE_MESSAGE)
    return row


def update(model: type[BaseModel], pk: int, expected_version: int, **fields: Any) -> int:
    """Update ``fields`` of row ``pk`` only if it is still at ``expected_version``; the new
    version. :class:`StaleRecord` when someone else saved first, so a save based on a stale copy
    never overwrites silently."""
    if any(isinstance(v, peewee.Node) for v in fields.values()):
        raise TypeError("records.update takes values, not expressions")
    names = tuple(sorted(fields))
    by_name = model._meta.combined
    statement = prepared(
        ("records.update", model, names),
        lambda: model.update(
            {model.version: Slot("new_version")}  # type: ignore[attr-defined]
            | {by_name[n]: Slot(n, by_name[n]) for n in names}
        ).where(
            (model._meta.primary_key == Slot("id")) & (model.version == Slot("version"))  # type: ignore[attr-defined]
        ),
    )
    new_version = expected_version + 1
    changed = statement.update(id=pk, version=expected_version, new_version=new_version, **fields)
    if changed != 1:
        raise StaleRecord(STALE_MESSAGE)
    return new_version


def apply(row: M, **fields: Any) -> M:
    """:func:`update` the loaded ``row`` and set the same values on it: the row as it now is."""
    row.version = update(type(row), row.id, row.version, **fields)  # type: ignore[attr-defined]
    for name, value in fields.items():
        setattr(row, name, value)
    cast(Any, row)._dirty.clear()
    return row
