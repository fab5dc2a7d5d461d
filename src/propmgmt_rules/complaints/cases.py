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
from ._checks import check_complaint
from ._tables import tables
from .models import Complaint, ComplaintEvent, ComplaintStatusDecision, Instant
from .policy import ComplaintPolicy
from .presets import resolve_policy
from .status import Run, decide_status

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
    """The status of the case's complaint under each of its policies: :func:`.status.status`
    of each (by its one flow, :func:`.status.decide_status`), the subject naming the case
    and the policy."""
    c = case.complaint
    as_of: datetime = case.as_of or c.received_at
    check_complaint(c)
    head = f"{case.id}: complaint {c.id} ("
    return [decide_status(Run(tables(policy), as_of), c, case.history, True,
                          f"{head}{policy.name})")
            for policy in case.policies()]
