"""Bad input in a user's words (issue 10, "Error messages"): one clean path per problem, no
pydantic internals, no URL; nesting refused before anything recurses; JSON read exactly."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from propmgmt_rules.cases import CASE_KINDS, validate_case
from propmgmt_rules.complaints import NANJING
from propmgmt_rules.errors import (
    MAX_PROBLEMS,
    InputError,
    InvalidInput,
    Problem,
    invalid_input,
    join_path,
    problems_of,
)
from propmgmt_rules.limits import MAX_JSON_DEPTH
from propmgmt_rules.ownership import rulebooks
from propmgmt_rules.validation import check_depth, json_depth, parse_json, validate

PYDANTIC_NOISE = ("function-after", "function-before", "function-wrap", "union[", "list[",
                  "errors.pydantic.dev", "http")


def _complaint(**policy: Any) -> dict[str, Any]:
    return {"id": "x", "policy": policy or "nanjing",
            "complaint": {"id": "C1", "received_at": "2025-03-03T10:00:00+08:00",
                          "received_by": "Wang"}}


def _problems(kind: str, raw: Any) -> tuple[Problem, ...]:
    with pytest.raises(InvalidInput) as info:
        validate_case(kind, raw)
    return info.value.problems


def test_a_policy_field_has_one_clean_path_without_the_validator_wrapper() -> None:
    policy = NANJING.model_dump(mode="json") | {"major_loss_threshold": "lots"}
    problems = _problems("complaint", _complaint(**policy))
    assert problems == (Problem("policy.major_loss_threshold",
                                'must be a decimal number such as "12.50"'),)


def test_the_same_policy_in_a_list_is_named_by_its_position() -> None:
    policy = NANJING.model_dump(mode="json") | {"major_loss_threshold": "lots"}
    raw = _complaint() | {"policy": ["procedure5", policy]}
    assert [p.field for p in _problems("complaint", raw)] == ["policy[1].major_loss_threshold"]


def test_a_rulebook_missing_fields_names_them_without_the_union_branch_of_a_preset_name() -> None:
    problems = _problems("ownership", {"id": "x", "rulebook": {"name": "own"}})
    assert {p.field for p in problems} == {"rulebook.version", "rulebook.rules"}
    assert all(p.reason == "Field required" for p in problems)


def test_a_value_of_no_branch_says_what_it_should_have_been_once() -> None:
    problems = _problems("time", {"id": "x", "start": "2025-03-03T10:00:00+08:00",
                                  "span": "1 day", "calendar": 5})
    assert problems == (Problem("calendar", "should be an object (WorkCalendar) or a string"),)


def test_an_unknown_field_of_an_inline_calendar_is_named_not_the_string_branch() -> None:
    problems = _problems("time", {"id": "x", "start": "2025-03-03T10:00:00+08:00",
                                  "span": "1 day",
                                  "calendar": {"name": "c", "zone": "Asia/Shanghai"}})
    assert problems == (Problem("calendar.zone", "is not a known field"),)


def test_an_error_a_validator_raises_with_a_path_lands_on_that_path() -> None:
    problems = _problems("ownership", {"id": "x", "questions": [{"client": "C1"}]})
    assert problems == (Problem("questions[0].as_of",
                                "an ownership question needs the instant it is asked about"),)


def test_ownership_records_keep_their_ids_in_the_path() -> None:
    raw = {"id": "x", "book": {"receptions": [
        {"id": "R12", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00"}]}}
    assert _problems("ownership", raw)[0].field == "book.receptions[R12].at"


def test_a_tagged_union_item_is_named_by_its_position() -> None:
    raw = {"id": "x", "rotation": {"state": {"order": ["A", "B"]}, "events": [5]}}
    problems = _problems("ownership", raw)
    assert [p.field for p in problems] == ["rotation.events[0]"]


@pytest.mark.parametrize("kind", sorted(CASE_KINDS))
@settings(max_examples=40, derandomize=True)
@given(junk=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "policy", "rulebook", "calendar", "span", "start", "book",
                         "complaint", "requests", "x"]), inner, max_size=4),
    max_leaves=12))
def test_no_problem_speaks_pydantic(kind: str, junk: Any) -> None:
    problems: tuple[Problem, ...] = ()
    try:
        validate_case(kind, junk)
    except InvalidInput as exc:
        problems = exc.problems
    for p in problems:
        assert p.field
        assert p.reason
        assert not any(noise in p.field + p.reason for noise in PYDANTIC_NOISE), p


def test_without_the_input_the_branch_that_got_furthest_is_kept() -> None:
    raw = {"id": "x", "rulebook": {"name": "own"}}
    with pytest.raises(ValidationError) as info:
        CASE_KINDS["ownership"].model.model_validate(raw)
    assert {p.field for p in problems_of(info.value)} == {"rulebook.version", "rulebook.rules"}


def test_problems_are_bounded_in_number_and_length() -> None:
    class Row(BaseModel):
        n: int

    class Table(BaseModel):
        rows: list[Row]

    data = {"rows": [{"n": "x"}] * (MAX_PROBLEMS + 20)}
    with pytest.raises(InvalidInput) as info:
        validate(Table, data)
    assert len(info.value.problems) == MAX_PROBLEMS + 1
    assert info.value.problems[-1].reason == "... and 20 more problems"
    long = InputError("name", "x" * 10_000)
    assert len(problems_of(long)[0].reason) <= 300


def test_an_input_error_raised_in_a_validator_keeps_its_field_and_reason() -> None:
    from pydantic import field_validator

    class Policy(BaseModel):
        window: str

        @field_validator("window")
        @classmethod
        def _check(cls, value: str) -> str:
            raise InputError("window.days", "must be at most 365", 400)

    with pytest.raises(InvalidInput) as info:
        validate(Policy, {"window": "400 days"}, field="policy")
    assert info.value.problems == (Problem("policy.window.days", "must be at most 365 (got 400)"),)


def test_invalid_input_is_an_input_error_and_survives_pickling() -> None:
    err = invalid_input(InputError("span", "is not a span", "soon"), prefix="case")
    assert isinstance(err, InputError)
    assert isinstance(err, ValueError)
    again = pickle.loads(pickle.dumps(err))
    assert again.problems == err.problems == (Problem("case.span", "is not a span"),)
    plain = pickle.loads(pickle.dumps(InputError("span", "is not a span", "soon")))
    assert (plain.field, plain.reason, plain.value, str(plain)) == (
        "span", "is not a span", "soon", "span: is not a span (got 'soon')")


def test_join_path() -> None:
    assert join_path("policy", "severities.major") == "policy.severities.major"
    assert join_path("calendar", "calendar.zone") == "calendar.zone"
    assert join_path("rows", "[2].n") == "rows[2].n"
    assert join_path("", "span") == "span"
    assert join_path("book", "(case)") == "book"


# -- nesting and JSON ---------------------------------------------------------------------------

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='ab"\\[]{} ', max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.text(alphabet='k"[{\\', max_size=3), inner, max_size=3),
    max_leaves=30)


def _depth(value: Any) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 0


@settings(max_examples=200, derandomize=True)
@given(_json)
def test_json_depth_counts_nesting_and_ignores_brackets_inside_strings(value: Any) -> None:
    assert json_depth(json.dumps(value)) == _depth(value)


@pytest.mark.parametrize("text", ["[" * 1000 + "]" * 1000, '{"a":' * 5000 + "1" + "}" * 5000,
                                  "[" * 100_000, '["' + "[" * 5000 + '"]'])
def test_deep_json_is_refused_before_parsing_shallow_brackets_in_strings_are_not(
        text: str) -> None:
    if text.startswith('["'):
        assert parse_json(text) == ["[" * 5000]
        return
    with pytest.raises(InputError, match="nested deeper than 64 levels"):
        parse_json(text, "cases.json")


def test_nesting_up_to_the_limit_is_read() -> None:
    text = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert json_depth(text) == MAX_JSON_DEPTH
    parse_json(text)


def test_python_data_nested_too_deep_or_in_a_cycle_is_refused() -> None:
    deep: Any = []
    for _ in range(10_000):
        deep = [deep]
    with pytest.raises(InputError, match="nested deeper"):
        check_depth(deep, "book")
    cycle: dict[str, Any] = {}
    cycle["self"] = cycle
    with pytest.raises(InvalidInput, match="nested deeper"):
        validate_case("time", cycle)


@pytest.mark.parametrize(("text", "reason"), [
    ("", "is empty"),
    ("   \n", "is empty"),
    ("NaN", "NaN is not a JSON number"),
    ('{"a": Infinity}', "Infinity is not a JSON number"),
    ("1" * 5000, "is not valid JSON"),
    (b"\xff\xfe{}", "is not UTF-8 text"),
    ('{"id": 1,}', "line 1, column 10"),
])
def test_malformed_json_is_an_input_error_naming_the_source(text: str | bytes,
                                                            reason: str) -> None:
    with pytest.raises(InputError, match=r"^cases\.json: ") as info:
        parse_json(text, "cases.json")
    assert reason in info.value.reason


def test_json_numbers_with_a_fraction_are_exact_decimals_never_floats() -> None:
    assert parse_json('{"commission": 10000.10, "n": 3, "e": 1E+3}') == {
        "commission": Decimal("10000.10"), "n": 3, "e": Decimal("1E+3")}
    assert parse_json(b"\xef\xbb\xbf[1]") == [1]


def test_validate_passes_a_model_through_and_names_the_argument() -> None:
    rb = rulebooks.CC
    assert validate(type(rb), rb) is rb
    with pytest.raises(InvalidInput) as info:
        validate(type(rb), {"name": "x"}, field="rulebook")
    assert {p.field for p in info.value.problems} == {"rulebook.version", "rulebook.rules"}


@pytest.mark.parametrize("number", ["1E+999999999", "-1E+999999999", "1e-999999999",
                                    "1" + "0" * 300 + ".5"])
def test_a_json_number_out_of_range_is_refused_before_anything_converts_it(number: str) -> None:
    with pytest.raises(InputError, match=r"is a number (out of range|too long)") as info:
        parse_json('{"complaint": {"times_raised": ' + number + "}}", "cases.json")
    assert info.value.field == "complaint.times_raised"  # where it stands in the document


def test_json_numbers_within_the_range_are_read() -> None:
    assert parse_json("[1.5E+100, 1E-100, 0E-1000]") == [
        Decimal("1.5E+100"), Decimal("1E-100"), Decimal("0E-1000")]


def test_of_two_branches_that_both_fail_deep_the_one_of_the_inputs_type_is_kept() -> None:
    from pydantic import Field

    class Window(BaseModel):
        days: int

    class Policy(BaseModel):
        window: Window | list[int] | str = Field()

    for data, expected in [
        ({"window": {"days": "x"}}, ("window.days", "Input should be a valid integer")),
        ({"window": ["x"]}, ("window[0]", "Input should be a valid integer")),
    ]:
        with pytest.raises(InvalidInput) as info:
            validate(Policy, data)
        (problem,) = info.value.problems
        assert problem.field == expected[0]
        assert problem.reason.startswith(expected[1])
