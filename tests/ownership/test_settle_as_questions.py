"""A payroll run and single questions decide alike: every decision of ``settle`` (one context
shared by the whole run: its memos, its shared tuples and share models) is the decision a
single question gives (its own context), to the last fact set aside and the last word of the
explanation, on generated books under both rulebooks and custom ones and at several instants:
books of mostly plain receptions (the timelines the one reading reads without their records),
books with every kind of fact, and households (`CC-3`; `SD-7.4`: spouses who share, or not;
owners who leave)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.ownership import (
    CC,
    SD,
    OwnershipDecision,
    RegistrationBook,
    Rulebook,
    decide_ownership,
    settle,
    split_commission,
)
from propmgmt_rules.ownership.strategies import BOOK_START, _at
from propmgmt_rules.strategies import registration_books

RULEBOOKS = st.sampled_from([
    CC, SD,
    CC.derive(name="X", window="10 days", window_anchor="owner_last_reception",
              household="spouses_share", enable=["SD-7.2"]),
    SD.derive(name="Y", window="2 months", household="first_reception", disable=["SD-7.2"]),
])
AS_OF = st.integers(0, 200).map(lambda days: BOOK_START + timedelta(days=days, hours=9))
CHECK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plain_books(draw: st.DrawFn) -> RegistrationBook:
    """Books of mostly plain clients: the receptions of a generated book without their
    context, with its relations, deals and departures (but no referral, request or
    recognition): timelines the reading reads from their atoms alone."""
    data: dict[str, Any] = draw(registration_books(max_clients=8, max_receptions=20)).model_dump()
    for r in data["receptions"]:
        if draw(st.integers(0, 9)) > 0:
            r["context"] = None
    for name in ("recognitions", "change_requests", "staff_referrals", "company_referrals",
                 "introductions"):
        data[name] = []
    return RegistrationBook.model_validate(data)


@st.composite
def household_books(draw: st.DrawFn) -> RegistrationBook:
    """Books of a few plain clients, most of them related (spouses, parents and children,
    relations known before or after their receptions, or after ``as_of``), received by few
    consultants (spouses often by the same one), some only by phone or unverified (a member
    with no counted reception), with deals of the members and sometimes a departure: the
    households of `CC-3` and `SD-7.4`."""
    clients = [f"C{i}" for i in range(draw(st.integers(2, 5)))]
    consultants = ("A", "B", "C")[:draw(st.integers(1, 3))]
    minute = st.integers(0, 180 * 24 * 60)
    receptions: list[dict[str, Any]] = []
    for i in range(draw(st.integers(2, 14))):
        r: dict[str, Any] = {"id": f"R{i}", "client": clients[i] if i < len(clients) else
                             draw(st.sampled_from(clients)),
                             "consultant": draw(st.sampled_from(consultants)),
                             "at": _at(draw(minute))}
        channel = draw(st.integers(0, 6))
        if channel == 0:
            r["channel"] = "phone"
        elif channel == 1:
            r["verified"] = False
        receptions.append(r)
    seen = sorted({r["client"] for r in receptions})
    relations = []
    for i in range(draw(st.integers(1, 3)) if len(seen) >= 2 else 0):
        a, b = draw(st.lists(st.sampled_from(seen), min_size=2, max_size=2, unique=True))
        relations.append({"id": f"L{i}", "a": a, "b": b,
                          "kind": draw(st.sampled_from(["spouse", "spouse", "parent_child"])),
                          "known_at": _at(draw(st.integers(0, 240 * 24 * 60)))})
    late = st.integers(120 * 24 * 60, 180 * 24 * 60)  # a deal after most receptions
    deals = []
    for i in range(draw(st.integers(0, 3))):
        buyers = [draw(st.sampled_from(seen))]
        if draw(st.integers(0, 4)) == 0:
            buyers = draw(st.lists(st.sampled_from(seen), min_size=2, max_size=2, unique=True))
        deals.append({"id": f"D{i}", "buyers": buyers, "at": _at(draw(minute | late)),
                      "commission": Decimal(draw(st.integers(1, 10**7))) / 100,
                      "arranged_by_company": draw(st.integers(0, 5)) == 0})
    departures = []
    if draw(st.booleans()):  # an owner leaves soon after their last reception
        who = draw(st.sampled_from(sorted({r["consultant"] for r in receptions})))
        last = max(r["at"] for r in receptions if r["consultant"] == who)
        departures.append({"id": "Z0", "consultant": who,
                           "at": last + timedelta(minutes=draw(st.integers(1, 20 * 24 * 60))),
                           "successor": draw(st.sampled_from([*consultants, "E", None]))})
    return RegistrationBook.model_validate({"receptions": receptions, "relations": relations,
                                            "deals": deals, "departures": departures})


def _alike(book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    """``settle`` decides every household and deal as the single questions do."""
    run = settle(book, as_of=as_of, rulebook=rb)
    again = settle(book, as_of=as_of, rulebook=rb)
    assert [d.to_json() for d in run] == [d.to_json() for d in again]
    by_subject = {d.subject: d for d in run}
    for d in run:
        if isinstance(d, OwnershipDecision):
            members = d.outcome.household
            one = decide_ownership(book, members[0], as_of=as_of, rulebook=rb)
        else:
            one = split_commission(book, d.outcome.deal, as_of=as_of, rulebook=rb)
        assert one == by_subject[one.subject]
        assert one.to_json() == d.to_json()


@CHECK
@given(plain_books(), RULEBOOKS, AS_OF)
def test_a_settlement_decides_plain_timelines_as_single_questions_do(
        book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    _alike(book, rb, as_of)


@CHECK
@given(registration_books(), RULEBOOKS, AS_OF)
def test_a_settlement_decides_as_single_questions_do_among_every_kind_of_fact(
        book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    _alike(book, rb, as_of)


@CHECK
@given(household_books(), RULEBOOKS, AS_OF)
def test_a_settlement_decides_households_as_single_questions_do(
        book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    _alike(book, rb, as_of)


def _book(receptions: list[tuple[str, str, int]], *, known_day: int = 0,
          kind: str = "spouse", deal_day: int | None = None,
          left: tuple[str, int, str | None] | None = None) -> RegistrationBook:
    """Spouses C1 and C2: receptions (client, consultant, day), their relation known on
    ``known_day``, a deal of C1's on ``deal_day``, a consultant who ``left`` (who, day,
    successor)."""
    return RegistrationBook.model_validate({
        "departures": [] if left is None else [
            {"id": "Z1", "consultant": left[0], "at": _at(left[1] * 24 * 60),
             "successor": left[2]}],
        "receptions": [{"id": f"R{i}", "client": c, "consultant": who,
                        "at": _at(day * 24 * 60 + 600 + i),
                        **({"channel": "phone"} if who == "phone" else {})}
                       for i, (c, who, day) in enumerate(receptions)],
        "relations": [{"id": "L1", "a": "C1", "b": "C2", "kind": kind,
                       "known_at": _at(known_day * 24 * 60)}],
        "deals": [] if deal_day is None else [
            {"id": "D1", "buyers": ["C1"], "at": _at(deal_day * 24 * 60 + 900),
             "commission": "1000.01"}]})


@pytest.mark.parametrize(("book", "owners"), [
    # received separately before the deal and before the relation was known: they share
    (_book([("C1", "A", 1), ("C2", "B", 3)], known_day=5, deal_day=8), "A 1/2 / B 1/2"),
    # both by the same consultant: one owner
    (_book([("C1", "A", 1), ("C2", "A", 3)], known_day=5, deal_day=8), "A"),
    # C2 first received after the relation was known: the earlier registration wins
    (_book([("C1", "A", 1), ("C2", "B", 6)], known_day=5, deal_day=8), "A"),
    # C2 first received after the deal
    (_book([("C1", "A", 1), ("C2", "B", 9)], known_day=20, deal_day=8), "A"),
    # C2 only enquired by phone: no claim of their own
    (_book([("C1", "A", 1), ("C2", "phone", 3)], known_day=5, deal_day=8), "A"),
    # C2's own claim lapsed and was taken anew by another consultant
    (_book([("C2", "B", 1), ("C1", "A", 2), ("C2", "C", 150)], known_day=170), "A 1/2 / C 1/2"),
    # one of the joint owners left before the deal: their successor takes over their share
    (_book([("C1", "A", 1), ("C2", "B", 3)], known_day=5, deal_day=8, left=("B", 6, "C")),
     "A 1/2 / C 1/2"),
    # ... the other joint owner: one consultant owns it all
    (_book([("C1", "A", 1), ("C2", "B", 3)], known_day=5, deal_day=8, left=("B", 9, "A")),
     "A"),
    # the sole owner left: their successor
    (_book([("C1", "A", 1), ("C2", "A", 3)], known_day=5, deal_day=8, left=("A", 9, "B")),
     "B"),
])
def test_sd_7_4_spouses_of_plain_receptions(book: RegistrationBook, owners: str) -> None:
    as_of = BOOK_START + timedelta(days=175)
    decision = decide_ownership(book, "C1", as_of=as_of, rulebook=SD)
    assert decision.outcome.household == ("C1", "C2")
    assert " / ".join(f"{s.party} {s.share}" if len(decision.outcome.owners) > 1 else s.party
                      for s in decision.outcome.owners) == owners
    assert (decide_ownership(book, "C2", as_of=as_of, rulebook=SD).outcome.owners
            == decision.outcome.owners)
    _alike(book, SD, as_of)
    _alike(book, CC, as_of)


def test_sd_7_4_a_joint_owner_who_left_with_no_successor_is_an_escalation() -> None:
    book = _book([("C1", "A", 1), ("C2", "B", 3)], known_day=5, deal_day=8, left=("B", 6, None))
    as_of = BOOK_START + timedelta(days=175)  # B owns a share of the spouses (SD-7.4)
    decision = decide_ownership(book, "C1", as_of=as_of, rulebook=SD)
    assert decision.escalation is not None
    assert decision.outcome.owners == ()
    assert split_commission(book, "D1", as_of=as_of, rulebook=SD).escalation is not None
    _alike(book, SD, as_of)


def test_sd_7_4_parents_and_children_are_no_household_under_sd() -> None:
    book = _book([("C1", "A", 1), ("C2", "B", 3)], known_day=5, kind="parent_child")
    decision = decide_ownership(book, "C1", as_of=BOOK_START + timedelta(days=10), rulebook=SD)
    assert decision.outcome.household == ("C1",)
    assert [f.fact for f in decision.facts_set_aside] == ["relation:L1"]
