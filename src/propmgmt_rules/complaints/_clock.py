"""Where one obligation stands at an instant (`CP-STATUS`): met (and how early), breached
(and by how much), or pending (and how much time is left), with its deadline moved by the
pauses that stopped its clock, the extensions approved (`CP-4.10.1`, `CP-4.10.2`, `SQ-A` ..
`SQ-C`) and the re-plans of a severity change (`CP-UPGRADE`, a handler's correction).

Readings: a pause stops only the clock of an obligation already running, and counts in the
span's own units (calendar time for hours and days, working time for working spans); an
extension counts only if approved before the deadline in force, by the role the policy
names (or, where the policy says so, with the delay explained to the resident); a breach is
final: a later re-plan shows its deadline beside the one breached.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final, cast

from ..decision import SetAsideReason
from ..errors import InputError
from ..obligation import ObligationState, ObligationStatus
from ..time.deadline import deadline
from ..time.span import Span
from ..trace import Trace
from ._tables import Tables
from .models import LATEST, ComplaintEvent, EventType, ObligationKind
from .obligations import ANSWER_EVENTS, HANDLED, R_HANDLED, Item, Spec
from .policy import ComplaintPolicy

__all__ = [
    "ExtensionEvent",
    "Pause",
    "PauseEvent",
    "Seg",
    "done_at",
    "evaluate",
    "extended",
    "merged_pauses",
    "settle",
]

_MET, _BREACHED, _PENDING = ObligationState.MET, ObligationState.BREACHED, ObligationState.PENDING
_ZERO: Final = timedelta(0)

Pause = tuple[datetime, datetime | None]
"""A stretch of time an obligation's clock is stopped: from, to (``None``: still stopped)."""
PauseEvent = tuple[datetime, datetime | None, ComplaintEvent]
ExtensionEvent = tuple[datetime, ComplaintEvent]
Seg = tuple[datetime, Item, bool]
"""An obligation's item in force from an instant (a severity change re-plans), and whether
`CP-UPGRADE` began it (the old item then carries on unless the new deadline is earlier)."""


def extended(due: datetime, extra: Span, tb: Tables, field: str) -> datetime:
    """``due`` extended by ``extra``, or an :class:`InputError` naming ``field`` when that
    falls beyond the years 1900 to 2199."""
    try:
        new = deadline(due, extra, tb.cal)
    except (OverflowError, InputError):
        new = None
    if new is None or not new < LATEST:
        raise InputError(field, "is too long: the extended deadline would fall after 2199",
                         str(extra))
    return new


def done_at(sp: Spec, done: dict[EventType, datetime]) -> datetime | None:
    """When the obligation was done (the first of its events up to the instant asked; for
    `OM-FIRST`, the first answer of any kind)."""
    if not done:
        return None
    if sp.done is ANSWER_EVENTS:
        cands = [done[e] for e in ANSWER_EVENTS if e in done]
        return min(cands) if cands else None
    return done.get(sp.done[0])


def merged_pauses(pauses: list[PauseEvent], kind: ObligationKind, policy: ComplaintPolicy
                  ) -> list[Pause]:
    """The pauses (sorted) that stop ``kind``'s clock, overlapping ones merged."""
    pausable = policy.pausable
    spans: list[Pause] = []
    for start, end, ev in pauses:
        kinds = ev.obligations
        if (kind in kinds) if kinds is not None else (kind in pausable):
            if spans:
                ps, pe = spans[-1]
                if pe is None or start <= pe:
                    if pe is not None and (end is None or end > pe):
                        spans[-1] = (ps, end)
                    continue
            spans.append((start, end))
    return spans


def _clip(pauses: list[Pause], start: datetime | None) -> list[Pause]:
    """The pauses from ``start`` on (an obligation's clock cannot stop before it runs)."""
    if not pauses or start is None or pauses[0][0] >= start:
        return pauses
    return [(max(s, start), e) for s, e in pauses if e is None or e > start]


@dataclass(slots=True)
class _Applied:
    due: datetime
    paused: bool = False
    frozen: timedelta | None = None
    extended: bool = False


def _apply(due: datetime, sp: Spec, pauses: list[Pause], exts: list[ExtensionEvent],
           seg_from: datetime, end: datetime, tb: Tables, tr: Trace | None) -> _Applied:
    """The deadline in force at ``end``: ``due`` moved by the pauses and extensions that
    happened while it was not yet passed (later ones cannot revive a breach)."""
    working = sp.tmpl.working
    res = _Applied(due)
    pi = ei = 0
    n_p, n_e = len(pauses), len(exts)
    while pi < n_p or ei < n_e:
        take_pause = ei >= n_e or (pi < n_p and pauses[pi][0] <= exts[ei][0])
        t = pauses[pi][0] if take_pause else exts[ei][0]
        if t > end:
            break
        if t > res.due:
            if tr is not None:
                what = "pause" if take_pause else "extension"
                tr.set_aside(f"history:{'paused' if take_pause else 'extension_approved'}",
                             SetAsideReason.PROCEDURE_NOT_FOLLOWED, sp.rules[0],
                             f"{what} after the {sp.kind.value} deadline had passed")
            break
        if take_pause:
            s, e = pauses[pi]
            pi += 1
            if e is None or e > end:
                res.paused = True
                res.frozen = tb.measure(working, s, res.due)
                res.due = tb.shift(working, res.due, tb.measure(working, s, end))
                break
            res.due = tb.shift(working, res.due, tb.measure(working, s, e))
        else:
            at, ev = exts[ei]
            ei += 1
            if at < seg_from:
                continue
            ext = sp.extension
            if ext is None:
                if tr is not None:
                    tr.set_aside("history:extension_approved", SetAsideReason.NOT_SUPPORTED,
                                 sp.rules[0], "this severity has no extension route")
                continue
            if ext.approver is not None and ev.by != ext.approver:
                if tr is not None:
                    tr.set_aside("history:extension_approved",
                                 SetAsideReason.PROCEDURE_NOT_FOLLOWED, ext.rules[0],
                                 f"approved by {ev.by}, the rule needs {ext.approver}")
                continue
            if ext.requires_explanation and ev.explained is not True:
                if tr is not None:
                    tr.set_aside("history:extension_approved",
                                 SetAsideReason.PROCEDURE_NOT_FOLLOWED, ext.rules[0],
                                 "the delay was not explained to the resident")
                continue
            if ev.until is not None:
                new = tb.norm(ev.until)
            else:
                new = extended(res.due, cast(Span, ev.extra), tb, "history.extra")
            if new <= res.due:
                if tr is not None:
                    tr.set_aside("history:extension_approved", SetAsideReason.NOT_RELEVANT,
                                 ext.rules[0], "does not move the deadline later")
                continue
            res.due = new
            res.extended = True
            if tr is not None:
                tr.use("history:extension_approved", ext.rules[0])
    return res


_NEW_STATUS: Final = object.__new__
_INIT_STATUS: Final = ObligationStatus.__init__


def settle(its: list[Item], done: dict[EventType, datetime], as_of: datetime,
           out: list[ObligationStatus]) -> tuple[int, int]:
    """Append to ``out`` the status of each obligation of ``its`` whose deadline nothing
    moved, done when ``done`` (events up to ``as_of``) says; how many are met and how many
    breached.

    Built positionally, in the fields' order (key, rules, duty, owed_by, owed_by_name, to,
    person, start, due, done_at, state, late_by, remaining, slack, original_due,
    breached_due, paused, approval_needed, waiting_for), allocated and initialised apart:
    this runs for every obligation of a batch."""
    append = out.append
    new, init, cls = _NEW_STATUS, _INIT_STATUS, ObligationStatus
    met = breached = 0
    for sp, start, due, person in its:
        if done:
            ev = sp.event
            d = done.get(ev) if ev is not None else done_at(sp, done)
        else:
            d = None
        o = new(cls)
        if due is None:
            waiting = HANDLED if sp.code == R_HANDLED and start is None else None
            if d is None:
                init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                     start, None, None, _PENDING, None, None, None, None, None, False, None,
                     waiting)
            else:
                met += 1
                init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                     start, None, d, _MET, None, None, None, None, None, False, None, waiting)
        elif d is not None:
            if d <= due:
                met += 1
                init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                     start, due, d, _MET, None, None, due - d, None, None, False,
                     sp.late_approval, None)
            else:
                breached += 1
                init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                     start, due, d, _BREACHED, d - due, None, None, None, due, False,
                     sp.late_approval, None)
        elif as_of > due:
            breached += 1
            init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                 start, due, None, _BREACHED, as_of - due, None, None, None, due, False,
                 sp.late_approval, None)
        else:
            init(o, sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to, person,
                 start, due, None, _PENDING, None, due - as_of, None, None, None, False,
                 sp.late_approval, None)
        append(o)
    return met, breached


def evaluate(segs: list[Seg], done: datetime | None, as_of: datetime, pauses: list[Pause],
             exts: list[ExtensionEvent], tb: Tables, tr: Trace | None) -> ObligationStatus:
    """An obligation over the plans in force one after the other (``segs``), its deadline
    moved by ``pauses`` and ``exts``; what they set aside or use is written on ``tr``."""
    horizon = done if done is not None else as_of
    original = segs[0][1][2]
    breached_due: datetime | None = None
    due2: datetime | None = None
    paused = False
    frozen: timedelta | None = None
    moved = False
    item = segs[0][1]
    n = len(segs)
    for i in range(n):
        seg_from, item, upgrade = segs[i]
        t_next = segs[i + 1][0] if i + 1 < n else None
        last = t_next is None or t_next > horizon
        end = horizon if last else cast(datetime, t_next)
        due2 = item[2]
        paused = False
        moved_before = moved
        if due2 is not None and (pauses or exts):
            res = _apply(due2, item[0], _clip(pauses, item[1]), exts, seg_from, end, tb,
                         tr if breached_due is None else None)
            due2, paused, frozen = res.due, res.paused, res.frozen
            moved = moved or res.extended or due2 != item[2]
        if upgrade and i > 0:
            # CP-UPGRADE: the old severity's obligation, still open, carries on with its own
            # deadline unless the new one is earlier
            old_from, old_item, _ = segs[i - 1]
            old_due = old_item[2]
            old_paused, old_frozen, old_moved = False, None, False
            if old_due is not None and (pauses or exts):
                res = _apply(old_due, old_item[0], _clip(pauses, old_item[1]), exts, old_from,
                             end, tb, None)
                old_moved = res.extended or res.due != old_due
                old_due, old_paused, old_frozen = res.due, res.paused, res.frozen
            if old_due is not None and (due2 is None or old_due <= due2):
                item, due2, paused, frozen = old_item, old_due, old_paused, old_frozen
                moved = moved_before or old_moved
        if due2 is None:
            if last:
                break
            continue
        if breached_due is None and not paused and due2 < end:
            breached_due = due2  # a breach is final: later re-plans show their deadline only
        if last:
            break
    if n > 1 and due2 != original:
        moved = True
    sp, start, _, person = item
    late_approval = sp.late_approval
    first = original if moved else None
    if breached_due is not None:
        return ObligationStatus(sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to,
                                person, start, due2, done, _BREACHED, horizon - breached_due,
                                None, None, first, breached_due, False, late_approval, None)
    if due2 is None:
        waiting = HANDLED if sp.code == R_HANDLED and start is None else None
        return ObligationStatus(sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to,
                                person, start, None, done, _PENDING if done is None else _MET,
                                None, None, None, None, None, False, None, waiting)
    if done is not None:
        slack = due2 - horizon
        return ObligationStatus(sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to,
                                person, start, due2, done, _MET, None, None,
                                slack if slack > _ZERO else _ZERO, first, None, paused,
                                late_approval, None)
    remaining = frozen if paused else due2 - as_of
    return ObligationStatus(sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to,
                            person, start, due2, None, _PENDING, None, remaining, None, first,
                            None, paused, late_approval, None)
