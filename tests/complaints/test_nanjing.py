"""The Nanjing plan (SQ, document 003 part 3): working days on China's official calendar with
working hours 09:00-12:00 and 13:30-18:00, 2-hour replies, revisits, off-hours routing; and the
property office rules it adopts (OM-FIRST, OM-C2, OM-C5)."""

from __future__ import annotations

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, obligations, status

from .factory import IMPORTANT, MAJOR, at, by_kind, complaint, event


def plan(**changes: object) -> dict[str, object]:
    return by_kind(obligations(complaint(**changes), policy=NANJING).outcome.obligations)


def test_sq_a_major_report_at_once_reply_within_2_hours_handled_within_3_working_days() -> None:
    """SQ-A"""
    p = plan(**MAJOR)  # Monday 3 March 2025, 10:00
    assert p["escalate"].to == ("first_person_in_charge",)
    assert p["escalate"].due == at(2025, 3, 3, 10)
    assert p["reply"].due == at(2025, 3, 3, 12)
    assert p["handle"].due == at(2025, 3, 6, 18)  # Thursday, close of business


def test_sq_b_important_reply_within_1_working_day_handled_within_2_working_days() -> None:
    p = plan(**IMPORTANT)
    assert p["reply"].due == at(2025, 3, 4, 18)
    assert p["handle"].due == at(2025, 3, 5, 18)


def test_sq_c_minor_reply_within_2_hours_handled_within_1_working_day() -> None:
    """SQ-C"""
    p = plan()
    assert p["reply"].due == at(2025, 3, 3, 12)
    assert p["handle"].due == at(2025, 3, 4, 18)


def test_sq_b_working_days_skip_the_spring_festival_and_count_the_make_up_sunday() -> None:
    friday_evening = at(2025, 1, 24, 19, 30)
    p = plan(**IMPORTANT, received_at=friday_evening)
    assert p["reply"].due == at(2025, 1, 26, 18)  # Sunday 26 January is a make-up working day
    assert p["handle"].due == at(2025, 1, 27, 18)
    major = plan(**MAJOR, received_at=friday_evening)
    assert major["handle"].due == at(2025, 2, 5, 18)  # 26, 27 January, then 5 February


def test_sq_invalid_the_client_is_told_why_within_1_working_day() -> None:
    p = plan(justified=False, caused_by="third_party", received_at=at(2025, 3, 7, 19, 30))
    assert p["notify_invalid"].due == at(2025, 3, 10, 18)
    assert "handle" not in p


def test_sq_invalid_no_notice_when_the_cause_is_the_clients_own() -> None:
    d = obligations(complaint(justified=False, caused_by="resident"), policy=NANJING)
    assert "notify_invalid" not in by_kind(d.outcome.obligations)
    assert any(r.rule == "SQ-INVALID" for r in d.not_applied)


def test_sq_revisit_every_handled_complaint_within_3_working_days_after_handling() -> None:
    c = complaint()
    handled = at(2025, 3, 4, 15)
    d = status(c, [event("replied", at(2025, 3, 3, 11)), event("handled", handled)],
               as_of=at(2025, 3, 5, 9), policy=NANJING)
    revisit = by_kind(d.outcome.obligations)["revisit"]
    assert revisit.due == at(2025, 3, 7, 18)
    assert revisit.rules == ("SQ-REVISIT",)
    assert "revisit" in plan(**MAJOR)
    assert "revisit" in plan(**IMPORTANT)


def test_sq_hours_in_working_hours_to_customer_service() -> None:
    d = obligations(complaint(received_at=at(2025, 3, 3, 10)), policy=NANJING).outcome
    assert d.routed_to == "customer_service"
    assert d.handler == "responsible_department"


def test_sq_hours_outside_them_to_the_control_room_and_the_senior_manager_on_duty() -> None:
    d = obligations(complaint(received_at=at(2025, 3, 3, 12, 30)), policy=NANJING).outcome
    assert d.routed_to == "control_room"
    assert d.handler == "senior_manager_on_duty"
    handle = by_kind(d.obligations)["handle"]
    assert handle.owed_by == "senior_manager_on_duty"
    route = by_kind(d.obligations)["route"]
    assert route.due == at(2025, 3, 3, 12, 30)
    assert route.rules == ("SQ-HOURS",)


def test_sq_group_a_group_complaint_is_reported_to_the_leadership_at_once() -> None:
    p = plan(group=True)
    assert p["report_leadership"].due == at(2025, 3, 3, 10)
    assert p["report_leadership"].to == ("leadership",)
    d = obligations(complaint(group=True), policy=PROCEDURE_5)
    assert "report_leadership" not in by_kind(d.outcome.obligations)
    assert any(f.rule == "SQ-GROUP" for f in d.facts_set_aside)


def test_sq_gov_a_forwarded_written_complaint_is_reported_to_the_head_of_the_office() -> None:
    p = plan(forwarded_by_government=True, channel="letter")
    assert p["report_head"].to == ("head_of_office",)


def test_om_first_the_first_receiver_is_responsible_until_the_answer_is_given() -> None:
    p = plan()
    first = p["first_contact"]
    assert first.person == "Wang"
    assert first.due == p["reply"].due
    assert "OM-FIRST" in first.rules
    c = complaint()
    d = status(c, [event("replied", at(2025, 3, 3, 11, 30))], as_of=at(2025, 3, 3, 12),
               policy=NANJING)
    assert by_kind(d.outcome.obligations)["first_contact"].state.value == "met"


def test_om_first_who_first_received_the_client_is_missing_not_guessed() -> None:
    d = obligations(complaint(received_by=None), policy=NANJING)
    assert any(m.field == "received_by" and m.needed_by == "OM-FIRST" for m in d.missing_facts)


def test_om_c2_complaints_go_to_the_relevant_department_majors_to_the_office_head() -> None:
    p = plan(**MAJOR)
    assert p["dispatch"].to == ("responsible_department",)
    assert "OM-C2" in p["dispatch"].rules
    assert "OM-C2" in p["escalate"].rules


def test_om_c5_the_result_is_signed_by_the_person_who_solved_it() -> None:
    c = complaint()
    history = [event("replied", at(2025, 3, 3, 11)),
               event("handled", at(2025, 3, 3, 16), by="Li"),
               event("result_signed", at(2025, 3, 3, 17), by="Zhao")]
    d = status(c, history, as_of=at(2025, 3, 4, 9), policy=NANJING)
    assert by_kind(d.outcome.obligations)["sign_result"].state.value == "pending"
    assert any(f.rule == "OM-C5" for f in d.facts_set_aside)
    signed = [*history, event("result_signed", at(2025, 3, 3, 18), by="Li")]
    d = status(c, signed, as_of=at(2025, 3, 4, 9), policy=NANJING)
    assert by_kind(d.outcome.obligations)["sign_result"].state.value == "met"


def test_sq_extension_for_engineering_reasons_must_be_explained_to_the_resident() -> None:
    c = complaint()
    unexplained = event("extension_approved", at(2025, 3, 4, 10), until=at(2025, 3, 6, 18),
                        note="waiting for the lift maker's part")
    d = status(c, [unexplained], as_of=at(2025, 3, 5, 10), policy=NANJING)
    assert by_kind(d.outcome.obligations)["handle"].state.value == "breached"
    explained = unexplained.model_copy(update={"explained": True})
    d = status(c, [explained], as_of=at(2025, 3, 5, 10), policy=NANJING)
    handle = by_kind(d.outcome.obligations)["handle"]
    assert handle.state.value == "pending"
    assert handle.due == at(2025, 3, 6, 18)


def test_om_first_an_invalid_complaint_of_the_clients_own_cause_leaves_nothing_undetermined(
) -> None:
    """SQ-INVALID: no notice when the cause is the client's own; OM-FIRST then has no answer
    to wait for. Nothing is missing, so nothing is undetermined (issue 11, item 8)."""
    c = complaint(justified=False, caused_by="resident", intent="venting")
    for d in (obligations(c, policy=NANJING), status(c, [], as_of=at(2025, 3, 5), policy=NANJING)):
        assert d.outcome.undetermined == ()
        assert d.missing_facts == ()
        assert "first_contact" not in by_kind(d.outcome.obligations)
        assert [r.rule for r in d.not_applied if r.rule == "OM-FIRST"] == ["OM-FIRST"]
    # a complaint whose validity is not decided still leaves it undetermined
    d = obligations(complaint(justified=None), policy=NANJING)
    assert "first_contact" in [k.value for k in d.outcome.undetermined]
