"""The settings of catalog section 5 for one company, as data: :class:`FeePolicy`.

A policy holds a work calendar (for the time zone and the day rules of section 1), the roles
it names (a stable key with English and Chinese names), and one settings block per part of
section 5; a block left out (None) turns its rules off:

* ``collection`` (:class:`CollectionSettings`): the arrears ladder (`VK-FEE`), the order in
  which payments are applied, the limitation period and the escalation margin
  (`VK-FEE-LIMIT`);
* ``billing`` (:class:`BillingSettings`): the paid-service summary day, the bills by the
  month's last day, the cash reconciliation span (`SQ-FEES`);
* ``move_in`` (:class:`MoveInSettings`): the move-in notice days and earliest day
  (`MI-4.3.1`), the reminder span and who decides on a public notice (`MI-4.3.2`).

The presets of the source documents are in :mod:`propmgmt_rules.fees.presets`. A company
derives its own with :meth:`~propmgmt_rules.policy.Policy.derive` (the core's, validated as
any input), a settings block given as a dict merged into the current one:

>>> from propmgmt_rules.fees.presets import CATALOG
>>> mine = CATALOG.derive(name="ours", collection={"escalation_margin_days": 120})
>>> mine.collection.escalation_margin_days, CATALOG.collection.escalation_margin_days
(120, 90)
>>> CATALOG.derive(move_in={"notice_days_before": 10, "earliest_days_before": 7})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for FeePolicy
move_in.earliest_days_before
  Value error, must be at least notice_days_before (10): the earliest day comes before ...
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from functools import cached_property
from typing import Any, Final, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from ..decision import Basis, Text
from ..errors import InputError
from ..limits import Identifier
from ..policy import Policy
from ..time.calendar import WorkCalendar
from ..time.presets import CalendarRef, resolve_calendar
from ..time.span import Span, SpanUnit, forward_only
from .models import ActionKind

__all__ = [
    "BillingSettings",
    "CollectionSettings",
    "FeePolicy",
    "MoveInSettings",
    "PaymentOrder",
    "Rung",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")
_BLOCK_OF_RULE: Final = {
    "VK-FEE": "collection",
    "VK-FEE-LIMIT": "collection",
    "SQ-FEES": "billing",
    "MI-4.3.1": "move_in",
    "MI-4.3.2": "move_in",
}
"""The rules of catalog section 5, in catalog order, and the settings block of each."""
_CACHED: Final = ("work_calendar", "memo", "basis")


class PaymentOrder(StrEnum):
    """How payments are applied to an owner's bills (`VK-FEE`)."""

    OLDEST_FIRST = "oldest_first"
    """Every payment goes to the oldest unpaid bill first (the catalog's default); a
    designation by the owner is set aside."""
    DESIGNATED_FIRST = "designated_first"
    """A payment goes first to the bills the owner designated (oldest first among them), the
    rest to the oldest unpaid bill first (as Civil Code Art. 560 reads)."""


def _day_or_month_span(value: Span, info: ValidationInfo) -> Span:
    forward_only(value)
    if value.unit not in (SpanUnit.DAYS, SpanUnit.MONTHS) or value.amount < 1:
        raise ValueError(
            f"must be a span of at least 1 day or 1 month (T-DAYS, T-MONTHS), got {value}"
        )
    return value


class Rung(BaseModel):
    """A rung of the collection ladder (`VK-FEE`): an action and how often it is owed."""

    model_config = _FROZEN

    action: ActionKind
    every: Span = Field(description="the interval between two actions (days or months)")
    owed_by: Identifier = "management_office"

    _every = field_validator("every")(_day_or_month_span)


class CollectionSettings(BaseModel):
    """The settings of `VK-FEE` and `VK-FEE-LIMIT`."""

    model_config = _FROZEN

    rungs: tuple[Rung, ...] = Field(min_length=1)
    payment_order: PaymentOrder = PaymentOrder.OLDEST_FIRST
    limitation: Span = Field(
        default=Span.months(36),
        description="the limitation period (Civil Code Art. 188: 3 years, T-MONTHS)",
    )
    escalation_margin_days: int = Field(
        default=90, ge=0, le=3650,
        description="escalate when an unpaid bill without a suit comes within this many "
        "days of expiry",
    )
    escalate_to: Identifier = "office_director"

    _limitation = field_validator("limitation")(_day_or_month_span)

    @field_validator("rungs")
    @classmethod
    def _one_rung_per_action(cls, value: tuple[Rung, ...]) -> tuple[Rung, ...]:
        seen: set[ActionKind] = set()
        for n, rung in enumerate(value):
            if rung.action in seen:
                raise ValueError(f"[{n}].action: {rung.action.value!r} has two rungs")
            seen.add(rung.action)
        return value


class BillingSettings(BaseModel):
    """The settings of `SQ-FEES`."""

    model_config = _FROZEN

    summary_day: int = Field(
        default=25, ge=1, le=28,
        description="the paid-service summary is handed over by the end of this day; the "
        "month's records are those after the previous month's day up to this one",
    )
    reconcile_every: Span = Field(
        default=Span.days(3), description="cash reconciled with accounting within (T-DAYS)"
    )
    summary_owed_by: Identifier = "service_departments"
    bills_owed_by: Identifier = "collection_department"
    reconcile_owed_by: Identifier = "customer_service"

    _reconcile = field_validator("reconcile_every")(_day_or_month_span)


class MoveInSettings(BaseModel):
    """The settings of `MI-4.3.1` and `MI-4.3.2`."""

    model_config = _FROZEN

    notice_days_before: int = Field(
        default=10, ge=1, le=366,
        description="the move-in notice is due by the end of the day this many days before "
        "the move-in date (T-BEFORE)",
    )
    earliest_days_before: int | None = Field(
        default=None, ge=1, le=366,
        description="a notice earlier than this many days before the move-in date does not "
        "count (None: no earliest day)",
    )
    reminder_within: Span = Field(
        default=Span.days(3),
        description="the reminder is due within this span after the deadline day (T-DAYS)",
    )
    notice_owed_by: Identifier = "customer_service_center"
    reminder_owed_by: Identifier = "administrator"
    escalate_to: Identifier = "office_director"

    _reminder = field_validator("reminder_within")(_day_or_month_span)

    @field_validator("earliest_days_before")
    @classmethod
    def _earliest_before_due(cls, value: int | None, info: ValidationInfo) -> int | None:
        days = info.data.get("notice_days_before")
        if value is not None and days is not None and value < days:
            raise ValueError(
                f"must be at least notice_days_before ({days}): the earliest day comes before "
                "the last day"
            )
        return value


class FeePolicy(Policy):
    """The settings of catalog section 5 for one company (see the module's documentation).

    >>> from propmgmt_rules.fees.presets import VK
    >>> VK.derive(name="no-suits", collection={"rungs": VK.collection.rungs[:4]}).rules
    ('VK-FEE', 'VK-FEE-LIMIT')
    """

    name: Identifier
    version: Identifier
    source: str
    description: str = ""
    calendar: CalendarRef = Field(
        default="weekdays",
        description="a work calendar, or a preset name ('weekdays', 'china-official', ...)",
    )
    roles: dict[Identifier, Text] = Field(description="role key -> English and Chinese names")
    collection: CollectionSettings | None = Field(default=None, description="VK-FEE (None: off)")
    billing: BillingSettings | None = Field(default=None, description="SQ-FEES (None: off)")
    move_in: MoveInSettings | None = Field(default=None,
                                           description="MI-4.3.1, MI-4.3.2 (None: off)")

    @model_validator(mode="after")
    def _roles_known(self) -> FeePolicy:
        named: list[tuple[str, str]] = []
        if self.collection is not None:
            named.append(("collection.escalate_to", self.collection.escalate_to))
            named.extend((f"collection.rungs[{n}].owed_by", r.owed_by)
                         for n, r in enumerate(self.collection.rungs))
        if self.billing is not None:
            b = self.billing
            named += [("billing.summary_owed_by", b.summary_owed_by),
                      ("billing.bills_owed_by", b.bills_owed_by),
                      ("billing.reconcile_owed_by", b.reconcile_owed_by)]
        if self.move_in is not None:
            m = self.move_in
            named += [("move_in.notice_owed_by", m.notice_owed_by),
                      ("move_in.reminder_owed_by", m.reminder_owed_by),
                      ("move_in.escalate_to", m.escalate_to)]
        for field, key in named:
            if key not in self.roles:
                raise ValueError(f"{field}: no role {key!r} in roles "
                                 f"(known: {', '.join(sorted(self.roles))})")
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied (not validated, as pydantic's), without the caches
        of the original; prefer :meth:`derive`, which validates."""
        copied = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copied.__dict__.pop(name, None)
        return copied

    def _derive_changes(self, data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        """For :meth:`derive`: a settings block (or the roles) given as a dict is merged into
        the current one (``collection={"escalation_margin_days": 60}``); ``None`` turns a
        block off; anything else replaces the field."""
        out: dict[str, Any] = {}
        for key, value in changes.items():
            current = data.get(key)
            if isinstance(value, dict) and isinstance(current, BaseModel):
                out[key] = {**current.model_dump(), **value}
            elif isinstance(value, dict) and isinstance(current, dict):
                out[key] = {**current, **value}
            else:
                out[key] = value
        return out

    # -- reading ------------------------------------------------------------------------

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        """The policy's calendar (a preset name resolved once)."""
        return resolve_calendar(self.calendar)

    @cached_property
    def memo(self) -> dict[Any, Any]:
        """A cache the engines keep beside the policy (the deadline of a day and a span):
        a policy is frozen, so what is computed from it once holds."""
        return {}

    @cached_property
    def basis(self) -> Basis:
        """The basis a decision under this policy names."""
        return Basis(kind="policy", name=self.name, version=self.version)

    def role(self, key: str) -> Text:
        """A role's names (the policy's validation ensures every role it names exists)."""
        return self.roles[key]

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules of section 5 this policy applies, in catalog order."""
        return tuple(rule for rule, block in _BLOCK_OF_RULE.items()
                     if getattr(self, block) is not None)

    def settings(self, block: str) -> Any:
        """The settings ``block`` (``"collection"``, ``"billing"``, ``"move_in"``), or an
        :class:`InputError` naming ``policy`` when the policy leaves its rule out."""
        got = getattr(self, block)
        if got is None:
            rule = next(r for r, b in _BLOCK_OF_RULE.items() if b == block)
            raise InputError("policy", f"{rule} is not part of fee policy {self.name!r}")
        return got
