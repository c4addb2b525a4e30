"""The PostgreSQL store: connecting (password sources, session settings), migrations under an
advisory lock, the start-up check, and the server's errors told in Chinese.

Imported only when the archive is on a server (``psycopg`` stays out of a desk's start-up).

- **Password**, never written anywhere by the program: the caller's (a prompt, a URL given on
  the command line), else libpq's own sources (``PGPASSFILE`` / ``~/.pgpass``, a ``passfile=``
  in the URL, ``PGPASSWORD``), else the system keyring (``keyring``: Windows Credential
  Manager, macOS Keychain, Secret Service), where :func:`remember_password` keeps it when the
  clerk ticks "remember". A login that needs a password none of them has raises
  :class:`~archive_desk.errors.PasswordNeeded`: the GUI and the command line ask and open again.
  The password is held in memory for the process (each thread opens its own connection).
- **Session settings** at connect: ``lock_timeout`` 10 s (SQLite's busy timeout: a row another
  clerk holds longer is refused as busy), ``idle_in_transaction_session_timeout`` (a hung
  program releases its locks), ``plan_cache_mode = force_custom_plan`` (psycopg prepares a
  statement from its fifth run; a generic plan of the gram search is 50× slower than a custom
  one, docs/postgresql-plan.md §8), ``random_page_cost = 1.1`` (a random read costs next to a
  sequential one where the pages are cached or on an SSD: else the planner scans all of
  ``card_search`` instead of its trigram index, 48 vs 11 ms), ``application_name`` (who holds a
  lock, for IT).
- **Transactions** are READ COMMITTED; the services lock what they decide on
  (:func:`archive_desk.db.store.lock_rows`), the counters and the audit head are locked rows.
- **Errors** by SQLSTATE (:func:`classify`).
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import socket
from collections.abc import Iterator
from typing import Any

import peewee

from archive_desk.db.location import Location
from archive_desk.db.models import ALL_MODELS, database
from archive_desk.errors import (
    DatabaseBusy,
    DatabaseDamaged,
    DatabaseError,
    DiskFull,
    KnownError,
    PasswordNeeded,
    ReadOnlyStorage,
    RetryableConflict,
    ServerLoginFailed,
    ServerUnreachable,
    StorageMissing,
)

log = logging.getLogger(__name__)

KEYRING_SERVICE = "archive-desk"
MIGRATION_LOCK = 0x41524348_44534B  # pg_advisory_lock key of the migrations ("ARCHDSK")
LOCK_TIMEOUT = "10s"
SESSION = {
    "lock_timeout": LOCK_TIMEOUT,
    "idle_in_transaction_session_timeout": "300s",
    "plan_cache_mode": "force_custom_plan",
    # the archive's pages are in memory or on a solid-state disk: at the default 4 the planner
    # scanned all of card_search for a full-pinyin term (changcheng at 100,000 cards: 48 ms)
    # where the trigram index answers in 11 ms
    "random_page_cost": "1.1",
}
UNSAVED = "刚才的操作没有保存。"

_passwords: dict[str, str] = {}  # location key → password, for this process only


class ArchivePostgresDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database on psycopg 3, which reconnects between transactions when
    the server dropped the connection (restarted, network) instead of failing every save after,
    and whose rollback of a connection already gone does not hide the error that ended it."""

    location: Location

    def begin(self, isolation_level: Any = None) -> None:
        if not self.in_transaction() and not self.is_closed() and not self.is_connection_usable():
            log.warning("the server connection was lost: connecting again")
            with contextlib.suppress(Exception):
                self.close()
            self.connect()
        super().begin(isolation_level)

    def rollback(self) -> None:
        conn = self._state.conn  # type: ignore[attr-defined]
        if conn is None or conn.closed:
            log.warning("rollback skipped: the server connection is gone")
            return
        super().rollback()


def _application_name() -> str:
    try:
        who = f"{getpass.getuser()}@{socket.gethostname()}"
    except Exception:  # a name for IT's eyes only
        who = "?"
    return f"archive-desk {who}"[:63]


def make_postgresql(location: Location, password: str | None) -> ArchivePostgresDatabase:
    """A configured (not yet connected) database for ``location``."""
    options = " ".join(f"-c {key}={value}" for key, value in SESSION.items())
    params: dict[str, Any] = {
        "prefer_psycopg3": True,
        "connect_timeout": 10,
        "application_name": _application_name(),
        "options": options,
    }
    if password is not None:
        params["password"] = password
    db = ArchivePostgresDatabase(location.url, **params)
    db.location = location
    return db


# --- passwords ------------------------------------------------------------------------------


def keyring_password(location: Location) -> str | None:
    """The password the system keyring keeps for ``location`` (None: none, or no keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, location.key)
    except Exception as exc:  # no keyring backend on this system: not a source
        log.info("no keyring password for %s: %s", location.key, exc)
        return None


def remember_password(location: Location, password: str) -> None:
    """Keep ``password`` in the system keyring (the clerk ticked "remember")."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, location.key, password)
    except Exception as exc:  # told, not fatal: the clerk types it next time
        raise DatabaseError(
            f"无法把密码保存到系统的密钥环（{exc}）。下次启动时请再输入一次密码。"
        ) from exc


def known_password(location: Location) -> str | None:
    """The password this process connected with (None: libpq found its own)."""
    return _passwords.get(location.key)


def forget_password(location: Location) -> None:
    _passwords.pop(location.key, None)
    with contextlib.suppress(Exception):
        import keyring

        keyring.delete_password(KEYRING_SERVICE, location.key)


# --- opening ----------------------------------------------------------------------------------


def open_database(
    location: Location,
    *,
    password: str | None = None,
    migrate: bool = True,
    check: bool = True,
) -> peewee.Database:
    """Bind the models to the server's database: connect (see the module's password sources),
    check it answers, migrate it (one program at a time: an advisory lock). Raises a
    :class:`~archive_desk.errors.DatabaseError` subclass that says what is wrong."""
    from archive_desk.db.schema import migrate_database

    db = _connect(location, password)
    database.initialize(db)
    with translate(opening=True):
        if migrate:
            _refuse_read_only(db)
            with advisory_lock(db):
                migrate_database(db)
        if check:
            problems = startup_problems(db)
            if problems:
                raise DatabaseDamaged(
                    f"档案服务器上的数据库不完整（{'；'.join(problems[:3])}），无法继续使用。"
                    "请联系 IT 检查服务器，或从备份恢复。"
                )
    log.info("database opened: %s", location.label)
    return db


def _connect(location: Location, password: str | None) -> ArchivePostgresDatabase:
    """Connect with the first password that works: the given one, the one this process
    already used, libpq's own sources, the keyring."""
    tried: list[str | None] = []
    for candidate in (password, _passwords.get(location.key), None):
        if candidate in tried or (candidate is None and password is not None):
            continue
        tried.append(candidate)
        db = make_postgresql(location, candidate)
        try:
            db.connect()
        except peewee.DatabaseError as exc:
            error = classify(exc, opening=True, where=location.label)
            if not isinstance(error, ServerLoginFailed):
                raise (error or _unreachable(location, exc)) from exc
            if candidate is not None:  # a wrong password: say so, try nothing else
                _passwords.pop(location.key, None)
                raise error from exc
            stored = keyring_password(location)
            if stored is None:
                raise _password_needed(location, error) from exc
            db = make_postgresql(location, stored)
            try:
                db.connect()
            except peewee.DatabaseError as again:
                known = classify(again, opening=True, where=location.label)
                raise (known or _unreachable(location, again)) from again
            candidate = stored
        if candidate is not None:
            _passwords[location.key] = candidate
        return db
    raise AssertionError("unreachable")


def _password_needed(location: Location, error: DatabaseError) -> PasswordNeeded:
    if "缺少密码" in error.message:
        return PasswordNeeded(f"连接{location.label}需要密码。")
    return PasswordNeeded(error.message)


def _unreachable(location: Location, exc: BaseException) -> ServerUnreachable:
    log.warning("cannot connect to %s: %s", location.label, exc)
    return ServerUnreachable(_cannot_connect(location.label, str(exc).lower()))


def _cannot_connect(where: str, text: str) -> str:
    """The clerk's message for a connection that could not be made, with the cause where the
    driver's text tells it (``text``: lower case)."""
    if "refused" in text:
        why = "服务器拒绝了连接（服务器没有运行，或端口不对）"
    elif "resolve host" in text or "translate host name" in text or "not known" in text:
        why = "找不到这个服务器地址"
    elif "timeout" in text or "timed out" in text:
        why = "连接超时，服务器没有应答"
    else:
        why = "连接没有建立"
    return f"无法连接{where}：{why}。请检查服务器地址和网络，或联系 IT 确认服务器正在运行。"


def _refuse_read_only(db: peewee.Database) -> None:
    """A standby server (or a read-only role) is told now, not at the first save."""
    (read_only,) = db.execute_sql("SHOW transaction_read_only").fetchone()
    if read_only == "on":
        raise ReadOnlyStorage(
            "档案服务器上的数据库只能读不能写（可能连到了备用服务器，或账户只有只读权限）。"
            "请联系 IT。"
        )


@contextlib.contextmanager
def advisory_lock(db: peewee.Database) -> Iterator[None]:
    """One program migrates at a time: two started at once after an upgrade wait in turn (the
    second then finds nothing to do)."""
    db.execute_sql("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
    try:
        yield
    finally:
        db.execute_sql("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))


STARTUP_TABLES = ("schema_migration", "setting", "sequence", "user", "department", "audit_event")


def startup_problems(db: peewee.Database) -> list[str]:
    """The tables the program needs are there and answer (the server keeps its pages sound)."""
    tables = set(db.get_tables())
    missing = [t for t in STARTUP_TABLES if t not in tables]
    if missing:
        return [f"缺少数据表 {', '.join(missing)}"]
    for table in STARTUP_TABLES:
        db.execute_sql(f'SELECT 1 FROM "{table}" LIMIT 1').fetchall()
    return []


def integrity_problems(db: peewee.Database) -> tuple[list[str], str]:
    """The server's own check of the archive's indexes (``amcheck``'s ``bt_index_check``),
    where IT enabled it: (problems, how it was checked)."""
    found = db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'").fetchone()
    if not found:
        return [], (
            "数据页由 PostgreSQL 服务器自身保证；未启用 amcheck 扩展，未做索引校验"
            "（IT 可在该数据库执行 CREATE EXTENSION amcheck 并授予 bt_index_check 权限）"
        )
    tables = [m._meta.table_name for m in ALL_MODELS]
    rows = db.execute_sql(
        "SELECT c.relname, c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
        "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam "
        "WHERE a.amname = 'btree' AND t.relname = ANY(%s) ORDER BY c.relname",
        (tables,),
    ).fetchall()
    problems = []
    for name, oid in rows:
        try:
            with db.atomic():
                db.execute_sql("SELECT bt_index_check(%s)", (oid,))
        except peewee.DatabaseError as exc:
            problems.append(f"索引 {name}：{exc}")
    return problems, f"amcheck 校验了 {len(rows)} 个索引"


# --- errors ---------------------------------------------------------------------------------


def pg_error(exc: BaseException) -> Any:
    """The psycopg error behind ``exc`` (peewee re-raises it with the original as ``args[0]``
    or as its cause), or None."""
    import psycopg

    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return None
        if isinstance(seen, psycopg.Error):
            return seen
        for arg in getattr(seen, "args", ()):
            if isinstance(arg, psycopg.Error):
                return arg
        seen = seen.__cause__ or seen.__context__
    return None


def classify(
    exc: BaseException, *, opening: bool = False, where: str | None = None
) -> KnownError | None:
    """The clerk's message for a server error, by SQLSTATE; None for a bug (or a constraint).
    ``where``: the server's label (the open store's by default)."""
    error = pg_error(exc)
    if error is None:
        return None
    code = getattr(error, "sqlstate", None) or ""
    text = str(error).lower()
    unsaved = "" if opening else UNSAVED
    where = where or _where()
    if code in ("40001", "40P01"):
        return RetryableConflict(f"另一位管理员同时在修改相同的记录，{unsaved}请刷新后再试一次。")
    if code == "55P03":
        return DatabaseBusy(
            f"另一位管理员正在修改相同的记录，等待 10 秒后仍未完成。{unsaved}请稍候片刻再试。"
        )
    if code == "57014":
        return DatabaseBusy(f"{where}处理时间过长，已取消。{unsaved}请稍后再试。")
    if code in ("53100", "53200", "53300"):
        return DiskFull(
            f"{where}空间或资源不足（{error.diag.message_primary or code}）。"
            f"{unsaved}以前保存的数据没有丢失。请联系 IT 处理服务器。"
        )
    if code == "25006":
        return ReadOnlyStorage(f"{where}只能读不能写（可能是备用服务器）。{unsaved}请联系 IT。")
    if code == "42501":
        return ReadOnlyStorage(
            f"在{where}上没有这项操作的权限（{error.diag.message_primary or ''}）。"
            f"{unsaved}请联系 IT 为程序的账户授权。"
        )
    if code in ("28P01", "28000") or "password" in text or "密码" in text:
        if "no password supplied" in text or "fe_sendauth" in text:
            return ServerLoginFailed(f"连接{where}缺少密码。")
        return ServerLoginFailed(
            f"{where}拒绝登录：用户名或密码不正确（或该账户不能从这台电脑登录）。"
        )
    missing = not code and 'database "' in text and "does not exist" in text  # at connect
    if code == "3D000" or missing:
        return StorageMissing(f"{where}上没有这个数据库。请检查地址中的数据库名，或联系 IT。")
    if code.startswith("XX"):
        return DatabaseDamaged(f"{where}报告数据损坏（{code}）。{unsaved}请立即联系 IT。")
    if code.startswith("08") or code in ("57P01", "57P02", "57P03") or not code:
        import psycopg

        if opening and not code:
            return ServerUnreachable(_cannot_connect(where, text))
        if code or isinstance(error, psycopg.OperationalError):
            return ServerUnreachable(
                f"与{where}的连接中断或无法建立。{unsaved}请检查网络；服务器恢复后重试即可。"
            )
    return None


def _where() -> str:
    obj = database.obj
    location = getattr(obj, "location", None)
    return location.label if location is not None else "档案服务器"


@contextlib.contextmanager
def translate(*, opening: bool = False) -> Iterator[None]:
    """Known server errors become the :class:`DatabaseError` that says so."""
    try:
        yield
    except peewee.IntegrityError:
        raise
    except peewee.DatabaseError as exc:
        known = classify(exc, opening=opening)
        if known is None:
            raise
        raise known from exc
