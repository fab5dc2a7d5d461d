"""`OM-R4`: 对不能按时上门维修的,应采用书面或电话形式向客户说明情况,另约修理时间."""

from __future__ import annotations

from propmgmt_rules import ObligationState, SetAsideReason
from propmgmt_rules.repairs import CATALOG, NANJING, appointment

from .helpers import at, request


def _told(when: object, form: str = "phone", new: object = None) -> dict[str, object]:
    return {"told_at": when, "form": form, "new_time": new}


def test_om_r4_repairer_who_comes_at_the_agreed_time_meets_it() -> None:
    req = request(agreed_time=at(3, 8, 14), arrived_at=at(3, 8, 13, 55))
    d = appointment(req, policy=CATALOG, as_of=at(3, 9))
    assert d.outcome.state is ObligationState.MET
    assert d.decided_by == ("OM-R4",)


def test_om_r4_client_told_by_phone_before_the_time_and_new_time_agreed_is_met() -> None:
    req = request(
        agreed_time=at(3, 8, 14),
        reschedules=[_told(at(3, 8, 10), "phone", at(3, 9, 10))],
        arrived_at=at(3, 9, 9, 50),
    )
    d = appointment(req, policy=CATALOG, as_of=at(3, 10))
    assert [o.state for o in d.outcome.obligations] == [ObligationState.MET] * 2
    assert d.outcome.agreed_times == (at(3, 8, 14), at(3, 9, 10))
    assert d.outcome.current_time == at(3, 9, 10)


def test_om_r4_written_notice_counts_like_a_phone_call() -> None:
    req = request(agreed_time=at(3, 8, 14),
                  reschedules=[_told(at(3, 8, 9), "written", at(3, 10, 9))])
    d = appointment(req, policy=CATALOG, as_of=at(3, 8, 15))
    assert d.outcome.obligations[0].state is ObligationState.MET
    assert d.outcome.obligations[1].state is ObligationState.PENDING


def test_om_r4_client_told_before_the_time_is_due_at_the_agreed_time_itself() -> None:
    req = request(agreed_time=at(3, 8, 14))
    d = appointment(req, policy=CATALOG, as_of=at(3, 8, 13))
    (ob,) = d.outcome.obligations
    assert ob.due == at(3, 8, 14)
    assert ob.state is ObligationState.PENDING


def test_om_r4_nobody_came_and_client_not_told_is_breached() -> None:
    req = request(agreed_time=at(3, 8, 14))
    d = appointment(req, policy=CATALOG, as_of=at(3, 8, 15))
    assert d.outcome.state is ObligationState.BREACHED
    assert "未事先告知" in d.explanation.zh


def test_om_r4_client_told_after_the_agreed_time_is_breached_and_the_new_time_applies() -> None:
    req = request(agreed_time=at(3, 8, 14),
                  reschedules=[_told(at(3, 8, 16), "phone", at(3, 9, 10))])
    d = appointment(req, policy=CATALOG, as_of=at(3, 9, 9))
    first, second = d.outcome.obligations
    assert first.state is ObligationState.BREACHED
    assert first.late_by is not None
    assert first.late_by.total_seconds() == 2 * 3600
    assert second.due == at(3, 9, 10)
    assert second.state is ObligationState.PENDING
    assert d.outcome.state is ObligationState.BREACHED


def test_om_r4_a_notice_without_a_new_time_does_not_meet_it() -> None:
    req = request(agreed_time=at(3, 8, 14), reschedules=[_told(at(3, 8, 10), "phone")])
    d = appointment(req, policy=CATALOG, as_of=at(3, 8, 15))
    assert d.outcome.state is ObligationState.BREACHED
    assert [(f.reason, f.note) for f in d.facts_set_aside] == [
        (SetAsideReason.PROCEDURE_NOT_FOLLOWED, "no new time agreed")
    ]


def test_om_r4_a_notice_in_another_form_than_writing_or_phone_is_set_aside() -> None:
    req = request(agreed_time=at(3, 8, 14),
                  reschedules=[_told(at(3, 8, 10), "other", at(3, 9, 10))])
    d = appointment(req, policy=CATALOG, as_of=at(3, 8, 15))
    assert d.outcome.state is ObligationState.BREACHED
    assert d.facts_set_aside[0].reason is SetAsideReason.PROCEDURE_NOT_FOLLOWED


def test_om_r4_without_an_agreed_time_the_time_is_a_missing_fact() -> None:
    d = appointment(request(), policy=CATALOG)
    assert d.outcome.obligations == ()
    assert [m.field for m in d.missing_facts] == ["agreed_time"]


def test_om_r4_is_not_part_of_the_nanjing_plan() -> None:
    d = appointment(request(agreed_time=at(3, 8, 14)), policy=NANJING)
    assert [n.rule for n in d.not_applied] == ["OM-R4"]


def test_om_r4_two_reschedules_in_a_row_each_in_time() -> None:
    req = request(
        agreed_time=at(3, 8, 14),
        reschedules=[_told(at(3, 8, 9), "phone", at(3, 9, 14)),
                     _told(at(3, 9, 8), "written", at(3, 10, 14))],
        arrived_at=at(3, 10, 14),
    )
    d = appointment(req, policy=CATALOG, as_of=at(3, 11))
    assert [o.state for o in d.outcome.obligations] == [ObligationState.MET] * 3
    assert d.outcome.current_time == at(3, 10, 14)


def test_om_r4_a_repairer_who_came_late_without_notice_breached_it_even_without_as_of() -> None:
    req = request(agreed_time=at(3, 8, 14), arrived_at=at(3, 8, 16))
    d = appointment(req, policy=CATALOG)
    assert d.outcome.state is ObligationState.BREACHED
    assert d.outcome.obligations[0].late_by is not None
    assert d.outcome.obligations[0].late_by.total_seconds() == 2 * 3600
