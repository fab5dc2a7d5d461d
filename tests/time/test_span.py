"""Spans: every unit of the catalog, English and Chinese text forms, validation."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from propmgmt_rules import Span, SpanUnit
from propmgmt_rules.time import RULE_OF_UNIT


@pytest.mark.parametrize(
    ("text", "unit", "amount"),
    [
        ("immediately", SpanUnit.IMMEDIATELY, 0),
        ("马上", SpanUnit.IMMEDIATELY, 0),
        ("15 minutes", SpanUnit.MINUTES, 15),
        ("15分钟内", SpanUnit.MINUTES, 15),
        ("2h", SpanUnit.HOURS, 2),
        ("2小时内", SpanUnit.HOURS, 2),
        ("两小时", SpanUnit.HOURS, 2),
        ("4 working hours", SpanUnit.WORKING_HOURS, 4),
        ("same day", SpanUnit.SAME_DAY, 0),
        ("当天", SpanUnit.SAME_DAY, 0),
        ("2 days", SpanUnit.DAYS, 2),
        ("2日内", SpanUnit.DAYS, 2),
        ("十天", SpanUnit.DAYS, 10),
        ("一星期之内", SpanUnit.DAYS, 7),
        ("3 working days", SpanUnit.WORKING_DAYS, 3),
        ("3个工作日内", SpanUnit.WORKING_DAYS, 3),
        ("1 month", SpanUnit.MONTHS, 1),
        ("一个月", SpanUnit.MONTHS, 1),
        ("三个月", SpanUnit.MONTHS, 3),
        ("within 24 hours", SpanUnit.HOURS, 24),
    ],
)
def test_parse_english_and_chinese(text: str, unit: SpanUnit, amount: int) -> None:
    span = Span.parse(text)
    assert (span.unit, span.amount, span.extend_over_rest_days) == (unit, amount, False)


def test_parse_extension_marker() -> None:
    assert Span.parse("3 days, extended").extend_over_rest_days
    assert Span.parse("一个月(遇节假日顺延)") == Span.months(1, extend_over_rest_days=True)


def test_unreadable_text_is_an_error_with_examples() -> None:
    with pytest.raises(ValueError, match="cannot read 'soon' as a span"):
        Span.parse("soon")


def test_same_day_has_no_amount_and_t_zero_refuses_0_working_days_and_0_months() -> None:
    with pytest.raises(ValidationError, match="amount"):
        Span(unit=SpanUnit.SAME_DAY, amount=2)
    with pytest.raises(ValidationError, match=r"0 working days is refused \(T-ZERO\)"):
        Span(unit=SpanUnit.WORKING_DAYS, amount=0)
    with pytest.raises(ValidationError, match=r"0 months is refused \(T-ZERO\)"):
        Span.months(0)
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        Span(unit=SpanUnit.HOURS, amount=-1)


def test_every_unit_has_its_t_rule() -> None:
    assert set(RULE_OF_UNIT) == set(SpanUnit)
    assert Span.days(2, extend_over_rest_days=True).rule_ids == ("T-DAYS", "T-REST-DAY-EXTENSION")


def test_text_forms_round_trip() -> None:
    for span in (Span.hours(1), Span.working_days(3), Span.months(2), Span.same_day(),
                 Span.immediately(), Span.minutes(15), Span.working_hours(8),
                 Span.days(2, extend_over_rest_days=True)):
        assert Span.parse(str(span)) == span
        assert Span.parse(span.zh) == span


def test_a_span_is_accepted_as_text_inside_models() -> None:
    assert Span.model_validate("3个工作日") == Span.working_days(3)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("10 days before", Span.days(10, before=True)),
        ("提前10天", Span.days(10, before=True)),
        ("提前十天", Span.days(10, before=True)),
        ("2 working days before", Span.working_days(2, before=True)),
        ("提前2个工作日", Span.working_days(2, before=True)),
        ("3 hours before", Span.hours(3, before=True)),
        ("提前3小时", Span.hours(3, before=True)),
        ("30 minutes before", Span.minutes(30, before=True)),
        ("1 month before", Span.months(1, before=True)),
        ("提前一个月", Span.months(1, before=True)),
        ("2 working hours before", Span.working_hours(2, before=True)),
        ("10 days in advance", Span.days(10, before=True)),
    ],
)
def test_t_before_spans_parse_in_english_and_chinese(text: str, span: Span) -> None:
    assert Span.parse(text) == span
    assert Span.parse(str(span)) == span
    assert Span.parse(span.zh) == span


def test_t_before_span_serialises_its_direction_and_plain_spans_stay_as_they_were() -> None:
    assert Span.days(3).model_dump() == {"unit": "days", "amount": 3,
                                         "extend_over_rest_days": False}
    back = Span.days(3, before=True)
    assert back.model_dump()["before"] is True
    assert Span.model_validate_json(back.model_dump_json()) == back
    assert Span.days(3).backwards() == back
