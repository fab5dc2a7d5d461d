"""Deadline cases: the input form of the command line's ``time`` job (and its examples).

A case names a start, a span and a calendar (inline, or a named preset: see
:func:`resolve_calendar`), and optionally when the action was done.

>>> case = DeadlineCase.model_validate({
...     "id": "reply", "start": "2025-01-24T17:30:00+08:00", "span": "3个工作日",
...     "calendar": "china-official"})
>>> evaluate(case)[0].outcome.due.isoformat()
'2025-02-06T00:00:00+08:00'
"""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from ..errors import InputError
from .calendar import WorkCalendar
from .china import OFFICIAL_YEARS, china_calendar
from .deadline import DeadlineDecision, explain_deadline
from .span import Span

__all__ = ["CALENDAR_PRESETS", "DeadlineCase", "evaluate", "resolve_calendar"]

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


class DeadlineCase(BaseModel):
    """One deadline question: ``span`` from ``start`` on ``calendar``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    description: str = ""
    start: AwareDatetime
    span: Span
    calendar: WorkCalendar | str = Field(
        default="weekdays", description="an inline calendar or a preset name (see CALENDAR_PRESETS)"
    )
    done_at: AwareDatetime | None = None

    @field_validator("calendar")
    @classmethod
    def _known_calendar(cls, value: WorkCalendar | str) -> WorkCalendar | str:
        if isinstance(value, str):
            try:
                resolve_calendar(value)
            except InputError as exc:
                raise ValueError(exc.reason) from None
        return value


def evaluate(case: DeadlineCase) -> list[DeadlineDecision]:
    """The explained deadline of a case."""
    decision = explain_deadline(
        case.start, case.span, resolve_calendar(case.calendar), done_at=case.done_at
    )
    return [decision.model_copy(update={"subject": f"{case.id}: {decision.subject}"})]
