"""What one question shares while the book is read.

* :class:`RuleIds`: what a rulebook says, worked out once per rulebook (the rule each
  behaviour cites, the labels of the most common sentences, the basis of its decisions) and
  kept with it;
* :class:`Context`: the book's index, the rulebook, the as-of instant and the memos of one
  question (or of one settlement: every decision of a payroll run shares one context).

Instants the engine compares are in UTC (see ``_index``); what a decision reports is as given.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Final

from ..decision import Basis, SetAsideReason, Text
from ..errors import InputError
from ..time import Span, deadline
from ..time.deadline import due_of_last, last_x
from ._index import BookIndex
from ._later import KEPT, Outcomes, ShareAtoms, _as_of_text, until, until_words, when
from ._trace import ONE, Fact, Owner, Reading, Stop, unique
from .models import Deal, Departure, PartyRole
from .policy import BEHAVIOURS, Rulebook, WindowAnchor

__all__ = ["Context", "DealCredit", "Labelled", "RuleIds", "Window", "rule_ids"]

_CONSULTANT: Final = PartyRole.CONSULTANT.value
_AFTER_AS_OF: Final = SetAsideReason.AFTER_AS_OF.value
_NOT_RELEVANT: Final = SetAsideReason.NOT_RELEVANT.value

Window = tuple[datetime, datetime, str, str]
"""The end of a registration window: as reported (in the calendar's zone), in UTC, and as the
explanations write it in English and Chinese (``the end of Thu 3 Apr 2025`` /
「2025年4月3日(周四)24:00」, :func:`._later.until`): written once per day of the visits and
rulebook, where each decision's last line and each lapse would look it up again."""
Labelled = tuple[tuple[str, ...], str, str]
"""Rules, and their labels in English and Chinese (``CC-9.2, CC-6`` / 「CC-9.2、CC-6」)."""


class RuleIds:
    """What the engine needs of a rulebook, worked out once (:func:`rule_ids`): its rules,
    the rule each behaviour of :data:`~.policy.BEHAVIOURS` cites, the labels of the frequent
    sentences, and the basis and escalation target of its decisions."""

    __slots__ = ("after", "basis", "cited", "decided", "first", "first_rules", "follow_client",
                 "made_of", "not_first", "on", "outcomes", "own", "phone", "recognitions",
                 "sole", "verify", "window_text", "windows", "within")

    def __init__(self, rb: Rulebook) -> None:
        self.made_of = _made_of(rb)
        self.windows: dict[int, Window] = {}
        """The end of the registration window of a visit on each local day (by ordinal), as
        reported, in UTC and written (:data:`Window`): kept for every question under the
        rulebook (the rulebook's window and calendar decide it, nothing else)."""
        self.outcomes = Outcomes()
        """The outcomes' share models, shared by the decisions of every question under the
        rulebook (bounded: :class:`._later.Outcomes`)."""
        self.recognitions: dict[date, datetime] = {}
        """The end of the recognition window of a visit on each local day, likewise."""
        self.decided: dict[tuple[str, ...], tuple[str, ...]] = {}
        """``Context.decided``'s memo, shared by the questions under the rulebook (a
        command-line job's cases name the same rules): emptied by a question that finds it
        holding more than ``KEPT``."""
        self.sole: dict[tuple[str, str], ShareAtoms] = {}
        """``Context.sole_owner``'s memo, likewise."""
        self.on = rb.rules
        """The rules the rulebook enables (``rule in ids.on``)."""
        self.cited: dict[str, tuple[str, ...]] = {b: rb.cites(b) for b in BEHAVIOURS}
        self.first = self.cite("first")
        self.within = self.cite("return_within")
        self.after = self.cite("return_after")
        self.phone = self.cite("phone")
        self.verify = "SD-7.2" in rb.rules
        self.follow_client = rb.window_anchor is WindowAnchor.CLIENT_LAST_VISIT
        self.window_text = (str(rb.window), rb.window.zh)
        self.basis = Basis.model_construct(kind="rulebook", name=rb.name, version=rb.version)
        self.own = (self.within, self.first if "CC-6" in rb.rules else self.within)
        """The rule of the owner's own later reception, by same day (`CC-6`) or not."""
        self.first_rules: tuple[Labelled, Labelled] = (
            _labelled(unique([self.first])), _labelled(unique([self.after, self.first])))
        """The rules of a plain first reception, by after a lapse or not."""
        conflict = self.cited["conflict"]
        self.not_first: tuple[Labelled, Labelled] = (
            _labelled(unique([self.within, *conflict])),
            _labelled(unique([self.first, *conflict])))
        """The rules of another consultant's reception within the window, by same day or
        not: the earlier registration wins."""

    def cite(self, behaviour: str) -> str:
        """The first rule the rulebook enables for ``behaviour``, or ``""``."""
        got = self.cited[behaviour]
        return got[0] if got else ""


def _labelled(rules: tuple[str, ...]) -> Labelled:
    return rules, ", ".join(rules), "、".join(rules)


def _made_of(rb: Rulebook) -> tuple[object, ...]:
    return (rb.rules, rb.window, rb.window_anchor, rb.name, rb.version, rb.calendar,
            rb.recognition_window)


def rule_ids(rb: Rulebook) -> RuleIds:
    """The :class:`RuleIds` of ``rb``, worked out once and kept with the (immutable) rulebook
    as a cached value is (not a field: its equality and JSON never see it); worked out again
    for a copy whose fields changed (``model_copy(update=...)`` copies it)."""
    got: RuleIds | None = rb.__dict__.get("_rule_ids")
    if got is None or any(a is not b for a, b in zip(got.made_of, _made_of(rb), strict=True)):
        got = rb.__dict__["_rule_ids"] = RuleIds(rb)
    return got


DealCredit = Callable[["Context", Deal], "Reading"]


class Context:
    """One question's constants and memos: a settlement shares one for every decision.

    ``deal_credit`` reads the consultant side of a past deal (for `CC-4.2`): the engine's
    household reading, given by the engine (the rules that need it do not import it)."""

    __slots__ = (
        "_as_of_words",
        "_deals",
        "_decided",
        "_departures",
        "_recognitions",
        "_sole",
        "_tuples",
        "_when",
        "_windows",
        "as_of",
        "as_of_utc",
        "deal_credit",
        "ids",
        "idx",
        "kinds",
        "prefix",
        "rb",
        "read_client",
        "read_deal",
        "tz",
        "whole",
    )

    def __init__(self, idx: BookIndex, rb: Rulebook, as_of: datetime,
                 deal_credit: DealCredit, *, whole: bool = False, prefix: str = "") -> None:
        self.idx = idx
        self.rb = rb
        self.ids = rule_ids(rb)
        self.as_of = as_of
        self.as_of_utc = as_of.astimezone(UTC)
        self.tz = rb.calendar.tz
        self.deal_credit = deal_credit
        self.whole = whole
        """Decisions built whole (``DeferredDecision.whole``: for a caller that reads each one
        in full, the command line's job), else written on first use (``later``)."""
        self.prefix = prefix
        """Written before the subject of each decision built whole (the command line's case
        id, ``"k1: "``: ``settle_whole``); not in the explanation, which names the client."""
        outcomes = self.ids.outcomes  # the share models shared by the rulebook's decisions
        self.read_client = outcomes.client
        """Builds an ownership decision's outcome when first read: one bound method for
        every decision of the question, not one each (one more object per decision for the
        collector to follow)."""
        self.read_deal = outcomes.deal
        self.kinds: dict[tuple[str, ...], tuple[str, ...]] = {}
        """The relation kinds of each household traced (``_household.trace_relations``)."""
        self._windows = self.ids.windows
        self._recognitions = self.ids.recognitions
        self._deals: dict[str, Reading] = {}
        self._departures: dict[str, Fact] = {}
        self._when: dict[datetime, Text] = {}
        ids = self.ids
        if len(ids.decided) > KEPT or len(ids.sole) > KEPT:  # bounded across questions
            ids.decided.clear()
            ids.sole.clear()
        self._sole = ids.sole
        self._tuples: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._decided = ids.decided
        self._as_of_words: tuple[str, str] | None = None

    # -- the rulebook ----------------------------------------------------------------------

    def on(self, rule: str) -> bool:
        return rule in self.ids.on

    def cite(self, behaviour: str) -> str:
        return self.ids.cite(behaviour)

    def cites(self, behaviour: str) -> tuple[str, ...]:
        return self.ids.cited[behaviour]

    # -- instants ----------------------------------------------------------------------------

    def when(self, at: datetime) -> Text:
        """``Sat 1 Mar 2025 10:00`` / 「2025年3月1日(周六)10:00」 in the calendar's zone (one
        text per instant: a consultant's departure is told to each of their clients)."""
        got = self._when.get(at)
        if got is None:
            got = self._when[at] = when(at, self.tz)
        return got

    def as_of_words(self) -> tuple[str, str]:
        """The as-of instant as the decisions' last lines write it (``Sat 1 Mar 2025 10:00``
        / 「2025年3月1日(周六)10:00」), its two texts: written once for the question (on
        its first decision that names owners), shared by its decisions as atoms."""
        got = self._as_of_words
        if got is None:
            text = _as_of_text(self.as_of, self.tz)
            got = self._as_of_words = (text.en, text.zh)
        return got

    def until(self, at: datetime) -> Text:
        """``the end of Thu 3 Apr 2025`` / 「2025年4月3日(周四)24:00」: the end of a window."""
        return until(at, self.tz)

    def day(self, at: datetime) -> date:
        """The local date of ``at`` in the calendar's zone."""
        return at.astimezone(self.tz).date()

    def window(self, at: datetime, day: int | None = None) -> Window:
        """The end of the registration window of a visit at ``at`` (`T-MONTHS`; by local
        date, ``day`` its ordinal if known): as reported, in UTC (to compare) and written
        (:data:`Window`). A window that would end after the year 9999 is an
        :class:`InputError` naming the window."""
        if day is None:
            day = at.astimezone(self.tz).toordinal()
        got = self._windows.get(day)
        if got is None:
            got = self._windows[day] = self._window(at, day)
        return got

    def _window(self, at: datetime, day: int) -> Window:
        """:meth:`window` worked out: ``deadline(at, rb.window, rb.calendar)`` by the day
        the caller knows (``day``, the local date's ordinal of ``at``), as the time area's
        explained deadline takes it (``last_x``, then ``due_of_last``: a registration window
        is a span of days or months, which ``deadline`` writes the same way; any other span
        by ``deadline`` itself); its end in UTC and written (``until_words``), each once."""
        rb = self.rb
        span = rb.window
        try:
            c = rb.calendar._compiled
            last = last_x(c, day - 1, span)
            end = deadline(at, span, rb.calendar) if last is None else \
                due_of_last(c, span, last)
            end_utc = end.astimezone(UTC)
        except (OverflowError, ValueError):  # an InputError of ``deadline`` too
            raise _beyond_9999("rulebook.window", "registration window", span, at) from None
        en, zh = until_words(end, self.tz)
        return end, end_utc, en, zh

    def recognition_end(self, at: datetime) -> datetime:
        """The end of the recognition window of a visit at ``at`` (`SD-3.7.I`)."""
        d = self.day(at)
        end = self._recognitions.get(d)
        if end is None:
            end = self._recognitions[d] = self._deadline(
                at, self.rb.recognition_window, "rulebook.recognition_window",
                "recognition window")
        return end

    def _deadline(self, at: datetime, span: Span, field: str, what: str) -> datetime:
        try:
            end = deadline(at, span, self.rb.calendar)
            end.astimezone(UTC)
        except (OverflowError, ValueError):
            raise _beyond_9999(field, what, span, at) from None
        return end

    def end_of_day(self, d: date, field: str = "date") -> datetime:
        """The end (24:00) of local day ``d``; after the year 9999: an :class:`InputError`
        naming ``field``."""
        try:
            return datetime(d.year, d.month, d.day, tzinfo=self.tz) + timedelta(days=1)
        except OverflowError:
            raise InputError(field, "must end before the year 10000", d.isoformat()) from None

    # -- memos -----------------------------------------------------------------------------

    def credit(self, deal: Deal) -> Reading:
        """The consultant side of a past deal (`CC-4.2`), read once per question."""
        got = self._deals.get(deal.id)
        if got is None:
            self._deals[deal.id] = Reading(stop=Stop(("CC-4.2",), Text("cycle", "循环")))
            got = self._deals[deal.id] = self.deal_credit(self, deal)
        return got

    def departure_aside(self, dep: Departure) -> Fact:
        """A departure set aside: the consultant who left does not own the client (one
        per departure: decisions share them)."""
        got = self._departures.get(dep.id)
        if got is None:
            reason = _AFTER_AS_OF if dep.at > self.as_of else _NOT_RELEVANT
            got = self._departures[dep.id] = ("departure", dep.id, reason, None,
                                              f"{dep.consultant} does not own the client")
        return got

    def interned(self, value: tuple[str, ...]) -> tuple[str, ...]:
        """The same tuple of strings, one object per distinct tuple: decisions share them."""
        return self._tuples.setdefault(value, value)

    def decided(self, rules: tuple[str, ...]) -> tuple[str, ...]:
        """The rules that decided an ownership: ``rules`` (the reading's), then the base rules
        (`CC-6`/`SD-7.3`, `CC-1`/`SD-7.1`), each once."""
        got = self._decided.get(rules)
        if got is None:
            cited = self.ids.cited
            got = self._decided[rules] = self.interned(unique(
                [*rules, *cited["first"][:1], *cited["book"][:1]]))
        return got

    def owner_atoms(self, owners: Sequence[Owner]) -> ShareAtoms:
        """The consultant side as the atoms of its shares (:class:`._later.Outcomes`)."""
        if len(owners) == 1 and owners[0][1] is ONE:
            return self.sole_owner(owners[0][0], owners[0][2])
        return tuple(x for c, s, rule in owners
                     for x in (c, _CONSULTANT, s.numerator, s.denominator, rule))

    def sole_owner(self, consultant: str, rule: str) -> ShareAtoms:
        """The consultant side of a sole owner (one tuple per owner and rule: shared)."""
        got = self._sole.get((consultant, rule))
        if got is None:
            got = self._sole[consultant, rule] = (consultant, _CONSULTANT, 1, 1, rule)
        return got


def _beyond_9999(field: str, what: str, span: Span, at: datetime) -> InputError:
    """The error of a rulebook's window (``field``, ``what``) from ``at`` that would end after
    the year 9999."""
    return InputError(field, f"the {what} ({span}) from {at.isoformat()} would end after the "
                      "year 9999", str(span))
