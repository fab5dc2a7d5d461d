"""What the time area answers: an obligation's standing, and the explained deadline.

The facts in are instants, :class:`~propmgmt_rules.time.span.Span` s and a
:class:`~propmgmt_rules.time.calendar.WorkCalendar` (the area's settings, or a preset's name:
:data:`CalendarLike`); the answers out are an instant (:func:`~propmgmt_rules.time.deadline`),
a :class:`DeadlineStatus`, or a :class:`DeadlineDecision`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict

from .._build import StringEnum
from ..decision import Decision
from .calendar import WorkCalendar
from .span import Span

__all__ = ["CalendarLike", "DeadlineDecision", "DeadlineOutcome", "DeadlineStatus",
           "ObligationState"]

CalendarLike = WorkCalendar | str
"""A calendar argument: a :class:`WorkCalendar` or a preset's name (``"china-official"``)."""


class ObligationState(StringEnum):  # written as the string it is
    """Where an obligation with a deadline stands at an instant."""

    MET = "met"
    BREACHED = "breached"
    PENDING = "pending"


@dataclass(frozen=True, slots=True, init=False)
class DeadlineStatus:
    """An obligation's standing at ``as_of``.

    ``remaining`` is the time left while pending; ``late_by`` how far past the deadline a
    breached obligation is (done late, or still open after the deadline); ``slack`` how early
    a met obligation was done.
    """

    state: ObligationState
    due: datetime
    done_at: datetime | None
    as_of: datetime
    remaining: timedelta | None = None
    late_by: timedelta | None = None
    slack: timedelta | None = None

    def __init__(self, state: ObligationState, due: datetime, done_at: datetime | None,
                 as_of: datetime, remaining: timedelta | None = None,
                 late_by: timedelta | None = None, slack: timedelta | None = None) -> None:
        # the slots set by their descriptors: a frozen dataclass's own __init__ sets each
        # through object.__setattr__, about 2.5 times the cost (a standing is made for every
        # obligation of every decision)
        _STATE(self, state)
        _DUE(self, due)
        _DONE_AT(self, done_at)
        _AS_OF(self, as_of)
        _REMAINING(self, remaining)
        _LATE_BY(self, late_by)
        _SLACK(self, slack)


_STATE, _DUE, _DONE_AT, _AS_OF, _REMAINING, _LATE_BY, _SLACK = (
    DeadlineStatus.__dict__[n].__set__
    for n in ("state", "due", "done_at", "as_of", "remaining", "late_by", "slack"))


class DeadlineOutcome(BaseModel):
    """The outcome of :func:`~propmgmt_rules.time.explain_deadline`. For a span counted
    backwards (`T-BEFORE`), ``start`` is the target and ``due`` the latest instant to act."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: AwareDatetime
    span: Span
    due: AwareDatetime
    last_day: date | None = None
    rest_days_skipped: tuple[date, ...] = ()
    done_at: AwareDatetime | None = None
    met: bool | None = None


class DeadlineDecision(Decision):
    """A deadline with the `T-` rules that produced it and its explanation."""

    outcome: DeadlineOutcome
