"""Settlement and evaluation on a Dask ``LocalCluster`` of two worker processes (issue 14,
part 2): every partition's result is the single-process one, byte for byte; decisions cross
the process boundary intact; a bad partition is that partition's error.

The rules decided are the areas' own (`CC-*`, `SD-*`, `COM-SPLIT`, `CP-STATUS`, `OM-R3` ...);
these tests check that distributing them changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from propmgmt_rules.complaints import NANJING, PROCEDURE_5
from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import (
    CC,
    SD,
    CommissionDecision,
    OwnershipDecision,
    RegistrationBook,
    settle,
)
from propmgmt_rules.scale import (
    EvaluateComplaints,
    EvaluateRepairs,
    PartResult,
    Settle,
    run_local,
)

from .data import book_as_of, book_rows, complaint_items, complaints_as_of, repair_partitions

distributed = pytest.importorskip("distributed")
scale_dask = pytest.importorskip("propmgmt_rules.scale.dask")

AS_OF = book_as_of()


@pytest.fixture(scope="module")
def books() -> dict[str, Any]:
    out: dict[str, Any] = {f"office-{n}": book_rows(1_500, seed=n) for n in range(6)}
    out["office-bad"] = {"receptions": [{"id": "R12", "client": "C1", "consultant": "A",
                                         "at": "2025-03-01T10:00:00"}]}
    return out


def _pid() -> int:
    import os

    return os.getpid()


def test_the_cluster_has_two_worker_processes(client: Any) -> None:
    pids = client.run(_pid)
    assert len(pids) == 2
    assert len(set(pids.values())) == 2
    assert _pid() not in pids.values()


@pytest.mark.parametrize("rulebook", [CC, SD], ids=["CC", "SD"])
def test_settle_books_gives_the_single_process_results(client: Any, books: dict[str, Any],
                                                       rulebook: Any) -> None:
    got = scale_dask.settle_books(client, books, as_of=AS_OF, rulebook=rulebook,
                                  timeout=600)
    assert list(got) == list(books)
    assert got == run_local(Settle(AS_OF, rulebook), books)
    for key in books:
        if key == "office-bad":
            continue
        expected = [d.to_json() for d in
                    settle(RegistrationBook.model_validate(books[key]), as_of=AS_OF,
                           rulebook=rulebook)]
        assert list(got[key].json) == expected


def test_one_bad_book_is_its_error_and_the_others_are_decided(client: Any,
                                                              books: dict[str, Any]) -> None:
    got = scale_dask.settle_books(client, books, as_of=AS_OF, rulebook="SD", timeout=600)
    bad = got["office-bad"]
    assert bad.error is not None
    assert (bad.error.kind, bad.error.field) == ("input", "receptions[R12].at")
    assert all(got[k].ok and len(got[k].json) > 300 for k in books if k != "office-bad")


def test_decisions_cross_the_process_boundary_intact(client: Any, books: dict[str, Any]
                                                     ) -> None:
    """Pickled on a worker (settle's deferred decisions, written there), unpickled here: the
    same decisions as the single-process run, to the byte of their JSON."""
    got = scale_dask.settle_books(client, books, as_of=AS_OF, rulebook="SD",
                                  output="decisions", timeout=600)
    for key, result in got.items():
        if key == "office-bad":
            assert result.error is not None
            continue
        local = settle(RegistrationBook.model_validate(books[key]), as_of=AS_OF, rulebook=SD)
        assert list(result.decisions) == local
        assert [d.to_json() for d in result.decisions] == [d.to_json() for d in local]
        assert {type(d) for d in result.decisions} == {OwnershipDecision, CommissionDecision}
        assert [d.outcome for d in result.decisions] == [d.outcome for d in local]


def _load(n_rows: int, seed: int) -> dict[str, Any]:
    """A loader running on a worker (stands for reading a book from storage)."""
    from tests.scale.data import book_rows

    return book_rows(n_rows, seed)


def test_books_loaded_on_the_cluster_are_settled_where_they_are(client: Any,
                                                                books: dict[str, Any]) -> None:
    loaded = {f"office-{n}": client.submit(_load, 1_500, n, pure=False) for n in range(3)}
    got = scale_dask.settle_books(client, loaded, as_of=AS_OF, rulebook=CC, timeout=600)
    assert got == run_local(Settle(AS_OF, CC), {k: books[k] for k in loaded})


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING], ids=["CP", "SQ"])
def test_complaint_partitions_give_the_single_process_results(client: Any,
                                                              policy: Any) -> None:
    parts: dict[str, Any] = {f"desk-{n}": complaint_items(200, seed=n) for n in range(5)}
    parts["desk-bad"] = [{"complaint": {"id": "C1"}}]
    job = EvaluateComplaints(complaints_as_of(), policy)
    got = scale_dask.evaluate_partitions(client, parts, job, timeout=600)
    assert got == run_local(job, parts)
    assert [len(got[k].json) for k in parts] == [200] * 5 + [0]
    assert got["desk-bad"].error is not None
    assert got["desk-bad"].error.field.startswith("[0] C1: complaint.")


def test_repair_partitions_give_the_single_process_results(client: Any) -> None:
    parts: dict[str, Any] = repair_partitions(4)
    parts["estate-bad"] = [{"id": "x", "policy": "nowhere"}]
    for output in ("json", "decisions"):
        job = EvaluateRepairs(output=output)  # type: ignore[arg-type]
        got = scale_dask.evaluate_partitions(client, parts, job, timeout=600)
        assert got == run_local(job, parts)
        assert got["estate-bad"].error is not None
        assert got["estate-bad"].error.field == "[0] x: policy"


class Crash:
    """A job of the caller's own that fails on one partition (a bug, not bad data)."""

    def run(self, key: str, part: Any) -> PartResult:
        if key == "p2":
            raise RuntimeError("a bug in the caller's job")
        return PartResult(key, json=(str(part),))


def test_a_failing_task_is_its_partitions_error(client: Any) -> None:
    parts = {f"p{n}": n for n in range(5)}
    got = scale_dask.evaluate_partitions(client, parts, Crash(), retries=0, timeout=600)
    assert list(got) == list(parts)
    err = got["p2"].error
    assert err is not None
    assert (err.kind, err.error_type) == ("failed", "RuntimeError")
    assert err.message == "RuntimeError: a bug in the caller's job"
    assert [got[k].json for k in parts if k != "p2"] == [("0",), ("1",), ("3",), ("4",)]


def test_results_stream_as_partitions_finish(client: Any, books: dict[str, Any]) -> None:
    futures = scale_dask.submit_partitions(client, books, Settle(AS_OF, "CC"))
    seen = {}
    for future in distributed.as_completed(list(futures.values()), timeout=600):
        result = future.result()
        seen[result.key] = result
    assert seen == run_local(Settle(AS_OF, "CC"), books)


def test_bad_arguments_are_refused_before_anything_runs(client: Any) -> None:
    assert scale_dask.evaluate_partitions(client, {}, EvaluateRepairs()) == {}
    with pytest.raises(InputError, match="job: must have a run"):
        scale_dask.evaluate_partitions(client, {"a": []}, object())
    with pytest.raises(InputError, match="retries"):
        scale_dask.evaluate_partitions(client, {"a": []}, EvaluateRepairs(), retries=-1)
    with pytest.raises(InputError, match="parts"):
        scale_dask.evaluate_partitions(client, {"": []}, EvaluateRepairs())
    with pytest.raises(InputError, match="as_of"):
        scale_dask.settle_books(client, {"a": {}}, as_of="2025-01-01",  # type: ignore[arg-type]
                                rulebook="SD")


def test_a_validated_book_travels_without_its_index(client: Any, books: dict[str, Any]) -> None:
    import pickle

    book = RegistrationBook.model_validate(books["office-1"])
    # builds and caches the index
    local = [d.to_json() for d in settle(book, as_of=AS_OF, rulebook=SD)]
    assert "_index" in book.__dict__
    shipped = pickle.loads(pickle.dumps(scale_dask._Part(book))).value
    assert "_index" not in shipped.__dict__
    assert shipped == book
    got = scale_dask.settle_books(client, {"office-1": book}, as_of=AS_OF, rulebook=SD,
                                  timeout=600)
    assert list(got["office-1"].json) == local
