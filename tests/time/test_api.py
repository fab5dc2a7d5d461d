"""The time API (issue 10, issue 13): every function that takes a calendar takes a preset's
name; presets are built once per name; helpers exported where users look for them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import propmgmt_rules
from propmgmt_rules import (
    WorkCalendar,
    after_working_time,
    before_working_time,
    china_calendar,
    deadline,
    explain_deadline,
    last_day,
    resolve_calendar,
)
from propmgmt_rules.presets import preset_kinds
from propmgmt_rules.time import calendar as calendar_module
from propmgmt_rules.time.cases import DeadlineCase, evaluate
from propmgmt_rules.time.presets import china

SH = ZoneInfo("Asia/Shanghai")
FRIDAY_EVENING = datetime(2025, 1, 24, 19, 30, tzinfo=SH)  # before the Spring Festival 2025


def test_every_function_taking_a_calendar_takes_a_preset_name() -> None:
    cn = china_calendar([2024, 2025, 2026], working_hours=["09:00-12:00", "13:30-18:00"])
    name = "china-official@09:00-12:00,13:30-18:00"
    assert deadline(FRIDAY_EVENING, "2 days", "china-official") == deadline(
        FRIDAY_EVENING, "2 days", china_calendar([2024, 2025, 2026]))
    assert deadline(FRIDAY_EVENING, "1 working day", name) == datetime(2025, 1, 26, 18, tzinfo=SH)
    assert explain_deadline(FRIDAY_EVENING, "3个工作日", name).outcome.due == deadline(
        FRIDAY_EVENING, "3个工作日", cn)
    assert last_day(FRIDAY_EVENING, "1 working day", name) == date(2025, 1, 26)
    assert after_working_time(FRIDAY_EVENING, timedelta(hours=1), name) == datetime(
        2025, 1, 26, 10, tzinfo=SH)
    assert before_working_time(FRIDAY_EVENING, timedelta(hours=1), name) == datetime(
        2025, 1, 24, 17, tzinfo=SH)


def test_china_calendar_takes_one_year_or_several() -> None:
    assert china_calendar(2025) == china_calendar([2025])
    assert china_calendar(2025) is china_calendar([2025])  # built once per arguments


def test_a_preset_is_built_and_compiled_once_per_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # issue 10: the time job compiled china-official again for every case
    preset_kinds()["calendar"].clear()
    built: list[object] = []
    original = calendar_module._Compiled.__init__

    def counting(self: object, cal: WorkCalendar) -> None:
        built.append(cal.name)
        original(self, cal)  # type: ignore[arg-type]

    monkeypatch.setattr(calendar_module._Compiled, "__init__", counting)
    china._china.cache_clear()
    for i in range(50):
        case = DeadlineCase.model_validate({
            "id": f"c{i}", "start": (FRIDAY_EVENING + timedelta(hours=i)).isoformat(),
            "span": "3个工作日", "calendar": "china-official"})
        evaluate(case)
    assert built == ["China official 2024-2026"]
    assert resolve_calendar("china-official") is resolve_calendar("china-official")


def test_after_working_time_is_exported_where_users_look() -> None:
    from propmgmt_rules import time as time_package

    assert propmgmt_rules.after_working_time is time_package.after_working_time
    assert "after_working_time" in propmgmt_rules.__all__
    assert "after_working_time" in time_package.__all__
    assert "before_working_time" in propmgmt_rules.__all__


def test_after_and_before_working_time_are_inverse_on_working_time() -> None:
    office = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    friday_5pm = datetime(2025, 1, 3, 17, tzinfo=SH)
    later = after_working_time(friday_5pm, timedelta(minutes=90), office)
    assert later == datetime(2025, 1, 6, 9, 30, tzinfo=SH)
    assert before_working_time(later, timedelta(minutes=90), office) == friday_5pm
    assert office.working_time_between(friday_5pm, later) == timedelta(minutes=90)
    # a zero duration is the instant itself (the span "0 working hours" is T-ZERO's)
    saturday = datetime(2025, 1, 4, 10, tzinfo=SH)
    assert after_working_time(saturday, timedelta(0), office) == saturday
    assert deadline(saturday, "0 working hours", office) == datetime(2025, 1, 6, 9, tzinfo=SH)
