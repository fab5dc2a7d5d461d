"""Commission splits: COM-SPLIT (off the top first, then the consultant side), COM-ROUND (one
rounding pass to the cent) and COM-POOL (the company pool is a party like any other)."""

from __future__ import annotations

from fractions import Fraction

from propmgmt_rules.ownership import POOL, SD, PartyRole

from .helpers import amounts, book, deal, rec, split, spouses, t


def _staff_referred_spouses(commission: str) -> dict[str, object]:
    return {
        "staff_referrals": [{"id": "S1", "client": "WIFE", "introducer": "CLERK",
                             "registered_at": t("2025-02-25 10:00"), "agreed_date": "2025-03-01",
                             "confirmed": True, "signed": True}],
        "receptions": [rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                       rec("R2", "HUSBAND", "B", "2025-03-04 10:00")],
        "relations": [spouses("L1", "WIFE", "HUSBAND", "2025-03-08 10:00")],
        "deals": [deal("D1", ["WIFE", "HUSBAND"], "2025-03-09 10:00", commission)],
    }


def test_com_split_off_the_top_first_then_the_consultant_side_30_35_35() -> None:
    """COM-SPLIT: a staff-referred client whose spouse was received by another consultant:
    30% introducer, then 35% / 35%."""
    d = split(book(**_staff_referred_spouses("10000.00")), "D1", SD)
    assert [(ln.party, ln.role, ln.share) for ln in d.outcome.lines] == [
        ("CLERK", PartyRole.INTRODUCER, Fraction(3, 10)),
        ("A", PartyRole.CONSULTANT, Fraction(7, 20)),
        ("B", PartyRole.CONSULTANT, Fraction(7, 20)),
    ]
    assert amounts(d) == {"CLERK": "3000.00", "A": "3500.00", "B": "3500.00"}
    assert [ln.rule for ln in d.outcome.lines] == ["SD-6.2.5", "SD-7.4", "SD-7.4"]


def test_com_round_rounding_happens_once_at_the_end() -> None:
    """COM-ROUND: 0.18 with 30% off the top and spouses splitting the rest: 0.06 / 0.06 / 0.06."""
    d = split(book(**_staff_referred_spouses("0.18")), "D1", SD)
    assert amounts(d) == {"CLERK": "0.06", "A": "0.06", "B": "0.06"}
    assert "COM-ROUND" in d.decided_by


def test_com_round_99_99_split_75_25_gives_74_99_and_25_00() -> None:
    """COM-ROUND: 99.99 split 75/25 gives 74.99 / 25.00 (an office whose SD-5.2 share is 1/4)."""
    office = SD.derive(name="75-25", splits={**SD.splits.model_dump(),
                                             "designated_mid_reception": "1/4"})
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[{"id": "Q1", "client": "C1", "at": t("2025-03-01 11:00"),
                               "kind": "designate", "requested": "B", "assigned_to": "B"}],
             deals=[deal("D1", "C1", "2025-03-01 16:00", "99.99")])
    assert amounts(split(b, "D1", office)) == {"A": "74.99", "B": "25.00"}


def test_com_pool_the_company_pool_is_a_party_like_a_consultant() -> None:
    """COM-POOL: splits with the pool are reported the same way."""
    b = book(company_referrals=[{"id": "K1", "client": "C1", "at": t("2025-02-20 10:00")}],
             receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "333.33")])
    d = split(b, "D1", SD)
    assert [(ln.party, ln.role) for ln in d.outcome.lines] == [
        (POOL, PartyRole.POOL), ("A", PartyRole.CONSULTANT)]
    assert amounts(d) == {POOL: "100.00", "A": "233.33"}
    assert "COM-POOL" in d.decided_by
    assert sum(ln.amount for ln in d.outcome.lines) == d.outcome.commission


def test_a_zero_commission_is_split_into_zeros() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "0")])
    assert amounts(split(b, "D1", SD)) == {"A": "0.00"}
