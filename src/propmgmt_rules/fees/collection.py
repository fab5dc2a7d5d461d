"""An owner's fee account at an instant (`VK-FEE`, `VK-FEE-LIMIT`): the arrears per bill
after the payments, each rung of the collection ladder, each unpaid bill's limitation expiry,
and the escalation to the office director before a claim lapses.

>>> from datetime import date, datetime
>>> from decimal import Decimal
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.fees.models import Bill, CollectionAction, FeeAccount, Payment
>>> sh = ZoneInfo("Asia/Shanghai")
>>> account = FeeAccount(owner="O1", bills=[
...     Bill(id="B1", period="2025-01", amount=Decimal("300.00"), due=date(2025, 1, 31)),
...     Bill(id="B2", period="2025-02", amount=Decimal("300.00"), due=date(2025, 2, 28))],
...     payments=[Payment(id="P1", at=datetime(2025, 2, 20, 10, tzinfo=sh), amount=Decimal("120"))],
...     actions=[CollectionAction(id="A1", at=datetime(2025, 2, 25, 9, tzinfo=sh), kind="notice")])
>>> d = collection_status(account, as_of=datetime(2025, 3, 10, 12, tzinfo=sh))
>>> d.outcome.arrears, [(b.bill, b.remaining) for b in d.outcome.bills]
(Decimal('480.00'), [('B1', Decimal('180.00')), ('B2', Decimal('300.00'))])
>>> [(r.action.value, r.falls_due_on.isoformat(), r.state.value) for r in d.outcome.rungs[:2]]
[('notice', '2025-03-25', 'done'), ('phone', '2025-03-31', 'not_due')]
>>> [(e.bill, e.interrupted_by, e.last_day.isoformat()) for e in d.outcome.expiries]
[('B1', 'actions[A1]', '2028-02-25'), ('B2', None, '2028-02-28')]
>>> print(d.explanation.en.splitlines()[0])
Owner O1 at Mon 10 Mar 2025 12:00: 480.00 yuan in arrears on 2 bills, the oldest B1
(last day to pay Fri 31 Jan 2025); 1 payment applied, oldest bill first (VK-FEE).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, Final

from .._build import construct_dict
from ..decision import (
    DECISION_FORMAT,
    Escalation,
    Explanation,
    FactSetAside,
    FactUsed,
    RuleNotApplied,
    SetAsideReason,
    Text,
)
from ..errors import InputError
from ..render import message
from ..time.calendar import require_aware
from ..time.phrasing import day_text, instant_text
from ._days import DayRules, day_rules
from .arrears import Ledger, apply_payments, payment_order, yuan
from .ladder import RungStep, rungs
from .limitation import Expiry, expiries
from .models import (
    Acknowledgement,
    AppliedPayment,
    BillBalance,
    BillExpiry,
    BillState,
    CollectionAction,
    CollectionDecision,
    CollectionOutcome,
    FeeAccount,
    LimitationState,
    Payment,
    RungState,
    RungStatus,
)
from .policy import CollectionSettings, FeePolicy, PaymentOrder
from .presets import VK, resolve_policy

__all__ = ["collection_status", "collection_statuses"]

_ESCALATED: Final = (LimitationState.NEAR_EXPIRY, LimitationState.EXPIRED)


def collection_status(account: FeeAccount, *, as_of: datetime,
               policy: FeePolicy | str = VK) -> CollectionDecision:
    """The owner's account at ``as_of`` under ``policy`` (a :class:`FeePolicy` or a preset
    name): see the module's documentation. Facts after ``as_of`` are set aside; the same
    facts in any order give the same decision."""
    resolved = resolve_policy(policy)
    settings: CollectionSettings = resolved.settings("collection")
    require_aware(as_of, "as_of")
    if not isinstance(account, FeeAccount):
        raise InputError("account", "must be a FeeAccount", type(account).__name__)
    return _decide(account, as_of, resolved, settings, day_rules(resolved),
                   f"owner {account.owner}")


def collection_statuses(accounts: Iterable[FeeAccount], *, as_of: datetime,
                policy: FeePolicy | str = VK) -> list[CollectionDecision]:
    """:func:`collection` for many accounts at one instant (the policy resolved once). Each
    decision's trace, explanation and outcome are written when first read.

    >>> from zoneinfo import ZoneInfo
    >>> collection_statuses([], as_of=datetime(2025, 3, 1, tzinfo=ZoneInfo("UTC")))
    []
    """
    resolved = resolve_policy(policy)
    settings: CollectionSettings = resolved.settings("collection")
    require_aware(as_of, "as_of")
    days = day_rules(resolved)
    out: list[CollectionDecision] = []
    for n, account in enumerate(accounts):
        if not isinstance(account, FeeAccount):
            raise InputError(f"accounts[{n}]", "must be a FeeAccount", type(account).__name__)
        out.append(_decide(account, as_of, resolved, settings, days, f"owner {account.owner}"))
    return out


# -- the decision -----------------------------------------------------------------------------


class _Run:
    """What one account's decision is made of (kept by the decision until first read)."""

    __slots__ = ("account", "acks", "actions", "arrears", "as_of", "due_ends", "expiries",
                 "later", "ledger", "policy", "settings", "steps")

    def __init__(self, account: FeeAccount, as_of: datetime, policy: FeePolicy,
                 settings: CollectionSettings, ledger: Ledger, later: list[Payment],
                 actions: list[CollectionAction], acks: list[Acknowledgement],
                 due_ends: list[datetime], arrears: list[int], steps: list[RungStep],
                 expiries: list[Expiry]) -> None:
        self.account = account
        self.as_of = as_of
        self.policy = policy
        self.settings = settings
        self.ledger = ledger
        self.later = later
        self.actions = actions
        self.acks = acks
        self.due_ends = due_ends
        self.arrears = arrears
        self.steps = steps
        self.expiries = expiries


def _up_to(facts: Iterable[Any], as_of: datetime) -> list[Any]:
    return sorted((f for f in facts if f.at <= as_of), key=payment_order)


def _decide(account: FeeAccount, as_of: datetime, policy: FeePolicy,
            settings: CollectionSettings, days: DayRules, subject: str) -> CollectionDecision:
    payments = account.payments
    paid_by_now = [p for p in payments if p.at <= as_of]
    later = [p for p in payments if p.at > as_of] if len(paid_by_now) < len(payments) else []
    ledger = apply_payments(account.bills, paid_by_now, settings.payment_order)
    end_of_day = days.end_of_day
    due_ends = [end_of_day(b.due) for b in ledger.bills]
    paid, amounts = ledger.paid, ledger.amounts
    arrears = [i for i, end in enumerate(due_ends) if as_of > end and paid[i] < amounts[i]]
    actions = _up_to(account.actions, as_of)
    acks = _up_to(account.acknowledgements, as_of)
    if arrears:
        first = arrears[0]
        steps = rungs(settings, days, ledger.bills[first].due, due_ends[first], actions, as_of)
        limits = expiries(settings, days, ledger, arrears, due_ends, actions, acks, as_of)
    else:
        steps = rungs(settings, days, None, None, actions, as_of)
        limits = []
    run = _Run(account, as_of, policy, settings, ledger, later, actions, acks, due_ends,
               arrears, steps, limits)
    escalated = [e for e in limits if e.state in _ESCALATED]
    fields: dict[str, Any] = {
        "format": DECISION_FORMAT,
        "kind": "fees.collection",
        "subject": subject,
        "as_of": as_of,
        "decided_by": ("VK-FEE", "VK-FEE-LIMIT", "T-MONTHS") if arrears else ("VK-FEE",),
        "not_applied": () if arrears else _NO_ARREARS,
        "missing_facts": (),
        "basis": policy.basis,
        "provisional": None,
        "escalation": _escalation(run, escalated) if escalated else None,
        # the explanation is its own atom: read, it writes the sentences from the run alone
        # (neither the outcome's models nor the trace are built for it)
        "explanation": Explanation.from_lines((("fees.collection", run),)),
    }
    return CollectionDecision.later(fields, _write, run, None, _outcome, run)


_NO_ARREARS: Final = (RuleNotApplied("VK-FEE-LIMIT", "no bill is in arrears"),)


def _escalation(run: _Run, escalated: list[Expiry]) -> Escalation:
    first = min(escalated, key=lambda e: (e.expires, e.bill))
    bill = run.ledger.bills[first.bill].id
    at = instant_text(first.expires, run.policy.work_calendar.tz, year=True)
    n = len(escalated)
    margin = run.settings.escalation_margin_days
    to = run.settings.escalate_to
    return Escalation(
        to=to,
        to_name=run.policy.role(to),
        rules=("VK-FEE-LIMIT",),
        reason=Text(
            f"{n} unpaid bill{'s' if n > 1 else ''} without a suit within {margin} days of "
            f"the limitation expiry or past it (the first: {bill}, expiring {at.en}): decide "
            "on a suit or another interruption before the claim lapses",
            f"{n}张欠费账单未起诉且距诉讼时效届满不足{margin}日或已届满(最早:{bill},"
            f"于{at.zh}届满):请决定起诉或以其他方式中断时效,避免债权超过诉讼时效",
        ),
    )


# -- the outcome, built when first read -------------------------------------------------------


def _outcome(run: _Run) -> CollectionOutcome:
    ledger = run.ledger
    applied: list[list[AppliedPayment]] = [[] for _ in ledger.bills]
    for i, k, c in ledger.allocations:
        applied[i].append(construct_dict(AppliedPayment, {"payment": ledger.payments[k].id,
                                                     "amount": yuan(c)}))
    arrears = set(run.arrears)
    bills = []
    open_cents = 0
    for i, b in enumerate(ledger.bills):
        left = ledger.remaining(i)
        if left == 0:
            state = BillState.PAID
        elif i in arrears:
            state = BillState.ARREARS
        else:
            state = BillState.OPEN
            open_cents += left
        bills.append(construct_dict(BillBalance, {
            "bill": b.id, "period": b.period, "due": b.due, "amount": yuan(ledger.amounts[i]),
            "paid": yuan(ledger.paid[i]), "remaining": yuan(left), "state": state,
            "applied": tuple(applied[i])}))
    rung_out = tuple(construct_dict(RungStatus, {
        "action": s.rung.action, "every": s.rung.every, "owed_by": s.rung.owed_by,
        "last_action": s.last.id if s.last is not None else None,
        "last_done_at": s.last.at if s.last is not None else None,
        "falls_due_on": s.last_day, "next_due": s.next_due, "state": s.state,
    }) for s in run.steps)
    exp_out = tuple(construct_dict(BillExpiry, {
        "bill": ledger.bills[e.bill].id, "runs_from": e.runs_from,
        "interrupted_by": e.interrupted_by, "last_day": e.last_day, "expires": e.expires,
        "warn_from": e.warn_from, "state": e.state,
    }) for e in run.expiries)
    return construct_dict(CollectionOutcome, {
        "what": "collection",
        "owner": run.account.owner,
        "arrears": yuan(sum(ledger.remaining(i) for i in run.arrears)),
        "not_yet_due": yuan(open_cents),
        "credit": yuan(ledger.credit),
        "oldest_unpaid": ledger.bills[run.arrears[0]].id if run.arrears else None,
        "bills": tuple(bills),
        "rungs": rung_out,
        "expiries": exp_out,
        "escalated_bills": tuple(ledger.bills[e.bill].id for e in run.expiries
                                 if e.state in _ESCALATED),
    })


# -- the trace and the explanation, written when first read -----------------------------------


_ORDER_TEXT: Final = {
    PaymentOrder.OLDEST_FIRST: Text("oldest bill first", "先冲抵最早到期的账单"),
    PaymentOrder.DESIGNATED_FIRST: Text("designated bills first, then oldest bill first",
                                        "先冲抵业主指定的账单,再冲抵最早到期的账单"),
}
_RUNG_STATE: Final = {
    RungState.OVERDUE: Text("overdue", "已逾期"),
    RungState.DUE: Text("due today", "今日到期"),
    RungState.DONE: Text("done, the next not due yet", "已完成,下次尚未到期"),
    RungState.NOT_DUE: Text("not due yet", "尚未到期"),
    RungState.CLEAR: Text("clear", "无需催缴"),
}
_LIMIT_STATE: Final = {
    LimitationState.RUNNING: Text("running", "时效进行中"),
    LimitationState.NEAR_EXPIRY: Text("near expiry with no suit", "即将届满且未起诉"),
    LimitationState.EXPIRED: Text("expired with no suit", "已届满且未起诉"),
    LimitationState.IN_SUIT: Text("in suit", "已起诉"),
}
_FACT_NAMES: Final = {
    "payments": Text("payment", "缴款"),
    "acknowledgements": Text("written acknowledgement", "书面确认"),
}


def _fact_text(key: str, run: _Run) -> Text:
    """A fact key (``actions[A3]``) as people read it: "payment notice A3" /
    「发送缴费通知单A3」."""
    field, _, rest = key.partition("[")
    ident = rest[:-1]
    if field == "actions":
        kind = next(a.kind for a in run.actions if a.id == ident)
        return Text(f"{kind.text.en} {ident}", f"{kind.text.zh}{ident}")
    name = _FACT_NAMES[field]
    return Text(f"{name.en} {ident}", f"{name.zh}{ident}")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _write(run: _Run, _lines: object) -> dict[str, Any]:
    """The trace, written when the decision is first read whole."""
    return {"facts_used": _facts_used(run), "facts_set_aside": _facts_set_aside(run)}


def _interrupters(run: _Run) -> dict[str, list[str]]:
    """Fact key -> the bills whose limitation runs from it."""
    out: dict[str, list[str]] = {}
    for e in run.expiries:
        if e.interrupted_by is not None:
            out.setdefault(e.interrupted_by, []).append(run.ledger.bills[e.bill].id)
    return out


def _suits(run: _Run) -> set[str]:
    """Suits that put some bill in suit."""
    if not any(e.state is LimitationState.IN_SUIT for e in run.expiries):
        return set()
    return {f"actions[{a.id}]" for a in run.actions if a.kind.value == "suit"}


def _facts_used(run: _Run) -> tuple[FactUsed, ...]:
    ledger = run.ledger
    used: list[FactUsed] = []
    arrears = set(run.arrears)
    for i, b in enumerate(ledger.bills):
        state = ("paid" if ledger.remaining(i) == 0 else
                 "in arrears" if i in arrears else "not yet due")
        used.append(FactUsed(f"bills[{b.id}]", "VK-FEE", state))
    parts: dict[int, list[str]] = {}
    for i, k, c in ledger.allocations:
        parts.setdefault(k, []).append(f"{ledger.bills[i].id} {yuan(c)}")
    interrupts = _interrupters(run)
    for k, p in enumerate(ledger.payments):
        note = ", ".join(parts.get(k, []))
        used.append(FactUsed(f"payments[{p.id}]", "VK-FEE", f"applied: {note or 'none'}"))
        key = f"payments[{p.id}]"
        if key in interrupts:
            used.append(FactUsed(key, "VK-FEE-LIMIT", f"interrupts {', '.join(interrupts[key])}"))
    ladder = {s.last.id for s in run.steps if s.last is not None}
    suits = _suits(run)
    for a in run.actions:
        key = f"actions[{a.id}]"
        if a.id in ladder:
            used.append(FactUsed(key, "VK-FEE", f"the last {a.kind.text.en} in these arrears"))
        if key in interrupts:
            used.append(FactUsed(key, "VK-FEE-LIMIT", f"interrupts {', '.join(interrupts[key])}"))
        elif key in suits:
            used.append(FactUsed(key, "VK-FEE-LIMIT", "a suit: no escalation"))
    for ack in run.acks:
        key = f"acknowledgements[{ack.id}]"
        if key in interrupts:
            used.append(FactUsed(key, "VK-FEE-LIMIT", f"interrupts {', '.join(interrupts[key])}"))
    return tuple(used)


def _facts_set_aside(run: _Run) -> tuple[FactSetAside, ...]:
    out: list[FactSetAside] = []
    if run.settings.payment_order is PaymentOrder.OLDEST_FIRST:
        for k in run.ledger.set_aside_designations:
            out.append(FactSetAside(
                f"payments[{run.ledger.payments[k].id}].bills",
                SetAsideReason.DISABLED_BY_RULEBOOK, "VK-FEE",
                "the policy applies every payment to the oldest bill first"))
    for p in run.later:
        out.append(FactSetAside(f"payments[{p.id}]", SetAsideReason.AFTER_AS_OF, "VK-FEE"))
    as_of = run.as_of
    for a in run.account.actions:
        if a.at > as_of:
            out.append(FactSetAside(f"actions[{a.id}]", SetAsideReason.AFTER_AS_OF, "VK-FEE"))
    for ack in run.account.acknowledgements:
        if ack.at > as_of:
            out.append(FactSetAside(f"acknowledgements[{ack.id}]", SetAsideReason.AFTER_AS_OF,
                                    "VK-FEE-LIMIT"))
    interrupts = _interrupters(run)
    ladder = {s.last.id for s in run.steps if s.last is not None}
    suits = _suits(run)
    rung_actions = {r.action for r in run.settings.rungs}
    since = run.due_ends[run.arrears[0]] if run.arrears else None
    for a in run.actions:
        key = f"actions[{a.id}]"
        if a.id in ladder or key in interrupts or key in suits:
            continue
        if since is None or a.at <= since:
            out.append(FactSetAside(key, SetAsideReason.NOT_RELEVANT, "VK-FEE",
                                    "before the current arrears began: it chased none of them"))
        elif a.kind not in rung_actions:
            out.append(FactSetAside(key, SetAsideReason.DISABLED_BY_RULEBOOK, "VK-FEE",
                                    "no rung of the policy's ladder; a later interruption "
                                    "decides every limitation"))
        else:
            out.append(FactSetAside(key, SetAsideReason.SUPERSEDED, "VK-FEE",
                                    f"a later {a.kind.text.en} decides the next one, and a "
                                    "later interruption every limitation"))
    for ack in run.acks:
        key = f"acknowledgements[{ack.id}]"
        if key not in interrupts:
            reason = (SetAsideReason.NOT_RELEVANT if since is None or ack.at <= since
                      else SetAsideReason.SUPERSEDED)
            out.append(FactSetAside(key, reason, "VK-FEE-LIMIT",
                                    "no bill in arrears then" if reason is
                                    SetAsideReason.NOT_RELEVANT else
                                    "a later interruption decides every limitation"))
    return tuple(out)


@message("fees.collection")
def _explanation(run: _Run) -> Text:
    """The collection decision's sentences, a line each, written from the run."""
    lines = _lines_of(run)
    return Text("\n".join(t.en for t in lines), "\n".join(t.zh for t in lines))


def _lines_of(run: _Run) -> list[Text]:
    ledger = run.ledger
    tz = run.policy.work_calendar.tz
    at = instant_text(run.as_of, tz, year=True)
    order = _ORDER_TEXT[run.settings.payment_order]
    n_pay = len(ledger.payments)
    owner = run.account.owner
    lines: list[Text] = []
    if run.arrears:
        first = ledger.bills[run.arrears[0]]
        total = yuan(sum(ledger.remaining(i) for i in run.arrears))
        due = day_text(first.due, year=True)
        lines.append(Text(
            f"Owner {owner} at {at.en}: {total} yuan in arrears on "
            f"{_n(len(run.arrears), 'bill')}, the oldest {first.id} (last day to pay "
            f"{due.en}); {_n(n_pay, 'payment')} applied, {order.en} (VK-FEE).",
            f"业主{owner}截至{at.zh}:欠费{total}元,共{len(run.arrears)}张账单,最早为{first.id}"
            f"(缴费期限{due.zh});已冲抵缴款{n_pay}笔,{order.zh}(VK-FEE)。"))
    else:
        lines.append(Text(
            f"Owner {owner} at {at.en}: no arrears; {_n(n_pay, 'payment')} applied, "
            f"{order.en}; the collection ladder does not apply (VK-FEE).",
            f"业主{owner}截至{at.zh}:无欠费;已冲抵缴款{n_pay}笔,{order.zh};"
            "无需催缴(VK-FEE)。"))
    arrears = set(run.arrears)
    open_bills = [i for i in range(len(ledger.bills))
                  if i not in arrears and ledger.remaining(i) > 0]
    if open_bills:
        left = yuan(sum(ledger.remaining(i) for i in open_bills))
        lines.append(Text(f"{left} yuan unpaid on {_n(len(open_bills), 'bill')} not yet due.",
                          f"未到缴费期限的账单{len(open_bills)}张,未缴{left}元。"))
    if ledger.credit:
        credit = yuan(ledger.credit)
        lines.append(Text(f"A credit of {credit} yuan: payments beyond every bill.",
                          f"多缴{credit}元,超出全部账单,作为预存款。"))
    if run.later:
        lines.append(Text(f"{_n(len(run.later), 'payment')} after this instant not applied.",
                          f"此时刻之后的缴款{len(run.later)}笔未计入。"))
    for i in run.arrears:
        b = ledger.bills[i]
        due = day_text(b.due, year=True)
        lines.append(Text(
            f"Bill {b.id} ({b.period}, {yuan(ledger.amounts[i])} yuan, last day to pay "
            f"{due.en}): {yuan(ledger.paid[i])} paid, "
            f"{yuan(ledger.remaining(i))} in arrears.",
            f"账单{b.id}({b.period}期,{yuan(ledger.amounts[i])}元,缴费期限{due.zh}):"
            f"已缴{yuan(ledger.paid[i])}元,欠费{yuan(ledger.remaining(i))}元。"))
    if run.arrears:
        for s in run.steps:
            assert s.last_day is not None
            what = s.rung.action.text
            if s.last is not None:
                on = instant_text(s.last.at, tz, year=True)
                last = Text(f"last on {on.en} ({s.last.id})", f"上次于{on.zh}({s.last.id})")
            else:
                last = Text("none yet in these arrears", "本次欠费以来尚未进行")
            day = day_text(s.last_day, year=True)
            state = _RUNG_STATE[s.state]
            lines.append(Text(
                f"{what.en.capitalize()} every {s.rung.every}: {last.en}; the next falls due "
                f"on {day.en} (by 24:00): {state.en} (VK-FEE, {s.rung.every.rule_id}).",
                f"每{s.rung.every.zh}{what.zh}:{last.zh};下次应于{day.zh}24:00前完成:"
                f"{state.zh}(VK-FEE,{s.rung.every.rule_id})。"))
    span = run.settings.limitation
    groups: list[list[Expiry]] = []  # bills whose periods run alike share a sentence
    for e in run.expiries:
        if groups and groups[-1][0][1:] == (e.runs_from, e.interrupted_by, e.last_day,
                                             e.expires, e.warn_from, e.state):
            groups[-1].append(e)
        else:
            groups.append([e])
    for group in groups:
        e = group[0]
        ids = [ledger.bills[g.bill].id for g in group]
        who = (Text(f"Bill {ids[0]}", f"账单{ids[0]}") if len(ids) == 1 else
               Text(f"Bills {', '.join(ids[:-1])} and {ids[-1]}", f"账单{'、'.join(ids)}"))
        start = day_text(e.runs_from, year=True)
        if e.interrupted_by is None:
            why = Text(f"{'its' if len(ids) == 1 else 'their'} last day to pay (Civil Code "
                       "Art. 188)", "缴费期限届满之日(《民法典》第一百八十八条)")
        else:
            fact = _fact_text(e.interrupted_by, run)
            why = Text(f"the interruption by {fact.en} (Civil Code Art. 195)",
                       f"{fact.zh}中断时效之日(《民法典》第一百九十五条)")
        ends = instant_text(e.expires, tz, year=True)
        state = _LIMIT_STATE[e.state]
        lines.append(Text(
            f"{who.en}: the limitation period of {span} runs from {start.en}, "
            f"{why.en}, and expires {ends.en}: {state.en} (VK-FEE-LIMIT, {span.rule_id}).",
            f"{who.zh}:{span.zh}诉讼时效自{start.zh}起算,即{why.zh},于{ends.zh}届满:"
            f"{state.zh}(VK-FEE-LIMIT,{span.rule_id})。"))
    return lines
