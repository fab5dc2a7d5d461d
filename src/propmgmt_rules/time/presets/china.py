"""China's official public holidays and make-up working days (调休), as published.

Data only, one table per year, each with the State Council General Office notice it comes
from. The tables are checked against python-holidays in the test suite
(``tests/time/test_china.py``). A year whose schedule has not been published is not here:
:func:`china_calendar` refuses it rather than guess (use
:func:`propmgmt_rules.time.holidays_adapter.calendar_from_holidays` with
``allow_estimated=True`` for an explicitly estimated calendar).

>>> cal = china_calendar([2025])
>>> from datetime import date
>>> cal.is_working_day(date(2025, 1, 26)), cal.is_working_day(date(2025, 1, 28))
(True, False)
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from ...errors import InputError
from ..calendar import WorkCalendar, WorkingPeriod

__all__ = ["OFFICIAL_YEARS", "ChinaHolidayYear", "china_calendar", "china_year"]


@dataclass(frozen=True, slots=True)
class ChinaHolidayYear:
    """One year's schedule: holiday ranges (Chinese name, English name, first, last day)
    and make-up working days, with the notice it was published in."""

    year: int
    reference: str
    holidays: tuple[tuple[str, str, date, date], ...]
    makeup_working_days: tuple[date, ...]

    def holiday_dates(self) -> tuple[date, ...]:
        days: list[date] = []
        for _zh, _en, first, last in self.holidays:
            d = first
            while d <= last:
                days.append(d)
                d += timedelta(days=1)
        return tuple(days)


_D = date

_TABLES: Final[dict[int, ChinaHolidayYear]] = {
    y.year: y
    for y in (
        ChinaHolidayYear(
            year=2024,
            reference=(
                "国务院办公厅关于2024年部分节假日安排的通知 "
                "https://www.gov.cn/gongbao/2023/issue_10806/202311/content_6913823.html"
            ),
            holidays=(
                ("元旦", "New Year's Day", _D(2024, 1, 1), _D(2024, 1, 1)),
                ("春节", "Spring Festival", _D(2024, 2, 10), _D(2024, 2, 17)),
                ("清明节", "Tomb-Sweeping Day", _D(2024, 4, 4), _D(2024, 4, 6)),
                ("劳动节", "Labour Day", _D(2024, 5, 1), _D(2024, 5, 5)),
                ("端午节", "Dragon Boat Festival", _D(2024, 6, 10), _D(2024, 6, 10)),
                ("中秋节", "Mid-Autumn Festival", _D(2024, 9, 15), _D(2024, 9, 17)),
                ("国庆节", "National Day", _D(2024, 10, 1), _D(2024, 10, 7)),
            ),
            makeup_working_days=(
                _D(2024, 2, 4), _D(2024, 2, 18), _D(2024, 4, 7), _D(2024, 4, 28),
                _D(2024, 5, 11), _D(2024, 9, 14), _D(2024, 9, 29), _D(2024, 10, 12),
            ),
        ),
        ChinaHolidayYear(
            year=2025,
            reference=(
                "国务院办公厅关于2025年部分节假日安排的通知 "
                "https://www.gov.cn/gongbao/2024/issue_11726/202411/content_6989767.html"
            ),
            holidays=(
                ("元旦", "New Year's Day", _D(2025, 1, 1), _D(2025, 1, 1)),
                ("春节", "Spring Festival", _D(2025, 1, 28), _D(2025, 2, 4)),
                ("清明节", "Tomb-Sweeping Day", _D(2025, 4, 4), _D(2025, 4, 6)),
                ("劳动节", "Labour Day", _D(2025, 5, 1), _D(2025, 5, 5)),
                ("端午节", "Dragon Boat Festival", _D(2025, 5, 31), _D(2025, 6, 2)),
                ("国庆节、中秋节", "National Day, Mid-Autumn Festival", _D(2025, 10, 1),
                 _D(2025, 10, 8)),
            ),
            makeup_working_days=(
                _D(2025, 1, 26), _D(2025, 2, 8), _D(2025, 4, 27), _D(2025, 9, 28),
                _D(2025, 10, 11),
            ),
        ),
        ChinaHolidayYear(
            year=2026,
            reference=(
                "国务院办公厅关于2026年部分节假日安排的通知 "
                "https://www.gov.cn/gongbao/2025/issue_12406/202511/content_7048922.html"
            ),
            holidays=(
                ("元旦", "New Year's Day", _D(2026, 1, 1), _D(2026, 1, 3)),
                ("春节", "Spring Festival", _D(2026, 2, 15), _D(2026, 2, 23)),
                ("清明节", "Tomb-Sweeping Day", _D(2026, 4, 4), _D(2026, 4, 6)),
                ("劳动节", "Labour Day", _D(2026, 5, 1), _D(2026, 5, 5)),
                ("端午节", "Dragon Boat Festival", _D(2026, 6, 19), _D(2026, 6, 21)),
                ("中秋节", "Mid-Autumn Festival", _D(2026, 9, 25), _D(2026, 9, 27)),
                ("国庆节", "National Day", _D(2026, 10, 1), _D(2026, 10, 7)),
            ),
            makeup_working_days=(
                _D(2026, 1, 4), _D(2026, 2, 14), _D(2026, 2, 28), _D(2026, 5, 9),
                _D(2026, 9, 20), _D(2026, 10, 10),
            ),
        ),
    )
}

OFFICIAL_YEARS: Final[tuple[int, ...]] = tuple(sorted(_TABLES))
"""The years whose official schedule this package carries."""


def china_year(year: int) -> ChinaHolidayYear:
    """One year's official table; an unpublished or unbundled year is an :class:`InputError`."""
    if year not in _TABLES:
        raise InputError(
            "years",
            f"no official holiday schedule of {year} is bundled (bundled: "
            f"{', '.join(map(str, OFFICIAL_YEARS))}); refusing to guess. Build the calendar "
            "from python-holidays with calendar_from_holidays(), which marks estimates",
            year,
        )
    return _TABLES[year]


_MAX_YEARS: Final = 200


def china_calendar(
    years: int | Iterable[int],
    *,
    working_hours: Iterable[WorkingPeriod | str] = (),
    timezone: str = "Asia/Shanghai",
    name: str | None = None,
) -> WorkCalendar:
    """The official work calendar of mainland China for ``years`` (one year or several;
    weekend Saturday, Sunday). Built once per set of arguments (a bounded memo of the
    immutable calendar).

    >>> china_calendar(2025) == china_calendar([2025])
    True
    """
    if isinstance(years, bool) or not isinstance(years, int | Iterable) or isinstance(
        years, str | bytes
    ):
        raise InputError("years", "must be a year or a list of years", type(years).__name__)
    wanted = [years] if isinstance(years, int) else list(itertools.islice(years, _MAX_YEARS + 1))
    if len(wanted) > _MAX_YEARS:
        raise InputError("years", f"at most {_MAX_YEARS} years")
    for y in wanted:  # refused as soon as seen: no long list is read to the end first
        if isinstance(y, bool) or not isinstance(y, int):
            raise InputError("years", "must be whole years such as 2025", y)
        china_year(y)
    if isinstance(working_hours, str):
        working_hours = (working_hours,)
    args = (tuple(sorted(set(wanted))), tuple(working_hours), timezone, name)
    try:
        return _china(*args)
    except TypeError:  # unhashable working hours (e.g. dicts): build without the memo
        return _china.__wrapped__(*args)


@functools.lru_cache(maxsize=32)
def _china(
    years: tuple[int, ...],
    working_hours: tuple[WorkingPeriod | str, ...],
    timezone: str,
    name: str | None,
) -> WorkCalendar:
    tables = [china_year(y) for y in years]
    if not tables:
        raise InputError("years", "must name at least one year")
    span = f"{tables[0].year}-{tables[-1].year}" if len(tables) > 1 else str(tables[0].year)
    return WorkCalendar.model_validate(
        {
            "name": name or f"China official {span}",
            "timezone": timezone,
            "holidays": [d for t in tables for d in t.holiday_dates()],
            "makeup_working_days": [d for t in tables for d in t.makeup_working_days],
            "working_hours": list(working_hours),
            "source": "; ".join(t.reference for t in tables),
        }
    )
