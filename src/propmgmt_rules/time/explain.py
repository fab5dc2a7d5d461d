"""The explained deadline: :func:`deadline` as a decision citing its `T-` rules, explained in
English and Chinese.

The decision is built from the answer and what it is made of (the last day, the rest days
skipped, the calendar's holidays and make-up days that counted); its explanation is one atom
of the message ``time.deadline``, written by the one renderer (:mod:`propmgmt_rules.render`)
when it is first read.

What a deadline's explanation says depends on three things, each written once and kept:

* the span and the calendar (a *plan*): the span's words, the zone and calendar, the rule
  sentence with a blank for the last day and for how it ends, the estimate warning;
* the start's local day (and, for working time, the deadline's day): the last day, the rest
  days skipped, the make-up days counted, the facts used, and the lines written from them;
* the start instant itself: its time of day (and, for elapsed and working time, the deadline
  instant), written when the explanation is read.

A batch names a few spans and calendars and its deadlines fall on a few hundred days, so most
explained deadlines write only the last part (bounded memos: memory stays flat).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> d = explain_deadline(datetime(2025, 1, 24, 17, 30, tzinfo=ZoneInfo("Asia/Shanghai")),
...                      "3个工作日", calendar="china-official")
>>> d.outcome.due.isoformat(), d.decided_by
('2025-02-06T00:00:00+08:00', ('T-WORKING-DAYS',))
>>> print(d.explanation.zh.splitlines()[-1])
截止:2月5日(周三)24:00。
"""

from __future__ import annotations

import bisect
import contextlib
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, Final

from .._build import construct_dict
from .._memo import Memo
from ..decision import Basis, Explanation, FactUsed, decision_of
from ..errors import InputError
from ..render import Text, message
from .calendar import DAY_US, WorkCalendar, _clock, _Compiled, require_aware
from .deadline import _out_of_range, deadline, due_of_last, last_x
from .models import CalendarLike, DeadlineDecision, DeadlineOutcome
from .phrasing import CLOCK, _day, instant_text, time_text
from .presets import resolve_calendar
from .span import Span, SpanUnit, span_of

__all__ = ["calendar_name_zh", "clear_memos", "explain_deadline", "explained"]

_LIST_LIMIT: Final = 8
_ZH_WEEKDAYS: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_ZH_CALENDARS: Final = {"weekdays": "周一至周五", "24/7": "全天候", "custom": "自定义"}
_ONE_DAY: Final = timedelta(days=1)
_MESSAGE: Final = "time.deadline"

# what a plan keys its days by, and where the deadline instant comes from
_BY_DAY: Final = 0
"""Same day, days, working days, months: the deadline follows from the start's local day."""
_WORKING: Final = 1
"""Working hours and minutes: the rest days and make-up days between the two days."""
_ELAPSED: Final = 2
"""Immediately, minutes, hours: nothing between the days is counted."""
_BY_DAY_UNITS: Final = frozenset(
    {SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.WORKING_DAYS, SpanUnit.MONTHS})


def explain_deadline(
    start: datetime,
    span: Span | str,
    calendar: CalendarLike = "weekdays",
    *,
    done_at: datetime | None = None,
) -> DeadlineDecision:
    """:func:`deadline`, as a decision citing its `T-` rules and explaining itself.

    With ``done_at``, the decision also says whether an action then met the deadline
    (``x <= d``); for a span counted forwards, an action before the start is an
    :class:`InputError` naming ``done_at``. It lists the rest days it skipped (linear in the
    span); its explanation is written when first read.
    """
    return explained(start, span, calendar, done_at, "")


def explained(start: datetime, span: Span | str, calendar: CalendarLike,
              done_at: datetime | None, subject_prefix: str) -> DeadlineDecision:
    """:func:`explain_deadline`, its subject after ``subject_prefix`` (the command line's
    case id)."""
    if type(span) is not Span:
        span = span_of(span)
    cal = calendar if type(calendar) is WorkCalendar else resolve_calendar(calendar)
    plan = _PLANS.get((id(span), id(cal)))
    if plan is None:
        plan = _plan(span, cal)
    day: _Day | None = None
    local: datetime | None = None
    if plan.kind == _BY_DAY:  # the deadline follows from the start's day: kept with it
        require_aware(start, "start")
        try:
            local = start.astimezone(plan.tz)
        except (OverflowError, ValueError):
            pass  # deadline() says so
        else:
            day = _DAYS.get((plan, local.toordinal() - 1))
    if day is None:
        if local is not None:  # a new day: its last day and deadline (deadline()'s own steps)
            x = local.toordinal() - 1
            try:
                last_n = last_x(plan.c, x, span)
                assert last_n is not None
                due = due_of_last(plan.c, span, last_n)
            except (OverflowError, ValueError):
                raise _out_of_range(start, span) from None
            if done_at is not None:
                _check_done(start, span, plan.tz, done_at)
            day = _remember((plan, x), _Day(plan, x, due, last_n))
        else:
            due = deadline(start, span, cal)  # checks start
            if done_at is not None:
                _check_done(start, span, plan.tz, done_at)
            try:
                local = start.astimezone(plan.tz)
                x = local.toordinal() - 1
                key: tuple[Any, ...]
                if plan.kind == _WORKING:
                    key = (plan, x, due.astimezone(plan.tz).toordinal() - 1)
                else:
                    key = (plan, x)
                day = _DAYS.get(key)
                if day is None:
                    day = _remember(key, _Day(plan, x, due, None))
            except (OverflowError, ValueError):
                raise _out_of_range(start, span) from None
    else:
        due = day.due
        if done_at is not None:
            _check_done(start, span, plan.tz, done_at)
    assert local is not None
    offset = _OFFSETS.get(local.utcoffset())
    if offset is None:
        offset = _offset(local)
    outcome = construct_dict(DeadlineOutcome, {
        "start": start, "span": span, "due": due, "last_day": day.last,
        "rest_days_skipped": day.skipped, "done_at": done_at,
        "met": None if done_at is None else done_at <= due})
    return decision_of(  # positionally, in the fields' order (build_decision's decision)
        DeadlineDecision, "time.deadline",
        f"{subject_prefix}{plan.subject}{day.iso}T{CLOCK[local.hour * 60 + local.minute]}"
        f"{offset}", None, outcome, plan.rules, (),
        day.facts if done_at is None else day.done_facts, (), (), plan.basis, None, None,
        Explanation.from_lines(((_MESSAGE, local, day, due, done_at),)))


def _check_done(start: datetime, span: Span, tz: tzinfo, done_at: datetime) -> None:
    """Refuse an action before the start (a span counted forwards) or one the calendar's
    zone ``tz`` (the plan's: its calendar's, without the calendar's property) cannot write."""
    require_aware(done_at, "done_at")
    if not span.before and done_at < start:
        raise InputError(
            "done_at",
            f"is before the start {start.isoformat()}: an action cannot precede what it "
            "answers", done_at.isoformat())
    try:  # the explanation writes it in the calendar's zone
        done_at.astimezone(tz)
    except OverflowError:
        raise InputError("done_at", "falls outside the years 1-9999 in the calendar's "
                         "time zone", done_at.isoformat()) from None


# -- memos: a batch names few spans and calendars; its deadlines fall on few days ---------------

_PLAN_LIMIT: Final = 256
_DAY_LIMIT: Final = 16384

_PLANS: dict[tuple[int, int], _Plan] = {}
"""Plans by the ids of their span and calendar, which they keep alive (so an id is not
reused while its entry lives)."""
_PLANS_BY_VALUE: dict[tuple[Span, int], _Plan] = {}
"""Plans by their span's value (a span equal to the plan's, another object) and calendar id."""
_DAYS: dict[tuple[Any, ...], _Day] = {}
"""What a plan gives from a start day (and, for working time, a deadline day); the oldest
entry goes first when it is full."""
_OFFSETS: dict[timedelta | None, str] = {}
"""UTC offsets as ``isoformat`` writes them (``+08:00``)."""


def _plan(span: Span, cal: WorkCalendar) -> _Plan:
    plan = _PLANS_BY_VALUE.get((span, id(cal)))
    if plan is None:
        if len(_PLANS_BY_VALUE) >= _PLAN_LIMIT or len(_PLANS) >= _PLAN_LIMIT:
            clear_memos()
        plan = _PLANS_BY_VALUE[span, id(cal)] = _Plan(span, cal)
    if plan.span is span:  # an equal span of another object is found by value, not by id
        if len(_PLANS) >= _PLAN_LIMIT:
            clear_memos()
        _PLANS[id(span), id(cal)] = plan
    return plan


def _remember(key: tuple[Any, ...], day: _Day) -> _Day:
    if len(_DAYS) >= _DAY_LIMIT:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread
            del _DAYS[next(iter(_DAYS))]
    _DAYS[key] = day
    return day


def _offset(local: datetime) -> str:
    text = local.isoformat(timespec="minutes")[16:]  # after YYYY-MM-DDTHH:MM
    if len(_OFFSETS) >= _PLAN_LIMIT:
        _OFFSETS.clear()
    _OFFSETS[local.utcoffset()] = text
    return text


def clear_memos() -> None:
    """Forget every plan and day kept (for measurements of a fresh process)."""
    _PLANS.clear()
    _PLANS_BY_VALUE.clear()
    _DAYS.clear()
    _OFFSETS.clear()
    _LISTED.clear()


class _Plan:
    """What the explanations of deadlines of one span on one calendar share: the span's
    words and rules, the basis, and (when first read) the sentences with blanks for a day."""

    __slots__ = ("_holidays", "_written", "basis", "c", "cal", "day_facts", "done_facts",
                 "fact_rule",
                 "facts", "has_holidays", "kind", "makeup_facts", "makeup_listed", "makeup_x",
                 "rules", "span", "subject", "tz", "unextended")

    def __init__(self, span: Span, cal: WorkCalendar) -> None:
        self.span, self.cal = span, cal
        self.c: _Compiled = cal._compiled
        self.tz = self.c.tz
        unit = span.unit
        self.kind = (_BY_DAY if unit in _BY_DAY_UNITS
                     else _WORKING if span.is_working_time else _ELAPSED)
        self.rules = span.rule_ids
        self.subject = f"{span} " if span.before else f"{span} from "
        rule = self.rules[0]
        self.facts = (FactUsed("span", rule), FactUsed("start", rule))
        self.done_facts = (FactUsed("done_at", rule), *self.facts)
        self.fact_rule = self.rules[-1]
        self.basis = Basis(kind="calendar", name=cal.name, version=cal.source or "custom")
        self.unextended = (span.model_copy(update={"extend_over_rest_days": False})
                           if span.extend_over_rest_days else span)
        self.has_holidays = bool(cal.holidays)
        makeup = bool(cal.makeup_working_days)
        counted = unit is SpanUnit.WORKING_DAYS or span.is_working_time
        self.makeup_facts = makeup and (counted or span.extend_over_rest_days)
        self.makeup_listed = makeup and counted
        self.makeup_x = tuple(d.toordinal() - 1 for d in cal.makeup_working_days)
        self._written: _Written | None = None
        self._holidays: frozenset[date] | None = None
        self.day_facts: dict[tuple[str, date], FactUsed] = {}
        """The facts of the calendar's holidays and make-up days the deadlines used, each
        made once (at most one for each of the calendar's dates: bounded by the calendar)."""

    def holidays(self) -> frozenset[date]:
        if self._holidays is None:
            self._holidays = frozenset(self.cal.holidays)
        return self._holidays

    @property
    def written(self) -> _Written:
        if self._written is None:
            self._written = _Written(self)
        return self._written


class _Written:
    """A plan's sentences: the first line around the start instant, the rule sentence (with
    blanks for the last day and how it ends), the lines after it that do not depend on the
    day."""

    __slots__ = ("before_en", "before_zh", "due_en", "due_zh", "elapsed_en", "elapsed_zh",
                 "ends", "head_en", "head_zh", "rule", "warning_en", "warning_zh")

    def __init__(self, plan: _Plan) -> None:
        span, cal = plan.span, plan.cal
        where = Text(f"({cal.timezone}, calendar {cal.name!r})",
                     f"({_zone_zh(cal)},日历“{calendar_name_zh(cal)}”)")
        en, zh = str(span), span.zh
        if span.before:
            self.head_en = (f"{en} ", f" {where.en}, counted backwards to the latest instant to "
                            "act:\n")
            self.head_zh = ("以", f"为目标时间{zh}{where.zh},向前倒数至最迟办理时间:\n")
            self.due_en, self.due_zh = "act by: ", "最迟办理:"
        else:
            bare = str(span.model_copy(update={"extend_over_rest_days": False})
                       if span.extend_over_rest_days else span)
            extended = ", extended over rest days" if span.extend_over_rest_days else ""
            self.head_en = (f"{bare} from ", f"{extended} {where.en}:\n")
            self.head_zh = ("自", f"起{zh}{where.zh}:\n")
            self.due_en, self.due_zh = "due: ", "截止:"
        self.before_en = self.head_en[0]
        self.before_zh = self.head_zh[0]
        if cal.estimated:
            self.warning_en = ("\nwarning: the calendar's holidays are estimated, not the "
                               "official schedule.")
            self.warning_zh = "\n注意:该日历的节假日为推算值,并非官方公布的安排。"
        else:
            self.warning_en = self.warning_zh = ""
        self.rule = _Template(_rule_sentence(span, cal, _BLANK_DAY, _BLANK_END))
        self.ends: dict[int, tuple[Text, str]] = {}
        # elapsed time (immediately, minutes, hours): the lines after the start's day, to the
        # deadline instant, are the same for every day
        self.elapsed_en = f"{self.head_en[1]}{self.rule.en[0]}{self.warning_en}\n{self.due_en}"
        self.elapsed_zh = f"{self.head_zh[1]}{self.rule.zh[0]}{self.warning_zh}\n{self.due_zh}"

    def end(self, c: _Compiled, span: Span, last_x: int) -> tuple[Text, str]:
        """How the last day ends: at 24:00, or at close of business (working days); and the
        deadline's time of day as :func:`_at` writes it (``24:00``, or the close's)."""
        if span.unit is not SpanUnit.WORKING_DAYS:
            return _MIDNIGHT_END
        close = c.close_of(last_x)
        got = self.ends.get(close)
        if got is None:
            got = self.ends[close] = _MIDNIGHT_END if close == DAY_US else (Text(
                f"close of business, {time_text(_clock(close))}",
                f"下班时间{time_text(_clock(close))}"), time_text(_clock(close)))
        return got


_MIDNIGHT: Final = Text("24:00", "24:00")
_MIDNIGHT_END: Final = (_MIDNIGHT, "24:00")
_DAY_MARK: Final = "\x00day\x00"
_END_MARK: Final = "\x00end\x00"
_BLANK_DAY: Final = Text(_DAY_MARK, _DAY_MARK)
_BLANK_END: Final = Text(_END_MARK, _END_MARK)


class _Template:
    """A sentence in both languages with blanks for a day and for how it ends (in that
    order, each at most once): ``pre`` + day + ``mid`` + end + ``post``."""

    __slots__ = ("en", "zh")

    def __init__(self, sentence: Text) -> None:
        self.en = self._parts(sentence.en)
        self.zh = self._parts(sentence.zh)

    @staticmethod
    def _parts(text: str) -> tuple[str, ...]:
        pre, day, rest = text.partition(_DAY_MARK)
        if not day:
            return (pre,)
        mid, end, post = rest.partition(_END_MARK)
        return (pre, mid, post) if end else (pre, mid)

    def fill(self, day: tuple[str, str], end: Text) -> tuple[str, str]:
        en, zh = self.en, self.zh
        if len(en) == 3:
            return (f"{en[0]}{day[0]}{en[1]}{end.en}{en[2]}",
                    f"{zh[0]}{day[1]}{zh[1]}{end.zh}{zh[2]}")
        if len(en) == 2:
            return f"{en[0]}{day[0]}{en[1]}", f"{zh[0]}{day[1]}{zh[1]}"
        return en[0], zh[0]


class _Day:
    """What a deadline of a plan is made of from a start's local day ``x`` (and, for working
    time, the deadline's day), besides the instants: its last day, the rest days skipped, the
    facts used, and (when first read) the explanation's text around the start's time of day
    (and the deadline instant, unless it follows from the day)."""

    __slots__ = ("_text", "done_facts", "due", "due_day", "facts", "first", "iso", "last",
                 "last_x", "plan", "skipped", "x", "year")

    def __init__(self, plan: _Plan, x: int, due: datetime, last_n: int | None) -> None:
        c, span = plan.c, plan.span
        self.plan, self.x = plan, x
        self.due = due  # the deadline of every start on day x (by day); else of the first
        self.first = first = date.fromordinal(x + 1)
        self.iso = first.isoformat()
        self.year = first.year
        kind = plan.kind
        skipped: tuple[date, ...] = ()
        self.last: date | None = None
        self.last_x = -1  # the last day's number, when there is one
        if kind == _BY_DAY:
            if last_n is None:
                last_n = last_x(c, x, span)
                assert last_n is not None
            if span.unit is SpanUnit.WORKING_DAYS:
                skipped = c.rest_days(last_n + 1, x) if span.before else c.rest_days(x + 1,
                                                                                    last_n)
            elif span.extend_over_rest_days:
                plain = last_x(c, x, plan.unextended)
                assert plain is not None
                skipped = c.rest_days(plain, last_n)
            self.last = date.fromordinal(last_n + 1)
            self.last_x = last_n
        elif kind == _WORKING:
            due_x = due.astimezone(c.tz).toordinal() - 1
            skipped = c.rest_days(due_x + 1, x + 1) if span.before else c.rest_days(x, due_x)
        self.skipped = skipped
        if (skipped and plan.has_holidays) or plan.makeup_facts:
            found = _facts_found(plan, x, due.astimezone(c.tz).toordinal() - 1, skipped)
            if found:
                self.facts = found + plan.facts
                self.done_facts = found + plan.done_facts
            else:
                self.facts, self.done_facts = plan.facts, plan.done_facts
        else:
            self.facts, self.done_facts = plan.facts, plan.done_facts
        self._text: tuple[str, str, str, str] | None = None
        self.due_day: tuple[str, str] = ("", "")  # working time: the deadline's day, written

    def text(self) -> tuple[str, str, str, str]:
        """(English before the start's time of day, after it, Chinese before, after): the
        deadline's line complete when it follows from the day, else up to its instant."""
        if self._text is None:
            self._text = _day_text(self)
        return self._text


def _facts_found(plan: _Plan, x: int, due_x: int, skipped: tuple[date, ...]
                 ) -> tuple[FactUsed, ...]:
    """The calendar's facts the deadline used, in the order of their ids: its holidays among
    the rest days skipped, its make-up working days counted (then come the action's instant,
    the span and the start)."""
    rule = plan.fact_rule
    found: tuple[FactUsed, ...] = ()
    if skipped and plan.has_holidays:
        holidays = (plan._holidays or plan.holidays()).intersection(skipped)
        if holidays:
            facts = plan.day_facts
            found = tuple([facts.get(("h", d)) or facts.setdefault(
                ("h", d), FactUsed(f"calendar.holidays[{d.isoformat()}]", rule))
                for d in sorted(holidays)])
    if plan.makeup_facts:
        lo, hi = (due_x, x) if plan.span.before else (x, due_x)
        xs = plan.makeup_x
        i, j = bisect.bisect_left(xs, lo), bisect.bisect_right(xs, hi)
        if i < j:
            facts = plan.day_facts
            found += tuple([facts.get(("m", d)) or facts.setdefault(
                ("m", d), FactUsed(f"calendar.makeup_working_days[{d.isoformat()}]", rule))
                for d in plan.cal.makeup_working_days[i:j]])
    return found


# -- the explanation -----------------------------------------------------------------------------


def calendar_name_zh(cal: WorkCalendar) -> str:
    """The calendar's name for a Chinese sentence: the bundled calendars' names in Chinese, a
    user's own name as written.

    >>> from propmgmt_rules.time.presets.china import china_calendar
    >>> calendar_name_zh(china_calendar([2024, 2025]))
    '中国官方节假日安排2024-2025年'
    """
    name = cal.name
    if name in _ZH_CALENDARS:
        return _ZH_CALENDARS[name]
    if name.startswith("China official ") and name[15:].replace("-", "").isdigit():
        return f"中国官方节假日安排{name[15:]}年"
    return name


def _zone_zh(cal: WorkCalendar) -> str:
    beijing = cal.timezone in ("Asia/Shanghai", "PRC", "Asia/Chongqing")
    return "北京时间" if beijing else cal.timezone


def _at(instant: datetime, tz: Any, year: int) -> tuple[str, str]:
    """An instant in the zone ``tz``, written as :func:`~.phrasing.instant_text` writes it (a
    local midnight is 24:00 of the day before), with its year when the day it ends or falls on
    is not in ``year``."""
    local = instant.astimezone(tz)
    hour, minute, second, micro = local.hour, local.minute, local.second, local.microsecond
    day = local.date()
    if not (hour or minute or second or micro) and day > date.min:
        day -= _ONE_DAY
        en, zh = _day(day, day.year != year)
        return f"{en} 24:00", f"{zh}24:00"
    en, zh = _day(day, day.year != year)
    clock = (CLOCK[hour * 60 + minute] if not (second or micro)
             else f"{hour:02d}:{minute:02d}:{second:02d}")
    return f"{en} {clock}", f"{zh}{clock}"


def _days_text(days: tuple[date, ...], year: int) -> tuple[str, str]:
    """Days as a list, the year written for those not in ``year``; beyond eight, how many
    (kept: the start days of a week skip the same weekend)."""
    got = _LISTED.get((days, year))
    if got is not None:
        return got
    shown = [_day(d, d.year != year) for d in days[:_LIST_LIMIT]]
    en = ", ".join(t[0] for t in shown)
    zh = "、".join(t[1] for t in shown)
    more = len(days) - _LIST_LIMIT
    if more > 0:
        en += f" and {more} more"
        zh += f"等共{len(days)}天"
    return _LISTED.put((days, year), (en, zh))


_LISTED: Final[Memo[tuple[tuple[date, ...], int], tuple[str, str]]] = Memo(4096)
"""Lists of days written (:func:`_days_text`), by the days and the year they are read in."""


def _day_text(day: _Day) -> tuple[str, str, str, str]:
    """The lines of a day's explanation around the start's time of day: the rule, the rest
    days skipped, the make-up working days counted, the estimate warning, the deadline (whole
    when it follows from the day, else up to its instant).

    A deadline that follows from the day (same day, days, working days, months) is the
    instant ``c.instant`` made of its last day and how that day ends, in the plan's zone
    ``c.tz``: converting it to ``c.tz`` gives it back unchanged (``astimezone`` to an instant's
    own ``tzinfo`` object is the instant itself), so its words are the last day's and the
    end's clock (24:00, or close of business), written without converting it (:func:`_at`
    writes any other instant; a property test holds the two equal)."""
    plan = day.plan
    w, c = plan._written or plan.written, plan.c
    kind = plan.kind
    when_en, when_zh = _day(day.first, True)
    if kind == _ELAPSED:  # nothing between the days: the same lines after the start's day
        return (f"{w.head_en[0]}{when_en} ", w.elapsed_en, f"{w.head_zh[0]}{when_zh}",
                w.elapsed_zh)
    year = day.year
    last = day.last
    due_words: tuple[str, str] | None = None
    if last is None:
        en, zh = w.rule.en[0], w.rule.zh[0]
    else:
        words = _day(last, last.year != year)
        end, clock = w.end(c, plan.span, day.last_x)
        en, zh = w.rule.fill(words, end)
        if day.due.tzinfo is c.tz:  # the instant c.instant made: its words are the day's
            due_words = (f"{words[0]} {clock}", f"{words[1]}{clock}")
    skipped = day.skipped
    if skipped:
        listed_en, listed_zh = _days_text(skipped, year)
        en = f"{en}\nrest days skipped: {listed_en}."
        zh = f"{zh}\n跳过休息日:{listed_zh}。"
    if plan.makeup_listed:
        due_x = day.due.astimezone(c.tz).toordinal() - 1
        lo, hi = (due_x, day.x) if plan.span.before else (day.x, due_x)
        xs = plan.makeup_x
        i, j = bisect.bisect_right(xs, lo), bisect.bisect_right(xs, hi)
        if i < j:
            listed_en, listed_zh = _days_text(plan.cal.makeup_working_days[i:j], year)
            en = f"{en}\nmake-up working days counted as working days: {listed_en}."
            zh = f"{zh}\n调休上班日按工作日计算:{listed_zh}。"
    head_en, head_zh = w.head_en, w.head_zh
    if kind == _BY_DAY:
        due_en, due_zh = due_words or _at(day.due, c.tz, year)
        after_en = f"{head_en[1]}{en}{w.warning_en}\n{w.due_en}{due_en}."
        after_zh = f"{head_zh[1]}{zh}{w.warning_zh}\n{w.due_zh}{due_zh}。"
    else:
        if kind == _WORKING:
            due_day = date.fromordinal(day.due.astimezone(c.tz).toordinal())
            day.due_day = _day(due_day, due_day.year != year)
        after_en = f"{head_en[1]}{en}{w.warning_en}\n{w.due_en}"
        after_zh = f"{head_zh[1]}{zh}{w.warning_zh}\n{w.due_zh}"
    return (f"{head_en[0]}{when_en} ", after_en, f"{head_zh[0]}{when_zh}", after_zh)


@message(_MESSAGE)
def _explanation(local: datetime, day: _Day, due: datetime, done_at: datetime | None) -> Text:
    """The explanation of a deadline: how it was counted from the start, the rest days
    skipped, the make-up working days counted, the deadline, and whether an action met it."""
    before_en, after_en, before_zh, after_zh = day._text or day.text()
    hour, minute, second, micro = local.hour, local.minute, local.second, local.microsecond
    if second or micro:
        clock = f"{hour:02d}:{minute:02d}:{second:02d}"
        en = f"{before_en}{clock}{after_en}"
        zh = f"{before_zh}{clock}{after_zh}"
    elif hour or minute:
        clock = CLOCK[hour * 60 + minute]
        en = f"{before_en}{clock}{after_en}"
        zh = f"{before_zh}{clock}{after_zh}"
    else:  # a local midnight: 24:00 of the day before
        w = day.plan.written
        when = instant_text(local, year=True)
        en = f"{w.before_en}{when.en}{after_en}"
        zh = f"{w.before_zh}{when.zh}{after_zh}"
    plan = day.plan
    if plan.kind == _WORKING:  # the deadline's day is the day's: its time of day written
        local_due = due.astimezone(plan.tz)
        hour, minute, second, micro = (local_due.hour, local_due.minute, local_due.second,
                                       local_due.microsecond)
        if second or micro or not (hour or minute):
            due_en, due_zh = _at(due, plan.tz, day.year)
        else:
            clock = CLOCK[hour * 60 + minute]
            due_en, due_zh = day.due_day
            due_en = f"{due_en} {clock}"
            due_zh = f"{due_zh}{clock}"
        en = f"{en}{due_en}."
        zh = f"{zh}{due_zh}。"
    elif plan.kind == _ELAPSED:
        due_en, due_zh = _at(due, plan.tz, day.year)
        en = f"{en}{due_en}."
        zh = f"{zh}{due_zh}。"
    if done_at is None:
        return Text(en, zh)
    done_en, done_zh = _at(done_at, plan.tz, local.year)
    if plan.span.before:
        limit = Text("the latest instant", "最迟办理时间")
    else:
        limit = Text("the deadline", "截止时间")
    if done_at <= due:
        verdict = Text(f"on time (at or before {limit.en})", f"按时(不晚于{limit.zh})")
    else:
        verdict = Text(f"late (after {limit.en})", f"逾期(晚于{limit.zh})")
    return Text(f"{en}\ndone at {done_en}: {verdict.en}.", f"{zh}\n完成于{done_zh}:{verdict.zh}。")


def _cites(span: Span) -> Text:
    return Text(", ".join(span.rule_ids), "、".join(span.rule_ids))


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def _hours_text(cal: WorkCalendar) -> Text:
    """The calendar's working hours, e.g. "09:00-12:00, 13:30-18:00 on working days;
    09:00-12:00 on Saturdays"."""
    regular = ", ".join(str(p) for p in cal.working_hours) or "00:00-24:00"
    regular_zh = "、".join(str(p) for p in cal.working_hours) or "00:00-24:00"
    en = [f"{regular} on working days"]
    zh = [f"工作日{regular_zh}"]
    for item in cal.weekday_hours:
        hours = [str(p) for p in item.hours]
        en.append(f"{', '.join(hours)} on {item.weekday.value.capitalize()}s")
        zh.append(f"{_ZH_WEEKDAYS[item.weekday.number]}{'、'.join(hours)}")
    if cal.makeup_working_hours is not None:
        hours = [str(p) for p in cal.makeup_working_hours]
        en.append(f"{', '.join(hours)} on make-up working days")
        zh.append(f"调休上班日{'、'.join(hours)}")
    return Text("; ".join(en), ";".join(zh))


def _rule_sentence(span: Span, cal: WorkCalendar, day: Text, end: Text) -> Text:
    """The rule's sentence; ``day`` is the last day, ``end`` how it ends (24:00, or close of
    business), for the spans that have a last day."""
    if span.amount == 0 and span.unit not in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY):
        return _zero_sentence(span, cal, day)
    if span.before:
        return _before_sentence(span, cal, day, end)
    cite = _cites(span)
    unit = span.unit
    if unit is SpanUnit.IMMEDIATELY:
        return Text(
            f"immediately means the start instant itself ({cite.en}).",
            f"立即即为起始时刻本身({cite.zh})。",
        )
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        return Text(
            f"{span} of elapsed time, nights and rest days included ({cite.en}).",
            f"按自然时间连续计算{span.zh},夜间和休息日照常计算({cite.zh})。",
        )
    if span.is_working_time:
        hours = _hours_text(cal)
        return Text(
            f"only working time counts ({hours.en}), from the next working moment if the start "
            f"is outside it ({cite.en}).",
            f"只计工作时间({hours.zh}),非工作时间开始的自下一个工作时刻起算({cite.zh})。",
        )
    ext = Text("", "")
    if span.extend_over_rest_days:
        ext = Text(", moved past rest days to the next working day,",
                   "(遇休息日顺延至下一个工作日)")
    if unit is SpanUnit.SAME_DAY:
        return Text(
            f"the last day is the start day{ext.en.rstrip(',')}: {day.en}; it ends at 24:00 "
            f"({cite.en}).",
            f"最后一日为当日{ext.zh}:{day.zh},截止时间为24:00({cite.zh})。",
        )
    what = {
        SpanUnit.DAYS: Text("the start day is not counted", "开始的当日不计入"),
        SpanUnit.WORKING_DAYS: Text(
            "the start day is not counted and only working days count",
            "开始的当日不计入,只计工作日",
        ),
        SpanUnit.MONTHS: Text(
            "the corresponding day of the month, clipped to the month's last day",
            "到期月的对应日,没有对应日的以月末日为准",
        ),
    }[unit]
    return Text(
        f"{what.en}; the last day{ext.en} is {day.en}; it ends at {end.en} ({cite.en}).",
        f"{what.zh};最后一日{ext.zh}为{day.zh},截止时间为{end.zh}({cite.zh})。",
    )


def _before_sentence(span: Span, cal: WorkCalendar, day: Text, end: Text) -> Text:
    cite = _cites(span)
    unit = span.unit
    plain = span.model_copy(update={"before": False})
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        return Text(
            f"{plain} of elapsed time before the target, nights and rest days included "
            f"({cite.en}).",
            f"自目标时间向前按自然时间倒数{plain.zh},夜间和休息日照常计算({cite.zh})。",
        )
    if span.is_working_time:
        hours = _hours_text(cal)
        return Text(
            f"only working time counts ({hours.en}), counted back from the target, or from the "
            f"end of the previous working period if the target is outside working time "
            f"({cite.en}).",
            f"只计工作时间({hours.zh}),自目标时间向前倒数;目标时间不在工作时间内的,自此前最后"
            f"一个工作时段结束时起倒数({cite.zh})。",
        )
    if unit is SpanUnit.WORKING_DAYS:
        nth = _ordinal(span.amount)
        return Text(
            f"the target's day is not counted and only working days count; the {nth} working "
            f"day before it is {day.en}; it ends at {end.en} ({cite.en}).",
            f"目标日不计入,只计工作日;目标日之前第{span.amount}个工作日为{day.zh},截止时间为"
            f"{end.zh}({cite.zh})。",
        )
    what = {
        SpanUnit.DAYS: Text(f"{plain} before the target's day", f"目标日向前倒数{plain.zh}"),
        SpanUnit.MONTHS: Text(
            f"{plain} before the target's day, clipped to the month's last day",
            f"目标日向前倒数{plain.zh},没有对应日的以月末日为准",
        ),
    }[unit]
    return Text(
        f"{what.en}: the latest day is {day.en}; it ends at {end.en} ({cite.en}).",
        f"{what.zh}:最迟一日为{day.zh},截止时间为{end.zh}({cite.zh})。",
    )


def _zero_sentence(span: Span, cal: WorkCalendar, day: Text) -> Text:
    """`T-ZERO`: a span of amount 0."""
    cite = _cites(span)
    unit = span.unit
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        what = Text("the target itself", "即目标时间本身") if span.before else Text(
            "the start instant itself", "即起始时刻本身")
        return Text(
            f"a span of {span} is {what.en} ({cite.en}).", f"{span.zh}{what.zh}({cite.zh})。"
        )
    if span.is_working_time:
        if span.before:
            return Text(
                f"a span of {span} is the target itself if it is working time or the end of a "
                f"working period, else the end of the previous working period ({cite.en}).",
                f"{span.zh}即目标时间本身(在工作时间内或恰为工作时段结束时),否则为此前最后一个"
                f"工作时段结束时({cite.zh})。",
            )
        return Text(
            f"a span of {span} is the next working moment at or after the start ({cite.en}).",
            f"{span.zh}即起始时刻或此后第一个工作时刻({cite.zh})。",
        )
    whose = Text("the target's day", "目标日") if span.before else Text("the start day", "当日")
    ext = Text("", "")
    if span.extend_over_rest_days:
        ext = Text(", moved past rest days to the next working day",
                   "(遇休息日顺延至下一个工作日)")
    plain = span.model_copy(update={"extend_over_rest_days": False})
    return Text(
        f"a span of {plain} is the same day: the last day is {whose.en}{ext.en}, {day.en}; it "
        f"ends at 24:00 ({cite.en}).",
        f"{plain.zh}即当天:最后一日为{whose.zh}{ext.zh},{day.zh},截止时间为24:00({cite.zh})。",
    )
