"""China's official calendars, and the python-holidays adapter (extra ``holidays``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from propmgmt_rules import InputError, Span, china_calendar, deadline, explain_deadline
from propmgmt_rules.time import OFFICIAL_YEARS

holidays = pytest.importorskip("holidays")
from propmgmt_rules.time.holidays_adapter import (  # noqa: E402
    calendar_from_holidays,
    official_years,
)

SH = ZoneInfo("Asia/Shanghai")


def _days(year: int) -> list[date]:
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_bundled_tables_agree_with_python_holidays_day_by_day(year: int) -> None:
    ours = china_calendar([year])
    theirs = holidays.China(years=year)
    disagree = [d for d in _days(year) if ours.is_working_day(d) != theirs.is_working_day(d)]
    assert disagree == []


def test_2025_sunday_26_january_and_saturday_8_february_are_working_days() -> None:
    for cal in (china_calendar([2025]), calendar_from_holidays("CN", [2025])):
        assert cal.is_working_day(date(2025, 1, 26))
        assert cal.is_working_day(date(2025, 2, 8))
        assert not cal.is_working_day(date(2025, 1, 28))  # Spring Festival holiday
        assert not cal.is_working_day(date(2025, 2, 1))   # an ordinary Saturday


def test_adapter_calendar_gives_the_same_deadlines_as_the_bundled_one() -> None:
    adapted = calendar_from_holidays("CN", [2025], working_hours=["09:00-18:00"])
    bundled = china_calendar([2025], working_hours=["09:00-18:00"])
    start = datetime(2025, 1, 24, 19, 30, tzinfo=SH)
    for n in (1, 2, 3, 5, 10, 40, 200):
        span = Span.working_days(n)
        assert deadline(start, span, adapted) == deadline(start, span, bundled)


def test_adapter_refuses_a_year_python_holidays_only_estimates() -> None:
    future = max(official_years("CN")) + 1
    with pytest.raises(InputError, match=f"no official CN schedule for {future}") as info:
        calendar_from_holidays("CN", [future])
    assert info.value.field == "years"


def test_adapter_marks_an_allowed_estimate_and_explanations_warn() -> None:
    future = max(official_years("CN")) + 1
    cal = calendar_from_holidays("CN", [future], allow_estimated=True)
    assert cal.estimated
    assert "estimated" in cal.name
    start = datetime(future, 3, 2, 9, tzinfo=SH)
    decision = explain_deadline(start, "3 working days", cal)
    assert "estimated, not the official schedule" in decision.explanation.en
    assert "推算" in decision.explanation.zh


def test_official_calendars_are_not_estimated() -> None:
    assert not calendar_from_holidays("CN", [2024, 2025]).estimated
    assert not china_calendar(OFFICIAL_YEARS).estimated


def test_bundled_calendar_refuses_an_unbundled_year() -> None:
    with pytest.raises(InputError, match="refusing to guess"):
        china_calendar([2031])


def test_friday_evening_before_spring_festival_three_working_days() -> None:
    # T-WORKING-DAYS on the real 2025 calendar: Sun 26 Jan (make-up), Mon 27 Jan, then the
    # holiday runs 28 Jan - 4 Feb, so the 3rd working day is Wed 5 Feb.
    cal = china_calendar([2025], working_hours=["09:00-12:00", "13:30-18:00"])
    start = datetime(2025, 1, 24, 19, 30, tzinfo=SH)
    assert deadline(start, "3个工作日", cal) == datetime(2025, 2, 5, 18, tzinfo=SH)
