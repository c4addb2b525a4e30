"""The store: pragmas, migrations matching the models, refusing newer or damaged files."""

from __future__ import annotations

import sqlite3

import pytest
from playhouse.schema_diff import diff_models

from archive_desk.db import connection, schema
from archive_desk.db.models import ALL_MODELS, Category, LoanRule, Region
from archive_desk.errors import DatabaseError, DatabaseTooNew


@pytest.mark.sqlite_only(
    "SQLite's pragmas (PostgreSQL: session settings, tests/db/test_postgres.py)"
)
def test_pragmas(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000
    # set by the program, not left to the SQLite build (Debian's zeroes deleted bytes, others not)
    assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1


def test_migrated_schema_matches_models(db):
    diff = diff_models(db, ALL_MODELS)
    # the server's own search indexes (0012: pg_trgm; 0017: the count of a gram) are no model's
    server_only = [i for i in diff.drop_indexes if i.name.endswith("_trgm")]
    server_only += [i for i in diff.drop_indexes if i.name == "card_id_visible"]
    diff.drop_indexes[:] = [i for i in diff.drop_indexes if i not in server_only]
    assert not diff, f"models and migrations disagree: {diff!r}"
    newest = int(schema.known_migrations()[-1].split("_", 1)[0])  # numbers may skip one
    assert schema.schema_version(db) == newest


def test_default_classification_and_rules(db):
    top = [r.name for r in Region.select().where(Region.parent.is_null()).order_by(Region.sort)]
    assert top == ["华北", "华东", "华南", "华中", "西南", "西北", "东北"]
    shanghai = Region.get(Region.name == "上海")
    assert shanghai.parent.name == "华东"
    assert {c.code for c in Category.select()} == {"GY", "SY", "ZF", "GR", "HZ"}
    assert LoanRule.select().count() >= 4


def test_reopening_applies_nothing_twice(db_path, db):
    connection.close_database()
    again = connection.open_database(db_path)
    assert schema.migrate_database(again) == []


def test_database_from_a_newer_program_is_refused(db_path, db):
    db.execute_sql(
        "INSERT INTO schema_migration (name, applied) VALUES ('9999_future', '2030-01-01')"
    )
    connection.close_database()
    with pytest.raises(DatabaseTooNew, match="更新版本"):
        connection.open_database(db_path)


def test_damaged_file_is_refused_with_a_clear_message(tmp_path):
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseError, match=r"损坏|不是"):
        connection.open_database(bad)


@pytest.mark.sqlite_only("SQLite's write lock (PostgreSQL: a row lock's timeout, test_postgres.py)")
def test_locked_database_gives_a_clear_message(db_path, db, admin):
    from archive_desk import accounts

    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    db.execute_sql("PRAGMA busy_timeout = 50")
    try:
        with pytest.raises(DatabaseError, match="占用"):
            accounts.create_department(admin, "采购部")
    finally:
        other.rollback()
        other.close()
    assert "采购部" not in {d.name for d in accounts.list_departments()}


# --- environment faults: the clerk is told what happened, nothing is half-saved --------------


def _fill_to_the_limit(db, admin, prefix: str) -> tuple[int, Exception]:
    """Create departments until the database refuses; the number made and the refusal."""
    from archive_desk import accounts

    (pages,) = db.execute_sql("PRAGMA page_count").fetchone()
    db.execute_sql(f"PRAGMA max_page_count = {pages + 2}")
    for made in range(1000):
        try:
            accounts.create_department(admin, f"{prefix}{made:04d}" + "档" * 40)
        except Exception as exc:
            return made, exc
    raise AssertionError("the size limit never stopped a write")


@pytest.mark.sqlite_only("SQLite's max_page_count and its own rollback")
def test_a_full_database_is_told_not_hidden_by_the_failed_rollback(db, admin):
    """SQLite rolls back by itself on a full disk; the second ROLLBACK must not mask that."""
    from archive_desk import accounts, audit, reporting
    from archive_desk.errors import DiskFull

    made, refusal = _fill_to_the_limit(db, admin, "满")
    assert isinstance(refusal, DiskFull), repr(refusal)
    assert "磁盘已满" in refusal.message
    # nothing half-saved: every department has its audit event, the refused one has neither
    names = [d.name for d in accounts.list_departments() if d.name.startswith("满")]
    assert len(names) == made
    events = [
        e for e in reporting.recent_events(admin, limit=5000) if e.action == "department.create"
    ]
    assert len(events) == made
    assert audit.verify_chain().ok
    # and work resumes once there is room again
    db.execute_sql("PRAGMA max_page_count = 1073741823")
    accounts.create_department(admin, "满了之后")
    assert "满了之后" in {d.name for d in accounts.list_departments()}


@pytest.mark.sqlite_only("SQLite's max_page_count and its own rollback")
def test_a_full_disk_inside_a_nested_transaction_is_told_too(db, admin):
    from archive_desk.errors import DiskFull

    (pages,) = db.execute_sql("PRAGMA page_count").fetchone()
    db.execute_sql(f"PRAGMA max_page_count = {pages + 1}")
    with (
        pytest.raises(DiskFull, match="磁盘已满"),
        connection.transaction(),
        connection.transaction(),  # a savepoint inside
    ):
        for i in range(500):
            db.execute_sql("INSERT INTO setting (key, value) VALUES (?, ?)", (f"x{i}", "档" * 900))
    assert db.execute_sql("SELECT count(*) FROM setting WHERE key LIKE 'x%'").fetchone()[0] == 0


def _damage_page_of(path, table: str) -> None:
    """Overwrite the b-tree header of ``table``'s root page (bytes overwritten in a data page)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * 8)


@pytest.mark.sqlite_only("a SQLite file's pages overwritten")
def test_a_damaged_data_page_is_told_as_damaged(db_path, db, admin):
    from archive_desk.errors import DatabaseDamaged

    connection.close_database()
    _damage_page_of(db_path, "audit_event")
    with pytest.raises(DatabaseDamaged, match="已损坏") as caught:
        connection.open_database(db_path)
    assert "备份" in caught.value.message


@pytest.mark.sqlite_only("SQLite's write lock at start")
def test_a_busy_database_at_start_is_told_as_busy(db_path, db, monkeypatch):
    """Another program holds the write lock: the start says so (not "damaged")."""
    from archive_desk.errors import DatabaseBusy

    connection.close_database()
    monkeypatch.setitem(connection.PRAGMAS, "busy_timeout", 100)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusy, match="占用"):
            connection.open_database(db_path)
    finally:
        other.rollback()
        other.close()
    connection.open_database(db_path)  # and once it is free, the program starts


def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path):
    from archive_desk.errors import StorageMissing

    gone = tmp_path / "nas" / "archive" / "archive-desk.db"
    with pytest.raises(StorageMissing, match="网络盘"):
        connection.open_database(gone, create=False)
    assert not gone.parent.exists()


@pytest.mark.sqlite_only("a SQLite file deleted while open")
def test_a_database_file_deleted_while_open_refuses_to_save(db_path, db, admin):
    """A moved or deleted file (a network share remounted, a clean-up tool) must not swallow
    writes into an unlinked file: SQLite refuses, the clerk is told."""
    from archive_desk import accounts
    from archive_desk.errors import StorageMissing

    moved = db_path.with_name("moved.db")
    db_path.rename(moved)
    with pytest.raises(StorageMissing, match="移走、删除"):
        accounts.create_department(admin, "移走后")
    moved.rename(db_path)
    accounts.create_department(admin, "放回后")  # back in its place: work goes on
    assert "放回后" in {d.name for d in accounts.list_departments()}
