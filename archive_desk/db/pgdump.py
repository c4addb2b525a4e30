"""Backups of an archive on a PostgreSQL server: ``pg_dump`` and ``pg_restore``.

A backup is ``pg_dump --format=custom`` of the archive's database into a temporary file, checked
by ``pg_restore --list`` (it reads the whole archive's table of contents) and only then renamed
into place, by default in ``<this workstation's folder for the server>/backups/``. A restore
checks the file the same way, sets the current database aside as a dump first, then replaces the
database's contents in one transaction (``pg_restore --clean --single-transaction``): a failure
half-way leaves it as it was.

The tools come with PostgreSQL's client package (Debian ``postgresql-client``; Windows: the
PostgreSQL installer's "Command Line Tools"); they must be at least the server's major version.
When they are missing or too old the clerk is told so (:class:`~archive_desk.errors.ToolMissing`)
— the server's own backups are IT's in any case. The password reaches the tool in its
environment (``PGPASSWORD``) when the program holds one, never on its command line.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.location import Location
from archive_desk.db.models import database
from archive_desk.errors import DatabaseError, ToolMissing

log = logging.getLogger(__name__)

SUFFIX = ".dump"
INSTALL_HINT = (
    "请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt-get install postgresql-client；"
    "Windows：PostgreSQL 安装程序中的“Command Line Tools”，并把其 bin 文件夹加入 PATH），"
    "或请 IT 在服务器上备份。"
)


def backup_dir(location: Location) -> Path:
    return location.local_folder / "backups"


def find_tool(name: str) -> Path | None:
    """``name`` on the PATH, else in Debian's ``/usr/lib/postgresql/<version>/bin`` (newest)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: (
            int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0
        ),
    )
    return Path(versions[-1]) if versions else None


def _major(text: str) -> int:
    found = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(found.group(1)) if found else 0


def tool(name: str) -> Path:
    """The tool ``name``, at least the server's major version; :class:`ToolMissing` otherwise."""
    path = find_tool(name)
    if path is None:
        raise ToolMissing(f"找不到 {name}，无法备份或恢复服务器上的档案。{INSTALL_HINT}")
    version = _major(_run([str(path), "--version"], name).stdout)
    server = int(database.execute_sql("SHOW server_version_num").fetchone()[0]) // 10000
    if version < server:
        raise ToolMissing(
            f"{name} 的版本（{version}）比档案服务器（PostgreSQL {server}）旧，不能用于备份或恢复。"
            + INSTALL_HINT
        )
    return path


def _environment(location: Location) -> dict[str, str]:
    from archive_desk.db import postgres

    env = dict(os.environ)
    password = postgres.known_password(location)
    if password is not None:
        env["PGPASSWORD"] = password
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    return env


def _run(
    argv: list[str], what: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    except OSError as exc:
        raise ToolMissing(f"无法运行 {what}（{exc.strerror}）。{INSTALL_HINT}") from exc
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        log.warning("%s failed: %s", what, "\n".join(detail[-20:]))
        raise DatabaseError(f"{what} 没有完成：{detail[-1] if detail else done.returncode}")
    return done


def check_dump(path: Path) -> int:
    """``pg_restore --list``: the file is a whole custom-format dump; the number of entries."""
    path = Path(path)
    if not path.is_file():
        raise DatabaseError(f"找不到备份文件：{path}")
    listing = _run([str(tool("pg_restore")), "--list", str(path)], "pg_restore --list").stdout
    entries = [line for line in listing.splitlines() if line and not line.startswith(";")]
    if not any(" TABLE DATA " in line and " audit_event " in line for line in entries):
        raise DatabaseError(f"这个文件不是档案台服务器数据库的备份：{path}")
    return len(entries)


def dump(
    location: Location,
    dest: Path | None = None,
    *,
    clock: Clock = SYSTEM_CLOCK,
    kind: str = "manual",
) -> Path:
    """``pg_dump`` of the archive into ``dest`` (a file or folder; the backup folder when
    None), checked before it takes its name. Returns the file."""
    name = f"{kind}-{clock.now():%Y%m%d-%H%M%S}{SUFFIX}"
    target = backup_dir(location) / name if dest is None else Path(dest)
    if dest is not None and target.is_dir():
        target = target / name
    program = tool("pg_dump")
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(target.name + ".part")
    try:
        _run(
            [str(program), "--format=custom", "--no-owner", "--no-privileges",
             f"--file={part}", f"--dbname={location.url}"],
            "pg_dump",
            _environment(location),
        )  # fmt: skip
        check_dump(part)
        os.replace(part, target)
    finally:
        part.unlink(missing_ok=True)
    log.info("server backup written: %s", target)
    return target


def restore(location: Location, source: Path, *, clock: Clock = SYSTEM_CLOCK) -> Path:
    """Replace the archive's contents with the dump ``source`` (checked first); the current
    contents are kept as ``before-restore-<time>.dump`` first. Returns that file. The
    program's own connection is closed meanwhile (the caller reopens)."""
    from archive_desk.db.connection import close_database

    check_dump(source)
    kept = dump(location, clock=clock, kind="before-restore")
    program = tool("pg_restore")
    close_database()
    _run(
        [str(program), "--clean", "--if-exists", "--no-owner", "--no-privileges",
         "--single-transaction", "--exit-on-error", f"--dbname={location.url}", str(source)],
        "pg_restore",
        _environment(location),
    )  # fmt: skip
    log.info("server database %s restored from %s (old contents: %s)", location.label, source, kept)
    return kept
