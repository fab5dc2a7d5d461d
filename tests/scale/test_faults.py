"""Faults on a Dask cluster (issue 14, part 2): a worker process killed in the middle of a
run loses no result; a task that fails once is retried (``retries=``); a task still running
after the timeout is reported, not waited for. On a cluster of its own (its workers die).

Every job is pure, so running a partition again gives the same result: the results are
compared with the single-process run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from propmgmt_rules.scale import PartResult, Settle, run_local

from .conftest import local_cluster
from .data import book_as_of, book_rows

distributed = pytest.importorskip("distributed")
scale_dask = pytest.importorskip("propmgmt_rules.scale.dask")

AS_OF = book_as_of()


@pytest.fixture(scope="module")
def cluster_client() -> Any:
    with local_cluster() as client:
        yield client


class KillOnce:
    """Settles books; the first time it meets partition ``victim`` it records its worker's
    process id in ``marker`` and kills that process on the spot, mid-task (as the kernel's
    OOM killer or a lost machine would). Every later run of it settles normally."""

    def __init__(self, marker: str, victim: str) -> None:
        self.marker = marker
        self.victim = victim
        self.settle = Settle(AS_OF, "SD")

    def run(self, key: str, part: Any) -> PartResult:
        if key == self.victim:
            try:
                fd = os.open(self.marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                pass
            else:
                os.write(fd, str(os.getpid()).encode())
                os.close(fd)
                os._exit(1)
        return self.settle.run(key, part)


class FailOnce:
    """Raises a transient error (``OSError``, as a storage read might) the first time it
    runs a partition; later runs succeed."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def run(self, key: str, part: Any) -> PartResult:
        marker = Path(self.folder) / key
        if not marker.exists():
            marker.write_text("failed once", encoding="utf-8")
            raise OSError(f"storage hiccup reading {key}")
        return PartResult(key, json=(f"{key}={part}",))


class Sleepy:
    """Takes ``seconds`` on partition ``slow``, no time on the others."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def run(self, key: str, part: Any) -> PartResult:
        if key == "slow":
            time.sleep(self.seconds)
        return PartResult(key, json=(str(part),))


def _pid() -> int:
    return os.getpid()


def test_a_worker_killed_mid_run_loses_no_result(cluster_client: Any, tmp_path: Path) -> None:
    client = cluster_client
    books = {f"office-{n}": book_rows(1_500, seed=20 + n) for n in range(8)}
    pids_before = set(client.run(_pid).values())
    marker = tmp_path / "killed"
    job = KillOnce(str(marker), victim="office-5")
    got = scale_dask.evaluate_partitions(client, books, job, retries=1, timeout=600)
    # a worker process died in the middle of office-5's task ...
    killed = int(marker.read_text(encoding="utf-8"))
    assert killed in pids_before
    # ... and every book is decided, exactly as in one process
    assert got == run_local(Settle(AS_OF, "SD"), books)
    assert all(r.ok and len(r.json) > 300 for r in got.values())
    # the nanny started a new worker process in its place
    client.wait_for_workers(2, timeout=120)
    pids_after = set(client.run(_pid).values())
    assert killed not in pids_after
    assert len(pids_after) == 2


def test_a_transient_failure_is_retried(cluster_client: Any, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    parts = {f"p{n}": n for n in range(4)}
    got = scale_dask.evaluate_partitions(cluster_client, parts, FailOnce(str(tmp_path / "a")),
                                         retries=1, timeout=600)
    assert [r.json for r in got.values()] == [("p0=0",), ("p1=1",), ("p2=2",), ("p3=3",)]
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == list(parts)


def test_without_retries_a_transient_failure_is_that_partitions_error(cluster_client: Any,
                                                                      tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for key in ("p0", "p1", "p3"):  # these failed before: only p2 fails now
        (tmp_path / "b" / key).write_text("failed once", encoding="utf-8")
    parts = {f"p{n}": n for n in range(4)}
    got = scale_dask.evaluate_partitions(cluster_client, parts, FailOnce(str(tmp_path / "b")),
                                         retries=0, timeout=600)
    err = got["p2"].error
    assert err is not None
    assert (err.kind, err.error_type, err.message) == (
        "failed", "OSError", "OSError: storage hiccup reading p2")
    assert [got[k].json for k in ("p0", "p1", "p3")] == [("p0=0",), ("p1=1",), ("p3=3",)]


def test_a_partition_past_the_timeout_is_reported_not_waited_for(cluster_client: Any) -> None:
    futures = scale_dask.submit_partitions(cluster_client, {"fast": 1, "slow": 2}, Sleepy(4.0))
    distributed.wait([futures["fast"]], timeout=120)
    got = scale_dask.gather_partitions(cluster_client, futures, timeout=0.5)
    assert got["fast"].json == ("1",)
    err = got["slow"].error
    assert err is not None
    assert (err.kind, err.error_type) == ("failed", "TimeoutError")
    assert err.message == "not finished within the timeout (0.5 s)"
    time.sleep(4.0)  # the cancelled task's thread finishes its sleep before the cluster closes


class _Future:
    """A future whose states are given in turn (each read of ``status`` takes the next)."""

    def __init__(self, key: str, *states: str) -> None:
        self.key = key
        self._states = list(states)

    @property
    def status(self) -> str:
        return self._states.pop(0) if len(self._states) > 1 else self._states[0]


class _AsCompleted:
    """``as_completed`` giving each future back in its own batch, and again once added."""

    def __init__(self, futures: list[_Future], timeout: float | None = None) -> None:
        self.queue = list(futures)

    def add(self, future: _Future) -> None:
        self.queue.append(future)

    def batches(self) -> Any:
        while self.queue:
            yield [self.queue.pop(0)]


class _Client:
    def gather(self, futures: list[_Future]) -> list[PartResult]:
        return [PartResult(f.key, json=(f"{f.key} decided",)) for f in futures]


def test_a_result_lost_with_its_worker_is_waited_for_again(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """A task finished, then its worker died before its result was fetched: the scheduler
    makes it again (the future is held), and the partition gets its result, not "the task
    was lost"."""
    from propmgmt_rules.scale import dask as scale_dask

    monkeypatch.setattr(scale_dask, "as_completed", _AsCompleted)
    owned = {"office-1": _Future("f1", "finished"),
             "office-2": _Future("f2", "lost", "finished"),
             "office-3": _Future("f3", "cancelled")}
    got = scale_dask._collect(_Client(), owned, None)  # type: ignore[arg-type]
    assert got["office-1"].json == ("f1 decided",)
    assert got["office-2"].ok
    assert got["office-2"].json == ("f2 decided",)
    assert not got["office-3"].ok
    assert got["office-3"].error is not None
    assert got["office-3"].error.message == "the task was cancelled"
    assert list(got) == ["office-1", "office-2", "office-3"]
