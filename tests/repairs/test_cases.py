"""Repair case files and the command line (`propmgmt-rules repair`), batch evaluation, and the
status of every obligation at an instant."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from propmgmt_rules import ObligationState
from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.cli import main
from propmgmt_rules.repairs import RepairDecision
from propmgmt_rules.repairs.cases import RepairCase, evaluate, evaluate_batch

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "propmgmt_rules" / "examples" / "repair"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def _case(**kw: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "c1",
        "as_of": "2025-03-08T12:00:00+08:00",
        "requests": [{"id": "R1", "received_at": "2025-03-07T09:00:00+08:00", "name": "王女士",
                      "address": "3-2-601", "phone": "13800000000", "content": "漏水",
                      "urgent": True}],
    }
    data.update(kw)
    return data


def test_repair_is_a_case_kind_of_the_command_line() -> None:
    assert CASE_KINDS["repair"].decision is RepairDecision


def test_examples_of_the_repair_kind_all_evaluate() -> None:
    status, out, err = run("examples", "--kind", "repair")
    assert status == 0, err
    for rule in ("OM-R3", "OM-R4", "SQ-R1", "OM-RV1", "OM-RV2", "OM-RV3", "OM-RV4", "SQ-RV",
                 "MI-4.4.7"):
        assert rule in out, rule
    assert "回访" in out


def test_examples_as_json_lines_are_repair_decisions() -> None:
    status, out, _ = run("examples", "--kind", "repair", "--json")
    assert status == 0
    for line in out.splitlines():
        d = RepairDecision.model_validate_json(line)
        assert d.kind.startswith("repair.")


def test_the_leak_example_tells_its_story() -> None:
    case = RepairCase.model_validate_json((EXAMPLES / "leak_from_call_to_redo.json").read_text(
        encoding="utf-8"))
    decisions = evaluate(case)
    status = decisions[-1].outcome
    assert status.what == "status"
    states = {o.key: o.state for o in status.obligations}
    assert states["R1:intake"] is ObligationState.MET
    assert states["R1:appointment[0]"] is ObligationState.MET  # told 11:30, before 14:00
    assert states["V1:rectification_notice"] is ObligationState.BREACHED  # written 25 h later
    assert states["V1:redo"] is ObligationState.MET


def test_a_case_file_with_a_missing_phone_reports_the_field(tmp_path: Path) -> None:
    bad = _case()
    del bad["requests"][0]["phone"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([bad, _case(id="ok")]), encoding="utf-8")
    status, out, err = run("repair", str(path))
    assert status == 1
    assert "requests[0].phone: Field required" in err
    assert "== ok:" in out


def test_json_lines_batch_in_gives_json_lines_out(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(json.dumps(_case(id=f"c{i}")) for i in range(3)) + "\n",
                    encoding="utf-8")
    status, out, _ = run("repair", str(path))
    assert status == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["subject"].split(":")[0] for r in records} == {"c0", "c1", "c2"}


def test_schema_of_the_repair_case_and_decision() -> None:
    status, out, _ = run("schema", "repair")
    assert status == 0
    assert "requests" in json.loads(out)["properties"]
    status, out, _ = run("schema", "repair", "--decision")
    assert status == 0
    assert "outcome" in json.loads(out)["properties"]


def test_a_revisit_of_an_unknown_repair_is_an_error_naming_the_field() -> None:
    with pytest.raises(ValidationError, match=r"revisits\[0\]\.repair"):
        RepairCase.model_validate(_case(revisits=[{"id": "V1", "repair": "R9",
                                                   "at": "2025-03-08T10:00:00+08:00",
                                                   "by": "x", "role": "repair_lead"}]))


def test_duplicate_ids_are_refused() -> None:
    req = _case()["requests"][0]
    with pytest.raises(ValidationError, match="given twice"):
        RepairCase.model_validate(_case(requests=[req, req]))


def test_an_unknown_policy_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown repair policy"):
        RepairCase.model_validate(_case(policy="shanghai"))


def test_handovers_under_a_policy_without_mi_4_4_7_are_refused() -> None:
    from propmgmt_rules import InputError

    case = RepairCase.model_validate(_case(policy="property-office", handovers=[
        {"id": "H1", "unit": "1-101", "owner": "x", "inspected_at": "2025-03-01T10:00:00+08:00"}
    ]))
    with pytest.raises(InputError, match="handovers"):
        evaluate(case)


def test_batch_evaluation_is_the_cases_in_order() -> None:
    cases = [RepairCase.model_validate(_case(id=f"c{i}")) for i in range(3)]
    out = evaluate_batch(cases)
    assert [d.subject.split(":")[0] for d in out] == ["c0", "c0", "c0", "c1", "c1", "c1",
                                                      "c2", "c2", "c2"]


def test_status_lists_every_obligation_with_its_state_at_as_of() -> None:
    case = RepairCase.model_validate(_case())  # urgent, not passed on: breached at once
    status = evaluate(case)[-1]
    assert status.kind == "repair.status"
    assert [(o.key, o.state) for o in status.outcome.obligations] == [
        ("R1:intake", ObligationState.BREACHED)
    ]
    assert status.outcome.breached == 1


def test_every_obligation_is_the_shared_obligation_status_and_loads_back_typed() -> None:
    """Issue 12: repairs report their obligations in the library's one ObligationStatus
    (stable role keys, bilingual duty and role names, the rules as a tuple); a stored
    decision loads back into its typed model with the same JSON."""
    from propmgmt_rules import load_decision
    from propmgmt_rules.obligation import ObligationStatus
    from propmgmt_rules.repairs import RepairStatusDecision

    raw = json.loads((EXAMPLES / "leak_from_call_to_redo.json").read_text("utf-8"))
    decisions = evaluate(RepairCase.model_validate(raw))
    status = decisions[-1]
    assert isinstance(status, RepairStatusDecision)
    assert status.outcome.obligations
    for ob in status.outcome.obligations:
        assert isinstance(ob, ObligationStatus)
        assert len(ob.rules) == 1
        assert ob.owed_by.isidentifier()
        assert ob.owed_by_name.zh
    for d in decisions:
        back = load_decision(d.to_json())
        assert type(back) is type(d)
        assert back.to_json() == d.to_json()
