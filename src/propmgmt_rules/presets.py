"""One way to name a preset, for every kind of setting: calendars, rulebooks, policies.

Every function that takes a calendar, a rulebook or a policy takes the object itself or the
name of a preset. Each area registers its presets here (its ``presets`` modules, data only);
:func:`resolve_preset` turns a name into the preset, the same way for every kind:

* names are case-insensitive and surrounding spaces are ignored; a preset may have aliases;
* a kind may also read names of a pattern (``china-2025``, ``weekdays@09:00-18:00``), built
  once per name and kept (a bounded memo: presets are immutable);
* an unknown name, or an argument of another type, is an
  :class:`~propmgmt_rules.errors.InputError` naming the argument and listing the known names.

>>> from propmgmt_rules import ownership
>>> resolve_preset("rulebook", " cc ").name
'CC'
>>> try:
...     resolve_preset("rulebook", "XY")
... except InputError as exc:
...     print(exc)
rulebook: unknown rulebook preset; known: CC, SD (got 'XY')
>>> kinds = {"calendar", "complaint_policy", "fee_policy", "repair_policy", "rulebook"}
>>> kinds <= set(preset_kinds())
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from types import MappingProxyType
from typing import Any, Final, TypeVar, overload

from .errors import InputError

__all__ = [
    "MAX_PRESET_NAME_LENGTH",
    "PresetKind",
    "known_preset",
    "preset_kinds",
    "preset_names",
    "presets",
    "register_preset",
    "register_preset_kind",
    "resolve_preset",
]

_T = TypeVar("_T")

MAX_PRESET_NAME_LENGTH: Final = 200
"""Longest preset name, in characters (a calendar's name with its working hours fits)."""

_MEMO_SIZE: Final = 64


@dataclass(slots=True)
class _Entry:
    name: str
    summary: str
    value: Any = None
    factory: Callable[[], Any] | None = None
    built: bool = False


@dataclass(slots=True)
class PresetKind:
    """A kind of setting and its presets: ``kind`` (``calendar``, ``rulebook``, ...), the
    type a preset has, the argument name errors report (``field``), how messages call it
    (``label``), and optionally ``parse``, which reads the names of a pattern (listed as
    ``patterns`` with their summaries) or returns None."""

    kind: str
    type: type[Any]
    field: str
    label: str
    parse: Callable[[str], Any] | None = None
    patterns: dict[str, str] = _field(default_factory=dict)
    entries: dict[str, _Entry] = _field(default_factory=dict)
    aliases: dict[str, str] = _field(default_factory=dict)
    memo: dict[str, Any] = _field(default_factory=dict)

    def known(self) -> str:
        """The known names, as an error lists them."""
        return ", ".join([*(e.name for e in self.entries.values()), *self.patterns])

    def clear(self) -> None:
        """Forget every preset built so far (they are built again when next named)."""
        self.memo.clear()
        for entry in self.entries.values():
            if entry.factory is not None:
                entry.value = None
                entry.built = False


_KINDS: dict[str, PresetKind] = {}


def register_preset_kind(kind: str, type_: type[Any], *, field: str, label: str | None = None,
                         parse: Callable[[str], Any] | None = None,
                         patterns: Mapping[str, str] | None = None) -> PresetKind:
    """Declare a kind of setting (once; declaring it again with the same type changes
    nothing but the pattern reader given)."""
    known = _KINDS.get(kind)
    if known is not None:
        if known.type is not type_:
            raise RuntimeError(f"preset kind {kind!r} is declared for {known.type.__name__}")
        if parse is not None:
            known.parse = parse
            known.patterns.update(patterns or {})
        return known
    got = _KINDS[kind] = PresetKind(kind, type_, field, label or kind.replace("_", " "), parse,
                                    dict(patterns or {}))
    return got


def register_preset(kind: str, name: str, preset: Any = None, *,
                    factory: Callable[[], Any] | None = None, aliases: tuple[str, ...] = (),
                    summary: str = "") -> None:
    """Register ``preset`` (or ``factory``, called once when the preset is first named)
    under ``name`` and ``aliases`` for ``kind``. A name is registered once per kind."""
    k = _KINDS[kind]
    if (preset is None) == (factory is None):
        raise TypeError("give a preset or a factory")
    for key in (name, *aliases):
        low = key.strip().lower()
        owner = k.aliases.get(low)
        if owner is not None and owner != name.strip().lower():
            raise RuntimeError(f"{kind} preset name {key!r} is registered for {owner!r}")
    low = name.strip().lower()
    k.entries[low] = _Entry(name, summary, preset, factory)
    for key in (name, *aliases):
        k.aliases[key.strip().lower()] = low


def preset_kinds() -> Mapping[str, PresetKind]:
    """Every declared kind of setting (read-only)."""
    return MappingProxyType(_KINDS)


def preset_names(kind: str) -> tuple[str, ...]:
    """The names of ``kind``'s presets (then its patterns), in the order registered."""
    k = _kind(kind)
    return (*(e.name for e in k.entries.values()), *k.patterns)


def presets(kind: str) -> Mapping[str, str]:
    """``kind``'s presets and patterns, each with its summary (read-only)."""
    k = _kind(kind)
    return MappingProxyType({**{e.name: e.summary for e in k.entries.values()}, **k.patterns})


def _kind(kind: str) -> PresetKind:
    try:
        return _KINDS[kind]
    except KeyError:
        raise InputError("kind", f"is not a kind of preset; known: {', '.join(_KINDS)}",
                         kind) from None


@overload
def resolve_preset(kind: str, ref: _T, *, field: str | None = None,
                   type_: type[_T]) -> _T: ...
@overload
def resolve_preset(kind: str, ref: Any, *, field: str | None = None) -> Any: ...


def resolve_preset(kind: str, ref: Any, *, field: str | None = None,
                   type_: type[Any] | None = None) -> Any:
    """The setting ``ref`` of ``kind``: the object itself, or the preset it names. An
    unknown name or another type is an :class:`InputError` naming ``field`` (default: the
    kind's argument name) and listing the known names."""
    k = _KINDS.get(kind) or _kind(kind)
    got: Any = None
    if type(ref) is str:  # first: a name is never a setting (and isinstance of a model
        got = k.memo.get(ref)  # class on a string costs a failed attribute lookup)
        if got is not None:  # a name as written, resolved before
            return got
    elif isinstance(ref, k.type):
        return ref
    where = field or k.field
    if not isinstance(ref, str):
        raise InputError(where, f"must be a {k.type.__name__} or the name of a preset "
                         f"({k.known()})", type(ref).__name__)
    if len(ref) > MAX_PRESET_NAME_LENGTH:
        raise InputError(where, f"a preset name is at most {MAX_PRESET_NAME_LENGTH} "
                         "characters")
    key = ref.strip().lower()
    low = k.aliases.get(key)
    if low is not None:
        entry = k.entries[low]
        if not entry.built:
            if entry.factory is not None:
                entry.value = entry.factory()
            entry.built = True
        got = entry.value
    elif k.parse is not None:
        try:
            got = k.parse(ref)
        except InputError as exc:
            raise InputError(where, exc.reason, ref) from None
    if got is None:
        raise InputError(where, f"unknown {k.label} preset; known: {k.known()}", ref)
    if len(k.memo) >= _MEMO_SIZE:
        del k.memo[next(iter(k.memo))]
    k.memo[ref] = got
    return got


def known_preset(kind: str, value: _T) -> _T:
    """``value`` as given, after checking that a name among it names a preset of ``kind``:
    the check of a model's setting field (the name is kept as written, so the model
    round-trips). An unknown name is a ``ValueError`` with the reason only, so that pydantic
    names the field."""
    if isinstance(value, str):
        try:
            resolve_preset(kind, value)
        except InputError as exc:
            raise ValueError(exc.reason) from None
    return value
