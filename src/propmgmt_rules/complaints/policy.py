"""A complaint policy: the spans, handlers, calendar and thresholds of one company, as data.

The engine (:mod:`.classify`, :mod:`.obligations`, :mod:`.status`) reads a
:class:`ComplaintPolicy` and knows no company: procedure 5 (`CP`) and the Nanjing plan (`SQ`)
are two presets (:mod:`propmgmt_rules.complaints.presets`), and a company defines its own
the same way, in Python or JSON (see ``docs/custom-policy.md``), or derives it from a preset
(:meth:`~propmgmt_rules.policy.Policy.derive`, validated as any policy).

Roles are keys of ``roles`` (with their English and Chinese names); every role a step names
must be there, and the key ``handler`` stands for the complaint's handler. Every severity
must have a plan; a severity the library does not know is a validation error naming it.

>>> from propmgmt_rules.complaints.presets import PROCEDURE_5
>>> PROCEDURE_5.severities[Severity.MINOR].handle.span
Span(unit=<SpanUnit.DAYS: 'days'>, amount=2, extend_over_rest_days=False)
>>> PROCEDURE_5.derive(repeated_threshold=2).repeated_threshold
2
>>> bad = PROCEDURE_5.model_dump(mode="json")
>>> bad["severities"]["critical"] = bad["severities"]["major"]
>>> ComplaintPolicy.model_validate(bad)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ComplaintPolicy
severities.critical.[key]
  Input should be 'minor', 'important' or 'major' ...
"""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..decision import Basis
from ..limits import FreeText, Identifier
from ..money import Yuan
from ..policy import Policy
from ..time.calendar import Weekday, WorkCalendar
from ..time.presets import CalendarRef, resolve_calendar
from ..time.span import ForwardSpan, Span
from .models import ObligationKind, Severity

__all__ = [
    "HANDLER",
    "ComplaintPolicy",
    "Extension",
    "HandlingStep",
    "RoleName",
    "Routing",
    "SeverityPlan",
    "Step",
    "WeeklyStatistics",
]

HANDLER: Final = "handler"
"""The role key that stands for the complaint's handler (the severity's, or the off-hours one)."""


class RoleName(BaseModel):
    """A role's name in English and in Chinese."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: Identifier
    zh: Identifier


class Step(BaseModel):
    """An obligation a policy imposes: ``owed_by`` owes it ``to`` someone within ``span``
    (``null``: the rule states no limit), under ``rules``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    span: ForwardSpan | None
    owed_by: Identifier
    to: Identifier | None = None
    rules: tuple[Identifier, ...] = Field(min_length=1)


class Extension(BaseModel):
    """How a handling deadline may be extended (`CP-4.10.1`, `CP-4.10.2`, document 003).

    ``approver``: the role whose approval a late handling needs (``null``: none, e.g. the
    Nanjing plan, where the delay must be explained to the resident instead:
    ``requires_explanation``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    approver: Identifier | None
    requires_explanation: bool = False
    rules: tuple[Identifier, ...] = Field(min_length=1)


class HandlingStep(Step):
    """The handling obligation: a :class:`Step` with its extension route and whether the
    resident's reasonable requested time replaces the span (`CP-4.3.2`)."""

    extension: Extension | None = None
    requested_time: bool = False


class SeverityPlan(BaseModel):
    """What a policy requires for one severity."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    handler: Identifier
    handler_rules: tuple[Identifier, ...] = Field(min_length=1)
    escalate: Step | None = None
    dispatch_also_to: Identifier | None = None
    reply: Step | None = None
    handle: HandlingStep
    revisit: Step | None = None


class Routing(BaseModel):
    """`SQ-HOURS`: where a complaint goes, by whether it arrives in working time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    span: ForwardSpan
    owed_by: Identifier
    in_hours: Identifier
    off_hours: Identifier
    off_hours_handler: Identifier
    rules: tuple[Identifier, ...] = Field(min_length=1)


class WeeklyStatistics(BaseModel):
    """`CP-4.8`: every complaint is counted in the statistics due on ``weekday``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    weekday: Weekday
    owed_by: Identifier
    to: Identifier | None = None
    rules: tuple[Identifier, ...] = Field(min_length=1)


_DEFAULT_PAUSABLE: Final = frozenset(
    {ObligationKind.REPLY, ObligationKind.HANDLE, ObligationKind.ENQUIRY_ANSWER}
)


class ComplaintPolicy(Policy):
    """A company's complaint policy: one engine reads it; presets are instances of it
    (frozen, unknown fields refused, :meth:`derive` for a validated variant)."""

    name: Identifier
    name_zh: Identifier | None = Field(
        default=None, description="the policy's name in Chinese, for the Chinese explanations "
        "(default: name)")
    version: Identifier
    source: FreeText = ""
    description: FreeText = ""
    calendar: CalendarRef = Field(
        description="an inline calendar or a preset name such as 'china-official@09:00-18:00'"
    )
    roles: dict[Identifier, RoleName]
    disputes_to: Identifier = Field(description="the role that settles conflicting facts")
    repeated_threshold: int = Field(default=3, ge=1, le=1_000_000, strict=True,
                                    description="'repeatedly' (CP-4.2.2)")
    major_loss_threshold: Yuan | None = Field(
        default=None, ge=0, description="a loss at or above this (yuan) is major (CP-4.2.2)"
    )
    upgrade_after: ForwardSpan | None = Field(
        default_factory=lambda: Span.months(1),
        description="a valid complaint unresolved this long becomes major (CP-UPGRADE)",
    )
    severities: dict[Severity, SeverityPlan]
    dispatch: Step | None = None
    invalid_notice: Step | None = None
    group_report: Step | None = None
    government_report: Step | None = None
    routing: Routing | None = None
    report_result: Step | None = None
    sign_result: Step | None = None
    weekly_statistics: WeeklyStatistics | None = None
    first_contact: bool = False
    first_contact_role: Identifier | None = None
    enquiry_answer: Step | None = None
    pausable: frozenset[ObligationKind] = _DEFAULT_PAUSABLE
    reply_before_handled: bool = False

    @field_validator("severities")
    @classmethod
    def _every_severity(cls, value: dict[Severity, SeverityPlan]) -> dict[Severity, SeverityPlan]:
        missing = [s.value for s in Severity if s not in value]
        if missing:
            raise ValueError(f"no plan for severity {', '.join(missing)}: every severity needs one")
        return value

    @model_validator(mode="after")
    def _roles_known(self) -> ComplaintPolicy:
        known = set(self.roles) | {HANDLER}
        for path, role in self._role_refs():
            if role is not None and role not in known:
                raise ValueError(
                    f"{path}: unknown role {role!r}; define it in roles (known: "
                    f"{', '.join(sorted(known))})"
                )
        if self.first_contact and self.first_contact_role is None:
            raise ValueError("first_contact_role: OM-FIRST needs the first receiver's role")
        return self

    def _role_refs(self) -> list[tuple[str, str | None]]:
        refs: list[tuple[str, str | None]] = [
            ("disputes_to", self.disputes_to),
            ("first_contact_role", self.first_contact_role),
        ]
        for name in ("dispatch", "invalid_notice", "group_report", "government_report",
                     "report_result", "sign_result", "enquiry_answer", "weekly_statistics"):
            step = getattr(self, name)
            if step is not None:
                refs += [(f"{name}.owed_by", step.owed_by), (f"{name}.to", step.to)]
        if self.routing is not None:
            r = self.routing
            refs += [("routing.owed_by", r.owed_by), ("routing.in_hours", r.in_hours),
                     ("routing.off_hours", r.off_hours),
                     ("routing.off_hours_handler", r.off_hours_handler)]
        for sev, plan in self.severities.items():
            base = f"severities.{sev.value}"
            refs += [(f"{base}.handler", plan.handler),
                     (f"{base}.dispatch_also_to", plan.dispatch_also_to)]
            for name in ("escalate", "reply", "handle", "revisit"):
                step = getattr(plan, name)
                if step is not None:
                    refs += [(f"{base}.{name}.owed_by", step.owed_by),
                             (f"{base}.{name}.to", step.to)]
            ext = plan.handle.extension
            if ext is not None:
                refs.append((f"{base}.handle.extension.approver", ext.approver))
        return refs

    # -- reading ----------------------------------------------------------------------

    @property
    def work_calendar(self) -> WorkCalendar:
        """The policy's calendar (a preset name resolved)."""
        return resolve_calendar(self.calendar)

    @property
    def title_zh(self) -> str:
        """The name the Chinese explanations use (``name_zh``, else ``name``)."""
        return self.name_zh or self.name

    @property
    def basis(self) -> Basis:
        """The basis decisions under this policy cite."""
        return Basis(kind="policy", name=self.name, version=self.version)

    def role_name(self, key: str | None, zh: bool = False) -> str:
        """A role's name (English, or Chinese with ``zh``); ``handler`` reads as such."""
        if key is None:
            return ""
        if key == HANDLER:
            return "处理人" if zh else "the handler"
        role = self.roles.get(key)
        if role is None:
            return key
        return role.zh if zh else role.en
