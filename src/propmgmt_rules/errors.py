"""Errors raised for bad input.

Every error names the field (a dotted path such as ``calendar.holidays[3]`` or
``receptions[R12].at``) and the reason, so a caller can show it to a user as is.
Validation of the pydantic models raises :class:`pydantic.ValidationError`, which
already names the field; the pure functions raise :class:`InputError`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["InputError", "PropmgmtError"]

_UNSET: Any = object()


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
        self.value = None if value is _UNSET else value
        got = "" if value is _UNSET else f" (got {value!r})"
        super().__init__(f"{field}: {reason}{got}")
