"""Working time directly: the instant a duration of working time after or before another
(`T-WORKING-HOURS`, `T-BEFORE`), in O(1) on the compiled calendar.

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
>>> friday_5pm = datetime(2025, 1, 3, 17, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> after_working_time(friday_5pm, timedelta(minutes=90), calendar=cal)
datetime.datetime(2025, 1, 6, 9, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ..errors import InputError
from .calendar import WorkCalendar, require_aware
from .models import CalendarLike
from .presets import resolve_calendar

__all__ = ["after_working_time", "before_working_time"]


def _duration_us(duration: timedelta) -> int:
    if not isinstance(duration, timedelta):
        raise InputError("duration", "must be a timedelta", type(duration).__name__)
    if duration < timedelta(0):
        raise InputError("duration", "must not be negative", duration)
    return duration // timedelta(microseconds=1)


def after_working_time(
    start: datetime, duration: timedelta, calendar: CalendarLike = "weekdays"
) -> datetime:
    """The earliest instant by which ``duration`` of the calendar's working time has passed
    since ``start`` (the inverse of :meth:`WorkCalendar.working_time_between`), in O(1).

    Used to move a working-time deadline by a pause measured in working time. A deadline that
    falls exactly at the end of a working period stays there, as in `T-WORKING-HOURS`; a zero
    duration is ``start`` itself (unlike the span "0 working hours", `T-ZERO`, which is the
    next working moment).
    """
    require_aware(start, "start")
    n_us = _duration_us(duration)
    cal = calendar if type(calendar) is WorkCalendar else resolve_calendar(calendar)
    c = cal._compiled
    try:
        return c.after(start, n_us) if n_us else start.astimezone(c.tz)
    except (OverflowError, ValueError):
        field = "duration" if n_us else "start"
        raise InputError(field, "the result falls outside the years 1-9999") from None


def before_working_time(
    target: datetime, duration: timedelta, calendar: CalendarLike = "weekdays"
) -> datetime:
    """The latest instant from which ``duration`` of the calendar's working time passes by
    ``target`` (`T-BEFORE` for working time), in O(1): a latest instant exactly at the start
    of a working period stays there. A zero duration is ``target`` itself.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    >>> monday_10am = datetime(2025, 1, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> before_working_time(monday_10am, timedelta(minutes=90), calendar=cal)
    datetime.datetime(2025, 1, 3, 17, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(target, "target")
    n_us = _duration_us(duration)
    cal = calendar if type(calendar) is WorkCalendar else resolve_calendar(calendar)
    c = cal._compiled
    try:
        return c.at_latest(c.worked(target) - n_us) if n_us else target.astimezone(c.tz)
    except (OverflowError, ValueError):
        field = "duration" if n_us else "target"
        raise InputError(field, "the result falls outside the years 1-9999") from None
