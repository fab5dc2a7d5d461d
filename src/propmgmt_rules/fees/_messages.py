"""The sentences the fee questions share, registered with the one renderer
(:mod:`propmgmt_rules.render`) and written when an explanation is first read."""

from __future__ import annotations

from datetime import tzinfo

from ..obligation import ObligationStatus, obligation_text
from ..render import Text, message

__all__ = ["obligation_line"]


@message("fees.obligation")
def obligation_line(ob: ObligationStatus, tz: tzinfo) -> Text:
    """An obligation's sentence: the core's :func:`~propmgmt_rules.obligation.obligation_text`,
    instants in ``tz``."""
    return obligation_text(ob, tz)
