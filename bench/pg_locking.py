"""The locking the PostgreSQL plan proposes, tried on a real server with raw SQL.

    python -m bench.pg_locking                        a throwaway server (fast), then stopped
    python -m bench.pg_locking --db postgresql://…    a database the role may create tables in

Three claims of docs/postgresql-plan.md (§4–§6), each run with real concurrent connections
under READ COMMITTED:

1. ``counter``: ``INSERT … ON CONFLICT DO UPDATE SET value = value + 1 RETURNING value`` in the
   caller's transaction gives unique numbers without gaps, while a third of the transactions
   roll back (a SEQUENCE would skip their values);
2. ``audit``: reading the chain head without a lock lets two transactions compute the same next
   event; the primary key keeps the chain whole, but the later clerk's whole action fails
   (duplicate key) — with ``SELECT … FOR UPDATE`` on the head row every event is appended, in
   commit order;
3. ``versioned``: ``UPDATE … WHERE id = %s AND version = %s`` by two clerks at once: the second
   waits for the first and then matches no row (the program's ``StaleRecord``).
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

THREADS = 10
ROUNDS = 50


def _connect(url: str) -> Any:
    import psycopg

    return psycopg.connect(url, autocommit=True, options="-c lock_timeout=10s")


def _run_threads(work: Callable[[int], None]) -> list[BaseException]:
    errors: list[BaseException] = []

    def guarded(n: int) -> None:
        try:
            work(n)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def counter(url: str) -> str:
    with _connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS sequence")
        conn.execute("CREATE TABLE sequence (name varchar(100) PRIMARY KEY, value integer)")
    committed: list[int] = []
    lock = threading.Lock()

    def work(n: int) -> None:
        rnd = random.Random(n)
        with _connect(url) as conn:
            for _ in range(ROUNDS):
                try:
                    with conn.transaction():
                        (value,) = conn.execute(
                            "INSERT INTO sequence (name, value) VALUES ('doc:JY2026', 1) "
                            "ON CONFLICT (name) DO UPDATE SET value = sequence.value + 1 "
                            "RETURNING value"
                        ).fetchone()
                        time.sleep(rnd.random() / 1000)  # the rest of the service's work
                        if rnd.random() < 1 / 3:
                            raise _Rollback
                    with lock:
                        committed.append(value)
                except _Rollback:
                    pass

    started = time.perf_counter()
    errors = _run_threads(work)
    seconds = time.perf_counter() - started
    ok = not errors and sorted(committed) == list(range(1, len(committed) + 1))
    return (
        f"counter: {len(committed)} numbers committed by {THREADS} connections, "
        f"{THREADS * ROUNDS - len(committed)} rolled back; unique and gapless: {ok}"
        f"{f' ({errors[0]!r})' if errors else ''}; {seconds:.1f} s"
    )


class _Rollback(Exception):
    pass


def _append(conn: Any, n: int, lock_head: bool) -> None:
    with conn.transaction():
        head = conn.execute(
            "SELECT value FROM setting WHERE key = 'audit.head'"
            + (" FOR UPDATE" if lock_head else "")
        ).fetchone()[0]
        last_id, last_hash = head.split(":")
        event_id = int(last_id) + 1
        digest = hashlib.sha256(f"{last_hash}|{event_id}|{n}".encode()).hexdigest()
        time.sleep(0.0005)
        conn.execute(
            "INSERT INTO audit_event (id, prev_hash, hash) VALUES (%s, %s, %s)",
            (event_id, last_hash, digest),
        )
        conn.execute(
            "UPDATE setting SET value = %s WHERE key = 'audit.head'", (f"{event_id}:{digest}",)
        )


def audit(url: str, lock_head: bool) -> str:
    with _connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS audit_event; DROP TABLE IF EXISTS setting")
        conn.execute("CREATE TABLE setting (key varchar(100) PRIMARY KEY, value text)")
        conn.execute(
            "CREATE TABLE audit_event (id integer PRIMARY KEY, prev_hash text, hash text UNIQUE)"
        )
        conn.execute("INSERT INTO setting VALUES ('audit.head', '0:' || repeat('0', 64))")

    def work(n: int) -> None:
        with _connect(url) as conn:
            for i in range(ROUNDS):
                _append(conn, n * 1000 + i, lock_head)

    errors = _run_threads(work)
    with _connect(url) as conn:
        rows = conn.execute("SELECT id, prev_hash, hash FROM audit_event ORDER BY id").fetchall()
    chained = all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    gapless = [r[0] for r in rows] == list(range(1, len(rows) + 1))
    first = (
        f" (first: {type(errors[0]).__name__}: {str(errors[0]).splitlines()[0]})" if errors else ""
    )
    return (
        f"audit head {'FOR UPDATE' if lock_head else 'without a lock'}: {len(rows)} events "
        f"written, {len(errors)} connections failed{first}; one chain: {chained and gapless}"
    )


def versioned(url: str) -> str:
    with _connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS card")
        conn.execute("CREATE TABLE card (id integer PRIMARY KEY, name text, version integer)")
        conn.execute("INSERT INTO card VALUES (1, '旧名', 1)")
    first, second = _connect(url), _connect(url)
    result: dict[str, int] = {}
    try:
        first.execute("BEGIN")
        first.execute("UPDATE card SET name = '甲', version = 2 WHERE id = 1 AND version = 1")

        def other() -> None:
            cur = second.execute(
                "UPDATE card SET name = '乙', version = 2 WHERE id = 1 AND version = 1"
            )
            result["rows"] = cur.rowcount

        waiting = threading.Thread(target=other)
        waiting.start()
        time.sleep(0.3)
        blocked = waiting.is_alive()
        first.execute("COMMIT")
        waiting.join()
        name = first.execute("SELECT name, version FROM card").fetchone()
    finally:
        first.close()
        second.close()
    return (
        f"versioned update: the second clerk waited: {blocked}; then changed "
        f"{result.get('rows')} row(s); the card is {name} (the first save kept)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pg_locking")
    parser.add_argument("--db", help="postgresql://… (default: a throwaway server)")
    args = parser.parse_args(argv)
    stop: Callable[[], None] = lambda: None  # noqa: E731
    url = args.db
    if not url:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
        import pgserver

        server = pgserver.start(fast=True)
        url, stop = server.url(), lambda: pgserver.stop(server)
    try:
        print(counter(url))
        print(audit(url, lock_head=False))
        print(audit(url, lock_head=True))
        print(versioned(url))
    finally:
        stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
