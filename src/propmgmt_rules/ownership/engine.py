"""The ownership engine: one engine for every rulebook (`CC-`, `SD-`, `COM-` rules).

Three questions, all pure functions of the registration book, a rulebook and an instant:

* :func:`decide_ownership` -- who owns this client (or its household) as of an instant;
* :func:`split_commission` -- how this deal's commission is split, to the cent;
* :func:`settle` -- every household and every deal of a book at once (a payroll run).

How a client's ownership is read from the book (the general principle, catalog section 2):

1. Only registered receptions count (`CC-1`, `SD-7.1`): phone enquiries are set aside
   (`CC-NOTE`, `SD-3.13`), and so are unverified ones where the rulebook requires the project
   manager's verification (`SD-7.2`), and every fact later than ``as_of``.
2. The facts are read in order of their instant, ties broken by record id (receptions before
   change requests at the same instant), so the same facts in any order give the same answer.
3. The first qualifying reception wins (`CC-6`, `CC-5`, `SD-7.3`) unless a more specific rule
   applies to it (brought by a past buyer `CC-4.2`, a proxy `CC-10.1`, a named consultant
   `SD-5.1`/`SD-7.5.B`, an announced introduction `SD-7.5.A`...). When two specific rules that
   cannot both hold apply, the answer is an escalation naming both (`CC-11`, `SD-7.7`).
4. A later reception within the registration window of the previous registered visit keeps
   the owner (`CC-9.1`, `SD-4.1`, duty receptions `SD-4.2`), except under the recognition rules
   (`SD-3.7` G-J); after the window lapsed, the first reception after the lapse owns (`CC-9.2`).
5. Change requests are read where they fall (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`,
   `SD-5.3`).
6. A household is owned as the rulebook says (`CC-3`: first reception of any member;
   `SD-7.4`: spouses received separately before the deal share equally).

Every input fact about the household is in the answer, used or set aside with its reason.

Where the engine lives (one engine; these modules are its parts, none is public):

* ``_index``: the book grouped by client, built once per book (:func:`._index.index_of`,
  called here only: the models know nothing of it);
* ``_context``: what one question shares (rulebook, as-of instant, memos); ``_trace``: the
  trace a reading accumulates and the result of a reading;
* ``_reading``: reading one timeline (points 1 to 5), once for every client: ``_window``
  (the registration book, the first reception, the window and its lapse), ``_specific`` (what a
  reception's context brings: a past buyer `CC-4.2`, a proxy `CC-10.1`, a named consultant
  `SD-5.1`, an introduction `SD-7.5.A`), ``_recognition``
  (`SD-3.7`), ``_changes`` (change requests), ``_referrals`` (company clients, staff
  referrals); ``_household`` (point 6, and consultants who left);
* ``_decisions`` and ``_commission``: the decisions built from the readings;
* ``_later``: the trace records and the explanation, written when a decision is first read.

>>> from propmgmt_rules.ownership import RegistrationBook, rulebooks
>>> book = RegistrationBook.model_validate({"receptions": [
...     {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"},
...     {"id": "R2", "client": "C1", "consultant": "B", "at": "2025-03-01T15:00:00+08:00"}]})
>>> d = decide_ownership(book, "C1", as_of="2025-03-02T00:00:00+08:00", rulebook=rulebooks.CC)
>>> d.outcome.owner_ids(), d.decided_by
(('A',), ('CC-6', 'CC-1'))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from ..errors import InputError
from ..limits import check_identifier
from ..time.calendar import require_aware
from ._commission import commission_decision
from ._context import Context
from ._decisions import ownership_decision
from ._household import deal_credit, read_household
from ._index import index_of
from ._trace import Trace
from .models import EARLIEST, LATEST, CommissionDecision, OwnershipDecision, RegistrationBook
from .policy import Rulebook
from .presets import resolve_rulebook

__all__ = ["decide_ownership", "settle", "settle_whole", "split_commission"]


def decide_ownership(book: RegistrationBook, client_id: str, *, as_of: datetime | str,
                     rulebook: Rulebook | str) -> OwnershipDecision:
    """Who owns ``client_id`` (and its household) as of ``as_of`` under ``rulebook`` (a
    :class:`Rulebook` or a preset's name, ``"CC"``, ``"SD"``).

    An unknown client, a naive ``as_of`` or an argument of the wrong type is an
    :class:`~propmgmt_rules.InputError` naming the argument.
    """
    rb = _check(book, rulebook)
    client_id = _id(client_id, "client_id")
    ctx = _context(book, rb, _as_of(as_of))
    if client_id not in ctx.idx.clients:
        raise InputError("client_id", "no reception or referral of the book names this client",
                         client_id)
    return _decide(ctx, client_id)


def split_commission(book: RegistrationBook, deal_id: str, *,
                     as_of: datetime | str | None = None, rulebook: Rulebook | str
                     ) -> CommissionDecision:
    """How the commission of deal ``deal_id`` is split, to the cent.

    ``as_of`` (default: the latest instant of the book) bounds the facts read: a recognition
    within the month after the visit (`SD-3.7.I`) or a relation found after the deal
    (`SD-7.4`) still changes the split, and the decision says until when it may.
    """
    rb = _check(book, rulebook)
    deal = index_of(book).deals.get(_id(deal_id, "deal_id"))
    if deal is None:
        raise InputError("deal_id", "no such deal in the book", deal_id)
    at = _latest(book) if as_of is None else _as_of(as_of)
    if deal.at > at:
        raise InputError("as_of", f"deal {deal_id} is later than as_of", at.isoformat())
    return commission_decision(_context(book, rb, at), deal)


def settle(book: RegistrationBook, *, as_of: datetime | str, rulebook: Rulebook | str
           ) -> list[OwnershipDecision | CommissionDecision]:
    """Every decision of a book as of ``as_of``: one per household (sorted by subject), then
    one per deal made by then (sorted by deal instant and id). A payroll run is one call."""
    rb = _check(book, rulebook)
    return _settle(_context(book, rb, _as_of(as_of)))


def settle_whole(book: RegistrationBook, *, as_of: datetime | str, rulebook: Rulebook | str,
                 subject_prefix: str = "") -> list[OwnershipDecision | CommissionDecision]:
    """:func:`settle`'s decisions built whole (their trace, explanation lines and outcome at
    once, by the same functions), for a caller that reads every decision in full: the
    command line's job writes each one's JSON (``cases.evaluate``). ``subject_prefix`` is
    written before each decision's subject (the job's case id, ``"k1: "``), as it is built:
    the same decision as one given that subject afterwards."""
    rb = _check(book, rulebook)
    if type(subject_prefix) is not str:
        raise InputError("subject_prefix", "must be a string", type(subject_prefix).__name__)
    return _settle(_context(book, rb, _as_of(as_of), whole=True, prefix=subject_prefix))


def _context(book: RegistrationBook, rb: Rulebook, as_of: datetime, *, whole: bool = False,
             prefix: str = "") -> Context:
    """The context of a question about ``book``: its index (built on the first question),
    the rulebook, the instant, and the engine's reading of a past deal (`CC-4.2`); ``whole``:
    its decisions built whole (:func:`settle_whole`), ``prefix`` before their subjects."""
    return Context(index_of(book), rb, as_of, deal_credit, whole=whole, prefix=prefix)


def _settle(ctx: Context) -> list[OwnershipDecision | CommissionDecision]:
    idx = ctx.idx
    out: list[OwnershipDecision | CommissionDecision] = []  # "client C1", ... by client id
    households: list[OwnershipDecision] = []  # "household C2+C3", ...: after them all
    for decision, members in _households(ctx, sorted(idx.clients)):
        if len(members) > 1:
            households.append(decision)
        else:
            out.append(decision)
    households.sort(key=lambda d: d.subject)
    out.extend(households)
    for deal in idx.deals.values():
        if deal.at <= ctx.as_of:
            out.append(commission_decision(ctx, deal))
    return out


def _decide(ctx: Context, client: str, *, by_household: bool = False) -> OwnershipDecision:
    """Who owns ``client`` and its household (the plain path for a plain client); the outcome
    names ``client``, or the household's first member if ``by_household``."""
    return _decide_household(ctx, client, by_household=by_household)[0]


def _households(ctx: Context, clients: Iterable[str]
                ) -> Iterator[tuple[OwnershipDecision, tuple[str, ...]]]:
    """Each household of ``clients`` decided once, in their order (a household by its first
    client named): its decision (naming the household's first member) and its members. The
    one settlement loop, for :func:`settle` and for the incremental book."""
    done: set[str] = set()
    for client in clients:
        if client in done:
            continue
        decision, members = _decide_household(ctx, client, by_household=True)
        done.update(members)
        yield decision, members


def _decide_household(ctx: Context, client: str, *, by_household: bool = False
                      ) -> tuple[OwnershipDecision, tuple[str, ...]]:
    """:func:`_decide` and the household it decided (a settlement reads no outcome: each is
    built on first read)."""
    trace = Trace()
    members, part = read_household(ctx, trace, client, ctx.as_of_utc)
    return ownership_decision(ctx, trace, members[0] if by_household else client, members,
                              part), members


def _as_of(value: datetime | str) -> datetime:
    if isinstance(value, str):
        parsed: datetime | None = None
        if len(value) <= 64:
            try:
                parsed = datetime.fromisoformat(value.strip())
            except ValueError:
                parsed = None
        if parsed is None:
            raise InputError("as_of", "must be an ISO 8601 instant with an offset",
                             value[:64])
        value = parsed
    if not isinstance(value, datetime):
        raise InputError("as_of", "must be a timezone-aware datetime", type(value).__name__)
    value = require_aware(value, "as_of")
    try:
        within = EARLIEST <= value < LATEST
    except OverflowError:  # an offset that takes it beyond what a datetime holds
        within = False
    if not within:
        raise InputError("as_of", "must be an instant of the years 1900 to 2199",
                         value.isoformat())
    return value


def _check(book: Any, rulebook: Any) -> Rulebook:
    """The rulebook (a preset by name too) after checking the arguments' types."""
    if not isinstance(book, RegistrationBook):
        raise InputError("book", "must be a RegistrationBook (RegistrationBook.model_validate "
                         "reads one from JSON-like data)", type(book).__name__)
    return resolve_rulebook(rulebook)


def _id(value: Any, argument: str) -> str:
    if not isinstance(value, str):
        raise InputError(argument, "must be a string", type(value).__name__)
    try:
        return check_identifier(value)
    except ValueError as exc:
        raise InputError(argument, str(exc), value[:40]) from None


def _latest(book: RegistrationBook) -> datetime:
    instants: list[datetime] = [r.at for r in book.receptions]
    instants.extend(r.known_at for r in book.relations)
    for lst in (book.recognitions, book.change_requests, book.departures,
                book.company_referrals, book.introductions, book.deals, book.deal_changes):
        instants.extend(x.at for x in lst)
    instants.extend(s.registered_at for s in book.staff_referrals)
    if not instants:
        raise InputError("book", "is empty: give as_of")
    return max(instants)
