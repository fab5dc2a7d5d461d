"""A plain day-by-day reference implementation of the `T-` rules, for cross-checking.

Written independently of the fast implementation: it walks the calendar one day at a time,
uses python-dateutil's relativedelta for month arithmetic, and naive local wall times.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from propmgmt_rules import Span, SpanUnit, WorkCalendar
from propmgmt_rules.time import WorkingPeriod


def is_working(cal: WorkCalendar, d: date) -> bool:
    if d in cal.makeup_working_days:
        return True
    if d in cal.holidays:
        return False
    return d.weekday() not in {w.number for w in cal.weekend}


def hours_of(cal: WorkCalendar, d: date) -> tuple[WorkingPeriod, ...]:
    """The working hours of working day d: a make-up day's, its weekday's, or the calendar's."""
    if d in cal.makeup_working_days and cal.makeup_working_hours is not None:
        return cal.makeup_working_hours
    for item in cal.weekday_hours:
        if item.weekday.number == d.weekday() and d not in cal.makeup_working_days:
            return item.hours
    return cal.working_hours


def periods(cal: WorkCalendar, d: date) -> list[tuple[datetime, datetime]]:
    """The working periods of day d as naive local datetimes."""
    hours = hours_of(cal, d)
    if not hours:
        return [(datetime.combine(d, time()), datetime.combine(d + timedelta(days=1), time()))]
    out = []
    for p in hours:
        end = (
            datetime.combine(d + timedelta(days=1), time())
            if p.end is None
            else datetime.combine(d, p.end)
        )
        out.append((datetime.combine(d, p.start), end))
    return out


def localize(cal: WorkCalendar, naive: datetime) -> datetime:
    return naive.replace(tzinfo=ZoneInfo(cal.timezone))


def end_of(cal: WorkCalendar, d: date) -> datetime:
    return localize(cal, datetime.combine(d + timedelta(days=1), time()))


def working_time(span: Span) -> timedelta:
    if span.unit is SpanUnit.WORKING_HOURS:
        return timedelta(hours=span.amount)
    assert span.unit is SpanUnit.WORKING_MINUTES
    return timedelta(minutes=span.amount)


def deadline(start: datetime, span: Span, cal: WorkCalendar) -> datetime:
    if span.before:
        return before(start, span, cal)
    tz = ZoneInfo(cal.timezone)
    local = start.astimezone(tz)
    d = local.date()
    n = span.amount
    if span.unit is SpanUnit.IMMEDIATELY:
        return start
    if span.unit is SpanUnit.MINUTES:
        return (start.astimezone(UTC) + timedelta(minutes=n)).astimezone(tz)
    if span.unit is SpanUnit.HOURS:
        return (start.astimezone(UTC) + timedelta(hours=n)).astimezone(tz)
    if span.unit in (SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS):
        if span.unit is SpanUnit.SAME_DAY:
            last = d
        elif span.unit is SpanUnit.DAYS:
            last = d + timedelta(days=n)
        else:
            last = d + relativedelta(months=n)
        if span.extend_over_rest_days:
            while not is_working(cal, last):
                last += timedelta(days=1)
        return end_of(cal, last)
    if span.unit is SpanUnit.WORKING_DAYS:
        day, count = d, 0
        while count < n:
            day += timedelta(days=1)
            if is_working(cal, day):
                count += 1
        return localize(cal, periods(cal, day)[-1][1])
    # WORKING_HOURS / WORKING_MINUTES, period by period
    remaining = working_time(span)
    now = local.replace(tzinfo=None)
    day = d
    while True:
        if is_working(cal, day):
            for a, b in periods(cal, day):
                a = max(a, now)
                if a >= b:
                    continue
                if remaining == timedelta(0):  # T-ZERO: the next working moment
                    return localize(cal, a)
                if b - a >= remaining:
                    return localize(cal, a + remaining)
                remaining -= b - a
        day += timedelta(days=1)
        now = datetime.combine(day, time())


def before(target: datetime, span: Span, cal: WorkCalendar) -> datetime:
    """`T-BEFORE`, walked backwards one day (or one working period) at a time."""
    tz = ZoneInfo(cal.timezone)
    local = target.astimezone(tz)
    d = local.date()
    n = span.amount
    if span.unit is SpanUnit.MINUTES:
        return (target.astimezone(UTC) - timedelta(minutes=n)).astimezone(tz)
    if span.unit is SpanUnit.HOURS:
        return (target.astimezone(UTC) - timedelta(hours=n)).astimezone(tz)
    if span.unit is SpanUnit.DAYS:
        return end_of(cal, d - timedelta(days=n))
    if span.unit is SpanUnit.MONTHS:
        return end_of(cal, d - relativedelta(months=n))
    if span.unit is SpanUnit.WORKING_DAYS:
        day, count = d, 0
        while count < n:
            day -= timedelta(days=1)
            if is_working(cal, day):
                count += 1
        return localize(cal, periods(cal, day)[-1][1])
    # WORKING_HOURS / WORKING_MINUTES: walk the working periods backwards from the target
    remaining = working_time(span)
    now = local.replace(tzinfo=None)
    day = d
    while True:
        if is_working(cal, day):
            for a, b in reversed(periods(cal, day)):
                b = min(b, now)
                if b < a:
                    continue
                if remaining == timedelta(0):
                    # zero left: the latest working moment at or before the target
                    return localize(cal, b)
                if b - a >= remaining:
                    return localize(cal, b - remaining)
                remaining -= b - a
        day -= timedelta(days=1)
        now = datetime.combine(day + timedelta(days=1), time())
