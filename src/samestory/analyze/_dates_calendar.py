"""Calendar arithmetic for ``dates.py``: day ranges of weeks, months, years and decades, their
early/mid/late parts, and the year nearest a reference date."""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta


def day(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def month_last(y: int, mo: int) -> date:
    return date(y, mo, calendar.monthrange(y, mo)[1])


def nearest(ref: date, span: Callable[[int], tuple[date, date] | None]) -> tuple[date, date] | None:
    """The candidate year whose range is nearest ``ref``; a future range counts double."""
    best, score = None, None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        r = span(y)
        if r is None:
            continue
        first, last = r
        s = (ref - last).days if last < ref else (2 * (first - ref).days if first > ref else 0)
        if score is None or s < score:
            best, score = r, s
    return best


def narrow(first: date, last: date, granularity: str, part: str | None) -> tuple[date, date]:
    """Early/mid/late thirds of a week, month, year or decade (day and time ranges don't change)."""
    if not part:
        return first, last
    if granularity == "month":
        lo, hi = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
        return first.replace(day=lo), first.replace(day=hi)
    if granularity == "year":
        lo, hi = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[part]
        return date(first.year, lo, 1), month_last(first.year, hi)
    if granularity == "decade":
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}[part]
        return date(first.year + lo, 1, 1), date(first.year + hi, 12, 31)
    if granularity == "week":
        lo, hi = {"early": (0, 2), "mid": (2, 4), "late": (4, 6)}[part]
        return first + timedelta(lo), first + timedelta(hi)
    return first, last


def monday(d: date) -> date:
    return d - timedelta(d.weekday())


def relative_range(ref: date, unit: str, k: int) -> tuple[date, date, str]:
    if unit == "day":
        d = ref + timedelta(k)
        return d, d, "day"
    if unit == "overnight":
        return ref - timedelta(1), ref, "day"
    if unit in ("week", "weekend"):
        mon = monday(ref) + timedelta(7 * k)
        if unit == "weekend":
            return mon + timedelta(5), mon + timedelta(6), "day"
        return mon, mon + timedelta(6), "week"
    if unit == "month":
        n = ref.year * 12 + ref.month - 1 + k
        y, mo = n // 12, n % 12 + 1
        return date(y, mo, 1), month_last(y, mo), "month"
    return date(ref.year + k, 1, 1), date(ref.year + k, 12, 31), "year"
