"""The archive-desk command: check, backup, restore."""

from __future__ import annotations

import sqlite3

import pytest

from archive_desk import accounts, cli
from archive_desk.db import connection
from tests import storekit
from tests.conftest import PASSWORD


def _some_work(admin):
    for i in range(3):
        accounts.create_department(admin, f"部门{i}")


def test_check_passes_on_a_sound_database(db_path, admin, capsys):
    _some_work(admin)
    connection.close_database()
    assert cli.main(["--db", str(db_path), "check"]) == 0
    out = capsys.readouterr().out
    assert "未发现问题" in out and "审计链" in out


def _tamper(db_path, sql):
    connection.close_database()
    storekit.execute(db_path, sql)


def test_check_fails_when_an_audit_row_is_altered(db_path, admin, capsys):
    _some_work(admin)
    _tamper(db_path, "UPDATE audit_event SET username = 'mallory' WHERE id = 2")
    assert cli.main(["--db", str(db_path), "check"]) == 1
    assert "被修改" in capsys.readouterr().out


def test_check_fails_when_an_audit_row_is_deleted(db_path, admin, capsys):
    _some_work(admin)
    _tamper(db_path, "DELETE FROM audit_event WHERE id = 3")
    assert cli.main(["--db", str(db_path), "check"]) != 0


@pytest.mark.sqlite_only("PostgreSQL enforces foreign keys always: no broken one can be written")
def test_check_fails_on_a_broken_foreign_key(db_path, admin, capsys):
    _some_work(admin)
    connection.close_database()
    with sqlite3.connect(db_path) as conn:  # foreign keys are off in this raw connection
        conn.execute("UPDATE user SET department_id = 999 WHERE id = 1")
    assert cli.main(["--db", str(db_path), "check"]) == 1
    assert "外键检查：发现" in capsys.readouterr().out


def test_check_on_a_missing_file(tmp_path, capsys):
    assert cli.main(["--db", str(tmp_path / "none.db"), "check"]) == 1
    assert "不存在" in capsys.readouterr().err


def test_check_on_a_database_that_is_not_an_archive(db_path, capsys):
    """An empty server database or another program's file is told, not a traceback."""
    if storekit.is_server(db_path):
        storekit.execute(db_path, "DROP SCHEMA public CASCADE")
        storekit.execute(db_path, "CREATE SCHEMA public")
    else:
        with sqlite3.connect(db_path) as conn:
            conn.execute("CREATE TABLE expenses (amount INTEGER)")
    assert cli.main(["--db", str(db_path), "check"]) == 1
    captured = capsys.readouterr()
    assert "还不是档案台的档案库" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_backup_and_restore_commands(db_path, admin, tmp_path, capsys, monkeypatch):
    _some_work(admin)
    connection.close_database()
    monkeypatch.setenv(cli.ENV_PASSWORD, PASSWORD)
    dest = tmp_path / ("copy.dump" if storekit.is_server(db_path) else "copy.db")
    as_admin = ["--db", str(db_path), "--user", "admin"]
    assert cli.main([*as_admin, "backup", str(dest)]) == 0
    assert dest.exists()
    connection.open_database(db_path)
    accounts.create_department(accounts.login("admin", PASSWORD), "后加部门")
    connection.close_database()
    assert cli.main([*as_admin, "restore", str(dest)]) == 1  # no tty, no --yes
    assert cli.main([*as_admin, "restore", str(dest), "--yes"]) == 0
    names = {r[0] for r in storekit.rows(db_path, "SELECT name FROM department")}
    assert "后加部门" not in names and "部门0" in names
