"""A ticket's question the bot can answer itself: answered now, no ticket filed.

Out of hours "gặp cán bộ" asks for the question to leave for staff, and everything typed
then became the ticket: "số điện thoại phường" waited for staff until the next working day
although the bot has the ward's contact, "cho tôi hẹn lịch" was filed instead of booked
(QA round 14, item 3). The office's contact or hours asked, or a booking asked for, get the
bot's own answer (the contact asks the ward once when it is not known); the reply says no
ticket was filed and keeps "Gặp cán bộ" one tap away. Anything else is the ticket.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.language import classify
from handlers.plain_asks import intent_of
from handlers.types import Button, Reply, Step
from knowledge.intents import detect_intent

OFFICE = ("office_contact", "office_hours")


async def answered_here(ctx: Context, text: str) -> Step | None:
    """The bot's own answer to ``text`` typed as a ticket's question, or None."""
    kind = intent_of(text, ctx.state.last_buttons, ctx.services.localities)
    if kind in OFFICE:
        step = await ctx.start("menu", "office")
    elif detect_intent(text).intent == "booking":
        ctx.result = classify(ctx, text)
        step = await ctx.start("booking", "from_text")
    else:
        return None
    step.replies.insert(0, Reply(ctx.t("handoff.answered_here")))
    last = step.replies[-1]
    if not any(b.payload.startswith("ho:start") for b in last.flat_buttons()):
        button = Button(ctx.t("handoff.btn_start"), "ho:start:asked")
        step.replies[-1] = Reply.make(last.text, [*last.buttons, [button]], link=last.link)
    return step
