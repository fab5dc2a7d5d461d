"""Calendar presets: the calendars a case file or a policy may name instead of spelling out.

>>> resolve_calendar("china-2025@09:00-18:00").working_hours[0].end
datetime.time(18, 0)
"""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import AfterValidator, ValidationError

from ..errors import InputError
from .calendar import WorkCalendar
from .china import OFFICIAL_YEARS, china_calendar
from .span import validation_reason

__all__ = ["CALENDAR_PRESETS", "CalendarRef", "resolve_calendar"]

CALENDAR_PRESETS: dict[str, str] = {
    "weekdays": "Monday to Friday, no holidays, no working hours (Asia/Shanghai)",
    "24/7": "every day, all day (round-the-clock duties)",
    "china-official": "mainland China's official calendar for every bundled year "
    f"({', '.join(map(str, OFFICIAL_YEARS))})",
    "china-YYYY": "mainland China's official calendar for one bundled year, e.g. china-2025",
}


def resolve_calendar(ref: WorkCalendar | str, field: str = "calendar") -> WorkCalendar:
    """A calendar, or a preset by name: ``weekdays``, ``24/7``, ``china-official``,
    ``china-2025`` (any bundled year), each optionally followed by working hours after
    ``@``: ``china-official@09:00-12:00,13:30-18:00``. Anything else is an
    :class:`InputError` naming ``field``.

    A preset is built and compiled once per name (a bounded memo of the immutable calendar),
    so a batch of cases naming the same preset does not rebuild it for each case.

    >>> resolve_calendar("china-2025@09:00-18:00").working_hours[0].end
    datetime.time(18, 0)
    >>> resolve_calendar("china-official") is resolve_calendar("china-official")
    True
    """
    if isinstance(ref, WorkCalendar):
        return ref
    if not isinstance(ref, str):
        raise InputError(
            field, "must be a WorkCalendar or a preset name such as 'china-official'",
            type(ref).__name__,
        )
    if len(ref) > _MAX_PRESET_LENGTH:
        raise InputError(field, f"a preset name is at most {_MAX_PRESET_LENGTH} characters")
    try:
        return _preset(ref)
    except InputError as exc:
        raise InputError(field, exc.reason, ref) from None
    except ValidationError as exc:
        raise InputError(field, f"working hours after '@': {validation_reason(exc)}", ref
                         ) from None


_MAX_PRESET_LENGTH = 200


@functools.lru_cache(maxsize=64)
def _preset(ref: str) -> WorkCalendar:
    name, _, hours_text = ref.partition("@")
    hours = tuple(h.strip() for h in hours_text.split(",") if h.strip())
    key = name.strip().lower()
    if key == "weekdays":
        return WorkCalendar.model_validate({"name": "weekdays", "working_hours": hours})
    if key in {"24/7", "always-open"}:
        return WorkCalendar.model_validate(
            {"name": "24/7", "weekend": (), "working_hours": hours}
        )
    if key == "china-official":
        return china_calendar(OFFICIAL_YEARS, working_hours=hours)
    if key.startswith("china-") and key[6:].isascii() and key[6:].isdigit() and len(key) == 10:
        return china_calendar(int(key[6:]), working_hours=hours)
    raise InputError(
        "calendar", f"unknown calendar preset; known: {', '.join(CALENDAR_PRESETS)}"
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
