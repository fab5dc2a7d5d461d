"""The appointments of a repair request (`OM-R4`): for each agreed time, the repairer came by
it, or the client was told (in writing or by phone) by it and a new time agreed; the new time
is then the agreed time, and the rule applies again.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> req = RepairRequest.model_validate({"id": "R2", "received_at": "2025-03-07T09:00+08:00",
...     "name": "李先生", "address": "5-1-302", "phone": "13900000000", "content": "门锁损坏",
...     "urgent": False, "agreed_time": "2025-03-08T14:00+08:00",
...     "reschedules": [{"told_at": "2025-03-08T10:00+08:00", "form": "phone",
...                      "new_time": "2025-03-09T10:00+08:00"}]})
>>> d = appointment(req, as_of=datetime(2025, 3, 9, 12, 0, tzinfo=sh))
>>> [o.state.value for o in d.outcome.obligations]
['met', 'breached']
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Final

from .._build import construct_dict
from ..decision import SetAsideReason
from ..obligation import ObligationState, ObligationStatus
from ..render import Text, message
from ..trace import Trace
from ._common import PROPERTY_OFFICE, at_text, happened, instant, need, obligation
from .models import AppointmentDecision, AppointmentOutcome, NoticeForm, RepairRequest
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["appointment", "decide_appointment"]

_R4_FORMS: Final = frozenset({NoticeForm.WRITTEN, NoticeForm.PHONE})
_DUTY: Final = Text("come at the agreed time, or tell the client before it and agree a new time",
                    "按约定时间上门,否则事先以书面或电话说明情况并另约时间")
_NO_TIME: Final = Text("No agreed repair time yet: OM-R4 has nothing to check.",
                       "尚无约修时间:OM-R4无从检查。")


@message("repairs.appointment.agreed")
def _agreed(current: datetime, tz: tzinfo) -> Text:
    t = at_text(current, tz, True)
    return Text(f"Agreed repair time {t.en} (OM-R4).", f"约修时间{t.zh}(OM-R4)。")


@message("repairs.appointment.came")
def _came(arrived: datetime, current: datetime, tz: tzinfo) -> Text:
    a, c = at_text(arrived, tz), at_text(current, tz)
    return Text(f"The repairer came {a.en}, by the agreed time {c.en}.",
                f"维修人员于{a.zh}按约上门(约定时间{c.zh})。")


@message("repairs.appointment.told")
def _told(told: datetime, current: datetime, new_time: datetime, tz: tzinfo) -> Text:
    t, c, n = at_text(told, tz), at_text(current, tz), at_text(new_time, tz)
    return Text(f"The client was told {t.en}, before {c.en}, and a new time {n.en} agreed "
                "(OM-R4).",
                f"已于{t.zh}(约定时间{c.zh}之前)向客户说明情况,另约{n.zh}(OM-R4)。")


@message("repairs.appointment.to_come")
def _to_come(current: datetime, tz: tzinfo) -> Text:
    c = at_text(current, tz)
    return Text(f"The agreed time {c.en} is still to come.", f"约定时间{c.zh}尚未到。")


@message("repairs.appointment.told_late")
def _told_late(current: datetime, told: datetime, new_time: datetime, tz: tzinfo) -> Text:
    c, t, n = at_text(current, tz), at_text(told, tz), at_text(new_time, tz)
    return Text(f"The repairer did not come by {c.en} and the client was told only {t.en}, too "
                f"late (OM-R4); new time {n.en}.",
                f"维修人员未在{c.zh}前上门,至{t.zh}才告知客户,已逾期(OM-R4);另约{n.zh}。")


@message("repairs.appointment.missed")
def _missed(current: datetime, tz: tzinfo) -> Text:
    c = at_text(current, tz)
    return Text(f"The repairer did not come by {c.en} and the client was not told before it "
                "(OM-R4).",
                f"维修人员未在{c.zh}前上门,也未事先告知客户(OM-R4)。")


def appointment(request: RepairRequest, *, as_of: datetime | None = None,
                policy: RepairPolicy | str = CATALOG) -> AppointmentDecision:
    """`OM-R4` for each agreed time of ``request`` (see the module's documentation), at
    ``as_of`` (without it, the facts decide alone), under ``policy`` (a policy or a preset's
    name)."""
    resolved = resolve_policy(policy)
    request = need(request, RepairRequest, "request")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_appointment(request, as_of, resolved, f"request {request.id}")


def _overall(obligations: list[ObligationStatus]) -> ObligationState:
    states = {o.state for o in obligations}
    if ObligationState.BREACHED in states:
        return ObligationState.BREACHED
    return ObligationState.PENDING if ObligationState.PENDING in states else ObligationState.MET


def decide_appointment(request: RepairRequest, as_of: datetime | None, policy: RepairPolicy,
                       subject: str) -> AppointmentDecision:
    """:func:`appointment` of validated arguments, with its subject."""
    tr = Trace()
    rid = request.id
    if not policy.appointments:
        tr.not_applying("OM-R4", f"not part of policy {policy.name!r}")
        tr.say(f"OM-R4 is not part of policy {policy.name!r}.", f"{policy.title_zh}不含OM-R4。")
        return _decision(tr, policy, subject, as_of, rid, (), None, (), None)
    if request.agreed_time is None:
        tr.missing("agreed_time", "OM-R4", "When was the repair agreed to be done?")
        tr.line(_NO_TIME)
        tr.rule("OM-R4")
        return _decision(tr, policy, subject, as_of, rid, (), None, (), None)
    tz = policy.work_calendar.tz
    valid: list[tuple[int, datetime, datetime | None]] = []
    for n, r in sorted(enumerate(request.reschedules), key=lambda p: (p[1].told_at, p[0])):
        fact = f"requests[{rid}].reschedules[{n}]"
        if not happened(r.told_at, as_of):
            tr.set_aside(fact, SetAsideReason.AFTER_AS_OF, "OM-R4")
        elif r.form not in _R4_FORMS:
            tr.set_aside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-R4",
                         f"told {r.form.value}; OM-R4 asks for writing or phone")
        else:
            valid.append((n, r.told_at, r.new_time))
    arrived = request.arrived_at if happened(request.arrived_at, as_of) else None
    if request.arrived_at is not None and arrived is None:
        tr.set_aside(f"requests[{rid}].arrived_at", SetAsideReason.AFTER_AS_OF, "OM-R4")
    current: datetime = request.agreed_time
    times = [current]
    obligations: list[ObligationStatus] = []
    tr.use(f"requests[{rid}].agreed_time", "OM-R4")
    tr.tell("repairs.appointment.agreed", current, tz)
    after = request.received_at
    consumed: set[int] = set()
    k = 0
    while True:
        key = f"{rid}:appointment[{k}]"
        if arrived is not None and arrived <= current:
            tr.use(f"requests[{rid}].arrived_at", "OM-R4")
            obligations.append(obligation(key, "OM-R4", _DUTY, PROPERTY_OFFICE, after, current,
                                          arrived, as_of))
            tr.tell("repairs.appointment.came", arrived, current, tz)
            break
        in_time = [(n, t, nt) for n, t, nt in valid if n not in consumed and after <= t <= current]
        agreed = next(((n, t, nt) for n, t, nt in in_time if nt is not None), None)
        if agreed is not None:
            n, told, new_time = agreed
            assert new_time is not None
            consumed.add(n)
            tr.use(f"requests[{rid}].reschedules[{n}]", "OM-R4")
            obligations.append(obligation(key, "OM-R4", _DUTY, PROPERTY_OFFICE, after, current,
                                          told, as_of))
            tr.tell("repairs.appointment.told", told, current, new_time, tz)
            after, current = told, new_time
            times.append(current)
            k += 1
            continue
        for n, _t, _nt in in_time:
            consumed.add(n)
            tr.set_aside(f"requests[{rid}].reschedules[{n}]",
                         SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-R4", "no new time agreed")
        late = next(
            ((n, t, nt) for n, t, nt in valid if n not in consumed and t > current and nt),
            None,
        )
        done_late = late[1] if late is not None else None
        # a repairer who came after the agreed time shows that time has passed
        seen_at = as_of if as_of is not None else (arrived if late is None else None)
        ob = obligation(key, "OM-R4", _DUTY, PROPERTY_OFFICE, after, current, done_late,
                        seen_at)
        obligations.append(ob)
        if ob.state is ObligationState.PENDING:
            tr.tell("repairs.appointment.to_come", current, tz)
        elif late is not None:
            n, told, new_time = late
            assert new_time is not None
            consumed.add(n)
            tr.use(f"requests[{rid}].reschedules[{n}]", "OM-R4")
            tr.tell("repairs.appointment.told_late", current, told, new_time, tz)
            after, current = told, new_time
            times.append(current)
            k += 1
            continue
        else:
            tr.tell("repairs.appointment.missed", current, tz)
        break
    for ob in obligations:
        tr.tell("repairs.obligation", ob, tz)
    tr.rule("OM-R4")
    return _decision(tr, policy, subject, as_of, rid, tuple(times), current,
                     tuple(obligations), _overall(obligations))


def _decision(tr: Trace, policy: RepairPolicy, subject: str, as_of: datetime | None, rid: str,
              times: tuple[datetime, ...], current: datetime | None,
              obligations: tuple[ObligationStatus, ...],
              state: ObligationState | None) -> AppointmentDecision:
    outcome = construct_dict(AppointmentOutcome, {
        "what": "appointment", "request": rid, "agreed_times": times, "current_time": current,
        "obligations": obligations, "state": state})
    return tr.decision(AppointmentDecision, kind="repair.appointment", subject=subject,
                       outcome=outcome, basis=policy.basis, as_of=as_of)
