"""Exact money: allocate a total in yuan by weights, to the cent (`COM-ROUND`).

Rounding happens once, at the end: each part's exact amount is a fraction of the total;
each part gets that amount rounded down to 0.01 yuan, and the cents left over go one each
to the parts with the largest remainders, ties going to the part listed first. The parts
always add up to the total exactly. No float is used, and nothing depends on the global
:mod:`decimal` context.

>>> allocate(Decimal("99.99"), [3, 1])
(Decimal('74.99'), Decimal('25.00'))
>>> from fractions import Fraction
>>> allocate(Decimal("0.18"), [Fraction(3, 10), Fraction(7, 20), Fraction(7, 20)])
(Decimal('0.06'), Decimal('0.06'), Decimal('0.06'))
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

from ..errors import InputError

__all__ = ["CENT", "allocate", "cents", "from_cents", "in_cents", "to_fraction"]

CENT: Final = Decimal("0.01")


def to_fraction(value: Fraction | Decimal | int, field: str = "value") -> Fraction:
    """The exact value of an int, Decimal or Fraction; floats and bools are refused.

    >>> to_fraction(Decimal("0.35"))
    Fraction(7, 20)
    """
    if isinstance(value, bool) or not isinstance(value, Fraction | Decimal | int):
        raise InputError(field, "must be an int, Decimal or Fraction (never a float)", value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InputError(field, "must be a finite number", value)
        return Fraction(*value.as_integer_ratio())
    return Fraction(value)


def cents(amount: Decimal, field: str = "amount") -> int:
    """An amount in yuan as a whole number of cents; more than 2 decimals is an error.

    >>> cents(Decimal("12.30"))
    1230
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal):
        raise InputError(field, "must be a Decimal amount in yuan", amount)
    exact = to_fraction(amount, field) * 100
    if exact.denominator != 1:
        raise InputError(field, "must have at most 2 decimal places (0.01 yuan)", amount)
    return exact.numerator


def from_cents(n: int) -> Decimal:
    """A whole number of cents as a Decimal in yuan with exactly 2 places.

    >>> from_cents(-5)
    Decimal('-0.05')
    """
    sign = 1 if n < 0 else 0
    digits = tuple(int(c) for c in str(abs(n)).rjust(3, "0"))
    return Decimal((sign, digits, -2))


def in_cents(amount: Decimal, field: str = "amount") -> Decimal:
    """``amount`` written to the cent, exactly 2 places: ``from_cents(cents(amount))``, the
    whole of an amount that needs no split (`COM-ROUND`); more than 2 decimals is an error.

    >>> in_cents(Decimal("12.3")), in_cents(Decimal("12.30"))
    (Decimal('12.30'), Decimal('12.30'))
    """
    if (isinstance(amount, Decimal) and amount > 0
            and amount.as_tuple().exponent == -2):  # most amounts: no fraction to work out
        return amount
    return from_cents(cents(amount, field))


def allocate(
    total: Decimal, weights: Sequence[Fraction | Decimal | int]
) -> tuple[Decimal, ...]:
    """Split ``total`` (yuan, at most 2 decimals) by ``weights`` into parts that add up exactly.

    Weights need not sum to 1; each part's exact amount is ``total * w / sum(weights)``.
    A negative total (a claw-back) is allocated as the mirror image of the positive one.
    Negative weights, no weights or all-zero weights are errors.
    """
    total_cents = cents(total, "total")
    if len(weights) == 0:
        raise InputError("weights", "must not be empty")
    exact = [to_fraction(w, f"weights[{i}]") for i, w in enumerate(weights)]
    for i, w in enumerate(exact):
        if w < 0:
            raise InputError(f"weights[{i}]", "must not be negative", weights[i])
    weight_sum = sum(exact, Fraction(0))
    if weight_sum == 0:
        raise InputError("weights", "must not all be zero")
    if len(exact) == 1:  # all of it: nothing to round (the most common split)
        return (in_cents(total, "total"),)
    magnitude = abs(total_cents)
    parts: list[int] = []
    remainders: list[Fraction] = []
    for w in exact:
        share = magnitude * w / weight_sum
        whole = share.numerator // share.denominator
        parts.append(whole)
        remainders.append(share - whole)
    left = magnitude - sum(parts)
    # largest remainders first; ties by the order given (a stable sort keeps it)
    for i in sorted(range(len(parts)), key=lambda j: remainders[j], reverse=True)[:left]:
        parts[i] += 1
    sign = -1 if total_cents < 0 else 1
    return tuple(from_cents(sign * p) for p in parts)
