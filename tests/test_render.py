"""The one renderer: lines are Texts or message atoms, written only when read."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from propmgmt_rules.decision import Explanation
from propmgmt_rules.render import (
    MESSAGES,
    Text,
    duration_text,
    join_texts,
    message,
    render_line,
    render_lines,
    rules_text,
)

CALLS: list[tuple[object, ...]] = []


@message("tests.render.greet")
def _greet(name: str, rules: tuple[str, ...]) -> Text:
    CALLS.append((name, rules))
    cite = rules_text(rules)
    return Text(f"Hello {name} ({cite.en}).", f"{name}您好({cite.zh})。")


texts = st.builds(Text, st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=20),
                  st.text(alphabet=st.characters(blacklist_characters="\n"), max_size=20))


@given(st.lists(texts, max_size=8))
def test_written_lines_are_joined_a_sentence_per_line(lines: list[Text]) -> None:
    en, zh = render_lines(lines)
    assert en == "\n".join(t.en for t in lines)
    assert zh == "\n".join(t.zh for t in lines)


def test_an_atom_is_written_by_its_message_only_when_the_explanation_is_read() -> None:
    CALLS.clear()
    e = Explanation.from_lines([Text("First.", "第一。"), ("tests.render.greet", "Li", ("SQ-A",))])
    assert CALLS == []
    assert not e.written
    assert e.en == "First.\nHello Li (SQ-A)."
    assert e.zh == "第一。\nLi您好(SQ-A)。"
    assert e.written
    assert CALLS == [("Li", ("SQ-A",))]  # written once, both languages at once
    assert e.en == "First.\nHello Li (SQ-A)."
    assert len(CALLS) == 1


def test_a_message_key_is_registered_once() -> None:
    assert MESSAGES["tests.render.greet"] is _greet
    with pytest.raises(RuntimeError, match="registered twice"):
        message("tests.render.greet")(lambda: Text("", ""))


def test_an_unknown_message_or_a_line_of_another_type_is_refused_when_written() -> None:
    with pytest.raises(KeyError, match=r"tests\.render\.nowhere"):
        render_line(("tests.render.nowhere",))
    with pytest.raises(TypeError, match="Text or"):
        render_lines(["a plain string"])  # type: ignore[list-item]


def test_durations_read_to_the_minute_in_both_languages() -> None:
    from datetime import timedelta

    assert duration_text(timedelta(days=1, hours=9)) == Text("1 day 9 h", "1天9小时")
    assert duration_text(timedelta(minutes=90)) == Text("1 h 30 min", "1小时30分钟")
    assert duration_text(timedelta(seconds=59)) == Text("under a minute", "不到1分钟")


@message("tests.render.atom", atom=True)
def _atom(line: tuple[str, str, int]) -> tuple[str, str]:
    CALLS.append(line)
    return f"{line[1]} has {line[2]} days.", f"{line[1]}有{line[2]}天。"


def test_an_atom_message_takes_the_atom_whole_and_writes_the_same_lines() -> None:
    """``message(key, atom=True)``: the function is given the atom itself and returns the two
    texts; every way of writing the line gives what a message returning a Text gives."""
    CALLS.clear()
    line = ("tests.render.atom", "Li", 3)
    assert render_lines([line]) == ("Li has 3 days.", "Li有3天。")
    assert render_lines([Text("First.", "第一。"), line, line]) == (
        "First.\nLi has 3 days.\nLi has 3 days.", "第一。\nLi有3天。\nLi有3天。")
    assert render_line(line) == Text("Li has 3 days.", "Li有3天。")
    assert MESSAGES["tests.render.atom"]("Wang", 1) == Text("Wang has 1 days.", "Wang有1天。")
    written = list(CALLS)
    assert written == [line, line, line, line, ("tests.render.atom", "Wang", 1)]
    message("tests.render.atom", atom=True)(_atom)  # the same function again: no change
    with pytest.raises(RuntimeError, match="registered twice"):
        message("tests.render.atom", atom=True)(lambda line: ("", ""))
    with pytest.raises(RuntimeError, match="registered twice"):
        message("tests.render.atom")(_atom)


@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=20)), max_size=6))
def test_sentence_pairs_are_joined_as_the_renderer_joins_texts(
        pairs: list[tuple[str, str]]) -> None:
    assert join_texts(pairs) == render_lines([Text(en, zh) for en, zh in pairs])
