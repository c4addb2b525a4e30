"""The benchmark on a PostgreSQL server: ``make bench ARGS="--db postgresql://…"``.

The generated SQLite archive (:mod:`bench.generate`, cached) is moved to the server once with the
program's own ``migrate --to`` copier (:mod:`archive_desk.moving`) into the database the URL
names, which then keeps the cache's name as its comment; each run works on a copy of it
(``CREATE DATABASE … TEMPLATE``), so the loans a run writes never reach the next run. Rows, each
against a floor measured in the same run on the same server:

- search as you type (the same queries as on SQLite): the query → the card model holding its
  first page; floor: the same job by hand-written SQL on a plain psycopg connection with the
  program's session settings — for one or two Chinese characters the first 200 ids (the number
  index walked, each card tested against the gram) and the count of the gram's visible cards,
  for the rest every matching id in list order (``LIKE`` on the trigram-indexed columns, the
  reading lattices tested in Python); then the first page's rows and loan flags;
- a loan round trip (apply → approve → lend → return) through the services; floor: the same
  rows written by hand-written SQL in the same four transactions, run in turns with the
  program's;
- ten clerks at once (:mod:`bench.clerks`): ten processes, each its own connection, each lending
  and taking back its own cards; throughput and the slowest round trip (also on SQLite).

Start a durable throwaway server with ``make pg-start`` (it prints the URL; ``make pg-stop``).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from archive_desk.db import postgres
from bench import suite
from bench.generate import Built, cache_name
from bench.suite import Log, Result, _paired_medians, _runs

# as the program's sessions (db/postgres.py)
SESSION = " ".join(f"-c {k}={v}" for k, v in postgres.SESSION.items())


def _with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/" + name))


def _dbname(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


@contextlib.contextmanager
def _maintenance(url: str) -> Iterator[psycopg.Connection[Any]]:
    with psycopg.connect(_with_database(url, "postgres"), autocommit=True) as conn:
        yield conn


def prepare(built: Built, url: str, log: Log) -> str:
    """The server database named by ``url`` holding ``built`` (copied once), and a fresh working
    copy of it for this run: the copy's URL."""
    from archive_desk import moving
    from archive_desk.db.connection import close_database
    from archive_desk.db.location import Location

    key = "archive-desk bench " + cache_name(built.cards, built.loans, built.seed)
    name = _dbname(url)
    with _maintenance(url) as admin:
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
    if row is None or row[0] != key:
        started = time.perf_counter()
        log(f"  copying the archive to the server ({name}) with migrate --to …")
        moving.migrate_to(built.path, Location.of(url), replace=True, progress=log)
        close_database()
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")
            conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{key}'")
        log(f"  copied and verified in {time.perf_counter() - started:.0f} s")
    work = f"{name}_run"
    with _maintenance(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{work}" WITH (FORCE)')
        started = time.perf_counter()
        admin.execute(f'CREATE DATABASE "{work}" TEMPLATE "{name}"')
        log(f"  working copy {work} in {time.perf_counter() - started:.1f} s")
    work_url = _with_database(url, work)
    with psycopg.connect(work_url, autocommit=True) as conn:
        conn.execute("ANALYZE")
    return work_url


def describe(url: str) -> str:
    """The server's version and durability, for the table's note."""
    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]
        fsync = conn.execute("SHOW fsync").fetchone()[0]  # type: ignore[index]
        commit = conn.execute("SHOW synchronous_commit").fetchone()[0]  # type: ignore[index]
    return f"PostgreSQL {version}，fsync={fsync}，synchronous_commit={commit}，本机 127.0.0.1"


def drop(url: str) -> None:
    with _maintenance(url) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{_dbname(url)}" WITH (FORCE)')


# --- search ------------------------------------------------------------------------------------


_VISIBLE = "c.secrecy <= %s AND c.status = 'active'"


def _floor_ids(conn: psycopg.Connection[Any], term: str, clearance: int) -> list[int]:
    """The ids the list reads first, by hand: for one or two Chinese characters the first page
    (the number index walked, each card tested against the character's gram) and, when there
    are more, the count (the gram's range joined to the cards that may be seen; with the
    index of migration 0017 both from indexes alone), as the program reads them; else every
    match in list order (the matches of the trigram index, then the sort)."""
    from archive_desk import pinyin

    if len(term) <= 2 and not term.isascii():
        first = [
            r[0]
            for r in conn.execute(
                f"SELECT c.id FROM card AS c WHERE {_VISIBLE} AND EXISTS (SELECT 1 FROM card_gram "
                "AS g WHERE g.gram = %s AND g.card_id = c.id) ORDER BY c.archive_no LIMIT 200",
                (clearance, term),
            )
        ]
        if len(first) == 200:
            conn.execute(
                "SELECT COUNT(*) FROM card_gram AS g JOIN card AS c ON c.id = g.card_id "
                f"WHERE g.gram = %s AND {_VISIBLE}",
                (term, clearance),
            ).fetchone()
        return first
    pattern = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    if term.isascii():
        lattices = [
            card_id
            for card_id, lattice in conn.execute("SELECT card_id, lattice FROM card_pinyin")
            if pinyin.matches(term, lattice)
        ]
        match = (
            "SELECT card_id AS id FROM card_search WHERE text LIKE %s OR initials LIKE %s "
            'OR "full" LIKE %s OR card_id = ANY(%s)'
        )
        args: tuple[Any, ...] = (pattern, pattern, pattern, lattices)
    else:
        match = "SELECT card_id AS id FROM card_search WHERE text LIKE %s"
        args = (pattern,)
    return [
        r[0]
        for r in conn.execute(
            f"SELECT c.id FROM ({match}) AS m JOIN card AS c ON c.id = m.id "
            f"WHERE {_VISIBLE} ORDER BY c.archive_no",
            (*args, clearance),
        )
    ]


def _floor_search(conn: psycopg.Connection[Any], text: str, clearance: int) -> list[Any]:
    """The hand-written queries: the ids the list reads first (:func:`_floor_ids`), then the
    first page's rows and loan flags."""
    first = _floor_ids(conn, text.strip().lower(), clearance)[:200]
    if not first:
        return []
    rows = conn.execute(
        suite._PAGE_SQL.format(marks="%s").replace("IN (%s)", "= ANY(%s)"), (first,)
    )
    lent = {
        r[0]
        for r in conn.execute(
            "SELECT card_id FROM card_hold WHERE kind = 'loan' AND card_id = ANY(%s)", (first,)
        )
    }
    by_id = {r[0]: (*r, r[0] in lent) for r in rows}
    return [by_id[i] for i in first]


def search(built: Built, url: str, actor: Any, repeat: int, log: Log) -> list[Result]:
    from archive_desk import cards
    from archive_desk.ui.models.cards_model import CardsModel

    model = CardsModel(actor)
    results = []
    with psycopg.connect(url, autocommit=True, options=SESSION) as conn:
        for kind, text in suite.search_queries(built, built.path):
            flt = cards.CardFilter(text=text)

            def by_model(flt: cards.CardFilter = flt) -> object:
                model.set_filter(flt)
                return model.row_at(0)

            def by_sql(text: str = text) -> object:
                return _floor_search(conn, text, actor.clearance)

            by_model()
            model_ids = model.card_source.ids[:200]
            floor_ids = [r[0] for r in _floor_search(conn, text, actor.clearance)]
            if model_ids != floor_ids:
                raise AssertionError(f"search {text!r}: the model and the floor query disagree")
            figure, floor = _paired_medians(by_model, by_sql, _runs(repeat, 5, 3))
            n = model.rowCount()
            log(f"  search {text!r}: {n:,} cards, {figure:.1f} ms (floor {floor:.1f} ms)")
            results.append(
                Result(
                    f"search:{kind}", f"搜索：{kind}「{text}」（{n:,} 张）", figure, floor, "ms",
                    "≤ 2× 底线且 < 50 ms", figure <= 2 * floor and figure < 50,
                )
            )  # fmt: skip
    return results


# --- a loan round trip -------------------------------------------------------------------------


def _loan_cards(url: str, count: int) -> list[int]:
    with psycopg.connect(url) as conn:
        return [
            r[0]
            for r in conn.execute(
                "SELECT id FROM card WHERE secrecy <= 1 AND grade IN ('B', 'C') AND status = "
                "'active' AND id NOT IN (SELECT card_id FROM borrowing_item WHERE state IN "
                "('lent', 'pending')) ORDER BY id DESC LIMIT %s",
                (count,),
            )
        ]


def loans(built: Built, url: str, repeat: int, log: Log) -> list[Result]:
    from archive_desk import accounts, borrowing, demo
    from archive_desk.clock import FixedClock
    from archive_desk.db.models import Department, User

    clock = FixedClock(built.now)
    clerk = accounts.actor_for(User.get(User.username == built.clerk), clock)
    dept = Department.get(Department.name == "销售一部")
    head_user = User.get((User.role == "dept_head") & (User.department == dept.id))
    head = accounts.actor_for(head_user, clock)
    n = _runs(repeat, 5, 4)
    ids = _loan_cards(url, 2 * n + 2)
    pad = [demo.scribble_png(9000 + k) for k in range(4)]
    sig = [borrowing.SignatureInput(png=p) for p in pad]
    cards_iter = iter(ids)

    def loan() -> None:
        card = next(cards_iter)
        app = borrowing.apply(
            clerk, borrowing.BorrowerInput(name="王建华", department_id=dept.id, phone="13800138000"),
            [card], mode="read", purpose="核对合同条款", expected_return=clock.today(),
        )  # fmt: skip
        app = borrowing.decide(head, app.id, app.version, approve=True, comment="同意")
        app = borrowing.lend(
            clerk, app.id, app.version, borrower_signature=sig[0], clerk_signature=sig[1]
        )
        returns = [borrowing.ItemReturn(i.id) for i in app.items]
        borrowing.return_items(
            clerk, app.id, app.version, returns, borrower_signature=sig[2], clerk_signature=sig[3]
        )

    conn = psycopg.connect(url, autocommit=True, options=SESSION)
    conn.execute(
        "CREATE TABLE IF NOT EXISTS bench_audit (id serial PRIMARY KEY, at timestamp, user_id int, "
        "username text, action text, entity text, entity_id text, before text, after text, "
        "prev_hash text, hash text UNIQUE)"
    )
    conn.execute(
        "INSERT INTO setting (key, value) VALUES ('bench.head', '') ON CONFLICT (key) DO NOTHING"
    )
    floor_cards = iter(ids[n + 1 :])
    counter = iter(range(1, 10**9))
    now = built.now
    person = conn.execute("SELECT id FROM person ORDER BY id LIMIT 1").fetchone()[0]

    def audit(cur: psycopg.Cursor[Any], k: int, action: str) -> None:
        h = f"{k:064d}"
        cur.execute("SELECT value FROM setting WHERE key = 'bench.head' FOR UPDATE")
        cur.execute(
            "INSERT INTO bench_audit (at, user_id, username, action, entity, entity_id, before, "
            "after, prev_hash, hash) VALUES (%s, %s, %s, %s, 'borrowing', %s, '', %s, %s, %s)",
            (now, clerk.user_id, clerk.username, action, str(k), '{"state": "x"}', h, h + action),
        )
        cur.execute("UPDATE setting SET value = %s WHERE key = 'bench.head'", (h + action,))

    def floor() -> None:
        k = next(counter)
        card = next(floor_cards)
        with conn.transaction(), conn.cursor() as cur:  # apply
            cur.execute(
                "INSERT INTO sequence (name, value) VALUES ('bench', 1) ON CONFLICT (name) "
                "DO UPDATE SET value = sequence.value + 1 RETURNING value"
            )
            cur.execute(
                "INSERT INTO borrowing (number, borrower_id, borrower_name, borrower_department, "
                "borrower_phone, mode, purpose, applied_on, expected_return, required_role, state, "
                "refusal_reason, created_at, created_by_id, note, version) VALUES (%s, %s, '王建华', "
                "'销售一部', '13800138000', 'read', '核对合同条款', %s, %s, 'dept_head', 'pending', '', "
                "%s, %s, '', 1) RETURNING id",
                (f"BENCH-{k}-{time.time_ns()}", person, now.date(), now.date(), now, clerk.user_id),
            )
            (bid,) = cur.fetchone()  # type: ignore[misc]
            cur.execute(
                "INSERT INTO borrowing_item (borrowing_id, card_id, state, return_note, "
                "day_close_reason, renewals, version) VALUES (%s, %s, 'pending', '', '', 0, 1) "
                "RETURNING id",
                (bid, card),
            )
            (item,) = cur.fetchone()  # type: ignore[misc]
            audit(cur, k * 4, "apply")
        with conn.transaction(), conn.cursor() as cur:  # approve
            cur.execute(
                "INSERT INTO approval (entity, entity_id, step, decision, approver_id, approver_name, "
                "approver_role, method, paper_ref, comment, at, recorded_by_id) VALUES ('borrowing', "
                "%s, 'dept_head', 'approved', %s, %s, 'dept_head', 'login', '', '同意', %s, %s)",
                (bid, head.user_id, head.full_name, now, head.user_id),
            )
            cur.execute(
                "UPDATE borrowing SET state = 'approved', version = 2 WHERE id = %s", (bid,)
            )
            audit(cur, k * 4 + 1, "approve")
        for step, (roles, state) in enumerate(
            ((("borrower", "clerk"), "lent"), (("return_borrower", "return_clerk"), "returned"))
        ):
            with conn.transaction(), conn.cursor() as cur:  # lend, then return
                if step == 0:
                    cur.execute("SELECT id FROM card WHERE id = %s FOR UPDATE", (card,))
                for r, role in enumerate(roles):
                    cur.execute(
                        "INSERT INTO signature (entity, entity_id, role, signer_name, signer_user_id, "
                        "method, image, digest, signed_at, recorded_by_id) VALUES ('borrowing', %s, "
                        "%s, '王建华', NULL, 'pad', %s, %s, %s, %s)",
                        (bid, role, pad[2 * step + r], "0" * 64, now, clerk.user_id),
                    )
                if step == 1:
                    docs = cur.execute(
                        "SELECT id, pages FROM card_document WHERE card_id = %s AND NOT removed",
                        (card,),
                    ).fetchall()
                    cur.executemany(
                        "INSERT INTO return_check (item_id, document_id, present, pages_expected, "
                        "pages_found, damaged, note) VALUES (%s, %s, TRUE, %s, %s, FALSE, '')",
                        [(item, d, p, p) for d, p in docs],
                    )
                cur.execute(
                    "UPDATE borrowing_item SET state = %s, lent_at = %s, due_date = %s, "
                    "version = version + 1 WHERE id = %s",
                    (state, now, now.date(), item),
                )
                cur.execute(
                    "UPDATE borrowing SET state = %s, lent_at = %s, version = version + 1 "
                    "WHERE id = %s",
                    (state, now, bid),
                )
                audit(cur, k * 4 + 2 + step, state)

    try:
        loan()
        floor()
        # in turns: a commit's fsync on this shared disk drifts from 1 to 5 ms within minutes
        figure, base = _paired_medians(loan, floor, n)
    finally:
        conn.close()
    log(f"  loan round trip {figure:.1f} ms (floor {base:.1f} ms)")
    return [
        Result("loan", "借阅一笔：申请→审批→出借→归还", figure, base, "ms", "< 20 ms", figure < 20)
    ]


def run(built: Built, url: str, *, repeat: int, only: list[str], log: Log = print) -> list[Result]:
    """The rows of ``only`` (search, loan, clerks) on a working copy of the archive on the
    server ``url``."""
    import os
    import sys

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from archive_desk import accounts
    from archive_desk.clock import FixedClock
    from archive_desk.db.connection import close_database, open_database
    from archive_desk.db.models import User
    from archive_desk.ui import messages
    from bench import clerks

    work = prepare(built, url, log)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    previous_sink = messages.sink
    messages.sink = messages.RecordingSink()
    results: list[Result] = []
    try:
        open_database(work)
        actor = accounts.actor_for(User.get(User.username == built.clerk), FixedClock(built.now))
        if "search" in only:
            results += search(built, work, actor, repeat, log)
        if "loan" in only:
            results += loans(built, work, repeat, log)
        if "clerks" in only:
            results += clerks.run(built, work, repeat, log)
    finally:
        messages.sink = previous_sink
        close_database()
        app.processEvents()
        drop(work)
    return results
