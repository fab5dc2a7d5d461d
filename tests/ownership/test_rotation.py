"""The reception rotation (SD-1.3, SD-3.1 to SD-3.4, SD-3.10.C, SD-3.14, SD-4.2, SD-5.1,
SD-6.1.2): a pure function from the state and an event to who receives and the next state."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from propmgmt_rules.ownership import SD
from propmgmt_rules.ownership.rotation import (
    Designated,
    Lunch,
    NewClient,
    OldClient,
    Reassigned,
    Reorder,
    RotationState,
    rotate,
    run_rotation,
)

ABC = RotationState(order=("A", "B", "C", "D"))


def test_sd_3_1_new_clients_are_received_in_rotation_order() -> None:
    """SD-3.1: 銷售人員按排班表順序輪流接待客戶."""
    steps = run_rotation(ABC, [NewClient(), NewClient(), NewClient()], rulebook=SD)
    assert [s.outcome.receivers for s in steps] == [("A",), ("B",), ("C",)]
    assert all("SD-3.1" in s.decided_by for s in steps)


def test_sd_3_2_the_rotation_cycles_round_robin() -> None:
    """SD-3.2: 滾動循環式,周而復始."""
    steps = run_rotation(ABC, [NewClient()] * 6, rulebook=SD)
    assert [s.outcome.receivers[0] for s in steps] == ["A", "B", "C", "D", "A", "B"]
    assert steps[3].outcome.state == ABC


def test_rotate_is_pure() -> None:
    before = ABC.model_copy()
    rotate(ABC, NewClient(), rulebook=SD)
    assert before == ABC


def test_sd_3_3_the_order_changes_only_with_the_supervisors_approval() -> None:
    """SD-3.3: 未經現場主管批準不得自行調換接客順序."""
    refused = rotate(ABC, Reorder(order=("B", "A", "C", "D")), rulebook=SD)
    assert refused.outcome.state == ABC
    assert refused.decided_by == ("SD-3.3",)
    approved = rotate(ABC, Reorder(order=("B", "A", "C", "D"), approved_by_supervisor=True),
                      rulebook=SD)
    assert approved.outcome.state.order == ("B", "A", "C", "D")


def test_sd_3_4_absent_without_good_reason_the_turn_is_forfeited() -> None:
    """SD-3.4: 無正當理由不在崗位,取消本輪接客資格."""
    step = rotate(ABC, NewClient(absent={"A": "no_reason"}), rulebook=SD)
    assert step.outcome.receivers == ("B",)
    assert step.outcome.state.order == ("C", "D", "A", "B")
    assert step.decided_by[0] == "SD-3.4"


def test_sd_3_4_absent_on_verified_extra_work_keeps_priority_at_the_current_position() -> None:
    """SD-3.4: 上級臨時安排額外工作,經項目經理核實批準,安排當前位置優先輪值."""
    step = rotate(ABC, NewClient(absent={"A": "extra_work"}), rulebook=SD)
    assert step.outcome.receivers == ("B",)
    assert step.outcome.state.order == ("A", "C", "D", "B")
    assert rotate(step.outcome.state, NewClient(), rulebook=SD).outcome.receivers == ("A",)


def test_sd_3_10_c_the_refused_consultants_turn_is_void_and_a_priority_turn_is_owed() -> None:
    """SD-3.10.C: 按排班表安排其他售樓員,本次接待作輪空處理,可安排優先輪值."""
    first = rotate(ABC, NewClient(), rulebook=SD)  # A receives, order B C D A
    step = rotate(first.outcome.state, Reassigned(original="A"), rulebook=SD)
    assert step.outcome.receivers == ("B",)
    assert step.outcome.state.priority == ("A",)
    nxt = rotate(step.outcome.state, NewClient(), rulebook=SD)
    assert nxt.outcome.receivers == ("A",)
    assert nxt.outcome.state.priority == ()
    assert nxt.decided_by[0] == "SD-3.10.C"


def test_sd_3_14_at_lunch_the_first_two_in_the_rotation_man_the_desk() -> None:
    """SD-3.14: 午餐時間由當時輪班在前兩位的售樓員負責在接待臺值班."""
    step = rotate(rotate(ABC, NewClient(), rulebook=SD).outcome.state, Lunch(), rulebook=SD)
    assert step.outcome.receivers == ("B", "C")
    assert not step.outcome.counted


def test_sd_4_1_a_returning_client_goes_to_the_owner_without_using_a_turn() -> None:
    """SD-4.1: 曾經到訪過的客戶再次到訪,由曾經接待的售樓員接待."""
    step = rotate(ABC, OldClient(owner="C"), rulebook=SD)
    assert step.outcome.receivers == ("C",)
    assert step.outcome.state == ABC


def test_sd_4_2_owner_absent_the_last_on_the_rotation_receives_on_duty_no_turn_used() -> None:
    """SD-4.2: 原售樓員不在,由排班在最後的一位售樓員作義務接待."""
    step = rotate(ABC, OldClient(owner="B", absent={"B": "no_reason"}), rulebook=SD)
    assert step.outcome.receivers == ("D",)
    assert step.outcome.state == ABC
    assert not step.outcome.counted
    assert step.decided_by == ("SD-4.2",)


def test_sd_1_3_an_old_client_bringing_a_new_one_counts_as_one_reception() -> None:
    """SD-1.3: 接待老客戶帶一新客戶,視接待客戶一次."""
    step = rotate(ABC, OldClient(owner="A", brings_new=True), rulebook=SD)
    assert step.outcome.receivers == ("A",)
    assert step.outcome.counted
    assert step.outcome.state.order == ("B", "C", "D", "A")
    assert "SD-1.3" in step.decided_by


def test_sd_5_1_a_designated_reception_is_not_counted_in_the_rotation() -> None:
    """SD-5.1: 接待此類客戶原則上不計入該售樓員的排班."""
    step = rotate(ABC, Designated(consultant="C"), rulebook=SD)
    assert step.outcome.receivers == ("C",)
    assert step.outcome.state == ABC
    assert step.decided_by == ("SD-5.1",)


def test_sd_6_1_2_an_executives_designation_is_not_counted_either() -> None:
    """SD-6.1.2: 視為該售樓員義務接待,不計入排班."""
    step = rotate(ABC, Designated(consultant="D", by_executive=True), rulebook=SD)
    assert step.outcome.state == ABC
    assert step.decided_by == ("SD-6.1.2",)


def test_a_rotation_state_lists_each_consultant_once() -> None:
    with pytest.raises(ValidationError, match="listed twice"):
        RotationState(order=("A", "A"))


# -- issue 10: the rotation's bad input ------------------------------------------------------


def test_cc_has_no_rotation_rules_and_is_refused_naming_the_rulebook() -> None:
    """CC (document 000 part 1) has no reception rotation: a rotation decided under it cited
    SD rules with a CC basis; now it is refused."""
    from propmgmt_rules import InputError
    from propmgmt_rules.ownership import CC

    for rb in (CC, "CC", "cc"):
        with pytest.raises(InputError) as err:
            rotate(ABC, NewClient(), rulebook=rb)
        assert err.value.field == "rulebook"
        assert "SD-3.1" in err.value.reason


def test_a_rotation_step_needs_every_rule_it_cites_enabled() -> None:
    from propmgmt_rules import InputError
    from propmgmt_rules.ownership import SD

    no_lunch = SD.derive(name="no-lunch", disable=["SD-3.14"])
    assert rotate(ABC, NewClient(), rulebook=no_lunch).outcome.receivers == ("A",)
    with pytest.raises(InputError, match=r"SD-3\.14"):
        rotate(ABC, Lunch(), rulebook=no_lunch)


def test_the_sd_preset_may_be_given_by_name() -> None:
    assert rotate(ABC, NewClient(), rulebook="sd") == rotate(ABC, NewClient(), rulebook=SD)


def test_an_absence_of_someone_not_in_the_rotation_names_them() -> None:
    """An absence nobody can use was ignored silently (a typo let an absent consultant be
    given a client): now an error naming the absence."""
    from propmgmt_rules import InputError

    with pytest.raises(InputError) as err:
        rotate(ABC, NewClient(absent={"X": "no_reason"}), rulebook=SD)
    assert err.value.field == "event.absent[X]"
    with pytest.raises(InputError, match=r"event\.absent\[Y\]"):
        rotate(ABC, Reassigned(original="A", absent={"Y": "extra_work"}), rulebook=SD)
    # the owner of a returning client may be away although not on the rotation
    step = rotate(ABC, OldClient(owner="Z", absent={"Z": "no_reason"}), rulebook=SD)
    assert step.outcome.receivers == ("D",)
    assert step.decided_by == ("SD-4.2",)


def test_wrong_types_are_input_errors_naming_the_argument() -> None:
    from propmgmt_rules import InputError

    with pytest.raises(InputError) as err:
        rotate(("A", "B"), NewClient(), rulebook=SD)  # type: ignore[arg-type]
    assert err.value.field == "state"
    with pytest.raises(InputError) as err:
        rotate(ABC, {"kind": "new_client"}, rulebook=SD)  # type: ignore[arg-type]
    assert err.value.field == "event"
    with pytest.raises(ValidationError):
        RotationState(order=("A", " "))


def test_a_case_with_a_rotation_under_cc_is_refused() -> None:
    from propmgmt_rules.ownership.cases import OwnershipCase

    with pytest.raises(ValidationError, match="no reception rotation"):
        OwnershipCase.model_validate({"id": "x", "rulebook": "CC",
                                      "rotation": {"state": {"order": ["A"]}}})
