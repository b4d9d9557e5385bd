"""Showing a ticket again when its code is typed ("HT-4K7Q"): status and the answers.

Only the chat that opened the ticket sees it: the code is short, so it is not a secret that
could open someone else's conversation.
"""

from __future__ import annotations

from handlers.common import menu_button_rows
from handlers.context import Context
from handlers.types import Button, Incoming, Reply, Step
from handlers.workdays import local_date
from knowledge.intents import find_ticket_code

SHOWN = 8  # the last messages of the thread


async def show_ticket(msg: Incoming, ctx: Context) -> Step:
    """Intent ``ticket`` (a code typed) or ``ho:show:<code>``."""
    code = find_ticket_code(msg.text or "") or find_ticket_code(ctx.arg) or ""
    handoff = await ctx.repos.handoffs.by_code(code, msg.channel, msg.chat_id) if code else None
    if handoff is None:
        text = ctx.t("handoff.ticket_not_found", code=code or "—")
        return Step([Reply.make(text, menu_button_rows(ctx.locale))], next="menu:idle")
    lines = [
        ctx.t(
            "handoff.ticket_title",
            code=handoff.code,
            status=ctx.t(f"handoff.statuses.{handoff.status}"),
        )
    ]
    for m in handoff.messages[-SHOWN:]:
        if m.sender == "system":
            continue
        when = local_date(m.created_at).strftime("%d/%m")
        key = "handoff.line_staff" if m.sender == "staff" else "handoff.line_citizen"
        lines.append(ctx.t(key, date=when, text=m.text))
    if not any(m.sender == "staff" for m in handoff.messages):
        lines.append(ctx.t("handoff.ticket_no_answer_yet"))
    rows = []
    if not handoff.closed:
        rows.append([Button(ctx.t("handoff.btn_reply"), f"ho:reply:{handoff.id}")])
    rows.append([Button(ctx.t("menu.btn_home"), "mn:menu")])
    return Step([Reply.make("\n".join(lines), rows)], next="menu:idle")
