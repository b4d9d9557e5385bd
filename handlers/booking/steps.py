"""Steps of the booking flow: programme, day, slot, typed dates and times, going back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.answer_words import YES
from handlers.answers import role_of
from handlers.booking import ahead, daywords, early, early_morning, form, mine, offer
from handlers.booking import slots as sl
from handlers.booking import typed_names as tn
from handlers.booking import views as view
from handlers.booking.dates import parse_time
from handlers.context import Context
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import ward_or_ask
from knowledge.programmes import Programme

KEEP = ("name", "phone", "addr", "need")  # form answers kept when choosing another time


def kept(ctx: Context) -> dict[str, Any]:
    if ctx.state.flow != "booking" or ctx.data.get("done") or ctx.data.get("moved"):
        return {}
    return {k: ctx.data[k] for k in KEEP if k in ctx.data}


async def open_programme(ctx: Context, programme: Programme, data: dict[str, Any]) -> Step:
    intro = [Reply(view.programme_card(ctx, programme))]
    data = dict(data)
    want, part = early.pop(ctx, data)  # "sáng thứ năm tuần sau" said before the programme
    day = dt.date.fromisoformat(want) if want else None
    if day is None and part is not None:
        day = await early.first_with(ctx, programme, part)
    if day is not None:  # that day's times, or why not and the programme's days
        held = {**data, "p": programme.id, **({"wpart": part} if part else {})}
        ctx.state.flow, ctx.state.data = "booking", held
        step = await _day(ctx.msg, ctx, day, part, propose=part is not None)
        step.replies[:0] = intro
        return step
    return await view.dates_step(ctx, programme, {**data, "p": programme.id}, intro=intro)


async def _for_need(
    ctx: Context, code: str, ward: Any, said: dict[str, str], writing: bool = False
) -> Step:
    book = view.programmes(ctx)
    name = form.procedure_name(ctx, code)
    items = book.for_procedure(code, among=view.offered(ctx, ward))
    if writing:  # "không biết chữ": a programme that writes the forms, never online guidance
        writes = [p for p in items if p.kind != "online_guidance"]
        items = writes or [p for p in view.offered(ctx, ward) if p.kind != "online_guidance"]
    data = {"need": name, **said}
    if len(items) == 1:
        return await open_programme(ctx, items[0], data)
    text = ctx.t("booking.choose_programme_for_need", need=name)
    return view.programme_list(ctx, items, text, data, ward)


async def start(msg: Incoming, ctx: Context) -> Step:
    """``bk:start[:<programme id>|need=<procedure code>]``: entry from the menu or a card.
    Without a programme the list depends on the place: the chat's ward is asked once."""
    arg = ctx.arg.strip()
    programme = view.programmes(ctx).get(arg) if arg else None
    if programme is not None:
        return await open_programme(ctx, programme, {})
    said_ward = tn.said_ward(ctx, msg.text or "")  # "đặt lịch hỗ trợ ở p3 cao lãnh"
    if said_ward is not None:
        await ctx.set_ward(said_ward.code, "typed")
    ward, ask = await ward_or_ask(ctx, f"booking:start:{arg}", optional=False)
    if ask is not None:
        return ask
    parts = dict(p.partition("=")[::2] for p in arg.split("&") if "=" in p)
    said = early.from_arg(parts.get("when", ""))  # a day said in the opening message, kept
    if parts.get("need"):
        return await _for_need(ctx, parts["need"], ward, said, bool(parts.get("write")))
    items = view.offered(ctx, ward)
    kind = parts.get("kind")  # help asked for as a need: "cán bộ xuống nhà" is the home visit
    of_kind = [p for p in items if p.kind == kind] if kind else items
    if len(of_kind) == 1 and kind:
        return await open_programme(ctx, of_kind[0], said)
    text = ctx.t("booking.choose_programme")
    if kind and not of_kind and ward is not None:  # none of that kind here: every programme
        text = ctx.t("booking.no_kind_here", kind=ctx.t(f"booking.kind_{kind}")) + "\n" + text
    if said.get("want"):  # "mai có chỗ nào hỗ trợ": the day kept for the programme chosen
        day = dt.date.fromisoformat(said["want"])
        date = f"{view.weekday(ctx, day)} {view.fmt_date(day)}"
        text = f"{ctx.t('booking.kept_day', date=date)}\n{text}"
    return view.programme_list(ctx, of_kind or items, text, said, ward)


async def choose_programme(msg: Incoming, ctx: Context) -> Step:
    """``bk:prog:<id>``: show the programme and its next free days."""
    programme = view.programmes(ctx).get(ctx.arg.strip())
    if programme is None:
        return await form.old_button(msg, ctx)
    ward = tn.ward_only(ctx, ctx.typed) if ctx.typed else None  # "cao lãnh": no programme
    if ward is not None and ctx.state.name == "booking:choose_programme":
        return _ward_list(ctx, ward)
    return await open_programme(ctx, programme, kept(ctx))


def _ward_list(ctx: Context, ward: Any) -> Step:
    items = view.offered(ctx, ward)
    return view.programme_list(ctx, items, ctx.t("booking.choose_programme"), dict(ctx.data), ward)


async def typed_programme(msg: Incoming, ctx: Context) -> Step:
    """Text while choosing a programme: its name or alias picks it; another ward typed
    ("phường mỹ ngãi") is the chat's ward now, its programmes listed."""
    first = tn.first_offered(ctx) if offer.anytime(msg.text or "") else None
    if first is not None:  # "cái nào cũng được": the first offered, said so
        step = await open_programme(ctx, first, kept(ctx))
        step.replies.insert(0, Reply(ctx.t("booking.any_programme", name=first.name)))
        return step
    typed_ward = tn.other_ward(ctx, msg.text or "", await ctx.ward())
    if typed_ward is not None:
        await ctx.set_ward(typed_ward.code, "typed")
        return _ward_list(ctx, typed_ward)
    programme = view.named(ctx, msg.text or "", await ctx.ward())
    programme = programme or daywords.by_weekday(ctx, msg.text or "")  # "the Tuesday one"
    kind = tn.of_kind(ctx, msg.text or "", tn.offered_programmes(ctx)) if not programme else []
    if len(kind) > 1:  # "help at the service point" where several are: those, to choose from
        said = ctx.t("booking.of_kind", kind=ctx.t(f"booking.kind_{kind[0].kind}"))
        return view.programme_list(ctx, kind, said, dict(ctx.data), await ctx.ward())
    programme = programme or (kind[0] if kind else None)
    ward = tn.ward_only(ctx, msg.text or "") if programme is None else None
    if ward is not None:  # a ward typed at the list: that ward's programmes
        return _ward_list(ctx, ward)
    if programme is None:
        return await ahead.ahead_or_unclear(ctx, msg.text or "", "programme")
    return await open_programme(ctx, programme, kept(ctx))


def _explain(ctx: Context, problem: str, day: dt.date) -> str:
    days = view.programmes(ctx).horizon_days
    key = {"no_such_slot": "slot_gone", "too_soon": "slot_too_soon"}.get(problem, f"day_{problem}")
    programme = form.current(ctx)
    runs = [ctx.t(f"booking.weekdays.{d}") for d in programme.weekdays()] if programme else []
    return ctx.t(
        f"booking.{key}",
        date=f"{view.weekday(ctx, day)} {view.fmt_date(day)}",
        days=days,
        runs=", ".join(runs),
    )


async def _day(
    msg: Incoming,
    ctx: Context,
    day: dt.date,
    part: str | None = None,
    note: str = "",
    propose: bool = False,
) -> Step:
    """The day's free times (``part``: that part's); ``propose``: the first one offered as a
    yes button ("Em đặt giúp anh/chị 07:30 ... nhé?"), for "sáng", "sớm nhất"."""
    programme = form.current(ctx)
    if programme is None:
        return await form.old_button(msg, ctx)
    drop = ("d", "s", "part", "miss", "offer")
    data = {k: v for k, v in ctx.data.items() if k not in drop}
    problem = sl.day_problem(view.programmes(ctx), programme, day, ctx.now())
    if problem:
        return await view.dates_step(ctx, programme, data, note=_explain(ctx, problem, day))
    free = sl.free_slots(
        view.programmes(ctx), programme, day, ctx.now(), await view.counts(ctx, programme)
    )
    if data.get("mv"):
        free = [s for s in free if (s.date.isoformat(), s.start) != (data["mv_d"], data["mv_s"])]
    if not free:
        return await view.dates_step(ctx, programme, data, note=_explain(ctx, "full", day))
    wanted = data.pop("at", None)  # a time typed before the day ("9h", then "15/12")
    if wanted and any(s.start == wanted for s in free):
        return await _slot(msg, ctx, day, wanted)
    said = data.pop("wpart", None)  # "sáng thứ năm" said first, a day chosen only now
    part, propose = part or (str(said) if said in ahead.PARTS else None), propose or bool(said)
    date = f"{view.weekday(ctx, day)} {view.fmt_date(day)}"
    text = ctx.t("booking.choose_slot", date=date, minutes=programme.slot_minutes)
    if part is not None:  # "buổi chiều": that part's free times, or all and why
        within = ahead.within(free, part)
        key = "booking.slot_part" if within else "booking.slot_part_none"
        text = ctx.t(key, date=date, part=ctx.t(f"booking.parts.{part}"))
        free = within or free
        data["part"] = part  # "2 giờ" typed next is 14:00
    rows = view.slot_buttons(ctx, free)
    if propose or part is not None:  # one concrete time a yes takes; the list stays
        if part is None:
            text = ctx.t("booking.slot_free", date=date, minutes=programme.slot_minutes)
        text = f"{text}\n{offer.offer_text(ctx, day, free[0].start)}"
        rows.insert(0, [offer.offer_button(ctx, free[0].key, free[0].start)])
        data["offer"] = free[0].key
    rows.append([Button(ctx.t("booking.btn_other_time"), f"bk:prog:{programme.id}")])
    rows.append(view.stop_row(ctx))
    text = f"{note}\n{text}" if note else text
    return Step([Reply.make(text, rows)], "booking:choose_slot", {**data, "d": day.isoformat()})


day_step = _day  # the day's free times (the form's "chọn giờ khác")


async def choose_day(msg: Incoming, ctx: Context) -> Step:
    """``bk:day:<YYYY-MM-DD>``."""
    try:
        day = dt.date.fromisoformat(ctx.arg.strip())
    except ValueError:
        return await form.old_button(msg, ctx)
    return await _day(msg, ctx, day, propose=daywords.earliest(ctx.typed))  # "sớm nhất"


async def typed_day(msg: Incoming, ctx: Context) -> Step:
    """A typed date or weekday ("10/12", "thứ 5 tuần sau", "ngày mai"): that day when it is
    offered, else why not and the days that are; never leaves the booking for a date."""
    text = msg.text or ""
    day = ahead.day_in(ctx, text)  # not the phone or a name ("Đỗ Thị Mai")
    chosen = await daywords.day_word(ctx, text) if day is None else None  # "sớm nhất", "sáng"
    if isinstance(chosen, str):  # "chiều" when no offered day has an afternoon time
        return ahead.kept_step(ctx, ctx.data, {}, "day", chosen)
    if isinstance(chosen, daywords.PartDays):  # "sáng" alone: which day, of those with one
        return await daywords.which_day(msg, ctx, chosen)
    if chosen is not None:
        return await _day(msg, ctx, chosen[0], chosen[1], propose=True)
    note = tn.other_ward_note(ctx, form.current(ctx), text) if day is None else None
    note = note or (tn.own_ward_note(ctx, form.current(ctx), text) if day is None else None)
    if note is not None:  # "phường Cao Lãnh" while the programme works in Mỹ Ngãi
        return ahead.kept_step(ctx, ctx.data, {}, "day", note)
    if day is None and role_of(text) == YES:  # "đồng ý" with no day proposed
        return offer.needs_day(ctx)
    if day is None:
        return await ahead.ahead_or_unclear(ctx, text, "day")
    start = parse_time(text)  # "thứ 3 tuần sau lúc 8 giờ rưỡi": that day and time at once
    if start is not None:
        return await _slot(msg, ctx, day, start)
    return await _day(msg, ctx, day, ahead.part_of_day(text, loose=True))


async def _slot(msg: Incoming, ctx: Context, day: dt.date, start: str) -> Step:
    programme = form.current(ctx)
    if programme is None:
        return await form.old_button(msg, ctx)
    data = {k: v for k, v in ctx.data.items() if k not in ("done", "at")}
    taken = await view.counts(ctx, programme)
    problem = sl.slot_problem(view.programmes(ctx), programme, day, start, ctx.now(), taken)
    if problem == "full":
        text = ctx.t("booking.slot_full_now", start=start, date=view.fmt_date(day))
        return await view.alternatives_step(ctx, programme, data, text, after=(day, start))
    if problem == "no_such_slot" and ahead.outside_hours(programme, day, start):
        return await _day(msg, ctx, day, note=ahead.hours_note(ctx, programme, day, start))
    if problem == "no_such_slot":
        free = sl.free_slots(view.programmes(ctx), programme, day, ctx.now(), taken)
        if free:  # "2 giờ chiều" between 13:30 and 14:30: not offered, the nearest are
            return view.not_offered_step(ctx, programme, data, (day, start), free)
    if problem in ("too_soon", "no_such_slot"):
        return await view.alternatives_step(ctx, programme, data, _explain(ctx, problem, day))
    if problem:
        return await view.dates_step(ctx, programme, data, note=_explain(ctx, problem, day))
    if data.pop("offer", None) == f"{day}_{start}" and data.get("name") and data.get("phone"):
        data.setdefault("need", None)  # the time proposed, taken with the form typed ahead
    data.update(d=day.isoformat(), s=start)
    if data.get("mv"):
        return mine.move_confirm_step(ctx, data)
    return form.next_missing(ctx, programme, data)


slot_step = _slot  # one time of a day taken (the review screen's "đổi sang 9 giờ")


async def choose_slot(msg: Incoming, ctx: Context) -> Step:
    """``bk:slot:<YYYY-MM-DD>_<HH:MM>``."""
    parsed = sl.parse_key(ctx.arg.strip())
    if parsed is None:
        return await form.old_button(msg, ctx)
    return await _slot(msg, ctx, *parsed)


async def typed_slot(msg: Incoming, ctx: Context) -> Step:
    """A typed time ("8:30", "8h30", "2 giờ chiều") for the day being chosen, or another day."""
    text = msg.text or ""
    start = parse_time(text, ctx.data.get("part") if ctx.data.get("part") == "chieu" else None)
    if start is not None and ctx.data.get("d"):
        return await _slot(msg, ctx, dt.date.fromisoformat(ctx.data["d"]), start)
    day = ahead.day_in(ctx, text)  # not the phone or a name ("Đỗ Thị Mai")
    if day is not None:
        return await _day(msg, ctx, day)
    if early_morning.asked(text) and ctx.data.get("d"):  # "sáng sớm": the first hour's times
        day = dt.date.fromisoformat(ctx.data["d"])
        early = await early_morning.early_step(ctx, day)
        return early or await _day(msg, ctx, day, "sang", propose=True)
    part = ahead.part_of_day(text)
    if (part is not None or daywords.earliest(text)) and ctx.data.get("d"):
        return await _day(msg, ctx, dt.date.fromisoformat(ctx.data["d"]), part, propose=True)
    if role_of(text) == YES:  # "xác nhận" to the time proposed takes it; else one is needed
        proposed = sl.parse_key(offer.offered_key(ctx.data))
        return await _slot(msg, ctx, *proposed) if proposed else offer.needs_time(ctx)
    programme = form.current(ctx)
    note = tn.own_ward_note(ctx, programme, text) or tn.other_ward_note(ctx, programme, text)
    if note is not None:  # "cao lãnh" at the times: where the programme works, times kept
        return ahead.kept_step(ctx, ctx.data, {}, "slot", note)
    return await ahead.ahead_or_unclear(ctx, text, "slot")
