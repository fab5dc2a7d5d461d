"""COM-ROUND: exact allocation of a Decimal total to the cent (catalog §2, Commission)."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules import InputError, allocate
from propmgmt_rules.money import cents, from_cents, in_cents


def test_com_round_018_with_30_percent_pool_and_spouses_splitting_the_rest() -> None:
    # catalog: 0.18 with 30% pool and spouses splitting the rest gives 0.06 / 0.06 / 0.06
    # (exact shares 30%, 35%, 35%: 0.054, 0.063, 0.063 -> 0.05/0.06/0.06 + 1 cent to 0.054)
    weights = [Fraction(3, 10), Fraction(7, 10) * Fraction(1, 2), Fraction(7, 10) * Fraction(1, 2)]
    assert allocate(Decimal("0.18"), weights) == (Decimal("0.06"),) * 3


def test_com_round_9999_split_75_25() -> None:
    # catalog: 99.99 split 75/25 gives 74.99 / 25.00
    assert allocate(Decimal("99.99"), [Fraction(3, 4), Fraction(1, 4)]) == (
        Decimal("74.99"), Decimal("25.00"))


def test_com_round_ties_go_to_the_party_listed_first() -> None:
    assert allocate(Decimal("0.01"), [1, 1, 1]) == (Decimal("0.01"), Decimal("0.00"),
                                                    Decimal("0.00"))
    assert allocate(Decimal("0.02"), [1, 1, 1]) == (Decimal("0.01"), Decimal("0.01"),
                                                    Decimal("0.00"))


def test_com_round_does_not_depend_on_the_global_decimal_context() -> None:
    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_UP
        assert allocate(Decimal("123456.78"), [1, 2]) == (Decimal("41152.26"),
                                                          Decimal("82304.52"))


def test_com_round_a_claw_back_mirrors_the_positive_split() -> None:
    assert allocate(Decimal("-99.99"), [3, 1]) == (Decimal("-74.99"), Decimal("-25.00"))


@pytest.mark.parametrize(
    ("total", "weights", "field", "reason"),
    [
        (Decimal("10.001"), [1], "total", "at most 2 decimal places"),
        (Decimal("10"), [1, -1], "weights[1]", "must not be negative"),
        (Decimal("10"), [0, 0], "weights", "must not all be zero"),
        (Decimal("10"), [], "weights", "must not be empty"),
        (Decimal("10"), [0.5, 0.5], "weights[0]", "never a float"),
        (10.0, [1], "total", "Decimal amount"),
        (Decimal("NaN"), [1], "total", "finite"),
    ],
)
def test_bad_input_is_an_error_naming_the_field(
    total: Decimal, weights: list[object], field: str, reason: str
) -> None:
    with pytest.raises(InputError, match=reason) as info:
        allocate(total, weights)  # type: ignore[arg-type]
    assert info.value.field == field


amounts = st.integers(-10**12, 10**12).map(from_cents)
weight_lists = st.lists(
    st.one_of(st.integers(0, 1000), st.fractions(0, 10, max_denominator=97),
              st.decimals(0, 100, places=3)),
    min_size=1, max_size=8,
).filter(lambda ws: any(w != 0 for w in ws))


@given(amounts, weight_lists)
def test_parts_always_add_up_to_the_total_exactly(
    total: Decimal, weights: list[int | Fraction | Decimal]
) -> None:
    parts = allocate(total, weights)
    assert sum(parts, Decimal(0)) == total
    assert all(p.as_tuple().exponent == -2 for p in parts)


@given(amounts, weight_lists)
def test_each_part_is_within_one_cent_of_its_exact_share(
    total: Decimal, weights: list[int | Fraction | Decimal]
) -> None:
    exact_weights = [
        Fraction(*w.as_integer_ratio()) if isinstance(w, Decimal) else Fraction(w) for w in weights
    ]
    whole = sum(exact_weights)
    for part, w in zip(allocate(total, weights), exact_weights, strict=True):
        exact = Fraction(cents(total)) * w / whole
        assert abs(Fraction(cents(part)) - exact) < 1


@given(amounts, weight_lists, st.integers(1, 5))
def test_scaling_the_weights_does_not_change_the_parts(
    total: Decimal, weights: list[int | Fraction | Decimal], k: int
) -> None:
    assert allocate(total, weights) == allocate(total, [w * k for w in weights])


@given(st.integers(-10**9, 10**9), st.sampled_from([0, 1, 2]))
def test_in_cents_is_the_amount_written_to_the_cent(n: int, places: int) -> None:
    # an amount with 0, 1 or 2 decimals, written as given: in_cents keeps its value and
    # writes it with exactly 2 places, as from_cents(cents(...)) does (COM-ROUND)
    amount = Decimal(n).scaleb(-places)
    got = in_cents(amount)
    assert got == amount
    assert got.as_tuple().exponent == -2
    assert str(got) == str(from_cents(cents(amount)))


def test_in_cents_refuses_fractions_of_a_cent_naming_the_field() -> None:
    with pytest.raises(InputError) as err:
        in_cents(Decimal("1.005"), "commission")
    assert err.value.field == "commission"


@given(st.integers(-10**9, 10**9), st.sampled_from([0, 1, 2]),
       st.sampled_from([1, 7, Fraction(3, 10), Decimal("0.35")]))
def test_a_single_part_is_the_whole_total_written_to_the_cent(n: int, places: int,
                                                              weight: int | Fraction | Decimal
                                                              ) -> None:
    # one party takes all of it, whatever its weight: the total with exactly 2 places
    total = Decimal(n).scaleb(-places)
    (got,) = allocate(total, [weight])
    assert got == total
    assert str(got) == str(from_cents(cents(total)))


def test_a_single_part_still_refuses_a_bad_weight() -> None:
    with pytest.raises(InputError, match="weights"):
        allocate(Decimal("10.00"), [0])
    with pytest.raises(InputError, match="weights"):
        allocate(Decimal("10.00"), [-1])
