"""Revisit windows (`OM-RV2`): a completed repair is revisited within its category's window
(safety 2 days, leak 3 days, other 7 days in the presets), never beyond one week.

:func:`revisit_due` (the deadline) and :func:`revisit_status` (its standing at an instant) are
the fast answers for bulk use; :func:`revisit_window` is the explained decision, with the
first revisit's standing.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> sh = ZoneInfo("Asia/Shanghai")
>>> rep = CompletedRepair(id="R3", completed_at=datetime(2025, 3, 7, 15, 0, tzinfo=sh),
...                       category="safety", description="消防门闭门器更换")
>>> revisit_due(rep).isoformat()
'2025-03-10T00:00:00+08:00'
>>> revisit_status(rep, None, as_of=datetime(2025, 3, 10, 9, 0, tzinfo=sh)).state
<ObligationState.BREACHED: 'breached'>
>>> d = revisit_window(rep)
>>> d.outcome.due.isoformat(), d.decided_by
('2025-03-10T00:00:00+08:00', ('OM-RV2', 'T-DAYS'))
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone, tzinfo
from operator import attrgetter
from typing import Any, Final

from pydantic_core import TzInfo

from .._build import construct_dict
from .._memo import Memo
from ..decision import (
    Explanation,
    FactSetAside,
    FactUsed,
    SetAsideReason,
    decision_of,
)
from ..errors import InputError
from ..render import Text, message
from ..time.calendar import WorkCalendar
from ..time.deadline import DeadlineStatus, deadline, status_at
from ..time.phrasing import day_text, instant_text, is_end_of_day
from ..time.span import Span, SpanUnit
from ..trace import Trace
from ._common import (
    REVISITOR,
    at_text,
    each,
    happened,
    instant,
    need,
    obligation,
    obligation_parts,
    within,
)
from .models import CompletedRepair, RevisitRecord, RevisitWindowDecision, RevisitWindowOutcome
from .policy import ONE_WEEK, RepairPolicy, RevisitCategory
from .presets import CATALOG, resolve_policy

__all__ = [
    "DAY_UNITS",
    "case_window",
    "case_window_due",
    "decide_window",
    "first_revisit",
    "local_day",
    "repair_window",
    "revisit_due",
    "revisit_order",
    "revisit_status",
    "revisit_window",
    "window_due",
]

_DUTY: Final = Text("revisit the repair", "维修回访")
_CAPPED: Final = Text("The window is cut at one week after the repair (OM-RV2).",
                      "回访时间不超过维修后一星期(OM-RV2)。")
_WORKING_UNITS: Final = frozenset({SpanUnit.WORKING_DAYS, SpanUnit.WORKING_HOURS,
                                   SpanUnit.WORKING_MINUTES})
_ONE_US: Final = timedelta(microseconds=1)


def _needs_cap(span: Span) -> bool:
    """Whether a window could end after one week (validation refuses the obvious cases):
    working-time windows, and any window extended over rest days (`T-REST-DAY-EXTENSION`)."""
    return span.extend_over_rest_days or span.unit in _WORKING_UNITS


def window_due(completed_at: datetime, cat: RevisitCategory,
               cal: WorkCalendar) -> tuple[datetime, bool]:
    """`OM-RV2`: the revisit deadline of a repair of category ``cat`` completed at
    ``completed_at``, and whether the one-week cap cut it."""
    due = deadline(completed_at, cat.window, cal)
    if _needs_cap(cat.window):
        cap = deadline(completed_at, ONE_WEEK, cal)
        if cap < due:
            return cap, True
    return due, False


DAY_UNITS: Final = frozenset({SpanUnit.SAME_DAY, SpanUnit.DAYS, SpanUnit.MONTHS,
                              SpanUnit.WORKING_DAYS})
"""The units of the windows that end with a day (`T-SAME-DAY`, `T-DAYS`, `T-MONTHS`,
`T-WORKING-DAYS`): every repair completed on the same local day has the same window."""

_Window = tuple[datetime, bool, date, bool]
_DUES: Memo[tuple[object, int, int], tuple[RevisitCategory, WorkCalendar, _Window]] = Memo(1024)


def case_window(completed_at: datetime, cat: RevisitCategory, cal: WorkCalendar) -> _Window:
    """:func:`window_due` and what follows from it, remembered: ``(due, capped, last day,
    whether due is a local midnight)``, the last day being the calendar's local day of the
    deadline's last instant.

    A bounded memo over the same functions, keyed by the very category and calendar objects,
    and by the local day of completion for a window of days, :data:`DAY_UNITS`, else by the
    instant: a case asks for a repair's window in its window decision, again in its quotas'
    counting and in its plan, and a job's repairs are completed on a few days. The bulk
    answers (:func:`revisit_due`, :func:`revisit_status`) do not use it."""
    return _case_window(completed_at, cat, cal, None)


def _case_window(completed_at: datetime, cat: RevisitCategory, cal: WorkCalendar,
                 day: int | None) -> _Window:
    """:func:`case_window`, ``day`` the ordinal of the local day of completion when known."""
    if cat.window.unit in DAY_UNITS:
        if day is None:
            day = completed_at.astimezone(cal.tz).toordinal()
        key: tuple[object, int, int] = (day, id(cat), id(cal))
    else:
        key = (completed_at, id(cat), id(cal))
    got = _DUES.get(key)
    if got is not None and got[0] is cat and got[1] is cal:
        return got[2]
    due, capped = window_due(completed_at, cat, cal)
    tz = cal.tz
    window = (due, capped, (due - _ONE_US).astimezone(tz).date(), is_end_of_day(due, tz))
    _DUES.put(key, (cat, cal, window))
    return window


_REPAIRS: Memo[int, tuple[CompletedRepair, RevisitCategory, WorkCalendar,
                          tuple[date, _Window], datetime]] = Memo(256)


def repair_window(repair: CompletedRepair, cat: RevisitCategory, cal: WorkCalendar, *,
                  keep: bool = True) -> tuple[date, _Window]:
    """The local day ``repair`` was completed on and its :func:`case_window`, remembered
    per repair object (a bounded memo, keyed by the very repair, category and calendar
    objects): a case's window decisions work them out, its plan reads them again. With
    ``keep=False`` one not remembered yet is worked out and not kept (a plan of many repairs
    does not flood the memo)."""
    return _repair_window(repair, cat, cal, keep)[3]


def _repair_window(repair: CompletedRepair, cat: RevisitCategory, cal: WorkCalendar,
                   keep: bool) -> tuple[CompletedRepair, RevisitCategory, WorkCalendar,
                                        tuple[date, _Window], datetime]:
    """:func:`repair_window`'s entry: the repair, category and calendar, the local day and
    window, and the instant of completion in the calendar's zone (the window's sentence
    writes it: not converted a second time)."""
    got = _REPAIRS.get(id(repair))
    if got is not None and got[0] is repair and got[1] is cat and got[2] is cal:
        return got
    at = repair.completed_at
    local = at.astimezone(cal.tz)
    first = local.date()
    entry = (repair, cat, cal, (first, _case_window(at, cat, cal, first.toordinal())), local)
    if keep:
        _REPAIRS.put(id(repair), entry)
    return entry


def local_day(repair: CompletedRepair, cal: WorkCalendar) -> date:
    """The local day ``repair`` was completed on in ``cal``'s zone: as :func:`repair_window`
    kept it when its window was decided (a case's window decisions come first), else worked
    out."""
    got = _REPAIRS.get(id(repair))
    if got is not None and got[0] is repair and got[2] is cal:
        return got[3][0]
    return repair.completed_at.astimezone(cal.tz).date()


def case_window_due(completed_at: datetime, cat: RevisitCategory,
                    cal: WorkCalendar) -> tuple[datetime, bool]:
    """:func:`window_due`, remembered (:func:`case_window`)."""
    window = case_window(completed_at, cat, cal)
    return window[0], window[1]


def revisit_due(repair: CompletedRepair, *, policy: RepairPolicy | str = CATALOG) -> datetime:
    """`OM-RV2`: the revisit deadline of a completed ``repair``: its category's window, never
    beyond one week, under ``policy`` (a policy or a preset's name). Fast: for bulk use.

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> done = datetime(2025, 3, 7, 15, 0, tzinfo=ZoneInfo("Asia/Shanghai"))   # a Friday
    >>> [revisit_due(CompletedRepair(id="R1", completed_at=done, category=c)).date().isoformat()
    ...  for c in ("safety", "leak", "other")]
    ['2025-03-10', '2025-03-11', '2025-03-15']
    """
    resolved = policy if type(policy) is RepairPolicy else resolve_policy(policy)
    if type(repair) is not CompletedRepair:
        need(repair, CompletedRepair, "repair")
    cat = resolved.category(repair.category, "repair.category")
    return window_due(repair.completed_at, cat, resolved.work_calendar)[0]


def revisit_status(repair: CompletedRepair, revisited_at: datetime | None = None, *,
                   as_of: datetime, policy: RepairPolicy | str = CATALOG) -> DeadlineStatus:
    """`OM-RV2`: where the revisit of a completed ``repair``, made at ``revisited_at`` (None:
    not yet), stands at ``as_of``: met, breached or pending. A revisit before the completion
    does not count (it cannot revisit a repair not yet done); one after ``as_of`` has not
    happened yet. Fast: for bulk use."""
    due = revisit_due(repair, policy=policy)
    if revisited_at is not None:
        instant(revisited_at, "revisited_at")
        if revisited_at < repair.completed_at:
            revisited_at = None
    instant(as_of, "as_of")
    return status_at(due, revisited_at, as_of)


def first_revisit(repair: CompletedRepair, revisits: Iterable[RevisitRecord],
                  as_of: datetime | None, tr: Trace) -> RevisitRecord | None:
    """The first revisit of ``repair`` that counts at ``as_of`` (`OM-RV2`); the others of it
    are set aside in ``tr`` with their reason. ``revisits`` are in time order (then by id)."""
    first, aside = _first_revisit(repair, revisits, as_of)
    tr.aside += aside
    return first


def _first_revisit(repair: CompletedRepair, revisits: Iterable[RevisitRecord],
                   as_of: datetime | None) -> tuple[RevisitRecord | None, list[FactSetAside]]:
    """:func:`first_revisit`: the first revisit, and the others set aside (in order)."""
    first: RevisitRecord | None = None
    aside: list[FactSetAside] = []
    rid, completed_at = repair.id, repair.completed_at
    for r in revisits:
        if r.repair != rid:
            continue
        if r.at < completed_at:
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.OUTSIDE_WINDOW,
                                      "OM-RV2", "before the repair was completed"))
        elif not happened(r.at, as_of):
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.AFTER_AS_OF,
                                      "OM-RV2"))
        elif first is None:
            first = r
        else:
            aside.append(FactSetAside(f"revisits[{r.id}]", SetAsideReason.NOT_FIRST, "OM-RV2"))
    return first, aside


def revisit_order(revisits: Iterable[RevisitRecord]) -> list[RevisitRecord]:
    """Revisits in the order the rules read them: by instant, then by id.

    When every instant has a fixed offset (as read from JSON), they are sorted by id and
    then, stably, by instant: the same order (two such instants are equal exactly when
    neither is before the other), with one comparison of instants a step instead of the
    pair's two (``==``, then ``<``: each of two instants of distinct zone objects calls
    both zones' ``utcoffset``)."""
    items = list(revisits)
    if len(items) < 2:
        return items
    for v in items:
        if type(v.at.tzinfo) not in _FIXED:  # an offset that may depend on the fold:
            items.sort(key=_AT_ID)  # its == and < can disagree on one instant
            return items
    items.sort(key=_ID)
    items.sort(key=_AT)
    return items


_FIXED: Final = frozenset({timezone, type(TzInfo(0))})
"""The zones of a fixed offset (``datetime.timezone``, pydantic's)."""
_ID: Final = attrgetter("id")
_AT: Final = attrgetter("at")
_AT_ID: Final = attrgetter("at", "id")


def _window_line(rid: str, cat: RevisitCategory, completed_at: datetime,
                 tz: tzinfo | None) -> tuple[str, str]:
    """A window's first sentence, its category's window from the instant of completion, in
    English and in Chinese (``tz`` None: ``completed_at`` is in the zone already)."""
    at = instant_text(completed_at, tz, year=True)  # written once (not kept: no other
    # sentence names the instant of completion with its year)
    (en, en_end), (zh, zh_end) = _category_parts(cat)
    return f"{rid}{en}{at.en}{en_end}", f"{rid}{zh}{at.zh}{zh_end}"


_PARTS: Memo[int, tuple[RevisitCategory, tuple[tuple[str, str], tuple[str, str]]]] = Memo(256)


def _category_parts(cat: RevisitCategory) -> tuple[tuple[str, str], tuple[str, str]]:
    """What a window's sentence says of its category, before and after the instant of
    completion, in English and in Chinese (remembered per category object: a policy's few
    categories are written in every window's sentence)."""
    got = _PARTS.get(id(cat))
    if got is not None and got[0] is cat:
        return got[1]
    limit, rule = within(cat.window), cat.window.rule_id
    parts = ((f" ({cat.name_en}, category {cat.key!r}) was completed ",
              f": revisit {limit.en} (OM-RV2, {rule})."),
             (f"({cat.name_zh})于", f"维修完毕:应{limit.zh}回访(OM-RV2、{rule})。"))
    _PARTS.put(id(cat), (cat, parts))
    return parts


@functools.lru_cache(maxsize=256)
def _last_day_text(last: date) -> Text:
    """A window's last day (kept per day: the windows of a case end on a few days)."""
    day = day_text(last)
    return Text(f"Revisit by the end of {day.en}, the window's last day.",
                f"回访期限最后一日为{day.zh},当日24:00前回访。")


def _by_line(due: datetime, tz: tzinfo) -> Text:
    at = at_text(due, tz)
    return Text(f"Revisit by {at.en}.", f"{at.zh}前回访。")


@message("repairs.revisit", atom=True)
def _window_text(line: tuple[Any, ...]) -> tuple[str, str]:
    """A window decision's sentences, one atom ``("repairs.revisit", repair id, category,
    completed at (in the zone), zone, capped, last day, due, obligation)``, written at once
    (one line of the trace, not three or four; its two texts, no :class:`Text` for each
    sentence): its window (:func:`_window_line`), the cut at one week when capped, its last
    day (given for a window ending at a local midnight, else None) or its deadline
    (:func:`_last_day_text`, :func:`_by_line`), and its obligation's standing
    (:func:`~._common.obligation_line`)."""
    _, rid, cat, completed_at, tz, capped, last, due, ob = line
    en, zh = _window_line(rid, cat, completed_at, None)  # the instant is the zone's
    if capped:
        en, zh = f"{en}\n{_CAPPED.en}", f"{zh}\n{_CAPPED.zh}"
    end = _last_day_text(last) if last is not None else _by_line(due, tz)
    ob_en, ob_zh = obligation_parts(ob, tz)
    return f"{en}\n{end.en}\n{ob_en}", f"{zh}\n{end.zh}\n{ob_zh}"


def revisit_window(repair: CompletedRepair, revisits: Iterable[RevisitRecord] = (), *,
                   as_of: datetime | None = None,
                   policy: RepairPolicy | str = CATALOG) -> RevisitWindowDecision:
    """`OM-RV2` explained: the revisit deadline of a completed ``repair`` from its (explicit)
    category, and the standing of its first revisit among ``revisits`` at ``as_of`` (without
    it, the facts decide alone), under ``policy`` (a policy or a preset's name)."""
    resolved = resolve_policy(policy)
    repair = need(repair, CompletedRepair, "repair")
    revisits = each(revisits, RevisitRecord, "revisits")
    if as_of is not None:
        instant(as_of, "as_of")
    return decide_window(repair, revisit_order(revisits), as_of, resolved,
                         f"repair {repair.id}")


def decide_window(repair: CompletedRepair, revisits: Iterable[RevisitRecord],
                  as_of: datetime | None, policy: RepairPolicy,
                  subject: str) -> RevisitWindowDecision:
    """:func:`revisit_window` of validated arguments (``revisits`` in time order), with its
    subject. Built by the core's one builder with its records given at once (a job decides
    ten windows a case): the rules of its category (:func:`_decided_by`), the facts of
    the repair and of its first revisit, the others set aside (:func:`first_revisit`)."""
    if not policy.categories:
        raise InputError("policy.categories", "the policy has no revisit windows (OM-RV2 off)")
    cal = policy.work_calendar
    cat = policy.known_category(repair.category) or policy.category(
        repair.category, f"completed[{repair.id}].category")
    _, _, _, (_, (due, capped, last, end_of_day)), local = _repair_window(repair, cat, cal,
                                                                          True)
    first, aside = _first_revisit(repair, revisits, as_of) if revisits else (None, ())
    rid, completed_at = repair.id, repair.completed_at
    done = first.at if first is not None else None
    ob = obligation(f"{rid}:revisit", "OM-RV2", _DUTY, REVISITOR, completed_at, due, done,
                    as_of)
    used: tuple[FactUsed, ...] = (FactUsed(f"completed[{rid}].completed_at", "OM-RV2"),
                                  FactUsed(f"completed[{rid}].category", "OM-RV2"))
    if first is not None:
        used += (FactUsed(f"revisits[{first.id}]", "OM-RV2"),)
    outcome = construct_dict(RevisitWindowOutcome, {
        "what": "revisit_window", "repair": rid, "category": cat.key,
        "window": cat.window, "completed_at": completed_at, "due": due,
        "last_day": last, "capped_at_one_week": capped, "revisited_at": done, "obligation": ob})
    # the core's one builder, its fields given positionally (decision_of: what
    # build_decision calls, without a keyword call of fourteen arguments)
    return decision_of(
        RevisitWindowDecision, "repair.revisit_window", subject, as_of, outcome,
        _decided_by(cat, capped), (), used, tuple(aside), (), policy.basis, None, None,
        Explanation.from_lines((("repairs.revisit", rid, cat, local, cal.tz, capped,
                                 last if end_of_day else None, due, ob),)))


def _decided_by(cat: RevisitCategory, capped: bool) -> tuple[str, ...]:
    """The rules that decide a window of category ``cat``: `OM-RV2` and its span's rule, and
    `T-DAYS` when the week cut it (each once, in that order; remembered per category
    object)."""
    got = _DECIDED.get(id(cat))
    if got is None or got[0] is not cat:
        rules = ("OM-RV2", cat.window.rule_id)
        got = _DECIDED.put(id(cat), (cat, tuple(dict.fromkeys(rules)),
                                     tuple(dict.fromkeys((*rules, "T-DAYS")))))
    return got[2] if capped else got[1]


_DECIDED: Memo[int, tuple[RevisitCategory, tuple[str, ...], tuple[str, ...]]] = Memo(256)
