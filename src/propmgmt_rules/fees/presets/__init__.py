"""The presets of catalog section 5, one data module per source regulation:

* :data:`VK` (``"vk"``, :mod:`.vk`): document 004, the arrears ladder and the limitation
  period (`VK-FEE`, `VK-FEE-LIMIT`);
* :data:`NANJING` (``"nanjing"``, :mod:`.nanjing`): document 003 part 3, paid-service billing
  and cash reconciliation (`SQ-FEES`);
* :data:`PROCEDURE_10` (``"procedure10"``, :mod:`.procedure10`): document 002 part 5, the
  move-in notices (`MI-4.3.1`, `MI-4.3.2`);
* :data:`CATALOG` (``"catalog"``): every rule of section 5 together (the default of the
  command line's ``fees`` cases).

>>> sorted(PRESETS)
['catalog', 'nanjing', 'procedure10', 'vk']
>>> resolve_policy("VK").rules
('VK-FEE', 'VK-FEE-LIMIT')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ...presets import register_preset, register_preset_kind, resolve_preset
from ..policy import FeePolicy
from . import nanjing, procedure10, vk
from .nanjing import NANJING
from .procedure10 import PROCEDURE_10
from .vk import VK

__all__ = ["CATALOG", "NANJING", "PRESETS", "PROCEDURE_10", "VK", "resolve_policy"]

CATALOG: Final = FeePolicy(
    name="catalog",
    version="section-5",
    source="catalog section 5: documents 004, 003 part 3, 002 part 5",
    description="Every rule of catalog section 5: the arrears ladder and limitation (004), "
    "paid-service billing (003), the move-in notices (002).",
    roles={**vk.ROLES, **nanjing.ROLES, **procedure10.ROLES},
    collection=vk.VK_COLLECTION,
    billing=nanjing.NANJING_BILLING,
    move_in=procedure10.PROCEDURE_10_MOVE_IN,
)
"""Every rule of catalog section 5 at once."""

PRESETS: Final[Mapping[str, FeePolicy]] = MappingProxyType(
    {p.name: p for p in (CATALOG, VK, NANJING, PROCEDURE_10)}
)
"""The presets by name."""


register_preset_kind("fee_policy", FeePolicy, field="policy", label="fee policy")
for _name, _policy in PRESETS.items():
    register_preset("fee_policy", _name, _policy, summary=_policy.source)


def resolve_policy(ref: FeePolicy | str, field: str = "policy") -> FeePolicy:
    """A policy, or a preset by name (case and surrounding spaces ignored; with
    :func:`propmgmt_rules.presets.resolve_preset`); an unknown name or another type is an
    :class:`InputError` naming ``field``."""
    if type(ref) is FeePolicy:
        return ref
    got: FeePolicy = resolve_preset("fee_policy", ref, field=field)
    return got
