"""A local Dask cluster of two worker processes for the scale tests (one per package run),
shut down cleanly at the end: no worker process may outlive it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

# Generous: the machine may be busy. A test never waits on these unless something is wrong.
DASK_CONFIG = {
    "distributed.comm.timeouts.connect": "120s",
    "distributed.comm.timeouts.tcp": "300s",
    "distributed.deploy.lost-worker-timeout": "60s",
}


@contextmanager
def local_cluster(n_workers: int = 2) -> Iterator[Any]:
    """A ``LocalCluster`` of ``n_workers`` worker processes (one thread each; the
    scheduler's HTTP port chosen free, never 8787, which another cluster may hold) and a
    client on it; on exit, checks that no worker process is left."""
    dask = pytest.importorskip("dask")
    distributed = pytest.importorskip("distributed")
    psutil = pytest.importorskip("psutil")
    me = psutil.Process()
    before = {p.pid for p in me.children(recursive=True)}
    with dask.config.set(DASK_CONFIG), distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=":0",
    ) as cluster, distributed.Client(cluster) as client:
        client.wait_for_workers(n_workers, timeout=120)
        yield client
    left = [p for p in me.children(recursive=True) if p.pid not in before and _worker(p)]
    _, alive = psutil.wait_procs(left, timeout=30)
    assert not alive, f"worker processes left behind: {alive}"


def _worker(process: Any) -> bool:
    """A process the cluster started (a nanny or a worker: multiprocessing's spawned
    children), not multiprocessing's resource tracker (one per interpreter, for its whole
    life) nor another test's (Spark's JVM)."""
    try:
        cmdline = " ".join(process.cmdline())
    except Exception:  # it ended meanwhile
        return False
    return "multiprocessing" in cmdline and "resource_tracker" not in cmdline


@pytest.fixture(scope="package")
def client() -> Iterator[Any]:
    with local_cluster() as c:
        yield c
