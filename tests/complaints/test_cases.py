"""The command line's complaint job: case files, JSON Lines, the schema, the bundled examples."""

from __future__ import annotations

import io
import json
from pathlib import Path

from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.cli import main

from .factory import BASE


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def _case(**extra: object) -> dict[str, object]:
    complaint = {**BASE, "received_at": "2025-01-24T19:30:00+08:00", "loss_amount": "0"}
    return {"id": "k1", "complaint": complaint, **extra}


def test_complaint_is_a_registered_case_kind() -> None:
    assert "complaint" in CASE_KINDS


def test_bundled_examples_run_including_the_friday_evening_before_the_holiday() -> None:
    status, out, err = run("examples", "--kind", "complaint")
    assert status == 0, err
    assert "Friday evening before the Spring Festival" in out
    assert "Sun 26 Jan 18:00" in out  # the make-up Sunday, close of business
    assert "1月26日(周日)18:00" in out
    assert "调休" not in err


def test_a_case_file_under_both_policies_side_by_side(tmp_path: Path) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(_case(policy=["procedure5", "nanjing"])), encoding="utf-8")
    status, out, _ = run("complaint", str(path), "--json")
    assert status == 0
    decisions = [json.loads(line) for line in out.splitlines()]
    assert [d["basis"]["name"] for d in decisions] == ["CP procedure 5", "SQ Nanjing plan"]
    assert all(d["format"] == "propmgmt.decision.v1" for d in decisions)


def test_json_lines_in_json_lines_out(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(json.dumps(_case()) + "\n" + json.dumps(_case(policy="mars")) + "\n",
                    encoding="utf-8")
    status, out, _ = run("complaint", str(path))
    assert status == 1
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["kind"] == "complaint.status"
    assert second["format"] == "propmgmt.error.v1"
    assert second["errors"][0]["field"].startswith("policy")


def test_schema_of_a_complaint_case() -> None:
    status, out, _ = run("schema", "complaint")
    assert status == 0
    assert {"complaint", "history", "as_of", "policy"} <= set(json.loads(out)["properties"])
