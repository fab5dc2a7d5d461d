"""The rules of catalog section 5 (`VK-FEE`, `VK-FEE-LIMIT`, `SQ-FEES`, `MI-4.3.1`,
`MI-4.3.2`) as registry records. Data only: the wording is the presets' own
(:mod:`.presets`), so a clause is written once.

Where each is decided: `VK-FEE` in :mod:`.arrears` (payments applied) and :mod:`.ladder`
(the rungs), `VK-FEE-LIMIT` in :mod:`.limitation`, all three read together by
:func:`~propmgmt_rules.fees.collection.collection_status`; `SQ-FEES` in :mod:`.billing`;
`MI-4.3.1` and `MI-4.3.2` in :mod:`.notices`.
"""

from __future__ import annotations

from ..rule import Rule, with_code
from .presets import nanjing, procedure10, vk

__all__ = ["DECIDED_IN", "RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        id="VK-FEE",
        area="fees",
        source=vk.SOURCE,
        clause="收费制度化 (fee collection as a system)",
        text=vk.LADDER_WORDING,
        summary=(
            "Fee arrears ladder: for an owner with unpaid fees, a payment notice every month, a "
            "phone reminder every two months, a visit every quarter, a lawyer's letter every "
            "half year, a lawsuit every year (within the limitation period)."
        ),
        interpretation=(
            "Each rung's first action falls due one interval (1, 2, 3, 6, 12 months, T-MONTHS) "
            "after the oldest unpaid bill's last day to pay, and again one interval after the "
            "rung's last action recorded since the arrears began, while any arrears remain. "
            "Payments are applied to the oldest bill first; arrears are never negative and a "
            "payment beyond every bill is a credit. Late fees are not in the source."
        ),
        settings=("collection.rungs", "collection.payment_order"),
    ),
    Rule(
        id="VK-FEE-LIMIT",
        area="fees",
        source=f"{vk.SOURCE}; PRC Civil Code Arts. 188, 195",
        clause="每年起诉(诉讼时效); 《民法典》第一百八十八条、第一百九十五条",
        text=vk.ART_188 + vk.ART_195,
        summary=(
            "The limitation period of a fee claim: 3 years from the bill's due date (Art. 188); "
            "a recorded demand (notice, phone reminder, visit, lawyer's letter), a part payment "
            "or written acknowledgement, or a suit interrupts it and a new 3 years runs from "
            "that day (Art. 195). Each unpaid bill's expiry is given, and the office director "
            "is asked to decide when an unpaid bill comes within the margin (default 90 days) "
            "of expiry with no suit: a claim never lapses silently."
        ),
        interpretation=(
            "3 years is 36 months (T-MONTHS) from the last day to pay, or from the day of the "
            "last interruption after it. A demand or acknowledgement naming no bill concerns "
            "every bill in arrears at that instant; a payment interrupts the bills it is "
            "applied to. No rest-day extension by default (the earlier, safer expiry). A bill "
            "with a suit is not escalated; one past expiry without a suit is."
        ),
        settings=("collection.limitation", "collection.escalation_margin_days",
                  "collection.escalate_to"),
    ),
    Rule(
        id="SQ-FEES",
        area="fees",
        source=nanjing.SOURCE,
        clause="二、工作流程 3 有偿服务; 一、客户服务人员职责 8",
        text=nanjing.BILLING_WORDING + nanjing.CASH_WORDING,
        summary=(
            "Paid (special) services of a month are summed and handed to the collection "
            "department by the 25th (end of the 25th); the bills are made by the month's last "
            "day (30th/31st, February's last day); cash is reconciled with accounting every 3 "
            "days (T-DAYS from the last reconciliation)."
        ),
        interpretation=(
            "The month's summary covers the services after the previous month's 25th up to "
            "this month's 25th. Totals are exact to the cent, per owner and in all; a total "
            "stated with the hand-over is compared with the records'. The first reconciliation "
            "of a month counts from the last one before it, reported missing if not given."
        ),
        settings=("billing.summary_day", "billing.reconcile_every"),
    ),
    Rule(
        id="MI-4.3.1",
        area="fees",
        source=procedure10.SOURCE,
        clause="4.3.1 发出收房通知书 (the move-in notice)",
        text=procedure10.NOTICE_WORDING,
        summary="The move-in notice is sent about 10 days before the move-in date.",
        interpretation=(
            "Due by the end (24:00) of the day 10 days before the move-in date (T-BEFORE); a "
            "policy may set the number of days and an earliest day, before which a notice "
            "does not count."
        ),
        settings=("move_in.notice_days_before", "move_in.earliest_days_before"),
    ),
    Rule(
        id="MI-4.3.2",
        area="fees",
        source=procedure10.SOURCE,
        clause="4.3.2 再次通知与登报催办 (the reminder and the public notice)",
        text=procedure10.REMINDER_WORDING,
        summary=(
            "An owner who has not come 3 days after the move-in deadline is notified again; "
            "if the owner still has not come, the office director decides on a public notice."
        ),
        interpretation=(
            "An owner who has not come by the end of the deadline day is sent a reminder, by "
            "letter or phone, by the end of the 3rd day after it (T-DAYS). Once that day has "
            "ended with the owner still absent, the decision escalates to the office director, "
            "who decides whether to publish a notice (登报催办): never an automatic notice."
        ),
        settings=("move_in.reminder_within", "move_in.escalate_to"),
    ),
)

DECIDED_IN: dict[str, tuple[str, ...]] = {
    "VK-FEE": (
        "propmgmt_rules.fees.collection.collection_status",
        "propmgmt_rules.fees.collection.collection_statuses",
        "propmgmt_rules.fees.arrears.apply_payments",
        "propmgmt_rules.fees.ladder.rungs",
    ),
    "VK-FEE-LIMIT": (
        "propmgmt_rules.fees.collection.collection_status",
        "propmgmt_rules.fees.limitation.expiries",
        "propmgmt_rules.fees.collection._escalation",
    ),
    "SQ-FEES": (
        "propmgmt_rules.fees.billing.billing_status",
        "propmgmt_rules.fees.billing.cycle_of",
    ),
    "MI-4.3.1": (
        "propmgmt_rules.fees.notices.move_in_notices",
        "propmgmt_rules.fees.notices.days_before",
    ),
    "MI-4.3.2": (
        "propmgmt_rules.fees.notices.move_in_notices",
        "propmgmt_rules.fees.notices._reminder",
    ),
}
"""The functions that decide each rule (the public question first)."""

RULES = with_code(RULES, DECIDED_IN)
