"""Households: who belongs to a client's household, how the household is owned (`CC-3`: the
first reception of any member; `SD-7.4`: spouses received separately before the deal share),
and consultants who left (their successor takes over)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from fractions import Fraction
from operator import itemgetter
from typing import Final, TypeVar

from ..decision import SetAsideReason, Text
from ._context import Context
from ._index import Visit
from ._later import HOUSEHOLD, and_list, relation_words
from ._reading import read_timeline
from ._referrals import off_top_conflict
from ._trace import Fact, FactKey, Line, Owner, Reading, Stop, Trace, merge, names, unique
from .models import Deal, RelationKind
from .policy import HouseholdRule

__all__ = ["SPECIFIC",
    "deal_credit",
    "departures",
    "household_kinds",
    "joint_line",
    "late_aside",
    "members_of",
    "read_household",
    "spouses_share",
    "trace_relations",
]

SPECIFIC: Final = frozenset({"CC-4.2", "CC-4.3", "CC-10.1", "SD-5.1", "SD-7.5.A", "SD-7.5.B",
                             "SD-6.1.2"})
"""The specific rules that give a new client to a consultant other than by the first
reception's own claim (an owner's share cites one of these when one of them decided it): one
that disagrees with a household rule is an escalation."""
_END_OF_TIME: Final = datetime(9999, 12, 30, tzinfo=UTC)
_NOT_FIRST: Final = SetAsideReason.NOT_FIRST.value
_HALF: Final = Fraction(1, 2)
_BY_FIRST: Final = itemgetter(0, 1)
"""(first reception, member) of a member who owns a claim."""


def members_of(ctx: Context, trace: Trace | None, client: str) -> tuple[str, ...]:
    """The household of ``client``: related clients known by ``as_of`` (rulebook's relations)."""
    rels = ctx.idx.relations
    if client not in rels or ctx.rb.household is HouseholdRule.NONE:
        if trace is not None and client in rels:
            for rel in rels.get(client):
                trace.aside("relation", rel.id, SetAsideReason.DISABLED_BY_RULEBOOK,
                            None, "the rulebook has no household rule")
        return (client,)
    kinds = ctx.rb.household_relations
    seen = {client}
    todo = [client]
    while todo:
        c = todo.pop()
        for rel in rels.get(c, ()):
            if rel.known_at <= ctx.as_of and rel.kind in kinds:
                for o in (rel.a, rel.b):
                    if o not in seen:
                        seen.add(o)
                        todo.append(o)
    members = tuple(sorted(seen))
    if trace is not None:
        trace_relations(ctx, trace, members)
    return members


def trace_relations(ctx: Context, trace: Trace, members: tuple[str, ...]) -> None:
    """The relations of household ``members`` (as :func:`members_of` gives them, under a
    rulebook with a household rule) in ``trace``: used by the household rule, or set aside
    (known after ``as_of``, or of a kind that makes no household here)."""
    rels = ctx.idx.relations
    kinds = ctx.rb.household_relations
    hh_rule = ctx.rb.household.rule_id
    used: set[RelationKind] = set()
    for c in members:
        for rel in rels.get(c, ()):
            if rel.known_at > ctx.as_of:
                trace.aside("relation", rel.id, SetAsideReason.AFTER_AS_OF, None)
            elif rel.kind not in kinds:
                trace.aside("relation", rel.id, SetAsideReason.DISABLED_BY_RULEBOOK, hh_rule,
                            f"a {rel.kind.value} relation does not make a household here")
            else:
                trace.use("relation", rel.id, hh_rule)
                used.add(rel.kind)
    if len(members) > 1:
        # their values, as strings: a decision keeps atoms only (an enum member is an object
        # the collector follows), one tuple per distinct kinds shared by the decisions
        ctx.kinds[members] = ctx.interned(tuple(sorted(k.value for k in used)))


def read_household(ctx: Context, trace: Trace, client: str, cutoff: datetime
                   ) -> tuple[tuple[str, ...], Reading]:
    """The household of ``client`` and its reading up to ``cutoff`` (and ``ctx.as_of``)."""
    if cutoff.tzinfo is not UTC:
        cutoff = cutoff.astimezone(UTC)
    members = members_of(ctx, trace, client) if client in ctx.idx.relations else (client,)
    rb = ctx.rb
    if len(members) == 1 or rb.household is HouseholdRule.FIRST_RECEPTION:
        part = read_timeline(ctx, trace, members, cutoff)
        if len(members) > 1 and part.owners:
            part.lead.append("CC-3")
            trace.tell((HOUSEHOLD, members, household_kinds(ctx, members)))
        left_at = ctx.idx.left_at
        if left_at and part.owners and (len(part.owners) > 1 or part.owners[0][0] in left_at):
            departures(ctx, trace, part, members, cutoff)
        return members, part
    # SD-7.4: each member on their own, then equal shares among those received before the deal
    parts = _read_members(ctx, trace, members, cutoff)
    for _, p in parts:
        if p.stop is not None:
            departures(ctx, trace, p, members, cutoff)
            return members, p
    owned = sorted(((p.first_at, m, p) for m, p in parts if p.owners and p.first_at is not None),
                   key=_BY_FIRST)
    merged = Reading()
    for _, p in parts:
        merged.off_top.extend(p.off_top)
        if p.company_client is not None and merged.company_client is None:
            merged.company_client = p.company_client
        if p.provisional is not None:
            merged.provisionally(*p.provisional)
    if merged.off_top or merged.company_client is not None:
        off_top_conflict(merged)  # members' parties paid off the top that cannot both hold
    if merged.stop is not None or not owned:
        departures(ctx, trace, merged, members, cutoff)
        return members, merged
    joint, late = spouses_share(ctx, members, owned)
    household = owned[0][2].owners or []
    for (_, m, p), line in late:
        specific = [o[2] for o in p.owners or () if o[2] in SPECIFIC]
        if specific and [o[:2] for o in p.owners or ()] != [o[:2] for o in household]:
            merged.stop = Stop(unique(["SD-7.4", *specific]), Text(
                f"{m} was first received after the household's first registration (SD-7.4), "
                f"and {unique(specific)[0]} gives {m} to {names(p.owners or [])}",
                f"{m}在家庭首次登记之后才来访登记(SD-7.4),而{unique(specific)[0]}将其归"
                f"{names(p.owners or [])}"))
            departures(ctx, trace, merged, members, cutoff)
            return members, merged
        trace.say(*line)
        trace.decided("SD-7.4", ctx.ids.first)
    if late:
        late_aside(trace.facts, [m for (_, m, _), _ in late], ctx.idx.timelines)
    merged.first_at = owned[0][0]
    last = max((p for _, _, p in owned), key=_anchor)
    merged.anchor, merged.anchor_day = last.anchor, last.anchor_day
    if len(joint) == 1 or len({tuple(sorted((o[0], o[1]) for o in p.owners or ()))
                               for _, _, p in joint}) == 1:
        merged.own(list(joint[0][2].owners or ()))
    else:
        n = len(joint)
        merged.own(merge((c, s / n, "SD-7.4") for _, _, p in joint
                         for c, s, _ in (p.owners or ())))
        merged.lead.append("SD-7.4")
        trace.say(*joint_line([m for _, m, _ in joint], merged.owners or (),
                              household_kinds(ctx, members)))
    departures(ctx, trace, merged, members, cutoff)
    return members, merged


def _anchor(part: Reading) -> datetime:
    assert part.anchor is not None  # a member who owns a claim
    return part.anchor


_T = TypeVar("_T")


def spouses_share(ctx: Context, members: Sequence[str],
                  owned: Sequence[tuple[datetime, str, _T]]
                  ) -> tuple[list[tuple[datetime, str, _T]],
                             list[tuple[tuple[datetime, str, _T], tuple[str, str]]]]:
    """`SD-7.4`: of the members who own a claim (``owned``: (first reception, member, claim),
    by first reception then member), those who share the household: the first, and every
    other received before the household's first deal (by ``as_of``) and before their relation
    was known. Also each of the others with its sentence (not a joint owner, `SD-7.4`: the
    earlier registration of the household wins, by the rulebook's rule of the first
    reception; the caller adds both rules and sets their receptions aside, ``late_aside``)."""
    rb = ctx.rb
    first_deal = min((d.at for m in members for d in ctx.idx.deals_by_buyer.get(m, ())
                      if d.at <= ctx.as_of), default=None)
    relations = ctx.idx.relations
    joint = [owned[0]]
    late: list[tuple[tuple[datetime, str, _T], tuple[str, str]]] = []
    for at, m, p in owned[1:]:
        known = min((rel.known_at for rel in relations.get(m, ())
                     if rel.kind in rb.household_relations and rel.known_at <= ctx.as_of),
                    default=_END_OF_TIME)
        before_deal = first_deal is None or at < first_deal
        if before_deal and at < known:
            joint.append((at, m, p))
        else:
            rule = ctx.ids.first
            after_en = "the deal" if not before_deal else "their relation was known"
            after_zh = "成交" if not before_deal else "双方关系已知"
            late.append(((at, m, p), (
                f"{m} was first received after {after_en}: not a joint owner (SD-7.4); the "
                f"earlier registration of the household wins ({rule}).",
                f"{m}在{after_zh}之后才来访登记,不属共同接待(SD-7.4),以先登记者为准({rule})。")))
    return joint, late


_LATE_NOTE: Final = "received after the household's first registration (SD-7.4)"


def late_aside(facts: dict[FactKey, Fact], late: Sequence[str],
               timelines: dict[str, tuple[Visit, ...]]) -> None:
    """The receptions of the ``late`` members that their own reading used (their claim):
    set aside, as not the first of the household (`SD-7.4`), moved to the end of ``facts``
    in the order of ``late``, then of the facts."""
    for m in late:
        ids = {v[1] for v in timelines.get(m, ())}
        for key, fact in [(key, fact) for key, fact in facts.items()
                          if key in ids and fact[2] is None]:
            del facts[key]
            facts[key] = ("reception", fact[1], _NOT_FIRST, "SD-7.4", _LATE_NOTE)


def household_kinds(ctx: Context, members: Sequence[str]) -> tuple[str, ...]:
    """The kinds of the relations that make ``members`` one household (their values, sorted),
    for the sentences (``spouses``, ``parent and child``)."""
    got = ctx.kinds.get(tuple(members))
    if got is not None:  # as traced by trace_relations
        return got
    kinds = ctx.rb.household_relations
    return ctx.interned(tuple(sorted({rel.kind.value for m in members
                                      for rel in ctx.idx.relations.get(m, ())
                                      if rel.known_at <= ctx.as_of and rel.kind in kinds})))


def joint_line(joint: Sequence[str], owners: Sequence[Owner], kinds: tuple[str, ...]
               ) -> tuple[str, str]:
    """The sentence of members who share (`SD-7.4`): ``joint``, the members; ``owners``, the
    consultants and their shares; ``kinds``, the household's relations."""
    en, zh = relation_words(kinds)
    halves = len(owners) == 2 and owners[0][1] == _HALF and owners[1][1] == _HALF
    return (f"{and_list(joint)} ({en}) were received separately before the deal: joint "
            f"owners, {names(owners)} (SD-7.4).",
            f"{'、'.join(joint)}({zh})成交前分别来访登记:共同接待,佣金"
            f"{'各得一半' if halves else '均分'}({names(owners)})(SD-7.4)。")


def _read_members(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime
                  ) -> list[tuple[str, Reading]]:
    """Each member's timeline read on its own; their lines merged in the order of the facts
    they are about (instant, then record id)."""
    parts: list[tuple[str, Reading]] = []
    keyed: list[tuple[tuple[datetime, str], int, int, Line]] = []
    for n, m in enumerate(members):
        sub = Trace(keyed=True)
        parts.append((m, read_timeline(ctx, sub, (m,), cutoff)))
        trace.facts.update(sub.facts)
        trace.rules.extend(sub.rules)
        trace.missing.extend(sub.missing)
        assert sub.keys is not None
        keyed.extend((k, n, i, line)
                     for i, (k, line) in enumerate(zip(sub.keys, sub.lines, strict=True)))
    keyed.sort()  # by (record, member, line): (member, line) is unique, lines never compared
    trace.lines.extend(t[3] for t in keyed)
    return parts


def departures(ctx: Context, trace: Trace, part: Reading, members: Sequence[str],
               cutoff: datetime) -> None:
    """Owners who left by the deal (or ``as_of``): their successor takes over; no successor is
    an escalation. (Departures of other consultants are set aside when the decision is built.)"""
    left_at = ctx.idx.left_at
    owners = part.owners
    if not left_at or owners is None or part.stop is not None:
        return
    if len(owners) == 1:
        left = left_at.get(owners[0][0])
        if left is None or left > cutoff or left > ctx.as_of_utc:
            return  # the owner did not leave
    limit = min(cutoff, ctx.as_of_utc)
    if all(c not in left_at or left_at[c] > limit for c, _, _ in owners):
        return  # nobody left
    deps = ctx.idx.departures
    new: list[Owner] = []
    for c, s, rule in owners:
        dep = deps.get(c)
        if dep is None or dep.at > limit:
            new.append((c, s, rule))
            continue
        if dep.successor is None:
            w = ctx.when(dep.at)
            part.stop = Stop((), Text(
                f"{c} left on {w.en} ({dep.id}) and nobody took over their clients",
                f"{c}已于{w.zh}离职({dep.id}),无人接管其客户"))
            trace.use("departure", dep.id, None, "no successor")
            return
        trace.use("departure", dep.id, "CC-4.3" if rule == "CC-4.3" else None,
                  f"{dep.successor} took over from {c}")
        w = ctx.when(dep.at)
        trace.say(f"{c} left on {w.en}; {dep.successor} took over their clients ({dep.id}).",
                  f"{c}已于{w.zh}离职,由{dep.successor}接管({dep.id})。")
        new.append((dep.successor, s, rule))
    part.own(merge(new))


def deal_credit(ctx: Context, deal: Deal) -> Reading:
    """The consultant side of a past deal (for `CC-4.2`): its buyers' owners at the deal
    (:meth:`._context.Context.credit` keeps it for the question)."""
    return read_household(ctx, Trace(), deal.buyers[0], deal.at)[1]
