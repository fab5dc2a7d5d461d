"""Invariants of the complaint engine, as hypothesis properties (moderate example counts: the
machine is shared). Both presets, complaints with missing facts, histories in any order."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.complaints import (
    Complaint,
    ComplaintPolicy,
    evaluate_many,
    obligations,
    status,
)
from propmgmt_rules.errors import InputError as InputErrorLike
from propmgmt_rules.strategies import complaint_histories, complaints

from .factory import FEW, POLICIES, status_or_skip


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(c=complaints())
def test_every_deadline_is_at_or_after_receipt(policy: ComplaintPolicy, c: Complaint) -> None:
    for o in obligations(c, policy=policy).outcome.obligations:
        if o.due is not None:
            assert o.due >= c.received_at, o


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(c=complaints(requested_times=False), later=st.integers(0, 40 * 24 * 60))
def test_deadlines_are_monotone_in_receipt_time(policy: ComplaintPolicy, c: Complaint,
                                                later: int) -> None:
    c2 = c.model_copy(update={"received_at": c.received_at + timedelta(minutes=later)})
    first = {o.key: o.due for o in obligations(c, policy=policy).outcome.obligations}
    second = {o.key: o.due for o in obligations(c2, policy=policy).outcome.obligations}
    for kind, due in first.items():
        if due is not None and second.get(kind) is not None:
            assert due <= second[kind], kind


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(data=st.data(), c=complaints(), steps=st.lists(st.integers(0, 20 * 24 * 60),
                                                       min_size=2, max_size=4))
def test_a_breached_obligation_stays_breached_and_none_is_lost(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, steps: list[int]
) -> None:
    history = data.draw(complaint_histories(c))
    as_of = c.received_at
    before: dict[object, str] | None = None
    for step in sorted(steps):
        now = c.received_at + timedelta(minutes=step)
        assert now >= as_of
        as_of = now
        d = status_or_skip(c, history, as_of, policy)
        if d is None:
            return
        states = {o.key: o.state.value for o in d.outcome.obligations}
        if before is not None:
            assert set(before) <= set(states), "an obligation was lost"
            for kind, state in before.items():
                if state == "breached":
                    assert states[kind] == "breached", kind
        before = states


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(data=st.data(), c=complaints())
def test_status_lists_every_obligation_of_the_plan(policy: ComplaintPolicy,
                                                  data: st.DataObject, c: Complaint) -> None:
    history = data.draw(complaint_histories(c))
    planned = {o.key for o in obligations(c, policy=policy).outcome.obligations}
    d = status_or_skip(c, history, c.received_at + timedelta(days=50), policy)
    if d is not None:
        assert planned <= {o.key for o in d.outcome.obligations}


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(data=st.data(), c=complaints(), steps=st.lists(st.integers(0, 60 * 24 * 60),
                                                       min_size=2, max_size=4))
def test_severity_only_goes_up_over_time(policy: ComplaintPolicy, data: st.DataObject,
                                         c: Complaint, steps: list[int]) -> None:
    history = data.draw(complaint_histories(c, corrections=False))
    rank = 0
    for step in sorted(steps):
        d = status_or_skip(c, history, c.received_at + timedelta(minutes=step), policy)
        if d is None:
            return
        sev = d.outcome.severity
        now = sev.rank if sev is not None else 0
        assert now >= rank
        rank = now


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(data=st.data(), cs=st.lists(complaints(), min_size=1, max_size=4),
       later=st.integers(0, 50 * 24 * 60))
def test_the_bulk_path_decides_exactly_as_the_explained_one(
    policy: ComplaintPolicy, data: st.DataObject, cs: list[Complaint], later: int
) -> None:
    """The bulk path (a fast path on memos) decides as status() does: the whole decision,
    to the JSON, but for the explanation, which is the head line of status()'s."""
    batch = [(c, data.draw(complaint_histories(c))) for c in cs]
    as_of = max(c.received_at for c in cs) + timedelta(minutes=later)
    try:
        bulk = evaluate_many(batch, as_of=as_of, policy=policy)
        one_by_one = [status(c, h, as_of=as_of, policy=policy) for c, h in batch]
    except InputErrorLike:
        return
    for a, b in zip(bulk, one_by_one, strict=True):
        assert a.outcome == b.outcome
        for field in ("decided_by", "not_applied", "facts_used", "facts_set_aside",
                      "missing_facts", "provisional", "escalation"):
            assert getattr(a, field) == getattr(b, field), field
        assert a.explanation.en.splitlines()[0] in b.explanation.en
        assert a.model_dump(mode="json", exclude={"explanation"}) == \
            b.model_dump(mode="json", exclude={"explanation"})
        assert a.explanation.en in b.explanation.en.splitlines()
        assert a.explanation.zh in b.explanation.zh.splitlines()
