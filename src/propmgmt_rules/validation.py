"""Validating input at the edge: bounded nesting, JSON read safely, clean errors.

Everything a caller feeds the library passes, once, through a pydantic model. These helpers
do it so that bad input always ends as an :class:`~propmgmt_rules.errors.InvalidInput`
naming each field (never a ``RecursionError``, never pydantic's internal names), in time
linear in the input's size:

* :func:`check_depth` / :func:`check_json_depth`: nesting deeper than
  :data:`~propmgmt_rules.limits.MAX_JSON_DEPTH` is refused before anything recurses into it
  (both check without recursion);
* :func:`parse_json`: a JSON text as Python data (numbers with a fraction or an exponent as
  exact ``Decimal``, never float; ``NaN`` and ``Infinity`` refused);
* :func:`validate`: a model from data, errors as :class:`InvalidInput`.

>>> from propmgmt_rules.time import WorkCalendar
>>> validate(WorkCalendar, {"name": "office", "weekend": ["sat", "sun"]}).name
'office'
>>> try:
...     validate(WorkCalendar, {"name": "office", "holidays": 5}, field="calendar")
... except InvalidInput as exc:
...     print(exc.problems[0].field)
calendar.holidays
>>> try:
...     parse_json("[" * 100 + "]" * 100, field="cases.json")
... except InputError as exc:
...     print(exc)
cases.json: is nested deeper than 64 levels (objects and arrays)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from itertools import accumulate
from typing import Any, Final, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import InputError, InvalidInput, Problem, invalid_input
from .limits import MAX_JSON_DEPTH, MAX_NUMBER_EXPONENT

__all__ = ["check_depth", "check_json_depth", "json_depth", "parse_json", "validate"]

_M = TypeVar("_M", bound=BaseModel)

_STRING: Final = re.compile(r'"(?:[^"\\]++|\\.)*+(?:"|\\?\Z)', re.DOTALL)
_NOT_BRACKET: Final = re.compile(r"[^\[\]{}]++")
_STEP: Final = {"[": 1, "{": 1, "]": -1, "}": -1}


def _too_deep(field: str) -> InputError:
    return InputError(field, f"is nested deeper than {MAX_JSON_DEPTH} levels (objects and "
                      "arrays)")


def json_depth(text: str) -> int:
    """How deeply the arrays and objects of a JSON text nest (an upper bound when the text
    is not valid JSON), in time linear in its length, without recursion.

    >>> json_depth('{"a": [1, {"b": "[[["}]}')
    3
    """
    if text.count("[") + text.count("{") == 0:
        return 0
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(0, max(accumulate(map(_STEP.__getitem__, brackets)), default=0))


def check_json_depth(text: str, field: str = "(input)") -> None:
    """Refuse a JSON text nested deeper than ``MAX_JSON_DEPTH`` (an :class:`InputError`
    naming ``field``), before any parser recurses into it."""
    if text.count("[") + text.count("{") > MAX_JSON_DEPTH and json_depth(text) > MAX_JSON_DEPTH:
        raise _too_deep(field)


def check_depth(data: Any, field: str = "(input)") -> None:
    """Refuse Python data (dicts, lists, tuples, models) nested deeper than
    ``MAX_JSON_DEPTH`` (cycles included) with an :class:`InputError` naming ``field``;
    linear in the data's size, without recursion."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list | tuple | set | frozenset):
            children = value
        else:
            continue
        depth += 1
        if depth > MAX_JSON_DEPTH:
            raise _too_deep(field)
        stack.extend((child, depth) for child in children
                     if isinstance(child, Mapping | list | tuple | set | frozenset))


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


_DECODER: Final = json.JSONDecoder(parse_float=lambda text: _decimal(text),
                                   parse_constant=lambda name: _no_constant(name))


class _OutOfRange(ValueError):
    pass


class _Unread:
    """A number out of range, kept in its place to find where it stands (the error path)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _marked(text: str) -> Any:
    try:
        return _decimal(text)
    except _OutOfRange as exc:
        return _Unread(str(exc))


_MARKING_DECODER: Final = json.JSONDecoder(parse_float=_marked,
                                           parse_constant=lambda name: _no_constant(name))


def _where_out_of_range(text: str, field: str) -> InputError | None:
    """The first out-of-range number of ``text`` as an error naming its path in the document
    (``accounts[0].bills[0].amount``), or None when it cannot be placed."""
    try:
        data = _MARKING_DECODER.decode(text)
    except (ValueError, RecursionError):
        return None
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Unread):
            return InputError(path or field, value.reason.removeprefix("has a ")
                              .replace("number out of range", "is a number out of range")
                              .replace("number too long", "is a number too long"))
        if isinstance(value, dict):
            stack.extend((f"{path}.{k}" if path else str(k), v)
                         for k, v in reversed(list(value.items())))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(value))))
    return None


def _decimal(text: str) -> Decimal:
    if len(text) > 200:
        raise _OutOfRange(f"has a number too long to read: {text[:20]}...")
    number = Decimal(text)
    if number and abs(number.adjusted()) > MAX_NUMBER_EXPONENT:
        raise _OutOfRange(f"has a number out of range: {text} (a number lies within "
                          f"1E-{MAX_NUMBER_EXPONENT} and 1E+{MAX_NUMBER_EXPONENT})")
    return number


def parse_json(text: str | bytes | bytearray, field: str = "(input)") -> Any:
    """A JSON text as Python data, or an :class:`InputError` naming ``field`` with what is
    wrong and where (line and column).

    Numbers with a fraction or an exponent are read as exact ``Decimal`` (``12.50`` is
    twelve yuan fifty, never a float) within ``1E±100`` (``MAX_NUMBER_EXPONENT``); ``NaN``
    and ``Infinity`` are refused; nesting is bounded (:func:`check_json_depth`).

    >>> parse_json('{"amount": 12.50, "days": 3}')
    {'amount': Decimal('12.50'), 'days': 3}
    >>> try:
    ...     parse_json('{"amount": 12.50,}', field="deals.json")
    ... except InputError as exc:
    ...     print(exc.reason)
    is not valid JSON: Expecting property name enclosed in double quotes (line 1, column 18)
    """
    if type(text) is bytes or isinstance(text, bytes | bytearray):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(field, f"is not UTF-8 text (byte {exc.start + 1})") from None
    elif text.startswith("\ufeff"):
        text = text[1:]
    if not text or text.isspace():
        raise InputError(field, "is empty: no JSON value")
    check_json_depth(text, field)
    try:
        data = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise InputError(field, f"is not valid JSON: {exc.msg} (line {exc.lineno}, column "
                         f"{exc.colno})") from None
    except _OutOfRange as exc:
        raise (_where_out_of_range(text, field) or InputError(field, str(exc))) from None
    except (ValueError, RecursionError) as exc:  # e.g. an integer of 5000 digits
        raise InputError(field, f"is not valid JSON: {exc}") from None
    # a backslash first (one character: found at once, where a search for "\\ud" reads the
    # whole text twice; most texts have none)
    if "\\" in text and ("\\ud" in text or "\\uD" in text) and _has_lone_surrogate(data):
        raise InputError(field, "is not valid JSON: a \\u escape names half of a character "
                         "(a lone surrogate)")
    return data


def _has_lone_surrogate(data: Any) -> bool:
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if not value.isascii():
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return True
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def validate(model: type[_M], data: Any, *, field: str = "") -> _M:
    """``model`` validated from ``data`` (a mapping, a model, or a JSON text), every problem
    reported at once as an :class:`InvalidInput` whose paths start at ``field`` (the name of
    the argument, if any)."""
    if isinstance(data, model):
        return data
    try:
        if isinstance(data, str | bytes | bytearray):
            data = parse_json(data, field or "(input)")
        else:
            check_depth(data, field or "(input)")
    except InputError as exc:
        raise InvalidInput([Problem(exc.field, exc.reason)]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise invalid_input(exc, data, prefix=field) from None
    except RecursionError:  # a cycle or depth that check_depth did not see (e.g. in a model)
        raise InvalidInput([Problem(field or "(input)", _too_deep(field).reason)]) from None
