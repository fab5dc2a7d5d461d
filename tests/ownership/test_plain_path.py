"""The plain paths (``_plain.plain_decision`` for a plain client, ``read_plain`` for a timeline
of plain receptions) decide exactly as the general path does: the same decisions, to the last
fact set aside and the last word of the explanation, on generated books under both rulebooks
and at several instants."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules.ownership import CC, SD, RegistrationBook, Rulebook
from propmgmt_rules.ownership._context import Context
from propmgmt_rules.ownership.engine import _decide, _settle
from propmgmt_rules.ownership.strategies import BOOK_START
from propmgmt_rules.strategies import registration_books

RULEBOOKS = st.sampled_from([
    CC, SD,
    CC.derive(name="X", window="10 days", window_anchor="owner_last_reception",
              household="spouses_share", enable=["SD-7.2"]),
    SD.derive(name="Y", window="2 months", household="first_reception", disable=["SD-7.2"]),
])
AS_OF = st.integers(0, 200).map(lambda days: BOOK_START + timedelta(days=days, hours=9))
CHECK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def plain_books(draw: st.DrawFn) -> RegistrationBook:
    """Books of mostly plain clients: the receptions of a generated book without their
    context, with its relations, deals and departures (but no referral, request or
    recognition), so that the plain paths have most of the work."""
    data: dict[str, Any] = draw(registration_books(max_clients=8, max_receptions=20)).model_dump()
    for r in data["receptions"]:
        if draw(st.integers(0, 9)) > 0:
            r["context"] = None
    for name in ("recognitions", "change_requests", "staff_referrals", "company_referrals",
                 "introductions"):
        data[name] = []
    return RegistrationBook.model_validate(data)


def _both(book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    fast = _settle(Context(book, rb, as_of))
    general = _settle(Context(book, rb, as_of, plain=False))
    assert [d.to_json() for d in fast] == [d.to_json() for d in general]
    assert fast == general
    for client in book.clients():
        one = _decide(Context(book, rb, as_of), client)
        assert one == _decide(Context(book, rb, as_of, plain=False), client)


@CHECK
@given(plain_books(), RULEBOOKS, AS_OF)
def test_the_plain_paths_decide_as_the_general_path(book: RegistrationBook, rb: Rulebook,
                                                    as_of: Any) -> None:
    _both(book, rb, as_of)


@CHECK
@given(registration_books(), RULEBOOKS, AS_OF)
def test_the_plain_paths_decide_as_the_general_path_among_every_kind_of_fact(
        book: RegistrationBook, rb: Rulebook, as_of: Any) -> None:
    _both(book, rb, as_of)
