"""Complaints (catalog section 3): classification, obligations and deadlines, status.

One area on the common plan: :mod:`.models` (facts in, decisions out), :mod:`.policy` (the
settings, :class:`ComplaintPolicy`, with ``derive()``), :mod:`.presets` (procedure 5, `CP`,
and the Nanjing plan, `SQ`: one data module each), :mod:`.rules` (the registry records), one
engine module per question (:mod:`.classify`, :mod:`.obligations`, :mod:`.status`, and
:mod:`.batch` for many complaints at once), :mod:`.cases` (the command line's ``complaint``
job) and :mod:`.strategies` (hypothesis strategies). Every question reads
``question(complaint, facts..., *, as_of=..., policy=PROCEDURE_5)``; a preset may be passed
by name (``"procedure5"``, ``"nanjing"``).
"""

from ..obligation import ObligationStatus
from .batch import evaluate_many
from .classify import classify
from .models import (
    Cause,
    Channel,
    Classification,
    ClassificationDecision,
    Complaint,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStatusDecision,
    EventType,
    Intent,
    Nature,
    ObligationKind,
    ObligationPlan,
    ObligationPlanDecision,
    ObligationState,
    Severity,
    SeverityChange,
    Subject,
    Topic,
    Validity,
)
from .obligations import obligations
from .policy import (
    ComplaintPolicy,
    Extension,
    HandlingStep,
    RoleName,
    Routing,
    SeverityPlan,
    Step,
    WeeklyStatistics,
)
from .presets import NANJING, PRESETS, PROCEDURE_5, resolve_policy
from .status import status

__all__ = [
    "NANJING",
    "PRESETS",
    "PROCEDURE_5",
    "Cause",
    "Channel",
    "Classification",
    "ClassificationDecision",
    "Complaint",
    "ComplaintEvent",
    "ComplaintPolicy",
    "ComplaintStatus",
    "ComplaintStatusDecision",
    "EventType",
    "Extension",
    "HandlingStep",
    "Intent",
    "Nature",
    "ObligationKind",
    "ObligationPlan",
    "ObligationPlanDecision",
    "ObligationState",
    "ObligationStatus",
    "RoleName",
    "Routing",
    "Severity",
    "SeverityChange",
    "SeverityPlan",
    "Step",
    "Subject",
    "Topic",
    "Validity",
    "WeeklyStatistics",
    "classify",
    "evaluate_many",
    "obligations",
    "resolve_policy",
    "status",
]
