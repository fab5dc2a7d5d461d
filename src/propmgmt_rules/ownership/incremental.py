"""An incremental registration book (issue 14): a CRM's front desk asks at every arrival "is
this visitor already someone's client?" (报备查重 / 撞单), then records the reception; a payroll
run settles again after a handful of late deals.

:class:`LiveBook` holds a registration book and its index. :meth:`LiveBook.add` takes new
facts (receptions, relations, deals, deal changes, recognitions, referrals, departures ...) and
returns a **new** book that shares its structure with the old one: nothing a holder of the old
book can see changes. Only the new facts are validated, by the same checks as a whole
:class:`~.models.RegistrationBook` (pydantic on each record, then the book-level checks of
:func:`~.models.fact_problems`: duplicate ids, references to clients, deals and consultants the
book does not hold, receptions after their consultant left); the index is updated for the
clients they touch only; a settlement reuses the decisions of the households they do not
touch. The answers are those of the whole-book functions on the same facts
(:func:`~.engine.decide_ownership`, :func:`~.engine.split_commission`, :func:`~.engine.settle`):
byte-identical decisions.

>>> from propmgmt_rules.ownership import CC, LiveBook
>>> live = LiveBook().add(receptions=[{"id": "R1", "client": "C1", "consultant": "A",
...                                     "at": "2025-03-01T10:00:00+08:00"}])
>>> live.who_owns("C1", as_of="2025-03-02T00:00:00+08:00", rulebook=CC).owners
('A',)
>>> live.who_owns("C2", as_of="2025-03-02T00:00:00+08:00", rulebook=CC).known
False

How the structure is shared: each table of the index (a client's timeline, its relations,
deals, ...) is a persistent map, a few small dictionaries of the latest changes over the
index of the book the live book started from (``_Layered``); a change copies the smallest
dictionary only, and merges it into the next when it fills up. The receptions are the
starting book's tuple and a few chunks of the added ones (``_Seq``).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from fractions import Fraction
from functools import partial
from typing import Any, Final, cast

from pydantic import BaseModel, ConfigDict, ValidationError, create_model
from pydantic_core import InitErrorDetails, PydanticCustomError

from .._build import construct
from ..decision import Escalation
from ..errors import InputError
from ._commission import commission_decision
from ._context import Context
from ._decisions import escalation_target
from ._household import deal_credit, read_household
from ._index import IN_PERSON, PHONE, UNVERIFIED, BookIndex, Visit, index_of
from ._trace import Trace, unique
from .engine import _as_of, _decide_household, _households, _id
from .engine import settle as _settle_book
from .models import (
    _LISTS,
    ChangeRequest,
    Channel,
    CommissionDecision,
    CompanyReferral,
    Deal,
    DealChange,
    Departure,
    Introduction,
    OwnershipDecision,
    Reception,
    Recognition,
    RegistrationBook,
    Relation,
    StaffReferral,
    _renamed,
    fact_problems,
)
from .policy import Rulebook
from .presets import resolve_rulebook

__all__ = ["Claim", "LiveBook"]

_MISSING: Final[Any] = object()
_CAPS: Final = (32, 1024)
"""The sizes of the two smaller dictionaries of a persistent map before each is merged into
the next (the third grows with the changes and is merged only into a new copy of itself)."""


class _Layered:
    """A persistent map: the changes since the starting index in a few dictionaries (newest
    first), over the starting table (a ``dict`` or an ``_index.Groups``; never changed).
    Keys are only added or given a new value (a book only grows). Reads as the engine reads
    an index table: ``get``, ``in``, ``[]``, truth, ``len``, iteration."""

    __slots__ = ("_base", "_levels", "_n")

    def __init__(self, base: Any, levels: tuple[dict[Any, Any], ...] = ({}, {}, {}),
                 n: int | None = None) -> None:
        self._base = base
        self._levels = levels
        self._n = len(base) if n is None else n

    def get(self, key: Any, default: Any = None) -> Any:
        for level in self._levels:
            got = level.get(key, _MISSING)
            if got is not _MISSING:
                return got
        return self._base.get(key, default)

    def __contains__(self, key: object) -> bool:
        for level in self._levels:
            if key in level:
                return True
        return key in self._base

    def __getitem__(self, key: Any) -> Any:
        got = self.get(key, _MISSING)
        if got is _MISSING:
            raise KeyError(key)
        return got

    def __bool__(self) -> bool:
        return self._n > 0

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[Any]:
        yield from self._base
        seen: set[Any] = set()
        for level in reversed(self._levels):
            for key in level:
                if key not in seen and key not in self._base:
                    seen.add(key)
                    yield key

    def keys(self) -> Iterator[Any]:
        return iter(self)

    def items(self) -> Iterator[tuple[Any, Any]]:
        for key in self:
            yield key, self[key]

    def values(self) -> Iterator[Any]:
        for key in self:
            yield self[key]

    def set_many(self, items: Mapping[Any, Any]) -> _Layered:
        """A new map with ``items`` set (this one unchanged)."""
        n = self._n + sum(1 for k in items if k not in self)
        small, mid, large = self._levels
        small = {**small, **items}
        if len(small) > _CAPS[0]:
            mid, small = {**mid, **small}, {}
            if len(mid) > _CAPS[1]:
                large, mid = {**large, **mid}, {}
        return _Layered(self._base, (small, mid, large), n)


def _layered(table: Any) -> _Layered:
    return table if isinstance(table, _Layered) else _Layered(table)


_CHUNK: Final = 256


class _Seq(Sequence[Any]):
    """A persistent sequence: the starting book's tuple, then the added records in chunks
    (an addition copies the last chunk only)."""

    __slots__ = ("_base", "_chunks", "_n")

    def __init__(self, base: tuple[Any, ...], chunks: tuple[tuple[Any, ...], ...] = ()) -> None:
        self._base = base
        self._chunks = chunks
        self._n = len(base) + sum(len(c) for c in chunks)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return tuple(self)[i]
        if i < 0:
            i += self._n
        b = len(self._base)
        if i < b:
            return self._base[i]
        j = i - b
        if not 0 <= j < self._n - b:
            raise IndexError(i)
        return self._chunks[j // _CHUNK][j % _CHUNK]

    def __iter__(self) -> Iterator[Any]:
        yield from self._base
        for chunk in self._chunks:
            yield from chunk

    def extended(self, records: Sequence[Any]) -> _Seq:
        if not records:
            return self
        chunks = list(self._chunks)
        for r in records:
            if chunks and len(chunks[-1]) < _CHUNK:
                chunks[-1] = (*chunks[-1], r)
            else:
                chunks.append((r,))
        return _Seq(self._base, tuple(chunks))

    def as_tuple(self) -> tuple[Any, ...]:
        return self._base if not self._chunks else tuple(self)


# -- validating the new facts --------------------------------------------------------------

_Batch: type[BaseModel] = create_model(  # type: ignore[call-overload]
    "RegistrationBook", __config__=ConfigDict(frozen=True, extra="forbid"),
    **{name: (f.annotation, f) for name, f in RegistrationBook.model_fields.items()})
"""The lists of a :class:`RegistrationBook` without its book-level checks: pydantic on each
new record (the checks are then made against the whole book, :func:`~.models.fact_problems`)."""

_KINDS: Final[dict[type[BaseModel], str]] = {
    Reception: "receptions", Relation: "relations", Recognition: "recognitions",
    ChangeRequest: "change_requests", Departure: "departures",
    CompanyReferral: "company_referrals", StaffReferral: "staff_referrals",
    Introduction: "introductions", Deal: "deals", DealChange: "deal_changes"}
_RANK: Final = {name: i for i, name in enumerate(
    ("receptions", "relations", "recognitions", "change_requests", "departures",
     "company_referrals", "introductions", "deals", "deal_changes", "staff_referrals"))}
"""The order in which ``engine._latest`` reads the lists (the first latest instant wins)."""


def _instant(name: str, rec: Any) -> datetime:
    return cast(datetime, rec.known_at if name == "relations" else
                rec.registered_at if name == "staff_referrals" else rec.at)


class _Either:
    """``x in a or x in b``."""

    __slots__ = ("a", "b")

    def __init__(self, a: Any, b: Any) -> None:
        self.a, self.b = a, b

    def __contains__(self, x: object) -> bool:
        return x in self.a or x in self.b


def _book_error(problems: list[tuple[str, str, str, Any]]) -> ValidationError:
    return ValidationError.from_exception_data("RegistrationBook", [
        InitErrorDetails(type=PydanticCustomError("book", msg.replace("{", "{{").replace(
            "}", "}}")), loc=(where, *field.split(".")), input=value)
        for where, field, msg, value in problems])


# -- the answers -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Claim:
    """Who owns a client now (the front desk's 报备查重 / 撞单 check): the consultants and
    their shares of the client's household, until when the registration protects them, or an
    escalation; ``known`` is false for a visitor the book never named (nobody owns them)."""

    client: str
    known: bool
    owners: tuple[str, ...] = ()
    shares: tuple[Fraction, ...] = ()
    household: tuple[str, ...] = ()
    protected_until: datetime | None = None
    lapsed: bool = False
    escalation: Escalation | None = None

    @property
    def owned(self) -> bool:
        """Someone owns the client (and the registration window has not lapsed)."""
        return bool(self.owners) and not self.lapsed


_Decision = OwnershipDecision | CommissionDecision


class _Settled:
    """One settlement of a book version (a rulebook and an instant): its decisions in the
    order ``settle`` gives them, with their keys, for the next version to reuse."""

    __slots__ = ("deal_keys", "deals", "multi", "multi_keys", "rb", "single_keys",
                 "singles", "subject_of")

    def __init__(self, rb: Rulebook) -> None:
        self.rb = rb
        self.single_keys: list[str] = []
        self.singles: list[OwnershipDecision] = []
        self.multi_keys: list[str] = []
        self.multi: list[OwnershipDecision] = []
        self.subject_of: dict[str, str] = {}
        """The subject of each multi-member household, by its first member."""
        self.deal_keys: list[tuple[float, str]] = []
        self.deals: list[CommissionDecision] = []

    def decisions(self) -> list[_Decision]:
        return [*self.singles, *self.multi, *self.deals]


class _Memo:
    """The decisions a book version made (a cache: nothing anybody sees)."""

    __slots__ = ("decided", "settled")

    def __init__(self) -> None:
        self.settled: dict[tuple[Any, ...], _Settled] = {}
        self.decided: dict[tuple[Any, ...], tuple[Rulebook, dict[str, OwnershipDecision]]] = {}

    def __bool__(self) -> bool:
        return bool(self.settled or self.decided)


_SHARED: Final = ("_when",)
"""The memos of a ``Context`` that depend on the rulebook alone (kept by the live book; the
windows' ends are kept with the rulebook itself)."""
_SPLICE: Final = 256
"""Up to this many clients to decide again, or a quarter of the book, a settlement is the
previous one with theirs replaced; beyond, it is made again (in the order of the book)."""
_SINCE: Final = 4096
"""At most this many clients touched since the last question answered, a settlement reuses
its decisions; beyond, it is made again."""
_ALL: Final[frozenset[str]] = frozenset({"\x00all"})
"""Touched: every client (a departure)."""


_Touched = tuple[frozenset[str], "_Touched | None"]
"""The clients touched by each addition since a settlement, newest first (a linked list: an
addition adds a link, it copies nothing)."""
_Since = tuple[_Memo, _Touched, int]
"""A version's memo, the clients touched since, and how many (at most)."""


def _inherit(memo: _Memo, has: bool, before: _Since | None, touched: frozenset[str]
             ) -> _Since | None:
    """What a new version can reuse: ``memo`` if it ``has`` answers, else what its parent
    could reuse (``before``), with the clients this addition touched; nothing after many
    additions (made again as a whole)."""
    if has:
        return (memo, (touched, None), len(touched))
    if before is None:
        return None
    n = before[2] + len(touched)
    return (before[0], (touched, before[1]), n) if n <= _SINCE else None


def _key(rb: Rulebook, as_of: datetime) -> tuple[Any, ...]:
    return (id(rb), as_of, as_of.tzinfo, as_of.utcoffset())


class LiveBook:
    """A registration book that takes new facts and answers as the whole book would.

    ``LiveBook(book)`` starts from a validated :class:`~.models.RegistrationBook` (building
    its index, as the first question about it would), ``LiveBook()`` from an empty book.
    Every method is pure: :meth:`add` returns a new live book and leaves this one as it was.
    """

    __slots__ = (
        "_base",
        "_consultants",
        "_dirty",
        "_ids",
        "_idx",
        "_latest",
        "_lists",
        "_memo",
        "_referrers",
        "_shared",
        "_since",
        "_since_decided",
    )

    def __init__(self, book: RegistrationBook | None = None) -> None:
        if book is None:
            book = RegistrationBook()
        if not isinstance(book, RegistrationBook):
            raise InputError("book", "must be a RegistrationBook (RegistrationBook."
                             "model_validate reads one from JSON-like data)",
                             type(book).__name__)
        self._base: RegistrationBook | None = book
        idx = index_of(book)
        self._idx = idx
        self._lists: dict[str, _Seq] = {name: _Seq(getattr(book, name)) for name in _LISTS}
        self._ids: dict[str, _Layered] = {
            name: _Layered(dict.fromkeys(r.id for r in getattr(book, name))) for name in _LISTS}
        self._consultants = _Layered(dict.fromkeys(r.consultant for r in book.receptions))
        referrers: dict[str, tuple[str, ...]] = {}
        for r in book.receptions:
            x = r.context
            if x is not None:
                for by in (x.brought_by, x.referred_by):
                    if by is not None:
                        referrers[by] = (*referrers.get(by, ()), r.client)
        self._referrers = _Layered(referrers)
        latest: tuple[datetime, int] | None = None
        for name, rank in _RANK.items():  # the first latest instant, as ``engine._latest``
            recs = getattr(book, name)
            if recs:
                at = _instant(name, max(recs, key=partial(_instant, name)))
                if latest is None or at > latest[0]:
                    latest = (at, rank)
        self._latest = latest
        self._memo = _Memo()
        self._shared: dict[int, tuple[Rulebook, dict[str, Any]]] = {}
        self._since: _Since | None = None
        """The latest settlements this version can reuse: those of the last version that
        settled, and the clients the additions since then touched."""
        self._since_decided: _Since | None = None
        """The same for the decisions asked one by one (:meth:`decide`)."""
        self._dirty: dict[int, set[str]] = {}

    # -- adding facts ----------------------------------------------------------------------

    def add(self, *records: BaseModel, **lists: Iterable[Any]) -> LiveBook:
        """A new book with these facts added: records (a :class:`~.models.Reception`, a
        :class:`~.models.Deal`, ...) and lists named as the book's (``receptions=[...]``,
        ``deals=[...]``: records or JSON-like dicts). A bad fact is a pydantic
        ``ValidationError`` naming the record and the field, as the whole book's validation
        would (``receptions[R12].at``); this book is unchanged either way."""
        data: dict[str, list[Any]] = {}
        for name, items in lists.items():
            if name not in _RANK:
                raise InputError(name, f"is not a list of the book ({', '.join(_LISTS)})",
                                 name)
            if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
                raise InputError(name, "must be a list of records", type(items).__name__)
            data.setdefault(name, []).extend(items)
        for rec in records:
            kind = _KINDS.get(type(rec))
            if kind is None:
                raise InputError("records", "must be facts of the book (Reception, Relation, "
                                 "Deal, ...); name a list for JSON-like data "
                                 "(receptions=[...])", type(rec).__name__)
            data.setdefault(kind, []).append(rec)
        try:
            batch = _Batch.model_validate(data)
        except ValidationError as exc:
            raise _renamed(exc, data) from None
        new = {name: getattr(batch, name) for name in _LISTS if getattr(batch, name)}
        if not new:
            return self
        self._check(batch, new)
        return self._with(new)

    def _check(self, batch: Any, new: dict[str, tuple[Any, ...]]) -> None:
        idx = self._idx
        clients = {r.client for name in ("receptions", "company_referrals", "staff_referrals",
                                         "introductions") for r in new.get(name, ())}
        problems = fact_problems(
            batch, _Either(idx.clients, clients),
            _Either(self._consultants, {r.consultant for r in new.get("receptions", ())}),
            _Either(idx.deals, {d.id for d in new.get("deals", ())}),
            ids=self._ids.__getitem__, departures=idx.departures,
            received_after=self._received_after)
        if problems:
            raise _book_error(problems)

    def _received_after(self, consultant: str, at: datetime) -> Iterator[Reception]:
        """The book's receptions by ``consultant`` after ``at`` (a departure added: the one
        fact that reads every reception)."""
        for r in self._lists["receptions"]:
            if r.consultant == consultant and r.at > at:
                yield r

    def _with(self, new: dict[str, tuple[Any, ...]]) -> LiveBook:
        out = object.__new__(LiveBook)
        out._base = None
        lists = dict(self._lists)
        for name, recs in new.items():
            lists[name] = lists[name].extended(recs)
        out._lists = lists
        out._ids = {**self._ids, **{name: self._ids[name].set_many(
            dict.fromkeys(r.id for r in recs)) for name, recs in new.items()}}
        receptions = new.get("receptions", ())
        out._consultants = self._consultants.set_many(
            dict.fromkeys(r.consultant for r in receptions)) if receptions else \
            self._consultants
        latest = self._latest
        for name, recs in new.items():
            rank = _RANK[name]
            for rec in recs:
                at = _instant(name, rec)
                if latest is None or at > latest[0] or (at == latest[0] and rank < latest[1]):
                    latest = (at, rank)
        out._latest = latest
        update = _Update(self._idx, lists["receptions"], self._referrers)
        touched = update.add(new, len(self._lists["receptions"]))
        out._idx = update.index()
        out._referrers = update.referrers()
        out._memo = _Memo()
        out._shared = self._shared
        out._since = _inherit(self._memo, bool(self._memo.settled), self._since, touched)
        out._since_decided = _inherit(self._memo, bool(self._memo.decided),
                                      self._since_decided, touched)
        out._dirty = {}
        return out

    # -- the book ----------------------------------------------------------------------------

    @property
    def book(self) -> RegistrationBook:
        """The whole book: the starting book's facts, then the added ones, each list in the
        order given (built on each call for a book with additions)."""
        if self._base is not None:
            return self._base
        lists: dict[str, Any] = {name: seq.as_tuple() for name, seq in self._lists.items()}
        return RegistrationBook.model_construct(**lists)

    def __len__(self) -> int:
        """The number of facts (rows) of the book."""
        return sum(len(seq) for seq in self._lists.values())

    # -- the questions ---------------------------------------------------------------------

    def decide(self, client_id: str, *, as_of: datetime | str,
               rulebook: Rulebook | str) -> OwnershipDecision:
        """:func:`~.engine.decide_ownership` on this book (a decision of a household no
        addition touched since the same question was asked is reused)."""
        rb = resolve_rulebook(rulebook)
        client_id = _id(client_id, "client_id")
        at = _as_of(as_of)
        if client_id not in self._idx.clients:
            raise InputError("client_id", "no reception or referral of the book names this "
                             "client", client_id)
        key = _key(rb, at)
        memo = self._memo.decided.get(key)
        if memo is None or memo[0] is not rb:
            memo = self._memo.decided[key] = (rb, {})
        got = memo[1].get(client_id)
        if got is None:
            got = self._reused(key, rb, client_id)
            if got is None:
                got = _decide_household(self._context(rb, at), client_id)[0]
            memo[1][client_id] = got
        return got

    def _reused(self, key: tuple[Any, ...], rb: Rulebook, client: str
                ) -> OwnershipDecision | None:
        since = self._since_decided
        if since is None:
            return None
        old = since[0].decided.get(key)
        if old is None or old[0] is not rb or client in self._dirty_clients(since):
            return None
        return old[1].get(client)

    def who_owns(self, client_id: str, *, as_of: datetime | str,
                 rulebook: Rulebook | str) -> Claim:
        """Who owns ``client_id`` as of ``as_of``: the front desk's check at an arrival
        (报备查重 / 撞单). A visitor the book never named is no one's client (``known`` is
        false); the owners are those of :func:`~.engine.decide_ownership`'s outcome."""
        rb = resolve_rulebook(rulebook)
        client_id = _id(client_id, "client_id")
        at = _as_of(as_of)
        if client_id not in self._idx.clients:
            return Claim(client_id, False)
        # the reading alone, not the decision built from it (``_decisions.ownership_decision``
        # reads its outcome so: the property test holds them equal)
        ctx = self._context(rb, at)
        members, part = read_household(ctx, Trace(), client_id, ctx.as_of_utc)
        if part.stop is not None:
            return Claim(client_id, True, household=members, escalation=construct(
                Escalation, {"to": escalation_target(rb), "to_name": rb.escalation_target,
                             "rules": unique(part.stop.rules + ctx.cites("escalate")),
                             "reason": part.stop.reason}))
        owners = part.owners or ()
        until = None
        lapsed = False
        if owners and part.anchor is not None:
            until, end, _, _ = ctx.window(part.anchor, part.anchor_day)
            lapsed = ctx.as_of_utc > end
        return Claim(client_id, True, tuple(o[0] for o in owners), tuple(o[1] for o in owners),
                     members, until, lapsed)

    def split(self, deal_id: str, *, as_of: datetime | str | None = None,
              rulebook: Rulebook | str) -> CommissionDecision:
        """:func:`~.engine.split_commission` on this book."""
        rb = resolve_rulebook(rulebook)
        deal = self._idx.deals.get(_id(deal_id, "deal_id"))
        if deal is None:
            raise InputError("deal_id", "no such deal in the book", deal_id)
        if as_of is None:
            if self._latest is None:
                raise InputError("book", "is empty: give as_of")
            at = self._latest[0]
        else:
            at = _as_of(as_of)
        if deal.at > at:
            raise InputError("as_of", f"deal {deal_id} is later than as_of", at.isoformat())
        return commission_decision(self._context(rb, at), deal)

    def settle(self, *, as_of: datetime | str, rulebook: Rulebook | str) -> list[_Decision]:
        """:func:`~.engine.settle` on this book: after a few additions to a book settled for
        the same rulebook and instant, only the households and deals they touch are decided
        again; the other decisions are reused as they are."""
        rb = resolve_rulebook(rulebook)
        at = _as_of(as_of)
        key = _key(rb, at)
        got = self._memo.settled.get(key)
        if got is None or got.rb is not rb:
            got = self._memo.settled[key] = self._settle(key, rb, at)
        return got.decisions()

    # -- settling ------------------------------------------------------------------------------

    def _context(self, rb: Rulebook, at: datetime) -> Context:
        ctx = Context(self._idx, rb, at, deal_credit)
        # the texts of instants depend on the rulebook alone: one memo for every question of
        # every version (``Context``'s own lasts one question)
        shared = self._shared.get(id(rb))
        if shared is None or shared[0] is not rb:
            shared = self._shared[id(rb)] = (rb, {})
        for name in _SHARED:
            memo = shared[1].get(name)
            if memo is None:
                shared[1][name] = getattr(ctx, name, None)
            elif hasattr(ctx, name):
                setattr(ctx, name, memo)
        return ctx

    def _settle(self, key: tuple[Any, ...], rb: Rulebook, at: datetime) -> _Settled:
        if self._base is not None:  # the starting book: the engine's own settlement
            return _from_decisions(rb, _settle_book(self._base, as_of=at, rulebook=rb),
                                   self._idx)
        old = self._since[0].settled.get(key) if self._since is not None else None
        ctx = self._context(rb, at)
        if old is None or old.rb is not rb:
            return _settle_all(ctx, self._idx)
        assert self._since is not None
        dirty = self._dirty_clients(self._since)
        if len(dirty) > _SPLICE and len(dirty) * 4 > len(self._idx.clients):
            return _settle_all(ctx, self._idx)  # most of the book: settled as a whole
        return _settle_again(ctx, self._idx, old, dirty)

    def _dirty_clients(self, since: _Since) -> set[str]:
        """The clients whose decisions the additions since the inherited memo may change:
        those they touch, their households (any relation, known or not), the other buyers of
        their deals, and the clients brought or referred by any of them, until none is
        added (every client after a departure)."""
        got = self._dirty.get(id(since[1]))
        if got is not None:
            return got
        idx = self._idx
        touched: set[str] = set()
        chain: _Touched | None = since[1]
        while chain is not None:
            if chain[0] is _ALL:
                got = self._dirty[id(since[1])] = set(idx.clients)
                return got
            touched.update(chain[0])
            chain = chain[1]
        out = set(touched)
        todo = list(touched)
        relations, deals, referrers = idx.relations, idx.deals_by_buyer, self._referrers
        while todo:
            c = todo.pop()
            near: list[str] = []
            for rel in relations.get(c, ()):
                near.append(rel.a)
                near.append(rel.b)
            for d in deals.get(c, ()):
                near.extend(d.buyers)
            near.extend(referrers.get(c, ()))
            for n in near:
                if n not in out:
                    out.add(n)
                    todo.append(n)
        self._dirty[id(since[1])] = out
        return out


def _deal_key(d: Deal) -> tuple[float, str]:
    return (d.at.timestamp(), d.id)


def _from_decisions(rb: Rulebook, decisions: list[_Decision], idx: BookIndex) -> _Settled:
    """A settlement of the engine, keyed for the next version to reuse."""
    out = _Settled(rb)
    for d in decisions:
        subject = d.subject
        if isinstance(d, CommissionDecision):
            out.deal_keys.append(_deal_key(idx.deals[subject[5:]]))
            out.deals.append(d)
        elif subject.startswith("client "):
            out.single_keys.append(subject[7:])
            out.singles.append(d)
        else:
            out.multi_keys.append(subject)
            out.multi.append(d)
            out.subject_of[d.outcome.household[0]] = subject
    return out


def _settle_all(ctx: Context, idx: BookIndex) -> _Settled:
    """Every household and deal (as ``engine._settle``, over a live book's index)."""
    out = _Settled(ctx.rb)
    multi: list[tuple[str, OwnershipDecision]] = []
    for decision, members in _households(ctx, sorted(idx.clients)):
        if len(members) > 1:
            multi.append((decision.subject, decision))
            out.subject_of[members[0]] = decision.subject
        else:
            out.single_keys.append(members[0])
            out.singles.append(decision)
    multi.sort(key=lambda m: m[0])
    out.multi_keys = [m[0] for m in multi]
    out.multi = [m[1] for m in multi]
    deals = sorted((d for d in _values(idx.deals) if d.at <= ctx.as_of), key=_deal_key)
    out.deal_keys = [_deal_key(d) for d in deals]
    out.deals = [commission_decision(ctx, d) for d in deals]
    return out


def _values(table: Any) -> Iterator[Any]:
    for k in table:
        yield table[k]


def _settle_again(ctx: Context, idx: BookIndex, old: _Settled, dirty: set[str]) -> _Settled:
    """``old`` with the households of the ``dirty`` clients and their deals decided again."""
    out = _Settled(ctx.rb)
    out.single_keys, out.singles = list(old.single_keys), list(old.singles)
    out.multi_keys, out.multi = list(old.multi_keys), list(old.multi)
    out.subject_of = dict(old.subject_of)
    out.deal_keys, out.deals = list(old.deal_keys), list(old.deals)
    for c in dirty:  # their old decisions go
        _remove(out.single_keys, out.singles, c)
        subject = out.subject_of.pop(c, None)
        if subject is not None:
            _remove(out.multi_keys, out.multi, subject)
    clients = idx.clients
    for decision, members in _households(ctx, sorted(c for c in dirty if c in clients)):
        if len(members) > 1:
            _insert(out.multi_keys, out.multi, decision.subject, decision)
            out.subject_of[members[0]] = decision.subject
        else:  # a household of one: its member is the client
            _insert(out.single_keys, out.singles, members[0], decision)
    for deal_id in sorted(_deals_of(idx, dirty)):
        deal = idx.deals[deal_id]
        key = _deal_key(deal)
        _remove(out.deal_keys, out.deals, key)
        if deal.at <= ctx.as_of:
            _insert(out.deal_keys, out.deals, key, commission_decision(ctx, deal))
    return out


def _deals_of(idx: BookIndex, clients: Iterable[str]) -> set[str]:
    """The deals credited through any of ``clients`` at some point: those they bought, those
    renamed to them, and the deals swapped with either."""
    out: set[str] = set()
    changes = idx.deal_changes
    for c in clients:
        for d in idx.deals_by_buyer.get(c, ()):
            out.add(d.id)
            for ch in changes.get(d.id, ()):
                out.add(ch.deal)
                if ch.swapped_with:
                    out.add(ch.swapped_with)
        for ch in idx.renamed_to.get(c, ()):
            out.add(ch.deal)
            if ch.swapped_with:
                out.add(ch.swapped_with)
    return out


def _remove(keys: list[Any], values: list[Any], key: Any) -> None:
    i = bisect.bisect_left(keys, key)
    if i < len(keys) and keys[i] == key:
        del keys[i]
        del values[i]


def _insert(keys: list[Any], values: list[Any], key: Any, value: Any) -> None:
    i = bisect.bisect_left(keys, key)
    keys.insert(i, key)
    values.insert(i, value)


# -- the index, updated for the clients touched ----------------------------------------------


def _at_key(instant: str) -> Callable[[Any], tuple[float, str]]:
    def key(r: Any) -> tuple[float, str]:
        return (getattr(r, instant).timestamp(), r.id)
    return key


_BY_AT: Final = _at_key("at")
_GROUPED: Final[dict[str, tuple[str, Callable[[Any], tuple[float, str]]]]] = {
    "recognitions": ("recognitions", _BY_AT),
    "change_requests": ("change_requests", _BY_AT),
    "company_referrals": ("company_referrals", _BY_AT),
    "staff_referrals": ("staff_referrals", _at_key("registered_at")),
    "introductions": ("introductions", _BY_AT),
}
"""The lists grouped by client in the index, and their order (``_index.by_instant``)."""


class _Update:
    """The changes of one addition to an index's tables, then the new index."""

    def __init__(self, idx: BookIndex, receptions: _Seq, referrers: _Layered) -> None:
        self.idx = idx
        self.receptions = receptions
        self.pending: dict[str, dict[Any, Any]] = {}
        self.refs: dict[str, tuple[str, ...]] = {}
        self.old_refs = referrers
        self.touched: set[str] = set()
        self.everyone = False

    def get(self, field: str, key: Any, default: Any = ()) -> Any:
        p = self.pending.get(field)
        if p is not None and key in p:
            return p[key]
        return getattr(self.idx, field).get(key, default)

    def has(self, field: str, key: Any) -> bool:
        p = self.pending.get(field)
        return (p is not None and key in p) or key in getattr(self.idx, field)

    def put(self, field: str, key: Any, value: Any) -> None:
        self.pending.setdefault(field, {})[key] = value

    def name(self, field: str, key: str) -> None:
        if not self.has(field, key):
            self.put(field, key, None)

    def insert(self, field: str, key: str, rec: Any, order: Callable[[Any], Any]) -> None:
        group: tuple[Any, ...] = self.get(field, key)
        i = bisect.bisect_right([order(r) for r in group], order(rec))
        self.put(field, key, (*group[:i], rec, *group[i:]))

    def add(self, new: dict[str, tuple[Any, ...]], position: int) -> frozenset[str]:
        """Index the new facts (receptions numbered from ``position``); the clients touched."""
        touched = self.touched
        departures: dict[str, Departure] = {}
        for dep in new.get("departures", ()):
            departures[dep.consultant] = dep
            self.put("departures", dep.consultant, dep)
            self.put("left_at", dep.consultant, dep.at.astimezone(UTC))
        phone = Channel.PHONE
        leavers: set[str] = set()
        for i, r in enumerate(new.get("receptions", ()), position):
            client = r.client
            touched.add(client)
            channel = PHONE if r.channel is phone else IN_PERSON if r.verified else UNVERIFIED
            visit: Visit = (r.at.astimezone(UTC), r.id, i, r.consultant, channel)
            timeline: tuple[Visit, ...] = self.get("timelines", client)
            j = bisect.bisect_right(timeline, visit)
            self.put("timelines", client, (*timeline[:j], visit, *timeline[j:]))
            self.name("clients", client)
            if self.has("departures", r.consultant):
                leavers.add(client)
            x = r.context
            if x is not None:
                self.name("special", client)
                if x.proxy_for is not None:
                    self.insert("proxies", x.proxy_for, r, _BY_AT)
                    self.name("special", x.proxy_for)
                    self.name("others", x.proxy_for)
                    touched.add(x.proxy_for)
                for by in (x.brought_by, x.referred_by):
                    if by is not None:
                        self.refs[by] = (*self.refs.get(by, self.old_refs.get(by, ())), client)
        for name, (field, order) in _GROUPED.items():
            for rec in new.get(name, ()):
                self.insert(field, rec.client, rec, order)
                touched.add(rec.client)
                if name in ("company_referrals", "staff_referrals", "introductions"):
                    self.name("clients", rec.client)
                self.name("special", rec.client)
                self.name("others", rec.client)
        for rel in new.get("relations", ()):
            for c in (rel.a, rel.b):
                self.insert("relations", c, rel, _at_key("known_at"))
                self.name("others", c)
                touched.add(c)
        for d in new.get("deals", ()):
            self.put("deals", d.id, d)
            for c in dict.fromkeys(d.buyers):
                self.insert("deals_by_buyer", c, d, _BY_AT)
                self.name("others", c)
                touched.add(c)
        for ch in new.get("deal_changes", ()):
            for deal_id in ((ch.deal,) if not ch.swapped_with or ch.swapped_with == ch.deal
                            else (ch.deal, ch.swapped_with)):
                self.insert("deal_changes", deal_id, ch, _BY_AT)
                touched.update(self.get("deals", deal_id).buyers)
            for c in dict.fromkeys(ch.new_buyers):
                self.insert("renamed_to", c, ch, _BY_AT)
                self.name("others", c)
                touched.add(c)
        if departures:  # every client received by a consultant who left
            self.everyone = True
            timelines = _layered(self.idx.timelines)
            pending = self.pending.get("timelines", {})
            for client in timelines:
                if client not in pending and any(v[3] in departures
                                                 for v in timelines[client]):
                    leavers.add(client)
            leavers.update(c for c, visits in pending.items()
                           if any(v[3] in departures for v in visits))
        for client in leavers:
            left = [c for c in dict.fromkeys(v[3] for v in self.get("timelines", client))
                    if self.has("departures", c)]
            self.put("departed", client, tuple(self.get("departures", c) for c in left))
        return _ALL if self.everyone else frozenset(touched)

    def index(self) -> BookIndex:
        fields: dict[str, Any] = {field: _layered(getattr(self.idx, field)).set_many(items)
                                  for field, items in self.pending.items()}
        return replace(self.idx, receptions=cast(Any, self.receptions), **fields)

    def referrers(self) -> _Layered:
        return self.old_refs.set_many(self.refs) if self.refs else self.old_refs
