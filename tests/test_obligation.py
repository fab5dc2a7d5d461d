"""One obligation status for complaints, repairs and fees (issue 12): its standing follows
catalog §1, "an action at instant x meets a deadline d iff x <= d", at ``as_of``."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from propmgmt_rules.obligation import (
    ObligationState,
    ObligationStatus,
    obligation_schema,
    obligation_status,
    obligation_text,
)
from propmgmt_rules.render import Text

SH = ZoneInfo("Asia/Shanghai")
DUE = datetime(2025, 3, 10, 11, 0, tzinfo=SH)
DUTY = Text("reply to the resident", "答复业主")
WHO = Text("customer service", "客服人员")


def _ob(done_at: datetime | None, as_of: datetime | None, due: datetime | None = DUE
        ) -> ObligationStatus:
    return obligation_status("reply", ("SQ-A",), DUTY, "customer_service", WHO, due=due,
                             done_at=done_at, as_of=as_of)


def test_done_at_the_deadline_is_met_one_microsecond_later_is_breached() -> None:
    after = DUE + timedelta(hours=1)
    assert _ob(DUE, after).state is ObligationState.MET
    assert _ob(DUE, after).slack == timedelta(0)
    late = _ob(DUE + timedelta(microseconds=1), after)
    assert late.state is ObligationState.BREACHED
    assert late.late_by == timedelta(microseconds=1)


def test_an_action_after_as_of_has_not_happened_yet() -> None:
    ob = _ob(DUE - timedelta(minutes=5), DUE - timedelta(minutes=30))
    assert ob.state is ObligationState.PENDING
    assert ob.done_at is None
    assert ob.remaining == timedelta(minutes=30)


def test_without_as_of_every_fact_counts_and_an_open_obligation_is_pending() -> None:
    assert _ob(None, None).state is ObligationState.PENDING
    assert _ob(None, None).remaining is None
    assert _ob(DUE + timedelta(hours=2), None).late_by == timedelta(hours=2)


def test_without_a_deadline_it_is_met_once_done_else_pending() -> None:
    assert _ob(None, DUE, due=None).state is ObligationState.PENDING
    assert _ob(DUE, DUE, due=None).state is ObligationState.MET
    assert _ob(DUE, DUE - timedelta(1), due=None).state is ObligationState.PENDING


instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 12, 31),
                        timezones=st.just(SH))


@given(instants, st.none() | instants, instants)
def test_the_standing_measures_the_distance_to_the_deadline(
        due: datetime, done_at: datetime | None, as_of: datetime) -> None:
    ob = _ob(done_at, as_of, due)
    done = done_at is not None and done_at <= as_of
    if done:
        assert done_at is not None
        assert ob.state is (ObligationState.MET if done_at <= due else ObligationState.BREACHED)
    else:
        assert ob.state is (ObligationState.BREACHED if as_of > due else ObligationState.PENDING)
    measures = [m for m in (ob.late_by, ob.remaining, ob.slack) if m is not None]
    assert len(measures) == 1
    assert (ob.late_by is not None) == (ob.state is ObligationState.BREACHED)
    assert (ob.remaining is not None) == (ob.state is ObligationState.PENDING)


def test_the_sentence_names_who_what_when_where_it_stands_and_the_rules() -> None:
    ob = _ob(None, DUE + timedelta(days=1, hours=9))
    assert obligation_text(ob) == Text(
        "Customer service: reply to the resident, due Mon 10 Mar 2025 11:00: breached (SQ-A).",
        "客服人员:答复业主,期限2025年3月10日(周一)11:00:已逾期(SQ-A)。")
    assert obligation_text(ob, distance=True).en.endswith("breached, 1 day 9 h late (SQ-A).")
    done = _ob(DUE - timedelta(hours=2), DUE)
    assert obligation_text(done, distance=True).zh == (
        "客服人员:答复业主,期限2025年3月10日(周一)11:00,完成于2025年3月10日(周一)09:00:"
        "已按时完成,提前2小时(SQ-A)。")
    assert obligation_text(_ob(None, DUE, due=None)).en == (
        "Customer service: reply to the resident, no deadline can be set: pending (SQ-A).")


def test_it_serialises_and_validates_by_its_schema() -> None:
    ob = _ob(DUE - timedelta(hours=2), DUE)
    adapter = TypeAdapter(ObligationStatus)
    data = adapter.dump_json(ob)
    assert adapter.validate_json(data) == ob
    schema = obligation_schema()
    assert set(schema["properties"]) == set(ObligationStatus.__dataclass_fields__)
    assert schema["properties"]["state"]["$ref"].endswith("ObligationState")


def test_it_is_a_slotted_record() -> None:
    with pytest.raises(AttributeError):
        _ob(None, None).colour = "red"  # type: ignore[attr-defined]
