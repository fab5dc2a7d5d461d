"""One way to name a preset for every kind of setting (issue 12)."""

from __future__ import annotations

import pytest

import propmgmt_rules  # noqa: F401  (every area registers its presets)
from propmgmt_rules.complaints import NANJING, ComplaintPolicy, resolve_policy
from propmgmt_rules.errors import InputError
from propmgmt_rules.fees import FeePolicy
from propmgmt_rules.fees import resolve_policy as resolve_fee_policy
from propmgmt_rules.ownership import CC, Rulebook
from propmgmt_rules.ownership.cases import resolve_rulebook
from propmgmt_rules.presets import (
    preset_kinds,
    preset_names,
    presets,
    register_preset,
    register_preset_kind,
    resolve_preset,
)
from propmgmt_rules.repairs import RepairPolicy
from propmgmt_rules.repairs import resolve_policy as resolve_repair_policy
from propmgmt_rules.time import WorkCalendar, resolve_calendar

KINDS = {"calendar": WorkCalendar, "rulebook": Rulebook, "complaint_policy": ComplaintPolicy,
         "repair_policy": RepairPolicy, "fee_policy": FeePolicy}


def test_every_kind_of_setting_is_declared_with_its_type() -> None:
    assert {k: v.type for k, v in preset_kinds().items()}.items() >= KINDS.items()


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_preset_resolves_by_any_case_and_spacing_and_the_object_itself(kind: str) -> None:
    for name in [n for n in preset_names(kind) if "YYYY" not in n]:
        preset = resolve_preset(kind, name)
        assert isinstance(preset, KINDS[kind])
        assert resolve_preset(kind, f"  {name.upper()} ") is preset
        assert resolve_preset(kind, name.lower()) is preset
        assert resolve_preset(kind, preset) is preset


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_unknown_name_or_another_type_names_the_argument_and_the_known_names(
        kind: str) -> None:
    field = preset_kinds()[kind].field
    with pytest.raises(InputError) as err:
        resolve_preset(kind, "mars")
    assert err.value.field == field
    assert "unknown" in err.value.reason
    for name in preset_names(kind):
        assert name in err.value.reason
    with pytest.raises(InputError) as err:
        resolve_preset(kind, 42)
    assert err.value.field == field
    assert err.value.value == "int"
    with pytest.raises(InputError, match="at most 200"):
        resolve_preset(kind, "x" * 201)
    with pytest.raises(InputError) as err:
        resolve_preset(kind, "mars", field="case.policy")
    assert err.value.field == "case.policy"


def test_the_areas_resolvers_are_the_one_resolver() -> None:
    assert resolve_calendar("china-official") is resolve_preset("calendar", "China-Official")
    assert resolve_policy("nanjing") is NANJING is resolve_preset("complaint_policy", "NANJING")
    assert resolve_rulebook("cc") is CC
    assert resolve_repair_policy("catalog") is resolve_preset("repair_policy", "catalog")
    assert resolve_fee_policy("vk") is resolve_preset("fee_policy", "VK")
    with pytest.raises(InputError, match="rulebook: unknown rulebook preset"):
        resolve_rulebook("XY")


def test_an_alias_names_the_same_preset() -> None:
    assert resolve_calendar("always-open") is resolve_calendar("24/7")
    assert "24/7" in presets("calendar")


def test_a_calendar_of_a_pattern_is_built_once_per_name() -> None:
    a = resolve_calendar("china-2025@09:00-18:00")
    assert resolve_calendar("china-2025@09:00-18:00") is a
    assert a.working_hours[0].end.hour == 18
    with pytest.raises(InputError, match="working hours after '@'"):
        resolve_calendar("weekdays@25:00-26:00")
    with pytest.raises(InputError, match="unknown calendar preset"):
        resolve_calendar("mars@09:00-18:00")


def test_a_preset_is_built_by_its_factory_once_until_cleared() -> None:
    built: list[int] = []

    def factory() -> WorkCalendar:
        built.append(1)
        return WorkCalendar(name="tests-office")

    kind = register_preset_kind("tests_calendar", WorkCalendar, field="calendar")
    register_preset("tests_calendar", "office", factory=factory, aliases=("bureau",))
    assert resolve_preset("tests_calendar", "Bureau") is resolve_preset("tests_calendar", "office")
    assert built == [1]
    kind.clear()
    resolve_preset("tests_calendar", "office")
    assert built == [1, 1]
    with pytest.raises(RuntimeError, match="registered for"):
        register_preset("tests_calendar", "other", WorkCalendar(), aliases=("office",))
    with pytest.raises(RuntimeError, match="declared for"):
        register_preset_kind("tests_calendar", Rulebook, field="rulebook")
    with pytest.raises(InputError, match="kind"):
        resolve_preset("nowhere", "x")
