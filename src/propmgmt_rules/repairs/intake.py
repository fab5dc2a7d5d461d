"""The intake of a repair request: `OM-R3` (what the record holds) and `SQ-R1` (urgent repairs
to engineering at once, any other within 2 hours).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> req = RepairRequest(id="R1", received_at=datetime(2025, 3, 7, 9, 0, tzinfo=sh),
...     name="王女士", address="3-2-601", phone="13800000000", content="厨房水管漏水",
...     urgent=False)
>>> d = intake(req, as_of=datetime(2025, 3, 7, 10, 0, tzinfo=sh))
>>> d.outcome.handover.due.isoformat(), d.outcome.handover.state.value
('2025-03-07T11:00:00+08:00', 'pending')
>>> d.outcome.record_complete, d.outcome.missing
(False, ('agreed_time',))
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Final

from .._build import construct_dict
from ..decision import SetAsideReason
from ..render import Text, message
from ..time.deadline import deadline
from ..time.span import Span
from ..trace import Trace
from ._common import CUSTOMER_SERVICE, at_text, happened, instant, need, obligation, within
from .models import IntakeDecision, IntakeOutcome, RepairRequest
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["decide_intake", "intake"]

_HANDOVER_DUTY: Final = Text("pass the request to engineering", "将报修转达工程部")
_URGENT: Final = Text("an urgent repair", "急修")
_NORMAL: Final = Text("a non-urgent repair", "一般报修")
_RECORD_GAP: Final = Text("The record lacks the agreed repair time (OM-R3).",
                          "登记缺少约修日期(OM-R3)。")
_RECORD_FULL: Final = Text(
    "The record has the date, name, address, phone, content and agreed time (OM-R3).",
    "登记包括维修日期、姓名、地址、联系电话、内容、约修日期(OM-R3)。")
_RECORD_FIELDS: Final = ("received_at", "name", "address", "phone", "content")


@message("repairs.intake")
def _intake_line(rid: str, urgent: bool, received_at: datetime, span: Span,
                 tz: tzinfo) -> Text:
    kind = _URGENT if urgent else _NORMAL
    at = at_text(received_at, tz, True)
    limit = within(span)
    return Text(f"{rid} is {kind.en}, received {at.en}: it goes to engineering {limit.en} "
                f"(SQ-R1, {span.rule_id}).",
                f"{rid}为{kind.zh},受理于{at.zh}:应{limit.zh}通报工程部(SQ-R1、{span.rule_id})。")


def intake(request: RepairRequest, *, as_of: datetime | None = None,
           policy: RepairPolicy | str = CATALOG) -> IntakeDecision:
    """`OM-R3` (the record) and `SQ-R1` (urgent repairs to engineering at once, others within
    2 hours): the hand-over's deadline, who owes it, and its standing at ``as_of`` (without
    it, the facts decide alone), under ``policy`` (a policy or a preset's name)."""
    resolved = resolve_policy(policy)
    request = need(request, RepairRequest, "request")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_intake(request, as_of, resolved, f"request {request.id}")


def decide_intake(request: RepairRequest, as_of: datetime | None, policy: RepairPolicy,
                  subject: str) -> IntakeDecision:
    """:func:`intake` of validated arguments, with its subject."""
    tr = Trace()
    rid = request.id
    fact = f"requests[{rid}]."
    for f in _RECORD_FIELDS:
        tr.use(fact + f, "OM-R3")
    handover = None
    if policy.intake_urgent is not None and policy.intake_normal is not None:
        span = policy.intake_urgent if request.urgent else policy.intake_normal
        cal = policy.work_calendar
        due = deadline(request.received_at, span, cal)
        done = request.passed_to_engineering_at
        if done is not None and not happened(done, as_of):
            tr.set_aside(fact + "passed_to_engineering_at", SetAsideReason.AFTER_AS_OF, "SQ-R1")
        elif done is not None:
            tr.use(fact + "passed_to_engineering_at", "SQ-R1")
        tr.use(fact + "urgent", "SQ-R1")
        handover = obligation(f"{rid}:intake", "SQ-R1", _HANDOVER_DUTY, CUSTOMER_SERVICE,
                              request.received_at, due, done, as_of)
        tr.tell("repairs.intake", rid, request.urgent, request.received_at, span, cal.tz)
        tr.tell("repairs.obligation", handover, cal.tz)
        tr.rule("SQ-R1", span.rule_id)
    else:
        tr.not_applying("SQ-R1", f"not part of policy {policy.name!r}")
        if request.passed_to_engineering_at is not None:
            tr.set_aside(fact + "passed_to_engineering_at", SetAsideReason.DISABLED_BY_RULEBOOK,
                         "SQ-R1")
    if request.agreed_time is None:
        tr.missing("agreed_time", "OM-R3", "When was the repair agreed to be done (约修日期)?")
        tr.line(_RECORD_GAP)
    else:
        tr.use(fact + "agreed_time", "OM-R3")
        tr.line(_RECORD_FULL)
    tr.rule("OM-R3")
    missing = () if request.agreed_time is not None else ("agreed_time",)
    outcome = construct_dict(IntakeOutcome, {
        "what": "intake", "request": rid, "urgent": request.urgent,
        "record_complete": not missing, "missing": missing, "handover": handover})
    return tr.decision(IntakeDecision, kind="repair.intake", subject=subject, outcome=outcome,
                       basis=policy.basis, as_of=as_of)
