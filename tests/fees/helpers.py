"""Small builders for the fee tests: instants in Asia/Shanghai, bills, payments, actions."""

from __future__ import annotations

import calendar
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from propmgmt_rules.fees import (
    Acknowledgement,
    Bill,
    CollectionAction,
    FeeAccount,
    Payment,
)

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=SH)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def bill(ident: str, due: date, amount: str = "100.00", period: str | None = None) -> Bill:
    return Bill(id=ident, period=period or due.strftime("%Y-%m"), amount=Decimal(amount),
                due=due)


def monthly(n: int, year: int = 2025, month: int = 1, amount: str = "100.00") -> list[Bill]:
    """``n`` monthly bills B01.. due at each month's end, from ``year``-``month``."""
    out = []
    for i in range(n):
        y, m = divmod(month - 1 + i, 12)
        out.append(bill(f"B{i + 1:02d}", month_end(year + y, m + 1), amount))
    return out


def pay(ident: str, when: datetime, amount: str, *bills: str) -> Payment:
    return Payment(id=ident, at=when, amount=Decimal(amount), bills=bills)


def act(ident: str, when: datetime, kind: str, bills: tuple[str, ...] | None = None
        ) -> CollectionAction:
    return CollectionAction(id=ident, at=when, kind=kind, bills=bills)  # type: ignore[arg-type]


def ack(ident: str, when: datetime, bills: tuple[str, ...] | None = None) -> Acknowledgement:
    return Acknowledgement(id=ident, at=when, bills=bills)


def account(bills: list[Bill], payments: list[Payment] | None = None,
            actions: list[CollectionAction] | None = None,
            acks: list[Acknowledgement] | None = None, owner: str = "O1") -> FeeAccount:
    return FeeAccount(owner=owner, bills=tuple(bills), payments=tuple(payments or ()),
                      actions=tuple(actions or ()), acknowledgements=tuple(acks or ()))
