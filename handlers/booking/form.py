"""Booking form: full name -> mobile -> address (at-home help) -> need -> confirm -> code.

The state data holds what was given so far; ``next_missing`` asks the first missing item, so
any path (a fresh booking, a slot offered after the wanted one filled up) ends at the same
confirmation. Confirmation is idempotent: after a booking the chat sits in ``booking:done``
with the code in its data, and a second tap on "Xác nhận" only repeats the code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers import answers, common
from handlers.booking import input as bi
from handlers.booking import views as view
from handlers.booking.reminders import schedule_reminders
from handlers.context import Context
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold
from knowledge.programmes import Programme

MAX_PHONE_TRIES = 3


def procedure_name(ctx: Context, code: str) -> str:
    """Citizen-facing name of a procedure code (the code itself when unknown)."""
    kb = ctx.services.kb
    proc = kb.get(code) if kb is not None else None
    return proc.display_name if proc is not None else code


def current(ctx: Context) -> Programme | None:
    """The programme of the booking in progress, if the chat is in one."""
    if ctx.state.flow != "booking":
        return None
    return view.programmes(ctx).get(str(ctx.data.get("p", "")))


def next_missing(ctx: Context, programme: Programme, data: dict[str, Any]) -> Step:
    """Ask for the first missing item, or show the confirmation when nothing is missing."""
    stop = [view.stop_row(ctx)]
    if not data.get("name"):
        return Step([Reply.make(ctx.t("booking.ask_name"), stop)], "booking:ask_name", data)
    if not data.get("phone"):
        return Step([Reply.make(ctx.t("booking.ask_phone"), stop)], "booking:ask_phone", data)
    if programme.needs_address and not data.get("addr"):
        text = ctx.t("booking.ask_address", area=programme.area or programme.unit)
        return Step([Reply.make(text, stop)], "booking:ask_address", data)
    if "need" not in data:
        codes = programme.procedures[:6] if ctx.services.kb is not None else []
        rows = [[Button(procedure_name(ctx, c)[:60], f"bk:need:{c}")] for c in codes]
        rows.append([Button(ctx.t("booking.btn_skip"), "bk:need:", "no")])
        rows.extend(stop)
        return Step([Reply.make(ctx.t("booking.ask_need"), rows)], "booking:ask_need", data)
    return confirm_step(ctx, programme, data)


def confirm_step(ctx: Context, programme: Programme, data: dict[str, Any]) -> Step:
    """The summary, with the name and phone masked, and the "Xác nhận" button."""
    day = dt.date.fromisoformat(data["d"])
    lines = [
        ctx.t(
            "booking.summary",
            programme=programme.name,
            place=view.place_text(programme),
            name=bi.mask_name(data["name"]),
            phone=bi.mask_phone(data["phone"]),
            **view.when(ctx, programme, day, data["s"]),
        )
    ]
    if data.get("addr"):
        lines.append(ctx.t("booking.summary_address", address=data["addr"]))
    if data.get("need"):
        lines.append(ctx.t("booking.summary_need", need=data["need"]))
    lines.append(ctx.t("booking.summary_end"))
    rows = [
        [Button(ctx.t("booking.btn_confirm"), "bk:confirm:", "yes")],
        [Button(ctx.t("booking.btn_other_time"), f"bk:prog:{programme.id}")],
        view.stop_row(ctx),
    ]
    return Step([Reply.make("\n".join(lines), rows)], "booking:confirm", data)


async def ask_name(msg: Incoming, ctx: Context) -> Step:
    """Full name of the person coming."""
    programme = current(ctx)
    if programme is None:
        return Step(unhandled=True)
    name = bi.clean_name(msg.text or "")
    phone = bi.parse_mobile(msg.text or "") if name is None else None
    if phone is not None:  # the phone typed first: kept, and the name asked again
        said = ctx.t("booking.kept_phone", phone=bi.mask_phone(phone))
        text = f"{said} {ctx.t('booking.ask_name')}"
        return Step([Reply.make(text, [view.stop_row(ctx)])], data={**ctx.data, "phone": phone})
    if name is None:
        return Step([Reply.make(ctx.t("booking.name_invalid"), [view.stop_row(ctx)])])
    return next_missing(ctx, programme, {**ctx.data, "name": name})


async def ask_phone(msg: Incoming, ctx: Context) -> Step:
    """Mobile number; after three invalid tries offer to stop or call the office."""
    programme = current(ctx)
    if programme is None:
        return Step(unhandled=True)
    phone = bi.parse_mobile(msg.text or "")
    if phone is not None:
        data = {k: v for k, v in ctx.data.items() if k != "tries"}
        return next_missing(ctx, programme, {**data, "phone": phone})
    tries = int(ctx.data.get("tries", 0)) + 1
    data = {**ctx.data, "tries": tries}
    if tries < MAX_PHONE_TRIES:
        return Step([Reply.make(ctx.t("booking.phone_invalid"), [view.stop_row(ctx)])], data=data)
    rows = [
        [Button(ctx.t("booking.btn_retry_phone"), "bk:phone:")],
        view.stop_row(ctx),
        [Button(ctx.t("booking.btn_contact"), "mn:contact")],
    ]
    return Step([Reply.make(ctx.t("booking.phone_give_up"), rows)], data=data)


async def retry_phone(msg: Incoming, ctx: Context) -> Step:
    """``bk:phone``: ask the number again with a fresh count."""
    programme = current(ctx)
    if programme is None:
        return await old_button(msg, ctx)
    data = {k: v for k, v in ctx.data.items() if k not in ("tries", "phone")}
    return next_missing(ctx, programme, data)


async def ask_address(msg: Incoming, ctx: Context) -> Step:
    """Home address for at-home help."""
    programme = current(ctx)
    if programme is None:
        return Step(unhandled=True)
    address = bi.clean_address(msg.text or "")
    if address is None:
        return Step([Reply.make(ctx.t("booking.address_invalid"), [view.stop_row(ctx)])])
    return next_missing(ctx, programme, {**ctx.data, "addr": address})


# "hủy lịch vừa đặt", "thôi không đặt nữa" typed where the need is asked: a stop, not a task
# (``handlers.booking.resume.need_or_stop``; QA pass 10, q20)
_STOP_SAID = re.compile(
    r"^(?:thoi |cho (?:em|toi|minh) )?(?:huy|dung|ngung|khong dat|ko dat|k dat|bo)"
    r"(?: (?:lich|lich hen|dat lich|viec dat lich|vua dat|nay|do|nua|lai|nhe|nha|di|luon|a))*$"
)


def stop_said(text: str) -> bool:
    """Whether a text typed at the need step asks to stop the booking."""
    return bool(_STOP_SAID.match(" ".join(fold(text or "").split())))


async def ask_need(msg: Incoming, ctx: Context) -> Step:
    """Optional need typed as free text."""
    programme = current(ctx)
    if programme is None:
        return Step(unhandled=True)
    if answers.role_of(msg.text or ""):  # "chắc chắn", "ok", "không": no task named, skipped
        return next_missing(ctx, programme, {**ctx.data, "need": None})
    return next_missing(ctx, programme, {**ctx.data, "need": bi.clean_need(msg.text or "")})


async def choose_need(msg: Incoming, ctx: Context) -> Step:
    """``bk:need:<code>`` (a listed procedure) or ``bk:need:`` (skip)."""
    programme = current(ctx)
    if programme is None or ctx.state.step != "ask_need":
        return await old_button(msg, ctx)
    code = ctx.arg.strip()
    need = procedure_name(ctx, code) if code in programme.procedures else None
    return next_missing(ctx, programme, {**ctx.data, "need": need})


async def confirm(msg: Incoming, ctx: Context) -> Step:
    """``bk:confirm``: book the seat; a double tap repeats the code, a full slot offers the
    next free ones."""
    if ctx.state.flow == "booking" and ctx.data.get("done"):
        rows = [
            [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
            [Button(ctx.t("menu.btn_home"), "mn:menu")],
        ]
        return Step([Reply.make(ctx.t("booking.already_booked", code=ctx.data["done"]), rows)])
    programme = current(ctx)
    data = dict(ctx.data)
    if programme is None or ctx.state.step != "confirm" or not data.get("phone"):
        return await old_button(msg, ctx)
    day, start = dt.date.fromisoformat(data["d"]), data["s"]
    problem = view.sl.slot_problem(view.programmes(ctx), programme, day, start, ctx.now(), {})
    if problem:
        return await view.alternatives_step(ctx, programme, data, ctx.t("booking.slot_gone"))
    record = await ctx.repos.bookings.book(
        programme_id=programme.id,
        slot_date=day,
        slot_start=start,
        capacity=programme.capacity,
        channel=msg.channel,
        chat_id=msg.chat_id,
        full_name=data["name"],
        phone=data["phone"],
        address=data.get("addr"),
        need=data.get("need"),
        now=ctx.now(),
        ward_code=programme.ward or None,
    )
    if record is None:
        text = ctx.t("booking.slot_full_now", start=start, date=view.fmt_date(day))
        return await view.alternatives_step(ctx, programme, data, text, after=(day, start))
    await schedule_reminders(ctx, record, programme)
    return Step(
        booked_replies(ctx, programme, record, data),
        "booking:done",
        {"done": record.code, "p": programme.id},
    )


def booked_replies(
    ctx: Context, programme: Programme, record: Any, data: dict[str, Any]
) -> list[Reply]:
    """The success message: code, time, place, map link, what to bring."""
    lines = [
        ctx.t(
            "booking.booked",
            code=record.code,
            programme=programme.name,
            place=view.place_text(programme),
            map_url=programme.place.map_url,
            **view.when(ctx, programme, record.slot_date, record.slot_start),
        )
    ]
    if programme.needs_address:
        lines.append(ctx.t("booking.booked_home", phone=bi.mask_phone(record.phone)))
    if programme.bring:
        lines.append(ctx.t("booking.bring", bring=programme.bring))
    rows = [
        [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return [Reply.make("\n".join(lines), rows)]


async def old_button(msg: Incoming, ctx: Context) -> Step:
    """A booking button from a conversation that has moved on."""
    return common.old_button(ctx)
