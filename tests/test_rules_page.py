"""``docs/rules.md`` lists every rule id with its code, its tests and its docs, and is what
``python -m tests.rules_page --write`` writes today (issue 12: from a rule id to its code in one
hop)."""

from __future__ import annotations

from propmgmt_rules import RULES
from tests.rules_page import PAGE, render


def test_the_rules_page_is_up_to_date() -> None:
    assert PAGE.is_file(), "docs/rules.md is missing: python -m tests.rules_page --write"
    assert PAGE.read_text(encoding="utf-8") == render(), (
        "docs/rules.md is out of date: python -m tests.rules_page --write")


def test_the_rules_page_lists_every_rule_with_its_code() -> None:
    text = render()
    for rule in RULES.values():
        line = next(line for line in text.splitlines() if line.startswith(f"| `{rule.id}` |"))
        for path in rule.decided_in:
            assert path.removeprefix("propmgmt_rules.") in line
