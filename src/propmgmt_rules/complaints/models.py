"""What a receptionist records about a complaint, what happens to it, and what the engine answers.

* :class:`Complaint`: the facts at receipt (catalog section 3). Every fact the rules need and
  the receptionist may not know is optional: a missing fact is reported as missing
  (:class:`~propmgmt_rules.decision.MissingFact`), never defaulted.
* :class:`ComplaintEvent`: the history (dispatched, replied, handled, reported, revisited,
  extension approved, paused, severity corrected, ...).
* the outcomes (:class:`Classification`, :class:`ObligationPlan`, :class:`ComplaintStatus`),
  whose obligations are the library's one obligation status
  (:class:`~propmgmt_rules.obligation.ObligationStatus`: ``key`` is the value of an
  :class:`ObligationKind`, ``owed_by`` a role of the policy), and the decisions that carry
  them.

>>> c = Complaint.model_validate({"id": "C1", "received_at": "2025-03-07T19:30:00+08:00",
...                               "about": "lift", "caused_by": "company_facilities",
...                               "justified": True})
>>> c.about.subject
<Subject.EQUIPMENT: 'equipment'>
>>> Complaint.model_validate({"id": "C2", "received_at": "2025-03-07T19:30:00"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Complaint
received_at
  Input should have timezone info ...
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .. import limits
from ..decision import Decision
from ..limits import FreeText, Identifier
from ..money import Yuan
from ..obligation import ObligationState, ObligationStatus
from ..time.span import ForwardSpan

__all__ = [
    "EARLIEST",
    "EVENT_MEETS",
    "LATEST",
    "Cause",
    "Channel",
    "Classification",
    "ClassificationDecision",
    "Complaint",
    "ComplaintEvent",
    "ComplaintStatus",
    "ComplaintStatusDecision",
    "EventType",
    "Instant",
    "Intent",
    "Nature",
    "ObligationKind",
    "ObligationPlan",
    "ObligationPlanDecision",
    "ObligationState",
    "ObligationStatus",
    "Severity",
    "SeverityChange",
    "Subject",
    "Topic",
    "Validity",
]


EARLIEST: Final = limits.EARLIEST
LATEST: Final = limits.LATEST
"""Every instant of a complaint lies from ``EARLIEST`` (included) to ``LATEST`` (excluded):
the years 1900 to 2199 (an instant at the edge of what a datetime holds would overflow while
the deadlines are computed)."""

Instant = limits.Instant
"""An instant of a complaint: timezone-aware, from 1900 to 2199 (checked by pydantic's core)."""


# -- classes ----------------------------------------------------------------------------


class Validity(StrEnum):
    """`CP-4.2.1`: invalid, or valid and then property-service or not."""

    INVALID = "invalid"
    VALID_PROPERTY_SERVICE = "valid_property_service"
    VALID_NON_PROPERTY_SERVICE = "valid_non_property_service"


class Nature(StrEnum):
    """`CA-2.1`: effective, or one of the three communicative kinds."""

    EFFECTIVE = "effective"
    HELP_SEEKING = "help_seeking"
    ENQUIRY = "enquiry"
    VENTING = "venting"

    @property
    def communicative(self) -> bool:
        """True for the three communicative kinds (沟通性投诉)."""
        return self is not Nature.EFFECTIVE


class Subject(StrEnum):
    """`CA-2.2`: what the complaint is about."""

    EQUIPMENT = "equipment"
    SERVICE_ATTITUDE = "service_attitude"
    SERVICE_QUALITY = "service_quality"
    SUDDEN_INCIDENT = "sudden_incident"


class Severity(StrEnum):
    """`CP-4.2.2` .. `CP-4.2.4` (`SQ-A` .. `SQ-C`): major, important, minor."""

    MINOR = "minor"
    IMPORTANT = "important"
    MAJOR = "major"

    @property
    def rank(self) -> int:
        """minor 1 < important 2 < major 3."""
        return _RANK[self]


_RANK: Final = {Severity.MINOR: 1, Severity.IMPORTANT: 2, Severity.MAJOR: 3}


class Topic(StrEnum):
    """What the resident complains about, as a receptionist records it (mapped by `CA-2.2`)."""

    AIR_CONDITIONING = "air_conditioning"
    LIGHTING = "lighting"
    WATER = "water"
    POWER = "power"
    LIFT = "lift"
    OTHER_EQUIPMENT = "other_equipment"
    STAFF_ATTITUDE = "staff_attitude"
    REPAIR_QUALITY = "repair_quality"
    MAIL = "mail"
    OTHER_SERVICE = "other_service"
    SUDDEN_INCIDENT = "sudden_incident"

    @property
    def subject(self) -> Subject:
        """The `CA-2.2` subject of the topic."""
        return _SUBJECT_OF_TOPIC[self]


_SUBJECT_OF_TOPIC: Final = {
    Topic.AIR_CONDITIONING: Subject.EQUIPMENT,
    Topic.LIGHTING: Subject.EQUIPMENT,
    Topic.WATER: Subject.EQUIPMENT,
    Topic.POWER: Subject.EQUIPMENT,
    Topic.LIFT: Subject.EQUIPMENT,
    Topic.OTHER_EQUIPMENT: Subject.EQUIPMENT,
    Topic.STAFF_ATTITUDE: Subject.SERVICE_ATTITUDE,
    Topic.REPAIR_QUALITY: Subject.SERVICE_QUALITY,
    Topic.MAIL: Subject.SERVICE_QUALITY,
    Topic.OTHER_SERVICE: Subject.SERVICE_QUALITY,
    Topic.SUDDEN_INCIDENT: Subject.SUDDEN_INCIDENT,
}


class Cause(StrEnum):
    """Who or what caused the matter complained about (`CP-4.2.1`, `CP-4.2.3`, `CP-4.2.4`)."""

    COMPANY_STAFF = "company_staff"
    """The company's management or service not in place, or its staff's fault (people)."""
    COMPANY_FACILITIES = "company_facilities"
    """The limits of the company's facilities, equipment or management, not people."""
    DEVELOPER = "developer"
    """A construction defect left by the developer (工程遗留问题)."""
    SALES_PROMISE = "sales_promise"
    """A promise made at the sale (销售承诺)."""
    THIRD_PARTY = "third_party"
    """Someone else: a utility, a neighbour, a contractor of the resident."""
    RESIDENT = "resident"
    """The resident's own doing."""

    @property
    def by_company(self) -> bool:
        """True when the property company caused it (a property-service complaint)."""
        return self in (Cause.COMPANY_STAFF, Cause.COMPANY_FACILITIES)


class Intent(StrEnum):
    """What the resident wants, for a communicative complaint (`CA-2.1`)."""

    HELP = "help"
    ENQUIRY = "enquiry"
    VENTING = "venting"


class Channel(StrEnum):
    """How the complaint came in (来电、来访、来函、其它)."""

    VISIT = "visit"
    PHONE = "phone"
    LETTER = "letter"
    EMAIL = "email"
    ON_SITE = "on_site"
    OTHER = "other"

    @property
    def written(self) -> bool:
        """True for written complaints (letters, e-mail): `SQ-GOV` concerns these."""
        return self in (Channel.LETTER, Channel.EMAIL)


# -- the facts ---------------------------------------------------------------------------


class Complaint(BaseModel):
    """A complaint as received: the facts a receptionist can record.

    Unknown facts are left out (``null``), never guessed: the classification then says which
    fact it misses. Instants must be timezone-aware.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    received_at: Instant
    received_by: Identifier | None = Field(
        default=None, description="the first person who received it (OM-FIRST)"
    )
    channel: Channel | None = None
    about: Topic | None = Field(default=None, description="what it is about (CA-2.2)")
    intent: Intent | None = Field(
        default=None, description="help, enquiry or venting, for a communicative complaint (CA-2.1)"
    )
    caused_by: Cause | None = Field(default=None, description="who caused it (CP-4.2.1)")
    justified: bool | None = Field(
        default=None, description="false: an unjustified demand or grumble (CP-4.2.1)"
    )
    verified_by_authority: bool | None = Field(
        default=None, description="a failure of the company verified by the authority (CA-2.1)"
    )
    promised_service_failed: bool | None = Field(
        default=None,
        description="a promised or contracted service not delivered or clearly wrong (CP-4.2.2)",
    )
    times_raised: int | None = Field(
        default=None, ge=1, le=1_000_000, strict=True,
        description="how many times the resident raised it (CP-4.2.2)"
    )
    loss_amount: Yuan | None = Field(
        default=None, ge=0, description="economic loss in yuan (CP-4.2.2)"
    )
    major_loss: bool | None = Field(
        default=None, description="staff's judgement that the loss is major (CP-4.2.2)"
    )
    injury: bool | None = Field(default=None, description="a personal injury (CP-4.2.2)")
    group: bool = Field(default=False, description="a group complaint or crisis (SQ-GROUP)")
    forwarded_by_government: bool = Field(
        default=False, description="forwarded by a government body (SQ-GOV)"
    )
    answered_at_once: bool | None = Field(
        default=None, description="an enquiry answered at once, to the client's satisfaction"
    )
    expected_answer_at: Instant | None = Field(
        default=None, description="when the client was told to expect the answer (CQ-5.5)"
    )
    requested_by: Instant | None = Field(
        default=None, description="the resident's requested time for the solution (CP-4.3.2)"
    )
    requested_time_reasonable: bool | None = None
    assessed_severity: Severity | None = Field(
        default=None,
        description="staff's judgement of the severity, used where the rules do not decide",
    )
    description: FreeText = ""

    @model_validator(mode="after")
    def _after_receipt(self) -> Complaint:
        for name in ("expected_answer_at", "requested_by"):
            value = getattr(self, name)
            if value is not None and value < self.received_at:
                raise ValueError(
                    f"{name}: {value.isoformat()} is before the receipt "
                    f"{self.received_at.isoformat()}"
                )
        return self


class ObligationKind(StrEnum):
    """The obligations a complaint policy may impose, each met by one kind of event."""

    ROUTE = "route"
    """`SQ-HOURS`: to customer service in working hours, else to the control room."""
    DISPATCH = "dispatch"
    """`CP-4.4`, `OM-C2`: the complaint form to the complained-about department."""
    ESCALATE = "escalate"
    """`CP-4.3.2`, `SQ-A`, `OM-C2`: to the handler, the office director, the person in charge."""
    REPORT_LEADERSHIP = "report_leadership"
    """`SQ-GROUP`: a group complaint or crisis to the leadership."""
    REPORT_HEAD = "report_head"
    """`SQ-GOV`: a complaint forwarded by a government body to the head of the office."""
    REPLY = "reply"
    """`SQ-A` .. `SQ-C`, `CP-4.10.3`: a reply (a clear answer) to the resident."""
    HANDLE = "handle"
    """`CP-4.10.1` .. `CP-4.10.3`, `CP-4.3.2`, `SQ-A` .. `SQ-C`: handled (solved)."""
    NOTIFY_INVALID = "notify_invalid"
    """`SQ-INVALID`: the client told why the complaint is invalid."""
    REPORT_RESULT = "report_result"
    """`CP-4.6`: the result reported to the resident."""
    SIGN_RESULT = "sign_result"
    """`OM-C5`: the result recorded and signed by the person who solved it."""
    REVISIT = "revisit"
    """`CP-4.7`, `SQ-REVISIT`: the resident revisited after handling."""
    WEEKLY_STATISTICS = "weekly_statistics"
    """`CP-4.8`: the complaint counted in the weekly statistics."""
    FIRST_CONTACT = "first_contact"
    """`OM-FIRST`: the first receiver's responsibility until the answer is given."""
    ENQUIRY_ANSWER = "enquiry_answer"
    """`CQ-5.5`: an enquiry not answered at once is answered by the time the client was told."""


class EventType(StrEnum):
    """What can happen to a complaint after receipt."""

    ROUTED = "routed"
    DISPATCHED = "dispatched"
    ESCALATED = "escalated"
    LEADERSHIP_INFORMED = "leadership_informed"
    HEAD_INFORMED = "head_informed"
    REPLIED = "replied"
    HANDLED = "handled"
    INVALID_NOTICE_SENT = "invalid_notice_sent"
    RESULT_REPORTED = "result_reported"
    RESULT_SIGNED = "result_signed"
    REVISITED = "revisited"
    STATISTICS_REPORTED = "statistics_reported"
    ANSWERED = "answered"
    EXTENSION_APPROVED = "extension_approved"
    PAUSED = "paused"
    SEVERITY_CORRECTED = "severity_corrected"


EVENT_MEETS: Final[dict[EventType, ObligationKind]] = {
    EventType.ROUTED: ObligationKind.ROUTE,
    EventType.DISPATCHED: ObligationKind.DISPATCH,
    EventType.ESCALATED: ObligationKind.ESCALATE,
    EventType.LEADERSHIP_INFORMED: ObligationKind.REPORT_LEADERSHIP,
    EventType.HEAD_INFORMED: ObligationKind.REPORT_HEAD,
    EventType.REPLIED: ObligationKind.REPLY,
    EventType.HANDLED: ObligationKind.HANDLE,
    EventType.INVALID_NOTICE_SENT: ObligationKind.NOTIFY_INVALID,
    EventType.RESULT_REPORTED: ObligationKind.REPORT_RESULT,
    EventType.RESULT_SIGNED: ObligationKind.SIGN_RESULT,
    EventType.REVISITED: ObligationKind.REVISIT,
    EventType.STATISTICS_REPORTED: ObligationKind.WEEKLY_STATISTICS,
    EventType.ANSWERED: ObligationKind.ENQUIRY_ANSWER,
}
"""The obligation each event meets (pauses, extensions and corrections meet none)."""


class ComplaintEvent(BaseModel):
    """One thing that happened to a complaint, at ``at``.

    * ``paused``: the clock stops from ``at`` to ``end`` (``null``: still paused), for the
      obligations named in ``obligations`` (default: the policy's pausable ones);
    * ``extension_approved``: ``by`` (a role of the policy) approved a new handling deadline,
      ``until`` or ``extra`` (a span counted from the deadline in force); ``explained``
      records that the delay was explained to the resident;
    * ``severity_corrected``: the handler corrected the severity to ``severity``;
    * any other type meets its obligation (``by``: who did it).

    >>> ComplaintEvent.model_validate({"type": "paused", "at": "2025-03-10T10:00:00+08:00",
    ...                                "end": "2025-03-10T09:00:00+08:00"})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for ComplaintEvent
      Value error, end: 2025-03-10T09:00:00+08:00 is before the pause's start ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    type: EventType
    at: Instant
    by: Identifier | None = None
    end: Instant | None = None
    until: Instant | None = None
    extra: ForwardSpan | None = None
    explained: bool | None = None
    severity: Severity | None = None
    obligations: tuple[ObligationKind, ...] | None = None
    note: FreeText = ""

    @model_validator(mode="after")
    def _consistent(self) -> ComplaintEvent:
        t = self.type
        if self.end is not None:
            if t is not EventType.PAUSED:
                raise ValueError("end: only a pause has an end")
            if self.end < self.at:
                raise ValueError(
                    f"end: {self.end.isoformat()} is before the pause's start {self.at.isoformat()}"
                )
        if t is EventType.EXTENSION_APPROVED:
            if (self.until is None) == (self.extra is None):
                raise ValueError("an approved extension gives exactly one of until or extra")
        elif self.until is not None or self.extra is not None:
            raise ValueError("until/extra: only an approved extension has them")
        if t is EventType.SEVERITY_CORRECTED:
            if self.severity is None:
                raise ValueError("severity: a severity correction names the new severity")
        elif self.severity is not None:
            raise ValueError("severity: only a severity correction has one")
        if self.obligations is not None and t is not EventType.PAUSED:
            raise ValueError("obligations: only a pause names the obligations it stops")
        return self


# -- outcomes ------------------------------------------------------------------------------


class Classification(BaseModel):
    """The classes of a complaint at receipt; ``None`` where the facts do not decide."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    validity: Validity | None
    nature: Nature | None
    subject: Subject | None
    severity: Severity | None
    severity_rule: str | None = None
    group: bool = False
    government: bool = False
    conflicts: tuple[str, ...] = ()

    @property
    def valid(self) -> bool | None:
        """True for a valid complaint, False for an invalid one, None when undecided."""
        if self.validity is None:
            return None
        return self.validity is not Validity.INVALID


class ObligationPlan(BaseModel):
    """Every obligation of a classified complaint at receipt (each pending, with its owner,
    its deadline, and, when counted from the handling, ``waiting_for="handled"``), and
    those it cannot plan yet."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    severity: Severity | None
    handler: str | None
    routed_to: str | None = None
    obligations: tuple[ObligationStatus, ...]
    undetermined: tuple[ObligationKind, ...] = ()


@dataclass(frozen=True, slots=True)
class SeverityChange:
    """The severity changed at ``at`` from ``previous`` to ``severity``, by ``rule``."""

    at: datetime
    previous: Severity | None
    severity: Severity
    rule: str


class ComplaintStatus(BaseModel):
    """Every obligation of a complaint at an instant (`CP-STATUS`), with the severity in force
    then. Each obligation's ``original_due`` is the first plan's deadline when a re-plan
    (severity change), an extension or a pause moved it; ``breached_due`` the deadline an
    obligation breached before a re-plan was breached under; ``approval_needed`` the role
    whose approval a late handling needs."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    classification: Classification
    severity: Severity | None
    severity_changes: tuple[SeverityChange, ...] = ()
    handler: str | None
    obligations: tuple[ObligationStatus, ...]
    undetermined: tuple[ObligationKind, ...] = ()
    met: int = 0
    breached: int = 0
    pending: int = 0


class ClassificationDecision(Decision):
    """The classification of a complaint (`CP-4.2.1`, `CA-2.1`, `CA-2.2`, `CP-4.2.2` ...)."""

    outcome: Classification


class ObligationPlanDecision(Decision):
    """The obligations of a complaint at receipt, each with its owner and deadline."""

    outcome: ObligationPlan


class ComplaintStatusDecision(Decision):
    """The status of every obligation of a complaint at an instant (`CP-STATUS`)."""

    outcome: ComplaintStatus
