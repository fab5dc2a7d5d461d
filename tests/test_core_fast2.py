"""The shared core's cheaper paths, second round (issue 12, core2): each gives what the path
it replaces gave, field by field (the straightforward code kept here as the reference)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from pydantic_core import TzInfo

from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.cli import _example_files, _json_bytes
from propmgmt_rules.errors import InputError
from propmgmt_rules.obligation import ObligationStatus, obligation_status
from propmgmt_rules.render import Text
from propmgmt_rules.time.models import DeadlineStatus, ObligationState
from propmgmt_rules.time.status import standing, status_at
from propmgmt_rules.validation import parse_json

# -- an obligation's standing, each distance worked out once (time/status.py: standing) ------

_ZONES = st.sampled_from([ZoneInfo("Asia/Shanghai"), ZoneInfo("Europe/Berlin"),
                          ZoneInfo("America/New_York"), UTC,
                          timezone(timedelta(hours=8)), TzInfo(28800), TzInfo(-18000)])
_INSTANTS = st.builds(lambda at, tz, fold: at.replace(tzinfo=tz, fold=fold),
                      st.datetimes(min_value=datetime(2020, 1, 1),
                                   max_value=datetime(2030, 1, 1)),
                      _ZONES, st.integers(0, 1))
_NEAR = st.timedeltas(min_value=timedelta(hours=-3), max_value=timedelta(hours=3))


def _status_before(due: datetime, done_at: datetime | None, as_of: datetime) -> DeadlineStatus:
    """status_at as main 33714f3 wrote it (its checks aside: the instants are aware)."""
    if done_at is not None and done_at <= as_of:
        if done_at <= due:
            return DeadlineStatus(ObligationState.MET, due, done_at, as_of, slack=due - done_at)
        return DeadlineStatus(ObligationState.BREACHED, due, done_at, as_of,
                              late_by=done_at - due)
    if as_of > due:
        return DeadlineStatus(ObligationState.BREACHED, due, None, as_of, late_by=as_of - due)
    return DeadlineStatus(ObligationState.PENDING, due, None, as_of, remaining=due - as_of)


def _obligation_before(due: datetime | None, done_at: datetime | None,
                       as_of: datetime | None) -> ObligationStatus:
    """obligation_status as main 33714f3 wrote it."""
    if as_of is not None and done_at is not None and done_at > as_of:
        done_at = None
    late_by = remaining = slack = None
    if due is None:
        state = ObligationState.PENDING if done_at is None else ObligationState.MET
    elif as_of is not None:
        s = _status_before(due, done_at, as_of)
        state, late_by, remaining, slack = s.state, s.late_by, s.remaining, s.slack
    elif done_at is None:
        state = ObligationState.PENDING
    elif done_at <= due:
        state, slack = ObligationState.MET, due - done_at
    else:
        state, late_by = ObligationState.BREACHED, done_at - due
    return ObligationStatus("k", ("R",), _DUTY, "staff", _STAFF, (), None, None, due, done_at,
                            state, late_by, remaining, slack)


_DUTY, _STAFF = Text("reply", "答复"), Text("staff", "员工")


@given(due=_INSTANTS, done=st.none() | _NEAR, as_of=_NEAR, done_zone=_ZONES,
       as_of_zone=_ZONES)
def test_a_standing_is_what_status_at_gave_before(due: datetime, done: timedelta | None,
                                                  as_of: timedelta, done_zone: object,
                                                  as_of_zone: object) -> None:
    # instants near one another, in any zones (a distance's sign decides where a comparison
    # did: the same answer across zones, folds and one tzinfo object alike)
    done_at = None if done is None else (due + done).astimezone(done_zone)  # type: ignore[arg-type]
    at = (due + as_of).astimezone(as_of_zone)  # type: ignore[arg-type]
    for d, a in ((done_at, at), (done_at, due), (due, at), (due, due)):
        got, want = status_at(due, d, a), _status_before(due, d, a)
        assert got == want
        assert (got.state, got.done_at, got.remaining, got.late_by, got.slack) == \
            standing(due, d, a)
        assert repr(got) == repr(want)


@given(due=st.none() | _INSTANTS, done=st.none() | _NEAR, as_of=st.none() | _NEAR,
       zone=_ZONES)
def test_an_obligation_stands_as_it_stood_before(due: datetime | None, done: timedelta | None,
                                                 as_of: timedelta | None,
                                                 zone: object) -> None:
    base = due if due is not None else datetime(2025, 3, 5, 10, tzinfo=UTC)
    done_at = None if done is None else (base + done).astimezone(zone)  # type: ignore[arg-type]
    at = None if as_of is None else (base + as_of).astimezone(zone)  # type: ignore[arg-type]
    got = obligation_status("k", ("R",), _DUTY, "staff", _STAFF, due=due, done_at=done_at,
                            as_of=at)
    assert got == _obligation_before(due, done_at, at)
    assert repr(got) == repr(_obligation_before(due, done_at, at))


# -- the command line's JSON Lines (cli._json_bytes: the serialiser called directly) ---------


def _example_decisions() -> list[Any]:
    """Every bundled example's decisions (every area's kinds of decision)."""
    out: list[Any] = []
    for name, kind in CASE_KINDS.items():
        for path, data in _example_files(name):
            texts = data.splitlines() if path.endswith(".jsonl") else [data]
            for text in texts:
                if not text.strip():
                    continue
                raw = parse_json(text)
                for case in raw if isinstance(raw, list) else [raw]:
                    try:
                        out.extend(kind.evaluate(kind.model.model_validate(case)))
                    except (ValidationError, InputError):
                        continue  # the examples' invalid cases
    return out


def test_json_lines_are_each_decisions_json_and_a_newline() -> None:
    decisions = _example_decisions()
    assert len({type(d) for d in decisions}) > 5
    for chosen in ([], decisions[:1], decisions[:2], decisions, tuple(decisions[:3])):
        want = b"".join(d.to_json_bytes() + b"\n" for d in chosen)
        assert _json_bytes(chosen) == want  # type: ignore[arg-type]
