"""The `T-` rules (catalog section 1): how a span becomes a deadline.

Data only. The regulations state limits as "within 2 hours", "same day", "within 3 working
days", "one month"; the catalog turns them into deadlines with one set of rules modelled on
the PRC Civil Code's rules for computing periods (民法典 第二百条至第二百零四条).
"""

from __future__ import annotations

from ..rule import Rule, with_code

__all__ = ["DECIDED_IN", "RULES"]

_SOURCE = "catalog §1; 中华人民共和国民法典 第二百条至第二百零四条 (PRC Civil Code Arts. 200-204)"

RULES: tuple[Rule, ...] = (
    Rule(
        id="T-IMMEDIATE",
        area="time",
        source=_SOURCE,
        clause="§1 immediately",
        text="立即;马上(如“立即上报”“马上处理”)",
        summary="Immediately: the deadline is the start instant itself.",
    ),
    Rule(
        id="T-MINUTES",
        area="time",
        source=_SOURCE,
        clause="§1 minutes; Art. 201",
        text="n分钟内(如“15分钟内”)。按照小时计算期间的,自法律规定或者当事人约定的时间开始计算。",
        summary="n minutes: start + n × 60 seconds of elapsed time.",
    ),
    Rule(
        id="T-HOURS",
        area="time",
        source=_SOURCE,
        clause="§1 hours; Art. 201",
        text="n小时内(如“2小时内”)。按照小时计算期间的,自法律规定或者当事人约定的时间开始计算。",
        summary="n hours: start + n × 3600 seconds of elapsed time.",
    ),
    Rule(
        id="T-WORKING-HOURS",
        area="time",
        source=_SOURCE,
        clause="§1 working hours",
        text="n个工作小时内:只计工作时间,工作时间以外开始的,自下一个工作时刻起算。",
        summary=(
            "n working hours: n hours of the calendar's working time counted from the start "
            "(from the next working moment if the start is outside working time); a deadline "
            "that falls exactly at the end of a working period stays there."
        ),
    ),
    Rule(
        id="T-SAME-DAY",
        area="time",
        source=_SOURCE,
        clause="§1 same day; Art. 203",
        text="当天;当日。期间的最后一日的截止时间为二十四时。",
        summary="Same day: the end (24:00) of the start's local day.",
    ),
    Rule(
        id="T-DAYS",
        area="time",
        source=_SOURCE,
        clause="§1 days; Arts. 201, 203",
        text=(
            "n日内;n天内。按照年、月、日计算期间的,开始的当日不计入,自下一日开始计算。"
            "期间的最后一日的截止时间为二十四时。"
        ),
        summary=(
            "n days: the end (24:00) of local day start.date() + n; the start day is not counted."
        ),
    ),
    Rule(
        id="T-WORKING-DAYS",
        area="time",
        source=_SOURCE,
        clause="§1 working days; Arts. 201, 203",
        text=(
            "n个工作日内。开始的当日不计入,自下一日开始计算;"
            "有业务时间的,停止业务活动的时间为截止时间。"
        ),
        summary=(
            "n working days: the n-th working day after the start's local date (start day not "
            "counted; a start on a rest day counts from the next working day); ends at close of "
            "business if the calendar has working hours, else at 24:00."
        ),
    ),
    Rule(
        id="T-MONTHS",
        area="time",
        source=_SOURCE,
        clause="§1 months; Art. 202",
        text=(
            "一个月;三个月。按照年、月计算期间的,到期月的对应日为期间的最后一日;"
            "没有对应日的,月末日为期间的最后一日。"
        ),
        summary=(
            "n months: the last day is start.date() + n months, clipped to the month's last day "
            "(Jan 31 + 1 month = Feb 28/29); ends at 24:00."
        ),
    ),
    Rule(
        id="T-BEFORE",
        area="time",
        source=_SOURCE,
        clause="§1 before; Arts. 201-203 mirrored",
        text=(
            "提前n分钟、n小时、n个工作小时、n日、n个工作日、n个月(如“提前十天左右向业主发出交房"
            "入住通知”“提前半小时以上做会议预备工作”):自目标时间向前倒数,得出最迟办理时间。"
            "按小时计算的,为目标时间减去n小时(工作小时只计工作时间,目标时间不在工作时间内的,"
            "自此前最后一个工作时刻起倒数);按日、月计算的,为目标日向前倒数n日、n个月的当日"
            "(没有对应日的,以月末日为准)二十四时;按工作日计算的,为目标日之前第n个工作日的"
            "下班时间(无业务时间的为二十四时)。不晚于该时刻办理即为按时。"
        ),
        summary=(
            "A span counted backwards from a target instant gives the latest instant to act: "
            "target - n hours (working hours: n hours of working time before the target, from "
            "the previous working moment if the target is outside working time); for days and "
            "months, the end (24:00) of local day target.date() - n days / months (clipped to "
            "the month's last day); for working days, the end (or close of business) of the "
            "n-th working day before the target's local date. An action at x meets it iff "
            "x <= that instant."
        ),
        settings=("Span.before",),
    ),
    Rule(
        id="T-ZERO",
        area="time",
        source=_SOURCE,
        clause="§1 zero",
        text=(
            "期间为零的:0分钟、0小时即为起始时刻本身;0个工作小时为起始时刻或此后第一个工作时刻"
            "(自该时刻起算工作小时);0日与“当天”相同,截止时间为当日二十四时;0个工作日、0个月"
            "不予受理,应写作“当天”。各种输入方式结果相同。"
        ),
        summary=(
            "A span of amount 0: 0 minutes or hours is the start itself; 0 working hours the "
            "next working moment at or after the start (where T-WORKING-HOURS counting starts); "
            "0 days the same as T-SAME-DAY; 0 working days and 0 months are refused as an input "
            "error (say 'same day' instead). The same answer through every entry point."
        ),
    ),
    Rule(
        id="T-REST-DAY-EXTENSION",
        area="time",
        source=_SOURCE,
        clause="§1 rest-day extension; Arts. 203, 204",
        text="期间的最后一日是法定休假日的,以法定休假日结束的次日为期间的最后一日。",
        summary=(
            "Option on day and month spans: a last day that is a rest day moves to the next "
            "working day. Off by default for internal service targets; each policy states it."
        ),
        settings=("Span.extend_over_rest_days",),
    ),
)

DECIDED_IN: dict[str, tuple[str, ...]] = {
    "T-IMMEDIATE": ("propmgmt_rules.time.deadline.deadline",),
    "T-MINUTES": ("propmgmt_rules.time.deadline.deadline",),
    "T-HOURS": ("propmgmt_rules.time.deadline.deadline",),
    "T-WORKING-HOURS": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.working_time.after_working_time",
        "propmgmt_rules.time.calendar._Compiled.after",
    ),
    "T-SAME-DAY": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline.last_day",
        "propmgmt_rules.time.deadline._last_day_x",
    ),
    "T-DAYS": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline.last_day",
        "propmgmt_rules.time.deadline._last_day_x",
    ),
    "T-WORKING-DAYS": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline.last_day",
    ),
    "T-MONTHS": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline.last_day",
        "propmgmt_rules.time.deadline._add_months",
    ),
    "T-BEFORE": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline._before",
        "propmgmt_rules.time.working_time.before_working_time",
    ),
    "T-ZERO": ("propmgmt_rules.time.deadline.deadline", "propmgmt_rules.time.deadline._before"),
    "T-REST-DAY-EXTENSION": (
        "propmgmt_rules.time.deadline.deadline",
        "propmgmt_rules.time.deadline._last_day_x",
    ),
}
"""The functions that decide each rule: :func:`deadline` first (every span), then the
function that holds the rule's own arithmetic."""

RULES = with_code(RULES, DECIDED_IN)
