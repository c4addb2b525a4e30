"""PostgreSQL for tests (a pytest plugin, registered in ``tests/conftest.py``).

- ``pg_server`` (session): one throwaway server for the whole run, started by
  ``tools/pgserver.py`` the first time a test asks for it and stopped (its folder deleted) when
  the session ends. With ``ARCHIVE_DESK_TEST_PG=postgresql://…`` set, that server is used
  instead (its role needs CREATEDB) and nothing is started or stopped.
- ``pg_url`` (function): the URL of a fresh database made for the test from the session's
  template database (``CREATE DATABASE … TEMPLATE …``: a file copy, no migrations per test)
  and dropped after it.

When the server cannot be installed, started or reached, every test that asks for it FAILS
with the reason: a test run that was meant to cover PostgreSQL never passes without it.

:meth:`PgServer.prepare_template` fills the template once per session (e.g. with the migrated
schema) before the first database is made from it. A one-line summary (server start, median
database creation) is printed at the end of a run that used the server.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import pgserver

ENV_URL = "ARCHIVE_DESK_TEST_PG"


def url_with_database(url: str, database: str) -> str:
    """``url`` with its database name replaced (user, host, port and options kept)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + database))


class PgServer:
    """The session's server: its URL, its template database, and databases made from it."""

    def __init__(self, url: str, server: pgserver.Server | None) -> None:
        import psycopg

        self.url = url  # the maintenance database the admin connection stays on
        self.server = server  # None: an external server (ARCHIVE_DESK_TEST_PG)
        self.template = f"archive_desk_template_{os.getpid()}"
        self.create_ms: list[float] = []
        self._numbers = itertools.count(1)
        self._prepared = False
        self._admin = psycopg.connect(url, autocommit=True, connect_timeout=10)
        self._admin.execute(f'DROP DATABASE IF EXISTS "{self.template}"')
        self._admin.execute(f'CREATE DATABASE "{self.template}"')

    def prepare_template(self, fill: Callable[[str], None]) -> None:
        """Run ``fill(url of the template)`` once per session; later calls do nothing."""
        if not self._prepared:
            fill(url_with_database(self.url, self.template))
            self._prepared = True

    def create_database(self) -> str:
        """A new database copied from the template; its URL."""
        name = f"t{os.getpid()}_{next(self._numbers)}"
        started = time.perf_counter()
        self._admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        self.create_ms.append((time.perf_counter() - started) * 1000)
        return url_with_database(self.url, name)

    def drop_database(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        self._admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._admin.execute(f'DROP DATABASE IF EXISTS "{self.template}" WITH (FORCE)')
        self._admin.close()


_used: list[PgServer] = []


def _open() -> PgServer:
    url = os.environ.get(ENV_URL)
    if url:
        try:
            return PgServer(url, None)
        except Exception as exc:
            pytest.fail(f"PostgreSQL at {ENV_URL}={url} cannot be used: {exc}", pytrace=False)
    try:
        server = pgserver.start(fast=True, owner_pid=os.getpid())
    except pgserver.ServerError as exc:
        pytest.fail(f"the PostgreSQL test server did not start: {exc}", pytrace=False)
    try:
        return PgServer(server.url(), server)
    except BaseException as exc:
        pgserver.stop(server)
        pytest.fail(f"the PostgreSQL test server cannot be used: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server (started on first use, stopped at the end)."""
    pg = _open()
    _used.append(pg)
    try:
        yield pg
    finally:
        pg.close()
        if pg.server is not None:
            pgserver.stop(pg.server)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh database for this test (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for pg in _used:
        started = (
            f"server started in {pg.server.started_seconds:.2f} s"
            if pg.server is not None
            else f"external server ({ENV_URL})"
        )
        made = (
            f", {len(pg.create_ms)} test database(s), median {statistics.median(pg.create_ms):.0f} ms each"
            if pg.create_ms
            else ""
        )
        terminalreporter.write_line(f"PostgreSQL: {started}{made}")
