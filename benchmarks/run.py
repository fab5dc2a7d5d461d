"""Run the benchmarks: ``python benchmarks/run.py [AREA ...] [--quick]``.

Each ``benchmarks/bench_<area>.py`` exposes ``main(quick: bool) -> int`` and prints its own
table; this runner runs them all (or the named areas) in one process, one after the other.
Install the ``bench`` extra first for the comparisons: ``pip install '.[bench]'``.
Numbers are recorded in docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("areas", nargs="*", help="e.g. time ownership complaints repairs")
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = ap.parse_args()
    files = sorted(HERE.glob("bench_*.py"))
    if args.areas:
        files = [f for f in files if f.stem.removeprefix("bench_") in args.areas]
    print(f"# Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    status = 0
    for f in files:
        print(f"\n## {f.stem.removeprefix('bench_')}\n", flush=True)
        status |= _load(f).main(quick=args.quick)
    return status


if __name__ == "__main__":
    sys.exit(main())
