"""The Nanjing plan (南京山水湖畔物业管理服务品质提升方案, document 003 part 3, `SQ`), as a preset.

Working days on China's official calendar (holidays and make-up working days, 调休) with
working hours 09:00-12:00 and 13:30-18:00: the plan speaks of "standard working hours"
without stating them, so the hours are the preset's choice (`SQ-HOURS`). Replies within 2
hours (`SQ-A`, `SQ-C`) are elapsed hours (`T-HOURS`): off hours, the control room's duty
manager handles the complaint. Every handled complaint is revisited within 3 working days
(`SQ-REVISIT`); an invalid complaint is explained within 1 working day unless the client
caused it (`SQ-INVALID`); a delay for engineering reasons needs no approval but must be
explained to the resident. The plan adopts the first-contact rule (首接责任制, `OM-FIRST`).
The report to the head of the office of a complaint forwarded by a government body
(`SQ-GOV`) has no stated limit; the preset applies the plan's rule for every transmission
of complaint information: at once.

>>> NANJING.severities[Severity.MINOR].reply.span
Span(unit=<SpanUnit.HOURS: 'hours'>, amount=2, extend_over_rest_days=False)
"""

from __future__ import annotations

from typing import Final

from ...time.span import Span
from ..models import Severity
from ..policy import (
    HANDLER,
    ComplaintPolicy,
    Extension,
    HandlingStep,
    RoleName,
    Routing,
    SeverityPlan,
    Step,
)

__all__ = ["NANJING"]

_ROLES: Final = {
    "first_receiver": RoleName(en="the first receiver", zh="接投诉人(首问责任人)"),
    "customer_service": RoleName(en="customer service", zh="客户服务部门"),
    "responsible_department": RoleName(en="the responsible department", zh="相关部门"),
    "first_person_in_charge": RoleName(
        en="the first person in charge of the office", zh="物管中心(处)第一负责人"
    ),
    "head_of_office": RoleName(en="the head of the property office", zh="物管中心(处)负责人"),
    "leadership": RoleName(en="the leadership", zh="上级领导"),
    "control_room": RoleName(en="the control room duty desk", zh="中控室值班人员"),
    "senior_manager_on_duty": RoleName(
        en="the most senior manager on duty", zh="当班最高管理人员"
    ),
    "resident": RoleName(en="the resident", zh="住户"),
}


def _plan(severity_rule: str, reply: Span, handle: Span, escalate: Step | None) -> SeverityPlan:
    return SeverityPlan(
        handler="responsible_department",
        handler_rules=(severity_rule,),
        escalate=escalate,
        reply=Step(span=reply, owed_by="customer_service", to="resident", rules=(severity_rule,)),
        handle=HandlingStep(
            span=handle, owed_by="responsible_department", rules=(severity_rule,),
            extension=Extension(approver=None, requires_explanation=True, rules=(severity_rule,)),
        ),
        revisit=Step(span=Span.working_days(3), owed_by="customer_service", to="resident",
                     rules=("SQ-REVISIT",)),
    )


NANJING: Final = ComplaintPolicy(
    name="SQ Nanjing plan",
    name_zh="南京服务品质提升方案",
    version="2023",
    source="003 part 3: 南京山水湖畔物业管理服务品质提升方案",
    description="Nanjing plan: working days, 2-hour replies, 100% revisits, off-hours routing.",
    calendar="china-official@09:00-12:00,13:30-18:00",
    roles=_ROLES,
    disputes_to="head_of_office",
    repeated_threshold=3,
    major_loss_threshold=None,
    upgrade_after=Span.months(1),
    severities={
        Severity.MAJOR: _plan(
            "SQ-A", Span.hours(2), Span.working_days(3),
            Step(span=Span.immediately(), owed_by="customer_service",
                 to="first_person_in_charge", rules=("SQ-A", "OM-C2")),
        ),
        Severity.IMPORTANT: _plan("SQ-B", Span.working_days(1), Span.working_days(2), None),
        Severity.MINOR: _plan("SQ-C", Span.hours(2), Span.working_days(1), None),
    },
    dispatch=Step(span=None, owed_by="customer_service", to="responsible_department",
                  rules=("OM-C2",)),
    invalid_notice=Step(span=Span.working_days(1), owed_by="customer_service", to="resident",
                        rules=("SQ-INVALID",)),
    group_report=Step(span=Span.immediately(), owed_by="first_receiver", to="leadership",
                      rules=("SQ-GROUP",)),
    government_report=Step(span=Span.immediately(), owed_by="customer_service",
                           to="head_of_office", rules=("SQ-GOV",)),
    routing=Routing(span=Span.immediately(), owed_by="first_receiver",
                    in_hours="customer_service", off_hours="control_room",
                    off_hours_handler="senior_manager_on_duty", rules=("SQ-HOURS",)),
    sign_result=Step(span=None, owed_by=HANDLER, rules=("OM-C5",)),
    first_contact=True,
    first_contact_role="first_receiver",
    reply_before_handled=True,
)
"""The Nanjing plan (`SQ`)."""
