"""Work calendars from python-holidays (the optional ``holidays`` extra).

``pip install 'propmgmt-rules[holidays]'``. python-holidays computes holidays for any year,
but for China it only knows the official schedule (the State Council's yearly notice, with
its make-up working days) for the years it has data for; for later years it silently
estimates the holidays from the lunar calendar and knows no make-up days. This adapter never
passes such a guess off as the official schedule: it refuses estimated years, or, with
``allow_estimated=True``, returns a calendar marked ``estimated=True`` (every explanation
made on it says so).

>>> cal = calendar_from_holidays("CN", [2025])              # doctest: +SKIP
>>> cal.is_working_day(date(2025, 2, 8))                      # doctest: +SKIP
True
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from ..errors import InputError
from .calendar import Weekday, WorkCalendar, WorkingPeriod

__all__ = ["calendar_from_holidays", "official_years"]

_WEEKDAYS = tuple(Weekday)


def _module() -> Any:
    try:
        import holidays
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ImportError(
            "calendar_from_holidays needs python-holidays: pip install 'propmgmt-rules[holidays]'"
        ) from exc
    return holidays


def official_years(country: str = "CN") -> frozenset[int]:
    """The years for which the installed python-holidays carries the official schedule.

    Known only for China (``CN``): the years of its per-year State Council tables. For other
    countries python-holidays does not say, and the empty set is returned.
    """
    if country.upper() not in {"CN", "CHN", "CHINA"}:
        return frozenset()
    _module()
    from holidays.countries.china import ChinaStaticHolidays

    return frozenset(int(y) for y in getattr(ChinaStaticHolidays, "special_public_holidays", {}))


def calendar_from_holidays(
    country: str,
    years: Iterable[int],
    *,
    allow_estimated: bool = False,
    working_hours: Iterable[WorkingPeriod | str] = (),
    timezone: str = "Asia/Shanghai",
    subdiv: str | None = None,
) -> WorkCalendar:
    """A :class:`WorkCalendar` from python-holidays' calendar of ``country`` for ``years``.

    The weekend, the holidays and the weekend make-up working days come from python-holidays.
    Years whose official schedule python-holidays does not carry are refused with an
    :class:`InputError` naming them, unless ``allow_estimated`` is set, in which case the
    calendar is marked ``estimated``.
    """
    hol = _module()
    wanted = sorted(set(years))
    if not wanted:
        raise InputError("years", "must name at least one year")
    official = official_years(country)
    guessed = [y for y in wanted if y not in official]
    if guessed and not allow_estimated:
        known = f"{min(official)}-{max(official)}" if official else "none known"
        raise InputError(
            "years",
            f"python-holidays {hol.__version__} has no official {country} schedule for "
            f"{', '.join(map(str, guessed))} (official years: {known}); its dates would be an "
            "estimate. Pass allow_estimated=True to get a calendar marked estimated",
            guessed,
        )
    calendar = hol.country_holidays(country, subdiv=subdiv, years=wanted)
    days: list[date] = sorted(d for d in calendar if d.year in wanted)
    weekend = frozenset(_WEEKDAYS[i] for i in getattr(calendar, "weekend", {5, 6}))
    makeup = sorted(
        d for d in getattr(calendar, "weekend_workdays", set()) if d.year in wanted
    )
    label = ", ".join(map(str, wanted))
    return WorkCalendar.model_validate(
        {
            "name": f"{country} {label}" + (" (estimated)" if guessed else ""),
            "timezone": timezone,
            "weekend": weekend,
            "holidays": days,
            "makeup_working_days": makeup,
            "working_hours": list(working_hours),
            "estimated": bool(guessed),
            "source": f"python-holidays {hol.__version__}",
        }
    )
