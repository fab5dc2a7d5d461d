# ruff: noqa: E501  (the rules quote the regulations' clauses whole, one string each)
"""The client-ownership and commission rules (catalog section 2): `CC-`, `SD-`, `COM-SPLIT`,
`COM-POOL`. Data only: the engine (:mod:`.engine`) and the rotation (:mod:`.rotation`) read the
rulebooks (:mod:`.presets`), which name these ids; nothing here decides anything.

Sources (both in traditional characters, as the seed documents are; the encoding noise of
document 001 -- pinyin in brackets after some characters, stray HTML -- is removed):

* `CC`: 地產公司置業顧問客戶沖突制度 (client-conflict rules of a real-estate sales office),
  document 000, part 1;
* `SD`: 長沙VK房地產銷售部客戶管理制度 (VK sales department client management rules),
  document 001, part 2.

`COM-ROUND` (rounding to the cent) is registered with the money rules (``money/rules.py``).
"""

from __future__ import annotations

from ..rule import Rule, with_code

__all__ = ["CC_RULES", "COM_RULES", "DECIDED_IN", "RULES", "SD_RULES"]

_CC_SOURCE = "000 part 1: 地產公司置業顧問客戶沖突制度"
_SD_SOURCE = "001 part 2: 長沙VK房地產銷售部客戶管理制度"
_COM_SOURCE = "catalog §2 Commission (COM); 001 part 2 §6-§7 (傭金)"


def _cc(
    rid: str, clause: str, text: str, summary: str, interpretation: str | None = None,
    settings: tuple[str, ...] = (),
) -> Rule:
    return Rule(id=rid, area="ownership", source=_CC_SOURCE, clause=clause, text=text,
                summary=summary, interpretation=interpretation, settings=settings)


def _sd(
    rid: str, clause: str, text: str, summary: str, interpretation: str | None = None,
    settings: tuple[str, ...] = (), area: str = "ownership",
) -> Rule:
    return Rule(id=rid, area=area, source=_SD_SOURCE, clause=clause, text=text,
                summary=summary, interpretation=interpretation, settings=settings)


CC_RULES: tuple[Rule, ...] = (
    _cc("CC-1", "一", "客戶糾紛處理依據:控臺客戶登記本。",
        "Ownership disputes are settled from the front-desk registration book: only registered "
        "receptions count."),
    _cc("CC-2", "二", "客戶登記本有效查詢周期:三個月。",
        "A registration protects its consultant for 3 months (see CC-9.1, CC-9.2).",
        settings=("window",)),
    _cc("CC-3", "三", "同屬一家人(夫妻、父母及孩子)由不同置業顧問接待。解決方案:以第一次接待為準。",
        "Spouses, parents and children form one household: the first reception of any member "
        "owns the whole household.",
        settings=("household", "household_relations")),
    _cc("CC-4.1", "四.1", "成交老客戶推薦。新客戶自己來沒有找老客戶置業顧問的。解決方案:以第一次接待為準。",
        "A client referred by a past buyer who comes alone and does not ask for that buyer's "
        "consultant: first reception wins."),
    _cc("CC-4.2", "四.2", "成交老客戶推薦。老客戶親自帶來的。解決方案:不論老客戶的置業顧問在不在,都歸屬該置業顧問。",
        "Brought in person by a past buyer: owned by the consultant of that buyer's deal, "
        "present or not.",
        interpretation="'The consultant of that buyer's deal' is the consultant side of the "
        "commission split of the buyer's latest deal before the visit, as the engine decides it."),
    _cc("CC-4.3", "四.3", "老客戶親自帶來,但老置業顧問已離職由其他置業顧問接管。解決方案:歸接管置業顧問所有。",
        "As CC-4.2, but that consultant has left: owned by the successor who took over."),
    _cc("CC-5", "五", "發現客戶是熟人。解決方案:以客戶本第一次登記為準。",
        "Being an acquaintance of a consultant gives no claim: first registration wins."),
    _cc("CC-6", "六", "同一時間段(一天內)由不同置業顧問接待。解決方案:以第一次接待為準。",
        "Several receptions on the same day: the earliest wins (ties on the same instant: the "
        "earlier record in the book, i.e. the smaller record id)."),
    _cc("CC-7", "七", "客戶投訴或要求換置業顧問的。解決方案:以第一次接待為準,但確屬置業顧問服務態度惡劣客戶要求更換置業顧問的,由經理另行安排。",
        "A change request keeps the first receiver, unless the consultant's attitude was truly "
        "bad and the client asks for a change: then the manager's assignment decides (without "
        "one, the decision is an escalation to the manager).",
        interpretation="'Attitude truly bad' is a change request with fault 'serious'."),
    _cc("CC-8", "八", "客戶私自之間調房換定單的。解決方案:以客戶為準。",
        "When clients swap units or orders between themselves, the deal follows the client: it "
        "is credited to the owner of the client who holds it after the swap.",
        settings=("deal_change",)),
    _cc("CC-9.1", "九.1", "回頭客,但由不同置業顧問接待。解決方案:三個月以內回頭的客戶,以第一次接待為準。",
        "A client who returns within the window of their previous registered visit stays with "
        "the owner.",
        settings=("window", "window_anchor")),
    _cc("CC-9.2", "九.2", "三個月以后回頭的客戶,以三個月以后第一次接待為準。",
        "A client who returns after the window lapsed belongs to the first reception after the "
        "lapse.",
        interpretation="The window runs from the client's previous registered visit (any "
        "consultant: a return within the window keeps the claim alive), per T-MONTHS (visit on "
        "15 Jan, 3-month window: a return up to 24:00 on 15 Apr is within). Policy setting: the "
        "window's anchor (the client's previous registered visit, or the owner's own last "
        "reception).",
        settings=("window", "window_anchor")),
    _cc("CC-10.1", "十.1", "代別人看房的。解決方案:親自帶來的,以第一次為準。",
        "Someone viewed on behalf of the real buyer and later brings the buyer in person: the "
        "first reception (the proxy's) owns the buyer."),
    _cc("CC-10.2", "十.2", "代別人看房的。客戶自己來但沒有找置業顧問的,歸現場接待的置業顧問。",
        "The buyer comes alone and asks for nobody: the consultant who receives them owns them."),
    _cc("CC-11", "十一", "以上規定未盡事宜經置業顧問半數以上通過作為補充條款另行發放。",
        "Cases the rules do not settle: escalation (the rulebook can be extended with "
        "supplementary rules).",
        settings=("escalate_to",)),
    _cc("CC-NOTE", "注", "對于接待的每組客戶置業顧問應按規定做好客戶登記。第一次接待以客戶來訪登記本為準。",
        "'First reception' means first entry in the visitor book: phone enquiries do not count."),
)

SD_RULES: tuple[Rule, ...] = (
    _sd("SD-1.3", "1.3)", "接待老客戶帶一新客戶,視接待客戶一次。",
        "For the reception rotation, an old client bringing a new one counts as one reception."),
    _sd("SD-3.1", "3.1)", "銷售人員按排班表順序輪流接待客戶。",
        "New clients are received in the rotation order."),
    _sd("SD-3.2", "3.2)", "排班順序原則上實行滾動循環式,即根據一定順序循環接待,周而復始。",
        "The rotation is round robin, cycling."),
    _sd("SD-3.3", "3.3)", "未經現場主管批準售樓員不得自行調換接客順序。",
        "The order changes only with the site supervisor's approval."),
    _sd("SD-3.4", "3.4)", "若輪到的售樓員無正當理由不在崗位,取消本輪接客資格;如確因上級領導臨時安排額外工作的原因,經項目經理核實批準,安排當前位置優先輪值。",
        "Absent without good reason: the turn is forfeited. Absent on extra work assigned by a "
        "superior (verified by the project manager): keeps priority at the current position."),
    _sd("SD-3.6", "3.6)", "經確認客戶屬于需接待對象后,售樓員應禮貌的探詢該客戶是否來過,若來過,應將該客戶交給原先接待過的同事。",
        "A client who has visited before and names the consultant goes to that consultant."),
    _sd("SD-3.7", "3.7)", "如該客戶曾經來訪,但已記不得原接待售樓員,將視為新客戶由新售樓員繼續接待。",
        "A returning client who cannot name the original consultant is received as new by the "
        "current one; then G, H, I or J."),
    _sd("SD-3.7.G", "3.7) G", "如當日原售樓員認出客戶或客戶認出原售樓員,則還由原售樓員進行接待。",
        "Recognised the same day: the original consultant owns."),
    _sd("SD-3.7.H", "3.7) H", "如新售樓員促成當場成交,且成交前未認出原售樓員的,客戶資源和傭金全部歸新售樓員所有。",
        "Deal on the spot before any recognition: all to the new consultant.",
        interpretation="'On the spot' (當場) is a deal on the same local day as the visit."),
    _sd("SD-3.7.I", "3.7) I", "如客戶當場未成交,在之后1個月內認出來的,客戶由新售樓員負責跟進,成交傭金由原售樓員和新售樓員平分。",
        "No deal on the spot, recognised within 1 month after: the new consultant follows up; "
        "commission 50/50 between original and new.",
        settings=("recognition_window", "splits.recognised_later")),
    _sd("SD-3.7.J", "3.7) J", "如客戶當場未成交,在之后1個月內也未認出來的,客戶資源和傭金全部歸新售樓員所有。",
        "Not recognised within that month: all to the new consultant. A decision made while "
        "that month is still running says that it may still change, and until when.",
        settings=("recognition_window",)),
    _sd("SD-3.10.A", "3.10) A", "對新客戶在被接待后中途提出拒絕該售樓員接待,要求更換售樓員的:如售樓員無過錯,原則上更換要求不予支持,銷售經理可協助做好客戶工作。",
        "Change request, no fault: owner unchanged."),
    _sd("SD-3.10.B", "3.10) B", "如售樓員確有一般性過錯,銷售經理可對違規行為進行處罰,并在做好客戶的安撫工作后,安排該售樓員繼續進行接待。",
        "General fault: owner unchanged."),
    _sd("SD-3.10.C", "3.10) C", "如售樓員有嚴重過錯或客戶堅決拒絕該售樓員繼續接待的,由銷售經理/經理按排班表安排其他售樓員進行接待。此客戶按新客處理,原售樓員不再享有任何權益,本次接待作輪空處理,可安排優先輪值。",
        "Serious fault or the client firmly refuses: the manager assigns the next consultant on "
        "the rotation; the client is treated as new; the original consultant loses all rights; "
        "the original may get a priority turn."),
    _sd("SD-3.13", "3.13)", "對電話咨詢的客戶也應盡可能做好客戶資料登記,但來電登記內容不作為確定客戶歸屬的依據,僅作為資料留存。",
        "Phone registrations never establish ownership."),
    _sd("SD-3.14", "3.14)", "午餐時間由當時輪班在前兩位的售樓員負責在接待臺值班。",
        "At lunch the first two in the rotation man the desk."),
    _sd("SD-4.1", "4.1)", "曾經到訪過的客戶再次到訪,原則上由曾經接待(以登記為準)的售樓員接待。",
        "Returning client: the registered consultant."),
    _sd("SD-4.2", "4.2)", "其他售樓員的舊客來訪,該售樓員不在,由排班在最后的一位售樓員作義務接待。",
        "Owner absent: the last consultant on the rotation receives on duty; ownership stays "
        "with the owner; the duty reception does not consume a rotation turn."),
    _sd("SD-5.1", "5.1)", "新客戶在進入實質性接待之前(參觀、講解)指定要求某個銷售人員接待的,原則上可遵從客戶意愿,由指定銷售人員進行接待。接待此類客戶原則上不計入該售樓員的排班,但若因此錯過了正常輪班,則不另行安排補班。",
        "A new client who names a consultant before substantive reception is owned by the named "
        "one; not counted in the rotation."),
    _sd("SD-5.2", "5.2)", "對當日來訪的新客戶在被接待后中途提出指定其他售樓員接待的,原則上不予支持。如客戶態度堅決,解釋和安撫無效時,銷售經理可決定安排被指定售樓員進行接待,如該客戶成交,傭金的70%歸最先接待的售樓員,30%歸被指定接待的售樓員。但如證明被指定售樓員對于事情的發生有慫恿等行為,全部傭金歸最先接待的售樓員。",
        "A new client who, received that day, names another consultant mid-reception: not "
        "supported; if the manager has the named one receive and a deal follows, 70% to the "
        "first receiver and 30% to the named one; if the named one instigated it, 100% to the "
        "first receiver.",
        settings=("splits.designated_mid_reception",)),
    _sd("SD-5.3", "5.3)", "如已來訪過老客戶又指定要求其他銷售人員接待的,原則上不予支持。如客戶態度堅決,解釋和安撫無效時,銷售經理可決定安排被指定售樓員進行義務接待,如該客戶成交,全部傭金歸最先接待的售樓員。",
        "An old client who names another consultant: not supported; if the manager has the "
        "named one receive on duty and a deal follows, 100% to the first receiver."),
    _sd("SD-5.4", "5.4)", "對于老客戶介紹新客戶的,除非符合指定接待的條件,一律作新客戶處理。",
        "A new client introduced by an old client is a new client unless the designation "
        "conditions (SD-5.1) are met."),
    _sd("SD-6.1.1", "6.(1).1)", "公司客戶指:公司或公司高層的關系客戶在到訪銷售現場前先通過公司或公司高層聯系和咨詢銷售事宜,由公司介紹或安排下來的客戶。對在與公司或公司高層聯系和咨詢銷售事宜前已先到訪售樓現場并已辦理了客戶登記的,不再視為公司客戶。",
        "Company client: referred by the company or its executives before the first visit. A "
        "client already registered at the site before that contact is not a company client."),
    _sd("SD-6.1.2", "6.(1).2)", "如解釋無效或其它原因造成指定接待的,視為該售樓員義務接待,不計入排班,成交傭金全部作為公傭。",
        "An executive designated a consultant: a duty reception, not counted in the rotation; "
        "100% of the commission to the company pool.",
        settings=("splits.executive_designation",)),
    _sd("SD-6.1.3", "6.(1).3)", "公司客戶如只由公司或公司高層介紹或帶到現場,而由售樓員全程跟進成交的,成交傭金該售樓員得70%,30%作為公傭。",
        "Company client introduced or brought by the company, the consultant follows it through "
        "to the deal: 70% consultant, 30% company pool.",
        settings=("splits.company_followed",)),
    _sd("SD-6.1.4", "6.(1).4)", "公司客戶如無須接待、洽談,直接由公司或公司高層直接安排成交,由售樓員負責售后跟進的,成交傭金該售樓員得30%,70%作為公傭。",
        "Company arranged the deal directly, a consultant does the after-sales: 30% that "
        "consultant, 70% company pool.",
        settings=("splits.company_arranged",)),
    _sd("SD-6.1.5", "6.(1).5)", "公司客戶如無須接待、洽談,直接由公司或公司高層直接安排成交,并交由其他員工主要(非售樓員)跟進售后手續的,成交傭金全部作為公傭處理。",
        "Company arranged the deal directly, other staff (not a consultant) do the after-sales: "
        "100% company pool."),
    _sd("SD-6.2.1", "6.(2).1)", "對于公司其他員工介紹的客戶,應在客戶第一次來訪前先到項目經理處辦理客戶登記,并填寫介紹客戶登記表,注明預約來訪日期。",
        "A staff referral must be registered with the project manager before the client's "
        "first visit, with the agreed visit date."),
    _sd("SD-6.2.2", "6.(2).2)", "如客戶未能在約定日來訪,則介紹登記失效,介紹人可重新登記。",
        "The referral lapses if the client does not come on the agreed date (it may be "
        "registered again)."),
    _sd("SD-6.2.3", "6.(2).3)", "如客戶如期來訪,介紹人應陪同客戶前往接待臺進行客戶登記或提前電話通知項目經理以作確認,由項目經理核對介紹客戶登記表無誤并確認為介紹人私人客戶,由項目經理在介紹客戶登記表上簽名確認,方認為介紹有效。如未經此程序而由現場銷售人員已登記在先了,再主張為自己介紹的客戶的一律不予支持。",
        "Valid only if on that visit the introducer confirms in person or by phone and the "
        "project manager signs; a consultant's registration made first, without this "
        "procedure, wins."),
    _sd("SD-6.2.4", "6.(2).4)", "如介紹人已預先登記,但客戶來訪時未能親自或電話確認的,而由售樓員按新客戶接待的,介紹登記無效。",
        "Registered in advance, but the introducer did not confirm in person or by phone when "
        "the client came: the client is received as new and the referral is void."),
    _sd("SD-6.2.5", "6.(2).5)", "對于公司其他員工介紹的客戶最后成交的,成交傭金的30%為介紹人的傭金,70%為接待客戶的售樓員的傭金。",
        "A staff-referred client's deal: 30% to the introducer, 70% to the receiving consultant.",
        settings=("splits.staff_introducer",)),
    _sd("SD-7.1", "7.1)", "售樓員接待來訪客戶,必須認真填寫《客戶來訪登記表》,以作為今后結算傭金的依據。登記有效期為一個月。",
        "The visitor registration form is the basis for settling commission; a registration "
        "is valid for 1 month (same semantics as CC-9.1 and CC-9.2).",
        settings=("window", "window_anchor")),
    _sd("SD-7.2", "7.2)", "每日的《客戶來訪登記表》必須及時輸入電腦,由項目經理審核確認方為有效。",
        "A registration counts only once verified by the project manager."),
    _sd("SD-7.3", "7.3)", "客戶登記有沖突時,以先登記者為準。",
        "Conflicting registrations: the earlier registration wins."),
    _sd("SD-7.4", "7.4)", "夫妻客在成交前分別來訪,分別由甲乙接待登記,之后發現為夫妻關系,則由甲、乙共同接待,傭金雙方各得一半。",
        "Spouses (only spouses) received separately before the deal: joint owners, 50/50.",
        settings=("household", "household_relations")),
    _sd("SD-7.5.A", "7.5) A", "如老客戶打電話直接給以前接待過的售樓員說,要介紹新客戶來,并且甲售樓員事先聲明自已的客戶會來,而且約好時間,當時客戶來甲不在,排班在最后的售樓員有義務接待,之后可接待下一個客戶。",
        "The old client phoned consultant A in advance to introduce a new client and A declared "
        "it with an agreed time: A's client (A absent: the last on the rotation receives on "
        "duty)."),
    _sd("SD-7.5.B", "7.5) B", "若老客戶直接帶新客戶來,并事先聲明找甲售樓員,由甲售樓員接待,如果甲不在乙售樓員有義務接待,之后可接待下一個客戶。排班在最后的售樓員義務接待。",
        "The old client brings the new client and declares they are looking for A: A's client "
        "(A absent: a duty reception)."),
    _sd("SD-7.5.C", "7.5) C", "如果老客戶沒來,也沒打電話給甲說要介紹新客戶來,但事實老客戶介紹新客戶自己前來售樓處,若由乙接待,則為乙的客戶,如有成交,傭金算給乙。",
        "The old client neither came nor phoned; the new client comes alone and is received by "
        "B: B's client."),
    _sd("SD-7.6", "7.6)", "成交后發生更名、換房等銷售變更的,不變更經辦售樓員,成交業績和傭金仍歸原售樓員所有。",
        "Rename or unit change after the deal: the handling consultant does not change; "
        "performance and commission stay with the original consultant.",
        settings=("deal_change",)),
    _sd("SD-7.7", "7.7)", "對于依上述條款仍無法分清客戶歸屬及傭金分配的,由項目經理根據爭議雙方過錯大小和對成交貢獻的大小提出書面意見,報銷售總監審批。",
        "Still unclear under the rules above: the project manager gives a written opinion, "
        "approved by the sales director (an escalation).",
        settings=("escalate_to",)),
)

COM_RULES: tuple[Rule, ...] = (
    Rule(
        id="COM-SPLIT", area="commission", source=_COM_SOURCE, clause="COM-SPLIT",
        text="成交傭金按客戶歸屬份額分配:先扣除公傭、介紹人等份額,余額由接待售樓員按歸屬份額分配"
        "(如員工介紹客戶且其配偶由另一售樓員接待:介紹人30%,其余兩位售樓員各35%)。",
        summary=(
            "A deal's commission is divided by the shares of the decision: off-the-top shares "
            "first (company pool, staff introducer), then the consultant side among its owners "
            "(e.g. 30% introducer, then 35% / 35%)."
        ),
    ),
    Rule(
        id="COM-POOL", area="commission", source=_COM_SOURCE, clause="COM-POOL",
        text="成交傭金全部作為公傭;30%作為公傭;70%作為公傭(公傭與售樓員同樣作為分配的一方)。",
        summary=(
            "The company pool (公佣) is a party like a consultant, so splits with it are "
            "reported the same way."
        ),
    ),
)

RULES: tuple[Rule, ...] = CC_RULES + SD_RULES + COM_RULES


DECIDED_IN: dict[str, tuple[str, ...]] = {
    # the registration book, the first reception, the window (every reading)
    "CC-1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._window.counted",
    ),
    "CC-2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._context.Context.window",
    ),
    "CC-3": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._household.read_household",
    ),
    "CC-4.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._confirming",
    ),
    "CC-4.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._brought",
        "propmgmt_rules.ownership._household.deal_credit",
    ),
    "CC-4.3": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._brought",
        "propmgmt_rules.ownership._household.departures",
    ),
    "CC-5": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._window.not_first",
        "propmgmt_rules.ownership._specific._confirming",
    ),
    "CC-6": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.not_first",
        "propmgmt_rules.ownership._window.owns",
    ),
    "CC-7": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._changes.change",
    ),
    "CC-8": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._holders",
    ),
    "CC-9.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.own_visit",
        "propmgmt_rules.ownership._window.owns",
    ),
    "CC-9.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.claim_ends",
        "propmgmt_rules.ownership._window.owns",
    ),
    "CC-10.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._brought",
    ),
    "CC-10.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._confirming",
    ),
    "CC-11": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._decisions.ownership_decision",
    ),
    "CC-NOTE": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._window.counted",
    ),
    # the reception rotation
    "SD-1.3": ("propmgmt_rules.ownership.rotation.rotate",),
    "SD-3.1": ("propmgmt_rules.ownership.rotation.rotate",),
    "SD-3.2": ("propmgmt_rules.ownership.rotation.rotate",),
    "SD-3.3": ("propmgmt_rules.ownership.rotation.rotate",),
    "SD-3.4": (
        "propmgmt_rules.ownership.rotation.rotate",
        "propmgmt_rules.ownership.rotation._next",
    ),
    "SD-3.6": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
    ),
    "SD-3.7": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._recognition.recognition",
    ),
    "SD-3.7.G": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._recognition.recognition",
    ),
    "SD-3.7.H": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._recognition.recognition",
    ),
    "SD-3.7.I": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._recognition.recognition",
        "propmgmt_rules.ownership.engine.split_commission",
    ),
    "SD-3.7.J": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._recognition.recognition",
    ),
    "SD-3.10.A": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._changes.change",
    ),
    "SD-3.10.B": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._changes.change",
    ),
    "SD-3.10.C": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._changes.change",
        "propmgmt_rules.ownership.rotation.rotate",
    ),
    "SD-3.13": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._window.counted",
    ),
    "SD-3.14": ("propmgmt_rules.ownership.rotation.rotate",),
    "SD-4.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.own_visit",
        "propmgmt_rules.ownership._window.owns",
    ),
    "SD-4.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific.first",
        "propmgmt_rules.ownership.rotation.rotate",
    ),
    "SD-5.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific.first",
        "propmgmt_rules.ownership.rotation.rotate",
    ),
    "SD-5.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific.first",
        "propmgmt_rules.ownership._changes.change",
    ),
    "SD-5.3": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._changes.change",
    ),
    "SD-5.4": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._confirming",
    ),
    "SD-6.1.1": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals.off_top",
        "propmgmt_rules.ownership._commission._shares",
    ),
    "SD-6.1.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific.first",
        "propmgmt_rules.ownership.rotation.rotate",
    ),
    "SD-6.1.3": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._shares",
    ),
    "SD-6.1.4": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._shares",
    ),
    "SD-6.1.5": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._shares",
    ),
    "SD-6.2.1": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals._staff",
        "propmgmt_rules.ownership._referrals.off_top",
    ),
    "SD-6.2.2": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals._staff",
    ),
    "SD-6.2.3": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals._staff",
    ),
    "SD-6.2.4": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals._staff",
    ),
    "SD-6.2.5": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._referrals._staff",
    ),
    "SD-7.1": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.claim_ends",
        "propmgmt_rules.ownership._context.Context.window",
    ),
    "SD-7.2": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._window.counted",
    ),
    "SD-7.3": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._reading.read_timeline",
        "propmgmt_rules.ownership._window.not_first",
        "propmgmt_rules.ownership._window.owns",
    ),
    "SD-7.4": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._household.read_household",
        "propmgmt_rules.ownership._household.spouses_share",
    ),
    "SD-7.5.A": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._introduction",
        "propmgmt_rules.ownership._specific.first",
    ),
    "SD-7.5.B": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific.first",
    ),
    "SD-7.5.C": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._specific._confirming",
    ),
    "SD-7.6": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._holders",
    ),
    "SD-7.7": (
        "propmgmt_rules.ownership.engine.decide_ownership",
        "propmgmt_rules.ownership._decisions.ownership_decision",
    ),
    # commission
    "COM-SPLIT": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission.commission_decision",
        "propmgmt_rules.ownership._commission._shares",
    ),
    "COM-POOL": (
        "propmgmt_rules.ownership.engine.split_commission",
        "propmgmt_rules.ownership._commission._shares",
    ),
}
"""The functions that decide each rule (the public question first)."""

RULES = with_code(RULES, DECIDED_IN)
