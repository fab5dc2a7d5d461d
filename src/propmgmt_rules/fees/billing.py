"""A billing month at an instant (`SQ-FEES`): the month's paid services summed to the cent,
handed to the collection department by the end of the 25th; the bills made by the end of
the month's last day; cash reconciled with accounting every 3 days (`T-DAYS` from the last
reconciliation). Each obligation with its deadline, who owes it, and its state.

>>> from datetime import date, datetime
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.fees.models import (BillingMonth, Reconciliation, ServiceRecord,
...                                         SummaryHandover)
>>> sh = ZoneInfo("Asia/Shanghai")
>>> march = BillingMonth(month="2025-03", records=[
...     ServiceRecord(id="S1", on=date(2025, 3, 3), owner="O1", amount=Decimal("80.00")),
...     ServiceRecord(id="S2", on=date(2025, 3, 20), owner="O2", amount=Decimal("35.50")),
...     ServiceRecord(id="S3", on=date(2025, 3, 27), owner="O1", amount=Decimal("60.00"))],
...     summary=SummaryHandover(at=datetime(2025, 3, 25, 17, tzinfo=sh)),
...     previous_reconciliation=datetime(2025, 2, 28, 16, tzinfo=sh),
...     reconciliations=[Reconciliation(id="R1", at=datetime(2025, 3, 3, 16, tzinfo=sh)),
...                      Reconciliation(id="R2", at=datetime(2025, 3, 7, 16, tzinfo=sh))])
>>> d = billing_status(march, as_of=datetime(2025, 3, 31, 12, tzinfo=sh))
>>> d.outcome.total, [(o.owner, o.total) for o in d.outcome.owners]
(Decimal('115.50'), [('O1', Decimal('80.00')), ('O2', Decimal('35.50'))])
>>> [(o.key, o.state.value) for o in d.outcome.obligations]
[('2025-03:summary', 'met'), ('2025-03:bills', 'pending'),
 ('2025-03:reconciliation[R1]', 'met'), ('2025-03:reconciliation[R2]', 'breached'),
 ('2025-03:reconciliation[next]', 'breached')]
"""

from __future__ import annotations

import calendar as _gregorian
from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from .._build import construct
from ..decision import SetAsideReason
from ..errors import InputError
from ..obligation import ObligationStatus, obligation_status
from ..render import Text, message
from ..time.calendar import require_aware
from ..time.phrasing import day_text, instant_text
from ..trace import Trace
from . import _messages  # noqa: F401  (the obligation sentence)
from ._days import day_rules
from .arrears import to_cents, yuan
from .models import BillingDecision, BillingMonth, BillingOutcome, OwnerTotal
from .policy import BillingSettings, FeePolicy
from .presets import NANJING, resolve_policy

__all__ = ["billing_status", "cycle_of"]

_ONE_DAY: Final = timedelta(days=1)
_OWNER_LINES: Final = 20


def cycle_of(year: int, month: int, summary_day: int) -> tuple[date, date]:
    """The first and last day of the services a month's summary covers: after the previous
    month's summary day, up to this month's.

    >>> cycle_of(2025, 1, 25)
    (datetime.date(2024, 12, 26), datetime.date(2025, 1, 25))
    """
    prev = date(year - 1, 12, summary_day) if month == 1 else date(year, month - 1, summary_day)
    return prev + _ONE_DAY, date(year, month, summary_day)


def billing_status(month: BillingMonth, *, as_of: datetime,
            policy: FeePolicy | str = NANJING) -> BillingDecision:
    """The billing month at ``as_of`` under ``policy`` (a :class:`FeePolicy` or a preset
    name): see the module's documentation."""
    resolved = resolve_policy(policy)
    settings: BillingSettings = resolved.settings("billing")
    require_aware(as_of, "as_of")
    if not isinstance(month, BillingMonth):
        raise InputError("month", "must be a BillingMonth", type(month).__name__)
    return _decide(month, as_of, resolved, settings, f"billing month {month.month}")


def _decide(month: BillingMonth, as_of: datetime, policy: FeePolicy, settings: BillingSettings,
            subject: str) -> BillingDecision:
    days = day_rules(policy)
    tz = days.tz
    year, mon = month.year_month
    first, last = cycle_of(year, mon, settings.summary_day)
    month_end = date(year, mon, _gregorian.monthrange(year, mon)[1])
    month_start = date(year, mon, 1)
    today = days.local_date(as_of)
    m = month.month
    tr = Trace()
    owners: dict[str, list[int]] = {}
    total = 0
    counted = 0
    for r in sorted(month.records, key=lambda r: (r.on, r.id)):
        key = f"records[{r.id}]"
        if not first <= r.on <= last:
            tr.set_aside(key, SetAsideReason.NOT_RELEVANT, "SQ-FEES",
                         f"{r.on.isoformat()} is outside the month's cycle")
        elif r.on > today:
            tr.set_aside(key, SetAsideReason.AFTER_AS_OF, "SQ-FEES")
        else:
            c = to_cents(r.amount, f"{key}.amount")
            total += c
            counted += 1
            got = owners.setdefault(r.owner, [0, 0])
            got[0] += 1
            got[1] += c
            tr.use(key, "SQ-FEES", f"{r.owner} {yuan(c)}")
    obligations: list[ObligationStatus] = []
    summary_due = days.end_of_day(last)
    summary_at = month.summary.at if month.summary is not None else None
    obligations.append(obligation_status(
        f"{m}:summary", ("SQ-FEES",),
        Text(f"hand the month's paid-service summary to the collection department by the "
             f"{_ordinal(settings.summary_day)}",
             f"每月{settings.summary_day}日前将特约服务费汇总交收款部门"),
        settings.summary_owed_by, policy.role(settings.summary_owed_by),
        due=summary_due, done_at=summary_at, as_of=as_of))
    stated = difference = None
    if month.summary is not None:
        if month.summary.at <= as_of:
            tr.use("summary", "SQ-FEES")
            if month.summary.total is not None:
                stated = to_cents(month.summary.total, "summary.total")
                difference = stated - total
        else:
            tr.set_aside("summary", SetAsideReason.AFTER_AS_OF, "SQ-FEES")
    obligations.append(obligation_status(
        f"{m}:bills", ("SQ-FEES",),
        Text("make the month's bills by the month's last day",
             "每月最后一日(30日或31日,二月为月末日)前完成账单制作"),
        settings.bills_owed_by, policy.role(settings.bills_owed_by),
        due=days.end_of_day(month_end), done_at=month.bills_made_at, as_of=as_of))
    if month.bills_made_at is not None:
        if month.bills_made_at <= as_of:
            tr.use("bills_made_at", "SQ-FEES")
        else:
            tr.set_aside("bills_made_at", SetAsideReason.AFTER_AS_OF, "SQ-FEES")
    every = settings.reconcile_every
    prev = month.previous_reconciliation
    if prev is not None:
        tr.use("previous_reconciliation", every.rule_id)
    duty = Text(f"reconcile cash with accounting within {every} of the last reconciliation",
                f"自上次核对起{every.zh}内与财务会计核对台帐")
    owed, owed_name = settings.reconcile_owed_by, policy.role(settings.reconcile_owed_by)
    for rec in sorted(month.reconciliations, key=lambda r: (r.at, r.id)):
        key = f"reconciliations[{rec.id}]"
        if not month_start <= days.local_date(rec.at) <= month_end:
            tr.set_aside(key, SetAsideReason.NOT_RELEVANT, "SQ-FEES", "in another month")
            continue
        if rec.at > as_of:
            tr.set_aside(key, SetAsideReason.AFTER_AS_OF, "SQ-FEES")
            continue
        due = days.after(days.local_date(prev), every)[1] if prev is not None else None
        if due is None:
            _missing_previous(tr, m)
        obligations.append(obligation_status(f"{m}:reconciliation[{rec.id}]",
                                             ("SQ-FEES", every.rule_id), duty, owed, owed_name,
                                             due=due, done_at=rec.at, as_of=as_of))
        tr.use(key, "SQ-FEES")
        prev = rec.at
    if prev is None:
        if not tr.missing_facts:
            _missing_previous(tr, m)
        obligations.append(obligation_status(f"{m}:reconciliation[next]",
                                             ("SQ-FEES", every.rule_id), duty, owed, owed_name,
                                             due=None, done_at=None, as_of=as_of))
    else:
        last_day, due = days.after(days.local_date(prev), every)
        if last_day <= month_end:
            obligations.append(obligation_status(
                f"{m}:reconciliation[next]", ("SQ-FEES", every.rule_id), duty, owed, owed_name,
                due=due, done_at=None, as_of=as_of))
    owner_totals = tuple(
        construct(OwnerTotal, {"owner": o, "records": n, "total": yuan(c)})
        for o, (n, c) in sorted(owners.items()))
    outcome = construct(BillingOutcome, {
        "what": "billing", "month": m, "cycle": (first, last), "records": counted,
        "total": yuan(total), "owners": owner_totals,
        "summary_total": yuan(stated) if stated is not None else None,
        "summary_difference": yuan(difference) if difference is not None else None,
        "obligations": tuple(obligations)})
    tr.tell("fees.billing.month", m, as_of, tz, first, last, counted, total, len(owners))
    for o in owner_totals[:_OWNER_LINES]:
        tr.tell("fees.billing.owner", o)
    if len(owner_totals) > _OWNER_LINES:
        tr.tell("fees.billing.more", len(owner_totals) - _OWNER_LINES)
    if stated is not None and difference is not None:
        tr.tell("fees.billing.summary", stated, difference)
    outside = sum(1 for f in tr.aside if f.reason is SetAsideReason.NOT_RELEVANT)
    if outside:
        tr.tell("fees.billing.outside", outside)
    for ob in obligations:
        tr.tell("fees.obligation", ob, tz)
    if tr.missing_facts:
        tr.line(_NO_PREVIOUS)
    tr.rule("SQ-FEES", every.rule_id)
    return tr.decision(BillingDecision, kind="fees.billing", subject=subject, outcome=outcome,
                       basis=policy.basis, as_of=as_of)


_NO_PREVIOUS: Final = Text("The last reconciliation before the month is not given: the first "
                           "reconciliation's deadline cannot be set.",
                           "未提供本月之前最后一次核对的时间:无法确定首次核对的期限。")


@message("fees.billing.month")
def _month_line(m: str, as_of: datetime, tz: tzinfo, first: date, last: date, counted: int,
                total: int, owners: int) -> Text:
    at = instant_text(as_of, tz, year=True)
    f, la = day_text(first, year=True), day_text(last, year=True)
    return Text(f"Billing month {m} at {at.en}: {_n(counted, 'paid-service record')} from "
                f"{f.en} to {la.en}, {yuan(total)} yuan for {_n(owners, 'owner')} (SQ-FEES).",
                f"{m}账单月截至{at.zh}:{f.zh}至{la.zh}的特约服务记录{counted}条,共{yuan(total)}元,"
                f"涉及业主{owners}户(SQ-FEES)。")


@message("fees.billing.owner")
def _owner_line(o: OwnerTotal) -> Text:
    return Text(f"Owner {o.owner}: {_n(o.records, 'record')}, {o.total} yuan.",
                f"业主{o.owner}:{o.records}条,{o.total}元。")


@message("fees.billing.more")
def _more_line(more: int) -> Text:
    return Text(f"... and {_n(more, 'more owner')}.", f"……另有业主{more}户。")


@message("fees.billing.summary")
def _summary_line(stated: int, difference: int) -> Text:
    if difference == 0:
        return Text(f"The summary handed over states {yuan(stated)} yuan: it matches the "
                    "records.",
                    f"所交汇总金额为{yuan(stated)}元,与记录相符。")
    return Text(f"The summary handed over states {yuan(stated)} yuan: {yuan(difference)} yuan "
                "off the records' total.",
                f"所交汇总金额为{yuan(stated)}元,与记录合计相差{yuan(difference)}元。")


@message("fees.billing.outside")
def _outside_line(outside: int) -> Text:
    return Text(f"{_n(outside, 'fact')} of other months set aside.",
                f"其他月份的记录{outside}条不计入。")


def _missing_previous(tr: Trace, month: str) -> None:
    tr.missing(f"months[{month}].previous_reconciliation", "SQ-FEES",
               "When was cash last reconciled with accounting before this month?")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
