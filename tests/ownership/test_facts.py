"""The fact builders (issue 12): each record in a line, the same record the book's JSON gives,
and a case in a few lines decided as the catalog says."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import CC, SD, RegistrationBook, decide_ownership, split_commission
from propmgmt_rules.ownership.facts import (
    at,
    book,
    change_request,
    company_referral,
    deal,
    deal_change,
    departure,
    introduction,
    phone_enquiry,
    recognition,
    relation,
    staff_referral,
    visit,
)

from .helpers import t

EIGHT = timezone(timedelta(hours=8))


def test_an_instant_without_an_offset_is_china_time() -> None:
    assert at("2025-03-01 10:00") == datetime(2025, 3, 1, 10, tzinfo=EIGHT)
    assert at("2025-03-01T10:00:00+09:00").utcoffset() == timedelta(hours=9)
    aware = datetime(2025, 3, 1, 10, tzinfo=EIGHT)
    assert at(aware) is aware
    with pytest.raises(InputError, match="at: must be an ISO 8601 instant"):
        at("Saturday")


def test_a_naive_datetime_is_refused_as_everywhere() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        visit("R1", "C1", "A", datetime(2025, 3, 1, 10))


def test_the_builders_give_the_records_the_books_json_gives() -> None:
    built = book(
        visit("R1", "C1", "A", "2025-03-01 10:00", asked_for="A"),
        phone_enquiry("R0", "C1", "B", "2025-02-28 10:00"),
        visit("R2", "C2", "B", "2025-03-02 10:00", verified=False),
        relation("L1", "C1", "C2", "2025-03-03 10:00"),
        recognition("G1", "C2", "A", "2025-03-04 10:00"),
        change_request("Q1", "C1", "2025-03-05 10:00", fault="serious", assigned_to="B"),
        departure("X1", "B", "2025-03-06 10:00", successor="A"),
        company_referral("K1", "C3", "2025-03-01 09:00", by="HQ"),
        staff_referral("S1", "C4", "CLERK", "2025-02-25 10:00", "2025-03-01", confirmed=True),
        introduction("I1", "C5", "C1", "A", "2025-03-01 11:00"),
        visit("R3", "C3", "A", "2025-03-01 10:00"),
        visit("R4", "C4", "A", "2025-03-01 10:00"),
        visit("R5", "C5", "A", "2025-03-01 12:00"),
        deal("D1", ["C1", "C2"], "2025-03-10 10:00", "10000.00"),
        deal_change("E1", "D1", "2025-03-11 10:00", "rename", new_buyers=("C1",)),
    )
    s = "+08:00"
    data = {
        "receptions": [
            {"id": "R1", "client": "C1", "consultant": "A", "at": f"2025-03-01T10:00{s}",
             "context": {"asked_for": "A"}},
            {"id": "R0", "client": "C1", "consultant": "B", "at": f"2025-02-28T10:00{s}",
             "channel": "phone"},
            {"id": "R2", "client": "C2", "consultant": "B", "at": f"2025-03-02T10:00{s}",
             "verified": False},
            {"id": "R3", "client": "C3", "consultant": "A", "at": f"2025-03-01T10:00{s}"},
            {"id": "R4", "client": "C4", "consultant": "A", "at": f"2025-03-01T10:00{s}"},
            {"id": "R5", "client": "C5", "consultant": "A", "at": f"2025-03-01T12:00{s}"}],
        "relations": [{"id": "L1", "a": "C1", "b": "C2", "kind": "spouse",
                       "known_at": f"2025-03-03T10:00{s}"}],
        "recognitions": [{"id": "G1", "client": "C2", "consultant": "A",
                          "at": f"2025-03-04T10:00{s}"}],
        "change_requests": [{"id": "Q1", "client": "C1", "at": f"2025-03-05T10:00{s}",
                             "fault": "serious", "assigned_to": "B"}],
        "departures": [{"id": "X1", "consultant": "B", "at": f"2025-03-06T10:00{s}",
                        "successor": "A"}],
        "company_referrals": [{"id": "K1", "client": "C3", "at": f"2025-03-01T09:00{s}",
                               "by": "HQ"}],
        "staff_referrals": [{"id": "S1", "client": "C4", "introducer": "CLERK",
                             "registered_at": f"2025-02-25T10:00{s}",
                             "agreed_date": "2025-03-01", "confirmed": True}],
        "introductions": [{"id": "I1", "client": "C5", "by_client": "C1", "consultant": "A",
                           "at": f"2025-03-01T11:00{s}"}],
        "deals": [{"id": "D1", "buyers": ["C1", "C2"], "at": f"2025-03-10T10:00{s}",
                   "commission": "10000.00"}],
        "deal_changes": [{"id": "E1", "deal": "D1", "at": f"2025-03-11T10:00{s}",
                          "kind": "rename", "new_buyers": ["C1"]}],
    }
    assert built == RegistrationBook.model_validate(data)


def test_cc_6_the_first_reception_wins_in_three_lines() -> None:
    """CC-6: the first reception of the day owns; the second consultant's is set aside."""
    b = book(visit("R2", "C1", "B", "2025-03-01 15:00"), visit("R1", "C1", "A", "2025-03-01 10:00"))
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert d.outcome.owner_ids() == ("A",)
    assert "CC-6" in d.decided_by


def test_cc_note_a_phone_enquiry_gives_no_claim() -> None:
    """CC-NOTE / SD-3.13: a phone enquiry is never the first reception."""
    b = book(phone_enquiry("R1", "C1", "A", "2025-03-01 09:00"),
             visit("R2", "C1", "B", "2025-03-01 10:00"))
    for rb, rule in ((CC, "CC-NOTE"), (SD, "SD-3.13")):
        d = decide_ownership(b, "C1", as_of="2025-03-02 00:00+08:00", rulebook=rb)
        assert d.outcome.owner_ids() == ("B",)
        assert rule in d.decided_by


def test_sd_6_2_5_a_staff_referral_in_a_few_lines() -> None:
    """SD-6.2.5: 30% to the introducer, 70% to the consultant."""
    b = book(staff_referral("S1", "C1", "CLERK", "2025-02-25 10:00", "2025-03-01",
                            confirmed=True, signed=True),
             visit("R1", "C1", "A", "2025-03-01 10:00"),
             deal("D1", "C1", "2025-03-10 10:00", "10000.00"))
    amounts = split_commission(b, "D1", rulebook=SD).outcome.amounts()
    assert {k: str(v) for k, v in amounts.items()} == {"CLERK": "3000.00", "A": "7000.00"}


def test_a_fact_that_is_not_a_record_of_the_book_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"facts\[1\]: must be a record of the book"):
        book(visit("R1", "C1", "A", "2025-03-01 10:00"), {"id": "R2"})


def test_a_float_commission_is_refused_by_the_builder() -> None:
    with pytest.raises(ValidationError, match="never a float"):
        deal("D1", "C1", "2025-03-10 10:00", 100.5)  # type: ignore[arg-type]
