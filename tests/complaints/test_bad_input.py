"""Bad input gets a clear error naming the field; conflicting facts are reported."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from propmgmt_rules.cli import main
from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    Complaint,
    ComplaintEvent,
    ComplaintPolicy,
    status,
)
from propmgmt_rules.errors import InputError

from .factory import BASE, at, complaint, event


def test_a_naive_receipt_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, "received_at": "2025-03-03T10:00:00"})
    assert err.value.errors()[0]["loc"] == ("received_at",)


def test_a_naive_event_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "handled", "at": "2025-03-03T10:00:00"})
    assert err.value.errors()[0]["loc"] == ("at",)


def test_a_naive_event_built_without_validation_is_refused_by_the_engine() -> None:
    naive = ComplaintEvent.model_construct(type="handled", at=datetime(2025, 3, 3, 12))
    with pytest.raises(InputError, match=r"history\[0\]\.at: must be timezone-aware"):
        status(complaint(), [naive], as_of=at(2025, 3, 4), policy=PROCEDURE_5)


def test_a_naive_as_of_is_refused() -> None:
    with pytest.raises(InputError, match="as_of"):
        status(complaint(), [], as_of=datetime(2025, 3, 4), policy=PROCEDURE_5)


def test_an_as_of_before_the_receipt_is_refused() -> None:
    with pytest.raises(InputError, match="as_of: is before the complaint's receipt"):
        status(complaint(), [], as_of=at(2025, 3, 1), policy=PROCEDURE_5)


def test_an_event_before_the_receipt_is_refused_naming_it() -> None:
    history = [event("dispatched", at(2025, 3, 3, 10, 5)), event("replied", at(2025, 3, 2, 9))]
    with pytest.raises(InputError, match=r"history\[1\]\.at: is before the complaint's receipt"):
        status(complaint(), history, as_of=at(2025, 3, 4), policy=NANJING)


def test_handled_before_the_reply_is_refused_where_the_policy_requires_the_order() -> None:
    history = [event("handled", at(2025, 3, 3, 11)), event("replied", at(2025, 3, 3, 11, 30))]
    with pytest.raises(InputError, match=r"history\[1\]\.at: the reply comes after the handling"):
        status(complaint(), history, as_of=at(2025, 3, 4), policy=NANJING)
    # procedure 5 does not require the order
    status(complaint(), history, as_of=at(2025, 3, 4), policy=PROCEDURE_5)


def test_an_unknown_severity_in_a_custom_policy_is_refused_naming_it() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["severities"]["critical"] = data["severities"]["major"]
    with pytest.raises(ValidationError) as err:
        ComplaintPolicy.model_validate(data)
    assert err.value.errors()[0]["loc"] == ("severities", "critical", "[key]")


def test_a_custom_policy_must_plan_every_severity() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    del data["severities"]["minor"]
    with pytest.raises(ValidationError, match="no plan for severity minor"):
        ComplaintPolicy.model_validate(data)


def test_an_unknown_calendar_preset_in_a_custom_policy_is_refused_naming_the_field() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["calendar"] = "mars-official"
    with pytest.raises(ValidationError, match="unknown calendar preset") as err:
        ComplaintPolicy.model_validate(data)
    assert err.value.errors()[0]["loc"] == ("calendar",)


def test_an_unknown_role_in_a_custom_policy_is_refused_naming_where() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["severities"]["major"]["handler"] = "ceo"
    with pytest.raises(ValidationError, match=r"severities\.major\.handler: unknown role 'ceo'"):
        ComplaintPolicy.model_validate(data)


def test_a_correction_to_an_unknown_severity_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "severity_corrected",
                                       "at": "2025-03-03T10:00:00+08:00",
                                       "severity": "critical"})
    assert err.value.errors()[0]["loc"] == ("severity",)


def test_a_pause_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the pause's start"):
        event("paused", at(2025, 3, 4, 10), end=at(2025, 3, 4, 9))


def test_a_requested_time_before_the_receipt_is_refused() -> None:
    with pytest.raises(ValidationError, match="requested_by"):
        complaint(requested_by=at(2025, 3, 1))


def test_the_command_line_reports_the_field_of_a_bad_case(tmp_path: Path) -> None:
    case = {"id": "naive", "complaint": {**{k: v for k, v in BASE.items() if k != "received_at"},
                                          "received_at": "2025-03-03T10:00:00",
                                          "loss_amount": "0"}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["complaint", str(path)], out=out, err=err) == 1
    assert "complaint.received_at: Input should have timezone info" in err.getvalue()


def test_conflicting_facts_are_reported_not_resolved() -> None:
    d = status(complaint(justified=False, caused_by="company_staff", injury=True), [],
               as_of=at(2025, 3, 4), policy=PROCEDURE_5)
    assert d.escalation is not None
    assert d.outcome.severity is None
    assert "handle" in {k.value for k in d.outcome.undetermined}


# -- the API: presets by name, wrong types, batches (issue 10) ----------------------------------


@pytest.mark.parametrize("name", ["nanjing", "procedure5", " Nanjing "])
def test_a_preset_given_by_name_works_wherever_a_policy_is_accepted(name: str) -> None:
    from propmgmt_rules.complaints import classify, evaluate_many, obligations, resolve_policy

    policy = resolve_policy(name)
    c = complaint()
    assert classify(c, policy=name) == classify(c, policy=policy)
    assert obligations(c, policy=name) == obligations(c, policy=policy)
    assert status(c, [], as_of=at(2025, 3, 4), policy=name) == status(c, [], as_of=at(2025, 3, 4),
                                                                      policy=policy)
    assert evaluate_many([(c, [])], as_of=at(2025, 3, 4), policy=name) == \
        evaluate_many([(c, [])], as_of=at(2025, 3, 4), policy=policy)


@pytest.mark.parametrize("bad", ["mars", 42, None, {"name": "nanjing"}])
def test_an_unknown_preset_or_a_policy_of_the_wrong_type_names_the_argument(bad: object) -> None:
    with pytest.raises(InputError) as err:
        status(complaint(), [], as_of=at(2025, 3, 4), policy=bad)  # type: ignore[arg-type]
    assert err.value.field == "policy"


def test_arguments_of_the_wrong_type_are_input_errors_naming_them() -> None:
    with pytest.raises(InputError) as err:
        status(complaint(), [{"type": "handled", "at": "2025-03-03T11:00:00+08:00"}],
                # type: ignore[list-item]
               as_of=at(2025, 3, 4), policy=NANJING)
    assert err.value.field == "history[0]"
    with pytest.raises(InputError) as err:
        status(dict(BASE), [], as_of=at(2025, 3, 4), policy=NANJING)  # type: ignore[arg-type]
    assert err.value.field == "complaint"
    with pytest.raises(InputError) as err:
        status(complaint(), 7, as_of=at(2025, 3, 4), policy=NANJING)  # type: ignore[arg-type]
    assert err.value.field == "history"
    with pytest.raises(InputError) as err:
        status(complaint(), [], as_of="2025-03-04", policy=NANJING)  # type: ignore[arg-type]
    assert err.value.field == "as_of"


def _batch() -> list[object]:
    return [(complaint(id="A"), []),
            (complaint(id="B"), [event("handled", at(2025, 3, 1))]),  # before the receipt
            "not a pair",
            (complaint(id="D"), [{"type": "handled"}]),
            (complaint(id="E"), [event("replied", at(2025, 3, 3, 11))])]


@pytest.mark.parametrize("explain", [False, True])
def test_evaluate_many_names_the_bad_item_by_position_and_id(explain: bool) -> None:
    from propmgmt_rules.complaints import evaluate_many
    from propmgmt_rules.errors import ItemError

    with pytest.raises(ItemError) as err:
        evaluate_many(_batch(), as_of=at(2025, 3, 5), policy=NANJING,
                      explain=explain)  # type: ignore[arg-type]
    assert err.value.field == "complaints[1].history[0].at"
    assert (err.value.index, err.value.item_id) == (1, "B")
    assert "id B" in str(err.value)


@pytest.mark.parametrize("explain", [False, True])
def test_evaluate_many_can_return_errors_in_place_and_decide_the_rest(explain: bool) -> None:
    from propmgmt_rules.complaints import evaluate_many
    from propmgmt_rules.errors import ItemError

    batch = _batch()
    out = evaluate_many(batch, as_of=at(2025, 3, 5), policy=NANJING, explain=explain,
                         # type: ignore[arg-type]
                        errors="return")
    assert len(out) == len(batch)  # items in = decisions + errors
    assert [type(x).__name__ for x in out] == [
        "ComplaintStatusDecision", "ItemError", "ItemError", "ItemError",
        "ComplaintStatusDecision"]
    errors = [x for x in out if isinstance(x, ItemError)]
    assert [e.field for e in errors] == ["complaints[1].history[0].at", "complaints[2]",
                                         "complaints[3].history[0]"]
    assert [e.item_id for e in errors] == ["B", None, "D"]
    good = [x for x in out if not isinstance(x, ItemError)]
    assert [d.subject for d in good] == ["complaint A", "complaint E"]
    assert good[1] == status(complaint(id="E"), [event("replied", at(2025, 3, 3, 11))],
                             as_of=at(2025, 3, 5), policy=NANJING, explain=explain)


def test_a_case_with_an_empty_list_of_policies_is_refused_naming_the_field() -> None:
    from propmgmt_rules.complaints.cases import ComplaintCase

    with pytest.raises(ValidationError) as err:
        ComplaintCase.model_validate({"id": "k", "policy": [], "complaint": {
            "id": "C1", "received_at": "2025-03-03T10:00:00+08:00"}})
    assert err.value.errors()[0]["loc"][0] == "policy"
    assert "at least one policy" in str(err.value)


@pytest.mark.parametrize(("field", "value"), [
    ("id", ""), ("id", "   "), ("id", "x" * 201), ("id", "a\x00b"), ("received_by", ""),
    ("loss_amount", 1.5), ("loss_amount", "1E+999999999"), ("loss_amount", "-1"),
    ("loss_amount", "0.001"), ("description", "x" * 100_001),
])
def test_ids_texts_and_amounts_are_bounded_and_named(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, field: value})
    assert err.value.errors()[0]["loc"][0] == field


def test_an_event_with_an_empty_author_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "handled", "at": "2025-03-03T11:00:00+08:00",
                                       "by": " "})
    assert err.value.errors()[0]["loc"] == ("by",)


@pytest.mark.parametrize(("path", "value"), [
    (("severities", "minor", "handle", "span"), "two fortnights"),
    (("upgrade_after",), "three moons"),
    (("major_loss_threshold",), 0.5),
    (("roles", "resident", "zh"), ""),
])
def test_a_bad_value_in_an_inline_policy_names_its_field(path: tuple[str, ...],
                                                         value: object) -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ValidationError) as err:
        ComplaintPolicy.model_validate(data)
    assert tuple(str(p) for p in err.value.errors()[0]["loc"][:len(path)]) == path


@pytest.mark.parametrize(("path", "value"), [
    (("severities", "minor", "handle", "span"), "3 days before"),
    (("severities", "major", "reply", "span"), "提前2小时"),
    (("upgrade_after",), "1 month before"),
])
def test_t_before_a_policys_limit_counts_from_the_complaint_never_backwards(
        path: tuple[str, ...], value: str) -> None:
    # CP-4.10.x, CP-UPGRADE: "within 3 days" runs from the receipt; "3 days before"
    # (T-BEFORE) would put the deadline before the complaint came, so it is refused by name
    data = PROCEDURE_5.model_dump(mode="json")
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    with pytest.raises(ValidationError) as err:
        ComplaintPolicy.model_validate(data)
    (error,) = err.value.errors()
    assert tuple(str(p) for p in error["loc"]) == path
    assert "T-BEFORE" in error["msg"]


def test_an_extension_counted_backwards_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError, match="T-BEFORE") as err:
        ComplaintEvent.model_validate({"type": "extension_approved",
                                       "at": "2025-03-03T11:00:00+08:00", "by": "assistant",
                                       "extra": "提前3天"})
    assert err.value.errors()[0]["loc"] == ("extra",)


@pytest.mark.parametrize("number", [1741000000, 2.5e-200])
def test_an_instant_given_as_a_number_is_refused_not_read_as_unix_time(number: float) -> None:
    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, "received_at": number})
    assert err.value.errors()[0]["loc"] == ("received_at",)
    assert "ISO 8601" in err.value.errors()[0]["msg"]


def test_a_bad_span_in_an_extension_names_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "extension_approved",
                                       "at": "2025-03-03T11:00:00+08:00", "by": "assistant",
                                       "extra": "3 fortnights"})
    assert err.value.errors()[0]["loc"][0] == "extra"


# -- hostile-findings #2, #5: the edges of time, huge numbers --------------------------------


@pytest.mark.parametrize("when", ["9999-12-31T23:59:00+08:00", "0001-01-01T00:00:00+14:00",
                                  "2200-01-01T00:00:00+00:00"])
def test_an_instant_outside_the_years_1900_to_2199_is_refused_naming_the_field(when: str) -> None:
    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, "received_at": when})
    assert err.value.errors()[0]["loc"] == ("received_at",)
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "handled", "at": when})
    assert err.value.errors()[0]["loc"] == ("at",)


def test_an_as_of_at_the_edge_of_time_is_an_input_error() -> None:
    from datetime import UTC

    from propmgmt_rules.complaints import evaluate_many

    for call in (lambda t: status(complaint(), [], as_of=t, policy=PROCEDURE_5),
                 lambda t: evaluate_many([(complaint(), [])], as_of=t, policy=NANJING)):
        with pytest.raises(InputError) as err:
            call(datetime.max.replace(tzinfo=UTC))
        assert err.value.field == "as_of"


def test_an_extension_beyond_the_longest_span_is_an_error_naming_the_event_field() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({
            "type": "extension_approved", "at": "2025-03-04T11:00:00+08:00", "by": "assistant",
            "extra": {"unit": "days", "amount": 10**12}})
    assert err.value.errors()[0]["loc"] == ("extra",)
    assert "100 years" in str(err.value)


def test_a_huge_count_is_refused_at_once() -> None:
    from decimal import Decimal

    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, "times_raised": Decimal("-1E+999999999")})
    assert err.value.errors()[0]["loc"] == ("times_raised",)
