"""The change notice: a service call that changes data tells every listener what changed (kind
and ids) after its commit — never after a rollback, never before the data can be read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from archive_desk.procedures import changes
from tests import storekit
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


@pytest.fixture
def heard() -> Iterator[list[dict[str, frozenset[int]]]]:
    batches: list[dict[str, frozenset[int]]] = []
    stop = changes.listen(lambda batch: batches.append(dict(batch)))
    yield batches
    stop()


def test_a_loan_tells_which_application_and_cards_changed_after_its_commit(
    make_user, clerk, db_path, heard
) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    a, b = make_card(clerk, "甲公司"), make_card(clerk, "乙公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [a.id, b.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    heard.clear()
    seen_by_another_connection: list[Any] = []

    def look(_batch: Any) -> None:  # another program's view of the file, when told
        row = storekit.rows(db_path, "SELECT state FROM borrowing WHERE id = ?", (app.id,))[0]
        seen_by_another_connection.append(row[0])

    stop = changes.listen(look)
    try:
        bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)
    finally:
        stop()
    assert heard == [{"borrowing": frozenset({app.id}), "card": frozenset({a.id, b.id})}]
    assert seen_by_another_connection == ["lent"]  # told after the commit


def test_a_refused_call_tells_nothing(make_user, clerk, heard) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    a = make_card(clerk, "甲公司")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [a.id],
                   mode="read", purpose="核对")  # fmt: skip
    app = bw.decide(head, app.id, app.version, approve=True)
    heard.clear()
    with pytest.raises(ValidationError):  # an empty pad, found after the loan's first writes
        bw.lend(clerk, app.id, app.version, borrower_signature=PAD,
                clerk_signature=bw.SignatureInput())  # fmt: skip
    assert heard == []


def test_a_rollback_drops_the_notes_of_its_block_only(db, heard) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), changes.transaction():
        changes.note(changes.CARD, [1])
        raise RuntimeError("a bug")
    assert heard == []
    with changes.transaction():
        changes.note(changes.CARD, [1])
        try:
            with changes.transaction():  # a nested block that rolls back (a savepoint)
                changes.note(changes.CARD, [2])
                changes.note(changes.BORROWING, [7])
                raise ValueError
        except ValueError:
            pass
        changes.note(changes.CARD, [3])
    assert heard == [{"card": frozenset({1, 3})}]


def test_a_failing_listener_neither_undoes_nor_hides_the_change(db, heard, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken(_batch: Any) -> None:
        raise KeyError("a listener's bug")

    stop = changes.listen(broken)
    try:
        with changes.transaction():
            changes.note(changes.CARD, [5])
    finally:
        stop()
    assert heard == [{"card": frozenset({5})}]
    assert "change listener" in caplog.text


def test_a_note_outside_a_transaction_is_a_bug(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError):
        changes.note(changes.CARD, [1])
