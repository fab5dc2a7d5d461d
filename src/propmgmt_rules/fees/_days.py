"""The day rules of catalog section 1 on a policy's calendar, memoized beside the policy.

Every fee deadline is the end (24:00) of a local day: the last day to pay a bill, a rung's
next day (`T-MONTHS`), an expiry (`T-MONTHS`), the reminder (`T-DAYS`), the summary day. The
time package computes each (:func:`~propmgmt_rules.time.deadline.deadline`,
:meth:`~propmgmt_rules.time.calendar.WorkCalendar.end_of_day`); this module only remembers
the answers per (day, span): a million owners' monthly bills share a few dozen days.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from ..time.calendar import WorkCalendar
from ..time.deadline import deadline
from ..time.span import Span
from .policy import FeePolicy

__all__ = ["DayRules", "day_rules"]

_ONE_DAY: Final = timedelta(days=1)
_MEMO_LIMIT: Final = 200_000  # entries kept before the memo starts afresh (bounded memory)


class DayRules:
    """End of a local day, and the last day and deadline of a day or month span from a day."""

    __slots__ = ("_after", "_ends", "calendar", "tz")

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.tz: tzinfo = calendar.tz
        self._ends: dict[date, datetime] = {}
        self._after: dict[tuple[date, Span], tuple[date, datetime]] = {}

    def end_of_day(self, day: date) -> datetime:
        """24:00 of local ``day``."""
        got = self._ends.get(day)
        if got is None:
            if len(self._ends) > _MEMO_LIMIT:
                self._ends.clear()
            got = self._ends[day] = self.calendar.end_of_day(day)
        return got

    def start_of_day(self, day: date) -> datetime:
        """00:00 of local ``day`` (the end of the day before)."""
        return self.end_of_day(day - _ONE_DAY)

    def after(self, day: date, span: Span) -> tuple[date, datetime]:
        """The last day and the deadline (24:00 of it) of a day or month ``span`` counted
        from local ``day`` (the start day not counted: `T-DAYS`, `T-MONTHS`)."""
        key = (day, span)
        got = self._after.get(key)
        if got is None:
            if len(self._after) > _MEMO_LIMIT:
                self._after.clear()
            due = deadline(self.start_of_day(day), span, self.calendar)
            got = self._after[key] = (due.astimezone(self.tz).date() - _ONE_DAY, due)
        return got

    def local_date(self, instant: datetime) -> date:
        """The local date of an aware instant."""
        return instant.astimezone(self.tz).date()


def day_rules(policy: FeePolicy) -> DayRules:
    """The policy's day rules (one per policy object, kept in its memo)."""
    memo = policy.memo
    got = memo.get("days")
    if got is None:
        got = memo["days"] = DayRules(policy.work_calendar)
    assert isinstance(got, DayRules)
    return got
