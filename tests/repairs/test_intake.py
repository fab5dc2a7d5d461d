"""`OM-R3` (what a repair request records) and `SQ-R1` (urgent repairs to engineering at
once, others within 2 hours)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from propmgmt_rules import ObligationState, SetAsideReason
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    RepairRequest,
    intake,
)

from .helpers import at, request

# -- OM-R3 -----------------------------------------------------------------------------------


def test_om_r3_request_records_date_name_address_phone_content_and_agreed_time() -> None:
    req = request(agreed_time=at(3, 8, 14))
    d = intake(req, policy=CATALOG)
    assert d.outcome.record_complete
    assert d.outcome.missing == ()
    assert "OM-R3" in d.decided_by
    facts = {f.fact for f in d.facts_used}
    for field in ("received_at", "name", "address", "phone", "content", "agreed_time"):
        assert f"requests[R1].{field}" in facts


def test_om_r3_a_request_without_agreed_time_is_incomplete_and_says_so() -> None:
    d = intake(request(), policy=CATALOG)
    assert not d.outcome.record_complete
    assert d.outcome.missing == ("agreed_time",)
    assert [(m.field, m.needed_by) for m in d.missing_facts] == [("agreed_time", "OM-R3")]
    assert "约修日期" in d.explanation.zh


@pytest.mark.parametrize("field", ["address", "phone", "name", "content"])
def test_om_r3_a_missing_required_field_is_an_error_naming_it(field: str) -> None:
    data = request().model_dump()
    del data[field]
    with pytest.raises(ValidationError) as err:
        RepairRequest.model_validate(data)
    assert [e["loc"] for e in err.value.errors()] == [(field,)]


@pytest.mark.parametrize("field", ["address", "phone"])
def test_om_r3_a_blank_address_or_phone_is_an_error_naming_the_field(field: str) -> None:
    with pytest.raises(ValidationError) as err:
        request(**{field: "   "})
    (e,) = err.value.errors()
    assert e["loc"] == (field,)
    assert "OM-R3" in e["msg"]
    assert "must not be blank" in e["msg"]


def test_om_r3_a_phone_without_digits_is_refused() -> None:
    with pytest.raises(ValidationError, match="phone"):
        request(phone="无")


def test_om_r3_a_naive_received_at_is_refused() -> None:
    from datetime import datetime

    with pytest.raises(ValidationError, match="received_at"):
        request(received_at=datetime(2025, 3, 7, 9))


# -- SQ-R1 -----------------------------------------------------------------------------------


def test_sq_r1_urgent_repair_is_passed_to_engineering_at_once() -> None:
    req = request(urgent=True, passed_to_engineering_at=at(3, 7, 9))
    d = intake(req, policy=NANJING)
    ob = d.outcome.handover
    assert ob is not None
    assert ob.due == at(3, 7, 9)  # "急修马上通报": the receipt instant itself
    assert ob.state is ObligationState.MET
    assert d.decided_by[:2] == ("SQ-R1", "T-IMMEDIATE")
    assert (ob.owed_by, ob.owed_by_name.zh) == ("customer_service", "客服人员")


def test_sq_r1_urgent_repair_passed_on_ten_minutes_later_is_late_by_ten_minutes() -> None:
    req = request(urgent=True, passed_to_engineering_at=at(3, 7, 9, 10))
    ob = intake(req, policy=NANJING, as_of=at(3, 7, 12)).outcome.handover
    assert ob is not None
    assert ob.state is ObligationState.BREACHED
    assert ob.late_by is not None
    assert ob.late_by.total_seconds() == 600


def test_sq_r1_other_repairs_are_passed_on_within_2_hours() -> None:
    req = request(urgent=False)  # received 09:00
    d = intake(req, policy=NANJING, as_of=at(3, 7, 10, 30))
    ob = d.outcome.handover
    assert ob is not None
    assert ob.due == at(3, 7, 11)  # "一般情况2小时内通报"
    assert ob.state is ObligationState.PENDING
    assert ob.remaining is not None
    assert ob.remaining.total_seconds() == 30 * 60
    assert d.decided_by[:2] == ("SQ-R1", "T-HOURS")


def test_sq_r1_two_hours_are_elapsed_time_even_over_a_weekend_night() -> None:
    req = request(received_at=at(3, 8, 23, 30))  # Saturday 23:30
    ob = intake(req, policy=NANJING).outcome.handover
    assert ob is not None
    assert ob.due == at(3, 9, 1, 30)


def test_sq_r1_not_passed_on_after_2_hours_is_breached() -> None:
    ob = intake(request(), policy=NANJING, as_of=at(3, 7, 11, 1)).outcome.handover
    assert ob is not None
    assert ob.state is ObligationState.BREACHED


def test_sq_r1_a_hand_over_after_as_of_has_not_happened_yet() -> None:
    req = request(passed_to_engineering_at=at(3, 7, 10))
    d = intake(req, policy=NANJING, as_of=at(3, 7, 9, 30))
    assert d.outcome.handover is not None
    assert d.outcome.handover.state is ObligationState.PENDING
    assert [(f.reason, f.rule) for f in d.facts_set_aside] == [
        (SetAsideReason.AFTER_AS_OF, "SQ-R1")
    ]


def test_sq_r1_is_not_part_of_the_property_office_rules() -> None:
    req = request(passed_to_engineering_at=at(3, 7, 10))
    d = intake(req, policy=PROPERTY_OFFICE)
    assert d.outcome.handover is None
    assert [n.rule for n in d.not_applied] == ["SQ-R1"]
    assert [f.reason for f in d.facts_set_aside] == [SetAsideReason.DISABLED_BY_RULEBOOK]


def test_intake_decision_round_trips_through_json() -> None:
    from propmgmt_rules.repairs import IntakeDecision, RepairDecision

    d = intake(request(agreed_time=at(3, 8, 14)), policy=CATALOG, as_of=at(3, 7, 10))
    assert IntakeDecision.model_validate_json(d.to_json()) == d
    assert RepairDecision.model_validate_json(d.to_json()).outcome == d.outcome
