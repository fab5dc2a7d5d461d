"""The repair rules of catalog section 4 (`OM-R3`, `OM-R4`, `SQ-R1`,
`OM-RV1` to `OM-RV4`, `SQ-RV`, `MI-4.4.7`).

Data only: each record carries the clause's Chinese wording, its source document and part, the
clause, an English summary and the interpretation the library chose where the wording is open.

Sources:

* 001 part 1, 物业管理公司业主客户管理制度 (property office rules for owners and clients): the
  seed is in traditional characters with encoding noise (pinyin glosses such as 應(yīng)); the
  wording below is the clause in simplified characters with the noise removed, as the catalog
  quotes it.
* 002 part 5, 业主交房入住管理作业规程-10 (handover and move-in procedure 10), clause 4.4.7 c.
* 003 part 3, 南京山水湖畔物业管理服务品质提升方案 (Nanjing service-quality plan): the seed
  swaps many words for near-synonyms (效劳 for 服务, 准时 for 及时, 不满足 for 不满意, 进展 for
  进行, 状况 for 情况); the wording below restores the usual terms and keeps everything else.
"""

from __future__ import annotations

from ..rule import Rule, with_code

__all__ = ["DECIDED_IN", "RULES"]

_OM = "001 part 1: 物业管理公司业主客户管理制度 (property office rules for owners and clients)"
_SQ = "003 part 3: 南京山水湖畔物业管理服务品质提升方案 (service-quality plan, Nanjing)"
_MI = "002 part 5: 业主交房入住管理作业规程-10 (handover and move-in procedure 10)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="OM-R3",
        area="repairs",
        source=_OM,
        clause="维修、约修制度 第3条 (repairs and appointments, item 3)",
        text=(
            "对客户报修情况应及时进行登记,包括维修日期、姓名、地址、联系电话、内容、约修日期。"
            "应做到字迹清楚,台帐齐全。"
        ),
        summary=(
            "A repair request records the date, the client's name, address, phone, the content "
            "and the agreed repair time (约修日期)."
        ),
        interpretation=(
            "Name, address, phone and content are required fields of a request: a request "
            "without one is a validation error naming the field. The agreed repair time may be "
            "fixed after the call: until it is, the record is incomplete and the decision lists "
            "it as a missing fact."
        ),
    ),
    Rule(
        id="OM-R4",
        area="repairs",
        source=_OM,
        clause="维修、约修制度 第4条 (repairs and appointments, item 4)",
        text="对不能按时上门维修的,应采用书面或电话形式向客户说明情况,另约修理时间。",
        summary=(
            "When the repairer cannot come at the agreed time, the client is told, in writing "
            "or by phone, before that time, and a new time is agreed."
        ),
        interpretation=(
            "The deadline of the notice is the agreed time itself (a notice at or before it is "
            "in time, as for every deadline of section 1). The notice must agree a new time; "
            "the new time is then the agreed time, and the rule applies again. A notice in "
            "another form than writing or phone is set aside."
        ),
    ),
    Rule(
        id="SQ-R1",
        area="repairs",
        source=_SQ,
        clause="二、工作流程 2 维修接报 (repair intake)",
        text=(
            "客户服务人员在客户信息登记表中登记报修信息,包括报修内容、地点、时间、联系人、"
            "联系方式;与客户沟通确定维修时间;及时将客户报修转达给工程部。"
            "急修马上通报,一般情况2小时内通报。"
        ),
        summary=(
            "Repair intake: customer service passes an urgent repair to engineering at once, "
            "any other within 2 hours of receipt."
        ),
        interpretation=(
            "'At once' is T-IMMEDIATE (the receipt instant; only a hand-over at that instant "
            "meets it, so a later one is reported late by its delay); '2 hours' is elapsed time "
            "(T-HOURS). Both spans are policy settings."
        ),
        settings=("RepairPolicy.intake_urgent", "RepairPolicy.intake_normal"),
    ),
    Rule(
        id="OM-RV1",
        area="repairs",
        source=_OM,
        clause="维修回访制度 第一条 (repair revisits, item 1)",
        text=(
            "维修回访由管理处主任、管理员、维修负责人担任。其中主任回访率不低于10%,"
            "管理员回访率不低于30%,维修负责人回访率不低于60%。"
        ),
        summary=(
            "Revisit quotas: the office director revisits at least 10% of the completed "
            "repairs, the administrators at least 30%, the repair lead at least 60%."
        ),
        interpretation=(
            "A role's rate is the number of the period's completed repairs revisited by someone "
            "of that role, over the number of the period's completed repairs, as an exact "
            "fraction; the shortfall is the number of repairs still to revisit "
            "(ceil(minimum × repairs) − revisited). With no repair in the period there is no "
            "rate and nothing is short. Quotas are per role, summed over the role's people; "
            "several revisits of one repair by one role count once. Whether a late revisit or "
            "an incomplete record counts is a policy setting (by default both count)."
        ),
        settings=("RepairPolicy.quotas", "RepairPolicy.quota_counts"),
    ),
    Rule(
        id="OM-RV2",
        area="repairs",
        source=_OM,
        clause="维修回访制度 第二条 (repair revisits, item 2)",
        text=(
            "回访时间安排在维修后一星期之内。其中,安全设施维修两天内回访,漏水项目维修三天内回访,"
            "其它一般维修七天内回访。"
        ),
        summary=(
            "Revisit window after a completed repair: safety facilities within 2 days, leaks "
            "within 3 days, any other repair within 7 days; never more than one week."
        ),
        interpretation=(
            "The window starts at the repair's completion; 'n days' is T-DAYS (end of the n-th "
            "day after the completion day, no rest-day extension). Categories and windows are "
            "a policy setting; a company may add its own, and whatever the span, the deadline "
            "is capped at one week (7 days, T-DAYS). The category is always explicit; a helper "
            "only suggests one from the description."
        ),
        settings=("RepairPolicy.categories",),
    ),
    Rule(
        id="OM-RV3",
        area="repairs",
        source=_OM,
        clause="维修回访制度 第三条 (repair revisits, item 3)",
        text=(
            "回访内容:1、实地查看维修项目。2、向在维修现场的业主(客户)或家人了解维修人员服务情况。"
            "3、征询改进意见。4、核对收费情况。5、请被回访人签名。"
        ),
        summary=(
            "A revisit record has five items: an on-site inspection of the repair, the "
            "resident's view of the repairer's service, suggestions asked for, a check of the "
            "charge, the signature of the person revisited. A record missing any is incomplete."
        ),
        interpretation=(
            "An item is present when the record holds a non-blank entry for it ('无' or 'none' "
            "is an entry: the question was asked). An incomplete record names each missing item."
        ),
    ),
    Rule(
        id="OM-RV4",
        area="repairs",
        source=_OM,
        clause="维修回访制度 第四条 (repair revisits, item 4)",
        text="对回访中发现的问题,24小时内书面通知维修人员进行整改。",
        summary=(
            "A problem found at a revisit: the repairer is notified in writing within 24 hours "
            "to put it right."
        ),
        interpretation=(
            "24 hours of elapsed time (T-HOURS) from the revisit; only a written notice meets "
            "it (an oral one is set aside)."
        ),
        settings=("RepairPolicy.rectification_notice",),
    ),
    Rule(
        id="SQ-RV",
        area="repairs",
        source=_SQ,
        clause="二、工作流程 2 维修接报 回访/回复; 一、岗位职责 客服人员 第4条",
        text=(
            "客服人员回访业户(电话/上门),并将回访信息回复通知报修信息部门/人员。"
            "回访信息在客户信息登记表上做好记录。100%进行回访;及时反馈回访信息;不满意时及时处理。"
            "对提供服务回访不满意客户,联合相关部门主管亲自上门,重新提供服务并征求意见。"
        ),
        summary=(
            "Every completed repair is revisited (100%); a resident dissatisfied at the revisit "
            "gets the repair redone, with the department's supervisor in person."
        ),
        interpretation=(
            "Coverage is the share of the period's completed repairs with at least one revisit, "
            "as an exact fraction, against 100%. The redo is a new repair linked to the first "
            "(redo_of); it is done when that repair is completed. The plan sets no deadline for "
            "it ('及时'); a policy may set one."
        ),
        settings=("RepairPolicy.coverage", "RepairPolicy.redo_within"),
    ),
    Rule(
        id="MI-4.4.7",
        area="repairs",
        source=_MI,
        clause="4.4.7 验房 c (handover inspection, item c)",
        text=(
            "验收中发现的工程遗留问题,业主要求搬入或二次装修前维修的,工程部应联系安排施工单位"
            "按照业主的合理限期进行整改,并将整改情况及时告知客服中心:若在限期内未能整改完毕的,"
            "管理员应将具体情况反馈给业主,并告知具体验收时间;整改完毕后,由客服中心通知业主进行"
            "二次验收,二次验收不合格的,由管理员进行督促跟进,限期尽快解决。"
        ),
        summary=(
            "Defects found at the handover inspection that the owner wants repaired before "
            "moving in or decorating are rectified within the owner's reasonable deadline; if "
            "not done in time, the administrator tells the owner and gives a re-inspection "
            "time; after rectification the customer service centre invites the owner to a "
            "second inspection; a failed second inspection is followed up by the administrator "
            "to a new deadline."
        ),
        interpretation=(
            "The owner's deadline is taken as given (the library does not judge what is "
            "reasonable); a defect without one reports it as a missing fact. The procedure sets "
            "no span for telling the owner or inviting to the second inspection: those "
            "obligations have no deadline unless the policy sets one. A defect the owner wants "
            "repaired after moving in (4.4.8 a) is an ordinary repair, outside this rule."
        ),
        settings=("HandoverSettings.missed_notice_within", "HandoverSettings.invite_within"),
    ),
)

_R = "propmgmt_rules.repairs."

DECIDED_IN: dict[str, tuple[str, ...]] = {
    "OM-R3": (_R + "intake.intake", _R + "intake.decide_intake"),
    "OM-R4": (_R + "appointments.appointment", _R + "appointments.decide_appointment"),
    "SQ-R1": (_R + "intake.intake", _R + "intake.decide_intake"),
    "OM-RV1": (
        _R + "quotas.quota_check",
        _R + "quotas.decide_quotas",
        _R + "quotas.counted_revisits",
        _R + "planner.plan_revisits",
        _R + "planner.decide_plan",
    ),
    "OM-RV2": (
        _R + "revisits.revisit_window",
        _R + "revisits.window_due",
        _R + "revisits.revisit_due",
        _R + "revisits.revisit_status",
        _R + "revisits.first_revisit",
        _R + "planner.repair_windows",
    ),
    "OM-RV3": (
        _R + "records.check_record",
        _R + "records.decide_record",
        _R + "quotas.counted_revisits",
    ),
    "OM-RV4": (_R + "rectification.rectification", _R + "rectification.decide_rectification"),
    "SQ-RV": (
        _R + "rectification.rectification",
        _R + "quotas.quota_check",
        _R + "planner.plan_revisits",
    ),
    "MI-4.4.7": (_R + "handover.handover", _R + "handover._defect"),
}
"""The functions that decide each rule (the public question first)."""

RULES = with_code(RULES, DECIDED_IN)
