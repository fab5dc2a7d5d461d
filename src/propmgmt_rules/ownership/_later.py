"""What a decision writes on first use: its trace records and its explanation.

A payroll run decides every client of a book and reads few traces and explanations, so a
decision keeps them as data and writes them when it is first read, compared, copied or
serialised (:class:`~propmgmt_rules.decision.DeferredDecision`):

* a fact of the trace is a :data:`Fact`, ``(kind, record id, reason, rule, note)``: used when
  the reason is ``None``, else set aside for that :class:`SetAsideReason` value; the fact's id
  is ``kind:record id`` (or the record id alone when the kind is empty);
* a line of the explanation is a :data:`Line`: a sentence already written, ``(en, zh)``, or one
  of the frequent sentences below and what it is made of, ``(FIRST, record id, instant, zone,
  consultant, rules, rules in Chinese)``.

What they hold is shared with the book and the rulebook (ids, instants, rule labels) and holds
no container (a commission's lines too, flat: :data:`LineAtoms`): it costs little memory and, once
the collector has seen such a tuple, nothing more to the garbage collector, where a record per
fact would cost both. Rare sentences are written where they arise (``_timeline``,
``_household``, ...).
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from .._build import construct, fields_set
from ..decision import Explanation, FactSetAside, FactUsed, SetAsideReason
from .models import CommissionLine, CommissionOutcome, OwnershipOutcome, PartyRole, Share

__all__ = [
    "ClientAtoms",
    "DealAtoms",
    "Fact",
    "Line",
    "LineAtoms",
    "Outcomes",
    "ShareAtoms",
    "write",
]

_SET: Final = object.__setattr__

Fact = tuple[str, str, str | None, str | None, str]
"""``(kind, record id, reason value or None when used, rule or None, note)``."""
Line = tuple[Any, ...]
"""``(en, zh)`` or ``(sentence, *arguments)``."""


def _when(at: datetime, tz: tzinfo) -> str:
    """``2025-03-01 10:00`` in the calendar's zone (as ``Context.text``)."""
    return at.astimezone(tz).isoformat(" ", "minutes")[:16]


def _first(rid: str, at: datetime, tz: tzinfo, consultant: str, label: str, zh_label: str
           ) -> tuple[str, str]:
    when = _when(at, tz)
    return (f"{rid} on {when} is the first registered reception: the client belongs to "
            f"{consultant} ({label}).",
            f"{rid}({when})为第一次登记接待:客户归{consultant}({zh_label})。")


def _first_after_lapse(rid: str, at: datetime, tz: tzinfo, consultant: str, label: str,
                       zh_label: str) -> tuple[str, str]:
    when = _when(at, tz)
    return (f"{rid} on {when} is the first registered reception after the lapse: the client "
            f"belongs to {consultant} ({label}).",
            f"{rid}({when})为期满后第一次登记接待:客户归{consultant}({zh_label})。")


def _lapsed(window: str, window_zh: str, anchor: datetime, end: str, rid: str, at: datetime,
            tz: tzinfo, rule: str) -> tuple[str, str]:
    start, when = _when(anchor, tz), _when(at, tz)
    return (f"The registration window ({window}) of the visit on {start} ended at {end}; "
            f"{rid} on {when} came after it ({rule}).",
            f"{start}来访登记的有效期({window_zh})已于{end}届满;{rid}({when})在其之后({rule})。")


def _same_day(rid: str, consultant: str, label: str, zh_label: str) -> tuple[str, str]:
    return (f"{rid} by {consultant} on the same day came after the first reception; the first "
            f"reception wins ({label}).",
            f"{rid}({consultant})为同日后一次接待,以第一次接待为准({zh_label})。")


def _return_within(rid: str, consultant: str, at: datetime, tz: tzinfo, owners: str,
                   label: str, zh_label: str) -> tuple[str, str]:
    when = _when(at, tz)
    return (f"{rid} by {consultant} on {when} is a return within the window; the earlier "
            f"registration wins, the client stays with {owners} ({label}).",
            f"{rid}({consultant},{when})为有效期内回头,以先登记者为准,仍归{owners}({zh_label})。")


def _owned(as_of: str, subject: str, owners: str, who_zh: str, members: str, end: str | None,
           again: str | None) -> tuple[str, str]:
    """The last line of an ownership decision: its owners; ``end``: the end of the window,
    ``again``: the rule of the next reception when that end has passed."""
    if end is None:
        tail_en = tail_zh = ""
    elif again is None:
        tail_en, tail_zh = f"; protected until {end}", f";保护期至{end}"
    else:
        tail_en = (f"; the window ended at {end}, the next registered reception will own the "
                   f"client ({again})")
        tail_zh = f";有效期已于{end}届满,下一次登记接待者将获得该客户({again})"
    return (f"As of {as_of}, {subject} belongs to {owners}{tail_en}.",
            f"截至{as_of},{who_zh}{members}归{owners}{tail_zh}。")


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
    decisions, as the engine shared them when it built outcomes at once."""

    __slots__ = ("_fractions", "_shares")

    def __init__(self) -> None:
        self._shares: dict[ShareAtoms, tuple[Share, ...]] = {}
        self._fractions: dict[tuple[int, int], Fraction] = {}

    def fraction(self, num: int, den: int) -> Fraction:
        """The share ``num/den`` (one object per distinct share: decisions share them)."""
        got = self._fractions.get((num, den))
        if got is None:
            got = self._fractions[num, den] = Fraction(num, den)
        return got

    def shares(self, atoms: ShareAtoms) -> tuple[Share, ...]:
        got = self._shares.get(atoms)
        if got is None:
            got = self._shares[atoms] = tuple(
                construct(Share, {"party": atoms[i], "role": _ROLES[atoms[i + 1]],
                                  "share": self.fraction(atoms[i + 2], atoms[i + 3]),
                                  "rule": atoms[i + 4]})
                for i in range(0, len(atoms), 5))
        return got

    def client(self, atoms: ClientAtoms) -> OwnershipOutcome:
        # ``construct(OwnershipOutcome, ...)`` written out: a payroll run reads one outcome
        # per client, and the dict and the loop of ``construct`` are a fifth of the read
        # (about 0.5 µs of 2.6, 0.15 s at 10^6 rows); ``test_index`` checks the outcome
        # against the decision read in full
        client, household, owners, off, company, until, lapsed = atoms
        out = _NEW(OwnershipOutcome)
        _SET(out, "client", client)
        _SET(out, "household", household)
        _SET(out, "owners", self.shares(owners))
        _SET(out, "off_the_top", self.shares(off) if off else ())
        _SET(out, "company_client", company)
        _SET(out, "protected_until", until)
        _SET(out, "lapsed", lapsed)
        _SET(out, "__pydantic_fields_set__", fields_set(OwnershipOutcome))
        _SET(out, "__pydantic_extra__", None)
        _SET(out, "__pydantic_private__", None)
        return out

    def deal(self, atoms: DealAtoms) -> CommissionOutcome:
        deal, commission, credited_to, lines = atoms
        return construct(CommissionOutcome, {
            "deal": deal, "commission": commission, "credited_to": credited_to,
            "lines": tuple(construct(CommissionLine, {
                "party": lines[i], "role": _ROLES[lines[i + 1]],
                "share": self.fraction(lines[i + 2], lines[i + 3]), "amount": lines[i + 4],
                "rule": lines[i + 5]})
                for i in range(0, len(lines), 6))})


_NEW: Final = object.__new__
_ROLES: Final = {role.value: role for role in PartyRole}


def _split(deal: str, at: datetime, tz: tzinfo, commission: Decimal, *lines: Any
           ) -> tuple[str, str]:
    """The last line of a commission decision: the split, line by line (a share as
    ``str(Fraction)`` writes it: ``1``, ``3/10``)."""
    when = _when(at, tz)
    parts_text = ", ".join(
        f"{party} {num if den == 1 else f'{num}/{den}'} = {amount}"
        for party, num, den, amount in zip(lines[::6], lines[2::6], lines[3::6], lines[4::6],
                                           strict=True))
    return (f"Deal {deal} on {when}, commission {commission} yuan: {parts_text} (COM-SPLIT, "
            "COM-ROUND).",
            f"成交{deal}({when}),佣金{commission}元:{parts_text}(COM-SPLIT、COM-ROUND)。")


def _household(members: tuple[str, ...]) -> tuple[str, str]:
    return (f"{', '.join(members)} are one household: the first reception of any member owns "
            "the whole household (CC-3).",
            f"{'、'.join(members)}同属一家人,以第一次接待为准(CC-3)。")


FIRST: Final = 0
FIRST_AFTER_LAPSE: Final = 1
LAPSED: Final = 2
SAME_DAY: Final = 3
RETURN_WITHIN: Final = 4
OWNED: Final = 5
SPLIT: Final = 6
HOUSEHOLD: Final = 7
_SENTENCES: Final = (_first, _first_after_lapse, _lapsed, _same_day, _return_within, _owned,
                     _split, _household)


def write(facts: tuple[Fact, ...], lines: tuple[Line, ...]) -> dict[str, Any]:
    """The trace and the explanation of a decision, from its facts (used ones and set aside
    ones, each kind in its order) and its lines."""
    en: list[str] = []
    zh: list[str] = []
    for line in lines:
        if type(line[0]) is int:
            e, z = _SENTENCES[line[0]](*line[1:])
        else:
            e, z = line
        en.append(e)
        zh.append(z)
    return {
        "facts_used": tuple(FactUsed(_fact_id(kind, rid), rule, note)
                            for kind, rid, reason, rule, note in facts if reason is None),
        "facts_set_aside": tuple(FactSetAside(_fact_id(kind, rid), SetAsideReason(reason),
                                              rule, note)
                                 for kind, rid, reason, rule, note in facts
                                 if reason is not None),
        "explanation": Explanation.model_construct(en="\n".join(en), zh="\n".join(zh)),
    }


def _fact_id(kind: str, rid: str) -> str:
    return f"{kind}:{rid}" if kind else rid
