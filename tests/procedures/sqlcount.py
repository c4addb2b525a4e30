"""Count the statements SQLite runs (its trace callback): a list read in a fixed number of
statements whatever its length is the cure of an N+1 query."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from archive_desk.db.models import database


@contextlib.contextmanager
def statements() -> Iterator[list[str]]:
    """The statements run inside the block (transaction control left out)."""
    seen: list[str] = []
    conn = database.connection()

    def trace(sql: str) -> None:
        if (
            not sql.lstrip()
            .upper()
            .startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))
        ):
            seen.append(sql)

    conn.set_trace_callback(trace)
    try:
        yield seen
    finally:
        conn.set_trace_callback(None)
