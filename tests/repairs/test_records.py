"""`OM-RV3`: 回访内容:1、实地查看维修项目。2、向在维修现场的业主(客户)或家人了解维修人员服务
情况。3、征询改进意见。4、核对收费情况。5、请被回访人签名。"""

from __future__ import annotations

import pytest
from hypothesis import given, settings

from propmgmt_rules.repairs import CATALOG, NANJING, RecordItem, check_record
from propmgmt_rules.strategies import revisit_records

from .helpers import FULL_RECORD, revisit


def test_om_rv3_a_record_with_all_five_items_is_complete() -> None:
    d = check_record(revisit(**FULL_RECORD), policy=CATALOG)
    assert d.outcome.complete
    assert d.outcome.missing == ()
    assert d.decided_by == ("OM-RV3",)
    assert "五项内容齐全" in d.explanation.zh


@pytest.mark.parametrize("item", list(RecordItem))
def test_om_rv3_a_record_missing_one_item_is_incomplete_and_names_it(item: RecordItem) -> None:
    d = check_record(revisit(**{**FULL_RECORD, item.value: None}), policy=CATALOG)
    assert not d.outcome.complete
    assert d.outcome.missing == (item,)
    assert item.zh in d.explanation.zh
    assert [m.field for m in d.missing_facts] == [f"revisits[V1].{item.value}"]


def test_om_rv3_a_blank_entry_is_missing_but_none_written_as_wu_is_an_answer() -> None:
    d = check_record(revisit(**{**FULL_RECORD, "signature": "  ", "suggestions": "无"}))
    assert d.outcome.missing == (RecordItem.SIGNATURE,)


def test_om_rv3_the_five_items_are_those_of_the_regulation() -> None:
    assert [i.zh for i in RecordItem] == [
        "实地查看维修项目",
        "向在维修现场的业主(客户)或家人了解维修人员服务情况",
        "征询改进意见",
        "核对收费情况",
        "请被回访人签名",
    ]


def test_om_rv3_is_not_part_of_the_nanjing_plan() -> None:
    d = check_record(revisit(), policy=NANJING)
    assert [n.rule for n in d.not_applied] == ["OM-RV3"]
    assert d.missing_facts == ()


@settings(max_examples=50)
@given(revisit_records())
def test_om_rv3_complete_iff_nothing_missing_and_items_partition(record: object) -> None:
    from propmgmt_rules.repairs import RevisitRecord

    assert isinstance(record, RevisitRecord)
    out = check_record(record).outcome
    assert out.complete == (not out.missing)
    assert set(out.present) | set(out.missing) == set(RecordItem)
    assert not set(out.present) & set(out.missing)
