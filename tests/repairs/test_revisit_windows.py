"""`OM-RV2`: 回访时间安排在维修后一星期之内。其中,安全设施维修两天内回访,漏水项目维修三天内
回访,其它一般维修七天内回访。"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from propmgmt_rules import InputError, ObligationState, SetAsideReason, Span, SpanUnit, WorkCalendar
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    CompletedRepair,
    RevisitCategory,
    revisit_due,
    revisit_status,
    revisit_window,
    suggest_category,
)
from propmgmt_rules.strategies import aware_datetimes, completed_repairs, spans, work_calendars

from .helpers import SH, at, repair, revisit


def test_om_rv2_safety_facility_repair_is_revisited_within_two_days() -> None:
    # completed Friday 7 March 15:00; the start day is not counted: end of Sunday 9 March
    d = revisit_window(repair(category="safety"), policy=PROPERTY_OFFICE)
    assert d.outcome.due == at(3, 10)
    assert d.outcome.last_day == date(2025, 3, 9)
    assert d.decided_by == ("OM-RV2", "T-DAYS")


def test_om_rv2_leak_repair_is_revisited_within_three_days() -> None:
    assert revisit_due(repair(category="leak"), policy=PROPERTY_OFFICE) == at(3, 11)


def test_om_rv2_other_repair_is_revisited_within_seven_days() -> None:
    assert revisit_due(repair(category="other"), policy=PROPERTY_OFFICE) == at(3, 15)


def test_om_rv2_windows_count_rest_days_like_any_day() -> None:
    # two days over a weekend are still two days: no rest-day extension for revisits
    assert revisit_due(repair(category="safety"), policy=CATALOG).date() == date(2025, 3, 10)


def test_om_rv2_revisit_in_time_is_met_and_cites_the_record() -> None:
    d = revisit_window(repair(category="leak"), policy=CATALOG,
                       revisits=[revisit(when=at(3, 10, 16))], as_of=at(3, 12))
    assert d.outcome.obligation.state is ObligationState.MET
    assert d.outcome.revisited_at == at(3, 10, 16)
    assert any(f.fact == "revisits[V1]" for f in d.facts_used)


def test_om_rv2_revisit_after_the_window_is_breached() -> None:
    d = revisit_window(repair(category="safety"), policy=CATALOG,
                       revisits=[revisit(when=at(3, 10, 9))], as_of=at(3, 12))
    assert d.outcome.obligation.state is ObligationState.BREACHED
    assert d.outcome.obligation.late_by == timedelta(hours=9)


def test_om_rv2_no_revisit_yet_is_pending_then_breached() -> None:
    rep = repair(category="safety")
    assert revisit_status(rep, None, as_of=at(3, 9, 23)).state is (
        ObligationState.PENDING
    )
    assert revisit_status(rep, as_of=at(3, 10, 0, 1)).state is (
        ObligationState.BREACHED
    )


def test_om_rv2_a_revisit_before_the_completion_does_not_count_nor_one_after_as_of() -> None:
    d = revisit_window(repair(category="other"), policy=CATALOG,
                       revisits=[revisit(when=at(3, 7, 10))], as_of=at(3, 8))
    assert d.outcome.revisited_at is None
    assert d.facts_set_aside[0].reason is SetAsideReason.OUTSIDE_WINDOW
    rep = repair(category="leak")
    assert revisit_status(rep, at(3, 7, 10), as_of=at(3, 12)).state is ObligationState.BREACHED
    assert revisit_status(rep, at(3, 9), as_of=at(3, 8)).state is ObligationState.PENDING
    assert revisit_status(rep, at(3, 9), as_of=at(3, 10)).state is ObligationState.MET


def test_om_rv2_second_revisit_is_set_aside_as_not_first() -> None:
    d = revisit_window(repair(), [revisit("V1", when=at(3, 8)), revisit("V2", when=at(3, 9))],
                       policy=CATALOG)
    assert [(f.fact, f.reason) for f in d.facts_set_aside] == [
        ("revisits[V2]", SetAsideReason.NOT_FIRST)
    ]


def test_om_rv2_a_company_category_in_working_days_is_capped_at_one_week() -> None:
    # Monday 27 January 2025, before the Spring Festival (28 January to 4 February off):
    # 5 working days end on Monday 10 February, beyond one week (the end of 3 February)
    slow = RevisitCategory(key="slow", name_en="slow", name_zh="慢", window=Span.working_days(5))
    pol = CATALOG.with_category(slow).model_copy(update={"calendar": "china-2025"})
    done = datetime(2025, 1, 27, 10, tzinfo=SH)  # Monday before the Spring Festival
    d = revisit_window(CompletedRepair(id="X", completed_at=done, category="slow"), policy=pol)
    assert d.outcome.capped_at_one_week
    assert d.outcome.due == datetime(2025, 2, 4, tzinfo=SH)  # end of 3 February
    assert "一星期" in d.explanation.zh


@pytest.mark.parametrize("span", ["8 days", "169 hours", "1 month", "8 working days"])
def test_om_rv2_a_category_window_beyond_one_week_is_refused(span: str) -> None:
    with pytest.raises(ValidationError, match="OM-RV2"):
        RevisitCategory(key="long", name_en="long", name_zh="长", window=Span.parse(span))


def test_om_rv2_an_unknown_category_is_an_error_naming_the_field() -> None:
    with pytest.raises(InputError) as err:
        revisit_window(repair(category="garden"), policy=CATALOG)
    assert err.value.field == "completed[R1].category"
    assert "safety, leak, other" in err.value.reason


def test_om_rv2_is_not_part_of_the_nanjing_plan() -> None:
    with pytest.raises(InputError, match="OM-RV2"):
        revisit_window(repair(), policy=NANJING)


def test_om_rv2_category_suggestions_from_chinese_and_english_descriptions() -> None:
    cases = {
        "卫生间天花板渗水": "leak",
        "厨房水管漏水": "leak",
        "消防栓门损坏": "safety",
        "单元门禁刷卡失灵": "safety",
        "电梯按钮不亮": "safety",
        "The fire door does not close": "safety",
        "leaking radiator": "leak",
        "更换客厅灯泡": "other",
    }
    for text, expected in cases.items():
        assert suggest_category(text, policy=CATALOG).category == expected, text


def test_om_rv2_a_suggestion_is_only_a_suggestion_the_repair_states_its_category() -> None:
    # the description speaks of a leak, but the repair says "other": the window is 7 days
    rep = repair(category="other", description="厨房水管漏水")
    d = revisit_window(rep, policy=CATALOG)
    assert d.outcome.category == "other"
    assert d.outcome.due == at(3, 15)


@settings(max_examples=60)
@given(completed_repairs(CATALOG), st.sampled_from(["safety", "leak", "other"]))
def test_om_rv2_revisit_deadline_is_after_completion_and_within_one_week(
    rep: CompletedRepair, category: str
) -> None:
    due = revisit_due(rep.model_copy(update={"category": category}), policy=CATALOG)
    assert due > rep.completed_at
    local = rep.completed_at.astimezone(SH)
    one_week = datetime.combine(local.date() + timedelta(days=8), datetime.min.time(), SH)
    assert due <= one_week
    assert due - rep.completed_at <= timedelta(days=8)


@settings(max_examples=40)
@given(completed_repairs(CATALOG))
def test_om_rv2_windows_are_ordered_safety_leak_other(rep: CompletedRepair) -> None:
    safety, leak, other = (revisit_due(rep.model_copy(update={"category": c}))
                           for c in ("safety", "leak", "other"))
    assert safety < leak < other


@settings(max_examples=40, deadline=None)
@given(work_calendars(max_exceptions=20), aware_datetimes(),
       spans(units=(SpanUnit.WORKING_DAYS, SpanUnit.WORKING_HOURS, SpanUnit.DAYS,
                    SpanUnit.HOURS), max_amount=7))
def test_om_rv2_any_company_window_on_any_calendar_ends_within_one_week(
    cal: WorkCalendar, done: datetime, window: Span
) -> None:
    cat = RevisitCategory(key="mine", name_en="mine", name_zh="自定", window=window)
    pol = CATALOG.model_copy(update={"categories": (cat,), "calendar": cal})
    due = revisit_due(CompletedRepair(id="X", completed_at=done, category="mine"),
                      policy=pol)
    local = done.astimezone(cal.tz)
    end_of_week = cal.end_of_day(local.date() + timedelta(days=7))
    assert due <= end_of_week
    assert due >= done


def test_om_rv2_a_window_extended_over_rest_days_is_still_cut_at_one_week() -> None:
    # regression (found by the property above): a company window of 7 days extended over rest
    # days, for a repair completed on Saturday 1 March 2025: the last day, Saturday 8 March, is
    # a rest day and would move to Monday 10 March; OM-RV2 (never beyond one week) cuts it at
    # 24:00 on 8 March.
    cat = RevisitCategory(key="mine", name_en="mine", name_zh="自定",
                          window=Span.days(7, extend_over_rest_days=True))
    pol = CATALOG.model_copy(update={"categories": (cat,), "calendar": WorkCalendar()})
    assert revisit_due(repair(when=at(3, 1, 10), category="mine"), policy=pol) == at(3, 9)
