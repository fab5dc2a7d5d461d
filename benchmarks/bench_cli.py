"""The command line's JSON Lines jobs (issue 12): each job against pydantic's own JSON round
trip of the same documents, measured side by side in one run, and streaming memory.

    python benchmarks/bench_cli.py [--quick]

* ``time`` job: ``propmgmt-rules time CASES.jsonl --json`` run in this process on 5,000 and
  50,000 cases (7 spans, 3 calendars, one case in five with an action's instant; starts over
  2025, and 5,000 over one month, where cases share their days),
  against ``DeadlineCase.model_validate_json`` of each line plus ``model_dump_json`` of each
  decision (the decisions read back from their JSON: pydantic's own work only, see
  ``job_against_round_trip``). Runs alternate,
  best of 5 each, in CPU time (``time.process_time``); before each job run the library's
  memos are emptied, as in a fresh process (the calendar presets are built and compiled
  again too). Target: the job costs at
  most 3x the round trip, in every row.
* streaming: the same job in a fresh process on 10^4, 5x10^4 and 2x10^5 lines (``--quick``:
  2x10^3, 2x10^4, 4x10^4), output to /dev/null; the peak resident memory (the process's own
  high-water mark) grows while the bounded memos fill, then stays flat: less than 5 MB more
  for four times the lines.

Exit status 1 if a target is missed. Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import gc
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
SH = ZoneInfo("Asia/Shanghai")
SPANS = ("3个工作日", "2 hours", "27 working hours", "3 days", "1 month", "10 days before", "当天")
CALENDARS = ("china-official", "weekdays", "china-official@09:00-12:00,13:30-18:00")


def write_time_cases(path: Path, n: int, days: int = 365, seed: int = 20251206) -> None:
    """``n`` deadline cases starting within ``days`` days from 1 January 2025, one JSON object
    per line."""
    rng = random.Random(seed)
    first = datetime(2025, 1, 1, tzinfo=SH)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            start = first + timedelta(minutes=rng.randrange(days * 24 * 60))
            case = {"id": f"c{i}", "start": start.isoformat(), "span": rng.choice(SPANS),
                    "calendar": rng.choice(CALENDARS)}
            if i % 5 == 0:
                case["done_at"] = (start + timedelta(hours=rng.randrange(1, 100))).isoformat()
            f.write(json.dumps(case, ensure_ascii=False) + "\n")


class _BytesSink(io.RawIOBase):
    """A binary output that keeps nothing."""

    def writable(self) -> bool:
        return True

    def write(self, b: object) -> int:
        return len(b)  # type: ignore[arg-type]


class _Sink(io.TextIOBase):
    """An output that keeps nothing (the job's text is written, then dropped): UTF-8 text
    over a binary stream, as standard output is, so that the job writes its JSON Lines as
    it does to standard output (the serialiser's bytes, to the binary stream)."""

    encoding = "utf-8"

    def __init__(self) -> None:
        self.buffer = _BytesSink()

    def write(self, s: str) -> int:
        return len(s)


def job_against_round_trip(kind: str, path: Path, repeat: int = 5,
                           before_job: Callable[[], None] | None = None) -> dict[str, float]:
    """Seconds per case of ``propmgmt-rules KIND PATH --json`` run in this process (output
    thrown away as standard output would write it) and of pydantic's own JSON round trip of
    the same documents: ``model_validate_json`` of each line with the kind's case model and
    ``model_dump_json`` of each decision (pydantic's work only). Alternate runs, best of
    ``repeat`` each, in the process's CPU time (the shared machine's other jobs do not count),
    each after a full collection. The job runs with nothing of the round trip's held (as a job
    runs alone: the decisions the round trip dumps are made after it, untimed, and dropped
    after the dump); ``before_job`` runs before each run of the job (untimed). Keys:
    ``validate``, ``dump``, ``round_trip``, ``job``, ``decisions_per_case``; and
    ``dump_again``, ``round_trip_again``: the same documents dumped a second time (their
    strings' UTF-8 kept from the first dump: the measure before the fourth round, below).

    The decisions the round trip dumps are the job's decisions read back from their JSON
    (``load_decision``, untimed), new in each round: documents as pydantic's own round trip
    has them, complete (nothing of the library's left to write) and with their texts as a JSON
    reader makes them. (Until the fourth round the round trip dumped the job's decisions a
    second time, after a first dump that wrote their explanations: a string keeps the UTF-8
    it was once encoded to, so that second dump skipped encoding the Chinese texts, about a
    tenth of an ownership decision's dump, which no round trip of documents skips.)"""
    sys.path.insert(0, str(SRC))
    from propmgmt_rules.cases import CASE_KINDS, load_decision
    from propmgmt_rules.cli import main

    model, evaluate = CASE_KINDS[kind].model, CASE_KINDS[kind].evaluate
    lines = path.read_bytes().splitlines()
    best = dict.fromkeys(("validate", "dump", "dump_again", "job"), float("inf"))
    count = 0
    for _ in range(repeat):
        if before_job is not None:
            before_job()
        gc.collect()
        t0 = time.process_time()
        code = main([kind, str(path), "--json"], out=_Sink(), err=_Sink())
        t1 = time.process_time()
        assert code == 0, code
        decisions = [load_decision(d.to_json_bytes())  # pydantic's documents (see above)
                     for line in lines for d in evaluate(model.model_validate_json(line))]
        count = len(decisions)
        gc.collect()
        t2 = time.process_time()
        for line in lines:
            model.model_validate_json(line)
        t3 = time.process_time()
        for d in decisions:
            d.model_dump_json()
        t4 = time.process_time()
        for d in decisions:  # again: the strings' UTF-8 now kept (the measure before)
            d.model_dump_json()
        t5 = time.process_time()
        del decisions
        best["job"] = min(best["job"], t1 - t0)
        best["validate"] = min(best["validate"], t3 - t2)
        best["dump"] = min(best["dump"], t4 - t3)
        best["dump_again"] = min(best["dump_again"], t5 - t4)
    out = {k: v / len(lines) for k, v in best.items()}
    out["round_trip"] = out["validate"] + out["dump"]
    out["round_trip_again"] = out["validate"] + out["dump_again"]
    out["decisions_per_case"] = count / len(lines)
    return out


def time_job(n: int, days: int) -> dict[str, float]:
    """Seconds per case of the ``time`` job and of pydantic's round trip
    (:func:`job_against_round_trip`), best of 5, the job as in a fresh process: the library's
    memos emptied before each run."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        write_time_cases(path, n, days)
        return job_against_round_trip("time", path, 5, before_job=_forget)


def _forget() -> None:
    """Empty the library's memos (the explained deadlines' parts, the spans read, the days
    written, the times of day, the calendars named), as a fresh process has them."""
    from propmgmt_rules.presets import preset_kinds
    from propmgmt_rules.time import calendar, explain, phrasing, span

    explain.clear_memos()
    calendar._TIMES.clear()  # the times of day by microseconds (time9)
    span._READ.clear()
    span._parsed.cache_clear()
    phrasing._day.cache_clear()
    preset_kinds()["calendar"].clear()


def _peak_mb(path: Path) -> float:
    """The peak resident memory of a fresh process running the time job on ``path`` (its own
    high-water mark: ``ru_maxrss`` keeps the parent's from before the exec)."""
    code = ("import os, resource, sys\n"
            f"sys.path.insert(0, {str(SRC)!r})\n"
            "from propmgmt_rules.cli import main\n"
            "with open(os.devnull, 'w') as out:\n"
            f"    assert main(['time', {str(path)!r}, '--json'], out=out) == 0\n"
            "peak = [line for line in open('/proc/self/status') if line.startswith('VmHWM')]\n"
            "print(int(peak[0].split()[1]) / 1024 if peak else\n"
            "      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return float(proc.stdout.strip().splitlines()[-1])


def main(quick: bool = False) -> int:
    sizes = (1_000,) if quick else (5_000, 50_000)
    print("`time` job (JSON Lines: 7 spans, 3 calendars, one case in five with an action), "
          "best of 5 alternate runs (CPU time), the job as in a fresh process (its memos "
          "emptied):\n")
    print("| cases | start within | pydantic `model_validate_json` (µs/case) | "
          "pydantic `model_dump_json` (µs/case) | round trip (µs/case) | the job (µs/case) | "
          "job / round trip |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    ratios = {}
    for n, days, label in [*((n, 365, "a year") for n in sizes), (sizes[0], 31, "a month")]:
        r = time_job(n, days)
        trip = r["validate"] + r["dump"]
        ratios[n, days] = r["job"] / trip
        print(f"| {n:,} | {label} | {r['validate'] * 1e6:.1f} | {r['dump'] * 1e6:.1f} | "
              f"{trip * 1e6:.1f} | {r['job'] * 1e6:.1f} | {ratios[n, days]:.2f}x |")
    ratio = max(ratios.values())

    counts = (2_000, 20_000, 40_000) if quick else (10_000, 50_000, 200_000)
    with tempfile.TemporaryDirectory() as folder:
        peaks = {}
        for lines in counts:
            path = Path(folder) / f"cases-{lines}.jsonl"
            write_time_cases(path, lines)
            peaks[lines] = _peak_mb(path)
    growth = peaks[counts[2]] - peaks[counts[1]]
    shown = ", ".join(f"{peaks[c]:.1f} MB at {c:,} lines" for c in counts)
    print(f"\nstreaming: peak RSS {shown} (the memos fill up to their bound, then nothing "
          "grows)\n")
    checks = [("time job <= 3x pydantic's JSON round trip (every row)", ratio <= 3.0),
              (f"time job streams: peak memory flat from {counts[1]:,} to {counts[2]:,} lines "
               "(< 5 MB growth)", growth < 5.0)]
    for name, passed in checks:
        print(f"- {'PASS' if passed else 'FAIL'}: {name}")
    print(f"\n(this process: peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    return 0 if all(p for _, p in checks) else 1


if __name__ == "__main__":
    sys.exit(main(quick="--quick" in sys.argv))
