"""Hostile input through the main API entry points (issue 10, "What must show").

Every entry point (``time.deadline``, ``explain_deadline``, ``status_at``, ownership
``decide_ownership`` / ``split_commission`` / ``settle`` / ``rotate``, complaints
``classify`` / ``obligations`` / ``status`` / ``evaluate_many``, repairs ``intake`` /
``revisit_due`` / ``plan_revisits`` / ``quota_check``, ...) is called with valid arguments
but one replaced by a hostile value: each value of a family of the shared corpus (wrong
types, extreme magnitudes and instants, pathological strings, path-like zone names,
inverted periods, empty ids: ``tests/hostile/corpus.py``), then values drawn by hypothesis.
The call decides, or raises ``InputError`` naming a field or pydantic's ``ValidationError``;
never another exception, never a file read (``support.misbehaviour``). No time limits here:
``benchmarks/fuzz.py`` runs the same corpus with one.

Groups that currently fail are strict expected failures citing the defect (``known.py``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from .corpus import HUGE_RANGE, api_call, entries
from .known import API, xfail
from .support import misbehaviour

TABLE = entries()
GROUPS = [(entry, arg, family) for entry in sorted(TABLE) for arg in sorted(TABLE[entry][2])
          for family in sorted(TABLE[entry][2][arg])]


def _param(*key: str, known: dict[Any, str]) -> Any:
    marks = [xfail(known[key])] if key in known else []
    return pytest.param(*key, id="-".join(key), marks=marks)


@pytest.mark.parametrize(("entry", "arg", "family"), [_param(*g, known=API) for g in GROUPS])
def test_every_hostile_value_decides_or_raises_a_clear_error(entry: str, arg: str,
                                                             family: str) -> None:
    values = [v for v in TABLE[entry][2][arg][family] if v is not HUGE_RANGE]
    wrong = [f"{v!r:.60}: {m}" for v in values
             if (m := misbehaviour(api_call(entry, {arg: v}).call)) is not None]
    assert wrong == []


# -- values drawn by hypothesis -------------------------------------------------------------

_zones = st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12)),
                          timezone(timedelta(hours=23, minutes=59))]) | st.timezones()
RANDOM = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.binary(max_size=20),
    st.datetimes(timezones=st.none() | _zones),
    st.dates(),
    st.lists(st.integers() | st.text(max_size=5), max_size=4),
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
)
"""Any value at all: no argument of the API should crash on it."""

RANDOM_KNOWN: dict[tuple[str, str], str] = {}
"""The (entry, argument) pairs that some random value currently breaks."""

ARGS = [(entry, arg) for entry in sorted(TABLE) for arg in sorted(TABLE[entry][2])]


@pytest.mark.parametrize(("entry", "arg"), [_param(*a, known=RANDOM_KNOWN) for a in ARGS])
@settings(max_examples=40, derandomize=True, database=None, phases=[Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])  # no shrinking: many are known
@given(value=RANDOM)
def test_any_value_decides_or_raises_a_clear_error(entry: str, arg: str, value: Any) -> None:
    assert misbehaviour(api_call(entry, {arg: value}).call) is None


def test_the_corpus_covers_the_entry_points_the_issue_names() -> None:
    named = {"time.deadline", "time.explain_deadline", "time.status_at",
             "ownership.decide_ownership", "ownership.split_commission", "ownership.settle",
             "ownership.rotate", "complaints.classify", "complaints.obligations",
             "complaints.status", "complaints.evaluate_many", "repairs.intake",
             "repairs.revisit_due", "repairs.plan_revisits", "repairs.quota_check"}
    assert named <= set(TABLE)


def test_the_misbehaviour_check_can_fail() -> None:
    def crash() -> None:
        raise KeyError("x")

    def reads() -> None:
        with open(__file__, encoding="utf-8") as f:
            f.read(1)

    assert "KeyError" in (misbehaviour(crash) or "")
    assert "opened" in (misbehaviour(reads) or "")
    assert misbehaviour(lambda: Decimal(1)) is None
    assert misbehaviour(lambda: datetime(2025, 1, 1)) is None
