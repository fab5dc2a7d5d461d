"""Golden snapshots (issue 11): every bundled example case's full decisions, as stored under
``tests/snapshots/`` (one indented JSON file per case, explanations in both languages), must
be what the code decides today.

A deliberate change of decisions refreshes them with one command, from the project's root::

    python -m tests.snapshots --refresh

then ``git diff tests/snapshots`` is read as the decisions' users would read it, and
committed with the change (see ``tests/snapshots/__init__.py`` and docs/reliability.md).
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from tests.snapshots import ROOT, current, stored

NOW = current()
KEPT = stored()


def test_every_example_case_has_a_snapshot_and_every_snapshot_an_example() -> None:
    missing = sorted(str(p.relative_to(ROOT)) for p in NOW if p not in KEPT)
    orphans = sorted(str(p.relative_to(ROOT)) for p in KEPT if p not in NOW)
    assert (missing, orphans) == ([], []), "python -m tests.snapshots --refresh"
    assert len(NOW) >= 30


@pytest.mark.parametrize("path", sorted(NOW), ids=lambda p: str(p.relative_to(ROOT)))
def test_the_decisions_are_the_stored_snapshot(path: Path) -> None:
    if path not in KEPT:
        pytest.fail(f"no snapshot {path.relative_to(ROOT)}: python -m tests.snapshots --refresh")
    if NOW[path] != KEPT[path]:
        diff = "".join(list(difflib.unified_diff(
            KEPT[path].splitlines(keepends=True), NOW[path].splitlines(keepends=True),
            "stored", "decided today", n=2))[:80])
        pytest.fail(f"{path.relative_to(ROOT)} differs (if meant: python -m tests.snapshots "
                    f"--refresh, then review git diff):\n{diff}")


def test_a_snapshot_is_the_decision_json_with_explanations_as_lines() -> None:
    from propmgmt_rules.cases import CASE_KINDS, validate_case
    from tests.snapshots import example_cases, snapshot_path

    kind, name, n, raw = example_cases()[0]
    stored_json = json.loads(KEPT[snapshot_path(kind, name, n)])
    decision = CASE_KINDS[kind].evaluate(validate_case(kind, raw))[0]
    again = stored_json["decisions"][0]
    again["explanation"] = {k: "\n".join(v) for k, v in again["explanation"].items()}
    assert again == json.loads(decision.to_json())
