"""The decision of a plain client, in one pass: most clients of a real book.

A plain client is named by no fact but their own receptions, none of which has a context, and
their deals (in neither ``BookIndex.special`` nor ``BookIndex.relations``): no household,
referral, request or recognition; their deals are settled by the deals' commission splits.
Their decision follows from four rules: the first registered reception owns (`CC-6`,
`SD-7.3`), a return within the window keeps the owner (`CC-9.1`, `SD-4.1`; `CC-6` the same
day), the first reception after the window lapsed owns anew (`CC-9.2`, `SD-7.1`), and phone
enquiries (`CC-NOTE`, `SD-3.13`), unverified registrations (`SD-7.2`) and later facts are set
aside.

:func:`plain_decision` builds the same decision as the general path (``_household``,
``_timeline``, ``_decisions``) with the same rules worked out once per question (``Context``)
and the same sentences (``_later``), in one loop instead of a chain of calls; when the
case needs more (nobody owns the client yet, or the owner left) it returns ``None`` and the
general path decides. ``tests/ownership/test_plain_path.py`` checks on generated books that
both paths give equal decisions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from ..decision import SetAsideReason
from ..money import cents, from_cents
from ._context import ONE, Context, Trace, construct, unique
from ._household import members_of
from ._index import PHONE, UNVERIFIED, Visit
from ._later import (
    FIRST,
    FIRST_AFTER_LAPSE,
    HOUSEHOLD,
    LAPSED,
    OWNED,
    RETURN_WITHIN,
    SAME_DAY,
    SPLIT,
    Fact,
    Line,
    write,
)
from .models import (
    CommissionDecision,
    CommissionLine,
    CommissionOutcome,
    Deal,
    OwnershipDecision,
    OwnershipOutcome,
    PartyRole,
)
from .rulebook import HouseholdRule

__all__ = ["all_of", "plain_commission", "plain_decision"]

_AFTER_AS_OF = SetAsideReason.AFTER_AS_OF.value
_PHONE = SetAsideReason.PHONE_ENQUIRY.value
_UNVERIFIED = SetAsideReason.UNVERIFIED.value
_NOT_FIRST = SetAsideReason.NOT_FIRST.value
_NOT_APPLICABLE = SetAsideReason.NOT_APPLICABLE.value
_NOT_RELEVANT = SetAsideReason.NOT_RELEVANT.value
_BY_THE_SPLIT = "settled by the deal's commission split"


@dataclass(slots=True)
class _Reading:
    """A plain household's reading: its facts in the order the general path traces them (the
    used ones; the relations and receptions that do not count, set aside; the receptions set
    aside while reading), its lines and rules, and the claim it ends with."""

    members: tuple[str, ...]
    used: list[Fact]
    set_aside: list[Fact]
    set_aside_later: list[Fact] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    owner: str = ""
    owner_rule: str = ""
    anchor: datetime | None = None
    anchor_day: int = 0


def _read(ctx: Context, client: str, cutoff: datetime) -> _Reading | None:
    """The reading of ``client``'s household up to ``cutoff`` (UTC) and ``ctx.as_of``, if it
    is plain (``None``: the general path reads it); the household's reading when its first
    reception owns it (`CC-3`), the client's alone otherwise."""
    idx = ctx.idx
    as_of = ctx.as_of_utc
    if client not in idx.relations:  # most clients: alone, no relation to trace
        members: tuple[str, ...] = (client,)
        reading = _Reading(members, [], [])
    else:
        members = members_of(ctx, None, client)
        if len(members) > 1 and (ctx.rb.household is not HouseholdRule.FIRST_RECEPTION
                                 or any(m in idx.special for m in members)):
            return None  # spouses sharing (SD-7.4), or more than plain receptions
        household = Trace()  # the relations, used or set aside
        members_of(ctx, household, client)
        reading = _Reading(members, [], [])
        for fact in household.facts.values():
            (reading.used if fact[2] is None else reading.set_aside).append(fact)
    verify = ctx.verify
    phone_rule = ctx.phone_rule or None
    counted: list[Visit] = []
    for m in members:
        for visit in idx.timelines[m]:
            at, rid, _, _, channel = visit
            if at > as_of:
                reading.set_aside.append(("reception", rid, _AFTER_AS_OF, None, ""))
            elif channel == PHONE:
                reading.set_aside.append(("reception", rid, _PHONE, phone_rule, ""))
            elif verify and channel == UNVERIFIED:
                reading.set_aside.append(("reception", rid, _UNVERIFIED, "SD-7.2", ""))
            elif at > cutoff:
                reading.set_aside.append(("reception", rid, _NOT_RELEVANT, None,
                                          "after the deal"))
            else:
                counted.append(visit)
    if len(members) > 1:
        counted.sort()  # (instant, id): ids are unique, the rest never compared
    tz = ctx.tz
    own_rule = ctx.own_rule
    not_first = ctx.not_first
    follow_client = ctx.follow_client
    used, later, lines, rules = reading.used, reading.set_aside_later, reading.lines, reading.rules
    owner = ""
    anchor = None
    start_day = anchor_day = 0
    for at, rid, _, consultant, _ in counted:
        day = at.astimezone(tz).toordinal()
        if anchor is not None:
            end = ctx.window(anchor, anchor_day)
            if at <= end[1]:
                if consultant == owner:  # the owner's own reception
                    used.append(("reception", rid, None, own_rule[day == start_day] or None,
                                 "the owner's own reception"))
                    anchor, anchor_day = at, day
                    continue
                same_day = day == start_day  # another consultant: the earlier one wins
                nf_rules, label, zh_label = not_first[same_day]
                later.append(("reception", rid, _NOT_FIRST, nf_rules[0] if nf_rules else None,
                              ""))
                rules.extend(nf_rules)
                if same_day:
                    lines.append((SAME_DAY, rid, consultant, label, zh_label))
                else:
                    lines.append((RETURN_WITHIN, rid, consultant, at, tz, owner, label,
                                  zh_label))
                if follow_client:
                    anchor, anchor_day = at, day
                continue
            # the window lapsed: the first registered reception after it owns anew
            lapse_rule = ctx.after_rule
            lines.append((LAPSED, *ctx.window_text, anchor, end[2], rid, at, tz, lapse_rule))
            first_rules, label, zh_label = ctx.first_rules[bool(lapse_rule)]
            sentence = FIRST_AFTER_LAPSE if lapse_rule else FIRST
        else:
            first_rules, label, zh_label = ctx.first_rules[False]
            sentence = FIRST
        owner = reading.owner = consultant
        reading.owner_rule = first_rules[0]
        used.append(("reception", rid, None, first_rules[0], "first registered reception"))
        rules.extend(first_rules)
        lines.append((sentence, rid, at, tz, owner, label, zh_label))
        anchor, start_day, anchor_day = at, day, day
    if anchor is None:
        return None  # nobody owns the client: the general path says why
    left = idx.left_at.get(owner)
    if left is not None and left <= cutoff:
        return None  # the owner left: the general path hands the client over
    reading.anchor, reading.anchor_day = anchor, anchor_day
    if len(members) > 1:
        lines.append((HOUSEHOLD, members))
    return reading


def plain_decision(ctx: Context, client: str, *, by_household: bool = False
                   ) -> OwnershipDecision | None:
    """Who owns plain ``client`` (and its household, `CC-3`) as of ``ctx.as_of``; the outcome
    names ``client``, or the household's first member if ``by_household``. ``None``: the
    general path decides."""
    reading = _read(ctx, client, ctx.as_of_utc)
    if reading is None:
        return None
    members, owner, owner_rule = reading.members, reading.owner, reading.owner_rule
    assert reading.anchor is not None
    protected_until, end_utc, end_text = ctx.window(reading.anchor, reading.anchor_day)
    lapsed = ctx.as_of_utc > end_utc
    again = ctx.after_rule if lapsed else None
    if len(members) == 1:
        subject = f"client {client}"
        reading.lines.append((OWNED, ctx.as_of_text, subject, owner, "客户", client, end_text,
                              again))
        decided = ctx.decided((owner_rule, *reading.rules))
    else:
        subject = f"household {'+'.join(members)}"
        reading.lines.append((OWNED, ctx.as_of_text, subject, owner, "家庭", "+".join(members),
                              end_text, again))
        decided = ctx.decided(("CC-3", owner_rule, *reading.rules))
    set_aside = reading.set_aside
    set_aside.extend(reading.set_aside_later)
    set_aside.extend(_swept(ctx, members))
    outcome = construct(OwnershipOutcome, {
        "client": members[0] if by_household else client, "household": members,
        "owners": ctx.sole_owner(owner, owner_rule), "off_the_top": (), "company_client": False,
        "protected_until": protected_until, "lapsed": lapsed})
    return OwnershipDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership.client", "subject": subject,
        "as_of": ctx.as_of, "outcome": outcome, "decided_by": decided, "not_applied": (),
        "missing_facts": (), "basis": ctx.basis, "provisional": None, "escalation": None},
        write, (tuple(reading.used), tuple(set_aside), tuple(reading.lines)))


def plain_commission(ctx: Context, deal: Deal) -> CommissionDecision | None:
    """The split of ``deal`` when its one buyer is plain, the deal never changed and the
    company did not arrange it: all of it to the buyer's owner at the deal (`COM-SPLIT`,
    `COM-ROUND`). ``None``: the general path decides."""
    if (len(deal.buyers) > 1 or deal.arranged_by_company or deal.buyers[0] in ctx.idx.special
            or deal.id in ctx.idx.deal_changes):
        return None
    reading = _read(ctx, deal.buyers[0], deal.at.astimezone(UTC))
    if reading is None:
        return None
    owner, rule = reading.owner, reading.owner_rule
    amount = all_of(deal.commission)
    line = construct(CommissionLine, {"party": owner, "role": PartyRole.CONSULTANT,
                                      "share": ONE, "amount": amount, "rule": rule})
    reading.lines.append((SPLIT, deal.id, deal.at, ctx.tz, deal.commission,
                          ((owner, 1, 1, amount),)))  # split_parts((line,))
    lead = ("CC-3",) if len(reading.members) > 1 else ()
    decided = ctx.rule_ids(unique([*lead, rule, *reading.rules, "COM-SPLIT", "COM-ROUND",
                                   ctx.first_rule, ctx.cite("book")]))
    reading.set_aside.extend(reading.set_aside_later)
    outcome = construct(CommissionOutcome, {
        "deal": deal.id, "commission": deal.commission, "credited_to": reading.members,
        "lines": (line,)})
    return CommissionDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership.commission",
        "subject": f"deal {deal.id}",
        "as_of": ctx.as_of, "outcome": outcome, "decided_by": decided, "not_applied": (),
        "missing_facts": (), "basis": ctx.basis, "provisional": None, "escalation": None},
        write, ((("deal", deal.id, None, "COM-SPLIT", ""), *reading.used),
                tuple(reading.set_aside), tuple(reading.lines)))


def all_of(commission: Decimal) -> Decimal:
    """All of ``commission`` to the cent (`COM-ROUND`): ``from_cents(cents(commission))``,
    which is the amount itself when it has exactly two places and is not zero (the book's
    amounts mostly are: no exact fraction to work out)."""
    if commission > 0 and commission.as_tuple().exponent == -2:
        return commission
    return from_cents(cents(commission, "commission"))


def _swept(ctx: Context, members: tuple[str, ...]) -> list[Fact]:
    """The members' deals and their changes (settled by each deal's commission split), then
    the departures of the consultants who received them: the facts the general path's sweeps
    set aside after the reading, in their order, each once."""
    idx = ctx.idx
    out: list[Fact] = []
    for m in members:
        deals = idx.deals_by_buyer.get(m)
        if deals:
            out.extend(_deals_set_aside(ctx, deals))
    departed = idx.departed
    for m in members:
        deps = departed.get(m)
        if deps:
            out.extend(ctx.departure_aside(dep) for dep in deps)
    if len(out) < 2:
        return out
    seen: set[tuple[str, str]] = set()
    unique: list[Fact] = []
    for fact in out:
        if (fact[0], fact[1]) not in seen:
            seen.add((fact[0], fact[1]))
            unique.append(fact)
    return unique


def _deals_set_aside(ctx: Context, deals: list[Deal]) -> list[Fact]:
    """A client's deals and their changes: settled by each deal's commission split."""
    out: list[Fact] = []
    as_of = ctx.as_of
    changes = ctx.idx.deal_changes
    for d in deals:
        if d.at > as_of:
            out.append(("deal", d.id, _AFTER_AS_OF, None, ""))
        else:
            out.append(("deal", d.id, _NOT_APPLICABLE, "COM-SPLIT", _BY_THE_SPLIT))
        out.extend(("deal_change", c.id, _AFTER_AS_OF if c.at > as_of else _NOT_APPLICABLE,
                    None, _BY_THE_SPLIT) for c in changes.get(d.id, ()))
    return out
