"""The bounded memos (`propmgmt_rules._memo`): what they hold, and that they stay bounded."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules._memo import FirstKept, Memo


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.integers(0, 30), max_size=200), limit=st.integers(1, 8))
def test_a_memo_starts_again_when_full(keys: list[int], limit: int) -> None:
    """`Memo` against a model of it: at most ``limit`` entries; a key put into a full memo
    is the only one it holds after; what it answers is the value put for the key."""
    memo: Memo[int, str] = Memo(limit)
    held: dict[int, str] = {}
    for k in keys:
        got = memo.get(k)
        assert got == held.get(k)
        if got is None:
            assert memo.put(k, f"v{k}") == f"v{k}"
            if len(held) >= limit:
                held = {}
            held[k] = f"v{k}"
        assert memo.items == held
        assert len(memo.items) <= limit


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(st.integers(0, 30), max_size=200), limit=st.integers(1, 8))
def test_a_full_memo_of_kinds_keeps_the_first_kinds_and_starts_again_after_as_many_misses(
    keys: list[int], limit: int
) -> None:
    """`FirstKept` against a model of it: it holds at most ``limit`` entries; once full it
    adds none and keeps what it holds, until ``limit`` misses, when it starts again with the
    key that missed. What it answers is always the value put for the key."""
    memo: FirstKept[int, str] = FirstKept(limit)
    held: dict[int, str] = {}
    misses = 0
    for k in keys:
        got = memo.get(k)
        assert got == held.get(k)
        if got is None:
            assert memo.put(k, f"v{k}") == f"v{k}"
            if len(held) < limit:
                held[k] = f"v{k}"
            else:
                misses += 1
                if misses == limit:
                    held, misses = {k: f"v{k}"}, 0
        assert memo.items == held
        assert len(memo.items) <= limit
