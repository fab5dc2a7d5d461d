"""Fee benchmarks (issue 13): the collection ladder and the limitation expiries of many owners
with 24 monthly bills each, at one instant, against pydantic's validation of the same input.

    python benchmarks/bench_fees.py [--quick] [--owners N] [--chunk N]
    python benchmarks/bench_fees.py --job [--quick]

``--job`` (issue 12): the command line's ``fees`` JSON Lines job (cases of one owner and of
ten owners, 24 monthly bills each) against pydantic's own JSON round trip of the same
documents, in CPU time, best of 3 alternate runs; target at most 3x.

Input: JSON-like dicts (instants as ISO strings, amounts as decimal strings), as a case file
gives them; 24 monthly bills per owner (2022-11 to 2024-10, due at each month's end; asked on
2025-11-25, when the oldest unpaid ones near their 3-year limitation), paid
monthly by most owners, with arrears, part payments, lump sums and collection actions for
the others. ``validate`` is pydantic alone (``TypeAdapter(list[FeeAccount]).validate_python``,
with the library's field types: identifiers, exact amounts); for comparison, the same input in
pydantic's own types only (``str``, ``Decimal``, ``date``, ``AwareDatetime``);
``decide`` is ``collection_statuses(accounts, as_of=..., policy=VK)``: every owner's arrears,
ladder and expiries, with the escalations; ``read`` then reads every decision's outcome (the
per-bill balances, rungs and expiries built on first read); for the first 1,000 owners of
each chunk, the explanation is read too (its English and Chinese texts, written from the
decision's atoms on first read, without the outcome): at most 3x the bare decision.
Owners are processed in chunks (default 10,000: validate, decide, read, drop) so that memory
stays flat; the times add up over the chunks of one run.

Targets: decide <= 2x validate, in the same run; the explained decision (decide and read both
texts) <= 3x the bare one. Exit status 1 if missed. ``--quick`` runs
10,000 owners; the default is 1,000,000 (``--owners 100000`` on a shared machine).
"""

from __future__ import annotations

import argparse
import calendar
import gc
import random
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import AwareDatetime, BaseModel, TypeAdapter

from propmgmt_rules.fees import VK, FeeAccount, collection_statuses

SH = ZoneInfo("Asia/Shanghai")
AS_OF = datetime(2025, 11, 25, 10, tzinfo=SH)
MONTHS = [(2022 + (10 + i) // 12, (10 + i) % 12 + 1) for i in range(24)]  # 2022-11 to 2024-10
DUES = [f"{y}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}" for y, m in MONTHS]
KINDS = ("notice", "notice", "phone", "visit", "lawyer_letter")


class _PlainBill(BaseModel):
    id: str
    period: str
    amount: Decimal
    due: date


class _PlainPayment(BaseModel):
    id: str
    at: AwareDatetime
    amount: Decimal
    bills: tuple[str, ...] = ()


class _PlainAction(BaseModel):
    id: str
    at: AwareDatetime
    kind: str
    bills: tuple[str, ...] | None = None


class _PlainAccount(BaseModel):
    """The same input in pydantic's own types (no library validators): pydantic's core speed."""

    owner: str
    bills: tuple[_PlainBill, ...]
    payments: tuple[_PlainPayment, ...]
    actions: tuple[_PlainAction, ...]


for _model in (_PlainBill, _PlainPayment, _PlainAction, _PlainAccount):
    _model.model_rebuild(_types_namespace=dict(globals()))  # run.py loads outside sys.modules


def _owner(n: int, rng: random.Random) -> dict[str, Any]:
    amount = rng.choice((168, 236, 268, 312, 455))
    cents = rng.choice(("00", "50", "80"))
    bills = [{"id": f"B{y}{m:02d}", "period": f"{y}-{m:02d}", "amount": f"{amount}.{cents}",
              "due": DUES[i]} for i, (y, m) in enumerate(MONTHS)]
    payments: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    kind = rng.random()
    if kind < 0.7:  # pays every bill in its month
        for i, (y, m) in enumerate(MONTHS):
            day = rng.randrange(1, 28)
            payments.append({"id": f"P{i:02d}", "at": f"{y}-{m:02d}-{day:02d}T10:00:00+08:00",
                             "amount": bills[i]["amount"]})
    elif kind < 0.9:  # pays, then stops (part of one bill paid), chased by the ladder
        stop = rng.randrange(0, 24)
        for i, (y, m) in enumerate(MONTHS[:stop]):
            payments.append({"id": f"P{i:02d}", "at": f"{y}-{m:02d}-20T10:00:00+08:00",
                             "amount": bills[i]["amount"]})
        if stop < 24:
            y, m = MONTHS[stop]
            payments.append({"id": "PX", "at": f"{y}-{m:02d}-25T10:00:00+08:00",
                             "amount": f"{amount // 3}.00"})
        for k in range(rng.randrange(0, 8)):
            y, m = MONTHS[min(23, stop + k)]
            actions.append({"id": f"A{k}", "at": f"{y}-{m:02d}-{rng.randrange(1, 28):02d}"
                            "T15:00:00+08:00", "kind": KINDS[k % len(KINDS)]})
    else:  # pays in lumps now and then
        for k in range(rng.randrange(1, 6)):
            y, m = MONTHS[rng.randrange(24)]
            payments.append({"id": f"L{k}", "at": f"{y}-{m:02d}-12T09:00:00+08:00",
                             "amount": f"{amount * rng.randrange(1, 7)}.{cents}"})
    return {"owner": f"O{n:07d}", "bills": bills, "payments": payments, "actions": actions}


def main(quick: bool = False, owners: int | None = None, chunk: int = 10_000) -> int:
    total = owners if owners is not None else (10_000 if quick else 1_000_000)
    adapter = TypeAdapter(list[FeeAccount])
    plain = TypeAdapter(list[_PlainAccount])
    rng = random.Random(20251125)
    t_validate = t_decide = t_read = t_plain = t_explain = 0.0
    explain_sample = min(chunk, 1_000)
    explained = 0
    escalated = arrears = rows = 0
    collect = gc.isenabled()
    for start in range(0, total, chunk):
        raws = [_owner(n, rng) for n in range(start, min(total, start + chunk))]
        rows += sum(len(r["bills"]) + len(r["payments"]) + len(r["actions"]) for r in raws)
        tp = time.perf_counter()
        plain.validate_python(raws)
        t0 = time.perf_counter()
        t_plain += t0 - tp
        accounts = adapter.validate_python(raws)
        t1 = time.perf_counter()
        decisions = collection_statuses(accounts, as_of=AS_OF, policy=VK)
        t2 = time.perf_counter()
        for d in decisions:
            out = d.outcome
            arrears += out.oldest_unpaid is not None
        t3 = time.perf_counter()
        sample = collection_statuses(accounts[:explain_sample], as_of=AS_OF, policy=VK)
        t4 = time.perf_counter()
        for d in sample:
            d.explanation.en  # noqa: B018 - both texts written from the decision's atoms
            d.explanation.zh  # noqa: B018
        t_explain += time.perf_counter() - t4
        explained += len(sample)
        escalated += sum(d.escalation is not None for d in decisions)
        t_validate += t1 - t0
        t_decide += t2 - t1
        t_read += t3 - t2
        del raws, accounts, decisions
        if collect:
            gc.collect()
    ratio = t_decide / t_validate
    ratio_read = (t_decide + t_read) / t_validate
    print("| step | owners | time | per owner | ratio to validate |")
    print("|---|---:|---:|---:|---:|")
    print(f"| validate (pydantic) | {total:,} | {t_validate:.2f} s | "
          f"{t_validate / total * 1e6:.1f} us | 1.00x |")
    print(f"| validate, pydantic's own types only | {total:,} | {t_plain:.2f} s | "
          f"{t_plain / total * 1e6:.1f} us | {t_plain / t_validate:.2f}x |")
    print(f"| decide (arrears, ladder, expiries) | {total:,} | {t_decide:.2f} s | "
          f"{t_decide / total * 1e6:.1f} us | {ratio:.2f}x |")
    print(f"| decide + read every outcome | {total:,} | {t_decide + t_read:.2f} s | "
          f"{(t_decide + t_read) / total * 1e6:.1f} us | {ratio_read:.2f}x |")
    bare = t_decide / total
    with_text = bare + t_explain / explained
    print(f"| decide + read the explanation (en, zh; {explained:,} owners) | {explained:,} | "
          f"- | {with_text * 1e6:.1f} us | {with_text / bare:.2f}x of decide |")
    met = ratio <= 2.0 and with_text / bare <= 3.0
    print(f"\n{total:,} owners, {rows:,} facts ({rows / total:.1f} per owner), 24 bills each; "
          f"{arrears:,} in arrears, {escalated:,} escalated (VK-FEE-LIMIT); chunks of "
          f"{chunk:,}. Targets decide <= 2x validate ({ratio:.2f}x) and explained <= 3x decide "
          f"({with_text / bare:.2f}x): {'met' if met else 'MISSED'}.")
    return 0 if met else 1


def job(cases: int, owners_per_case: int, repeat: int = 3) -> dict[str, float]:
    """Issue 12: ``propmgmt-rules fees CASES.jsonl --json`` run in this process against
    pydantic's own JSON round trip of the same documents (``FeeCase.model_validate_json`` of
    each line, ``model_dump_json`` of each decision, read back from its JSON beforehand),
    alternate runs, best of ``repeat`` each, CPU microseconds per case
    (``bench_cli.job_against_round_trip``)."""
    import json
    import tempfile
    from pathlib import Path

    from bench_cli import job_against_round_trip  # benchmarks/ is on the path

    rng = random.Random(20251206)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "cases.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(cases):
                accounts = [_owner(i * owners_per_case + k, rng) for k in range(owners_per_case)]
                case = {"id": f"k{i}", "policy": "vk", "as_of": AS_OF.isoformat(),
                        "accounts": accounts}
                f.write(json.dumps(case, ensure_ascii=False) + "\n")
        r = job_against_round_trip("fees", path, repeat)
    return {k: v * 1e6 for k, v in r.items() if k != "decisions_per_case"}


def job_table(quick: bool = False) -> int:
    """The ``fees`` JSON Lines job against pydantic's round trip (target: at most 3x)."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    print("| cases | owners / case | validate_json µs | dump_json µs | round trip µs | "
          "the job µs | job / round trip |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    status = 0
    for cases, per in (((200, 1), (20, 10)) if quick else ((2_000, 1), (200, 10))):
        j = job(cases, per)
        ratio = j["job"] / j["round_trip"]
        print(f"| {cases:,} | {per} | {j['validate']:.0f} | {j['dump']:.0f} | "
              f"{j['round_trip']:.0f} | {j['job']:.0f} | {ratio:.2f} |", flush=True)
        status |= ratio > 3
    return status


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--owners", type=int)
    ap.add_argument("--chunk", type=int, default=10_000)
    ap.add_argument("--job", action="store_true",
                    help="the JSON Lines job against pydantic's round trip (issue 12)")
    args = ap.parse_args()
    if args.job:
        sys.exit(job_table(quick=args.quick))
    sys.exit(main(quick=args.quick, owners=args.owners, chunk=args.chunk))
