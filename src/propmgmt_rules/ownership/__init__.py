"""Client ownership, commission splits and the reception rotation (catalog section 2: the
`CC-`, `SD-` and `COM-` rules): one engine, two rulebooks as presets, and a third office's own.

>>> from propmgmt_rules.ownership import RegistrationBook, decide_ownership, rulebooks
>>> book = RegistrationBook.model_validate({"receptions": [
...     {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"}]})
>>> decide_ownership(book, "C1", "2025-03-02T00:00:00+08:00", rulebooks.SD).outcome.owner_ids()
('A',)
"""

from . import presets, rulebooks
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

__all__ = [
    "CC",
    "POOL",
    "SD",
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
    "Fault",
    "HouseholdRule",
    "Introduction",
    "LiveBook",
    "OwnershipDecision",
    "OwnershipOutcome",
    "PartyRole",
    "Reception",
    "ReceptionContext",
    "Recognition",
    "RegistrationBook",
    "Relation",
    "RelationKind",
    "Rulebook",
    "Share",
    "Splits",
    "StaffReferral",
    "WindowAnchor",
    "decide_ownership",
    "presets",
    "rulebooks",
    "settle",
    "split_commission",
]
