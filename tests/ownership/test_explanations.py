"""Decisions cite the rule that decided and explain themselves as a sales manager reads them
(issue 11, items 3 to 6), each from the catalog's wording."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.ownership import CC, POOL, SD, decide_ownership
from propmgmt_rules.ownership._later import until, when
from propmgmt_rules.render import MESSAGES, Text, render_lines
from propmgmt_rules.time.phrasing import instant_text, is_end_of_day

from .helpers import SH, book, deal, rec, split, spouses, t


def _aside(d: object, fact: str) -> tuple[str, str | None]:
    for f in d.facts_set_aside:  # type: ignore[attr-defined]
        if f.fact == fact:
            return f.reason.value, f.rule
    raise AssertionError(fact)


# -- item 3: the household rule decides, and says so ---------------------------------------


def test_cc_3_the_second_spouses_first_visit_is_the_households_not_a_return() -> None:
    """CC-3: 同属一家人由不同置业顾问接待 → 以第一次接待为准. HUSBAND's first visit (R2, by B)
    is not a return within the window (CC-9.1): CC-3 keeps the household with A."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-05 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-08 10:00")])
    d = decide_ownership(b, "WIFE", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert d.outcome.owner_ids() == ("A",)
    assert _aside(d, "reception:R2") == ("not_first", "CC-3")
    assert "CC-9.1" not in d.decided_by
    assert d.decided_by[0] == "CC-3"
    lines = d.explanation.en.splitlines()
    assert lines[1] == ("R2 by B on Wed 5 Mar 2025 10:00 is HUSBAND's first registered visit; "
                        "the first reception of any member owns the whole household, which "
                        "stays with A (CC-3).")
    assert "return within the window" not in d.explanation.en
    assert "有效期内回头" not in d.explanation.zh
    assert "HUSBAND首次登记来访;同属一家人以第一次接待为准,仍归A(CC-3)" in d.explanation.zh


def test_sd_7_4_a_spouse_received_after_the_relation_was_known_is_set_aside_by_sd_7_4() -> None:
    """SD-7.4: only spouses received separately before it was found out share; HUSBAND came
    after the relation was known, so the household's first registration (A) owns it."""
    b = book(receptions=[rec("R1", "WIFE", "A", "2025-03-01 10:00"),
                         rec("R2", "HUSBAND", "B", "2025-03-10 10:00")],
             relations=[spouses("L1", "WIFE", "HUSBAND", "2025-03-08 10:00")])
    d = decide_ownership(b, "HUSBAND", as_of=t("2025-03-11 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("A",)
    assert _aside(d, "reception:R2") == ("not_first", "SD-7.4")
    assert "SD-7.4" in d.decided_by
    assert "not a joint owner (SD-7.4)" in d.explanation.en


# -- item 4: every line cites the rule that set its share --------------------------------------


def test_sd_6_1_3_the_consultants_70_percent_cites_sd_6_1_3() -> None:
    """SD-6.1.3: 售楼员全程跟进成交 → 售楼员 70%,公佣 30%: both lines are set by SD-6.1.3."""
    b = book(company_referrals=[{"id": "K1", "client": "VIP", "at": t("2025-02-20 10:00")}],
             receptions=[rec("R1", "VIP", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "VIP", "2025-03-10 10:00")])
    d = split(b, "D1", SD)
    assert [(ln.party, str(ln.share), ln.rule) for ln in d.outcome.lines] == [
        (POOL, "3/10", "SD-6.1.3"), ("A", "7/10", "SD-6.1.3")]


def test_sd_6_2_5_the_receiving_consultants_70_percent_cites_sd_6_2_5() -> None:
    b = book(staff_referrals=[{"id": "S1", "client": "C1", "introducer": "CLERK",
                               "registered_at": t("2025-02-25 10:00"),
                               "agreed_date": "2025-03-01", "confirmed": True, "signed": True}],
             receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    assert [ln.rule for ln in split(b, "D1", SD).outcome.lines] == ["SD-6.2.5", "SD-6.2.5"]


def test_sd_5_2_and_sd_5_3_lines_cite_the_designation_rule() -> None:
    """SD-5.2: 70% 最先接待 / 30% 被指定; SD-5.3: 100% 最先接待: the lines cite them, not
    SD-7.3."""
    first = [rec("R1", "C1", "A", "2025-03-01 10:00")]
    mid = book(receptions=first, deals=[deal("D1", "C1", "2025-03-01 16:00")],
               change_requests=[{"id": "Q1", "client": "C1", "at": t("2025-03-01 11:00"),
                                 "kind": "designate", "requested": "B", "assigned_to": "B"}])
    assert [(ln.party, ln.rule) for ln in split(mid, "D1", SD).outcome.lines] == [
        ("A", "SD-5.2"), ("B", "SD-5.2")]
    old = book(receptions=[*first, rec("R2", "C1", "B", "2025-03-10 10:00", on_duty_for="A")],
               change_requests=[{"id": "Q1", "client": "C1", "at": t("2025-03-10 10:30"),
                                 "kind": "designate", "requested": "B", "assigned_to": "B"}],
               deals=[deal("D1", "C1", "2025-03-10 16:00", "100.00")])
    assert [(ln.party, ln.rule) for ln in split(old, "D1", SD).outcome.lines] == [
        ("A", "SD-5.3")]


def test_cc_8_a_swapped_deals_line_cites_cc_8_and_sd_7_6_cites_sd_7_6() -> None:
    b = book(receptions=[rec("R1", "X", "A", "2025-03-01 10:00"),
                         rec("R2", "Y", "B", "2025-03-01 11:00")],
             deals=[deal("D1", "X", "2025-03-05 10:00", "1000.00"),
                    deal("D2", "Y", "2025-03-05 11:00", "2000.00")],
             deal_changes=[{"id": "K1", "deal": "D1", "at": t("2025-03-20 10:00"),
                            "kind": "swap", "swapped_with": "D2"}])
    assert [(ln.party, ln.rule) for ln in split(b, "D1", CC).outcome.lines] == [("B", "CC-8")]
    assert [(ln.party, ln.rule) for ln in split(b, "D1", SD).outcome.lines] == [("A", "SD-7.6")]


def test_cc_note_sd_3_13_sd_7_2_decide_when_the_fact_they_set_aside_lost_the_claim() -> None:
    """CC-NOTE: 第一次接待以客户来访登记本为准; SD-3.13: 来电登记内容不作为确定客户归属的依据;
    SD-7.2: 由项目经理审核确认方为有效. A's phone enquiry and B's unverified registration came
    first: the rules that set them aside decided, and the explanation says so."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 09:00", channel="phone"),
                         rec("R2", "C1", "B", "2025-03-02 10:00", verified=False),
                         rec("R3", "C1", "C", "2025-03-03 10:00")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-04 00:00"), rulebook=CC)
    assert "CC-NOTE" in d.decided_by
    assert d.explanation.en.splitlines()[0] == (
        "R1 by A on Sat 1 Mar 2025 09:00 was a phone enquiry: it gives no claim (CC-NOTE).")
    d = decide_ownership(b, "C1", as_of=t("2025-03-04 00:00"), rulebook=SD)
    assert {"SD-3.13", "SD-7.2"} <= set(d.decided_by)
    assert "not verified by the project manager: it does not count (SD-7.2)" in d.explanation.en
    assert "来电登记,不作为确定客户归属的依据(SD-3.13)" in d.explanation.zh
    # a phone enquiry by the owner, or after the first reception, decided nothing
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 09:00"),
                         rec("R2", "C1", "B", "2025-03-02 10:00", channel="phone")])
    d = decide_ownership(b, "C1", as_of=t("2025-03-04 00:00"), rulebook=CC)
    assert "CC-NOTE" not in d.decided_by
    assert "phone" not in d.explanation.en


def test_sd_6_1_1_a_referral_after_the_first_visit_decides_that_it_is_no_company_client() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             company_referrals=[{"id": "K1", "client": "C1", "at": t("2025-03-02 10:00")}])
    d = decide_ownership(b, "C1", as_of=t("2025-03-03 00:00"), rulebook=SD)
    assert "SD-6.1.1" in d.decided_by
    assert not d.outcome.company_client


# -- item 5: explanations that do not mislead ----------------------------------------------


def test_cc_4_3_the_explanation_says_that_the_consultant_left() -> None:
    b = book(receptions=[rec("R1", "OLD", "C", "2025-01-05 10:00"),
                         rec("R2", "NEW", "B", "2025-03-01 10:00", brought_by="OLD")],
             deals=[deal("D1", "OLD", "2025-01-20 10:00")],
             departures=[{"id": "X1", "consultant": "C", "at": t("2025-02-01 18:00"),
                          "successor": "E"}])
    d = decide_ownership(b, "NEW", as_of=t("2025-03-02 00:00"), rulebook=CC)
    assert d.outcome.owner_ids() == ("E",)
    assert ("C, the consultant of that deal, left on Sat 1 Feb 2025 18:00 (X1) and E took "
            "over, so the client belongs to E (CC-4.3, CC-4.2)") in d.explanation.en
    assert "置业顾问C已于2025年2月1日(周六)18:00离职(X1),由E接管" in d.explanation.zh


def test_sd_3_10_c_a_later_visit_after_the_reassignment_does_not_say_the_earlier_wins() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "A", "2025-03-10 10:00")],
             change_requests=[{"id": "Q1", "client": "C1", "at": t("2025-03-01 11:00"),
                               "fault": "serious", "assigned_to": "B"}])
    d = decide_ownership(b, "C1", as_of=t("2025-03-11 00:00"), rulebook=SD)
    assert d.outcome.owner_ids() == ("B",)
    assert "earlier registration wins" not in d.explanation.en
    assert "以先登记者为准" not in d.explanation.zh
    assert _aside(d, "reception:R2") == ("superseded", "SD-3.10.C")
    assert ("R2 by A on Mon 10 Mar 2025 10:00 is a later visit within the window; the client "
            "stays with B, as decided on Q1 (SD-3.10.C, SD-4.1).") in d.explanation.en


def test_a_single_owners_line_reads_as_a_person_says_it() -> None:
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00")],
             deals=[deal("D1", "C1", "2025-03-10 10:00")])
    d = split(b, "D1", CC)
    last_en, last_zh = d.explanation.en.splitlines()[-1], d.explanation.zh.splitlines()[-1]
    assert last_en == ("Deal D1 on Mon 10 Mar 2025 10:00, commission 10000.00 yuan: A: all, "
                       "10000.00 (COM-SPLIT, COM-ROUND).")
    assert last_zh == ("成交D1于2025年3月10日(周一)10:00,佣金10000.00元:A:全部,10000.00"
                       "(COM-SPLIT、COM-ROUND)。")
    assert "A 1 =" not in last_en


def test_a_parent_and_child_household_is_not_called_spouses() -> None:
    b = book(receptions=[rec("R1", "KID", "A", "2025-03-01 10:00"),
                         rec("R2", "MUM", "B", "2025-03-05 10:00")],
             relations=[spouses("L1", "KID", "MUM", "2025-03-08 10:00", kind="parent_child")])
    d = decide_ownership(b, "KID", as_of=t("2025-03-09 00:00"),
                         rulebook=CC.derive(name="XY", household="spouses_share"))
    assert "spouse" not in d.explanation.en
    assert "夫妻" not in d.explanation.zh
    assert "KID and MUM (parent and child) were received separately" in d.explanation.en
    assert "KID、MUM(父母及子女)成交前分别来访登记" in d.explanation.zh
    d = decide_ownership(b, "KID", as_of=t("2025-03-09 00:00"), rulebook=CC)
    assert "one household (parent and child)" in d.explanation.en


# -- item 6: instants as a person reads them ------------------------------------------------


def test_a_provisional_answer_says_until_the_end_of_which_day() -> None:
    """SD-3.7.J: 当场未成交,1个月内也未认出 → 全部归新售楼员; while that month runs the answer is
    provisional: "by the end of" the last day, not the next day's 00:00."""
    b = book(receptions=[rec("R1", "C1", "A", "2025-03-01 10:00"),
                         rec("R2", "C1", "N", "2025-03-20 10:00", forgot_consultant=True)])
    d = decide_ownership(b, "C1", as_of=t("2025-04-01 00:00"), rulebook=SD)
    assert d.provisional is not None
    assert d.provisional.until.isoformat() == "2025-04-21T00:00:00+08:00"  # the JSON instant
    assert d.provisional.reason.en == ("a recognition by the end of Sun 20 Apr 2025 would share "
                                       "the commission (SD-3.7.I)")
    assert d.provisional.reason.zh == "2025年4月20日(周日)24:00前如认出,佣金平分(SD-3.7.I)"
    assert "2025-04-21 00:00" not in d.explanation.en


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 31),
                    timezones=st.sampled_from([UTC, SH, ZoneInfo("America/New_York")])),
       st.sampled_from([SH, UTC, ZoneInfo("Europe/London")]))
def test_instants_are_written_as_time_phrasing_writes_them(at: datetime, zone: Any) -> None:
    """The explanations' own writer of instants (a day's words written once) is
    ``instant_text(at, zone, year=True)``, word for word; ``until`` is "the end of" a day."""
    assert when(at, zone) == instant_text(at, zone, year=True)
    ends = until(at, zone)
    if is_end_of_day(at, zone):
        assert ends.en == "the end of " + instant_text(at, zone, year=True).en[:-6]
    else:
        assert ends == when(at, zone)


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 31),
                    timezones=st.sampled_from([ZoneInfo("Europe/London"),
                                               ZoneInfo("America/New_York")])),
       st.sampled_from([SH, UTC, ZoneInfo("Europe/London")]))
def test_an_instant_kept_once_written_is_the_same_text_for_either_fold(at: datetime,
                                                                       zone: Any) -> None:
    """An instant and its other fold (the same local time, equal as datetimes, another
    instant where the clocks go back) are each written as ``instant_text`` writes them,
    whichever is written first: a memo of ``when``'s texts keyed by the datetime alone would
    give the first one's text for both (a memo was measured and not kept: it did not pay)."""
    other = at.replace(fold=1 - at.fold)
    for first, second in ((at, other), (other, at)):
        when(first, zone)
        assert when(second, zone) == instant_text(second, zone, year=True)
        assert when(first, zone) == instant_text(first, zone, year=True)


def test_the_hour_that_repeats_when_the_clocks_go_back_is_written_twice() -> None:
    """Instants are read in the calendar's zone (catalog, time: "day arithmetic is done in the
    calendar's local time zone"): 01:30 on 27 October 2024 in London happened twice (BST, then
    GMT); in Shanghai's time they are 08:30 and 09:30, each written so whichever came first."""
    london = ZoneInfo("Europe/London")
    early = datetime(2024, 10, 27, 1, 30, tzinfo=london)
    late = early.replace(fold=1)
    assert early == late  # the same local time: equal as datetimes
    assert when(early, SH).en == "Sun 27 Oct 2024 08:30"
    assert when(late, SH).en == "Sun 27 Oct 2024 09:30"
    assert when(early, SH).zh == "2024年10月27日(周日)08:30"


def test_nobody_owns_says_why_no_reception_counts() -> None:
    """CC-NOTE / SD-3.13: a client whose only contact was a phone enquiry belongs to nobody,
    and the explanation says that the contact was a phone enquiry."""
    b = book(receptions=[rec("R1", "CALLER", "A", "2025-03-01 09:00", channel="phone"),
                         rec("R2", "CALLER", "B", "2025-03-02 09:00", verified=False)])
    d = decide_ownership(b, "CALLER", as_of=t("2025-03-04 00:00"), rulebook=SD)
    assert d.outcome.owners == ()
    assert d.explanation.en == (
        "As of Mon 3 Mar 2025 24:00, nobody owns client CALLER: no registered reception; R1 was "
        "a phone enquiry, R2 was not verified by the project manager (SD-7.1, SD-3.13, SD-7.2).")
    assert d.explanation.zh == (
        "截至2025年3月3日(周一)24:00,CALLER无有效登记接待:R1为来电登记、R2未经项目经理审核确认,"
        "不归任何人(SD-7.1、SD-3.13、SD-7.2)。")


_INSTANT_ATOMS = {  # each message that writes an instant: its atom around ``at`` and ``tz``
    "ownership.first": lambda at, tz: ("ownership.first", "R1", at, tz, "A", "CC-6", "CC-6"),
    "ownership.first_after_lapse": lambda at, tz: (
        "ownership.first_after_lapse", "R1", at, tz, "A", "CC-9.2, CC-6", "CC-9.2、CC-6"),
    "ownership.return_within": lambda at, tz: (
        "ownership.return_within", "R2", "B", at, tz, "A", "CC-9.1", "CC-9.1"),
    "ownership.member_first": lambda at, tz: (
        "ownership.member_first", "R2", "B", at, tz, "C2", "A", "CC-3"),
    "ownership.lost": lambda at, tz: ("ownership.lost", "R3", "R1", "B", at, tz, "CC-NOTE",
                                      True),
    "ownership.split": lambda at, tz: ("ownership.split", "D1", at, tz, "100.00", "A",
                                       "consultant", 1, 1, "100.00", "COM-SPLIT"),
}


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 31),
                    timezones=st.sampled_from([UTC, SH, ZoneInfo("America/New_York")])),
       st.sampled_from([SH, UTC, ZoneInfo("Europe/London")]),
       st.sampled_from(sorted(_INSTANT_ATOMS)))
def test_every_line_writes_its_instant_as_time_phrasing_writes_it(at: datetime, zone: Any,
                                                                  key: str) -> None:
    """Each message writes its instant word for word as ``instant_text(at, zone,
    year=True)`` (the day's words and the time of day written into the sentence), the instant
    given in any zone or already in the calendar's (as a decision built whole gives it); the
    atom rendered by the one renderer is what its message called with the arguments says."""
    text = instant_text(at, zone, year=True)
    for given_at in (at, at.astimezone(zone)):
        atom = _INSTANT_ATOMS[key](given_at, zone)
        en, zh = render_lines((atom,))
        assert f" {text.en}" in en
        assert text.zh in zh
        assert render_lines([atom, atom]) == (f"{en}\n{en}", f"{zh}\n{zh}")
        assert MESSAGES[key](*atom[1:]) == Text(en, zh)
    lapsed = ("ownership.lapsed", "3 months", "3个月", at, "the end of Sat 1 Mar 2025",
              "2025年3月1日(周六)24:00", "R2", at.astimezone(zone), zone, "CC-9.2")
    en, zh = render_lines((lapsed,))
    assert en.startswith(f"The registration window (3 months) of the visit on {text.en} ran")
    assert f"; R2 on {text.en} came after it (CC-9.2)." in en
    assert zh.startswith(f"{text.zh}来访登记的有效期(3个月)")
    assert f"R2于{text.zh}来访" in zh
