"""Repairs (catalog section 4): intake, appointments, revisit windows, quotas and plans,
revisit records, rectification, handover defects (`OM-R3`, `OM-R4`, `SQ-R1`, `OM-RV1` to
`OM-RV4`, `SQ-RV`, `MI-4.4.7`).

The area on the common plan: :mod:`.models` (facts in, decisions out), :mod:`.policy` (the
settings, :class:`RepairPolicy`, with ``derive()``), :mod:`.presets` (one data module per
source regulation: :data:`PROPERTY_OFFICE`, :data:`NANJING`, and :data:`CATALOG`, the whole
section), :mod:`.rules` (the registry records), one engine module per question
(:mod:`.intake`, :mod:`.appointments`, :mod:`.revisits`, :mod:`.records`,
:mod:`.rectification`, :mod:`.quotas`, :mod:`.planner`, :mod:`.handover`, :mod:`.status`,
:mod:`.suggest`), :mod:`.cases` (the command line's ``repair`` job) and :mod:`.strategies`
(hypothesis strategies). Every question reads ``question(subject, facts..., *, as_of=...,
policy=CATALOG)``; a preset may be passed by name.
"""

from .appointments import appointment
from .handover import handover
from .intake import intake
from .models import (
    AppointmentDecision,
    CompletedRepair,
    DefectState,
    HandoverDecision,
    HandoverDefect,
    HandoverInspection,
    IntakeDecision,
    NoticeForm,
    PlannedRevisit,
    PlanProblem,
    QuotaDecision,
    RecordItem,
    RectificationDecision,
    RectificationNotice,
    RepairDecision,
    RepairRequest,
    RepairStatusDecision,
    Reschedule,
    RevisitPlanDecision,
    RevisitRecord,
    RevisitRecordDecision,
    RevisitWindowDecision,
    RoleRate,
    StaffMember,
)
from .planner import plan_revisits, repair_windows
from .policy import (
    ONE_WEEK,
    HandoverSettings,
    QuotaCounting,
    RepairPolicy,
    RevisitCategory,
    RoleQuota,
)
from .presets import CATALOG, NANJING, PRESETS, PROPERTY_OFFICE, resolve_policy
from .quotas import ceil_share, quota_check
from .records import check_record
from .rectification import rectification
from .revisits import revisit_due, revisit_status, revisit_window
from .status import status
from .suggest import CategorySuggestion, suggest_category

__all__ = [
    "CATALOG",
    "NANJING",
    "ONE_WEEK",
    "PRESETS",
    "PROPERTY_OFFICE",
    "AppointmentDecision",
    "CategorySuggestion",
    "CompletedRepair",
    "DefectState",
    "HandoverDecision",
    "HandoverDefect",
    "HandoverInspection",
    "HandoverSettings",
    "IntakeDecision",
    "NoticeForm",
    "PlanProblem",
    "PlannedRevisit",
    "QuotaCounting",
    "QuotaDecision",
    "RecordItem",
    "RectificationDecision",
    "RectificationNotice",
    "RepairDecision",
    "RepairPolicy",
    "RepairRequest",
    "RepairStatusDecision",
    "Reschedule",
    "RevisitCategory",
    "RevisitPlanDecision",
    "RevisitRecord",
    "RevisitRecordDecision",
    "RevisitWindowDecision",
    "RoleQuota",
    "RoleRate",
    "StaffMember",
    "appointment",
    "ceil_share",
    "check_record",
    "handover",
    "intake",
    "plan_revisits",
    "quota_check",
    "rectification",
    "repair_windows",
    "resolve_policy",
    "revisit_due",
    "revisit_status",
    "revisit_window",
    "status",
    "suggest_category",
]
