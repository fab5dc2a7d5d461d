"""`MI-4.4.7` c: 验收中发现的工程遗留问题,业主要求搬入或二次装修前维修的,……按照业主的合理
限期进行整改……若在限期内未能整改完毕的,管理员应将具体情况反馈给业主,并告知具体验收时间;
整改完毕后,由客服中心通知业主进行二次验收,二次验收不合格的,由管理员进行督促跟进,限期尽快解决。"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError, ObligationState, SetAsideReason, Span
from propmgmt_rules.repairs import (
    CATALOG,
    PROPERTY_OFFICE,
    DefectState,
    HandoverInspection,
    HandoverSettings,
    handover,
)

from .helpers import at


def _inspection(**defect: Any) -> HandoverInspection:
    d: dict[str, Any] = {"id": "D1", "description": "主卧墙面空鼓", "repair_before_move_in": True,
                         "deadline": at(4, 15, 18)}
    d.update(defect)
    return HandoverInspection.model_validate(
        {"id": "H1", "unit": "8-1-1202", "owner": "陈先生", "inspected_at": at(4, 1, 10),
         "defects": [d]}
    )


def _obs(insp: HandoverInspection, **kw: Any) -> list[tuple[str, ObligationState]]:
    d = handover(insp, policy=CATALOG, **kw)
    return [(o.key.split(":")[1], o.state) for o in d.outcome.defects[0].obligations]


def test_mi_4_4_7_defect_rectified_within_the_owners_deadline() -> None:
    insp = _inspection(rectified_at=at(4, 10, 16))
    d = handover(insp, policy=CATALOG, as_of=at(4, 11))
    (status,) = d.outcome.defects
    assert status.state is DefectState.RECTIFIED
    rect, invite = status.obligations
    assert rect.due == at(4, 15, 18)
    assert rect.state is ObligationState.MET
    assert (rect.owed_by, rect.owed_by_name.zh) == ("engineering", "工程部")
    # after rectification the owner is invited to a second inspection: no span in 4.4.7
    assert invite.key == "H1/D1:second_inspection"
    assert invite.due is None
    assert invite.state is ObligationState.PENDING
    assert d.decided_by == ("MI-4.4.7",)


def test_mi_4_4_7_deadline_missed_owner_told_and_given_an_inspection_time() -> None:
    insp = _inspection(owner_told_at=at(4, 16, 9), reinspection_time=at(4, 20, 10))
    assert _obs(insp, as_of=at(4, 17)) == [
        ("rectify", ObligationState.BREACHED),
        ("tell_owner", ObligationState.MET),
    ]


def test_mi_4_4_7_owner_told_without_an_inspection_time_is_not_enough() -> None:
    insp = _inspection(owner_told_at=at(4, 16, 9))
    d = handover(insp, policy=CATALOG, as_of=at(4, 17))
    assert d.outcome.defects[0].obligations[1].state is ObligationState.PENDING
    assert "未告知具体验收时间" in d.explanation.zh


def test_mi_4_4_7_a_policy_may_set_a_span_for_telling_the_owner() -> None:
    pol = CATALOG.model_copy(update={"handover": HandoverSettings(
        missed_notice_within=Span.parse("1 working day"))})
    d = handover(_inspection(), policy=pol, as_of=at(4, 18))  # deadline Tue 15 April 18:00
    tell = d.outcome.defects[0].obligations[1]
    assert tell.due == at(4, 17)  # end of Wednesday 16 April
    assert tell.state is ObligationState.BREACHED


def test_mi_4_4_7_second_inspection_passed_closes_the_defect() -> None:
    insp = _inspection(rectified_at=at(4, 10, 16), invited_at=at(4, 10, 17),
                       second_inspection_at=at(4, 12, 10), second_inspection_passed=True)
    d = handover(insp, policy=CATALOG, as_of=at(4, 13))
    assert d.outcome.defects[0].state is DefectState.ACCEPTED
    assert all(o.state is ObligationState.MET for o in d.outcome.defects[0].obligations)


def test_mi_4_4_7_failed_second_inspection_is_followed_up_to_a_new_deadline() -> None:
    insp = _inspection(rectified_at=at(4, 10, 16), invited_at=at(4, 10, 17),
                       second_inspection_at=at(4, 12, 10), second_inspection_passed=False,
                       follow_up_deadline=at(4, 19, 18))
    d = handover(insp, policy=CATALOG, as_of=at(4, 20))
    status = d.outcome.defects[0]
    assert status.state is DefectState.FAILED_SECOND_INSPECTION
    follow = status.obligations[-1]
    assert follow.key == "H1/D1:follow_up"
    assert (follow.owed_by, follow.owed_by_name.zh) == ("administrator", "管理员")
    assert follow.state is ObligationState.BREACHED


def test_mi_4_4_7_follow_up_resolved_in_time() -> None:
    insp = _inspection(rectified_at=at(4, 10, 16), second_inspection_at=at(4, 12, 10),
                       second_inspection_passed=False, follow_up_deadline=at(4, 19, 18),
                       resolved_at=at(4, 18, 9))
    d = handover(insp, policy=CATALOG, as_of=at(4, 20))
    assert d.outcome.defects[0].state is DefectState.RESOLVED


def test_mi_4_4_7_no_owner_deadline_is_a_missing_fact_not_a_default() -> None:
    d = handover(_inspection(deadline=None), policy=CATALOG, as_of=at(4, 30))
    assert [m.field for m in d.missing_facts] == ["handovers[H1].defects[D1].deadline"]
    assert d.outcome.defects[0].obligations[0].state is ObligationState.PENDING


def test_mi_4_4_7_repair_after_moving_in_is_outside_the_rule() -> None:
    d = handover(_inspection(repair_before_move_in=False), policy=CATALOG, as_of=at(4, 30))
    assert d.outcome.defects[0].state is DefectState.NOT_APPLICABLE
    assert d.facts_set_aside[0].reason is SetAsideReason.NOT_APPLICABLE


def test_mi_4_4_7_is_not_part_of_the_property_office_rules() -> None:
    with pytest.raises(InputError, match=r"MI-4\.4\.7"):
        handover(_inspection(), policy=PROPERTY_OFFICE)


def test_mi_4_4_7_a_second_inspection_before_the_rectification_is_refused() -> None:
    with pytest.raises(ValidationError, match="second_inspection_at"):
        _inspection(rectified_at=at(4, 10), second_inspection_at=at(4, 9))
