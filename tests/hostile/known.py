"""The area defects the hostile-input suite knows about, as strict expected failures.

Each is either assigned already (issue 10, to the engineer of the area) or a numbered entry
of the shared findings file (``hostile-findings #N``). A strict ``xfail`` turns red the day
its defect is fixed: then delete the entry here (and the value's exclusion, if any) so that
the suite holds the fix.
"""

from __future__ import annotations

from typing import Final

import pytest

# -- reasons -------------------------------------------------------------------------------

COMP_TYPES: Final = ("issue 10 item 7 (complaints): a preset name or a wrong type raises "
                     "AttributeError/TypeError")
COMP_BATCH: Final = "issue 10 item 7 (complaints): evaluate_many raises for the whole batch"
RULEBOOK_RULES: Final = "hostile-findings #4"


def xfail(reason: str) -> pytest.MarkDecorator:
    """The strict expected failure of a known defect."""
    return pytest.mark.xfail(strict=True, reason=reason)


# -- API: (entry, argument, family of values) -> reason -------------------------------------

API: Final[dict[tuple[str, str, str], str]] = {
    ("complaints.evaluate_many", "complaints", "types"): COMP_BATCH,
}
"""Every group of hostile API values that some value of currently mishandles."""
