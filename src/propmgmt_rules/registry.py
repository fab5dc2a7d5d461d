"""The rule registry: every catalog rule the library implements, as a typed :class:`Rule`.

Each area keeps its rules as data in its own ``rules`` module (``time/rules.py``, ...); the
registry only gathers them.

>>> get_rule("T-DAYS").summary.startswith("n days")
True
>>> "T-WORKING-DAYS" in RULES
True
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from .complaints.rules import RULES as _COMPLAINT_RULES
from .errors import InputError
from .fees.rules import RULES as _FEE_RULES
from .money.rules import RULES as _MONEY_RULES
from .ownership.rules import RULES as _OWNERSHIP_RULES
from .repairs.rules import RULES as _REPAIR_RULES
from .rule import Rule
from .time.rules import RULES as _TIME_RULES

__all__ = ["RULES", "Rule", "all_rules", "get_rule"]

_AREAS: Final[tuple[tuple[Rule, ...], ...]] = (
    _TIME_RULES,
    _MONEY_RULES,
    _OWNERSHIP_RULES,
    _COMPLAINT_RULES,
    _REPAIR_RULES,
    _FEE_RULES,
)


def _gather() -> Mapping[str, Rule]:
    table: dict[str, Rule] = {}
    for area in _AREAS:
        for rule in area:
            if rule.id in table:
                raise RuntimeError(f"rule {rule.id} is registered twice")
            table[rule.id] = rule
    return MappingProxyType(table)


RULES: Final[Mapping[str, Rule]] = _gather()
"""Every implemented rule by id (read-only)."""


def all_rules() -> tuple[Rule, ...]:
    """Every implemented rule, in catalog order."""
    return tuple(RULES.values())


def get_rule(rule_id: str) -> Rule:
    """The rule with this id; an unknown id is an :class:`InputError`."""
    try:
        return RULES[rule_id]
    except KeyError:
        raise InputError("rule_id", "is not a rule of the registry", rule_id) from None
