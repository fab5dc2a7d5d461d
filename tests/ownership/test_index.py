"""The book's index (``_index``) and what a settlement keeps in its decisions.

The index groups each kind of fact by client without a container per client (``Groups``) and
grows each client's timeline as a tuple; a settlement's decisions keep what they are made of
as atoms and build their outcome when it is first read. These tests check that the grouping
is the plain grouping it replaces (same groups, same order), and that what a decision keeps
holds no container the garbage collector would follow for as long as the decision lives.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.ownership import CC, SD, RegistrationBook, Rulebook, settle
from propmgmt_rules.ownership._index import _SMALL, BookIndex, Groups
from propmgmt_rules.ownership.models import CommissionOutcome, OwnershipOutcome
from propmgmt_rules.ownership.strategies import BOOK_START
from propmgmt_rules.strategies import registration_books

KEYS = st.sampled_from(["C1", "C2", "C3", "C10", ""])


@given(st.lists(st.tuples(KEYS, st.integers())))
def test_groups_are_the_values_of_each_key_in_the_order_given(
        pairs: list[tuple[str, int]]) -> None:
    expected: dict[str, list[int]] = {}
    for k, v in pairs:
        expected.setdefault(k, []).append(v)
    groups = Groups([k for k, _ in pairs], [v for _, v in pairs])
    assert list(groups) == list(expected)  # keys in the order they first appear
    assert len(groups) == len(expected)
    assert bool(groups) == bool(pairs)
    for k in ("C1", "C2", "C3", "C10", "", "other"):
        assert (k in groups) == (k in expected)
        assert groups.get(k) == tuple(expected.get(k, ()))
    assert groups.get("other", ("default",)) == ("default",)


@given(st.lists(st.tuples(KEYS, st.integers())))
def test_groups_by_a_key_function_are_the_same_groups(pairs: list[tuple[str, int]]) -> None:
    by = Groups.by(pairs, lambda p: (p[0],))
    for k in ("C1", "C2", "C3", "C10", ""):
        assert by.get(k) == tuple(p for p in pairs if p[0] == k)
    # a record with several keys is in the group of each (a relation: both its clients)
    both = Groups.by(pairs, lambda p: (p[0], "all"))
    assert both.get("all") == tuple(pairs)
    assert both.get("C1") == by.get("C1")


def _reception(i: int, client: str, minutes: int, consultant: str) -> dict[str, Any]:
    return {"id": f"R{i:03d}", "client": client, "consultant": consultant,
            "at": BOOK_START + timedelta(minutes=minutes), "channel": "in_person"}


@settings(max_examples=60)
@given(st.lists(st.tuples(st.sampled_from(["C1", "C2", "C3"]), st.integers(0, 5_000),
                          st.sampled_from(["A", "B"])),
                min_size=1, max_size=3 * _SMALL + 5))
def test_a_timeline_is_the_clients_receptions_by_instant_then_id(
        rows: list[tuple[str, int, str]]) -> None:
    """Whatever the number of receptions of a client (a tuple grown one by one up to
    ``_SMALL``, a list after), its timeline is its receptions sorted by (instant, id)."""
    book = RegistrationBook.model_validate(
        {"receptions": [_reception(i, c, m, who) for i, (c, m, who) in enumerate(rows)]})
    idx = BookIndex.build(book)
    expected: dict[str, list[tuple[datetime, str, str]]] = defaultdict(list)
    for r in book.receptions:
        expected[r.client].append((r.at.astimezone(UTC), r.id, r.consultant))
    assert list(idx.timelines) == list(expected)
    for client, visits in expected.items():
        assert [(v[0], v[1], v[3]) for v in idx.timelines[client]] == sorted(visits)


def test_a_client_with_many_receptions_has_them_all_in_order() -> None:
    """Past ``_SMALL`` receptions a timeline continues in a list (no copy per reception)."""
    n = 5 * _SMALL
    book = RegistrationBook.model_validate(
        {"receptions": [_reception(i, "C1", (n - i) * 60, "A") for i in range(n)]})
    timeline = BookIndex.build(book).timelines["C1"]
    assert [v[1] for v in timeline] == [f"R{i:03d}" for i in reversed(range(n))]


_ATOMS = (type(None), bool, int, str, Decimal, datetime)


def _atoms_only(value: Any) -> bool:
    """A value the collector can stop following: an atom, a zone, or a tuple of those."""
    if isinstance(value, tuple):
        return all(_atoms_only(x) for x in value)
    # exact types: a str subclass (an enum member) is an object the collector follows
    return type(value) in _ATOMS or isinstance(value, tzinfo)


@settings(max_examples=80)
@given(registration_books(max_clients=8, max_receptions=20), st.sampled_from([CC, SD]),
       st.integers(0, 200))
def test_a_settlement_keeps_atoms_and_reads_no_outcome(book: RegistrationBook, rb: Rulebook,
                                                       days: int) -> None:
    """Each decision of a settlement keeps its facts, lines and outcome as atoms (no model,
    list, dict or set), builds its outcome only when it is read, and that outcome is the
    outcome of the same decision read in full."""
    as_of = BOOK_START + timedelta(days=days, hours=9)
    for d in settle(book, as_of=as_of, rulebook=rb):
        kept = {name: object.__getattribute__(d, name) for name in ("_facts", "_lines", "_atoms")}
        assert object.__getattribute__(d, "_outcome") is not None  # not read by settle
        assert all(_atoms_only(v) for v in kept.values()), kept
        outcome = d.outcome
        assert isinstance(outcome, OwnershipOutcome | CommissionOutcome)
        assert d.model_dump()["outcome"] == outcome.model_dump()
        assert type(d).model_validate_json(d.to_json()) == d


@settings(max_examples=40)
@given(registration_books(max_clients=8, max_receptions=20), st.sampled_from([CC, SD]))
def test_a_settlement_leaves_no_cyclic_garbage(book: RegistrationBook, rb: Rulebook) -> None:
    """Everything a settlement makes and drops is freed as it is dropped: a caller may set
    the collector aside around a large settlement (docs/performance.md) and lose nothing."""
    import gc

    as_of = BOOK_START + timedelta(days=120)
    settle(book, as_of=as_of, rulebook=rb)  # compile what is compiled once, outside the count
    enabled = gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        decisions = settle(book, as_of=as_of, rulebook=rb)
        written = [d.to_json() for d in decisions]  # and what reading them writes
        del decisions
        gc.collect()
        garbage = list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if enabled:
            gc.enable()
    assert garbage == []
    assert written
