"""A JSON Lines line read at once by pydantic's JSON reader (``CaseKind.json_mode``, issue 12)
gives exactly what the library's own reader gives, in every kind of case.

The command line reads a line of a ``json_mode`` kind with ``model_validate_json`` and falls
back to :func:`~propmgmt_rules.validation.parse_json` plus python-mode validation when that
fails. That is only sound if every line pydantic's reader accepts is read to the same case
the library's reader would give (amounts exact, numbers bounded, instants never numbers,
surrogates refused, ...). Each test runs the same lines with ``json_mode`` forced on and
off, whatever the kind declares, and asks for the same output, byte for byte: the decisions
and the error records. The lines are the bundled examples with one value replaced by a
hostile one (raw JSON number tokens included, written as they are: ``12.50``, ``1E+400``,
``-0``, an integer of 120 digits, ``NaN``).
"""

from __future__ import annotations

import dataclasses
import io
import json
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from propmgmt_rules import cli
from propmgmt_rules.cases import CASE_KINDS
from propmgmt_rules.validation import parse_json

_RAW = "\x00raw:"  # a string standing for a raw JSON token, written as it is


def _raw(token: str) -> str:
    return _RAW + token


_NUMBERS = ["12.50", "0.1", "1234567890.123456789012", "1E+400", "1e-400", "-0", "-0.0", "3.0",
            "2", "0", "-1", "1" + "0" * 120, "NaN", "Infinity", "-Infinity", "1E+999999999",
            "99999999999999.99", "100", "7", "1.5", "3.0000000000000001", "0.99999999999999999",
            "1.0000000000000000001", "2.5e0", "30E-1", "1" + "0" * 5000]

# numbers a model would accept from either reader but read to other values (or refused by the
# library's reader only): what cli._reads_otherwise must send the library's way
_HAZARDS = ["1e-400", "1E+400", "3.0000000000000001", "0.99999999999999999", "1e0", "0e5",
            "1.0000000000000000001", "2.5e0", "30E-1", "1E+2", "-0e0"]
_NUMBER_TOKENS = st.one_of(st.sampled_from([_raw(n) for n in _HAZARDS]),
                           st.sampled_from([_raw(n) for n in _NUMBERS]))

_VALUES = st.one_of(
    _NUMBER_TOKENS,
    st.sampled_from([
        "2025-03-07T17:30:00+08:00", "2025-03-07T17:30:00", "9999-12-31T23:59:00+08:00",
        "2025-03-07", "17:30", "3个工作日", "2 hours", "1 day before", "soon", "china-official",
        "nanjing", "procedure5", "cc", "sd", "12.50", "1E+400", "0.001", "-0.00", "true", "",
        " C1 ", "\ud800", "x" * 300, "../../etc/passwd", "Asia/Shanghai",
    ]),
    st.integers(-(10**6), 10**6), st.integers(-(10**30), 10**30), st.booleans(), st.none(),
    st.just([]), st.just({}), st.just([1, 2]), st.just({"unit": "days", "amount": 3}),
)


_INSTANTS = ["2025-03-07T17:30:00+08:00", "2025-03-07T17:30:00Z", "2025-03-07T17:30:00",
             "2025-03-07T17:30:00.123456+08:00", "2025-03-07 17:30:00+08:00", "2025-03-07",
             "1899-12-31T23:59:59+08:00", "2200-01-01T00:00:00+08:00", "2025-02-30T10:00:00+08:00"]


def _near(value: Any) -> st.SearchStrategy[Any]:
    """Values of the same family as ``value`` (so that many lines stay valid cases): an
    amount or a count becomes other numbers, written as JSON numbers or as text; an instant
    other instants; a flag other flags."""
    if isinstance(value, bool):
        return st.one_of(st.sampled_from([True, False, "true", 1, 0, None]), _NUMBER_TOKENS)
    if isinstance(value, int) or (isinstance(value, str) and value.startswith(_RAW)):
        return st.one_of(_NUMBER_TOKENS, st.integers(-5, 400),
                         st.sampled_from(["3", "12.50", "1E+2"]))
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            pass
        else:  # an amount written as text
            return st.one_of(_NUMBER_TOKENS,
                             st.sampled_from(["0", "0.01", "150.00", "1E+2", "12.345", "-0"]))
        if len(value) >= 10 and value[:4].isdigit() and value[4:5] == "-":
            return st.sampled_from([*_INSTANTS, _raw("20250307"), _raw("1741339800")])
    return _VALUES


def _example_cases(kind: str) -> list[Any]:
    """Every bundled example case of ``kind`` as JSON data (read the library's way)."""
    folder = resources.files("propmgmt_rules").joinpath("examples", kind)
    cases: list[Any] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        text = entry.read_bytes()
        if entry.name.endswith(".jsonl"):
            cases.extend(_plain(parse_json(line)) for line in text.splitlines() if line.strip())
        else:
            data = _plain(parse_json(text))
            cases.extend(data if isinstance(data, list) else [data])
    return cases


def _plain(data: Any) -> Any:
    """JSON data with its exact numbers written back as raw tokens."""
    from decimal import Decimal

    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    if isinstance(data, Decimal):
        return _raw(str(data))
    return data


def _paths(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _paths(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _paths(v, (*path, i))


def _at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _replaced(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replaced(data[head], rest, value)}
    copy = list(data)
    copy[head] = _replaced(copy[head], rest, value)
    return copy


def _line(case: Any) -> str:
    text = json.dumps(case, ensure_ascii=False)
    while (at := text.find('"\\u0000raw:')) >= 0:
        end = text.index('"', at + 1)
        text = text[:at] + text[at + len('"\\u0000raw:'):end] + text[end + 1:]
    return text


def _run(kind: str, path: Path, direct: bool, mp: pytest.MonkeyPatch) -> tuple[int, str, str]:
    kinds = {**CASE_KINDS, kind: dataclasses.replace(CASE_KINDS[kind], json_mode=direct)}
    mp.setattr(cli, "CASE_KINDS", kinds)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main([kind, str(path), "--json"], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _same_either_way(kind: str, lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as mp:
        path = Path(folder) / "cases.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
        at_once, library = _run(kind, path, True, mp), _run(kind, path, False, mp)
    assert at_once == library


_KINDS = sorted(CASE_KINDS)
_CASES = {kind: _example_cases(kind) for kind in _KINDS}


@pytest.mark.parametrize("kind", _KINDS)
def test_every_bundled_example_reads_the_same_at_once(kind: str) -> None:
    assert _CASES[kind], f"no bundled example of {kind}"
    _same_either_way(kind, [_line(case) for case in _CASES[kind]])


@pytest.mark.parametrize("kind", _KINDS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_line_with_a_hostile_value_reads_the_same_at_once(kind: str, data: st.DataObject
                                                            ) -> None:
    lines = []
    for _ in range(data.draw(st.integers(1, 4), label="lines")):
        case = data.draw(st.sampled_from(_CASES[kind]), label="case")
        for _ in range(data.draw(st.integers(1, 2), label="changes")):
            paths = list(_paths(case))
            scalars = [p for p in paths if isinstance(_at(case, p), bool | int)
                       or (isinstance(_at(case, p), str) and _at(case, p).startswith(_RAW))]
            pool = scalars if scalars and data.draw(st.booleans(), label="a number") else paths
            path = data.draw(st.sampled_from(pool), label="path")
            leaf = _at(case, path)
            family = data.draw(st.booleans(), label="near")
            value = data.draw(_near(leaf) if family else _VALUES, label="value")
            case = _replaced(case, path, value)
        lines.append(_line(case))
    _same_either_way(kind, lines)


@pytest.mark.parametrize("token", _HAZARDS)
def test_a_count_or_a_flag_written_as_an_odd_number_reads_the_same_at_once(token: str) -> None:
    # 3.0000000000000001 is the float 3.0 to pydantic's reader (a whole number of days),
    # not a whole number to the library's; 1e-400 is 0.0 (a valid flag: false) to pydantic's,
    # beyond the library's bounds
    span = {"unit": "days", "amount": _raw(token)}
    _same_either_way("time", [_line({"id": "T", "start": "2025-03-03T10:00:00+08:00",
                                     "span": span})])
    complaint = _CASES["complaint"][0]
    for field in ("times_raised", "justified"):
        _same_either_way("complaint", [_line(_replaced(complaint, ("complaint", field),
                                                       _raw(token)))])
