"""Count the statements the program runs (SQLite: its trace callback; PostgreSQL: every
``execute_sql`` of the open database): a list read in a fixed number of statements whatever its
length is the cure of an N+1 query."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from archive_desk.db import store
from archive_desk.db.models import database

_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The statements run inside the block (transaction control left out)."""
    seen: list[str] = []

    def trace(sql: str) -> None:
        if not sql.lstrip().upper().startswith(_CONTROL):
            seen.append(sql)

    if store.is_server():
        obj = database.obj
        real = obj.execute_sql

        def counted(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
            trace(sql)
            return real(sql, params, *args, **kwargs)

        obj.execute_sql = counted
        try:
            yield seen
        finally:
            del obj.execute_sql
        return
    conn = database.connection()
    conn.set_trace_callback(trace)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)
