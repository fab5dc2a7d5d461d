"""The settings of the repair rules: :class:`RepairPolicy` (data, on the core
:class:`~propmgmt_rules.policy.Policy`: frozen, unknown fields refused, :meth:`derive`).

A :class:`RepairPolicy` holds the revisit categories and their windows (`OM-RV2`), the
revisit quotas per role (`OM-RV1`) and the coverage (`SQ-RV`), the intake spans (`SQ-R1`), the
rectification notice span (`OM-RV4`), the redo (`SQ-RV`), the handover settings (`MI-4.4.7`)
and the work calendar. A setting left empty turns its rule off for that policy (the decisions
then say so). The presets of the source documents are data in
:mod:`propmgmt_rules.repairs.presets`. A company derives its own, e.g. with a category of its
own:

>>> from propmgmt_rules.time import Span
>>> from propmgmt_rules.repairs.presets import PROPERTY_OFFICE
>>> lifts = RevisitCategory(key="lift", name_en="lift", name_zh="电梯", window=Span.days(1),
...                         keywords=("电梯", "lift"))
>>> mine = PROPERTY_OFFICE.with_category(lifts, first=True)
>>> [c.key for c in mine.categories]
['lift', 'safety', 'leak', 'other']
>>> PROPERTY_OFFICE.derive(name="ours", coverage="100%").rules
('OM-R3', 'OM-R4', 'OM-RV2', 'OM-RV1', 'OM-RV3', 'OM-RV4', 'SQ-RV')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from typing import Annotated, Any, Final, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..decision import Basis
from ..errors import InputError
from ..limits import FreeText, Identifier
from ..policy import Policy
from ..time.calendar import WorkCalendar
from ..time.presets import CalendarRef, resolve_calendar
from ..time.span import ForwardSpan, Span, SpanUnit

__all__ = [
    "ONE_WEEK",
    "HandoverSettings",
    "QuotaCounting",
    "Rate",
    "RepairPolicy",
    "RevisitCategory",
    "RoleQuota",
]

ONE_WEEK: Final = Span.days(7)
"""`OM-RV2`: 回访时间安排在维修后一星期之内 — no revisit window goes beyond one week."""

_KEY = r"^[a-z][a-z0-9_\-]*$"
_CACHED: Final = ("work_calendar", "_categories", "_quotas", "basis", "rules")


def _rate(value: Any) -> Any:
    """A share as an exact fraction: ``"10%"``, ``"1/10"``, ``"0.1"``, ``0.1`` or a Fraction."""
    if isinstance(value, bool):
        raise ValueError("a rate is a number between 0 and 1, such as '10%' or '1/10'")
    if isinstance(value, Fraction):
        result = value
    elif isinstance(value, int):
        result = Fraction(value)
    elif isinstance(value, Decimal):
        if not value.is_finite() or (value and abs(value.adjusted()) > 30):
            raise ValueError(f"a rate is between 0 and 1 (0% and 100%), got {value!r}")
        result = Fraction(value)
    elif isinstance(value, float):
        result = Fraction(Decimal(repr(value)))
    elif isinstance(value, str):
        text = value.strip()
        if len(text) > 40 or any(ch in text for ch in "eE"):
            raise ValueError(f"cannot read {value[:40]!r} as a rate; write e.g. '10%', '1/10' "
                             "or 0.1")
        try:
            if text.endswith("%"):
                result = Fraction(Decimal(text[:-1].strip())) / 100
            else:
                result = Fraction(text)
        except (ValueError, InvalidOperation, ZeroDivisionError):
            raise ValueError(
                f"cannot read {value!r} as a rate; write e.g. '10%', '1/10' or 0.1"
            ) from None
    else:
        return value
    if not 0 <= result <= 1:
        raise ValueError(f"a rate is between 0 and 1 (0% and 100%), got {value!r}")
    return result


Rate = Annotated[Fraction, BeforeValidator(_rate)]
"""An exact share between 0 and 1; JSON accepts ``"10%"``, ``"1/10"`` or ``0.1``."""


class RevisitCategory(BaseModel):
    """A category of repair and its revisit window (`OM-RV2`), with keywords for suggestions."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=_KEY, max_length=60)
    name_en: Identifier
    name_zh: Identifier
    window: ForwardSpan
    keywords: tuple[Identifier, ...] = Field(default=(), max_length=1000)

    @field_validator("window")
    @classmethod
    def _within_one_week(cls, value: Span) -> Span:
        too_long = (
            (value.unit is SpanUnit.DAYS and value.amount > 7)
            or (value.unit is SpanUnit.HOURS and value.amount > 7 * 24)
            or (value.unit is SpanUnit.MINUTES and value.amount > 7 * 24 * 60)
            or (value.unit is SpanUnit.MONTHS and value.amount >= 1)
            or (value.unit is SpanUnit.WORKING_DAYS and value.amount > 7)
        )
        if too_long:
            raise ValueError(
                f"a revisit window is never more than one week (OM-RV2), got {value}"
            )
        return value


class RoleQuota(BaseModel):
    """The minimum revisit rate of a role (`OM-RV1`): e.g. the office director, 10%."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    role: str = Field(pattern=_KEY, max_length=60)
    name_en: Identifier
    name_zh: Identifier
    minimum: Rate


class QuotaCounting(StrEnum):
    """Which revisits count toward the quotas and the coverage (`OM-RV1`, `SQ-RV`)."""

    ALL = "all"
    """Every recorded revisit of a repair of the period."""
    ON_TIME = "on_time"
    """Only revisits within the repair's window (`OM-RV2`)."""
    ON_TIME_COMPLETE = "on_time_complete"
    """Only revisits within the window whose record is complete (`OM-RV3`)."""


class HandoverSettings(BaseModel):
    """The settings of `MI-4.4.7` (handover defects). The procedure sets no span for telling
    the owner of a missed deadline, nor for inviting to the second inspection: None means
    those obligations have no deadline."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    missed_notice_within: ForwardSpan | None = None
    invite_within: ForwardSpan | None = None


class RepairPolicy(Policy):
    """The settings of the repair rules for one company (see the module's documentation)."""

    name: Identifier
    name_zh: Identifier | None = Field(
        default=None, description="the policy's name in Chinese, for the Chinese explanations "
        "(default: name)")
    version: Identifier
    source: FreeText
    calendar: CalendarRef = Field(
        default="china-official",
        description="a work calendar, or a preset name ('weekdays', '24/7', 'china-official')",
    )
    intake_urgent: ForwardSpan | None = Field(
        default=None, description="SQ-R1: urgent request to engineering within (None: off)"
    )
    intake_normal: ForwardSpan | None = Field(
        default=None, description="SQ-R1: other requests to engineering within (None: off)"
    )
    appointments: bool = Field(default=True, description="OM-R4 applies")
    categories: tuple[RevisitCategory, ...] = Field(
        default=(), description="OM-RV2: revisit categories in priority order (empty: off)"
    )
    quotas: tuple[RoleQuota, ...] = Field(default=(), description="OM-RV1 (empty: off)")
    coverage: Rate | None = Field(default=None, description="SQ-RV: share revisited (None: off)")
    quota_counts: QuotaCounting = QuotaCounting.ALL
    record_items: bool = Field(default=True, description="OM-RV3 applies")
    rectification_notice: ForwardSpan | None = Field(
        default=None, description="OM-RV4: written notice within (None: off)"
    )
    redo: bool = Field(default=False, description="SQ-RV: a dissatisfied resident's redo")
    redo_within: ForwardSpan | None = Field(
        default=None, description="SQ-RV: the redo is done within (None: no deadline)"
    )
    handover: HandoverSettings | None = Field(default=None, description="MI-4.4.7 (None: off)")

    @model_validator(mode="after")
    def _consistent(self) -> RepairPolicy:
        keys = [c.key for c in self.categories]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:
            raise ValueError(f"categories: duplicate key(s) {', '.join(dup)}")
        roles = [q.role for q in self.quotas]
        dup = sorted({r for r in roles if roles.count(r) > 1})
        if dup:
            raise ValueError(f"quotas: duplicate role(s) {', '.join(dup)}")
        if self.quota_counts is not QuotaCounting.ALL and not self.categories:
            raise ValueError(
                f"quota_counts {self.quota_counts.value!r} counts revisits within their window: "
                "it needs revisit categories (OM-RV2)"
            )
        if (self.intake_urgent is None) != (self.intake_normal is None):
            raise ValueError(
                "intake_urgent and intake_normal (SQ-R1) are set together or not at all"
            )
        return self

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        """A copy with ``update`` applied (not validated, as pydantic's), without the caches
        of the original (its resolved calendar and category table)."""
        copied = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copied.__dict__.pop(name, None)
        return copied

    # -- reading ------------------------------------------------------------------------

    @property
    def title_zh(self) -> str:
        """The name the Chinese explanations use (``name_zh``, else ``name``)."""
        return self.name_zh or self.name

    @cached_property
    def work_calendar(self) -> WorkCalendar:
        """The policy's calendar (a preset name resolved)."""
        return resolve_calendar(self.calendar)

    @cached_property
    def basis(self) -> Basis:
        """The basis a decision under this policy names."""
        return Basis(kind="policy", name=self.name, version=self.version)

    @cached_property
    def _categories(self) -> Mapping[str, RevisitCategory]:
        return {c.key: c for c in self.categories}

    def category(self, key: str, field: str = "category") -> RevisitCategory:
        """The category with this key; an unknown key is an :class:`InputError` naming it."""
        try:
            return self._categories[key]
        except KeyError:
            known = ", ".join(self._categories) or "none: OM-RV2 is off in this policy"
            raise InputError(field, f"unknown revisit category; known: {known}", key) from None

    def known_category(self, key: str) -> RevisitCategory | None:
        """The category with this key, or None (:meth:`category` names an unknown one)."""
        return self._categories.get(key)

    @cached_property
    def _quotas(self) -> Mapping[str, RoleQuota]:
        return {q.role: q for q in self.quotas}

    def quota(self, role: str) -> RoleQuota | None:
        """The quota of a role, or None when the role has none."""
        return self._quotas.get(role)

    @cached_property
    def rules(self) -> tuple[str, ...]:
        """The repair rules this policy applies, in catalog order."""
        on = {
            "OM-R3": True,
            "OM-R4": self.appointments,
            "SQ-R1": self.intake_urgent is not None,
            "OM-RV2": bool(self.categories),
            "OM-RV1": bool(self.quotas),
            "OM-RV3": self.record_items,
            "OM-RV4": self.rectification_notice is not None,
            "SQ-RV": self.coverage is not None or self.redo,
            "MI-4.4.7": self.handover is not None,
        }
        return tuple(rule for rule, enabled in on.items() if enabled)

    def with_category(self, category: RevisitCategory, *, first: bool = False) -> RepairPolicy:
        """A copy with ``category`` added (first, or before the last, catch-all category)."""
        cats = list(self.categories)
        if first or not cats:
            cats.insert(0, category)
        else:
            cats.insert(len(cats) - 1, category)
        return self.derive(categories=tuple(cats))


