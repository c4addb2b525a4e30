"""Months: their bounds, the one before, and counts of rows per month (one indexed COUNT a
month, so nothing depends on a database's date functions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from archive_desk.errors import ValidationError


def month_start(day: dt.date, shift: int = 0) -> dt.date:
    """The first day of the month ``shift`` months after the month of ``day``."""
    index = day.year * 12 + day.month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def month_counts(
    query: Any,
    field: Any,
    starts: list[dt.date],
    *,
    datetimes: bool,
    first_from: dt.date | None = None,
) -> list[int]:
    """How many rows of ``query`` have ``field`` in each month beginning at ``starts`` (the first
    month counted from ``first_from`` when given): one indexed COUNT a month, portable."""
    out = []
    for n, start in enumerate(starts):
        lo: Any = first_from if n == 0 and first_from is not None else start
        hi: Any = month_start(start, 1)
        if datetimes:
            lo, hi = dt.datetime.combine(lo, dt.time()), dt.datetime.combine(hi, dt.time())
        out.append(int(query.where((field >= lo) & (field < hi)).count()))
    return out


def month_bounds(month: str) -> tuple[dt.datetime, dt.datetime]:
    """``YYYY-MM`` → [first instant, first instant of the next month)."""
    try:
        start = dt.datetime.strptime(month, "%Y-%m")
    except ValueError:
        raise ValidationError("月份应写成 YYYY-MM，例如 2026-03。", field="month") from None
    end = (
        start.replace(year=start.year + 1, month=1)
        if start.month == 12
        else start.replace(month=start.month + 1)
    )
    return start, end


def previous_month(today: dt.date) -> str:
    first = today.replace(day=1)
    return f"{(first - dt.timedelta(days=1)):%Y-%m}"
