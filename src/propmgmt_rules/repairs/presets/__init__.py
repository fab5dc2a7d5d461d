"""The presets of catalog section 4, one data module per source regulation:

* :data:`PROPERTY_OFFICE` (``"property-office"``, :mod:`.property_office`): document 001 part
  1, the `OM` rules;
* :data:`NANJING` (``"nanjing"``, also ``"nanjing-plan"``, :mod:`.nanjing`): document 003 part
  3, the `SQ` rules;
* :mod:`.procedure10`: document 002 part 5, the handover settings (`MI-4.4.7`);
* :data:`CATALOG` (``"catalog"``): every rule of catalog section 4 together (the default of
  every function and of repair case files).

Each is registered with :mod:`propmgmt_rules.presets` (kind ``repair_policy``), so a preset
may be given by name wherever a policy is taken.

>>> sorted(PRESETS)
['catalog', 'nanjing-plan', 'property-office']
>>> resolve_policy("Nanjing") is NANJING
True
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Final

from ...presets import register_preset, register_preset_kind, resolve_preset
from ...time.span import Span
from ..policy import RepairPolicy
from .nanjing import NANJING
from .procedure10 import HANDOVER
from .property_office import CATEGORIES, PROPERTY_OFFICE, QUOTAS

__all__ = [
    "CATALOG",
    "CATEGORIES",
    "HANDOVER",
    "NANJING",
    "PRESETS",
    "PROPERTY_OFFICE",
    "QUOTAS",
    "resolve_policy",
]

CATALOG: Final = RepairPolicy(
    name="catalog",
    name_zh="规则目录第4节",
    version="section-4",
    source="catalog section 4: documents 001 part 1, 002 part 5 (procedure 10), 003 part 3",
    intake_urgent=NANJING.intake_urgent,
    intake_normal=NANJING.intake_normal,
    categories=CATEGORIES,
    quotas=QUOTAS,
    coverage=Fraction(1),
    rectification_notice=Span.hours(24),
    redo=True,
    handover=HANDOVER,
)
"""Every rule of catalog section 4 at once (the default of repair case files)."""

PRESETS: Final[Mapping[str, RepairPolicy]] = MappingProxyType(
    {p.name: p for p in (CATALOG, PROPERTY_OFFICE, NANJING)}
)
"""The presets by name."""

register_preset_kind("repair_policy", RepairPolicy, field="policy", label="repair policy")
for _policy, _aliases in ((CATALOG, ()), (PROPERTY_OFFICE, ()), (NANJING, ("nanjing",))):
    register_preset("repair_policy", _policy.name, _policy, aliases=_aliases,
                    summary=_policy.source)


def resolve_policy(ref: RepairPolicy | str, field: str = "policy") -> RepairPolicy:
    """A policy, or a preset by name (``catalog``, ``property-office``, ``nanjing``; case and
    surrounding spaces ignored): every function that takes a policy resolves it here, with
    :func:`propmgmt_rules.presets.resolve_preset`. An unknown name or another type is an
    :class:`~propmgmt_rules.errors.InputError` naming ``field``.

    >>> resolve_policy("nanjing").rules
    ('OM-R3', 'SQ-R1', 'SQ-RV')
    """
    if type(ref) is RepairPolicy:
        return ref
    got: RepairPolicy = resolve_preset("repair_policy", ref, field=field)
    return got
