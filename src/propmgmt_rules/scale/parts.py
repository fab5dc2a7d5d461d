"""Partitions of work and what each gives back: the pure half of :mod:`propmgmt_rules.scale`.

A *job* says what to do with one partition (:class:`Settle` a registration book,
:class:`EvaluateComplaints`, :class:`EvaluateRepairs`); ``job.run(key, part)`` is a pure
function of the job and the partition that returns a :class:`PartResult`: the partition's
decisions (as objects or as their JSON), or the partition's error. The same call runs in one
process (:func:`run_local`), on a Dask worker (:mod:`propmgmt_rules.scale.dask`) or in a Spark
task (:mod:`propmgmt_rules.scale.spark`), and gives the same result everywhere.

A job pickles small: a preset rulebook or policy travels by its name (each worker process
uses its own preset and keeps the engine's compiled tables between partitions), any other as
its JSON, never with the caches a used rulebook or policy carries.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> job = Settle(as_of=datetime(2025, 3, 31, tzinfo=ZoneInfo("Asia/Shanghai")), rulebook="SD")
>>> book = {"receptions": [{"id": "R1", "client": "C1", "consultant": "A",
...                         "at": "2025-03-01T10:00:00+08:00"}]}
>>> result = job.run("office-1", book)
>>> result.ok, len(result.json), result.json[0][:60]
(True, 1, '{"format":"propmgmt.decision.v1","kind":"ownership.client","')
>>> bad = job.run("office-2", {"receptions": [{"id": "R1", "client": "C1", "consultant": "A",
...                                            "at": "2025-03-01T10:00:00"}]})
>>> bad.ok, bad.error.kind, bad.error.field
(False, 'input', 'receptions[R1].at')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Literal, Protocol, TypeAlias, cast, runtime_checkable

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from ..complaints import evaluate_many
from ..complaints.models import Complaint, ComplaintEvent, ComplaintStatusDecision
from ..complaints.policies import POLICIES as COMPLAINT_POLICIES
from ..complaints.policies import resolve_policy
from ..complaints.policy import ComplaintPolicy
from ..decision import Decision
from ..errors import InputError, ItemError
from ..limits import check_identifier
from ..ownership.engine import settle
from ..ownership.models import CommissionDecision, OwnershipDecision, RegistrationBook
from ..ownership.policy import Rulebook
from ..ownership.presets import PRESETS as RULEBOOK_PRESETS
from ..ownership.presets import resolve_rulebook
from ..repairs import models as _repair_models
from ..repairs.cases import RepairCase
from ..repairs.cases import evaluate as evaluate_repair_case
from ..time.calendar import require_aware

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

Output: TypeAlias = Literal["json", "decisions"]
"""What a partition's result holds: each decision's JSON (``"json"``, the default: cheapest to
ship between processes) or the decisions themselves (``"decisions"``)."""

MAX_ERROR_LENGTH: Final = 1_000
"""Longest message of a :class:`PartError`, in characters (the rest is cut)."""


@dataclass(frozen=True, slots=True)
class PartError:
    """Why a partition gave no decisions.

    ``kind`` is ``"input"`` when the partition's data is bad (a validation error or an
    :class:`~propmgmt_rules.errors.InputError`: ``field`` names where, within the partition,
    e.g. ``receptions[R12].at`` or ``[3] C17: complaint.received_at``), ``"failed"`` when its
    task failed otherwise (an exception after every retry, a worker lost too often, a
    timeout). ``error_type`` is the exception's class name."""

    kind: Literal["input", "failed"]
    field: str
    message: str
    error_type: str

    @classmethod
    def of(cls, exc: BaseException, where: str = "") -> PartError:
        """The error of a partition whose run raised ``exc`` (``where``: a prefix for the
        field, naming the item of the partition)."""
        prefix = f"{where}: " if where else ""
        if isinstance(exc, ValidationError):
            errors = exc.errors(include_url=False)
            first = errors[0] if errors else {"loc": (), "msg": str(exc)}
            field = _loc(first["loc"])
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            return cls("input", prefix + field, _cut(f"{first['msg']}{more}"),
                       "ValidationError")
        if isinstance(exc, InputError):
            return cls("input", prefix + exc.field, _cut(str(exc)), "InputError")
        return cls("failed", where, _cut(f"{type(exc).__name__}: {exc}"), type(exc).__name__)


@dataclass(frozen=True, slots=True)
class PartResult:
    """One partition's result: its ``key``, then either its decisions (``decisions`` or
    ``json``, by the job's ``output``, in the order the single-process call gives them) or
    its ``error``."""

    key: str
    decisions: tuple[Decision, ...] = ()
    json: tuple[str, ...] = ()
    error: PartError | None = None

    @property
    def ok(self) -> bool:
        """True when the partition was decided (its decisions may still be escalations)."""
        return self.error is None

    def json_lines(self) -> str:
        """Every decision's JSON, one per line (JSON Lines, as the command line writes)."""
        texts = self.json if self.json or not self.decisions else tuple(
            d.to_json() for d in self.decisions)
        return "".join(t + "\n" for t in texts)


@runtime_checkable
class Job(Protocol):
    """What to do with one partition: ``run(key, part)`` must be pure (the same partition
    gives the same result, whenever, wherever and however often it runs: a retry or a
    rescheduled task repeats it) and must not raise for bad input (it reports it in the
    result), and the job must pickle."""

    def run(self, key: str, part: Any) -> PartResult:
        """The result of partition ``part``, named ``key``."""
        ...


# -- shipping the rulebooks and policies: a preset by name, another as its JSON -----------


def _ship(model: BaseModel, presets: Mapping[str, BaseModel]) -> tuple[str, Any, str]:
    for name, preset in presets.items():
        if preset is model:
            return ("preset", None, name)
    return ("json", type(model), model.model_dump_json())


def _unship(shipped: tuple[str, Any, str], presets: Mapping[str, Any]) -> Any:
    how, cls, text = shipped
    return presets[text] if how == "preset" else cls.model_validate_json(text)


def _output(value: str) -> Output:
    if value not in ("json", "decisions"):
        raise InputError("output", "must be 'json' or 'decisions'", value)
    return cast(Output, value)


def _result(key: str, decisions: Sequence[Decision], output: Output) -> PartResult:
    if output == "json":
        return PartResult(key, json=tuple(d.to_json() for d in decisions))
    return PartResult(key, decisions=tuple(decisions))


def _loc(loc: Sequence[str | int]) -> str:
    out = ""
    for item in loc:
        if isinstance(item, int):
            out += f"[{item}]"
        else:
            out += f".{item}" if out else str(item)
    return out


def _cut(text: str) -> str:
    return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"


def _items(part: Any, what: str) -> Sequence[Any]:
    """A partition of items: a list or tuple (or its JSON text, an array)."""
    if isinstance(part, str | bytes | bytearray):
        return _JSON_LIST.validate_json(part)
    if not isinstance(part, list | tuple):
        raise InputError("part", f"must be a list of {what} (or its JSON text)",
                         type(part).__name__)
    return part


_JSON_LIST: Final = TypeAdapter(list[Any])


# -- ownership: one book per partition ----------------------------------------------------


@dataclass(frozen=True, slots=True, init=False)
class Settle:
    """Settle a sales office's registration book: ``settle(book, as_of=as_of,
    rulebook=rulebook)``, every household and every deal made by ``as_of`` (see
    docs/ownership.md). A partition is one book (ownership never crosses a sales office): a
    validated :class:`~propmgmt_rules.ownership.RegistrationBook`, its rows as JSON-like
    data, or its JSON text, validated where the job runs."""

    as_of: datetime
    rulebook: Rulebook
    output: Output

    def __init__(self, as_of: datetime, rulebook: Rulebook | str, output: Output = "json"
                 ) -> None:
        require_aware(as_of, "as_of")
        try:
            book = resolve_rulebook(rulebook)
        except ValueError as exc:
            raise InputError("rulebook", str(exc)) from None
        object.__setattr__(self, "as_of", as_of)
        object.__setattr__(self, "rulebook", book)
        object.__setattr__(self, "output", _output(output))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_settle_job, (self.as_of, _ship(self.rulebook, RULEBOOK_PRESETS), self.output))

    def run(self, key: str, part: Any) -> PartResult:
        """The decisions of book ``part`` (``key`` names it), or its error."""
        try:
            book = _book(part)
            return _result(key, settle(book, as_of=self.as_of, rulebook=self.rulebook), self.output)
        except (ValidationError, InputError) as exc:
            return PartResult(key, error=PartError.of(exc))


def _settle_job(as_of: datetime, rulebook: tuple[str, Any, str], output: Output) -> Settle:
    return Settle(as_of, _unship(rulebook, RULEBOOK_PRESETS), output)


def _book(part: Any) -> RegistrationBook:
    if isinstance(part, RegistrationBook):
        return part
    if isinstance(part, str | bytes | bytearray):
        return RegistrationBook.model_validate_json(part)
    if isinstance(part, Mapping):
        return RegistrationBook.model_validate(part)
    raise InputError("book", "must be a RegistrationBook, its rows as a mapping, or its JSON "
                     "text", type(part).__name__)


# -- complaints: any number of complaints per partition -----------------------------------


class ComplaintItem(BaseModel):
    """One complaint of a partition, as data: the complaint and its history."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    complaint: Complaint
    history: tuple[ComplaintEvent, ...] = ()


@dataclass(frozen=True, slots=True, init=False)
class EvaluateComplaints:
    """The status at ``as_of`` of every complaint of a partition under ``policy``:
    ``evaluate_many(pairs, as_of, policy, explain=explain)`` (see docs/complaints.md).
    Complaints are independent: partition them any way. A partition is a list of
    ``(Complaint, history)`` pairs or of ``{"complaint": ..., "history": [...]}`` objects
    (or its JSON text)."""

    as_of: datetime
    policy: ComplaintPolicy
    output: Output
    explain: bool

    def __init__(self, as_of: datetime, policy: ComplaintPolicy | str, output: Output = "json",
                 explain: bool = False) -> None:
        require_aware(as_of, "as_of")
        object.__setattr__(self, "as_of", as_of)
        object.__setattr__(self, "policy", resolve_policy(policy))
        object.__setattr__(self, "output", _output(output))
        object.__setattr__(self, "explain", bool(explain))

    def __reduce__(self) -> tuple[Any, ...]:
        return (_complaints_job, (self.as_of, _ship(self.policy, COMPLAINT_POLICIES),
                                  self.output, self.explain))

    def run(self, key: str, part: Any) -> PartResult:
        """The status decisions of the complaints of ``part``, in its order, or its error."""
        try:
            items = _items(part, "complaints")
            pairs = [_complaint(n, item) for n, item in enumerate(items)]
        except (ValidationError, InputError) as exc:
            return PartResult(key, error=PartError.of(exc))
        except _ItemError as exc:
            return PartResult(key, error=PartError.of(exc.cause, exc.where))
        try:
            decisions = evaluate_many(pairs, self.as_of, self.policy, explain=self.explain)
        except ItemError as exc:  # the engine names the complaint it refuses
            where = f"[{exc.index}]" + (f" {exc.item_id}" if exc.item_id is not None else "")
            return PartResult(key, error=PartError.of(exc.error, where))
        except (ValidationError, InputError) as exc:
            return PartResult(key, error=PartError.of(exc))
        return _result(key, decisions, self.output)


class _ItemError(Exception):
    def __init__(self, where: str, cause: ValidationError | InputError) -> None:
        super().__init__(where)
        self.where = where
        self.cause = cause


def _complaints_job(as_of: datetime, policy: tuple[str, Any, str], output: Output,
                    explain: bool) -> EvaluateComplaints:
    return EvaluateComplaints(as_of, _unship(policy, COMPLAINT_POLICIES), output, explain)


def _complaint(n: int, item: Any) -> tuple[Complaint, Sequence[ComplaintEvent]]:
    if (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], Complaint)
            and isinstance(item[1], Sequence)
            and all(isinstance(e, ComplaintEvent) for e in item[1])):
        return item
    try:
        parsed = ComplaintItem.model_validate(item)
    except ValidationError as exc:
        ident = item.get("complaint", {}).get("id") if isinstance(item, Mapping) else None
        name = f" {ident}" if isinstance(ident, str) and len(ident) <= 200 else ""
        raise _ItemError(f"[{n}]{name}", exc) from None
    return parsed.complaint, parsed.history


# -- repairs: any number of repair cases per partition ------------------------------------


@dataclass(frozen=True, slots=True, init=False)
class EvaluateRepairs:
    """Every decision of each repair case of a partition, in order (the command line's
    ``repair`` job: see docs/repairs.md; each case names its policy and instant). A case is
    the unit (its quotas and plan need all its repairs); cases partition freely. A partition
    is a list of :class:`~propmgmt_rules.repairs.cases.RepairCase` or of their data (or its
    JSON text)."""

    output: Output

    def __init__(self, output: Output = "json") -> None:
        object.__setattr__(self, "output", _output(output))

    def __reduce__(self) -> tuple[Any, ...]:
        return (EvaluateRepairs, (self.output,))

    def run(self, key: str, part: Any) -> PartResult:
        """The decisions of the cases of ``part``, in order, or its error."""
        try:
            items = _items(part, "repair cases")
        except (ValidationError, InputError) as exc:
            return PartResult(key, error=PartError.of(exc))
        decisions: list[Decision] = []
        for n, item in enumerate(items):
            ident = _case_id(item)
            where = f"[{n}] {ident}" if ident else f"[{n}]"
            try:
                case = item if isinstance(item, RepairCase) else RepairCase.model_validate(item)
                decisions.extend(evaluate_repair_case(case))
            except (ValidationError, InputError) as exc:
                return PartResult(key, error=PartError.of(exc, where))
        return _result(key, decisions, self.output)


def _case_id(item: Any) -> str:
    ident = item.id if isinstance(item, RepairCase) else (
        item.get("id") if isinstance(item, Mapping) else None)
    return ident if isinstance(ident, str) and len(ident) <= 200 else ""


# -- one process, and decisions back from JSON --------------------------------------------


def check_keys(parts: Mapping[str, Any]) -> list[str]:
    """The partitions' keys, checked: identifiers (non-empty, at most ``MAX_ID_LENGTH``
    characters, no control characters, no surrounding spaces)."""
    if not isinstance(parts, Mapping):
        raise InputError("parts", "must be a mapping of partition keys to partitions",
                         type(parts).__name__)
    keys: list[str] = []
    for key in parts:
        if not isinstance(key, str):
            raise InputError("parts", "keys must be strings", key)
        try:
            ok = check_identifier(key) == key
        except ValueError as exc:
            raise InputError(f"parts[{key[:50]!r}]", f"key {exc}") from None
        if not ok:
            raise InputError(f"parts[{key!r}]", "key must not have surrounding spaces")
        keys.append(key)
    return keys


def run_local(job: Job, parts: Mapping[str, Any]) -> dict[str, PartResult]:
    """Every partition's result, one after the other in this process: the reference a
    distributed run is compared with, and all one needs when one machine is enough.

    >>> from propmgmt_rules.ownership import SD
    >>> from datetime import datetime, timezone
    >>> job = Settle(as_of=datetime(2025, 4, 1, tzinfo=timezone.utc), rulebook=SD)
    >>> rows = {"receptions": [{"id": "R1", "client": "C1", "consultant": "A",
    ...                         "at": "2025-03-01T10:00:00+08:00"}]}
    >>> results = run_local(job, {"north": rows, "south": "not a book"})
    >>> [(k, r.ok, len(r.json)) for k, r in results.items()]
    [('north', True, 1), ('south', False, 0)]
    >>> results["south"].error.message
    'Invalid JSON: expected ident at line 1 column 2'
    """
    keys = check_keys(parts)
    return {key: job.run(key, parts[key]) for key in keys}


_DECISION_CLASSES: Final[Mapping[str, type[Decision]]] = {
    "ownership.client": OwnershipDecision,
    "ownership.commission": CommissionDecision,
    "complaint.status": ComplaintStatusDecision,
    "repair.intake": _repair_models.IntakeDecision,
    "repair.appointment": _repair_models.AppointmentDecision,
    "repair.revisit_window": _repair_models.RevisitWindowDecision,
    "repair.revisit_record": _repair_models.RevisitRecordDecision,
    "repair.rectification": _repair_models.RectificationDecision,
    "repair.quotas": _repair_models.QuotaDecision,
    "repair.handover": _repair_models.HandoverDecision,
    "repair.revisit_plan": _repair_models.RevisitPlanDecision,
    "repair.status": _repair_models.RepairStatusDecision,
}


class _Kind(BaseModel):
    model_config = ConfigDict(extra="ignore")
    kind: str


def decision_from_json(text: str | bytes) -> Decision:
    """A decision a job gave as JSON, as the decision object of its kind (validated): its
    JSON is the same text again.

    >>> from datetime import datetime, timezone
    >>> job = Settle(as_of=datetime(2025, 4, 1, tzinfo=timezone.utc), rulebook="CC")
    >>> text = run_local(job, {"north": {"receptions": [
    ...     {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"}
    ... ]}})["north"].json[0]
    >>> d = decision_from_json(text)
    >>> type(d).__name__, d.outcome.owner_ids(), d.to_json() == text
    ('OwnershipDecision', ('A',), True)
    """
    kind = _Kind.model_validate_json(text).kind
    cls = _DECISION_CLASSES.get(kind)
    if cls is None:
        raise InputError("kind", f"not a decision a job gives; known: "
                         f"{', '.join(_DECISION_CLASSES)}", kind[:100])
    return cls.model_validate_json(text)


def decisions_of(results: Iterable[PartResult]) -> list[Decision]:
    """Every decision of ``results`` (decided partitions only), in order, as objects."""
    out: list[Decision] = []
    for r in results:
        out.extend(r.decisions if r.decisions else (decision_from_json(t) for t in r.json))
    return out
