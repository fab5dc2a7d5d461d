"""The one trace every engine writes while deciding (issue 12)."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.decision import Basis, Decision, SetAsideReason, Text
from propmgmt_rules.trace import Trace

SH = ZoneInfo("Asia/Shanghai")
BASIS = Basis(kind="policy", name="procedure5", version="1")
IDS = st.sampled_from(["CP-4.10.1", "CP-4.10.2", "CP-4.10.3", "SQ-A", "SQ-B", "T-DAYS"])


@given(st.lists(st.lists(IDS, max_size=3), max_size=6))
def test_decided_by_keeps_each_rule_once_in_the_order_first_named(calls: list[list[str]]) -> None:
    tr = Trace()
    for ids in calls:
        tr.rule(*ids)
    flat = [i for ids in calls for i in ids]
    assert tr.decided_by == tuple(dict.fromkeys(flat))
    assert len(set(tr.decided_by)) == len(tr.decided_by)


def test_a_decision_carries_everything_traced_in_order() -> None:
    tr = Trace()
    tr.rule("CP-4.10.3")
    tr.not_applying("CP-4.10.1", "the complaint is not minor")
    tr.use("received_at", "CP-4.10.3")
    tr.use("history[0]", "CP-4.10.3", "the clear answer")
    tr.set_aside("history[1]", SetAsideReason.AFTER_AS_OF)
    tr.missing("caused_by", "CP-4.2.1", "Who caused it?")
    until = datetime(2025, 3, 5, 10, tzinfo=SH)
    tr.provisional_until(until, ("CP-UPGRADE",), Text("may become major", "可能升级为重大投诉"))
    tr.escalate("director", Text("the office director", "管理处主任"), ("CP-4.2.2",),
                Text("the facts conflict", "事实相互矛盾"))
    tr.say("Major complaint.", "重大投诉。")
    tr.line(Text("Clear answer within 2 days.", "2天内明确答复。"))
    assert tr.traced("history[1]")
    assert tr.traced("received_at")
    assert not tr.traced("x")
    d = tr.decision(Decision, kind="complaint.status", subject="complaint C1", outcome=None,
                    basis=BASIS, as_of=until)
    assert d.decided_by == ("CP-4.10.3",)
    assert [r.rule for r in d.not_applied] == ["CP-4.10.1"]
    assert [f.fact for f in d.facts_used] == ["received_at", "history[0]"]
    assert d.facts_set_aside[0].reason is SetAsideReason.AFTER_AS_OF
    assert d.missing_facts[0].needed_by == "CP-4.2.1"
    assert d.provisional is not None
    assert d.provisional.until == until
    assert d.escalation is not None
    assert d.escalation.to == "director"
    assert d.explanation.en == "Major complaint.\nClear answer within 2 days."
    assert d.cited_rules() == ("CP-4.10.3", "CP-4.10.1", "CP-4.2.1", "CP-4.2.2", "CP-UPGRADE")
    # built without validation, it is what validation would build from its JSON
    assert Decision.model_validate_json(d.to_json()) == d
    assert json.loads(d.to_json())["format"] == "propmgmt.decision.v1"


def test_a_trace_that_does_not_explain_keeps_no_lines() -> None:
    tr = Trace(explain=False)
    tr.say("a", "甲")
    tr.tell("any.message", 1)
    assert tr.lines == []
    assert tr.explanation().en == ""


def test_the_lines_traced_later_are_not_in_an_explanation_already_taken() -> None:
    tr = Trace()
    tr.say("a", "甲")
    first = tr.explanation()
    tr.say("b", "乙")
    assert first.en == "a"
    assert tr.explanation().zh == "甲\n乙"
