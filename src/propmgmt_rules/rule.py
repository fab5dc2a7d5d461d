"""The typed record of a catalog rule (one row of the rule registry).

A rule's ``id`` is the stable catalog id (``T-DAYS``, ``T-WORKING-DAYS``); ``source``
names the document and part it comes from; ``clause`` the clause in that document; ``text``
the original Chinese wording; ``summary`` the English summary; ``interpretation`` the reading
the catalog fixed where the wording is ambiguous; ``settings`` the policy settings a rulebook
or policy may change for it; ``decided_in`` the functions that decide it (dotted import
paths, the deciding function first): from a rule id to its code in one hop.

Each area keeps its records and a table of the code deciding each one in its ``rules``
module, joined by :func:`with_code`:

>>> rules = with_code((Rule(id="T-DAYS", area="time", source="catalog §1", clause="§1 days",
...                         text="n日内", summary="n days"),),
...                   {"T-DAYS": ("propmgmt_rules.time.deadline.deadline",)})
>>> rules[0].decided_in
('propmgmt_rules.time.deadline.deadline',)
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Rule", "with_code"]


class Rule(BaseModel):
    """One catalog rule, as the registry lists it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[A-Z]{1,3}-[A-Z0-9.\-]+$")
    area: str
    source: str
    clause: str
    text: str
    summary: str
    interpretation: str | None = None
    settings: tuple[str, ...] = ()
    decided_in: tuple[str, ...] = Field(
        default=(),
        description="the functions that decide the rule, as dotted import paths "
        "(propmgmt_rules.<module>.<function> or <module>.<Class>.<method>), the deciding "
        "function first")


def with_code(rules: tuple[Rule, ...], decided_in: Mapping[str, tuple[str, ...]]
              ) -> tuple[Rule, ...]:
    """``rules`` with each one's ``decided_in`` from the table (by rule id). A table entry
    for a rule not in ``rules`` is a mistake (a ``KeyError`` naming it)."""
    unknown = sorted(set(decided_in) - {r.id for r in rules})
    if unknown:
        raise KeyError(f"decided_in names rules that are not here: {unknown}")
    return tuple(r.model_copy(update={"decided_in": decided_in[r.id]})
                 if r.id in decided_in else r for r in rules)
