"""`VK-FEE`, the ladder: a notice every month, a phone reminder every two months, a visit every
quarter, a lawyer's letter every half year, a suit every year; each rung's first action falls
due one interval (`T-MONTHS`) after the oldest unpaid bill's due date, and again one interval
after the rung's last recorded action, while any arrears remain."""

from __future__ import annotations

from datetime import date

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.fees import VK, RungState, collection_status

from .helpers import account, act, at, bill, monthly, pay


def _rungs(d: object) -> dict[str, tuple[date | None, RungState]]:
    return {r.action.value: (r.falls_due_on, r.state)  # type: ignore[attr-defined]
            for r in d.outcome.rungs}  # type: ignore[attr-defined]


def test_vk_fee_first_actions_fall_due_one_interval_after_the_oldest_unpaid_due_date() -> None:
    d = collection_status(account([bill("B1", date(2025, 1, 31))]), as_of=at(2025, 2, 10))
    got = {k: v[0] for k, v in _rungs(d).items()}
    assert got == {
        "notice": date(2025, 2, 28),  # one month after 31 Jan, clipped to February's end
        "phone": date(2025, 3, 31),
        "visit": date(2025, 4, 30),
        "lawyer_letter": date(2025, 7, 31),
        "suit": date(2026, 1, 31),
    }
    assert {v[1] for v in _rungs(d).values()} == {RungState.NOT_DUE}
    assert "T-MONTHS" in d.decided_by


def test_vk_fee_a_rung_is_due_on_its_day_and_overdue_after_24_00() -> None:
    acc = account([bill("B1", date(2025, 1, 31))])
    assert _rungs(collection_status(acc, as_of=at(2025, 2, 28)))["notice"][1] is RungState.DUE
    assert _rungs(collection_status(acc, as_of=at(2025, 2, 28, 23, 59)))["notice"][1] \
        is RungState.DUE
    assert _rungs(collection_status(acc, as_of=at(2025, 3, 1)))["notice"][1] is RungState.DUE
    assert _rungs(collection_status(acc, as_of=at(2025, 3, 1, 0, 1)))["notice"][1] \
        is RungState.OVERDUE
    assert _rungs(collection_status(acc, as_of=at(2025, 2, 27, 23)))["notice"][1] \
        is RungState.NOT_DUE


def test_vk_fee_the_next_action_falls_due_one_interval_after_the_rungs_last_action() -> None:
    acc = account([bill("B1", date(2025, 1, 31))], actions=[
        act("N1", at(2025, 2, 20, 10), "notice"), act("N2", at(2025, 3, 18, 9), "notice"),
        act("T1", at(2025, 3, 2, 15), "phone")])
    d = collection_status(acc, as_of=at(2025, 3, 25))
    rungs = _rungs(d)
    assert rungs["notice"] == (date(2025, 4, 18), RungState.DONE)
    assert rungs["phone"] == (date(2025, 5, 2), RungState.DONE)
    assert rungs["visit"] == (date(2025, 4, 30), RungState.NOT_DUE)
    last = {r.action.value: r.last_action for r in d.outcome.rungs}
    assert last["notice"] == "N2"
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside["actions[N1]"] is SetAsideReason.SUPERSEDED


def test_vk_fee_an_action_before_the_arrears_began_chases_nothing() -> None:
    acc = account([bill("B1", date(2025, 1, 31))], actions=[act("N0", at(2025, 1, 20), "notice")])
    d = collection_status(acc, as_of=at(2025, 2, 10))
    assert _rungs(d)["notice"] == (date(2025, 2, 28), RungState.NOT_DUE)
    aside = {f.fact: f for f in d.facts_set_aside}
    assert aside["actions[N0]"].reason is SetAsideReason.NOT_RELEVANT
    assert aside["actions[N0]"].rule == "VK-FEE"


def test_vk_fee_once_the_oldest_bill_is_paid_the_next_unpaid_one_anchors_the_ladder() -> None:
    acc = account(monthly(3), [pay("P1", at(2025, 3, 10), "100.00")])
    d = collection_status(acc, as_of=at(2025, 3, 20))
    assert d.outcome.oldest_unpaid == "B02"
    assert _rungs(d)["notice"][0] == date(2025, 3, 28)  # 28 Feb + 1 month


def test_vk_fee_a_policy_without_a_rung_sets_its_actions_aside_from_the_ladder() -> None:
    assert VK.collection is not None
    no_letters = VK.derive(name="no-letters", collection={
        "rungs": [r.model_dump() for r in VK.collection.rungs
                  if r.action.value != "lawyer_letter"]})
    acc = account([bill("B1", date(2025, 1, 31))], actions=[
        act("L1", at(2025, 2, 5), "lawyer_letter"), act("N1", at(2025, 2, 6), "notice")])
    d = collection_status(acc, as_of=at(2025, 2, 10), policy=no_letters)
    assert "lawyer_letter" not in _rungs(d)
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside["actions[L1]"] is SetAsideReason.DISABLED_BY_RULEBOOK


def test_vk_fee_the_explanation_names_each_rung_and_its_next_day_in_both_languages() -> None:
    d = collection_status(account([bill("B1", date(2025, 1, 31))]), as_of=at(2025, 3, 5))
    assert "Payment notice every 1 month: none yet in these arrears; the next falls due on " \
           "Fri 28 Feb 2025 (by 24:00): overdue (VK-FEE, T-MONTHS)." in d.explanation.en
    assert "每1个月发送缴费通知单:本次欠费以来尚未进行;下次应于2025年2月28日(周五)24:00前完成:" \
           "已逾期(VK-FEE,T-MONTHS)。" in d.explanation.zh
