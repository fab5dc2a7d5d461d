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

Every function here is pure and costs the same for a span of 1 working day as for 1000.
"""

from __future__ import annotations

import calendar as _gregorian
import functools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from pydantic import AwareDatetime, BaseModel, ConfigDict

from ..decision import Basis, Decision, Explanation, FactUsed, Text
from ..errors import InputError
from .calendar import WorkCalendar, _Compiled, _date, _x, require_aware
from .span import Span, SpanUnit, as_span

__all__ = [
    "DeadlineDecision",
    "DeadlineOutcome",
    "DeadlineStatus",
    "ObligationState",
    "after_working_time",
    "deadline",
    "explain_deadline",
    "last_day",
    "met",
    "status_at",
]

_US_PER_HOUR = 3_600_000_000
_US_PER_MINUTE = 60_000_000


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> Span:
    return as_span(text)


def _span(span: Span | str) -> Span:
    if isinstance(span, Span):
        return span
    if isinstance(span, str):
        return _parsed(span)
    return as_span(span)


def _add_months(day: date, n: int) -> date:
    """``day`` + n months, clipped to the month's last day (`T-MONTHS`)."""
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


def deadline(start: datetime, span: Span | str, calendar: WorkCalendar) -> datetime:
    """The deadline of ``span`` counted from ``start`` on ``calendar``, in the calendar's zone.

    Follows the catalog's `T-` rules exactly: elapsed time for minutes and hours; working time
    for working hours (a deadline at the very end of a working period stays there); the end
    (24:00) of the last day for same-day, day and month spans, the start day not counted; the
    n-th working day after the start's date for working days, ending at close of business when
    the calendar has working hours. A naive ``start`` is an :class:`InputError`.

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
    span = _span(span)
    c = calendar._compiled
    if span.before:
        return _before(c, start, span)
    unit = span.unit
    if unit is SpanUnit.IMMEDIATELY:
        return start.astimezone(c.tz)
    if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
        step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
        elapsed = timedelta(microseconds=span.amount * step)
        return (start.astimezone(UTC) + elapsed).astimezone(c.tz)
    if span.is_working_time:
        if span.amount == 0:  # T-ZERO: counting starts at the next working moment
            return _next_working_moment(c, start)
        return _after_working_time(c, start, _working_us(span))
    x, _ = c.local(start)
    if unit is SpanUnit.WORKING_DAYS:
        y = c.kth(c.count(x + 1) + span.amount)
        return c.instant(y, c.close_us)
    return c.instant(_last_day_x(c, x, span) + 1, 0)


def _working_us(span: Span) -> int:
    step = _US_PER_HOUR if span.unit is SpanUnit.WORKING_HOURS else _US_PER_MINUTE
    return span.amount * step


def _next_working_moment(c: _Compiled, start: datetime) -> datetime:
    """``start`` if it is working time, else the start of the next working period."""
    x, us = c.local(start)
    if c.is_working(x):
        for s, e in c.periods:
            if us < e:
                return start.astimezone(c.tz) if us >= s else c.instant(x, s)
    return c.instant(c.kth(c.count(x + 1) + 1), c.periods[0][0])


def _before(c: _Compiled, target: datetime, span: Span) -> datetime:
    """`T-BEFORE`: the latest instant by which to act, ``span`` before ``target``."""
    unit = span.unit
    if unit is SpanUnit.MINUTES or unit is SpanUnit.HOURS:
        step = _US_PER_MINUTE if unit is SpanUnit.MINUTES else _US_PER_HOUR
        elapsed = timedelta(microseconds=span.amount * step)
        return (target.astimezone(UTC) - elapsed).astimezone(c.tz)
    if span.is_working_time:
        return _before_working_time(c, target, _working_us(span))
    x, _ = c.local(target)
    if unit is SpanUnit.WORKING_DAYS:
        return c.instant(c.kth(c.count(x) - span.amount + 1), c.close_us)
    return c.instant(_last_day_x(c, x, span) + 1, 0)


def _before_working_time(c: _Compiled, target: datetime, n_us: int) -> datetime:
    """The latest instant from which ``n_us`` of working time passes by ``target``; counted
    from the previous working moment when ``target`` is outside working time, and from
    ``target`` itself when it is working time or the end of a working period."""
    worked = c.worked(target)
    if n_us == 0:
        x, us = c.local(target)
        if c.is_working(x) and any(s <= us <= e for s, e in c.periods):
            return target.astimezone(c.tz)
        return c.at_earliest(worked)
    return c.at_latest(worked - n_us)


def _after_working_time(c: _Compiled, start: datetime, n_us: int) -> datetime:
    """The earliest instant at or after ``start`` by which ``n_us`` of working time has passed."""
    if n_us == 0:
        return start.astimezone(c.tz)
    x, us = c.local(start)
    if c.is_working(x):
        done = c.worked_in_day(us)
        left_today = c.day_us - done
        if n_us <= left_today:
            return c.instant(x, c.locate(done + n_us))
        n_us -= left_today
    full_days, rest = divmod(n_us, c.day_us)
    base = c.count(x + 1)
    if rest == 0:
        return c.instant(c.kth(base + full_days), c.close_us)
    return c.instant(c.kth(base + full_days + 1), c.locate(rest))


def after_working_time(start: datetime, duration: timedelta, calendar: WorkCalendar) -> datetime:
    """The earliest instant by which ``duration`` of the calendar's working time has passed
    since ``start`` (the inverse of :meth:`WorkCalendar.working_time_between`), in O(1).

    Used to move a working-time deadline by a pause measured in working time. A deadline that
    falls exactly at the end of a working period stays there, as in `T-WORKING-HOURS`.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> cal = WorkCalendar(working_hours=["09:00-12:00", "13:30-18:00"])
    >>> friday_5pm = datetime(2025, 1, 3, 17, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> after_working_time(friday_5pm, timedelta(minutes=90), cal)
    datetime.datetime(2025, 1, 6, 9, 30, tzinfo=zoneinfo.ZoneInfo(key='Asia/Shanghai'))
    """
    require_aware(start, "start")
    if duration < timedelta(0):
        raise InputError("duration", "must not be negative", duration)
    return _after_working_time(calendar._compiled, start, duration // timedelta(microseconds=1))


def last_day(start: datetime, span: Span | str, calendar: WorkCalendar) -> date | None:
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
    c = calendar._compiled
    if span.unit in (SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS):
        return _date(_last_day_x(c, c.local(start)[0], span))
    if span.unit is SpanUnit.WORKING_DAYS:
        x = c.local(start)[0]
        if span.before:
            return _date(c.kth(c.count(x) - span.amount + 1))
        return _date(c.kth(c.count(x + 1) + span.amount))
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
    """The outcome of :func:`explain_deadline`."""

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


_WEEKDAY_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAY_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
_LIST_LIMIT = 8


def _fmt(instant: datetime) -> str:
    return instant.isoformat(timespec="minutes")


def _day(d: date, zh: bool = False) -> str:
    names = _WEEKDAY_ZH if zh else _WEEKDAY_EN
    return f"{d.isoformat()} {names[d.weekday()]}"


def _days(days: tuple[date, ...], zh: bool = False) -> str:
    shown = ("、" if zh else ", ").join(_day(d, zh) for d in days[:_LIST_LIMIT])
    more = len(days) - _LIST_LIMIT
    if more > 0:
        shown += f" 等共{len(days)}天" if zh else f" and {more} more"
    return shown


def explain_deadline(
    start: datetime,
    span: Span | str,
    calendar: WorkCalendar,
    *,
    done_at: datetime | None = None,
) -> DeadlineDecision:
    """:func:`deadline`, as a decision citing its `T-` rules and explaining itself.

    With ``done_at``, the decision also says whether an action then met the deadline
    (``x <= d``). Slower than :func:`deadline` (it lists the rest days it skipped): use it to
    show a deadline to a person, and :func:`deadline` in bulk.
    """
    require_aware(start, "start")
    if done_at is not None:
        require_aware(done_at, "done_at")
    span = _span(span)
    due = deadline(start, span, calendar)
    last = last_day(start, span, calendar)
    local = start.astimezone(calendar.tz)
    start_day = local.date()
    skipped: tuple[date, ...] = ()
    due_day = due.astimezone(calendar.tz).date()
    one = timedelta(days=1)
    if span.unit is SpanUnit.WORKING_DAYS:
        assert last is not None
        if span.before:
            skipped = calendar.rest_days_between(last + one, start_day)
        else:
            skipped = calendar.rest_days_between(start_day + one, last)
    elif span.extend_over_rest_days:
        assert last is not None
        plain = last_day(start, span.model_copy(update={"extend_over_rest_days": False}), calendar)
        assert plain is not None
        skipped = calendar.rest_days_between(plain, last)
    elif span.is_working_time:
        if span.before:
            skipped = calendar.rest_days_between(due_day + one, start_day + one)
        else:
            skipped = calendar.rest_days_between(start_day, due_day)
    rules = span.rule_ids
    where_en = (
        f"({_WEEKDAY_EN[start_day.weekday()]}, {calendar.timezone}, calendar {calendar.name!r})"
    )
    where_zh = f"({_WEEKDAY_ZH[start_day.weekday()]},{calendar.timezone},日历“{calendar.name}”)"
    if span.before:
        head = Text(
            f"{span} {_fmt(local)} {where_en}: the latest instant to act (T-BEFORE).",
            f"以{_fmt(local)}{where_zh}为目标时间{span.zh}:最迟办理时间(T-BEFORE)。",
        )
    else:
        head = Text(
            f"{span} from {_fmt(local)} {where_en}:", f"自{_fmt(local)}{where_zh}起{span.zh}:"
        )
    lines = [head, _rule_sentence(span, calendar, last, due)]
    if skipped:
        lines.append(
            Text(
                f"rest days skipped: {_days(skipped)}.",
                f"跳过休息日:{_days(skipped, zh=True)}。",
            )
        )
    if span.unit is SpanUnit.WORKING_DAYS or span.is_working_time:
        lo, hi = (due_day, start_day) if span.before else (start_day, due_day)
        worked = tuple(d for d in calendar.makeup_working_days if lo < d <= hi)
        if worked:
            lines.append(
                Text(
                    f"make-up working days (调休) counted as working days: {_days(worked)}.",
                    f"调休上班日按工作日计算:{_days(worked, zh=True)}。",
                )
            )
    if calendar.estimated:
        lines.append(
            Text(
                "warning: the calendar's holidays are estimated, not the official schedule.",
                "注意:该日历的节假日为推算值,并非官方公布的安排。",
            )
        )
    if span.before:
        lines.append(Text(f"act by: {_fmt(due)}.", f"最迟办理时间:{_fmt(due)}。"))
    else:
        lines.append(Text(f"due: {_fmt(due)}.", f"截止:{_fmt(due)}。"))
    used = [FactUsed("start", rules[0]), FactUsed("span", rules[0])]
    on_time: bool | None = None
    if done_at is not None:
        on_time = done_at <= due
        done = _fmt(done_at.astimezone(calendar.tz))
        lines.append(
            Text(
                f"done at {done}: {'met' if on_time else 'missed'} (an action meets a deadline "
                "iff it is at or before it).",
                f"完成于{done}:{'按时' if on_time else '逾期'}(不晚于截止时间即为按时)。",
            )
        )
        used.append(FactUsed("done_at", rules[0]))
    holidays = set(calendar.holidays)
    makeups = set(calendar.makeup_working_days)
    for d in holidays.intersection(skipped):
        used.append(FactUsed(f"calendar.holidays[{d.isoformat()}]", rules[-1]))
    if span.unit is SpanUnit.WORKING_DAYS or span.is_working_time or span.extend_over_rest_days:
        lo, hi = (due_day, start_day) if span.before else (start_day, due_day)
        for d in sorted(makeups):
            if lo <= d <= hi:
                used.append(FactUsed(f"calendar.makeup_working_days[{d.isoformat()}]", rules[-1]))
    used.sort(key=lambda f: f.fact)
    return DeadlineDecision.model_construct(
        kind="time.deadline",
        subject=f"{span} from {_fmt(local)}",
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
        basis=Basis(kind="calendar", name=calendar.name, version=calendar.source or "custom"),
        provisional=None,
        escalation=None,
        explanation=Explanation.from_lines(lines),
        format="propmgmt.decision.v1",
    )


def _rule_sentence(span: Span, cal: WorkCalendar, last: date | None, due: datetime) -> Text:
    if span.amount == 0 and span.unit not in (SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY):
        return _zero_sentence(span, last)
    if span.before:
        return _before_sentence(span, cal, last)
    rule = span.rule_id
    unit = span.unit
    if unit is SpanUnit.IMMEDIATELY:
        return Text(
            f"immediately means the start instant itself ({rule}).",
            f"立即即为起始时刻本身({rule})。",
        )
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        return Text(
            f"{span} of elapsed time, rest days included ({rule}).",
            f"按自然时间连续计算{span.zh},休息日照常计算({rule})。",
        )
    if span.is_working_time:
        hours = ", ".join(str(p) for p in cal.working_hours) or "00:00-24:00"
        return Text(
            f"only working time counts ({hours} on working days), from the next working "
            f"moment if the start is outside it ({rule}).",
            f"只计工作时间(工作日{hours}),非工作时间开始的自下一个工作时刻起算({rule})。",
        )
    assert last is not None
    at_close = unit is SpanUnit.WORKING_DAYS and cal.has_working_hours
    end_en = "close of business" if at_close else "24:00"
    end_zh = "下班时间" if end_en == "close of business" else "24:00"
    ext_en = ext_zh = ""
    if span.extend_over_rest_days:
        ext_en = ", moved past rest days to the next working day (T-REST-DAY-EXTENSION)"
        ext_zh = ",遇休息日顺延至下一个工作日(T-REST-DAY-EXTENSION)"
    if unit is SpanUnit.SAME_DAY:
        return Text(
            f"the last day is the start day {_day(last)}{ext_en}; it ends at 24:00 ({rule}).",
            f"最后一日为当日{_day(last, True)}{ext_zh},截止时间为24:00({rule})。",
        )
    what_en = {
        SpanUnit.DAYS: "the start day is not counted",
        SpanUnit.WORKING_DAYS: "the start day is not counted and only working days count",
        SpanUnit.MONTHS: "the corresponding day of the month, clipped to the month's last day",
    }[unit]
    what_zh = {
        SpanUnit.DAYS: "开始的当日不计入",
        SpanUnit.WORKING_DAYS: "开始的当日不计入,只计工作日",
        SpanUnit.MONTHS: "到期月的对应日,没有对应日的以月末日为准",
    }[unit]
    return Text(
        f"{what_en}; the last day is {_day(last)}{ext_en}; it ends at {end_en} ({rule}).",
        f"{what_zh};最后一日为{_day(last, True)}{ext_zh},截止时间为{end_zh}({rule})。",
    )


def _before_sentence(span: Span, cal: WorkCalendar, last: date | None) -> Text:
    rules = f"{span.rule_id}, T-BEFORE"
    rules_zh = f"{span.rule_id}、T-BEFORE"
    unit = span.unit
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        n = span.scaled(span.amount).model_copy(update={"before": False})
        return Text(
            f"{n} of elapsed time before the target, rest days included ({rules}).",
            f"自目标时间按自然时间向前倒数{n.zh},休息日照常计算({rules_zh})。",
        )
    if span.is_working_time:
        hours = ", ".join(str(p) for p in cal.working_hours) or "00:00-24:00"
        return Text(
            f"only working time counts ({hours} on working days), counted back from the "
            f"previous working moment if the target is outside it ({rules}).",
            f"只计工作时间(工作日{hours}),目标时间不在工作时间内的,自此前最后一个工作时刻"
            f"向前倒数({rules_zh})。",
        )
    assert last is not None
    at_close = unit is SpanUnit.WORKING_DAYS and cal.has_working_hours
    end_en = "close of business" if at_close else "24:00"
    end_zh = "下班时间" if at_close else "24:00"
    what_en = {
        SpanUnit.DAYS: "the target's day minus the days",
        SpanUnit.WORKING_DAYS: "the target's day is not counted and only working days count",
        SpanUnit.MONTHS: "the corresponding day of the month, clipped to the month's last day",
    }[unit]
    what_zh = {
        SpanUnit.DAYS: "目标日向前倒数",
        SpanUnit.WORKING_DAYS: "目标日不计入,只计工作日",
        SpanUnit.MONTHS: "向前倒数至对应日,没有对应日的以月末日为准",
    }[unit]
    return Text(
        f"{what_en}; the latest day is {_day(last)}; it ends at {end_en} ({rules}).",
        f"{what_zh};最迟一日为{_day(last, True)},截止时间为{end_zh}({rules_zh})。",
    )


def _zero_sentence(span: Span, last: date | None) -> Text:
    """`T-ZERO`: a span of amount 0."""
    rules = ", ".join(span.rule_ids)
    rules_zh = "、".join(span.rule_ids)
    unit = span.unit
    if unit in (SpanUnit.MINUTES, SpanUnit.HOURS):
        what = ("the target itself", "即目标时间本身") if span.before else (
            "the start instant itself", "即起始时刻本身")
        return Text(
            f"a span of {span} is {what[0]} ({rules}).", f"{span.zh}{what[1]}({rules_zh})。"
        )
    if span.is_working_time:
        if span.before:
            return Text(
                f"a span of {span} is the latest working moment at or before the target "
                f"({rules}).",
                f"{span.zh}即目标时间或此前最后一个工作时刻({rules_zh})。",
            )
        return Text(
            f"a span of {span} is the next working moment at or after the start ({rules}).",
            f"{span.zh}即起始时刻或此后第一个工作时刻({rules_zh})。",
        )
    assert last is not None  # DAYS
    ext_en = ext_zh = ""
    if span.extend_over_rest_days:
        ext_en = ", moved past rest days to the next working day"
        ext_zh = ",遇休息日顺延至下一个工作日"
    whose = ("the target's day", "目标日") if span.before else ("the start day", "当日")
    return Text(
        f"a span of {span} is the same day: the last day is {whose[0]} {_day(last)}{ext_en}; "
        f"it ends at 24:00 ({rules}).",
        f"{span.zh}即当天:最后一日为{whose[1]}{_day(last, True)}{ext_zh},截止时间为24:00"
        f"({rules_zh})。",
    )
