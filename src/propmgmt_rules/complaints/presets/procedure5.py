"""Procedure 5 (业主和住户投诉处理作业规程-5, document 002 part 4, `CP`), as a policy preset.

Calendar days on China's official calendar (no working hours): the day spans of `CP-4.3.2`
and `CP-4.10.1` .. `CP-4.10.3` do not move over rest days (`T-REST-DAY-EXTENSION` off: the
procedure states internal service targets). Handlers by severity (`CP-3`); late handling needs the
assistant's (minor) or the office director's (important) approval; a major complaint has no
approval route (`CP-4.10.3`: "should not exceed 10 days"). The enquiry answer of `CQ-5.5`
(same document, part 1) gets 2 days, the procedure's own limit for a clear answer
(`CP-4.10.3`): the procedure states no span for it, so this is the preset's choice.
Procedure 5 does not adopt the first-contact rule (`OM-FIRST`, document 001); it records and
signs the result (`OM-C5`).

>>> PROCEDURE_5.severities[Severity.MAJOR].handler
'office_director'
"""

from __future__ import annotations

from typing import Final

from ...time.calendar import Weekday
from ...time.span import Span
from ..models import Severity
from ..policy import (
    HANDLER,
    ComplaintPolicy,
    Extension,
    HandlingStep,
    RoleName,
    SeverityPlan,
    Step,
    WeeklyStatistics,
)

__all__ = ["PROCEDURE_5"]

_ROLES: Final = {
    "receptionist": RoleName(en="the receptionist", zh="投诉接待员"),
    "office_director": RoleName(en="the office director", zh="管理处主任"),
    "assistant": RoleName(en="the assistant", zh="助理"),
    "administrator": RoleName(en="the administrator", zh="管理员"),
    "area_administrator": RoleName(en="the area administrator", zh="大片区管理员"),
    "complained_department": RoleName(en="the complained-about department", zh="被投诉部门"),
    "responsible_person": RoleName(en="the responsible person", zh="相关责任人"),
    "resident": RoleName(en="the resident", zh="住户"),
}

PROCEDURE_5: Final = ComplaintPolicy(
    name="CP procedure 5",
    name_zh="投诉处理作业规程-5",
    version="2019-04-26",
    source="002 part 4: 业主和住户投诉处理作业规程-5",
    description="Procedure 5: calendar days, same day, handler by severity, approvals.",
    calendar="china-official",
    roles=_ROLES,
    disputes_to="office_director",
    repeated_threshold=3,
    major_loss_threshold=None,
    upgrade_after=Span.months(1),
    severities={
        Severity.MAJOR: SeverityPlan(
            handler="office_director",
            handler_rules=("CP-3",),
            escalate=Step(span=Span.same_day(), owed_by="receptionist", to="office_director",
                          rules=("CP-4.3.2", "OM-C2")),
            dispatch_also_to="responsible_person",
            reply=Step(span=Span.days(2), owed_by="office_director", to="resident",
                       rules=("CP-4.10.3",)),
            handle=HandlingStep(span=Span.days(10), owed_by="office_director",
                                rules=("CP-4.10.3",), extension=None),
            revisit=Step(span=None, owed_by="office_director", to="resident", rules=("CP-4.7",)),
        ),
        Severity.IMPORTANT: SeverityPlan(
            handler="assistant",
            handler_rules=("CP-3",),
            escalate=Step(span=Span.hours(2), owed_by="receptionist", to="area_administrator",
                          rules=("CP-4.3.2",)),
            dispatch_also_to="responsible_person",
            handle=HandlingStep(
                span=Span.days(3), owed_by="assistant", rules=("CP-4.10.2",),
                extension=Extension(approver="office_director", rules=("CP-4.10.2",)),
            ),
            revisit=Step(span=None, owed_by="assistant", to="resident", rules=("CP-4.7",)),
        ),
        Severity.MINOR: SeverityPlan(
            handler="administrator",
            handler_rules=("CP-3",),
            handle=HandlingStep(
                span=Span.days(2), owed_by="administrator", rules=("CP-4.3.2", "CP-4.10.1"),
                extension=Extension(approver="assistant", rules=("CP-4.10.1",)),
                requested_time=True,
            ),
        ),
    },
    dispatch=Step(span=Span.minutes(15), owed_by="receptionist", to="complained_department",
                  rules=("CP-4.4", "OM-C2")),
    report_result=Step(span=Span.same_day(), owed_by="receptionist", to="resident",
                       rules=("CP-4.6",)),
    sign_result=Step(span=None, owed_by=HANDLER, rules=("OM-C5",)),
    weekly_statistics=WeeklyStatistics(weekday=Weekday.SATURDAY, owed_by="administrator",
                                       to="office_director", rules=("CP-4.8",)),
    first_contact=False,
    enquiry_answer=Step(span=Span.days(2), owed_by="receptionist", to="resident",
                        rules=("CQ-5.5",)),
    reply_before_handled=False,
)
"""Procedure 5 (`CP`)."""
