"""A loan on a server waits for each round trip to it (issue 18): apply → approve → lend →
return took 72 of them (the four commits included) with a card of three documents, now 48.
What it may not do again: a trip per document checked or per signature, lock the card twice,
read who has the card apart from its holds, read the newest audit event apart from the locked
head, or send apart what nothing reads back (the event and the head; a return's writes; the
lists of the view it returns)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk.db import store
from archive_desk.domain import Role
from tests.borrowing.test_returns import DOCS, PAD
from tests.cardkit import make_card


@contextlib.contextmanager
def trips(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The round trips to the server inside the block, each as the SQL it sent (a pipeline's
    statements joined by `` ; ``; an ``executemany`` is one; ``COMMIT`` included)."""
    seen: list[str] = []
    batch: list[list[str]] = []

    def sent(sql: str) -> None:
        (batch[-1] if batch else seen).append(sql)

    execute, many = psycopg.Cursor.execute, psycopg.Cursor.executemany
    commit, pipeline = psycopg.Connection.commit, psycopg.Connection.pipeline

    def counted_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent(str(query))
        return execute(self, query, *args, **kwargs)

    def counted_many(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        sent(str(query))
        return many(self, query, *args, **kwargs)

    def counted_commit(self: Any) -> None:
        seen.append("COMMIT")
        commit(self)

    @contextlib.contextmanager
    def counted_pipeline(self: Any) -> Iterator[Any]:
        batch.append([])
        try:
            with pipeline(self) as p:
                yield p
        finally:
            seen.append(" ; ".join(batch.pop()))

    monkeypatch.setattr(psycopg.Cursor, "execute", counted_execute)
    monkeypatch.setattr(psycopg.Cursor, "executemany", counted_many)
    monkeypatch.setattr(psycopg.Connection, "commit", counted_commit)
    monkeypatch.setattr(psycopg.Connection, "pipeline", counted_pipeline)
    yield seen
    monkeypatch.undo()


def _with(seen: list[str], *words: str) -> list[str]:
    return [s for s in seen if all(w in s for w in words)]


@pytest.mark.postgresql_only("round trips are a server's: SQLite runs in the program's process")
def test_a_loan_round_trip_on_a_server(make_user, clerk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    assert store.is_server()
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    card = make_card(clerk, "北京海淀科技有限公司", documents=DOCS)
    who = bw.BorrowerInput(name="赵六", department_id=dept)
    steps: dict[str, list[str]] = {}
    with trips(monkeypatch) as seen:
        app = bw.apply(clerk, who, [card.id], mode="read", purpose="核对")
    steps["apply"] = list(seen)
    with trips(monkeypatch) as seen:
        app = bw.decide(head, app.id, app.version, approve=True)
    steps["approve"] = list(seen)
    with trips(monkeypatch) as seen:
        app = bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    steps["lend"] = list(seen)
    with trips(monkeypatch) as seen:
        done = bw.return_items(clerk, app.id, app.version, [bw.ItemReturn(app.items[0].id)],
                               borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    steps["return"] = list(seen)
    assert done.state == bw.BorrowingState.RETURNED and len(done.signatures) == 4

    every = [s for trip in steps.values() for s in trip]
    assert len(_with(steps["return"], 'INSERT INTO "return_check"')) == 1  # three documents
    for step in ("lend", "return"):
        assert len(_with(steps[step], 'INSERT INTO "signature"')) == 1  # borrower and clerk
    assert len(_with(steps["lend"], 'FROM "card"', "FOR UPDATE")) == 1
    assert not _with(every, 'FROM "borrowing_item"', '"state" = ', 'INNER JOIN "borrowing"')
    for step, trip in steps.items():
        assert len(_with(trip, '"audit_event"')) == 2, step  # the locked head, then the event
        assert _with(trip, 'INSERT INTO "audit_event"', " ; ", 'INSERT INTO "setting"'), step
        assert trip.count("COMMIT") == 1
    assert {step: len(trip) for step, trip in steps.items()} == {
        "apply": 14,
        "approve": 11,
        "lend": 12,
        "return": 11,
    }
