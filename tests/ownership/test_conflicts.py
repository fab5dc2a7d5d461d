"""Conflicts always escalate (`CC-11`, `SD-7.7`; issue 11, item 1): when two specific rules
that give different owners or different shares of the commission both hold for one client or
one deal, the decision is an escalation naming both, never a silent pick.

The pairs, audited (docs/ownership.md, "When the rules do not settle the case"):

* the consultant side of a new client's first reception: `CC-4.2` / `CC-4.3` (a past buyer
  brought them), `CC-10.1` (the proxy brought the buyer), `SD-5.1` (named before reception),
  `SD-7.5.B` (an old client brought them and asked for a consultant), `SD-7.5.A` (announced
  in advance), `SD-6.1.2` (an executive designated the receiver): different consultants
  conflict;
* the parties paid off the top: `SD-6.1.2` (the company pool) and `SD-6.2.5` (a staff
  introducer) conflict; a company client (`SD-6.1.1`) that is also a staff referral
  conflicts; at the deal, `SD-6.1.2` and the company client's rule (`SD-6.1.3` to
  `SD-6.1.5`) conflict when their shares differ;
* a household: under `CC-3` another member's first visit that a specific rule gives to
  someone else (or that pays the pool), under `SD-7.4` a member received after the household's
  first registration whom a specific rule gives to someone else;
* compatible by design (`COM-SPLIT`): an off-the-top party with any consultant side (a staff
  introducer's 30% and spouses sharing the rest, `SD-6.2.5` with `SD-7.4`).
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.ownership import (
    CC,
    POOL,
    SD,
    RegistrationBook,
    Rulebook,
    decide_ownership,
    split_commission,
)

from .helpers import amounts, book, deal, rec, split, spouses, t

EVERYTHING = SD.derive(name="SD+CC-4", enable=["CC-4.2", "CC-4.3", "CC-10.1"])
RULEBOOKS = [CC, SD, CC.derive(name="CC+SD-6.1.2", enable=["SD-6.1.2"]), EVERYTHING,
             CC.derive(name="CC+SD-5", enable=["SD-5.1", "SD-6.1.2", "SD-6.2.1", "SD-6.2.3",
                                               "SD-6.2.5", "SD-7.5.A"])]


@st.composite
def first_receptions(draw: st.DrawFn) -> tuple[RegistrationBook, Rulebook, dict[str, Any]]:
    """A new client NEW received by Z on 1 Mar, with any mix of what makes a specific rule
    hold: brought by OLD (a past buyer of A, who may have left for S) or by PROXY (who viewed
    for NEW with P), asking for a consultant, an executive's designation, an introduction
    announced to Y, a staff referral, a company referral; and a deal of NEW on 5 Mar."""
    rb = draw(st.sampled_from(RULEBOOKS))
    brought = draw(st.sampled_from([None, "OLD", "PROXY"]))
    asked = draw(st.sampled_from([None, "Z", "A", "S", "Y", "P", "N"]))
    designated = draw(st.booleans())
    left = draw(st.booleans())
    intro = draw(st.booleans())
    staff = draw(st.booleans())
    company = draw(st.booleans())
    arranged = draw(st.sampled_from([None, "consultant", "other_staff"]))
    context: dict[str, Any] = {}
    if brought:
        context["brought_by"] = brought
    if asked:
        context["asked_for"] = asked
    if designated:
        context["designated_by_executive"] = True
    receptions = [rec("R0", "OLD", "A", "2025-01-05 10:00"),
                  rec("R1", "PROXY", "P", "2025-02-10 10:00", proxy_for="NEW"),
                  rec("R2", "NEW", "Z", "2025-03-01 10:00", **context)]
    facts: dict[str, Any] = {
        "receptions": receptions,
        "deals": [deal("D0", "OLD", "2025-01-20 10:00"),
                  deal("D1", "NEW", "2025-03-05 10:00",
                       **({"arranged_by_company": True, "after_sales_role": arranged,
                           "after_sales_by": "Z"} if arranged else {}))]}
    if left:
        facts["departures"] = [{"id": "X1", "consultant": "A", "at": t("2025-02-01 18:00"),
                                "successor": "S"}]
    if intro:
        facts["introductions"] = [{"id": "I1", "client": "NEW", "by_client": "OLD",
                                   "consultant": "Y", "at": t("2025-02-27 09:00")}]
    if staff:
        facts["staff_referrals"] = [{"id": "S1", "client": "NEW", "introducer": "CLERK",
                                     "registered_at": t("2025-02-25 10:00"),
                                     "agreed_date": "2025-03-01", "confirmed": True,
                                     "signed": True}]
    if company:
        facts["company_referrals"] = [{"id": "K1", "client": "NEW", "at": t("2025-02-20 10:00")}]
    world = {"brought": brought, "asked": asked, "designated": designated, "left": left,
             "intro": intro, "staff": staff, "company": company, "arranged": arranged}
    return book(**facts), rb, world


def claims(rb: Rulebook, w: dict[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """What each specific rule that holds says, read from the catalog's wording: the
    consultant it gives NEW to (by its defining rule), and the party it pays off the top."""
    on = rb.rules.__contains__
    owner: dict[str, str] = {}
    paid: dict[str, str] = {}
    if w["brought"] == "OLD" and on("CC-4.2"):  # OLD bought D0 with A
        if not w["left"]:
            owner["CC-4.2"] = "A"
        elif on("CC-4.3"):
            owner["CC-4.3"] = "S"
    if w["brought"] == "PROXY" and on("CC-10.1"):
        owner["CC-10.1"] = "P"
    if w["asked"] and on("SD-5.1"):
        owner["SD-7.5.B" if w["brought"] and on("SD-7.5.B") else "SD-5.1"] = w["asked"]
    if w["intro"] and on("SD-7.5.A"):
        owner["SD-7.5.A"] = "Y"
    if w["designated"] and on("SD-6.1.2"):
        owner["SD-6.1.2"] = "Z"
        paid["SD-6.1.2"] = POOL
    if w["staff"] and on("SD-6.2.1") and on("SD-6.2.5"):
        paid["SD-6.2.5"] = "CLERK"
    return owner, paid


def _in_conflict(owner: dict[str, str], paid: dict[str, str]) -> set[str]:
    out: set[str] = set()
    if len(set(owner.values())) > 1:
        out |= set(owner)
    if len(paid) > 1:
        out |= set(paid)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first_receptions())
def test_two_specific_rules_that_disagree_always_escalate_naming_both(
        world: tuple[RegistrationBook, Rulebook, dict[str, Any]]) -> None:
    b, rb, w = world
    owner, paid = claims(rb, w)
    conflict = _in_conflict(owner, paid)
    company = w["company"] and rb.rules >= {"SD-6.1.1"}
    if company and w["staff"] and "SD-6.2.5" in paid:
        conflict |= {"SD-6.1.1", "SD-6.2.5"}
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=rb)
    if conflict:
        assert d.escalation is not None, (owner, paid, d.explanation.en)
        assert conflict <= set(d.escalation.rules), (conflict, d.escalation.rules)
        assert not d.outcome.owners
    # at the deal, the company client's rule against the designation's pool too
    c = split_commission(b, "D1", rulebook=rb)
    if company and "SD-6.1.2" in paid:
        rule = {None: "SD-6.1.3", "consultant": "SD-6.1.4",
                "other_staff": "SD-6.1.5"}[w["arranged"]]
        if rule != "SD-6.1.5":  # 6.1.5 pays all to the pool as 6.1.2 does: they agree
            conflict |= {rule, "SD-6.1.2"}
    if conflict:
        assert c.escalation is not None, (owner, paid, c.explanation.en)
        assert conflict <= set(c.escalation.rules), (conflict, c.escalation.rules)
        assert not c.outcome.lines


def test_sd_7_5_b_and_sd_6_1_2_an_old_client_asks_for_a_while_an_executive_designated_z(
) -> None:
    """SD-7.5.B gives the client to A; SD-6.1.2 makes Z's reception a duty reception and pays
    the whole commission to the pool: both cannot hold, SD-7.7 (issue 11's example)."""
    b = book(receptions=[rec("R0", "OLD", "A", "2025-01-05 10:00"),
                         rec("R1", "NEW", "Z", "2025-03-01 10:00", brought_by="OLD",
                             asked_for="A", designated_by_executive=True)],
             deals=[deal("D1", "NEW", "2025-03-05 10:00")])
    for d in (decide_ownership(b, "NEW", as_of=t("2025-03-06 00:00"), rulebook=SD),
              split(b, "D1", SD)):
        assert d.escalation is not None
        assert {"SD-7.5.B", "SD-6.1.2", "SD-7.7"} <= set(d.escalation.rules)
        assert d.escalation.to == "project_manager"
        assert "A before being received" in d.escalation.reason.en
        assert "company pool" in d.escalation.reason.en
        assert "公佣" in d.escalation.reason.zh


def test_cc_4_2_and_sd_6_1_2_in_a_custom_rulebook_escalate_to_the_manager() -> None:
    rb = CC.derive(name="XY", enable=["SD-6.1.2"])
    b = book(receptions=[rec("R0", "OLD", "A", "2025-01-05 10:00"),
                         rec("R1", "NEW", "B", "2025-03-01 10:00", brought_by="OLD",
                             designated_by_executive=True)],
             deals=[deal("D0", "OLD", "2025-01-20 10:00"), deal("D1", "NEW", "2025-03-05 10:00")])
    d = split(b, "D1", rb)
    assert d.escalation is not None
    assert d.escalation.rules == ("CC-4.2", "SD-6.1.2", "CC-11")
    assert d.outcome.lines == ()


def test_sd_6_1_2_alone_pays_the_pool_and_agrees_with_a_client_who_named_the_receiver() -> None:
    """No conflict: the client named Z (SD-5.1) and an executive designated Z (SD-6.1.2)."""
    b = book(receptions=[rec("R1", "NEW", "Z", "2025-03-01 10:00", asked_for="Z",
                             designated_by_executive=True)],
             deals=[deal("D1", "NEW", "2025-03-05 10:00", "9999.99")])
    d = split(b, "D1", SD)
    assert d.escalation is None
    assert [(ln.party, ln.rule) for ln in d.outcome.lines] == [(POOL, "SD-6.1.2")]


def test_sd_6_2_5_and_sd_6_1_2_a_staff_referral_designated_by_an_executive_escalates() -> None:
    b = book(staff_referrals=[{"id": "S1", "client": "NEW", "introducer": "CLERK",
                               "registered_at": t("2025-02-25 10:00"),
                               "agreed_date": "2025-03-01", "confirmed": True, "signed": True}],
             receptions=[rec("R1", "NEW", "Z", "2025-03-01 10:00",
                             designated_by_executive=True)],
             deals=[deal("D1", "NEW", "2025-03-05 10:00")])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.escalation is not None
    assert {"SD-6.1.2", "SD-6.2.5"} <= set(d.escalation.rules)
    assert "different shares" in d.escalation.reason.en


def test_sd_6_1_3_and_sd_6_1_2_a_company_client_designated_by_an_executive_escalates() -> None:
    b = book(company_referrals=[{"id": "K1", "client": "VIP", "at": t("2025-02-20 10:00")}],
             receptions=[rec("R1", "VIP", "A", "2025-03-01 10:00",
                             designated_by_executive=True)],
             deals=[deal("D1", "VIP", "2025-03-10 10:00")])
    d = split(b, "D1", SD)
    assert d.escalation is not None
    assert {"SD-6.1.3", "SD-6.1.2"} <= set(d.escalation.rules)
    # arranged by the company, other staff after the sale (SD-6.1.5: all to the pool): agree
    b = book(company_referrals=[{"id": "K1", "client": "VIP", "at": t("2025-02-20 10:00")}],
             receptions=[rec("R1", "VIP", "A", "2025-03-01 10:00",
                             designated_by_executive=True)],
             deals=[deal("D1", "VIP", "2025-03-10 10:00", arranged_by_company=True,
                         after_sales_role="other_staff")])
    assert amounts(split(b, "D1", SD)) == {POOL: "10000.00"}


def test_cc_3_and_cc_4_2_a_member_brought_by_a_past_buyer_of_someone_else_escalates() -> None:
    """CC-3: WIFE's first reception (B) owns the household; HUSBAND was brought in person by
    OLD, a past buyer of A (CC-4.2): the two rules give the household to different
    consultants."""
    b = book(receptions=[rec("R0", "OLD", "A", "2025-01-05 10:00"),
                         rec("R1", "WIFE", "B", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "C", "2025-03-05 10:00", brought_by="OLD")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-08 10:00")],
             deals=[deal("D0", "OLD", "2025-01-20 10:00")])
    d = decide_ownership(b, "WIFE", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert d.escalation is not None
    assert d.escalation.rules == ("CC-3", "CC-4.2", "CC-11")
    assert "first reception owns it" in d.escalation.reason.en


def test_sd_7_4_a_late_spouse_whom_a_specific_rule_gives_to_another_escalates() -> None:
    """SD-7.4 shares only spouses received before the relation was known; HUSBAND came after,
    asking for N before reception (SD-5.1): the household's earlier registration (A) and
    SD-5.1 (N) disagree."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "N", "2025-03-10 10:00", asked_for="N")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-08 10:00")])
    d = decide_ownership(b, "WIFE", as_of=t("2025-03-11 00:00"), rulebook=SD)
    assert d.escalation is not None
    assert {"SD-7.4", "SD-5.1"} <= set(d.escalation.rules)
