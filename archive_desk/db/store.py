"""The store: where the archive lives, and the few things that differ between the two kinds.

An archive lives in a SQLite file (the embedded default: one desk) or in a PostgreSQL database
on the company's server (several clerks at once). :class:`Location` names it — a path, or a
``postgresql://user@host:port/dbname`` URL, given by ``--db``, ``$ARCHIVE_DESK_DB`` or the GUI's
settings — and never holds a password: one found in a URL is taken out (:func:`split_password`)
and handed to the connection only.

The services see one store through this module and portable peewee:

- :func:`kind` — ``"sqlite"`` or ``"postgresql"`` (for the search module and ``db/``);
- :func:`lock_rows` — lock rows a decision reads before it writes (``SELECT … FOR UPDATE`` on
  PostgreSQL, in id order so that two clerks never deadlock on them; nothing on SQLite, where
  ``BEGIN IMMEDIATE`` already lets one writer in at a time);
- :func:`retrying` — run a whole service again when PostgreSQL gives up a transaction on a
  deadlock or a serialisation failure (only services marked so: see its docstring);
- ``connection.transaction()`` (under ``procedures.changes.transaction()``) — one transaction
  on either kind, its errors told in Chinese.

What each kind does itself: :mod:`archive_desk.db.connection` (SQLite: pragmas, ``BEGIN
IMMEDIATE``, integrity check, errors by SQLite's result codes) and
:mod:`archive_desk.db.postgres` (session settings, row locks, error translation by SQLSTATE,
password sources, advisory-locked migrations). Backups: :mod:`archive_desk.db.backup` (SQLite's
online backup API) and :mod:`archive_desk.db.pgdump` (``pg_dump`` / ``pg_restore``). The search
index: :mod:`archive_desk.cards._search` (FTS5 and grams on SQLite, grams and pg_trgm on
PostgreSQL).
"""

from __future__ import annotations

import functools
import logging
import os
import random
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import peewee

from archive_desk.db.models import database

log = logging.getLogger(__name__)

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
ENV_DB = "ARCHIVE_DESK_DB"
_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)

F = TypeVar("F", bound=Callable[..., Any])


def is_url(value: object) -> bool:
    """Does ``value`` name a PostgreSQL database (a ``postgresql://`` URL)?"""
    return isinstance(value, str | Location) and bool(_URL.match(str(value)))


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password (if it had one), and the password."""
    parts = urlsplit(url)
    if parts.password is None:
        return url, None
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:  # IPv6
        host = f"[{host}]"
    netloc = (quote(unquote(user), safe="") + "@" if user else "") + host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


@dataclass(frozen=True)
class Location:
    """Where an archive lives: a SQLite file or a PostgreSQL database (no password inside)."""

    text: str  # the path, or the URL without its password

    @classmethod
    def of(cls, value: str | Path | Location) -> Location:
        """A location from a path, a URL (its password dropped: use :func:`split_password`
        first to keep it) or a location."""
        if isinstance(value, Location):
            return value
        if is_url(value):
            url, _password = split_password(str(value).strip())
            return cls(url)
        return cls(str(Path(value).expanduser()))

    @property
    def kind(self) -> str:
        return POSTGRESQL if is_url(self.text) else SQLITE

    @property
    def is_server(self) -> bool:
        return self.kind == POSTGRESQL

    @property
    def path(self) -> Path:
        """The SQLite file (a server has none)."""
        if self.is_server:
            raise ValueError(f"{self.label} is not a file")
        return Path(self.text)

    @property
    def url(self) -> str:
        return self.text

    @property
    def _parts(self) -> Any:
        return urlsplit(self.text)

    @property
    def user(self) -> str:
        return unquote(self._parts.username or "") or os.environ.get("PGUSER", "")

    @property
    def host(self) -> str:
        return self._parts.hostname or "localhost"

    @property
    def port(self) -> int:
        return self._parts.port or 5432

    @property
    def dbname(self) -> str:
        return unquote(self._parts.path.lstrip("/")) or self.user

    @property
    def options(self) -> dict[str, str]:
        """The URL's query parameters (``sslmode``, ``passfile`` …)."""
        return dict(parse_qsl(self._parts.query))

    @property
    def key(self) -> str:
        """``user@host:port/dbname``: what the system keyring keeps a password under."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"

    @property
    def label(self) -> str:
        """What the status bar and messages show: the file, or 档案服务器 host:port/db（user）."""
        if not self.is_server:
            return self.text
        return f"档案服务器 {self.host}:{self.port}/{self.dbname}（{self.user}）"

    @property
    def local_folder(self) -> Path:
        """This workstation's folder for this archive's drafts and backups: the database file's
        folder, or for a server ``<user data>/servers/<host>-<port>-<db>/``."""
        if not self.is_server:
            return self.path.parent
        from archive_desk.db.connection import user_data_folder

        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{self.host}-{self.port}-{self.dbname}")
        return user_data_folder() / "servers" / safe

    def with_options(self, **options: str) -> Location:
        query = urlencode({**self.options, **options})
        return Location(urlunsplit(self._parts._replace(query=query)))

    def __str__(self) -> str:
        return self.text


def default_location() -> Location:
    """``$ARCHIVE_DESK_DB`` (a path or a URL), else the SQLite file in the user's data folder
    (``--db`` and the GUI's settings are the caller's: they come first)."""
    env = os.environ.get(ENV_DB)
    if env:
        return Location.of(env)
    from archive_desk.db.connection import user_data_folder

    return Location.of(user_data_folder() / "archive-desk.db")


def kind(db: peewee.Database | None = None) -> str:
    """The kind of the open store (or of ``db``)."""
    obj = db if db is not None else database.obj
    return POSTGRESQL if isinstance(obj, peewee.PostgresqlDatabase) else SQLITE


def is_server() -> bool:
    return kind() == POSTGRESQL


def lock_rows(model: type[peewee.Model], ids: Iterable[int]) -> None:
    """Lock the rows ``ids`` of ``model`` until the transaction ends (PostgreSQL: ``FOR
    UPDATE`` in id order; SQLite: nothing, its one writer at a time needs none). Call inside
    the transaction, before reading what the decision depends on."""
    wanted = sorted(set(ids))
    if not wanted or kind() != POSTGRESQL:
        return
    pk: Any = model._meta.primary_key
    query = model.select(pk).where(pk.in_(wanted)).order_by(pk).for_update()
    database.execute(query).fetchall()


def for_update(query: peewee.Select) -> peewee.Select:
    """``query`` locking the rows it reads (PostgreSQL); unchanged on SQLite."""
    return query.for_update() if kind() == POSTGRESQL else query


# --- transactions and retries -------------------------------------------------------------


RETRIES = 3
_depth = threading.local()


def retrying(fn: F) -> F:
    """Run the service ``fn`` again (up to :data:`RETRIES` times, after a short random pause)
    when the server gave up its transaction on a deadlock or a serialisation failure.

    Only for services that are safe to run twice: everything they decide on is read inside
    their transaction, and nothing happens outside it before the commit (no file written, no
    pad signature of a state the retry would not see). A versioned service is safe: run again,
    it refuses with :class:`~archive_desk.errors.StaleRecord` if the record moved on. Elsewhere
    the clerk is told (the :class:`~archive_desk.errors.Conflict` of :func:`transaction`).
    On SQLite (one writer at a time) it is a plain call. Nested retrying services retry only
    at the outermost.
    """
    from archive_desk.errors import RetryableConflict

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        depth = getattr(_depth, "n", 0)
        if depth or kind() != POSTGRESQL:
            return fn(*args, **kwargs)
        _depth.n = depth + 1
        try:
            for attempt in range(RETRIES + 1):
                try:
                    return fn(*args, **kwargs)
                except RetryableConflict:
                    if attempt == RETRIES:
                        raise
                    log.info("%s: retried after a deadlock or serialisation failure", fn.__name__)
                    time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        finally:
            _depth.n = depth
        raise AssertionError("unreachable")

    return cast(F, run)
