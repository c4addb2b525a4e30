"""Ten clerks at once: ten program processes, each its own connection to the archive (the
server, or the one SQLite file), each lending and taking back its own cards through the services
(apply → approve → lend → return). The row gives the round trips per second of all ten together
and the slowest single round trip; the median is logged.

    python -m bench.clerks worker LOCATION CLERK HEAD NOW CARD_IDS   (one clerk; started by run)

A worker opens the archive, says ``READY``, waits for a line on its standard input (every clerk
starts at once), then prints one ``TRIP start_ns ms`` line per round trip.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.generate import Built
from bench.suite import Log, Result

CLERKS = 10
ROOT = Path(__file__).resolve().parent.parent


def _cards(location: str, count: int) -> list[int]:
    """Cards a department head may lend (as :func:`bench.suite._loan_cards`), of the open
    store."""
    from archive_desk.db.models import BorrowingItem, Card

    busy = BorrowingItem.select(BorrowingItem.card).where(
        BorrowingItem.state.in_(["lent", "pending"])
    )
    query = (
        Card.select(Card.id)
        .where(
            (Card.secrecy <= 1)
            & Card.grade.in_(["B", "C"])
            & (Card.status == "active")
            & Card.id.not_in(busy)
        )
        .order_by(Card.id)
        .limit(count)
    )
    return [c.id for c in query]


def run(built: Built, location: str | Path, repeat: int, log: Log) -> list[Result]:
    """Ten worker processes on ``location`` (the open store's); one row."""
    rounds = 2 if repeat == 1 else max(10, repeat * 4)
    ids = _cards(str(location), CLERKS * rounds)
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    procs = []
    for k in range(CLERKS):
        mine = ",".join(map(str, ids[k::CLERKS]))
        argv = [sys.executable, "-m", "bench.clerks", "worker", str(location), built.clerk]
        pipe = subprocess.PIPE
        procs.append(
            subprocess.Popen(
                [*argv, built.now.isoformat(), mine],
                stdin=pipe,
                stdout=pipe,
                stderr=pipe,
                text=True,
                env=env,
                cwd=ROOT,
            )
        )
    for proc in procs:
        line = proc.stdout.readline() if proc.stdout else ""
        if not line.startswith("READY"):
            raise RuntimeError(f"a clerk did not start: {line}{_err(proc)}")
    for proc in procs:  # go
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    trips: list[tuple[int, float]] = []
    for proc in procs:
        out, err = proc.communicate(timeout=1800)
        if proc.returncode != 0:
            raise RuntimeError(f"a clerk failed ({proc.returncode}): {err[-3000:]}")
        for line in out.splitlines():
            if line.startswith("TRIP "):
                _, start, ms = line.split()
                trips.append((int(start), float(ms)))
    first = min(start for start, _ in trips)
    last = max(start + ms * 1e6 for start, ms in trips)
    seconds = (last - first) / 1e9
    per_second = len(trips) / seconds
    slowest = max(ms for _, ms in trips)
    median = statistics.median(ms for _, ms in trips)
    log(
        f"  {CLERKS} clerks × {rounds} loan round trips: {per_second:.1f} a second, "
        f"median {median:.1f} ms, slowest {slowest:.0f} ms ({seconds:.1f} s)"
    )
    return [
        Result("clerks", f"{CLERKS} 位管理员同时借还：每秒借还笔数（共 {len(trips)} 笔）",
               per_second, 0.0, "/s"),
        Result("clerks:slowest", f"{CLERKS} 位管理员同时借还：最慢一笔（中位数 {median:.1f} ms）",
               slowest, median, "ms"),
    ]  # fmt: skip


def _err(proc: subprocess.Popen[str]) -> str:
    proc.kill()
    return (proc.stderr.read() if proc.stderr else "")[-3000:]


def worker(location: str, clerk_name: str, now: str, card_ids: list[int]) -> None:
    import time

    from archive_desk import accounts, borrowing, demo
    from archive_desk.clock import FixedClock
    from archive_desk.db.connection import close_database, open_database
    from archive_desk.db.models import Department, User

    open_database(location, migrate=False, check=False)
    clock = FixedClock(now)
    clerk = accounts.actor_for(User.get(User.username == clerk_name), clock)
    dept = Department.get(Department.name == "销售一部")
    head_user = User.get((User.role == "dept_head") & (User.department == dept.id))
    head = accounts.actor_for(head_user, clock)
    sig = [borrowing.SignatureInput(png=demo.scribble_png(9100 + k)) for k in range(4)]
    borrower = borrowing.BorrowerInput(name="王建华", department_id=dept.id, phone="13800138000")
    print("READY", flush=True)
    sys.stdin.readline()
    lines: list[str] = []
    for card in card_ids:
        started = time.perf_counter_ns()
        wall = time.time_ns()
        app: Any = borrowing.apply(
            clerk, borrower, [card], mode="read", purpose="核对", expected_return=clock.today()
        )
        app = borrowing.decide(head, app.id, app.version, approve=True, comment="同意")
        app = borrowing.lend(
            clerk, app.id, app.version, borrower_signature=sig[0], clerk_signature=sig[1]
        )
        returns = [borrowing.ItemReturn(i.id) for i in app.items]
        borrowing.return_items(
            clerk, app.id, app.version, returns, borrower_signature=sig[2], clerk_signature=sig[3]
        )
        lines.append(f"TRIP {wall} {(time.perf_counter_ns() - started) / 1e6:.2f}")
    close_database()
    print("\n".join(lines), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] != ["worker"]:
        sys.exit("usage: python -m bench.clerks worker LOCATION CLERK NOW CARD_IDS")
    _, _, where, who, at, cards = sys.argv[:6]
    worker(where, who, at, [int(c) for c in cards.split(",") if c])
