"""``load_decision``: a stored decision back into its typed class, by its kind (issue 12)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings

from propmgmt_rules import Decision, InputError, load_decision
from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.decision import decision_types
from propmgmt_rules.errors import InvalidInput
from propmgmt_rules.time import explain_deadline
from propmgmt_rules.time.strategies import aware_datetimes, spans
from propmgmt_rules.validation import validate
from tests.snapshots import example_cases


def _decisions() -> list[tuple[str, Decision]]:
    out: list[tuple[str, Decision]] = []
    for kind, name, n, raw in example_cases():
        job = CASE_KINDS[kind]
        for i, d in enumerate(job.evaluate(validate(job.model, raw))):
            out.append((f"{kind}/{name}-{n}.{i}", d))
    return out


DECISIONS = _decisions()


def test_the_bundled_examples_decide_every_area() -> None:
    assert {d.kind.split(".")[0] for _, d in DECISIONS} == {
        "time", "ownership", "complaint", "repair", "fees"}


@pytest.mark.parametrize(("where", "decision"), DECISIONS, ids=[w for w, _ in DECISIONS])
def test_a_stored_decision_loads_back_equal_and_writes_the_same_json(
        where: str, decision: Decision) -> None:
    stored = decision.to_json()
    back = load_decision(stored)
    assert type(back) is type(decision)
    assert back == decision
    assert back.to_json() == stored
    assert load_decision(json.loads(stored)).to_json() == stored  # from the dict too
    assert load_decision(stored.encode()).to_json() == stored  # and from bytes


def test_every_kind_a_case_returns_is_registered() -> None:
    kinds = {d.kind for _, d in DECISIONS}
    assert kinds <= set(decision_types())
    for kind in kinds:
        assert kind in {k for job in CASE_KINDS.values() for k in job.kinds}


@settings(max_examples=50, deadline=None)
@given(aware_datetimes(), spans())
def test_a_deadline_decision_round_trips(start: Any, span: Any) -> None:
    try:
        d = explain_deadline(start, span, "china-official")
    except InputError:
        return  # outside the years a deadline can fall in
    assert load_decision(d.to_json()).to_json() == d.to_json()


@pytest.mark.parametrize(("data", "field"), [
    ("{not json", "(decision)"),
    ("[1, 2]", "(decision)"),
    ('{"format": "propmgmt.decision.v1"}', "kind"),
    ('{"kind": 7}', "kind"),
    ('{"kind": "mars.landing"}', "kind"),
    ('{"kind": "' + "x" * 10_000 + '"}', "kind"),
])
def test_what_is_not_a_decision_is_an_input_error_naming_where(data: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        load_decision(data)
    assert err.value.field == field
    assert len(str(err.value)) < 2_000


def test_a_decision_of_a_known_kind_with_bad_fields_lists_each_problem() -> None:
    _, d = DECISIONS[0]
    data = json.loads(d.to_json())
    data["decided_by"] = "T-DAYS"
    data["explanation"] = {"en": "x"}
    with pytest.raises(InvalidInput) as err:
        load_decision(data)
    fields = {p.field for p in err.value.problems}
    assert {"decided_by", "explanation.zh"} <= fields
