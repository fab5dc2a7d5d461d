"""The index of a registration book: its facts grouped by client, each group in the order the
engine reads it, (instant, record id). Built once per book (``RegistrationBook._index``) and
shared by every question asked about the book.

Receptions, nine rows in ten of a real book, are grouped first and sorted per client (a few
each), and kept with their instants converted to UTC: instants with the same ``tzinfo``
compare without asking each side for its offset, which is most of the cost of reading a
timeline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Final, TypeVar

from .models import (
    ChangeRequest,
    Channel,
    CompanyReferral,
    Deal,
    DealChange,
    Departure,
    Introduction,
    Reception,
    ReceptionContext,
    Recognition,
    RegistrationBook,
    Relation,
    StaffReferral,
)

__all__ = ["IN_PERSON", "PHONE", "UNVERIFIED", "BookIndex", "Names", "Visit"]

_K = TypeVar("_K")
_V = TypeVar("_V")
_R = TypeVar("_R")
_ID: Final = attrgetter("id")


def by_instant(records: Iterable[_R], instant: str = "at") -> list[_R]:
    """Records sorted by (instant, id): by id, then stably by the instant's POSIX timestamp
    (one offset lookup per record instead of two per comparison of aware datetimes; distinct
    instants a microsecond apart stay distinct as floats until the year 2255)."""
    out = sorted(records, key=_ID)
    get = attrgetter(instant)
    out.sort(key=lambda r: get(r).timestamp())
    return out


def group(pairs: Iterable[tuple[_K, _V]]) -> dict[_K, list[_V]]:
    """Values grouped by key, in the order given."""
    out: dict[_K, list[_V]] = {}
    for k, v in pairs:
        lst = out.get(k)
        if lst is None:
            out[k] = [v]
        else:
            lst.append(v)
    return out


Visit = tuple[datetime, str, int, str, int]
"""A reception as the readings see it: (instant in UTC, id, position in the book's receptions,
consultant, channel): ``IN_PERSON``, ``PHONE`` or ``UNVERIFIED`` (in person, not verified).
The plain readings need nothing else, so they never reach for the record itself (scattered
in memory in a large book); a tuple of atoms, the garbage collector stops following it after
one look."""
Names = dict[str, None]
"""A set of client ids, as a dict to ``None``: CPython's garbage collector never follows a dict
that holds no container, where it reads every element of a set (a set of 300,000 names read
at each full collection while a payroll run builds its decisions). Used as a set: ``in``,
iteration, ``dict.fromkeys`` to add."""
IN_PERSON: Final = 0
PHONE: Final = 1
UNVERIFIED: Final = 2


@dataclass(slots=True)
class BookIndex:
    """The book grouped by client, each list sorted by (instant, id): built once per book."""

    clients: Names
    """Every client the book names (as a set: see ``Names``)."""
    receptions: tuple[Reception, ...]
    """The book's receptions, as given (``timelines`` refers to them by position)."""
    timelines: dict[str, tuple[Visit, ...]]
    """Each client's receptions as :data:`Visit` atoms, in (instant, id) order."""
    relations: dict[str, list[Relation]]
    recognitions: dict[str, list[Recognition]]
    change_requests: dict[str, list[ChangeRequest]]
    company_referrals: dict[str, list[CompanyReferral]]
    staff_referrals: dict[str, list[StaffReferral]]
    introductions: dict[str, list[Introduction]]
    deals_by_buyer: dict[str, list[Deal]]
    deals: dict[str, Deal]
    deal_changes: dict[str, list[DealChange]]
    departures: dict[str, Departure]
    left_at: dict[str, datetime]
    """When each consultant of ``departures`` left, in UTC."""
    departed: dict[str, list[Departure]]
    """For each client, the departures of the consultants who received them, in the order of
    their first reception of the client."""
    proxies: dict[str, list[Reception]]
    others: Names
    """Clients named by a fact other than their own receptions (the rest need no sweep)."""
    special: Names
    """Clients whose timeline holds more than plain receptions: a reception with a context, a
    recognition, change request, referral or introduction naming them, or a viewing on their
    behalf (the rest take the plain reading; relations and deals do not change a reading)."""

    @classmethod
    def build(cls, book: RegistrationBook) -> BookIndex:
        grouped: defaultdict[str, list[Visit]] = defaultdict(list)
        special: Names = {}
        proxied: list[Reception] = []
        departures = {d.consultant: d for d in book.departures}
        received_by_leaver: set[str] = set()
        receptions = book.receptions
        phone, utc = Channel.PHONE, UTC
        for i, r in enumerate(receptions):
            f = r.__dict__  # the validated fields: one lookup each, not an attribute's two
            client, consultant = f["client"], f["consultant"]
            channel = PHONE if f["channel"] is phone else IN_PERSON if f["verified"] \
                else UNVERIFIED
            grouped[client].append((f["at"].astimezone(utc), f["id"], i, consultant, channel))
            if consultant in departures:
                received_by_leaver.add(client)
            context: ReceptionContext | None = f["context"]
            if context is not None:
                special[client] = None
                if context.proxy_for is not None:
                    proxied.append(r)
        timelines: dict[str, tuple[Visit, ...]] = {}
        for client, lst in grouped.items():
            if len(lst) > 1:
                lst.sort()  # (instant in UTC, id): ids are unique, the rest never compared
            timelines[client] = tuple(lst)
        del grouped
        clients = dict.fromkeys(timelines)
        # the leavers deduplicated by name, not by their Departure (a model: hashed in Python)
        departed = {client: [departures[c] for c in dict.fromkeys(
                        v[3] for v in timelines[client] if v[3] in departures)]
                    for client in received_by_leaver}
        for facts in (book.company_referrals, book.staff_referrals, book.introductions):
            clients.update(dict.fromkeys(x.client for x in facts))
        changes = by_instant(book.deal_changes)
        deals = by_instant(book.deals)
        idx = cls(
            clients=clients,
            receptions=receptions,
            timelines=timelines,
            relations=group((c, rel) for rel in by_instant(book.relations, "known_at")
                            for c in (rel.a, rel.b)),
            recognitions=group((g.client, g) for g in by_instant(book.recognitions)),
            change_requests=group((c.client, c) for c in by_instant(book.change_requests)),
            company_referrals=group((c.client, c) for c in by_instant(book.company_referrals)),
            staff_referrals=group(
                (s.client, s) for s in by_instant(book.staff_referrals, "registered_at")),
            introductions=group((i.client, i) for i in by_instant(book.introductions)),
            deals_by_buyer=group((b, d) for d in deals for b in dict.fromkeys(d.buyers)),
            deals={d.id: d for d in deals},
            deal_changes=group(
                (d, c) for c in changes
                for d in ((c.deal,) if not c.swapped_with or c.swapped_with == c.deal
                          else (c.deal, c.swapped_with))),
            departures=departures,
            left_at={c: d.at.astimezone(UTC) for c, d in departures.items()},
            departed=departed,
            proxies=group((r.context.proxy_for, r) for r in by_instant(proxied)
                          if r.context is not None and r.context.proxy_for is not None),
            others={},
            special=special,
        )
        for table in (idx.recognitions, idx.change_requests, idx.company_referrals,
                      idx.staff_referrals, idx.introductions, idx.proxies):
            idx.special.update(dict.fromkeys(table))
            idx.others.update(dict.fromkeys(table))
        idx.others.update(dict.fromkeys(idx.relations))
        idx.others.update(dict.fromkeys(idx.deals_by_buyer))
        return idx
