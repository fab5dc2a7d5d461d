"""A complaint policy compiled for the engine, once per policy: its steps as deadline
templates on its calendar, the names of its roles, and the memos every question shares.

The engine's questions (:mod:`.classify`, :mod:`.obligations`, :mod:`.status`,
:mod:`.batch`) read a policy through :func:`tables`, which compiles it on first use and keeps
it (a bounded memo by identity: a policy is immutable). The memos (``Memo``) hold what the
engine's own functions computed for a kind of complaint, keyed by the facts each rule
declares it reads; a batch of a million complaints computes each rule once per kind.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any, Final, TypeVar, cast
from zoneinfo import ZoneInfo

from pydantic_core import TzInfo

from .._memo import FirstKept, Memo
from ..decision import (
    Decision,
    Escalation,
    Explanation,
    FactSetAside,
    FactUsed,
    MissingFact,
    Provisional,
    RuleNotApplied,
    build_decision,
)
from ..render import Line, Text
from ..time.calendar import WorkCalendar
from ..time.deadline import after_working_time, deadline
from ..time.span import Span, SpanUnit
from ..trace import Trace
from .models import Complaint, Severity
from .policy import HANDLER, ComplaintPolicy, Extension, Step

__all__ = ["AWARE_TZ_TYPES", "CACHE_LIMIT", "FACTS_LIMIT", "Frag", "SevTables", "Tables", "Tmpl",
           "decide", "tables"]

CACHE_LIMIT: Final = 20_000
"""Entries a memo keeps before it starts again (what it held is computed again if needed)."""

FACTS_LIMIT: Final = 8_192
"""Entries of the memo of kinds of complaint (a classification and its plan, keyed by every
fact they read: more kinds than a step's memo sees; about 430 bytes each besides what they
share, so at most about 3.5 MB a policy). It keeps the kinds it saw first once full
(:class:`FirstKept`): a stream's memory stops growing there, and the common kinds, seen
first, are still answered from it."""

AWARE_TZ_TYPES: Final = frozenset({ZoneInfo, timezone, type(TzInfo(0))})
"""tzinfo types whose utcoffset is never None: the costly check is skipped for them."""

NO_LIMIT, ELAPSED, DAY, DIRECT = 0, 1, 2, 3
"""How a template computes a deadline: none stated; elapsed time (one addition); a day span
(memoised per local start day); working hours or minutes (the calendar's count)."""


class Tmpl:
    """A step of the policy compiled: its span, who owes it to whom under which rules, how
    its deadline is computed, and its per-day memo."""

    __slots__ = ("cache", "mode", "owed_by", "rules", "span", "td", "to", "working")

    def __init__(self, span: Span | None, owed_by: str, to: tuple[str, ...],
                 rules: tuple[str, ...]) -> None:
        self.span = span
        self.owed_by = owed_by
        self.to = to
        self.rules = rules
        self.cache: dict[int, datetime] = {}
        self.td = timedelta(0)
        self.working = False
        if span is None:
            self.mode = NO_LIMIT
        elif span.unit is SpanUnit.IMMEDIATELY:
            self.mode = ELAPSED
        elif span.unit is SpanUnit.MINUTES:
            self.mode, self.td = ELAPSED, timedelta(minutes=span.amount)
        elif span.unit is SpanUnit.HOURS:
            self.mode, self.td = ELAPSED, timedelta(hours=span.amount)
        elif span.unit is SpanUnit.WORKING_HOURS or span.unit is SpanUnit.WORKING_MINUTES:
            self.mode, self.working = DIRECT, True
        else:
            self.mode = DAY
            self.working = span.unit is SpanUnit.WORKING_DAYS


def _step(step: Step | None) -> Tmpl | None:
    if step is None:
        return None
    return Tmpl(step.span, step.owed_by, (step.to,) if step.to else (), step.rules)


@dataclass(slots=True)
class SevTables:
    """A severity's plan compiled."""

    handler: str
    handler_rules: tuple[str, ...]
    escalate: Tmpl | None
    reply: Tmpl | None
    handle: Tmpl
    revisit: Tmpl | None
    dispatch_to: tuple[str, ...]
    extension: Extension | None
    requested_time: bool


_D = TypeVar("_D", bound=Decision)


@dataclass(frozen=True, slots=True)
class Frag:
    """A trace written once (by the engine's functions, on a :class:`~propmgmt_rules.trace.
    Trace`) and kept with what it decided: the rules that decided, the rules not applied, the
    facts used, set aside and missing, and the explanation's lines."""

    decided: tuple[str, ...] = ()
    not_applied: tuple[RuleNotApplied, ...] = ()
    used: tuple[FactUsed, ...] = ()
    aside: tuple[FactSetAside, ...] = ()
    missing: tuple[MissingFact, ...] = ()
    lines: tuple[Line, ...] = ()

    @classmethod
    def of(cls, tr: Trace) -> Frag:
        """What ``tr`` holds, kept."""
        return cls(tr.decided_by, tuple(tr.not_applied), tuple(tr.used), tuple(tr.aside),
                   tuple(tr.missing_facts), tuple(tr.lines))

    def __add__(self, other: Frag) -> Frag:
        decided = dict.fromkeys(self.decided)
        decided.update(dict.fromkeys(other.decided))
        return Frag(tuple(decided), self.not_applied + other.not_applied,
                    self.used + other.used, self.aside + other.aside,
                    self.missing + other.missing, self.lines + other.lines)

    def rules(self, *ids: str) -> Frag:
        """This trace with the rules ``ids`` also deciding (after its own)."""
        decided = dict.fromkeys(self.decided)
        decided.update(dict.fromkeys(ids))
        return Frag(tuple(decided), self.not_applied, self.used, self.aside, self.missing,
                    self.lines)

    def into(self, tr: Trace) -> None:
        """Write this trace on ``tr``, after what it holds."""
        tr.rule(*self.decided)
        tr.not_applied.extend(self.not_applied)
        tr.used.extend(self.used)
        tr.aside.extend(self.aside)
        tr.missing_facts.extend(self.missing)
        if tr.explain:
            tr.lines.extend(self.lines)


class Tables:
    """A policy compiled for the engine (built once per policy, see :func:`tables`)."""

    __slots__ = ("basis", "cal", "classes", "comp", "dispatch", "enquiry", "fixed",
                 "government", "group", "hours", "invalid", "kinds", "names", "plans", "policy",
                 "report_result", "requested_tmpls", "sev", "shapes", "sign", "steps", "tz",
                 "upgrade", "weekly", "weekly_cache", "weekly_day")

    def __init__(self, policy: ComplaintPolicy) -> None:
        self.policy = policy
        self.basis = policy.basis
        self.cal: WorkCalendar = policy.work_calendar
        self.comp = self.cal._compiled
        self.tz: tzinfo = self.comp.tz
        self.fixed = _fixed_offset(self.tz)
        self.sev: dict[Severity, SevTables] = {}
        base_to = (policy.dispatch.to,) if policy.dispatch and policy.dispatch.to else ()
        for s, plan in policy.severities.items():
            also = (plan.dispatch_also_to,) if plan.dispatch_also_to else ()
            self.sev[s] = SevTables(
                handler=plan.handler,
                handler_rules=plan.handler_rules,
                escalate=_step(plan.escalate),
                reply=_step(plan.reply),
                handle=cast(Tmpl, _step(plan.handle)),
                revisit=_step(plan.revisit),
                dispatch_to=base_to + also,
                extension=plan.handle.extension,
                requested_time=plan.handle.requested_time,
            )
        self.dispatch = _step(policy.dispatch)
        self.invalid = _step(policy.invalid_notice)
        self.group = _step(policy.group_report)
        self.government = _step(policy.government_report)
        self.report_result = _step(policy.report_result)
        self.sign = _step(policy.sign_result)
        self.enquiry = _step(policy.enquiry_answer)
        self.upgrade = (Tmpl(policy.upgrade_after, "", (), ("CP-UPGRADE",))
                        if policy.upgrade_after is not None else None)
        ws = policy.weekly_statistics
        self.weekly = (Tmpl(Span.same_day(), ws.owed_by, (ws.to,) if ws.to else (), ws.rules)
                       if ws is not None else None)
        self.weekly_day = ws.weekday.number if ws is not None else 0
        self.weekly_cache: dict[int, datetime] = {}
        self.requested_tmpls = frozenset(
            st.handle for st in self.sev.values() if st.requested_time)
        self.names: dict[str | None, Text] = {
            key: Text(policy.role_name(key), policy.role_name(key, zh=True))
            for key in (*policy.roles, HANDLER)}
        # the memos: each question's own, keyed by the facts its rules read
        self.steps: dict[str, Memo[Any, Any]] = {}
        self.classes: Memo[Any, Any] = Memo(CACHE_LIMIT)
        self.kinds: Memo[Any, Any] = FirstKept(FACTS_LIMIT)
        self.plans: Memo[Any, Any] = Memo(CACHE_LIMIT)
        self.shapes: dict[Any, Any] = {}
        self.hours: Memo[int, tuple[tuple[datetime, datetime], ...]] = Memo(CACHE_LIMIT)

    def name(self, key: str) -> Text:
        """A role's name in both languages (an unknown key reads as itself)."""
        got = self.names.get(key)
        return got if got is not None else Text(key, key)

    def memo(self, name: str) -> Memo[Any, Any]:
        """The memo of the step ``name``."""
        got = self.steps.get(name)
        if got is None:
            got = self.steps[name] = Memo(CACHE_LIMIT)
        return got

    # -- instants ----------------------------------------------------------------------

    def norm(self, d: datetime) -> datetime:
        """``d`` in the calendar's zone when that zone has one offset (then comparisons are
        plain field comparisons); otherwise ``d`` as given (exact, slower comparisons)."""
        if self.fixed and d.tzinfo is not self.tz:
            return d.astimezone(self.tz)
        return d

    def day(self, d: datetime) -> int:
        """The local day of ``d`` (a day number of the calendar)."""
        if d.tzinfo is self.tz:
            return d.toordinal() - 1
        x: int = self.comp.local(d)[0]
        return x

    def working_periods(self, x: int) -> tuple[tuple[datetime, datetime], ...]:
        """The working periods of local day ``x`` as instants (none on a rest day), memoised
        per day."""
        got = self.hours.get(x)
        if got is None:
            comp = self.comp
            got = self.hours.put(x, tuple((comp.instant(x, s), comp.instant(x, e))
                                          for s, e in comp.periods_of(x))
                                 if comp.is_working(x) else ())
        return got

    # -- deadlines -----------------------------------------------------------------------

    def due_x(self, t: Tmpl, start: datetime, x: int) -> datetime | None:
        """The deadline of ``t`` counted from ``start`` (its local day ``x``): memoised per
        day for a day span, one addition for elapsed time."""
        mode = t.mode
        if mode == DAY:
            hit = t.cache.get(x)
            if hit is None:
                hit = deadline(start, cast(Span, t.span), self.cal)
                if len(t.cache) > CACHE_LIMIT:
                    t.cache.clear()
                t.cache[x] = hit
            return hit
        if mode == ELAPSED:
            return self.elapsed(t, start)
        if mode == NO_LIMIT:
            return None
        return deadline(start, cast(Span, t.span), self.cal)

    def due(self, t: Tmpl, start: datetime) -> datetime | None:
        """The deadline of ``t`` counted from ``start``."""
        if t.mode == DAY:
            x = start.toordinal() - 1 if start.tzinfo is self.tz else self.day(start)
            hit = t.cache.get(x)
            return hit if hit is not None else self.due_x(t, start, x)
        return self.due_x(t, start, 0)

    def elapsed(self, t: Tmpl, start: datetime) -> datetime:
        """``start`` plus the elapsed span of ``t``, in the calendar's zone."""
        if self.fixed and start.tzinfo is self.tz:
            return start + t.td
        return (start.astimezone(UTC) + t.td).astimezone(self.tz)

    def weekly_due_x(self, x: int) -> datetime:
        """The end of the statistics day on or after local day ``x`` (`CP-4.8`)."""
        hit = self.weekly_cache.get(x)
        if hit is None:
            ahead = (self.weekly_day - x % 7) % 7
            hit = self.comp.instant(x + ahead + 1, 0)
            if len(self.weekly_cache) > CACHE_LIMIT:
                self.weekly_cache.clear()
            self.weekly_cache[x] = hit
        return hit

    def measure(self, working: bool, a: datetime, b: datetime) -> timedelta:
        """The time from ``a`` to ``b``: working time for a working span."""
        if working:
            return self.cal.working_time_between(a, b)
        return b - a

    def shift(self, working: bool, d: datetime, by: timedelta) -> datetime:
        """``d`` moved later by ``by``: in working time for a working span."""
        if working:
            return after_working_time(d, by, self.cal)
        return (d.astimezone(UTC) + by).astimezone(self.tz)


@functools.lru_cache(maxsize=64)
def _fixed_offset(tz: tzinfo) -> bool:
    """True when ``tz`` has one UTC offset from 1992 to 2100 (sampled twice a month)."""
    offsets = {datetime(y, m, d, 12, tzinfo=tz).utcoffset()
               for y in range(1992, 2101) for m in range(1, 13) for d in (1, 16)}
    return len(offsets) == 1


_TABLES: dict[int, tuple[ComplaintPolicy, Tables]] = {}
_TABLES_KEPT: Final = 64


def tables(policy: ComplaintPolicy) -> Tables:
    """The engine's tables of ``policy``, compiled on first use and kept (for the last
    policies used, by identity: a changed copy is another policy)."""
    hit = _TABLES.get(id(policy))
    if hit is not None and hit[0] is policy:
        return hit[1]
    tb = Tables(policy)
    if len(_TABLES) >= _TABLES_KEPT:
        del _TABLES[next(iter(_TABLES))]
    _TABLES[id(policy)] = (policy, tb)
    return tb


def decide(cls: type[_D], kind: str, c: Complaint, frag: Frag, outcome: Any, tb: Tables, *,
           as_of: datetime | None = None, escalation: Escalation | None = None,
           provisional: Provisional | None = None,
           explanation: Explanation | None = None, subject: str | None = None) -> _D:
    """The decision about ``c`` of the trace ``frag`` (its lines are the explanation, unless
    one is given), by the core's one builder (its fields given at once: a batch builds
    millions). Its subject is ``complaint <id>`` unless one is given."""
    return build_decision(
        cls, kind=kind, subject=f"complaint {c.id}" if subject is None else subject,
        outcome=outcome, decided_by=frag.decided,
        basis=tb.basis, as_of=as_of, not_applied=frag.not_applied, facts_used=frag.used,
        facts_set_aside=frag.aside, missing_facts=frag.missing, provisional=provisional,
        escalation=escalation,
        explanation=explanation if explanation is not None else
        Explanation.from_lines(frag.lines))
