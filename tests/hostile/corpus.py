"""Hostile inputs, shared by the hostile-input suite (``tests/hostile``) and the fuzzing
script (``benchmarks/fuzz.py``).

Two kinds of target:

* the command line's jobs: a bundled example case with one value replaced (or a key
  removed, or an unknown key added) by a hostile value, run through the job as a line of a
  JSON Lines file;
* the main API entry points: each called with valid arguments, one (or two) of them replaced
  by a hostile value.

What counts as a right answer, for both: a decision, or a clear error (``InputError`` or
pydantic's ``ValidationError`` naming a field; on the command line an error record naming
the case and the field). Anything else (another exception, a hang, a file read) is a defect.
Everything here is deterministic: ``cli_case(i)`` and ``api_case(i)`` build the i-th input
from ``random.Random(i)``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from importlib import resources
from typing import Any, Final
from zoneinfo import ZoneInfo

SH: Final = ZoneInfo("Asia/Shanghai")

# -- hostile values, by family ------------------------------------------------------------

WRONG_TYPES: Final[list[Any]] = [None, True, False, 0, -1, 7, [], {}, [[]], {"x": 1}, [1, 2],
                                  {"id": None}, "", "x"]

MAGNITUDES: Final[list[Any]] = [
    10**30, -(10**30), 2**63, -(2**63), 10**13 + 1, "1E+999999999", "-1E+999999999",
    "1e309", "1E-999999999", "10000000000000.01", "99999999999999999999999999999999",
    "NaN", "Infinity", "-0.00", "0.001", "1e2", "0x10",
    Decimal("1E+999999999"), Decimal("-1E+999999999"), Decimal("1E-30"), Decimal("NaN"),
    1e308, -1e308, 1.5,
]

STRINGS: Final[list[Any]] = [
    "", " ", "\t\n", "x" * 10_000, "\x00", "a\x00b", "\u202e123", "\ufeff", "\u200b",
    "😀" * 20, "\ud800", "Ω≈ç√", "a\u0301" * 30, "３个工作日", "٣ days", "Ⅲ days",
    "𝟛 days", "{}", "[]", "null", "%s%s%s", "${HOME}", "'; DROP TABLE x; --",
    "x" * 201, "中" * 300, "\n" * 50, "\\" * 40,
]

ZONES: Final[list[str]] = [
    "/etc/localtime", "../../etc/passwd", "../../../../../../../../../../etc/passwd", "..", "/",
    "/dev/zero", "/proc/self/environ",
    "Asia/Shanghai/../../../etc/passwd", "..\\..\\windows", "localtime", "posixrules",
    "UTC\x00", "Asia/Shanghai ", "asia/shanghai", "Etc/GMT+25", "Nowhere/Land", "",
    "A" * 300, "~/.bashrc", "file:///etc/passwd",
]

INSTANTS: Final[list[Any]] = [
    "9999-12-31T23:59:00+08:00", "9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00",
    "2025-03-03T10:00:00", "2025-02-30T10:00:00+08:00", "2025-03-03T10:00:00+25:00",
    "2025-03-03", "now", "", 1741000000, -(10**20), "2025-03-03T10:00:00+08:00[Asia/Shanghai]",
    "1900-01-01T00:00:00+08:00", "2100-01-01T00:00:00+08:00",
]

SPANS: Final[list[Any]] = [
    "0 days", "0 working days", "0 months", "0 working hours", "-1 days", "-3 working days",
    "10000000000000 hours", "1000000000000 hours", "1e30 days", "1" + "0" * 30 + " days",
    "100000000 months", "3650000 working days",
    "一二三个工作日", "十十十天", "百百个月", "零零天", "两两天", "半半天",
    "3" + " " * 40 + "x", "3 3 3 days", "days", "3", "1.5 days", "½ day", "三个半工作日",
    "3 working days working days", "3个工作日" * 20, " ", "3天\x00", "3 dayz",
]

IDS: Final[list[Any]] = ["", "   ", "\n", "\t", "x" * 1000, "a\x00b", "a\nb", None, 5, []]

PERIODS: Final[list[Any]] = [
    ["2025-03-31", "2025-03-01"], ["2025-03-01"], ["2025-03-01", "2025-03-31", "2025-04-01"],
    ["0001-01-01", "9999-12-31"], ["2025-02-30", "2025-03-01"], "2025-03", [None, None],
]

PRESETS: Final[list[Any]] = [
    "CC", "SD", "cc", " sd ", "XX", "nanjing", "procedure5", "NANJING", "catalog",
    "property-office", "nanjing-plan", "china-official", "china-2025", "china-1999",
    "china-99999999999999999999", "weekdays", "24/7", "china-official@25:00-26:00",
    "weekdays@09:00-18:00,08:00-20:00", "weekdays@" + "09:00-10:00," * 100, "@", "china-",
]

INLINE_CALENDARS: Final[list[Any]] = [
    *({"name": "c", "timezone": zone} for zone in ZONES),
    {"name": "c", "holidays": ["2025-02-30"]}, {"name": "c", "weekend": ["funday"]},
    {"name": "c", "working_hours": ["25:00-26:00"]},
    {"name": "c", "working_hours": ["18:00-09:00"]},
    {"name": "c", "working_hours": ["09:00-18:00", "08:00-20:00"]},
    {"name": "c", "weekend": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]},
    {"name": "c", "holidays": ["0001-01-01", "9999-12-31"]}, {"name": ""},
]

FAMILIES: Final[dict[str, list[Any]]] = {
    "types": WRONG_TYPES, "magnitudes": MAGNITUDES, "strings": STRINGS, "zones": ZONES,
    "instants": INSTANTS, "spans": SPANS, "ids": IDS, "periods": PERIODS, "presets": PRESETS,
    "calendars": INLINE_CALENDARS,
}


def deep(levels: int, leaf: Any = 1) -> Any:
    """A value nested ``levels`` deep (lists and dicts alternating), built without recursion."""
    value = leaf
    for n in range(levels):
        value = [value] if n % 2 else {"a": value}
    return value


# -- the command line's jobs --------------------------------------------------------------

def example_cases() -> list[tuple[str, str, dict[str, Any]]]:
    """(kind, where, raw case) of every bundled example case, in a stable order."""
    found: list[tuple[str, str, dict[str, Any]]] = []
    root = resources.files("propmgmt_rules").joinpath("examples")
    for folder in sorted(root.iterdir(), key=lambda p: p.name):
        if not folder.is_dir():
            continue
        for f in sorted(folder.iterdir(), key=lambda p: p.name):
            text = f.read_text(encoding="utf-8")
            if f.name.endswith(".jsonl"):
                raws = [json.loads(line) for line in text.splitlines() if line.strip()]
            else:
                data = json.loads(text)
                raws = data if isinstance(data, list) else [data]
            found.extend((folder.name, f"{f.name}#{i}", raw) for i, raw in enumerate(raws, 1))
    return found


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path into a JSON value (the root excluded), parents before children."""
    stack: list[tuple[tuple[Any, ...], Any]] = [(prefix, value)]
    while stack:
        here, v = stack.pop(0)
        if here:
            yield here
        if isinstance(v, dict):
            stack.extend(((*here, k), x) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend(((*here, i), x) for i, x in enumerate(v))


def replaced(raw: Any, path: tuple[Any, ...], value: Any) -> Any:
    """A copy of ``raw`` with the value at ``path`` replaced (``_DELETE`` removes a key)."""
    copy = deepcopy(raw)
    parent = copy
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if value is DELETE:
        if isinstance(parent, dict):
            del parent[last]
        else:
            parent.pop(last)
    else:
        parent[last] = value
    return copy


DELETE: Final = object()
"""Marks a mutation that removes the key (or item) instead of replacing it."""


def pools_for(key: Any) -> list[list[Any]]:
    """The families of hostile values for a field of this name (most fitting first)."""
    name = str(key).lower()
    if name in {"id", "client", "consultant", "owner", "by", "deal", "repair", "revisit",
                "original", "a", "b", "brought_by", "referred_by", "received_by", "name"}:
        return [IDS, STRINGS, WRONG_TYPES]
    if name.endswith("_at") or name in {"at", "as_of", "start", "until", "settle_as_of",
                                         "known_at"}:
        return [INSTANTS, WRONG_TYPES, STRINGS]
    if name in {"span", "window", "limit", "extension", "within", "upgrade_after"}:
        return [SPANS, STRINGS, WRONG_TYPES]
    if name == "calendar":
        return [INLINE_CALENDARS, PRESETS, ZONES, WRONG_TYPES]
    if name in {"policy", "rulebook"}:
        return [PRESETS, ZONES, WRONG_TYPES, [deep(80)]]
    if name in {"timezone", "zone"}:
        return [ZONES, WRONG_TYPES]
    if name in {"commission", "loss_amount", "amount", "total", "major_loss_threshold",
                "charge", "price"}:
        return [MAGNITUDES, WRONG_TYPES]
    if name == "period":
        return [PERIODS, WRONG_TYPES]
    return [WRONG_TYPES, STRINGS, MAGNITUDES]


def hostile_for(key: Any, rng: random.Random) -> Any:
    """A hostile value fitting the name of the field it replaces (most of the time)."""
    pools = pools_for(key)
    pool = rng.choice([pools[0], *pools])
    return rng.choice(pool)


@dataclass(frozen=True, slots=True)
class CliCase:
    """One hostile case for a command-line job."""

    kind: str
    where: str
    mutation: str
    raw: Any

    def line(self) -> bytes:
        """The case as one line of a JSON Lines file (a Decimal as the JSON number it is
        written as, e.g. ``1E+999999999``)."""
        text = json.dumps(self.raw, default=lambda d: f"\x01{d}\x01")
        return re.sub(r'"\\u0001([^"\\]*)\\u0001"', r"\1", text).encode()


_EXAMPLES: list[tuple[str, str, dict[str, Any]]] = []


def cli_case(i: int) -> CliCase:
    """The i-th hostile case for a command-line job (deterministic)."""
    if not _EXAMPLES:
        _EXAMPLES.extend(example_cases())
    rng = random.Random(i)
    kind, where, raw = rng.choice(_EXAMPLES)
    every = list(paths(raw))
    path = rng.choice(every)
    roll = rng.random()
    if roll < 0.08:
        return CliCase(kind, where, f"del {path}", replaced(raw, path, DELETE))
    if roll < 0.12:
        extra = replaced(raw, (*path[:-1], "zzz_unknown"), 1) if isinstance(
            _at(raw, path[:-1]), dict) else raw
        return CliCase(kind, where, f"add {path[:-1]}.zzz_unknown", extra)
    if roll < 0.16:
        return CliCase(kind, where, f"deep {path}", replaced(raw, path, deep(rng.choice(
            [30, 63, 65, 200]))))
    if roll < 0.22:  # a second field too: combinations find what one alone does not
        other = rng.choice(every)
        value = hostile_for(path[-1], rng)
        first = replaced(raw, path, value)
        try:
            both = replaced(first, other, hostile_for(other[-1], rng))
        except (KeyError, IndexError, TypeError):
            both = first
        return CliCase(kind, where, f"{path}={value!r:.60} & {other}", both)
    value = hostile_for(path[-1], rng)
    return CliCase(kind, where, f"{path}={value!r:.60}", replaced(raw, path, value))


def _at(raw: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        raw = raw[key]
    return raw


# -- the API -------------------------------------------------------------------------------

def _t(day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2025, 3, day, hour, minute, tzinfo=SH)


HOSTILE_INSTANTS: Final[list[Any]] = [
    datetime(2025, 3, 3, 10, 0),  # naive
    datetime(9999, 12, 31, 23, 59, tzinfo=SH), datetime.max.replace(tzinfo=UTC),
    datetime.min.replace(tzinfo=UTC), datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
    datetime(2025, 3, 3, 10, 0, tzinfo=timezone(timedelta(hours=23, minutes=59))),
    datetime(1900, 1, 1, tzinfo=SH), date(2025, 3, 3), "2025-03-03T10:00:00+08:00", "now",
    "2025-03-03T10:00:00", 1741000000, 1741000000.5, None, Decimal(3),
]


HUGE_RANGE: Final = range(10**9)
"""A billion years: only the fuzzing script (with its time limit) tries it."""


@dataclass(frozen=True, slots=True)
class ApiCase:
    """One hostile call of an API entry point."""

    entry: str
    mutation: str
    call: Callable[[], Any]


Entry = tuple[Callable[..., Any], dict[str, Any], dict[str, dict[str, list[Any]]]]
"""An API entry point: (function, valid keyword arguments, hostile values per argument and
family)."""


def _entries() -> dict[str, Entry]:
    """Every entry point, with its valid arguments and its hostile values."""
    from propmgmt_rules import allocate
    from propmgmt_rules.cases import validate_case
    from propmgmt_rules.complaints import (
        NANJING,
        PROCEDURE_5,
        classify,
        evaluate_many,
        obligations,
        status,
    )
    from propmgmt_rules.ownership import CC, SD, decide_ownership, settle, split_commission
    from propmgmt_rules.ownership.rotation import NewClient, OldClient, RotationState, rotate
    from propmgmt_rules.repairs import (
        CATALOG,
        intake,
        plan_revisits,
        quota_check,
        revisit_due,
        revisit_status,
    )
    from propmgmt_rules.time import (
        Span,
        WorkCalendar,
        china_calendar,
        deadline,
        explain_deadline,
        last_day,
        met,
        resolve_calendar,
        status_at,
    )

    examples = {(k, w): raw for k, w, raw in example_cases()}
    own = validate_case("ownership", examples[("ownership", "household.json#1")])
    book = own.book  # type: ignore[attr-defined]
    comp = validate_case("complaint", examples[("complaint",
                                                "upgrade_pause_extension.json#1")])
    complaint, history = comp.complaint, comp.history  # type: ignore[attr-defined]
    rep = validate_case("repair", examples[("repair", "monthly_quotas_and_plan.json#1")])
    completed, revisits = rep.completed, rep.revisits  # type: ignore[attr-defined]
    staff = rep.plan.staff  # type: ignore[attr-defined]
    leak = validate_case("repair", examples[("repair", "leak_from_call_to_redo.json#1")])
    request = leak.requests[0]  # type: ignore[attr-defined]
    china = china_calendar([2025])
    weekdays = resolve_calendar("weekdays")

    types = [*WRONG_TYPES, "x" * 10000, "\x00"]
    instant = {"types": types, "instants": HOSTILE_INSTANTS}
    calendar = {"types": types, "presets": PRESETS, "zones": ZONES}
    span = {"types": types, "spans": [*SPANS, Span.parse("3 days")]}
    preset = {"types": types, "presets": PRESETS}
    ident = {"types": types, "ids": IDS + STRINGS}
    return {
        "time.deadline": (deadline, {"start": _t(3), "span": "3 working days",
                                     "calendar": china},
                          {"start": instant, "span": span, "calendar": calendar}),
        "time.explain_deadline": (
            explain_deadline, {"start": _t(3), "span": "2 days", "calendar": weekdays,
                               "done_at": _t(4)},
            {"start": instant, "span": span, "calendar": calendar, "done_at": instant}),
        "time.last_day": (last_day, {"start": _t(3), "span": "3个工作日", "calendar": china},
                          {"start": instant, "span": span, "calendar": calendar}),
        "time.status_at": (status_at, {"due": _t(5), "done_at": _t(4), "as_of": _t(6)},
                           {"due": instant, "done_at": instant, "as_of": instant}),
        "time.met": (met, {"due": _t(5), "done_at": _t(4)},
                     {"due": instant, "done_at": instant}),
        "time.china_calendar": (china_calendar, {"years": [2025]},
                                {"years": {"types": types, "special": [
                                    2025, [1999], [2025, 2025], [10**30], "2025", [-1],
                                    [True], HUGE_RANGE]}}),
        "time.Span.parse": (Span.parse, {"text": "3 working days"}, {"text": span}),
        "time.WorkCalendar": (WorkCalendar.model_validate, {"obj": {"name": "c"}},
                              {"obj": {"types": types, "calendars": INLINE_CALENDARS}}),
        "ownership.decide_ownership": (
            decide_ownership, {"book": book, "client_id": "HUSBAND", "as_of": _t(9),
                               "rulebook": CC},
            {"book": {"types": types}, "client_id": ident, "as_of": instant,
             "rulebook": preset}),
        "ownership.split_commission": (
            split_commission, {"book": book, "deal_id": "D1", "rulebook": SD, "as_of": _t(20)},
            {"book": {"types": types}, "deal_id": ident, "rulebook": preset, "as_of": instant}),
        "ownership.settle": (settle, {"book": book, "rulebook": SD, "as_of": _t(20)},
                             {"book": {"types": types}, "rulebook": preset, "as_of": instant}),
        "ownership.rotate": (
            rotate, {"state": RotationState(order=("A", "B", "C")), "event": NewClient(),
                     "rulebook": SD},
            {"state": {"types": types}, "rulebook": preset,
             "event": {"types": types, "special": [
                 {"kind": "new_client"}, OldClient(owner="Z"),
                 NewClient(absent={"Z": "no_reason"}), {"kind": "old_client", "owner": ""}]}}),
        "money.allocate": (
            allocate, {"total": Decimal("100.00"), "weights": [1, 1]},
            {"total": {"types": types, "magnitudes": MAGNITUDES},
             "weights": {"types": types, "special": [
                 [], [0, 0], [-1, 2], [1.5, 1], [10**30, 1], [Decimal("1E+999999999")],
                 ["1", "2"]]}}),
        "complaints.classify": (classify, {"complaint": complaint, "policy": PROCEDURE_5},
                                {"complaint": {"types": types}, "policy": preset}),
        "complaints.obligations": (obligations, {"complaint": complaint, "policy": NANJING},
                                   {"complaint": {"types": types}, "policy": preset}),
        "complaints.status": (
            status, {"complaint": complaint, "history": history, "as_of": _t(20),
                     "policy": PROCEDURE_5},
            {"complaint": {"types": types},
             "history": {"types": types, "special": [["x"], [None], [{"type": "x"}]]},
             "as_of": instant, "policy": preset}),
        "complaints.evaluate_many": (
            evaluate_many, {"complaints": [(complaint, history)], "as_of": _t(20),
                            "policy": NANJING},
            {"complaints": {"types": types, "special": [
                [(complaint, history), ("x", [])], [None], [(complaint, None)],
                [(complaint,)]]},
             "as_of": instant, "policy": preset}),
        "repairs.intake": (intake, {"request": request, "policy": CATALOG, "as_of": _t(8)},
                           {"request": {"types": types}, "policy": preset, "as_of": instant}),
        "repairs.revisit_due": (
            revisit_due, {"repair": completed[0], "policy": CATALOG},
            {"repair": {"types": types}, "policy": preset}),
        "repairs.revisit_status": (
            revisit_status, {"repair": completed[0], "revisited_at": _t(8), "as_of": _t(9),
                             "policy": CATALOG},
            {"repair": {"types": types}, "revisited_at": instant, "as_of": instant,
             "policy": preset}),
        "repairs.plan_revisits": (
            plan_revisits, {"repairs": completed, "staff": staff, "policy": CATALOG},
            {"repairs": {"types": types, "special": [[None]]},
             "staff": {"types": types, "special": [[None], []]}, "policy": preset}),
        "repairs.quota_check": (
            quota_check, {"repairs": completed, "revisits": revisits, "policy": CATALOG,
                          "period": (date(2025, 3, 1), date(2025, 3, 31)), "as_of": _t(31)},
            {"repairs": {"types": types, "special": [[None]]},
             "revisits": {"types": types, "special": [[None]]}, "policy": preset,
             "period": {"types": types, "special": [
                 (date(2025, 3, 31), date(2025, 3, 1)), (date.min, date.max),
                 ("2025-03-01", "2025-03-31"), (None, None)]},
             "as_of": instant}),
    }


_ENTRIES: dict[str, Any] = {}


def entries() -> dict[str, Entry]:
    """The API entry points (built once)."""
    if not _ENTRIES:
        _ENTRIES.update(_entries())
    return _ENTRIES


def api_call(entry: str, changes: dict[str, Any]) -> ApiCase:
    """The call of ``entry`` with its valid arguments, ``changes`` replacing some."""
    fn, valid, _ = entries()[entry]
    kwargs = {**valid, **changes}
    shown = ", ".join(f"{k}={v!r:.50}" for k, v in changes.items())
    return ApiCase(entry, shown, lambda: fn(**kwargs))


def api_case(i: int) -> ApiCase:
    """The i-th hostile API call (deterministic)."""
    rng = random.Random(i)
    table = entries()
    entry = rng.choice(sorted(table))
    _, _, hostile = table[entry]
    names = sorted(hostile)
    changes = {}
    for name in rng.sample(names, 1 if rng.random() < 0.8 or len(names) == 1 else 2):
        family = hostile[name][rng.choice(sorted(hostile[name]))]
        changes[name] = rng.choice(family)
    return api_call(entry, changes)
