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
* ``explanation``: the reasoning rendered in English and in Chinese (written from its lines
  by the one renderer, :mod:`propmgmt_rules.render`, when first read).

Decisions serialise to a versioned JSON form tagged ``"format": "propmgmt.decision.v1"``
(:data:`DECISION_FORMAT`, written here only). An engine collects its reasoning in a
:class:`~propmgmt_rules.trace.Trace` and builds its decision with :func:`build_decision`;
each kind of decision is registered with its class (:func:`register_decision`), so that
:func:`~propmgmt_rules.load_decision` reads a stored decision back into its type.

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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Final, Literal, TypeVar, get_args, get_origin

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema

from ._build import StringEnum, fields_set
from .render import Line, Text, render_lines

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
    "build_decision",
    "decision_of",
    "decision_type",
    "decision_types",
    "register_decision",
]

DECISION_FORMAT: Final = "propmgmt.decision.v1"
"""The format tag of every decision's JSON form: the one place it is written."""


class SetAsideReason(StringEnum):  # written as the string it is
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


@dataclass(frozen=True, slots=True, init=False)
class RuleNotApplied:
    """A rule that was considered and did not apply: the condition that failed."""

    rule: str
    condition: str

    def __init__(self, rule: str, condition: str) -> None:
        _NA_RULE(self, rule)  # the slots set directly (as Text's): a frozen dataclass's
        _NA_CONDITION(self, condition)  # own __init__ costs half again as much, and a
        # decision's trace makes many records


@dataclass(frozen=True, slots=True, init=False)
class FactUsed:
    """An input fact (by its id) that the decision used, and the rule that used it."""

    fact: str
    rule: str | None = None
    note: str = ""

    def __init__(self, fact: str, rule: str | None = None, note: str = "") -> None:
        _USED_FACT(self, fact)
        _USED_RULE(self, rule)
        _USED_NOTE(self, note)


@dataclass(frozen=True, slots=True, init=False)
class FactSetAside:
    """An input fact (by its id) that did not decide the outcome, and why."""

    fact: str
    reason: SetAsideReason
    rule: str | None = None
    note: str = ""

    def __init__(self, fact: str, reason: SetAsideReason, rule: str | None = None,
                 note: str = "") -> None:
        _ASIDE_FACT(self, fact)
        _ASIDE_REASON(self, reason)
        _ASIDE_RULE(self, rule)
        _ASIDE_NOTE(self, note)


@dataclass(frozen=True, slots=True, init=False)
class MissingFact:
    """A fact a rule needed and the input did not give: reported, never defaulted."""

    field: str
    needed_by: str
    question: str

    def __init__(self, field: str, needed_by: str, question: str) -> None:
        _MISSING_FIELD(self, field)
        _MISSING_NEEDED_BY(self, needed_by)
        _MISSING_QUESTION(self, question)


_NA_RULE, _NA_CONDITION = (RuleNotApplied.__dict__[n].__set__ for n in ("rule", "condition"))
_USED_FACT, _USED_RULE, _USED_NOTE = (FactUsed.__dict__[n].__set__
                                      for n in ("fact", "rule", "note"))
_ASIDE_FACT, _ASIDE_REASON, _ASIDE_RULE, _ASIDE_NOTE = (
    FactSetAside.__dict__[n].__set__ for n in ("fact", "reason", "rule", "note"))
_MISSING_FIELD, _MISSING_NEEDED_BY, _MISSING_QUESTION = (
    MissingFact.__dict__[n].__set__ for n in ("field", "needed_by", "question"))


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


_NEW: Final = object.__new__
_SET: Final = object.__setattr__


class Explanation:
    """The reasoning of a decision, in English (``en``) and in Chinese (``zh``).

    Built from its lines (:meth:`from_lines`: :class:`Text` s, or message atoms of
    :mod:`propmgmt_rules.render`), it is written by the one renderer when ``en`` or ``zh`` is
    first read (or the decision is serialised, compared, copied), never before, and then
    kept: a decision read for its outcome only never pays for its sentences. Written or not,
    it is the same explanation (same text, equality, JSON ``{"en": ..., "zh": ...}``).

    >>> e = Explanation.from_lines([Text("Due Friday.", "周五截止。"),
    ...                             Text("Met.", "已按时完成。")])
    >>> e.en
    'Due Friday.\\nMet.'
    >>> e == Explanation(en="Due Friday.\\nMet.", zh="周五截止。\\n已按时完成。")
    True
    """

    __slots__ = ("_data",)
    if TYPE_CHECKING:
        _data: dict[str, str] | tuple[Line, ...]
        """The lines (a tuple) until written, then the texts (the dict the serialiser reads):
        one slot, set once more when written."""

    def __init__(self, en: str, zh: str) -> None:
        if type(en) is not str or type(zh) is not str:
            raise TypeError("an explanation's en and zh are strings")
        _SET_DATA(self, {"en": en, "zh": zh})

    @classmethod
    def from_lines(cls, lines: Iterable[Line]) -> Explanation:
        """The explanation of ``lines``, a sentence per line, written when first read. The
        lines (and the arguments of their atoms) must not change afterwards."""
        out: Explanation = _NEW(cls)
        _SET_DATA(out, lines if type(lines) is tuple else tuple(lines))
        return out

    @classmethod
    def model_construct(cls, en: str, zh: str) -> Explanation:
        """The explanation of two texts already written (as ``Explanation(en=..., zh=...)``,
        unchecked)."""
        out: Explanation = _NEW(cls)
        _SET_DATA(out, {"en": en, "zh": zh})
        return out

    def _write(self) -> dict[str, str]:
        """The texts, written now if they are not yet (kept as the one dict the serialiser
        reads, as a model's ``__dict__``: serialising allocates nothing)."""
        data = self._data
        if type(data) is tuple:
            en, zh = render_lines(data)
            data = {"en": en, "zh": zh}
            _SET_DATA(self, data)
        return data  # type: ignore[return-value]  # a dict: the tuple is written above

    @property
    def en(self) -> str:
        """The explanation in English, a sentence per line."""
        data = self._data
        if type(data) is tuple:
            return self._write()["en"]
        return data["en"]  # type: ignore[call-overload]  # a dict: not the lines' tuple

    @property
    def zh(self) -> str:
        """The explanation in simplified Chinese, a sentence per line."""
        data = self._data
        if type(data) is tuple:
            return self._write()["zh"]
        return data["zh"]  # type: ignore[call-overload]  # a dict: not the lines' tuple

    @property
    def _lines(self) -> tuple[Line, ...] | None:
        """The lines not written yet (None once written): what the slot holds until then."""
        data = self._data
        return data if type(data) is tuple else None

    @property
    def written(self) -> bool:
        """Whether the text is written already (read, or given written)."""
        return type(self._data) is not tuple

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("an Explanation is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Explanation):
            return NotImplemented
        return self._write() == other._write()

    def __hash__(self) -> int:
        text = self._write()
        return hash((text["en"], text["zh"]))

    def __repr__(self) -> str:
        return f"Explanation(en={self.en!r}, zh={self.zh!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Explanation, (self.en, self.zh))

    @classmethod
    def _from_data(cls, data: dict[str, str]) -> Explanation:
        out: Explanation = _NEW(cls)
        _SET_DATA(out, data)  # validated: a new dict of the two strings
        return out

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler
                                     ) -> core_schema.CoreSchema:
        fields = core_schema.typed_dict_schema(
            {"en": core_schema.typed_dict_field(core_schema.str_schema()),
             "zh": core_schema.typed_dict_field(core_schema.str_schema())},
            extra_behavior="forbid", cls_name="Explanation")
        from_data = core_schema.no_info_after_validator_function(cls._from_data, fields)

        def written_or_data(value: Any, handler: core_schema.ValidatorFunctionWrapHandler
                            ) -> Explanation:
            return value if isinstance(value, cls) else handler(value)

        return core_schema.json_or_python_schema(
            json_schema=from_data,
            python_schema=core_schema.no_info_wrap_validator_function(written_or_data,
                                                                      from_data),
            serialization=core_schema.plain_serializer_function_ser_schema(
                cls._write, return_schema=fields),
            ref=f"{cls.__module__}.{cls.__qualname__}",
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: Any
                                     ) -> dict[str, Any]:
        return {"title": "Explanation", "description": "The reasoning of a decision, in "
                "English (``en``) and in Chinese (``zh``).", "type": "object",
                "properties": {"en": {"title": "En", "type": "string"},
                               "zh": {"title": "Zh", "type": "string"}},
                "required": ["en", "zh"], "additionalProperties": False}


_SET_DATA: Final = Explanation.__dict__["_data"].__set__
"""An explanation's slot set by its descriptor (it refuses ``setattr``; an explanation is
made and written for every decision)."""


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
        """The versioned JSON form (``"format": "propmgmt.decision.v1"``): what
        ``model_dump_json(indent=indent)`` writes (pydantic's serialiser, called directly)."""
        return self.to_json_bytes(indent=indent).decode()

    def to_json_bytes(self, *, indent: int | None = None) -> bytes:
        """:meth:`to_json` as the serialiser writes it, UTF-8 bytes (for a file, a socket or
        a queue: not decoded to text to be encoded again)."""
        return self.__pydantic_serializer__.to_json(self, indent=indent)


_DC = TypeVar("_DC", bound=Decision)
_BASE_FIELDS: Final = tuple(Decision.model_fields)
_PLAIN: dict[type[Decision], set[str]] = {}  # the classes checked to have the base fields only
_SET_DICT: Final = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE = (
    BaseModel.__dict__[n].__set__
    for n in ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def build_decision(cls: type[_DC], *, kind: str, subject: str, outcome: Any,
                   decided_by: tuple[str, ...], basis: Basis, explanation: Explanation,
                   as_of: Any = None, not_applied: tuple[RuleNotApplied, ...] = (),
                   facts_used: tuple[FactUsed, ...] = (),
                   facts_set_aside: tuple[FactSetAside, ...] = (),
                   missing_facts: tuple[MissingFact, ...] = (),
                   provisional: Provisional | None = None,
                   escalation: Escalation | None = None) -> _DC:
    """A decision of class ``cls`` from values the engine made (built without validation:
    the inputs were validated at the edge), tagged ``DECISION_FORMAT``: the one way an
    engine builds a decision (:meth:`~propmgmt_rules.trace.Trace.decision` calls it).

    Fast: the fields are given as the instance's dict, in the model's order (its JSON's
    order), with the class's one ``fields_set`` (see :mod:`propmgmt_rules._build`); the
    explanation is written when first read.

    >>> d = build_decision(Decision, kind="example", subject="S1", outcome=1,
    ...                    decided_by=("T-DAYS",), basis=Basis(kind="calendar", name="w",
    ...                    version="1"), explanation=Explanation.from_lines([Text("a", "甲")]))
    >>> d.format, d.explanation.zh
    ('propmgmt.decision.v1', '甲')
    """
    return decision_of(cls, kind, subject, as_of, outcome, decided_by, not_applied, facts_used,
                       facts_set_aside, missing_facts, basis, provisional, escalation,
                       explanation)


def decision_of(cls: type[_DC], kind: str, subject: str, as_of: Any, outcome: Any,
                decided_by: tuple[str, ...], not_applied: tuple[RuleNotApplied, ...],
                facts_used: tuple[FactUsed, ...], facts_set_aside: tuple[FactSetAside, ...],
                missing_facts: tuple[MissingFact, ...], basis: Basis,
                provisional: Provisional | None, escalation: Escalation | None,
                explanation: Explanation) -> _DC:
    """:func:`build_decision` with every field given positionally, in the model's order (its
    JSON's): the one place a decision of the base fields is built. A keyword call of fourteen
    arguments costs about a third of building the decision; :meth:`Trace.decision
    <propmgmt_rules.trace.Trace.decision>` and the areas' hot paths call this.

    >>> e = Explanation.from_lines([Text("a", "甲")])
    >>> b = Basis(kind="calendar", name="w", version="1")
    >>> d = decision_of(Decision, "example", "S1", None, 1, ("T-DAYS",), (), (), (), (), b,
    ...                 None, None, e)
    >>> d == build_decision(Decision, kind="example", subject="S1", outcome=1,
    ...                     decided_by=("T-DAYS",), basis=b, explanation=e)
    True
    """
    given = _PLAIN.get(cls)
    if given is None:
        given = _plain(cls)
    # the instance's dict: a copy of the defaults' (in order), then the values given; a
    # default value given (None, the empty tuple: one object) is already there. A dict
    # copied is a third of one built from its fourteen items.
    fields = _DEFAULTS.copy()
    fields["kind"] = kind
    fields["subject"] = subject
    if as_of is not None:
        fields["as_of"] = as_of
    fields["outcome"] = outcome
    fields["decided_by"] = decided_by
    if not_applied is not _NONE:
        fields["not_applied"] = not_applied
    if facts_used is not _NONE:
        fields["facts_used"] = facts_used
    if facts_set_aside is not _NONE:
        fields["facts_set_aside"] = facts_set_aside
    if missing_facts is not _NONE:
        fields["missing_facts"] = missing_facts
    fields["basis"] = basis
    if provisional is not None:
        fields["provisional"] = provisional
    if escalation is not None:
        fields["escalation"] = escalation
    fields["explanation"] = explanation
    out: _DC = _NEW(cls)  # construct_dict, inline: every decision of every area comes here
    _SET_DICT(out, fields)
    _SET_FIELDS_SET(out, given)
    _SET_EXTRA(out, None)
    _SET_PRIVATE(out, None)
    return out


_NONE: Final[tuple[()]] = ()
_DEFAULTS: Final[dict[str, Any]] = {
    "format": DECISION_FORMAT, "kind": None, "subject": None, "as_of": None, "outcome": None,
    "decided_by": _NONE, "not_applied": _NONE, "facts_used": _NONE, "facts_set_aside": _NONE,
    "missing_facts": _NONE, "basis": None, "provisional": None, "escalation": None,
    "explanation": None}
"""A decision's fields in order (its JSON's), with the defaults of those that have one."""
assert tuple(_DEFAULTS) == _BASE_FIELDS


def _plain(cls: type[Decision]) -> set[str]:
    """``fields_set`` of ``cls``, checked once to be the base fields only."""
    if tuple(cls.model_fields) != _BASE_FIELDS:
        raise TypeError(f"{cls.__name__} has fields of its own: build it with "
                        "model_construct")
    given = _PLAIN[cls] = fields_set(cls)
    return given


# -- the kinds of decision ------------------------------------------------------------------

_KINDS: dict[str, type[Decision]] = {}


def _literal_kinds(cls: type[Decision]) -> tuple[str, ...]:
    annotation = cls.model_fields["kind"].annotation
    if get_origin(annotation) is Literal:
        return tuple(str(k) for k in get_args(annotation))
    return ()


def register_decision(cls: type[Decision], *kinds: str) -> type[Decision]:
    """Register ``cls`` as the decision type of ``kinds`` (default: the values of its
    ``kind: Literal[...]`` field), for :func:`~propmgmt_rules.load_decision`. A kind belongs
    to one class; registering it again for the same class changes nothing."""
    names = kinds or _literal_kinds(cls)
    if not names:
        raise TypeError(f"{cls.__name__}: name the kinds it decides (its kind is not a "
                        "Literal)")
    for kind in names:
        known = _KINDS.get(kind)
        if known is not None and known is not cls:
            raise RuntimeError(f"decision kind {kind!r} is registered for {known.__name__}")
        _KINDS[kind] = cls
    return cls


def decision_types() -> Mapping[str, type[Decision]]:
    """Every registered kind of decision and its class (read-only), sorted by kind."""
    return MappingProxyType(dict(sorted(_KINDS.items())))


def decision_type(kind: str) -> type[Decision] | None:
    """The class registered for ``kind``, or None."""
    return _KINDS.get(kind)


_set = object.__setattr__
_INSTANCE_DICT: Final = BaseModel.__dict__["__dict__"]
_FIELD_NAMES: dict[type[BaseModel], tuple[str, ...]] = {}


def _field_names(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of ``cls``, in order (its JSON's), kept per class."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(cls.model_fields)
    return names
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

    @classmethod
    def whole(cls: type[_D], fields: dict[str, Any],
              write: Callable[[Any, Any], dict[str, Any]], facts: Any, lines: Any,
              outcome: Callable[[Any], Any] | None = None, atoms: Any = None) -> _D:
        """:meth:`later`'s decision, written at once by the same functions (``write``,
        ``outcome``): for a caller that reads every decision whole (a command-line job writes
        each one's JSON), which deferring would only cost. The same decision in every
        respect."""
        f = write(facts, lines)
        if outcome is not None:
            f["outcome"] = outcome(atoms)
        f.update(fields)
        return cls.complete({name: f[name] for name in _field_names(cls)})  # in order

    @classmethod
    def complete(cls: type[_D], fields: dict[str, Any]) -> _D:
        """The decision of ``fields``, every field given, in the model's order (its JSON's),
        as :meth:`whole` builds it once ``write`` and ``outcome`` have given theirs (built
        without validation): for a caller that writes them itself, without the dicts
        :meth:`whole` merges.

        >>> d = DeferredDecision.complete({
        ...     "format": DECISION_FORMAT, "kind": "example", "subject": "S1", "as_of": None,
        ...     "outcome": 1, "decided_by": ("T-DAYS",), "not_applied": (), "facts_used": (),
        ...     "facts_set_aside": (), "missing_facts": (),
        ...     "basis": Basis(kind="calendar", name="w", version="1"), "provisional": None,
        ...     "escalation": None, "explanation": Explanation.from_lines([Text("a", "甲")])})
        >>> d.explanation.zh, d == DeferredDecision.model_validate_json(d.to_json())
        ('甲', True)
        """
        out = _NEW(cls)  # its slots set by their descriptors (half the cost of setattr)
        _SET_INSTANCE_DICT(out, fields)
        _SET_WRITE(out, None)  # complete: nothing to write
        _SET_FIELDS_SET(out, _GIVEN.get(cls) or _given(cls))
        _SET_EXTRA(out, None)
        _SET_PRIVATE(out, None)
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
                      for name in _field_names(type(self))}  # in the fields' order
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


_SET_INSTANCE_DICT: Final = _INSTANCE_DICT.__set__
_SET_WRITE: Final = vars(DeferredDecision)["_write"].__set__
_GIVEN: dict[type[BaseModel], set[str]] = {}
"""``fields_set`` of each class :meth:`DeferredDecision.complete` builds (one look-up)."""


def _given(cls: type[BaseModel]) -> set[str]:
    got = _GIVEN[cls] = fields_set(cls)
    return got
