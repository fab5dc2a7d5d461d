"""The decision of a plain client or household, in one pass: most clients of a real book.

A plain client is named by no fact but their own receptions, none of which has a context,
their relations and their deals (not in ``BookIndex.special``): no referral, request or
recognition; their deals are settled by the deals' commission splits. Their decision follows
from four rules: the first registered reception owns (`CC-6`, `SD-7.3`), a return within the
window keeps the owner (`CC-9.1`, `SD-4.1`; `CC-6` the same day), the first reception after
the window lapsed owns anew (`CC-9.2`, `SD-7.1`), and phone enquiries (`CC-NOTE`, `SD-3.13`),
unverified registrations (`SD-7.2`) and later facts are set aside.

A household of plain members is read as the rulebook's household rule says:

* `CC-3`: the members' receptions merged into one timeline, read as a client's;
* `SD-7.4`: each member's timeline read on its own (as the general path's
  ``_household._read_members``: the facts member by member, the lines merged in the order of
  the receptions they are about), then ``_household.spouses_share`` (the same function as the
  general path's) says which of the members who own a claim share the household: the first,
  and those received before its first deal and before their relation was known; the others
  are told so. One consultant for all of them owns it alone; several share it equally.

:func:`plain_decision` builds the same decision as the general path (``_household``,
``_timeline``, ``_decisions``) with the same rules worked out once per question (``Context``)
and the same sentences (``_later``, ``_household``), in one loop instead of a chain of calls.
An owner who left hands over to their successor by the general path's own function
(``_household.departures``). When the case needs more (nobody owns the client or household
yet, or an owner left with no successor) it returns ``None`` and the general path decides.
``tests/ownership/test_plain_path.py`` checks on generated books that both paths give equal
decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter, itemgetter

from ..decision import SetAsideReason
from ..money import allocate, in_cents
from ._context import (
    MEMBER_NOT_FIRST,
    MEMBER_WITH_OWNER,
    ONE,
    Context,
    Owner,
    Reading,
    Trace,
    lost_lines,
    member_firsts,
    merge,
    names,
    unique,
)
from ._household import (
    departures,
    household_kinds,
    joint_line,
    late_aside,
    members_of,
    spouses_share,
    trace_relations,
)
from ._index import PHONE, UNVERIFIED, Visit
from ._later import (
    FIRST,
    FIRST_AFTER_LAPSE,
    HOUSEHOLD,
    LAPSED,
    MEMBER_FIRST,
    OWNED,
    RETURN_WITHIN,
    SAME_DAY,
    SPLIT,
    ClientAtoms,
    DealAtoms,
    Fact,
    Line,
    LineAtoms,
    ShareAtoms,
    write,
)
from .models import (
    CommissionDecision,
    Deal,
    OwnershipDecision,
    PartyRole,
)
from .policy import HouseholdRule

__all__ = ["plain_commission", "plain_decision"]

_AFTER_AS_OF = SetAsideReason.AFTER_AS_OF.value
_CONSULTANT = PartyRole.CONSULTANT.value
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
    aside while reading), its lines and rules, and the claim it ends with: a sole owner, or
    the owners who share it (`SD-7.4`)."""

    members: tuple[str, ...]
    used: list[Fact]
    set_aside: list[Fact]
    set_aside_later: list[Fact] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    owner: str = ""
    owner_rule: str = ""
    first_at: datetime | None = None
    """The reception the claim started with."""
    anchor: datetime | None = None
    anchor_day: int = 0
    lead: tuple[str, ...] = ()
    """The household's rule ahead of the owner's (`CC-3`, `SD-7.4` when spouses share)."""
    joint: list[Owner] | None = None
    """The owners who share the household and their shares (`SD-7.4`); ``None``: the sole
    owner ``owner``."""
    handed_over: list[str] = field(default_factory=list)
    """The departures (their fact ids) of owners whose successors took over: used, so not
    set aside."""


def _read(ctx: Context, client: str, cutoff: datetime) -> _Reading | None:
    """The reading of ``client``'s household up to ``cutoff`` (UTC) and ``ctx.as_of``, if it
    is plain (``None``: the general path reads it); the household's reading when its first
    reception owns it (`CC-3`) or its spouses share it (`SD-7.4`), the client's alone
    otherwise."""
    idx = ctx.idx
    if client not in idx.relations:  # most clients: alone, no relation to trace
        members: tuple[str, ...] = (client,)
        reading = _Reading(members, [], [])
    else:
        members = members_of(ctx, None, client)
        if len(members) > 1 and any(m in idx.special for m in members):
            return None  # more than plain receptions
        household = Trace()  # the relations, used or set aside
        if ctx.rb.household is HouseholdRule.NONE:
            members_of(ctx, household, client)
        else:
            trace_relations(ctx, household, members)  # as members_of(ctx, household, client)
        reading = _Reading(members, [], [])
        for fact in household.facts.values():
            (reading.used if fact[2] is None else reading.set_aside).append(fact)
        if len(members) > 1 and ctx.rb.household is not HouseholdRule.FIRST_RECEPTION:
            return _spouses(ctx, reading, cutoff)
    skipped: list[Visit] = []
    counted = _counted(ctx, members, cutoff, reading.set_aside, skipped)
    _claim(ctx, reading, counted, skipped,
           member_firsts(ctx.idx.receptions, counted) if len(members) > 1 else None)
    if reading.anchor is None:
        return None  # nobody owns the client: the general path says why
    if len(members) > 1:
        reading.lead = ("CC-3",)
        reading.lines.append((HOUSEHOLD, members, household_kinds(ctx, members)))
    left = idx.left_at.get(reading.owner)
    if left is not None and left <= cutoff and not _hand_over(ctx, reading, cutoff):
        return None  # the owner left and nobody took over: the general path escalates
    return reading


def _counted(ctx: Context, members: tuple[str, ...], cutoff: datetime, aside: list[Fact],
             skipped: list[Visit]) -> list[Visit]:
    """The members' receptions that count, in (instant, id) order; the others set aside in
    ``aside`` (later than ``as_of``, phone `CC-NOTE`/`SD-3.13`, unverified `SD-7.2`, after
    ``cutoff``), the phone enquiries and unverified ones by ``cutoff`` also in ``skipped``
    (they may have lost a claim: :func:`lost_lines`)."""
    idx = ctx.idx
    as_of = ctx.as_of_utc
    verify = ctx.verify
    phone_rule = ctx.phone_rule or None
    counted: list[Visit] = []
    for m in members:
        for visit in idx.timelines[m]:
            at, rid, _, _, channel = visit
            if at > as_of:
                aside.append(("reception", rid, _AFTER_AS_OF, None, ""))
            elif channel == PHONE:
                aside.append(("reception", rid, _PHONE, phone_rule, ""))
                if at <= cutoff:
                    skipped.append(visit)
            elif verify and channel == UNVERIFIED:
                aside.append(("reception", rid, _UNVERIFIED, "SD-7.2", ""))
                if at <= cutoff:
                    skipped.append(visit)
            elif at > cutoff:
                aside.append(("reception", rid, _NOT_RELEVANT, None, "after the deal"))
            else:
                counted.append(visit)
    if len(members) > 1:
        counted.sort()  # (instant, id): ids are unique, the rest never compared
    return counted


def _claim(ctx: Context, reading: _Reading, counted: list[Visit], skipped: list[Visit],
           firsts: dict[str, str] | None) -> None:
    """Read the ``counted`` receptions into ``reading``: the first registered reception owns
    (`CC-6`, `SD-7.3`), a return within the window keeps the owner (`CC-9.1`, `SD-4.1`), the
    first reception after a lapse owns anew (`CC-9.2`, `SD-7.1`); under `CC-3`, ``firsts``:
    the first visits of the household's other members (:func:`member_firsts`), within the
    window the household's owner keeps them. ``reading.anchor`` stays ``None`` if nobody
    owns. The phone enquiries and unverified registrations of ``skipped`` that lost the claim
    to its first reception are told (:func:`lost_lines`)."""
    tz = ctx.tz
    own_rule = ctx.own_rule
    not_first = ctx.not_first
    follow_client = ctx.follow_client
    used, later, lines, rules = reading.used, reading.set_aside_later, reading.lines, reading.rules
    owner = owner_rule = claim_rid = ""
    anchor = first_at = claim_from = None
    start_day = anchor_day = claim_line = 0
    for at, rid, _, consultant, _ in counted:
        day = at.astimezone(tz).toordinal()
        if anchor is not None:
            end = ctx.window(anchor, anchor_day)
            if at <= end[1]:
                if firsts and rid in firsts:  # another member's first visit (CC-3)
                    if consultant == owner:
                        used.append(("reception", rid, None, "CC-3", MEMBER_WITH_OWNER))
                    else:
                        later.append(("reception", rid, _NOT_FIRST, "CC-3", MEMBER_NOT_FIRST))
                        rules.append("CC-3")
                        lines.append((MEMBER_FIRST, rid, consultant, at, tz, firsts[rid], owner,
                                      "CC-3"))
                    if follow_client or consultant == owner:
                        anchor, anchor_day = at, day
                    continue
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
            lines.append((LAPSED, *ctx.window_text, anchor, end[0], rid, at, tz, lapse_rule))
            first_rules, label, zh_label = ctx.first_rules[bool(lapse_rule)]
            sentence = FIRST_AFTER_LAPSE if lapse_rule else FIRST
            claim_from = end[1]
        else:
            first_rules, label, zh_label = ctx.first_rules[False]
            sentence = FIRST
        owner, owner_rule, claim_rid = consultant, first_rules[0], rid
        used.append(("reception", rid, None, owner_rule, "first registered reception"))
        rules.extend(first_rules)
        claim_line = len(lines)
        lines.append((sentence, rid, at, tz, owner, label, zh_label))
        anchor, first_at, start_day, anchor_day = at, at, day, day
    reading.owner, reading.owner_rule, reading.first_at = owner, owner_rule, first_at
    reading.anchor, reading.anchor_day = anchor, anchor_day
    if skipped and first_at is not None and (skipped[0][0] < first_at or len(skipped) > 1):
        # (a single one after the claim started lost nothing: no call for it)
        lost = lost_lines(ctx, skipped, claim_rid, claim_from, first_at, (owner,))
        if lost:
            lines[claim_line:claim_line] = lost
            rules.extend(line[6] for line in lost)


def _spouses(ctx: Context, reading: _Reading, cutoff: datetime) -> _Reading | None:
    """The reading of a household of plain members that `SD-7.4` owns: each member read on
    their own (facts in member order, lines in the order of the receptions they are about),
    then the members who own a claim share the household if they were received before its
    first deal and before their relation was known (``_household.spouses_share``)."""
    members = reading.members
    owned: list[tuple[datetime, str, _Reading]] = []
    keyed: list[tuple[tuple[datetime, str], Line]] = []
    instants: dict[str, datetime] = {}
    for m in members:
        part = _Reading((m,), reading.used, reading.set_aside)
        skipped: list[Visit] = []
        counted = _counted(ctx, part.members, cutoff, reading.set_aside, skipped)
        _claim(ctx, part, counted, skipped, None)
        reading.set_aside.extend(part.set_aside_later)
        reading.rules.extend(part.rules)
        instants.update((rid, at) for at, rid, _, _, _ in counted)
        for line in part.lines:
            rid = _about(line)
            keyed.append(((instants[rid], rid), line))
        if part.first_at is not None:
            owned.append((part.first_at, m, part))
    if not owned:
        return None  # nobody owns the household: the general path says why
    keyed.sort(key=itemgetter(0))  # stable: a lapse and the reception after it keep their order
    reading.lines.extend(line for _, line in keyed)
    owned.sort(key=itemgetter(0, 1))
    joint, late = spouses_share(ctx, members, owned)
    if late:
        for _, line in late:
            reading.lines.append(line)
            reading.rules.extend(("SD-7.4", ctx.first_rule))
        facts: dict[str, Fact] = {f"reception:{f[1]}": f for f in reading.used
                                  if f[0] == "reception"}
        late_aside(facts, [m for (_, m, _), _ in late], ctx.idx.timelines)
        moved = [f for f in facts.values() if f[2] is not None]
        gone = {f[1] for f in moved}
        reading.used[:] = [f for f in reading.used
                           if not (f[0] == "reception" and f"reception:{f[1]}" in gone)]
        reading.set_aside.extend(moved)
    last = max((p for _, _, p in owned), key=attrgetter("anchor"))
    reading.anchor, reading.anchor_day = last.anchor, last.anchor_day
    first = joint[0][2]
    if all(p.owner == first.owner for _, _, p in joint):
        reading.owner, reading.owner_rule = first.owner, first.owner_rule
        consultants = [first.owner]
    else:
        share = ONE / len(joint)
        reading.joint = merge((p.owner, share, "SD-7.4") for _, _, p in joint)
        reading.lead = ("SD-7.4",)
        reading.lines.append(joint_line([m for _, m, _ in joint], reading.joint,
                                        household_kinds(ctx, members)))
        consultants = [c for c, _, _ in reading.joint]
    left_at = ctx.idx.left_at
    for c in consultants:
        left = left_at.get(c)
        if left is not None and left <= cutoff:
            if not _hand_over(ctx, reading, cutoff):
                return None  # an owner left and nobody took over: the general path escalates
            break
    return reading


def _hand_over(ctx: Context, reading: _Reading, cutoff: datetime) -> bool:
    """Owners of ``reading`` who left by ``cutoff``: their successors take over, by the general
    path's own ``_household.departures`` (its facts and sentences follow the reading's);
    ``False``: one of them left with no successor (an escalation, for the general path)."""
    owners = reading.joint or [(reading.owner, ONE, reading.owner_rule)]
    part = Reading(owners=list(owners))
    trace = Trace()
    departures(ctx, trace, part, reading.members, cutoff)
    if part.stop is not None or not part.owners:
        return False
    reading.used.extend(trace.facts.values())
    reading.handed_over.extend(trace.facts)
    reading.lines.extend(trace.lines)
    if len(part.owners) == 1:  # one consultant: a sole owner (its share is the whole)
        reading.owner, _, reading.owner_rule = part.owners[0]
        reading.joint = None
    else:
        reading.joint = part.owners
    return True


def _about(line: Line) -> str:
    """The reception a line of ``_claim`` is about: each of its sentences names it (a lapse
    fifth, the others first)."""
    return str(line[5] if line[0] == LAPSED else line[1])


def plain_decision(ctx: Context, client: str, *, by_household: bool = False
                   ) -> tuple[OwnershipDecision, tuple[str, ...]] | None:
    """Who owns plain ``client`` (and its household, `CC-3`) as of ``ctx.as_of``, and the
    household decided (given apart: the decision builds its outcome when first read); the
    outcome names ``client``, or the household's first member if ``by_household``. ``None``:
    the general path decides."""
    reading = _read(ctx, client, ctx.as_of_utc)
    if reading is None:
        return None
    members, joint = reading.members, reading.joint
    assert reading.anchor is not None
    protected_until, end_utc = ctx.window(reading.anchor, reading.anchor_day)
    lapsed = ctx.as_of_utc > end_utc
    again = ctx.after_rule if lapsed else None
    owners: ShareAtoms
    owner_rules: tuple[str, ...]
    if joint is None:
        owners = ctx.sole_owner(reading.owner, reading.owner_rule)
        who, owner_rules = reading.owner, (reading.owner_rule,)
    else:
        owners = ctx.owner_atoms(joint)
        who, owner_rules = names(joint), tuple(rule for _, _, rule in joint)
    if len(members) == 1:
        subject = f"client {client}"
        reading.lines.append((OWNED, ctx.as_of, ctx.tz, subject, who, "客户", client,
                              protected_until, again))
    else:
        subject = f"household {'+'.join(members)}"
        reading.lines.append((OWNED, ctx.as_of, ctx.tz, subject, who, "家庭", "+".join(members),
                              protected_until, again))
    decided = ctx.decided((*reading.lead, *owner_rules, *reading.rules))
    set_aside = reading.set_aside
    set_aside.extend(reading.set_aside_later)
    set_aside.extend(_swept(ctx, members, reading.handed_over))
    outcome: ClientAtoms = (members[0] if by_household else client, members, owners, (),
                            False, protected_until, lapsed)
    return OwnershipDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership.client", "subject": subject,
        "as_of": ctx.as_of, "decided_by": decided, "not_applied": (),
        "missing_facts": (), "basis": ctx.basis, "provisional": None, "escalation": None},
        write, (*reading.used, *set_aside), tuple(reading.lines), ctx.read_client,
        outcome), members


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
    joint = reading.joint
    if joint is None:  # all of it to the owner
        rule = reading.owner_rule
        amount = in_cents(deal.commission, "commission")
        lines: LineAtoms = (reading.owner, _CONSULTANT, 1, 1, amount, rule)
        owner_rules: tuple[str, ...] = (rule,)
    else:  # the spouses' owners by their shares (SD-7.4)
        amounts = allocate(deal.commission, [share for _, share, _ in joint])
        lines = tuple(x for (c, share, rule), amount in zip(joint, amounts, strict=True)
                      for x in (c, _CONSULTANT, share.numerator, share.denominator, amount, rule))
        owner_rules = tuple(rule for _, _, rule in joint)
    reading.lines.append((SPLIT, deal.id, deal.at, ctx.tz, deal.commission, *lines))
    decided = ctx.rule_ids(unique([*reading.lead, *owner_rules, *reading.rules, "COM-SPLIT",
                                   "COM-ROUND", ctx.first_rule, ctx.cite("book")]))
    reading.set_aside.extend(reading.set_aside_later)
    outcome: DealAtoms = (deal.id, deal.commission, reading.members, lines)
    return CommissionDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership.commission",
        "subject": f"deal {deal.id}",
        "as_of": ctx.as_of, "decided_by": decided, "not_applied": (),
        "missing_facts": (), "basis": ctx.basis, "provisional": None, "escalation": None},
        write, (("deal", deal.id, None, "COM-SPLIT", ""), *reading.used, *reading.set_aside),
        tuple(reading.lines), ctx.read_deal, outcome)


def _swept(ctx: Context, members: tuple[str, ...], used: list[str]) -> list[Fact]:
    """The renames of deals to the members and the members' deals and their changes (settled
    by each deal's commission split), then the departures of the consultants who received
    them: the facts the general path's sweeps set aside after the reading, in their order,
    each once (but the departures ``used``: their fact ids)."""
    idx = ctx.idx
    out: list[Fact] = []
    renamed = ctx.renamed
    for m in members:
        if m in renamed:
            out.extend(("deal_change", c.id, _AFTER_AS_OF if c.at > ctx.as_of
                        else _NOT_APPLICABLE, None, _BY_THE_SPLIT)
                       for c in idx.renamed_to.get(m))
        deals = idx.deals_by_buyer.get(m)
        if deals:
            out.extend(_deals_set_aside(ctx, deals))
    departed = idx.departed
    for m in members:
        deps = departed.get(m)
        if deps:
            out.extend(ctx.departure_aside(dep) for dep in deps
                       if not used or f"departure:{dep.id}" not in used)
    if len(out) < 2:
        return out
    seen: set[tuple[str, str]] = set()
    unique: list[Fact] = []
    for fact in out:
        if (fact[0], fact[1]) not in seen:
            seen.add((fact[0], fact[1]))
            unique.append(fact)
    return unique


def _deals_set_aside(ctx: Context, deals: Sequence[Deal]) -> list[Fact]:
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
