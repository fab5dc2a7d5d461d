"""Small builders for the repair tests (all times in Shanghai unless said otherwise)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from propmgmt_rules import Span
from propmgmt_rules.repairs import (
    CATALOG,
    CompletedRepair,
    RepairRequest,
    RevisitCategory,
    RevisitRecord,
)

SH = ZoneInfo("Asia/Shanghai")


MINE = RevisitCategory(key="mine", name_en="mine", name_zh="自定",
                      window=Span.days(7, extend_over_rest_days=True))
"""A company's own category (a week, extended over rest days) beside the catalog's."""
COMPANY = CATALOG.model_copy(update={"categories": (*CATALOG.categories, MINE)})
"""The catalog policy with :data:`MINE` added."""


def at(month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """An instant of 2025 in Shanghai."""
    return datetime(2025, month, day, hour, minute, tzinfo=SH)


def request(**kw: Any) -> RepairRequest:
    data: dict[str, Any] = {
        "id": "R1",
        "received_at": at(3, 7, 9),
        "name": "王女士",
        "address": "3栋2单元601",
        "phone": "13800000000",
        "content": "厨房水管漏水",
        "urgent": False,
    }
    data.update(kw)
    return RepairRequest.model_validate(data)


def repair(id: str = "R1", when: datetime | None = None, category: str = "other",
           **kw: Any) -> CompletedRepair:
    return CompletedRepair(id=id, completed_at=when or at(3, 7, 15), category=category, **kw)


FULL_RECORD = {
    "site_inspection": "已实地查看,接口无渗漏",
    "service_feedback": "维修人员态度好",
    "suggestions": "无",
    "charge_check": "材料费35元,与收费单一致",
    "signature": "王女士",
}


def revisit(id: str = "V1", repair_id: str = "R1", when: datetime | None = None,
            role: str = "repair_lead", by: str = "刘工", **kw: Any) -> RevisitRecord:
    data: dict[str, Any] = {"id": id, "repair": repair_id, "at": when or at(3, 8, 10),
                            "by": by, "role": role}
    data.update(kw)
    return RevisitRecord.model_validate(data)
