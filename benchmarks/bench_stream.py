"""Every command-line JSON Lines job streams (issue 12): its memory is flat in the number of
lines.

    python benchmarks/bench_stream.py [--quick] [--kinds time,complaint,...]

For each kind of case, the job ``propmgmt-rules KIND CASES.jsonl --json`` runs in a fresh
process on files of n, 4n and 16n lines, its output thrown away (``/dev/null``); the process's
peak resident memory (``VmHWM``, its own high-water mark) is reported for each size. The lines
come from each area's benchmark generator, so that they differ as a real stream's do
(instants, books, complaints, owners): the library's bounded memos fill while the stream is
young, then nothing grows. Target: from 4n to 16n lines, at most 5 MB more (flat: what stays
is bounded, not proportional to the lines). Exit status 1 if missed. Numbers are recorded in
docs/performance.md.

One more row, ``complaint (long)``: the complaint job on 20,000 / 80,000 / 320,000 lines.
New kinds of complaint keep appearing in the benchmark's stream (15,000 a policy in 200,000
lines, half of them under each policy); the memo of kinds keeps at most
``complaints._tables.FACTS_LIMIT`` of them a policy (the kinds seen first), and the long row
shows that nothing grows once it is full.

Sizes (n): time 5,000; complaint 5,000; fees 500 (one owner of 24 monthly bills a line);
ownership 250 (a book of about 40 rows a line); repair 300 (the bundled cases, ids made
unique). ``--quick`` divides them by 5.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path[:0] = [str(HERE), str(SRC)]

TARGET_MB = 5.0


def _time(path: Path, n: int) -> None:
    from bench_cli import write_time_cases

    write_time_cases(path, n)


def _complaint(path: Path, n: int) -> None:
    from bench_complaints import _write_cases

    _write_cases(path, n)


def _fees(path: Path, n: int) -> None:
    from bench_fees import AS_OF, _owner

    rng = random.Random(20251206)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            case = {"id": f"k{i}", "policy": "vk", "as_of": AS_OF.isoformat(),
                    "accounts": [_owner(i, rng)]}
            f.write(json.dumps(case, ensure_ascii=False) + "\n")


def _ownership(path: Path, n: int) -> None:
    from bench_ownership import write_cases

    write_cases(path, n)


def _repair(path: Path, n: int) -> None:
    from propmgmt_rules.cli import _example_files
    from propmgmt_rules.validation import parse_json

    cases: list[dict[str, object]] = []
    for name, text in _example_files("repair"):
        if name.endswith(".jsonl"):
            cases.extend(parse_json(line) for line in text.splitlines() if line.strip())
        else:
            data = parse_json(text)
            cases.extend(data if isinstance(data, list) else [data])
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            case = dict(cases[i % len(cases)])
            case["id"] = f"{case['id']}-{i}"
            f.write(json.dumps(case, ensure_ascii=False, default=str) + "\n")


KINDS: dict[str, tuple[Callable[[Path, int], None], int]] = {
    "time": (_time, 5_000),
    "complaint": (_complaint, 5_000),
    "complaint (long)": (_complaint, 20_000),
    "fees": (_fees, 500),
    "ownership": (_ownership, 250),
    "repair": (_repair, 300),
}


def peak_mb(kind: str, path: Path) -> float:
    """The peak resident memory (MB) of a fresh process running the job on ``path``."""
    kind = kind.split(" ", 1)[0]
    code = ("import os\n"
            "from propmgmt_rules.cli import main\n"
            "with open(os.devnull, 'w') as out:\n"
            f"    assert main([{kind!r}, {str(path)!r}, '--json'], out=out) == 0\n"
            "peak = [x for x in open('/proc/self/status') if x.startswith('VmHWM')]\n"
            "print(int(peak[0].split()[1]) / 1024)\n")
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env=env)
    return float(proc.stdout.strip().splitlines()[-1])


def main(quick: bool = False, kinds: list[str] | None = None) -> int:
    ok = True
    print("| job | lines n / 4n / 16n | peak RSS (MB) | 16n - 4n (MB) | flat (<= 5 MB) |")
    print("|---|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as folder:
        rows = [k for k in KINDS if kinds is None or k.split(" ", 1)[0] in kinds]
        for kind in rows:
            write, n = KINDS[kind]
            if quick:
                n = max(10, n // 5)
            sizes = (n, 4 * n, 16 * n)
            peaks = []
            for size in sizes:
                path = Path(folder) / f"{kind}{size}.jsonl"
                write(path, size)
                peaks.append(peak_mb(kind, path))
                path.unlink()
            grew = peaks[2] - peaks[1]
            flat = grew <= TARGET_MB
            ok &= flat
            print(f"| {kind} | {' / '.join(f'{s:,}' for s in sizes)} | "
                  f"{' / '.join(f'{p:.1f}' for p in peaks)} | {grew:+.1f} | "
                  f"{'yes' if flat else 'NO'} |", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    picked = next((a.split("=", 1)[1] for a in args if a.startswith("--kinds=")), None)
    sys.exit(main(quick="--quick" in args, kinds=picked.split(",") if picked else None))
