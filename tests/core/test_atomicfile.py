"""A file is replaced whole or not at all; disk errors reach the clerk in Chinese."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from archive_desk import atomicfile
from archive_desk.atomicfile import atomic_write, atomic_write_bytes, atomic_write_text
from archive_desk.errors import KnownError


def _leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_new_file_is_written_and_no_temp_file_is_left(tmp_path: Path) -> None:
    target = tmp_path / "登记簿.pdf"
    atomic_write_bytes(target, b"%PDF-1.4 new")
    assert target.read_bytes() == b"%PDF-1.4 new"
    assert _leftovers(tmp_path, {target.name}) == []


def test_existing_file_is_replaced_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, {target.name}) == []


def test_text_mode_writes_utf8(tmp_path: Path) -> None:
    target = tmp_path / "说明.txt"
    atomic_write_text(target, "档案台\n第二行")
    assert target.read_bytes() == "档案台\n第二行".encode()


def test_exception_mid_write_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(b"the good copy")
    with pytest.raises(RuntimeError, match="boom"), atomic_write(target) as handle:
        handle.write(b"half of a new")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"the good copy"
    assert _leftovers(tmp_path, {target.name}) == []


def test_cancelled_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "never.pdf"

    class Cancelled(Exception):
        pass

    with pytest.raises(Cancelled), atomic_write(target) as handle:
        handle.write(b"partial")
        raise Cancelled
    assert not target.exists()
    assert _leftovers(tmp_path, set()) == []


def test_disk_full_on_flush_is_a_known_error(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "big.xlsx"
    target.write_bytes(b"previous")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomicfile.os, "fsync", full)
    with pytest.raises(KnownError) as caught:
        atomic_write_bytes(target, b"x" * 1000)
    assert "磁盘空间不足" in caught.value.message
    assert str(target) in caught.value.message
    assert target.read_bytes() == b"previous"
    assert _leftovers(tmp_path, {target.name}) == []


def test_disk_full_while_the_caller_writes_is_a_known_error(tmp_path: Path) -> None:
    target = tmp_path / "big.pdf"
    with pytest.raises(KnownError, match="磁盘空间不足"), atomic_write(target):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert _leftovers(tmp_path, set()) == []


def test_permission_denied_on_replace_is_a_known_error(tmp_path: Path, monkeypatch) -> None:
    # What Windows reports when the old file is open in another program.
    target = tmp_path / "open-in-excel.xlsx"
    target.write_bytes(b"locked")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomicfile.os, "replace", refuse)
    with pytest.raises(KnownError, match="没有写入权限"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"locked"
    assert _leftovers(tmp_path, {target.name}) == []


_WRITE_INTO = """
import sys
from archive_desk.atomicfile import atomic_write_bytes
from archive_desk.errors import KnownError
try:
    atomic_write_bytes(sys.argv[1], b"x")
except KnownError as exc:
    print(exc.message)
    sys.exit(3)
"""


def test_read_only_folder_is_a_known_error(tmp_path: Path) -> None:
    """Run as a process that folder permissions bind (root ignores them: see tests/faults)."""
    from tests.faults.kit import python

    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        run = python(_WRITE_INTO, str(folder / "a.pdf"), unprivileged=True)
    finally:
        folder.chmod(0o700)
    assert run.rc == 3, run.out + run.err
    assert "没有写入权限" in run.out and str(folder / "a.pdf") in run.out
    assert list(folder.iterdir()) == []


def test_missing_folder_is_a_known_error(tmp_path: Path) -> None:
    with pytest.raises(KnownError, match="文件夹不存在"):
        atomic_write_bytes(tmp_path / "no-such-folder" / "a.pdf", b"x")


def test_unrelated_os_error_in_the_block_is_not_disguised(tmp_path: Path) -> None:
    """Reading a missing source file while writing is a bug, not a disk problem."""
    target = tmp_path / "out.pdf"
    with pytest.raises(FileNotFoundError), atomic_write(target):
        (tmp_path / "missing.png").read_bytes()
    assert not target.exists()
    assert _leftovers(tmp_path, set()) == []


def test_read_modes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_write(tmp_path / "a", "rb"):
        pass
    with pytest.raises(ValueError), atomic_write(tmp_path / "a", "ab"):
        pass


def test_a_staged_file_appears_only_when_its_block_succeeds(tmp_path: Path) -> None:
    from archive_desk.atomicfile import StagedFile

    target = tmp_path / "导出.xlsx"
    target.write_bytes(b"old export")
    target.chmod(0o640)
    with pytest.raises(RuntimeError), StagedFile(target) as staged:
        atomic_write_bytes(staged, b"new export")
        assert target.read_bytes() == b"old export"  # not yet: the audit event comes first
        raise RuntimeError("the database refused the audit event")
    assert target.read_bytes() == b"old export"
    assert _leftovers(tmp_path, {target.name}) == []
    with StagedFile(target) as staged:
        atomic_write_bytes(staged, b"new export")
    assert target.read_bytes() == b"new export"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path, {target.name}) == []
