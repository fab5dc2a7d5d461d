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


# -- well-formed numerals only (issue 10) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount"),
    [("一天", 1), ("十天", 10), ("十五天", 15), ("二十天", 20), ("二十五天", 25), ("一百天", 100),
     ("一百零五天", 105), ("一百一十天", 110), ("两天", 2), ("两百天", 200), ("二百天", 200),
     ("一千零五十天", 1050), ("两千天", 2000), ("零天", 0), ("〇天", 0), ("九十九天", 99)],
)
def test_well_formed_chinese_numerals_are_read(text: str, amount: int) -> None:
    assert Span.parse(text) == Span.days(amount)


@pytest.mark.parametrize(
    "text",
    ["一二三个工作日", "十十十天", "百百个月", "二两天", "十两天", "两十天", "零五天", "一十五天",
     "一百五天", "五零天", "千天", "九九九九九天", "三三小时", "〇〇天", "十零天"],
)
def test_malformed_chinese_numerals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a well-formed Chinese numeral"):
        Span.parse(text)


@pytest.mark.parametrize(
    "text",
    ["3²天", "٣ days", "3 3 days", "-3 days", "+3 days", "3.0.1 hours", ".5 hours", "3. days",
     "1e3 days", "三3天", "3三天", "", "   ", "days", "个小时", "3 fortnights"],
)
def test_other_unreadable_amounts_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"cannot read|not a number"):
        Span.parse(text)


# -- minutes, halves and fractions of an hour (T-WORKING-HOURS in minutes) --------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("30 working minutes", Span.working_minutes(30)),
        ("30分钟工作时间", Span.working_minutes(30)),
        ("30个工作分钟", Span.working_minutes(30)),
        ("1.5h", Span.minutes(90)),
        ("1.5 hours", Span.minutes(90)),
        ("1.5 working hours", Span.working_minutes(90)),
        ("半小时", Span.minutes(30)),
        ("半个小时", Span.minutes(30)),
        ("一个半小时", Span.minutes(90)),
        ("两个半小时", Span.minutes(150)),
        ("1个半小时", Span.minutes(90)),
        ("半个工作小时", Span.working_minutes(30)),
        ("一个半工作小时", Span.working_minutes(90)),
        ("0.25 working hours", Span.working_minutes(15)),
        ("提前半小时", Span.minutes(30, before=True)),
        ("提前半小时以上", Span.minutes(30, before=True)),
        ("1.5 working hours before", Span.working_minutes(90, before=True)),
        ("２小时", Span.hours(2)),
    ],
)
def test_minutes_and_halves_are_exact(text: str, span: Span) -> None:
    parsed = Span.parse(text)
    assert parsed == span
    assert Span.parse(str(parsed)) == parsed
    assert Span.parse(parsed.zh) == parsed


def test_full_width_forms_are_read() -> None:
    assert Span.parse("３日内（遇节假日顺延）") == Span.days(3, extend_over_rest_days=True)


@pytest.mark.parametrize("text", ["半天", "半个月", "1.5 days", "半个工作日", "1.5 weeks", "半分钟",
                                  "1.5 minutes", "0.01 hours"])
def test_halves_are_refused_where_the_unit_has_no_exact_half(text: str) -> None:
    with pytest.raises(ValueError, match="whole number"):
        Span.parse(text)


def test_fractional_hours_through_the_constructors() -> None:
    from decimal import Decimal
    from fractions import Fraction

    assert Span.hours(1.5) == Span.hours("1.5") == Span.hours(Decimal("1.5")) == Span.minutes(90)
    assert Span.working_hours(Fraction(1, 3)) == Span.working_minutes(20)
    assert Span.working_hours(2) == Span(unit=SpanUnit.WORKING_HOURS, amount=2)
    with pytest.raises(ValueError, match="not exact"):
        Span.hours(0.1)  # a float 0.1 is not 6 minutes exactly
    assert Span.hours("0.1") == Span.minutes(6)
    with pytest.raises(ValueError, match="not true or false"):
        Span.hours(True)


# -- bounded amounts and texts (issue 10) ---------------------------------------------------


def test_amounts_are_bounded_to_100_years_of_the_unit() -> None:
    from propmgmt_rules.limits import MAX_SPAN_YEARS
    from propmgmt_rules.time.span import MAX_SPAN_AMOUNT

    assert MAX_SPAN_YEARS == 100
    assert MAX_SPAN_AMOUNT[SpanUnit.MONTHS] == 1200
    assert MAX_SPAN_AMOUNT[SpanUnit.DAYS] == 36525
    assert Span.days(36525).amount == 36525
    with pytest.raises(ValidationError, match="at most 36525 days"):
        Span.days(36526)
    with pytest.raises(ValidationError, match="at most 876600 hours"):
        Span.hours(10**12)
    with pytest.raises(ValueError, match="at most 36525 days"):
        Span.parse(f"{10**10} days")
    with pytest.raises(ValueError, match="the longest span is 100 years"):
        Span.parse(f"{10**30} days")
    with pytest.raises(ValidationError, match="whole number, not true or false"):
        Span.model_validate({"unit": "hours", "amount": True})


def test_a_span_text_longer_than_the_limit_is_refused() -> None:
    from propmgmt_rules.limits import MAX_SPAN_TEXT_LENGTH

    ok = "3" + " " * (MAX_SPAN_TEXT_LENGTH - 5) + "days"
    assert Span.parse(ok) == Span.days(3)
    with pytest.raises(ValueError, match=f"at most {MAX_SPAN_TEXT_LENGTH} characters"):
        Span.parse("3" + " " * MAX_SPAN_TEXT_LENGTH + "x")
