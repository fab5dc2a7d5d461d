"""What a complaint is (catalog section 3): valid or not (`CP-4.2.1`), its nature (`CA-2.1`),
its subject (`CA-2.2`), its severity (`CP-4.2.2` .. `CP-4.2.4`, with the policy's
thresholds) and the flags `SQ-GROUP`, `SQ-GOV`.

A fact the rules need and the complaint lacks is a missing fact, never a default; facts that
contradict each other are an escalation, never a silent pick.

Each rule is a step that declares the facts it reads (``READS``, beside it): its answer and
its trace are memoised per policy by those facts, so a batch computes each rule once per kind
of complaint, by the same function that :func:`classify` calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any, Final

from .._build import construct
from ..decision import Escalation, SetAsideReason, Text
from ..trace import Trace
from ._checks import check_complaint
from ._tables import Frag, Tables, decide, tables
from ._text import (
    CONFLICT_HARM,
    CONFLICT_RESIDENT,
    EN_CONFLICT,
    EN_NATURE,
    EN_SEV,
    EN_VALIDITY,
    ZH_CONFLICT,
    ZH_NATURE,
    ZH_SEV,
    ZH_SUBJECT,
    ZH_VALIDITY,
)
from .models import (
    Cause,
    Classification,
    ClassificationDecision,
    Complaint,
    Intent,
    Nature,
    Severity,
    Subject,
    Validity,
)
from .policy import ComplaintPolicy
from .presets import PROCEDURE_5, resolve_policy

__all__ = ["FLAGS_READS", "NATURE_READS", "READS", "SEVERITY_READS", "STEPS", "SUBJECT_READS",
           "VALIDITY_READS", "Cls", "classification", "classify"]

_NATURE_OF_INTENT: Final = {
    Intent.HELP: Nature.HELP_SEEKING,
    Intent.ENQUIRY: Nature.ENQUIRY,
    Intent.VENTING: Nature.VENTING,
}


# -- facts every step may derive -----------------------------------------------------------


def _major_loss(c: Complaint, threshold: object) -> bool | None:
    """`CP-4.2.2` (2): staff's flag, or a loss at or above the policy's threshold; a loss of
    zero is not major; unknown otherwise."""
    if c.major_loss is not None:
        return c.major_loss
    if c.loss_amount is None:
        return None
    if c.loss_amount == 0:
        return False
    if threshold is None:
        return None
    return bool(c.loss_amount >= threshold)  # type: ignore[operator]


def _harm(c: Complaint, policy: ComplaintPolicy) -> tuple[bool, bool | None, bool]:
    """Whether the company caused it, whether the loss is major, and whether the company
    caused an injury or a loss."""
    cause = c.caused_by
    by_company = cause is not None and cause.by_company
    major_loss = _major_loss(c, policy.major_loss_threshold)
    harm = by_company and (c.injury is True or major_loss is True or
                           (c.loss_amount is not None and c.loss_amount > 0))
    return by_company, major_loss, harm


# -- the steps -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Validity:
    validity: Validity | None
    valid: bool | None
    conflicts: tuple[str, ...]


VALIDITY_READS: Final = ("justified", "caused_by", "injury", "major_loss", "loss_amount")


def _validity(c: Complaint, policy: ComplaintPolicy, tr: Trace) -> _Validity:
    """`CP-4.2.1`: invalid (an unjustified demand), or valid: property-service when the
    company caused it. Reads :data:`VALIDITY_READS`."""
    cause = c.caused_by
    by_company, _, harm = _harm(c, policy)
    conflicts: list[str] = []
    validity: Validity | None = None
    valid: bool | None = c.justified
    tr.rule("CP-4.2.1")
    if c.justified is False:
        if harm:
            conflicts.append(CONFLICT_HARM)
            tr.use("justified", "CP-4.2.1")
            tr.use("caused_by", "CP-4.2.2")
            valid = None
        else:
            validity = Validity.INVALID
            tr.use("justified", "CP-4.2.1")
    elif c.justified is True:
        tr.use("justified", "CP-4.2.1")
        if cause is None:
            tr.missing("caused_by", "CP-4.2.1",
                       "Who caused the matter: the company (staff or facilities), the "
                       "developer, a sales promise, a third party, or the resident?")
        elif cause is Cause.RESIDENT:
            conflicts.append(CONFLICT_RESIDENT)
            tr.use("caused_by", "CP-4.2.1")
            valid = None
        else:
            validity = (Validity.VALID_PROPERTY_SERVICE if by_company
                        else Validity.VALID_NON_PROPERTY_SERVICE)
            tr.use("caused_by", "CP-4.2.1")
    else:
        tr.missing("justified", "CP-4.2.1",
                   "Is the demand justified, or an individual's unjustified demand or grumble?")
    if validity is not None:
        tr.say(f"Validity: {EN_VALIDITY[validity]} (CP-4.2.1).",
               f"投诉界定:{ZH_VALIDITY[validity]}(CP-4.2.1)。")
    elif not conflicts:
        tr.say("Validity: not decided, a fact is missing (CP-4.2.1).",
               "投诉界定:缺少事实,无法判定(CP-4.2.1)。")
    return _Validity(validity, valid, tuple(conflicts))


NATURE_READS: Final = ("verified_by_authority", "intent", "caused_by", "injury", "major_loss",
                       "loss_amount")


def _nature(c: Complaint, policy: ComplaintPolicy, tr: Trace) -> Nature | None:
    """`CA-2.1`: effective (verified by the authority, or damage caused by the company), else
    communicative by the resident's intent. Reads :data:`NATURE_READS`."""
    _, _, harm = _harm(c, policy)
    tr.rule("CA-2.1")
    nature: Nature | None
    if c.verified_by_authority is True:
        nature = Nature.EFFECTIVE
        tr.use("verified_by_authority", "CA-2.1")
    elif harm:
        nature = Nature.EFFECTIVE
        tr.use("caused_by", "CA-2.1", "damage caused by the company")
    elif c.intent is not None:
        nature = _NATURE_OF_INTENT[c.intent]
        tr.use("intent", "CA-2.1")
        if c.verified_by_authority is None:
            tr.not_applying("CA-2.1", "effective only if the authority verifies a failure of "
                            "the company (not recorded)")
    else:
        nature = None
        tr.missing("intent", "CA-2.1",
                   "Does the resident seek help, ask a question, or vent a grievance?")
    if nature is not None:
        tr.say(f"Nature: {EN_NATURE[nature]} (CA-2.1).", f"性质:{ZH_NATURE[nature]}(CA-2.1)。")
    else:
        tr.say("Nature: not decided, the resident's intent is missing (CA-2.1).",
               "性质:缺少投诉者意图,无法判定(CA-2.1)。")
    return nature


SUBJECT_READS: Final = ("about",)


def _subject(c: Complaint, policy: ComplaintPolicy, tr: Trace) -> Subject | None:
    """`CA-2.2`: equipment, service attitude, service quality or a sudden incident, by what
    the complaint is about. Reads :data:`SUBJECT_READS`."""
    tr.rule("CA-2.2")
    if c.about is None:
        tr.missing("about", "CA-2.2", "What is the complaint about?")
        tr.say("Subject: not decided, what it is about is missing (CA-2.2).",
               "内容:缺少投诉内容,无法判定(CA-2.2)。")
        return None
    subject = c.about.subject
    tr.use("about", "CA-2.2")
    topic = c.about.value.replace("_", " ")
    name = subject.value.replace("_", " ")
    tr.say(f"Subject: {name} ({topic}, CA-2.2)." if topic != name else
           f"Subject: {name} (CA-2.2).", f"内容:{ZH_SUBJECT[subject.value]}(CA-2.2)。")
    return subject


SEVERITY_READS: Final = ("justified", "caused_by", "injury", "major_loss", "loss_amount",
                         "promised_service_failed", "times_raised", "assessed_severity")


def _severity_step(c: Complaint, policy: ComplaintPolicy, tr: Trace
                   ) -> tuple[Severity | None, str | None]:
    """`CP-4.2.2` .. `CP-4.2.4` for a valid complaint, staff's assessment where they do not
    decide. Reads :data:`SEVERITY_READS` (the validity's facts among them)."""
    valid = _validity(c, policy, Trace(explain=False)).valid
    severity: Severity | None = None
    sev_rule: str | None = None
    if valid is True:
        severity, sev_rule = _severity(c, policy, tr)
    elif valid is False:
        tr.not_applying("CP-4.2.2", "an invalid complaint has no severity")
    if c.assessed_severity is not None and sev_rule != "assessed":
        tr.set_aside("assessed_severity", SetAsideReason.SUPERSEDED, sev_rule,
                     "the rules decided the severity" if severity is not None else
                     "no severity is decided for this complaint")
    return severity, sev_rule


def _severity(c: Complaint, policy: ComplaintPolicy, tr: Trace
              ) -> tuple[Severity | None, str | None]:
    by_company, major_loss, _ = _harm(c, policy)
    tr.rule("CP-4.2.2")
    # (2) a major loss or an injury by the company's responsibility
    crit2: bool | None
    if not by_company:
        crit2 = False
    elif c.injury is True or major_loss is True:
        crit2 = True
    elif c.injury is False and major_loss is False:
        crit2 = False
    else:
        crit2 = None
        if c.injury is None:
            tr.missing("injury", "CP-4.2.2", "Was anyone injured?")
        if major_loss is None:
            tr.missing("loss_amount" if c.loss_amount is None else "major_loss", "CP-4.2.2",
                       "What economic loss was caused (yuan), and is it major?")
    # (1) a promised service failed, raised repeatedly
    crit1: bool | None
    n = policy.repeated_threshold
    if not by_company or c.promised_service_failed is False:
        crit1 = False
    elif c.promised_service_failed is None:
        crit1 = None
        tr.missing("promised_service_failed", "CP-4.2.2",
                   "Was a service promised by the company or required by the contract not "
                   "delivered or clearly wrong?")
    elif c.times_raised is None:
        crit1 = None
        tr.missing("times_raised", "CP-4.2.2", "How many times did the resident raise it?")
    else:
        crit1 = c.times_raised >= n
    if crit2:
        tr.use("injury" if c.injury else "loss_amount", "CP-4.2.2",
               "(2) loss or injury by the company's responsibility")
        what = "a personal injury" if c.injury else "a major economic loss"
        zh = "人身伤害" if c.injury else "重大经济损失"
        tr.say(f"Severity: major, {what} by the company's responsibility (CP-4.2.2 (2)).",
               f"程度:重大投诉,由于公司责任造成{zh}(CP-4.2.2 第2项)。")
        return Severity.MAJOR, "CP-4.2.2"
    if crit1:
        tr.use("times_raised", "CP-4.2.2",
               f"(1) raised {c.times_raised} times (repeatedly: {n} or more)")
        tr.say(f"Severity: major, a promised service failed and was raised {c.times_raised} "
               f"times (repeatedly = {n} or more) (CP-4.2.2 (1)).",
               f"程度:重大投诉,承诺的服务未实施且住户已提出{c.times_raised}次"
               f"(多次即{n}次及以上)(CP-4.2.2 第1项)。")
        return Severity.MAJOR, "CP-4.2.2"
    if crit1 is None or crit2 is None:
        tr.say("Severity: not decided, facts are missing (CP-4.2.2).",
               "程度:缺少事实,无法判定是否为重大投诉(CP-4.2.2)。")
        return None, None
    tr.not_applying("CP-4.2.2", "no major loss or injury by the company, no promised service "
                    "failed repeatedly")
    cause = c.caused_by
    if cause is Cause.COMPANY_STAFF:
        tr.rule("CP-4.2.3")
        tr.say("Severity: important, the company's management or service was not in place "
               "or at fault (CP-4.2.3).",
               "程度:重要投诉,因公司的管理服务工作不到位、有过失引起(CP-4.2.3)。")
        return Severity.IMPORTANT, "CP-4.2.3"
    if cause is Cause.COMPANY_FACILITIES:
        tr.rule("CP-4.2.4")
        tr.say("Severity: minor, an inconvenience from the limits of facilities, equipment "
               "or management, not people (CP-4.2.4).",
               "程度:轻微投诉,因设施、设备和管理水平有限造成的轻微不便,非人为因素(CP-4.2.4)。")
        return Severity.MINOR, "CP-4.2.4"
    tr.not_applying("CP-4.2.3", "not caused by the company")
    tr.not_applying("CP-4.2.4", "not caused by the company")
    if c.assessed_severity is not None:
        tr.use("assessed_severity", None, "staff's judgement: CP-4.2.2 .. CP-4.2.4 do not "
               "decide a complaint the company did not cause")
        s = c.assessed_severity
        tr.say(f"Severity: {EN_SEV[s]}, as assessed by staff (the rules do not decide a "
               "complaint the company did not cause).",
               f"程度:{ZH_SEV[s]}投诉,按工作人员判断(非公司原因的投诉,规则不作判定)。")
        return c.assessed_severity, "assessed"
    tr.missing("assessed_severity", "CP-4.2.2",
               "The company did not cause it: how severe do staff judge it (major, important, "
               "minor)?")
    tr.say("Severity: not decided, staff's assessment is missing (the company did not "
           "cause it).", "程度:非公司原因的投诉,缺少工作人员的判断,无法判定。")
    return None, None


FLAGS_READS: Final = ("group", "forwarded_by_government")


def _flags(c: Complaint, policy: ComplaintPolicy, tr: Trace) -> tuple[bool, bool]:
    """`SQ-GROUP`, `SQ-GOV`: a group complaint or crisis; forwarded by a government body.
    Reads :data:`FLAGS_READS`."""
    if c.group:
        tr.rule("SQ-GROUP")
        tr.use("group", "SQ-GROUP")
        tr.say("Flag: group complaint or crisis (SQ-GROUP).", "标记:群体投诉等危机情况(SQ-GROUP)。")
    if c.forwarded_by_government:
        tr.rule("SQ-GOV")
        tr.use("forwarded_by_government", "SQ-GOV")
        tr.say("Flag: forwarded by a government body (SQ-GOV).",
               "标记:政府机关转来的投诉(SQ-GOV)。")
    return c.group, c.forwarded_by_government


class _Step:
    """A classification step: its function and the facts it reads (its memo's key)."""

    __slots__ = ("fn", "key", "name", "reads")

    def __init__(self, name: str, reads: tuple[str, ...],
                 fn: Callable[[Complaint, ComplaintPolicy, Trace], Any]) -> None:
        self.name = name
        self.reads = reads
        self.key: Callable[[Complaint], Any] = attrgetter(*reads)
        self.fn = fn

    def __call__(self, c: Complaint, tb: Tables) -> tuple[Any, Frag]:
        """The step's answer and trace for ``c``: memoised by the facts it reads, and one
        object for each answer the step gives (an answer and a trace equal to the letter:
        facts the rule does not tell apart, such as the topics of one subject, give the same
        object, so that what is built from the steps' answers is built once for them)."""
        memo = tb.memo(self.name)
        key = self.key(c)
        hit: tuple[Any, Frag] | None = memo.get(key)
        if hit is None:
            tr = Trace()
            got = (self.fn(c, tb.policy, tr), Frag.of(tr))
            answers = tb.memo(self.name + ":answers")
            try:
                hit = answers.get(got)
                if hit is None:
                    hit = answers.put(got, got)
            except TypeError:  # an answer that cannot be a key is kept as it is
                hit = got
            memo.put(key, hit)
        return hit


STEPS: Final = (
    _Step("CP-4.2.1", VALIDITY_READS, _validity),
    _Step("CA-2.1", NATURE_READS, _nature),
    _Step("CA-2.2", SUBJECT_READS, _subject),
    _Step("CP-4.2.2", SEVERITY_READS, _severity_step),
    _Step("SQ-GROUP", FLAGS_READS, _flags),
)
"""The classification's steps, in the order their trace is written."""

READS: Final = tuple(dict.fromkeys(name for step in STEPS for name in step.reads))
"""Every fact the classification reads."""


# -- the classification ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, eq=False)
class Cls:
    """A complaint's classification, kept for every complaint of its kind: the answer of each
    step, the outcome model, the escalation of conflicting facts, and the trace."""

    validity: Validity | None
    valid: bool | None
    invalid: bool
    severity: Severity | None
    outcome: Classification
    escalation: Escalation | None
    frag: Frag
    parts: tuple[object, ...]
    """The steps' answers it joins (kept: the memo's key is their identity)."""


def _joined(parts: tuple[tuple[Any, Frag], ...], tb: Tables) -> Cls:
    (v, fv), (nature, fn), (subject, fs), ((severity, sev_rule), fsev), ((group, gov), ff) \
        = parts
    policy = tb.policy
    frag = fv + fn + fs + fsev + ff
    escalation = None
    if v.conflicts:
        tr = Trace()
        tr.say(f"Conflicting facts: {'; '.join(EN_CONFLICT[x] for x in v.conflicts)}; "
               f"escalated to {policy.role_name(policy.disputes_to)}.",
               f"事实冲突:{';'.join(ZH_CONFLICT[x] for x in v.conflicts)};提交"
               f"{policy.role_name(policy.disputes_to, True)}决定。")
        frag = frag + Frag.of(tr)
        escalation = Escalation(
            to=policy.disputes_to, to_name=tb.name(policy.disputes_to),
            rules=("CP-4.2.1", "CP-4.2.2"),
            reason=Text("conflicting facts: " + "; ".join(EN_CONFLICT[x] for x in v.conflicts),
                        "事实冲突:" + ";".join(ZH_CONFLICT[x] for x in v.conflicts)))
    outcome = construct(Classification, {
        "validity": v.validity, "nature": nature, "subject": subject, "severity": severity,
        "severity_rule": sev_rule, "group": group, "government": gov,
        "conflicts": v.conflicts})
    return Cls(v.validity, v.valid, v.validity is Validity.INVALID, severity, outcome,
               escalation, frag, parts)


def classification(c: Complaint, tb: Tables) -> Cls:
    """The classification of ``c`` under ``tb``'s policy: each step answers from its own memo
    (keyed by the facts it reads: :data:`READS` in all), and the answers are joined once per
    combination of answers (keyed by their identity, one object per answer: the joined
    classification keeps them, so that an identity is never reused while it is a key)."""
    parts = tuple(step(c, tb) for step in STEPS)
    ids = tuple(map(id, parts))
    got: Cls | None = tb.classes.get(ids)
    if got is None:
        got = tb.classes.put(ids, _joined(parts, tb))
    return got


def classify(complaint: Complaint, *, policy: ComplaintPolicy | str = PROCEDURE_5
             ) -> ClassificationDecision:
    """The classification of a complaint at receipt under ``policy`` (a policy, or a preset's
    name: ``"procedure5"``, ``"nanjing"``).

    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> sh = ZoneInfo("Asia/Shanghai")
    >>> c = Complaint(id="C1", received_at=datetime(2025, 3, 7, 10, tzinfo=sh),
    ...               justified=True, caused_by="company_staff", injury=True, about="lift",
    ...               intent="help")
    >>> d = classify(c, policy="procedure5")
    >>> d.outcome.severity, d.outcome.nature
    (<Severity.MAJOR: 'major'>, <Nature.EFFECTIVE: 'effective'>)
    """
    policy = resolve_policy(policy)
    check_complaint(complaint)
    tb = tables(policy)
    cls = classification(complaint, tb)
    return decide(ClassificationDecision, "complaint.classification", complaint, cls.frag,
                  cls.outcome, tb, escalation=cls.escalation)
