"""`VK-FEE-LIMIT`, the limitation period of each bill in arrears (PRC Civil Code Arts. 188,
195), and the escalation before it lapses.

A bill's period runs 3 years (36 months, `T-MONTHS`) from its last day to pay; an
interruption after that day starts a new period from the day it happened: a demand (a
notice, a phone reminder, a visit, a lawyer's letter), a suit, a written acknowledgement
(each concerning the bills it names, or every bill in arrears at that instant) or a part
payment applied to the bill. Only the latest interruption counts, so a recorded demand never
brings an expiry earlier. A bill with a suit is in suit; one without comes within the
policy's margin (90 days) of expiry, or passes it, and the office director is asked to
decide: a claim never lapses silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from ._days import DayRules
from .arrears import Ledger
from .models import Acknowledgement, ActionKind, CollectionAction, LimitationState
from .policy import CollectionSettings

__all__ = ["Expiry", "expiries"]

_Event = tuple[datetime, str, bool]  # instant, fact key, is a suit


class Expiry(NamedTuple):
    """A bill's limitation at an instant: the bill (an index into the ledger), the day the
    period runs from, the interruption it runs from (a fact key, None: the last day to pay),
    its last day and expiry (24:00 of it), when it comes within the margin, and its state."""

    bill: int
    runs_from: date
    interrupted_by: str | None
    last_day: date
    expires: datetime
    warn_from: datetime
    state: LimitationState


def _later(a: _Event | None, b: _Event) -> _Event:
    return b if a is None or b[:2] > a[:2] else a


def expiries(settings: CollectionSettings, days: DayRules, ledger: Ledger,
             arrears: Sequence[int], due_ends: Sequence[datetime],
             actions: Sequence[CollectionAction], acknowledgements: Sequence[Acknowledgement],
             as_of: datetime) -> list[Expiry]:
    """The limitation of each bill in ``arrears`` (indexes into ``ledger.bills``, whose last
    days to pay end at ``due_ends``) at ``as_of``; ``actions`` and ``acknowledgements`` are
    those up to ``as_of``, in time order, ``ledger`` holds the payments up to ``as_of``."""
    general: _Event | None = None  # the latest demand or acknowledgement naming no bill
    general_suit: datetime | None = None
    scoped: dict[str, _Event] = {}
    scoped_suit: dict[str, datetime] = {}
    for a in actions:
        suit = a.kind is ActionKind.SUIT
        event = (a.at, f"actions[{a.id}]", suit)
        if a.bills is None:
            general = _later(general, event)
            if suit:
                general_suit = a.at
        else:
            for b in a.bills:
                scoped[b] = _later(scoped.get(b), event)
                if suit:
                    scoped_suit[b] = a.at
    for ack in acknowledgements:
        event = (ack.at, f"acknowledgements[{ack.id}]", False)
        if ack.bills is None:
            general = _later(general, event)
        else:
            for b in ack.bills:
                scoped[b] = _later(scoped.get(b), event)
    span = settings.limitation
    margin = settings.escalation_margin_days
    out: list[Expiry] = []
    for i in arrears:
        bill = ledger.bills[i]
        since = due_ends[i]
        last: _Event | None = None
        if general is not None and general[0] > since:
            last = general
        got = scoped.get(bill.id)
        if got is not None and got[0] > since:
            last = _later(last, got)
        k = ledger.last_payment[i]
        if k >= 0:
            pay = ledger.payments[k]
            if pay.at > since:
                last = _later(last, (pay.at, f"payments[{pay.id}]", False))
        if last is None:
            runs_from, by = bill.due, None
        else:
            runs_from, by = days.local_date(last[0]), last[1]
        last_day, expires = days.after(runs_from, span)
        warn_from = days.end_of_day(last_day.fromordinal(last_day.toordinal() - margin))
        suit_at = scoped_suit.get(bill.id)
        in_suit = (general_suit is not None and general_suit > since) or (
            suit_at is not None and suit_at > since)
        if in_suit:
            state = LimitationState.IN_SUIT
        elif as_of > expires:
            state = LimitationState.EXPIRED
        elif as_of >= warn_from:
            state = LimitationState.NEAR_EXPIRY
        else:
            state = LimitationState.RUNNING
        out.append(Expiry(i, runs_from, by, last_day, expires, warn_from, state))
    return out
