"""`SD`: 長沙VK房地產銷售部客戶管理制度 (VK sales department client management rules),
document 001, part 2. Data only.

* window 1 month (`SD-7.1`), same semantics as `CC-9.1`, `CC-9.2`;
* only registrations verified by the project manager count (`SD-7.2`);
* spouses (only spouses) received separately before the deal share 50/50 (`SD-7.4`);
* a rename or unit change keeps the original consultant (`SD-7.6`);
* the recognition rules (`SD-3.7` G-J), change requests (`SD-3.10.A` to `SD-3.10.C`),
  designations (`SD-5.1` to `SD-5.4`), company clients (`SD-6.1.1` to `SD-6.1.5`) and staff
  referrals (`SD-6.2.1` to `SD-6.2.5`) apply;
* unsettled cases go to the project manager's written opinion, approved by the sales director
  (`SD-7.7`).
"""

from __future__ import annotations

from typing import Final

from ...time import Span
from ..models import RelationKind
from ..policy import DealChangeRule, HouseholdRule, Rulebook, WindowAnchor
from ..rules import SD_RULES

__all__ = ["SD"]

SD: Final[Rulebook] = Rulebook(
    name="SD",
    version="001-2",
    title="長沙VK房地產銷售部客戶管理制度",
    source="001 part 2",
    rules=frozenset(r.id for r in SD_RULES) | {"COM-SPLIT", "COM-ROUND", "COM-POOL"},
    window=Span.months(1),
    window_anchor=WindowAnchor.CLIENT_LAST_VISIT,
    recognition_window=Span.months(1),
    household=HouseholdRule.SPOUSES_SHARE,
    household_relations=frozenset({RelationKind.SPOUSE}),
    deal_change=DealChangeRule.STAY,
    escalate_to="project_manager",
    escalate_to_name="project manager (written opinion, for the sales director's approval)",
    escalate_to_zh="项目经理(书面意见,报销售总监审批)",
)
