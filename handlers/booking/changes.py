"""Typed words that change or show a booking ("hủy lịch", "đổi giờ", "lịch của tôi"), and
text typed after a booking or at a confirmation."""

from __future__ import annotations

import re

from handlers.booking import mine, review
from handlers.booking.guard import leaves
from handlers.booking.input import find_code
from handlers.booking.resume import stopped
from handlers.common import elsewhere, not_understood
from handlers.context import Context
from handlers.plain_asks import bookings_asked
from handlers.types import Button, Incoming, Reply, Step
from knowledge.normalize import fold

_MINE_WORDS = ("cua toi", "cua em", "cua minh", "da dat")
_CHANGE_WORDS = {
    "cancel": ("huy lich", "huy hen", "huy cuoc hen", "bo lich", "khong di nua", "cancel"),
    "move": ("doi lich", "doi ngay", "doi gio", "doi hen", "chuyen lich", "reschedule"),
}
# "đổi sang tuần sau", "dời qua thứ 3", "lùi lại hôm khác": a move without "lịch"
_MOVE = re.compile(
    r"\b(?:doi|chuyen|lui|hoan)\s+(?:(?:sang|qua|lai|toi|den)\s+)+"
    r"(?:tuan|thu|t[2-7]|ngay|hom|bua|mai|chieu|sang|chu nhat|\d)"
    r"|\b(?:lui|hoan)\s+(?:lich|hen)\b|\bmove (?:it|my|the)\b"
)


def change_of(text: str) -> str | None:
    """``"cancel"`` for "hủy lịch hẹn", ``"move"`` for "đổi giờ", else None."""
    folded = f" {fold(text)} "
    for action, words in _CHANGE_WORDS.items():
        if any(f" {w} " in folded for w in words):
            return action
    return "move" if _MOVE.search(folded) else None


def mine_asked(text: str) -> bool:
    """ "lịch hẹn của tôi", "lịch đã đặt": the citizen's own bookings."""
    folded = f" {fold(text)} "
    return any(f" {w} " in folded for w in _MINE_WORDS) or bookings_asked(text)


async def answer_done(msg: Incoming, ctx: Context) -> Step:
    """Text after a booking: a code shows that booking, "hủy lịch" / "đổi lịch" change it,
    anything else is routed afresh."""
    code = find_code(msg.text or "")
    if code:
        return await mine.show_one(msg, ctx, code)
    action = change_of(msg.text or "")
    if action:
        return await mine.change_typed(msg, ctx, action)
    booked = str(ctx.data.get("done") or ctx.data.get("moved") or "")
    if booked and review.yes_cancel(msg.text or ""):  # "có, hủy": asked "chắc chắn?" first
        return await mine.change_typed(msg, ctx, "cancel")
    if booked and review.cancel_asked(msg.text or ""):  # "hủy được không": how, its buttons
        return review.after_booking(ctx, booked)
    return Step(unhandled=True)


async def typed_confirm(msg: Incoming, ctx: Context) -> Step:
    """Text at a confirmation that is neither yes nor no (those press the buttons): a booking
    code or a new question leave it (the engine says what still stands); else once more."""
    text = msg.text or ""
    code = find_code(text)
    if code:
        return await mine.show_one(msg, ctx, code)
    if ctx.state.step == "confirm" and leaves(text):  # "thôi hủy lịch đó đi": nothing booked
        return stopped(ctx, "booking.left_typed")
    changed = await review.at_review(msg, ctx) if ctx.state.step == "confirm" else None
    if changed is not None:  # "có hủy được không", "có, hủy", "đổi sang thứ hai"
        return changed
    need = fold(str(ctx.data.get("need") or "")).split()
    typed = fold(text).split()
    if ctx.state.step == "confirm" and typed and need and set(typed) <= set(need):  # "kết hôn"
        rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
        return Step([Reply.make(ctx.t("booking.need_same", need=ctx.data["need"]), rows)])
    if " ".join(fold(text).split()).strip(" .!") in NOT_NOW:  # "bỏ qua": not now, kept
        rows = [[Button(*row[:3])] for row in ctx.state.last_buttons]
        return Step([Reply.make(ctx.t(f"booking.not_now_{ctx.state.step}"), rows)])
    if elsewhere(ctx, text):
        return Step(unhandled=True)
    return not_understood(ctx)


# "bỏ qua", "để sau" at a confirmation: not now; nothing is booked or changed, the step stays
NOT_NOW = frozenset(
    "bo qua, bo qua di, bo qua nha, de sau, de sau nha, tinh sau, khoan, khoan da, tu tu, skip, later".split(
        ", "
    )
)
