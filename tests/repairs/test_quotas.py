"""`OM-RV1` (主任回访率不低于10%,管理员回访率不低于30%,维修负责人回访率不低于60%) and the
coverage of `SQ-RV` (100%进行回访), in exact fractions."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules import InputError, SetAsideReason
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    QuotaCounting,
    RoleQuota,
    ceil_share,
    quota_check,
)

from .helpers import FULL_RECORD, at, repair, revisit


def _repairs(n: int) -> list:  # type: ignore[type-arg]
    return [repair(f"R{i}", at(3, 3, 9) + timedelta(minutes=i)) for i in range(n)]


def _visits(role: str, ids: range, day: int = 4) -> list:  # type: ignore[type-arg]
    return [revisit(f"{role}-{i}", f"R{i}", at(3, day, 10), role=role) for i in ids]


def test_om_rv1_quotas_of_the_regulation_are_10_30_and_60_percent() -> None:
    assert [(q.role, q.minimum) for q in PROPERTY_OFFICE.quotas] == [
        ("office_director", Fraction(1, 10)),
        ("administrator", Fraction(3, 10)),
        ("repair_lead", Fraction(6, 10)),
    ]


def test_om_rv1_every_role_at_its_minimum_meets_the_quotas() -> None:
    reps = _repairs(10)
    visits = (_visits("office_director", range(1)) + _visits("administrator", range(1, 4))
              + _visits("repair_lead", range(4, 10)))
    d = quota_check(reps, visits, policy=PROPERTY_OFFICE)
    assert d.outcome.all_met
    assert [r.rate for r in d.outcome.roles] == [Fraction(1, 10), Fraction(3, 10),
                                                 Fraction(6, 10)]
    assert d.decided_by == ("OM-RV1",)


def test_om_rv1_director_below_ten_percent_is_short_by_whole_repairs() -> None:
    # 25 repairs: 10% is 2.5, so the director must revisit 3; with 1 he is short by 2
    reps = _repairs(25)
    d = quota_check(reps, _visits("office_director", range(1)), policy=PROPERTY_OFFICE)
    director = d.outcome.roles[0]
    assert director.rate == Fraction(1, 25)
    assert director.required == 3
    assert director.shortfall == 2
    assert not director.met
    assert "差2项" in d.explanation.zh


def test_om_rv1_a_role_revisiting_one_repair_twice_counts_it_once() -> None:
    reps = _repairs(10)
    visits = [revisit("a", "R0", at(3, 4), role="office_director"),
              revisit("b", "R0", at(3, 5), role="office_director")]
    d = quota_check(reps, visits, policy=PROPERTY_OFFICE)
    assert d.outcome.roles[0].revisited == 1
    assert [f.reason for f in d.facts_set_aside] == [SetAsideReason.NOT_FIRST]


def test_om_rv1_revisits_of_repairs_outside_the_period_are_set_aside() -> None:
    reps = [repair("R0", at(2, 27, 9)), repair("R1", at(3, 3, 9))]
    visits = [revisit("a", "R0", at(3, 1), role="office_director"),
              revisit("b", "R1", at(3, 4), role="office_director")]
    d = quota_check(reps, visits, policy=PROPERTY_OFFICE,
                    period=(date(2025, 3, 1), date(2025, 3, 31)))
    assert d.outcome.repairs == 1
    assert d.outcome.roles[0].rate == 1
    assert {f.fact for f in d.facts_set_aside} == {"completed[R0]", "revisits[a]"}


def test_om_rv1_no_repairs_in_the_period_gives_no_rate_and_no_shortfall() -> None:
    d = quota_check([], [], policy=PROPERTY_OFFICE)
    assert all(r.rate is None and r.shortfall == 0 and r.met for r in d.outcome.roles)


def test_om_rv1_late_revisits_count_unless_the_policy_says_on_time_only() -> None:
    reps = [repair("R0", at(3, 3, 9), category="safety")]  # window ends 6 March 00:00
    visits = [revisit("late", "R0", at(3, 6, 9), role="office_director", **FULL_RECORD)]
    assert quota_check(reps, visits, policy=PROPERTY_OFFICE).outcome.roles[0].revisited == 1
    strict = PROPERTY_OFFICE.model_copy(update={"quota_counts": QuotaCounting.ON_TIME})
    d = quota_check(reps, visits, policy=strict)
    assert d.outcome.roles[0].revisited == 0
    assert d.facts_set_aside[0].reason is SetAsideReason.OUTSIDE_WINDOW


def test_om_rv1_incomplete_records_count_unless_the_policy_says_complete_only() -> None:
    reps = [repair("R0", at(3, 3, 9))]
    visits = [revisit("v", "R0", at(3, 4, 9), role="office_director")]
    strict = PROPERTY_OFFICE.model_copy(
        update={"quota_counts": QuotaCounting.ON_TIME_COMPLETE})
    d = quota_check(reps, visits, policy=strict)
    assert d.outcome.roles[0].revisited == 0
    assert d.facts_set_aside[0].rule == "OM-RV3"


def test_sq_rv_every_repair_is_revisited_100_percent() -> None:
    reps = _repairs(4)
    visits = [revisit(f"v{i}", f"R{i}", at(3, 4), role="customer_service") for i in range(3)]
    d = quota_check(reps, visits, policy=NANJING)
    cov = d.outcome.coverage
    assert cov is not None
    assert cov.rate == Fraction(3, 4)
    assert cov.required == 4
    assert cov.shortfall == 1
    assert not d.outcome.all_met
    assert d.decided_by == ("SQ-RV",)


def test_sq_rv_and_om_rv1_together_under_the_catalog() -> None:
    reps = _repairs(10)
    visits = (_visits("office_director", range(1)) + _visits("administrator", range(1, 4))
              + _visits("repair_lead", range(4, 10)))
    d = quota_check(reps, visits, policy=CATALOG)
    assert d.outcome.all_met
    assert d.outcome.coverage is not None
    assert d.outcome.coverage.rate == 1


def test_a_policy_with_neither_quotas_nor_coverage_is_an_error() -> None:
    pol = PROPERTY_OFFICE.model_copy(update={"quotas": ()})
    with pytest.raises(InputError, match="policy"):
        quota_check([], [], policy=pol)


def test_quota_minimum_reads_percent_fraction_and_decimal_exactly() -> None:
    for text in ("10%", "1/10", "0.1", 0.1):
        q = RoleQuota.model_validate({"role": "x", "name_en": "x", "name_zh": "x",
                                      "minimum": text})
        assert q.minimum == Fraction(1, 10)


@pytest.mark.parametrize("bad", ["110%", "-1/10", "abc", True])
def test_quota_minimum_outside_0_to_1_or_unreadable_is_refused(bad: object) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="minimum"):
        RoleQuota.model_validate({"role": "x", "name_en": "x", "name_zh": "x", "minimum": bad})


@settings(max_examples=60)
@given(st.integers(0, 60), st.data())
def test_rates_are_exact_fractions_and_shortfall_is_exact_ceiling(
    n: int, data: st.DataObject
) -> None:
    reps = _repairs(n)
    k = data.draw(st.integers(0, n))
    d = quota_check(reps, _visits("administrator", range(k)), policy=PROPERTY_OFFICE)
    admin = d.outcome.roles[1]
    if n == 0:
        assert admin.rate is None
    else:
        assert isinstance(admin.rate, Fraction)
        assert admin.rate == Fraction(k, n)
    # the least whole number of repairs r with r / n >= 3/10
    least = next(r for r in range(n + 1) if Fraction(r) >= Fraction(3, 10) * n)
    assert admin.required == least == ceil_share(Fraction(3, 10), n)
    assert admin.shortfall == max(0, least - k)
    assert admin.met == (n == 0 or admin.rate >= Fraction(3, 10))  # type: ignore[operator]
