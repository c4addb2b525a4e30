"""Clocks. Every service that needs "now" takes a clock so tests can fix today."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...

    def today(self) -> dt.date: ...


class SystemClock:
    """Local wall-clock time, naive (the archive room lives in one time zone)."""

    def now(self) -> dt.datetime:
        return dt.datetime.now().replace(microsecond=0)

    def today(self) -> dt.date:
        return dt.date.today()


class FixedClock:
    """A clock for tests: returns the time it was given; ``advance`` moves it."""

    def __init__(self, at: dt.datetime | dt.date | str) -> None:
        self._at = self._coerce(at)

    @staticmethod
    def _coerce(at: dt.datetime | dt.date | str) -> dt.datetime:
        if isinstance(at, str):
            at = dt.datetime.fromisoformat(at)
        if not isinstance(at, dt.datetime):
            at = dt.datetime.combine(at, dt.time(9, 0))
        return at

    def now(self) -> dt.datetime:
        return self._at

    def today(self) -> dt.date:
        return self._at.date()

    def advance(self, **kwargs: float) -> None:
        self._at += dt.timedelta(**kwargs)

    def set(self, at: dt.datetime | dt.date | str) -> None:
        self._at = self._coerce(at)


SYSTEM_CLOCK = SystemClock()
