"""Who owes what by when (catalog section 3): every obligation a policy imposes on a
complaint at receipt, with its owner, to whom it is owed, its deadline on the policy's
calendar and the rules that impose it.

The plan of a kind of complaint (its *shape*: :class:`Spec` s, one per obligation) depends
on what the plan's rules read: the classification, whether it came in working hours
(`SQ-HOURS`), the flags, whether an invalid complaint is owed a notice (`SQ-INVALID`) and an
enquiry an answer (`CQ-5.5`). The deadlines depend on the receipt: those of a day span on its
local day only (memoised per day), elapsed ones are one addition. The trace of the plan's
rules is memoised by the facts they read (:func:`plan_key`).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> c = Complaint(id="C1", received_at=datetime(2025, 3, 7, 10, tzinfo=sh),
...               justified=True, caused_by="company_facilities", injury=False,
...               loss_amount=0, promised_service_failed=False, about="lift",
...               intent="help", received_by="Wang")
>>> plan = obligations(c, policy="nanjing").outcome
>>> [(o.key, o.due.isoformat() if o.due else None) for o in plan.obligations][:4]
[('route', '2025-03-07T10:00:00+08:00'), ('dispatch', None),
 ('reply', '2025-03-07T12:00:00+08:00'), ('handle', '2025-03-10T18:00:00+08:00')]
"""

from __future__ import annotations

from datetime import datetime
from operator import attrgetter
from typing import Final, cast

from .._build import construct
from ..decision import SetAsideReason
from ..obligation import ObligationState, ObligationStatus
from ..render import Line
from ..time.deadline import deadline
from ..time.span import Span
from ..trace import Trace
from ._checks import check_complaint
from ._tables import (
    CACHE_LIMIT,
    DAY,
    DIRECT,
    ELAPSED,
    NO_LIMIT,
    Frag,
    Tables,
    Tmpl,
    decide,
    tables,
)
from ._text import DUTY, year_of
from .classify import READS, Cls, classification
from .models import (
    Cause,
    Complaint,
    EventType,
    Intent,
    ObligationKind,
    ObligationPlan,
    ObligationPlanDecision,
    Severity,
)
from .policy import HANDLER, ComplaintPolicy, Extension
from .presets import PROCEDURE_5, resolve_policy

__all__ = ["ANSWER_EVENTS", "HANDLED", "PLAN_READS", "Item", "Plan", "Receipt", "Shape", "Spec",
           "items", "kind_of", "obligations", "plan", "plan_key", "planned", "receipt", "shape"]

_K = ObligationKind
_E = EventType
_PENDING: Final = ObligationState.PENDING

HANDLED: Final = "handled"
"""What an obligation counted from the handling waits for."""

ANSWER_EVENTS: Final = (_E.REPLIED, _E.HANDLED, _E.INVALID_NOTICE_SENT, _E.ANSWERED)
"""The events that give the first answer (`OM-FIRST`)."""

# how an obligation's deadline is found: from the receipt's day (memoised per day, with the
# statistics day), by elapsed time, none, from the handling, the first answer's, or by the
# calendar's working time
R_DAY, R_WEEKLY, R_ELAPSED, R_NONE, R_HANDLED, R_FIRST, R_DIRECT = range(7)
_HANDLE, _ENQUIRY = _K.HANDLE, _K.ENQUIRY_ANSWER
_CODE_OF_MODE: Final = {DAY: R_DAY, ELAPSED: R_ELAPSED, NO_LIMIT: R_NONE, DIRECT: R_DIRECT}


class Spec:
    """One obligation of a plan's shape: everything but the complaint's instants."""

    __slots__ = ("code", "done", "duty", "event", "extension", "key", "kind", "late_approval",
                 "owed_by", "owed_by_name", "pause_kind", "rules", "span", "tmpl", "to",
                 "with_person")

    def __init__(self, tb: Tables, kind: ObligationKind, tmpl: Tmpl,
                 done: tuple[EventType, ...], *, owed_by: str | None = None,
                 to: tuple[str, ...] | None = None, rules: tuple[str, ...] | None = None,
                 handled: bool = False, with_person: bool = False,
                 extension: Extension | None = None,
                 pause_kind: ObligationKind | None = None) -> None:
        self.kind = kind
        self.key = kind.value
        """The obligation's key in its status (a plain string, as every area's)."""
        self.tmpl = tmpl
        self.span = tmpl.span
        self.done = done
        self.event = None if done is ANSWER_EVENTS else done[0]
        """The one event that meets it (``None``: the first answer of any kind)."""
        self.owed_by = owed_by if owed_by is not None else tmpl.owed_by
        self.owed_by_name = tb.name(self.owed_by)
        self.duty = DUTY[kind]
        self.to = to if to is not None else tmpl.to
        self.rules = rules if rules is not None else tmpl.rules
        self.with_person = with_person
        self.extension = extension
        self.late_approval = extension.approver if extension is not None else None
        self.pause_kind = pause_kind or kind
        if handled:
            self.code = R_HANDLED
        elif kind is _K.WEEKLY_STATISTICS:
            self.code = R_WEEKLY
        elif kind is _K.FIRST_CONTACT:
            self.code = R_FIRST
        else:
            self.code = _CODE_OF_MODE[tmpl.mode]

    @property
    def handled(self) -> bool:
        """Counted from the handling."""
        return self.code == R_HANDLED


class Shape:
    """The obligations of one kind of complaint under a policy (kept per shape key), and the
    deadlines that depend only on the receipt's local day, memoised per day."""

    __slots__ = ("answer", "days", "handler", "routed_to", "rules", "specs", "undetermined")

    def __init__(self, specs: list[Spec], handler: str | None, routed_to: str | None,
                 undetermined: list[ObligationKind], answer: int) -> None:
        self.specs = tuple(specs)
        self.handler = handler
        self.routed_to = routed_to
        self.undetermined = tuple(undetermined)
        self.answer = answer
        rules: dict[str, None] = {}
        for sp in specs:
            rules.update(dict.fromkeys(sp.rules))
        self.rules = tuple(rules)
        self.days: dict[int, tuple[datetime | None, ...]] = {}

    def day(self, x: int, start: datetime, tb: Tables) -> tuple[datetime | None, ...]:
        """The deadlines of a start on local day ``x`` that depend on that day only (``None``
        for the others), memoised per day."""
        got = self.days.get(x)
        if got is None:
            got = tuple(tb.due_x(sp.tmpl, start, x) if sp.code == R_DAY else
                        tb.weekly_due_x(x) if sp.code == R_WEEKLY else None
                        for sp in self.specs)
            if len(self.days) > CACHE_LIMIT:
                self.days.clear()
            self.days[x] = got
        return got


_ShapeKey = tuple[bool | None, Severity | None, bool, bool, bool, bool, bool]
_EV_OF: Final = {_K.REPORT_RESULT: _E.RESULT_REPORTED, _K.SIGN_RESULT: _E.RESULT_SIGNED,
                 _K.REVISIT: _E.REVISITED}


def _build_shape(tb: Tables, key: _ShapeKey) -> Shape:
    valid, severity, off_hours, group, gov, notice, enquiry = key
    policy = tb.policy
    specs: list[Spec] = []
    undetermined: list[ObligationKind] = []
    routed_to: str | None = None
    off_handler: str | None = None
    routing = policy.routing
    if routing is not None:  # SQ-HOURS
        routed_to = routing.off_hours if off_hours else routing.in_hours
        off_handler = routing.off_hours_handler if off_hours else None
        t = Tmpl(routing.span, routing.owed_by, (routed_to,), routing.rules)
        specs.append(Spec(tb, _K.ROUTE, t, (_E.ROUTED,), with_person=True))
    if group and tb.group is not None:
        specs.append(Spec(tb, _K.REPORT_LEADERSHIP, tb.group, (_E.LEADERSHIP_INFORMED,)))
    if gov and tb.government is not None:
        specs.append(Spec(tb, _K.REPORT_HEAD, tb.government, (_E.HEAD_INFORMED,)))
    handler: str | None = None
    answer = -1
    if valid is True:
        st = tb.sev[severity] if severity is not None else None
        if tb.dispatch is not None:
            to = st.dispatch_to if st is not None else tb.dispatch.to
            specs.append(Spec(tb, _K.DISPATCH, tb.dispatch, (_E.DISPATCHED,), to=to))
        if st is not None:
            handler = off_handler or st.handler
            if st.escalate is not None:
                specs.append(Spec(tb, _K.ESCALATE, st.escalate, (_E.ESCALATED,)))
            if st.reply is not None:
                answer = len(specs)
                specs.append(Spec(tb, _K.REPLY, st.reply, (_E.REPLIED,), owed_by=off_handler))
            if answer < 0:
                answer = len(specs)
            specs.append(Spec(tb, _K.HANDLE, st.handle, (_E.HANDLED,), owed_by=off_handler,
                              extension=st.extension))
            for kind, tt in ((_K.REPORT_RESULT, tb.report_result), (_K.SIGN_RESULT, tb.sign),
                             (_K.REVISIT, st.revisit)):
                if tt is not None:
                    owed = handler if tt.owed_by == HANDLER else tt.owed_by
                    specs.append(Spec(tb, kind, tt, (_EV_OF[kind],), owed_by=owed,
                                      handled=True))
        else:
            undetermined.extend(k for k in (_K.ESCALATE, _K.REPLY, _K.HANDLE, _K.REPORT_RESULT,
                                            _K.SIGN_RESULT, _K.REVISIT) if _policy_has(tb, k))
    elif valid is False:
        if notice and tb.invalid is not None:
            answer = len(specs)
            specs.append(Spec(tb, _K.NOTIFY_INVALID, tb.invalid, (_E.INVALID_NOTICE_SENT,)))
    else:
        undetermined.extend(k for k in (_K.DISPATCH, _K.ESCALATE, _K.REPLY, _K.HANDLE,
                                        _K.NOTIFY_INVALID, _K.REPORT_RESULT, _K.SIGN_RESULT,
                                        _K.REVISIT) if _policy_has(tb, k))
    if tb.weekly is not None:
        specs.append(Spec(tb, _K.WEEKLY_STATISTICS, tb.weekly, (_E.STATISTICS_REPORTED,)))
    if enquiry and tb.enquiry is not None:
        if answer < 0:
            answer = len(specs)
        specs.append(Spec(tb, _K.ENQUIRY_ANSWER, tb.enquiry, (_E.ANSWERED,), with_person=True))
    if policy.first_contact:  # OM-FIRST: the first answer's deadline, whichever it is
        if answer >= 0:
            a = specs[answer]
            specs.append(Spec(tb, _K.FIRST_CONTACT, a.tmpl, ANSWER_EVENTS,
                              owed_by=cast(str, policy.first_contact_role), to=a.to,
                              rules=("OM-FIRST", *a.rules), with_person=True,
                              pause_kind=a.kind))
        elif valid is not False:  # an invalid complaint with no notice owes no answer
            undetermined.append(_K.FIRST_CONTACT)
    return Shape(specs, handler, routed_to, undetermined, answer)


def _policy_has(tb: Tables, kind: ObligationKind) -> bool:
    if kind is _K.DISPATCH:
        return tb.dispatch is not None
    if kind is _K.NOTIFY_INVALID:
        return tb.invalid is not None
    if kind is _K.REPORT_RESULT:
        return tb.report_result is not None
    if kind is _K.SIGN_RESULT:
        return tb.sign is not None
    if kind is _K.HANDLE:
        return True
    attr = {_K.ESCALATE: "escalate", _K.REPLY: "reply", _K.REVISIT: "revisit"}[kind]
    return any(getattr(s, attr) is not None for s in tb.sev.values())


def shape(tb: Tables, valid: bool | None, severity: Severity | None, off_hours: bool,
          group: bool, gov: bool, notice: bool, enquiry: bool) -> Shape:
    """The shape of a kind of complaint (kept per policy)."""
    key: _ShapeKey = (valid, severity, off_hours, group, gov, notice, enquiry)
    got = tb.shapes.get(key)
    if got is None:
        got = tb.shapes[key] = _build_shape(tb, key)
    return cast(Shape, got)


# -- the receipt ---------------------------------------------------------------------------------


Receipt = tuple[datetime, int, bool]
"""A complaint's receipt, read once: the instant in the calendar's zone, its local day, and
whether it came outside working hours (`SQ-HOURS`)."""


def receipt(c: Complaint, tb: Tables) -> Receipt:
    """The receipt of ``c`` (checked by :func:`._checks.check_complaint`)."""
    received = tb.norm(c.received_at)
    x = tb.day(received)
    off_hours = False
    if tb.policy.routing is not None:
        for lo, hi in tb.working_periods(x):
            if lo <= received < hi:
                break
        else:
            off_hours = True
    return received, x, off_hours


# -- the plan's rules and their trace --------------------------------------------------------


class Plan:
    """The plan of a kind of complaint: its shape, its classification, the trace of the
    plan's rules, and the trace of a status that nothing in the history adds to (the
    classification's, the plan's, the obligations' rules and `CP-STATUS`)."""

    __slots__ = ("cls", "flags", "frag", "shape", "status_frag")

    def __init__(self, cls: Cls, shape: Shape, flags: tuple[bool, bool, bool, bool, bool],
                 frag: Frag) -> None:
        self.cls = cls
        self.shape = shape
        self.flags = flags
        """What the shape reads besides the classification: off hours, group, government,
        notice, enquiry (a re-plan under another severity reads the same)."""
        self.frag = frag
        self.status_frag = (cls.frag + frag).rules(*shape.rules, "CP-STATUS")


def plan_key(c: Complaint, cls: Cls, off_hours: bool) -> tuple[object, ...]:
    """The facts the plan's rules read (:func:`_plan_trace`): the classification, the
    receipt in or out of working hours (`SQ-HOURS`), whether the first receiver is known
    (`OM-FIRST`), a requested time and whether it is reasonable (`CP-4.3.2`), the cause
    (`SQ-INVALID`), the intent, whether it was answered at once and when the client was told
    (`CQ-5.5`); the flags are the classification's."""
    return (cls, off_hours, c.received_by is None, c.requested_by is None,
            c.requested_time_reasonable, c.caused_by, c.intent, c.answered_at_once,
            c.expected_answer_at is None)


PLAN_READS: Final = ("requested_time_reasonable", "caused_by", "intent", "answered_at_once")
"""The facts the plan's rules read by value (besides the classification); they read
``received_by``, ``requested_by`` and ``expected_answer_at`` for whether they are known."""

_KIND: Final = attrgetter(*dict.fromkeys((*READS, *PLAN_READS)))


def kind_of(c: Complaint, off_hours: bool, tb: Tables) -> Plan:
    """The plan of ``c`` with its classification, memoised by every fact they read (the
    classification's :data:`~.classify.READS`, :data:`PLAN_READS`, which of the instants
    the plan reads are known, and whether the receipt is in working hours): a batch of a
    million complaints classifies and plans each kind once, with :func:`classification` and
    :func:`plan`."""
    key = (_KIND(c), off_hours, c.received_by is None, c.requested_by is None,
           c.expected_answer_at is None)
    got: Plan | None = tb.kinds.get(key)
    if got is None:
        got = tb.kinds.put(key, plan(c, classification(c, tb), off_hours, tb))
    return got


def plan(c: Complaint, cls: Cls, off_hours: bool, tb: Tables) -> Plan:
    """The plan of ``c`` (memoised by :func:`plan_key`)."""
    key = plan_key(c, cls, off_hours)
    got: Plan | None = tb.plans.get(key)
    if got is None:
        valid = cls.valid
        flags = (off_hours, c.group, c.forwarded_by_government,
                 valid is False and c.caused_by is not Cause.RESIDENT,
                 c.intent is Intent.ENQUIRY and c.answered_at_once is False)
        sh = shape(tb, valid, cls.severity, *flags)
        tr = Trace()
        _plan_trace(c, off_hours, cls, sh, tb, tr)
        got = tb.plans.put(key, Plan(cls, sh, flags, Frag.of(tr)))
    return got


def _plan_trace(c: Complaint, off_hours: bool, cls: Cls, sh: Shape, tb: Tables,
                tr: Trace) -> None:
    """The facts and rules the plan used, set aside or missed (reads :func:`plan_key`)."""
    policy = tb.policy
    routing = policy.routing
    if routing is not None:
        tr.rule(*routing.rules)
        tr.use("received_at", routing.rules[0],
               "outside working hours" if off_hours else "in working hours")
    if c.group and tb.group is None:
        tr.set_aside("group", SetAsideReason.DISABLED_BY_RULEBOOK, "SQ-GROUP",
                     f"not part of {policy.name}")
    if c.forwarded_by_government and tb.government is None:
        tr.set_aside("forwarded_by_government", SetAsideReason.DISABLED_BY_RULEBOOK, "SQ-GOV",
                     f"not part of {policy.name}")
    if cls.valid is True and cls.severity is not None:
        st = tb.sev[cls.severity]
        tr.rule(*st.handler_rules)
        if st.requested_time and c.requested_by is not None:
            if c.requested_time_reasonable is True:
                tr.use("requested_by", "CP-4.3.2", "the resident's reasonable requested time")
            elif c.requested_time_reasonable is False:
                tr.set_aside("requested_by", SetAsideReason.NOT_SUPPORTED, "CP-4.3.2",
                             "not a reasonable requested time")
            else:
                tr.missing("requested_time_reasonable", "CP-4.3.2",
                           "Is the resident's requested time reasonable (it then replaces the "
                           "span)?")
        elif c.requested_by is not None:
            tr.set_aside("requested_by", SetAsideReason.NOT_APPLICABLE, None,
                         "the policy takes no requested time for this severity")
    elif cls.valid is False and tb.invalid is not None:
        if c.caused_by is Cause.RESIDENT:
            tr.not_applying("SQ-INVALID", "the cause is the client's own: no notice")
            tr.use("caused_by", "SQ-INVALID", "the client's own cause")
        else:
            tr.rule(*tb.invalid.rules)
            if c.caused_by is None:
                tr.missing("caused_by", "SQ-INVALID",
                           "Is the cause the client's own (then no notice is given)?")
    if c.intent is Intent.ENQUIRY and tb.enquiry is not None:
        if c.answered_at_once is False:
            tr.rule(*tb.enquiry.rules)
            if c.expected_answer_at is None:
                tr.missing("expected_answer_at", "CQ-5.5",
                           "When was the client told to expect the answer?")
        elif c.answered_at_once is None:
            tr.missing("answered_at_once", "CQ-5.5",
                       "Was the enquiry answered at once, to the client's satisfaction?")
        else:
            tr.not_applying("CQ-5.5", "answered at once")
    if policy.first_contact and sh.answer >= 0:
        tr.rule("OM-FIRST")
        if c.received_by is None:
            tr.missing("received_by", "OM-FIRST", "Who first received the client?")
    elif policy.first_contact and cls.valid is False:
        tr.not_applying("OM-FIRST", "no answer is owed: an invalid complaint without a notice")


# -- the deadlines ---------------------------------------------------------------------------

Item = tuple[Spec, datetime | None, datetime | None, str | None]
"""An obligation of one complaint under one shape: (spec, start, deadline, person)."""


def items(c: Complaint, sh: Shape, start: datetime, x: int, handled_at: datetime | None,
          tb: Tables) -> list[Item]:
    """The obligations of ``sh`` counted from ``start`` (the receipt, or the instant of an
    upgrade, `CP-UPGRADE`; ``x`` its local day), those of the handling from ``handled_at``.
    A reasonable requested time replaces the handling's span (`CP-4.3.2`); the time the
    client was told bounds an enquiry's answer (`CQ-5.5`)."""
    days = sh.days.get(x)
    if days is None:
        days = sh.day(x, start, tb)
    out: list[Item] = []
    append = out.append
    person = c.received_by
    requested, told = c.requested_by, c.expected_answer_at
    plain = tb.fixed and start.tzinfo is tb.tz  # elapsed time is one addition
    answer_due: datetime | None = None
    answer = sh.answer
    i = -1
    for sp, due in zip(sh.specs, days, strict=True):
        i += 1
        code = sp.code
        st: datetime | None = start
        if code > R_WEEKLY:  # not a deadline of the receipt's day
            if code == R_ELAPSED:
                due = start + sp.tmpl.td if plain else tb.elapsed(sp.tmpl, start)
            elif code == R_HANDLED:
                st = handled_at
                due = tb.due(sp.tmpl, handled_at) if handled_at is not None else None
            elif code == R_FIRST:
                due = answer_due
            elif code == R_NONE:
                due = None
            else:
                due = deadline(start, cast(Span, sp.span), tb.cal)
        if requested is not None or told is not None:
            kind = sp.kind
            if kind is _HANDLE:
                if requested is not None and c.requested_time_reasonable is True \
                        and sp.tmpl in tb.requested_tmpls:
                    due = tb.norm(requested)
            elif kind is _ENQUIRY and told is not None and due is not None:
                told_at = tb.norm(told)
                if told_at < due:
                    due = told_at
        if i == answer:
            answer_due = due
        append((sp, st, due, person if sp.with_person else None))
    return out


def planned(it: Item) -> ObligationStatus:
    """An obligation of a plan at receipt: pending, its deadline not yet known when it is
    counted from the handling."""
    sp, start, due, person = it
    return ObligationStatus(sp.key, sp.rules, sp.duty, sp.owed_by, sp.owed_by_name, sp.to,
                            person, start, due, None, _PENDING, None, None, None, None, None,
                            False, sp.late_approval,
                            HANDLED if sp.handled and start is None else None)


# -- the question ---------------------------------------------------------------------------


def obligations(complaint: Complaint, *, policy: ComplaintPolicy | str = PROCEDURE_5
                ) -> ObligationPlanDecision:
    """Every obligation ``policy`` (a policy, or a preset's name) imposes on ``complaint``
    at receipt, each with its owner and deadline; obligations counted from the handling wait
    for it (``due`` is ``None``, ``waiting_for`` is ``"handled"``)."""
    policy = resolve_policy(policy)
    check_complaint(complaint)
    tb = tables(policy)
    cls = classification(complaint, tb)
    received, x, off_hours = receipt(complaint, tb)
    p = plan(complaint, cls, off_hours, tb)
    sh = p.shape
    its = items(complaint, sh, received, x, None, tb)
    obs = tuple(planned(it) for it in its)
    if cls.valid is True and cls.severity is not None:
        handler_rules = tb.sev[cls.severity].handler_rules
        if policy.routing is not None and sh.handler == policy.routing.off_hours_handler \
                and off_hours:
            handler_rules = policy.routing.rules
    else:
        handler_rules = ()
    tz = tb.tz
    year = year_of(received, tz)
    requested = tb.norm(complaint.requested_by) if complaint.requested_by else None
    told = tb.norm(complaint.expected_answer_at) if complaint.expected_answer_at else None
    lines: list[Line] = [*cls.frag.lines, ("complaints.plan_head", policy, received, tz,
                                           sh.handler, handler_rules, sh.routed_to)]
    for o, (sp, _, due, _) in zip(obs, its, strict=True):
        how = ("requested" if sp.kind is _HANDLE and requested is not None and due == requested
               else "told" if sp.kind is _ENQUIRY and told is not None and due == told
               else None)
        lines.append(("complaints.plan_line", o, sp.span, policy, tz, year, tb.weekly_day, how))
    lines.extend(("complaints.undetermined", k) for k in sh.undetermined)
    rules: list[str] = []
    for sp, *_ in its:
        rules.extend(sp.rules)
        if sp.span is not None:
            rules.extend(sp.span.rule_ids)
    f = (cls.frag + p.frag).rules(*rules)
    frag = Frag(f.decided, f.not_applied, f.used, f.aside, f.missing, tuple(lines))
    outcome = construct(ObligationPlan, {
        "severity": cls.severity, "handler": sh.handler, "routed_to": sh.routed_to,
        "obligations": obs, "undetermined": sh.undetermined})
    return decide(ObligationPlanDecision, "complaint.obligations", complaint, frag, outcome, tb,
                  escalation=cls.escalation)
