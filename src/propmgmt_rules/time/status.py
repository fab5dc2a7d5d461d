"""Where an obligation stands: met, breached or pending at an instant (catalog §1: an
action at instant x meets a deadline d iff x <= d).

>>> from datetime import datetime, timezone
>>> due = datetime(2025, 1, 2, tzinfo=timezone.utc)
>>> status_at(due, None, datetime(2025, 1, 1, 22, tzinfo=timezone.utc)).remaining
datetime.timedelta(seconds=7200)
>>> met(due, done_at=due), met(due, done_at=datetime(2025, 1, 2, 0, 1, tzinfo=timezone.utc))
(True, False)
"""

from __future__ import annotations

from datetime import datetime

from .calendar import require_aware
from .models import DeadlineStatus, ObligationState

__all__ = ["met", "status_at"]


def status_at(due: datetime, done_at: datetime | None, as_of: datetime) -> DeadlineStatus:
    """The standing at ``as_of`` of an obligation due at ``due`` and done at ``done_at``
    (None: not done).

    An action after ``as_of`` has not happened yet at ``as_of``. Once breached, an obligation
    stays breached at every later instant.

    >>> from datetime import datetime, timezone
    >>> due = datetime(2025, 1, 2, tzinfo=timezone.utc)
    >>> status_at(due, None, datetime(2025, 1, 2, 1, tzinfo=timezone.utc)).state
    <ObligationState.BREACHED: 'breached'>
    """
    require_aware(due, "due")
    require_aware(as_of, "as_of")
    if done_at is not None and require_aware(done_at, "done_at") <= as_of:
        if done_at <= due:
            return DeadlineStatus(ObligationState.MET, due, done_at, as_of, slack=due - done_at)
        return DeadlineStatus(
            ObligationState.BREACHED, due, done_at, as_of, late_by=done_at - due
        )
    if as_of > due:
        return DeadlineStatus(ObligationState.BREACHED, due, None, as_of, late_by=as_of - due)
    return DeadlineStatus(ObligationState.PENDING, due, None, as_of, remaining=due - as_of)


def met(due: datetime, *, done_at: datetime) -> bool:
    """Whether an action at ``done_at`` met the deadline ``due``: ``done_at <= due``.

    >>> from datetime import datetime, timedelta, timezone
    >>> due = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> met(due, done_at=due), met(due, done_at=due + timedelta(microseconds=1))
    (True, False)
    """
    return require_aware(done_at, "done_at") <= require_aware(due, "due")
