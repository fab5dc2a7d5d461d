"""A move-in's notices at an instant (`MI-4.3.1`, `MI-4.3.2`): the move-in notice, due by the
end of the day 10 days before the move-in date (`T-BEFORE`; the days and an earliest day
are policy settings); a reminder by letter or phone to an owner who has not come by the
deadline, due by the end of the 3rd day after it (`T-DAYS`); then, if the owner still has
not come, an escalation to the office director, who decides on a public notice.

>>> from datetime import date, datetime
>>> from zoneinfo import ZoneInfo
>>> from propmgmt_rules.fees.models import MoveIn, MoveInNotice
>>> sh = ZoneInfo("Asia/Shanghai")
>>> unit = MoveIn(id="M1", owner="O1", move_in_on=date(2025, 6, 16), deadline=date(2025, 6, 20),
...               notices=[MoveInNotice(id="N1", at=datetime(2025, 6, 5, 10, tzinfo=sh),
...                                     kind="notice")])
>>> d = move_in_notices(unit, as_of=datetime(2025, 6, 25, 9, tzinfo=sh))
>>> [(o.key, o.state.value) for o in d.outcome.obligations]
[('M1:notice', 'met'), ('M1:reminder', 'breached')]
>>> d.escalation.to, d.escalation.to_name.zh
('office_director', '管理处主任')
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, tzinfo
from typing import Final

from .._build import construct
from ..decision import SetAsideReason
from ..errors import InputError
from ..obligation import ObligationStatus, obligation_status
from ..render import Text, message
from ..time.calendar import WorkCalendar, require_aware
from ..time.deadline import deadline
from ..time.phrasing import day_text, instant_text
from ..trace import Trace
from . import _messages  # noqa: F401  (the obligation sentence)
from ._days import day_rules
from .models import MoveIn, MoveInDecision, MoveInNotice, MoveInOutcome
from .policy import FeePolicy, MoveInSettings
from .presets import PROCEDURE_10, resolve_policy

__all__ = ["days_before", "move_in_notices"]

_ONE_DAY: Final = timedelta(days=1)


def days_before(target: datetime, n: int, calendar: WorkCalendar) -> datetime:
    """`T-BEFORE`: the latest instant to act ``n`` days before ``target``, the end (24:00) of
    local day ``target.date() - n``, by the time package's
    :func:`~propmgmt_rules.time.deadline.deadline` ("10 days before")."""
    return deadline(target, f"{n} days before", calendar)


def move_in_notices(move_in: MoveIn, *, as_of: datetime,
                    policy: FeePolicy | str = PROCEDURE_10) -> MoveInDecision:
    """The move-in's notices at ``as_of`` under ``policy`` (a :class:`FeePolicy` or a preset
    name): see the module's documentation."""
    resolved = resolve_policy(policy)
    settings: MoveInSettings = resolved.settings("move_in")
    require_aware(as_of, "as_of")
    if not isinstance(move_in, MoveIn):
        raise InputError("move_in", "must be a MoveIn", type(move_in).__name__)
    return _decide(move_in, as_of, resolved, settings, f"move-in {move_in.id}")


def _decide(mi: MoveIn, as_of: datetime, policy: FeePolicy, settings: MoveInSettings,
            subject: str) -> MoveInDecision:
    days = day_rules(policy)
    cal = days.calendar
    tz = days.tz
    tr = Trace()
    tr.rule("MI-4.3.1", "T-BEFORE")
    obligations: list[ObligationStatus] = []
    n = settings.notice_days_before
    target = days.start_of_day(mi.move_in_on)
    notice_due = days_before(target, n, cal)
    earliest = None
    if settings.earliest_days_before is not None:
        last = days_before(target, settings.earliest_days_before, cal)
        earliest = days.start_of_day(days.local_date(last) - _ONE_DAY)
    tr.use("move_in_on", "MI-4.3.1")
    notices = sorted(mi.notices, key=lambda x: (x.at, x.id))
    sent: MoveInNotice | None = None
    for x in notices:
        if x.kind != "notice":
            continue
        key = f"notices[{x.id}]"
        if x.at > as_of:
            tr.set_aside(key, SetAsideReason.AFTER_AS_OF, "MI-4.3.1")
        elif earliest is not None and x.at < earliest:
            tr.set_aside(key, SetAsideReason.OUTSIDE_WINDOW, "MI-4.3.1",
                         "earlier than the policy's earliest day")
        elif sent is not None:
            tr.set_aside(key, SetAsideReason.NOT_FIRST, "MI-4.3.1")
        else:
            sent = x
            tr.use(key, "MI-4.3.1")
    obligations.append(obligation_status(
        f"{mi.id}:notice", ("MI-4.3.1", "T-BEFORE"),
        Text(f"send the move-in notice {n} days before the move-in date",
             f"提前{n}天向业主发出交房入住通知"),
        settings.notice_owed_by, policy.role(settings.notice_owed_by),
        due=notice_due, done_at=sent.at if sent is not None else None, as_of=as_of))
    came = mi.came_at if mi.came_at is not None and mi.came_at <= as_of else None
    if mi.came_at is not None:
        if came is not None:
            tr.use("came_at", "MI-4.3.2")
        else:
            tr.set_aside("came_at", SetAsideReason.AFTER_AS_OF, "MI-4.3.2")
    reminder_due = None
    reminder_applies = mi.deadline is not None
    state_line: Text
    if mi.deadline is None:
        if came is None:
            tr.missing(f"move_ins[{mi.id}].deadline", "MI-4.3.2",
                       "By which day must the owner complete the move-in?")
            state_line = Text("The deadline to come is not given: whether a reminder is owed "
                              "cannot be said (MI-4.3.2).",
                              "未提供规定期限:无法判断是否应再次通知(MI-4.3.2)。")
        else:
            tr.not_applying("MI-4.3.2", "the owner has come")
            state_line = _came_line(came, tz)
    else:
        ends = days.end_of_day(mi.deadline)
        span = settings.reminder_within
        reminder_due = days.after(mi.deadline, span)[1]
        tr.use("deadline", "MI-4.3.2")
        deadline_text = day_text(mi.deadline, year=True)
        if came is not None and came <= ends:
            tr.not_applying("MI-4.3.2", "the owner came by the deadline")
            reminder_applies = False
            state_line = _came_line(came, tz)
        elif came is None and as_of <= ends:
            tr.provisional_until(
                ends, ("MI-4.3.2",),
                Text(f"an owner who has not come by the end of {deadline_text.en} is sent a "
                     f"reminder within {span}",
                     f"业主在{deadline_text.zh}24:00前仍未办理的,应在{span.zh}内再次通知"))
            state_line = Text(f"The owner has not come yet; the deadline is {deadline_text.en} "
                              "(24:00).",
                              f"业主尚未办理交房入住手续;规定期限为{deadline_text.zh}24:00。")
        else:
            reminder = _reminder(mi, ends, as_of, tr)
            moot = (came is not None and came <= reminder_due
                    and (reminder is None or reminder.at > came))
            if moot:
                assert came is not None
                tr.not_applying("MI-4.3.2",
                                "the owner came after the deadline, before a reminder was due")
                reminder_applies = False
                state_line = _came_line(came, tz)
            else:
                obligations.append(obligation_status(
                    f"{mi.id}:reminder", ("MI-4.3.2", span.rule_id),
                    Text(f"remind the owner by letter or phone within {span} after the deadline",
                         f"规定期限到来后{span.zh}内再次发函或致电通知业主"),
                    settings.reminder_owed_by, policy.role(settings.reminder_owed_by),
                    due=reminder_due, done_at=reminder.at if reminder is not None else None,
                    as_of=as_of))
                if came is not None:
                    state_line = _came_line(came, tz)
                elif as_of > reminder_due:
                    to = settings.escalate_to
                    tr.escalate(
                        to, policy.role(to), ("MI-4.3.2",),
                        Text("the owner has still not come after the deadline and the "
                             "reminder's days: decide whether to publish a notice in the "
                             "newspaper",
                             "业主超过规定期限仍未办理收房手续:请决定是否登报催办"))
                    state_line = Text(
                        f"The owner has still not come: {policy.role(to).en} decides whether to "
                        "publish a notice in the newspaper (MI-4.3.2).",
                        f"业主超过规定期限仍未办理:由{policy.role(to).zh}决定是否登报催办"
                        "(MI-4.3.2)。")
                else:
                    due_text = instant_text(reminder_due, tz, year=True)
                    tr.provisional_until(
                        reminder_due, ("MI-4.3.2",),
                        Text(f"if the owner still has not come by {due_text.en}, "
                             f"{policy.role(settings.escalate_to).en} decides on a public "
                             "notice",
                             f"业主至{due_text.zh}仍未办理的,由"
                             f"{policy.role(settings.escalate_to).zh}决定是否登报催办"))
                    state_line = Text(
                        f"The owner did not come by the deadline, {deadline_text.en}.",
                        f"业主在规定期限{deadline_text.zh}前未办理交房入住手续。")
    if reminder_applies:
        tr.rule("MI-4.3.2", settings.reminder_within.rule_id)
    for x in mi.notices:  # a reminder no rule asked for
        key = f"notices[{x.id}]"
        if not tr.traced(key):
            if x.at > as_of:
                tr.set_aside(key, SetAsideReason.AFTER_AS_OF, "MI-4.3.2")
            else:
                tr.set_aside(key, SetAsideReason.NOT_RELEVANT, "MI-4.3.2",
                             "no reminder was owed then")
    tr.tell("fees.move_in.head", mi.id, mi.owner, mi.move_in_on, as_of, tz)
    if earliest is not None:
        tr.tell("fees.move_in.earliest", earliest, tz)
    for ob in obligations:
        tr.tell("fees.obligation", ob, tz)
    tr.line(state_line)
    outcome = construct(MoveInOutcome, {
        "what": "move_in", "move_in": mi.id, "owner": mi.owner, "move_in_on": mi.move_in_on,
        "notice_due": notice_due, "notice_earliest": earliest, "deadline": mi.deadline,
        "reminder_due": reminder_due, "came_at": came, "obligations": tuple(obligations),
        "escalated": tr.escalation is not None})
    return tr.decision(MoveInDecision, kind="fees.move_in", subject=subject, outcome=outcome,
                       basis=policy.basis, as_of=as_of)


@message("fees.move_in.head")
def _head_line(ident: str, owner: str, move_in_on: date, as_of: datetime, tz: tzinfo) -> Text:
    day, at = day_text(move_in_on, year=True), instant_text(as_of, tz, year=True)
    return Text(f"Move-in {ident} of owner {owner} on {day.en}, at {at.en}:",
                f"业主{owner}的交房入住{ident}(入住日{day.zh}),截至{at.zh}:")


@message("fees.move_in.earliest")
def _earliest_line(earliest: datetime, tz: tzinfo) -> Text:
    at = instant_text(earliest, tz, year=True)
    return Text(f"A notice before {at.en} does not count (the policy's earliest day).",
                f"早于{at.zh}发出的通知不计(本规定的最早日)。")


def _reminder(mi: MoveIn, ends: datetime, as_of: datetime, tr: Trace) -> MoveInNotice | None:
    """The first reminder that counts: after the deadline day, by letter or phone."""
    found: MoveInNotice | None = None
    for x in sorted(mi.notices, key=lambda x: (x.at, x.id)):
        if x.kind != "reminder":
            continue
        key = f"notices[{x.id}]"
        if x.at > as_of:
            tr.set_aside(key, SetAsideReason.AFTER_AS_OF, "MI-4.3.2")
        elif x.at <= ends:
            tr.set_aside(key, SetAsideReason.OUTSIDE_WINDOW, "MI-4.3.2",
                         "before the deadline had passed")
        elif x.form == "other":
            tr.set_aside(key, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "MI-4.3.2",
                         "a reminder is sent by letter or phone")
        elif found is not None:
            tr.set_aside(key, SetAsideReason.NOT_FIRST, "MI-4.3.2")
        else:
            found = x
            tr.use(key, "MI-4.3.2")
    return found


def _came_line(came: datetime, tz: tzinfo) -> Text:
    at = instant_text(came, tz, year=True)
    return Text(f"The owner came on {at.en}.", f"业主已于{at.zh}办理交房入住手续。")
