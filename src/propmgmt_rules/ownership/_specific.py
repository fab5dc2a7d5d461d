"""What a reception's context says: the specific rules that give a new client to a consultant
other than by the first reception's own claim, and those of a return within the window.

A new client's first reception (:func:`first`):

* brought in person by a past buyer: the consultant of that buyer's deal (`CC-4.2`), or the
  successor who took over (`CC-4.3`); a referred client who comes alone: the first reception
  (`CC-4.1`);
* brought by someone who viewed on their behalf: that viewing's consultant (`CC-10.1`); came
  alone: the first reception (`CC-10.2`);
* named a consultant before substantive reception (`SD-5.1`, with an old client `SD-7.5.B`);
  an old client announced the visit in advance (`SD-7.5.A`); introduced, otherwise a new
  client (`SD-5.4`, `SD-7.5.C`); an executive's designation: a duty reception, the pool paid
  (`SD-6.1.2`);
* two of them that disagree, or a context no rule settles: an escalation naming them
  (`CC-11`, `SD-7.7`, added when the decision is built).

A return within the window: on duty for the owner (`SD-4.2`), naming the owner (`SD-3.6`),
an old client naming someone else (`SD-5.3`), after a change request gave the client new
owners (:func:`after_change`); another member's first visit that a specific rule would give to
someone else contradicts the household rule (`CC-3`, :func:`member_first`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from fractions import Fraction

from ..decision import SetAsideReason, Text
from ._context import Context
from ._trace import ONE, OffTop, Owner, Reading, Stop, Trace, merge, names, unique
from ._window import member_visit, owns
from .models import POOL, Channel, Introduction, PartyRole, Reception

__all__ = ["Candidate", "after_change", "first", "member_first", "returns"]


Candidate = tuple[tuple[str, ...], list[Owner], Text, list[OffTop]]
"""What a specific rule says of a new client's first reception: its rules, the consultant side
it gives, why, and the parties it pays off the top (`SD-6.1.2`: the company pool)."""


def _candidates(ctx: Context, trace: Trace, r: Reception, members: Sequence[str], *,
                fresh: bool) -> tuple[list[Candidate], list[str], list[tuple[str, Text]]]:
    """The specific rules that hold for reception ``r`` as a new client's first reception
    (`CC-4.2`, `CC-4.3`, `CC-10.1`, `SD-5.1`, `SD-7.5.A`, `SD-7.5.B`, `SD-6.1.2`), the notes
    (rules that decided by refusing something: `SD-5.2`), and what no rule settles."""
    x = r.context
    cands: list[Candidate] = []
    notes: list[str] = []
    unsettled: list[tuple[str, Text]] = []
    if x is not None and x.brought_by is not None:
        _brought(ctx, trace, r, x.brought_by, cands, unsettled)
    named = x.asked_for if x is not None else None
    if x is not None and named is not None:
        if ctx.on("SD-5.1") and x.asked_before_substantive:
            rules: tuple[str, ...] = ("SD-5.1",)
            if x.brought_by is not None and ctx.on("SD-7.5.B"):
                rules = ("SD-7.5.B", "SD-5.1")
            cands.append((rules, [(named, ONE, rules[0])],
                          Text(f"the client named {named} before being received",
                               f"客户在实质性接待前指定{named}"), []))
        elif named != r.consultant and ctx.on("SD-5.2") and not x.asked_before_substantive:
            notes.append("SD-5.2")
    if not fresh:
        intro = _introduction(ctx, r, members)
        if intro is not None:
            trace.use("introduction", intro.id, "SD-7.5.A")
            cands.append((("SD-7.5.A",), [(intro.consultant, ONE, "SD-7.5.A")],
                          Text(f"{intro.by_client} announced the visit to {intro.consultant} "
                               f"in advance ({intro.id})",
                               f"{intro.by_client}事先告知{intro.consultant}介绍来访"
                               f"({intro.id})"), []))
    backed = {o[0] for cand in cands for o in cand[1]}
    if x is not None:
        if named is not None and named != r.consultant and named not in backed and not (
                ctx.on("SD-5.2") and not x.asked_before_substantive):
            unsettled.append(("", Text(
                f"the client asked for {named} but {r.consultant} received them",
                f"客户指定{named},但由{r.consultant}接待")))
        duty = x.on_duty_for
        if duty is not None and duty != r.consultant and duty not in backed:
            unsettled.append(("SD-4.2" if ctx.on("SD-4.2") else "", Text(
                f"{r.id} is a duty reception for {duty}, but no rule gives {duty} a new client",
                f"{r.id}为代{duty}义务接待,但无条款将此新客户归{duty}")))
        if x.designated_by_executive and ctx.on("SD-6.1.2"):
            k = ctx.rb.splits.executive_designation_pool
            cands.append((("SD-6.1.2",), [(r.consultant, ONE, "SD-6.1.2")], Text(
                f"an executive designated {r.consultant}: a duty reception, {_share_en(k)} of "
                "the commission to the company pool",
                f"领导指定{r.consultant}接待,视为义务接待,成交佣金{_share_zh(k)}作为公佣"),
                [(POOL, PartyRole.POOL, k, "SD-6.1.2")]))
    return cands, notes, unsettled


def _share_en(k: Fraction) -> str:
    return "all" if k == 1 else str(k)


def _share_zh(k: Fraction) -> str:
    return "全部" if k == 1 else str(k)


def _introduction(ctx: Context, r: Reception, members: Sequence[str]) -> Introduction | None:
    if not ctx.on("SD-7.5.A"):
        return None
    for m in members:
        for intro in ctx.idx.introductions.get(m, ()):
            if intro.client == r.client and intro.at <= r.at:
                return intro
    return None


def _brought(ctx: Context, trace: Trace, r: Reception, by: str, cands: list[Candidate],
             unsettled: list[tuple[str, Text]]) -> None:
    """`CC-4.2`/`CC-4.3` (a past buyer brings the client) and `CC-10.1` (the proxy brings the
    buyer)."""
    idx = ctx.idx
    if ctx.on("CC-4.2"):
        deals = [d for d in idx.deals_by_buyer.get(by, ()) if d.at < r.at]
        if deals:
            deal = deals[-1]
            part = ctx.credit(deal)
            if part.stop is not None or not part.owners:
                unsettled.append(("CC-4.2", Text(
                    f"{by}'s deal {deal.id} has no settled consultant",
                    f"{by}的成交{deal.id}无确定的置业顾问")))
            else:
                owners: list[Owner] = []
                rules: tuple[str, ...] = ("CC-4.2",)
                left_en: list[str] = []
                left_zh: list[str] = []
                for c, s, _ in part.owners:
                    dep = idx.departures.get(c)
                    if dep is not None and dep.at <= r.at:
                        if dep.successor is None or not ctx.on("CC-4.3"):
                            unsettled.append(("CC-4.3", Text(
                                f"{c}, the consultant of {by}'s deal, has left and nobody "
                                "took over", f"{by}的置业顾问{c}已离职且无人接管")))
                            continue
                        trace.use("departure", dep.id, "CC-4.3",
                                  f"{dep.successor} took over from {c}")
                        owners.append((dep.successor, s, "CC-4.3"))
                        rules = ("CC-4.3", "CC-4.2")
                        w = ctx.when(dep.at)
                        left_en.append(f"{c}, the consultant of that deal, left on {w.en} "
                                       f"({dep.id}) and {dep.successor} took over")
                        left_zh.append(f"该成交的置业顾问{c}已于{w.zh}离职({dep.id}),"
                                       f"由{dep.successor}接管")
                    else:
                        owners.append((c, s, "CC-4.2"))
                if owners:
                    trace.use("deal", deal.id, rules[0], f"{by}'s deal")
                    cands.append((rules, merge(owners), Text(
                        "; ".join([f"{by}, a past buyer (deal {deal.id}), brought the client "
                                   "in person", *left_en]),
                        ";".join([f"成交老客户{by}(成交{deal.id})亲自带来", *left_zh])), []))
    if ctx.on("CC-10.1"):
        for p in idx.proxies.get(r.client, ()):
            if p.client == by and p.at < r.at and p.channel is Channel.IN_PERSON and (
                    p.verified or not ctx.on("SD-7.2")):
                trace.use("reception", p.id, "CC-10.1", f"{by} viewed on behalf of {r.client}")
                cands.append((("CC-10.1",), [(p.consultant, ONE, "CC-10.1")], Text(
                    f"{by} viewed on behalf of {r.client} ({p.id}) and brought them in person",
                    f"{by}代{r.client}看房({p.id})并亲自带来"), []))
                break


def first(ctx: Context, trace: Trace, part: Reading, r: Reception, at: datetime,
          members: Sequence[str], *, fresh: bool, lapse_rule: str = "") -> None:
    """The owner of a claim that starts with reception ``r`` (at ``at``, UTC), which has a
    context or introduces the client: the specific rules that apply to it; two of them that
    disagree (on the consultant side, or on a share off the top), or a context no rule
    settles, stop with an escalation naming them; no specific rule: the first registered
    reception wins (:func:`~._window.owns`), with the clauses that confirm it."""
    part.since = None
    x = r.context
    cands, notes, unsettled = _candidates(ctx, trace, r, members, fresh=fresh)
    if "SD-5.2" in notes and x is not None:
        trace.say(f"{r.id}: the client named {x.asked_for} only after {r.consultant} had "
                  "received them; not supported (SD-5.2).",
                  f"{r.id}:客户被{r.consultant}接待后中途指定{x.asked_for},原则上不予支持"
                  "(SD-5.2)。")
    for _, _, _, off in cands:  # SD-6.1.2: the pool (compared with the other parties paid)
        part.off_top.extend(off)
    distinct = {tuple(sorted((o[0], o[1]) for o in owners)) for _, owners, _, _ in cands}
    if len(distinct) > 1 or unsettled:
        rules_in_conflict = unique(
            [rule for rs, _, _, _ in cands for rule in rs] + [u[0] for u in unsettled])
        whys = [w for _, _, w, _ in cands] + [u[1] for u in unsettled]
        what_en = "rules that cannot both hold apply" if len(distinct) > 1 else \
            "the rules do not settle this reception"
        what_zh = "相互矛盾的条款同时适用" if len(distinct) > 1 else "现有条款无法确定归属"
        part.stop = Stop(rules_in_conflict, Text(
            f"{r.id}: {what_en}: " + "; ".join(w.en for w in whys),
            f"{r.id}:{what_zh}:" + ";".join(w.zh for w in whys)))
        trace.use("reception", r.id, None, "not settled by the rules")
        return
    for rules, _, _, off in cands:  # SD-6.1.2: the pool, with the consultant side agreed
        if off:
            notes.extend(rules)
            k = off[0][2]
            trace.say(f"{r.id}: an executive designated {r.consultant}; a duty reception, "
                      f"{_share_en(k)} of the commission goes to the company pool (SD-6.1.2).",
                      f"{r.id}:领导指定{r.consultant}接待,视为义务接待,成交佣金{_share_zh(k)}"
                      "作为公佣(SD-6.1.2)。")
    cands = [c for c in cands if not c[3]]
    if cands:
        rules, owners, why, _ = cands[0]
        rules = unique([rs for c in cands for rs in c[0]])
        part.own([(c, s, rules[0]) for c, s, _ in owners])
        trace.use("reception", r.id, rules[0], why.en)
        trace.decided(*rules, *notes)
        w = ctx.when(r.at)
        trace.say(f"{r.id} on {w.en}: {why.en}, so the client belongs to "
                  f"{names(part.owners or ())} ({', '.join(rules)}).",
                  f"{r.id}于{w.zh}:{why.zh},客户归{names(part.owners or ())}"
                  f"({'、'.join(rules)})。")
        return
    if x is None and not notes and not (ctx.idx.proxies and r.client in ctx.idx.proxies):
        owns(ctx, trace, part, r.id, r.consultant, at, lapse_rule)
        return
    confirming = _confirming(ctx, r, notes, lapse_rule)
    owns(ctx, trace, part, r.id, r.consultant, at, lapse_rule, confirming,
         ", ".join(confirming), "、".join(confirming))


def _confirming(ctx: Context, r: Reception, notes: list[str], lapse_rule: str
                ) -> tuple[str, ...]:
    """The rules of a first reception with a context: the first registered reception wins,
    and the clauses that confirm it (`CC-5`, `CC-4.1`, `SD-7.5.C`, `SD-5.4`, `SD-5.1`,
    `CC-10.2`), the lapse first and the notes last."""
    x = r.context
    rules_list: list[str] = [lapse_rule] if lapse_rule else []
    alone = True
    if x is not None:
        named = x.asked_for
        if x.acquaintance and ctx.on("CC-5"):
            rules_list.append("CC-5")
        if x.referred_by is not None and x.brought_by is None and named is None:
            if ctx.on("CC-4.1") and ctx.idx.deals_by_buyer.get(x.referred_by):
                rules_list.append("CC-4.1")
            if ctx.on("SD-7.5.C"):
                rules_list.append("SD-7.5.C")
        if (x.brought_by is not None or x.referred_by is not None) and named is None \
                and ctx.on("SD-5.4"):
            rules_list.append("SD-5.4")
        if named == r.consultant and ctx.on("SD-5.1"):
            rules_list.append("SD-5.1")
        alone = x.brought_by is None and named is None
    if alone and ctx.on("CC-10.2") and any(
            p.at <= r.at for p in ctx.idx.proxies.get(r.client, ())):
        rules_list.append("CC-10.2")
    rules_list.append(ctx.ids.first)
    rules_list.extend(notes)
    return unique(rules_list)


def member_first(ctx: Context, trace: Trace, part: Reading, r: Reception, at: datetime,
                 member: str, members: Sequence[str]) -> None:
    """Another member's first visit within the household's window, under `CC-3`: a specific
    rule that would give this member to someone else, or a share of the commission
    (`SD-6.1.2`), contradicts the household rule: an escalation naming both; else
    :func:`~._window.member_visit`."""
    assert part.owners is not None
    scratch = Trace()
    cands, _, _ = _candidates(ctx, scratch, r, members, fresh=False)
    household = sorted((o[0], o[1]) for o in part.owners)
    against = [c for c in cands if c[3] or sorted((o[0], o[1]) for o in c[1]) != household]
    if not against:
        member_visit(ctx, trace, part, r.id, r.consultant, at, member)
        return
    trace.absorb(scratch)
    rules = unique(["CC-3", *(rule for c in against for rule in c[0])])
    whys = [Text(f"{member} belongs to the household, whose first reception owns it: "
                 f"{names(part.owners)} (CC-3)",
                 f"{member}同属一家人,以第一次接待为准,归{names(part.owners)}(CC-3)"),
            *(c[2] for c in against)]
    part.stop = Stop(rules, Text(
        f"{r.id}: rules that cannot both hold apply: " + "; ".join(w.en for w in whys),
        f"{r.id}:相互矛盾的条款同时适用:" + ";".join(w.zh for w in whys)))
    trace.use("reception", r.id, None, "not settled by the rules")


def returns(ctx: Context, trace: Trace, part: Reading, r: Reception) -> bool | None:
    """A return within the window whose context a rule reads: on duty for the owner (`SD-4.2`:
    ``True``, the owner's visit), naming the owner (`SD-3.6`) or, an old client, someone
    else (`SD-5.3`): ``False``; ``None``: no such rule (the caller reads on)."""
    assert part.owners is not None
    x = r.context
    if x is None:
        return None
    c = r.consultant
    owner_ids = part.owner_ids
    if x.on_duty_for in owner_ids:
        rule = "SD-4.2" if ctx.on("SD-4.2") else ctx.ids.within
        trace.use("reception", r.id, rule, f"duty reception on behalf of {x.on_duty_for}")
        trace.say(f"{r.id}: {c} received on duty for the owner {x.on_duty_for}; the "
                  f"client stays with {x.on_duty_for} ({rule}).",
                  f"{r.id}:{c}代{x.on_duty_for}义务接待,客户仍归{x.on_duty_for}({rule})。")
        trace.decided(rule)
        return True
    if x.asked_for in owner_ids:
        rule = "SD-3.6" if ctx.on("SD-3.6") else ctx.ids.within
        trace.aside("reception", r.id, SetAsideReason.SUPERSEDED, rule,
                    f"the client named {x.asked_for}, who received before")
        trace.decided(rule)
        return False
    if x.asked_for is not None and ctx.on("SD-5.3"):
        trace.aside("reception", r.id, SetAsideReason.NOT_SUPPORTED, "SD-5.3",
                    f"a returning client naming {x.asked_for} is not supported")
        trace.say(f"{r.id}: the returning client named {x.asked_for}; not supported, the "
                  f"client stays with {names(part.owners)} (SD-5.3).",
                  f"{r.id}:老客户指定{x.asked_for}接待,不予支持,客户仍归"
                  f"{names(part.owners)}(SD-5.3)。")
        trace.decided("SD-5.3")
        return False
    return None


def after_change(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
                 at: datetime) -> None:
    """Another consultant's visit within the window after a change request gave the client
    new owners (`CC-7`, `SD-3.10.C`, `SD-5.2`): the client stays with them."""
    assert part.owners is not None
    assert part.since is not None
    rule, cr_id = part.since
    rules = unique([rule, ctx.ids.within])
    trace.aside("reception", rid, SetAsideReason.SUPERSEDED, rule,
                f"the client's owners since {cr_id} keep them")
    trace.rules.extend(rules)
    w = ctx.when(at)
    trace.say(f"{rid} by {consultant} on {w.en} is a later visit within the window; the client "
              f"stays with {names(part.owners)}, as decided on {cr_id} ({', '.join(rules)}).",
              f"{rid}由{consultant}于{w.zh}接待,在有效期内;客户仍归{names(part.owners)},"
              f"依{cr_id}的处理({'、'.join(rules)})。")
