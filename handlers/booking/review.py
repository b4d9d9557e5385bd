"""Typed at the booking's review screen (before "Xác nhận") and after a booking: cancelling
asked about, cancelling said with a yes, and a change of the time or the day.

"có hủy được không", "hủy được không", "co huy" ask whether (and how) a booking can be
cancelled: the review screen says nothing is booked yet and names "Dừng đặt lịch"; after a
booking the answer names the "Hủy lịch ..." button of that booking (the cancel still asks
"chắc chắn?"). "có, hủy", "ừ hủy đi" at the review screen give the booking up (nothing is
booked, the draft kept for a resume), never confirm it. "đổi giờ khác" goes back to the
day's times, "cho em đổi ngày" to the days, "đổi sang thứ hai" to that day's times, "đổi
sang 9 giờ" to that time, "đổi sang buổi chiều" to that part's times with the first proposed:
the name, phone and need typed are kept, so the review comes back.
"""

from __future__ import annotations

import datetime as dt
import re

from handlers.booking import ahead, form, mine, steps
from handlers.booking import views as view
from handlers.booking.dates import parse_day, parse_time
from handlers.booking.input import find_code
from handlers.booking.resume import stopped
from handlers.context import Context
from handlers.plain_asks import bookings_asked
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold

_ASK = r"(?:khong|ko|k|kh|hong|hok|hem|chu|ha|nhi|the nao|sao|ra sao)"
# asking about cancelling: "có hủy được không", "hủy được không", "co huy", "hủy sao"
_CANCEL_ASKED = re.compile(
    r"^(?:(?:vay|the|roi|neu|lo|mai|sau nay|sau do)\s+)*(?:(?:toi|em|minh|tui)\s+)?"
    r"(?:(?P<lead>co\s+(?:the\s+)?|lam sao\s+(?:de\s+)?|sao\s+))?huy(?:\s+bo)?"
    r"(?:\s+(?:lich|hen|lich hen|lich nay|duoc|dc))*"
    rf"(?P<tail>(?:\s+{_ASK})*)(?:\s+(?:a|nhe|nha|em|vay))*$"
    r"|^(?P<en>can i cancel|how (?:do|can) i cancel)(?: it| this| the booking)?$"
)
# a yes said with the cancel: "có, hủy", "ừ hủy đi", "vâng, hủy luôn"
_YES_CANCEL = re.compile(
    r"^(?:co|u|uh|um|vang|da|ok|oke|dung)\s*[,.!]\s*(?:thi\s+)?huy\b"
    r"|^(?:co|u|uh|um|vang|da|ok|oke|dung)\s+(?:thi\s+)?huy\s+(?:di|luon|nha|nhe|gium|giup)\b",
    re.I,
)
_CHANGE = re.compile(r"\b(?:doi|chuyen|doi lai|sua|doi qua|lui|hoan)\b")
_TIME = re.compile(r"\b(?:gio|luc|h)\b|\d")
_DAY = re.compile(r"\b(?:ngay|hom|bua|thu|tuan|mai|cn|chu nhat)\b")
_PLAIN_TIME = re.compile(r"^(?:(?:cho\s+)?(?:toi|em|minh|tui)\s+)?(?:chon\s+)?(?:gio|ngay) khac\b")


def _plain(text: str) -> str:
    """Lower case without accents, punctuation kept ("có, hủy")."""
    out = []
    for ch in (text or "").lower():
        out.append(fold(ch) if ch.isalpha() else ch)
    return " ".join("".join(out).split())


def cancel_asked(text: str) -> bool:
    """ "có hủy được không", "hủy được không", "co huy": how to cancel, asked."""
    m = _CANCEL_ASKED.match(" ".join(fold(text).split()))
    asked = m is not None and bool(
        m.group("lead") or (m.group("tail") or "").strip() or m.group("en")
    )
    return asked and not yes_cancel(text)


def yes_cancel(text: str) -> bool:
    """ "có, hủy", "ừ hủy đi": the citizen says to cancel."""
    return bool(_YES_CANCEL.match(_plain(text)))


def _same(ctx: Context, key: str, more: str = "") -> Step:
    rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
    return Step([Reply.make(ctx.t(key) + more, rows)])


async def at_review(msg: Incoming, ctx: Context) -> Step | None:
    """The review screen's answer to a cancel or a change typed there, else None."""
    text = msg.text or ""
    if yes_cancel(text):
        return stopped(ctx, "booking.left_typed")
    if cancel_asked(text):
        return _same(ctx, "booking.cancel_how_review")
    if bookings_asked(text):  # "vậy là tôi chưa có lịch nào hả": this one is not booked yet
        records = await ctx.repos.bookings.upcoming_for_chat(
            msg.channel, msg.chat_id, view.today(ctx)
        )
        codes = ", ".join(r.code for r in records[:3])
        held = f" {ctx.t('booking.resume_has', codes=codes)}" if codes else ""  # others stand
        return _same(ctx, "booking.review_not_yet", held)
    return await _change(msg, ctx, text)


async def _change(msg: Incoming, ctx: Context, text: str) -> Step | None:
    folded = " ".join(fold(text).split())
    programme = form.current(ctx)
    if programme is None or not ctx.data.get("d"):
        return None
    asked = _CHANGE.search(folded) or _PLAIN_TIME.match(folded)
    if not asked:
        return None
    rest = folded[asked.end() :] if _CHANGE.search(folded) else folded
    rest = re.sub(r"^\s*(?:sang|qua|lai|toi|den)\b", " ", rest)  # "sang" there is no "sáng"
    data = {k: v for k, v in ctx.data.items() if k not in ("offer", "done")}
    day = parse_day(rest, view.today(ctx)) if _DAY.search(rest) else None
    start = parse_time(rest) if _TIME.search(rest) else None
    current = dt.date.fromisoformat(str(ctx.data["d"]))
    ctx.state.data = data
    part = ahead.part_of_day(rest, loose=True)  # "đổi sang buổi chiều": that part's times
    if start is not None:  # "đổi sang 9 giờ" (the same day), "đổi sang thứ hai 8h"
        return await steps.slot_step(msg, ctx, day or current, start)
    if day is not None or part is not None:  # "đổi sang thứ hai": that day's times
        return await steps.day_step(msg, ctx, day or current, part, propose=part is not None)
    if re.search(r"\b(?:ngay|hom|bua|tuan)\b", rest):  # "cho em đổi ngày": the days
        return await view.dates_step(ctx, programme, data)
    if re.search(r"\b(?:gio|luc|buoi)\b", rest):  # "đổi giờ khác": the day's times
        return await steps.day_step(msg, ctx, current)
    return None


def after_booking(ctx: Context, code: str) -> Step:
    """ "hủy được không" after a booking: how, with that booking's change buttons."""
    rows = [
        [Button(ctx.t("booking.btn_cancel", code=code), f"bk:cancel:{code}")],
        [Button(ctx.t("booking.btn_move", code=code), f"bk:move:{code}")],
        [Button(ctx.t("booking.btn_mine"), "bk:mine:")],
    ]
    return Step([Reply.make(ctx.t("booking.cancel_how_done", code=code), rows)])


async def in_mine(msg: Incoming, ctx: Context) -> Step:
    """At "Lịch hẹn của tôi": "hủy được không" says how, with the list's buttons kept; the
    rest as ``mine.typed_in_mine``."""
    if cancel_asked(msg.text or "") and not find_code(msg.text or ""):
        cancels = [row for row in ctx.state.last_buttons if str(row[1]).startswith("bk:cancel:")]
        if len(cancels) == 1:  # one booking: its own buttons
            return after_booking(ctx, str(cancels[0][1]).split(":", 2)[2])
        if cancels:
            return _same(ctx, "booking.cancel_how_mine")
    return await mine.typed_in_mine(msg, ctx)
