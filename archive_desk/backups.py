"""Backing up and restoring the archive as user actions: permission, the copy, the audit event.

The copying itself is :mod:`archive_desk.db.backup` (SQLite's online backup API, checked
copies) for a desk's file and :mod:`archive_desk.db.pgdump` (``pg_dump`` / ``pg_restore``) for
an archive on a server; ``location`` is a path or a :class:`~archive_desk.db.location.Location`. Here a clerk or the administrator takes a backup (``Perm.BACKUP``) and the administrator
restores one (``Perm.RESTORE``: it replaces everyone's work since that copy). Both are audited;
the restore's event goes into the restored database after the restore, naming the file restored
and the file the replaced database was set aside as.

The automatic backups (the day's first, the one at exit) are the program's own and not audited:
an event per automatic backup would itself be a change the next backup has to copy.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from archive_desk import audit
from archive_desk.clock import Clock
from archive_desk.db import backup, pgdump
from archive_desk.db.connection import close_database, open_database, transaction
from archive_desk.db.location import Location
from archive_desk.permissions import Actor, Perm, require


@dataclass(frozen=True)
class Restored:
    """A finished restore: the file restored from and where the replaced database was kept."""

    source: Path
    kept: Path


def back_up(actor: Actor, location: Path | Location, dest: Path | None = None) -> Path:
    """Copy the database to ``dest`` (a file or folder; the backup folder when None)."""
    require(actor, Perm.BACKUP)
    place = Location.of(location)
    if place.is_server:
        target = pgdump.dump(place, dest, clock=actor.clock)
        with transaction():
            audit.record(
                actor, "database.backup", "database", after={"file": str(target), "tool": "pg_dump"}
            )
        return target
    db_path = place.path
    target = backup.backup_now(db_path, dest, clock=actor.clock)
    with transaction():
        event = audit.record(actor, "database.backup", "database", after={"file": str(target)})
    if dest is None:
        backup.note_own_audit_event(db_path, event.id)
    return target


def restore(actor: Actor, location: Path | Location, source: Path) -> Restored:
    """Replace the database with the backup ``source`` (verified first; the current database is
    kept aside). The program's connection is closed for the swap and opened on the restored
    file (or server database), where the event is recorded."""
    require(actor, Perm.RESTORE)
    place = Location.of(location)
    if place.is_server:
        kept = pgdump.restore(place, Path(source), clock=actor.clock)
        return _record_restore(actor, place, Restored(Path(source), kept), actor.clock)
    close_database()
    kept = backup.restore(place.path, source, clock=actor.clock)
    return _record_restore(actor, place, Restored(Path(source), kept), actor.clock)


def restore_damaged(db_path: Path, source: Path, clock: Clock) -> Restored:
    """The start-up's restore of a damaged database, before anyone can log in (the users are in
    the damaged file). Whoever can start the program on this file could copy a backup over it by
    hand as well; the event says it was the start-up, with no user."""
    kept = backup.restore(db_path, source, clock=clock)
    return _record_restore(None, db_path, Restored(Path(source), kept), clock, at_start=True)


def _record_restore(
    actor: Actor | None,
    location: Path | Location,
    done: Restored,
    clock: Clock,
    *,
    at_start: bool = False,
) -> Restored:
    open_database(location)
    after = {"file": str(done.source), "kept": str(done.kept)}
    if actor is not None:
        after["by"] = actor.full_name
    if at_start:
        after["reason"] = "启动时发现数据库已损坏"
    with transaction():
        audit.record(actor, "database.restore", "database", after=after, at=clock.now())
    return done


@contextlib.contextmanager
def backup_opened_for_login(source: Path) -> Iterator[None]:
    """Bind the models to a scratch copy of the backup ``source``, so a user can log in against
    the accounts it holds when the current database is too damaged to open. The backup itself
    is never written (opening migrates and may write the copy)."""
    backup.verify_backup_file(source)
    with tempfile.TemporaryDirectory(prefix="archive-desk-login-") as scratch:
        copy = Path(scratch) / "login.db"
        shutil.copyfile(source, copy)
        open_database(copy)
        try:
            yield
        finally:
            close_database()
