"""The secrecy rule in borrowing's lists, counts and to-dos (issue 17, permissions beyond the
table): a user of 秘密 clearance — a clerk so set, a department head — neither sees nor counts a
机密 card that is due back today or overdue; a card she may see is counted as before."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk.domain import Role, Secrecy
from archive_desk.permissions import Actor
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


@pytest.fixture
def desk(clerk, make_user) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A 机密 card and a 内部 card lent today, due back today."""
    people: dict[str, Any] = {
        "clerk": clerk,
        "head": make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚"),
        "manager": make_user(Role.MANAGER, "manager", department="客服部", full_name="陈静"),
        "low": make_user(Role.CLERK, "lowclerk", clearance=int(Secrecy.SECRET)),
    }
    secret = make_card(clerk, "机密客户有限公司", secrecy=int(Secrecy.CONFIDENTIAL))
    plain = make_card(clerk, "普通客户有限公司", secrecy=int(Secrecy.INTERNAL))
    people["secret"] = _lend(people, secret.id, people["manager"])
    people["plain"] = _lend(people, plain.id, people["head"])
    return people


def _lend(people: dict[str, Any], card_id: int, approver: Actor) -> bw.BorrowingView:
    clerk = people["clerk"]
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card_id],
                   mode="read", purpose="核对", expected_return=clerk.clock.today())  # fmt: skip
    app = bw.decide(approver, app.id, app.version, approve=True)
    return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)


def _todo(actor: Actor, key: str) -> int:
    return next(t.count for t in bw.todos(actor) if t.key == key)


def test_due_today_neither_lists_nor_counts_a_card_above_the_clearance(desk) -> None:  # type: ignore[no-untyped-def]
    clerk, low, head = desk["clerk"], desk["low"], desk["head"]
    assert bw.count_borrowings(clerk, "due_today") == 2 and _todo(clerk, "due_today") == 2
    assert bw.count_borrowings(low, "due_today") == 1
    assert [r.id for r in bw.list_borrowings(low, "due_today")] == [desk["plain"].id]
    assert _todo(low, "due_today") == 1
    # a department head (秘密 by default) reads the list too
    assert [r.id for r in bw.list_borrowings(head, "due_today")] == [desk["plain"].id]


def test_overdue_neither_lists_nor_counts_a_card_above_the_clearance(desk, clock) -> None:  # type: ignore[no-untyped-def]
    clerk, low = desk["clerk"], desk["low"]
    clock.set((clock.now() + dt.timedelta(days=2)).isoformat())
    assert bw.count_borrowings(clerk, "overdue") == 2 and _todo(clerk, "overdue") == 2
    assert bw.count_borrowings(low, "overdue") == 1 and _todo(low, "overdue") == 1
    assert [r.id for r in bw.list_borrowings(low, "overdue")] == [desk["plain"].id]


def test_loans_per_month_count_only_cards_the_user_may_see(desk) -> None:  # type: ignore[no-untyped-def]
    month = desk["clerk"].clock.today().strftime("%Y-%m")
    assert dict(bw.loans_per_month(desk["clerk"]))[month] == 2
    manager_low = desk["low"]  # the chart is the overview's: every reader of reports
    assert dict(bw.loans_per_month(manager_low))[month] == 1
