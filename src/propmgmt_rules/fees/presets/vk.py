"""Document 004, 万科物业新动力培训·优质客户服务 (customer-service training deck), as a preset:
the fee-arrears ladder (`VK-FEE`) and the limitation period of a fee claim after the PRC
Civil Code (`VK-FEE-LIMIT`).

The deck states the ladder in one line (:data:`LADDER_WORDING`) and names the limitation
period (诉讼时效) without its rules; the catalog reads them from the Civil Code
(:data:`ART_188`, :data:`ART_195`). The interpretations chosen:

* Ladder: each rung's first action falls due one interval (1, 2, 3, 6, 12 months,
  `T-MONTHS`) after the oldest unpaid bill's last day to pay, and again one interval after
  the rung's last action recorded in the current arrears, while any arrears remain; an
  action before the arrears began chases nothing and is set aside. Payments go to the
  oldest bill first (a policy setting).
* Limitation: 3 years (36 months, `T-MONTHS`) from the bill's last day to pay (Art. 188);
  a demand (notice, phone reminder, visit, lawyer's letter: Art. 195(1)), a part payment
  applied to the bill or a written acknowledgement (Art. 195(2)), or a suit (Art. 195(3))
  after that day interrupts it, and a new 36 months runs from the day of the interruption. A
  demand or acknowledgement that names no bill concerns every bill in arrears at that
  instant; a payment interrupts only the bills it is applied to (the narrower reading: the
  earlier expiry, so the escalation comes no later). A last day on a rest day is not
  extended (Art. 203 would move it later; the preset keeps the earlier, safer day).
* Escalation: when a bill in arrears without a suit comes within 90 days of expiry (or is
  past it), the office director (管理处主任) is asked to decide: a claim never lapses
  silently. The deck names no role for the ladder's actions: the preset gives them to the
  management office (管理处).
* Late fees are not in the source and are not invented.

>>> [(r.action.value, str(r.every)) for r in VK.collection.rungs]
[('notice', '1 month'), ('phone', '2 months'), ('visit', '3 months'),
 ('lawyer_letter', '6 months'), ('suit', '12 months')]
"""

from __future__ import annotations

from typing import Final

from ...decision import Text
from ...time.span import Span
from ..models import ActionKind
from ..policy import CollectionSettings, FeePolicy, PaymentOrder, Rung

__all__ = ["ART_188", "ART_195", "LADDER_WORDING", "ROLES", "SOURCE", "VK", "VK_COLLECTION"]

SOURCE: Final = "004: 万科物业新动力培训·优质客户服务 (customer-service training deck)"

LADDER_WORDING: Final = (
    "收费制度化,每月发送缴费通知单,每两月电话催缴,每季上门收取,每半年发送律师函,"
    "每年起诉(诉讼时效)。"
)
"""The deck's line (the seed runs the clauses together without commas)."""

ART_188: Final = (
    "向人民法院请求保护民事权利的诉讼时效期间为三年。法律另有规定的,依照其规定。"
    "诉讼时效期间自权利人知道或者应当知道权利受到损害以及义务人之日起计算。"
)
"""PRC Civil Code Art. 188 (the first two paragraphs' opening sentences)."""

ART_195: Final = (
    "有下列情形之一的,诉讼时效中断,从中断、有关程序终结时起,诉讼时效期间重新计算:"
    "(一)权利人向义务人提出履行请求;(二)义务人同意履行义务;"
    "(三)权利人提起诉讼或者申请仲裁;(四)与提起诉讼或者申请仲裁具有同等效力的其他情形。"
)
"""PRC Civil Code Art. 195."""

ROLES: Final = {
    "management_office": Text("the management office", "管理处"),
    "office_director": Text("the office director", "管理处主任"),
}

VK_COLLECTION: Final = CollectionSettings(
    rungs=(
        Rung(action=ActionKind.NOTICE, every=Span.months(1)),
        Rung(action=ActionKind.PHONE, every=Span.months(2)),
        Rung(action=ActionKind.VISIT, every=Span.months(3)),
        Rung(action=ActionKind.LAWYER_LETTER, every=Span.months(6)),
        Rung(action=ActionKind.SUIT, every=Span.months(12)),
    ),
    payment_order=PaymentOrder.OLDEST_FIRST,
    limitation=Span.months(36),
    escalation_margin_days=90,
    escalate_to="office_director",
)
"""The ladder, the payment order, the limitation period and the escalation margin."""

VK: Final = FeePolicy(
    name="vk",
    version="004",
    source=SOURCE,
    description="Fee arrears: the monthly/2-monthly/quarterly/half-yearly/yearly ladder, "
    "payments to the oldest bill first, the 3-year limitation period with interruptions.",
    roles=ROLES,
    collection=VK_COLLECTION,
)
"""Document 004's collection ladder and the Civil Code's limitation period."""
