"""Backups with the SQLite backup API; restore verifies first and keeps the current database."""

from __future__ import annotations

import sqlite3

import pytest

from archive_desk import accounts
from archive_desk.clock import FixedClock
from archive_desk.db import backup, connection, schema
from archive_desk.errors import DatabaseError

# SQLite's online backup API, its backup files and their check: a server's backups are pg_dump's
# (tests/db/test_postgres.py)
pytestmark = pytest.mark.sqlite_only("SQLite's backup API and backup files")


def _departments(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM department")}


def test_backup_is_a_sound_copy_including_wal_content(db_path, admin):
    accounts.create_department(admin, "质检部")  # still in the WAL, not yet checkpointed
    target = backup.backup_now(db_path)
    assert target.parent == backup.backup_dir(db_path)
    newest = int(schema.known_migrations()[-1].split("_", 1)[0])  # numbers may skip one
    assert backup.verify_backup_file(target) == newest
    assert "质检部" in _departments(target)


def test_daily_backup_once_a_day_and_pruning(db_path, admin):
    clock = FixedClock("2026-03-02T08:00:00")
    first = backup.daily_backup_if_due(db_path, clock)
    assert first is not None
    clock.advance(hours=2)
    assert backup.daily_backup_if_due(db_path, clock) is None
    for _ in range(backup.KEEP + 3):
        clock.advance(days=1)
        backup.daily_backup_if_due(db_path, clock)
    assert len(list(backup.backup_dir(db_path).glob("daily-*.db"))) == backup.KEEP


def test_exit_backup_only_when_something_changed_since_the_last(db_path, admin):
    clock = FixedClock("2026-03-02T08:00:00")
    assert backup.daily_backup_if_due(db_path, clock) is not None
    clock.advance(hours=8)
    assert backup.backup_on_exit(db_path, clock) is None  # the morning's copy holds everything
    assert not list(backup.backup_dir(db_path).glob("exit-*.db"))
    accounts.create_department(admin, "质检部")  # a change writes an audit event
    exit_copy = backup.backup_on_exit(db_path, clock)
    assert exit_copy is not None and "质检部" in _departments(exit_copy)
    clock.advance(minutes=5)
    assert backup.backup_on_exit(db_path, clock) is None
    # a copy somewhere else (a USB stick) does not count as the backup folder's
    accounts.create_department(admin, "仓储部")
    backup.backup_now(db_path, backup.backup_dir(db_path).parent / "elsewhere.db")
    assert backup.backup_on_exit(db_path, clock) is not None
    # without the marker (an older backup folder) the exit backup is taken
    (backup.backup_dir(db_path) / ".last-audit-head").unlink()
    clock.advance(minutes=5)
    assert backup.backup_on_exit(db_path, clock) is not None


def test_restore_replaces_and_keeps_the_current_copy(db_path, admin):
    accounts.create_department(admin, "旧部门")
    saved = backup.backup_now(db_path)
    accounts.create_department(admin, "新部门")
    connection.close_database()
    kept = backup.restore(db_path, saved, clock=FixedClock("2026-03-03T10:00:00"))
    assert "新部门" in _departments(kept)
    assert "新部门" not in _departments(db_path) and "旧部门" in _departments(db_path)
    connection.open_database(db_path)  # and the program opens it again


def test_restore_refuses_a_file_that_is_not_an_archive(db_path, admin, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE x (a)")
    connection.close_database()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseError, match="不是档案台"):
        backup.restore(db_path, other)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\0garbage" * 500)
    with pytest.raises(DatabaseError):
        backup.restore(db_path, garbage)
    assert db_path.read_bytes() == before


# --- the services: permission and audit -------------------------------------------------------


def _events(path, action):
    import json

    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT username, after FROM audit_event WHERE action = ?", (action,)
        ).fetchall()
    conn.close()
    return [(u, json.loads(a)) for u, a in rows]


def test_backup_service_needs_the_right_and_is_audited(db_path, admin, clerk, make_user):
    from archive_desk import backups
    from archive_desk.domain import Role
    from archive_desk.errors import PermissionDenied

    manager = make_user(Role.MANAGER, "boss")
    with pytest.raises(PermissionDenied, match="备份数据库"):
        backups.back_up(manager, db_path)
    assert backup.list_backups(db_path) == []
    target = backups.back_up(clerk, db_path)
    assert target.exists()
    assert _events(db_path, "database.backup") == [("clerk", {"file": str(target)})]
    # its own event is the one change the copy cannot hold: no exit backup for it alone
    assert backup.backup_on_exit(db_path) is None


def test_restore_service_is_the_administrators_and_audited_in_the_restored_file(
    db_path, admin, clerk
):
    from archive_desk import backups
    from archive_desk.errors import PermissionDenied

    accounts.create_department(admin, "旧部门")
    saved = backups.back_up(admin, db_path)
    accounts.create_department(admin, "新部门")
    with pytest.raises(PermissionDenied, match="从备份恢复数据库"):
        backups.restore(clerk, db_path, saved)
    assert "新部门" in _departments(db_path)
    done = backups.restore(admin, db_path, saved)
    assert "新部门" not in _departments(db_path) and "新部门" in _departments(done.kept)
    ((user, after),) = _events(db_path, "database.restore")
    assert user == "admin"
    assert after == {"file": str(saved), "kept": str(done.kept), "by": "系统管理员"}
    from archive_desk import audit

    assert audit.verify_chain().ok  # the event continues the restored file's chain


def test_a_failed_restore_leaves_the_database_as_it_was(db_path, admin, tmp_path, monkeypatch):
    """The backup is copied beside the file and renamed over it only when whole and checked."""
    accounts.create_department(admin, "留下的部门")
    saved = backup.backup_now(db_path)
    connection.close_database()
    before = db_path.read_bytes()

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup.os, "replace", fail)
    with pytest.raises(DatabaseError, match="磁盘已满"):
        backup.restore(db_path, saved)
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.restoring"))
