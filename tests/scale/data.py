"""Data for the scale tests: small books from the ownership benchmark's generator, complaints
from the complaint benchmark's, and the bundled repair cases (renamed into many)."""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REPAIR_EXAMPLES = ROOT / "src" / "propmgmt_rules" / "examples" / "repair"


@cache
def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_scale_{name}", ROOT / "benchmarks" /
                                                  f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def book_rows(n_rows: int, seed: int) -> dict[str, list[dict[str, Any]]]:
    """A generated registration book of about ``n_rows`` rows, as JSON-like data."""
    rows: dict[str, list[dict[str, Any]]] = _bench("bench_ownership").generate(n_rows, seed)
    return rows


def book_as_of() -> datetime:
    """An instant after every fact of a generated book (the benchmark's)."""
    bench = _bench("bench_ownership")
    start: datetime = bench.START
    return start + timedelta(days=bench.DAYS)


def complaint_items(n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` complaints with their histories, as JSON-like ``{"complaint", "history"}``."""
    import random

    bench = _bench("bench_complaints")
    rng = random.Random(seed)
    raws = [bench._raw(rng, seed * 100_000 + i) for i in range(n)]
    return [{"complaint": r["complaint"], "history": r["history"]} for r in raws]


def complaints_as_of() -> datetime:
    as_of: datetime = _bench("bench_complaints").AS_OF
    return as_of


def repair_cases() -> list[dict[str, Any]]:
    """The bundled repair example cases, as JSON-like data."""
    cases: list[dict[str, Any]] = []
    for path in sorted(REPAIR_EXAMPLES.iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            cases.extend(json.loads(line) for line in text.splitlines() if line.strip())
        else:
            cases.append(json.loads(text))
    return cases


def repair_partitions(n: int) -> dict[str, list[dict[str, Any]]]:
    """``n`` partitions of the example cases, each case's id made unique."""
    cases = repair_cases()
    return {f"estate-{p}": [{**c, "id": f"{c['id']}-{p}"} for c in cases] for p in range(n)}
