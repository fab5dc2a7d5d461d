"""The ``propmgmt-rules`` command line: the only module that reads or writes anything.

    propmgmt-rules examples [--json] [--kind KIND]   evaluate the bundled example cases
    propmgmt-rules rules [--json] [--prefix T,CC]    the rule registry
    propmgmt-rules KIND CASE... [--json]             evaluate case files (KIND: time, ...)
    propmgmt-rules deadline START SPAN [--calendar C] one deadline, explained
    propmgmt-rules schema KIND [--decision]          JSON Schema of a case file (or decision)
    propmgmt-rules calendars                         the calendar presets

A case file holds one case (a JSON object), a list of cases (a JSON array), or one case per
line (JSON Lines: recognised by the suffix ``.jsonl``, ``.ndjson``, ``.json-lines``,
``.jsonlines`` or ``.ldjson`` in any case, or by content; ``-`` reads standard input). JSON
Lines are read one line at a time, and JSON Lines in gives JSON Lines out. Every item in
becomes a decision or an error record (``propmgmt.error.v1``) naming the file, the case
(line or position), its id when known, and each field with its reason: a bad case, line or
file never stops the others.

Exit status (see docs/reliability.md):

* 0: every case was decided;
* 1: some case, line or file was invalid (each reported; the others were decided);
* 2: bad usage (unknown command or option, a bad argument of ``deadline``);
* 3: an internal error (a defect of the library: please report it) on some case, reported
  as that case's error record; the others were decided.
"""

from __future__ import annotations

import argparse
import codecs
import functools
import gc
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from itertools import chain
from typing import IO, Any, Final, TextIO

from pydantic import TypeAdapter, ValidationError

from . import __version__
from .cases import CASE_KINDS, CaseKind
from .decision import Decision
from .errors import InputError, Problem, problems_of
from .limits import MAX_ID_LENGTH
from .presets import presets
from .registry import all_rules
from .time.calendar import WorkCalendar
from .time.explain import explain_deadline
from .time.phrasing import instant_text
from .time.presets import resolve_calendar
from .validation import parse_json, validate

__all__ = [
    "ERROR_FORMAT",
    "EXIT_INTERNAL",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_USAGE",
    "JSON_LINES_SUFFIXES",
    "main",
]

ERROR_FORMAT: Final = "propmgmt.error.v1"

EXIT_OK: Final = 0
"""Every case was decided."""
EXIT_INVALID: Final = 1
"""Some case, line or file was invalid; each was reported, the others decided."""
EXIT_USAGE: Final = 2
"""Bad usage: an unknown command or option, a bad argument."""
EXIT_INTERNAL: Final = 3
"""An internal error (a defect) on some case; reported as its error record, the others
decided."""

JSON_LINES_SUFFIXES: Final = (".jsonl", ".ndjson", ".json-lines", ".jsonlines", ".ldjson")
"""File name endings read as JSON Lines, in any case (``.JSONL`` too)."""


@functools.cache  # built once per process (a service or a benchmark calls main() many times)
def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="propmgmt-rules",
        description="Explainable decisions from property-management and sales-office "
        "regulations.",
        epilog="exit status: 0 every case decided; 1 some case, line or file invalid (each "
        "reported, the others decided); 2 bad usage; 3 internal error on some case "
        "(reported as its error record, the others decided).",
    )
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("examples", help="evaluate the bundled example cases (the main job)")
    p.add_argument("--kind", choices=sorted(CASE_KINDS), action="append",
                   help="only this kind (repeatable)")
    p.add_argument("--json", action="store_true", help="print decisions as JSON Lines")

    p = sub.add_parser("rules", help="list the rule registry")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.add_argument("--prefix", help="comma-separated id prefixes, e.g. T,CC")

    for kind in CASE_KINDS.values():
        p = sub.add_parser(kind.name, help=f"evaluate case files: {kind.summary}")
        p.add_argument("cases", nargs="+",
                       help="case files (JSON, or JSON Lines: .jsonl, .ndjson...), - for stdin")
        p.add_argument("--json", action="store_true", help="print decisions as JSON Lines")

    p = sub.add_parser("deadline", help="one deadline, explained")
    p.add_argument("start", help="ISO 8601 instant with offset, e.g. 2025-01-24T17:30+08:00")
    p.add_argument("span", help="e.g. '3 working days', '2h', '3个工作日', '当天'")
    p.add_argument("--calendar", default="weekdays",
                   help="a preset (see `calendars`) or a calendar JSON file")
    p.add_argument("--json", action="store_true", help="print the decision as JSON")

    p = sub.add_parser("schema", help="JSON Schema of a case file or of its decisions")
    p.add_argument("kind", choices=sorted(CASE_KINDS))
    p.add_argument("--decision", action="store_true", help="the decision's schema instead")

    sub.add_parser("calendars", help="list the calendar presets")
    return ap


# -- output ------------------------------------------------------------------------------


def _render(decision: Decision, out: list[str]) -> None:
    rules = ", ".join(decision.decided_by)
    out.append(f"== {decision.subject}  [{rules}]\n")
    if decision.escalation is not None:
        out.append(f"   ESCALATION to {decision.escalation.to_name.en}: "
                   f"{', '.join(decision.escalation.rules)}\n")
    if decision.provisional is not None:
        until = instant_text(decision.provisional.until, year=True)  # as explanations write it
        out.append(f"   provisional until {until.en}\n")
    out.extend(f"   {line}\n" for line in decision.explanation.en.splitlines())
    out.extend(f"   {line}\n" for line in decision.explanation.zh.splitlines())
    out.append("\n")


def _written(decisions: Sequence[Decision], as_json: bool) -> str:
    """The decisions as they are printed (built whole before anything is written, so that
    a case fails or prints entirely)."""
    if as_json:
        return _json_bytes(decisions).decode()
    parts: list[str] = []
    for d in decisions:
        _render(d, parts)
    return "".join(parts)


def _json_bytes(decisions: Sequence[Decision]) -> bytes:
    """The decisions as JSON Lines, the serialiser's UTF-8 bytes as they are (what
    :func:`_written` writes as text, not decoded and encoded again).

    Each decision's serialiser is called directly (what ``to_json_bytes()`` calls, without
    its frame and keyword: about 1,600 instructions a decision) and the lines are joined
    once, each ending in a newline (the empty last part), not each copied with its newline
    first (a repair plan line's 17 decisions: about 50,000 instructions less)."""
    if type(decisions) is list and len(decisions) == 1:  # most cases: one line
        only: Decision = decisions[0]
        return only.__pydantic_serializer__.to_json(only) + b"\n"
    parts = [d.__pydantic_serializer__.to_json(d) for d in decisions]
    parts.append(b"")
    return b"\n".join(parts)


def _binary(out: TextIO) -> IO[bytes] | None:
    """The binary stream under ``out`` (standard output's), when JSON Lines written to it as
    UTF-8 bytes are what ``out`` itself would write: a UTF-8 text stream on a system whose
    lines end in "\\n" (no newline translated). None otherwise (a ``StringIO``, another
    encoding): then the text is written to ``out``."""
    raw = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if raw is None or os.linesep != "\n" or not isinstance(encoding, str):
        return None
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    return raw  # type: ignore[no-any-return]


# -- reading ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """One item of a source: a case (raw data, or a JSON Lines line's text not read yet) or
    why it could not be read."""

    case: int | None  # the line (JSON Lines), the position in an array (1-based), or None
    line: int | None
    raw: Any = None
    problem: InputError | None = None
    text: bytes | None = None

    def read(self) -> None:
        """Read the line's text (``raw``, or the ``problem`` of a line that is not JSON)."""
        if self.text is not None:
            try:
                self.raw = parse_json(self.text, "(line)")
            except InputError as exc:
                self.problem = exc
            self.text = None


_UNREAD: Final[Any] = object()
_CONTROL: Final = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What pydantic's JSON reader reads otherwise than the library's (validation.parse_json),
# where a model would accept either: a number with an exponent (the library bounds it to
# 1E+-100, pydantic makes it a float: 1e-400 is 0.0, a valid count or flag) and a long run of
# digits (3.0000000000000001 is the float 3.0, a valid count, where the library's exact
# Decimal is not a whole number). Found anywhere in a line, inside a string too (then the
# line is only read the slower way), such a line is read the library's way. NaN and
# Infinity need no check: no field of a case takes them from pydantic's reader either.
# The line is mapped byte for byte (digits and points to "0", "e" and "E" to "e", the rest
# to "x") and searched for "0e" and for 17 "0"s: the regular expression
# [0-9.](?:[eE]|[0-9.]{16}) at a quarter of its cost.
_NUMBER_CHARS: Final = bytes(
    ord("0") if chr(b) in "0123456789." else ord("e") if chr(b) in "eE" else ord("x")
    for b in range(256))
_LONG_RUN: Final = b"0" * 17


def _reads_otherwise(text: bytes) -> bool:
    """Whether pydantic's JSON reader may read a number of ``text`` otherwise than the
    library's reader (see above)."""
    mapped = text.translate(_NUMBER_CHARS)
    return b"0e" in mapped or _LONG_RUN in mapped


def _is_json_lines_name(name: str) -> bool:
    return name.lower().endswith(JSON_LINES_SUFFIXES)


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for n, line in enumerate(stream, 1):
        if n == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        yield n, line


def _items(name: str, stream: IO[bytes]) -> tuple[bool, Iterator[_Item]]:
    """Whether the source is JSON Lines, and its items (read lazily for JSON Lines).

    JSON Lines by name, or by content: more than one non-blank line, the first of them
    either a whole JSON value or text that is not the opening of a document spread over
    lines (each line is then judged alone). Anything else is one JSON document, a file
    binary from its first line included."""
    lines = _lines(stream)
    if _is_json_lines_name(name):
        return True, _json_lines(lines, [])
    head: list[tuple[int, bytes]] = []
    for n, line in lines:
        head.append((n, line))
        if line.strip():
            break
    else:
        return False, iter([_Item(None, None, problem=InputError("(file)", "is empty: no case"))])
    first = head[-1][1].strip()
    try:
        first.decode("utf-8")
        binary = _CONTROL.search(first) is not None
    except UnicodeDecodeError:
        binary = True
    value: Any = _UNREAD
    if not binary:
        try:
            value = parse_json(first)
        except InputError:
            if first[:1] in (b"{", b"[") and first[-1:] not in (b"}", b"]"):
                binary = True  # the opening of a document spread over lines
    if not binary:
        for m, line in lines:
            head.append((m, line))
            if line.strip():  # a second value: JSON Lines
                return True, _json_lines(lines, head)
        if value is not _UNREAD:
            return False, _values(value)
    text = b"".join(line for _, line in head) + b"".join(line for _, line in lines)
    return False, _document(text)


def _json_lines(lines: Iterator[tuple[int, bytes]], head: list[tuple[int, bytes]]
                ) -> Iterator[_Item]:
    seen = False
    for n, line in chain(head, lines):
        if line.strip():
            seen = True
            yield _Item(n, n, None, None, line)  # read when decided (see _evaluate)
    if not seen:
        yield _Item(None, None, problem=InputError("(file)", "is empty: no case"))


def _document(text: bytes) -> Iterator[_Item]:
    try:
        data = parse_json(text, "(file)")
    except InputError as exc:
        yield _Item(None, None, problem=exc)
        return
    yield from _values(data)


def _values(data: Any) -> Iterator[_Item]:
    if isinstance(data, list):
        if not data:
            yield _Item(None, None, problem=InputError("(file)", "is an empty list: no case"))
        for i, raw in enumerate(data, 1):
            yield _Item(i, None, raw=raw)
    else:
        yield _Item(1, None, raw=data)


# -- evaluating -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Tally:
    decided: int = 0
    invalid: int = 0
    internal: int = 0

    @property
    def status(self) -> int:
        if self.internal:
            return EXIT_INTERNAL
        return EXIT_INVALID if self.invalid else EXIT_OK


def _case_id(raw: Any) -> str | None:
    if isinstance(raw, dict):
        ident = raw.get("id")
        if isinstance(ident, str):
            return ident[:MAX_ID_LENGTH]
    return None


def _report(source: str, item: _Item, case_id: str | None, problems: Sequence[Problem],
            jsonl: bool, out: TextIO, err: TextIO, flush: bool = False) -> None:
    """The error record of ``item`` (JSON Lines: to ``out``, flushed with ``flush`` so that
    it keeps its place before decisions written to the binary stream under ``out``) and its
    lines for people (to ``err``)."""
    record = {
        "format": ERROR_FORMAT, "source": source, "case": item.case, "line": item.line,
        "id": case_id, "errors": [{"field": p.field, "reason": p.reason} for p in problems],
    }
    if jsonl:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        if flush:
            out.flush()
    where = f"{source}: "
    if item.case is not None:
        where += f"line {item.line}" if item.line is not None else f"case {item.case}"
        where += f" ({case_id}): " if case_id else ": "
    for p in problems:
        field = "" if p.field in {"(file)", "(line)"} else f"{p.field}: "
        err.write(f"{where}{field}{p.reason}\n")


def _evaluate(kind: CaseKind, source: str, items: Iterable[_Item], jsonl: bool,
              out: TextIO, err: TextIO, tally: _Tally) -> None:
    """Decide every item of one source; each bad one becomes its error record.

    A line of a kind whose model reads JSON as the library's reader does
    (``CaseKind.json_mode``) is validated from its text at once (pydantic's own JSON reader),
    unless it holds a number that reader reads otherwise (an exponent, a long run of
    digits); a line that is not a valid case that way is read again the library's way, so that
    its error record is the one it always was.

    JSON Lines go to the binary stream under ``out`` when there is one that writes what
    ``out`` would (:func:`_binary`): a decision's JSON is then the serialiser's bytes, not
    decoded to text and encoded again; an error record is written to ``out``, flushed before
    the next decision."""
    direct = kind.json_mode
    validate_json = kind.model.model_validate_json
    raw = _binary(out) if jsonl else None
    flush = raw is not None  # an error record, written as text, keeps its place
    if flush:
        out.flush()  # what was written as text goes first
    for item in items:
        case: Any = None
        if item.text is not None:
            if direct and not _reads_otherwise(item.text):
                try:
                    case = validate_json(item.text)
                except ValidationError:
                    case = None
            if case is None:
                item.read()
        if item.problem is not None:
            tally.invalid += 1
            _report(source, item, _case_id(item.raw), problems_of(item.problem), jsonl, out,
                    err, flush)
            continue
        read = case  # validated from the line's text, or None
        try:
            if case is None:
                case = kind.model.model_validate(item.raw)  # read by parse_json: depth bounded
            decisions = kind.evaluate(case)
            data = _json_bytes(decisions) if raw is not None else _written(decisions, jsonl)
        except (ValidationError, InputError) as exc:
            tally.invalid += 1
            _report(source, item, _case_id(item.raw if read is None else {"id": read.id}),
                    problems_of(exc, item.raw, root="(case)"), jsonl, out, err, flush)
            continue
        except Exception as exc:  # a defect: report it on this case, decide the others
            tally.internal += 1
            reason = f"internal error ({type(exc).__name__}): {exc}"[:300]
            _report(source, item, _case_id(item.raw if read is None else {"id": read.id}),
                    [Problem("(case)", reason)], jsonl, out, err, flush)
            err.write("propmgmt-rules: this is a defect of the library; please report it "
                      "with the case\n")
            continue
        tally.decided += 1
        if raw is not None:
            raw.write(data)  # type: ignore[arg-type]
        else:
            out.write(data)  # type: ignore[arg-type]


def _example_files(kind: str) -> list[tuple[str, bytes]]:
    folder = resources.files("propmgmt_rules").joinpath("examples", kind)
    if not folder.is_dir():
        return []
    return sorted(
        (f"examples/{kind}/{f.name}", f.read_bytes())
        for f in folder.iterdir()
        if f.name.endswith((".json", *JSON_LINES_SUFFIXES))
    )


# -- commands ---------------------------------------------------------------------------


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = all_rules()
    if args.prefix:
        prefixes = tuple(p.strip() + "-" for p in args.prefix.split(",") if p.strip())
        rules = tuple(r for r in rules if r.id.startswith(prefixes))
    if args.json:
        out.write(json.dumps([r.model_dump(mode="json") for r in rules], ensure_ascii=False,
                             indent=2) + "\n")
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=2)
    out.write(f"{'id':<{width}}  {'area':<10}  summary\n")
    for r in rules:
        out.write(f"{r.id:<{width}}  {r.area:<10}  {r.summary}\n")
        out.write(f"{'':<{width}}  {'':<10}  {r.text}\n")
    out.write(f"\n{len(rules)} rules\n")
    return EXIT_OK


def _cmd_examples(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    tally = _Tally()
    for name in args.kind or sorted(CASE_KINDS):
        kind = CASE_KINDS[name]
        files = _example_files(name)
        if not args.json:
            out.write(f"#### {name}: {kind.summary} ({len(files)} example files)\n\n")
        for source, data in files:
            _, items = _items(source, io.BytesIO(data))
            _evaluate(kind, source, items, args.json, out, err, tally)
    return tally.status


def _stdin_bytes() -> IO[bytes]:
    """Standard input as bytes (a text stream put in its place, as tests do, is encoded)."""
    raw = getattr(sys.stdin, "buffer", None)
    if raw is not None:
        return raw  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8", "surrogateescape"))


@contextmanager
def _collector_spared() -> Iterator[None]:
    """While a job runs, the objects that were there before it (the library's modules, its
    presets and schemas, the caller's) are set aside from the garbage collector
    (``gc.freeze``), and given back after (``gc.unfreeze``).

    A job makes and drops a case's objects line after line; those alive while a line is
    decided reach the older generations, and every so often a full collection follows every
    object of the process again. On lines of ten fee accounts that was about a tenth of the
    job (``benchmarks/bench_jobs.py``); decisions are the same either way. A caller that
    manages the collector itself (it froze objects already, or disabled it) is left alone:
    unfreezing after the job would undo its own freeze."""
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _cmd_cases(kind: CaseKind, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with _collector_spared():
        return _cases(kind, args, out, err)


def _cases(kind: CaseKind, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    tally = _Tally()
    for source in args.cases:
        if source == "-":
            jsonl, items = _items(source, _stdin_bytes())
            _evaluate(kind, source, items, True, out, err, tally)
            continue
        try:
            stream = open(source, "rb")  # noqa: SIM115 (closed below, after streaming)
        except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
            tally.invalid += 1
            reason = f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
            _report(source, _Item(None, None), None, [Problem("(file)", reason)],
                    args.json or _is_json_lines_name(source), out, err)
            continue
        with stream:
            try:
                jsonl, items = _items(source, stream)
                _evaluate(kind, source, items, args.json or jsonl, out, err, tally)
            except OSError as exc:  # e.g. a directory, or a read error half-way
                tally.invalid += 1
                reason = f"cannot be read: {exc.strerror or exc}"
                _report(source, _Item(None, None), None, [Problem("(file)", reason)],
                        args.json or _is_json_lines_name(source), out, err)
    if tally.invalid or tally.internal:
        err.write(f"propmgmt-rules: {tally.decided} cases decided, {tally.invalid} invalid, "
                  f"{tally.internal} internal errors\n")
    return tally.status


def _usage(err: TextIO, field: str, reason: str) -> int:
    err.write(f"propmgmt-rules: {field}: {reason}\n")
    return EXIT_USAGE


def _cmd_deadline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        start = datetime.fromisoformat(args.start)
    except ValueError:
        return _usage(err, "start", f"is not an ISO 8601 instant such as "
                      f"2025-01-24T17:30+08:00: {args.start[:80]!r}")
    try:
        if args.calendar.lower().endswith(".json"):
            try:
                with open(args.calendar, "rb") as f:
                    text = f.read()
            except (OSError, ValueError) as exc:
                return _usage(err, "--calendar", f"{args.calendar}: cannot be read: "
                              f"{getattr(exc, 'strerror', None) or exc}")
            calendar = validate(WorkCalendar, parse_json(text, args.calendar), field="calendar")
        else:
            calendar = resolve_calendar(args.calendar)
        decision = explain_deadline(start, args.span, calendar)
        out.write(_written([decision], args.json))
    except (InputError, ValidationError) as exc:
        for p in problems_of(exc, root="(argument)"):
            _usage(err, p.field, p.reason)
        return EXIT_USAGE
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    kind = CASE_KINDS[args.kind]
    if args.decision and kind.decisions is not None:
        schema = TypeAdapter(kind.decisions).json_schema()
    else:
        schema = (kind.decision if args.decision else kind.model).model_json_schema()
    out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0, 1, 2 or 3: see the module)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has written the usage message
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if args.command == "rules":
            return _cmd_rules(args, out)
        if args.command == "examples":
            return _cmd_examples(args, out, err)
        if args.command == "deadline":
            return _cmd_deadline(args, out, err)
        if args.command == "calendars":
            for key, text in presets("calendar").items():
                out.write(f"{key:<16} {text}\n")
            return EXIT_OK
        if args.command == "schema":
            return _cmd_schema(args, out)
        return _cmd_cases(CASE_KINDS[args.command], args, out, err)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        if out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (InputError, ValidationError) as exc:  # bad input outside any one case
        for p in problems_of(exc, root="(argument)"):
            _usage(err, p.field, p.reason)
        return EXIT_USAGE
    except Exception as exc:  # a defect outside any one case
        err.write(f"propmgmt-rules: internal error ({type(exc).__name__}): {exc}; this is a "
                  "defect of the library, please report it\n")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
