"""The library's documented limits on input, and the field types that enforce them.

Input comes from other systems and from what their users type, so every text, number and
document has a bound: beyond it the library answers with a clear error naming the field, in
time bounded by the limit itself, never a hang, a crash or a silent wrong answer. The limits
are generous for real cases (see ``docs/reliability.md``).

>>> from pydantic import BaseModel, ValidationError
>>> class Fact(BaseModel):
...     id: Identifier
>>> Fact(id=" R1 ").id
'R1'
>>> try:
...     Fact(id="  ")
... except ValidationError as exc:
...     print(exc.errors()[0]["msg"])
Value error, must not be empty
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Final

from pydantic import AfterValidator, BeforeValidator

__all__ = [
    "MAX_AMOUNT",
    "MAX_CALENDAR_YEARS",
    "MAX_ID_LENGTH",
    "MAX_JSON_DEPTH",
    "MAX_SPAN_TEXT_LENGTH",
    "MAX_SPAN_YEARS",
    "MAX_TEXT_LENGTH",
    "FreeText",
    "Identifier",
    "check_identifier",
    "check_text",
]

MAX_ID_LENGTH: Final = 200
"""Longest identifier (a record id, a client, a consultant, a role key), in characters."""

MAX_TEXT_LENGTH: Final = 100_000
"""Longest free text (a complaint's description, a note), in characters."""

MAX_SPAN_TEXT_LENGTH: Final = 200
"""Longest span text ("3 working days", 「三个工作日」), in characters."""

MAX_SPAN_YEARS: Final = 100
"""Longest span, in years: at most 1,200 months, 36,525 days or working days, 876,600 hours or
working hours, 52,596,000 minutes or working minutes (a deadline or latest instant must also
fall within the years 1-9999)."""

MAX_CALENDAR_YEARS: Final = 200
"""Widest range of a work calendar's holidays and make-up working days, in years (from the
first to the last such date); outside them the weekly pattern holds."""

MAX_AMOUNT: Final = Decimal(10) ** 13
"""Largest amount of money, in yuan (absolute value): 10^13 yuan."""

MAX_JSON_DEPTH: Final = 64
"""Deepest nesting of a JSON document read by the command line (objects and arrays)."""


def check_identifier(value: str) -> str:
    """An identifier stripped of surrounding spaces: not empty, at most ``MAX_ID_LENGTH``
    characters, no control characters (raises ``ValueError`` with the reason)."""
    if len(value) > MAX_ID_LENGTH:
        raise ValueError(f"must be at most {MAX_ID_LENGTH} characters (got {len(value)})")
    stripped = value.strip()
    if not stripped:
        raise ValueError("must not be empty")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in stripped):
        raise ValueError("must not contain control characters")
    return stripped


def check_text(value: str) -> str:
    """A free text of at most ``MAX_TEXT_LENGTH`` characters (raises ``ValueError``)."""
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"must be at most {MAX_TEXT_LENGTH} characters (got {len(value)})")
    return value


def _str_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


Identifier = Annotated[str, BeforeValidator(_str_only), AfterValidator(check_identifier)]
"""A model field holding an identifier (see :func:`check_identifier`)."""

FreeText = Annotated[str, BeforeValidator(_str_only), AfterValidator(check_text)]
"""A model field holding free text (see :func:`check_text`)."""
