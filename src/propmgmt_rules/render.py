"""The one renderer of explanations: bilingual sentences, and messages written when read.

An engine explains a decision with *lines*. A line is either a :class:`Text` already written
(a sentence in English and in Chinese) or an *atom*: a message key and its arguments,
``("time.deadline", start, span, ...)``, kept as data and written into a :class:`Text` by the
message's function only when the explanation is first read. Most decisions of a batch are read
for their outcome only: their explanation then costs a tuple, not two strings per line.

A message is a pure function from its arguments to a :class:`Text`, registered once under a
key (``<area>.<what>``) with :func:`message`; :func:`render_lines` writes every line of an
explanation, a sentence per line, in both languages at once.

>>> @message("example.greeting")
... def _greeting(name: str) -> Text:
...     return Text(f"Hello {name}.", f"{name}您好。")
>>> render_lines([Text("First.", "第一。"), ("example.greeting", "Li")])
('First.\\nHello Li.', '第一。\\nLi您好。')
>>> rules_text(("CP-4.10.3", "SQ-A")).zh
'CP-4.10.3、SQ-A'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypeVar

__all__ = [
    "MESSAGES",
    "Line",
    "Text",
    "duration_text",
    "join_texts",
    "message",
    "render_line",
    "render_lines",
    "rules_text",
]


@dataclass(frozen=True, slots=True, init=False)
class Text:
    """A sentence in English and in Chinese (简体中文)."""

    en: str
    zh: str

    def __init__(self, en: str, zh: str) -> None:
        _SET_EN(self, en)  # the slots set directly: a frozen dataclass's own __init__ is
        _SET_ZH(self, zh)  # half as fast, and explanations make many Texts

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.zh + other.zh)


_SET_EN: Final = Text.__dict__["en"].__set__
_SET_ZH: Final = Text.__dict__["zh"].__set__


Line: TypeAlias = "Text | tuple[Any, ...]"
"""A line of an explanation: a :class:`Text`, or ``(message key, *arguments)``."""

_F = TypeVar("_F", bound=Callable[..., Any])
_MESSAGES: dict[str, Callable[..., Text]] = {}

MESSAGES: Final[Mapping[str, Callable[..., Text]]] = MappingProxyType(_MESSAGES)
"""Every registered message, by key (read-only)."""


def message(key: str, *, atom: bool = False) -> Callable[[_F], _F]:
    """Register the decorated function as the message ``key``: it takes the atom's
    arguments and returns the :class:`Text` of the line (several sentences may be joined by
    ``"\\n"`` in both languages). A key is registered once; the function must be pure.

    With ``atom``, the function takes the atom itself (``(key, *arguments)``) and returns its
    two texts, ``(English, Chinese)``: :func:`render_lines` then makes neither a tuple of the
    arguments nor a :class:`Text` for each line (an area whose explanations are many short
    lines: an ownership case writes about fifty); ``MESSAGES[key]`` still takes the arguments
    and returns a :class:`Text`.

    >>> @message("example.hello", atom=True)
    ... def _hello(line: tuple[str, str]) -> tuple[str, str]:
    ...     return f"Hello {line[1]}.", f"{line[1]}您好。"
    >>> render_lines([("example.hello", "Li")]), MESSAGES["example.hello"]("Wang")
    (('Hello Li.', 'Li您好。'), Text(en='Hello Wang.', zh='Wang您好。'))
    """

    def register(fn: _F) -> _F:
        known = _MESSAGES.get(key)
        if known is not None:
            if (known.fn if type(known) is _Atom else known) is not fn or \
                    (type(known) is _Atom) is not atom:
                raise RuntimeError(f"message {key!r} is registered twice")
            return fn  # the same message again: nothing changes
        _MESSAGES[key] = _Atom(key, fn) if atom else fn
        return fn

    return register


class _Atom:
    """A message that takes its atom whole and returns ``(en, zh)`` (``message(key,
    atom=True)``); called with the arguments, as every message, it returns a :class:`Text`."""

    __slots__ = ("fn", "key")

    def __init__(self, key: str, fn: Callable[..., Any]) -> None:
        self.key = key
        self.fn = fn

    def __call__(self, *args: Any) -> Text:
        en, zh = self.fn((self.key, *args))
        return Text(en, zh)


def render_line(line: Line) -> Text:
    """One line as its :class:`Text` (an atom written by its message)."""
    if type(line) is Text:
        return line
    if isinstance(line, tuple) and line and type(line[0]) is str:
        fn = _MESSAGES.get(line[0])
        if fn is None:
            raise KeyError(f"no message {line[0]!r} is registered")
        return fn(*line[1:])
    if isinstance(line, Text):
        return line
    raise TypeError(f"an explanation line is a Text or (message key, *arguments), not "
                    f"{type(line).__name__}")


def render_lines(lines: Iterable[Line]) -> tuple[str, str]:
    """Every line written, a sentence per line: ``(English, Chinese)``."""
    if type(lines) is tuple and len(lines) == 1:  # one atom (or Text): nothing to join
        line = lines[0]
        if type(line) is tuple:
            try:
                fn = _MESSAGES.get(line[0])
            except (IndexError, TypeError):  # no key, or not one: render_line says so
                fn = None
            if type(fn) is _Atom:
                en_zh: tuple[str, str] = fn.fn(line)
                return en_zh
            if fn is not None:
                t = fn(*line[1:])
                return t.en, t.zh
        t = render_line(line)
        return t.en, t.zh
    en: list[str] = []
    zh: list[str] = []
    add_en, add_zh, get = en.append, zh.append, _MESSAGES.get
    for line in lines:
        if type(line) is tuple:
            try:
                fn = get(line[0])
            except (IndexError, TypeError):  # no key, or not one: render_line says so
                fn = None
            if type(fn) is _Atom:  # its two texts from the atom itself
                w_en, w_zh = fn.fn(line)
                add_en(w_en)
                add_zh(w_zh)
                continue
            t = fn(*line[1:]) if fn is not None else render_line(line)  # None: the KeyError
        elif type(line) is Text:
            t = line
        else:
            t = render_line(line)  # a Text subclass, or the error naming what is wrong
        add_en(t.en)
        add_zh(t.zh)
    return "\n".join(en), "\n".join(zh)


def join_texts(texts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """Sentences given as ``(English, Chinese)`` pairs, a sentence per line: what
    :func:`render_lines` writes of them as :class:`Text` s, for an atom's message that
    writes its sentences as plain pairs (``message(key, atom=True)``).

    >>> join_texts([("Met.", "已完成。"), ("Late.", "已逾期。")])
    ('Met.\\nLate.', '已完成。\\n已逾期。')
    """
    if not texts:
        return "", ""
    en, zh = zip(*texts)  # noqa: B905  (pairs: two columns, whatever their number)
    return "\n".join(en), "\n".join(zh)


def rules_text(rules: Iterable[str]) -> Text:
    """Rule ids as a sentence cites them: "CP-4.10.3, SQ-A" / 「CP-4.10.3、SQ-A」."""
    ids = tuple(rules)
    return Text(", ".join(ids), "、".join(ids))


def duration_text(d: timedelta) -> Text:
    """A length of time for a reader, to the minute: "2 days 1 h 45 min" / 「2天1小时45分钟」
    (less than a minute: "under a minute" / 「不到1分钟」).

    >>> duration_text(timedelta(days=2, hours=1, minutes=45))
    Text(en='2 days 1 h 45 min', zh='2天1小时45分钟')
    """
    total = int(d.total_seconds()) // 60
    days, rest = divmod(total, 1440)
    hours, minutes = divmod(rest, 60)
    en = zh = ""  # the parts there are, joined by a space in English (no generators: it is
    if days:      # written for most obligations of an explained status)
        en, zh = (f"{days} day" if days == 1 else f"{days} days"), f"{days}天"
    if hours:
        en, zh = (f"{en} {hours} h" if en else f"{hours} h"), f"{zh}{hours}小时"
    if minutes:
        en, zh = (f"{en} {minutes} min" if en else f"{minutes} min"), f"{zh}{minutes}分钟"
    return Text(en or "under a minute", zh or "不到1分钟")
