"""Opening the store: pragmas, migrations, integrity, transactions (optimistic locking is
:mod:`archive_desk.procedures.records`).

The embedded default is a SQLite file in WAL mode with foreign keys on, a busy timeout and
``synchronous=FULL`` so a power cut never loses a committed transaction. Every transaction begins
``IMMEDIATE``: a writer takes the write lock at ``BEGIN`` instead of failing half-way through when
a second program instance writes at the same time.

This is one of the two modules that know the database is SQLite (the other is
:mod:`archive_desk.cards._search`); the models and services use portable peewee only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee
from peewee import Database, SqliteDatabase

from archive_desk.db.models import database
from archive_desk.errors import DatabaseError, DatabaseTooNew

if TYPE_CHECKING:
    from playhouse.migrations import Runner

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
MIGRATION_TABLE = "schema_migration"

PRAGMAS: dict[str, Any] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": 2,  # FULL
    "cache_size": -32_000,  # 32 MB
}

ENV_DB = "ARCHIVE_DESK_DB"
STALE_MESSAGE = (
    "这条记录已被其他人修改（或在另一窗口中保存过）。请重新打开后再修改，您的修改没有保存。"
)


def default_db_path() -> Path:
    """``--db`` is handled by the caller; then ``$ARCHIVE_DESK_DB``; then the user's data folder."""
    env = os.environ.get(ENV_DB)
    if env:
        return Path(env).expanduser()
    import platformdirs

    from archive_desk import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "archive-desk.db"


def make_sqlite(path: str | Path) -> SqliteDatabase:
    """A configured (not yet connected) SQLite database for ``path``."""
    return SqliteDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")


def open_database(path: str | Path, *, migrate: bool = True, check: bool = True) -> Database:
    """Bind the models to the SQLite file at ``path``, migrate it and check its integrity.

    Raises :class:`DatabaseTooNew` for a file written by a newer program and
    :class:`DatabaseError` for one that cannot be opened or fails the integrity check.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"无法创建数据库所在的文件夹：{path.parent}（{exc.strerror}）") from exc
    db = make_sqlite(path)
    database.initialize(db)
    with translate_errors():
        db.connect(reuse_if_open=True)
        if check:
            problems = startup_problems(db, path)
            if problems:
                raise DatabaseError(
                    "数据库文件已损坏（完整性检查未通过）：" + "；".join(problems[:3])
                )
        if migrate:
            migrate_database(db)
    log.info("database opened: %s", path)
    return db


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def migration_runner(db: Database) -> Runner:
    # imported only when there is something to migrate: ~20 ms of every start otherwise
    from playhouse.migrations import Runner

    return Runner(db, directory=str(MIGRATIONS_DIR), table_name=MIGRATION_TABLE)


def known_migrations() -> list[str]:
    return sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.py"))


def applied_migrations(db: Database) -> list[str]:
    """The migrations recorded in the file (none for a new file)."""
    if MIGRATION_TABLE not in db.get_tables():
        return []
    return [r[0] for r in db.execute_sql(f'SELECT name FROM "{MIGRATION_TABLE}"')]


def schema_version(db: Database) -> int:
    """The number of the newest applied migration (0 for an empty file)."""
    names = applied_migrations(db)
    return max((int(n.split("_", 1)[0]) for n in names), default=0)


def migrate_database(db: Database) -> list[str]:
    """Apply pending migrations; refuse a database that a newer program has migrated."""
    applied = set(applied_migrations(db))
    known = set(known_migrations())
    unknown = sorted(applied - known)
    if unknown:
        raise DatabaseTooNew(
            "这个数据库由更新版本的档案台创建（架构 "
            f"{', '.join(unknown)}），本程序无法安全使用它。请升级档案台后再打开。"
        )
    if not known - applied:
        return []
    done: list[str] = migration_runner(db).up()
    if done:
        log.info("migrations applied: %s", ", ".join(done))
    return done


# A full integrity check reads every page: ~12 ms per MB here, 28 s for a 2.3 GB archive of a
# million loans. Up to this size it runs at every start; above it the start checks the schema and
# the small tables, and the whole file is checked by every backup (its copy) and by
# ``archive-desk check``.
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024
STARTUP_CHECK_TABLES = ("schema_migration", "setting", "sequence", "user", "department")


def startup_problems(db: Database, path: Path) -> list[str]:
    """The integrity check run when the program opens the file (bounded for big files)."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size <= FULL_CHECK_MAX_BYTES:
        return integrity_problems(db)
    db.execute_sql("SELECT count(*) FROM sqlite_master").fetchone()  # the schema is readable
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
    problems: list[str] = []
    for table in STARTUP_CHECK_TABLES:
        if table in tables:
            rows = db.execute_sql(f'PRAGMA integrity_check("{table}")').fetchall()
            problems += [r[0] for r in rows if r[0] != "ok"]
    return problems


def integrity_problems(db: Database) -> list[str]:
    """``PRAGMA integrity_check``: an empty list when the file is sound."""
    rows = db.execute_sql("PRAGMA integrity_check").fetchall()
    messages = [r[0] for r in rows]
    return [] if messages == ["ok"] else messages


def foreign_key_problems(db: Database) -> list[str]:
    rows = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    return [f"{r[0]} 第 {r[1]} 行引用了不存在的 {r[2]}" for r in rows]


# --- errors the clerk can act on ----------------------------------------------------------


def _explain(exc: BaseException) -> str | None:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "数据库正被另一个档案台窗口或程序占用，请稍后再试。"
    if "full" in text:
        return "磁盘已满，未能保存。请清理磁盘空间后重试，已保存的数据没有丢失。"
    if "readonly" in text or "read-only" in text:
        return "数据库文件是只读的，无法保存。请检查文件权限或所在磁盘。"
    if "unable to open" in text:
        return "无法打开数据库文件，请检查路径和权限。"
    if "not a database" in text or "malformed" in text:
        return "数据库文件已损坏或不是档案台的数据库。可以从备份恢复。"
    if "disk i/o" in text:
        return "读写磁盘出错，未能保存。请检查磁盘后重试。"
    return None


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn locked / full / read-only / damaged database errors into :class:`DatabaseError`."""
    try:
        yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.OperationalError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        message = _explain(exc)
        if message is None:
            raise
        raise DatabaseError(message) from exc


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """One service action: a single (IMMEDIATE) transaction; known database errors translated."""
    with translate_errors(), database.atomic():
        yield
