"""`VK-FEE-LIMIT`: 3 years from the bill's due date (Civil Code Art. 188); a recorded demand, a
part payment or written acknowledgement, or a suit interrupts it and a new 3 years runs from
that day (Art. 195); escalation to the office director within the policy margin (default 90
days) of expiry with no suit: a claim must never lapse silently."""

from __future__ import annotations

from datetime import date

import pytest

from propmgmt_rules.fees import VK, LimitationState, collection_status

from .helpers import account, ack, act, at, bill, pay

B1 = bill("B1", date(2025, 1, 31))


def _expiry(d: object, bill_id: str = "B1") -> object:
    return next(e for e in d.outcome.expiries if e.bill == bill_id)  # type: ignore[attr-defined]


def test_vk_fee_limit_three_years_from_the_due_date() -> None:
    d = collection_status(account([B1]), as_of=at(2025, 3, 1))
    e = _expiry(d)
    assert e.runs_from == date(2025, 1, 31)  # type: ignore[attr-defined]
    assert e.last_day == date(2028, 1, 31)  # type: ignore[attr-defined]
    assert e.expires == at(2028, 2, 1)  # type: ignore[attr-defined]  # 24:00 of the last day
    assert e.interrupted_by is None  # type: ignore[attr-defined]
    assert e.state is LimitationState.RUNNING  # type: ignore[attr-defined]
    assert "VK-FEE-LIMIT" in d.decided_by


def test_vk_fee_limit_a_29_february_due_date_ends_on_28_february_three_years_on() -> None:
    d = collection_status(account([bill("B1", date(2024, 2, 29))]), as_of=at(2024, 3, 5))
    assert _expiry(d).last_day == date(2027, 2, 28)  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["notice", "phone", "visit", "lawyer_letter"])
def test_vk_fee_limit_a_recorded_demand_interrupts_and_a_new_3_years_runs(kind: str) -> None:
    acc = account([B1], actions=[act("A1", at(2025, 6, 3, 15), kind)])
    e = _expiry(collection_status(acc, as_of=at(2025, 7, 1)))
    assert e.interrupted_by == "actions[A1]"  # type: ignore[attr-defined]
    assert e.runs_from == date(2025, 6, 3)  # type: ignore[attr-defined]
    assert e.last_day == date(2028, 6, 3)  # type: ignore[attr-defined]


def test_vk_fee_limit_a_part_payment_interrupts_the_bill_it_is_applied_to() -> None:
    b2 = bill("B2", date(2025, 2, 28))
    acc = account([B1, b2], [pay("P1", at(2025, 4, 10), "40.00")])
    d = collection_status(acc, as_of=at(2025, 5, 1))
    assert _expiry(d, "B1").interrupted_by == "payments[P1]"  # type: ignore[attr-defined]
    assert _expiry(d, "B1").runs_from == date(2025, 4, 10)  # type: ignore[attr-defined]
    assert _expiry(d, "B2").interrupted_by is None  # type: ignore[attr-defined]


def test_vk_fee_limit_a_written_acknowledgement_interrupts() -> None:
    acc = account([B1], acks=[ack("K1", at(2026, 1, 5, 11))])
    e = _expiry(collection_status(acc, as_of=at(2026, 2, 1)))
    assert e.interrupted_by == "acknowledgements[K1]"  # type: ignore[attr-defined]
    assert e.last_day == date(2029, 1, 5)  # type: ignore[attr-defined]


def test_vk_fee_limit_a_demand_naming_bills_interrupts_only_those() -> None:
    b2 = bill("B2", date(2025, 2, 28))
    acc = account([B1, b2], actions=[act("L1", at(2025, 5, 5), "lawyer_letter", ("B2",))])
    d = collection_status(acc, as_of=at(2025, 6, 1))
    assert _expiry(d, "B1").interrupted_by is None  # type: ignore[attr-defined]
    assert _expiry(d, "B2").interrupted_by == "actions[L1]"  # type: ignore[attr-defined]


def test_vk_fee_limit_a_demand_before_a_bill_was_due_does_not_interrupt_it() -> None:
    b2 = bill("B2", date(2025, 2, 28))
    acc = account([B1, b2], actions=[act("N1", at(2025, 2, 10), "notice")])
    d = collection_status(acc, as_of=at(2025, 3, 10))
    assert _expiry(d, "B1").interrupted_by == "actions[N1]"  # type: ignore[attr-defined]
    assert _expiry(d, "B2").interrupted_by is None  # type: ignore[attr-defined]
    assert _expiry(d, "B2").runs_from == date(2025, 2, 28)  # type: ignore[attr-defined]


def test_vk_fee_limit_the_latest_interruption_counts() -> None:
    acc = account([B1], [pay("P1", at(2025, 9, 1), "10.00")],
                  actions=[act("N1", at(2025, 3, 1), "notice"), act("V1", at(2025, 8, 1), "visit")],
                  acks=[ack("K1", at(2025, 5, 1))])
    e = _expiry(collection_status(acc, as_of=at(2025, 10, 1)))
    assert e.interrupted_by == "payments[P1]"  # type: ignore[attr-defined]


def test_vk_fee_limit_escalates_to_the_office_director_within_90_days_of_expiry() -> None:
    # expires at 24:00 of 31 Jan 2028; the last 90 days begin on 3 Nov 2027
    acc = account([B1])
    before = collection_status(acc, as_of=at(2027, 11, 2, 23, 59))
    assert before.escalation is None
    assert _expiry(before).state is LimitationState.RUNNING  # type: ignore[attr-defined]
    within = collection_status(acc, as_of=at(2027, 11, 3))
    assert _expiry(within).state is LimitationState.NEAR_EXPIRY  # type: ignore[attr-defined]
    assert within.escalation is not None
    assert within.escalation.to == "office_director"
    assert within.escalation.to_name.zh == "管理处主任"
    assert within.escalation.rules == ("VK-FEE-LIMIT",)
    assert within.outcome.escalated_bills == ("B1",)


def test_vk_fee_limit_a_lapsed_claim_is_escalated_never_silent() -> None:
    d = collection_status(account([B1]), as_of=at(2028, 2, 1, 0, 1))
    assert _expiry(d).state is LimitationState.EXPIRED  # type: ignore[attr-defined]
    assert d.escalation is not None
    assert "已届满且未起诉" in d.explanation.zh


def test_vk_fee_limit_a_bill_in_suit_is_not_escalated() -> None:
    acc = account([B1], actions=[act("S1", at(2025, 6, 1), "suit")])
    d = collection_status(acc, as_of=at(2028, 5, 1))
    assert _expiry(d).state is LimitationState.IN_SUIT  # type: ignore[attr-defined]
    assert d.escalation is None


def test_vk_fee_limit_the_margin_is_a_policy_setting() -> None:
    policy = VK.derive(name="margin-30", collection={"escalation_margin_days": 30})
    acc = account([B1])
    assert collection_status(acc, as_of=at(2027, 12, 1), policy=policy).escalation is None
    assert collection_status(acc, as_of=at(2028, 1, 2), policy=policy).escalation is not None


def test_vk_fee_limit_the_explanation_says_what_the_period_runs_from() -> None:
    acc = account([B1], actions=[act("N1", at(2025, 3, 3, 10), "notice")])
    d = collection_status(acc, as_of=at(2025, 4, 1))
    assert "Bill B1: the limitation period of 36 months runs from Mon 3 Mar 2025, the " \
           "interruption by payment notice N1 (Civil Code Art. 195), and expires Fri 3 Mar " \
           "2028 24:00: running (VK-FEE-LIMIT, T-MONTHS)." in d.explanation.en
    assert "账单B1:36个月诉讼时效自2025年3月3日(周一)起算,即发送缴费通知单N1中断时效之日" \
           "(《民法典》第一百九十五条),于2028年3月3日(周五)24:00届满:时效进行中" in d.explanation.zh
