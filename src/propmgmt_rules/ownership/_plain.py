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

from ..decision import SetAsideReason
from ._context import Context, construct
from ._index import PHONE, UNVERIFIED
from ._later import (
    FIRST,
    FIRST_AFTER_LAPSE,
    LAPSED,
    OWNED,
    RETURN_WITHIN,
    SAME_DAY,
    Fact,
    Line,
    write,
)
from .models import Deal, OwnershipDecision, OwnershipOutcome

__all__ = ["plain_decision"]

_AFTER_AS_OF = SetAsideReason.AFTER_AS_OF.value
_PHONE = SetAsideReason.PHONE_ENQUIRY.value
_UNVERIFIED = SetAsideReason.UNVERIFIED.value
_NOT_FIRST = SetAsideReason.NOT_FIRST.value
_NOT_APPLICABLE = SetAsideReason.NOT_APPLICABLE.value
_BY_THE_SPLIT = "settled by the deal's commission split"


def plain_decision(ctx: Context, client: str) -> OwnershipDecision | None:
    """Who owns plain ``client`` as of ``ctx.as_of``; ``None``: the general path decides."""
    as_of = ctx.as_of_utc
    tz = ctx.tz
    verify = ctx.verify
    own_rule = ctx.own_rule
    not_first = ctx.not_first
    follow_client = ctx.follow_client
    phone_rule = ctx.phone_rule or None
    set_aside_first: list[Fact] = []  # the receptions that do not count come first
    set_aside_later: list[Fact] = []
    facts_used: list[Fact] = []
    lines: list[Line] = []
    rules: list[str] = []
    owner = owner_rule = ""
    anchor = None
    start_day = anchor_day = 0
    for at, rid, _, consultant, channel in ctx.idx.timelines[client]:
        if at > as_of:
            set_aside_first.append(("reception", rid, _AFTER_AS_OF, None, ""))
            continue
        if channel == PHONE:
            set_aside_first.append(("reception", rid, _PHONE, phone_rule, ""))
            continue
        if verify and channel == UNVERIFIED:
            set_aside_first.append(("reception", rid, _UNVERIFIED, "SD-7.2", ""))
            continue
        day = at.astimezone(tz).toordinal()
        if anchor is not None:
            end = ctx.window(anchor, anchor_day)
            if at <= end[1]:
                if consultant == owner:  # the owner's own reception
                    facts_used.append(("reception", rid, None, own_rule[day == start_day] or None,
                                       "the owner's own reception"))
                    anchor, anchor_day = at, day
                    continue
                same_day = day == start_day  # another consultant: the earlier one wins
                nf_rules, label, zh_label = not_first[same_day]
                set_aside_later.append(("reception", rid, _NOT_FIRST,
                                        nf_rules[0] if nf_rules else None, ""))
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
        owner, owner_rule = consultant, first_rules[0]
        facts_used.append(("reception", rid, None, owner_rule, "first registered reception"))
        rules.extend(first_rules)
        lines.append((sentence, rid, at, tz, owner, label, zh_label))
        anchor, start_day, anchor_day = at, day, day
    if anchor is None:
        return None  # nobody owns the client: the general path says why
    left = ctx.idx.left_at.get(owner)
    if left is not None and left <= as_of:
        return None  # the owner left: the general path hands the client over
    protected_until, end_utc, end_text = ctx.window(anchor, anchor_day)
    lapsed = as_of > end_utc
    subject = f"client {client}"
    lines.append((OWNED, ctx.as_of_text, subject, owner, "客户", client, end_text,
                  ctx.after_rule if lapsed else None))
    deals = ctx.idx.deals_by_buyer.get(client)
    if deals:
        set_aside_later.extend(_deals_set_aside(ctx, deals))
    for dep in ctx.idx.departed.get(client, ()):
        set_aside_later.append(ctx.departure_aside(dep))
    set_aside_first.extend(set_aside_later)
    outcome = construct(OwnershipOutcome, {
        "client": client, "household": (client,), "owners": ctx.sole_owner(owner, owner_rule),
        "off_the_top": (), "company_client": False, "protected_until": protected_until,
        "lapsed": lapsed})
    return OwnershipDecision.later({
        "format": "propmgmt.decision.v1", "kind": "ownership", "subject": subject,
        "as_of": ctx.as_of, "outcome": outcome, "decided_by": ctx.decided((owner_rule, *rules)),
        "not_applied": (), "missing_facts": (), "basis": ctx.basis, "provisional": None,
        "escalation": None}, write, (tuple(facts_used), tuple(set_aside_first), tuple(lines)))


def _deals_set_aside(ctx: Context, deals: list[Deal]) -> list[Fact]:
    """The client's deals and their changes: settled by each deal's commission split (as the
    general path's sweep sets them aside)."""
    out: list[Fact] = []
    seen: set[str] = set()
    as_of = ctx.as_of
    changes = ctx.idx.deal_changes
    for d in deals:
        if d.at > as_of:
            out.append(("deal", d.id, _AFTER_AS_OF, None, ""))
        else:
            out.append(("deal", d.id, _NOT_APPLICABLE, "COM-SPLIT", _BY_THE_SPLIT))
        for c in changes.get(d.id, ()):
            if c.id not in seen:
                seen.add(c.id)
                out.append(("deal_change", c.id, _AFTER_AS_OF if c.at > as_of
                            else _NOT_APPLICABLE, None, _BY_THE_SPLIT))
    return out
