"""The command line on ownership cases: the bundled examples, JSON Lines batches, the schema."""

from __future__ import annotations

import io
import json
from pathlib import Path

from propmgmt_rules.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "propmgmt_rules" / "examples" / "ownership"


def test_the_bundled_ownership_examples_run() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["examples", "--kind", "ownership"], out=out, err=err) == 0, err.getvalue()
    text = out.getvalue()
    assert "SD-7.4" in text
    assert "ESCALATION" in text
    assert "provisional until" in text


def test_a_json_lines_batch_gives_json_lines() -> None:
    out = io.StringIO()
    assert main(["ownership", str(EXAMPLES / "batch.jsonl")], out=out) == 0
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [x["outcome"]["owners"][0]["party"] if x["outcome"]["owners"] else None
            for x in lines] == ["A", "B", None, "A"]
    assert lines[2]["escalation"]["rules"] == ["CC-4.2", "CC-10.1", "CC-11"]


def test_a_bad_case_is_reported_with_its_record_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "book": {"receptions": [
        {"id": "R12", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00"}]}}) + "\n",
        encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["ownership", str(bad)], out=out, err=err) == 1
    record = json.loads(out.getvalue())
    assert record["errors"][0]["field"] == "book.receptions[R12].at"


def test_the_case_schema_is_available() -> None:
    out = io.StringIO()
    assert main(["schema", "ownership"], out=out) == 0
    schema = json.loads(out.getvalue())
    assert "RegistrationBook" in schema["$defs"]


def test_the_decision_schema_covers_every_decision_the_job_prints() -> None:
    out = io.StringIO()
    assert main(["schema", "ownership", "--decision"], out=out) == 0
    schema = json.loads(out.getvalue())
    assert {"OwnershipDecision", "CommissionDecision", "RotationDecision"} <= set(schema["$defs"])
    assert schema["discriminator"]["propertyName"] == "kind"
    assert set(schema["discriminator"]["mapping"]) == {
        "ownership.client", "ownership.commission", "ownership.rotation"}


def test_a_cases_decisions_are_the_engines_titled_by_the_case() -> None:
    """A case gives the engine's decisions, each subject after the case's id (what
    ``model_copy(update={"subject": ...})`` of the engine's own decision gives, field for
    field and in JSON), in the order asked: the questions, the settlement (SD-7.4's
    household and COM-SPLIT's deal of the payroll example), then the rotation (SD-3.1); and
    titling them changes nothing the engine or a later case sees."""
    from propmgmt_rules.ownership import decide_ownership, settle, split_commission
    from propmgmt_rules.ownership.cases import OwnershipCase, evaluate
    from propmgmt_rules.ownership.rotation import run_rotation

    payroll = json.loads((EXAMPLES / "payroll.json").read_text(encoding="utf-8"))
    rotation = json.loads((EXAMPLES / "rotation.json").read_text(encoding="utf-8"))
    deal_id = payroll["book"]["deals"][0]["id"]
    case = OwnershipCase.model_validate({
        **payroll, "rotation": rotation["rotation"],
        "questions": [{"client": "WIFE", "as_of": payroll["settle_as_of"]},
                      {"deal": deal_id}]})
    assert case.settle_as_of is not None
    assert case.rotation is not None
    b, rb = case.book, "SD"
    expected = [decide_ownership(b, "WIFE", as_of=case.settle_as_of, rulebook=rb),
                split_commission(b, deal_id, rulebook=rb),
                *settle(b, as_of=case.settle_as_of, rulebook=rb),
                *run_rotation(case.rotation.state, case.rotation.events, rulebook=rb)]
    expected = [d.model_copy(update={"subject": f"{case.id}: {d.subject}"}) for d in expected]
    for _ in range(2):  # a second evaluation of the same case: the same, nothing prefixed twice
        got = evaluate(case)
        assert [d.subject for d in got] == [d.subject for d in expected]
        assert all(d.subject.startswith(f"{case.id}: ") and f"{case.id}: {case.id}"
                   not in d.subject for d in got)
        assert got == expected
        assert [d.to_json() for d in got] == [d.to_json() for d in expected]
    again = settle(b, as_of=case.settle_as_of, rulebook=rb)  # the engine's own subjects
    assert all(not d.subject.startswith(case.id) for d in again)
