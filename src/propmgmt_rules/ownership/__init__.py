"""Client ownership, commission splits and the reception rotation (catalog section 2: the
`CC-`, `SD-` and `COM-` rules): one engine, two rulebooks as presets, and a third office's own.

>>> from propmgmt_rules.ownership import RegistrationBook, decide_ownership
>>> book = RegistrationBook.model_validate({"receptions": [
...     {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"}]})
>>> d = decide_ownership(book, "C1", as_of="2025-03-02T00:00:00+08:00", rulebook="SD")
>>> d.outcome.owner_ids()
('A',)
"""

from . import facts, presets, rulebooks
from .engine import decide_ownership, settle, split_commission
from .incremental import Claim, LiveBook
from .models import (
    POOL,
    AfterSales,
    ChangeKind,
    ChangeRequest,
    Channel,
    CommissionDecision,
    CommissionLine,
    CommissionOutcome,
    CompanyReferral,
    Deal,
    DealChange,
    DealChangeKind,
    Departure,
    Fault,
    Introduction,
    OwnershipDecision,
    OwnershipOutcome,
    PartyRole,
    Reception,
    ReceptionContext,
    Recognition,
    RegistrationBook,
    Relation,
    RelationKind,
    Share,
    StaffReferral,
)
from .policy import DealChangeRule, HouseholdRule, Rulebook, Splits, WindowAnchor
from .presets import CC, SD
from .rotation import (
    Absence,
    Designated,
    Lunch,
    NewClient,
    OldClient,
    Reassigned,
    Reorder,
    RotationDecision,
    RotationEvent,
    RotationOutcome,
    RotationState,
    rotate,
    run_rotation,
)

__all__ = [
    "CC",
    "POOL",
    "SD",
    "Absence",
    "AfterSales",
    "ChangeKind",
    "ChangeRequest",
    "Channel",
    "Claim",
    "CommissionDecision",
    "CommissionLine",
    "CommissionOutcome",
    "CompanyReferral",
    "Deal",
    "DealChange",
    "DealChangeKind",
    "DealChangeRule",
    "Departure",
    "Designated",
    "Fault",
    "HouseholdRule",
    "Introduction",
    "LiveBook",
    "Lunch",
    "NewClient",
    "OldClient",
    "OwnershipDecision",
    "OwnershipOutcome",
    "PartyRole",
    "Reassigned",
    "Reception",
    "ReceptionContext",
    "Recognition",
    "RegistrationBook",
    "Relation",
    "RelationKind",
    "Reorder",
    "RotationDecision",
    "RotationEvent",
    "RotationOutcome",
    "RotationState",
    "Rulebook",
    "Share",
    "Splits",
    "StaffReferral",
    "WindowAnchor",
    "decide_ownership",
    "facts",
    "presets",
    "rotate",
    "rulebooks",
    "run_rotation",
    "settle",
    "split_commission",
]
