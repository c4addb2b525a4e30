"""Queries that peewee builds once and the services run many times with new values.

Building the SQL of a query is peewee's dearest step: ~0.3–0.5 ms for a select of a whole row or
an insert on this hardware, against ~20 µs for SQLite to run it. A service that runs the same
shapes of query on every call (a loan: ~50 statements) builds each shape once with :class:`Slot`
placeholders where its values go; :func:`prepared` keeps the built SQL per database class, and
:meth:`Prepared.run` substitutes the values (through the column's ``db_value``) and converts the
selected columns back (``python_value``), as peewee would. Portable: peewee still writes the SQL,
always in the open database's dialect (placeholders, quoting), also for a query bound to no
database; an insert returns its new id through ``RETURNING`` where the database has it
(PostgreSQL), as peewee's own insert does.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

import peewee

from archive_desk.db.models import database


class _Mark:
    __slots__ = ("converter", "name")

    def __init__(self, name: str, converter: Callable[[Any], Any] | None) -> None:
        self.name, self.converter = name, converter


class Slot(peewee.Node):
    """Where the value ``name`` goes; converted by ``field.db_value`` (or the column compared;
    ``raw``: passed as it is, e.g. a list that the driver sends as an array)."""

    def __init__(self, name: str, field: peewee.Field | None = None, *, raw: bool = False) -> None:
        self.name = name
        self.field = field
        self.raw = raw

    def __sql__(self, ctx: peewee.Context) -> peewee.Context:
        if self.raw:
            converter = None
        else:
            converter = self.field.db_value if self.field is not None else ctx.state.converter
        return ctx.value(_Mark(self.name, converter), converter=False)


class Prepared:
    """One built statement: its SQL, its fixed parameters and where the slots' values go."""

    def __init__(self, query: peewee.Query) -> None:
        db = database.obj
        returns = getattr(query, "_returning", None)
        if isinstance(query, peewee.Insert) and db.returning_clause and not returns:
            pk = query.table._meta.primary_key if hasattr(query.table, "_meta") else None
            if isinstance(pk, peewee.AutoField):
                query = query.returning(pk)
        # the open database's dialect, not the query's own (an unbound query would be
        # rendered with SQLite's "?" placeholders)
        self.sql, params = db.get_sql_context().sql(query).query()
        self.params: list[Any] = list(params)
        self.slots = [(i, p) for i, p in enumerate(self.params) if isinstance(p, _Mark)]
        returning = getattr(query, "_returning", None) or ()
        self.columns: list[Callable[[Any], Any] | None] = [
            c.python_value if isinstance(c, peewee.Field) else None for c in returning
        ]
        self.names: list[str] = [getattr(c, "name", "") for c in returning]

    def args(self, values: dict[str, Any]) -> list[Any]:
        args = list(self.params)
        for i, mark in self.slots:
            value = values[mark.name]
            args[i] = mark.converter(value) if mark.converter and value is not None else value
        return args

    def run(self, **values: Any) -> Any:
        """Execute; the database's cursor."""
        return database.execute_sql(self.sql, self.args(values))

    def run_many(self, rows: Iterable[dict[str, Any]]) -> None:
        """Execute once per dict of ``rows`` (one ``executemany``: an import's thousands of
        history lines or audit events)."""
        database.cursor().executemany(self.sql, [self.args(values) for values in rows])

    def rows(self, **values: Any) -> list[tuple[Any, ...]]:
        """The selected rows as tuples, each column converted as its field reads it."""
        return self.rows_of(self.run(**values))

    def rows_of(self, cursor: Any) -> list[tuple[Any, ...]]:
        """The rows of ``cursor`` (this statement run, e.g. inside :func:`store.batched`, read
        after it) as :meth:`rows` gives them."""
        convert = self.columns
        out = []
        for row in cursor.fetchall():
            out.append(
                tuple(
                    v if f is None or v is None else f(v)
                    for v, f in zip(row, convert, strict=False)
                )
            )
        return out

    def one(self, **values: Any) -> tuple[Any, ...] | None:
        rows = self.rows(**values)
        return rows[0] if rows else None

    def insert(self, **values: Any) -> int:
        """Execute an insert; the new row's id."""
        cursor = self.run(**values)
        if self.columns:  # RETURNING the id (PostgreSQL)
            return int(cursor.fetchone()[0])
        return int(database.last_insert_id(cursor))

    def update(self, **values: Any) -> int:
        """Execute an update or delete; the number of rows it changed."""
        return int(database.rows_affected(self.run(**values)))

    def instance(self, model: type[peewee.Model], row: Sequence[Any]) -> Any:
        """A model instance of a selected row (as peewee's own select would give it)."""
        return loaded(model, dict(zip(self.names, row, strict=False)))


def loaded(model: type[peewee.Model], fields: dict[str, Any]) -> Any:
    """A model instance holding ``fields``, as if read from the database (nothing to save).

    Built as peewee's ``Model.__init__`` would (``__no_default__``), its data set at once: the
    field-by-field ``setattr`` of the constructor cost ~4 µs an instance, ~10 % of a loan's
    Python time once the services read their rows as models (issue 13)."""
    obj: Any = model.__new__(model)
    known = model._meta.fields
    obj.__data__ = {name: value for name, value in fields.items() if name in known}
    obj._dirty = set()
    obj.__rel__ = {}
    for name, value in fields.items():
        if name not in known:  # an alias or an id accessor: as the constructor would set it
            setattr(obj, name, value)
            obj._dirty.discard(name)
    return obj


# the statements built, the least recently used dropped past KEEP: some keys hold a number of
# rows (the cards a hold or a lock is asked for), and a long day would otherwise keep one
# statement for every size it met
KEEP = 512
_built: OrderedDict[tuple[type, Hashable], Prepared] = OrderedDict()
_lock = threading.Lock()  # the GUI's thread and its workers build statements


def prepared(key: Hashable, build: Callable[[], peewee.Query]) -> Prepared:
    """The statement ``key``, built by ``build`` the first time for this kind of database (and
    again if it was dropped as one of the least recently used past :data:`KEEP`)."""
    full = (type(database.obj), key)
    with _lock:
        found = _built.get(full)
        if found is not None:
            _built.move_to_end(full)
            return found
    found = Prepared(build())  # built outside the lock: a build may itself ask for a statement
    with _lock:
        _built[full] = found
        while len(_built) > KEEP:
            _built.popitem(last=False)
    return found


def insert_statement(model: type[peewee.Model], names: Sequence[str]) -> peewee.Query:
    """``INSERT`` of the fields ``names`` of ``model``, each value a slot of the same name."""
    fields = model._meta.fields
    baked = [f.name for f in fields.values() if f.name not in names and callable(f.default)]
    if baked:  # built once, a callable default would be frozen at its first value
        raise ValueError(f"{model.__name__}: give {', '.join(baked)} explicitly")
    return model.insert({fields[n]: Slot(n, fields[n]) for n in names})
