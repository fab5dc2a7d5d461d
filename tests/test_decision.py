"""The decision shape every area shares."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
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

SH = ZoneInfo("Asia/Shanghai")


def _decision(**extra: object) -> Decision:
    return Decision(
        kind="deadline",
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
        escalation=Escalation(to="manager", rules=("T-DAYS", "T-MONTHS"),
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


def _later(calls: list[str], en: str = "a\nb", zh: str = "甲\n乙") -> Explanation:
    def render(source: tuple[str, str]) -> tuple[str, str]:
        calls.append("rendered")
        return source

    return Explanation.later(render, (en, zh))


def test_an_explanation_written_later_is_written_once_on_first_use() -> None:
    calls: list[str] = []
    e = _later(calls)
    assert calls == []
    assert e.en == "a\nb"
    assert e.zh == "甲\n乙"
    assert calls == ["rendered"]


def test_an_explanation_written_later_is_an_explanation_in_every_respect() -> None:
    import copy
    import pickle

    eager = Explanation.from_lines([Text("a", "甲"), Text("b", "乙")])
    assert _later([]) == eager
    assert eager == _later([])
    assert _later([]) != _later([], en="other")
    assert hash(_later([])) == hash(eager)
    assert repr(_later([])) == repr(eager)
    assert _later([]).model_dump() == eager.model_dump()
    assert _later([]).model_dump_json() == eager.model_dump_json()
    assert pickle.loads(pickle.dumps(_later([]))) == eager
    assert copy.copy(_later([])) == eager
    assert copy.deepcopy(_later([])) == eager
    assert _later([]).model_copy(update={"en": "c"}) == Explanation(en="c", zh="甲\n乙")
    with pytest.raises(ValidationError):
        _later([]).en = "changed"  # type: ignore[misc]


def test_a_decision_with_an_explanation_written_later_serialises_the_same() -> None:
    eager = _decision()
    later = eager.model_copy(update={"explanation": _later([])})
    assert later.to_json() == eager.to_json()
    assert Decision.model_validate_json(later.to_json()) == later
    assert later == eager
    assert later.model_dump() == eager.model_dump()
