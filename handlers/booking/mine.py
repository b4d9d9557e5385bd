"""The "Lịch hẹn của tôi" part of booking: list, cancel and move this chat's bookings.

Only bookings made from this chat are found: someone else's code gets the same polite "không
tìm thấy" as a code that does not exist, so codes cannot be probed. Cancel asks first; the
cancel and move buttons are idempotent (a second tap reports what was already done).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.answers import NO, STOP, split_role
from handlers.booking import views as view
from handlers.booking.form import old_button
from handlers.booking.input import find_code
from handlers.booking.reminders import schedule_reminders
from handlers.booking.resume import wants_resume
from handlers.booking.slots import starts_at
from handlers.common import elsewhere
from handlers.context import Context
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold


def _fields(ctx: Context, record: Any) -> dict[str, str]:
    programme = view.programmes(ctx).get(record.programme_id)
    name = programme.name if programme else record.programme_id
    place = view.place_text(programme) if programme else ""
    if programme is None:
        times = {
            "weekday": view.weekday(ctx, record.slot_date),
            "date": view.fmt_date(record.slot_date),
            "start": record.slot_start,
            "end": "",
        }
    else:
        times = view.when(ctx, programme, record.slot_date, record.slot_start)
    return {"code": record.code, "programme": name, "place": place, **times}


def _not_found(ctx: Context, code: str) -> Step:
    rows = [
        [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step([Reply.make(ctx.t("booking.not_found", code=code or "?"), rows)])


def _is_past(ctx: Context, record: Any) -> bool:
    return starts_at(record.slot_date, record.slot_start) <= ctx.now()


def _actions(ctx: Context, code: str) -> list[Button]:
    return [
        Button(ctx.t("booking.btn_move", code=code), f"bk:move:{code}"),
        Button(ctx.t("booking.btn_cancel", code=code), f"bk:cancel:{code}"),
    ]


async def show_mine(msg: Incoming, ctx: Context) -> Step:
    """``bk:mine``: the chat's upcoming bookings, each with move/cancel buttons."""
    records = await ctx.repos.bookings.upcoming_for_chat(msg.channel, msg.chat_id, view.today(ctx))
    records = [r for r in records if not _is_past(ctx, r)]
    new = [Button(ctx.t("booking.btn_new"), "bk:start:")]
    if not records:
        rows = [new, [Button(ctx.t("menu.btn_home"), "mn:menu")]]
        return Step([Reply.make(ctx.t("booking.mine_empty"), rows)], "booking:mine", {})
    # one message: text channels number the buttons of the last reply only
    items = [ctx.t("booking.mine_item", **_fields(ctx, r)) for r in records[:8]]
    text = "\n\n".join([ctx.t("booking.mine_title"), *items])
    rows = [_actions(ctx, r.code) for r in records[:8]] + [new]
    replies = [Reply.make(text, rows)]
    return Step(replies, "booking:mine", {})


async def change_typed(msg: Incoming, ctx: Context, action: str) -> Step:
    """ "hủy lịch" / "đổi lịch" typed without a code: with one upcoming booking, straight to
    its cancel question or its new days; with several (or none), the list to choose from."""
    records = await ctx.repos.bookings.upcoming_for_chat(msg.channel, msg.chat_id, view.today(ctx))
    records = [r for r in records if not _is_past(ctx, r)]
    if len(records) != 1:
        return await show_mine(msg, ctx)
    ctx.arg = records[0].code
    return await (ask_cancel(msg, ctx) if action == "cancel" else start_move(msg, ctx))


async def show_one(msg: Incoming, ctx: Context, code: str) -> Step:
    """One booking of this chat found by its typed code."""
    record = await ctx.repos.bookings.get_for_chat(code, msg.channel, msg.chat_id)
    if record is None:
        return _not_found(ctx, code)
    if record.status == "cancelled":
        return Step([Reply(ctx.t("booking.already_cancelled", code=code))])
    if _is_past(ctx, record):
        return Step([Reply(ctx.t("booking.is_past", code=code))])
    text = ctx.t("booking.mine_item", **_fields(ctx, record))
    return Step([Reply.make(text, [_actions(ctx, code)])], "booking:mine", {})


async def typed_in_mine(msg: Incoming, ctx: Context) -> Step:
    """Text while looking at "Lịch hẹn của tôi": a booking code shows that booking; "thôi
    giữ lại", "không" say plainly that every booking stands."""
    code = find_code(msg.text or "")
    if code is not None:
        return await show_one(msg, ctx, code)
    role, rest = split_role(msg.text or "")
    if role in (NO, STOP) or "giu" in rest or fold(msg.text or "").startswith("giu"):
        rows = [[Button(ctx.t("menu.btn_home"), "mn:menu")]]
        return Step([Reply.make(ctx.t("booking.all_kept"), rows)], "booking:mine", {})
    return Step(unhandled=True)


async def _active_booking(msg: Incoming, ctx: Context) -> tuple[str, Any, Step | None]:
    """This chat's booking named in the payload, or the answer when it can't be changed
    (unknown or someone else's code: the same "not found"; cancelled; already past)."""
    code = ctx.arg.strip().upper()
    record = await ctx.repos.bookings.get_for_chat(code, msg.channel, msg.chat_id)
    if record is None:
        return code, None, _not_found(ctx, code)
    if record.status == "cancelled":
        return code, record, Step([Reply(ctx.t("booking.already_cancelled", code=code))])
    if record.status != "booked" or _is_past(ctx, record):
        return code, record, Step([Reply(ctx.t("booking.is_past", code=code))])
    return code, record, None


async def ask_cancel(msg: Incoming, ctx: Context) -> Step:
    """``bk:cancel:<code>``: check it is this chat's and ask to confirm."""
    code, record, refusal = await _active_booking(msg, ctx)
    if refusal is not None:
        return refusal
    return Step(
        [Reply.make(ctx.t("booking.cancel_ask", **_fields(ctx, record)), _cancel_rows(ctx, code))],
        "booking:confirm_cancel",
        {"code": code},
    )


def _cancel_rows(ctx: Context, code: str) -> list[list[Button]]:
    return [
        [Button(ctx.t("booking.btn_cancel_yes"), f"bk:cancelok:{code}", "yes")],
        [Button(ctx.t("booking.btn_keep"), f"bk:keep:{code}", "no")],
    ]


async def typed_at_cancel(msg: Incoming, ctx: Context) -> Step:
    """Text at "chắc chắn muốn hủy?" that is neither yes ("hủy", "đồng ý", "ừ hủy đi") nor no
    (those press the buttons): a new question leaves (the engine adds that the booking still
    stands); anything else says so plainly and asks again."""
    code = str(ctx.data.get("code", ""))
    if wants_resume(msg.text or ""):  # "thôi không hủy nữa": the booking is kept
        ctx.arg = code
        return await keep_booking(msg, ctx)
    if elsewhere(ctx, msg.text or ""):
        return Step(unhandled=True)
    return Step([Reply.make(ctx.t("booking.cancel_pending", code=code), _cancel_rows(ctx, code))])


async def keep_booking(msg: Incoming, ctx: Context) -> Step:
    """``bk:keep:<code>`` ("Giữ lịch hẹn", or "không"/"thôi" typed at a confirmation): say
    plainly that the booking stands, as it was."""
    code, record, refusal = await _active_booking(msg, ctx)
    if refusal is not None:
        return refusal
    rows = [
        [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step(
        [Reply.make(ctx.t("booking.kept", **_fields(ctx, record)), rows)], "booking:mine", {}
    )


async def do_cancel(msg: Incoming, ctx: Context) -> Step:
    """``bk:cancelok:<code>``: cancel; pressing it again says it is already cancelled."""
    code, record, refusal = await _active_booking(msg, ctx)
    if refusal is not None:
        return refusal
    await ctx.repos.bookings.cancel(code, msg.channel, msg.chat_id, ctx.now())
    rows = [
        [Button(ctx.t("booking.btn_new"), "bk:start:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step([Reply.make(ctx.t("booking.cancelled", code=code), rows)], "booking:mine", {})


async def start_move(msg: Incoming, ctx: Context) -> Step:
    """``bk:move:<code>``: offer other days of the same programme."""
    code = ctx.arg.strip().upper()
    record = await ctx.repos.bookings.get_for_chat(code, msg.channel, msg.chat_id)
    if record is None:
        return _not_found(ctx, code)
    if record.status == "cancelled":
        return Step([Reply(ctx.t("booking.already_cancelled", code=code))])
    programme = view.programmes(ctx).get(record.programme_id)
    if programme is None or record.status != "booked" or _is_past(ctx, record):
        return Step([Reply(ctx.t("booking.is_past", code=code))])
    data = {
        "p": programme.id,
        "code": code,  # what the engine names if the chat leaves the move unconfirmed
        "mv": code,
        "mv_d": record.slot_date.isoformat(),
        "mv_s": record.slot_start,
    }
    intro = [Reply(ctx.t("booking.move_intro", **_fields(ctx, record)))]
    return await view.dates_step(ctx, programme, data, intro=intro)


def move_confirm_step(ctx: Context, data: dict[str, Any]) -> Step:
    """Old and new time side by side with "Xác nhận đổi"."""
    programme = view.programmes(ctx).get(data["p"])
    assert programme is not None
    old_day, new_day = dt.date.fromisoformat(data["mv_d"]), dt.date.fromisoformat(data["d"])

    def label(day: dt.date, start: str) -> str:
        return ctx.t(
            "booking.next_slot_label",
            weekday=view.weekday(ctx, day),
            date=view.fmt_date(day),
            start=start,
        )

    text = ctx.t(
        "booking.move_summary",
        code=data["mv"],
        old=label(old_day, data["mv_s"]),
        new=label(new_day, data["s"]),
    )
    rows = [
        [Button(ctx.t("booking.btn_move_yes"), "bk:moveok:", "yes")],
        [Button(ctx.t("booking.btn_other_time"), f"bk:move:{data['mv']}")],
        [Button(ctx.t("booking.btn_keep"), f"bk:keep:{data['mv']}", "no")],
    ]
    return Step([Reply.make(text, rows)], "booking:confirm_move", data)


async def do_move(msg: Incoming, ctx: Context) -> Step:
    """``bk:moveok``: move in one transaction; idempotent; a full target offers others."""
    data = dict(ctx.data) if ctx.state.flow == "booking" else {}
    if data.get("moved"):
        day = dt.date.fromisoformat(data["d"])
        return Step(
            [
                Reply(
                    ctx.t(
                        "booking.already_moved",
                        code=data["moved"],
                        weekday=view.weekday(ctx, day),
                        date=view.fmt_date(day),
                        start=data["s"],
                    )
                )
            ]
        )
    programme = view.programmes(ctx).get(str(data.get("p", "")))
    if programme is None or ctx.state.step != "confirm_move" or not data.get("mv"):
        return await old_button(msg, ctx)
    day, start = dt.date.fromisoformat(data["d"]), data["s"]
    if view.sl.slot_problem(view.programmes(ctx), programme, day, start, ctx.now(), {}):
        return await view.alternatives_step(ctx, programme, data, ctx.t("booking.slot_gone"))
    record = await ctx.repos.bookings.move(
        data["mv"], msg.channel, msg.chat_id, day, start, programme.capacity, ctx.now()
    )
    if record is None:
        existing = await ctx.repos.bookings.get_for_chat(data["mv"], msg.channel, msg.chat_id)
        if existing is None or existing.status != "booked":
            return _not_found(ctx, data["mv"])
        text = ctx.t("booking.slot_full_now", start=start, date=view.fmt_date(day))
        return await view.alternatives_step(ctx, programme, data, text, after=(day, start))
    await schedule_reminders(ctx, record, programme)
    text = ctx.t(
        "booking.moved",
        code=record.code,
        **view.when(ctx, programme, record.slot_date, record.slot_start),
    )
    rows = [
        [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
        [Button(ctx.t("menu.btn_home"), "mn:menu")],
    ]
    return Step(
        [Reply.make(text, rows)],
        "booking:done",
        {"moved": record.code, "p": programme.id, "d": data["d"], "s": start},
    )
