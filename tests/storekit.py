"""The archive's own rows, read or changed beside the program: an independent connection to the
store a test runs on (``db_path``: a SQLite file or a PostgreSQL URL), as a person would check
with ``sqlite3`` or ``psql``. SQL is written with ``?`` placeholders; for PostgreSQL they become
``%s``, the table ``user`` is quoted and ``substr`` of a date reads its ISO text."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path
from typing import Any

from archive_desk.db.location import is_url


def is_server(db_path: Any) -> bool:
    return is_url(str(db_path))


def _pg_sql(sql: str, params: tuple[Any, ...]) -> tuple[str, tuple[Any, ...] | None]:
    sql = re.sub(r'(?<!")\buser\b(?!")(?=\s|$|\)|,)', '"user"', sql)
    # a date or time read as SQLite's ISO text
    sql = re.sub(r"substr\(([\w.]+),", r"substr(CAST(\1 AS text),", sql)
    if not params:
        return sql, None
    return sql.replace("%", "%%").replace("?", "%s"), params


def rows(db_path: Any, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (a SELECT)."""
    if is_server(db_path):
        import psycopg

        with psycopg.connect(str(db_path), autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(*_pg_sql(sql, params)).fetchall()]
    conn = sqlite3.connect(Path(db_path))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def scalar(db_path: Any, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return rows(db_path, sql, params)[0][0]


def execute(db_path: Any, sql: str, params: tuple[Any, ...] = ()) -> None:
    """Run ``sql`` and commit (a tampering test's change behind the program's back)."""
    if is_server(db_path):
        import psycopg

        with psycopg.connect(str(db_path), autocommit=True) as conn:
            conn.execute(*_pg_sql(sql, params))
        return
    with sqlite3.connect(Path(db_path)) as conn:
        conn.execute(sql, params)
    conn.close()
