"""The same complaint under both policies, side by side: what differs and why.

A complaint about a rude night guard (important, CP-4.2.3) received on Friday 24 January 2025
at 19:30, before the Spring Festival holiday (28 January - 4 February 2025); Sunday 26 January
is a make-up working day (调休)."""

from __future__ import annotations

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, ObligationPlanDecision, obligations

from .factory import IMPORTANT, at, by_kind, complaint

FRIDAY_EVENING = at(2025, 1, 24, 19, 30)


def _line(d: ObligationPlanDecision, start: str) -> str:
    return next(line for line in d.explanation.en.splitlines() if line.startswith(start))


def test_same_complaint_both_policies_calendar_days_vs_working_days() -> None:
    c = complaint(**IMPORTANT, received_at=FRIDAY_EVENING)
    cp_d = obligations(c, policy=PROCEDURE_5)
    sq_d = obligations(c, policy=NANJING)
    cp, sq = cp_d.outcome, sq_d.outcome
    assert cp.severity == sq.severity  # one classification, two policies
    cp_o, sq_o = by_kind(cp.obligations), by_kind(sq.obligations)
    # CP-4.10.2: 3 calendar days, the holiday not skipped: Monday 27 January, 24:00
    assert cp_o["handle"].due == at(2025, 1, 28, 0, 0)
    # SQ-B: 2 working days: the make-up Sunday and Monday: Monday 27 January, 18:00
    assert sq_o["handle"].due == at(2025, 1, 27, 18)
    # CP-4.3.2: to the area administrator within 2 hours; SQ-B: a reply within 1 working day
    assert cp_o["escalate"].due == at(2025, 1, 24, 21, 30)
    assert "escalate" not in sq_o
    assert sq_o["reply"].due == at(2025, 1, 26, 18)
    # SQ-HOURS: off hours, the control room and the senior manager on duty; CP has no routing
    assert sq.routed_to == "control_room"
    assert sq.handler == "senior_manager_on_duty"
    assert cp.handler == "assistant"  # CP-3
    # CP-4.8 weekly statistics on Saturday; SQ-REVISIT within 3 working days after handling
    assert cp_o["weekly_statistics"].due == at(2025, 1, 26, 0, 0)
    assert "within 3 working days of the handling" in _line(sq_d, "Revisit")
    assert "after the handling, no time limit stated" in _line(cp_d, "Revisit")  # CP-4.7
    # OM-FIRST only where the policy adopts it (the Nanjing plan)
    assert "first_contact" in sq_o
    assert "first_contact" not in cp_o


def test_same_minor_complaint_revisited_only_under_the_nanjing_plan() -> None:
    c = complaint(received_at=FRIDAY_EVENING)
    assert "revisit" not in by_kind(obligations(c, policy=PROCEDURE_5).outcome.obligations)
    assert "revisit" in by_kind(obligations(c, policy=NANJING).outcome.obligations)
