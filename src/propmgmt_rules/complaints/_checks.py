"""The checks at the engine's door: a complaint, an instant asked about (the rest of the input
is validated by the models).

>>> from datetime import datetime
>>> from propmgmt_rules.errors import InputError
>>> try:
...     check_as_of(datetime(2025, 3, 3, 10))
... except InputError as exc:
...     print(exc.field)
as_of
"""

from __future__ import annotations

from datetime import datetime

from ..errors import InputError
from ..time.calendar import require_aware, require_instant
from ._tables import AWARE_TZ_TYPES
from .models import Complaint

__all__ = ["check_as_of", "check_complaint"]


def check_complaint(c: Complaint) -> None:
    """A :class:`Complaint` whose receipt is an aware instant of the years 1900 to 2199, or an
    :class:`InputError` naming the field."""
    if type(c) is not Complaint and not isinstance(c, Complaint):
        raise InputError("complaint", "must be a Complaint (validate the data with "
                         "Complaint.model_validate)", type(c).__name__)
    at = c.received_at
    if not isinstance(at, datetime) or type(at.tzinfo) not in AWARE_TZ_TYPES:
        require_aware(at, "complaint.received_at")
    if not 1900 < at.year < 2199:  # else within a day of its year: surely in range
        require_instant(at, "complaint.received_at")


def check_as_of(as_of: datetime) -> None:
    """An aware instant of the years 1900 to 2199, or an :class:`InputError` naming
    ``as_of``."""
    require_instant(as_of, "as_of")
