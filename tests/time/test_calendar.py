"""Work calendars: validation errors name the field; the 24/7 calendar; helpers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from propmgmt_rules import Span, Weekday, WorkCalendar, WorkingPeriod, deadline

SH = ZoneInfo("Asia/Shanghai")


def _field_of(exc: ValidationError) -> str:
    return ".".join(str(p) for p in exc.errors()[0]["loc"])


def test_a_date_both_holiday_and_make_up_day_is_an_error_naming_the_field() -> None:
    with pytest.raises(ValidationError) as info:
        WorkCalendar(holidays=[date(2025, 1, 26)], makeup_working_days=[date(2025, 1, 26)])
    assert _field_of(info.value) == "makeup_working_days"
    assert "2025-01-26 is both a holiday and a make-up working day" in str(info.value)


def test_a_make_up_day_must_be_a_weekend_day() -> None:
    with pytest.raises(ValidationError, match="not a weekend day") as info:
        WorkCalendar(makeup_working_days=[date(2025, 1, 27)])  # a Monday
    assert _field_of(info.value) == "makeup_working_days"


def test_overlapping_working_periods_are_an_error() -> None:
    with pytest.raises(ValidationError, match="overlap") as info:
        WorkCalendar(working_hours=["09:00-12:30", "12:00-18:00"])
    assert _field_of(info.value) == "working_hours"


def test_inverted_working_period_is_an_error() -> None:
    with pytest.raises(ValidationError, match="inverted"):
        WorkingPeriod.model_validate("18:00-09:00")


def test_unknown_time_zone_is_an_error_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="unknown time zone") as info:
        WorkCalendar(timezone="Asia/Nowhere")
    assert _field_of(info.value) == "timezone"


def test_a_calendar_needs_a_working_weekday() -> None:
    with pytest.raises(ValidationError, match="at least one weekday"):
        WorkCalendar(weekend=frozenset(Weekday))


def test_weekdays_by_name_in_english_or_chinese_but_not_by_number() -> None:
    cal = WorkCalendar.model_validate({"weekend": ["SAT", "星期日"]})
    assert cal.weekend == {Weekday.SATURDAY, Weekday.SUNDAY}
    with pytest.raises(ValidationError, match="by name"):
        WorkCalendar.model_validate({"weekend": [5, 6]})


def test_working_period_until_24_00() -> None:
    p = WorkingPeriod.model_validate("18:00-24:00")
    assert p.end is None
    assert str(p) == "18:00-24:00"


def test_periods_are_sorted() -> None:
    cal = WorkCalendar(working_hours=["13:30-18:00", "09:00-12:00"])
    assert [p.start for p in cal.working_hours] == [time(9), time(13, 30)]


def test_always_open_calendar_every_day_is_a_working_day() -> None:
    cal = WorkCalendar.always_open()
    assert all(cal.is_working_day(date(2025, 10, 1) + timedelta(days=i)) for i in range(14))
    # 2 working days from a Saturday are Sunday and Monday
    start = datetime(2025, 3, 8, 10, tzinfo=SH)
    assert deadline(start, Span.working_days(2), cal) == datetime(2025, 3, 11, tzinfo=SH)


def test_calendars_serialise_and_round_trip_as_json() -> None:
    cal = WorkCalendar(holidays=[date(2025, 5, 1)], working_hours=["09:00-12:00", "13:00-24:00"])
    assert WorkCalendar.model_validate_json(cal.model_dump_json()) == cal


def test_count_and_rest_days_between() -> None:
    cal = WorkCalendar(holidays=[date(2025, 3, 5)])
    assert cal.count_working_days(date(2025, 3, 3), date(2025, 3, 10)) == 4
    assert cal.rest_days_between(date(2025, 3, 3), date(2025, 3, 10)) == (
        date(2025, 3, 5), date(2025, 3, 8), date(2025, 3, 9))


def test_next_working_moment_and_working_time_between() -> None:
    cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    friday_evening = datetime(2025, 3, 7, 19, tzinfo=SH)
    assert cal.next_working_moment(friday_evening) == datetime(2025, 3, 10, 9, tzinfo=SH)
    inside = datetime(2025, 3, 10, 10, tzinfo=SH)
    assert cal.next_working_moment(inside) == inside
    assert cal.working_time_between(friday_evening, datetime(2025, 3, 10, 14, tzinfo=SH)) == (
        timedelta(hours=3, minutes=30))
    assert cal.working_time_between(datetime(2025, 3, 10, 14, tzinfo=SH), friday_evening) == (
        -timedelta(hours=3, minutes=30))


def test_a_copy_with_changes_is_validated_and_not_served_from_the_original_cache() -> None:
    cal = WorkCalendar()
    assert cal.is_working_day(date(2025, 3, 3))  # compiles and caches the original
    changed = cal.model_copy(update={"holidays": (date(2025, 3, 3),)})
    assert not changed.is_working_day(date(2025, 3, 3))
    assert cal.is_working_day(date(2025, 3, 3))
    with pytest.raises(ValidationError, match="both a holiday and a make-up"):
        cal.model_copy(update={"holidays": [date(2025, 3, 8)],
                               "makeup_working_days": [date(2025, 3, 8)]})
    assert cal.model_copy() == cal
