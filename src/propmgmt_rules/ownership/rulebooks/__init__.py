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

from ...errors import InputError
from ..rulebook import Rulebook
from .cc import CC
from .sd import SD

__all__ = ["CC", "PRESETS", "SD", "resolve_rulebook"]

PRESETS: Final[dict[str, Rulebook]] = {"CC": CC, "SD": SD}
"""The preset rulebooks by name."""


def resolve_rulebook(ref: Any, argument: str = "rulebook") -> Rulebook:
    """A :class:`Rulebook` as given, or a preset by name (``"CC"``, ``"sd"``: any case, spaces
    around ignored); anything else is an :class:`~propmgmt_rules.InputError` naming
    ``argument``.

    >>> resolve_rulebook("XX")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: rulebook: unknown rulebook preset; known: CC, SD (got 'XX')
    """
    if isinstance(ref, Rulebook):
        return ref
    if isinstance(ref, str):
        got = PRESETS.get(ref.strip().upper())
        if got is None:
            raise InputError(argument, f"unknown rulebook preset; known: {', '.join(PRESETS)}",
                             ref if len(ref) <= 40 else ref[:40] + "...")
        return got
    raise InputError(argument, "must be a Rulebook or a preset's name (CC, SD)",
                     type(ref).__name__)
