"""From a start instant and a span to a deadline instant, on a work calendar (the `T-` rules).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> cal = WorkCalendar()                       # Saturday and Sunday off, no working hours
>>> friday_evening = datetime(2025, 3, 7, 19, 30, tzinfo=sh)
>>> deadline(friday_evening, Span.working_days(1), calendar=cal)     # T-WORKING-DAYS
datetime.datetime(2025, 3, 11, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days", calendar=cal)                 # T-DAYS: end of Sunday
datetime.datetime(2025, 3, 10, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days, extended", calendar=cal)       # T-REST-DAY-EXTENSION
datetime.datetime(2025, 3, 11, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days", calendar="china-official")    # a preset by name
datetime.datetime(2025, 3, 10, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))

The question of this module: when is it due (:func:`deadline`, :func:`last_day`). Every
function here is pure and costs the same for a span of 1 working day as for 1000; the
calendar is the area's settings, a :class:`WorkCalendar` or a preset's name (default
``"weekdays"``; see :mod:`~propmgmt_rules.time.presets`); a wrong type, a naive instant or a
deadline outside the years 1-9999 is an :class:`InputError` naming the argument.
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import UTC, date, datetime, timedelta
from typing import Final

from ..errors import InputError
from .calendar import WorkCalendar, _Compiled, _date, _x, require_aware
from .models import CalendarLike

# Importable from here too, as before the time area had one module per question; their homes
# are ``time.models``, ``time.status`` and ``time.working_time`` (all in ``propmgmt_rules.time``).
from .models import DeadlineDecision as DeadlineDecision
from .models import DeadlineOutcome as DeadlineOutcome
from .models import DeadlineStatus as DeadlineStatus
from .models import ObligationState as ObligationState
from .presets import resolve_calendar
from .span import Span, SpanUnit, span_of
from .status import status_at as status_at
from .working_time import after_working_time as after_working_time

__all__ = ["deadline", "due_of_last", "last_day", "last_x"]

_US_PER_HOUR: Final = 3_600_000_000
_US_PER_MINUTE: Final = 60_000_000


def _calendar(calendar: CalendarLike) -> WorkCalendar:
    if type(calendar) is WorkCalendar:
        return calendar
    return resolve_calendar(calendar, "calendar")


def _out_of_range(start: datetime, span: Span) -> InputError:
    field = "start" if span.amount == 0 else "span"
    what = "latest instant" if span.before else "deadline"
    return InputError(
        field,
        f"the {what} of {span} from {start.isoformat()} falls outside the years 1-9999",
    )


def _add_months(day: date, n: int) -> date:
    """``day`` + n months (n may be negative), clipped to the month's last day (`T-MONTHS`)."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    last = _MONTH_DAYS[m] if m != 1 or not _gregorian.isleap(year) else 29
    return date(year, month, min(day.day, last))


_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The days of each month of a common year (a leap year's February: 29): what
``calendar.monthrange`` reads, without the weekday it works out first."""


def _last_day_x(c: _Compiled, x: int, span: Span) -> int:
    unit = span.unit
    sign = -1 if span.before else 1
    if unit is SpanUnit.SAME_DAY:
        last = x
    elif unit is SpanUnit.DAYS:
        last = x + sign * span.amount
    else:  # MONTHS
        last = _x(_add_months(_date(x), sign * span.amount))
    if span.extend_over_rest_days and not c.is_working(last):
        last = c.kth(c.count(last + 1) + 1)  # T-REST-DAY-EXTENSION
    return last


def due_of_last(c: _Compiled, span: Span, last: int) -> datetime:
    """The deadline of a day-based span whose last day is day ``last``: close of business
    when that working day has working hours (`T-WORKING-DAYS`), else the end (24:00) of the
    day (`T-SAME-DAY`, `T-DAYS`, `T-MONTHS`), written as the next day's 00:00.
    :func:`deadline` writes it inline (its hot path); a property test holds them equal."""
    if span.unit is SpanUnit.WORKING_DAYS:
        return c.instant(last, c.close_of(last))
    return c.instant(last + 1, 0)


def _working_us(span: Span) -> int:
    step = _US_PER_HOUR if span.unit is SpanUnit.WORKING_HOURS else _US_PER_MINUTE
    return span.amount * step


def deadline(start: datetime, span: Span | str, calendar: CalendarLike = "weekdays"
             ) -> datetime:
    """The deadline of ``span`` counted from ``start`` on ``calendar``, in the calendar's zone.

    Follows the catalog's `T-` rules exactly: elapsed time for minutes and hours; working time
    for working hours and minutes (a deadline at the very end of a working period stays there;
    0 working hours is the next working moment, `T-ZERO`); the end (24:00) of the last day for
    same-day, day and month spans, the start day not counted; the n-th working day after the
    start's date for working days, ending at close of business when that day has working
    hours. A naive ``start`` is an :class:`InputError`.

    A span counted backwards (`T-BEFORE`, ``"10 days before"``, 「提前10天」) takes ``start``
    as the target and gives the latest instant by which to act, by the same rules mirrored:

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> move_in = datetime(2026, 11, 25, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> deadline(move_in, "10 days before")     # the end of 15 November
    datetime.datetime(2026, 11, 16, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    >>> deadline(move_in, "提前3小时")
    datetime.datetime(2026, 11, 25, 11, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(start, "start")
    if type(span) is not Span:
        span = span_of(span)
    if type(calendar) is not WorkCalendar:
        calendar = _calendar(calendar)
    c = calendar._compiled
    try:  # the forward rules inline: this is the hot path of every area's bulk runs
        if span.before:
            return _before(c, start, span)
        unit = span.unit
        if unit is SpanUnit.WORKING_DAYS:
            y = c.kth(c.count(start.astimezone(c.tz).toordinal()) + span.amount)
            return c.instant(y, c.close_us if c.uniform else c.close_of(y))  # due_of_last
        if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
            step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
            elapsed = timedelta(microseconds=span.amount * step)
            return (start.astimezone(UTC) + elapsed).astimezone(c.tz)
        if unit is SpanUnit.WORKING_HOURS or unit is SpanUnit.WORKING_MINUTES:
            if span.amount == 0:  # T-ZERO: counting starts at the next working moment
                return c.next_moment(start) or start.astimezone(c.tz)
            step = _US_PER_HOUR if unit is SpanUnit.WORKING_HOURS else _US_PER_MINUTE
            return c.after(start, span.amount * step)
        if unit is SpanUnit.IMMEDIATELY:
            return start.astimezone(c.tz)
        last = _last_day_x(c, start.astimezone(c.tz).toordinal() - 1, span)
        return c.instant(last + 1, 0)  # due_of_last, inline: the hot path
    except (OverflowError, ValueError):
        raise _out_of_range(start, span) from None


def _before(c: _Compiled, target: datetime, span: Span) -> datetime:
    """`T-BEFORE`: the latest instant by which to act, ``span`` before ``target``."""
    unit = span.unit
    if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
        step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
        elapsed = timedelta(microseconds=span.amount * step)
        return (target.astimezone(UTC) - elapsed).astimezone(c.tz)
    if span.is_working_time:
        if span.amount == 0:  # T-ZERO mirrored: the latest working moment at or before
            return c.previous_moment(target) or target.astimezone(c.tz)
        return c.at_latest(c.worked(target) - _working_us(span))
    x, _ = c.local(target)
    if unit is SpanUnit.WORKING_DAYS:
        y = c.kth(c.count(x) - span.amount + 1)
        return c.instant(y, c.close_of(y))  # due_of_last, inline
    return c.instant(_last_day_x(c, x, span) + 1, 0)  # due_of_last, inline


def last_day(start: datetime, span: Span | str, calendar: CalendarLike = "weekdays"
             ) -> date | None:
    """The last day of a day-based span (same day, days, working days, months), else None;
    for a span counted backwards (`T-BEFORE`), the latest day on which to act.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> jan_31 = datetime(2024, 1, 31, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> last_day(jan_31, "1 month")
    datetime.date(2024, 2, 29)
    """
    require_aware(start, "start")
    span = span_of(span)
    c = _calendar(calendar)._compiled
    try:
        last = last_x(c, c.local(start)[0], span)
        return None if last is None else _date(last)
    except (OverflowError, ValueError):
        raise _out_of_range(start, span) from None


def last_x(c: _Compiled, x: int, span: Span) -> int | None:
    """:func:`last_day` of a start on local day ``x``, as a day number (None: the span is
    not day-based); the arguments already checked."""
    unit = span.unit
    if unit is SpanUnit.SAME_DAY or unit is SpanUnit.DAYS or unit is SpanUnit.MONTHS:
        return _last_day_x(c, x, span)
    if unit is SpanUnit.WORKING_DAYS:
        if span.before:
            return c.kth(c.count(x) - span.amount + 1)
        return c.kth(c.count(x + 1) + span.amount)
    return None
