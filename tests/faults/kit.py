"""Tools of the fault suite: the real command in a subprocess, a tiny disk, an unprivileged
process, a damaged page, a second program holding the write lock.

Nothing here is a mock: the faults are made real (a tmpfs that fills up, a read-only mount,
folder permissions that bind, bytes overwritten in the file, a lock held by another connection).
Where a way is not available on the machine the test fails and says why; it never skips.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# The program's own entry point, in a fresh interpreter. ``busy_ms`` shortens SQLite's busy
# timeout (10 s in the program) so a test of a held lock does not wait that long.
_ENTRY = """
import sys
busy = int(sys.argv[1])
if busy:
    from archive_desk.db import connection
    connection.PRAGMAS["busy_timeout"] = busy
from archive_desk import cli
sys.exit(cli.main(sys.argv[2:]))
"""

# Root ignores file and folder permissions (CAP_DAC_OVERRIDE); without any capability it is
# bound by them like any user, and can still read the interpreter under /root.
UNPRIVILEGED = ("setpriv", "--inh-caps=-all", "--bounding-set=-all", "--")


@dataclass(frozen=True)
class Run:
    rc: int
    out: str
    err: str

    def told(self, *needles: str) -> str:
        """Assert a refusal as the clerk sees it: non-zero exit, a Chinese message on stderr
        containing every needle, no traceback anywhere. Returns stderr."""
        assert self.rc != 0, f"exit 0\n{self.out}\n{self.err}"
        assert "Traceback" not in self.err + self.out, self.err
        assert CHINESE.search(self.err), self.err
        for needle in needles:
            assert needle in self.err, f"{needle!r} not in {self.err!r}"
        return self.err


def unprivileged_prefix() -> tuple[str, ...]:
    if os.name != "posix":
        pytest.fail("the read-only cases need POSIX permissions")
    if os.geteuid() != 0:
        return ()  # an ordinary user is bound by permissions already
    if shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to run a process that permissions bind")
    return UNPRIVILEGED


def cli(
    args: Sequence[str],
    *,
    user: str | None = None,
    busy_ms: int = 0,
    unprivileged: bool = False,
    timeout: float = 120,
    env: dict[str, str] | None = None,
) -> Run:
    """``archive-desk ARGS`` in a subprocess (password from the environment; ``env`` adds to it)."""
    argv = [sys.executable, "-c", _ENTRY, str(busy_ms)]
    if user:
        argv += ["--user", user]
    argv += list(args)
    if unprivileged:
        argv = [*unprivileged_prefix(), *argv]
    full_env = {**os.environ, "ARCHIVE_DESK_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        argv,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**full_env, **(env or {})},
        stdin=subprocess.DEVNULL,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def python(code: str, *args: str, unprivileged: bool = False, timeout: float = 120) -> Run:
    """A Python snippet in a fresh interpreter (as an unprivileged process when asked)."""
    argv = [sys.executable, "-c", code, *args]
    if unprivileged:
        argv = [*unprivileged_prefix(), *argv]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=env)
    return Run(done.returncode, done.stdout, done.stderr)


def damage_page(path: Path, table: str) -> None:
    """Overwrite the b-tree header of ``table``'s root page: bytes overwritten in a data page,
    as a bad sector or a stray write leaves them."""
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        (size,) = conn.execute("PRAGMA page_size").fetchone()
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)
        ).fetchone()
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xff" * 8)
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock for the length of the block."""
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield other
    finally:
        other.rollback()
        other.close()


class TinyDisk:
    """A tmpfs of a few MB mounted for one test: it fills up for real (ENOSPC) and can be made
    read-only (EROFS), which binds root as well."""

    def __init__(self, size_kb: int) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="archive-desk-tiny-"))
        self.size_kb = size_kb
        self._filler = self.path / "filler.bin"

    def mount(self) -> None:
        if os.name != "posix" or os.geteuid() != 0:
            pytest.fail("a real full disk needs root to mount a small tmpfs (run as root)")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={self.size_kb}k,mode=0755", "tmpfs", self.path],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.fail(f"cannot mount a tmpfs for the full-disk case: {done.stderr.strip()}")

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", self.path], capture_output=True)
        shutil.rmtree(self.path, ignore_errors=True)

    def fill(self) -> None:
        """Take every free byte."""
        fd = os.open(self._filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (65536, 4096, 512, 1):
                with contextlib.suppress(OSError):
                    while True:
                        os.write(fd, b"\0" * size)
        finally:
            os.close(fd)

    def free(self) -> None:
        self._filler.unlink(missing_ok=True)

    def read_only(self, on: bool = True) -> None:
        opts = "remount,ro" if on else "remount,rw"
        done = subprocess.run(["mount", "-o", opts, self.path], capture_output=True, text=True)
        if done.returncode != 0:
            pytest.fail(f"cannot remount the tmpfs {'read-only' if on else 'rw'}: {done.stderr}")


def chinese_only(text: str) -> None:
    """No English words slip into a message meant for the Chinese UI (paths and codes aside)."""
    words = re.findall(r"(?<![/\\.\w-])[A-Za-z]{4,}(?![/\\.\w-])", text)
    allowed = {"archive", "desk", "check", "restore", "backup", "user"}
    stray = [w for w in words if w.lower() not in allowed]
    assert not stray, f"English in a Chinese message: {stray} in {text!r}"
