"""Settling many books and evaluating many complaints or repairs, one partition at a time, on
a distributed engine (see docs/scale.md).

The pure half lives here (:mod:`.parts`: the jobs, what a partition gives back, the
single-process run) and needs nothing beyond the core; the engines' adapters are separate
modules behind their extras: :mod:`propmgmt_rules.scale.dask` (extra ``distributed``) and
:mod:`propmgmt_rules.scale.spark` (for ``groupBy(...).applyInPandas``).

>>> from datetime import datetime, timezone
>>> from propmgmt_rules.scale import Settle, run_local
>>> job = Settle(as_of=datetime(2025, 4, 1, tzinfo=timezone.utc), rulebook="SD")
>>> run_local(job, {"north": {"receptions": []}})["north"].json
()
"""

from .parts import (
    MAX_ERROR_LENGTH,
    ComplaintItem,
    EvaluateComplaints,
    EvaluateRepairs,
    Job,
    Output,
    PartError,
    PartResult,
    Settle,
    check_keys,
    decision_from_json,
    decisions_of,
    run_local,
)

__all__ = [
    "MAX_ERROR_LENGTH",
    "ComplaintItem",
    "EvaluateComplaints",
    "EvaluateRepairs",
    "Job",
    "Output",
    "PartError",
    "PartResult",
    "Settle",
    "check_keys",
    "decision_from_json",
    "decisions_of",
    "run_local",
]
