"""The reception rotation (排班) as a pure function: ``rotate(state, event, rulebook=SD)`` says
who receives and returns the next state (`SD-3.1` to `SD-3.4`, `SD-3.10.C`, `SD-3.14`, `SD-4.2`,
`SD-5.1`, `SD-6.1.2`, `SD-1.3`).

The state is the rotation order (the first in line receives the next new client) and the
priority turns owed. Events: a new client arrives (with who is absent, and why), an old client
returns (with or without a new one), a designated reception, a reassignment after a refused
consultant, lunch, a change of order.

>>> state = RotationState(order=("A", "B", "C"))
>>> step = rotate(state, NewClient(), rulebook="SD")
>>> step.outcome.receivers, step.outcome.state.order
(('A',), ('B', 'C', 'A'))
>>> step = rotate(step.outcome.state, NewClient(absent={"B": "no_reason"}), rulebook="SD")
>>> step.outcome.receivers, step.outcome.state.order, step.decided_by
(('C',), ('A', 'B', 'C'), ('SD-3.4', 'SD-3.1', 'SD-3.2'))
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..decision import Basis, Decision, Explanation, Text, build_decision
from ..errors import InputError
from ..limits import Identifier
from .policy import Rulebook
from .presets import resolve_rulebook

__all__ = [
    "ROTATION_RULES",
    "Absence",
    "Designated",
    "Lunch",
    "NewClient",
    "OldClient",
    "Reassigned",
    "Reorder",
    "RotationDecision",
    "RotationEvent",
    "RotationOutcome",
    "RotationState",
    "rotate",
    "run_rotation",
]


class Absence(StrEnum):
    """Why a consultant is not at the desk when their turn comes (`SD-3.4`)."""

    NO_REASON = "no_reason"
    """No good reason: the turn is forfeited (moved to the back)."""
    EXTRA_WORK = "extra_work"
    """Extra work a superior assigned, verified by the project manager: keeps priority at the
    current position."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RotationState(_Model):
    """The rotation order (first in line receives next) and the priority turns owed."""

    order: tuple[Identifier, ...] = Field(min_length=1)
    priority: tuple[Identifier, ...] = Field(
        default=(), description="consultants owed a priority turn (SD-3.10.C), served first")

    @model_validator(mode="after")
    def _consistent(self) -> RotationState:
        if len(set(self.order)) != len(self.order):
            raise ValueError("order: a consultant is listed twice")
        stray = [c for c in self.priority if c not in self.order]
        if stray:
            raise ValueError(f"priority: {stray} not in the rotation order")
        return self


class NewClient(_Model):
    """A new client arrives: the rotation decides (`SD-3.1`, `SD-3.2`, `SD-3.4`)."""

    kind: Literal["new_client"] = "new_client"
    absent: dict[Identifier, Absence] = Field(default_factory=dict)


class OldClient(_Model):
    """A returning client of ``owner`` arrives (`SD-4.1`, `SD-4.2`); ``brings_new``: with a new
    client, which counts as one reception (`SD-1.3`)."""

    kind: Literal["old_client"] = "old_client"
    owner: Identifier
    brings_new: bool = False
    absent: dict[Identifier, Absence] = Field(default_factory=dict)


class Designated(_Model):
    """A client named ``consultant`` before reception (`SD-5.1`), or an executive designated
    them (`SD-6.1.2`): not counted in the rotation."""

    kind: Literal["designated"] = "designated"
    consultant: Identifier
    by_executive: bool = False


class Reassigned(_Model):
    """The client refused ``original`` (`SD-3.10.C`): the next on the rotation receives; the
    original's reception is void and, if ``priority_turn``, they are owed a priority turn."""

    kind: Literal["reassigned"] = "reassigned"
    original: Identifier
    priority_turn: bool = True
    absent: dict[Identifier, Absence] = Field(default_factory=dict)


class Lunch(_Model):
    """Lunch time: the first two in the rotation man the desk (`SD-3.14`)."""

    kind: Literal["lunch"] = "lunch"


class Reorder(_Model):
    """A new order; only with the site supervisor's approval (`SD-3.3`)."""

    kind: Literal["reorder"] = "reorder"
    order: tuple[Identifier, ...]
    approved_by_supervisor: bool = False


RotationEvent = Annotated[NewClient | OldClient | Designated | Reassigned | Lunch | Reorder,
                          Field(discriminator="kind")]
"""One event of the rotation, tagged by ``kind``."""


class RotationOutcome(_Model):
    """Who receives (for lunch: who mans the desk), whether it counted as a rotation turn, and
    the next state."""

    receivers: tuple[str, ...]
    counted: bool
    state: RotationState


class RotationDecision(Decision):
    """One step of the rotation, explained."""

    kind: Literal["ownership.rotation"]
    outcome: RotationOutcome


def _next(state: RotationState, absent: dict[str, Absence], exclude: str | None = None
          ) -> tuple[str | None, list[str], list[str], list[Text], list[str]]:
    """(receiver, new order, new priority, lines, rules) for one counted turn."""
    lines: list[Text] = []
    rules: list[str] = []
    priority = list(state.priority)
    for c in priority:
        if c not in absent and c != exclude:
            priority.remove(c)
            lines.append(Text(f"{c} is owed a priority turn (SD-3.10.C) and receives; the order "
                              "stays as it is.",
                              f"{c}享有优先轮值(SD-3.10.C),由其接待,排班顺序不变。"))
            rules.append("SD-3.10.C")
            return c, list(state.order), priority, lines, rules
    order = list(state.order)
    forfeited: list[str] = []
    receiver = None
    for c in state.order:
        why = absent.get(c)
        if c == exclude:
            continue
        if why is Absence.NO_REASON:
            forfeited.append(c)
            lines.append(Text(f"{c} is away without good reason: the turn is forfeited (SD-3.4).",
                              f"{c}无正当理由不在岗位,取消本轮接客资格(SD-3.4)。"))
            rules.append("SD-3.4")
            continue
        if why is Absence.EXTRA_WORK:
            lines.append(Text(f"{c} is on extra work verified by the project manager: keeps "
                              "priority at the current position (SD-3.4).",
                              f"{c}因上级临时安排额外工作且经项目经理核实,保留当前位置优先轮值"
                              "(SD-3.4)。"))
            rules.append("SD-3.4")
            continue
        receiver = c
        break
    for c in forfeited:
        order.remove(c)
        order.append(c)
    if receiver is not None:
        order.remove(receiver)
        order.append(receiver)
    return receiver, order, priority, lines, rules


def _last_present(state: RotationState, absent: dict[str, Absence], *skip: str) -> str | None:
    for c in reversed(state.order):
        if c not in absent and c not in skip:
            return c
    return None


ROTATION_RULES: Final = ("SD-3.1", "SD-3.2")
"""The rules without which a rulebook has no reception rotation (`CC` has none)."""

_EVENTS: Final = (NewClient, OldClient, Designated, Reassigned, Lunch, Reorder)


def _checked(state: Any, event: Any, rulebook: Any) -> Rulebook:
    """The rulebook (a preset by name too), after checking the arguments: their types, a
    rulebook with the rotation rules, absences of consultants of the rotation."""
    if not isinstance(state, RotationState):
        raise InputError("state", "must be a RotationState", type(state).__name__)
    if not isinstance(event, _EVENTS):
        raise InputError("event", "must be a rotation event (NewClient, OldClient, Designated, "
                         "Reassigned, Lunch, Reorder)", type(event).__name__)
    rb = resolve_rulebook(rulebook)
    missing = [r for r in ROTATION_RULES if r not in rb.rules]
    if missing:
        raise InputError("rulebook", f"{rb.name} has no reception rotation (it does not enable "
                         f"{', '.join(missing)}): use SD, or a rulebook that enables the "
                         "rotation rules of SD", rb.name)
    absent: dict[str, Absence] = getattr(event, "absent", {})
    known = set(state.order)
    if isinstance(event, OldClient):
        known.add(event.owner)
    for who in absent:
        if who not in known:
            raise InputError(f"event.absent[{who}]", "is not in the rotation order "
                             f"({', '.join(state.order)})", who)
    return rb


def rotate(state: RotationState, event: NewClient | OldClient | Designated | Reassigned | Lunch |
           Reorder, *, rulebook: Rulebook | str) -> RotationDecision:
    """Who receives for ``event`` and the rotation's next state (pure: ``state`` is unchanged).

    ``rulebook`` (a :class:`Rulebook` or a preset's name) must enable the rotation rules
    (`SD-3.1`, `SD-3.2`, and every rule the step cites): `CC` has none, and is refused with an
    :class:`~propmgmt_rules.InputError` naming the rulebook, as is an absence of someone who
    is not in the rotation (``event.absent[X]``).

    >>> rotate(RotationState(order=("A", "B")), NewClient(), rulebook="CC")
    Traceback (most recent call last):
    ...
    propmgmt_rules.errors.InputError: rulebook: CC has no reception rotation ... (got 'CC')
    """
    rulebook = _checked(state, event, rulebook)
    lines: list[Text] = []
    rules: list[str] = []
    receivers: tuple[str, ...] = ()
    counted = False
    new_state = state
    if isinstance(event, NewClient):
        who, order, prio, more, why = _next(state, event.absent)
        lines += more
        rules += [*why, "SD-3.1", "SD-3.2"]
        new_state = RotationState.model_construct(order=tuple(order), priority=tuple(prio))
        counted = who is not None
        if who is None:
            lines.append(Text("Nobody in the rotation is at the desk.", "排班中无人在岗。"))
        elif "SD-3.10.C" in why:
            receivers = (who,)
            rules.remove("SD-3.2")
        else:
            receivers = (who,)
            lines.append(Text(f"{who} receives the new client in rotation order and goes to the "
                              "back of the line (SD-3.1, SD-3.2).",
                              f"{who}按排班顺序接待新客户,并排至队尾(SD-3.1、SD-3.2)。"))
    elif isinstance(event, OldClient):
        owner = event.owner
        if owner not in event.absent:
            receivers = (owner,)
            rules.append("SD-4.1")
            lines.append(Text(f"The returning client goes to {owner}, who received them before "
                              "(SD-4.1).", f"老客户由曾经接待的{owner}接待(SD-4.1)。"))
            if event.brings_new:
                order = [c for c in state.order if c != owner] + (
                    [owner] if owner in state.order else [])
                new_state = RotationState.model_construct(order=tuple(order),
                                                          priority=state.priority)
                counted = True
                rules.append("SD-1.3")
                lines.append(Text(f"The old client brought a new one: counted as one reception "
                                  f"for {owner} (SD-1.3).",
                                  f"老客户带一新客户,视{owner}接待客户一次(SD-1.3)。"))
        else:
            duty = _last_present(state, event.absent, owner)
            rules.append("SD-4.2")
            if duty is None:
                lines.append(Text("Nobody is at the desk for the duty reception.",
                                  "无人在岗作义务接待。"))
            else:
                receivers = (duty,)
                lines.append(Text(f"{owner} is away: {duty}, last in the rotation, receives on "
                                  f"duty; the client stays {owner}'s and no turn is used "
                                  "(SD-4.2).",
                                  f"{owner}不在,由排班在最后的{duty}作义务接待,客户仍归{owner},"
                                  "不占轮次(SD-4.2)。"))
    elif isinstance(event, Designated):
        receivers = (event.consultant,)
        rule = "SD-6.1.2" if event.by_executive else "SD-5.1"
        rules.append(rule)
        lines.append(Text(f"{event.consultant} was designated: receives, not counted in the "
                          f"rotation ({rule}).",
                          f"指定{event.consultant}接待,不计入排班({rule})。"))
    elif isinstance(event, Reassigned):
        who, order, prio, more, why = _next(state, event.absent, exclude=event.original)
        lines += more
        rules += ["SD-3.10.C", *why, "SD-3.1"]
        if event.priority_turn and event.original in state.order:
            prio.append(event.original)
        new_state = RotationState.model_construct(order=tuple(order), priority=tuple(prio))
        counted = who is not None
        if who is not None:
            receivers = (who,)
        lines.append(Text(f"The client refused {event.original}: {who or 'nobody'} receives as "
                          f"the next on the rotation; {event.original}'s reception is void"
                          + (" and they are owed a priority turn" if event.priority_turn else "")
                          + " (SD-3.10.C).",
                          f"客户拒绝{event.original}:按排班由{who or '(无人)'}接待;"
                          "本次接待作轮空处理"
                          + (f",{event.original}可安排优先轮值" if event.priority_turn else "")
                          + "(SD-3.10.C)。"))
    elif isinstance(event, Lunch):
        receivers = state.order[:2]
        rules.append("SD-3.14")
        lines.append(Text(f"Lunch: {' and '.join(receivers)}, first in the rotation, man the desk "
                          "(SD-3.14).",
                          f"午餐时间由轮班在前两位的{'、'.join(receivers)}在接待台值班(SD-3.14)。"))
    else:
        rules.append("SD-3.3")
        if not event.approved_by_supervisor:
            lines.append(Text("The order changes only with the site supervisor's approval: "
                              "refused (SD-3.3).", "未经现场主管批准不得调换接客顺序(SD-3.3)。"))
        elif sorted(event.order) != sorted(state.order):
            lines.append(Text("The new order must list the same consultants: refused (SD-3.3).",
                              "新顺序须包含同样的售楼员(SD-3.3)。"))
        else:
            new_state = RotationState.model_construct(order=tuple(event.order),
                                                      priority=state.priority)
            lines.append(Text("New order approved by the site supervisor (SD-3.3).",
                              "经现场主管批准调换接客顺序(SD-3.3)。"))
    decided = tuple(dict.fromkeys(rules))
    off = [r for r in decided if r not in rulebook.rules]
    if off:
        raise InputError("rulebook", f"{rulebook.name} does not enable {', '.join(off)}, which "
                         f"this {event.kind.replace('_', ' ')} step needs", rulebook.name)
    return build_decision(
        RotationDecision, kind="ownership.rotation", subject=f"rotation: {event.kind}",
        outcome=RotationOutcome.model_construct(receivers=receivers, counted=counted,
                                                state=new_state),
        decided_by=decided, basis=Basis.model_construct(kind="rulebook", name=rulebook.name,
                                                        version=rulebook.version),
        explanation=Explanation.from_lines(lines))


def run_rotation(state: RotationState,
                 events: Iterable[NewClient | OldClient | Designated | Reassigned | Lunch |
                                  Reorder], *,
                 rulebook: Rulebook | str) -> list[RotationDecision]:
    """Every step of a sequence of events, each from the state the previous one left.

    >>> steps = run_rotation(RotationState(order=("A", "B")), [NewClient(), Lunch(), NewClient()],
    ...                      rulebook="SD")
    >>> [s.outcome.receivers for s in steps]
    [('A',), ('B', 'A'), ('B',)]
    """
    out: list[RotationDecision] = []
    for event in events:
        step = rotate(state, event, rulebook=rulebook)
        out.append(step)
        state = step.outcome.state
    return out
