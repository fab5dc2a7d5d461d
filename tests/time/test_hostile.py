"""Hostile input to the time area (issue 10): every bad input is a clear error naming the field,
in bounded time, never a hang, a file read, a raw crash or a silently wrong answer.

These tests assert correctness, never time: a pathological text either parses to the right
span or is refused with a ``ValueError``; the fuzzing script in ``benchmarks/`` times them.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules import (
    InputError,
    Span,
    WorkCalendar,
    china_calendar,
    deadline,
    explain_deadline,
    last_day,
)
from propmgmt_rules.limits import MAX_SPAN_TEXT_LENGTH

# -- span texts ---------------------------------------------------------------------------


@pytest.mark.parametrize("spaces", [1, 10, 100, MAX_SPAN_TEXT_LENGTH - 2])
def test_issue_10_rest_day_extension_blow_up_text_is_refused(spaces: int) -> None:
    # "3" + spaces + "x" took 20-30 s at 1000 spaces: now refused, whatever the spaces
    with pytest.raises(ValueError, match="cannot read"):
        Span.parse("3" + " " * spaces + "x")


@pytest.mark.parametrize("spaces", [MAX_SPAN_TEXT_LENGTH, 1000, 2000, 100_000])
def test_issue_10_over_long_texts_are_refused_by_length(spaces: int) -> None:
    with pytest.raises(ValueError, match=f"at most {MAX_SPAN_TEXT_LENGTH} characters"):
        Span.parse("3" + " " * spaces + "x")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("3" + " " * 150 + "days", Span.days(3)),
        ("3" + " " * 80 + "days" + " " * 50 + ", extended",
         Span.days(3, extend_over_rest_days=True)),
        ("  within   3   working   days  ", Span.working_days(3)),
        ("\t3\ndays\r", Span.days(3)),
        ("3日内" + " " * 100 + "(遇节假日顺延)", Span.days(3, extend_over_rest_days=True)),
        ("0" * 150 + "3 days", Span.days(3)),
    ],
)
def test_pathological_but_readable_texts_parse_correctly(text: str, span: Span) -> None:
    assert Span.parse(text) == span


@pytest.mark.parametrize(
    "text",
    [
        "3 " + "days " * 30,
        "3 " + "顺延" * 50,
        "3 days" + ", extended" * 15,
        "(" * 100 + "3 days" + ")" * 90,
        "3 days" + " " * 100 + ")",
        "9" * 150 + " days",
        "一" * 150 + "天",
        "十" * 150 + "天",
        "提前" * 50 + "3天",
        "3天" + "前" * 50,
        "3 days (extended",
        "3 days extended)",
        "within " * 25 + "3 days",
        "内" * 100,
        ",;" * 90 + "extended",
        "3\x00 days",
    ],
)
def test_pathological_texts_are_refused(text: str) -> None:
    assert len(text) <= MAX_SPAN_TEXT_LENGTH + 10
    with pytest.raises(ValueError, match=r"span|numeral|parenthesis|twice|characters|NUL"):
        Span.parse(text)


_TOKENS = st.sampled_from(
    [" ", "  ", "3", "0", "12", ".", "5", "一", "两", "十", "百", "千", "零", "半", "个",
     "天", "日", "小时", "工作日", "工作小时", "分钟", "月", "周", "days", "day", "hours", "h",
     "working", "-", "minutes", "month", "(", ")", "（", "）", ",", ";", "extended", "顺延",
     "遇", "节假日", "before", "提前", "前", "within", "在", "内", "以内", "以上", "当天",
     "immediately", "x", "é", "\u200b", "\x00", "２", "²"]
)


@given(st.lists(_TOKENS, max_size=60).map("".join))
def test_any_text_parses_to_a_span_that_round_trips_or_is_refused(text: str) -> None:
    try:
        span = Span.parse(text)
    except ValueError:
        return
    assert Span.parse(str(span)) == span
    assert Span.parse(span.zh) == span


@given(st.text(max_size=MAX_SPAN_TEXT_LENGTH + 20))
def test_arbitrary_unicode_never_raises_anything_but_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        Span.parse(text)


# -- overflow: a deadline beyond the representable range names the field (issue 10) ---------

SH = ZoneInfo("Asia/Shanghai")
WEEKDAYS = WorkCalendar()


@pytest.mark.parametrize(
    ("start", "span", "field"),
    [
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "1 day", "span"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "1 working day", "span"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "2 hours", "span"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "1 month", "span"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "3 working hours", "span"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=SH), "same day", "start"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "immediately", "start"),
        (datetime(9990, 1, 1, tzinfo=SH), "36525 days", "span"),
        (datetime(9990, 1, 1, tzinfo=SH), "1200 months", "span"),
        (datetime(1, 1, 1, 9, tzinfo=SH), "2 days before", "span"),
        (datetime(1, 1, 1, 9, tzinfo=SH), "1 working day before", "span"),
        (datetime(1, 1, 1, 9, tzinfo=SH), "10 working hours before", "span"),
        (datetime(1, 1, 1, 9, tzinfo=SH), "10 hours before", "span"),
    ],
)
def test_issue_10_a_deadline_outside_the_years_1_to_9999_is_an_input_error(
    start: datetime, span: str, field: str
) -> None:
    with pytest.raises(InputError, match="falls outside the years 1-9999") as info:
        deadline(start, span, WEEKDAYS)
    assert info.value.field == field
    with pytest.raises(InputError, match="falls outside the years 1-9999"):
        explain_deadline(start, span, WEEKDAYS)


def test_issue_10_no_working_moment_before_the_first_day_names_the_start() -> None:
    office = WorkCalendar(working_hours=["09:00-18:00"])
    with pytest.raises(InputError, match="falls outside the years 1-9999") as info:
        deadline(datetime(1, 1, 1, 8, tzinfo=SH), "0 working hours before", office)
    assert info.value.field == "start"


@pytest.mark.parametrize("span", ["1000000000000 hours", f"{10**30} days", "1E+30 days"])
def test_issue_10_huge_spans_are_refused_before_any_arithmetic(span: str) -> None:
    with pytest.raises(InputError, match=r"^span: ") as info:
        deadline(datetime(2025, 1, 1, tzinfo=SH), span, WEEKDAYS)
    assert info.value.field == "span"


def test_issue_10_huge_spans_in_models_name_the_field() -> None:
    from pydantic import ValidationError

    from propmgmt_rules.time.cases import DeadlineCase

    with pytest.raises(ValidationError, match="at most 876600 hours") as info:
        DeadlineCase.model_validate({"id": "x", "start": "2025-01-01T00:00:00+08:00",
                                     "span": {"unit": "hours", "amount": 10**12}})
    assert info.value.errors()[0]["loc"] == ("span",)


def test_issue_10_after_working_time_beyond_the_range_names_the_duration() -> None:
    from propmgmt_rules import after_working_time

    with pytest.raises(InputError, match=r"^duration: the result falls outside"):
        after_working_time(datetime(9999, 12, 1, tzinfo=SH), timedelta(days=10**6), WEEKDAYS)


# -- silently wrong (issue 10): an action before the start ----------------------------------


def test_issue_10_a_time_case_done_before_its_start_is_an_error_naming_done_at() -> None:
    from pydantic import ValidationError

    from propmgmt_rules.time.cases import DeadlineCase

    raw = {"id": "x", "start": "2025-03-03T10:00:00+08:00", "span": "2 days",
           "done_at": "2025-03-01T10:00:00+08:00"}
    with pytest.raises(ValidationError, match="is before the start") as info:
        DeadlineCase.model_validate(raw)
    assert info.value.errors()[0]["loc"] == ("done_at",)
    with pytest.raises(InputError, match=r"^done_at: is before the start"):
        explain_deadline(datetime(2025, 3, 3, 10, tzinfo=SH), "2 days", WEEKDAYS,
                         done_at=datetime(2025, 3, 1, 10, tzinfo=SH))
    # counted backwards (T-BEFORE), acting before the target is the point
    ok = DeadlineCase.model_validate({**raw, "span": "10 days before"})
    assert ok.done_at is not None


# -- wrong types are InputErrors naming the argument (issue 10) ------------------------------


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: deadline("2025-01-01", "1 day", WEEKDAYS), "start"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), 3, WEEKDAYS), "span"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), None, WEEKDAYS), "span"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", None), "calendar"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", {"name": "x"}), "calendar"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", "mars"), "calendar"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", "china-2031"), "calendar"),
        (lambda: deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", "weekdays@25:00-26:00"),
         "calendar"),
        (lambda: explain_deadline(datetime(2025, 1, 1, tzinfo=SH), "1 day", WEEKDAYS,
                                  done_at="soon"), "done_at"),
        (lambda: last_day(datetime(2025, 1, 1, tzinfo=SH), "1 day", 7), "calendar"),
        (lambda: china_calendar("2025"), "years"),
        (lambda: china_calendar(True), "years"),
        (lambda: china_calendar([2025, "2026"]), "years"),
        (lambda: china_calendar(2031), "years"),
    ],
)
def test_wrong_types_raise_input_error_naming_the_argument(call, field: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        call()
    assert info.value.field == field


def test_after_working_time_refuses_a_wrong_duration() -> None:
    from propmgmt_rules import after_working_time

    with pytest.raises(InputError, match=r"^duration: must be a timedelta"):
        after_working_time(datetime(2025, 1, 1, tzinfo=SH), 3600, WEEKDAYS)  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"^duration: must not be negative"):
        after_working_time(datetime(2025, 1, 1, tzinfo=SH), timedelta(hours=-1), WEEKDAYS)


# -- hostile-findings #1, #3, #5 (time) -----------------------------------------------------


@pytest.mark.parametrize("value", [None, 5, 2.5, b"3 days", ["3 days"]])
def test_findings_1_span_parse_of_a_non_text_is_an_input_error_naming_span(value: object) -> None:
    with pytest.raises(InputError, match=r"^span: must be a span text") as info:
        Span.parse(value)  # type: ignore[arg-type]
    assert info.value.field == "span"


@pytest.mark.parametrize("text", ["soon", "-1 days", "1.5 days", "3 dayz", ""])
def test_findings_1_span_parse_of_unreadable_text_is_an_input_error_naming_span(
    text: str,
) -> None:
    with pytest.raises(InputError) as info:
        Span.parse(text)
    assert info.value.field == "span"


@pytest.mark.parametrize("years", [range(10**9), [2025] * 1000 + [2031], iter(range(2031, 10**9))])
def test_findings_3_china_calendar_refuses_long_or_unknown_year_lists(years: object) -> None:
    with pytest.raises(InputError) as info:
        china_calendar(years)  # type: ignore[arg-type]
    assert info.value.field == "years"


@pytest.mark.parametrize(
    "amount", [Decimal("-1E+999999999"), Decimal("1E+999999999"), Decimal("NaN"), float("inf"),
               "9" * 30, 1e30])
def test_findings_5_span_amount_of_a_huge_number_is_refused_before_it_is_expanded(
    amount: object,
) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="amount") as info:
        Span.model_validate({"unit": "days", "amount": amount})
    assert info.value.errors()[0]["loc"] == ("amount",)


EDGES = [
    datetime.max.replace(tzinfo=UTC),
    datetime.min.replace(tzinfo=UTC),
    datetime(9999, 12, 31, 23, 59, tzinfo=SH),
    datetime(1, 1, 1, tzinfo=ZoneInfo("Etc/GMT-14")),
]


@pytest.mark.parametrize("edge", EDGES, ids=str)
def test_findings_2_instants_at_the_edge_of_the_calendar_are_input_errors(edge: datetime) -> None:
    from propmgmt_rules import after_working_time, before_working_time

    office = WorkCalendar(working_hours=["09:00-18:00"])
    calls = [
        lambda: deadline(edge, "immediately", office),
        lambda: deadline(edge, "1 working hour", office),
        lambda: deadline(edge, "1 day before", office),
        lambda: explain_deadline(edge, "same day", office),
        lambda: last_day(edge, "1 month", office),
        lambda: after_working_time(edge, timedelta(0), office),
        lambda: after_working_time(edge, timedelta(hours=1), office),
        lambda: before_working_time(edge, timedelta(0), office),
        lambda: before_working_time(edge, timedelta(hours=1), office),
        lambda: office.local_date(edge),
        lambda: office.is_working_time(edge),
        lambda: office.next_working_moment(edge),
        lambda: office.previous_working_moment(edge),
        lambda: office.working_time_between(edge, datetime(2025, 1, 1, tzinfo=SH)),
    ]
    reasons = []
    for call in calls:
        try:
            call()  # an answer, or an InputError; any other exception fails the test
        except InputError as exc:
            reasons.append(exc.reason)
    assert all("outside the years 1-9999" in reason for reason in reasons), reasons
