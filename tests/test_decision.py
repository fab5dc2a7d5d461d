"""The decision shape every area shares."""

from __future__ import annotations

import ast
import copy
import json
import pickle
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from propmgmt_rules import (
    DECISION_FORMAT,
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
    Text,
)
from propmgmt_rules.decision import (
    DeferredDecision,
    build_decision,
    decision_type,
    decision_types,
    register_decision,
)
from propmgmt_rules.render import message

SH = ZoneInfo("Asia/Shanghai")


def _decision(**extra: object) -> Decision:
    return Decision(
        kind="time.deadline",
        subject="reply",
        outcome={"due": "2025-01-01"},
        decided_by=("T-DAYS",),
        basis=Basis(kind="calendar", name="weekdays", version="1"),
        explanation=Explanation.from_lines([Text("a", "甲"), Text("b", "乙")]),
        **extra,  # type: ignore[arg-type]
    )


def test_a_full_decision_round_trips_through_its_versioned_json() -> None:
    d = _decision(
        as_of=datetime(2025, 1, 1, tzinfo=SH),
        not_applied=(RuleNotApplied("T-REST-DAY-EXTENSION", "the span is not extended"),),
        facts_used=(FactUsed("start", "T-DAYS"),),
        facts_set_aside=(FactSetAside("done_at", SetAsideReason.AFTER_AS_OF, None, "later"),),
        missing_facts=(MissingFact("calendar", "T-WORKING-DAYS", "Which calendar applies?"),),
        provisional=Provisional(until=datetime(2025, 2, 1, tzinfo=SH), rules=("T-MONTHS",),
                                reason=Text("may change", "可能变化")),
        escalation=Escalation(to="manager", to_name=Text("the manager", "经理"),
                              rules=("T-DAYS", "T-MONTHS"),
                              reason=Text("conflict", "冲突")),
    )
    data = d.to_json()
    assert f'"format":"{DECISION_FORMAT}"' in data
    back = Decision.model_validate_json(data)
    assert back == d
    assert back.is_escalation
    assert back.is_provisional
    assert back.cited_rules() == ("T-DAYS", "T-REST-DAY-EXTENSION", "T-WORKING-DAYS", "T-MONTHS")


def test_explanation_lines_join_per_language() -> None:
    assert _decision().explanation.en == "a\nb"
    assert _decision().explanation.zh == "甲\n乙"


def test_naive_as_of_is_rejected() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        _decision(as_of=datetime(2025, 1, 1))


def test_unknown_format_tag_is_rejected() -> None:
    data = _decision().to_json().replace(DECISION_FORMAT, "propmgmt.decision.v0")
    with pytest.raises(ValidationError, match="format"):
        Decision.model_validate_json(data)


class _Late(DeferredDecision):
    """A decision type that may write its trace and explanation later."""


def _written(calls: list[str]) -> Callable[[Any, Any], dict[str, Any]]:
    def write(facts: tuple[str, ...], lines: tuple[str, str]) -> dict[str, Any]:
        calls.append("written")
        return {"facts_used": tuple(FactUsed(f, "T-DAYS") for f in facts[:1]),
                "facts_set_aside": tuple(FactSetAside(f, SetAsideReason.AFTER_AS_OF)
                                         for f in facts[1:]),
                "explanation": Explanation(en=lines[0], zh=lines[1])}
    return write


def _late(calls: list[str], en: str = "a\nb") -> _Late:
    return _Late.later({"format": DECISION_FORMAT, "kind": "time.deadline", "subject": "reply",
                        "as_of": None, "outcome": {"due": "2025-01-01"}, "decided_by": ("T-DAYS",),
                        "not_applied": (), "missing_facts": (),
                        "basis": Basis(kind="calendar", name="weekdays", version="1"),
                        "provisional": None, "escalation": None},
                       _written(calls), ("start", "done_at"), (en, "甲\n乙"))


def _eager() -> _Late:
    return _Late(kind="time.deadline", subject="reply", outcome={"due": "2025-01-01"},
                 decided_by=("T-DAYS",), facts_used=(FactUsed("start", "T-DAYS"),),
                 facts_set_aside=(FactSetAside("done_at", SetAsideReason.AFTER_AS_OF),),
                 basis=Basis(kind="calendar", name="weekdays", version="1"),
                 explanation=Explanation.from_lines([Text("a", "甲"), Text("b", "乙")]))


def test_a_deferred_decision_writes_its_trace_and_explanation_once_on_first_use() -> None:
    calls: list[str] = []
    d = _late(calls)
    assert calls == []
    assert d.outcome == {"due": "2025-01-01"}
    assert calls == []
    assert d.explanation.en == "a\nb"
    assert d.facts_used == (FactUsed("start", "T-DAYS"),)
    assert d.cited_rules() == ("T-DAYS",)
    assert calls == ["written"]


def test_a_deferred_decision_is_the_same_decision_in_every_respect() -> None:
    eager = _eager()
    assert _late([]) == eager
    assert eager == _late([])
    assert _late([]) != _late([], en="other")
    assert repr(_late([])) == repr(eager)
    assert _late([]).model_dump() == eager.model_dump()
    assert _late([]).to_json() == eager.to_json()  # the same fields in the same order
    assert _late([]).to_json(indent=2) == eager.to_json(indent=2)
    assert _Late.model_validate_json(_late([]).to_json()) == eager
    assert pickle.loads(pickle.dumps(_late([]))) == eager
    assert copy.copy(_late([])) == eager
    assert copy.deepcopy(_late([])) == eager
    assert _late([]).model_copy(update={"subject": "other"}) == eager.model_copy(
        update={"subject": "other"})
    with pytest.raises(ValidationError):
        _late([]).subject = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        _ = _late([]).no_such_field  # type: ignore[attr-defined]


def _late_outcome(calls: list[str]) -> _Late:
    def outcome(atoms: tuple[str, str]) -> dict[str, str]:
        calls.append("outcome")
        return {atoms[0]: atoms[1]}

    return _Late.later({"format": DECISION_FORMAT, "kind": "time.deadline", "subject": "reply",
                        "as_of": None, "decided_by": ("T-DAYS",), "not_applied": (),
                        "missing_facts": (),
                        "basis": Basis(kind="calendar", name="weekdays", version="1"),
                        "provisional": None, "escalation": None},
                       _written(calls), ("start", "done_at"), ("a\nb", "甲\n乙"),
                       outcome, ("due", "2025-01-01"))


def test_a_deferred_outcome_is_built_alone_on_first_read_and_once() -> None:
    calls: list[str] = []
    d = _late_outcome(calls)
    assert calls == []
    assert d.outcome == {"due": "2025-01-01"}
    assert calls == ["outcome"]  # the trace and the explanation are not written for it
    assert d.outcome is d.outcome
    assert calls == ["outcome"]
    assert d == _eager()
    assert calls == ["outcome", "written"]
    assert d.to_json() == _eager().to_json()


def test_a_deferred_outcome_is_built_with_the_rest_when_the_decision_is_read_whole() -> None:
    calls: list[str] = []
    d = _late_outcome(calls)
    assert d.to_json() == _eager().to_json()  # the outcome in its place among the fields
    assert calls == ["written", "outcome"]
    assert d.outcome == {"due": "2025-01-01"}
    assert calls == ["written", "outcome"]
    assert pickle.loads(pickle.dumps(_late_outcome([]))) == _eager()
    assert copy.deepcopy(_late_outcome([])) == _eager()
    assert _late_outcome([]).model_copy(update={"subject": "other"}) == _eager().model_copy(
        update={"subject": "other"})


# -- explanations written when first read (issue 12) ------------------------------------------


_WRITES: list[str] = []


@message("tests.decision.due")
def _due_line(day: str) -> Text:
    _WRITES.append(day)
    return Text(f"due: {day}.", f"截止:{day}。")


def _lazy(day: str = "Fri 7 Mar 24:00") -> Decision:
    return build_decision(
        Decision, kind="time.deadline", subject="reply", outcome={"due": "2025-03-08"},
        decided_by=("T-DAYS",), basis=Basis(kind="calendar", name="weekdays", version="1"),
        explanation=Explanation.from_lines([Text("a", "甲"), ("tests.decision.due", day)]))


def test_an_explanation_is_written_when_first_read_and_is_the_same_explanation() -> None:
    _WRITES.clear()
    d = _lazy()
    assert _WRITES == []
    assert d.outcome == {"due": "2025-03-08"}
    assert d.cited_rules() == ("T-DAYS",)
    assert _WRITES == []  # reading the answer writes no sentence
    eager = _decision().model_copy(update={
        "outcome": {"due": "2025-03-08"},
        "explanation": Explanation(en="a\ndue: Fri 7 Mar 24:00.", zh="甲\n截止:Fri 7 Mar 24:00。")})
    assert d.to_json() == eager.to_json()
    assert _WRITES == ["Fri 7 Mar 24:00"]
    assert d == eager
    assert _lazy() == eager  # equality writes it too
    assert repr(_lazy()) == repr(eager)
    assert pickle.loads(pickle.dumps(_lazy())) == eager
    assert copy.deepcopy(_lazy()) == eager
    assert _lazy().model_dump() == eager.model_dump()
    assert hash(_lazy().explanation) == hash(eager.explanation)
    assert Decision.model_validate_json(_lazy().to_json()) == eager


@given(st.lists(st.tuples(st.text(max_size=12), st.text(max_size=12)), max_size=6))
def test_an_explanation_serialises_as_its_two_texts(pairs: list[tuple[str, str]]) -> None:
    lines = [Text(en, zh) for en, zh in pairs]
    lazy = Explanation.from_lines(lines)
    written = Explanation(en="\n".join(en for en, _ in pairs), zh="\n".join(zh for _, zh in pairs))
    d = _decision().model_copy(update={"explanation": lazy})
    assert json.loads(d.to_json())["explanation"] == {"en": written.en, "zh": written.zh}
    assert lazy == written


def test_an_explanation_is_immutable_and_validated_like_a_model() -> None:
    e = Explanation(en="a", zh="甲")
    with pytest.raises(AttributeError):
        e.en = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Explanation(en=1, zh="甲")  # type: ignore[arg-type]
    data = json.loads(_decision().to_json())
    data["explanation"]["extra"] = "x"
    with pytest.raises(ValidationError, match=r"explanation\.extra"):
        Decision.model_validate(data)
    data["explanation"] = {"en": "a"}
    with pytest.raises(ValidationError, match=r"explanation\.zh"):
        Decision.model_validate_json(json.dumps(data))
    schema = Decision.model_json_schema()
    assert schema["properties"]["explanation"] == {"$ref": "#/$defs/Explanation"}
    assert schema["$defs"]["Explanation"]["required"] == ["en", "zh"]


def test_the_builder_tags_the_format_and_keeps_the_fields_order() -> None:
    d = _lazy()
    assert d.format == DECISION_FORMAT
    assert list(json.loads(d.to_json())) == list(Decision.model_fields)
    assert d.model_fields_set == set(Decision.model_fields)


def test_the_builder_refuses_a_class_with_fields_of_its_own() -> None:
    class WithMore(Decision):
        extra: int = 0

    with pytest.raises(TypeError, match="fields of its own"):
        build_decision(WithMore, kind="k", subject="s", outcome=None, decided_by=(),
                       basis=Basis(kind="calendar", name="w", version="1"),
                       explanation=Explanation(en="", zh=""))


def test_a_kind_of_decision_is_registered_for_one_class() -> None:
    from typing import Literal

    class Probe(Decision):
        kind: Literal["tests.probe"] = "tests.probe"

    register_decision(Probe)
    register_decision(Probe)  # again, the same class: nothing changes
    assert decision_type("tests.probe") is Probe
    assert decision_types()["tests.probe"] is Probe

    class Other(Decision):
        kind: Literal["tests.probe"] = "tests.probe"

    with pytest.raises(RuntimeError, match="registered for Probe"):
        register_decision(Other)
    with pytest.raises(TypeError, match="name the kinds"):
        register_decision(Decision)


# -- the format tag written once (issue 12) ----------------------------------------------------

_SRC = Path(__file__).resolve().parent.parent / "src" / "propmgmt_rules"


def _writes_the_tag(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(isinstance(n, ast.Constant) and n.value == DECISION_FORMAT for n in ast.walk(tree))


def test_the_format_tag_is_written_in_decision_py_and_nowhere_else() -> None:
    writers = {p.relative_to(_SRC).as_posix() for p in _SRC.rglob("*.py") if _writes_the_tag(p)}
    assert "decision.py" in writers
    assert writers == {"decision.py"}  # issue 12: the areas wrote it by hand 8 times


def test_to_json_bytes_are_the_utf8_of_to_json_for_every_bundled_decision() -> None:
    import io

    from propmgmt_rules.cases import load_decision
    from propmgmt_rules.cli import main

    out = io.StringIO()
    assert main(["examples", "--json"], out=out, err=io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) > 50
    kinds = set()
    for line in lines:
        decision = load_decision(line)
        kinds.add(decision.kind.split(".")[0])
        assert decision.to_json_bytes() == decision.to_json().encode("utf-8") == line.encode()
        assert decision.to_json_bytes(indent=2).decode() == decision.model_dump_json(indent=2)
    assert kinds == {"time", "ownership", "complaint", "repair", "fees"}


_RECORDS: list[tuple[type[Any], dict[str, Any]]] = [
    (RuleNotApplied, {"rule": "SD-7.4", "condition": "no relation recorded"}),
    (FactUsed, {"fact": "receptions:R1", "rule": "CC-9.2", "note": "first"}),
    (FactSetAside, {"fact": "receptions:R2", "reason": SetAsideReason.NOT_FIRST,
                    "rule": "CC-9.2", "note": "later"}),
    (MissingFact, {"field": "client.phone", "needed_by": "SD-7.4", "question": "whose?"}),
]


@pytest.mark.parametrize(("cls", "values"), _RECORDS, ids=lambda v: getattr(v, "__name__", ""))
def test_a_trace_record_is_the_dataclass_its_fields_say(cls: type[Any],
                                                        values: dict[str, Any]) -> None:
    """The trace records set their slots in their own ``__init__`` (for speed): positional and
    keyword arguments, defaults, equality, hashing, immutability, ``replace``, copies and
    pickles are a frozen dataclass's, and pydantic reads them back from their JSON form."""
    import dataclasses

    from pydantic import TypeAdapter

    by_position = cls(*values.values())
    by_name = cls(**values)
    assert by_position == by_name
    assert hash(by_position) == hash(by_name)
    assert {f.name: getattr(by_name, f.name) for f in dataclasses.fields(cls)} == values
    assert [f.name for f in dataclasses.fields(cls)] == list(values)
    first = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(by_name, first, "X")
    assert dataclasses.replace(by_name, **{first: "other"}) != by_name
    assert pickle.loads(pickle.dumps(by_name)) == by_name == copy.deepcopy(by_name)
    adapter = TypeAdapter(cls)
    assert adapter.validate_json(adapter.dump_json(by_name)) == by_name
    with pytest.raises(TypeError):
        cls()


def test_a_fact_record_keeps_its_defaults() -> None:
    assert FactUsed("f") == FactUsed(fact="f", rule=None, note="")
    assert (FactSetAside("f", SetAsideReason.LAPSED)
            == FactSetAside(fact="f", reason=SetAsideReason.LAPSED, rule=None, note=""))
    assert repr(FactUsed("f", "R")) == "FactUsed(fact='f', rule='R', note='')"
