"""From a start instant and a span to a deadline instant, on a work calendar (the `T-` rules).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> cal = WorkCalendar()                       # Saturday and Sunday off, no working hours
>>> friday_evening = datetime(2025, 3, 7, 19, 30, tzinfo=sh)
>>> deadline(friday_evening, Span.working_days(1), cal)      # T-WORKING-DAYS
datetime.datetime(2025, 3, 11, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days", cal)                  # T-DAYS: end of Sunday
datetime.datetime(2025, 3, 10, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days, extended", cal)        # T-REST-DAY-EXTENSION: Monday
datetime.datetime(2025, 3, 11, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
>>> deadline(friday_evening, "2 days", "china-official")     # a calendar preset by name
datetime.datetime(2025, 3, 10, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))

Every function here is pure and costs the same for a span of 1 working day as for 1000. Every
function that takes a calendar takes a preset's name too (see
:func:`~propmgmt_rules.time.presets.resolve_calendar`); a wrong type, a naive instant or a
deadline outside the years 1-9999 is an :class:`InputError` naming the argument.
"""

from __future__ import annotations

import calendar as _gregorian
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Final

from pydantic import AwareDatetime, BaseModel, ConfigDict

from ..decision import Basis, Decision, Explanation, FactUsed, Text
from ..errors import InputError
from .calendar import DAY_US, WorkCalendar, _clock, _Compiled, _date, _x, require_aware
from .phrasing import day_text, instant_text, time_text
from .presets import resolve_calendar
from .span import Span, SpanUnit, as_span

__all__ = [
    "CalendarLike",
    "DeadlineDecision",
    "DeadlineOutcome",
    "DeadlineStatus",
    "ObligationState",
    "after_working_time",
    "before_working_time",
    "deadline",
    "explain_deadline",
    "last_day",
    "met",
    "status_at",
]

CalendarLike = WorkCalendar | str
"""A calendar argument: a :class:`WorkCalendar` or a preset's name (``"china-official"``)."""

_US_PER_HOUR: Final = 3_600_000_000
_US_PER_MINUTE: Final = 60_000_000


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> Span:
    return as_span(text)


def _span(span: Span | str) -> Span:
    if isinstance(span, Span):
        return span
    if isinstance(span, str):
        return _parsed(span)
    return as_span(span)


def _calendar(calendar: CalendarLike) -> WorkCalendar:
    if isinstance(calendar, WorkCalendar):
        return calendar
    return resolve_calendar(calendar, "calendar")


def _out_of_range(start: datetime, span: Span) -> InputError:
    field = "start" if span.amount == 0 else "span"
    what = "latest instant" if span.before else "deadline"
    return InputError(
        field,
        f"the {what} of {span} from {start.isoformat()} falls outside the years 1-9999",
    )


def _add_months(day: date, n: int) -> date:
    """``day`` + n months (n may be negative), clipped to the month's last day (`T-MONTHS`)."""
    y, m = divmod(day.month - 1 + n, 12)
    year, month = day.year + y, m + 1
    return date(year, month, min(day.day, _gregorian.monthrange(year, month)[1]))


def _last_day_x(c: _Compiled, x: int, span: Span) -> int:
    unit = span.unit
    sign = -1 if span.before else 1
    if unit is SpanUnit.SAME_DAY:
        last = x
    elif unit is SpanUnit.DAYS:
        last = x + sign * span.amount
    else:  # MONTHS
        last = _x(_add_months(_date(x), sign * span.amount))
    if span.extend_over_rest_days and not c.is_working(last):
        last = c.kth(c.count(last + 1) + 1)  # T-REST-DAY-EXTENSION
    return last


def _working_us(span: Span) -> int:
    step = _US_PER_HOUR if span.unit is SpanUnit.WORKING_HOURS else _US_PER_MINUTE
    return span.amount * step


def deadline(start: datetime, span: Span | str, calendar: CalendarLike) -> datetime:
    """The deadline of ``span`` counted from ``start`` on ``calendar``, in the calendar's zone.

    Follows the catalog's `T-` rules exactly: elapsed time for minutes and hours; working time
    for working hours and minutes (a deadline at the very end of a working period stays there;
    0 working hours is the next working moment, `T-ZERO`); the end (24:00) of the last day for
    same-day, day and month spans, the start day not counted; the n-th working day after the
    start's date for working days, ending at close of business when that day has working
    hours. A naive ``start`` is an :class:`InputError`.

    A span counted backwards (`T-BEFORE`, ``"10 days before"``, 「提前10天」) takes ``start``
    as the target and gives the latest instant by which to act, by the same rules mirrored:

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> move_in = datetime(2026, 11, 25, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> deadline(move_in, "10 days before", WorkCalendar())     # the end of 15 November
    datetime.datetime(2026, 11, 16, 0, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    >>> deadline(move_in, "提前3小时", WorkCalendar())
    datetime.datetime(2026, 11, 25, 11, 0, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(start, "start")
    if type(span) is not Span:
        span = _span(span)
    if type(calendar) is not WorkCalendar:
        calendar = _calendar(calendar)
    c = calendar._compiled
    try:  # the forward rules inline: this is the hot path of every area's bulk runs
        if span.before:
            return _before(c, start, span)
        unit = span.unit
        if unit is SpanUnit.WORKING_DAYS:
            y = c.kth(c.count(start.astimezone(c.tz).toordinal()) + span.amount)
            return c.instant(y, c.close_us if c.uniform else c.close_of(y))
        if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
            step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
            elapsed = timedelta(microseconds=span.amount * step)
            return (start.astimezone(UTC) + elapsed).astimezone(c.tz)
        if unit is SpanUnit.WORKING_HOURS or unit is SpanUnit.WORKING_MINUTES:
            if span.amount == 0:  # T-ZERO: counting starts at the next working moment
                return c.next_moment(start) or start.astimezone(c.tz)
            step = _US_PER_HOUR if unit is SpanUnit.WORKING_HOURS else _US_PER_MINUTE
            return c.after(start, span.amount * step)
        if unit is SpanUnit.IMMEDIATELY:
            return start.astimezone(c.tz)
        return c.instant(_last_day_x(c, start.astimezone(c.tz).toordinal() - 1, span) + 1, 0)
    except (OverflowError, ValueError):
        raise _out_of_range(start, span) from None


def _before(c: _Compiled, target: datetime, span: Span) -> datetime:
    """`T-BEFORE`: the latest instant by which to act, ``span`` before ``target``."""
    unit = span.unit
    if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
        step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
        elapsed = timedelta(microseconds=span.amount * step)
        return (target.astimezone(UTC) - elapsed).astimezone(c.tz)
    if span.is_working_time:
        if span.amount == 0:  # T-ZERO mirrored: the latest working moment at or before
            return c.previous_moment(target) or target.astimezone(c.tz)
        return c.at_latest(c.worked(target) - _working_us(span))
    x, _ = c.local(target)
    if unit is SpanUnit.WORKING_DAYS:
        y = c.kth(c.count(x) - span.amount + 1)
        return c.instant(y, c.close_of(y))
    return c.instant(_last_day_x(c, x, span) + 1, 0)


def _duration_us(duration: timedelta) -> int:
    if not isinstance(duration, timedelta):
        raise InputError("duration", "must be a timedelta", type(duration).__name__)
    if duration < timedelta(0):
        raise InputError("duration", "must not be negative", duration)
    return duration // timedelta(microseconds=1)


def after_working_time(
    start: datetime, duration: timedelta, calendar: CalendarLike
) -> datetime:
    """The earliest instant by which ``duration`` of the calendar's working time has passed
    since ``start`` (the inverse of :meth:`WorkCalendar.working_time_between`), in O(1).

    Used to move a working-time deadline by a pause measured in working time. A deadline that
    falls exactly at the end of a working period stays there, as in `T-WORKING-HOURS`; a zero
    duration is ``start`` itself (unlike the span "0 working hours", `T-ZERO`, which is the
    next working moment).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    >>> friday_5pm = datetime(2025, 1, 3, 17, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> after_working_time(friday_5pm, timedelta(minutes=90), cal)
    datetime.datetime(2025, 1, 6, 9, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(start, "start")
    n_us = _duration_us(duration)
    c = _calendar(calendar)._compiled
    try:
        return c.after(start, n_us) if n_us else start.astimezone(c.tz)
    except (OverflowError, ValueError):
        field = "duration" if n_us else "start"
        raise InputError(field, "the result falls outside the years 1-9999") from None


def before_working_time(
    target: datetime, duration: timedelta, calendar: CalendarLike
) -> datetime:
    """The latest instant from which ``duration`` of the calendar's working time passes by
    ``target`` (`T-BEFORE` for working time), in O(1): a latest instant exactly at the start
    of a working period stays there. A zero duration is ``target`` itself.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    >>> monday_10am = datetime(2025, 1, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> before_working_time(monday_10am, timedelta(minutes=90), cal)
    datetime.datetime(2025, 1, 3, 17, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(target, "target")
    n_us = _duration_us(duration)
    c = _calendar(calendar)._compiled
    try:
        return c.at_latest(c.worked(target) - n_us) if n_us else target.astimezone(c.tz)
    except (OverflowError, ValueError):
        field = "duration" if n_us else "target"
        raise InputError(field, "the result falls outside the years 1-9999") from None


def last_day(start: datetime, span: Span | str, calendar: CalendarLike) -> date | None:
    """The last day of a day-based span (same day, days, working days, months), else None;
    for a span counted backwards (`T-BEFORE`), the latest day on which to act.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> jan_31 = datetime(2024, 1, 31, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> last_day(jan_31, "1 month", WorkCalendar())
    datetime.date(2024, 2, 29)
    """
    require_aware(start, "start")
    span = _span(span)
    c = _calendar(calendar)._compiled
    try:
        if span.unit in (SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS):
            return _date(_last_day_x(c, c.local(start)[0], span))
        if span.unit is SpanUnit.WORKING_DAYS:
            x = c.local(start)[0]
            if span.before:
                return _date(c.kth(c.count(x) - span.amount + 1))
            return _date(c.kth(c.count(x + 1) + span.amount))
    except (OverflowError, ValueError):
        raise _out_of_range(start, span) from None
    return None


def met(action_at: datetime, due: datetime) -> bool:
    """Whether an action at ``action_at`` met the deadline ``due``: ``action_at <= due``.

    >>> from datetime import datetime, timezone
    >>> due = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> met(due, due), met(due + timedelta(microseconds=1), due)
    (True, False)
    """
    return require_aware(action_at, "action_at") <= require_aware(due, "due")


class ObligationState(StrEnum):
    """Where an obligation with a deadline stands at an instant."""

    MET = "met"
    BREACHED = "breached"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class DeadlineStatus:
    """An obligation's standing at ``as_of``.

    ``remaining`` is the time left while pending; ``late_by`` how far past the deadline a
    breached obligation is (done late, or still open after the deadline); ``slack`` how early
    a met obligation was done.
    """

    state: ObligationState
    due: datetime
    done_at: datetime | None
    as_of: datetime
    remaining: timedelta | None = None
    late_by: timedelta | None = None
    slack: timedelta | None = None


def status_at(due: datetime, done_at: datetime | None, as_of: datetime) -> DeadlineStatus:
    """The standing at ``as_of`` of an obligation due at ``due`` and done at ``done_at``.

    An action after ``as_of`` has not happened yet at ``as_of``. Once breached, an obligation
    stays breached at every later instant.

    >>> from datetime import datetime, timezone
    >>> due = datetime(2025, 1, 2, tzinfo=timezone.utc)
    >>> status_at(due, None, datetime(2025, 1, 1, 22, tzinfo=timezone.utc)).remaining
    datetime.timedelta(seconds=7200)
    >>> status_at(due, None, datetime(2025, 1, 2, 1, tzinfo=timezone.utc)).state
    <ObligationState.BREACHED: 'breached'>
    """
    require_aware(due, "due")
    require_aware(as_of, "as_of")
    if done_at is not None and require_aware(done_at, "done_at") <= as_of:
        if done_at <= due:
            return DeadlineStatus(ObligationState.MET, due, done_at, as_of, slack=due - done_at)
        return DeadlineStatus(
            ObligationState.BREACHED, due, done_at, as_of, late_by=done_at - due
        )
    if as_of > due:
        return DeadlineStatus(ObligationState.BREACHED, due, None, as_of, late_by=as_of - due)
    return DeadlineStatus(ObligationState.PENDING, due, None, as_of, remaining=due - as_of)


# -- explained deadlines ------------------------------------------------------------------


class DeadlineOutcome(BaseModel):
    """The outcome of :func:`explain_deadline`. For a span counted backwards (`T-BEFORE`),
    ``start`` is the target and ``due`` the latest instant to act."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: AwareDatetime
    span: Span
    due: AwareDatetime
    last_day: date | None = None
    rest_days_skipped: tuple[date, ...] = ()
    done_at: AwareDatetime | None = None
    met: bool | None = None


class DeadlineDecision(Decision):
    """A deadline with the `T-` rules that produced it and its explanation."""

    outcome: DeadlineOutcome


_LIST_LIMIT: Final = 8
_ZH_WEEKDAYS: Final = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_ZH_CALENDARS: Final = {"weekdays": "周一至周五", "24/7": "全天候", "custom": "自定义"}


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


class _Writer:
    """Writes the instants and days of one explanation: the year only when it differs from
    the start's."""

    def __init__(self, cal: WorkCalendar, start_local: datetime) -> None:
        self.tz = cal.tz
        self.year = start_local.year

    def at(self, instant: datetime) -> Text:
        local = instant.astimezone(self.tz)
        shown = local - timedelta(microseconds=1) if local.time() == local.time().min else local
        return instant_text(local, year=shown.year != self.year)

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


def _ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def explain_deadline(
    start: datetime,
    span: Span | str,
    calendar: CalendarLike,
    *,
    done_at: datetime | None = None,
) -> DeadlineDecision:
    """:func:`deadline`, as a decision citing its `T-` rules and explaining itself.

    With ``done_at``, the decision also says whether an action then met the deadline
    (``x <= d``); for a span counted forwards, an action before the start is an
    :class:`InputError` naming ``done_at``. Slower than :func:`deadline` (it lists the rest
    days it skipped): use it to show a deadline to a person, and :func:`deadline` in bulk.
    """
    require_aware(start, "start")
    if done_at is not None:
        require_aware(done_at, "done_at")
    span = _span(span)
    cal = _calendar(calendar)
    if done_at is not None and not span.before and done_at < start:
        raise InputError(
            "done_at",
            f"is before the start {start.isoformat()}: an action cannot precede what it answers",
            done_at.isoformat(),
        )
    due = deadline(start, span, cal)
    last = last_day(start, span, cal)
    tz = cal.tz
    try:
        local = start.astimezone(tz)
        start_day = local.date()
        due_day = due.astimezone(tz).date()
    except OverflowError:
        raise _out_of_range(start, span) from None
    one = timedelta(days=1)
    skipped: tuple[date, ...] = ()
    if span.unit is SpanUnit.WORKING_DAYS:
        assert last is not None
        if span.before:
            skipped = cal.rest_days_between(last + one, start_day)
        else:
            skipped = cal.rest_days_between(start_day + one, last)
    elif span.extend_over_rest_days:
        assert last is not None
        plain = last_day(start, span.model_copy(update={"extend_over_rest_days": False}), cal)
        assert plain is not None
        skipped = cal.rest_days_between(plain, last)
    elif span.is_working_time:
        if span.before:
            skipped = cal.rest_days_between(due_day + one, start_day + one)
        else:
            skipped = cal.rest_days_between(start_day, due_day)
    write = _Writer(cal, local)
    rules = span.rule_ids
    when = instant_text(local, year=True)
    where_en = f"({cal.timezone}, calendar {cal.name!r})"
    where_zh = f"({_zone_zh(cal)},日历“{calendar_name_zh(cal)}”)"
    if span.before:
        head = Text(
            f"{span} {when.en} {where_en}, counted backwards to the latest instant to act:",
            f"以{when.zh}为目标时间{span.zh}{where_zh},向前倒数至最迟办理时间:",
        )
    else:
        bare = span.model_copy(update={"extend_over_rest_days": False})
        extended = ", extended over rest days" if span.extend_over_rest_days else ""
        head = Text(
            f"{bare} from {when.en}{extended} {where_en}:", f"自{when.zh}起{span.zh}{where_zh}:"
        )
    lines = [head, _rule_sentence(span, cal, last, due, write)]
    if skipped:
        listed = write.days(skipped)
        lines.append(Text(f"rest days skipped: {listed.en}.", f"跳过休息日:{listed.zh}。"))
    lo, hi = (due_day, start_day) if span.before else (start_day, due_day)
    counts_days = span.unit is SpanUnit.WORKING_DAYS or span.is_working_time
    if counts_days:
        worked = tuple(d for d in cal.makeup_working_days if lo < d <= hi)
        if worked:
            listed = write.days(worked)
            lines.append(
                Text(
                    f"make-up working days counted as working days: {listed.en}.",
                    f"调休上班日按工作日计算:{listed.zh}。",
                )
            )
    if cal.estimated:
        lines.append(
            Text(
                "warning: the calendar's holidays are estimated, not the official schedule.",
                "注意:该日历的节假日为推算值,并非官方公布的安排。",
            )
        )
    due_text = write.at(due)
    if span.before:
        lines.append(Text(f"act by: {due_text.en}.", f"最迟办理:{due_text.zh}。"))
    else:
        lines.append(Text(f"due: {due_text.en}.", f"截止:{due_text.zh}。"))
    used = [FactUsed("start", rules[0]), FactUsed("span", rules[0])]
    on_time: bool | None = None
    if done_at is not None:
        on_time = done_at <= due
        done = write.at(done_at)
        limit = Text("the latest instant", "最迟办理时间") if span.before else Text(
            "the deadline", "截止时间")
        if on_time:
            verdict = Text(f"on time (at or before {limit.en})", f"按时(不晚于{limit.zh})")
        else:
            verdict = Text(f"late (after {limit.en})", f"逾期(晚于{limit.zh})")
        lines.append(Text(f"done at {done.en}: {verdict.en}.", f"完成于{done.zh}:{verdict.zh}。"))
        used.append(FactUsed("done_at", rules[0]))
    holidays = set(cal.holidays)
    for d in holidays.intersection(skipped):
        used.append(FactUsed(f"calendar.holidays[{d.isoformat()}]", rules[-1]))
    if counts_days or span.extend_over_rest_days:
        for d in cal.makeup_working_days:
            if lo <= d <= hi:
                used.append(FactUsed(f"calendar.makeup_working_days[{d.isoformat()}]", rules[-1]))
    used.sort(key=lambda f: f.fact)
    return DeadlineDecision.model_construct(
        kind="time.deadline",
        subject=f"{span} {'' if span.before else 'from '}{local.isoformat(timespec='minutes')}",
        as_of=None,
        outcome=DeadlineOutcome.model_construct(
            start=start,
            span=span,
            due=due,
            last_day=last,
            rest_days_skipped=skipped,
            done_at=done_at,
            met=on_time,
        ),
        decided_by=rules,
        not_applied=(),
        facts_used=tuple(used),
        facts_set_aside=(),
        missing_facts=(),
        basis=Basis(kind="calendar", name=cal.name, version=cal.source or "custom"),
        provisional=None,
        escalation=None,
        explanation=Explanation.from_lines(lines),
        format="propmgmt.decision.v1",
    )


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


def _rule_sentence(
    span: Span, cal: WorkCalendar, last: date | None, due: datetime, write: _Writer
) -> Text:
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
