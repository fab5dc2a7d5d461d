"""The shared core's cheaper paths (issue 12, the core's sixth round): each gives what the
path it replaces gave, field by field and in JSON."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from propmgmt_rules._build import str_enum_schema
from propmgmt_rules.decision import Decision, FactSetAside, SetAsideReason
from propmgmt_rules.time.models import ObligationState
from propmgmt_rules.time.span import SpanUnit

ENUMS: tuple[type[StrEnum], ...] = (SetAsideReason, ObligationState, SpanUnit)


def _plain_copy(cls: type[StrEnum]) -> type[StrEnum]:
    """The same members in a plain ``StrEnum`` (pydantic's own enum schema)."""
    plain: type[StrEnum] = StrEnum(cls.__name__, {m.name: m.value for m in cls})  # type: ignore[assignment]
    plain.__doc__ = cls.__doc__
    return plain


def test_the_core_enums_serialise_as_plain_str_enums_do() -> None:
    # the JSON (T- and CP- decisions carry these), the Python dump, and both JSON Schemas
    for cls in ENUMS:
        plain = _plain_copy(cls)
        ours, theirs = TypeAdapter(tuple[cls, ...]), TypeAdapter(tuple[plain, ...])  # type: ignore[valid-type]
        members = tuple(cls)
        # written by the string serialiser (the members are their strings), not by reading
        # each member's value
        assert TypeAdapter(cls).core_schema.get("serialization") == {"type": "str"}
        assert ours.dump_json(members) == theirs.dump_json(tuple(plain))
        assert ours.dump_python(members) == members  # the members themselves, as before
        assert all(type(m) is cls for m in ours.dump_python(members))
        assert ours.dump_python(members, mode="json") == [m.value for m in members]
        assert ours.validate_json(json.dumps([m.value for m in members])) == members
        for mode in ("validation", "serialization"):
            mine = json.dumps(ours.json_schema(mode=mode)).replace(cls.__name__, "E")
            base = json.dumps(theirs.json_schema(mode=mode)).replace(cls.__name__, "E")
            assert mine == base, (cls, mode)


@given(st.lists(st.sampled_from(list(SetAsideReason)), max_size=8))
def test_a_set_aside_reason_is_written_as_its_catalog_code(reasons: list[SetAsideReason]) -> None:
    facts = tuple(FactSetAside(f"f{i}", r) for i, r in enumerate(reasons))
    data = json.loads(TypeAdapter(tuple[FactSetAside, ...]).dump_json(facts))
    assert [d["reason"] for d in data] == [r.value for r in reasons]


def test_a_str_enum_schema_refuses_what_the_enum_refuses() -> None:
    class Colour(StrEnum):
        RED = "red"

        @classmethod
        def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
            return str_enum_schema(source, handler)

    class M(BaseModel):
        c: Colour

    assert M.model_validate_json('{"c": "red"}').c is Colour.RED
    assert M(c=Colour.RED).model_dump_json() == '{"c":"red"}'
    with pytest.raises(ValidationError, match="red"):
        M.model_validate({"c": "blue"})


def test_a_decision_with_set_aside_facts_reads_back_the_same() -> None:
    from propmgmt_rules.decision import Basis, Explanation, Text, build_decision

    d = build_decision(Decision, kind="example", subject="S1", outcome=None,
                       decided_by=("CP-4.10.3",),
                       basis=Basis(kind="policy", name="p", version="1"),
                       explanation=Explanation.from_lines([Text("a", "甲")]),
                       facts_set_aside=tuple(FactSetAside(f"h[{i}]", r)
                                             for i, r in enumerate(SetAsideReason)))
    back = Decision.model_validate_json(d.to_json())
    assert back == d
    assert [f.reason for f in back.facts_set_aside] == list(SetAsideReason)
