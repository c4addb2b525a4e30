"""Shared fixtures. Qt runs offscreen; every test gets its own real SQLite file."""

from __future__ import annotations

import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests never touch the real user's data, log or config folders (platformdirs follows XDG).
_HOME = tempfile.mkdtemp(prefix="archive-desk-tests-")
for _var in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_var] = os.path.join(_HOME, _var.lower())
os.environ.pop("ARCHIVE_DESK_DB", None)
os.environ.pop("ARCHIVE_DESK_PASSWORD", None)

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archive_desk import accounts
from archive_desk.clock import FixedClock
from archive_desk.db import connection
from archive_desk.domain import Role
from archive_desk.permissions import Actor

PASSWORD = "Secret-123"

# The frozen build's checks run in `make dist-check` (the last step of `make test`), which builds
# the folder first; a plain pytest run has no build to check.
collect_ignore = [] if os.environ.get("ARCHIVE_DESK_DIST") else ["test_dist.py"]
# pg_server, pg_url: PostgreSQL for tests; destruction_staff: the people of a destruction
pytest_plugins = ["tests.pg", "tests.retention.kit"]


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id with tiny costs: the same code path, a hundred times faster in tests."""
    from argon2 import PasswordHasher

    real = accounts._hasher
    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=256, parallelism=1)
    yield
    accounts._hasher = real


@pytest.fixture
def clock() -> FixedClock:
    """Today is Monday 2026-03-02, 09:00, unless a test moves it."""
    return FixedClock("2026-03-02T09:00:00")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """A real, migrated SQLite file in a temporary folder."""
    database = connection.open_database(db_path)
    yield database
    reads = sys.modules.get("archive_desk.ui.background")  # GUI tests: no read still running
    if reads is not None:
        assert reads.wait(), "a background read did not finish"
    connection.close_database()


@pytest.fixture
def admin(db: object, clock: FixedClock) -> Actor:
    return accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)


@pytest.fixture
def make_user(admin: Actor, clock: FixedClock) -> Callable[..., Actor]:
    """Create a user of ``role`` (in an optional department) and return it as an actor."""
    depts: dict[str, int] = {}

    def make(
        role: str,
        username: str | None = None,
        *,
        department: str = "销售部",
        full_name: str | None = None,
        clearance: int | None = None,
    ) -> Actor:
        if department not in depts:
            existing = {d.name: d.id for d in accounts.list_departments()}
            depts[department] = (
                existing.get(department) or accounts.create_department(admin, department).id
            )
        name = username or f"{role}{len(depts)}_{os.urandom(2).hex()}"
        view = accounts.create_user(
            admin,
            username=name,
            full_name=full_name or name,
            role=role,
            password=PASSWORD,
            department_id=depts[department],
            clearance=clearance,
            must_change_password=False,
        )
        return accounts.login(view.username, PASSWORD, clock=clock)

    return make


@pytest.fixture
def clerk(make_user: Callable[..., Actor]) -> Actor:
    return make_user(Role.CLERK, "clerk", full_name="李档案")
