"""Hypothesis strategies for complaints and their histories (needs ``hypothesis``).

Re-exported by :mod:`propmgmt_rules.strategies`::

    from hypothesis import given
    from propmgmt_rules.strategies import complaints, complaint_histories

    @given(complaints())
    def test_my_desk(complaint): ...
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from ..time.strategies import aware_datetimes
from .models import (
    Cause,
    Channel,
    Complaint,
    ComplaintEvent,
    EventType,
    Intent,
    Severity,
    Topic,
)

__all__ = ["complaint_histories", "complaints"]

_SH = ZoneInfo("Asia/Shanghai")


def _maybe(strategy: st.SearchStrategy[object], missing: bool) -> st.SearchStrategy[object]:
    return st.one_of(st.none(), strategy) if missing else strategy


@st.composite
def complaints(
    draw: st.DrawFn,
    received: st.SearchStrategy[datetime] | None = None,
    missing_facts: bool = True,
    requested_times: bool = True,
) -> Complaint:
    """Valid complaints (official-calendar years 2024-2026 by default); with
    ``missing_facts`` some facts are left unrecorded."""
    at = draw(received if received is not None else aware_datetimes(
        min_value=datetime(2024, 1, 1), max_value=datetime(2026, 10, 31)))  # noqa: DTZ001
    m = missing_facts
    loss = draw(_maybe(st.sampled_from([Decimal("0"), Decimal("120.50"), Decimal("8000")]), m))
    data: dict[str, object] = {
        "id": f"C{draw(st.integers(1, 10**6))}",
        "received_at": at,
        "received_by": draw(_maybe(st.sampled_from(["Wang", "Li", "Zhang"]), m)),
        "channel": draw(_maybe(st.sampled_from(list(Channel)), m)),
        "about": draw(_maybe(st.sampled_from(list(Topic)), m)),
        "intent": draw(_maybe(st.sampled_from(list(Intent)), m)),
        "caused_by": draw(_maybe(st.sampled_from(list(Cause)), m)),
        "justified": draw(_maybe(st.booleans(), m)),
        "verified_by_authority": draw(_maybe(st.booleans(), m)),
        "promised_service_failed": draw(_maybe(st.booleans(), m)),
        "times_raised": draw(_maybe(st.integers(1, 5), m)),
        "loss_amount": loss,
        "major_loss": draw(st.one_of(st.none(), st.booleans())),
        "injury": draw(_maybe(st.booleans(), m)),
        "group": draw(st.booleans()),
        "forwarded_by_government": draw(st.booleans()),
        "answered_at_once": draw(_maybe(st.booleans(), m)),
        "assessed_severity": draw(st.one_of(st.none(), st.sampled_from(list(Severity)))),
    }
    if requested_times and draw(st.booleans()):
        data["requested_by"] = at + timedelta(hours=draw(st.integers(1, 200)))
        data["requested_time_reasonable"] = draw(_maybe(st.booleans(), m))
    if requested_times and draw(st.booleans()):
        data["expected_answer_at"] = at + timedelta(hours=draw(st.integers(0, 100)))
    return Complaint.model_validate(data)


_DONE = [t for t in EventType if t not in (EventType.PAUSED, EventType.EXTENSION_APPROVED,
                                           EventType.SEVERITY_CORRECTED)]


@st.composite
def complaint_histories(
    draw: st.DrawFn,
    complaint: Complaint,
    max_events: int = 8,
    corrections: bool = True,
    approvers: tuple[str, ...] = ("assistant", "office_director", "customer_service"),
) -> tuple[ComplaintEvent, ...]:
    """Histories after ``complaint``'s receipt (within ~45 days), in any order: done events,
    pauses (some still open, some overlapping), extensions and, with ``corrections``,
    severity corrections by the handler."""
    start = complaint.received_at
    n = draw(st.integers(0, max_events))
    events: list[ComplaintEvent] = []
    for _ in range(n):
        at = start + timedelta(minutes=draw(st.integers(0, 45 * 24 * 60)))
        kind = draw(st.sampled_from(["done", "done", "done", "pause", "extension", "correct"]))
        if kind == "done":
            events.append(ComplaintEvent(type=draw(st.sampled_from(_DONE)), at=at,
                                         by=draw(st.sampled_from(["Li", "Zhao", None]))))
        elif kind == "pause":
            end = draw(st.one_of(st.none(), st.integers(1, 5 * 24 * 60)))
            events.append(ComplaintEvent(
                type=EventType.PAUSED, at=at,
                end=None if end is None else at + timedelta(minutes=end)))
        elif kind == "extension":
            events.append(ComplaintEvent(
                type=EventType.EXTENSION_APPROVED, at=at, by=draw(st.sampled_from(approvers)),
                until=at + timedelta(hours=draw(st.integers(1, 240))),
                explained=draw(st.booleans())))
        elif corrections:
            events.append(ComplaintEvent(type=EventType.SEVERITY_CORRECTED, at=at,
                                         severity=draw(st.sampled_from(list(Severity)))))
    return tuple(draw(st.permutations(events)))
