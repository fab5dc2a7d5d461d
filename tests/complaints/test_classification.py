"""Classification (catalog section 3): CP-4.2.1, CA-2.1, CA-2.2, CP-4.2.2 .. CP-4.2.4, SQ-GROUP,
SQ-GOV. Expected classes come from the catalog's wording."""

from __future__ import annotations

from decimal import Decimal

import pytest

from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    ComplaintPolicy,
    Nature,
    Severity,
    Subject,
    Validity,
    classify,
)

from .factory import IMPORTANT, MAJOR, complaint

# -- CP-4.2.1 validity -----------------------------------------------------------------------


def test_cp_4_2_1_an_unjustified_demand_or_grumble_is_invalid() -> None:
    d = classify(complaint(justified=False, caused_by="resident", intent="venting"),
                 policy=PROCEDURE_5)
    assert d.outcome.validity is Validity.INVALID
    assert d.outcome.severity is None
    assert "CP-4.2.1" in d.decided_by


def test_cp_4_2_1_caused_by_the_companys_work_is_a_valid_property_service_complaint() -> None:
    d = classify(complaint(caused_by="company_staff"), policy=PROCEDURE_5)
    assert d.outcome.validity is Validity.VALID_PROPERTY_SERVICE


@pytest.mark.parametrize("cause", ["developer", "sales_promise"])
def test_cp_4_2_1_construction_defects_and_sales_promises_are_non_property_service(
    cause: str,
) -> None:
    d = classify(complaint(caused_by=cause, assessed_severity="important"), policy=PROCEDURE_5)
    assert d.outcome.validity is Validity.VALID_NON_PROPERTY_SERVICE


def test_cp_4_2_1_whether_the_demand_is_justified_is_missing_not_guessed() -> None:
    d = classify(complaint(justified=None), policy=PROCEDURE_5)
    assert d.outcome.validity is None
    assert [m.field for m in d.missing_facts if m.needed_by == "CP-4.2.1"] == ["justified"]


def test_cp_4_2_1_invalid_yet_injured_by_the_company_is_a_conflict_escalated() -> None:
    d = classify(complaint(justified=False, caused_by="company_staff", injury=True),
                 policy=PROCEDURE_5)
    assert d.outcome.validity is None
    assert d.outcome.severity is None
    assert d.escalation is not None
    assert d.escalation.to == "office_director"
    assert set(d.escalation.rules) == {"CP-4.2.1", "CP-4.2.2"}
    assert d.outcome.conflicts


def test_cp_4_2_1_justified_but_the_residents_own_doing_is_a_conflict() -> None:
    d = classify(complaint(caused_by="resident"), policy=NANJING)
    assert d.escalation is not None
    assert d.escalation.to == "head_of_office"


# -- CA-2.1 nature ------------------------------------------------------------------------------


def test_ca_2_1_damage_caused_by_the_company_is_an_effective_complaint() -> None:
    d = classify(complaint(**MAJOR), policy=PROCEDURE_5)
    assert d.outcome.nature is Nature.EFFECTIVE


def test_ca_2_1_a_failure_verified_by_the_authority_is_effective() -> None:
    d = classify(complaint(verified_by_authority=True, intent="enquiry"), policy=PROCEDURE_5)
    assert d.outcome.nature is Nature.EFFECTIVE


@pytest.mark.parametrize(
    ("intent", "nature"),
    [("help", Nature.HELP_SEEKING), ("enquiry", Nature.ENQUIRY), ("venting", Nature.VENTING)],
)
def test_ca_2_1_communicative_complaints_seek_help_ask_or_vent(intent: str,
                                                                nature: Nature) -> None:
    d = classify(complaint(intent=intent), policy=PROCEDURE_5)
    assert d.outcome.nature is nature
    assert nature.communicative


def test_ca_2_1_without_damage_verification_or_intent_the_nature_is_missing() -> None:
    d = classify(complaint(intent=None), policy=PROCEDURE_5)
    assert d.outcome.nature is None
    assert any(m.field == "intent" and m.needed_by == "CA-2.1" for m in d.missing_facts)


# -- CA-2.2 subject -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("about", "subject"),
    [
        ("air_conditioning", Subject.EQUIPMENT),
        ("lighting", Subject.EQUIPMENT),
        ("water", Subject.EQUIPMENT),
        ("power", Subject.EQUIPMENT),
        ("lift", Subject.EQUIPMENT),
        ("staff_attitude", Subject.SERVICE_ATTITUDE),
        ("repair_quality", Subject.SERVICE_QUALITY),
        ("mail", Subject.SERVICE_QUALITY),
        ("sudden_incident", Subject.SUDDEN_INCIDENT),
    ],
)
def test_ca_2_2_equipment_attitude_quality_and_sudden_incidents(about: str,
                                                                subject: Subject) -> None:
    assert classify(complaint(about=about), policy=NANJING).outcome.subject is subject


def test_ca_2_2_what_it_is_about_is_missing_not_guessed() -> None:
    d = classify(complaint(about=None), policy=NANJING)
    assert d.outcome.subject is None
    assert any(m.field == "about" for m in d.missing_facts)


# -- CP-4.2.2 .. CP-4.2.4 severity --------------------------------------------------------------


def test_cp_4_2_2_personal_injury_by_the_companys_responsibility_is_major() -> None:
    d = classify(complaint(**MAJOR), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MAJOR
    assert d.outcome.severity_rule == "CP-4.2.2"


def test_cp_4_2_2_a_major_loss_flagged_by_staff_is_major() -> None:
    d = classify(complaint(caused_by="company_staff", loss_amount="800", major_loss=True),
                 policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MAJOR


def test_cp_4_2_2_the_major_loss_threshold_is_a_policy_setting() -> None:
    policy = PROCEDURE_5.model_copy(update={"major_loss_threshold": Decimal("5000")})
    below = complaint(caused_by="company_facilities", loss_amount="4999.99")
    at_threshold = complaint(caused_by="company_facilities", loss_amount="5000")
    assert classify(below, policy=policy).outcome.severity is Severity.MINOR
    assert classify(at_threshold, policy=policy).outcome.severity is Severity.MAJOR


def test_cp_4_2_2_a_loss_with_no_threshold_and_no_flag_is_missing_not_guessed() -> None:
    d = classify(complaint(loss_amount="300"), policy=PROCEDURE_5)
    assert d.outcome.severity is None
    assert any(m.field == "major_loss" and m.needed_by == "CP-4.2.2" for m in d.missing_facts)


def test_cp_4_2_2_a_promised_service_raised_repeatedly_3_times_is_major() -> None:
    twice = complaint(promised_service_failed=True, times_raised=2)
    thrice = complaint(promised_service_failed=True, times_raised=3)
    assert classify(twice, policy=PROCEDURE_5).outcome.severity is Severity.MINOR
    assert classify(thrice, policy=PROCEDURE_5).outcome.severity is Severity.MAJOR


def test_cp_4_2_2_repeatedly_is_a_policy_setting() -> None:
    strict = ComplaintPolicy.model_validate(
        {**PROCEDURE_5.model_dump(), "repeated_threshold": 2})
    d = classify(complaint(promised_service_failed=True, times_raised=2), policy=strict)
    assert d.outcome.severity is Severity.MAJOR


def test_cp_4_2_2_unknown_injury_leaves_the_severity_undecided() -> None:
    d = classify(complaint(injury=None), policy=PROCEDURE_5)
    assert d.outcome.severity is None
    assert any(m.field == "injury" for m in d.missing_facts)


def test_cp_4_2_3_service_not_in_place_or_at_fault_is_important() -> None:
    d = classify(complaint(**IMPORTANT), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.IMPORTANT
    assert d.outcome.severity_rule == "CP-4.2.3"


def test_cp_4_2_4_limits_of_facilities_not_people_is_minor() -> None:
    d = classify(complaint(), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MINOR
    assert d.outcome.severity_rule == "CP-4.2.4"


def test_severity_of_a_complaint_the_company_did_not_cause_is_staffs_assessment() -> None:
    missing = classify(complaint(caused_by="developer"), policy=PROCEDURE_5)
    assert missing.outcome.severity is None
    assert any(m.field == "assessed_severity" for m in missing.missing_facts)
    assessed = classify(complaint(caused_by="developer", assessed_severity="important"),
                        policy=PROCEDURE_5)
    assert assessed.outcome.severity is Severity.IMPORTANT


def test_an_assessment_the_rules_contradict_is_set_aside() -> None:
    d = classify(complaint(**MAJOR, assessed_severity="minor"), policy=PROCEDURE_5)
    assert d.outcome.severity is Severity.MAJOR
    assert any(f.fact == "assessed_severity" for f in d.facts_set_aside)


# -- SQ-GROUP, SQ-GOV --------------------------------------------------------------------------


def test_sq_group_a_group_complaint_is_flagged() -> None:
    d = classify(complaint(group=True), policy=NANJING)
    assert d.outcome.group is True
    assert "SQ-GROUP" in d.decided_by


def test_sq_gov_a_complaint_forwarded_by_a_government_body_is_flagged() -> None:
    d = classify(complaint(forwarded_by_government=True, channel="letter"), policy=NANJING)
    assert d.outcome.government is True
    assert "SQ-GOV" in d.decided_by


def test_classification_explains_itself_in_english_and_chinese() -> None:
    d = classify(complaint(**IMPORTANT), policy=PROCEDURE_5)
    assert "Severity: important" in d.explanation.en
    assert "重要投诉" in d.explanation.zh
    assert "CP-4.2.3" in d.explanation.en
