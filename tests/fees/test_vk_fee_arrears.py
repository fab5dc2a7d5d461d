"""`VK-FEE`: payments applied to the bills, oldest bill first by default (a policy setting);
arrears per bill after them; a payment beyond every bill is a credit."""

from __future__ import annotations

from decimal import Decimal

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.fees import VK, BillState, PaymentOrder, collection_status

from .helpers import account, at, bill, month_end, monthly, pay

AS_OF = at(2025, 6, 10, 12)


def _remaining(d: object) -> dict[str, Decimal]:
    return {b.bill: b.remaining for b in d.outcome.bills}  # type: ignore[attr-defined]


def test_vk_fee_payments_go_to_the_oldest_bill_first() -> None:
    acc = account(monthly(3), [pay("P1", at(2025, 3, 5), "150.00")])
    d = collection_status(acc, as_of=AS_OF)
    assert _remaining(d) == {"B01": Decimal("0.00"), "B02": Decimal("50.00"),
                             "B03": Decimal("100.00")}
    assert d.outcome.arrears == Decimal("150.00")
    assert d.outcome.oldest_unpaid == "B02"
    assert "VK-FEE" in d.decided_by


def test_vk_fee_the_facts_order_does_not_decide_which_bill_is_oldest() -> None:
    bills = monthly(3)
    acc = account(list(reversed(bills)), [pay("P1", at(2025, 3, 5), "150.00")])
    assert _remaining(collection_status(acc, as_of=AS_OF))["B01"] == Decimal("0.00")


def test_vk_fee_oldest_first_sets_a_designation_aside_naming_the_rule() -> None:
    acc = account(monthly(3), [pay("P1", at(2025, 4, 5), "100.00", "B03")])
    d = collection_status(acc, as_of=AS_OF)
    assert _remaining(d)["B01"] == Decimal("0.00")
    assert _remaining(d)["B03"] == Decimal("100.00")
    aside = {f.fact: f for f in d.facts_set_aside}
    assert aside["payments[P1].bills"].reason is SetAsideReason.DISABLED_BY_RULEBOOK
    assert aside["payments[P1].bills"].rule == "VK-FEE"


def test_vk_fee_a_policy_may_apply_designated_bills_first_then_the_oldest() -> None:
    policy = VK.derive(name="designated", collection={"payment_order": "designated_first"})
    assert policy.collection is not None
    assert policy.collection.payment_order is PaymentOrder.DESIGNATED_FIRST
    acc = account(monthly(3), [pay("P1", at(2025, 4, 5), "150.00", "B03")])
    d = collection_status(acc, as_of=AS_OF, policy=policy)
    assert _remaining(d) == {"B01": Decimal("50.00"), "B02": Decimal("100.00"),
                             "B03": Decimal("0.00")}
    assert not any(f.fact.endswith(".bills") for f in d.facts_set_aside)


def test_vk_fee_a_payment_beyond_every_bill_is_a_credit_and_arrears_are_never_negative() -> None:
    acc = account(monthly(2), [pay("P1", at(2025, 1, 5), "250.00")])
    d = collection_status(acc, as_of=AS_OF)
    assert d.outcome.arrears == Decimal("0.00")
    assert d.outcome.credit == Decimal("50.00")
    assert all(b.remaining >= 0 for b in d.outcome.bills)
    assert "A credit of 50.00 yuan" in d.explanation.en
    assert "多缴50.00元" in d.explanation.zh


def test_vk_fee_a_bill_is_in_arrears_only_after_24_00_of_its_last_day_to_pay() -> None:
    b = bill("B1", month_end(2025, 1))
    on_the_day = collection_status(account([b]), as_of=at(2025, 1, 31, 23, 59))
    assert on_the_day.outcome.bills[0].state is BillState.OPEN
    assert on_the_day.outcome.arrears == Decimal("0.00")
    assert on_the_day.outcome.not_yet_due == Decimal("100.00")
    at_24 = collection_status(account([b]), as_of=at(2025, 2, 1))
    assert at_24.outcome.bills[0].state is BillState.OPEN  # an action at x meets d iff x <= d
    after = collection_status(account([b]), as_of=at(2025, 2, 1, 0, 1))
    assert after.outcome.bills[0].state is BillState.ARREARS


def test_vk_fee_payments_after_the_instant_are_set_aside_not_applied() -> None:
    acc = account(monthly(2), [pay("P1", at(2025, 7, 1), "200.00")])
    d = collection_status(acc, as_of=AS_OF)
    assert d.outcome.arrears == Decimal("200.00")
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside["payments[P1]"] is SetAsideReason.AFTER_AS_OF


def test_vk_fee_applied_parts_of_each_payment_add_up_to_it_to_the_cent() -> None:
    acc = account(monthly(3, amount="33.33"), [pay("P1", at(2025, 2, 1), "50.01"),
                                                pay("P2", at(2025, 3, 1), "20.00")])
    d = collection_status(acc, as_of=AS_OF)
    parts: dict[str, Decimal] = {}
    for b in d.outcome.bills:
        for a in b.applied:
            parts[a.payment] = parts.get(a.payment, Decimal(0)) + a.amount
    assert parts == {"P1": Decimal("50.01"), "P2": Decimal("20.00")}
    assert d.outcome.arrears == Decimal("29.98")


def test_vk_fee_no_arrears_the_ladder_is_clear_and_the_limitation_not_applied() -> None:
    acc = account(monthly(1), [pay("P1", at(2025, 1, 20), "100.00")])
    d = collection_status(acc, as_of=AS_OF)
    assert {r.state.value for r in d.outcome.rungs} == {"clear"}
    assert d.outcome.expiries == ()
    assert [r.rule for r in d.not_applied] == ["VK-FEE-LIMIT"]
    assert d.decided_by == ("VK-FEE",)
