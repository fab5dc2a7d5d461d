"""The ``propmgmt-rules`` command line: the only module that reads or writes anything.

    propmgmt-rules examples [--json] [--kind KIND]   evaluate the bundled example cases
    propmgmt-rules rules [--json] [--prefix T,CC]    the rule registry
    propmgmt-rules KIND CASE... [--json]             evaluate case files (KIND: time, ...)
    propmgmt-rules deadline START SPAN [--calendar C] one deadline, explained
    propmgmt-rules schema KIND [--decision]          JSON Schema of a case file (or decision)
    propmgmt-rules calendars                         the calendar presets

A case file holds one case (a JSON object), a list of cases (a JSON array), or, with the
``.jsonl`` suffix or ``-`` for standard input, one case per line; JSON Lines in gives JSON
Lines out. Exit status: 0 when every case was evaluated, 1 when some case was invalid (each
reported with its field and reason, the others still evaluated), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from pydantic import TypeAdapter, ValidationError

from . import __version__
from .cases import CASE_KINDS, CaseKind
from .decision import Decision
from .errors import InputError, PropmgmtError
from .registry import all_rules
from .time.cases import CALENDAR_PRESETS, resolve_calendar
from .time.deadline import explain_deadline

ERROR_FORMAT = "propmgmt.error.v1"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="propmgmt-rules",
        description="Explainable decisions from property-management and sales-office regulations.",
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
        p.add_argument("cases", nargs="+", help="case files (.json or .jsonl), or - for stdin")
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


def _render(decision: Decision, out: TextIO) -> None:
    rules = ", ".join(decision.decided_by)
    out.write(f"== {decision.subject}  [{rules}]\n")
    if decision.escalation is not None:
        out.write(f"   ESCALATION to {decision.escalation.to_name.en}: "
                  f"{', '.join(decision.escalation.rules)}\n")
    if decision.provisional is not None:
        out.write(f"   provisional until {decision.provisional.until.isoformat()}\n")
    for line in decision.explanation.en.splitlines():
        out.write(f"   {line}\n")
    for line in decision.explanation.zh.splitlines():
        out.write(f"   {line}\n")
    out.write("\n")


def _emit(decisions: Sequence[Decision], as_json: bool, out: TextIO) -> None:
    for d in decisions:
        if as_json:
            out.write(d.to_json() + "\n")
        else:
            _render(d, out)


def _error_record(source: str, index: int, case_id: str | None, exc: Exception) -> dict[str, Any]:
    if isinstance(exc, ValidationError):
        errors = [
            {"field": ".".join(str(p) for p in e["loc"]) or "(case)", "reason": e["msg"]}
            for e in exc.errors(include_url=False)
        ]
    elif isinstance(exc, InputError):
        errors = [{"field": exc.field, "reason": exc.reason}]
    else:
        errors = [{"field": "(case)", "reason": str(exc)}]
    return {"format": ERROR_FORMAT, "source": source, "case": index, "id": case_id,
            "errors": errors}


# -- reading ----------------------------------------------------------------------------


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8")


def _cases_in(name: str, text: str) -> Iterator[tuple[int, Any]]:
    """(index, raw case) pairs; a line that is not JSON becomes a ValueError item."""
    if name == "-" or name.endswith(".jsonl"):
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    yield n, json.loads(line)
                except json.JSONDecodeError as exc:
                    yield n, ValueError(f"not JSON: {exc}")
        return
    data = json.loads(text)
    if isinstance(data, list):
        yield from enumerate(data, 1)
    else:
        yield 1, data


def _evaluate(kind: CaseKind, source: str, text: str, as_json: bool, out: TextIO,
              err: TextIO, *, follow_input: bool = True) -> int:
    """Evaluate every case of one source; JSON Lines in gives JSON Lines out when
    ``follow_input`` (the ``examples`` job renders text unless ``--json``)."""
    jsonl = as_json or (follow_input and (source == "-" or source.endswith(".jsonl")))
    status = 0
    for index, raw in _cases_in(source, text):
        case_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            if isinstance(raw, Exception):
                raise raw
            case = kind.model.model_validate(raw)
            decisions = kind.evaluate(case)
        except (ValidationError, PropmgmtError, ValueError) as exc:
            status = 1
            record = _error_record(source, index, case_id, exc)
            if jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            for e in record["errors"]:
                err.write(f"{source}: case {index} ({case_id or '?'}): {e['field']}: "
                          f"{e['reason']}\n")
            continue
        _emit(decisions, jsonl, out)
    return status


def _example_files(kind: str) -> list[tuple[str, str]]:
    folder = resources.files("propmgmt_rules").joinpath("examples", kind)
    if not folder.is_dir():
        return []
    return sorted(
        (f"examples/{kind}/{f.name}", f.read_text(encoding="utf-8"))
        for f in folder.iterdir()
        if f.name.endswith((".json", ".jsonl"))
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
        return 0
    width = max((len(r.id) for r in rules), default=2)
    out.write(f"{'id':<{width}}  {'area':<10}  summary\n")
    for r in rules:
        out.write(f"{r.id:<{width}}  {r.area:<10}  {r.summary}\n")
        out.write(f"{'':<{width}}  {'':<10}  {r.text}\n")
    out.write(f"\n{len(rules)} rules\n")
    return 0


def _cmd_examples(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    for name in args.kind or sorted(CASE_KINDS):
        kind = CASE_KINDS[name]
        files = _example_files(name)
        if not args.json:
            out.write(f"#### {name}: {kind.summary} ({len(files)} example files)\n\n")
        for source, text in files:
            status |= _evaluate(kind, source, text, args.json, out, err, follow_input=False)
    return status


def _cmd_deadline(args: argparse.Namespace, out: TextIO) -> int:
    if args.calendar.endswith(".json"):
        from .time.calendar import WorkCalendar

        calendar = WorkCalendar.model_validate_json(_read_text(args.calendar))
    else:
        calendar = resolve_calendar(args.calendar)
    decision = explain_deadline(datetime.fromisoformat(args.start), args.span, calendar)
    _emit([decision], args.json, out)
    return 0


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run the command line; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        if args.command == "rules":
            return _cmd_rules(args, out)
        if args.command == "examples":
            return _cmd_examples(args, out, err)
        if args.command == "deadline":
            return _cmd_deadline(args, out)
        if args.command == "calendars":
            for key, text in CALENDAR_PRESETS.items():
                out.write(f"{key:<16} {text}\n")
            return 0
        if args.command == "schema":
            kind = CASE_KINDS[args.kind]
            if args.decision and kind.decisions is not None:
                schema = TypeAdapter(kind.decisions).json_schema()
            else:
                schema = (kind.decision if args.decision else kind.model).model_json_schema()
            out.write(json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
            return 0
        kind = CASE_KINDS[args.command]
        status = 0
        for source in args.cases:
            status |= _evaluate(kind, source, _read_text(source), args.json, out, err)
        return status
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        if out is sys.stdout:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (PropmgmtError, ValidationError, ValueError, OSError) as exc:
        err.write(f"propmgmt-rules: {exc}\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
