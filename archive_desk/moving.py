"""Moving a desk to the server: copy a SQLite archive into an empty PostgreSQL database, verified
(a service: it checks and extends the audit chain, so it lives beside ``backups``, not in ``db``).

``archive-desk --db desk.db migrate --to postgresql://…`` (:func:`migrate_to`):

1. The SQLite file is copied with SQLite's online backup API into a scratch file, which is
   brought to this program's schema (the migrations) and checked. The desk's own file is only
   read: it stays as it was, byte for byte (a desk still open elsewhere is copied consistently).
2. The server's database is opened (migrated to the same schema) and must hold no archive yet:
   no card, user, loan, slip or audit event (``--replace`` empties one that does).
3. In one transaction on the server: the rows the migrations put there (regions, categories,
   loan rules) are deleted, then every table of the models, and the reading lattices, is copied
   in foreign-key order with ``COPY``, ids kept, each value read as its field reads it (SQLite's
   ISO text → timestamps and dates, 0/1 → booleans). A table that refers to itself (regions) gets
   those references after its rows. The id sequences are set past the highest id.
4. Verified before the commit: the row count of every table equal on both sides; the audit chain
   verifies on the server and ends at the desk's head; every number counter equal; a sample of
   rows of every table (the first, the last and evenly spread ones, up to :data:`SAMPLE` a
   table) equal field by field. Any difference rolls everything back and names the table.
5. An audit event ``database.migrate`` (the source file, the counts) ends the copy, on the
   server, in the same transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from archive_desk.db.location import Location
from archive_desk.db.models import ALL_MODELS, database
from archive_desk.db.models import Sequence as Counter
from archive_desk.errors import DatabaseError, KnownError

log = logging.getLogger(__name__)

SAMPLE = 200
BATCH = 5000
# tables the program keeps beside its models (the search's reading lattices)
EXTRA_TABLES = {"card_pinyin": ("card_id", "lattice")}
# what makes a database an archive already (the migrations fill only classification and rules)
ARCHIVE_TABLES = ("card", "user", "borrowing", "handover", "audit_event")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Migrated:
    """A finished copy: rows per table, audit events, and what was compared."""

    counts: dict[str, int]
    events: int
    sampled: int

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


class CopyMismatch(DatabaseError):
    """The copy on the server differs from the desk's archive: nothing was kept."""


def migrate_to(
    source: Path,
    target: Location,
    *,
    password: str | None = None,
    replace: bool = False,
    actor_name: str = "",
    progress: Progress = log.info,
) -> Migrated:
    """Copy the SQLite archive ``source`` into the server database ``target`` and verify it
    (see the module's docstring). Leaves ``target`` open as the program's store."""
    from archive_desk.db import backup
    from archive_desk.db.connection import close_database, open_database

    source = Path(source)
    if not source.is_file():
        raise DatabaseError(f"数据库文件不存在：{source}")
    with tempfile.TemporaryDirectory(prefix="archive-desk-migrate-") as scratch:
        copy = Path(scratch) / "source.db"
        progress(f"读取 {source} …")
        backup.backup_now(source, copy)
        open_database(copy)  # the scratch copy, brought to this program's schema
        close_database()
        progress(f"连接 {target.label} …")
        open_database(target, password=password)
        _refuse_an_archive(target, replace)
        with contextlib.closing(sqlite3.connect(copy)) as src:
            return _copy_and_verify(src, source, target, actor_name, progress)


def _refuse_an_archive(target: Location, replace: bool) -> None:
    held = [t for t in ARCHIVE_TABLES if _count_target(t)]
    if held and not replace:
        raise KnownError(
            f"{target.label}上已经有档案（{'、'.join(held)} 表中有数据），没有复制。"
            "如确要用这份档案替换服务器上的全部内容，请加 --replace。"
        )


def _models() -> list[type[peewee.Model]]:
    return list(peewee.sort_models(ALL_MODELS))  # type: ignore[attr-defined]


def _count_target(table: str) -> int:
    return int(database.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0])


def _copy_and_verify(
    src: sqlite3.Connection, source: Path, target: Location, actor_name: str, progress: Progress
) -> Migrated:
    from archive_desk import audit

    db = database.obj
    conn = db.connection()
    with db.atomic():
        for model in reversed(_models()):
            database.execute_sql(f'DELETE FROM "{model._meta.table_name}"')
        for table in EXTRA_TABLES:
            database.execute_sql(f'DELETE FROM "{table}"')
        counts: dict[str, int] = {}
        for model in _models():
            counts[model._meta.table_name] = _copy_model(src, conn, model, progress)
        for table, columns in EXTRA_TABLES.items():
            counts[table] = _copy_rows(src, conn, table, columns, [None] * len(columns), progress)
        _set_sequences()
        progress("核对副本 …")
        sampled = _verify(src, counts)
        chain = audit.verify_chain()
        if not chain.ok:
            raise CopyMismatch("服务器上的审计链没有通过核对：" + "；".join(chain.problems[:3]))
        source_head = src.execute("SELECT value FROM setting WHERE key = ?", (audit.HEAD_KEY,))
        head = source_head.fetchone()
        if head is not None and not audit.head_is(head[0]):
            raise CopyMismatch("服务器上的审计链末尾与原档案不同。")
        after = {"source": str(source), "counts": counts, "by": actor_name}
        audit.record(None, "database.migrate", "database", after=after, at=_now())
    progress(f"已复制并核对：{sum(counts.values()):,} 行，审计事件 {chain.events:,} 条。")
    return Migrated(counts=counts, events=chain.events, sampled=sampled)


def _now() -> dt.datetime:
    from archive_desk.clock import SYSTEM_CLOCK

    return SYSTEM_CLOCK.now()


def _key_fields(model: type[peewee.Model]) -> list[Any]:
    primary: Any = model._meta.primary_key
    if isinstance(primary, peewee.CompositeKey):
        return [model._meta.fields[n] for n in primary.field_names]
    return [primary]


def _self_references(model: type[peewee.Model]) -> list[str]:
    return [
        f.column_name
        for f in model._meta.sorted_fields
        if isinstance(f, peewee.ForeignKeyField) and f.rel_model is model
    ]


def _copy_model(
    src: sqlite3.Connection, conn: Any, model: type[peewee.Model], progress: Progress
) -> int:
    table = model._meta.table_name
    fields = model._meta.sorted_fields
    columns = [f.column_name for f in fields]
    converters: list[Any] = [f.python_value for f in fields]
    later = _self_references(model)
    key = [f.column_name for f in _key_fields(model)]
    count = _copy_rows(src, conn, table, columns, converters, progress, nulled=later, key=key)
    if later and count:
        pk = _key_fields(model)[0].column_name
        cols = ", ".join(f'"{c}"' for c in later)
        rows = src.execute(f'SELECT "{pk}", {cols} FROM "{table}"').fetchall()
        sets = ", ".join(f'"{c}" = %s' for c in later)
        with conn.cursor() as cur:
            cur.executemany(
                f'UPDATE "{table}" SET {sets} WHERE "{pk}" = %s',
                [(*row[1:], row[0]) for row in rows if any(v is not None for v in row[1:])],
            )
    return count


def _copy_rows(
    src: sqlite3.Connection,
    conn: Any,
    table: str,
    columns: Sequence[str],
    converters: Sequence[Any],
    progress: Progress,
    *,
    nulled: Sequence[str] = (),
    key: Sequence[str] = (),
) -> int:
    """``COPY`` the rows of ``table`` (each value through its converter; ``nulled`` columns
    left empty for now)."""
    cols = ", ".join(f'"{c}"' for c in columns)
    blank = [c in nulled for c in columns]
    count = 0
    order = ", ".join(f'"{c}"' for c in (key or columns[:1]))
    reader = src.execute(f'SELECT {cols} FROM "{table}" ORDER BY {order}')
    with conn.cursor() as cur, cur.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
        while True:
            rows = reader.fetchmany(BATCH)
            if not rows:
                break
            for row in rows:
                copy.write_row(
                    [
                        None if b or v is None else (f(v) if f is not None else v)
                        for v, f, b in zip(row, converters, blank, strict=True)
                    ]
                )
            count += len(rows)
            if count % (BATCH * 40) == 0:
                progress(f"  {table}: {count:,} 行 …")
    if count:
        progress(f"  {table}: {count:,} 行")
    return count


def _set_sequences() -> None:
    """Each table's id sequence past its highest id (the rows kept their ids)."""
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if not isinstance(pk, peewee.AutoField):
            continue
        table, column = model._meta.table_name, pk.column_name
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"'
        )


def _verify(src: sqlite3.Connection, counts: dict[str, int]) -> int:
    """Counts on both sides, the counters, and a sample of each table field by field; the
    number of rows compared."""
    for table, copied in counts.items():
        (there,) = src.execute(f'SELECT count(*) FROM "{table}"').fetchone()
        if there != copied or _count_target(table) != copied:
            raise CopyMismatch(
                f"表 {table} 的行数不一致（原档案 {there}，服务器 {_count_target(table)}）。"
            )
    theirs = dict(src.execute("SELECT name, value FROM sequence").fetchall())
    counters: Any = Counter.select(Counter.name, Counter.value).tuples()
    ours = dict(counters)
    if theirs != ours:
        raise CopyMismatch("编号计数器与原档案不一致。")
    compared = 0
    for model in _models():
        compared += _compare_sample(src, model)
    return compared


def _sample_keys(src: sqlite3.Connection, table: str, pk: Sequence[str]) -> list[tuple[Any, ...]]:
    cols = ", ".join(f'"{c}"' for c in pk)
    keys = [tuple(r) for r in src.execute(f'SELECT {cols} FROM "{table}" ORDER BY {cols}')]
    if len(keys) <= SAMPLE:
        return keys
    step = len(keys) / (SAMPLE - 1)
    return sorted({keys[min(len(keys) - 1, round(i * step))] for i in range(SAMPLE)})


def _compare_sample(src: sqlite3.Connection, model: type[peewee.Model]) -> int:
    table = model._meta.table_name
    fields = model._meta.sorted_fields
    pk = [f.column_name for f in _key_fields(model)]
    cols = ", ".join(f'"{f.column_name}"' for f in fields)
    where_src = " AND ".join(f'"{c}" = ?' for c in pk)
    where_pg = " AND ".join(f'"{c}" = %s' for c in pk)
    keys = _sample_keys(src, table, pk)
    for key in keys:
        mine = src.execute(f'SELECT {cols} FROM "{table}" WHERE {where_src}', key).fetchone()
        theirs = database.execute_sql(
            f'SELECT {cols} FROM "{table}" WHERE {where_pg}', list(key)
        ).fetchone()
        if theirs is None:
            raise CopyMismatch(f"表 {table} 的记录 {key} 没有复制到服务器。")
        for f, a, b in zip(fields, mine, theirs, strict=True):
            if _norm(f, a) != _norm(f, b):
                raise CopyMismatch(
                    f"表 {table} 的记录 {key} 的字段 {f.name} 不一致：{_norm(f, a)!r} ≠ {_norm(f, b)!r}"
                )
    return len(keys)


def _norm(field: peewee.Field, value: Any) -> Any:
    """A value as its field reads it, comparable across the stores."""
    if value is None:
        return None
    value = field.python_value(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value
