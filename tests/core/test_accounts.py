"""Accounts: first admin, login, lock-out, password rules, permissions enforced by services."""

from __future__ import annotations

import datetime as dt

import pytest

from archive_desk import accounts
from archive_desk.db.models import AuditEvent, Person, User
from archive_desk.domain import Role
from archive_desk.errors import AuthError, Conflict, PermissionDenied, StaleRecord, ValidationError
from tests.conftest import PASSWORD


def test_first_admin_only_once(admin, clock):
    assert admin.role == Role.ADMIN
    stored = User.get(User.username == "admin")
    assert stored.password_hash.startswith("$argon2id$")
    assert PASSWORD not in stored.password_hash
    with pytest.raises(Conflict):
        accounts.create_first_admin("other", "x", PASSWORD, clock=clock)
    assert User.select().count() == 1


def test_login_success_and_wrong_password(admin, clock):
    assert accounts.login("admin", PASSWORD, clock=clock).username == "admin"
    with pytest.raises(AuthError, match="不正确"):
        accounts.login("admin", "wrong-pass", clock=clock)
    with pytest.raises(AuthError, match="不正确"):
        accounts.login("nobody", PASSWORD, clock=clock)


def test_lock_after_repeated_failures_then_unlocks_with_time(admin, clock):
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        with pytest.raises(AuthError, match="再错"):
            accounts.login("admin", "wrong-pass", clock=clock)
    with pytest.raises(AuthError, match="锁定"):
        accounts.login("admin", "wrong-pass", clock=clock)
    # Even the right password is refused while locked.
    with pytest.raises(AuthError, match="锁定"):
        accounts.login("admin", PASSWORD, clock=clock)
    clock.advance(minutes=accounts.LOCK_MINUTES + 1)
    assert accounts.login("admin", PASSWORD, clock=clock).username == "admin"
    assert User.get(User.username == "admin").failed_logins == 0
    assert AuditEvent.select().where(AuditEvent.action == "user.locked").count() == 1


def test_change_password_rules(admin, clock):
    with pytest.raises(ValidationError, match="原密码"):
        accounts.change_password(admin, "bad-old-pw", "Another-123")
    with pytest.raises(ValidationError, match="至少"):
        accounts.change_password(admin, PASSWORD, "short")
    accounts.change_password(admin, PASSWORD, "Another-123")
    with pytest.raises(AuthError):
        accounts.login("admin", PASSWORD, clock=clock)
    assert accounts.login("admin", "Another-123", clock=clock)


def test_role_without_permission_is_refused_by_the_service(make_user, admin):
    clerk = make_user(Role.CLERK, "clerk1")
    before = User.select().count()
    with pytest.raises(PermissionDenied, match="管理用户"):
        accounts.create_user(
            clerk, username="x1", full_name="某人", role=Role.CLERK, password=PASSWORD
        )
    with pytest.raises(PermissionDenied):
        accounts.list_users(clerk)
    assert User.select().count() == before


def test_stale_save_is_refused(make_user, admin):
    clerk = make_user(Role.CLERK, "clerk2")
    view = accounts.list_users(admin)
    mine = next(u for u in view if u.username == "clerk2")
    # Two admin windows read the same version; the first save wins, the second is refused.
    accounts.update_user(
        admin,
        mine.id,
        mine.version,
        full_name="张三",
        role=Role.CLERK,
        department_id=mine.department_id,
        clearance=mine.clearance,
    )
    with pytest.raises(StaleRecord):
        accounts.update_user(
            admin,
            mine.id,
            mine.version,
            full_name="李四",
            role=Role.CLERK,
            department_id=mine.department_id,
            clearance=mine.clearance,
        )
    assert User.get_by_id(clerk.user_id).full_name == "张三"


def test_duplicate_username_refused_and_nothing_written(admin):
    accounts.create_user(
        admin, username="wang", full_name="王五", role=Role.CLERK, password=PASSWORD
    )
    events = AuditEvent.select().count()
    with pytest.raises(ValidationError, match="已被使用"):
        accounts.create_user(
            admin, username="wang", full_name="王五", role=Role.CLERK, password=PASSWORD
        )
    assert AuditEvent.select().count() == events


@pytest.mark.parametrize(
    ("role", "clearance", "active"),
    [
        (Role.CLERK, 1, True),  # her own role
        (Role.ADMIN, 3, True),  # her own clearance raised to 机密 (issue 17)
        (Role.ADMIN, 0, True),  # or lowered
        (Role.ADMIN, 1, False),  # her own account deactivated
    ],
)
def test_no_one_changes_her_own_role_or_clearance(admin, role, clearance, active):
    me = next(u for u in accounts.list_users(admin) if u.username == "admin")
    events = AuditEvent.select().count()
    with pytest.raises(PermissionDenied, match="不能修改自己的角色或可阅密级"):
        accounts.update_user(
            admin, me.id, me.version, full_name="x", role=role, department_id=None,
            clearance=clearance, active=active,
        )  # fmt: skip
    after = next(u for u in accounts.list_users(admin) if u.username == "admin")
    assert (after.role, after.clearance, after.full_name) == (Role.ADMIN, 1, me.full_name)
    assert AuditEvent.select().count() == events


def test_her_own_name_and_phone_she_may_change(admin):
    me = next(u for u in accounts.list_users(admin) if u.username == "admin")
    done = accounts.update_user(
        admin, me.id, me.version, full_name="王管理", role=Role.ADMIN, department_id=None,
        clearance=me.clearance, phone="13812345678",
    )  # fmt: skip
    assert (done.full_name, done.phone) == ("王管理", "13812345678")


def test_login_time_comes_from_the_clock(admin, clock):
    clock.set(dt.datetime(2030, 1, 2, 3, 4, 5))
    accounts.login("admin", PASSWORD, clock=clock)
    assert User.get(User.username == "admin").last_login_at == dt.datetime(2030, 1, 2, 3, 4, 5)


def test_a_users_phone_is_checked_and_normalised_like_a_cards(admin):
    def create(phone: str):  # type: ignore[no-untyped-def]
        return accounts.create_user(
            admin, username="wang", full_name="王五", role=Role.CLERK, password=PASSWORD,
            phone=phone,
        )  # fmt: skip

    events = AuditEvent.select().count()
    with pytest.raises(ValidationError) as err:
        create("12345")
    assert err.value.errors["phone"].startswith("电话号码格式不对")
    with pytest.raises(ValidationError) as err:
        create("88888888")  # which city?
    assert "区号" in err.value.errors["phone"]
    assert not User.select().where(User.username == "wang").exists()
    assert AuditEvent.select().count() == events
    view = create("138 0013 8000")
    assert view.phone == "13800138000"
    assert Person.get(Person.user == view.id).phone == "13800138000"  # a borrower's phone too

    def update(phone: str):  # type: ignore[no-untyped-def]
        current = next(u for u in accounts.list_users(admin) if u.id == view.id)
        return accounts.update_user(
            admin, view.id, current.version, full_name="王五", role=Role.CLERK,
            department_id=None, clearance=1, phone=phone,
        )  # fmt: skip

    assert update("（0531）8888 8888 转 123").phone == "0531-88888888-123"
    assert update("400 123 4567").phone == "400-123-4567"
    with pytest.raises(ValidationError, match="电话号码"):
        update("0531-abc")
    assert User.get_by_id(view.id).phone == "400-123-4567"
    assert Person.get(Person.user == view.id).phone == "400-123-4567"
