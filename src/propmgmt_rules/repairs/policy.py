"""Repair policies: the settings of the repair rules, and the presets of the source documents.

A :class:`RepairPolicy` is data: the revisit categories and their windows (`OM-RV2`), the
revisit quotas per role (`OM-RV1`) and the coverage (`SQ-RV`), the intake spans (`SQ-R1`), the
rectification notice span (`OM-RV4`), the redo (`SQ-RV`), the handover settings (`MI-4.4.7`)
and the work calendar. A setting left empty turns its rule off for that policy (the decisions
then say so). The presets are the documents' own settings:

* :data:`PROPERTY_OFFICE` (``"property-office"``): document 001 part 1, the `OM` rules;
* :data:`NANJING_PLAN` (``"nanjing-plan"``): document 003 part 3, the `SQ` rules;
* :data:`CATALOG` (``"catalog"``): every rule of catalog section 4 together (001, 002, 003).

A company copies a preset and changes it, e.g. adds its own category:

>>> from propmgmt_rules.time import Span
>>> lifts = RevisitCategory(key="lift", name_en="lift", name_zh="电梯", window=Span.days(1),
...                         keywords=("电梯", "lift"))
>>> mine = PROPERTY_OFFICE.with_category(lifts, first=True)
>>> [c.key for c in mine.categories]
['lift', 'safety', 'leak', 'other']
>>> suggest_category("3号楼电梯按钮失灵", mine).category
'lift'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from functools import cached_property
from types import MappingProxyType
from typing import Annotated, Any, Final, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from ..errors import InputError
from ..limits import MAX_TEXT_LENGTH, FreeText, Identifier
from ..presets import register_preset, register_preset_kind, resolve_preset
from ..time.calendar import WorkCalendar
from ..time.presets import CalendarRef, resolve_calendar
from ..time.span import Span, SpanUnit

__all__ = [
    "CATALOG",
    "NANJING_PLAN",
    "ONE_WEEK",
    "POLICIES",
    "PROPERTY_OFFICE",
    "CategorySuggestion",
    "HandoverSettings",
    "QuotaCounting",
    "Rate",
    "RepairPolicy",
    "RevisitCategory",
    "RoleQuota",
    "policy_named",
    "suggest_category",
]

ONE_WEEK: Final = Span.days(7)
"""`OM-RV2`: 回访时间安排在维修后一星期之内 — no revisit window goes beyond one week."""

_KEY = r"^[a-z][a-z0-9_\-]*$"
_CACHED: Final = ("work_calendar", "_categories")


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
    window: Span
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

    missed_notice_within: Span | None = None
    invite_within: Span | None = None


class RepairPolicy(BaseModel):
    """The settings of the repair rules for one company (see the module's presets)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    intake_urgent: Span | None = Field(
        default=None, description="SQ-R1: urgent request to engineering within (None: off)"
    )
    intake_normal: Span | None = Field(
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
    rectification_notice: Span | None = Field(
        default=None, description="OM-RV4: written notice within (None: off)"
    )
    redo: bool = Field(default=False, description="SQ-RV: a dissatisfied resident's redo")
    redo_within: Span | None = Field(
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
    def _categories(self) -> Mapping[str, RevisitCategory]:
        return {c.key: c for c in self.categories}

    def category(self, key: str, field: str = "category") -> RevisitCategory:
        """The category with this key; an unknown key is an :class:`InputError` naming it."""
        try:
            return self._categories[key]
        except KeyError:
            known = ", ".join(self._categories) or "none: OM-RV2 is off in this policy"
            raise InputError(field, f"unknown revisit category; known: {known}", key) from None

    def quota(self, role: str) -> RoleQuota | None:
        """The quota of a role, or None when the role has none."""
        for q in self.quotas:
            if q.role == role:
                return q
        return None

    @property
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
        return RepairPolicy.model_validate({**self.model_dump(), "categories": cats})


# -- the presets --------------------------------------------------------------------------

_SAFETY = RevisitCategory(
    key="safety",
    name_en="safety facility",
    name_zh="安全设施",
    window=Span.days(2),
    keywords=(
        "消防", "灭火", "烟感", "喷淋", "报警", "门禁", "对讲", "电梯", "监控", "防盗", "护栏",
        "栏杆", "应急灯", "疏散", "燃气", "煤气", "漏电", "安全",
        "fire", "smoke", "sprinkler", "alarm", "access control", "intercom", "door entry",
        "lift", "elevator", "cctv", "railing", "handrail", "emergency", "evacuation", "gas",
        "electric shock", "safety",
    ),
)
_LEAK = RevisitCategory(
    key="leak",
    name_en="water leak",
    name_zh="漏水项目",
    window=Span.days(3),
    keywords=(
        "漏水", "渗水", "滴水", "渗漏", "漏雨", "爆管", "水管破裂", "返水", "冒水",
        "leak", "seep", "drip", "burst pipe", "water damage",
    ),
)
_OTHER = RevisitCategory(
    key="other", name_en="other repair", name_zh="其它一般维修", window=Span.days(7)
)

_OM_QUOTAS = (
    RoleQuota(role="office_director", name_en="office director", name_zh="管理处主任",
              minimum=Fraction(1, 10)),
    RoleQuota(role="administrator", name_en="administrators", name_zh="管理员",
              minimum=Fraction(3, 10)),
    RoleQuota(role="repair_lead", name_en="repair lead", name_zh="维修负责人",
              minimum=Fraction(6, 10)),
)

PROPERTY_OFFICE: Final = RepairPolicy(
    name="property-office",
    name_zh="物业管理公司业主客户管理制度",
    version="001-part1",
    source="001 part 1: 物业管理公司业主客户管理制度 (OM-R3, OM-R4, OM-RV1 to OM-RV4)",
    categories=(_SAFETY, _LEAK, _OTHER),
    quotas=_OM_QUOTAS,
    rectification_notice=Span.hours(24),
)
"""Document 001 part 1: windows 2/3/7 days, quotas 10/30/60%, written notice within 24 hours."""

NANJING_PLAN: Final = RepairPolicy(
    name="nanjing-plan",
    name_zh="南京服务品质提升方案",
    version="003-part3",
    source="003 part 3: 南京山水湖畔物业管理服务品质提升方案 (SQ-R1, SQ-RV)",
    intake_urgent=Span.immediately(),
    intake_normal=Span.hours(2),
    appointments=False,
    record_items=False,
    coverage=Fraction(1),
    redo=True,
)
"""Document 003 part 3: intake at once / within 2 hours, 100% revisits, redo when dissatisfied."""

CATALOG: Final = RepairPolicy(
    name="catalog",
    name_zh="规则目录第4节",
    version="section-4",
    source="catalog section 4: documents 001 part 1, 002 part 5 (procedure 10), 003 part 3",
    intake_urgent=Span.immediately(),
    intake_normal=Span.hours(2),
    categories=(_SAFETY, _LEAK, _OTHER),
    quotas=_OM_QUOTAS,
    coverage=Fraction(1),
    rectification_notice=Span.hours(24),
    redo=True,
    handover=HandoverSettings(),
)
"""Every rule of catalog section 4 at once (the default of repair case files)."""

POLICIES: Final[Mapping[str, RepairPolicy]] = MappingProxyType(
    {p.name: p for p in (CATALOG, PROPERTY_OFFICE, NANJING_PLAN)}
)
"""The preset policies by name."""


register_preset_kind("repair_policy", RepairPolicy, field="policy", label="repair policy")
for _name, _policy in POLICIES.items():
    register_preset("repair_policy", _name, _policy, summary=_policy.source)


def policy_named(ref: RepairPolicy | str) -> RepairPolicy:
    """A policy, or a preset by name (``catalog``, ``property-office``, ``nanjing-plan``):
    every function that takes a policy resolves it here (with
    :func:`propmgmt_rules.presets.resolve_preset`). An unknown name or another type is an
    :class:`~propmgmt_rules.errors.InputError` naming ``policy``.

    >>> policy_named("nanjing-plan").rules
    ('OM-R3', 'SQ-R1', 'SQ-RV')
    """
    if type(ref) is RepairPolicy:
        return ref
    got: RepairPolicy = resolve_preset("repair_policy", ref)
    return got


# -- category suggestions -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CategorySuggestion:
    """A suggested category (`OM-RV2`) and the keywords that matched.

    ``matched`` maps each matching category to its keywords found; ``category`` is the first
    matching category in the policy's order (the policy lists the strictest first), or the
    policy's last category when nothing matched (``by_default``). A suggestion only: the
    category used by a decision is always the one given with the repair.
    """

    category: str
    matched: tuple[tuple[str, tuple[str, ...]], ...]
    by_default: bool


def _pattern(word: str) -> re.Pattern[str]:
    if word.isascii():
        return re.compile(r"\b" + re.escape(word), re.IGNORECASE)
    return re.compile(re.escape(word))


def suggest_category(description: str, policy: RepairPolicy | str) -> CategorySuggestion:
    """Suggest a revisit category from a repair's description, in Chinese or English.

    >>> suggest_category("卫生间天花板渗水", CATALOG).category
    'leak'
    >>> s = suggest_category("消防水管漏水", CATALOG)
    >>> s.category, [key for key, _ in s.matched]
    ('safety', ['safety', 'leak'])
    >>> suggest_category("Fire door does not close", CATALOG).category
    'safety'
    >>> suggest_category("更换客厅灯泡", CATALOG)
    CategorySuggestion(category='other', matched=(), by_default=True)
    """
    policy = policy_named(policy)
    if not isinstance(description, str):
        raise InputError("description", "must be a text", type(description).__name__)
    if len(description) > MAX_TEXT_LENGTH:
        raise InputError("description", f"must be at most {MAX_TEXT_LENGTH} characters "
                         f"(got {len(description)})")
    if not policy.categories:
        raise InputError("policy.categories", "the policy has no revisit categories (OM-RV2 off)")
    matched: list[tuple[str, tuple[str, ...]]] = []
    for cat in policy.categories:
        found = tuple(w for w in cat.keywords if _pattern(w).search(description))
        if found:
            matched.append((cat.key, found))
    if matched:
        return CategorySuggestion(matched[0][0], tuple(matched), False)
    return CategorySuggestion(policy.categories[-1].key, (), True)
