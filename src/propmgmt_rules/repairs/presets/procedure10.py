"""Document 002 part 5, 业主交房入住管理作业规程-10 (handover and move-in procedure 10), clause
4.4.7 c, as settings: the defects found at the handover inspection (`MI-4.4.7`).

The interpretations chosen: the owner's deadline (业主的合理限期) is taken as given (the
library does not judge what is reasonable; a defect without one reports it missing). The
procedure sets no span for telling the owner of a missed deadline (反馈给业主,并告知具体验收
时间) nor for inviting to the second inspection (通知业主进行二次验收): those obligations have
no deadline unless a policy sets one. A defect the owner wants repaired after moving in (4.4.8
a) is an ordinary repair, outside this rule. The same document's move-in notices (4.3.1,
4.3.2) are the fees area's (``propmgmt_rules.fees``).

>>> HANDOVER.missed_notice_within is None, HANDOVER.invite_within is None
(True, True)
"""

from __future__ import annotations

from typing import Final

from ..policy import HandoverSettings

__all__ = ["HANDOVER", "HANDOVER_WORDING", "SOURCE"]

SOURCE: Final = "002 part 5: 业主交房入住管理作业规程-10 (handover and move-in procedure 10)"

HANDOVER_WORDING: Final = (
    "验收中发现的工程遗留问题,业主要求搬入或二次装修前维修的,工程部应联系安排施工单位按照业主的"
    "合理限期进行整改,并将整改情况及时告知客服中心:若在限期内未能整改完毕的,管理员应将具体情况"
    "反馈给业主,并告知具体验收时间;整改完毕后,由客服中心通知业主进行二次验收,二次验收不合格的,"
    "由管理员进行督促跟进,限期尽快解决。"
)
"""4.4.7 验房 c (`MI-4.4.7`)."""

HANDOVER: Final = HandoverSettings()
"""No span for telling the owner or inviting to the second inspection (the procedure sets
none)."""
