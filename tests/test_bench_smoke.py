"""The benchmark suite, once over on a tiny generated archive, so it never rots.

No timing is asserted: only that every row of the table is produced with a positive figure and a
positive floor. The full run (``make bench``) is not part of the tests.
"""

from __future__ import annotations

from pathlib import Path

from archive_desk.db import connection
from bench import generate, suite


def test_every_benchmark_runs_on_a_small_archive(tmp_path: Path, qapp: object) -> None:
    built = generate.cached_database(
        300, 2_000, seed=3, report_loans=200, folder=tmp_path, log=lambda _m: None
    )
    assert built.path.exists() and built.report_month == "2026-02"
    results = suite.run(
        built, repeat=1, register_rows=100, inventory_folders=100, log=lambda _m: None
    )

    keys = [r.key for r in results]
    assert keys == [
        "login:source",
        "window",
        "startup",
        "stack",
        "search:1 个汉字",
        "search:2 个汉字",
        "search:4 个汉字",
        "search:拼音首字母",
        "search:全拼",
        "search:档案编号",
        "editor",
        "loan",
        "clerks",
        "clerks:slowest",
        "workbook",
        "register",
        "scan",
        "inventory",
        "import:check",
        "import:run",
        "import:memory",
        "due:0",
        "due:12",
        "destroy",
        "memory",
    ]
    for r in results:
        assert r.figure > 0 and (r.floor > 0 or r.key == "clerks"), r
    table = suite.table(results)
    assert table.count("\n") == len(results) + 1
    assert "借阅登记簿" in table and "常驻内存" in table and "笔/秒" in table
    assert "盘点扫描一次" in table


def test_the_server_benchmark_runs_on_a_small_archive(
    tmp_path: Path, qapp: object, pg_url: str
) -> None:
    from bench import server

    built = generate.cached_database(
        300, 2_000, seed=3, report_loans=200, folder=tmp_path, log=lambda _m: None
    )
    results = server.run(built, pg_url, repeat=1, only=list(suite.SERVER_KEYS), log=lambda _m: None)
    assert [r.key for r in results] == [
        "search:1 个汉字",
        "search:2 个汉字",
        "search:4 个汉字",
        "search:拼音首字母",
        "search:全拼",
        "search:档案编号",
        "loan",
        "clerks",
        "clerks:slowest",
    ]
    for r in results:
        assert r.figure > 0 and (r.floor > 0 or r.key == "clerks"), r
    assert "PostgreSQL" in server.describe(pg_url)


def test_the_generated_archive_keeps_the_programs_rules(tmp_path: Path) -> None:
    from archive_desk import audit, cards
    from archive_desk.db.models import Borrowing, BorrowingItem, Card, CardSearch, Signature

    built = generate.cached_database(120, 600, seed=5, folder=tmp_path, log=lambda _m: None)
    db = connection.open_database(built.path)
    try:
        assert connection.integrity_problems(db) == []
        assert connection.foreign_key_problems(db) == []
        assert audit.verify_chain().ok
        assert Card.select().count() == 120 == CardSearch.select().count()
        assert Borrowing.select().count() == 600
        lent = BorrowingItem.select(BorrowingItem.card).where(BorrowingItem.state == "lent")
        cards_out = [i.card_id for i in lent]
        assert cards_out and len(cards_out) == len(set(cards_out))  # never lent twice at once
        from archive_desk.procedures.signatures import verify

        assert all(verify(s) for s in Signature.select().limit(200))
        from archive_desk import reporting

        assert reporting.hold_problems() == []  # the open loans' holds, as lending writes them
        numbers = [c.archive_no for c in Card.select(Card.archive_no)]
        assert len(numbers) == len(set(numbers))
        from archive_desk import accounts
        from archive_desk.db.models import User

        clerk = accounts.actor_for(User.get(User.username == built.clerk))
        assert cards.card_ids(clerk, cards.CardFilter(text="有限公司"))
    finally:
        connection.close_database()
