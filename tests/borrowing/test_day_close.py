"""The day close (闭馆清点) on a dated day: the overview's to-do counts exactly the originals the
close asks about — every original still out at closing, read or photocopied in the room, lent
today or earlier — and not what came back today, what waits for approval or for paper
signatures, or copies. The list is one statement however many loans are out."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import reporting as overview
from archive_desk.db.models import BorrowingItem
from archive_desk.domain import Role
from archive_desk.errors import ValidationError
from tests import storekit
from tests.cardkit import make_card
from tests.procedures import sqlcount

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


@pytest.fixture
def room(make_user, clerk, clock, db_path) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Wednesday 2026-03-04 at 17:30, before closing."""
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    clock.set("2026-03-01T09:00:00")
    names = ["昨日未还", "今日阅览", "今日影印", "今日已还", "待审批", "待签字", "两张甲", "两张乙"]
    card = {n: make_card(clerk, f"{n}公司") for n in names}

    def apply(names: list[str], at: str, mode: str = "read") -> bw.BorrowingView:
        clock.set(at)
        return bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept),
                        [card[n].id for n in names], mode=mode, purpose="核对",
                        expected_return=clock.today())  # fmt: skip

    def lend(
        names: list[str], at: str, mode: str = "read", paper: bool = False
    ) -> bw.BorrowingView:
        app = bw.decide(head, (a := apply(names, at, mode)).id, a.version, approve=True)
        sig = bw.SignatureInput(on_paper=True) if paper else PAD
        return bw.lend(clerk, app.id, app.version, borrower_signature=sig, clerk_signature=PAD)

    lend(["昨日未还"], "2026-03-03T10:00:00")  # due yesterday, still out
    lend(["今日阅览"], "2026-03-04T09:00:00")
    lend(["今日影印"], "2026-03-04T10:00:00", mode="copy")
    back = lend(["今日已还"], "2026-03-04T11:00:00")
    clock.set("2026-03-04T15:00:00")
    bw.return_items(clerk, back.id, back.version, [bw.ItemReturn(back.items[0].id)],
                    borrower_signature=PAD, clerk_signature=PAD)  # fmt: skip
    apply(["待审批"], "2026-03-04T12:00:00")
    lend(["待签字"], "2026-03-04T13:00:00", paper=True)
    lend(["两张甲", "两张乙"], "2026-03-04T14:00:00")
    clock.set("2026-03-04T17:30:00")
    return {"clerk": clerk, "card": card, "db_path": db_path}


STILL_OUT = {"昨日未还", "今日阅览", "今日影印", "两张甲", "两张乙"}


def test_the_todo_counts_the_list_the_close_asks_about(room) -> None:  # type: ignore[no-untyped-def]
    clerk = room["clerk"]
    listed = bw.in_room_not_back(clerk)
    assert {i.archive_no for i in listed} == {room["card"][n].archive_no for n in STILL_OUT}
    out = storekit.scalar(
        room["db_path"], "SELECT COUNT(*) FROM borrowing_item WHERE state = 'lent'"
    )
    todo = {t.key: t for t in overview.todos(clerk)}["day_close"]
    assert todo.count == len(listed) == out == 5
    assert bw.count_in_room_not_back(clerk) == len(listed)
    first = next(i for i in listed if i.card_name == "昨日未还公司")
    assert (first.borrower_name, first.borrower_department) == ("张三", "销售一部")
    assert first.lent_at == dt.datetime(2026, 3, 3, 10, 0) and first.due_date == dt.date(2026, 3, 3)
    with pytest.raises(ValidationError, match="以下在馆借阅尚未归还"):
        bw.close_day(clerk, {i.id: "明日归还" for i in listed[:-1]})
    assert not bw.day_closed(dt.date(2026, 3, 4))
    bw.close_day(clerk, {i.id: "借阅人明日继续查阅" for i in listed})
    assert bw.day_closed(dt.date(2026, 3, 4))
    reasons = BorrowingItem.select().where(BorrowingItem.day_close_reason != "")
    assert {r.id for r in reasons} == {i.id for i in listed}
    assert "day_close" not in {t.key for t in overview.todos(clerk)}


def test_the_list_is_one_statement(room) -> None:  # type: ignore[no-untyped-def]
    with sqlcount.statements() as statements:
        listed = bw.in_room_not_back(room["clerk"])
    assert len(listed) == 5
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2  # the session's look-up (permissions.check_session) and the list
    assert 'FROM "user"' in selects[0]
