"""The explained status written in one pass (issue 12, the JSON Lines job): the status's one
atom (``complaints.status``) writes exactly the lines the per-line messages write
(`CP-STATUS`: the classification, the head, the severity's changes, the provisional mark,
each obligation, the obligations not yet determined), and a command-line case's decisions
are :func:`status`'s with the case's subject. Moderate example counts: the machine is shared.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.complaints import (
    Complaint,
    ComplaintPolicy,
    ComplaintStatusDecision,
    status,
)
from propmgmt_rules.complaints._text import when, year_of
from propmgmt_rules.complaints.cases import ComplaintCase, evaluate
from propmgmt_rules.render import MESSAGES, Line, render_lines
from propmgmt_rules.strategies import complaint_histories, complaints
from propmgmt_rules.time.phrasing import instant_text

from .factory import FEW, POLICIES, SH, status_or_skip


def _line_by_line(d: ComplaintStatusDecision) -> tuple[str, str]:
    """The explanation of ``d`` written line by line, each line by its own message (the
    lines the status's one atom stands for)."""
    (atom,) = d.explanation._lines or ()  # type: ignore[attr-defined]
    key, cls_lines, as_of, policy, tz, year, outcome, invalid, provisional = atom
    assert key == "complaints.status"
    lines: list[Line] = [*cls_lines, ("complaints.status_head", as_of, tz, policy.name,
                                      policy.title_zh, outcome.severity, invalid, outcome.met,
                                      outcome.breached, outcome.pending)]
    lines += [("complaints.severity_change", ch, tz, year) for ch in outcome.severity_changes]
    if provisional is not None:
        lines.append(("complaints.provisional", provisional.reason, provisional.rules))
    lines += [("complaints.status_line", o, policy, tz, year) for o in outcome.obligations]
    lines += [("complaints.undetermined", k) for k in outcome.undetermined]
    return render_lines(lines)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@FEW
@given(data=st.data(), c=complaints(), later=st.integers(0, 50 * 24 * 60))
def test_cp_status_one_pass_writes_every_line_as_its_own_message(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    history = data.draw(complaint_histories(c))
    d = status_or_skip(c, history, c.received_at + timedelta(minutes=later), policy)
    if d is None:
        return
    en, zh = _line_by_line(d)
    assert (d.explanation.en, d.explanation.zh) == (en, zh)
    # CP-STATUS: a line per obligation, after the classification's and the head
    assert len(en.splitlines()) >= len(d.outcome.obligations) + 1
    assert "complaints.status" in MESSAGES


def test_cp_status_the_explanation_is_one_atom_until_read() -> None:
    c = Complaint(id="C1", received_at=datetime(2025, 3, 3, 10, tzinfo=SH), justified=True,
                  caused_by="company_staff", injury=False, loss_amount=0,
                  promised_service_failed=False, about="staff_attitude", intent="venting")
    d = status(c, [], as_of=datetime(2025, 3, 7, 12, tzinfo=SH), policy="procedure5")
    assert not d.explanation.written
    assert len(d.explanation._lines or ()) == 1  # type: ignore[attr-defined]
    lines = d.explanation.en.splitlines()
    assert lines[4].startswith("At Fri 7 Mar 2025 12:00, under CP procedure 5: severity "
                               "important;")
    assert lines[5].startswith("Provisional: ")
    assert lines[5].endswith("(CP-UPGRADE).")
    assert lines[6].startswith("Send the complaint form — ")
    assert "breached" in lines[6]
    assert d.explanation.written


@FEW
@given(at=st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2198, 12, 31),
                       timezones=st.sampled_from([SH, ZoneInfo("Europe/Berlin")])),
       midnight=st.booleans(), ref_year=st.integers(1900, 2199))
def test_an_instant_is_written_as_instant_text_with_the_year_of_its_day(
    at: datetime, midnight: bool, ref_year: int
) -> None:
    """`T-DAYS`: a local midnight is 24:00 of the day before, whose year decides whether
    the year is written."""
    if midnight:
        at = at.replace(hour=0, minute=0, second=0, microsecond=0)
    for tz in (SH, at.tzinfo):
        assert tz is not None
        expected = instant_text(at, tz, year=year_of(at, tz) != ref_year)
        assert when(at, tz, ref_year) == expected


def test_t_days_new_year_midnight_is_the_last_day_of_the_year_before() -> None:
    at = datetime(2026, 1, 1, tzinfo=SH)
    assert when(at, SH, 2025).en == "Wed 31 Dec 24:00"
    assert when(at, SH, 2026).en == "Wed 31 Dec 2025 24:00"


@pytest.mark.parametrize("policies", [["procedure5"], ["nanjing", "procedure5"]])
def test_a_case_decision_is_the_status_with_the_case_subject(policies: list[str]) -> None:
    case = ComplaintCase.model_validate({
        "id": "lift", "policy": policies, "as_of": "2025-03-10T09:00:00+08:00",
        "complaint": {"id": "C1", "received_at": "2025-03-07T19:30:00+08:00",
                      "justified": True, "caused_by": "company_facilities", "injury": False,
                      "loss_amount": "0", "promised_service_failed": False,
                      "about": "lift", "intent": "help", "received_by": "Wang"},
        "history": [{"type": "routed", "at": "2025-03-07T19:40:00+08:00", "by": "Wang"}]})
    got = evaluate(case)
    assert [d.subject for d in got] == [f"lift: complaint C1 ({p.name})"
                                        for p in case.policies()]
    for d, policy in zip(got, case.policies(), strict=True):
        assert case.as_of is not None
        alone = status(case.complaint, case.history, as_of=case.as_of, policy=policy)
        assert d.model_dump(mode="json", exclude={"subject"}) == \
            alone.model_dump(mode="json", exclude={"subject"})


@FEW
@given(minutes=st.integers(-3 * 1440, 400 * 1440), seconds=st.integers(0, 59))
def test_a_distance_is_written_in_days_hours_and_minutes(minutes: int, seconds: int) -> None:
    """How early, how late, how long is left (`CP-STATUS`): "2 days 1 h 45 min" /
    「2天1小时45分钟」, each part only when it is not zero, "1 day" in the singular, and
    "under a minute" / 「不到1分钟」 for less."""
    from propmgmt_rules.render import duration_text

    t = duration_text(timedelta(minutes=minutes, seconds=seconds))
    if minutes < 0:  # not written by the engine (a distance is never negative): any text
        return
    days, rest = divmod(minutes, 1440)
    hours, mins = divmod(rest, 60)
    en = [f"{days} day" + ("s" if days != 1 else "")] if days else []
    en += [f"{hours} h"] if hours else []
    en += [f"{mins} min"] if mins else []
    zh = (f"{days}天" if days else "") + (f"{hours}小时" if hours else "") + \
        (f"{mins}分钟" if mins else "")
    assert t.en == (" ".join(en) or "under a minute")
    assert t.zh == (zh or "不到1分钟")
