"""propmgmt-rules: explainable decisions from the regulations of real-estate sales offices
and property-management companies.

The top level holds the core every area shares and the foundations:

* decisions: :class:`Decision` and its parts, :func:`load_decision` (a stored decision back
  into its typed class), the :class:`Trace` engines write, :class:`ObligationStatus`;
* errors: :class:`InputError`, :class:`InvalidInput`, :class:`ItemError`;
* the rule registry: :data:`RULES`, :func:`get_rule`, :func:`all_rules`;
* settings by name: :func:`resolve_preset`, the :class:`Policy` base;
* time (calendars, spans, deadlines: the `T-` rules) and money (:func:`allocate`).

The areas are namespaces, each with its whole public face::

    from propmgmt_rules import complaints, fees, ownership, repairs

>>> from propmgmt_rules import complaints, ownership
>>> ownership.CC.name, complaints.NANJING.name
('CC', 'SQ Nanjing plan')
"""

from . import complaints, fees, money, ownership, repairs, time
from .cases import evaluate_case, load_decision, validate_case
from .decision import (
    DECISION_FORMAT,
    Basis,
    Decision,
    Escalation,
    Explanation,
    FactSetAside,
    FactUsed,
    MissingFact,
    Provisional,
    RuleNotApplied,
    SetAsideReason,
    Text,
)
from .errors import InputError, InvalidInput, ItemError, Problem, PropmgmtError
from .money import allocate
from .obligation import ObligationStatus
from .policy import Policy
from .presets import resolve_preset
from .registry import RULES, Rule, all_rules, get_rule
from .time import (
    DeadlineDecision,
    DeadlineStatus,
    ObligationState,
    Span,
    SpanUnit,
    Weekday,
    WeekdayHours,
    WorkCalendar,
    WorkingPeriod,
    after_working_time,
    before_working_time,
    china_calendar,
    deadline,
    explain_deadline,
    last_day,
    met,
    resolve_calendar,
    status_at,
)
from .trace import Trace

__version__ = "0.1.0"

__all__ = [
    "DECISION_FORMAT",
    "RULES",
    "Basis",
    "DeadlineDecision",
    "DeadlineStatus",
    "Decision",
    "Escalation",
    "Explanation",
    "FactSetAside",
    "FactUsed",
    "InputError",
    "InvalidInput",
    "ItemError",
    "MissingFact",
    "ObligationState",
    "ObligationStatus",
    "Policy",
    "Problem",
    "PropmgmtError",
    "Provisional",
    "Rule",
    "RuleNotApplied",
    "SetAsideReason",
    "Span",
    "SpanUnit",
    "Text",
    "Trace",
    "Weekday",
    "WeekdayHours",
    "WorkCalendar",
    "WorkingPeriod",
    "__version__",
    "after_working_time",
    "all_rules",
    "allocate",
    "before_working_time",
    "china_calendar",
    "complaints",
    "deadline",
    "evaluate_case",
    "explain_deadline",
    "fees",
    "get_rule",
    "last_day",
    "load_decision",
    "met",
    "money",
    "ownership",
    "repairs",
    "resolve_calendar",
    "resolve_preset",
    "status_at",
    "time",
    "validate_case",
]
