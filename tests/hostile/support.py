"""What the hostile-input suite and the fuzzing script count as right, and the file watch.

A right answer to hostile input is a decision, or a clear error: :class:`InputError` naming
a field, or pydantic's ``ValidationError``. Any other exception is a defect, and so is
opening any file but the time-zone database (input never makes the library read a file).
"""

from __future__ import annotations

import builtins
import io
import os
import traceback
import zoneinfo
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import ValidationError

from propmgmt_rules.errors import InputError


def _tz_dirs() -> tuple[str, ...]:
    dirs: list[str] = []
    for p in zoneinfo.TZPATH:
        dirs += [os.path.abspath(p), os.path.realpath(p)]
    for name in ("tzdata", "dateutil"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        folder = os.path.dirname(module.__file__ or "")
        dirs += [os.path.abspath(folder), os.path.realpath(folder)]
    return tuple(d.rstrip(os.sep) + os.sep for d in dirs if d)


TZ_DIRS = _tz_dirs()


class FileWatch:
    """While entered, records every file opened outside the time-zone database (by the path
    given: ``/etc/localtime`` is a link into the database, but reading it because a field
    says so runs a case in the host's zone)."""

    def __init__(self, allowed: Iterable[str | os.PathLike[str]] = ()) -> None:
        self.opened: list[str] = []
        self.allowed = frozenset(os.path.abspath(os.fsdecode(p)) for p in allowed)
        """Files the caller gives to be read (the command line's case files)."""
        self._saved: tuple[Any, Any, Any] | None = None

    def _note(self, path: Any) -> None:
        if isinstance(path, str | bytes | os.PathLike):
            given = os.path.abspath(os.fsdecode(path))
            if not given.startswith(TZ_DIRS) and given not in self.allowed:
                self.opened.append(os.fsdecode(path))

    def __enter__(self) -> FileWatch:
        real_open, real_io_open, real_os_open = builtins.open, io.open, os.open
        self._saved = (real_open, real_io_open, real_os_open)

        def watched_open(file: Any, *args: Any, **kwargs: Any) -> Any:
            self._note(file)
            return real_open(file, *args, **kwargs)

        def watched_os_open(path: Any, *args: Any, **kwargs: Any) -> Any:
            self._note(path)
            return real_os_open(path, *args, **kwargs)

        builtins.open = watched_open
        io.open = watched_open
        os.open = watched_os_open
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._saved is not None
        builtins.open, io.open, os.open = self._saved


def misbehaviour(call: Callable[[], Any]) -> str | None:
    """None when ``call`` decides or raises a clear error; else what went wrong."""
    with FileWatch() as watch:
        try:
            call()
        except InputError as exc:
            if not exc.field:
                return f"InputError without a field: {exc}"
        except ValidationError:
            pass
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return (f"{type(exc).__name__}: {str(exc)[:160]} "
                    f"({Path(where.filename).name}:{where.lineno})")
    if watch.opened:
        return f"opened {watch.opened[:3]}"
    return None
