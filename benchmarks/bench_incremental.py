"""Incremental book benchmark (issue 14 part 1): a front desk on a warm ``LiveBook``.

The book is the ownership benchmark's generated book (``bench_ownership.generate``: 0.3
clients per row, 40 consultants, households, referrals, deals, 2 departures), validated once,
then made live (``LiveBook(book)``: its index built, as the first question about a book
builds it). Then, each size in its own process:

* ``who owns``: ``live.who_owns(client, as_of=now, rulebook=...)`` for a random client of the book,
  then for a visitor it never named (the front desk's 报备查重 / 撞单 check at an arrival);
* ``add + decide``: ``live = live.add(reception)`` then ``live.decide(client, as_of=now,
  rulebook=...)``: a reception recorded and its household decided again; half the visitors
  are returning clients, half new ones;
* ``payroll again``: a settlement of the warm book (the engine's own), five late deals
  added, then the settlement again (reusing every decision the deals do not touch);
* ``whole book again``: what an addition cost without the live book: validating every row
  again and the first question (the index built again), once.

Timings are per operation over ``N_OPS`` operations after a short warm-up: median, 99th
percentile, the worst, and the mean. Targets (warm 10^6-row book): add one reception and
decide its household again ≤ 1 ms; who owns ≤ 100 µs (median).

Run: ``python benchmarks/run.py incremental`` (``--quick``: 10^4 and 10^5 rows);
``python benchmarks/bench_incremental.py --one N``: one size, as JSON.
"""

from __future__ import annotations

import gc
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
N_OPS = 2000
TARGET_ADD_MS = 1.0
TARGET_WHO_US = 100.0


def _stats(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {"median_us": statistics.median(times) * 1e6,
            "p99_us": times[int(len(times) * 0.99) - 1] * 1e6,
            "max_us": times[-1] * 1e6, "mean_us": statistics.fmean(times) * 1e6}


def _one(n_rows: int) -> dict[str, Any]:
    sys.path.insert(0, str(SRC))
    sys.path.insert(0, str(HERE))
    from bench_ownership import CONSULTANTS, DAYS, START, generate
    from propmgmt_rules.ownership import CC, SD, LiveBook, RegistrationBook, settle

    data = generate(n_rows)
    rows = sum(len(v) for v in data.values())
    t0 = time.perf_counter()
    book = RegistrationBook.model_validate(data)
    t_validate = time.perf_counter() - t0
    t0 = time.perf_counter()
    live = LiveBook(book)
    t_live = time.perf_counter() - t0
    clients = book.clients()
    rnd = random.Random(11)
    now = START + timedelta(days=DAYS, hours=1)
    out: dict[str, Any] = {"rows": rows, "clients": len(clients), "validate_s": t_validate,
                           "live_s": t_live}
    gc.collect()
    for rb in (CC, SD):
        who: list[float] = []
        new_who: list[float] = []
        adds: list[float] = []
        add_decide: list[float] = []
        owned = 0
        for k in range(N_OPS + 50):
            at = now + timedelta(minutes=k)
            client = clients[rnd.randrange(len(clients))] if k % 2 else f"NEW{rb.name}{k}"
            t0 = time.perf_counter()
            claim = live.who_owns(client, as_of=at, rulebook=rb)
            t1 = time.perf_counter()
            owned += claim.owned
            reception = {"id": f"W{rb.name}{k}", "client": client,
                         "consultant": CONSULTANTS[2 + k % 38], "at": at}
            t2 = time.perf_counter()
            live = live.add(receptions=[reception])
            t3 = time.perf_counter()
            live.decide(client, as_of=at, rulebook=rb)
            t4 = time.perf_counter()
            if k >= 50:
                (who if k % 2 else new_who).append(t1 - t0)
                adds.append(t3 - t2)
                add_decide.append(t4 - t2)
        out[rb.name] = {"who_owns": _stats(who), "who_owns_new": _stats(new_who),
                        "add": _stats(adds), "add_decide": _stats(add_decide),
                        "owned_share": owned / (N_OPS + 50)}
    # a payroll run again after five late deals
    as_of = now + timedelta(days=2)
    base = LiveBook(book)
    t0 = time.perf_counter()
    first = base.settle(as_of=as_of, rulebook=CC)
    t_first = time.perf_counter() - t0
    late = base.add(deals=[{"id": f"LATE{i}", "buyers": [clients[rnd.randrange(len(clients))]],
                            "at": now + timedelta(hours=i), "commission": "10000.00"}
                           for i in range(5)])
    t0 = time.perf_counter()
    again = late.settle(as_of=as_of, rulebook=CC)
    t_again = time.perf_counter() - t0
    reused = len({id(d) for d in first} & {id(d) for d in again})
    out["payroll"] = {"settle_s": t_first, "again_s": t_again, "decisions": len(again),
                      "reused": reused}
    del first, again, late, base
    # the whole book again, for one more reception (what the live book saves)
    data["receptions"].append({"id": "ONE", "client": clients[0], "consultant": "P05",
                               "at": now.isoformat()})
    gc.collect()
    t0 = time.perf_counter()
    whole = RegistrationBook.model_validate(data)
    t1 = time.perf_counter()
    from propmgmt_rules.ownership import decide_ownership
    decide_ownership(whole, clients[0], as_of=now, rulebook=CC)
    t2 = time.perf_counter()
    out["whole"] = {"validate_s": t1 - t0, "first_decide_s": t2 - t1}
    del whole, settle
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def main(quick: bool = False) -> int:
    sizes = [10_000, 100_000] if quick else [100_000, 1_000_000]
    print("| rows | rulebook | who owns: client / new visitor, median (p99) µs | add, median "
          "(p99) µs | add + decide: median / p99 / max / mean µs | payroll: settle / again "
          "after 5 deals (s), reused | whole book again (s) | peak RSS (MB) |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    status = 0
    for n in sizes:
        proc = subprocess.run([sys.executable, __file__, "--one", str(n)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr[-2000:])
            return 1
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        for rb in ("CC", "SD"):
            x = r[rb]
            w, nw, a, ad = x["who_owns"], x["who_owns_new"], x["add"], x["add_decide"]
            p = r["payroll"]
            whole = r["whole"]["validate_s"] + r["whole"]["first_decide_s"]
            print(f"| {r['rows']:,} | {rb} | {w['median_us']:.0f} ({w['p99_us']:.0f}) / "
                  f"{nw['median_us']:.1f} ({nw['p99_us']:.1f}) | "
                  f"{a['median_us']:.0f} ({a['p99_us']:.0f}) | "
                  f"{ad['median_us']:.0f} / {ad['p99_us']:.0f} / {ad['max_us']:.0f} / "
                  f"{ad['mean_us']:.0f} | "
                  f"{p['settle_s']:.2f} / {p['again_s']:.3f}, {p['reused']:,} of "
                  f"{p['decisions']:,} | {whole:.2f} | {r['peak_mb']:.0f} |", flush=True)
            if n == sizes[-1] and (ad["median_us"] > TARGET_ADD_MS * 1000
                                   or w["median_us"] > TARGET_WHO_US):
                status = 1
        print(f"\n{r['rows']:,} rows: validated in {r['validate_s']:.2f} s, made live in "
              f"{r['live_s']:.2f} s", flush=True)
    return status


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(_one(int(sys.argv[2]))))
        sys.exit(0)
    sys.exit(main(quick="--quick" in sys.argv))
