"""The rulebook presets under their former name (kept for existing imports): the presets
live in :mod:`propmgmt_rules.ownership.presets`.

>>> from propmgmt_rules.ownership import presets, rulebooks
>>> rulebooks.SD is presets.SD
True
"""

from __future__ import annotations

from .presets import CC, PRESETS, SD, resolve_rulebook

__all__ = ["CC", "PRESETS", "SD", "resolve_rulebook"]
