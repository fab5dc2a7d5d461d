"""Where every obligation of a complaint stands at an instant (`CP-STATUS`): met (and how
early), breached (and by how much), or pending (and how much time is left).

The severity is re-evaluated over time: `CP-UPGRADE` (a valid complaint unresolved a month
after receipt becomes major; what only the new severity owes runs from the upgrade, what is
still open keeps its deadline unless the new one is earlier) and the handler's corrections
(every obligation re-planned from the receipt, old and new deadlines shown); approved
extensions and pauses move deadlines (:mod:`._clock`).

:func:`decide_status` is the one flow, for one complaint (:func:`status`) and for a batch
(:func:`.batch.evaluate_many`): the classification and the plan come from the policy's memos
(computed by their own functions once per kind of complaint), the history is read once,
each obligation is settled, and the decision is built by the core's builder with its
explanation kept as lines written when first read.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> c = Complaint(id="C1", received_at=datetime(2025, 3, 3, 10, tzinfo=sh), justified=True,
...               caused_by="company_staff", injury=False, loss_amount=0,
...               promised_service_failed=False, about="staff_attitude", intent="venting")
>>> d = status(c, [], as_of=datetime(2025, 3, 7, 12, tzinfo=sh), policy="procedure5")
>>> d.outcome.severity, [(o.key, o.state.value) for o in d.outcome.obligations][:3]
(<Severity.IMPORTANT: 'important'>,
 [('dispatch', 'breached'), ('escalate', 'breached'), ('handle', 'breached')])
>>> d.outcome.obligations[2].approval_needed
'office_director'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final, cast

from .._build import construct_dict
from ..decision import Explanation, Provisional, SetAsideReason
from ..errors import InputError
from ..obligation import ObligationState, ObligationStatus
from ..render import Line
from ..trace import Trace
from ._checks import check_as_of, check_complaint
from ._clock import ExtensionEvent, PauseEvent, Seg, done_at, evaluate, merged_pauses, settle
from ._history import History, read_history
from ._tables import Frag, Tables, decide, tables
from ._text import provisional_reason, year_of
from .models import (
    Complaint,
    ComplaintEvent,
    ComplaintStatus,
    ComplaintStatusDecision,
    EventType,
    ObligationKind,
    Severity,
    SeverityChange,
)
from .obligations import Item, items, kind_of, receipt, shape
from .policy import ComplaintPolicy
from .presets import PROCEDURE_5, resolve_policy

__all__ = ["Run", "decide_status", "replanned", "status", "statuses", "timeline"]

_MET, _BREACHED = ObligationState.MET, ObligationState.BREACHED
_HANDLE: Final = ObligationKind.HANDLE
_MAJOR: Final = Severity.MAJOR
_NO_DONE: Final[dict[EventType, datetime]] = {}
_NO_PAUSES: Final[list[tuple[datetime, datetime | None]]] = []
_NO_EXTS: Final[list[ExtensionEvent]] = []
_NONE: Final[list[Any]] = []
"""No pauses, no extensions (read only)."""
_UPGRADE: Final = "CP-UPGRADE"


class Run:
    """A question about complaints at one instant under one policy: the instant (checked,
    in the calendar's zone), the policy's tables, and the explanations shared by the
    decisions of a batch."""

    __slots__ = ("as_of", "summaries", "tb", "year")

    def __init__(self, tb: Tables, as_of: datetime) -> None:
        check_as_of(as_of)
        self.tb = tb
        self.as_of = tb.norm(as_of)
        self.year = year_of(self.as_of, tb.tz)
        self.summaries: dict[tuple[object, ...], Explanation] = {}

    def head(self, sev: Severity | None, invalid: bool, met: int, breached: int,
             pending: int) -> Line:
        """The first line of a status explanation."""
        tb = self.tb
        return ("complaints.status_head", self.as_of, tb.tz, tb.policy.name,
                tb.policy.title_zh, sev, invalid, met, breached, pending)

    def summary(self, sev: Severity | None, invalid: bool, met: int, breached: int,
                pending: int) -> Explanation:
        """The one-line explanation of a decision not explained in full (shared by the
        decisions of the batch that have the same counts)."""
        key = (sev, invalid, met, breached, pending)
        got = self.summaries.get(key)
        if got is None:
            got = self.summaries[key] = Explanation.from_lines(
                (self.head(sev, invalid, met, breached, pending),))
        return got


@functools.lru_cache(maxsize=1024)
def _provisional(tu: datetime) -> Provisional:
    return Provisional(until=tu, rules=(_UPGRADE,), reason=provisional_reason(tu))


# -- the severity over time ----------------------------------------------------------------

_Segment = tuple[datetime, Severity | None, bool]
"""A plan's segment: from when, under which severity, and whether `CP-UPGRADE` began it (its
new obligations then run from that instant, not from the receipt)."""


def timeline(sev: Severity | None, corrections: list[tuple[datetime, Severity]],
             upgrade_at: datetime | None, received: datetime, tr: Trace
             ) -> tuple[Severity | None, list[SeverityChange], list[_Segment]]:
    """The severity over time from ``sev`` at receipt: the handler's corrections (sorted)
    and `CP-UPGRADE` at ``upgrade_at``; the severity in force at the end, the changes, and
    the segments (from, severity, by the upgrade) of the plan."""
    changes: list[SeverityChange] = []
    segments: list[_Segment] = [(received, sev, False)]
    line: list[tuple[datetime, Severity, str]] = [(at, s, "correction") for at, s in corrections]
    if upgrade_at is not None:
        line.append((upgrade_at, _MAJOR, _UPGRADE))
    line.sort(key=lambda p: (p[0], p[2] == _UPGRADE))
    upgraded = False
    for at, s, why in line:
        if upgraded:
            tr.set_aside("history:severity_corrected", SetAsideReason.SUPERSEDED, _UPGRADE,
                         "the complaint is major since the month ended")
            continue
        if why == _UPGRADE:
            upgraded = True
            tr.rule(_UPGRADE)
        else:
            tr.use("history:severity_corrected", None,
                   f"the handler corrected the severity to {s.value}")
        if s is not sev:
            changes.append(SeverityChange(at, sev, s, why))
            sev = s
            segments.append((at, s, why == _UPGRADE))
    return sev, changes, segments


# -- each obligation ----------------------------------------------------------------------------

_Counted = tuple[list[ObligationStatus], int, int, int]


def _count(out: list[ObligationStatus]) -> _Counted:
    met = breached = 0
    for o in out:
        state = o.state
        if state is _MET:
            met += 1
        elif state is _BREACHED:
            breached += 1
    return out, met, breached, len(out) - met - breached


def statuses(its: list[Item], done: dict[EventType, datetime], pauses: list[PauseEvent],
             exts: list[ExtensionEvent], received: datetime, as_of: datetime, tb: Tables,
             tr: Trace | None) -> _Counted:
    """The status of each obligation of one plan (no severity change), and the counts."""
    out: list[ObligationStatus] = []
    if not pauses and not exts:
        met, breached = settle(its, done, as_of, out)
        return out, met, breached, len(out) - met - breached
    policy = tb.policy
    for it in its:
        sp = it[0]
        merged = merged_pauses(pauses, sp.pause_kind, policy) if pauses else _NO_PAUSES
        if merged or (exts and sp.kind is _HANDLE):
            out.append(evaluate([(received, it, False)], done_at(sp, done), as_of, merged,
                                exts if sp.kind is _HANDLE else _NO_EXTS, tb, tr))
        else:
            settle([it], done, as_of, out)
    return _count(out)


def replanned(plans: list[tuple[datetime, list[Item], bool]], done: dict[EventType, datetime],
              pauses: list[PauseEvent], exts: list[ExtensionEvent], as_of: datetime,
              tb: Tables, tr: Trace | None
              ) -> tuple[list[ObligationStatus], int, int, int, dict[ObligationKind, list[Seg]]]:
    """The status of each obligation over successive plans: ``plans`` holds each plan's
    items, the instant it is in force from, and whether `CP-UPGRADE` began it (a handler's
    correction re-plans from the receipt; the upgrade's new obligations run from it, and
    the old ones still open carry on unless the new deadline is earlier)."""
    policy = tb.policy
    per_kind: dict[ObligationKind, list[Seg]] = {}
    for t_from, its, upgrade in plans:
        for it in its:
            kind = it[0].kind
            lst = per_kind.get(kind)
            if lst is None:
                per_kind[kind] = [(t_from, it, upgrade)]
            else:
                lst.append((t_from, it, upgrade))
    out: list[ObligationStatus] = []
    for segs in per_kind.values():  # in the order first planned
        sp = segs[0][1][0]
        out.append(evaluate(segs, done_at(sp, done), as_of,
                            merged_pauses(pauses, sp.pause_kind, policy) if pauses else [],
                            exts if sp.kind is _HANDLE else [], tb, tr))
    got, met, breached, pending = _count(out)
    return got, met, breached, pending, per_kind


# -- the decision ----------------------------------------------------------------------------


def decide_status(run: Run, c: Complaint, history: Sequence[ComplaintEvent], explain: bool,
                  subject: str | None = None) -> ComplaintStatusDecision:
    """The status of ``c`` (checked: :func:`._checks.check_complaint`) with ``history`` at
    the run's instant: the one flow of :func:`status`, :func:`.batch.evaluate_many` and the
    command line's cases (:func:`.cases.evaluate`, which gives the decision's ``subject``;
    default ``complaint <id>``)."""
    tb = run.tb
    as_of = run.as_of
    received, x, off_hours = receipt(c, tb)
    p = kind_of(c, off_hours, tb)
    cls = p.cls
    if as_of < received:
        raise InputError("as_of", f"is before the complaint's receipt "
                         f"{c.received_at.isoformat()}", as_of.isoformat())
    h: History | None = read_history(history, received, as_of, tb) if history else None
    if h is not None:
        done, handled_at = h.done, h.handled_at
        pauses, exts = h.pauses or _NONE, h.extensions or _NONE
        corrections, aside = h.corrections, h.aside
    else:
        done, handled_at, pauses, exts, corrections, aside = _NO_DONE, None, _NONE, _NONE, \
            None, None

    # CP-UPGRADE: provisional until the month ends, or a re-plan from then
    provisional: Provisional | None = None
    upgrade_at: datetime | None = None
    if cls.valid is True and tb.upgrade is not None:
        tu = cast(datetime, tb.due_x(tb.upgrade, received, x))
        if handled_at is None or handled_at > tu:
            if tu < as_of:
                upgrade_at = tu
            elif cls.severity is not _MAJOR:
                provisional = _provisional(tu)
    shape0 = p.shape

    # what the history adds to the trace (after the classification's, before the plan's)
    tr: Trace | None = None
    if aside or pauses or exts or corrections or upgrade_at is not None:
        tr = Trace(explain=False)
        cls.frag.into(tr)
        if aside:
            tr.aside.extend(aside)
    sev = cls.severity
    changes: list[SeverityChange] = []
    segments: list[_Segment] | None = None
    if upgrade_at is not None or corrections:
        sev, changes, segments = timeline(sev, corrections or [], upgrade_at, received,
                                          cast(Trace, tr))
    if tr is not None:
        p.frag.into(tr)
        tr.rule(*shape0.rules)
    final = shape0
    undetermined = shape0.undetermined
    if segments is None or len(segments) == 1:
        out, met, breached, pending = statuses(
            items(c, shape0, received, x, handled_at, tb), done, pauses, exts, received,
            as_of, tb, tr)
    else:
        shapes = [shape0] + [shape(tb, cls.valid, s, *p.flags) for _, s, _ in segments[1:]]
        for sh in shapes[1:]:
            cast(Trace, tr).rule(*sh.rules)
        final = shapes[-1]
        out, met, breached, pending, kinds = replanned(
            [(t_from, items(c, sh, t_from, tb.day(t_from), handled_at, tb) if upgrade
              else items(c, sh, received, x, handled_at, tb),
              upgrade) for (t_from, _, upgrade), sh in zip(segments, shapes, strict=True)],
            done, pauses, exts, as_of, tb, tr)
        undetermined = tuple(k for k in final.undetermined if k not in kinds)
    if tr is not None:
        tr.rule("CP-STATUS")
        frag = Frag.of(tr)
    else:
        frag = p.status_frag
    invalid = cls.invalid
    outcome = construct_dict(ComplaintStatus, {
        "classification": cls.outcome,
        "severity": sev,
        "severity_changes": tuple(changes),
        "handler": final.handler,
        "obligations": tuple(out),
        "undetermined": undetermined,
        "met": met,
        "breached": breached,
        "pending": pending,
    })
    if explain:
        explanation = _explanation(run, cls.frag, outcome, invalid, provisional)
    else:
        explanation = run.summary(sev, invalid, met, breached, pending)
    return decide(ComplaintStatusDecision, "complaint.status", c, frag, outcome, tb,
                  as_of=as_of, escalation=cls.escalation, provisional=provisional,
                  explanation=explanation, subject=subject)


def _explanation(run: Run, cls_frag: Frag, outcome: ComplaintStatus, invalid: bool,
                 provisional: Provisional | None) -> Explanation:
    """Every line of a status: the classification's, the head, the severity's changes, the
    provisional mark, each obligation, the obligations not yet determined; one atom
    (``complaints.status``), written when first read."""
    tb = run.tb
    return Explanation.from_lines((("complaints.status", cls_frag.lines, run.as_of, tb.policy,
                                    tb.tz, run.year, outcome, invalid, provisional),))


def status(complaint: Complaint, history: Sequence[ComplaintEvent], *, as_of: datetime,
           policy: ComplaintPolicy | str = PROCEDURE_5, explain: bool = True
           ) -> ComplaintStatusDecision:
    """Every obligation of ``complaint`` at ``as_of`` under ``policy`` (a policy, or a
    preset's name) (`CP-STATUS`).

    ``history`` may be in any order; events after ``as_of`` are set aside. A naive instant,
    an event before the receipt, or a reply after the handling where the policy requires the
    reply first is an :class:`~propmgmt_rules.errors.InputError` naming the field. The
    explanation is written when first read; with ``explain=False`` it is the one-line
    summary a batch gives.
    """
    policy = resolve_policy(policy)
    check_complaint(complaint)
    return decide_status(Run(tables(policy), as_of), complaint, history, explain)
