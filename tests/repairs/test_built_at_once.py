"""Window decisions and record checks built by the core's one builder with their records given
at once (issue 12, fifth round), not through a trace: the rules, facts used, facts set aside
and missing facts are those a trace kept, in the same order; the rules of a window's category
remembered per category object are the rules worked out afresh."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.decision import FactUsed, MissingFact, RuleNotApplied, SetAsideReason
from propmgmt_rules.repairs import (
    CATALOG,
    CompletedRepair,
    RevisitCategory,
    RevisitRecord,
    check_record,
    revisit_window,
    revisits,
)
from propmgmt_rules.repairs.models import RecordItem
from propmgmt_rules.strategies import completed_repairs
from propmgmt_rules.trace import Trace

from .helpers import COMPANY, MINE, at, repair


@settings(max_examples=80, deadline=None)
@given(completed_repairs(CATALOG), st.sampled_from(["safety", "leak", "other", "mine"]),
       st.lists(st.integers(-3 * 24 * 60, 10 * 24 * 60), max_size=4),
       st.one_of(st.none(), st.integers(0, 12 * 24 * 60)))
def test_om_rv2_a_window_decisions_records_are_those_a_trace_keeps(
        rep: CompletedRepair, category: str, after: list[int], asked: int | None) -> None:
    """`OM-RV2`: the rules (the window's and `T-DAYS` when the week cut it, each once), the
    facts used (the completion, the category, the first revisit that counts) and the
    revisits set aside (before the completion, after ``as_of``, not the first) with their
    reasons: as a trace keeps them (:func:`revisits.first_revisit` with a trace)."""
    rep = rep.model_copy(update={"category": category})
    visits = revisits.revisit_order(
        RevisitRecord(id=f"V{i}", repair=rep.id, at=rep.completed_at + timedelta(minutes=m),
                      by="王", role="administrator") for i, m in enumerate(after))
    as_of = None if asked is None else rep.completed_at + timedelta(minutes=asked)
    d = revisit_window(rep, visits, as_of=as_of, policy=COMPANY)
    tr = Trace()
    first = revisits.first_revisit(rep, visits, as_of, tr)
    tr.use(f"completed[{rep.id}].completed_at", "OM-RV2")
    tr.use(f"completed[{rep.id}].category", "OM-RV2")
    if first is not None:
        tr.use(f"revisits[{first.id}]", "OM-RV2")
    tr.rule("OM-RV2", COMPANY.category(category).window.rule_id)
    if d.outcome.capped_at_one_week:
        tr.rule("T-DAYS")
    assert d.decided_by == tr.decided_by
    assert d.facts_used == tuple(tr.used)
    assert d.facts_set_aside == tuple(tr.aside)
    assert d.outcome.revisited_at == (first.at if first is not None else None)
    assert (d.not_applied, d.missing_facts) == ((), ())


def test_om_rv2_revisits_set_aside_name_their_reasons_in_order() -> None:
    """`OM-RV2`: a revisit before the completion, the first one, a second one, one after
    ``as_of``: set aside as outside the window, not first, after as_of."""
    rep = repair(when=at(3, 7, 12), category="other")
    t = rep.completed_at
    visits = [RevisitRecord(id=f"V{i}", repair="R1", at=t + timedelta(hours=h), by="王",
                            role="administrator") for i, h in enumerate((-1, 2, 3, 30))]
    d = revisit_window(rep, visits, as_of=t + timedelta(hours=10), policy=CATALOG)
    assert [(f.fact, f.reason) for f in d.facts_set_aside] == [
        ("revisits[V0]", SetAsideReason.OUTSIDE_WINDOW),
        ("revisits[V2]", SetAsideReason.NOT_FIRST),
        ("revisits[V3]", SetAsideReason.AFTER_AS_OF)]
    assert d.facts_used[-1] == FactUsed("revisits[V1]", "OM-RV2")


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([*CATALOG.categories, MINE]), st.booleans())
def test_om_rv2_the_rules_of_a_category_kept_are_the_rules_worked_out_afresh(
        cat: RevisitCategory, capped: bool) -> None:
    """`OM-RV2`: the rules a window of category ``cat`` cites, remembered per category
    object, are those worked out again after the memo is emptied (and `OM-RV2` first, the
    window's rule, `T-DAYS` when cut at one week, each once)."""
    kept = revisits._decided_by(cat, capped)
    again = revisits._decided_by(cat, capped)
    revisits._DECIDED.clear()
    fresh = revisits._decided_by(cat, capped)
    want = tuple(dict.fromkeys(("OM-RV2", cat.window.rule_id, *(("T-DAYS",) if capped else ()))))
    assert kept == again == fresh == want


@settings(max_examples=60, deadline=None)
@given(st.lists(st.booleans(), min_size=5, max_size=5), st.booleans())
def test_om_rv3_a_record_checks_records_are_those_a_trace_keeps(
        given_items: list[bool], applies: bool) -> None:
    """`OM-RV3`: the items given are facts used, the others missing facts with their
    question, in the items' order; a policy without `OM-RV3` names it not applying and
    decides nothing."""
    fields = {i.value: ("有" if g else None) for i, g in zip(RecordItem, given_items, strict=True)}
    rec = RevisitRecord(id="V9", repair="R1", by="王", role="administrator",
                        at=at(3, 7, 12), **fields)
    policy = CATALOG if applies else CATALOG.model_copy(update={"record_items": False})
    d = check_record(rec, policy=policy)
    if not applies:
        assert d.decided_by == ()
        assert d.not_applied == (RuleNotApplied("OM-RV3", f"not part of policy {policy.name!r}"),)
        assert (d.facts_used, d.missing_facts) == ((), ())
        assert d.explanation.en == f"OM-RV3 is not part of policy {policy.name!r}."
        return
    assert d.decided_by == ("OM-RV3",)
    assert d.not_applied == ()
    assert d.facts_used == tuple(FactUsed(f"revisits[V9].{i.value}", "OM-RV3")
                                 for i, g in zip(RecordItem, given_items, strict=True) if g)
    assert [m.field for m in d.missing_facts] == [
        f"revisits[V9].{i.value}" for i, g in zip(RecordItem, given_items, strict=True)
        if not g]
    assert all(type(m) is MissingFact and m.needed_by == "OM-RV3" for m in d.missing_facts)


@settings(max_examples=30, deadline=None)
@given(st.booleans(), st.booleans(), st.booleans(), st.booleans())
def test_a_plans_records_are_those_its_trace_kept(windows: bool, quotas: bool, coverage: bool,
                                                  staffed: bool) -> None:
    """A plan's records (issue 12): the rules that decide, the rules not part of the policy
    (in the order OM-RV1, SQ-RV, OM-RV2), the facts used and the missing staff, as its trace
    kept them."""
    from fractions import Fraction

    from propmgmt_rules.repairs import StaffMember, plan_revisits

    if not quotas and not coverage:
        coverage = True  # a policy with neither has nothing to plan
    policy = CATALOG.model_copy(update={
        "categories": CATALOG.categories if windows else (),
        "quotas": CATALOG.quotas if quotas else (),
        "coverage": Fraction(1) if coverage else None,
        "name": "p"})
    reps = [repair(f"R{i}", at(3, 3, 9 + i), "other") for i in range(3)]
    staff = [StaffMember(id="刘工", role="repair_lead", daily_capacity=3)] if staffed else []
    d = plan_revisits(reps, staff, policy=policy, until=None if windows else at(3, 20).date())
    tr = Trace()
    tr.use("repairs", "OM-RV2" if windows else "SQ-RV")
    tr.use("staff", "OM-RV1" if quotas else "SQ-RV")
    if not quotas:
        tr.not_applying("OM-RV1", "not part of policy 'p'")
    if not coverage:
        tr.not_applying("SQ-RV", "not part of policy 'p'")
    if not windows:
        tr.not_applying("OM-RV2", "not part of policy 'p'; windows end on 2025-03-20")
    for rule, on in (("OM-RV1", quotas), ("SQ-RV", coverage), ("OM-RV2", windows)):
        if on:
            tr.rule(rule)
    if not staffed:
        tr.missing("staff", tr.decided_by[0], "Who can revisit, and when?")
    assert d.decided_by == tr.decided_by
    assert d.not_applied == tuple(tr.not_applied)
    assert d.facts_used == tuple(tr.used)
    assert d.missing_facts == tuple(tr.missing_facts)
    assert d.facts_set_aside == ()
    assert d.explanation.en.startswith("3 completed repairs to revisit under policy 'p'")
