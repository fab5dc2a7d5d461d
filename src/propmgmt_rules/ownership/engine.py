"""The ownership engine: one engine for every rulebook (`CC-`, `SD-`, `COM-` rules).

Three questions, all pure functions of the registration book, a rulebook and an instant:

* :func:`decide_ownership` -- who owns this client (or its household) as of an instant;
* :func:`split_commission` -- how this deal's commission is split, to the cent;
* :func:`settle` -- every household and every deal of a book at once (a payroll run).

How a client's ownership is read from the book (the general principle, catalog section 2):

1. Only registered receptions count (`CC-1`, `SD-7.1`): phone enquiries are set aside
   (`CC-NOTE`, `SD-3.13`), and so are unverified ones where the rulebook requires the project
   manager's verification (`SD-7.2`), and every fact later than ``as_of``.
2. The facts are read in order of their instant, ties broken by record id (receptions before
   change requests at the same instant), so the same facts in any order give the same answer.
3. The first qualifying reception wins (`CC-6`, `CC-5`, `SD-7.3`) unless a more specific rule
   applies to it (brought by a past buyer `CC-4.2`, a proxy `CC-10.1`, a named consultant
   `SD-5.1`/`SD-7.5.B`, an announced introduction `SD-7.5.A`...). When two specific rules that
   cannot both hold apply, the answer is an escalation naming both (`CC-11`, `SD-7.7`).
4. A later reception within the registration window of the previous registered visit keeps
   the owner (`CC-9.1`, `SD-4.1`, duty receptions `SD-4.2`), except under the recognition rules
   (`SD-3.7` G-J); after the window lapsed, the first reception after the lapse owns (`CC-9.2`).
5. Change requests are read where they fall (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`,
   `SD-5.3`).
6. A household is owned as the rulebook says (`CC-3`: first reception of any member;
   `SD-7.4`: spouses received separately before the deal share equally).

Every input fact about the household is in the answer, used or set aside with its reason.

>>> from propmgmt_rules.ownership import RegistrationBook, rulebooks
>>> book = RegistrationBook.model_validate({"receptions": [
...     {"id": "R1", "client": "C1", "consultant": "A", "at": "2025-03-01T10:00:00+08:00"},
...     {"id": "R2", "client": "C1", "consultant": "B", "at": "2025-03-01T15:00:00+08:00"}]})
>>> d = decide_ownership(book, "C1", "2025-03-02T00:00:00+08:00", rulebooks.CC)
>>> d.outcome.owner_ids(), d.decided_by
(('A',), ('CC-6', 'CC-1'))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from fractions import Fraction
from operator import attrgetter
from typing import Any, Final, TypeVar

from pydantic import BaseModel

from ..decision import (
    Basis,
    Escalation,
    Explanation,
    FactSetAside,
    FactUsed,
    MissingFact,
    Provisional,
    SetAsideReason,
    Text,
)
from ..errors import InputError
from ..money import allocate
from ..time import deadline
from ..time.calendar import require_aware
from .models import (
    POOL,
    AfterSales,
    ChangeKind,
    ChangeRequest,
    Channel,
    CommissionDecision,
    CommissionLine,
    CommissionOutcome,
    CompanyReferral,
    Deal,
    DealChange,
    DealChangeKind,
    Departure,
    Fault,
    Introduction,
    OwnershipDecision,
    OwnershipOutcome,
    PartyRole,
    Reception,
    Recognition,
    RegistrationBook,
    Relation,
    Share,
    StaffReferral,
)
from .rulebook import BEHAVIOURS, DealChangeRule, HouseholdRule, Rulebook, WindowAnchor

__all__ = ["decide_ownership", "settle", "split_commission"]

_ONE: Final = Fraction(1)
_ZERO: Final = Fraction(0)
_END_OF_TIME: Final = datetime(9999, 12, 30).astimezone()

_K = TypeVar("_K")
_V = TypeVar("_V")
_R = TypeVar("_R")
_ID: Final = attrgetter("id")
_M = TypeVar("_M", bound=BaseModel)
_SET: Final = object.__setattr__


_FIELDS_SET: dict[type[BaseModel], set[str]] = {}


def _construct(cls: type[_M], data: dict[str, Any]) -> _M:
    """``cls.model_construct(**data)`` for the hot path: ``data`` must hold every field (no
    defaults are filled in, nothing is validated: the inputs were validated at the edge).

    The models are frozen, so every instance of a class can share one ``fields_set`` (pydantic
    copies it before changing it in ``model_copy``): a set per object would cost more memory
    than the rest of a small decision."""
    obj = cls.__new__(cls)
    _SET(obj, "__dict__", data)
    fields = _FIELDS_SET.get(cls)
    if fields is None:
        fields = _FIELDS_SET[cls] = set(cls.model_fields)
    _SET(obj, "__pydantic_fields_set__", fields)
    _SET(obj, "__pydantic_extra__", None)
    _SET(obj, "__pydantic_private__", None)
    return obj

# -- fact ids in the trace ----------------------------------------------------------------


def _fid(kind: str, rid: str) -> str:
    return f"{kind}:{rid}"


# -- the index of a book -------------------------------------------------------------------


def _by(records: Iterable[_R], instant: str = "at") -> list[_R]:
    """Records sorted by (instant, id): by id, then stably by the instant's POSIX timestamp
    (one offset lookup per record instead of two per comparison of aware datetimes; distinct
    instants a microsecond apart stay distinct as floats until the year 2255)."""
    out = sorted(records, key=_ID)
    get = attrgetter(instant)
    out.sort(key=lambda r: get(r).timestamp())
    return out


def _group(pairs: Iterable[tuple[_K, _V]]) -> dict[_K, list[_V]]:
    out: dict[_K, list[_V]] = {}
    for k, v in pairs:
        lst = out.get(k)
        if lst is None:
            out[k] = [v]
        else:
            lst.append(v)
    return out


@dataclass(slots=True)
class _Index:
    """The book grouped by client, each list sorted by (instant, id): built once per book."""

    clients: set[str]
    receptions: dict[str, list[Reception]]
    relations: dict[str, list[Relation]]
    recognitions: dict[str, list[Recognition]]
    change_requests: dict[str, list[ChangeRequest]]
    company_referrals: dict[str, list[CompanyReferral]]
    staff_referrals: dict[str, list[StaffReferral]]
    introductions: dict[str, list[Introduction]]
    deals_by_buyer: dict[str, list[Deal]]
    deals: dict[str, Deal]
    deal_changes: dict[str, list[DealChange]]
    departures: dict[str, Departure]
    proxies: dict[str, list[Reception]]
    others: set[str]
    """Clients named by a fact other than their own receptions (the rest take a fast path)."""

    @classmethod
    def build(cls, book: RegistrationBook) -> _Index:
        recs = _by(book.receptions)
        receptions = _group((r.client, r) for r in recs)
        clients = set(receptions)
        for lst in (book.company_referrals, book.staff_referrals, book.introductions):
            clients.update(x.client for x in lst)
        relations = _group(
            (c, rel) for rel in _by(book.relations, "known_at")
            for c in (rel.a, rel.b))
        deals = _by(book.deals)
        changes = _by(book.deal_changes)
        deal_changes = _group(
            (d, c) for c in changes
            for d in ((c.deal,) if not c.swapped_with or c.swapped_with == c.deal
                      else (c.deal, c.swapped_with)))
        out = cls(
            clients=clients,
            receptions=receptions,
            relations=relations,
            recognitions=_group((g.client, g) for g in _by(book.recognitions, "at")),
            change_requests=_group((c.client, c) for c in _by(book.change_requests, "at")),
            company_referrals=_group((c.client, c) for c in _by(book.company_referrals, "at")),
            staff_referrals=_group(
                (s.client, s) for s in _by(book.staff_referrals, "registered_at")),
            introductions=_group((i.client, i) for i in _by(book.introductions, "at")),
            deals_by_buyer=_group((b, d) for d in deals for b in dict.fromkeys(d.buyers)),
            deals={d.id: d for d in deals},
            deal_changes=deal_changes,
            departures={d.consultant: d for d in book.departures},
            proxies=_group((r.context.proxy_for, r) for r in recs
                           if r.context is not None and r.context.proxy_for is not None),
            others=set(),
        )
        idx = out
        for table in (idx.relations, idx.recognitions, idx.change_requests,
                      idx.company_referrals, idx.staff_referrals, idx.introductions,
                      idx.deals_by_buyer, idx.proxies):
            idx.others.update(table)
        return idx


# -- the computation context ----------------------------------------------------------------


class _Ctx:
    """One question's constants and caches (window ends by local date, nested deal credits)."""

    __slots__ = (
        "as_of",
        "basis",
        "book",
        "cited",
        "deal_memo",
        "fmt_memo",
        "idx",
        "rb",
        "rec_memo",
        "rules",
        "tz",
        "win_memo",
    )

    def __init__(self, book: RegistrationBook, rb: Rulebook, as_of: datetime) -> None:
        self.book = book
        self.idx: _Index = book._index
        self.rb = rb
        self.rules = rb.rules
        self.as_of = as_of
        self.tz = rb.calendar.tz
        self.basis = Basis.model_construct(kind="rulebook", name=rb.name, version=rb.version)
        self.win_memo: dict[date, datetime] = {}
        self.rec_memo: dict[date, datetime] = {}
        self.deal_memo: dict[str, _Part] = {}
        self.fmt_memo: dict[datetime, str] = {}
        self.cited: dict[str, tuple[str, ...]] = {b: rb.cites(b) for b in BEHAVIOURS}

    def fmt(self, at: datetime) -> str:
        """``2025-03-01 10:00`` in the calendar's zone (memoised: instants recur in a book)."""
        got = self.fmt_memo.get(at)
        if got is None:
            got = self.fmt_memo[at] = at.astimezone(self.tz).isoformat(" ", "minutes")[:16]
        return got

    def day(self, at: datetime) -> date:
        return at.astimezone(self.tz).date()

    def window_end(self, at: datetime) -> datetime:
        """End of the registration window of a visit at ``at`` (`T-MONTHS`; by local date)."""
        d = self.day(at)
        end = self.win_memo.get(d)
        if end is None:
            end = self.win_memo[d] = deadline(at, self.rb.window, self.rb.calendar)
        return end

    def recognition_end(self, at: datetime) -> datetime:
        d = self.day(at)
        end = self.rec_memo.get(d)
        if end is None:
            end = self.rec_memo[d] = deadline(at, self.rb.recognition_window, self.rb.calendar)
        return end

    def end_of_day(self, d: date) -> datetime:
        return datetime(d.year, d.month, d.day, tzinfo=self.tz) + timedelta(days=1)

    def on(self, rule: str) -> bool:
        return rule in self.rules

    def cite(self, behaviour: str) -> str:
        got = self.cited[behaviour]
        return got[0] if got else ""

    def cites(self, behaviour: str) -> tuple[str, ...]:
        return self.cited[behaviour]

    def escalate_rules(self) -> tuple[str, ...]:
        return self.cited["escalate"]


# -- what one reading of the book accumulates -------------------------------------------------


@dataclass(slots=True)
class _Acc:
    """The trace of one decision: facts used or set aside (last word wins), lines, missing."""

    trace: dict[str, FactUsed | FactSetAside] = field(default_factory=dict)
    lines: list[Text] = field(default_factory=list)
    missing: list[MissingFact] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    keys: list[tuple[float, str]] | None = None
    """When kept: the (instant, record id) each line is about (to merge members' readings)."""
    about: tuple[float, str] = (float("-inf"), "")

    def reading(self, at: datetime, rid: str) -> None:
        """The lines that follow are about the record ``rid`` at ``at``."""
        if self.keys is not None:
            self.about = (at.timestamp(), rid)

    def use(self, fact: str, rule: str | None, note: str = "") -> None:
        self.trace[fact] = FactUsed(fact, rule or None, note)

    def aside(self, fact: str, reason: SetAsideReason, rule: str | None, note: str = "") -> None:
        self.trace[fact] = FactSetAside(fact, reason, rule or None, note)

    def aside_if_new(self, fact: str, reason: SetAsideReason, rule: str | None,
                     note: str = "") -> None:
        if fact not in self.trace:
            self.trace[fact] = FactSetAside(fact, reason, rule or None, note)

    def say(self, en: str, zh: str) -> None:
        self.lines.append(Text(en, zh))
        if self.keys is not None:
            self.keys.append(self.about)

    def decided(self, *rules: str) -> None:
        self.rules.extend(rules)


Owner = tuple[str, Fraction, str]
"""(consultant, share, rule) of the consultant side."""


@dataclass(slots=True)
class _Stop:
    """The rules do not settle the case (escalation), or conflict."""

    rules: tuple[str, ...]
    reason: Text


@dataclass(slots=True)
class _Part:
    """The result of reading one timeline (a client, or a household merged by `CC-3`)."""

    owners: list[Owner] | None = None
    first_at: datetime | None = None
    anchor: datetime | None = None
    stop: _Stop | None = None
    provisional: tuple[datetime, tuple[str, ...], Text] | None = None
    off_top: list[tuple[str, PartyRole, Fraction, str]] = field(default_factory=list)
    company_client: CompanyReferral | None = None
    lead: list[str] = field(default_factory=list)

    def provisionally(self, until: datetime, rules: tuple[str, ...], reason: Text) -> None:
        if self.provisional is None or until < self.provisional[0]:
            self.provisional = (until, rules, reason)


def _names(owners: Sequence[Owner]) -> str:
    if len(owners) == 1:
        return owners[0][0]
    return " / ".join(f"{c} {s}" for c, s, _ in owners)


def _merge(owners: Iterable[Owner]) -> list[Owner]:
    """Owners with the same consultant merged (first listing keeps its place and rule)."""
    out: dict[str, Owner] = {}
    for c, s, rule in owners:
        if c in out:
            prev = out[c]
            out[c] = (c, prev[1] + s, prev[2])
        else:
            out[c] = (c, s, rule)
    return [o for o in out.values() if o[1] != 0]


# -- reading one timeline -----------------------------------------------------------------------


def _qualifying(ctx: _Ctx, acc: _Acc, members: Sequence[str], cutoff: datetime
                ) -> list[Reception]:
    """The receptions that count, in order; the others set aside with their reason."""
    as_of = ctx.as_of
    verify = ctx.on("SD-7.2")
    phone_rule = ctx.cite("phone")
    out: list[Reception] = []
    for m in members:
        for r in ctx.idx.receptions.get(m, ()):
            f = _fid("reception", r.id)
            if r.at > as_of:
                acc.aside(f, SetAsideReason.AFTER_AS_OF, None)
            elif r.channel is Channel.PHONE:
                acc.aside(f, SetAsideReason.PHONE_ENQUIRY, phone_rule)
            elif verify and not r.verified:
                acc.aside(f, SetAsideReason.UNVERIFIED, "SD-7.2")
            elif r.at > cutoff:
                acc.aside(f, SetAsideReason.NOT_RELEVANT, None, "after the deal")
            else:
                out.append(r)
    if len(members) > 1:
        out.sort(key=lambda r: (r.at, r.id))
    return out


def _read(ctx: _Ctx, acc: _Acc, members: Sequence[str], cutoff: datetime) -> _Part:
    """Read the timeline of ``members`` (merged) up to ``cutoff`` and ``ctx.as_of``."""
    part = _Part()
    recs = _qualifying(ctx, acc, members, cutoff)
    crs: list[ChangeRequest] = []
    for m in members:
        for cr in ctx.idx.change_requests.get(m, ()):
            f = _fid("change_request", cr.id)
            if cr.at > ctx.as_of:
                acc.aside(f, SetAsideReason.AFTER_AS_OF, None)
            elif cr.at > cutoff:
                acc.aside(f, SetAsideReason.NOT_RELEVANT, None, "after the deal")
            else:
                crs.append(cr)
    if crs:
        events: list[tuple[datetime, int, str, Reception | ChangeRequest]] = [
            (r.at, 0, r.id, r) for r in recs]
        events.extend((c.at, 1, c.id, c) for c in crs)
        events.sort(key=lambda e: (e[0], e[1], e[2]))
        timeline: list[Reception | ChangeRequest] = [e[3] for e in events]
    else:
        timeline = list(recs)
    _off_top(ctx, acc, part, members, recs, cutoff)
    if part.stop is not None:
        return part
    start: Reception | None = None
    assigned: set[str] = set()  # receptions consumed as a manager's assignment
    first_rule = ctx.cite("first")
    within_rule = ctx.cite("return_within")
    for ev in timeline:
        acc.reading(ev.at, ev.id)
        if isinstance(ev, ChangeRequest):
            _change(ctx, acc, part, ev, start, recs, cutoff, assigned)
            if part.stop is not None:
                return part
            continue
        r = ev
        f = _fid("reception", r.id)
        if part.owners is None or part.anchor is None:
            _first(ctx, acc, part, r, members, fresh=False)
            if part.stop is not None:
                return part
            start = r
            part.first_at = r.at
            part.anchor = r.at
            continue
        end = ctx.window_end(part.anchor)
        if r.at > end:
            rule = ctx.cite("return_after")
            acc.say(
                f"The registration window ({ctx.rb.window}) of the visit on "
                f"{ctx.fmt(part.anchor)} ended at {ctx.fmt(end)}; {r.id} on "
                f"{ctx.fmt(r.at)} came after it ({rule}).",
                f"{ctx.fmt(part.anchor)}来访登记的有效期({ctx.rb.window.zh})已于"
                f"{ctx.fmt(end)}届满;{r.id}({ctx.fmt(r.at)})在其之后({rule})。")
            part.owners = None
            _first(ctx, acc, part, r, members, fresh=True, lapse_rule=rule)
            if part.stop is not None:
                return part
            start = r
            part.first_at = r.at
            part.anchor = r.at
            continue
        owner_ids = {o[0] for o in part.owners}
        c = r.consultant
        x = r.context
        own_visit = False
        if c in owner_ids:
            same_day = start is not None and ctx.day(r.at) == ctx.day(start.at)
            rule = first_rule if (same_day and ctx.on("CC-6")) else within_rule
            acc.use(f, rule, "the owner's own reception")
            own_visit = True
        elif x is not None and x.on_duty_for in owner_ids:
            rule = "SD-4.2" if ctx.on("SD-4.2") else within_rule
            acc.use(f, rule, f"duty reception on behalf of {x.on_duty_for}")
            acc.say(f"{r.id}: {c} received on duty for the owner {x.on_duty_for}; the client "
                    f"stays with {x.on_duty_for} ({rule}).",
                    f"{r.id}:{c}代{x.on_duty_for}义务接待,客户仍归{x.on_duty_for}({rule})。")
            acc.decided(rule)
            own_visit = True
        elif x is not None and x.asked_for in owner_ids:
            rule = "SD-3.6" if ctx.on("SD-3.6") else within_rule
            acc.aside(f, SetAsideReason.SUPERSEDED, rule,
                      f"the client named {x.asked_for}, who received before")
            acc.decided(rule)
        elif x is not None and x.asked_for is not None and ctx.on("SD-5.3"):
            acc.aside(f, SetAsideReason.NOT_SUPPORTED, "SD-5.3",
                      f"a returning client naming {x.asked_for} is not supported")
            acc.say(f"{r.id}: the returning client named {x.asked_for}; not supported, the "
                    f"client stays with {_names(part.owners)} (SD-5.3).",
                    f"{r.id}:老客户指定{x.asked_for}接待,不予支持,客户仍归"
                    f"{_names(part.owners)}(SD-5.3)。")
            acc.decided("SD-5.3")
        elif x is not None and x.forgot_consultant and ctx.on("SD-3.7"):
            _recognition(ctx, acc, part, r, members)
            if part.stop is not None:
                return part
            part.anchor = r.at
            continue
        else:
            same_day = start is not None and ctx.day(r.at) == ctx.day(start.at)
            rules = list(_unique([first_rule if same_day else within_rule,
                                  *ctx.cites("conflict")]))
            note = ""
            if x is not None and x.acquaintance and ctx.on("CC-5"):
                rules.insert(0, "CC-5")
                note = "an acquaintance gives no claim"
            acc.aside(f, SetAsideReason.NOT_FIRST, rules[0] if rules else None, note)
            acc.decided(*rules)
            label = ", ".join(rules)
            zh_label = "、".join(rules)
            if same_day:
                acc.say(f"{r.id} by {c} on the same day came after the first reception; the "
                        f"first reception wins ({label}).",
                        f"{r.id}({c})为同日后一次接待,以第一次接待为准({zh_label})。")
            else:
                acc.say(f"{r.id} by {c} on {ctx.fmt(r.at)} is a return within the window; "
                        f"the earlier registration wins, the client stays with "
                        f"{_names(part.owners)} ({label}).",
                        f"{r.id}({c},{ctx.fmt(r.at)})为有效期内回头,以先登记者为准,仍归"
                        f"{_names(part.owners)}({zh_label})。")
        if own_visit or ctx.rb.window_anchor is WindowAnchor.CLIENT_LAST_VISIT:
            part.anchor = r.at
    return part


def _first(ctx: _Ctx, acc: _Acc, part: _Part, r: Reception, members: Sequence[str], *,
           fresh: bool, lapse_rule: str = "") -> None:
    """The owner of a claim that starts with reception ``r``: the specific rules that apply to
    it; two of them that disagree, or a context no rule settles, stop with an escalation; no
    specific rule: the base rule (the first registered reception wins)."""
    x = r.context
    if x is None and (fresh or r.client not in ctx.idx.introductions):
        _base(ctx, acc, part, r, [], lapse_rule)  # a plain reception: the base rule
        return
    f = _fid("reception", r.id)
    cands: list[tuple[tuple[str, ...], list[Owner], Text]] = []
    notes: list[str] = []
    unsettled: list[tuple[str, Text]] = []
    if x is not None and x.brought_by is not None:
        _brought(ctx, acc, r, x.brought_by, cands, unsettled)
    named = x.asked_for if x is not None else None
    if x is not None and named is not None:
        if ctx.on("SD-5.1") and x.asked_before_substantive:
            rules: tuple[str, ...] = ("SD-5.1",)
            if x.brought_by is not None and ctx.on("SD-7.5.B"):
                rules = ("SD-7.5.B", "SD-5.1")
            cands.append((rules, [(named, _ONE, rules[0])],
                          Text(f"the client named {named} before being received",
                               f"客户在实质性接待前指定{named}")))
        elif named != r.consultant and ctx.on("SD-5.2") and not x.asked_before_substantive:
            notes.append("SD-5.2")
            acc.say(f"{r.id}: the client named {named} only after {r.consultant} had received "
                    "them; not supported (SD-5.2).",
                    f"{r.id}:客户被{r.consultant}接待后中途指定{named},原则上不予支持(SD-5.2)。")
    if not fresh:
        intro = _introduction(ctx, r, members)
        if intro is not None:
            acc.use(_fid("introduction", intro.id), "SD-7.5.A")
            cands.append((("SD-7.5.A",), [(intro.consultant, _ONE, "SD-7.5.A")],
                          Text(f"{intro.by_client} announced the visit to {intro.consultant} "
                               f"in advance ({intro.id})",
                               f"{intro.by_client}事先告知{intro.consultant}介绍来访"
                               f"({intro.id})")))
    backed = {o[0] for cand in cands for o in cand[1]}
    if x is not None:
        if named is not None and named != r.consultant and named not in backed and not (
                ctx.on("SD-5.2") and not x.asked_before_substantive):
            unsettled.append(("", Text(
                f"the client asked for {named} but {r.consultant} received them",
                f"客户指定{named},但由{r.consultant}接待")))
        duty = x.on_duty_for
        if duty is not None and duty != r.consultant and duty not in backed:
            unsettled.append(("SD-4.2" if ctx.on("SD-4.2") else "", Text(
                f"{r.id} is a duty reception for {duty}, but no rule gives {duty} a new client",
                f"{r.id}为代{duty}义务接待,但无条款将此新客户归{duty}")))
        if x.designated_by_executive and ctx.on("SD-6.1.2"):
            part.off_top.append((POOL, PartyRole.POOL, ctx.rb.splits.executive_designation_pool,
                                 "SD-6.1.2"))
            notes.append("SD-6.1.2")
            acc.say(f"{r.id}: an executive designated {r.consultant}; a duty reception, the "
                    "commission goes to the company pool (SD-6.1.2).",
                    f"{r.id}:领导指定{r.consultant}接待,视为义务接待,成交佣金全部作为公佣"
                    "(SD-6.1.2)。")
    distinct = {tuple(sorted((o[0], o[1]) for o in owners)) for _, owners, _ in cands}
    if len(distinct) > 1 or unsettled:
        rules_in_conflict = _unique(
            [rule for rs, _, _ in cands for rule in rs] + [u[0] for u in unsettled])
        whys = [w for _, _, w in cands] + [u[1] for u in unsettled]
        what_en = "rules that cannot both hold apply" if len(distinct) > 1 else \
            "the rules do not settle this reception"
        what_zh = "相互矛盾的条款同时适用" if len(distinct) > 1 else "现有条款无法确定归属"
        part.stop = _Stop(rules_in_conflict, Text(
            f"{r.id}: {what_en}: " + "; ".join(w.en for w in whys),
            f"{r.id}:{what_zh}:" + ";".join(w.zh for w in whys)))
        acc.use(f, None, "not settled by the rules")
        return
    if cands:
        rules, owners, why = cands[0]
        rules = _unique([rs for c in cands for rs in c[0]])
        part.owners = [(c, s, rules[0]) for c, s, _ in owners]
        acc.use(f, rules[0], why.en)
        acc.decided(*rules, *notes)
        acc.say(f"{r.id} on {ctx.fmt(r.at)}: {why.en}, so the client belongs to "
                f"{_names(part.owners)} ({', '.join(rules)}).",
                f"{r.id}({ctx.fmt(r.at)}):{why.zh},客户归{_names(part.owners)}"
                f"({'、'.join(rules)})。")
        return
    _base(ctx, acc, part, r, notes, lapse_rule)


def _base(ctx: _Ctx, acc: _Acc, part: _Part, r: Reception, notes: list[str],
          lapse_rule: str) -> None:
    """The base rule: the first registered reception wins (with the clauses that confirm it)."""
    x = r.context
    named = x.asked_for if x is not None else None
    rules_list: list[str] = [lapse_rule] if lapse_rule else []
    if x is not None:
        if x.acquaintance and ctx.on("CC-5"):
            rules_list.append("CC-5")
        if x.referred_by is not None and x.brought_by is None and named is None:
            if ctx.on("CC-4.1") and ctx.idx.deals_by_buyer.get(x.referred_by):
                rules_list.append("CC-4.1")
            if ctx.on("SD-7.5.C"):
                rules_list.append("SD-7.5.C")
        if (x.brought_by is not None or x.referred_by is not None) and named is None \
                and ctx.on("SD-5.4"):
            rules_list.append("SD-5.4")
        if named == r.consultant and ctx.on("SD-5.1"):
            rules_list.append("SD-5.1")
    alone = x is None or (x.brought_by is None and named is None)
    proxies = ctx.idx.proxies
    if alone and proxies and ctx.on("CC-10.2") and any(
            p.at <= r.at for p in proxies.get(r.client, ())):
        rules_list.append("CC-10.2")
    rules_list.append(ctx.cite("first"))
    if notes:
        rules_list.extend(notes)
        rules_list = list(_unique(rules_list))
    elif len(rules_list) > 1:
        rules_list = list(_unique(rules_list))
    part.owners = [(r.consultant, _ONE, rules_list[0])]
    acc.use(_fid("reception", r.id), rules_list[0], "first registered reception")
    acc.decided(*rules_list)
    when = ctx.fmt(r.at)
    label = ", ".join(rules_list)
    if lapse_rule:
        acc.say(f"{r.id} on {when} is the first registered reception after the lapse: the "
                f"client belongs to {r.consultant} ({label}).",
                f"{r.id}({when})为期满后第一次登记接待:客户归{r.consultant}"
                f"({'、'.join(rules_list)})。")
    else:
        acc.say(f"{r.id} on {when} is the first registered reception: the client belongs to "
                f"{r.consultant} ({label}).",
                f"{r.id}({when})为第一次登记接待:客户归{r.consultant}({'、'.join(rules_list)})。")


def _introduction(ctx: _Ctx, r: Reception, members: Sequence[str]) -> Introduction | None:
    if not ctx.on("SD-7.5.A"):
        return None
    for m in members:
        for intro in ctx.idx.introductions.get(m, ()):
            if intro.client == r.client and intro.at <= r.at:
                return intro
    return None


def _brought(ctx: _Ctx, acc: _Acc, r: Reception, by: str,
             cands: list[tuple[tuple[str, ...], list[Owner], Text]],
             unsettled: list[tuple[str, Text]]) -> None:
    """`CC-4.2`/`CC-4.3` (a past buyer brings the client) and `CC-10.1` (the proxy brings the
    buyer)."""
    if ctx.on("CC-4.2"):
        deals = [d for d in ctx.idx.deals_by_buyer.get(by, ()) if d.at < r.at]
        if deals:
            deal = deals[-1]
            part = _deal_credit(ctx, deal)
            if part.stop is not None or not part.owners:
                unsettled.append(("CC-4.2", Text(
                    f"{by}'s deal {deal.id} has no settled consultant",
                    f"{by}的成交{deal.id}无确定的置业顾问")))
            else:
                owners: list[Owner] = []
                rules: tuple[str, ...] = ("CC-4.2",)
                for c, s, _ in part.owners:
                    dep = ctx.idx.departures.get(c)
                    if dep is not None and dep.at <= r.at:
                        if dep.successor is None or not ctx.on("CC-4.3"):
                            unsettled.append(("CC-4.3", Text(
                                f"{c}, the consultant of {by}'s deal, has left and nobody "
                                "took over", f"{by}的置业顾问{c}已离职且无人接管")))
                            continue
                        acc.use(_fid("departure", dep.id), "CC-4.3",
                                f"{dep.successor} took over from {c}")
                        owners.append((dep.successor, s, "CC-4.3"))
                        rules = ("CC-4.3", "CC-4.2")
                    else:
                        owners.append((c, s, "CC-4.2"))
                if owners:
                    acc.use(_fid("deal", deal.id), rules[0], f"{by}'s deal")
                    cands.append((rules, _merge(owners), Text(
                        f"{by}, a past buyer (deal {deal.id}), brought the client in person",
                        f"成交老客户{by}(成交{deal.id})亲自带来")))
    if ctx.on("CC-10.1"):
        for p in ctx.idx.proxies.get(r.client, ()):
            if p.client == by and p.at < r.at and p.channel is Channel.IN_PERSON and (
                    p.verified or not ctx.on("SD-7.2")):
                acc.use(_fid("reception", p.id), "CC-10.1", f"{by} viewed on behalf of {r.client}")
                cands.append((("CC-10.1",), [(p.consultant, _ONE, "CC-10.1")], Text(
                    f"{by} viewed on behalf of {r.client} ({p.id}) and brought them in person",
                    f"{by}代{r.client}看房({p.id})并亲自带来")))
                break


def _deal_credit(ctx: _Ctx, deal: Deal) -> _Part:
    """The consultant side of a past deal (for `CC-4.2`): its buyers' owners at the deal."""
    got = ctx.deal_memo.get(deal.id)
    if got is None:
        ctx.deal_memo[deal.id] = _Part(stop=_Stop(("CC-4.2",), Text("cycle", "循环")))
        acc = _Acc()
        got = _household(ctx, acc, deal.buyers[0], deal.at)[1]
        ctx.deal_memo[deal.id] = got
    return got


def _recognition(ctx: _Ctx, acc: _Acc, part: _Part, r: Reception, members: Sequence[str]
                 ) -> None:
    """`SD-3.7`: a returning client received as new by another consultant; then G, H, I or J."""
    assert part.owners is not None
    f = _fid("reception", r.id)
    orig = part.owners
    orig_ids = {o[0] for o in orig}
    new = r.consultant
    day = ctx.day(r.at)
    month_end = ctx.recognition_end(r.at)
    recogs = [g for m in members for g in ctx.idx.recognitions.get(m, ())
              if g.at >= r.at and g.consultant in orig_ids and g.at <= ctx.as_of]
    recogs.sort(key=lambda g: (g.at, g.id))
    spot = [d for m in members for d in ctx.idx.deals_by_buyer.get(m, ())
            if d.at >= r.at and d.at <= ctx.as_of and ctx.day(d.at) == day]
    spot.sort(key=lambda d: (d.at, d.id))
    g0 = recogs[0] if recogs else None
    acc.say(f"{r.id}: the returning client did not name {_names(orig)} and was received as new "
            f"by {new} (SD-3.7).",
            f"{r.id}:老客户记不得原售楼员{_names(orig)},由{new}作为新客户接待(SD-3.7)。")
    if g0 is not None and ctx.day(g0.at) == day and not (spot and spot[0].at < g0.at):
        part.owners = [(c, s, "SD-3.7.G") for c, s, _ in orig]
        acc.use(f, "SD-3.7.G", "recognised the same day")
        acc.use(_fid("recognition", g0.id), "SD-3.7.G")
        acc.decided("SD-3.7.G", "SD-3.7")
        acc.say(f"{g0.id}: recognised the same day; the client stays with {_names(orig)} "
                "(SD-3.7.G).",
                f"{g0.id}:当日认出,仍由原售楼员{_names(orig)}接待(SD-3.7.G)。")
        return
    if spot and (g0 is None or spot[0].at < g0.at):
        d = spot[0]
        part.owners = [(new, _ONE, "SD-3.7.H")]
        acc.use(f, "SD-3.7.H")
        acc.use(_fid("deal", d.id), "SD-3.7.H", "deal on the spot before any recognition")
        for g in recogs:
            acc.aside(_fid("recognition", g.id), SetAsideReason.SUPERSEDED, "SD-3.7.H",
                      "after the deal on the spot")
        acc.decided("SD-3.7.H", "SD-3.7")
        acc.say(f"{d.id}: {new} closed the deal on the spot before any recognition; the client "
                f"and the commission go to {new} (SD-3.7.H).",
                f"{d.id}:{new}促成当场成交,成交前未认出原售楼员,客户资源和佣金全部归{new}"
                "(SD-3.7.H)。")
        return
    if g0 is not None and g0.at <= month_end:
        k = ctx.rb.splits.recognised_later_original
        owners = [(c, s * k, "SD-3.7.I") for c, s, _ in orig] + [(new, _ONE - k, "SD-3.7.I")]
        part.owners = _merge(owners)
        acc.use(f, "SD-3.7.I")
        acc.use(_fid("recognition", g0.id), "SD-3.7.I", "recognised within the month")
        acc.decided("SD-3.7.I", "SD-3.7")
        acc.say(f"{g0.id} on {ctx.fmt(g0.at)}: recognised within {ctx.rb.recognition_window} "
                f"after the visit; {new} follows up and the commission is shared "
                f"{_names(part.owners)} (SD-3.7.I).",
                f"{g0.id}({ctx.fmt(g0.at)}):之后{ctx.rb.recognition_window.zh}内认出,由{new}"
                f"负责跟进,佣金由原售楼员和新售楼员平分({_names(part.owners)})(SD-3.7.I)。")
        return
    for g in recogs:
        acc.aside(_fid("recognition", g.id), SetAsideReason.OUTSIDE_WINDOW, "SD-3.7.J",
                  f"after {ctx.fmt(month_end)}")
    part.owners = [(new, _ONE, "SD-3.7.J")]
    acc.use(f, "SD-3.7.J")
    acc.decided("SD-3.7.J", "SD-3.7")
    if ctx.as_of < month_end:
        why = Text(f"a recognition until {ctx.fmt(month_end)} would share the commission "
                   "(SD-3.7.I)",
                   f"{ctx.fmt(month_end)}前如认出,佣金平分(SD-3.7.I)")
        part.provisionally(month_end, ("SD-3.7.I", "SD-3.7.J"), why)
        acc.say(f"Not recognised so far: all to {new} for now (SD-3.7.J); {why.en}.",
                f"目前未认出:暂全部归{new}(SD-3.7.J);{why.zh}。")
    else:
        acc.say(f"Not recognised within {ctx.rb.recognition_window} (until "
                f"{ctx.fmt(month_end)}): the client and the commission go to {new} (SD-3.7.J).",
                f"{ctx.rb.recognition_window.zh}内未认出({ctx.fmt(month_end)}前):客户资源和"
                f"佣金全部归{new}(SD-3.7.J)。")


def _assignee(ctx: _Ctx, cr: ChangeRequest, recs: Sequence[Reception], cutoff: datetime,
              assigned: set[str]) -> tuple[str | None, Reception | None]:
    if cr.assigned_to is not None:
        return cr.assigned_to, None
    for r in recs:
        if (r.at >= cr.at and r.id not in assigned and r.context is not None
                and r.context.manager_assigned and r.client == cr.client):
            assigned.add(r.id)
            return r.consultant, r
    return None, None


def _change(ctx: _Ctx, acc: _Acc, part: _Part, cr: ChangeRequest, start: Reception | None,
            recs: Sequence[Reception], cutoff: datetime, assigned: set[str]) -> None:
    """A change request (`CC-7`, `SD-3.10.A` to `SD-3.10.C`, `SD-5.2`, `SD-5.3`), read where it
    falls."""
    f = _fid("change_request", cr.id)
    if part.owners is None or start is None:
        acc.aside(f, SetAsideReason.NOT_APPLICABLE, None, "no owner to change yet")
        return
    owners = part.owners
    outcomes: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    # each applicable rule: (rule, new owners or None = unchanged, note, set-aside reason)
    need_assignee = False
    if ctx.on("CC-7"):
        if cr.fault is Fault.SERIOUS:
            need_assignee = True
            outcomes.append(("CC-7", [], "attitude truly bad: the manager's assignment decides",
                             None))
        else:
            outcomes.append(("CC-7", None, "the first receiver stays",
                             SetAsideReason.NOT_SUPPORTED))
    designate = cr.kind is ChangeKind.DESIGNATE and cr.requested is not None
    if designate and (ctx.on("SD-5.2") or ctx.on("SD-5.3")):
        same_day = ctx.day(cr.at) == ctx.day(start.at)
        if same_day and ctx.on("SD-5.2"):
            if cr.assigned_to is not None and cr.assigned_to == cr.requested:
                if cr.instigated:
                    outcomes.append(("SD-5.2", None, f"{cr.requested} instigated it: all to "
                                     "the first receiver", None))
                else:
                    k = ctx.rb.splits.designated_mid_reception
                    shared = [(c, s * (_ONE - k), "SD-5.2") for c, s, _ in owners]
                    shared.append((cr.requested, k, "SD-5.2"))
                    outcomes.append(("SD-5.2", _merge(shared),
                                     "the manager had the named consultant receive", None))
            else:
                outcomes.append(("SD-5.2", None, "a mid-reception designation is not supported",
                                 SetAsideReason.NOT_SUPPORTED))
        elif not same_day and ctx.on("SD-5.3"):
            outcomes.append(("SD-5.3", None, "an old client's designation is not supported; "
                             "all to the first receiver", SetAsideReason.NOT_SUPPORTED))
    elif not designate and any(ctx.on(r) for r in ("SD-3.10.A", "SD-3.10.B", "SD-3.10.C")):
        if cr.fault is Fault.SERIOUS or cr.insists:
            if ctx.on("SD-3.10.C"):
                need_assignee = True
                outcomes.append(("SD-3.10.C", [], "serious fault or the client firmly refuses: "
                                 "the manager assigns the next on the rotation", None))
        elif cr.fault is Fault.GENERAL:
            if ctx.on("SD-3.10.B"):
                outcomes.append(("SD-3.10.B", None, "general fault: the consultant continues",
                                 SetAsideReason.NOT_SUPPORTED))
        elif ctx.on("SD-3.10.A"):
            outcomes.append(("SD-3.10.A", None, "no fault: not supported",
                             SetAsideReason.NOT_SUPPORTED))
    if not outcomes:
        part.stop = _Stop((), Text(f"{cr.id}: no rule of the rulebook settles this change request",
                                   f"{cr.id}:本制度无条款处理此更换要求"))
        acc.use(f, None, "not settled by the rules")
        return
    who: str | None = None
    via: Reception | None = None
    if need_assignee:
        who, via = _assignee(ctx, cr, recs, cutoff, assigned)
    resolved: list[tuple[str, list[Owner] | None, str, SetAsideReason | None]] = []
    for rule, new, note, reason in outcomes:
        if new is not None and not new:
            if who is None:
                part.stop = _Stop((rule,), Text(
                    f"{cr.id}: {note}, and no assignment is recorded",
                    f"{cr.id}:应由经理另行安排,但未记录安排"))
                acc.missing.append(MissingFact(f"change_requests[{cr.id}].assigned_to", rule,
                                               "Whom did the manager assign?"))
                acc.use(f, rule, note)
                return
            new = [(who, _ONE, rule)]
        resolved.append((rule, new, note, reason))
    results = {tuple((o[0], o[1]) for o in (n if n is not None else owners))
               for _, n, _, _ in resolved}
    if len(results) > 1:
        rules = tuple(r for r, _, _, _ in resolved)
        part.stop = _Stop(rules, Text(
            f"{cr.id}: " + "; ".join(f"{r}: {n}" for r, _, n, _ in resolved),
            f"{cr.id}:" + ";".join(f"{r}" for r, _, _, _ in resolved) + "的结论相互矛盾"))
        acc.use(f, None, "in conflict")
        return
    rule, new, note, reason = resolved[0]
    rules_all = tuple(r for r, _, _, _ in resolved)
    acc.decided(*rules_all)
    if new is None:
        part.lead.extend(rules_all)
        if reason is not None:
            acc.aside(f, reason, rule, note)
        else:
            acc.use(f, rule, note)
        acc.say(f"{cr.id}: the client's change request; {note}. The client stays with "
                f"{_names(owners)} ({', '.join(rules_all)}).",
                f"{cr.id}:客户要求更换置业顾问;{_zh_change(rule)}。客户仍归{_names(owners)}"
                f"({'、'.join(rules_all)})。")
        return
    acc.use(f, rule, note)
    if via is not None:
        acc.use(_fid("reception", via.id), rule, "the manager's assignment")
    part.owners = new
    if rule in ("CC-7", "SD-3.10.C"):
        part.anchor = via.at if via is not None else cr.at
    acc.say(f"{cr.id}: {note}; the client now belongs to {_names(new)} "
            f"({', '.join(rules_all)}).",
            f"{cr.id}:{_zh_change(rule)};客户现归{_names(new)}({'、'.join(rules_all)})。")


def _zh_change(rule: str) -> str:
    return {
        "CC-7": "以第一次接待为准,确属服务态度恶劣的由经理另行安排",
        "SD-3.10.A": "售楼员无过错,更换要求不予支持",
        "SD-3.10.B": "一般性过错,处罚后该售楼员继续接待",
        "SD-3.10.C": "严重过错或客户坚决拒绝,按排班安排其他售楼员,原售楼员不再享有权益",
        "SD-5.2": "当日新客户中途指定其他售楼员,原则上不予支持;经理安排被指定者接待的,佣金七三分",
        "SD-5.3": "老客户指定其他售楼员,不予支持,佣金全部归最先接待者",
    }.get(rule, rule)


def _off_top(ctx: _Ctx, acc: _Acc, part: _Part, members: Sequence[str],
             recs: Sequence[Reception], cutoff: datetime) -> None:
    """Company clients (`SD-6.1.1`) and staff referrals (`SD-6.2.1` to `SD-6.2.5`) of the
    members."""
    tz = ctx.tz
    idx = ctx.idx
    for m in members:
        if m not in idx.company_referrals and m not in idx.staff_referrals:
            continue
        first = next((r for r in recs if r.client == m), None)
        for k in ctx.idx.company_referrals.get(m, ()):
            acc.reading(k.at, k.id)
            f = _fid("company_referral", k.id)
            if not ctx.on("SD-6.1.1"):
                acc.aside(f, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.1.1")
            elif k.at > ctx.as_of:
                acc.aside(f, SetAsideReason.AFTER_AS_OF, None)
            elif first is not None and first.at <= k.at:
                acc.aside(f, SetAsideReason.NOT_FIRST, "SD-6.1.1",
                          f"the client registered at the site first ({first.id})")
                acc.say(f"{k.id}: the company's referral came after the client had registered "
                        f"({first.id}); not a company client (SD-6.1.1).",
                        f"{k.id}:客户在公司介绍前已到访登记({first.id}),不视为公司客户"
                        "(SD-6.1.1)。")
            elif part.company_client is None:
                part.company_client = k
                acc.use(f, "SD-6.1.1", "a company client")
                acc.decided("SD-6.1.1")
                acc.say(f"{k.id}: referred by the company before the first visit: a company "
                        "client (SD-6.1.1).",
                        f"{k.id}:到访前由公司介绍,为公司客户(SD-6.1.1)。")
            else:
                acc.aside(f, SetAsideReason.NOT_FIRST, "SD-6.1.1")
        for s in ctx.idx.staff_referrals.get(m, ()):
            acc.reading(s.registered_at, s.id)
            _staff(ctx, acc, part, s, first, tz)
    if part.company_client is not None and any(o[1] is PartyRole.INTRODUCER
                                               for o in part.off_top):
        part.stop = _Stop(("SD-6.1.1", "SD-6.2.3"), Text(
            "the client is both a company client and a staff referral",
            "客户既是公司客户又是员工介绍客户"))


def _staff(ctx: _Ctx, acc: _Acc, part: _Part, s: StaffReferral, first: Reception | None,
           tz: object) -> None:
    f = _fid("staff_referral", s.id)
    if not ctx.on("SD-6.2.1"):
        acc.aside(f, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.2.1")
        return
    if s.registered_at > ctx.as_of:
        acc.aside(f, SetAsideReason.AFTER_AS_OF, None)
        return
    day_end = ctx.end_of_day(s.agreed_date)
    if first is not None and first.at <= s.registered_at:
        acc.aside(f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.3",
                  f"a consultant registered the client first ({first.id})")
        acc.say(f"{s.id}: {first.consultant} registered the client ({first.id}) before the "
                "referral was registered; the consultant's registration wins (SD-6.2.1, "
                "SD-6.2.3).",
                f"{s.id}:介绍登记前{first.consultant}已登记在先({first.id}),介绍不予支持"
                "(SD-6.2.1、SD-6.2.3)。")
        acc.decided("SD-6.2.3")
        return
    if first is None:
        if ctx.as_of < day_end:
            why = Text(f"the referral {s.id} by {s.introducer} waits for the agreed visit on "
                       f"{s.agreed_date}", f"{s.introducer}的介绍{s.id}待约定日{s.agreed_date}来访")
            part.provisionally(day_end, ("SD-6.2.2", "SD-6.2.3"), why)
            acc.use(f, "SD-6.2.1", "registered; the agreed date has not passed")
            acc.say(f"{why.en} (SD-6.2.1, SD-6.2.2).", f"{why.zh}(SD-6.2.1、SD-6.2.2)。")
        else:
            acc.aside(f, SetAsideReason.LAPSED, "SD-6.2.2", "the client did not come that day")
            acc.say(f"{s.id}: the client did not come on the agreed date {s.agreed_date}; the "
                    "referral lapsed (SD-6.2.2).",
                    f"{s.id}:客户未能在约定日{s.agreed_date}来访,介绍登记失效(SD-6.2.2)。")
        return
    if ctx.day(first.at) != s.agreed_date:
        acc.aside(f, SetAsideReason.LAPSED, "SD-6.2.2",
                  f"first visit on {ctx.day(first.at)}, agreed {s.agreed_date}")
        acc.say(f"{s.id}: the client came on {ctx.day(first.at)}, not on the agreed date "
                f"{s.agreed_date}; the referral lapsed (SD-6.2.2).",
                f"{s.id}:客户于{ctx.day(first.at)}来访,非约定日{s.agreed_date},介绍登记失效"
                "(SD-6.2.2)。")
        acc.decided("SD-6.2.2")
        return
    if s.confirmed is None or (s.confirmed and s.signed is None):
        fld = "confirmed" if s.confirmed is None else "signed"
        acc.missing.append(MissingFact(f"staff_referrals[{s.id}].{fld}", "SD-6.2.3",
                                       "Did the introducer confirm in person or by phone, and "
                                       "did the project manager sign?"))
        acc.use(f, "SD-6.2.3", f"{fld} not known")
        part.stop = _Stop(("SD-6.2.3",), Text(
            f"{s.id}: whether the referral was {fld} on the visit is not recorded",
            f"{s.id}:未记录来访时介绍是否经{'确认' if fld == 'confirmed' else '项目经理签名'}"))
        return
    if not s.confirmed:
        acc.aside(f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.4",
                  "the introducer did not confirm on the visit")
        acc.say(f"{s.id}: the introducer did not confirm in person or by phone when the client "
                "came; the referral is void (SD-6.2.4).",
                f"{s.id}:客户来访时介绍人未能亲自或电话确认,介绍登记无效(SD-6.2.4)。")
        acc.decided("SD-6.2.4")
        return
    if not s.signed:
        acc.aside(f, SetAsideReason.PROCEDURE_NOT_FOLLOWED, "SD-6.2.3",
                  "the project manager did not sign")
        acc.say(f"{s.id}: the project manager did not sign the referral; it is not valid "
                "(SD-6.2.3).", f"{s.id}:项目经理未签名确认,介绍无效(SD-6.2.3)。")
        acc.decided("SD-6.2.3")
        return
    if any(o[1] is PartyRole.INTRODUCER for o in part.off_top):
        acc.aside(f, SetAsideReason.NOT_FIRST, "SD-6.2.3", "another referral is valid")
        return
    k = ctx.rb.splits.staff_introducer
    part.off_top.append((s.introducer, PartyRole.INTRODUCER, k, "SD-6.2.5"))
    acc.use(f, "SD-6.2.3", "registered before the visit, confirmed and signed")
    acc.decided("SD-6.2.5", "SD-6.2.3", "SD-6.2.1")
    acc.say(f"{s.id}: {s.introducer} registered the referral before the first visit, confirmed "
            f"it on the agreed date and the project manager signed: {s.introducer} gets "
            f"{k} of a deal's commission (SD-6.2.1, SD-6.2.3, SD-6.2.5).",
            f"{s.id}:{s.introducer}于首次来访前登记介绍,约定日确认且经项目经理签名:成交佣金的"
            f"{k}归介绍人(SD-6.2.1、SD-6.2.3、SD-6.2.5)。")


# -- households --------------------------------------------------------------------------------


def _members(ctx: _Ctx, acc: _Acc | None, client: str) -> tuple[str, ...]:
    """The household of ``client``: related clients known by ``as_of`` (rulebook's relations)."""
    rels = ctx.idx.relations
    if client not in rels or ctx.rb.household is HouseholdRule.NONE:
        if acc is not None and client in rels:
            for rel in rels[client]:
                acc.aside(_fid("relation", rel.id), SetAsideReason.DISABLED_BY_RULEBOOK, None,
                          "the rulebook has no household rule")
        return (client,)
    kinds = ctx.rb.household_relations
    seen = {client}
    todo = [client]
    while todo:
        c = todo.pop()
        for rel in rels.get(c, ()):
            if rel.known_at <= ctx.as_of and rel.kind in kinds:
                for o in (rel.a, rel.b):
                    if o not in seen:
                        seen.add(o)
                        todo.append(o)
    if acc is not None:
        hh_rule = ctx.rb.household.rule_id
        for c in sorted(seen):
            for rel in rels.get(c, ()):
                fr = _fid("relation", rel.id)
                if rel.known_at > ctx.as_of:
                    acc.aside(fr, SetAsideReason.AFTER_AS_OF, None)
                elif rel.kind not in kinds:
                    acc.aside(fr, SetAsideReason.DISABLED_BY_RULEBOOK, hh_rule,
                              f"a {rel.kind.value} relation does not make a household here")
                else:
                    acc.use(fr, hh_rule)
    return tuple(sorted(seen))


def _household(ctx: _Ctx, acc: _Acc, client: str, cutoff: datetime
               ) -> tuple[tuple[str, ...], _Part]:
    members = _members(ctx, acc, client)
    rb = ctx.rb
    if len(members) == 1 or rb.household is HouseholdRule.FIRST_RECEPTION:
        part = _read(ctx, acc, members, cutoff)
        if len(members) > 1 and part.owners:
            part.lead.append("CC-3")
            acc.say(f"{', '.join(members)} are one household: the first reception of any member "
                    "owns the whole household (CC-3).",
                    f"{'、'.join(members)}同属一家人,以第一次接待为准(CC-3)。")
        _departures(ctx, acc, part, members, cutoff)
        return members, part
    # SD-7.4: each member on their own, then equal shares among those received before the deal
    parts = _read_members(ctx, acc, members, cutoff)
    for _, p in parts:
        if p.stop is not None:
            _departures(ctx, acc, p, members, cutoff)
            return members, p
    first_deal = min((d.at for m in members for d in ctx.idx.deals_by_buyer.get(m, ())
                      if d.at <= ctx.as_of), default=None)
    known = {m: min((rel.known_at for rel in ctx.idx.relations.get(m, ())
                     if rel.kind in rb.household_relations and rel.known_at <= ctx.as_of),
                    default=_END_OF_TIME) for m in members}
    owned = sorted(((p.first_at, m, p) for m, p in parts if p.owners and p.first_at is not None),
                   key=lambda t: (t[0], t[1]))
    merged = _Part()
    for _, p in parts:
        merged.off_top.extend(p.off_top)
        if p.company_client is not None and merged.company_client is None:
            merged.company_client = p.company_client
        if p.provisional is not None:
            merged.provisionally(*p.provisional)
    if not owned:
        _departures(ctx, acc, merged, members, cutoff)
        return members, merged
    joint = [owned[0]]
    for at, m, p in owned[1:]:
        before_deal = first_deal is None or at < first_deal
        if before_deal and at < known[m]:
            joint.append((at, m, p))
        else:
            rule = ctx.cite("first")
            acc.say(f"{m} was first received after "
                    f"{'the deal' if not before_deal else 'the relation was known'}; the "
                    f"earlier registration of the household wins ({rule}).",
                    f"{m}在{'成交' if not before_deal else '发现夫妻关系'}之后才来访登记,以先登记者"
                    f"为准({rule})。")
            acc.decided(rule)
    merged.first_at = owned[0][0]
    merged.anchor = max(p.anchor for _, _, p in owned if p.anchor is not None)
    if len({tuple(sorted((o[0], o[1]) for o in p.owners or ())) for _, _, p in joint}) == 1:
        merged.owners = list(joint[0][2].owners or ())
    else:
        n = len(joint)
        merged.owners = _merge((c, s / n, "SD-7.4") for _, _, p in joint
                               for c, s, _ in (p.owners or ()))
        merged.lead.append("SD-7.4")
        acc.say(f"{', '.join(m for _, m, _ in joint)} are spouses received separately before "
                f"the deal: joint owners, {_names(merged.owners)} (SD-7.4).",
                f"{'、'.join(m for _, m, _ in joint)}为夫妻,成交前分别来访登记:共同接待,佣金"
                f"各得一半({_names(merged.owners)})(SD-7.4)。")
    _departures(ctx, acc, merged, members, cutoff)
    return members, merged


def _read_members(ctx: _Ctx, acc: _Acc, members: Sequence[str], cutoff: datetime
                  ) -> list[tuple[str, _Part]]:
    """Each member's timeline read on its own; their lines merged in the order of the facts
    they are about (instant, then record id)."""
    parts: list[tuple[str, _Part]] = []
    keyed: list[tuple[tuple[float, str], int, int, Text]] = []
    for n, m in enumerate(members):
        sub = _Acc(keys=[])
        parts.append((m, _read(ctx, sub, (m,), cutoff)))
        acc.trace.update(sub.trace)
        acc.rules.extend(sub.rules)
        acc.missing.extend(sub.missing)
        assert sub.keys is not None
        keyed.extend((k, n, i, line) for i, (k, line) in enumerate(zip(sub.keys, sub.lines,
                                                                        strict=True)))
    keyed.sort(key=lambda t: t[:3])
    acc.lines.extend(t[3] for t in keyed)
    return parts


def _departures(ctx: _Ctx, acc: _Acc, part: _Part, members: Sequence[str], cutoff: datetime
                ) -> None:
    """Owners who left by the deal (or ``as_of``): their successor takes over; no successor is
    an escalation. Departures of other consultants of the household are set aside."""
    deps = ctx.idx.departures
    if not deps:
        return
    limit = min(cutoff, ctx.as_of)
    new: list[Owner] = []
    if part.owners is None or part.stop is not None:
        return
    for c, s, rule in part.owners:
        dep = deps.get(c)
        if dep is None or dep.at > limit:
            new.append((c, s, rule))
            continue
        f = _fid("departure", dep.id)
        if dep.successor is None:
            part.stop = _Stop((), Text(
                f"{c} left on {ctx.fmt(dep.at)} ({dep.id}) and nobody took over their clients",
                f"{c}已于{ctx.fmt(dep.at)}离职({dep.id}),无人接管其客户"))
            acc.use(f, None, "no successor")
            return
        acc.use(f, "CC-4.3" if rule == "CC-4.3" else None, f"{dep.successor} took over from {c}")
        acc.say(f"{c} left on {ctx.fmt(dep.at)}; {dep.successor} took over their clients "
                f"({dep.id}).",
                f"{c}已于{ctx.fmt(dep.at)}离职,由{dep.successor}接管({dep.id})。")
        new.append((dep.successor, s, rule))
    part.owners = _merge(new)


# -- the remaining facts of a household (nothing dropped silently) -------------------------------


def _sweep(ctx: _Ctx, acc: _Acc, members: Sequence[str], settled: bool) -> None:
    """Account for every fact of ``members`` the reading did not reach. A settled reading of a
    client with no other facts has seen all its receptions; an escalation stops early."""
    idx = ctx.idx
    if settled and len(members) == 1 and members[0] not in idx.others:
        return
    as_of = ctx.as_of
    sd37 = ctx.on("SD-3.7")
    for m in members:
        for g in idx.recognitions.get(m, ()):
            if g.at > as_of:
                acc.aside_if_new(_fid("recognition", g.id), SetAsideReason.AFTER_AS_OF, None)
            elif not sd37:
                acc.aside_if_new(_fid("recognition", g.id), SetAsideReason.DISABLED_BY_RULEBOOK,
                                 "SD-3.7")
            else:
                acc.aside_if_new(_fid("recognition", g.id), SetAsideReason.NOT_APPLICABLE,
                                 "SD-3.7", "no reception as new by another consultant to "
                                 "recognise")
        for i in idx.introductions.get(m, ()):
            fi = _fid("introduction", i.id)
            if i.at > as_of:
                acc.aside_if_new(fi, SetAsideReason.AFTER_AS_OF, None)
            elif not ctx.on("SD-7.5.A"):
                acc.aside_if_new(fi, SetAsideReason.DISABLED_BY_RULEBOOK, "SD-7.5.A")
            else:
                acc.aside_if_new(fi, SetAsideReason.NOT_APPLICABLE, "SD-7.5.A",
                                 "no later first reception")
        for cr in idx.change_requests.get(m, ()):
            acc.aside_if_new(_fid("change_request", cr.id), SetAsideReason.NOT_APPLICABLE, None,
                             "read after the case was settled")
        for r in idx.receptions.get(m, ()):
            acc.aside_if_new(_fid("reception", r.id), SetAsideReason.NOT_APPLICABLE, None,
                             "read after the case was settled")
        for k in idx.company_referrals.get(m, ()):
            acc.aside_if_new(_fid("company_referral", k.id),
                             SetAsideReason.AFTER_AS_OF if k.at > as_of else
                             SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.1.1")
        for s in idx.staff_referrals.get(m, ()):
            acc.aside_if_new(_fid("staff_referral", s.id),
                             SetAsideReason.AFTER_AS_OF if s.registered_at > as_of else
                             SetAsideReason.DISABLED_BY_RULEBOOK, "SD-6.2.1")
        for d in idx.deals_by_buyer.get(m, ()):
            fd = _fid("deal", d.id)
            if d.at > as_of:
                acc.aside_if_new(fd, SetAsideReason.AFTER_AS_OF, None)
            else:
                acc.aside_if_new(fd, SetAsideReason.NOT_APPLICABLE, "COM-SPLIT",
                                 "settled by the deal's commission split")
            for c in idx.deal_changes.get(d.id, ()):
                acc.aside_if_new(_fid("deal_change", c.id),
                                 SetAsideReason.AFTER_AS_OF if c.at > as_of else
                                 SetAsideReason.NOT_APPLICABLE, None,
                                 "settled by the deal's commission split")


# -- building the decisions ---------------------------------------------------------------------


def _split_trace(acc: _Acc) -> tuple[tuple[FactUsed, ...], tuple[FactSetAside, ...]]:
    used: list[FactUsed] = []
    aside: list[FactSetAside] = []
    for t in acc.trace.values():
        if type(t) is FactUsed:
            used.append(t)
        else:
            aside.append(t)  # type: ignore[arg-type]
    return tuple(used), tuple(aside)


def _unique(rules: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r for r in rules if r))


def _ownership_decision(ctx: _Ctx, acc: _Acc, client: str, members: tuple[str, ...],
                        part: _Part) -> OwnershipDecision:
    rb = ctx.rb
    subject = f"client {client}" if len(members) == 1 else f"household {'+'.join(members)}"
    escalation = None
    provisional = None
    owners: tuple[Share, ...] = ()
    off: tuple[Share, ...] = ()
    protected_until = None
    lapsed = False
    if part.stop is not None:
        esc_rules = _unique(part.stop.rules + ctx.escalate_rules())
        escalation = Escalation.model_construct(to=_target(rb), rules=esc_rules,
                                                reason=part.stop.reason)
        decided = esc_rules
        target = rb.escalation_target
        acc.say(f"Escalated to the {target.en}: {part.stop.reason.en} "
                f"({', '.join(esc_rules)}).",
                f"提交{target.zh}处理:{part.stop.reason.zh}({'、'.join(esc_rules)})。")
    else:
        if part.owners:
            owners = tuple(_construct(Share, {"party": c, "role": PartyRole.CONSULTANT,
                                              "share": s, "rule": rule})
                           for c, s, rule in part.owners)
            off = tuple(_construct(Share, {"party": p, "role": role, "share": s, "rule": rule})
                        for p, role, s, rule in part.off_top)
            if part.anchor is not None:
                protected_until = ctx.window_end(part.anchor)
                lapsed = ctx.as_of > protected_until
            decided = _unique([*part.lead, *(o[2] for o in part.owners), *acc.rules,
                               *(o[3] for o in part.off_top), *ctx.cited["first"][:1],
                               *ctx.cited["book"][:1]])
            label = _names(part.owners)
            asof = ctx.fmt(ctx.as_of)
            if protected_until is None:
                tail_en = tail_zh = ""
            elif not lapsed:
                end = ctx.fmt(protected_until)
                tail_en, tail_zh = f"; protected until {end}", f";保护期至{end}"
            else:
                end, again = ctx.fmt(protected_until), ctx.cite("return_after")
                tail_en = (f"; the window ended at {end}, the next registered reception will "
                           f"own the client ({again})")
                tail_zh = f";有效期已于{end}届满,下一次登记接待者将获得该客户({again})"
            who_zh = "客户" if len(members) == 1 else "家庭"
            acc.say(f"As of {asof}, {subject} belongs to {label}{tail_en}.",
                    f"截至{asof},{who_zh}{'+'.join(members)}归{label}{tail_zh}。")
        else:
            grounds = _unique([ctx.cite("book"), *(t.rule or "" for t in acc.trace.values()
                                                   if isinstance(t, FactSetAside)
                                                   and t.fact.startswith("reception:"))])
            decided = _unique([*acc.rules, *grounds])
            acc.say(f"As of {ctx.fmt(ctx.as_of)}, nobody owns {subject}: no registered reception "
                    f"({', '.join(grounds)}).",
                    f"截至{ctx.fmt(ctx.as_of)},{'+'.join(members)}无有效登记接待,不归任何人"
                    f"({'、'.join(grounds)})。")
        if part.provisional is not None:
            until, prules, why = part.provisional
            provisional = Provisional.model_construct(until=until, rules=prules, reason=why)
    _sweep(ctx, acc, members, settled=part.stop is None)
    _departures_sweep(ctx, acc, members)
    used, aside = _split_trace(acc)
    outcome = _construct(OwnershipOutcome, {
        "client": client, "household": members, "owners": owners, "off_the_top": off,
        "company_client": part.company_client is not None and part.stop is None,
        "protected_until": protected_until, "lapsed": lapsed})
    return _construct(OwnershipDecision, {
        "format": "propmgmt.decision.v1", "kind": "ownership", "subject": subject,
        "as_of": ctx.as_of, "outcome": outcome, "decided_by": decided, "not_applied": (),
        "facts_used": used, "facts_set_aside": aside, "missing_facts": tuple(acc.missing),
        "basis": ctx.basis, "provisional": provisional, "escalation": escalation,
        "explanation": _explain(acc.lines)})


def _explain(lines: list[Text]) -> Explanation:
    return _construct(Explanation, {"en": "\n".join(t.en for t in lines),
                                    "zh": "\n".join(t.zh for t in lines)})


def _departures_sweep(ctx: _Ctx, acc: _Acc, members: Sequence[str]) -> None:
    deps = ctx.idx.departures
    if not deps:
        return
    for m in members:
        for r in ctx.idx.receptions.get(m, ()):
            dep = deps.get(r.consultant)
            if dep is not None:
                acc.aside_if_new(_fid("departure", dep.id),
                                 SetAsideReason.AFTER_AS_OF if dep.at > ctx.as_of
                                 else SetAsideReason.NOT_RELEVANT, None,
                                 f"{r.consultant} does not own the client")


def _target(rb: Rulebook) -> str:
    t = rb.escalation_target
    return t.en if t.en == t.zh else f"{t.en} / {t.zh}"


def _as_of(value: datetime | str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise InputError("as_of", "must be an ISO 8601 instant with an offset",
                             value) from None
    if not isinstance(value, datetime):
        raise InputError("as_of", "must be a timezone-aware datetime", value)
    return require_aware(value, "as_of")


def _check(book: RegistrationBook, rulebook: Rulebook) -> None:
    if not isinstance(book, RegistrationBook):
        raise InputError("book", "must be a RegistrationBook", type(book).__name__)
    if not isinstance(rulebook, Rulebook):
        raise InputError("rulebook", "must be a Rulebook (e.g. rulebooks.CC)",
                         type(rulebook).__name__)


def decide_ownership(book: RegistrationBook, client_id: str, as_of: datetime | str,
                     rulebook: Rulebook) -> OwnershipDecision:
    """Who owns ``client_id`` (and its household) as of ``as_of`` under ``rulebook``.

    An unknown client or a naive ``as_of`` is an :class:`~propmgmt_rules.InputError`.
    """
    _check(book, rulebook)
    at = _as_of(as_of)
    ctx = _Ctx(book, rulebook, at)
    if client_id not in ctx.idx.clients:
        raise InputError("client_id", "no reception or referral of the book names this client",
                         client_id)
    acc = _Acc()
    members, part = _household(ctx, acc, client_id, at)
    return _ownership_decision(ctx, acc, client_id, members, part)


# -- commission -------------------------------------------------------------------------------


def _holders(ctx: _Ctx, acc: _Acc, deal: Deal) -> tuple[tuple[str, ...], datetime, _Stop | None]:
    """The clients the deal is credited through after its changes (`CC-8`, `SD-7.6`)."""
    holders = deal.buyers
    when = deal.at
    rule = ctx.rb.deal_change
    for c in ctx.idx.deal_changes.get(deal.id, ()):
        f = _fid("deal_change", c.id)
        if c.at > ctx.as_of:
            acc.aside(f, SetAsideReason.AFTER_AS_OF, None)
            continue
        if c.kind is DealChangeKind.SWAP:
            other_id = c.swapped_with if c.deal == deal.id else c.deal
            other = ctx.idx.deals[other_id or ""]
            new = other.buyers
        elif c.kind is DealChangeKind.RENAME:
            new = c.new_buyers
        else:
            new = holders
        if c.deal != deal.id and c.kind is not DealChangeKind.SWAP:
            continue
        if set(new) == set(holders):
            acc.use(f, rule.rule_id, "the holder did not change")
            acc.say(f"{c.id}: {c.kind.value.replace('_', ' ')}; the same client holds the deal.",
                    f"{c.id}:{_zh_kind(c.kind)},仍由同一客户持有。")
            continue
        if rule is DealChangeRule.FOLLOW_CLIENT:
            acc.use(f, "CC-8", f"now held by {', '.join(new)}")
            acc.decided("CC-8")
            acc.say(f"{c.id} on {ctx.fmt(c.at)}: {c.kind.value.replace('_', ' ')}; the deal "
                    f"follows the client and is credited through {', '.join(new)} (CC-8).",
                    f"{c.id}({ctx.fmt(c.at)}):{_zh_kind(c.kind)},以客户为准,按"
                    f"{'、'.join(new)}的归属计佣(CC-8)。")
            holders, when = new, c.at
        elif rule is DealChangeRule.STAY:
            acc.use(f, "SD-7.6", "the handling consultant does not change")
            acc.decided("SD-7.6")
            acc.say(f"{c.id} on {ctx.fmt(c.at)}: {c.kind.value.replace('_', ' ')}; the handling "
                    "consultant does not change, the commission stays with the original "
                    "(SD-7.6).",
                    f"{c.id}({ctx.fmt(c.at)}):{_zh_kind(c.kind)},不变更经办售楼员,业绩和佣金"
                    "仍归原售楼员(SD-7.6)。")
        else:
            acc.use(f, None, "no rule for a change of holder")
            return holders, when, _Stop((), Text(
                f"{c.id}: the deal changed hands and the rulebook has no rule for it",
                f"{c.id}:成交后变更持有人,本制度无相应条款"))
    return holders, when, None


def _zh_kind(kind: DealChangeKind) -> str:
    return {DealChangeKind.RENAME: "更名", DealChangeKind.UNIT_CHANGE: "换房",
            DealChangeKind.SWAP: "客户之间调房换定单"}[kind]


def _commission(ctx: _Ctx, deal: Deal) -> CommissionDecision:
    acc = _Acc()
    rb = ctx.rb
    f = _fid("deal", deal.id)
    acc.use(f, "COM-SPLIT")
    holders, when, stop = _holders(ctx, acc, deal)
    part: _Part | None = None
    members: tuple[str, ...] = holders
    if stop is None:
        own_acc = _Acc()
        members, part = _household(ctx, own_acc, holders[0], when)
        for other in holders[1:]:
            if other in members:
                continue
            _, o_part = _household(ctx, _Acc(), other, when)
            if o_part.stop is None and part.stop is None and (
                    [(o[0], o[1]) for o in o_part.owners or ()]
                    != [(o[0], o[1]) for o in part.owners or ()]):
                stop = _Stop((), Text(
                    f"the buyers {', '.join(holders)} belong to different consultants",
                    f"买方{'、'.join(holders)}分属不同置业顾问"))
        # the ownership reasoning is part of the commission's explanation
        acc.lines.extend(own_acc.lines)
        acc.rules.extend(own_acc.rules)
        acc.missing.extend(own_acc.missing)
        for k, v in own_acc.trace.items():
            acc.trace.setdefault(k, v)
        if stop is None and part.stop is not None:
            stop = part.stop
    lines: list[tuple[str, PartyRole, Fraction, str]] = []
    if stop is None and part is not None:
        lines, stop = _shares(ctx, acc, deal, part)
    escalation = None
    provisional = None
    out_lines: tuple[CommissionLine, ...] = ()
    if stop is not None:
        esc_rules = _unique(stop.rules + ctx.escalate_rules())
        escalation = Escalation.model_construct(to=_target(rb), rules=esc_rules,
                                                reason=stop.reason)
        decided = _unique([*esc_rules, "COM-SPLIT"])
        target = rb.escalation_target
        acc.say(f"Escalated to the {target.en}: {stop.reason.en} ({', '.join(esc_rules)}).",
                f"提交{target.zh}处理:{stop.reason.zh}({'、'.join(esc_rules)})。")
    else:
        amounts = allocate(deal.commission, [s for _, _, s, _ in lines]) if lines else ()
        out_lines = tuple(
            CommissionLine.model_construct(party=p, role=role, share=s, amount=a, rule=rule)
            for (p, role, s, rule), a in zip(lines, amounts, strict=True))
        decided = _unique([*(part.lead if part is not None else ()),
                           *(ln.rule for ln in out_lines), *acc.rules, "COM-SPLIT",
                           "COM-ROUND", *(("COM-POOL",) if any(
                               ln.role is PartyRole.POOL for ln in out_lines) else ()),
                           ctx.cite("first"), ctx.cite("book")])
        parts_en = ", ".join(f"{ln.party} {ln.share} = {ln.amount}" for ln in out_lines)
        acc.say(f"Deal {deal.id} on {ctx.fmt(deal.at)}, commission {deal.commission} yuan: "
                f"{parts_en} (COM-SPLIT, COM-ROUND).",
                f"成交{deal.id}({ctx.fmt(deal.at)}),佣金{deal.commission}元:{parts_en}"
                "(COM-SPLIT、COM-ROUND)。")
        if part is not None and part.provisional is not None:
            until, prules, why = part.provisional
            provisional = Provisional.model_construct(until=until, rules=prules, reason=why)
    used, aside = _split_trace(acc)
    outcome = CommissionOutcome.model_construct(
        deal=deal.id, commission=deal.commission, credited_to=tuple(members),
        lines=out_lines)
    return CommissionDecision.model_construct(
        format="propmgmt.decision.v1", kind="commission", subject=f"deal {deal.id}",
        as_of=ctx.as_of, outcome=outcome, decided_by=decided, not_applied=(),
        facts_used=used, facts_set_aside=aside, missing_facts=tuple(acc.missing),
        basis=ctx.basis, provisional=provisional, escalation=escalation,
        explanation=Explanation.from_lines(acc.lines))


def _shares(ctx: _Ctx, acc: _Acc, deal: Deal, part: _Part
            ) -> tuple[list[tuple[str, PartyRole, Fraction, str]], _Stop | None]:
    """Off-the-top parties first, then the consultant side by the owners' shares (`COM-SPLIT`)."""
    sp = ctx.rb.splits
    off: list[tuple[str, PartyRole, Fraction, str]] = list(part.off_top)
    consultants: list[Owner] = list(part.owners or [])
    if part.company_client is not None:
        if deal.arranged_by_company:
            if deal.after_sales_role is None:
                acc.missing.append(MissingFact(f"deals[{deal.id}].after_sales_role", "SD-6.1.4",
                                               "Who follows up the after-sales: a consultant or "
                                               "other staff?"))
                return [], _Stop(("SD-6.1.4", "SD-6.1.5"), Text(
                    f"{deal.id}: who does the after-sales is not recorded",
                    f"{deal.id}:未记录售后跟进人"))
            if deal.after_sales_role is AfterSales.OTHER_STAFF:
                acc.decided("SD-6.1.5")
                acc.say(f"{deal.id}: the company arranged the deal and other staff do the "
                        "after-sales: all to the company pool (SD-6.1.5).",
                        f"{deal.id}:公司直接安排成交,其他员工跟进售后,佣金全部作为公佣"
                        "(SD-6.1.5)。")
                return [(POOL, PartyRole.POOL, _ONE, "SD-6.1.5")], None
            if deal.after_sales_by is None:
                acc.missing.append(MissingFact(f"deals[{deal.id}].after_sales_by", "SD-6.1.4",
                                               "Which consultant does the after-sales?"))
                return [], _Stop(("SD-6.1.4",), Text(
                    f"{deal.id}: the consultant doing the after-sales is not recorded",
                    f"{deal.id}:未记录负责售后的售楼员"))
            off.append((POOL, PartyRole.POOL, sp.company_arranged_pool, "SD-6.1.4"))
            consultants = [(deal.after_sales_by, _ONE, "SD-6.1.4")]
            acc.decided("SD-6.1.4")
        else:
            off.append((POOL, PartyRole.POOL, sp.company_followed_pool, "SD-6.1.3"))
            acc.decided("SD-6.1.3")
    elif deal.arranged_by_company:
        acc.use(_fid("deal", deal.id), "COM-SPLIT", "arranged_by_company ignored: not a company "
                "client (SD-6.1.1)")
    top = sum((s for _, _, s, _ in off), _ZERO)
    if top > 1:
        return [], _Stop(tuple(r for _, _, _, r in off), Text(
            f"{deal.id}: the off-the-top shares add up to more than the commission",
            f"{deal.id}:先行扣除的份额合计超过全部佣金"))
    rest = _ONE - top
    if rest > 0 and not consultants:
        return [], _Stop(_unique([ctx.cite("book")]), Text(
            f"{deal.id}: no consultant owns the buyers (no registered reception)",
            f"{deal.id}:买方无有效登记接待,无归属置业顾问"))
    lines = [(p, role, s, rule) for p, role, s, rule in off if s != 0]
    if rest > 0:
        lines.extend((c, PartyRole.CONSULTANT, rest * s, rule) for c, s, rule in consultants)
    if not lines:
        lines = [(POOL, PartyRole.POOL, _ONE, "COM-POOL")]
    return lines, None


def split_commission(book: RegistrationBook, deal_id: str, rulebook: Rulebook,
                     as_of: datetime | str | None = None) -> CommissionDecision:
    """How the commission of deal ``deal_id`` is split, to the cent.

    ``as_of`` (default: the latest instant of the book) bounds the facts read: a recognition
    within the month after the visit (`SD-3.7.I`) or a relation found after the deal
    (`SD-7.4`) still changes the split, and the decision says until when it may.
    """
    _check(book, rulebook)
    idx = book._index
    deal = idx.deals.get(deal_id)
    if deal is None:
        raise InputError("deal_id", "no such deal in the book", deal_id)
    at = _latest(book) if as_of is None else _as_of(as_of)
    if deal.at > at:
        raise InputError("as_of", f"deal {deal_id} is later than as_of", at.isoformat())
    return _commission(_Ctx(book, rulebook, at), deal)


def _latest(book: RegistrationBook) -> datetime:
    instants: list[datetime] = [r.at for r in book.receptions]
    instants.extend(r.known_at for r in book.relations)
    for lst in (book.recognitions, book.change_requests, book.departures,
                book.company_referrals, book.introductions, book.deals, book.deal_changes):
        instants.extend(x.at for x in lst)
    instants.extend(s.registered_at for s in book.staff_referrals)
    if not instants:
        raise InputError("book", "is empty: give as_of")
    return max(instants)


def settle(book: RegistrationBook, rulebook: Rulebook, as_of: datetime | str
           ) -> list[OwnershipDecision | CommissionDecision]:
    """Every decision of a book as of ``as_of``: one per household (sorted by subject), then
    one per deal made by then (sorted by deal instant and id). A payroll run is one call."""
    _check(book, rulebook)
    at = _as_of(as_of)
    ctx = _Ctx(book, rulebook, at)
    out: list[OwnershipDecision | CommissionDecision] = []
    done: set[str] = set()
    households: list[tuple[str, OwnershipDecision]] = []
    for client in sorted(ctx.idx.clients):
        if client in done:
            continue
        acc = _Acc()
        members, part = _household(ctx, acc, client, at)
        done.update(members)
        households.append((members[0], _ownership_decision(ctx, acc, members[0], members, part)))
    households.sort(key=lambda h: h[1].subject)
    out.extend(h for _, h in households)
    for deal in ctx.idx.deals.values():
        if deal.at <= at:
            out.append(_commission(ctx, deal))
    return out

