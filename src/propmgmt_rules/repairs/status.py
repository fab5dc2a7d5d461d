"""Every obligation of some repair decisions at an instant (``repair.status``): met, breached
or pending, the breached listed first, then the pending by due time.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.repairs import RepairRequest, appointment, intake
>>> sh = ZoneInfo("Asia/Shanghai")
>>> req = RepairRequest(id="R7", received_at=datetime(2025, 3, 7, 9, tzinfo=sh), name="李先生",
...     address="5栋302", phone="13900000000", content="门禁失灵", urgent=False,
...     agreed_time=datetime(2025, 3, 7, 11, tzinfo=sh))
>>> noon = datetime(2025, 3, 7, 12, tzinfo=sh)
>>> d = status([intake(req, as_of=noon), appointment(req, as_of=noon)], as_of=noon)
>>> d.outcome.breached, [o.key for o in d.outcome.obligations]
(2, ['R7:intake', 'R7:appointment[0]'])
>>> print(d.explanation.en.splitlines()[0])
At Fri 7 Mar 2025 12:00: 2 obligations: 2 breached, 0 pending, 0 met.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from typing import Final

from .._build import construct_dict
from ..obligation import ObligationState, ObligationStatus
from ..render import Text, message, rules_text
from ..trace import Trace
from ._common import at_text, each, instant
from .models import (
    AppointmentDecision,
    HandoverDecision,
    IntakeDecision,
    RectificationDecision,
    RepairDecision,
    RepairStatusDecision,
    RepairStatusOutcome,
    RevisitWindowDecision,
)
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["decide_status", "obligations_of", "status"]

_MET: Final = ObligationState.MET
_BREACHED: Final = ObligationState.BREACHED
_PENDING: Final = ObligationState.PENDING
_RANK: Final = {_BREACHED: 0, _PENDING: 1, _MET: 2}
_STATE: Final = {_BREACHED: Text("Breached", "已逾期"), _PENDING: Text("Pending", "待办")}
_NO_LIMIT: Final = Text("no time limit stated", "规定未设时限")


def obligations_of(decision: RepairDecision) -> tuple[ObligationStatus, ...]:
    """The obligations a repair decision reports (none for records, quotas and plans)."""
    if isinstance(decision, IntakeDecision):
        ob = decision.outcome.handover
        return (ob,) if ob is not None else ()
    if isinstance(decision, AppointmentDecision | RectificationDecision):
        return decision.outcome.obligations
    if isinstance(decision, RevisitWindowDecision):
        return (decision.outcome.obligation,)
    if isinstance(decision, HandoverDecision):
        return tuple(o for d in decision.outcome.defects for o in d.obligations)
    return ()


def status(decisions: Iterable[RepairDecision], *, as_of: datetime | None = None,
           policy: RepairPolicy | str = CATALOG) -> RepairStatusDecision:
    """Every obligation in ``decisions`` (in their order), met, breached or pending as they
    were decided (at ``as_of``, the instant they were asked about: the explanation names it),
    under ``policy`` (a policy or a preset's name; its calendar's zone writes the instants).
    The explanation lists the breached first, then the pending by due time."""
    resolved = resolve_policy(policy)
    given = each(decisions, RepairDecision, "decisions")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_status(given, as_of, resolved, "repairs")


def _order(o: ObligationStatus) -> tuple[int, float, str]:
    due = o.due.timestamp() if o.due is not None else float("inf")
    return _RANK[o.state], due, o.key


@message("repairs.status")
def _status_text(obs: tuple[ObligationStatus, ...], as_of: datetime | None, tz: tzinfo,
                 breached: int, pending: int, met: int) -> Text:
    n = len(obs)
    if as_of is None:
        head = Text("", "")
    else:
        at = at_text(as_of, tz, True)
        head = Text(f"At {at.en}: ", f"截至{at.zh}:")
    en = [f"{head.en}{n} obligation{'' if n == 1 else 's'}: {breached} breached, "
          f"{pending} pending, {met} met."]
    zh = [f"{head.zh}共{n}项义务:已逾期{breached}项,待办{pending}项,已完成{met}项。"]
    # the obligations not met, in order (sorting only them keeps their order: a stable sort)
    for o in sorted([o for o in obs if o.state is not _MET], key=_order):
        state = _STATE[o.state]
        about = o.key.split(":")[0]
        r = rules_text(o.rules)
        if o.due is not None:
            due = at_text(o.due, tz)
            by, by_zh = f"due {due.en}", f"截止{due.zh}"
        else:
            by, by_zh = _NO_LIMIT.en, _NO_LIMIT.zh
        en.append(f"{state.en}: {about} — {o.duty.en}, {by} ({r.en}).")
        zh.append(f"{state.zh}:{about}——{o.duty.zh},{by_zh}({r.zh})。")
    return Text("\n".join(en), "\n".join(zh))


def decide_status(decisions: Sequence[RepairDecision], as_of: datetime | None,
                  policy: RepairPolicy, subject: str) -> RepairStatusDecision:
    """:func:`status` of validated arguments, with its subject."""
    obs = tuple(o for d in decisions for o in obligations_of(d))
    met = breached = pending = 0
    tr = Trace()
    rules: list[str] = []
    for o in obs:
        rules += o.rules
        if o.state is _MET:
            met += 1
        elif o.state is _BREACHED:
            breached += 1
        else:
            pending += 1
    tr.rule(*rules)  # each once, in the order first named
    tr.tell("repairs.status", obs, as_of, policy.work_calendar.tz, breached, pending, met)
    outcome = construct_dict(RepairStatusOutcome, {
        "what": "status", "obligations": obs, "met": met, "breached": breached,
        "pending": pending})
    return tr.decision(RepairStatusDecision, kind="repair.status", subject=subject,
                       outcome=outcome, basis=policy.basis, as_of=as_of)
