"""The core is pure: no module but the command line reads files, prints, reads the clock or
the environment, or draws random numbers. Checked on the source of every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "propmgmt_rules"
IO_MODULES = {"cli.py", "__main__.py"}
FORBIDDEN_IMPORTS = {
    "os", "sys", "io", "pathlib", "shutil", "subprocess", "socket", "random", "time",
    "tempfile", "glob", "urllib", "http", "logging", "secrets", "uuid", "importlib.resources",
    "builtins", "fileinput", "sqlite3", "pickle", "shelve", "asyncio", "threading",
}
FORBIDDEN_CALLS = {"print", "open", "input", "exec", "eval", "breakpoint", "__import__"}
FORBIDDEN_ATTRS = {"now", "utcnow", "today", "environ", "getenv", "time_ns", "monotonic",
                   "perf_counter", "read_text", "write_text", "urandom"}


def _core_modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py") if p.name not in IO_MODULES or p.parent != SRC)


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in FORBIDDEN_IMPORTS or alias.name.split(".")[0] in FORBIDDEN_IMPORTS:
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module in FORBIDDEN_IMPORTS or node.module.split(".")[0] in FORBIDDEN_IMPORTS:
                found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in FORBIDDEN_CALLS:
                found.append(f"line {node.lineno}: call {node.func.id}()")
        elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRS:
            found.append(f"line {node.lineno}: .{node.attr}")
    return found


def test_there_are_core_modules() -> None:
    assert len(_core_modules()) >= 10


@pytest.mark.parametrize("path", _core_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_module_is_pure(path: Path) -> None:
    assert _violations(path) == []


def test_the_checker_catches_impurity(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import os\nfrom datetime import datetime\nx = datetime.now()\nprint(x)\n",
        encoding="utf-8",
    )
    assert len(_violations(bad)) == 3


HOSTILE_ZONES = [
    "/etc/localtime", "localtime", "../../../../etc/passwd", "Asia/../../etc/shadow",
    "Asia\\Shanghai", "C:\\Windows\\System32\\tz", "Asia/Shanghai\x00/etc/passwd", "/dev/zero",
    "/proc/self/environ", "~/.ssh/id_rsa", "file:///etc/localtime", "Asia/Nowhere", "zone.tab",
    "posixrules", "right/UTC", "x" * 10_000,
]


def test_a_hostile_time_zone_opens_no_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 10: no input makes the library read a file. Zone names are checked before any
    loader runs; the zone database's list of names is read once, beforehand, whatever the
    input (warmed up here), and then no file may be opened while hostile zones are refused."""
    import builtins
    import io
    import os
    import zoneinfo

    from dateutil import tz as dateutil_tz
    from pydantic import ValidationError

    from propmgmt_rules import WorkCalendar, china_calendar
    from propmgmt_rules.time import calendar as calendar_module

    calendar_module.zone("Asia/Shanghai")  # the database's names, read once
    with pytest.raises(ValueError, match="unknown time zone"):
        calendar_module.zone("Asia/Nowhere")  # ... and python-dateutil's bundled names
    opened: list[object] = []

    def refuse(*args: object, **kwargs: object) -> object:
        opened.append(args[:1])
        raise AssertionError(f"a file was opened: {args[:1]!r}")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(io, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)
    monkeypatch.setattr(zoneinfo, "ZoneInfo", refuse)
    monkeypatch.setattr(calendar_module, "ZoneInfo", refuse)
    monkeypatch.setattr(dateutil_tz, "gettz", refuse)
    monkeypatch.setattr(dateutil_tz, "tzfile", refuse)
    for key in HOSTILE_ZONES:
        with pytest.raises(ValidationError, match="unknown time zone"):
            WorkCalendar(timezone=key)
        with pytest.raises(ValidationError, match="unknown time zone"):
            china_calendar(2025, timezone=key)
    assert opened == []

