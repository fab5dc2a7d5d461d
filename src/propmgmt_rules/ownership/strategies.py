"""Hypothesis strategies for registration books (for users' own property-based tests; needs
``hypothesis``)::

    from hypothesis import given
    from propmgmt_rules.strategies import registration_books
    from propmgmt_rules.ownership import rulebooks, settle

    @given(registration_books())
    def test_payroll_adds_up(book):
        for d in settle(book, as_of="2026-01-01T00:00:00+08:00", rulebook=rulebooks.SD): ...

Every generated book is valid: ids are unique, every referenced client appears, no consultant
receives after leaving, commissions are whole cents. Instants fall in the first half of 2025
(Shanghai time), on whole minutes, so ties on the same instant happen.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from .models import RegistrationBook

__all__ = ["BOOK_START", "registration_books"]

BOOK_START = datetime(2025, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai"))
"""The earliest instant of a generated book."""
_SPAN_MINUTES = 180 * 24 * 60


def _at(minutes: int) -> datetime:
    return BOOK_START + timedelta(minutes=minutes)


@st.composite
def registration_books(
    draw: st.DrawFn,
    max_clients: int = 6,
    consultants: tuple[str, ...] = ("A", "B", "C", "D"),
    max_receptions: int = 12,
) -> RegistrationBook:
    """Valid registration books with every kind of fact, in small numbers."""
    n_clients = draw(st.integers(1, max_clients))
    clients = [f"C{i}" for i in range(n_clients)]
    minute = st.integers(0, _SPAN_MINUTES)
    receptions: list[dict[str, Any]] = []
    for i in range(draw(st.integers(1, max_receptions))):
        client = draw(st.sampled_from(clients))
        r: dict[str, Any] = {
            "id": f"R{i}", "client": client, "consultant": draw(st.sampled_from(consultants)),
            "at": _at(draw(minute)),
        }
        if draw(st.integers(0, 5)) == 0:
            r["channel"] = "phone"
        if draw(st.integers(0, 7)) == 0:
            r["verified"] = False
        kind = draw(st.integers(0, 9))
        others = [c for c in clients if c != client]
        if kind == 0 and others:
            r["context"] = {"brought_by": draw(st.sampled_from(others))}
        elif kind == 1:
            r["context"] = {"on_duty_for": draw(st.sampled_from(consultants))}
        elif kind == 2:
            r["context"] = {"forgot_consultant": True}
        elif kind == 3:
            r["context"] = {"asked_for": draw(st.sampled_from(consultants))}
        elif kind == 4 and others:
            r["context"] = {"proxy_for": draw(st.sampled_from(others))}
        elif kind == 5:
            r["context"] = {"acquaintance": True}
        elif kind == 6:
            r["context"] = {"designated_by_executive": True}
        elif kind == 7 and others:
            r["context"] = {"referred_by": draw(st.sampled_from(others))}
        elif kind == 8:
            r["context"] = {"manager_assigned": True}
        receptions.append(r)
    seen = sorted({r["client"] for r in receptions})
    for r in receptions:  # refer only to clients of the book
        if "context" in r and (r["context"].get("brought_by", seen[0]) not in seen
                               or r["context"].get("referred_by", seen[0]) not in seen):
            del r["context"]
    relations: list[dict[str, Any]] = []
    if len(seen) >= 2:
        for i in range(draw(st.integers(0, 2))):
            a, b = draw(st.lists(st.sampled_from(seen), min_size=2, max_size=2, unique=True))
            relations.append({"id": f"L{i}", "a": a, "b": b,
                              "kind": draw(st.sampled_from(["spouse", "parent_child"])),
                              "known_at": _at(draw(minute))})
    recognitions = [
        {"id": f"G{i}", "client": draw(st.sampled_from(seen)),
         "consultant": draw(st.sampled_from(consultants)), "at": _at(draw(minute))}
        for i in range(draw(st.integers(0, 2)))]
    change_requests = [
        {"id": f"Q{i}", "client": draw(st.sampled_from(seen)), "at": _at(draw(minute)),
         "kind": draw(st.sampled_from(["replace", "designate"])),
         "fault": draw(st.sampled_from(["none", "general", "serious"])),
         "insists": draw(st.booleans()), "requested": draw(st.sampled_from(consultants)),
         "assigned_to": draw(st.none() | st.sampled_from(consultants))}
        for i in range(draw(st.integers(0, 2)))]
    staff_referrals = []
    for i in range(draw(st.integers(0, 1))):
        reg = draw(minute)
        staff_referrals.append({
            "id": f"S{i}", "client": draw(st.sampled_from(seen)), "introducer": "STAFF",
            "registered_at": _at(reg),
            "agreed_date": (_at(reg).date() + timedelta(days=draw(st.integers(0, 10)))),
            "confirmed": draw(st.booleans()), "signed": draw(st.booleans())})
    company_referrals = [
        {"id": f"K{i}", "client": draw(st.sampled_from(seen)), "at": _at(draw(minute))}
        for i in range(draw(st.integers(0, 1)))]
    introductions = [
        {"id": f"I{i}", "client": draw(st.sampled_from(seen)),
         "by_client": draw(st.sampled_from(seen)),
         "consultant": draw(st.sampled_from(consultants)), "at": _at(draw(minute))}
        for i in range(draw(st.integers(0, 1)))]
    deals: list[dict[str, Any]] = []
    for i in range(draw(st.integers(0, 3))):
        deals.append({
            "id": f"D{i}", "buyers": draw(st.lists(st.sampled_from(seen), min_size=1,
                                                    max_size=2, unique=True)),
            "at": _at(draw(minute)),
            "commission": Decimal(draw(st.integers(0, 10_000_000))) / 100,
            "arranged_by_company": draw(st.booleans()),
            "after_sales_role": draw(st.none() | st.sampled_from(["consultant", "other_staff"])),
            "after_sales_by": draw(st.sampled_from(consultants))})
    deal_changes: list[dict[str, Any]] = []
    if deals:
        for i in range(draw(st.integers(0, 2))):
            d = draw(st.sampled_from(deals))
            change_kind = draw(st.sampled_from(["rename", "unit_change", "swap"]))
            change: dict[str, Any] = {"id": f"X{i}", "deal": d["id"], "kind": change_kind,
                                      "at": d["at"] + timedelta(days=draw(st.integers(0, 30)))}
            if change_kind == "rename":
                change["new_buyers"] = [draw(st.sampled_from(seen))]
            if change_kind == "swap":
                change["swapped_with"] = draw(st.sampled_from(deals))["id"]
            deal_changes.append(change)
    departures: list[dict[str, Any]] = []
    used = sorted({r["consultant"] for r in receptions})
    if draw(st.integers(0, 3)) == 0:
        who = draw(st.sampled_from(used))
        last = max(r["at"] for r in receptions if r["consultant"] == who)
        departures.append({"id": "Z0", "consultant": who,
                           "at": last + timedelta(minutes=draw(st.integers(1, 90 * 24 * 60))),
                           "successor": draw(st.none() | st.sampled_from(consultants))})
    return RegistrationBook.model_validate({
        "receptions": receptions, "relations": relations, "recognitions": recognitions,
        "change_requests": change_requests, "staff_referrals": staff_referrals,
        "company_referrals": company_referrals, "introductions": introductions,
        "deals": deals, "deal_changes": deal_changes,
        "departures": departures,
    })
