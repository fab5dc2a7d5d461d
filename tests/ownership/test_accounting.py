"""Every fact of the book that concerns a client or its household appears in that client's
decision, used or set aside with a reason (issue 11, item 2): a decision never drops a fact
silently, so whoever reads one client's decision sees everything the book says about them.

What "concerns" a household, for a decision about members M:

* a reception of a member, or a viewing on a member's behalf (`CC-10.1`, `CC-10.2`);
* a relation of a member; a recognition, change request, company or staff referral or
  introduction naming a member as the client;
* a deal a member bought, a change of such a deal (or a swap with it), a rename to a member;
* the departure of a consultant who received a member.
"""

from __future__ import annotations

from datetime import timedelta

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
)
from propmgmt_rules.ownership.strategies import BOOK_START
from propmgmt_rules.strategies import registration_books

from .helpers import book, rec, t

RULEBOOKS = st.sampled_from([
    CC, SD, CC.derive(name="X", household="spouses_share", enable=["SD-7.2", "SD-6.1.2"]),
    SD.derive(name="Y", household="first_reception", enable=["CC-10.1", "CC-10.2", "CC-4.2"]),
])
CHECK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def concerning(book: RegistrationBook, members: tuple[str, ...]) -> set[str]:
    """The facts of ``book`` that concern the household ``members`` (see the module)."""
    m = set(members)
    out: set[str] = set()
    for r in book.receptions:
        if r.client in m or (r.context is not None and r.context.proxy_for in m):
            out.add(f"reception:{r.id}")
    out |= {f"relation:{x.id}" for x in book.relations if {x.a, x.b} & m}
    for name, kind in (("recognitions", "recognition"), ("change_requests", "change_request"),
                       ("company_referrals", "company_referral"),
                       ("staff_referrals", "staff_referral"), ("introductions", "introduction")):
        out |= {f"{kind}:{x.id}" for x in getattr(book, name) if x.client in m}
    bought = {d.id for d in book.deals if set(d.buyers) & m}
    out |= {f"deal:{d}" for d in bought}
    out |= {f"deal_change:{c.id}" for c in book.deal_changes
            if c.deal in bought or c.swapped_with in bought or set(c.new_buyers) & m}
    receivers = {r.consultant for r in book.receptions if r.client in m}
    out |= {f"departure:{x.id}" for x in book.departures if x.consultant in receivers}
    return out


def _accounted(d: OwnershipDecision) -> set[str]:
    return {f.fact for f in (*d.facts_used, *d.facts_set_aside)}


@CHECK
@given(registration_books(), RULEBOOKS, st.integers(0, 200))
def test_every_fact_about_a_household_is_in_its_decision(book: RegistrationBook, rb: Rulebook,
                                                         days: int) -> None:
    as_of = BOOK_START + timedelta(days=days, hours=9)
    for d in settle(book, as_of=as_of, rulebook=rb):
        if isinstance(d, OwnershipDecision):
            missing = concerning(book, d.outcome.household) - _accounted(d)
            assert not missing, (d.subject, missing)


def test_cc_10_a_proxy_viewing_that_does_not_decide_is_set_aside_in_the_buyers_decision() -> None:
    """CC-10.2: the buyer came alone and C received them; the viewing by PROXY on their behalf
    (R1) did not decide, and the buyer's decision says so (it used to vanish)."""
    b = book(receptions=[rec("R1", "PROXY", "A", "2025-03-01 10:00", proxy_for="BUYER"),
                         rec("R2", "BUYER", "C", "2025-03-08 10:00")])
    d = decide_ownership(b, "BUYER", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert d.outcome.owner_ids() == ("C",)
    aside = {f.fact: f for f in d.facts_set_aside}
    assert aside["reception:R1"].rule == "CC-10.2"
    # registered before the viewing: CC-10.1 does not apply either, and is named
    b = book(receptions=[rec("R0", "BUYER", "C", "2025-02-01 10:00"),
                         rec("R1", "PROXY", "A", "2025-03-01 10:00", proxy_for="BUYER"),
                         rec("R2", "BUYER", "C", "2025-03-08 10:00", brought_by="PROXY")])
    d = decide_ownership(b, "BUYER", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert d.outcome.owner_ids() == ("C",)
    assert {f.fact: f.rule for f in d.facts_set_aside}["reception:R1"] == "CC-10.1"
