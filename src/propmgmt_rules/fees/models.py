"""The facts of catalog section 5 (bills, payments, collection actions, paid-service records,
move-ins) and the outcomes and decisions the engines return.

Inputs are validated pydantic models: ids are :data:`~propmgmt_rules.limits.Identifier`
(stripped, bounded, no control characters), amounts :data:`~propmgmt_rules.money.Yuan`
(exact ``Decimal`` to the cent, never a float), instants timezone-aware. A bad value is a
validation error naming the field:

>>> Bill.model_validate({"id": "B1", "period": "2025-01", "amount": 12.5, "due": "2025-01-31"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Bill
amount
  Value error, must be an amount in yuan: a decimal number or a string such as "12.50" ...
>>> Payment.model_validate({"id": "P1", "at": "2025-02-03T10:00:00", "amount": "100"})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for Payment
at
  Input should have timezone info ...
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from ..decision import Decision, DeferredDecision, Text
from ..limits import Day, FreeText, Identifier, Instant
from ..money import Yuan
from ..obligation import ObligationStatus
from ..time.span import Span

__all__ = [
    "Acknowledgement",
    "ActionKind",
    "AppliedPayment",
    "Bill",
    "BillBalance",
    "BillExpiry",
    "BillState",
    "BillingDecision",
    "BillingMonth",
    "BillingOutcome",
    "CollectionAction",
    "CollectionDecision",
    "CollectionOutcome",
    "FeeAccount",
    "FeeDecision",
    "FeeOutcome",
    "LimitationState",
    "MoveIn",
    "MoveInDecision",
    "MoveInNotice",
    "MoveInOutcome",
    "OwnerTotal",
    "Payment",
    "PositiveYuan",
    "Reconciliation",
    "RungState",
    "RungStatus",
    "ServiceRecord",
    "SummaryHandover",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError(f"must be more than 0 yuan (got {value})")
    return value


PositiveYuan = Annotated[Yuan, AfterValidator(_positive)]
"""An amount in yuan of more than 0."""


def _unique(ids: list[str], field: str) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            raise ValueError(f"{field}[{n}].id: the id {ident!r} is given twice")
        seen.add(ident)


def _known(refs: tuple[str, ...] | None, known: set[str], field: str) -> None:
    for ref in refs or ():
        if ref not in known:
            raise ValueError(f"{field}: no bill {ref!r} in this account")


# -- fees and collection (VK-FEE, VK-FEE-LIMIT) -----------------------------------------------


class ActionKind(StrEnum):
    """A recorded collection action: the rungs of the `VK-FEE` ladder (document 004)."""

    NOTICE = "notice"
    """A payment notice (缴费通知单), monthly."""
    PHONE = "phone"
    """A phone reminder (电话催缴), every two months."""
    VISIT = "visit"
    """A visit to collect (上门收取), every quarter."""
    LAWYER_LETTER = "lawyer_letter"
    """A lawyer's letter (律师函), every half year."""
    SUIT = "suit"
    """A lawsuit (起诉), every year."""

    @property
    def text(self) -> Text:
        """The action in English and Chinese (as the deck words it: 发送缴费通知单, 电话催缴...)."""
        return _ACTION_TEXT[self]


_ACTION_TEXT = {
    ActionKind.NOTICE: Text("payment notice", "发送缴费通知单"),
    ActionKind.PHONE: Text("phone reminder", "电话催缴"),
    ActionKind.VISIT: Text("visit to collect", "上门收取"),
    ActionKind.LAWYER_LETTER: Text("lawyer's letter", "发送律师函"),
    ActionKind.SUIT: Text("lawsuit", "起诉"),
}


class Bill(BaseModel):
    """A fee bill of an owner: its period (a label such as ``2025-03``), its amount, and the
    last day to pay it (``due``: the bill is in arrears after 24:00 of that local day)."""

    model_config = _FROZEN

    id: Identifier
    period: Identifier
    amount: PositiveYuan = Field(description="the amount billed, in yuan (more than 0)")
    due: Day = Field(description="the last day to pay (ends at 24:00, local time)")


class Payment(BaseModel):
    """A payment by the owner, exact to the cent. ``bills`` names the bills the owner meant
    it for (used only when the policy applies designated payments first)."""

    model_config = _FROZEN

    id: Identifier
    at: Instant
    amount: PositiveYuan
    bills: tuple[Identifier, ...] = Field(
        default=(), description="bills the payment is designated for (empty: none)"
    )


class CollectionAction(BaseModel):
    """A recorded collection action (`VK-FEE`): a notice, a phone reminder, a visit, a
    lawyer's letter or a suit. Each is also a demand or a suit that interrupts the limitation
    (`VK-FEE-LIMIT`, Civil Code Art. 195) of the bills it concerns: ``bills`` (None: every
    bill in arrears at that instant)."""

    model_config = _FROZEN

    id: Identifier
    at: Instant
    kind: ActionKind
    bills: tuple[Identifier, ...] | None = Field(
        default=None, description="the bills it concerns (None: every bill in arrears then)"
    )
    note: FreeText = ""


class Acknowledgement(BaseModel):
    """The owner's written acknowledgement of the debt (同意履行义务, Civil Code Art. 195(2)),
    of ``bills`` (None: every bill in arrears at that instant)."""

    model_config = _FROZEN

    id: Identifier
    at: Instant
    bills: tuple[Identifier, ...] | None = None
    note: FreeText = ""


class FeeAccount(BaseModel):
    """An owner's fee account: the bills, the payments, the collection actions and the
    acknowledgements recorded. Ids are unique per kind of fact; references name known bills."""

    model_config = _FROZEN

    owner: Identifier
    unit: Identifier | None = None
    bills: tuple[Bill, ...] = ()
    payments: tuple[Payment, ...] = ()
    actions: tuple[CollectionAction, ...] = ()
    acknowledgements: tuple[Acknowledgement, ...] = ()

    @model_validator(mode="after")
    def _references(self) -> FeeAccount:
        bills = [b.id for b in self.bills]
        _unique(bills, "bills")
        _unique([p.id for p in self.payments], "payments")
        _unique([a.id for a in self.actions], "actions")
        _unique([k.id for k in self.acknowledgements], "acknowledgements")
        if any(p.bills for p in self.payments) or any(
                a.bills for a in self.actions) or any(k.bills for k in self.acknowledgements):
            known = set(bills)
            for n, p in enumerate(self.payments):
                _known(p.bills, known, f"payments[{n}].bills")
            for n, a in enumerate(self.actions):
                _known(a.bills, known, f"actions[{n}].bills")
            for n, k in enumerate(self.acknowledgements):
                _known(k.bills, known, f"acknowledgements[{n}].bills")
        return self


# -- paid services and billing (SQ-FEES) ------------------------------------------------------


class ServiceRecord(BaseModel):
    """A paid (special) service (特约服务) provided to an owner on a day, and its fee."""

    model_config = _FROZEN

    id: Identifier
    on: Day = Field(description="the day the service was provided (local)")
    owner: Identifier
    amount: Yuan
    service: FreeText = ""

    @field_validator("amount")
    @classmethod
    def _not_negative(cls, value: Decimal) -> Decimal:
        if value < 0:
            raise ValueError(f"must not be negative (got {value})")
        return value


class SummaryHandover(BaseModel):
    """The month's paid-service summary handed to the collection department, and the total
    it states (if given, compared with the records' total)."""

    model_config = _FROZEN

    at: Instant
    total: Yuan | None = None


class Reconciliation(BaseModel):
    """Cash reconciled with accounting (与财务会计核对台帐)."""

    model_config = _FROZEN

    id: Identifier
    at: Instant


class BillingMonth(BaseModel):
    """A billing month (`SQ-FEES`): its paid-service records, the summary's hand-over, when
    the bills were made, and the cash reconciliations (with the last one before the month,
    from which the first is counted)."""

    model_config = _FROZEN

    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="YYYY-MM")
    records: tuple[ServiceRecord, ...] = ()
    summary: SummaryHandover | None = None
    bills_made_at: Instant | None = None
    reconciliations: tuple[Reconciliation, ...] = ()
    previous_reconciliation: Instant | None = Field(
        default=None, description="the last reconciliation before the month"
    )

    @model_validator(mode="after")
    def _unique_ids(self) -> BillingMonth:
        _unique([r.id for r in self.records], "records")
        _unique([r.id for r in self.reconciliations], "reconciliations")
        return self

    @property
    def year_month(self) -> tuple[int, int]:
        """The month as (year, month)."""
        return int(self.month[:4]), int(self.month[5:])


# -- move-in notices (MI-4.3.1, MI-4.3.2) -----------------------------------------------------


class MoveInNotice(BaseModel):
    """A notice to the owner: the move-in notice (交房入住通知, `MI-4.3.1`) or a reminder
    after the deadline (再次发函或致电, `MI-4.3.2`), by letter or by phone."""

    model_config = _FROZEN

    id: Identifier
    at: Instant
    kind: Literal["notice", "reminder"]
    form: Literal["letter", "phone", "other"] = "letter"


class MoveIn(BaseModel):
    """An owner's move-in (交房入住): the move-in date set by the office, the deadline by which
    the owner must complete it (规定期限: the last day; None if not known), the notices sent,
    and when the owner came (办理交房入住手续)."""

    model_config = _FROZEN

    id: Identifier
    owner: Identifier
    unit: Identifier | None = None
    move_in_on: Day = Field(description="the move-in date set by the office (交房入住时间)")
    deadline: Day | None = Field(
        default=None, description="the last day for the owner to complete it (规定期限)"
    )
    notices: tuple[MoveInNotice, ...] = ()
    came_at: Instant | None = None

    @model_validator(mode="after")
    def _consistent(self) -> MoveIn:
        _unique([n.id for n in self.notices], "notices")
        if self.deadline is not None and self.deadline < self.move_in_on:
            raise ValueError("deadline: is before move_in_on")
        return self


# -- outcomes ---------------------------------------------------------------------------------


class BillState(StrEnum):
    """Where a bill stands at an instant."""

    PAID = "paid"
    """Paid in full."""
    OPEN = "open"
    """Not paid in full, and not yet due."""
    ARREARS = "arrears"
    """Not paid in full after its last day to pay: in arrears."""


class AppliedPayment(BaseModel):
    """A part of a payment applied to a bill."""

    model_config = _FROZEN

    payment: str
    amount: Decimal


class BillBalance(BaseModel):
    """A bill after the payments up to ``as_of`` are applied (`VK-FEE`)."""

    model_config = _FROZEN

    bill: str
    period: str
    due: date
    amount: Decimal
    paid: Decimal
    remaining: Decimal
    state: BillState
    applied: tuple[AppliedPayment, ...] = ()


class RungState(StrEnum):
    """Where a rung of the collection ladder stands at an instant (`VK-FEE`)."""

    CLEAR = "clear"
    """No arrears: the ladder does not apply."""
    NOT_DUE = "not_due"
    """In arrears, no action of this rung recorded yet, and the first is not due yet."""
    DONE = "done"
    """An action of this rung is recorded in these arrears, and the next is not due yet."""
    DUE = "due"
    """The action falls due today (the day ends at 24:00)."""
    OVERDUE = "overdue"
    """The day the action fell due has passed without it."""


class RungStatus(BaseModel):
    """A rung of the ladder (`VK-FEE`): its last recorded action in the current arrears and
    when the next falls due (the end, 24:00, of ``falls_due_on``)."""

    model_config = _FROZEN

    action: ActionKind
    every: Span
    owed_by: str
    last_action: str | None
    last_done_at: AwareDatetime | None
    falls_due_on: date | None
    next_due: AwareDatetime | None
    state: RungState


class LimitationState(StrEnum):
    """Where the limitation period of an unpaid bill stands (`VK-FEE-LIMIT`)."""

    RUNNING = "running"
    NEAR_EXPIRY = "near_expiry"
    """Within the policy's margin of expiry with no suit: escalated."""
    EXPIRED = "expired"
    """Past expiry with no suit: escalated (the owner may refuse to pay)."""
    IN_SUIT = "in_suit"
    """A suit was brought for it."""


class BillExpiry(BaseModel):
    """The limitation period of a bill in arrears (`VK-FEE-LIMIT`): it runs from
    ``runs_from`` (the due day, or the day of the last interruption, ``interrupted_by``) and
    expires at the end (24:00) of ``last_day``; ``warn_from`` is when it comes within the
    policy's margin."""

    model_config = _FROZEN

    bill: str
    runs_from: date
    interrupted_by: str | None
    last_day: date
    expires: AwareDatetime
    warn_from: AwareDatetime
    state: LimitationState


class CollectionOutcome(BaseModel):
    """An owner's account at an instant: arrears per bill, the ladder, the expiries."""

    model_config = _FROZEN

    what: Literal["collection"] = "collection"
    owner: str
    arrears: Decimal = Field(description="the total in arrears (never negative)")
    not_yet_due: Decimal = Field(description="unpaid amounts of bills not yet due")
    credit: Decimal = Field(description="payments beyond every bill, kept as a credit")
    oldest_unpaid: str | None
    bills: tuple[BillBalance, ...]
    rungs: tuple[RungStatus, ...]
    expiries: tuple[BillExpiry, ...]
    escalated_bills: tuple[str, ...] = ()


class OwnerTotal(BaseModel):
    """One owner's paid services in a billing month."""

    model_config = _FROZEN

    owner: str
    records: int
    total: Decimal


class BillingOutcome(BaseModel):
    """A billing month (`SQ-FEES`): the month's paid-service total and the obligations."""

    model_config = _FROZEN

    what: Literal["billing"] = "billing"
    month: str
    cycle: tuple[date, date]
    records: int
    total: Decimal
    owners: tuple[OwnerTotal, ...]
    summary_total: Decimal | None = None
    summary_difference: Decimal | None = None
    obligations: tuple[ObligationStatus, ...]


class MoveInOutcome(BaseModel):
    """A move-in's notices (`MI-4.3.1`, `MI-4.3.2`) at an instant."""

    model_config = _FROZEN

    what: Literal["move_in"] = "move_in"
    move_in: str
    owner: str
    move_in_on: date
    notice_due: AwareDatetime
    notice_earliest: AwareDatetime | None
    deadline: date | None
    reminder_due: AwareDatetime | None
    came_at: AwareDatetime | None
    obligations: tuple[ObligationStatus, ...]
    escalated: bool


FeeOutcome = Annotated[
    CollectionOutcome | BillingOutcome | MoveInOutcome, Field(discriminator="what")
]
"""Any outcome of section 5 (tagged by ``what``)."""


# -- decisions --------------------------------------------------------------------------------


class FeeDecision(Decision):
    """A decision of catalog section 5; ``outcome.what`` says which."""

    outcome: FeeOutcome


class CollectionDecision(DeferredDecision):
    """`VK-FEE` and `VK-FEE-LIMIT` for one owner's account at an instant. Built in bulk, its
    trace, explanation and outcome are written when first read."""

    kind: Literal["fees.collection"] = "fees.collection"
    outcome: CollectionOutcome


class BillingDecision(Decision):
    """`SQ-FEES` for one billing month at an instant."""

    kind: Literal["fees.billing"] = "fees.billing"
    outcome: BillingOutcome


class MoveInDecision(Decision):
    """`MI-4.3.1` and `MI-4.3.2` for one move-in at an instant."""

    kind: Literal["fees.move_in"] = "fees.move_in"
    outcome: MoveInOutcome
