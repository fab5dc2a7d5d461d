"""Parties paid before the consultants: company clients (`SD-6.1.1`) and staff referrals
(`SD-6.2.1` to `SD-6.2.5`) of a timeline's members."""

from __future__ import annotations

from collections.abc import Sequence

from ..decision import MissingFact, SetAsideReason, Text
from ._context import Context
from ._later import day
from ._trace import Reading, Stop, Trace
from .models import PartyRole, Reception, StaffReferral

__all__ = ["off_top", "off_top_conflict"]


def off_top(ctx: Context, trace: Trace, part: Reading, members: Sequence[str],
            recs: Sequence[Reception]) -> None:
    """Company clients (`SD-6.1.1`) and staff referrals (`SD-6.2.1` to `SD-6.2.5`) of the
    members (``recs``: the receptions that count, in order)."""
    idx = ctx.idx
    for m in members:
        if m not in idx.company_referrals and m not in idx.staff_referrals:
            continue
        first = next((r for r in recs if r.client == m), None)
        for k in idx.company_referrals.get(m, ()):
            trace.reading(k.at, k.id)
            f = ("company_referral", k.id)
            if not ctx.on("SD-6.1.1"):
                trace.aside(*f, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.1.1")
            elif k.at > ctx.as_of:
                trace.aside(*f, SetAsideReason.AFTER_AS_OF, None)
            elif first is not None and first.at <= k.at:
                trace.aside(*f, SetAsideReason.NOT_FIRST, "SD-6.1.1",
                            f"the client registered at the site first ({first.id})")
                trace.say(f"{k.id}: the company's referral came after the client had "
                          f"registered ({first.id}); not a company client (SD-6.1.1).",
                          f"{k.id}:客户在公司介绍前已到访登记({first.id}),不视为公司客户"
                          "(SD-6.1.1)。")
                trace.decided("SD-6.1.1")
            elif part.company_client is None:
                part.company_client = k
                trace.use(*f, "SD-6.1.1", "a company client")
                trace.decided("SD-6.1.1")
                trace.say(f"{k.id}: referred by the company before the first visit: a company "
                          "client (SD-6.1.1).",
                          f"{k.id}:到访前由公司介绍,为公司客户(SD-6.1.1)。")
            else:
                trace.aside(*f, SetAsideReason.NOT_FIRST, "SD-6.1.1")
        for s in idx.staff_referrals.get(m, ()):
            trace.reading(s.registered_at, s.id)
            _staff(ctx, trace, part, s, first)


def _staff(ctx: Context, trace: Trace, part: Reading, s: StaffReferral,
           first: Reception | None) -> None:
    f = ("staff_referral", s.id)
    if not ctx.on("SD-6.2.1"):
        trace.aside(*f, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.2.1")
        return
    if s.registered_at > ctx.as_of:
        trace.aside(*f, SetAsideReason.AFTER_AS_OF, None)
        return
    day_end = ctx.end_of_day(s.agreed_date, f"staff_referrals[{s.id}].agreed_date")
    if first is not None and first.at <= s.registered_at:
        trace.aside(*f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.3",
                    f"a consultant registered the client first ({first.id})")
        trace.say(f"{s.id}: {first.consultant} registered the client ({first.id}) before the "
                  "referral was registered; the consultant's registration wins (SD-6.2.1, "
                  "SD-6.2.3).",
                  f"{s.id}:介绍登记前{first.consultant}已登记在先({first.id}),介绍不予支持"
                  "(SD-6.2.1、SD-6.2.3)。")
        trace.decided("SD-6.2.3")
        return
    if first is None:
        agreed = day(s.agreed_date)
        if ctx.as_of < day_end:
            why = Text(f"the referral {s.id} by {s.introducer} waits for the agreed visit on "
                       f"{agreed.en}", f"{s.introducer}的介绍{s.id}待约定日{agreed.zh}来访")
            part.provisionally(day_end, ("SD-6.2.2", "SD-6.2.3"), why)
            trace.use(*f, "SD-6.2.1", "registered; the agreed date has not passed")
            trace.say(f"{why.en} (SD-6.2.1, SD-6.2.2).", f"{why.zh}(SD-6.2.1、SD-6.2.2)。")
        else:
            trace.aside(*f, SetAsideReason.LAPSED, "SD-6.2.2", "the client did not come that day")
            trace.say(f"{s.id}: the client did not come on the agreed date {agreed.en}; "
                      "the referral lapsed (SD-6.2.2).",
                      f"{s.id}:客户未能在约定日{agreed.zh}来访,介绍登记失效(SD-6.2.2)。")
            trace.decided("SD-6.2.2")
        return
    if ctx.day(first.at) != s.agreed_date:
        came, agreed = day(ctx.day(first.at)), day(s.agreed_date)
        trace.aside(*f, SetAsideReason.LAPSED, "SD-6.2.2",
                    f"first visit on {ctx.day(first.at)}, agreed {s.agreed_date}")
        trace.say(f"{s.id}: the client came on {came.en}, not on the agreed date "
                  f"{agreed.en}; the referral lapsed (SD-6.2.2).",
                  f"{s.id}:客户于{came.zh}来访,非约定日{agreed.zh},介绍登记失效"
                  "(SD-6.2.2)。")
        trace.decided("SD-6.2.2")
        return
    if s.confirmed is None or (s.confirmed and s.signed is None):
        fld = "confirmed" if s.confirmed is None else "signed"
        trace.missing.append(MissingFact(f"staff_referrals[{s.id}].{fld}", "SD-6.2.3",
                                         "Did the introducer confirm in person or by phone, "
                                         "and did the project manager sign?"))
        trace.use(*f, "SD-6.2.3", f"{fld} not known")
        part.stop = Stop(("SD-6.2.3",), Text(
            f"{s.id}: whether the referral was {fld} on the visit is not recorded",
            f"{s.id}:未记录来访时介绍是否经{'确认' if fld == 'confirmed' else '项目经理签名'}"))
        return
    if not s.confirmed:
        trace.aside(*f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.4",
                    "the introducer did not confirm on the visit")
        trace.say(f"{s.id}: the introducer did not confirm in person or by phone when the "
                  "client came; the referral is void (SD-6.2.4).",
                  f"{s.id}:客户来访时介绍人未能亲自或电话确认,介绍登记无效(SD-6.2.4)。")
        trace.decided("SD-6.2.4")
        return
    if not s.signed:
        trace.aside(*f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.3",
                    "the project manager did not sign")
        trace.say(f"{s.id}: the project manager did not sign the referral; it is not valid "
                  "(SD-6.2.3).", f"{s.id}:项目经理未签名确认,介绍无效(SD-6.2.3)。")
        trace.decided("SD-6.2.3")
        return
    if any(o[1] is PartyRole.INTRODUCER for o in part.off_top):
        trace.aside(*f, SetAsideReason.NOT_FIRST, "SD-6.2.3", "another referral is valid")
        return
    k = ctx.rb.splits.staff_introducer
    part.off_top.append((s.introducer, PartyRole.INTRODUCER, k, "SD-6.2.5"))
    trace.use(*f, "SD-6.2.3", "registered before the visit, confirmed and signed")
    trace.decided("SD-6.2.5", "SD-6.2.3", "SD-6.2.1")
    trace.say(f"{s.id}: {s.introducer} registered the referral before the first visit, "
              f"confirmed it on the agreed date and the project manager signed: {s.introducer} "
              f"gets {k} of a deal's commission (SD-6.2.1, SD-6.2.3, SD-6.2.5).",
              f"{s.id}:{s.introducer}于首次来访前登记介绍,约定日确认且经项目经理签名:成交佣金的"
              f"{k}归介绍人(SD-6.2.1、SD-6.2.3、SD-6.2.5)。")


def off_top_conflict(part: Reading) -> None:
    """Rules that pay parties before the consultants and cannot both hold: two that each pay
    a party (`SD-6.1.2`: the company pool; `SD-6.2.5`: a staff introducer) give the commission
    different shares; a company client (`SD-6.1.1`, whose deal pays the pool) is also a staff
    referral. An escalation naming them, added to the reading's escalation if it has one (so
    that it names every conflict)."""
    paid = [o for o in part.off_top if o[2] != 0]
    found: list[tuple[tuple[str, ...], Text]] = []
    if len({o[3] for o in paid}) > 1:
        en = "; ".join(f"{o[2]} to {'the company pool' if o[1] is PartyRole.POOL else o[0]} "
                       f"({o[3]})" for o in paid)
        zh = ";".join(f"{o[2]}归{'公佣' if o[1] is PartyRole.POOL else o[0]}({o[3]})"
                      for o in paid)
        found.append((tuple(dict.fromkeys(o[3] for o in paid)), Text(
            f"rules that cannot both hold give the commission different shares: {en}",
            f"相互矛盾的条款对佣金的分配不同:{zh}")))
    if part.company_client is not None and any(o[1] is PartyRole.INTRODUCER for o in paid):
        found.append((("SD-6.1.1", "SD-6.2.3", "SD-6.2.5"), Text(
            "the client is both a company client and a staff referral",
            "客户既是公司客户又是员工介绍客户")))
    for rules, why in found:
        if part.stop is None:
            part.stop = Stop(rules, why)
        elif not set(rules) <= set(part.stop.rules):
            part.stop = Stop(tuple(dict.fromkeys((*part.stop.rules, *rules))),
                             Text(f"{part.stop.reason.en}; {why.en}",
                                  f"{part.stop.reason.zh};{why.zh}"))
