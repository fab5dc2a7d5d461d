"""The `SD` rulebook (document 001 part 2), ownership and commission clauses, one test per
clause and outcome, from the catalog's wording. The rotation clauses are in test_rotation.py."""

from __future__ import annotations

from fractions import Fraction

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.ownership import POOL, SD, decide_ownership

from .helpers import HALF, ONE, amounts, book, deal, reason, rec, split, spouses, t, used, who


def test_sd_3_13_a_phone_registration_never_establishes_ownership() -> None:
    """SD-3.13: 來電登記內容不作為確定客戶歸屬的依據."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", channel="phone"),
                         rec("R2", "C1", "B", "2025-03-02 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=SD)
    assert {s.party for s in d.outcome.owners} == {"B"}
    assert d.facts_set_aside[0].rule == "SD-3.13"


def test_sd_7_1_a_registration_is_valid_for_one_month() -> None:
    """SD-7.1: 登記有效期為一個月 (same semantics as CC-9.1/CC-9.2)."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-01-31 10:00"),
                         rec("R2", "C1", "B", "2025-03-01 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)  # 31 Jan + 1 month = 28 Feb, 24:00
    assert d.decided_by[0] == "SD-7.1"
    b2 = book(receptions=[rec("R1", "C1", "A", "2025-01-31 10:00"),
                          rec("R2", "C1", "B", "2025-02-28 23:00")])
    assert who(b2, "C1", "2025-03-02 00:00", SD) == {"A": ONE}


def test_sd_7_2_an_unverified_registration_does_not_count() -> None:
    """SD-7.2: 由項目經理審核確認方為有效."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", verified=False),
                         rec("R2", "C1", "B", "2025-03-02 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert reason(d, "reception:R1") is SetAsideReason.UNVERIFIED


def test_sd_7_3_the_earlier_registration_wins() -> None:
    """SD-7.3: 客戶登記有沖突時,以先登記者為準."""
    b = book(receptions=[rec("R2", "C1", "B", "2025-03-05 10:00"),
                         rec("R1", "C1", "A", "2025-03-01 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-06 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert "SD-7.3" in d.decided_by
    assert reason(d, "reception:R2") is SetAsideReason.NOT_FIRST


def test_sd_4_1_a_returning_client_belongs_to_the_registered_consultant() -> None:
    """SD-4.1: 曾經到訪過的客戶再次到訪,原則上由曾經接待(以登記為準)的售樓員接待."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "A", "2025-03-20 10:00"),
                         rec("R3", "C1", "B", "2025-04-10 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-04-11 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert "SD-4.1" in d.decided_by


def test_sd_4_2_a_duty_reception_for_an_absent_owner_keeps_the_owner() -> None:
    """SD-4.2: the owner is absent, the last on the rotation receives on duty; the client stays."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "Z", "2025-03-10 10:00", on_duty_for="A")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-11 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert used(d, "reception:R2").rule == "SD-4.2"


def test_sd_3_6_a_client_who_names_the_original_consultant_goes_to_that_consultant() -> None:
    """SD-3.6: 若來過,應將該客戶交給原先接待過的同事."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "B", "2025-03-10 10:00", asked_for="A")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-11 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert "SD-3.6" in d.decided_by


def _forgot(extra_recognitions: list[dict[str, object]] = (),  # type: ignore[assignment]
            deals: list[dict[str, object]] = ()) -> dict[str, object]:  # type: ignore[assignment]
    """A client of A comes back and, not remembering A, is received as new by N (SD-3.7)."""
    return {
        "receptions": [rec("R1", "C1", "A", "2025-03-01 10:00"),
                       rec("R2", "C1", "N", "2025-03-20 10:00", forgot_consultant=True)],
        "recognitions": list(extra_recognitions),
        "deals": list(deals),
    }


def _recog(at: str) -> dict[str, object]:
    return {"id": "G1", "client": "C1", "consultant": "A", "at": t(at)}


def test_sd_3_7_a_client_who_cannot_name_the_original_is_received_as_new() -> None:
    """SD-3.7: 記不得原接待售樓員,將視為新客戶由新售樓員繼續接待."""
    d = decide_ownership(book(**_forgot()), "C1", as_of=t("2025-03-21 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("N",)
    assert "SD-3.7" in d.decided_by


def test_sd_3_7_g_recognised_the_same_day_the_original_consultant_owns() -> None:
    """SD-3.7.G: 如當日原售樓員認出客戶或客戶認出原售樓員,則還由原售樓員進行接待."""
    d = decide_ownership(book(**_forgot([_recog("2025-03-20 11:00")])), "C1",
                         as_of=t("2025-03-21 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert d.decided_by[0] == "SD-3.7.G" or "SD-3.7.G" in d.decided_by
    assert d.provisional is None


def test_sd_3_7_h_a_deal_on_the_spot_before_any_recognition_is_all_the_new_consultants() -> None:
    """SD-3.7.H: 新售樓員促成當場成交,且成交前未認出 → 客戶資源和傭金全部歸新售樓員."""
    b = book(**_forgot([_recog("2025-03-20 16:00")],
                       [deal("D1", "C1", "2025-03-20 15:00", "8000.00")]))
    d = split(b, "D1", SD, "2025-05-01 00:00")
    assert amounts(d) == {"N": "8000.00"}
    assert "SD-3.7.H" in d.decided_by
    assert d.provisional is None


def test_sd_3_7_i_recognised_within_a_month_the_commission_is_split_evenly() -> None:
    """SD-3.7.I: 當場未成交,之後1個月內認出 → 新售樓員跟進,傭金由原售樓員和新售樓員平分."""
    b = book(**_forgot([_recog("2025-04-20 12:00")],
                       [deal("D1", "C1", "2025-04-02 10:00", "8000.01")]))
    d = decide_ownership(b, "C1", as_of=t("2025-04-21 00:00"), rulebook=SD)
    assert d.outcome.shares() == {"A": HALF, "N": HALF}
    c = split(b, "D1", SD, "2025-04-21 00:00")
    assert amounts(c) == {"A": "4000.01", "N": "4000.00"}  # the odd cent: listed first
    assert "SD-3.7.I" in c.decided_by


def test_sd_3_7_j_not_recognised_within_a_month_all_to_the_new_consultant() -> None:
    """SD-3.7.J: 1個月內也未認出 → 客戶資源和傭金全部歸新售樓員."""
    b = book(**_forgot([_recog("2025-04-21 09:00")]))  # 20 Mar + 1 month = 20 Apr, 24:00
    d = decide_ownership(b, "C1", as_of=t("2025-04-22 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("N",)
    assert d.provisional is None
    assert reason(d, "recognition:G1") is SetAsideReason.OUTSIDE_WINDOW


def test_sd_3_7_j_while_the_month_runs_the_decision_says_it_may_still_change() -> None:
    """SD-3.7.J: a decision made while that month is still running is provisional, until its end."""
    d = decide_ownership(book(**_forgot()), "C1", as_of=t("2025-04-01 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("N",)
    assert d.provisional is not None
    assert d.provisional.until == t("2025-04-21 00:00")
    assert set(d.provisional.rules) == {"SD-3.7.I", "SD-3.7.J"}


def _change(at: str = "2025-03-01 11:00", **kw: object) -> dict[str, object]:
    return {"id": "Q1", "client": "C1", "at": t(at), **kw}


def test_sd_3_10_a_no_fault_the_change_request_is_not_supported() -> None:
    """SD-3.10.A: 如售樓員無過錯,原則上更換要求不予支持."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[_change(fault="none", assigned_to="B")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert aside_rule(d, "change_request:Q1") == "SD-3.10.A"


def aside_rule(d: object, fact: str) -> str | None:
    from .helpers import aside

    return aside(d, fact).rule  # type: ignore[arg-type]


def test_sd_3_10_b_a_general_fault_the_consultant_continues() -> None:
    """SD-3.10.B: 一般性過錯 → 處罰後該售樓員繼續接待."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[_change(fault="general")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert aside_rule(d, "change_request:Q1") == "SD-3.10.B"


def test_sd_3_10_c_serious_fault_the_next_on_the_rotation_gets_the_client() -> None:
    """SD-3.10.C: 嚴重過錯或客戶堅決拒絕 → 按排班安排其他售樓員,原售樓員不再享有任何權益."""
    for kw in ({"fault": "serious"}, {"fault": "none", "insists": True}):
        b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
                 change_requests=[_change(assigned_to="B", **kw)],
                 deals=[deal("D1", "C1", "2025-03-05 10:00", "500.00")])
        d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
        assert d.outcome.shares() == {"B": ONE}
        assert d.decided_by[0] == "SD-3.10.C"
        assert amounts(split(b, "D1", SD)) == {"B": "500.00"}


def test_sd_3_10_c_without_the_managers_assignment_is_an_escalation() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             change_requests=[_change(fault="serious")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.escalation is not None
    assert d.escalation.rules == ("SD-3.10.C", "SD-7.7")


def test_sd_5_1_a_new_client_naming_a_consultant_beforehand_belongs_to_the_named_one() -> None:
    """SD-5.1: 新客戶在進入實質性接待之前指定 → 由指定銷售人員接待 (here on duty: B is away)."""
    b = book(receptions=[rec("R1", "C1", "Z", "2025-03-01 10:00", asked_for="B",
                             on_duty_for="B")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert d.decided_by[0] == "SD-5.1"


def _designation(**kw: object) -> dict[str, object]:
    return {"receptions": [rec("R1", "C1", "A", "2025-03-01 10:00")],
            "change_requests": [_change(kind="designate", requested="B", **kw)],
            "deals": [deal("D1", "C1", "2025-03-01 16:00", "10000.00")]}


def test_sd_5_2_a_mid_reception_designation_the_manager_arranges_70_30() -> None:
    """SD-5.2: 經理安排被指定售樓員接待且成交 → 70% 最先接待 / 30% 被指定."""
    d = split(book(**_designation(assigned_to="B")), "D1", SD)
    assert amounts(d) == {"A": "7000.00", "B": "3000.00"}
    assert [ln.share for ln in d.outcome.lines] == [Fraction(7, 10), Fraction(3, 10)]
    assert "SD-5.2" in d.decided_by


def test_sd_5_2_if_the_named_consultant_instigated_it_all_to_the_first_receiver() -> None:
    """SD-5.2: 被指定售樓員有慫恿行為 → 100% 最先接待."""
    d = split(book(**_designation(assigned_to="B", instigated=True)), "D1", SD)
    assert amounts(d) == {"A": "10000.00"}


def test_sd_5_2_without_the_managers_arrangement_the_designation_is_not_supported() -> None:
    """SD-5.2: 原則上不予支持."""
    b = book(**_designation())
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert reason(d, "change_request:Q1") is SetAsideReason.NOT_SUPPORTED


def test_sd_5_3_an_old_client_naming_another_consultant_all_to_the_first_receiver() -> None:
    """SD-5.3: 老客戶又指定其他銷售人員 → 不予支持;經理安排義務接待且成交 → 100% 最先接待."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "B", "2025-03-10 10:00", on_duty_for="A")],
             change_requests=[_change("2025-03-10 10:30", kind="designate", requested="B",
                                      assigned_to="B")],
             deals=[deal("D1", "C1", "2025-03-10 16:00", "100.00")])
    d = split(b, "D1", SD)
    assert amounts(d) == {"A": "100.00"}
    assert "SD-5.3" in d.decided_by


def test_sd_5_4_an_old_client_introducing_a_new_one_is_a_new_client() -> None:
    """SD-5.4: 老客戶介紹新客戶,除非符合指定接待的條件,一律作新客戶處理."""
    b = book(receptions=[rec("R1", "OLD", "A", "2025-01-05 10:00"),
                         rec("R2", "NEW", "B", "2025-03-01 10:00", brought_by="OLD")],
             deals=[deal("D1", "OLD", "2025-01-20 10:00")])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert "SD-5.4" in d.decided_by


def test_sd_7_5_a_an_announced_introduction_belongs_to_the_consultant_who_declared_it() -> None:
    """SD-7.5.A: 老客戶打電話給甲,甲事先聲明並約好時間 → 甲的客戶 (甲不在:義務接待)."""
    b = book(receptions=[rec("R1", "OLD", "A", "2025-01-05 10:00"),
                         rec("R2", "NEW", "Z", "2025-03-01 10:00", on_duty_for="A")],
             introductions=[{"id": "I1", "client": "NEW", "by_client": "OLD", "consultant": "A",
                             "at": t("2025-02-27 09:00"), "agreed_at": t("2025-03-01 10:00")}])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert d.decided_by[0] == "SD-7.5.A"


def test_sd_7_5_b_an_old_client_who_brings_a_new_one_and_asks_for_a_gets_a() -> None:
    """SD-7.5.B: 老客戶直接帶新客戶來並聲明找甲 → 甲的客戶 (甲不在時義務接待)."""
    b = book(receptions=[rec("R1", "OLD", "A", "2025-01-05 10:00"),
                         rec("R2", "NEW", "Z", "2025-03-01 10:00", brought_by="OLD",
                             asked_for="A", on_duty_for="A")])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert d.decided_by[0] == "SD-7.5.B"


def test_sd_7_5_c_a_new_client_who_comes_alone_belongs_to_the_receiver() -> None:
    """SD-7.5.C: 老客戶沒來也沒打電話,新客戶自己前來,由乙接待 → 乙的客戶."""
    b = book(receptions=[rec("R1", "OLD", "A", "2025-01-05 10:00"),
                         rec("R2", "NEW", "B", "2025-03-01 10:00", referred_by="OLD")],
             deals=[deal("D1", "NEW", "2025-03-03 10:00", "300.00")])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert d.decided_by[0] == "SD-7.5.C"
    assert amounts(split(b, "D1", SD)) == {"B": "300.00"}


def test_sd_7_4_spouses_received_separately_split_evenly() -> None:
    """SD-7.4: 夫妻客在成交前分別來訪,分別由甲乙接待登記,之後發現為夫妻關係 → 各得一半."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-05 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-12 10:00")],
             deals=[deal("D1", ["WIFE", "HUSBAND"], "2025-03-10 10:00", "10000.00")])
    for member in ("WIFE", "HUSBAND"):
        d = decide_ownership(b, member, as_of=t("2025-03-13 00:00"), rulebook=SD)
        assert d.outcome.shares() == {"A": HALF, "B": HALF}
        assert d.decided_by[0] == "SD-7.4"
    assert amounts(split(b, "D1", SD)) == {"A": "5000.00", "B": "5000.00"}


def test_sd_7_4_the_members_lines_are_in_the_order_of_the_facts() -> None:
    """SD-7.4 reads each spouse on their own; the explanation still tells the household's
    story in the order of the facts, (instant, record id), whatever the member ids."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-05 10:00"),
                         rec("R3", "WIFE", "A", "2025-03-07 10:00"),
                         rec("R4", "HUSBAND", "C", "2025-03-07 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-12 10:00")],
             deals=[deal("D1", ["WIFE", "HUSBAND"], "2025-03-10 10:00", "10000.00")])
    d = decide_ownership(b, "HUSBAND", as_of=t("2025-03-13 00:00"), rulebook=SD)
    assert d.outcome.household == ("HUSBAND", "WIFE")
    firsts = [line.split(" ")[0] for line in d.explanation.en.splitlines()[:3]]
    assert firsts == ["R1", "R2", "R4"]  # R3, the owner's own visit, says nothing
    assert [line[:2] for line in d.explanation.zh.splitlines()[:3]] == ["R1", "R2", "R4"]


def test_sd_7_4_only_spouses_a_parent_and_child_are_decided_separately() -> None:
    """SD-7.4 is only about spouses (CC-3 also joins parents and children)."""
    b = book(receptions=[rec("R1", "MUM", "A", "2025-03-01 10:00"),
                         rec("R2", "SON", "B", "2025-03-05 10:00")],
             relations=[spouses("L1", "MUM", "SON", "2025-03-06 10:00", kind="parent_child")])
    d = decide_ownership(b, "SON", as_of=t("2025-03-13 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert reason(d, "relation:L1") is SetAsideReason.DISABLED_BY_RULEBOOK


def test_sd_7_4_a_spouse_first_received_after_the_deal_does_not_share() -> None:
    """SD-7.4 needs both visits before the deal; otherwise the earlier registration wins."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-15 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-20 10:00")],
             deals=[deal("D1", "WIFE", "2025-03-10 10:00")])
    assert who(b, "HUSBAND", "2025-03-21 00:00", SD) == {"A": ONE}


def test_sd_7_6_a_rename_or_unit_change_keeps_the_original_consultant() -> None:
    """SD-7.6: 成交後更名、換房 → 不變更經辦售樓員,業績和傭金仍歸原售樓員."""
    b = book(receptions=[rec("R1", "X", "A", "2025-03-01 10:00"),
                         rec("R2", "Y", "B", "2025-03-01 11:00")],
             deals=[deal("D1", "X", "2025-03-05 10:00", "1000.00")],
             deal_changes=[{"id": "K1", "deal": "D1", "at": t("2025-03-20 10:00"),
                            "kind": "rename", "new_buyers": ["Y"]},
                           {"id": "K2", "deal": "D1", "at": t("2025-03-21 10:00"),
                            "kind": "unit_change", "new_unit": "2-1201"}])
    d = split(b, "D1", SD)
    assert amounts(d) == {"A": "1000.00"}
    assert used(d, "deal_change:K1").rule == "SD-7.6"


def test_sd_7_7_rules_that_cannot_both_hold_go_to_the_project_manager() -> None:
    """SD-7.7: named X before reception (SD-5.1) but the introduction was announced to Y
    (SD-7.5.A): still unclear under the rules → the project manager's written opinion."""
    b = book(receptions=[rec("R1", "OLD", "Y", "2025-01-05 10:00"),
                         rec("R2", "NEW", "X", "2025-03-01 10:00", asked_for="X")],
             introductions=[{"id": "I1", "client": "NEW", "by_client": "OLD", "consultant": "Y",
                             "at": t("2025-02-27 09:00")}])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.owners == ()
    assert d.escalation is not None
    assert set(d.escalation.rules) == {"SD-5.1", "SD-7.5.A", "SD-7.7"}
    assert d.escalation.to == "project_manager"
    assert "销售总监" in d.escalation.to_name.zh


def test_sd_7_7_named_and_announced_to_different_consultants_conflict() -> None:
    b = book(receptions=[rec("R1", "OLD", "Y", "2025-01-05 10:00"),
                         rec("R2", "NEW", "Z", "2025-03-01 10:00", asked_for="X", on_duty_for="X")],
             introductions=[{"id": "I1", "client": "NEW", "by_client": "OLD", "consultant": "Y",
                             "at": t("2025-02-27 09:00")}])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.escalation is not None
    assert set(d.escalation.rules) == {"SD-5.1", "SD-7.5.A", "SD-7.7"}


# -- company clients (SD-6.1.1 to SD-6.1.5) --------------------------------------------------


def _company(**deal_kw: object) -> dict[str, object]:
    return {"company_referrals": [{"id": "K1", "client": "C1", "at": t("2025-02-20 10:00"),
                                   "by": "general manager"}],
            "receptions": [rec("R1", "C1", "A", "2025-03-01 10:00")],
            "deals": [deal("D1", "C1", "2025-03-10 10:00", "10000.00", **deal_kw)]}


def test_sd_6_1_1_referred_by_the_company_before_the_first_visit_is_a_company_client() -> None:
    """SD-6.1.1: 到訪銷售現場前先通過公司聯繫 → 公司客戶."""
    d = decide_ownership(book(**_company()), "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.company_client
    assert used(d, "company_referral:K1").rule == "SD-6.1.1"


def test_sd_6_1_1_a_client_registered_before_the_companys_contact_is_not_a_company_client() -> None:
    """SD-6.1.1: 已先到訪售樓現場並已辦理了客戶登記的,不再視為公司客戶."""
    data = _company()
    data["company_referrals"] = [{"id": "K1", "client": "C1", "at": t("2025-03-02 10:00")}]
    b = book(**data)
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=SD)
    assert not d.outcome.company_client
    assert amounts(split(b, "D1", SD)) == {"A": "10000.00"}


def test_sd_6_1_2_an_executive_designation_is_all_for_the_company_pool() -> None:
    """SD-6.1.2: 領導指定售樓員接待 → 義務接待,成交傭金全部作為公傭."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00", designated_by_executive=True)],
             deals=[deal("D1", "C1", "2025-03-10 10:00", "10000.00")])
    d = split(b, "D1", SD)
    assert amounts(d) == {POOL: "10000.00"}
    assert d.outcome.lines[0].rule == "SD-6.1.2"
    assert "COM-POOL" in d.decided_by


def test_sd_6_1_3_the_consultant_followed_the_company_client_70_30() -> None:
    """SD-6.1.3: 售樓員全程跟進成交 → 售樓員 70%,公傭 30%."""
    d = split(book(**_company()), "D1", SD)
    assert amounts(d) == {POOL: "3000.00", "A": "7000.00"}
    assert d.outcome.lines[0].rule == "SD-6.1.3"


def test_sd_6_1_4_the_company_arranged_the_deal_a_consultant_does_after_sales_30_70() -> None:
    """SD-6.1.4: 公司直接安排成交,售樓員負責售後跟進 → 售樓員 30%,公傭 70%."""
    d = split(book(**_company(arranged_by_company=True, after_sales_role="consultant",
                              after_sales_by="B")), "D1", SD)
    assert amounts(d) == {POOL: "7000.00", "B": "3000.00"}


def test_sd_6_1_5_the_company_arranged_the_deal_other_staff_do_after_sales_all_pool() -> None:
    """SD-6.1.5: 其他員工(非售樓員)跟進售後 → 100% 公傭."""
    d = split(book(**_company(arranged_by_company=True, after_sales_role="other_staff")), "D1",
              SD)
    assert amounts(d) == {POOL: "10000.00"}
    assert d.outcome.lines[0].rule == "SD-6.1.5"


# -- staff referrals (SD-6.2.1 to SD-6.2.5) --------------------------------------------------


def _staff(registered: str = "2025-02-25 10:00", agreed: str = "2025-03-01",
           visit: str = "2025-03-01 10:00", **kw: object) -> dict[str, object]:
    return {"staff_referrals": [{"id": "S1", "client": "C1", "introducer": "CLERK",
                                 "registered_at": t(registered), "agreed_date": agreed,
                                 "confirmed": True, "signed": True, **kw}],
            "receptions": [rec("R1", "C1", "A", visit)],
            "deals": [deal("D1", "C1", "2025-03-10 10:00", "10000.00")]}


def test_sd_6_2_5_a_staff_referred_deal_30_introducer_70_consultant() -> None:
    """SD-6.2.5: 成交傭金的30%為介紹人的傭金,70%為接待客戶的售樓員的傭金."""
    d = split(book(**_staff()), "D1", SD)
    assert amounts(d) == {"CLERK": "3000.00", "A": "7000.00"}
    assert d.outcome.lines[0].rule == "SD-6.2.5"


def test_sd_6_2_3_valid_only_when_confirmed_and_signed_by_the_project_manager() -> None:
    """SD-6.2.3: 由項目經理簽名確認,方認為介紹有效."""
    b = book(**_staff(signed=False))
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.off_the_top == ()
    assert reason(d, "staff_referral:S1") is SetAsideReason.PROCEDURE_NOT_FOLLOWED
    assert amounts(split(b, "D1", SD)) == {"A": "10000.00"}


def test_sd_6_2_1_a_referral_registered_after_the_first_visit_loses_to_the_consultant() -> None:
    """SD-6.2.1 / SD-6.2.3: must be registered before the first visit; a consultant's earlier
    registration wins."""
    b = book(**_staff(registered="2025-03-01 12:00"))
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert d.outcome.off_the_top == ()
    assert aside_rule(d, "staff_referral:S1") == "SD-6.2.3"


def test_sd_6_2_2_a_client_who_does_not_come_on_the_agreed_date_voids_the_referral() -> None:
    """SD-6.2.2: 如客戶未能在約定日來訪,則介紹登記失效."""
    b = book(**_staff(visit="2025-03-02 10:00"))
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=SD)
    assert d.outcome.off_the_top == ()
    assert reason(d, "staff_referral:S1") is SetAsideReason.LAPSED


def test_sd_6_2_2_before_the_agreed_date_the_decision_is_provisional() -> None:
    """A staff referral whose agreed visit date has not come: provisional until its end."""
    b = book(**_staff())
    d = decide_ownership(b, "C1", as_of=t("2025-02-28 12:00"), rulebook=SD)
    assert d.outcome.owners == ()
    assert d.provisional is not None
    assert d.provisional.until == t("2025-03-02 00:00")


def test_sd_6_2_4_not_confirmed_in_person_or_by_phone_the_referral_is_void() -> None:
    """SD-6.2.4: 客戶來訪時未能親自或電話確認 → 介紹登記無效."""
    b = book(**_staff(confirmed=False, signed=False))
    d = decide_ownership(b, "C1", as_of=t("2025-03-02 00:00"), rulebook=SD)
    assert aside_rule(d, "staff_referral:S1") == "SD-6.2.4"
    assert d.outcome.owner_ids() == ("A",)
