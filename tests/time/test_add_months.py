"""`T-MONTHS`: ``_add_months`` reads a month's length from its table (a leap year's February
29 days) where it read ``calendar.monthrange``; the same day, or the same error, for every
day and every number of months (the straightforward version kept here)."""

from __future__ import annotations

import calendar
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.time.deadline import _add_months


def _reference(day: date, n: int) -> date:
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _outcome(f: object, day: date, n: int) -> object:
    try:
        return f(day, n)  # type: ignore[operator]
    except (ValueError, OverflowError) as exc:
        return type(exc)


@given(st.dates(), st.integers(-130_000, 130_000))
def test_add_months_is_monthranges(day: date, n: int) -> None:
    assert _outcome(_add_months, day, n) == _outcome(_reference, day, n)


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(-30, 30))
def test_add_months_from_a_months_last_day(year: int, month: int, n: int) -> None:
    day = date(year, month, calendar.monthrange(year, month)[1])
    assert _outcome(_add_months, day, n) == _outcome(_reference, day, n)
