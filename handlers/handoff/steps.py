"""Steps of the handoff, citizen side: asking for a person, talking to staff, ending it.

In office hours the chat goes *live*: it rests in the captive step ``handoff:live`` where
everything the citizen types goes to the staff thread and the bot stays silent (Chatwoot's
rule); "hủy", "menu", "kết thúc" or another flow's button ask whether to end the
conversation. Out of hours (or when no staff member answers in time, ``events``) the
question becomes a *ticket* with a short code, and the chat is free again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers import answers, sanitize
from handlers.common import menu_button_rows, old_button
from handlers.context import Context
from handlers.handoff import hours
from handlers.handoff.brief import build, citizen_name, reason_of
from handlers.handoff.instead import answered_here
from handlers.handoff.notify import post_to_staff
from handlers.office_hours import hours_in
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import chat_ward_code
from knowledge.intents import FILLER, detect_intent

LIVE, TICKET = "live", "ticket"
QUESTION_MIN_WORDS = 3  # "gặp cán bộ hỏi về sổ đỏ" carries its question; "tôi muốn" does not
OUT_WORDS = frozenset({"menu", "cancel"})


def end_rows(ctx: Context, handoff_id: int) -> list[list[Button]]:
    """The one button of a live conversation: end it."""
    return [[Button(ctx.t("handoff.btn_end"), f"ho:end:{handoff_id}", "stop")]]


def wants_out(text: str) -> bool:
    """ "hủy", "menu", "/start", "thôi", "kết thúc" typed while talking to staff."""
    command = sanitize.command_of(text)
    if sanitize.GLOBAL_COMMANDS.get(command) in OUT_WORDS:
        return True
    return sanitize.navigation_of(text) == "stop"


def _question_in(msg: Incoming) -> str:
    """The question typed with the request ("gặp cán bộ hỏi về sổ đỏ"), or ''."""
    text = msg.text or ""
    rest = detect_intent(text).rest or ""
    words = [w for w in sanitize.fold(rest).split() if w not in FILLER]
    return text if len(words) >= QUESTION_MIN_WORDS else ""


async def own_handoff(ctx: Context, handoff_id: Any) -> Any:
    """The handoff with this id if it belongs to this chat, else None."""
    try:
        found = await ctx.repos.handoffs.get(int(handoff_id))
    except (TypeError, ValueError):
        return None
    if found is None or (found.channel, found.chat_id) != (ctx.msg.channel, ctx.msg.chat_id):
        return None
    return found


def _live(ctx: Context, handoff: Any, text: str) -> Step:
    data = {"id": handoff.id, "code": handoff.code}
    return Step([Reply.make(text, end_rows(ctx, handoff.id))], next="handoff:live", data=data)


async def start_handoff(msg: Incoming, ctx: Context) -> Step:
    """ "gặp cán bộ", "nói chuyện với người thật", the "Gặp cán bộ" button
    (``ho:start:<reason>``): live in office hours, else ask for the ticket's question."""
    active = await ctx.repos.handoffs.active_for_chat(msg.channel, msg.chat_id)
    if active is not None and active.mode == LIVE:
        return _live(ctx, active, ctx.t("handoff.live_resumed", code=active.code))
    reason, code = reason_of(ctx.arg)
    brief = await build(ctx, reason, code)
    office = hours.office_for(ctx)
    question = _question_in(msg)
    if hours.is_open(ctx, office):
        return await _open_live(ctx, office, brief, question)
    if question:
        return await open_ticket(ctx, brief, question)
    text = ctx.t(
        "handoff.ask_question",
        office=await hours.staff_office_name(ctx, office),
        hours=hours_in(getattr(office, "hours", ""), ctx.locale) or ctx.t("handoff.working_hours"),
        opening=hours.when_text(ctx, hours.next_opening(ctx, office)),
    )
    rows = [[Button(ctx.t("handoff.btn_cancel"), "mn:cancel", "stop")]]
    return Step([Reply.make(text, rows)], next="handoff:await_question", data={"brief": brief})


async def _new(
    ctx: Context, office: Any, brief: dict[str, Any], mode: str, question: str, answer_by: Any
) -> Any:
    """A new handoff with its first message (if any), announced to the staff group."""
    msg, now, repos = ctx.msg, ctx.now(), ctx.repos
    handoff = await repos.handoffs.open(
        msg.channel,
        msg.chat_id,
        now,
        mode=mode,
        locale=ctx.locale,
        office_id=getattr(office, "id", ""),
        citizen=citizen_name(msg),
        context=brief,
        answer_by=answer_by,
        ward_code=await chat_ward_code(ctx),  # its ward's officers answer; None: the admin
    )
    first = None
    if question:
        first = await repos.handoffs.add_message(handoff.id, "citizen", question, now)
    await post_to_staff(ctx, handoff.id, "new", [first.id] if first else [])
    return handoff


async def _open_live(ctx: Context, office: Any, brief: dict[str, Any], question: str) -> Step:
    handoff = await _new(ctx, office, brief, LIVE, question, None)
    wait = hours.wait_minutes(ctx)
    now = ctx.now()
    await ctx.repos.chat_events.post(
        ctx.msg.channel,
        ctx.msg.chat_id,
        f"ho:timeout:{handoff.id}",
        f"ho-timeout:{handoff.id}:{handoff.code}",
        now,
        at=now + dt.timedelta(minutes=wait),
        locale=ctx.locale,
    )
    text = ctx.t(
        "handoff.live_started",
        office=await hours.staff_office_name(ctx, office),
        code=handoff.code,
        minutes=wait,
    )
    return _live(ctx, handoff, text)


async def open_ticket(ctx: Context, brief: dict[str, Any], question: str) -> Step:
    """A ticket for ``question``, answered when staff are next at work."""
    office = hours.office_for(ctx)
    opening = hours.next_opening(ctx, office)
    handoff = await _new(ctx, office, brief, TICKET, question, opening)
    text = ctx.t(
        "handoff.ticket_created", code=handoff.code, opening=hours.when_text(ctx, opening)
    )
    return Step([Reply.make(text, menu_button_rows(ctx.locale))], next="menu:idle", data={})


async def take_question(msg: Incoming, ctx: Context) -> Step:
    """The question of a ticket (out of hours), or one more message to an answered ticket."""
    text = msg.text or ""
    existing = await own_handoff(ctx, ctx.data.get("id")) if ctx.data.get("id") else None
    if existing is None:
        here = await answered_here(ctx, text)  # "số điện thoại phường": the bot's answer
        return here or await open_ticket(ctx, dict(ctx.data.get("brief") or {}), text)
    if existing.closed:
        return _closed(ctx)
    added = await ctx.repos.handoffs.add_message(existing.id, "citizen", text, ctx.now())
    await post_to_staff(ctx, existing.id, "message", [added.id] if added else [])
    reply = Reply.make(
        ctx.t("handoff.ticket_more", code=existing.code), menu_button_rows(ctx.locale)
    )
    return Step([reply], next="menu:idle", data={})


def _closed(ctx: Context) -> Step:
    reply = Reply.make(ctx.t("handoff.closed_meanwhile"), menu_button_rows(ctx.locale))
    return Step([reply], next="menu:idle", data={})


def _confirm(ctx: Context, handoff: Any) -> Step:
    rows = [
        [Button(ctx.t("handoff.btn_end_yes"), f"ho:end:{handoff.id}", "yes")],
        [Button(ctx.t("handoff.btn_continue"), f"ho:stay:{handoff.id}", "no")],
    ]
    data = {"id": handoff.id, "code": handoff.code}
    return Step(
        [Reply.make(ctx.t("handoff.confirm_end"), rows)], next="handoff:confirm_end", data=data
    )


async def relay(msg: Incoming, ctx: Context) -> Step:
    """Live: the citizen's message goes to the staff thread; the bot says nothing (once,
    before any staff reply, that it was passed on)."""
    handoff = await own_handoff(ctx, ctx.data.get("id"))
    if handoff is None or handoff.closed:
        return _closed(ctx)
    if msg.payload is not None or wants_out(msg.text or ""):
        return _confirm(ctx, handoff)
    added = await ctx.repos.handoffs.add_message(handoff.id, "citizen", msg.text or "", ctx.now())
    await post_to_staff(ctx, handoff.id, "message", [added.id] if added else [])
    if handoff.first_reply_at is None and not ctx.data.get("acked"):
        reply = Reply.make(ctx.t("handoff.relayed"), end_rows(ctx, handoff.id))
        return Step([reply], data={**ctx.data, "acked": True})
    return Step(silent=True)


async def confirm_end(msg: Incoming, ctx: Context) -> Step:
    """ "Kết thúc trò chuyện?": a typed yes/no answers it; anything else is for the staff."""
    handoff = await own_handoff(ctx, ctx.data.get("id"))
    if handoff is None or handoff.closed:
        return _closed(ctx)
    if msg.payload is not None:
        return _confirm(ctx, handoff)
    pressed = answers.understand(msg.text or "", ctx.state.last_buttons)
    if pressed and pressed.startswith("ho:end:"):
        ctx.arg = str(handoff.id)
        return await end_handoff(msg, ctx)
    if pressed and pressed.startswith("ho:stay:"):
        return _live(ctx, handoff, ctx.t("handoff.continue"))
    if wants_out(msg.text or ""):
        return _confirm(ctx, handoff)
    step = await relay(msg, ctx)
    step.next = step.next or "handoff:live"
    return step


async def stay(msg: Incoming, ctx: Context) -> Step:
    """``ho:stay:<id>``: keep talking to staff."""
    handoff = await own_handoff(ctx, ctx.arg)
    if handoff is None or handoff.closed or ctx.state.flow != "handoff":
        return old_button(ctx)
    return _live(ctx, handoff, ctx.t("handoff.continue"))


async def end_handoff(msg: Incoming, ctx: Context) -> Step:
    """``ho:end:<id>``: the citizen ends the conversation; rated if a staff member answered."""
    handoff = await own_handoff(ctx, ctx.arg)
    if handoff is None:
        return old_button(ctx)
    if await ctx.repos.handoffs.close(handoff.id, "citizen", ctx.now()):
        await post_to_staff(ctx, handoff.id, "note", note="ended")
    ended = Reply(ctx.t("handoff.ended", code=handoff.code))
    if handoff.first_reply_at is not None:
        step = await ctx.start("feedback", "ask_rating", f"h:{handoff.id}")
        step.replies[:0] = [ended]
        return step
    reply = Reply.make(ended.text, menu_button_rows(ctx.locale))
    return Step([reply], next="menu:idle", data={})


async def write_back(msg: Incoming, ctx: Context) -> Step:
    """``ho:reply:<id>`` under a ticket's answer: live again in office hours, else one more
    message to the ticket."""
    handoff = await own_handoff(ctx, ctx.arg)
    if handoff is None:
        return old_button(ctx)
    if handoff.closed:
        return _closed(ctx)
    if hours.is_open(ctx, hours.office_for(ctx)):
        await ctx.repos.handoffs.set_mode(handoff.id, LIVE, ctx.now(), None)
        return _live(ctx, handoff, ctx.t("handoff.live_again", code=handoff.code))
    rows = [[Button(ctx.t("handoff.btn_cancel"), "mn:cancel", "stop")]]
    text = ctx.t("handoff.ask_more", code=handoff.code)
    return Step([Reply.make(text, rows)], next="handoff:await_question", data={"id": handoff.id})
