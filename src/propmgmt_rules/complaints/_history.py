"""What happened to a complaint up to the instant asked, read once: when each obligation's
event first happened, the pauses, the extensions approved, the handler's corrections of the
severity; events after the instant set aside.

A history is checked as it is read: an event that is not a :class:`ComplaintEvent`, an
instant not timezone-aware, an event before the receipt, a reply after the handling where the
policy wants the reply first, or an extension that would end after 2199 is an
:class:`~propmgmt_rules.errors.InputError` naming the event by its position. `OM-C5`: a result
signed by someone other than whoever handled it does not count.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final, cast

from ..decision import FactSetAside, SetAsideReason
from ..errors import InputError
from ..time.calendar import require_aware
from ._clock import ExtensionEvent, PauseEvent, extended
from ._tables import AWARE_TZ_TYPES, Tables
from .models import ComplaintEvent, EventType, Severity

__all__ = ["DONE_TYPES", "History", "read_history"]

_E = EventType
DONE_TYPES: Final = frozenset(
    t for t in EventType
    if t not in (_E.PAUSED, _E.EXTENSION_APPROVED, _E.SEVERITY_CORRECTED, _E.RESULT_SIGNED))
"""The events that meet an obligation by happening (a signature must also be the right
person's, `OM-C5`)."""

_E_HANDLED, _E_REPLIED, _E_SIGNED = _E.HANDLED, _E.REPLIED, _E.RESULT_SIGNED
_E_PAUSED, _E_EXTENSION, _E_CORRECTED = _E.PAUSED, _E.EXTENSION_APPROVED, _E.SEVERITY_CORRECTED


class History:
    """The events up to the instant asked, in the calendar's zone, by what they do (``None``
    where there are none)."""

    __slots__ = ("aside", "corrections", "done", "extensions", "handled_at", "pauses")

    def __init__(self) -> None:
        self.done: dict[EventType, datetime] = {}
        self.handled_at: datetime | None = None
        self.pauses: list[PauseEvent] | None = None
        self.extensions: list[ExtensionEvent] | None = None
        self.corrections: list[tuple[datetime, Severity]] | None = None
        self.aside: list[FactSetAside] | None = None
        """Events set aside (after the instant asked; a signature by the wrong person)."""


def read_history(history: Sequence[ComplaintEvent], received: datetime, as_of: datetime,
                 tb: Tables) -> History:
    """The history of a complaint received at ``received`` (both instants normalised by
    ``tb``), read up to ``as_of``."""
    if type(history) is not tuple and type(history) is not list \
            and not isinstance(history, Sequence):
        raise InputError("history", "must be a sequence of ComplaintEvent",
                         type(history).__name__)
    policy = tb.policy
    h = History()
    done = h.done
    handled_by: str | None = None
    first_reply_i = -1
    signatures: list[tuple[datetime, ComplaintEvent]] | None = None
    tz = tb.tz
    fixed = tb.fixed
    for i, ev in enumerate(history):
        if type(ev) is not ComplaintEvent and not isinstance(ev, ComplaintEvent):
            raise InputError(f"history[{i}]", "must be a ComplaintEvent (validate the data "
                             "with ComplaintEvent.model_validate)", type(ev).__name__)
        at = ev.at
        tzi = at.tzinfo if isinstance(at, datetime) else None
        if tzi is not tz:
            if not isinstance(at, datetime):
                require_aware(at, f"history[{i}].at")
            if tzi is None or (type(tzi) not in AWARE_TZ_TYPES and at.utcoffset() is None):
                raise InputError(f"history[{i}].at", "must be timezone-aware", at)
            if fixed:
                at = at.astimezone(tz)
        if at < received:
            raise InputError(f"history[{i}].at",
                             f"is before the complaint's receipt {received.isoformat()}",
                             at.isoformat())
        t = ev.type
        if at > as_of:
            if h.aside is None:
                h.aside = []
            h.aside.append(FactSetAside(f"history[{i}]", SetAsideReason.AFTER_AS_OF, None,
                                        t.value))
            continue
        if t in DONE_TYPES:
            prev = done.get(t)
            if prev is None or at < prev:
                done[t] = at
                if t is _E_HANDLED:
                    handled_by = ev.by
                elif t is _E_REPLIED:
                    first_reply_i = i
        elif t is _E_PAUSED:
            end = ev.end
            if h.pauses is None:
                h.pauses = []
            h.pauses.append((at, None if end is None else tb.norm(end), ev))
        elif t is _E_EXTENSION:
            if ev.extra is not None:
                extended(at, ev.extra, tb, f"history[{i}].extra")
            if h.extensions is None:
                h.extensions = []
            h.extensions.append((at, ev))
        elif t is _E_CORRECTED:
            if h.corrections is None:
                h.corrections = []
            h.corrections.append((at, cast(Severity, ev.severity)))
        else:  # a result signature: OM-C5 compares the signer with who solved it
            if signatures is None:
                signatures = []
            signatures.append((at, ev))
    if policy.reply_before_handled and first_reply_i >= 0 and _E_HANDLED in done \
            and done[_E_REPLIED] > done[_E_HANDLED]:
        raise InputError(
            f"history[{first_reply_i}].at",
            f"the reply comes after the handling ({done[_E_HANDLED].isoformat()}), but "
            f"{policy.name} requires the reply first",
            done[_E_REPLIED].isoformat())
    if signatures is not None:
        signatures.sort(key=lambda p: p[0])
        for at, ev in signatures:
            if handled_by is not None and ev.by is not None and ev.by != handled_by:
                if h.aside is None:
                    h.aside = []
                h.aside.append(FactSetAside(
                    "history:result_signed", SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-C5",
                    f"signed by {ev.by}, but {handled_by} solved it"))
                continue
            done[_E_SIGNED] = at
            break
    h.handled_at = done.get(_E_HANDLED)
    for events in (h.corrections, h.extensions, h.pauses):
        if events is not None and len(events) > 1:
            events.sort(key=_first)
    return h


def _first(p: tuple[datetime, object] | tuple[datetime, object, object]) -> datetime:
    return p[0]
