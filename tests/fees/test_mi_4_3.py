"""`MI-4.3.1`: the move-in notice due by the end of the day 10 days before the move-in date
(`T-BEFORE`; the days and an earliest day are policy settings). `MI-4.3.2`: an owner who has
not come 3 days after the move-in deadline is notified again (by the end of the 3rd day,
`T-DAYS`); if still not come, the office director decides on a public notice (escalation)."""

from __future__ import annotations

from datetime import date, datetime

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.fees import PROCEDURE_10, MoveIn, MoveInNotice, move_in_notices
from propmgmt_rules.time import ObligationState

from .helpers import at


def _notice(ident: str, when: datetime, kind: str = "notice", form: str = "letter"
            ) -> MoveInNotice:
    return MoveInNotice(id=ident, at=when, kind=kind, form=form)  # type: ignore[arg-type]


def _unit(*notices: MoveInNotice, deadline: date | None = date(2025, 6, 20),
          came_at: datetime | None = None) -> MoveIn:
    return MoveIn(id="M1", owner="O1", move_in_on=date(2025, 6, 16), deadline=deadline,
                  notices=notices, came_at=came_at)


def _obs(d: object) -> dict[str, object]:
    return {o.key.split(":")[1]: o for o in d.outcome.obligations}  # type: ignore[attr-defined]


def test_mi_4_3_1_notice_due_by_the_end_of_the_day_10_days_before_the_move_in_date() -> None:
    d = move_in_notices(_unit(), as_of=at(2025, 6, 1))
    assert d.outcome.notice_due == at(2025, 6, 7)  # 24:00 of 6 June
    notice = _obs(d)["notice"]
    assert notice.state is ObligationState.PENDING  # type: ignore[attr-defined]
    assert notice.owed_by == "customer_service_center"  # type: ignore[attr-defined]
    assert d.decided_by[:2] == ("MI-4.3.1", "T-BEFORE")


def test_mi_4_3_1_a_notice_at_24_00_of_that_day_is_in_time_a_minute_later_is_not() -> None:
    met = move_in_notices(_unit(_notice("N1", at(2025, 6, 7))), as_of=at(2025, 6, 10))
    assert _obs(met)["notice"].state is ObligationState.MET  # type: ignore[attr-defined]
    late = move_in_notices(_unit(_notice("N1", at(2025, 6, 7, 0, 1))), as_of=at(2025, 6, 10))
    assert _obs(late)["notice"].state is ObligationState.BREACHED  # type: ignore[attr-defined]


def test_mi_4_3_1_the_days_and_an_earliest_day_are_policy_settings() -> None:
    policy = PROCEDURE_10.derive(name="7-to-14", move_in={"notice_days_before": 7,
                                                          "earliest_days_before": 14})
    early = _notice("N0", at(2025, 6, 1, 23))   # before 2 June, the 14th day before
    ok = _notice("N1", at(2025, 6, 2, 8))
    d = move_in_notices(_unit(early, ok), as_of=at(2025, 6, 12), policy=policy)
    assert d.outcome.notice_due == at(2025, 6, 10)  # 24:00 of 9 June
    assert d.outcome.notice_earliest == at(2025, 6, 2)
    assert _obs(d)["notice"].done_at == at(2025, 6, 2, 8)  # type: ignore[attr-defined]
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside["notices[N0]"] is SetAsideReason.OUTSIDE_WINDOW


def test_mi_4_3_2_before_the_deadline_passes_the_answer_is_provisional() -> None:
    d = move_in_notices(_unit(_notice("N1", at(2025, 6, 5))), as_of=at(2025, 6, 19))
    assert d.provisional is not None
    assert d.provisional.until == at(2025, 6, 21)
    assert d.provisional.rules == ("MI-4.3.2",)
    assert "reminder" not in _obs(d)


def test_mi_4_3_2_an_owner_not_come_is_reminded_by_the_end_of_the_3rd_day() -> None:
    d = move_in_notices(_unit(_notice("N1", at(2025, 6, 5))), as_of=at(2025, 6, 22))
    reminder = _obs(d)["reminder"]
    assert reminder.due == at(2025, 6, 24)  # type: ignore[attr-defined]  # 24:00 of 23 June
    assert reminder.owed_by == "administrator"  # type: ignore[attr-defined]
    assert reminder.state is ObligationState.PENDING  # type: ignore[attr-defined]
    assert d.provisional is not None
    assert d.provisional.until == at(2025, 6, 24)
    assert d.escalation is None


def test_mi_4_3_2_a_reminder_by_letter_or_phone_counts_another_form_does_not() -> None:
    d = move_in_notices(_unit(_notice("N1", at(2025, 6, 5)),
                              _notice("R0", at(2025, 6, 21, 9), "reminder", "other"),
                              _notice("R1", at(2025, 6, 22, 9), "reminder", "phone")),
                        as_of=at(2025, 6, 23))
    assert _obs(d)["reminder"].done_at == at(2025, 6, 22, 9)  # type: ignore[attr-defined]
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside["notices[R0]"] is SetAsideReason.PROCEDURE_NOT_FOLLOWED


def test_mi_4_3_2_still_not_come_the_office_director_decides_on_a_public_notice() -> None:
    d = move_in_notices(_unit(_notice("N1", at(2025, 6, 5)),
                              _notice("R1", at(2025, 6, 22, 9), "reminder", "phone")),
                        as_of=at(2025, 6, 24, 0, 1))
    assert d.escalation is not None
    assert d.escalation.to == "office_director"
    assert d.escalation.rules == ("MI-4.3.2",)
    assert "登报催办" in d.escalation.reason.zh
    assert d.outcome.escalated
    assert _obs(d)["reminder"].state is ObligationState.MET  # type: ignore[attr-defined]


def test_mi_4_3_2_an_owner_who_came_by_the_deadline_needs_no_reminder() -> None:
    d = move_in_notices(_unit(came_at=at(2025, 6, 20, 17)), as_of=at(2025, 7, 1))
    assert [r.rule for r in d.not_applied] == ["MI-4.3.2"]
    assert "MI-4.3.2" not in d.decided_by
    assert d.escalation is None
    assert "reminder" not in _obs(d)


def test_mi_4_3_2_an_owner_who_came_before_a_reminder_was_due_needs_none() -> None:
    d = move_in_notices(_unit(came_at=at(2025, 6, 22, 10)), as_of=at(2025, 7, 1))
    assert [r.rule for r in d.not_applied] == ["MI-4.3.2"]
    assert d.escalation is None


def test_mi_4_3_2_without_the_deadline_it_is_missing_never_defaulted() -> None:
    d = move_in_notices(_unit(deadline=None), as_of=at(2025, 7, 1))
    assert [(m.field, m.needed_by) for m in d.missing_facts] == [
        ("move_ins[M1].deadline", "MI-4.3.2")]
    assert d.escalation is None
    assert d.provisional is None
