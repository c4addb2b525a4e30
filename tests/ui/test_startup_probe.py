"""``ARCHIVE_DESK_EXIT_AT_LOGIN``: the program starts as the clerk starts it and ends once its
first dialog is painted, saying so and when (bench row (a), ``make dist-check``); with ``store``
it also says when the archive was open behind the dialog."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str | Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        **{
            v: str(tmp_path / v.lower())
            for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")
        },
        **extra,
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "archive.db"
    assert _run(tmp_path, "--db", db, "demo", "--cards", "5", "--loans", "2").returncode == 0
    return db


@pytest.mark.slow
def test_the_program_ends_once_the_login_dialog_is_painted(tmp_path: Path, demo_db: Path) -> None:
    done = _run(tmp_path, "--db", demo_db, ARCHIVE_DESK_EXIT_AT_LOGIN="1")
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"LOGIN_PAINTED login_dialog (\d+)\n", done.stdout)
    assert found, done.stdout + done.stderr
    assert 0 < int(found.group(1)) < 60_000  # milliseconds since the process started


@pytest.mark.slow
def test_it_can_also_say_when_the_archive_was_open_behind_the_dialog(
    tmp_path: Path, demo_db: Path
) -> None:
    done = _run(tmp_path, "--db", demo_db, ARCHIVE_DESK_EXIT_AT_LOGIN="store")
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"LOGIN_PAINTED login_dialog (\d+)\nSTORE_READY (\d+)\n", done.stdout)
    assert found, done.stdout + done.stderr
    painted, ready = int(found.group(1)), int(found.group(2))
    assert 0 < painted <= ready < 60_000


def test_without_the_variable_nothing_is_measured(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from archive_desk.ui import app as gui_app

    monkeypatch.delenv(gui_app.EXIT_AT_LOGIN, raising=False)
    assert gui_app._measuring() == ""
    monkeypatch.setenv(gui_app.EXIT_AT_LOGIN, "0")
    assert gui_app._measuring() == ""
    monkeypatch.setenv(gui_app.EXIT_AT_LOGIN, "1")
    assert gui_app._measuring() == "login"
    monkeypatch.setenv(gui_app.EXIT_AT_LOGIN, "store")
    assert gui_app._measuring() == "store"
