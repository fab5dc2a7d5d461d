"""Calendar presets: the calendars a case file or a policy may name instead of spelling out.

>>> resolve_calendar("china-2025@09:00-18:00").working_hours[0].end
datetime.time(18, 0)
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator

from ..errors import InputError
from .calendar import WorkCalendar
from .china import OFFICIAL_YEARS, china_calendar

__all__ = ["CALENDAR_PRESETS", "CalendarRef", "resolve_calendar"]

CALENDAR_PRESETS: dict[str, str] = {
    "weekdays": "Monday to Friday, no holidays, no working hours (Asia/Shanghai)",
    "24/7": "every day, all day (round-the-clock duties)",
    "china-official": "mainland China's official calendar for every bundled year "
    f"({', '.join(map(str, OFFICIAL_YEARS))})",
    "china-YYYY": "mainland China's official calendar for one bundled year, e.g. china-2025",
}


def resolve_calendar(ref: WorkCalendar | str) -> WorkCalendar:
    """A calendar, or a preset by name: ``weekdays``, ``24/7``, ``china-official``,
    ``china-2025`` (any bundled year), each optionally followed by working hours after
    ``@``: ``china-official@09:00-12:00,13:30-18:00``.

    >>> resolve_calendar("china-2025@09:00-18:00").working_hours[0].end
    datetime.time(18, 0)
    """
    if isinstance(ref, WorkCalendar):
        return ref
    name, _, hours_text = ref.partition("@")
    hours = [h.strip() for h in hours_text.split(",") if h.strip()]
    key = name.strip().lower()
    if key == "weekdays":
        return WorkCalendar(name="weekdays", working_hours=hours)  # type: ignore[arg-type]
    if key in {"24/7", "always-open"}:
        return WorkCalendar(name="24/7", weekend=frozenset(), working_hours=hours)  # type: ignore[arg-type]
    if key == "china-official":
        return china_calendar(OFFICIAL_YEARS, working_hours=hours)
    if key.startswith("china-") and key[6:].isdigit():
        return china_calendar([int(key[6:])], working_hours=hours)
    raise InputError(
        "calendar", f"unknown calendar preset; known: {', '.join(CALENDAR_PRESETS)}", ref
    )


def _known(value: WorkCalendar | str) -> WorkCalendar | str:
    if isinstance(value, str):
        try:
            resolve_calendar(value)
        except InputError as exc:
            raise ValueError(exc.reason) from None
    return value


CalendarRef = Annotated[WorkCalendar | str, AfterValidator(_known)]
"""A calendar field of a model: an inline :class:`WorkCalendar`, or a preset name checked on
validation (kept as written, so the model round-trips; :func:`resolve_calendar` reads it)."""
