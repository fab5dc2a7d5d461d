"""CQ-5.5 (document 002 part 1): an enquiry not answered at once is recorded and the client is
told when to expect the answer; the policy sets the span (procedure 5's preset: 2 days)."""

from __future__ import annotations

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, obligations

from .factory import at, by_kind, complaint


def test_cq_5_5_an_enquiry_not_answered_at_once_is_answered_within_the_policys_span() -> None:
    d = obligations(complaint(intent="enquiry", answered_at_once=False), policy=PROCEDURE_5)
    answer = by_kind(d.outcome.obligations)["enquiry_answer"]
    assert answer.due == at(2025, 3, 6, 0, 0)
    assert answer.rules == ("CQ-5.5",)
    assert any(m.field == "expected_answer_at" for m in d.missing_facts)


def test_cq_5_5_the_time_the_client_was_told_binds_when_earlier() -> None:
    told = at(2025, 3, 4, 17)
    d = obligations(complaint(intent="enquiry", answered_at_once=False, expected_answer_at=told),
                    policy=PROCEDURE_5)
    assert by_kind(d.outcome.obligations)["enquiry_answer"].due == told


def test_cq_5_5_an_enquiry_answered_at_once_owes_nothing_more() -> None:
    d = obligations(complaint(intent="enquiry", answered_at_once=True), policy=PROCEDURE_5)
    assert "enquiry_answer" not in by_kind(d.outcome.obligations)
    assert any(r.rule == "CQ-5.5" for r in d.not_applied)


def test_cq_5_5_is_not_part_of_the_nanjing_plan() -> None:
    d = obligations(complaint(intent="enquiry", answered_at_once=False), policy=NANJING)
    assert "enquiry_answer" not in by_kind(d.outcome.obligations)
