"""CP-STATUS, CP-UPGRADE, severity corrections, extensions and pauses.

Expected values from the catalog's wording and the T- rules, worked by hand in the comments."""

from __future__ import annotations

from datetime import timedelta

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, Severity, status

from .factory import IMPORTANT, at, by_kind, complaint, event

RECEIVED = at(2025, 3, 3, 10)  # Monday


def test_cp_status_met_breached_by_how_much_and_pending_with_time_left() -> None:
    c = complaint(**IMPORTANT)  # procedure 5: dispatch 10:15, escalate 12:00, handle Thu 24:00
    history = [event("dispatched", at(2025, 3, 3, 10, 5)), event("escalated", at(2025, 3, 3, 13))]
    d = status(c, history, as_of=at(2025, 3, 5, 12), policy=PROCEDURE_5)
    o = by_kind(d.outcome.obligations)
    assert o["dispatch"].state.value == "met"
    assert o["dispatch"].slack == timedelta(minutes=10)
    assert o["escalate"].state.value == "breached"
    assert o["escalate"].late_by == timedelta(hours=1)
    assert o["handle"].state.value == "pending"
    assert o["handle"].remaining == timedelta(hours=36)  # to Friday 7 March 00:00
    assert o["handle"].approval_needed == "office_director"
    # pending: handle, weekly statistics, and three waiting for the handling
    assert (d.outcome.met, d.outcome.breached, d.outcome.pending) == (1, 1, 5)
    assert "CP-STATUS" in d.decided_by
    assert ("Escalate — the receptionist: breached, done Mon 3 Mar 13:00, 1 h after the deadline "
            "Mon 3 Mar 12:00 (CP-4.3.2).") in d.explanation.en.splitlines()
    assert ("转呈—投诉接待员:已逾期,截止3月3日(周一)12:00,"
            "3月3日(周一)13:00才完成,逾期1小时(CP-4.3.2)。") in d.explanation.zh.splitlines()
    # the end of a day reads as 24:00 of that day, not as the next day's 00:00 (issue 11)
    assert "due Thu 6 Mar 24:00" in d.explanation.en
    assert "截止3月6日(周四)24:00" in d.explanation.zh


def test_cp_status_an_open_obligation_past_its_deadline_is_breached_by_the_time_since() -> None:
    d = status(complaint(), [], as_of=at(2025, 3, 6, 9), policy=PROCEDURE_5)
    handle = by_kind(d.outcome.obligations)["handle"]
    assert handle.state.value == "breached"
    assert handle.late_by == timedelta(hours=9)
    assert handle.approval_needed == "assistant"  # CP-4.10.1


def test_events_after_the_instant_asked_are_set_aside() -> None:
    d = status(complaint(), [event("handled", at(2025, 3, 5, 9))], as_of=at(2025, 3, 4, 9),
               policy=PROCEDURE_5)
    assert by_kind(d.outcome.obligations)["handle"].state.value == "pending"
    assert [f.reason.value for f in d.facts_set_aside] == ["after_as_of"]


# -- CP-UPGRADE -----------------------------------------------------------------------------


def test_cp_upgrade_a_valid_complaint_unresolved_a_month_after_receipt_becomes_major() -> None:
    # receipt Monday 3 March; one month: last day 3 April, ends 24:00 = 4 April 00:00 (T-MONTHS)
    d = status(complaint(), [], as_of=at(2025, 4, 10), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MAJOR
    (change,) = d.outcome.severity_changes
    assert change.at == at(2025, 4, 4, 0, 0)
    assert (change.previous, change.severity, change.rule) == (Severity.MINOR, Severity.MAJOR,
                                                                "CP-UPGRADE")
    assert d.outcome.handler == "office_director"  # CP-3


def test_cp_upgrade_obligations_only_a_major_complaint_has_run_from_the_upgrade() -> None:
    """CP-UPGRADE interpretation: the major complaint's clear answer within 2 days
    (CP-4.10.3) and the escalation to the office director the same day (CP-4.3.2) exist only
    from the upgrade (Friday 4 April 00:00): they cannot be breached before it."""
    o = by_kind(status(complaint(), [], as_of=at(2025, 4, 5, 12),
                       policy=PROCEDURE_5).outcome.obligations)
    assert o["reply"].due == at(2025, 4, 7, 0, 0)  # 4 April + 2 days, ends 24:00 of 6 April
    assert o["reply"].state.value == "pending"
    assert o["reply"].remaining == timedelta(days=1, hours=12)
    assert o["reply"].original_due is None
    assert o["reply"].breached_due is None
    assert o["escalate"].due == at(2025, 4, 5, 0, 0)  # the same day as the upgrade
    assert o["escalate"].to == ("office_director",)
    assert o["escalate"].state.value == "breached"
    assert o["escalate"].late_by == timedelta(hours=12)  # since the upgrade's day, not 33 days


def test_cp_upgrade_a_new_obligation_can_be_met_after_the_upgrade() -> None:
    history = [event("replied", at(2025, 4, 6, 9))]
    reply = by_kind(status(complaint(), history, as_of=at(2025, 4, 10), policy=PROCEDURE_5)
                    .outcome.obligations)["reply"]
    assert reply.state.value == "met"
    assert reply.slack == timedelta(hours=15)


def test_cp_upgrade_nanjing_the_report_at_once_runs_from_the_upgrade() -> None:
    # SQ-A: report to the first person in charge at once; reply within 2 hours
    o = by_kind(status(complaint(), [], as_of=at(2025, 4, 4, 1),
                       policy=NANJING).outcome.obligations)
    assert o["escalate"].due == at(2025, 4, 4, 0, 0)
    assert o["escalate"].late_by == timedelta(hours=1)
    # the reply existed already (SQ-C, 2 hours from receipt): it carries on, breached since 3 March
    assert o["reply"].due == at(2025, 3, 3, 12)
    assert o["reply"].rules == ("SQ-C",)


def test_cp_upgrade_an_open_obligation_of_the_old_severity_keeps_its_deadline() -> None:
    """The minor handling (2 days, CP-4.10.1) was breached on 6 March; the major one's 10 days
    would run from the upgrade (to 24:00 of 14 April): the earlier, old deadline stays in force."""
    handle = by_kind(status(complaint(), [], as_of=at(2025, 4, 10), policy=PROCEDURE_5)
                     .outcome.obligations)["handle"]
    assert handle.state.value == "breached"
    assert handle.due == handle.breached_due == at(2025, 3, 6, 0, 0)
    assert handle.original_due is None
    assert handle.rules == ("CP-4.3.2", "CP-4.10.1")
    assert handle.approval_needed == "assistant"


def test_cp_upgrade_the_new_deadline_replaces_the_old_when_earlier() -> None:
    """A minor complaint with the resident's reasonable requested time (CP-4.3.2) two months
    away: after the upgrade the major handling within 10 days (CP-4.10.3) is earlier."""
    c = complaint(requested_by=at(2025, 5, 30, 12), requested_time_reasonable=True)
    handle = by_kind(status(c, [], as_of=at(2025, 4, 10),
                            policy=PROCEDURE_5).outcome.obligations)["handle"]
    assert handle.due == at(2025, 4, 15, 0, 0)  # 4 April + 10 days: ends 24:00 of 14 April
    assert handle.original_due == at(2025, 5, 30, 12)
    assert handle.rules == ("CP-4.10.3",)
    assert handle.state.value == "pending"


def test_cp_upgrade_obligations_already_met_keep_their_status() -> None:
    history = [event("dispatched", at(2025, 3, 3, 10, 10)), event("statistics_reported",
                                                                   at(2025, 3, 8, 17))]
    o = by_kind(status(complaint(), history, as_of=at(2025, 4, 10),
                       policy=PROCEDURE_5).outcome.obligations)
    assert o["dispatch"].state.value == "met"
    assert o["dispatch"].due == at(2025, 3, 3, 10, 15)
    assert o["weekly_statistics"].state.value == "met"


def test_cp_upgrade_no_obligation_is_breached_before_the_upgrade_existed() -> None:
    """Whatever the policy: an obligation that only the major severity has is never due
    before the upgrade."""
    for policy in (PROCEDURE_5, NANJING):
        before = {o.key for o in status(complaint(), [], as_of=at(2025, 3, 20), policy=policy)
                  .outcome.obligations}
        d = status(complaint(), [], as_of=at(2025, 5, 1), policy=policy)
        (change,) = d.outcome.severity_changes
        for o in d.outcome.obligations:
            if o.key not in before and o.due is not None:
                assert o.due >= change.at, (policy.name, o.key)


def test_cp_upgrade_not_before_the_month_ends_but_the_decision_says_until_when() -> None:
    d = status(complaint(), [], as_of=at(2025, 4, 3, 23), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MINOR
    assert d.provisional is not None
    assert d.provisional.until == at(2025, 4, 4, 0, 0)
    assert d.provisional.rules == ("CP-UPGRADE",)


def test_cp_upgrade_a_complaint_resolved_within_the_month_stays_minor() -> None:
    d = status(complaint(), [event("handled", at(2025, 4, 3, 20))], as_of=at(2025, 5, 1),
               policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MINOR
    assert d.outcome.severity_changes == ()


def test_cp_upgrade_an_invalid_complaint_never_becomes_major() -> None:
    c = complaint(justified=False, caused_by="resident", intent="venting")
    assert status(c, [], as_of=at(2025, 6, 1), policy=PROCEDURE_5).outcome.severity is None


def test_cp_upgrade_decides_even_when_the_severity_at_receipt_was_undecided() -> None:
    d = status(complaint(injury=None), [], as_of=at(2025, 4, 10), policy=NANJING)
    assert d.outcome.severity is Severity.MAJOR


# -- corrections ------------------------------------------------------------------------------


def test_a_correction_replans_from_the_receipt_and_shows_old_and_new_deadlines() -> None:
    c = complaint(**IMPORTANT)
    history = [event("severity_corrected", at(2025, 3, 4, 9), severity="major")]
    d = status(c, history, as_of=at(2025, 3, 4, 10), policy=PROCEDURE_5)
    o = by_kind(d.outcome.obligations)
    assert d.outcome.severity is Severity.MAJOR
    assert o["handle"].original_due == at(2025, 3, 7, 0, 0)  # important: 3 days
    assert o["handle"].due == at(2025, 3, 14, 0, 0)  # major: 10 days
    assert o["reply"].due == at(2025, 3, 6, 0, 0)  # new: a clear answer within 2 days
    # a correction re-plans from the receipt (unlike CP-UPGRADE)
    assert "first planned for Thu 6 Mar 24:00" in d.explanation.en
    assert "原定3月6日(周四)24:00" in d.explanation.zh


def test_a_breach_before_a_correction_stays_a_breach() -> None:
    c = complaint()  # minor: handle by Thursday 6 March 00:00
    history = [event("severity_corrected", at(2025, 3, 6, 12), severity="important")]
    handle = by_kind(status(c, history, as_of=at(2025, 3, 6, 13),
                            policy=PROCEDURE_5).outcome.obligations)[
        "handle"]
    assert handle.state.value == "breached"
    assert handle.breached_due == at(2025, 3, 6, 0, 0)
    assert handle.due == at(2025, 3, 7, 0, 0)


# -- pauses ------------------------------------------------------------------------------------


def test_a_pause_moves_a_day_deadline_by_the_elapsed_time_paused() -> None:
    # procedure 5 minor: due Thursday 00:00; waiting on the resident 24 hours → Friday 00:00
    pause = event("paused", at(2025, 3, 4, 10), end=at(2025, 3, 5, 10), note="resident away")
    handle = by_kind(status(complaint(), [pause], as_of=at(2025, 3, 6, 12), policy=PROCEDURE_5)
                     .outcome.obligations)["handle"]
    assert handle.state.value == "pending"
    assert handle.due == at(2025, 3, 7, 0, 0)
    assert handle.original_due == at(2025, 3, 6, 0, 0)


def test_a_pause_moves_a_working_day_deadline_by_the_working_time_paused() -> None:
    # Nanjing minor: handle by Tuesday 18:00; paused 16:00-19:00 = 2 working hours → Wed 11:00
    pause = event("paused", at(2025, 3, 4, 16), end=at(2025, 3, 4, 19))
    handle = by_kind(status(complaint(), [pause], as_of=at(2025, 3, 4, 20), policy=NANJING)
                     .outcome.obligations)["handle"]
    assert handle.due == at(2025, 3, 5, 11)


def test_overlapping_pauses_count_once() -> None:
    pauses = [event("paused", at(2025, 3, 4, 16), end=at(2025, 3, 4, 17)),
              event("paused", at(2025, 3, 4, 16, 30), end=at(2025, 3, 4, 17, 30))]
    handle = by_kind(status(complaint(), pauses, as_of=at(2025, 3, 4, 20), policy=NANJING)
                     .outcome.obligations)["handle"]
    assert handle.due == at(2025, 3, 5, 10, 30)  # 1.5 working hours after Tuesday 18:00


def test_a_pause_still_open_stops_the_clock() -> None:
    pause = event("paused", at(2025, 3, 4, 17))  # no end yet
    d = status(complaint(), [pause], as_of=at(2025, 3, 6, 12), policy=NANJING)
    handle = by_kind(d.outcome.obligations)["handle"]
    assert handle.state.value == "pending"
    assert handle.paused is True
    assert handle.remaining == timedelta(hours=1)  # 17:00 to 18:00 of working time was left
    assert "paused" in d.explanation.en


def test_a_pause_after_the_deadline_does_not_revive_it() -> None:
    pause = event("paused", at(2025, 3, 5, 9), end=at(2025, 3, 6, 9))
    d = status(complaint(), [pause], as_of=at(2025, 3, 5, 10), policy=NANJING)
    assert by_kind(d.outcome.obligations)["handle"].state.value == "breached"
