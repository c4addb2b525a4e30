"""Who may take an approval step: the list a dialog offers is exactly the set of people the
decision service accepts — tried with every user, by paper (recorded by the clerk) and logged
in — and the expected approver comes first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from archive_desk import accounts
from archive_desk import borrowing as bw
from archive_desk import handover as ho
from archive_desk.borrowing._states import ROLE_RANK
from archive_desk.db.models import User, database
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import KnownError
from archive_desk.permissions import Actor
from tests.cardkit import make_card


@pytest.fixture
def staff(make_user, clerk):  # type: ignore[no-untyped-def]
    """Every role, in two sales departments and the office; one head of each is inactive."""
    people = {
        "clerk": clerk,
        "receiver": make_user(Role.CLERK, "receiver", department="客服部", full_name="赵敏"),
        "head1": make_user(Role.DEPT_HEAD, "head1", department="销售一部", full_name="王刚"),
        "head2": make_user(Role.DEPT_HEAD, "head2", department="销售二部", full_name="刘洋"),
        "gone": make_user(Role.DEPT_HEAD, "gone", department="销售一部", full_name="丁离"),
        "manager": make_user(Role.MANAGER, "manager", department="客服部", full_name="陈静"),
        "gm": make_user(Role.GENERAL_MANAGER, "gm", department="总经办", full_name="周强"),
        "office": make_user(Role.OFFICE_HEAD, "office", department="总经办", full_name="孙丽"),
        "office2": make_user(Role.OFFICE_HEAD, "office2", department="总经办", full_name="钱多"),
        "sales": make_user(Role.CLERK, "sales", department="销售一部", full_name="张业务"),
    }
    gone = User.get_by_id(people["gone"].user_id)
    User.update(active=False).where(User.id == gone.id).execute()
    return people


def _dept(name: str) -> int:
    return next(d.id for d in accounts.list_departments() if d.name == name)


def _accepted(decide: Callable[..., Any], clerk: Actor, clock: Any) -> tuple[set[int], set[int]]:
    """Every user tried as the approver (recorded on paper by the clerk, and logged in himself),
    each try rolled back: the ids the decision service let through."""
    by_paper, logged_in = set(), set()
    for user in User.select():
        for method in ("paper", "login"):
            with database.atomic() as savepoint:
                try:
                    if method == "paper":
                        decide(clerk, method="paper", approver_id=user.id, paper_ref="P-1")
                    else:
                        decide(accounts.actor_for(user, clock), method="login")
                except KnownError:
                    pass
                else:
                    (by_paper if method == "paper" else logged_in).add(user.id)
                savepoint.rollback()
    return by_paper, logged_in


def _offered(approvers: Any) -> list[int]:
    return [c.id for c in approvers.candidates]


@pytest.mark.parametrize(
    ("secrecy", "expected"),
    [(Secrecy.INTERNAL, ["head1", "manager", "gm"]), (Secrecy.CONFIDENTIAL, ["manager", "gm"])],
)
def test_borrowing_approvers_are_exactly_who_decide_accepts(staff, clock, secrecy, expected):  # type: ignore[no-untyped-def]
    card = make_card(staff["clerk"], "北京海淀科技有限公司", secrecy=int(secrecy))
    app = bw.apply(
        staff["clerk"],
        bw.BorrowerInput(user_id=staff["sales"].user_id),
        [card.id],
        mode="read",
        purpose="核对合同条款",
    )

    def decide(actor: Actor, **kw: Any) -> None:
        bw.decide(actor, app.id, app.version, approve=True, **kw)

    by_paper, logged_in = _accepted(decide, staff["clerk"], clock)
    offered = bw.approvers(staff["clerk"], app.id)
    assert set(_offered(offered)) == by_paper == logged_in
    assert _offered(offered) == [staff[k].user_id for k in expected]  # the expected first
    assert not offered.actor_may and offered.may_record
    head = bw.approvers(staff["head1"], app.id)
    assert head.actor_may == (secrecy == Secrecy.INTERNAL) and not head.may_record


def test_nobody_may_approve_a_borrowing_of_a_department_without_a_head(staff, make_user) -> None:
    make_user(Role.CLERK, "fin", department="财务部")
    card = make_card(staff["clerk"], "北京海淀科技有限公司", secrecy=int(Secrecy.INTERNAL))
    app = bw.apply(
        staff["clerk"],
        bw.BorrowerInput(name="钱会计", department_id=_dept("财务部"), phone="13800138000"),
        [card.id],
        mode="read",
        purpose="核对",
    )
    offered = bw.approvers(staff["clerk"], app.id)
    assert _offered(offered) == [staff["manager"].user_id, staff["gm"].user_id]
    assert "财务部" in offered.needed


@pytest.mark.parametrize("step", ["dept", "office"])
def test_handover_step_approvers_are_exactly_who_decide_accepts(staff, clock, step) -> None:
    a = make_card(staff["clerk"], "甲公司")
    h = ho.create_handover(
        staff["clerk"], kind="filing", reason="年度归档",
        from_party=ho.PartyInput(user_id=staff["clerk"].user_id, department_id=_dept("销售一部")),
        to_party=ho.PartyInput(user_id=staff["receiver"].user_id), witness=ho.PartyInput(name="周强"),
        items=[ho.ItemInput(card_id=a.id)],
    )  # fmt: skip
    if step == "office":
        h = ho.decide(staff["head1"], h.id, h.version, "dept", approve=True)
        h = ho.record_check(staff["receiver"], h.id, h.version, scanned_card_ids=[a.id])
        h = ho.finish_check(staff["receiver"], h.id, h.version, accept=True)

    def decide(actor: Actor, **kw: Any) -> None:
        ho.decide(actor, h.id, h.version, step, approve=True, **kw)

    by_paper, logged_in = _accepted(decide, staff["clerk"], clock)
    offered = ho.step_approvers(staff["clerk"], h.id, step)
    assert set(_offered(offered)) == by_paper == logged_in
    expected = ["head1"] if step == "dept" else ["office2", "office"]  # by name: 钱多, 孙丽
    assert sorted(_offered(offered)) == sorted(staff[k].user_id for k in expected)
    assert offered.may_record and not offered.actor_may


@pytest.mark.parametrize(
    ("secrecy", "expected"),
    [
        (Secrecy.INTERNAL, ["head1", "head2", "manager", "gm"]),
        (Secrecy.CONFIDENTIAL, ["manager", "gm"]),
    ],
)
def test_copy_approvers_are_exactly_who_record_copy_accepts(staff, secrecy, expected) -> None:  # type: ignore[no-untyped-def]
    """The photocopy dialog offered every head, manager and general manager whatever the card;
    the register then refused a head for a 机密 card."""
    card = make_card(staff["clerk"], "北京海淀科技有限公司", secrecy=int(secrecy))
    accepted = set()
    for user in User.select():
        with database.atomic() as savepoint:
            try:
                bw.record_copy(
                    staff["clerk"], card.id, pages="1-2", copies=1, purpose="报价",
                    approver_id=user.id, holder_name="张业务",
                )  # fmt: skip
            except KnownError:
                pass
            else:
                accepted.add(user.id)
            savepoint.rollback()
    offered = bw.copy_approvers(staff["clerk"], card.id)
    assert set(_offered(offered)) == accepted
    assert sorted(_offered(offered)) == sorted(staff[k].user_id for k in expected)
    ranks = [ROLE_RANK[c.role] for c in offered.candidates]
    assert ranks == sorted(ranks)  # the lowest sufficient rank first
