"""A damaged file (bytes overwritten in a data page) and a vanished one: ``check`` says so, the
GUI start offers the newest backup that passes the check and restores it through the service;
backup → damage → restore on the command line."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

import pytest

from archive_desk.db import backup, connection
from archive_desk.ui import app as gui_app
from tests.cardkit import make_card
from tests.faults.kit import chinese_only, cli, damage_page


@pytest.fixture
def archive(db_path: Path, clerk) -> Path:  # type: ignore[no-untyped-def]
    for i in range(20):
        make_card(clerk, f"损坏测试客户{i:02d}有限公司")
    connection.close_database()
    return db_path


def _restore_events(path: Path) -> list[dict]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT username, after FROM audit_event WHERE action = 'database.restore'"
        ).fetchall()
    conn.close()
    return [{"username": u, **json.loads(a)} for u, a in rows]


def _age(path: Path, seconds: int) -> None:
    """Backups are listed newest first by modification time."""
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_check_reports_a_damaged_page_instead_of_a_traceback(archive):
    damage_page(archive, "card")
    run = cli(["--db", str(archive), "check"])
    assert run.rc == 1
    assert "Traceback" not in run.out + run.err, run.err
    assert "完整性检查：发现问题" in run.out and "已损坏" in run.out
    assert "结论：发现" in run.out


def test_gui_start_offers_the_newest_backup_that_passes_the_check(
    qtbot, chinese, archive, sink, clock
) -> None:
    good = backup.backup_now(archive, clock=clock, kind="daily")
    _age(good, 3600)
    clock.advance(hours=1)
    newer = backup.backup_now(archive, clock=clock, kind="exit")
    damage_page(newer, "card")  # the newest backup is damaged as well
    damage_page(archive, "card")
    sink.answers = [True]
    assert gui_app.open_store(archive, clock=clock)
    question = sink.texts("question")[0]
    assert "已损坏" in question and good.name in question and newer.name not in question
    (info,) = sink.texts("info")
    assert good.name in info and "重新录入" in info
    chinese_only(question)
    chinese_only(info)
    connection.close_database()
    (event,) = _restore_events(archive)
    assert event["file"] == str(good) and "before-restore-" in event["kept"]
    assert event["username"] == "" and "损坏" in event["reason"]
    assert Path(event["kept"]).exists()
    run = cli(["--db", str(archive), "check"])
    assert run.rc == 0, run.out + run.err


def test_gui_start_on_a_damaged_file_without_a_usable_backup(
    qtbot, chinese, archive, sink, clock
) -> None:
    damage_page(archive, "card")
    before = archive.read_bytes()
    assert not gui_app.open_store(archive, clock=clock)
    (error,) = sink.texts("error")
    assert "已损坏" in error and str(backup.backup_dir(archive)) in error
    chinese_only(error)
    assert sink.texts("question") == []
    assert archive.read_bytes() == before


def test_gui_start_when_the_file_vanished_but_backups_remain(
    qtbot, chinese, archive, sink, clock
) -> None:
    kept = backup.backup_now(archive, clock=clock)
    archive.unlink()
    sink.answers = [True]
    assert gui_app.open_store(archive, clock=clock)
    assert kept.name in sink.texts("question")[0]
    assert archive.exists()
    connection.close_database()


def test_gui_start_when_the_folder_is_gone_creates_nothing(
    qtbot, chinese, tmp_path, sink, clock
) -> None:
    """A network path that dropped: no new, empty archive is started in its place."""
    gone = tmp_path / "nas" / "archive-desk.db"
    sink.answers = [False]
    assert not gui_app.open_store(gone, clock=clock)
    (question,) = sink.texts("question")
    assert "网络盘" in question and str(gone.parent) in question and "是否重试" in question
    chinese_only(question)
    assert not gone.parent.exists()


def test_command_on_a_folder_that_is_gone(tmp_path):
    gone = tmp_path / "nas" / "archive-desk.db"
    cli(["--db", str(gone), "search", "公司"], user="clerk").told("不存在", str(gone.parent))
    assert not gone.parent.exists()


def test_backup_damage_restore_on_the_command_line(archive, tmp_path):
    run = cli(["--db", str(archive), "backup"], user="admin")
    assert run.rc == 0, run.err
    (copy,) = backup.list_backups(archive)
    damage_page(archive, "card")
    assert cli(["--db", str(archive), "check"]).rc == 1
    # the current file is damaged: the administrator logs in against the backup's accounts
    run = cli(["--db", str(archive), "restore", str(copy), "--yes"], user="admin")
    assert run.rc == 0, run.out + run.err
    assert "已恢复" in run.out and "Traceback" not in run.err
    run = cli(["--db", str(archive), "check"])
    assert run.rc == 0, run.out
    (event,) = _restore_events(archive)
    assert event["username"] == "admin" and event["file"] == str(copy)
    assert Path(event["kept"]).exists()


@pytest.mark.parametrize(
    ("user", "needle"),
    [(None, "--user"), ("clerk", "从备份恢复数据库")],
    ids=["no-user", "clerk"],
)
def test_restore_is_refused_without_an_administrator(archive, user, needle):
    copy = backup.backup_now(archive)
    err = cli(["--db", str(archive), "restore", str(copy), "--yes"], user=user).told(needle)
    chinese_only(err)
    assert [p.name for p in backup.list_backups(archive)] == [copy.name]  # nothing set aside
    assert _restore_events(archive) == []


def test_backup_is_refused_to_a_role_without_the_right(archive, make_user_after):  # type: ignore[no-untyped-def]
    make_user_after("manager")
    err = cli(["--db", str(archive), "backup"], user="boss").told("备份数据库")
    chinese_only(err)
    assert backup.list_backups(archive) == []


@pytest.fixture
def make_user_after(archive, clock):  # type: ignore[no-untyped-def]
    """Add a user to the closed archive."""
    from archive_desk import accounts
    from tests.conftest import PASSWORD

    def make(role: str) -> None:
        connection.open_database(archive)
        admin = accounts.login("admin", PASSWORD, clock=clock)
        accounts.create_user(
            admin, username="boss", full_name="王经理", role=role, password=PASSWORD,
            must_change_password=False,
        )  # fmt: skip
        connection.close_database()

    return make
