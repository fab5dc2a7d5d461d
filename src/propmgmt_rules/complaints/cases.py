"""Complaint cases: the input form of the command line's ``complaint`` job (and its examples).

A case holds a complaint, its history, the instant to evaluate at (default: the receipt, which
gives the classification and every obligation's deadline) and the policy (a preset name, an
inline policy, or a list of them to compare side by side).

>>> case = ComplaintCase.model_validate({
...     "id": "lift", "policy": ["procedure5", "nanjing"],
...     "complaint": {"id": "C1", "received_at": "2025-03-07T19:30:00+08:00",
...                   "justified": True, "caused_by": "company_facilities", "injury": False,
...                   "loss_amount": "0", "promised_service_failed": False,
...                   "about": "lift", "intent": "help", "received_by": "Wang"}})
>>> [(d.basis.name, d.outcome.severity.value) for d in evaluate(case)]
[('CP procedure 5', 'minor'), ('SQ Nanjing plan', 'minor')]
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..limits import FreeText, Identifier
from ..presets import known_preset
from .models import Complaint, ComplaintEvent, ComplaintStatusDecision, Instant
from .policy import ComplaintPolicy
from .presets import resolve_policy
from .status import status

__all__ = ["ComplaintCase", "evaluate"]


class ComplaintCase(BaseModel):
    """One complaint question: the status of ``complaint`` at ``as_of`` under ``policy``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: Identifier
    description: FreeText = ""
    policy: ComplaintPolicy | str | list[ComplaintPolicy | str] = Field(
        default="nanjing",
        description="a preset name ('procedure5', 'nanjing'), an inline policy, or a list of "
        "them (the same complaint under each, side by side)",
    )
    complaint: Complaint
    history: tuple[ComplaintEvent, ...] = ()
    as_of: Instant | None = Field(
        default=None, description="the instant asked about; default: the receipt"
    )

    @field_validator("policy")
    @classmethod
    def _known_policies(
        cls, value: ComplaintPolicy | str | list[ComplaintPolicy | str]
    ) -> ComplaintPolicy | str | list[ComplaintPolicy | str]:
        if isinstance(value, list) and not value:
            raise ValueError("an empty list: name at least one policy (a preset name such as "
                             "'nanjing', or an inline policy)")
        for ref in value if isinstance(value, list) else [value]:
            known_preset("complaint_policy", ref)
        return value

    def policies(self) -> list[ComplaintPolicy]:
        """The policies the case is evaluated under, in order."""
        refs = self.policy if isinstance(self.policy, list) else [self.policy]
        return [resolve_policy(r) for r in refs]


def evaluate(case: ComplaintCase) -> list[ComplaintStatusDecision]:
    """The status of the case's complaint under each of its policies."""
    as_of: datetime = case.as_of or case.complaint.received_at
    out: list[ComplaintStatusDecision] = []
    for policy in case.policies():
        d = status(case.complaint, case.history, as_of=as_of, policy=policy)
        out.append(d.model_copy(update={"subject": f"{case.id}: {d.subject} ({policy.name})"}))
    return out
