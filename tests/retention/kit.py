"""A destruction desk for tests, built through the real services: the clerk, the manager, the
general manager, a department head for loans; cards whose trade ended in January 2014 (D10: due
since January 2024) and helpers that walk a list through its steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from archive_desk import accounts, retention
from archive_desk import borrowing as bw
from archive_desk.domain import Role
from archive_desk.permissions import Actor
from tests.cardkit import make_card

PAD = retention.SignatureInput(png=b"\x89PNG-signature")
PAPER = retention.SignatureInput(on_paper=True)
SIGNED = {"witness1": PAD, "witness2": PAPER, "executor": PAD}
WITNESSES = (retention.Party("周监销"), retention.Party("吴监销"))
EXECUTOR = retention.Party("李档案")


@pytest.fixture
def destruction_staff(make_user, clerk) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    """The clerk, the manager, the general manager and a department head (for loans); a
    plugin of the root conftest, so the forms' and the GUI's tests have it too."""
    return {
        "clerk": clerk,
        "manager": make_user(Role.MANAGER, "manager", department="客服部", full_name="陈静"),
        "gm": make_user(Role.GENERAL_MANAGER, "gm", department="总经办", full_name="周强"),
        "head": make_user(Role.DEPT_HEAD, "head", department="销售一部", full_name="王刚"),
    }


def due_card(clerk: Actor, name: str, ended: str = "2014-01-10", **values: Any) -> Any:
    """A card whose trade ended on ``ended`` (D10: due ten years later)."""
    values = {"retention": "D10", "trade_status": "past", "trade_ended_on": ended, **values}
    return make_card(clerk, name, **values)


def propose(crew: dict[str, Actor], *card_ids: int, basis: str = "retention_ended") -> Any:
    return retention.create_list(
        crew["clerk"],
        reason="保管期满，经鉴定无继续保存价值",
        items=[retention.ItemInput(c, basis) for c in card_ids],
    )


def reviewed(crew: dict[str, Actor], lst: Any, exempt: dict[int, str] | None = None) -> Any:
    return retention.decide(
        crew["manager"], lst.id, lst.version, "review", approve=True, comment="同意", exempt=exempt
    )


def approved(crew: dict[str, Actor], lst: Any) -> Any:
    return retention.decide(
        crew["gm"], lst.id, lst.version, "approve", approve=True, comment="同意"
    )


def through_approval(crew: dict[str, Actor], *card_ids: int) -> Any:
    return approved(crew, reviewed(crew, propose(crew, *card_ids)))


def execute(crew: dict[str, Actor], lst: Any, **changes: Any) -> Any:
    fields: dict[str, Any] = {
        "executed_on": crew["clerk"].clock.today(), "place": "档案室碎纸间", "method": "shred",
        "executor": EXECUTOR, "witnesses": WITNESSES, "signed": SIGNED, **changes,
    }  # fmt: skip
    return retention.execute(crew["clerk"], lst.id, lst.version, **fields)


def lend(crew: dict[str, Actor], card_id: int, *, lend_now: bool = True) -> bw.BorrowingView:
    """An approved application for ``card_id`` (lent at once unless ``lend_now`` is False)."""
    clerk = crew["clerk"]
    dept = next(d.id for d in accounts.list_departments() if d.name == "销售一部")
    app = bw.apply(clerk, bw.BorrowerInput(name="张三", department_id=dept), [card_id],
                   mode="read", purpose="核对", expected_return=clerk.clock.today())  # fmt: skip
    app = bw.decide(crew["head"], app.id, app.version, approve=True)
    if not lend_now:
        return app
    pad = bw.SignatureInput(png=b"\x89PNG-sig")
    return bw.lend(clerk, app.id, app.version, borrower_signature=pad, clerk_signature=pad)


def after_waiting(clock: Any, lst: Any) -> None:
    """Move the clock to the first morning the list may be carried out."""
    clock.set(dt.datetime.combine(lst.wait_until, dt.time(9, 0)).isoformat())
