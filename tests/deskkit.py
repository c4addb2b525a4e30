"""A clerk's desk on Monday 2026-03-02, 11:00, built through the real services: cards filed in
2025 (never reviewed, one past its retention) and one in February; an overdue loan from January,
another from February, one due today, an application waiting for approval."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk.clock import FixedClock
from archive_desk.domain import Role
from archive_desk.permissions import Actor
from tests.cardkit import make_card

PAD = bw.SignatureInput(png=b"\x89PNG-sig")


def build_desk(clerk: Actor, make_user: Callable[..., Actor], clock: FixedClock) -> dict[str, Any]:
    head = make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚")
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")

    def card(name: str, day: str, **values: Any) -> Any:
        clock.set(f"{day}T10:00:00")
        return make_card(clerk, name, **values)

    old = [card(f"老客户{i}", "2025-06-01") for i in range(3)]
    expired = card("到期公司", "2025-07-01", retention="D10", retention_event="manual",
                   retention_start="2016-01-05")  # fmt: skip
    new = card("新客户", "2026-02-10")

    def loan(c: Any, day: str, due: dt.date) -> bw.BorrowingView:
        clock.set(day)
        app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [c.id],
                       mode="read", purpose="核对", expected_return=due)  # fmt: skip
        app = bw.decide(head, app.id, app.version, approve=True)
        return bw.lend(clerk, app.id, app.version, borrower_signature=PAD, clerk_signature=PAD)

    late = loan(old[0], "2026-01-20T09:00:00", dt.date(2026, 1, 23))
    loan(old[1], "2026-02-25T09:00:00", dt.date(2026, 2, 26))
    today_loan = loan(new, "2026-03-02T09:30:00", dt.date(2026, 3, 2))
    clock.set("2026-03-02T10:00:00")
    bw.apply(clerk, bw.BorrowerInput(name="李四", department_id=dept), [old[2].id],
             mode="read", purpose="待批", expected_return=dt.date(2026, 3, 2))  # fmt: skip
    clock.set("2026-03-02T11:00:00")
    return {"head": head, "old": old, "expired": expired, "new": new, "late": late,
            "today_loan": today_loan}  # fmt: skip
