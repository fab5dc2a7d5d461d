"""A deal's commission: who it is credited through after its changes (`CC-8`, `SD-7.6`), the
owners of those clients at the deal, and the split to the cent, off-the-top parties first
(`COM-SPLIT`, `COM-ROUND`, `COM-POOL`)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from .._build import construct
from ..decision import (
    DECISION_FORMAT,
    Escalation,
    Explanation,
    MissingFact,
    Provisional,
    SetAsideReason,
    Text,
)
from ..money import allocate, in_cents
from ._context import Context
from ._decisions import escalation_target, written
from ._household import read_household
from ._later import SPLIT, DealAtoms, LineAtoms, and_list, records, write
from ._trace import ONE, ZERO, Owner, Reading, Stop, Trace, unique
from .models import (
    POOL,
    AfterSales,
    CommissionDecision,
    Deal,
    DealChangeKind,
    PartyRole,
)
from .policy import DealChangeRule

__all__ = ["commission_decision"]


def commission_decision(ctx: Context, deal: Deal) -> CommissionDecision:
    """How ``deal``'s commission is split as of ``ctx.as_of``, explained."""
    trace = Trace()
    rb = ctx.rb
    trace.use("deal", deal.id, "COM-SPLIT")
    holders, when, stop, moved_by = _holders(ctx, trace, deal)
    part: Reading | None = None
    members: tuple[str, ...] = holders
    if stop is None:
        own = Trace()
        members, part = read_household(ctx, own, holders[0], when)
        for other in holders[1:]:
            if other in members:
                continue
            _, o_part = read_household(ctx, Trace(), other, when)
            if o_part.stop is None and part.stop is None and (
                    [(o[0], o[1]) for o in o_part.owners or ()]
                    != [(o[0], o[1]) for o in part.owners or ()]):
                stop = Stop((), Text(
                    f"the buyers {', '.join(holders)} belong to different consultants",
                    f"买方{'、'.join(holders)}分属不同置业顾问"))
        trace.absorb(own)  # the ownership reasoning is part of the commission's explanation
        if stop is None and part.stop is not None:
            stop = part.stop
            if part.company_client is not None:  # name a conflict of the deal's shares too
                company = _company_rule(ctx, Trace(), deal)
                more = None if isinstance(company, Stop) else \
                    _designation_conflict(deal, part, company)
                if more is not None and not set(more.rules) <= set(stop.rules):
                    stop = Stop(unique([*stop.rules, *more.rules]),
                                Text(f"{stop.reason.en}; {more.reason.en}",
                                     f"{stop.reason.zh};{more.reason.zh}"))
    lines: list[tuple[str, PartyRole, Fraction, str]] = []
    if stop is None and part is not None:
        lines, stop = _shares(ctx, trace, deal, part, moved_by)
    escalation = None
    provisional = None
    out_lines: LineAtoms = ()
    if stop is not None:
        esc_rules = unique(stop.rules + ctx.cites("escalate"))
        escalation = construct(Escalation, {"to": escalation_target(rb),
                                            "to_name": rb.escalation_target,
                                            "rules": esc_rules,
                                            "reason": stop.reason})
        decided = unique([*esc_rules, "COM-SPLIT"])
        target = rb.escalation_target
        trace.say(f"Escalated to the {target.en}: {stop.reason.en} ({', '.join(esc_rules)}).",
                  f"提交{target.zh}处理:{stop.reason.zh}({'、'.join(esc_rules)})。")
    else:
        if len(lines) == 1 and lines[0][2] == 1:  # all of it to one party: nothing to round
            amounts: tuple[Decimal, ...] = (in_cents(deal.commission, "commission"),)
        else:
            amounts = allocate(deal.commission, [s for _, _, s, _ in lines]) if lines else ()
        atoms: list[object] = []  # each line's atoms in turn (flat)
        for (p, role, s, rule), a in zip(lines, amounts, strict=True):
            atoms += (p, role.value, s.numerator, s.denominator, a, rule)
        out_lines = tuple(atoms)
        roles = [line[1] for line in lines]
        decided = unique([*(part.lead if part is not None else ()),
                          *[line[3] for line in lines], *trace.rules, "COM-SPLIT",
                          "COM-ROUND", *(("COM-POOL",) if PartyRole.POOL in roles else ()),
                          ctx.cite("first"), ctx.cite("book")])
        trace.tell((SPLIT, deal.id, deal.at, ctx.tz, deal.commission, *out_lines))
        if part is not None and part.provisional is not None:
            until, prules, why = part.provisional
            provisional = construct(Provisional, {"until": until, "rules": prules,
                                                  "reason": why})
    outcome: DealAtoms = (deal.id, deal.commission, tuple(members), out_lines)
    if ctx.whole:  # ``DeferredDecision.whole``'s decision: written at once by the same
        # functions, its fields given in order (as ``ownership_decision``'s)
        used, aside = records(trace.facts.values())  # ``write``'s, without its dict
        return CommissionDecision.complete({
            "format": DECISION_FORMAT, "kind": "ownership.commission",
            "subject": f"{ctx.prefix}deal {deal.id}", "as_of": ctx.as_of,
            "outcome": ctx.read_deal(outcome, True),
            "decided_by": ctx.interned(decided), "not_applied": (), "facts_used": used,
            "facts_set_aside": aside, "missing_facts": tuple(trace.missing),
            "basis": ctx.ids.basis, "provisional": provisional, "escalation": escalation,
            "explanation": Explanation.from_lines(tuple(trace.lines))})
    return CommissionDecision.later({
        "format": DECISION_FORMAT, "kind": "ownership.commission",
        "subject": f"deal {deal.id}",
        "as_of": ctx.as_of, "decided_by": ctx.interned(decided),
        "not_applied": (), "missing_facts": tuple(trace.missing), "basis": ctx.ids.basis,
        "provisional": provisional, "escalation": escalation}, write,
        *written(trace), ctx.read_deal, outcome)


def _holders(ctx: Context, trace: Trace, deal: Deal
             ) -> tuple[tuple[str, ...], datetime, Stop | None, str | None]:
    """The clients the deal is credited through after its changes (`CC-8`, `SD-7.6`), and the
    rule that decided it when a change of holder was read (its lines cite it)."""
    holders = deal.buyers
    when = deal.at
    rule = ctx.rb.deal_change
    moved_by: str | None = None
    for c in ctx.idx.deal_changes.get(deal.id, ()):
        f = ("deal_change", c.id)
        if c.at > ctx.as_of:
            trace.aside(*f, SetAsideReason.AFTER_AS_OF, None)
            continue
        if c.kind is DealChangeKind.SWAP:
            other_id = c.swapped_with if c.deal == deal.id else c.deal
            other = ctx.idx.deals[other_id or ""]
            new = other.buyers
        elif c.kind is DealChangeKind.RENAME:
            new = c.new_buyers
        else:
            new = holders
        if c.deal != deal.id and c.kind is not DealChangeKind.SWAP:
            trace.aside(*f, SetAsideReason.NOT_RELEVANT, None, f"a change of deal {c.deal}")
            continue
        if set(new) == set(holders):
            trace.use(*f, rule.rule_id, "the holder did not change")
            trace.say(f"{c.id}: {_en_kind(c.kind)}; the same client holds the deal.",
                      f"{c.id}:{_zh_kind(c.kind)},仍由同一客户持有。")
            continue
        if rule is DealChangeRule.FOLLOW_CLIENT:
            trace.use(*f, "CC-8", f"now held by {', '.join(new)}")
            trace.decided("CC-8")
            w = ctx.when(c.at)
            trace.say(f"{c.id} on {w.en}: {_en_kind(c.kind)}; the deal follows the client and "
                      f"is credited through {and_list(new)} (CC-8).",
                      f"{c.id}于{w.zh}:{_zh_kind(c.kind)},以客户为准,按"
                      f"{'、'.join(new)}的归属计佣(CC-8)。")
            holders, when, moved_by = new, c.at, "CC-8"
        elif rule is DealChangeRule.STAY:
            moved_by = "SD-7.6"
            trace.use(*f, "SD-7.6", "the handling consultant does not change")
            trace.decided("SD-7.6")
            w = ctx.when(c.at)
            trace.say(f"{c.id} on {w.en}: {_en_kind(c.kind)}; the handling consultant does not "
                      "change, the commission stays with the original (SD-7.6).",
                      f"{c.id}于{w.zh}:{_zh_kind(c.kind)},不变更经办售楼员,业绩和佣金"
                      "仍归原售楼员(SD-7.6)。")
        else:
            trace.use(*f, None, "no rule for a change of holder")
            return holders, when, Stop((), Text(
                f"{c.id}: the deal changed hands and the rulebook has no rule for it",
                f"{c.id}:成交后变更持有人,本制度无相应条款")), None
    return holders, when, None, moved_by


def _en_kind(kind: DealChangeKind) -> str:
    return {DealChangeKind.RENAME: "a rename", DealChangeKind.UNIT_CHANGE: "a unit change",
            DealChangeKind.SWAP: "orders swapped between clients"}[kind]


def _zh_kind(kind: DealChangeKind) -> str:
    return {DealChangeKind.RENAME: "更名", DealChangeKind.UNIT_CHANGE: "换房",
            DealChangeKind.SWAP: "客户之间调房换定单"}[kind]


def _shares(ctx: Context, trace: Trace, deal: Deal, part: Reading, moved_by: str | None
            ) -> tuple[list[tuple[str, PartyRole, Fraction, str]], Stop | None]:
    """Off-the-top parties first, then the consultant side by the owners' shares (`COM-SPLIT`).

    Each line cites the rule that set its share: an off-the-top party its rule (`SD-6.1.2` to
    `SD-6.1.5`, `SD-6.2.5`); a sole consultant the rule that set the remainder when one did
    (`SD-6.1.3`: 70%), else the change of holder that credited them (`CC-8`, `SD-7.6`), else
    their own rule; consultants who share, the rule that split them (`SD-7.4`, ...)."""
    off: list[tuple[str, PartyRole, Fraction, str]] = list(part.off_top)
    consultants: list[Owner] = list(part.owners or [])
    if part.company_client is not None:
        company = _company_rule(ctx, trace, deal)
        if isinstance(company, Stop):
            return [], company
        rule, pool, after_sales = company
        conflict = _designation_conflict(deal, part, company)
        if conflict is not None:
            return [], conflict
        off = [o for o in off if o[3] != "SD-6.1.2"]
        off.append((POOL, PartyRole.POOL, pool, rule))
        if after_sales is not None:
            consultants = after_sales
        trace.decided(rule)
        if rule == "SD-6.1.5":
            trace.say(f"{deal.id}: the company arranged the deal and other staff do the "
                      "after-sales: all to the company pool (SD-6.1.5).",
                      f"{deal.id}:公司直接安排成交,其他员工跟进售后,佣金全部作为公佣"
                      "(SD-6.1.5)。")
    elif deal.arranged_by_company:
        trace.use("deal", deal.id, "COM-SPLIT", "arranged_by_company ignored: not a "
                  "company client (SD-6.1.1)")
    rest = ONE  # nothing off the top (most deals): no sum of fractions to work out
    if off:
        top = sum((s for _, _, s, _ in off), ZERO)
        if top > 1:
            return [], Stop(tuple(r for _, _, _, r in off), Text(
                f"{deal.id}: the off-the-top shares add up to more than the commission",
                f"{deal.id}:先行扣除的份额合计超过全部佣金"))
        rest = ONE - top
    left = rest is ONE or rest > 0
    if left and not consultants:
        return [], Stop(unique([ctx.cite("book")]), Text(
            f"{deal.id}: no consultant owns the buyers (no registered reception)",
            f"{deal.id}:买方无有效登记接待,无归属置业顾问"))
    lines = [(p, role, s, rule) for p, role, s, rule in off if s != 0]
    if left:
        paid = [o for o in off if o[2] != 0]
        for c, s, rule in consultants:
            if paid and s == 1:  # the remainder, as the off-the-top rule set it
                rule = paid[-1][3]
            elif moved_by is not None and s == 1:
                rule = moved_by
            lines.append((c, PartyRole.CONSULTANT, s if rest is ONE else rest * s, rule))
    if not lines:
        lines = [(POOL, PartyRole.POOL, ONE, "COM-POOL")]
    return lines, None


_Company = tuple[str, Fraction, list[Owner] | None]
"""The rule of a company client's deal (`SD-6.1.3` to `SD-6.1.5`), the pool's share, and the
consultant side it sets (``None``: the owners')."""


def _company_rule(ctx: Context, trace: Trace, deal: Deal) -> _Company | Stop:
    """Which of `SD-6.1.3` to `SD-6.1.5` pays a company client's deal; a fact it needs and the
    book lacks: an escalation, the fact missing."""
    sp = ctx.rb.splits
    if not deal.arranged_by_company:
        return ("SD-6.1.3", sp.company_followed_pool, None)
    if deal.after_sales_role is None:
        trace.missing.append(MissingFact(
            f"deals[{deal.id}].after_sales_role", "SD-6.1.4",
            "Who follows up the after-sales: a consultant or other staff?"))
        return Stop(("SD-6.1.4", "SD-6.1.5"), Text(
            f"{deal.id}: who does the after-sales is not recorded",
            f"{deal.id}:未记录售后跟进人"))
    if deal.after_sales_role is AfterSales.OTHER_STAFF:
        return ("SD-6.1.5", ONE, [])
    if deal.after_sales_by is None:
        trace.missing.append(MissingFact(f"deals[{deal.id}].after_sales_by", "SD-6.1.4",
                                         "Which consultant does the after-sales?"))
        return Stop(("SD-6.1.4",), Text(
            f"{deal.id}: the consultant doing the after-sales is not recorded",
            f"{deal.id}:未记录负责售后的售楼员"))
    return ("SD-6.1.4", sp.company_arranged_pool, [(deal.after_sales_by, ONE, "SD-6.1.4")])


def _designation_conflict(deal: Deal, part: Reading, company: _Company) -> Stop | None:
    """An executive's designation (`SD-6.1.2`, the pool's share) and the company client's rule
    of the deal give different shares: an escalation naming both."""
    rule, pool, after_sales = company
    designated = [o for o in part.off_top if o[3] == "SD-6.1.2"]
    if not designated:
        return None
    k = designated[0][2]
    owners = [o[:2] for o in part.owners or ()]
    if k == pool and (after_sales is None or pool == 1
                      or [c[:2] for c in after_sales] == owners):
        return None
    return Stop((rule, "SD-6.1.2"), Text(
        f"{deal.id}: rules that cannot both hold give the commission different shares: {k} to "
        f"the company pool (SD-6.1.2); {pool} to the company pool ({rule})",
        f"{deal.id}:相互矛盾的条款对佣金的分配不同:{k}归公佣(SD-6.1.2);{pool}归公佣({rule})"))
