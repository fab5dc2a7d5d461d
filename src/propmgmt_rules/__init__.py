"""propmgmt-rules: explainable decisions from the regulations of real-estate sales offices
and property-management companies.

The public API is re-exported here; the areas live in subpackages (:mod:`.time`, ...) and
the rule catalog ids (``T-DAYS``, ``T-MONTHS``...) are cited in every decision.
"""

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
from .errors import InputError, PropmgmtError
from .money import allocate
from .registry import RULES, Rule, all_rules, get_rule
from .repairs import (
    CompletedRepair,
    RepairPolicy,
    RepairRequest,
    RevisitRecord,
    StaffMember,
    plan_revisits,
    quota_check,
    revisit_due,
    suggest_category,
)
from .time import (
    DeadlineDecision,
    DeadlineStatus,
    ObligationState,
    Span,
    SpanUnit,
    Weekday,
    WorkCalendar,
    WorkingPeriod,
    china_calendar,
    deadline,
    explain_deadline,
    last_day,
    met,
    status_at,
)

__version__ = "0.1.0"

__all__ = [
    "DECISION_FORMAT",
    "RULES",
    "Basis",
    "CompletedRepair",
    "DeadlineDecision",
    "DeadlineStatus",
    "Decision",
    "Escalation",
    "Explanation",
    "FactSetAside",
    "FactUsed",
    "InputError",
    "MissingFact",
    "ObligationState",
    "PropmgmtError",
    "Provisional",
    "RepairPolicy",
    "RepairRequest",
    "RevisitRecord",
    "Rule",
    "RuleNotApplied",
    "SetAsideReason",
    "Span",
    "SpanUnit",
    "StaffMember",
    "Text",
    "Weekday",
    "WorkCalendar",
    "WorkingPeriod",
    "__version__",
    "all_rules",
    "allocate",
    "china_calendar",
    "deadline",
    "explain_deadline",
    "get_rule",
    "last_day",
    "met",
    "plan_revisits",
    "quota_check",
    "revisit_due",
    "status_at",
    "suggest_category",
]
