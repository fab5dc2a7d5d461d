"""Repair benchmarks (issue 5): the revisit planner, and revisit windows and statuses in bulk.

    python benchmarks/bench_repairs.py [--quick]

Targets: plan the revisits of 100,000 repairs completed in a month across 50 staff in under
2 s (quotas `OM-RV1`, coverage `SQ-RV`, windows `OM-RV2`); the revisit deadline and status
of 1,000,000 repairs at most 10 us each. Exit status 1 if a target is missed. ``--quick``
runs a tenth of the sizes (the targets are then scaled).
"""

from __future__ import annotations

import random
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from propmgmt_rules.repairs import (
    CATALOG,
    PROPERTY_OFFICE,
    CompletedRepair,
    RepairPolicy,
    StaffMember,
    plan_revisits,
    revisit_due,
    revisit_status,
)

SH = ZoneInfo("Asia/Shanghai")
MARCH = datetime(2025, 3, 1, tzinfo=SH)
CATEGORIES = ("safety", "leak", "other", "other", "other")


def _repairs(n: int, seed: int = 20250301) -> list[CompletedRepair]:
    rng = random.Random(seed)
    minutes = 31 * 24 * 60
    return [
        CompletedRepair.model_construct(
            id=f"R{i:07d}",
            completed_at=MARCH + timedelta(minutes=rng.randrange(minutes)),
            category=CATEGORIES[rng.randrange(len(CATEGORIES))],
            description="",
            repairer=None,
            request=None,
            redo_of=None,
        )
        for i in range(n)
    ]


def _staff(capacity: int) -> list[StaffMember]:
    """50 people: 5 office directors, 15 administrators, 30 repair leads, working days only
    (the policy's calendar: China's official calendar)."""
    plan = (("office_director", 5), ("administrator", 15), ("repair_lead", 30))
    return [
        StaffMember(id=f"{role}-{i:02d}", role=role, daily_capacity=capacity)
        for role, count in plan
        for i in range(count)
    ]


def _time(fn: object, rounds: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best, result


def main(quick: bool = False) -> int:
    n_plan = 10_000 if quick else 100_000
    n_status = 100_000 if quick else 1_000_000
    plan_target = 2.0 * n_plan / 100_000
    ok = True
    print("| benchmark | size | time | per item | target | met |")
    print("|---|---:|---:|---:|---:|---|")

    repairs = _repairs(n_plan)
    # capacity per person-day: enough for every quota with the director's 10% the tightest
    capacity = max(1, n_plan // 400)
    for policy, label in ((CATALOG, "catalog: quotas + 100% + windows"),
                          (PROPERTY_OFFICE, "property office: quotas + windows")):
        secs, decision = _time(lambda p=policy: plan_revisits(repairs, _staff(capacity), p))
        out = decision.outcome  # type: ignore[attr-defined]
        met = secs < plan_target and out.feasible
        ok &= met
        print(f"| plan revisits, {label} | {n_plan:,} repairs, 50 staff | {secs:.2f} s | "
              f"{secs / n_plan * 1e6:.1f} us | < {plan_target:.1f} s | "
              f"{'yes' if met else 'NO'} (feasible={out.feasible}, "
              f"revisits={len(out.revisits):,}) |")
    # an infeasible month: the directors are away for a week; the plan says by how much
    away = {MARCH.date() + timedelta(days=d) for d in range(10, 17)}
    short = [p.model_copy(update={"days_off": tuple(sorted(away))})
             if p.role == "office_director" else p for p in _staff(capacity // 3)]
    secs, decision = _time(lambda: plan_revisits(repairs, short, CATALOG), rounds=1)
    out = decision.outcome  # type: ignore[attr-defined]
    print(f"| plan revisits, infeasible (diagnosis) | {n_plan:,} repairs, 50 staff | "
          f"{secs:.2f} s | {secs / n_plan * 1e6:.1f} us | - | "
          f"{len(out.problems)} problem(s) named |")

    # windows and statuses in bulk
    rng = random.Random(7)
    as_of = datetime(2025, 3, 20, 12, tzinfo=SH)
    completed = [MARCH + timedelta(minutes=rng.randrange(31 * 24 * 60)) for _ in range(1000)]
    revisited = [None if i % 4 == 0 else c + timedelta(hours=rng.randrange(200))
                 for i, c in enumerate(completed)]
    cats = [CATEGORIES[i % len(CATEGORIES)] for i in range(1000)]
    policy: RepairPolicy = CATALOG

    def statuses() -> int:
        breached = 0
        for k in range(n_status):
            i = k % 1000
            st = revisit_status(completed[i], cats[i], revisited[i], as_of, policy)
            breached += st.state == "breached"
        return breached

    def dues() -> int:
        for k in range(n_status):
            i = k % 1000
            revisit_due(completed[i], cats[i], policy)
        return n_status

    for label, fn in (("revisit deadline (OM-RV2)", dues),
                      ("revisit deadline and status at an instant", statuses)):
        secs, _ = _time(fn, rounds=1)
        per = secs / n_status * 1e6
        met = per <= 10.0
        ok &= met
        print(f"| {label} | {n_status:,} repairs | {secs:.2f} s | {per:.2f} us | <= 10 us | "
              f"{'yes' if met else 'NO'} |")
    print(f"\n(plan: staff capacity {capacity} revisits per person-day)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv))
