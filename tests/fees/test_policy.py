"""The settings of section 5 as data: presets per source, derive(), validation naming the
field, presets by name (`VK-FEE`, `VK-FEE-LIMIT`, `SQ-FEES`, `MI-4.3.1`, `MI-4.3.2`)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError, get_rule
from propmgmt_rules.fees import (
    CATALOG,
    NANJING,
    PRESETS,
    PROCEDURE_10,
    VK,
    FeePolicy,
    resolve_policy,
)
from propmgmt_rules.fees.presets import nanjing, procedure10, vk


def test_each_source_has_its_preset_and_the_catalog_has_them_all() -> None:
    assert VK.rules == ("VK-FEE", "VK-FEE-LIMIT")
    assert NANJING.rules == ("SQ-FEES",)
    assert PROCEDURE_10.rules == ("MI-4.3.1", "MI-4.3.2")
    assert CATALOG.rules == ("VK-FEE", "VK-FEE-LIMIT", "SQ-FEES", "MI-4.3.1", "MI-4.3.2")


def test_vk_fee_the_preset_ladder_is_the_decks_1_2_3_6_12_months() -> None:
    assert VK.collection is not None
    assert [(r.action.value, r.every.amount, r.every.unit.value) for r in VK.collection.rungs] == [
        ("notice", 1, "months"), ("phone", 2, "months"), ("visit", 3, "months"),
        ("lawyer_letter", 6, "months"), ("suit", 12, "months")]
    assert "每两月电话催缴" in vk.LADDER_WORDING


def test_vk_fee_limit_the_preset_is_36_months_and_a_90_day_margin() -> None:
    assert VK.collection is not None
    assert (VK.collection.limitation.amount, VK.collection.limitation.unit.value) == (36, "months")
    assert VK.collection.escalation_margin_days == 90
    assert VK.role(VK.collection.escalate_to).zh == "管理处主任"


def test_the_registry_records_quote_the_presets_wording() -> None:
    assert get_rule("VK-FEE").text == vk.LADDER_WORDING
    assert "每三天与财务会计核对台帐一次" in get_rule("SQ-FEES").text
    assert get_rule("SQ-FEES").text.startswith(nanjing.BILLING_WORDING)
    assert get_rule("MI-4.3.1").text == procedure10.NOTICE_WORDING
    assert "登报催办" in get_rule("MI-4.3.2").text
    assert all(get_rule(r).area == "fees" for r in CATALOG.rules)


def test_a_preset_is_resolved_by_name_one_way_and_an_unknown_name_names_the_argument() -> None:
    assert resolve_policy(" Nanjing ") is NANJING
    assert set(PRESETS) == {"catalog", "vk", "nanjing", "procedure10"}
    with pytest.raises(InputError) as err:
        resolve_policy("mars")
    assert err.value.field == "policy"
    with pytest.raises(InputError):
        resolve_policy(42)  # type: ignore[arg-type]


def test_derive_merges_a_settings_block_and_validates() -> None:
    mine = CATALOG.derive(name="ours", billing={"summary_day": 20}, move_in=None)
    assert mine.billing is not None
    assert mine.billing.summary_day == 20
    assert mine.move_in is None
    assert "MI-4.3.1" not in mine.rules
    assert CATALOG.billing is not None
    assert CATALOG.billing.summary_day == 25
    with pytest.raises(ValidationError, match="summary_day"):
        CATALOG.derive(billing={"summary_day": 31})


def test_a_role_a_setting_names_must_be_in_the_roles() -> None:
    data = VK.model_dump(mode="json")
    data["collection"]["escalate_to"] = "chairman"
    with pytest.raises(ValidationError, match=r"collection.escalate_to: no role 'chairman'"):
        FeePolicy.model_validate(data)


def test_a_ladder_has_one_rung_per_action_of_days_or_months() -> None:
    assert VK.collection is not None
    rungs = [r.model_dump(mode="json") for r in VK.collection.rungs]
    with pytest.raises(ValidationError, match="has two rungs"):
        VK.derive(collection={"rungs": [*rungs, rungs[0]]})
    rungs[0]["every"] = "2 hours"
    with pytest.raises(ValidationError, match="at least 1 day or 1 month"):
        VK.derive(collection={"rungs": rungs})


def test_a_policy_round_trips_through_json() -> None:
    again = FeePolicy.model_validate_json(CATALOG.model_dump_json())
    assert again == CATALOG
    assert again.rules == CATALOG.rules


def test_derive_is_the_cores_and_works_after_the_calendar_was_read() -> None:
    """Issue 12: FeePolicy is a core Policy; a derived policy is validated anew, even when
    the original's calendar (kept beside it) was already read."""
    from propmgmt_rules.policy import Policy

    assert isinstance(CATALOG, Policy)
    assert CATALOG.work_calendar.name == "weekdays"
    ours = CATALOG.derive(name="ours", calendar="china-official",
                          roles={"office_director": {"en": "the director", "zh": "主任"}})
    assert ours.work_calendar.name != "weekdays"
    assert ours.role("office_director").zh == "主任"
    assert ours.role("management_office") == CATALOG.role("management_office")
    assert ours.basis.name == "ours"


@pytest.mark.parametrize("field", ["reminder_within"])
def test_t_before_a_limit_after_an_event_is_refused_counted_backwards(field: str) -> None:
    # MI-4.3.2: the reminder is owed within 3 days AFTER the deadline; "3 days before"
    # (T-BEFORE) would put it before the deadline it follows, so the policy refuses it.
    with pytest.raises(ValidationError, match=r"move_in\.reminder_within[\s\S]*'3 days before'"):
        VK.derive(move_in={field: "3 days before"})
    with pytest.raises(ValidationError, match=r"billing\.reconcile_every"):
        NANJING.derive(billing={"reconcile_every": "提前3天"})


def test_a_question_the_policy_leaves_out_is_an_error_naming_its_rule() -> None:
    # each question needs its block: VK-FEE (collection), SQ-FEES (billing), MI-4.3.1 (move_in)
    assert VK.settings("collection") is VK.collection
    for policy, block, rule in ((NANJING, "collection", "VK-FEE"), (VK, "billing", "SQ-FEES"),
                                (VK, "move_in", "MI-4.3.1")):
        with pytest.raises(InputError, match=f"{rule} is not part of fee policy") as raised:
            policy.settings(block)
        assert raised.value.field == "policy"
