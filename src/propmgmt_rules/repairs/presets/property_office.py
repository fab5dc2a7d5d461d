"""Document 001 part 1, 物业管理公司业主客户管理制度 (property office rules for owners and
clients), as a preset: the repair record (`OM-R3`), the appointments (`OM-R4`) and the repair
revisits (`OM-RV1` to `OM-RV4`).

The seed is in traditional characters with encoding noise (pinyin glosses such as 應(yīng));
the wording below is the clause in simplified characters with the noise removed, as the
catalog quotes it. The interpretations chosen:

* Revisit windows (`OM-RV2`): "两天内", "三天内", "七天内" are `T-DAYS` from the completion
  (the end of the n-th day after the completion day, no rest-day extension), by category:
  safety facilities, water leaks, any other repair; whatever a category's span, the deadline
  is never more than one week after the repair. The categories carry keywords (Chinese and
  English) from which :func:`~propmgmt_rules.repairs.suggest_category` suggests one; the
  category a decision uses is always the one given with the repair.
* Quotas (`OM-RV1`): a role's rate is the share of the period's completed repairs someone of
  the role revisited, an exact fraction; by default every recorded revisit counts
  (``quota_counts``).
* Rectification (`OM-RV4`): "24小时内" is 24 hours of elapsed time (`T-HOURS`).

>>> [(c.key, str(c.window)) for c in PROPERTY_OFFICE.categories]
[('safety', '2 days'), ('leak', '3 days'), ('other', '7 days')]
"""

from __future__ import annotations

from fractions import Fraction
from typing import Final

from ...time.span import Span
from ..policy import RepairPolicy, RevisitCategory, RoleQuota

__all__ = [
    "APPOINTMENT_WORDING",
    "CATEGORIES",
    "LEAK",
    "OTHER",
    "PROPERTY_OFFICE",
    "QUOTAS",
    "RECORD_WORDING",
    "REVISIT_WORDING",
    "SAFETY",
    "SOURCE",
]

SOURCE: Final = "001 part 1: 物业管理公司业主客户管理制度 (OM-R3, OM-R4, OM-RV1 to OM-RV4)"

RECORD_WORDING: Final = (
    "对客户报修情况应及时进行登记,包括维修日期、姓名、地址、联系电话、内容、约修日期。"
    "应做到字迹清楚,台帐齐全。"
)
"""维修、约修制度 第3条 (`OM-R3`)."""

APPOINTMENT_WORDING: Final = (
    "对不能按时上门维修的,应采用书面或电话形式向客户说明情况,另约修理时间。"
)
"""维修、约修制度 第4条 (`OM-R4`)."""

REVISIT_WORDING: Final = (
    "维修回访由管理处主任、管理员、维修负责人担任。其中主任回访率不低于10%,管理员回访率不低于30%,"
    "维修负责人回访率不低于60%。回访时间安排在维修后一星期之内。其中,安全设施维修两天内回访,"
    "漏水项目维修三天内回访,其它一般维修七天内回访。"
)
"""维修回访制度 第一条、第二条 (`OM-RV1`, `OM-RV2`)."""

SAFETY: Final = RevisitCategory(
    key="safety",
    name_en="safety facility",
    name_zh="安全设施",
    window=Span.days(2),
    keywords=(
        "消防", "灭火", "烟感", "喷淋", "报警", "门禁", "对讲", "电梯", "监控", "防盗", "护栏",
        "栏杆", "应急灯", "疏散", "燃气", "煤气", "漏电", "安全",
        "fire", "smoke", "sprinkler", "alarm", "access control", "intercom", "door entry",
        "lift", "elevator", "cctv", "railing", "handrail", "emergency", "evacuation", "gas",
        "electric shock", "safety",
    ),
)
"""安全设施维修两天内回访."""

LEAK: Final = RevisitCategory(
    key="leak",
    name_en="water leak",
    name_zh="漏水项目",
    window=Span.days(3),
    keywords=(
        "漏水", "渗水", "滴水", "渗漏", "漏雨", "爆管", "水管破裂", "返水", "冒水",
        "leak", "seep", "drip", "burst pipe", "water damage",
    ),
)
"""漏水项目维修三天内回访."""

OTHER: Final = RevisitCategory(
    key="other", name_en="other repair", name_zh="其它一般维修", window=Span.days(7)
)
"""其它一般维修七天内回访 (the catch-all category, last)."""

CATEGORIES: Final = (SAFETY, LEAK, OTHER)
"""The revisit categories, the strictest first."""

QUOTAS: Final = (
    RoleQuota(role="office_director", name_en="office director", name_zh="管理处主任",
              minimum=Fraction(1, 10)),
    RoleQuota(role="administrator", name_en="administrators", name_zh="管理员",
              minimum=Fraction(3, 10)),
    RoleQuota(role="repair_lead", name_en="repair lead", name_zh="维修负责人",
              minimum=Fraction(6, 10)),
)
"""主任回访率不低于10%,管理员回访率不低于30%,维修负责人回访率不低于60%."""

PROPERTY_OFFICE: Final = RepairPolicy(
    name="property-office",
    name_zh="物业管理公司业主客户管理制度",
    version="001-part1",
    source=SOURCE,
    categories=CATEGORIES,
    quotas=QUOTAS,
    rectification_notice=Span.hours(24),
)
"""Document 001 part 1: windows 2/3/7 days, quotas 10/30/60%, written notice within 24 hours."""
