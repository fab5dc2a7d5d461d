"""Handover defects (`MI-4.4.7`): each defect found at the handover inspection is rectified by
the owner's deadline; if not, the owner is told and given an inspection time; after
rectification the owner is invited to a second inspection; a failed one is followed up to a
new deadline.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> insp = HandoverInspection.model_validate({"id": "H1", "unit": "8-1-1202",
...     "owner": "陈先生", "inspected_at": "2025-04-01T10:00+08:00",
...     "defects": [{"id": "D1", "description": "主卧墙面空鼓",
...                  "repair_before_move_in": True, "deadline": "2025-04-15T18:00+08:00"}]})
>>> d = handover(insp, as_of=datetime(2025, 4, 16, 9, 0, tzinfo=sh))
>>> [(o.key, o.state.value) for o in d.outcome.defects[0].obligations]
[('H1/D1:rectify', 'breached'), ('H1/D1:tell_owner', 'pending')]
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Final

from .._build import construct_dict
from ..decision import SetAsideReason
from ..errors import InputError
from ..obligation import ObligationStatus
from ..render import Text, message
from ..time.deadline import deadline
from ..trace import Trace
from ._common import (
    ADMINISTRATOR,
    ENGINEERING,
    SERVICE_CENTER,
    at_text,
    happened,
    instant,
    need,
    obligation,
)
from .models import (
    DefectState,
    DefectStatus,
    HandoverDecision,
    HandoverDefect,
    HandoverInspection,
    HandoverOutcome,
)
from .policy import HandoverSettings, RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["decide_handover", "handover"]

_RECTIFY: Final = Text("rectify by the owner's deadline", "按业主的合理限期整改")
_TELL: Final = Text("tell the owner and give the inspection time",
                    "将具体情况反馈给业主并告知具体验收时间")
_INVITE: Final = Text("invite the owner to the second inspection", "通知业主进行二次验收")
_FOLLOW: Final = Text("follow up and resolve by the new deadline", "督促跟进,限期尽快解决")
_NO_TIME_GIVEN: Final = Text("The owner was told but given no inspection time (MI-4.4.7).",
                             "已反馈业主,但未告知具体验收时间(MI-4.4.7)。")


@message("repairs.handover.inspection")
def _inspection_line(ident: str, unit: str, at: datetime, defects: int, tz: tzinfo) -> Text:
    when = at_text(at, tz, True)
    return Text(f"Handover inspection {ident} of unit {unit} ({when.en}): {defects} "
                f"defect{'' if defects == 1 else 's'} found.",
                f"{unit}交房验收{ident}({when.zh}):发现问题{defects}项。")


@message("repairs.handover.after_move_in")
def _after_move_in(ident: str, description: str) -> Text:
    return Text(f"{ident} ({description}): the owner has it repaired after moving in (4.4.8 a); "
                "an ordinary repair, outside MI-4.4.7.",
                f"{ident}({description}):业主要求搬入后再行维修(第4.4.8条a项),按一般报修处理,"
                "不适用MI-4.4.7。")


@message("repairs.handover.rectify")
def _rectify(ident: str, description: str, due: datetime | None, tz: tzinfo) -> Text:
    if due is None:
        return Text(f"{ident} ({description}): rectify by the owner's deadline (not given) "
                    "(MI-4.4.7).",
                    f"{ident}({description}):按业主的合理限期(未给出)整改(MI-4.4.7)。")
    at = at_text(due, tz)
    return Text(f"{ident} ({description}): rectify by the owner's deadline {at.en} (MI-4.4.7).",
                f"{ident}({description}):按业主的合理限期{at.zh}整改(MI-4.4.7)。")


@message("repairs.handover.passed")
def _passed(second: datetime, tz: tzinfo) -> Text:
    at = at_text(second, tz)
    return Text(f"Second inspection {at.en}: passed.", f"二次验收{at.zh}:合格。")


@message("repairs.handover.failed")
def _failed(second: datetime, tz: tzinfo) -> Text:
    at = at_text(second, tz)
    return Text(f"Second inspection {at.en}: failed; the administrator follows up (MI-4.4.7).",
                f"二次验收{at.zh}:不合格,由管理员督促跟进(MI-4.4.7)。")


def handover(inspection: HandoverInspection, *, as_of: datetime | None = None,
             policy: RepairPolicy | str = CATALOG) -> HandoverDecision:
    """`MI-4.4.7` for every defect of a handover ``inspection`` (see the module's
    documentation), at ``as_of`` (without it, the facts decide alone), under ``policy`` (a
    policy or a preset's name)."""
    resolved = resolve_policy(policy)
    inspection = need(inspection, HandoverInspection, "inspection")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_handover(inspection, as_of, resolved, f"handover {inspection.id}")


def decide_handover(inspection: HandoverInspection, as_of: datetime | None,
                    policy: RepairPolicy, subject: str) -> HandoverDecision:
    """:func:`handover` of validated arguments, with its subject."""
    settings = policy.handover
    if settings is None:
        raise InputError("policy.handover", "MI-4.4.7 is not part of this policy", policy.name)
    tz = policy.work_calendar.tz
    tr = Trace()
    tr.tell("repairs.handover.inspection", inspection.id, inspection.unit,
            inspection.inspected_at, len(inspection.defects), tz)
    statuses = tuple(_defect(d, inspection, settings, policy, as_of, tr)
                     for d in inspection.defects)
    tr.rule("MI-4.4.7")
    outcome = construct_dict(HandoverOutcome, {
        "what": "handover", "inspection": inspection.id, "unit": inspection.unit,
        "defects": statuses})
    return tr.decision(HandoverDecision, kind="repair.handover", subject=subject,
                       outcome=outcome, basis=policy.basis, as_of=as_of)


def _defect(d: HandoverDefect, insp: HandoverInspection, settings: HandoverSettings,
            policy: RepairPolicy, as_of: datetime | None, tr: Trace) -> DefectStatus:
    """One defect: its obligations and where it stands (`MI-4.4.7`)."""
    cal = policy.work_calendar
    tz = cal.tz
    key = f"{insp.id}/{d.id}"
    fact = f"handovers[{insp.id}].defects[{d.id}]"
    if not d.repair_before_move_in:
        tr.tell("repairs.handover.after_move_in", d.id, d.description)
        tr.set_aside(fact, SetAsideReason.NOT_APPLICABLE, "MI-4.4.7", "repair after moving in")
        return construct_dict(DefectStatus, {"defect": d.id,
                                             "state": DefectState.NOT_APPLICABLE,
                                             "obligations": ()})
    tr.use(fact, "MI-4.4.7")
    obs: list[ObligationStatus] = []
    rectified = d.rectified_at if happened(d.rectified_at, as_of) else None
    if d.deadline is None:
        tr.missing(f"{fact}.deadline", "MI-4.4.7",
                   "What deadline did the owner set for the rectification?")
    rect = obligation(f"{key}:rectify", "MI-4.4.7", _RECTIFY, ENGINEERING, insp.inspected_at,
                      d.deadline, rectified, as_of)
    obs.append(rect)
    tr.tell("repairs.handover.rectify", d.id, d.description, d.deadline, tz)
    tr.tell("repairs.obligation", rect, tz)
    missed = d.deadline is not None and (
        (rectified is not None and rectified > d.deadline)
        or (rectified is None and as_of is not None and as_of > d.deadline)
    )
    if missed:
        assert d.deadline is not None
        told = d.owner_told_at if d.reinspection_time is not None else None
        if d.owner_told_at is not None and d.reinspection_time is None:
            tr.line(_NO_TIME_GIVEN)
        due = (deadline(d.deadline, settings.missed_notice_within, cal)
               if settings.missed_notice_within else None)
        ob = obligation(f"{key}:tell_owner", "MI-4.4.7", _TELL, ADMINISTRATOR, d.deadline, due,
                        told, as_of)
        obs.append(ob)
        tr.tell("repairs.obligation", ob, tz)
    if rectified is not None:
        due = deadline(rectified, settings.invite_within, cal) if settings.invite_within else None
        ob = obligation(f"{key}:second_inspection", "MI-4.4.7", _INVITE, SERVICE_CENTER,
                        rectified, due,
                        d.invited_at if d.invited_at is not None else d.second_inspection_at,
                        as_of)
        obs.append(ob)
        tr.tell("repairs.obligation", ob, tz)
    second = d.second_inspection_at if happened(d.second_inspection_at, as_of) else None
    state = DefectState.OPEN
    if rectified is not None:
        state = DefectState.RECTIFIED
    if second is not None and d.second_inspection_passed is True:
        state = DefectState.ACCEPTED
        tr.tell("repairs.handover.passed", second, tz)
    elif second is not None and d.second_inspection_passed is False:
        state = DefectState.FAILED_SECOND_INSPECTION
        resolved = d.resolved_at if happened(d.resolved_at, as_of) else None
        if d.follow_up_deadline is None:
            tr.missing(f"{fact}.follow_up_deadline", "MI-4.4.7",
                       "What new deadline was set after the failed inspection?")
        ob = obligation(f"{key}:follow_up", "MI-4.4.7", _FOLLOW, ADMINISTRATOR, second,
                        d.follow_up_deadline, resolved, as_of)
        obs.append(ob)
        tr.tell("repairs.handover.failed", second, tz)
        tr.tell("repairs.obligation", ob, tz)
        if resolved is not None:
            state = DefectState.RESOLVED
    elif second is not None:
        tr.missing(f"{fact}.second_inspection_passed", "MI-4.4.7",
                   "Did the defect pass the second inspection?")
    return construct_dict(DefectStatus, {"defect": d.id, "state": state,
                                         "obligations": tuple(obs)})
