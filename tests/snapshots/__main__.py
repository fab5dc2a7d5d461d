"""``python -m tests.snapshots [--refresh]``: compare (or rewrite) the golden snapshots."""

from __future__ import annotations

import argparse
import sys

from . import ROOT, current, stored


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.snapshots", description=__doc__)
    ap.add_argument("--refresh", action="store_true",
                    help="write every snapshot from what the code decides today")
    args = ap.parse_args(argv)
    now, kept = current(), stored()
    changed = sorted(p for p in now if kept.get(p) != now[p])
    orphans = sorted(p for p in kept if p not in now)
    for p in changed:
        print(("new      " if p not in kept else "changed  ") + str(p.relative_to(ROOT)))
    for p in orphans:
        print("orphan   " + str(p.relative_to(ROOT)))
    if not args.refresh:
        print(f"{len(now)} snapshots, {len(changed)} differ, {len(orphans)} orphans"
              + (" (python -m tests.snapshots --refresh rewrites them)"
                 if changed or orphans else ""))
        return 1 if changed or orphans else 0
    for p in changed:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(now[p], encoding="utf-8")
    for p in orphans:
        p.unlink()
    print(f"{len(now)} snapshots: {len(changed)} written, {len(orphans)} removed; "
          "review them with: git diff tests/snapshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
