"""The command line: examples, case files (JSON and JSON Lines), errors, schema, deadline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from propmgmt_rules.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_examples_run_every_bundled_case_and_explain_in_both_languages() -> None:
    status, out, err = run("examples")
    assert status == 0, err
    assert "T-WORKING-DAYS" in out
    assert "截止" in out  # Chinese explanation
    assert "due:" in out  # English explanation


def test_examples_as_json_lines_are_versioned_decisions() -> None:
    status, out, _ = run("examples", "--kind", "time", "--json")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) >= 8
    assert all(d["format"] == "propmgmt.decision.v1" for d in lines)


def test_case_file_with_a_naive_datetime_reports_the_field_and_still_runs_the_rest(
    tmp_path: Path,
) -> None:
    cases = [
        {"id": "ok", "start": "2025-03-03T10:00:00+08:00", "span": "2 days"},
        {"id": "naive", "start": "2025-03-03T10:00:00", "span": "2 days"},
    ]
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(cases), encoding="utf-8")
    status, out, err = run("time", str(path))
    assert status == 1
    assert "== ok:" in out
    assert "case 2 (naive): start: Input should have timezone info" in err


def test_json_lines_in_gives_json_lines_out_with_error_records(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "a", "start": "2025-03-03T10:00:00+08:00", "span": "3个工作日"}\n'
        '{"id": "b", "start": "2025-03-03T10:00:00+08:00", "span": "soon"}\n'
        "not json\n",
        encoding="utf-8",
    )
    status, out, _ = run("time", str(path))
    assert status == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["outcome"]["due"] == "2025-03-07T00:00:00+08:00"
    assert records[1]["format"] == "propmgmt.error.v1"
    assert records[1]["errors"][0]["field"] == "span"
    assert records[2]["case"] == 3


def test_schema_of_a_case_file_and_of_its_decision() -> None:
    status, out, _ = run("schema", "time")
    assert status == 0
    schema = json.loads(out)
    assert {"start", "span", "calendar"} <= set(schema["properties"])
    status, out, _ = run("schema", "time", "--decision")
    assert "decided_by" in json.loads(out)["properties"]


def test_deadline_command() -> None:
    status, out, _ = run("deadline", "2025-01-24T19:30+08:00", "3个工作日",
                         "--calendar", "china-official")
    assert status == 0
    assert "due: Wed 5 Feb 24:00." in out  # the end of 5 February (JSON: 2025-02-06T00:00)


def test_unknown_calendar_preset_is_a_usage_error() -> None:
    status, _, err = run("deadline", "2025-01-24T19:30+08:00", "1 day", "--calendar", "mars")
    assert status == 2
    assert "unknown calendar preset" in err


def test_module_entry_point_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "propmgmt_rules", "rules", "--json"],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0
    assert any(r["id"] == "T-DAYS" for r in json.loads(proc.stdout))
