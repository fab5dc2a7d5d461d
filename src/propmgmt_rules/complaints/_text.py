"""The complaint explanations' words: what each obligation is, the classes' names, and the
messages of the lines written when an explanation is first read (see
:mod:`propmgmt_rules.render`).

A decision keeps its lines as atoms, ``("complaints.status", classification's lines, as_of,
policy, zone, year, status, ...)`` (one for a whole status), ``("complaints.plan_line",
obligation, ...)``: the sentences are written by the functions below only when
``explanation.en`` or ``.zh`` is read (or the decision serialised), once.
"""

from __future__ import annotations

import functools
from datetime import datetime, timedelta, tzinfo
from typing import Final, cast

from ..decision import Provisional
from ..obligation import ObligationState, ObligationStatus
from ..render import Line, Text, duration_text, message, render_line, rules_text
from ..time.phrasing import day_text, instant_text, is_end_of_day
from ..time.span import Span, SpanUnit
from .models import (
    ComplaintStatus,
    Nature,
    ObligationKind,
    Severity,
    SeverityChange,
    Validity,
)
from .policy import ComplaintPolicy

__all__ = ["CONFLICT_HARM", "CONFLICT_RESIDENT", "DUTY", "EN_CONFLICT", "EN_KIND", "EN_NATURE",
           "EN_SEV", "EN_VALIDITY", "ZH_CONFLICT", "ZH_KIND", "ZH_NATURE", "ZH_SEV",
           "ZH_SUBJECT", "ZH_VALIDITY", "provisional_reason", "when", "year_of"]

_K = ObligationKind
_MICRO: Final = timedelta(microseconds=1)
_MET, _BREACHED = ObligationState.MET, ObligationState.BREACHED

DUTY: Final[dict[ObligationKind, Text]] = {
    _K.ROUTE: Text("route the complaint", "传递投诉信息"),
    _K.DISPATCH: Text("send the complaint form", "发送投诉意见表"),
    _K.ESCALATE: Text("escalate", "转呈"),
    _K.REPORT_LEADERSHIP: Text("report to the leadership", "报告上级领导"),
    _K.REPORT_HEAD: Text("report to the head of the office", "报告物管中心(处)负责人"),
    _K.REPLY: Text("reply to the resident", "回复住户"),
    _K.HANDLE: Text("handle (solve) the complaint", "处理完毕"),
    _K.NOTIFY_INVALID: Text("tell the client why the complaint is invalid",
                           "知会客户投诉无效的原因"),
    _K.REPORT_RESULT: Text("report the result to the resident", "将处理结果通报住户"),
    _K.SIGN_RESULT: Text("record the result, signed by whoever solved it",
                        "记录处理结果并由解决人签字"),
    _K.REVISIT: Text("revisit the resident", "回访住户"),
    _K.WEEKLY_STATISTICS: Text("count it in the weekly statistics", "纳入每周投诉统计"),
    _K.FIRST_CONTACT: Text("first-contact responsibility until the answer is given",
                          "首问责任至答复为止"),
    _K.ENQUIRY_ANSWER: Text("answer the enquiry", "解答咨询"),
}
"""What each obligation is (an obligation's ``duty``)."""

EN_KIND: Final[dict[str, str]] = {k.value: t.en[:1].upper() + t.en[1:] for k, t in DUTY.items()}
ZH_KIND: Final[dict[str, str]] = {k.value: t.zh for k, t in DUTY.items()}
"""An obligation's name by its key (an :class:`ObligationKind`'s value)."""
EN_SEV: Final = {Severity.MAJOR: "major", Severity.IMPORTANT: "important",
                 Severity.MINOR: "minor"}
ZH_SEV: Final = {Severity.MAJOR: "重大", Severity.IMPORTANT: "重要", Severity.MINOR: "轻微"}
EN_VALIDITY: Final = {
    Validity.INVALID: "invalid",
    Validity.VALID_PROPERTY_SERVICE: "valid, property-service",
    Validity.VALID_NON_PROPERTY_SERVICE: "valid, non-property-service",
}
ZH_VALIDITY: Final = {
    Validity.INVALID: "无效投诉",
    Validity.VALID_PROPERTY_SERVICE: "有效投诉(物业管理服务投诉)",
    Validity.VALID_NON_PROPERTY_SERVICE: "有效投诉(非物业管理服务投诉)",
}
EN_NATURE: Final = {
    Nature.EFFECTIVE: "effective",
    Nature.HELP_SEEKING: "communicative, help-seeking",
    Nature.ENQUIRY: "communicative, enquiry",
    Nature.VENTING: "communicative, venting",
}
ZH_NATURE: Final = {
    Nature.EFFECTIVE: "有效投诉",
    Nature.HELP_SEEKING: "沟通性投诉(求助型)",
    Nature.ENQUIRY: "沟通性投诉(咨询型)",
    Nature.VENTING: "沟通性投诉(发泄型)",
}
CONFLICT_HARM: Final = "justified=false, but the company caused an injury or a loss"
CONFLICT_RESIDENT: Final = "justified=true, but the resident caused the matter"
EN_CONFLICT: Final = {
    CONFLICT_HARM: "recorded as an unjustified demand, but the company caused an injury or a "
                   "loss",
    CONFLICT_RESIDENT: "recorded as justified, but the resident caused the matter",
}
ZH_CONFLICT: Final = {
    CONFLICT_HARM: "记录为不合理的诉求,但公司造成了人身伤害或经济损失",
    CONFLICT_RESIDENT: "记录为合理的诉求,但事由是住户自身造成的",
}
ZH_SUBJECT: Final = {
    "equipment": "对设备的投诉",
    "service_attitude": "对服务态度的投诉",
    "service_quality": "对服务质量的投诉",
    "sudden_incident": "突发性事件的投诉",
}
_WEEKDAY_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                      "Sunday")
_WEEKDAY_ZH: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


# -- instants and spans ------------------------------------------------------------------------


def year_of(d: datetime, tz: tzinfo) -> int:
    """The year of the day ``d`` is written in (a local midnight is 24:00 of the day before)."""
    return _written_year(d.astimezone(tz))


def _written_year(local: datetime) -> int:
    return (local - _MICRO).year


@functools.lru_cache(maxsize=8192)
def when(d: datetime, tz: tzinfo, ref_year: int) -> Text:
    """An instant as the explanations write it ("Wed 25 Nov 24:00", with the year when it is
    not ``ref_year``); memoised: the deadlines of a day recur."""
    local = d.astimezone(tz)  # once, for the year and the text
    return instant_text(local, year=_written_year(local) != ref_year)


def _to(policy: ComplaintPolicy, to: tuple[str, ...], zh: bool) -> str:
    return ("、" if zh else " and ").join(policy.role_name(r, zh) for r in to)


def _within(span: Span) -> Text:
    """A span as a limit: "within 2 hours" / 「2小时内」, "at once" / 「立即」."""
    if span.unit is SpanUnit.IMMEDIATELY:
        return Text("at once", "立即")
    if span.unit is SpanUnit.SAME_DAY:
        return Text("the same day", "当天")
    return Text(f"within {span}", f"{span.zh}内")


@functools.lru_cache(maxsize=1024)
def provisional_reason(tu: datetime) -> Text:
    """Why a valid complaint's answer is provisional until ``tu`` (`CP-UPGRADE`)."""
    if is_end_of_day(tu):
        day = day_text((tu - _MICRO).date())
        by = Text(f"by the end of {day.en}", f"到{day.zh}结束")
    else:
        w = instant_text(tu)
        by = Text(f"by {w.en}", f"到{w.zh}")
    return Text(f"if the complaint is not resolved {by.en}, it becomes major",
                f"如{by.zh}仍未得到合理解决,即属重大投诉")


# -- the lines -------------------------------------------------------------------------------


@message("complaints.undetermined")
def _undetermined(kind: ObligationKind) -> Text:
    return Text(f"{EN_KIND[kind]}: undetermined until the classification is complete.",
                f"{ZH_KIND[kind]}:分类未完成,暂无法确定。")


@message("complaints.plan_head")
def _plan_head(policy: ComplaintPolicy, received: datetime, tz: tzinfo, handler: str | None,
               handler_rules: tuple[str, ...], routed_to: str | None) -> Text:
    """The line before a plan's obligations: the receipt, the handler, the routing."""
    w = instant_text(received, tz, year=True)
    if handler is not None:
        r = rules_text(handler_rules)
        h_en = f"the handler is {policy.role_name(handler)} ({r.en})"
        h_zh = f"处理人为{policy.role_name(handler, True)}({r.zh})"
    else:
        h_en, h_zh = "the handler is undetermined", "处理人尚未确定"
    if routed_to is not None and policy.routing is not None:
        off = routed_to == policy.routing.off_hours
        rr = rules_text(policy.routing.rules)
        h_en += (f"; {'outside' if off else 'in'} working hours the complaint goes to "
                 f"{policy.role_name(routed_to)} ({rr.en})")
        when_zh = "非工作时间" if off else "工作时间内"
        h_zh += f";{when_zh}投诉交{policy.role_name(routed_to, True)}({rr.zh})"
    return Text(f"Received {w.en}, under {policy.name}: {h_en}.",
                f"受理于{w.zh},按{policy.title_zh}:{h_zh}。")


@message("complaints.plan_line")
def _plan_line(o: ObligationStatus, span: Span | None, policy: ComplaintPolicy, tz: tzinfo,
               ref_year: int, weekly_day: int, how: str | None) -> Text:
    """One obligation of a plan, as a service-desk supervisor reads it: who owes what to
    whom, by when, and under which rules. ``how``: ``requested`` (the resident's reasonable
    requested time) or ``told`` (the time the client was told) when that set the deadline."""
    kind = o.key
    person = o.person
    due = o.due
    who = policy.role_name(o.owed_by) + (f" ({person})" if person else "")
    who_zh = policy.role_name(o.owed_by, True) + (f"({person})" if person else "")
    to_en = f" to {_to(policy, o.to, False)}" if o.to else ""
    to_zh = f"向{_to(policy, o.to, True)}" if o.to else ""
    by = when(due, tz, ref_year) if due is not None else None
    if o.waiting_for is not None:
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
    elif kind == _K.WEEKLY_STATISTICS:
        en = f"in the statistics of {_WEEKDAY_EN[weekly_day]}, by {by.en}"
        zh = f"纳入每{_WEEKDAY_ZH[weekly_day]}的统计,{by.zh}前"
    elif how == "requested":
        en = f"by the resident's reasonable requested time, {by.en}"
        zh = f"按住户提出的合理时间,{by.zh}前"
    elif how == "told":
        en = f"by the time the client was told, {by.en}"
        zh = f"按告知客户的预期时间,{by.zh}前"
    elif kind == _K.FIRST_CONTACT:
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
    if o.approval_needed:
        en += f"; later only with {policy.role_name(o.approval_needed)}'s approval"
        zh += f";超时须经{policy.role_name(o.approval_needed, True)}批准"
    r = rules_text(o.rules)
    return Text(f"{EN_KIND[kind]}: {who}{to_en}, {en} ({r.en}).",
                f"{ZH_KIND[kind]}:{who_zh}{to_zh},{zh}({r.zh})。")


@functools.lru_cache(maxsize=256)
def _head(as_of: datetime, tz: tzinfo, name: str, name_zh: str) -> tuple[str, str]:
    w = instant_text(as_of, tz, year=True)
    return (f"At {w.en}, under {name}: severity ", f"截至{w.zh},按{name_zh}:")


@message("complaints.status_head")
def _status_head(as_of: datetime, tz: tzinfo, name: str, name_zh: str, sev: Severity | None,
                 invalid: bool, met: int, breached: int, pending: int) -> Text:
    """The first line of a status: the instant, the policy, the severity and the counts (the
    whole explanation of a bulk decision)."""
    en, zh = _head(as_of, tz, name, name_zh)
    if sev is not None:
        sev_en, sev_zh = EN_SEV[sev], f"{ZH_SEV[sev]}投诉"
    elif invalid:
        sev_en, sev_zh = "none (an invalid complaint)", "无效投诉,不分程度"
    else:
        sev_en, sev_zh = "undetermined", "程度未定"
    return Text(
        f"{en}{sev_en}; {met} met, {breached} breached, {pending} pending (CP-STATUS).",
        f"{zh}{sev_zh};按时完成{met}项、逾期{breached}项、待办{pending}项(CP-STATUS)。",
    )


@message("complaints.status")
def _status(cls_lines: tuple[Line, ...], as_of: datetime, policy: ComplaintPolicy, tz: tzinfo,
            year: int, status: ComplaintStatus, invalid: bool,
            provisional: Provisional | None) -> Text:
    """Every line of a status, a sentence per line: the classification's lines, the head
    (:func:`_status_head`), the severity's changes, the provisional mark, where each
    obligation stands (:func:`_status_line`) and the obligations not yet determined. One
    message (one atom a decision keeps, its lines written in one pass)."""
    texts = [render_line(line) for line in cls_lines]
    texts.append(_status_head(as_of, tz, policy.name, policy.title_zh, status.severity,
                              invalid, status.met, status.breached, status.pending))
    texts.extend(_severity_change(ch, tz, year) for ch in status.severity_changes)
    if provisional is not None:
        texts.append(_provisional(provisional.reason, provisional.rules))
    en = [t.en for t in texts]
    zh = [t.zh for t in texts]
    for o in status.obligations:  # the most lines: two strings each, no Text
        e, z = _standing(o, policy, tz, year)
        en.append(e)
        zh.append(z)
    for k in status.undetermined:
        t = _undetermined(k)
        en.append(t.en)
        zh.append(t.zh)
    return Text("\n".join(en), "\n".join(zh))


@message("complaints.severity_change")
def _severity_change(ch: SeverityChange, tz: tzinfo, year: int) -> Text:
    prev = EN_SEV[ch.previous] if ch.previous is not None else "undetermined"
    prev_zh = ZH_SEV[ch.previous] if ch.previous is not None else "未定"
    w = when(ch.at, tz, year)
    if ch.rule == "CP-UPGRADE":
        return Text(
            f"From {w.en} the complaint is {EN_SEV[ch.severity]} (was {prev}): not resolved "
            "within one month of receipt (CP-UPGRADE, CP-4.2.2 (3)). What only a major "
            "complaint owes runs from then; what was met stays met; what is still open "
            "keeps its deadline unless the major complaint's is earlier.",
            f"自{w.zh}起为{ZH_SEV[ch.severity]}投诉(原为{prev_zh}):受理后一个月内未得到"
            "合理解决(CP-UPGRADE、CP-4.2.2 第3项)。重大投诉新增的义务自该时起算;已完成的"
            "义务不变;尚未完成的义务仍按原截止时间,除非重大投诉的截止时间更早。")
    return Text(
        f"From {w.en} the complaint is {EN_SEV[ch.severity]} (was {prev}): corrected by "
        "the handler; every obligation is re-planned from the receipt.",
        f"自{w.zh}起为{ZH_SEV[ch.severity]}投诉(原为{prev_zh}):处理人更正;各项义务"
        "自受理时起重新计算。")


@message("complaints.provisional")
def _provisional(reason: Text, rules: tuple[str, ...]) -> Text:
    return Text(f"Provisional: {reason.en} ({', '.join(rules)}).",
                f"暂定:{reason.zh}({'、'.join(rules)})。")


@functools.lru_cache(maxsize=4096)
def _duration(d: timedelta) -> Text:
    """:func:`~propmgmt_rules.render.duration_text`, memoised: the distances of a batch's
    obligations recur (a whole number of minutes, hours or days, more often than not)."""
    return duration_text(d)


@functools.lru_cache(maxsize=1024)
def _rules(rules: tuple[str, ...]) -> Text:
    """:func:`~propmgmt_rules.render.rules_text`, memoised: an obligation's rules are its
    policy's, a few dozen tuples."""
    return rules_text(rules)


@message("complaints.status_line")
def _status_line(o: ObligationStatus, policy: ComplaintPolicy, tz: tzinfo, year: int) -> Text:
    """Where one obligation stands, as a service-desk supervisor reads it."""
    return Text(*_standing(o, policy, tz, year))


def _standing(o: ObligationStatus, policy: ComplaintPolicy, tz: tzinfo, year: int
              ) -> tuple[str, str]:
    """The line of :func:`_status_line`, in English and in Chinese."""
    person = o.person
    name = o.owed_by_name
    if person:
        who, who_zh = f"{name.en} ({person})", f"{name.zh}({person})"
    else:
        who, who_zh = name.en, name.zh
    state = o.state
    if state is _MET:
        done = when(cast(datetime, o.done_at), tz, year)
        if o.due is None:
            en, zh = f"met, done {done.en}", f"已完成,完成于{done.zh}"
        else:
            moved_en, moved_zh = _moved(o, tz, year)
            if not o.slack:
                en = f"met, done {done.en}, right at the deadline{moved_en}"
                zh = f"已完成,完成于{done.zh},恰在截止时间{moved_zh}"
            else:
                due = when(o.due, tz, year)
                d = _duration(o.slack)
                en = f"met, done {done.en}, {d.en} before the deadline {due.en}{moved_en}"
                zh = f"已完成,完成于{done.zh},比截止时间{due.zh}{moved_zh}提前{d.zh}"
    elif state is _BREACHED:
        bdue = when(cast(datetime, o.breached_due), tz, year)
        late = _duration(cast(timedelta, o.late_by))
        if o.done_at is not None:
            done = when(o.done_at, tz, year)
            en = f"breached, done {done.en}, {late.en} after the deadline {bdue.en}"
            zh = f"已逾期,截止{bdue.zh},{done.zh}才完成,逾期{late.zh}"
        else:
            en = f"breached, not done, {late.en} past the deadline {bdue.en}"
            zh = f"已逾期,截止{bdue.zh},尚未完成,已逾期{late.zh}"
        if o.due is not None and o.due != o.breached_due:
            again = when(o.due, tz, year)
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
        due = when(o.due, tz, year)
        left = _duration(cast(timedelta, o.remaining))
        en = f"paused, {left.en} left when the clock stopped; due no earlier than {due.en}"
        zh = f"已暂停,暂停时剩余{left.zh};截止时间不早于{due.zh}"
    elif not o.remaining:
        due = when(o.due, tz, year)
        moved_en, moved_zh = _moved(o, tz, year)
        en, zh = f"pending, due now ({due.en}){moved_en}", f"待办,此刻到期({due.zh}){moved_zh}"
    else:
        due = when(o.due, tz, year)
        left = _duration(o.remaining)
        moved_en, moved_zh = _moved(o, tz, year)
        en = f"pending, {left.en} left, due {due.en}{moved_en}"
        zh = f"待办,剩余{left.zh},截止{due.zh}{moved_zh}"
    r = _rules(o.rules)
    kind = o.key
    return (f"{EN_KIND[kind]} — {who}: {en} ({r.en}).",
            f"{ZH_KIND[kind]}—{who_zh}:{zh}({r.zh})。")


def _moved(o: ObligationStatus, tz: tzinfo, year: int) -> tuple[str, str]:
    """" (first planned for ...)" when the obligation's deadline moved, else nothing."""
    if o.original_due is None:
        return "", ""
    first = when(o.original_due, tz, year)
    return f" (first planned for {first.en})", f"(原定{first.zh})"
