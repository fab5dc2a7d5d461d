"""The facts the ownership engine reasons over (the registration book and what happened since),
and the shape of its answers.

Every record has an ``id`` (unique within its list) and timezone-aware instants; a naive
datetime, a duplicate id or a reference to a record that is not in the book is a validation
error naming the record and the field, e.g. ``receptions[R12].at``:

>>> RegistrationBook.model_validate(
...     {"receptions": [{"id": "R12", "client": "C1", "consultant": "A",
...                      "at": "2025-03-01T10:00:00"}]})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for RegistrationBook
receptions[R12].at
  Input should have timezone info ...

Only what the regulations talk about is modelled; the context of a reception (asked for a
named consultant, brought in person by an existing client, a duty reception, ...) is an
optional sub-record, so a plain reception is four fields.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, Final, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from .. import limits
from .._build import StringEnum
from ..decision import DeferredDecision
from ..limits import MAX_ID_LENGTH, FreeText
from ..money import Yuan

__all__ = [
    "EARLIEST",
    "LATEST",
    "POOL",
    "AfterSales",
    "ChangeKind",
    "ChangeRequest",
    "Channel",
    "CommissionDecision",
    "CommissionLine",
    "CommissionOutcome",
    "CompanyReferral",
    "Deal",
    "DealChange",
    "DealChangeKind",
    "Departure",
    "ExactFraction",
    "Fault",
    "Id",
    "Instant",
    "Introduction",
    "OwnershipDecision",
    "OwnershipOutcome",
    "PartyRole",
    "Problem",
    "Reception",
    "ReceptionContext",
    "Recognition",
    "RegistrationBook",
    "Relation",
    "RelationKind",
    "Share",
    "StaffReferral",
    "fact_problems",
]

POOL = "company-pool"
"""The party id of the company pool (公佣, `COM-POOL`)."""


def _exact(value: Any) -> Any:
    """A share as given, if it is exact and of a sane size: never a float, nor a number with
    an exponent beyond 10^±30 or a text over 40 characters (``Decimal("1E+999999999")`` or
    ``"1e999999999"`` would build a billion-digit integer)."""
    if isinstance(value, float):
        raise ValueError(
            "must be exact: a fraction such as '7/10', an int or a Decimal, not a float")
    if isinstance(value, str):
        if len(value) > 40:
            raise ValueError("is too long for a share (at most 40 characters)")
        try:
            value = Decimal(value) if "/" not in value else value
        except ArithmeticError:
            raise ValueError("must be a fraction such as '7/10' or a decimal number") from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("must be a finite number")
        if value and abs(value.adjusted()) > 30:
            raise ValueError("must be between 1E-30 and 1E+30 in absolute value")
    elif isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        raise ValueError("must be between -1E+30 and 1E+30")
    return value


Id = Annotated[str, StringConstraints(strict=True, strip_whitespace=True, min_length=1,
                                     max_length=MAX_ID_LENGTH, pattern=r"^[^\x00-\x1f\x7f]+$")]
"""An identifier of the book (a record id, a client, a consultant): the bounds of
:data:`propmgmt_rules.limits.Identifier` (stripped, not empty, at most ``MAX_ID_LENGTH``
characters, no control characters, a string only), checked by pydantic's core rather than by
Python functions: a book of a million rows holds millions of them, and two Python calls per
field would add a third to the book's validation. Errors read as the limit's own
(``must not be empty``), see :func:`_renamed`."""

EARLIEST: Final = limits.EARLIEST
LATEST: Final = limits.LATEST
"""The instants of a registration book lie from ``EARLIEST`` (included) to ``LATEST``
(excluded): the years 1900 to 2199, with room for a hundred years' window after them (an
instant at the edge of what a datetime holds would overflow while deciding)."""

Instant = limits.Instant
"""An instant of the book: timezone-aware, from 1900 to 2199 (checked by pydantic's core)."""

ExactFraction = Annotated[Fraction, BeforeValidator(_exact)]
"""A share: an exact fraction (``"7/10"``, ``Fraction(7, 10)``, ``Decimal("0.7")``), never a
float."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Channel(StrEnum):
    """How the client was received: in person (counts) or by phone (never counts)."""

    IN_PERSON = "in_person"
    PHONE = "phone"


class RelationKind(StrEnum):
    """A relation between two clients."""

    SPOUSE = "spouse"
    PARENT_CHILD = "parent_child"


class Fault(StrEnum):
    """The consultant's fault behind a change request (`SD-3.10.A` to `SD-3.10.C`, `CC-7`)."""

    NONE = "none"
    GENERAL = "general"
    SERIOUS = "serious"


class ChangeKind(StrEnum):
    """``replace``: the client refuses the consultant; ``designate``: names another one."""

    REPLACE = "replace"
    DESIGNATE = "designate"


class DealChangeKind(StrEnum):
    """A change after the deal: rename (更名), unit change (换房), swapped orders (调房换定单)."""

    RENAME = "rename"
    UNIT_CHANGE = "unit_change"
    SWAP = "swap"


class AfterSales(StrEnum):
    """Who follows up a deal the company arranged directly (`SD-6.1.4`, `SD-6.1.5`)."""

    CONSULTANT = "consultant"
    OTHER_STAFF = "other_staff"


class PartyRole(StringEnum):  # written as the string it is (every share of an answer)
    """The role of a party to a commission: a consultant, the company pool, a staff introducer."""

    CONSULTANT = "consultant"
    POOL = "pool"
    INTRODUCER = "introducer"


# -- the facts ----------------------------------------------------------------------------


class ReceptionContext(_Record):
    """What the registration says about how the client came (all optional)."""

    asked_for: Id | None = Field(
        default=None, description="the consultant the client named (SD-3.6, SD-5.1, SD-7.5.B)")
    asked_before_substantive: bool = Field(
        default=True, description="named before substantive reception (visit, explanation), SD-5.1")
    brought_by: Id | None = Field(
        default=None, description="client id of the existing client who brought them in person")
    referred_by: Id | None = Field(
        default=None, description="client id of the existing client who referred them but did "
        "not come (CC-4.1, SD-7.5.C)")
    on_duty_for: Id | None = Field(
        default=None, description="a duty reception on behalf of this absent consultant (SD-4.2)")
    designated_by_executive: bool = Field(
        default=False, description="an executive designated the consultant (SD-6.1.2)")
    manager_assigned: bool = Field(
        default=False, description="the manager assigned this reception (CC-7, SD-3.10.C)")
    proxy_for: Id | None = Field(
        default=None,
        description="this visit was a viewing on behalf of that client (CC-10.1, CC-10.2)")
    acquaintance: bool = Field(
        default=False, description="the consultant knows the client personally (CC-5)")
    forgot_consultant: bool = Field(
        default=False, description="the client said they had visited before but could not name "
        "the consultant, and was received as new (SD-3.7)")


class Reception(_Record):
    """A client received by a consultant at an instant (one line of the registration book)."""

    id: Id
    client: Id
    consultant: Id
    at: Instant
    channel: Channel = Channel.IN_PERSON
    verified: bool = Field(default=True, description="verified by the project manager (SD-7.2)")
    context: ReceptionContext | None = None


class Relation(_Record):
    """Two clients are related (spouses; parent and child), known from ``known_at``."""

    id: Id
    a: Id
    b: Id
    kind: RelationKind
    known_at: Instant


class Recognition(_Record):
    """The client and their original consultant recognise each other (`SD-3.7`)."""

    id: Id
    client: Id
    consultant: Id
    at: Instant


class ChangeRequest(_Record):
    """The client asks to replace the consultant, or names another one (`CC-7`, `SD-3.10.A` to
    `SD-3.10.C`, `SD-5.2`, `SD-5.3`)."""

    id: Id
    client: Id
    at: Instant
    kind: ChangeKind = ChangeKind.REPLACE
    fault: Fault = Fault.NONE
    insists: bool = Field(default=False, description="the client firmly refuses the consultant")
    requested: Id | None = Field(default=None, description="the consultant the client named")
    assigned_to: Id | None = Field(default=None, description="whom the manager assigned")
    instigated: bool = Field(
        default=False, description="it is proven that the named consultant instigated it (SD-5.2)")


class Departure(_Record):
    """A consultant leaves at ``at``; ``successor`` takes over their clients."""

    id: Id
    consultant: Id
    at: Instant
    successor: Id | None = None


class CompanyReferral(_Record):
    """The company or an executive referred the client at ``at`` (`SD-6.1.1`)."""

    id: Id
    client: Id
    at: Instant
    by: FreeText = ""


class StaffReferral(_Record):
    """A staff member (not a consultant) introduces the client (`SD-6.2.1` to `SD-6.2.5`)."""

    id: Id
    client: Id
    introducer: Id
    registered_at: Instant
    agreed_date: limits.Day
    confirmed: bool | None = Field(
        default=None, description="the introducer confirmed in person or by phone on the visit")
    signed: bool | None = Field(
        default=None, description="the project manager signed the referral form")


class Introduction(_Record):
    """An old client phoned consultant ``consultant`` in advance to introduce ``client``, and the
    consultant declared it with an agreed time (`SD-7.5.A`)."""

    id: Id
    client: Id
    by_client: Id
    consultant: Id
    at: Instant
    agreed_at: Instant | None = None


class Deal(_Record):
    """A deal (成交): buyers, unit, instant, commission in yuan (2 places, not negative)."""

    id: Id
    buyers: tuple[Id, ...] = Field(min_length=1)
    unit: FreeText = ""
    at: Instant
    commission: Yuan = Field(ge=0)
    arranged_by_company: bool = Field(
        default=False, description="arranged directly by the company (SD-6.1.4, SD-6.1.5)")
    after_sales_by: Id | None = None
    after_sales_role: AfterSales | None = None


class DealChange(_Record):
    """A change after the deal: rename to ``new_buyers``, unit change, or a swap of orders with
    deal ``swapped_with``."""

    id: Id
    deal: Id
    at: Instant
    kind: DealChangeKind
    new_buyers: tuple[Id, ...] = ()
    new_unit: FreeText | None = None
    swapped_with: Id | None = None


_LISTS: tuple[str, ...] = (
    "receptions", "relations", "recognitions", "change_requests", "departures",
    "company_referrals", "staff_referrals", "introductions", "deals", "deal_changes",
)


class RegistrationBook(_Record):
    """The registration book and what happened since: every fact the engine reasons over."""

    receptions: tuple[Reception, ...] = ()
    relations: tuple[Relation, ...] = ()
    recognitions: tuple[Recognition, ...] = ()
    change_requests: tuple[ChangeRequest, ...] = ()
    departures: tuple[Departure, ...] = ()
    company_referrals: tuple[CompanyReferral, ...] = ()
    staff_referrals: tuple[StaffReferral, ...] = ()
    introductions: tuple[Introduction, ...] = ()
    deals: tuple[Deal, ...] = ()
    deal_changes: tuple[DealChange, ...] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _named_errors(cls, data: Any, handler: Any) -> Any:
        """Name records by id in errors (``receptions[R12].at``), then check references."""
        try:
            book = handler(data)
        except ValidationError as exc:
            raise _renamed(exc, data) from None
        problems = book._problems()
        if problems:
            raise ValidationError.from_exception_data(
                cls.__name__,
                [InitErrorDetails(type=PydanticCustomError("book", msg),
                                  loc=(where, *field.split(".")), input=value)
                 for where, field, msg, value in problems],
            )
        return book

    def _problems(self) -> list[tuple[str, str, str, Any]]:
        clients: set[str] = {r.client for r in self.receptions}
        for facts in (self.company_referrals, self.staff_referrals, self.introductions):
            if facts:  # most are empty in a small book (a command-line case)
                clients.update(r.client for r in facts)
        return fact_problems(self, clients, None, None)  # the book's own consultants, deals

    def clients(self) -> tuple[str, ...]:
        """Every client id the book names, sorted: those received, and those referred or
        introduced."""
        named = {r.client for r in self.receptions}
        for facts in (self.company_referrals, self.staff_referrals, self.introductions):
            named.update(x.client for x in facts)
        return tuple(sorted(named))


Problem = tuple[str, str, str, Any]
"""A problem of a book's facts: (``receptions[R12]``, field, message, the value)."""


def fact_problems(facts: Any, clients: Container[str], consultants: Container[str] | None,
                  deal_ids: Container[str] | None, *,
                  ids: Callable[[str], Container[str]] | None = None,
                  departures: Mapping[str, Departure] | None = None,
                  received_after: Callable[[str, datetime], Iterable[Reception]] | None = None,
                  ) -> list[Problem]:
    """The book-level problems of ``facts`` (an object with the lists of a
    :class:`RegistrationBook`): duplicate ids, references to clients, deals and consultants
    the book does not hold (``clients``, ``consultants``, ``deal_ids``: those of the whole
    book, ``facts`` included; None for ``consultants`` or ``deal_ids``: those of ``facts``,
    gathered only when a departure or a deal change is there to check), receptions after
    their consultant left.

    A whole book is checked with its own sets; facts added to a book (the incremental book,
    ``incremental.LiveBook``) with the book's: ``ids(list)``, the record ids the book already
    holds in each list, ``departures``, its departures by consultant, and
    ``received_after(consultant, instant)``, its receptions by that consultant after that
    instant (a departure added before them)."""
    out: list[Problem] = []
    for name in _LISTS:
        records = getattr(facts, name)
        if not records:
            continue
        if ids is None and len({rec.id for rec in records}) == len(records):
            continue  # every id once (most books): no duplicate to name
        seen: set[str] = set()
        before: Container[str] = ids(name) if ids is not None else ()
        for rec in records:
            if rec.id in seen or rec.id in before:
                out.append((f"{name}[{rec.id}]", "id", "duplicate record id", rec.id))
            seen.add(rec.id)

    def need(where: str, field: str, client: str | None) -> None:
        if client is not None and client not in clients:
            out.append((where, field, f"client {client!r} never appears in the book "
                        "(no reception or referral names it)", client))

    for rel in facts.relations:
        need(f"relations[{rel.id}]", "a", rel.a)
        need(f"relations[{rel.id}]", "b", rel.b)
        if rel.a == rel.b:
            out.append((f"relations[{rel.id}]", "b", "a client cannot be related to itself",
                        rel.b))
    for g in facts.recognitions:
        need(f"recognitions[{g.id}]", "client", g.client)
    for cr in facts.change_requests:
        need(f"change_requests[{cr.id}]", "client", cr.client)
    for i in facts.introductions:
        need(f"introductions[{i.id}]", "by_client", i.by_client)
    for r in facts.receptions:
        if r.context is not None:
            need(f"receptions[{r.id}]", "context.brought_by", r.context.brought_by)
            need(f"receptions[{r.id}]", "context.referred_by", r.context.referred_by)
    for d in facts.deals:
        for n, buyer in enumerate(d.buyers):
            need(f"deals[{d.id}]", f"buyers[{n}]", buyer)
    deals: Container[str] = deal_ids if deal_ids is not None else (
        {d.id for d in facts.deals} if facts.deal_changes else ())
    for c in facts.deal_changes:
        if c.deal not in deals:
            out.append((f"deal_changes[{c.id}]", "deal", "no such deal in the book", c.deal))
        for n, buyer in enumerate(c.new_buyers):
            need(f"deal_changes[{c.id}]", f"new_buyers[{n}]", buyer)
        if c.kind is DealChangeKind.SWAP and c.swapped_with not in deals:
            out.append((f"deal_changes[{c.id}]", "swapped_with",
                        "a swap needs the other deal of the book", c.swapped_with))
        if c.kind is DealChangeKind.RENAME and not c.new_buyers:
            out.append((f"deal_changes[{c.id}]", "new_buyers", "a rename needs the new buyers",
                        c.new_buyers))
    left: dict[str, datetime] = {c: dep.at for c, dep in (departures or {}).items()}
    added: dict[str, datetime] = {}
    named: Container[str] = consultants if consultants is not None else (
        {r.consultant for r in facts.receptions} if facts.departures else ())
    for dep in facts.departures:
        if dep.consultant not in named:
            out.append((f"departures[{dep.id}]", "consultant",
                        "consultant never appears in the book", dep.consultant))
        if dep.consultant in left:
            out.append((f"departures[{dep.id}]", "consultant",
                        "consultant already left in another departure", dep.consultant))
        left[dep.consultant] = added[dep.consultant] = dep.at
    if received_after is not None:  # the book's receptions after a departure added now
        for c, gone in added.items():
            out.extend(_received_after(r, gone) for r in received_after(c, gone))
    if left:
        for r in facts.receptions:
            until = left.get(r.consultant)
            if until is not None and r.at > until:
                out.append(_received_after(r, until))
    return out


def _received_after(r: Reception, gone: datetime) -> Problem:
    return (f"receptions[{r.id}]", "at", f"consultant {r.consultant!r} left at "
            f"{gone.isoformat()}; a reception after the departure is impossible", r.at)


def _renamed(exc: ValidationError, data: Any) -> ValidationError:
    """The same errors with list indexes replaced by record ids: ``receptions[R12].at``."""
    details: list[InitErrorDetails] = []
    for e in exc.errors(include_url=False):
        loc = list(e["loc"])
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            rid = _record_id(data, loc[0], loc[1])
            loc[0:2] = [f"{loc[0]}[{rid}]"]
        msg = _ID_MESSAGES.get(e["type"], e["msg"])
        if e["type"] == "string_too_long" and isinstance(e["input"], str):
            msg = f"{msg} (got {len(e['input'])})"
        details.append(InitErrorDetails(
            type=PydanticCustomError(e["type"], msg.replace("{", "{{").replace("}", "}}")),
            loc=tuple(loc), input=e["input"]))
    return ValidationError.from_exception_data(exc.title, details)


_ID_MESSAGES: dict[str, str] = {
    # the words of limits.check_identifier for the bounds of Id
    "string_too_short": "must not be empty",
    "string_too_long": f"must be at most {MAX_ID_LENGTH} characters",
    "string_pattern_mismatch": "must not contain control characters",
}


def _record_id(data: Any, name: str, index: int) -> str:
    try:
        rec = data[name][index]
        rid = rec.get("id") if isinstance(rec, dict) else getattr(rec, "id", None)
    except (KeyError, IndexError, TypeError):
        rid = None
    return str(rid) if rid is not None else f"#{index}"


# -- the answers --------------------------------------------------------------------------


class Share(BaseModel):
    """A party's share of a client or of a commission, and the rule that gives it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    party: str
    role: PartyRole = PartyRole.CONSULTANT
    share: ExactFraction
    rule: str


class OwnershipOutcome(BaseModel):
    """Who owns a client (or its household) as of an instant.

    ``owners`` is the consultant side, its shares summing to 1 (empty when nobody owns the
    client yet or when the decision is an escalation); ``off_the_top`` lists the parties that
    take their part of a deal's commission before the consultants (company pool, staff
    introducer); ``protected_until`` is when the registration window of the last registered
    visit ends (`CC-9.2`, `SD-7.1`): ``lapsed`` says it has ended at ``as_of``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    client: Id
    household: tuple[str, ...]
    owners: tuple[Share, ...]
    off_the_top: tuple[Share, ...] = ()
    company_client: bool = False
    protected_until: AwareDatetime | None = None
    lapsed: bool = False

    def owner_ids(self) -> tuple[str, ...]:
        """The owning consultants, in the order the rules list them."""
        return tuple(s.party for s in self.owners)

    def shares(self) -> dict[str, Fraction]:
        """Each owner's share of the consultant side."""
        return {s.party: s.share for s in self.owners}


class CommissionLine(BaseModel):
    """One line of a commission split: the party, its exact share, the amount, the rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    party: str
    role: PartyRole
    share: ExactFraction
    amount: Decimal
    rule: str


class CommissionOutcome(BaseModel):
    """The split of a deal's commission to the cent (`COM-SPLIT`, `COM-ROUND`, `COM-POOL`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    deal: Id
    commission: Decimal
    credited_to: tuple[str, ...]
    lines: tuple[CommissionLine, ...]

    def amounts(self) -> dict[str, Decimal]:
        """Each party's amount (a party on two lines gets their sum)."""
        out: dict[str, Decimal] = {}
        for line in self.lines:
            out[line.party] = out.get(line.party, Decimal("0.00")) + line.amount
        return out


class OwnershipDecision(DeferredDecision):
    """Who owns a client or household, explained (`CC-`, `SD-` rules)."""

    kind: Literal["ownership.client"]
    outcome: OwnershipOutcome


class CommissionDecision(DeferredDecision):
    """How a deal's commission is split, explained (`COM-SPLIT`, `COM-ROUND`, `COM-POOL`)."""

    kind: Literal["ownership.commission"]
    outcome: CommissionOutcome
