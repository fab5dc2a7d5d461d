"""Repair benchmarks (issues 5 and 12): the revisit planner, revisit windows and statuses in
bulk, explained decisions against their bare answers, and the command line's JSON Lines job
against pydantic's own JSON round trip of the same documents.

    python benchmarks/bench_repairs.py [--quick] [--only plan,bulk,explain,job]

Targets: plan the revisits of 100,000 repairs completed in a month across 50 staff in under
2 s (quotas `OM-RV1`, coverage `SQ-RV`, windows `OM-RV2`); the revisit deadline and status
of 1,000,000 repairs at most 10 us each; an explained decision (its English and Chinese
text read) at most 3x its bare answer (the same decision, outcome read); the ``repair`` JSON
Lines job at most 3x pydantic's round trip (``model_validate_json`` of each case and
``model_dump_json`` of each decision), streaming with memory flat in the number of lines.
Exit status 1 if a target is missed. ``--quick`` runs a tenth of the sizes (the targets are
then scaled).

The documents of the explained and JSON Lines rows are the bundled example cases (intake,
appointments, windows, records, rectification, handover, quotas and a plan), each copy with
its own id and its instants moved by a few minutes to a few hours (so no two lines are the
same); the plan cases are also reported apart, a flow solved per case.
"""

from __future__ import annotations

import gc
import io
import json
import random
import re
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from propmgmt_rules import cli
from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.decision import Decision
from propmgmt_rules.repairs import (
    CATALOG,
    PROPERTY_OFFICE,
    CompletedRepair,
    RepairPolicy,
    StaffMember,
    appointment,
    check_record,
    handover,
    intake,
    plan_revisits,
    quota_check,
    rectification,
    revisit_due,
    revisit_status,
    revisit_window,
    status,
)
from propmgmt_rules.repairs.cases import RepairCase, evaluate

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


_clock = time.process_time
"""The side-by-side ratios (explained / bare, job / round trip) are taken in the process's CPU
time: on a shared machine, time spent waiting for the CPU is not the code's."""


def _time(fn: Callable[[], object], rounds: int = 3) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


# -- the documents: the bundled example cases, moved in time ----------------------------------

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$")


def _shifted(value: Any, by: timedelta) -> Any:
    if isinstance(value, dict):
        return {k: _shifted(v, by) for k, v in value.items()}
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    if isinstance(value, str) and _ISO.match(value):
        return (datetime.fromisoformat(value) + by).isoformat()
    return value


def _examples(plan: bool | None = None) -> list[dict[str, Any]]:
    """The bundled repair cases (``plan``: only those with a plan, or only those without)."""
    folder = resources.files("propmgmt_rules").joinpath("examples", "repair")
    raws: list[dict[str, Any]] = []
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        text = f.read_text(encoding="utf-8")
        if f.name.endswith(".jsonl"):
            raws += [json.loads(line) for line in text.splitlines() if line.strip()]
        elif f.name.endswith(".json"):
            data = json.loads(text)
            raws += data if isinstance(data, list) else [data]
    if plan is not None:
        raws = [r for r in raws if ("plan" in r) is plan]
    return raws


def _lines(raws: list[dict[str, Any]], n: int) -> Iterator[bytes]:
    """``n`` JSON lines: the cases in turn, each with its own id, moved by (37 i mod 600)
    minutes."""
    for i in range(n):
        raw = _shifted(raws[i % len(raws)], timedelta(minutes=(i * 37) % 600))
        raw["id"] = f"{raw['id']}-{i}"
        yield json.dumps(raw, ensure_ascii=False).encode("utf-8") + b"\n"


def _job(data: bytes | Iterator[bytes], lines: int) -> None:
    """The ``repair`` job on JSON lines, as ``propmgmt-rules repair CASES.jsonl`` runs it."""
    stream = io.BytesIO(data) if isinstance(data, bytes) else _Reader(data)
    from bench_cli import _Sink  # benchmarks/ is on the path

    out, err, tally = _Sink(), _Sink(), cli._Tally()
    _, items = cli._items("cases.jsonl", stream)  # type: ignore[arg-type]
    cli._evaluate(CASE_KINDS["repair"], "cases.jsonl", items, True, out, err, tally)  # type: ignore[arg-type]
    assert tally.decided == lines, tally
    assert not tally.invalid, tally
    assert not tally.internal, tally


class _Reader:
    """A stream of lines made while read (memory: one line at a time)."""

    def __init__(self, lines: Iterator[bytes]) -> None:
        self._lines = lines

    def __iter__(self) -> Iterator[bytes]:
        return self._lines


def _job_rows(n: int, rounds: int = 5) -> list[tuple[str, int, float, float, float]]:
    """(documents, lines, job seconds, pydantic round-trip seconds, the same dumping twice:
    ``round_trip_again``) per set of documents:
    ``bench_cli.job_against_round_trip`` (the one measurement of every job: the command line
    on a file of ``n`` lines, and pydantic's round trip of the same documents, alternately,
    best of ``rounds`` each)."""
    from bench_cli import job_against_round_trip  # benchmarks/ is on the path

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for label, raws in (("all bundled cases", _examples()),
                            ("without a plan", _examples(plan=False)),
                            ("plan cases only", _examples(plan=True))):
            path = Path(folder) / "cases.jsonl"
            path.write_bytes(b"".join(_lines(raws, n)))
            r = job_against_round_trip("repair", path, rounds)
            rows.append((label, n, r["job"] * n, r["round_trip"] * n,
                         r["round_trip_again"] * n))
    return rows


def _job_memory(n: int) -> float:
    """Peak traced memory of the job on ``n`` lines made while read, in MiB."""
    raws = _examples()
    gc.collect()
    tracemalloc.start()
    _job(_lines(raws, n), n)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def _questions(n: int) -> dict[str, list[Callable[[], Decision]]]:
    """The area's questions on the subjects of ``n`` shifted cases, by kind of decision: each
    a call of the public function, as a user makes it."""
    calls: dict[str, list[Callable[[], Decision]]] = {}
    for line in _lines(_examples(), n):
        c = RepairCase.model_validate_json(line)
        p, as_of = c.resolved_policy(), c.as_of
        add = calls.setdefault
        for req in c.requests:
            add("repair.intake", []).append(partial(intake, req, as_of=as_of, policy=p))
            if p.appointments:
                add("repair.appointment", []).append(partial(appointment, req, as_of=as_of,
                                                             policy=p))
        if p.categories:
            for rep in c.completed:
                add("repair.revisit_window", []).append(partial(
                    revisit_window, rep, c.revisits, as_of=as_of, policy=p))
        for v in c.revisits:
            if p.record_items:
                add("repair.revisit_record", []).append(partial(check_record, v, policy=p))
            if v.problems or (p.redo and v.satisfied is not True):
                add("repair.rectification", []).append(partial(
                    rectification, v, c.notices, c.completed, as_of=as_of, policy=p))
        for insp in c.handovers:
            add("repair.handover", []).append(partial(handover, insp, as_of=as_of, policy=p))
        if c.quotas is not None:
            add("repair.quotas", []).append(partial(
                quota_check, c.completed, c.revisits, period=c.quotas.period, as_of=as_of,
                policy=p))
        if c.plan is not None:
            add("repair.revisit_plan", []).append(partial(
                plan_revisits, c.completed, c.plan.staff, c.revisits, policy=p))
        if as_of is not None:
            decided = evaluate(c)[:-1]
            add("repair.status", []).append(partial(status, decided, as_of=as_of, policy=p))
    return calls


def _explained_rows(n: int, rounds: int = 9) -> list[tuple[str, int, float, float]]:
    """(kind of decision, decisions, bare seconds, explained seconds): each question asked of
    every subject of ``n`` shifted cases, its outcome read (bare), or its outcome and its
    English and Chinese texts read (explained); best of ``rounds``, alternately."""
    rows = []
    gc.collect()
    gc.freeze()
    for kind, calls in sorted(_questions(n).items()):
        bare = explained = float("inf")
        for _ in range(rounds):
            t0 = _clock()
            for call in calls:
                call().outcome  # noqa: B018
            t1 = _clock()
            for call in calls:
                d = call()
                d.outcome  # noqa: B018
                d.explanation.en  # noqa: B018
                d.explanation.zh  # noqa: B018
            t2 = _clock()
            bare, explained = min(bare, t1 - t0), min(explained, t2 - t1)
        rows.append((kind, len(calls), bare, explained))
    gc.unfreeze()
    return rows


def main(quick: bool = False, only: set[str] | None = None) -> int:
    n_plan = 10_000 if quick else 100_000
    n_status = 100_000 if quick else 1_000_000
    plan_target = 2.0 * n_plan / 100_000
    ok = True
    print("| benchmark | size | time | per item | target | met |")
    print("|---|---:|---:|---:|---:|---|")

    if only is None or "plan" in only:
        repairs = _repairs(n_plan)
        # capacity per person-day: enough for every quota with the director's 10% the tightest
        capacity = max(1, n_plan // 400)
        for policy, label in ((CATALOG, "catalog: quotas + 100% + windows"),
                              (PROPERTY_OFFICE, "property office: quotas + windows")):
            secs, decision = _time(lambda p=policy: plan_revisits(repairs, _staff(capacity),
                                                                  policy=p))
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
        secs, decision = _time(lambda: plan_revisits(repairs, short, policy=CATALOG),
                               rounds=1)
        out = decision.outcome  # type: ignore[attr-defined]
        print(f"| plan revisits, infeasible (diagnosis) | {n_plan:,} repairs, 50 staff | "
              f"{secs:.2f} s | {secs / n_plan * 1e6:.1f} us | - | "
              f"{len(out.problems)} problem(s) named |")

    if only is None or "bulk" in only:
        # windows and statuses in bulk
        rng = random.Random(7)
        as_of = datetime(2025, 3, 20, 12, tzinfo=SH)
        completed = [CompletedRepair(id=f"R{i}", category=CATEGORIES[i % len(CATEGORIES)],
                                     completed_at=MARCH + timedelta(
                                         minutes=rng.randrange(31 * 24 * 60)))
                     for i in range(1000)]
        revisited = [None if i % 4 == 0 else c.completed_at + timedelta(
            hours=rng.randrange(200)) for i, c in enumerate(completed)]
        policy: RepairPolicy = CATALOG

        def statuses() -> int:
            breached = 0
            for k in range(n_status):
                i = k % 1000
                st = revisit_status(completed[i], revisited[i], as_of=as_of, policy=policy)
                breached += st.state == "breached"
            return breached

        def dues() -> int:
            for k in range(n_status):
                revisit_due(completed[k % 1000], policy=policy)
            return n_status

        for label, fn in (("revisit deadline (OM-RV2)", dues),
                          ("revisit deadline and status at an instant", statuses)):
            secs, _ = _time(fn, rounds=1)
            per = secs / n_status * 1e6
            met = per <= 10.0
            ok &= met
            print(f"| {label} | {n_status:,} repairs | {secs:.2f} s | {per:.2f} us | "
                  f"<= 10 us | {'yes' if met else 'NO'} |")

    if only is None or "explain" in only:
        for kind, count, bare, explained in _explained_rows(60 if quick else 300):
            ratio = explained / bare
            met = ratio <= 3.0
            ok &= met
            print(f"| explained / bare: {kind} | {count:,} decisions | "
                  f"{bare / count * 1e6:.1f} / {explained / count * 1e6:.1f} us | "
                  f"{ratio:.2f}x | <= 3x | {'yes' if met else 'NO'} |")

    if only is None or "job" in only:
        n = 120 if quick else 1200
        for label, lines, job_s, rt_s, _ in _job_rows(n):
            ratio = job_s / rt_s
            met = ratio <= 3.0
            if label == "all bundled cases":
                ok &= met
            print(f"| JSON Lines job / pydantic round trip: {label} | {lines:,} lines | "
                  f"{job_s:.2f} / {rt_s:.2f} s | {job_s / lines * 1e6:.0f} / "
                  f"{rt_s / lines * 1e6:.0f} us | {ratio:.2f}x (<= 3x) | "
                  f"{'yes' if met else 'NO'} |")
        sizes = (300, 1200, 4800) if quick else (2000, 8000, 32000)
        peaks = [_job_memory(k) for k in sizes]
        flat = peaks[2] - peaks[1] <= 1.0  # the bounded memos fill, then nothing grows
        ok &= flat
        print(f"| JSON Lines job, peak traced memory | {' / '.join(f'{k:,}' for k in sizes)} "
              f"lines | {' / '.join(f'{m:.1f}' for m in peaks)} MiB | - | flat (< 1 MiB more "
              f"for 4x the lines) | {'yes' if flat else 'NO'} |")
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    picked = next((a.split("=", 1)[1] for a in args if a.startswith("--only=")), None)
    sys.exit(main(quick="--quick" in args,
                  only=set(picked.split(",")) if picked else None))
