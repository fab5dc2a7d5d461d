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
SH = at(3, 7).tzinfo


@pytest.mark.parametrize(
    "call",
    [
        lambda: intake(request(), policy=CATALOG, as_of=NAIVE),
        lambda: appointment(request(agreed_time=at(3, 8)), policy=CATALOG, as_of=NAIVE),
        lambda: revisit_window(repair(), policy=CATALOG, as_of=NAIVE),
        lambda: rectification(revisit(), policy=CATALOG, as_of=NAIVE),
        lambda: quota_check([], [], policy=CATALOG, as_of=NAIVE),
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
    with pytest.raises(InputError, match="unknown revisit category") as err:
        revisit_status(repair(category="roof"), None, as_of=at(3, 8))
    assert err.value.field == "repair.category"


def test_negative_daily_capacity_is_refused() -> None:
    with pytest.raises(ValidationError, match="daily_capacity"):
        StaffMember(id="P1", role="repair_lead", daily_capacity=-1)


def test_duplicate_staff_ids_are_refused() -> None:
    staff = [StaffMember(id="P1", role="repair_lead", daily_capacity=1)] * 2
    with pytest.raises(InputError) as err:
        plan_revisits([repair()], staff, policy=CATALOG)
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
        handover(insp, policy=PROPERTY_OFFICE)
    assert err.value.field == "policy.handover"


def test_a_case_with_extra_fields_is_refused() -> None:
    with pytest.raises(ValidationError, match="colour"):
        RepairCase.model_validate({"id": "c", "colour": "blue"})


# -- issue 10: silently wrong answers, names, types, batches ----------------------------------


@pytest.mark.parametrize("field", ["arrived_at", "agreed_time", "passed_to_engineering_at"])
def test_an_instant_before_the_request_was_received_is_refused_naming_it(field: str) -> None:
    """OM-R4: a visit 25 years before the request cannot be 'met'."""
    with pytest.raises(ValidationError) as err:
        request(**{field: datetime(2000, 3, 7, 9, tzinfo=at(3, 7).tzinfo)})
    assert err.value.errors()[0]["msg"].startswith(f"Value error, {field}: ")
    assert "before the request was received" in str(err.value)


def test_a_new_time_before_the_client_was_told_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"new_time: .* is before the client was told"):
        request(agreed_time=at(3, 8, 14), reschedules=[
            {"told_at": at(3, 8, 10), "form": "phone", "new_time": at(3, 7, 10)}])


def test_a_handover_defect_dated_before_the_inspection_is_refused() -> None:
    from propmgmt_rules.repairs import HandoverInspection

    with pytest.raises(ValidationError, match=r"defects\[0\]\.rectified_at: .* is before the "
                       "inspection"):
        HandoverInspection.model_validate({
            "id": "H1", "unit": "8-1-1202", "owner": "陈先生",
            "inspected_at": "2025-04-01T10:00:00+08:00",
            "defects": [{"id": "D1", "description": "空鼓", "repair_before_move_in": True,
                         "rectified_at": "2024-04-01T10:00:00+08:00"}]})


def test_om_rv1_a_quota_period_whose_start_is_after_its_end_is_refused() -> None:
    """An inverted period reported every role 'met' (nothing in it): now an error naming it."""
    from datetime import date

    with pytest.raises(InputError) as err:
        quota_check([repair()], [], policy=CATALOG, period=(date(2025, 3, 31), date(2025, 3, 1)))
    assert err.value.field == "period"
    with pytest.raises(ValidationError) as verr:
        RepairCase.model_validate({"id": "c", "quotas": {"period": ["2025-03-31",
                                                                     "2025-03-01"]}})
    assert verr.value.errors()[0]["loc"][:2] == ("quotas", "period")


def test_a_plan_whose_until_is_before_its_start_is_refused() -> None:
    from datetime import date

    with pytest.raises(InputError) as err:
        plan_revisits([repair()], [StaffMember(id="刘工", role="repair_lead", daily_capacity=3)],
                      policy=CATALOG, start=date(2025, 3, 10), until=date(2025, 3, 1))
    assert err.value.field == "until"


@pytest.mark.parametrize(("model", "data", "field"), [
    (CompletedRepair, {"id": " ", "completed_at": "2025-03-07T15:00:00+08:00",
                       "category": "leak"}, "id"),
    (CompletedRepair, {"id": "R" * 201, "completed_at": "2025-03-07T15:00:00+08:00",
                       "category": "leak"}, "id"),
    (CompletedRepair, {"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00",
                       "category": "leak", "repairer": ""}, "repairer"),
    (RectificationNotice, {"id": "N1", "revisit": "", "at": "2025-03-07T15:00:00+08:00",
                           "form": "written"}, "revisit"),
    (StaffMember, {"id": "a\nb", "role": "repair_lead", "daily_capacity": 1}, "id"),
    (RepairCase, {"id": ""}, "id"),
])
def test_empty_overlong_or_broken_ids_are_refused_naming_the_field(
    model: type, data: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        model.model_validate(data)  # type: ignore[attr-defined]
    assert err.value.errors()[0]["loc"][0] == field


def test_free_texts_are_bounded() -> None:
    with pytest.raises(ValidationError) as err:
        request(content="漏" * 100_001)
    assert err.value.errors()[0]["loc"] == ("content",)


@pytest.mark.parametrize("name", ["catalog", "property-office", "nanjing-plan", " Catalog "])
def test_a_preset_given_by_name_works_wherever_a_policy_is_accepted(name: str) -> None:
    from propmgmt_rules.repairs import (
        check_record,
        repair_windows,
        resolve_policy,
        revisit_due,
        suggest_category,
    )

    policy = resolve_policy(name)
    leak = repair(category="leak")
    if policy.categories:
        assert revisit_due(leak, policy=name) == revisit_due(leak, policy=policy)
        assert revisit_status(leak, as_of=at(3, 9), policy=name) == \
            revisit_status(leak, as_of=at(3, 9), policy=policy)
        assert revisit_window(repair(), policy=name) == revisit_window(repair(), policy=policy)
        assert repair_windows([repair()], policy=name) == repair_windows([repair()],
                                                                         policy=policy)
        assert suggest_category("漏水", policy=name) == suggest_category("漏水", policy=policy)
    assert intake(request(), policy=name) == intake(request(), policy=policy)
    assert appointment(request(), policy=name) == appointment(request(), policy=policy)
    assert check_record(revisit(), policy=name) == check_record(revisit(), policy=policy)
    assert rectification(revisit(), policy=name) == rectification(revisit(), policy=policy)
    if policy.quotas or policy.coverage is not None:
        assert quota_check([repair()], policy=name) == quota_check([repair()], policy=policy)


@pytest.mark.parametrize("bad", ["mars", 7, None])
def test_an_unknown_preset_or_a_policy_of_the_wrong_type_names_the_argument(bad: object) -> None:
    from propmgmt_rules.repairs import revisit_due

    with pytest.raises(InputError) as err:
        revisit_due(repair(category="leak"), policy=bad)  # type: ignore[arg-type]
    assert err.value.field == "policy"


@pytest.mark.parametrize(("call", "field"), [
    (lambda: intake({"id": "R1"}, policy=CATALOG), "request"),  # type: ignore[arg-type]
    (lambda: revisit_window(repair(), policy=CATALOG, revisits=[{"id": "V1"}]),  # type: ignore[list-item]
     "revisits[0]"),
    (lambda: quota_check([repair(), "R2"], [], policy=CATALOG), "repairs[1]"),  # type: ignore[list-item]
    (lambda: quota_check([repair()], [], policy=CATALOG,
                         period=("2025-03-01", "2025-03-31")), "period"),  # type: ignore[arg-type]
    (lambda: plan_revisits([repair()], [{"id": "x"}], policy=CATALOG), "staff[0]"),  # type: ignore[list-item]
    (lambda: rectification(revisit(), policy=CATALOG, notices=5), "notices"),  # type: ignore[arg-type]
])
def test_arguments_of_the_wrong_type_are_input_errors_naming_them(call: object,
                                                                  field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field


def test_revisit_due_and_status_name_a_repair_that_is_not_one_and_a_naive_revisit() -> None:
    from propmgmt_rules.repairs import revisit_due

    with pytest.raises(InputError) as err:
        revisit_due({"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00",  # type: ignore[arg-type]
                     "category": "leak"}, policy=CATALOG)
    assert err.value.field == "repair"
    with pytest.raises(InputError) as err:
        revisit_status(repair(), NAIVE, as_of=at(3, 9))
    assert err.value.field == "revisited_at"


def _cases() -> list[object]:
    ok = RepairCase.model_validate({"id": "a", "completed": [
        {"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00", "category": "leak"}]})
    handovers = RepairCase.model_validate({"id": "b", "policy": "nanjing-plan", "handovers": [
        {"id": "H1", "unit": "8-1", "owner": "Chen", "inspected_at": "2025-04-01T10:00+08:00"}]})
    return [ok, handovers, {"id": "c"}, ok.model_copy(update={"id": "d"})]


def test_evaluate_batch_names_the_bad_case_by_position_and_id() -> None:
    from propmgmt_rules.errors import ItemError
    from propmgmt_rules.repairs.cases import evaluate_batch

    with pytest.raises(ItemError) as err:
        evaluate_batch(_cases())  # type: ignore[arg-type]
    assert (err.value.field, err.value.index, err.value.item_id) == ("cases[1].handovers", 1,
                                                                     "b")


def test_evaluate_batch_can_return_errors_in_place_and_decide_the_rest() -> None:
    from propmgmt_rules.errors import ItemError
    from propmgmt_rules.repairs.cases import evaluate_batch

    out = evaluate_batch(_cases(), errors="return")  # type: ignore[arg-type]
    errors = [x for x in out if isinstance(x, ItemError)]
    assert [(e.field, e.item_id) for e in errors] == [("cases[1].handovers", "b"),
                                                      ("cases[2]", None)]
    assert [d.subject for d in out if not isinstance(d, ItemError)] == ["a: repair R1",
                                                                        "d: repair R1"]


# -- hostile-findings #2, #5: the edges of time, huge numbers --------------------------------


@pytest.mark.parametrize("when", ["9999-12-31T23:59:00+08:00", "0001-01-01T00:00:00+14:00",
                                  "2200-01-01T00:00:00+00:00", "1899-12-31T23:59:00+00:00"])
def test_an_instant_outside_the_years_1900_to_2199_is_refused_naming_the_field(when: str) -> None:
    with pytest.raises(ValidationError) as err:
        repair("R1").model_validate({"id": "R1", "completed_at": when, "category": "leak"})
    assert err.value.errors()[0]["loc"] == ("completed_at",)


@pytest.mark.parametrize(("call", "field"), [
    (lambda: intake(request(), policy=CATALOG, as_of=datetime(9999, 12, 31, tzinfo=SH)), "as_of"),
    (lambda: revisit_status(repair(), None, as_of=datetime.max.replace(tzinfo=SH)), "as_of"),
    (lambda: revisit_status(repair(), datetime(9999, 12, 31, 23, 59, tzinfo=SH),
                            as_of=at(3, 9)), "revisited_at"),
    (lambda: plan_revisits([repair()], [StaffMember(id="a", role="repair_lead",
                                                    daily_capacity=1)],
                           policy=CATALOG, until=__import__("datetime").date(9999, 12, 31)),
     "until"),
])
def test_an_api_instant_at_the_edge_of_time_is_an_input_error(call: object, field: str) -> None:
    with pytest.raises(InputError) as err:
        call()  # type: ignore[operator]
    assert err.value.field == field


def test_a_huge_capacity_or_rate_is_refused_at_once() -> None:
    from decimal import Decimal

    from propmgmt_rules.repairs import RoleQuota

    with pytest.raises(ValidationError):
        StaffMember.model_validate({"id": "a", "role": "repair_lead",
                                    "daily_capacity": Decimal("-1E+999999999")})
    for rate in ("1E+999999999", Decimal("1E+999999999")):
        with pytest.raises(ValidationError):
            RoleQuota(role="a", name_en="a", name_zh="甲", minimum=rate)
