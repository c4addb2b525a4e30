"""kill -9 in the middle of real work, and two programs writing one file.

A driver process (:mod:`tests.faults.driver`) runs a stream of service calls and logs each
acknowledged write (fsync'd) before the next; this test kills it with SIGKILL at random moments
and after each kill checks: every acknowledged write is in the database (nothing lost), no change
is there only in part (a card without its search row or its audit event, a loan without items,
a lent loan without its signatures), and ``archive-desk check`` passes (integrity, foreign keys,
audit chain). ``make test`` runs a quick variant; ``make faults`` the long one.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import random
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from peewee import Database

from archive_desk import accounts, cli
from archive_desk.clock import SYSTEM_CLOCK
from archive_desk.db import connection
from archive_desk.domain import Role
from tests.cardkit import make_card
from tests.conftest import PASSWORD
from tests.faults.driver import DEPARTMENT
from tests.faults.kit import ROOT
from tests.faults.kit import cli as cli_run

ORDER = {"pending": 0, "approved": 1, "awaiting_signatures": 2, "lent": 3, "returned": 4}

# Changes that exist only in part: each query lists the ids of the half-saved rows.
HALF_SAVED = {
    "card without its search row": """
        SELECT c.id FROM card c WHERE NOT EXISTS (SELECT 1 FROM card_search s WHERE s.card_id = c.id)
    """,
    "card without its audit event": """
        SELECT c.id FROM card c WHERE NOT EXISTS (
            SELECT 1 FROM audit_event e
            WHERE e.action = 'card.create' AND e.entity_id = CAST(c.id AS TEXT))
    """,
    "card edit without its audit event (version vs events)": """
        SELECT c.id FROM card c WHERE c.version - 1 != (
            SELECT count(*) FROM audit_event e
            WHERE e.action IN ('card.edit', 'card.rename') AND e.entity_id = CAST(c.id AS TEXT))
    """,
    "card event without its card": """
        SELECT e.id FROM audit_event e WHERE e.action = 'card.create'
          AND NOT EXISTS (SELECT 1 FROM card c WHERE CAST(c.id AS TEXT) = e.entity_id)
    """,
    "loan without items": """
        SELECT b.id FROM borrowing b
        WHERE NOT EXISTS (SELECT 1 FROM borrowing_item i WHERE i.borrowing_id = b.id)
    """,
    "loan without its application event": """
        SELECT b.id FROM borrowing b WHERE NOT EXISTS (
            SELECT 1 FROM audit_event e
            WHERE e.action = 'borrowing.apply' AND e.entity_id = CAST(b.id AS TEXT))
    """,
    "lent loan without its lending event": """
        SELECT b.id FROM borrowing b WHERE b.state IN ('lent', 'returned') AND NOT EXISTS (
            SELECT 1 FROM audit_event e
            WHERE e.action = 'borrowing.lend' AND e.entity_id = CAST(b.id AS TEXT))
    """,
    "lent loan whose items are not lent": """
        SELECT b.id FROM borrowing b JOIN borrowing_item i ON i.borrowing_id = b.id
        WHERE b.state = 'lent' AND i.state = 'pending'
    """,
    "returned loan with an item still out": """
        SELECT b.id FROM borrowing b JOIN borrowing_item i ON i.borrowing_id = b.id
        WHERE b.state = 'returned' AND i.state = 'lent'
    """,
}


@dataclass
class Tally:
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    half_saved: list[str] = field(default_factory=list)
    checks: int = 0


def make_archive(path: Path) -> None:
    """Administrator, a clerk, the head who approves, a few cards; closed."""
    connection.open_database(path)
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=SYSTEM_CLOCK)
    dept = accounts.create_department(admin, DEPARTMENT)
    for role, name in ((Role.CLERK, "clerk"), (Role.DEPT_HEAD, "head")):
        accounts.create_user(
            admin, username=name, full_name=name, role=role, password=PASSWORD,
            department_id=dept.id, must_change_password=False,
        )  # fmt: skip
    clerk = accounts.login("clerk", PASSWORD)
    for i in range(5):
        make_card(clerk, f"断电测试起始客户{i}有限公司")
    connection.close_database()


def records(logs: list[Path]) -> list[dict]:
    out = []
    for log in logs:
        if log.exists():
            for line in log.read_text(encoding="utf-8").splitlines():
                with contextlib.suppress(json.JSONDecodeError):  # never: each line is fsync'd whole
                    out.append(json.loads(line))
    return out


def lost_writes(db: Database, acknowledged: list[dict]) -> list[str]:
    """Acknowledged writes the database does not hold."""
    cards = {r[0]: r[1:] for r in db.execute_sql("SELECT id, name, version FROM card")}
    loans = {r[0]: r[1:] for r in db.execute_sql("SELECT id, state, version FROM borrowing")}
    lost: list[str] = []
    for rec in acknowledged:
        if rec["op"] == "card":
            row = cards.get(rec["id"])
            if (
                row is None
                or row[1] < rec["version"]
                or (row[1] == rec["version"] and row[0] != rec["name"])
            ):
                lost.append(f"card {rec} → {row}")
        else:
            row = loans.get(rec["id"])
            if row is None or row[1] < rec["version"] or ORDER[row[0]] < ORDER[rec["state"]]:
                lost.append(f"loan {rec} → {row}")
    return lost


def half_saved(db: Database) -> list[str]:
    found = []
    for what, sql in HALF_SAVED.items():
        ids = [r[0] for r in db.execute_sql(sql)]
        if ids:
            found.append(f"{what}: {ids[:10]}")
    return found


def check_passes(db_path: Path) -> tuple[bool, str]:
    """``archive-desk check`` (its own code, in this process: it runs after every kill)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = cli.main(["--db", str(db_path), "check"])
    connection.close_database()
    return rc == 0, out.getvalue()


def driver(
    db_path: Path, log: Path, seed: int, err: Path, ops: int | None = None
) -> subprocess.Popen:
    argv = [sys.executable, "-m", "tests.faults.driver", str(db_path), str(log), str(seed)]
    if ops is not None:
        argv.append(str(ops))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open(err, "ab") as fh:
        return subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=fh)


def wait_ready(proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until the driver has opened the file and logged in."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    assert ready and proc.stdout.readline().strip() == b"ready", "the driver did not start"


def verify(db_path: Path, logs: list[Path], tally: Tally) -> None:
    acknowledged = records(logs)
    tally.acknowledged = len(acknowledged)
    db = connection.open_database(db_path)  # as the program opens it after the crash
    try:
        tally.lost += lost_writes(db, acknowledged)
        tally.half_saved += half_saved(db)
    finally:
        connection.close_database()
    ok, report = check_passes(db_path)
    assert ok, report
    tally.checks += 1
    assert not tally.lost, tally.lost[:5]
    assert not tally.half_saved, tally.half_saved[:5]


def kill_at_random(
    procs: list[subprocess.Popen], rng: random.Random, window: tuple[float, float]
) -> None:
    """SIGKILL each process at its own random moment: one kill in eight falls in the start-up
    (opening, checking, logging in), the others ``window`` seconds into the stream."""
    if rng.random() < 1 / 8:
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        for p in procs:
            wait_ready(p)
    start = time.monotonic()
    moments = sorted((rng.uniform(*window), i) for i in range(len(procs)))
    for moment, i in moments:
        time.sleep(max(0.0, start + moment - time.monotonic()))
        procs[i].send_signal(signal.SIGKILL)
    for p in procs:
        p.wait(timeout=30)
        if p.stdout is not None:
            p.stdout.close()


def _crashed_on_its_own(procs: list[subprocess.Popen], err: Path) -> None:
    for p in procs:
        assert p.returncode == -signal.SIGKILL, (
            f"the driver ended by itself ({p.returncode}):\n{err.read_text(errors='replace')[-3000:]}"
        )


def _figures(name: str, tally: Tally, seconds: float, record: Callable[[str], None]) -> None:
    record(
        f"{name}: {tally.kills} kills, {tally.acknowledged:,} acknowledged writes, "
        f"{len(tally.lost)} lost, {len(tally.half_saved)} half-saved, "
        f"check passed ×{tally.checks} ({seconds:.0f} s)"
    )


def test_kill_9_in_the_middle_of_card_edits_and_loans(tmp_path, long_run, figures):
    kills = 400 if long_run else 6
    db_path = tmp_path / "archive.db"
    make_archive(db_path)
    rng = random.Random(20260302)
    err = tmp_path / "driver.err"
    logs: list[Path] = []
    tally = Tally()
    started = time.monotonic()
    for i in range(kills):
        logs.append(tmp_path / f"ack-{i}.jsonl")
        proc = driver(db_path, logs[-1], i, err)
        kill_at_random([proc], rng, (0.05, 1.0))
        _crashed_on_its_own([proc], err)
        tally.kills += 1
        verify(db_path, logs, tally)
    _figures("kill -9", tally, time.monotonic() - started, figures)
    assert tally.acknowledged > kills  # the kills fell in the middle of real work
    run = cli_run(["--db", str(db_path), "check"])  # and the command itself, in its own process
    assert run.rc == 0 and "未发现问题" in run.out, run.out + run.err


def test_two_programs_writing_one_file_killed_at_random(tmp_path, long_run, figures):
    rounds = 60 if long_run else 2
    db_path = tmp_path / "archive.db"
    make_archive(db_path)
    rng = random.Random(7)
    err = tmp_path / "driver.err"
    logs: list[Path] = []
    tally = Tally()
    started = time.monotonic()
    for i in range(rounds):
        pair = [tmp_path / f"ack-{i}-a.jsonl", tmp_path / f"ack-{i}-b.jsonl"]
        logs += pair
        procs = [driver(db_path, log, 1000 * (i + 1) + k, err) for k, log in enumerate(pair)]
        kill_at_random(procs, rng, (0.1, 1.5))
        _crashed_on_its_own(procs, err)
        tally.kills += 2
        verify(db_path, logs, tally)
    _figures("two writers, kill -9", tally, time.monotonic() - started, figures)
    assert tally.acknowledged > rounds


def test_two_programs_writing_one_file_to_the_end(tmp_path, long_run, figures):
    """Without kills: every call of both streams is either saved or refused, none lost."""
    ops = 150 if long_run else 10
    db_path = tmp_path / "archive.db"
    make_archive(db_path)
    err = tmp_path / "driver.err"
    logs = [tmp_path / "ack-a.jsonl", tmp_path / "ack-b.jsonl"]
    started = time.monotonic()
    procs = [driver(db_path, log, 50 + k, err, ops=ops) for k, log in enumerate(logs)]
    for p in procs:
        assert p.wait(timeout=600) == 0, err.read_text(errors="replace")[-3000:]
        if p.stdout is not None:
            p.stdout.close()
    tally = Tally()
    verify(db_path, logs, tally)
    _figures(f"two writers, {ops} calls each", tally, time.monotonic() - started, figures)
    assert tally.acknowledged >= ops // 2  # the calls went through, not only refusals
    refused = err.read_text(encoding="utf-8", errors="replace") if err.exists() else ""
    assert "Traceback" not in refused, refused[-3000:]
