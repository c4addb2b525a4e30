"""The store: pragmas, migrations matching the models, refusing newer or damaged files."""

from __future__ import annotations

import sqlite3

import pytest
from playhouse.schema_diff import diff_models

from archive_desk.db import connection
from archive_desk.db.models import ALL_MODELS, Category, LoanRule, Region
from archive_desk.errors import DatabaseError, DatabaseTooNew


def test_pragmas(db):
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_migrated_schema_matches_models(db):
    diff = diff_models(db, ALL_MODELS)
    assert not diff, f"models and migrations disagree: {diff!r}"
    newest = int(connection.known_migrations()[-1].split("_", 1)[0])  # numbers may skip one
    assert connection.schema_version(db) == newest


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
    assert connection.migrate_database(again) == []


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
