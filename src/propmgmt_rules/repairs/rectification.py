"""After a revisit: `OM-RV4`, a problem found is notified in writing to the repairer within 24
hours; `SQ-RV`, a dissatisfied resident gets the repair redone (a new repair whose
``redo_of`` is the first).

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> rec = RevisitRecord(id="V2", repair="R1", by="刘工", role="repair_lead",
...     at=datetime(2025, 3, 9, 10, 0, tzinfo=sh), problems=("接口仍有渗水",), satisfied=False)
>>> d = rectification(rec, as_of=datetime(2025, 3, 10, 11, 0, tzinfo=sh))
>>> [(o.rules, o.due.isoformat() if o.due else None, o.state.value)
...  for o in d.outcome.obligations]
[(('OM-RV4',), '2025-03-10T10:00:00+08:00', 'breached'), (('SQ-RV',), None, 'pending')]
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from typing import Final

from .._build import construct_dict
from ..decision import SetAsideReason
from ..obligation import ObligationStatus
from ..render import Text, message
from ..time.deadline import deadline
from ..time.span import Span
from ..trace import Trace
from ._common import (
    REDO_OWNER,
    REVISITOR,
    at_text,
    each,
    happened,
    instant,
    need,
    obligation,
    within,
)
from .models import (
    CompletedRepair,
    NoticeForm,
    RectificationDecision,
    RectificationNotice,
    RectificationOutcome,
    RevisitRecord,
)
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["decide_rectification", "rectification"]

_NOTICE_DUTY: Final = Text("notify the repairer in writing to put it right", "书面通知维修人员整改")
_REDO_DUTY: Final = Text("redo the repair (a new repair linked to the first)",
                         "重新提供服务(返修,关联原维修单)")
_UNKNOWN: Final = Text("Whether the resident was satisfied is not recorded (SQ-RV).",
                       "未记录业户是否满意(SQ-RV)。")
_SATISFIED: Final = Text("The resident was satisfied: no redo (SQ-RV).",
                         "业户满意:无须返修(SQ-RV)。")


@message("repairs.rectification.none")
def _no_problem(vid: str) -> Text:
    return Text(f"No problem was found at revisit {vid}: no notice is due (OM-RV4).",
                f"回访{vid}未发现问题:无须发整改通知(OM-RV4)。")


@message("repairs.rectification.found")
def _found(vid: str, at: datetime, problems: tuple[str, ...], span: Span, tz: tzinfo) -> Text:
    when = at_text(at, tz, True)
    limit = within(span)
    return Text(f"Revisit {vid} ({when.en}) found: {'; '.join(problems)}. The repairer is "
                f"notified in writing {limit.en} (OM-RV4, {span.rule_id}).",
                f"回访{vid}({when.zh})发现问题:{';'.join(problems)}。应{limit.zh}书面通知维修人员"
                f"整改(OM-RV4、{span.rule_id})。")


@message("repairs.rectification.redo")
def _redo(vid: str, repair: str) -> Text:
    return Text(f"The resident was dissatisfied at revisit {vid}: repair {repair} is redone, "
                "the department supervisor coming in person (SQ-RV).",
                f"业户在回访{vid}中不满意:维修{repair}须重新提供服务,相关部门主管亲自上门(SQ-RV)。")


def rectification(revisit: RevisitRecord, notices: Iterable[RectificationNotice] = (),
                  repairs: Iterable[CompletedRepair] = (), *, as_of: datetime | None = None,
                  policy: RepairPolicy | str = CATALOG) -> RectificationDecision:
    """`OM-RV4` (the written notice of the problems found at ``revisit``, among ``notices``)
    and `SQ-RV` (the redo of a dissatisfied resident's repair: the first of ``repairs`` whose
    ``redo_of`` names it), at ``as_of`` (without it, the facts decide alone), under
    ``policy`` (a policy or a preset's name)."""
    resolved = resolve_policy(policy)
    revisit = need(revisit, RevisitRecord, "revisit")
    notices = each(notices, RectificationNotice, "notices")
    repairs = each(repairs, CompletedRepair, "repairs")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_rectification(revisit, notices, repairs, as_of, resolved,
                                f"revisit {revisit.id}")


def decide_rectification(revisit: RevisitRecord, notices: Iterable[RectificationNotice],
                         repairs: Iterable[CompletedRepair], as_of: datetime | None,
                         policy: RepairPolicy, subject: str) -> RectificationDecision:
    """:func:`rectification` of validated arguments, with its subject."""
    cal = policy.work_calendar
    tz = cal.tz
    vid = revisit.id
    tr = Trace()
    obligations: list[ObligationStatus] = []
    # OM-RV4
    if policy.rectification_notice is None:
        tr.not_applying("OM-RV4", f"not part of policy {policy.name!r}")
    elif not revisit.problems:
        tr.not_applying("OM-RV4", "no problem was found at the revisit")
        tr.tell("repairs.rectification.none", vid)
    else:
        span = policy.rectification_notice
        due = deadline(revisit.at, span, cal)
        written: datetime | None = None
        for n in sorted(notices, key=lambda x: (x.at, x.id)):
            if n.revisit != vid:
                continue
            fact = f"notices[{n.id}]"
            if not happened(n.at, as_of):
                tr.set_aside(fact, SetAsideReason.AFTER_AS_OF, "OM-RV4")
            elif n.form is not NoticeForm.WRITTEN:
                tr.set_aside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-RV4",
                             f"{n.form.value}; OM-RV4 asks for a written notice")
            elif n.at < revisit.at:
                tr.set_aside(fact, SetAsideReason.NOT_RELEVANT, "OM-RV4", "before the revisit")
            elif written is None:
                written = n.at
                tr.use(fact, "OM-RV4")
            else:
                tr.set_aside(fact, SetAsideReason.NOT_FIRST, "OM-RV4")
        ob = obligation(f"{vid}:rectification_notice", "OM-RV4", _NOTICE_DUTY, REVISITOR,
                        revisit.at, due, written, as_of)
        obligations.append(ob)
        tr.use(f"revisits[{vid}].problems", "OM-RV4")
        tr.tell("repairs.rectification.found", vid, revisit.at, revisit.problems, span, tz)
        tr.tell("repairs.obligation", ob, tz)
        tr.rule("OM-RV4", span.rule_id)
    # SQ-RV redo
    redo_ids: tuple[str, ...] = ()
    if not policy.redo:
        tr.not_applying("SQ-RV", f"redo is not part of policy {policy.name!r}")
    elif revisit.satisfied is None:
        tr.missing(f"revisits[{vid}].satisfied", "SQ-RV",
                   "Was the resident satisfied at the revisit?")
        tr.line(_UNKNOWN)
    elif revisit.satisfied:
        tr.not_applying("SQ-RV", "the resident was satisfied: no redo")
        tr.use(f"revisits[{vid}].satisfied", "SQ-RV")
        tr.line(_SATISFIED)
    else:
        tr.use(f"revisits[{vid}].satisfied", "SQ-RV")
        redos = sorted((r for r in repairs if r.redo_of == revisit.repair),
                       key=lambda r: (r.completed_at, r.id))
        done_at: datetime | None = None
        ids: list[str] = []
        for r in redos:
            if not happened(r.completed_at, as_of):
                tr.set_aside(f"completed[{r.id}]", SetAsideReason.AFTER_AS_OF, "SQ-RV")
                continue
            ids.append(r.id)
            tr.use(f"completed[{r.id}]", "SQ-RV")
            if done_at is None:
                done_at = r.completed_at
        redo_ids = tuple(ids)
        redo_due = deadline(revisit.at, policy.redo_within, cal) if policy.redo_within else None
        ob = obligation(f"{vid}:redo", "SQ-RV", _REDO_DUTY, REDO_OWNER, revisit.at, redo_due,
                        done_at, as_of)
        obligations.append(ob)
        tr.tell("repairs.rectification.redo", vid, revisit.repair)
        tr.tell("repairs.obligation", ob, tz)
        tr.rule("SQ-RV")
        if policy.redo_within:
            tr.rule(policy.redo_within.rule_id)
    outcome = construct_dict(RectificationOutcome, {
        "what": "rectification", "revisit": vid, "repair": revisit.repair,
        "problems": revisit.problems, "satisfied": revisit.satisfied,
        "obligations": tuple(obligations), "redo_repairs": redo_ids})
    return tr.decision(RectificationDecision, kind="repair.rectification", subject=subject,
                       outcome=outcome, basis=policy.basis, as_of=as_of)
