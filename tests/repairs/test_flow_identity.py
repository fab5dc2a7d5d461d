"""The revisit planner's flow solver (`OM-RV1`, `OM-RV2`, `SQ-RV`: the plan's revisits are laid
out from its flows) made faster in the second round of issue 12, against the solver as it was
(kept in ``_flow_before.py`` only for this): on random networks every edge carries the same
flow, and on random plans the planner lays out the same revisits, byte for byte."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.repairs import CATALOG, NANJING, PROPERTY_OFFICE, RevisitRecord, planner
from propmgmt_rules.repairs._flow import FlowNetwork
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
