"""Reading one timeline: the receptions and change requests of a client (or of a household
merged by `CC-3`), in order, up to a cutoff (the as-of instant, or a deal's instant).

One reading for every timeline: how the first reception, the window and its lapse decide
(``_window``) is written once, and the rules a reception's context, a change request, a
recognition or a referral bring (``_specific``, ``_changes``, ``_recognition``,
``_referrals``) are read where they apply. A timeline of plain receptions (no member in
``BookIndex.special``: most clients of a real book) asks none of their questions and never
reaches for the reception records, only for their atoms (``_index.Visit``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from itertools import repeat

from ..decision import SetAsideReason
from ._changes import change
from ._context import Context
from ._index import Visit
from ._recognition import recognition
from ._referrals import off_top, off_top_conflict
from ._specific import after_change, first, member_first, returns
from ._trace import Reading, Trace
from ._window import (
    claim_ends,
    counted,
    member_firsts,
    member_visit,
    not_first,
    own_visit,
    owns,
    tell_lost,
)
from .models import ChangeRequest, Reception

__all__ = ["read_timeline"]


def read_timeline(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime
                  ) -> Reading:
    """Read the timeline of ``members`` (merged) up to ``cutoff`` (UTC) and ``ctx.as_of``."""
    part = Reading()
    skipped: list[Visit] = []
    visits = counted(ctx, trace, members, cutoff, skipped)
    firsts = member_firsts(ctx, visits) if len(members) > 1 else None
    idx = ctx.idx
    special = idx.special
    recs: list[Reception] | None = None
    crs: list[tuple[datetime, ChangeRequest]] = []
    assigned: set[str] = _NONE  # receptions consumed as a manager's assignment
    if special and (members[0] in special if len(members) == 1 else
                    any(m in special for m in members)):
        records = idx.receptions
        recs = [records[v[2]] for v in visits]
        crs = _change_requests(ctx, trace, members, cutoff)
        assigned = set()
        off_top(ctx, trace, part, members, recs)
    tz = ctx.tz
    window = ctx.window
    ends = ctx.ids.windows  # ctx.window's memo (by the anchor's local day), read first here
    follow_client = ctx.ids.follow_client
    whole = ctx.whole
    keyed = trace.keys is not None
    introductions, proxies = idx.introductions, idx.proxies
    pending = len(crs)
    # the claim's state, as locals (kept in ``part`` too: the rules read it there)
    anchor: datetime | None = None
    anchor_day = start_day = 0
    owner_ids = part.owner_ids
    for (at, rid, _, consultant, _), r in zip(visits, recs or repeat(None), strict=False):
        if pending and crs[-pending][0] < at:  # the change requests before this reception
            pending = _read_changes(ctx, trace, part, crs, pending, at, recs, assigned)
            if part.stop is not None:
                return _settled(part)
            anchor, anchor_day, owner_ids = part.anchor, part.anchor_day, part.owner_ids
        if keyed:
            trace.reading(at, rid)
        x = r.context if r is not None else None
        local = at.astimezone(tz)
        day = local.toordinal()
        # the instant its lines write: local when the decision is built whole (its lines are
        # written at once: not converted again), else the index's (shared: no new object kept)
        shown = local if whole else at
        if anchor is not None and part.owners is not None:
            end = ends.get(anchor_day) or window(anchor, anchor_day)
            if at <= end[1]:  # within the window (CC-2, SD-7.1)
                if firsts and rid in firsts:  # another member's first visit (CC-3)
                    own = consultant in owner_ids
                    if r is None or (x is None and r.client not in introductions):
                        member_visit(ctx, trace, part, rid, consultant, shown, firsts[rid])
                    else:
                        member_first(ctx, trace, part, r, at, firsts[rid], members)
                        if part.stop is not None:
                            return _settled(part)
                elif consultant in owner_ids:
                    own_visit(ctx, trace, rid, day == start_day)
                    own = True
                elif r is None or x is None:
                    if part.since is not None:
                        after_change(ctx, trace, part, rid, consultant, at)
                    else:
                        not_first(ctx, trace, part, rid, consultant, shown, day == start_day)
                    own = False
                else:
                    returned = returns(ctx, trace, part, r)
                    if returned is not None:
                        own = returned
                    elif x.forgot_consultant and ctx.on("SD-3.7"):
                        recognition(ctx, trace, part, r, members)
                        if part.stop is not None:
                            return _settled(part)
                        owner_ids = part.owner_ids
                        own = True  # the window runs from this visit
                    elif part.since is not None:
                        after_change(ctx, trace, part, rid, consultant, at)
                        own = False
                    else:
                        not_first(ctx, trace, part, rid, consultant, shown, day == start_day,
                                  acquaintance=x.acquaintance)
                        own = False
                if own or follow_client:  # the window now runs from this visit
                    anchor = part.anchor = at
                    anchor_day = part.anchor_day = day
                continue
            lapse_rule = claim_ends(ctx, trace, part, rid, shown)
            fresh = True  # a claim after the lapse of the window
        else:  # the first claim starts (as claim_starts(trace, part, rid, None))
            part.claim_rid, part.claim_from, part.claim_line = rid, None, len(trace.lines)
            lapse_rule, fresh = "", False
        if r is None or (x is None and (fresh or r.client not in introductions)
                         and not (proxies and r.client in proxies)):
            part.since = None
            owns(ctx, trace, part, rid, consultant, shown, lapse_rule)
        else:
            first(ctx, trace, part, r, at, members, fresh=fresh, lapse_rule=lapse_rule)
            if part.stop is not None:
                return _settled(part)
        # the claim is owned, its window runs from it (as claimed(part, at, day))
        owner_ids = part.claim_owners = part.owner_ids
        anchor = part.first_at = part.anchor = at
        start_day = anchor_day = part.start_day = part.anchor_day = day
    if pending:  # the change requests after the last reception
        _read_changes(ctx, trace, part, crs, pending, None, recs, assigned)
        if part.stop is not None:
            return _settled(part)
    if skipped:
        tell_lost(ctx, trace, part, skipped)
    if part.off_top or part.company_client is not None:
        off_top_conflict(part)
    return part


def _read_changes(ctx: Context, trace: Trace, part: Reading,
                  crs: list[tuple[datetime, ChangeRequest]], pending: int, before: datetime | None,
                  recs: list[Reception] | None, assigned: set[str]) -> int:
    """Read the ``pending`` last change requests of ``crs`` in order, those before ``before``
    (all if ``None``; a reception comes first on a tie), until one stops the reading; returns
    how many are still pending."""
    while pending and (before is None or crs[-pending][0] < before):
        cr = crs[-pending][1]
        pending -= 1
        trace.reading(cr.at, cr.id)
        change(ctx, trace, part, cr, recs or (), assigned)
        if part.stop is not None:
            break
    return pending


_NONE: set[str] = set()
"""No manager's assignment to consume: a timeline without change requests (never added to)."""


def _change_requests(ctx: Context, trace: Trace, members: Sequence[str], cutoff: datetime
                     ) -> list[tuple[datetime, ChangeRequest]]:
    """The members' change requests read in the timeline, by (instant, id); those later than
    ``as_of`` or ``cutoff`` set aside."""
    out: list[tuple[datetime, str, ChangeRequest]] = []
    for m in members:
        for cr in ctx.idx.change_requests.get(m, ()):
            if cr.at > ctx.as_of:
                trace.aside("change_request", cr.id, SetAsideReason.AFTER_AS_OF, None)
            elif cr.at > cutoff:
                trace.aside("change_request", cr.id, SetAsideReason.NOT_RELEVANT, None,
                            "after the deal")
            else:
                out.append((cr.at.astimezone(UTC), cr.id, cr))
    out.sort(key=lambda e: (e[0], e[1]))
    return [(at, cr) for at, _, cr in out]


def _settled(part: Reading) -> Reading:
    """The reading, its escalation naming every pair of rules paid off the top that cannot
    both hold (:func:`._referrals.off_top_conflict`)."""
    if part.off_top or part.company_client is not None:
        off_top_conflict(part)
    return part
