"""The jobs of one partition (issue 14, part 2), without a cluster: each gives what the
single-process call gives, decisions survive pickle and JSON round trips byte for byte, bad
data stays with its partition, and jobs travel small.

The rules decided are the areas' own (``settle``: `CC-*`, `SD-*`, `COM-SPLIT`; complaints:
`CP-STATUS`; repairs: `OM-R3` to `OM-RV4`, `SQ-R1`, `SQ-RV`, `MI-4.4.7`); these tests check
that distributing them changes nothing."""

from __future__ import annotations

import ast
import pickle
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.complaints import NANJING, PROCEDURE_5, Complaint, evaluate_many
from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import CC, SD, RegistrationBook, settle
from propmgmt_rules.repairs.cases import RepairCase, evaluate_batch
from propmgmt_rules.scale import (
    MAX_ERROR_LENGTH,
    EvaluateComplaints,
    EvaluateRepairs,
    Job,
    PartError,
    PartResult,
    Settle,
    check_keys,
    decision_from_json,
    decisions_of,
    run_local,
)
from propmgmt_rules.scale.spark import part_from_records, rows_of
from propmgmt_rules.strategies import registration_books

from .data import book_as_of, book_rows, complaint_items, complaints_as_of, repair_cases

SRC = Path(__file__).resolve().parents[2] / "src" / "propmgmt_rules"
AS_OF = book_as_of()


@pytest.fixture(scope="module")
def rows() -> dict[str, list[dict[str, Any]]]:
    return book_rows(3_000, seed=11)


@pytest.fixture(scope="module")
def book(rows: dict[str, list[dict[str, Any]]]) -> RegistrationBook:
    return RegistrationBook.model_validate(rows)


def _unread(decisions: list[Any]) -> bool:
    """True when no decision has written its trace and explanation yet (deferred)."""
    return all(object.__getattribute__(d, "_write") is not None for d in decisions)


# -- settle: the same decisions, in the same order, from rows, JSON text or a book ---------


@pytest.mark.parametrize("rulebook", [CC, SD], ids=["CC", "SD"])
def test_settle_job_gives_settles_decisions(rows: dict[str, Any], book: RegistrationBook,
                                            rulebook: Any) -> None:
    expected = tuple(d.to_json() for d in settle(book, as_of=AS_OF, rulebook=rulebook))
    assert len(expected) >= 800
    job = Settle(AS_OF, rulebook)
    assert job.run("o", rows) == PartResult("o", json=expected)
    text = RegistrationBook.model_validate(rows).model_dump_json()
    assert job.run("o", text).json == expected
    assert job.run("o", book).json == expected
    objects = Settle(AS_OF, rulebook.name, output="decisions").run("o", rows)
    assert tuple(d.to_json() for d in objects.decisions) == expected
    assert objects.json == ()
    assert objects.json_lines() == "".join(t + "\n" for t in expected)


# -- decisions cross process boundaries intact ---------------------------------------------


@pytest.mark.parametrize("rulebook", [CC, SD], ids=["CC", "SD"])
def test_deferred_decisions_pickle_unread_and_come_back_identical(
        book: RegistrationBook, rulebook: Any) -> None:
    decisions = settle(book, as_of=AS_OF, rulebook=rulebook)
    assert _unread(decisions)  # pickled as settle left them: trace and text not yet written
    back = pickle.loads(pickle.dumps(decisions, protocol=pickle.HIGHEST_PROTOCOL))
    fresh = settle(book, as_of=AS_OF, rulebook=rulebook)
    assert [d.to_json() for d in back] == [d.to_json() for d in fresh]
    assert back == fresh
    assert [type(d) for d in back] == [type(d) for d in fresh]
    # once unpickled a decision is complete: pickling it again changes nothing
    again = pickle.loads(pickle.dumps(back))
    assert [d.to_json() for d in again] == [d.to_json() for d in fresh]


@pytest.mark.parametrize("rulebook", [CC, SD], ids=["CC", "SD"])
def test_decisions_json_round_trip_is_byte_identical(book: RegistrationBook,
                                                     rulebook: Any) -> None:
    decisions = settle(book, as_of=AS_OF, rulebook=rulebook)
    for d in decisions:
        text = d.to_json()
        back = decision_from_json(text)
        assert type(back) is type(d)
        assert back.to_json() == text
        assert back == d


@settings(max_examples=25)
@given(registration_books(), st.sampled_from([CC, SD]))
def test_every_settled_decision_survives_pickle_and_json(book: RegistrationBook,
                                                         rulebook: Any) -> None:
    as_of = "2025-12-31T00:00:00+08:00"
    texts = [d.to_json() for d in settle(book, as_of=as_of, rulebook=rulebook)]
    pickled = pickle.loads(pickle.dumps(settle(book, as_of=as_of, rulebook=rulebook)))
    assert [d.to_json() for d in pickled] == texts
    assert [decision_from_json(t).to_json() for t in texts] == texts
    assert Settle(datetime.fromisoformat(as_of), rulebook).run("b", book).json == tuple(texts)


def test_unpickled_decision_reads_the_same_outcome_first(book: RegistrationBook) -> None:
    """An outcome built on first read (deferred) and one carried through pickle agree."""
    for d, back in zip(settle(book, as_of=AS_OF, rulebook=SD),
                       pickle.loads(pickle.dumps(settle(book, as_of=AS_OF, rulebook=SD))),
                       strict=True):
        assert back.outcome == d.outcome


# -- bad data stays with its partition -----------------------------------------------------


def test_a_bad_book_is_that_books_error_and_the_others_are_decided(
        rows: dict[str, Any]) -> None:
    naive = {"receptions": [{"id": "R12", "client": "C1", "consultant": "A",
                             "at": "2025-03-01T10:00:00"}]}
    unknown_buyer = {**rows, "deals": [{"id": "D1", "buyers": ["NOBODY"],
                                        "at": "2025-03-10T10:00:00+08:00",
                                        "commission": "100.00"}]}
    results = run_local(Settle(AS_OF, "SD"), {"good": rows, "naive": naive,
                                              "buyer": unknown_buyer, "text": "{",
                                              "number": 42})
    assert list(results) == ["good", "naive", "buyer", "text", "number"]
    assert results["good"].ok
    assert len(results["good"].json) >= 800
    err = results["naive"].error
    assert err == PartError("input", "receptions[R12].at",
                            "Input should have timezone info", "ValidationError")
    assert results["buyer"].error is not None
    assert results["buyer"].error.field == "deals[D1].buyers[0]"
    assert "never appears in the book" in results["buyer"].error.message
    assert results["text"].error is not None
    assert results["text"].error.message.startswith("Invalid JSON")
    assert results["number"].error == PartError(
        "input", "book", "book: must be a RegistrationBook, its rows as a mapping, or its JSON "
        "text (got 'int')", "InputError")
    for key in ("naive", "buyer", "text", "number"):
        assert results[key].json == ()
        assert not results[key].ok


def test_error_messages_are_bounded() -> None:
    err = PartError.of(InputError("x", "bad", "y" * 10 * MAX_ERROR_LENGTH))
    assert len(err.message) == MAX_ERROR_LENGTH
    assert err.kind == "input"
    crash = PartError.of(RuntimeError("boom"), "[3] C1")
    assert crash == PartError("failed", "[3] C1", "RuntimeError: boom", "RuntimeError")


# -- complaints ----------------------------------------------------------------------------


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING], ids=["CP", "SQ"])
def test_complaint_partition_gives_evaluate_manys_decisions(policy: Any) -> None:
    items = complaint_items(300, seed=3)
    as_of = complaints_as_of()
    job = EvaluateComplaints(as_of, policy)
    got = job.run("desk", items)
    pairs = [(c.complaint, c.history) for c in
             (EvaluateComplaintsItems.validate(i) for i in items)]
    assert got.json == tuple(d.to_json() for d in evaluate_many(pairs, as_of, policy))
    # pairs already validated, and the partition as JSON text, give the same
    assert job.run("desk", pairs).json == got.json
    assert job.run("desk", EvaluateComplaintsItems.dump_json(items)).json == got.json
    full = EvaluateComplaints(as_of, policy, explain=True).run("desk", items[:20])
    assert full.json == tuple(d.to_json() for d in evaluate_many(pairs[:20], as_of, policy,
                                                                 explain=True))


class EvaluateComplaintsItems:
    """Validating items the way the job does, for the expected values."""

    @staticmethod
    def validate(item: dict[str, Any]) -> Any:
        from propmgmt_rules.scale import ComplaintItem

        return ComplaintItem.model_validate(item)

    @staticmethod
    def dump_json(items: list[dict[str, Any]]) -> str:
        import json

        return json.dumps(items)


def test_a_bad_complaint_names_its_place_and_id() -> None:
    items = complaint_items(5, seed=4)
    items[3] = {**items[3], "complaint": {**items[3]["complaint"],
                                          "received_at": "2025-10-01T09:00:00"}}
    result = EvaluateComplaints(complaints_as_of(), "nanjing").run("desk", items)
    assert result.error is not None
    assert result.error.kind == "input"
    assert result.error.field == f"[3] {items[3]['complaint']['id']}: complaint.received_at"
    extra = EvaluateComplaints(complaints_as_of(), "nanjing").run(
        "desk", [{**complaint_items(1, seed=5)[0], "policy": "nanjing"}])
    assert extra.error is not None
    assert extra.error.field.endswith(": policy")


def test_a_complaint_the_engine_refuses_is_named() -> None:
    good = [(EvaluateComplaintsItems.validate(i).complaint, ()) for i in complaint_items(3, 6)]
    naive = Complaint.model_construct(**{**good[1][0].__dict__,
                                         "received_at": datetime(2025, 10, 1, 9)})
    pairs = [good[0], (naive, ()), good[2]]
    result = EvaluateComplaints(complaints_as_of(), "procedure5").run("desk", pairs)
    assert result.error is not None
    assert result.error.kind == "input"
    assert result.error.field == f"[1] {naive.id}: complaint.received_at"


def test_a_complaint_partition_must_be_a_list() -> None:
    result = EvaluateComplaints(complaints_as_of(), "nanjing").run("desk", {"a": 1})
    assert result.error == PartError(
        "input", "part", "part: must be a list of complaints (or its JSON text) (got 'dict')",
        "InputError")


# -- repairs -------------------------------------------------------------------------------


def test_repair_partition_gives_each_cases_decisions_in_order() -> None:
    cases = repair_cases()
    result = EvaluateRepairs().run("estate", cases)
    expected = evaluate_batch(RepairCase.model_validate(c) for c in cases)
    assert result.json == tuple(d.to_json() for d in expected)
    kinds = {d.kind for d in expected}
    assert {"repair.intake", "repair.status", "repair.quotas", "repair.revisit_plan",
            "repair.handover"} <= kinds
    objects = EvaluateRepairs(output="decisions").run("estate", cases)
    assert objects.decisions == tuple(expected)
    assert [decision_from_json(t) for t in result.json] == list(expected)
    assert decisions_of([result, objects]) == [*expected, *expected]


def test_a_bad_repair_case_names_its_place_and_id() -> None:
    cases = repair_cases()
    cases[1] = {**cases[1], "policy": "no-such-policy"}
    result = EvaluateRepairs().run("estate", cases)
    assert result.error is not None
    assert result.error.field == f"[1] {cases[1]['id']}: policy"
    assert result.error.kind == "input"


# -- the jobs themselves -------------------------------------------------------------------


def test_jobs_check_their_settings_at_once() -> None:
    with pytest.raises(InputError, match="as_of: must be timezone-aware"):
        Settle(datetime(2025, 1, 1), "SD")
    with pytest.raises(InputError, match="unknown rulebook preset"):
        Settle(AS_OF, "XX")
    with pytest.raises(InputError, match="output: must be 'json' or 'decisions'"):
        Settle(AS_OF, "SD", output="pickle")  # type: ignore[arg-type]
    with pytest.raises(InputError, match=r"unknown (complaint )?policy preset"):
        EvaluateComplaints(AS_OF, "nowhere")
    with pytest.raises(InputError, match="output"):
        EvaluateRepairs(output="xml")  # type: ignore[arg-type]
    for job in (Settle(AS_OF, "SD"), EvaluateComplaints(AS_OF, "nanjing"), EvaluateRepairs()):
        assert isinstance(job, Job)


def test_jobs_travel_small_presets_by_name_and_without_caches(book: RegistrationBook) -> None:
    as_of = complaints_as_of()
    evaluate_many([(c.complaint, c.history) for c in map(EvaluateComplaintsItems.validate,
                                                          complaint_items(50, 8))],
                  as_of, NANJING)  # compiles and caches the engine's tables on NANJING
    settle(book, as_of=AS_OF, rulebook=SD)
    for job in (Settle(AS_OF, SD), EvaluateComplaints(as_of, NANJING), EvaluateRepairs()):
        blob = pickle.dumps(job)
        assert len(blob) < 1_000, type(job).__name__
        back = pickle.loads(blob)
        assert back == job
    assert pickle.loads(pickle.dumps(Settle(AS_OF, SD))).rulebook is SD
    assert pickle.loads(pickle.dumps(EvaluateComplaints(as_of, NANJING))).policy is NANJING


def test_a_custom_rulebook_or_policy_travels_as_its_json() -> None:
    mine = SD.model_copy(update={"name": "MINE", "version": "1"})
    job = Settle(AS_OF, mine)
    back = pickle.loads(pickle.dumps(job))
    assert back.rulebook == mine
    assert back.rulebook is not mine  # rebuilt from its JSON (its rules are a set: equal,
    # though a set's JSON lists them in the order of each process's string hashes)
    policy = NANJING.model_copy(update={"name": "our plan"})
    again = pickle.loads(pickle.dumps(EvaluateComplaints(AS_OF, policy)))
    assert again.policy == policy
    assert again.policy is not policy


def test_partition_keys_are_identifiers() -> None:
    assert check_keys({"a": 1, "office 2": 2}) == ["a", "office 2"]
    for bad, field in (({1: "x"}, "parts"), ({"": 1}, "parts['']"), ({" a": 1}, "parts[' a']"),
                       ({"a\n": 1}, "parts['a\\n']")):
        with pytest.raises(InputError) as info:
            check_keys(bad)
        assert info.value.field == field
    with pytest.raises(InputError, match="must be a mapping"):
        run_local(Settle(AS_OF, "SD"), [("a", {})])  # type: ignore[arg-type]


def test_decision_from_json_refuses_other_kinds() -> None:
    with pytest.raises(InputError, match="kind: not a decision a job gives"):
        decision_from_json('{"kind": "time.deadline"}')


# -- Spark's rows (the adapter's pure half) ---------------------------------------------


def test_a_record_that_is_not_a_json_object_is_named() -> None:
    with pytest.raises(InputError) as info:
        part_from_records(['{"id": "R1"}', "[1, 2]"], ["receptions", "deals"])
    assert info.value.field == "deals[1]"
    with pytest.raises(InputError) as info:
        part_from_records(["{"])
    assert info.value.field == "[0]"


def test_spark_rows_group_records_into_a_book_and_give_one_row_per_decision(
        rows: dict[str, Any]) -> None:
    records = [(kind, r) for kind, rs in rows.items() for r in rs]
    import json

    book = part_from_records([json.dumps(r) for _, r in records], [k for k, _ in records])
    assert book == {k: v for k, v in rows.items() if v}
    result = Settle(AS_OF, "CC").run("north", book)
    assert rows_of(result) == [("north", n, t, None) for n, t in enumerate(result.json)]
    bad = Settle(AS_OF, "CC").run("south", {"receptions": [{"id": "R1"}]})
    assert bad.error is not None
    [(part, item, decision, error)] = rows_of(bad)
    assert (part, item, decision) == ("south", -1, None)
    assert json.loads(error or "") == {"kind": "input", "field": "receptions[R1].client",
                                       "message": "Field required (and 2 more)",
                                       "error_type": "ValidationError"}


# -- the core never needs Dask -------------------------------------------------------------


def _imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_dask_adapter_imports_dask() -> None:
    importers = sorted(str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                       if _imports_of(p) & {"dask", "distributed"})
    assert importers == ["scale/dask.py"]


def test_the_package_and_its_jobs_work_without_dask_installed() -> None:
    """In a fresh interpreter where dask and distributed cannot be imported."""
    script = textwrap.dedent("""
        import sys
        class NoDask:
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("dask", "distributed"):
                    raise ImportError(f"no {name} here")
                return None
        sys.meta_path.insert(0, NoDask())
        import propmgmt_rules
        from propmgmt_rules.scale import Settle, run_local
        from datetime import datetime, timezone
        r = run_local(Settle(datetime(2025, 4, 1, tzinfo=timezone.utc), "SD"),
                      {"o": {"receptions": [{"id": "R1", "client": "C1", "consultant": "A",
                                             "at": "2025-03-01T10:00:00+08:00"}]}})
        assert r["o"].ok and len(r["o"].json) == 1
        assert not any(m.split(".")[0] in ("dask", "distributed") for m in sys.modules)
        try:
            import propmgmt_rules.scale.dask
        except ImportError as exc:
            print("adapter needs:", exc)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=120, check=True)
    assert out.stdout.strip() == "adapter needs: no distributed here"
