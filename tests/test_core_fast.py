"""The shared core's cheaper paths (issue 12, the core's sixth round): each gives what the
path it replaces gave, field by field and in JSON."""

from __future__ import annotations

import dataclasses
import json
import pickle
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

from propmgmt_rules._build import StringEnum
from propmgmt_rules.decision import (
    DECISION_FORMAT,
    Basis,
    Decision,
    Explanation,
    FactSetAside,
    SetAsideReason,
    Text,
    build_decision,
    decision_of,
)
from propmgmt_rules.render import message
from propmgmt_rules.time.models import DeadlineStatus, ObligationState
from propmgmt_rules.time.phrasing import day_text, instant_text
from propmgmt_rules.time.span import SpanUnit
from propmgmt_rules.time.status import status_at
from propmgmt_rules.trace import Trace

SH = ZoneInfo("Asia/Shanghai")
AT = datetime(2025, 3, 5, 10, tzinfo=SH)
BASIS = Basis(kind="policy", name="procedure5", version="1")


@message("example.core_fast")
def _core_fast(n: int) -> Text:
    return Text(f"{n} lines.", f"{n}行。")

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


def test_a_string_enum_refuses_what_the_enum_refuses() -> None:
    class Colour(StringEnum):
        RED = "red"

    class M(BaseModel):
        c: Colour

    assert M.model_validate_json('{"c": "red"}').c is Colour.RED
    assert M(c=Colour.RED).model_dump_json() == '{"c":"red"}'
    with pytest.raises(ValidationError, match="red"):
        M.model_validate({"c": "blue"})


def test_a_decision_with_set_aside_facts_reads_back_the_same() -> None:
    d = build_decision(Decision, kind="example", subject="S1", outcome=None,
                       decided_by=("CP-4.10.3",),
                       basis=Basis(kind="policy", name="p", version="1"),
                       explanation=Explanation.from_lines([Text("a", "甲")]),
                       facts_set_aside=tuple(FactSetAside(f"h[{i}]", r)
                                             for i, r in enumerate(SetAsideReason)))
    back = Decision.model_validate_json(d.to_json())
    assert back == d
    assert [f.reason for f in back.facts_set_aside] == list(SetAsideReason)


# -- the decision built positionally (Trace.decision, decision_of) ---------------------------

_IDS = st.sampled_from(["CP-4.10.1", "CP-4.10.3", "SQ-A", "T-DAYS", "RP-2.1"])
_FACT = st.sampled_from(["received_at", "history[0]", "history[1]", "caused_by"])


def _build_as_before(tr: Trace, cls: type[Decision], **kw: Any) -> Decision:
    """What ``Trace.decision`` built before the sixth round: ``build_decision`` of every
    record list copied to a tuple."""
    return build_decision(
        cls, decided_by=tuple(tr.decided_by), explanation=Explanation.from_lines(
            tuple(tr.lines)), not_applied=tuple(tr.not_applied), facts_used=tuple(tr.used),
        facts_set_aside=tuple(tr.aside), missing_facts=tuple(tr.missing_facts),
        provisional=tr.provisional, escalation=tr.escalation, **kw)


def _same(a: Decision, b: Decision) -> None:
    assert type(a) is type(b)
    assert list(a.__dict__) == list(b.__dict__) == list(type(a).model_fields)
    for name in type(a).model_fields:
        assert getattr(a, name) == getattr(b, name), name
        assert type(getattr(a, name)) is type(getattr(b, name)), name
    assert a.model_fields_set == b.model_fields_set
    assert a.to_json() == b.to_json()
    assert a == b


@given(rules=st.lists(st.lists(_IDS, max_size=3), max_size=3),
       not_applied=st.lists(st.tuples(_IDS, st.text(max_size=8)), max_size=2),
       used=st.lists(st.tuples(_FACT, st.none() | _IDS, st.text(max_size=8)), max_size=3),
       aside=st.lists(st.tuples(_FACT, st.sampled_from(list(SetAsideReason))), max_size=3),
       missing=st.lists(st.tuples(_FACT, _IDS), max_size=2),
       lines=st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=3),
       provisional=st.booleans(), escalation=st.booleans(), as_of=st.booleans(),
       explain=st.booleans())
def test_trace_decision_is_the_decision_build_decision_built(
        rules: list[list[str]], not_applied: list[tuple[str, str]],
        used: list[tuple[str, str | None, str]], aside: list[tuple[str, SetAsideReason]],
        missing: list[tuple[str, str]], lines: list[tuple[str, str]], provisional: bool,
        escalation: bool, as_of: bool, explain: bool) -> None:
    tr = Trace(explain=explain)
    for ids in rules:
        tr.rule(*ids)
    for rule, condition in not_applied:
        tr.not_applying(rule, condition)
    for fact, rule, note in used:
        tr.use(fact, rule, note)
    for fact, reason in aside:
        tr.set_aside(fact, reason, "CP-4.10.3")
    for fact, rule in missing:
        tr.missing(fact, rule, "?")
    for en, zh in lines:
        tr.say(en, zh)
    tr.tell("example.core_fast", 3)
    if provisional:
        tr.provisional_until(AT, ("CP-UPGRADE",), Text("may change", "可能变化"))
    if escalation:
        tr.escalate("director", Text("the director", "主任"), ("CP-4.2.2",),
                    Text("conflict", "冲突"))
    kw: dict[str, Any] = {"kind": "complaint.status", "subject": "complaint C1",
                          "outcome": {"n": len(used)}, "basis": BASIS,
                          "as_of": AT if as_of else None}
    new = tr.decision(Decision, **kw)
    _same(new, _build_as_before(tr, Decision, **kw))
    # each record list as a tuple of its own (not the trace's list)
    for name, records in (("not_applied", tr.not_applied), ("facts_used", tr.used),
                          ("facts_set_aside", tr.aside), ("missing_facts", tr.missing_facts)):
        assert type(getattr(new, name)) is tuple
        assert getattr(new, name) == tuple(records)
    # the trace goes on: the decision does not change with it
    tr.use("later", None)
    tr.say("Later.", "之后。")
    assert "later" not in {f.fact for f in new.facts_used}
    assert "Later." not in new.explanation.en


@given(values=st.lists(st.none() | st.just(()) | st.just([]) | st.just(("x",)), min_size=7,
                       max_size=7))
def test_decision_of_keeps_every_value_given_even_an_empty_list(values: list[Any]) -> None:
    as_of, not_applied, used, aside, missing, provisional, escalation = values
    args = (Decision, "example", "S1", as_of, 1, ("T-DAYS",), not_applied, used, aside,
            missing, BASIS, provisional, escalation, Explanation.from_lines(()))
    d = decision_of(*args)
    want = dict(zip(type(d).model_fields, (DECISION_FORMAT, *args[1:]), strict=True))
    assert list(d.__dict__) == list(want)
    for name, value in want.items():
        assert d.__dict__[name] is value or d.__dict__[name] == value == (), name
        assert type(d.__dict__[name]) is type(value), name


class _OwnField(Decision):
    extra: int = 0


def test_decision_of_refuses_a_class_with_fields_of_its_own() -> None:
    with pytest.raises(TypeError, match="fields of its own"):
        decision_of(_OwnField, "example", "S1", None, None, (), (), (), (), (),
                    BASIS, None, None, Explanation.from_lines(()))


# -- instants as explanations write them (time/phrasing.py) -----------------------------------

_ZONES = st.sampled_from([None, SH, ZoneInfo("UTC"), ZoneInfo("America/New_York"),
                          timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))])


def _instant_text_before(at: datetime, zone: Any, year: bool) -> tuple[str, str]:
    """The sixth round's reference: instant_text as main 8fd7d0e wrote it."""
    local = at.astimezone(zone) if zone is not None else at
    if local.time() == time(0, 0):
        day = local.date()
        if day > date.min:
            en, zh = day_text(day - timedelta(days=1), year=year).en, \
                day_text(day - timedelta(days=1), year=year).zh
            return f"{en} 24:00", f"{zh}24:00"
    d = day_text(local.date(), year=year)
    if local.second or local.microsecond:
        clock = f"{local.hour:02d}:{local.minute:02d}:{local.second:02d}"
    else:
        clock = f"{local.hour:02d}:{local.minute:02d}"
    return f"{d.en} {clock}", f"{d.zh}{clock}"


@given(at=st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                       timezones=st.sampled_from([SH, ZoneInfo("UTC"), UTC])),
       zone=_ZONES, year=st.booleans(), midnight=st.booleans())
def test_an_instant_is_written_as_before_t_same_day_24_00(at: datetime, zone: Any, year: bool,
                                                          midnight: bool) -> None:
    if midnight:  # T-SAME-DAY / T-DAYS: a deadline at a local midnight ends the day before
        at = at.replace(hour=0, minute=0, second=0, microsecond=0)
    t = instant_text(at, zone, year=year)
    assert type(t) is Text
    assert (t.en, t.zh) == _instant_text_before(at, zone, year)


def test_the_first_midnight_of_the_calendar_is_written_as_00_00() -> None:
    first = datetime(1, 1, 1, tzinfo=UTC)
    assert instant_text(first).en == "Mon 1 Jan 00:00"
    assert instant_text(datetime(1, 1, 2, tzinfo=UTC)).en == "Mon 1 Jan 24:00"
    assert instant_text(datetime(2026, 11, 26, tzinfo=SH), year=True).zh == \
        "2026年11月25日(周三)24:00"


# -- an obligation's standing (time/models.py: DeadlineStatus, built for every obligation) ----


@dataclasses.dataclass(frozen=True, slots=True)
class _StatusBefore:
    """DeadlineStatus as main 8fd7d0e declared it (the dataclass's own __init__)."""

    state: ObligationState
    due: datetime
    done_at: datetime | None
    as_of: datetime
    remaining: timedelta | None = None
    late_by: timedelta | None = None
    slack: timedelta | None = None


_INSTANTS = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                         timezones=st.just(SH))


@given(due=_INSTANTS, done_at=st.none() | _INSTANTS, as_of=_INSTANTS)
def test_a_standing_is_the_dataclass_it_was_catalog_1_met_iff_done_by_due(
        due: datetime, done_at: datetime | None, as_of: datetime) -> None:
    st_ = status_at(due, done_at, as_of)
    before = _StatusBefore(st_.state, st_.due, st_.done_at, st_.as_of, remaining=st_.remaining,
                           late_by=st_.late_by, slack=st_.slack)
    assert dataclasses.astuple(st_) == dataclasses.astuple(before)
    assert [f.name for f in dataclasses.fields(st_)] == \
        [f.name for f in dataclasses.fields(before)]
    assert repr(st_).replace("DeadlineStatus", "_StatusBefore") == repr(before)
    assert st_ == DeadlineStatus(*dataclasses.astuple(before))
    assert hash(st_) == hash(DeadlineStatus(*dataclasses.astuple(before)))
    assert pickle.loads(pickle.dumps(st_)) == st_
    assert TypeAdapter(DeadlineStatus).dump_json(st_) == \
        TypeAdapter(_StatusBefore).dump_json(before)
    # catalog §1: an action at x meets a deadline d iff x <= d (an action after as_of has
    # not happened yet)
    done = done_at is not None and done_at <= as_of
    if done and done_at is not None and done_at <= due:
        assert st_.state is ObligationState.MET
        assert st_.slack == due - done_at
    elif done or as_of > due:
        assert st_.state is ObligationState.BREACHED
    else:
        assert st_.state is ObligationState.PENDING
        assert st_.remaining == due - as_of
    with pytest.raises(dataclasses.FrozenInstanceError):
        st_.state = ObligationState.MET  # type: ignore[misc]


def test_a_standing_takes_its_fields_by_keyword_with_their_defaults() -> None:
    at = datetime(2025, 3, 5, 10, tzinfo=SH)
    s = DeadlineStatus(state=ObligationState.PENDING, due=at, done_at=None, as_of=at)
    assert (s.remaining, s.late_by, s.slack) == (None, None, None)
    with pytest.raises(TypeError):
        DeadlineStatus(ObligationState.PENDING, at)  # type: ignore[call-arg]
