"""The bulk path (``evaluate_many``) is the one flow of ``status()`` with the policy's memos
warm: what a complaint's facts decide is computed once per kind of complaint, by the rules'
own functions, and kept by the facts each rule declares it reads. A memo keyed on too few
facts would hand one complaint another's answer: so a batch must decide exactly as the same
flow with every memo cold (a policy compiled afresh for each complaint), to the JSON,
whatever the instants' zones, the history, the policy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from propmgmt_rules._memo import FirstKept
from propmgmt_rules.complaints import (
    NANJING,
    PROCEDURE_5,
    Cause,
    Complaint,
    ComplaintEvent,
    ComplaintPolicy,
    ComplaintStatusDecision,
    classify,
    evaluate_many,
    obligations,
    status,
)
from propmgmt_rules.complaints._checks import check_complaint
from propmgmt_rules.complaints._tables import FACTS_LIMIT, Tables, tables
from propmgmt_rules.complaints.classify import STEPS
from propmgmt_rules.complaints.status import Run, decide_status
from propmgmt_rules.errors import InputError
from propmgmt_rules.obligation import ObligationStatus
from propmgmt_rules.strategies import complaint_histories, complaints
from propmgmt_rules.time import WorkCalendar

from .factory import MAJOR, at, complaint, event


def _cold(batch: list[tuple[Complaint, tuple[ComplaintEvent, ...]]], as_of: datetime,
          policy: ComplaintPolicy) -> list[ComplaintStatusDecision]:
    """Each complaint decided by the one flow with every memo empty (the policy compiled
    afresh for it)."""
    out = []
    for c, history in batch:
        check_complaint(c)
        out.append(decide_status(Run(Tables(policy), as_of), c, history, False))
    return out


BERLIN = PROCEDURE_5.model_copy(update={
    "name": "CP procedure 5, Berlin",
    "calendar": WorkCalendar(timezone="Europe/Berlin"),
})
"""A policy on a calendar whose zone has two offsets: instants are compared across offsets."""



def _custom() -> ComplaintPolicy:
    """A company's own policy that takes the engine's other roads: an upgrade after 30
    hours (not memoised per day), a major-loss threshold, 'repeatedly' from 2, and
    working-hours spans counted from the receipt and from the handling."""
    data = NANJING.model_dump(mode="json")
    hours = {"unit": "working_hours", "amount": 4, "extend_over_rest_days": False}
    data.update(name="custom", upgrade_after={"unit": "hours", "amount": 30,
                                              "extend_over_rest_days": False},
                major_loss_threshold="5000", repeated_threshold=2)
    for sev in ("minor", "important"):
        data["severities"][sev]["reply"] = {**data["severities"]["minor"]["reply"],
                                            "span": hours}
        data["severities"][sev]["revisit"] = {**data["severities"]["minor"]["revisit"],
                                              "span": {**hours, "amount": 10}}
    return ComplaintPolicy.model_validate(data)


CUSTOM = _custom()
POLICIES = [PROCEDURE_5, NANJING, BERLIN, CUSTOM]
ZONES = [ZoneInfo("Asia/Shanghai"), timezone(timedelta(hours=8)), UTC,
         ZoneInfo("Europe/Berlin")]
SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _in_zone(c: Complaint, history: tuple[ComplaintEvent, ...], zone: timezone | ZoneInfo
             ) -> tuple[Complaint, tuple[ComplaintEvent, ...]]:
    """The same complaint and history, every instant written in ``zone``."""
    def move(d: datetime | None) -> datetime | None:
        return None if d is None else d.astimezone(zone)
    c2 = c.model_copy(update={k: move(getattr(c, k)) for k in
                              ("received_at", "requested_by", "expected_answer_at")})
    h2 = tuple(e.model_copy(update={"at": move(e.at), "end": move(e.end),
                                    "until": move(e.until)}) for e in history)
    return c2, h2


def _same(warm: list[ComplaintStatusDecision], cold: list[ComplaintStatusDecision]) -> None:
    assert len(warm) == len(cold)
    for a, b in zip(warm, cold, strict=True):
        assert a == b
        assert a.to_json() == b.to_json()
        assert [o.due.utcoffset() if o.due else None for o in a.outcome.obligations] == \
            [o.due.utcoffset() if o.due else None for o in b.outcome.obligations]


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@SOME
@given(data=st.data(), cs=st.lists(complaints(), min_size=1, max_size=5),
       later=st.integers(0, 50 * 24 * 60), zone=st.sampled_from(ZONES))
def test_the_batch_decides_exactly_as_the_flow_with_cold_memos(
    policy: ComplaintPolicy, data: st.DataObject, cs: list[Complaint], later: int,
    zone: timezone | ZoneInfo,
) -> None:
    batch = [_in_zone(c, data.draw(complaint_histories(c)), zone) for c in cs]
    as_of = max(c.received_at for c, _ in batch) + timedelta(minutes=later)
    try:
        cold = _cold(batch, as_of, policy)
    except InputError:
        with pytest.raises(InputError):
            evaluate_many(batch, as_of=as_of, policy=policy)
        return
    _same(evaluate_many(batch, as_of=as_of, policy=policy), cold)
    # twice: the second time every memo hits
    _same(evaluate_many(batch, as_of=as_of, policy=policy), cold)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(missing_facts=False, requested_times=False),
       later=st.integers(0, 50 * 24 * 60))
def test_the_batch_on_complete_facts_and_done_events(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    """Complete facts and only done events in the window: the common case."""
    as_of = c.received_at + timedelta(minutes=later)
    kinds = data.draw(st.lists(st.sampled_from(
        ["routed", "dispatched", "escalated", "replied", "handled", "revisited", "answered",
         "invalid_notice_sent", "result_reported", "leadership_informed"]), max_size=7))
    history = tuple(
        event(k, c.received_at + timedelta(minutes=data.draw(st.integers(0, later))))
        for k in kinds)
    try:
        cold = _cold([(c, history)], as_of, policy)
    except InputError:
        return
    _same(evaluate_many([(c, history)], as_of=as_of, policy=policy), cold)


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING, CUSTOM], ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(), other=complaints(), later=st.integers(0, 20 * 24 * 60))
def test_twins_differing_in_one_fact_are_decided_apart(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, other: Complaint, later: int
) -> None:
    """The memos are keyed on facts: a batch of complaints that differ from the first in one
    fact each (any field), with the same history, is decided as with cold memos."""
    history = data.draw(complaint_histories(c, max_events=4))
    twins = [c]
    for name in Complaint.model_fields:
        if name in ("requested_by", "expected_answer_at", "received_at"):
            continue
        twins.append(c.model_copy(update={name: getattr(other, name)}))
    twins.append(c.model_copy(update={"received_by": None}))
    twins.append(c.model_copy(update={"received_at": c.received_at.replace(hour=20)}))
    as_of = max(t.received_at for t in twins) + timedelta(minutes=later)
    batch = [(t, history) for t in twins]
    try:
        cold = _cold(batch, as_of, policy)
    except InputError:
        return
    _same(evaluate_many(batch, as_of=as_of, policy=policy), cold)


_VALUES: dict[str, list[object]] = {
    "received_by": [None, "Li"],
    "channel": [None, "letter"],
    "about": [None, "mail", "staff_attitude", "sudden_incident"],
    "intent": [None, "help", "enquiry", "venting"],
    "caused_by": [None, "company_staff", "company_facilities", "developer", "resident"],
    "justified": [None, True, False],
    "verified_by_authority": [None, True, False],
    "promised_service_failed": [None, True, False],
    "times_raised": [None, 1, 3],
    "loss_amount": [None, "0", "150.00", "90000"],
    "major_loss": [None, True, False],
    "injury": [None, True, False],
    "group": [True, False],
    "forwarded_by_government": [True, False],
    "answered_at_once": [None, True, False],
    "assessed_severity": [None, "minor", "major"],
}
_BASES = [{}, {"intent": "enquiry", "caused_by": "third_party", "assessed_severity": "minor"},
          {"justified": False, "caused_by": "resident"}, MAJOR,
          {"caused_by": "company_staff", "about": "staff_attitude"}]


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING, CUSTOM], ids=lambda p: p.name)
@pytest.mark.parametrize("hour", [9, 10, 12, 18, 20])
def test_every_fact_is_part_of_the_memo_key(policy: ComplaintPolicy, hour: int) -> None:
    """Complaints that differ in one fact each, in one batch, with and without history."""
    batch = []
    for base in _BASES:
        for name, values in _VALUES.items():
            for v in values:
                c = complaint(**{**base, name: v, "received_at": at(2025, 3, 3, hour)})
                batch.append((c, []))
                batch.append((c, [event("replied", at(2025, 3, 3, 23)),
                                  event("handled", at(2025, 3, 4, 9))]))
    as_of = at(2025, 3, 5, 12)
    _same(evaluate_many(batch, as_of=as_of, policy=policy),
          _cold(batch, as_of, policy))


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING, CUSTOM], ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(missing_facts=False, requested_times=False),
       later=st.integers(0, 45 * 24 * 60))
def test_pauses_extensions_and_corrections_in_any_order(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    """Several pauses (overlapping, open), extensions and corrections, shuffled."""
    c = c.model_copy(update={"justified": True, "caused_by": Cause.COMPANY_STAFF})
    minutes = st.integers(0, 6 * 24 * 60)
    events: list[ComplaintEvent] = []
    for _ in range(data.draw(st.integers(1, 4))):
        start = c.received_at + timedelta(minutes=data.draw(minutes))
        end = data.draw(st.one_of(st.none(), st.integers(1, 3 * 24 * 60)))
        events.append(event("paused", start, end=None if end is None else
                            start + timedelta(minutes=end)))
    for _ in range(data.draw(st.integers(0, 2))):
        when = c.received_at + timedelta(minutes=data.draw(minutes))
        events.append(event("extension_approved", when,
                            by=data.draw(st.sampled_from(["administrator", "assistant",
                                                          "office_director"])),
                            until=when + timedelta(hours=data.draw(st.integers(1, 300))),
                            explained=True))
    for _ in range(data.draw(st.integers(0, 2))):
        events.append(event("severity_corrected",
                            c.received_at + timedelta(minutes=data.draw(minutes)),
                            severity=data.draw(st.sampled_from(["minor", "important",
                                                                "major"]))))
    for kind in data.draw(st.lists(st.sampled_from(["replied", "handled", "revisited"]),
                                   max_size=3)):
        events.append(event(kind, c.received_at + timedelta(minutes=data.draw(minutes))))
    history = tuple(data.draw(st.permutations(events)))
    as_of = c.received_at + timedelta(minutes=later)
    try:
        cold = _cold([(c, history)], as_of, policy)
    except InputError:
        return
    _same(evaluate_many([(c, history)], as_of=as_of, policy=policy), cold)


def test_the_batch_explains_in_one_line_the_head_of_the_full_explanation() -> None:
    c = complaint()
    history = [event("dispatched", at(2025, 3, 3, 10, 5)), event("handled", at(2025, 3, 4, 9))]
    d = evaluate_many([(c, history)], as_of=at(2025, 3, 5, 12), policy=PROCEDURE_5)[0]
    full = status(c, history, as_of=at(2025, 3, 5, 12), policy=PROCEDURE_5)
    assert d.outcome == full.outcome
    assert d.decided_by == full.decided_by
    assert d.facts_used == full.facts_used
    assert d.explanation.en.count("\n") == 0
    assert d.explanation.en in full.explanation.en
    assert d.explanation.zh in full.explanation.zh


@pytest.mark.parametrize(("why", "c", "history", "as_of"), [
    ("an event after as_of", complaint(), [event("handled", at(2025, 3, 9, 9))],
     at(2025, 3, 5, 12)),
    ("a pause", complaint(), [event("paused", at(2025, 3, 3, 11), end=at(2025, 3, 4, 11))],
     at(2025, 3, 5, 12)),
    ("an open pause", complaint(), [event("paused", at(2025, 3, 3, 11))], at(2025, 3, 5, 12)),
    ("an extension", complaint(**MAJOR), [
        event("extension_approved", at(2025, 3, 4, 9), by="administrator",
              until=at(2025, 3, 9, 18))], at(2025, 3, 5, 12)),
    ("a correction", complaint(), [event("severity_corrected", at(2025, 3, 3, 12),
                                         severity="major")], at(2025, 3, 5, 12)),
    ("CP-UPGRADE", complaint(), [], at(2025, 4, 20, 12)),
    ("CP-UPGRADE provisional", complaint(), [], at(2025, 3, 20, 12)),
    ("a requested time", complaint(**MAJOR, requested_by=at(2025, 3, 4, 18),
                                   requested_time_reasonable=True), [], at(2025, 3, 5, 12)),
    ("a signature", complaint(), [event("handled", at(2025, 3, 4, 8), by="Li"),
                                  event("result_signed", at(2025, 3, 4, 9), by="Wu")],
     at(2025, 3, 5, 12)),
])
def test_the_batch_decides_every_history_as_status_does(
        why: str, c: Complaint, history: list[ComplaintEvent], as_of: datetime) -> None:
    d = evaluate_many([(c, history)], as_of=as_of, policy=PROCEDURE_5)[0]
    full = status(c, history, as_of=as_of, policy=PROCEDURE_5)
    assert d.outcome == full.outcome, why
    for field in ("decided_by", "not_applied", "facts_used", "facts_set_aside",
                  "missing_facts", "provisional", "escalation"):
        assert getattr(d, field) == getattr(full, field), field
    assert evaluate_many([(c, history)], as_of=as_of, policy=PROCEDURE_5, explain=True)[0] \
        == full


def test_a_calendar_with_two_offsets_compares_instants_across_offsets() -> None:
    assert tables(PROCEDURE_5).fixed
    assert not tables(BERLIN).fixed


def test_every_classification_step_declares_facts_of_a_complaint() -> None:
    """Each rule's memo is keyed by the facts it declares it reads: real fields, each step
    reading some."""
    for step in STEPS:
        assert step.reads, step.name
        assert set(step.reads) <= set(Complaint.model_fields), step.name


def _complete(m: BaseModel) -> None:
    """Every field of the model (and of the models in it) is given, and set."""
    fields = set(type(m).model_fields)
    assert set(m.__dict__) == fields, type(m)
    assert m.model_fields_set == fields, type(m)
    for v in m.__dict__.values():
        if isinstance(v, BaseModel):
            _complete(v)


def test_models_built_without_validation_are_complete_and_copy_safely() -> None:
    """The engine builds its models without validation and shares one fields_set per
    class (frozen models): every field is there, and a copy with changes leaves the other
    decisions as they were."""
    c = complaint()
    history = [event("dispatched", at(2025, 3, 3, 10, 5)), event("handled", at(2025, 3, 4, 9)),
               event("paused", at(2025, 3, 3, 11), end=at(2025, 3, 3, 15)),
               event("severity_corrected", at(2025, 3, 3, 12), severity="important")]
    as_of = at(2025, 3, 5, 12)
    decisions = [
        *evaluate_many([(c, history[:2]), (c, history[:3]), (c, history)], as_of=as_of,
                       policy=PROCEDURE_5),
        *evaluate_many([(c, history)], as_of=as_of, policy=NANJING, explain=True),
        status(c, history, as_of=as_of, policy=NANJING),
        classify(c, policy=NANJING),
        obligations(c, policy=PROCEDURE_5),
    ]
    for d in decisions:
        _complete(d)
    first, second = decisions[0], decisions[1]
    moved = first.model_copy(update={"subject": "moved"})
    assert moved.subject == "moved"
    assert first.subject == "complaint C1"
    assert second.model_fields_set == set(type(second).model_fields)


@pytest.mark.parametrize("later", [timedelta(hours=20), timedelta(hours=40)])
def test_an_upgrade_counted_in_hours_is_not_shared_within_a_day(later: timedelta) -> None:
    """CP-UPGRADE after 30 hours: complaints of one day at different hours become major (or
    are provisional) at different instants."""
    batch = [(complaint(id=f"C{h}", received_at=at(2025, 3, 3, h)), []) for h in (8, 11, 15)]
    as_of = at(2025, 3, 3, 15) + later
    decisions = evaluate_many(batch, as_of=as_of, policy=CUSTOM)
    _same(decisions, _cold(batch, as_of, CUSTOM))
    if later < timedelta(hours=30):
        until = {d.provisional.until for d in decisions if d.provisional is not None}
        assert len(until) == 3
    else:
        upgraded = {d.outcome.severity_changes[0].at for d in decisions
                    if d.outcome.severity_changes}
        assert len(upgraded) >= 2


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING, CUSTOM], ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(missing_facts=False, requested_times=False),
       later=st.integers(25 * 24 * 60, 60 * 24 * 60))
def test_cp_upgrade_replans_decide_exactly_as_with_cold_memos(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    """CP-UPGRADE re-plans (new obligations from the upgrade, old ones carried on unless the
    new deadline is earlier) with pauses around the upgrade, extensions, corrections and
    events before and after it: both paths decide alike."""
    c = c.model_copy(update={"justified": True,
                             "caused_by": data.draw(st.sampled_from(
                                 [Cause.COMPANY_STAFF, Cause.COMPANY_FACILITIES]))})
    minutes = st.integers(0, 45 * 24 * 60)
    events: list[ComplaintEvent] = []
    for _ in range(data.draw(st.integers(0, 3))):
        start = c.received_at + timedelta(minutes=data.draw(minutes))
        end = data.draw(st.one_of(st.none(), st.integers(1, 5 * 24 * 60)))
        events.append(event("paused", start, end=None if end is None else
                            start + timedelta(minutes=end),
                            obligations=data.draw(st.one_of(
                                st.none(), st.lists(st.sampled_from(
                                    ["reply", "handle", "escalate", "revisit"]), min_size=1,
                                    max_size=2, unique=True)))))
    for _ in range(data.draw(st.integers(0, 2))):
        when = c.received_at + timedelta(minutes=data.draw(minutes))
        events.append(event("extension_approved", when,
                            by=data.draw(st.sampled_from(["administrator", "assistant",
                                                          "office_director"])),
                            until=when + timedelta(hours=data.draw(st.integers(1, 900))),
                            explained=True))
    for _ in range(data.draw(st.integers(0, 1))):
        events.append(event("severity_corrected",
                            c.received_at + timedelta(minutes=data.draw(minutes)),
                            severity=data.draw(st.sampled_from(["minor", "important"]))))
    for kind in data.draw(st.lists(st.sampled_from(
            ["dispatched", "escalated", "replied", "handled", "revisited", "routed",
             "statistics_reported", "result_reported"]), max_size=5)):
        events.append(event(kind, c.received_at + timedelta(minutes=data.draw(minutes))))
    history = tuple(data.draw(st.permutations(events)))
    as_of = c.received_at + timedelta(minutes=later)
    try:
        cold = _cold([(c, history)], as_of, policy)
    except InputError:
        return
    _same(evaluate_many([(c, history)], as_of=as_of, policy=policy), cold)
    _same([status(c, history, as_of=as_of, policy=policy, explain=False)], cold)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: p.name)
@SOME
@given(data=st.data(), c=complaints(missing_facts=False), later=st.integers(0, 50 * 24 * 60))
def test_cp_status_an_obligation_nothing_moved_is_settled_as_the_clock_evaluates_it(
    policy: ComplaintPolicy, data: st.DataObject, c: Complaint, later: int
) -> None:
    """`CP-STATUS`: met (done by the deadline), breached (done late, or not done when it has
    passed), pending (neither). ``settle`` (each obligation no pause, extension or re-plan
    moved: the common case, one pass) must answer as ``evaluate`` (the clock of a moved
    obligation) answers for a single plan nothing moves: the one rule, not two copies."""
    from propmgmt_rules.complaints._clock import done_at, evaluate, settle
    from propmgmt_rules.complaints._history import read_history
    from propmgmt_rules.complaints.obligations import items, kind_of, receipt

    as_of = c.received_at + timedelta(minutes=later)
    kinds = data.draw(st.lists(st.sampled_from(
        ["routed", "dispatched", "escalated", "replied", "handled", "revisited", "answered",
         "invalid_notice_sent", "result_reported", "result_signed"]), max_size=7))
    history = tuple(
        event(k, c.received_at + timedelta(minutes=data.draw(st.integers(0, later + 600))))
        for k in kinds)
    tb = tables(policy)
    try:
        check_complaint(c)
        received, x, off_hours = receipt(c, tb)
        h = read_history(history, received, as_of, tb)
    except InputError:
        return
    plan = kind_of(c, off_hours, tb)
    for it in items(c, plan.shape, received, x, h.handled_at, tb):
        settled: list[ObligationStatus] = []
        settle([it], h.done, as_of, settled)
        assert settled == [evaluate([(received, it, False)], done_at(it[0], h.done), as_of,
                                    [], [], tb, None)]


# -- the memo of kinds of complaint: bounded, the kinds seen first kept --------------------


@pytest.mark.parametrize("policy", [PROCEDURE_5, NANJING], ids=lambda p: p.name)
@SOME
@given(data=st.data(), cs=st.lists(complaints(), min_size=2, max_size=6))
def test_a_full_memo_of_kinds_changes_no_decision(
    policy: ComplaintPolicy, data: st.DataObject, cs: list[Complaint]
) -> None:
    """With room for one kind of complaint, most complaints miss the memo of kinds and
    are classified and planned by the same functions again: the decisions are those of the
    flow with every memo empty."""
    batch = [(c, data.draw(complaint_histories(c))) for c in cs]
    as_of = max(c.received_at for c, _ in batch) + timedelta(days=3)
    try:
        cold = _cold(batch, as_of, policy)
    except InputError:
        return
    tb = Tables(policy)
    tb.kinds = FirstKept(1)
    run = Run(tb, as_of)
    _same([decide_status(run, c, h, False) for c, h in batch], cold)
    assert len(tb.kinds.items) == 1


def test_the_memo_of_kinds_is_bounded_and_keeps_the_kinds_seen_first() -> None:
    tb = Tables(PROCEDURE_5)
    assert isinstance(tb.kinds, FirstKept)
    assert tb.kinds.limit == FACTS_LIMIT
