"""The kinds of case the command line evaluates: each a pydantic model and a pure function.

An area registers its case kind here (name, case model, evaluate function); the command line
(:mod:`propmgmt_rules.cli`) reads case files, validates them with the model, and prints what
the function returns. Nothing here reads or writes anything.

:func:`validate_case` is the one way in for a caller holding a case as data (a dict read from
JSON, a JSON text): every problem at once, each with a clean field path.

>>> case = validate_case("time", {"id": "reply", "start": "2025-03-03T10:00:00+08:00",
...                               "span": "3个工作日"})
>>> evaluate_case("time", case)[0].outcome.due.isoformat()
'2025-03-07T00:00:00+08:00'
>>> try:
...     validate_case("time", {"id": "reply", "start": "2025-03-03T10:00:00", "span": "soon"})
... except InputError as exc:
...     print([problem.field for problem in exc.problems])
...     print(exc.problems[0].reason)
['start', 'span']
Input should have timezone info
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from .complaints import cases as _complaint_cases
from .complaints.models import ComplaintStatusDecision
from .decision import Decision
from .errors import InputError
from .fees import cases as _fee_cases
from .fees.models import FeeDecision
from .ownership import cases as _ownership_cases
from .ownership.models import OwnershipDecision
from .repairs import cases as _repair_cases
from .repairs.models import RepairDecision
from .time import cases as _time_cases
from .time.deadline import DeadlineDecision
from .validation import validate

__all__ = ["CASE_KINDS", "CaseKind", "case_kind", "evaluate_case", "validate_case"]


@dataclass(frozen=True, slots=True)
class CaseKind:
    """A kind of case: its command name, its input model, its evaluation and its output model.

    ``decisions`` is the type of every decision ``evaluate`` may return when there are several
    (a union discriminated by ``kind``); ``propmgmt-rules schema KIND --decision`` prints its
    JSON Schema, or ``decision``'s when it is not given."""

    name: str
    summary: str
    model: type[BaseModel]
    evaluate: Callable[[Any], Sequence[Decision]]
    decision: type[Decision]
    decisions: Any = None


CASE_KINDS: Final[Mapping[str, CaseKind]] = MappingProxyType(
    {
        kind.name: kind
        for kind in (
            CaseKind(
                name="time",
                summary="deadlines of spans on work calendars (T- rules)",
                model=_time_cases.DeadlineCase,
                evaluate=_time_cases.evaluate,
                decision=DeadlineDecision,
            ),
            CaseKind(
                name="ownership",
                summary="client ownership, commission splits, the reception rotation "
                "(CC-, SD-, COM- rules)",
                model=_ownership_cases.OwnershipCase,
                evaluate=_ownership_cases.evaluate,
                decision=OwnershipDecision,
                decisions=_ownership_cases.OwnershipCaseDecision,
            ),
            CaseKind(
                name="complaint",
                summary="complaints: classification, obligations, deadlines, status (CA-, CP-, "
                "SQ- rules)",
                model=_complaint_cases.ComplaintCase,
                evaluate=_complaint_cases.evaluate,
                decision=ComplaintStatusDecision,
            ),
            CaseKind(
                name="repair",
                summary="repairs: intake, appointments, revisit windows, quotas and plans, "
                "records, rectification, handover defects (OM-R3, OM-R4, OM-RV1 to OM-RV4, "
                "SQ-R1, SQ-RV, MI-4.4.7)",
                model=_repair_cases.RepairCase,
                evaluate=_repair_cases.evaluate,
                decision=RepairDecision,
            ),
            CaseKind(
                name="fees",
                summary="fees, billing and move-in notices: arrears, the collection ladder, "
                "limitation expiries, paid-service billing, move-in notices (VK-FEE, "
                "VK-FEE-LIMIT, SQ-FEES, MI-4.3.1, MI-4.3.2)",
                model=_fee_cases.FeeCase,
                evaluate=_fee_cases.evaluate,
                decision=FeeDecision,
                decisions=_fee_cases.FeeCaseDecision,
            ),
        )
    }
)


def case_kind(kind: str | CaseKind) -> CaseKind:
    """The case kind named ``kind`` (``time``, ``ownership``, ...), or an :class:`InputError`
    naming ``kind``."""
    if isinstance(kind, CaseKind):
        return kind
    if not isinstance(kind, str) or kind not in CASE_KINDS:
        shown = kind if isinstance(kind, str) and len(kind) <= 40 else type(kind).__name__
        raise InputError("kind", f"is not a kind of case; known: {', '.join(CASE_KINDS)}",
                         shown)
    return CASE_KINDS[kind]


def validate_case(kind: str | CaseKind, data: Any) -> BaseModel:
    """A case of ``kind`` validated from ``data`` (a dict, a JSON text, or the model itself):
    bad input is an :class:`InvalidInput` (an :class:`InputError`) listing every problem with
    a clean field path; nesting beyond ``limits.MAX_JSON_DEPTH`` is refused before it is
    read."""
    return validate(case_kind(kind).model, data)


def evaluate_case(kind: str | CaseKind, data: Any) -> Sequence[Decision]:
    """The decisions of one case of ``kind`` (validated first, see :func:`validate_case`)."""
    job = case_kind(kind)
    return job.evaluate(validate(job.model, data))
