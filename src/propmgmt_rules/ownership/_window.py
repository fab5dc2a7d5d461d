"""The registration book, the first reception and the registration window: the rules every
reading applies, written once.

* only registered receptions count (`CC-1`, `SD-7.1`): phone enquiries never (`CC-NOTE`,
  `SD-3.13`), unverified registrations not where the rulebook requires the project
  manager's verification (`SD-7.2`), nor anything later than ``as_of`` (:func:`counted`);
* the first registered reception owns (`CC-6`, `SD-7.3`; :func:`owns`);
* a return within the window of the previous registered visit keeps the owner (`CC-9.1`,
  `SD-4.1`; `CC-6` the same day): the owner's own visit (:func:`own_visit`), another
  consultant's (:func:`not_first`; `CC-5` an acquaintance), another household member's first
  visit (:func:`member_visit`, `CC-3`);
* after the window lapsed, the first registered reception owns anew (`CC-9.2`, `SD-7.1`;
  :func:`claim_ends` then :func:`owns`);
* a phone enquiry or an unverified registration that would have started the claim is told
  with the reception that won (:func:`tell_lost`).

The reading of a timeline (``_reading``) calls them for every reception, and the rules of
``_specific`` where a reception has more to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from ..decision import SetAsideReason
from ._context import Context
from ._index import PHONE, UNVERIFIED, Visit
from ._later import (
    FIRST,
    FIRST_AFTER_LAPSE,
    LAPSED,
    LOST,
    MEMBER_FIRST,
    RETURN_WITHIN,
    SAME_DAY,
)
from ._trace import ONE, Line, Reading, Trace, names

__all__ = [
    "MEMBER_NOT_FIRST",
    "MEMBER_WITH_OWNER",
    "claim_ends",
    "claim_starts",
    "claimed",
    "counted",
    "member_firsts",
    "member_visit",
    "not_first",
    "own_visit",
    "owns",
    "tell_lost",
]

_AFTER_AS_OF: Final = SetAsideReason.AFTER_AS_OF.value
_PHONE: Final = SetAsideReason.PHONE_ENQUIRY.value
_UNVERIFIED: Final = SetAsideReason.UNVERIFIED.value
_NOT_RELEVANT: Final = SetAsideReason.NOT_RELEVANT.value
_NOT_FIRST: Final = SetAsideReason.NOT_FIRST.value

MEMBER_WITH_OWNER: Final = "a household member's first visit, with the household's owner"
MEMBER_NOT_FIRST: Final = "the household's first reception owns the whole household"


def counted(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime,
            skipped: list[Visit]) -> list[Visit]:
    """The receptions of ``members`` that count, as :data:`~._index.Visit` atoms in
    (instant, id) order; the others set aside with their reason (later than ``as_of``; a
    phone enquiry, `CC-NOTE`/`SD-3.13`; unverified, `SD-7.2`; after ``cutoff``, the deal),
    the phone enquiries and unverified ones by ``cutoff`` also in ``skipped`` (they may have
    lost a claim: :func:`tell_lost`)."""
    timelines = ctx.idx.timelines
    as_of = ctx.as_of_utc
    ids = ctx.ids
    verify = ids.verify
    phone_rule = ids.phone or None
    facts = trace.facts
    out: list[Visit] = []
    for m in members:
        for visit in timelines.get(m, ()):
            at, rid, _, _, channel = visit
            if at > as_of:
                facts[rid] = ("reception", rid, _AFTER_AS_OF, None, "")
            elif channel == PHONE:
                facts[rid] = ("reception", rid, _PHONE, phone_rule, "")
                if at <= cutoff:
                    skipped.append(visit)
            elif verify and channel == UNVERIFIED:
                facts[rid] = ("reception", rid, _UNVERIFIED, "SD-7.2", "")
                if at <= cutoff:
                    skipped.append(visit)
            elif at > cutoff:
                facts[rid] = ("reception", rid, _NOT_RELEVANT, None,
                                             "after the deal")
            else:
                out.append(visit)
    if len(members) > 1:
        out.sort()  # (instant, id): ids are unique, the rest never compared
    return out


def member_firsts(ctx: Context, counted: Sequence[Visit]) -> dict[str, str]:
    """The first counted visit of each member of a household but the first one (`CC-3`): its
    reception id, and the member."""
    receptions = ctx.idx.receptions
    seen: set[str] = set()
    out: dict[str, str] = {}
    for visit in counted:
        client = receptions[visit[2]].client
        if client not in seen:
            if seen:
                out[visit[1]] = client
            seen.add(client)
    return out


def claim_ends(ctx: Context, trace: Trace, part: Reading, rid: str, at: datetime) -> str:
    """Reception ``rid`` (at ``at``, UTC) comes after the registration window of the visit
    the claim of ``part`` runs from: the claim lapsed (`CC-9.2`, `SD-7.1`). Says so, starts
    the claim of ``rid`` (:func:`claim_starts`, after the lapse) and returns the rule; who
    owns it is said next (:func:`owns`, or a specific rule)."""
    assert part.anchor is not None
    end = ctx.window(part.anchor, part.anchor_day)
    rule = ctx.ids.after
    trace.tell((LAPSED, *ctx.ids.window_text, part.anchor, end[2], end[3], rid, at, ctx.tz,
                rule))
    part.owners = None
    claim_starts(trace, part, rid, end[1])
    return rule


def claim_starts(trace: Trace, part: Reading, rid: str, since: datetime | None) -> None:
    """Reception ``rid`` starts a claim, after the lapse of the window at ``since`` (UTC) if
    any: the phone enquiries and unverified registrations it wins against are told before
    its first line (:func:`tell_lost`)."""
    part.claim_rid, part.claim_from, part.claim_line = rid, since, len(trace.lines)


def claimed(part: Reading, at: datetime, day: int) -> None:
    """The claim started by the reception at ``at`` (UTC; ``day`` its local date) is owned:
    its window runs from it."""
    part.claim_owners = part.owner_ids
    part.first_at = part.anchor = at
    part.start_day = part.anchor_day = day


def owns(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str, at: datetime,
         lapse_rule: str, rules: tuple[str, ...] | None = None, label: str = "",
         zh_label: str = "") -> None:
    """Reception ``rid`` by ``consultant`` (at ``at``) owns the client as the first
    registered reception (`CC-6`, `SD-7.3`; after a lapse, `CC-9.2`) by ``rules`` (the first
    its rule; ``label``, ``zh_label`` them written out; default: those of a plain first
    reception)."""
    if rules is None:
        rules, label, zh_label = ctx.ids.first_rules[bool(lapse_rule)]
    rule = rules[0]
    part.owners, part.owner_ids = [(consultant, ONE, rule)], (consultant,)
    trace.facts[rid] = ("reception", rid, None, rule or None,
                                       "first registered reception")
    trace.rules.extend(rules)
    trace.tell((FIRST_AFTER_LAPSE if lapse_rule else FIRST, rid, at, ctx.tz, consultant, label,
               zh_label))


def own_visit(ctx: Context, trace: Trace, rid: str, same_day: bool) -> None:
    """The owner receives their client again (`CC-6` the same day, `CC-9.1`/`SD-4.1`)."""
    trace.facts[rid] = ("reception", rid, None,
                                       ctx.ids.own[same_day] or None,
                                       "the owner's own reception")


def not_first(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
              at: datetime, same_day: bool, *, acquaintance: bool = False) -> None:
    """Another consultant receives the client (at ``at``) within the window: the earlier
    registration wins (`CC-6` the same day, `CC-9.1`/`SD-4.1`, `SD-7.3`; `CC-5` an
    acquaintance)."""
    assert part.owners is not None
    rules, label, zh_label = ctx.ids.not_first[same_day]
    note = ""
    if acquaintance and ctx.on("CC-5"):
        rules = ("CC-5", *rules)
        label, zh_label = ", ".join(rules), "、".join(rules)
        note = "an acquaintance gives no claim"
    trace.facts[rid] = ("reception", rid, _NOT_FIRST,
                                       rules[0] if rules else None, note)
    trace.rules.extend(rules)
    if same_day:
        trace.tell((SAME_DAY, rid, consultant, label, zh_label))
    else:
        owners = part.owners
        trace.tell((RETURN_WITHIN, rid, consultant, at, ctx.tz,
                    owners[0][0] if len(owners) == 1 else names(owners), label, zh_label))


def member_visit(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
                 at: datetime, member: str) -> None:
    """Another member's first visit within the household's window (`CC-3`): with the owner,
    used; with another consultant, set aside, the household staying with its owner."""
    assert part.owners is not None
    if consultant in part.owner_ids:
        trace.facts[rid] = ("reception", rid, None, "CC-3", MEMBER_WITH_OWNER)
        return
    trace.facts[rid] = ("reception", rid, _NOT_FIRST, "CC-3", MEMBER_NOT_FIRST)
    trace.rules.append("CC-3")
    trace.tell((MEMBER_FIRST, rid, consultant, at, ctx.tz, member, names(part.owners), "CC-3"))


def tell_lost(ctx: Context, trace: Trace, part: Reading, skipped: Sequence[Visit]) -> None:
    """The phone enquiries (`CC-NOTE`, `SD-3.13`) and unverified registrations (`SD-7.2`) of
    ``skipped`` that would have started the current claim of ``part``: by another consultant,
    before its first reception and after the lapse it followed; told before that reception's
    line, each naming it."""
    first_at = part.first_at
    if not skipped or part.stop is not None or first_at is None or not part.claim_rid:
        return
    if skipped[0][0] >= first_at and len(skipped) == 1:
        return  # a single one after the claim started lost nothing
    since, owners, claim_rid = part.claim_from, part.claim_owners, part.claim_rid
    phone_rule = ctx.ids.phone
    lost: list[Line] = []
    for at, rid, _, consultant, channel in skipped:
        if at < first_at and (since is None or at > since) and consultant not in owners:
            rule = phone_rule if channel == PHONE else "SD-7.2"
            if rule:
                lost.append((LOST, claim_rid, rid, consultant, at, ctx.tz, rule,
                             channel == PHONE))
    if lost:
        trace.insert(part.claim_line, lost)
        trace.rules.extend(line[6] for line in lost)

