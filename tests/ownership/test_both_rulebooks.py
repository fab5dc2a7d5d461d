"""The same facts through both rulebooks, where they differ on purpose: the window (3 months in
CC-2 vs 1 month in SD-7.1), the household (CC-3 first reception vs SD-7.4 spouses 50/50), the
deal change (CC-8 follows the client vs SD-7.6 stays), verification (SD-7.2), recognition
(SD-3.7 is not a CC rule) and the escalation target (CC-11 vs SD-7.7)."""

from __future__ import annotations

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.ownership import CC, SD, decide_ownership

from .helpers import HALF, ONE, amounts, book, deal, reason, rec, split, spouses, t, who


def test_window_a_return_after_six_weeks_cc_keeps_the_owner_sd_does_not() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "B", "2025-04-15 10:00")])
    assert who(b, "C1", "2025-04-16 00:00", CC) == {"A": ONE}  # CC-2, CC-9.1
    assert who(b, "C1", "2025-04-16 00:00", SD) == {"B": ONE}  # SD-7.1


def test_household_spouses_cc_first_reception_sd_fifty_fifty() -> None:
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-05 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-12 10:00")],
             deals=[deal("D1", ["WIFE", "HUSBAND"], "2025-03-10 10:00", "10000.00")])
    assert who(b, "HUSBAND", "2025-03-13 00:00", CC) == {"A": ONE}  # CC-3
    assert who(b, "HUSBAND", "2025-03-13 00:00", SD) == {"A": HALF, "B": HALF}  # SD-7.4
    assert amounts(split(b, "D1", CC)) == {"A": "10000.00"}
    assert amounts(split(b, "D1", SD)) == {"A": "5000.00", "B": "5000.00"}


def test_deal_change_a_swap_cc_follows_the_client_sd_stays() -> None:
    b = book(receptions=[rec("R1", "X", "A", "2025-03-01 10:00"),
                         rec("R2", "Y", "B", "2025-03-01 11:00")],
             deals=[deal("D1", "X", "2025-03-05 10:00", "1000.00"),
                    deal("D2", "Y", "2025-03-05 11:00", "2000.00")],
             deal_changes=[{"id": "K1", "deal": "D1", "at": t("2025-03-20 10:00"),
                            "kind": "swap", "swapped_with": "D2"}])
    assert amounts(split(b, "D1", CC)) == {"B": "1000.00"}  # CC-8
    assert amounts(split(b, "D1", SD)) == {"A": "1000.00"}  # SD-7.6


def test_verification_sd_sets_an_unverified_registration_aside_cc_counts_it() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", verified=False),
                         rec("R2", "C1", "B", "2025-03-02 10:00")])
    assert who(b, "C1", "2025-03-03 00:00", CC) == {"A": ONE}
    assert who(b, "C1", "2025-03-03 00:00", SD) == {"B": ONE}


def test_recognition_is_an_sd_rule_cc_sets_it_aside() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "N", "2025-03-20 10:00", forgot_consultant=True)],
             recognitions=[{"id": "G1", "client": "C1", "consultant": "A",
                            "at": t("2025-03-25 10:00")}])
    cc = decide_ownership(b, "C1", as_of=t("2025-03-26 00:00"), rulebook=CC)
    assert {s.party for s in cc.outcome.owners} == {"A"}
    assert reason(cc, "recognition:G1") is SetAsideReason.DISABLED_BY_RULEBOOK
    assert who(b, "C1", "2025-03-26 00:00", SD) == {"A": HALF, "N": HALF}  # SD-3.7.I


def test_escalation_cc_goes_to_the_manager_sd_to_the_project_manager_and_director() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[{"id": "Q1", "client": "C1", "at": t("2025-03-01 11:00"),
                               "fault": "serious"}])
    cc = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=CC)
    sd = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert cc.escalation is not None
    assert sd.escalation is not None
    assert cc.escalation.rules == ("CC-7", "CC-11")
    assert sd.escalation.rules == ("SD-3.10.C", "SD-7.7")
    assert cc.escalation.to != sd.escalation.to


def test_staff_referrals_are_sd_rules_cc_sets_them_aside() -> None:
    b = book(staff_referrals=[{"id": "S1", "client": "C1", "introducer": "CLERK",
                               "registered_at": t("2025-02-25 10:00"), "agreed_date": "2025-03-01",
                               "confirmed": True, "signed": True}],
             receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "100.00")])
    assert amounts(split(b, "D1", CC)) == {"A": "100.00"}
    assert amounts(split(b, "D1", SD)) == {"CLERK": "30.00", "A": "70.00"}
