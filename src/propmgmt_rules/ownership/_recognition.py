"""A returning client who cannot name the consultant, received as new by another one
(`SD-3.7`): recognised the same day, the original (`SD-3.7.G`); a deal on the spot before any
recognition, all to the new one (`SD-3.7.H`); recognised within a month, the new one follows up
and the commission is shared (`SD-3.7.I`); not recognised within the month, all to the new one
(`SD-3.7.J`), provisionally while the month runs."""

from __future__ import annotations

from collections.abc import Sequence

from ..decision import SetAsideReason, Text
from ._context import Context
from ._trace import ONE, Reading, Trace, merge, names
from .models import Reception

__all__ = ["recognition"]


def recognition(ctx: Context, trace: Trace, part: Reading, r: Reception,
                 members: Sequence[str]) -> None:
    """`SD-3.7`: a returning client received as new by another consultant; then G, H, I or J."""
    assert part.owners is not None
    f = ("reception", r.id)
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
    trace.say(f"{r.id}: the returning client did not name {names(orig)} and was received as "
              f"new by {new} (SD-3.7).",
              f"{r.id}:老客户记不得原售楼员{names(orig)},由{new}作为新客户接待(SD-3.7)。")
    if g0 is not None and ctx.day(g0.at) == day and not (spot and spot[0].at < g0.at):
        part.own([(c, s, "SD-3.7.G") for c, s, _ in orig])
        trace.use(*f, "SD-3.7.G", "recognised the same day")
        trace.use("recognition", g0.id, "SD-3.7.G")
        trace.decided("SD-3.7.G", "SD-3.7")
        trace.say(f"{g0.id}: recognised the same day; the client stays with {names(orig)} "
                  "(SD-3.7.G).",
                  f"{g0.id}:当日认出,仍由原售楼员{names(orig)}接待(SD-3.7.G)。")
        return
    if spot and (g0 is None or spot[0].at < g0.at):
        d = spot[0]
        part.own([(new, ONE, "SD-3.7.H")])
        trace.use(*f, "SD-3.7.H")
        trace.use("deal", d.id, "SD-3.7.H", "deal on the spot before any recognition")
        for g in recogs:
            trace.aside("recognition", g.id, SetAsideReason.SUPERSEDED, "SD-3.7.H",
                        "after the deal on the spot")
        trace.decided("SD-3.7.H", "SD-3.7")
        trace.say(f"{d.id}: {new} closed the deal on the spot before any recognition; the "
                  f"client and the commission go to {new} (SD-3.7.H).",
                  f"{d.id}:{new}促成当场成交,成交前未认出原售楼员,客户资源和佣金全部归{new}"
                  "(SD-3.7.H)。")
        return
    if g0 is not None and g0.at <= month_end:
        k = ctx.rb.splits.recognised_later_original
        owners = [(c, s * k, "SD-3.7.I") for c, s, _ in orig] + [(new, ONE - k, "SD-3.7.I")]
        part.own(merge(owners))
        trace.use(*f, "SD-3.7.I")
        trace.use("recognition", g0.id, "SD-3.7.I", "recognised within the month")
        trace.decided("SD-3.7.I", "SD-3.7")
        w = ctx.when(g0.at)
        trace.say(f"{g0.id} on {w.en}: recognised within "
                  f"{ctx.rb.recognition_window} after the visit; {new} follows up and the "
                  f"commission is shared {names(part.owners or ())} (SD-3.7.I).",
                  f"{g0.id}于{w.zh}:之后{ctx.rb.recognition_window.zh}内认出,由{new}"
                  f"负责跟进,佣金由原售楼员和新售楼员平分({names(part.owners or ())})(SD-3.7.I)。")
        return
    for g in recogs:
        trace.aside("recognition", g.id, SetAsideReason.OUTSIDE_WINDOW, "SD-3.7.J",
                    f"after {ctx.until(month_end).en}")
    part.own([(new, ONE, "SD-3.7.J")])
    trace.use(*f, "SD-3.7.J")
    trace.decided("SD-3.7.J", "SD-3.7")
    if ctx.as_of < month_end:
        u = ctx.until(month_end)
        why = Text(f"a recognition by {u.en} would share the commission (SD-3.7.I)",
                   f"{u.zh}前如认出,佣金平分(SD-3.7.I)")
        part.provisionally(month_end, ("SD-3.7.I", "SD-3.7.J"), why)
        trace.say(f"Not recognised so far: all to {new} for now (SD-3.7.J); {why.en}.",
                  f"目前未认出:暂全部归{new}(SD-3.7.J);{why.zh}。")
    else:
        u = ctx.until(month_end)
        trace.say(f"Not recognised within {ctx.rb.recognition_window} (by {u.en}): the client "
                  f"and the commission go to {new} (SD-3.7.J).",
                  f"{ctx.rb.recognition_window.zh}内未认出({u.zh}前):客户资源和"
                  f"佣金全部归{new}(SD-3.7.J)。")
