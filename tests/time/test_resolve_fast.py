"""resolve_calendar, by resolve_preset (which reads a name resolved before from the preset
kind's memo ahead of its type check), with the memo empty or filled: the same calendar object
for the same name, or the same error."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from propmgmt_rules.errors import InputError
from propmgmt_rules.presets import preset_kinds, resolve_preset
from propmgmt_rules.time.presets import KIND, resolve_calendar

_NAMES = ("weekdays", "24/7", "always-open", "china-official", " China-Official ",
          "china-official@09:00-12:00,13:30-18:00", "weekdays@09:00-17:00", "nope",
          "china-official@25:00-26:00")


def _outcome(fn: object, ref: object) -> object:
    try:
        return fn(ref)  # type: ignore[operator]
    except InputError as exc:
        return ("error", exc.field, exc.reason)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_NAMES), st.text(max_size=12)), max_size=8),
       st.booleans())
def test_same_as_resolve_preset(refs: list[str], forget: bool) -> None:
    if forget:
        preset_kinds()[KIND].clear()
    for ref in refs:
        fast = _outcome(resolve_calendar, ref)
        plain = _outcome(lambda r: resolve_preset(KIND, r, field="calendar"), ref)
        if isinstance(fast, tuple):
            assert fast == plain
        else:
            assert fast is plain  # the one object the memo keeps
            assert resolve_calendar(ref) is fast


def test_a_calendar_is_itself() -> None:
    cal = resolve_calendar("weekdays")
    assert resolve_calendar(cal) is cal
