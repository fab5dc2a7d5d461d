"""The ownership area's settings: a rulebook, which of the catalog's ownership rules an office
adopts, and its settings (a :class:`~propmgmt_rules.policy.Policy`).

The engine is the same for every office; a rulebook is data. The two sales offices of the
catalog are presets (:data:`~propmgmt_rules.ownership.presets.CC`,
:data:`~propmgmt_rules.ownership.presets.SD`); a third office copies one and changes what it
wants with :meth:`~propmgmt_rules.policy.Policy.derive` (see ``docs/custom-rulebook.md``):

>>> from propmgmt_rules.ownership.presets import CC
>>> str(CC.window), CC.household.rule_id, CC.deal_change.rule_id
('3 months', 'CC-3', 'CC-8')
>>> mine = CC.derive(name="XY", version="1", window="1 month", household="spouses_share")
>>> str(mine.window), mine.household.rule_id, "CC-3" in mine.rules, "SD-7.4" in mine.rules
('1 month', 'SD-7.4', False, True)

The rules a rulebook enables (``rules``) switch the engine's behaviours on: e.g. ``CC-4.2``
(a client brought in person by a past buyer belongs to that buyer's consultant), ``SD-3.7``
(the recognition rules), ``SD-7.2`` (only verified registrations count). Two settings choose
between rules that cannot both hold: ``household`` (``CC-3`` first reception, or ``SD-7.4``
spouses share) and ``deal_change`` (``CC-8`` the deal follows the client, or ``SD-7.6`` it stays
with the original consultant); the chosen rule is added to ``rules`` and the other refused.
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..decision import Text
from ..errors import InputError
from ..limits import FreeText, Identifier
from ..policy import Policy
from ..time import Span, WorkCalendar
from ..time.span import SpanUnit
from .models import ExactFraction, RelationKind
from .rules import RULES as _RULES

__all__ = [
    "BEHAVIOURS",
    "MAX_SPAN_AMOUNT",
    "DealChangeRule",
    "HouseholdRule",
    "Rulebook",
    "Splits",
    "WindowAnchor",
]

_KNOWN: Final = frozenset(r.id for r in _RULES) | {"COM-ROUND"}


class HouseholdRule(StrEnum):
    """How a household (related clients received by different consultants) is owned."""

    FIRST_RECEPTION = "first_reception"
    """`CC-3`: the first reception of any member owns the whole household."""
    SPOUSES_SHARE = "spouses_share"
    """`SD-7.4`: members received separately before the deal own it jointly, in equal shares."""
    NONE = "none"
    """No household rule: every client is decided on their own."""

    @property
    def rule_id(self) -> str | None:
        """The catalog rule this setting implements."""
        return _HOUSEHOLD_RULE[self]


class DealChangeRule(StrEnum):
    """What a change after the deal (rename, unit change, swapped orders) does to the credit."""

    FOLLOW_CLIENT = "follow_client"
    """`CC-8`: the deal follows the client who holds it after the change."""
    STAY = "stay"
    """`SD-7.6`: the handling consultant does not change."""
    NONE = "none"
    """No rule: a change of holder is an escalation."""

    @property
    def rule_id(self) -> str | None:
        """The catalog rule this setting implements."""
        return _DEAL_CHANGE_RULE[self]


_HOUSEHOLD_RULE: Final = {HouseholdRule.FIRST_RECEPTION: "CC-3",
                          HouseholdRule.SPOUSES_SHARE: "SD-7.4", HouseholdRule.NONE: None}
_DEAL_CHANGE_RULE: Final = {DealChangeRule.FOLLOW_CLIENT: "CC-8", DealChangeRule.STAY: "SD-7.6",
                            DealChangeRule.NONE: None}


class WindowAnchor(StrEnum):
    """Where the registration window runs from (`CC-9.2` interpretation)."""

    CLIENT_LAST_VISIT = "client_last_visit"
    """The client's previous registered visit, with any consultant (the catalog's reading)."""
    OWNER_LAST_RECEPTION = "owner_last_reception"
    """The owner's own last reception of the client (the owner must keep following up)."""


BEHAVIOURS: Final[dict[str, tuple[str, ...]]] = {
    "book": ("CC-1", "SD-7.1"),
    "first": ("CC-6", "SD-7.3"),
    "conflict": ("SD-7.3",),
    "phone": ("CC-NOTE", "SD-3.13"),
    "window": ("CC-2", "SD-7.1"),
    "return_within": ("CC-9.1", "SD-4.1"),
    "return_after": ("CC-9.2", "SD-7.1"),
    "escalate": ("CC-11", "SD-7.7"),
}
"""Behaviours of the engine that several offices state in their own clause: the engine cites
whichever of these ids the rulebook enables."""


MAX_SPAN_AMOUNT: Final[dict[SpanUnit, int]] = {
    SpanUnit.MONTHS: 1200,
    SpanUnit.DAYS: 36_525,
    SpanUnit.WORKING_DAYS: 36_525,
    SpanUnit.HOURS: 876_600,
    SpanUnit.WORKING_HOURS: 876_600,
    SpanUnit.MINUTES: 52_596_000,
}
"""The longest registration or recognition window a rulebook may set, per unit: a hundred
years (1,200 months, 36,525 days, ...). A longer one is refused with an error naming the field
(``window``, ``recognition_window``), never an overflow while deciding."""


def _bounded(span: Span, field: str) -> None:
    limit = MAX_SPAN_AMOUNT.get(span.unit)
    if limit is not None and span.amount > limit:
        raise ValueError(f"{field}: at most {limit} {span.unit.value.replace('_', ' ')} "
                         f"(a hundred years), got {span.amount}")


def _slug(name: str) -> str:
    """``"branch manager"`` -> ``"branch_manager"``: a stable key from a name."""
    return "_".join(name.split()).lower()


class Splits(BaseModel):
    """The percentages of the rules, as exact fractions (``"3/10"``; never a float)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    staff_introducer: ExactFraction = Field(default=Fraction(3, 10),
                                            description="SD-6.2.5: the introducer's share")
    company_followed_pool: ExactFraction = Field(
        default=Fraction(3, 10), description="SD-6.1.3: the pool's share when a consultant "
        "followed a company client through to the deal")
    company_arranged_pool: ExactFraction = Field(
        default=Fraction(7, 10), description="SD-6.1.4: the pool's share when the company "
        "arranged the deal and a consultant does the after-sales")
    executive_designation_pool: ExactFraction = Field(
        default=Fraction(1), description="SD-6.1.2: the pool's share of a designated reception")
    designated_mid_reception: ExactFraction = Field(
        default=Fraction(3, 10), description="SD-5.2: the named consultant's share (the first "
        "receiver keeps the rest)")
    recognised_later_original: ExactFraction = Field(
        default=Fraction(1, 2), description="SD-3.7.I: the original consultant's share (the new "
        "one keeps the rest)")

    @model_validator(mode="after")
    def _between_0_and_1(self) -> Splits:
        for name, value in self:
            if not 0 <= value <= 1:
                raise ValueError(f"{name}: a share must be between 0 and 1 (got {value})")
        return self


class Rulebook(Policy):
    """One office's rules: the catalog ids it adopts and the settings of the engine."""

    name: Identifier
    version: Identifier
    title: FreeText = ""
    source: FreeText = ""
    rules: frozenset[str]
    window: Span = Field(default=Span.months(3), description="CC-2 / SD-7.1 registration window")
    window_anchor: WindowAnchor = WindowAnchor.CLIENT_LAST_VISIT
    recognition_window: Span = Field(default=Span.months(1), description="SD-3.7.I / SD-3.7.J")
    household: HouseholdRule = HouseholdRule.FIRST_RECEPTION
    household_relations: frozenset[RelationKind] = frozenset(RelationKind)
    deal_change: DealChangeRule = DealChangeRule.FOLLOW_CLIENT
    splits: Splits = Splits()
    escalate_to: Identifier = Field(
        default="manager", description="who decides an escalation (`CC-11`, `SD-7.7`), as a "
        "stable key for routing: `sales_manager`; a name with spaces is read as the English "
        "name and its key made from it")
    escalate_to_name: FreeText = Field(
        default="", description="who decides an escalation, in English (default: the key, "
        "underscores as spaces)")
    escalate_to_zh: FreeText = Field(
        default="", description="who decides an escalation, in simplified Chinese (default: "
        "经理, the manager)")
    calendar: WorkCalendar = Field(
        default_factory=WorkCalendar,
        description="the calendar the windows are counted on (T-MONTHS; only its time zone "
        "and rest days matter, the latter only with the rest-day extension)")

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: frozenset[str]) -> frozenset[str]:
        unknown = sorted(value - _KNOWN)
        if unknown:
            raise ValueError(f"not ownership or commission rules of the catalog: {unknown}")
        return value

    @model_validator(mode="before")
    @classmethod
    def _chosen_rules(cls, data: Any) -> Any:
        """Add the rules the household and deal-change settings choose; refuse their rivals.
        An ``escalate_to`` written as a name (``"branch manager"``) gives the key and the
        English name."""
        if isinstance(data, dict) and isinstance(data.get("escalate_to"), str) \
                and len(data["escalate_to"].split()) > 1:
            name = " ".join(data["escalate_to"].split())
            data = {**data, "escalate_to": _slug(name),
                    "escalate_to_name": data.get("escalate_to_name") or name}
        if not isinstance(data, dict) or "rules" not in data:
            return data
        given = data["rules"]
        if not isinstance(given, list | tuple | set | frozenset) or not all(
                isinstance(r, str) for r in given):
            return data  # the field's own validation names what is wrong
        rules = set(given)
        for key, enum, rivals in (("household", HouseholdRule, ("CC-3", "SD-7.4")),
                                  ("deal_change", DealChangeRule, ("CC-8", "SD-7.6"))):
            default = cls.model_fields[key].default
            try:
                chosen = enum(data.get(key, default)).rule_id
            except (ValueError, TypeError):
                return data  # idem
            for rival in rivals:
                if rival in rules and rival != chosen:
                    raise ValueError(
                        f"rules: {rival} contradicts the {key} setting "
                        f"{enum(data.get(key, default)).value!r} (which implements {chosen})")
            if chosen:
                rules.add(chosen)
        return {**data, "rules": frozenset(rules)}

    @model_validator(mode="after")
    def _needs_the_base_rules(self) -> Rulebook:
        for behaviour in ("book", "first"):
            if not self.rules & set(BEHAVIOURS[behaviour]):
                raise ValueError(
                    f"rules: needs one of {BEHAVIOURS[behaviour]} (the {behaviour} rule)")
        if self.window.unit.value not in ("days", "months"):
            raise ValueError("window: a registration window is a span of days or months")
        _bounded(self.window, "window")
        _bounded(self.recognition_window, "recognition_window")
        return self

    @property
    def escalation_target(self) -> Text:
        """Who decides an escalation, in English and simplified Chinese (the escalation's
        ``to_name``; ``escalate_to`` is its ``to``)."""
        return Text(self.escalate_to_name or self.escalate_to.replace("_", " "),
                    self.escalate_to_zh or "经理")

    def cites(self, behaviour: str) -> tuple[str, ...]:
        """The enabled rule ids of a behaviour of :data:`BEHAVIOURS`, in catalog order."""
        return tuple(r for r in BEHAVIOURS[behaviour] if r in self.rules)

    def _derive_changes(self, data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        """:meth:`~propmgmt_rules.policy.Policy.derive` of a rulebook: ``enable=[...]`` and
        ``disable=[...]`` edit the rules; a new ``household`` or ``deal_change`` setting takes
        the rule the old one chose away with it.

        >>> from propmgmt_rules.ownership.presets import SD
        >>> "SD-7.2" in SD.derive(name="no-check", disable=["SD-7.2"]).rules
        False
        """
        changes = dict(changes)
        enable = _rule_ids(changes.pop("enable", ()), "enable")
        disable = _rule_ids(changes.pop("disable", ()), "disable")
        rules = (_rule_ids(changes.pop("rules", data["rules"]), "rules") | enable) - disable
        for key in ("household", "deal_change"):
            if key in changes:  # the chosen rule of the old setting goes with it
                old = getattr(self, key).rule_id
                if old:
                    rules.discard(old)
        changes["rules"] = rules
        return changes


def _rule_ids(value: Any, argument: str) -> set[str]:
    """``value`` as a set of rule ids, or an :class:`~propmgmt_rules.InputError` naming
    ``argument``."""
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset) \
            or not all(isinstance(r, str) for r in value):
        raise InputError(argument, "must be a list of rule ids such as ['SD-7.2']",
                         type(value).__name__)
    return set(value)
