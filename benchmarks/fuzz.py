"""Fuzz the command line's jobs and the API with many thousands of hostile inputs, each under a
time limit, and count what happens.

    python benchmarks/fuzz.py                    # 6,000 command-line cases + 6,000 API calls
    python benchmarks/fuzz.py --cli 20000 --api 20000 --timeout 5 --workers 2 --show 30

Every input runs in a worker process (a worker that goes over the time limit is killed and
replaced), with ``open`` watched: reading any file but the time-zone database counts as a
defect. The inputs come from ``tests/hostile/corpus.py`` (the hostile-input suite's own
values), deterministically: input ``i`` is the same on every run.

Counts, per target and in total:

* ``clear error``: ``InputError`` / ``ValidationError`` naming a field (command line: an
  error record naming the case and the field);
* ``accepted``: a decision (the input was not hostile enough, or was handled);
* ``other exception``: any other exception type (command line: exit 3, an internal error);
* ``over the limit``: still running after ``--timeout`` seconds (killed);
* ``file read``: a file other than the time-zone database was opened.

The numbers are recorded in docs/reliability.md.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing as mp
import sys
import time
import traceback
from collections import Counter, defaultdict
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from pydantic import ValidationError  # noqa: E402
from tests.hostile.corpus import api_case, cli_case, entries  # noqa: E402
from tests.hostile.support import FileWatch  # noqa: E402

from propmgmt_rules import cli  # noqa: E402
from propmgmt_rules.cases import CASE_KINDS  # noqa: E402
from propmgmt_rules.errors import InputError  # noqa: E402

CATEGORIES = ("clear error", "accepted", "other exception", "over the limit", "file read")


def _run_cli(i: int) -> tuple[str, str, str]:
    case = cli_case(i)
    out, err = io.StringIO(), io.StringIO()
    tally = cli._Tally()
    _, items = cli._items("fuzz.jsonl", io.BytesIO(case.line() + b"\n"))
    cli._evaluate(CASE_KINDS[case.kind], "fuzz.jsonl", items, True, out, err, tally)
    target = f"cli {case.kind}"
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    errors = [r for r in records if r.get("format") == "propmgmt.error.v1"]
    if tally.internal:
        reason = errors[0]["errors"][0]["reason"] if errors else "?"
        return target, "other exception", f"{case.where} {case.mutation}: {reason}"
    if errors:
        named = all(e["field"] for r in errors for e in r["errors"])
        return target, "clear error" if named else "other exception", case.mutation
    return target, "accepted", case.mutation


def _run_api(i: int) -> tuple[str, str, str]:
    case = api_case(i)
    target = f"api {case.entry}"
    try:
        case.call()
    except InputError as exc:
        if not exc.field:
            return target, "other exception", f"{case.mutation}: InputError without a field"
        return target, "clear error", case.mutation
    except ValidationError:
        return target, "clear error", case.mutation
    except Exception as exc:
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return target, "other exception", (
            f"{case.mutation}: {type(exc).__name__}: {str(exc)[:120]} "
            f"({Path(where.filename).name}:{where.lineno})")
    return target, "accepted", case.mutation


def _worker(conn: Connection) -> None:
    while True:
        task = conn.recv()
        if task is None:
            return
        kind, i = task
        with FileWatch() as watch:
            try:
                target, category, detail = (_run_cli if kind == "cli" else _run_api)(i)
            except BaseException as exc:  # the harness itself must go on
                target, category, detail = f"{kind} ?", "other exception", repr(exc)[:200]
        if watch.opened:
            category, detail = "file read", f"{detail}: opened {watch.opened[:3]}"
        conn.send((target, category, detail))


class _Slot:
    def __init__(self) -> None:
        self.conn: Connection
        self.proc: Any = None
        self.task: tuple[str, int] | None = None
        self.started = 0.0
        self.start()

    def start(self) -> None:
        parent, child = mp.Pipe()
        self.proc = mp.get_context("fork").Process(target=_worker, args=(child,), daemon=True)
        self.proc.start()
        child.close()
        self.conn = parent

    def restart(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()
        self.start()


def _target_of(task: tuple[str, int]) -> str:
    kind, i = task
    return f"cli {cli_case(i).kind}" if kind == "cli" else f"api {api_case(i).entry}"


def fuzz(n_cli: int, n_api: int, timeout: float, workers: int, seed: int
         ) -> tuple[dict[str, Counter[str]], dict[str, list[str]]]:
    tasks = [("cli", seed + i) for i in range(n_cli)] + [("api", seed + i) for i in range(n_api)]
    tasks.reverse()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    samples: dict[str, list[str]] = defaultdict(list)
    slots = [_Slot() for _ in range(workers)]

    def record(target: str, category: str, detail: str) -> None:
        counts[target][category] += 1
        if category not in {"clear error", "accepted"}:
            samples[category].append(f"{target}: {detail}")

    while tasks or any(s.task for s in slots):
        for s in slots:
            if s.task is None and tasks:
                s.task = tasks.pop()
                s.started = time.monotonic()
                s.conn.send(s.task)
        busy = [s for s in slots if s.task is not None]
        left = min(s.started + timeout for s in busy) - time.monotonic()
        ready = wait([s.conn for s in busy], timeout=max(0.0, left))
        for s in busy:
            if s.conn in ready:
                try:
                    record(*s.conn.recv())
                except EOFError:  # the worker died (e.g. a crash of the interpreter)
                    assert s.task is not None
                    record(_target_of(s.task), "other exception", f"{s.task}: worker died")
                    s.restart()
                s.task = None
            elif time.monotonic() - s.started > timeout:
                assert s.task is not None
                kind, i = s.task
                what = cli_case(i).mutation if kind == "cli" else api_case(i).mutation
                record(_target_of(s.task), "over the limit", what)
                s.task = None
                s.restart()
    for s in slots:
        s.conn.send(None)
        s.proc.join(timeout=5)
    return counts, samples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", type=int, default=6000, help="hostile command-line cases")
    ap.add_argument("--api", type=int, default=6000, help="hostile API calls")
    ap.add_argument("--timeout", type=float, default=5.0, help="seconds per input")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0, help="first input number")
    ap.add_argument("--show", type=int, default=15, help="examples shown per bad category")
    ap.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = ap.parse_args(argv)
    entries()  # build the API's arguments and read the examples once, before the workers fork
    cli_case(0)
    began = time.monotonic()
    counts, samples = fuzz(args.cli, args.api, args.timeout, args.workers, args.seed)
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    if args.json:
        print(json.dumps({"total": total, "targets": counts}, indent=2))
        return 0
    width = max(len(t) for t in counts)
    print(f"{'target':<{width}}  {'tried':>6}  " + "  ".join(f"{c:>15}" for c in CATEGORIES))
    for target in sorted(counts):
        c = counts[target]
        print(f"{target:<{width}}  {sum(c.values()):>6}  "
              + "  ".join(f"{c[k]:>15}" for k in CATEGORIES))
    print(f"{'total':<{width}}  {sum(total.values()):>6}  "
          + "  ".join(f"{total[k]:>15}" for k in CATEGORIES))
    print(f"\n{time.monotonic() - began:.0f} s, {args.workers} workers, "
          f"limit {args.timeout:g} s per input")
    for category in CATEGORIES[2:]:
        shown = Counter(samples[category])
        if shown:
            print(f"\n{category} ({len(samples[category])}), most frequent first:")
            for detail, n in shown.most_common(args.show):
                print(f"  {n:>4} x {detail[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
