"""Bad input to the repair rules is refused with an error naming the field."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError
from propmgmt_rules.repairs import (
    CATALOG,
    CompletedRepair,
    RectificationNotice,
    StaffMember,
    appointment,
    handover,
    intake,
    plan_revisits,
    quota_check,
    rectification,
    revisit_status,
    revisit_window,
)
from propmgmt_rules.repairs.cases import RepairCase

from .helpers import at, repair, request, revisit

NAIVE = datetime(2025, 3, 8, 12)


@pytest.mark.parametrize(
    "call",
    [
        lambda: intake(request(), CATALOG, as_of=NAIVE),
        lambda: appointment(request(agreed_time=at(3, 8)), CATALOG, as_of=NAIVE),
        lambda: revisit_window(repair(), CATALOG, as_of=NAIVE),
        lambda: rectification(revisit(), CATALOG, as_of=NAIVE),
        lambda: quota_check([], [], CATALOG, as_of=NAIVE),
    ],
)
def test_a_naive_as_of_is_an_error_naming_as_of(call: object) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == "as_of"


def test_a_naive_completion_is_refused() -> None:
    with pytest.raises(ValidationError, match="completed_at"):
        CompletedRepair(id="R1", completed_at=NAIVE, category="other")


def test_a_repair_without_a_category_is_refused_the_category_is_always_explicit() -> None:
    with pytest.raises(ValidationError, match="category"):
        CompletedRepair.model_validate({"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00"})


def test_revisit_status_with_an_unknown_category_names_it() -> None:
    with pytest.raises(InputError, match="unknown revisit category"):
        revisit_status(at(3, 7), "roof", None, at(3, 8))


def test_negative_daily_capacity_is_refused() -> None:
    with pytest.raises(ValidationError, match="daily_capacity"):
        StaffMember(id="P1", role="repair_lead", daily_capacity=-1)


def test_duplicate_staff_ids_are_refused() -> None:
    staff = [StaffMember(id="P1", role="repair_lead", daily_capacity=1)] * 2
    with pytest.raises(InputError) as err:
        plan_revisits([repair()], staff, CATALOG)
    assert err.value.field == "staff"


def test_an_unknown_notice_form_is_refused() -> None:
    with pytest.raises(ValidationError, match="form"):
        RectificationNotice.model_validate({"id": "N1", "revisit": "V1",
                                            "at": "2025-03-08T10:00:00+08:00", "form": "email"})


def test_a_reschedule_told_before_the_request_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"reschedules\[0\]\.told_at"):
        request(reschedules=[{"told_at": at(3, 6), "form": "phone"}])


def test_handover_under_a_policy_without_it_names_the_setting() -> None:
    from propmgmt_rules.repairs import PROPERTY_OFFICE, HandoverInspection

    insp = HandoverInspection(id="H1", unit="1-101", owner="x", inspected_at=at(4, 1))
    with pytest.raises(InputError) as err:
        handover(insp, PROPERTY_OFFICE)
    assert err.value.field == "policy.handover"


def test_a_case_with_extra_fields_is_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        RepairCase.model_validate({"id": "c", "colour": "blue"})
