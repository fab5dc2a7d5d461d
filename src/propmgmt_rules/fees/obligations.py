"""The one function that builds the area's obligation records (billing, move-in notices), on
the time package's :func:`~propmgmt_rules.time.deadline.status_at`.

>>> from datetime import datetime, tzinfo
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.decision import Text
>>> sh = ZoneInfo("Asia/Shanghai")
>>> ob = obligation("2025-03:bills", ("SQ-FEES",), Text("make the bills", "完成账单制作"),
...                 "collection_department", Text("the collection department", "收款部门"),
...                 due=datetime(2025, 4, 1, tzinfo=sh), done_at=None,
...                 as_of=datetime(2025, 4, 2, 9, tzinfo=sh))
>>> ob.state.value, ob.late_by
('breached', datetime.timedelta(days=1, seconds=32400))
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from .._build import construct
from ..decision import Text
from ..time.deadline import ObligationState, status_at
from ..time.phrasing import instant_text
from .models import Obligation

__all__ = ["obligation", "obligation_line"]


def obligation(key: str, rules: tuple[str, ...], duty: Text, owed_by: str, owed_by_name: Text,
               *, due: datetime | None, done_at: datetime | None,
               as_of: datetime) -> Obligation:
    """An obligation and its state at ``as_of``: met, breached or pending (`status_at`); with
    no ``due`` it is met once done (at or before ``as_of``), else pending."""
    if due is None:
        done = done_at is not None and done_at <= as_of
        return construct(Obligation, {
            "key": key, "rules": rules, "duty": duty, "owed_by": owed_by,
            "owed_by_name": owed_by_name, "due": None, "done_at": done_at if done else None,
            "state": ObligationState.MET if done else ObligationState.PENDING,
            "late_by": None, "remaining": None})
    st = status_at(due, done_at, as_of)
    return construct(Obligation, {
        "key": key, "rules": rules, "duty": duty, "owed_by": owed_by,
        "owed_by_name": owed_by_name, "due": due, "done_at": st.done_at, "state": st.state,
        "late_by": st.late_by, "remaining": st.remaining})


_STATE = {
    ObligationState.MET: Text("met", "已按时完成"),
    ObligationState.BREACHED: Text("breached", "已逾期"),
    ObligationState.PENDING: Text("pending", "待完成"),
}


def obligation_line(ob: Obligation, zone: tzinfo | None = None) -> Text:
    """One sentence for an obligation: who owes what by when, and where it stands (instants
    in ``zone``, default their own)."""
    state = _STATE[ob.state]
    rules = ", ".join(ob.rules)
    rules_zh = ",".join(ob.rules)
    if ob.due is None:
        due = Text("no deadline can be set", "无法确定期限")
    else:
        at = instant_text(ob.due, zone, year=True)
        due = Text(f"due {at.en}", f"期限{at.zh}")
    done = Text("", "")
    if ob.done_at is not None:
        at = instant_text(ob.done_at, zone, year=True)
        done = Text(f", done {at.en}", f",完成于{at.zh}")
    who = ob.owed_by_name.en
    return Text(
        f"{who[:1].upper()}{who[1:]}: {ob.duty.en}, {due.en}{done.en}: {state.en} ({rules}).",
        f"{ob.owed_by_name.zh}:{ob.duty.zh},{due.zh}{done.zh}:{state.zh}({rules_zh})。",
    )
