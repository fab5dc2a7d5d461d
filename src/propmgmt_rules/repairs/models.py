"""The facts of the repair rules (requests, completed repairs, revisits, notices, handover
defects, staff) and the outcomes and decisions the engine returns.

Inputs are validated pydantic models: a naive datetime, a blank address or a missing phone
is a validation error naming the field.

>>> RepairRequest.model_validate({"id": "R1", "received_at": "2025-03-07T09:00:00+08:00",
...     "name": "王女士", "address": "", "phone": "13800000000", "content": "厨房水管漏水",
...     "urgent": False})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for RepairRequest
address
  Value error, must not be blank: a repair request records the client's address (OM-R3) ...
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Final, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from .. import limits
from ..decision import Decision
from ..limits import FreeText, Identifier
from ..obligation import ObligationState, ObligationStatus
from ..time.span import Span

__all__ = [
    "EARLIEST",
    "LATEST",
    "AppointmentDecision",
    "AppointmentOutcome",
    "CompletedRepair",
    "Day",
    "DefectState",
    "DefectStatus",
    "HandoverDecision",
    "HandoverDefect",
    "HandoverInspection",
    "HandoverOutcome",
    "Instant",
    "IntakeDecision",
    "IntakeOutcome",
    "NoticeForm",
    "PlanProblem",
    "PlannedRevisit",
    "QuotaDecision",
    "QuotaOutcome",
    "RecordItem",
    "RectificationDecision",
    "RectificationNotice",
    "RectificationOutcome",
    "RepairDecision",
    "RepairOutcome",
    "RepairRequest",
    "RepairStatusDecision",
    "RepairStatusOutcome",
    "Reschedule",
    "RevisitPlanDecision",
    "RevisitPlanOutcome",
    "RevisitRecord",
    "RevisitRecordDecision",
    "RevisitRecordOutcome",
    "RevisitWindowDecision",
    "RevisitWindowOutcome",
    "RoleRate",
    "StaffMember",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")

EARLIEST: Final = limits.EARLIEST
LATEST: Final = limits.LATEST
"""Every instant of the repair facts lies from ``EARLIEST`` (included) to ``LATEST``
(excluded): the years 1900 to 2199 (an instant at the edge of what a datetime holds would
overflow while deadlines are computed)."""

Instant = limits.Instant
"""An instant of the repair facts: timezone-aware, from 1900 to 2199."""

Day = limits.Day
"""A day from 1900 to 2199 (never a number)."""

_OM_R3_FIELDS = {
    "name": "the client's name",
    "address": "the client's address",
    "phone": "the client's phone number",
    "content": "what is to be repaired",
}


# -- facts ----------------------------------------------------------------------------------


class NoticeForm(StrEnum):
    """The form of a notice: `OM-R4` accepts writing or phone, `OM-RV4` writing only."""

    WRITTEN = "written"
    PHONE = "phone"
    ORAL = "oral"
    OTHER = "other"


class Reschedule(BaseModel):
    """`OM-R4`: the client told that the repairer cannot come at the agreed time."""

    model_config = _FROZEN

    told_at: Instant
    form: NoticeForm
    new_time: Instant | None = Field(
        default=None, description="the new repair time agreed (另约修理时间)"
    )
    note: FreeText = ""

    @model_validator(mode="after")
    def _in_order(self) -> Reschedule:
        if self.new_time is not None and self.new_time < self.told_at:
            raise ValueError(f"new_time: {self.new_time.isoformat()} is before the client was "
                             f"told ({self.told_at.isoformat()})")
        return self


class RepairRequest(BaseModel):
    """A repair request as `OM-R3` records it, with the facts of `SQ-R1` and `OM-R4`.

    ``received_at`` is the request's date (维修日期); ``agreed_time`` the agreed repair time
    (约修日期), which may be fixed after the call; ``urgent`` says whether it is an urgent
    repair (急修, `SQ-R1`); ``arrived_at`` when the repairer came.
    """

    model_config = _FROZEN

    id: Identifier
    received_at: Instant
    name: FreeText
    address: FreeText
    phone: FreeText
    content: FreeText
    urgent: bool = Field(description="SQ-R1: an urgent repair (急修) is passed on at once")
    agreed_time: Instant | None = None
    channel: Literal["in_person", "phone", "letter"] | None = None
    passed_to_engineering_at: Instant | None = None
    reschedules: tuple[Reschedule, ...] = ()
    arrived_at: Instant | None = None
    redo_of: Identifier | None = Field(default=None,
                                       description="SQ-RV: the repair this one redoes")

    @field_validator("name", "address", "phone", "content")
    @classmethod
    def _not_blank(cls, value: str, info: ValidationInfo) -> str:
        text = value.strip()
        field = info.field_name or ""
        if not text:
            raise ValueError(
                f"must not be blank: a repair request records {_OM_R3_FIELDS[field]} (OM-R3)"
            )
        if field == "phone" and not any(ch.isdigit() for ch in text):
            raise ValueError(f"must be a phone number (OM-R3), got {value!r}")
        return text

    @model_validator(mode="after")
    def _in_order(self) -> RepairRequest:
        received = self.received_at
        for name in ("agreed_time", "passed_to_engineering_at", "arrived_at"):
            value = getattr(self, name)
            if value is not None and value < received:
                raise ValueError(f"{name}: {value.isoformat()} is before the request was "
                                 f"received ({received.isoformat()})")
        for n, r in enumerate(self.reschedules):
            if r.told_at < received:
                raise ValueError(f"reschedules[{n}].told_at is before the request was received")
        return self


class CompletedRepair(BaseModel):
    """A completed repair: when, and its category (`OM-RV2`), always explicit."""

    model_config = _FROZEN

    id: Identifier
    completed_at: Instant
    category: Identifier = Field(description="a category key of the policy (OM-RV2)")
    description: FreeText = ""
    repairer: Identifier | None = None
    request: Identifier | None = Field(default=None, description="the request's id, if another")
    redo_of: Identifier | None = Field(default=None,
                                       description="SQ-RV: the repair this one redoes")


class RecordItem(StrEnum):
    """The five items of a revisit record (`OM-RV3`)."""

    SITE_INSPECTION = "site_inspection"
    SERVICE_FEEDBACK = "service_feedback"
    SUGGESTIONS = "suggestions"
    CHARGE_CHECK = "charge_check"
    SIGNATURE = "signature"

    @property
    def zh(self) -> str:
        """The item as the regulation words it."""
        return _ITEM_ZH[self]

    @property
    def en(self) -> str:
        """The item in English."""
        return _ITEM_EN[self]


_ITEM_ZH = {
    RecordItem.SITE_INSPECTION: "实地查看维修项目",
    RecordItem.SERVICE_FEEDBACK: "向在维修现场的业主(客户)或家人了解维修人员服务情况",
    RecordItem.SUGGESTIONS: "征询改进意见",
    RecordItem.CHARGE_CHECK: "核对收费情况",
    RecordItem.SIGNATURE: "请被回访人签名",
}
_ITEM_EN = {
    RecordItem.SITE_INSPECTION: "on-site inspection of the repair",
    RecordItem.SERVICE_FEEDBACK: "the resident's view of the repairer's service",
    RecordItem.SUGGESTIONS: "suggestions for improvement",
    RecordItem.CHARGE_CHECK: "check of the charge",
    RecordItem.SIGNATURE: "signature of the person revisited",
}


class RevisitRecord(BaseModel):
    """A revisit (回访) of a completed repair, by a person of a role, with its five items
    (`OM-RV3`; None or blank is missing), whether the resident was satisfied (`SQ-RV`) and
    the problems found (`OM-RV4`)."""

    model_config = _FROZEN

    id: Identifier
    repair: Identifier = Field(description="the completed repair's id")
    at: Instant
    by: Identifier
    role: Identifier
    method: Literal["visit", "phone"] | None = None
    site_inspection: FreeText | None = None
    service_feedback: FreeText | None = None
    suggestions: FreeText | None = None
    charge_check: FreeText | None = None
    signature: FreeText | None = None
    satisfied: bool | None = None
    problems: tuple[FreeText, ...] = ()

    def item(self, item: RecordItem) -> str | None:
        """The entry for an item (None when missing or blank)."""
        value: str | None = getattr(self, item)  # a StrEnum: the item is its field's name
        return value if value is not None and value.strip() else None


class RectificationNotice(BaseModel):
    """`OM-RV4`: a notice to the repairer to put right a problem found at a revisit."""

    model_config = _FROZEN

    id: Identifier
    revisit: Identifier = Field(description="the revisit record's id")
    at: Instant
    form: NoticeForm
    to: Identifier | None = None
    text: FreeText = ""


class HandoverDefect(BaseModel):
    """A defect found at the handover inspection (`MI-4.4.7`) and what happened since."""

    model_config = _FROZEN

    id: Identifier
    description: FreeText
    repair_before_move_in: bool = Field(
        description="the owner wants it repaired before moving in or decorating (4.4.7 c)"
    )
    deadline: Instant | None = Field(
        default=None, description="the owner's reasonable deadline (业主的合理限期)"
    )
    rectified_at: Instant | None = None
    owner_told_at: Instant | None = Field(
        default=None, description="the administrator told the owner of the missed deadline"
    )
    reinspection_time: Instant | None = Field(
        default=None, description="the inspection time given to the owner (告知具体验收时间)"
    )
    invited_at: Instant | None = Field(
        default=None, description="customer service invited the owner to the second inspection"
    )
    second_inspection_at: Instant | None = None
    second_inspection_passed: bool | None = None
    follow_up_deadline: Instant | None = Field(
        default=None, description="after a failed second inspection (限期尽快解决)"
    )
    resolved_at: Instant | None = None

    @model_validator(mode="after")
    def _consistent(self) -> HandoverDefect:
        if self.second_inspection_passed is not None and self.second_inspection_at is None:
            raise ValueError("second_inspection_passed needs second_inspection_at")
        if (
            self.second_inspection_at is not None
            and self.rectified_at is not None
            and self.second_inspection_at < self.rectified_at
        ):
            raise ValueError("second_inspection_at is before rectified_at")
        return self


class HandoverInspection(BaseModel):
    """The handover inspection of a unit (验房, `MI-4.4.7`) and the defects found."""

    model_config = _FROZEN

    id: Identifier
    unit: Identifier
    owner: Identifier
    inspected_at: Instant
    defects: tuple[HandoverDefect, ...] = ()

    @model_validator(mode="after")
    def _after_inspection(self) -> HandoverInspection:
        start = self.inspected_at
        for n, d in enumerate(self.defects):
            for name in ("deadline", "rectified_at", "owner_told_at", "reinspection_time",
                         "invited_at", "second_inspection_at", "follow_up_deadline",
                         "resolved_at"):
                value = getattr(d, name)
                if value is not None and value < start:
                    raise ValueError(f"defects[{n}].{name}: {value.isoformat()} is before the "
                                     f"inspection ({start.isoformat()})")
        return self


class StaffMember(BaseModel):
    """A person who can revisit, for the planner: role, revisits per day, available days.

    ``days`` lists the days the person is available (None: every working day of the policy's
    calendar); ``days_off`` are removed from them.
    """

    model_config = _FROZEN

    id: Identifier
    role: Identifier
    daily_capacity: int = Field(ge=0, le=1_000_000, strict=True, description="revisits per day")
    days: tuple[Day, ...] | None = None
    days_off: tuple[Day, ...] = ()


# -- outcomes ---------------------------------------------------------------------------------


class IntakeOutcome(BaseModel):
    """`OM-R3` record completeness and the `SQ-R1` hand-over to engineering."""

    model_config = _FROZEN

    what: Literal["intake"] = "intake"
    request: str
    urgent: bool
    record_complete: bool
    missing: tuple[str, ...] = ()
    handover: ObligationStatus | None = None


class AppointmentOutcome(BaseModel):
    """`OM-R4`: each agreed time, and whether it was kept or the client told in time."""

    model_config = _FROZEN

    what: Literal["appointment"] = "appointment"
    request: str
    agreed_times: tuple[AwareDatetime, ...]
    current_time: AwareDatetime | None
    obligations: tuple[ObligationStatus, ...]
    state: ObligationState | None


class RevisitWindowOutcome(BaseModel):
    """`OM-RV2`: the revisit deadline of a completed repair, and the revisit's standing."""

    model_config = _FROZEN

    what: Literal["revisit_window"] = "revisit_window"
    repair: str
    category: str
    window: Span
    completed_at: AwareDatetime
    due: AwareDatetime
    last_day: date
    capped_at_one_week: bool
    revisited_at: AwareDatetime | None
    obligation: ObligationStatus


class RevisitRecordOutcome(BaseModel):
    """`OM-RV3`: whether a revisit record has its five items."""

    model_config = _FROZEN

    what: Literal["revisit_record"] = "revisit_record"
    record: str
    repair: str
    complete: bool
    present: tuple[RecordItem, ...]
    missing: tuple[RecordItem, ...]


class RectificationOutcome(BaseModel):
    """`OM-RV4` written notice and `SQ-RV` redo after a revisit."""

    model_config = _FROZEN

    what: Literal["rectification"] = "rectification"
    revisit: str
    repair: str
    problems: tuple[str, ...]
    satisfied: bool | None
    obligations: tuple[ObligationStatus, ...]
    redo_repairs: tuple[str, ...] = ()


class RoleRate(BaseModel):
    """A role's revisit rate (`OM-RV1`) or the coverage (`SQ-RV`, ``role`` None), exactly."""

    model_config = _FROZEN

    role: str | None
    name_en: str
    name_zh: str
    revisited: int
    repairs: int
    rate: Fraction | None
    minimum: Fraction
    required: int
    shortfall: int
    met: bool


class QuotaOutcome(BaseModel):
    """`OM-RV1` and `SQ-RV` over a period's completed repairs."""

    model_config = _FROZEN

    what: Literal["quotas"] = "quotas"
    period: tuple[date, date] | None
    repairs: int
    roles: tuple[RoleRate, ...]
    coverage: RoleRate | None
    all_met: bool


class DefectState(StrEnum):
    """Where a handover defect stands (`MI-4.4.7`)."""

    OPEN = "open"
    RECTIFIED = "rectified"
    ACCEPTED = "accepted"
    FAILED_SECOND_INSPECTION = "failed_second_inspection"
    RESOLVED = "resolved"
    NOT_APPLICABLE = "not_applicable"


class DefectStatus(BaseModel):
    """One defect of a handover inspection and its obligations."""

    model_config = _FROZEN

    defect: str
    state: DefectState
    obligations: tuple[ObligationStatus, ...]


class HandoverOutcome(BaseModel):
    """`MI-4.4.7` for every defect of a handover inspection."""

    model_config = _FROZEN

    what: Literal["handover"] = "handover"
    inspection: str
    unit: str
    defects: tuple[DefectStatus, ...]


@dataclass(frozen=True, slots=True)
class PlannedRevisit:
    """One revisit of a plan: who, of which role, revisits which repair on which day.

    A slotted dataclass rather than a model: a plan may hold 100,000 of them."""

    repair: str
    role: str
    person: str
    day: date


class PlanProblem(BaseModel):
    """A requirement the plan cannot meet, and by how much.

    ``kind``: ``window`` (``repairs`` whose windows, ``days``, hold no available revisitor at
    all, `OM-RV2`), ``quota`` (``role`` can make at most ``achievable`` of the ``required``
    revisits, `OM-RV1`), ``coverage`` (at most ``achievable`` repairs can be revisited in
    their windows, `SQ-RV`: ``repairs`` are those competing for too few revisits on
    ``days``). ``repairs`` lists at most 50 ids; ``count`` is the full number.
    """

    model_config = _FROZEN

    kind: Literal["quota", "coverage", "window"]
    rule: str
    role: str | None = None
    repairs: tuple[str, ...] = ()
    count: int = 0
    days: tuple[date, date] | None = None
    required: int = 0
    achievable: int = 0
    shortfall: int = 0
    text: str
    text_zh: str


class RevisitPlanOutcome(BaseModel):
    """The planner's answer: the revisits to make, and what it cannot meet (if anything).

    ``planned_per_role`` counts the revisits planned, ``done_per_role`` those already made,
    ``required_per_role`` the quotas (`OM-RV1`); ``covered`` the repairs revisited once the
    plan is carried out, ``coverage_required`` the coverage asked (`SQ-RV`).
    """

    model_config = _FROZEN

    what: Literal["revisit_plan"] = "revisit_plan"
    feasible: bool
    repairs: int
    revisits: tuple[PlannedRevisit, ...]
    planned_per_role: tuple[tuple[str, int], ...]
    done_per_role: tuple[tuple[str, int], ...] = ()
    required_per_role: tuple[tuple[str, int], ...]
    covered: int
    coverage_required: int
    problems: tuple[PlanProblem, ...] = ()


class RepairStatusOutcome(BaseModel):
    """Every obligation of a case at an instant."""

    model_config = _FROZEN

    what: Literal["status"] = "status"
    obligations: tuple[ObligationStatus, ...]
    met: int
    breached: int
    pending: int


RepairOutcome = Annotated[
    IntakeOutcome
    | AppointmentOutcome
    | RevisitWindowOutcome
    | RevisitRecordOutcome
    | RectificationOutcome
    | QuotaOutcome
    | HandoverOutcome
    | RevisitPlanOutcome
    | RepairStatusOutcome,
    Field(discriminator="what"),
]
"""Any outcome of the repair rules (tagged by ``what``)."""


# -- decisions --------------------------------------------------------------------------------


class RepairDecision(Decision):
    """A decision of the repair rules (section 4); ``outcome.what`` says which."""

    outcome: RepairOutcome


class IntakeDecision(RepairDecision):
    """`OM-R3` and `SQ-R1` for one repair request."""

    outcome: IntakeOutcome


class AppointmentDecision(RepairDecision):
    """`OM-R4` for one repair request."""

    outcome: AppointmentOutcome


class RevisitWindowDecision(RepairDecision):
    """`OM-RV2` for one completed repair."""

    outcome: RevisitWindowOutcome


class RevisitRecordDecision(RepairDecision):
    """`OM-RV3` for one revisit record."""

    outcome: RevisitRecordOutcome


class RectificationDecision(RepairDecision):
    """`OM-RV4` and `SQ-RV` (redo) for one revisit."""

    outcome: RectificationOutcome


class QuotaDecision(RepairDecision):
    """`OM-RV1` and `SQ-RV` for a period."""

    outcome: QuotaOutcome


class HandoverDecision(RepairDecision):
    """`MI-4.4.7` for one handover inspection."""

    outcome: HandoverOutcome


class RevisitPlanDecision(RepairDecision):
    """The revisit plan (`OM-RV1`, `OM-RV2`, `SQ-RV`)."""

    outcome: RevisitPlanOutcome


class RepairStatusDecision(RepairDecision):
    """Every obligation of section 4 in a case, at an instant."""

    outcome: RepairStatusOutcome

