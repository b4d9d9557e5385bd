"""A booking asked for in free text: the opening message, a reschedule, two needs at once.

"đặt lịch", "hẹn ngày không viết", "hủy lịch LH-7K3Q" open the booking as before; help
asked for as a need ("muốn nhờ cán bộ xuống nhà giúp làm hồ sơ", "muốn được hướng dẫn nộp
hồ sơ online", ``knowledge.support_needs``) offers the programmes of that kind, and "mai"
opening it is tomorrow. "đổi sang tuần sau", "dời lịch sang thứ 3 tuần sau" with a booking
move it: the booking is picked (asked when there are several), and the day said is applied
to the move (its times offered), else the programme's days. A procedure question with the
booking ("muốn hỏi thủ tục khai tử rồi đặt lịch nhờ cán bộ viết giúp") gets the procedure's
card, whose "Đặt lịch hỗ trợ" button keeps the booking one tap away, with a line saying so.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.booking import changes, early, mine, resume, steps
from handlers.booking import views as view
from handlers.booking.input import find_code
from handlers.context import Context
from handlers.types import Incoming, Reply, Step
from knowledge.normalize import fold
from knowledge.support_needs import kind_of, tomorrow_said

# the message also asks about the procedure itself, not only for help with it
_ASKS_PROCEDURE = re.compile(
    r"\bhoi (?:ve |qua |them )?(?:thu tuc|ho so|giay to|cach lam)\b"
    r"|\bthu tuc\b.*\b(?:the nao|ra sao|nhu nao|gi|bao lau|bao nhieu)\b"
    r"|\bcan (?:giay to|nhung|mang) (?:gi|nhung gi)\b|\ble phi\b"
)
_NEXT_WEEK = re.compile(r"\btuan (?:sau|toi)\b(?! nua)")
# "đổi sang", "dời qua": "sang" there is no "sáng" (morning)
_MOVE_TO = re.compile(
    r"\b((?:đổi|dời|doi|chuyển|chuyen|lùi|lui|hoãn|hoan)(?:\s+(?:lịch|lich|hẹn|hen)){0,2})"
    r"\s+(?:sang|qua)\b",
    re.I,
)


async def from_text(msg: Incoming, ctx: Context) -> Step:
    """Intent ``booking``: "đặt lịch", "hẹn ngày không viết", "hủy lịch LH-7K3Q"..."""
    text = msg.text or ""
    code = find_code(text)
    if code:
        return await mine.show_one(msg, ctx, code)
    if resume.wants_resume(text):  # "thôi không hủy nữa" with nothing being cancelled
        return await resume.nothing_cancelled(msg, ctx)
    action = changes.change_of(text)  # "hủy lịch", "đổi giờ", "dời sang tuần sau"
    if action:
        return await change_typed(msg, ctx, action)
    if changes.mine_asked(text):
        return await mine.show_mine(msg, ctx)
    said = early.said(ctx, text)  # "sáng thứ năm tuần sau" in the opening message
    kind = kind_of(text)
    if kind is not None and "want" not in said and tomorrow_said(text):
        said["want"] = (view.today(ctx) + dt.timedelta(days=1)).isoformat()
    result = ctx.result
    matches = getattr(result, "matches", None) or []
    need = (
        matches[0]
        if matches
        and view.clear_need(getattr(result, "band", ""), matches)
        and not early.support_only(text, matches[0].name)
        else None
    )
    if need is not None and _ASKS_PROCEDURE.search(fold(text)):  # the question first
        return await _card_then_booking(ctx, need.code, need.name)
    programme = view.named(ctx, text, await ctx.ward())
    if programme is not None:
        return await steps.open_programme(ctx, programme, said)
    args = [early.as_arg(said), f"kind={kind}" if kind else ""]
    if need is not None:
        args.insert(0, f"need={need.code}")
    ctx.arg = "&".join(a for a in args if a)
    return await steps.start(msg, ctx)


async def _card_then_booking(ctx: Context, code: str, name: str) -> Step:
    card = await ctx.start("search", "card", code)
    card.replies.insert(0, Reply(ctx.t("booking.card_then_booking", need=name)))
    return card


async def change_typed(msg: Incoming, ctx: Context, action: str) -> Step:
    """ "hủy lịch" / "đổi sang tuần sau": the change of the chat's booking; a day said with
    a move is applied once the booking is known (its times, or why not and the days)."""
    step = await mine.change_typed(msg, ctx, action)
    text = _MOVE_TO.sub(r"\1", msg.text or "")
    if action == "move" and step.next == "booking:mine" and step.data == {}:
        step.data = {"move_text": text[:200]}  # several bookings: the day said, once picked
    return await _with_day(msg, ctx, step, text) if action == "move" else step


async def start_move(msg: Incoming, ctx: Context) -> Step:
    """``bk:move:<code>``: that booking's days; a day said before it was picked ("dời sang
    tuần sau" with two bookings) is applied."""
    said = str(ctx.data.get("move_text", "")) if ctx.state.name == "booking:mine" else ""
    return await _with_day(msg, ctx, await mine.start_move(msg, ctx), said)


async def _with_day(msg: Incoming, ctx: Context, step: Step, text: str) -> Step:
    """A move's days (``step``) with the day ``text`` names chosen: its times, or why not."""
    data = step.data or {}
    if not text or step.next != "booking:choose_day" or not data.get("mv"):
        return step
    day = _wanted_day(ctx, text, step)
    if day is None:
        return step
    ctx.state.flow, ctx.state.step, ctx.state.data = "booking", "choose_day", dict(data)
    moved = await steps.day_step(msg, ctx, day, early.said(ctx, text).get("wpart"))
    moved.replies[:0] = step.replies[:1]  # "Đổi lịch hẹn LH-… (hiện tại: …)"
    return moved


def _wanted_day(ctx: Context, text: str, step: Step) -> dt.date | None:
    """The day a move asks for: a day phrase ("thứ 3 tuần sau", "15/12", "ngày mai"), or
    the first offered day of next week for "tuần sau" alone; when the booking already is
    next week, "tuần sau" is the week after it (never the booking's own day)."""
    want = early.said(ctx, text).get("want")
    if want:
        return dt.date.fromisoformat(want)
    if not _NEXT_WEEK.search(fold(text)):
        return None
    today = view.today(ctx)
    monday = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=7)
    booked = dt.date.fromisoformat(str((step.data or {}).get("mv_d") or today))
    if monday <= booked < monday + dt.timedelta(days=7):
        monday += dt.timedelta(days=7)
    offered = sorted(
        dt.date.fromisoformat(b.payload.split(":", 2)[2])
        for r in step.replies
        for b in r.flat_buttons()
        if b.payload.startswith("bk:day:")
    )
    return next((d for d in offered if monday <= d < monday + dt.timedelta(days=7)), None)


async def answer_done(msg: Incoming, ctx: Context) -> Step:
    """Text after a booking: a move with its day ("đổi sang tuần sau") as above, the rest as
    ``changes.answer_done``."""
    if changes.change_of(msg.text or "") == "move" and not find_code(msg.text or ""):
        return await change_typed(msg, ctx, "move")
    return await changes.answer_done(msg, ctx)
