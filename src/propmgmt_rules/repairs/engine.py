"""The engine of the repair rules: one pure function per question, reading a
:class:`~propmgmt_rules.repairs.policy.RepairPolicy`.

* :func:`intake` — `OM-R3` record, `SQ-R1` hand-over to engineering;
* :func:`appointment` — `OM-R4` agreed times kept, or the client told in time;
* :func:`revisit_due`, :func:`revisit_status`, :func:`revisit_window` — `OM-RV2`;
* :func:`check_record` — `OM-RV3`;
* :func:`rectification` — `OM-RV4` written notice, `SQ-RV` redo;
* :func:`quota_check` — `OM-RV1` quotas and `SQ-RV` coverage, in exact fractions;
* :func:`handover` — `MI-4.4.7` handover defects.

Every status is taken at ``as_of`` (an argument, never the clock): a fact after ``as_of`` has
not happened yet. Without ``as_of``, every fact counts and an obligation not yet done is
pending.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> revisit_due(datetime(2025, 3, 7, 15, 0, tzinfo=sh), "leak", CATALOG).isoformat()
'2025-03-11T00:00:00+08:00'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Any, TypeVar, cast

from ..decision import (
    DECISION_FORMAT,
    Basis,
    Decision,
    Explanation,
    FactSetAside,
    FactUsed,
    MissingFact,
    RuleNotApplied,
    SetAsideReason,
    Text,
)
from ..errors import InputError
from ..time.calendar import WorkCalendar, require_aware
from ..time.deadline import DeadlineStatus, ObligationState, deadline, status_at
from ..time.phrasing import day_text, instant_text, is_end_of_day
from ..time.span import Span, SpanUnit
from .models import (
    EARLIEST,
    LATEST,
    AppointmentDecision,
    AppointmentOutcome,
    CompletedRepair,
    DefectState,
    DefectStatus,
    HandoverDecision,
    HandoverDefect,
    HandoverInspection,
    HandoverOutcome,
    IntakeDecision,
    IntakeOutcome,
    NoticeForm,
    Obligation,
    QuotaDecision,
    QuotaOutcome,
    RecordItem,
    RectificationDecision,
    RectificationNotice,
    RectificationOutcome,
    RepairRequest,
    RevisitRecord,
    RevisitRecordDecision,
    RevisitRecordOutcome,
    RevisitWindowDecision,
    RevisitWindowOutcome,
    RoleRate,
)
from .policy import CATALOG, ONE_WEEK, QuotaCounting, RepairPolicy, RevisitCategory, policy_named

__all__ = [
    "appointment",
    "ceil_share",
    "check_record",
    "counted_revisits",
    "handover",
    "intake",
    "quota_check",
    "rectification",
    "revisit_due",
    "revisit_status",
    "revisit_window",
]

_CUSTOMER_SERVICE = "customer service / 客服人员"
_OFFICE = "property office / 管理处"
_REVISITOR = "revisiting staff / 回访人员"
_REDO_OWNER = "customer service with the department supervisor / 客服人员联合相关部门主管"
_ENGINEERING = "engineering / 工程部"
_ADMINISTRATOR = "administrator / 管理员"
_SERVICE_CENTRE = "customer service centre / 客服中心"


# -- helpers --------------------------------------------------------------------------------


_D = TypeVar("_D", bound=Decision)


def _basis(policy: RepairPolicy) -> Basis:
    return Basis(kind="policy", name=policy.name, version=policy.version)


def _decision(cls: type[_D], policy: RepairPolicy, lines: Iterable[Text], **fields: Any) -> _D:
    """A repair decision of ``fields`` (built without validation: the engine validated its
    inputs) and what every one shares: the policy as its basis, neither provisional nor
    escalated, the explanation of ``lines``."""
    return cast(_D, cls.model_construct(  # the mypy plugin types it as the bound, not _D
        **fields,
        basis=_basis(policy),
        provisional=None,
        escalation=None,
        explanation=Explanation.from_lines(lines),
        format=DECISION_FORMAT,
    ))


def _fmt(instant: datetime, cal: WorkCalendar, zh: bool = False, year: bool = False) -> str:
    """An instant as the explanations write it: "Fri 7 Mar 14:00", the end of a day as
    "Mon 10 Mar 24:00" (「3月10日(周一)24:00」 with ``zh``); with ``year``, the year too."""
    t = instant_text(instant, cal.tz, year=year)
    return t.zh if zh else t.en


def _duration(d: timedelta) -> Text:
    """A length of time for a reader: "2 days 1 h 45 min" / 「2天1小时45分钟」."""
    total = int(d.total_seconds()) // 60
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    en = " ".join(p for p in (f"{days} day{'s' if days != 1 else ''}" if days else "",
                              f"{hours} h" if hours else "", f"{minutes} min" if minutes else "")
                  if p)
    zh = (f"{days}天" if days else "") + (f"{hours}小时" if hours else "") + \
        (f"{minutes}分钟" if minutes else "")
    return Text(en or "under a minute", zh or "不到1分钟")


_T = TypeVar("_T")


def _need(value: Any, cls: type[_T], field: str) -> _T:
    """``value`` if it is a ``cls``, else an :class:`InputError` naming ``field``."""
    if not isinstance(value, cls):
        hint = "" if cls is str else f" (validate the data with {cls.__name__}.model_validate)"
        raise InputError(field, f"must be a {cls.__name__}{hint}", type(value).__name__)
    return value


def _each(values: Any, cls: type[_T], field: str) -> tuple[_T, ...]:
    """Every item of ``values`` checked to be a ``cls`` (``field[i]`` names a bad one)."""
    if isinstance(values, str | bytes | dict) or not isinstance(values, Iterable):
        raise InputError(field, f"must be a sequence of {cls.__name__}", type(values).__name__)
    items = tuple(values)
    for i, v in enumerate(items):
        _need(v, cls, f"{field}[{i}]")
    return items


def _instant(value: Any, field: str) -> datetime:
    """A timezone-aware instant from 1900 to 2199, or an :class:`InputError` naming
    ``field``."""
    require_aware(value, field)
    if not EARLIEST <= value < LATEST:
        raise InputError(field, "must lie in the years 1900 to 2199", value.isoformat())
    return cast(datetime, value)


def _check_period(period: Any) -> None:
    """A period of two dates, the first not after the last (`OM-RV1`'s quota period)."""
    if not (isinstance(period, tuple | list) and len(period) == 2
            and all(isinstance(d, date) and not isinstance(d, datetime) for d in period)):
        raise InputError("period", "must be two dates, the first and the last day", period)
    if not all(EARLIEST.date() <= d < LATEST.date() for d in period):
        raise InputError("period", "must lie in the years 1900 to 2199", period)
    if period[0] > period[1]:
        raise InputError("period", f"the first day {period[0].isoformat()} is after the last "
                         f"day {period[1].isoformat()}", period)


def _happened(at: datetime | None, as_of: datetime | None) -> bool:
    return at is not None and (as_of is None or at <= as_of)


def _obligation(
    key: str,
    rule: str,
    duty: Text,
    owed_by: str,
    start: datetime | None,
    due: datetime | None,
    done_at: datetime | None,
    as_of: datetime | None,
) -> Obligation:
    """An obligation's standing: `status_at` with ``as_of``; without it, facts decide alone."""
    if as_of is not None and done_at is not None and done_at > as_of:
        done_at = None
    state: ObligationState
    late_by = remaining = None
    if due is None:
        state = ObligationState.MET if done_at is not None else ObligationState.PENDING
    elif as_of is not None:
        st = status_at(due, done_at, as_of)
        state, late_by, remaining = st.state, st.late_by, st.remaining
    elif done_at is not None:
        state = ObligationState.MET if done_at <= due else ObligationState.BREACHED
        late_by = done_at - due if done_at > due else None
    else:
        state = ObligationState.PENDING
    return Obligation.model_construct(
        key=key,
        rule=rule,
        duty=duty.en,
        duty_zh=duty.zh,
        owed_by=owed_by,
        start=start,
        due=due,
        done_at=done_at,
        state=state,
        late_by=late_by,
        remaining=remaining,
    )


_STATE_TEXT = {
    ObligationState.MET: Text("met", "已履行"),
    ObligationState.BREACHED: Text("breached", "已违反"),
    ObligationState.PENDING: Text("pending", "待履行"),
}


def _state_line(ob: Obligation, cal: WorkCalendar) -> Text:
    """Where one obligation stands, as the person who owes it reads it."""
    who_en, who_zh = ob.owed_by.split(" / ")[0], ob.owed_by.split(" / ")[-1]
    due, done = ob.due, ob.done_at
    if ob.state is ObligationState.MET:
        d_en, d_zh = _fmt(cast(datetime, done), cal), _fmt(cast(datetime, done), cal, True)
        if due is None:
            en = f"met, done {d_en} (no time limit stated)"
            zh = f"已完成,完成于{d_zh}(规定未设时限)"
        elif done == due:
            en = f"met, done {d_en}, right at the deadline"
            zh = f"已完成,完成于{d_zh},恰在截止时间"
        else:
            ahead = _duration(due - cast(datetime, done))
            en = f"met, done {d_en}, {ahead.en} before the deadline {_fmt(due, cal)}"
            zh = f"已完成,完成于{d_zh},比截止时间{_fmt(due, cal, True)}提前{ahead.zh}"
    elif ob.state is ObligationState.BREACHED:
        due = cast(datetime, due)
        u_en, u_zh = _fmt(due, cal), _fmt(due, cal, True)
        if done is not None:
            late = _duration(done - due)
            en = f"breached, done {_fmt(done, cal)}, {late.en} after the deadline {u_en}"
            zh = f"已逾期,截止{u_zh},{_fmt(done, cal, True)}才完成,逾期{late.zh}"
        elif ob.late_by is not None:
            late = _duration(ob.late_by)
            en = f"breached, not done, {late.en} past the deadline {u_en}"
            zh = f"已逾期,截止{u_zh},尚未完成,已逾期{late.zh}"
        else:
            en = f"breached, not done by the deadline {u_en}"
            zh = f"已逾期,截止{u_zh},尚未完成"
    elif due is None:
        en, zh = "pending, no time limit stated", "待办,规定未设时限"
    elif ob.remaining is not None:
        left = _duration(ob.remaining)
        en = f"pending, {left.en} left, due {_fmt(due, cal)}"
        zh = f"待办,剩余{left.zh},截止{_fmt(due, cal, True)}"
    else:
        en, zh = f"pending, due {_fmt(due, cal)}", f"待办,截止{_fmt(due, cal, True)}"
    duty = ob.duty[:1].upper() + ob.duty[1:]
    return Text(f"{duty} — {who_en}: {en} ({ob.rule}).",
                f"{ob.duty_zh}—{who_zh}:{zh}({ob.rule})。")


def _count(n: int, noun: str) -> str:
    """ "1 defect", "4 defects"."""
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _within(span: Span) -> Text:
    """A span as a limit: "within 2 hours" / 「在2小时内」, "at once" / 「马上」."""
    if span.unit is SpanUnit.IMMEDIATELY:
        return Text("at once", "马上")
    if span.unit is SpanUnit.SAME_DAY:
        return Text("the same day", "当天")
    return Text(f"within {span}", f"在{span.zh}内")


def _subject(prefix: str, ident: str) -> str:
    return f"{prefix} {ident}"


def ceil_share(share: Fraction, n: int) -> int:
    """The least whole number of repairs that is at least ``share`` of ``n``: ceil(share × n),
    in exact integer arithmetic.

    >>> ceil_share(Fraction(1, 10), 25), ceil_share(Fraction(3, 10), 10), ceil_share(Fraction(1), 7)
    (3, 3, 7)
    """
    return -((-share.numerator * n) // share.denominator)


# -- OM-R3 / SQ-R1: intake -------------------------------------------------------------------


def intake(
    request: RepairRequest,
    policy: RepairPolicy | str = CATALOG,
    *,
    as_of: datetime | None = None,
) -> IntakeDecision:
    """`OM-R3` (the record) and `SQ-R1` (urgent repairs to engineering at once, others within
    2 hours): the hand-over's deadline, who owes it, and its standing at ``as_of``.

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
    policy = policy_named(policy)
    request = _need(request, RepairRequest, "request")
    if as_of is not None:
        _instant(as_of, "as_of")
    cal = policy.work_calendar
    lines: list[Text] = []
    used = [
        FactUsed(f"requests[{request.id}].{f}", "OM-R3")
        for f in ("received_at", "name", "address", "phone", "content")
    ]
    set_aside: list[FactSetAside] = []
    missing: list[MissingFact] = []
    not_applied: list[RuleNotApplied] = []
    decided: list[str] = []
    handover_ob: Obligation | None = None
    if policy.intake_urgent is not None and policy.intake_normal is not None:
        span = policy.intake_urgent if request.urgent else policy.intake_normal
        due = deadline(request.received_at, span, cal)
        done = request.passed_to_engineering_at
        if done is not None and not _happened(done, as_of):
            set_aside.append(
                FactSetAside(f"requests[{request.id}].passed_to_engineering_at",
                             SetAsideReason.AFTER_AS_OF, "SQ-R1")
            )
        elif done is not None:
            used.append(FactUsed(f"requests[{request.id}].passed_to_engineering_at", "SQ-R1"))
        used.append(FactUsed(f"requests[{request.id}].urgent", "SQ-R1"))
        kind = Text("an urgent repair", "急修") if request.urgent else Text(
            "a non-urgent repair", "一般报修"
        )
        handover_ob = _obligation(
            f"{request.id}:intake",
            "SQ-R1",
            Text("pass the request to engineering", "将报修转达工程部"),
            _CUSTOMER_SERVICE,
            request.received_at,
            due,
            done,
            as_of,
        )
        lines.append(
            Text(
                f"{request.id} is {kind.en}, received {_fmt(request.received_at, cal, year=True)}:"
                f" it goes to engineering {_within(span).en} (SQ-R1, {span.rule_id}).",
                f"{request.id}为{kind.zh},受理于{_fmt(request.received_at, cal, True, True)}:"
                f"应{_within(span).zh}通报工程部(SQ-R1、{span.rule_id})。",
            )
        )
        lines.append(_state_line(handover_ob, cal))
        decided.extend(("SQ-R1", span.rule_id))
    else:
        not_applied.append(RuleNotApplied("SQ-R1", f"not part of policy {policy.name!r}"))
        if request.passed_to_engineering_at is not None:
            set_aside.append(
                FactSetAside(f"requests[{request.id}].passed_to_engineering_at",
                             SetAsideReason.DISABLED_BY_RULEBOOK, "SQ-R1")
            )
    record_missing: tuple[str, ...] = ()
    if request.agreed_time is None:
        record_missing = ("agreed_time",)
        missing.append(
            MissingFact("agreed_time", "OM-R3", "When was the repair agreed to be done (约修日期)?")
        )
        lines.append(
            Text(
                "The record lacks the agreed repair time (OM-R3).",
                "登记缺少约修日期(OM-R3)。",
            )
        )
    else:
        used.append(FactUsed(f"requests[{request.id}].agreed_time", "OM-R3"))
        lines.append(
            Text(
                "The record has the date, name, address, phone, content and agreed time (OM-R3).",
                "登记包括维修日期、姓名、地址、联系电话、内容、约修日期(OM-R3)。",
            )
        )
    decided.append("OM-R3")
    return _decision(
        IntakeDecision, policy, lines,
        kind="repair.intake",
        subject=_subject("request", request.id),
        as_of=as_of,
        outcome=IntakeOutcome.model_construct(
            what="intake",
            request=request.id,
            urgent=request.urgent,
            record_complete=not record_missing,
            missing=record_missing,
            handover=handover_ob,
        ),
        decided_by=tuple(decided),
        not_applied=tuple(not_applied),
        facts_used=tuple(used),
        facts_set_aside=tuple(set_aside),
        missing_facts=tuple(missing),
    )


# -- OM-R4: appointments --------------------------------------------------------------------

_R4_FORMS = frozenset({NoticeForm.WRITTEN, NoticeForm.PHONE})


def appointment(
    request: RepairRequest,
    policy: RepairPolicy | str = CATALOG,
    *,
    as_of: datetime | None = None,
) -> AppointmentDecision:
    """`OM-R4`: for each agreed time, the repairer came by it, or the client was told (in
    writing or by phone) by it and a new time agreed; the new time is then the agreed time.

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
    policy = policy_named(policy)
    request = _need(request, RepairRequest, "request")
    if as_of is not None:
        _instant(as_of, "as_of")
    cal = policy.work_calendar
    rid = request.id
    used: list[FactUsed] = []
    set_aside: list[FactSetAside] = []
    lines: list[Text] = []
    if not policy.appointments:
        return _decision(
            AppointmentDecision, policy,
            [Text(f"OM-R4 is not part of policy {policy.name!r}.",
                  f"{policy.title_zh}不含OM-R4。")],
            kind="repair.appointment",
            subject=_subject("request", rid),
            as_of=as_of,
            outcome=AppointmentOutcome.model_construct(
                what="appointment", request=rid, agreed_times=(), current_time=None,
                obligations=(), state=None,
            ),
            decided_by=(),
            not_applied=(RuleNotApplied("OM-R4", f"not part of policy {policy.name!r}"),),
            facts_used=(),
            facts_set_aside=(),
            missing_facts=(),
        )
    if request.agreed_time is None:
        return _decision(
            AppointmentDecision, policy,
            [Text("No agreed repair time yet: OM-R4 has nothing to check.",
                  "尚无约修时间:OM-R4无从检查。")],
            kind="repair.appointment",
            subject=_subject("request", rid),
            as_of=as_of,
            outcome=AppointmentOutcome.model_construct(
                what="appointment", request=rid, agreed_times=(), current_time=None,
                obligations=(), state=None,
            ),
            decided_by=("OM-R4",),
            not_applied=(),
            facts_used=(),
            facts_set_aside=(),
            missing_facts=(
                MissingFact("agreed_time", "OM-R4", "When was the repair agreed to be done?"),
            ),
        )
    valid: list[tuple[int, datetime, datetime | None]] = []
    for n, r in sorted(enumerate(request.reschedules), key=lambda p: (p[1].told_at, p[0])):
        fact = f"requests[{rid}].reschedules[{n}]"
        if not _happened(r.told_at, as_of):
            set_aside.append(FactSetAside(fact, SetAsideReason.AFTER_AS_OF, "OM-R4"))
        elif r.form not in _R4_FORMS:
            set_aside.append(
                FactSetAside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-R4",
                             f"told {r.form.value}; OM-R4 asks for writing or phone")
            )
        else:
            valid.append((n, r.told_at, r.new_time))
    arrived = request.arrived_at if _happened(request.arrived_at, as_of) else None
    if request.arrived_at is not None and arrived is None:
        set_aside.append(FactSetAside(f"requests[{rid}].arrived_at", SetAsideReason.AFTER_AS_OF,
                                      "OM-R4"))
    duty = Text("come at the agreed time, or tell the client before it and agree a new time",
                "按约定时间上门,否则事先以书面或电话说明情况并另约时间")
    current: datetime = request.agreed_time
    times = [current]
    obligations: list[Obligation] = []
    used.append(FactUsed(f"requests[{rid}].agreed_time", "OM-R4"))
    lines.append(Text(f"Agreed repair time {_fmt(current, cal, year=True)} (OM-R4).",
                      f"约修时间{_fmt(current, cal, True, True)}(OM-R4)。"))
    after = request.received_at
    consumed: set[int] = set()
    k = 0
    while True:
        key = f"{rid}:appointment[{k}]"
        if arrived is not None and arrived <= current:
            used.append(FactUsed(f"requests[{rid}].arrived_at", "OM-R4"))
            ob = _obligation(key, "OM-R4", duty, _OFFICE, after, current, arrived, as_of)
            obligations.append(ob)
            lines.append(Text(f"The repairer came {_fmt(arrived, cal)}, by the agreed time "
                              f"{_fmt(current, cal)}.",
                              f"维修人员于{_fmt(arrived, cal, True)}按约上门(约定时间"
                              f"{_fmt(current, cal, True)})。"))
            break
        in_time = [(n, t, nt) for n, t, nt in valid if n not in consumed and after <= t <= current]
        agreed = next(((n, t, nt) for n, t, nt in in_time if nt is not None), None)
        if agreed is not None:
            n, told, new_time = agreed
            assert new_time is not None
            consumed.add(n)
            used.append(FactUsed(f"requests[{rid}].reschedules[{n}]", "OM-R4"))
            obligations.append(_obligation(key, "OM-R4", duty, _OFFICE, after, current, told,
                                           as_of))
            lines.append(
                Text(
                    f"The client was told {_fmt(told, cal)}, before {_fmt(current, cal)}, and "
                    f"a new time {_fmt(new_time, cal)} agreed (OM-R4).",
                    f"已于{_fmt(told, cal, True)}(约定时间{_fmt(current, cal, True)}之前)"
                    f"向客户说明情况,另约{_fmt(new_time, cal, True)}(OM-R4)。",
                )
            )
            after, current = told, new_time
            times.append(current)
            k += 1
            continue
        for n, _t, _nt in in_time:
            consumed.add(n)
            set_aside.append(
                FactSetAside(f"requests[{rid}].reschedules[{n}]",
                             SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-R4",
                             "no new time agreed")
            )
        late = next(
            ((n, t, nt) for n, t, nt in valid if n not in consumed and t > current and nt),
            None,
        )
        done_late = late[1] if late is not None else None
        # a repairer who came after the agreed time shows that time has passed
        seen_at = as_of if as_of is not None else (arrived if late is None else None)
        ob = _obligation(key, "OM-R4", duty, _OFFICE, after, current, done_late, seen_at)
        obligations.append(ob)
        if ob.state is ObligationState.PENDING:
            lines.append(Text(f"The agreed time {_fmt(current, cal)} is still to come.",
                              f"约定时间{_fmt(current, cal, True)}尚未到。"))
        elif late is not None:
            n, told, new_time = late
            assert new_time is not None
            consumed.add(n)
            used.append(FactUsed(f"requests[{rid}].reschedules[{n}]", "OM-R4"))
            lines.append(
                Text(
                    f"The repairer did not come by {_fmt(current, cal)} and the client was told "
                    f"only {_fmt(told, cal)}, too late (OM-R4); new time {_fmt(new_time, cal)}.",
                    f"维修人员未在{_fmt(current, cal, True)}前上门,至{_fmt(told, cal, True)}"
                    f"才告知客户,已逾期(OM-R4);另约{_fmt(new_time, cal, True)}。",
                )
            )
            after, current = told, new_time
            times.append(current)
            k += 1
            continue
        else:
            lines.append(
                Text(
                    f"The repairer did not come by {_fmt(current, cal)} and the client was not "
                    "told before it (OM-R4).",
                    f"维修人员未在{_fmt(current, cal, True)}前上门,也未事先告知客户(OM-R4)。",
                )
            )
        break
    for ob in obligations:
        lines.append(_state_line(ob, cal))
    states = {o.state for o in obligations}
    overall = (
        ObligationState.BREACHED if ObligationState.BREACHED in states
        else ObligationState.PENDING if ObligationState.PENDING in states
        else ObligationState.MET
    )
    return _decision(
        AppointmentDecision, policy, lines,
        kind="repair.appointment",
        subject=_subject("request", rid),
        as_of=as_of,
        outcome=AppointmentOutcome.model_construct(
            what="appointment",
            request=rid,
            agreed_times=tuple(times),
            current_time=current,
            obligations=tuple(obligations),
            state=overall,
        ),
        decided_by=("OM-R4",),
        not_applied=(),
        facts_used=tuple(used),
        facts_set_aside=tuple(set_aside),
        missing_facts=(),
    )


# -- OM-RV2: revisit windows -------------------------------------------------------------------


def _needs_cap(span: Span) -> bool:
    """Whether a window could end after one week (validation refuses the obvious cases):
    working-time windows, and any window extended over rest days (`T-REST-DAY-EXTENSION`)."""
    return span.extend_over_rest_days or span.unit in (
        SpanUnit.WORKING_DAYS,
        SpanUnit.WORKING_HOURS,
        SpanUnit.WORKING_MINUTES,
    )


def _window_due(
    completed_at: datetime, cat: RevisitCategory, cal: WorkCalendar
) -> tuple[datetime, bool]:
    due = deadline(completed_at, cat.window, cal)
    if _needs_cap(cat.window):
        cap = deadline(completed_at, ONE_WEEK, cal)
        if cap < due:
            return cap, True
    return due, False


def revisit_due(
    completed_at: datetime, category: str, policy: RepairPolicy | str = CATALOG
) -> datetime:
    """`OM-RV2`: the revisit deadline of a repair completed at ``completed_at``: its
    category's window (safety 2 days, leak 3 days, other 7 days in the presets), never beyond
    one week. Fast: for bulk use.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> done = datetime(2025, 3, 7, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))   # a Friday
    >>> [revisit_due(done, c).date().isoformat() for c in ("safety", "leak", "other")]
    ['2025-03-10', '2025-03-11', '2025-03-15']
    """
    policy = policy_named(policy)
    _instant(completed_at, "completed_at")
    _need(category, str, "category")
    return _window_due(completed_at, policy.category(category), policy.work_calendar)[0]


def revisit_status(
    completed_at: datetime,
    category: str,
    revisited_at: datetime | None,
    as_of: datetime,
    policy: RepairPolicy | str = CATALOG,
) -> DeadlineStatus:
    """`OM-RV2`: where a repair's revisit stands at ``as_of`` (met, breached, pending).

    A revisit before the completion does not count (it cannot revisit a repair not yet done).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> done = datetime(2025, 3, 7, 15, 0, tzinfo=sh)
    >>> revisit_status(done, "safety", None, datetime(2025, 3, 10, 9, 0, tzinfo=sh)).state
    <ObligationState.BREACHED: 'breached'>
    """
    policy = policy_named(policy)
    _instant(completed_at, "completed_at")
    _need(category, str, "category")
    if revisited_at is not None:
        _instant(revisited_at, "revisited_at")
    _instant(as_of, "as_of")
    due = _window_due(completed_at, policy.category(category), policy.work_calendar)[0]
    if revisited_at is not None and revisited_at < completed_at:
        revisited_at = None
    return status_at(due, revisited_at, as_of)


def _first_revisit(
    repair: CompletedRepair, revisits: Iterable[RevisitRecord], as_of: datetime | None
) -> tuple[RevisitRecord | None, list[FactSetAside]]:
    first: RevisitRecord | None = None
    aside: list[FactSetAside] = []
    for r in sorted(revisits, key=lambda v: (v.at, v.id)):
        if r.repair != repair.id:
            continue
        if r.at < repair.completed_at:
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.OUTSIDE_WINDOW,
                                      "OM-RV2", "before the repair was completed"))
        elif not _happened(r.at, as_of):
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.AFTER_AS_OF, "OM-RV2"))
        elif first is None:
            first = r
        else:
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.NOT_FIRST, "OM-RV2"))
    return first, aside


def revisit_window(
    repair: CompletedRepair,
    policy: RepairPolicy | str = CATALOG,
    *,
    revisits: Iterable[RevisitRecord] = (),
    as_of: datetime | None = None,
) -> RevisitWindowDecision:
    """`OM-RV2` explained: the revisit deadline of a completed repair from its (explicit)
    category, and the standing of its first revisit at ``as_of``.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> rep = CompletedRepair(id="R3", completed_at=datetime(2025, 3, 7, 15, 0, tzinfo=sh),
    ...                       category="safety", description="消防门闭门器更换")
    >>> d = revisit_window(rep)
    >>> d.outcome.due.isoformat(), d.decided_by
    ('2025-03-10T00:00:00+08:00', ('OM-RV2', 'T-DAYS'))
    """
    policy = policy_named(policy)
    repair = _need(repair, CompletedRepair, "repair")
    revisits = _each(revisits, RevisitRecord, "revisits")
    if as_of is not None:
        _instant(as_of, "as_of")
    if not policy.categories:
        raise InputError("policy.categories", "the policy has no revisit windows (OM-RV2 off)")
    cal = policy.work_calendar
    cat = policy.category(repair.category, f"completed[{repair.id}].category")
    due, capped = _window_due(repair.completed_at, cat, cal)
    last = (due - timedelta(microseconds=1)).astimezone(cal.tz).date()
    first, aside = _first_revisit(repair, revisits, as_of)
    done = first.at if first is not None else None
    ob = _obligation(
        f"{repair.id}:revisit",
        "OM-RV2",
        Text("revisit the repair", "维修回访"),
        _REVISITOR,
        repair.completed_at,
        due,
        done,
        as_of,
    )
    used = [
        FactUsed(f"completed[{repair.id}].completed_at", "OM-RV2"),
        FactUsed(f"completed[{repair.id}].category", "OM-RV2"),
    ]
    if first is not None:
        used.append(FactUsed(f"revisits[{first.id}]", "OM-RV2"))
    lines = [
        Text(
            f"{repair.id} ({cat.name_en}, category {cat.key!r}) was completed "
            f"{_fmt(repair.completed_at, cal, year=True)}: revisit {_within(cat.window).en} "
            f"(OM-RV2, {cat.window.rule_id}).",
            f"{repair.id}({cat.name_zh})于{_fmt(repair.completed_at, cal, True, True)}维修完毕:"
            f"应{_within(cat.window).zh}回访(OM-RV2、{cat.window.rule_id})。",
        )
    ]
    if capped:
        lines.append(Text("The window is cut at one week after the repair (OM-RV2).",
                          "回访时间不超过维修后一星期(OM-RV2)。"))
    if is_end_of_day(due, cal.tz):
        day = day_text(last)
        lines.append(Text(f"Revisit by the end of {day.en}, the window's last day.",
                          f"回访期限最后一日为{day.zh},当日24:00前回访。"))
    else:
        lines.append(Text(f"Revisit by {_fmt(due, cal)}.", f"{_fmt(due, cal, True)}前回访。"))
    lines.append(_state_line(ob, cal))
    rules = ("OM-RV2", cat.window.rule_id) + (("T-DAYS",) if capped else ())
    return _decision(
        RevisitWindowDecision, policy, lines,
        kind="repair.revisit_window",
        subject=_subject("repair", repair.id),
        as_of=as_of,
        outcome=RevisitWindowOutcome.model_construct(
            what="revisit_window",
            repair=repair.id,
            category=cat.key,
            window=cat.window,
            completed_at=repair.completed_at,
            due=due,
            last_day=last,
            capped_at_one_week=capped,
            revisited_at=done,
            obligation=ob,
        ),
        decided_by=tuple(dict.fromkeys(rules)),
        not_applied=(),
        facts_used=tuple(used),
        facts_set_aside=tuple(aside),
        missing_facts=(),
    )


# -- OM-RV3: revisit records ---------------------------------------------------------------------


def check_record(record: RevisitRecord,
                 policy: RepairPolicy | str = CATALOG) -> RevisitRecordDecision:
    """`OM-RV3`: a revisit record is complete only with its five items; an incomplete record
    names what is missing.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> rec = RevisitRecord(id="V1", repair="R1", by="张主任", role="office_director",
    ...     at=datetime(2025, 3, 9, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    ...     site_inspection="水管接口无渗漏", service_feedback="满意", suggestions="无",
    ...     charge_check="材料费35元,已核对")
    >>> d = check_record(rec)
    >>> d.outcome.complete, [m.value for m in d.outcome.missing]
    (False, ['signature'])
    """
    policy = policy_named(policy)
    record = _need(record, RevisitRecord, "record")
    present = tuple(i for i in RecordItem if record.item(i) is not None)
    missing = tuple(i for i in RecordItem if record.item(i) is None)
    if not policy.record_items:
        not_applied: tuple[RuleNotApplied, ...] = (
            RuleNotApplied("OM-RV3", f"not part of policy {policy.name!r}"),
        )
        lines = [Text(f"OM-RV3 is not part of policy {policy.name!r}.",
                      f"{policy.title_zh}不含OM-RV3。")]
        decided: tuple[str, ...] = ()
    else:
        not_applied = ()
        decided = ("OM-RV3",)
        if missing:
            lines = [
                Text(
                    f"Revisit record {record.id} is incomplete: missing "
                    f"{'; '.join(i.en for i in missing)} (OM-RV3).",
                    f"回访记录{record.id}不完整,缺少:{'、'.join(i.zh for i in missing)}(OM-RV3)。",
                )
            ]
        else:
            lines = [
                Text(f"Revisit record {record.id} has all five items (OM-RV3).",
                     f"回访记录{record.id}五项内容齐全(OM-RV3)。")
            ]
    return _decision(
        RevisitRecordDecision, policy, lines,
        kind="repair.revisit_record",
        subject=_subject("revisit", record.id),
        as_of=None,
        outcome=RevisitRecordOutcome.model_construct(
            what="revisit_record",
            record=record.id,
            repair=record.repair,
            complete=not missing,
            present=present,
            missing=missing,
        ),
        decided_by=decided,
        not_applied=not_applied,
        facts_used=tuple(FactUsed(f"revisits[{record.id}].{i.value}", "OM-RV3") for i in present)
        if policy.record_items else (),
        facts_set_aside=(),
        missing_facts=tuple(
            MissingFact(f"revisits[{record.id}].{i.value}", "OM-RV3", f"{i.en}? ({i.zh})")
            for i in missing
        ) if policy.record_items else (),
    )


# -- OM-RV4 / SQ-RV: rectification and redo -------------------------------------------------------


def rectification(
    revisit: RevisitRecord,
    policy: RepairPolicy | str = CATALOG,
    *,
    notices: Iterable[RectificationNotice] = (),
    repairs: Iterable[CompletedRepair] = (),
    as_of: datetime | None = None,
) -> RectificationDecision:
    """`OM-RV4`: a problem found at a revisit is notified in writing to the repairer within 24
    hours; `SQ-RV`: a dissatisfied resident gets the repair redone (a new repair whose
    ``redo_of`` is the first).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> rec = RevisitRecord(id="V2", repair="R1", by="刘工", role="repair_lead",
    ...     at=datetime(2025, 3, 9, 10, 0, tzinfo=sh), problems=("接口仍有渗水",), satisfied=False)
    >>> d = rectification(rec, as_of=datetime(2025, 3, 10, 11, 0, tzinfo=sh))
    >>> [(o.rule, o.due.isoformat() if o.due else None, o.state.value)
    ...  for o in d.outcome.obligations]
    [('OM-RV4', '2025-03-10T10:00:00+08:00', 'breached'), ('SQ-RV', None, 'pending')]
    """
    policy = policy_named(policy)
    revisit = _need(revisit, RevisitRecord, "revisit")
    notices = _each(notices, RectificationNotice, "notices")
    repairs = _each(repairs, CompletedRepair, "repairs")
    if as_of is not None:
        _instant(as_of, "as_of")
    cal = policy.work_calendar
    vid = revisit.id
    obligations: list[Obligation] = []
    used: list[FactUsed] = []
    aside: list[FactSetAside] = []
    missing: list[MissingFact] = []
    not_applied: list[RuleNotApplied] = []
    decided: list[str] = []
    lines: list[Text] = []
    # OM-RV4
    if policy.rectification_notice is None:
        not_applied.append(RuleNotApplied("OM-RV4", f"not part of policy {policy.name!r}"))
    elif not revisit.problems:
        not_applied.append(RuleNotApplied("OM-RV4", "no problem was found at the revisit"))
        lines.append(Text(f"No problem was found at revisit {vid}: no notice is due (OM-RV4).",
                          f"回访{vid}未发现问题:无须发整改通知(OM-RV4)。"))
    else:
        span = policy.rectification_notice
        due = deadline(revisit.at, span, cal)
        written: datetime | None = None
        for n in sorted(notices, key=lambda x: (x.at, x.id)):
            if n.revisit != vid:
                continue
            fact = f"notices[{n.id}]"
            if not _happened(n.at, as_of):
                aside.append(FactSetAside(fact, SetAsideReason.AFTER_AS_OF, "OM-RV4"))
            elif n.form is not NoticeForm.WRITTEN:
                aside.append(FactSetAside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-RV4",
                                          f"{n.form.value}; OM-RV4 asks for a written notice"))
            elif n.at < revisit.at:
                aside.append(FactSetAside(fact, SetAsideReason.NOT_RELEVANT, "OM-RV4",
                                          "before the revisit"))
            elif written is None:
                written = n.at
                used.append(FactUsed(fact, "OM-RV4"))
            else:
                aside.append(FactSetAside(fact, SetAsideReason.NOT_FIRST, "OM-RV4"))
        ob = _obligation(f"{vid}:rectification_notice", "OM-RV4",
                         Text("notify the repairer in writing to put it right",
                              "书面通知维修人员整改"),
                         _REVISITOR, revisit.at, due, written, as_of)
        obligations.append(ob)
        used.append(FactUsed(f"revisits[{vid}].problems", "OM-RV4"))
        lines.append(
            Text(
                f"Revisit {vid} ({_fmt(revisit.at, cal, year=True)}) found: "
                f"{'; '.join(revisit.problems)}. The repairer is notified in writing "
                f"{_within(span).en} (OM-RV4, {span.rule_id}).",
                f"回访{vid}({_fmt(revisit.at, cal, True, True)})发现问题:"
                f"{';'.join(revisit.problems)}。应{_within(span).zh}书面通知维修人员整改"
                f"(OM-RV4、{span.rule_id})。",
            )
        )
        lines.append(_state_line(ob, cal))
        decided.extend(("OM-RV4", span.rule_id))
    # SQ-RV redo
    redo_ids: tuple[str, ...] = ()
    if not policy.redo:
        not_applied.append(RuleNotApplied("SQ-RV", f"redo is not part of policy {policy.name!r}"))
    elif revisit.satisfied is None:
        missing.append(MissingFact(f"revisits[{vid}].satisfied", "SQ-RV",
                                   "Was the resident satisfied at the revisit?"))
        lines.append(Text("Whether the resident was satisfied is not recorded (SQ-RV).",
                          "未记录业户是否满意(SQ-RV)。"))
    elif revisit.satisfied:
        not_applied.append(RuleNotApplied("SQ-RV", "the resident was satisfied: no redo"))
        used.append(FactUsed(f"revisits[{vid}].satisfied", "SQ-RV"))
        lines.append(Text("The resident was satisfied: no redo (SQ-RV).",
                          "业户满意:无须返修(SQ-RV)。"))
    else:
        used.append(FactUsed(f"revisits[{vid}].satisfied", "SQ-RV"))
        redos = sorted(
            (r for r in repairs if r.redo_of == revisit.repair),
            key=lambda r: (r.completed_at, r.id),
        )
        done_at: datetime | None = None
        ids: list[str] = []
        for r in redos:
            if not _happened(r.completed_at, as_of):
                aside.append(FactSetAside(f"completed[{r.id}]", SetAsideReason.AFTER_AS_OF,
                                          "SQ-RV"))
                continue
            ids.append(r.id)
            used.append(FactUsed(f"completed[{r.id}]", "SQ-RV"))
            if done_at is None:
                done_at = r.completed_at
        redo_ids = tuple(ids)
        redo_due = (deadline(revisit.at, policy.redo_within, cal)
                    if policy.redo_within else None)
        ob = _obligation(f"{vid}:redo", "SQ-RV",
                         Text("redo the repair (a new repair linked to the first)",
                              "重新提供服务(返修,关联原维修单)"),
                         _REDO_OWNER, revisit.at, redo_due, done_at, as_of)
        obligations.append(ob)
        lines.append(
            Text(
                f"The resident was dissatisfied at revisit {vid}: repair {revisit.repair} is "
                "redone, the department supervisor coming in person (SQ-RV).",
                f"业户在回访{vid}中不满意:维修{revisit.repair}须重新提供服务,相关部门主管亲自上门"
                "(SQ-RV)。",
            )
        )
        lines.append(_state_line(ob, cal))
        decided.append("SQ-RV")
        if policy.redo_within:
            decided.append(policy.redo_within.rule_id)
    return _decision(
        RectificationDecision, policy, lines,
        kind="repair.rectification",
        subject=_subject("revisit", vid),
        as_of=as_of,
        outcome=RectificationOutcome.model_construct(
            what="rectification",
            revisit=vid,
            repair=revisit.repair,
            problems=revisit.problems,
            satisfied=revisit.satisfied,
            obligations=tuple(obligations),
            redo_repairs=redo_ids,
        ),
        decided_by=tuple(dict.fromkeys(decided)),
        not_applied=tuple(not_applied),
        facts_used=tuple(used),
        facts_set_aside=tuple(aside),
        missing_facts=tuple(missing),
    )


# -- OM-RV1 / SQ-RV: quotas and coverage -------------------------------------------------------


def _rate_of(
    role: str | None, name_en: str, name_zh: str, revisited: int, n: int, minimum: Fraction
) -> RoleRate:
    required = ceil_share(minimum, n)
    shortfall = max(0, required - revisited)
    return RoleRate.model_construct(
        role=role,
        name_en=name_en,
        name_zh=name_zh,
        revisited=revisited,
        repairs=n,
        rate=Fraction(revisited, n) if n else None,
        minimum=minimum,
        required=required,
        shortfall=shortfall,
        met=shortfall == 0,
    )


def _pct(f: Fraction | None) -> str:
    if f is None:
        return "-"
    pct = f * 100
    return f"{pct.numerator}%" if pct.denominator == 1 else f"{float(pct):.2f}%"


def counted_revisits(
    repairs: Mapping[str, CompletedRepair],
    revisits: Iterable[RevisitRecord],
    policy: RepairPolicy | str,
    *,
    as_of: datetime | None = None,
    aside: list[FactSetAside] | None = None,
    used: list[FactUsed] | None = None,
) -> dict[str, set[str]]:
    """The repairs (of ``repairs``, by id) each role has revisited, counting as the quotas do
    (`OM-RV1`, `SQ-RV`, and the policy's ``quota_counts``); what does not count is appended to
    ``aside`` with its reason, what counts to ``used``."""
    policy = policy_named(policy)
    aside = aside if aside is not None else []
    used = used if used is not None else []
    counting = policy.quota_counts
    due_cache: dict[str, datetime] = {}
    by_role: dict[str, set[str]] = {}
    for v in sorted(revisits, key=lambda x: (x.at, x.id)):
        fact = f"revisits[{v.id}]"
        rep_or_none = repairs.get(v.repair)
        if rep_or_none is None:
            aside.append(FactSetAside(fact, SetAsideReason.NOT_RELEVANT, "OM-RV1",
                                      "not a repair of the period"))
            continue
        rep = rep_or_none
        if not _happened(v.at, as_of):
            aside.append(FactSetAside(fact, SetAsideReason.AFTER_AS_OF, "OM-RV1"))
            continue
        if v.at < rep.completed_at:
            aside.append(FactSetAside(fact, SetAsideReason.OUTSIDE_WINDOW, "OM-RV1",
                                      "before the repair was completed"))
            continue
        if counting is not QuotaCounting.ALL:
            if rep.id not in due_cache:
                due_cache[rep.id] = revisit_due(rep.completed_at, rep.category, policy)
            if v.at > due_cache[rep.id]:
                aside.append(FactSetAside(fact, SetAsideReason.OUTSIDE_WINDOW, "OM-RV2",
                                          "after the revisit window"))
                continue
            if counting is QuotaCounting.ON_TIME_COMPLETE and any(
                v.item(i) is None for i in RecordItem
            ):
                aside.append(FactSetAside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-RV3",
                                          "incomplete revisit record"))
                continue
        seen = by_role.setdefault(v.role, set())
        rule = "OM-RV1" if policy.quota(v.role) is not None else "SQ-RV"
        if v.repair in seen:
            aside.append(FactSetAside(fact, SetAsideReason.NOT_FIRST, rule,
                                      "the role already revisited this repair"))
            continue
        seen.add(v.repair)
        used.append(FactUsed(fact, rule))
    return by_role


def quota_check(
    repairs: Sequence[CompletedRepair],
    revisits: Iterable[RevisitRecord],
    policy: RepairPolicy | str = CATALOG,
    *,
    period: tuple[date, date] | None = None,
    as_of: datetime | None = None,
) -> QuotaDecision:
    """`OM-RV1` (each role's revisit rate against its minimum) and `SQ-RV` (100% coverage)
    over the completed repairs of ``period`` (first and last local date of completion,
    inclusive; None: every repair given), in exact fractions, with the shortfall in repairs.

    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> t0 = datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> reps = [CompletedRepair(id=f"R{i}", completed_at=t0, category="other") for i in range(20)]
    >>> visits = [RevisitRecord(id=f"V{i}", repair=f"R{i}", at=t0 + timedelta(days=1),
    ...                         by="刘工", role="repair_lead") for i in range(11)]
    >>> d = quota_check(reps, visits)
    >>> [(r.role, str(r.rate), r.required, r.shortfall) for r in d.outcome.roles]
    [('office_director', '0', 2, 2), ('administrator', '0', 6, 6), ('repair_lead', '11/20', 12, 1)]
    >>> d.outcome.coverage.shortfall
    9
    """
    policy = policy_named(policy)
    repairs = _each(repairs, CompletedRepair, "repairs")
    revisits = _each(revisits, RevisitRecord, "revisits")
    if period is not None:
        _check_period(period)
    if as_of is not None:
        _instant(as_of, "as_of")
    if not policy.quotas and policy.coverage is None:
        raise InputError("policy", "the policy has neither quotas (OM-RV1) nor coverage (SQ-RV)")
    cal = policy.work_calendar
    aside: list[FactSetAside] = []
    used: list[FactUsed] = []
    in_period: dict[str, CompletedRepair] = {}
    for rep in repairs:
        if rep.id in in_period:
            raise InputError(f"completed[{rep.id}]", "repair id given twice")
        if period is not None:
            day = rep.completed_at.astimezone(cal.tz).date()
            if not period[0] <= day <= period[1]:
                aside.append(FactSetAside(f"completed[{rep.id}]", SetAsideReason.NOT_RELEVANT,
                                          "OM-RV1", "completed outside the period"))
                continue
        if not _happened(rep.completed_at, as_of):
            aside.append(FactSetAside(f"completed[{rep.id}]", SetAsideReason.AFTER_AS_OF,
                                      "OM-RV1"))
            continue
        in_period[rep.id] = rep
    n = len(in_period)
    by_role = counted_revisits(in_period, revisits, policy, as_of=as_of, aside=aside, used=used)
    covered: set[str] = set().union(*by_role.values())
    roles = tuple(
        _rate_of(q.role, q.name_en, q.name_zh, len(by_role.get(q.role, ())), n, q.minimum)
        for q in policy.quotas
    )
    coverage = (
        _rate_of(None, "coverage", "回访率", len(covered), n, policy.coverage)
        if policy.coverage is not None else None
    )
    all_met = all(r.met for r in roles) and (coverage is None or coverage.met)
    lines: list[Text] = []
    if period:
        first, last = day_text(period[0], year=True), day_text(period[1], year=True)
        span = Text(f" completed {first.en} to {last.en}", f"{first.zh}至{last.zh}期间")
    else:
        span = Text(" completed", "")
    lines.append(Text(f"{_count(n, 'repair')}{span.en}.", f"{span.zh}完成维修{n}项。"))
    for r in roles:
        lines.append(
            Text(
                f"{r.name_en[:1].upper()}{r.name_en[1:]}: {r.revisited}/{n} = {_pct(r.rate)}, "
                f"minimum {_pct(r.minimum)} "
                f"({r.required} repair{'' if r.required == 1 else 's'}): "
                + ("met" if r.met else f"short by {r.shortfall}") + " (OM-RV1).",
                f"{r.name_zh}:{r.revisited}/{n}={_pct(r.rate)},不低于{_pct(r.minimum)}"
                f"({r.required}项):" + ("达标" if r.met else f"差{r.shortfall}项") + "(OM-RV1)。",
            )
        )
    if coverage is not None:
        lines.append(
            Text(
                f"Coverage: {coverage.revisited}/{n} = {_pct(coverage.rate)}, required "
                f"{_pct(coverage.minimum)}: "
                + ("met" if coverage.met else f"short by {coverage.shortfall}") + " (SQ-RV).",
                f"回访覆盖:{coverage.revisited}/{n}={_pct(coverage.rate)},要求"
                f"{_pct(coverage.minimum)}:"
                + ("达标" if coverage.met else f"差{coverage.shortfall}项") + "(SQ-RV)。",
            )
        )
    decided = (("OM-RV1",) if policy.quotas else ()) + (
        ("SQ-RV",) if policy.coverage is not None else ()
    )
    not_applied = tuple(
        RuleNotApplied(rule, f"not part of policy {policy.name!r}")
        for rule, on in (("OM-RV1", bool(policy.quotas)), ("SQ-RV", policy.coverage is not None))
        if not on
    )
    counting = policy.quota_counts
    if counting is not QuotaCounting.ALL:
        decided += ("OM-RV2",) + (("OM-RV3",) if counting is QuotaCounting.ON_TIME_COMPLETE
                                  else ())
    return _decision(
        QuotaDecision, policy, lines,
        kind="repair.quotas",
        subject="revisit quotas" + (f" {period[0].isoformat()}..{period[1].isoformat()}"
                                    if period else ""),
        as_of=as_of,
        outcome=QuotaOutcome.model_construct(
            what="quotas",
            period=period,
            repairs=n,
            roles=roles,
            coverage=coverage,
            all_met=all_met,
        ),
        decided_by=decided,
        not_applied=not_applied,
        facts_used=tuple(used),
        facts_set_aside=tuple(aside),
        missing_facts=(),
    )


# -- MI-4.4.7: handover defects -------------------------------------------------------------------


def _defect(
    d: HandoverDefect,
    insp: HandoverInspection,
    policy: RepairPolicy,
    as_of: datetime | None,
    lines: list[Text],
    used: list[FactUsed],
    missing: list[MissingFact],
    aside: list[FactSetAside],
) -> DefectStatus:
    cal = policy.work_calendar
    settings = policy.handover
    assert settings is not None
    key = f"{insp.id}/{d.id}"
    fact = f"handovers[{insp.id}].defects[{d.id}]"
    if not d.repair_before_move_in:
        lines.append(
            Text(
                f"{d.id} ({d.description}): the owner has it repaired after moving in (4.4.8 a); "
                "an ordinary repair, outside MI-4.4.7.",
                f"{d.id}({d.description}):业主要求搬入后再行维修(第4.4.8条a项),按一般报修处理,"
                "不适用MI-4.4.7。",
            )
        )
        aside.append(FactSetAside(fact, SetAsideReason.NOT_APPLICABLE, "MI-4.4.7",
                                  "repair after moving in"))
        return DefectStatus.model_construct(defect=d.id, state=DefectState.NOT_APPLICABLE,
                                            obligations=())
    used.append(FactUsed(fact, "MI-4.4.7"))
    obs: list[Obligation] = []
    rectified = d.rectified_at if _happened(d.rectified_at, as_of) else None
    if d.deadline is None:
        missing.append(MissingFact(f"{fact}.deadline", "MI-4.4.7",
                                   "What deadline did the owner set for the rectification?"))
    rect = _obligation(f"{key}:rectify", "MI-4.4.7",
                       Text("rectify by the owner's deadline", "按业主的合理限期整改"),
                       _ENGINEERING, insp.inspected_at, d.deadline, rectified, as_of)
    obs.append(rect)
    lines.append(
        Text(
            f"{d.id} ({d.description}): rectify by the owner's deadline "
            + (_fmt(d.deadline, cal) if d.deadline else "(not given)") + " (MI-4.4.7).",
            f"{d.id}({d.description}):按业主的合理限期"
            + (_fmt(d.deadline, cal, True) if d.deadline else "(未给出)") + "整改(MI-4.4.7)。",
        )
    )
    lines.append(_state_line(rect, cal))
    missed = d.deadline is not None and (
        (rectified is not None and rectified > d.deadline)
        or (rectified is None and as_of is not None and as_of > d.deadline)
    )
    if missed:
        assert d.deadline is not None
        told = d.owner_told_at if d.reinspection_time is not None else None
        if d.owner_told_at is not None and d.reinspection_time is None:
            lines.append(Text("The owner was told but given no inspection time (MI-4.4.7).",
                              "已反馈业主,但未告知具体验收时间(MI-4.4.7)。"))
        due = (deadline(d.deadline, settings.missed_notice_within, cal)
               if settings.missed_notice_within else None)
        ob = _obligation(f"{key}:tell_owner", "MI-4.4.7",
                         Text("tell the owner and give the inspection time",
                              "将具体情况反馈给业主并告知具体验收时间"),
                         _ADMINISTRATOR, d.deadline, due, told, as_of)
        obs.append(ob)
        lines.append(_state_line(ob, cal))
    if rectified is not None:
        due = (deadline(rectified, settings.invite_within, cal)
               if settings.invite_within else None)
        ob = _obligation(f"{key}:second_inspection", "MI-4.4.7",
                         Text("invite the owner to the second inspection", "通知业主进行二次验收"),
                         _SERVICE_CENTRE, rectified, due,
                         d.invited_at if d.invited_at is not None else d.second_inspection_at,
                         as_of)
        obs.append(ob)
        lines.append(_state_line(ob, cal))
    second = d.second_inspection_at if _happened(d.second_inspection_at, as_of) else None
    state = DefectState.OPEN
    if rectified is not None:
        state = DefectState.RECTIFIED
    if second is not None and d.second_inspection_passed is True:
        state = DefectState.ACCEPTED
        lines.append(Text(f"Second inspection {_fmt(second, cal)}: passed.",
                          f"二次验收{_fmt(second, cal, True)}:合格。"))
    elif second is not None and d.second_inspection_passed is False:
        state = DefectState.FAILED_SECOND_INSPECTION
        resolved = d.resolved_at if _happened(d.resolved_at, as_of) else None
        if d.follow_up_deadline is None:
            missing.append(MissingFact(f"{fact}.follow_up_deadline", "MI-4.4.7",
                                       "What new deadline was set after the failed inspection?"))
        ob = _obligation(f"{key}:follow_up", "MI-4.4.7",
                         Text("follow up and resolve by the new deadline", "督促跟进,限期尽快解决"),
                         _ADMINISTRATOR, second, d.follow_up_deadline, resolved, as_of)
        obs.append(ob)
        lines.append(Text(f"Second inspection {_fmt(second, cal)}: failed; the administrator "
                          "follows up (MI-4.4.7).",
                          f"二次验收{_fmt(second, cal, True)}:不合格,由管理员督促跟进(MI-4.4.7)。"))
        lines.append(_state_line(ob, cal))
        if resolved is not None:
            state = DefectState.RESOLVED
    elif second is not None:
        missing.append(MissingFact(f"{fact}.second_inspection_passed", "MI-4.4.7",
                                   "Did the defect pass the second inspection?"))
    return DefectStatus.model_construct(defect=d.id, state=state, obligations=tuple(obs))


def handover(
    inspection: HandoverInspection,
    policy: RepairPolicy | str = CATALOG,
    *,
    as_of: datetime | None = None,
) -> HandoverDecision:
    """`MI-4.4.7`: each defect found at the handover inspection is rectified by the owner's
    deadline; if not, the owner is told and given an inspection time; after rectification the
    owner is invited to a second inspection; a failed one is followed up to a new deadline.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> insp = HandoverInspection.model_validate({"id": "H1", "unit": "8-1-1202",
    ...     "owner": "陈先生", "inspected_at": "2025-04-01T10:00+08:00",
    ...     "defects": [{"id": "D1", "description": "主卧墙面空鼓",
    ...                  "repair_before_move_in": True, "deadline": "2025-04-15T18:00+08:00"}]})
    >>> d = handover(insp, as_of=datetime(2025, 4, 16, 9, 0, tzinfo=sh))
    >>> [(o.key, o.state.value) for o in d.outcome.defects[0].obligations]
    [('H1/D1:rectify', 'breached'), ('H1/D1:tell_owner', 'pending')]
    """
    policy = policy_named(policy)
    inspection = _need(inspection, HandoverInspection, "inspection")
    if as_of is not None:
        _instant(as_of, "as_of")
    if policy.handover is None:
        raise InputError("policy.handover", "MI-4.4.7 is not part of this policy", policy.name)
    cal = policy.work_calendar
    lines = [
        Text(f"Handover inspection {inspection.id} of unit {inspection.unit} "
             f"({_fmt(inspection.inspected_at, cal, year=True)}): "
             f"{_count(len(inspection.defects), 'defect')} found.",
             f"{inspection.unit}交房验收{inspection.id}"
             f"({_fmt(inspection.inspected_at, cal, True, True)}):发现问题"
             f"{len(inspection.defects)}项。")
    ]
    used: list[FactUsed] = []
    missing: list[MissingFact] = []
    aside: list[FactSetAside] = []
    statuses = tuple(
        _defect(d, inspection, policy, as_of, lines, used, missing, aside)
        for d in inspection.defects
    )
    return _decision(
        HandoverDecision, policy, lines,
        kind="repair.handover",
        subject=_subject("handover", inspection.id),
        as_of=as_of,
        outcome=HandoverOutcome.model_construct(
            what="handover", inspection=inspection.id, unit=inspection.unit, defects=statuses
        ),
        decided_by=("MI-4.4.7",),
        not_applied=(),
        facts_used=tuple(used),
        facts_set_aside=tuple(aside),
        missing_facts=tuple(missing),
    )

