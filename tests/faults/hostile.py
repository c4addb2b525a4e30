"""Hostile input for the property tests: hypothesis strategies of text and numbers a person may
type, paste or import — any Unicode (lone surrogates included: a file decoded with
``surrogateescape``, a command-line argument that was not UTF-8), control characters, invisible
and right-to-left characters, formula-looking text, very long text — and the checks each service
call must pass: refused with a Chinese :class:`~archive_desk.errors.KnownError` and nothing
changed, or saved clean (no control character, no surrogate, within its column) and read back
equal to what the service accepted."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from peewee import CharField, fn

from archive_desk.db import models
from archive_desk.db.models import database
from archive_desk.errors import KnownError

CHINESE = re.compile(r"[\u4e00-\u9fff]")

# what issue 17 saw and what a paste from the web or a damaged file brings
SPECIALS = (
    "",
    " ",
    "\x00",
    "海淀\x00科技",
    "\ud800",
    "北京\udfff海淀",
    "\udcff\udcfe",  # bytes that were not UTF-8, decoded with surrogateescape
    "\u3164\u3164\u3164",
    "\u200b\u200d\ufeff",
    "\u202e司公限有\u202c",
    "\x1b[31m红\x1b[0m",
    "a\x07b\x08c",
    "\r\n\t\v\f",
    "=cmd|' /C calc'!A0",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    '"; DROP TABLE card; --',
    "' OR 1=1 --",
    "%s%n%x",
    "{seq:3}{category}",
    "长" * 10_000,
    "x" * 301,
    "１２３ＡＢＣ",
    "\U00020000\U0002a6d6",  # CJK extension B
    "\ue000",  # private use
    "e\u0301\u0301\u0301",
    "NaN",
    "9" * 30,
)

any_char = st.characters(codec=None, exclude_categories=())  # surrogates and controls included
awkward_char = st.sampled_from(
    [chr(c) for c in (*range(0, 32), 127, *range(0x80, 0xA0))]
    + ["\ud800", "\udbff", "\udc00", "\udfff", "\u200b", "\u202e", "\u2028", "\u3164", "\ufffe"]
)
plain_chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


def hostile_text() -> st.SearchStrategy[str]:
    """Text as a hostile or careless source gives it."""
    return st.one_of(
        st.sampled_from(SPECIALS),
        st.text(any_char, max_size=40),
        st.text(st.one_of(plain_chinese, awkward_char), min_size=1, max_size=30),
        st.text(st.one_of(plain_chinese, st.just(" ")), min_size=150, max_size=320),
        st.text(min_size=1, max_size=20),  # hypothesis' own mix (no surrogates)
    )


def hostile_number() -> st.SearchStrategy[Any]:
    """A count as typed or imported: huge, negative, fractional, text."""
    return st.one_of(
        st.integers(),
        st.integers(min_value=2**62, max_value=2**70),
        st.sampled_from([0, -1, 1, 2**63, 2**63 - 1, -(2**63), 10**30, 1.5, True, None]),
        hostile_text(),
        st.from_regex(r"[-+]?[0-9０-９]{1,25}", fullmatch=True),
    )


def clean(text: str, *, multiline: bool = True) -> bool:
    """No control character (a line break and a tab in a text of several lines aside), no
    lone surrogate: what a stored text may hold."""
    allowed = "\n\t" if multiline else ""
    return not any(
        (unicodedata.category(c) == "Cc" and c not in allowed) or 0xD800 <= ord(c) <= 0xDFFF
        for c in text
    )


def strings(value: Any) -> list[str]:
    """Every text inside ``value`` (a text, a list or tuple, a dataclass of them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return strings([getattr(value, f.name) for f in dataclasses.fields(value)])
    return []


def snapshot() -> str:
    """What has been committed to the archive so far: equal before and after a refusal when
    nothing was written, not even in part. SQLite's ``data_version``, read on a connection of
    the test's own, changes with every commit of another connection (the program's); hashing
    every row instead made the long run quadratic (each call adds a card: 9,000 calls took
    over an hour). A refusal must also leave no transaction open that could commit later."""
    assert not database.connection().in_transaction, "a transaction was left open"
    path = database.database
    watcher = _WATCHERS.get(path)
    if watcher is None:
        watcher = _WATCHERS[path] = sqlite3.connect(path, isolation_level=None)
    return str(watcher.execute("PRAGMA data_version").fetchone()[0])


_WATCHERS: dict[str, sqlite3.Connection] = {}


def too_long_texts() -> list[tuple[str, str, int]]:
    """(table, column, length) of every stored text longer than its column."""
    out = []
    for model in models.BaseModel.__subclasses__():
        for f in model._meta.sorted_fields:
            if isinstance(f, CharField) and f.max_length:
                query = model.select(f).where(fn.length(f) > f.max_length)
                out += [(model._meta.table_name, f.name, len(getattr(r, f.name))) for r in query]
    return out


@dataclass
class Tally:
    """What the property tests saw, for the figures line."""

    title: str
    calls: int = 0
    refused: int = 0
    saved: int = 0
    read_only: int = 0
    services: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.title}: {len(self.services)} services × fields, {self.calls:,} calls, "
            f"{self.refused:,} refused in Chinese with nothing written, {self.saved:,} saved "
            f"clean and read back equal, {self.read_only:,} searches answered, "
            f"{len(self.problems)} crashed or half-saved"
        )


@dataclass
class Call:
    """One service call with the hostile value: ``run`` makes it; ``read_back(result)`` gives
    (what was accepted, what reads back now) for a change, None for a read."""

    run: Callable[[], Any]
    read_back: Callable[[Any], tuple[Any, Any]] | None = None
    multiline: bool = True


def check(tally: Tally, name: str, call: Call) -> None:
    """The property: a Chinese refusal that changed nothing, or a clean save that reads back
    as accepted. Anything else (an exception that is not a KnownError) propagates."""
    tally.calls += 1
    tally.services.add(name)
    before = snapshot()
    try:
        result = call.run()
    except KnownError as exc:
        assert CHINESE.search(exc.message), f"{name}: not Chinese: {exc.message!r}"
        assert snapshot() == before, f"{name}: refused, but something was written"
        tally.refused += 1
        return
    if call.read_back is None:
        tally.read_only += 1
        return
    accepted, stored = call.read_back(result)
    assert stored == accepted, f"{name}: saved {accepted!r}, reads back {stored!r}"
    assert all(clean(t, multiline=call.multiline) for t in strings(accepted)), (
        f"{name}: {accepted!r}"
    )
    tally.saved += 1
