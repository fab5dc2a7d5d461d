"""Small builders for registration books in tests: instants in Asia/Shanghai, records as dicts."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from typing import Any
from zoneinfo import ZoneInfo

from propmgmt_rules.decision import Decision, FactSetAside, FactUsed, SetAsideReason
from propmgmt_rules.ownership import (
    CommissionDecision,
    OwnershipDecision,
    RegistrationBook,
    Rulebook,
    decide_ownership,
    facts,
    split_commission,
)

SH = ZoneInfo("Asia/Shanghai")
_CONTEXT = {"asked_for", "asked_before_substantive", "brought_by", "referred_by", "on_duty_for",
            "designated_by_executive", "manager_assigned", "proxy_for", "acquaintance",
            "forgot_consultant"}


def t(text: str) -> datetime:
    """``"2025-03-01 10:00"`` in Shanghai time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def rec(rid: str, client: str, consultant: str, at: str, **kw: Any) -> dict[str, Any]:
    """A reception; context keys (asked_for, brought_by, ...) go into its context."""
    out: dict[str, Any] = {"id": rid, "client": client, "consultant": consultant, "at": t(at)}
    ctx = {k: kw.pop(k) for k in list(kw) if k in _CONTEXT}
    if ctx:
        out["context"] = ctx
    out.update(kw)
    return out


def spouses(rid: str, a: str, b: str, known: str, kind: str = "spouse") -> dict[str, Any]:
    return {"id": rid, "a": a, "b": b, "kind": kind, "known_at": t(known)}


def deal(rid: str, buyers: str | list[str], at: str, commission: str = "10000.00",
         **kw: Any) -> dict[str, Any]:
    return {"id": rid, "buyers": [buyers] if isinstance(buyers, str) else buyers, "at": t(at),
            "commission": commission, **kw}


def book(**lists: Any) -> RegistrationBook:
    """The book of these lists of records (the library's fact builder, ``facts.book``)."""
    return facts.book(**lists)


def owners(d: Decision) -> dict[str, Fraction]:
    assert isinstance(d, OwnershipDecision)
    return {s.party: s.share for s in d.outcome.owners}


def who(b: RegistrationBook, client: str, as_of: str, rulebook: Rulebook) -> dict[str, Fraction]:
    return owners(decide_ownership(b, client, as_of=t(as_of), rulebook=rulebook))


def split(b: RegistrationBook, deal_id: str, rulebook: Rulebook, as_of: str | None = None
          ) -> CommissionDecision:
    return split_commission(b, deal_id, as_of=None if as_of is None else t(as_of),
                            rulebook=rulebook)


def amounts(d: CommissionDecision) -> dict[str, str]:
    return {k: str(v) for k, v in d.outcome.amounts().items()}


def aside(d: Decision, fact: str) -> FactSetAside:
    for f in d.facts_set_aside:
        if f.fact == fact:
            return f
    raise AssertionError(f"{fact} is not set aside in {d.facts_set_aside} / {d.facts_used}")


def used(d: Decision, fact: str) -> FactUsed:
    for f in d.facts_used:
        if f.fact == fact:
            return f
    raise AssertionError(f"{fact} is not used in {d.facts_used} / {d.facts_set_aside}")


def reason(d: Decision, fact: str) -> SetAsideReason:
    return aside(d, fact).reason


ONE = Fraction(1)
HALF = Fraction(1, 2)
