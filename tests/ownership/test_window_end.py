"""The end of a registration window (`CC-2`, `SD-7.1`, `T-MONTHS`, `T-DAYS`): worked out by
``Context.window`` from the visit's local day (the time area's ``last_x`` and
``due_of_last``), its words by ``_later.until_words``; the same end as ``deadline`` gives and
the same words as ``until`` writes, for every window a rulebook may set (the straightforward
versions are those two functions)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.decision import Text
from propmgmt_rules.errors import InputError
from propmgmt_rules.ownership import CC, SD, RegistrationBook, Rulebook
from propmgmt_rules.ownership._later import _when, until, until_words
from propmgmt_rules.ownership.engine import _context
from propmgmt_rules.time import Span, deadline

_WINDOWS = st.one_of(
    st.builds(Span.months, st.integers(1, 40), extend_over_rest_days=st.booleans()),
    st.builds(Span.days, st.integers(1, 400), extend_over_rest_days=st.booleans()))


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)),
       st.sampled_from([0, 8, -5, 14]), st.sampled_from([CC, SD]), _WINDOWS)
def test_a_windows_end_is_deadlines(local: datetime, hours: int, base: Rulebook,
                                    window: Span) -> None:
    at = local.replace(tzinfo=timezone(timedelta(hours=hours)))
    rb = base.derive(name="W", version="1", window=window)
    book = RegistrationBook.model_validate({"receptions": [
        {"id": "R1", "client": "C1", "consultant": "A", "at": at.isoformat()}]})
    ctx = _context(book, rb, at)
    try:
        expected = deadline(at, rb.window, rb.calendar)
    except InputError:
        with pytest.raises(InputError) as exc:
            ctx.window(at)
        assert exc.value.field == "rulebook.window"
        return
    end, end_utc, en, zh = ctx.window(at)
    assert end == expected
    assert end.tzinfo is expected.tzinfo
    assert end.isoformat() == expected.isoformat()
    assert end_utc == expected
    assert end_utc.tzinfo is UTC
    assert Text(en, zh) == until(expected, rb.calendar.tz)


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2199, 12, 30)),
       st.sampled_from([0, 8, -5]))
def test_until_words_are_untils(local: datetime, hours: int) -> None:
    tz = CC.calendar.tz
    at = local.replace(tzinfo=timezone(timedelta(hours=hours)))
    en, zh, clock = _when(at, tz)
    text = Text(f"{en} {clock}", f"{zh}{clock}")  # ``when``, then "the end of" a day
    if text.en.endswith(" 24:00"):
        text = Text(f"the end of {text.en[:-6]}", text.zh)
    assert until_words(at, tz) == (text.en, text.zh)
    assert until(at, tz) == text
