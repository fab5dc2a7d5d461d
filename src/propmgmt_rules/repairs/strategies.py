"""Hypothesis strategies for the repair rules (needs ``hypothesis``, the ``test`` extra).

For users' own property-based tests::

    from hypothesis import given
    from propmgmt_rules.strategies import completed_repairs, repair_requests

    @given(completed_repairs())
    def test_my_revisit_sla(repair): ...
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from ..time.strategies import aware_datetimes
from .models import CompletedRepair, RecordItem, RepairRequest, RevisitRecord, StaffMember
from .policy import RepairPolicy
from .presets import CATALOG

__all__ = [
    "completed_repairs",
    "planning_instances",
    "repair_requests",
    "revisit_records",
    "staff_members",
]

_ROLES = ("office_director", "administrator", "repair_lead")
_SH = ZoneInfo("Asia/Shanghai")


def repair_requests(
    when: st.SearchStrategy[datetime] | None = None,
) -> st.SearchStrategy[RepairRequest]:
    """Valid repair requests (`OM-R3` fields filled), urgent or not, maybe with an agreed
    time and a hand-over to engineering."""

    @st.composite
    def build(draw: st.DrawFn) -> RepairRequest:
        received = draw(when if when is not None else aware_datetimes())
        agreed = draw(st.none() | st.integers(1, 72 * 60).map(
            lambda m: received + timedelta(minutes=m)))
        passed = draw(st.none() | st.integers(0, 5 * 60).map(
            lambda m: received + timedelta(minutes=m)))
        return RepairRequest(
            id=draw(st.from_regex(r"R[0-9]{1,4}", fullmatch=True)),
            received_at=received,
            name=draw(st.sampled_from(("王女士", "李先生", "Ms Chen"))),
            address=draw(st.sampled_from(("3-2-601", "5栋1单元302", "Block 8, 1202"))),
            phone=draw(st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)),
            content=draw(st.sampled_from(("厨房水管漏水", "门禁失灵", "更换灯泡", "leaking tap"))),
            urgent=draw(st.booleans()),
            agreed_time=agreed,
            passed_to_engineering_at=passed,
        )

    return build()


def completed_repairs(
    policy: RepairPolicy = CATALOG,
    when: st.SearchStrategy[datetime] | None = None,
) -> st.SearchStrategy[CompletedRepair]:
    """Completed repairs with a category of ``policy`` (any zone, any instant)."""
    keys = tuple(c.key for c in policy.categories) or ("other",)
    return st.builds(
        CompletedRepair,
        id=st.from_regex(r"R[0-9]{1,5}", fullmatch=True),
        completed_at=when if when is not None else aware_datetimes(
            zones=("Asia/Shanghai", "UTC", "America/New_York")),
        category=st.sampled_from(keys),
    )


def revisit_records(repair: str = "R1", at: datetime | None = None) -> st.SearchStrategy[
    RevisitRecord
]:
    """Revisit records of ``repair`` with any subset of the five `OM-RV3` items."""

    @st.composite
    def build(draw: st.DrawFn) -> RevisitRecord:
        items = draw(st.sets(st.sampled_from(list(RecordItem))))
        values: dict[str, object] = {
            i.value: draw(st.sampled_from(("无", "满意", "ok", "已核对"))) for i in items
        }
        return RevisitRecord.model_validate({
            "id": draw(st.from_regex(r"V[0-9]{1,4}", fullmatch=True)),
            "repair": repair,
            "at": at if at is not None else draw(aware_datetimes()),
            "by": draw(st.sampled_from(("张主任", "王管理员", "刘工"))),
            "role": draw(st.sampled_from(_ROLES)),
            "satisfied": draw(st.none() | st.booleans()),
            **values,
        })

    return build()


def staff_members(
    roles: tuple[str, ...] = _ROLES, first: date = date(2025, 3, 3), days: int = 5
) -> st.SearchStrategy[StaffMember]:
    """Staff with a role, a small daily capacity and some available days."""
    return st.builds(
        StaffMember,
        id=st.from_regex(r"P[0-9]{1,3}", fullmatch=True),
        role=st.sampled_from(roles),
        daily_capacity=st.integers(0, 2),
        days=st.lists(st.integers(0, days - 1), max_size=days, unique=True).map(
            lambda offs: tuple(first + timedelta(days=o) for o in sorted(offs))
        ),
    )


@st.composite
def planning_instances(
    draw: st.DrawFn,
    max_repairs: int = 4,
    max_staff: int = 5,
    roles: tuple[str, ...] = _ROLES,
    first: date = date(2025, 3, 3),
    days: int = 5,
) -> tuple[list[CompletedRepair], list[StaffMember]]:
    """Small planning problems (for checking the planner against brute force): repairs
    completed over ``days`` days from ``first``, and staff with distinct ids."""
    keys = ("safety", "leak", "other")
    n = draw(st.integers(0, max_repairs))
    repairs = [
        CompletedRepair(
            id=f"R{i}",
            completed_at=datetime.combine(
                first + timedelta(days=draw(st.integers(0, days - 1))),
                datetime.min.time(),
                tzinfo=_SH,
            ) + timedelta(hours=draw(st.integers(8, 20))),
            category=draw(st.sampled_from(keys)),
        )
        for i in range(n)
    ]
    m = draw(st.integers(0, max_staff))
    # half the time the first people cover every role, so that every quota can be met at all
    cycle = draw(st.booleans())
    staff = []
    for j in range(m):
        role = roles[j % len(roles)] if cycle else draw(st.sampled_from(roles))
        # available on most days: every day of the horizon but a few days off
        off = draw(st.sets(st.integers(0, days + 2), max_size=days))
        staff.append(
            StaffMember(
                id=f"P{j}",
                role=role,
                daily_capacity=draw(st.integers(0, 3)),
                days=tuple(first + timedelta(days=o) for o in range(days + 3) if o not in off),
            )
        )
    return repairs, staff
