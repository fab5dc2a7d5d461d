"""The base of every area's settings type: a calendar, a rulebook, a policy.

A setting is data (a frozen pydantic model, unknown fields refused); a company copies a preset
and changes what it wants with :meth:`Policy.derive`, which validates the result exactly as
the type validates any input (a changed setting is checked again, never trusted). An area
with settings that move together (choosing ``household`` replaces the rule it implements)
says so in :meth:`Policy._derive_changes`.

>>> from pydantic import ValidationError
>>> class Reply(Policy):
...     name: str
...     within_hours: int = 2
>>> fast = Reply(name="fast").derive(name="faster", within_hours=1)
>>> fast.within_hours
1
>>> try:
...     fast.derive(within_hour=3)
... except ValidationError as exc:
...     print(exc.errors()[0]["loc"], exc.errors()[0]["type"])
('within_hour',) extra_forbidden
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel, ConfigDict

__all__ = ["Policy"]


class Policy(BaseModel):
    """Settings read by an area's engine: frozen, unknown fields refused, and
    :meth:`derive` to make a validated variant."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    def derive(self, **changes: Any) -> Self:
        """A copy with ``changes``, validated as a new setting of this type (a pydantic
        ``ValidationError`` naming each bad field). Nested settings given as dicts or models
        replace the old ones whole."""
        data = {name: getattr(self, name) for name in type(self).model_fields}  # no caches
        data.update(self._derive_changes(data, changes))
        return self.model_validate(data)

    def _derive_changes(self, data: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
        """The changes to apply to ``data`` (this setting's fields) for :meth:`derive`:
        as given, unless an area's setting says otherwise."""
        return changes
