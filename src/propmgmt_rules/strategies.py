"""Hypothesis strategies for users' own property-based tests (needs ``hypothesis``).

Every area's strategies, re-exported: ``from propmgmt_rules.strategies import work_calendars``.
"""

from .ownership.strategies import registration_books
from .time.strategies import aware_datetimes, spans, work_calendars, working_periods

__all__ = [
    "aware_datetimes",
    "registration_books",
    "spans",
    "work_calendars",
    "working_periods",
]
