"""The repair job's seventh round (issue 12, rjob7): the steps made cheaper give what the
straightforward ones gave."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic_core import TzInfo

from propmgmt_rules.obligation import ObligationState
from propmgmt_rules.repairs import CATALOG, PROPERTY_OFFICE, RevisitRecord, quotas, revisits
from propmgmt_rules.repairs._common import (
    REVISITOR,
    _duration,
    _ends,
    at_text,
    obligation,
    obligation_parts,
)

_BASE = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
_ZONES = [UTC, timezone(timedelta(hours=8)), TzInfo(8 * 3600), TzInfo(-5 * 3600),
          ZoneInfo("Asia/Shanghai"), ZoneInfo("America/New_York")]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.sampled_from(range(len(_ZONES))),
                          st.sampled_from(["V1", "V2", "V3", "A", "B"])), max_size=7))
def test_revisit_order_is_the_order_by_instant_then_id(
        given_: list[tuple[int, int, str]]) -> None:
    """By instant, then by id, as the pairs ``(at, id)`` sort (equal instants written at
    other offsets included; zones whose offset may depend on the fold sorted as pairs)."""
    visits = [RevisitRecord(id=f"{vid}{i}" if i % 2 else vid, repair="R1",
                            at=(_BASE + timedelta(hours=h)).astimezone(_ZONES[z]),
                            by="王", role="administrator")
              for i, (h, z, vid) in enumerate(given_)]
    want = sorted(visits, key=lambda v: (v.at, v.id))
    assert revisits.revisit_order(visits) == want
    assert revisits.revisit_order(iter(visits)) == want


def _parts_before(ob, tz):  # type: ignore[no-untyped-def]
    """obligation_parts for a met or breached obligation as first written: the slack and
    lateness worked out from the instants."""
    due, done = ob.due, ob.done_at
    d = at_text(done, tz)
    if ob.state is ObligationState.MET:
        if done == due:
            en = f"met, done {d.en}, right at the deadline"
            zh = f"已完成,完成于{d.zh},恰在截止时间"
        else:
            ahead, u = _duration(due - done), at_text(due, tz)
            en = f"met, done {d.en}, {ahead.en} before the deadline {u.en}"
            zh = f"已完成,完成于{d.zh},比截止时间{u.zh}提前{ahead.zh}"
    else:
        u, late = at_text(due, tz), _duration(done - due)
        en = f"breached, done {d.en}, {late.en} after the deadline {u.en}"
        zh = f"已逾期,截止{u.zh},{d.zh}才完成,逾期{late.zh}"
    (head, end), (head_zh, end_zh) = _ends(ob.duty, ob.owed_by_name, ob.rules)
    return f"{head}{en}{end}", f"{head_zh}{zh}{end_zh}"


@settings(max_examples=200, deadline=None)
@given(st.integers(-3000, 3000), st.sampled_from(range(len(_ZONES))),
       st.sampled_from(range(len(_ZONES))), st.one_of(st.none(), st.integers(-3000, 6000)))
def test_an_obligations_sentence_reads_its_slack_and_lateness(
        minutes: int, z_done: int, z_due: int, asked: int | None) -> None:
    """A met or breached obligation's sentence reads the status's slack and lateness: the
    text is the one worked out from the instants (at any offsets, at the deadline too)."""
    due = _BASE.astimezone(_ZONES[z_due])
    done = (_BASE + timedelta(minutes=minutes)).astimezone(_ZONES[z_done])
    as_of = None if asked is None else _BASE + timedelta(minutes=asked)
    ob = obligation("R1:revisit", "OM-RV2", revisits._DUTY, REVISITOR, None, due, done, as_of)
    tz = ZoneInfo("Asia/Shanghai")
    if ob.done_at is not None:
        assert obligation_parts(ob, tz) == _parts_before(ob, tz)


def test_a_rates_sentence_kept_is_the_one_written_afresh() -> None:
    """A quota decision's rate sentences, kept per rate object, are those written afresh;
    a role's and the coverage's are kept apart."""
    for policy in (CATALOG, PROPERTY_OFFICE):
        for n in (0, 1, 7, 10):
            for revisited in range(n + 1):
                for q in policy.quotas:
                    r = quotas._rate_of(q.role, q.name_en, q.name_zh, revisited, n, q.minimum)
                    assert quotas._rate_line(r, quotas._role_line) == quotas._role_line(r)
                    assert quotas._rate_line(r, quotas._role_line) == quotas._role_line(r)
                c = quotas._rate_of(None, "coverage", "回访率", revisited, n, Fraction(1))
                assert quotas._rate_line(c, quotas._coverage_line) == quotas._coverage_line(c)
                assert quotas._rate_line(c, quotas._role_line) == quotas._role_line(c)

