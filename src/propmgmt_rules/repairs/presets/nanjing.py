"""Document 003 part 3, 南京山水湖畔物业管理服务品质提升方案 (service-quality plan, Nanjing), as a
preset: the repair intake (`SQ-R1`), 100% revisits and the redo (`SQ-RV`).

The seed swaps many words for near-synonyms (效劳 for 服务, 准时 for 及时, 不满足 for 不满意, 进展
for 进行, 状况 for 情况); the wording below restores the usual terms and keeps everything else.
The interpretations chosen:

* Intake (`SQ-R1`): "急修马上通报" is `T-IMMEDIATE` (only a hand-over at the receipt instant
  meets it); "一般情况2小时内通报" is 2 hours of elapsed time (`T-HOURS`).
* Coverage (`SQ-RV`): "100%进行回访" is the share of the period's completed repairs with at
  least one revisit, an exact fraction, against 100%.
* Redo (`SQ-RV`): a resident dissatisfied at the revisit gets the repair redone, a new repair
  linked to the first (``redo_of``); the plan sets no deadline ("及时"): a policy may set one.
* The plan has no revisit record items (`OM-RV3`) and no appointments rule (`OM-R4`): both
  are off in this preset. The repair register's fields are those of `OM-R3`.

>>> NANJING.rules
('OM-R3', 'SQ-R1', 'SQ-RV')
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from ...time.span import Span
from ..policy import RepairPolicy

__all__ = ["INTAKE_WORDING", "NANJING", "REVISIT_WORDING", "SOURCE"]

SOURCE: Final = "003 part 3: 南京山水湖畔物业管理服务品质提升方案 (SQ-R1, SQ-RV)"

INTAKE_WORDING: Final = (
    "客户服务人员在客户信息登记表中登记报修信息,包括报修内容、地点、时间、联系人、联系方式;"
    "与客户沟通确定维修时间;及时将客户报修转达给工程部。急修马上通报,一般情况2小时内通报。"
)
"""二、工作流程 2 维修接报 (`SQ-R1`)."""

REVISIT_WORDING: Final = (
    "客服人员回访业户(电话/上门),并将回访信息回复通知报修信息部门/人员。回访信息在客户信息"
    "登记表上做好记录。100%进行回访;及时反馈回访信息;不满意时及时处理。对提供服务回访不满意"
    "客户,联合相关部门主管亲自上门,重新提供服务并征求意见。"
)
"""二、工作流程 2 维修接报 回访/回复; 一、岗位职责 客服人员 第4条 (`SQ-RV`)."""

NANJING: Final = RepairPolicy(
    name="nanjing-plan",
    name_zh="南京服务品质提升方案",
    version="003-part3",
    source=SOURCE,
    intake_urgent=Span.immediately(),
    intake_normal=Span.hours(2),
    appointments=False,
    record_items=False,
    coverage=Fraction(1),
    redo=True,
)
"""Document 003 part 3: intake at once / within 2 hours, 100% revisits, redo when dissatisfied
(the preset named ``nanjing``, also ``nanjing-plan``)."""
