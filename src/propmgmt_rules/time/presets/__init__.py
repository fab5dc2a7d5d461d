"""Calendar presets: the calendars a case file, a policy or a call may name instead of
spelling out, registered with the one preset registry (:mod:`propmgmt_rules.presets`).

Data lives beside this module, one module per source: :mod:`.china` (China's official
holidays and make-up working days, per the State Council's notices).

* ``weekdays``: Monday to Friday, no holidays, no working hours;
* ``24/7`` (alias ``always-open``): every day, all day;
* ``china-official``: China's official calendar for every bundled year; ``china-2025``: one
  year;
* any of them followed by working hours after ``@``: ``china-official@09:00-12:00,13:30-18:00``.

A preset is built and compiled once per name and then kept (a bounded memo of the immutable
calendar), so a batch of cases naming the same preset does not rebuild it for each case.

>>> resolve_calendar("china-2025@09:00-18:00").working_hours[0].end
datetime.time(18, 0)
>>> resolve_calendar("China-Official") is resolve_calendar("china-official")
True
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import AfterValidator, ValidationError

from ...errors import InputError
from ...presets import known_preset, presets, register_preset, register_preset_kind, resolve_preset
from ..calendar import WorkCalendar
from ..span import validation_reason
from .china import OFFICIAL_YEARS, china_calendar

__all__ = [
    "CALENDAR_PRESETS",
    "KIND",
    "OFFICIAL_YEARS",
    "CalendarRef",
    "china_calendar",
    "resolve_calendar",
]

KIND: Final = "calendar"
"""The kind of preset a calendar is (:func:`propmgmt_rules.presets.resolve_preset`)."""


def _build(name: str, hours: tuple[str, ...]) -> WorkCalendar | None:
    key = name.strip().lower()
    if key == "weekdays":
        return WorkCalendar.model_validate({"name": "weekdays", "working_hours": hours})
    if key in {"24/7", "always-open"}:
        return WorkCalendar.model_validate({"name": "24/7", "weekend": (), "working_hours": hours})
    if key == "china-official":
        return china_calendar(OFFICIAL_YEARS, working_hours=hours)
    if key.startswith("china-") and key[6:].isascii() and key[6:].isdigit() and len(key) == 10:
        return china_calendar(int(key[6:]), working_hours=hours)
    return None


def _parse(ref: str) -> WorkCalendar | None:
    """A calendar of a pattern: ``china-YYYY``, or any preset with working hours after
    ``@``; None when ``ref`` is none of them."""
    name, at, hours_text = ref.partition("@")
    hours = tuple(h.strip() for h in hours_text.split(",") if h.strip())
    try:
        got = _build(name, hours)
    except ValidationError as exc:
        raise InputError("calendar", f"working hours after '@': {validation_reason(exc)}"
                         ) from None
    if got is None and at:
        known = ", ".join(presets(KIND))
        raise InputError("calendar", f"unknown calendar preset; known: {known}")
    return got


register_preset_kind(KIND, WorkCalendar, field="calendar", label="calendar", parse=_parse,
                     patterns={"china-YYYY": "mainland China's official calendar for one "
                               "bundled year, e.g. china-2025"})
register_preset(KIND, "weekdays", factory=lambda: _build("weekdays", ()),
                summary="Monday to Friday, no holidays, no working hours (Asia/Shanghai)")
register_preset(KIND, "24/7", factory=lambda: _build("24/7", ()), aliases=("always-open",),
                summary="every day, all day (round-the-clock duties)")
register_preset(KIND, "china-official", factory=lambda: _build("china-official", ()),
                summary="mainland China's official calendar for every bundled year "
                f"({', '.join(map(str, OFFICIAL_YEARS))})")

CALENDAR_PRESETS: Final = presets(KIND)
"""Every calendar preset (and pattern) with its summary (read-only)."""


def resolve_calendar(ref: WorkCalendar | str, field: str = "calendar") -> WorkCalendar:
    """A calendar, or a preset by name (see the module): anything else is an
    :class:`InputError` naming ``field``.

    >>> resolve_calendar("china-official") is resolve_calendar("china-official")
    True
    """
    if type(ref) is WorkCalendar:
        return ref
    got: WorkCalendar = resolve_preset(KIND, ref, field=field)
    return got


def _known(value: WorkCalendar | str) -> WorkCalendar | str:
    return known_preset(KIND, value)


CalendarRef = Annotated[WorkCalendar | str, AfterValidator(_known)]
"""A calendar field of a model: an inline :class:`WorkCalendar`, or a preset name checked on
validation (kept as written, so the model round-trips; :func:`resolve_calendar` reads it)."""
