"""An open session acts with the rights its user has now (issue 17): deactivated, or her role,
clearance or department changed, and her next action ends the session, in Chinese, with nothing
written; logged in again she has the new rights."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from archive_desk import accounts, cards, permissions
from archive_desk.db.models import AuditEvent, Card
from archive_desk.domain import Role, Secrecy
from archive_desk.errors import PermissionDenied, SessionEnded
from archive_desk.permissions import Actor
from tests.cardkit import draft, make_card
from tests.conftest import PASSWORD


def _change(admin: Actor, who: Actor, **changes: object) -> None:
    user = next(u for u in accounts.list_users(admin) if u.id == who.user_id)
    fields = {
        "full_name": user.full_name, "role": user.role, "department_id": user.department_id,
        "clearance": user.clearance, "phone": user.phone, "active": user.active,
    }  # fmt: skip
    accounts.update_user(admin, user.id, user.version, **{**fields, **changes})  # type: ignore[arg-type]


def _nothing_written(action: Callable[[], object], message: str) -> None:
    cards_before, events = Card.select().count(), AuditEvent.select().count()
    with pytest.raises(SessionEnded, match=message):
        action()
    assert (Card.select().count(), AuditEvent.select().count()) == (cards_before, events)


def test_a_deactivated_users_open_session_writes_nothing(admin, clerk) -> None:
    make_card(clerk, "北京海淀科技有限公司")
    _change(admin, clerk, active=False)
    _nothing_written(
        lambda: cards.create_card(clerk, draft("上海浦东商贸有限公司"), confirm_warnings=True),
        "您的账户已被停用，本次登录已结束",
    )
    with pytest.raises(SessionEnded):  # reading too
        cards.card_ids(clerk, cards.CardFilter())


def test_a_demoted_users_session_keeps_no_old_clearance(admin, make_user, clerk) -> None:
    secret = make_card(clerk, "机密公司", secrecy=int(Secrecy.CONFIDENTIAL))
    manager = make_user(Role.MANAGER, "manager")
    assert cards.get_card(manager, secret.id).values["name"] == "机密公司"
    _change(admin, manager, clearance=int(Secrecy.SECRET))
    with pytest.raises(SessionEnded, match="已被系统管理员修改，本次登录已结束，请重新登录"):
        cards.get_card(manager, secret.id)
    with pytest.raises(SessionEnded):
        cards.card_ids(manager, cards.CardFilter(text="机密"))
    again = accounts.login("manager", PASSWORD)  # logged in again: the new clearance
    assert again.clearance == Secrecy.SECRET
    assert cards.card_ids(again, cards.CardFilter(text="机密")) == []


@pytest.mark.parametrize(
    "change", [{"role": Role.DEPT_HEAD}, {"department_id": None}, {"clearance": 0}]
)
def test_a_changed_role_department_or_clearance_ends_the_session(admin, clerk, change) -> None:
    _change(admin, clerk, **change)
    _nothing_written(
        lambda: cards.create_card(clerk, draft("上海浦东商贸有限公司"), confirm_warnings=True),
        "本次登录已结束",
    )


def test_a_session_end_is_a_permission_refusal_heard_by_the_window(admin, clerk) -> None:
    heard: list[tuple[int, str]] = []
    stop = permissions.on_session_ended(
        lambda actor, message: heard.append((actor.user_id, message))
    )
    try:
        _change(admin, clerk, active=False)
        with pytest.raises(PermissionDenied):  # SessionEnded is one: every caller shows it
            cards.card_ids(clerk, cards.CardFilter())
    finally:
        stop()
    assert heard == [(clerk.user_id, permissions.ENDED_INACTIVE)]
    with pytest.raises(SessionEnded):
        cards.card_ids(clerk, cards.CardFilter())
    assert len(heard) == 1  # stopped: heard no more


def test_an_unchanged_user_keeps_her_session(admin, clerk) -> None:
    _change(admin, clerk, full_name="李新名", phone="13912345678")  # not what she may do
    assert make_card(clerk, "北京海淀科技有限公司").values["name"] == "北京海淀科技有限公司"
