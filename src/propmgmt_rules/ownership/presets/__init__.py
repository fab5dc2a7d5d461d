"""The two sales offices' rulebooks, as presets of the one engine (data only), registered
with the one preset registry (:mod:`propmgmt_rules.presets`): every function that takes a
rulebook takes a preset's name too (``"CC"``, ``"sd"``: any case, spaces around ignored).

One module per source regulation: :mod:`.cc` (document 000 part 1) and :mod:`.sd`
(document 001 part 2).

>>> from propmgmt_rules.ownership.presets import CC, SD, PRESETS
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
from ..policy import Rulebook
from .cc import CC
from .sd import SD

__all__ = ["CC", "KIND", "PRESETS", "SD", "resolve_rulebook"]

KIND: Final = "rulebook"
"""The kind of preset a rulebook is (:func:`propmgmt_rules.presets.resolve_preset`)."""

PRESETS: Final[dict[str, Rulebook]] = {"CC": CC, "SD": SD}
"""The preset rulebooks by name."""

register_preset_kind(KIND, Rulebook, field="rulebook", label="rulebook")
for _name, _rulebook in PRESETS.items():
    register_preset(KIND, _name, _rulebook, summary=_rulebook.title)


def resolve_rulebook(ref: Any, argument: str = "rulebook") -> Rulebook:
    """A :class:`Rulebook` as given, or a preset by name
    (:func:`propmgmt_rules.presets.resolve_preset` of the kind ``"rulebook"``); anything else
    is an :class:`~propmgmt_rules.InputError` naming ``argument``.

    >>> resolve_rulebook("XX")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: rulebook: unknown rulebook preset; known: CC, SD (got 'XX')
    """
    got: Rulebook = resolve_preset(KIND, ref, field=argument)
    return got
