"""Time: work calendars, spans and deadlines (catalog section 1, the `T-` rules).

The area's plan, as every area's:

* :mod:`.models` — the answers (:class:`DeadlineDecision`, :class:`DeadlineStatus`,
  :class:`ObligationState`); :mod:`.span` — the limits the regulations state (:class:`Span`);
* :mod:`.calendar` — the settings (:class:`WorkCalendar`, a
  :class:`~propmgmt_rules.policy.Policy`); :mod:`.presets` — the calendars by name, with
  China's official schedule as data (:mod:`.presets.china`);
* one module per question: :mod:`.deadline` (when is it due), :mod:`.working_time` (working
  time after or before an instant), :mod:`.status` (met, breached or pending),
  :mod:`.explain` (the explained deadline);
* :mod:`.rules` (the `T-` rules as data), :mod:`.cases` (the command line's ``time`` job),
  :mod:`.strategies` (hypothesis strategies).

Signatures read the same: ``question(subject, facts..., calendar="weekdays")``; the
calendar is a :class:`WorkCalendar` or a preset's name, by keyword (or by position, as
before).
"""

from .calendar import Weekday, WeekdayHours, WorkCalendar, WorkingPeriod, require_aware
from .cases import DeadlineCase
from .deadline import deadline, last_day
from .explain import calendar_name_zh, explain_deadline
from .models import CalendarLike, DeadlineDecision, DeadlineOutcome, DeadlineStatus, ObligationState
from .presets import CALENDAR_PRESETS, CalendarRef, resolve_calendar
from .presets.china import OFFICIAL_YEARS, china_calendar
from .span import MAX_SPAN_AMOUNT, RULE_OF_UNIT, ForwardSpan, Span, SpanUnit
from .status import met, status_at
from .working_time import after_working_time, before_working_time

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
    "ForwardSpan",
    "ObligationState",
    "Span",
    "SpanUnit",
    "Weekday",
    "WeekdayHours",
    "WorkCalendar",
    "WorkingPeriod",
    "after_working_time",
    "before_working_time",
    "calendar_name_zh",
    "china_calendar",
    "deadline",
    "explain_deadline",
    "last_day",
    "met",
    "require_aware",
    "resolve_calendar",
    "status_at",
]
