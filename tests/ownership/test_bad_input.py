"""Bad input is a clear error naming the record and the field; nothing is dropped silently."""

from __future__ import annotations

from datetime import datetime

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError
from propmgmt_rules.ownership import CC, SD, Rulebook, decide_ownership, split_commission

from .helpers import book, deal, rec, t


def _fields(exc: ValidationError) -> list[str]:
    return [".".join(str(p) for p in e["loc"]) for e in exc.errors()]


def test_a_naive_datetime_names_the_record_and_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[{"id": "R12", "client": "C1", "consultant": "A",
                          "at": "2025-03-01T10:00:00"}])
    assert _fields(err.value) == ["receptions[R12].at"]
    assert "timezone" in str(err.value)


def test_a_deal_whose_buyer_never_appears_in_the_book() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", ["C1", "GHOST"], "2025-03-10 10:00")])
    assert _fields(err.value) == ["deals[D1].buyers[1]"]
    assert "never appears" in str(err.value)


def test_a_relation_to_an_unknown_client() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             relations=[{"id": "L1", "a": "C1", "b": "C9", "kind": "spouse",
                         "known_at": t("2025-03-02 10:00")}])
    assert _fields(err.value) == ["relations[L1].b"]


def test_a_reception_by_a_consultant_after_their_departure() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C2", "A", "2025-03-05 10:00")],
             departures=[{"id": "X1", "consultant": "A", "at": t("2025-03-03 18:00")}])
    assert _fields(err.value) == ["receptions[R2].at"]
    assert "left" in str(err.value)


def test_a_negative_commission() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "-5.00")])
    assert _fields(err.value) == ["deals[D1].commission"]


def test_a_commission_with_more_than_two_decimals() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "5.001")])
    assert _fields(err.value) == ["deals[D1].commission"]


def test_duplicate_record_ids() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R1", "C2", "B", "2025-03-02 10:00")])
    assert _fields(err.value) == ["receptions[R1].id"]
    assert "duplicate" in str(err.value)


def test_several_problems_are_all_reported() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "NOBODY", "2025-03-10 10:00")])
    assert _fields(err.value) == ["receptions[R1].id", "deals[D1].buyers[0]"]


def test_an_unknown_client_asked_about() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")])
    with pytest.raises(InputError, match="client_id"):
        decide_ownership(b, "C2", t("2025-03-02 00:00"), CC)


def test_a_naive_as_of() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")])
    with pytest.raises(InputError, match="as_of"):
        decide_ownership(b, "C1", datetime(2025, 3, 2), CC)


def test_an_unknown_deal_and_a_deal_after_as_of() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    with pytest.raises(InputError, match="deal_id"):
        split_commission(b, "D9", SD)
    with pytest.raises(InputError, match="as_of"):
        split_commission(b, "D1", SD, t("2025-03-09 00:00"))


def test_a_rulebook_with_contradicting_rules_is_refused() -> None:
    with pytest.raises(ValidationError, match=r"SD-7\.4 contradicts the household setting"):
        Rulebook.model_validate({**CC.model_dump(), "rules": [*CC.rules, "SD-7.4"]})


def test_a_rulebook_with_an_unknown_rule_is_refused() -> None:
    with pytest.raises(ValidationError, match="XX-1"):
        CC.derive(enable=["XX-1"])


def test_a_rulebook_share_must_be_exact() -> None:
    with pytest.raises(ValidationError, match="not a float"):
        SD.derive(splits={"staff_introducer": 0.3})


def test_a_rulebook_needs_a_first_reception_rule() -> None:
    with pytest.raises(ValidationError, match="first"):
        CC.derive(disable=["CC-6"])
