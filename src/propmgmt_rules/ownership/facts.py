"""Fact builders: a registration book's records in a line each, validated as the book's.

Each builder returns the validated record (:class:`~.models.Reception`, :class:`~.models.Deal`,
...); :func:`book` gathers any records into a :class:`~.models.RegistrationBook` (each in its
list, validated together: unique ids, references to records of the book). An instant is a
timezone-aware ``datetime`` or ISO 8601 text; text without an offset is read in China
Standard Time (UTC+8, the regulations' time), ``"2025-03-01 10:00"``. A naive ``datetime`` is
refused, as everywhere.

>>> from propmgmt_rules.ownership import decide_ownership
>>> from propmgmt_rules.ownership.facts import book, deal, phone_enquiry, visit
>>> b = book(phone_enquiry("R1", "C1", "A", "2025-03-01 09:00"),
...          visit("R2", "C1", "B", "2025-03-01 10:00"),
...          deal("D1", "C1", "2025-03-10 10:00", "10000.00"))
>>> decide_ownership(b, "C1", as_of="2025-03-02 00:00+08:00", rulebook="CC").outcome.owner_ids()
('B',)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Final

from ..errors import InputError
from .models import (
    AfterSales,
    ChangeKind,
    ChangeRequest,
    Channel,
    CompanyReferral,
    Deal,
    DealChange,
    DealChangeKind,
    Departure,
    Fault,
    Introduction,
    Reception,
    Recognition,
    RegistrationBook,
    Relation,
    RelationKind,
    StaffReferral,
)

__all__ = [
    "CHINA",
    "When",
    "at",
    "book",
    "change_request",
    "company_referral",
    "deal",
    "deal_change",
    "departure",
    "introduction",
    "phone_enquiry",
    "recognition",
    "relation",
    "staff_referral",
    "visit",
]

CHINA: Final = timezone(timedelta(hours=8), "CST")
"""China Standard Time (UTC+8): the zone of an instant given as text without an offset."""

When = datetime | str
"""An instant: an aware ``datetime``, or ISO 8601 text (without an offset: China time)."""

_LISTS: Final[dict[type, str]] = {
    Reception: "receptions", Relation: "relations", Recognition: "recognitions",
    ChangeRequest: "change_requests", Departure: "departures",
    CompanyReferral: "company_referrals", StaffReferral: "staff_referrals",
    Introduction: "introductions", Deal: "deals", DealChange: "deal_changes",
}


def at(when: When, field: str = "at") -> datetime:
    """The instant ``when``: an aware ``datetime`` as is, ISO text read (without an offset:
    in :data:`CHINA`). Text that is not an instant is an :class:`~propmgmt_rules.InputError`
    naming ``field``.

    >>> at("2025-03-01 10:00").isoformat()
    '2025-03-01T10:00:00+08:00'
    >>> at("2025-03-01T10:00:00+09:00").isoformat()
    '2025-03-01T10:00:00+09:00'
    """
    if isinstance(when, str):
        try:
            parsed = datetime.fromisoformat(when.strip()[:64])
        except ValueError:
            raise InputError(field, "must be an ISO 8601 instant", when[:64]) from None
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=CHINA)
    return when  # a datetime (a naive one is refused by the record's validation)


def visit(id: str, client: str, consultant: str, when: When, *, verified: bool = True,
          **context: Any) -> Reception:
    """A reception in person (it counts, `CC-1`, `SD-7.1`); ``verified=False``: not verified
    by the project manager (`SD-7.2`); ``context``: what the reception's context says
    (``asked_for="B"``, ``brought_by="BUYER"``, ``acquaintance=True``, ...)."""
    return Reception(id=id, client=client, consultant=consultant, at=at(when),
                     channel=Channel.IN_PERSON, verified=verified,
                     context=context or None)  # type: ignore[arg-type]


def phone_enquiry(id: str, client: str, consultant: str, when: When, **context: Any
                  ) -> Reception:
    """A phone enquiry: recorded, never a claim (`CC-NOTE`, `SD-3.13`)."""
    return Reception(id=id, client=client, consultant=consultant, at=at(when),
                     channel=Channel.PHONE, context=context or None)  # type: ignore[arg-type]


def relation(id: str, a: str, b: str, known_at: When,
             kind: RelationKind | str = RelationKind.SPOUSE) -> Relation:
    """Two clients of one household (`CC-3`, `SD-7.4`), known from ``known_at``."""
    return Relation(id=id, a=a, b=b, kind=kind, known_at=at(known_at, "known_at"))  # type: ignore[arg-type]


def deal(id: str, buyers: str | Iterable[str], when: When, commission: Decimal | str | int,
         *, unit: str = "", arranged_by_company: bool = False,
         after_sales_by: str | None = None, after_sales_role: AfterSales | str | None = None
         ) -> Deal:
    """A deal of ``buyers`` (one client, or several) with its commission (yuan, to the cent:
    ``"10000.00"``; never a float)."""
    return Deal(id=id, buyers=(buyers,) if isinstance(buyers, str) else tuple(buyers),
                at=at(when), commission=commission, unit=unit,  # type: ignore[arg-type]
                arranged_by_company=arranged_by_company, after_sales_by=after_sales_by,
                after_sales_role=after_sales_role)  # type: ignore[arg-type]


def departure(id: str, consultant: str, when: When, successor: str | None = None
              ) -> Departure:
    """A consultant who left (`CC-4.3`), and who took over their clients."""
    return Departure(id=id, consultant=consultant, at=at(when), successor=successor)


def recognition(id: str, client: str, consultant: str, when: When) -> Recognition:
    """A client who forgot their consultant recognises them (`SD-3.7`)."""
    return Recognition(id=id, client=client, consultant=consultant, at=at(when))


def change_request(id: str, client: str, when: When, *,
                   kind: ChangeKind | str = ChangeKind.REPLACE, fault: Fault | str = Fault.NONE,
                   **more: Any) -> ChangeRequest:
    """A client asking for another consultant (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`,
    `SD-5.3`); ``more``: ``insists``, ``requested``, ``assigned_to``, ``instigated``."""
    return ChangeRequest(id=id, client=client, at=at(when), kind=kind,  # type: ignore[arg-type]
                         fault=fault, **more)  # type: ignore[arg-type]


def company_referral(id: str, client: str, when: When, by: str = "") -> CompanyReferral:
    """A client the company referred (a company client, `SD-6.1.1`)."""
    return CompanyReferral(id=id, client=client, at=at(when), by=by)


def staff_referral(id: str, client: str, introducer: str, registered_at: When,
                   agreed_date: date | str, *, confirmed: bool | None = None,
                   signed: bool | None = None) -> StaffReferral:
    """A staff member's referral registered with the project manager (`SD-6.2.1` to
    `SD-6.2.5`), with the agreed visit date."""
    return StaffReferral(id=id, client=client, introducer=introducer,
                         registered_at=at(registered_at, "registered_at"),
                         agreed_date=agreed_date, confirmed=confirmed,  # type: ignore[arg-type]
                         signed=signed)


def introduction(id: str, client: str, by_client: str, consultant: str, when: When,
                 agreed_at: When | None = None) -> Introduction:
    """An old client introducing a new one to their consultant (`SD-7.5.A`)."""
    return Introduction(id=id, client=client, by_client=by_client, consultant=consultant,
                        at=at(when), agreed_at=None if agreed_at is None
                        else at(agreed_at, "agreed_at"))


def deal_change(id: str, deal: str, when: When, kind: DealChangeKind | str, **more: Any
                ) -> DealChange:
    """A change after a deal (rename, unit change, swap); ``more``: ``new_buyers``,
    ``new_unit``, ``swapped_with``."""
    return DealChange(id=id, deal=deal, at=at(when), kind=kind, **more)  # type: ignore[arg-type]


def book(*facts: Any, **lists: Iterable[Any]) -> RegistrationBook:
    """The registration book of ``facts`` (records of any kind, in any order), each in its
    list, and of ``lists`` by the book's names (``receptions=[...]``, ``deals=[...]``: records
    or their JSON-like dicts), validated together. A fact that is not a record of the book is
    an :class:`~propmgmt_rules.InputError`.

    >>> book(visit("R1", "C1", "A", "2025-03-01 10:00")).clients()
    ('C1',)
    >>> book(deals=[deal("D1", "C1", "2025-03-10 10:00", "100.00")],
    ...      receptions=[visit("R1", "C1", "A", "2025-03-01 10:00")]).deals[0].buyers
    ('C1',)
    """
    out: dict[str, list[Any]] = {name: list(given) for name, given in lists.items()}
    for i, fact in enumerate(facts):
        name = _LISTS.get(type(fact))
        if name is None:
            raise InputError(f"facts[{i}]", "must be a record of the book (visit(), deal(), "
                             "...)", type(fact).__name__)
        out.setdefault(name, []).append(fact)
    return RegistrationBook.model_validate(out)
