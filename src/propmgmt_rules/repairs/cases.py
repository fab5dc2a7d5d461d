"""Repair cases: the input form of the command line's ``repair`` job (and its examples).

A case holds the facts of some repairs (requests, completed repairs, revisit records,
rectification notices, handover inspections), the policy (a preset name or an inline
policy), the instant asked about, and optionally a quota question and a planning question.
:func:`evaluate` returns one decision per question: each request's intake (`OM-R3`,
`SQ-R1`) and appointments (`OM-R4`), each completed repair's revisit window (`OM-RV2`), each
revisit's record (`OM-RV3`) and rectification (`OM-RV4`, `SQ-RV`), each handover
inspection (`MI-4.4.7`), the quotas (`OM-RV1`, `SQ-RV`), the plan, and, with ``as_of``, the
status of every obligation at that instant (:func:`~propmgmt_rules.repairs.status`): the
same functions as the area's questions, with the case's id before each subject.

>>> case = RepairCase.model_validate({
...     "id": "leak", "as_of": "2025-03-08T12:00:00+08:00",
...     "requests": [{"id": "R1", "received_at": "2025-03-07T09:00:00+08:00",
...                   "name": "王女士", "address": "3-2-601", "phone": "13800000000",
...                   "content": "厨房水管漏水", "urgent": False,
...                   "agreed_time": "2025-03-07T14:00:00+08:00",
...                   "passed_to_engineering_at": "2025-03-07T09:20:00+08:00",
...                   "arrived_at": "2025-03-07T13:50:00+08:00"}],
...     "completed": [{"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00",
...                    "category": "leak"}]})
>>> [d.kind for d in evaluate(case)]
['repair.intake', 'repair.appointment', 'repair.revisit_window', 'repair.status']
>>> status = evaluate(case)[-1].outcome
>>> [(o.key, o.state.value) for o in status.obligations]
[('R1:intake', 'met'), ('R1:appointment[0]', 'met'), ('R1:revisit', 'pending')]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal, overload

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import InputError, ItemError
from ..limits import FreeText, Identifier
from ..presets import known_preset
from .appointments import decide_appointment
from .handover import decide_handover
from .intake import decide_intake
from .models import (
    CompletedRepair,
    Day,
    HandoverInspection,
    Instant,
    RectificationNotice,
    RepairDecision,
    RepairRequest,
    RevisitRecord,
    StaffMember,
)
from .planner import decide_plan
from .policy import RepairPolicy
from .presets import resolve_policy
from .quotas import decide_quotas
from .records import decide_record
from .rectification import decide_rectification
from .revisits import decide_window, revisit_order
from .status import decide_status

__all__ = ["PlanQuestion", "QuotaQuestion", "RepairCase", "evaluate", "evaluate_batch"]


class QuotaQuestion(BaseModel):
    """Check the revisit quotas (`OM-RV1`) and coverage (`SQ-RV`) over a period."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    period: tuple[Day, Day] | None = Field(
        default=None, description="first and last day of completion (None: every repair)"
    )

    @field_validator("period")
    @classmethod
    def _in_order(cls, value: tuple[date, date] | None) -> tuple[date, date] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the first day {value[0].isoformat()} is after the last day "
                             f"{value[1].isoformat()}")
        return value


class PlanQuestion(BaseModel):
    """Plan the revisits of the case's completed repairs with these staff."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    staff: tuple[StaffMember, ...]
    start: Day | None = Field(default=None, description="first day a revisit may be planned")
    until: Day | None = Field(
        default=None, description="last day of every window when the policy has none"
    )

    @model_validator(mode="after")
    def _in_order(self) -> PlanQuestion:
        if self.start is not None and self.until is not None and self.start > self.until:
            raise ValueError(f"until: {self.until.isoformat()} is before the start "
                             f"{self.start.isoformat()}")
        return self


def _unique(idents: Iterable[str], field: str) -> set[str]:
    ids: set[str] = set()
    for ident in idents:
        if ident in ids:
            raise ValueError(f"{field}: the id {ident!r} is given twice")
        ids.add(ident)
    return ids


class RepairCase(BaseModel):
    """The facts of some repairs, and the questions asked about them."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    description: FreeText = ""
    policy: RepairPolicy | str = Field(
        default="catalog",
        description="a preset name ('catalog', 'property-office', 'nanjing') or a policy",
    )
    as_of: Instant | None = Field(
        default=None,
        description="the instant asked about; without it, facts decide alone and what is "
        "not done is pending",
    )
    requests: tuple[RepairRequest, ...] = ()
    completed: tuple[CompletedRepair, ...] = ()
    revisits: tuple[RevisitRecord, ...] = ()
    notices: tuple[RectificationNotice, ...] = ()
    handovers: tuple[HandoverInspection, ...] = ()
    quotas: QuotaQuestion | None = None
    plan: PlanQuestion | None = None

    @field_validator("policy")
    @classmethod
    def _known_policy(cls, value: RepairPolicy | str) -> RepairPolicy | str:
        return known_preset("repair_policy", value)

    @model_validator(mode="after")
    def _references(self) -> RepairCase:
        _unique((r.id for r in self.requests), "requests")
        repairs = _unique((r.id for r in self.completed), "completed")
        visits = _unique((v.id for v in self.revisits), "revisits")
        _unique((n.id for n in self.notices), "notices")
        _unique((h.id for h in self.handovers), "handovers")
        for n, v in enumerate(self.revisits):
            if v.repair not in repairs:
                raise ValueError(f"revisits[{n}].repair: no completed repair {v.repair!r}")
        for n, x in enumerate(self.notices):
            if x.revisit not in visits:
                raise ValueError(f"notices[{n}].revisit: no revisit {x.revisit!r}")
        for n, r in enumerate(self.completed):
            if r.redo_of is not None and r.redo_of not in repairs:
                raise ValueError(f"completed[{n}].redo_of: no completed repair {r.redo_of!r}")
        return self

    def resolved_policy(self) -> RepairPolicy:
        """The case's policy (a preset name resolved)."""
        return resolve_policy(self.policy)


def evaluate(case: RepairCase) -> list[RepairDecision]:
    """Every decision the case asks for (see the module's documentation), subjects prefixed
    with the case's id."""
    policy = case.resolved_policy()
    as_of = case.as_of
    rules = set(policy.rules)
    of = f"{case.id}: "
    out: list[RepairDecision] = []
    for req in case.requests:
        out.append(decide_intake(req, as_of, policy, f"{of}request {req.id}"))
        if "OM-R4" in rules:
            out.append(decide_appointment(req, as_of, policy, f"{of}request {req.id}"))
    revisits = revisit_order(case.revisits)
    if "OM-RV2" in rules:
        by_repair: dict[str, list[RevisitRecord]] = {}
        for v in revisits:
            by_repair.setdefault(v.repair, []).append(v)
        for rep in case.completed:
            out.append(decide_window(rep, by_repair.get(rep.id, ()), as_of, policy,
                                     f"{of}repair {rep.id}"))
    for v in case.revisits:
        if "OM-RV3" in rules:
            out.append(decide_record(v, policy, f"{of}revisit {v.id}"))
        needs_redo = policy.redo and v.satisfied is not True
        if (v.problems and policy.rectification_notice is not None) or needs_redo:
            out.append(decide_rectification(v, case.notices, case.completed, as_of, policy,
                                            f"{of}revisit {v.id}"))
    if "MI-4.4.7" in rules:
        for insp in case.handovers:
            out.append(decide_handover(insp, as_of, policy, f"{of}handover {insp.id}"))
    elif case.handovers:
        raise InputError("handovers", f"MI-4.4.7 is not part of policy {policy.name!r}")
    if case.quotas is not None:
        period = case.quotas.period
        span = f" {period[0].isoformat()}..{period[1].isoformat()}" if period else ""
        out.append(decide_quotas(case.completed, revisits, period, as_of, policy,
                                 f"{of}revisit quotas{span}"))
    if case.plan is not None:
        plan = case.plan
        out.append(decide_plan(case.completed, plan.staff, revisits, plan.start,
                               plan.until, policy,
                               f"{of}revisit plan for {len(case.completed)} repairs"))
    if as_of is not None:
        out.append(decide_status(out, as_of, policy, f"{of}repairs"))
    return out


@overload
def evaluate_batch(cases: Iterable[RepairCase], *,
                   errors: Literal["raise"] = ...) -> list[RepairDecision]: ...


@overload
def evaluate_batch(cases: Iterable[RepairCase], *,
                   errors: Literal["return"]) -> list[RepairDecision | ItemError]: ...


def evaluate_batch(
    cases: Iterable[RepairCase], *, errors: Literal["raise", "return"] = "raise"
) -> list[RepairDecision] | list[RepairDecision | ItemError]:
    """:func:`evaluate` over many cases, in order: each case's decisions one after the other.

    A bad case (not a :class:`RepairCase`, or one the rules refuse, e.g. handover inspections
    under a policy without `MI-4.4.7`) is an :class:`~propmgmt_rules.errors.ItemError` naming
    it by position and id (``cases[2].handovers``). With ``errors="raise"`` (the default) the
    first one is raised; with ``errors="return"`` it takes the case's place in the result and
    every other case is decided.

    >>> good = RepairCase.model_validate({"id": "a", "completed": [
    ...     {"id": "R1", "completed_at": "2025-03-07T15:00:00+08:00", "category": "leak"}]})
    >>> bad = good.model_copy(update={"id": "b", "policy": "nanjing-plan", "handovers": (
    ...     HandoverInspection.model_validate({"id": "H1", "unit": "8-1", "owner": "Chen",
    ...                                        "inspected_at": "2025-04-01T10:00:00+08:00"}),)})
    >>> out = evaluate_batch([good, bad], errors="return")
    >>> [type(x).__name__ for x in out], out[1].field
    (['RevisitWindowDecision', 'ItemError'], 'cases[1].handovers')
    """
    if errors not in ("raise", "return"):
        raise InputError("errors", "must be 'raise' or 'return'", errors)
    out: list[RepairDecision | ItemError] = []
    for i, case in enumerate(cases):
        try:
            if not isinstance(case, RepairCase):
                raise InputError("", "must be a RepairCase (validate the data with "
                                 "RepairCase.model_validate)", type(case).__name__)
            decisions = evaluate(case)
        except InputError as exc:
            err = ItemError("cases", i, case.id if isinstance(case, RepairCase) else None, exc)
            if errors == "raise":
                raise err from exc
            out.append(err)
            continue
        out.extend(decisions)
    return out
