"""Building a decision from a reading: the last line of the explanation, every remaining fact
of the household accounted for (nothing dropped silently), and the output models.

The output models are built without validation (:func:`propmgmt_rules._build.construct`: the
inputs were validated at the edge) and share what decisions have in common: the basis, the
share models, the tuples of rule ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._build import construct
from ..decision import DECISION_FORMAT, Escalation, Explanation, Provisional, SetAsideReason
from ._context import Context
from ._later import OWNED, ClientAtoms, ShareAtoms, records, write
from ._trace import ONE, Fact, Line, Reading, Trace, names, unique
from .models import OwnershipDecision
from .policy import Rulebook

__all__ = ["escalation_target", "ownership_decision", "written"]


def ownership_decision(ctx: Context, trace: Trace, client: str, members: tuple[str, ...],
                       part: Reading) -> OwnershipDecision:
    """The decision of a household's reading (``trace`` gets its last line and the sweep)."""
    rb = ctx.rb
    single = len(members) == 1
    subject = f"client {client}" if single else f"household {'+'.join(members)}"
    escalation = None
    provisional = None
    owners: ShareAtoms = ()
    off: ShareAtoms = ()
    protected_until = None
    lapsed = False
    until_en = until_zh = None
    if part.stop is not None:
        esc_rules = unique(part.stop.rules + ctx.cites("escalate"))
        escalation = construct(Escalation, {"to": escalation_target(rb),
                                            "to_name": rb.escalation_target,
                                            "rules": esc_rules,
                                            "reason": part.stop.reason})
        decided = ctx.interned(esc_rules)
        target = rb.escalation_target
        trace.say(f"Escalated to the {target.en}: {part.stop.reason.en} "
                  f"({', '.join(esc_rules)}).",
                  f"提交{target.zh}处理:{part.stop.reason.zh}({'、'.join(esc_rules)})。")
    else:
        if part.owners:
            ids = ctx.ids  # the rulebook's memos read first (as the window's below)
            sole = part.owners[0] if len(part.owners) == 1 else None
            if sole is not None and sole[1] is ONE:
                owners = ids.sole.get(sole[::2]) or ctx.sole_owner(sole[0], sole[2])
            else:
                owners = ctx.owner_atoms(part.owners)
            if part.off_top:
                off = tuple(x for p, role, s, rule in part.off_top
                            for x in (p, role.value, s.numerator, s.denominator, rule))
                decided = ctx.decided((*part.lead, *[o[2] for o in part.owners], *trace.rules,
                                       *[o[3] for o in part.off_top]))
            elif sole is not None:
                key = (*part.lead, sole[2], *trace.rules)
                decided = ids.decided.get(key) or ctx.decided(key)
            else:
                decided = ctx.decided((*part.lead, *[o[2] for o in part.owners], *trace.rules))
            again = None
            if part.anchor is not None:  # the window's memo read first (as the reading does)
                protected_until, end_utc, until_en, until_zh = \
                    ids.windows.get(part.anchor_day) or ctx.window(part.anchor, part.anchor_day)
                lapsed = ctx.as_of_utc > end_utc
                if lapsed:
                    again = ids.after
            trace.tell((OWNED, *ctx.as_of_words(), subject,
                        sole[0] if sole is not None else names(part.owners),
                        "客户" if single else "家庭", members[0] if single else "+".join(members),
                        until_en, until_zh, again))
        else:
            grounds = unique([ctx.cite("book"), *(rule or "" for kind, _, reason, rule, _
                                                  in trace.facts.values()
                                                  if reason is not None
                                                  and kind == "reception")])
            decided = ctx.interned(unique([*trace.rules, *grounds]))
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
    if part.stop is not None or not single or members[0] in ctx.idx.others:
        _sweep(ctx, trace, members, part.stop is not None)
    if ctx.idx.left_at:  # some consultant left
        _departures_sweep(ctx, trace, members)
    outcome: ClientAtoms = (client, members, owners, off,
                            part.company_client is not None and part.stop is None,
                            protected_until, lapsed)
    missing = tuple(trace.missing) if trace.missing else ()
    if ctx.whole:  # ``DeferredDecision.whole``'s decision: written at once by the same
        # functions, its fields given in order (the facts read where they are)
        used, aside = records(trace.facts.values())  # ``write``'s, without its dict
        return OwnershipDecision.complete({
            "format": DECISION_FORMAT, "kind": "ownership.client",
            "subject": ctx.prefix + subject,
            "as_of": ctx.as_of, "outcome": ctx.read_client(outcome, True), "decided_by": decided,
            "not_applied": (), "facts_used": used, "facts_set_aside": aside,
            "missing_facts": missing, "basis": ctx.ids.basis, "provisional": provisional,
            "escalation": escalation, "explanation": Explanation.from_lines(tuple(trace.lines))})
    return OwnershipDecision.later({
        "format": DECISION_FORMAT, "kind": "ownership.client", "subject": subject,
        "as_of": ctx.as_of, "decided_by": decided,  # interned (ctx.decided: the owners')
        "not_applied": (), "missing_facts": missing, "basis": ctx.ids.basis,
        "provisional": provisional, "escalation": escalation}, write,
        tuple(trace.facts.values()), tuple(trace.lines), ctx.read_client, outcome)


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
    for kind, rid, reason, _, _ in trace.facts.values():
        words = _WHY_NOT.get(reason)
        if words is not None and kind == "reception":
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


def _sweep(ctx: Context, trace: Trace, members: Sequence[str], stopped: bool) -> None:
    """Account for every fact of ``members`` the reading did not reach: the facts of the
    special clients (``BookIndex.special``) no rule read, their receptions if the reading
    stopped (otherwise it has read them all), and their deals and the changes of those deals
    (settled by each deal's commission split)."""
    idx = ctx.idx
    as_of = ctx.as_of
    special = idx.special
    renamed_to = idx.renamed_to
    not_applicable = SetAsideReason.NOT_APPLICABLE
    after_as_of = SetAsideReason.AFTER_AS_OF
    for m in members:
        if m in special:
            _sweep_special(ctx, trace, m)
        if stopped:
            for _, rid, _, _, _ in idx.timelines.get(m, ()):
                trace.aside_if_new("reception", rid, not_applicable, None,
                                   "read after the case was settled")
        if m in special:
            _sweep_referrals(ctx, trace, m)
        if m in renamed_to:
            for c in renamed_to.get(m, ()):
                trace.aside_if_new("deal_change", c.id,
                                   after_as_of if c.at > as_of else not_applicable, None,
                                   _BY_THE_SPLIT)
        for d in idx.deals_by_buyer.get(m, ()):
            if d.at > as_of:
                trace.aside_if_new("deal", d.id, after_as_of, None)
            else:
                trace.aside_if_new("deal", d.id, not_applicable, "COM-SPLIT", _BY_THE_SPLIT)
            for c in idx.deal_changes.get(d.id, ()):
                trace.aside_if_new("deal_change", c.id,
                                   after_as_of if c.at > as_of else not_applicable, None,
                                   _BY_THE_SPLIT)


_BY_THE_SPLIT = "settled by the deal's commission split"


def _sweep_special(ctx: Context, trace: Trace, m: str) -> None:
    """A special member's recognitions, introductions and change requests no rule read."""
    idx = ctx.idx
    as_of = ctx.as_of
    sd37 = ctx.on("SD-3.7")
    for g in idx.recognitions.get(m, ()):
        if g.at > as_of:
            trace.aside_if_new("recognition", g.id, SetAsideReason.AFTER_AS_OF, None)
        elif not sd37:
            trace.aside_if_new("recognition", g.id, SetAsideReason.DISABLED_BY_RULEBOOK,
                               "SD-3.7")
        else:
            trace.aside_if_new("recognition", g.id, SetAsideReason.NOT_APPLICABLE, "SD-3.7",
                               "no reception as new by another consultant to recognise")
    for i in idx.introductions.get(m, ()):
        if i.at > as_of:
            trace.aside_if_new("introduction", i.id, SetAsideReason.AFTER_AS_OF, None)
        elif not ctx.on("SD-7.5.A"):
            trace.aside_if_new("introduction", i.id, SetAsideReason.DISABLED_BY_RULEBOOK,
                               "SD-7.5.A")
        else:
            trace.aside_if_new("introduction", i.id, SetAsideReason.NOT_APPLICABLE, "SD-7.5.A",
                               "no later first reception")
    for cr in idx.change_requests.get(m, ()):
        trace.aside_if_new("change_request", cr.id, SetAsideReason.NOT_APPLICABLE, None,
                           "read after the case was settled")


def _sweep_referrals(ctx: Context, trace: Trace, m: str) -> None:
    """A special member's referrals no rule read, and the viewings on their behalf."""
    idx = ctx.idx
    as_of = ctx.as_of
    for k in idx.company_referrals.get(m, ()):
        trace.aside_if_new("company_referral", k.id, SetAsideReason.AFTER_AS_OF
                           if k.at > as_of else SetAsideReason.DISABLED_BY_RULEBOOK,
                           "SD-6.1.1")
    for s in idx.staff_referrals.get(m, ()):
        trace.aside_if_new("staff_referral", s.id, SetAsideReason.AFTER_AS_OF
                           if s.registered_at > as_of else SetAsideReason.DISABLED_BY_RULEBOOK,
                           "SD-6.2.1")
    for p in idx.proxies.get(m, ()):
        if p.at > as_of:
            trace.aside_if_new("reception", p.id, SetAsideReason.AFTER_AS_OF, None)
        elif not (ctx.on("CC-10.1") or ctx.on("CC-10.2")):
            trace.aside_if_new("reception", p.id, SetAsideReason.DISABLED_BY_RULEBOOK,
                               "CC-10.1", f"a viewing by {p.client} on behalf of {m}")
        elif "CC-10.2" in trace.rules:
            trace.aside_if_new("reception", p.id, SetAsideReason.SUPERSEDED, "CC-10.2",
                               f"a viewing by {p.client} on behalf of {m}, who came alone")
        else:
            trace.aside_if_new("reception", p.id, SetAsideReason.NOT_APPLICABLE, "CC-10.1",
                               f"a viewing by {p.client} on behalf of {m}, who was not "
                               "brought by them to a first reception")


def _departures_sweep(ctx: Context, trace: Trace, members: Sequence[str]) -> None:
    """Departures of the consultants who received the members and do not own them."""
    departed = ctx.idx.departed
    facts = trace.facts
    for m in members:
        if m not in departed:
            continue
        for dep in departed.get(m):
            key = ("departure", dep.id)
            if key not in facts:
                facts[key] = ctx.departure_aside(dep)
