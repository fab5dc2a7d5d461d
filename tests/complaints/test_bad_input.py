"""Bad input gets a clear error naming the field; conflicting facts are reported."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from propmgmt_rules.cli import main
from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    Complaint,
    ComplaintEvent,
    ComplaintPolicy,
    status,
)
from propmgmt_rules.errors import InputError

from .factory import BASE, at, complaint, event


def test_a_naive_receipt_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        Complaint.model_validate({**BASE, "received_at": "2025-03-03T10:00:00"})
    assert err.value.errors()[0]["loc"] == ("received_at",)


def test_a_naive_event_is_refused_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "handled", "at": "2025-03-03T10:00:00"})
    assert err.value.errors()[0]["loc"] == ("at",)


def test_a_naive_event_built_without_validation_is_refused_by_the_engine() -> None:
    naive = ComplaintEvent.model_construct(type="handled", at=datetime(2025, 3, 3, 12))
    with pytest.raises(InputError, match=r"history\[0\]\.at: must be timezone-aware"):
        status(complaint(), [naive], at(2025, 3, 4), PROCEDURE_5)


def test_a_naive_as_of_is_refused() -> None:
    with pytest.raises(InputError, match="as_of"):
        status(complaint(), [], datetime(2025, 3, 4), PROCEDURE_5)


def test_an_as_of_before_the_receipt_is_refused() -> None:
    with pytest.raises(InputError, match="as_of: is before the complaint's receipt"):
        status(complaint(), [], at(2025, 3, 1), PROCEDURE_5)


def test_an_event_before_the_receipt_is_refused_naming_it() -> None:
    history = [event("dispatched", at(2025, 3, 3, 10, 5)), event("replied", at(2025, 3, 2, 9))]
    with pytest.raises(InputError, match=r"history\[1\]\.at: is before the complaint's receipt"):
        status(complaint(), history, at(2025, 3, 4), NANJING)


def test_handled_before_the_reply_is_refused_where_the_policy_requires_the_order() -> None:
    history = [event("handled", at(2025, 3, 3, 11)), event("replied", at(2025, 3, 3, 11, 30))]
    with pytest.raises(InputError, match=r"history\[1\]\.at: the reply comes after the handling"):
        status(complaint(), history, at(2025, 3, 4), NANJING)
    # procedure 5 does not require the order
    status(complaint(), history, at(2025, 3, 4), PROCEDURE_5)


def test_an_unknown_severity_in_a_custom_policy_is_refused_naming_it() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["severities"]["critical"] = data["severities"]["major"]
    with pytest.raises(ValidationError) as err:
        ComplaintPolicy.model_validate(data)
    assert err.value.errors()[0]["loc"] == ("severities", "critical", "[key]")


def test_a_custom_policy_must_plan_every_severity() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    del data["severities"]["minor"]
    with pytest.raises(ValidationError, match="no plan for severity minor"):
        ComplaintPolicy.model_validate(data)


def test_an_unknown_calendar_preset_in_a_custom_policy_is_refused_naming_the_field() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["calendar"] = "mars-official"
    with pytest.raises(ValidationError, match="unknown calendar preset") as err:
        ComplaintPolicy.model_validate(data)
    assert err.value.errors()[0]["loc"] == ("calendar",)


def test_an_unknown_role_in_a_custom_policy_is_refused_naming_where() -> None:
    data = PROCEDURE_5.model_dump(mode="json")
    data["severities"]["major"]["handler"] = "ceo"
    with pytest.raises(ValidationError, match=r"severities\.major\.handler: unknown role 'ceo'"):
        ComplaintPolicy.model_validate(data)


def test_a_correction_to_an_unknown_severity_is_refused() -> None:
    with pytest.raises(ValidationError) as err:
        ComplaintEvent.model_validate({"type": "severity_corrected",
                                       "at": "2025-03-03T10:00:00+08:00",
                                       "severity": "critical"})
    assert err.value.errors()[0]["loc"] == ("severity",)


def test_a_pause_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValidationError, match="before the pause's start"):
        event("paused", at(2025, 3, 4, 10), end=at(2025, 3, 4, 9))


def test_a_requested_time_before_the_receipt_is_refused() -> None:
    with pytest.raises(ValidationError, match="requested_by"):
        complaint(requested_by=at(2025, 3, 1))


def test_the_command_line_reports_the_field_of_a_bad_case(tmp_path: Path) -> None:
    case = {"id": "naive", "complaint": {**{k: v for k, v in BASE.items() if k != "received_at"},
                                          "received_at": "2025-03-03T10:00:00",
                                          "loss_amount": "0"}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(case), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["complaint", str(path)], out=out, err=err) == 1
    assert "complaint.received_at: Input should have timezone info" in err.getvalue()


def test_conflicting_facts_are_reported_not_resolved() -> None:
    d = status(complaint(justified=False, caused_by="company_staff", injury=True), [],
               at(2025, 3, 4), PROCEDURE_5)
    assert d.escalation is not None
    assert d.outcome.severity is None
    assert "handle" in {k.value for k in d.outcome.undetermined}
