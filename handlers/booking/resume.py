"""A booking stopped half-way keeps its draft, and "không hủy nữa" takes it up again.

"thôi không đặt nữa", "dừng" or "Dừng đặt lịch" in the middle of a booking stop it (nothing
is booked), but citizens change their minds at once: "thôi không hủy nữa", "khong huy nua",
"đặt tiếp". The stop rests in ``booking:stopped`` with what was chosen and typed (programme,
day, time, name, phone...), offers "Tiếp tục đặt lịch", and a resume goes back to the step
it left, saying truthfully whether any booking exists. Anything else typed there is routed
afresh (the draft goes with it), as at the menu.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from handlers.answers import YES, split_role
from handlers.booking import form
from handlers.booking import input as bi
from handlers.booking import views as view
from handlers.common import back_to_menu, menu_button_rows
from handlers.context import Context
from handlers.plain_asks import bookings_asked
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold

DRAFT = ("p", "d", "s", "name", "phone", "addr", "need", "part", "offer", "want", "wpart")
RESUMABLE = frozenset(
    "choose_day choose_slot ask_name ask_phone ask_address ask_need confirm".split()
)
_RESUME = re.compile(
    r"^(?:thoi\s+|da\s+|a\s+|khoan\s+|thoi khoan\s+)?(?:khong|ko|k|kh|hong|hok|dung)\s+"
    r"(?:huy|dung|bo|ngung)"
    r"(?:\s+(?:lich|hen|lich hen|dat lich|viec dat lich|nua|nha|nhe|a|dau|roi))*$"
    r"|^(?:thoi\s+|(?:khong|ko)\s+(?=em|toi|minh))?(?:cho\s+)?(?:toi\s+|em\s+|minh\s+)?"
    r"(?:tiep tuc|dat tiep|lam tiep|dat lich tiep|tiep)"
    r"(?:\s+(?:dat lich|di|nha|nhe|a|giup|gium|em|voi))*$"
    r"|^(?:don t|dont|do not)\s+cancel(?:\s+it)?$|^(?:continue|go on|resume)(?:\s+booking)?$"
)


def wants_resume(text: str) -> bool:
    """ "thôi không hủy nữa", "khong huy nua", "không dừng", "đặt tiếp", "tiếp tục"."""
    return bool(_RESUME.match(" ".join(fold(text or "").split())))


def stopped(ctx: Context, key: str) -> Step:
    """Stop the booking in progress (``key``: what is said), keeping its draft for a resume;
    with nothing in progress, back to the menu."""
    step = ctx.state.step if ctx.state.flow == "booking" else ""
    if step not in RESUMABLE or not ctx.data.get("p") or ctx.data.get("mv"):
        return back_to_menu(ctx, key)
    draft = {k: ctx.data[k] for k in DRAFT if k in ctx.data}
    rows = [[Button(ctx.t("booking.btn_resume"), "bk:resume:")], *menu_button_rows(ctx.locale)]
    text = f"{ctx.t(key)}\n{ctx.t('booking.stopped_draft')}"
    return Step([Reply.make(text, rows)], "booking:stopped", {**draft, "stopped": step})


# words that really stop; a typed text that pressed "Dừng đặt lịch" without one of them
# ("đặt lịch", "booking") matched the label's other words: the citizen wants to book
_STOP_WORDS = frozenset(
    "dung thoi huy ngung stop bo khong ko k kh hong thoat cancel quit exit no".split()
)


_BOOK_WORDS = frozenset("dat lich hen book booking appointment".split())


def _asks_to_book(typed: str | None) -> bool:
    words = set(fold(typed or "").split())
    return bool(_BOOK_WORDS & words) and not _STOP_WORDS & words


async def need_or_stop(msg: Incoming, ctx: Context) -> Step:
    """The need step: "hủy lịch vừa đặt" stops (nothing is booked yet, the draft kept for
    "Tiếp tục"); anything else is the need (``form.ask_need``)."""
    if form.stop_said(msg.text or ""):
        return stopped(ctx, "booking.left_typed")
    return await form.ask_need(msg, ctx)


async def stop(msg: Incoming, ctx: Context) -> Step:
    """Entry ``stop`` (the menu's "Dừng" while booking): stopped, the draft kept. "đặt lịch"
    typed there (it holds the stop button's words) never stops: the booking goes on."""
    if _asks_to_book(ctx.typed):
        return await _carry_on(msg, ctx)
    return stopped(ctx, "booking.left_typed")


async def _carry_on(msg: Incoming, ctx: Context) -> Step:
    """The booking in progress shown again where it is; from the programme list (or with
    nothing chosen yet) the booking starts again."""
    data, step = dict(ctx.data), ctx.state.step
    if data.get("mv"):
        step_out = await ctx.start("booking", "move", str(data["mv"]))
    elif step in RESUMABLE and data.get("p"):
        step_out = await _back_to(ctx, data, step)
    else:
        step_out = await ctx.start("booking", "start", "")
    step_out.replies.insert(0, Reply(ctx.t("booking.still_booking")))
    return step_out


async def _held(ctx: Context) -> str:
    """What truthfully stands: no booking, or the chat's upcoming ones (kept)."""
    msg = ctx.msg
    records = await ctx.repos.bookings.upcoming_for_chat(msg.channel, msg.chat_id, view.today(ctx))
    if not records:
        return ctx.t("booking.resume_none")
    return ctx.t("booking.resume_has", codes=", ".join(r.code for r in records[:3]))


def _kept_line(ctx: Context, data: dict[str, Any]) -> str:
    parts = []
    if data.get("d") and data.get("s"):
        day = dt.date.fromisoformat(data["d"])
        parts.append(f"{data['s']} {view.weekday(ctx, day)} {view.fmt_date(day)}")
    if data.get("name"):
        parts.append(bi.mask_name(data["name"]))
    if data.get("phone"):
        parts.append(bi.mask_phone(data["phone"]))
    return ctx.t("booking.resume_kept", kept=", ".join(parts)) if parts else ""


async def resume(msg: Incoming, ctx: Context) -> Step:
    """``bk:resume`` / "không hủy nữa" after a stop: back where the booking was."""
    if ctx.state.name != "booking:stopped":
        return await form.old_button(msg, ctx)
    data = {k: v for k, v in ctx.data.items() if k != "stopped"}
    if view.programmes(ctx).get(str(data.get("p", ""))) is None:
        return await form.old_button(msg, ctx)
    step = await _back_to(ctx, data, str(ctx.data.get("stopped", "")))
    lead = f"{ctx.t('booking.resume_lead')} {await _held(ctx)}"
    kept = _kept_line(ctx, data)
    step.replies.insert(0, Reply(f"{lead} {kept}".strip()))
    return step


async def _back_to(ctx: Context, data: dict[str, Any], was: str) -> Step:
    """The step ``was`` of the booking drafted in ``data`` (its programme known), asked again."""
    ctx.state.data = data
    programme = form.current(ctx)
    assert programme is not None
    if was == "choose_day" or (was == "choose_slot" and not data.get("d")):
        return await view.dates_step(ctx, programme, data)
    if was == "choose_slot":
        return await ctx.start("booking", "day", str(data["d"]))
    return form.next_missing(ctx, programme, data)


async def typed_stopped(msg: Incoming, ctx: Context) -> Step:
    """Text right after a stop: "không hủy nữa" resumes; anything else is routed afresh."""
    if wants_resume(msg.text or ""):
        return await resume(msg, ctx)
    if confirms_stop(msg.text or ""):  # "đúng rồi hủy", "ừ bỏ luôn": the draft is dropped
        rows = menu_button_rows(ctx.locale)
        return Step([Reply.make(ctx.t("booking.draft_dropped"), rows)], "menu:idle", {})
    if bookings_asked(msg.text or ""):  # "vậy là tôi chưa có lịch nào hả": true, draft kept
        rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
        return Step([Reply.make(f"{await _held(ctx)} {ctx.t('booking.stopped_draft')}", rows)])
    return Step(unhandled=True)


_DROP_WORDS = frozenset("huy bo dung thoi khoi cancel drop".split())


def confirms_stop(text: str) -> bool:
    """ "đúng rồi, hủy", "ừ hủy đi", "hủy luôn", "bỏ luôn" right after a stop: it stands (a
    bare "có" or "ok" drops nothing: no question was asked)."""
    role, rest = split_role(text)
    words = set(rest) if role else set(fold(text).split())
    fill = {"di", "luon", "nha", "nhe", "a", "roi", "lich", "hen", "do", "het", "giup", "em"}
    if role not in ("", YES):
        return False
    return bool(words & {"huy", "bo"}) and not (words - _DROP_WORDS - fill)


async def nothing_cancelled(msg: Incoming, ctx: Context) -> Step:
    """ "thôi không hủy nữa" with no booking being made or cancelled: what stands."""
    rows = [[Button(ctx.t("booking.btn_mine"), "bk:mine:")], *menu_button_rows(ctx.locale)]
    text = f"{ctx.t('booking.nothing_cancelled')} {await _held(ctx)}"
    return Step([Reply.make(text, rows)], "menu:idle", {})
