"""What the reading of one decision accumulates, as atoms: the ownership engine's trace.

A decision of a payroll run is read for its outcome far more often than in full, so what its
trace is made of stays data until it is read (see ``_later``):

* a fact is a :data:`Fact`, ``(kind, record id, reason, rule, note)``: used when the reason
  is ``None``, else set aside for that :class:`~propmgmt_rules.decision.SetAsideReason`
  value; its id in the decision is ``kind:record id``;
* a line of the explanation is a message atom of :mod:`propmgmt_rules.render`, ``(key,
  *arguments)``, written by the one renderer when the explanation is first read.

:class:`Trace` keeps the facts by id (the last word about a fact wins, in the place it was
first traced), the lines, the rules that decided and the missing facts; :class:`Reading` is
what the reading of a timeline concludes (the claim, its owners, an escalation...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fractions import Fraction
from typing import Any, Final

from ..decision import MissingFact, SetAsideReason, Text
from .models import CompanyReferral, PartyRole

__all__ = [
    "ONE",
    "SAID",
    "ZERO",
    "Fact",
    "FactKey",
    "Line",
    "OffTop",
    "Owner",
    "Reading",
    "Stop",
    "Trace",
    "fact_id",
    "merge",
    "names",
    "unique",
]

Fact = tuple[str, str, str | None, str | None, str]
"""``(kind, record id, reason value or None when used, rule or None, note)``."""
FactKey = str | tuple[str, str]
"""A fact's key in a trace: a reception's id (most facts: no key to build), or ``(kind,
record id)`` (never equal to a string, whatever the ids)."""
Line = tuple[Any, ...]
"""A line of an explanation: ``(message key, *arguments)`` (:mod:`propmgmt_rules.render`)."""

SAID: Final = "ownership.said"
"""The message of a sentence written where it arises: ``(SAID, en, zh)``."""

ONE: Final = Fraction(1)
ZERO: Final = Fraction(0)
_BEGINNING: Final = datetime.min.replace(tzinfo=UTC)
_REASON: Final = {reason: reason.value for reason in SetAsideReason}

Owner = tuple[str, Fraction, str]
"""(consultant, share, rule) of the consultant side."""
OffTop = tuple[str, PartyRole, Fraction, str]
"""(party, role, share, rule) of a party paid before the consultant side."""


def fact_id(kind: str, rid: str) -> str:
    """The id of an input fact in a decision: ``reception:R12``."""
    return f"{kind}:{rid}"


def names(owners: Sequence[Owner]) -> str:
    """``A`` for one owner, ``A 1/2 / B 1/2`` for several."""
    if len(owners) == 1:
        return owners[0][0]
    return " / ".join(f"{c} {s}" for c, s, _ in owners)


def merge(owners: Iterable[Owner]) -> list[Owner]:
    """Owners with the same consultant merged (first listing keeps its place and rule)."""
    out: dict[str, Owner] = {}
    for c, s, rule in owners:
        if c in out:
            prev = out[c]
            out[c] = (c, prev[1] + s, prev[2])
        else:
            out[c] = (c, s, rule)
    return [o for o in out.values() if o[1] != 0]


def unique(rules: Iterable[str]) -> tuple[str, ...]:
    """The rule ids in order, each once, the empty ones left out."""
    return tuple(dict.fromkeys(filter(None, rules)))


class Trace:
    """The trace of one decision: facts used or set aside by id (the last word wins, in the
    place the fact was first traced), the explanation's lines, the missing facts and the
    rules that decided.

    With ``keyed``, each line also remembers the record it is about, ``(instant in UTC,
    record id)`` as given by :meth:`reading` (to merge the readings of a household's
    members in the order of the facts)."""

    __slots__ = ("about", "facts", "keys", "lines", "missing", "rules", "tell")

    def __init__(self, *, keyed: bool = False) -> None:
        self.facts: dict[FactKey, Fact] = {}
        """The facts by key (:data:`FactKey`), in the order first traced."""
        self.lines: list[Line] = []
        self.missing: list[MissingFact] = []
        self.rules: list[str] = []
        self.keys: list[tuple[datetime, str]] | None = None
        self.about: list[tuple[datetime, str]] | None = None
        self.tell: Callable[[Line], None] = self.lines.append
        """A line of the explanation, to write when it is read: ``(message key, *args)``
        (the lines' own ``append`` when they keep no key: most traces)."""
        if keyed:
            self.keys = []
            self.about = [(_BEGINNING, "")]
            self.tell = _keeping(self.lines, self.keys, self.about)

    def reading(self, at: datetime, rid: str) -> None:
        """The lines that follow are about the record ``rid`` at ``at``."""
        if self.about is not None:
            self.about[0] = (at.astimezone(UTC), rid)

    def use(self, kind: str, rid: str, rule: str | None, note: str = "") -> None:
        """Fact ``kind:rid`` was used by ``rule``."""
        self.facts[rid if kind == "reception" else (kind, rid)] = (kind, rid, None,
                                                                    rule or None, note)

    def aside(self, kind: str, rid: str, reason: SetAsideReason, rule: str | None,
              note: str = "") -> None:
        """Fact ``kind:rid`` was set aside for ``reason``."""
        self.facts[rid if kind == "reception" else (kind, rid)] = (
            kind, rid, _REASON[reason], rule or None, note)

    def aside_if_new(self, kind: str, rid: str, reason: SetAsideReason, rule: str | None,
                     note: str = "") -> None:
        """:meth:`aside`, unless the fact is traced already."""
        key = rid if kind == "reception" else (kind, rid)
        if key not in self.facts:
            self.facts[key] = (kind, rid, _REASON[reason], rule or None, note)

    def say(self, en: str, zh: str) -> None:
        """A line of the explanation, written."""
        self.tell((SAID, en, zh))

    def insert(self, index: int, lines: Sequence[Line]) -> None:
        """``lines`` told before the line at ``index`` (about the same record)."""
        self.lines[index:index] = lines
        if self.keys is not None:
            self.keys[index:index] = [self.keys[index]] * len(lines)

    def decided(self, *rules: str) -> None:
        self.rules.extend(rules)

    def absorb(self, other: Trace) -> None:
        """Take ``other``'s facts (those already traced here keep their word), missing facts,
        rules and lines."""
        for k, v in other.facts.items():
            self.facts.setdefault(k, v)
        self.missing.extend(other.missing)
        self.rules.extend(other.rules)
        self.lines.extend(other.lines)


def _keeping(lines: list[Line], keys: list[tuple[datetime, str]],
             about: list[tuple[datetime, str]]) -> Callable[[Line], None]:
    """``tell`` of a keyed trace: each line with the record it is about (a closure over the
    trace's lists, not a method: no reference cycle for the collector to break)."""

    def tell(line: Line) -> None:
        lines.append(line)
        keys.append(about[0])

    return tell


@dataclass(slots=True)
class Stop:
    """The rules do not settle the case (escalation), or conflict."""

    rules: tuple[str, ...]
    reason: Text


class Reading:
    """What the reading of one timeline concludes (a client, or a household merged by
    `CC-3`): the claim's owners, where it started and what keeps it alive, or the escalation.

    ``anchor`` is the registered visit the registration window runs from (UTC) and
    ``anchor_day`` its local date's ordinal; ``start_day`` is the local day the claim
    started (a later reception that day is a same-day one, `CC-6`).

    ``claim_rid`` is the reception the current claim started with (for the receptions it won
    against: ``_window.tell_lost``), ``claim_from`` the end of the window that lapsed before
    it (UTC, or ``None``), ``claim_line`` the index of its first line in the trace, and
    ``claim_owners`` its owners then."""

    __slots__ = ("anchor", "anchor_day", "claim_from", "claim_line", "claim_owners",
                 "claim_rid", "company_client", "first_at", "lead", "off_top", "owner_ids",
                 "owners", "provisional", "since", "start_day", "stop")

    def __init__(self, *, stop: Stop | None = None) -> None:
        self.owners: list[Owner] | None = None
        self.owner_ids: frozenset[str] | tuple[str, ...] = ()
        """The consultants of ``owners`` (set with them: :meth:`own`)."""
        self.first_at: datetime | None = None
        self.anchor: datetime | None = None
        self.anchor_day = 0
        self.start_day = 0
        self.stop = stop
        self.provisional: tuple[datetime, tuple[str, ...], Text] | None = None
        self.off_top: list[OffTop] = []
        """The parties paid before the consultant side (`SD-6.1.2`, `SD-6.2.5`)."""
        self.company_client: CompanyReferral | None = None
        self.lead: list[str] = []
        """The household's rule ahead of the owners' (`CC-3`, `SD-7.4`)."""
        self.since: tuple[str, str] | None = None
        """The rule and the change request that gave the current owners (`CC-7`,
        `SD-3.10.C`, `SD-5.2`), if one did since the claim started."""
        self.claim_rid = ""
        self.claim_from: datetime | None = None
        self.claim_line = 0
        self.claim_owners: frozenset[str] | tuple[str, ...] = ()

    def own(self, owners: list[Owner] | None) -> None:
        """The consultant side is now ``owners``."""
        self.owners = owners
        self.owner_ids = (owners[0][0],) if owners and len(owners) == 1 else \
            frozenset(o[0] for o in owners or ())

    def provisionally(self, until: datetime, rules: tuple[str, ...], reason: Text) -> None:
        if self.provisional is None or until < self.provisional[0]:
            self.provisional = (until, rules, reason)
