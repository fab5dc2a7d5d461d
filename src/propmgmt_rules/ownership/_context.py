"""What one question shares while the book is read.

* :class:`Context`: the book's index, the rulebook, the as-of instant and the memos of one
  question (or of one settlement: every decision of a payroll run shares one context);
* :class:`Trace`: what the reading of one decision accumulates (the facts used or set aside,
  last word wins; the explanation's lines; the missing facts; the rules that decided);
* :class:`Reading`: the result of reading a timeline (owners, anchor, escalation, ...).

Instants the engine compares are in UTC (see ``_index``); what a decision reports is as given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from fractions import Fraction
from typing import Any, Final

from .._build import construct
from ..decision import Basis, MissingFact, SetAsideReason, Text
from ..errors import InputError
from ..time import Span, deadline
from ._index import PHONE, BookIndex, Visit
from ._later import LOST, Fact, Line, Outcomes, ShareAtoms, until, when
from .models import CompanyReferral, Departure, PartyRole, Reception, RegistrationBook
from .policy import BEHAVIOURS, Rulebook, WindowAnchor

__all__ = [
    "MEMBER_NOT_FIRST",
    "MEMBER_WITH_OWNER",
    "ONE",
    "SPECIFIC",
    "ZERO",
    "Context",
    "OffTop",
    "Owner",
    "Reading",
    "Stop",
    "Trace",
    "construct",
    "fact_id",
    "lost_lines",
    "member_firsts",
    "merge",
    "names",
    "unique",
]

SPECIFIC: Final = frozenset({"CC-4.2", "CC-4.3", "CC-10.1", "SD-5.1", "SD-7.5.A", "SD-7.5.B",
                             "SD-6.1.2"})
"""The specific rules that give a new client to a consultant other than by the first
reception's own claim (an owner's share cites one of these when one of them decided it): two
of them that disagree, or one that disagrees with a household rule, are an escalation."""

ONE: Final = Fraction(1)
ZERO: Final = Fraction(0)
_BEGINNING: Final = datetime.min.replace(tzinfo=UTC)
_CONSULTANT: Final = PartyRole.CONSULTANT.value



def fact_id(kind: str, rid: str) -> str:
    """The id of an input fact in a decision's trace: ``reception:R12``."""
    return f"{kind}:{rid}"


def used(fact: str, rule: str | None, note: str) -> Fact:
    """Fact ``fact`` (its id) was used by ``rule`` (see ``_later.Fact``)."""
    return ("", fact, None, rule or None, note)


def set_aside(fact: str, reason: SetAsideReason, rule: str | None, note: str) -> Fact:
    """Fact ``fact`` (its id) was set aside for ``reason`` (see ``_later.Fact``)."""
    return ("", fact, _REASON[reason], rule or None, note)


_REASON: Final = {reason: reason.value for reason in SetAsideReason}


Owner = tuple[str, Fraction, str]
"""(consultant, share, rule) of the consultant side."""
OffTop = tuple[str, PartyRole, Fraction, str]
"""(party, role, share, rule) of a party paid before the consultant side."""


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
    return tuple(dict.fromkeys(r for r in rules if r))


class Context:
    """One question's constants and memos: a settlement shares one for every decision."""

    __slots__ = (
        "after_rule",
        "as_of",
        "as_of_utc",
        "basis",
        "book",
        "cited",
        "deal_memo",
        "decided_memo",
        "departure_memo",
        "first_rule",
        "first_rules",
        "follow_client",
        "idx",
        "kinds_memo",
        "not_first",
        "own_rule",
        "phone_rule",
        "plain",
        "rb",
        "read_client",
        "read_deal",
        "rec_memo",
        "renamed",
        "renamed_to",
        "rules",
        "sole",
        "tuples",
        "tz",
        "verify",
        "when_memo",
        "win_memo",
        "window_text",
        "within_rule",
    )

    def __init__(self, book: RegistrationBook, rb: Rulebook, as_of: datetime, *,
                 plain: bool = True) -> None:
        self.plain = plain
        """Plain clients and timelines take the plain paths (``_plain``, ``read_plain``);
        ``False`` only to check that they decide as the general path does."""
        self.book = book
        self.idx: BookIndex = book._index
        self.rb = rb
        self.rules = rb.rules
        self.as_of = as_of
        self.as_of_utc = as_of.astimezone(UTC)
        self.tz = rb.calendar.tz
        self.basis = Basis.model_construct(kind="rulebook", name=rb.name, version=rb.version)
        self.win_memo: dict[int, tuple[datetime, datetime]] = {}
        self.rec_memo: dict[date, datetime] = {}
        self.deal_memo: dict[str, Reading] = {}
        self.cited: dict[str, tuple[str, ...]] = {b: rb.cites(b) for b in BEHAVIOURS}
        outcomes = Outcomes()
        # one bound method for every decision, not one each (held here: no cycle)
        self.read_client = outcomes.client
        self.read_deal = outcomes.deal
        self.sole: dict[tuple[str, str], ShareAtoms] = {}
        self.tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.decided_memo: dict[tuple[str, ...], tuple[str, ...]] = {}
        self.departure_memo: dict[str, Fact] = {}
        self.kinds_memo: dict[tuple[str, ...], tuple[str, ...]] = {}
        """The relation kinds of each household traced (``_household.trace_relations``)."""
        self.when_memo: dict[datetime, Text] = {}
        self.renamed_to = self.idx.renamed_to if self.idx.renamed_to else None
        """The renames of deals to clients, if the book has any (most books have none)."""
        self.renamed: dict[str, None] = dict.fromkeys(self.idx.renamed_to)
        """The clients of ``renamed_to``, as a dict: a lookup, not a method call."""
        # the rules of the most common readings, worked out once per question
        self.first_rule = self.cite("first")
        self.within_rule = self.cite("return_within")
        self.after_rule = self.cite("return_after")
        self.phone_rule = self.cite("phone")
        self.verify = self.on("SD-7.2")
        self.follow_client = rb.window_anchor is WindowAnchor.CLIENT_LAST_VISIT
        self.window_text = (str(rb.window), rb.window.zh)
        self.own_rule = (self.within_rule,
                         self.first_rule if self.on("CC-6") else self.within_rule)
        """The rule of the owner's own later reception, by same day (`CC-6`) or not."""
        self.first_rules = tuple(
            (rules, ", ".join(rules), "、".join(rules))
            for rules in (unique([self.first_rule]), unique([self.after_rule, self.first_rule])))
        """The rules (and their labels) of a plain first reception, by after a lapse or not."""
        self.not_first = tuple(
            (rules, ", ".join(rules), "、".join(rules))
            for rules in (unique([r, *self.cites("conflict")])
                          for r in (self.within_rule, self.first_rule)))
        """The rules (and their labels) of another consultant's reception within the window,
        by same day or not: the earlier registration wins."""

    def utc(self, at: datetime) -> datetime:
        """The same instant in UTC (to compare with the index's instants)."""
        return at.astimezone(UTC)

    def when(self, at: datetime) -> Text:
        """``Sat 1 Mar 2025 10:00`` / 「2025年3月1日(周六)10:00」 in the calendar's zone (one
        text per instant: a consultant's departure is told to each of their clients)."""
        got = self.when_memo.get(at)
        if got is None:
            got = self.when_memo[at] = when(at, self.tz)
        return got

    def until(self, at: datetime) -> Text:
        """``the end of Thu 3 Apr 2025`` / 「2025年4月3日(周四)24:00」: the end of a window."""
        return until(at, self.tz)

    def day(self, at: datetime) -> date:
        """The local date of ``at`` in the calendar's zone."""
        return at.astimezone(self.tz).date()

    def window(self, at: datetime, day: int | None = None) -> tuple[datetime, datetime]:
        """The end of the registration window of a visit at ``at`` (`T-MONTHS`; by local
        date, ``day`` its ordinal if known): as reported, and in UTC (to compare). A window
        that would end after the year 9999 is an :class:`InputError` naming the window."""
        if day is None:
            day = at.astimezone(self.tz).toordinal()
        got = self.win_memo.get(day)
        if got is None:
            end = self._deadline(at, self.rb.window, "rulebook.window", "registration window")
            got = self.win_memo[day] = (end, end.astimezone(UTC))
        return got

    def recognition_end(self, at: datetime) -> datetime:
        d = self.day(at)
        end = self.rec_memo.get(d)
        if end is None:
            end = self.rec_memo[d] = self._deadline(
                at, self.rb.recognition_window, "rulebook.recognition_window",
                "recognition window")
        return end

    def _deadline(self, at: datetime, span: Span, field: str, what: str) -> datetime:
        try:
            end = deadline(at, span, self.rb.calendar)
            end.astimezone(UTC)
        except (OverflowError, ValueError):
            raise InputError(field, f"the {what} ({span}) from {at.isoformat()} would end "
                             "after the year 9999", str(span)) from None
        return end

    def end_of_day(self, d: date, field: str = "date") -> datetime:
        """The end (24:00) of local day ``d``; after the year 9999: an :class:`InputError`
        naming ``field``."""
        try:
            return datetime(d.year, d.month, d.day, tzinfo=self.tz) + timedelta(days=1)
        except OverflowError:
            raise InputError(field, "must end before the year 10000", d.isoformat()) from None

    def on(self, rule: str) -> bool:
        return rule in self.rules

    def cite(self, behaviour: str) -> str:
        got = self.cited[behaviour]
        return got[0] if got else ""

    def cites(self, behaviour: str) -> tuple[str, ...]:
        return self.cited[behaviour]

    def escalate_rules(self) -> tuple[str, ...]:
        return self.cited["escalate"]

    def owner_atoms(self, owners: Sequence[Owner]) -> ShareAtoms:
        """The consultant side as the atoms of its shares (:class:`._later.Outcomes`)."""
        if len(owners) == 1 and owners[0][1] is ONE:
            return self.sole_owner(owners[0][0], owners[0][2])
        return tuple(x for c, s, rule in owners
                     for x in (c, _CONSULTANT, s.numerator, s.denominator, rule))

    def sole_owner(self, consultant: str, rule: str) -> ShareAtoms:
        """The consultant side of a sole owner (one tuple per owner and rule: shared)."""
        got = self.sole.get((consultant, rule))
        if got is None:
            got = self.sole[consultant, rule] = (consultant, _CONSULTANT, 1, 1, rule)
        return got

    def decided(self, rules: tuple[str, ...]) -> tuple[str, ...]:
        """The rules that decided an ownership: ``rules`` (the reading's), then the base rules
        (`CC-6`/`SD-7.3`, `CC-1`/`SD-7.1`), each once."""
        got = self.decided_memo.get(rules)
        if got is None:
            got = self.decided_memo[rules] = self.rule_ids(unique(
                [*rules, *self.cited["first"][:1], *self.cited["book"][:1]]))
        return got

    def departure_aside(self, dep: Departure) -> Fact:
        """A departure set aside: the consultant who left does not own the client (one
        per departure: decisions share them)."""
        got = self.departure_memo.get(dep.id)
        if got is None:
            reason = SetAsideReason.AFTER_AS_OF if dep.at > self.as_of \
                else SetAsideReason.NOT_RELEVANT
            note = f"{dep.consultant} does not own the client"
            got = self.departure_memo[dep.id] = ("departure", dep.id, reason.value, None, note)
        return got

    def rule_ids(self, rules: tuple[str, ...]) -> tuple[str, ...]:
        """The same tuple of rule ids, one object per distinct tuple: decisions share them."""
        return self.tuples.setdefault(rules, rules)


MEMBER_WITH_OWNER: Final = "a household member's first visit, with the household's owner"
MEMBER_NOT_FIRST: Final = "the household's first reception owns the whole household"


def member_firsts(receptions: Sequence[Reception], counted: Sequence[Visit]) -> dict[str, str]:
    """The first counted visit of each member of a household but the first one (`CC-3`): its
    reception id, and the member."""
    seen: set[str] = set()
    out: dict[str, str] = {}
    for visit in counted:
        client = receptions[visit[2]].client
        if client not in seen:
            if seen:
                out[visit[1]] = client
            seen.add(client)
    return out


def lost_lines(ctx: Context, skipped: Sequence[Visit], claim_rid: str,
               claim_from: datetime | None, first_at: datetime, owners: Sequence[str]
               ) -> list[Line]:
    """The phone enquiries (`CC-NOTE`, `SD-3.13`) and unverified registrations (`SD-7.2`) of
    ``skipped`` that would have started the claim that ``claim_rid`` (at ``first_at``, UTC)
    started, after the lapse at ``claim_from`` if any: by another consultant, before it. Their
    sentences, in order (each names ``claim_rid``, the reception they are told with, then
    the rule, seventh)."""
    out: list[Line] = []
    for at, rid, _, consultant, channel in skipped:
        if at < first_at and (claim_from is None or at > claim_from) \
                and consultant not in owners:
            rule = ctx.phone_rule if channel == PHONE else "SD-7.2"
            if rule:
                out.append((LOST, claim_rid, rid, consultant, at, ctx.tz, rule,
                            channel == PHONE))
    return out


@dataclass(slots=True)
class Trace:
    """The trace of one decision: facts used or set aside (last word wins), the explanation's
    lines (see ``_later``), the missing facts and the rules that decided."""

    facts: dict[str, Fact] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)
    missing: list[MissingFact] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    keys: list[tuple[datetime, str]] | None = None
    """When kept: the (instant, record id) each line is about (to merge members' readings)."""
    about: tuple[datetime, str] = (_BEGINNING, "")

    def reading(self, at: datetime, rid: str) -> None:
        """The lines that follow are about the record ``rid`` at ``at``."""
        if self.keys is not None:
            self.about = (at.astimezone(UTC), rid)

    def use(self, fact: str, rule: str | None, note: str = "") -> None:
        self.facts[fact] = used(fact, rule, note)

    def aside(self, fact: str, reason: SetAsideReason, rule: str | None, note: str = "") -> None:
        self.facts[fact] = set_aside(fact, reason, rule, note)

    def aside_if_new(self, fact: str, reason: SetAsideReason, rule: str | None,
                     note: str = "") -> None:
        if fact not in self.facts:
            self.facts[fact] = set_aside(fact, reason, rule, note)

    def say(self, en: str, zh: str) -> None:
        """A line of the explanation, written."""
        self.lines.append((en, zh))
        if self.keys is not None:
            self.keys.append(self.about)

    def tell(self, *line: Any) -> None:
        """A line of the explanation, to write when it is read: ``(sentence, *arguments)``."""
        self.lines.append(line)
        if self.keys is not None:
            self.keys.append(self.about)

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


@dataclass(slots=True)
class Stop:
    """The rules do not settle the case (escalation), or conflict."""

    rules: tuple[str, ...]
    reason: Text


@dataclass(slots=True)
class Reading:
    """The result of reading one timeline (a client, or a household merged by `CC-3`)."""

    owners: list[Owner] | None = None
    first_at: datetime | None = None
    anchor: datetime | None = None
    stop: Stop | None = None
    provisional: tuple[datetime, tuple[str, ...], Text] | None = None
    off_top: list[OffTop] = field(default_factory=list)
    company_client: CompanyReferral | None = None
    lead: list[str] = field(default_factory=list)
    since: tuple[str, str] | None = None
    """The rule and the change request that gave the current owners (`CC-7`, `SD-3.10.C`,
    `SD-5.2`), if one did since the claim started."""

    def provisionally(self, until: datetime, rules: tuple[str, ...], reason: Text) -> None:
        if self.provisional is None or until < self.provisional[0]:
            self.provisional = (until, rules, reason)
