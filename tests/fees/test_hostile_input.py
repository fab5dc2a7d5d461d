"""Hostile input to section 5 is refused, quickly and naming the field: never a hang, a raw
crash, a file read or a silently wrong answer (`VK-FEE`, `SQ-FEES`, `MI-4.3.1`)."""

from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from propmgmt_rules import InputError
from propmgmt_rules.cli import main
from propmgmt_rules.fees import (
    Bill,
    BillingMonth,
    FeeAccount,
    MoveIn,
    billing_status,
    collection_status,
    collection_statuses,
    move_in_notices,
)
from propmgmt_rules.fees.cases import FeeCase
from propmgmt_rules.limits import MAX_ID_LENGTH

from .helpers import at

NAIVE = datetime(2025, 6, 1, 12)
BILL = {"id": "B1", "period": "2025-01", "amount": "100.00", "due": "2025-01-31"}


def _case(**changes: Any) -> dict[str, Any]:
    account = {"owner": "O1", "bills": [dict(BILL)]}
    account.update(changes.pop("account", {}))
    return {"id": "h", "as_of": "2025-06-01T12:00:00+08:00", "accounts": [account], **changes}


def _field_of(raw: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as err:
        FeeCase.model_validate(raw)
    return ".".join(str(p) for p in err.value.errors()[0]["loc"])


@pytest.mark.parametrize(("bill", "field"), [
    ({"amount": 100.5}, "accounts.0.bills.0.amount"),                # a float
    ({"amount": "1E+999999999"}, "accounts.0.bills.0.amount"),       # exponent blow-up
    ({"amount": "100.005"}, "accounts.0.bills.0.amount"),            # beyond the cent
    ({"amount": "0"}, "accounts.0.bills.0.amount"),                  # not a bill
    ({"amount": "NaN"}, "accounts.0.bills.0.amount"),
    ({"amount": True}, "accounts.0.bills.0.amount"),
    ({"id": "B\x00"}, "accounts.0.bills.0.id"),                      # control character
    ({"id": "B" * (MAX_ID_LENGTH + 1)}, "accounts.0.bills.0.id"),
    ({"id": "   "}, "accounts.0.bills.0.id"),
    ({"due": "2025-02-30"}, "accounts.0.bills.0.due"),
    ({"colour": "red"}, "accounts.0.bills.0.colour"),                # unknown field
])
def test_a_bad_bill_is_refused_naming_its_field(bill: dict[str, Any], field: str) -> None:
    raw = _case()
    raw["accounts"][0]["bills"][0].update(bill)
    assert _field_of(raw) == field


@pytest.mark.parametrize(("change", "field"), [
    ({"as_of": "2025-06-01T12:00:00"}, "as_of"),
    ({"policy": "mars"}, "policy"),
    ({"account": {"payments": [{"id": "P1", "at": "2025-02-01T10:00:00",
                                "amount": "1"}]}}, "accounts.0.payments.0.at"),
    ({"account": {"payments": [{"id": "P1", "at": "2025-02-01T10:00:00+08:00",
                                "amount": "-5.00"}]}}, "accounts.0.payments.0.amount"),
    ({"account": {"actions": [{"id": "A1", "at": "2025-02-01T10:00:00+08:00",
                               "kind": "threat"}]}}, "accounts.0.actions.0.kind"),
    ({"account": {"actions": [{"id": "A1", "at": "2025-02-01T10:00:00+08:00",
                               "kind": "notice", "bills": ["B9"]}]}}, "accounts.0"),
    ({"account": {"bills": [BILL, BILL]}}, "accounts.0"),
    ({"months": [{"month": "2025-13"}]}, "months.0.month"),
    ({"move_ins": [{"id": "M1", "owner": "O1", "move_in_on": "2025-06-16",
                    "deadline": "2025-06-01"}]}, "move_ins.0"),
    # instants and days of facts lie in 1900-2199 (limits.Instant, limits.Day): the edge of
    # time once overflowed inside the job (an internal error, exit 3)
    ({"as_of": "0001-01-01T00:00:00+14:00"}, "as_of"),
    ({"as_of": "9999-12-31T23:59:00-14:00"}, "as_of"),
    ({"account": {"payments": [{"id": "P1", "at": "0001-01-01T00:00:00+14:00",
                                "amount": "1"}]}}, "accounts.0.payments.0.at"),
    ({"account": {"bills": [{**BILL, "due": "9999-12-31"}]}}, "accounts.0.bills.0.due"),
    ({"move_ins": [{"id": "M1", "owner": "O1", "move_in_on": "0001-01-01"}]},
     "move_ins.0.move_in_on"),
    ({"move_ins": [{"id": "M1", "owner": "O1", "move_in_on": "2025-06-16",
                    "came_at": "0001-01-01T00:00:00+14:00"}]}, "move_ins.0.came_at"),
])
def test_a_bad_case_is_refused_naming_its_field(change: dict[str, Any], field: str) -> None:
    assert _field_of(_case(**change)) == field


def test_the_functions_refuse_a_naive_instant_naming_as_of() -> None:
    account = FeeAccount(owner="O1", bills=[Bill.model_validate(BILL)])
    calls = [
        lambda: collection_status(account, as_of=NAIVE),
        lambda: collection_statuses([account], as_of=NAIVE),
        lambda: billing_status(BillingMonth(month="2025-03"), as_of=NAIVE),
        lambda: move_in_notices(MoveIn(id="M1", owner="O1", move_in_on=date(2025, 6, 16)),
                                as_of=NAIVE),
    ]
    for call in calls:
        with pytest.raises(InputError) as err:
            call()
        assert err.value.field == "as_of"


def test_the_functions_refuse_the_wrong_subject_and_policy_naming_them() -> None:
    with pytest.raises(InputError) as err:
        collection_status({"owner": "O1"}, as_of=at(2025, 6, 1))  # type: ignore[arg-type]
    assert err.value.field == "account"
    with pytest.raises(InputError) as err:
        collection_statuses([None], as_of=at(2025, 6, 1))  # type: ignore[list-item]
    assert err.value.field == "accounts[0]"
    account = FeeAccount(owner="O1")
    with pytest.raises(InputError) as err:
        collection_status(account, as_of=at(2025, 6, 1), policy="procedure10")
    assert err.value.field == "policy"
    with pytest.raises(InputError) as err:
        billing_status("2025-03", as_of=at(2025, 6, 1))  # type: ignore[arg-type]
    assert err.value.field == "month"
    with pytest.raises(InputError) as err:
        move_in_notices(None, as_of=at(2025, 6, 1))  # type: ignore[arg-type]
    assert err.value.field == "move_in"


def test_an_unvalidated_amount_beyond_the_cent_is_refused_not_rounded() -> None:
    bad = Bill.model_construct(id="B1", period="2025-01", amount=Decimal("1.005"),
                               due=date(2025, 1, 31))
    account = FeeAccount.model_construct(owner="O1", unit=None, bills=(bad,), payments=(),
                                         actions=(), acknowledgements=())
    with pytest.raises(InputError) as err:
        collection_status(account, as_of=at(2025, 6, 1))
    assert err.value.field == "bills[B1].amount"


def test_the_command_line_reports_hostile_lines_and_keeps_going() -> None:
    lines = "\n".join([
        json.dumps(_case()),
        "{not json",
        json.dumps(_case(account={"bills": [dict(BILL, amount=1e308)]})),
        json.dumps(_case(id="x" * 10_000)),
        json.dumps(_case()),
    ]) + "\n"
    import sys

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    sys.stdin = io.StringIO(lines)
    try:
        status = main(["fees", "-"], out=out, err=err)
    finally:
        sys.stdin = old
    assert status == 1
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    kinds = [r.get("kind") or r["format"] for r in records]
    assert kinds == ["fees.collection", "propmgmt.error.v1", "propmgmt.error.v1",
                     "propmgmt.error.v1", "fees.collection"]
    assert records[2]["errors"][0]["field"] == "accounts[0].bills[0].amount"
    assert records[3]["errors"][0]["field"] == "id"
