"""Do two versions of the complaint engine decide alike? Export the decisions of the complaint
benchmark's generator with one version, then with the other, and compare.

    PYTHONPATH=/path/to/old/src python benchmarks/complaints_identity.py export old.tsv
    python benchmarks/complaints_identity.py export new.tsv
    python benchmarks/complaints_identity.py compare old.tsv new.tsv

Every generated complaint (``--size``, default 100,000; the benchmark's generator and seed)
is decided under both presets at two instants by ``evaluate_many`` (the bulk path); a sample
(``--sample``, default 5,000) also by ``status()`` with its full explanation, ``classify()``
and ``obligations()``. Each decision's JSON is written as a SHA-1 of its normalised form, so
two exports compare line by line.

The normalised form is the JSON itself, but for one deliberate change of shape (issue 12):
obligations are the shared :class:`~propmgmt_rules.obligation.ObligationStatus`. Both
shapes are read into the fields they share: the old ``kind`` is the new ``key``, the plan's
``late_approval`` its ``approval_needed``, its ``anchor`` (``handled``, not started) its
``waiting_for``; what only one shape has (``duty``, ``owed_by_name``, ``start`` of a status;
``span`` of a plan item) is left out
(the tests check those on their own). Everything else, explanations included, must be byte
for byte the same.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
SH = ZoneInfo("Asia/Shanghai")
INSTANTS = (datetime(2025, 10, 9, 15, 0, tzinfo=SH), datetime(2025, 11, 20, 9, 30, tzinfo=SH))

_STATUS_FIELDS = ("kind", "owed_by", "to", "rules", "state", "due", "done_at", "original_due",
                  "breached_due", "late_by", "remaining", "slack", "paused", "approval_needed",
                  "waiting_for", "person")
_PLAN_FIELDS = ("kind", "owed_by", "to", "rules", "start", "due", "approval_needed",
                "waiting_for", "person")


def _obligation(o: dict[str, Any], plan: bool) -> dict[str, Any]:
    o = dict(o)
    if "key" in o:
        o["kind"] = o.pop("key")
    if "late_approval" in o:
        o["approval_needed"] = o.pop("late_approval")
    if "anchor" in o:  # the old plan's: counted from the handling, not known at receipt
        anchor = o.pop("anchor")
        o["waiting_for"] = anchor if anchor != "receipt" and o.get("start") is None else None
    return {k: o.get(k) for k in (_PLAN_FIELDS if plan else _STATUS_FIELDS)}


def normalised(json_text: str) -> str:
    d = json.loads(json_text)
    outcome = d.get("outcome")
    if isinstance(outcome, dict) and "obligations" in outcome:
        plan = d["kind"] == "complaint.obligations"
        outcome["obligations"] = [_obligation(o, plan) for o in outcome["obligations"]]
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def _digest(json_text: str) -> str:
    return hashlib.sha1(normalised(json_text).encode()).hexdigest()


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("bench_complaints",
                                                  HERE / "bench_complaints.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def export(out: Path, size: int, sample: int) -> None:
    from propmgmt_rules.complaints import (
        NANJING,
        PROCEDURE_5,
        classify,
        evaluate_many,
        obligations,
        status,
    )
    from propmgmt_rules.complaints.cases import ComplaintCase

    bench = _generator()
    rng = random.Random(20251123)
    cases = [ComplaintCase.model_validate(bench._raw(rng, i)) for i in range(size)]
    pairs = [(c.complaint, c.history) for c in cases]
    with out.open("w", encoding="utf-8") as f:
        for policy in (PROCEDURE_5, NANJING):
            for as_of in INSTANTS:
                # the history's events up to the first instant only: the generator's
                ds = evaluate_many(pairs, as_of=as_of, policy=policy)
                for i, d in enumerate(ds):
                    f.write(f"bulk\t{policy.name}\t{as_of.isoformat()}\t{i}\t"
                            f"{_digest(d.to_json())}\n")
                for i, (c, h) in enumerate(pairs[:sample]):
                    d = status(c, h, as_of=as_of, policy=policy)
                    f.write(f"status\t{policy.name}\t{as_of.isoformat()}\t{i}\t"
                            f"{_digest(d.to_json())}\n")
            for i, (c, _) in enumerate(pairs[:sample]):
                f.write(f"classify\t{policy.name}\t-\t{i}\t"
                        f"{_digest(classify(c, policy=policy).to_json())}\n")
                f.write(f"obligations\t{policy.name}\t-\t{i}\t"
                        f"{_digest(obligations(c, policy=policy).to_json())}\n")


def compare(a: Path, b: Path) -> int:
    left = a.read_text(encoding="utf-8").splitlines()
    right = b.read_text(encoding="utf-8").splitlines()
    if len(left) != len(right):
        print(f"{len(left)} decisions against {len(right)}")
        return 1
    differ = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
    kinds: dict[str, int] = {}
    for x, _ in differ:
        kinds[x.split("\t")[0]] = kinds.get(x.split("\t")[0], 0) + 1
    print(f"{len(left):,} decisions, {len(differ):,} differ {kinds or ''}")
    for x, y in differ[:10]:
        print(" ", x, "|", y.rsplit("\t", 1)[-1])
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("export")
    ex.add_argument("out", type=Path)
    ex.add_argument("--size", type=int, default=100_000)
    ex.add_argument("--sample", type=int, default=5_000)
    cmp = sub.add_parser("compare")
    cmp.add_argument("a", type=Path)
    cmp.add_argument("b", type=Path)
    args = ap.parse_args()
    if args.command == "export":
        export(args.out, args.size, args.sample)
        return 0
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
