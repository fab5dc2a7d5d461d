"""The command line's ``fees`` job: case files in JSON and JSON Lines, the bundled examples,
the JSON Schema, and decisions loaded back into their typed models (`VK-FEE`,
`VK-FEE-LIMIT`, `SQ-FEES`, `MI-4.3.1`, `MI-4.3.2`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.cli import main
from propmgmt_rules.fees.cases import FeeCase, FeeCaseDecision, evaluate
from propmgmt_rules.fees.models import BillingDecision, CollectionDecision, MoveInDecision

CASE = {
    "id": "c1", "as_of": "2025-06-25T09:00:00+08:00",
    "accounts": [{"owner": "O1", "bills": [
        {"id": "B1", "period": "2025-01", "amount": "268.00", "due": "2025-01-31"}]}],
    "months": [{"month": "2025-06"}],
    "move_ins": [{"id": "M1", "owner": "O2", "move_in_on": "2025-06-16",
                  "deadline": "2025-06-20"}],
}


def run(*argv: str, stdin: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        import sys

        old = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            status = main(list(argv), out=out, err=err)
        finally:
            sys.stdin = old
    else:
        status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_the_fees_job_is_registered_with_its_rules() -> None:
    kind = CASE_KINDS["fees"]
    for rule in ("VK-FEE", "VK-FEE-LIMIT", "SQ-FEES", "MI-4.3.1", "MI-4.3.2"):
        assert rule in kind.summary


def test_a_case_gives_one_decision_per_account_month_and_move_in_in_that_order() -> None:
    decisions = evaluate(FeeCase.model_validate(CASE))
    assert [d.kind for d in decisions] == ["fees.collection", "fees.billing", "fees.move_in"]
    assert [d.subject for d in decisions] == ["c1: owner O1", "c1: billing month 2025-06",
                                             "c1: move-in M1"]


def test_a_case_file_prints_explained_decisions_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    status, out, err = run("fees", str(path))
    assert status == 0, err
    assert "== c1: owner O1  [VK-FEE, VK-FEE-LIMIT, T-MONTHS]" in out
    assert "ESCALATION to the office director: MI-4.3.2" in out
    assert "欠费268.00元" in out


def test_json_lines_in_give_json_lines_out_that_load_back_into_typed_decisions() -> None:
    bad = dict(CASE, id="bad", as_of="2025-06-25T09:00:00")
    lines = json.dumps(CASE) + "\n" + json.dumps(bad) + "\n"
    status, out, _ = run("fees", "-", stdin=lines)
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [r.get("kind") for r in records[:3]] == ["fees.collection", "fees.billing",
                                                    "fees.move_in"]
    assert records[3]["format"] == "propmgmt.error.v1"
    assert records[3]["errors"][0]["field"] == "as_of"
    adapter = TypeAdapter(FeeCaseDecision)
    typed = [adapter.validate_json(line) for line in out.splitlines()[:3]]
    assert [type(d) for d in typed] == [CollectionDecision, BillingDecision, MoveInDecision]
    assert [d.to_json() for d in typed] == out.splitlines()[:3]


def test_the_schema_of_a_fee_case_and_of_its_decisions() -> None:
    status, out, _ = run("schema", "fees")
    assert status == 0
    schema = json.loads(out)
    assert {"accounts", "months", "move_ins", "as_of", "policy"} <= set(schema["properties"])
    assert "as_of" in schema["required"]
    status, out, _ = run("schema", "fees", "--decision")
    text = out
    assert "fees.collection" in text
    assert "fees.move_in" in text
    assert "escalation" in text


def test_the_bundled_fee_examples_run() -> None:
    status, out, err = run("examples", "--kind", "fees")
    assert status == 0, err
    assert "ESCALATION to the office director: VK-FEE-LIMIT" in out
    assert "SQ-FEES" in out
    assert "MI-4.3.1" in out
    status, out, _ = run("examples", "--kind", "fees", "--json")
    assert all(json.loads(line)["format"] == "propmgmt.decision.v1" for line in out.splitlines())


def test_a_policy_without_the_rules_a_case_needs_is_an_error_naming_the_facts(
        tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(dict(CASE, policy="nanjing")), encoding="utf-8")
    status, _, err = run("fees", str(path))
    assert status == 1
    assert "accounts: VK-FEE is not part of fee policy 'nanjing'" in err


def test_vk_fee_an_explanation_is_written_from_its_atoms_without_the_outcome(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 12: reading a collection decision's explanation writes its sentences from what
    the decision is made of; the outcome's models (balances, rungs, expiries) are not built
    for it, and read afterwards they are the same as in a decision read whole."""
    from propmgmt_rules.fees import collection

    built: list[object] = []
    outcome = collection._outcome

    def counting(run: object) -> object:
        built.append(run)
        return outcome(run)  # type: ignore[arg-type]

    monkeypatch.setattr(collection, "_outcome", counting)
    case = FeeCase.model_validate({**CASE, "months": [], "move_ins": []})
    [d] = evaluate(case)
    assert not d.explanation.written
    assert "VK-FEE" in d.explanation.en
    assert "VK-FEE" in d.explanation.zh
    assert built == []
    assert d.outcome.arrears > 0
    assert len(built) == 1
    [again] = evaluate(case)
    assert again.to_json() == d.to_json()
