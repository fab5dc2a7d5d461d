"""The shape every decision of the library shares.

A decision answers one question (who owns this client, when is this reply due, ...) and
explains itself:

* ``outcome``: the answer, typed per area (subclasses of :class:`Decision` narrow it);
* ``decided_by``: the catalog rule ids that decided it, most specific first;
* ``not_applied``: rules that were considered but did not apply, with the condition that failed;
* ``facts_used`` / ``facts_set_aside``: every input fact, either used (by which rule) or set
  aside with a machine-readable :class:`SetAsideReason` (nothing is dropped silently);
* ``missing_facts``: facts the rules needed but the input did not give (never defaulted);
* ``basis``: the rulebook or policy (name and version) it was decided under;
* ``provisional``: set when a later fact could still change the answer, with the instant until
  which it can;
* ``escalation``: set when the rules do not settle the case; it names the rules in conflict and
  who must decide (the outcome then holds no silent pick);
* ``explanation``: the reasoning rendered in English and in Chinese.

Decisions serialise to a versioned JSON form tagged ``"format": "propmgmt.decision.v1"``.

>>> d = Decision(
...     kind="example",
...     subject="client C1",
...     outcome="owned by A",
...     decided_by=("T-DAYS",),
...     basis=Basis(kind="calendar", name="weekdays", version="1"),
...     explanation=Explanation.from_lines([Text("Owned by A.", "归A所有。")]),
... )
>>> d.format
'propmgmt.decision.v1'
>>> Decision.model_validate_json(d.to_json()) == d
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from ._build import fields_set

__all__ = [
    "DECISION_FORMAT",
    "Basis",
    "Decision",
    "DeferredDecision",
    "Escalation",
    "Explanation",
    "FactSetAside",
    "FactUsed",
    "MissingFact",
    "Provisional",
    "RuleNotApplied",
    "SetAsideReason",
    "Text",
]

DECISION_FORMAT: Final = "propmgmt.decision.v1"


@dataclass(frozen=True, slots=True)
class Text:
    """A sentence in English and in Chinese (简体中文)."""

    en: str
    zh: str

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.zh + other.zh)


class SetAsideReason(StrEnum):
    """Why an input fact did not decide the outcome (machine-readable codes)."""

    AFTER_AS_OF = "after_as_of"
    """The fact happened after the instant the question is asked about."""
    OUTSIDE_WINDOW = "outside_window"
    """The fact lies outside the protection window of a registration."""
    PHONE_ENQUIRY = "phone_enquiry"
    """A phone registration never establishes ownership."""
    UNVERIFIED = "unverified"
    """A registration not verified by the project manager."""
    NOT_FIRST = "not_first"
    """A later fact of the same kind; the first one decided."""
    SUPERSEDED = "superseded"
    """A more specific rule decided instead."""
    LAPSED = "lapsed"
    """The fact's own validity ran out (e.g. a referral whose agreed visit date passed)."""
    PROCEDURE_NOT_FOLLOWED = "procedure_not_followed"
    """The fact would count only if a required procedure had been followed."""
    NOT_SUPPORTED = "not_supported"
    """A request the rules say is not supported."""
    DISABLED_BY_RULEBOOK = "disabled_by_rulebook"
    """The rule that would use the fact is not part of this rulebook or policy."""
    NOT_RELEVANT = "not_relevant"
    """The fact concerns another subject than the question."""
    NOT_APPLICABLE = "not_applicable"
    """The fact is recorded but no rule of this area takes it into account."""


@dataclass(frozen=True, slots=True)
class RuleNotApplied:
    """A rule that was considered and did not apply: the condition that failed."""

    rule: str
    condition: str


@dataclass(frozen=True, slots=True)
class FactUsed:
    """An input fact (by its id) that the decision used, and the rule that used it."""

    fact: str
    rule: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class FactSetAside:
    """An input fact (by its id) that did not decide the outcome, and why."""

    fact: str
    reason: SetAsideReason
    rule: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MissingFact:
    """A fact a rule needed and the input did not give: reported, never defaulted."""

    field: str
    needed_by: str
    question: str


class Basis(BaseModel):
    """The rulebook, policy or calendar a decision was made under."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["rulebook", "policy", "calendar"]
    name: str
    version: str


class Provisional(BaseModel):
    """The decision may still change until ``until`` because of the rules named."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    until: AwareDatetime
    rules: tuple[str, ...]
    reason: Text


class Escalation(BaseModel):
    """The rules do not settle the case: ``to`` must decide; ``rules`` are in conflict or silent.

    ``to`` is the stable key of who decides (a role of the policy, or the rulebook's
    manager), for routing; ``to_name`` is how people read it, in English and Chinese."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    to: str
    to_name: Text
    rules: tuple[str, ...]
    reason: Text


class Explanation(BaseModel):
    """The reasoning of a decision, in English (``en``) and in Chinese (``zh``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    en: str
    zh: str

    @classmethod
    def from_lines(cls, lines: Iterable[Text]) -> Explanation:
        """Join bilingual sentences into one explanation, a sentence per line."""
        items = list(lines)
        return cls.model_construct(
            en="\n".join(t.en for t in items), zh="\n".join(t.zh for t in items)
        )


class Decision(BaseModel):
    """The fields every decision carries; each area narrows ``outcome`` in a subclass."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    format: Literal["propmgmt.decision.v1"] = DECISION_FORMAT
    kind: str = Field(
        description="What was decided, as ``<area>.<question>``: ``time.deadline``, "
        "``ownership.client``, ``ownership.commission``, ``ownership.rotation``, "
        "``complaint.classification``, ``complaint.obligations``, ``complaint.status``, "
        "``repair.intake``, ``repair.revisit_window``, ...",
    )
    subject: str
    as_of: AwareDatetime | None = None
    outcome: Any
    decided_by: tuple[str, ...]
    not_applied: tuple[RuleNotApplied, ...] = ()
    facts_used: tuple[FactUsed, ...] = ()
    facts_set_aside: tuple[FactSetAside, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()
    basis: Basis
    provisional: Provisional | None = None
    escalation: Escalation | None = None
    explanation: Explanation

    @property
    def is_escalation(self) -> bool:
        """True when the rules did not settle the case and a person must decide."""
        return self.escalation is not None

    @property
    def is_provisional(self) -> bool:
        """True when a later fact could still change the outcome."""
        return self.provisional is not None

    def cited_rules(self) -> tuple[str, ...]:
        """Every rule id the decision names (decided by, not applied, trace, escalation)."""
        seen: dict[str, None] = dict.fromkeys(self.decided_by)
        seen.update(dict.fromkeys(r.rule for r in self.not_applied))
        seen.update(dict.fromkeys(f.rule for f in self.facts_used if f.rule))
        seen.update(dict.fromkeys(f.rule for f in self.facts_set_aside if f.rule))
        seen.update(dict.fromkeys(m.needed_by for m in self.missing_facts))
        if self.escalation:
            seen.update(dict.fromkeys(self.escalation.rules))
        if self.provisional:
            seen.update(dict.fromkeys(self.provisional.rules))
        return tuple(seen)

    def to_json(self, *, indent: int | None = None) -> str:
        """The versioned JSON form (``"format": "propmgmt.decision.v1"``)."""
        return self.model_dump_json(indent=indent)


_set = object.__setattr__
_INSTANCE_DICT: Final = BaseModel.__dict__["__dict__"]
_D = TypeVar("_D", bound="DeferredDecision")


class DeferredDecision(Decision):
    """A :class:`Decision` whose trace, explanation and outcome can be written on first use.

    For batches (a payroll run decides every client of a book) where most decisions are read
    for their outcome only: :meth:`later` builds a decision whose ``facts_used``,
    ``facts_set_aside`` and ``explanation`` are written from what they are made of (record
    ids, reasons, rule ids, instants, mostly shared with the input) when the decision is first
    read, compared, copied or serialised, never before; its ``outcome`` may be left to be
    built too, on its own, when it is first read. In every other respect, and once written,
    it is the same decision: same fields, same equality, same JSON.

    Pydantic (its Python side and its serialiser) reaches a model's fields through the
    instance's ``__dict__`` attribute: here ``__dict__`` is a property that writes the missing
    fields into the real instance dict the first time. Reading one of them as an attribute
    finds it missing at first and goes through ``__getattr__``, which does the same (the
    outcome alone for ``outcome``).
    """

    __slots__ = ("_atoms", "_facts", "_lines", "_outcome", "_write")
    if TYPE_CHECKING:
        _write: Callable[[Any, Any], dict[str, Any]] | None
        _outcome: Callable[[Any], Any] | None
        _facts: Any
        _lines: Any
        _atoms: Any

    LATER_FIELDS: ClassVar[frozenset[str]] = frozenset(
        ("facts_used", "facts_set_aside", "explanation"))
    """The fields :meth:`later` may leave to be written on first use (and ``outcome``, given
    as a function)."""

    @classmethod
    def later(cls: type[_D], fields: dict[str, Any], write: Callable[[Any, Any], dict[str, Any]],
              facts: Any, lines: Any, outcome: Callable[[Any], Any] | None = None,
              atoms: Any = None) -> _D:
        """A decision of every field of ``fields`` (built without validation: the caller
        validated the inputs) but ``LATER_FIELDS``, which ``write(facts, lines)`` gives, as a
        dict, on first use. With ``outcome``, ``fields`` has no ``outcome``: it is
        ``outcome(atoms)``, built when it is first read (on its own: the trace and the
        explanation are not written for it) or when the decision is. ``write`` and ``outcome``
        must be pure.

        The fields are set one by one (CPython keeps them in the object until ``__dict__`` is
        asked for) and so are ``facts``, ``lines`` and ``atoms``: no dict and no tuple of
        them, one object for the garbage collector while unread. Given as tuples of atoms (or
        of tuples of atoms), they cost the collector nothing more once it has looked at them:
        it stops following a tuple that holds no container, but only one level of nesting per
        look, and a tuple still followed when it reaches the oldest generation is followed at
        every full collection for as long as the decision lives."""
        out = cls.__new__(cls)
        for name, value in fields.items():
            _set(out, name, value)
        _set(out, "_write", write)
        _set(out, "_facts", facts)
        _set(out, "_lines", lines)
        _set(out, "_outcome", outcome)
        _set(out, "_atoms", atoms)
        _set(out, "__pydantic_fields_set__", fields_set(cls))
        _set(out, "__pydantic_extra__", None)
        _set(out, "__pydantic_private__", None)
        return out

    @property
    def __dict__(self) -> dict[str, Any]:
        fields: dict[str, Any] = _INSTANCE_DICT.__get__(self)
        try:
            write = self._write
        except AttributeError:  # validated, copied or unpickled: complete
            return fields
        if write is not None:
            written = write(self._facts, self._lines)
            if "outcome" not in fields and self._outcome is not None:
                written["outcome"] = self._outcome(self._atoms)
            fields = {name: fields[name] if name in fields else written[name]
                      for name in type(self).model_fields}  # in the fields' order
            _INSTANCE_DICT.__set__(self, fields)
            self._forget()
        return fields

    @__dict__.setter
    def __dict__(self, value: dict[str, Any]) -> None:
        _INSTANCE_DICT.__set__(self, value)
        self._forget()

    def _forget(self) -> None:
        """Complete: nothing more to write."""
        for name in ("_write", "_facts", "_lines", "_outcome", "_atoms"):
            _set(self, name, None)

    if not TYPE_CHECKING:

        def __getattr__(self, name: str) -> Any:
            if name == "outcome":
                try:
                    read = self._outcome
                except AttributeError:
                    read = None
                if read is not None:  # the outcome alone, kept in the object
                    value = read(self._atoms)
                    _set(self, "outcome", value)
                    return value
            if name in self.LATER_FIELDS:
                fields = self.__dict__
                if name in fields:
                    return fields[name]
            return super().__getattr__(name)

