"""`COM-ROUND` (catalog section 2, Commission): how amounts are rounded. Data only."""

from __future__ import annotations

from ..rule import Rule, with_code

__all__ = ["DECIDED_IN", "RULES"]

RULES: tuple[Rule, ...] = (
    Rule(
        id="COM-ROUND",
        area="commission",
        source="catalog §2 Commission (COM); 佣金结算",
        clause="COM-ROUND",
        text="佣金以元为单位,保留两位小数(精确到分);先按精确比例计算各方应得份额,最后一次性分配到分,余下的分按余数从大到小逐一分配。",
        summary=(
            "Amounts are Decimal yuan with 2 places, rounded once at the end: each party's exact "
            "share is a fraction, each part is rounded down to 0.01, and the remaining cents go "
            "one each to the largest remainders (ties: the order the parties are listed). No "
            "float, no dependence on the global decimal context."
        ),
    ),
)

DECIDED_IN: dict[str, tuple[str, ...]] = {
    "COM-ROUND": ("propmgmt_rules.money.allocate", "propmgmt_rules.money.in_cents"),
}
"""The functions that decide each rule."""

RULES = with_code(RULES, DECIDED_IN)
