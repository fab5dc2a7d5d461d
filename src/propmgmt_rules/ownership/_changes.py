"""Change requests, read where they fall in a timeline: `CC-7` (the first receiver stays
unless the attitude was truly bad: then the manager's assignment decides), `SD-3.10.A` to
`SD-3.10.C` (no fault or a general fault: unchanged; a serious fault or a client who firmly
refuses: the manager assigns the next on the rotation), `SD-5.2` (a new client naming someone
else mid-reception: 70/30 when the manager had them receive) and `SD-5.3` (an old client doing
so: all to the first receiver)."""

from __future__ import annotations

from collections.abc import Sequence

from ..decision import MissingFact, SetAsideReason, Text
from ._context import Context
from ._trace import ONE, Owner, Reading, Stop, Trace, merge, names
from .models import ChangeKind, ChangeRequest, Fault, Reception

__all__ = ["change"]


def _assignee(cr: ChangeRequest, recs: Sequence[Reception], assigned: set[str]
              ) -> tuple[str | None, Reception | None]:
    if cr.assigned_to is not None:
        return cr.assigned_to, None
    for r in recs:
        if (r.at >= cr.at and r.id not in assigned and r.context is not None
                and r.context.manager_assigned and r.client == cr.client):
            assigned.add(r.id)
            return r.consultant, r
    return None, None


def change(ctx: Context, trace: Trace, part: Reading, cr: ChangeRequest,
           recs: Sequence[Reception], assigned: set[str]) -> None:
    """A change request (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`, `SD-5.3`), read where it
    falls."""
    f = ("change_request", cr.id)
    if part.owners is None or part.first_at is None:
        trace.aside(*f, SetAsideReason.NOT_APPLICABLE, None, "no owner to change yet")
        return
    owners = part.owners
    outcomes: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    # each applicable rule: (rule, new owners or None = unchanged, note, set-aside reason)
    need_assignee = False
    if ctx.on("CC-7"):
        if cr.fault is Fault.SERIOUS:
            need_assignee = True
            outcomes.append(("CC-7", [], "attitude truly bad: the manager's assignment decides",
                             None))
        else:
            outcomes.append(("CC-7", None, "the first receiver stays",
                             SetAsideReason.NOT_SUPPORTED))
    designate = cr.kind is ChangeKind.DESIGNATE and cr.requested is not None
    if designate and (ctx.on("SD-5.2") or ctx.on("SD-5.3")):
        same_day = cr.at.astimezone(ctx.tz).toordinal() == part.start_day
        if same_day and ctx.on("SD-5.2"):
            if cr.assigned_to is not None and cr.assigned_to == cr.requested:
                if cr.instigated:
                    outcomes.append(("SD-5.2", None, f"{cr.requested} instigated it: all to "
                                     "the first receiver", None))
                else:
                    k = ctx.rb.splits.designated_mid_reception
                    shared = [(c, s * (ONE - k), "SD-5.2") for c, s, _ in owners]
                    shared.append((cr.requested, k, "SD-5.2"))
                    outcomes.append(("SD-5.2", merge(shared),
                                     "the manager had the named consultant receive", None))
            else:
                outcomes.append(("SD-5.2", None, "a mid-reception designation is not supported",
                                 SetAsideReason.NOT_SUPPORTED))
        elif not same_day and ctx.on("SD-5.3"):
            outcomes.append(("SD-5.3", None, "an old client's designation is not supported; "
                             "all to the first receiver", SetAsideReason.NOT_SUPPORTED))
    elif not designate and any(ctx.on(r) for r in ("SD-3.10.A", "SD-3.10.B", "SD-3.10.C")):
        if cr.fault is Fault.SERIOUS or cr.insists:
            if ctx.on("SD-3.10.C"):
                need_assignee = True
                outcomes.append(("SD-3.10.C", [], "serious fault or the client firmly refuses: "
                                 "the manager assigns the next on the rotation", None))
        elif cr.fault is Fault.GENERAL:
            if ctx.on("SD-3.10.B"):
                outcomes.append(("SD-3.10.B", None, "general fault: the consultant continues",
                                 SetAsideReason.NOT_SUPPORTED))
        elif ctx.on("SD-3.10.A"):
            outcomes.append(("SD-3.10.A", None, "no fault: not supported",
                             SetAsideReason.NOT_SUPPORTED))
    if not outcomes:
        part.stop = Stop((), Text(f"{cr.id}: no rule of the rulebook settles this change request",
                                  f"{cr.id}:本制度无条款处理此更换要求"))
        trace.use(*f, None, "not settled by the rules")
        return
    who: str | None = None
    via: Reception | None = None
    if need_assignee:
        who, via = _assignee(cr, recs, assigned)
    resolved: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    for rule, new, note, reason in outcomes:
        if new is not None and not new:
            if who is None:
                part.stop = Stop((rule,), Text(
                    f"{cr.id}: {note}, and no assignment is recorded",
                    f"{cr.id}:应由经理另行安排,但未记录安排"))
                trace.missing.append(MissingFact(f"change_requests[{cr.id}].assigned_to", rule,
                                                 "Whom did the manager assign?"))
                trace.use(*f, rule, note)
                return
            new = [(who, ONE, rule)]
        resolved.append((rule, new, note, reason))
    results = {tuple((o[0], o[1]) for o in (n if n is not None else owners))
               for _, n, _, _ in resolved}
    if len(results) > 1:
        rules = tuple(r for r, _, _, _ in resolved)
        part.stop = Stop(rules, Text(
            f"{cr.id}: " + "; ".join(f"{r}: {n}" for r, _, n, _ in resolved),
            f"{cr.id}:" + ";".join(f"{r}" for r, _, _, _ in resolved) + "的结论相互矛盾"))
        trace.use(*f, None, "in conflict")
        return
    rule, new, note, reason = resolved[0]
    rules_all = tuple(r for r, _, _, _ in resolved)
    trace.decided(*rules_all)
    if new is None:
        part.lead.extend(rules_all)
        if rule in ("SD-5.2", "SD-5.3"):  # they set the first receiver's share: all of it
            part.own([(c, s, rule) for c, s, _ in owners])
        if reason is not None:
            trace.aside(*f, reason, rule, note)
        else:
            trace.use(*f, rule, note)
        trace.say(f"{cr.id}: the client's change request; {note}. The client stays with "
                  f"{names(owners)} ({', '.join(rules_all)}).",
                  f"{cr.id}:客户要求更换置业顾问;{_zh_change(rule)}。客户仍归{names(owners)}"
                  f"({'、'.join(rules_all)})。")
        return
    trace.use(*f, rule, note)
    if via is not None:
        trace.use("reception", via.id, rule, "the manager's assignment")
    part.own(new)
    part.since = (rule, cr.id)
    if rule in ("CC-7", "SD-3.10.C"):
        anchor = via.at if via is not None else cr.at
        part.anchor, part.anchor_day = anchor, anchor.astimezone(ctx.tz).toordinal()
    trace.say(f"{cr.id}: {note}; the client now belongs to {names(new)} "
              f"({', '.join(rules_all)}).",
              f"{cr.id}:{_zh_change(rule)};客户现归{names(new)}({'、'.join(rules_all)})。")


def _zh_change(rule: str) -> str:
    return {
        "CC-7": "以第一次接待为准,确属服务态度恶劣的由经理另行安排",
        "SD-3.10.A": "售楼员无过错,更换要求不予支持",
        "SD-3.10.B": "一般性过错,处罚后该售楼员继续接待",
        "SD-3.10.C": "严重过错或客户坚决拒绝,按排班安排其他售楼员,原售楼员不再享有权益",
        "SD-5.2": "当日新客户中途指定其他售楼员,原则上不予支持;经理安排被指定者接待的,佣金七三分",
        "SD-5.3": "老客户指定其他售楼员,不予支持,佣金全部归最先接待者",
    }.get(rule, rule)
