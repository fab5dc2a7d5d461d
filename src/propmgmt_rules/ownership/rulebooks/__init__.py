"""The two sales offices' rulebooks, as presets of the one engine (data only).

>>> from propmgmt_rules.ownership.rulebooks import CC, SD, PRESETS
>>> sorted(PRESETS)
['CC', 'SD']
>>> str(CC.window), str(SD.window)
('3 months', '1 month')
"""

from __future__ import annotations

from typing import Final

from ...presets import register_preset, register_preset_kind
from ..rulebook import Rulebook
from .cc import CC
from .sd import SD

__all__ = ["CC", "PRESETS", "SD"]

PRESETS: Final[dict[str, Rulebook]] = {"CC": CC, "SD": SD}
"""The preset rulebooks by name."""

register_preset_kind("rulebook", Rulebook, field="rulebook", label="rulebook")
for _name, _rulebook in PRESETS.items():
    register_preset("rulebook", _name, _rulebook, summary=_rulebook.title)
