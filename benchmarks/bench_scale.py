"""Scale benchmark (issue 14, part 2): settle 16 books of 10^5 rows on a 2-worker Dask
``LocalCluster`` against the same work in one process.

The work per book is a payroll run as a group would ship it: pydantic validating the book's
JSON text (as read from storage: ``RegistrationBook.model_validate_json``), ``settle(book,
as_of=as_of, rulebook=SD)``, and every decision's JSON (``Settle(..., output="json").run``, the job
:mod:`propmgmt_rules.scale` runs per partition). Each measurement runs in its own process
(its own peak memory):

* ``one process``: the books one after the other (``run_local``), each generated just before
  its run (generation not timed);
* ``dask, loaded on workers``: a loader task per book generates it on a worker (standing for
  a read from storage; not timed), then ``settle_books`` on those futures: timed from submit
  to every book's JSON gathered in the client;
* ``dask, shipped from the client``: the books generated in the client, then
  ``settle_books`` on them: timed likewise, the transfer of the rows included;
* ``dask, decisions as objects``: as the first, ``output="decisions"``: the decisions pickled
  on the workers and unpickled in the client instead of their JSON.

Reported: wall time, speedup over one process, the workers' peak memory (each worker
process's maximum resident set), the tasks' own compute time (Dask's task stream) and the
parallel efficiency (compute / (workers x wall)); then the scheduler's overhead per task
(2,000 tasks that do nothing, submitted with ``client.map`` and gathered), and the cost per
decision of shipping it as JSON or pickled (one process, one book).

Run: ``python benchmarks/run.py scale`` (``--quick``: 4 books of 10^4 rows), or
``python benchmarks/bench_scale.py [--books N] [--rows N]``. Needs the ``distributed`` extra.
"""

from __future__ import annotations

import json
import pickle
import platform
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
RULEBOOK = "SD"
N_WORKERS = 2


def _setup() -> Any:
    for p in (str(SRC), str(HERE)):
        if p not in sys.path:
            sys.path.insert(0, p)
    import bench_ownership  # the ownership benchmark's book generator

    return bench_ownership


def _as_of() -> Any:
    from datetime import timedelta

    bench = _setup()
    return bench.START + timedelta(days=bench.DAYS)


def _book(n_rows: int, seed: int) -> str:
    """Book number ``seed`` as JSON text, as a file holds it (a loader task on a worker, or a
    call in one process). Text, not JSON-like dicts: a worker holding books waiting for
    their turn as millions of small dicts would make every garbage collection walk them."""
    return json.dumps(_setup().generate(n_rows, seed=seed))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_s() -> float:
    """CPU time of this process so far (user + system), all its threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _one_process(n_books: int, n_rows: int) -> dict[str, Any]:
    _setup()
    from propmgmt_rules.scale import Settle

    job = Settle(_as_of(), RULEBOOK)
    total = cpu = 0.0
    decisions = chars = 0
    for n in range(n_books):
        rows = _book(n_rows, n)
        t0, c0 = time.perf_counter(), _cpu_s()
        result = job.run(f"office-{n}", rows)
        total += time.perf_counter() - t0
        cpu += _cpu_s() - c0
        assert result.ok
        decisions += len(result.json)
        chars += sum(map(len, result.json))
        del rows, result
    return {"wall_s": total, "cpu_s": cpu, "decisions": decisions, "json_mb": chars / 1e6,
            "peak_mb": [_peak_mb()]}


def _dask(mode: str, n_books: int, n_rows: int) -> dict[str, Any]:
    _setup()
    import dask
    from distributed import Client, LocalCluster, get_task_stream, wait

    from propmgmt_rules.scale.dask import settle_books

    as_of = _as_of()
    output = "decisions" if mode == "objects" else "json"
    with dask.config.set({"distributed.comm.timeouts.connect": "120s"}), LocalCluster(
        n_workers=N_WORKERS, threads_per_worker=1, processes=True, dashboard_address=":0",
    ) as cluster, Client(cluster) as client:
        client.wait_for_workers(N_WORKERS, timeout=120)
        if mode == "shipped":
            warnings.filterwarnings("ignore", "Sending large graph")  # measured, not advised
            books: dict[str, Any] = {f"office-{n}": _book(n_rows, n)
                                     for n in range(n_books)}
        else:
            books = {f"office-{n}": client.submit(_book, n_rows, n, pure=False)
                     for n in range(n_books)}
            wait(list(books.values()))
        cpu0, client0 = client.run(_cpu_s), _cpu_s()
        with get_task_stream(client) as stream:
            t0 = time.perf_counter()
            results = settle_books(client, books, as_of=as_of, rulebook=RULEBOOK,
                                   output=output)  # type: ignore[arg-type]
            wall = time.perf_counter() - t0
        client_cpu = _cpu_s() - client0
        workers_cpu = sorted(c - cpu0[w] for w, c in client.run(_cpu_s).items())
        assert all(r.ok for r in results.values())
        decisions = sum(len(r.json) or len(r.decisions) for r in results.values())
        compute = sum(ss["stop"] - ss["start"] for task in stream.data
                      for ss in task["startstops"] if ss["action"] == "compute")
        peaks = sorted(client.run(_peak_mb).values())
        del results, books
    return {"wall_s": wall, "decisions": decisions, "compute_s": compute, "peak_mb": peaks,
            "client_peak_mb": _peak_mb(), "cpu_s": sum(workers_cpu),
            "workers_cpu_s": workers_cpu, "client_cpu_s": client_cpu}


def _overhead(n_tasks: int) -> dict[str, Any]:
    """The scheduler's cost per task: ``n_tasks`` tasks that do nothing."""
    _setup()
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=N_WORKERS, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        client.wait_for_workers(N_WORKERS, timeout=120)
        client.gather(client.map(_noop, range(100), pure=False))  # warm up
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            client.gather(client.map(_noop, range(n_tasks), pure=False))
            best = min(best, time.perf_counter() - t0)
    return {"tasks": n_tasks, "us_per_task": best / n_tasks * 1e6}


def _noop(x: int) -> int:
    return x


def _shipping(n_rows: int) -> dict[str, Any]:
    """Per decision, in one process: writing a settled decision in full, then shipping it as
    JSON (to_json, pickling the text, unpickling it, and validating it back into a decision
    when the receiver wants objects) or pickled (pickle, unpickle)."""
    _setup()
    from propmgmt_rules.ownership import RegistrationBook, settle
    from propmgmt_rules.ownership.rulebooks import PRESETS
    from propmgmt_rules.scale import decision_from_json

    book = RegistrationBook.model_validate_json(_book(n_rows, 0))
    as_of = _as_of()

    def timed(fn: Any) -> tuple[Any, float]:
        t0 = time.perf_counter()
        out = fn()
        return out, time.perf_counter() - t0

    out: dict[str, Any] = {}
    decisions = settle(book, as_of=as_of, rulebook=PRESETS[RULEBOOK])
    n = len(decisions)
    _, write = timed(lambda: [d.__dict__ for d in decisions])  # trace and text written
    texts, to_json = timed(lambda: [d.to_json() for d in decisions])
    blob, pickle_texts = timed(lambda: pickle.dumps(texts, protocol=5))
    _, unpickle_texts = timed(lambda: pickle.loads(blob))
    _, parse = timed(lambda: [decision_from_json(t) for t in texts])
    objects, pickle_objects = timed(lambda: pickle.dumps(decisions, protocol=5))
    _, unpickle_objects = timed(lambda: pickle.loads(objects))
    unread = settle(book, as_of=as_of, rulebook=PRESETS[RULEBOOK])
    _, pickle_unread = timed(lambda: pickle.dumps(unread, protocol=5))

    def us(s: float) -> float:
        return s / n * 1e6

    out.update(decisions=n, write_us=us(write), to_json_us=us(to_json),
               pickle_texts_us=us(pickle_texts), unpickle_texts_us=us(unpickle_texts),
               parse_us=us(parse), pickle_objects_us=us(pickle_objects),
               unpickle_objects_us=us(unpickle_objects),
               pickle_unread_us=us(pickle_unread),
               json_bytes=len(blob) / n, pickle_bytes=len(objects) / n)
    return out


def _sub(*args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--one", *args], capture_output=True,
                          text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main(quick: bool = False, books: int | None = None, rows: int | None = None) -> int:
    n_books = books or (4 if quick else 16)
    n_rows = rows or (10_000 if quick else 100_000)
    print(f"# {n_books} books of {n_rows:,} rows, rulebook {RULEBOOK}, {N_WORKERS} workers "
          f"(1 thread each); Python {platform.python_version()}; "
          f"{time.strftime('%Y-%m-%d')}", flush=True)
    runs = {"one process": _sub("local", str(n_books), str(n_rows))}
    for mode, label in (("loaded", "dask, loaded on workers"),
                        ("shipped", "dask, shipped from the client"),
                        ("objects", "dask, decisions as objects")):
        runs[label] = _sub(mode, str(n_books), str(n_rows))
    base = runs["one process"]["wall_s"]
    print("\n| run | wall (s) | speedup | decisions | tasks' compute (s) | efficiency | "
          "CPU per worker (s) | CPU of client + scheduler (s) | CPU / one process's | "
          "peak RSS per worker (MB) | client peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    base_cpu = runs["one process"]["cpu_s"]
    for label, r in runs.items():
        compute = r.get("compute_s")
        eff = f"{compute / (N_WORKERS * r['wall_s']):.0%}" if compute else "-"
        peaks = " / ".join(f"{p:.0f}" for p in r["peak_mb"])
        memory = (f"{peaks} | {r['client_peak_mb']:.0f}" if "client_peak_mb" in r
                  else f"{peaks} (the process) | -")
        per_worker = " / ".join(f"{c:.1f}" for c in r.get("workers_cpu_s", [r["cpu_s"]]))
        client_cpu = f"{r['client_cpu_s']:.1f}" if "client_cpu_s" in r else "-"
        total_cpu = r["cpu_s"] + r.get("client_cpu_s", 0.0)
        print(f"| {label} | {r['wall_s']:.2f} | {base / r['wall_s']:.2f}× | "
              f"{r['decisions']:,} | {compute or r['wall_s']:.2f} | {eff} | {per_worker} | "
              f"{client_cpu} | {total_cpu / base_cpu:.2f}× | {memory} |", flush=True)
    over = _sub("overhead", "2000", "0")
    print(f"\nscheduler overhead: {over['us_per_task']:.0f} µs per task "
          f"({over['tasks']:,} tasks that do nothing, best of 3)")
    ship = _sub("shipping", "0", str(n_rows))
    print(f"\nshipping {ship['decisions']:,} decisions of one book, µs per decision: "
          f"written in full {ship['write_us']:.1f}; JSON: to_json {ship['to_json_us']:.1f}, "
          f"pickle the text {ship['pickle_texts_us']:.2f}, unpickle {ship['unpickle_texts_us']:.2f}"
          f" ({ship['json_bytes']:.0f} bytes), back to objects {ship['parse_us']:.1f}; "
          f"pickled objects: pickle {ship['pickle_objects_us']:.1f}, unpickle "
          f"{ship['unpickle_objects_us']:.1f} ({ship['pickle_bytes']:.0f} bytes); pickling "
          f"unread decisions (written on the way) {ship['pickle_unread_us']:.1f}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--one":
        what, a, b = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
        if what == "local":
            out = _one_process(a, b)
        elif what == "overhead":
            out = _overhead(a)
        elif what == "shipping":
            out = _shipping(b)
        else:
            out = _dask(what, a, b)
        print(json.dumps(out))
        sys.exit(0)
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--books", type=int)
    ap.add_argument("--rows", type=int)
    args = ap.parse_args()
    sys.exit(main(quick=args.quick, books=args.books, rows=args.rows))
