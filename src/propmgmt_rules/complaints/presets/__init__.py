"""The complaint policies of the catalog, one data module per source regulation:

* :data:`PROCEDURE_5` (``"procedure5"``, :mod:`.procedure5`) — 业主和住户投诉处理作业规程-5
  (document 002 part 4, `CP`): calendar days, "same day", a handler by severity, approvals
  for late handling;
* :data:`NANJING` (``"nanjing"``, :mod:`.nanjing`) — 南京山水湖畔物业管理服务品质提升方案
  (document 003 part 3, `SQ`): working days on China's official calendar with working hours,
  2-hour replies, 100% revisits within 3 working days, off-hours routing.

Both are registered with :mod:`propmgmt_rules.presets` (kind ``complaint_policy``): every
function that takes a policy takes one of them by name.

>>> sorted(PRESETS)
['nanjing', 'procedure5']
>>> resolve_policy(" Nanjing ").name
'SQ Nanjing plan'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from ...presets import register_preset, register_preset_kind, resolve_preset
from ..policy import ComplaintPolicy
from .nanjing import NANJING
from .procedure5 import PROCEDURE_5

__all__ = ["NANJING", "PRESETS", "PROCEDURE_5", "resolve_policy"]

PRESETS: Final[Mapping[str, ComplaintPolicy]] = MappingProxyType(
    {"procedure5": PROCEDURE_5, "nanjing": NANJING}
)
"""The presets by name."""


register_preset_kind("complaint_policy", ComplaintPolicy, field="policy",
                     label="complaint policy")
for _name, _policy in PRESETS.items():
    register_preset("complaint_policy", _name, _policy, summary=_policy.name)


def resolve_policy(ref: ComplaintPolicy | str, field: str = "policy") -> ComplaintPolicy:
    """A policy, or a preset by name (case and surrounding spaces ignored), with
    :func:`propmgmt_rules.presets.resolve_preset`: an unknown name or another type is an
    :class:`~propmgmt_rules.errors.InputError` naming ``field`` and listing the presets."""
    if type(ref) is ComplaintPolicy:
        return ref
    got: ComplaintPolicy = resolve_preset("complaint_policy", ref, field=field)
    return got
