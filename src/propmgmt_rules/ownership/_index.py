"""The index of a registration book: its facts grouped by client, each group in the order the
engine reads it, (instant, record id). The engine builds it the first time a question is
asked about a book (:func:`index_of`) and keeps it with the book, for every later question.

Receptions, nine rows in ten of a real book, are grouped first and sorted per client (a few
each), and kept with their instants converted to UTC: instants with the same ``tzinfo``
compare without asking each side for its offset, which is most of the cost of reading a
timeline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import attrgetter
from typing import Any, Final, Generic, TypeVar

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

__all__ = ["IN_PERSON", "PHONE", "UNVERIFIED", "BookIndex", "Groups", "Names", "Visit",
           "by_instant", "index_of"]

_V = TypeVar("_V")
_R = TypeVar("_R")
_ID: Final = attrgetter("id")
_SMALL: Final = 16
"""Receptions of one client kept as a growing tuple (copied on each one) before a list."""


def by_instant(records: Iterable[_R], instant: str = "at") -> list[_R]:
    """Records sorted by (instant, id): by id, then stably by the instant's POSIX timestamp
    (one offset lookup per record instead of two per comparison of aware datetimes; distinct
    instants a microsecond apart stay distinct as floats until the year 2255)."""
    if not records:  # most lists of a small book
        return []
    out = sorted(records, key=_ID)
    if len(out) > 1:
        get = attrgetter(instant)
        out.sort(key=lambda r: get(r).timestamp())
    return out


class Groups(dict[str, tuple[int, int]], Generic[_V]):
    """Records grouped by key, each group in the order given: ``get(key, ())`` gives the
    group as a tuple, ``key in groups`` says whether it has one, iterating gives the keys.

    The records are kept in one tuple, in group order, and each key maps to where its group
    starts and how long it is (atoms): no container per key. A list per key, built over a
    pass of hundreds of thousands of records, lives through enough young collections to be
    counted in the garbage collector's oldest generation, and a few hundred thousand of those
    make it run a full collection over the caller's whole heap (most of the book) while a
    payroll run settles; these groups add two objects, whatever the book's size. (A dict of
    the spans itself: ``in``, ``len`` and truth are the dict's own, at C speed.)"""

    __slots__ = ("_records",)

    def __init__(self, keys: Sequence[str], values: Sequence[_V]) -> None:
        """``values[i]`` in the group of ``keys[i]`` (two lists: no pair per record)."""
        if not keys:  # most of a small book's lists (a command-line case): nothing to group
            self._records: tuple[_V, ...] = ()
            return
        sizes: dict[str, int] = {}
        for k in keys:
            sizes[k] = sizes.get(k, 0) + 1
        # the spans set one by one (a dict subclass filled by ``update`` or its ``__init__``
        # from an iterator takes the slow path: 1-2 µs for a group or two)
        if len(sizes) == len(keys):  # each key once (most of a small book's): as given
            for i, k in enumerate(keys):
                self[k] = (i, 1)
            self._records = tuple(values)
            return
        starts: dict[str, int] = {}
        at = 0
        for k, size in sizes.items():
            starts[k] = at
            self[k] = (at, size)
            at += size
        slots: list[Any] = [None] * len(keys)
        for k, v in zip(keys, values, strict=True):
            i = starts[k]
            slots[i] = v
            starts[k] = i + 1
        self._records = tuple(slots)

    @classmethod
    def by(cls, records: Iterable[_V], keys: Callable[[_V], Iterable[str]]) -> Groups[_V]:
        """``records`` grouped by ``keys(record)`` (a record in the group of each of its
        keys), in the order given."""
        if type(records) is list and not records:  # most lists of a small book
            return cls((), ())
        ks: list[str] = []
        vs: list[_V] = []
        for r in records:
            for k in keys(r):
                ks.append(k)
                vs.append(r)
        return cls(ks, vs)

    def get(self, key: str, default: tuple[_V, ...] = ()) -> tuple[_V, ...]:  # type: ignore[override]
        """The group of ``key``, or ``default``."""
        span = dict.get(self, key)
        if span is None:
            return default
        start, size = span
        return self._records[start:start + size]



def _grouped(records: Sequence[_V], keys: Callable[[_V], Iterable[str]], instant: str = "at"
             ) -> Groups[_V]:
    """``records`` by (instant, id) grouped by ``keys`` (``Groups.by``; an empty list, most
    of a small book's, is neither sorted nor grouped: the one empty group table)."""
    if not records:
        return _NO_GROUPS
    return Groups.by(by_instant(records, instant), keys)


_NO_GROUPS: Final[Groups[Any]] = Groups((), ())
"""The group table of an empty list, shared by every index (an index's tables are never
changed once built: ``incremental`` layers its additions over them)."""


def _related(rel: Relation) -> tuple[str, str]:
    return (rel.a, rel.b)


def _buyers(d: Deal) -> dict[str, None]:
    return dict.fromkeys(d.buyers)


def _new_buyers(c: DealChange) -> dict[str, None]:
    return dict.fromkeys(c.new_buyers)


def _client(r: Recognition | ChangeRequest | CompanyReferral | StaffReferral | Introduction
            ) -> tuple[str]:
    return (r.client,)


def _proxy_for(r: Reception) -> tuple[str]:
    assert r.context is not None
    assert r.context.proxy_for is not None
    return (r.context.proxy_for,)


def _changed_deals(c: DealChange) -> tuple[str, ...]:
    """The deals a change is about: its deal, and the other deal of a swap."""
    return (c.deal,) if not c.swapped_with or c.swapped_with == c.deal else (c.deal,
                                                                               c.swapped_with)


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
    relations: Groups[Relation]
    recognitions: Groups[Recognition]
    change_requests: Groups[ChangeRequest]
    company_referrals: Groups[CompanyReferral]
    staff_referrals: Groups[StaffReferral]
    introductions: Groups[Introduction]
    deals_by_buyer: Groups[Deal]
    deals: dict[str, Deal]
    deal_changes: Groups[DealChange]
    departures: dict[str, Departure]
    left_at: dict[str, datetime]
    """When each consultant of ``departures`` left, in UTC."""
    departed: Groups[Departure]
    """For each client, the departures of the consultants who received them, in the order of
    their first reception of the client."""
    proxies: Groups[Reception]
    renamed_to: Groups[DealChange]
    """For each client, the renames of deals to them (``new_buyers``)."""
    others: Names
    """Clients named by a fact other than their own receptions (the rest need no sweep)."""
    special: Names
    """Clients whose timeline holds more than plain receptions: a reception with a context, a
    recognition, change request, referral or introduction naming them, or a viewing on their
    behalf (the rest take the plain reading; relations and deals do not change a reading)."""

    made_of: tuple[tuple[object, ...], ...] = ()
    """The book's lists it was built from (to tell a copy of the book with other facts)."""

    @classmethod
    def build(cls, book: RegistrationBook) -> BookIndex:
        # each client's visits as a tuple grown by one (no list per client: see ``Groups``);
        # the few clients with more than _SMALL receptions continue in a list
        grouped: dict[str, tuple[Visit, ...]] = {}
        large: dict[str, list[Visit]] = {}
        special: Names = {}
        proxied: list[Reception] = []
        departures = {d.consultant: d for d in book.departures}
        received_by_leaver: Names = {}
        receptions = book.receptions
        phone, utc, small, get = Channel.PHONE, UTC, _SMALL, grouped.get
        for i, r in enumerate(receptions):
            f = r.__dict__  # the validated fields: one lookup each, not an attribute's two
            client, consultant = f["client"], f["consultant"]
            channel = PHONE if f["channel"] is phone else IN_PERSON if f["verified"] \
                else UNVERIFIED
            visit = (f["at"].astimezone(utc), f["id"], i, consultant, channel)
            got = get(client)
            if got is None:
                grouped[client] = (visit,)
            elif len(got) < small:
                grouped[client] = got + (visit,)  # noqa: RUF005 (faster than unpacking)
            elif client in large:
                large[client].append(visit)
            else:
                large[client] = [*got, visit]
            if consultant in departures:
                received_by_leaver[client] = None
            context: ReceptionContext | None = f["context"]
            if context is not None:
                special[client] = None
                if context.proxy_for is not None:
                    proxied.append(r)
        timelines: dict[str, tuple[Visit, ...]] = {}
        for client, got in grouped.items():
            more = large.get(client)
            if more is not None:
                more.sort()  # (instant in UTC, id): ids are unique, the rest never compared
                got = tuple(more)
            elif len(got) > 1:
                got = tuple(sorted(got))
            timelines[client] = got
        del grouped, large
        clients = dict.fromkeys(timelines)
        # the leavers deduplicated by name, not by their Departure (a model: hashed in Python)
        leavers = [(client, c) for client in received_by_leaver
                   for c in dict.fromkeys(v[3] for v in timelines[client] if v[3] in departures)]
        for facts in (book.company_referrals, book.staff_referrals, book.introductions):
            if facts:  # most are empty in a small book
                clients.update(dict.fromkeys(x.client for x in facts))
        deals = by_instant(book.deals)
        idx = cls(
            clients=clients,
            receptions=receptions,
            timelines=timelines,
            relations=_grouped(book.relations, _related, "known_at"),
            recognitions=_grouped(book.recognitions, _client),
            change_requests=_grouped(book.change_requests, _client),
            company_referrals=_grouped(book.company_referrals, _client),
            staff_referrals=_grouped(book.staff_referrals, _client, "registered_at"),
            introductions=_grouped(book.introductions, _client),
            deals_by_buyer=Groups.by(deals, _buyers),
            deals={d.id: d for d in deals},
            deal_changes=_grouped(book.deal_changes, _changed_deals),
            departures=departures,
            left_at={c: d.at.astimezone(UTC) for c, d in departures.items()},
            departed=Groups([client for client, _ in leavers],
                            [departures[c] for _, c in leavers]),
            proxies=_grouped(proxied, _proxy_for),
            renamed_to=Groups.by((c for c in by_instant(book.deal_changes) if c.new_buyers),
                                 _new_buyers) if book.deal_changes else _NO_GROUPS,
            others={},
            special=special,
            made_of=_made_of(book),
        )
        for table in (idx.recognitions, idx.change_requests, idx.company_referrals,
                      idx.staff_referrals, idx.introductions, idx.proxies):
            if table:  # most are empty in a small book
                idx.special.update(dict.fromkeys(table))
                idx.others.update(dict.fromkeys(table))
        for named in (idx.relations, idx.renamed_to, idx.deals_by_buyer):
            if named:
                idx.others.update(dict.fromkeys(named))
        return idx


def _made_of(book: RegistrationBook) -> tuple[tuple[object, ...], ...]:
    read = _LISTS_OF.get(type(book))
    if read is None:  # one getter of every field per class (a tuple of them at C speed)
        read = _LISTS_OF[type(book)] = attrgetter(*type(book).model_fields)
    return read(book)


_LISTS_OF: dict[type[RegistrationBook], Callable[[RegistrationBook], Any]] = {}


def index_of(book: RegistrationBook) -> BookIndex:
    """The index of ``book``: built the first time a question is asked about it, then kept
    with the (immutable) book as a cached value is (not a field: the book's equality, JSON
    and pickled form never see it); built again for a copy with other facts
    (``model_copy(update=...)`` copies it)."""
    got: BookIndex | None = book.__dict__.get("_index")
    if got is None or any(a is not b for a, b in zip(got.made_of, _made_of(book), strict=True)):
        got = book.__dict__["_index"] = BookIndex.build(book)
    return got
