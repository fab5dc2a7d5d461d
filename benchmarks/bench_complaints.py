"""Complaint benchmark (issue 4): classify, plan every obligation and evaluate its status for
1,000,000 generated complaints, and, in the same run, pydantic validating the same input.

    python benchmarks/bench_complaints.py [--quick] [--size N]

Each complaint arrives as JSON-like data (ISO 8601 strings, as from a case file or an API):
the facts a receptionist records and a history of 0-8 events (routed, dispatched, escalated,
replied, handled, revisited, now and then a pause or a severity correction). Receipts fall in
the 40 days before the instant asked (a desk's open book), 85% of the complaints are handled,
half under each preset policy. Per chunk of 10,000 complaints the benchmark times
``ComplaintCase.model_validate`` on the raw data (the baseline), then
``evaluate_many(..., explain=False)`` (classification, obligations and status, every decision
complete but for a one-line explanation), then, on a sample, ``status(..., explain=True)``
with every line of the bilingual explanation. The garbage collector is paused inside each
timed block and run between blocks (timeit's convention); a last sample is timed with it on.

Targets: <= 20 us per complaint, and <= 2x the validation of the same input. Exit status 1
if a target is missed.
"""

from __future__ import annotations

import argparse
import gc
import platform
import random
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, evaluate_many, status
from propmgmt_rules.complaints.cases import ComplaintCase

SH = ZoneInfo("Asia/Shanghai")
AS_OF = datetime(2025, 10, 9, 15, 0, tzinfo=SH)  # just after the National Day holiday
CHUNK = 10_000
TARGET_US = 20.0
TARGET_RATIO = 2.0

_TOPICS = ["lift", "water", "power", "lighting", "staff_attitude", "repair_quality", "mail",
           "sudden_incident", "air_conditioning"]
_CAUSES = ["company_facilities"] * 5 + ["company_staff"] * 3 + ["developer", "third_party",
                                                                "resident"]


def _raw(rng: random.Random, i: int) -> dict[str, Any]:
    received = AS_OF - timedelta(minutes=rng.randrange(40 * 24 * 60))
    cause = rng.choice(_CAUSES)
    justified = cause != "resident" and rng.random() > 0.05
    complaint: dict[str, Any] = {
        "id": f"C{i}",
        "received_at": received.isoformat(),
        "received_by": rng.choice(["Wang", "Li", "Zhang", "Chen"]),
        "channel": rng.choice(["visit", "phone", "letter", "email"]),
        "about": rng.choice(_TOPICS),
        "intent": rng.choice(["help", "help", "venting", "enquiry"]),
        "caused_by": cause,
        "justified": justified,
        "verified_by_authority": False,
        "promised_service_failed": rng.random() < 0.1,
        "times_raised": rng.randint(1, 4),
        "loss_amount": rng.choice(["0", "0", "0", "150.00"]),
        "major_loss": False,
        "injury": rng.random() < 0.03,
        "group": rng.random() < 0.02,
        "answered_at_once": rng.random() < 0.7,
        "assessed_severity": rng.choice(["minor", "important"]),
    }
    history: list[dict[str, Any]] = []
    t = received
    for kind in ("routed", "dispatched", "escalated", "replied"):
        if rng.random() < 0.8:
            t += timedelta(minutes=rng.randrange(1, 180))
            history.append({"type": kind, "at": t.isoformat(), "by": "Wang"})
    if rng.random() < 0.05:
        start = t + timedelta(minutes=30)
        history.append({"type": "paused", "at": start.isoformat(),
                        "end": (start + timedelta(hours=5)).isoformat()})
    if rng.random() < 0.03:
        history.append({"type": "severity_corrected",
                        "at": (t + timedelta(hours=1)).isoformat(), "severity": "major"})
    if rng.random() < 0.85:
        t += timedelta(minutes=rng.randrange(30, 3 * 24 * 60))
        history.append({"type": "handled", "at": t.isoformat(), "by": "Li"})
        if rng.random() < 0.6:
            history.append({"type": "revisited",
                            "at": (t + timedelta(hours=rng.randrange(1, 60))).isoformat()})
    history = [e for e in history if e["at"] <= AS_OF.isoformat()]
    return {"id": f"case{i}", "policy": "procedure5" if i % 2 else "nanjing",
            "complaint": complaint, "history": history}


def _timed(fn: Callable[[], object], gc_on: bool = False) -> float:
    gc.collect()
    if not gc_on:
        gc.disable()
    try:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0
    finally:
        gc.enable()


def main(quick: bool = False, size: int | None = None) -> int:
    n = size or (20_000 if quick else 1_000_000)
    rng = random.Random(20251123)
    t_validate = t_engine = 0.0
    done = 0
    counts = {"met": 0, "breached": 0, "pending": 0}
    while done < n:
        m = min(CHUNK, n - done)
        raws = [_raw(rng, done + i) for i in range(m)]
        cases: list[ComplaintCase] = []
        t_validate += _timed(
            lambda cases=cases, raws=raws: cases.extend(  # type: ignore[misc]
                ComplaintCase.model_validate(r) for r in raws))
        by_policy = {
            p.name: [(c.complaint, c.history) for c in cases if c.policy == key]
            for key, p in (("procedure5", PROCEDURE_5), ("nanjing", NANJING))
        }
        out: list[Any] = []
        t_engine += _timed(
            lambda out=out, by_policy=by_policy: [  # type: ignore[misc]
                out.extend(evaluate_many(by_policy[p.name], as_of=AS_OF, policy=p))
                for p in (PROCEDURE_5, NANJING)])
        for d in out:
            counts["met"] += d.outcome.met
            counts["breached"] += d.outcome.breached
            counts["pending"] += d.outcome.pending
        done += m
        del raws, cases, by_policy, out
    # a fresh sample with the garbage collector on (validation, then the engine on what it
    # validated, as in the chunks), then the full explanation on the same sample
    sample_n = min(n, 10_000)
    sample_rng = random.Random(7)  # one generator: 10,000 different complaints
    raws = [_raw(sample_rng, i) for i in range(sample_n)]
    cases = []
    t_gc_validate = _timed(
        lambda: cases.extend(ComplaintCase.model_validate(r) for r in raws), gc_on=True)
    sample = {p.name: [(c.complaint, c.history) for c in cases if c.policies()[0] is p]
              for p in (PROCEDURE_5, NANJING)}
    t_gc_engine = _timed(lambda: [evaluate_many(sample[p.name], as_of=AS_OF, policy=p)
                                  for p in (PROCEDURE_5, NANJING)], gc_on=True)
    t_explain = _timed(lambda: [status(c.complaint, c.history, as_of=AS_OF, policy=c.policies()[0])
                                for c in cases])

    per = t_engine / n * 1e6
    val = t_validate / n * 1e6
    ratio = per / val
    print(f"Python {platform.python_version()}, {platform.machine()}; {n:,} complaints "
          f"(half procedure 5, half Nanjing), as of {AS_OF.isoformat()}")
    print(f"obligations: {counts['met']:,} met, {counts['breached']:,} breached, "
          f"{counts['pending']:,} pending")
    print()
    print("| measure | us per complaint |")
    print("|---|---|")
    print("| pydantic validation of the same input (`ComplaintCase.model_validate`) | "
          f"{val:.1f} |")
    print("| classify + obligations + status (`evaluate_many`, one-line explanation) | "
          f"{per:.1f} |")
    print(f"| ratio engine / validation | {ratio:.2f}x |")
    print(f"| `status(..., explain=True)`, full bilingual explanation ({sample_n:,} sample) | "
          f"{t_explain / sample_n * 1e6:.1f} |")
    print(f"| garbage collector on: validation / engine ({sample_n:,} sample) | "
          f"{t_gc_validate / sample_n * 1e6:.1f} / {t_gc_engine / sample_n * 1e6:.1f} |")
    ok = per <= TARGET_US and ratio <= TARGET_RATIO
    print(f"\ntargets: <= {TARGET_US:.0f} us and <= {TARGET_RATIO:.0f}x validation: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--size", type=int)
    args = ap.parse_args()
    sys.exit(main(quick=args.quick, size=args.size))
