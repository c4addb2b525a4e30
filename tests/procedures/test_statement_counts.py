"""The lists that read a row at a time (N+1) now read in a fixed number of statements,
whatever the number of rows: the approver's pending applications (and their count on the
overview), the day close's originals not back, the handover register's slips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.domain import Role
from tests.cardkit import make_card
from tests.procedures.sqlcount import statements

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


def _growing(add: Callable[[int], None], read: Callable[[], Any]) -> list[int]:
    """Statements ``read`` runs with 1, then 4 rows added by ``add``."""
    counts = []
    for n in (1, 3):
        add(n)
        with statements() as seen:
            read()
        counts.append(len(seen))
    return counts


def test_pending_approvals_and_their_count(make_user, clerk) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    made = iter(range(100))

    def add(n: int) -> None:
        for _ in range(n):
            card = make_card(clerk, f"公司{next(made)}")
            bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card.id],
                     mode="read", purpose="核对")  # fmt: skip

    first, second = _growing(add, lambda: bw.pending_approvals(head))
    assert first == second and len(bw.pending_approvals(head)) == 4
    first, second = _growing(add, lambda: bw.count_pending_approvals(head))
    assert first == second <= 3 and bw.count_pending_approvals(head) == 8


def test_the_originals_not_back(make_user, clerk) -> None:  # type: ignore[no-untyped-def]
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    made = iter(range(100))

    def add(n: int) -> None:
        for _ in range(n):
            card = make_card(clerk, f"公司{next(made)}")
            app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card.id],
                           mode="read", purpose="核对")  # fmt: skip
            app = bw.decide(head, app.id, app.version, approve=True)
            bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    first, second = _growing(add, lambda: bw.in_room_not_back(clerk))
    # the session's look-up (permissions.check_session) and the list
    assert first == second == 2 and len(bw.in_room_not_back(clerk)) == 4


def test_the_slips_of_the_register(make_user, clerk, clock) -> None:  # type: ignore[no-untyped-def]
    receiver = make_user(Role.CLERK, "receiver", department="客服部")
    make_user(Role.DEPT_HEAD, "head2", department="销售部")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售部")
    made = iter(range(100))

    def add(n: int) -> None:
        for _ in range(n):
            card = make_card(clerk, f"公司{next(made)}")
            ho.create_handover(
                clerk, kind="filing", reason="归档",
                from_party=ho.PartyInput(user_id=clerk.user_id, department_id=dept),
                to_party=ho.PartyInput(user_id=receiver.user_id), witness=ho.PartyInput(name="周强"),
                items=[ho.ItemInput(card_id=card.id), ho.ItemInput(name="合同汇编")],
            )  # fmt: skip

    today = clock.today()
    week = (today - dt.timedelta(days=7), today)
    first, second = _growing(add, lambda: ho.in_range(clerk, *week))
    assert first == second and len(ho.in_range(clerk, *week)) == 4
