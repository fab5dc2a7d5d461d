"""The revisit planner: who revisits which completed repair on which day, so that every
quota (`OM-RV1`), the coverage (`SQ-RV`) and every window (`OM-RV2`) are met where
possible; otherwise exactly which cannot be, and why. Deterministic.

The model of the problem
------------------------

* **Repairs.** Each completed repair has a window of days: from the local date of its
  completion to the last day of its revisit deadline (`OM-RV2`: the day holding the
  deadline's last instant; for the presets' day windows, the whole last day). With
  ``start``, days before it are not available (planning from today). A policy without
  windows (`OM-RV2` off) needs ``until``: every window then ends that day.
* **People.** Each staff member has one role, a number of revisits per day
  (``daily_capacity``) and the days they are available (by default every working day of the
  policy's calendar, minus ``days_off``).
* **Revisits.** A revisit is (repair, role, person, day) with the day in the repair's window
  and the person available that day. A repair gets at most one revisit per role (a second
  one would not raise the role's rate); a person makes at most ``daily_capacity`` revisits a
  day.
* **Requirements.** Each role with a quota revisits at least ``ceil(minimum × n)`` of the
  ``n`` repairs (`OM-RV1`); with coverage, at least ``ceil(coverage × n)`` repairs get a
  revisit (`SQ-RV`: all of them).

This is an integer flow problem with lower bounds, solved exactly. Repairs with the same
window are interchangeable, and people of a role are interchangeable within a day, so the
network is built over *window classes* (at most a few hundred: completion day × category),
*role-days* and *roles*, whatever the number of repairs:

    source ─(cover: lb = required coverage)→ COVER ─(≤ m_k)→ class k      (first revisits)
    source ─(≤ (R − 1)·m_k)→ class k                                        (further revisits)
    class k ─(≤ m_k)→ (k, role) ─→ (role, day) for each day of k's window ─(≤ capacity)→ role
    role ─(lb = role's quota)→ sink

An integer flow meeting the lower bounds exists iff a plan exists (the network's matrix is
totally unimodular, and a class's flow per role, at most m_k, is laid out on its repairs
cyclically, so that the k-th class's first revisits cover min(m_k, total) distinct repairs).
The plan uses the least number of revisits (minimum feasible flow). Building the classes is
linear in the repairs; the flow is solved on the small network; laying the flow out on
repairs and people is linear again.

The requirements never conflict with one another in this model: a role's revisits use only
its own people, and the sets of repairs a role can revisit within their windows are the
independent sets of a transversal matroid. So a role's revisits that serve the coverage can
always be augmented to the role's own best count (matroid augmentation), and each requirement
can be met together with the others iff it can be met alone. When no plan meets everything,
the planner therefore reports, exactly:

* ``window``: repairs whose window holds no available person of any role;
* ``quota``: a role that cannot reach its quota, with the most it can achieve;
* ``coverage``: the most repairs that can be revisited within their windows, with a Hall-type
  certificate from a minimum cut: the repairs that compete for too few revisits, and the days;

and returns a plan that meets every requirement at that best level (checked by the solver).

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> t0 = datetime(2025, 3, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))     # a Monday
>>> reps = [CompletedRepair(id=f"R{i}", completed_at=t0 + timedelta(hours=i), category="other")
...         for i in range(10)]
>>> staff = [StaffMember(id="张主任", role="office_director", daily_capacity=1),
...          StaffMember(id="王管理员", role="administrator", daily_capacity=1),
...          StaffMember(id="刘工", role="repair_lead", daily_capacity=2)]
>>> plan = plan_revisits(reps, staff, policy="property-office").outcome
>>> plan.feasible, plan.planned_per_role
(True, (('office_director', 1), ('administrator', 3), ('repair_lead', 6)))
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from operator import attrgetter
from typing import Any, Final

from .._build import construct_dict
from .._memo import Memo
from ..errors import InputError
from ..render import Text, join_texts, message
from ..time.calendar import WorkCalendar
from ..time.phrasing import day_text
from ..trace import Trace
from ._common import ceil_share, each
from ._flow import FlowNetwork
from .models import (
    EARLIEST,
    LATEST,
    CompletedRepair,
    PlannedRevisit,
    PlanProblem,
    RevisitPlanDecision,
    RevisitPlanOutcome,
    RevisitRecord,
    StaffMember,
)
from .policy import RepairPolicy, RevisitCategory, RoleQuota
from .presets import CATALOG, resolve_policy
from .quotas import counted_revisits
from .revisits import repair_window, revisit_order

__all__ = ["decide_plan", "plan_revisits", "repair_windows"]

_MAX_LISTED = 50
_MAX_SHOWN = 20
_MAX_ENUMERATED = 8


def repair_windows(repairs: Sequence[CompletedRepair], *, until: date | None = None,
                   policy: RepairPolicy | str = CATALOG) -> list[tuple[date, date]]:
    """The window of days of each repair (first day, last day), as the planner sees it.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> r = CompletedRepair(id="R1", category="leak",
    ...                     completed_at=datetime(2025, 3, 7, 15, 0, tzinfo=sh))
    >>> repair_windows([r])
    [(datetime.date(2025, 3, 7), datetime.date(2025, 3, 10))]
    """
    return _windows(each(repairs, CompletedRepair, "repairs"), until, resolve_policy(policy))


def _windows(repairs: Sequence[CompletedRepair], until: date | None,
             policy: RepairPolicy) -> list[tuple[date, date]]:
    """:func:`repair_windows` of arguments of the right types."""
    cal = policy.work_calendar
    tz = cal.tz
    out: list[tuple[date, date]] = []
    if not policy.categories:
        if until is None:
            raise InputError("until", "the policy has no revisit windows (OM-RV2 off): give the "
                             "last day revisits may be planned")
        for r in repairs:
            out.append((r.completed_at.astimezone(tz).date(), until))
        return out
    cats: dict[str, RevisitCategory] = {}
    for r in repairs:
        cat = cats.get(r.category)
        if cat is None:
            cat = cats[r.category] = policy.category(r.category, f"completed[{r.id}].category")
        first, window = repair_window(r, cat, cal, keep=False)  # as the windows kept them
        out.append((first, window[2]))
    return out


@dataclass(frozen=True, slots=True)
class _Net:
    """A built network: the solver, its source and sink, the (class, role, day) edges."""

    net: FlowNetwork
    s: int
    t: int
    # class, role, its days' span in the role's days (a, b), first day edge, the class's
    # edge to (class, role)
    flows: list[tuple[int, int, int, int, int, int]]
    class_node: list[int]
    day_nodes: dict[int, list[int]]  # each role's (role, day) nodes, in its days' order

    def rd_node(self, days_of_role: list[list[date]]) -> dict[tuple[int, date], int]:
        """The node of each (role, day) (only a diagnosis reads them)."""
        return {(r, d): node for r, ids in self.day_nodes.items()
                for d, node in zip(days_of_role[r], ids, strict=True)}


class _Problem:
    """The instance: window classes, roles, capacities and requirements."""

    def __init__(
        self,
        classes: list[tuple[date, date]],
        done: list[frozenset[int]],
        sizes: list[int],
        roles: list[str],
        role_caps: list[dict[date, int]],
        quota: list[int],
        cover: int,
    ) -> None:
        self.classes = classes
        self.done = done
        self.sizes = sizes
        self.roles = roles
        self.role_caps = role_caps  # each role's capacity per day (its people's, added up)
        self.quota = quota
        self.cover = cover
        self.n = sum(sizes)
        days_of_role: list[list[date]] = []
        caps_of_role: list[list[int]] = []  # in the order of its days (edges (role, day) → role)
        for caps in role_caps:
            days = sorted(caps)
            days_of_role.append(days)
            caps_of_role.append([caps[d] for d in days])
        self.days_of_role = days_of_role
        self.caps_of_role = caps_of_role

    def network(
        self,
        roles: Sequence[int],
        role_lb: dict[int, int],
        cover_lb: int | None,
        one_each: bool,
    ) -> _Net:
        """The flow network over ``roles``; ``one_each``: at most one revisit per repair (for
        the 'alone' maxima; with ``cover_lb`` set, only repairs not yet revisited), else at
        most one per repair and role. A role that already revisited a class's repairs gets no
        edge to it."""
        k_count = len(self.classes)
        s, t, cov = 0, 1, 2  # source, sink, cover
        roles = list(roles)
        n_roles = len(roles)
        class_node = list(range(3, 3 + k_count))
        cr_base = 3 + k_count  # the node of (class k, roles[i]): cr_base + k * n_roles + i
        nodes = cr_base + k_count * n_roles
        days_of_role = self.days_of_role
        # each role's days and their nodes, to take a class's window by bisection
        day_nodes: dict[int, list[int]] = {}
        for r in roles:
            count = len(days_of_role[r])
            day_nodes[r] = list(range(nodes, nodes + count))
            nodes += count
        role_node = {r: nodes + i for i, r in enumerate(roles)}
        nodes += n_roles
        # the edges in the order they are added (edge i is handle 2i: FlowNetwork.of_edges)
        tails: list[int] = []
        heads: list[int] = []
        caps: list[int] = []
        lows: dict[int, int] = {}
        n = self.n
        if cover_lb is not None:
            _lower(lows, 0, cover_lb, n)
            tails.append(s)
            heads.append(cov)
            caps.append(n - cover_lb)
        done = self.done
        every = list(enumerate(roles))  # a class no role revisited yet: every role
        allowed = [[(i, r) for i, r in every if r not in d] if d else every for d in done]
        for k, size in enumerate(self.sizes):
            free = len(allowed[k])
            if not free:
                continue
            if one_each:
                if cover_lb is None or not done[k]:
                    tails.append(s)
                    heads.append(class_node[k])
                    caps.append(size)
            elif cover_lb is not None and not done[k]:
                tails.append(cov)
                heads.append(class_node[k])
                caps.append(size)
                if free > 1:
                    tails.append(s)
                    heads.append(class_node[k])
                    caps.append((free - 1) * size)
            else:
                tails.append(s)
                heads.append(class_node[k])
                caps.append(free * size)
        flows: list[tuple[int, int, int, int, int, int]] = []
        for k, (first, last) in enumerate(self.classes):
            size = self.sizes[k]
            ck = class_node[k]
            node = cr_base + k * n_roles
            for i, r in allowed[k]:
                via = 2 * len(tails)
                tails.append(ck)
                heads.append(node + i)
                caps.append(size)
                days = days_of_role[r]
                a, b = bisect_left(days, first), bisect_right(days, last)
                if a < b:  # an edge to each (role, day) of the window, in order
                    flows.append((k, r, a, b, 2 * len(tails), via))
                    tails += [node + i] * (b - a)
                    heads += day_nodes[r][a:b]
                    caps += [size] * (b - a)
        caps_of_role = self.caps_of_role
        for r in roles:
            to_role = role_node[r]
            ids = day_nodes[r]
            tails += ids
            heads += [to_role] * len(ids)
            caps += caps_of_role[r]
            low = role_lb.get(r, 0)
            if low:
                _lower(lows, 2 * len(tails), low, n)
            tails.append(to_role)
            heads.append(t)
            caps.append(n - low)
        net = FlowNetwork.of_edges(nodes, tails, heads, caps, lows)
        return _Net(net, s, t, flows, class_node, day_nodes)

    def solve(self, role_lb: dict[int, int], cover_lb: int | None) -> _Net | None:
        """The network of every role with its least flow meeting the lower bounds, or None
        when no flow meets them."""
        g = self.network(range(len(self.roles)), role_lb, cover_lb, one_each=False)
        return g if g.net.min_flow(g.s, g.t) is not None else None

    def feasible(self, role_lb: dict[int, int], cover_lb: int | None) -> bool:
        return self.solve(role_lb, cover_lb) is not None

    def alone_role(self, r: int) -> int:
        g = self.network([r], {}, None, one_each=True)
        return g.net.max_flow(g.s, g.t)

    def alone_cover(self) -> tuple[int, set[int], set[date]]:
        """The most repairs not yet revisited that can be revisited within their windows, and
        a min cut's classes and days."""
        g = self.network(range(len(self.roles)), {}, 0, one_each=True)
        best = g.net.max_flow(g.s, g.t)
        side = g.net.reachable(g.s)
        ks = {k for k, node in enumerate(g.class_node) if node in side and not self.done[k]}
        days = {d for (_, d), node in g.rd_node(self.days_of_role).items() if node in side}
        return best, ks, days


def _lower(lows: dict[int, int], edge: int, lo: int, hi: int) -> None:
    """An edge's lower bound ``lo`` (its upper bound ``hi``), by its handle (kept when not
    0, as :meth:`FlowNetwork.add` keeps it)."""
    if not 0 <= lo <= hi:
        raise ValueError(f"bad bounds {lo}..{hi}")
    if lo:
        lows[edge] = lo


def _people_on(people: list[tuple[str, int, Sequence[date]]], day: date
               ) -> list[tuple[str, int]]:
    """The people of a role available on ``day`` (their days sorted), with their capacity, in
    the staff's order."""
    if len(people) == 1:
        pid, cap, _ = people[0]  # a role-day with flow has capacity: its one person's
        return [(pid, cap)]
    out = []
    for pid, cap, days in people:
        i = bisect_left(days, day)
        if i < len(days) and days[i] == day:
            out.append((pid, cap))
    return out


def _available_days(person: StaffMember, working_days: Sequence[date], first: date,
                    last: date) -> Sequence[date]:
    """The days from ``first`` to ``last`` the person is available: their own days, else the
    ``working_days`` of the policy's calendar in that span; less their days off."""
    off = set(person.days_off)
    if person.days is not None:
        return sorted(d for d in set(person.days) if first <= d <= last and d not in off)
    return [d for d in working_days if d not in off] if off else working_days


def _listed(ids: Iterable[str]) -> tuple[tuple[str, ...], int]:
    items = list(ids)
    return tuple(items[:_MAX_LISTED]), len(items)


def _allot(total: int, people: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Spread ``total`` revisits over people with capacities as evenly as they allow
    (water-filling by capacity, then by id): deterministic."""
    if len(people) == 1:  # one person: all of it, within their capacity
        (pid, cap), = people
        assert total <= cap, "capacity of a role-day exceeded"
        return [(pid, total)] if total else []
    order = sorted(people, key=lambda p: (p[1], p[0]))
    out: dict[str, int] = {}
    left = total
    for i, (pid, cap) in enumerate(order):
        share = -(-left // (len(order) - i))
        give = min(cap, share)
        out[pid] = give
        left -= give
    assert left == 0, "capacity of a role-day exceeded"
    return [(pid, out[pid]) for pid, _ in sorted(people) if out[pid]]


def plan_revisits(repairs: Sequence[CompletedRepair], staff: Sequence[StaffMember],
                  done: Iterable[RevisitRecord] = (), *, start: date | None = None,
                  until: date | None = None,
                  policy: RepairPolicy | str = CATALOG) -> RevisitPlanDecision:
    """Plan the revisits of ``repairs`` by ``staff`` under ``policy``'s quotas (`OM-RV1`),
    coverage (`SQ-RV`) and windows (`OM-RV2`) (a policy or a preset's name). See the module's
    documentation for the model.

    ``done``: revisits already made, counted as the quotas count them (a role that revisited a
    repair does not revisit it again, and the requirements are reduced by what is done);
    ``start``: the first day a revisit may be planned (e.g. today); ``until``: the last day of
    every window when the policy has no windows.
    """
    policy = resolve_policy(policy)
    repairs = each(repairs, CompletedRepair, "repairs")
    staff = each(staff, StaffMember, "staff")
    done = revisit_order(each(done, RevisitRecord, "done"))
    for name, given in (("start", start), ("until", until)):
        if given is not None and not (isinstance(given, date)
                                      and not isinstance(given, datetime)
                                      and EARLIEST.date() <= given < LATEST.date()):
            raise InputError(name, "must be a day in the years 1900 to 2199", given)
    if start is not None and until is not None and start > until:
        raise InputError("until", f"{until.isoformat()} is before the start {start.isoformat()}",
                         until)
    return decide_plan(repairs, staff, done, start, until, policy,
                       f"revisit plan for {len(repairs)} repairs")


def decide_plan(repairs: Sequence[CompletedRepair], staff: Sequence[StaffMember],
                done: Sequence[RevisitRecord], start: date | None, until: date | None,
                policy: RepairPolicy, subject: str) -> RevisitPlanDecision:
    """:func:`plan_revisits` of arguments of the right types (``done`` in the order the rules
    read them: :func:`~propmgmt_rules.repairs.revisits.revisit_order`), with its subject."""
    if not policy.quotas and policy.coverage is None:
        raise InputError("policy", "the policy has neither quotas (OM-RV1) nor coverage (SQ-RV): "
                         "there is nothing to plan")
    # (maps of C callables rather than comprehensions where they read one field: no
    # function made and called for each)
    by_id = dict(zip(map(_ID, repairs), repairs, strict=True))  # by id (counted_revisits)
    if len(by_id) != len(repairs):
        ids = [r.id for r in repairs]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError("repairs", "repair ids must be unique", dup[:5])
    pids = list(map(_ID, staff))
    if len(set(pids)) != len(pids):
        raise InputError("staff", "staff ids must be unique",
                         sorted({i for i in pids if pids.count(i) > 1}))
    windows = _windows(repairs, until, policy)
    if start is not None:
        windows = [(max(a, start), b) for a, b in windows]
    n = len(repairs)
    done_by_role = counted_revisits(by_id, done, policy=policy, ordered=True)
    # roles: the policy's quota roles in order, then the other staff roles
    roles = list(map(_ROLE, policy.quotas))
    roles += sorted(({p.role for p in staff} | set(done_by_role)) - set(roles))
    role_index = dict(zip(roles, range(len(roles)), strict=True))
    done_roles: dict[str, set[int]] = {}
    for role, reps in done_by_role.items():
        for rid in reps:
            done_roles.setdefault(rid, set()).add(role_index[role])
    # window classes (window, roles that already revisited), repairs sorted by (completion, id)
    by_class: dict[tuple[date, date, tuple[int, ...]], list[int]] = {}
    for i, w in enumerate(windows):
        revisited = done_roles.get(repairs[i].id)
        key = (w[0], w[1], tuple(sorted(revisited)) if revisited else ())
        idx = by_class.get(key)
        if idx is None:
            by_class[key] = [i]
        else:
            idx.append(i)
    keys = sorted(by_class)
    members = []
    for key in keys:
        idx = by_class[key]
        if len(idx) > 1:
            idx.sort(key=lambda i: (repairs[i].completed_at, repairs[i].id))
        members.append(idx)
    classes = [(a, b) for a, b, _ in keys]
    class_done = [frozenset(d) for _, _, d in keys]
    sizes = list(map(len, members))
    quota = [ceil_share(q.minimum, n) for q in policy.quotas] + [0] * (
        len(roles) - len(policy.quotas)
    )
    already = [len(done_by_role.get(role, ())) for role in roles]
    covered_before = sum([size for size, d in zip(sizes, class_done, strict=True) if d])
    cover = ceil_share(policy.coverage, n) if policy.coverage is not None else 0
    horizon = ((classes[0][0], max([b for _, b in classes])) if classes  # sorted by first day
               else (date.min, date.min))
    # each role's capacity per day, and its people with their capacity and days (staff order)
    role_caps: list[dict[date, int]] = [{} for _ in roles]
    people: list[list[tuple[str, int, Sequence[date]]]] = [[] for _ in roles]
    if classes:
        working_days = _working_days(policy, *horizon) if any(
            p.days is None for p in staff) else ()
        for p in staff:
            cap = p.daily_capacity
            if cap == 0:
                continue
            ri = role_index[p.role]
            days = _available_days(p, working_days, horizon[0], horizon[1])
            caps = role_caps[ri]
            if caps:
                for d in days:
                    caps[d] = caps.get(d, 0) + cap
            else:  # the role's first person: their days as they are
                caps.update(dict.fromkeys(days, cap))
            people[ri].append((p.id, cap, days))
    still = [max(0, q - a) for q, a in zip(quota, already, strict=True)]
    cover_still = max(0, cover - covered_before)
    prob = _Problem(classes, class_done, sizes, roles, role_caps, still, cover_still)
    problems: list[PlanProblem] = []
    # windows not yet revisited with nobody available at all
    staffed = sorted(set().union(*role_caps))
    for k, (first, last) in enumerate(classes):
        if class_done[k]:
            continue
        if first > last or bisect_left(staffed, first) == bisect_right(staffed, last):
            listed, count = _listed(repairs[i].id for i in members[k])
            if first > last:  # the window ended before the planning start
                problems.append(PlanProblem.model_construct(
                    kind="window", rule="OM-RV2", role=None, repairs=listed, count=count,
                    days=(last, last), required=count, achievable=0, shortfall=count,
                    text=(f"{_repairs(count)} whose window ended on {_day(last).en}, before "
                          f"the first day of the plan {_day(first).en} ({', '.join(listed[:5])}"
                          f"{', ...' if count > 5 else ''}) (OM-RV2)."),
                    text_zh=(f"{count}项维修的回访期限已于{_day(last).zh}届满,早于计划开始日"
                             f"{_day(first).zh}({'、'.join(listed[:5])}"
                             f"{'等' if count > 5 else ''})(OM-RV2)。"),
                ))
                continue
            problems.append(PlanProblem.model_construct(
                kind="window", rule="OM-RV2", role=None, repairs=listed, count=count,
                days=(first, last),
                required=count, achievable=0, shortfall=count,
                text=(f"{_repairs(count)} with the window {_day(first).en} to {_day(last).en}"
                      f" ({', '.join(listed[:5])}{', ...' if count > 5 else ''}): no one of any "
                      "role is available on those days (OM-RV2)."),
                text_zh=(f"{count}项维修({'、'.join(listed[:5])}{'等' if count > 5 else ''},"
                         f"回访期限{_day(first).zh}至{_day(last).zh}):"
                         "期间无任何回访人员可安排(OM-RV2)。"),
            ))
    cover_lb = cover_still if policy.coverage is not None else None
    role_lb = {r: q for r, q in enumerate(still) if q}
    # preference, not a requirement: revisit as many distinct repairs as the quotas ask for
    # (one revisit per repair when the quotas sum to at most 100%); a plan meeting it meets
    # the requirements too (its lower bounds are higher)
    spread = min(n - covered_before, sum(still))
    g = prob.solve(role_lb, spread) if spread > (cover_lb or 0) else None
    if g is not None:
        cover_lb = spread
    else:
        g = prob.solve(role_lb, cover_lb)
    feasible = g is not None
    if g is None:
        role_lb, cover_lb = _diagnose(policy, prob, repairs, members, role_lb, cover_lb, problems,
                                      already, covered_before)
        g = prob.solve(role_lb, cover_lb)
        assert g is not None, "requirements met alone are met together (see the module docs)"
    revisits = _lay_out(repairs, members, roles, g.flows, g.net, prob.days_of_role, people)
    planned = [0] * len(roles)
    covered_set: set[str] = set(done_roles)
    for v in revisits:
        planned[role_index[v.role]] += 1
        covered_set.add(v.repair)
    covered = len(covered_set)
    names: dict[str, Text] = {}
    shown: list[tuple[PlannedRevisit, Text]] = []
    for v in sorted(revisits[:_MAX_SHOWN], key=_SHOWN_ORDER):
        name = names.get(v.role)
        if name is None:
            name = names[v.role] = _role(policy, v.role)
        shown.append((v, name))
    tr = Trace()
    # the plan's sentences one atom: its requirements, then the revisits shown
    tr.tell("repairs.plan", policy, n, tuple(roles), tuple(planned), tuple(already),
            tuple(quota), covered, cover, feasible, tuple(problems), tuple(shown),
            max(0, len(revisits) - _MAX_SHOWN))
    tr.use("repairs", "OM-RV2" if policy.categories else "SQ-RV")
    tr.use("staff", "OM-RV1" if policy.quotas else "SQ-RV")
    if not policy.quotas:
        tr.not_applying("OM-RV1", f"not part of policy {policy.name!r}")
    if policy.coverage is None:
        tr.not_applying("SQ-RV", f"not part of policy {policy.name!r}")
    if not policy.categories:
        tr.not_applying("OM-RV2", f"not part of policy {policy.name!r}; windows end on {until}")
    for rule, on in (("OM-RV1", bool(policy.quotas)), ("SQ-RV", policy.coverage is not None),
                     ("OM-RV2", bool(policy.categories))):
        if on:
            tr.rule(rule)
    if not staff:
        tr.missing("staff", tr.decided_by[0], "Who can revisit, and when?")
    outcome = construct_dict(RevisitPlanOutcome, {
        "what": "revisit_plan",
        "feasible": feasible,
        "repairs": n,
        "revisits": tuple(revisits),
        "planned_per_role": tuple(zip(roles, planned, strict=True)),
        "done_per_role": tuple(zip(roles, already, strict=True)),
        "required_per_role": tuple(zip(roles, quota, strict=True)),
        "covered": covered,
        "coverage_required": cover,
        "problems": tuple(problems),
    })
    return tr.decision(RevisitPlanDecision, kind="repair.revisit_plan", subject=subject,
                       outcome=outcome, basis=policy.basis, as_of=None)


def _working_days(policy: RepairPolicy, first: date, last: date) -> tuple[date, ...]:
    """The working days of the policy's calendar from ``first`` to ``last``: every day but
    its rest days (asked for at once), remembered per calendar (a bounded memo: a job's plans
    span a few weeks)."""
    cal = policy.work_calendar
    key = (id(cal), first, last)
    got = _WORKING.get(key)
    if got is not None and got[0] is cal:
        return got[1]
    rest = set(cal.rest_days_between(first, last + _ONE_DAY))
    days = tuple([d for d in _days(first, last) if d not in rest])
    _WORKING.put(key, (cal, days))
    return days


_WORKING: Memo[tuple[int, date, date], tuple[WorkCalendar, tuple[date, ...]]] = Memo(256)


_ONE_DAY = timedelta(days=1)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def _diagnose(
    policy: RepairPolicy,
    prob: _Problem,
    repairs: Sequence[CompletedRepair],
    members: list[list[int]],
    role_lb: dict[int, int],
    cover_lb: int | None,
    problems: list[PlanProblem],
    already: list[int],
    covered_before: int,
) -> tuple[dict[int, int], int | None]:
    """Name each requirement that cannot be met, with what can be achieved, and return the
    requirements lowered to what can: they are jointly feasible (see the module docs)."""
    roles = prob.roles
    best_cover: int | None = None
    if cover_lb is not None:
        more, ks, days = prob.alone_cover()
        best_cover = min(more, cover_lb)
        need, best = covered_before + cover_lb, covered_before + more
        if more < cover_lb:
            ids = [repairs[i].id for k in sorted(ks) for i in members[k]]
            listed, count = _listed(ids)
            span = (min(days), max(days)) if days else (
                (prob.classes[min(ks)][0], prob.classes[max(ks)][1]) if ks else None
            )
            cap = sum(caps.get(d, 0) for caps in prob.role_caps for d in days)
            where = (Text(f"{_day(span[0]).en} to {_day(span[1]).en}",
                          f"{_day(span[0]).zh}至{_day(span[1]).zh}")
                     if span else Text("-", "-"))
            problems.append(PlanProblem.model_construct(
                kind="coverage", rule="SQ-RV", role=None, repairs=listed, count=count,
                days=span, required=need, achievable=best, shortfall=need - best,
                text=(f"Coverage: at most {best} of the {prob.n} repairs can be revisited within "
                      f"their windows, {need} required (SQ-RV, OM-RV2): {_repairs(count)} "
                      f"need{'s' if count == 1 else ''} a revisit each from {where.en}, where "
                      f"the staff can make only {cap}."),
                text_zh=(f"回访覆盖:{prob.n}项维修中至多{best}项能在期限内回访,要求{need}项"
                         f"(SQ-RV、OM-RV2):{count}项维修须在{where.zh}期间各回访一次,"
                         f"而该期间人员只能回访{cap}次。"),
            ))
    chosen: dict[int, int] = {}
    for r, still in sorted(role_lb.items()):
        more = prob.alone_role(r)
        chosen[r] = min(more, still)
        if more < still:
            role = roles[r]
            name = _role(policy, role)
            q, best = already[r] + still, already[r] + more
            problems.append(PlanProblem.model_construct(
                kind="quota", rule="OM-RV1", role=role, repairs=(), count=0, days=None,
                required=q, achievable=best, shortfall=q - best,
                text=(f"{name.en}: {q} revisit{'' if q == 1 else 's'} required (OM-RV1); its "
                      "people can make at most "
                      f"{best} within the repairs' windows (OM-RV2), short by {q - best}."),
                text_zh=(f"{name.zh}:须回访{q}项(OM-RV1);该岗位人员在回访期限内(OM-RV2)至多"
                         f"回访{best}项,差{q - best}项。"),
            ))
    return chosen, best_cover  # met together, as met alone: the caller's solve checks it


def _lay_out(
    repairs: Sequence[CompletedRepair],
    members: list[list[int]],
    roles: list[str],
    flows: list[tuple[int, int, int, int, int, int]],
    net: FlowNetwork,
    days_of_role: list[list[date]],
    people: list[list[tuple[str, int, Sequence[date]]]],
) -> list[PlannedRevisit]:
    """Turn the class flows into revisits: each class's revisits of a role go to distinct
    repairs, the roles one after the other around the class (so first revisits cover as many
    repairs as possible), and each role-day's revisits are spread over its people."""
    # the flows are listed by class, then role (the network's order): each (class, role)
    # with flow and its days with flow, in that order, as a sort of both would give them
    carried: list[tuple[int, int, list[tuple[date, int]]]] = []
    per_rd: dict[tuple[int, date], int] = {}
    orig, cap = net.orig, net.cap
    for k, r, a, b, first, via in flows:
        left = orig[via] - cap[via]  # into (class, role): what goes out to its days
        if not left:  # none: its day edges carry nothing
            continue
        e = first
        on: list[tuple[date, int]] = []
        for d in islice(days_of_role[r], a, b):
            f = orig[e] - cap[e]
            if f:
                on.append((d, f))
                per_rd[(r, d)] = per_rd.get((r, d), 0) + f
                left -= f
                if not left:  # the days after carry nothing
                    break
            e += 2
        carried.append((k, r, on))
    slots: dict[tuple[int, date], Iterator[str]] = {}
    for key, total in per_rd.items():
        seq: list[str] = []  # each revisit's person, in turn
        for pid, c in _allot(total, _people_on(people[key[0]], key[1])):
            seq += [pid] * c
        slots[key] = iter(seq)
    out: list[PlannedRevisit] = []
    new = _planned
    k_at = -1
    idx: list[int] = []
    m = pos = 0
    for k, r, on in carried:
        if k != k_at:  # a class's revisits go around its repairs from the first
            k_at, idx, pos = k, members[k], 0
            m = len(idx)
        role = roles[r]
        for d, f in on:
            it = slots[(r, d)]
            for _ in range(f):
                out.append(new(repairs[idx[pos % m]].id, role, next(it), d))
                pos += 1
    return out


_NEW: Final = object.__new__
_SET_REPAIR: Final = PlannedRevisit.__dict__["repair"].__set__
_SET_ROLE: Final = PlannedRevisit.__dict__["role"].__set__
_SET_PERSON: Final = PlannedRevisit.__dict__["person"].__set__
_SET_DAY: Final = PlannedRevisit.__dict__["day"].__set__


def _planned(repair: str, role: str, person: str, day: date) -> PlannedRevisit:
    """``PlannedRevisit(repair, role, person, day)``, its slots set directly (a frozen
    dataclass's own ``__init__`` is twice as slow, and a plan may hold 100,000 of them)."""
    out: PlannedRevisit = _NEW(PlannedRevisit)
    _SET_REPAIR(out, repair)
    _SET_ROLE(out, role)
    _SET_PERSON(out, person)
    _SET_DAY(out, day)
    return out


_SHOWN_ORDER: Final = attrgetter("day", "person", "repair")  # the revisits shown, in order
_ID: Final = attrgetter("id")
_ROLE: Final = attrgetter("role")


def _day(day: date) -> Text:
    """A day as the explanations write it: "Mon 3 Mar" / 「3月3日(周一)」."""
    return day_text(day)


def _repairs(count: int) -> str:
    return f"{count} repair" + ("" if count == 1 else "s")


def _role(policy: RepairPolicy, role: str) -> Text:
    """A role's name in English and Chinese: the quota's names, else the role's key
    (remembered per quota object: a policy's few roles are named in every plan)."""
    q = policy.quota(role)
    if q is None:
        return Text(role, role)
    got = _ROLE_NAMES.get(id(q))
    if got is not None and got[0] is q:
        return got[1]
    name = Text(q.name_en[:1].upper() + q.name_en[1:], q.name_zh)
    _ROLE_NAMES.put(id(q), (q, name))
    return name


_ROLE_NAMES: Memo[int, tuple[RoleQuota, Text]] = Memo(256)


def _pct(x: int, n: int) -> str:
    return f"{x}/{n}" if n else "0/0"


@message("repairs.plan", atom=True)
def _explain(line: tuple[Any, ...]) -> tuple[str, str]:
    """The plan's sentences, one atom ``("repairs.plan", policy, n, roles, planned, already,
    quota, covered, cover, feasible, problems, shown=(), more=0)``, written at once (its two
    texts): what it meets, each role's revisits planned and required, the coverage, the
    windows, its problems; then the revisits ``shown`` (:func:`_revisit_line`) and how many
    ``more`` are not (:func:`_more_line`)."""
    policy, n, roles, planned, already, quota, covered, cover, feasible, problems = line[1:11]
    shown: tuple[tuple[PlannedRevisit, Text], ...] = line[11] if len(line) > 11 else ()
    more: int = line[12] if len(line) > 12 else 0
    texts = [(f"{n} completed {'repair' if n == 1 else 'repairs'} to revisit under policy "
              f"{policy.name!r}: " + ("every requirement can be met." if feasible
                                      else "not every requirement can be met."),
              f"按{policy.title_zh}安排{n}项维修的回访:"
              + ("全部要求均可满足。" if feasible else "无法满足全部要求。"))]
    for r, role in enumerate(roles):
        if quota[r] or planned[r] or already[r]:
            name = _role(policy, role)
            done_en = f" (and {already[r]} done)" if already[r] else ""
            done_zh = f"(另已回访{already[r]}项)" if already[r] else ""
            texts.append((f"{name.en}: {planned[r]} revisits planned{done_en}, {quota[r]} "
                          "required (OM-RV1).",
                          f"{name.zh}:计划回访{planned[r]}项{done_zh},要求{quota[r]}项(OM-RV1)。"))
    if policy.coverage is not None:
        texts.append((f"Coverage: {_pct(covered, n)} repairs revisited, {cover} required "
                      "(SQ-RV).", f"回访覆盖:{_pct(covered, n)},要求{cover}项(SQ-RV)。"))
    if policy.categories:
        texts.append(("Every planned revisit falls within its repair's window (OM-RV2).",
                      "所有回访均安排在回访期限内(OM-RV2)。"))
    texts += [(p.text, p.text_zh) for p in problems]
    texts += [_revisit_line(v, who) for v, who in shown]
    if more:
        texts.append(_more_line(more))
    return join_texts(texts)


def _revisit_line(v: PlannedRevisit, who: Text) -> tuple[str, str]:
    """A revisit shown, in English and in Chinese."""
    day = day_text(v.day)
    return (f"{day.en}: {v.person} ({who.en}) revisits {v.repair}.",
            f"{day.zh}:{v.person}({who.zh})回访{v.repair}。")


def _more_line(more: int) -> tuple[str, str]:
    """How many revisits are not shown, in English and in Chinese."""
    return f"... and {more} more revisits.", f"……另有{more}次回访。"
