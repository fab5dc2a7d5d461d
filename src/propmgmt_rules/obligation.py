"""One obligation status for every area: who owes what, by when, and where it stands.

Complaints, repairs and fees all report obligations (a reply due in 2 hours, a revisit within
3 working days, the month's bills by the 1st). :class:`ObligationStatus` is their one type:
stable machine keys (``key``, ``owed_by``: a role key of the policy) for programs, bilingual
:class:`~propmgmt_rules.render.Text` (``duty``, ``owed_by_name``) for people, the rules that
impose it, and its standing at ``as_of`` (:class:`~propmgmt_rules.time.ObligationState`) from
the time package's one :func:`~propmgmt_rules.time.status_at`. It is a slotted dataclass,
cheap to build by the million; :func:`obligation_status` builds one, :func:`obligation_text`
writes its sentence, :func:`obligation_schema` gives its JSON Schema.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> ob = obligation_status(
...     "reply", ("SQ-A",), Text("reply to the resident", "答复业主"),
...     "customer_service", Text("customer service", "客服人员"),
...     due=datetime(2025, 3, 10, 11, 0, tzinfo=sh), done_at=None,
...     as_of=datetime(2025, 3, 10, 9, 30, tzinfo=sh))
>>> ob.state.value, ob.remaining
('pending', datetime.timedelta(seconds=5400))
>>> print(obligation_text(ob).en)
Customer service: reply to the resident, due Mon 10 Mar 2025 11:00: pending (SQ-A).
>>> print(obligation_text(ob).zh)
客服人员:答复业主,期限2025年3月10日(周一)11:00:待完成(SQ-A)。
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any, Final

from pydantic import TypeAdapter

from .render import Text, duration_text
from .time.models import ObligationState
from .time.phrasing import instant_text
from .time.status import standing

__all__ = ["ObligationState", "ObligationStatus", "obligation_schema", "obligation_status",
           "obligation_text"]


@dataclass(slots=True)
class ObligationStatus:
    """One obligation and where it stands at ``as_of`` (a plain slotted record, not frozen,
    for speed: treat it as read-only; a bulk engine may build it positionally, in the order
    of its fields, which is a keyword call's cost divided by about 2.5).

    * ``key``: its stable machine key (``reply``, ``revisit``, ``2025-03:bills``);
    * ``rules``: the catalog rules that impose it; ``duty``: what is owed, in both languages;
    * ``owed_by``: the stable key of who owes it (a role of the policy), ``owed_by_name``
      how people read it; ``to``: the roles it is owed to; ``person``: who, when known;
    * ``start``: the instant it is counted from; ``due``: the deadline in force (``None``
      when the rules set none, or the event it is counted from has not happened:
      ``waiting_for`` names that event); ``done_at``: when it was done (at or before
      ``as_of``);
    * ``state``: met, breached or pending; ``late_by`` (breached), ``remaining`` (pending)
      and ``slack`` (met) measure the distance to ``due``, or for an obligation breached
      under an earlier deadline, to ``breached_due``; ``original_due``: the first plan's
      deadline when it moved (an extension, a pause, a re-plan); ``paused``: its clock is
      stopped at ``as_of``; ``approval_needed``: the role whose approval a late completion
      needs.
    """

    key: str
    rules: tuple[str, ...]
    duty: Text
    owed_by: str
    owed_by_name: Text
    to: tuple[str, ...] = ()
    person: str | None = None
    start: datetime | None = None
    due: datetime | None = None
    done_at: datetime | None = None
    state: ObligationState = ObligationState.PENDING
    late_by: timedelta | None = None
    remaining: timedelta | None = None
    slack: timedelta | None = None
    original_due: datetime | None = None
    breached_due: datetime | None = None
    paused: bool = False
    approval_needed: str | None = None
    waiting_for: str | None = None


_MET: Final = ObligationState.MET
_BREACHED: Final = ObligationState.BREACHED
_PENDING: Final = ObligationState.PENDING


def obligation_status(key: str, rules: tuple[str, ...], duty: Text, owed_by: str,
                      owed_by_name: Text, *, due: datetime | None,
                      done_at: datetime | None = None, as_of: datetime | None = None,
                      start: datetime | None = None, to: tuple[str, ...] = (),
                      person: str | None = None) -> ObligationStatus:
    """An obligation and its standing: with ``as_of``, :func:`~propmgmt_rules.time.status_at`
    (an action after ``as_of`` has not happened yet); without it every fact counts and an
    obligation not done is pending. With no ``due`` it is met once done, else pending.

    The values are the engine's, already validated (nothing is checked here: it runs once
    per obligation of a bulk run); the standing is :func:`~propmgmt_rules.time.status.standing`,
    the rule :func:`~propmgmt_rules.time.status_at` answers with (no ``DeadlineStatus`` made and
    unpacked, no instant checked to be aware again).
    """
    if due is not None:  # the time package's one rule, of instants validated already
        state, done_at, remaining, late_by, slack = standing(due, done_at, as_of)
    else:
        if as_of is not None and done_at is not None and done_at > as_of:
            done_at = None
        state = _PENDING if done_at is None else _MET
        late_by = remaining = slack = None
    # positionally, in the order of the fields (a keyword call costs about 2.5 times more)
    return ObligationStatus(key, rules, duty, owed_by, owed_by_name, to, person, start, due,
                            done_at, state, late_by, remaining, slack)


_STATE: Final = {
    _MET: Text("met", "已按时完成"),
    _BREACHED: Text("breached", "已逾期"),
    _PENDING: Text("pending", "待完成"),
}


def obligation_text(ob: ObligationStatus, zone: tzinfo | None = None, *,
                    distance: bool = False) -> Text:
    """The sentence of an obligation: who owes what by when, and where it stands, with the
    rules that impose it (instants in ``zone``, default their own, with the year). With
    ``distance``, how early, how late or how long is left, too.

    >>> from datetime import datetime, timezone
    >>> ob = obligation_status("bills", ("SQ-FEES",), Text("make the bills", "完成账单制作"),
    ...                        "collection", Text("the collection department", "收款部门"),
    ...                        due=datetime(2025, 4, 1, tzinfo=timezone.utc),
    ...                        as_of=datetime(2025, 4, 2, 9, tzinfo=timezone.utc))
    >>> print(obligation_text(ob, distance=True).en)  # doctest: +NORMALIZE_WHITESPACE
    The collection department: make the bills, due Mon 31 Mar 2025 24:00: breached,
    1 day 9 h late (SQ-FEES).
    """
    state = _STATE[ob.state]
    rules = ", ".join(ob.rules)
    rules_zh = ",".join(ob.rules)
    if ob.due is None:
        due = Text("no deadline can be set", "无法确定期限")
    else:
        at = instant_text(ob.due, zone, year=True)
        due = Text(f"due {at.en}", f"期限{at.zh}")
    done = Text("", "")
    if ob.done_at is not None:
        at = instant_text(ob.done_at, zone, year=True)
        done = Text(f", done {at.en}", f",完成于{at.zh}")
    how = Text("", "")
    if distance:
        if ob.late_by is not None:
            d = duration_text(ob.late_by)
            how = Text(f", {d.en} late", f",逾期{d.zh}")
        elif ob.remaining is not None:
            d = duration_text(ob.remaining)
            how = Text(f", {d.en} left", f",剩余{d.zh}")
        elif ob.slack is not None and ob.slack:
            d = duration_text(ob.slack)
            how = Text(f", {d.en} early", f",提前{d.zh}")
    who = ob.owed_by_name.en
    return Text(
        f"{who[:1].upper()}{who[1:]}: {ob.duty.en}, {due.en}{done.en}: {state.en}{how.en} "
        f"({rules}).",
        f"{ob.owed_by_name.zh}:{ob.duty.zh},{due.zh}{done.zh}:{state.zh}{how.zh}({rules_zh})。",
    )


@functools.cache
def _adapter() -> TypeAdapter[ObligationStatus]:
    return TypeAdapter(ObligationStatus)


def obligation_schema() -> dict[str, Any]:
    """The JSON Schema of an :class:`ObligationStatus` (as decisions serialise it).

    >>> sorted(obligation_schema()["required"])
    ['duty', 'key', 'owed_by', 'owed_by_name', 'rules']
    """
    return _adapter().json_schema()
