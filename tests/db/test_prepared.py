"""Statements built once (archive_desk.db.prepared): reused, and bounded where keys hold a size."""

from __future__ import annotations

from typing import Any

import pytest

from archive_desk.db import prepared as pr
from archive_desk.db.models import Setting


def _select_keys(count: int) -> Any:
    return Setting.select(Setting.value).where(
        Setting.key.in_([pr.Slot(f"k{n}", Setting.key) for n in range(count)])
    )


def test_a_statement_is_built_once_and_answers(db: object) -> None:
    built: list[int] = []

    def build() -> Any:
        built.append(1)
        return _select_keys(2)

    first = pr.prepared(("test.keys", 2), build)
    again = pr.prepared(("test.keys", 2), build)
    assert first is again and built == [1]
    assert list(first.run(k0="nothing", k1="here")) == []


def test_statements_past_keep_drop_the_least_recently_used(
    db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pr, "KEEP", 8)
    monkeypatch.setattr(pr, "_built", type(pr._built)())
    hot = pr.prepared(("test.hot",), lambda: _select_keys(1))
    for size in range(1, 40):  # a lock asked for 1, 2, … 39 cards over a long day
        pr.prepared(("test.keys", size), lambda size=size: _select_keys(size))
        assert pr.prepared(("test.hot",), lambda: _select_keys(1)) is hot  # used: kept
    assert len(pr._built) == 8
    assert list(hot.run(k0="x")) == []
