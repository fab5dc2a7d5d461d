"""A first-seen day's parts and text (``time.explain._Day``, ``_day_text``) against the
straightforward version kept here: the deadline's words written by converting the deadline
instant (``_at``), each calendar fact made afresh; and ``_Compiled.instant`` against the
``datetime`` built field by field. Over spans, calendars (``china-official`` with and without
working hours, ``weekdays``, generated calendars in zones with summer time) and start instants
(near the zones' transitions too)."""

from __future__ import annotations

import bisect
from datetime import date, datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.decision import FactUsed
from propmgmt_rules.time import explain
from propmgmt_rules.time.calendar import DAY_US, WorkCalendar
from propmgmt_rules.time.deadline import deadline, due_of_last, last_x
from propmgmt_rules.time.explain import _BY_DAY, _ELAPSED, _WORKING, _at, _Day, _day_text
from propmgmt_rules.time.phrasing import _day
from propmgmt_rules.time.presets import resolve_calendar
from propmgmt_rules.time.span import Span
from propmgmt_rules.time.strategies import aware_datetimes, spans, work_calendars

_DST = ("Europe/Berlin", "America/New_York")
_PRESETS = ("china-official", "china-official@09:00-12:00,13:30-18:00", "weekdays")
_NEAR_TRANSITIONS = tuple(
    datetime(y, m, d, h, mi, tzinfo=ZoneInfo(z), fold=f)
    for z, days in (("America/New_York", ((2025, 3, 9), (2025, 11, 2), (2026, 3, 8))),
                    ("Europe/Berlin", ((2025, 3, 30), (2025, 10, 26), (2026, 3, 29))))
    for (y, m, d) in days for h in (0, 1, 2, 3) for mi in (0, 30) for f in (0, 1))

calendars = st.one_of(st.sampled_from(_PRESETS).map(resolve_calendar),
                      work_calendars(zones=("Asia/Shanghai", *_DST)))
starts = st.one_of(aware_datetimes(zones=("Asia/Shanghai", "UTC", *_DST)),
                   st.sampled_from(_NEAR_TRANSITIONS))


def _reference_list(days: tuple[date, ...], year: int) -> tuple[str, str]:
    """Days as a list, written afresh (no memo)."""
    shown = [_day(d, d.year != year) for d in days[:8]]
    en, zh = ", ".join(t[0] for t in shown), "、".join(t[1] for t in shown)
    if len(days) > 8:
        en, zh = f"{en} and {len(days) - 8} more", f"{zh}等共{len(days)}天"
    return en, zh


def _reference_text(day: _Day) -> tuple[str, str, str, str]:
    """The straightforward text: every deadline instant converted and written by ``_at``."""
    plan = day.plan
    w, c = plan.written, plan.c
    kind = plan.kind
    when_en, when_zh = _day(date.fromordinal(day.x + 1), True)
    if kind == _ELAPSED:
        return (f"{w.head_en[0]}{when_en} ", w.elapsed_en, f"{w.head_zh[0]}{when_zh}",
                w.elapsed_zh)
    year, last = day.year, day.last
    if last is None:
        en, zh = w.rule.en[0], w.rule.zh[0]
    else:
        en, zh = w.rule.fill(_day(last, last.year != year),
                             w.end(c, plan.span, last.toordinal() - 1)[0])
    if day.skipped:
        listed_en, listed_zh = _reference_list(day.skipped, year)
        en, zh = f"{en}\nrest days skipped: {listed_en}.", f"{zh}\n跳过休息日:{listed_zh}。"
    if plan.makeup_listed:
        due_x = day.due.astimezone(c.tz).toordinal() - 1
        lo, hi = (due_x, day.x) if plan.span.before else (day.x, due_x)
        i, j = bisect.bisect_right(plan.makeup_x, lo), bisect.bisect_right(plan.makeup_x, hi)
        if i < j:
            listed_en, listed_zh = _reference_list(plan.cal.makeup_working_days[i:j], year)
            en = f"{en}\nmake-up working days counted as working days: {listed_en}."
            zh = f"{zh}\n调休上班日按工作日计算:{listed_zh}。"
    if kind == _BY_DAY:
        due_en, due_zh = _at(day.due, c.tz, year)
        after_en = f"{w.head_en[1]}{en}{w.warning_en}\n{w.due_en}{due_en}."
        after_zh = f"{w.head_zh[1]}{zh}{w.warning_zh}\n{w.due_zh}{due_zh}。"
    else:
        after_en = f"{w.head_en[1]}{en}{w.warning_en}\n{w.due_en}"
        after_zh = f"{w.head_zh[1]}{zh}{w.warning_zh}\n{w.due_zh}"
    return (f"{w.head_en[0]}{when_en} ", after_en, f"{w.head_zh[0]}{when_zh}", after_zh)


def _reference_facts(day: _Day) -> tuple[FactUsed, ...]:
    """The calendar's facts the deadline used, each made afresh."""
    plan, rule = day.plan, day.plan.fact_rule
    found = tuple(FactUsed(f"calendar.holidays[{d.isoformat()}]", rule)
                  for d in sorted(set(plan.cal.holidays).intersection(day.skipped)))
    if plan.makeup_facts:
        due_x = day.due.astimezone(plan.c.tz).toordinal() - 1
        lo, hi = (due_x, day.x) if plan.span.before else (day.x, due_x)
        found += tuple(FactUsed(f"calendar.makeup_working_days[{d.isoformat()}]", rule)
                       for d in plan.cal.makeup_working_days if lo <= d.toordinal() - 1 <= hi)
    return found + plan.facts


def _day_of(cal: WorkCalendar, span: Span, start: datetime) -> _Day | None:
    """The day as ``explained`` makes it (its last day and deadline as ``deadline`` gives)."""
    plan = explain._plan(span, cal)
    try:
        local = start.astimezone(plan.tz)
        x = local.toordinal() - 1
        if plan.kind == _BY_DAY:
            last_n = last_x(plan.c, x, span)
            assert last_n is not None
            due = due_of_last(plan.c, span, last_n)
            assert due == deadline(start, span, cal)
            return _Day(plan, x, due, last_n)
        return _Day(plan, x, deadline(start, span, cal), None)
    except (OverflowError, ValueError):
        return None


@settings(max_examples=300, deadline=None)
@given(calendars, spans(before=None, max_amount=40), starts)
def test_a_days_text_and_facts_are_the_straightforward_ones(
        cal: WorkCalendar, span: Span, start: datetime) -> None:
    day = _day_of(cal, span, start)
    if day is None:
        return
    assert day.text() == _reference_text(day)
    assert day.facts == _reference_facts(day)
    assert _day_text(day) == day.text()  # written again (its lists from the memo): the same
    if day.skipped:
        assert explain._days_text(day.skipped, day.year) == _reference_list(
            day.skipped, day.year)
    if day.plan.kind == _WORKING:
        due = day.due.astimezone(day.plan.tz).date()
        assert day.due_day == _day(due, due.year != day.year)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_PRESETS).map(resolve_calendar),
       st.sampled_from(("3个工作日", "3 days", "1 month", "10 days before", "当天",
                        "2 working days before", "3 days, extended")),
       aware_datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31)))
def test_the_bundled_calendars_days_as_the_job_meets_them(
        cal: WorkCalendar, text: str, start: datetime) -> None:
    explain.clear_memos()  # a first-seen day
    day = _day_of(cal, Span.parse(text), start)
    assert day is not None
    assert day.text() == _reference_text(day)
    assert day.facts == _reference_facts(day)


def _reference_instant(tz: object, x: int, us: int) -> datetime:
    if us >= DAY_US:
        x, us = x + 1, us - DAY_US
    d = date.fromordinal(x + 1)
    s, micro = divmod(us, 1_000_000)
    m, sec = divmod(s, 60)
    h, mi = divmod(m, 60)
    return datetime(d.year, d.month, d.day, h, mi, sec, micro, tz)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(("weekdays", "china-official")).map(resolve_calendar)
       | work_calendars(zones=("Asia/Shanghai", "UTC", *_DST)),
       st.integers(0, 3_652_058), st.integers(-DAY_US, 2 * DAY_US) | st.sampled_from(
           (0, DAY_US, DAY_US - 1, 2 * 3_600_000_000, 2 * 3_600_000_000 + 1_800_000_000)))
def test_instant_is_the_datetime_of_its_fields(cal: WorkCalendar, x: int, us: int) -> None:
    c = cal._compiled
    try:
        want: datetime | type[Exception] = _reference_instant(c.tz, x, us)
    except (OverflowError, ValueError) as exc:
        want = type(exc)
    try:
        got: datetime | type[Exception] = c.instant(x, us)
    except (OverflowError, ValueError) as exc:
        got = type(exc)
    if isinstance(want, datetime):
        assert isinstance(got, datetime)
        assert (got, got.fold, got.tzinfo, got.utcoffset()) == (
            want, want.fold, want.tzinfo, want.utcoffset())
        assert got.tzinfo is c.tz
        assert got.replace(tzinfo=None) == want.replace(tzinfo=None)
    else:
        assert got is want


def test_near_a_transition_the_text_is_the_instants() -> None:
    """A deadline at a local midnight that summer time skips (no such wall time in some
    zones) is written from its wall time, as converting it to its own zone gives."""
    cal = WorkCalendar(name="ny", timezone="America/New_York")
    for start in _NEAR_TRANSITIONS:
        for text in ("当天", "1 day", "3个工作日", "1 month", "2 days before"):
            day = _day_of(cal, Span.parse(text), start)
            assert day is not None
            assert day.text() == _reference_text(day)
