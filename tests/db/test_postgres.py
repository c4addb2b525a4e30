"""The PostgreSQL store itself (what has no SQLite twin): session settings, a row another clerk
holds, the password's sources, a server that is not there, backups with pg_dump and pg_restore,
``check`` on a server, and moving a desk's file to the server (``migrate --to``)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import keyring
import psycopg
import pytest
from keyring.backend import KeyringBackend

from archive_desk import accounts, backups, cards, cli, demo
from archive_desk.clock import FixedClock
from archive_desk.db import connection, pgdump, postgres
from archive_desk.db.location import Location, split_password
from archive_desk.db.models import AuditEvent, Card, Department, User, database
from archive_desk.errors import (
    DatabaseBusy,
    PasswordNeeded,
    ServerLoginFailed,
    ServerUnreachable,
    ToolMissing,
)
from tests import storekit
from tests.cardkit import make_card
from tests.conftest import PASSWORD


def _bare(url: str) -> tuple[str, str]:
    """``url`` without its ``passfile`` option, and the password that file holds."""
    location = Location.of(url)
    passfile = Path(location.options["passfile"])
    password = passfile.read_text(encoding="utf-8").strip().rsplit(":", 1)[1]
    bare = url.split("?", 1)[0]
    return bare, password


@pytest.fixture
def opened(pg_url: str) -> Any:
    db = connection.open_database(pg_url)
    yield db
    connection.close_database()


def test_each_session_has_the_programs_settings(opened: Any) -> None:
    def show(name: str) -> str:
        return str(database.execute_sql(f"SHOW {name}").fetchone()[0])

    assert show("lock_timeout") == "10s"
    assert show("plan_cache_mode") == "force_custom_plan"
    assert show("random_page_cost") == "1.1"
    assert show("idle_in_transaction_session_timeout") == "5min"
    assert show("application_name").startswith("archive-desk ")
    assert show("transaction_isolation") == "read committed"


def test_a_row_another_clerk_holds_is_told_as_busy_and_nothing_is_saved(
    pg_url: str, opened: Any, clock: FixedClock
) -> None:
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    database.execute_sql("SET lock_timeout = '300ms'")  # the program's 10 s, shortened
    with psycopg.connect(pg_url) as other:  # another clerk's save, not yet committed
        other.execute("SELECT value FROM setting WHERE key = 'audit.head' FOR UPDATE")
        with pytest.raises(DatabaseBusy, match="另一位管理员正在修改相同的记录"):
            accounts.create_department(admin, "新部门")
        other.rollback()
    assert not Department.select().where(Department.name == "新部门").exists()
    accounts.create_department(admin, "新部门")  # once the other clerk is done


def test_the_password_comes_from_the_pgpass_file_the_keyring_or_the_clerk(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    bare, password = _bare(pg_url)
    monkeypatch.delenv("PGPASSFILE", raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.pgpass
    keyring.set_keyring(_MemoryKeyring())
    location = Location.of(bare)
    postgres.forget_password(location)
    with pytest.raises(PasswordNeeded, match="需要密码"):
        connection.open_database(bare)
    with pytest.raises(ServerLoginFailed, match="用户名或密码不正确"):
        connection.open_database(bare, password="wrong")
    connection.open_database(bare, password=password)  # typed by the clerk
    connection.close_database()
    postgres.forget_password(location)
    postgres.remember_password(location, password)  # "remember" ticked
    connection.open_database(bare)  # from the keyring
    connection.close_database()
    postgres.forget_password(location)
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:*:*:{password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    connection.open_database(bare)  # libpq's own file
    connection.close_database()
    # a password written into the URL is taken out: never shown, never kept in a file
    with_password = bare.replace("://archive_desk@", f"://archive_desk:{password}@")
    url, found = split_password(with_password)
    assert found == password and password not in url
    assert password not in Location.of(with_password).label
    assert password not in Location.of(with_password).text
    monkeypatch.delenv("PGPASSFILE")
    connection.open_database(with_password)
    connection.close_database()
    for path in tmp_path.rglob("*"):  # nothing of the program's holds it
        if path.is_file() and path != pgpass:
            assert password.encode() not in path.read_bytes(), path


class _MemoryKeyring(KeyringBackend):
    """The system keyring's stand-in: this machine has no Secret Service."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


def test_opening_a_file_after_a_server_closes_the_server_connection(
    pg_url: str, tmp_path: Path
) -> None:
    # left open, psycopg warned when the dropped database was collected, in whichever test
    # ran then (pytest turns that warning into an error)
    server = connection.open_database(pg_url).connection()
    connection.open_database(tmp_path / "desk.db")
    assert server.closed
    connection.close_database()


def test_a_server_that_is_not_there_is_told() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nobody listens there once closed
    with pytest.raises(ServerUnreachable, match="无法连接"):
        connection.open_database(f"postgresql://clerk@127.0.0.1:{port}/archive", password="x")


def test_backup_and_restore_on_a_server_use_pg_dump_and_are_audited(
    pg_url: str, opened: Any, clock: FixedClock, tmp_path: Path
) -> None:
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    accounts.create_department(admin, "备份前")
    target = backups.back_up(admin, Location.of(pg_url), tmp_path)
    assert target.suffix == ".dump" and pgdump.check_dump(target) > 10
    accounts.create_department(admin, "备份后")
    done = backups.restore(admin, Location.of(pg_url), target)
    names = {d.name for d in Department.select()}
    assert "备份前" in names and "备份后" not in names
    assert done.kept.name.startswith("before-restore-") and pgdump.check_dump(done.kept)
    actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-1] == "database.restore"
    assert cli.main(["--db", pg_url, "check"]) == 0


def test_a_missing_pg_dump_is_told_with_what_to_install(
    pg_url: str, opened: Any, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    monkeypatch.setattr(pgdump, "find_tool", lambda name: None)
    with pytest.raises(ToolMissing, match=r"找不到 pg_dump.*postgresql-client"):
        backups.back_up(admin, Location.of(pg_url))
    assert not AuditEvent.select().where(AuditEvent.action == "database.backup").exists()


def test_check_on_a_server_finds_a_changed_audit_event_and_a_counter_behind(
    pg_url: str, opened: Any, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    admin = accounts.create_first_admin("admin", "系统管理员", PASSWORD, clock=clock)
    dept = accounts.create_department(admin, "部门").id
    accounts.create_user(admin, username="clerk", full_name="李档案", role="clerk",
                         password=PASSWORD, department_id=dept, must_change_password=False)  # fmt: skip
    card = make_card(accounts.login("clerk", PASSWORD, clock=clock), "甲公司")
    connection.close_database()
    assert cli.main(["--db", pg_url, "check"]) == 0
    out = capsys.readouterr().out
    assert (
        "数据页由 PostgreSQL 服务器自身保证" in out
        and "由 PostgreSQL 服务器在每次写入时强制" in out
    )
    storekit.execute(pg_url, "UPDATE audit_event SET username = 'mallory' WHERE id = 1")
    storekit.execute(pg_url, "UPDATE sequence SET value = 0 WHERE name LIKE 'archive_no:%'")
    assert cli.main(["--db", pg_url, "check"]) == 1
    out = capsys.readouterr().out
    assert "审计事件 1（user.create_admin）的内容被修改过" in out
    assert f"编号计数器 archive_no:GY2026# 为 0，但编号 {card.archive_no} 已在使用" in out


# --- moving a desk to the server ------------------------------------------------------------------


# rounds, inventories and their lines, findings; destruction lists and their rows, freezes,
# tombstones (issues 14 and 15)
PROCEDURE_TABLES = (
    "inspection",
    "inspection_review",
    "inventory_item",
    "inspection_finding",
    "destruction_proposal",
    "destruction_item",
    "legal_hold",
    "card_tombstone",
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_demo_desk_moves_to_the_server_complete_verified_and_untouched(
    pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk = tmp_path / "desk.db"
    connection.open_database(desk)
    demo.populate(clock=FixedClock("2026-03-02T09:00:00"), seed=3, cards_count=40, loans=30)
    actor = accounts.actor_for(User.get(User.username == "lihua"), FixedClock("2026-03-02T09:00"))
    ids = cards.card_ids(actor, cards.CardFilter(status=None))[:15]
    before = {c: cards.get_card(actor, c, log_view=False) for c in ids}
    found_before = cards.card_ids(actor, cards.CardFilter(text="科技"))
    connection.close_database()
    # the inspection's and retention's tables, filled by the demo, go along with the rest
    kept = {t: storekit.scalar(desk, f"SELECT COUNT(*) FROM {t}") for t in PROCEDURE_TABLES}
    assert all(kept.values()), kept
    stamp, digest = os.stat(desk).st_mtime_ns, _digest(desk)
    assert cli.main(["--db", str(desk), "migrate", "--to", pg_url]) == 0
    out = capsys.readouterr().out
    assert "审计链完整" in out and "原文件未改动" in out
    assert (os.stat(desk).st_mtime_ns, _digest(desk)) == (stamp, digest)
    assert not Path(f"{desk}-wal").exists() or Path(f"{desk}-wal").stat().st_size == 0
    connection.close_database()
    assert cli.main(["--db", pg_url, "check"]) == 0
    assert "未发现问题" in capsys.readouterr().out
    assert {t: storekit.scalar(pg_url, f"SELECT COUNT(*) FROM {t}") for t in kept} == kept
    connection.open_database(pg_url)
    try:
        for card_id, view in before.items():  # the cards as the clerk sees them, field by field
            assert cards.get_card(actor, card_id, log_view=False) == view
        assert cards.card_ids(actor, cards.CardFilter(text="科技")) == found_before
        last = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert last.action == "database.migrate"
        # the next numbers follow on, and a clerk can log in with the desk's password
        clock = FixedClock("2026-03-03T09:00")
        logged_in = accounts.login("lihua", demo.DEMO_PASSWORD, clock=clock)
        values = {**before[ids[0]].values, "name": "迁移后新建有限公司"}
        made = cards.create_card(
            logged_in, cards.CardDraft(values=values), allow_duplicate=True, confirm_warnings=True
        )
        others = {c.archive_no for c in Card.select().where(Card.id != made.id)}
        assert made.archive_no not in others
    finally:
        connection.close_database()
    # a second move onto the same server is refused: it holds an archive now
    assert cli.main(["--db", str(desk), "migrate", "--to", pg_url]) == 1
    assert "已经有档案" in capsys.readouterr().err
