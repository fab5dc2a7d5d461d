"""The revisit planner's flow solver (`OM-RV1`, `OM-RV2`, `SQ-RV`: the plan's revisits are laid
out from its flows) made faster in the second round of issue 12, against the solver as it was
(kept in ``_flow_before.py`` only for this): on random networks every edge carries the same
flow, and on random plans the planner lays out the same revisits, byte for byte."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from importlib import resources

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.repairs import CATALOG, NANJING, PROPERTY_OFFICE, RevisitRecord, planner
from propmgmt_rules.repairs._flow import FlowNetwork
from propmgmt_rules.repairs.cases import RepairCase
from propmgmt_rules.strategies import planning_instances

from . import _flow_before

_EDGES = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(0, 3),
                            st.integers(0, 9)), max_size=60)


def _both(n: int, edges: list[tuple[int, int, int, int]]
          ) -> tuple[FlowNetwork, _flow_before.FlowNetwork, list[int]]:
    new, old = FlowNetwork(n), _flow_before.FlowNetwork(n)
    handles = []
    for u, v, lo, extra in edges:
        u, v = u % n, v % n
        handles.append(new.add(u, v, lo, lo + extra))
        assert old.add(u, v, lo, lo + extra) == handles[-1]
    return new, old, handles


@settings(max_examples=400, deadline=None)
@given(st.integers(2, 12), _EDGES, st.booleans())
def test_om_rv1_flow_solver_finds_the_flows_the_solver_before_found(
        n: int, edges: list[tuple[int, int, int, int]], lower: bool) -> None:
    """Every edge's flow, the value and the residual network after ``min_flow`` (lower
    bounds) or ``max_flow`` (none) are those of the solver before this round."""
    if not lower:
        edges = [(u, v, 0, extra) for u, v, _, extra in edges]
    new, old, handles = _both(n, edges)
    s, t = 0, n - 1
    if lower:
        assert new.min_flow(s, t) == old.min_flow(s, t)
    else:
        assert new.max_flow(s, t) == old.max_flow(s, t)
        assert new.reachable(s) == old.reachable(s)
    assert [new.flow(e) for e in handles] == [old.flow(e) for e in handles]
    assert (new.to, new.cap, new.adj) == (old.to, old.cap, old.adj)


class _Before(_flow_before.FlowNetwork):
    """The solver before, its network built edge after edge (what ``of_edges`` says it
    builds at once)."""

    @classmethod
    def of_edges(cls, n: int, tails: list[int], heads: list[int], caps: list[int],
                 lows: dict[int, int]) -> _Before:
        net = cls(n)
        for i, (u, v, hi) in enumerate(zip(tails, heads, caps, strict=True)):
            lo = lows.get(2 * i, 0)
            assert net.add(u, v, lo, lo + hi) == 2 * i
        return net


def _plans_alike(monkeypatch: pytest.MonkeyPatch, *args: object, **kwargs: object) -> None:
    fast = planner.plan_revisits(*args, **kwargs)  # type: ignore[arg-type]
    with monkeypatch.context() as m:
        m.setattr(planner, "FlowNetwork", _Before)
        before = planner.plan_revisits(*args, **kwargs)  # type: ignore[arg-type]
    assert fast.to_json() == before.to_json()
    assert fast.explanation.en == before.explanation.en


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(planning_instances(max_repairs=9, max_staff=5, days=8), st.sampled_from(
    (CATALOG, PROPERTY_OFFICE, NANJING)), st.integers(0, 3))
def test_om_rv1_sq_rv_plans_lay_out_the_revisits_the_solver_before_laid_out(
        monkeypatch: pytest.MonkeyPatch, instance: tuple, policy: object,
        done_count: int) -> None:
    """`OM-RV1`, `SQ-RV`, `OM-RV2`: a plan (feasible or not, with revisits already made)
    is the same decision, JSON and explanation, with the solver before this round."""
    repairs, staff = instance
    done = [RevisitRecord(id=f"V{i}", repair=r.id, at=r.completed_at, by=p.id, role=p.role)
            for i, (r, p) in enumerate(zip(repairs[:done_count], staff, strict=False))]
    until = None if policy.categories else date(2025, 3, 12)  # type: ignore[attr-defined]
    _plans_alike(monkeypatch, repairs, staff, done, policy=policy, until=until)
    _plans_alike(monkeypatch, repairs, staff, policy=policy, start=date(2025, 3, 5),
                 until=until)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 12), _EDGES)
def test_om_rv1_a_network_built_at_once_is_the_network_built_edge_by_edge(
        n: int, edges: list[tuple[int, int, int, int]]) -> None:
    """The planner's network (`OM-RV1`, `SQ-RV`): ``of_edges`` gives the lists, handles and
    lower bounds that ``add`` gives edge after edge, and the same least flow."""
    edges = [(u % n, v % n, lo, extra) for u, v, lo, extra in edges]
    one = FlowNetwork(n)
    for u, v, lo, extra in edges:
        one.add(u, v, lo, lo + extra)
    lows = {2 * i: lo for i, (_, _, lo, _) in enumerate(edges) if lo}
    many = FlowNetwork.of_edges(n, [u for u, *_ in edges], [v for _, v, *_ in edges],
                                [extra for *_, extra in edges], lows)
    assert (one.to, one.cap, one.orig, one.adj, one.lo) == (many.to, many.cap, many.orig,
                                                            many.adj, many.lo)
    assert one.min_flow(0, n - 1) == many.min_flow(0, n - 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True), st.data())
def test_om_rv1_a_role_day_is_spread_over_its_people_as_before(caps: list[int],
                                                              data: st.DataObject) -> None:
    """`OM-RV1`: a role-day's revisits spread over its people (one person: all to them) as
    the water-filling spread them before."""
    people = [(f"p{i}", c) for i, c in enumerate(caps)]
    total = data.draw(st.integers(0, sum(caps)))
    got = planner._allot(total, people)
    assert sum(c for _, c in got) == total
    assert all(0 < c <= dict(people)[pid] for pid, c in got)
    if len(people) == 1:
        assert got == ([(people[0][0], total)] if total else [])
    else:  # the general rule: as even as the capacities allow, smallest first
        order = sorted(people, key=lambda p: (p[1], p[0]))
        left, want = total, {}
        for i, (pid, cap) in enumerate(order):
            want[pid] = min(cap, -(-left // (len(order) - i)))
            left -= want[pid]
        assert got == [(pid, want[pid]) for pid, _ in sorted(people) if want[pid]]


def _shifted(value: object, by: timedelta) -> object:
    if isinstance(value, dict):
        return {k: _shifted(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    if isinstance(value, str) and len(value) >= 16 and value[10:11] == "T":
        return (datetime.fromisoformat(value) + by).isoformat()
    return value


def test_om_rv1_sq_rv_the_bundled_plan_moved_1200_ways_is_planned_as_before(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`OM-RV1`, `SQ-RV`, `OM-RV2`: the bundled plan case, its instants moved by (37 i mod
    600) minutes for 1,200 values of i (the benchmark's plan lines), is planned as the solver
    before planned it: same revisits, same JSON."""
    folder = resources.files("propmgmt_rules").joinpath("examples", "repair")
    raws = [json.loads(f.read_text(encoding="utf-8")) for f in folder.iterdir()
            if f.name.endswith(".json")]
    plans = [r for r in raws if "plan" in r]
    assert plans
    seen: set[int] = set()
    for raw in plans:
        for i in range(1200):
            shift = (37 * i) % 600
            if shift in seen:
                continue
            seen.add(shift)
            case = RepairCase.model_validate(_shifted(raw, timedelta(minutes=shift)))
            assert case.plan is not None
            _plans_alike(monkeypatch, case.completed, case.plan.staff, case.revisits,
                         start=case.plan.start, until=case.plan.until,
                         policy=case.resolved_policy())
