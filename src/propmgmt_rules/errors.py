"""Errors raised for bad input, and the one formatter that turns them into clean problems.

Every error names the field (a dotted path such as ``calendar.holidays[3]`` or
``receptions[R12].at``) and the reason, so a caller can show it to a user as is.
The pure functions raise :class:`InputError`; validating a model raises pydantic's
``ValidationError``, whose raw locations speak pydantic's language (union branches,
``function-after[...]`` wrappers). :func:`problems_of` turns either into clean
:class:`Problem` s, one path per problem, and :class:`InvalidInput` carries them all
(it is an :class:`InputError`, so ``except InputError`` catches both).

>>> from pydantic import BaseModel, ValidationError
>>> class Window(BaseModel):
...     days: int | str
>>> class Policy(BaseModel):
...     name: str
...     window: Window
>>> try:
...     Policy.model_validate({"name": "p", "window": {"days": [3]}})
... except ValidationError as exc:
...     print(exc.error_count(), "raw errors:", [e["loc"] for e in exc.errors()])
...     for p in problems_of(exc, {"name": "p", "window": {"days": [3]}}):
...         print(p.field, "-", p.reason)
2 raw errors: [('window', 'days', 'int'), ('window', 'days', 'str')]
window.days - should be a whole number or a string
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, NamedTuple

from pydantic import BaseModel, ValidationError

__all__ = [
    "MAX_PROBLEMS",
    "MAX_REASON_LENGTH",
    "InputError",
    "InvalidInput",
    "ItemError",
    "Problem",
    "PropmgmtError",
    "invalid_input",
    "join_path",
    "problems_of",
]

_UNSET: Any = object()

MAX_PROBLEMS: Final = 50
"""At most this many problems are reported for one input (then a count of the rest)."""

MAX_REASON_LENGTH: Final = 300
"""A reason longer than this is cut (a reason never echoes a whole hostile value)."""

_MAX_VALUE_REPR: Final = 80


class PropmgmtError(Exception):
    """Base class of every error this library raises on purpose."""


class InputError(PropmgmtError, ValueError):
    """Bad input to a pure function: names the field, the reason and (if given) the value.

    >>> err = InputError("span.amount", "must be at least 1 for working days", 0)
    >>> str(err)
    'span.amount: must be at least 1 for working days (got 0)'
    >>> err.field
    'span.amount'
    """

    def __init__(self, field: str, reason: str, value: Any = _UNSET) -> None:
        self.field = field
        self.reason = reason
        self._given = value is not _UNSET
        self.value = value if self._given else None
        got = f" (got {value!r})" if self._given else ""
        super().__init__(f"{field}: {reason}{got}")

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across processes
        args = (self.field, self.reason, self.value) if self._given else (self.field, self.reason)
        return (type(self), args)


class Problem(NamedTuple):
    """One thing wrong with an input: where (a clean field path) and why."""

    field: str
    reason: str


class InvalidInput(InputError):
    """Everything wrong with one input: ``problems`` holds one (field, reason) pair each.

    ``field`` and ``reason`` are the first problem's, so a caller that handles one
    :class:`InputError` at a time still reads something true.

    >>> err = InvalidInput([Problem("start", "Input should have timezone info"),
    ...                     Problem("span", "is not a span")])
    >>> err.field, len(err.problems)
    ('start', 2)
    >>> print(err)
    start: Input should have timezone info; span: is not a span
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems) or (
            Problem("(input)", "is not valid"),)
        first = self.problems[0]
        super().__init__(first.field, first.reason)
        self.args = ("; ".join(f"{p.field}: {p.reason}" for p in self.problems),)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.problems,))


# -- paths ------------------------------------------------------------------------------

_PATHLIKE = re.compile(r"[^\W\d]\w*(?:\[[^\]\s]{0,200}\])*", re.UNICODE)
_MESSAGE_PATH = re.compile(
    r"((?:[A-Za-z_]\w*)(?:\[[^\]\s]{1,200}\]|\.[A-Za-z_]\w*)*): (.+)", re.DOTALL)


def _name(seg: str) -> str:
    if len(seg) > 60:
        seg = seg[:57] + "..."
    return seg if _PATHLIKE.fullmatch(seg) else '["' + seg.replace('"', '\\"') + '"]'


def join_path(prefix: str, field: str) -> str:
    """``field`` (a path relative to ``prefix``) as a path from the root; a field that
    repeats the prefix's last name is not doubled.

    >>> join_path("policy", "severities.major"), join_path("calendar", "calendar")
    ('policy.severities.major', 'calendar')
    >>> join_path("book.receptions[R1]", "at"), join_path("", "span"), join_path("rows", "[3]")
    ('book.receptions[R1].at', 'span', 'rows[3]')
    """
    if not prefix or prefix.startswith("("):
        return field
    if not field or field.startswith("("):
        return prefix
    last = re.split(r"[.\[]", prefix.rsplit(".", 1)[-1])[0]
    if last and (field == last or field.startswith((last + ".", last + "["))):
        head = prefix[: len(prefix) - len(prefix.rsplit(".", 1)[-1])]
        return head + field
    return prefix + field if field.startswith("[") else f"{prefix}.{field}"


# -- the formatter --------------------------------------------------------------------

_TAG = re.compile(
    r"(?:function-(?:after|before|wrap|plain)|lax-or-strict|json-or-python|list|tuple|dict|"
    r"set|frozenset|union|tagged-union|nullable|chain|literal|is-instance|is-subclass|"
    r"generator|definition-ref|model|default|constrained-\w+|enum|typed-dict|dataclass|"
    r"custom-error|arguments|call|json)\[")
_PRIMITIVES: Final = {
    "str": "a string", "constrained-str": "a string", "int": "a whole number",
    "constrained-int": "a whole number", "float": "a number", "decimal": "a decimal number",
    "bool": "true or false", "none": "null", "date": "a date", "datetime": "a date and time",
    "time": "a time of day", "timedelta": "a duration", "bytes": "a string", "any": "a value",
    "list": "a list", "tuple": "a list", "dict": "an object", "set": "a list",
    "frozenset": "a list", "url": "a URL", "uuid": "a UUID",
}
_CLASS = re.compile(r"[A-Z][A-Za-z0-9_]*")
_MISMATCH: Final = frozenset({
    "model_type", "model_attributes_type", "dict_type", "string_type", "list_type",
    "tuple_type", "set_type", "frozen_set_type", "int_type", "int_parsing", "float_type",
    "float_parsing", "bool_type", "bool_parsing", "decimal_type", "decimal_parsing",
    "date_type", "datetime_type", "time_type", "timedelta_type", "is_instance_of",
    "none_required", "dataclass_type", "bytes_type", "iterable_type", "enum",
    "literal_error", "union_tag_not_found", "union_tag_invalid", "fraction_type",
    "fraction_parsing", "date_from_datetime_parsing", "datetime_from_date_parsing",
    "date_parsing", "datetime_parsing", "time_parsing",
})
_MISSING: Any = object()


def _is_tag(seg: str) -> bool:
    return (seg in _PRIMITIVES or _TAG.match(seg) is not None
            or _CLASS.fullmatch(seg) is not None)


def _category(tag: str) -> str:
    """What kind of JSON value a union branch takes: str, list, object, number, ..."""
    m = re.match(r"function-(?:after|before|wrap|plain)\[.*, (.+)\]\Z", tag, re.DOTALL)
    if m:
        return _category(m.group(1))
    if tag in {"str", "constrained-str", "bytes"} or tag.startswith("literal["):
        return "str"
    if tag.startswith(("list[", "tuple[", "set[", "frozenset[")) or tag in {
            "list", "tuple", "set", "frozenset"}:
        return "list"
    if tag in {"int", "float", "decimal", "constrained-int"}:
        return "number"
    if tag == "bool":
        return "bool"
    if tag == "none":
        return "null"
    if tag.startswith(("dict[", "model[", "typed-dict[", "dataclass[")) or tag == "dict" or \
            _CLASS.fullmatch(tag):
        return "object"
    return "other"


def _data_category(value: Any) -> str:
    if isinstance(value, str):
        return "str"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float) or type(value).__name__ in {"Decimal", "Fraction"}:
        return "number"
    if value is None:
        return "null"
    if isinstance(value, Mapping | BaseModel):
        return "object"
    if isinstance(value, list | tuple | set | frozenset):
        return "list"
    return "other"


def _describe(tag: str, msg: str) -> str:
    m = re.match(r"function-(?:after|before|wrap|plain)\[.*, (.+)\]\Z", tag, re.DOTALL)
    if m:
        return _describe(m.group(1), msg)
    if tag in _PRIMITIVES:
        return _PRIMITIVES[tag]
    if _CLASS.fullmatch(tag):
        return f"an object ({tag})"
    category = _category(tag)
    if category == "list":
        return "a list"
    if category == "object":
        return "an object"
    return msg[len("Input should be "):] if msg.startswith("Input should be ") else msg


@dataclass(slots=True)
class _Item:
    kinds: list[str]  # per raw location segment: field, index, tag, key
    loc: tuple[int | str, ...]
    data: list[Any]  # the input value at each segment (before it), _MISSING if unknown
    error: dict[str, Any]


def _walk(loc: tuple[int | str, ...], data: Any, error: dict[str, Any]) -> _Item:
    kinds: list[str] = []
    datas: list[Any] = []
    cur = data
    for seg in loc:
        datas.append(cur)
        if isinstance(seg, int):
            kinds.append("index")
            ok = isinstance(cur, list | tuple) and -len(cur) <= seg < len(cur)
            cur = cur[seg] if ok else _MISSING
        elif seg == "[key]":
            kinds.append("key")
            cur = _MISSING
        elif isinstance(cur, Mapping) and seg in cur:
            kinds.append("field")
            cur = cur[seg]
        elif isinstance(cur, BaseModel) and seg in type(cur).model_fields:
            kinds.append("field")
            cur = getattr(cur, seg)
        elif _is_tag(seg) or (isinstance(cur, Mapping) and len(cur) <= 64 and any(
                v == seg for v in cur.values() if isinstance(v, str))):  # a discriminator
            kinds.append("tag")
        else:
            kinds.append("field")
            cur = _MISSING
    datas.append(cur)
    return _Item(kinds, loc, datas, error)


def _select(items: list[_Item], pos: int) -> list[tuple[_Item, str | None, int]]:
    """The errors to report under one raw location prefix: at a union point, only the
    branch that fits the input (or a single "should be X or Y" when none does)."""
    out: list[tuple[_Item, str | None, int]] = [
        (it, None, pos) for it in items if len(it.loc) == pos]
    groups: dict[tuple[str, int | str], list[_Item]] = {}
    for it in items:
        if len(it.loc) > pos:
            groups.setdefault((it.kinds[pos], it.loc[pos]), []).append(it)
    tags = {k: g for k, g in groups.items() if k[0] == "tag"}
    for key, group in groups.items():
        if key[0] != "tag":
            out.extend(_select(group, pos + 1))
    if not tags:
        return out
    if len(tags) == 1:
        (group,) = tags.values()
        out.extend(_select(group, pos + 1))
        return out
    fitting = {k: g for k, g in tags.items()
               if not all(len(it.loc) == pos + 1 and it.error["type"] in _MISMATCH for it in g)}
    if not fitting:  # no branch took the value: say what it should have been
        first = next(iter(tags.values()))[0]
        wanted = list(dict.fromkeys(_describe(str(k[1]), g[0].error["msg"])
                                    for k, g in tags.items()))
        reason = "should be " + (", ".join(wanted[:-1]) + " or " + wanted[-1]
                                 if len(wanted) > 1 else wanted[0])
        out.append((first, reason, pos))
        return out
    value = next(iter(fitting.values()))[0].data[pos]
    if len(fitting) > 1 and value is not _MISSING:
        same = {k: g for k, g in fitting.items()
                if _category(str(k[1])) == _data_category(value)}
        fitting = same or fitting
    best = max(fitting.values(), key=lambda g: max(len(it.loc) for it in g))
    out.extend(_select(best, pos + 1))
    return out


def _path(item: _Item, upto: int) -> str:
    path = ""
    for kind, seg in zip(item.kinds[:upto], item.loc[:upto], strict=True):
        if kind == "tag":
            continue
        if kind == "index":
            path += f"[{seg}]"
        elif kind == "key":
            path += "[key]"
        else:
            path += ("." if path else "") + _name(str(seg))
    return path


def _friendly(err: Mapping[str, Any]) -> str:
    """pydantic's message, in a user's words where pydantic's are about Python."""
    kind = err["type"]
    if kind == "extra_forbidden":
        return "is not a known field"
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        name = (err.get("ctx") or {}).get("class_name")
        return f"should be an object ({name})" if name else "should be an object"
    if kind == "union_tag_not_found":
        name = str((err.get("ctx") or {}).get("discriminator", "")).strip("'\"")
        return f"should be an object with a '{name}' field" if name else "should be an object"
    return str(err["msg"])


def _cut(text: str) -> str:
    return text if len(text) <= MAX_REASON_LENGTH else text[: MAX_REASON_LENGTH - 3] + "..."


def _problem(item: _Item, reason: str | None, upto: int, root: str) -> Problem:
    path = _path(item, upto)  # a collapsed union (reason given): the union point's path
    if reason is None:
        err = item.error
        inner = (err.get("ctx") or {}).get("error")
        if isinstance(inner, InvalidInput) and inner.problems:
            return Problem(join_path(path, inner.field) or root, _cut(inner.reason))
        if isinstance(inner, InputError):
            got = ""
            if inner._given:
                shown = repr(inner.value)
                got = f" (got {shown})" if len(shown) <= _MAX_VALUE_REPR else ""
            return Problem(join_path(path, inner.field) or root, _cut(inner.reason + got))
        reason = _friendly(err)
        for lead in ("Value error, ", "Assertion failed, "):
            if reason.startswith(lead):
                reason = reason[len(lead):]
                m = _MESSAGE_PATH.fullmatch(reason)
                if m:
                    path, reason = join_path(path, m.group(1)), m.group(2)
                break
    return Problem(path or root, _cut(reason))


def problems_of(exc: BaseException, data: Any = _UNSET, *, root: str = "(input)"
                ) -> tuple[Problem, ...]:
    """The clean problems of an error raised for bad input.

    ``exc`` is an :class:`InputError` (its field and reason) or a pydantic
    ``ValidationError``: its raw locations lose pydantic's wrapper and union-branch segments,
    and of a union's branches only the one that fits the input's type is kept (``data``, the
    validated input, tells which; without it, the branch that got furthest). ``root`` names
    the whole input when a problem has no path. No URL, no internal names; at most
    ``MAX_PROBLEMS`` problems (then one saying how many more).

    >>> problems_of(InputError("span", "is not a span", "soon"))
    (Problem(field='span', reason='is not a span'),)
    """
    if isinstance(exc, InvalidInput):
        return exc.problems
    if isinstance(exc, InputError):
        return (Problem(exc.field or root, _cut(exc.reason)),)
    if not isinstance(exc, ValidationError):
        return (Problem(root, _cut(f"{type(exc).__name__}: {exc}")),)
    raw = exc.errors(include_url=False, include_context=True, include_input=False)
    base = _MISSING if data is _UNSET else data
    items = [_walk(tuple(e["loc"]), base, dict(e)) for e in raw]
    found = list(dict.fromkeys(_problem(it, reason, upto, root)
                               for it, reason, upto in _select(items, 0)))
    if len(found) > MAX_PROBLEMS:
        extra = len(found) - MAX_PROBLEMS
        found = [*found[:MAX_PROBLEMS], Problem(root, f"... and {extra} more problems")]
    return tuple(found)


def invalid_input(exc: BaseException, data: Any = _UNSET, *, prefix: str = "",
                  root: str = "(input)") -> InvalidInput:
    """An :class:`InvalidInput` holding :func:`problems_of` ``exc``, each path under
    ``prefix`` (the name of the argument validated, if any)."""
    problems = problems_of(exc, data, root=root)
    if prefix:
        problems = tuple(Problem(join_path(prefix, p.field), p.reason) for p in problems)
    return InvalidInput(problems)

class ItemError(InputError):
    """Bad input in one item of a batch: the batch function names the item by its position
    (``index``, from 0) and its id (``item_id``, when it has one); ``field`` is the path from
    the batch (``complaints[3].history[0].at``) and ``error`` the item's own error.

    >>> err = ItemError("complaints", 3, "C7", InputError("as_of", "is before the receipt"))
    >>> str(err)
    'complaints[3].as_of: is before the receipt (item 3, id C7)'
    >>> err.index, err.item_id, err.error.field
    (3, 'C7', 'as_of')
    """

    def __init__(self, batch: str, index: int, item_id: str | None, error: InputError) -> None:
        self.index = index
        self.item_id = item_id
        self.error = error
        where = f"item {index}" + (f", id {item_id}" if item_id is not None else "")
        field = f"{batch}[{index}]" + (f".{error.field}" if error.field else "")
        self._batch = batch
        if error.value is None:
            super().__init__(field, f"{error.reason} ({where})")
        else:
            super().__init__(field, f"{error.reason} ({where})", error.value)

    def __reduce__(self) -> tuple[Any, ...]:  # picklable across processes
        return (type(self), (self._batch, self.index, self.item_id, self.error))
