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
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction
from typing import Annotated, Any, Final

from pydantic import BeforeValidator

from ..errors import InputError
from ..limits import MAX_AMOUNT

__all__ = [
    "CENT",
    "MAX_AMOUNT",
    "Yuan",
    "allocate",
    "cents",
    "check_amount",
    "from_cents",
    "in_cents",
    "to_fraction",
]

CENT: Final = Decimal("0.01")
_MAX_EXPONENT: Final = 30
_MAX_ADJUSTED: Final = MAX_AMOUNT.adjusted()
_ZERO: Final = Decimal("0.00")
_EXACT: Final = Context(prec=60, rounding=ROUND_HALF_EVEN)  # no dependence on the global one


def check_amount(value: Any, field: str = "amount") -> Decimal:
    """An amount in yuan as an exact ``Decimal`` with 2 places, or :class:`InputError`.

    Accepted: a ``Decimal``, an ``int`` or a decimal string (``"12.3"``, ``"-5"``); refused:
    floats (money is never a float), bools, NaN and infinities, more than 2 decimal places
    and anything beyond ``MAX_AMOUNT`` (10^13 yuan) in absolute value, checked before any
    arithmetic so that ``"1E+999999999"`` is refused at once. ``-0`` becomes ``0.00``.

    >>> check_amount("12.3")
    Decimal('12.30')
    >>> check_amount("-0.00")
    Decimal('0.00')
    >>> try:
    ...     check_amount("1E+999999999", "deals[D1].commission")
    ... except InputError as exc:
    ...     print(exc.field, "-", exc.reason)
    deals[D1].commission - must be at most 10000000000000 yuan in absolute value
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise InputError(field, "must be an amount in yuan: a decimal number or a string "
                         "such as \"12.50\" (never a float)", value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) > 40:
            raise InputError(field, "is too long for an amount", value[:40] + "...")
        try:
            amount = Decimal(text)
        except ArithmeticError:
            raise InputError(field, "must be a decimal number such as \"12.50\"", value) from None
    else:
        amount = Decimal(value)
    if not amount.is_finite():
        raise InputError(field, "must be a finite number", value)
    if (amount and amount.adjusted() > _MAX_ADJUSTED) or abs(amount) > MAX_AMOUNT:
        raise InputError(field, f"must be at most {MAX_AMOUNT} yuan in absolute value", value)
    if amount and amount.adjusted() < -_MAX_EXPONENT:
        raise InputError(field, "must have at most 2 decimal places (0.01 yuan)", value)
    exact = amount.quantize(CENT, context=_EXACT)
    if exact != amount:
        raise InputError(field, "must have at most 2 decimal places (0.01 yuan)", value)
    return exact if exact else _ZERO


def _yuan(value: Any) -> Decimal:
    try:
        return check_amount(value, "amount")
    except InputError as exc:
        raise ValueError(exc.reason) from None


Yuan = Annotated[Decimal, BeforeValidator(_yuan)]
"""A model field holding an amount in yuan (see :func:`check_amount`)."""


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
        if value and abs(value.adjusted()) > _MAX_EXPONENT:  # 10**999999999 would hang
            raise InputError(field, f"must be between 1E-{_MAX_EXPONENT} and "
                             f"1E+{_MAX_EXPONENT} in absolute value", value)
        return Fraction(*value.as_integer_ratio())
    return Fraction(value)


def cents(amount: Decimal, field: str = "amount") -> int:
    """An amount in yuan as a whole number of cents; more than 2 decimals is an error.

    >>> cents(Decimal("12.30"))
    1230
    """
    if isinstance(amount, bool) or not isinstance(amount, Decimal):
        raise InputError(field, "must be a Decimal amount in yuan", amount)
    if amount.is_finite() and amount and amount.adjusted() > MAX_AMOUNT.adjusted():
        raise InputError(field, f"must be at most {MAX_AMOUNT} yuan in absolute value", amount)
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
    if type(weights) not in (list, tuple) and (
            not isinstance(weights, Sequence) or isinstance(weights, str | bytes)):
        raise InputError("weights", "must be a list of weights", weights)
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
