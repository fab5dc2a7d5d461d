"""One engine for every complaint policy: classify, plan the obligations, report their status.

* :func:`classify`: validity (`CP-4.2.1`), nature (`CA-2.1`), subject (`CA-2.2`), severity
  (`CP-4.2.2` .. `CP-4.2.4`, with the policy's thresholds) and the flags `SQ-GROUP`, `SQ-GOV`;
  a fact the rules need and the complaint lacks is a missing fact, never a default; facts
  that contradict each other are an escalation, never a silent pick.
* :func:`obligations`: every obligation the policy imposes at receipt, with who owes it, to
  whom, and its deadline on the policy's calendar (via :func:`~propmgmt_rules.time.deadline`).
* :func:`status`: each obligation at an instant, met / breached (by how much) / pending (time
  left) (`CP-STATUS`), with the severity re-evaluated over time (`CP-UPGRADE`: what only
  the new severity owes runs from the upgrade, what is still open keeps its deadline unless
  the new one is earlier), handler corrections re-planning from the receipt (old and new
  deadlines shown), approved extensions, and pauses that stop the clock in the span's own
  units.
* :func:`evaluate_many`: the status of many complaints in one call; a bad item is named (an
  :class:`~propmgmt_rules.errors.ItemError`), raised or, with ``errors="return"``, returned
  in its place.

Every function takes a policy or a preset's name (:func:`.policies.resolve_policy`).

Every function is pure. The policy is compiled once into tables (cached on the policy);
day-based deadlines are memoised per local receipt day, so a complaint costs a few
microseconds.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, Final, Literal, TypeVar, cast, overload
from zoneinfo import ZoneInfo

from pydantic import BaseModel
from pydantic_core import TzInfo

from .._build import fields_set
from ..decision import (
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
from ..errors import InputError, ItemError
from ..time.calendar import WorkCalendar, require_aware
from ..time.deadline import ObligationState, after_working_time, deadline
from ..time.phrasing import day_text, instant_text, is_end_of_day
from ..time.span import Span, SpanUnit
from .models import (
    _SUBJECT_OF_TOPIC,
    EARLIEST,
    LATEST,
    Cause,
    Classification,
    ClassificationDecision,
    Complaint,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStatusDecision,
    EventType,
    Intent,
    Nature,
    Obligation,
    ObligationKind,
    ObligationPlan,
    ObligationPlanDecision,
    ObligationStatus,
    Severity,
    SeverityChange,
    Subject,
    Validity,
)
from .policies import resolve_policy
from .policy import HANDLER, ComplaintPolicy, Extension, Step

__all__ = ["classify", "compile_policy", "evaluate_many", "obligations", "status"]

_M = TypeVar("_M", bound=BaseModel)

K = ObligationKind
E = EventType
_MET, _BREACHED, _PENDING = ObligationState.MET, ObligationState.BREACHED, ObligationState.PENDING
_ZERO: Final = timedelta(0)
_MICRO: Final = timedelta(microseconds=1)
_CACHE_LIMIT: Final = 20_000

_NATURE_OF_INTENT: Final = {
    Intent.HELP: Nature.HELP_SEEKING,
    Intent.ENQUIRY: Nature.ENQUIRY,
    Intent.VENTING: Nature.VENTING,
}
_ANSWER_EVENTS: Final = (E.REPLIED, E.HANDLED, E.INVALID_NOTICE_SENT, E.ANSWERED)
_HANDLED_ANCHOR: Final = "handled"

_EN_KIND: Final = {
    K.ROUTE: "Route the complaint",
    K.DISPATCH: "Send the complaint form",
    K.ESCALATE: "Escalate",
    K.REPORT_LEADERSHIP: "Report to the leadership",
    K.REPORT_HEAD: "Report to the head of the office",
    K.REPLY: "Reply to the resident",
    K.HANDLE: "Handle (solve) the complaint",
    K.NOTIFY_INVALID: "Tell the client why the complaint is invalid",
    K.REPORT_RESULT: "Report the result to the resident",
    K.SIGN_RESULT: "Record the result, signed by whoever solved it",
    K.REVISIT: "Revisit the resident",
    K.WEEKLY_STATISTICS: "Count it in the weekly statistics",
    K.FIRST_CONTACT: "First-contact responsibility until the answer is given",
    K.ENQUIRY_ANSWER: "Answer the enquiry",
}
_ZH_KIND: Final = {
    K.ROUTE: "传递投诉信息",
    K.DISPATCH: "发送投诉意见表",
    K.ESCALATE: "转呈",
    K.REPORT_LEADERSHIP: "报告上级领导",
    K.REPORT_HEAD: "报告物管中心(处)负责人",
    K.REPLY: "回复住户",
    K.HANDLE: "处理完毕",
    K.NOTIFY_INVALID: "知会客户投诉无效的原因",
    K.REPORT_RESULT: "将处理结果通报住户",
    K.SIGN_RESULT: "记录处理结果并由解决人签字",
    K.REVISIT: "回访住户",
    K.WEEKLY_STATISTICS: "纳入每周投诉统计",
    K.FIRST_CONTACT: "首问责任至答复为止",
    K.ENQUIRY_ANSWER: "解答咨询",
}
_EN_SEV: Final = {Severity.MAJOR: "major", Severity.IMPORTANT: "important", Severity.MINOR: "minor"}
_ZH_SEV: Final = {Severity.MAJOR: "重大", Severity.IMPORTANT: "重要", Severity.MINOR: "轻微"}
_EN_VALIDITY: Final = {
    Validity.INVALID: "invalid",
    Validity.VALID_PROPERTY_SERVICE: "valid, property-service",
    Validity.VALID_NON_PROPERTY_SERVICE: "valid, non-property-service",
}
_ZH_VALIDITY: Final = {
    Validity.INVALID: "无效投诉",
    Validity.VALID_PROPERTY_SERVICE: "有效投诉(物业管理服务投诉)",
    Validity.VALID_NON_PROPERTY_SERVICE: "有效投诉(非物业管理服务投诉)",
}
_EN_NATURE: Final = {
    Nature.EFFECTIVE: "effective",
    Nature.HELP_SEEKING: "communicative, help-seeking",
    Nature.ENQUIRY: "communicative, enquiry",
    Nature.VENTING: "communicative, venting",
}
_ZH_NATURE: Final = {
    Nature.EFFECTIVE: "有效投诉",
    Nature.HELP_SEEKING: "沟通性投诉(求助型)",
    Nature.ENQUIRY: "沟通性投诉(咨询型)",
    Nature.VENTING: "沟通性投诉(发泄型)",
}
_CONFLICT_HARM: Final = "justified=false, but the company caused an injury or a loss"
_CONFLICT_RESIDENT: Final = "justified=true, but the resident caused the matter"
_EN_CONFLICT: Final = {
    _CONFLICT_HARM: "recorded as an unjustified demand, but the company caused an injury or a "
                    "loss",
    _CONFLICT_RESIDENT: "recorded as justified, but the resident caused the matter",
}
_ZH_CONFLICT: Final = {
    _CONFLICT_HARM: "记录为不合理的诉求,但公司造成了人身伤害或经济损失",
    _CONFLICT_RESIDENT: "记录为合理的诉求,但事由是住户自身造成的",
}
_ZH_SUBJECT: Final = {
    "equipment": "对设备的投诉",
    "service_attitude": "对服务态度的投诉",
    "service_quality": "对服务质量的投诉",
    "sudden_incident": "突发性事件的投诉",
}


# -- compiled policy ----------------------------------------------------------------------

_NO_LIMIT, _ELAPSED, _DAY, _DIRECT = 0, 1, 2, 3


class _Tmpl:
    """A step compiled: how to compute its deadline fast, and a per-day memo."""

    __slots__ = ("cache", "mode", "owed_by", "rules", "span", "td", "to", "working")

    def __init__(self, span: Span | None, owed_by: str, to: tuple[str, ...],
                 rules: tuple[str, ...]) -> None:
        self.span = span
        self.owed_by = owed_by
        self.to = to
        self.rules = rules
        self.cache: dict[int, datetime] = {}
        self.td = _ZERO
        self.working = False
        if span is None:
            self.mode = _NO_LIMIT
        elif span.unit is SpanUnit.IMMEDIATELY:
            self.mode = _ELAPSED
        elif span.unit is SpanUnit.MINUTES:
            self.mode, self.td = _ELAPSED, timedelta(minutes=span.amount)
        elif span.unit is SpanUnit.HOURS:
            self.mode, self.td = _ELAPSED, timedelta(hours=span.amount)
        elif span.unit is SpanUnit.WORKING_HOURS or span.unit is SpanUnit.WORKING_MINUTES:
            self.mode, self.working = _DIRECT, True
        else:
            self.mode = _DAY
            self.working = span.unit is SpanUnit.WORKING_DAYS


def _step(step: Step | None) -> _Tmpl | None:
    if step is None:
        return None
    return _Tmpl(step.span, step.owed_by, (step.to,) if step.to else (), step.rules)


@dataclass(slots=True)
class _SevTables:
    handler: str
    handler_rules: tuple[str, ...]
    escalate: _Tmpl | None
    reply: _Tmpl | None
    handle: _Tmpl
    revisit: _Tmpl | None
    dispatch_to: tuple[str, ...]
    extension: Extension | None
    requested_time: bool


class _Tables:
    """A policy compiled for the engine (built once per policy, cached on it)."""

    __slots__ = ("basis", "bulk", "cal", "cls_cache", "comp", "dispatch",
                 "enquiry", "fixed", "government", "group", "invalid", "policy",
                 "report_result", "requested_tmpls", "sev", "shapes", "sign", "trace_cache",
                 "tz", "upgrade", "weekly", "weekly_cache", "weekly_day")

    def __init__(self, policy: ComplaintPolicy) -> None:
        self.policy = policy
        self.basis = policy.basis
        self.cal: WorkCalendar = policy.work_calendar
        self.comp = self.cal._compiled
        self.tz: tzinfo = self.comp.tz
        self.sev: dict[Severity, _SevTables] = {}
        for s, plan in policy.severities.items():
            also = (plan.dispatch_also_to,) if plan.dispatch_also_to else ()
            base_to = (policy.dispatch.to,) if policy.dispatch and policy.dispatch.to else ()
            self.sev[s] = _SevTables(
                handler=plan.handler,
                handler_rules=plan.handler_rules,
                escalate=_step(plan.escalate),
                reply=_step(plan.reply),
                handle=cast(_Tmpl, _step(plan.handle)),
                revisit=_step(plan.revisit),
                dispatch_to=base_to + also,
                extension=plan.handle.extension,
                requested_time=plan.handle.requested_time,
            )
        self.dispatch = _step(policy.dispatch)
        self.invalid = _step(policy.invalid_notice)
        self.group = _step(policy.group_report)
        self.government = _step(policy.government_report)
        self.report_result = _step(policy.report_result)
        self.sign = _step(policy.sign_result)
        self.enquiry = _step(policy.enquiry_answer)
        self.upgrade = _Tmpl(policy.upgrade_after, "", (), ("CP-UPGRADE",)) \
            if policy.upgrade_after is not None else None
        ws = policy.weekly_statistics
        self.weekly = (
            _Tmpl(Span.same_day(), ws.owed_by, (ws.to,) if ws.to else (), ws.rules)
            if ws is not None else None
        )
        self.weekly_day = ws.weekday.number if ws is not None else 0
        self.weekly_cache: dict[int, datetime] = {}
        self.shapes: dict[Any, Any] = {}
        self.cls_cache: dict[Any, Any] = {}
        self.trace_cache: dict[Any, Any] = {}
        self.bulk: dict[Any, list[Any]] = {}
        self.requested_tmpls = frozenset(
            st.handle for st in self.sev.values() if st.requested_time)
        self.fixed = _fixed_offset(self.tz)

    def norm(self, d: datetime) -> datetime:
        """``d`` in the calendar's zone when that zone has one offset (then comparisons are
        plain field comparisons); otherwise ``d`` as given (exact, slower comparisons)."""
        if self.fixed and d.tzinfo is not self.tz:
            return d.astimezone(self.tz)
        return d

    def due_x(self, t: _Tmpl, start: datetime, x: int) -> datetime | None:
        """:meth:`due` with the start's local day ``x`` already known."""
        mode = t.mode
        if mode == _DAY:
            hit = t.cache.get(x)
            if hit is None:
                hit = deadline(start, cast(Span, t.span), self.cal)
                if len(t.cache) > _CACHE_LIMIT:
                    t.cache.clear()
                t.cache[x] = hit
            return hit
        if mode == _ELAPSED:
            if self.fixed and start.tzinfo is self.tz:
                return start + t.td
            return (start.astimezone(UTC) + t.td).astimezone(self.tz)
        if mode == _NO_LIMIT:
            return None
        return deadline(start, cast(Span, t.span), self.cal)

    def weekly_due_x(self, x: int) -> datetime:
        hit = self.weekly_cache.get(x)
        if hit is None:
            ahead = (self.weekly_day - x % 7) % 7
            hit = self.comp.instant(x + ahead + 1, 0)
            if len(self.weekly_cache) > _CACHE_LIMIT:
                self.weekly_cache.clear()
            self.weekly_cache[x] = hit
        return hit

    # deadlines

    def due(self, t: _Tmpl, start: datetime) -> datetime | None:
        mode = t.mode
        if mode == _ELAPSED:
            return (start.astimezone(UTC) + t.td).astimezone(self.tz)
        if mode == _DAY:
            return self.due_x(t, start, self.comp.local(start)[0])
        if mode == _NO_LIMIT:
            return None
        return deadline(start, cast(Span, t.span), self.cal)

    def weekly_due(self, start: datetime) -> datetime:
        return self.weekly_due_x(self.comp.local(start)[0])

    def measure(self, working: bool, a: datetime, b: datetime) -> timedelta:
        if working:
            return self.cal.working_time_between(a, b)
        return b - a

    def shift(self, working: bool, d: datetime, by: timedelta) -> datetime:
        if working:
            return after_working_time(d, by, self.cal)
        return (d.astimezone(UTC) + by).astimezone(self.tz)


def _fixed_offset(tz: tzinfo) -> bool:
    """True when ``tz`` has one UTC offset from 1992 to 2100 (sampled twice a month)."""
    offsets = {datetime(y, m, d, 12, tzinfo=tz).utcoffset()
               for y in range(1992, 2101) for m in range(1, 13) for d in (1, 16)}
    return len(offsets) == 1


def compile_policy(policy: ComplaintPolicy) -> _Tables:
    """The engine's tables for ``policy`` (use ``policy._compiled``, which caches them)."""
    return _Tables(policy)


def _tables(policy: ComplaintPolicy) -> _Tables:
    tb = cast(_Tables, policy._compiled)
    if tb.policy is not policy:  # a model_copy carries its original's tables: rebuild
        tb = _Tables(policy)
        policy.__dict__["_compiled"] = tb
    return tb


# -- classification -----------------------------------------------------------------------


class _Trace:
    """What a decision collects while the engine reasons (lines only when explaining)."""

    __slots__ = ("aside", "decided", "explain", "lines", "missing", "not_applied", "used")

    def __init__(self, explain: bool) -> None:
        self.explain = explain
        self.decided: dict[str, None] = {}
        self.not_applied: list[RuleNotApplied] = []
        self.used: list[FactUsed] = []
        self.aside: list[FactSetAside] = []
        self.missing: list[MissingFact] = []
        self.lines: list[Text] = []

    @property
    def decided_by(self) -> tuple[str, ...]:
        return tuple(self.decided)

    def rule(self, *ids: str) -> None:
        for i in ids:
            self.decided[i] = None

    def line(self, en: str, zh: str) -> None:
        self.lines.append(Text(en, zh))


# Trace records are immutable: the same fact, rule and note give the same object.
_used = functools.lru_cache(maxsize=4096)(FactUsed)
_missing = functools.lru_cache(maxsize=1024)(MissingFact)
_not_applied = functools.lru_cache(maxsize=1024)(RuleNotApplied)
_aside = functools.lru_cache(maxsize=4096)(FactSetAside)


# The setters of BaseModel's slots: a model built from valid values sets all four.
_SET_DICT: Final = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS: Final = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA: Final = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE: Final = BaseModel.__dict__["__pydantic_private__"].__set__
_OBJECT_NEW: Final = object.__new__


def _new(cls: type[_M], values: dict[str, Any]) -> _M:
    """A model from already valid values, without validation (faster than model_construct:
    every field is given).

    The models are frozen, so every instance of a class shares one ``fields_set`` (pydantic
    copies it before changing it in ``model_copy``), as in the ownership engine: a set per
    object would cost more memory than most of a decision."""
    m = _OBJECT_NEW(cls)
    _SET_DICT(m, values)
    _SET_FIELDS(m, fields_set(cls))
    _SET_EXTRA(m, None)
    _SET_PRIVATE(m, None)
    return m


def _explanation(lines: list[Text]) -> Explanation:
    return Explanation.from_lines(lines)


def _decision(cls: type[_M], kind: str, complaint_id: str, as_of: datetime | None,
              outcome: Any, tr: _Trace, tb: _Tables, *, escalation: Escalation | None,
              explanation: Explanation, provisional: Provisional | None = None) -> _M:
    """A complaint decision of the general path: the trace ``tr`` collected as its fields."""
    return _new(cls, {
        "format": "propmgmt.decision.v1",
        "kind": kind,
        "subject": f"complaint {complaint_id}",
        "as_of": as_of,
        "outcome": outcome,
        "decided_by": tuple(tr.decided),
        "not_applied": tuple(tr.not_applied),
        "facts_used": tuple(tr.used),
        "facts_set_aside": tuple(tr.aside),
        "missing_facts": tuple(tr.missing),
        "basis": tb.basis,
        "provisional": provisional,
        "escalation": escalation,
        "explanation": explanation,
    })


@dataclass(slots=True)
class _Cls:
    validity: Validity | None
    valid: bool | None
    nature: Nature | None
    subject: Subject | None
    severity: Severity | None
    severity_rule: str | None
    conflicts: list[str]
    model: Classification | None = None

    def outcome(self, c: Complaint) -> Classification:
        """The outcome model (memoised: a memoised classification has the same group and
        government flags, which are part of its key)."""
        if self.model is not None:
            return self.model
        self.model = _new(Classification, {
            "validity": self.validity,
            "nature": self.nature,
            "subject": self.subject,
            "severity": self.severity,
            "severity_rule": self.severity_rule,
            "group": c.group,
            "government": c.forwarded_by_government,
            "conflicts": tuple(self.conflicts),
        })
        return self.model


def _major_loss(c: Complaint, threshold: object) -> bool | None:
    if c.major_loss is not None:
        return c.major_loss
    if c.loss_amount is None:
        return None
    if c.loss_amount == 0:
        return False
    if threshold is None:
        return None
    return bool(c.loss_amount >= threshold)  # type: ignore[operator]


def _classify(c: Complaint, tb: _Tables, tr: _Trace) -> _Cls:
    """The classification, memoised per policy on the facts it reads (bulk path only: the
    explained path writes its lines each time)."""
    if tr.explain:
        return _classify_facts(c, tb, tr)
    key = (c.justified, c.caused_by, c.injury, c.major_loss, c.loss_amount,
           c.promised_service_failed, c.times_raised, c.verified_by_authority, c.intent,
           c.about, c.assessed_severity, c.group, c.forwarded_by_government)
    hit = tb.cls_cache.get(key)
    if hit is None:
        sub = _Trace(False)
        cls = _classify_facts(c, tb, sub)
        hit = (cls, sub.decided, tuple(sub.not_applied), tuple(sub.used), tuple(sub.aside),
               tuple(sub.missing))
        if len(tb.cls_cache) > _CACHE_LIMIT:
            tb.cls_cache.clear()
        tb.cls_cache[key] = hit
    cls, decided, not_applied, used, aside, missing = hit
    tr.decided.update(decided)
    tr.not_applied.extend(not_applied)
    tr.used.extend(used)
    tr.aside.extend(aside)
    tr.missing.extend(missing)
    return cls


def _classify_facts(c: Complaint, tb: _Tables, tr: _Trace) -> _Cls:
    policy = tb.policy
    ex = tr.explain
    cause = c.caused_by
    by_company = cause is not None and cause.by_company
    conflicts: list[str] = []
    major_loss = _major_loss(c, policy.major_loss_threshold)
    harm = by_company and (c.injury is True or major_loss is True or
                           (c.loss_amount is not None and c.loss_amount > 0))

    # CP-4.2.1 validity
    validity: Validity | None = None
    valid: bool | None = c.justified
    tr.rule("CP-4.2.1")
    if c.justified is False:
        if harm:
            conflicts.append(_CONFLICT_HARM)
            tr.used.append(_used("justified", "CP-4.2.1"))
            tr.used.append(_used("caused_by", "CP-4.2.2"))
            valid = None
        else:
            validity = Validity.INVALID
            tr.used.append(_used("justified", "CP-4.2.1"))
    elif c.justified is True:
        tr.used.append(_used("justified", "CP-4.2.1"))
        if cause is None:
            tr.missing.append(_missing(
                "caused_by", "CP-4.2.1",
                "Who caused the matter: the company (staff or facilities), the developer, a sales "
                "promise, a third party, or the resident?"))
        elif cause is Cause.RESIDENT:
            conflicts.append(_CONFLICT_RESIDENT)
            tr.used.append(_used("caused_by", "CP-4.2.1"))
            valid = None
        else:
            validity = (Validity.VALID_PROPERTY_SERVICE if by_company
                        else Validity.VALID_NON_PROPERTY_SERVICE)
            tr.used.append(_used("caused_by", "CP-4.2.1"))
    else:
        tr.missing.append(_missing(
            "justified", "CP-4.2.1",
            "Is the demand justified, or an individual's unjustified demand or grumble?"))
    if ex:
        if validity is not None:
            tr.line(f"Validity: {_EN_VALIDITY[validity]} (CP-4.2.1).",
                    f"投诉界定:{_ZH_VALIDITY[validity]}(CP-4.2.1)。")
        elif not conflicts:
            tr.line("Validity: not decided, a fact is missing (CP-4.2.1).",
                    "投诉界定:缺少事实,无法判定(CP-4.2.1)。")

    # CA-2.1 nature
    tr.rule("CA-2.1")
    nature: Nature | None
    if c.verified_by_authority is True:
        nature = Nature.EFFECTIVE
        tr.used.append(_used("verified_by_authority", "CA-2.1"))
    elif harm:
        nature = Nature.EFFECTIVE
        tr.used.append(_used("caused_by", "CA-2.1", "damage caused by the company"))
    elif c.intent is not None:
        nature = _NATURE_OF_INTENT[c.intent]
        tr.used.append(_used("intent", "CA-2.1"))
        if c.verified_by_authority is None:
            tr.not_applied.append(_not_applied(
                "CA-2.1", "effective only if the authority verifies a failure of the company "
                "(not recorded)"))
    else:
        nature = None
        tr.missing.append(_missing(
            "intent", "CA-2.1",
            "Does the resident seek help, ask a question, or vent a grievance?"))
    if ex:
        if nature is not None:
            tr.line(f"Nature: {_EN_NATURE[nature]} (CA-2.1).",
                    f"性质:{_ZH_NATURE[nature]}(CA-2.1)。")
        else:
            tr.line("Nature: not decided, the resident's intent is missing (CA-2.1).",
                    "性质:缺少投诉者意图,无法判定(CA-2.1)。")

    # CA-2.2 subject
    tr.rule("CA-2.2")
    subject = None
    if c.about is not None:
        subject = c.about.subject
        tr.used.append(_used("about", "CA-2.2"))
        if ex:
            topic = c.about.value.replace("_", " ")
            name = subject.value.replace("_", " ")
            tr.line(f"Subject: {name} ({topic}, CA-2.2)." if topic != name else
                    f"Subject: {name} (CA-2.2).",
                    f"内容:{_ZH_SUBJECT[subject.value]}(CA-2.2)。")
    else:
        tr.missing.append(_missing("about", "CA-2.2", "What is the complaint about?"))
        if ex:
            tr.line("Subject: not decided, what it is about is missing (CA-2.2).",
                    "内容:缺少投诉内容,无法判定(CA-2.2)。")

    # CP-4.2.2 .. CP-4.2.4 severity, valid complaints only
    severity: Severity | None = None
    sev_rule: str | None = None
    if valid is True:
        severity, sev_rule = _severity(c, tb, tr, by_company, major_loss)
    elif valid is False:
        tr.not_applied.append(_not_applied("CP-4.2.2", "an invalid complaint has no severity"))
    if c.assessed_severity is not None and sev_rule != "assessed":
        tr.aside.append(_aside(
            "assessed_severity", SetAsideReason.SUPERSEDED, sev_rule,
            "the rules decided the severity" if severity is not None else
            "no severity is decided for this complaint"))

    # SQ-GROUP, SQ-GOV
    if c.group:
        tr.rule("SQ-GROUP")
        tr.used.append(_used("group", "SQ-GROUP"))
        if ex:
            tr.line("Flag: group complaint or crisis (SQ-GROUP).",
                    "标记:群体投诉等危机情况(SQ-GROUP)。")
    if c.forwarded_by_government:
        tr.rule("SQ-GOV")
        tr.used.append(_used("forwarded_by_government", "SQ-GOV"))
        if ex:
            tr.line("Flag: forwarded by a government body (SQ-GOV).",
                    "标记:政府机关转来的投诉(SQ-GOV)。")
    if conflicts and ex:
        tr.line(f"Conflicting facts: {'; '.join(_EN_CONFLICT[x] for x in conflicts)}; "
                f"escalated to "
                f"{policy.role_name(policy.disputes_to)}.",
                f"事实冲突:{';'.join(_ZH_CONFLICT[x] for x in conflicts)};提交"
                f"{policy.role_name(policy.disputes_to, True)}决定。")
    return _Cls(validity, valid, nature, subject, severity, sev_rule, conflicts)


def _severity(c: Complaint, tb: _Tables, tr: _Trace, by_company: bool,
              major_loss: bool | None) -> tuple[Severity | None, str | None]:
    policy = tb.policy
    ex = tr.explain
    tr.rule("CP-4.2.2")
    # (2) a major loss or an injury by the company's responsibility
    crit2: bool | None
    if not by_company:
        crit2 = False
    elif c.injury is True or major_loss is True:
        crit2 = True
    elif c.injury is False and major_loss is False:
        crit2 = False
    else:
        crit2 = None
        if c.injury is None:
            tr.missing.append(_missing("injury", "CP-4.2.2", "Was anyone injured?"))
        if major_loss is None:
            tr.missing.append(_missing(
                "loss_amount" if c.loss_amount is None else "major_loss", "CP-4.2.2",
                "What economic loss was caused (yuan), and is it major?"))
    # (1) a promised service failed, raised repeatedly
    crit1: bool | None
    n = policy.repeated_threshold
    if not by_company or c.promised_service_failed is False:
        crit1 = False
    elif c.promised_service_failed is None:
        crit1 = None
        tr.missing.append(_missing(
            "promised_service_failed", "CP-4.2.2",
            "Was a service promised by the company or required by the contract not delivered "
            "or clearly wrong?"))
    elif c.times_raised is None:
        crit1 = None
        tr.missing.append(_missing("times_raised", "CP-4.2.2",
                                      "How many times did the resident raise it?"))
    else:
        crit1 = c.times_raised >= n
    if crit2:
        tr.used.append(_used("injury" if c.injury else "loss_amount", "CP-4.2.2",
                                "(2) loss or injury by the company's responsibility"))
        if ex:
            what = "a personal injury" if c.injury else "a major economic loss"
            zh = "人身伤害" if c.injury else "重大经济损失"
            tr.line(f"Severity: major, {what} by the company's responsibility (CP-4.2.2 (2)).",
                    f"程度:重大投诉,由于公司责任造成{zh}(CP-4.2.2 第2项)。")
        return Severity.MAJOR, "CP-4.2.2"
    if crit1:
        tr.used.append(_used("times_raised", "CP-4.2.2",
                                f"(1) raised {c.times_raised} times (repeatedly: {n} or more)"))
        if ex:
            tr.line(f"Severity: major, a promised service failed and was raised {c.times_raised} "
                    f"times (repeatedly = {n} or more) (CP-4.2.2 (1)).",
                    f"程度:重大投诉,承诺的服务未实施且住户已提出{c.times_raised}次"
                    f"(多次即{n}次及以上)(CP-4.2.2 第1项)。")
        return Severity.MAJOR, "CP-4.2.2"
    if crit1 is None or crit2 is None:
        if ex:
            tr.line("Severity: not decided, facts are missing (CP-4.2.2).",
                    "程度:缺少事实,无法判定是否为重大投诉(CP-4.2.2)。")
        return None, None
    tr.not_applied.append(_not_applied("CP-4.2.2", "no major loss or injury by the company, "
                                         "no promised service failed repeatedly"))
    cause = c.caused_by
    if cause is Cause.COMPANY_STAFF:
        tr.rule("CP-4.2.3")
        if ex:
            tr.line("Severity: important, the company's management or service was not in place "
                    "or at fault (CP-4.2.3).",
                    "程度:重要投诉,因公司的管理服务工作不到位、有过失引起(CP-4.2.3)。")
        return Severity.IMPORTANT, "CP-4.2.3"
    if cause is Cause.COMPANY_FACILITIES:
        tr.rule("CP-4.2.4")
        if ex:
            tr.line("Severity: minor, an inconvenience from the limits of facilities, equipment "
                    "or management, not people (CP-4.2.4).",
                    "程度:轻微投诉,因设施、设备和管理水平有限造成的轻微不便,非人为因素(CP-4.2.4)。")
        return Severity.MINOR, "CP-4.2.4"
    tr.not_applied.append(_not_applied("CP-4.2.3", "not caused by the company"))
    tr.not_applied.append(_not_applied("CP-4.2.4", "not caused by the company"))
    if c.assessed_severity is not None:
        tr.used.append(_used("assessed_severity", None,
                                "staff's judgement: CP-4.2.2 .. CP-4.2.4 do not decide a "
                                "complaint the company did not cause"))
        if ex:
            s = c.assessed_severity
            tr.line(f"Severity: {_EN_SEV[s]}, as assessed by staff (the rules do not decide a "
                    "complaint the company did not cause).",
                    f"程度:{_ZH_SEV[s]}投诉,按工作人员判断(非公司原因的投诉,规则不作判定)。")
        return c.assessed_severity, "assessed"
    tr.missing.append(_missing(
        "assessed_severity", "CP-4.2.2",
        "The company did not cause it: how severe do staff judge it (major, important, minor)?"))
    if ex:
        tr.line("Severity: not decided, staff's assessment is missing (the company did not "
                "cause it).", "程度:非公司原因的投诉,缺少工作人员的判断,无法判定。")
    return None, None


def _check_complaint(c: Complaint) -> None:
    if not isinstance(c, Complaint):
        raise InputError("complaint", "must be a Complaint (validate the data with "
                         "Complaint.model_validate)", type(c).__name__)
    at = c.received_at
    if not isinstance(at, datetime) or type(at.tzinfo) not in _AWARE_TZ_TYPES:
        require_aware(at, "complaint.received_at")
    _in_range(at, "complaint.received_at")


def _as_of(as_of: datetime, tb: _Tables) -> datetime:
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise InputError("as_of", "must be timezone-aware; a naive datetime is ambiguous", as_of)
    _in_range(as_of, "as_of")
    return tb.norm(as_of)


def _in_range(at: datetime, field: str) -> None:
    """An instant from 1900 to 2199 (:data:`.models.EARLIEST`, :data:`.models.LATEST`), or an
    :class:`InputError` naming ``field``."""
    if not EARLIEST <= at < LATEST:
        raise InputError(field, "must lie in the years 1900 to 2199", at.isoformat())


def classify(complaint: Complaint, policy: ComplaintPolicy | str) -> ClassificationDecision:
    """The classification of a complaint at receipt under ``policy`` (a policy, or a preset's
    name: ``"procedure5"``, ``"nanjing"``).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from propmgmt_rules.complaints.policies import PROCEDURE_5
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> c = Complaint(id="C1", received_at=datetime(2025, 3, 7, 10, tzinfo=sh),
    ...               justified=True, caused_by="company_staff", injury=True, about="lift",
    ...               intent="help")
    >>> d = classify(c, PROCEDURE_5)
    >>> d.outcome.severity, d.outcome.nature
    (<Severity.MAJOR: 'major'>, <Nature.EFFECTIVE: 'effective'>)
    """
    policy = resolve_policy(policy)
    _check_complaint(complaint)
    tb = _tables(policy)
    tr = _Trace(explain=True)
    cls = _classify(complaint, tb, tr)
    return _decision(ClassificationDecision, "complaint.classification", complaint.id, None,
                     cls.outcome(complaint), tr, tb, escalation=_escalation(cls, policy),
                     explanation=_explanation(tr.lines))


def _escalation(cls: _Cls, policy: ComplaintPolicy) -> Escalation | None:
    if not cls.conflicts:
        return None
    return Escalation(
        to=policy.disputes_to,
        to_name=Text(policy.role_name(policy.disputes_to),
                     policy.role_name(policy.disputes_to, zh=True)),
        rules=("CP-4.2.1", "CP-4.2.2"),
        reason=Text(
            "conflicting facts: " + "; ".join(_EN_CONFLICT[x] for x in cls.conflicts),
            "事实冲突:" + ";".join(_ZH_CONFLICT[x] for x in cls.conflicts),
        ),
    )


# -- obligations --------------------------------------------------------------------------

_RECEIPT, _HANDLED = "receipt", "handled"
_K_ROUTE, _K_DISPATCH, _K_ESCALATE = K.ROUTE, K.DISPATCH, K.ESCALATE
_K_REPLY, _K_HANDLE, _K_NOTIFY = K.REPLY, K.HANDLE, K.NOTIFY_INVALID
_K_WEEKLY, _K_FIRST, _K_ENQUIRY = K.WEEKLY_STATISTICS, K.FIRST_CONTACT, K.ENQUIRY_ANSWER
_E_HANDLED, _E_REPLIED = E.HANDLED, E.REPLIED
_E_PAUSED, _E_EXTENSION, _E_CORRECTED = E.PAUSED, E.EXTENSION_APPROVED, E.SEVERITY_CORRECTED


class _Spec:
    """One obligation of a plan shape: everything but the complaint's instants (static)."""

    __slots__ = ("anchor", "done", "extension", "kind", "late_approval", "owed_by",
                 "pause_kind", "rules", "span", "tmpl", "to", "with_person")

    def __init__(self, kind: ObligationKind, tmpl: _Tmpl, done: tuple[EventType, ...], *,
                 owed_by: str | None = None, to: tuple[str, ...] | None = None,
                 rules: tuple[str, ...] | None = None, anchor: str = _RECEIPT,
                 with_person: bool = False, extension: Extension | None = None,
                 pause_kind: ObligationKind | None = None) -> None:
        self.kind = kind
        self.tmpl = tmpl
        self.span = tmpl.span
        self.done = done
        self.owed_by = owed_by if owed_by is not None else tmpl.owed_by
        self.to = to if to is not None else tmpl.to
        self.rules = rules if rules is not None else tmpl.rules
        self.anchor = anchor
        self.with_person = with_person
        self.extension = extension
        self.late_approval = extension.approver if extension is not None else None
        self.pause_kind = pause_kind or kind


class _Shape:
    """The obligations of one kind of complaint under a policy (cached per shape key)."""

    __slots__ = ("answer", "handler", "prog", "routed_to", "rules", "specs", "undetermined")

    def __init__(self, specs: list[_Spec], handler: str | None, routed_to: str | None,
                 undetermined: list[ObligationKind], answer: int) -> None:
        self.prog: _Prog | None = None
        self.specs = tuple(specs)
        self.handler = handler
        self.routed_to = routed_to
        self.undetermined = tuple(undetermined)
        self.answer = answer
        rules: dict[str, None] = {}
        for sp in specs:
            rules.update(dict.fromkeys(sp.rules))
        self.rules = rules


_Key = tuple[bool | None, Severity | None, bool, bool, bool, bool, bool]
_EV_OF: Final = {K.REPORT_RESULT: E.RESULT_REPORTED, K.SIGN_RESULT: E.RESULT_SIGNED,
                 K.REVISIT: E.REVISITED}


def _build_shape(tb: _Tables, key: _Key) -> _Shape:
    valid, severity, off_hours, group, gov, notice, enquiry = key
    policy = tb.policy
    specs: list[_Spec] = []
    undetermined: list[ObligationKind] = []
    routed_to: str | None = None
    off_handler: str | None = None
    routing = policy.routing
    if routing is not None:
        routed_to = routing.off_hours if off_hours else routing.in_hours
        off_handler = routing.off_hours_handler if off_hours else None
        t = _Tmpl(routing.span, routing.owed_by, (routed_to,), routing.rules)
        specs.append(_Spec(K.ROUTE, t, (E.ROUTED,), with_person=True))
    if group and tb.group is not None:
        specs.append(_Spec(K.REPORT_LEADERSHIP, tb.group, (E.LEADERSHIP_INFORMED,)))
    if gov and tb.government is not None:
        specs.append(_Spec(K.REPORT_HEAD, tb.government, (E.HEAD_INFORMED,)))
    handler: str | None = None
    answer = -1
    if valid is True:
        st = tb.sev[severity] if severity is not None else None
        if tb.dispatch is not None:
            to = st.dispatch_to if st is not None else tb.dispatch.to
            specs.append(_Spec(K.DISPATCH, tb.dispatch, (E.DISPATCHED,), to=to))
        if st is not None:
            handler = off_handler or st.handler
            if st.escalate is not None:
                specs.append(_Spec(K.ESCALATE, st.escalate, (E.ESCALATED,)))
            if st.reply is not None:
                answer = len(specs)
                specs.append(_Spec(K.REPLY, st.reply, (E.REPLIED,), owed_by=off_handler))
            if answer < 0:
                answer = len(specs)
            specs.append(_Spec(K.HANDLE, st.handle, (E.HANDLED,), owed_by=off_handler,
                               extension=st.extension))
            for kind, tt in ((K.REPORT_RESULT, tb.report_result), (K.SIGN_RESULT, tb.sign),
                             (K.REVISIT, st.revisit)):
                if tt is not None:
                    owed = handler if tt.owed_by == HANDLER else tt.owed_by
                    specs.append(_Spec(kind, tt, (_EV_OF[kind],), owed_by=owed,
                                       anchor=_HANDLED))
        else:
            undetermined.extend(k for k in (K.ESCALATE, K.REPLY, K.HANDLE, K.REPORT_RESULT,
                                            K.SIGN_RESULT, K.REVISIT) if _policy_has(tb, k))
    elif valid is False:
        if notice and tb.invalid is not None:
            answer = len(specs)
            specs.append(_Spec(K.NOTIFY_INVALID, tb.invalid, (E.INVALID_NOTICE_SENT,)))
    else:
        undetermined.extend(k for k in (K.DISPATCH, K.ESCALATE, K.REPLY, K.HANDLE,
                                        K.NOTIFY_INVALID, K.REPORT_RESULT, K.SIGN_RESULT,
                                        K.REVISIT) if _policy_has(tb, k))
    if tb.weekly is not None:
        specs.append(_Spec(K.WEEKLY_STATISTICS, tb.weekly, (E.STATISTICS_REPORTED,)))
    if enquiry and tb.enquiry is not None:
        if answer < 0:
            answer = len(specs)
        specs.append(_Spec(K.ENQUIRY_ANSWER, tb.enquiry, (E.ANSWERED,), with_person=True))
    if policy.first_contact:
        if answer >= 0:
            a = specs[answer]
            specs.append(_Spec(K.FIRST_CONTACT, a.tmpl, _ANSWER_EVENTS,
                               owed_by=cast(str, policy.first_contact_role), to=a.to,
                               rules=("OM-FIRST", *a.rules), with_person=True,
                               pause_kind=a.kind))
        elif valid is not False:  # an invalid complaint with no notice owes no answer
            undetermined.append(K.FIRST_CONTACT)
    return _Shape(specs, handler, routed_to, undetermined, answer)


def _policy_has(tb: _Tables, kind: ObligationKind) -> bool:
    if kind is K.DISPATCH:
        return tb.dispatch is not None
    if kind is K.NOTIFY_INVALID:
        return tb.invalid is not None
    if kind is K.REPORT_RESULT:
        return tb.report_result is not None
    if kind is K.SIGN_RESULT:
        return tb.sign is not None
    if kind is K.HANDLE:
        return True
    attr = {K.ESCALATE: "escalate", K.REPLY: "reply", K.REVISIT: "revisit"}[kind]
    return any(getattr(s, attr) is not None for s in tb.sev.values())


class _Receipt:
    """A complaint's receipt, read once: the instant in the calendar's zone, its local day,
    whether it is working time, and the shape facts."""

    __slots__ = ("enquiry", "notice", "off_hours", "received", "x")

    def __init__(self, c: Complaint, cls: _Cls, tb: _Tables) -> None:
        received = tb.norm(c.received_at)
        self.received = received
        x, us = tb.comp.local(received)
        self.x = x
        if tb.policy.routing is not None:
            comp = tb.comp
            in_hours = comp.is_working(x) and any(s <= us < e for s, e in comp.periods_of(x))
            self.off_hours = not in_hours
        else:
            self.off_hours = False
        self.notice = cls.valid is False and c.caused_by is not Cause.RESIDENT
        self.enquiry = c.intent is Intent.ENQUIRY and c.answered_at_once is False


def _shape(c: Complaint, r: _Receipt, valid: bool | None, severity: Severity | None,
           tb: _Tables) -> _Shape:
    key: _Key = (valid, severity, r.off_hours, c.group, c.forwarded_by_government, r.notice,
                 r.enquiry)
    shape = tb.shapes.get(key)
    if shape is None:
        shape = _build_shape(tb, key)
        tb.shapes[key] = shape
    return shape


# An item: (spec, start, base_due, person), the obligation of one complaint under one shape.
_ItemT = tuple[_Spec, datetime | None, datetime | None, str | None]


def _items(c: Complaint, r: _Receipt, shape: _Shape, tb: _Tables,
           handled_at: datetime | None, since: datetime | None = None) -> list[_ItemT]:
    """The items of a plan counted from the receipt, or, with ``since`` (`CP-UPGRADE`: the
    instant of the upgrade, in the calendar's zone), counted from then."""
    if since is None:
        received, x = r.received, r.x
    else:
        received, x = since, tb.comp.local(since)[0]
    out: list[_ItemT] = []
    dues: list[datetime | None] = []
    person = c.received_by
    for sp in shape.specs:
        kind = sp.kind
        if sp.anchor is _HANDLED:
            start = handled_at
            due = tb.due(sp.tmpl, handled_at) if handled_at is not None else None
        else:
            start = received
            if kind is _K_WEEKLY:
                due = tb.weekly_due_x(x)
            elif kind is _K_FIRST:
                due = dues[shape.answer]
            else:
                due = tb.due_x(sp.tmpl, received, x)
                if kind is _K_HANDLE:
                    if c.requested_by is not None and c.requested_time_reasonable is True \
                            and sp.tmpl in tb.requested_tmpls:
                        due = tb.norm(c.requested_by)
                elif kind is _K_ENQUIRY and c.expected_answer_at is not None and due is not None:
                    told = tb.norm(c.expected_answer_at)
                    if told < due:
                        due = told
        dues.append(due)
        out.append((sp, start, due, person if sp.with_person else None))
    return out


def _plan_trace(c: Complaint, r: _Receipt, cls: _Cls, shape: _Shape, severity: Severity | None,
                tb: _Tables, tr: _Trace) -> None:
    """The facts and rules the receipt plan used, set aside or missed (memoised per policy on
    the facts it reads)."""
    key = (id(shape), r.off_hours, c.received_by is None, c.group, c.forwarded_by_government,
           c.requested_by is None, c.requested_time_reasonable, id(c.caused_by), id(c.intent),
           c.answered_at_once, c.expected_answer_at is None, cls.valid, id(severity))
    hit = tb.trace_cache.get(key)
    if hit is None:
        sub = _Trace(False)
        _plan_trace_facts(c, r, cls, shape, severity, tb, sub)
        hit = (sub.decided, tuple(sub.not_applied), tuple(sub.used), tuple(sub.aside),
               tuple(sub.missing))
        if len(tb.trace_cache) > _CACHE_LIMIT:
            tb.trace_cache.clear()
        tb.trace_cache[key] = hit
    decided, not_applied, used, aside, missing = hit
    tr.decided.update(decided)
    if not_applied:
        tr.not_applied.extend(not_applied)
    if used:
        tr.used.extend(used)
    if aside:
        tr.aside.extend(aside)
    if missing:
        tr.missing.extend(missing)


def _plan_trace_facts(c: Complaint, r: _Receipt, cls: _Cls, shape: _Shape,
                      severity: Severity | None, tb: _Tables, tr: _Trace) -> None:
    policy = tb.policy
    routing = policy.routing
    if routing is not None:
        tr.rule(*routing.rules)
        tr.used.append(_used("received_at", routing.rules[0],
                             "outside working hours" if r.off_hours else "in working hours"))
    if c.group and tb.group is None:
        tr.aside.append(_aside("group", SetAsideReason.DISABLED_BY_RULEBOOK, "SQ-GROUP",
                               f"not part of {policy.name}"))
    if c.forwarded_by_government and tb.government is None:
        tr.aside.append(_aside("forwarded_by_government", SetAsideReason.DISABLED_BY_RULEBOOK,
                               "SQ-GOV", f"not part of {policy.name}"))
    if cls.valid is True and severity is not None:
        st = tb.sev[severity]
        tr.rule(*st.handler_rules)
        if st.requested_time and c.requested_by is not None:
            if c.requested_time_reasonable is True:
                tr.used.append(_used("requested_by", "CP-4.3.2",
                                     "the resident's reasonable requested time"))
            elif c.requested_time_reasonable is False:
                tr.aside.append(_aside("requested_by", SetAsideReason.NOT_SUPPORTED,
                                       "CP-4.3.2", "not a reasonable requested time"))
            else:
                tr.missing.append(_missing(
                    "requested_time_reasonable", "CP-4.3.2",
                    "Is the resident's requested time reasonable (it then replaces the span)?"))
        elif c.requested_by is not None:
            tr.aside.append(_aside("requested_by", SetAsideReason.NOT_APPLICABLE, None,
                                   "the policy takes no requested time for this severity"))
    elif cls.valid is False and tb.invalid is not None:
        if c.caused_by is Cause.RESIDENT:
            tr.not_applied.append(_not_applied(
                "SQ-INVALID", "the cause is the client's own: no notice"))
            tr.used.append(_used("caused_by", "SQ-INVALID", "the client's own cause"))
        else:
            tr.rule(*tb.invalid.rules)
            if c.caused_by is None:
                tr.missing.append(_missing(
                    "caused_by", "SQ-INVALID",
                    "Is the cause the client's own (then no notice is given)?"))
    if c.intent is Intent.ENQUIRY and tb.enquiry is not None:
        if c.answered_at_once is False:
            tr.rule(*tb.enquiry.rules)
            if c.expected_answer_at is None:
                tr.missing.append(_missing(
                    "expected_answer_at", "CQ-5.5",
                    "When was the client told to expect the answer?"))
        elif c.answered_at_once is None:
            tr.missing.append(_missing(
                "answered_at_once", "CQ-5.5",
                "Was the enquiry answered at once, to the client's satisfaction?"))
        else:
            tr.not_applied.append(_not_applied("CQ-5.5", "answered at once"))
    if policy.first_contact and shape.answer >= 0:
        tr.rule("OM-FIRST")
        if c.received_by is None:
            tr.missing.append(_missing("received_by", "OM-FIRST",
                                       "Who first received the client?"))
    elif policy.first_contact and cls.valid is False:
        tr.not_applied.append(_not_applied(
            "OM-FIRST", "no answer is owed: an invalid complaint without a notice"))


def _public(it: _ItemT) -> Obligation:
    sp, start, due, person = it
    return Obligation(sp.kind, sp.owed_by, sp.to, sp.rules, sp.span, start, due, sp.anchor,
                      sp.late_approval, person)


def obligations(complaint: Complaint, policy: ComplaintPolicy | str) -> ObligationPlanDecision:
    """Every obligation ``policy`` imposes on ``complaint`` at receipt, each with its owner
    and deadline; obligations counted from the handling wait for it (``due`` is ``None``).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from propmgmt_rules.complaints.policies import NANJING
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> c = Complaint(id="C1", received_at=datetime(2025, 3, 7, 10, tzinfo=sh),
    ...               justified=True, caused_by="company_facilities", injury=False,
    ...               loss_amount=0, promised_service_failed=False, about="lift",
    ...               intent="help", received_by="Wang")
    >>> plan = obligations(c, NANJING).outcome
    >>> [(o.kind.value, o.due.isoformat() if o.due else None) for o in plan.obligations][:4]
    [('route', '2025-03-07T10:00:00+08:00'), ('dispatch', None),
     ('reply', '2025-03-07T12:00:00+08:00'), ('handle', '2025-03-10T18:00:00+08:00')]
    """
    policy = resolve_policy(policy)
    _check_complaint(complaint)
    tb = _tables(policy)
    tr = _Trace(explain=True)
    cls = _classify(complaint, tb, tr)
    r = _Receipt(complaint, cls, tb)
    shape = _shape(complaint, r, cls.valid, cls.severity, tb)
    _plan_trace(complaint, r, cls, shape, cls.severity, tb, tr)
    items = _items(complaint, r, shape, tb, None)
    lines = tr.lines
    if cls.valid is True and cls.severity is not None:
        handler_rules = tb.sev[cls.severity].handler_rules
        if policy.routing is not None and shape.handler == policy.routing.off_hours_handler \
                and r.off_hours:
            handler_rules = policy.routing.rules
    else:
        handler_rules = ()
    lines.append(_plan_head(policy, r.received, shape.handler, handler_rules, shape.routed_to,
                            tb))
    year = _year_of(r.received, tb.tz)
    for it in items:
        lines.append(_obligation_line(it, policy, tb, complaint, year))
    for k in shape.undetermined:
        lines.append(Text(f"{_EN_KIND[k]}: undetermined until the classification is complete.",
                          f"{_ZH_KIND[k]}:分类未完成,暂无法确定。"))
    for it in items:
        tr.rule(*it[0].rules)
        if it[0].span is not None:
            tr.rule(*it[0].span.rule_ids)
    plan = _new(ObligationPlan, {
        "severity": cls.severity,
        "handler": shape.handler,
        "routed_to": shape.routed_to,
        "obligations": tuple(_public(it) for it in items),
        "undetermined": shape.undetermined,
    })
    return _decision(ObligationPlanDecision, "complaint.obligations", complaint.id, None, plan,
                     tr, tb, escalation=_escalation(cls, policy),
                     explanation=_explanation(lines))


def _year_of(d: datetime, tz: tzinfo) -> int:
    """The year of the day ``d`` is written in (a local midnight is 24:00 of the day before)."""
    return (d.astimezone(tz) - _MICRO).year


def _when(d: datetime, tz: tzinfo, ref_year: int) -> Text:
    """An instant as the explanations write it ("Wed 25 Nov 24:00", with the year when it is
    not ``ref_year``)."""
    return instant_text(d, tz, year=_year_of(d, tz) != ref_year)


def _to(policy: ComplaintPolicy, to: tuple[str, ...], zh: bool) -> str:
    return ("、" if zh else " and ").join(policy.role_name(r, zh) for r in to)


def _rules(rules: tuple[str, ...]) -> Text:
    return Text(", ".join(rules), "、".join(rules))


_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday")
_WEEKDAY_ZH: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _within(span: Span) -> Text:
    """A span as a limit: "within 2 hours" / 「2小时内」, "at once" / 「立即」."""
    if span.unit is SpanUnit.IMMEDIATELY:
        return Text("at once", "立即")
    if span.unit is SpanUnit.SAME_DAY:
        return Text("the same day", "当天")
    return Text(f"within {span}", f"{span.zh}内")


def _obligation_line(it: _ItemT, policy: ComplaintPolicy, tb: _Tables, c: Complaint,
                     ref_year: int) -> Text:
    """One obligation of a plan, as a service-desk supervisor reads it: who owes what to
    whom, by when, and under which rules."""
    sp, start, due, person = it
    kind = sp.kind
    tz = tb.tz
    who = policy.role_name(sp.owed_by) + (f" ({person})" if person else "")
    who_zh = policy.role_name(sp.owed_by, True) + (f"({person})" if person else "")
    to_en = f" to {_to(policy, sp.to, False)}" if sp.to else ""
    to_zh = f"向{_to(policy, sp.to, True)}" if sp.to else ""
    by = _when(due, tz, ref_year) if due is not None else None
    span = sp.span
    if sp.anchor is _HANDLED and start is None:
        if span is None:
            en, zh = "after the handling, no time limit stated", "处理完毕后办理,规定未设时限"
        elif span.unit is SpanUnit.SAME_DAY:
            en, zh = "the same day as the handling", "处理完毕当天"
        elif span.unit is SpanUnit.IMMEDIATELY:
            en, zh = "at once after the handling", "处理完毕后立即"
        else:
            en, zh = f"within {span} of the handling", f"处理完毕后{span.zh}内"
        en += " (not handled yet)"
        zh += "(尚未处理完毕)"
    elif by is None:
        en, zh = "no time limit stated", "规定未设时限"
    elif kind is _K_WEEKLY:
        day = tb.weekly_day
        en = f"in the statistics of {_WEEKDAY_EN[day]}, by {by.en}"
        zh = f"纳入每{_WEEKDAY_ZH[day]}的统计,{by.zh}前"
    elif kind is _K_HANDLE and c.requested_by is not None and due == tb.norm(c.requested_by):
        en = f"by the resident's reasonable requested time, {by.en}"
        zh = f"按住户提出的合理时间,{by.zh}前"
    elif kind is _K_ENQUIRY and c.expected_answer_at is not None \
            and due == tb.norm(c.expected_answer_at):
        en = f"by the time the client was told, {by.en}"
        zh = f"按告知客户的预期时间,{by.zh}前"
    elif kind is _K_FIRST:
        w = _within(span) if span is not None else Text("", "")
        en = f"until the first answer ({w.en}), by {by.en}" if span else \
            f"until the first answer, by {by.en}"
        zh = f"至首次答复为止({w.zh}),{by.zh}前" if span else f"至首次答复为止,{by.zh}前"
    elif span is not None and span.unit is SpanUnit.IMMEDIATELY:
        en, zh = f"at once ({by.en})", f"立即办理({by.zh})"
    elif span is not None:
        w = _within(span)
        en, zh = f"{w.en}, by {by.en}", f"{w.zh},{by.zh}前"
    else:
        en, zh = f"by {by.en}", f"{by.zh}前"
    if sp.late_approval:
        en += f"; later only with {policy.role_name(sp.late_approval)}'s approval"
        zh += f";超时须经{policy.role_name(sp.late_approval, True)}批准"
    r = _rules(sp.rules)
    return Text(f"{_EN_KIND[kind]}: {who}{to_en}, {en} ({r.en}).",
                f"{_ZH_KIND[kind]}:{who_zh}{to_zh},{zh}({r.zh})。")


def _plan_head(policy: ComplaintPolicy, received: datetime, handler: str | None,
               handler_rules: tuple[str, ...], routed_to: str | None, tb: _Tables) -> Text:
    """The line before a plan's obligations: the receipt, the handler, the routing."""
    w = instant_text(received, tb.tz, year=True)
    if handler is not None:
        r = _rules(handler_rules)
        h_en = f"the handler is {policy.role_name(handler)} ({r.en})"
        h_zh = f"处理人为{policy.role_name(handler, True)}({r.zh})"
    else:
        h_en, h_zh = "the handler is undetermined", "处理人尚未确定"
    if routed_to is not None and policy.routing is not None:
        off = routed_to == policy.routing.off_hours
        rr = _rules(policy.routing.rules)
        h_en += (f"; {'outside' if off else 'in'} working hours the complaint goes to "
                 f"{policy.role_name(routed_to)} ({rr.en})")
        when_zh = "非工作时间" if off else "工作时间内"
        h_zh += f";{when_zh}投诉交{policy.role_name(routed_to, True)}({rr.zh})"
    return Text(f"Received {w.en}, under {policy.name}: {h_en}.",
                f"受理于{w.zh},按{policy.title_zh}:{h_zh}。")


# -- status -------------------------------------------------------------------------------


class _History:
    """The events up to ``as_of``, checked, in the calendar's zone, and indexed."""

    __slots__ = ("corrections", "done", "extensions", "handled_by", "pauses")

    def __init__(self, history: Sequence[ComplaintEvent], received: datetime, as_of: datetime,
                 tb: _Tables, tr: _Trace) -> None:
        policy = tb.policy
        done: dict[EventType, datetime] = {}
        self.corrections: list[tuple[datetime, Severity]] = []
        self.extensions: list[tuple[datetime, ComplaintEvent]] = []
        self.pauses: list[tuple[datetime, datetime | None, ComplaintEvent]] = []
        self.handled_by: str | None = None
        first_reply_i = -1
        signatures: list[tuple[datetime, ComplaintEvent]] = []
        norm = tb.norm
        for i, ev in enumerate(history):
            if not isinstance(ev, ComplaintEvent):
                raise InputError(f"history[{i}]", "must be a ComplaintEvent (validate the data "
                                 "with ComplaintEvent.model_validate)", type(ev).__name__)
            at = ev.at
            if not isinstance(at, datetime):
                require_aware(at, f"history[{i}].at")
            tz = at.tzinfo
            if tz is None or (type(tz) not in _AWARE_TZ_TYPES and at.utcoffset() is None):
                raise InputError(f"history[{i}].at", "must be timezone-aware", at)
            at = norm(at)
            if at < received:
                raise InputError(f"history[{i}].at",
                                 f"is before the complaint's receipt {received.isoformat()}",
                                 at.isoformat())
            if at > as_of:
                tr.aside.append(_aside(f"history[{i}]", SetAsideReason.AFTER_AS_OF, None,
                                       ev.type.value))
                continue
            t = ev.type
            if t in _DONE_TYPES:
                prev = done.get(t)
                if prev is None or at < prev:
                    done[t] = at
                    if t is _E_HANDLED:
                        self.handled_by = ev.by
                    elif t is _E_REPLIED:
                        first_reply_i = i
            elif t is E.PAUSED:
                self.pauses.append((at, None if ev.end is None else norm(ev.end), ev))
            elif t is E.EXTENSION_APPROVED:
                if ev.extra is not None:
                    _extension_in_range(at, ev.extra, tb, f"history[{i}].extra")
                self.extensions.append((at, ev))
            elif t is E.SEVERITY_CORRECTED:
                self.corrections.append((at, cast(Severity, ev.severity)))
            else:  # RESULT_SIGNED
                signatures.append((at, ev))
        if policy.reply_before_handled and first_reply_i >= 0 and _E_HANDLED in done \
                and done[_E_REPLIED] > done[_E_HANDLED]:
            raise InputError(
                f"history[{first_reply_i}].at",
                f"the reply comes after the handling ({done[_E_HANDLED].isoformat()}), but "
                f"{policy.name} requires the reply first",
                done[_E_REPLIED].isoformat())
        if signatures:
            signatures.sort(key=lambda p: p[0])
            for at, ev in signatures:
                if self.handled_by is not None and ev.by is not None \
                        and ev.by != self.handled_by:
                    tr.aside.append(_aside(
                        "history:result_signed", SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-C5",
                        f"signed by {ev.by}, but {self.handled_by} solved it"))
                    continue
                done[E.RESULT_SIGNED] = at
                break
        self.done = done
        if len(self.corrections) > 1:
            self.corrections.sort(key=lambda p: p[0])
        if len(self.extensions) > 1:
            self.extensions.sort(key=lambda p: p[0])
        if len(self.pauses) > 1:
            self.pauses.sort(key=lambda p: p[0])


def _extended(due: datetime, extra: Span, tb: _Tables, field: str) -> datetime:
    """``due`` extended by ``extra``, or an :class:`InputError` naming ``field`` when that
    falls beyond the years 1900 to 2199."""
    try:
        new = deadline(due, extra, tb.cal)
    except (OverflowError, InputError):
        new = None
    if new is None or not new < LATEST:
        raise InputError(field, "is too long: the extended deadline would fall after 2199",
                         str(extra))
    return new


def _extension_in_range(at: datetime, extra: Span, tb: _Tables, field: str) -> None:
    """An extension of ``extra`` approved at ``at`` ends before 2200 (checked on reading the
    history, where the event's position names it)."""
    _extended(at, extra, tb, field)


_AWARE_TZ_TYPES: Final = frozenset({ZoneInfo, timezone, type(TzInfo(0))})
"""tzinfo types whose utcoffset is never None: the costly check is skipped for them."""

_DONE_TYPES: Final = frozenset(
    t for t in EventType
    if t not in (E.PAUSED, E.EXTENSION_APPROVED, E.SEVERITY_CORRECTED, E.RESULT_SIGNED))

_Pause = tuple[datetime, datetime | None]


def _merged_pauses(pauses: list[tuple[datetime, datetime | None, ComplaintEvent]],
                   kind: ObligationKind, policy: ComplaintPolicy) -> list[_Pause]:
    spans: list[_Pause] = []
    for start, end, ev in pauses:
        kinds = ev.obligations
        if (kind in kinds) if kinds is not None else (kind in policy.pausable):
            if spans:
                ps, pe = spans[-1]
                if pe is None or start <= pe:
                    if pe is not None and (end is None or end > pe):
                        spans[-1] = (ps, end)
                    continue
            spans.append((start, end))
    return spans


@dataclass(slots=True)
class _Applied:
    due: datetime
    paused: bool = False
    frozen: timedelta | None = None
    extended: bool = False


def _apply(due: datetime, sp: _Spec, pauses: list[_Pause],
           exts: list[tuple[datetime, ComplaintEvent]], seg_from: datetime, end: datetime,
           tb: _Tables, tr: _Trace | None) -> _Applied:
    """The deadline in force at ``end``: ``due`` moved by the pauses and extensions that
    happened while it was not yet passed (later ones cannot revive a breach)."""
    working = sp.tmpl.working
    res = _Applied(due)
    pi = ei = 0
    n_p, n_e = len(pauses), len(exts)
    while pi < n_p or ei < n_e:
        take_pause = ei >= n_e or (pi < n_p and pauses[pi][0] <= exts[ei][0])
        t = pauses[pi][0] if take_pause else exts[ei][0]
        if t > end:
            break
        if t > res.due:
            if tr is not None:
                what = "pause" if take_pause else "extension"
                tr.aside.append(_aside(
                    f"history:{'paused' if take_pause else 'extension_approved'}",
                    SetAsideReason.PROCEDURE_NOT_FOLLOWED, sp.rules[0],
                    f"{what} after the {sp.kind.value} deadline had passed"))
            break
        if take_pause:
            s, e = pauses[pi]
            pi += 1
            if e is None or e > end:
                res.paused = True
                res.frozen = tb.measure(working, s, res.due)
                res.due = tb.shift(working, res.due, tb.measure(working, s, end))
                break
            res.due = tb.shift(working, res.due, tb.measure(working, s, e))
        else:
            at, ev = exts[ei]
            ei += 1
            if at < seg_from:
                continue
            ext = sp.extension
            if ext is None:
                if tr is not None:
                    tr.aside.append(_aside("history:extension_approved",
                                           SetAsideReason.NOT_SUPPORTED, sp.rules[0],
                                           "this severity has no extension route"))
                continue
            if ext.approver is not None and ev.by != ext.approver:
                if tr is not None:
                    tr.aside.append(_aside(
                        "history:extension_approved", SetAsideReason.PROCEDURE_NOT_FOLLOWED,
                        ext.rules[0], f"approved by {ev.by}, the rule needs {ext.approver}"))
                continue
            if ext.requires_explanation and ev.explained is not True:
                if tr is not None:
                    tr.aside.append(_aside(
                        "history:extension_approved", SetAsideReason.PROCEDURE_NOT_FOLLOWED,
                        ext.rules[0], "the delay was not explained to the resident"))
                continue
            if ev.until is not None:
                new = tb.norm(ev.until)
            else:
                new = _extended(res.due, cast(Span, ev.extra), tb, "history.extra")
            if new <= res.due:
                if tr is not None:
                    tr.aside.append(_aside("history:extension_approved",
                                           SetAsideReason.NOT_RELEVANT, ext.rules[0],
                                           "does not move the deadline later"))
                continue
            res.due = new
            res.extended = True
            if tr is not None:
                tr.used.append(_used("history:extension_approved", ext.rules[0]))
    return res


# A segment: (from, item, upgrade): the item in force from that instant (a severity change
# re-plans), and whether CP-UPGRADE began it (the old item then carries on unless the new
# deadline is earlier).
_Seg = tuple[datetime, _ItemT, bool]


def _clip(pauses: list[_Pause], start: datetime | None) -> list[_Pause]:
    """The pauses from ``start`` on (an obligation's clock cannot stop before it runs)."""
    if not pauses or start is None or pauses[0][0] >= start:
        return pauses
    return [(max(s, start), e) for s, e in pauses if e is None or e > start]


def _evaluate1(it: _ItemT, done_at: datetime | None, as_of: datetime) -> ObligationStatus:
    """One plan, no pause, no extension: the common case."""
    sp, start, due, person = it
    if due is None:
        done = done_at is not None and done_at <= as_of
        waiting = _HANDLED if sp.anchor is _HANDLED and start is None else None
        return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules,
                                _MET if done else _PENDING, None, done_at if done else None,
                                None, None, None, None, None, False, None, waiting, person)
    if done_at is not None and done_at <= as_of:
        if done_at <= due:
            return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _MET, due, done_at,
                                    None, None, None, None, due - done_at, False,
                                    sp.late_approval, None, person)
        return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _BREACHED, due, done_at,
                                None, due, done_at - due, None, None, False, sp.late_approval,
                                None, person)
    if as_of > due:
        return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _BREACHED, due, None,
                                None, due, as_of - due, None, None, False, sp.late_approval,
                                None, person)
    return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _PENDING, due, None, None,
                            None, None, due - as_of, None, False, sp.late_approval, None, person)


def _evaluate(segs: list[_Seg], done_at: datetime | None, as_of: datetime,
              pauses: list[_Pause], exts: list[tuple[datetime, ComplaintEvent]],
              tb: _Tables, tr: _Trace | None) -> ObligationStatus:
    done = done_at is not None and done_at <= as_of
    if len(segs) == 1 and not pauses and not exts:  # the common case, inline
        sp, start, due, person = segs[0][1]
        if due is None:
            waiting = _HANDLED if sp.anchor is _HANDLED and start is None else None
            return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules,
                                    _MET if done else _PENDING, None,
                                    done_at if done else None, None, None, None, None, None,
                                    False, None, waiting, person)
        if done:
            if done_at <= due:  # type: ignore[operator]
                return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _MET, due,
                                        done_at, None, None, None, None,
                                        due - done_at,  # type: ignore[operator]
                                        False, sp.late_approval, None, person)
            return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _BREACHED, due,
                                    done_at, None, due,
                                    done_at - due,  # type: ignore[operator]
                                    None, None, False, sp.late_approval, None, person)
        if as_of > due:
            return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _BREACHED, due, None,
                                    None, due, as_of - due, None, None, False,
                                    sp.late_approval, None, person)
        return ObligationStatus(sp.kind, sp.owed_by, sp.to, sp.rules, _PENDING, due, None,
                                None, None, None, due - as_of, None, False, sp.late_approval,
                                None, person)
    horizon = cast(datetime, done_at) if done else as_of
    original = segs[0][1][2]
    breached_due: datetime | None = None
    due2: datetime | None = None
    paused = False
    frozen: timedelta | None = None
    moved = False
    item = segs[0][1]
    n = len(segs)
    for i in range(n):
        seg_from, item, upgrade = segs[i]
        t_next = segs[i + 1][0] if i + 1 < n else None
        last = t_next is None or t_next > horizon
        end = horizon if last else cast(datetime, t_next)
        due2 = item[2]
        paused = False
        moved_before = moved
        if due2 is not None and (pauses or exts):
            res = _apply(due2, item[0], _clip(pauses, item[1]), exts, seg_from, end, tb,
                         tr if breached_due is None else None)
            due2, paused, frozen = res.due, res.paused, res.frozen
            moved = moved or res.extended or due2 != item[2]
        if upgrade and i > 0:
            # CP-UPGRADE: the old severity's obligation, still open, carries on with its own
            # deadline unless the new one is earlier
            old_from, old_item, _ = segs[i - 1]
            old_due = old_item[2]
            old_paused, old_frozen, old_moved = False, None, False
            if old_due is not None and (pauses or exts):
                res = _apply(old_due, old_item[0], _clip(pauses, old_item[1]), exts, old_from,
                             end, tb, None)
                old_moved = res.extended or res.due != old_due
                old_due, old_paused, old_frozen = res.due, res.paused, res.frozen
            if old_due is not None and (due2 is None or old_due <= due2):
                item, due2, paused, frozen = old_item, old_due, old_paused, old_frozen
                moved = moved_before or old_moved
        if due2 is None:
            if last:
                break
            continue
        if breached_due is None and not paused and due2 < end:
            breached_due = due2  # a breach is final: later re-plans show their deadline only
        if last:
            break
    if n > 1 and due2 != original:
        moved = True
    sp, start, _, person = item
    late_approval = sp.late_approval
    # positional: kind, owed_by, to, rules, state, due, done_at, original_due, breached_due,
    # late_by, remaining, slack, paused, approval_needed, waiting_for, person
    if breached_due is not None:
        return ObligationStatus(
            sp.kind, sp.owed_by, sp.to, sp.rules, _BREACHED, due2, done_at if done else None,
            original if moved else None, breached_due, horizon - breached_due, None, None,
            False, late_approval, None, person)
    if due2 is None:
        waiting = _HANDLED if sp.anchor is _HANDLED and start is None else None
        return ObligationStatus(
            sp.kind, sp.owed_by, sp.to, sp.rules, _MET if done else _PENDING, None,
            done_at if done else None, None, None, None, None, None, False, None, waiting,
            person)
    if done:
        slack = due2 - horizon
        return ObligationStatus(
            sp.kind, sp.owed_by, sp.to, sp.rules, _MET, due2, done_at,
            original if moved else None, None, None, None, slack if slack > _ZERO else _ZERO,
            paused, late_approval, None, person)
    remaining = frozen if paused else due2 - as_of
    return ObligationStatus(
        sp.kind, sp.owed_by, sp.to, sp.rules, _PENDING, due2, None,
        original if moved else None, None, None, remaining, None, paused, late_approval, None,
        person)


def _status(c: Complaint, history: Sequence[ComplaintEvent], as_of: datetime, tb: _Tables,
            tr: _Trace) -> tuple[ComplaintStatus, _Cls, Provisional | None]:
    """The status; ``as_of`` is checked and in the calendar's zone (see :func:`_as_of`)."""
    cls = _classify(c, tb, tr)
    r = _Receipt(c, cls, tb)
    received = r.received
    if as_of < received:
        raise InputError("as_of", f"is before the complaint's receipt "
                         f"{c.received_at.isoformat()}", as_of.isoformat())
    if history and not isinstance(history, Sequence):
        raise InputError("history", "must be a sequence of ComplaintEvent",
                         type(history).__name__)
    h = _History(history, received, as_of, tb, tr) if history else None
    done = h.done if h is not None else _NO_DONE
    handled_at = done.get(_E_HANDLED)

    # the severity over time: corrections by the handler, CP-UPGRADE
    provisional: Provisional | None = None
    upgrade_at: datetime | None = None
    if cls.valid is True and tb.upgrade is not None:
        tu = cast(datetime, tb.due_x(tb.upgrade, received, r.x))
        if handled_at is None or handled_at > tu:
            if tu < as_of:
                upgrade_at = tu
            elif cls.severity is not Severity.MAJOR:
                provisional = _upgrade_provisional(tu)
    sev, changes, segments = _timeline(cls.severity, h.corrections if h is not None else [],
                                       upgrade_at, received, tr)

    shape0 = _shape(c, r, cls.valid, cls.severity, tb)
    _plan_trace(c, r, cls, shape0, cls.severity, tb, tr)
    tr.decided.update(shape0.rules)
    exts = h.extensions if h is not None else []
    pauses = h.pauses if h is not None else []
    if len(segments) == 1:
        final = shape0
        out, met, breached, pending = _statuses(_items(c, r, shape0, tb, handled_at), done,
                                                pauses, exts, received, as_of, tb, tr)
        undetermined = shape0.undetermined
    else:
        shapes = [shape0] + [_shape(c, r, cls.valid, s, tb) for _, s, _ in segments[1:]]
        for shape in shapes[1:]:
            tr.decided.update(shape.rules)
        final = shapes[-1]
        out, met, breached, pending, kinds = _replanned(
            [(t_from, _items(c, r, shape, tb, handled_at, t_from if upgrade else None),
              upgrade)
             for (t_from, _, upgrade), shape in zip(segments, shapes, strict=True)],
            done, pauses, exts, as_of, tb, tr)
        undetermined = tuple(k for k in final.undetermined if k not in kinds)
    outcome = _new(ComplaintStatus, {
        "classification": cls.outcome(c),
        "severity": sev,
        "severity_changes": tuple(changes),
        "handler": final.handler,
        "obligations": tuple(out),
        "undetermined": undetermined,
        "met": met,
        "breached": breached,
        "pending": pending,
    })
    return outcome, cls, provisional


def _timeline(sev: Severity | None, corrections: list[tuple[datetime, Severity]],
              upgrade_at: datetime | None, received: datetime, tr: _Trace
              ) -> tuple[Severity | None, list[SeverityChange], list[_Segment]]:
    """The severity over time from ``sev`` at receipt: the handler's corrections (sorted) and
    `CP-UPGRADE` at ``upgrade_at``; the severity in force at the end, the changes, and the
    segments (from, severity, by the upgrade) of the plan."""
    changes: list[SeverityChange] = []
    segments: list[_Segment] = [(received, sev, False)]
    if corrections or upgrade_at is not None:
        timeline: list[tuple[datetime, Severity, str]] = [
            (at, s, "correction") for at, s in corrections]
        if upgrade_at is not None:
            timeline.append((upgrade_at, Severity.MAJOR, "CP-UPGRADE"))
        timeline.sort(key=lambda p: (p[0], p[2] == "CP-UPGRADE"))
        upgraded = False
        for at, s, why in timeline:
            if upgraded:
                tr.aside.append(_aside("history:severity_corrected",
                                       SetAsideReason.SUPERSEDED, "CP-UPGRADE",
                                       "the complaint is major since the month ended"))
                continue
            if why == "CP-UPGRADE":
                upgraded = True
                tr.rule("CP-UPGRADE")
            else:
                tr.used.append(_used("history:severity_corrected", None,
                                     f"the handler corrected the severity to {s.value}"))
            if s is not sev:
                changes.append(SeverityChange(at, sev, s, why if why == "CP-UPGRADE"
                                              else "correction"))
                sev = s
                segments.append((at, s, why == "CP-UPGRADE"))
    return sev, changes, segments


_Segment = tuple[datetime, Severity | None, bool]
"""A plan's segment: from when, under which severity, and whether `CP-UPGRADE` began it (its
new obligations then run from that instant, not from the receipt)."""


_PauseEv = tuple[datetime, datetime | None, ComplaintEvent]
_ExtEv = tuple[datetime, ComplaintEvent]


def _statuses(items: list[_ItemT], done: dict[EventType, datetime], pauses: list[_PauseEv],
              exts: list[_ExtEv], received: datetime, as_of: datetime, tb: _Tables,
              tr: _Trace) -> tuple[list[ObligationStatus], int, int, int]:
    """The status of each obligation of one plan (no severity change), and the counts."""
    out: list[ObligationStatus] = []
    met = breached = pending = 0
    policy = tb.policy
    for it in items:
        sp = it[0]
        if not done:
            done_at = None
        elif sp.done is _ANSWER_EVENTS:
            cands = [done[e] for e in _ANSWER_EVENTS if e in done]
            done_at = min(cands) if cands else None
        else:
            done_at = done.get(sp.done[0])
        merged = _merged_pauses(pauses, sp.pause_kind, policy) if pauses else _NO_PAUSES
        if merged or (exts and sp.kind is _K_HANDLE):
            st = _evaluate([(received, it, False)], done_at, as_of, merged,
                           exts if sp.kind is _K_HANDLE else _NO_EXTS, tb, tr)
        else:
            st = _evaluate1(it, done_at, as_of)
        out.append(st)
        state = st.state
        if state is _MET:
            met += 1
        elif state is _BREACHED:
            breached += 1
        else:
            pending += 1
    return out, met, breached, pending


def _replanned(plans: list[tuple[datetime, list[_ItemT], bool]],
               done: dict[EventType, datetime],
               pauses: list[_PauseEv], exts: list[_ExtEv], as_of: datetime, tb: _Tables,
               tr: _Trace) -> tuple[list[ObligationStatus], int, int, int,
                                    dict[ObligationKind, list[_Seg]]]:
    """The status of each obligation over successive plans: ``plans`` holds each plan's
    items, the instant it is in force from, and whether `CP-UPGRADE` began it (a handler's
    correction re-plans from the receipt; the upgrade's new obligations run from it, and
    the old ones still open carry on unless the new deadline is earlier)."""
    policy = tb.policy
    order: list[ObligationKind] = []
    per_kind: dict[ObligationKind, list[_Seg]] = {}
    for t_from, items, upgrade in plans:
        for it in items:
            kind = it[0].kind
            lst = per_kind.get(kind)
            if lst is None:
                per_kind[kind] = [(t_from, it, upgrade)]
                order.append(kind)
            else:
                lst.append((t_from, it, upgrade))
    out: list[ObligationStatus] = []
    met = breached = pending = 0
    for kind in order:
        segs = per_kind[kind]
        sp = segs[0][1][0]
        st = _evaluate(segs, _done_at(sp, done), as_of,
                       _merged_pauses(pauses, sp.pause_kind, policy) if pauses else [],
                       exts if sp.kind is _K_HANDLE else [], tb, tr)
        out.append(st)
        state = st.state
        if state is _MET:
            met += 1
        elif state is _BREACHED:
            breached += 1
        else:
            pending += 1
    return out, met, breached, pending, per_kind


_NO_DONE: Final[dict[EventType, datetime]] = {}
_NO_PAUSES: Final[list[_Pause]] = []
_NO_EXTS: Final[list[tuple[datetime, ComplaintEvent]]] = []


@functools.lru_cache(maxsize=1024)
def _upgrade_provisional(tu: datetime) -> Provisional:
    if is_end_of_day(tu):
        day = day_text((tu - _MICRO).date())
        by = Text(f"by the end of {day.en}", f"到{day.zh}结束")
    else:
        w = instant_text(tu)
        by = Text(f"by {w.en}", f"到{w.zh}")
    return Provisional(
        until=tu, rules=("CP-UPGRADE",),
        reason=Text(f"if the complaint is not resolved {by.en}, it becomes major",
                    f"如{by.zh}仍未得到合理解决,即属重大投诉"))


def _done_at(sp: _Spec, done: dict[EventType, datetime]) -> datetime | None:
    if not done:
        return None
    if sp.done is _ANSWER_EVENTS:
        cands = [done[e] for e in _ANSWER_EVENTS if e in done]
        return min(cands) if cands else None
    return done.get(sp.done[0])


def status(complaint: Complaint, history: Sequence[ComplaintEvent], as_of: datetime,
           policy: ComplaintPolicy | str, *, explain: bool = True) -> ComplaintStatusDecision:
    """Every obligation of ``complaint`` at ``as_of`` under ``policy`` (`CP-STATUS`).

    ``history`` may be in any order; events after ``as_of`` are set aside. A naive instant,
    an event before the receipt, or a reply after the handling where the policy requires the
    reply first is an :class:`~propmgmt_rules.errors.InputError` naming the field. With
    ``explain=False`` the explanation is a one-line summary (the bulk path).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from propmgmt_rules.complaints.policies import PROCEDURE_5
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> c = Complaint(id="C1", received_at=datetime(2025, 3, 3, 10, tzinfo=sh), justified=True,
    ...               caused_by="company_staff", injury=False, loss_amount=0,
    ...               promised_service_failed=False, about="staff_attitude", intent="venting")
    >>> d = status(c, [], datetime(2025, 3, 7, 12, tzinfo=sh), PROCEDURE_5)
    >>> d.outcome.severity, [(o.kind.value, o.state.value) for o in d.outcome.obligations][:3]
    (<Severity.IMPORTANT: 'important'>,
     [('dispatch', 'breached'), ('escalate', 'breached'), ('handle', 'breached')])
    >>> d.outcome.obligations[2].approval_needed
    'office_director'
    """
    policy = resolve_policy(policy)
    _check_complaint(complaint)
    require_aware(as_of, "as_of")
    tb = _tables(policy)
    tr = _Trace(explain=explain)
    as_of = _as_of(as_of, tb)
    outcome, cls, provisional = _status(complaint, history, as_of, tb, tr)
    return _status_decision(complaint, outcome, cls, provisional, as_of, policy, tb, tr)


def _status_decision(c: Complaint, outcome: ComplaintStatus, cls: _Cls,
                     provisional: Provisional | None, as_of: datetime, policy: ComplaintPolicy,
                     tb: _Tables, tr: _Trace) -> ComplaintStatusDecision:
    tr.decided["CP-STATUS"] = None
    sev = outcome.severity
    if not tr.explain:
        explanation = _summary(as_of, tb.tz, policy.name, policy.title_zh, sev,
                               cls.validity is Validity.INVALID, outcome.met, outcome.breached,
                               outcome.pending)
    else:
        explanation = _explanation(_status_lines(outcome, as_of, policy, tb, tr, provisional))
    return _decision(ComplaintStatusDecision, "complaint.status", c.id, as_of, outcome, tr, tb,
                     escalation=_escalation(cls, policy), explanation=explanation,
                     provisional=provisional)


def _head_text(as_of: datetime, tz: tzinfo, name: str, name_zh: str, sev: Severity | None,
               invalid: bool, met: int, breached: int, pending: int) -> Text:
    en, zh = _head(as_of, tz, name, name_zh)
    if sev is not None:
        sev_en, sev_zh = _EN_SEV[sev], f"{_ZH_SEV[sev]}投诉"
    elif invalid:
        sev_en, sev_zh = "none (an invalid complaint)", "无效投诉,不分程度"
    else:
        sev_en, sev_zh = "undetermined", "程度未定"
    return Text(
        f"{en}{sev_en}; {met} met, {breached} breached, {pending} pending (CP-STATUS).",
        f"{zh}{sev_zh};按时完成{met}项、逾期{breached}项、待办{pending}项(CP-STATUS)。",
    )


@functools.lru_cache(maxsize=4096)
def _summary(as_of: datetime, tz: tzinfo, name: str, name_zh: str, sev: Severity | None,
             invalid: bool, met: int, breached: int, pending: int) -> Explanation:
    """The one-line explanation of the bulk path (shared: explanations are immutable)."""
    return _explanation([_head_text(as_of, tz, name, name_zh, sev, invalid, met, breached,
                                    pending)])


def _status_lines(outcome: ComplaintStatus, as_of: datetime, policy: ComplaintPolicy,
                  tb: _Tables, tr: _Trace, provisional: Provisional | None) -> list[Text]:
    tz = tb.tz
    year = _year_of(as_of, tz)
    head = _head_text(as_of, tz, policy.name, policy.title_zh, outcome.severity,
                      outcome.classification.validity is Validity.INVALID, outcome.met,
                      outcome.breached, outcome.pending)
    lines = [*tr.lines, head]
    for ch in outcome.severity_changes:
        prev = _EN_SEV[ch.previous] if ch.previous is not None else "undetermined"
        prev_zh = _ZH_SEV[ch.previous] if ch.previous is not None else "未定"
        w = _when(ch.at, tz, year)
        if ch.rule == "CP-UPGRADE":
            lines.append(Text(
                f"From {w.en} the complaint is {_EN_SEV[ch.severity]} (was {prev}): not resolved "
                "within one month of receipt (CP-UPGRADE, CP-4.2.2 (3)). What only a major "
                "complaint owes runs from then; what was met stays met; what is still open "
                "keeps its deadline unless the major complaint's is earlier.",
                f"自{w.zh}起为{_ZH_SEV[ch.severity]}投诉(原为{prev_zh}):受理后一个月内未得到"
                "合理解决(CP-UPGRADE、CP-4.2.2 第3项)。重大投诉新增的义务自该时起算;已完成的"
                "义务不变;尚未完成的义务仍按原截止时间,除非重大投诉的截止时间更早。"))
        else:
            lines.append(Text(
                f"From {w.en} the complaint is {_EN_SEV[ch.severity]} (was {prev}): corrected by "
                "the handler; every obligation is re-planned from the receipt.",
                f"自{w.zh}起为{_ZH_SEV[ch.severity]}投诉(原为{prev_zh}):处理人更正;各项义务"
                "自受理时起重新计算。"))
    if provisional is not None:
        lines.append(Text(
            f"Provisional: {provisional.reason.en} ({', '.join(provisional.rules)}).",
            f"暂定:{provisional.reason.zh}({'、'.join(provisional.rules)})。"))
    lines.extend(_status_line(o, policy, tb, year) for o in outcome.obligations)
    for k in outcome.undetermined:
        lines.append(Text(f"{_EN_KIND[k]}: undetermined until the classification is complete.",
                          f"{_ZH_KIND[k]}:分类未完成,暂无法确定。"))
    return lines


@functools.lru_cache(maxsize=256)
def _head(as_of: datetime, tz: tzinfo, name: str, name_zh: str) -> tuple[str, str]:
    w = instant_text(as_of, tz, year=True)
    return (f"At {w.en}, under {name}: severity ", f"截至{w.zh},按{name_zh}:")


def _span_parts(d: timedelta) -> tuple[int, int, int]:
    total = int(d.total_seconds()) // 60
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    return days, hours, minutes


def _td(d: timedelta | None) -> str:
    """A length of time for a reader: "2 days 1 h 45 min", "10 min", "under a minute"."""
    if d is None:
        return "-"
    days, hours, minutes = _span_parts(d)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    return " ".join(parts) if parts else "under a minute"


def _td_zh(d: timedelta | None) -> str:
    """A length of time in Chinese: 「2天1小时45分钟」, 「不到1分钟」."""
    if d is None:
        return "-"
    days, hours, minutes = _span_parts(d)
    out = (f"{days}天" if days else "") + (f"{hours}小时" if hours else "") + \
        (f"{minutes}分钟" if minutes else "")
    return out or "不到1分钟"


def _status_line(o: ObligationStatus, policy: ComplaintPolicy, tb: _Tables,
                 year: int) -> Text:
    """Where one obligation stands, as a service-desk supervisor reads it."""
    tz = tb.tz
    who = policy.role_name(o.owed_by) + (f" ({o.person})" if o.person else "")
    who_zh = policy.role_name(o.owed_by, True) + (f"({o.person})" if o.person else "")
    moved_en = moved_zh = ""
    if o.original_due is not None:
        first = _when(o.original_due, tz, year)
        moved_en = f" (first planned for {first.en})"
        moved_zh = f"(原定{first.zh})"
    if o.state is _MET:
        done = _when(cast(datetime, o.done_at), tz, year)
        if o.due is None:
            en, zh = f"met, done {done.en}", f"已完成,完成于{done.zh}"
        else:
            due = _when(o.due, tz, year)
            if not o.slack:
                en = f"met, done {done.en}, right at the deadline{moved_en}"
                zh = f"已完成,完成于{done.zh},恰在截止时间{moved_zh}"
            else:
                en = (f"met, done {done.en}, {_td(o.slack)} before the deadline "
                      f"{due.en}{moved_en}")
                zh = (f"已完成,完成于{done.zh},比截止时间{due.zh}{moved_zh}提前"
                      f"{_td_zh(o.slack)}")
    elif o.state is _BREACHED:
        bdue = _when(cast(datetime, o.breached_due), tz, year)
        if o.done_at is not None:
            done = _when(o.done_at, tz, year)
            en = f"breached, done {done.en}, {_td(o.late_by)} after the deadline {bdue.en}"
            zh = f"已逾期,截止{bdue.zh},{done.zh}才完成,逾期{_td_zh(o.late_by)}"
        else:
            en = f"breached, not done, {_td(o.late_by)} past the deadline {bdue.en}"
            zh = f"已逾期,截止{bdue.zh},尚未完成,已逾期{_td_zh(o.late_by)}"
        if o.due is not None and o.due != o.breached_due:
            again = _when(o.due, tz, year)
            en += f"; re-planned deadline {again.en}"
            zh += f";重新计算的截止时间为{again.zh}"
        if o.approval_needed:
            en += f"; a late handling needs {policy.role_name(o.approval_needed)}'s approval"
            zh += f";超时处理须经{policy.role_name(o.approval_needed, True)}批准"
    elif o.waiting_for is not None:
        en = "not running yet: counted from the handling, which is not done"
        zh = "尚未起算:自处理完毕起算,尚未处理完毕"
    elif o.due is None:
        en, zh = "pending, no time limit stated", "待办,规定未设时限"
    elif o.paused:
        due = _when(o.due, tz, year)
        en = (f"paused, {_td(o.remaining)} left when the clock stopped; due no earlier than "
              f"{due.en}")
        zh = f"已暂停,暂停时剩余{_td_zh(o.remaining)};截止时间不早于{due.zh}"
    elif not o.remaining:
        due = _when(o.due, tz, year)
        en, zh = f"pending, due now ({due.en}){moved_en}", f"待办,此刻到期({due.zh}){moved_zh}"
    else:
        due = _when(o.due, tz, year)
        en = f"pending, {_td(o.remaining)} left, due {due.en}{moved_en}"
        zh = f"待办,剩余{_td_zh(o.remaining)},截止{due.zh}{moved_zh}"
    r = _rules(o.rules)
    return Text(f"{_EN_KIND[o.kind]} — {who}: {en} ({r.en}).",
                f"{_ZH_KIND[o.kind]}—{who_zh}:{zh}({r.zh})。")


# -- the bulk fast path ---------------------------------------------------------------------
#
# ``evaluate_many(explain=False)`` on a calendar with one UTC offset decides a complaint
# here. One memo lookup on its canonical facts gives the classification, the plan shape and
# the whole trace, computed once by the general path's own functions (so the two cannot
# drift); the deadlines come from a memo per local receipt day or one addition; each status
# is a few comparisons of datetimes in the calendar's zone. Pauses and extensions send the
# obligations they move through _evaluate; severity corrections and CP-UPGRADE re-plans go
# through _Bulk._replan (the general path's helpers on the memoised plan). A requested or
# expected time, a result signature, an instant in a zone of an unknown kind, or an input
# error go to the general path. The tests check that both paths give the same decisions, to
# the JSON.

_R_DAY, _R_ELAPSED, _R_NONE, _R_FIRST, _R_DIRECT = 0, 1, 2, 3, 4
_H_DAY, _H_ELAPSED, _H_NONE, _H_DIRECT = 5, 6, 7, 8
_RECEIPT_CODE: Final = {_DAY: _R_DAY, _ELAPSED: _R_ELAPSED, _NO_LIMIT: _R_NONE,
                        _DIRECT: _R_DIRECT}
_HANDLED_CODE: Final = {_DAY: _H_DAY, _ELAPSED: _H_ELAPSED, _NO_LIMIT: _H_NONE,
                        _DIRECT: _H_DIRECT}

_STAFF, _FACILITIES, _RESIDENT = Cause.COMPANY_STAFF, Cause.COMPANY_FACILITIES, Cause.RESIDENT
_OTHER_CAUSE: Final = "other"
_ENQUIRY: Final = Intent.ENQUIRY


def _canonical(f: dict[str, Any], repeated: int, major_loss_threshold: object
               ) -> tuple[object, ...]:
    """The facts of a complaint (``f``: its fields) as its classification, plan and their
    trace tell them apart (two flags of the receipt, ``received_by is None`` and working
    hours, are kept apart): which cause beyond the company's and the resident's, which topic
    of a subject, a loss, an injury or a promise of a complaint the company did not cause, a
    count of raisings below 'repeatedly', make no difference to them. Requested and expected
    times take the general path. The tests check this key against the general path, one fact
    at a time."""
    cause = f["caused_by"]
    if cause is _STAFF or cause is _FACILITIES:
        loss = f["loss_amount"]
        major = f["major_loss"]
        if major is None and loss is not None:  # _major_loss
            if not loss:
                major = False
            elif major_loss_threshold is not None:
                major = bool(loss >= major_loss_threshold)
        psf = f["promised_service_failed"]
        raised: int | None = None
        if psf is True:
            n = f["times_raised"]
            raised = -1 if n is None else n if n >= repeated else 0
        company: tuple[object, ...] | None = (
            f["injury"], major, loss is None, loss is not None and bool(loss) and loss > 0, psf,
            raised)
        cause_class: object = cause
    else:
        company = None
        cause_class = cause if cause is None or cause is _RESIDENT else _OTHER_CAUSE
    intent = f["intent"]
    about = f["about"]
    return (f["justified"], cause_class, company, f["verified_by_authority"], intent,
            None if about is None else _SUBJECT_OF_TOPIC[about], f["assessed_severity"],
            f["group"], f["forwarded_by_government"],
            f["answered_at_once"] if intent is _ENQUIRY else None)


# A row: (code, template, event that meets it (None: the answer events), kind, owed_by, to,
# rules, late approval, with person, is the answer obligation, counted from the handling, spec).
_Row = tuple[int, _Tmpl, EventType | None, ObligationKind, str, tuple[str, ...],
             tuple[str, ...], str | None, bool, bool, bool, _Spec]


class _Prog:
    """A plan shape compiled for the bulk path: a row per obligation, and the deadlines that
    depend only on the local receipt day, memoised per day."""

    __slots__ = ("days", "rows", "specs")

    def __init__(self, shape: _Shape) -> None:
        self.specs = shape.specs
        rows: list[_Row] = []
        for i, sp in enumerate(shape.specs):
            t = sp.tmpl
            handled = sp.anchor is _HANDLED
            if handled:
                code = _HANDLED_CODE[t.mode]
            elif sp.kind is _K_WEEKLY:
                code = _R_DAY
            elif sp.kind is _K_FIRST:
                code = _R_FIRST
            else:
                code = _RECEIPT_CODE[t.mode]
            ev = None if sp.done is _ANSWER_EVENTS else sp.done[0]
            rows.append((code, t, ev, sp.kind, sp.owed_by, sp.to, sp.rules, sp.late_approval,
                         sp.with_person, i == shape.answer, handled, sp))
        self.rows: tuple[_Row, ...] = tuple(rows)
        self.days: dict[int, tuple[datetime | None, ...]] = {}

    def day(self, x: int, received: datetime, tb: _Tables) -> tuple[datetime | None, ...]:
        """The receipt-day deadlines (``None`` for the other rows) of a receipt on day ``x``."""
        dues = tuple(
            (tb.weekly_due_x(x) if row[3] is _K_WEEKLY else tb.due_x(row[1], received, x))
            if row[0] == _R_DAY else None
            for row in self.rows)
        if len(self.days) > _CACHE_LIMIT:
            self.days.clear()
        self.days[x] = dues
        return dues


def _prog(shape: _Shape) -> _Prog:
    prog = shape.prog
    if prog is None:
        prog = shape.prog = _Prog(shape)
    return prog


class _BulkPlan:
    """Everything about a complaint that its facts decide, for the bulk path: the
    classification, the plan shape, and the trace of the decision as the general path writes
    it (the classification's part, the plan's part, and both joined for a complaint whose
    history adds nothing to them)."""

    __slots__ = ("aside", "classification", "cls_trace", "decided", "escalation", "handler",
                 "invalid", "missing", "not_applied", "plan_trace", "prog", "severity", "shape",
                 "shape_key", "undetermined", "upgrade", "used")

    def __init__(self, c: Complaint, tb: _Tables) -> None:
        ct = _Trace(False)
        cls = _classify(c, tb, ct)
        r = _Receipt(c, cls, tb)
        shape = _shape(c, r, cls.valid, cls.severity, tb)
        pt = _Trace(False)
        _plan_trace(c, r, cls, shape, cls.severity, tb, pt)
        self.cls_trace = (tuple(ct.decided), tuple(ct.not_applied), tuple(ct.used),
                          tuple(ct.aside), tuple(ct.missing))
        self.plan_trace = (tuple(pt.decided), tuple(pt.not_applied), tuple(pt.used),
                           tuple(pt.aside), tuple(pt.missing))
        decided = dict(ct.decided)
        decided.update(pt.decided)
        decided.update(shape.rules)
        decided["CP-STATUS"] = None
        self.decided = tuple(decided)
        self.not_applied = (*ct.not_applied, *pt.not_applied)
        self.used = (*ct.used, *pt.used)
        self.aside = (*ct.aside, *pt.aside)
        self.missing = (*ct.missing, *pt.missing)
        self.classification = cls.outcome(c)
        self.invalid = cls.validity is Validity.INVALID
        self.escalation = _escalation(cls, tb.policy)
        self.severity = cls.severity
        self.shape = shape
        self.shape_key = (cls.valid, r.off_hours, c.group, c.forwarded_by_government, r.notice,
                          r.enquiry)
        self.handler = shape.handler
        self.undetermined = shape.undetermined
        self.prog = _prog(shape)
        self.upgrade = cls.valid is True and tb.upgrade is not None

    def shape_for(self, severity: Severity | None, tb: _Tables) -> _Shape:
        """The plan shape of the same complaint under another severity (a re-plan)."""
        valid, off_hours, group, gov, notice, enquiry = self.shape_key
        key: _Key = (valid, severity, off_hours, group, gov, notice, enquiry)
        shape = tb.shapes.get(key)
        if shape is None:
            shape = tb.shapes[key] = _build_shape(tb, key)
        return shape


_STATUS_FIELDS: Final = fields_set(ComplaintStatus)
_DECISION_FIELDS: Final = fields_set(ComplaintStatusDecision)


class _Bulk:
    """One :func:`evaluate_many` call's fast path (``as_of`` checked, in the calendar's zone,
    whose UTC offset is fixed)."""

    __slots__ = ("as_of", "basis", "hours", "name", "name_zh", "plans", "rbh", "repeated",
                 "routing", "summaries", "tb", "threshold", "tz", "upgrade", "upgrades")

    def __init__(self, tb: _Tables, as_of: datetime) -> None:
        self.tb = tb
        self.as_of = as_of
        self.tz = tb.tz
        self.basis = tb.basis
        self.name = tb.policy.name
        self.name_zh = tb.policy.title_zh
        self.rbh = tb.policy.reply_before_handled
        self.repeated = tb.policy.repeated_threshold
        self.threshold = tb.policy.major_loss_threshold
        self.routing = tb.policy.routing is not None
        self.hours: dict[int, tuple[tuple[datetime, datetime], ...]] = {}
        self.upgrade = tb.upgrade
        self.upgrades: dict[int, tuple[datetime, Provisional]] = {}
        self.plans = tb.bulk
        self.summaries: dict[tuple[Severity | None, bool, int, int, int], Explanation] = {}

    def one(self, c: Complaint, history: Sequence[ComplaintEvent]
            ) -> ComplaintStatusDecision | None:
        """The decision, or ``None`` when the complaint needs the general path: a requested
        or expected time, a result signature, an instant in an unknown kind of zone, or an
        input error (the general path raises it)."""
        f = c.__dict__  # the fields (a pydantic model keeps them there): faster to read
        if f["requested_by"] is not None or f["expected_answer_at"] is not None:
            return None
        tz = self.tz
        received = f["received_at"]
        tzi = received.tzinfo
        if tzi is not tz:
            if type(tzi) not in _AWARE_TZ_TYPES:
                return None
            received = received.astimezone(tz)
        as_of = self.as_of
        if as_of < received:
            return None
        x = received.toordinal() - 1
        person = f["received_by"]
        slot = 0 if person is not None else 2
        if self.routing:  # SQ-HOURS: off hours? (the day's working periods, as instants)
            bounds = self.hours.get(x)
            if bounds is None:
                bounds = self._hours(x)
            for lo, hi in bounds:
                if lo <= received < hi:
                    break
            else:
                slot += 1
        facts = _canonical(f, self.repeated, self.threshold)
        plans = self.plans
        entry = plans.get(facts)
        if entry is None:
            if len(plans) > _CACHE_LIMIT:
                plans.clear()
            entry = plans[facts] = [None, None, None, None]
        plan = entry[slot]
        if plan is None:
            plan = entry[slot] = _BulkPlan(c, self.tb)

        # the history, read once (as _History reads it)
        done: dict[EventType, datetime] | None = None
        handled_at: datetime | None = None
        pauses: list[_PauseEv] | None = None
        exts: list[_ExtEv] | None = None
        corrections: list[tuple[datetime, Severity]] | None = None
        late: list[FactSetAside] | None = None
        if history:
            done = {}
            for ev in history:
                a = ev.at
                tzi = a.tzinfo
                if tzi is not tz:
                    if type(tzi) not in _AWARE_TZ_TYPES:
                        return None
                    a = a.astimezone(tz)
                if a < received:
                    return None
                t = ev.type
                if a > as_of:
                    if late is None:
                        late = []
                    i = next(j for j, e in enumerate(history) if e is ev)
                    late.append(_aside(f"history[{i}]", SetAsideReason.AFTER_AS_OF, None,
                                       t.value))
                    continue
                if t in _DONE_TYPES:
                    prev = done.get(t)
                    if prev is None or a < prev:
                        done[t] = a
                elif t is _E_PAUSED:
                    end = ev.end
                    if end is not None and end.tzinfo is not tz:
                        if type(end.tzinfo) not in _AWARE_TZ_TYPES:
                            return None
                        end = end.astimezone(tz)
                    if pauses is None:
                        pauses = []
                    pauses.append((a, end, ev))
                elif t is _E_EXTENSION:
                    if exts is None:
                        exts = []
                    exts.append((a, ev))
                elif t is _E_CORRECTED:
                    if corrections is None:
                        corrections = []
                    corrections.append((a, cast(Severity, ev.severity)))
                else:  # a result signature: OM-C5 compares the signer with who solved it
                    return None
            handled_at = done.get(_E_HANDLED)
            if self.rbh and handled_at is not None:
                replied = done.get(_E_REPLIED)
                if replied is not None and replied > handled_at:
                    return None

        # CP-UPGRADE: provisional until the month ends, or a re-plan from then
        provisional: Provisional | None = None
        upgrade_at: datetime | None = None
        if plan.upgrade:
            hit = self.upgrades.get(x)
            if hit is None:
                hit = self._upgrade(received, x)
            tu = hit[0]
            if handled_at is None or handled_at > tu:
                if tu < as_of:
                    upgrade_at = tu
                elif plan.severity is not Severity.MAJOR:
                    provisional = hit[1]
        if corrections is not None or upgrade_at is not None:
            return self._replan(c, plan, received, x, done or {}, handled_at, pauses or [],
                                exts or [], corrections or [], late or [], upgrade_at,
                                provisional)

        # one plan; pauses and extensions move the deadlines of the obligations they concern
        # (those take the general path's _evaluate, which writes what it sets aside)
        moving = pauses is not None or exts is not None
        tr: _Trace | None = None
        if moving:
            tr = _Trace(False)
            if pauses is not None and len(pauses) > 1:
                pauses.sort(key=lambda p: p[0])
            if exts is not None and len(exts) > 1:
                exts.sort(key=lambda p: p[0])
        prog = plan.prog
        days = prog.days.get(x)
        if days is None:
            days = prog.day(x, received, self.tb)
        out: list[ObligationStatus] = []
        met = breached = pending = 0
        answer_due: datetime | None = None
        for row, due in zip(prog.rows, days, strict=True):
            code, t, ev_t, kind, owed_by, to, rules, late_ok, with_person, is_answer, \
                handled, _ = row
            if code == _R_DAY:
                pass
            elif code == _R_ELAPSED:
                due = received + t.td
            elif code == _R_FIRST:
                due = answer_due
            elif code in (_R_NONE, _H_NONE):
                due = None
            elif code == _R_DIRECT:
                due = deadline(received, cast(Span, t.span), self.tb.cal)
            elif handled_at is None:
                due = None
            elif code == _H_DAY:
                xh = handled_at.toordinal() - 1
                due = t.cache.get(xh)
                if due is None:
                    due = self.tb.due_x(t, handled_at, xh)
            elif code == _H_ELAPSED:
                due = handled_at + t.td
            else:
                due = deadline(handled_at, cast(Span, t.span), self.tb.cal)
            if is_answer:
                answer_due = due
            if done is None:
                done_at = None
            elif ev_t is not None:
                done_at = done.get(ev_t)
            else:  # the first answer of any kind (OM-FIRST)
                done_at = None
                for e in _ANSWER_EVENTS:
                    v = done.get(e)
                    if v is not None and (done_at is None or v < done_at):
                        done_at = v
            who = person if with_person else None
            if moving:
                sp = row[11]
                merged = (_merged_pauses(pauses, sp.pause_kind, self.tb.policy)
                          if pauses is not None else _NO_PAUSES)
                if merged or (exts is not None and kind is _K_HANDLE):
                    st = _evaluate([(received, (sp, handled_at if handled else received, due,
                                                who), False)],
                                   done_at, as_of, merged,
                                   exts if exts is not None and kind is _K_HANDLE else _NO_EXTS,
                                   self.tb, tr)
                    out.append(st)
                    state = st.state
                    if state is _MET:
                        met += 1
                    elif state is _BREACHED:
                        breached += 1
                    else:
                        pending += 1
                    continue
            if due is None:
                waiting = _HANDLED if handled and handled_at is None else None
                if done_at is not None:
                    met += 1
                    out.append(ObligationStatus(kind, owed_by, to, rules, _MET, None, done_at,
                                                None, None, None, None, None, False, None,
                                                waiting, who))
                else:
                    pending += 1
                    out.append(ObligationStatus(kind, owed_by, to, rules, _PENDING, None, None,
                                                None, None, None, None, None, False, None,
                                                waiting, who))
            elif done_at is not None:
                if done_at <= due:
                    met += 1
                    out.append(ObligationStatus(kind, owed_by, to, rules, _MET, due, done_at,
                                                None, None, None, None, due - done_at, False,
                                                late_ok, None, who))
                else:
                    breached += 1
                    out.append(ObligationStatus(kind, owed_by, to, rules, _BREACHED, due,
                                                done_at, None, due, done_at - due, None, None,
                                                False, late_ok, None, who))
            elif as_of > due:
                breached += 1
                out.append(ObligationStatus(kind, owed_by, to, rules, _BREACHED, due, None,
                                            None, due, as_of - due, None, None, False, late_ok,
                                            None, who))
            else:
                pending += 1
                out.append(ObligationStatus(kind, owed_by, to, rules, _PENDING, due, None, None,
                                            None, None, due - as_of, None, False, late_ok, None,
                                            who))
        used, aside = plan.used, plan.aside
        if late is not None:  # set aside while reading the history: after the classification's
            aside = (*plan.cls_trace[3], *late, *plan.plan_trace[3])
        if tr is not None:
            if tr.used:
                used = (*used, *tr.used)
            if tr.aside:
                aside = (*aside, *tr.aside)
        sev = plan.severity
        key = (sev, plan.invalid, met, breached, pending)
        explanation = self.summaries.get(key)
        if explanation is None:
            explanation = self.summaries[key] = _summary(as_of, tz, self.name, self.name_zh,
                                                         sev, plan.invalid, met, breached,
                                                         pending)
        # the two models, as _new builds them (inline: this runs once per complaint)
        outcome = _OBJECT_NEW(ComplaintStatus)
        _SET_DICT(outcome, {
            "classification": plan.classification,
            "severity": sev,
            "severity_changes": (),
            "handler": plan.handler,
            "obligations": tuple(out),
            "undetermined": plan.undetermined,
            "met": met,
            "breached": breached,
            "pending": pending,
        })
        _SET_FIELDS(outcome, _STATUS_FIELDS)
        _SET_EXTRA(outcome, None)
        _SET_PRIVATE(outcome, None)
        d = _OBJECT_NEW(ComplaintStatusDecision)
        _SET_DICT(d, {
            "format": "propmgmt.decision.v1",
            "kind": "complaint.status",
            "subject": f"complaint {f['id']}",
            "as_of": as_of,
            "outcome": outcome,
            "decided_by": plan.decided,
            "not_applied": plan.not_applied,
            "facts_used": used,
            "facts_set_aside": aside,
            "missing_facts": plan.missing,
            "basis": self.basis,
            "provisional": provisional,
            "escalation": plan.escalation,
            "explanation": explanation,
        })
        _SET_FIELDS(d, _DECISION_FIELDS)
        _SET_EXTRA(d, None)
        _SET_PRIVATE(d, None)
        return d

    def _hours(self, x: int) -> tuple[tuple[datetime, datetime], ...]:
        """The working periods of local day ``x`` as instants (none on a rest day), as
        :class:`_Receipt` tests working time."""
        comp = self.tb.comp
        bounds = (tuple((comp.instant(x, s), comp.instant(x, e)) for s, e in comp.periods_of(x))
                  if comp.is_working(x) else ())
        if len(self.hours) > _CACHE_LIMIT:
            self.hours.clear()
        self.hours[x] = bounds
        return bounds

    def _upgrade(self, received: datetime, x: int) -> tuple[datetime, Provisional]:
        """The CP-UPGRADE instant of a complaint received at ``received`` (local day ``x``)
        and the provisional mark until then (memoised per day for a day-based span)."""
        up = cast(_Tmpl, self.upgrade)
        tu = cast(datetime, self.tb.due_x(up, received, x))
        hit = (tu, _upgrade_provisional(tu))
        if up.mode == _DAY:
            self.upgrades[x] = hit
        return hit

    def _items(self, prog: _Prog, received: datetime, x: int, handled_at: datetime | None,
               person: str | None) -> list[_ItemT]:
        """The items (spec, start, due, person) of one plan, as :func:`_items` gives them."""
        tb = self.tb
        days = prog.days.get(x)
        if days is None:
            days = prog.day(x, received, tb)
        out: list[_ItemT] = []
        answer_due: datetime | None = None
        for row, sp, due in zip(prog.rows, prog.specs, days, strict=True):
            code, t = row[0], row[1]
            start: datetime | None = received
            if code == _R_DAY:
                pass
            elif code == _R_ELAPSED:
                due = received + t.td
            elif code == _R_FIRST:
                due = answer_due
            elif code == _R_NONE:
                due = None
            elif code == _R_DIRECT:
                due = deadline(received, cast(Span, t.span), tb.cal)
            else:
                start = handled_at
                due = tb.due(t, handled_at) if handled_at is not None else None
            if row[9]:
                answer_due = due
            out.append((sp, start, due, person if row[8] else None))
        return out

    def _replan(self, c: Complaint, plan: _BulkPlan, received: datetime, x: int,
                done: dict[EventType, datetime], handled_at: datetime | None,
                pauses: list[_PauseEv], exts: list[_ExtEv],
                corrections: list[tuple[datetime, Severity]], late: list[FactSetAside],
                upgrade_at: datetime | None, provisional: Provisional | None
                ) -> ComplaintStatusDecision:
        """A history that moves deadlines or the severity: the general path's steps, on the
        memoised classification, plan and trace."""
        tb = self.tb
        as_of = self.as_of
        if len(pauses) > 1:
            pauses.sort(key=lambda p: p[0])
        if len(exts) > 1:
            exts.sort(key=lambda p: p[0])
        if len(corrections) > 1:
            corrections.sort(key=lambda p: p[0])
        tr = _Trace(False)
        decided, not_applied, used, aside, missing = plan.cls_trace
        tr.decided = dict.fromkeys(decided)
        tr.not_applied.extend(not_applied)
        tr.used.extend(used)
        tr.aside.extend(aside)
        tr.missing.extend(missing)
        tr.aside.extend(late)
        sev, changes, segments = _timeline(plan.severity, corrections, upgrade_at, received, tr)
        decided, not_applied, used, aside, missing = plan.plan_trace
        tr.decided.update(dict.fromkeys(decided))
        tr.not_applied.extend(not_applied)
        tr.used.extend(used)
        tr.aside.extend(aside)
        tr.missing.extend(missing)
        shape0 = plan.shape
        tr.decided.update(shape0.rules)
        person = c.received_by
        if len(segments) == 1:
            out, met, breached, pending = _statuses(
                self._items(plan.prog, received, x, handled_at, person), done, pauses, exts,
                received, as_of, tb, tr)
            handler, undetermined = plan.handler, plan.undetermined
        else:
            shapes = [shape0] + [plan.shape_for(s, tb) for _, s, _ in segments[1:]]
            for shape in shapes[1:]:
                tr.decided.update(shape.rules)
            out, met, breached, pending, kinds = _replanned(
                [(t_from, self._items(_prog(shape), t_from, tb.comp.local(t_from)[0],
                                      handled_at, person)
                  if upgrade else self._items(_prog(shape), received, x, handled_at, person),
                  upgrade)
                 for (t_from, _, upgrade), shape in zip(segments, shapes, strict=True)],
                done, pauses, exts, as_of, tb, tr)
            final = shapes[-1]
            handler = final.handler
            undetermined = tuple(k for k in final.undetermined if k not in kinds)
        tr.decided["CP-STATUS"] = None
        return self._decision(c, plan.classification, sev, tuple(changes), handler, out,
                              undetermined, met, breached, pending, tuple(tr.decided),
                              tuple(tr.not_applied), tuple(tr.used), tuple(tr.aside),
                              tuple(tr.missing), provisional, plan.escalation)

    def _decision(self, c: Complaint, classification: Classification, sev: Severity | None,
                  changes: tuple[SeverityChange, ...], handler: str | None,
                  out: list[ObligationStatus], undetermined: tuple[ObligationKind, ...],
                  met: int, breached: int, pending: int, decided: tuple[str, ...],
                  not_applied: tuple[RuleNotApplied, ...], used: tuple[FactUsed, ...],
                  aside: tuple[FactSetAside, ...], missing: tuple[MissingFact, ...],
                  provisional: Provisional | None, escalation: Escalation | None
                  ) -> ComplaintStatusDecision:
        as_of = self.as_of
        invalid = classification.validity is Validity.INVALID
        key = (sev, invalid, met, breached, pending)
        explanation = self.summaries.get(key)
        if explanation is None:
            explanation = self.summaries[key] = _summary(as_of, self.tz, self.name,
                                                         self.name_zh, sev, invalid, met,
                                                         breached, pending)
        return _new(ComplaintStatusDecision, {
            "format": "propmgmt.decision.v1",
            "kind": "complaint.status",
            "subject": f"complaint {c.id}",
            "as_of": as_of,
            "outcome": _new(ComplaintStatus, {
                "classification": classification,
                "severity": sev,
                "severity_changes": changes,
                "handler": handler,
                "obligations": tuple(out),
                "undetermined": undetermined,
                "met": met,
                "breached": breached,
                "pending": pending,
            }),
            "decided_by": decided,
            "not_applied": not_applied,
            "facts_used": used,
            "facts_set_aside": aside,
            "missing_facts": missing,
            "basis": self.basis,
            "provisional": provisional,
            "escalation": escalation,
            "explanation": explanation,
        })


@overload
def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    as_of: datetime,
    policy: ComplaintPolicy | str,
    *,
    explain: bool = ...,
    errors: Literal["raise"] = ...,
) -> list[ComplaintStatusDecision]: ...


@overload
def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    as_of: datetime,
    policy: ComplaintPolicy | str,
    *,
    explain: bool = ...,
    errors: Literal["return"],
) -> list[ComplaintStatusDecision | ItemError]: ...


def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    as_of: datetime,
    policy: ComplaintPolicy | str,
    *,
    explain: bool = False,
    errors: Literal["raise", "return"] = "raise",
) -> list[ComplaintStatusDecision] | list[ComplaintStatusDecision | ItemError]:
    """The status at ``as_of`` of many complaints, each with its history, in one call.

    The bulk path: by default each decision's explanation is a one-line summary (the outcome
    and the trace are complete); ``explain=True`` writes every line.

    A bad item (a complaint or history that is not valid) is an
    :class:`~propmgmt_rules.errors.ItemError` naming it by position and id
    (``complaints[3].history[0].at``). With ``errors="raise"`` (the default) the first one is
    raised; with ``errors="return"`` it takes the item's place in the result and every other
    item is decided: items in = decisions + errors.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from propmgmt_rules.complaints.policies import NANJING
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> cs = [(Complaint(id=f"C{i}", received_at=datetime(2025, 3, 3, 9 + i, tzinfo=sh),
    ...                  justified=False, caused_by="resident", intent="venting", about="mail"), [])
    ...       for i in range(3)]
    >>> decisions = evaluate_many(cs, datetime(2025, 3, 4, tzinfo=sh), NANJING)
    >>> [d.outcome.classification.validity.value for d in decisions]
    ['invalid', 'invalid', 'invalid']
    """
    if errors not in ("raise", "return"):
        raise InputError("errors", "must be 'raise' or 'return'", errors)
    policy = resolve_policy(policy)
    require_aware(as_of, "as_of")
    tb = _tables(policy)
    as_of = _as_of(as_of, tb)
    out: list[Any] = []
    append = out.append
    items = iter(complaints)
    item: object = None
    fast = None if explain or not tb.fixed else _Bulk(tb, as_of).one
    while True:  # one item, one entry of out: a bad item's index is len(out)
        try:
            if fast is None:
                for item in items:
                    c, history = item
                    append(_general(c, history, as_of, tb, explain))
            else:
                for item in items:
                    c, history = item
                    try:
                        d = fast(c, history)
                    except _FAST_FALLBACK:  # not the library's models, or an input error:
                        d = None            # the general path says which field
                    append(d if d is not None else _general(c, history, as_of, tb, False))
            return out
        except _ITEM_ERRORS as exc:
            err = _item_error(len(out), item, exc)
            if errors == "raise":
                raise err from exc
            append(err)


_FAST_FALLBACK: Final = (InputError, AttributeError, TypeError, KeyError, OverflowError)
_ITEM_ERRORS: Final = (InputError, TypeError, ValueError, AttributeError, KeyError,
                        OverflowError)
"""What one bad item of a batch can raise: an input error, or (from objects that are not the
library's models, or were built without validation) a type or value error."""


def _item_error(i: int, item: object, exc: Exception) -> ItemError:
    """``exc``, raised by item ``i`` of a batch, as an error naming the item."""
    c = item[0] if isinstance(item, tuple | list) and item else None
    ident = c.id if isinstance(c, Complaint) else None
    if not isinstance(exc, InputError):
        if not (isinstance(item, tuple | list) and len(item) == 2):
            exc = InputError("", "must be a (complaint, history) pair", type(item).__name__)
        else:
            exc = InputError("", f"cannot be evaluated ({type(exc).__name__}: {exc})")
    return ItemError("complaints", i, ident, exc)


def _general(c: Complaint, history: Sequence[ComplaintEvent], as_of: datetime, tb: _Tables,
             explain: bool) -> ComplaintStatusDecision:
    """One complaint by the general path (``as_of`` checked and normalised)."""
    _check_complaint(c)
    tr = _Trace(explain=explain)
    outcome, cls, provisional = _status(c, history, as_of, tb, tr)
    return _status_decision(c, outcome, cls, provisional, as_of, tb.policy, tb, tr)


def _evaluate_many_general(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    as_of: datetime,
    policy: ComplaintPolicy,
) -> list[ComplaintStatusDecision]:
    """:func:`evaluate_many` without the fast path (for the tests that check they agree)."""
    require_aware(as_of, "as_of")
    tb = _tables(policy)
    as_of = _as_of(as_of, tb)
    return [_general(c, h, as_of, tb, False) for c, h in complaints]
