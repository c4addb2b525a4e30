"""Where the archive is: :class:`Location` (a SQLite file or a ``postgresql://`` URL, never with
its password), and where it is unless told otherwise (:func:`default_location`:
``$ARCHIVE_DESK_DB``, else the file in the user's data folder). Apart from
:mod:`archive_desk.db.connection` and :mod:`archive_desk.db.store` (which import peewee and the
models, and re-export these names) so that the GUI's start can name the archive before it loads
them."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

ENV_DB = "ARCHIVE_DESK_DB"
SQLITE = "sqlite"
POSTGRESQL = "postgresql"
_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)


def user_data_folder() -> Path:
    """The user's own data folder, where the archive lives unless told otherwise."""
    import platformdirs

    from archive_desk import APP_NAME

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    """``--db`` is handled by the caller; then ``$ARCHIVE_DESK_DB``; then the user's data folder."""
    env = os.environ.get(ENV_DB)
    if env and not is_url(env):  # a server: see default_location
        return Path(env).expanduser()
    return user_data_folder() / "archive-desk.db"


def is_url(value: object) -> bool:
    """Does ``value`` name a PostgreSQL database (a ``postgresql://`` URL)?"""
    return isinstance(value, str | Location) and bool(_URL.match(str(value)))


def split_password(url: str) -> tuple[str, str | None]:
    """``url`` without its password (if it had one), and the password: the one before the
    host (``user:password@``) or, failing that, a ``password=`` option (libpq takes both)."""
    parts = urlsplit(url)
    options = parse_qsl(parts.query, keep_blank_values=True)
    given = [value for key, value in options if key == "password"]
    if given:
        kept = [(key, value) for key, value in options if key != "password"]
        parts = parts._replace(query=urlencode(kept, safe="/", quote_via=quote))
        url = urlunsplit(parts)
    if parts.password is None:
        return url, given[0] if given else None
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
    return Location.of(user_data_folder() / "archive-desk.db")
