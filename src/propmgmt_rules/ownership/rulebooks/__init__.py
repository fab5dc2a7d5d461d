"""The two sales offices' rulebooks, as presets of the one engine (data only).

>>> from propmgmt_rules.ownership.rulebooks import CC, SD, PRESETS, resolve_rulebook
>>> sorted(PRESETS)
['CC', 'SD']
>>> str(CC.window), str(SD.window)
('3 months', '1 month')
>>> resolve_rulebook("sd") is SD
True
"""

from __future__ import annotations

from typing import Any, Final

from ...presets import register_preset, register_preset_kind, resolve_preset
from ..rulebook import Rulebook
from .cc import CC
from .sd import SD

__all__ = ["CC", "PRESETS", "SD", "resolve_rulebook"]

PRESETS: Final[dict[str, Rulebook]] = {"CC": CC, "SD": SD}
"""The preset rulebooks by name."""

register_preset_kind("rulebook", Rulebook, field="rulebook", label="rulebook")
for _name, _rulebook in PRESETS.items():
    register_preset("rulebook", _name, _rulebook, summary=_rulebook.title)


def resolve_rulebook(ref: Any, argument: str = "rulebook") -> Rulebook:
    """A :class:`Rulebook` as given, or a preset by name (``"CC"``, ``"sd"``: any case, spaces
    around ignored; :func:`propmgmt_rules.presets.resolve_preset`); anything else is an
    :class:`~propmgmt_rules.InputError` naming ``argument``.

    >>> resolve_rulebook("XX")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: rulebook: unknown rulebook...
    """
    got: Rulebook = resolve_preset("rulebook", ref, field=argument)
    return got
