"""The kinds of case the command line evaluates, and the kinds of decision they return.

An area registers its case kind here (name, case model, evaluate function, and the classes
of the decisions it returns, by their ``kind``); the command line (:mod:`propmgmt_rules.cli`)
reads case files, validates them with the model, and prints what the function returns.
:func:`load_decision` reads a stored decision back into its typed class. Nothing here reads
or writes anything.

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
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Final

from pydantic import BaseModel

from .complaints import cases as _complaint_cases
from .complaints.models import (
    ClassificationDecision,
    ComplaintStatusDecision,
    ObligationPlanDecision,
)
from .decision import Decision, decision_type, decision_types, register_decision
from .errors import InputError
from .fees import cases as _fee_cases
from .fees.models import BillingDecision, CollectionDecision, FeeDecision, MoveInDecision
from .ownership import cases as _ownership_cases
from .ownership.models import CommissionDecision, OwnershipDecision
from .ownership.rotation import RotationDecision
from .repairs import cases as _repair_cases
from .repairs.models import (
    AppointmentDecision,
    HandoverDecision,
    IntakeDecision,
    QuotaDecision,
    RectificationDecision,
    RepairDecision,
    RepairStatusDecision,
    RevisitPlanDecision,
    RevisitRecordDecision,
    RevisitWindowDecision,
)
from .time import cases as _time_cases
from .time.models import DeadlineDecision
from .validation import parse_json, validate

__all__ = ["CASE_KINDS", "CaseKind", "case_kind", "evaluate_case", "load_decision",
           "validate_case"]


@dataclass(frozen=True, slots=True)
class CaseKind:
    """A kind of case: its command name, its input model, its evaluation and its output model.

    ``decisions`` is the type of every decision ``evaluate`` may return when there are several
    (a union discriminated by ``kind``); ``propmgmt-rules schema KIND --decision`` prints its
    JSON Schema, or ``decision``'s when it is not given. ``kinds`` maps every kind of decision
    of the area to its class: they are registered (for :func:`load_decision`) when the case
    kind is made. ``json_mode``: the model reads a JSON text exactly as the library's reader
    (:func:`~propmgmt_rules.validation.parse_json`) and python-mode validation would, or
    refuses it (then the line is read again the library's way), once the command line has
    sent the lines with a number pydantic's reader reads otherwise the library's way
    (``cli._reads_otherwise``); ``tests/test_cli_read_at_once.py`` checks that this holds for
    every kind. A kind sets it where it pays (the check costs about 2 ns a byte; pydantic's
    reader saves about 8 µs on a complaint line of 700 bytes)."""

    name: str
    summary: str
    model: type[BaseModel]
    evaluate: Callable[[Any], Sequence[Decision]]
    decision: type[Decision]
    decisions: Any = None
    kinds: Mapping[str, type[Decision]] = field(default_factory=dict)
    json_mode: bool = False

    def __post_init__(self) -> None:
        for kind, cls in self.kinds.items():
            register_decision(cls, kind)


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
                kinds={"time.deadline": DeadlineDecision},
                json_mode=True,  # instants, texts, spans: a count in a span is checked
            ),
            CaseKind(
                name="ownership",
                summary="client ownership, commission splits, the reception rotation "
                "(CC-, SD-, COM- rules)",
                model=_ownership_cases.OwnershipCase,
                evaluate=_ownership_cases.evaluate,
                decision=OwnershipDecision,
                decisions=_ownership_cases.OwnershipCaseDecision,
                kinds={"ownership.client": OwnershipDecision,
                       "ownership.commission": CommissionDecision,
                       "ownership.rotation": RotationDecision},
            ),
            CaseKind(
                name="complaint",
                summary="complaints: classification, obligations, deadlines, status (CA-, CP-, "
                "SQ- rules)",
                model=_complaint_cases.ComplaintCase,
                evaluate=_complaint_cases.evaluate,
                json_mode=True,  # amounts refuse floats: a JSON decimal is read again
                decision=ComplaintStatusDecision,
                kinds={"complaint.classification": ClassificationDecision,
                       "complaint.obligations": ObligationPlanDecision,
                       "complaint.status": ComplaintStatusDecision},
            ),
            CaseKind(
                name="repair",
                summary="repairs: intake, appointments, revisit windows, quotas and plans, "
                "records, rectification, handover defects (OM-R3, OM-R4, OM-RV1 to OM-RV4, "
                "SQ-R1, SQ-RV, MI-4.4.7)",
                model=_repair_cases.RepairCase,
                evaluate=_repair_cases.evaluate,
                json_mode=True,  # amounts refuse floats: a JSON decimal is read again
                decision=RepairDecision,
                kinds={"repair.intake": IntakeDecision,
                       "repair.appointment": AppointmentDecision,
                       "repair.revisit_window": RevisitWindowDecision,
                       "repair.revisit_record": RevisitRecordDecision,
                       "repair.rectification": RectificationDecision,
                       "repair.quotas": QuotaDecision,
                       "repair.handover": HandoverDecision,
                       "repair.revisit_plan": RevisitPlanDecision,
                       "repair.status": RepairStatusDecision},
            ),
            CaseKind(
                name="fees",
                summary="fees, billing and move-in notices: arrears, the collection ladder, "
                "limitation expiries, paid-service billing, move-in notices (VK-FEE, "
                "VK-FEE-LIMIT, SQ-FEES, MI-4.3.1, MI-4.3.2)",
                model=_fee_cases.FeeCase,
                evaluate=_fee_cases.evaluate,
                json_mode=True,  # amounts refuse floats: a JSON decimal is read again
                decision=FeeDecision,
                decisions=_fee_cases.FeeCaseDecision,
                kinds={"fees.collection": CollectionDecision,
                       "fees.billing": BillingDecision,
                       "fees.move_in": MoveInDecision},
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


_MAX_KIND_SHOWN: Final = 60


def load_decision(data: str | bytes | Mapping[str, Any] | Decision) -> Decision:
    """A stored decision (its JSON text, or the dict of it) as its typed class, chosen by its
    ``kind`` (``time.deadline``, ``complaint.status``, ...: every kind an area registers).

    Malformed JSON, a document that is not a decision, an unknown kind or a field that does
    not fit is an :class:`InputError` (an :class:`InvalidInput` listing every problem with a
    clean field path). A decision loaded back is equal to the one stored and writes the same
    JSON.

    >>> case = validate_case("time", {"id": "reply", "start": "2025-03-03T10:00:00+08:00",
    ...                               "span": "3个工作日"})
    >>> stored = evaluate_case("time", case)[0].to_json()
    >>> decision = load_decision(stored)
    >>> type(decision).__name__, decision.outcome.due.isoformat()
    ('DeadlineDecision', '2025-03-07T00:00:00+08:00')
    >>> decision.to_json() == stored
    True
    >>> try:
    ...     load_decision('{"format": "propmgmt.decision.v1", "kind": "mars.landing"}')
    ... except InputError as exc:
    ...     print(exc.field, "-", exc.reason[:32])
    kind - is not a kind of decision; known
    """
    if isinstance(data, Decision):
        return data
    raw: Any = data
    if isinstance(data, str | bytes | bytearray):
        raw = parse_json(data, "(decision)")
    if not isinstance(raw, Mapping):
        raise InputError("(decision)", "is not a decision: a JSON object is expected",
                         type(raw).__name__)
    kind = raw.get("kind")
    if not isinstance(kind, str):
        raise InputError("kind", "is missing: a decision names its kind",
                         type(kind).__name__ if kind is not None else None)
    cls = decision_type(kind)
    if cls is None:
        shown = kind if len(kind) <= _MAX_KIND_SHOWN else kind[:_MAX_KIND_SHOWN] + "..."
        raise InputError("kind", f"is not a kind of decision; known: "
                         f"{', '.join(decision_types())}", shown)
    return validate(cls, raw)
