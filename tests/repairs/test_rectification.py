"""`OM-RV4` (对回访中发现的问题,24小时内书面通知维修人员进行整改) and the redo of `SQ-RV`
(对提供服务回访不满意客户……重新提供服务)."""

from __future__ import annotations

from datetime import timedelta

from propmgmt_rules import ObligationState, SetAsideReason, Span
from propmgmt_rules.repairs import (
    CATALOG,
    NANJING,
    PROPERTY_OFFICE,
    RectificationNotice,
    rectification,
)

from .helpers import at, repair, revisit


def _notice(id: str, when: object, form: str = "written", revisit_id: str = "V1") -> (
    RectificationNotice
):
    return RectificationNotice.model_validate(
        {"id": id, "revisit": revisit_id, "at": when, "form": form, "to": "维修班"}
    )


def test_om_rv4_problem_found_at_revisit_written_notice_within_24_hours() -> None:
    rec = revisit(when=at(3, 8, 10), problems=("接口仍有渗水",))
    d = rectification(rec, policy=PROPERTY_OFFICE, notices=[_notice("N1", at(3, 8, 17))],
                      as_of=at(3, 10))
    (ob,) = d.outcome.obligations
    assert ob.rules == ("OM-RV4",)
    assert ob.due == at(3, 9, 10)
    assert ob.state is ObligationState.MET
    assert d.decided_by == ("OM-RV4", "T-HOURS")


def test_om_rv4_notice_after_24_hours_is_late() -> None:
    rec = revisit(when=at(3, 8, 10), problems=("接口仍有渗水",))
    d = rectification(rec, policy=PROPERTY_OFFICE, notices=[_notice("N1", at(3, 9, 11))],
                      as_of=at(3, 10))
    (ob,) = d.outcome.obligations
    assert ob.state is ObligationState.BREACHED
    assert ob.late_by == timedelta(hours=1)


def test_om_rv4_an_oral_notice_is_set_aside_only_writing_counts() -> None:
    rec = revisit(when=at(3, 8, 10), problems=("接口仍有渗水",))
    d = rectification(rec, policy=PROPERTY_OFFICE, notices=[_notice("N1", at(3, 8, 11), "oral")],
                      as_of=at(3, 8, 12))
    (ob,) = d.outcome.obligations
    assert ob.state is ObligationState.PENDING
    assert [(f.fact, f.reason) for f in d.facts_set_aside] == [
        ("notices[N1]", SetAsideReason.PROCEDURE_NOT_FOLLOWED)
    ]


def test_om_rv4_no_problem_found_means_no_notice_is_due() -> None:
    d = rectification(revisit(), policy=PROPERTY_OFFICE)
    assert d.outcome.obligations == ()
    assert [n.rule for n in d.not_applied] == ["OM-RV4", "SQ-RV"]


def test_om_rv4_notices_of_another_revisit_are_ignored() -> None:
    rec = revisit(when=at(3, 8, 10), problems=("门锁松动",))
    d = rectification(rec, policy=PROPERTY_OFFICE,
                      notices=[_notice("N9", at(3, 8, 11), revisit_id="V9")], as_of=at(3, 9, 11))
    assert d.outcome.obligations[0].state is ObligationState.BREACHED


def test_sq_rv_dissatisfied_resident_gets_the_repair_redone_as_a_linked_repair() -> None:
    rec = revisit(when=at(3, 8, 10), satisfied=False)
    redo = repair("R1-redo", when=at(3, 9, 15), redo_of="R1")
    d = rectification(rec, policy=NANJING, repairs=[redo], as_of=at(3, 10))
    (ob,) = d.outcome.obligations
    assert ob.rules == ("SQ-RV",)
    assert ob.state is ObligationState.MET
    assert ob.done_at == at(3, 9, 15)
    assert d.outcome.redo_repairs == ("R1-redo",)


def test_sq_rv_redo_not_yet_done_is_pending_with_no_deadline_in_the_plan() -> None:
    d = rectification(revisit(satisfied=False), policy=NANJING, as_of=at(4, 30))
    (ob,) = d.outcome.obligations
    assert ob.due is None
    assert ob.state is ObligationState.PENDING
    assert "重新提供服务" in d.explanation.zh


def test_sq_rv_a_policy_may_set_a_deadline_for_the_redo() -> None:
    pol = NANJING.model_copy(update={"redo_within": Span.days(2)})
    d = rectification(revisit(when=at(3, 8, 10), satisfied=False), policy=pol,
                      as_of=at(3, 11, 0, 1))
    (ob,) = d.outcome.obligations
    assert ob.due == at(3, 11)
    assert ob.state is ObligationState.BREACHED


def test_sq_rv_satisfied_resident_gets_no_redo() -> None:
    d = rectification(revisit(satisfied=True), policy=NANJING)
    assert d.outcome.obligations == ()
    assert any(n.rule == "SQ-RV" for n in d.not_applied)


def test_sq_rv_unrecorded_satisfaction_is_a_missing_fact() -> None:
    d = rectification(revisit(), policy=CATALOG)
    assert [(m.field, m.needed_by) for m in d.missing_facts] == [
        ("revisits[V1].satisfied", "SQ-RV")
    ]


def test_catalog_policy_gives_both_the_notice_and_the_redo() -> None:
    rec = revisit(when=at(3, 8, 10), problems=("仍漏水",), satisfied=False)
    d = rectification(rec, policy=CATALOG, as_of=at(3, 8, 12))
    assert [o.rules for o in d.outcome.obligations] == [("OM-RV4",), ("SQ-RV",)]
