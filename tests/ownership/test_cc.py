"""The `CC` rulebook (document 000 part 1), one test per clause and outcome, from the catalog's
wording. Names read like the clause; the id is in the name and the docstring."""

from __future__ import annotations

from fractions import Fraction

from propmgmt_rules.decision import SetAsideReason, Text
from propmgmt_rules.ownership import CC, WindowAnchor, decide_ownership

from .helpers import ONE, amounts, book, deal, reason, rec, split, spouses, t, used, who


def test_cc_1_only_registered_receptions_count() -> None:
    """CC-1: disputes are settled from the registration book; a phone call is not in it."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", channel="phone")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert d.outcome.owners == ()
    assert "CC-1" in d.decided_by
    assert reason(d, "reception:R1") is SetAsideReason.PHONE_ENQUIRY


def test_cc_note_a_phone_enquiry_is_not_the_first_reception() -> None:
    """CC-NOTE: 'first reception' is the first entry in the visitor book."""
    b = book(receptions=[
        rec("R1", "C1", "A", "2025-03-01 10:00", channel="phone"),
        rec("R2", "C1", "B", "2025-03-03 10:00"),
    ])
    d = decide_ownership(b, "C1", as_of=t("2025-03-04 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"B"}
    assert d.facts_set_aside[0].rule == "CC-NOTE"


def test_cc_2_a_registration_protects_its_consultant_for_three_months() -> None:
    """CC-2: visit on 15 Jan, protected until 24:00 on 15 Apr (T-MONTHS)."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-01-15 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-02-01 00:00"), rulebook=CC)
    assert d.outcome.protected_until == t("2025-04-16 00:00")
    assert not d.outcome.lapsed
    assert decide_ownership(b, "C1", as_of=t("2025-04-16 00:01"), rulebook=CC).outcome.lapsed


def test_cc_9_1_a_client_returning_within_three_months_stays_with_the_first_receiver() -> None:
    """CC-9.1: a return up to 24:00 on 15 Apr is within the window of a 15 Jan visit."""
    b = book(receptions=[
        rec("R1", "C1", "A", "2025-01-15 10:00"),
        rec("R2", "C1", "B", "2025-04-16 00:00"),  # 24:00 on 15 Apr: still within
    ])
    d = decide_ownership(b, "C1", as_of=t("2025-04-20 00:00"), rulebook=CC)
    assert {s.party: s.share for s in d.outcome.owners} == {"A": ONE}
    assert "CC-9.1" in d.decided_by
    assert reason(d, "reception:R2") is SetAsideReason.NOT_FIRST


def test_cc_9_2_a_client_returning_after_three_months_goes_to_the_first_reception_after() -> None:
    """CC-9.2: after the window lapsed, the first reception after the lapse owns the client."""
    b = book(receptions=[
        rec("R1", "C1", "A", "2025-01-15 10:00"),
        rec("R2", "C1", "B", "2025-04-16 00:01"),
        rec("R3", "C1", "C", "2025-04-20 10:00"),
    ])
    d = decide_ownership(b, "C1", as_of=t("2025-05-01 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"B"}
    assert d.decided_by[0] == "CC-9.2"


def test_cc_9_2_the_window_runs_from_the_clients_previous_registered_visit() -> None:
    """CC-9.2 interpretation: a return within the window (with any consultant) keeps the claim
    alive; with the other anchor setting the owner's own last reception counts instead."""
    b = book(receptions=[
        rec("R1", "C1", "A", "2025-01-15 10:00"),
        rec("R2", "C1", "C", "2025-03-01 10:00"),
        rec("R3", "C1", "B", "2025-05-20 10:00"),
    ])
    assert who(b, "C1", "2025-06-01 00:00", CC) == {"A": ONE}
    own = CC.derive(name="CC-own", window_anchor=WindowAnchor.OWNER_LAST_RECEPTION)
    assert who(b, "C1", "2025-06-01 00:00", own) == {"B": ONE}


def test_cc_3_a_household_belongs_to_the_first_reception_of_any_member() -> None:
    """CC-3: spouses, parents and children received by different consultants: first reception."""
    b = book(
        receptions=[
            rec("R1", "WIFE", "A", "2025-03-01 10:00"),
            rec("R2", "HUSBAND", "B", "2025-03-05 10:00"),
            rec("R3", "SON", "C", "2025-02-27 10:00", channel="phone"),
            rec("R4", "SON", "C", "2025-03-08 10:00"),
        ],
        relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-10 10:00"),
                   spouses("L2", "SON", "HUSBAND", "2025-03-10 10:00", kind="parent_child")],
    )
    for member in ("WIFE", "HUSBAND", "SON"):
        d = decide_ownership(b, member, as_of=t("2025-03-11 00:00"), rulebook=CC)
        assert {s.party: s.share for s in d.outcome.owners} == {"A": ONE}
        assert d.decided_by[0] == "CC-3"
        assert d.outcome.household == ("HUSBAND", "SON", "WIFE")


def test_cc_3_before_the_relation_is_known_each_client_stands_alone() -> None:
    b = book(
        receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                    rec("R2", "HUSBAND", "B", "2025-03-05 10:00")],
        relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-10 10:00")],
    )
    d = decide_ownership(b, "HUSBAND", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"B"}
    assert reason(d, "relation:L1") is SetAsideReason.AFTER_AS_OF


def _past_buyer_book(extra: list[dict[str, object]], **more: object) -> dict[str, object]:
    return {
        "receptions": [rec("R1", "OLD", "A", "2025-01-05 10:00"), *extra],
        "deals": [deal("D1", "OLD", "2025-01-20 10:00")],
        **more,
    }


def test_cc_4_1_a_referred_client_who_comes_alone_belongs_to_the_first_reception() -> None:
    """CC-4.1: referred by a past buyer, comes alone, does not ask for that buyer's consultant."""
    b = book(**_past_buyer_book([rec("R2", "NEW", "B", "2025-03-01 10:00", referred_by="OLD")]))
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"B"}
    assert d.decided_by[0] == "CC-4.1"


def test_cc_4_2_a_client_brought_by_a_past_buyer_belongs_to_that_buyers_consultant() -> None:
    """CC-4.2: brought in person by a past buyer: the consultant of that buyer's deal, present or
    not."""
    b = book(**_past_buyer_book([rec("R2", "NEW", "B", "2025-03-01 10:00", brought_by="OLD")]))
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert {s.party: s.share for s in d.outcome.owners} == {"A": ONE}
    assert d.decided_by[0] == "CC-4.2"
    assert used(d, "deal:D1").rule == "CC-4.2"


def test_cc_4_3_when_that_consultant_has_left_the_successor_owns() -> None:
    """CC-4.3: brought by a past buyer whose consultant left; the successor took over."""
    b = book(**_past_buyer_book(
        [rec("R2", "NEW", "B", "2025-03-01 10:00", brought_by="OLD")],
        departures=[{"id": "X1", "consultant": "A", "at": t("2025-02-01 18:00"),
                     "successor": "S"}]))
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"S"}
    assert d.decided_by[:2] == ("CC-4.3", "CC-4.2")
    assert used(d, "departure:X1").rule == "CC-4.3"


def test_cc_5_being_an_acquaintance_gives_no_claim() -> None:
    """CC-5: the consultant who knows the client has no claim: first registration wins."""
    b = book(receptions=[
        rec("R1", "C1", "A", "2025-03-01 10:00"),
        rec("R2", "C1", "B", "2025-03-02 10:00", acquaintance=True),
    ])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"A"}
    assert "CC-5" in d.decided_by
    assert reason(d, "reception:R2") is SetAsideReason.NOT_FIRST


def test_cc_6_on_the_same_day_the_earliest_reception_wins() -> None:
    """CC-6: several receptions within one day: the first."""
    b = book(receptions=[
        rec("R2", "C1", "B", "2025-03-01 15:00"),
        rec("R1", "C1", "A", "2025-03-01 10:00"),
    ])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"A"}
    assert d.decided_by == ("CC-6", "CC-1")


def test_cc_6_a_tie_on_the_same_instant_goes_to_the_earlier_record_id() -> None:
    """CC-6: ties on the same instant: the earlier record in the book (by id)."""
    b = book(receptions=[
        rec("R9", "C1", "B", "2025-03-01 10:00"),
        rec("R1", "C1", "A", "2025-03-01 10:00"),
    ])
    assert who(b, "C1", "2025-03-02 00:00", CC) == {"A": ONE}


def _change(fault: str, **kw: object) -> dict[str, object]:
    return {"id": "Q1", "client": "C1", "at": t("2025-03-02 10:00"), "fault": fault, **kw}


def test_cc_7_a_change_request_keeps_the_first_receiver() -> None:
    """CC-7: a complaint or a request to change consultant: the first reception stays."""
    for fault in ("none", "general"):
        b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
                 change_requests=[_change(fault, insists=True, assigned_to="B")])
        d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=CC)
        assert {s.party for s in d.outcome.owners} == {"A"}
        assert reason(d, "change_request:Q1") is SetAsideReason.NOT_SUPPORTED


def test_cc_7_truly_bad_attitude_the_managers_assignment_decides() -> None:
    """CC-7: attitude truly bad and the client asks for a change: the manager's assignment."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[_change("serious", assigned_to="B")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=CC)
    assert {s.party: s.share for s in d.outcome.owners} == {"B": ONE}
    assert d.decided_by[0] == "CC-7"


def test_cc_7_truly_bad_attitude_a_manager_assigned_reception_is_the_assignment() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "B", "2025-03-03 10:00", manager_assigned=True)],
             change_requests=[_change("serious")])
    assert who(b, "C1", "2025-03-04 00:00", CC) == {"B": ONE}


def test_cc_7_truly_bad_attitude_without_an_assignment_is_an_escalation() -> None:
    """CC-7: without the manager's assignment the engine does not pick: it escalates."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[_change("serious")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=CC)
    assert d.escalation is not None
    assert d.escalation.rules[0] == "CC-7"
    assert d.escalation.to == "sales_manager"
    assert d.escalation.to_name == Text("sales manager", "销售经理")
    assert d.outcome.owners == ()
    assert d.missing_facts[0].field == "change_requests[Q1].assigned_to"


def _swap_book() -> dict[str, object]:
    return {
        "receptions": [rec("R1", "X", "A", "2025-03-01 10:00"),
                       rec("R2", "Y", "B", "2025-03-01 11:00")],
        "deals": [deal("D1", "X", "2025-03-05 10:00", "1000.00"),
                  deal("D2", "Y", "2025-03-05 11:00", "2000.00")],
        "deal_changes": [{"id": "K1", "deal": "D1", "at": t("2025-03-20 10:00"), "kind": "swap",
                          "swapped_with": "D2"}],
    }


def test_cc_8_orders_swapped_between_clients_follow_the_client() -> None:
    """CC-8: after clients swap orders, each deal is credited to the owner of its new holder."""
    b = book(**_swap_book())
    assert amounts(split(b, "D1", CC)) == {"B": "1000.00"}
    assert amounts(split(b, "D2", CC)) == {"A": "2000.00"}
    assert "CC-8" in split(b, "D1", CC).decided_by


def test_cc_8_a_swap_later_than_as_of_does_not_count_yet() -> None:
    b = book(**_swap_book())
    assert amounts(split(b, "D1", CC, "2025-03-10 00:00")) == {"A": "1000.00"}


def test_cc_10_1_a_proxy_who_brings_the_buyer_in_person_the_first_reception_owns() -> None:
    """CC-10.1: someone viewed on behalf of the buyer and brings them: the proxy's receiver."""
    b = book(receptions=[
        rec("R1", "PROXY", "A", "2025-03-01 10:00", proxy_for="BUYER"),
        rec("R2", "BUYER", "C", "2025-03-08 10:00", brought_by="PROXY"),
    ])
    d = decide_ownership(b, "BUYER", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"A"}
    assert d.decided_by[0] == "CC-10.1"
    assert used(d, "reception:R1").rule == "CC-10.1"


def test_cc_10_2_a_buyer_who_comes_alone_and_asks_for_nobody_belongs_to_the_receiver() -> None:
    """CC-10.2: the buyer comes alone and asks for nobody: the consultant who receives them."""
    b = book(receptions=[
        rec("R1", "PROXY", "A", "2025-03-01 10:00", proxy_for="BUYER"),
        rec("R2", "BUYER", "C", "2025-03-08 10:00"),
    ])
    d = decide_ownership(b, "BUYER", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert {s.party for s in d.outcome.owners} == {"C"}
    assert d.decided_by[0] == "CC-10.2"


def test_cc_11_two_specific_rules_that_cannot_both_hold_are_an_escalation() -> None:
    """CC-11: a past buyer (CC-4.2 -> A) who had also viewed on the client's behalf with K
    (CC-10.1 -> K) brings them: the engine names both rules and does not pick."""
    b = book(
        receptions=[rec("R1", "OLD", "A", "2025-01-05 10:00"),
                    rec("R2", "OLD", "K", "2025-02-10 10:00", proxy_for="NEW"),
                    rec("R3", "NEW", "B", "2025-02-20 10:00", brought_by="OLD")],
        deals=[deal("D1", "OLD", "2025-01-20 10:00")],
    )
    d = decide_ownership(b, "NEW", as_of=t("2025-03-01 00:00"), rulebook=CC)
    assert d.escalation is not None
    assert set(d.escalation.rules) == {"CC-4.2", "CC-10.1", "CC-11"}
    assert d.outcome.owners == ()


def test_cc_11_a_case_the_rules_do_not_settle_is_an_escalation() -> None:
    """CC-11: a new client asked for X but Y received them: CC has no clause for it."""
    b = book(receptions=[rec("R1", "C1", "Y", "2025-03-01 10:00", asked_for="X")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert d.escalation is not None
    assert d.escalation.rules == ("CC-11",)
    assert "asked for X" in d.escalation.reason.en


def test_cc_commission_of_a_single_owner_is_all_theirs() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "12345.67")])
    d = split(b, "D1", CC)
    assert amounts(d) == {"A": "12345.67"}
    assert d.outcome.lines[0].share == Fraction(1)
    assert {"COM-SPLIT", "COM-ROUND"} <= set(d.decided_by)


def test_cc_9_2_the_whole_explanation_is_pinned_in_both_languages() -> None:
    """CC-9.2: the explanation names the window, its end, the lapse and the new owner."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-01-15 10:00"),
                         rec("R2", "C1", "B", "2025-04-16 09:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-04-17 00:00"), rulebook=CC)
    # T-MONTHS (catalog): a visit on 15 Jan with a 3-month window is protected up to 24:00
    # on 15 Apr; the end of a day is written as that day's 24:00, with the weekday
    assert d.explanation.en.splitlines() == [
        "R1 on Wed 15 Jan 2025 10:00 is the first registered reception: the client belongs to "
        "A (CC-6).",
        "The registration window (3 months) of the visit on Wed 15 Jan 2025 10:00 ran until "
        "the end of Tue 15 Apr 2025; R2 on Wed 16 Apr 2025 09:00 came after it (CC-9.2).",
        "R2 on Wed 16 Apr 2025 09:00 is the first registered reception after the lapse: the "
        "client belongs to B (CC-9.2, CC-6).",
        "As of Wed 16 Apr 2025 24:00, client C1 belongs to B; protected until the end of "
        "Wed 16 Jul 2025.",
    ]
    assert d.explanation.zh.splitlines()[1] == (
        "2025年1月15日(周三)10:00来访登记的有效期(3个月)已于2025年4月15日(周二)24:00届满;"
        "R2于2025年4月16日(周三)09:00来访,在其之后(CC-9.2)。")
