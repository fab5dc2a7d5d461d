"""Time: work calendars, spans and deadlines (catalog section 1, the `T-` rules)."""

from .calendar import Weekday, WeekdayHours, WorkCalendar, WorkingPeriod, require_aware
from .cases import DeadlineCase
from .deadline import (
    CalendarLike,
    DeadlineDecision,
    DeadlineOutcome,
    DeadlineStatus,
    ObligationState,
    after_working_time,
    before_working_time,
    deadline,
    explain_deadline,
    last_day,
    met,
    status_at,
)
from .presets import CALENDAR_PRESETS, CalendarRef, resolve_calendar
from .presets.china import OFFICIAL_YEARS, china_calendar
from .span import MAX_SPAN_AMOUNT, RULE_OF_UNIT, Span, SpanUnit

__all__ = [
    "CALENDAR_PRESETS",
    "MAX_SPAN_AMOUNT",
    "OFFICIAL_YEARS",
    "RULE_OF_UNIT",
    "CalendarLike",
    "CalendarRef",
    "DeadlineCase",
    "DeadlineDecision",
    "DeadlineOutcome",
    "DeadlineStatus",
    "ObligationState",
    "Span",
    "SpanUnit",
    "Weekday",
    "WeekdayHours",
    "WorkCalendar",
    "WorkingPeriod",
    "after_working_time",
    "before_working_time",
    "china_calendar",
    "deadline",
    "explain_deadline",
    "last_day",
    "met",
    "require_aware",
    "resolve_calendar",
    "status_at",
]
