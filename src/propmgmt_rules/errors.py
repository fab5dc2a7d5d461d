"""Errors raised for bad input.

Every error names the field (a dotted path such as ``calendar.holidays[3]`` or
``receptions[R12].at``) and the reason, so a caller can show it to a user as is.
Validation of the pydantic models raises :class:`pydantic.ValidationError`, which
already names the field; the pure functions raise :class:`InputError`.
"""

from __future__ import annotations

from typing import Any

__all__ = ["InputError", "ItemError", "PropmgmtError"]

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
        if error.value is None:
            super().__init__(field, f"{error.reason} ({where})")
        else:
            super().__init__(field, f"{error.reason} ({where})", error.value)
