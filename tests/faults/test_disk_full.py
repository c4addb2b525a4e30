"""A disk that fills up for real (ENOSPC on a tiny tmpfs): told as 磁盘已满, nothing
half-saved, and the work goes on once there is room. The privilege-free twin (SQLite's
``max_page_count``) is in tests/db/test_connection.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_desk import accounts, audit, cards
from archive_desk.cards import output as card_output
from archive_desk.db import connection
from archive_desk.db.models import AuditEvent, Department
from archive_desk.errors import DiskFull
from archive_desk.permissions import Actor
from archive_desk.ui import app as gui_app
from tests.conftest import PASSWORD
from tests.faults.kit import TinyDisk, chinese_only, cli


@pytest.fixture
def full_db(tiny_disk: TinyDisk, clock) -> Path:  # type: ignore[no-untyped-def]
    """An archive on the tiny disk with an administrator; the connection is closed."""
    path = tiny_disk.path / "archive.db"
    connection.open_database(path)
    accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    connection.close_database()
    return path


def _admin(clock) -> Actor:  # type: ignore[no-untyped-def]
    return accounts.login("admin", PASSWORD, clock=clock)


def test_a_full_disk_while_working_is_told_and_work_resumes(full_db, tiny_disk, clock):
    connection.open_database(full_db)
    admin = _admin(clock)
    tiny_disk.fill()
    made = 0
    with pytest.raises(DiskFull, match="磁盘已满") as caught:
        for made in range(200):  # the WAL may still have room for a few
            accounts.create_department(admin, f"满盘部门{made:03d}" + "档" * 60)
    assert str(tiny_disk.path) in caught.value.message  # where to make room
    depts = Department.select().where(Department.name.startswith("满盘部门")).count()
    events = AuditEvent.select().where(AuditEvent.action == "department.create").count()
    assert depts == events == made  # each saved department with its event, the refused one neither
    assert audit.verify_chain().ok
    tiny_disk.free()
    accounts.create_department(admin, "有空间了")
    assert Department.select().where(Department.name == "有空间了").exists()
    connection.close_database()


def test_starting_the_command_on_a_full_disk_is_told(full_db, tiny_disk):
    tiny_disk.fill()
    run = cli(["--db", str(full_db), "search", "公司"], user="admin")
    run.told("磁盘已满", str(tiny_disk.path))
    tiny_disk.free()
    assert cli(["--db", str(full_db), "check"]).rc == 0


def test_a_full_disk_under_the_log_file_too_prints_no_traceback(full_db, tiny_disk):
    """The log on the same full disk: logging's own error report must not reach the clerk."""
    logs = tiny_disk.path / "state"
    logs.mkdir()
    run = cli(
        ["--db", str(full_db), "search", "公司"], user="admin", env={"XDG_STATE_HOME": str(logs)}
    )
    assert run.rc == 0, run.err
    (log,) = logs.rglob("archive-desk.log")
    with open(log, "ab") as fh:  # end the log at a page boundary: the next line needs a new page
        fh.write(b"#" * (-log.stat().st_size % 4096))
    tiny_disk.fill()
    run = cli(
        ["--db", str(full_db), "search", "公司"], user="admin", env={"XDG_STATE_HOME": str(logs)}
    )
    run.told("磁盘已满")
    assert "Logging error" not in run.err


def test_the_gui_start_on_a_full_disk_says_so_and_tries_again(
    qtbot, chinese, full_db, tiny_disk, sink, clock
) -> None:
    tiny_disk.fill()
    sink.answers = [False]
    assert not gui_app.open_store(full_db, clock=clock)
    (question,) = sink.texts("question")
    assert "磁盘已满" in question and "备份" not in question
    chinese_only(question)
    tiny_disk.free()
    assert gui_app.open_store(full_db, clock=clock)
    connection.close_database()


def test_an_export_onto_a_full_disk_leaves_nothing(db, clerk, tiny_disk):
    """The database is fine; the export's own disk is full."""
    from tests.cardkit import make_card

    for i in range(30):
        make_card(clerk, f"满盘客户{i:02d}有限公司")
    tiny_disk.fill()
    out = tiny_disk.path / "客户.xlsx"
    events = AuditEvent.select().count()
    with pytest.raises(Exception, match="磁盘空间不足") as caught:
        card_output.export_cards(clerk, cards.CardFilter(), out)
    assert caught.type.__name__ == "KnownError"
    assert sorted(p.name for p in tiny_disk.path.iterdir()) == ["filler.bin"]
    assert AuditEvent.select().count() == events


def test_a_backup_onto_a_full_disk_is_told_and_leaves_no_part_file(db_path, admin, tiny_disk):
    connection.close_database()
    tiny_disk.fill()
    run = cli(["--db", str(db_path), "backup", str(tiny_disk.path)], user="admin")
    run.told("磁盘已满", "数据库本身没有受影响")
    assert sorted(p.name for p in tiny_disk.path.iterdir()) == ["filler.bin"]
    tiny_disk.free()
    run = cli(["--db", str(db_path), "backup", str(tiny_disk.path)], user="admin")
    assert run.rc == 0, run.err
