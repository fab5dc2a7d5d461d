"""Fees, billing and move-in notices (catalog section 5): the arrears ladder and the
limitation period of fee claims (`VK-FEE`, `VK-FEE-LIMIT`), paid-service billing and cash
reconciliation (`SQ-FEES`), the move-in notice and reminder (`MI-4.3.1`, `MI-4.3.2`).

One area on the common plan: :mod:`.models` (facts in, decisions out), :mod:`.policy` (the
settings, with :meth:`~.policy.FeePolicy.derive`), :mod:`.presets` (one data module per
source regulation), :mod:`.rules` (the registry records), one engine module per question
(:mod:`.arrears`, :mod:`.ladder`, :mod:`.limitation` read together by :mod:`.collection`;
:mod:`.billing`; :mod:`.notices`), :mod:`.cases` (the command line's ``fees`` job) and
:mod:`.strategies` (hypothesis strategies). Every question reads
``question(subject, *, as_of=..., policy=PRESET)``; a preset may be passed by name.
"""

from .billing import billing_status
from .collection import collection_status, collection_statuses
from .models import (
    Acknowledgement,
    ActionKind,
    AppliedPayment,
    Bill,
    BillBalance,
    BillExpiry,
    BillingDecision,
    BillingMonth,
    BillingOutcome,
    BillState,
    CollectionAction,
    CollectionDecision,
    CollectionOutcome,
    FeeAccount,
    FeeDecision,
    LimitationState,
    MoveIn,
    MoveInDecision,
    MoveInNotice,
    MoveInOutcome,
    OwnerTotal,
    Payment,
    Reconciliation,
    RungState,
    RungStatus,
    ServiceRecord,
    SummaryHandover,
)
from .notices import move_in_notices
from .policy import (
    BillingSettings,
    CollectionSettings,
    FeePolicy,
    MoveInSettings,
    PaymentOrder,
    Rung,
)
from .presets import CATALOG, NANJING, PRESETS, PROCEDURE_10, VK, resolve_policy

__all__ = [
    "CATALOG",
    "NANJING",
    "PRESETS",
    "PROCEDURE_10",
    "VK",
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
    "BillingSettings",
    "CollectionAction",
    "CollectionDecision",
    "CollectionOutcome",
    "CollectionSettings",
    "FeeAccount",
    "FeeDecision",
    "FeePolicy",
    "LimitationState",
    "MoveIn",
    "MoveInDecision",
    "MoveInNotice",
    "MoveInOutcome",
    "MoveInSettings",
    "OwnerTotal",
    "Payment",
    "PaymentOrder",
    "Reconciliation",
    "Rung",
    "RungState",
    "RungStatus",
    "ServiceRecord",
    "SummaryHandover",
    "billing_status",
    "collection_status",
    "collection_statuses",
    "move_in_notices",
    "resolve_policy",
]
