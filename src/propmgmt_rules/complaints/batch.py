"""Many complaints at once: :func:`evaluate_many`, the status of each at one instant.

A batch is :func:`.status.status` for each complaint, by the same flow
(:func:`.status.decide_status`): what a complaint's facts decide (its classification, its
plan, their trace) is computed once per kind of complaint by the rules' own functions and
kept by the policy, keyed by the facts each rule declares it reads; the deadlines of a day
span once per receipt day. By default each decision's explanation is the one-line summary
(the head line of the full one), shared by the decisions with the same counts.

A bad item does not hide which it is: an :class:`~propmgmt_rules.errors.ItemError` names it
by position and id, raised, or with ``errors="return"`` returned in its place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Final, Literal, overload

from ..errors import InputError, ItemError
from ._checks import check_complaint
from ._tables import tables
from .models import Complaint, ComplaintEvent, ComplaintStatusDecision
from .policy import ComplaintPolicy
from .presets import PROCEDURE_5, resolve_policy
from .status import Run, decide_status

__all__ = ["evaluate_many"]

_ITEM_ERRORS: Final = (InputError, TypeError, ValueError, AttributeError, KeyError,
                       OverflowError)
"""What one bad item of a batch can raise: an input error, or (from objects that are not the
library's models, or were built without validation) a type or value error."""


@overload
def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    *,
    as_of: datetime,
    policy: ComplaintPolicy | str = ...,
    explain: bool = ...,
    errors: Literal["raise"] = ...,
) -> list[ComplaintStatusDecision]: ...


@overload
def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    *,
    as_of: datetime,
    policy: ComplaintPolicy | str = ...,
    explain: bool = ...,
    errors: Literal["return"],
) -> list[ComplaintStatusDecision | ItemError]: ...


def evaluate_many(
    complaints: Iterable[tuple[Complaint, Sequence[ComplaintEvent]]],
    *,
    as_of: datetime,
    policy: ComplaintPolicy | str = PROCEDURE_5,
    explain: bool = False,
    errors: Literal["raise", "return"] = "raise",
) -> list[ComplaintStatusDecision] | list[ComplaintStatusDecision | ItemError]:
    """The status at ``as_of`` of many complaints, each with its history, in one call.

    Each decision is the one :func:`~.status.status` gives, but for its explanation: a
    one-line summary (the outcome and the trace are complete); ``explain=True`` keeps every
    line (written when read).

    A bad item (a complaint or history that is not valid) is an
    :class:`~propmgmt_rules.errors.ItemError` naming it by position and id
    (``complaints[3].history[0].at``). With ``errors="raise"`` (the default) the first one is
    raised; with ``errors="return"`` it takes the item's place in the result and every other
    item is decided: items in = decisions + errors.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> cs = [(Complaint(id=f"C{i}", received_at=datetime(2025, 3, 3, 9 + i, tzinfo=sh),
    ...                  justified=False, caused_by="resident", intent="venting", about="mail"), [])
    ...       for i in range(3)]
    >>> decisions = evaluate_many(cs, as_of=datetime(2025, 3, 4, tzinfo=sh), policy="nanjing")
    >>> [d.outcome.classification.validity.value for d in decisions]
    ['invalid', 'invalid', 'invalid']
    """
    if errors not in ("raise", "return"):
        raise InputError("errors", "must be 'raise' or 'return'", errors)
    policy = resolve_policy(policy)
    run = Run(tables(policy), as_of)
    out: list[Any] = []
    append = out.append
    try:
        items = iter(complaints)
    except TypeError:
        raise InputError("complaints", "must be an iterable of (complaint, history) pairs",
                         type(complaints).__name__) from None
    item: object = None
    while True:  # one item, one entry of out: a bad item's index is len(out)
        try:
            for item in items:
                c, history = item
                check_complaint(c)
                append(decide_status(run, c, history, explain))
            return out
        except _ITEM_ERRORS as exc:
            err = _item_error(len(out), item, exc)
            if errors == "raise":
                raise err from exc
            append(err)


def _item_error(i: int, item: object, exc: Exception) -> ItemError:
    """``exc``, raised by item ``i`` of a batch, as an error naming the item."""
    c = item[0] if isinstance(item, tuple | list) and item else None
    ident = c.id if isinstance(c, Complaint) else None
    if not isinstance(exc, InputError):
        if not (isinstance(item, tuple | list) and len(item) == 2):
            exc = InputError("", "must be a (complaint, history) pair", type(item).__name__)
        else:
            exc = InputError("", f"cannot be evaluated ({type(exc).__name__}: {exc})")
    return ItemError("complaints", i, ident, exc)
