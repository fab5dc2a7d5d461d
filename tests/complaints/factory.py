"""Complaints and instants for the complaint tests: every fact recorded unless a test drops it."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, settings

from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    Complaint,
    ComplaintEvent,
    ComplaintPolicy,
    ComplaintStatusDecision,
    ObligationStatus,
    status,
)
from propmgmt_rules.errors import InputError

SH = ZoneInfo("Asia/Shanghai")

POLICIES = [PROCEDURE_5, NANJING]
"""The two source policies the properties run under."""
FEW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Moderate example counts for the properties: the machine is shared."""


def status_or_skip(c: Complaint, h: tuple[ComplaintEvent, ...], as_of: datetime,
                   policy: ComplaintPolicy) -> ComplaintStatusDecision | None:
    """:func:`status`, or None for a history the policy refuses as bad input (e.g. a reply
    after the handling under the Nanjing plan)."""
    try:
        return status(c, h, as_of=as_of, policy=policy)
    except InputError:
        return None


def at(*args: int) -> datetime:
    """A Shanghai instant: at(2025, 3, 7, 19, 30)."""
    return datetime(*args, tzinfo=SH)  # type: ignore[misc]


BASE: dict[str, Any] = {
    "id": "C1",
    "received_at": at(2025, 3, 3, 10),  # a Monday
    "received_by": "Wang",
    "channel": "visit",
    "about": "lift",
    "intent": "help",
    "caused_by": "company_facilities",
    "justified": True,
    "verified_by_authority": False,
    "promised_service_failed": False,
    "times_raised": 1,
    "loss_amount": "0",
    "injury": False,
}

MINOR: dict[str, Any] = {}
IMPORTANT: dict[str, Any] = {"caused_by": "company_staff", "about": "staff_attitude",
                             "intent": "venting"}
MAJOR: dict[str, Any] = {"caused_by": "company_staff", "injury": True}


def complaint(**changes: Any) -> Complaint:
    """The base complaint (a minor lift complaint, every fact recorded) with ``changes``;
    a change to None drops the fact."""
    data = {**BASE, **changes}
    return Complaint.model_validate({k: v for k, v in data.items() if v is not None})


def event(type: str, when: datetime, **extra: Any) -> ComplaintEvent:
    return ComplaintEvent.model_validate({"type": type, "at": when, **extra})


def by_kind(obligations: tuple[ObligationStatus, ...] | tuple[Any, ...]) -> dict[str, Any]:
    return {o.key: o for o in obligations}
