"""The settings base every area shares: ``derive`` validates a variant like any input."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from propmgmt_rules.policy import Policy
from propmgmt_rules.time import WorkCalendar


class _Reply(Policy):
    name: str
    within_hours: int = 2


def test_derive_changes_what_is_given_and_keeps_the_rest() -> None:
    base = _Reply(name="fast")
    got = base.derive(within_hours=1)
    assert (got.name, got.within_hours, base.within_hours) == ("fast", 1, 2)
    assert type(got) is _Reply


def test_derive_validates_the_variant_naming_the_field() -> None:
    with pytest.raises(ValidationError) as err:
        _Reply(name="x").derive(within_hours="soon")
    assert err.value.errors()[0]["loc"] == ("within_hours",)
    with pytest.raises(ValidationError, match="within_hour"):
        _Reply(name="x").derive(within_hour=1)


def test_a_calendar_is_the_time_areas_policy() -> None:
    cal = WorkCalendar(name="office")
    assert isinstance(cal, Policy)
    derived = cal.derive(working_hours=["09:00-12:00"])
    assert derived.has_working_hours
    assert not cal.has_working_hours
    with pytest.raises(ValidationError, match="holiday and a make-up"):
        cal.derive(holidays=["2025-01-26"], makeup_working_days=["2025-01-26"])
