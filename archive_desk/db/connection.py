"""Opening the store: pragmas, migrations, integrity, transactions (optimistic locking is
:mod:`archive_desk.procedures.records`).

:func:`open_database` takes a SQLite path or a ``postgresql://`` URL (:mod:`archive_desk.db.store`);
a URL is opened by :mod:`archive_desk.db.postgres`, everything else here is the SQLite store.
:func:`translate_errors` tells both kinds' errors in Chinese.

The embedded default is a SQLite file in WAL mode with foreign keys on, a busy timeout and
``synchronous=FULL`` so a power cut never loses a committed transaction. Every transaction begins
``IMMEDIATE``: a writer takes the write lock at ``BEGIN`` instead of failing half-way through when
a second program instance writes at the same time.

With :mod:`archive_desk.db.backup` and :mod:`archive_desk.cards._search` this is where the
program knows the database is SQLite; the models and services use portable peewee only.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import peewee
from peewee import Database, SqliteDatabase

from archive_desk.db.location import Location, is_url, split_password
from archive_desk.db.models import database
from archive_desk.db.schema import migrate_database
from archive_desk.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DiskFull,
    KnownError,
    ReadOnlyStorage,
    StorageFault,
    StorageMissing,
)

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)


PRAGMAS: dict[str, Any] = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10_000,
    "synchronous": 2,  # FULL
    "cache_size": -32_000,  # 32 MB
    # a deleted or rewritten row's old bytes are zeroed, not left in the file's free space (a
    # destroyed card's personal data); Debian's SQLite does so by default, other builds do not
    "secure_delete": 1,
}

UNSAVED = "刚才的操作没有保存。"  # in a message met while working (not while opening)
STALE_MESSAGE = (
    "这条记录已被其他人修改（或在另一窗口中保存过）。请重新打开后再修改，您的修改没有保存。"
)


def _in_transaction(db: Database) -> bool:
    conn = db._state.conn  # type: ignore[attr-defined]  # never opens a connection to ask
    return conn is not None and bool(conn.in_transaction)


class _Savepoint(peewee._savepoint):
    """A savepoint whose rollback does not fail when SQLite already rolled everything back."""

    def rollback(self, begin: bool = True) -> None:
        if not _in_transaction(self.db):
            log.warning("savepoint not rolled back: SQLite had already ended the transaction")
            return
        super().rollback(begin)


class ArchiveDatabase(SqliteDatabase):
    """peewee's SQLite database, with a rollback that never hides the error behind it.

    On a full disk (and on some I/O errors) SQLite rolls the transaction back by itself. peewee's
    ``atomic`` then sends ROLLBACK anyway, which fails with "cannot rollback - no transaction is
    active" — and that error replaced the real one, so the clerk saw a traceback instead of
    "磁盘已满". Here a rollback with no transaction open does nothing (there is nothing left to
    undo) and the original error goes on to :func:`translate_errors`.
    """

    _identity: tuple[int, int] | None = None

    def _connect(self) -> sqlite3.Connection:
        conn: sqlite3.Connection = super()._connect()  # type: ignore[misc]
        self._identity = _file_identity(self.database)
        return conn

    def begin(self, lock_type: str | None = None) -> None:
        """Before every transaction: is the file we opened still the file at its path?"""
        self._check_still_there()
        super().begin(lock_type)

    def _check_still_there(self) -> None:
        """SQLite goes on writing into a file that was deleted, moved away or replaced while it
        was open (a clean-up tool, a share remounted, a restore by another window): the work
        would be lost at the next start. One ``stat`` per transaction says so instead."""
        if self._identity is None:
            self._identity = _file_identity(self.database)
            return
        try:
            now = _file_identity(self.database)
        except OSError as exc:
            raise vanished(self.database) from exc
        if now != self._identity:
            raise vanished(self.database)

    def rollback(self) -> None:
        if not self.is_closed() and not _in_transaction(self):
            log.warning("rollback skipped: SQLite had already rolled the transaction back")
            return
        super().rollback()

    def savepoint(self) -> _Savepoint:
        return _Savepoint(self)


def _file_identity(path: str) -> tuple[int, int] | None:
    """(device, inode) of the file at ``path``; None for an in-memory database. Raises OSError."""
    if path == ":memory:" or path.startswith("file:"):
        return None
    st = os.stat(path)
    return st.st_dev, st.st_ino


def vanished(path: str | Path) -> StorageMissing:
    return StorageMissing(
        f"数据库文件已被移走、删除或替换：{path}。{UNSAVED}"
        "请把文件放回原处（或重新连接网络盘），然后重新启动档案台。"
    )


def make_sqlite(path: str | Path) -> SqliteDatabase:
    """A configured (not yet connected) SQLite database for ``path``."""
    return ArchiveDatabase(str(path), pragmas=PRAGMAS, lock_type="IMMEDIATE")


def open_database(
    path: str | Path | Location,
    *,
    migrate: bool = True,
    check: bool = True,
    create: bool = True,
    password: str | None = None,
) -> Database:
    """Bind the models to the SQLite file at ``path``, migrate it and check its integrity.

    ``path`` may also be a ``postgresql://`` URL (or a :class:`Location`): the archive on a
    server, opened by :func:`archive_desk.db.postgres.open_database` (``password``: the
    clerk's, when no pgpass file or keyring holds it).

    With ``create`` False a missing file (or folder: a network path that dropped) is refused
    instead of starting a new, empty archive there. A file opened to be migrated (the program's
    own start) must also be writable: a read-only file, folder or disk, or a write lock held by
    another program, is told now rather than at the first save.

    Raises :class:`DatabaseTooNew` for a file written by a newer program and a
    :class:`DatabaseError` subclass saying what is wrong otherwise (damaged, busy, read-only,
    full, missing).
    """
    if is_url(path):
        from archive_desk.db import postgres

        close_database()
        url, in_url = split_password(str(path))
        return postgres.open_database(
            Location.of(url), password=password or in_url, migrate=migrate, check=check
        )
    path = Path(str(path)).expanduser()
    if not create and not path.exists():
        raise missing_database(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageMissing(
            f"无法创建数据库所在的文件夹：{path.parent}（{exc.strerror}）。"
            "请检查路径、权限或网络盘的连接后再试。"
        ) from exc
    _match_sidecar_modes(path)
    db = make_sqlite(path)
    close_database()  # the one it replaces (a server's connection would be left to the GC)
    database.initialize(db)
    with translate_errors(path, opening=True):
        db.connect(reuse_if_open=True)
        if check:
            problems = startup_problems(db, path)
            if problems:
                raise DatabaseDamaged(damaged_message(path, problems))
        if migrate:
            check_writable(db)
            migrate_database(db)
    log.info("database opened: %s", path)
    return db


def _match_sidecar_modes(path: Path) -> None:
    """Give ``-wal`` and ``-shm`` the database file's permissions again.

    SQLite creates them with the file's mode: opened while the file was read-only, they stay
    read-only after the file is made writable again, and the archive stays unwritable for no
    reason the clerk can see. Only files we own, only when the database file is writable.
    """
    if os.name != "posix" or not os.access(path, os.W_OK):
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(OSError):
            side = os.stat(f"{path}{extra}")
            if side.st_uid == os.geteuid() and stat.S_IMODE(side.st_mode) != mode:
                os.chmod(f"{path}{extra}", mode)


def missing_database(path: Path) -> StorageMissing:
    """The refusal for a database file that is not there (or whose folder is gone)."""
    if not path.parent.exists():
        return StorageMissing(
            f"数据库所在的文件夹不存在：{path.parent}。如果数据库在网络盘或移动硬盘上，"
            "请先连接好再试；如果文件被移走了，请把它放回原处。"
        )
    return StorageMissing(
        f"数据库文件不存在：{path}。请检查路径；如果文件被移走或删除了，请把它放回原处，"
        "或从备份恢复。"
    )


def damaged_message(path: Path, problems: list[str]) -> str:
    """The clerk's message for a damaged file; SQLite's own (English) findings go to the log."""
    log.warning("database %s damaged: %s", path, "; ".join(problems[:10]))
    return (
        f"数据库文件已损坏（完整性检查发现 {len(problems)} 处问题），无法继续使用：{path}。"
        "请从最近一份完好的备份恢复。"
    )


def check_writable(db: Database) -> None:
    """Take the write lock and rewrite a header field with its own value, then roll back.

    SQLite opens a file it may not write read-only without a word; this makes a read-only file,
    folder or disk, or a lock another program holds, show at the start.
    """
    conn = db.connection()
    db.execute_sql("BEGIN IMMEDIATE")
    try:
        (version,) = db.execute_sql("PRAGMA user_version").fetchone()
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
    finally:
        if conn.in_transaction:
            conn.rollback()


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


def forget_old_pages() -> None:
    """After personal data was removed (a destruction, committed): copy the write-ahead log
    into the file and empty it, so the pages as they were before are not kept in the log until
    it is next overwritten (the file's own freed bytes are zeroed by ``secure_delete``). Waits
    for other programs' reads like any write (the busy timeout); should one still read, the log
    stays until the next checkpoint, and the last program to close the file deletes it. Nothing
    to do inside a transaction or for a server database."""
    db = database.obj
    if not isinstance(db, SqliteDatabase) or _in_transaction(db):
        return
    with translate_errors():
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


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


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The sqlite3 error behind ``exc``: peewee re-raises it with the original as ``args[0]``,
    or (when connecting) as the exception it was raised from."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, sqlite3.Error):
            return seen
        for arg in getattr(seen, "args", ()):
            if isinstance(arg, sqlite3.Error):
                return arg
        if not isinstance(seen, peewee.PeeweeException):
            return None
        seen = seen.__cause__ or seen.__context__
    return None


# Below this much free space an I/O error is taken for what it nearly always is: a full disk
# (SQLite reports ENOSPC while sizing the WAL index as SQLITE_IOERR_SHMSIZE, not SQLITE_FULL).
FULL_DISK_BYTES = 1024 * 1024


def _io_on_a_full_disk(code: str, folder: str) -> bool:
    if not code.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return False
    try:
        return shutil.disk_usage(folder).free < FULL_DISK_BYTES
    except OSError:
        return False


def _where(path: str | Path | None) -> str:
    if path is None and database.obj is not None:
        path = database.obj.database
    if is_url(path):
        return Location.of(str(path)).label
    return str(path) if path else "数据库文件"


def classify(
    exc: BaseException, path: str | Path | None = None, *, opening: bool = False
) -> KnownError | None:
    """The clerk's message for a database error: what happened and what to do; None for a bug.

    SQLite's (extended) result code decides where there is one; the text only for errors raised
    without it.
    """
    if "psycopg" in sys.modules:
        from archive_desk.db import postgres

        if postgres.pg_error(exc) is not None:
            return postgres.classify(exc, opening=opening)
    unsaved = "" if opening else UNSAVED
    where = _where(path)
    folder = str(Path(where).parent) if path or database.obj is not None else "数据库所在磁盘"
    error = _sqlite_error(exc)
    code = (getattr(error, "sqlite_errorname", None) or "") if error is not None else ""
    text = str(error if error is not None else exc).lower()
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (
        not code and ("locked" in text or "busy" in text)
    ):
        return DatabaseBusy(
            "数据库正被另一个程序占用（可能是另一个档案台窗口或另一台电脑正在保存）。"
            f"{unsaved}请稍候片刻再试；如果一直如此，请关闭其他正在使用这个数据库的档案台。"
        )
    if (
        code == "SQLITE_FULL"
        or (not code and "disk is full" in text)
        or _io_on_a_full_disk(code, folder)
    ):
        return DiskFull(
            f"磁盘已满。{unsaved}以前保存的数据没有丢失。"
            f"请清理数据库所在磁盘（{folder}）的空间后重试。"
        )
    if code == "SQLITE_READONLY_DBMOVED":
        return vanished(where)
    readonly = code.startswith(("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH")) or (
        not code and ("readonly" in text or "read-only" in text)
    )
    cantopen = code.startswith("SQLITE_CANTOPEN") or (not code and "unable to open" in text)
    if readonly or cantopen:
        # SQLite says "cannot open" for a folder it may not create the WAL index in, too
        return _unwritable(Path(where), unsaved) or (
            read_only_storage(where, unsaved)
            if readonly
            else StorageMissing(
                f"无法打开数据库文件（{where}）：文件夹不存在、网络盘已断开或没有访问权限。"
                "请检查路径和连接后再试。"
            )
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        not code and ("not a database" in text or "malformed" in text)
    ):
        return DatabaseDamaged(damaged_message(Path(where), [str(error or exc)]))
    if code.startswith("SQLITE_IOERR") or (not code and "disk i/o" in text):
        return StorageFault(
            f"读写数据库文件时出错（{where}）：磁盘故障或网络连接中断。{unsaved}"
            "请检查磁盘或网络连接后重试。"
        )
    return None


def read_only_storage(where: str | Path, unsaved: str = UNSAVED) -> ReadOnlyStorage:
    return ReadOnlyStorage(
        f"数据库无法写入：文件、所在文件夹或磁盘是只读的（{where}）。{unsaved}"
        "请检查文件和文件夹的写入权限、磁盘是否设为只读，然后重试。"
    )


def _unwritable(path: Path, unsaved: str) -> DatabaseError | None:
    """What the file system says of a file SQLite cannot open or write: its folder gone, a
    read-only disk, no write permission; None when it says nothing."""
    folder = path.parent
    try:
        if not folder.is_dir():
            return missing_database(path)
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return read_only_storage(path, unsaved)
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            return read_only_storage(path, unsaved)
    except OSError:
        return None
    return None


@contextlib.contextmanager
def translate_errors(path: str | Path | None = None, *, opening: bool = False) -> Iterator[None]:
    """Turn locked / full / read-only / damaged / missing database errors into the
    :class:`DatabaseError` subclass that says so; constraint errors and bugs pass unchanged."""
    try:
        yield
    except (peewee.DatabaseError, sqlite3.Error) as exc:
        if isinstance(exc, peewee.IntegrityError | sqlite3.IntegrityError):
            raise
        known = classify(exc, path, opening=opening)
        if known is None:
            raise
        log.info(
            "database error: %s (%s)", exc, getattr(_sqlite_error(exc), "sqlite_errorname", "")
        )
        raise known from exc


@contextlib.contextmanager
def transaction() -> Iterator[None]:
    """One service action: a single transaction (SQLite: IMMEDIATE; PostgreSQL: READ
    COMMITTED with the services' row locks); known database errors translated.

    When SQLite has already rolled the transaction back (a full disk), :class:`ArchiveDatabase`
    skips the second rollback, so the real error is the one translated. (The real database's
    ``atomic``, not the proxy's: the proxy makes peewee's own savepoints.)
    """
    with translate_errors(), database.obj.atomic():
        yield
