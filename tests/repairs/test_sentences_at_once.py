"""The repair decisions' sentences written at once (issue 12, fourth round): a window decision,
a quota decision and a plan each tell one atom whose message writes every sentence of the
decision; the text is the one the sentences written line after line gave (the messages of each
line stay registered, and are what these tests join)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules import WorkCalendar
from propmgmt_rules.render import MESSAGES, Text
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    CompletedRepair,
    RepairPolicy,
    RevisitRecord,
    plan_revisits,
    planner,
    quota_check,
    quotas,
    revisit_window,
    revisits,
)
from propmgmt_rules.strategies import completed_repairs, planning_instances
from propmgmt_rules.time.phrasing import is_end_of_day

from .helpers import COMPANY, at, repair, revisit


def _joined(lines: list[Text]) -> tuple[str, str]:
    return "\n".join(t.en for t in lines), "\n".join(t.zh for t in lines)


@settings(max_examples=80, deadline=None)
@given(completed_repairs(CATALOG), st.sampled_from(["safety", "leak", "other", "mine"]),
       st.integers(-30, 10 * 24 * 60), st.booleans(), st.integers(-60, 12 * 24 * 60))
def test_om_rv2_a_window_decisions_sentences_at_once_are_its_lines_one_by_one(
        rep: CompletedRepair, category: str, after: int, revisited: bool,
        asked: int) -> None:
    """`OM-RV2`: the window, the cut at one week (`T-DAYS`), the last day or the deadline,
    the obligation's standing: the same text as those four messages joined."""
    rep = rep.model_copy(update={"category": category})
    done = rep.completed_at + timedelta(minutes=after)
    visits = [RevisitRecord(id="V1", repair=rep.id, at=done, by="王", role="administrator")
              ] if revisited else []
    as_of = rep.completed_at + timedelta(minutes=asked) if asked >= 0 else None
    d = revisit_window(rep, visits, as_of=as_of, policy=COMPANY)
    o = d.outcome
    tz = COMPANY.work_calendar.tz
    cat = COMPANY.category(category)
    lines = [Text(*revisits._window_line(rep.id, cat, rep.completed_at, tz))]
    if o.capped_at_one_week:
        lines.append(revisits._CAPPED)
    if is_end_of_day(o.due, tz):
        lines.append(revisits._last_day_text(o.last_day))
    else:
        lines.append(revisits._by_line(o.due, tz))
    lines.append(MESSAGES["repairs.obligation"](o.obligation, tz))
    assert (d.explanation.en, d.explanation.zh) == _joined(lines)


def test_om_rv2_a_capped_window_writes_the_cut_between_its_window_and_its_last_day() -> None:
    """`OM-RV2`, `T-DAYS`: 7 days over rest days from Saturday 1 March 2025 end on 8 March,
    cut at one week: its sentence comes second, as it did."""
    d = revisit_window(repair(when=at(3, 1, 10), category="mine"), policy=COMPANY)
    assert d.outcome.capped_at_one_week
    en = d.explanation.en.split("\n")
    assert en[1] == revisits._CAPPED.en
    assert len(en) == 4


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 7 * 24 * 60), min_size=1, max_size=8),
       st.lists(st.tuples(st.integers(0, 7), st.sampled_from(
           ["office_director", "administrator", "repair_lead", "other"])), max_size=10),
       st.sampled_from([CATALOG, PROPERTY_OFFICE]), st.booleans())
def test_om_rv1_sq_rv_quota_sentences_at_once_are_its_lines_one_by_one(
        minutes: list[int], made: list[tuple[int, str]], policy: RepairPolicy,
        period: bool) -> None:
    """`OM-RV1`, `SQ-RV`: the repairs counted, each role's rate, the coverage: the same text
    as those messages joined."""
    reps = [repair(id=f"R{i}", when=at(3, 3, 8) + timedelta(minutes=m))
            for i, m in enumerate(minutes)]
    visits = [revisit(id=f"V{j}", repair_id=f"R{i % len(reps)}",
                      when=reps[i % len(reps)].completed_at + timedelta(hours=5), role=role)
              for j, (i, role) in enumerate(made)]
    span = (date(2025, 3, 4), date(2025, 3, 31)) if period else None
    d = quota_check(reps, visits, period=span, policy=policy)
    o = d.outcome
    lines = [Text(*quotas._repairs_line(o.repairs, span))]
    lines += [Text(*quotas._role_line(r)) for r in o.roles]
    if o.coverage is not None:
        lines.append(Text(*quotas._coverage_line(o.coverage)))
    assert (d.explanation.en, d.explanation.zh) == _joined(lines)


def test_om_rv1_a_rate_stated_again_is_the_rate_worked_out_afresh() -> None:
    """`OM-RV1`: a role's rate remembered by its values is the rate computed anew."""
    q = PROPERTY_OFFICE.quotas[1]
    first = quotas._rate_of(q.role, q.name_en, q.name_zh, 2, 10, q.minimum)
    again = quotas._rate_of(q.role, q.name_en, q.name_zh, 2, 10, q.minimum)
    quotas._RATES.clear()
    fresh = quotas._rate_of(q.role, q.name_en, q.name_zh, 2, 10, q.minimum)
    assert again is first
    assert fresh.model_dump() == first.model_dump()
    assert (fresh.required, fresh.shortfall, fresh.met) == (3, 1, False)  # 30% of 10 is 3


@settings(max_examples=40, deadline=None)
@given(planning_instances(max_repairs=9, max_staff=5, days=8),
       st.sampled_from((CATALOG, PROPERTY_OFFICE, NANJING)))
def test_om_rv1_sq_rv_plan_sentences_at_once_are_its_lines_one_by_one(
        instance: tuple, policy: RepairPolicy) -> None:
    """`OM-RV1`, `SQ-RV`, `OM-RV2`: the plan's requirements, then its revisits shown (at most
    20, by day, person, repair) and how many more: the same text as those messages joined."""
    reps, staff = instance
    until = None if policy.categories else date(2025, 3, 12)
    d = plan_revisits(reps, staff, policy=policy, until=until)
    o = d.outcome
    roles = tuple(r for r, _ in o.planned_per_role)
    lines = [MESSAGES["repairs.plan"](
        policy, o.repairs, roles, tuple(c for _, c in o.planned_per_role),
        tuple(c for _, c in o.done_per_role), tuple(c for _, c in o.required_per_role),
        o.covered, o.coverage_required, o.feasible, o.problems)]
    shown = sorted(o.revisits[:20], key=lambda v: (v.day, v.person, v.repair))
    lines += [Text(*planner._revisit_line(v, planner._role(policy, v.role))) for v in shown]
    if len(o.revisits) > 20:
        lines.append(Text(*planner._more_line(len(o.revisits) - 20)))
    assert (d.explanation.en, d.explanation.zh) == _joined(lines)


@given(completed_repairs(CATALOG), st.booleans())
def test_om_rv1_a_repairs_local_day_is_its_completion_in_the_calendars_zone(
        rep: CompletedRepair, decided: bool) -> None:
    """`OM-RV1` periods: the local day of completion, read from what a window decision kept
    or worked out, is the day of the instant in the calendar's zone."""
    cal = CATALOG.work_calendar
    if decided:
        revisit_window(rep, policy=CATALOG)
    assert revisits.local_day(rep, cal) == rep.completed_at.astimezone(cal.tz).date()
    utc = WorkCalendar(timezone="UTC")  # another calendar: not what the decision kept
    assert revisits.local_day(rep, utc) == datetime.fromtimestamp(
        rep.completed_at.timestamp(), utc.tz).date()


@settings(max_examples=80, deadline=None)
@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31)),
       st.integers(-14 * 60, 14 * 60), st.sampled_from(["safety", "leak", "other", "mine"]),
       st.booleans())
def test_om_rv2_a_windows_first_sentence_writes_the_completion_converted_once(
        naive: datetime, offset: int, category: str, again: bool) -> None:
    """`OM-RV2` (issue 12, rjob6): the window's sentence writes the instant of completion
    as the calendar's zone reads it, from the instant its window kept (converted once), as
    the sentence written from the instant as given, whatever its offset; the same when the
    repair's window is remembered already."""
    when = naive.replace(second=0, microsecond=0,
                         tzinfo=timezone(timedelta(minutes=offset)))
    rep = CompletedRepair(id="R1", completed_at=when, category=category)
    tz = COMPANY.work_calendar.tz
    cat = COMPANY.category(category)
    if again:  # remembered by a first decision
        revisit_window(rep, policy=COMPANY)
    first = revisit_window(rep, policy=COMPANY).explanation
    en, zh = revisits._window_line(rep.id, cat, rep.completed_at, tz)
    assert (first.en.split("\n")[0], first.zh.split("\n")[0]) == (en, zh)
    assert revisits._window_line(rep.id, cat, when.astimezone(tz), None) == (en, zh)
