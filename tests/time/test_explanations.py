"""Explanations of deadlines (issue 11): instants written as a person reads them (the end of a
day as "Fri 7 Mar 24:00" / 「3月7日(周五)24:00」, the JSON instant unchanged), English without
Chinese, Chinese without English words (rule ids, names and numbers aside)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules import InputError, Span, WorkCalendar, china_calendar, explain_deadline
from propmgmt_rules.strategies import aware_datetimes, spans, work_calendars

from .test_rules_t import SH, TEN_TO_SIX, WEEKDAYS, at

HAN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
RULE_ID = re.compile(r"T-[A-Z-]+[A-Z]")


def test_issue_11_the_end_of_a_day_is_written_as_24_00_of_that_day() -> None:
    decision = explain_deadline(at(2025, 3, 7, 16, 45), "当天", WEEKDAYS)
    assert decision.outcome.due == at(2025, 3, 8)  # the JSON instant is unchanged
    assert "due: Fri 7 Mar 24:00." in decision.explanation.en
    assert "截止:3月7日(周五)24:00。" in decision.explanation.zh
    assert "2025-03-08" not in decision.explanation.en + decision.explanation.zh


def test_issue_11_the_year_is_written_when_it_differs_from_the_start() -> None:
    # Tuesday 30 December 2025 + 3 working days: Wed 31, Thu 1 January, Fri 2 January 2026
    decision = explain_deadline(at(2025, 12, 30, 10), "3 working days", WEEKDAYS)
    assert "from Tue 30 Dec 2025 10:00" in decision.explanation.en
    assert "due: Fri 2 Jan 2026 24:00." in decision.explanation.en
    assert "截止:2026年1月2日(周五)24:00。" in decision.explanation.zh
    # the end of 31 December is 24:00 of that day, in the start's year
    last = explain_deadline(at(2025, 12, 30, 10), "1 day", WEEKDAYS)
    assert "due: Wed 31 Dec 24:00." in last.explanation.en


def test_t_before_is_explained_as_the_latest_instant_to_act() -> None:
    decision = explain_deadline(at(2026, 11, 25, 14), "提前2个工作日", TEN_TO_SIX)
    assert decision.decided_by == ("T-WORKING-DAYS", "T-BEFORE")
    assert decision.explanation.en.splitlines() == [
        "2 working days before Wed 25 Nov 2026 14:00 (Asia/Shanghai, calendar 'custom'), "
        "counted backwards to the latest instant to act:",
        "the target's day is not counted and only working days count; the 2nd working day "
        "before it is Mon 23 Nov; it ends at close of business, 18:00 "
        "(T-WORKING-DAYS, T-BEFORE).",
        "act by: Mon 23 Nov 18:00.",
    ]
    assert decision.explanation.zh.splitlines()[-1] == "最迟办理:11月23日(周一)18:00。"


def test_working_hours_by_weekday_are_named_in_the_explanation() -> None:
    shop = WorkCalendar(weekend=["sunday"], working_hours=["09:00-18:00"],
                        weekday_hours={"saturday": ["09:00-12:00"]},
                        makeup_working_hours=["10:00-16:00"])
    decision = explain_deadline(at(2025, 3, 7, 17, 30), "一个半工作小时", shop)
    assert "(09:00-18:00 on working days; 09:00-12:00 on Saturdays; 10:00-16:00 on make-up " \
        "working days)" in decision.explanation.en
    assert "(工作日09:00-18:00;周六09:00-12:00;调休上班日10:00-16:00)" in decision.explanation.zh
    assert decision.outcome.due == at(2025, 3, 8, 10)


def test_bundled_calendar_names_and_the_zone_read_in_chinese() -> None:
    decision = explain_deadline(at(2025, 1, 24, 19, 30), "1 working day", china_calendar(2025))
    assert "日历“中国官方节假日安排2025年”" in decision.explanation.zh
    assert "北京时间" in decision.explanation.zh


@given(work_calendars(first=date(2024, 1, 1), days=3 * 366), aware_datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31)), spans(before=None))
def test_english_has_no_chinese_and_chinese_has_no_english_words(
    cal: WorkCalendar, start: datetime, span: Span
) -> None:
    cal = cal.model_copy(update={"name": "custom", "timezone": "Asia/Shanghai"})
    decision = explain_deadline(start.astimezone(SH), span, cal)
    assert not HAN.search(decision.explanation.en), decision.explanation.en
    assert not re.search(r"[A-Za-z]", RULE_ID.sub("", decision.explanation.zh)), (
        decision.explanation.zh)


# -- written when first read (issue 12) -------------------------------------------------------


@given(work_calendars(), aware_datetimes(), spans(), aware_datetimes() | st.none())
def test_an_explained_deadline_that_is_decided_can_always_be_read(
        cal: WorkCalendar, start: datetime, span: Span, done_at: datetime | None) -> None:
    """The explanation is written when first read: whatever input gave a decision gives a
    readable explanation (never an error deferred to the reader), the same each time."""
    try:
        decision = explain_deadline(start, span, cal, done_at=done_at)
    except InputError:
        return
    assert decision.explanation.en.startswith(str(span).split(",")[0])
    assert decision.explanation.zh
    again = explain_deadline(start, span, cal, done_at=done_at)  # its parts kept: the same
    assert again.to_json() == decision.to_json()


def test_an_action_at_the_end_of_time_is_refused_naming_done_at() -> None:
    # issue 10 item 4: it would end in an OverflowError when the explanation writes it

    with pytest.raises(InputError, match="done_at"):
        explain_deadline(at(2025, 3, 7, 16), "1 day", WEEKDAYS,
                         done_at=datetime(9999, 12, 31, 23, 0, tzinfo=UTC))


def test_explanations_are_the_same_read_at_once_or_after_many_others() -> None:
    starts = [at(2025, 1, 24, 9) + timedelta(hours=7 * i) for i in range(40)]
    first = [explain_deadline(s, "3个工作日", "china-official").explanation.en for s in starts]
    for s in starts:  # a batch of the same days, the kept sentences reused
        explain_deadline(s, "3个工作日", "china-official")
    assert [explain_deadline(s, "3个工作日", "china-official").explanation.en
            for s in starts] == first


@given(work_calendars(), spans(before=None), st.lists(
    aware_datetimes(min_value=datetime(2024, 12, 25), max_value=datetime(2025, 1, 8),
                    zones=("Asia/Shanghai", "Europe/Berlin", "UTC")),
    min_size=2, max_size=6), st.data())
def test_kept_parts_never_change_an_explained_deadline(
        cal: WorkCalendar, span: Span, starts: list[datetime], data: st.DataObject) -> None:
    """Issue 12: the explained deadline keeps, per span and calendar, its sentences with blanks
    for a day and, per start day, what the day gives. Whatever was asked before (other starts
    on the same days, equal spans of other objects), each decision is byte for byte the one a
    fresh process gives (T-WORKING-DAYS, T-WORKING-HOURS, T-DAYS, T-MONTHS, T-BEFORE, T-ZERO)."""
    from propmgmt_rules.time import explain

    done = [data.draw(st.none() | st.just(s + timedelta(hours=data.draw(st.integers(0, 90)))))
            for s in starts]

    def decide(start: datetime, done_at: datetime | None, the_span: Span) -> str:
        try:
            return explain_deadline(start, the_span, cal, done_at=done_at).to_json()
        except InputError as exc:
            return f"refused: {exc}"

    fresh = []
    for s, d in zip(starts, done, strict=True):
        explain.clear_memos()
        fresh.append(decide(s, d, span))
    explain.clear_memos()
    equal = Span.model_validate(span.model_dump())  # an equal span, another object
    order = data.draw(st.permutations(range(len(starts))))
    kept = {i: decide(starts[i], done[i], span if i % 2 else equal) for i in order}
    assert [kept[i] for i in range(len(starts))] == fresh
