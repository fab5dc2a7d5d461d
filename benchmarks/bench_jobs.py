"""Every command-line JSON Lines job against pydantic's own JSON round trip (issue 12), in one
run.

    python benchmarks/bench_jobs.py [--quick]

Each row is one area's job measured by that area's benchmark (the same generated cases, the
job and the round trip timed alternately in the process's CPU time, best of several runs):
``model_validate_json`` of each case plus ``model_dump_json`` of each decision (read back
from its JSON beforehand, ``load_decision``: pydantic's work only) against ``propmgmt-rules KIND
CASES.jsonl --json`` run in this process, output thrown away. What the job does besides the
round trip: it decides each case and writes each decision's explanation in two languages.
Target: at most 3x, in every row. Each area runs in a fresh process of its own. Exit status 1
if missed. The last column is the measure before the fourth round, for comparison: the round
trip's documents dumped a second time (their strings' UTF-8 kept from the first dump,
``bench_cli.job_against_round_trip``). Streaming memory:
``bench_stream.py``. Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

TARGET = 3.0


def _time(quick: bool) -> list[tuple[str, float, float]]:
    from bench_cli import time_job

    out = []
    for n, days, label in ((1_000 if quick else 5_000, 365, "a year"),
                           (1_000 if quick else 5_000, 30, "a month")):
        r = time_job(n, days)
        out.append((f"time: {n:,} deadlines starting within {label}",
                    r["round_trip"] * 1e6, r["job"] * 1e6, r["round_trip_again"] * 1e6))
    return out


def _complaint(quick: bool) -> list[tuple[str, float, float]]:
    from bench_complaints import json_lines_job

    n = 1_000 if quick else 5_000
    r = json_lines_job(n)
    return [(f"complaint: {n:,} complaints with their histories", r["round_trip"], r["job"],
             r["round_trip_again"])]


def _fees(quick: bool) -> list[tuple[str, float, float]]:
    from bench_fees import job

    out = []
    for cases, per in (((200, 1), (20, 10)) if quick else ((2_000, 1), (200, 10))):
        r = job(cases, per)
        out.append((f"fees: {cases:,} cases of {per} owner{'s' if per > 1 else ''} "
                    "(24 monthly bills each)", r["round_trip"], r["job"], r["round_trip_again"]))
    return out


def _ownership(quick: bool) -> list[tuple[str, float, float]]:
    from bench_ownership import job

    n = 200 if quick else 1_000
    r = job(n, repeat=3)
    return [(f"ownership: {n:,} books of about 40 rows ({r['decisions_per_case']:.1f} "
             "decisions each)", r["round_trip"] * 1e6, r["job"] * 1e6,
             r["round_trip_again"] * 1e6)]


def _repair(quick: bool) -> list[tuple[str, float, float]]:
    from bench_repairs import _job_rows

    n = 120 if quick else 1_200
    return [(f"repair: {label}", rt / lines * 1e6, job / lines * 1e6, again / lines * 1e6)
            for label, lines, job, rt, again in _job_rows(n)]


AREAS: dict[str, Callable[[bool], list[tuple[str, float, float, float]]]] = {
    "time": _time, "complaint": _complaint, "fees": _fees, "ownership": _ownership,
    "repair": _repair,
}


def _rows(area: str, quick: bool) -> int:
    ok = True
    for label, trip, job, again in AREAS[area](quick):
        ratio = job / trip
        ok &= ratio <= TARGET
        print(f"| {label} | {trip:.1f} | {job:.1f} | {ratio:.2f}x | "
              f"{'yes' if ratio <= TARGET else 'NO'} | {job / again:.2f}x |", flush=True)
    return 0 if ok else 1


def main(quick: bool = False, areas: list[str] | None = None) -> int:
    """Each area in a fresh process of its own (one run per area: what one area's run leaves
    in memory does not weigh on the next)."""
    import subprocess

    status = 0
    print("| job: cases | round trip µs / case | the job µs / case | job / round trip | "
          "met (<= 3x) | job / round trip dumping twice |")
    print("|---|---:|---:|---:|---|---:|", flush=True)
    for area in areas or list(AREAS):
        argv = [sys.executable, __file__, f"--area={area}", *(["--quick"] if quick else [])]
        status |= subprocess.run(argv, check=False).returncode
    return 1 if status else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    one = next((a.split("=", 1)[1] for a in args if a.startswith("--area=")), None)
    if one is not None:
        sys.exit(_rows(one, "--quick" in args))
    picked = next((a.split("=", 1)[1] for a in args if a.startswith("--areas=")), None)
    sys.exit(main(quick="--quick" in args, areas=picked.split(",") if picked else None))
