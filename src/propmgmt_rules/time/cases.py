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

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .deadline import DeadlineDecision, explain_deadline
from .presets import CALENDAR_PRESETS, CalendarRef, resolve_calendar
from .span import Span

__all__ = ["CALENDAR_PRESETS", "DeadlineCase", "evaluate", "resolve_calendar"]


class DeadlineCase(BaseModel):
    """One deadline question: ``span`` from ``start`` on ``calendar``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    description: str = ""
    start: AwareDatetime
    span: Span
    calendar: CalendarRef = Field(
        default="weekdays", description="an inline calendar or a preset name (see CALENDAR_PRESETS)"
    )
    done_at: AwareDatetime | None = None


def evaluate(case: DeadlineCase) -> list[DeadlineDecision]:
    """The explained deadline of a case."""
    decision = explain_deadline(
        case.start, case.span, resolve_calendar(case.calendar), done_at=case.done_at
    )
    return [decision.model_copy(update={"subject": f"{case.id}: {decision.subject}"})]
