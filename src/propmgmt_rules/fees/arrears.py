"""`VK-FEE`, the arrears: an owner's payments applied to the bills, to the cent.

Payments up to the instant asked about are applied in time order (then by id) to the bills
in the order of their last day to pay (then by id): the oldest unpaid bill first, or, under
:attr:`~propmgmt_rules.fees.policy.PaymentOrder.DESIGNATED_FIRST`, the bills the owner
designated first. A payment beyond every bill is a credit. Amounts are whole cents (ints)
here: the applied parts of a payment add up to it exactly, and no bill is paid beyond its
amount, so arrears are never negative.

>>> from datetime import date, datetime
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.fees.models import Bill, Payment
>>> bills = [Bill(id="B2", period="2025-02", amount=Decimal("300"), due=date(2025, 2, 28)),
...          Bill(id="B1", period="2025-01", amount=Decimal("300"), due=date(2025, 1, 31))]
>>> pay = Payment(id="P1", at=datetime(2025, 3, 5, tzinfo=ZoneInfo("Asia/Shanghai")),
...               amount=Decimal("450"), bills=("B2",))
>>> ledger = apply_payments(bills, [pay], PaymentOrder.OLDEST_FIRST)
>>> [(ledger.bills[i].id, paid) for i, paid in enumerate(ledger.paid)]
[('B1', 30000), ('B2', 15000)]
>>> ledger = apply_payments(bills, [pay], PaymentOrder.DESIGNATED_FIRST)
>>> [(ledger.bills[i].id, paid) for i, paid in enumerate(ledger.paid)]
[('B1', 15000), ('B2', 30000)]
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from operator import attrgetter
from typing import Final

from ..errors import InputError
from .models import Bill, Payment
from .policy import PaymentOrder

__all__ = ["Ledger", "apply_payments", "bill_order", "payment_order", "to_cents", "yuan"]


_CENTS: dict[Decimal, int] = {}
_YUAN: dict[int, Decimal] = {}
_MEMO_LIMIT: Final = 100_000


def to_cents(amount: Decimal, field: str = "amount") -> int:
    """A validated amount (:data:`~propmgmt_rules.money.Yuan`, at most 2 places) in whole
    cents, exactly and without the decimal context; more places is an :class:`InputError`.
    The same as :func:`propmgmt_rules.money.cents`, remembered per value (a million owners'
    bills repeat a few amounts).

    >>> to_cents(Decimal("268.5")), to_cents(Decimal("-0.01"))
    (26850, -1)
    """
    got = _CENTS.get(amount)
    if got is None:
        n, d = amount.as_integer_ratio()
        got, rest = divmod(n * 100, d)
        if rest:
            raise InputError(field, "must have at most 2 decimal places (0.01 yuan)", amount)
        if len(_CENTS) > _MEMO_LIMIT:
            _CENTS.clear()
        _CENTS[amount] = got
    return got


def yuan(cents: int) -> Decimal:
    """Whole cents as yuan with exactly 2 places (as :func:`propmgmt_rules.money.from_cents`),
    remembered per value.

    >>> yuan(26850), yuan(-5), yuan(0)
    (Decimal('268.50'), Decimal('-0.05'), Decimal('0.00'))
    """
    got = _YUAN.get(cents)
    if got is None:
        sign = "-" if cents < 0 else ""
        whole, part = divmod(abs(cents), 100)
        if len(_YUAN) > _MEMO_LIMIT:
            _YUAN.clear()
        got = _YUAN[cents] = Decimal(f"{sign}{whole}.{part:02d}")
    return got


bill_order: Final = attrgetter("due", "id")
"""Bills are applied and listed by their last day to pay, then by id."""

payment_order: Final = attrgetter("at", "id")
"""Payments (and every other dated fact) are taken in time order, then by id."""


class Ledger:
    """The bills (sorted) and the payments (sorted) after application: per bill the amount
    and the amount paid in cents and the last payment applied to it (an index into
    ``payments``, -1 for none); every applied part as (bill, payment, cents); the credit."""

    __slots__ = ("allocations", "amounts", "bills", "credit", "last_payment", "paid",
                 "payments", "set_aside_designations")

    def __init__(self, bills: list[Bill], payments: list[Payment]) -> None:
        self.bills = bills
        self.payments = payments
        known = _CENTS.get
        self.amounts = [known(b.amount) or to_cents(b.amount, f"bills[{b.id}].amount")
                        for b in bills]
        self.paid = [0] * len(bills)
        self.last_payment = [-1] * len(bills)
        self.allocations: list[tuple[int, int, int]] = []
        self.credit = 0
        self.set_aside_designations: list[int] = []

    def remaining(self, i: int) -> int:
        """What is left to pay on bill ``i``, in cents (never negative)."""
        return self.amounts[i] - self.paid[i]


def apply_payments(bills: Sequence[Bill], payments: Sequence[Payment],
                   order: PaymentOrder) -> Ledger:
    """Apply ``payments`` (every one of them: the caller leaves out those after the instant
    asked about) to ``bills`` under ``order``; both are sorted here, so the facts' order does
    not matter."""
    ledger = Ledger(sorted(bills, key=bill_order), sorted(payments, key=payment_order))
    amounts, paid, last, allocations = (ledger.amounts, ledger.paid, ledger.last_payment,
                                        ledger.allocations)
    n = len(amounts)
    index = {b.id: i for i, b in enumerate(ledger.bills)} if order is not \
        PaymentOrder.OLDEST_FIRST or any(p.bills for p in ledger.payments) else {}
    first = 0  # every bill before it is paid in full
    known = _CENTS.get
    for k, p in enumerate(ledger.payments):
        left = known(p.amount) or to_cents(p.amount, f"payments[{p.id}].amount")
        if p.bills:
            if order is PaymentOrder.DESIGNATED_FIRST:
                for i in sorted(index[b] for b in set(p.bills)):
                    take = min(amounts[i] - paid[i], left)
                    if take > 0:
                        paid[i] += take
                        left -= take
                        last[i] = k
                        allocations.append((i, k, take))
            else:
                ledger.set_aside_designations.append(k)
        while left and first < n:
            take = min(amounts[first] - paid[first], left)
            if take > 0:
                paid[first] += take
                left -= take
                last[first] = k
                allocations.append((first, k, take))
            if paid[first] == amounts[first]:
                first += 1
        ledger.credit += left
    return ledger
