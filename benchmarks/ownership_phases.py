"""Where the ownership settlement spends its time: the book's index, the decisions, and the
garbage collector's share.

``python benchmarks/ownership_phases.py N [CC|SD] [--nogc]`` generates the benchmark's book of
``N`` rows (``bench_ownership.generate``), validates it, then (after ``gc.collect()`` and
``gc.freeze()``, as the benchmark's ``frozen`` policy) times building the index and deciding
every household and deal, counting the collections of each generation during the decisions
and their time. ``--nogc`` disables the collector instead: the engine's own cost.
"""

from __future__ import annotations

import gc
import importlib.util
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from propmgmt_rules.ownership import RegistrationBook, engine, presets  # noqa: E402
from propmgmt_rules.ownership._index import index_of  # noqa: E402


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_ownership", HERE / "bench_ownership.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    n = int(argv[0])
    rulebook = getattr(presets, argv[1] if len(argv) > 1 and argv[1] != "--nogc" else "CC")
    book = RegistrationBook.model_validate(_bench().generate(n))
    gc.collect()
    gc.freeze()
    if "--nogc" in argv:
        gc.disable()
    collections = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}
    started = [0.0]

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            entry = collections[info["generation"]]
            entry[0] += 1
            entry[1] += time.perf_counter() - started[0]

    as_of = engine._latest(book)
    t0 = time.perf_counter()
    index_of(book)  # built once per book, kept with it
    t1 = time.perf_counter()
    ctx = engine._context(book, rulebook, as_of)
    gc.callbacks.append(watch)
    decisions = engine._settle(ctx)
    t2 = time.perf_counter()
    gc.callbacks.remove(watch)
    print(f"rows {n:,}  rulebook {rulebook.name}  collector {'off' if '--nogc' in argv else 'on'}")
    print(f"index      {t1 - t0:7.3f} s  {1e6 * (t1 - t0) / n:6.2f} µs/row")
    print(f"decisions  {t2 - t1:7.3f} s  {1e6 * (t2 - t1) / n:6.2f} µs/row  ({len(decisions):,})")
    for generation, (count, seconds) in collections.items():
        print(f"  generation {generation} collections: {count:5d}  {seconds:7.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
