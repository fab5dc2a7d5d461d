"""Invariants of section 5, as hypothesis properties over generated accounts, months and
move-ins (`VK-FEE`, `VK-FEE-LIMIT`, `SQ-FEES`, `MI-4.3.1`, `MI-4.3.2`)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from decimal import Decimal
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.fees import (
    CATALOG,
    ActionKind,
    CollectionAction,
    FeeAccount,
    LimitationState,
    RungState,
    billing_status,
    collection_status,
    move_in_notices,
)
from propmgmt_rules.fees.strategies import billing_months, fee_accounts, instants, move_ins

RULE_ID = re.compile(r"[A-Z]{1,3}-[A-Z0-9.\-]*[A-Z0-9]")
FACT_ID = re.compile(r"[BPAKOSRNM]\d+")
HAN = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
LATIN = re.compile(r"[A-Za-z]")

SOME = settings(max_examples=60)


@SOME
@given(fee_accounts(), instants())
def test_vk_fee_applied_payments_sum_exactly_and_arrears_are_never_negative(
        account: FeeAccount, as_of: datetime) -> None:
    out = collection_status(account, as_of=as_of).outcome
    applied = sum((a.amount for b in out.bills for a in b.applied), Decimal(0))
    paid_by_then = sum((p.amount for p in account.payments if p.at <= as_of), Decimal(0))
    assert applied + out.credit == paid_by_then
    assert out.arrears >= 0
    assert out.credit >= 0
    for b in out.bills:
        assert 0 <= b.remaining <= b.amount
        assert b.paid + b.remaining == b.amount
        assert sum((a.amount for a in b.applied), Decimal(0)) == b.paid
    assert out.arrears == sum((b.remaining for b in out.bills if b.state.value == "arrears"),
                              Decimal(0))


@SOME
@given(fee_accounts(), instants(), instants(), st.sampled_from(list(ActionKind)),
       st.booleans())
def test_vk_fee_limit_a_recorded_demand_never_brings_an_expiry_earlier(
        account: FeeAccount, as_of: datetime, when: datetime, kind: ActionKind,
        naming: bool) -> None:
    names = tuple(b.id for b in account.bills[:2]) if naming and account.bills else None
    demand = CollectionAction(id="NEW", at=min(when, as_of), kind=kind, bills=names)
    more = account.model_copy(update={"actions": (*account.actions, demand)})
    before = {e.bill: e.expires for e in collection_status(account, as_of=as_of).outcome.expiries}
    after = {e.bill: e.expires for e in collection_status(more, as_of=as_of).outcome.expiries}
    assert set(before) == set(after)
    assert all(after[b] >= before[b] for b in before)


def _latest(account: FeeAccount) -> datetime | None:
    facts = [*account.payments, *account.actions, *account.acknowledgements]
    return max((f.at for f in facts), default=None)


@SOME
@given(fee_accounts(), instants(), st.integers(0, 3 * 365 * 24 * 60))
def test_vk_fee_due_actions_are_monotone_in_time(account: FeeAccount, t1: datetime,
                                                 minutes: int) -> None:
    latest = _latest(account)
    if latest is not None and latest > t1:
        t1 = latest  # the same facts at both instants
    t2 = t1 + timedelta(minutes=minutes)
    one = collection_status(account, as_of=t1).outcome
    two = collection_status(account, as_of=t2).outcome
    due = (RungState.DUE, RungState.OVERDUE)
    assert {r.action for r in one.rungs if r.state in due} <= \
        {r.action for r in two.rungs if r.state in due}
    assert {r.action for r in one.rungs if r.state is RungState.OVERDUE} <= \
        {r.action for r in two.rungs if r.state is RungState.OVERDUE}
    assert set(one.escalated_bills) <= set(two.escalated_bills)
    lapsed = {e.bill for e in one.expiries if e.state is LimitationState.EXPIRED}
    assert lapsed <= {e.bill for e in two.expiries if e.state is LimitationState.EXPIRED}


@SOME
@given(fee_accounts(), instants(), st.randoms(use_true_random=False))
def test_vk_fee_the_same_facts_in_any_order_give_the_same_decision(
        account: FeeAccount, as_of: datetime, rng: Random) -> None:
    def shuffled(items: tuple[object, ...]) -> tuple[object, ...]:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    other = FeeAccount(owner=account.owner, bills=shuffled(account.bills),  # type: ignore[arg-type]
                       payments=shuffled(account.payments),  # type: ignore[arg-type]
                       actions=shuffled(account.actions),  # type: ignore[arg-type]
                       acknowledgements=shuffled(account.acknowledgements))  # type: ignore[arg-type]
    one = collection_status(account, as_of=as_of)
    two = collection_status(other, as_of=as_of)
    assert one.outcome == two.outcome
    assert one.escalation == two.escalation
    assert one.explanation == two.explanation
    assert sorted(one.facts_used, key=repr) == sorted(two.facts_used, key=repr)
    assert sorted(one.facts_set_aside, key=repr) == sorted(two.facts_set_aside, key=repr)


def _check_languages(en: str, zh: str) -> None:
    assert not HAN.search(en), en
    stripped = FACT_ID.sub("", RULE_ID.sub("", zh))
    assert not LATIN.search(stripped), stripped


@SOME
@given(fee_accounts(), instants())
def test_vk_fee_every_fact_is_used_or_set_aside_and_the_texts_keep_to_their_language(
        account: FeeAccount, as_of: datetime) -> None:
    d = collection_status(account, as_of=as_of)
    traced = {f.fact for f in d.facts_used} | {f.fact for f in d.facts_set_aside}
    facts = ([f"bills[{b.id}]" for b in account.bills]
             + [f"payments[{p.id}]" for p in account.payments]
             + [f"actions[{a.id}]" for a in account.actions]
             + [f"acknowledgements[{k.id}]" for k in account.acknowledgements])
    assert set(facts) <= traced
    _check_languages(d.explanation.en, d.explanation.zh)
    if d.escalation is not None:
        _check_languages(d.escalation.reason.en, d.escalation.reason.zh)
    again = type(d).model_validate_json(d.to_json())
    assert again.to_json() == d.to_json()


@SOME
@given(billing_months(), instants())
def test_sq_fees_totals_add_up_to_the_cent_and_every_record_is_traced(month: object,
                                                                     as_of: datetime) -> None:
    d = billing_status(month, as_of=as_of, policy=CATALOG)  # type: ignore[arg-type]
    out = d.outcome
    assert sum((o.total for o in out.owners), Decimal(0)) == out.total
    assert sum(o.records for o in out.owners) == out.records
    traced = {f.fact for f in d.facts_used} | {f.fact for f in d.facts_set_aside}
    assert {f"records[{r.id}]" for r in month.records} <= traced  # type: ignore[attr-defined]
    _check_languages(d.explanation.en, d.explanation.zh)


@SOME
@given(move_ins(), instants(datetime(2024, 11, 1, tzinfo=CATALOG.work_calendar.tz),
                            500 * 24 * 60))
def test_mi_4_3_notices_are_traced_and_an_escalation_only_follows_the_reminder_day(
        unit: object, as_of: datetime) -> None:
    d = move_in_notices(unit, as_of=as_of, policy=CATALOG)  # type: ignore[arg-type]
    traced = {f.fact for f in d.facts_used} | {f.fact for f in d.facts_set_aside}
    assert {f"notices[{n.id}]" for n in unit.notices} <= traced  # type: ignore[attr-defined]
    if d.escalation is not None:
        assert d.outcome.reminder_due is not None
        assert as_of > d.outcome.reminder_due
        assert d.outcome.came_at is None
    _check_languages(d.explanation.en, d.explanation.zh)
