"""Time: work calendars, spans and deadlines (catalog section 1, the `T-` rules)."""

from .calendar import Weekday, WorkCalendar, WorkingPeriod, require_aware
from .china import OFFICIAL_YEARS, china_calendar
from .deadline import (
    DeadlineDecision,
    DeadlineOutcome,
    DeadlineStatus,
    ObligationState,
    after_working_time,
    deadline,
    explain_deadline,
    last_day,
    met,
    status_at,
)
from .presets import CALENDAR_PRESETS, CalendarRef, resolve_calendar
from .span import RULE_OF_UNIT, Span, SpanUnit

__all__ = [
    "CALENDAR_PRESETS",
    "OFFICIAL_YEARS",
    "RULE_OF_UNIT",
    "CalendarRef",
    "DeadlineDecision",
    "DeadlineOutcome",
    "DeadlineStatus",
    "ObligationState",
    "Span",
    "SpanUnit",
    "Weekday",
    "WorkCalendar",
    "WorkingPeriod",
    "after_working_time",
    "china_calendar",
    "deadline",
    "explain_deadline",
    "last_day",
    "met",
    "require_aware",
    "resolve_calendar",
    "status_at",
]
