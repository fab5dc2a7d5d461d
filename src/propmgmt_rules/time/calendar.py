"""Work calendars: which days are working days, and which hours of them are working time.

A :class:`WorkCalendar` holds a time zone (an IANA name, default ``Asia/Shanghai``), the
weekend weekdays (default Saturday and Sunday), holiday dates (rest days), make-up working days
(调休: weekend dates that are working days), and optional working hours per working day
(several periods, e.g. 09:00-12:00 and 13:30-18:00), which may differ by weekday (a Saturday
half day, ``weekday_hours``) and on make-up working days (``makeup_working_hours``). A
calendar with no working hours treats a working day as 24 hours of working time.
:meth:`WorkCalendar.always_open` is the 24/7 calendar of round-the-clock duties (security, the
duty desk).

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

A Saturday half day:

>>> shop = WorkCalendar(weekend=["sunday"], working_hours=["09:00-18:00"],
...                     weekday_hours={"saturday": ["09:00-12:00"]})
>>> [str(p) for p in shop.working_periods_on(date(2025, 3, 8))]
['09:00-12:00']

Day and working-time arithmetic is O(1) in the length of the span: the calendar is compiled
once (lazily, on first use) into a closed form for the weekly pattern plus prefix tables over
the range of its exceptional dates.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Final, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .._memo import Memo
from ..errors import InputError
from ..limits import EARLIEST, LATEST, MAX_CALENDAR_YEARS
from ..policy import Policy

__all__ = [
    "DAY_US",
    "MAX_PERIODS_PER_DAY",
    "Periods",
    "Weekday",
    "WeekdayHours",
    "WeekdayName",
    "WorkCalendar",
    "WorkingPeriod",
    "locate",
    "locate_latest",
    "require_aware",
    "require_instant",
    "worked_in_day",
    "zone",
]

_T = TypeVar("_T")
DAY_US: Final = 86_400_000_000
_US_PER_S: Final = 1_000_000
MAX_PERIODS_PER_DAY: Final = 48
"""The most working periods one day may have."""


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
        raise ValueError(f"unknown weekday {value[:40]!r}")
    return _WEEKDAY_BY_NAME[key]


WeekdayName = Annotated[Weekday, BeforeValidator(_parse_weekday)]


def _parse_clock(value: Any, field: str) -> time | None:
    """'HH:MM' or 'HH:MM:SS'; '24:00' (end of day) is returned as None."""
    if isinstance(value, time):
        return value
    if not isinstance(value, str) or len(value) > 20:
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
            if "-" not in data or len(data) > 40:
                raise ValueError(f"a working period is written 'HH:MM-HH:MM', got {data[:40]!r}")
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


def _day_periods(value: tuple[WorkingPeriod, ...], what: str) -> tuple[WorkingPeriod, ...]:
    """One day's periods sorted, without overlaps, at most ``MAX_PERIODS_PER_DAY``."""
    if len(value) > MAX_PERIODS_PER_DAY:
        raise ValueError(f"{what}: at most {MAX_PERIODS_PER_DAY} working periods a day")
    periods = tuple(sorted(value, key=lambda p: p.start_us))
    for a, b in itertools.pairwise(periods):
        if b.start_us < a.end_us:
            raise ValueError(f"working periods {a} and {b} overlap")
    return periods


class WeekdayHours(BaseModel):
    """The working hours of one weekday when they differ from the calendar's (a Saturday half
    day). In a calendar's JSON, ``{"saturday": ["09:00-12:00"]}`` is accepted too."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weekday: WeekdayName
    hours: tuple[WorkingPeriod, ...]

    @field_validator("hours", mode="after")
    @classmethod
    def _some_hours(cls, value: tuple[WorkingPeriod, ...]) -> tuple[WorkingPeriod, ...]:
        if not value:
            raise ValueError(
                "a working weekday needs at least one working period (a day without working "
                "hours belongs in the weekend)"
            )
        return _day_periods(value, "hours")


# -- time zones ---------------------------------------------------------------------------
#
# Only IANA zone names are accepted. A key is checked by its form first (letters, digits and
# "_+-" in "/"-separated parts: no absolute path, no "..", no backslash, no NUL), then against
# the names of the zone database; only then is the zone loaded. So no input ever makes the
# library read a file of its choosing (tests/test_purity.py checks this).

_ZONE_KEY: Final = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z][A-Za-z0-9_+\-]*){0,3}")
_NOT_ZONES: Final = frozenset({"localtime", "posixrules", "Factory"})
_MAX_ZONE_KEY: Final = 64


@functools.lru_cache(maxsize=1)
def _database_zones() -> frozenset[str]:
    return frozenset(available_timezones()) - _NOT_ZONES


@functools.lru_cache(maxsize=1)
def _bundled_zones() -> Mapping[str, tzinfo]:
    """python-dateutil's bundled zone database, for systems without one."""
    from dateutil.zoneinfo import get_zonefile_instance

    return dict(get_zonefile_instance().zones)


_HASHABLE: dict[type, type] = {}


def _hashable(zone: tzinfo) -> tzinfo:
    """python-dateutil's zones are not hashable (zoneinfo's are): the same zone as a hashable
    object, so that calendars and policies using it can be cached."""
    cls = type(zone)
    if cls.__hash__ is not None:
        return zone
    sub = _HASHABLE.setdefault(cls, type(cls.__name__, (cls,), {"__hash__": object.__hash__}))
    clone: tzinfo = sub.__new__(sub)
    clone.__dict__.update(zone.__dict__)
    return clone


@functools.lru_cache(maxsize=256)
def zone(key: str) -> tzinfo:
    """The IANA time zone ``key`` ("Asia/Shanghai", "UTC"); anything else, including a file
    path, is a ``ValueError`` before any file is opened.

    >>> zone("Asia/Shanghai")
    zoneinfo.ZoneInfo(key='Asia/Shanghai')
    >>> zone("/etc/localtime")
    Traceback (most recent call last):
    ...
    ValueError: unknown time zone '/etc/localtime' (an IANA name such as 'Asia/Shanghai' or 'UTC')
    """
    unknown = ValueError(
        f"unknown time zone {key[:_MAX_ZONE_KEY]!r} (an IANA name such as 'Asia/Shanghai' or "
        "'UTC')"
    )
    if len(key) > _MAX_ZONE_KEY or not _ZONE_KEY.fullmatch(key) or key in _NOT_ZONES:
        raise unknown
    if key in _database_zones():
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError, OSError):  # pragma: no cover - broken db
            pass
    bundled = _bundled_zones().get(key)
    if bundled is None:
        raise unknown
    return _hashable(bundled)


def require_aware(value: datetime, field: str) -> datetime:
    """Return ``value`` if it is timezone-aware, else raise :class:`InputError` naming ``field``.

    >>> require_aware(datetime(2025, 1, 1), "start")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: start: must be timezone-aware; a naive datetime is ...
    """
    if not isinstance(value, datetime):
        raise InputError(field, "must be a timezone-aware datetime", type(value).__name__)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(field, "must be timezone-aware; a naive datetime is ambiguous", value)
    return value


def require_instant(value: datetime, field: str) -> datetime:
    """Return ``value`` if it is an instant of a fact: timezone-aware, in the years 1900 to
    2199 (``limits.EARLIEST`` to ``limits.LATEST``, as the models' ``limits.Instant``), else
    raise :class:`InputError` naming ``field``. Cheap on the bulk path: a year strictly inside
    the bounds needs no conversion to UTC (no offset can take it out).

    >>> from zoneinfo import ZoneInfo
    >>> require_instant(datetime(9999, 12, 31, tzinfo=ZoneInfo("UTC")), "as_of")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: as_of: must lie in the years 1900 to 2199 ...
    """
    if type(value) is datetime and 1900 < value.year < 2199:
        tz = value.tzinfo
        if tz is not None and tz.utcoffset(value) is not None:
            return value
    require_aware(value, field)
    try:
        within = EARLIEST <= value < LATEST
    except OverflowError:  # an offset that takes it beyond what a datetime holds
        within = False
    if not within:
        raise InputError(field, "must lie in the years 1900 to 2199", value.isoformat())
    return value


def _require_date(value: date, field: str) -> int:
    """The day number of a date argument (a datetime is refused: its day depends on a zone)."""
    if not isinstance(value, date) or isinstance(value, datetime):
        got = type(value).__name__
        hint = "; for an instant, use local_date(instant)" if isinstance(value, datetime) else ""
        raise InputError(field, f"must be a date{hint}", got)
    return value.toordinal() - 1


def _require_count(value: int, field: str, low: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(field, "must be a whole number", type(value).__name__)
    if value < low:
        raise InputError(field, f"must be at least {low}", value)
    return value


def _weekday_hours_input(value: Any) -> Any:
    if isinstance(value, Mapping):
        return [{"weekday": k, "hours": v} for k, v in value.items()]
    return value


class WorkCalendar(Policy):
    """Working days and working time of an office, in its local time zone: the time
    area's settings (a :class:`~propmgmt_rules.policy.Policy`; ``derive`` makes a variant).

    >>> office = WorkCalendar(name="office").derive(working_hours=["09:00-17:00"])
    >>> office.name, [str(p) for p in office.working_hours]
    ('office', ['09:00-17:00'])
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(default="custom", max_length=200)
    timezone: str = Field(default="Asia/Shanghai", description="an IANA time zone name")
    weekend: frozenset[WeekdayName] = frozenset({Weekday.SATURDAY, Weekday.SUNDAY})
    holidays: tuple[date, ...] = ()
    makeup_working_days: tuple[date, ...] = ()
    working_hours: tuple[WorkingPeriod, ...] = ()
    weekday_hours: Annotated[
        tuple[WeekdayHours, ...], BeforeValidator(_weekday_hours_input)
    ] = Field(
        default=(),
        description="working hours of the weekdays whose hours differ from working_hours "
        "(a Saturday half day); JSON: {\"saturday\": [\"09:00-12:00\"]}",
        exclude_if=lambda v: not v,
    )
    makeup_working_hours: tuple[WorkingPeriod, ...] | None = Field(
        default=None,
        description="working hours on make-up working days; null: those of working_hours",
        exclude_if=lambda v: v is None,
    )
    estimated: bool = Field(
        default=False,
        description="true when the holidays are an estimate, not an officially published schedule",
    )
    source: str | None = Field(default=None, max_length=10_000)

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone(value)
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
        return _day_periods(value, "working_hours")

    @field_validator("makeup_working_hours", mode="after")
    @classmethod
    def _makeup_hours(
        cls, value: tuple[WorkingPeriod, ...] | None
    ) -> tuple[WorkingPeriod, ...] | None:
        if value is None:
            return None
        if not value:
            raise ValueError(
                "a make-up working day needs at least one working period (null: the hours of "
                "working_hours)"
            )
        return _day_periods(value, "makeup_working_hours")

    @field_validator("weekday_hours", mode="after")
    @classmethod
    def _weekdays_once(cls, value: tuple[WeekdayHours, ...], info: ValidationInfo
                       ) -> tuple[WeekdayHours, ...]:
        weekend = info.data.get("weekend", frozenset())
        seen: set[Weekday] = set()
        for item in value:
            if item.weekday in seen:
                raise ValueError(f"{item.weekday.value} is given twice")
            if item.weekday in weekend:
                raise ValueError(
                    f"{item.weekday.value} is a weekend day, so its hours would never count; "
                    "remove it from weekend to make it a working weekday (hours of make-up "
                    "working days are makeup_working_hours)"
                )
            seen.add(item.weekday)
        return tuple(sorted(value, key=lambda item: item.weekday.number))

    @model_validator(mode="after")
    def _bounded_range(self) -> WorkCalendar:
        dates = (self.holidays[:1] + self.holidays[-1:] + self.makeup_working_days[:1]
                 + self.makeup_working_days[-1:])
        if dates and (max(dates) - min(dates)).days > MAX_CALENDAR_YEARS * 366:
            raise ValueError(
                f"holidays and makeup_working_days span more than {MAX_CALENDAR_YEARS} years "
                f"({min(dates).isoformat()} to {max(dates).isoformat()})"
            )
        return self

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
        return bool(self.working_hours or self.weekday_hours or self.makeup_working_hours)

    # -- days ---------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """True on a working day: a non-weekend non-holiday, or a make-up working day."""
        return self._compiled.is_working(_require_date(day, "day"))

    def is_rest_day(self, day: date) -> bool:
        """True on a weekend day that is not a make-up day, or on a holiday."""
        return not self._compiled.is_working(_require_date(day, "day"))

    def working_periods_on(self, day: date) -> tuple[WorkingPeriod, ...]:
        """The working periods of ``day`` (none on a rest day).

        >>> WorkCalendar().working_periods_on(date(2025, 3, 3))
        (WorkingPeriod(start=datetime.time(0, 0), end=None),)
        """
        x = _require_date(day, "day")
        c = self._compiled
        if not c.is_working(x):
            return ()
        return tuple(
            WorkingPeriod.model_construct(start=_clock(s), end=None if e == DAY_US else _clock(e))
            for s, e in c.periods_of(x)
        )

    def nth_working_day_after(self, day: date, n: int) -> date:
        """The n-th working day after ``day`` (``day`` itself not counted; n >= 1)."""
        x = _require_date(day, "day")
        _require_count(n, "n", 1)
        c = self._compiled
        return _in_range(lambda: _date(c.kth(c.count(x + 1) + n)), "n")

    def nth_working_day_before(self, day: date, n: int) -> date:
        """The n-th working day before ``day`` (``day`` itself not counted; n >= 1).

        >>> WorkCalendar().nth_working_day_before(date(2025, 3, 10), 1)   # Monday -> Friday
        datetime.date(2025, 3, 7)
        """
        x = _require_date(day, "day")
        _require_count(n, "n", 1)
        c = self._compiled
        return _in_range(lambda: _date(c.kth(c.count(x) - n + 1)), "n")

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        return self.nth_working_day_after(day, 1)

    def working_day_on_or_after(self, day: date) -> date:
        """``day`` if it is a working day, else the next working day."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def count_working_days(self, start: date, end: date) -> int:
        """The number of working days in ``[start, end)``: ``start`` counted, ``end`` not
        (negative if ``end < start``: ``count(a, b) == -count(b, a)``).

        >>> WorkCalendar().count_working_days(date(2025, 1, 6), date(2025, 1, 13))
        5
        """
        c = self._compiled
        return c.count(_require_date(end, "end")) - c.count(_require_date(start, "start"))

    def rest_days_between(self, start: date, end: date) -> tuple[date, ...]:
        """The rest days in ``[start, end)``, in order (for explanations; linear in the span)."""
        return self._compiled.rest_days(_require_date(start, "start"),
                                        _require_date(end, "end"))

    # -- instants -----------------------------------------------------------------------

    def local_date(self, instant: datetime) -> date:
        """The calendar's local date of an aware instant."""
        aware = require_aware(instant, "instant")
        return _in_range(lambda: aware.astimezone(self.tz).date(), "instant")

    def end_of_day(self, day: date) -> datetime:
        """24:00 of ``day`` in local time, i.e. the local midnight that starts the next day."""
        x = _require_date(day, "day")
        return _in_range(lambda: self._compiled.instant(x + 1, 0), "day")

    def close_of_business(self, day: date) -> datetime:
        """The end of the last working period of ``day`` (24:00 when there are no hours)."""
        x = _require_date(day, "day")
        c = self._compiled
        return _in_range(lambda: c.instant(x, c.close_of(x)), "day")

    def is_working_time(self, instant: datetime) -> bool:
        """True when ``instant`` lies inside a working period of a working day (a period's
        start included, its end not)."""
        c = self._compiled
        aware = require_aware(instant, "instant")
        x, us = _in_range(lambda: c.local(aware), "instant")
        return c.is_working(x) and any(s <= us < e for s, e in c.periods_of(x))

    def next_working_moment(self, instant: datetime) -> datetime:
        """``instant`` if it is working time, else the start of the next working period.

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
        >>> cal.next_working_moment(datetime(2025, 1, 3, 12, 15, tzinfo=ZoneInfo("Asia/Shanghai")))
        datetime.datetime(2025, 1, 3, 13, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        """
        aware = require_aware(instant, "instant")
        moment = _in_range(lambda: self._compiled.next_moment(aware), "instant")
        return aware if moment is None else moment

    def previous_working_moment(self, instant: datetime) -> datetime:
        """``instant`` if it is working time or the end of a working period, else the end of
        the previous working period (where `T-BEFORE` counts working time back from).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
        >>> cal.previous_working_moment(datetime(2025, 1, 4, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
        datetime.datetime(2025, 1, 3, 18, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
        """
        aware = require_aware(instant, "instant")
        moment = _in_range(lambda: self._compiled.previous_moment(aware), "instant")
        return aware if moment is None else moment

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from ``start`` to ``end``: the working time of the half-open interval
        ``[start, end)``, negative if ``end`` is earlier (``between(a, b) == -between(b, a)``).

        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> sh = ZoneInfo("Asia/Shanghai")
        >>> cal = WorkCalendar(working_hours=["10:00-18:00"])
        >>> friday_5pm = datetime(2025, 1, 3, 17, tzinfo=sh)
        >>> cal.working_time_between(friday_5pm, datetime(2025, 1, 6, 11, tzinfo=sh))
        datetime.timedelta(seconds=7200)
        """
        c = self._compiled
        a_at = require_aware(start, "start")
        b_at = require_aware(end, "end")
        a = _in_range(lambda: c.worked(a_at), "start")
        b = _in_range(lambda: c.worked(b_at), "end")
        return timedelta(microseconds=b - a)


def _in_range(compute: Callable[[], _T], field: str) -> _T:
    """``compute()``, with a result outside the years 1-9999 as an :class:`InputError`."""
    try:
        return compute()
    except InputError:
        raise
    except (OverflowError, ValueError):
        raise InputError(field, "the result falls outside the years 1-9999") from None


# -- the compiled calendar --------------------------------------------------------------


def _x(day: date) -> int:
    """Day number with Monday 0001-01-01 = 0, so that ``x % 7`` is the weekday."""
    return day.toordinal() - 1


def _date(x: int) -> date:
    return date.fromordinal(x + 1)


def _clock(us: int) -> time:
    s, micro = divmod(us, _US_PER_S)
    m, sec = divmod(s, 60)
    h, mi = divmod(m, 60)
    return time(h, mi, sec, micro)


Periods = tuple[tuple[int, int], ...]


def _periods(hours: tuple[WorkingPeriod, ...]) -> Periods:
    return tuple((p.start_us, p.end_us) for p in hours) if hours else ((0, DAY_US),)


def _length(periods: Periods) -> int:
    return sum(e - s for s, e in periods)


def worked_in_day(periods: Periods, us: int) -> int:
    """Working microseconds of a working day with ``periods`` before local time ``us``."""
    total = 0
    for s, e in periods:
        if us <= s:
            break
        total += (us if us < e else e) - s
    return total


def locate(periods: Periods, offset: int) -> int:
    """The earliest local time of a working day at which ``offset`` (0 < offset <= the day's
    working time) has been worked: a deadline at the end of a period stays there."""
    for s, e in periods:
        length = e - s
        if offset <= length:
            return s + offset
        offset -= length
    return periods[-1][1]  # pragma: no cover - offset <= the day's length by construction


def locate_latest(periods: Periods, offset: int) -> int:
    """The latest local time of a working day at which exactly ``offset`` (0 <= offset < the
    day's working time) has been worked: a period's start rather than the previous period's
    end (`T-BEFORE`)."""
    for s, e in periods:
        length = e - s
        if offset < length:
            return s + offset
        offset -= length
    return periods[-1][1]  # pragma: no cover - offset < the day's length by construction


class _TimePrefix:
    """Working time before day x for a calendar whose working days differ in length: the
    weekly pattern in closed form plus a prefix table over its exceptional dates."""

    __slots__ = ("c_hi", "c_lo", "cum", "has_exc", "hi", "lo", "off", "pre", "week")

    def __init__(self, weekly: tuple[int, ...], exc: dict[int, int], lo: int, hi: int) -> None:
        pre = [0]
        for length in weekly:
            pre.append(pre[-1] + length)
        self.pre: tuple[int, ...] = tuple(pre)
        self.week: int = pre[7]
        self.has_exc = bool(exc)
        self.lo, self.hi = lo, hi
        cum = [0]
        if exc:
            for x in range(lo, hi):
                special = exc.get(x)
                cum.append(cum[-1] + (weekly[x % 7] if special is None else special))
        self.cum: list[int] = cum
        self.c_lo: int = self.regular(lo) if exc else 0
        self.c_hi: int = self.c_lo + cum[-1]
        self.off: int = self.c_hi - self.regular(hi) if exc else 0

    def regular(self, x: int) -> int:
        q, r = divmod(x, 7)
        return q * self.week + self.pre[r]

    def total(self, x: int) -> int:
        """Working microseconds before day x."""
        if not self.has_exc or x <= self.lo:
            return self.regular(x)
        if x >= self.hi:
            return self.regular(x) + self.off
        return self.c_lo + self.cum[x - self.lo]

    def _find_regular(self, k: int) -> int:
        q, r = divmod(k - 1, self.week)
        return 7 * q + bisect.bisect_right(self.pre, r) - 1

    def find(self, k: int) -> int:
        """The day on which the k-th working microsecond (k >= 1) is worked: the least x with
        total(x + 1) >= k."""
        if not self.has_exc or k <= self.c_lo:
            return self._find_regular(k)
        if k > self.c_hi:
            return self._find_regular(k - self.off)
        return self.lo + bisect.bisect_left(self.cum, k - self.c_lo) - 1


class _Compiled:
    """Closed-form working-day and working-time counting for a :class:`WorkCalendar`.

    ``count(x)`` is the number of working days before day ``x``; ``kth(k)`` the day of the
    k-th working day (k >= 1): both O(log m) in the number m of exceptional dates and O(1)
    in the distance between dates. ``before_us(x)`` is the working time before day ``x`` and
    ``day_at_us(k)`` its inverse. A calendar whose working days all have the same hours
    (``uniform``) counts working time as working days times the day's length.
    """

    __slots__ = (
        "by_weekday",
        "c_hi",
        "c_lo",
        "close_us",
        "cum",
        "day_us",
        "exceptions",
        "hi",
        "lo",
        "makeup_periods",
        "offset_after",
        "periods",
        "prefix",
        "time_prefix",
        "tz",
        "uniform",
        "w",
        "weekly",
        "working_weekdays",
    )

    def __init__(self, cal: WorkCalendar) -> None:
        self.tz: tzinfo = zone(cal.timezone)
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
        # working hours: the regular day, each weekday, make-up days
        self.periods: Periods = _periods(cal.working_hours)
        self.day_us: int = _length(self.periods)
        self.close_us: int = self.periods[-1][1]
        by_weekday = [self.periods] * 7
        for item in cal.weekday_hours:
            by_weekday[item.weekday.number] = _periods(item.hours)
        self.by_weekday: tuple[Periods, ...] = tuple(by_weekday)
        self.makeup_periods: Periods = (
            self.periods if cal.makeup_working_hours is None
            else _periods(cal.makeup_working_hours)
        )
        self.uniform: bool = all(p == self.periods for p in self.by_weekday) and (
            self.makeup_periods == self.periods
        )
        self.time_prefix: _TimePrefix | None = None
        if not self.uniform:
            weekly_us = tuple(
                _length(self.by_weekday[i]) if self.weekly[i] else 0 for i in range(7)
            )
            makeup_us = _length(self.makeup_periods)
            self.time_prefix = _TimePrefix(
                weekly_us, {x: makeup_us if v else 0 for x, v in exc.items()}, self.lo, self.hi
            )

    # days

    def rest_days(self, lo: int, hi: int) -> tuple[date, ...]:
        """The rest days of the days ``lo`` to ``hi`` (excluded), in order."""
        weekly, exceptions, day = self.weekly, self.exceptions, date.fromordinal
        return tuple([day(x + 1) for x in range(lo, hi) if not exceptions.get(x, weekly[x % 7])])

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
        if k < 1:
            raise ValueError("before the first working day of the calendar")
        if not self.exceptions or k <= self.c_lo:
            return self._kth_regular(k)
        if k > self.c_hi:
            return self._kth_regular(k - self.offset_after)
        return self.lo + bisect.bisect_left(self.cum, k - self.c_lo) - 1

    # working hours of a day

    def periods_of(self, x: int) -> Periods:
        """The working periods of working day x (its weekday's, or a make-up day's)."""
        if self.uniform:
            return self.periods
        if self.exceptions.get(x):
            return self.makeup_periods
        return self.by_weekday[x % 7]

    def close_of(self, x: int) -> int:
        """The end of the last working period of day x (every day's ``close_us`` on a
        uniform calendar)."""
        return self.close_us if self.uniform else self.periods_of(x)[-1][1]

    # working time as a monotone coordinate: microseconds worked since day 0

    def before_us(self, x: int) -> int:
        """Working microseconds before day x."""
        if self.time_prefix is None:
            return self.count(x) * self.day_us
        return self.time_prefix.total(x)

    def day_at_us(self, k: int) -> int:
        """The day on which the k-th working microsecond (k >= 1) is worked."""
        if k < 1:
            raise ValueError("before the first working day of the calendar")
        if self.time_prefix is None:
            return self.kth(-(-k // self.day_us))
        return self.time_prefix.find(k)

    def worked(self, instant: datetime) -> int:
        """Working microseconds from day 0 to ``instant`` (a monotone time coordinate)."""
        x, us = self.local(instant)
        base = self.before_us(x)
        return base + worked_in_day(self.periods_of(x), us) if self.is_working(x) else base

    def at_earliest(self, worked: int) -> datetime:
        """The earliest instant at which ``worked`` (> 0) working microseconds have passed:
        a deadline at the end of a working period stays there (`T-WORKING-HOURS`)."""
        if self.time_prefix is None:
            full, rest = divmod(worked, self.day_us)
            if rest == 0:
                return self.instant(self.kth(full), self.close_us)
            return self.instant(self.kth(full + 1), locate(self.periods, rest))
        x = self.day_at_us(worked)
        return self.instant(x, locate(self.periods_of(x), worked - self.before_us(x)))

    def at_latest(self, worked: int) -> datetime:
        """The latest instant at which exactly ``worked`` (>= 0) working microseconds have
        passed: the start of the next working period when that is a boundary (`T-BEFORE`)."""
        if self.time_prefix is None:
            full, rest = divmod(worked, self.day_us)
            return self.instant(self.kth(full + 1), locate_latest(self.periods, rest))
        x = self.day_at_us(worked + 1)
        return self.instant(x, locate_latest(self.periods_of(x), worked - self.before_us(x)))

    def after(self, instant: datetime, n_us: int) -> datetime:
        """``at_earliest(worked(instant) + n_us)`` (n_us > 0), with the common cases short."""
        loc = instant.astimezone(self.tz)
        x = loc.toordinal() - 1
        if self.time_prefix is None:
            periods, day = self.periods, self.day_us
            if self.is_working(x):
                us = ((loc.hour * 60 + loc.minute) * 60 + loc.second) * _US_PER_S + loc.microsecond
                done = worked_in_day(periods, us) + n_us
                if done <= day:  # the same day
                    return self.instant(x, locate(periods, done))
                full, rest = divmod(done, day)
                k = self.count(x) + full
            else:
                full, rest = divmod(n_us, day)
                k = self.count(x + 1) + full
            if rest == 0:
                return self.instant(self.kth(k), self.close_us)
            return self.instant(self.kth(k + 1), locate(periods, rest))
        return self.at_earliest(self.worked(instant) + n_us)

    def next_moment(self, instant: datetime) -> datetime | None:
        """The start of the next working period, or None when ``instant`` is working time."""
        x, us = self.local(instant)
        if self.is_working(x):
            for s, e in self.periods_of(x):
                if us < e:
                    return None if us >= s else self.instant(x, s)
        y = self.kth(self.count(x + 1) + 1)
        return self.instant(y, self.periods_of(y)[0][0])

    def previous_moment(self, instant: datetime) -> datetime | None:
        """The end of the previous working period, or None when ``instant`` is working time
        or the end of a working period."""
        x, us = self.local(instant)
        if self.is_working(x) and any(s <= us <= e for s, e in self.periods_of(x)):
            return None
        return self.at_earliest(self.worked(instant))

    # instants

    def local(self, instant: datetime) -> tuple[int, int]:
        loc = instant.astimezone(self.tz)
        us = ((loc.hour * 60 + loc.minute) * 60 + loc.second) * _US_PER_S + loc.microsecond
        return loc.toordinal() - 1, us

    def instant(self, x: int, us: int) -> datetime:
        """The instant at ``us`` microseconds into local day ``x`` (day ``x + 1`` from
        ``DAY_US``), in the zone: ``datetime.combine`` of the day and its time of day, the
        time kept per ``us`` (a calendar's instants fall at a few times of day)."""
        if us >= DAY_US:
            x, us = x + 1, us - DAY_US
        at = _TIMES.get(us)
        if at is None:
            at = _TIMES.put(us, _clock(us))
        return _combine(date.fromordinal(x + 1), at, self.tz)  # tzinfo by position


_combine: Final = datetime.combine
_TIMES: Final[Memo[int, time]] = Memo(4096)
"""Times of day by their microseconds (deadlines fall at a few times of day)."""
