"""The two complaint policies of the catalog, as presets (data only).

* :data:`PROCEDURE_5` — 业主和住户投诉处理作业规程-5 (document 002 part 4, `CP`): calendar days,
  "same day", a handler by severity, approvals for late handling;
* :data:`NANJING` — 南京山水湖畔物业管理服务品质提升方案 (document 003 part 3, `SQ`): working
  days on China's official calendar with working hours, 2-hour replies, 100% revisits within 3
  working days, off-hours routing.

>>> sorted(POLICIES)
['nanjing', 'procedure5']
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ...presets import register_preset, register_preset_kind, resolve_preset
from ..policy import ComplaintPolicy
from .nanjing import NANJING
from .procedure5 import PROCEDURE_5

__all__ = ["NANJING", "POLICIES", "PROCEDURE_5", "resolve_policy"]

POLICIES: Final[Mapping[str, ComplaintPolicy]] = MappingProxyType(
    {"procedure5": PROCEDURE_5, "nanjing": NANJING}
)
"""The presets by name."""


register_preset_kind("complaint_policy", ComplaintPolicy, field="policy",
                     label="complaint policy")
for _name, _policy in POLICIES.items():
    register_preset("complaint_policy", _name, _policy, summary=_policy.name)


def resolve_policy(ref: ComplaintPolicy | str) -> ComplaintPolicy:
    """A policy, or a preset by name (``procedure5``, ``nanjing``): every function that takes
    a policy resolves it here (with :func:`propmgmt_rules.presets.resolve_preset`). An unknown
    name or another type is an :class:`~propmgmt_rules.errors.InputError` naming ``policy``.

    >>> resolve_policy("nanjing").name
    'SQ Nanjing plan'
    """
    if type(ref) is ComplaintPolicy:
        return ref
    got: ComplaintPolicy = resolve_preset("complaint_policy", ref)
    return got
