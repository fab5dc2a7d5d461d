"""Spans: the limits the regulations state ("within 2 hours", "same day", "3 working days").

A :class:`Span` is a unit and an amount, plus the rest-day extension option of day and month
spans (`T-REST-DAY-EXTENSION`). It is not a duration: "1 month" and "3 working days" have
no fixed length; only :func:`~propmgmt_rules.time.deadline.deadline` turns a span and a start
instant into a deadline instant, on a work calendar.

Spans parse from a short English or Chinese text:

>>> Span.parse("3 working days")
Span(unit=<SpanUnit.WORKING_DAYS: 'working_days'>, amount=3, extend_over_rest_days=False)
>>> Span.parse("2小时") == Span.hours(2)
True
>>> Span.parse("当天").unit
<SpanUnit.SAME_DAY: 'same_day'>
>>> Span.parse("一个月") == Span.months(1)
True
>>> Span.parse("3日内(遇节假日顺延)") == Span.days(3, extend_over_rest_days=True)
True
>>> str(Span.working_days(3)), Span.working_days(3).zh
('3 working days', '3个工作日')

A span counted backwards from a target (`T-BEFORE`) gives the latest instant to act:

>>> Span.parse("提前10天") == Span.days(10, before=True) == Span.days(10).backwards()
True
>>> str(Span.working_days(2, before=True)), Span.working_days(2, before=True).zh
('2 working days before', '提前2个工作日')
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import InputError

__all__ = ["BACKWARD_UNITS", "RULE_OF_UNIT", "Span", "SpanUnit", "as_span"]


class SpanUnit(StrEnum):
    """The units of the catalog's section 1, each with its `T-` rule."""

    IMMEDIATELY = "immediately"
    MINUTES = "minutes"
    HOURS = "hours"
    WORKING_HOURS = "working_hours"
    SAME_DAY = "same_day"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


RULE_OF_UNIT: Final[dict[SpanUnit, str]] = {
    SpanUnit.IMMEDIATELY: "T-IMMEDIATE",
    SpanUnit.MINUTES: "T-MINUTES",
    SpanUnit.HOURS: "T-HOURS",
    SpanUnit.WORKING_HOURS: "T-WORKING-HOURS",
    SpanUnit.SAME_DAY: "T-SAME-DAY",
    SpanUnit.DAYS: "T-DAYS",
    SpanUnit.WORKING_DAYS: "T-WORKING-DAYS",
    SpanUnit.MONTHS: "T-MONTHS",
}

_NO_AMOUNT: Final = frozenset({SpanUnit.IMMEDIATELY, SpanUnit.SAME_DAY})
_EXTENSIBLE: Final = frozenset({SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS})
_NO_ZERO: Final = frozenset({SpanUnit.WORKING_DAYS, SpanUnit.MONTHS})
BACKWARD_UNITS: Final = frozenset(SpanUnit) - _NO_AMOUNT
"""The units a span counted backwards (`T-BEFORE`) may have."""

_EN: Final = {
    SpanUnit.MINUTES: ("minute", "minutes"),
    SpanUnit.HOURS: ("hour", "hours"),
    SpanUnit.WORKING_HOURS: ("working hour", "working hours"),
    SpanUnit.DAYS: ("day", "days"),
    SpanUnit.WORKING_DAYS: ("working day", "working days"),
    SpanUnit.MONTHS: ("month", "months"),
}
_ZH: Final = {
    SpanUnit.MINUTES: "{}分钟",
    SpanUnit.HOURS: "{}小时",
    SpanUnit.WORKING_HOURS: "{}个工作小时",
    SpanUnit.DAYS: "{}日",
    SpanUnit.WORKING_DAYS: "{}个工作日",
    SpanUnit.MONTHS: "{}个月",
}


class Span(BaseModel):
    """A limit such as "2 hours" or "3 working days" (see the `T-` rules).

    ``amount`` must be 0 for ``immediately`` and ``same_day``, at least 1 for
    ``working_days`` and ``months``, and at least 0 otherwise (`T-ZERO`: 0 minutes or hours is
    the start itself, 0 working hours the next working moment, 0 days the same day). ``extend_over_rest_days`` is allowed on
    ``same_day``, ``days`` and ``months`` only. ``before`` counts the span backwards from a
    target instant (`T-BEFORE`: "10 days before", 「提前10天」), giving the latest instant by
    which to act; it is allowed on every unit with an amount, without the rest-day extension.
    A text form (``"2h"``, ``"3个工作日"``, ``"10 days before"``) is accepted wherever a span
    is expected.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: SpanUnit
    amount: int = Field(default=0, ge=0)
    extend_over_rest_days: bool = False
    before: bool = Field(
        default=False,
        description="count backwards from a target: the latest instant to act (T-BEFORE)",
        exclude_if=lambda v: v is False,  # spans of other units serialise as they always did
    )

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return _parse(data)
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Span:
        if self.unit in _NO_AMOUNT and self.amount != 0:
            raise ValueError(f"amount: a {self.unit.value} span has no amount (use 0)")
        if self.unit in _NO_ZERO and self.amount == 0:
            raise ValueError(
                f"amount: a span of 0 {_EN[self.unit][1]} is refused (T-ZERO); say 'same day' "
                "(当天) instead"
            )
        if self.extend_over_rest_days and self.unit not in _EXTENSIBLE:
            raise ValueError(
                "extend_over_rest_days: only same-day, day and month spans extend over rest days "
                f"(T-REST-DAY-EXTENSION), not {self.unit.value}"
            )
        if self.before:
            if self.unit not in BACKWARD_UNITS:
                raise ValueError(
                    f"before: a {self.unit.value} span cannot be counted backwards (T-BEFORE); "
                    "write e.g. '2 hours before', '10 days before', '提前10天'"
                )
            if self.extend_over_rest_days:
                raise ValueError(
                    "extend_over_rest_days: a span counted backwards (T-BEFORE) does not "
                    "extend over rest days"
                )
        return self

    def __repr_args__(self) -> Any:
        for name, value in super().__repr_args__():
            if name != "before" or value:
                yield name, value

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> Span:
        """Parse ``"2h"``, ``"15 minutes"``, ``"3 working days"``, ``"1 month"``, ``"当天"``,
        ``"2小时"``, ``"3个工作日"``, ``"三个月"``; "extended" or "顺延" sets the extension."""
        return cls.model_validate(_parse(text))

    @classmethod
    def immediately(cls) -> Span:
        """`T-IMMEDIATE`: the deadline is the start itself."""
        return cls(unit=SpanUnit.IMMEDIATELY)

    @classmethod
    def minutes(cls, n: int, *, before: bool = False) -> Span:
        """`T-MINUTES`: n minutes of elapsed time (``before``: `T-BEFORE`)."""
        return cls(unit=SpanUnit.MINUTES, amount=n, before=before)

    @classmethod
    def hours(cls, n: int, *, before: bool = False) -> Span:
        """`T-HOURS`: n hours of elapsed time (``before``: `T-BEFORE`)."""
        return cls(unit=SpanUnit.HOURS, amount=n, before=before)

    @classmethod
    def working_hours(cls, n: int, *, before: bool = False) -> Span:
        """`T-WORKING-HOURS`: n hours of the calendar's working time (``before``:
        `T-BEFORE`)."""
        return cls(unit=SpanUnit.WORKING_HOURS, amount=n, before=before)

    @classmethod
    def same_day(cls, *, extend_over_rest_days: bool = False) -> Span:
        """`T-SAME-DAY`: the end of the start's local day."""
        return cls(unit=SpanUnit.SAME_DAY, extend_over_rest_days=extend_over_rest_days)

    @classmethod
    def days(cls, n: int, *, extend_over_rest_days: bool = False, before: bool = False
             ) -> Span:
        """`T-DAYS`: the end of local day start + n (start day not counted); ``before``
        (`T-BEFORE`): the end of local day target - n."""
        return cls(unit=SpanUnit.DAYS, amount=n, extend_over_rest_days=extend_over_rest_days,
                   before=before)

    @classmethod
    def working_days(cls, n: int, *, before: bool = False) -> Span:
        """`T-WORKING-DAYS`: the n-th working day after the start's local date; ``before``
        (`T-BEFORE`): the n-th working day before the target's local date."""
        return cls(unit=SpanUnit.WORKING_DAYS, amount=n, before=before)

    @classmethod
    def months(cls, n: int, *, extend_over_rest_days: bool = False, before: bool = False
               ) -> Span:
        """`T-MONTHS`: the corresponding day n months later, clipped to the month's end;
        ``before`` (`T-BEFORE`): n months earlier, likewise clipped."""
        return cls(unit=SpanUnit.MONTHS, amount=n, extend_over_rest_days=extend_over_rest_days,
                   before=before)

    # -- reading ------------------------------------------------------------------------

    @property
    def rule_id(self) -> str:
        """The `T-` rule that turns this span into a deadline."""
        return RULE_OF_UNIT[self.unit]

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """The `T-` rules this span's deadline follows: its unit's rule (`T-SAME-DAY` for 0
        days), then `T-ZERO` for an amount of 0, `T-BEFORE` for a span counted backwards and
        `T-REST-DAY-EXTENSION` when extended.

        >>> Span.parse("0天").rule_ids
        ('T-SAME-DAY', 'T-ZERO')
        """
        ids: tuple[str, ...] = (RULE_OF_UNIT[self.unit],)
        if self.amount == 0 and self.unit not in _NO_AMOUNT:
            ids = ("T-SAME-DAY", "T-ZERO") if self.unit is SpanUnit.DAYS else ids + ("T-ZERO",)
        if self.before:
            ids += ("T-BEFORE",)
        if self.extend_over_rest_days:
            ids += ("T-REST-DAY-EXTENSION",)
        return ids

    def backwards(self) -> Span:
        """The same span counted backwards from a target (`T-BEFORE`).

        >>> Span.hours(3).backwards()
        Span(unit=<SpanUnit.HOURS: 'hours'>, amount=3, extend_over_rest_days=False, before=True)
        """
        return type(self).model_validate({**dict(self), "before": True})

    @property
    def zh(self) -> str:
        """The span in Chinese, e.g. ``3个工作日``."""
        if self.unit is SpanUnit.IMMEDIATELY:
            text = "立即"
        elif self.unit is SpanUnit.SAME_DAY:
            text = "当天"
        else:
            text = _ZH[self.unit].format(self.amount)
        if self.before:
            text = "提前" + text
        return text + ("(遇休息日顺延)" if self.extend_over_rest_days else "")

    def __str__(self) -> str:
        if self.unit is SpanUnit.IMMEDIATELY:
            text = "immediately"
        elif self.unit is SpanUnit.SAME_DAY:
            text = "same day"
        else:
            one, many = _EN[self.unit]
            text = f"{self.amount} {one if self.amount == 1 else many}"
        if self.before:
            text += " before"
        return text + (", extended over rest days" if self.extend_over_rest_days else "")

    def scaled(self, amount: int) -> Span:
        """The same kind of span with another amount."""
        return self.model_copy(update={"amount": amount})


def validation_reason(exc: ValidationError) -> str:
    """The reasons of a validation error in plain words, one per problem, with the field
    path inside the model when there is one (no pydantic internals)."""
    parts = []
    for err in exc.errors():
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        loc = ".".join(str(x) for x in err.get("loc", ()) if not str(x).startswith("function-"))
        parts.append(f"{loc}: {msg}" if loc and not msg.startswith(f"{loc}:") else msg)
    return "; ".join(parts)


def as_span(value: object, field: str = "span") -> Span:
    """``value`` as a :class:`Span` (a span, or its text form), else an :class:`InputError`
    naming ``field`` with the reason.

    >>> as_span("0 months")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: span: amount: a span of 0 months is refused (T-ZERO); ...
    """
    if isinstance(value, Span):
        return value
    if not isinstance(value, str):
        raise InputError(
            field, "must be a Span or a span text such as '3 working days'", type(value).__name__
        )
    try:
        return Span.parse(value)
    except ValidationError as exc:
        raise InputError(field, validation_reason(exc)) from None
    except ValueError as exc:
        raise InputError(field, str(exc)) from None


# -- parsing ----------------------------------------------------------------------------

_ZH_DIGITS: Final = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                     "六": 6, "七": 7, "八": 8, "九": 9}


def _zh_number(text: str) -> int:
    """Chinese or Arabic numerals up to 999 (一, 两, 十五, 二十四, 一百)."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a number: {text!r}")
    return total + current


_NUM: Final = r"(?P<n>\d+|[零一二两三四五六七八九十百]+)"
_PATTERNS: Final[tuple[tuple[re.Pattern[str], SpanUnit], ...]] = tuple(
    (re.compile(p, re.IGNORECASE), u)
    for p, u in (
        (r"^(immediately|immediate|at once|now|立即|马上|立刻|即时)$", SpanUnit.IMMEDIATELY),
        (r"^(same[ -]?day|today|当天|当日|即日)$", SpanUnit.SAME_DAY),
        (rf"^{_NUM}\s*(m|min|mins|minute|minutes|分钟|分)$", SpanUnit.MINUTES),
        (rf"^{_NUM}\s*(wh|working[ -]?hours?|business[ -]?hours?|个?工作小时)$",
         SpanUnit.WORKING_HOURS),
        (rf"^{_NUM}\s*(h|hr|hrs|hours?|个?小时|个?钟头)$", SpanUnit.HOURS),
        (rf"^{_NUM}\s*(wd|working[ -]?days?|business[ -]?days?|个?工作日)$",
         SpanUnit.WORKING_DAYS),
        (rf"^{_NUM}\s*(d|days?|日|天)$", SpanUnit.DAYS),
        (rf"^{_NUM}\s*(mo|months?|个?月)$", SpanUnit.MONTHS),
        (rf"^{_NUM}\s*(w|weeks?|个?星期|周)$", SpanUnit.DAYS),
    )
)
_EXTENSION: Final = re.compile(
    r"[,;\s]*(\(|（)?\s*(extended(\s+over\s+rest\s+days)?|遇?(法定)?(节假日|休息日|节假)?顺延)"
    r"\s*(\)|）)?",
    re.IGNORECASE,
)
_NOISE: Final = re.compile(r"^(within\s+|在)|(\s*之?内|\s*以内|\s*内)$", re.IGNORECASE)
_BEFORE: Final = re.compile(r"^提前|\s+(before|in advance)$|之?前$", re.IGNORECASE)


def _parse(text: str) -> dict[str, Any]:
    raw = text
    extend = False
    cleaned, n_sub = _EXTENSION.subn("", text.strip())
    if n_sub:
        extend = True
    cleaned, n_before = _BEFORE.subn("", cleaned.strip())
    cleaned = _NOISE.sub("", cleaned.strip()).strip()
    cleaned = _NOISE.sub("", cleaned).strip()
    for pattern, unit in _PATTERNS:
        m = pattern.match(cleaned)
        if m:
            amount = _zh_number(m.group("n")) if "n" in pattern.groupindex else 0
            if pattern.pattern.endswith(r"(w|weeks?|个?星期|周)$"):
                amount *= 7
            return {"unit": unit, "amount": amount, "extend_over_rest_days": extend,
                    "before": bool(n_before)}
    raise ValueError(
        f"cannot read {raw!r} as a span; write e.g. '2 hours', '3 working days', '1 month', "
        "'same day', '2小时', '3个工作日', '当天'"
    )
