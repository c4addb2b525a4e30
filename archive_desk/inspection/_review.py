"""The twice-yearly review's calendar (seed 002: February and August).

The review months are the setting ``review.months`` ("2,8"). A review period starts on the first
day of the latest review month on or before today and runs until the next one begins; its
periodic round is due by the end of its review month. A card is due when it was filed before
the period began and has not been reviewed since.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from archive_desk import settings
from archive_desk.procedures.periods import month_start


def review_months() -> list[int]:
    """The configured review months; a malformed setting falls back to February and August."""
    raw = str(settings.get("review.months"))
    try:
        months = sorted({int(part) for part in raw.replace("，", ",").split(",") if part.strip()})
    except ValueError:
        return [2, 8]
    months = [m for m in months if 1 <= m <= 12]
    return months or [2, 8]


def period_start(today: dt.date, months: Sequence[int] | None = None) -> dt.date:
    """The first day of the latest review month on or before ``today``."""
    chosen = sorted(months or review_months())
    this_year = [m for m in chosen if m <= today.month]
    if this_year:
        return dt.date(today.year, this_year[-1], 1)
    return dt.date(today.year - 1, chosen[-1], 1)


def next_period(start: dt.date, months: Sequence[int] | None = None) -> dt.date:
    """The first day of the review period after the one beginning on ``start``."""
    chosen = sorted(months or review_months())
    later = [m for m in chosen if m > start.month]
    return dt.date(start.year, later[0], 1) if later else dt.date(start.year + 1, chosen[0], 1)


def period_due(start: dt.date) -> dt.date:
    """The day a period's review is due: the last day of its review month."""
    return month_start(start, 1) - dt.timedelta(days=1)


def period_label(period: str) -> str:
    """``2026-02`` → ``2026年2月``."""
    try:
        day = dt.datetime.strptime(period, "%Y-%m")
    except ValueError:
        return period
    return f"{day.year}年{day.month}月"
