"""The explained deadline: :func:`deadline` as a decision citing its `T-` rules, explained in
English and Chinese.

The decision is built from the answer and what it is made of (the last day, the rest days
skipped, the calendar's holidays and make-up days that counted); its explanation is one atom
of the message ``time.deadline``, written by the one renderer (:mod:`propmgmt_rules.render`)
when it is first read, from sentences kept per span, calendar and day (a batch names a few
spans and calendars and its deadlines fall on a few hundred days).

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
import functools
from collections.abc import Callable, Hashable
from datetime import date, datetime, timedelta
from typing import Any, Final, TypeVar

from .._build import construct_dict
from ..decision import Basis, Explanation, FactUsed, build_decision
from ..errors import InputError
from ..render import Text, message
from .calendar import DAY_US, WorkCalendar, _clock, _date, _x, require_aware
from .deadline import _out_of_range, deadline, last_x
from .models import CalendarLike, DeadlineDecision, DeadlineOutcome
from .phrasing import _day, day_text, instant_text, time_text
from .presets import resolve_calendar
from .span import Span, SpanUnit, span_of

__all__ = ["calendar_name_zh", "explain_deadline", "explained"]

_LIST_LIMIT: Final = 8
_ZH_WEEKDAYS: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_ZH_CALENDARS: Final = {"weekdays": "周一至周五", "24/7": "全天候", "custom": "自定义"}
_ONE_DAY: Final = timedelta(days=1)
_MESSAGE: Final = "time.deadline"


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
    due = deadline(start, span, cal)  # checks start
    if done_at is not None:
        require_aware(done_at, "done_at")
        if not span.before and done_at < start:
            raise InputError(
                "done_at",
                f"is before the start {start.isoformat()}: an action cannot precede what it "
                "answers", done_at.isoformat())
        try:  # the explanation writes it in the calendar's zone
            done_at.astimezone(cal.tz)
        except OverflowError:
            raise InputError("done_at", "falls outside the years 1-9999 in the calendar's "
                             "time zone", done_at.isoformat()) from None
    try:
        local = start.astimezone(cal.tz)
        x = local.toordinal() - 1
        counted = _COUNTED.get((span, id(cal), x, due), cal,
                               lambda: _Counted(cal, span, x, due))
    except (OverflowError, ValueError):
        raise _out_of_range(start, span) from None
    texts = counted.texts
    outcome = construct_dict(DeadlineOutcome, {
        "start": start, "span": span, "due": due, "last_day": counted.last,
        "rest_days_skipped": counted.skipped, "done_at": done_at,
        "met": None if done_at is None else done_at <= due})
    return build_decision(
        DeadlineDecision, kind="time.deadline",
        subject=f"{subject_prefix}{texts.en} {texts.from_}"
        f"{local.isoformat(timespec='minutes')}",
        outcome=outcome, decided_by=texts.rules, basis=counted.basis,
        explanation=Explanation.from_lines(((_MESSAGE, local, counted, due, done_at),)),
        facts_used=counted.facts if done_at is None else counted.done_facts)


class _Counted:
    """What a deadline of ``span`` from local day ``x`` due at ``due`` is made of, besides the
    start's instant: its last day, the rest days skipped, the facts used and (when first
    read) the explanation's lines after the first."""

    __slots__ = ("_head", "_tail", "basis", "cal", "done_facts", "due", "facts", "last",
                 "skipped", "span", "texts", "x")

    def __init__(self, cal: WorkCalendar, span: Span, x: int, due: datetime) -> None:
        c = cal._compiled
        self.cal, self.span, self.x, self.due = cal, span, x, due
        self.texts = texts = _texts(span)
        self.basis = _basis(cal)
        due_x = due.astimezone(c.tz).toordinal() - 1
        last_n = last_x(c, x, span)
        unit = span.unit
        skipped: tuple[date, ...] = ()
        if unit is SpanUnit.WORKING_DAYS:
            assert last_n is not None
            skipped = c.rest_days(last_n + 1, x) if span.before else c.rest_days(x + 1, last_n)
        elif span.extend_over_rest_days:
            assert last_n is not None
            plain = last_x(c, x, texts.unextended)
            assert plain is not None
            skipped = c.rest_days(plain, last_n)
        elif span.is_working_time:
            skipped = c.rest_days(due_x + 1, x + 1) if span.before else c.rest_days(x, due_x)
        self.last = None if last_n is None else _date(last_n)
        self.skipped = skipped
        found = _facts_found(cal, span, texts, x, due_x, skipped)
        self.facts = found + texts.facts
        self.done_facts = found + texts.done_facts
        self._tail: Text | None = None
        self._head: _Head | None = None

    def head(self) -> _Head:
        """The first line around the start instant (kept per span and calendar)."""
        if self._head is None:
            span, cal = self.span, self.cal
            self._head = _MEMO.get(("head", span, id(cal)), cal,
                                   lambda: _head(span, self.texts, _where(cal)))
        return self._head

    def tail(self) -> Text:
        """The explanation's lines after the first and before the action's (kept)."""
        if self._tail is None:
            self._tail = _tail(self)
        return self._tail


# -- memos: a batch names few spans and calendars; its deadlines fall on few days ---------------

_V = TypeVar("_V")
_KEEP_LIMIT: Final = 64


class _Memo:
    """A bounded memo of values per key (the oldest entry goes when it is full). Keys may
    hold ``id()`` s of calendars: the memo keeps those calendars alive, so an id is never
    reused while its entries live (beyond ``_KEEP_LIMIT`` calendars, it starts afresh)."""

    __slots__ = ("keep", "size", "values")

    def __init__(self, size: int) -> None:
        self.size = size
        self.values: dict[Hashable, Any] = {}
        self.keep: dict[int, WorkCalendar] = {}

    def get(self, key: Hashable, cal: WorkCalendar, make: Callable[[], _V]) -> _V:
        got = self.values.get(key)
        if got is None:
            values, keep = self.values, self.keep
            if id(cal) not in keep:
                if len(keep) >= _KEEP_LIMIT:
                    values.clear()
                    keep.clear()
                keep[id(cal)] = cal
            got = make()
            if len(values) >= self.size:
                del values[next(iter(values))]
            values[key] = got
        return got

    def clear(self) -> None:
        """Forget everything (for measurements of a fresh process)."""
        self.values.clear()
        self.keep.clear()


_MEMO: Final = _Memo(8192)
"""Sentences and parts per span, calendar and day."""
_COUNTED: Final = _Memo(16384)
"""What a deadline of a span from a start day is made of (:class:`_Counted`)."""


class _SpanTexts:
    """What the explanations read of a span, once per span."""

    __slots__ = ("done_facts", "en", "facts", "from_", "rules", "unextended", "zh")

    def __init__(self, span: Span) -> None:
        self.en = str(span)
        self.zh = span.zh
        self.rules = span.rule_ids
        self.from_ = "" if span.before else "from "
        rule = self.rules[0]
        self.facts = (FactUsed("span", rule), FactUsed("start", rule))
        self.done_facts = (FactUsed("done_at", rule), *self.facts)
        self.unextended = (span.model_copy(update={"extend_over_rest_days": False})
                           if span.extend_over_rest_days else span)


@functools.lru_cache(maxsize=256)
def _texts(span: Span) -> _SpanTexts:
    return _SpanTexts(span)


def _basis(cal: WorkCalendar) -> Basis:
    return _MEMO.get(("basis", id(cal)), cal, lambda: Basis(
        kind="calendar", name=cal.name, version=cal.source or "custom"))


def _holiday_set(cal: WorkCalendar) -> frozenset[date]:
    return _MEMO.get(("holidays", id(cal)), cal, lambda: frozenset(cal.holidays))


def _facts_found(cal: WorkCalendar, span: Span, texts: _SpanTexts, x: int, due_x: int,
                 skipped: tuple[date, ...]) -> tuple[FactUsed, ...]:
    """The calendar's facts the deadline used, in the order of their ids: its holidays among
    the rest days skipped, its make-up working days counted (then come the action's instant,
    the span and the start: :class:`_SpanTexts`)."""
    rule = texts.rules[-1]
    found: tuple[FactUsed, ...] = ()
    if skipped and cal.holidays:
        holidays = _holiday_set(cal).intersection(skipped)
        found = tuple(FactUsed(f"calendar.holidays[{d.isoformat()}]", rule)
                      for d in sorted(holidays))
    if cal.makeup_working_days and (span.unit is SpanUnit.WORKING_DAYS or span.is_working_time
                                    or span.extend_over_rest_days):
        lo, hi = (due_x, x) if span.before else (x, due_x)
        days = cal.makeup_working_days
        first, last = _date(lo), _date(hi)
        found += tuple(FactUsed(f"calendar.makeup_working_days[{d.isoformat()}]", rule)
                       for d in days[bisect.bisect_left(days, first):
                                     bisect.bisect_right(days, last)])
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


def _where(cal: WorkCalendar) -> Text:
    return _MEMO.get(("where", id(cal)), cal, lambda: Text(
        f"({cal.timezone}, calendar {cal.name!r})",
        f"({_zone_zh(cal)},日历“{calendar_name_zh(cal)}”)"))


class _Writer:
    """Writes the instants and days of one explanation: the year only when it differs from
    the start's."""

    __slots__ = ("cal", "tz", "year")

    def __init__(self, cal: WorkCalendar, year: int) -> None:
        self.cal = cal
        self.tz = cal.tz
        self.year = year

    def at(self, instant: datetime) -> Text:
        local = instant.astimezone(self.tz)
        day = local.date()
        if local.time() == local.time().min and day > date.min:
            day -= _ONE_DAY  # 24:00 of the day before
        return instant_text(local, year=day.year != self.year)

    def day(self, d: date) -> Text:
        return day_text(d, year=d.year != self.year)

    def days(self, days: tuple[date, ...]) -> Text:
        shown = [self.day(d) for d in days[:_LIST_LIMIT]]
        en = ", ".join(t.en for t in shown)
        zh = "、".join(t.zh for t in shown)
        more = len(days) - _LIST_LIMIT
        if more > 0:
            en += f" and {more} more"
            zh += f"等共{len(days)}天"
        return Text(en, zh)


@message(_MESSAGE)
def _explanation(local: datetime, counted: _Counted, due: datetime, done_at: datetime | None
                 ) -> Text:
    """The explanation of a deadline: how it was counted from the start, the rest days
    skipped, the make-up working days counted, the deadline, and whether an action met it."""
    span, cal = counted.span, counted.cal
    hour, minute, second, micro = local.hour, local.minute, local.second, local.microsecond
    if hour or minute or second or micro:  # instant_text(local, year=True), inline: hot
        day_en, day_zh = _day(local.date(), True)
        clock = (f"{hour:02d}:{minute:02d}:{second:02d}" if second or micro
                 else f"{hour:02d}:{minute:02d}")
        when_en, when_zh = f"{day_en} {clock}", f"{day_zh}{clock}"
    else:
        when = instant_text(local, year=True)
        when_en, when_zh = when.en, when.zh
    head = counted.head()
    tail = counted.tail()
    en = f"{head.en[0]}{when_en}{head.en[1]}\n{tail.en}"
    zh = f"{head.zh[0]}{when_zh}{head.zh[1]}\n{tail.zh}"
    if done_at is None:
        return Text(en, zh)
    done = _Writer(cal, local.year).at(done_at)
    limit = Text("the latest instant", "最迟办理时间") if span.before else Text(
        "the deadline", "截止时间")
    if done_at <= due:
        verdict = Text(f"on time (at or before {limit.en})", f"按时(不晚于{limit.zh})")
    else:
        verdict = Text(f"late (after {limit.en})", f"逾期(晚于{limit.zh})")
    return Text(f"{en}\ndone at {done.en}: {verdict.en}.", f"{zh}\n完成于{done.zh}:{verdict.zh}。")


def _tail(counted: _Counted) -> Text:
    """The lines after the first: the rule, the rest days skipped, the make-up working days
    counted, the estimate warning, the deadline."""
    span, cal, last, skipped = counted.span, counted.cal, counted.last, counted.skipped
    start_day = _date(counted.x)
    year = start_day.year
    write = _Writer(cal, year)
    cid = id(cal)
    memo = _MEMO
    rule = memo.get(("rule", span, cid, last, 0 if last is None else year), cal,
                    lambda: _rule_sentence(span, cal, last, write))
    en, zh = [rule.en], [rule.zh]
    if skipped:
        listed = memo.get(("days", skipped, year), cal, lambda: write.days(skipped))
        en.append(f"rest days skipped: {listed.en}.")
        zh.append(f"跳过休息日:{listed.zh}。")
    due = counted.due
    due_day = due.astimezone(write.tz).date()
    lo, hi = (due_day, start_day) if span.before else (start_day, due_day)
    if (span.unit is SpanUnit.WORKING_DAYS or span.is_working_time) and cal.makeup_working_days:
        days = cal.makeup_working_days
        worked = days[bisect.bisect_right(days, lo):bisect.bisect_right(days, hi)]
        if worked:
            listed = memo.get(("days", worked, year), cal, lambda: write.days(worked))
            en.append(f"make-up working days counted as working days: {listed.en}.")
            zh.append(f"调休上班日按工作日计算:{listed.zh}。")
    if cal.estimated:
        en.append("warning: the calendar's holidays are estimated, not the official schedule.")
        zh.append("注意:该日历的节假日为推算值,并非官方公布的安排。")
    due_text = memo.get(("at", due, cid, year), cal, lambda: write.at(due))
    if span.before:
        en.append(f"act by: {due_text.en}.")
        zh.append(f"最迟办理:{due_text.zh}。")
    else:
        en.append(f"due: {due_text.en}.")
        zh.append(f"截止:{due_text.zh}。")
    return Text("\n".join(en), "\n".join(zh))


class _Head:
    """The first line around the start instant: ``en``/``zh`` are (before, after)."""

    __slots__ = ("en", "zh")

    def __init__(self, en: tuple[str, str], zh: tuple[str, str]) -> None:
        self.en = en
        self.zh = zh


def _head(span: Span, texts: _SpanTexts, where: Text) -> _Head:
    if span.before:
        return _Head((f"{texts.en} ", f" {where.en}, counted backwards to the latest instant to "
                      "act:"), ("以", f"为目标时间{texts.zh}{where.zh},向前倒数至最迟办理时间:"))
    bare = str(texts.unextended)
    extended = ", extended over rest days" if span.extend_over_rest_days else ""
    return _Head((f"{bare} from ", f"{extended} {where.en}:"),
                 ("自", f"起{texts.zh}{where.zh}:"))


def _cites(span: Span) -> Text:
    return Text(", ".join(span.rule_ids), "、".join(span.rule_ids))


def _end_of(cal: WorkCalendar, span: Span, last: date) -> Text:
    """How the last day ends: at 24:00, or at close of business (working days)."""
    if span.unit is SpanUnit.WORKING_DAYS:
        close = cal._compiled.close_of(_x(last))
        if close != DAY_US:
            clock = time_text(_clock(close))
            return Text(f"close of business, {clock}", f"下班时间{clock}")
    return Text("24:00", "24:00")


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


def _rule_sentence(span: Span, cal: WorkCalendar, last: date | None, write: _Writer) -> Text:
    if span.amount == 0 and span.unit not in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY):
        return _zero_sentence(span, cal, last, write)
    if span.before:
        return _before_sentence(span, cal, last, write)
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
    assert last is not None
    end = _end_of(cal, span, last)
    day = write.day(last)
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


def _before_sentence(span: Span, cal: WorkCalendar, last: date | None, write: _Writer) -> Text:
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
    assert last is not None
    end = _end_of(cal, span, last)
    day = write.day(last)
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


def _zero_sentence(span: Span, cal: WorkCalendar, last: date | None, write: _Writer) -> Text:
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
    assert last is not None  # DAYS
    day = write.day(last)
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
