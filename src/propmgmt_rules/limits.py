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
String should have at least 1 character
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, StringConstraints

__all__ = [
    "EARLIEST",
    "LATEST",
    "MAX_AMOUNT",
    "MAX_CALENDAR_YEARS",
    "MAX_ID_LENGTH",
    "MAX_JSON_DEPTH",
    "MAX_NUMBER_EXPONENT",
    "MAX_SPAN_TEXT_LENGTH",
    "MAX_SPAN_YEARS",
    "MAX_TEXT_LENGTH",
    "Day",
    "FreeText",
    "Identifier",
    "Instant",
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

EARLIEST: Final = datetime(1900, 1, 1, tzinfo=UTC)
LATEST: Final = datetime(2200, 1, 1, tzinfo=UTC)
"""Instants of facts lie from ``EARLIEST`` (included) to ``LATEST`` (excluded): the years
1900 to 2199, with room for a century of spans after them (an instant at the edge of what a
``datetime`` holds would overflow while a deadline is computed)."""

MAX_NUMBER_EXPONENT: Final = 100
"""A JSON number read by the library lies within 1E-100 and 1E+100 in absolute value (or is
0): ``1E+999999999`` would otherwise become a whole number of a billion digits."""


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
    _check_unicode(stripped)
    return stripped


def check_text(value: str) -> str:
    """A free text of at most ``MAX_TEXT_LENGTH`` characters (raises ``ValueError``)."""
    if len(value) > MAX_TEXT_LENGTH:
        raise ValueError(f"must be at most {MAX_TEXT_LENGTH} characters (got {len(value)})")
    _check_unicode(value)
    return value


def _check_unicode(value: str) -> None:
    """Refuse half a character (a lone surrogate): it could never be written out as UTF-8."""
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("must be valid Unicode text (no lone surrogate)") from None


def _str_only(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value


Identifier = Annotated[str, StringConstraints(
    strict=True, strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH,
    pattern=r"^[^\x00-\x1f\x7f]+$")]
"""A model field holding an identifier: a string, stripped, not empty, at most
``MAX_ID_LENGTH`` characters, no control characters (the rules of :func:`check_identifier`),
checked by pydantic's core: a registration book of a million rows holds millions of them."""



def _instant_text(value: Any) -> Any:
    if isinstance(value, (int, float, Decimal)):  # pydantic would read it as Unix time
        raise ValueError(
            "an instant is written as an ISO 8601 text with its UTC offset, e.g. "
            "'2025-03-07T17:30:00+08:00' (a number is not read as a time)"
        )
    return value


def _day_text(value: Any) -> Any:
    if isinstance(value, (int, float, Decimal)):
        raise ValueError(
            "a day is written as an ISO 8601 date, e.g. '2025-03-07' (a number is not read "
            "as a day)"
        )
    return value


Instant = Annotated[AwareDatetime, Field(ge=EARLIEST, lt=LATEST), BeforeValidator(_instant_text)]
"""A model field holding an instant of a fact: timezone-aware, from 1900 to 2199, written as
a text (a number, which pydantic would read as seconds or milliseconds of Unix time
depending on its size, is refused)."""

Day = Annotated[date, Field(ge=EARLIEST.date(), lt=LATEST.date()), BeforeValidator(_day_text)]
"""A model field holding a day of a fact (a due date, a move-in date): from 1900 to 2199,
written as a text (never a number)."""

FreeText = Annotated[str, BeforeValidator(_str_only), AfterValidator(check_text)]
"""A model field holding free text (see :func:`check_text`)."""
