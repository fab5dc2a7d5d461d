"""Repair policies are data: the presets of documents 001 (`OM`) and 003 (`SQ`), the whole
catalog, and a company's own categories (`OM-RV2`)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError, Span, get_rule
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PRESETS,
    PROPERTY_OFFICE,
    RepairPolicy,
    RevisitCategory,
    resolve_policy,
    revisit_due,
    suggest_category,
)
from propmgmt_rules.repairs.rules import RULES

from .helpers import at, repair

SECTION_4 = ("OM-R3", "OM-R4", "SQ-R1", "OM-RV2", "OM-RV1", "OM-RV3", "OM-RV4", "SQ-RV",
             "MI-4.4.7")


def test_every_rule_of_section_4_is_registered_with_its_chinese_wording() -> None:
    assert {r.id for r in RULES} == set(SECTION_4)
    assert "两天内回访" in get_rule("OM-RV2").text
    assert "24小时内书面通知" in get_rule("OM-RV4").text
    assert "急修马上通报,一般情况2小时内通报" in get_rule("SQ-R1").text
    assert "二次验收" in get_rule("MI-4.4.7").text
    assert all(r.area == "repairs" for r in RULES)


def test_the_catalog_policy_applies_every_rule_of_section_4() -> None:
    assert CATALOG.rules == SECTION_4


def test_om_preset_is_document_001_part_1() -> None:
    assert PROPERTY_OFFICE.rules == ("OM-R3", "OM-R4", "OM-RV2", "OM-RV1", "OM-RV3", "OM-RV4")
    windows = {c.key: c.window for c in PROPERTY_OFFICE.categories}
    assert windows == {"safety": Span.days(2), "leak": Span.days(3), "other": Span.days(7)}
    assert PROPERTY_OFFICE.rectification_notice == Span.hours(24)


def test_sq_preset_is_document_003_part_3() -> None:
    assert NANJING.rules == ("OM-R3", "SQ-R1", "SQ-RV")
    assert NANJING.intake_urgent == Span.immediately()
    assert NANJING.intake_normal == Span.hours(2)
    assert NANJING.coverage == Fraction(1)


def test_presets_by_name_and_an_unknown_name() -> None:
    assert set(PRESETS) == {"catalog", "property-office", "nanjing-plan"}
    assert resolve_policy("Property-Office") is PROPERTY_OFFICE
    assert resolve_policy("nanjing") is resolve_policy("nanjing-plan") is NANJING
    with pytest.raises(InputError, match="policy"):
        resolve_policy("hangzhou")


def test_each_preset_is_a_data_module_of_its_source_with_the_chinese_wording() -> None:
    from propmgmt_rules.repairs.presets import nanjing, procedure10, property_office

    assert "急修马上通报" in nanjing.INTAKE_WORDING
    assert "100%进行回访" in nanjing.REVISIT_WORDING
    assert "漏水项目维修三天内回访" in property_office.REVISIT_WORDING
    assert "二次验收" in procedure10.HANDOVER_WORDING
    assert PROPERTY_OFFICE.categories == property_office.CATEGORIES
    assert CATALOG.handover == procedure10.HANDOVER


def test_a_company_derives_its_policy_validated_even_after_its_calendar_was_read() -> None:
    assert CATALOG.work_calendar.name.startswith("China")  # the calendar is resolved and kept
    ours = CATALOG.derive(name="ours", calendar="weekdays", redo_within=Span.days(2))
    assert (ours.name, ours.work_calendar.name, ours.redo_within) == ("ours", "weekdays",
                                                                       Span.days(2))
    assert ours.basis.name == "ours"
    with pytest.raises(ValidationError, match="coverage"):
        CATALOG.derive(coverage="120%")
    with pytest.raises(ValidationError, match="extra"):
        CATALOG.derive(coverge="100%")


def test_om_rv2_a_company_adds_its_own_category_and_window() -> None:
    gas = RevisitCategory(key="gas", name_en="gas", name_zh="燃气", window=Span.hours(24),
                          keywords=("燃气", "gas"))
    mine = CATALOG.with_category(gas, first=True)
    assert suggest_category("燃气表漏气", policy=mine).category == "gas"
    assert revisit_due(repair(when=at(3, 7, 15), category="gas"), policy=mine) == at(3, 8, 15)
    # the preset itself is unchanged
    assert [c.key for c in CATALOG.categories] == ["safety", "leak", "other"]


def test_a_policy_round_trips_through_json_with_exact_rates() -> None:
    again = RepairPolicy.model_validate_json(CATALOG.model_dump_json())
    assert again == CATALOG
    assert again.quotas[0].minimum == Fraction(1, 10)


def test_duplicate_categories_or_roles_are_refused() -> None:
    data = CATALOG.model_dump()
    data["categories"] = [data["categories"][0], data["categories"][0]]
    with pytest.raises(ValidationError, match="duplicate key"):
        RepairPolicy.model_validate(data)
    data = CATALOG.model_dump()
    data["quotas"] = [data["quotas"][0], data["quotas"][0]]
    with pytest.raises(ValidationError, match="duplicate role"):
        RepairPolicy.model_validate(data)


def test_sq_r1_spans_are_set_together() -> None:
    with pytest.raises(ValidationError, match="SQ-R1"):
        RepairPolicy(name="x", version="1", source="x", intake_urgent=Span.immediately())


def test_an_unknown_calendar_preset_is_refused() -> None:
    with pytest.raises(ValidationError, match="calendar"):
        RepairPolicy(name="x", version="1", source="x", calendar="mars")


def test_a_copied_policy_does_not_keep_the_originals_calendar_or_categories() -> None:
    assert CATALOG.work_calendar.name.startswith("China")
    assert NANJING.categories == ()
    with pytest.raises(InputError):
        NANJING.category("other")
    weekdays = CATALOG.model_copy(update={"calendar": "weekdays"})
    assert weekdays.work_calendar.name == "weekdays"
    with_windows = NANJING.model_copy(update={"categories": CATALOG.categories})
    assert with_windows.category("other").window == Span.days(7)


def test_counting_only_on_time_revisits_needs_windows() -> None:
    with pytest.raises(ValidationError, match="OM-RV2"):
        NANJING.model_validate({**NANJING.model_dump(), "quota_counts": "on_time"})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"redo_within": "3 days before"}, "redo_within"),
        ({"rectification_notice": "提前2天"}, "rectification_notice"),
        ({"intake_urgent": "30 minutes before"}, "intake_urgent"),
        ({"categories": [{"key": "lift", "name_en": "lift", "name_zh": "电梯",
                          "window": "1 day before"}]}, "categories.0.window"),
    ],
)
def test_t_before_a_repair_limit_counts_from_the_event_never_backwards(
    change: dict[str, object], field: str
) -> None:
    # SQ-R1, OM-RV2, OM-RV4, SQ-RV: every limit runs from the request, the completion or the
    # finding; a span counted backwards (T-BEFORE) is refused, naming the field.
    with pytest.raises(ValidationError, match=field.replace(".", r"\.")) as raised:
        CATALOG.derive(**change)
    assert "T-BEFORE" in str(raised.value)
