"""Shared fixtures. Qt runs offscreen; every test gets its own real database.

The store: every test that uses ``db_path`` (and so ``db``, ``admin``, ``clerk`` …) runs twice,
``[sqlite]`` on a file in its temporary folder and ``[postgresql]`` on a fresh database of the
session's throwaway PostgreSQL server (``tests/pg.py``: started at the first such test, stopped
at the end; copied from a template the real migrations filled). ``db_path`` is then the file's
``Path`` or the database's ``postgresql://`` URL; both open with ``connection.open_database``
and name the archive on the command line (``--db``). Stays SQLite-only, and says why:

- ``tests/ui`` (the GUI: one window on one store; what it shows of a server is tested with the
  server's own fixtures where it matters) and ``tests/faults`` (file damage, full and read-only
  disks, kill -9 of a file's writer: SQLite's own failure modes);
- a test or module marked ``@pytest.mark.sqlite_only("why")`` (pragmas, backup files, the
  file's integrity check …).
A test marked ``@pytest.mark.postgresql_only("why")`` runs on the server only (what only a
server has, e.g. its round trips) — never a skip on the other store.
"""

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
from typing import Any

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


STORES = ("sqlite", "postgresql")
SQLITE_ONLY_FOLDERS = ("ui", "faults")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses ``db_path`` on both stores (see the module's docstring)."""
    if "store_kind" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only") is not None:
        return
    if metafunc.definition.get_closest_marker("postgresql_only") is not None:
        metafunc.parametrize("store_kind", ("postgresql",), indirect=True)
        return
    folder = Path(str(metafunc.definition.path)).relative_to(Path(__file__).parent).parts[0]
    if folder in SQLITE_ONLY_FOLDERS:
        return
    metafunc.parametrize("store_kind", STORES, indirect=True)


@pytest.fixture
def store_kind(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the store this run of the test uses."""
    return str(getattr(request, "param", "sqlite"))


def _migrate_template(url: str) -> None:
    connection.open_database(url)
    connection.close_database()


@pytest.fixture
def db_path(store_kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> Any:
    """The archive's location: a file in the test's folder, or a fresh server database's URL."""
    if store_kind == "sqlite":
        return tmp_path / "archive.db"
    pg = request.getfixturevalue("pg_server")
    pg.prepare_template(_migrate_template)
    url = pg.create_database()
    request.addfinalizer(lambda: pg.drop_database(url))
    return url


@pytest.fixture
def db(db_path: Any) -> Iterator[object]:
    """A real, migrated archive: a SQLite file in a temporary folder, or a PostgreSQL database."""
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
