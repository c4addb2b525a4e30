"""The store: where the archive lives, and the few things that differ between the two kinds.

An archive lives in a SQLite file (the embedded default: one desk) or in a PostgreSQL database
on the company's server (several clerks at once). :class:`Location` names it — a path, or a
``postgresql://user@host:port/dbname`` URL, given by ``--db``, ``$ARCHIVE_DESK_DB`` or the GUI's
settings — and never holds a password: one found in a URL is taken out (:func:`split_password`)
and handed to the connection only.

The services see one store through this module and portable peewee:

- :func:`kind` — ``"sqlite"`` or ``"postgresql"`` (for the search module and ``db/``);
- :func:`lock_rows` — lock rows a decision reads before it writes (``SELECT … FOR UPDATE`` on
  PostgreSQL, in id order so that two clerks never deadlock on them; nothing on SQLite, where
  ``BEGIN IMMEDIATE`` already lets one writer in at a time);
- :func:`batched` — writes whose results nobody reads, sent in one round trip (PostgreSQL's
  pipeline mode; a plain block on SQLite);
- :func:`retrying` — run a whole service again when PostgreSQL gives up a transaction on a
  deadlock or a serialisation failure (only services marked so: see its docstring);
- ``connection.transaction()`` (under ``procedures.changes.transaction()``) — one transaction
  on either kind, its errors told in Chinese.

What each kind does itself: :mod:`archive_desk.db.connection` (SQLite: pragmas, ``BEGIN
IMMEDIATE``, integrity check, errors by SQLite's result codes) and
:mod:`archive_desk.db.postgres` (session settings, row locks, error translation by SQLSTATE,
password sources, advisory-locked migrations). Backups: :mod:`archive_desk.db.backup` (SQLite's
online backup API) and :mod:`archive_desk.db.pgdump` (``pg_dump`` / ``pg_restore``). The search
index: :mod:`archive_desk.cards._search` (FTS5 and grams on SQLite, grams and pg_trgm on
PostgreSQL).
"""

from __future__ import annotations

import contextlib
import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

import peewee

from archive_desk.db.location import POSTGRESQL, SQLITE
from archive_desk.db.models import database

log = logging.getLogger(__name__)


F = TypeVar("F", bound=Callable[..., Any])


def kind(db: peewee.Database | None = None) -> str:
    """The kind of the open store (or of ``db``)."""
    obj = db if db is not None else database.obj
    return POSTGRESQL if isinstance(obj, peewee.PostgresqlDatabase) else SQLITE


def is_server() -> bool:
    return kind() == POSTGRESQL


def lock_rows(model: type[peewee.Model], ids: Iterable[int]) -> None:
    """Lock the rows ``ids`` of ``model`` until the transaction ends (PostgreSQL: ``FOR
    UPDATE`` in id order; SQLite: nothing, its one writer at a time needs none). Call inside
    the transaction, before reading what the decision depends on."""
    wanted = sorted(set(ids))
    if not wanted or kind() != POSTGRESQL:
        return
    from archive_desk.db.prepared import Slot, prepared

    pk: Any = model._meta.primary_key
    statement = prepared(  # built by peewee once per model and number of rows (~0.5 ms each)
        ("store.lock_rows", model, len(wanted)),
        lambda: (
            model.select(pk)
            .where(pk.in_([Slot(f"id{k}", pk) for k in range(len(wanted))]))
            .order_by(pk)
            .for_update()
        ),
    )
    # nothing to read: inside batched() the read after it goes along
    statement.run(**{f"id{k}": v for k, v in enumerate(wanted)})


def for_update(query: peewee.Select) -> peewee.Select:
    """``query`` locking the rows it reads (PostgreSQL); unchanged on SQLite."""
    return query.for_update() if kind() == POSTGRESQL else query


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Writes whose results nobody reads (no id, no count of rows changed), sent together: on
    PostgreSQL in psycopg's pipeline mode, one round trip to the server for all of them instead
    of one each (the audit event and its head, on every service call); an error among them is
    raised as peewee's at the end of the block, and the service's transaction rolls back as it
    would at the statement. A plain block on SQLite, whose statements cost no round trip."""
    if kind() != POSTGRESQL:
        yield
        return
    conn = database.connection()
    errors: Any = peewee.__exception_wrapper__  # type: ignore[attr-defined]  # peewee's own
    with errors, conn.pipeline():
        yield


# --- transactions and retries -------------------------------------------------------------


RETRIES = 3
_depth = threading.local()


def retrying(fn: F) -> F:
    """Run the service ``fn`` again (up to :data:`RETRIES` times, after a short random pause)
    when the server gave up its transaction on a deadlock or a serialisation failure.

    Only for services that are safe to run twice: everything they decide on is read inside
    their transaction, and nothing happens outside it before the commit (no file written, no
    pad signature of a state the retry would not see). A versioned service is safe: run again,
    it refuses with :class:`~archive_desk.errors.StaleRecord` if the record moved on. Elsewhere
    the clerk is told (the :class:`~archive_desk.errors.Conflict` of :func:`transaction`).
    On SQLite (one writer at a time) it is a plain call. Nested retrying services retry only
    at the outermost.
    """
    from archive_desk.errors import RetryableConflict

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        depth = getattr(_depth, "n", 0)
        if depth or kind() != POSTGRESQL:
            return fn(*args, **kwargs)
        _depth.n = depth + 1
        try:
            for attempt in range(RETRIES + 1):
                try:
                    return fn(*args, **kwargs)
                except RetryableConflict:
                    if attempt == RETRIES:
                        raise
                    log.info("%s: retried after a deadlock or serialisation failure", fn.__name__)
                    time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        finally:
            _depth.n = depth
        raise AssertionError("unreachable")

    return cast(F, run)
