"""What a repair case computes once and shares between its questions (the JSON Lines job's
speed, issue 12) gives exactly what each question computes alone: `OM-RV2`'s windows
(remembered per repair instant for the window decision, the quotas' counting and the plan).
The plan's flow network built at once: ``test_flow_identity.py``."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.render import Text, duration_text
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    plan_revisits,
    quota_check,
    revisit_due,
    revisit_window,
)
from propmgmt_rules.repairs.cases import RepairCase, evaluate
from propmgmt_rules.repairs.models import CompletedRepair, RecordItem, RevisitRecord
from propmgmt_rules.repairs.quotas import counted_revisits
from propmgmt_rules.repairs.records import _record_line
from propmgmt_rules.repairs.revisits import (
    case_window,
    case_window_due,
    repair_window,
    revisit_order,
    window_due,
)
from propmgmt_rules.strategies import completed_repairs, planning_instances

_POLICIES = (CATALOG, PROPERTY_OFFICE, NANJING)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(_POLICIES).flatmap(
    lambda p: st.tuples(st.just(p), completed_repairs(p) if p.categories
                        else completed_repairs(CATALOG))))
def test_om_rv2_a_window_remembered_is_the_window_computed(args: tuple) -> None:
    """`OM-RV2`: the remembered window is the window, asked once, twice, or for the same
    instant written in another zone."""
    policy, rep = args
    if not policy.categories:
        return
    cat, cal = policy.category(rep.category), policy.work_calendar
    expected = window_due(rep.completed_at, cat, cal)
    assert case_window_due(rep.completed_at, cat, cal) == expected
    assert case_window_due(rep.completed_at, cat, cal) == expected
    elsewhere = rep.completed_at.astimezone(ZoneInfo("America/New_York"))
    got = case_window_due(elsewhere, cat, cal)
    assert got == expected
    assert got[0].tzinfo is expected[0].tzinfo
    assert revisit_due(rep, policy=policy) == expected[0]
    due, capped, last, end_of_day = case_window(rep.completed_at, cat, cal)
    tz = cal.tz
    assert (due, capped) == expected
    assert last == (due - timedelta(microseconds=1)).astimezone(tz).date()
    local = due.astimezone(tz)
    assert end_of_day == (local.hour == local.minute == local.second == local.microsecond == 0)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from((CATALOG, PROPERTY_OFFICE)).flatmap(
    lambda p: st.tuples(st.just(p), completed_repairs(p))), st.booleans())
def test_om_rv2_a_repairs_remembered_window_is_its_local_day_and_window(args: tuple,
                                                                        keep: bool) -> None:
    """`OM-RV2`: a repair's window remembered per repair object (the window decision's, read
    again by the plan) is the local day of completion and the window computed for it, asked
    once or twice, kept or not."""
    policy, rep = args
    cat, cal = policy.category(rep.category), policy.work_calendar
    expected = (rep.completed_at.astimezone(cal.tz).date(),
                case_window(rep.completed_at, cat, cal))
    assert expected[1][:2] == window_due(rep.completed_at, cat, cal)
    assert repair_window(rep, cat, cal, keep=keep) == expected
    assert repair_window(rep, cat, cal) == expected


def test_om_rv2_a_repairs_remembered_window_follows_the_repair_object() -> None:
    """`OM-RV2`: another repair object (its own instant) is not answered from a repair
    remembered before, nor a repair under another category object."""
    sh = ZoneInfo("Asia/Shanghai")
    cat, cal = CATALOG.category("safety"), CATALOG.work_calendar
    first = CompletedRepair(id="R1", completed_at=datetime(2025, 3, 3, 15, 0, tzinfo=sh),
                            category="safety")
    again = first.model_copy(update={"completed_at": datetime(2025, 3, 7, 15, 0, tzinfo=sh)})
    assert repair_window(first, cat, cal)[1][2].isoformat() == "2025-03-05"
    assert repair_window(again, cat, cal)[1][2].isoformat() == "2025-03-09"
    other = PROPERTY_OFFICE.category("other")
    assert repair_window(first, other, PROPERTY_OFFICE.work_calendar)[1][2].isoformat() == (
        "2025-03-10")


@given(st.lists(st.sampled_from(list(RecordItem)), unique=True).map(
    lambda items: tuple(sorted(items, key=list(RecordItem).index))))
def test_om_rv3_a_records_sentence_names_its_missing_items(missing: tuple) -> None:
    """`OM-RV3`: an incomplete record's sentence lists exactly its missing items, in order
    (the list kept per set of items), whatever record was written before."""
    for rid in ("V1", "V2"):
        line = _record_line(rid, missing)
        if missing:
            assert line == Text(
                f"Revisit record {rid} is incomplete: missing "
                f"{'; '.join(i.en for i in missing)} (OM-RV3).",
                f"回访记录{rid}不完整,缺少:{'、'.join(i.zh for i in missing)}(OM-RV3)。")
        else:
            assert line.zh == f"回访记录{rid}五项内容齐全(OM-RV3)。"


def test_om_rv2_a_remembered_window_follows_the_category_object() -> None:
    """`OM-RV2`: a policy derived with a longer window for a category is not answered from
    the first policy's window (the memo keys the very category and calendar objects)."""
    done = datetime(2025, 3, 3, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday
    longer = CATALOG.derive(categories=[
        c.model_copy(update={"window": c.window.scaled(5)}) if c.key == "safety" else c
        for c in CATALOG.categories])
    two = case_window_due(done, CATALOG.category("safety"), CATALOG.work_calendar)[0]
    five = case_window_due(done, longer.category("safety"), longer.work_calendar)[0]
    assert (two.date().isoformat(), five.date().isoformat()) == ("2025-03-06", "2025-03-09")


def test_om_rv2_a_window_of_days_is_the_same_for_every_instant_of_the_local_day() -> None:
    """`OM-RV2` with `T-DAYS` / `T-WORKING-DAYS`: the windows of repairs completed at any
    time of one local day (remembered per day) are each the window computed for it."""
    sh = ZoneInfo("Asia/Shanghai")
    for policy in (CATALOG, PROPERTY_OFFICE):
        cal = policy.work_calendar
        for cat in policy.categories:
            for day in (3, 7, 8):  # a Monday, a Friday, a Saturday of March 2025
                for hour, minute in ((0, 0), (9, 30), (23, 59), (12, 0)):
                    done = datetime(2025, 3, day, hour, minute, tzinfo=sh)
                    expected = window_due(done, cat, cal)
                    assert case_window_due(done, cat, cal) == expected


def _bundled_cases() -> list[RepairCase]:
    folder = resources.files("propmgmt_rules").joinpath("examples", "repair")
    out = []
    for f in sorted(folder.iterdir(), key=lambda p: p.name):
        text = f.read_text(encoding="utf-8")
        raws = ([json.loads(x) for x in text.splitlines() if x.strip()]
                if f.name.endswith(".jsonl") else [json.loads(text)])
        out += [RepairCase.model_validate(r) for r in raws]
    return out


def test_om_rv1_om_rv2_a_case_decides_as_its_questions_alone() -> None:
    """`OM-RV1`, `OM-RV2`, `SQ-RV`: every window, quota check and plan of the bundled cases
    decided in their case (windows shared) is the decision each question gives alone."""
    for case in _bundled_cases():
        policy, as_of = case.resolved_policy(), case.as_of
        decided = {d.kind: d for d in evaluate(case)}
        windows = [d for d in evaluate(case) if d.kind == "repair.revisit_window"]
        for rep, d in zip(case.completed, windows, strict=False):
            alone = revisit_window(rep, case.revisits, as_of=as_of, policy=policy)
            assert d.outcome == alone.outcome
            assert d.explanation == alone.explanation
        if case.quotas is not None:
            alone_q = quota_check(case.completed, case.revisits, period=case.quotas.period,
                                  as_of=as_of, policy=policy)
            assert decided["repair.quotas"].outcome == alone_q.outcome
        if case.plan is not None:
            alone_p = plan_revisits(case.completed, case.plan.staff, case.revisits,
                                    start=case.plan.start, until=case.plan.until,
                                    policy=policy)
            assert decided["repair.revisit_plan"].outcome == alone_p.outcome
            assert decided["repair.revisit_plan"].explanation == alone_p.explanation


@settings(max_examples=300, deadline=None)
@given(st.integers(-(10**7), 10**7))
def test_a_distance_to_a_deadline_is_written_in_days_hours_and_minutes(seconds: int) -> None:
    """The distance an obligation line writes (met early, breached late, time left): its
    days, hours and minutes that are not zero, in order; under a minute said so."""
    minutes = seconds // 60
    parts = [(minutes // 1440, "day", "天"), (minutes % 1440 // 60, "h", "小时"),
             (minutes % 60, "min", "分钟")]
    en = " ".join(f"{n} {w}{'s' if w == 'day' and n != 1 else ''}" for n, w, _ in parts if n)
    zh = "".join(f"{n}{z}" for n, _, z in parts if n)
    assert duration_text(timedelta(seconds=seconds)) == Text(en or "under a minute",
                                                             zh or "不到1分钟")


@settings(max_examples=60, deadline=None)
@given(planning_instances(max_repairs=5), st.data())
def test_om_rv1_revisits_given_in_any_order_count_as_in_time_order(instance: tuple,
                                                                    data: st.DataObject) -> None:
    """`OM-RV1`, `SQ-RV`: the quotas and the plan read revisits in time order (then by id),
    whatever order they are given in: sorted once by the public functions and by a case, not
    again in the counting (``counted_revisits(..., ordered=True)``)."""
    repairs, staff = instance
    if not repairs:
        return
    sh = ZoneInfo("Asia/Shanghai")
    visits = [
        RevisitRecord(id=f"V{i}", repair=data.draw(st.sampled_from([r.id for r in repairs])),
                      at=datetime(2025, 3, 3, 8, tzinfo=sh) + timedelta(
                          hours=data.draw(st.integers(0, 24 * 8))),
                      by="刘工", role=data.draw(st.sampled_from(
                          ("office_director", "administrator", "repair_lead"))))
        for i in range(data.draw(st.integers(0, 6)))]
    shuffled = data.draw(st.permutations(visits))
    ordered = revisit_order(visits)
    policy = PROPERTY_OFFICE
    by_role = counted_revisits({r.id: r for r in repairs}, ordered, policy=policy,
                               ordered=True)
    assert by_role == counted_revisits({r.id: r for r in repairs}, shuffled, policy=policy)
    one = quota_check(repairs, shuffled, policy=policy)
    two = quota_check(repairs, ordered, policy=policy)
    assert one.outcome == two.outcome
    assert (one.facts_used, one.facts_set_aside) == (two.facts_used, two.facts_set_aside)
    assert one.explanation == two.explanation
    p1 = plan_revisits(repairs, staff, shuffled, policy=policy)
    p2 = plan_revisits(repairs, staff, ordered, policy=policy)
    assert p1.outcome == p2.outcome
    assert p1.explanation == p2.explanation
