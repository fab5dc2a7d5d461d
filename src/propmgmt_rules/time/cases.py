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

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from ..limits import FreeText, Identifier, Instant
from .explain import explained
from .models import DeadlineDecision
from .presets import CALENDAR_PRESETS, CalendarRef, resolve_calendar
from .span import Span

__all__ = ["CALENDAR_PRESETS", "DeadlineCase", "evaluate", "resolve_calendar"]


class DeadlineCase(BaseModel):
    """One deadline question: ``span`` from ``start`` on ``calendar`` (for a span counted
    backwards, `T-BEFORE`, ``start`` is the target and the answer the latest instant to act).

    For a span counted forwards, ``done_at`` before ``start`` is refused: an action cannot
    precede what it answers. ``start`` and ``done_at`` are instants of facts, bounded like
    every fact's (:data:`~propmgmt_rules.limits.Instant`: the years 1900 to 2199).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    description: FreeText = ""
    start: Instant
    span: Span
    calendar: CalendarRef = Field(
        default="weekdays", description="an inline calendar or a preset name (see CALENDAR_PRESETS)"
    )
    done_at: Instant | None = None

    @field_validator("done_at")
    @classmethod
    def _not_before_the_start(
        cls, value: AwareDatetime | None, info: ValidationInfo
    ) -> AwareDatetime | None:
        start, span = info.data.get("start"), info.data.get("span")
        forwards = span is not None and not span.before
        if value is not None and start is not None and forwards and value < start:
            raise ValueError(
                f"is before the start {start.isoformat()}: an action cannot precede what it "
                "answers"
            )
        return value


def evaluate(case: DeadlineCase) -> list[DeadlineDecision]:
    """The explained deadline of a case (its subject names the case)."""
    return [explained(case.start, case.span, case.calendar, case.done_at, f"{case.id}: ")]
