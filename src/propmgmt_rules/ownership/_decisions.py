"""Building a decision from a reading: the last line of the explanation, every remaining fact
of the household accounted for (nothing dropped silently), and the output models.

The output models are built without validation (:func:`._context.construct`: the inputs were
validated at the edge) and share what decisions have in common: the basis, the share models,
the tuples of rule ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..decision import (
    Escalation,
    Provisional,
    SetAsideReason,
)
from ._context import Context, Reading, Trace, construct, fact_id, names, unique
from ._later import OWNED, ClientAtoms, Fact, Line, ShareAtoms, write
from .models import OwnershipDecision
from .policy import Rulebook

__all__ = ["escalation_target", "ownership_decision", "written"]


def ownership_decision(ctx: Context, trace: Trace, client: str, members: tuple[str, ...],
                       part: Reading) -> OwnershipDecision:
    """The decision of a household's reading (``trace`` gets its last line and the sweep)."""
    rb = ctx.rb
    subject = f"client {client}" if len(members) == 1 else f"household {'+'.join(members)}"
    escalation = None
    provisional = None
    owners: ShareAtoms = ()
    off: ShareAtoms = ()
    protected_until = None
    lapsed = False
    if part.stop is not None:
        esc_rules = unique(part.stop.rules + ctx.escalate_rules())
        escalation = construct(Escalation, {"to": escalation_target(rb),
                                                "to_name": rb.escalation_target,
                                                "rules": esc_rules,
                                                "reason": part.stop.reason})
        decided = esc_rules
        target = rb.escalation_target
        trace.say(f"Escalated to the {target.en}: {part.stop.reason.en} "
                  f"({', '.join(esc_rules)}).",
                  f"提交{target.zh}处理:{part.stop.reason.zh}({'、'.join(esc_rules)})。")
    else:
        if part.owners:
            owners = ctx.owner_atoms(part.owners)
            if part.off_top:
                off = tuple(x for p, role, s, rule in part.off_top
                            for x in (p, role.value, s.numerator, s.denominator, rule))
            again = None
            if part.anchor is not None:
                protected_until, end_utc = ctx.window(part.anchor)
                lapsed = ctx.as_of_utc > end_utc
                if lapsed:
                    again = ctx.after_rule
            decided = ctx.decided((*part.lead, *[o[2] for o in part.owners], *trace.rules,
                                   *[o[3] for o in part.off_top]))
            trace.tell(OWNED, ctx.as_of, ctx.tz, subject, names(part.owners),
                       "客户" if len(members) == 1 else "家庭", "+".join(members),
                       protected_until, again)
        else:
            grounds = unique([ctx.cite("book"), *(rule or "" for _, fact, reason, rule, _
                                                  in trace.facts.values()
                                                  if reason is not None
                                                  and fact.startswith("reception:"))])
            decided = unique([*trace.rules, *grounds])
            a = ctx.when(ctx.as_of)
            why_en, why_zh = _none_counted(trace)
            trace.say(f"As of {a.en}, nobody owns {subject}: no registered reception"
                      f"{why_en} ({', '.join(grounds)}).",
                      f"截至{a.zh},{'+'.join(members)}无有效登记接待{why_zh},不归任何人"
                      f"({'、'.join(grounds)})。")
        if part.provisional is not None:
            until, prules, why = part.provisional
            provisional = construct(Provisional, {"until": until, "rules": prules,
                                                    "reason": why})
    if part.stop is not None or len(members) > 1 or members[0] in ctx.idx.others:
        _sweep(ctx, trace, members)
    _departures_sweep(ctx, trace, members)
    outcome: ClientAtoms = (client, members, owners, off,
                            part.company_client is not None and part.stop is None,
                            protected_until, lapsed)
    return OwnershipDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership.client", "subject": subject,
        "as_of": ctx.as_of, "decided_by": ctx.rule_ids(decided),
        "not_applied": (), "missing_facts": tuple(trace.missing), "basis": ctx.basis,
        "provisional": provisional, "escalation": escalation}, write,
        *written(trace), ctx.read_client, outcome)


_WHY_NOT: dict[str | None, tuple[str, str]] = {
    SetAsideReason.PHONE_ENQUIRY.value: ("a phone enquiry", "为来电登记"),
    SetAsideReason.UNVERIFIED.value: ("not verified by the project manager",
                                      "未经项目经理审核确认"),
    SetAsideReason.AFTER_AS_OF.value: ("after that instant", "在该时点之后"),
    SetAsideReason.NOT_RELEVANT.value: ("after the deal", "在成交之后"),
}


def _none_counted(trace: Trace) -> tuple[str, str]:
    """Why no reception of a client counts: each reception set aside and its reason
    (``; R1 was a phone enquiry`` / 「;R1为来电登记」)."""
    en: list[str] = []
    zh: list[str] = []
    for _, fact, reason, _, _ in trace.facts.values():
        words = _WHY_NOT.get(reason)
        if words is not None and fact.startswith("reception:"):
            rid = fact[len("reception:"):]
            en.append(f"{rid} was {words[0]}")
            zh.append(f"{rid}{words[1]}")
    if not en:
        return "", ""
    return "; " + ", ".join(en), ":" + "、".join(zh)


def written(trace: Trace) -> tuple[tuple[Fact, ...], tuple[Line, ...]]:
    """What ``trace`` is made of, for ``_later.write``: its facts (used and set aside, each in
    the order they were first traced) and its lines."""
    return tuple(trace.facts.values()), tuple(trace.lines)


def escalation_target(rb: Rulebook) -> str:
    """Who decides an escalation, as the rulebook's stable key (``sales_manager``)."""
    return rb.escalate_to


# -- the remaining facts of a household (nothing dropped silently) -------------------------------


def _sweep(ctx: Context, trace: Trace, members: Sequence[str]) -> None:
    """Account for every fact of ``members`` the reading did not reach (not needed after a
    settled reading of a client with no other facts: it has seen all its receptions)."""
    idx = ctx.idx
    as_of = ctx.as_of
    sd37 = ctx.on("SD-3.7")
    for m in members:
        for g in idx.recognitions.get(m, ()):
            if g.at > as_of:
                trace.aside_if_new(fact_id("recognition", g.id), SetAsideReason.AFTER_AS_OF, None)
            elif not sd37:
                trace.aside_if_new(fact_id("recognition", g.id),
                                   SetAsideReason.DISABLED_BY_RULEBOOK, "SD-3.7")
            else:
                trace.aside_if_new(fact_id("recognition", g.id), SetAsideReason.NOT_APPLICABLE,
                                   "SD-3.7", "no reception as new by another consultant to "
                                   "recognise")
        for i in idx.introductions.get(m, ()):
            fi = fact_id("introduction", i.id)
            if i.at > as_of:
                trace.aside_if_new(fi, SetAsideReason.AFTER_AS_OF, None)
            elif not ctx.on("SD-7.5.A"):
                trace.aside_if_new(fi, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-7.5.A")
            else:
                trace.aside_if_new(fi, SetAsideReason.NOT_APPLICABLE, "SD-7.5.A",
                                   "no later first reception")
        for cr in idx.change_requests.get(m, ()):
            trace.aside_if_new(fact_id("change_request", cr.id), SetAsideReason.NOT_APPLICABLE,
                               None, "read after the case was settled")
        for _, rid, _, _, _ in idx.timelines.get(m, ()):
            trace.aside_if_new(fact_id("reception", rid), SetAsideReason.NOT_APPLICABLE, None,
                               "read after the case was settled")
        for k in idx.company_referrals.get(m, ()):
            trace.aside_if_new(fact_id("company_referral", k.id),
                               SetAsideReason.AFTER_AS_OF if k.at > as_of else
                               SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.1.1")
        for s in idx.staff_referrals.get(m, ()):
            trace.aside_if_new(fact_id("staff_referral", s.id),
                               SetAsideReason.AFTER_AS_OF if s.registered_at > as_of else
                               SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.2.1")
        for p in idx.proxies.get(m, ()) if m in idx.special else ():
            fp = fact_id("reception", p.id)
            if p.at > as_of:
                trace.aside_if_new(fp, SetAsideReason.AFTER_AS_OF, None)
            elif not (ctx.on("CC-10.1") or ctx.on("CC-10.2")):
                trace.aside_if_new(fp, SetAsideReason.DISABLED_BY_RULEBOOK, "CC-10.1",
                                   f"a viewing by {p.client} on behalf of {m}")
            elif "CC-10.2" in trace.rules:
                trace.aside_if_new(fp, SetAsideReason.SUPERSEDED, "CC-10.2",
                                   f"a viewing by {p.client} on behalf of {m}, who came alone")
            else:
                trace.aside_if_new(fp, SetAsideReason.NOT_APPLICABLE, "CC-10.1",
                                   f"a viewing by {p.client} on behalf of {m}, who was not "
                                   "brought by them to a first reception")
        for c in ctx.renamed_to.get(m, ()) if ctx.renamed_to is not None else ():
            trace.aside_if_new(fact_id("deal_change", c.id),
                               SetAsideReason.AFTER_AS_OF if c.at > as_of else
                               SetAsideReason.NOT_APPLICABLE, None,
                               "settled by the deal's commission split")
        for d in idx.deals_by_buyer.get(m, ()):
            fd = fact_id("deal", d.id)
            if d.at > as_of:
                trace.aside_if_new(fd, SetAsideReason.AFTER_AS_OF, None)
            else:
                trace.aside_if_new(fd, SetAsideReason.NOT_APPLICABLE, "COM-SPLIT",
                                   "settled by the deal's commission split")
            for c in idx.deal_changes.get(d.id, ()):
                trace.aside_if_new(fact_id("deal_change", c.id),
                                   SetAsideReason.AFTER_AS_OF if c.at > as_of else
                                   SetAsideReason.NOT_APPLICABLE, None,
                                   "settled by the deal's commission split")


def _departures_sweep(ctx: Context, trace: Trace, members: Sequence[str]) -> None:
    """Departures of the consultants who received the members and do not own them."""
    departed = ctx.idx.departed
    if not departed:
        return
    facts = trace.facts
    for m in members:
        for dep in departed.get(m, ()):
            f = f"departure:{dep.id}"
            if f not in facts:
                facts[f] = ctx.departure_aside(dep)
