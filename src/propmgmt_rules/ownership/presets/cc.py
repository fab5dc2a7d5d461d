"""`CC`: 地產公司置業顧問客戶沖突制度 (client-conflict rules of a real-estate sales office),
document 000, part 1. Data only.

* window 3 months (`CC-2`), from the client's previous registered visit (`CC-9.2`
  interpretation);
* a household (spouses, parents and children) belongs to the first reception of any member
  (`CC-3`);
* swapped orders follow the client (`CC-8`);
* unsettled cases and conflicts go to the manager (`CC-7`, `CC-11`).

Receptions need no verification (the document has no such rule); recognitions, referrals and
company clients are not part of it (their facts are set aside as ``disabled_by_rulebook``).
"""

from __future__ import annotations

from typing import Final

from ...time import Span
from ..models import RelationKind
from ..policy import DealChangeRule, HouseholdRule, Rulebook, WindowAnchor
from ..rules import CC_RULES

__all__ = ["CC"]

CC: Final[Rulebook] = Rulebook(
    name="CC",
    version="000-1",
    title="地產公司置業顧問客戶沖突制度",
    source="000 part 1",
    rules=frozenset(r.id for r in CC_RULES) | {"COM-SPLIT", "COM-ROUND", "COM-POOL"},
    window=Span.months(3),
    window_anchor=WindowAnchor.CLIENT_LAST_VISIT,
    household=HouseholdRule.FIRST_RECEPTION,
    household_relations=frozenset({RelationKind.SPOUSE, RelationKind.PARENT_CHILD}),
    deal_change=DealChangeRule.FOLLOW_CLIENT,
    escalate_to="sales_manager",
    escalate_to_name="sales manager",
    escalate_to_zh="销售经理",
)
