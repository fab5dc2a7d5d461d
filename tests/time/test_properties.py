"""Hypothesis properties of deadlines, and agreement with the day-by-day reference."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from propmgmt_rules import Span, SpanUnit, WorkCalendar, deadline, last_day
from propmgmt_rules.strategies import aware_datetimes, spans, work_calendars

from . import reference

ZONES = ("Asia/Shanghai", "UTC", "Asia/Tokyo")
calendars = work_calendars(zones=ZONES)
starts = aware_datetimes(zones=ZONES)
COUNTED = tuple(u for u in SpanUnit if u not in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY))


@given(calendars, starts, spans())
def test_deadline_never_precedes_the_start(cal: WorkCalendar, start: datetime, span: Span) -> None:
    assert deadline(start, span, cal) >= start


@given(calendars, starts, spans())
def test_fast_implementation_agrees_with_the_day_by_day_reference(
    cal: WorkCalendar, start: datetime, span: Span
) -> None:
    assert deadline(start, span, cal) == reference.deadline(start, span, cal)


@given(calendars, starts, st.integers(0, 60 * 24 * 20), spans())
def test_deadline_is_monotone_in_the_start(
    cal: WorkCalendar, start: datetime, later_by_minutes: int, span: Span
) -> None:
    later = start + timedelta(minutes=later_by_minutes)
    assert deadline(start, span, cal) <= deadline(later, span, cal)


@given(calendars, starts, st.sampled_from(COUNTED), st.integers(1, 80), st.integers(0, 80))
def test_deadline_is_monotone_in_the_amount(
    cal: WorkCalendar, start: datetime, unit: SpanUnit, a: int, extra: int
) -> None:
    small, big = Span(unit=unit, amount=a), Span(unit=unit, amount=a + extra)
    assert deadline(start, small, cal) <= deadline(start, big, cal)


@given(calendars, starts, st.integers(1, 400))
def test_working_days_deadline_falls_on_a_working_day(
    cal: WorkCalendar, start: datetime, n: int
) -> None:
    span = Span.working_days(n)
    day = last_day(start, span, cal)
    assert day is not None
    assert cal.is_working_day(day)
    assert deadline(start, span, cal) == cal.close_of_business(day)
    assert cal.count_working_days(cal.local_date(start) + timedelta(days=1), day) == n - 1


@given(calendars, starts, st.integers(0, 200), st.integers(1, 200))
def test_working_hours_spans_compose(cal: WorkCalendar, start: datetime, a: int, b: int) -> None:
    # b >= 1: 0 working hours from a deadline at the end of a period is the next working
    # moment (T-ZERO), not the deadline itself
    first = deadline(start, Span.working_hours(a), cal)
    assert deadline(first, Span.working_hours(b), cal) == deadline(
        start, Span.working_hours(a + b), cal
    )


@given(calendars, starts, st.integers(0, 300))
def test_working_time_to_a_working_hours_deadline_is_the_span(
    cal: WorkCalendar, start: datetime, n: int
) -> None:
    due = deadline(start, Span.working_hours(n), cal)
    assert cal.working_time_between(start, due) == timedelta(hours=n)


@given(calendars, starts)
def test_next_working_moment_is_working_time_and_nothing_earlier_is(
    cal: WorkCalendar, start: datetime
) -> None:
    moment = cal.next_working_moment(start)
    assert moment >= start
    assert cal.is_working_time(moment)
    assert cal.working_time_between(start, moment) == timedelta(0)


@given(calendars, st.dates(), st.integers(1, 500))
def test_nth_working_day_agrees_with_counting_day_by_day(cal: WorkCalendar, day, n: int) -> None:  # type: ignore[no-untyped-def]
    assume(day.year < 9990)
    d, count = day, 0
    while count < n:
        d += timedelta(days=1)
        count += reference.is_working(cal, d)
    assert cal.nth_working_day_after(day, n) == d


@settings(max_examples=50)
@given(calendars, starts, st.integers(1, 3000))
def test_long_spans_agree_with_the_reference(cal: WorkCalendar, start: datetime, n: int) -> None:
    span = Span.working_days(n)
    assert deadline(start, span, cal) == reference.deadline(start, span, cal)


# -- T-BEFORE: the forward properties mirrored ----------------------------------------------

BACKWARD = tuple(u for u in SpanUnit if u not in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY))


def _backward(unit: SpanUnit, n: int) -> Span:
    if unit is SpanUnit.WORKING_DAYS or unit is SpanUnit.MONTHS:
        n = max(n, 1)
    return Span(unit=unit, amount=n, before=True)


@given(calendars, starts, st.sampled_from(BACKWARD), st.integers(0, 80))
def test_t_before_agrees_with_the_day_by_day_reference_walked_backwards(
    cal: WorkCalendar, target: datetime, unit: SpanUnit, n: int
) -> None:
    span = _backward(unit, n)
    assert deadline(target, span, cal) == reference.before(target, span, cal)


@given(calendars, starts, st.sampled_from(BACKWARD), st.integers(1, 80))
def test_t_before_never_follows_the_target(
    cal: WorkCalendar, target: datetime, unit: SpanUnit, n: int
) -> None:
    assert deadline(target, _backward(unit, n), cal) <= target


@given(calendars, starts, st.integers(0, 60 * 24 * 20), st.sampled_from(BACKWARD),
       st.integers(0, 80))
def test_t_before_is_monotone_in_the_target(
    cal: WorkCalendar, target: datetime, later_by_minutes: int, unit: SpanUnit, n: int
) -> None:
    span = _backward(unit, n)
    later = target + timedelta(minutes=later_by_minutes)
    assert deadline(target, span, cal) <= deadline(later, span, cal)


@given(calendars, starts, st.sampled_from(BACKWARD), st.integers(1, 80), st.integers(0, 80))
def test_t_before_is_antitone_in_the_amount(
    cal: WorkCalendar, target: datetime, unit: SpanUnit, a: int, extra: int
) -> None:
    small, big = _backward(unit, a), _backward(unit, a + extra)
    assert deadline(target, big, cal) <= deadline(target, small, cal)


@given(calendars, starts, st.integers(1, 300))
def test_t_before_working_hours_leave_exactly_the_span_and_forward_returns_within_it(
    cal: WorkCalendar, target: datetime, n: int
) -> None:
    latest = deadline(target, Span.working_hours(n, before=True), cal)
    assert cal.working_time_between(latest, target) == timedelta(hours=n)
    # acting at the latest instant and taking the span forwards still meets the target: it
    # ends at the earliest instant with as much working time behind it as the target
    forward = deadline(latest, Span.working_hours(n), cal)
    assert forward <= target
    assert cal.working_time_between(forward, target) == timedelta(0)


@given(calendars, starts, st.integers(1, 300 * 60))
def test_t_before_undoes_forwards_in_working_minutes(
    cal: WorkCalendar, start: datetime, n: int
) -> None:
    # the latest instant n working minutes before the deadline of n working minutes from s
    # is s itself, or the next working moment when s is outside working time
    due = deadline(start, Span.working_minutes(n), cal)
    back = deadline(due, Span.working_minutes(n, before=True), cal)
    assert back >= start
    assert back == cal.next_working_moment(start)


@given(calendars, starts, st.sampled_from((SpanUnit.MINUTES, SpanUnit.HOURS)),
       st.integers(0, 5000))
def test_t_before_elapsed_time_is_the_exact_inverse_of_forwards(
    cal: WorkCalendar, target: datetime, unit: SpanUnit, n: int
) -> None:
    back = deadline(target, Span(unit=unit, amount=n, before=True), cal)
    assert deadline(back, Span(unit=unit, amount=n), cal) == target


@given(calendars, starts, st.integers(1, 400))
def test_t_before_working_days_leave_n_minus_1_working_days_between(
    cal: WorkCalendar, target: datetime, n: int
) -> None:
    span = Span.working_days(n, before=True)
    day = last_day(target, span, cal)
    assert day is not None
    assert cal.is_working_day(day)
    assert deadline(target, span, cal) == cal.close_of_business(day)
    assert cal.count_working_days(day + timedelta(days=1), cal.local_date(target)) == n - 1


@given(calendars, starts, st.integers(1, 80))
def test_t_before_days_then_forward_days_reach_the_end_of_the_day_after_the_target(
    cal: WorkCalendar, target: datetime, n: int
) -> None:
    # the latest day D - n, counted forwards n days from its last instant's local day
    # (D - n + 1) ends at 24:00 of D + 1: never earlier than the target's own day
    latest = deadline(target, Span.days(n, before=True), cal)
    assert deadline(latest, Span.days(n), cal) == cal.end_of_day(
        cal.local_date(target) + timedelta(days=1))


@given(work_calendars(), aware_datetimes(), spans(units=(
    SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.WORKING_DAYS, SpanUnit.MONTHS), before=None))
def test_the_deadline_of_a_last_day_is_the_deadline(
        cal: WorkCalendar, start: datetime, span: Span) -> None:
    """`T-WORKING-DAYS`, `T-DAYS`, `T-SAME-DAY`, `T-MONTHS`, `T-BEFORE`: a day-based span's
    deadline is close of business on its last day when that working day has hours, else the
    end (24:00) of it; ``due_of_last`` (the explained deadline's path for a new day) and
    ``deadline()`` (which writes it inline) agree."""
    from propmgmt_rules.time.deadline import due_of_last, last_x

    c = cal._compiled
    x = start.astimezone(c.tz).toordinal() - 1
    last = last_x(c, x, span)
    assert last is not None
    assert due_of_last(c, span, last) == deadline(start, span, cal)
