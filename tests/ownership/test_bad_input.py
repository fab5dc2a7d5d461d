"""Bad input is a clear error naming the record and the field; nothing is dropped silently."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError
from propmgmt_rules.ownership import (
    CC,
    SD,
    Rulebook,
    decide_ownership,
    settle,
    split_commission,
)
from propmgmt_rules.ownership.rulebooks import resolve_rulebook

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


def test_a_departure_of_a_consultant_the_book_never_names() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             departures=[{"id": "X1", "consultant": "GHOST", "at": t("2025-03-03 18:00")}])
    assert _fields(err.value) == ["departures[X1].consultant"]
    assert "never appears" in str(err.value)


def test_a_deal_change_of_a_deal_the_book_does_not_hold() -> None:
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")],
             deal_changes=[{"id": "K1", "deal": "D9", "at": t("2025-03-12 10:00"),
                            "kind": "unit_change"},
                           {"id": "K2", "deal": "D1", "at": t("2025-03-12 11:00"),
                            "kind": "swap", "swapped_with": "D8"}])
    assert _fields(err.value) == ["deal_changes[K1].deal", "deal_changes[K2].swapped_with"]


def test_the_whole_book_and_the_incremental_book_find_the_same_problems() -> None:
    """A book's own consultants and deals (``fact_problems`` given None) are those the
    incremental book checks new facts against."""
    from propmgmt_rules.ownership.incremental import LiveBook

    good = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
                deals=[deal("D1", "C1", "2025-03-10 10:00")])
    live = LiveBook(good)
    for extra in ({"departures": [{"id": "X1", "consultant": "GHOST",
                                   "at": t("2025-03-03 18:00")}]},
                  {"deal_changes": [{"id": "K1", "deal": "D9", "at": t("2025-03-12 10:00"),
                                     "kind": "unit_change"}]}):
        with pytest.raises(ValidationError) as whole:
            book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
                 deals=[deal("D1", "C1", "2025-03-10 10:00")], **extra)
        with pytest.raises(ValidationError) as added:
            live.add(**extra)
        found = [(e["loc"], e["msg"]) for e in whole.value.errors()]
        assert found == [(e["loc"], e["msg"]) for e in added.value.errors()]
        assert len(found) == 1


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
        decide_ownership(b, "C2", as_of=t("2025-03-02 00:00"), rulebook=CC)


def test_a_naive_as_of() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")])
    with pytest.raises(InputError, match="as_of"):
        decide_ownership(b, "C1", as_of=datetime(2025, 3, 2), rulebook=CC)


def test_an_unknown_deal_and_a_deal_after_as_of() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    with pytest.raises(InputError, match="deal_id"):
        split_commission(b, "D9", rulebook=SD)
    with pytest.raises(InputError, match="as_of"):
        split_commission(b, "D1", as_of=t("2025-03-09 00:00"), rulebook=SD)


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


# -- issue 10: hostile input, in the ownership area -------------------------------------------


@pytest.mark.parametrize("bad", ["", "   ", "\t", "A\x00B", "x" * 201])
@pytest.mark.parametrize("field", ["id", "client", "consultant"])
def test_an_empty_blank_overlong_or_control_character_id_is_refused(field: str, bad: str) -> None:
    """Issue 10: "client  belongs to  (CC-6)" no more: ids are bounded identifiers."""
    r = {"id": "R1", "client": "C1", "consultant": "A", "at": t("2025-03-01 10:00"), field: bad}
    with pytest.raises(ValidationError) as err:
        book(receptions=[r])
    assert _fields(err.value)[0].endswith(f".{field}")
    assert any(word in str(err.value) for word in ("empty", "at most 200", "control"))


def test_ids_are_stripped_and_context_ids_are_identifiers_too() -> None:
    b = book(receptions=[{"id": " R1 ", "client": " C1", "consultant": "A ",
                          "at": t("2025-03-01 10:00")}])
    assert (b.receptions[0].id, b.receptions[0].client, b.receptions[0].consultant) == \
        ("R1", "C1", "A")
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", asked_for="  ")])
    assert _fields(err.value) == ["receptions[R1].context.asked_for"]
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", ["C1", ""], "2025-03-10 10:00")])
    assert _fields(err.value) == ["deals[D1].buyers.1"]


@pytest.mark.parametrize("commission", [1.5, 100.0, "1E+999999999", "1e30", "NaN", "Infinity",
                                        "10000000000000.01", True, "12,00"])
def test_a_commission_that_is_a_float_huge_or_not_a_number_is_refused_naming_the_deal(
        commission: object) -> None:
    """Issue 10: money is never a float; "1E+999999999" is refused at once (it hung)."""
    with pytest.raises(ValidationError) as err:
        book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", commission)])  # type: ignore[arg-type]
    assert _fields(err.value) == ["deals[D1].commission"]


def test_a_commission_of_minus_zero_is_zero() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "-0.00")])
    assert str(b.deals[0].commission) == "0.00"
    assert str(split_commission(b, "D1", rulebook=CC).outcome.lines[0].amount) == "0.00"


@pytest.mark.parametrize("window", ["1000000000000000000000000000000 days", "1201 months",
                                    "36526 days"])
def test_a_rulebook_window_beyond_a_hundred_years_names_the_field(window: str) -> None:
    """Issue 10: a window of 10^30 days overflowed while deciding."""
    with pytest.raises(ValidationError) as err:
        CC.derive(name="X", window=window)
    assert "window" in str(err.value)
    with pytest.raises(ValidationError, match="recognition_window"):
        SD.derive(name="X", recognition_window="99999999 days")


@pytest.mark.parametrize("at", ["9999-12-31T23:59:00+08:00", "0001-01-01T00:00:00+14:00",
                                "9999-12-31T23:59:59.999999+00:00", "2200-01-01T00:00:00+00:00",
                                "1899-12-31T23:59:00+00:00"])
def test_an_instant_at_the_edge_of_time_is_refused_naming_the_field(at: str) -> None:
    """hostile-findings #2: an instant at the edge of the calendar overflowed while deciding
    (a reception's at, an as_of). A book's instants lie in the years 1900 to 2199."""
    with pytest.raises(ValidationError) as err:
        book(receptions=[{"id": "R1", "client": "C1", "consultant": "A", "at": at}])
    assert _fields(err.value) == ["receptions[R1].at"]
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")])
    with pytest.raises(InputError) as err2:
        decide_ownership(b, "C1", as_of=at, rulebook=CC)
    assert err2.value.field == "as_of"
    with pytest.raises(InputError) as err2:
        settle(b, as_of=datetime.max.replace(tzinfo=UTC), rulebook=SD)
    assert err2.value.field == "as_of"


def test_an_agreed_date_at_the_end_of_time_names_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        book(staff_referrals=[{"id": "S1", "client": "C1", "introducer": "CLERK",
                               "registered_at": "2199-12-30T10:00:00+08:00",
                               "agreed_date": "9999-12-31"}])
    assert _fields(err.value) == ["staff_referrals[S1].agreed_date"]


@pytest.mark.parametrize("rules", [[[]], True, 0, [{"x": 1}], "CC-1"])
def test_a_rulebook_whose_rules_are_of_the_wrong_type_is_a_validation_error(rules: Any) -> None:
    """hostile-findings #4: ``"rules": [[]]`` crashed with TypeError (unhashable type)."""
    with pytest.raises(ValidationError) as err:
        Rulebook.model_validate({"name": "X", "version": "1", "rules": rules})
    assert _fields(err.value)[0].startswith("rules")


@pytest.mark.parametrize("name", ["CC", "cc", " Sd ", "SD"])
def test_a_rulebook_may_be_given_by_its_presets_name_everywhere(name: str) -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    rb = CC if name.strip().upper() == "CC" else SD
    assert decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=name) == \
        decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=rb)
    assert split_commission(b, "D1", rulebook=name) == split_commission(b, "D1", rulebook=rb)
    as_of = t("2025-03-31 00:00")
    assert settle(b, as_of=as_of, rulebook=name) == settle(b, as_of=as_of, rulebook=rb)


@pytest.mark.parametrize(("call", "argument"), [
    (lambda b: decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook="XX"), "rulebook"),
    (lambda b: decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=42), "rulebook"),
    (lambda b: decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=None), "rulebook"),
    (lambda b: decide_ownership(b, 7, as_of=t("2025-03-02 00:00"), rulebook=CC), "client_id"),
    (lambda b: decide_ownership(b, "  ", as_of=t("2025-03-02 00:00"), rulebook=CC), "client_id"),
    (lambda b: decide_ownership(b, "C1", as_of=20250302, rulebook=CC), "as_of"),
    (lambda b: decide_ownership(b, "C1", as_of="x" * 100_000, rulebook=CC), "as_of"),
    (lambda b: decide_ownership({"receptions": []}, "C1", as_of=t("2025-03-02 00:00"),
                                rulebook=CC), "book"),
    (lambda b: split_commission(b, None, rulebook=SD), "deal_id"),
    (lambda b: split_commission(b, "D1", rulebook=object()), "rulebook"),
    (lambda b: settle(b, as_of=t("2025-03-02 00:00"), rulebook=["SD"]), "rulebook"),
    (lambda b: settle(b, as_of=None, rulebook=SD), "as_of"),
])
def test_a_wrong_argument_is_an_input_error_naming_it(call: Any, argument: str) -> None:
    """Issue 10: never an AttributeError; resolve_rulebook raised a bare ValueError."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    with pytest.raises(InputError) as err:
        call(b)
    assert err.value.field == argument


def test_resolve_rulebook_names_the_argument() -> None:
    with pytest.raises(InputError) as err:
        resolve_rulebook("nanjing")
    assert err.value.field == "rulebook"
    assert "CC, SD" in err.value.reason
    assert resolve_rulebook(" cc ") is CC


@pytest.mark.parametrize("enable", ["SD-7.2", 5, [1], None])
def test_derive_with_rules_of_the_wrong_type_names_the_argument(enable: Any) -> None:
    with pytest.raises(InputError) as err:
        CC.derive(enable=enable)
    assert err.value.field == "enable"


@pytest.mark.parametrize("share", [Decimal("-1E+999999999"), "1e999999999", 10**200, "x" * 50,
                                   Decimal("NaN"), "abc"])
def test_a_share_of_absurd_size_or_no_number_is_refused_at_once(share: Any) -> None:
    """hostile-findings #5 (every int field): a share built a billion-digit integer."""
    with pytest.raises(ValidationError) as err:
        SD.derive(splits={**SD.splits.model_dump(), "staff_introducer": share})
    assert _fields(err.value) == ["splits.staff_introducer"]
