"""Work calendars: which days are working days, and which hours of them are working time.

A :class:`WorkCalendar` holds a time zone (default ``Asia/Shanghai``), the weekend weekdays
(default Saturday and Sunday), holiday dates (rest days), make-up working days (调休: weekend
dates that are working days), and optional working hours per working day (several periods,
e.g. 09:00-12:00 and 13:30-18:00). A calendar with no working hours treats a working day as
24 hours of working time. :meth:`WorkCalendar.always_open` is the 24/7 calendar of
round-the-clock duties (security, the duty desk).

>>> from datetime import date
>>> cal = WorkCalendar(
...     holidays=[date(2025, 1, 28), date(2025, 1, 29)],
...     makeup_working_days=[date(2025, 1, 26)],
...     working_hours=["09:00-12:00", "13:30-18:00"],
... )
>>> cal.is_working_day(date(2025, 1, 26))   # a Sunday, but a make-up working day
True
>>> cal.is_working_day(date(2025, 1, 28))   # a Tuesday holiday
False
>>> cal.nth_working_day_after(date(2025, 1, 24), 2)
datetime.date(2025, 1, 27)

Day arithmetic is O(1) in the length of the span: the calendar is compiled once (lazily, on
first use) into a closed form for the weekly pattern plus a prefix-count table over the range
of its exceptional dates.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz as dateutil_tz
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..errors import InputError

__all__ = ["Weekday", "WorkCalendar", "WorkingPeriod", "require_aware"]

DAY_US: Final = 86_400_000_000
_US_PER_S: Final = 1_000_000


class Weekday(StrEnum):
    """A day of the week, by name (JSON: ``"saturday"``); ``index`` is Monday = 0."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def number(self) -> int:
        """Monday = 0 ... Sunday = 6, as :meth:`datetime.date.weekday`."""
        return _WEEKDAY_INDEX[self]


_WEEKDAY_INDEX: Final = dict(zip(Weekday, range(7), strict=True))
_WEEKDAY_BY_NAME: Final = {
    **{w.value: w for w in Weekday},
    **{w.value[:3]: w for w in Weekday},
    **dict(zip("一二三四五六日", Weekday, strict=True)),
    "周日": Weekday.SUNDAY,
    "星期日": Weekday.SUNDAY,
    "星期天": Weekday.SUNDAY,
}


def _parse_weekday(value: Any) -> Any:
    if isinstance(value, Weekday) or not isinstance(value, str):
        if isinstance(value, int) and not isinstance(value, Weekday):
            raise ValueError(
                "a weekday is given by name ('saturday', 'sat', '六'), not by number, "
                "because numbering conventions differ"
            )
        return value
    key = value.strip().lower()
    for prefix in ("星期", "周"):
        if key.startswith(prefix) and key not in _WEEKDAY_BY_NAME:
            key = key[len(prefix) :]
    if key not in _WEEKDAY_BY_NAME:
        raise ValueError(f"unknown weekday {value!r}")
    return _WEEKDAY_BY_NAME[key]


WeekdayName = Annotated[Weekday, BeforeValidator(_parse_weekday)]


def _parse_clock(value: Any, field: str) -> time | None:
    """'HH:MM' or 'HH:MM:SS'; '24:00' (end of day) is returned as None."""
    if isinstance(value, time):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a time such as '09:00'")
    if value.strip() in {"24:00", "24:00:00"}:
        return None
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{field} must be a time such as '09:00', got {value!r}") from None


class WorkingPeriod(BaseModel):
    """One period of working time within a working day, ``start`` to ``end`` (local time).

    ``end`` may be ``"24:00"`` (the end of the day), stored as ``None``. The text form
    ``"09:00-12:00"`` is accepted wherever a period is expected.

    >>> WorkingPeriod.model_validate("13:30-18:00")
    WorkingPeriod(start=datetime.time(13, 30), end=datetime.time(18, 0))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: time
    end: time | None = Field(description="end of the period; null means 24:00")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            if "-" not in data:
                raise ValueError(f"a working period is written 'HH:MM-HH:MM', got {data!r}")
            start, end = data.split("-", 1)
            return {"start": _parse_clock(start, "start"), "end": _parse_clock(end, "end")}
        if isinstance(data, dict) and isinstance(data.get("end"), str):
            data = {**data, "end": _parse_clock(data["end"], "end")}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> WorkingPeriod:
        if self.start.tzinfo is not None or (self.end is not None and self.end.tzinfo is not None):
            raise ValueError("working hours are local times of the calendar's zone, without tzinfo")
        if self.end is not None and self.end <= self.start:
            raise ValueError(
                f"inverted or empty working period: end {self.end} is not after start {self.start}"
            )
        return self

    @property
    def start_us(self) -> int:
        """Start as microseconds after local midnight."""
        t = self.start
        return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_S + t.microsecond

    @property
    def end_us(self) -> int:
        """End as microseconds after local midnight (24:00 is 86 400 s)."""
        t = self.end
        if t is None:
            return DAY_US
        return ((t.hour * 60 + t.minute) * 60 + t.second) * _US_PER_S + t.microsecond

    def __str__(self) -> str:
        end = "24:00" if self.end is None else self.end.isoformat("minutes")
        return f"{self.start.isoformat('minutes')}-{end}"


def _zone(key: str) -> tzinfo:
    """The IANA zone; falls back on python-dateutil's bundled database if the system has none."""
    try:
        return ZoneInfo(key)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    zone = dateutil_tz.gettz(key) if (key and "/" in key) or key == "UTC" else None
    if zone is None:
        raise ValueError(f"unknown time zone {key!r} (an IANA name such as 'Asia/Shanghai')")
    return zone


def require_aware(value: datetime, field: str) -> datetime:
    """Return ``value`` if it is timezone-aware, else raise :class:`InputError` naming ``field``.

    >>> require_aware(datetime(2025, 1, 1), "start")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: start: must be timezone-aware; a naive datetime is ...
    """
    if not isinstance(value, datetime):
        raise InputError(field, "must be a timezone-aware datetime", value)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, "must be timezone-aware; a naive datetime is ambiguous", value)
    return value


class WorkCalendar(BaseModel):
    """Working days and working time of an office, in its local time zone."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "custom"
    timezone: str = "Asia/Shanghai"
    weekend: frozenset[WeekdayName] = frozenset({Weekday.SATURDAY, Weekday.SUNDAY})
    holidays: tuple[date, ...] = ()
    makeup_working_days: tuple[date, ...] = ()
    working_hours: tuple[WorkingPeriod, ...] = ()
    estimated: bool = Field(
        default=False,
        description="true when the holidays are an estimate, not an officially published schedule",
    )
    source: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        _zone(value)
        return value

    @field_validator("weekend")
    @classmethod
    def _some_working_weekday(cls, value: frozenset[Weekday]) -> frozenset[Weekday]:
        if len(value) == 7:
            raise ValueError("at least one weekday must be a working weekday")
        return value

    @field_validator("holidays", mode="after")
    @classmethod
    def _sorted_holidays(cls, value: tuple[date, ...]) -> tuple[date, ...]:
        return tuple(sorted(set(value)))

    @field_validator("makeup_working_days", mode="after")
    @classmethod
    def _valid_makeup(cls, value: tuple[date, ...], info: ValidationInfo) -> tuple[date, ...]:
        days = tuple(sorted(set(value)))
        holidays = set(info.data.get("holidays", ()))
        weekend = {w.number for w in info.data.get("weekend", ())}
        for d in days:
            if d in holidays:
                raise ValueError(f"{d.isoformat()} is both a holiday and a make-up working day")
            if weekend and d.weekday() not in weekend:
                raise ValueError(
                    f"{d.isoformat()} is a {d.strftime('%A')}, not a weekend day: "
                    "a make-up working day (调休) is a weekend date worked"
                )
        return days

    @field_validator("working_hours", mode="after")
    @classmethod
    def _no_overlap(cls, value: tuple[WorkingPeriod, ...]) -> tuple[WorkingPeriod, ...]:
        periods = tuple(sorted(value, key=lambda p: p.start_us))
        for a, b in itertools.pairwise(periods):
            if b.start_us < a.end_us:
                raise ValueError(f"working periods {a} and {b} overlap")
        return periods

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def always_open(cls, timezone: str = "Asia/Shanghai", name: str = "24/7") -> WorkCalendar:
        """The 24/7 calendar: every day a working day, all day working time.

        >>> WorkCalendar.always_open().is_working_day(date(2025, 10, 1))
        True
        """
        return cls(name=name, timezone=timezone, weekend=frozenset())

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False
                   ) -> WorkCalendar:
        """A copy; with ``update``, a new calendar validated like any other (so a changed
        calendar is checked and recompiled, never served from the original's cache)."""
        if update:
            return type(self).model_validate({**dict(self), **update})
        return super().model_copy(deep=deep)

    # -- compiled form ------------------------------------------------------------------

    @cached_property
    def _compiled(self) -> _Compiled:
        return _Compiled(self)

    @property
    def tz(self) -> tzinfo:
        """The calendar's time zone as a :class:`datetime.tzinfo`."""
        return self._compiled.tz

    @property
    def has_working_hours(self) -> bool:
        """True when working days have set working hours (else a working day is 24 h)."""
        return bool(self.working_hours)

    # -- days ---------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """True on a working day: a non-weekend non-holiday, or a make-up working day."""
        return self._compiled.is_working(_x(day))

    def is_rest_day(self, day: date) -> bool:
        """True on a weekend day that is not a make-up day, or on a holiday."""
        return not self._compiled.is_working(_x(day))

    def nth_working_day_after(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (``day`` itself not counted; n >= 1)."""
        if n < 1:
            raise InputError("n", "must be at least 1", n)
        c = self._compiled
        return _date(c.kth(c.count(_x(day) + 1) + n))

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        return self.nth_working_day_after(day, 1)

    def working_day_on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def count_working_days(self, start: date, end: date) -> int:
        """The number of working days in ``[start, end)`` (negative if ``end < start``).

        >>> WorkCalendar().count_working_days(date(2025, 1, 6), date(2025, 1, 13))
        5
        """
        c = self._compiled
        return c.count(_x(end)) - c.count(_x(start))

    def rest_days_between(self, start: date, end: date) -> tuple[date, ...]:
        """The rest days in ``[start, end)``, in order (for explanations; linear in the span)."""
        c = self._compiled
        return tuple(
            _date(x) for x in range(_x(start), _x(end)) if not c.is_working(x)
        )

    # -- instants -----------------------------------------------------------------------

    def local_date(self, instant: datetime) -> date:
        """The calendar's local date of an aware instant."""
        return require_aware(instant, "instant").astimezone(self.tz).date()

    def end_of_day(self, day: date) -> datetime:
        """24:00 of ``day`` in local time, i.e. the local midnight that starts the next day."""
        return self._compiled.instant(_x(day) + 1, 0)

    def close_of_business(self, day: date) -> datetime:
        """The end of the last working period of ``day`` (24:00 when there are no hours)."""
        c = self._compiled
        return c.instant(_x(day), c.close_us)

    def is_working_time(self, instant: datetime) -> bool:
        """True when ``instant`` lies inside a working period of a working day."""
        c = self._compiled
        x, us = c.local(require_aware(instant, "instant"))
        return c.is_working(x) and any(s <= us < e for s, e in c.periods)

    def next_working_moment(self, instant: datetime) -> datetime:
        """``instant`` if it is working time, else the start of the next working period.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
        >>> cal.next_working_moment(datetime(2025, 1, 3, 12, 15, tzinfo=ZoneInfo("Asia/Shanghai")))
        datetime.datetime(2025, 1, 3, 13, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        """
        c = self._compiled
        x, us = c.local(require_aware(instant, "instant"))
        if c.is_working(x):
            for s, e in c.periods:
                if us < e:
                    return instant if us >= s else c.instant(x, s)
        nxt = c.kth(c.count(x + 1) + 1)
        return c.instant(nxt, c.periods[0][0])

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end`` (negative if ``end`` is earlier).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> cal = WorkCalendar(working_hours=["10:00-18:00"])
        >>> friday_5pm = datetime(2025, 1, 3, 17, tzinfo=sh)
        >>> cal.working_time_between(friday_5pm, datetime(2025, 1, 6, 11, tzinfo=sh))
        datetime.timedelta(seconds=7200)
        """
        c = self._compiled
        a = c.worked(require_aware(start, "start"))
        b = c.worked(require_aware(end, "end"))
        return timedelta(microseconds=b - a)


# -- the compiled calendar --------------------------------------------------------------


def _x(day: date) -> int:
    """Day number with Monday 0001-01-01 = 0, so that ``x % 7`` is the weekday."""
    return day.toordinal() - 1


def _date(x: int) -> date:
    return date.fromordinal(x + 1)


class _Compiled:
    """Closed-form working-day counting for a :class:`WorkCalendar`.

    ``count(x)`` is the number of working days before day ``x``; ``kth(k)`` the day of the
    k-th working day (k >= 1): both O(log m) in the number m of exceptional dates and O(1)
    in the distance between dates.
    """

    __slots__ = (
        "c_hi",
        "c_lo",
        "close_us",
        "cum",
        "day_us",
        "exceptions",
        "hi",
        "lo",
        "offset_after",
        "periods",
        "prefix",
        "tz",
        "w",
        "weekly",
        "working_weekdays",
    )

    def __init__(self, cal: WorkCalendar) -> None:
        self.tz: tzinfo = _zone(cal.timezone)
        weekend = {w.number for w in cal.weekend}
        self.weekly: tuple[bool, ...] = tuple(i not in weekend for i in range(7))
        self.working_weekdays: tuple[int, ...] = tuple(i for i in range(7) if self.weekly[i])
        self.w: int = len(self.working_weekdays)
        prefix = [0]
        for i in range(7):
            prefix.append(prefix[-1] + self.weekly[i])
        self.prefix: tuple[int, ...] = tuple(prefix)
        exc: dict[int, bool] = {}
        for d in cal.holidays:
            if self.weekly[d.weekday()]:
                exc[_x(d)] = False
        for d in cal.makeup_working_days:
            if not self.weekly[d.weekday()]:
                exc[_x(d)] = True
        self.exceptions: dict[int, bool] = exc
        if exc:
            self.lo: int = min(exc)
            self.hi: int = max(exc) + 1
            cum = [0]
            for x in range(self.lo, self.hi):
                cum.append(cum[-1] + self.is_working(x))
            self.cum: list[int] = cum
            self.c_lo: int = self.regular(self.lo)
            self.c_hi: int = self.c_lo + cum[-1]
            self.offset_after: int = self.c_hi - self.regular(self.hi)
        else:
            self.lo = self.hi = 0
            self.cum = [0]
            self.c_lo = self.c_hi = self.offset_after = 0
        if cal.working_hours:
            self.periods: tuple[tuple[int, int], ...] = tuple(
                (p.start_us, p.end_us) for p in cal.working_hours
            )
        else:
            self.periods = ((0, DAY_US),)
        self.day_us: int = sum(e - s for s, e in self.periods)
        self.close_us: int = self.periods[-1][1]

    # days

    def is_working(self, x: int) -> bool:
        v = self.exceptions.get(x)
        return self.weekly[x % 7] if v is None else v

    def regular(self, x: int) -> int:
        """Working weekdays before day x, ignoring holidays and make-up days."""
        q, r = divmod(x, 7)
        return q * self.w + self.prefix[r]

    def count(self, x: int) -> int:
        """Working days before day x."""
        if not self.exceptions or x <= self.lo:
            return self.regular(x)
        if x >= self.hi:
            return self.regular(x) + self.offset_after
        return self.c_lo + self.cum[x - self.lo]

    def _kth_regular(self, k: int) -> int:
        q, r = divmod(k - 1, self.w)
        return q * 7 + self.working_weekdays[r]

    def kth(self, k: int) -> int:
        """The day of the k-th working day: the least x with count(x + 1) >= k."""
        if not self.exceptions or k <= self.c_lo:
            return self._kth_regular(k)
        if k > self.c_hi:
            return self._kth_regular(k - self.offset_after)
        return self.lo + bisect.bisect_left(self.cum, k - self.c_lo) - 1

    # instants

    def local(self, instant: datetime) -> tuple[int, int]:
        loc = instant.astimezone(self.tz)
        us = ((loc.hour * 60 + loc.minute) * 60 + loc.second) * _US_PER_S + loc.microsecond
        return loc.toordinal() - 1, us

    def instant(self, x: int, us: int) -> datetime:
        if us >= DAY_US:
            x, us = x + 1, us - DAY_US
        d = date.fromordinal(x + 1)
        s, micro = divmod(us, _US_PER_S)
        m, sec = divmod(s, 60)
        h, mi = divmod(m, 60)
        return datetime(d.year, d.month, d.day, h, mi, sec, micro, tzinfo=self.tz)

    def worked_in_day(self, us: int) -> int:
        """Working microseconds of a working day before local time ``us``."""
        total = 0
        for s, e in self.periods:
            if us <= s:
                break
            total += (us if us < e else e) - s
        return total

    def locate(self, offset: int) -> int:
        """The earliest local time of a working day at which ``offset`` (> 0) has been worked."""
        for s, e in self.periods:
            length = e - s
            if offset <= length:
                return s + offset
            offset -= length
        return self.close_us  # pragma: no cover - offset <= day_us by construction

    def locate_latest(self, offset: int) -> int:
        """The latest local time of a working day at which ``offset`` (0 <= offset < day_us)
        has been worked: a period's start rather than the previous period's end."""
        for s, e in self.periods:
            length = e - s
            if offset < length:
                return s + offset
            offset -= length
        return self.close_us  # pragma: no cover - offset < day_us by construction

    def at_earliest(self, worked: int) -> datetime:
        """The earliest instant at which ``worked`` (> 0) working microseconds have passed."""
        full, rest = divmod(worked, self.day_us)
        if rest == 0:
            return self.instant(self.kth(full), self.close_us)
        return self.instant(self.kth(full + 1), self.locate(rest))

    def at_latest(self, worked: int) -> datetime:
        """The latest instant at which exactly ``worked`` (>= 0) working microseconds have
        passed (the start of the next working period when that is a period's boundary)."""
        full, rest = divmod(worked, self.day_us)
        return self.instant(self.kth(full + 1), self.locate_latest(rest))

    def worked(self, instant: datetime) -> int:
        """Working microseconds from day 0 to ``instant`` (a monotone time coordinate)."""
        x, us = self.local(instant)
        base = self.count(x) * self.day_us
        return base + self.worked_in_day(us) if self.is_working(x) else base

