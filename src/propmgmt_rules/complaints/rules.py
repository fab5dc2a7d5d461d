"""The complaint rules (catalog section 3): classification, handlers, deadlines, status.

Data only, one record per catalog id, each with the source document and part, the clause,
the original Chinese wording (cleaned of the seeds' encoding noise: document 000 and 001 keep
their traditional characters; document 003's word-substitution noise such as 效劳/治理 is
restored to 服务/管理), the English summary and the interpretation the catalog fixes.

The two complaint policies that read these rules are data too
(:mod:`propmgmt_rules.complaints.policies`); the engine (:mod:`.engine`) knows neither.
"""

from __future__ import annotations

from ..rule import Rule, with_code

__all__ = ["DECIDED_IN", "RULES"]

_CA = "000 part 3: 物業客戶投訴處理的藝術 (the art of handling property complaints)"
_OM = "001 part 1: 物業管理公司業主客戶管理制度 (property office rules for owners and clients)"
_CQ = "002 part 1: 解答业主客户咨询技巧规程 (answering owner enquiries)"
_CP = "002 part 4: 业主和住户投诉处理作业规程-5 (complaint handling procedure 5)"
_SQ = "003 part 3: 南京山水湖畔物业管理服务品质提升方案 (service-quality plan, Nanjing)"
_AREA = "complaints"

RULES: tuple[Rule, ...] = (
    # -- classification ---------------------------------------------------------------
    Rule(
        id="CA-2.1",
        area=_AREA,
        source=_CA,
        clause="二、1 按投訴的性質分",
        text=(
            "按投訴的性質分:有效投訴與溝通性投訴。有效投訴有兩種情況:用戶對物業管理單位在管理服務、"
            "收費、經費管理、維修養護等方面失職、違法、違紀等行為的投訴,并經過有關行業主管部門查實登記的。"
            "用戶向物業管提出的管理單位或管理人員故意、非故意,或失誤造成用戶或公眾利益受到損害的投訴。"
            "溝通性投訴:求助型、咨詢型、發泄型。溝通性的投訴若處理不當,會變成有效投訴。"
        ),
        summary=(
            "By nature: effective (failure, violation or negligence of the company verified by "
            "the authority; or damage to a resident or the public caused by the company, "
            "intentionally or not) vs communicative: help-seeking, enquiry, venting."
        ),
        interpretation=(
            "Effective when the authority verified a failure of the company, or the company "
            "caused an injury or a loss; otherwise communicative, by the resident's intent. "
            "Neither known: the intent is a missing fact."
        ),
    ),
    Rule(
        id="CA-2.2",
        area=_AREA,
        source=_CA,
        clause="二、2 按投訴的內容分",
        text=(
            "按投訴的內容分為:對設備的投訴(空調、照明、供水供電、電梯等);對服務態度的投訴"
            "(不負責任的答復行為,冷冰冰的態度,愛理不理的接待方式等);對服務質量的投訴"
            "(維修的質量、郵件未能及時送到用戶手中);突發性事件的投訴。"
        ),
        summary=(
            "By subject: equipment (air-conditioning, lighting, water, power, lifts), service "
            "attitude, service quality (repairs, mail not delivered), sudden incident."
        ),
    ),
    Rule(
        id="CP-4.2.1",
        area=_AREA,
        source=_CP,
        clause="4.2.1",
        text=(
            "投诉分为有效投诉和无效投诉。有效投诉又分为非物业管理服务投诉和物业管理服务投诉;"
            "无效投诉是指个别业主的非正当的要求、抱怨;非物业管理服务投诉是指非因物业管理服务引起的投诉,"
            "如:工程遗留问题、销售承诺等;物业管理服务投诉是指凡因工作不当,造成损失及不良影响,"
            "有损公司的外在形象,并导致业主、使用人不满而向管理公司反映的行为。"
        ),
        summary=(
            "Invalid: an individual's unjustified demand or grumble. Valid: property-service "
            "(caused by the company's work) or non-property-service (construction defects left by "
            "the developer, sales promises)."
        ),
        interpretation=(
            "The receptionist records whether the demand is justified and who caused the "
            "matter; a demand marked unjustified together with an injury or a loss caused by the "
            "company is a conflict of facts, escalated, never resolved silently."
        ),
    ),
    Rule(
        id="CP-4.2.2",
        area=_AREA,
        source=_CP,
        clause="4.2.2",
        text=(
            "重大投诉。下列投诉属重大投诉:1)公司承诺或合同规定提供的服务没有实施或实施效果有明显差错,"
            "经住户多次提出而得不到解决的投诉;2)由于公司责任给住户造成重大经济损失或人身伤害的;"
            "3)有效投诉在1个月内得不到合理解决的投诉。"
        ),
        summary=(
            "Major if: (1) a promised or contracted service was not delivered or clearly wrong and "
            "the resident raised it repeatedly without result; (2) the company's responsibility "
            "caused a major economic loss or personal injury; (3) a valid complaint not "
            "reasonably resolved within 1 month."
        ),
        interpretation=(
            "'Repeatedly' (多次) = raised 3 or more times (policy setting); 'major loss' is a "
            "policy threshold in yuan or a flag set by staff."
        ),
        settings=("ComplaintPolicy.repeated_threshold", "ComplaintPolicy.major_loss_threshold"),
    ),
    Rule(
        id="CP-4.2.3",
        area=_AREA,
        source=_CP,
        clause="4.2.3",
        text="重要投诉是指因公司的管理服务工作不到位、有过失引起的投诉。",
        summary="Important: caused by the company's management or service not being in place, "
        "or by its fault.",
    ),
    Rule(
        id="CP-4.2.4",
        area=_AREA,
        source=_CP,
        clause="4.2.4",
        text=(
            "轻微投诉是指因公司的设施、设备和管理水平有限给住户造成的生活、工作轻微不便而非人为因素造成的"
            "影响,可以通过改进而较易得到解决或改进的投诉。"
        ),
        summary=(
            "Minor: minor inconvenience caused by the limits of facilities, equipment or "
            "management, not by people, and easily improved."
        ),
    ),
    Rule(
        id="SQ-GROUP",
        area=_AREA,
        source=_SQ,
        clause="二、1 客户上门投诉",
        text="遇有群体投诉等危机情况时,应马上报告上级领导,并积极采取应对措施。",
        summary="A group complaint or other crisis is reported to the leadership at once "
        "(T-IMMEDIATE).",
    ),
    Rule(
        id="SQ-GOV",
        area=_AREA,
        source=_SQ,
        clause="二、1 书面投诉",
        text="重大、重要投诉、如属政府机关转来的投诉信件,应报告物管中心(处)负责人。",
        summary="A written complaint forwarded by a government body is reported to the head of "
        "the property office.",
        interpretation=(
            "The plan states no limit for this report: a policy sets one (the Nanjing preset: "
            "at once, as every transmission of complaint information there)."
        ),
    ),
    Rule(
        id="CP-UPGRADE",
        area=_AREA,
        source=_CP,
        clause="4.2.2 3)",
        text="有效投诉在1个月内得不到合理解决的投诉(属重大投诉)。",
        summary=(
            "Severity is re-evaluated as time passes: a valid complaint still unresolved 1 month "
            "after receipt becomes major, from the instant the month ends (T-MONTHS)."
        ),
        settings=("ComplaintPolicy.upgrade_after",),
    ),
    # -- procedure 5 --------------------------------------------------------------------
    Rule(
        id="CP-3",
        area=_AREA,
        source=_CP,
        clause="3.1-3.3",
        text="管理处主任负责处理重大投诉。助理负责处理重要投诉。管理员负责处理一般轻微投诉及每周或月的投诉统计、分析、汇报工作。",
        summary="Handler: major → office director; important → assistant; minor → administrator.",
    ),
    Rule(
        id="CP-4.3.2",
        area=_AREA,
        source=_CP,
        clause="4.3.2",
        text=(
            "投诉的处理承诺:1)重大投诉,当天呈送管理处主任进入处置程序;2)重要投诉,接待后2小时内转入"
            "大片区管理员进入处置程序;3)轻微投诉,不超过2天内或在住户要求的合理期限内解决。"
        ),
        summary=(
            "Major → to the office director the same day; important → to the area administrator "
            "within 2 hours; minor → solved within 2 days, or within the resident's reasonable "
            "requested time."
        ),
        interpretation=(
            "A requested time replaces the 2 days only when it is recorded as reasonable; "
            "when its reasonableness is not recorded, the 2 days stand and the fact is reported "
            "as missing."
        ),
    ),
    Rule(
        id="CP-4.4",
        area=_AREA,
        source=_CP,
        clause="4.4",
        text="投诉接待人员根据投诉内容15分钟内将《住户投诉意见表》发送到被投诉部门,领表人签收。"
        "投诉接待人员应将重大投诉和重要投诉转呈相关责任人。",
        summary="The complaint form goes to the complained-about department within 15 minutes; "
        "major and important complaints also go to the responsible person.",
    ),
    Rule(
        id="CP-4.6",
        area=_AREA,
        source=_CP,
        clause="4.6",
        text="接待员在收到投诉处理反馈的信息后,将情况上报助理,并于当天将处理结果通报给投诉的住户。",
        summary="The result is reported to the resident the same day the handling is finished.",
    ),
    Rule(
        id="CP-4.7",
        area=_AREA,
        source=_CP,
        clause="4.7",
        text="对重要投诉和重大投诉处理完毕后,根据情况安排合适人员进行上门回访。",
        summary="Major and important complaints get a revisit after handling (no limit stated).",
    ),
    Rule(
        id="CP-4.8",
        area=_AREA,
        source=_CP,
        clause="4.8",
        text="每周六对投诉事件进行统计、分析,将统计、分析结果上报管理处主任。",
        summary="Statistics every Saturday: a complaint is in the report due on the first "
        "Saturday on or after its receipt (24:00).",
    ),
    Rule(
        id="CP-4.10.1",
        area=_AREA,
        source=_CP,
        clause="4.10.1",
        text="轻微投诉一般在2日内处理完毕,超时需报助理批准。",
        summary="Minor: handled within 2 days; later needs the assistant's approval.",
    ),
    Rule(
        id="CP-4.10.2",
        area=_AREA,
        source=_CP,
        clause="4.10.2",
        text="重要投诉一般在3日内处置完毕,超时需经管理处主任批准。",
        summary="Important: handled within 3 days; later needs the office director's approval.",
    ),
    Rule(
        id="CP-4.10.3",
        area=_AREA,
        source=_CP,
        clause="4.10.3",
        text="重大投诉一般在2日给投诉人明确答复,解决时间不宜超过10日。",
        summary="Major: a clear answer within 2 days; solved within 10 days (no approval route "
        "for later).",
    ),
    # -- Nanjing plan --------------------------------------------------------------------
    Rule(
        id="SQ-A",
        area=_AREA,
        source=_SQ,
        clause="二、1 类别判断;问题处理",
        text="A类重大投诉应及时上报物管中心(处)第一负责人。重大投诉:应在2小时内回复,3个工作日内处理完毕。",
        summary="Major: report to the first person in charge at once; reply within 2 hours; "
        "handled within 3 working days.",
    ),
    Rule(
        id="SQ-B",
        area=_AREA,
        source=_SQ,
        clause="二、1 问题处理",
        text="重要投诉:应在1个工作日内回复,2个工作日内处理完毕。",
        summary="Important: reply within 1 working day; handled within 2 working days.",
    ),
    Rule(
        id="SQ-C",
        area=_AREA,
        source=_SQ,
        clause="二、1 问题处理",
        text="轻微投诉:应在2小时内回复,1个工作日内处理完毕。",
        summary="Minor: reply within 2 hours; handled within 1 working day.",
    ),
    Rule(
        id="SQ-INVALID",
        area=_AREA,
        source=_SQ,
        clause="二、1 类别判断",
        text="若为无效投诉,应视情况在1个工作日内将投诉无效的原因知会客户。如属于客户自身原因时则不必要知会,以免引起客户反感。",
        summary="Invalid complaint: tell the client why within 1 working day, unless the cause "
        "is the client's own (then no notice).",
    ),
    Rule(
        id="SQ-REVISIT",
        area=_AREA,
        source=_SQ,
        clause="二、1 回访",
        text="客户投诉处理后3个工作日内,100%回访,有回访记录。",
        summary="Every handled complaint is revisited (100%) within 3 working days after "
        "handling.",
    ),
    Rule(
        id="SQ-HOURS",
        area=_AREA,
        source=_SQ,
        clause="二、1 投诉信息传递",
        text=(
            "标准工作时间,接投诉人第一时间将投诉信息反馈到客户服务部门,由客户服务部门填写客户信息登记表并跟踪处理。"
            "非标准工作时间,接投诉人第一时间将信息反馈到中控室,由值班人员填写客户信息登记表。"
            "当班最高管理人员进行接待/处理,由客户服务部门跟踪处理。"
        ),
        summary=(
            "During standard working hours a complaint goes to customer service; outside them, "
            "to the control room duty desk, and the most senior manager on duty handles it."
        ),
        interpretation=(
            "'At once' (第一时间) is T-IMMEDIATE; the standard working hours are the working "
            "hours of the policy's calendar (the plan does not state them: the Nanjing preset "
            "uses 09:00-12:00 and 13:30-18:00)."
        ),
    ),
    # -- property office rules (document 001) -------------------------------------------
    Rule(
        id="OM-FIRST",
        area=_AREA,
        source=_OM,
        clause="首問責任制 一、六",
        text="第一個接待人或對話人為首問責任人。將業主、客戶所要求解決的問題落實到位,限時予以回復。",
        summary="首问责任制: the first person who receives the client is responsible until the "
        "answer is given.",
        interpretation=(
            "The answer is the first of: the reply, the handling, the notice of invalidity or "
            "the enquiry's answer; the responsibility's deadline is that answer's deadline."
        ),
    ),
    Rule(
        id="OM-C2",
        area=_AREA,
        source=_OM,
        clause="投訴處理制度 二、三",
        text="根據投訴內容通知相關部門人員限期解決。針對客戶重大的投訴,及時向管理處負責人匯報。",
        summary="Complaints go to the relevant department with a deadline; major complaints are "
        "reported to the office head.",
    ),
    Rule(
        id="OM-C5",
        area=_AREA,
        source=_OM,
        clause="投訴處理制度 五",
        text="管理處將投訴結果填寫在記錄中,並由具體解決的負責人簽字認可。",
        summary="The result is recorded and signed by the person who solved it.",
        interpretation="A signature by anyone but the person recorded as having handled the "
        "complaint does not meet the rule.",
    ),
    # -- status and enquiries ------------------------------------------------------------
    Rule(
        id="CP-STATUS",
        area=_AREA,
        source=_CP,
        clause="4.3-4.10 (status of each obligation)",
        text="被投诉部门在时效要求内处理完毕,并在《住户投诉意见表》中做好处理过程记录。",
        summary=(
            "For each obligation at an instant: due at, done at, met / breached (by how much) / "
            "pending (time left), and which approval a late handling needs."
        ),
    ),
    Rule(
        id="CQ-5.5",
        area=_AREA,
        source=_CQ,
        clause="5.5",
        text="如不能即时做出解答的问题及解答后客户仍不满意,应做好记录,并明确告知客户做出解答的预期;"
        "如涉及专业性问题,请相关部门协助解决。",
        summary=(
            "An enquiry that cannot be answered at once, or whose answer does not satisfy, is "
            "recorded and the client is told when to expect the answer (the policy sets the "
            "span)."
        ),
        settings=("ComplaintPolicy.enquiry_answer",),
    ),
)

DECIDED_IN: dict[str, tuple[str, ...]] = {
    # classification (:func:`classify`)
    "CA-2.1": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._classify_facts",
    ),
    "CA-2.2": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._classify_facts",
        "propmgmt_rules.complaints.models.Topic.subject",
    ),
    "CP-4.2.1": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._classify_facts",
        "propmgmt_rules.complaints.engine._escalation",
    ),
    "CP-4.2.2": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._severity",
        "propmgmt_rules.complaints.engine._escalation",
    ),
    "CP-4.2.3": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._severity",
    ),
    "CP-4.2.4": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._severity",
    ),
    "SQ-GROUP": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._classify_facts",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    "SQ-GOV": (
        "propmgmt_rules.complaints.engine.classify",
        "propmgmt_rules.complaints.engine._classify_facts",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    # obligations at receipt (:func:`obligations`: the policy's plan read by ``_items``)
    "CP-3": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.3.2": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._items",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    "CP-4.4": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.6": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.7": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.8": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.10.1": (
        "propmgmt_rules.complaints.engine.status",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.10.2": (
        "propmgmt_rules.complaints.engine.status",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "CP-4.10.3": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "SQ-A": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "SQ-B": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "SQ-C": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "SQ-INVALID": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    "SQ-REVISIT": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "SQ-HOURS": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "OM-FIRST": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    "OM-C2": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._build_shape",
    ),
    "OM-C5": (
        "propmgmt_rules.complaints.engine.status",
        "propmgmt_rules.complaints.engine._History.__init__",
    ),
    "CQ-5.5": (
        "propmgmt_rules.complaints.engine.obligations",
        "propmgmt_rules.complaints.engine._plan_trace_facts",
    ),
    # status at an instant (:func:`status`, :func:`evaluate_many`)
    "CP-UPGRADE": (
        "propmgmt_rules.complaints.engine.status",
        "propmgmt_rules.complaints.engine._timeline",
        "propmgmt_rules.complaints.engine._replanned",
        "propmgmt_rules.complaints.engine._upgrade_provisional",
    ),
    "CP-STATUS": (
        "propmgmt_rules.complaints.engine.status",
        "propmgmt_rules.complaints.engine.evaluate_many",
        "propmgmt_rules.complaints.engine._status_decision",
    ),
}
"""The functions that decide each rule (the public question first)."""

RULES = with_code(RULES, DECIDED_IN)
