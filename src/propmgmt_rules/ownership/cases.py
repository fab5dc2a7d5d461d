"""Ownership cases: the input form of the command line's ``ownership`` job (and its examples).

A case holds a registration book, the rulebook to read it with (a preset name, ``"CC"`` or
``"SD"``, or an inline rulebook), and the questions: who owns a client as of an instant, how a
deal's commission is split, a whole settlement, and optionally a sequence of rotation events.

>>> case = OwnershipCase.model_validate({
...     "id": "first", "rulebook": "SD",
...     "book": {"receptions": [{"id": "R1", "client": "C1", "consultant": "A",
...                              "at": "2025-03-01T10:00:00+08:00"}]},
...     "questions": [{"client": "C1", "as_of": "2025-03-02T00:00:00+08:00"}]})
>>> [d.outcome.owner_ids() for d in evaluate(case)]
[('A',)]
"""

from __future__ import annotations

from typing import Annotated, Any, Final

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..decision import Decision
from ..limits import FreeText, Identifier
from .engine import decide_ownership, settle_whole, split_commission
from .models import CommissionDecision, Instant, OwnershipDecision, RegistrationBook
from .policy import Rulebook
from .presets import resolve_rulebook
from .rotation import (
    ROTATION_RULES,
    RotationDecision,
    RotationEvent,
    RotationState,
    run_rotation,
)

__all__ = [
    "OwnershipCase",
    "OwnershipCaseDecision",
    "Question",
    "RotationCase",
    "evaluate",
    "resolve_rulebook",
]

OwnershipCaseDecision = Annotated[OwnershipDecision | CommissionDecision | RotationDecision,
                                  Field(discriminator="kind")]
"""Any decision an ownership case gives: who owns a client (``"ownership"``), a commission
split (``"commission"``) or a rotation step (``"rotation"``), told apart by ``kind``."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Question(_Model):
    """Who owns ``client`` as of ``as_of``, or how deal ``deal`` is split (``as_of`` optional)."""

    client: Identifier | None = None
    deal: Identifier | None = None
    as_of: Instant | None = None

    @model_validator(mode="after")
    def _one_subject(self) -> Question:
        if (self.client is None) == (self.deal is None):
            raise ValueError("a question names either a client or a deal")
        if self.client is not None and self.as_of is None:
            raise ValueError("as_of: an ownership question needs the instant it is asked about")
        return self


class RotationCase(_Model):
    """A rotation state and the events that follow."""

    state: RotationState
    events: tuple[RotationEvent, ...] = ()


class OwnershipCase(_Model):
    """One case: a book, a rulebook and the questions asked about it."""

    id: Identifier
    description: FreeText = ""
    rulebook: Rulebook | str = Field(default="CC", description="a preset name (CC, SD) or an "
                                     "inline rulebook")
    book: RegistrationBook = RegistrationBook()
    questions: tuple[Question, ...] = ()
    settle_as_of: Instant | None = Field(
        default=None, description="settle the whole book as of this instant (every household "
        "and every deal)")
    rotation: RotationCase | None = None

    @field_validator("rulebook")
    @classmethod
    def _known_rulebook(cls, value: Rulebook | str) -> Rulebook | str:
        resolve_rulebook(value)
        return value

    @model_validator(mode="after")
    def _rotation_needs_its_rules(self) -> OwnershipCase:
        if self.rotation is not None:
            rb = resolve_rulebook(self.rulebook)
            missing = [r for r in ROTATION_RULES if r not in rb.rules]
            if missing:
                raise ValueError(f"rulebook: {rb.name} has no reception rotation (it does not "
                                 f"enable {', '.join(missing)}): a case with a rotation needs "
                                 "SD, or a rulebook that enables the rotation rules of SD")
        return self


def evaluate(case: OwnershipCase) -> list[Decision]:
    """Every decision the case asks for, in the order asked (subjects prefixed by the case id)."""
    rb = resolve_rulebook(case.rulebook)
    out: list[Decision] = []
    for q in case.questions:
        if q.client is not None:
            assert q.as_of is not None
            out.append(decide_ownership(case.book, q.client, as_of=q.as_of, rulebook=rb))
        else:
            assert q.deal is not None
            out.append(split_commission(case.book, q.deal, as_of=q.as_of, rulebook=rb))
    prefix = f"{case.id}: "
    for d in out:  # the engine's own new decisions, held by nobody else: titled in place
        _SET(d, "subject", prefix + d.subject)
    if case.settle_as_of is not None:  # titled as they are built
        out.extend(settle_whole(case.book, as_of=case.settle_as_of, rulebook=rb,
                                subject_prefix=prefix))
    if case.rotation is not None:
        out.extend(_titled(case.id, d) for d in run_rotation(
            case.rotation.state, case.rotation.events, rulebook=rb))
    return out


_SET: Final = object.__setattr__
"""Sets a field of a decision the engine has just made (``decide_ownership``,
``split_commission``, ``settle``: each returns decisions made for the call, written on first
use): its subject, before anyone else sees it. A copy (``model_copy``) would write the
decision's trace and outcome at once, and copy them: a twentieth of the command line's
``ownership`` job (``docs/performance.md``). The subject is not part of what is written later
(the explanation names the client or household, not the case), so the decision is the one
``model_copy(update={"subject": ...})`` gives."""


def _titled(case_id: str, d: Decision) -> Decision:
    update: dict[str, Any] = {"subject": f"{case_id}: {d.subject}"}
    return d.model_copy(update=update)
