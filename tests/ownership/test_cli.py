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
