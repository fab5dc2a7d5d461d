"""Settlement and evaluation on a Dask cluster (extra ``distributed``:
``pip install 'propmgmt-rules[distributed]'``).

Each partition (a sales office's book, a batch of complaints, a batch of repair cases) is one
Dask task running a job of :mod:`propmgmt_rules.scale.parts` on a worker; the results come
back per partition, in the order of the keys given, identical to :func:`~.parts.run_local`'s::

    from distributed import Client, LocalCluster
    from propmgmt_rules.scale.dask import settle_books

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        results = settle_books(client, {"office-1": rows_1, "office-2": rows_2},
                               as_of=as_of, rulebook="SD")

What can go wrong stays with its partition: a partition with bad data gives its
:class:`~.parts.PartError` (``kind="input"``, naming the field) and is not retried (it would
fail the same way); a task that raises otherwise is retried ``retries`` times, then reported
(``kind="failed"``); a worker lost mid-run costs nothing but time: the scheduler runs its tasks
again elsewhere (up to ``distributed.scheduler.allowed-failures`` losses per task, 3 by
default), and since every job is pure, a repeated run gives the same result.

This module and :mod:`.spark` are the only ones that reach outside the process, through the
engine the caller started; the jobs they run are pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Final

from distributed import Client, Future, as_completed
from pydantic import BaseModel

from ..errors import InputError
from ..ownership.policy import Rulebook
from .parts import Job, Output, PartError, PartResult, Settle, check_keys

__all__ = ["evaluate_partitions", "gather_partitions", "settle_books", "submit_partitions"]


class _Part:
    """A partition's data in the task graph, opaque to Dask (which would otherwise walk every
    row of it looking for futures). A validated model (a ``RegistrationBook``) travels
    without what it has cached (a used book's index)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Part, (_without_caches(self.value),))


def _without_caches(value: Any) -> Any:
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        if any(name not in fields for name in value.__dict__):
            return value.model_construct(value.model_fields_set,
                                         **{name: value.__dict__[name] for name in fields})
    return value


def _run(key: str, part: Any, job: Job) -> PartResult:
    """One partition on a worker."""
    return job.run(key, part.value if isinstance(part, _Part) else part)


def submit_partitions(client: Client, parts: Mapping[str, Any], job: Job, *,
                      retries: int = 1) -> dict[str, Future[PartResult]]:
    """One task per partition, submitted and not waited for: a future per key, each giving
    the partition's :class:`~.parts.PartResult` (for :func:`distributed.as_completed`, or
    for tasks of the caller's own that write the results where they belong).

    A partition that is a :class:`distributed.Future` (data that a task of the caller's
    loaded on the cluster, the way to go for large data) is used where it is; any other
    travels inside its task, so that the scheduler can run the task again after losing a
    worker (data scattered to a worker would be lost with it). The job travels with each
    task too: a preset rulebook or policy by its name."""
    keys = check_keys(parts)
    if not isinstance(job, Job):
        raise InputError("job", "must have a run(key, part) method", type(job).__name__)
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise InputError("retries", "must be a whole number, 0 or more", retries)
    if not keys:
        return {}
    data = [p if isinstance(p, Future) else _Part(p) for p in (parts[k] for k in keys)]
    futures = client.map(_run, keys, data, job=job, retries=retries, pure=False)
    return dict(zip(keys, futures, strict=True))


def gather_partitions(client: Client, futures: Mapping[str, Future[PartResult]], *,
                      timeout: float | None = None) -> dict[str, PartResult]:
    """Wait for the partitions' tasks and return every result, in the order of the keys: a
    task that failed (after its retries), was cancelled, or is not finished after
    ``timeout`` seconds (it is then cancelled) gives its partition's error, never an
    exception here. Results are fetched as their tasks finish."""
    return _collect(client, dict(futures), timeout)


def _collect(client: Client, owned: dict[str, Future[PartResult]], timeout: float | None
             ) -> dict[str, PartResult]:
    """:func:`gather_partitions` on futures no one else holds: each is dropped as soon as
    its result is here, so that its worker can free the result (a worker would otherwise
    keep every result it made until the last partition is done)."""
    order = list(owned)
    key_of = {f.key: k for k, f in owned.items()}
    results: dict[str, PartResult] = {}
    failed: dict[str, PartError] = {}
    done = as_completed(list(owned.values()), timeout=timeout)
    try:
        for batch in done.batches():
            states = [(f, f.status) for f in batch]  # read once: a worker may die meanwhile
            ok = [f for f, state in states if state == "finished"]
            for f, state in states:
                if state in _AGAIN:  # its result died with a worker: the scheduler makes it
                    done.add(f)      # again, since we hold the future; wait for it again
                elif state != "finished":
                    failed[key_of[f.key]] = _failure(f)
            values: list[PartResult] = client.gather(ok) if ok else []
            for f, value in zip(ok, values, strict=True):
                results[key_of[f.key]] = value
            for f, state in states:
                if state not in _AGAIN:
                    del owned[key_of[f.key]]
            del batch, states, ok, values
    except TimeoutError:  # what is left in ``owned`` is late
        client.cancel(list(owned.values()))
    owned.clear()
    late = PartError("failed", "", f"not finished within the timeout ({timeout} s)",
                     "TimeoutError")
    return {k: results[k] if k in results else PartResult(k, error=failed.get(k, late))
            for k in order}


_AGAIN: Final = frozenset({"lost", "pending"})
"""The states of a future that ``as_completed`` gave back before its task is done: its
result was on a worker that died (``lost``: the scheduler computes it again) or it is being
computed again (``pending``)."""


def _failure(future: Future[PartResult]) -> PartError:
    if future.status == "error":
        try:
            exc = future.exception()
        except Exception as lost:  # the scheduler no longer knows it: report that
            exc = lost
        return PartError.of(exc)
    return PartError("failed", "", f"the task was {future.status}", "CancelledError")


def evaluate_partitions(client: Client, parts: Mapping[str, Any], job: Job, *,
                        retries: int = 1, timeout: float | None = None
                        ) -> dict[str, PartResult]:
    """Run ``job`` on every partition on the cluster; the results in the order of the keys
    (:func:`submit_partitions`, then :func:`gather_partitions`). ``job`` is
    :class:`~.parts.EvaluateComplaints`, :class:`~.parts.EvaluateRepairs`,
    :class:`~.parts.Settle` or a job of the caller's own."""
    return _collect(client, submit_partitions(client, parts, job, retries=retries), timeout)


def settle_books(client: Client, books: Mapping[str, Any], *, as_of: datetime,
                 rulebook: Rulebook | str, output: Output = "json", retries: int = 1,
                 timeout: float | None = None) -> dict[str, PartResult]:
    """Settle every book on the cluster, one task per book (a book is one sales office's or
    project's registration book: a validated book, its rows, or its JSON text): the
    decisions of ``settle(book, as_of=as_of, rulebook=rulebook)`` per key, as JSON
    (``output="json"``) or as decisions, or the book's error."""
    return evaluate_partitions(client, books, Settle(as_of, rulebook, output),
                               retries=retries, timeout=timeout)
