"""What happens to a citizen's chat when staff act, as engine turns of that chat.

Each arrives as an event in the chat's inbox (``bot.storage.chat_events``), in order with
the citizen's own messages, and only from there (``kind="event"``: a button pressed with
the same payload is an old button):

- ``ho:staff:<message id>``: a staff reply, shown once (``mark_delivered``), on the
  citizen's own channel;
- ``ho:closed:<id>``: staff closed the handoff; the 1-5 satisfaction question follows;
- ``ho:timeout:<id>``: no staff reply in time; the live conversation becomes a ticket.

A chat busy elsewhere (mid-walkthrough) keeps its state and its offered buttons: the
staff's message comes with the same buttons, so a typed "1" still answers the walkthrough.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from handlers.common import is_idle, menu_button_rows, old_button
from handlers.context import Context
from handlers.handoff import hours
from handlers.handoff.notify import post_to_staff
from handlers.handoff.steps import LIVE, TICKET, end_rows, own_handoff
from handlers.types import Button, Incoming, Reply, Step

Action = Callable[[Incoming, Context], Awaitable[Step]]
LIVE_STEPS = ("handoff:live", "handoff:confirm_end")


def event_only(fn: Action) -> Action:
    """The action runs for internal events only (a crafted button press is an old button)."""

    async def action(msg: Incoming, ctx: Context) -> Step:
        if msg.kind != "event":
            return old_button(ctx)
        return await fn(msg, ctx)

    action.__doc__ = fn.__doc__
    return action


def _in_live(ctx: Context, handoff: Any) -> bool:
    return ctx.state.name in LIVE_STEPS and ctx.data.get("id") == handoff.id


def _same_buttons(ctx: Context) -> list[list[Button]]:
    return [[Button(*row[:3])] for row in ctx.state.last_buttons]


@event_only
async def deliver_staff(msg: Incoming, ctx: Context) -> Step:
    """A staff reply reaches the citizen, exactly once."""
    try:
        message = await ctx.repos.handoffs.message(int(ctx.arg))
    except ValueError:
        message = None
    handoff = await own_handoff(ctx, message.handoff_id) if message is not None else None
    if message is None or handoff is None or message.sender != "staff":
        return Step(silent=True)
    if not await ctx.repos.handoffs.mark_delivered(message.id, ctx.now()):
        return Step(silent=True)  # an event posted twice: shown already
    staff = message.staff or ""
    if _in_live(ctx, handoff):
        key = "handoff.staff_says" if staff else "handoff.staff_says_anonymous"
        text = ctx.t(key, staff=staff, text=message.text)
        return Step([Reply.make(text, end_rows(ctx, handoff.id))])
    text = ctx.t("handoff.ticket_answer", code=handoff.code, text=message.text)
    if is_idle(ctx):
        rows = [
            [Button(ctx.t("handoff.btn_reply"), f"ho:reply:{handoff.id}")],
            [Button(ctx.t("menu.btn_home"), "mn:menu")],
        ]
        return Step([Reply.make(text, rows)])
    return Step([Reply.make(text, _same_buttons(ctx))])


@event_only
async def closed_by_staff(msg: Incoming, ctx: Context) -> Step:
    """Staff closed the handoff: the chat is free again; rated if staff answered."""
    handoff = await own_handoff(ctx, ctx.arg)
    if handoff is None:
        return Step(silent=True)
    text = ctx.t("handoff.ended_by_staff", code=handoff.code)
    if not (_in_live(ctx, handoff) or is_idle(ctx)):
        return Step([Reply.make(text, _same_buttons(ctx))])
    if handoff.first_reply_at is not None:
        step = await ctx.start("feedback", "ask_rating", f"h:{handoff.id}")
        step.replies[:0] = [Reply(text)]
        return step
    return Step([Reply.make(text, menu_button_rows(ctx.locale))], next="menu:idle", data={})


@event_only
async def no_staff_reply(msg: Incoming, ctx: Context) -> Step:
    """Nobody answered a live handoff in time: it becomes a ticket, the chat is free."""
    handoff = await own_handoff(ctx, ctx.arg)
    if handoff is None or handoff.closed or handoff.first_reply_at or handoff.mode != LIVE:
        return Step(silent=True)
    office = hours.office_for(ctx)
    opening = None if hours.is_open(ctx, office) else hours.next_opening(ctx, office)
    await ctx.repos.handoffs.set_mode(handoff.id, TICKET, ctx.now(), opening)
    await post_to_staff(ctx, handoff.id, "note", note="timeout")
    key = "handoff.timed_out" if opening is None else "handoff.timed_out_closed"
    text = ctx.t(key, code=handoff.code, opening=hours.when_text(ctx, opening))
    if _in_live(ctx, handoff):
        return Step([Reply.make(text, menu_button_rows(ctx.locale))], next="menu:idle", data={})
    return Step([Reply.make(text, _same_buttons(ctx))])
