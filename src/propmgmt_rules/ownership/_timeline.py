"""Reading one timeline: the receptions and change requests of a client (or of a household
merged by `CC-3`), in order, up to a cutoff (the as-of instant, or a deal's instant).

:func:`read_timeline` is the general reading. :func:`read_plain` is the same reading for a
client whose timeline is plain receptions (no context, no change request, referral,
introduction or recognition; relations and deals do not change a reading): most clients of a
real book. It asks none of the questions that cannot apply and calls the same rule functions, so
its decisions are the general reading's (``tests/ownership/test_plain_reading.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from fractions import Fraction
from typing import Final

from ..decision import MissingFact, SetAsideReason, Text
from . import _household
from ._context import (
    MEMBER_NOT_FIRST,
    MEMBER_WITH_OWNER,
    ONE,
    Context,
    OffTop,
    Owner,
    Reading,
    Stop,
    Trace,
    fact_id,
    lost_lines,
    member_firsts,
    merge,
    names,
    set_aside,
    unique,
    used,
)
from ._index import PHONE, UNVERIFIED, Visit
from ._later import FIRST, FIRST_AFTER_LAPSE, LAPSED, MEMBER_FIRST, RETURN_WITHIN, SAME_DAY
from ._referrals import off_top, off_top_conflict
from .models import (
    POOL,
    ChangeKind,
    ChangeRequest,
    Channel,
    Fault,
    Introduction,
    PartyRole,
    Reception,
)
from .policy import WindowAnchor

__all__ = ["read_plain", "read_timeline"]


_AFTER_AS_OF: Final = SetAsideReason.AFTER_AS_OF.value
_PHONE: Final = SetAsideReason.PHONE_ENQUIRY.value
_UNVERIFIED: Final = SetAsideReason.UNVERIFIED.value
_NOT_RELEVANT: Final = SetAsideReason.NOT_RELEVANT.value


def _counted(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime,
             skipped: list[Visit]) -> list[Visit]:
    """The receptions that count, as :data:`Visit` atoms in (instant, id) order; the others
    set aside with their reason (`CC-NOTE`/`SD-3.13` phone, `SD-7.2` unverified, later), the
    phone enquiries and unverified ones by ``cutoff`` also in ``skipped`` (as ``_plain``)."""
    idx = ctx.idx
    as_of = ctx.as_of_utc
    verify = ctx.verify
    phone_rule = ctx.phone_rule or None
    facts = trace.facts
    out: list[Visit] = []
    for m in members:
        for visit in idx.timelines.get(m, ()):
            at, rid, _, _, channel = visit
            if at > as_of:
                reason, rule, note = _AFTER_AS_OF, None, ""
            elif channel == PHONE:
                reason, rule, note = _PHONE, phone_rule, ""
                if at <= cutoff:
                    skipped.append(visit)
            elif verify and channel == UNVERIFIED:
                reason, rule, note = _UNVERIFIED, "SD-7.2", ""
                if at <= cutoff:
                    skipped.append(visit)
            elif at > cutoff:
                reason, rule, note = _NOT_RELEVANT, None, "after the deal"
            else:
                out.append(visit)
                continue
            f = f"reception:{rid}"
            facts[f] = ("", f, reason, rule, note)  # as trace.aside
    if len(members) > 1:
        out.sort()  # (instant, id): ids are unique, the rest never compared
    return out


class _Claim:
    """Where the current claim of a reading started (for :func:`_tell_lost`): its first
    reception, the end of the window that lapsed before it (UTC, or ``None``), the index of
    its first line in the trace, and its owners then."""

    __slots__ = ("line", "owners", "rid", "since")

    def __init__(self) -> None:
        self.rid = ""
        self.since: datetime | None = None
        self.line = 0
        self.owners: Sequence[Owner] = ()

    def start(self, rid: str, since: datetime | None, line: int) -> None:
        self.rid, self.since, self.line = rid, since, line


def _tell_lost(ctx: Context, trace: Trace, part: Reading, claim: _Claim,
               skipped: Sequence[Visit]) -> None:
    """The phone enquiries and unverified registrations that lost the current claim to its
    first reception, told before that reception's line (``_plain.lost_lines``)."""
    if not skipped or part.stop is not None or part.first_at is None or not claim.rid:
        return
    lost = lost_lines(ctx, skipped, claim.rid, claim.since, part.first_at,
                      [o[0] for o in claim.owners])
    if not lost:
        return
    trace.lines[claim.line:claim.line] = lost
    if trace.keys is not None:
        key = trace.keys[claim.line]
        trace.keys[claim.line:claim.line] = [key] * len(lost)
    trace.rules.extend(line[6] for line in lost)


def read_plain(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime
               ) -> Reading:
    """The reading of a timeline of plain receptions (no member in ``BookIndex.special``):
    the first registered reception owns (`CC-6`, `SD-7.3`), returns within the window keep
    the owner (`CC-9.1`, `SD-4.1`), the first reception after a lapse owns anew (`CC-9.2`,
    `SD-7.1`); another member's first visit stays with the household (`CC-3`)."""
    part = Reading()
    tz = ctx.tz
    follow_client = ctx.follow_client
    keyed = trace.keys is not None
    owner = ""
    start_day = anchor_day = 0
    skipped: list[Visit] = []
    counted = _counted(ctx, trace, members, cutoff, skipped)
    firsts = member_firsts(ctx.idx.receptions, counted) if len(members) > 1 else None
    claim = _Claim()
    for at, rid, _, consultant, _ in counted:
        if keyed:
            trace.reading(at, rid)
        day = at.astimezone(tz).toordinal()
        since = None
        if part.anchor is not None:
            end = ctx.window(part.anchor, anchor_day)
            if at <= end[1]:
                if firsts and rid in firsts:
                    _member_visit(ctx, trace, part, rid, consultant, at, firsts[rid])
                    if follow_client or consultant == owner:
                        part.anchor, anchor_day = at, day
                elif consultant == owner:
                    _own_visit(ctx, trace, rid, day == start_day)
                    part.anchor, anchor_day = at, day
                else:
                    _not_first(ctx, trace, part, rid, consultant, at, day == start_day)
                    if follow_client:
                        part.anchor, anchor_day = at, day
                continue
            lapse_rule = _lapsed(ctx, trace, part.anchor, end[0], rid, at)
            since = end[1]
        else:
            lapse_rule = ""
        rules, label, zh_label = ctx.first_rules[bool(lapse_rule)]
        claim.start(rid, since, len(trace.lines))
        _owns(ctx, trace, part, rid, consultant, at, lapse_rule, rules, label, zh_label)
        owner = consultant
        claim.owners = part.owners or ()
        part.first_at = part.anchor = at
        start_day = anchor_day = day
    _tell_lost(ctx, trace, part, claim, skipped)
    return part


def read_timeline(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime
                  ) -> Reading:
    """Read the timeline of ``members`` (merged) up to ``cutoff`` (UTC) and ``ctx.as_of``."""
    part = Reading()
    skipped: list[Visit] = []
    counted = _counted(ctx, trace, members, cutoff, skipped)
    receptions = ctx.idx.receptions
    recs = [receptions[v[2]] for v in counted]
    firsts = member_firsts(receptions, counted) if len(members) > 1 else None
    events: list[tuple[datetime, int, str, Reception | ChangeRequest]] = [
        (v[0], 0, v[1], r) for v, r in zip(counted, recs, strict=True)]
    crs = False
    for m in members:
        for cr in ctx.idx.change_requests.get(m, ()):
            f = fact_id("change_request", cr.id)
            if cr.at > ctx.as_of:
                trace.aside(f, SetAsideReason.AFTER_AS_OF, None)
            elif cr.at > cutoff:
                trace.aside(f, SetAsideReason.NOT_RELEVANT, None, "after the deal")
            else:
                events.append((ctx.utc(cr.at), 1, cr.id, cr))
                crs = True
    if crs:
        events.sort()  # (instant, receptions first, id): records never compared
    off_top(ctx, trace, part, members, recs)
    start: Reception | None = None
    start_day = 0
    assigned: set[str] = set()  # receptions consumed as a manager's assignment
    claim = _Claim()
    for at, _, _, ev in events:
        trace.reading(at, ev.id)
        if isinstance(ev, ChangeRequest):
            _change(ctx, trace, part, ev, start, recs, assigned)
            if part.stop is not None:
                return _settled(part)
            continue
        r = ev
        day = at.astimezone(ctx.tz).toordinal()
        if part.owners is None or part.anchor is None:
            claim.start(r.id, None, len(trace.lines))
            _first(ctx, trace, part, r, members, fresh=False)
            if part.stop is not None:
                return _settled(part)
            claim.owners = part.owners or ()
            start, start_day = r, day
            part.first_at = part.anchor = at
            continue
        end = ctx.window(part.anchor)
        if at > end[1]:
            lapse_rule = _lapsed(ctx, trace, part.anchor, end[0], r.id, at)
            part.owners = None
            claim.start(r.id, end[1], len(trace.lines))
            _first(ctx, trace, part, r, members, fresh=True, lapse_rule=lapse_rule)
            if part.stop is not None:
                return _settled(part)
            claim.owners = part.owners or ()
            start, start_day = r, day
            part.first_at = part.anchor = at
            continue
        owner_ids = {o[0] for o in part.owners}
        c = r.consultant
        x = r.context
        own_visit = False
        same_day = day == start_day
        if firsts and r.id in firsts:
            _member_first(ctx, trace, part, r, firsts[r.id], members)
            if part.stop is not None:
                return _settled(part)
            own_visit = c in owner_ids
        elif c in owner_ids:
            _own_visit(ctx, trace, r.id, same_day)
            own_visit = True
        elif x is not None and x.on_duty_for in owner_ids:
            rule = "SD-4.2" if ctx.on("SD-4.2") else ctx.cite("return_within")
            trace.use(fact_id("reception", r.id), rule,
                      f"duty reception on behalf of {x.on_duty_for}")
            trace.say(f"{r.id}: {c} received on duty for the owner {x.on_duty_for}; the "
                      f"client stays with {x.on_duty_for} ({rule}).",
                      f"{r.id}:{c}代{x.on_duty_for}义务接待,客户仍归{x.on_duty_for}({rule})。")
            trace.decided(rule)
            own_visit = True
        elif x is not None and x.asked_for in owner_ids:
            rule = "SD-3.6" if ctx.on("SD-3.6") else ctx.cite("return_within")
            trace.aside(fact_id("reception", r.id), SetAsideReason.SUPERSEDED, rule,
                        f"the client named {x.asked_for}, who received before")
            trace.decided(rule)
        elif x is not None and x.asked_for is not None and ctx.on("SD-5.3"):
            trace.aside(fact_id("reception", r.id), SetAsideReason.NOT_SUPPORTED, "SD-5.3",
                        f"a returning client naming {x.asked_for} is not supported")
            trace.say(f"{r.id}: the returning client named {x.asked_for}; not supported, the "
                      f"client stays with {names(part.owners)} (SD-5.3).",
                      f"{r.id}:老客户指定{x.asked_for}接待,不予支持,客户仍归"
                      f"{names(part.owners)}(SD-5.3)。")
            trace.decided("SD-5.3")
        elif x is not None and x.forgot_consultant and ctx.on("SD-3.7"):
            _recognition(ctx, trace, part, r, members)
            if part.stop is not None:
                return _settled(part)
            part.anchor = at
            continue
        elif part.since is not None:
            _after_change(ctx, trace, part, r.id, c, at)
        else:
            _not_first(ctx, trace, part, r.id, c, at, same_day,
                       acquaintance=x is not None and x.acquaintance)
        if own_visit or ctx.rb.window_anchor is WindowAnchor.CLIENT_LAST_VISIT:
            part.anchor = at
    _tell_lost(ctx, trace, part, claim, skipped)
    return _settled(part)


def _settled(part: Reading) -> Reading:
    """The reading, its escalation naming every pair of rules paid off the top that cannot
    both hold (:func:`._referrals.off_top_conflict`)."""
    if part.off_top or part.company_client is not None:
        off_top_conflict(part)
    return part


# -- the sentences of a reading (shared by both readings) ----------------------------------------


def _lapsed(ctx: Context, trace: Trace, anchor: datetime, end: datetime, rid: str,
            at: datetime) -> str:
    """Reception ``rid`` (at ``at``) comes after the window of the visit at ``anchor`` ended
    (at ``end``): says so and returns the rule (`CC-9.2`, `SD-7.1`)."""
    rule = ctx.after_rule
    trace.tell(LAPSED, *ctx.window_text, anchor, end, rid, at, ctx.tz, rule)
    return rule


def _own_visit(ctx: Context, trace: Trace, rid: str, same_day: bool) -> None:
    """The owner receives their client again (`CC-6` the same day, `CC-9.1`/`SD-4.1`)."""
    f = f"reception:{rid}"
    trace.facts[f] = used(f, ctx.own_rule[same_day], "the owner's own reception")


def _not_first(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
               at: datetime, same_day: bool, *, acquaintance: bool = False) -> None:
    """Another consultant receives the client (at ``at``) within the window: the earlier
    registration wins (`CC-6` the same day, `CC-9.1`/`SD-4.1`, `SD-7.3`; `CC-5` an
    acquaintance)."""
    assert part.owners is not None
    rules, label, zh_label = ctx.not_first[same_day]
    note = ""
    if acquaintance and ctx.on("CC-5"):
        rules = ("CC-5", *rules)
        label, zh_label = ", ".join(rules), "、".join(rules)
        note = "an acquaintance gives no claim"
    f = f"reception:{rid}"
    trace.facts[f] = set_aside(f, SetAsideReason.NOT_FIRST, rules[0] if rules else None, note)
    trace.rules.extend(rules)
    if same_day:
        trace.tell(SAME_DAY, rid, consultant, label, zh_label)
    else:
        trace.tell(RETURN_WITHIN, rid, consultant, at, ctx.tz, names(part.owners), label,
                   zh_label)


def _member_visit(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
                  at: datetime, member: str) -> None:
    """Another member's first visit within the household's window (`CC-3`): with the owner,
    used; with another consultant, set aside, the household staying with its owner."""
    assert part.owners is not None
    f = f"reception:{rid}"
    if consultant in {o[0] for o in part.owners}:
        trace.facts[f] = used(f, "CC-3", MEMBER_WITH_OWNER)
        return
    trace.facts[f] = set_aside(f, SetAsideReason.NOT_FIRST, "CC-3", MEMBER_NOT_FIRST)
    trace.rules.append("CC-3")
    trace.tell(MEMBER_FIRST, rid, consultant, at, ctx.tz, member, names(part.owners), "CC-3")


def _member_first(ctx: Context, trace: Trace, part: Reading, r: Reception, member: str,
                  members: Sequence[str]) -> None:
    """Another member's first visit within the household's window, under `CC-3`: a specific
    rule that would give this member to someone else, or a share of the commission
    (`SD-6.1.2`), contradicts the household rule: an escalation naming both; else
    :func:`_member_visit`."""
    assert part.owners is not None
    scratch = Trace()
    cands, _, _ = _candidates(ctx, scratch, r, members, fresh=False)
    household = sorted((o[0], o[1]) for o in part.owners)
    against = [c for c in cands if c[3] or sorted((o[0], o[1]) for o in c[1]) != household]
    if not against:
        _member_visit(ctx, trace, part, r.id, r.consultant, r.at, member)
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
    trace.use(fact_id("reception", r.id), None, "not settled by the rules")


def _after_change(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str,
                  at: datetime) -> None:
    """Another consultant's visit within the window after a change request gave the client
    new owners (`CC-7`, `SD-3.10.C`, `SD-5.2`): the client stays with them."""
    assert part.owners is not None
    assert part.since is not None
    rule, cr_id = part.since
    rules = unique([rule, ctx.within_rule])
    f = f"reception:{rid}"
    trace.facts[f] = set_aside(f, SetAsideReason.SUPERSEDED, rule,
                               f"the client's owners since {cr_id} keep them")
    trace.rules.extend(rules)
    w = ctx.when(at)
    trace.say(f"{rid} by {consultant} on {w.en} is a later visit within the window; the client "
              f"stays with {names(part.owners)}, as decided on {cr_id} ({', '.join(rules)}).",
              f"{rid}由{consultant}于{w.zh}接待,在有效期内;客户仍归{names(part.owners)},"
              f"依{cr_id}的处理({'、'.join(rules)})。")


# -- the first reception of a claim ---------------------------------------------------------------


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
            trace.use(fact_id("introduction", intro.id), "SD-7.5.A")
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


def _first(ctx: Context, trace: Trace, part: Reading, r: Reception, members: Sequence[str], *,
           fresh: bool, lapse_rule: str = "") -> None:
    """The owner of a claim that starts with reception ``r``: the specific rules that apply to
    it; two of them that disagree (on the consultant side, or on a share off the top), or a
    context no rule settles, stop with an escalation naming them; no specific rule: the base
    rule (the first registered reception wins)."""
    part.since = None
    x = r.context
    if x is None and (fresh or r.client not in ctx.idx.introductions):
        base_rule(ctx, trace, part, r, [], lapse_rule)  # a plain reception: the base rule
        return
    f = fact_id("reception", r.id)
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
        trace.use(f, None, "not settled by the rules")
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
        part.owners = [(c, s, rules[0]) for c, s, _ in owners]
        trace.use(f, rules[0], why.en)
        trace.decided(*rules, *notes)
        w = ctx.when(r.at)
        trace.say(f"{r.id} on {w.en}: {why.en}, so the client belongs to "
                  f"{names(part.owners)} ({', '.join(rules)}).",
                  f"{r.id}于{w.zh}:{why.zh},客户归{names(part.owners)}"
                  f"({'、'.join(rules)})。")
        return
    base_rule(ctx, trace, part, r, notes, lapse_rule)


def base_rule(ctx: Context, trace: Trace, part: Reading, r: Reception, notes: list[str],
              lapse_rule: str, at: datetime | None = None) -> None:
    """The base rule: the first registered reception wins (with the clauses that confirm it);
    ``at``: the reception's instant in UTC, if known."""
    x = r.context
    proxies = ctx.idx.proxies
    if x is None and not notes and not (proxies and r.client in proxies):
        rules, label, zh_label = ctx.first_rules[bool(lapse_rule)]  # a plain reception
    else:
        rules = _confirming(ctx, r, notes, lapse_rule)
        label, zh_label = ", ".join(rules), "、".join(rules)
    _owns(ctx, trace, part, r.id, r.consultant, at or r.at, lapse_rule, rules, label, zh_label)


def _owns(ctx: Context, trace: Trace, part: Reading, rid: str, consultant: str, at: datetime,
          lapse_rule: str, rules: tuple[str, ...], label: str, zh_label: str) -> None:
    """Reception ``rid`` by ``consultant`` (at ``at``) owns the client by ``rules`` (the
    first its rule; ``label`` and ``zh_label`` them written out)."""
    rule = rules[0]
    part.owners = [(consultant, ONE, rule)]
    f = f"reception:{rid}"
    trace.facts[f] = used(f, rule, "first registered reception")
    trace.rules.extend(rules)
    trace.tell(FIRST_AFTER_LAPSE if lapse_rule else FIRST, rid, at, ctx.tz, consultant, label,
               zh_label)


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
    rules_list.append(ctx.first_rule)
    rules_list.extend(notes)
    return unique(rules_list)


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
    if ctx.on("CC-4.2"):
        deals = [d for d in ctx.idx.deals_by_buyer.get(by, ()) if d.at < r.at]
        if deals:
            deal = deals[-1]
            part = _household.deal_credit(ctx, deal)
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
                    dep = ctx.idx.departures.get(c)
                    if dep is not None and dep.at <= r.at:
                        if dep.successor is None or not ctx.on("CC-4.3"):
                            unsettled.append(("CC-4.3", Text(
                                f"{c}, the consultant of {by}'s deal, has left and nobody "
                                "took over", f"{by}的置业顾问{c}已离职且无人接管")))
                            continue
                        trace.use(fact_id("departure", dep.id), "CC-4.3",
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
                    trace.use(fact_id("deal", deal.id), rules[0], f"{by}'s deal")
                    cands.append((rules, merge(owners), Text(
                        "; ".join([f"{by}, a past buyer (deal {deal.id}), brought the client "
                                   "in person", *left_en]),
                        ";".join([f"成交老客户{by}(成交{deal.id})亲自带来", *left_zh])), []))
    if ctx.on("CC-10.1"):
        for p in ctx.idx.proxies.get(r.client, ()):
            if p.client == by and p.at < r.at and p.channel is Channel.IN_PERSON and (
                    p.verified or not ctx.on("SD-7.2")):
                trace.use(fact_id("reception", p.id), "CC-10.1",
                          f"{by} viewed on behalf of {r.client}")
                cands.append((("CC-10.1",), [(p.consultant, ONE, "CC-10.1")], Text(
                    f"{by} viewed on behalf of {r.client} ({p.id}) and brought them in person",
                    f"{by}代{r.client}看房({p.id})并亲自带来"), []))
                break


# -- a returning client received as new (SD-3.7) ---------------------------------------------


def _recognition(ctx: Context, trace: Trace, part: Reading, r: Reception,
                 members: Sequence[str]) -> None:
    """`SD-3.7`: a returning client received as new by another consultant; then G, H, I or J."""
    assert part.owners is not None
    f = fact_id("reception", r.id)
    orig = part.owners
    orig_ids = {o[0] for o in orig}
    new = r.consultant
    day = ctx.day(r.at)
    month_end = ctx.recognition_end(r.at)
    recogs = [g for m in members for g in ctx.idx.recognitions.get(m, ())
              if g.at >= r.at and g.consultant in orig_ids and g.at <= ctx.as_of]
    recogs.sort(key=lambda g: (g.at, g.id))
    spot = [d for m in members for d in ctx.idx.deals_by_buyer.get(m, ())
            if d.at >= r.at and d.at <= ctx.as_of and ctx.day(d.at) == day]
    spot.sort(key=lambda d: (d.at, d.id))
    g0 = recogs[0] if recogs else None
    trace.say(f"{r.id}: the returning client did not name {names(orig)} and was received as "
              f"new by {new} (SD-3.7).",
              f"{r.id}:老客户记不得原售楼员{names(orig)},由{new}作为新客户接待(SD-3.7)。")
    if g0 is not None and ctx.day(g0.at) == day and not (spot and spot[0].at < g0.at):
        part.owners = [(c, s, "SD-3.7.G") for c, s, _ in orig]
        trace.use(f, "SD-3.7.G", "recognised the same day")
        trace.use(fact_id("recognition", g0.id), "SD-3.7.G")
        trace.decided("SD-3.7.G", "SD-3.7")
        trace.say(f"{g0.id}: recognised the same day; the client stays with {names(orig)} "
                  "(SD-3.7.G).",
                  f"{g0.id}:当日认出,仍由原售楼员{names(orig)}接待(SD-3.7.G)。")
        return
    if spot and (g0 is None or spot[0].at < g0.at):
        d = spot[0]
        part.owners = [(new, ONE, "SD-3.7.H")]
        trace.use(f, "SD-3.7.H")
        trace.use(fact_id("deal", d.id), "SD-3.7.H", "deal on the spot before any recognition")
        for g in recogs:
            trace.aside(fact_id("recognition", g.id), SetAsideReason.SUPERSEDED, "SD-3.7.H",
                        "after the deal on the spot")
        trace.decided("SD-3.7.H", "SD-3.7")
        trace.say(f"{d.id}: {new} closed the deal on the spot before any recognition; the "
                  f"client and the commission go to {new} (SD-3.7.H).",
                  f"{d.id}:{new}促成当场成交,成交前未认出原售楼员,客户资源和佣金全部归{new}"
                  "(SD-3.7.H)。")
        return
    if g0 is not None and g0.at <= month_end:
        k = ctx.rb.splits.recognised_later_original
        owners = [(c, s * k, "SD-3.7.I") for c, s, _ in orig] + [(new, ONE - k, "SD-3.7.I")]
        part.owners = merge(owners)
        trace.use(f, "SD-3.7.I")
        trace.use(fact_id("recognition", g0.id), "SD-3.7.I", "recognised within the month")
        trace.decided("SD-3.7.I", "SD-3.7")
        w = ctx.when(g0.at)
        trace.say(f"{g0.id} on {w.en}: recognised within "
                  f"{ctx.rb.recognition_window} after the visit; {new} follows up and the "
                  f"commission is shared {names(part.owners)} (SD-3.7.I).",
                  f"{g0.id}于{w.zh}:之后{ctx.rb.recognition_window.zh}内认出,由{new}"
                  f"负责跟进,佣金由原售楼员和新售楼员平分({names(part.owners)})(SD-3.7.I)。")
        return
    for g in recogs:
        trace.aside(fact_id("recognition", g.id), SetAsideReason.OUTSIDE_WINDOW, "SD-3.7.J",
                    f"after {ctx.until(month_end).en}")
    part.owners = [(new, ONE, "SD-3.7.J")]
    trace.use(f, "SD-3.7.J")
    trace.decided("SD-3.7.J", "SD-3.7")
    if ctx.as_of < month_end:
        u = ctx.until(month_end)
        why = Text(f"a recognition by {u.en} would share the commission (SD-3.7.I)",
                   f"{u.zh}前如认出,佣金平分(SD-3.7.I)")
        part.provisionally(month_end, ("SD-3.7.I", "SD-3.7.J"), why)
        trace.say(f"Not recognised so far: all to {new} for now (SD-3.7.J); {why.en}.",
                  f"目前未认出:暂全部归{new}(SD-3.7.J);{why.zh}。")
    else:
        u = ctx.until(month_end)
        trace.say(f"Not recognised within {ctx.rb.recognition_window} (by {u.en}): the client "
                  f"and the commission go to {new} (SD-3.7.J).",
                  f"{ctx.rb.recognition_window.zh}内未认出({u.zh}前):客户资源和"
                  f"佣金全部归{new}(SD-3.7.J)。")


# -- change requests -------------------------------------------------------------------------


def _assignee(cr: ChangeRequest, recs: Sequence[Reception], assigned: set[str]
              ) -> tuple[str | None, Reception | None]:
    if cr.assigned_to is not None:
        return cr.assigned_to, None
    for r in recs:
        if (r.at >= cr.at and r.id not in assigned and r.context is not None
                and r.context.manager_assigned and r.client == cr.client):
            assigned.add(r.id)
            return r.consultant, r
    return None, None


def _change(ctx: Context, trace: Trace, part: Reading, cr: ChangeRequest,
            start: Reception | None, recs: Sequence[Reception], assigned: set[str]) -> None:
    """A change request (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`, `SD-5.3`), read where it
    falls."""
    f = fact_id("change_request", cr.id)
    if part.owners is None or start is None:
        trace.aside(f, SetAsideReason.NOT_APPLICABLE, None, "no owner to change yet")
        return
    owners = part.owners
    outcomes: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    # each applicable rule: (rule, new owners or None = unchanged, note, set-aside reason)
    need_assignee = False
    if ctx.on("CC-7"):
        if cr.fault is Fault.SERIOUS:
            need_assignee = True
            outcomes.append(("CC-7", [], "attitude truly bad: the manager's assignment decides",
                             None))
        else:
            outcomes.append(("CC-7", None, "the first receiver stays",
                             SetAsideReason.NOT_SUPPORTED))
    designate = cr.kind is ChangeKind.DESIGNATE and cr.requested is not None
    if designate and (ctx.on("SD-5.2") or ctx.on("SD-5.3")):
        same_day = ctx.day(cr.at) == ctx.day(start.at)
        if same_day and ctx.on("SD-5.2"):
            if cr.assigned_to is not None and cr.assigned_to == cr.requested:
                if cr.instigated:
                    outcomes.append(("SD-5.2", None, f"{cr.requested} instigated it: all to "
                                     "the first receiver", None))
                else:
                    k = ctx.rb.splits.designated_mid_reception
                    shared = [(c, s * (ONE - k), "SD-5.2") for c, s, _ in owners]
                    shared.append((cr.requested, k, "SD-5.2"))
                    outcomes.append(("SD-5.2", merge(shared),
                                     "the manager had the named consultant receive", None))
            else:
                outcomes.append(("SD-5.2", None, "a mid-reception designation is not supported",
                                 SetAsideReason.NOT_SUPPORTED))
        elif not same_day and ctx.on("SD-5.3"):
            outcomes.append(("SD-5.3", None, "an old client's designation is not supported; "
                             "all to the first receiver", SetAsideReason.NOT_SUPPORTED))
    elif not designate and any(ctx.on(r) for r in ("SD-3.10.A", "SD-3.10.B", "SD-3.10.C")):
        if cr.fault is Fault.SERIOUS or cr.insists:
            if ctx.on("SD-3.10.C"):
                need_assignee = True
                outcomes.append(("SD-3.10.C", [], "serious fault or the client firmly refuses: "
                                 "the manager assigns the next on the rotation", None))
        elif cr.fault is Fault.GENERAL:
            if ctx.on("SD-3.10.B"):
                outcomes.append(("SD-3.10.B", None, "general fault: the consultant continues",
                                 SetAsideReason.NOT_SUPPORTED))
        elif ctx.on("SD-3.10.A"):
            outcomes.append(("SD-3.10.A", None, "no fault: not supported",
                             SetAsideReason.NOT_SUPPORTED))
    if not outcomes:
        part.stop = Stop((), Text(f"{cr.id}: no rule of the rulebook settles this change request",
                                  f"{cr.id}:本制度无条款处理此更换要求"))
        trace.use(f, None, "not settled by the rules")
        return
    who: str | None = None
    via: Reception | None = None
    if need_assignee:
        who, via = _assignee(cr, recs, assigned)
    resolved: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    for rule, new, note, reason in outcomes:
        if new is not None and not new:
            if who is None:
                part.stop = Stop((rule,), Text(
                    f"{cr.id}: {note}, and no assignment is recorded",
                    f"{cr.id}:应由经理另行安排,但未记录安排"))
                trace.missing.append(MissingFact(f"change_requests[{cr.id}].assigned_to", rule,
                                                 "Whom did the manager assign?"))
                trace.use(f, rule, note)
                return
            new = [(who, ONE, rule)]
        resolved.append((rule, new, note, reason))
    results = {tuple((o[0], o[1]) for o in (n if n is not None else owners))
               for _, n, _, _ in resolved}
    if len(results) > 1:
        rules = tuple(r for r, _, _, _ in resolved)
        part.stop = Stop(rules, Text(
            f"{cr.id}: " + "; ".join(f"{r}: {n}" for r, _, n, _ in resolved),
            f"{cr.id}:" + ";".join(f"{r}" for r, _, _, _ in resolved) + "的结论相互矛盾"))
        trace.use(f, None, "in conflict")
        return
    rule, new, note, reason = resolved[0]
    rules_all = tuple(r for r, _, _, _ in resolved)
    trace.decided(*rules_all)
    if new is None:
        part.lead.extend(rules_all)
        if rule in ("SD-5.2", "SD-5.3"):  # they set the first receiver's share: all of it
            part.owners = [(c, s, rule) for c, s, _ in owners]
        if reason is not None:
            trace.aside(f, reason, rule, note)
        else:
            trace.use(f, rule, note)
        trace.say(f"{cr.id}: the client's change request; {note}. The client stays with "
                  f"{names(owners)} ({', '.join(rules_all)}).",
                  f"{cr.id}:客户要求更换置业顾问;{_zh_change(rule)}。客户仍归{names(owners)}"
                  f"({'、'.join(rules_all)})。")
        return
    trace.use(f, rule, note)
    if via is not None:
        trace.use(fact_id("reception", via.id), rule, "the manager's assignment")
    part.owners = new
    part.since = (rule, cr.id)
    if rule in ("CC-7", "SD-3.10.C"):
        part.anchor = via.at if via is not None else cr.at
    trace.say(f"{cr.id}: {note}; the client now belongs to {names(new)} "
              f"({', '.join(rules_all)}).",
              f"{cr.id}:{_zh_change(rule)};客户现归{names(new)}({'、'.join(rules_all)})。")


def _zh_change(rule: str) -> str:
    return {
        "CC-7": "以第一次接待为准,确属服务态度恶劣的由经理另行安排",
        "SD-3.10.A": "售楼员无过错,更换要求不予支持",
        "SD-3.10.B": "一般性过错,处罚后该售楼员继续接待",
        "SD-3.10.C": "严重过错或客户坚决拒绝,按排班安排其他售楼员,原售楼员不再享有权益",
        "SD-5.2": "当日新客户中途指定其他售楼员,原则上不予支持;经理安排被指定者接待的,佣金七三分",
        "SD-5.3": "老客户指定其他售楼员,不予支持,佣金全部归最先接待者",
    }.get(rule, rule)
