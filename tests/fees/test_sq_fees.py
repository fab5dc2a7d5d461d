"""`SQ-FEES`: paid services of a month summed and handed to the collection department by the
25th (end of the 25th); the bills made by the month's last day (30th/31st, February's last
day); cash reconciled with accounting every 3 days (`T-DAYS` from the last reconciliation)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from propmgmt_rules.decision import SetAsideReason
from propmgmt_rules.fees import (
    NANJING,
    BillingMonth,
    Reconciliation,
    ServiceRecord,
    SummaryHandover,
    billing_status,
)
from propmgmt_rules.time import ObligationState

from .helpers import at


def _record(ident: str, on: date, owner: str, amount: str) -> ServiceRecord:
    return ServiceRecord(id=ident, on=on, owner=owner, amount=Decimal(amount))


def _obligations(d: object) -> dict[str, object]:
    return {o.key.split(":", 1)[1]: o for o in d.outcome.obligations}  # type: ignore[attr-defined]


def test_sq_fees_summary_due_by_the_end_of_the_25th() -> None:
    month = BillingMonth(month="2025-03")
    summary = _obligations(billing_status(month, as_of=at(2025, 3, 20)))["summary"]
    assert summary.due == at(2025, 3, 26)  # type: ignore[attr-defined]
    assert summary.owed_by == "service_departments"  # type: ignore[attr-defined]
    assert summary.state is ObligationState.PENDING  # type: ignore[attr-defined]
    late = BillingMonth(month="2025-03", summary=SummaryHandover(at=at(2025, 3, 26, 0, 1)))
    got = _obligations(billing_status(late, as_of=at(2025, 3, 27)))["summary"]
    assert got.state is ObligationState.BREACHED  # type: ignore[attr-defined]
    on_time = BillingMonth(month="2025-03", summary=SummaryHandover(at=at(2025, 3, 25, 23, 59)))
    got = _obligations(billing_status(on_time, as_of=at(2025, 3, 27)))["summary"]
    assert got.state is ObligationState.MET  # type: ignore[attr-defined]


@pytest.mark.parametrize(("month", "last"), [
    ("2025-04", date(2025, 4, 30)), ("2025-05", date(2025, 5, 31)),
    ("2025-02", date(2025, 2, 28)), ("2024-02", date(2024, 2, 29)),
])
def test_sq_fees_bills_made_by_the_months_last_day(month: str, last: date) -> None:
    d = billing_status(BillingMonth(month=month), as_of=at(2025, 6, 1))
    bills = _obligations(d)["bills"]
    assert bills.due == at(last.year, last.month, last.day) + (  # type: ignore[attr-defined]
        at(2025, 1, 2) - at(2025, 1, 1))
    assert bills.owed_by == "collection_department"  # type: ignore[attr-defined]


def test_sq_fees_the_months_services_summed_to_the_cent_per_owner_and_in_all() -> None:
    month = BillingMonth(month="2025-03", records=[
        _record("S1", date(2025, 2, 26), "O1", "0.10"),
        _record("S2", date(2025, 3, 1), "O2", "0.20"),
        _record("S3", date(2025, 3, 25), "O1", "33.33"),
        _record("S4", date(2025, 2, 25), "O1", "99.00"),   # February's cycle
        _record("S5", date(2025, 3, 26), "O2", "99.00"),   # April's cycle
    ])
    d = billing_status(month, as_of=at(2025, 3, 31))
    assert d.outcome.cycle == (date(2025, 2, 26), date(2025, 3, 25))
    assert d.outcome.total == Decimal("33.63")
    assert [(o.owner, o.records, o.total) for o in d.outcome.owners] == [
        ("O1", 2, Decimal("33.43")), ("O2", 1, Decimal("0.20"))]
    aside = {f.fact: f.reason for f in d.facts_set_aside}
    assert aside == {"records[S4]": SetAsideReason.NOT_RELEVANT,
                     "records[S5]": SetAsideReason.NOT_RELEVANT}


def test_sq_fees_a_stated_summary_total_is_compared_with_the_records() -> None:
    month = BillingMonth(month="2025-03", records=[_record("S1", date(2025, 3, 3), "O1", "10.00")],
                         summary=SummaryHandover(at=at(2025, 3, 25, 9), total=Decimal("10.50")))
    d = billing_status(month, as_of=at(2025, 3, 26))
    assert d.outcome.summary_difference == Decimal("0.50")
    assert "0.50 yuan off the records' total" in d.explanation.en
    assert "相差0.50元" in d.explanation.zh


def test_sq_fees_cash_reconciled_within_3_days_of_the_last_reconciliation() -> None:
    month = BillingMonth(month="2025-03", previous_reconciliation=at(2025, 2, 27, 16),
                         reconciliations=[Reconciliation(id="R1", at=at(2025, 3, 2, 16)),
                                          Reconciliation(id="R2", at=at(2025, 3, 6, 9))])
    obs = _obligations(billing_status(month, as_of=at(2025, 3, 7, 12)))
    assert obs["reconciliation[R1]"].due == at(2025, 3, 3)  # type: ignore[attr-defined]
    assert obs["reconciliation[R1]"].state is ObligationState.MET  # type: ignore[attr-defined]
    assert obs["reconciliation[R2]"].due == at(2025, 3, 6)  # type: ignore[attr-defined]
    assert obs["reconciliation[R2]"].state is ObligationState.BREACHED  # type: ignore[attr-defined]
    assert obs["reconciliation[next]"].due == at(2025, 3, 10)  # type: ignore[attr-defined]
    assert obs["reconciliation[next]"].state is ObligationState.PENDING  # type: ignore[attr-defined]
    assert obs["reconciliation[R1]"].rules == ("SQ-FEES", "T-DAYS")  # type: ignore[attr-defined]


def test_sq_fees_without_the_last_reconciliation_before_the_month_it_is_missing() -> None:
    month = BillingMonth(month="2025-03", reconciliations=[Reconciliation(id="R1",
                                                                          at=at(2025, 3, 2))])
    d = billing_status(month, as_of=at(2025, 3, 3))
    assert [m.field for m in d.missing_facts] == ["months[2025-03].previous_reconciliation"]
    assert _obligations(d)["reconciliation[R1]"].due is None  # type: ignore[attr-defined]


def test_sq_fees_the_summary_day_is_a_policy_setting() -> None:
    policy = NANJING.derive(name="20th", billing={"summary_day": 20})
    d = billing_status(BillingMonth(month="2025-03"), as_of=at(2025, 3, 1), policy=policy)
    assert d.outcome.cycle == (date(2025, 2, 21), date(2025, 3, 20))
    assert _obligations(d)["summary"].due == at(2025, 3, 21)  # type: ignore[attr-defined]


def test_sq_fees_a_policy_without_billing_is_an_input_error_naming_the_policy() -> None:
    from propmgmt_rules import InputError

    with pytest.raises(InputError) as err:
        billing_status(BillingMonth(month="2025-03"), as_of=at(2025, 3, 1), policy="vk")
    assert err.value.field == "policy"
    assert "SQ-FEES" in err.value.reason
