"""Example tests of every `T-` rule, taken from the catalog's wording (spec/RULES.md §1)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from propmgmt_rules import InputError, Span, WorkCalendar, deadline, last_day, met

SH = ZoneInfo("Asia/Shanghai")
WEEKDAYS = WorkCalendar()  # Saturday and Sunday off, no working hours
TEN_TO_SIX = WorkCalendar(working_hours=["10:00-18:00"])
SPLIT_DAY = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SH)


# -- T-IMMEDIATE ---------------------------------------------------------------------------


def test_t_immediate_deadline_is_the_start_instant_itself() -> None:
    start = at(2025, 3, 8, 23, 59)  # a Saturday night: rest days do not matter
    assert deadline(start, Span.immediately(), WEEKDAYS) == start
    assert deadline(start, "立即", WEEKDAYS) == start


# -- T-MINUTES / T-HOURS -------------------------------------------------------------------


def test_t_minutes_is_n_times_60_seconds_of_elapsed_time() -> None:
    start = at(2025, 3, 7, 23, 50)
    assert deadline(start, "15分钟", WEEKDAYS) == at(2025, 3, 8, 0, 5)


def test_t_hours_is_n_times_3600_seconds_of_elapsed_time_over_a_weekend() -> None:
    start = at(2025, 3, 7, 23, 0)  # Friday 23:00; Saturday is not skipped
    assert deadline(start, Span.hours(2), WEEKDAYS) == at(2025, 3, 8, 1, 0)
    assert deadline(start, "48h", WEEKDAYS) == at(2025, 3, 9, 23, 0)


def test_t_hours_counts_elapsed_time_across_a_dst_change() -> None:
    berlin = WorkCalendar(timezone="Europe/Berlin")
    start = datetime(2025, 3, 30, 1, 30, tzinfo=ZoneInfo("Europe/Berlin"))  # clocks go 2 -> 3
    due = deadline(start, Span.hours(2), berlin)
    assert due.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=2)
    assert (due.hour, due.minute) == (4, 30)


# -- T-WORKING-HOURS -----------------------------------------------------------------------


def test_t_working_hours_deadline_at_end_of_period_stays_there() -> None:
    # catalog: Mon 14:00 + 4 h on a 10:00-18:00 day is Mon 18:00, not Tue 10:00
    assert deadline(at(2025, 3, 3, 14), Span.working_hours(4), TEN_TO_SIX) == at(2025, 3, 3, 18)


def test_t_working_hours_continue_on_the_next_working_day() -> None:
    # Friday 17:00 + 2 working hours: 1 h on Friday, 1 h from Monday 10:00
    assert deadline(at(2025, 3, 7, 17), "2 working hours", TEN_TO_SIX) == at(2025, 3, 10, 11)


def test_t_working_hours_start_outside_working_time_counts_from_next_working_moment() -> None:
    # Saturday 09:00: counted from Monday 10:00
    assert deadline(at(2025, 3, 8, 9), "3 working hours", TEN_TO_SIX) == at(2025, 3, 10, 13)
    # before opening on a working day: from 10:00 the same day
    assert deadline(at(2025, 3, 3, 7), "1 working hour", TEN_TO_SIX) == at(2025, 3, 3, 11)


def test_t_working_hours_skip_the_lunch_break() -> None:
    # 11:00 + 2 working hours on 09:00-12:00 / 13:30-18:00: 1 h before lunch, 1 h after
    assert deadline(at(2025, 3, 3, 11), "2个工作小时", SPLIT_DAY) == at(2025, 3, 3, 14, 30)
    # ... and a deadline at the end of the morning period stays at 12:00
    assert deadline(at(2025, 3, 3, 11), "1 working hour", SPLIT_DAY) == at(2025, 3, 3, 12)


def test_t_working_hours_without_working_hours_count_whole_working_days() -> None:
    # no hours: a working day is 24 h of working time; the weekend is skipped
    assert deadline(at(2025, 3, 7, 12), "24 working hours", WEEKDAYS) == at(2025, 3, 10, 12)


# -- T-SAME-DAY ----------------------------------------------------------------------------


def test_t_same_day_ends_at_24_00_of_the_start_local_day() -> None:
    assert deadline(at(2025, 3, 7, 16, 45), "当天", WEEKDAYS) == at(2025, 3, 8)


def test_t_same_day_uses_the_calendar_local_day_not_the_start_offset() -> None:
    # 20:00 UTC on 7 March is 04:00 on 8 March in Shanghai: the local day is the 8th
    start = datetime(2025, 3, 7, 20, tzinfo=UTC)
    assert deadline(start, Span.same_day(), WEEKDAYS) == at(2025, 3, 9)


# -- T-DAYS --------------------------------------------------------------------------------


def test_t_days_start_day_not_counted_ends_at_24_00_of_start_plus_n() -> None:
    # Monday 10:00 + 2 days: the last day is Wednesday, ending at 24:00 (= Thursday 00:00)
    due = deadline(at(2025, 3, 3, 10), "2日内", WEEKDAYS)
    assert due == at(2025, 3, 6)
    assert last_day(at(2025, 3, 3, 10), "2日内", WEEKDAYS) == date(2025, 3, 5)


def test_t_days_end_of_day_d_is_the_midnight_that_starts_d_plus_1() -> None:
    due = deadline(at(2025, 3, 3, 23, 59), Span.days(1), WEEKDAYS)
    assert due == at(2025, 3, 5, 0, 0)
    assert met(due, done_at=at(2025, 3, 4, 23, 59))
    assert met(due, done_at=due)  # x <= d: exactly 24:00 of the last day is in time
    assert not met(due, done_at=due + timedelta(microseconds=1))


def test_t_days_count_rest_days_unless_extended() -> None:
    # Friday + 1 day ends on Saturday: calendar days count rest days
    assert deadline(at(2025, 3, 7, 9), "1 day", WEEKDAYS) == at(2025, 3, 9)


# -- T-WORKING-DAYS ------------------------------------------------------------------------


def test_t_working_days_is_the_nth_working_day_after_the_start_date() -> None:
    # Thursday + 3 working days: Fri, Mon, Tue -> ends at 24:00 on Tuesday
    assert deadline(at(2025, 3, 6, 9), "3个工作日", WEEKDAYS) == at(2025, 3, 12)
    assert last_day(at(2025, 3, 6, 9), "3个工作日", WEEKDAYS) == date(2025, 3, 11)


def test_t_working_days_start_on_a_rest_day_counts_from_the_next_working_day() -> None:
    # Saturday + 1 working day is Monday
    assert deadline(at(2025, 3, 8, 15), Span.working_days(1), WEEKDAYS) == at(2025, 3, 11)


def test_t_working_days_end_at_close_of_business_when_the_calendar_has_hours() -> None:
    assert deadline(at(2025, 3, 6, 9), "1 working day", SPLIT_DAY) == at(2025, 3, 7, 18)


def test_t_working_days_skip_holidays_and_count_make_up_days() -> None:
    cal = WorkCalendar(
        holidays=[date(2025, 1, 28), date(2025, 1, 29)],
        makeup_working_days=[date(2025, 1, 26)],
    )
    # Friday 24 Jan + 1 working day: Sunday 26 Jan is a make-up working day
    assert deadline(at(2025, 1, 24, 19), Span.working_days(1), cal) == at(2025, 1, 27)
    # + 3: Sun 26, Mon 27, (Tue 28 and Wed 29 are holidays), Thu 30
    assert deadline(at(2025, 1, 24, 19), Span.working_days(3), cal) == at(2025, 1, 31)


# -- T-MONTHS ------------------------------------------------------------------------------


def test_t_months_last_day_is_the_corresponding_day() -> None:
    # a visit on 15 January with a 3-month window: up to 24:00 on 15 April
    assert deadline(at(2025, 1, 15, 10), "三个月", WEEKDAYS) == at(2025, 4, 16)


@pytest.mark.parametrize(
    ("start", "end"),
    [((2025, 1, 31), (2025, 3, 1)), ((2024, 1, 31), (2024, 3, 1)), ((2025, 3, 31), (2025, 5, 1))],
    ids=["jan31-to-feb28", "leap-year-feb29", "mar31-to-apr30"],
)
def test_t_months_clipped_to_the_month_last_day(start: tuple[int, int, int],
                                                end: tuple[int, int, int]) -> None:
    # Jan 31 + 1 month = Feb 28 (29 in a leap year), ending at 24:00
    assert deadline(at(*start, 15), Span.months(1), WEEKDAYS) == at(*end)


# -- T-REST-DAY-EXTENSION ------------------------------------------------------------------


def test_t_rest_day_extension_moves_a_rest_last_day_to_the_next_working_day() -> None:
    # Thursday + 2 days ends on Saturday; extended: Monday, ending at 24:00
    start = at(2025, 3, 6, 9)
    assert deadline(start, Span.days(2), WEEKDAYS) == at(2025, 3, 9)
    assert deadline(start, Span.days(2, extend_over_rest_days=True), WEEKDAYS) == at(2025, 3, 11)


def test_t_rest_day_extension_is_off_by_default() -> None:
    assert Span.days(2).extend_over_rest_days is False
    assert Span.parse("2日内").extend_over_rest_days is False


def test_t_rest_day_extension_over_a_holiday_run_and_on_months() -> None:
    cal = WorkCalendar(holidays=[date(2025, 10, d) for d in range(1, 9)],
                       makeup_working_days=[date(2025, 10, 11)])
    # 1 month from 1 September ends on 1 October, a holiday: extended to Thursday 9 October
    span = Span.months(1, extend_over_rest_days=True)
    assert deadline(at(2025, 9, 1, 9), span, cal) == at(2025, 10, 10)


def test_t_rest_day_extension_is_refused_on_other_units() -> None:
    with pytest.raises(ValueError, match="extend_over_rest_days"):
        Span(unit="working_days", amount=2, extend_over_rest_days=True)


# -- instants are aware, everywhere --------------------------------------------------------


def test_naive_start_is_rejected_naming_the_field() -> None:
    with pytest.raises(InputError, match=r"^start: must be timezone-aware"):
        deadline(datetime(2025, 1, 1, 9), Span.days(1), WEEKDAYS)


def test_naive_action_is_rejected_by_met() -> None:
    with pytest.raises(InputError, match="done_at"):
        met(at(2025, 1, 1), done_at=datetime(2025, 1, 1))


def test_met_takes_the_action_by_keyword_never_in_the_old_order() -> None:
    # issue 12: met(due, *, done_at) reads as status_at(due, done_at, as_of); the old
    # met(action_at, due) is refused loudly rather than read the other way round
    with pytest.raises(TypeError):
        met(at(2025, 1, 1), at(2025, 1, 2))  # type: ignore[misc]


def test_deadline_is_given_in_the_calendar_zone() -> None:
    start = datetime(2025, 3, 3, 2, tzinfo=UTC)
    assert deadline(start, Span.hours(1), WEEKDAYS).tzinfo == SH


# -- T-BEFORE ------------------------------------------------------------------------------
# catalog: "the latest instant by which to act, counted backwards by the same rules mirrored"


def test_t_before_days_end_at_24_00_of_target_date_minus_n() -> None:
    # MI-4.3.1's notice "10 days before" a move-in on Wednesday 25 November 2026, 14:00:
    # the latest day is 15 November, ending at 24:00 (= 16 November 00:00)
    move_in = at(2026, 11, 25, 14)
    assert deadline(move_in, "10 days before", WEEKDAYS) == at(2026, 11, 16)
    assert deadline(move_in, "提前10天", WEEKDAYS) == at(2026, 11, 16)
    assert deadline(move_in, "提前十天", WEEKDAYS) == at(2026, 11, 16)
    assert last_day(move_in, Span.days(10, before=True), WEEKDAYS) == date(2026, 11, 15)


def test_t_before_days_count_rest_days() -> None:
    # calendar days: 2 days before Monday 9 March is Saturday 7 March, a rest day
    assert deadline(at(2026, 3, 9, 9), "2 days before", WEEKDAYS) == at(2026, 3, 8)


def test_t_before_working_days_end_at_close_of_the_nth_working_day_before() -> None:
    # 2 working days before Wednesday 25 November 2026: Tuesday 24 (1st), Monday 23 (2nd)
    target = at(2026, 11, 25, 14)
    assert deadline(target, "2 working days before", TEN_TO_SIX) == at(2026, 11, 23, 18)
    # without working hours the day ends at 24:00
    assert deadline(target, "提前2个工作日", WEEKDAYS) == at(2026, 11, 24)


def test_t_before_working_days_skip_the_weekend_and_holidays_count_make_up_days() -> None:
    cal = WorkCalendar(holidays=[date(2025, 1, 28), date(2025, 1, 29)],
                       makeup_working_days=[date(2025, 1, 26)])
    # 1 working day before Monday 27 January 2025: Sunday 26 is a make-up working day
    assert deadline(at(2025, 1, 27, 9), Span.working_days(1, before=True), cal) == at(2025, 1, 27)
    # 2 working days before Thursday 30 January: (Wed 29, Tue 28 holidays) Mon 27, Sun 26
    assert deadline(at(2025, 1, 30, 9), Span.working_days(2, before=True), cal) == at(2025, 1, 27)
    # the target's own day is not counted, even late in the day
    assert deadline(at(2025, 1, 31, 23, 59), Span.working_days(1, before=True), cal) == at(
        2025, 1, 31)


def test_t_before_hours_and_minutes_are_elapsed_time() -> None:
    target = at(2026, 11, 25, 14)
    assert deadline(target, "3 hours before", WEEKDAYS) == at(2026, 11, 25, 11)
    assert deadline(target, "30 minutes before", WEEKDAYS) == at(2026, 11, 25, 13, 30)
    # over a night and a weekend: Monday 01:00 - 3 hours is Sunday 22:00
    assert deadline(at(2026, 11, 23, 1), Span.hours(3, before=True), WEEKDAYS) == at(
        2026, 11, 22, 22)


def test_t_before_months_clip_to_the_month_last_day() -> None:
    assert deadline(at(2026, 11, 25, 14), "1 month before", WEEKDAYS) == at(2026, 10, 26)
    # 31 March - 1 month: February has no 31st, so its last day (28 February 2026)
    assert last_day(at(2026, 3, 31, 9), "1 month before", WEEKDAYS) == date(2026, 2, 28)
    assert deadline(at(2026, 3, 31, 9), "1 month before", WEEKDAYS) == at(2026, 3, 1)


def test_t_before_working_hours_count_working_time_back_from_the_target() -> None:
    target = at(2026, 11, 25, 14)  # Wednesday, inside 10:00-18:00
    assert deadline(target, "2 working hours before", TEN_TO_SIX) == at(2026, 11, 25, 12)
    # 6 working hours: 4 on Wednesday morning, 2 on Tuesday afternoon
    assert deadline(target, Span.working_hours(6, before=True), TEN_TO_SIX) == at(
        2026, 11, 24, 16)
    # across the lunch break of a split day
    assert deadline(at(2025, 3, 3, 14, 30), "2 working hours before", SPLIT_DAY) == at(
        2025, 3, 3, 11)


def test_t_before_working_hours_from_the_previous_working_moment_outside_working_time() -> None:
    # target Saturday 10:00: counted back from Friday 18:00
    assert deadline(at(2026, 11, 28, 10), "2 working hours before", TEN_TO_SIX) == at(
        2026, 11, 27, 16)
    # target before opening on Tuesday: counted back from Monday 18:00
    assert deadline(at(2026, 11, 24, 7), "1 working hour before", TEN_TO_SIX) == at(
        2026, 11, 23, 17)


def test_t_before_working_hours_latest_instant_at_a_period_start_stays_there() -> None:
    # the mirror of "a deadline at the end of a working period stays there": 1 working hour
    # before Tuesday 11:00 is Tuesday 10:00, not Monday 18:00 (both leave 1 h; 10:00 is later)
    assert deadline(at(2026, 11, 24, 11), "1 working hour before", TEN_TO_SIX) == at(
        2026, 11, 24, 10)


def test_t_before_an_action_meets_it_iff_at_or_before_it() -> None:
    latest = deadline(at(2026, 11, 25, 14), "10 days before", WEEKDAYS)
    assert met(latest, done_at=at(2026, 11, 15, 23, 59))
    assert met(latest, done_at=latest)
    assert not met(latest, done_at=latest + timedelta(microseconds=1))


def test_t_before_is_cited_with_the_unit_rule() -> None:
    assert Span.parse("提前10天").rule_ids == ("T-DAYS", "T-BEFORE")
    assert Span.working_hours(2, before=True).rule_ids == ("T-WORKING-HOURS", "T-BEFORE")


def test_t_before_is_refused_on_immediately_same_day_and_with_the_extension() -> None:
    with pytest.raises(ValueError, match="cannot be counted backwards"):
        Span(unit="same_day", before=True)
    with pytest.raises(ValueError, match="does not extend over rest days"):
        Span.days(3, extend_over_rest_days=True, before=True)


# -- T-ZERO --------------------------------------------------------------------------------


def test_t_zero_minutes_and_hours_are_the_start_itself() -> None:
    start = at(2025, 3, 8, 10)  # a Saturday: rest days do not matter for elapsed time
    assert deadline(start, "0 minutes", TEN_TO_SIX) == start
    assert deadline(start, Span.hours(0), TEN_TO_SIX) == start
    assert deadline(start, "0小时", TEN_TO_SIX) == start


def test_t_zero_working_hours_is_the_next_working_moment_at_or_after_the_start() -> None:
    # issue 11: "0 working hours" from Saturday 10:00 is Monday 10:00, not Saturday 10:00
    assert deadline(at(2025, 3, 8, 10), "0 working hours", TEN_TO_SIX) == at(2025, 3, 10, 10)
    assert deadline(at(2025, 3, 8, 10), Span.working_hours(0), TEN_TO_SIX) == at(2025, 3, 10, 10)
    # inside working time: the start itself; at the very end of a period: the next period
    assert deadline(at(2025, 3, 4, 11), "0个工作小时", TEN_TO_SIX) == at(2025, 3, 4, 11)
    assert deadline(at(2025, 3, 3, 12), "0 working hours", SPLIT_DAY) == at(2025, 3, 3, 13, 30)


def test_t_zero_working_hours_agrees_with_a_tiny_span_from_the_same_instant() -> None:
    # counting starts where 0 working hours ends: 1 working hour from Saturday is Monday 11:00
    assert deadline(at(2025, 3, 8, 10), "1 working hour", TEN_TO_SIX) == at(2025, 3, 10, 11)


def test_t_zero_days_is_the_same_day() -> None:
    start = at(2025, 3, 7, 16, 45)
    for text in ("0 days", "0天", "0日内", "零天"):
        assert deadline(start, text, WEEKDAYS) == deadline(start, "当天", WEEKDAYS) == at(
            2025, 3, 8)
    assert Span.days(0).rule_ids == ("T-SAME-DAY", "T-ZERO")
    # with the extension, as the same day extended: Saturday moves to Monday
    assert deadline(at(2025, 3, 8, 9), Span.days(0, extend_over_rest_days=True), WEEKDAYS) == (
        deadline(at(2025, 3, 8, 9), Span.same_day(extend_over_rest_days=True), WEEKDAYS))


@pytest.mark.parametrize("text", ["0 working days", "0个工作日", "0 months", "0个月", "零个月"])
def test_t_zero_working_days_and_months_are_refused_say_same_day(text: str) -> None:
    with pytest.raises(InputError, match=r"^span: .*0 .*refused \(T-ZERO\); say 'same day'"):
        deadline(at(2025, 3, 7, 9), text, WEEKDAYS)
    with pytest.raises(ValueError, match="T-ZERO"):
        Span.parse(text)


def test_t_zero_is_the_same_through_every_entry_point() -> None:
    from propmgmt_rules import explain_deadline
    from propmgmt_rules.time.cases import DeadlineCase, evaluate

    start = at(2025, 3, 8, 10)
    monday_10 = at(2025, 3, 10, 10)
    decision = explain_deadline(start, "0 working hours", TEN_TO_SIX)
    assert decision.outcome.due == monday_10
    assert decision.decided_by == ("T-WORKING-HOURS", "T-ZERO")
    case = DeadlineCase.model_validate({"id": "z", "start": start.isoformat(),
                                        "span": "0个工作小时", "calendar": "weekdays@10:00-18:00"})
    assert evaluate(case)[0].outcome.due == monday_10


def test_t_zero_before_mirrors_forwards() -> None:
    # 0 working hours before Saturday 10:00: the latest working moment, Friday 18:00
    assert deadline(at(2025, 3, 8, 10), "0 working hours before", TEN_TO_SIX) == at(
        2025, 3, 7, 18)
    assert deadline(at(2025, 3, 8, 10), "0 hours before", TEN_TO_SIX) == at(2025, 3, 8, 10)
    # 0 days before: the end of the target's own day
    assert deadline(at(2025, 3, 8, 10), "提前0天", TEN_TO_SIX) == at(2025, 3, 9)
