"""Hypothesis strategies for work calendars, spans and aware instants.

For users' own property-based tests (needs ``hypothesis``, the ``test`` extra)::

    from hypothesis import given
    from propmgmt_rules.strategies import aware_datetimes, spans, work_calendars

    @given(work_calendars(), aware_datetimes(), spans())
    def test_my_sla(cal, start, span): ...
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from .calendar import Weekday, WeekdayHours, WorkCalendar, WorkingPeriod
from .span import BACKWARD_UNITS, Span, SpanUnit

__all__ = ["aware_datetimes", "spans", "work_calendars", "working_periods"]

_ZONES = ("Asia/Shanghai", "UTC", "Asia/Tokyo", "Europe/Berlin", "America/New_York")


def aware_datetimes(
    min_value: datetime = datetime(2023, 1, 1),  # noqa: DTZ001 - naive bounds of local times
    max_value: datetime = datetime(2027, 12, 31),  # noqa: DTZ001
    zones: tuple[str, ...] = ("Asia/Shanghai",),
) -> st.SearchStrategy[datetime]:
    """Timezone-aware instants (local wall times in ``zones``, minute resolution)."""
    return st.builds(
        lambda dt, zone: dt.replace(second=0, microsecond=0, tzinfo=ZoneInfo(zone)),
        st.datetimes(min_value=min_value, max_value=max_value),
        st.sampled_from(zones),
    )


@st.composite
def working_periods(
    draw: st.DrawFn, max_periods: int = 3, min_periods: int = 0
) -> tuple[WorkingPeriod, ...]:
    """Sorted, non-overlapping working periods on quarter-hour boundaries (maybe none)."""
    n = draw(st.integers(min_periods, max_periods))
    marks = sorted(draw(st.lists(st.integers(0, 96), min_size=2 * n, max_size=2 * n, unique=True)))
    periods = []
    for i in range(n):
        a, b = marks[2 * i], marks[2 * i + 1]
        start = time(a // 4, (a % 4) * 15)
        end = None if b == 96 else time(b // 4, (b % 4) * 15)
        periods.append(WorkingPeriod(start=start, end=end))
    return tuple(periods)


@st.composite
def work_calendars(
    draw: st.DrawFn,
    first: date = date(2023, 1, 1),
    days: int = 5 * 366,
    zones: tuple[str, ...] = ("Asia/Shanghai",),
    max_exceptions: int = 40,
    varied_hours: bool = True,
) -> WorkCalendar:
    """Valid calendars: a weekend of 0-3 days, holidays and make-up days in
    ``[first, first + days)``, optional working hours; with ``varied_hours``, sometimes
    other hours on some weekdays (a Saturday half day) and on make-up working days."""
    weekend = draw(st.sets(st.sampled_from(list(Weekday)), max_size=3))
    weekend_numbers = {w.number for w in weekend}
    offsets = draw(st.lists(st.integers(0, days - 1), max_size=max_exceptions, unique=True))
    holidays: list[date] = []
    makeups: list[date] = []
    for off in offsets:
        d = first + timedelta(days=off)
        if d.weekday() in weekend_numbers and draw(st.booleans()):
            makeups.append(d)
        else:
            holidays.append(d)
    weekday_hours: list[WeekdayHours] = []
    makeup_hours: tuple[WorkingPeriod, ...] | None = None
    if varied_hours and draw(st.booleans()):
        working = [w for w in Weekday if w not in weekend]
        for w in draw(st.lists(st.sampled_from(working), max_size=3, unique=True)):
            hours = draw(working_periods(min_periods=1))
            weekday_hours.append(WeekdayHours(weekday=w, hours=hours))
        if draw(st.booleans()):
            makeup_hours = draw(working_periods(min_periods=1))
    return WorkCalendar(
        name="generated",
        timezone=draw(st.sampled_from(zones)),
        weekend=frozenset(weekend),
        holidays=tuple(holidays),
        makeup_working_days=tuple(makeups),
        working_hours=draw(working_periods()),
        weekday_hours=tuple(weekday_hours),
        makeup_working_hours=makeup_hours,
    )


def spans(
    units: tuple[SpanUnit, ...] = tuple(SpanUnit),
    max_amount: int = 60,
    before: bool | None = False,
) -> st.SearchStrategy[Span]:
    """Valid spans of the given units (amounts 0..max_amount where the unit allows; at least
    1 for working days and months, `T-ZERO`). ``before``: False for spans counted forwards
    (the default), True for spans counted backwards (`T-BEFORE`), None for either."""

    @st.composite
    def build(draw: st.DrawFn) -> Span:
        back = draw(st.booleans()) if before is None else before
        pool = tuple(u for u in units if u in BACKWARD_UNITS) if back else units
        if not pool:
            back, pool = False, units
        unit = draw(st.sampled_from(pool))
        if unit in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY):
            amount = 0
        else:
            low = 1 if unit in (SpanUnit.WORKING_DAYS, SpanUnit.MONTHS) else 0
            amount = draw(st.integers(low, max_amount))
        extend = (
            not back
            and unit in (SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS)
            and draw(st.booleans())
        )
        return Span(unit=unit, amount=amount, extend_over_rest_days=extend, before=back)

    return build()
