"""The PostgreSQL test fixtures (tests/pg.py, tools/pgserver.py) and the driver peewee uses.

The server, its databases and the psycopg 3 driver are real: a database per test from the
template, C.UTF-8, a peewee ``PostgresqlDatabase`` on psycopg 3, and a session that stops its
server (checked in a pytest run of its own, since this session's server outlives this test).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import peewee
import psycopg
import pytest

from tests.pg import PgServer, pgserver, url_with_database

ROOT = Path(__file__).resolve().parents[1]


def test_each_test_gets_a_fresh_c_utf8_database(pg_server: PgServer, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        collate, ctype, encoding = conn.execute(
            "SELECT datcollate, datctype, pg_encoding_to_char(encoding) FROM pg_database "
            "WHERE datname = current_database()"
        ).fetchone()
        assert (collate, ctype, encoding) == ("C.UTF-8", "C.UTF-8", "UTF8")
        conn.execute("CREATE TABLE probe (id serial PRIMARY KEY, name text NOT NULL)")
        conn.execute("INSERT INTO probe (name) VALUES (%s), (%s)", ("上海浦东物流有限公司", "北京"))
        # C.UTF-8 orders by code point and lower() knows non-ASCII letters
        rows = conn.execute("SELECT name FROM probe ORDER BY name").fetchall()
        assert [r[0] for r in rows] == ["上海浦东物流有限公司", "北京"]
        assert conn.execute("SELECT lower('ÄBC档案')").fetchone() == ("äbc档案",)
        current_user = conn.execute("SELECT current_user, rolsuper FROM pg_roles "
                                    "WHERE rolname = current_user").fetchone()  # fmt: skip
        assert current_user[1] is False  # tests run as the program would: no superuser
    other = pg_server.create_database()
    try:
        with psycopg.connect(other) as conn:
            tables = conn.execute(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename = 'probe'"
            ).fetchone()
        assert tables == (0,)  # the table above is in this test's database only (the template
        # may hold the migrated archive already, once a test of the db fixtures has run)
    finally:
        pg_server.drop_database(other)
    with psycopg.connect(url_with_database(pg_url, "postgres")) as conn:
        names = {r[0] for r in conn.execute("SELECT datname FROM pg_database")}
    assert other.split("/")[-1].split("?")[0] not in names  # dropped


def test_peewee_postgresql_database_runs_on_psycopg3(pg_url: str) -> None:
    db = peewee.PostgresqlDatabase(pg_url, prefer_psycopg3=True)

    class Loan(peewee.Model):
        borrower = peewee.CharField(max_length=50)
        lent_at = peewee.DateTimeField()
        returned = peewee.BooleanField(default=False)
        version = peewee.IntegerField(default=1)

        class Meta:
            database = db

    with db:
        assert isinstance(db._adapter, peewee.Psycopg3Adapter)
        assert isinstance(db.connection(), psycopg.Connection)
        db.create_tables([Loan])
        at = dt.datetime(2026, 3, 2, 9, 0)
        loan = Loan.create(borrower="李档案", lent_at=at)
        assert loan.id == 1  # RETURNING gives the new id
        with db.atomic():
            row = Loan.select().where(Loan.id == loan.id).for_update().get()
            changed = (
                Loan.update(returned=True, version=Loan.version + 1)
                .where((Loan.id == row.id) & (Loan.version == 1))
                .execute()
            )
        assert changed == 1
        back = Loan.get_by_id(loan.id)
        assert (back.borrower, back.lent_at, back.returned, back.version) == ("李档案", at, True, 2)


_SESSION = """
import json, os
from pathlib import Path


def test_uses_the_server(pg_server, pg_url):
    import psycopg

    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    info = {"folder": pg_server.server.folder, "pid": pg_server.server.pid}
    Path(os.environ["PG_SESSION_INFO"]).write_text(json.dumps(info))
"""


def _pytest(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """A pytest session of its own on one test file, with the plugin and nothing else."""
    test = tmp_path / "test_session.py"
    test.write_text(textwrap.dedent(_SESSION), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.pg", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), str(test)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def _processes_using(folder: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if folder in cmdline:
                found.append(f"{proc.name}: {cmdline}")
    return found


@pytest.mark.slow
def test_the_session_stops_its_server(tmp_path: Path) -> None:
    info = tmp_path / "info.json"
    env = {k: v for k, v in os.environ.items() if k != "ARCHIVE_DESK_TEST_PG"}
    done = _pytest(tmp_path, {**env, "PG_SESSION_INFO": str(info)})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PostgreSQL: server started in" in done.stdout
    server = json.loads(info.read_text())
    assert server["pid"] > 0
    # gone, or a zombie that PID 1 has not reaped yet (it was the child of pg_ctl's shell)
    assert not pgserver.alive(server["pid"])
    assert _processes_using(server["folder"]) == []
    assert not Path(server["folder"]).exists()


def test_a_server_that_cannot_be_reached_fails_the_test(tmp_path: Path) -> None:
    closed = "postgresql://archive_desk@127.0.0.1:1/archive_desk"
    done = _pytest(tmp_path, {**os.environ, "ARCHIVE_DESK_TEST_PG": closed})
    assert done.returncode == 1, done.stdout + done.stderr  # failed: not skipped, not passed
    assert "1 error" in done.stdout and "skipped" not in done.stdout
    assert "ARCHIVE_DESK_TEST_PG" in done.stdout and "127.0.0.1" in done.stdout
