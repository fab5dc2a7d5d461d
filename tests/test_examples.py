"""Every bundled example case, through every area: the decisions are well-formed.

For each decision the bundled examples produce: it cites only registered rules, explains
itself in English and in Chinese, and survives its versioned JSON form unchanged.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from propmgmt_rules import RULES, Decision
from propmgmt_rules.cases import CASE_KINDS

HAN = re.compile(r"[\u4e00-\u9fff]")


def _cases() -> list[tuple[str, str, object]]:
    found: list[tuple[str, str, object]] = []
    root = resources.files("propmgmt_rules").joinpath("examples")
    for kind in sorted(CASE_KINDS):
        folder = root.joinpath(kind)
        assert folder.is_dir(), f"no bundled examples for the {kind} job"
        for f in sorted(folder.iterdir(), key=lambda p: p.name):
            text = f.read_text(encoding="utf-8")
            if f.name.endswith(".jsonl"):
                raws = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                data = json.loads(text)
                raws = data if isinstance(data, list) else [data]
            found.extend((kind, f"{f.name}#{i}", raw) for i, raw in enumerate(raws, 1))
    return found


CASES = _cases()


def test_every_job_has_examples() -> None:
    assert {kind for kind, _, _ in CASES} == set(CASE_KINDS)


@pytest.mark.parametrize(("kind", "where", "raw"), CASES, ids=[f"{k}:{w}" for k, w, _ in CASES])
def test_example_decisions_are_well_formed(kind: str, where: str, raw: object) -> None:
    job = CASE_KINDS[kind]
    decisions = job.evaluate(job.model.model_validate(raw))
    assert decisions, f"{where} gave no decision"
    for d in decisions:
        assert isinstance(d, Decision)
        unknown = [r for r in d.cited_rules() if r not in RULES]
        assert unknown == [], f"{where}: cites unregistered rules"
        assert d.decided_by, f"{where}: a decision names the rules that decided it"
        assert d.explanation.en.strip()
        assert HAN.search(d.explanation.zh), f"{where}: the Chinese explanation is missing"
        again = type(d).model_validate_json(d.to_json())
        assert again.to_json() == d.to_json()
