"""How the complaint decisions read (issue 11, item 9): every obligation's sentence as a
service-desk supervisor wants it, in both languages; instants as "Wed 25 Nov 24:00" /
「11月25日(周三)24:00」 (the JSON keeps the instant); English texts in English, Chinese texts in
simplified Chinese with Chinese role names."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    Complaint,
    ComplaintPolicy,
    classify,
    obligations,
    status,
)
from propmgmt_rules.decision import Decision
from propmgmt_rules.strategies import complaint_histories, complaints

from .factory import IMPORTANT, at, complaint, event

_IDS = re.compile(r"(?<![A-Za-z0-9])(?:CP|CA|SQ|OM|CQ|T)-[A-Z0-9.-]*[A-Z0-9](?![a-z])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_NAMES = ("Wang", "Li", "Zhang", "Zhao", "Chen")
_NEVER = ("within same day", "within immediately", "within no limit stated", "no deadline",
          "时限未规定时限", "时限立即", "时限当天")
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _texts(d: Decision) -> tuple[list[str], list[str]]:
    en = [d.explanation.en]
    zh = [d.explanation.zh]
    if d.provisional is not None:
        en.append(d.provisional.reason.en)
        zh.append(d.provisional.reason.zh)
    if d.escalation is not None:
        en += [d.escalation.reason.en, d.escalation.to_name.en]
        zh += [d.escalation.reason.zh, d.escalation.to_name.zh]
    return en, zh


def _check(d: Decision) -> None:
    en, zh = _texts(d)
    for text in en:
        assert not _CJK.search(text), text
    for text in zh:
        rest = _IDS.sub("", text)
        for name in _NAMES:
            rest = rest.replace(name, "")
        assert not _LATIN.search(rest), text
    for text in en + zh:
        assert not _ISO.search(text), text
        for bad in _NEVER:
            assert bad not in text, (bad, text)


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING], ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(), later=st.integers(0, 50 * 24 * 60))
def test_every_explanation_reads_in_its_own_language(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    history = data.draw(complaint_histories(c))
    as_of = c.received_at + timedelta(minutes=later)
    for d in (classify(c, policy=policy), obligations(c, policy=policy)):
        _check(d)
    try:
        d = status(c, history, as_of=as_of, policy=policy)
    except ValueError:  # an input error: not a decision to read
        return
    _check(d)


def test_cp_4_8_the_weekly_statistics_read_by_saturday() -> None:
    """CP-4.8: statistics every Saturday. Monday 3 March: the statistics of Saturday 8 March,
    due at its end, written as 24:00 of that Saturday (not "same day", not Sunday 00:00)."""
    d = obligations(complaint(), policy=PROCEDURE_5)
    (en,) = [x for x in d.explanation.en.splitlines() if "weekly statistics" in x]
    (zh,) = [x for x in d.explanation.zh.splitlines() if "每周投诉统计" in x]
    assert en == ("Count it in the weekly statistics: the administrator to the office director, "
                  "in the statistics of Saturday, by Sat 8 Mar 24:00 (CP-4.8).")
    assert zh == ("纳入每周投诉统计:管理员向管理处主任,纳入每周六的统计,"
                  "3月8日(周六)24:00前(CP-4.8)。")
    weekly = {o.key: o for o in d.outcome.obligations}["weekly_statistics"]
    assert weekly.due.isoformat() == "2025-03-09T00:00:00+08:00"  # the JSON keeps the instant


def test_at_once_and_no_limit_read_as_such() -> None:
    """SQ-HOURS routes at once (T-IMMEDIATE); OM-C2's dispatch under the Nanjing plan states no
    limit; SQ-REVISIT counts from the handling."""
    lines = obligations(complaint(), policy=NANJING).explanation
    en, zh = lines.en.splitlines(), lines.zh.splitlines()
    assert ("Route the complaint: the first receiver (Wang) to customer service, at once "
            "(Mon 3 Mar 10:00) (SQ-HOURS).") in en
    assert ("传递投诉信息:接投诉人(首问责任人)(Wang)向客户服务部门,"
            "立即办理(3月3日(周一)10:00)(SQ-HOURS)。") in zh
    assert ("Send the complaint form: customer service to the responsible department, no time "
            "limit stated (OM-C2).") in en
    assert "发送投诉意见表:客户服务部门向相关部门,规定未设时限(OM-C2)。" in zh
    assert ("Revisit the resident: customer service to the resident, within 3 working days of "
            "the handling (not handled yet) (SQ-REVISIT).") in en


def test_cp_4_3_2_the_residents_requested_time_is_said_as_such() -> None:
    c = complaint(requested_by=at(2025, 3, 8, 12), requested_time_reasonable=True)
    en = obligations(c, policy=PROCEDURE_5).explanation.en
    assert ("Handle (solve) the complaint: the administrator, by the resident's reasonable "
            "requested time, Sat 8 Mar 12:00; later only with the assistant's approval "
            "(CP-4.3.2, CP-4.10.1).") in en.splitlines()


def test_cp_upgrade_provisional_reads_by_the_end_of_the_day() -> None:
    d = status(complaint(), [], as_of=at(2025, 3, 20), policy=PROCEDURE_5)
    assert d.provisional is not None
    assert d.provisional.reason.en == ("if the complaint is not resolved by the end of Thu 3 Apr, "
                                       "it becomes major")
    assert d.provisional.reason.zh == "如到4月3日(周四)结束仍未得到合理解决,即属重大投诉"
    assert d.provisional.until.isoformat() == "2025-04-04T00:00:00+08:00"


def test_a_year_is_written_only_where_it_differs_from_the_year_asked_about() -> None:
    c = complaint(received_at=at(2025, 12, 30, 10))  # minor: handle within 2 days
    d = status(c, [], as_of=at(2025, 12, 31, 9), policy=PROCEDURE_5)
    assert "due Thu 1 Jan 2026 24:00" in d.explanation.en
    assert "2026年1月1日(周四)24:00" in d.explanation.zh
    assert "At Wed 31 Dec 2025 09:00" in d.explanation.en


def test_durations_read_in_days_hours_and_minutes() -> None:
    c = complaint(**IMPORTANT)
    d = status(c, [event("dispatched", at(2025, 3, 3, 10, 15))], as_of=at(2025, 3, 5, 12, 5),
               policy=PROCEDURE_5)
    assert "met, done Mon 3 Mar 10:15, right at the deadline (CP-4.4, OM-C2)" in d.explanation.en
    assert "breached, not done, 2 days 5 min past the deadline Mon 3 Mar 12:00" in \
        d.explanation.en
    assert "已逾期2天5分钟" in d.explanation.zh


def test_conflicting_facts_are_explained_in_chinese_in_the_chinese_text() -> None:
    d = classify(complaint(justified=False, caused_by="company_staff", injury=True),
                 policy=PROCEDURE_5)
    assert d.escalation is not None
    assert d.escalation.reason.zh == "事实冲突:记录为不合理的诉求,但公司造成了人身伤害或经济损失"
    assert "justified" not in d.explanation.zh
