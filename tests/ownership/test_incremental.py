"""The incremental book (issue 14 part 1, ``ownership.incremental.LiveBook``): any sequence of
additions answers as the whole book built from scratch (`CC-`, `SD-`, `COM-` rules, by the
engine's own functions); the old book still answers as before; only the new facts are
validated, by the whole book's checks, and a bad one leaves the book as it was."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import (
    CC,
    SD,
    LiveBook,
    Reception,
    RegistrationBook,
    decide_ownership,
    settle,
    split_commission,
)
from propmgmt_rules.ownership.incremental import _Layered
from propmgmt_rules.ownership.models import _LISTS
from propmgmt_rules.ownership.strategies import BOOK_START
from propmgmt_rules.strategies import registration_books

AS_OF = st.sampled_from([BOOK_START + timedelta(days=40), BOOK_START + timedelta(days=200)])


def _json(decisions: list[Any]) -> list[str]:
    return [d.to_json() for d in decisions]


def _facts(book: RegistrationBook) -> list[tuple[str, BaseModel]]:
    return [(name, rec) for name in _LISTS for rec in getattr(book, name)]


def _whole(added: list[tuple[str, BaseModel]]) -> RegistrationBook:
    """The book built from scratch from the facts in the order they were added."""
    lists: dict[str, list[BaseModel]] = {name: [] for name in _LISTS}
    for name, rec in added:
        lists[name].append(rec)
    return RegistrationBook.model_validate({k: [r.model_dump() for r in v]
                                            for k, v in lists.items()})


@settings(max_examples=int(os.environ.get("INCREMENTAL_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(book=registration_books(), rulebook=st.sampled_from([CC, SD]), as_of=AS_OF,
       data=st.data())
def test_any_sequence_of_additions_settles_as_the_whole_book(
        book: RegistrationBook, rulebook: Any, as_of: datetime, data: st.DataObject) -> None:
    """Issue 14: additions in any order and any batches, settled along the way, give
    byte-identical decisions to settling the final book from scratch; every earlier book still
    answers as the whole book it holds."""
    facts = data.draw(st.permutations(_facts(book)))
    start = data.draw(st.integers(0, len(facts)))
    added: list[tuple[str, BaseModel]] = []
    # the starting book: a prefix that is valid on its own (what a whole book refuses is
    # added later)
    first: list[tuple[str, BaseModel]] = []
    rest: list[tuple[str, BaseModel]] = []
    for fact in facts[:start]:
        try:
            _whole([*first, fact])
            first.append(fact)
        except ValidationError:
            rest.append(fact)
    live = LiveBook(_whole(first)) if first else LiveBook()
    added.extend(first)
    live.settle(as_of=as_of, rulebook=rulebook)  # a settlement the next versions reuse
    pending = rest + facts[start:]
    history: list[tuple[LiveBook, list[str]]] = []
    while pending:
        size = data.draw(st.sampled_from([1, 1, 1, 2, 3]))
        batch, pending = pending[:size], pending[size:]
        lists: dict[str, list[BaseModel]] = {}
        for name, rec in batch:
            lists.setdefault(name, []).append(rec)
        try:
            new = live.add(**lists)
        except ValidationError:
            # refused as a whole (a reference to a fact not added yet): one by one, later
            refused = _one_by_one(live, batch, added)
            new = refused[0]
            if len(refused[1]) < len(batch):
                pending.extend(refused[1])
            else:
                continue  # nothing of it fits yet; try it after the rest
        else:
            added.extend(batch)
        if data.draw(st.integers(0, 3)):  # mostly settled: the next version reuses it
            history.append((new, _json(new.settle(as_of=as_of, rulebook=rulebook))))
        live = new
    whole = _whole(added)
    assert _json(live.settle(as_of=as_of, rulebook=rulebook)) == _json(
        settle(whole, as_of=as_of, rulebook=rulebook))
    for old, answered in history:  # the old books still answer as before
        assert _json(old.settle(as_of=as_of, rulebook=rulebook)) == answered
        assert answered == _json(settle(old.book, as_of=as_of, rulebook=rulebook))
        then = old.book
        for client in then.clients():  # asked afresh: their index is as it was
            expected = decide_ownership(then, client, as_of=as_of, rulebook=rulebook)
            assert old.who_owns(client, as_of=as_of, rulebook=rulebook).owners == \
                expected.outcome.owner_ids()
    for client in whole.clients():
        expected = decide_ownership(whole, client, as_of=as_of, rulebook=rulebook)
        assert live.decide(client, as_of=as_of, rulebook=rulebook).to_json() == expected.to_json()
        claim = live.who_owns(client, as_of=as_of, rulebook=rulebook)
        assert claim.owners == expected.outcome.owner_ids()
        assert claim.household == expected.outcome.household
        assert claim.protected_until == expected.outcome.protected_until
        assert claim.escalation == expected.escalation
    for deal in whole.deals:  # as of the book's latest instant, and as of as_of
        assert live.split(deal.id, rulebook=rulebook).to_json() == \
            split_commission(whole, deal.id, rulebook=rulebook).to_json()
        if deal.at <= as_of:
            assert live.split(deal.id, as_of=as_of, rulebook=rulebook).to_json() == \
                split_commission(whole, deal.id, as_of=as_of, rulebook=rulebook).to_json()


def _one_by_one(live: LiveBook, batch: list[tuple[str, BaseModel]],
                added: list[tuple[str, BaseModel]]
                ) -> tuple[LiveBook, list[tuple[str, BaseModel]]]:
    """Add each fact of ``batch`` that fits; the refused ones."""
    refused: list[tuple[str, BaseModel]] = []
    for name, rec in batch:
        try:
            live = live.add(**{name: [rec]})
        except ValidationError:
            refused.append((name, rec))
        else:
            added.append((name, rec))
    return live, refused


def at(text: str) -> str:
    return f"2025-{text[:5]}T{text[6:]}:00+08:00"


def visit(rid: str, client: str, consultant: str, when: str, **more: Any) -> dict[str, Any]:
    return {"id": rid, "client": client, "consultant": consultant, "at": at(when), **more}


def test_cc_6_the_old_book_still_answers_as_before() -> None:
    """`CC-6`: an earlier reception added later changes the new book's owner, not the old
    book's (nothing a holder of the old book sees changes)."""
    old = LiveBook().add(receptions=[visit("R2", "C1", "B", "03-01 15:00")])
    before = _json(old.settle(as_of=at("03-02 00:00"), rulebook=CC))
    new = old.add(receptions=[visit("R1", "C1", "A", "03-01 10:00")])
    assert new.who_owns("C1", as_of=at("03-02 00:00"), rulebook=CC).owners == ("A",)
    assert old.who_owns("C1", as_of=at("03-02 00:00"), rulebook=CC).owners == ("B",)
    assert _json(old.settle(as_of=at("03-02 00:00"), rulebook=CC)) == before
    assert (len(old), len(new)) == (1, 2)
    assert [r.id for r in old.book.receptions] == ["R2"]


def test_a_settlement_again_reuses_the_decisions_of_untouched_households() -> None:
    """A payroll run after a late deal: only the deal's household and the deal are decided
    again; every other decision is the same object (`COM-SPLIT`)."""
    live = LiveBook().add(receptions=[visit(f"R{i}", f"C{i}", "AB"[i % 2], "03-01 10:00")
                                      for i in range(6)])
    first = live.settle(as_of=at("03-31 00:00"), rulebook=SD)
    later = live.add(deals=[{"id": "D1", "buyers": ["C3"], "at": at("03-10 10:00"),
                             "commission": "1000.00"}])
    second = later.settle(as_of=at("03-31 00:00"), rulebook=SD)
    assert _json(second) == _json(settle(later.book, as_of=at("03-31 00:00"), rulebook=SD))
    kept = [d for d in second if d.subject != "client C3" and d.subject != "deal D1"]
    assert all(any(k is f for f in first) for k in kept)
    assert len(kept) == 5
    assert second[-1].outcome.amounts() == {"B": 1000}
    # a front desk in between (questions one by one) does not stop the next payroll run
    # reusing this one's decisions
    desk = later.add(receptions=[visit("R9", "C9", "A", "03-20 10:00")])
    desk.decide("C9", as_of=at("03-21 00:00"), rulebook=SD)
    desk = desk.add(receptions=[visit("R10", "C1", "B", "03-22 10:00")])
    third = desk.settle(as_of=at("03-31 00:00"), rulebook=SD)
    assert _json(third) == _json(settle(desk.book, as_of=at("03-31 00:00"), rulebook=SD))
    assert sum(any(d is s for s in second) for d in third) == len(second) - 1


def test_a_relation_merges_two_settled_households() -> None:
    """`CC-3`: a relation added after a settlement joins two clients into one household."""
    live = LiveBook().add(receptions=[visit("R1", "WIFE", "A", "03-01 10:00"),
                                      visit("R2", "HUSBAND", "B", "03-05 10:00")])
    live.settle(as_of=at("03-20 00:00"), rulebook=CC)
    joined = live.add(relations=[{"id": "L1", "a": "WIFE", "b": "HUSBAND", "kind": "spouse",
                                  "known_at": at("03-08 10:00")}])
    decisions = joined.settle(as_of=at("03-20 00:00"), rulebook=CC)
    assert [d.subject for d in decisions] == ["household HUSBAND+WIFE"]
    assert _json(decisions) == _json(settle(joined.book, as_of=at("03-20 00:00"), rulebook=CC))


def test_cc_4_2_a_late_deal_of_the_old_client_changes_the_new_clients_owner() -> None:
    """`CC-4.2`: the new client brought by OLD depends on OLD's deal; a deal of OLD added after
    a settlement decides the new client again."""
    live = LiveBook().add(receptions=[visit("R1", "OLD", "A", "01-05 10:00"),
                                      visit("R2", "NEW", "B", "03-01 10:00",
                                            context={"brought_by": "OLD"})])
    assert live.settle(as_of=at("03-02 00:00"), rulebook=CC)[0].outcome.owner_ids() == ("B",)
    later = live.add(deals=[{"id": "D1", "buyers": ["OLD"], "at": at("01-20 10:00"),
                             "commission": "9000.00"}])
    assert _json(later.settle(as_of=at("03-02 00:00"), rulebook=CC)) == _json(
        settle(later.book, as_of=at("03-02 00:00"), rulebook=CC))
    assert later.who_owns("NEW", as_of=at("03-02 00:00"), rulebook=CC).owners == ("A",)


def test_cc_4_3_a_departure_decides_every_household_again() -> None:
    """`CC-4.3`: a consultant leaves; their clients go to the successor."""
    live = LiveBook().add(receptions=[visit("R1", "C1", "A", "01-05 10:00"),
                                      visit("R2", "C2", "B", "01-06 10:00")])
    live.settle(as_of=at("03-02 00:00"), rulebook=CC)
    left = live.add(departures=[{"id": "X1", "consultant": "A", "at": at("02-01 18:00"),
                                 "successor": "S"}])
    assert _json(left.settle(as_of=at("03-02 00:00"), rulebook=CC)) == _json(
        settle(left.book, as_of=at("03-02 00:00"), rulebook=CC))
    assert left.who_owns("C1", as_of=at("03-02 00:00"), rulebook=CC).owners == ("S",)


def test_a_front_desk_visitor_nobody_named_is_nobodys_client() -> None:
    live = LiveBook()
    claim = live.who_owns("NEW", as_of=at("03-02 00:00"), rulebook=SD)
    assert (claim.known, claim.owners, claim.owned) == (False, (), False)


def test_a_book_starts_from_a_whole_book_and_shares_its_index() -> None:
    whole = RegistrationBook.model_validate({"receptions": [
        visit("R1", "C1", "A", "03-01 10:00"), visit("R2", "C2", "B", "03-01 11:00")]})
    live = LiveBook(whole)
    assert live.book is whole
    new = live.add(Reception.model_validate(visit("R3", "C3", "A", "03-02 10:00")))
    assert new._idx.relations is live._idx.relations  # untouched tables are shared
    assert new._idx.timelines is not live._idx.timelines
    assert _json(new.settle(as_of=at("03-03 00:00"), rulebook=SD)) == _json(
        settle(new.book, as_of=at("03-03 00:00"), rulebook=SD))


@pytest.mark.parametrize(("facts", "loc", "message"), [
    ({"receptions": [visit("R1", "C9", "A", "03-02 10:00")]}, "receptions[R1].id",
     "duplicate record id"),
    ({"receptions": [{"id": "R7", "client": "C1", "consultant": "A",
                      "at": "2025-03-01T10:00:00"}]}, "receptions[R7].at", "timezone"),
    ({"deals": [{"id": "D1", "buyers": ["C1", "C9"], "at": at("03-10 10:00"),
                 "commission": "1.00"}]}, "deals[D1].buyers[1]", "never appears"),
    ({"deal_changes": [{"id": "K1", "deal": "D9", "at": at("03-10 10:00"),
                        "kind": "unit_change"}]}, "deal_changes[K1].deal", "no such deal"),
    ({"relations": [{"id": "L1", "a": "C1", "b": "C1", "kind": "spouse",
                     "known_at": at("03-10 10:00")}]}, "relations[L1].b", "itself"),
    ({"departures": [{"id": "X1", "consultant": "Z", "at": at("03-10 10:00")}]},
     "departures[X1].consultant", "never appears"),
    ({"departures": [{"id": "X1", "consultant": "A", "at": at("03-01 09:00")}]},
     "receptions[R1].at", "after the departure"),
    ({"deals": [{"id": "D1", "buyers": ["C1"], "at": at("03-10 10:00"),
                 "commission": 100.5}]}, "deals[D1].commission", "never a float"),
])
def test_a_bad_new_fact_names_the_field_and_leaves_the_book_unchanged(
        facts: dict[str, Any], loc: str, message: str) -> None:
    """The whole book's checks (``models.fact_problems``), on the new facts only."""
    live = LiveBook().add(receptions=[visit("R1", "C1", "A", "03-01 10:00")])
    with pytest.raises(ValidationError) as caught:
        live.add(**facts)
    error = caught.value.errors()[0]
    assert ".".join(str(p) for p in error["loc"]) == loc
    assert message in error["msg"]
    with pytest.raises(ValidationError) as whole:  # the whole book says the same
        RegistrationBook.model_validate({
            "receptions": [visit("R1", "C1", "A", "03-01 10:00"),
                           *facts.pop("receptions", [])], **facts})
    assert whole.value.errors()[0]["loc"] == error["loc"]
    assert len(live) == 1
    assert live.who_owns("C1", as_of=at("03-02 00:00"), rulebook=CC).owners == ("A",)


def test_wrong_arguments_are_input_errors_naming_them() -> None:
    live = LiveBook()
    with pytest.raises(InputError, match="visits"):
        live.add(visits=[])
    with pytest.raises(InputError, match="records"):
        live.add("R1")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="book"):
        LiveBook({"receptions": []})  # type: ignore[arg-type]
    with pytest.raises(InputError, match="client_id"):
        live.decide("C1", as_of=at("03-02 00:00"), rulebook=CC)
    with pytest.raises(InputError, match="as_of"):
        live.who_owns("C1", as_of="2025-03-02T00:00:00", rulebook=CC)
    with pytest.raises(InputError, match="rulebook"):
        live.settle(as_of=at("03-02 00:00"), rulebook="VK")
    assert live.add() is live


def test_cc_4_2_the_deal_of_two_buyers_is_credited_through_the_first() -> None:
    """`CC-4.2`: a client brought by the second buyer of a joint deal belongs to the deal's
    consultant, the owner of its first buyer at the deal: an earlier reception of the first
    buyer, added after a settlement, changes who owns the client brought."""
    live = LiveBook().add(
        receptions=[visit("R1", "OLD1", "A", "01-05 10:00"),
                    visit("R2", "OLD2", "A", "01-05 11:00"),
                    visit("R3", "NEW", "B", "03-01 10:00", context={"brought_by": "OLD2"})],
        deals=[{"id": "D1", "buyers": ["OLD1", "OLD2"], "at": at("01-20 10:00"),
                "commission": "9000.00"}])
    assert live.who_owns("NEW", as_of=at("03-02 00:00"), rulebook=CC).owners == ("A",)
    live.settle(as_of=at("03-02 00:00"), rulebook=CC)
    earlier = live.add(receptions=[visit("R0", "OLD1", "K", "01-02 10:00")])
    assert earlier.who_owns("NEW", as_of=at("03-02 00:00"), rulebook=CC).owners == ("K",)
    assert _json(earlier.settle(as_of=at("03-02 00:00"), rulebook=CC)) == _json(
        settle(earlier.book, as_of=at("03-02 00:00"), rulebook=CC))


@settings(deadline=None, max_examples=20)
@given(st.lists(st.tuples(st.integers(0, 1500), st.integers(30, 60), st.integers()),
                min_size=120, max_size=160))
def test_the_persistent_maps_read_as_the_dicts_they_replace(
        runs: list[tuple[int, int, int]]) -> None:
    """``_Layered``: every version reads as a plain dict of its changes over the starting
    table, whatever the merges of its smaller dictionaries into the larger ones; the earlier
    versions are unchanged."""
    base = {k: -k for k in range(0, 1600, 7)}
    versions = [(_Layered(base), dict(base))]
    for start, length, value in runs:  # runs of keys, over and over: merges and overwrites
        items = {k % 1501: value + k for k in range(start, start + length)}
        layered, plain = versions[-1]
        versions.append((layered.set_many(items), {**plain, **items}))
    for layered, plain in versions:
        assert len(layered) == len(plain)
        assert sorted(layered) == sorted(plain)
        assert dict(layered.items()) == plain
        for k in (0, 1, 7, 1500, 1599, 1601):
            assert (k in layered) == (k in plain)
            assert layered.get(k, "none") == plain.get(k, "none")


def test_thousands_of_additions_one_by_one_settle_as_the_whole_book() -> None:
    """Enough additions for every dictionary of the index's persistent maps to fill and merge
    into the next, and for the receptions to run over several chunks (`CC-6`, `CC-9.1`,
    `CC-9.2`, `CC-3`)."""
    start = BOOK_START
    live = LiveBook()
    as_of = start + timedelta(days=400)
    live.settle(as_of=as_of, rulebook=CC)
    for i in range(2600):
        facts: dict[str, list[dict[str, Any]]] = {"receptions": [{
            "id": f"R{i}", "client": f"C{i % 1500}", "consultant": "ABCD"[i % 4],
            "at": start + timedelta(hours=3 * i)}]}
        if i % 97 == 96:
            facts["relations"] = [{"id": f"L{i}", "a": f"C{i % 1500}",
                                   "b": f"C{(i - 1) % 1500}", "kind": "spouse",
                                   "known_at": start + timedelta(hours=3 * i)}]
        live = live.add(**facts)
        if i % 500 == 0:
            live.settle(as_of=as_of, rulebook=CC)
    assert len(live._lists["receptions"]._chunks) == 11
    assert _json(live.settle(as_of=as_of, rulebook=CC)) == _json(
        settle(live.book, as_of=as_of, rulebook=CC))
