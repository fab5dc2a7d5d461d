"""Document 003 part 3, 南京山水湖畔物业管理服务品质提升方案 (service-quality plan, Nanjing), as a
preset: paid-service billing and cash reconciliation (`SQ-FEES`).

The seed swaps words for near-synonyms (效劳 for 服务, 准时 for 及时); the wording below
restores the usual terms and keeps everything else. The interpretations chosen:

* "By the 25th" (25日前) is by the end (24:00) of the 25th; the summary handed over then
  covers the services provided after the previous month's 25th up to this month's 25th (a
  service after the 25th goes into the next month's summary), a policy setting
  (``summary_day``).
* "By the 30th/31st" (30/31日前) is by the end (24:00) of the month's last day, February's
  included.
* "Every three days" (每三天) is `T-DAYS` from the last reconciliation: the next is due by the
  end of the third day after it (start day not counted); the first of a month is counted
  from the last one before it, which the facts must give (else it is reported missing).

>>> NANJING.billing.summary_day, str(NANJING.billing.reconcile_every)
(25, '3 days')
"""

from __future__ import annotations

from typing import Final

from ...decision import Text
from ...time.span import Span
from ..policy import BillingSettings, FeePolicy

__all__ = ["BILLING_WORDING", "CASH_WORDING", "NANJING", "NANJING_BILLING", "ROLES", "SOURCE"]

SOURCE: Final = "003 part 3: 南京山水湖畔物业管理服务品质提升方案 (service-quality plan, Nanjing)"

BILLING_WORDING: Final = (
    "各类特约服务按月汇总,月底由相关部门对当月特约服务项目进行汇总,经负责人审核签字后交收款部门"
    "作为收费依据。每月25日前将特约服务费汇总交收款部门。收款部门每月30/31日前完成账单制作。"
)
"""二、工作流程 3 有偿服务 (paid services), the last step."""

CASH_WORDING: Final = (
    "每日收取的物管费、维修费、公共能源费等现金及支票等清点后及时交存银行,做到账款清晰,"
    "每三天与财务会计核对台帐一次,收入明细与会计核算相符。"
)
"""一、客户服务人员职责 8 (customer service staff's duties, item 8)."""

ROLES: Final = {
    "service_departments": Text("the departments that provided the services", "相关部门"),
    "collection_department": Text("the collection department", "收款部门"),
    "customer_service": Text("customer service staff", "客户服务人员"),
}

NANJING_BILLING: Final = BillingSettings(
    summary_day=25,
    reconcile_every=Span.days(3),
    summary_owed_by="service_departments",
    bills_owed_by="collection_department",
    reconcile_owed_by="customer_service",
)
"""The summary by the 25th, the bills by the month's last day, cash every 3 days."""

NANJING: Final = FeePolicy(
    name="nanjing",
    version="003-part3",
    source=SOURCE,
    description="Paid services summed by the 25th, bills made by the month's last day, cash "
    "reconciled with accounting every 3 days.",
    roles=ROLES,
    billing=NANJING_BILLING,
)
"""Document 003 part 3's billing month."""
