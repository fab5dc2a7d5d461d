"""How explanations write days and instants, in English and Chinese.

A deadline at the end of a day is the instant of the next day's midnight (`T-SAME-DAY`,
`T-DAYS`): the JSON keeps that instant, but a service desk reads "2026-11-26 00:00" as the
wrong day, so explanations write it as the end of the day it closes: "Wed 25 Nov 24:00",
「11月25日(周三)24:00」. Every other instant is written with its local time of day.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> t = instant_text(datetime(2026, 11, 26, 0, 0, tzinfo=sh))
>>> t.en, t.zh
('Wed 25 Nov 24:00', '11月25日(周三)24:00')
>>> t = instant_text(datetime(2026, 11, 25, 14, 30, tzinfo=sh), year=True)
>>> t.en, t.zh
('Wed 25 Nov 2026 14:30', '2026年11月25日(周三)14:30')
>>> day_text(datetime(2026, 12, 5, tzinfo=sh).date()).en
'Sat 5 Dec'
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, tzinfo
from typing import Final

from .._memo import Memo
from ..decision import Text

__all__ = ["CLOCK", "day_text", "instant_text", "is_end_of_day", "time_text"]

_EN_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ZH_WEEKDAYS = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_text(day: date, *, year: bool = False) -> Text:
    """A day as "Sat 5 Dec" / 「12月5日(周六)」 (with the year when ``year``)."""
    return Text(*_day(day, year))


@functools.lru_cache(maxsize=4096)
def _day(day: date, year: bool) -> tuple[str, str]:
    """A day's text in both languages (kept per day: the explanations of a batch name a few
    hundred days)."""
    weekday = day.weekday()
    en = f"{_EN_WEEKDAYS[weekday]} {day.day} {_EN_MONTHS[day.month - 1]}"
    zh = f"{day.month}月{day.day}日({_ZH_WEEKDAYS[weekday]})"
    if year:
        return f"{en} {day.year}", f"{day.year}年{zh}"
    return en, zh


def time_text(at: time) -> str:
    """A time of day as "14:30" (with seconds when there are any: "14:30:05")."""
    if at.second or at.microsecond:
        return f"{at.hour:02d}:{at.minute:02d}:{at.second:02d}"
    return f"{at.hour:02d}:{at.minute:02d}"


def is_end_of_day(at: datetime, zone: tzinfo | None = None) -> bool:
    """Whether ``at`` is a local midnight: the end (24:00) of the day before."""
    local = at.astimezone(zone) if zone is not None else at
    return local.time() == time(0, 0)


def instant_text(at: datetime, zone: tzinfo | None = None, *, year: bool = False) -> Text:
    """An instant in ``zone`` (default: its own) as "Wed 25 Nov 14:30" / 「11月25日(周三)14:30」;
    a local midnight is the end of the day before: "Wed 25 Nov 24:00"."""
    local = at.astimezone(zone) if zone is not None else at
    x = local.toordinal()  # the day, as its number: the key of its words
    if local.second or local.microsecond:
        clock = f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    else:
        clock = CLOCK[local.hour * 60 + local.minute]
        if x > 1 and clock == "00:00":  # a local midnight: the end of the day before
            x -= 1
            clock = "24:00"
    words = (_WITH_YEAR if year else _WORDS).get(x)
    if words is None:
        words = _words(x, year)
    en, zh = words
    return Text(en + clock, zh + clock)


_WORDS: Final[Memo[int, tuple[str, str]]] = Memo(4096)
_WITH_YEAR: Final[Memo[int, tuple[str, str]]] = Memo(4096)
"""A day's words (:func:`_day`) as an instant's text begins, by the day's ordinal, without
and with the year (the explanations of a batch name a few hundred days)."""


def _words(x: int, year: bool) -> tuple[str, str]:
    en, zh = _day(date.fromordinal(x), year)
    return (_WITH_YEAR if year else _WORDS).put(x, (f"{en} ", zh))


CLOCK: Final = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))
"""Every minute of a day as instants write it, ``CLOCK[hour * 60 + minute]`` ("14:30"):
written once, for every explanation that writes an instant."""
