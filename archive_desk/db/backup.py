"""Backups and restore with SQLite's online backup API.

A backup is a consistent copy taken while the program runs (WAL included), written to a temporary
file, checked with ``PRAGMA integrity_check`` and only then renamed into place. Automatic backups
(once a day at start, and at exit) live in ``backups/`` beside the database; the newest
:data:`KEEP` of each kind are kept. A restore verifies the file first and keeps the current
database as a copy before replacing it.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sqlite3
from pathlib import Path

from archive_desk.atomicfile import atomic_write_bytes
from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.connection import classify
from archive_desk.db.schema import MIGRATION_TABLE, known_migrations
from archive_desk.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DiskFull,
    KnownError,
    ReadOnlyStorage,
    StorageMissing,
)

log = logging.getLogger(__name__)

KEEP = 10
SUFFIX = ".db"
REQUIRED_TABLES = {MIGRATION_TABLE, "card", "user", "audit_event"}


def backup_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def _stamp(clock: Clock) -> str:
    return clock.now().strftime("%Y%m%d-%H%M%S")


def _audit_head(conn: sqlite3.Connection) -> int | None:
    """The newest audit event's id: every change the program makes writes one."""
    try:
        row = conn.execute("SELECT MAX(id) FROM audit_event").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row and row[0] is not None else None


def _marker(db_path: Path) -> Path:
    return backup_dir(db_path) / ".last-audit-head"


_UNSAFE = "数据库本身没有受影响。"


def copy_failure(exc: BaseException, target: Path, what: str = "备份") -> DatabaseError:
    """The clerk's message for a copy that failed: which side (the database read, the target
    written), what happened, what to do. ``what`` is 备份 or 恢复."""
    folder = target.parent
    code = exc.errno if isinstance(exc, OSError) else None
    known = classify(exc, target) if isinstance(exc, sqlite3.Error) else None
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1), errno.EFBIG) or isinstance(
        known, DiskFull
    ):
        return DiskFull(
            f"{what}没有完成：{folder} 所在的磁盘已满。请清理空间或换一个位置后重试；{_UNSAFE}"
        )
    if isinstance(exc, FileNotFoundError) or (code == errno.ENOENT) or not folder.is_dir():
        return StorageMissing(
            f"{what}没有完成：文件夹 {folder} 不存在或无法创建（网络盘或移动硬盘是否已断开？）。"
            f"请检查后重试；{_UNSAFE}"
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM) or isinstance(
        known, ReadOnlyStorage | StorageMissing
    ):
        return ReadOnlyStorage(
            f"{what}没有完成：无法写入 {folder}（只读或没有写入权限）。"
            f"请检查文件夹的权限，或换一个可以写入的位置后重试；{_UNSAFE}"
        )
    if isinstance(known, DatabaseBusy | DatabaseDamaged):
        return known
    detail = known.message if known is not None else (getattr(exc, "strerror", None) or "")
    return DatabaseError(f"{what}没有完成：读写 {target} 时出错。{detail}请检查磁盘后重试。")


def _copy(source: Path, target: Path) -> int | None:
    """Online copy of ``source`` to ``target`` via a temporary file renamed at the end.
    Returns the copy's newest audit event id."""
    tmp = target.with_name(target.name + ".part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise copy_failure(exc, target) from exc
    try:
        with (
            contextlib.closing(sqlite3.connect(source)) as src,
            contextlib.closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst)
            head = _audit_head(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            (result,) = dst.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise DatabaseDamaged(
                    f"备份没有完成：数据库的副本未通过完整性检查（{result}），数据库文件可能已损坏。"
                    "请运行“archive-desk check”检查，必要时从以前的备份恢复。"
                )
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        return head
    except (sqlite3.Error, OSError) as exc:
        _remove_quietly(tmp)
        raise copy_failure(exc, target) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def backup_now(
    db_path: Path, dest: Path | None = None, *, clock: Clock = SYSTEM_CLOCK, kind: str = "manual"
) -> Path:
    """Copy the database to ``dest`` (a file, a folder, or the backup folder when None)."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise DatabaseError(f"数据库文件不存在：{db_path}")
    name = f"{kind}-{_stamp(clock)}{SUFFIX}"
    if dest is None:
        target = backup_dir(db_path) / name
    else:
        dest = Path(dest)
        target = dest / name if dest.is_dir() else dest
    if target.resolve() == db_path.resolve():
        raise DatabaseError("备份的目标不能是数据库文件本身。")
    head = _copy(db_path, target)
    log.info("backup written: %s", target)
    if dest is None and head is not None:
        with contextlib.suppress(OSError, KnownError):  # only spares an exit backup
            atomic_write_bytes(_marker(db_path), str(head).encode("ascii"))
    if dest is None and kind != "manual":
        prune(db_path, kind)
    return target


def prune(db_path: Path, kind: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups of one kind."""
    files = sorted(backup_dir(db_path).glob(f"{kind}-*{SUFFIX}"), key=lambda p: p.name)
    doomed = files[:-keep] if keep > 0 else files
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def daily_backup_if_due(db_path: Path, clock: Clock = SYSTEM_CLOCK) -> Path | None:
    """The first start of a day takes a backup; later starts that day do nothing."""
    today = clock.today().strftime("%Y%m%d")
    if any(backup_dir(db_path).glob(f"daily-{today}-*{SUFFIX}")):
        return None
    return backup_now(db_path, clock=clock, kind="daily")


def unchanged_since_last_backup(db_path: Path) -> bool:
    """True when the newest backup in the backup folder already holds every change: its newest
    audit event is still the database's newest."""
    try:
        recorded = int(_marker(db_path).read_text(encoding="ascii").strip())
        uri = f"file:{Path(db_path).resolve()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as conn:
            return _audit_head(conn) == recorded
    except (OSError, ValueError, sqlite3.Error):
        return False


def backup_on_exit(db_path: Path, clock: Clock = SYSTEM_CLOCK) -> Path | None:
    """A backup at exit, unless nothing changed since the last one (a copy and full check
    of a 2.4 GB file takes ~40 s, with the window already closed)."""
    if unchanged_since_last_backup(db_path):
        log.info("no change since the last backup: none taken at exit")
        return None
    try:
        return backup_now(db_path, clock=clock, kind="exit")
    except DatabaseError:
        log.exception("backup at exit failed")
        return None


def list_backups(db_path: Path) -> list[Path]:
    """Every backup in the backup folder, newest first."""
    files = [p for p in backup_dir(db_path).glob(f"*{SUFFIX}") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def latest_backup(db_path: Path) -> Path | None:
    files = list_backups(db_path)
    return files[0] if files else None


def verify_backup_file(path: Path) -> int:
    """Check that ``path`` is a sound archive database this program can open.

    Returns its schema version. Raises :class:`DatabaseError` in Chinese otherwise.
    """
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"找不到备份文件：{path}")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
            (result,) = conn.execute("PRAGMA integrity_check").fetchone()
            if result != "ok":
                raise DatabaseError(f"备份文件已损坏：{result}")
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            if not tables >= REQUIRED_TABLES:
                raise DatabaseError("这个文件不是档案台的数据库。")
            names = {r[0] for r in conn.execute(f"SELECT name FROM {MIGRATION_TABLE}")}
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(f"这个文件不是可用的数据库：{exc}") from exc
    unknown = names - set(known_migrations())
    if unknown:
        raise DatabaseError("备份来自更新版本的档案台，请先升级程序再恢复。")
    return max((int(n.split("_", 1)[0]) for n in names), default=0)


def restore(db_path: Path, source: Path, *, clock: Clock = SYSTEM_CLOCK) -> Path:
    """Replace the database with ``source`` after verifying it.

    The current database is kept first as ``backups/before-restore-<time>.db`` (or, when it is
    too damaged to copy, its raw file is moved there). The backup is copied to a file beside the
    database, checked, and only then renamed over it, so a failure half-way (a full disk) leaves
    the database as it was. Returns the path of the kept copy. The program must not hold the
    database open while restoring.
    """
    db_path, source = Path(db_path), Path(source)
    verify_backup_file(source)
    if source.resolve() == db_path.resolve():
        raise DatabaseError("不能用数据库文件本身来恢复。")
    staged = db_path.with_name(db_path.name + ".restoring")
    try:
        _copy(source, staged)
    except DatabaseError as exc:
        raise DatabaseError(exc.message.replace("备份没有完成", "恢复没有完成", 1)) from exc
    kept = backup_dir(db_path) / f"before-restore-{_stamp(clock)}{SUFFIX}"
    try:
        if db_path.exists():
            _keep_current(db_path, kept)
        for extra in ("-wal", "-shm"):  # the old file's log must never be applied to the new one
            Path(f"{db_path}{extra}").unlink(missing_ok=True)
        os.replace(staged, db_path)
    except OSError as exc:
        _remove_quietly(staged)
        raise copy_failure(exc, db_path, "恢复") from exc
    except BaseException:
        _remove_quietly(staged)
        raise
    log.info("database %s restored from %s (old copy: %s)", db_path, source, kept)
    return kept


def _keep_current(db_path: Path, kept: Path) -> None:
    """A checked copy of the current database; its raw file when it is too damaged to copy."""
    try:
        _copy(db_path, kept)
    except DatabaseDamaged:
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(db_path, kept)  # damaged: keep the raw file as it is
        for extra in ("-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.replace(f"{db_path}{extra}", f"{kept}{extra}")
    except DatabaseError as exc:
        raise DatabaseError(
            exc.message.replace("备份没有完成", "恢复没有进行：当前数据库无法另存", 1)
        ) from exc


def newest_usable_backup(db_path: Path) -> Path | None:
    """The newest backup a damaged database may be restored from: the newest that passes
    :func:`verify_backup_file` (older ones are checked only while newer ones fail). The copies
    set aside by earlier restores are left out: they hold what a restore deliberately replaced."""
    for path in list_backups(db_path):
        if path.name.startswith("before-restore-"):
            continue
        try:
            verify_backup_file(path)
        except DatabaseError as exc:
            log.warning("backup %s not usable: %s", path, exc.message)
            continue
        return path
    return None


def note_own_audit_event(db_path: Path, event_id: int) -> None:
    """A manual backup's own audit event is the one change its copy cannot hold. When it comes
    right after what the newest backup holds, count it as held: the exit backup is not taken
    for it alone."""
    marker = _marker(db_path)
    try:
        recorded = int(marker.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return
    if recorded == event_id - 1:
        with contextlib.suppress(OSError, KnownError):
            atomic_write_bytes(marker, str(event_id).encode("ascii"))
