"""The field types of `limits`: an instant or a day of a fact is a text, never a number.

pydantic reads a number given for a datetime as Unix time, in seconds or in milliseconds
depending on its size (so 1700000000 is 14 November 2023 and 17000000000000 too), and a tiny
float as 1 January 1970: a CRM exporting epoch numbers would be answered wrongly without a
word. Every area's instants are `limits.Instant` and its days `limits.Day`, which refuse
numbers naming the field, in the library's reader and in pydantic's JSON reader alike."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from propmgmt_rules import limits
from propmgmt_rules.fees import Bill
from propmgmt_rules.ownership import Reception
from propmgmt_rules.repairs import RepairRequest
from propmgmt_rules.time.cases import DeadlineCase

NUMBERS = [0, 1700000000, 17000000000000, 2.5682720758449995e-200, -1.5, Decimal("1E+3")]


class _Fact(BaseModel):
    at: limits.Instant
    on: limits.Day


@pytest.mark.parametrize("number", NUMBERS)
def test_a_number_is_not_an_instant_nor_a_day(number: Any) -> None:
    with pytest.raises(ValidationError) as raised:
        _Fact(at=number, on="2025-03-07")
    (error,) = raised.value.errors()
    assert error["loc"] == ("at",)
    assert "ISO 8601" in error["msg"]
    with pytest.raises(ValidationError) as raised:
        _Fact(at="2025-03-07T17:30:00+08:00", on=number)
    (error,) = raised.value.errors()
    assert error["loc"] == ("on",)
    assert "ISO 8601" in error["msg"]


def test_a_text_is_read_as_before_and_the_years_are_bounded() -> None:
    fact = _Fact(at="2025-03-07T17:30:00+08:00", on="2025-03-07")
    assert (fact.at.isoformat(), fact.on.isoformat()) == ("2025-03-07T17:30:00+08:00",
                                                           "2025-03-07")
    with pytest.raises(ValidationError, match="greater than or equal to 1900"):
        _Fact(at="1899-12-31T23:59:00+00:00", on="2025-03-07")
    with pytest.raises(ValidationError, match="less than 2200"):
        _Fact(at="2025-03-07T17:30:00+08:00", on="2200-01-01")


@pytest.mark.parametrize(("model", "data", "field"), [
    (DeadlineCase, {"id": "C1", "span": "3 working days"}, "start"),
    (Reception, {"id": "R1", "client": "C1", "consultant": "A"}, "at"),
    (RepairRequest, {"id": "Q1", "name": "n", "address": "a", "phone": "021-5555 0101",
                     "content": "c", "urgent": False}, "received_at"),
    (Bill, {"id": "B1", "period": "2025-01", "amount": "10.00"}, "due"),
])
@pytest.mark.parametrize("number", [1700000000, 2.5682720758449995e-200])
def test_every_area_refuses_a_number_for_an_instant_in_both_readers(
        model: type[BaseModel], data: dict[str, Any], field: str, number: Any) -> None:
    raw = {**data, field: number}
    with pytest.raises(ValidationError) as python_mode:
        model.model_validate(raw)
    with pytest.raises(ValidationError) as json_mode:
        model.model_validate_json(json.dumps(raw))
    for raised in (python_mode, json_mode):
        assert [e["loc"] for e in raised.value.errors()] == [(field,)]
