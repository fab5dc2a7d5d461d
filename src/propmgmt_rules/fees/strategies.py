"""Hypothesis strategies for catalog section 5 (needs ``hypothesis``, the ``test`` extra).

For users' own property-based tests::

    from hypothesis import given
    from propmgmt_rules.fees.strategies import fee_accounts

    @given(fee_accounts())
    def test_my_dunning_report(account): ...

Every fact falls in 2022-2026 (Asia/Shanghai, minute resolution): bills monthly with their
last day to pay at the month's end, payments of whole or part bills (maybe designated),
collection actions of every kind (maybe naming bills), acknowledgements.
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from .models import (
    Acknowledgement,
    ActionKind,
    Bill,
    BillingMonth,
    CollectionAction,
    FeeAccount,
    MoveIn,
    MoveInNotice,
    Payment,
    Reconciliation,
    ServiceRecord,
    SummaryHandover,
)

__all__ = ["amounts", "billing_months", "fee_accounts", "instants", "move_ins"]

_SH = ZoneInfo("Asia/Shanghai")
_FIRST = datetime(2022, 1, 1, tzinfo=_SH)
_MINUTES = 5 * 365 * 24 * 60


def instants(first: datetime = _FIRST, minutes: int = _MINUTES) -> st.SearchStrategy[datetime]:
    """Aware instants at whole minutes in ``[first, first + minutes)``."""
    return st.integers(0, minutes - 1).map(lambda m: first + timedelta(minutes=m))


def amounts(max_cents: int = 500_000, min_cents: int = 1) -> st.SearchStrategy[Decimal]:
    """Exact amounts in yuan with 2 places."""
    return st.integers(min_cents, max_cents).map(lambda c: Decimal(c).scaleb(-2))


def _month_end(year: int, month: int) -> date:
    return date(year, month, _gregorian.monthrange(year, month)[1])


@st.composite
def fee_accounts(draw: st.DrawFn, owner: str = "O1", max_bills: int = 30,
                 max_payments: int = 12, max_actions: int = 12) -> FeeAccount:
    """An owner's account: 0..``max_bills`` monthly bills from a month of 2022-2024, payments
    (some designated), actions of every kind (some naming bills) and acknowledgements."""
    n = draw(st.integers(0, max_bills))
    start = draw(st.integers(0, 35))
    bills = []
    for i in range(n):
        y, m = divmod(start + i, 12)
        bills.append(Bill(id=f"B{i:02d}", period=f"{2022 + y}-{m + 1:02d}",
                          amount=draw(amounts(100_000)), due=_month_end(2022 + y, m + 1)))
    ids = [b.id for b in bills]
    naming: st.SearchStrategy[tuple[str, ...] | None] = st.none()
    if ids:
        naming = naming | st.lists(st.sampled_from(ids), min_size=1, max_size=3,
                                   unique=True).map(tuple)
    payments = []
    for k in range(draw(st.integers(0, max_payments))):
        designated: tuple[str, ...] | None = draw(naming)
        payments.append(Payment(id=f"P{k:02d}", at=draw(instants()),
                                amount=draw(amounts(200_000)), bills=designated or ()))
    actions = [
        CollectionAction(id=f"A{k:02d}", at=draw(instants()),
                         kind=draw(st.sampled_from(list(ActionKind))), bills=draw(naming))
        for k in range(draw(st.integers(0, max_actions)))
    ]
    acks = [
        Acknowledgement(id=f"K{k:02d}", at=draw(instants()), bills=draw(naming))
        for k in range(draw(st.integers(0, 3)))
    ]
    return FeeAccount(owner=owner, bills=tuple(bills), payments=tuple(payments),
                      actions=tuple(actions), acknowledgements=tuple(acks))


@st.composite
def billing_months(draw: st.DrawFn, max_records: int = 20) -> BillingMonth:
    """A billing month of 2023-2025 with records around its cycle, maybe a summary, the
    bills, reconciliations and the last one before the month."""
    year = draw(st.integers(2023, 2025))
    month = draw(st.integers(1, 12))
    first = datetime(year, month, 1, tzinfo=_SH) - timedelta(days=40)
    around = instants(first, 80 * 24 * 60)
    records = [
        ServiceRecord(id=f"S{k:02d}", on=draw(around).date(),
                      owner=draw(st.sampled_from(("O1", "O2", "O3"))),
                      amount=draw(amounts(50_000, 0)))
        for k in range(draw(st.integers(0, max_records)))
    ]
    summary = draw(st.none() | st.builds(SummaryHandover, at=around,
                                         total=st.none() | amounts(500_000)))
    recs = [Reconciliation(id=f"R{k:02d}", at=draw(around))
            for k in range(draw(st.integers(0, 12)))]
    return BillingMonth(month=f"{year}-{month:02d}", records=tuple(records), summary=summary,
                        bills_made_at=draw(st.none() | around), reconciliations=tuple(recs),
                        previous_reconciliation=draw(st.none() | instants(first, 40 * 24 * 60)))


@st.composite
def move_ins(draw: st.DrawFn) -> MoveIn:
    """A move-in of 2025 with maybe a deadline, notices and reminders of every form, and
    maybe the owner's coming."""
    day = date(2025, 1, 1) + timedelta(days=draw(st.integers(0, 364)))
    deadline = draw(st.none() | st.integers(0, 30).map(lambda d: day + timedelta(days=d)))
    around = instants(datetime(day.year, day.month, day.day, tzinfo=_SH) - timedelta(days=30),
                      75 * 24 * 60)
    notices = [
        MoveInNotice(id=f"N{k}", at=draw(around), kind=draw(st.sampled_from(("notice",
                                                                             "reminder"))),
                     form=draw(st.sampled_from(("letter", "phone", "other"))))
        for k in range(draw(st.integers(0, 4)))
    ]
    return MoveIn(id="M1", owner="O1", move_in_on=day, deadline=deadline,
                  notices=tuple(notices), came_at=draw(st.none() | around))
