"""Spans: the limits the regulations state ("within 2 hours", "same day", "3 working days").

A :class:`Span` is a unit and an amount, plus the rest-day extension option of day and month
spans (`T-REST-DAY-EXTENSION`) and the direction (`T-BEFORE`). It is not a duration: "1 month"
and "3 working days" have no fixed length; only :func:`~propmgmt_rules.time.deadline.deadline`
turns a span and a start instant into a deadline instant, on a work calendar.

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

Working time counts in minutes, so halves and fractions of an hour are exact; they are kept
as minutes:

>>> Span.parse("一个半小时") == Span.parse("1.5h") == Span.minutes(90) == Span.hours("1.5")
True
>>> Span.parse("30 working minutes") == Span.parse("半个工作小时") == Span.working_hours(0.5)
True

A span counted backwards from a target (`T-BEFORE`) gives the latest instant to act:

>>> Span.parse("提前10天") == Span.days(10, before=True) == Span.days(10).backwards()
True
>>> str(Span.working_days(2, before=True)), Span.working_days(2, before=True).zh
('2 working days before', '提前2个工作日')

Only well-formed numerals are read (一二三个工作日 is refused, not read as 3), and the text
is read in time linear in its length, which is at most ``limits.MAX_SPAN_TEXT_LENGTH``.
"""

from __future__ import annotations

import contextlib
import functools
import math
import operator
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Annotated, Any, Final

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    ValidationError,
    field_validator,
    model_validator,
)

from .._build import StringEnum
from ..errors import InputError
from ..limits import MAX_SPAN_TEXT_LENGTH, MAX_SPAN_YEARS

__all__ = [
    "BACKWARD_UNITS",
    "MAX_SPAN_AMOUNT",
    "RULE_OF_UNIT",
    "ForwardSpan",
    "Span",
    "SpanUnit",
    "as_span",
    "forward_only",
    "span_of",
    "validation_reason",
]


class SpanUnit(StringEnum):  # written as the string it is
    """The units of the catalog's section 1, each with its `T-` rule."""

    IMMEDIATELY = "immediately"
    MINUTES = "minutes"
    HOURS = "hours"
    WORKING_HOURS = "working_hours"
    WORKING_MINUTES = "working_minutes"
    SAME_DAY = "same_day"
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


RULE_OF_UNIT: Final[dict[SpanUnit, str]] = {
    SpanUnit.IMMEDIATELY: "T-IMMEDIATE",
    SpanUnit.MINUTES: "T-MINUTES",
    SpanUnit.HOURS: "T-HOURS",
    SpanUnit.WORKING_HOURS: "T-WORKING-HOURS",
    SpanUnit.WORKING_MINUTES: "T-WORKING-HOURS",
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

_DAYS: Final = MAX_SPAN_YEARS * 36525 // 100
MAX_SPAN_AMOUNT: Final[dict[SpanUnit, int]] = {
    SpanUnit.IMMEDIATELY: 0,
    SpanUnit.SAME_DAY: 0,
    SpanUnit.MINUTES: _DAYS * 1440,
    SpanUnit.WORKING_MINUTES: _DAYS * 1440,
    SpanUnit.HOURS: _DAYS * 24,
    SpanUnit.WORKING_HOURS: _DAYS * 24,
    SpanUnit.DAYS: _DAYS,
    SpanUnit.WORKING_DAYS: _DAYS,
    SpanUnit.MONTHS: MAX_SPAN_YEARS * 12,
}
"""The largest amount of each unit: ``limits.MAX_SPAN_YEARS`` (100 years) of it."""

_EN: Final = {
    SpanUnit.MINUTES: ("minute", "minutes"),
    SpanUnit.HOURS: ("hour", "hours"),
    SpanUnit.WORKING_HOURS: ("working hour", "working hours"),
    SpanUnit.WORKING_MINUTES: ("working minute", "working minutes"),
    SpanUnit.DAYS: ("day", "days"),
    SpanUnit.WORKING_DAYS: ("working day", "working days"),
    SpanUnit.MONTHS: ("month", "months"),
}
_ZH: Final = {
    SpanUnit.MINUTES: "{}分钟",
    SpanUnit.HOURS: "{}小时",
    SpanUnit.WORKING_HOURS: "{}个工作小时",
    SpanUnit.WORKING_MINUTES: "{}分钟工作时间",
    SpanUnit.DAYS: "{}日",
    SpanUnit.WORKING_DAYS: "{}个工作日",
    SpanUnit.MONTHS: "{}个月",
}


_READ: dict[str, Span] = {}
_READ_SIZE: Final = 1024
"""The spans read from texts (a bounded memo: a batch names a few spans many times)."""


class Span(BaseModel):
    """A limit such as "2 hours" or "3 working days" (see the `T-` rules).

    ``amount`` is a whole number: 0 for ``immediately`` and ``same_day``, at least 1 for
    ``working_days`` and ``months``, at least 0 otherwise (`T-ZERO`: 0 minutes or hours is
    the start itself, 0 working hours the next working moment, 0 days the same day), and at
    most 100 years of the unit (``MAX_SPAN_AMOUNT``). ``extend_over_rest_days`` is allowed on
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
        exclude_if=operator.not_,  # spans counted forwards serialise as they always did
    )

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(cls, data: Any, handler: ModelWrapValidatorHandler[Span]) -> Span:
        if type(data) is str and cls is Span:  # a text: read once, the span kept (immutable)
            got = _READ.get(data)
            if got is None:
                got = handler(_parse(data))
                if len(_READ) >= _READ_SIZE:
                    _READ.clear()
                _READ[data] = got
            return got
        return handler(_parse(data) if isinstance(data, str) else data)

    @field_validator("amount", mode="before")
    @classmethod
    def _whole_number(cls, value: Any) -> Any:
        if type(value) is not int:
            _whole_number(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Span:
        if self.unit in _NO_AMOUNT and self.amount != 0:
            raise ValueError(f"amount: a {self.unit.value} span has no amount (use 0)")
        if self.unit in _NO_ZERO and self.amount == 0:
            raise ValueError(
                f"amount: a span of 0 {_EN[self.unit][1]} is refused (T-ZERO); say 'same day' "
                "(当天) instead"
            )
        limit = MAX_SPAN_AMOUNT[self.unit]
        if self.amount > limit:
            got = self.amount if self.amount < 10**30 else "a larger number"
            raise ValueError(
                f"amount: at most {limit} {_EN[self.unit][1]} (the longest span is "
                f"{MAX_SPAN_YEARS} years), got {got}"
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
        """Parse ``"2h"``, ``"15 minutes"``, ``"1.5 working hours"``, ``"3 working days"``,
        ``"1 month"``, ``"10 days before"``, ``"当天"``, ``"2小时"``, ``"半小时"``,
        ``"3个工作日"``, ``"三个月"``, ``"提前10天"``; "extended" or "顺延" sets the
        extension. Unreadable text, or anything but a text, is an :class:`InputError` naming
        ``span`` and saying why.

        >>> Span.parse("soon")
        Traceback (most recent call last):
        ...
        propmgmt_rules.errors.InputError: span: cannot read 'soon' as a span; write e.g. ...
        """
        if not isinstance(text, str):
            raise InputError(
                "span", "must be a span text such as '3 working days'", type(text).__name__
            )
        try:
            return cls.model_validate(_parse(text))
        except ValidationError as exc:
            raise InputError("span", validation_reason(exc)) from None
        except ValueError as exc:
            raise InputError("span", str(exc)) from None

    @classmethod
    def immediately(cls) -> Span:
        """`T-IMMEDIATE`: the deadline is the start itself."""
        return cls(unit=SpanUnit.IMMEDIATELY)

    @classmethod
    def minutes(cls, n: int, *, before: bool = False) -> Span:
        """`T-MINUTES`: n minutes of elapsed time (``before``: `T-BEFORE`)."""
        return cls(unit=SpanUnit.MINUTES, amount=n, before=before)

    @classmethod
    def hours(cls, n: int | Decimal | Fraction | float | str, *, before: bool = False) -> Span:
        """`T-HOURS`: n hours of elapsed time (``before``: `T-BEFORE`). A fraction of an hour
        that is a whole number of minutes (1.5, ``"0.25"``) gives the span in minutes."""
        return _hours_span(n, SpanUnit.HOURS, SpanUnit.MINUTES, before)

    @classmethod
    def working_hours(
        cls, n: int | Decimal | Fraction | float | str, *, before: bool = False
    ) -> Span:
        """`T-WORKING-HOURS`: n hours of the calendar's working time (``before``:
        `T-BEFORE`). A fraction of an hour that is a whole number of minutes gives the span
        in working minutes."""
        return _hours_span(n, SpanUnit.WORKING_HOURS, SpanUnit.WORKING_MINUTES, before)

    @classmethod
    def working_minutes(cls, n: int, *, before: bool = False) -> Span:
        """`T-WORKING-HOURS` counted in minutes: n minutes of the calendar's working time."""
        return cls(unit=SpanUnit.WORKING_MINUTES, amount=n, before=before)

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
            ids = ("T-SAME-DAY", "T-ZERO") if self.unit is SpanUnit.DAYS else (*ids, "T-ZERO")
        if self.before:
            ids = (*ids, "T-BEFORE")
        if self.extend_over_rest_days:
            ids = (*ids, "T-REST-DAY-EXTENSION")
        return ids

    @property
    def is_working_time(self) -> bool:
        """True for spans of working time (working hours or working minutes)."""
        return self.unit is SpanUnit.WORKING_HOURS or self.unit is SpanUnit.WORKING_MINUTES

    def backwards(self) -> Span:
        """The same span counted backwards from a target (`T-BEFORE`).

        >>> Span.hours(3).backwards()
        Span(unit=<SpanUnit.HOURS: 'hours'>, amount=3, extend_over_rest_days=False, before=True)
        """
        return type(self).model_validate({**dict(self), "before": True})

    @property
    def zh(self) -> str:
        """The span in Chinese, e.g. ``3个工作日``, ``提前10日``."""
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
        return type(self).model_validate({**dict(self), "amount": amount})


def _whole_number(value: object) -> None:
    """Refuse an amount that is not a whole number before pydantic expands it (a
    ``Decimal("1E+999999999")`` would take minutes)."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number, not true or false")
    too_big = isinstance(value, str) and len(value.strip()) > 20
    if isinstance(value, float | Decimal):
        too_big = not (math.isfinite(value) and -(10**20) < value < 10**20)
    if too_big:
        raise ValueError("must be a whole number of at most 20 digits")


def _exact(n: object, what: str) -> Fraction:
    """``n`` as an exact fraction (int, Decimal, Fraction, an exact float, or a text), in
    bounded time: a number far beyond any span is refused before it is expanded."""
    if isinstance(n, bool):
        raise ValueError(f"{what}: must be a number, not true or false")
    if isinstance(n, str) and len(n) <= 32:
        with contextlib.suppress(InvalidOperation):
            n = Decimal(n.strip())
    if isinstance(n, int | Fraction):
        return Fraction(n)
    if isinstance(n, float) and math.isfinite(n):
        return Fraction(n)
    if isinstance(n, Decimal) and n.is_finite():
        exponent = n.as_tuple().exponent
        if isinstance(exponent, int) and -30 <= exponent <= 30:
            return Fraction(n)
    raise ValueError(f"{what}: must be a number such as 2 or 1.5, got {n!r}")


def _hours_span(n: object, whole: SpanUnit, minutes: SpanUnit, before: bool) -> Span:
    value = _exact(n, "amount")
    if value.denominator == 1:
        return Span(unit=whole, amount=int(value), before=before)
    in_minutes = value * 60
    if in_minutes.denominator != 1:
        hint = f" (the float {n!r} is not exact: pass the text '{n!r}')" if isinstance(
            n, float) else ""
        raise ValueError(
            f"amount: {n} hours is not a whole number of minutes; time counts in whole "
            f"minutes{hint}"
        )
    return Span(unit=minutes, amount=int(in_minutes), before=before)


def validation_reason(exc: ValidationError) -> str:
    """The reasons of a validation error in plain words, one per problem, with the field
    path inside the model when there is one (no pydantic internals)."""
    parts = []
    for err in exc.errors():
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        loc = ".".join(str(x) for x in err.get("loc", ()) if not str(x).startswith("function-"))
        parts.append(f"{loc}: {msg}" if loc and not msg.startswith(f"{loc}:") else msg)
    return "; ".join(parts)


@functools.lru_cache(maxsize=256)
def _parsed(text: str) -> Span:
    return as_span(text)


def span_of(value: Span | str) -> Span:
    """``value`` as a :class:`Span`: a span as is, a text parsed once (a bounded memo: a batch
    names a few spans many times); anything else an :class:`InputError` naming ``span``."""
    if type(value) is Span:
        return value
    if isinstance(value, str):
        return _parsed(value)
    return as_span(value)


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
    except InputError as exc:
        raise InputError(field, exc.reason) from None


# -- Chinese numerals -------------------------------------------------------------------

_ZH_DIGITS: Final = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                     "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNITS: Final = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL_CHARS: Final = frozenset(_ZH_DIGITS) | frozenset(_ZH_UNITS)
_PLAIN: Final = "零一二三四五六七八九"


def _zh_spellings(n: int) -> frozenset[str]:
    """Every well-formed spelling of ``n`` (0 <= n <= 9999): 十五, 二十, 一百零五, 一百一十,
    两百 / 二百, 一千零五十; 两 only alone or before 百 and 千; 零 / 〇 alone for 0."""
    if n == 0:
        return frozenset({"零", "〇"})
    th, h, t, u = n // 1000, n // 100 % 10, n // 10 % 10, n % 10
    heads = [""]
    if th:
        heads = [_PLAIN[th] + "千"] + (["两千"] if th == 2 else [])
    if h:
        words = [_PLAIN[h] + "百"] + (["两百"] if h == 2 else [])
        heads = [a + b for a in heads for b in words]
    elif th and (t or u):
        heads = [a + "零" for a in heads]
    tail = ""
    if t:
        tail = "十" if (t == 1 and n < 20) else _PLAIN[t] + "十"
    elif (th or h) and u and not heads[0].endswith("零"):
        tail = "零"
    if u:
        tail += _PLAIN[u]
    spellings = {a + tail for a in heads}
    if n == 2:
        spellings.add("两")
    return frozenset(spellings)


def _zh_number(text: str) -> int:
    """A well-formed Chinese numeral up to 9999; anything else is a ``ValueError``.

    >>> _zh_number("一百零五"), _zh_number("两"), _zh_number("二十五")
    (105, 2, 25)
    >>> _zh_number("一二三")
    Traceback (most recent call last):
    ...
    ValueError: '一二三' is not a well-formed Chinese numeral (write e.g. 三, 十五, 二十, 一百零五)
    """
    value = None
    if 0 < len(text) <= 9:
        total, current = 0, 0
        for ch in text:
            if ch in _ZH_DIGITS:
                current = _ZH_DIGITS[ch]
            else:
                total += (current or 1) * _ZH_UNITS[ch]
                current = 0
        value = total + current
    if value is None or value > 9999 or text not in _zh_spellings(value):
        raise ValueError(
            f"{text!r} is not a well-formed Chinese numeral (write e.g. 三, 十五, 二十, 一百零五)"
        )
    return value


# -- parsing ----------------------------------------------------------------------------
#
# Text is read by plain string operations, each linear in its length: normalised (full-width
# forms, case, runs of spaces), then markers are peeled off its ends (the rest-day extension,
# the direction, "within" / 内), then the number and the unit word are read from what is left
# and looked up in tables. No regular expression, so nothing can backtrack.

_FULL_WIDTH: Final = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},
    **{0xFF21 + i: ord("a") + i for i in range(26)},
    **{0xFF41 + i: ord("a") + i for i in range(26)},
    0xFF08: ord("("), 0xFF09: ord(")"), 0xFF0C: ord(","), 0xFF1B: ord(";"), 0xFF0E: ord("."),
    0x3000: ord(" "), 0x3001: ord(","), 0x2010: ord("-"), 0x2011: ord("-"), 0x2013: ord("-"),
}

_IMMEDIATE_WORDS: Final = frozenset(
    {"immediately", "immediate", "at once", "now", "立即", "马上", "立刻", "即时"}
)
_SAME_DAY_WORDS: Final = frozenset(
    {"same day", "same-day", "sameday", "today", "当天", "当日", "即日"}
)


def _english(words: tuple[str, ...], *qualifiers: str) -> set[str]:
    """Unit words with an optional qualifier ('working', 'business') written with a space,
    a hyphen or nothing."""
    if not qualifiers:
        return set(words)
    return {f"{q}{sep}{w}" for q in qualifiers for sep in ("", " ", "-") for w in words}


_UNIT_GROUPS: Final[tuple[tuple[set[str], SpanUnit, int], ...]] = (
    ({"m", "min", "mins", "minute", "minutes", "分钟", "分"}, SpanUnit.MINUTES, 1),
    ({"h", "hr", "hrs", "hour", "hours", "小时", "个小时", "钟头", "个钟头"}, SpanUnit.HOURS, 1),
    ({"wh", "工作小时", "个工作小时"} | _english(("hour", "hours"), "working", "business"),
     SpanUnit.WORKING_HOURS, 1),
    ({"工作分钟", "个工作分钟", "分钟工作时间"}
     | _english(("minute", "minutes", "min", "mins"), "working", "business"),
     SpanUnit.WORKING_MINUTES, 1),
    ({"d", "day", "days", "日", "天"}, SpanUnit.DAYS, 1),
    ({"w", "week", "weeks", "星期", "个星期", "周"}, SpanUnit.DAYS, 7),
    ({"wd", "工作日", "个工作日"} | _english(("day", "days"), "working", "business"),
     SpanUnit.WORKING_DAYS, 1),
    ({"mo", "month", "months", "月", "个月"}, SpanUnit.MONTHS, 1),
)
_UNIT_WORDS: Final[dict[str, tuple[SpanUnit, int]]] = {
    word: (unit, scale) for words, unit, scale in _UNIT_GROUPS for word in words
}
_HALVES: Final = frozenset({SpanUnit.HOURS, SpanUnit.WORKING_HOURS})
_IN_MINUTES: Final = {SpanUnit.HOURS: SpanUnit.MINUTES,
                      SpanUnit.WORKING_HOURS: SpanUnit.WORKING_MINUTES}

_EXTENSION_MARKERS: Final = tuple(
    sorted(
        {"extended over rest days", "extended"}
        | {a + b + c + "顺延" for a in ("", "遇") for b in ("", "法定")
           for c in ("", "节假日", "休息日", "节假")},
        key=len,
        reverse=True,
    )
)
_EXAMPLES: Final = (
    "write e.g. '2 hours', '1.5 working hours', '3 working days', '1 month', 'same day', "
    "'10 days before', '2小时', '半小时', '3个工作日', '当天', '提前10天'"
)


def _strip_suffix(text: str, suffixes: tuple[str, ...]) -> tuple[str, bool]:
    for suffix in suffixes:
        if text.endswith(suffix):
            return text[: -len(suffix)].rstrip(), True
    return text, False


def _strip_extension(text: str) -> tuple[str, bool]:
    """Peel a trailing rest-day extension marker: "3 days, extended", "3日内(遇节假日顺延)"."""
    body = text
    closed = body.endswith(")")
    if closed:
        body = body[:-1].rstrip()
    body, found = _strip_suffix(body, _EXTENSION_MARKERS)
    if not found:
        return text, False
    if closed:
        if not body.endswith("("):
            raise ValueError(f"unbalanced parenthesis in {text!r}")
        body = body[:-1]
    elif body.endswith("("):
        raise ValueError(f"unbalanced parenthesis in {text!r}")
    return body.rstrip(" ,;"), True


def _read_amount(
    number: str, half: bool, unit: SpanUnit, scale: int, text: str
) -> int | Fraction:
    if not half and number.isdigit() and number.isascii() and len(number) <= 20:
        return int(number) * scale  # the common case, without fractions
    value: int | Fraction
    if number == "":
        value = Fraction(0)
    elif number[0].isascii():
        if number.count(".") > 1 or number.startswith(".") or number.endswith("."):
            raise ValueError(f"{number!r} is not a number in {text!r}")
        if len(number.lstrip("0")) > 20:
            raise ValueError(
                f"the amount in {text!r} is too large (the longest span is {MAX_SPAN_YEARS} years)"
            )
        value = Fraction(Decimal(number))
    else:
        value = Fraction(_zh_number(number))
    if half:
        value += Fraction(1, 2)
    value *= scale
    if value.denominator != 1 and unit not in _HALVES:
        raise ValueError(
            f"{text!r}: a span of {_EN[unit][1]} takes a whole number; write e.g. '36 hours' "
            "for a day and a half"
        )
    return value


def _parse(text: str) -> dict[str, Any]:
    if not isinstance(text, str):
        raise ValueError("a span text must be a string")  # pragma: no cover - typed callers
    if len(text) > MAX_SPAN_TEXT_LENGTH:
        raise ValueError(
            f"a span text is at most {MAX_SPAN_TEXT_LENGTH} characters (got {len(text)})"
        )
    if "\x00" in text:
        raise ValueError("a span text must not contain NUL characters")
    s = " ".join(text.translate(_FULL_WIDTH).lower().split())
    s, extend = _strip_extension(s)
    before = False
    if s.startswith("提前"):
        s, before = s[2:].lstrip(), True
        s, _ = _strip_suffix(s, ("以上",))
    s, back = _strip_suffix(s, ("之前", "前", " before", " in advance"))
    if back and before:
        raise ValueError(f"{text!r} says 'before' twice")
    before = before or back
    if s.startswith("within "):
        s = s[7:]
    elif s.startswith("在"):
        s = s[1:].lstrip()
    s, _ = _strip_suffix(s, ("之内", "以内", "内"))
    if s in _IMMEDIATE_WORDS:
        return {"unit": SpanUnit.IMMEDIATELY, "amount": 0, "extend_over_rest_days": extend,
                "before": before}
    if s in _SAME_DAY_WORDS:
        return {"unit": SpanUnit.SAME_DAY, "amount": 0, "extend_over_rest_days": extend,
                "before": before}
    i = 0
    if s[:1].isascii() and s[:1].isdigit():
        while i < len(s) and (s[i] in "0123456789."):
            i += 1
    else:
        while i < len(s) and s[i] in _ZH_NUMERAL_CHARS:
            i += 1
    number, rest = s[:i], s[i:].lstrip()
    half = False
    if number and rest.startswith("个半"):
        half, rest = True, rest[2:]
    elif not number and rest.startswith("半"):
        half, rest = True, rest[1:]
    if (not number and not half) or rest not in _UNIT_WORDS:
        raise ValueError(f"cannot read {text!r} as a span; {_EXAMPLES}")
    unit, scale = _UNIT_WORDS[rest]
    value = _read_amount(number, half, unit, scale, text)
    if isinstance(value, Fraction) and value.denominator != 1:
        unit, value = _IN_MINUTES[unit], value * 60
        if value.denominator != 1:
            raise ValueError(
                f"{text!r} is not a whole number of minutes; working time counts in minutes"
            )
    amount = int(value)
    if amount > MAX_SPAN_AMOUNT[unit]:
        raise ValueError(
            f"{text!r}: at most {MAX_SPAN_AMOUNT[unit]} {_EN[unit][1]} (the longest span is "
            f"{MAX_SPAN_YEARS} years)"
        )
    return {"unit": unit, "amount": amount, "extend_over_rest_days": extend, "before": before}


def forward_only(span: Span) -> Span:
    """The span itself if it counts forwards; a span counted backwards (`T-BEFORE`) refused.

    A policy's limit "within 3 days" runs from the moment something happened; "3 days
    before" has no meaning there and would put the deadline before the event:

    >>> forward_only(Span.days(3))
    Span(unit=<SpanUnit.DAYS: 'days'>, amount=3, extend_over_rest_days=False)
    >>> forward_only(Span.days(3, before=True))
    Traceback (most recent call last):
    ...
    ValueError: a limit counted from an event is expected here, got '3 days before' ...
    """
    if span.before:
        forwards = span.model_copy(update={"before": False})
        raise ValueError(
            f"a limit counted from an event is expected here, got {str(span)!r} (T-BEFORE "
            f"counts backwards from a target); write {str(forwards)!r}"
        )
    return span


ForwardSpan = Annotated[Span, AfterValidator(forward_only)]
"""A span counted forwards from an event (a policy's "within" limit): `T-BEFORE` refused."""
