"""Fee cases: the input form of the command line's ``fees`` job (and its examples).

A case holds the facts of catalog section 5 at one instant: owners' fee accounts (`VK-FEE`,
`VK-FEE-LIMIT`), billing months (`SQ-FEES`) and move-ins (`MI-4.3.1`, `MI-4.3.2`), with
the policy (a preset name or an inline policy). :func:`evaluate` returns one decision per
account, per month and per move-in, in that order, subjects prefixed with the case's id.

>>> case = FeeCase.model_validate({
...     "id": "demo", "policy": "vk", "as_of": "2025-03-10T12:00:00+08:00",
...     "accounts": [{"owner": "O1", "bills": [
...         {"id": "B1", "period": "2025-01", "amount": "300.00", "due": "2025-01-31"}]}]})
>>> [(d.kind, d.subject, str(d.outcome.arrears)) for d in evaluate(case)]
[('fees.collection', 'demo: owner O1', '300.00')]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import InputError
from ..limits import FreeText, Identifier, Instant
from ..presets import known_preset
from . import billing as _billing
from . import collection as _collection
from . import notices as _notices
from ._days import day_rules
from .models import (
    BillingDecision,
    BillingMonth,
    CollectionDecision,
    FeeAccount,
    MoveIn,
    MoveInDecision,
)
from .policy import FeePolicy
from .presets import resolve_policy

__all__ = ["FeeCase", "FeeCaseDecision", "evaluate", "evaluate_batch"]

FeeCaseDecision = Annotated[
    CollectionDecision | BillingDecision | MoveInDecision, Field(discriminator="kind")
]
"""Any decision of the ``fees`` job (tagged by ``kind``)."""


def _unique(ids: Iterable[str], field: str) -> None:
    seen: set[str] = set()
    for n, ident in enumerate(ids):
        if ident in seen:
            raise ValueError(f"{field}[{n}]: {ident!r} is given twice")
        seen.add(ident)


class FeeCase(BaseModel):
    """The facts of section 5 at one instant, and the policy to decide them under."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    description: FreeText = ""
    policy: FeePolicy | str = Field(
        default="catalog",
        description="a preset name ('catalog', 'vk', 'nanjing', 'procedure10') or a policy",
    )
    as_of: Instant = Field(description="the instant asked about")
    accounts: tuple[FeeAccount, ...] = ()
    months: tuple[BillingMonth, ...] = ()
    move_ins: tuple[MoveIn, ...] = ()

    @field_validator("policy")
    @classmethod
    def _known_policy(cls, value: FeePolicy | str) -> FeePolicy | str:
        return known_preset("fee_policy", value)

    @model_validator(mode="after")
    def _unique_subjects(self) -> FeeCase:
        _unique((a.owner for a in self.accounts), "accounts.owner")
        _unique((m.month for m in self.months), "months.month")
        _unique((m.id for m in self.move_ins), "move_ins.id")
        return self

    def resolved_policy(self) -> FeePolicy:
        """The case's policy (a preset name resolved)."""
        return resolve_policy(self.policy)


def evaluate(case: FeeCase) -> list[CollectionDecision | BillingDecision | MoveInDecision]:
    """Every decision the case asks for (see the module's documentation)."""
    policy = case.resolved_policy()
    as_of = case.as_of
    out: list[CollectionDecision | BillingDecision | MoveInDecision] = []
    if case.accounts:
        if policy.collection is None:
            raise InputError("accounts", f"VK-FEE is not part of fee policy {policy.name!r}")
        days = day_rules(policy)
        out.extend(_collection._decide(a, as_of, policy, policy.collection, days,
                                       f"{case.id}: owner {a.owner}") for a in case.accounts)
    if case.months:
        if policy.billing is None:
            raise InputError("months", f"SQ-FEES is not part of fee policy {policy.name!r}")
        out.extend(_billing._decide(m, as_of, policy, policy.billing,
                                    f"{case.id}: billing month {m.month}") for m in case.months)
    if case.move_ins:
        if policy.move_in is None:
            raise InputError("move_ins", f"MI-4.3.1 is not part of fee policy {policy.name!r}")
        out.extend(_notices._decide(m, as_of, policy, policy.move_in,
                                   f"{case.id}: move-in {m.id}") for m in case.move_ins)
    return out


def evaluate_batch(cases: Iterable[FeeCase]
                   ) -> list[CollectionDecision | BillingDecision | MoveInDecision]:
    """:func:`evaluate` over many cases, in order."""
    return [d for case in cases for d in evaluate(case)]
