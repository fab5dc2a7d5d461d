"""The rule registry against the catalog and the code.

* every id the code cites is in the registry (no decision can cite a rule that does not exist);
* every registry id is in the catalog (spec/RULES.md, a copy of ../shared/spec/RULES.md);
* the command line prints the registry as a JSON list of objects with id, source, text, summary.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import io
import json
import re
from pathlib import Path

import pytest

from propmgmt_rules import RULES, InputError, get_rule
from propmgmt_rules.cli import main

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "propmgmt_rules"
CATALOG = ROOT / "spec" / "RULES.md"
SHARED_CATALOG = ROOT.parent / "shared" / "spec" / "RULES.md"
PREFIXES = "T|CC|CA|OM|SD|CQ|CP|MI|SQ|VK|COM"
ID = re.compile(
    rf"(?<![A-Za-z0-9.\-])((?:{PREFIXES})-[A-Z0-9](?:[A-Z0-9.\-]*[A-Z0-9])?)(?![A-Za-z0-9\-])"
)
NOT_RULE_IDS: set[str] = set()


def _catalog_ids() -> set[str]:
    ids: set[str] = set()
    for line in CATALOG.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `([A-Z]{1,3}-[A-Z0-9.\-]+)`(?: / `([A-Z]{1,3}-[A-Z0-9.\-]+)`)?", line)
        if m:
            ids.update(x for x in m.groups() if x)
    return ids


def _cited_ids() -> dict[str, list[str]]:
    """Rule ids in the string constants of the code (docstrings included), by id."""
    cited: dict[str, list[str]] = {}
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for m in ID.findall(node.value):
                    if m not in NOT_RULE_IDS:
                        cited.setdefault(m, []).append(f"{path.relative_to(SRC)}:{node.lineno}")
    return cited


def test_vendored_catalog_matches_the_shared_one() -> None:
    if not SHARED_CATALOG.is_file():
        pytest.skip("../shared/spec/RULES.md is not beside this checkout")
    assert CATALOG.read_text(encoding="utf-8") == SHARED_CATALOG.read_text(encoding="utf-8")


def test_every_registry_id_is_in_the_catalog() -> None:
    assert set(RULES) <= _catalog_ids()


def test_every_id_the_code_cites_is_in_the_registry() -> None:
    cited = _cited_ids()
    assert "T-WORKING-DAYS" in cited  # the scan sees the code's citations
    unknown = {rule: where for rule, where in cited.items() if rule not in RULES}
    assert unknown == {}


def test_every_t_rule_is_registered() -> None:
    t_rules = {i for i in _catalog_ids() if i.startswith("T-")}
    assert "T-DAYS" in t_rules  # the catalog scan sees section 1
    missing = t_rules - set(RULES)
    assert missing == set(), f"T- rules of the catalog not registered: {sorted(missing)}"
    assert {i for i in RULES if i.startswith("T-")} == t_rules


def test_rule_records_are_complete() -> None:
    for rule in RULES.values():
        assert all((rule.source, rule.clause, rule.text, rule.summary)), rule.id
        assert re.search(r"[\u4e00-\u9fff]", rule.text), f"{rule.id}: needs the Chinese wording"


def test_unknown_rule_is_an_error_naming_the_field() -> None:
    with pytest.raises(InputError, match="rule_id"):
        get_rule("XX-1")


def test_cli_rules_json_lists_objects_with_id_source_text_summary() -> None:
    out = io.StringIO()
    assert main(["rules", "--json"], out=out) == 0
    data = json.loads(out.getvalue())
    assert isinstance(data, list)
    assert {r["id"] for r in data} == set(RULES)
    for item in data:
        assert {"id", "source", "text", "summary"} <= set(item)


def test_cli_rules_table_is_readable_and_filterable() -> None:
    out = io.StringIO()
    assert main(["rules", "--prefix", "T"], out=out) == 0
    text = out.getvalue()
    assert "T-MONTHS" in text
    assert "个月" in text
    assert f"{sum(1 for r in RULES if r.startswith('T-'))} rules" in text


def resolve_code(path: str) -> object:
    """The object a dotted import path names: the longest importable module, then its
    attributes (a function, or a class's method)."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ModuleNotFoundError(path)


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_names_the_functions_that_decide_it(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.decided_in, f"{rule_id}: decided_in names no function"
    assert len(set(rule.decided_in)) == len(rule.decided_in)
    for path in rule.decided_in:
        assert path.startswith("propmgmt_rules."), path
        code = resolve_code(path)
        if isinstance(code, property):  # a property of a model: its getter decides
            code = code.fget
        code = inspect.unwrap(code)  # type: ignore[arg-type]  (a memo's function)
        assert inspect.isfunction(code) or inspect.ismethod(code), f"{path}: not a function"


def test_a_decided_in_table_names_only_rules_of_its_area() -> None:
    from propmgmt_rules.rule import Rule, with_code

    rule = Rule(id="T-DAYS", area="time", source="s", clause="c", text="日", summary="s")
    with pytest.raises(KeyError, match="T-MONTHS"):
        with_code((rule,), {"T-MONTHS": ("propmgmt_rules.time.deadline.deadline",)})
