"""Procedure 5 (CP, document 002 part 4): handlers and deadlines on calendar days.

Expected deadlines are computed by hand from the catalog's wording and the T- rules: "same
day" ends at 24:00 of the receipt's day; "n days" end at 24:00 of receipt day + n."""

from __future__ import annotations

from propmgmt_rules.complaints import PROCEDURE_5, obligations, status

from .factory import IMPORTANT, MAJOR, at, by_kind, complaint, event

MONDAY_10 = at(2025, 3, 3, 10)


def plan(**changes: object) -> dict[str, object]:
    return by_kind(obligations(complaint(**changes), policy=PROCEDURE_5).outcome.obligations)


def test_cp_3_the_handler_follows_the_severity() -> None:
    assert obligations(complaint(**MAJOR), policy=PROCEDURE_5).outcome.handler == "office_director"
    assert obligations(complaint(**IMPORTANT), policy=PROCEDURE_5).outcome.handler == "assistant"
    assert obligations(complaint(), policy=PROCEDURE_5).outcome.handler == "administrator"
    assert "CP-3" in obligations(complaint(), policy=PROCEDURE_5).decided_by


def test_cp_4_3_2_a_major_complaint_goes_to_the_office_director_the_same_day() -> None:
    escalate = plan(**MAJOR)["escalate"]
    assert escalate.to == ("office_director",)
    assert escalate.due == at(2025, 3, 4, 0, 0)  # 24:00 on Monday
    assert "CP-4.3.2" in escalate.rules
    assert "OM-C2" in escalate.rules


def test_cp_4_3_2_an_important_complaint_goes_to_the_area_administrator_within_2_hours() -> None:
    escalate = plan(**IMPORTANT)["escalate"]
    assert escalate.to == ("area_administrator",)
    assert escalate.due == at(2025, 3, 3, 12)


def test_cp_4_3_2_a_minor_complaint_is_solved_within_2_days() -> None:
    handle = plan()["handle"]
    assert handle.due == at(2025, 3, 6, 0, 0)  # 24:00 on Wednesday, the start day not counted
    assert "escalate" not in plan()


def test_cp_4_3_2_or_within_the_residents_reasonable_requested_time() -> None:
    requested = at(2025, 3, 8, 12)
    handle = plan(requested_by=requested, requested_time_reasonable=True)["handle"]
    assert handle.due == requested
    unreasonable = plan(requested_by=requested, requested_time_reasonable=False)["handle"]
    assert unreasonable.due == at(2025, 3, 6, 0, 0)


def test_cp_4_3_2_a_requested_time_of_unknown_reasonableness_is_a_missing_fact() -> None:
    d = obligations(complaint(requested_by=at(2025, 3, 8, 12)), policy=PROCEDURE_5)
    assert by_kind(d.outcome.obligations)["handle"].due == at(2025, 3, 6, 0, 0)
    assert any(m.field == "requested_time_reasonable" for m in d.missing_facts)


def test_cp_4_4_the_form_goes_to_the_complained_department_within_15_minutes() -> None:
    """CP-4.4"""
    dispatch = plan()["dispatch"]
    assert dispatch.due == at(2025, 3, 3, 10, 15)
    assert dispatch.to == ("complained_department",)


def test_cp_4_4_major_and_important_complaints_also_go_to_the_responsible_person() -> None:
    """CP-4.4"""
    assert plan(**MAJOR)["dispatch"].to == ("complained_department", "responsible_person")
    assert plan(**IMPORTANT)["dispatch"].to == ("complained_department", "responsible_person")


def test_cp_4_6_the_result_is_reported_the_same_day_the_handling_is_finished() -> None:
    """CP-4.6"""
    c = complaint()
    handled = at(2025, 3, 4, 16)
    d = status(c, [event("handled", handled)], as_of=at(2025, 3, 4, 17), policy=PROCEDURE_5)
    report = by_kind(d.outcome.obligations)["report_result"]
    assert report.due == at(2025, 3, 5, 0, 0)
    assert report.state.value == "pending"
    late = status(c, [event("handled", handled), event("result_reported", at(2025, 3, 5, 9))],
                  as_of=at(2025, 3, 5, 10), policy=PROCEDURE_5)
    assert by_kind(late.outcome.obligations)["report_result"].state.value == "breached"


def test_cp_4_6_before_the_handling_the_report_waits_for_it() -> None:
    report = plan()["report_result"]
    assert report.due is None
    assert report.waiting_for == "handled"


def test_cp_4_7_major_and_important_complaints_get_a_revisit_after_handling() -> None:
    assert plan(**MAJOR)["revisit"].rules == ("CP-4.7",)
    handled = [event("handled", at(2025, 3, 4, 9))]
    revisit = by_kind(status(complaint(**IMPORTANT), handled, as_of=at(2025, 3, 4, 10),
                             policy=PROCEDURE_5).outcome.obligations)["revisit"]
    assert (revisit.due, revisit.waiting_for) == (None, None)  # handled; no limit stated
    assert "revisit" not in plan()  # minor: none


def test_cp_4_8_statistics_every_saturday() -> None:
    weekly = plan()["weekly_statistics"]
    assert weekly.due == at(2025, 3, 9, 0, 0)  # 24:00 on Saturday 8 March
    on_saturday = plan(received_at=at(2025, 3, 8, 23))["weekly_statistics"]
    assert on_saturday.due == at(2025, 3, 9, 0, 0)


def test_cp_4_10_1_minor_later_than_2_days_needs_the_assistants_approval() -> None:
    handle = plan()["handle"]
    assert handle.approval_needed == "assistant"
    assert "CP-4.10.1" in handle.rules


def test_cp_4_10_2_important_within_3_days_later_needs_the_office_directors_approval() -> None:
    handle = plan(**IMPORTANT)["handle"]
    assert handle.due == at(2025, 3, 7, 0, 0)
    assert handle.approval_needed == "office_director"


def test_cp_4_10_3_major_a_clear_answer_within_2_days_solved_within_10_days() -> None:
    """CP-4.10.3"""
    p = plan(**MAJOR)
    assert p["reply"].due == at(2025, 3, 6, 0, 0)
    assert p["handle"].due == at(2025, 3, 14, 0, 0)
    assert p["handle"].approval_needed is None  # no approval route for a major complaint


def test_cp_4_10_1_an_extension_approved_by_the_assistant_moves_the_deadline() -> None:
    c = complaint()
    ext = event("extension_approved", at(2025, 3, 5, 9), by="assistant",
                until=at(2025, 3, 8, 0, 0))
    d = status(c, [ext], as_of=at(2025, 3, 7, 12), policy=PROCEDURE_5)
    handle = by_kind(d.outcome.obligations)["handle"]
    assert handle.state.value == "pending"
    assert handle.due == at(2025, 3, 8, 0, 0)
    assert handle.original_due == at(2025, 3, 6, 0, 0)


def test_cp_4_10_2_an_extension_approved_by_the_wrong_person_is_set_aside() -> None:
    c = complaint(**IMPORTANT)
    ext = event("extension_approved", at(2025, 3, 5, 9), by="assistant", extra="2 days")
    d = status(c, [ext], as_of=at(2025, 3, 7, 12), policy=PROCEDURE_5)
    handle = by_kind(d.outcome.obligations)["handle"]
    assert handle.state.value == "breached"
    assert handle.approval_needed == "office_director"
    assert any(f.rule == "CP-4.10.2" and f.reason.value == "procedure_not_followed"
               for f in d.facts_set_aside)


def test_cp_4_10_2_an_approval_after_the_deadline_cannot_revive_it() -> None:
    c = complaint(**IMPORTANT)
    ext = event("extension_approved", at(2025, 3, 7, 9), by="office_director", extra="2 days")
    d = status(c, [ext], as_of=at(2025, 3, 7, 12), policy=PROCEDURE_5)
    assert by_kind(d.outcome.obligations)["handle"].state.value == "breached"
