"""What the repair questions share: the checks of their arguments, the roles that owe the
obligations, the obligation builder, and the sentences every question writes (registered
with the one renderer, :mod:`propmgmt_rules.render`, and written when first read).

Private: the questions (:mod:`.intake`, :mod:`.appointments`, :mod:`.revisits`, ...) are the
area's public face.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from fractions import Fraction
from typing import Any, Final, TypeVar

from .._memo import Memo
from ..errors import InputError
from ..obligation import ObligationState, ObligationStatus, obligation_status
from ..render import Text, duration_text, message
from ..time.calendar import require_instant
from ..time.phrasing import instant_text
from ..time.span import Span, SpanUnit
from .models import EARLIEST, LATEST

__all__ = [
    "ADMINISTRATOR",
    "CUSTOMER_SERVICE",
    "ENGINEERING",
    "PROPERTY_OFFICE",
    "REDO_OWNER",
    "REVISITOR",
    "SERVICE_CENTER",
    "Role",
    "at_text",
    "ceil_share",
    "check_period",
    "each",
    "happened",
    "instant",
    "need",
    "obligation",
    "obligation_line",
    "obligation_parts",
    "within",
]

_T = TypeVar("_T")

# -- the roles that owe the obligations of section 4 (a stable key, and how people read it) --

Role = tuple[str, Text]

CUSTOMER_SERVICE: Final[Role] = ("customer_service", Text("customer service", "客服人员"))
"""`SQ-R1`: customer service passes the request to engineering."""
PROPERTY_OFFICE: Final[Role] = ("property_office", Text("property office", "管理处"))
"""`OM-R4`: the property office keeps the agreed times."""
REVISITOR: Final[Role] = ("revisitor", Text("revisiting staff", "回访人员"))
"""`OM-RV2`, `OM-RV4`: the person revisiting."""
REDO_OWNER: Final[Role] = ("customer_service_with_supervisor",
                           Text("customer service with the department supervisor",
                                "客服人员联合相关部门主管"))
"""`SQ-RV`: the redo."""
ENGINEERING: Final[Role] = ("engineering", Text("engineering", "工程部"))
"""`MI-4.4.7`: the rectification."""
ADMINISTRATOR: Final[Role] = ("administrator", Text("administrator", "管理员"))
"""`MI-4.4.7`: telling the owner, the follow-up."""
SERVICE_CENTER: Final[Role] = ("customer_service_center",
                               Text("customer service centre", "客服中心"))
"""`MI-4.4.7`: the invitation to the second inspection."""


# -- the arguments ------------------------------------------------------------------------------


def need(value: Any, cls: type[_T], field: str) -> _T:
    """``value`` if it is a ``cls``, else an :class:`InputError` naming ``field``."""
    if not isinstance(value, cls):
        hint = "" if cls is str else f" (validate the data with {cls.__name__}.model_validate)"
        raise InputError(field, f"must be a {cls.__name__}{hint}", type(value).__name__)
    return value


def each(values: Any, cls: type[_T], field: str) -> tuple[_T, ...]:
    """Every item of ``values`` checked to be a ``cls`` (``field[i]`` names a bad one)."""
    if isinstance(values, str | bytes | dict) or not isinstance(values, Iterable):
        raise InputError(field, f"must be a sequence of {cls.__name__}", type(values).__name__)
    items = tuple(values)
    for i, v in enumerate(items):
        need(v, cls, f"{field}[{i}]")
    return items


def instant(value: Any, field: str) -> datetime:
    """A timezone-aware instant from 1900 to 2199, or an :class:`InputError` naming
    ``field``."""
    return require_instant(value, field)


def check_period(period: Any) -> None:
    """A period of two dates, the first not after the last (`OM-RV1`'s quota period)."""
    if not (isinstance(period, tuple | list) and len(period) == 2
            and all(isinstance(d, date) and not isinstance(d, datetime) for d in period)):
        raise InputError("period", "must be two dates, the first and the last day", period)
    if not all(EARLIEST.date() <= d < LATEST.date() for d in period):
        raise InputError("period", "must lie in the years 1900 to 2199", period)
    if period[0] > period[1]:
        raise InputError("period", f"the first day {period[0].isoformat()} is after the last "
                         f"day {period[1].isoformat()}", period)


def happened(at: datetime | None, as_of: datetime | None) -> bool:
    """Whether ``at`` has happened by ``as_of`` (every fact counts without ``as_of``)."""
    return at is not None and (as_of is None or at <= as_of)


def ceil_share(share: Fraction, n: int) -> int:
    """The least whole number of repairs that is at least ``share`` of ``n``: ceil(share × n),
    in exact integer arithmetic.

    >>> ceil_share(Fraction(1, 10), 25), ceil_share(Fraction(3, 10), 10), ceil_share(Fraction(1), 7)
    (3, 3, 7)
    """
    return -((-share.numerator * n) // share.denominator)


# -- obligations --------------------------------------------------------------------------------


def obligation(key: str, rule: str, duty: Text, role: Role, start: datetime | None,
               due: datetime | None, done_at: datetime | None,
               as_of: datetime | None) -> ObligationStatus:
    """An obligation of ``rule`` owed by ``role`` and its standing at ``as_of`` (the core's
    :func:`~propmgmt_rules.obligation.obligation_status`; without ``as_of``, the facts decide
    alone)."""
    return obligation_status(key, (rule,), duty, role[0], role[1], due=due, done_at=done_at,
                             as_of=as_of, start=start)


# -- sentences ----------------------------------------------------------------------------------

_AT_TEXTS: Memo[tuple[datetime, tzinfo, bool], Text] = Memo(256)


_MET: Final = ObligationState.MET
_BREACHED: Final = ObligationState.BREACHED


def at_text(at: datetime, tz: tzinfo, year: bool = False) -> Text:
    """:func:`~propmgmt_rules.time.phrasing.instant_text` of ``at`` in ``tz``, remembered (a
    bounded memo over the same function: a case's sentences name its few instants many
    times, its obligations' deadlines in their decision and again in the status)."""
    key = (at, tz, year)
    got = _AT_TEXTS.get(key)
    if got is None:
        got = _AT_TEXTS.put(key, instant_text(at, tz, year=year))
    return got



_WITHIN: Memo[int, tuple[Span, Text]] = Memo(256)


def within(span: Span) -> Text:
    """A span as a limit: "within 2 hours" / 「在2小时内」, "at once" / 「马上」 (remembered per
    span object: a policy's few spans are written in most explanations)."""
    got = _WITHIN.get(id(span))
    if got is not None and got[0] is span:
        return got[1]
    if span.unit is SpanUnit.IMMEDIATELY:
        text = Text("at once", "马上")
    elif span.unit is SpanUnit.SAME_DAY:
        text = Text("the same day", "当天")
    else:
        text = Text(f"within {span}", f"在{span.zh}内")
    _WITHIN.put(id(span), (span, text))
    return text


@message("repairs.obligation")
def obligation_line(ob: ObligationStatus, tz: tzinfo) -> Text:
    """Where one obligation stands, as the person who owes it reads it: "Pass the request to
    engineering — customer service: pending, 30 min left, due Fri 7 Mar 11:00 (SQ-R1)."."""
    return Text(*obligation_parts(ob, tz))


def obligation_parts(ob: ObligationStatus, tz: tzinfo) -> tuple[str, str]:
    """:func:`obligation_line`'s two texts, English and Chinese (for a sentence that writes
    it with others at once)."""
    due, done, state = ob.due, ob.done_at, ob.state
    if state is _MET and done is not None:
        # the instant done written afresh, not through at_text's memo: it is named once or
        # twice (its window, a status), and its key's hash (an instant of another zone:
        # a utcoffset call and two new objects) costs about what writing it does
        d = instant_text(done, tz)
        if due is None:
            en = f"met, done {d.en} (no time limit stated)"
            zh = f"已完成,完成于{d.zh}(规定未设时限)"
        else:
            # the status's slack is due - done (obligation_status), not worked out again:
            # an instant of another zone than the deadline's costs two utcoffset calls in
            # each difference or comparison
            slack = ob.slack if ob.slack is not None else due - done
            if not slack:  # done right at the deadline (a zero difference: the same instant)
                en = f"met, done {d.en}, right at the deadline"
                zh = f"已完成,完成于{d.zh},恰在截止时间"
            else:
                ahead = _duration(slack)
                u = at_text(due, tz)
                en = f"met, done {d.en}, {ahead.en} before the deadline {u.en}"
                zh = f"已完成,完成于{d.zh},比截止时间{u.zh}提前{ahead.zh}"
    elif state is _BREACHED and due is not None:
        u = at_text(due, tz)
        if done is not None:  # the status's late_by is done - due (obligation_status)
            late = _duration(ob.late_by if ob.late_by is not None else done - due)
            d = instant_text(done, tz)  # written afresh (as a met one's)
            en = f"breached, done {d.en}, {late.en} after the deadline {u.en}"
            zh = f"已逾期,截止{u.zh},{d.zh}才完成,逾期{late.zh}"
        elif ob.late_by is not None:
            late = _duration(ob.late_by)
            en = f"breached, not done, {late.en} past the deadline {u.en}"
            zh = f"已逾期,截止{u.zh},尚未完成,已逾期{late.zh}"
        else:
            en = f"breached, not done by the deadline {u.en}"
            zh = f"已逾期,截止{u.zh},尚未完成"
    elif due is None:
        en, zh = "pending, no time limit stated", "待办,规定未设时限"
    elif ob.remaining is not None:
        left = _duration(ob.remaining)
        u = at_text(due, tz)
        en = f"pending, {left.en} left, due {u.en}"
        zh = f"待办,剩余{left.zh},截止{u.zh}"
    else:
        u = at_text(due, tz)
        en, zh = f"pending, due {u.en}", f"待办,截止{u.zh}"
    (head, end), (head_zh, end_zh) = _ends(ob.duty, ob.owed_by_name, ob.rules)
    return f"{head}{en}{end}", f"{head_zh}{zh}{end_zh}"


_DURATIONS: Memo[timedelta, Text] = Memo(256)


def _duration(d: timedelta) -> Text:
    """:func:`~propmgmt_rules.render.duration_text`, remembered (a bounded memo over the same
    function: an area's deadlines are met or missed by a few recurring lengths of time)."""
    got = _DURATIONS.get(d)
    if got is None:
        got = _DURATIONS.put(d, duration_text(d))
    return got


_ENDS: Memo[tuple[int, int, tuple[str, ...]],
            tuple[Text, Text, tuple[tuple[str, str], tuple[str, str]]]] = Memo(256)


def _ends(duty: Text, who: Text, rules: tuple[str, ...]
          ) -> tuple[tuple[str, str], tuple[str, str]]:
    """What an obligation's sentence writes before and after its standing, in English and in
    Chinese: "Revisit the repair — revisiting staff: " and " (OM-RV2)." (remembered per duty
    and role objects and rules: an area's few duties are written in most explanations)."""
    key = (id(duty), id(who), rules)
    got = _ENDS.get(key)
    if got is not None and got[0] is duty and got[1] is who:
        return got[2]
    cite = rules[0] if len(rules) == 1 else ", ".join(rules)
    cite_zh = rules[0] if len(rules) == 1 else "、".join(rules)
    ends = ((f"{duty.en[:1].upper()}{duty.en[1:]} — {who.en}: ", f" ({cite})."),
            (f"{duty.zh}—{who.zh}:", f"({cite_zh})。"))
    _ENDS.put(key, (duty, who, ends))
    return ends
