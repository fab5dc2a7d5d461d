"""Document 002 part 5, 业主交房入住管理作业规程-10 (handover and move-in procedure 10), clause
4.3, as a preset: the move-in notice (`MI-4.3.1`) and the reminder (`MI-4.3.2`).

The interpretations chosen:

* "About ten days before" (提前十天左右): due by the end (24:00) of the day 10 days before
  the move-in date (`T-BEFORE`). "About" gives no earliest day: the preset sets none; a
  policy may set one (``earliest_days_before``), and a notice before it does not count.
* "Within 3 days after the deadline" (规定期限到来后3天内): an owner who has not come by the
  end of the deadline day (规定期限, a fact of the move-in: the last day to come) is sent a
  reminder by letter or phone (再次发函或致电) by the end of the 3rd day after it (`T-DAYS`);
  an owner who comes before then needs none.
* "Still not come after the deadline" (超过规定期限仍未办理): once the reminder's day has
  ended and the owner still has not come, the office director (管理处主任) decides whether to
  publish a notice in the newspaper (登报催办): an escalation, never an automatic notice.

>>> PROCEDURE_10.move_in.notice_days_before, str(PROCEDURE_10.move_in.reminder_within)
(10, '3 days')
"""

from __future__ import annotations

from typing import Final

from ...decision import Text
from ...time.span import Span
from ..policy import FeePolicy, MoveInSettings

__all__ = ["NOTICE_WORDING", "PROCEDURE_10", "PROCEDURE_10_MOVE_IN", "REMINDER_WORDING",
           "ROLES", "SOURCE"]

SOURCE: Final = "002 part 5: 业主交房入住管理作业规程-10 (handover and move-in procedure 10)"

NOTICE_WORDING: Final = (
    "客服中心依据管理处确定的交房入住时间,提前十天左右向业主发出交房入住通知,内容包括:"
    "《收房通知书》、《祝贺信》、《收房办理手续流程图》、《收房收费一览表》、其它。"
)
"""4.3.1."""

REMINDER_WORDING: Final = (
    "业主收到交房入住通知后,应当在规定的时间内带齐有关证件和资料到管理处办理入住手续。"
    "如果在规定期限到来后3天内,业主尚未办理交房入住手续的,管理员应再次发函或致电通知其前来"
    "办理收房手续;超过规定期限仍未办理收房手续的,应向管理处主任汇报决定是否登报催办。"
)
"""4.3.2."""

ROLES: Final = {
    "customer_service_center": Text("the customer service centre", "客服中心"),
    "administrator": Text("the administrator", "管理员"),
    "office_director": Text("the office director", "管理处主任"),
}

PROCEDURE_10_MOVE_IN: Final = MoveInSettings(
    notice_days_before=10,
    earliest_days_before=None,
    reminder_within=Span.days(3),
    notice_owed_by="customer_service_center",
    reminder_owed_by="administrator",
    escalate_to="office_director",
)
"""The notice 10 days before, no earliest day, the reminder within 3 days, the director."""

PROCEDURE_10: Final = FeePolicy(
    name="procedure10",
    version="002-part5",
    source=SOURCE,
    description="Move-in notice 10 days before the move-in date; a reminder within 3 days "
    "after the deadline; then the office director decides on a public notice.",
    roles=ROLES,
    move_in=PROCEDURE_10_MOVE_IN,
)
"""Document 002 part 5, clause 4.3."""
