"""The one trace every engine writes while it decides, and the decision built from it.

A :class:`Trace` collects what a :class:`~propmgmt_rules.decision.Decision` reports besides
its outcome: the rules that decided (in order, each once), the rules considered and not
applied, the facts used and set aside, the missing facts, whether the answer is provisional
or escalated, and the explanation's lines. The lines are kept as cheap atoms (a
:class:`~propmgmt_rules.render.Text`, or a message key and its arguments) and written by the
one renderer (:mod:`propmgmt_rules.render`) when the explanation is first read.

>>> from propmgmt_rules.decision import Basis, Decision, SetAsideReason, Text
>>> tr = Trace()
>>> tr.rule("CP-4.10.3", "SQ-A")
>>> tr.rule("CP-4.10.3")
>>> tr.use("received_at", "CP-4.10.3")
>>> tr.set_aside("history[2]", SetAsideReason.AFTER_AS_OF)
>>> tr.missing("caused_by", "CP-4.2.1", "Who caused the matter complained about?")
>>> tr.say("Major complaint: a clear answer within 2 days.", "重大投诉:2天内给予明确答复。")
>>> d = tr.decision(Decision, kind="complaint.status", subject="complaint C1", outcome=None,
...                 basis=Basis(kind="policy", name="P5", version="1"))
>>> d.decided_by, d.facts_set_aside[0].reason.value, d.missing_facts[0].field
(('CP-4.10.3', 'SQ-A'), 'after_as_of', 'caused_by')
>>> d.explanation.zh
'重大投诉:2天内给予明确答复。'
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeVar

from .decision import (
    Basis,
    Decision,
    Escalation,
    Explanation,
    FactSetAside,
    FactUsed,
    MissingFact,
    Provisional,
    RuleNotApplied,
    SetAsideReason,
    decision_of,
)
from .render import Line, Text

__all__ = ["Trace"]

_D = TypeVar("_D", bound=Decision)


class Trace:
    """What a decision collects while an engine reasons.

    Every record is kept in the order it was written; :meth:`decision` builds the decision
    from them (without validation: the engine validated its inputs at the edge). With
    ``explain=False`` the lines are not kept at all (a bulk run that never shows them)."""

    __slots__ = ("_decided", "aside", "escalation", "explain", "lines", "missing_facts",
                 "not_applied", "provisional", "used")

    def __init__(self, *, explain: bool = True) -> None:
        self.explain = explain
        self._decided: dict[str, None] = {}
        self.not_applied: list[RuleNotApplied] = []
        self.used: list[FactUsed] = []
        self.aside: list[FactSetAside] = []
        self.missing_facts: list[MissingFact] = []
        self.lines: list[Line] = []
        self.provisional: Provisional | None = None
        self.escalation: Escalation | None = None

    # -- rules -----------------------------------------------------------------------------

    def rule(self, *ids: str) -> None:
        """The rules ``ids`` decided (each kept once, in the order first named)."""
        for i in ids:
            self._decided[i] = None

    @property
    def decided_by(self) -> tuple[str, ...]:
        """The rules that decided, in order."""
        return tuple(self._decided)

    def not_applying(self, rule: str, condition: str) -> None:
        """``rule`` was considered and did not apply: ``condition`` failed."""
        self.not_applied.append(RuleNotApplied(rule, condition))

    # -- facts -----------------------------------------------------------------------------

    def use(self, fact: str, rule: str | None = None, note: str = "") -> None:
        """The input fact ``fact`` (its id or field path) was used, by ``rule``."""
        self.used.append(FactUsed(fact, rule, note))

    def set_aside(self, fact: str, reason: SetAsideReason, rule: str | None = None,
                  note: str = "") -> None:
        """The input fact ``fact`` did not decide the outcome, for ``reason``."""
        self.aside.append(FactSetAside(fact, reason, rule, note))

    def traced(self, fact: str) -> bool:
        """Whether ``fact`` is already used or set aside."""
        return any(f.fact == fact for f in self.used) or any(f.fact == fact for f in self.aside)

    def missing(self, field: str, needed_by: str, question: str) -> None:
        """A fact the rule ``needed_by`` needs and the input does not give (never
        defaulted)."""
        self.missing_facts.append(MissingFact(field, needed_by, question))

    # -- the answer's standing ---------------------------------------------------------------

    def provisional_until(self, until: datetime, rules: tuple[str, ...], reason: Text) -> None:
        """The answer may change until ``until`` because of ``rules``."""
        self.provisional = Provisional.model_construct(until=until, rules=rules, reason=reason)

    def escalate(self, to: str, to_name: Text, rules: tuple[str, ...], reason: Text) -> None:
        """The rules do not settle the case: ``to`` (a stable key; ``to_name`` for people)
        must decide; ``rules`` are in conflict or silent."""
        self.escalation = Escalation.model_construct(to=to, to_name=to_name, rules=rules,
                                                     reason=reason)

    # -- the explanation ----------------------------------------------------------------------

    def say(self, en: str, zh: str) -> None:
        """A line of the explanation, already written."""
        if self.explain:
            self.lines.append(Text(en, zh))

    def line(self, text: Text) -> None:
        """A line of the explanation, already written as a :class:`Text`."""
        if self.explain:
            self.lines.append(text)

    def tell(self, key: str, *args: Any) -> None:
        """A line of the explanation, written when read: the message ``key`` (see
        :func:`propmgmt_rules.render.message`) of ``args`` (immutable values)."""
        if self.explain:
            self.lines.append((key, *args))

    def explanation(self) -> Explanation:
        """The explanation of the lines so far (written when first read)."""
        return Explanation.from_lines(tuple(self.lines))

    # -- the decision ---------------------------------------------------------------------------

    def decision(self, cls: type[_D], *, kind: str, subject: str, outcome: Any, basis: Basis,
                 as_of: datetime | None = None) -> _D:
        """The decision of class ``cls`` answering ``outcome``, with everything traced (as
        :func:`~propmgmt_rules.decision.build_decision` builds it; its fields given in order,
        each record list as a tuple: an empty one is the one empty tuple)."""
        return decision_of(
            cls, kind, subject, as_of, outcome, tuple(self._decided), tuple(self.not_applied),
            tuple(self.used), tuple(self.aside), tuple(self.missing_facts), basis,
            self.provisional, self.escalation, self.explanation())
