"""propmgmt-rules: explainable decisions from the regulations of real-estate sales offices
and property-management companies.

The public API is re-exported here; the areas live in subpackages (:mod:`.time`, ...) and
the rule catalog ids (``T-DAYS``, ``T-MONTHS``...) are cited in every decision.
"""

from . import fees
from .cases import load_decision
from .complaints import (
    NANJING,
    PROCEDURE_5,
    Complaint,
    ComplaintEvent,
    ComplaintPolicy,
)
from .complaints import classify as classify_complaint
from .complaints import evaluate_many as evaluate_complaints
from .complaints import obligations as complaint_obligations
from .complaints import status as complaint_status
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
from .ownership import (
    CommissionDecision,
    OwnershipDecision,
    RegistrationBook,
    Rulebook,
    decide_ownership,
    settle,
    split_commission,
)
from .ownership.rotation import RotationState, rotate
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

__version__ = "0.1.0"

__all__ = [
    "DECISION_FORMAT",
    "NANJING",
    "PROCEDURE_5",
    "RULES",
    "Basis",
    "CommissionDecision",
    "Complaint",
    "ComplaintEvent",
    "ComplaintPolicy",
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
    "OwnershipDecision",
    "PropmgmtError",
    "Provisional",
    "RegistrationBook",
    "RepairPolicy",
    "RepairRequest",
    "RevisitRecord",
    "RotationState",
    "Rule",
    "RuleNotApplied",
    "Rulebook",
    "SetAsideReason",
    "Span",
    "SpanUnit",
    "StaffMember",
    "Text",
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
    "classify_complaint",
    "complaint_obligations",
    "complaint_status",
    "deadline",
    "decide_ownership",
    "evaluate_complaints",
    "explain_deadline",
    "fees",
    "get_rule",
    "last_day",
    "load_decision",
    "met",
    "plan_revisits",
    "quota_check",
    "resolve_calendar",
    "revisit_due",
    "rotate",
    "settle",
    "split_commission",
    "status_at",
    "suggest_category",
]
