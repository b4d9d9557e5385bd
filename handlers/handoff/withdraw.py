"""'Thôi không cần nữa', 'thôi cảm ơn': the citizen is done, wherever the chat is.

A walkthrough or a booking step that was waiting is left (nothing of it is kept as an
answer), and a ticket to staff that no one has answered yet is withdrawn, saying so with its
code, so staff do not answer a question nobody waits for. A live conversation with staff is
not touched here: its step owns every message and asks before it ends.
"""

from __future__ import annotations

from handlers.common import menu_button_rows
from handlers.context import Context
from handlers.handoff.notify import post_to_staff
from handlers.handoff.steps import TICKET
from handlers.types import Incoming, Reply, Step


async def answer_done(msg: Incoming, ctx: Context) -> Step:
    """Intent ``done``: a polite close; the waiting, unanswered ticket withdrawn."""
    handoff = await ctx.repos.handoffs.active_for_chat(msg.channel, msg.chat_id)
    lines = []
    waiting = handoff is not None and handoff.mode == TICKET and handoff.first_reply_at is None
    if waiting and await ctx.repos.handoffs.close(handoff.id, "citizen", ctx.now()):
        await post_to_staff(ctx, handoff.id, "note", note="ended")
        lines.append(ctx.t("handoff.withdrawn", code=handoff.code))
    lines.append(ctx.t("answers.done"))
    reply = Reply.make("\n".join(lines), menu_button_rows(ctx.locale))
    return Step([reply], next="menu:idle", data={})
