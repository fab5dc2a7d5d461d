"""What a decision writes on first use: its trace records and its explanation.

A payroll run decides every client of a book and reads few traces and explanations, so a
decision keeps them as data and writes them when it is first read, compared, copied or
serialised (:class:`~propmgmt_rules.decision.DeferredDecision`):

* a fact of the trace is a :data:`~._trace.Fact`, ``(kind, record id, reason, rule, note)``:
  used when the reason is ``None``, else set aside for that :class:`SetAsideReason` value;
  the fact's id is ``kind:record id``;
* a line of the explanation is a message atom of the one renderer
  (:mod:`propmgmt_rules.render`): one of the frequent sentences below and what it is made of,
  ``(FIRST, record id, instant, zone, consultant, rules, rules in Chinese)``, or a sentence
  written where it arose, ``(SAID, en, zh)``; the explanation is written by the renderer
  when it is first read (:meth:`~propmgmt_rules.decision.Explanation.from_lines`).

What they hold is shared with the book and the rulebook (ids, instants, rule labels) and holds
no container (a commission's lines too, flat: :data:`LineAtoms`): it costs little memory and, once
the collector has seen such a tuple, nothing more to the garbage collector, where a record per
fact would cost both. Rare sentences are written where they arise (``_specific``,
``_household``, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Any, Final

from pydantic import BaseModel

from .._build import construct, construct_dict, fields_set
from .._memo import Memo
from ..decision import Explanation, FactSetAside, FactUsed, SetAsideReason, Text
from ..render import message
from ..time.phrasing import CLOCK, day_text
from ._trace import SAID, Fact, Line
from .models import CommissionLine, CommissionOutcome, OwnershipOutcome, PartyRole, Share

__all__ = [
    "FIRST",
    "FIRST_AFTER_LAPSE",
    "HOUSEHOLD",
    "KEPT",
    "LAPSED",
    "LOST",
    "MEMBER_FIRST",
    "OWNED",
    "RETURN_WITHIN",
    "SAME_DAY",
    "SPLIT",
    "ClientAtoms",
    "DealAtoms",
    "LineAtoms",
    "Outcomes",
    "ShareAtoms",
    "and_list",
    "day",
    "records",
    "relation_words",
    "until",
    "until_words",
    "when",
    "write",
]

_SET: Final = object.__setattr__


def when(at: datetime, tz: tzinfo) -> Text:
    """An instant as explanations write it, in the calendar's zone: ``Sat 1 Mar 2025 10:00`` /
    「2025年3月1日(周六)10:00」, a local midnight as the end of the day before (``24:00``):
    ``time.phrasing.instant_text(at, tz, year=True)``, with each day's words written once (a
    decision read in full writes several instants; ``tests/ownership/test_explanations``
    checks that it is ``instant_text``)."""
    en, zh, clock = _when(at, tz)
    return Text(f"{en} {clock}", f"{zh}{clock}")


def _when(at: datetime, tz: tzinfo) -> tuple[str, str, str]:
    """:func:`when`'s parts: the day's words in English and Chinese and the time of day
    (``Sat 1 Mar 2025``, 「2025年3月1日(周六)」, ``10:00``), written by the messages below
    into their sentences (``{en} {clock}``, ``{zh}{clock}``: no text of the instant made on
    its own). An instant already in ``tz`` (a decision built whole gives its lines local
    instants) is not converted again (``astimezone`` would return it as it is)."""
    local = at if at.tzinfo is tz else at.astimezone(tz)
    day = local.toordinal()
    hour, minute, second = local.hour, local.minute, local.second
    if not (hour or minute or second or local.microsecond) and day > 1:
        en, zh = _DAYS.get(day - 1) or _day_words(day - 1)
        return en, zh, "24:00"
    en, zh = _DAYS.get(day) or _day_words(day)
    clock = CLOCK[hour * 60 + minute]
    if second or local.microsecond:
        clock = f"{clock}:{second:02d}"
    return en, zh, clock


_DAYS: Memo[int, tuple[str, str]] = Memo(4096)
"""Each day's words (``Sat 1 Mar 2025`` / 「2025年3月1日(周六)」) by ordinal, written once
(:func:`_day_words`)."""


def _day_words(ordinal: int) -> tuple[str, str]:
    text = day_text(date.fromordinal(ordinal), year=True)
    return _DAYS.put(ordinal, (text.en, text.zh))


@lru_cache(maxsize=1024)
def until(at: datetime, tz: tzinfo) -> Text:
    """The end of a window or of a wait: ``the end of Thu 3 Apr 2025`` /
    「2025年4月3日(周四)24:00」 for a local midnight, else as :func:`when`.

    Kept (the last 1,024): the ends of a rulebook's windows are few (one per day of the
    visits, each one instant shared by the decisions: ``Context.window``) and most decisions
    write one. The text depends on the instant and the zone only (two equal instants,
    whatever their offsets, are one key and one text)."""
    return Text(*until_words(at, tz))


def until_words(at: datetime, tz: tzinfo) -> tuple[str, str]:
    """:func:`until`'s two texts, written from :func:`_when`'s parts (no :class:`Text` made,
    nothing kept: ``Context.window`` keeps them with the window's end, once per day)."""
    en, zh, clock = _when(at, tz)
    if clock == "24:00":
        return f"the end of {en}", f"{zh}24:00"
    return f"{en} {clock}", f"{zh}{clock}"


def day(d: date) -> Text:
    """A day as explanations write it: ``Sat 1 Mar 2025`` / 「2025年3月1日(周六)」."""
    return day_text(d, year=True)


_KIND_WORDS: Final = {"spouse": ("spouses", "夫妻"), "parent_child": ("parent and child",
                                                                    "父母及子女")}


def relation_words(kinds: tuple[str, ...]) -> tuple[str, str]:
    """How a household's relations read (``kinds``: the relation kinds' values, sorted):
    ``spouses`` / 「夫妻」, ``parent and child`` / 「父母及子女」, or both."""
    words = [_KIND_WORDS[k] for k in kinds if k in _KIND_WORDS] or [("related", "亲属")]
    return "; ".join(w[0] for w in words), "、".join(w[1] for w in words)


def and_list(items: Any) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# The messages take their atom whole and return its two texts (``message(key, atom=True)``):
# an ownership case writes about fifty lines, and neither a tuple of each line's arguments nor
# a Text is made for one. Each atom is ``(key, *arguments)`` as its docstring names them.


@message("ownership.first", atom=True)
def _first(line: Line) -> tuple[str, str]:
    """``(FIRST, rid, at, tz, consultant, label, zh_label)``."""
    return _first_reception(line, "", "")


@message("ownership.first_after_lapse", atom=True)
def _first_after_lapse(line: Line) -> tuple[str, str]:
    """``(FIRST_AFTER_LAPSE, rid, at, tz, consultant, label, zh_label)``."""
    return _first_reception(line, " after the lapse", "期满后")


def _first_reception(line: Line, after: str, after_zh: str) -> tuple[str, str]:
    """The first registered reception's sentence (``after``: after the window lapsed)."""
    _, rid, at, tz, consultant, label, zh_label = line
    w_en, w_zh, clock = _when(at, tz)
    return (f"{rid} on {w_en} {clock} is the first registered reception{after}: the client "
            f"belongs to {consultant} ({label}).",
            f"{rid}于{w_zh}{clock}为{after_zh}第一次登记接待:客户归{consultant}({zh_label})。")


@message("ownership.lapsed", atom=True)
def _lapsed(line: Line) -> tuple[str, str]:
    """``(LAPSED, window, window_zh, anchor, until_en, until_zh, rid, at, tz, rule)``;
    ``until_en``, ``until_zh``: the end of the window as :func:`until` writes it (kept
    with the window's end: ``Context.window``)."""
    _, window, window_zh, anchor, until_en, until_zh, rid, at, tz, rule = line
    (start_en, start_zh, start_clock), (w_en, w_zh, clock) = _when(anchor, tz), _when(at, tz)
    return (f"The registration window ({window}) of the visit on {start_en} {start_clock} ran "
            f"until {until_en}; {rid} on {w_en} {clock} came after it ({rule}).",
            f"{start_zh}{start_clock}来访登记的有效期({window_zh})已于{until_zh}届满;"
            f"{rid}于{w_zh}{clock}来访,"
            f"在其之后({rule})。")


@message("ownership.same_day", atom=True)
def _same_day(line: Line) -> tuple[str, str]:
    """``(SAME_DAY, rid, consultant, label, zh_label)``."""
    _, rid, consultant, label, zh_label = line
    return (f"{rid} by {consultant} on the same day came after the first reception; the first "
            f"reception wins ({label}).",
            f"{rid}由{consultant}接待,为同日后一次接待,以第一次接待为准({zh_label})。")


@message("ownership.return_within", atom=True)
def _return_within(line: Line) -> tuple[str, str]:
    """``(RETURN_WITHIN, rid, consultant, at, tz, owners, label, zh_label)``."""
    _, rid, consultant, at, tz, owners, label, zh_label = line
    w_en, w_zh, clock = _when(at, tz)
    return (f"{rid} by {consultant} on {w_en} {clock} is a return within the window; the earlier "
            f"registration wins, the client stays with {owners} ({label}).",
            f"{rid}由{consultant}于{w_zh}{clock}接待,为有效期内回头,以先登记者为准,仍归{owners}"
            f"({zh_label})。")


@message("ownership.member_first", atom=True)
def _member_first(line: Line) -> tuple[str, str]:
    """A household member's first visit after another member's reception (`CC-3`):
    ``(MEMBER_FIRST, rid, consultant, at, tz, member, owners, rule)``."""
    _, rid, consultant, at, tz, member, owners, rule = line
    w_en, w_zh, clock = _when(at, tz)
    return (f"{rid} by {consultant} on {w_en} {clock} is {member}'s first registered visit; "
            f"the first reception of any member owns the whole household, which stays with "
            f"{owners} ({rule}).",
            f"{rid}由{consultant}于{w_zh}{clock}接待,为{member}首次登记来访;同属一家人以第一次接待为准,"
            f"仍归{owners}({rule})。")


@message("ownership.lost", atom=True)
def _lost(line: Line) -> tuple[str, str]:
    """A phone enquiry or an unverified registration before the reception ``claim_rid`` that
    owns: it gives no claim (`CC-NOTE`, `SD-3.13`, `SD-7.2`): ``(LOST, claim_rid, rid,
    consultant, at, tz, rule, phone)``."""
    _, _claim_rid, rid, consultant, at, tz, rule, phone = line
    w_en, w_zh, clock = _when(at, tz)
    if phone:
        return (f"{rid} by {consultant} on {w_en} {clock} was a phone enquiry: it gives no claim "
                f"({rule}).",
                f"{rid}为{consultant}于{w_zh}{clock}的来电登记,不作为确定客户归属的依据({rule})。")
    return (f"{rid} by {consultant} on {w_en} {clock} was not verified by the project manager: "
            f"it does not count ({rule}).",
            f"{rid}为{consultant}于{w_zh}{clock}的登记,未经项目经理审核确认,无效({rule})。")


@message("ownership.owned", atom=True)
def _owned(line: Line) -> tuple[str, str]:
    """The last line of an ownership decision: its owners, ``(OWNED, as_of_en, as_of_zh,
    subject, owners, who_zh, members, until_en, until_zh, again)``; ``as_of_en``,
    ``as_of_zh``: the as-of instant written (once per question: ``Context.as_of_words``);
    ``until_en``, ``until_zh``: the end of the window as :func:`until` writes it (kept with
    the window's end: ``Context.window``), or ``None``; ``again``: the rule of the next
    reception when that end has passed."""
    _, as_of_en, as_of_zh, subject, owners, who_zh, members, until_en, until_zh, again = line
    if until_en is None:
        tail_en = tail_zh = ""
    elif again is None:
        tail_en, tail_zh = f"; protected until {until_en}", f";保护期至{until_zh}"
    else:
        tail_en = (f"; the window ran until {until_en}, the next registered reception will own "
                   f"the client ({again})")
        tail_zh = f";有效期已于{until_zh}届满,下一次登记接待者将获得该客户({again})"
    return (f"As of {as_of_en}, {subject} belongs to {owners}{tail_en}.",
            f"截至{as_of_zh},{who_zh}{members}归{owners}{tail_zh}。")


_as_of_text: Final = lru_cache(maxsize=64)(when)
""":func:`when` of an as-of instant, kept (the last 64): every decision of a settlement
writes its one as-of instant, written once per question (``Context.as_of_words``: its two
texts in the decisions' last lines, atoms), and the questions of a job share the instant (a
reception's instant, written once, is not kept: keeping it would cost more than it
saves)."""


ShareAtoms = tuple[Any, ...]
"""Shares as atoms, flat: ``(party, role value, numerator, denominator, rule)`` of each share
in turn. Flat, not a tuple per share: the collector stops following a tuple of atoms at its
first look, where it needs one look per level of nesting (see
:meth:`~propmgmt_rules.decision.DeferredDecision.later`)."""
LineAtoms = tuple[Any, ...]
"""Commission lines as atoms, flat: ``(party, role value, numerator, denominator, amount,
rule)`` of each line in turn."""
ClientAtoms = tuple[str, tuple[str, ...], ShareAtoms, ShareAtoms, bool, datetime | None, bool]
"""An :class:`OwnershipOutcome` as atoms: ``(client, household, owners, off the top, company
client, protected until, lapsed)``."""
DealAtoms = tuple[str, Decimal, tuple[str, ...], LineAtoms]
"""A :class:`CommissionOutcome` as atoms: ``(deal, commission, credited to, lines)``."""


class Outcomes:
    """The outcomes of one question's decisions, built from their atoms when first read:
    :meth:`client` and :meth:`deal` are the functions
    :meth:`~propmgmt_rules.decision.DeferredDecision.later` takes (bound once per question:
    ``Context.read_client``, ``Context.read_deal``).

    An outcome built at once would be one more object per decision for the garbage collector
    to follow as long as the decision lives (with its shares, a commission's lines and their
    fractions): a payroll run's 300,000 of them, counted among the objects that survive, are
    enough for the collector to run a full collection over the caller's whole heap (the book
    and more) while the run builds its decisions. The share models are shared between the
    decisions, as the engine shared them when it built outcomes at once, and the questions
    under one rulebook (one :class:`Outcomes` per rulebook, ``RuleIds.outcomes``: a
    command-line job's cases are small books of the same consultants)."""

    __slots__ = ("_fractions", "_shares")

    def __init__(self) -> None:
        self._shares: dict[ShareAtoms, tuple[Share, ...]] = {}
        self._fractions: dict[tuple[int, int], Fraction] = {}

    def fraction(self, num: int, den: int) -> Fraction:
        """The share ``num/den`` (one object per distinct share: decisions share them)."""
        got = self._fractions.get((num, den))
        if got is None:
            if len(self._fractions) >= KEPT:
                self._fractions.clear()
            got = self._fractions[num, den] = Fraction(num, den)
        return got

    def shares(self, atoms: ShareAtoms) -> tuple[Share, ...]:
        got = self._shares.get(atoms)
        if got is None:
            if len(self._shares) >= KEPT:
                self._shares.clear()
            got = self._shares[atoms] = tuple(
                construct(Share, {"party": atoms[i], "role": _ROLES[atoms[i + 1]],
                                  "share": self.fraction(atoms[i + 2], atoms[i + 3]),
                                  "rule": atoms[i + 4]})
                for i in range(0, len(atoms), 5))  # kept per rulebook: made once each
        return got

    def client(self, atoms: ClientAtoms, whole: bool = False) -> OwnershipOutcome:
        """The outcome of ``atoms``; ``whole``: for a decision built whole (its JSON written
        next), its fields given as the instance's dict (the serialiser reads that dict: the
        fields set one by one, CPython would make it from them)."""
        # ``construct(OwnershipOutcome, ...)`` written out: a payroll run reads one outcome
        # per client, and the dict and the loop of ``construct`` are a fifth of the read
        # (about 0.5 µs of 2.6, 0.15 s at 10^6 rows); ``test_index`` checks the outcome
        # against the decision read in full
        client, household, owners, off, company, until, lapsed = atoms
        out = _NEW(OwnershipOutcome)
        shares = self._shares.get(owners) or self.shares(owners)  # kept: most
        if whole:
            _SET_DICT(out, {"client": client, "household": household, "owners": shares,
                            "off_the_top": self.shares(off) if off else (),
                            "company_client": company, "protected_until": until,
                            "lapsed": lapsed})
        else:  # kept by a payroll run: the values in the object itself (no dict)
            _SET(out, "client", client)
            _SET(out, "household", household)
            _SET(out, "owners", shares)
            _SET(out, "off_the_top", self.shares(off) if off else ())
            _SET(out, "company_client", company)
            _SET(out, "protected_until", until)
            _SET(out, "lapsed", lapsed)
        _SET_FIELDS_SET(out, _OUTCOME_FIELDS)
        _SET_EXTRA(out, None)
        _SET_PRIVATE(out, None)
        return out

    def deal(self, atoms: DealAtoms, whole: bool = False) -> CommissionOutcome:
        """The outcome of ``atoms``; ``whole``: as :meth:`client`'s, each model's fields
        given as its dict (:func:`~propmgmt_rules._build.construct_dict`: a model's fields
        set one by one cost twice as much, and the serialiser asks for the dict next)."""
        deal, commission, credited_to, lines = atoms
        build = construct_dict if whole else construct
        return build(CommissionOutcome, {
            "deal": deal, "commission": commission, "credited_to": credited_to,
            "lines": tuple(build(CommissionLine, {
                "party": lines[i], "role": _ROLES[lines[i + 1]],
                "share": self.fraction(lines[i + 2], lines[i + 3]), "amount": lines[i + 4],
                "rule": lines[i + 5]})
                for i in range(0, len(lines), 6))})


KEPT: Final = 4096
"""What a rulebook's memos keep across the questions under it (then each starts again): the
distinct shares and fractions of an :class:`Outcomes` (``RuleIds.outcomes``), and
``Context``'s rules decided and sole owners."""
_NEW: Final = object.__new__
_SET_DICT: Final = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE = (
    BaseModel.__dict__[n].__set__
    for n in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))
_OUTCOME_FIELDS: Final = fields_set(OwnershipOutcome)
_ROLES: Final = {role.value: role for role in PartyRole}


@message("ownership.split", atom=True)
def _split(line: Line) -> tuple[str, str]:
    """The last line of a commission decision: the split, party by party, as a person reads
    it (``A: all, 10000.00``; ``company pool: 3/10, 3000.00``; 「公佣:3/10,3000.00」):
    ``(SPLIT, deal, at, tz, commission, *lines)``, the lines' atoms flat
    (:data:`LineAtoms`)."""
    deal, at, tz, commission = line[1:5]
    lines = line[5:]
    w_en, w_zh, clock = _when(at, tz)
    en: list[str] = []
    zh: list[str] = []
    for party, role, num, den, amount in zip(lines[::6], lines[1::6], lines[2::6],
                                             lines[3::6], lines[4::6], strict=True):
        whole = num == den
        share = f"{num}/{den}"
        name_en, name_zh = _PARTY_WORDS.get(role, ("{}", "{}"))
        en.append(f"{name_en.format(party)}: {'all' if whole else share}, {amount}")
        zh.append(f"{name_zh.format(party)}:{'全部' if whole else share},{amount}")
    return (f"Deal {deal} on {w_en} {clock}, commission {commission} yuan: {'; '.join(en)} "
            "(COM-SPLIT, COM-ROUND).",
            f"成交{deal}于{w_zh}{clock},佣金{commission}元:{';'.join(zh)}(COM-SPLIT、COM-ROUND)。")


_PARTY_WORDS: Final = {PartyRole.POOL.value: ("the company pool", "公佣"),
                       PartyRole.INTRODUCER.value: ("{} (introducer)", "{}(介绍人)")}


@message("ownership.household", atom=True)
def _household(line: Line) -> tuple[str, str]:
    """``(HOUSEHOLD, members, kinds)``."""
    _, members, kinds = line
    en, zh = relation_words(kinds)
    return (f"{and_list(members)} are one household ({en}): the first reception of any member "
            "owns the whole household (CC-3).",
            f"{'、'.join(members)}同属一家人({zh}),以第一次接待为准(CC-3)。")


@message(SAID, atom=True)
def _said(line: Line) -> tuple[str, str]:
    """A sentence written where it arose: ``(SAID, en, zh)``."""
    return line[1], line[2]


FIRST: Final = "ownership.first"
FIRST_AFTER_LAPSE: Final = "ownership.first_after_lapse"
LAPSED: Final = "ownership.lapsed"
SAME_DAY: Final = "ownership.same_day"
RETURN_WITHIN: Final = "ownership.return_within"
OWNED: Final = "ownership.owned"
SPLIT: Final = "ownership.split"
HOUSEHOLD: Final = "ownership.household"
MEMBER_FIRST: Final = "ownership.member_first"
LOST: Final = "ownership.lost"


def write(facts: Iterable[Fact], lines: tuple[Line, ...]) -> dict[str, Any]:
    """The trace and the explanation of a decision, from its facts (used ones and set aside
    ones, each kind in its order) and its lines (written by the one renderer when the
    explanation is first read): :func:`records` and the explanation, as the fields of
    ``DeferredDecision.later``'s ``write``."""
    used, aside = records(facts)
    return {"facts_used": used, "facts_set_aside": aside,
            "explanation": Explanation.from_lines(lines)}


def records(facts: Iterable[Fact]) -> tuple[tuple[FactUsed, ...], tuple[FactSetAside, ...]]:
    """A decision's trace records from its facts: :class:`FactUsed` and
    :class:`FactSetAside` (:func:`_record`), each fact's record read from a bounded memo
    first (:data:`_RECORDS`); every decision of a command-line case is written, about 50
    records a case (a decision built whole takes them as they are: ``ownership_decision``)."""
    used: list[FactUsed] = []
    aside: list[FactSetAside] = []
    use, set_aside, get = used.append, aside.append, _RECORDS.get
    for fact in facts:
        rec = get(fact) or _record(fact)
        if fact[2] is None:
            use(rec)  # type: ignore[arg-type]  # a used fact's record: a FactUsed
        else:
            set_aside(rec)  # type: ignore[arg-type]  # a FactSetAside
    return tuple(used), tuple(aside)


def _record(fact: Fact) -> FactUsed | FactSetAside:
    """The trace record of ``fact``: :class:`FactUsed` when its reason is ``None``, else
    :class:`FactSetAside` with the reason looked up by value; kept in :data:`_RECORDS`."""
    kind, rid, reason, rule, note = fact
    if reason is None:
        return _RECORDS.put(fact, FactUsed(f"{kind}:{rid}", rule, note))
    return _RECORDS.put(fact, FactSetAside(f"{kind}:{rid}", _REASONS[reason], rule, note))


_RECORDS: Memo[Fact, FactUsed | FactSetAside] = Memo(4096)
"""Each fact's trace record (:func:`_record`), the last 4,096 facts met: a record is immutable
(a frozen dataclass of atoms), so decisions share it as they share their outcomes' share
models. A command-line job's books name the same records (``R0000012``, the same consultants
and rules) and a fact recurs in the commission decisions that read a household again: most
records are met before (about 6,000 instructions to make one with its id's text, 500 to find
it). A fact is a tuple of strings and ``None``: its hash is its atoms', its key keeps nothing
else alive."""


_REASONS: Final = {reason.value: reason for reason in SetAsideReason}
