"""Going one step back in a booking ("quay lại", ``bk:back``), keeping what was given."""

from __future__ import annotations

import datetime as dt

from handlers.booking import form
from handlers.booking import views as view
from handlers.booking.steps import day_step, kept
from handlers.context import Context
from handlers.types import Incoming, Step

_FORM_BACK = {"ask_phone": "name", "ask_address": "phone", "confirm": "need"}


async def go_back(msg: Incoming, ctx: Context) -> Step:
    """``bk:back`` or a typed "quay lại": one step back, keeping what was already given."""
    step = ctx.state.step if ctx.state.flow == "booking" else ""
    programme = form.current(ctx)
    data = dict(ctx.data)
    if programme is None or step not in (
        "choose_day",
        "choose_slot",
        "ask_name",
        "ask_need",
        *_FORM_BACK,
    ):
        return await ctx.start("menu", "menu")  # nothing of a booking to step back into
    if step == "choose_day":
        ward = await ctx.ward()
        items = view.offered(ctx, ward)
        text = ctx.t("booking.choose_programme")
        return view.programme_list(ctx, items, text, kept(ctx), ward)
    if step == "choose_slot" or (step == "ask_name" and not data.get("d")):
        return await view.dates_step(ctx, programme, data)
    if step == "ask_name":
        return await day_step(msg, ctx, dt.date.fromisoformat(data["d"]))
    data.pop(_FORM_BACK.get(step) or ("addr" if programme.needs_address else "phone"), None)
    return form.next_missing(ctx, programme, data)
