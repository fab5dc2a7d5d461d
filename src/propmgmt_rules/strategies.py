"""Hypothesis strategies for users' own property-based tests (needs ``hypothesis``).

Every area's strategies, re-exported: ``from propmgmt_rules.strategies import work_calendars``.
"""

from .complaints.strategies import complaint_histories, complaints
from .ownership.strategies import registration_books
from .repairs.strategies import (
    completed_repairs,
    planning_instances,
    repair_requests,
    revisit_records,
    staff_members,
)
from .time.strategies import aware_datetimes, spans, work_calendars, working_periods

__all__ = [
    "aware_datetimes",
    "complaint_histories",
    "complaints",
    "completed_repairs",
    "planning_instances",
    "registration_books",
    "repair_requests",
    "revisit_records",
    "spans",
    "staff_members",
    "work_calendars",
    "working_periods",
]
