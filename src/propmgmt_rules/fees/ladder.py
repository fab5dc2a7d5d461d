"""`VK-FEE`, the ladder: each rung's last action and when the next falls due.

While an owner is in arrears, each rung's action (a notice every month, a phone reminder
every two months, a visit every quarter, a lawyer's letter every half year, a suit every
year, as the policy lists them) falls due one interval (`T-MONTHS`) after the oldest unpaid
bill's last day to pay, and again one interval after the rung's last action recorded since
the arrears began (an earlier action chased earlier arrears). The next action is owed by the
end (24:00) of the day it falls due: that day it is due, after it overdue.

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.fees.presets import VK
>>> from propmgmt_rules.fees._days import day_rules
>>> sh = ZoneInfo("Asia/Shanghai")
>>> start = day_rules(VK).end_of_day(date(2025, 1, 31))   # B1's last day to pay has ended
>>> steps = rungs(VK.collection, day_rules(VK), date(2025, 1, 31), start, [],
...               datetime(2025, 3, 10, tzinfo=sh))
>>> [(s.rung.action.value, s.last_day.isoformat(), s.state.value) for s in steps[:3]]
[('notice', '2025-02-28', 'overdue'), ('phone', '2025-03-31', 'not_due'),
 ('visit', '2025-04-30', 'not_due')]
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from ._days import DayRules
from .models import ActionKind, CollectionAction, RungState
from .policy import CollectionSettings, Rung

__all__ = ["RungStep", "rungs"]


class RungStep(NamedTuple):
    """A rung at an instant: its last action in the current arrears (None: none yet), the day
    the next falls due and its deadline (24:00 of that day), and its state."""

    rung: Rung
    last: CollectionAction | None
    last_day: date | None
    next_due: datetime | None
    state: RungState


def rungs(settings: CollectionSettings, days: DayRules, oldest_due: date | None,
          arrears_since: datetime | None, actions: Sequence[CollectionAction],
          as_of: datetime) -> list[RungStep]:
    """Every rung of ``settings`` at ``as_of``. ``oldest_due`` is the oldest unpaid bill's
    last day to pay and ``arrears_since`` its end (None for both: no arrears, every rung
    clear); ``actions`` are those up to ``as_of``, in time order."""
    if oldest_due is None or arrears_since is None:
        return [RungStep(r, None, None, None, RungState.CLEAR) for r in settings.rungs]
    last: dict[ActionKind, CollectionAction] = {}
    for a in actions:
        if a.at > arrears_since:
            last[a.kind] = a
    out: list[RungStep] = []
    for rung in settings.rungs:
        done = last.get(rung.action)
        anchor = oldest_due if done is None else days.local_date(done.at)
        last_day, due = days.after(anchor, rung.every)
        if as_of > due:
            state = RungState.OVERDUE
        elif as_of >= days.start_of_day(last_day):
            state = RungState.DUE
        else:
            state = RungState.NOT_DUE if done is None else RungState.DONE
        out.append(RungStep(rung, done, last_day, due, state))
    return out
