"""The command line: examples, case files (JSON and JSON Lines), errors, schema, deadline."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# -- issue 10: files, lines, exit codes ----------------------------------------------------

GOOD = '{"id": "g%d", "start": "2025-03-03T10:00:00+08:00", "span": "3个工作日"}'
NAIVE = '{"id": "n%d", "start": "2025-03-03T10:00:00", "span": "1 day"}'


def _records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "is empty: no case"),
    (b"  \n\n", "is empty: no case"),
    (b"[]", "is an empty list: no case"),
    (b'{"id": "x",', "is not valid JSON: Expecting property name"),
    (b"[" * 2000 + b"]" * 2000, "is nested deeper than 64 levels"),
])
def test_a_bad_file_is_named_and_the_files_after_it_are_still_read(
        tmp_path: Path, content: bytes, reason: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    good = tmp_path / "good.json"
    good.write_text(GOOD % 1, encoding="utf-8")
    status, out, err = run("time", str(bad), str(good), "--json")
    assert status == 1
    first, second = _records(out)
    assert first["format"] == "propmgmt.error.v1"
    assert first["source"] == str(bad)
    assert first["case"] is None
    assert first["errors"] == [{"field": "(file)", "reason": first["errors"][0]["reason"]}]
    assert reason in first["errors"][0]["reason"]
    assert second["format"] == "propmgmt.decision.v1"
    assert f"{bad}: {reason}" in err


def test_a_missing_file_is_named_and_the_others_are_read(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(GOOD % 1, encoding="utf-8")
    status, out, _ = run("time", str(tmp_path / "nowhere.json"), str(good), "--json")
    assert status == 1
    first, second = _records(out)
    assert "cannot be read" in first["errors"][0]["reason"]
    assert second["kind"] == "time.deadline"
    status, _, _ = run("time", str(tmp_path), "--json")  # a directory
    assert status == 1


def test_a_binary_file_is_named_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "photo.json"
    path.write_bytes(bytes(range(256)) * 4)
    status, out, _ = run("time", str(path), "--json")
    assert status == 1
    (record,) = _records(out)
    assert record["source"] == str(path)
    assert "UTF-8" in record["errors"][0]["reason"]


@pytest.mark.parametrize("name", ["batch.jsonl", "batch.JSONL", "batch.ndjson", "batch.NDJSON",
                                  "batch.json-lines", "batch.jsonlines", "batch.ldjson",
                                  "batch.txt", "batch.json", "batch"])
def test_json_lines_are_recognised_by_any_usual_suffix_or_by_content(
        tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"\n".join([(GOOD % 1).encode(), b"\xff\xfe\x00 not text",
                                 (NAIVE % 2).encode(), b"", (GOOD % 3).encode(), b""]))
    status, out, err = run("time", str(path))
    assert status == 1
    records = _records(out)  # JSON Lines in, JSON Lines out
    assert [r.get("id") or r.get("subject", "")[:2] for r in records] == [
        "g1", "", "n2", "g3"]
    assert records[1]["line"] == 2
    assert "UTF-8" in records[1]["errors"][0]["reason"]
    assert records[2]["errors"] == [{"field": "start",
                                     "reason": "Input should have timezone info"}]
    assert records[2]["line"] == 3
    assert f"{path}: line 3 (n2): start: Input should have timezone info" in err


def test_a_json_document_over_several_lines_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "cases.txt"
    path.write_text(json.dumps([json.loads(GOOD % 1), json.loads(GOOD % 2)], indent=2),
                    encoding="utf-8")
    status, out, _ = run("time", str(path))
    assert status == 0
    assert out.count("== g") == 2  # text out for a document


def test_a_line_nested_too_deep_is_that_lines_error_and_the_batch_goes_on(
        tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    deep = '{"id": "d", "start": ' + "[" * 1000 + "]" * 1000 + "}"
    path.write_text("\n".join([GOOD % 1, deep, GOOD % 3]) + "\n", encoding="utf-8")
    status, out, _ = run("time", str(path))
    assert status == 1
    records = _records(out)
    assert [r["format"] for r in records] == [
        "propmgmt.decision.v1", "propmgmt.error.v1", "propmgmt.decision.v1"]
    assert "nested deeper" in records[1]["errors"][0]["reason"]


def test_an_unexpected_error_on_one_case_is_its_record_exit_3_and_the_rest_are_decided(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    from propmgmt_rules import cli
    from propmgmt_rules.cases import CASE_KINDS

    job = CASE_KINDS["time"]

    def flaky(case: object) -> object:
        if getattr(case, "id", "") == "g2":
            raise ZeroDivisionError("a defect")
        return job.evaluate(case)

    monkeypatch.setattr(cli, "CASE_KINDS", {**CASE_KINDS,
                                            "time": dataclasses.replace(job, evaluate=flaky)})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([GOOD % 1, GOOD % 2, NAIVE % 3, GOOD % 4]), encoding="utf-8")
    status, out, err = run("time", str(path))
    assert status == 3
    records = _records(out)
    assert len(records) == 4
    assert records[1]["id"] == "g2"
    assert records[1]["errors"] == [{"field": "(case)",
                                     "reason": "internal error (ZeroDivisionError): a defect"}]
    assert records[3]["kind"] == "time.deadline"
    assert "defect of the library" in err


def test_usage_errors_exit_2() -> None:
    assert run("time")[0] == 2
    assert run("nonsense")[0] == 2
    assert run("schema", "time", "--bogus")[0] == 2
    status, _, err = run("deadline", "tomorrow", "1 day")
    assert status == 2
    assert "start: is not an ISO 8601 instant" in err
    status, _, err = run("deadline", "2025-01-24T19:30", "1 day")
    assert status == 2
    assert "start" in err
    status, _, err = run("deadline", "2025-01-24T19:30+08:00", "soon")
    assert (status, err.split(":")[1].strip()) == (2, "span")


def test_a_calendar_file_for_deadline_is_validated_with_clean_paths(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    path.write_text('{"name": "office", "weekend": "sunday", "zone": "x"}', encoding="utf-8")
    status, _, err = run("deadline", "2025-01-24T19:30+08:00", "1 day", "--calendar", str(path))
    assert status == 2
    assert "calendar.zone: is not a known field" in err
    status, _, err = run("deadline", "2025-01-24T19:30+08:00", "1 day", "--calendar",
                         str(tmp_path / "none.json"))
    assert (status, "cannot be read" in err) == (2, True)


def test_standard_input_is_read_as_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "\n".join([GOOD % 1, "oops", GOOD % 3]).encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, out, _ = run("time", "-")
    assert status == 1
    assert [r["format"] for r in _records(out)] == [
        "propmgmt.decision.v1", "propmgmt.error.v1", "propmgmt.decision.v1"]


def test_json_lines_are_read_one_line_at_a_time() -> None:
    """Memory stays flat in the number of lines: the reader takes a line, decides it, then
    takes the next (here: a stream that counts what was taken)."""
    from propmgmt_rules import cli

    taken = 0

    class Stream:
        def __iter__(self) -> Iterator[bytes]:
            nonlocal taken
            for n in range(1, 1_000_000):
                taken += 1
                yield (GOOD % n).encode() + b"\n"

    jsonl, items = cli._items("big.jsonl", Stream())  # type: ignore[arg-type]
    first = next(items)
    assert jsonl
    assert (first.line, taken) == (1, 1)
    for _ in range(9):
        next(items)
    assert taken == 10
    _, items = cli._items("big", Stream())  # by content: two lines looked at
    next(items)
    assert taken <= 13


_LINES = st.sampled_from([GOOD, NAIVE, "not json %d", '{"id": "x%d"}', "", "[%d]",
                          '{"id": "s%d", "start": "2025-03-03T10:00:00+08:00", "span": "x"}',
                          "\x00\x01%d", '{"id": "d%d", "description": ' + "[" * 80 + "]" * 80
                          + "}"])


@settings(max_examples=30, derandomize=True)
@given(st.lists(_LINES, max_size=12), st.sampled_from(["b.jsonl", "b.ndjson", "b.txt"]))
def test_nothing_is_lost_items_in_are_decisions_plus_error_records(
        lines: list[str], name: str) -> None:
    import tempfile

    if name == "b.txt":  # by content: binary from the first line is a binary file
        lines = [line for line in lines if not line.startswith("\x00")]
    texts = [line.replace("%d", str(n)) if "%d" in line else line
             for n, line in enumerate(lines)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text("\n".join(texts), encoding="utf-8")
        status, out, _ = run("time", str(path), "--json")
    records = _records(out)
    items = sum(1 for t in texts if t.strip())
    errors = [r for r in records if r["format"] == "propmgmt.error.v1"]
    decisions = [r for r in records if r["format"] == "propmgmt.decision.v1"]
    if items == 0:
        assert (status, len(errors), decisions) == (1, 1, [])  # an empty file is reported
        return
    assert len(decisions) + len(errors) == items
    assert status == (1 if errors else 0)
    for r in errors:
        assert r["source"] == str(path)
        assert isinstance(r["case"], int)
        assert r["line"] == r["case"] or (r["line"] is None and items == 1)
        assert all(e["field"] and e["reason"] for e in r["errors"])


# -- a line validated from its text (issue 12) ------------------------------------------------

_VALUES = st.one_of(
    st.sampled_from([
        "2025-03-07T17:30:00+08:00", "2025-03-07T17:30:00", "9999-12-31T23:59:00+08:00",
        "3个工作日", "2 hours", "soon", "提前10天", "china-official", "china-2025@09:00-18:00",
        "weekdays@25:00-26:00", "mars", "", " C1 ", "\ud800", "x" * 300,
    ]),
    st.integers(-(10**20), 10**20), st.floats(allow_nan=True, allow_infinity=True),
    st.none(), st.booleans(), st.just([]), st.just({}),
    st.just({"unit": "days", "amount": 3.0}), st.just({"unit": "days", "amount": 1e400}),
    st.just({"holidays": [20250101], "timezone": "Asia/Shanghai"}),
    st.just({"weekend": ["sat"], "working_hours": ["09:00-12:00"]}),
)
_FIELDS = ("id", "start", "span", "calendar", "done_at", "description", "extra")


def _run(path: Path, direct: bool, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    import dataclasses

    from propmgmt_rules import cli
    from propmgmt_rules.cases import CASE_KINDS

    kinds = {**CASE_KINDS, "time": dataclasses.replace(CASE_KINDS["time"], json_mode=direct)}
    monkeypatch.setattr(cli, "CASE_KINDS", kinds)
    out, err = io.StringIO(), io.StringIO()
    code = main(["time", str(path)], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(_FIELDS), _VALUES, max_size=6), min_size=1,
                max_size=8))
def test_a_line_read_at_once_gives_what_the_librarys_reader_gives(
        cases: list[dict[str, object]]) -> None:
    """The ``time`` job validates a JSON line from its text (pydantic's reader): every line,
    good or bad, gives the decision or the error record the library's own reader gives."""
    import tempfile

    base = {"id": "C1", "start": "2025-03-07T17:30:00+08:00", "span": "3个工作日"}
    lines = [json.dumps({**base, **case}) for case in cases]
    lines += ['{"id": "nan", "start": NaN}', '{"id": "deep", "span": ' + "[" * 80 + "]" * 80 + "}",
              '{"id": "C2", "start": "2025-03-07T17:30:00+08:00", "span": "1 day", '
              '"start": "2025-03-08T09:00:00+08:00"}']
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        path = Path(folder) / "cases.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        assert _run(path, True, mp) == _run(path, False, mp)


def test_the_human_output_writes_provisional_until_as_the_explanations_write_instants() -> None:
    # examples/ownership/recognition.json: an SD staff referral whose agreed visit date has
    # not come is provisional until the end of 20 April 2025 (the JSON keeps the instant)
    code, text, _ = run("examples", "--kind", "ownership")
    assert code == 0
    assert "   provisional until Sun 20 Apr 2025 24:00\n" in text
    assert "provisional until 20" not in text  # no ISO instant for people
    code, text, _ = run("examples", "--kind", "ownership", "--json")
    until = {json.loads(line)["provisional"]["until"] for line in text.splitlines()
             if json.loads(line).get("provisional")}
    assert "2025-04-21T00:00:00+08:00" in until


# -- JSON Lines written as the serialiser's bytes (issue 12) ----------------------------------


def _through(stream: io.TextIOWrapper, *argv: str) -> tuple[int, bytes]:
    code = main(list(argv), out=stream, err=io.StringIO())
    stream.flush()
    return code, stream.buffer.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["time", "ownership", "complaint", "repair", "fees"])
def test_json_lines_to_a_utf8_byte_stream_are_the_text_the_job_writes(kind: str,
                                                                       tmp_path: Path) -> None:
    """Decisions go to standard output's bytes as the serialiser writes them (no decoding and
    encoding again): the same bytes as the text, error records in their place between them."""
    _, text, _ = run("examples", "--kind", kind, "--json")
    lines = [json.dumps(json.loads(line)["subject"]) for line in text.splitlines()[:2]]
    path = tmp_path / "mixed.jsonl"
    good = _example_lines(kind)
    path.write_text("\n".join([good[0], "not json", *good[1:3], '{"id": "x"}', *lines]) + "\n",
                    encoding="utf-8")
    expected_code, expected, _ = run(kind, str(path), "--json")
    assert expected.count("propmgmt.error.v1") >= 3  # error records between the decisions
    assert "propmgmt.decision.v1" in expected
    before = "already written\n"
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    stream.write(before)  # text written before the job comes first
    code, got = _through(stream, kind, str(path), "--json")
    assert (code, got) == (expected_code, (before + expected).encode("utf-8"))


def _example_lines(kind: str) -> list[str]:
    from importlib import resources

    from propmgmt_rules.validation import parse_json

    folder = resources.files("propmgmt_rules").joinpath("examples", kind)
    out: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        text = entry.read_text(encoding="utf-8")
        if entry.name.endswith(".jsonl"):
            out += [line for line in text.splitlines() if line.strip()]
        else:
            data = parse_json(text)
            out += [json.dumps(c, ensure_ascii=False, default=str)
                    for c in (data if isinstance(data, list) else [data])]
    return out


def test_a_stream_in_another_encoding_gets_the_text_in_its_encoding() -> None:
    from propmgmt_rules.cli import _binary

    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-16")
    assert _binary(stream) is None
    assert _binary(io.StringIO()) is None
    assert _binary(io.TextIOWrapper(io.BytesIO(), encoding="UTF8")) is not None
    code, got = _through(stream, "examples", "--kind", "time", "--json")
    _, text, _ = run("examples", "--kind", "time", "--json")
    assert (code, got.decode("utf-16")) == (0, text)


def test_a_job_sets_the_objects_before_it_aside_from_the_collector_and_gives_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a job decides its cases, what existed before it is frozen (``gc.freeze``);
    after it, ended by a defect or not, the collector is as the caller left it."""
    import dataclasses
    import gc

    from propmgmt_rules import cli
    from propmgmt_rules.cases import CASE_KINDS

    job = CASE_KINDS["time"]
    seen: list[int] = []

    def watched(case: object) -> object:
        seen.append(gc.get_freeze_count())
        if getattr(case, "id", "") == "g2":
            raise ZeroDivisionError("a defect")
        return job.evaluate(case)

    monkeypatch.setattr(cli, "CASE_KINDS", {**CASE_KINDS,
                                            "time": dataclasses.replace(job, evaluate=watched)})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([GOOD % 1, GOOD % 2, GOOD % 3]), encoding="utf-8")
    before = gc.get_freeze_count()
    status, out, _ = run("time", str(path))
    assert status == 3
    assert len(_records(out)) == 3
    assert len(seen) == 3
    assert min(seen) > before
    assert gc.get_freeze_count() == before


def test_a_caller_managing_the_collector_is_left_alone(tmp_path: Path) -> None:
    """A caller that froze objects itself (a server after its start-up) keeps them frozen:
    the job neither adds to its freeze nor unfreezes it; nor does a job freeze anything
    while the caller has the collector disabled."""
    import gc

    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([GOOD % 1, GOOD % 2]), encoding="utf-8")
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        status, out, _ = run("time", str(path))
        assert status == 0
        assert len(_records(out)) == 2
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
    gc.disable()
    try:
        status, _, _ = run("time", str(path))
        assert status == 0
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()
