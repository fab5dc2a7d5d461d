"""The typed record of a catalog rule (one row of the rule registry).

A rule's ``id`` is the stable catalog id (``T-DAYS``, ``T-WORKING-DAYS``); ``source``
names the document and part it comes from; ``clause`` the clause in that document; ``text``
the original Chinese wording; ``summary`` the English summary; ``interpretation`` the reading
the catalog fixed where the wording is ambiguous; ``settings`` the policy settings a rulebook
or policy may change for it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Rule"]


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
