"""Golden snapshots: every bundled example case's full decisions, stored and compared.

One file per example case, ``tests/snapshots/<kind>/<example file>-<n>.json``: the case's
source and id, and each decision exactly as ``Decision.to_json()`` writes it (outcome,
rules, facts used and set aside, basis, escalation, the English and Chinese explanations),
as indented JSON with Chinese written as is, so that a change reads as a diff. The only
change of form: each explanation (``explanation.en``, ``explanation.zh``) is stored as a list
of its lines.

``tests/test_snapshots.py`` compares them with what the code decides today. After a change
meant to alter decisions, refresh them with the one command (from the project's root)::

    python -m tests.snapshots --refresh

then read ``git diff tests/snapshots`` as the decisions' users would, and commit it with the
change. ``python -m tests.snapshots`` alone lists what differs without writing.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent


def example_cases() -> list[tuple[str, str, int, Any]]:
    """(kind, example file name, position, raw case) of every bundled example case."""
    from propmgmt_rules.cli import JSON_LINES_SUFFIXES

    found: list[tuple[str, str, int, Any]] = []
    root = resources.files("propmgmt_rules").joinpath("examples")
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir():
            continue
        for f in sorted(folder.iterdir(), key=lambda p: p.name):
            text = f.read_text(encoding="utf-8")
            if f.name.lower().endswith(JSON_LINES_SUFFIXES):
                raws = [json.loads(line) for line in text.splitlines() if line.strip()]
            elif f.name.endswith(".json"):
                data = json.loads(text)
                raws = data if isinstance(data, list) else [data]
            else:
                continue
            found.extend((folder.name, f.name, n, raw) for n, raw in enumerate(raws, 1))
    return found


def snapshot_path(kind: str, file_name: str, n: int) -> Path:
    """Where the snapshot of the n-th case of an example file is kept."""
    stem = file_name.rsplit(".", 1)[0]
    return ROOT / kind / f"{stem}-{n}.json"


def _readable(decision: dict[str, Any]) -> dict[str, Any]:
    explanation = decision.get("explanation")
    if isinstance(explanation, dict):
        decision["explanation"] = {k: v.split("\n") if isinstance(v, str) else v
                                   for k, v in explanation.items()}
    return decision


def render(kind: str, file_name: str, n: int, raw: Any) -> str:
    """The snapshot text of one example case, from what the code decides today."""
    from propmgmt_rules.cases import CASE_KINDS
    from propmgmt_rules.validation import validate

    job = CASE_KINDS[kind]
    decisions = job.evaluate(validate(job.model, raw))
    body = {
        "source": f"examples/{kind}/{file_name}",
        "case": n,
        "id": raw.get("id") if isinstance(raw, dict) else None,
        "decisions": [_readable(json.loads(d.to_json())) for d in decisions],
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def current() -> dict[Path, str]:
    """Every snapshot as the code writes it today, by path."""
    return {snapshot_path(kind, name, n): render(kind, name, n, raw)
            for kind, name, n, raw in example_cases()}


def stored() -> dict[Path, str]:
    """Every snapshot kept in the repository, by path."""
    return {p: p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("*/*.json"))}
