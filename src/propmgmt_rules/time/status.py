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

from datetime import datetime, timedelta
from typing import Final

from .calendar import require_aware
from .models import DeadlineStatus, ObligationState

__all__ = ["met", "standing", "status_at"]


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
    if done_at is not None:
        require_aware(done_at, "done_at")
    state, done, remaining, late_by, slack = standing(due, done_at, as_of)
    return DeadlineStatus(state, due, done, as_of, remaining, late_by, slack)


_ZERO: Final = timedelta(0)
_MET: Final = ObligationState.MET
_BREACHED: Final = ObligationState.BREACHED
_PENDING: Final = ObligationState.PENDING


def standing(due: datetime, done_at: datetime | None, as_of: datetime | None
             ) -> tuple[ObligationState, datetime | None, timedelta | None, timedelta | None,
                        timedelta | None]:
    """:func:`status_at`'s answer as ``(state, done_at, remaining, late_by, slack)``, of
    instants known to be aware (nothing is checked): the one rule, for :func:`status_at` and
    for the engines' obligations (:func:`~propmgmt_rules.obligation.obligation_status`).
    ``done_at`` is None when the action had not happened at ``as_of``; with ``as_of`` None
    every fact counts, and an obligation not done is pending with no time left measured.

    Each distance is worked out once and its sign decides: comparing two aware instants of
    different ``tzinfo`` objects asks both for their offset, as their difference does (about
    4,000 instructions either way), and ``x <= d`` exactly when ``d - x`` is not negative
    (both exact to the microsecond, the offsets applied, or both ignoring them for one
    ``tzinfo`` object).

    >>> from datetime import datetime, timezone
    >>> due = datetime(2025, 1, 2, tzinfo=timezone.utc)
    >>> standing(due, due, datetime(2025, 1, 3, tzinfo=timezone.utc))[0]
    <ObligationState.MET: 'met'>
    """
    if done_at is not None and (as_of is None or done_at <= as_of):  # it happened
        d = due - done_at
        if d >= _ZERO:
            return _MET, done_at, None, None, d
        return _BREACHED, done_at, None, -d, None
    if as_of is None:
        return _PENDING, None, None, None, None
    d = due - as_of
    if d < _ZERO:
        return _BREACHED, None, None, -d, None
    return _PENDING, None, d, None, None


def met(due: datetime, *, done_at: datetime) -> bool:
    """Whether an action at ``done_at`` met the deadline ``due``: ``done_at <= due``.

    >>> from datetime import datetime, timedelta, timezone
    >>> due = datetime(2025, 1, 1, tzinfo=timezone.utc)
    >>> met(due, done_at=due), met(due, done_at=due + timedelta(microseconds=1))
    (True, False)
    """
    return require_aware(done_at, "done_at") <= require_aware(due, "due")
