"""Revisit records (`OM-RV3`): a record is complete only with its five items; an incomplete
record names what is missing.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> rec = RevisitRecord(id="V1", repair="R1", by="张主任", role="office_director",
...     at=datetime(2025, 3, 9, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
...     site_inspection="水管接口无渗漏", service_feedback="满意", suggestions="无",
...     charge_check="材料费35元,已核对")
>>> d = check_record(rec)
>>> d.outcome.complete, [m.value for m in d.outcome.missing]
(False, ['signature'])
"""

from __future__ import annotations

from typing import Final

from .._build import construct_dict
from ..decision import Explanation, FactUsed, MissingFact, RuleNotApplied, decision_of
from ..render import Line, Text, message
from ._common import need
from .models import RecordItem, RevisitRecord, RevisitRecordDecision, RevisitRecordOutcome
from .policy import RepairPolicy
from .presets import CATALOG, resolve_policy

__all__ = ["check_record", "decide_record"]

_ITEMS: Final = tuple(RecordItem)
_QUESTIONS: Final = {i: f"{i.en}? ({i.zh})" for i in _ITEMS}
_NAMES: Final = tuple((i, str(i.value)) for i in _ITEMS)  # each item and its field's name


@message("repairs.record")
def _record_line(rid: str, missing: tuple[RecordItem, ...]) -> Text:
    if missing:
        items = _MISSING.get(missing)
        if items is None:  # at most 31 sets of items: kept once written
            items = _MISSING[missing] = Text("; ".join(i.en for i in missing),
                                             "、".join(i.zh for i in missing))
        return Text(f"Revisit record {rid} is incomplete: missing {items.en} (OM-RV3).",
                    f"回访记录{rid}不完整,缺少:{items.zh}(OM-RV3)。")
    return Text(f"Revisit record {rid} has all five items (OM-RV3).",
                f"回访记录{rid}五项内容齐全(OM-RV3)。")


_MISSING: dict[tuple[RecordItem, ...], Text] = {}
"""The items missing from a record as its sentence lists them, by the tuple of items (the
five items' nonempty subsets in order: 31 at most)."""


def check_record(record: RevisitRecord, *,
                 policy: RepairPolicy | str = CATALOG) -> RevisitRecordDecision:
    """`OM-RV3` for one revisit ``record``, under ``policy`` (a policy or a preset's name):
    see the module's documentation."""
    resolved = resolve_policy(policy)
    record = need(record, RevisitRecord, "record")
    return decide_record(record, resolved, f"revisit {record.id}")


def decide_record(record: RevisitRecord, policy: RepairPolicy,
                  subject: str) -> RevisitRecordDecision:
    """:func:`check_record` of validated arguments, with its subject."""
    present: list[RecordItem] = []
    missing_items: list[RecordItem] = []
    for i, name in _NAMES:  # record.item(i), inline: a blank entry is missing
        value = getattr(record, name)
        (present if value is not None and value.strip() else missing_items).append(i)
    missing = tuple(missing_items)
    line: Line
    if not policy.record_items:
        decided: tuple[str, ...] = ()
        not_applied: tuple[RuleNotApplied, ...] = (
            RuleNotApplied("OM-RV3", f"not part of policy {policy.name!r}"),)
        used: tuple[FactUsed, ...] = ()
        needed: tuple[MissingFact, ...] = ()
        line = Text(f"OM-RV3 is not part of policy {policy.name!r}.",
                    f"{policy.title_zh}不含OM-RV3。")
    else:  # its records given at once to the core's one builder (a job checks many)
        decided, not_applied = _DECIDED, ()
        fact = f"revisits[{record.id}]."
        used = tuple([FactUsed(fact + i, "OM-RV3") for i in present])
        needed = tuple([MissingFact(fact + i, "OM-RV3", _QUESTIONS[i]) for i in missing])
        line = ("repairs.record", record.id, missing)
    outcome = construct_dict(RevisitRecordOutcome, {
        "what": "revisit_record", "record": record.id, "repair": record.repair,
        "complete": not missing, "present": tuple(present), "missing": missing})
    return decision_of(  # the core's one builder, its fields given positionally
        RevisitRecordDecision, "repair.revisit_record", subject, None, outcome, decided,
        not_applied, used, (), needed, policy.basis, None, None,
        Explanation.from_lines((line,)))


_DECIDED: Final = ("OM-RV3",)
