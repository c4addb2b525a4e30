"""Which index answers the clerk's search on PostgreSQL? Measured on generated Chinese names.

    python -m bench.pg_search                      a durable throwaway server, 200,000 cards
    python -m bench.pg_search --db postgresql://…  an existing server (its role needs CREATEDB)
    python -m bench.pg_search --cards 20000 --repeat 3 --explain-out /tmp/plans.txt

Builds ``card``, ``card_search`` and ``card_gram`` in a new database as the program fills them
(:func:`archive_desk.cards._search.index_values` and :func:`archive_desk.cards._search.grams` over names,
former names, numbers, credit codes, phones and contacts drawn like :mod:`bench.generate`
draws them), then times each search kind three ways:

- ``gram``: the ``card_gram (gram, card_id)`` btree the program keeps for SQLite. One or two
  Chinese characters are one index range; a longer Chinese term is every two-character piece of
  it (each a range, the planner joins them rarest first) checked with ``strpos`` on the text.
  It holds no ASCII pieces, so pinyin initials and numbers have no gram path.
- ``trgm``: pg_trgm's GIN index (``gin_trgm_ops``) on ``card_search.text``/``initials``/``full``,
  queried with ``LIKE '%term%'`` (the text is stored lower-cased). Under C.UTF-8 pg_trgm makes
  trigrams of Chinese, but a one- or two-character pattern holds no trigram: the index cannot
  narrow it.
- ``scan``: ``strpos(column, term) > 0`` over every row (what no index can help).
- ``glist``: a variant of ``gram`` that also holds each card's list key: ``card_gram_list
  (gram, status, archive_no COLLATE "C") INCLUDE (secrecy, card_id)``, so the list of a one- or
  two-character term is one index-only range already in number order (no join, no sort), at
  the price of ~50 % more space and rewriting a card's pieces when its status or secrecy changes.

Each kind is timed twice: the match alone (``ids``) and the list the card tab shows (``list``:
the matching active cards the user may see, every id in archive-number order). The median of
``--repeat`` runs, after one warm-up run; one ``EXPLAIN (ANALYZE, BUFFERS)`` per query is
written to ``--explain-out``. The archive number is also looked up exactly (``card.archive_no``
unique btree), the way a scanner or a typed full number could be.

The generated rows are cached in ``<temp>/archive-desk-bench/`` (per count and seed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from archive_desk.cards import _search as search
from bench.generate import (
    BRANDS,
    BUREAUS,
    FORMS,
    PROVINCES,
    TRADES,
    _mobile,
    _person_name,
    _weighted,
)

GENERATION = 1
QUERIES = [  # (kind, text) — the benchmark's search row (bench/suite.py) and a rare place name
    ("1 个汉字", "海"),
    ("2 个汉字", "浦东"),
    ("2 个汉字（少见）", "氹仔"),
    ("4 个汉字", "长安物流"),
    ("拼音首字母", "hxkj"),
    ("档案编号", None),  # the middle card's number, filled in once the rows exist
]
CLEARANCE = 2  # 秘密: the list filter a clerk with clearance 2 gets


# --- the rows --------------------------------------------------------------------------------


@dataclass
class Rows:
    cards: list[tuple[int, str, str, str, int]]  # id, archive_no, name, status, secrecy
    search: list[tuple[int, str, str, str]]  # card_id, text, initials, full


def _generate(count: int, seed: int, log: Callable[[str], None]) -> Rows:
    rnd = random.Random(seed)
    province = _weighted(rnd, list(PROVINCES), [w for w, _ in PROVINCES.values()])
    trade = _weighted(rnd, TRADES, [t[2] for t in TRADES])
    form = _weighted(rnd, [f for f, _ in FORMS], [w for _, w in FORMS])
    category = _weighted(rnd, ["GY", "SY", "ZF", "GR", "HZ"], [35, 40, 5, 10, 10])
    secrecy = _weighted(rnd, [0, 1, 2, 3], [20, 66, 10, 4])
    seq: dict[str, int] = {}
    cards, rows = [], []
    started = time.perf_counter()
    for cid in range(1, count + 1):
        prov = province()
        city = rnd.choice(PROVINCES[prov][1])
        code = category()
        t_name = trade()[0]
        if code == "ZF":
            name = f"{city}{'市' if rnd.random() < 0.5 else ''}{rnd.choice(BUREAUS)}"
        elif code == "GR":
            name = f"{city}{_person_name(rnd)}{t_name}经营部"
        else:
            name = f"{city}{rnd.choice(BRANDS)}{t_name}{form()}"
        year = 2006 + (cid * 20) // count
        key = f"{code}{year}"
        seq[key] = seq.get(key, 0) + 1
        number = f"{key}{seq[key]:03d}"
        former = [f"{city}{rnd.choice(BRANDS)}{t_name}{form()}"] if rnd.random() < 0.05 else []
        contacts = [(_person_name(rnd), _mobile(rnd)) for _ in range(rnd.randint(1, 3))]
        phone = f"0{rnd.randint(10, 999)}-{rnd.randint(2000_0000, 8999_9999)}"
        credit = (
            ""
            if code == "GR"
            else f"91{rnd.randint(110000, 650000)}MA{rnd.randint(0, 9_999_999):07d}X"
        )
        text, initials, full = search.index_values(
            name, number, credit, (phone, ""), former, contacts
        )
        status = "active" if rnd.random() < 0.97 else "destroyed"
        cards.append((cid, number, name, status, secrecy()))
        rows.append((cid, text, initials, full))
        if cid % 50_000 == 0:
            log(f"  {cid:,} cards generated ({time.perf_counter() - started:.0f} s)")
    return Rows(cards, rows)


def rows(count: int, seed: int, log: Callable[[str], None] = print) -> Rows:
    """The generated rows, cached as gzipped JSON."""
    cache = Path(tempfile.gettempdir()) / "archive-desk-bench"
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"pg-search-{count}c-s{seed}-g{GENERATION}.json.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        return Rows([tuple(r) for r in data["cards"]], [tuple(r) for r in data["search"]])  # type: ignore[misc]
    built = _generate(count, seed, log)
    part = path.with_suffix(".part")
    with gzip.open(part, "wt", encoding="utf-8") as fh:
        json.dump({"cards": built.cards, "search": built.search}, fh, ensure_ascii=False)
    part.rename(path)
    return built


# --- the database ---------------------------------------------------------------------------


SCHEMA = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE card (id integer PRIMARY KEY, archive_no varchar(40) NOT NULL UNIQUE,
                   name varchar(200) NOT NULL, status varchar(20) NOT NULL, secrecy integer NOT NULL);
CREATE TABLE card_search (card_id integer PRIMARY KEY, text text NOT NULL, initials text NOT NULL,
                          "full" text NOT NULL);
CREATE TABLE card_gram (gram varchar(2) NOT NULL, card_id integer NOT NULL,
                        PRIMARY KEY (gram, card_id));
"""
INDEXES = {
    "card list (status, archive_no, secrecy)": "CREATE INDEX card_status_archive_no ON card (status, archive_no, secrecy)",
    "card_gram primary key": None,  # built with the table: measured by its size only
    "trgm GIN on text": "CREATE INDEX card_search_text_trgm ON card_search USING gin (text gin_trgm_ops)",
    "trgm GIN on initials": "CREATE INDEX card_search_initials_trgm ON card_search USING gin (initials gin_trgm_ops)",
    "trgm GIN on full": 'CREATE INDEX card_search_full_trgm ON card_search USING gin ("full" gin_trgm_ops)',
    "card_gram_list (gram table in list order)": (
        'CREATE TABLE card_gram_list AS SELECT g.gram, c.status, c.archive_no COLLATE "C" AS '
        "archive_no, c.secrecy, g.card_id FROM card_gram g JOIN card c ON c.id = g.card_id;"
        "CREATE UNIQUE INDEX card_gram_list_key ON card_gram_list (gram, status, archive_no) "
        "INCLUDE (secrecy, card_id)"
    ),
}


def load(conn: Any, data: Rows, log: Callable[[str], None]) -> dict[str, Any]:
    """Create and fill the tables and indexes; returns build times (s) and sizes (MB)."""
    facts: dict[str, Any] = {}
    conn.execute(SCHEMA)
    started = time.perf_counter()
    with conn.cursor().copy("COPY card (id, archive_no, name, status, secrecy) FROM STDIN") as cp:
        for row in data.cards:
            cp.write_row(row)
    with conn.cursor().copy('COPY card_search (card_id, text, initials, "full") FROM STDIN') as cp:
        for row in data.search:
            cp.write_row(row)
    grams = 0
    with conn.cursor().copy("COPY card_gram (gram, card_id) FROM STDIN") as cp:
        for card_id, text, _i, _f in data.search:
            for gram in search.grams(text):
                cp.write_row((gram, card_id))
                grams += 1
    facts["rows copied (s)"] = time.perf_counter() - started
    facts["card_gram rows"] = grams
    log(
        f"  copied {len(data.cards):,} cards, {grams:,} gram rows in {facts['rows copied (s)']:.0f} s"
    )
    for label, sql in INDEXES.items():
        if sql:
            started = time.perf_counter()
            conn.execute(sql)
            facts[f"{label} (s)"] = time.perf_counter() - started
    conn.execute("VACUUM ANALYZE")
    sizes = conn.execute(
        "SELECT c.relname, pg_relation_size(c.oid) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')"
    ).fetchall()
    for name, size in sizes:
        facts[f"size {name} (MB)"] = size / 1e6
    return facts


# --- the queries ----------------------------------------------------------------------------


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _columns(term: str) -> list[str]:
    # pinyin keys are ASCII: a term with a Chinese character can only be in the text
    return ["text", "initials", '"full"'] if term.isascii() else ["text"]


def match_sql(how: str, term: str) -> tuple[str, list[Any]] | None:
    """The ids of cards whose search row holds ``term``, looked up ``how``; None: no such path."""
    if how == "gram":
        if term.isascii():
            return None
        if len(term) <= 2:
            return "SELECT card_id FROM card_gram WHERE gram = %s", [term]
        pieces = sorted({term[i : i + 2] for i in range(len(term) - 1)})
        conds = " AND ".join(
            "s.card_id IN (SELECT card_id FROM card_gram WHERE gram = %s)" for _ in pieces
        )
        return (
            f"SELECT s.card_id FROM card_search s WHERE {conds} AND strpos(s.text, %s) > 0",
            [*pieces, term],
        )
    cols = _columns(term)
    if how == "trgm":
        cond = " OR ".join(f"{c} LIKE %s" for c in cols)
        return f"SELECT card_id FROM card_search WHERE {cond}", [_like(term)] * len(cols)
    if how == "scan":
        cond = " OR ".join(f"strpos({c}, %s) > 0" for c in cols)
        return f"SELECT card_id FROM card_search WHERE {cond}", [term] * len(cols)
    if how == "exact":
        return "SELECT id FROM card WHERE archive_no = upper(%s)", [term]
    if how == "glist":
        if term.isascii() or len(term) > 2:
            return None
        return "SELECT card_id FROM card_gram_list WHERE gram = %s", [term]
    raise ValueError(how)


def list_sql(match: str, how: str = "") -> str:
    if how == "glist":  # the list is the index range itself
        return (
            "SELECT card_id FROM card_gram_list WHERE gram = %s AND status = 'active' "
            "AND secrecy <= %s ORDER BY archive_no"
        )
    return (
        f"SELECT c.id FROM card c WHERE c.id IN ({match}) AND c.status = 'active' "
        "AND c.secrecy <= %s ORDER BY c.archive_no"
    )


def _timed(
    conn: Any, sql: str, params: list[Any], repeat: int, prepare: bool | None = False
) -> tuple[float, int]:
    """Median milliseconds of ``repeat`` runs (after a warm-up) and the number of rows.
    ``prepare=False``: a custom plan for every run (the values known); ``None``: psycopg's
    default, a server-side prepared statement from the fifth run on, whose plan PostgreSQL
    makes generic (blind to the values) after five more."""
    n = len(conn.execute(sql, params, prepare=prepare).fetchall())
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        conn.execute(sql, params, prepare=prepare).fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), n


def _explain(conn: Any, sql: str, params: list[Any]) -> str:
    plan = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).fetchall()
    return "\n".join(r[0] for r in plan)


@dataclass(frozen=True)
class Figure:
    kind: str
    term: str
    how: str
    shape: str  # "ids" or "list"
    ms: float
    rows: int


def measure(conn: Any, queries: list[tuple[str, str]], repeat: int) -> Iterator[tuple[Figure, str]]:
    for kind, term in queries:
        hows = ["gram", "glist", "trgm", "scan"] + (["exact"] if kind == "档案编号" else [])
        for how in hows:
            built = match_sql(how, term)
            if built is None:
                continue
            match, params = built
            shapes = [("ids", match, params), ("list", list_sql(match, how), [*params, CLEARANCE])]
            for shape, sql, args in shapes:
                ms, n = _timed(conn, sql, args, repeat)
                yield Figure(kind, term, how, shape, ms, n), _explain(conn, sql, args)
            if how == "gram":  # the same list as psycopg runs it by default (prepared)
                sql, args = shapes[1][1:]
                ms, n = _timed(conn, sql, args, max(repeat, 12), prepare=None)
                yield Figure(kind, term, how, "prepared", ms, n), ""


def write_cost(conn: Any, data: Rows, repeat: int) -> dict[str, float]:
    """Milliseconds to re-index one card (a card edit), each in its own durable transaction:
    the search row with its three trigram indexes, and all of the card's gram rows deleted and
    written again (the program only writes the pieces that changed: an upper bound)."""
    card_id, text, initials, full = data.search[len(data.search) // 3]
    new_text = text.replace(" | ", " | 新", 1)
    grams = sorted(search.grams(new_text))

    def update_row() -> None:
        with conn.transaction():
            conn.execute(
                'UPDATE card_search SET text = %s, initials = %s, "full" = %s WHERE card_id = %s',
                (new_text, initials + " x", full, card_id),
            )

    def rewrite_grams() -> None:
        with conn.transaction():
            # by the primary key (gram, card_id), as search._write_rows deletes the gone pieces
            conn.execute(
                "DELETE FROM card_gram WHERE gram = ANY(%s) AND card_id = %s", (grams, card_id)
            )
            conn.execute(  # one statement, as peewee's insert_many writes them
                "INSERT INTO card_gram (gram, card_id) SELECT unnest(%s::text[]), %s",
                (grams, card_id),
            )

    out = {}
    for label, fn in (
        ("search row + 3 trgm GIN (ms)", update_row),
        ("gram rows (ms)", rewrite_grams),
    ):
        fn()
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
        out[label] = statistics.median(times)
    return out


# --- the report -----------------------------------------------------------------------------


def table(figures: list[Figure]) -> str:
    lines = [
        "| search | term | matches (list) | gram ids / list | gram list prepared | glist list "
        "| trgm ids / list | scan ids / list | exact |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    keyed = {(f.kind, f.how, f.shape): f for f in figures}
    for kind, term in dict.fromkeys((f.kind, f.term) for f in figures):

        def cell(how: str, kind: str = kind) -> str:
            ids, lst = keyed.get((kind, how, "ids")), keyed.get((kind, how, "list"))
            return f"{ids.ms:.1f} / {lst.ms:.1f}" if ids and lst else "—"

        def one(how: str, shape: str, kind: str = kind) -> str:
            found = keyed.get((kind, how, shape))
            return f"{found.ms:.1f}" if found else "—"

        shown = keyed.get((kind, "scan", "list"))
        exact = keyed.get((kind, "exact", "list"))
        lines.append(
            f"| {kind} | {term} | {shown.rows if shown else 0:,} | {cell('gram')} "
            f"| {one('gram', 'prepared')} | {one('glist', 'list')} | {cell('trgm')} "
            f"| {cell('scan')} | {f'{exact.ms:.2f}' if exact else '—'} |"
        )
    return "\n".join(lines)


def _server(url: str | None) -> tuple[str, Callable[[], None]]:
    if url:
        return url, lambda: None
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    import pgserver

    server = pgserver.start(fast=False)
    print(f"  started a durable throwaway server in {server.started_seconds:.1f} s")
    return server.url(), lambda: pgserver.stop(server)


def main(argv: list[str] | None = None) -> int:
    import psycopg

    parser = argparse.ArgumentParser(
        prog="python -m bench.pg_search", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--db", help="postgresql://… of a server whose role may CREATE DATABASE")
    parser.add_argument("--cards", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--explain-out", type=Path, help="write every EXPLAIN ANALYZE here")
    parser.add_argument(
        "--keep", action="store_true", help="keep the database (and a started server) for a look"
    )
    args = parser.parse_args(argv)
    data = rows(args.cards, args.seed)
    url, stop = _server(args.db)
    name = f"bench_search_{args.cards}_{int(time.time())}"
    try:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        from urllib.parse import urlsplit, urlunsplit

        db_url = urlunsplit(urlsplit(url)._replace(path="/" + name))
        try:
            with psycopg.connect(db_url, autocommit=True) as conn:
                version = conn.execute("SHOW server_version").fetchone()[0]
                facts = load(conn, data, print)
                middle = data.cards[len(data.cards) // 2][1]
                queries = [(k, t if t is not None else middle.lower()) for k, t in QUERIES]
                figures, plans = [], []
                for figure, plan in measure(conn, queries, args.repeat):
                    figures.append(figure)
                    if plan:
                        plans.append(f"-- {figure.kind} {figure.term!r} {figure.how} {figure.shape}: "
                                 f"{figure.rows:,} rows, median {figure.ms:.2f} ms\n{plan}\n")  # fmt: skip
                    print(
                        f"  {figure.kind:<10} {figure.how:<5} {figure.shape:<4} {figure.ms:8.2f} ms  {figure.rows:,}"
                    )
                facts.update(write_cost(conn, data, args.repeat))
        finally:
            if args.keep:
                print(f"kept: {db_url}")
            else:
                with psycopg.connect(url, autocommit=True) as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        if not args.keep:
            stop()
    print()
    print(f"PostgreSQL {version}, {args.cards:,} cards, median of {args.repeat} runs (ms)")
    print(table(figures))
    print()
    for key, value in facts.items():
        print(f"- {key}: {value:,.1f}" if isinstance(value, float) else f"- {key}: {value:,}")
    if args.explain_out:
        args.explain_out.write_text("\n".join(plans), encoding="utf-8")
        print(f"plans: {args.explain_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
