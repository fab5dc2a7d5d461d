"""Revisit quotas (`OM-RV1`: each role's revisit rate against its minimum) and coverage
(`SQ-RV`: 100% revisited) over a period's completed repairs, in exact fractions, with the
shortfall in whole repairs.

>>> from datetime import datetime, timedelta
>>> from zoneinfo import ZoneInfo
>>> t0 = datetime(2025, 3, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> reps = [CompletedRepair(id=f"R{i}", completed_at=t0, category="other") for i in range(20)]
>>> visits = [RevisitRecord(id=f"V{i}", repair=f"R{i}", at=t0 + timedelta(days=1),
...                         by="刘工", role="repair_lead") for i in range(11)]
>>> d = quota_check(reps, visits)
>>> [(r.role, str(r.rate), r.required, r.shortfall) for r in d.outcome.roles]
[('office_director', '0', 2, 2), ('administrator', '0', 6, 6), ('repair_lead', '11/20', 12, 1)]
>>> d.outcome.coverage.shortfall
9
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from fractions import Fraction
from typing import Any, Final

from .._build import construct_dict
from .._memo import Memo
from ..decision import SetAsideReason
from ..errors import InputError
from ..render import join_texts, message
from ..time.phrasing import day_text
from ..trace import Trace
from ._common import ceil_share, check_period, each, happened, instant
from .models import (
    CompletedRepair,
    QuotaDecision,
    QuotaOutcome,
    RecordItem,
    RevisitRecord,
    RoleRate,
)
from .policy import QuotaCounting, RepairPolicy
from .presets import CATALOG, resolve_policy
from .revisits import local_day, repair_window, revisit_order

__all__ = ["ceil_share", "counted_revisits", "decide_quotas", "quota_check"]

_ITEMS = tuple(RecordItem)


class _Unkept(Trace):
    """A trace that keeps no facts (the planner counts revisits without reporting them)."""

    __slots__ = ()

    def use(self, fact: str, rule: str | None = None, note: str = "") -> None:
        pass

    def set_aside(self, fact: str, reason: SetAsideReason, rule: str | None = None,
                  note: str = "") -> None:
        pass


_UNKEPT: Final = _Unkept(explain=False)  # keeps nothing: one serves every count


def counted_revisits(repairs: Mapping[str, CompletedRepair], revisits: Iterable[RevisitRecord],
                     *, as_of: datetime | None = None, policy: RepairPolicy | str = CATALOG,
                     trace: Trace | None = None, ordered: bool = False) -> dict[str, set[str]]:
    """The repairs (of ``repairs``, by id) each role has revisited, counting as the quotas do
    (`OM-RV1`, `SQ-RV`, and the policy's ``quota_counts``): what counts is used in ``trace``,
    what does not is set aside with its reason. ``ordered``: the revisits are in the order
    the rules read them already (:func:`~propmgmt_rules.repairs.revisits.revisit_order`), not
    sorted again."""
    resolved = resolve_policy(policy)
    keep = trace is not None  # else nothing is reported: no fact named, no rule looked up
    tr = trace if trace is not None else _UNKEPT
    counting = resolved.quota_counts
    every = counting is QuotaCounting.ALL
    quota = resolved.quota
    due_cache: dict[str, datetime] = {}
    by_role: dict[str, set[str]] = {}
    for v in revisits if ordered else revisit_order(revisits):
        fact = f"revisits[{v.id}]" if keep else ""
        rep = repairs.get(v.repair)
        if rep is None:
            tr.set_aside(fact, SetAsideReason.NOT_RELEVANT, "OM-RV1", "not a repair of the period")
            continue
        at = v.at
        if as_of is not None and at > as_of:  # not happened by as_of
            tr.set_aside(fact, SetAsideReason.AFTER_AS_OF, "OM-RV1")
            continue
        if at < rep.completed_at:
            tr.set_aside(fact, SetAsideReason.OUTSIDE_WINDOW, "OM-RV1",
                         "before the repair was completed")
            continue
        if not every:
            due = due_cache.get(rep.id)
            if due is None:  # as the repair's window decision kept it (repair_window)
                cat = resolved.category(rep.category, "repair.category")
                due = due_cache[rep.id] = repair_window(rep, cat, resolved.work_calendar,
                                                        keep=False)[1][0]
            if v.at > due:
                tr.set_aside(fact, SetAsideReason.OUTSIDE_WINDOW, "OM-RV2",
                             "after the revisit window")
                continue
            if counting is QuotaCounting.ON_TIME_COMPLETE and any(
                v.item(i) is None for i in _ITEMS
            ):
                tr.set_aside(fact, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "OM-RV3",
                             "incomplete revisit record")
                continue
        role = v.role
        seen = by_role.get(role)
        if seen is None:
            seen = by_role[role] = set()
        if v.repair in seen:
            if keep:
                tr.set_aside(fact, SetAsideReason.NOT_FIRST,
                             "OM-RV1" if quota(role) is not None else "SQ-RV",
                             "the role already revisited this repair")
            continue
        seen.add(v.repair)
        if keep:
            tr.use(fact, "OM-RV1" if quota(role) is not None else "SQ-RV")
    return by_role


def _rate_of(role: str | None, name_en: str, name_zh: str, revisited: int, n: int,
             minimum: Fraction) -> RoleRate:
    """A role's rate (or the coverage's), remembered (a bounded memo over the same
    computation, keyed by its values and by the very ``minimum`` object, the policy's: a
    frozen model, shared by the decisions that state the same rate; a job's quotas count a
    few numbers of repairs)."""
    key = (role, name_en, name_zh, revisited, n, id(minimum))
    got = _RATES.get(key)
    if got is not None and got[0] is minimum:
        return got[1]
    required = ceil_share(minimum, n)
    shortfall = max(0, required - revisited)
    rate = construct_dict(RoleRate, {
        "role": role, "name_en": name_en, "name_zh": name_zh, "revisited": revisited,
        "repairs": n, "rate": Fraction(revisited, n) if n else None, "minimum": minimum,
        "required": required, "shortfall": shortfall, "met": shortfall == 0})
    _RATES.put(key, (minimum, rate))
    return rate


_RATES: Memo[tuple[str | None, str, str, int, int, int], tuple[Fraction, RoleRate]] = Memo(256)


def _pct(f: Fraction | None) -> str:
    """A share as a percentage: "30%", or to 2 places "4.17%" (exactly rounded)."""
    if f is None:
        return "-"
    whole, rest = divmod(f.numerator * 100, f.denominator)
    return f"{whole}%" if not rest else f"{f.numerator * 100 / f.denominator:.2f}%"


def _repairs_line(n: int, period: tuple[date, date] | None) -> tuple[str, str]:
    """The repairs counted, in English and in Chinese."""
    if period:
        first, last = day_text(period[0], year=True), day_text(period[1], year=True)
        return (f"{n} repair{'' if n == 1 else 's'} completed {first.en} to {last.en}.",
                f"{first.zh}至{last.zh}期间完成维修{n}项。")
    return f"{n} repair{'' if n == 1 else 's'} completed.", f"完成维修{n}项。"


def _role_line(r: RoleRate) -> tuple[str, str]:
    """A role's rate against its minimum, in English and in Chinese."""
    n, rate, least, name = r.repairs, _pct(r.rate), _pct(r.minimum), r.name_en
    return (
        f"{name[:1].upper()}{name[1:]}: {r.revisited}/{n} = {rate}, "
        f"minimum {least} ({r.required} repair{'' if r.required == 1 else 's'}): "
        + ("met" if r.met else f"short by {r.shortfall}") + " (OM-RV1).",
        f"{r.name_zh}:{r.revisited}/{n}={rate},不低于{least}"
        f"({r.required}项):" + ("达标" if r.met else f"差{r.shortfall}项") + "(OM-RV1)。",
    )


def _coverage_line(c: RoleRate) -> tuple[str, str]:
    """The coverage against its requirement, in English and in Chinese."""
    n, rate, least = c.repairs, _pct(c.rate), _pct(c.minimum)
    return (
        f"Coverage: {c.revisited}/{n} = {rate}, required {least}: "
        + ("met" if c.met else f"short by {c.shortfall}") + " (SQ-RV).",
        f"回访覆盖:{c.revisited}/{n}={rate},要求{least}:"
        + ("达标" if c.met else f"差{c.shortfall}项") + "(SQ-RV)。",
    )


@message("repairs.quotas", atom=True)
def _quotas_text(line: tuple[Any, ...]) -> tuple[str, str]:
    """A quota decision's sentences, one atom ``("repairs.quotas", repairs counted, period,
    roles' rates, coverage)``, written at once (its two texts): the repairs counted
    (:func:`_repairs_line`), each role's rate (:func:`_role_line`), the coverage
    (:func:`_coverage_line`)."""
    _, n, period, roles, coverage = line
    texts = [_repairs_line(n, period)]
    for r in roles:
        texts.append(_rate_line(r, _role_line))
    if coverage is not None:
        texts.append(_rate_line(coverage, _coverage_line))
    return join_texts(texts)


def _rate_line(r: RoleRate, write: Callable[[RoleRate], tuple[str, str]]) -> tuple[str, str]:
    """``write(r)``, remembered per rate object (a bounded memo: the rates are frozen and
    shared, :func:`_rate_of`, and a rate's sentence reads only its fields)."""
    got = _RATE_LINES.get(id(r))
    if got is not None and got[0] is r and got[1] is write:
        return got[2]
    text = write(r)
    _RATE_LINES.put(id(r), (r, write, text))
    return text


_RATE_LINES: Memo[int, tuple[RoleRate, Callable[[RoleRate], tuple[str, str]],
                             tuple[str, str]]] = Memo(512)


def quota_check(repairs: Sequence[CompletedRepair], revisits: Iterable[RevisitRecord] = (), *,
                period: tuple[date, date] | None = None, as_of: datetime | None = None,
                policy: RepairPolicy | str = CATALOG) -> QuotaDecision:
    """`OM-RV1` (each role's revisit rate against its minimum) and `SQ-RV` (100% coverage)
    over the completed ``repairs`` of ``period`` (first and last local date of completion,
    inclusive; None: every repair given) and their ``revisits``, at ``as_of`` (without it,
    the facts decide alone), under ``policy`` (a policy or a preset's name)."""
    resolved = resolve_policy(policy)
    repairs = each(repairs, CompletedRepair, "repairs")
    revisits = revisit_order(each(revisits, RevisitRecord, "revisits"))
    if period is not None:
        check_period(period)
    if as_of is not None:
        instant(as_of, "as_of")
    subject = "revisit quotas" + (f" {period[0].isoformat()}..{period[1].isoformat()}"
                                  if period else "")
    return decide_quotas(repairs, revisits, period, as_of, resolved, subject)


def decide_quotas(repairs: Sequence[CompletedRepair], revisits: Iterable[RevisitRecord],
                  period: tuple[date, date] | None, as_of: datetime | None,
                  policy: RepairPolicy, subject: str) -> QuotaDecision:
    """:func:`quota_check` of arguments of the right types (``revisits`` in the order the
    rules read them: :func:`~propmgmt_rules.repairs.revisits.revisit_order`), with its
    subject."""
    if not policy.quotas and policy.coverage is None:
        raise InputError("policy", "the policy has neither quotas (OM-RV1) nor coverage (SQ-RV)")
    cal = policy.work_calendar
    tr = Trace()
    in_period: dict[str, CompletedRepair] = {}
    for rep in repairs:
        if rep.id in in_period:
            raise InputError(f"completed[{rep.id}]", "repair id given twice")
        if period is not None:
            day = local_day(rep, cal)
            if not period[0] <= day <= period[1]:
                tr.set_aside(f"completed[{rep.id}]", SetAsideReason.NOT_RELEVANT, "OM-RV1",
                             "completed outside the period")
                continue
        if not happened(rep.completed_at, as_of):
            tr.set_aside(f"completed[{rep.id}]", SetAsideReason.AFTER_AS_OF, "OM-RV1")
            continue
        in_period[rep.id] = rep
    n = len(in_period)
    by_role = counted_revisits(in_period, revisits, as_of=as_of, policy=policy, trace=tr,
                               ordered=True)
    covered: set[str] = set().union(*by_role.values())
    roles = tuple([
        _rate_of(q.role, q.name_en, q.name_zh, len(by_role.get(q.role, ())), n, q.minimum)
        for q in policy.quotas])
    coverage = (_rate_of(None, "coverage", "回访率", len(covered), n, policy.coverage)
                if policy.coverage is not None else None)
    tr.tell("repairs.quotas", n, period, roles, coverage)
    for rule, on in (("OM-RV1", bool(policy.quotas)), ("SQ-RV", policy.coverage is not None)):
        if on:
            tr.rule(rule)
        else:
            tr.not_applying(rule, f"not part of policy {policy.name!r}")
    if policy.quota_counts is not QuotaCounting.ALL:
        tr.rule("OM-RV2")
        if policy.quota_counts is QuotaCounting.ON_TIME_COMPLETE:
            tr.rule("OM-RV3")
    outcome = construct_dict(QuotaOutcome, {
        "what": "quotas", "period": period, "repairs": n, "roles": roles, "coverage": coverage,
        "all_met": all(r.met for r in roles) and (coverage is None or coverage.met)})
    return tr.decision(QuotaDecision, kind="repair.quotas", subject=subject, outcome=outcome,
                       basis=policy.basis, as_of=as_of)
