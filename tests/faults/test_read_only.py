"""A read-only file, folder or disk: told (where, what to do), nothing written, and the work goes
on once it is writable again.

Root ignores permissions, so the permission cases run the real command as a process without
capabilities (``setpriv``), which they bind; the read-only disk (a tmpfs remounted read-only)
binds root too and runs in this process.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from archive_desk import accounts
from archive_desk.db import backup, connection
from archive_desk.ui import app as gui_app
from archive_desk.ui import messages
from tests.cardkit import make_card
from tests.conftest import PASSWORD
from tests.faults.kit import TinyDisk, chinese_only, cli


@pytest.fixture
def closed_archive(db_path: Path, clerk) -> Path:  # type: ignore[no-untyped-def]
    make_card(clerk, "只读测试公司")
    connection.close_database()
    return db_path


def test_read_only_database_file(closed_archive, tmp_path):
    closed_archive.chmod(0o444)
    out = tmp_path / "cards.xlsx"
    try:
        run = cli(
            ["--db", str(closed_archive), "export-cards", str(out)], user="clerk", unprivileged=True
        )
        run.told("只读", str(closed_archive))
        assert not out.exists()
    finally:
        closed_archive.chmod(0o644)
    run = cli(
        ["--db", str(closed_archive), "export-cards", str(out)], user="clerk", unprivileged=True
    )
    assert run.rc == 0, run.err


def test_read_only_database_folder(closed_archive, tmp_path):
    folder = closed_archive.parent
    out = tmp_path.parent / f"{tmp_path.name}-cards.xlsx"
    folder.chmod(0o555)
    try:
        run = cli(
            ["--db", str(closed_archive), "export-cards", str(out)], user="clerk", unprivileged=True
        )
        run.told("只读")
        assert not out.exists()
    finally:
        folder.chmod(0o755)
    out.unlink(missing_ok=True)


def test_backup_into_a_backup_folder_that_cannot_be_written(closed_archive):
    folder = backup.backup_dir(closed_archive)
    folder.mkdir()
    folder.chmod(0o555)
    try:
        run = cli(["--db", str(closed_archive), "backup"], user="admin", unprivileged=True)
        run.told("备份没有完成", "无法写入", str(folder))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_backup_folder_that_cannot_be_created(closed_archive, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        run = cli(
            ["--db", str(closed_archive), "backup", str(locked / "new" / "copy.db")],
            user="admin",
            unprivileged=True,
        )
        run.told("备份没有完成")
    finally:
        locked.chmod(0o755)
    assert not (locked / "new").exists()


def test_backup_onto_a_read_only_disk(closed_archive, tiny_disk: TinyDisk):
    tiny_disk.read_only()
    run = cli(
        ["--db", str(closed_archive), "backup", str(tiny_disk.path / "copy.db")], user="admin"
    )
    run.told("备份没有完成", "只读")
    tiny_disk.read_only(False)
    run = cli(
        ["--db", str(closed_archive), "backup", str(tiny_disk.path / "copy.db")], user="admin"
    )
    assert run.rc == 0, run.err


@pytest.fixture
def archive_on_tiny_disk(tiny_disk: TinyDisk, clock) -> Path:  # type: ignore[no-untyped-def]
    path = tiny_disk.path / "archive.db"
    connection.open_database(path)
    accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    connection.close_database()
    backup.backup_now(path, clock=clock)  # a backup exists: it must not be offered
    return path


class _Remounting(messages.RecordingSink):
    def __init__(self, disk: TinyDisk) -> None:
        super().__init__()
        self.disk = disk

    def ask(self, parent, title, text, default_yes):  # type: ignore[no-untyped-def]
        self.shown.append(("question", title, text))
        self.disk.read_only(False)  # the clerk fixed it, then answers "try again"
        return True


def test_gui_start_on_a_read_only_disk_says_so_not_restore(
    qtbot, chinese, archive_on_tiny_disk, tiny_disk, monkeypatch, clock
) -> None:
    tiny_disk.read_only()
    recording = _Remounting(tiny_disk)
    monkeypatch.setattr(messages, "sink", recording)
    assert gui_app.open_store(archive_on_tiny_disk, clock=clock)
    (question,) = recording.texts("question")
    assert "只读" in question and str(archive_on_tiny_disk) in question
    assert "恢复" not in question
    chinese_only(question)
    assert not list(backup.backup_dir(archive_on_tiny_disk).glob("before-restore-*"))
    connection.close_database()


GUI_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from archive_desk.ui import app, messages
qt = QApplication([])
sink = messages.RecordingSink()
sink.answers = [False]
messages.sink = sink
ok = app.open_store(Path(sys.argv[1]))
for level, _title, text in sink.shown:
    print(level, text.replace(chr(10), " "))
sys.exit(0 if ok else 3)
"""


def test_gui_start_on_a_read_only_file_as_a_user_permissions_bind(closed_archive):
    from tests.faults.kit import python

    closed_archive.chmod(0o444)
    try:
        run = python(GUI_START, str(closed_archive), unprivileged=True)
    finally:
        closed_archive.chmod(0o644)
    assert run.rc == 3, run.out + run.err
    assert "Traceback" not in run.err
    assert run.out.startswith("question") and "只读" in run.out and "恢复" not in run.out


def test_the_unprivileged_process_is_really_bound(tmp_path):
    """The premise of this file: setpriv's process may not write a 0555 folder."""
    from tests.faults.kit import python

    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    run = python("import sys; open(sys.argv[1], 'w')", str(locked / "x"), unprivileged=True)
    locked.chmod(0o755)
    assert run.rc != 0 and "PermissionError" in run.err
    assert os.geteuid() != 0 or not (locked / "x").exists()
