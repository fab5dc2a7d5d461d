"""The command line's ``ownership`` job builds its decisions whole (issue 12): the same
decisions as a settlement read in full, byte for byte.

A settlement (``settle``, a payroll run) defers each decision's trace, explanation and
outcome to their first use (``DeferredDecision.later``); the job writes every decision
whole, so ``cases.evaluate`` settles with ``engine.settle_whole``, which builds them at once
by the same functions (``DeferredDecision.whole``). These tests hold the two to the same
decisions (the rules are the catalog's `CC-`, `SD-` and `COM-` rules either way), on
generated books and on the benchmark's books, and check the memos the job leans on (the
windows' ends and the as-of instant written once, the share models kept per rulebook).
"""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from propmgmt_rules.decision import FactSetAside, FactUsed, SetAsideReason, Text
from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import CC, SD, RegistrationBook, Rulebook, settle
from propmgmt_rules.ownership._context import rule_ids
from propmgmt_rules.ownership._later import (
    _RECORDS,
    KEPT,
    Outcomes,
    _as_of_text,
    records,
    until,
    when,
)
from propmgmt_rules.ownership.cases import OwnershipCase, evaluate
from propmgmt_rules.ownership.engine import _context, settle_whole
from propmgmt_rules.ownership.models import PartyRole
from propmgmt_rules.ownership.strategies import BOOK_START
from propmgmt_rules.strategies import registration_books
from propmgmt_rules.time.phrasing import instant_text

ROOT = Path(__file__).resolve().parents[2]


@cache
def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("_job_bench_ownership",
                                                  ROOT / "benchmarks" / "bench_ownership.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _complete(d: Any) -> bool:
    """Nothing left to write on first use."""
    try:
        return object.__getattribute__(d, "_write") is None
    except AttributeError:
        return False


@settings(max_examples=80)
@given(registration_books(max_clients=8, max_receptions=20), st.sampled_from([CC, SD]),
       st.integers(0, 200))
def test_settle_whole_is_the_settlement_read_in_full(book: RegistrationBook, rb: Rulebook,
                                                     days: int) -> None:
    """`CC-6`/`SD-7.3`, `CC-9.1`, `CC-9.2`, `COM-SPLIT`...: every decision built whole is the
    decision the settlement defers, once read (same fields, same JSON bytes), and holds
    nothing more to write."""
    as_of = BOOK_START + timedelta(days=days, hours=9)
    deferred = settle(book, as_of=as_of, rulebook=rb)
    book.__dict__.pop("_index", None)  # built again: the whole path pays for its own
    whole = settle_whole(book, as_of=as_of, rulebook=rb)
    assert [type(d) for d in whole] == [type(d) for d in deferred]
    assert all(_complete(d) for d in whole)
    assert [d.to_json_bytes() for d in whole] == [d.to_json_bytes() for d in deferred]
    assert whole == deferred
    for d in whole:
        assert type(d).model_validate_json(d.to_json()) == d


def test_the_jobs_decisions_are_the_settlements_on_the_benchmarks_books() -> None:
    """The benchmark's books (``bench_ownership.write_cases``: about 40 rows each, CC and SD
    in turn): each case's decisions (``cases.evaluate``, built whole) are the settlement's
    (deferred, then read), titled by the case, byte for byte."""
    bench = _bench()
    as_of = bench.START + timedelta(days=bench.DAYS)
    decisions = 0
    for i in range(120):
        book = bench.generate(40, seed=i)
        book["departures"] = []
        case = OwnershipCase.model_validate({"id": f"k{i}", "rulebook": "SD" if i % 2 else "CC",
                                             "book": book, "settle_as_of": as_of.isoformat()})
        got = [d.to_json_bytes() for d in evaluate(case)]
        plain = RegistrationBook.model_validate(book)
        expected = [d.model_copy(update={"subject": f"k{i}: {d.subject}"}).to_json_bytes()
                    for d in settle(plain, as_of=as_of, rulebook=SD if i % 2 else CC)]
        assert got == expected, i
        decisions += len(got)
    assert decisions > 1_000  # households and deals of every kind the generator makes


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2150, 1, 1)),
       st.sampled_from([0, 8, -5, 14]), st.sampled_from([CC, SD]))
def test_an_instant_kept_is_written_as_instant_text_whatever_its_offset(
        local: datetime, hours: int, rb: Rulebook) -> None:
    """`T-DAYS` phrasing: the window's end (``until``) and the as-of instant are kept by
    instant; the same instant given with another offset (an equal key) is written the same,
    as ``instant_text`` writes it in the calendar's zone."""
    tz = rb.calendar.tz
    at = local.replace(tzinfo=UTC)
    other = at.astimezone(timezone(timedelta(hours=hours)))
    expected = instant_text(at, tz, year=True)
    for fn in (when, _as_of_text):
        assert fn(at, tz) == expected
        assert fn(other, tz) == expected
    u = until(other, tz)
    assert u == until(at, tz)
    if expected.en.endswith(" 24:00"):
        assert u.en == f"the end of {expected.en[:-6]}"
        assert u.zh == expected.zh
    else:
        assert u == expected


def test_the_share_models_kept_per_rulebook_are_bounded() -> None:
    """`COM-SPLIT` shares: one :class:`Outcomes` per rulebook keeps the share models its
    decisions share, at most ``KEPT`` of them (then it starts again), each the share its
    atoms say."""
    outcomes = Outcomes()
    for i in range(KEPT + 10):
        (share,) = outcomes.shares((f"P{i}", PartyRole.CONSULTANT.value, 1, 3, "CC-6"))
        assert (share.party, share.role, share.share, share.rule) == (
            f"P{i}", PartyRole.CONSULTANT, Fraction(1, 3), "CC-6")
        assert len(outcomes._shares) <= KEPT
    again = outcomes.shares(("P1", PartyRole.CONSULTANT.value, 1, 3, "CC-6"))
    assert again == outcomes.shares(("P1", PartyRole.CONSULTANT.value, 1, 3, "CC-6"))


_AT = "2025-03-01T10:00:00+08:00"
_ONE_OF_EACH: dict[str, dict[str, Any]] = {
    "relations": {"id": "L1", "a": "C1", "b": "C2", "kind": "spouse", "known_at": _AT},
    "recognitions": {"id": "G1", "client": "C1", "consultant": "A", "at": _AT},
    "change_requests": {"id": "Q1", "client": "C1", "at": _AT},
    "departures": {"id": "Z1", "consultant": "A", "at": "2025-06-01T10:00:00+08:00"},
    "company_referrals": {"id": "K1", "client": "C1", "at": _AT},
    "staff_referrals": {"id": "S1", "client": "C1", "introducer": "X", "registered_at": _AT,
                        "agreed_date": "2025-03-01"},
    "introductions": {"id": "I1", "client": "C1", "by_client": "C2", "consultant": "A",
                      "at": _AT},
    "deals": {"id": "D1", "buyers": ["C1"], "at": _AT, "commission": "100.00"},
    "deal_changes": {"id": "X1", "deal": "D1", "at": _AT, "kind": "unit_change"},
}


def _small_book(name: str, copies: int) -> dict[str, Any]:
    book: dict[str, Any] = {"receptions": [
        {"id": "R1", "client": "C1", "consultant": "A", "at": _AT},
        {"id": "R2", "client": "C2", "consultant": "B", "at": _AT}]}
    if name == "deal_changes":
        book["deals"] = [_ONE_OF_EACH["deals"]]
    if name == "receptions":
        book["receptions"] = book["receptions"][:1] * copies
    else:
        book[name] = [_ONE_OF_EACH[name]] * copies
    return book


@pytest.mark.parametrize("name", ["receptions", *_ONE_OF_EACH])
def test_cc_1_a_duplicate_id_is_named_in_every_list_and_a_single_record_is_not(
        name: str) -> None:
    """`CC-1` (the registration book): a record id given twice in any list of a book is a
    problem naming it (``deals[D1].id``), a small book's lists with each id once are not (the
    checks skip the lists a book leaves empty and those without a duplicate)."""
    RegistrationBook.model_validate(_small_book(name, 1))
    with pytest.raises(ValidationError) as raised:
        RegistrationBook.model_validate(_small_book(name, 2))
    rid = "R1" if name == "receptions" else _ONE_OF_EACH[name]["id"]
    assert {"loc": (f"{name}[{rid}]", "id"), "msg": "duplicate record id"} in [
        {"loc": e["loc"], "msg": e["msg"]} for e in raised.value.errors()]


def test_the_rulebooks_memos_change_no_decision_and_are_bounded() -> None:
    """`CC-6`/`SD-7.3`, `CC-1`/`SD-7.1` (the rules every ownership cites), `COM-SPLIT`: the
    rules decided and the sole owners' shares a rulebook keeps across questions (a job's
    cases) change no decision, whether the memos are empty or full of other questions'; a
    question that finds them holding more than ``KEPT`` starts them again."""
    bench = _bench()
    as_of = bench.START + timedelta(days=bench.DAYS)
    cases = [OwnershipCase.model_validate({
        "id": f"m{i}", "rulebook": "SD" if i % 2 else "CC",
        "book": {**bench.generate(40, seed=i), "departures": []},
        "settle_as_of": as_of.isoformat()}) for i in range(8)]
    for rb in (CC, SD):
        ids = rule_ids(rb)
        ids.decided.clear()
        ids.sole.clear()
    cold = [[d.to_json_bytes() for d in evaluate(case)] for case in cases]
    for case in cases:
        case.book.__dict__.pop("_index", None)
    assert rule_ids(CC).decided  # the questions left them full
    assert rule_ids(CC).sole
    warm = [[d.to_json_bytes() for d in evaluate(case)] for case in reversed(cases)]
    assert warm[::-1] == cold
    ids = rule_ids(CC)
    ids.decided.update(((f"R{i}",), (f"R{i}",)) for i in range(KEPT + 1))
    _context(cases[0].book, CC, as_of)
    assert len(ids.decided) == 0
    assert len(ids.sole) == 0


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2150, 1, 1)),
       st.sampled_from([0, 8, -5]), st.sampled_from([CC, SD]))
def test_t_months_a_windows_end_is_kept_written_as_until_writes_it(
        local: datetime, hours: int, rb: Rulebook) -> None:
    """`T-MONTHS` (the registration window, `CC-9.2`/`SD-7.1`): the end of a visit's window,
    kept per local day with the rulebook, is written as :func:`until` writes that end (the
    decisions' last lines and the lapses read it there), whatever the visit's offset."""
    at = local.replace(tzinfo=timezone(timedelta(hours=hours)))
    book = RegistrationBook.model_validate({"receptions": [
        {"id": "R1", "client": "C1", "consultant": "A", "at": at.isoformat()}]})
    ctx = _context(book, rb, at)
    end, end_utc, en, zh = ctx.window(at)
    assert end_utc == end
    assert Text(en, zh) == until(end, rb.calendar.tz) == until(end_utc, rb.calendar.tz)
    assert ctx.window(at) is ctx.window(at.astimezone(UTC))  # one per local day, kept


_FACTS = st.tuples(st.sampled_from(["reception", "deal", "relation"]),
                   st.sampled_from(["R1", "R2", "D1", "L1"]),
                   st.sampled_from([None, *(r.value for r in SetAsideReason)]),
                   st.sampled_from([None, "CC-6", "CC-9.1"]),
                   st.sampled_from(["", "first registered reception"]))


@settings(max_examples=200)
@given(st.lists(_FACTS, max_size=12), st.booleans())
def test_trace_records_from_the_memo_are_those_built_straight(
        facts: list[tuple[str, str, str | None, str | None, str]], forget: bool) -> None:
    """A fact's trace record read from ``_later._RECORDS`` (met before, or after the memo
    started again) is the record built from the fact itself, in the same order."""
    if forget:
        _RECORDS.clear()
    used = tuple(FactUsed(f"{k}:{rid}", rule, note) for k, rid, reason, rule, note in facts
                 if reason is None)
    aside = tuple(FactSetAside(f"{k}:{rid}", SetAsideReason(reason), rule, note)
                  for k, rid, reason, rule, note in facts if reason is not None)
    for _ in range(2):  # built, then read from the memo
        got_used, got_aside = records(tuple((k, rid, r, rule, note)  # equal, not the same
                                            for k, rid, r, rule, note in facts))
        assert (got_used, got_aside) == (used, aside)
        assert [type(x) for x in got_used + got_aside] == [type(x) for x in used + aside]


def test_settle_whole_titles_its_decisions_as_built() -> None:
    """``subject_prefix``: each decision's subject as the job titles it, nothing else
    changed (the explanation names the client); anything but a string is refused."""
    bench = _bench()
    as_of = bench.START + timedelta(days=bench.DAYS)
    book = RegistrationBook.model_validate({**bench.generate(40, seed=3), "departures": []})
    plain = settle_whole(book, as_of=as_of, rulebook=CC)
    titled = settle_whole(book, as_of=as_of, rulebook=CC, subject_prefix="k3: ")
    assert [d.subject for d in titled] == [f"k3: {d.subject}" for d in plain]
    assert titled == [d.model_copy(update={"subject": f"k3: {d.subject}"}) for d in plain]
    with pytest.raises(InputError, match="subject_prefix"):
        settle_whole(book, as_of=as_of, rulebook=CC, subject_prefix=3)  # type: ignore[arg-type]
