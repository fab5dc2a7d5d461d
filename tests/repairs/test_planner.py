"""The revisit planner against `OM-RV1` (quotas), `OM-RV2` (windows) and `SQ-RV` (100%),
checked against brute force on small inputs."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules import InputError
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    CompletedRepair,
    RepairPolicy,
    StaffMember,
    plan_revisits,
)
from propmgmt_rules.strategies import planning_instances

from .helpers import SH, at, repair

MONDAY = date(2025, 3, 3)
WINDOW_DAYS = {"safety": 2, "leak": 3, "other": 7}  # OM-RV2, read from the catalog


def _window(r: CompletedRepair) -> tuple[date, date]:
    """OM-RV2 with T-DAYS, independently of the library: the completion's local date to the
    n-th day after it."""
    first = r.completed_at.astimezone(SH).date()
    return first, first + timedelta(days=WINDOW_DAYS[r.category])


def _slots(staff: Sequence[StaffMember], role: str) -> list[tuple[str, date]]:
    return [(p.id, d) for p in staff if p.role == role for d in (p.days or ())
            if d not in p.days_off for _ in range(p.daily_capacity)]


def _schedulable(idx: Sequence[int], windows: list[tuple[date, date]],
                 slots: list[tuple[str, date]]) -> bool:
    """Can every repair in ``idx`` get its own slot within its window? (Kuhn's matching.)"""
    match: list[int] = [-1] * len(slots)

    def augment(i: int, seen: set[int]) -> bool:
        for s, (_, d) in enumerate(slots):
            if s in seen or not windows[i][0] <= d <= windows[i][1]:
                continue
            seen.add(s)
            if match[s] == -1 or augment(match[s], seen):
                match[s] = i
                return True
        return False

    return all(augment(i, set()) for i in idx)


def brute_force(repairs: list[CompletedRepair], staff: list[StaffMember],
                need: dict[str, int], cover: int,
                done: frozenset[tuple[int, str]] = frozenset()) -> bool:
    """Whether any assignment meets the role requirements and the coverage: every choice of
    roles per repair (keeping the revisits already ``done``), each role's new revisits
    matched to distinct person-day slots."""
    windows = [_window(r) for r in repairs]
    roles = sorted({p.role for p in staff} | set(need) | {r for _, r in done})
    slots = {role: _slots(staff, role) for role in roles}
    cache: dict[tuple[str, frozenset[int]], bool] = {}
    subsets = list(itertools.chain.from_iterable(
        itertools.combinations(roles, k) for k in range(len(roles) + 1)))
    options = [[c for c in subsets if {r for j, r in done if j == i} <= set(c)]
               for i in range(len(repairs))]
    for choice in itertools.product(*options):
        if sum(1 for c in choice if c) < cover:
            continue
        if any(sum(1 for c in choice if r in c) < q for r, q in need.items()):
            continue
        ok = True
        for role in roles:
            new = frozenset(i for i, c in enumerate(choice) if role in c and (i, role) not in done)
            key = (role, new)
            if key not in cache:
                cache[key] = _schedulable(sorted(new), windows, slots[role])
            if not cache[key]:
                ok = False
                break
        if ok:
            return True
    return False


def _required(policy: RepairPolicy, n: int) -> tuple[dict[str, int], int]:
    need = {q.role: -((-q.minimum.numerator * n) // q.minimum.denominator)
            for q in policy.quotas}
    cover = 0
    if policy.coverage is not None:
        c = policy.coverage
        cover = -((-c.numerator * n) // c.denominator)
    return need, cover


def check_plan_is_valid(repairs: list[CompletedRepair], staff: list[StaffMember],
                        policy: RepairPolicy, plan: object,
                        done: frozenset[tuple[str, str]] = frozenset()) -> None:
    from propmgmt_rules.repairs.models import RevisitPlanOutcome

    assert isinstance(plan, RevisitPlanOutcome)
    windows = {r.id: _window(r) for r in repairs}
    people = {p.id: p for p in staff}
    load: Counter[tuple[str, date]] = Counter()
    seen: set[tuple[str, str]] = set(done)
    for v in plan.revisits:
        first, last = windows[v.repair]
        assert first <= v.day <= last, "OM-RV2: a revisit outside its repair's window"
        p = people[v.person]
        assert p.role == v.role
        assert v.day in (p.days or ())
        assert v.day not in p.days_off
        load[(p.id, v.day)] += 1
        assert load[(p.id, v.day)] <= p.daily_capacity
        assert (v.repair, v.role) not in seen, "one revisit per repair and role"
        seen.add((v.repair, v.role))
    per_role = Counter(v.role for v in plan.revisits)
    assert dict(plan.planned_per_role) == {r: per_role.get(r, 0)
                                          for r, _ in plan.planned_per_role}
    assert plan.covered == len({rid for rid, _ in seen})
    if plan.feasible:
        need, cover = _required(policy, len(repairs))
        total = Counter(role for _, role in seen)
        for role, q in need.items():
            assert total.get(role, 0) >= q, f"OM-RV1: {role} below its quota"
        assert plan.covered >= cover, "SQ-RV: coverage not met"


POLICIES = [PROPERTY_OFFICE, CATALOG]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planning_instances(), st.sampled_from(POLICIES))
def test_planner_feasible_exactly_when_brute_force_finds_an_assignment(
    instance: tuple[list[CompletedRepair], list[StaffMember]], policy: RepairPolicy
) -> None:
    repairs, staff = instance
    plan = plan_revisits(repairs, staff, policy=policy).outcome
    need, cover = _required(policy, len(repairs))
    assert plan.feasible == brute_force(repairs, staff, need, cover)
    check_plan_is_valid(repairs, staff, policy, plan)
    if not plan.feasible:
        assert plan.problems, "an infeasible plan says what cannot be met"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planning_instances(max_repairs=3), st.sampled_from(POLICIES))
def test_planner_says_exactly_what_cannot_be_met_and_its_best(
    instance: tuple[list[CompletedRepair], list[StaffMember]], policy: RepairPolicy
) -> None:
    repairs, staff = instance
    plan = plan_revisits(repairs, staff, policy=policy).outcome
    need, cover = _required(policy, len(repairs))
    failing = set()
    for p in plan.problems:
        if p.kind == "quota":
            assert p.role is not None
            failing.add(p.role)
            assert not brute_force(repairs, staff, {p.role: need[p.role]}, 0)
            assert brute_force(repairs, staff, {p.role: p.achievable}, 0)
            assert not brute_force(repairs, staff, {p.role: p.achievable + 1}, 0)
        elif p.kind == "coverage":
            failing.add("(coverage)")
            assert not brute_force(repairs, staff, {}, cover)
            assert brute_force(repairs, staff, {}, p.achievable)
    # every requirement not reported can be met, and together with the others
    for role, q in need.items():
        if role not in failing:
            assert dict(plan.planned_per_role)[role] >= q
    if "(coverage)" not in failing:
        assert plan.covered >= cover


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(planning_instances(max_repairs=3), st.sampled_from(POLICIES), st.data())
def test_planner_with_revisits_already_made_matches_brute_force(
    instance: tuple[list[CompletedRepair], list[StaffMember]], policy: RepairPolicy,
    data: st.DataObject,
) -> None:
    from propmgmt_rules.repairs import RevisitRecord

    repairs, staff = instance
    roles = ("office_director", "administrator", "repair_lead")
    pairs = data.draw(st.sets(st.tuples(st.integers(0, max(0, len(repairs) - 1)),
                                        st.sampled_from(roles)), max_size=4)) if repairs else set()
    done = [RevisitRecord(id=f"V{i}-{r}", repair=repairs[i].id, role=r, by="someone",
                          at=repairs[i].completed_at + timedelta(hours=1)) for i, r in pairs]
    plan = plan_revisits(repairs, staff, policy=policy, done=done).outcome
    need, cover = _required(policy, len(repairs))
    assert plan.feasible == brute_force(repairs, staff, need, cover, frozenset(pairs))
    check_plan_is_valid(repairs, staff, policy, plan, frozenset(
        (repairs[i].id, r) for i, r in pairs))


@settings(max_examples=60, deadline=None)
@given(planning_instances(roles=("customer_service",)))
def test_planner_nanjing_plan_revisits_every_repair_when_it_can(
    instance: tuple[list[CompletedRepair], list[StaffMember]],
) -> None:
    repairs, staff = instance
    until = MONDAY + timedelta(days=4 + 7)
    plan = plan_revisits(repairs, staff, policy=NANJING, until=until).outcome
    assert plan.coverage_required == len(repairs)
    if plan.feasible:
        assert plan.covered == len(repairs)


def _staff(role: str, n: int, cap: int, days: int = 14, prefix: str = "") -> list[StaffMember]:
    return [StaffMember(id=f"{prefix or role}{i}", role=role, daily_capacity=cap,
                        days=tuple(MONDAY + timedelta(days=k) for k in range(days)))
            for i in range(n)]


def _ten_repairs(category: str = "other") -> list[CompletedRepair]:
    return [repair(f"R{i}", at(3, 3, 9) + timedelta(hours=i), category) for i in range(10)]


def test_om_rv1_plan_for_ten_repairs_gives_the_director_1_administrators_3_lead_6() -> None:
    staff = (_staff("office_director", 1, 2) + _staff("administrator", 2, 2)
             + _staff("repair_lead", 1, 5))
    d = plan_revisits(_ten_repairs(), staff, policy=PROPERTY_OFFICE)
    assert d.outcome.feasible
    assert d.outcome.planned_per_role == (("office_director", 1), ("administrator", 3),
                                          ("repair_lead", 6))
    assert d.outcome.covered == 10  # the quotas sum to 100%: one revisit per repair
    check_plan_is_valid(_ten_repairs(), staff, PROPERTY_OFFICE, d.outcome)
    assert d.decided_by == ("OM-RV1", "OM-RV2")


def test_planner_is_deterministic_whatever_the_input_order() -> None:
    staff = (_staff("office_director", 1, 2) + _staff("administrator", 2, 2)
             + _staff("repair_lead", 2, 3))
    reps = _ten_repairs()
    a = plan_revisits(reps, staff, policy=CATALOG).outcome
    b = plan_revisits(list(reversed(reps)), list(reversed(staff)), policy=CATALOG).outcome
    assert a == b


def test_om_rv2_a_safety_repair_completed_friday_cannot_be_revisited_by_weekday_staff() -> None:
    # window Friday 7 March to Sunday 9 March; staff available Monday 10 March onwards only
    reps = [repair("R1", at(3, 7, 18), "safety")]
    staff = [StaffMember(id="刘工", role="repair_lead", daily_capacity=5,
                         days=(date(2025, 3, 10), date(2025, 3, 11)))]
    d = plan_revisits(reps, staff, policy=NANJING.model_copy(
        update={"categories": CATALOG.categories}))
    assert not d.outcome.feasible
    kinds = {p.kind: p for p in d.outcome.problems}
    assert kinds["window"].repairs == ("R1",)
    assert kinds["window"].days == (date(2025, 3, 7), date(2025, 3, 9))
    assert kinds["coverage"].shortfall == 1
    assert kinds["coverage"].repairs == ("R1",)


def test_om_rv1_director_alone_cannot_make_his_quota_and_says_by_how_much() -> None:
    # 30 repairs, director needs 3 revisits, but can make 1 a day on one day only
    reps = [repair(f"R{i}", at(3, 3, 9) + timedelta(minutes=i)) for i in range(30)]
    director = StaffMember(id="张主任", role="office_director", daily_capacity=1, days=(MONDAY,))
    staff = [director, *_staff("administrator", 2, 5), *_staff("repair_lead", 3, 5)]
    d = plan_revisits(reps, staff, policy=PROPERTY_OFFICE)
    assert not d.outcome.feasible
    (p,) = [p for p in d.outcome.problems if p.kind == "quota"]
    assert (p.role, p.required, p.achievable, p.shortfall) == ("office_director", 3, 1, 2)
    assert ("Office director: 3 revisits required (OM-RV1); its people can make at most 1 "
            "within the repairs' windows (OM-RV2), short by 2.") in d.explanation.en.splitlines()
    assert "管理处主任:须回访3项(OM-RV1);该岗位人员在回访期限内(OM-RV2)至多回访1项,差2项。" in \
        d.explanation.zh.splitlines()
    # everything else is still met in the best plan
    assert dict(d.outcome.planned_per_role)["administrator"] == 9
    assert dict(d.outcome.planned_per_role)["repair_lead"] == 18


def test_planner_start_day_removes_past_days() -> None:
    reps = [repair("R1", at(3, 3, 9), "safety")]  # window 3..5 March
    staff = _staff("repair_lead", 1, 1) + _staff("office_director", 1, 1) + _staff(
        "administrator", 1, 1)
    ok = plan_revisits(reps, staff, policy=CATALOG, start=date(2025, 3, 5)).outcome
    assert ok.feasible
    assert all(v.day == date(2025, 3, 5) for v in ok.revisits)
    late = plan_revisits(reps, staff, policy=CATALOG, start=date(2025, 3, 6)).outcome
    assert not late.feasible


def test_planner_without_windows_needs_until() -> None:
    with pytest.raises(InputError) as err:
        plan_revisits(_ten_repairs(), _staff("customer_service", 1, 10), policy=NANJING)
    assert err.value.field == "until"


def test_planner_refuses_duplicate_ids() -> None:
    reps = [repair("R1"), repair("R1")]
    with pytest.raises(InputError, match="unique"):
        plan_revisits(reps, [], policy=CATALOG)


def test_planner_with_no_repairs_is_trivially_feasible() -> None:
    d = plan_revisits([], [], policy=CATALOG)
    assert d.outcome.feasible
    assert d.outcome.revisits == ()


def test_planner_spreads_a_role_day_over_its_people() -> None:
    reps = [repair(f"R{i}", at(3, 3, 9), "safety") for i in range(6)]
    staff = [StaffMember(id=f"P{i}", role="customer_service", daily_capacity=3,
                         days=(MONDAY,)) for i in range(3)]
    plan = plan_revisits(reps, staff, policy=NANJING.model_copy(
        update={"categories": CATALOG.categories})).outcome
    assert plan.feasible
    assert Counter(v.person for v in plan.revisits) == {"P0": 2, "P1": 2, "P2": 2}


def test_planner_decision_serialises() -> None:
    from propmgmt_rules.repairs import RevisitPlanDecision

    staff = (_staff("office_director", 1, 2) + _staff("administrator", 2, 2)
             + _staff("repair_lead", 1, 5))
    d = plan_revisits(_ten_repairs(), staff, policy=CATALOG)
    assert RevisitPlanDecision.model_validate_json(d.to_json()) == d



def test_om_rv1_plan_counts_the_revisits_already_made() -> None:
    from propmgmt_rules.repairs import RevisitRecord

    reps = _ten_repairs()
    done = [RevisitRecord(id="V0", repair="R0", at=at(3, 4, 10), by="张主任",
                          role="office_director"),
            RevisitRecord(id="V1", repair="R1", at=at(3, 4, 11), by="刘工", role="repair_lead")]
    staff = (_staff("office_director", 1, 2) + _staff("administrator", 2, 2)
             + _staff("repair_lead", 1, 5))
    plan = plan_revisits(reps, staff, policy=PROPERTY_OFFICE, done=done).outcome
    assert plan.feasible
    # the director's 1 of 10 is done; the lead needs 5 more; the administrators 3
    assert plan.done_per_role == (("office_director", 1), ("administrator", 0),
                                  ("repair_lead", 1))
    assert plan.planned_per_role == (("office_director", 0), ("administrator", 3),
                                     ("repair_lead", 5))
    assert plan.covered == 10
    assert not any(v.repair in {"R0", "R1"} for v in plan.revisits)


def test_om_rv2_a_window_that_ended_before_the_plan_starts_is_named() -> None:
    reps = [repair("R1", at(3, 3, 9), "safety")]  # window 3..5 March
    plan = plan_revisits(reps, _staff("repair_lead", 1, 1), policy=CATALOG,
                         start=date(2025, 3, 10)).outcome
    (window,) = [p for p in plan.problems if p.kind == "window"]
    assert window.repairs == ("R1",)
    assert "ended on Wed 5 Mar, before the first day of the plan Mon 10 Mar" in window.text
    assert "已于3月5日(周三)届满" in window.text_zh
