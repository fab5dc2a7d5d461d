"""Every command-line JSON Lines job against pydantic's own JSON round trip (issue 12), in one
run.

    python benchmarks/bench_jobs.py [--quick] [--areas=time,repair,...] [--runs=N]

Each row is one area's job measured by that area's benchmark (the same generated cases, the
job and the round trip timed alternately in the process's CPU time, best of several runs):
``model_validate_json`` of each case plus ``model_dump_json`` of each decision (read back
from its JSON beforehand, ``load_decision``: pydantic's work only) against ``propmgmt-rules KIND
CASES.jsonl --json`` run in this process, output thrown away. What the job does besides the
round trip: it decides each case and writes each decision's explanation in two languages.
Target: at most 3x, in every row. Each area runs in a fresh process of its own. Exit status 1
if missed. ``--runs=N``: every area N times, the areas taking turns, each run in a fresh
process; a row is met when it is in every run (the summary gives the least, median and
greatest ratio: a process's ratio differs from the next one's by a few per cent here). The
last column is the measure before the fourth round, for comparison: the round trip's
documents dumped a second time (their strings' UTF-8 kept from the first dump,
``bench_cli.job_against_round_trip``). Streaming memory:
``bench_stream.py``. Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

TARGET = 3.0


def _time(quick: bool) -> list[tuple[str, float, float, float]]:
    from bench_cli import time_job

    out = []
    for n, days, label in ((1_000 if quick else 5_000, 365, "a year"),
                           (1_000 if quick else 5_000, 30, "a month")):
        r = time_job(n, days)
        out.append((f"time: {n:,} deadlines starting within {label}",
                    r["round_trip"] * 1e6, r["job"] * 1e6, r["round_trip_again"] * 1e6))
    return out


def _complaint(quick: bool) -> list[tuple[str, float, float, float]]:
    from bench_complaints import json_lines_job

    n = 1_000 if quick else 5_000
    r = json_lines_job(n)
    return [(f"complaint: {n:,} complaints with their histories", r["round_trip"], r["job"],
             r["round_trip_again"])]


def _fees(quick: bool) -> list[tuple[str, float, float, float]]:
    from bench_fees import job

    out = []
    for cases, per in (((200, 1), (20, 10)) if quick else ((2_000, 1), (200, 10))):
        r = job(cases, per)
        out.append((f"fees: {cases:,} cases of {per} owner{'s' if per > 1 else ''} "
                    "(24 monthly bills each)", r["round_trip"], r["job"], r["round_trip_again"]))
    return out


def _ownership(quick: bool) -> list[tuple[str, float, float, float]]:
    from bench_ownership import job

    n = 200 if quick else 1_000
    r = job(n, repeat=3)
    return [(f"ownership: {n:,} books of about 40 rows ({r['decisions_per_case']:.1f} "
             "decisions each)", r["round_trip"] * 1e6, r["job"] * 1e6,
             r["round_trip_again"] * 1e6)]


def _repair(quick: bool) -> list[tuple[str, float, float, float]]:
    from bench_repairs import _job_rows

    n = 120 if quick else 1_200
    return [(f"repair: {label}", rt / lines * 1e6, job / lines * 1e6, again / lines * 1e6)
            for label, lines, job, rt, again in _job_rows(n)]


AREAS: dict[str, Callable[[bool], list[tuple[str, float, float, float]]]] = {
    "time": _time, "complaint": _complaint, "fees": _fees, "ownership": _ownership,
    "repair": _repair,
}


def _rows(area: str, quick: bool, as_json: bool = False) -> int:
    ok = True
    for label, trip, job, again in AREAS[area](quick):
        ratio = job / trip
        ok &= ratio <= TARGET
        if as_json:  # for main(runs=...): one row a line, read back by the parent
            print(json.dumps({"label": label, "trip": trip, "job": job, "again": again}),
                  flush=True)
            continue
        print(f"| {label} | {trip:.1f} | {job:.1f} | {ratio:.2f}x | "
              f"{'yes' if ratio <= TARGET else 'NO'} | {job / again:.2f}x |", flush=True)
    return 0 if ok else 1


def main(quick: bool = False, areas: list[str] | None = None, runs: int = 1) -> int:
    """Each area in a fresh process of its own (one run per area: what one area's run leaves
    in memory does not weigh on the next). With ``runs`` above 1, every area runs that many
    times, each in a fresh process, the areas taking turns (a quiet or busy minute of the
    machine falls on every area alike); a row is met when every run of it is (the ratio's
    spread from process to process is a few per cent on this machine: one run within 3x by
    less than that does not show the target is met)."""
    import subprocess

    picked = areas or list(AREAS)
    if runs > 1:
        return _runs(picked, quick, runs)
    status = 0
    print("| job: cases | round trip µs / case | the job µs / case | job / round trip | "
          "met (<= 3x) | job / round trip dumping twice |")
    print("|---|---:|---:|---:|---|---:|", flush=True)
    for area in picked:
        argv = [sys.executable, __file__, f"--area={area}", *(["--quick"] if quick else [])]
        status |= subprocess.run(argv, check=False).returncode
    return 1 if status else 0


def _runs(areas: list[str], quick: bool, runs: int) -> int:
    """:func:`main` with every area run ``runs`` times, in turn, in fresh processes; prints
    each run's ratios as they come, then per row the round trip's and the job's range and
    the ratio's least, median and greatest, and in how many runs it was met."""
    import statistics
    import subprocess

    seen: dict[str, list[tuple[float, float]]] = {}
    for run in range(1, runs + 1):
        for area in areas:
            argv = [sys.executable, __file__, f"--area={area}", "--json-rows",
                    *(["--quick"] if quick else [])]
            done = subprocess.run(argv, check=False, capture_output=True, text=True)
            if done.returncode not in (0, 1):  # 1: a row missed; anything else failed
                sys.stderr.write(done.stderr)
                raise SystemExit(f"{area}: the benchmark failed ({done.returncode})")
            for line in done.stdout.splitlines():
                row = json.loads(line)
                seen.setdefault(row["label"], []).append((row["trip"], row["job"]))
                print(f"run {run}: {row['label']}: {row['job'] / row['trip']:.2f}x",
                      flush=True)
    print()
    print("| job: cases | runs | round trip µs / case | the job µs / case | job / round trip: "
          "least, median, greatest | met (<= 3x) |")
    print("|---|---:|---:|---:|---|---|")
    ok = True
    for label, got in seen.items():
        trips, jobs = [t for t, _ in got], [j for _, j in got]
        ratios = sorted(j / t for t, j in got)
        met = sum(r <= TARGET for r in ratios)
        ok &= met == len(ratios)
        print(f"| {label} | {len(got)} | {min(trips):.1f}-{max(trips):.1f} | "
              f"{min(jobs):.1f}-{max(jobs):.1f} | {ratios[0]:.2f}x, "
              f"{statistics.median(ratios):.2f}x, {ratios[-1]:.2f}x | "
              f"{'yes' if met == len(ratios) else 'NO'}: {met} of {len(ratios)} |", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    one = next((a.split("=", 1)[1] for a in args if a.startswith("--area=")), None)
    if one is not None:
        sys.exit(_rows(one, "--quick" in args, as_json="--json-rows" in args))
    picked = next((a.split("=", 1)[1] for a in args if a.startswith("--areas=")), None)
    count = next((int(a.split("=", 1)[1]) for a in args if a.startswith("--runs=")), 1)
    sys.exit(main(quick="--quick" in args, areas=picked.split(",") if picked else None,
                  runs=count))
