"""Bounded memos: what a pure function gave for a key, kept so that a batch or a stream works
each answer out once, and bounded so that memory stops growing (no input makes one grow
without end).

:class:`Memo` starts again when full (what it held is worked out again if needed);
:class:`FirstKept` keeps what it holds once full. A key made of an object's ``id()`` must
keep the object in the value: while the entry lives the object does, so no other object
can have its id.

>>> m: Memo[str, int] = Memo(2)
>>> m.put("a", 1), m.get("a"), m.get("b")
(1, 1, None)
>>> _ = m.put("b", 2); _ = m.put("c", 3)  # full: it starts again
>>> sorted(m.items)
['c']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["FirstKept", "Memo"]

_K = TypeVar("_K")
_V = TypeVar("_V")


class Memo(Generic[_K, _V]):
    """What a function gave for a key, at most ``limit`` entries: past them it starts
    again. ``get`` is the dict's own (a lookup costs what a dict's does)."""

    __slots__ = ("get", "items", "limit")

    def __init__(self, limit: int) -> None:
        self.items: dict[_K, _V] = {}
        self.get: Callable[[_K], _V | None] = self.items.get
        self.limit = limit

    def put(self, key: _K, value: _V) -> _V:
        """Keep ``value`` for ``key`` (the memo emptied first when full); ``value``."""
        if len(self.items) >= self.limit:
            self.items.clear()
        self.items[key] = value
        return value

    def clear(self) -> None:
        """Forget every entry."""
        self.items.clear()


class FirstKept(Memo[_K, _V]):
    """A memo that, once full, keeps the entries it holds and adds no more: in a stream the
    kinds seen first are the common ones, so a full memo still answers most lookups, and its
    memory stops growing when it fills. After as many misses as it holds (the stream has
    changed) it starts again."""

    __slots__ = ("misses",)

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.misses = 0

    def put(self, key: _K, value: _V) -> _V:
        items = self.items
        if len(items) < self.limit:
            items[key] = value
            return value
        self.misses += 1
        if self.misses >= self.limit:
            items.clear()
            self.misses = 0
            items[key] = value
        return value
