"""Users, departments, login and passwords.

Passwords are hashed with argon2id (argon2-cffi). Five wrong passwords in a row lock the account
for a quarter of an hour. The first start creates the admin (:func:`create_first_admin`).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive_desk import audit, validation
from archive_desk.clock import SYSTEM_CLOCK, Clock
from archive_desk.db.connection import transaction
from archive_desk.db.models import Department, Person, User
from archive_desk.domain import DEFAULT_CLEARANCE, SECRECY_LABELS, Role, Secrecy, role_label
from archive_desk.errors import AuthError, Conflict, NotFound, PermissionDenied, ValidationError
from archive_desk.permissions import Actor, Perm, require
from archive_desk.procedures import records

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128

# argon2id with the library's current recommended parameters; made (and argon2 imported) at the
# first password checked, not at every start
_hasher: PasswordHasher | None = None


def _passwords() -> PasswordHasher:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher()
    return _hasher


def _password_ok(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_passwords().verify(password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
    except UnicodeEncodeError:  # a lone surrogate: no password is made of one
        return False


@dataclass(frozen=True)
class UserView:
    id: int
    username: str
    full_name: str
    role: str
    role_label: str
    department_id: int | None
    department: str
    clearance: int
    clearance_label: str
    phone: str
    active: bool
    locked: bool
    must_change_password: bool
    version: int


@dataclass(frozen=True)
class DepartmentView:
    id: int
    name: str
    code: str
    active: bool
    version: int


def hash_password(password: str) -> str:
    return _passwords().hash(password)


def _check_password_rules(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 位。", field="password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(f"密码最多 {MAX_PASSWORD_LENGTH} 位。", field="password")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in password):
        # a lone surrogate cannot be hashed (UTF-8); a control character cannot be typed again
        raise ValidationError("密码中不能有控制字符或残缺字符。", field="password")
    if password.strip() != password:
        raise ValidationError("密码首尾不能是空格。", field="password")
    if password.lower() == username.lower():
        raise ValidationError("密码不能与用户名相同。", field="password")


def actor_for(user: User, clock: Clock = SYSTEM_CLOCK) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        department_id=user.department_id,
        clearance=user.clearance,
        clock=clock,
    )


def _view(user: User, now: dt.datetime) -> UserView:
    dept = user.department
    return UserView(
        id=user.id,
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        role_label=role_label(user.role),
        department_id=user.department_id,
        department=dept.name if dept else "",
        clearance=user.clearance,
        clearance_label=SECRECY_LABELS[Secrecy(user.clearance)],
        phone=user.phone,
        active=user.active,
        locked=bool(user.locked_until and user.locked_until > now),
        must_change_password=user.must_change_password,
        version=user.version,
    )


def _snapshot(user: User) -> dict[str, object]:
    return {
        "username": user.username,
        "full_name": user.full_name,
        "role": user.role,
        "department_id": user.department_id,
        "clearance": user.clearance,
        "phone": user.phone,
        "active": user.active,
    }


# --- first start and login -----------------------------------------------------------------


def has_users() -> bool:
    return User.select().exists()


def create_first_admin(
    username: str, full_name: str, password: str, *, clock: Clock = SYSTEM_CLOCK
) -> Actor:
    """Create the admin account on a database that has no users yet."""
    username = _clean_username(username)
    if not username:
        raise ValidationError("请输入管理员的用户名。", field="username")
    full_name = _clean_full_name(full_name)
    _check_password_rules(password, username)
    with transaction():
        if has_users():
            raise Conflict("系统中已经有用户，不能再创建首个管理员。")
        user = User.create(
            username=username,
            full_name=full_name or username,
            role=Role.ADMIN,
            clearance=int(DEFAULT_CLEARANCE[Role.ADMIN]),
            password_hash=hash_password(password),
            created_at=clock.now(),
        )
        actor = actor_for(user, clock)
        audit.record(actor, "user.create_admin", "user", user.id, after=_snapshot(user))
    return actor


def login(username: str, password: str, *, clock: Clock = SYSTEM_CLOCK) -> Actor:
    """Check the password. Raises :class:`AuthError`; repeated failures lock the account."""
    now = clock.now()
    name = validation.check_text(username, "用户名", User.username.max_length)
    user = None if name.error else User.get_or_none(User.username == name.value)
    if user is None or not user.active:
        # Same message as a wrong password: do not reveal which user names exist.
        raise AuthError("用户名或密码不正确。")
    if user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        raise AuthError(f"密码错误次数过多，账户已锁定。请 {minutes} 分钟后再试，或请管理员解锁。")
    if not _password_ok(user.password_hash, password):
        with transaction():
            # counted in the UPDATE itself (its row then locked): two wrong passwords typed at
            # once on two workstations count two, not one
            User.update(failed_logins=User.failed_logins + 1).where(User.id == user.id).execute()
            failed = User.select(User.failed_logins).where(User.id == user.id).scalar()
            locked_until = None
            if failed >= MAX_FAILED_LOGINS:
                locked_until = now + dt.timedelta(minutes=LOCK_MINUTES)
                User.update(locked_until=locked_until).where(User.id == user.id).execute()
            audit.record(
                None,
                "user.login_failed" if locked_until is None else "user.locked",
                "user",
                user.id,
                after={"username": user.username, "failed_logins": failed},
                at=now,
            )
        if locked_until is not None:
            raise AuthError(f"密码连续错误 {failed} 次，账户已锁定 {LOCK_MINUTES} 分钟。") from None
        left = MAX_FAILED_LOGINS - failed
        raise AuthError(f"用户名或密码不正确。再错 {left} 次账户将被锁定。") from None
    with transaction():
        fields: dict[str, object] = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
        if _passwords().check_needs_rehash(user.password_hash):
            fields["password_hash"] = hash_password(password)
        User.update(**fields).where(User.id == user.id).execute()
        actor = actor_for(user, clock)
        audit.record(actor, "user.login", "user", user.id, at=now)
    return actor


def change_password(actor: Actor, old_password: str, new_password: str) -> None:
    user = User.get_by_id(actor.user_id)
    if not _password_ok(user.password_hash, old_password):
        raise ValidationError("原密码不正确，密码没有修改。", field="old_password")
    _check_password_rules(new_password, user.username)
    if new_password == old_password:
        raise ValidationError("新密码不能与原密码相同。", field="password")
    with transaction():
        User.update(password_hash=hash_password(new_password), must_change_password=False).where(
            User.id == user.id
        ).execute()
        audit.record(actor, "user.change_password", "user", user.id)


def current_user(actor: Actor) -> UserView:
    return _view(User.get_by_id(actor.user_id), actor.clock.now())


# --- user administration --------------------------------------------------------------------


def list_users(actor: Actor, *, include_inactive: bool = True) -> list[UserView]:
    require(actor, Perm.USER_MANAGE)
    query = User.select().order_by(User.role, User.username)
    if not include_inactive:
        query = query.where(User.active == True)  # noqa: E712 - peewee expression
    now = actor.clock.now()
    return [_view(u, now) for u in query]


def users_with_role(role: str) -> list[UserView]:
    """Active users of one role (for choosing an approver); no secrets in the result."""
    query = User.select().where((User.role == role) & (User.active == True))  # noqa: E712
    return [_view(u, SYSTEM_CLOCK.now()) for u in query.order_by(User.full_name)]


def active_users() -> list[UserView]:
    """Every active user (for choosing a borrower); no secrets in the result."""
    query = User.select().where(User.active == True)  # noqa: E712
    return [_view(u, SYSTEM_CLOCK.now()) for u in query.order_by(User.full_name)]


def _check_phone(phone: str, errors: dict[str, str]) -> str:
    """The phone as cards keep it (validation.check_phone: mobile, landline with area code and
    extension, 400/800). A local number without area code, only a warning on a card, is refused
    here: the account form has no confirmation, and the number is how borrowers and approvers
    are reached."""
    text = validation.check_text(phone, "电话", User.phone.max_length, fold=True)
    check = validation.check_phone(text.value) if not text.error else text
    if check.error or check.warning:
        errors["phone"] = check.error or check.warning
    return check.value


def _clean_username(username: str) -> str:
    """The user name as stored: letters, digits, dots, underscores and hyphens only."""
    name = validation.clean_text(username, "用户名", User.username.max_length, field="username")
    if not all(c.isalnum() or c in "._-" for c in name):
        raise ValidationError("用户名只能包含字母、数字、点、下划线和连字符。", field="username")
    return name


def _clean_full_name(full_name: str) -> str:
    return validation.clean_text(full_name, "姓名", User.full_name.max_length, field="full_name")


def _validate_user_fields(
    username: str,
    full_name: str,
    role: str,
    department_id: int | None,
    clearance: int | None,
    phone: str,
) -> tuple[str, str, int, str]:
    errors: dict[str, str] = {}
    for key, clean in (("username", _clean_username), ("full_name", _clean_full_name)):
        try:
            value = clean(username if key == "username" else full_name)
        except ValidationError as exc:
            errors[key] = exc.message
            value = ""
        if key == "username":
            username = value
        else:
            full_name = value
    if not username:
        errors.setdefault("username", "请输入用户名。")
    if not full_name:
        errors.setdefault("full_name", "请输入姓名。")
    if role not in Role.ALL:
        errors["role"] = "请选择角色。"
    if department_id is not None and Department.get_or_none(Department.id == department_id) is None:
        errors["department"] = "所选部门不存在。"
    level = int(DEFAULT_CLEARANCE.get(role, Secrecy.INTERNAL)) if clearance is None else clearance
    if isinstance(level, bool) or level not in {int(s) for s in Secrecy}:
        errors["clearance"] = "密级权限无效。"
    phone = _check_phone(phone, errors)
    if errors:
        field = next(iter(errors))
        raise ValidationError(errors[field], field=field, errors=errors)
    return username, full_name, level, phone


def create_user(
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    department_id: int | None = None,
    clearance: int | None = None,
    phone: str = "",
    must_change_password: bool = True,
) -> UserView:
    require(actor, Perm.USER_MANAGE)
    username, full_name, level, phone = _validate_user_fields(
        username, full_name, role, department_id, clearance, phone
    )
    _check_password_rules(password, username)
    with transaction():
        if User.select().where(User.username == username).exists():
            raise ValidationError(f"用户名“{username}”已被使用。", field="username")
        user = User.create(
            username=username,
            full_name=full_name,
            role=role,
            department=department_id,
            clearance=level,
            phone=phone,
            password_hash=hash_password(password),
            must_change_password=must_change_password,
            created_at=actor.clock.now(),
        )
        Person.create(name=full_name, department=department_id, phone=phone, user=user)
        audit.record(actor, "user.create", "user", user.id, after=_snapshot(user))
    return _view(user, actor.clock.now())


def update_user(
    actor: Actor,
    user_id: int,
    version: int,
    *,
    full_name: str,
    role: str,
    department_id: int | None,
    clearance: int,
    phone: str = "",
    active: bool = True,
) -> UserView:
    require(actor, Perm.USER_MANAGE)
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound("用户不存在。")
    _, full_name, level, phone = _validate_user_fields(
        user.username, full_name, role, department_id, clearance, phone
    )
    if user.id == actor.user_id and (role != user.role or level != user.clearance or not active):
        # what one may see and do is given by another: raising her own clearance would let an
        # administrator read the 机密 cards her role is kept from
        raise PermissionDenied(
            "不能修改自己的角色或可阅密级，也不能停用自己的账户：请另一位系统管理员办理。"
        )
    with transaction():
        before = _snapshot(user)
        records.update(
            User,
            user.id,
            version,
            full_name=full_name,
            role=role,
            department=department_id,
            clearance=level,
            phone=phone,
            active=active,
        )
        Person.update(name=full_name, department=department_id, phone=phone).where(
            Person.user == user.id
        ).execute()
        user = User.get_by_id(user.id)
        audit.record(actor, "user.update", "user", user.id, before=before, after=_snapshot(user))
    return _view(user, actor.clock.now())


def reset_password(actor: Actor, user_id: int, new_password: str) -> None:
    """The admin sets a new password; the user must change it at next login."""
    require(actor, Perm.USER_MANAGE)
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound("用户不存在。")
    _check_password_rules(new_password, user.username)
    with transaction():
        User.update(
            password_hash=hash_password(new_password),
            must_change_password=True,
            failed_logins=0,
            locked_until=None,
        ).where(User.id == user.id).execute()
        audit.record(actor, "user.reset_password", "user", user.id)


def unlock_user(actor: Actor, user_id: int) -> None:
    require(actor, Perm.USER_MANAGE)
    with transaction():
        if User.update(failed_logins=0, locked_until=None).where(User.id == user_id).execute() != 1:
            raise NotFound("用户不存在。")
        audit.record(actor, "user.unlock", "user", user_id)


# --- departments ------------------------------------------------------------------------------


def list_departments(*, include_inactive: bool = False) -> list[DepartmentView]:
    query = Department.select().order_by(Department.name)
    if not include_inactive:
        query = query.where(Department.active == True)  # noqa: E712
    return [DepartmentView(d.id, d.name, d.code, d.active, d.version) for d in query]


def create_department(actor: Actor, name: str, code: str = "") -> DepartmentView:
    require(actor, Perm.USER_MANAGE)
    name = validation.clean_text(name, "部门名称", Department.name.max_length, field="name")
    code = validation.clean_text(code, "部门代码", Department.code.max_length, field="code")
    if not name:
        raise ValidationError("请输入部门名称。", field="name")
    with transaction():
        if Department.select().where(Department.name == name).exists():
            raise ValidationError(f"部门“{name}”已存在。", field="name")
        dept = Department.create(name=name, code=code)
        audit.record(actor, "department.create", "department", dept.id, after={"name": name})
    return DepartmentView(dept.id, dept.name, dept.code, dept.active, dept.version)
