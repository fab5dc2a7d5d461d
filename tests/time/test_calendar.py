"""Work calendars: validation errors name the field; the 24/7 calendar; helpers."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError, Span, Weekday, WorkCalendar, WorkingPeriod, deadline

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


# -- working hours that differ by weekday and on make-up days (catalog §1, issue 13) --------

SHOP = WorkCalendar(
    weekend=["sunday"],
    working_hours=["09:00-18:00"],
    weekday_hours={"saturday": ["09:00-12:00"]},  # a Saturday half day
)


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SH)


def test_t_working_hours_on_a_saturday_half_day() -> None:
    # Friday 17:00 + 2 working hours: 1 h on Friday, 1 h on Saturday morning
    assert deadline(at(2025, 3, 7, 17), "2 working hours", SHOP) == at(2025, 3, 8, 10)
    # Saturday 11:00 + 2 working hours: 1 h before Saturday's close at 12:00, 1 h on Monday
    assert deadline(at(2025, 3, 8, 11), "2 working hours", SHOP) == at(2025, 3, 10, 10)
    # a deadline at Saturday's close stays there
    assert deadline(at(2025, 3, 8, 11), "1 working hour", SHOP) == at(2025, 3, 8, 12)
    # Saturday afternoon is outside working time: counted from Monday 09:00
    assert deadline(at(2025, 3, 8, 14), "30 working minutes", SHOP) == at(2025, 3, 10, 9, 30)
    assert SHOP.working_time_between(at(2025, 3, 7, 9), at(2025, 3, 10, 9)) == timedelta(hours=12)


def test_t_working_days_end_at_that_day_close_of_business() -> None:
    # 1 working day from Friday is Saturday, which closes at 12:00
    assert deadline(at(2025, 3, 7, 10), "1 working day", SHOP) == at(2025, 3, 8, 12)
    assert deadline(at(2025, 3, 6, 10), "1 working day", SHOP) == at(2025, 3, 7, 18)
    assert SHOP.close_of_business(date(2025, 3, 8)) == at(2025, 3, 8, 12)


def test_t_before_on_a_saturday_half_day() -> None:
    # 2 working hours before Monday 10:00: Monday 09:00-10:00, then Saturday 11:00-12:00
    assert deadline(at(2025, 3, 10, 10), "2 working hours before", SHOP) == at(2025, 3, 8, 11)
    assert deadline(at(2025, 3, 10, 10), "提前1个工作日", SHOP) == at(2025, 3, 8, 12)


def test_make_up_working_days_may_have_their_own_hours() -> None:
    cal = WorkCalendar(
        holidays=[date(2025, 1, 28)],
        makeup_working_days=[date(2025, 1, 26)],
        working_hours=["09:00-12:00", "13:30-18:00"],
        makeup_working_hours=["10:00-16:00"],
    )
    # Friday 24 January 2025 + 1 working day: the make-up Sunday, which closes at 16:00
    assert deadline(at(2025, 1, 24, 19), "1 working day", cal) == at(2025, 1, 26, 16)
    # Friday 17:00 + 3 working hours: 1 h on Friday, 2 h from the make-up Sunday's 10:00
    assert deadline(at(2025, 1, 24, 17), "3 working hours", cal) == at(2025, 1, 26, 12)
    assert [str(p) for p in cal.working_periods_on(date(2025, 1, 26))] == ["10:00-16:00"]
    assert [str(p) for p in cal.working_periods_on(date(2025, 1, 27))] == [
        "09:00-12:00", "13:30-18:00"]
    assert cal.working_periods_on(date(2025, 1, 28)) == ()  # a holiday
    # without makeup_working_hours a make-up day has the calendar's hours
    plain = cal.model_copy(update={"makeup_working_hours": None})
    assert deadline(at(2025, 1, 24, 19), "1 working day", plain) == at(2025, 1, 26, 18)


def test_weekday_hours_validation_names_the_field() -> None:
    with pytest.raises(ValidationError, match="saturday is a weekend day") as info:
        WorkCalendar(weekday_hours={"saturday": ["09:00-12:00"]})
    assert _field_of(info.value) == "weekday_hours"
    with pytest.raises(ValidationError, match="at least one working period"):
        WorkCalendar(weekend=["sunday"], weekday_hours={"saturday": []})
    with pytest.raises(ValidationError, match="given twice"):
        WorkCalendar(weekend=["sunday"], weekday_hours=[
            {"weekday": "sat", "hours": ["09:00-12:00"]},
            {"weekday": "六", "hours": ["09:00-11:00"]}])
    with pytest.raises(ValidationError, match="overlap"):
        WorkCalendar(weekend=["sunday"], weekday_hours={"saturday": ["09:00-12:00", "11:00-13:00"]})
    with pytest.raises(ValidationError, match="at least one working period") as info:
        WorkCalendar(makeup_working_hours=[])
    assert _field_of(info.value) == "makeup_working_hours"


def test_new_hours_round_trip_and_old_json_is_unchanged() -> None:
    assert json.loads(WorkCalendar().model_dump_json()).keys() == {
        "name", "timezone", "weekend", "holidays", "makeup_working_days", "working_hours",
        "estimated", "source"}
    again = WorkCalendar.model_validate_json(SHOP.model_dump_json())
    assert again == SHOP
    assert again.weekday_hours[0].weekday is Weekday.SATURDAY


# -- time zones: IANA names only, no file read because of input (issue 10) -------------------


@pytest.mark.parametrize(
    "key",
    ["/etc/localtime", "localtime", "../../../../etc/localtime", "Asia/../../etc/passwd",
     "..", "Asia\\Shanghai", "C:\\Windows\\zone", "Asia/Shanghai\x00", "\x00", "", " ",
     "Asia/Shanghai ", "asia/nowhere", "Asia/Nowhere", "zone.tab", "posixrules",
     "posix/Asia/Shanghai", "~/zone", "file:///etc/localtime", "Asia/" + "x" * 200],
)
def test_only_iana_zone_names_are_accepted(key: str) -> None:
    with pytest.raises(ValidationError, match="unknown time zone") as info:
        WorkCalendar(timezone=key)
    assert _field_of(info.value) == "timezone"


@pytest.mark.parametrize("key", ["Asia/Shanghai", "UTC", "Europe/Berlin", "America/New_York",
                                 "Etc/GMT+8", "America/Argentina/Buenos_Aires", "PRC"])
def test_iana_zone_names_are_accepted(key: str) -> None:
    assert WorkCalendar(timezone=key).tz.utcoffset(datetime(2025, 1, 1)) is not None


def test_a_zone_path_in_an_inline_complaint_policy_is_a_clear_error() -> None:
    from propmgmt_rules.complaints import PROCEDURE_5, ComplaintPolicy

    data = PROCEDURE_5.model_dump(mode="json")
    data["calendar"] = {"timezone": "/etc/localtime"}
    with pytest.raises(ValidationError, match="unknown time zone"):
        ComplaintPolicy.model_validate(data)


def test_zones_from_the_bundled_database_are_hashable_like_zoneinfo_zones() -> None:
    from propmgmt_rules.time.calendar import _bundled_zones, _hashable

    bundled = _bundled_zones()["Asia/Shanghai"]
    zone = _hashable(bundled)
    assert hash(zone) == hash(zone)
    assert datetime(2025, 1, 1, tzinfo=zone).utcoffset() == timedelta(hours=8)


# -- bounded calendars ---------------------------------------------------------------------


def test_exceptional_dates_span_at_most_200_years() -> None:
    from propmgmt_rules.limits import MAX_CALENDAR_YEARS

    assert MAX_CALENDAR_YEARS == 200
    WorkCalendar(holidays=[date(1950, 1, 2), date(2149, 12, 1)])
    with pytest.raises(ValidationError, match="span more than 200 years"):
        WorkCalendar(holidays=[date(1, 1, 1), date(9999, 12, 31)])


def test_calendar_methods_refuse_wrong_types_naming_the_argument() -> None:
    cal = WorkCalendar()
    with pytest.raises(InputError, match=r"^day: must be a date; for an instant"):
        cal.is_working_day(datetime(2025, 3, 3, tzinfo=SH))  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^day: must be a date"):
        cal.is_working_day("2025-03-03")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^n: must be a whole number"):
        cal.nth_working_day_after(date(2025, 3, 3), "2")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^n: must be at least 1"):
        cal.nth_working_day_after(date(2025, 3, 3), 0)
    with pytest.raises(InputError, match=r"^n: the result falls outside the years 1-9999"):
        cal.nth_working_day_after(date(9999, 12, 1), 1000)
    with pytest.raises(InputError, match=r"^instant: must be a timezone-aware datetime"):
        cal.is_working_time(date(2025, 3, 3))  # type: ignore[arg-type]
