"""Steps of the ward flow: ask, read the answer, choose, set, skip, change."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from handlers.answers import NO, UNKNOWN, role_of
from handlers.common import back_to_menu, elsewhere
from handlers.context import Context
from handlers.flow import split_payload
from handlers.procedure_named import named_procedure
from handlers.sanitize import match_button
from handlers.types import Incoming, Reply, Step
from handlers.ward import views
from knowledge.normalize import fold

MAX_WORDS = 9  # an answer naming a place is short; a longer message is a question of its own
# words of a question, not of a place name ("làm online được không", "bao lâu")
QUESTION_WORDS = frozenset("khong gi sao bao lau dau the nao duoc can co phi hoi lam".split())


async def _resume(ctx: Context, then: str, note: str) -> Step:
    """Give the reply that waited for the ward (``then = "flow:entry:arg"``), after ``note``."""
    flow, _, rest = then.partition(":")
    entry, _, arg = rest.partition(":")
    target = ctx.flows.get(flow)
    if target is None or not (target.entries.get(entry) or target.actions.get(entry)):
        return views.set_done(ctx, note)
    step = await ctx.start(flow, entry, arg)
    step.replies.insert(0, Reply(note))
    return step


def _waiting(ctx: Context) -> str:
    """The reply waiting for the ward, when the chat is at the question."""
    return str(ctx.data.get("then", "")) if ctx.state.name == "ward:await_ward" else ""


async def _chosen(ctx: Context, ward: Any, via: Any, source: str) -> Step:
    await ctx.set_ward(ward.code, source)
    note = views.confirm_text(ctx, ward, via)
    then = _waiting(ctx)
    if then:
        return await _resume(ctx, then, note)
    return views.set_done(ctx, note)


async def ask_ward(msg: Incoming, ctx: Context) -> Step:
    """Entry ``ward:ask``: ``ctx.arg`` is the reply to give once the ward is known
    (``"?..."``: the question may be skipped)."""
    then = ctx.arg.strip()
    return views.question(ctx, then.lstrip("?"), then.startswith("?"))


async def typed_ward(msg: Incoming, ctx: Context) -> Step:
    """A typed answer: one place (set), several (choose), close spellings, or none. The
    number of an offered place picks it (Zalo shows choices as numbered lines); "không
    biết" skips an optional question."""
    text = msg.text or ""
    pressed = match_button(text, ctx.state.last_buttons) if text.strip().isdigit() else None
    if pressed:
        prefix, action, arg = split_payload(pressed)
        ctx.msg = replace(msg, payload=pressed, text=None)
        flow = "ward" if prefix == "wd" else "menu"
        return await ctx.start(flow, action, arg)
    if ctx.data.get("opt") and role_of(text) in (UNKNOWN, NO):
        return await skip_ward(msg, ctx)
    found = ctx.services.localities.find(text)
    if found.ward is not None:
        return await _chosen(ctx, found.ward, found.via, "typed")
    if found.choices:
        return views.choices(ctx, text, found.choices, "ward.choose")
    flow, _, rest = str(ctx.data.get("then", "")).partition(":")
    if flow == "search":  # "làm online được không" about the card shown before the question
        step = await ctx.start("search", "follow_up", rest.partition(":")[2])
        if not step.unhandled:
            return step
    kept = _need_kept(ctx, text, str(ctx.data.get("then", "")))
    if kept is not None:  # "làm khai sinh" asked where one lives, for a booking: its need
        return kept
    if _question(text, ctx.services.localities.names.vocabulary) or elsewhere(ctx, text):
        return Step(unhandled=True)  # a new question: answered at once, nothing waits
    if found.suggestions:
        return views.choices(ctx, text, found.suggestions, "ward.suggest")
    return views.not_found(ctx, text)


def _need_kept(ctx: Context, text: str, then: str) -> Step | None:
    """A procedure named at a booking's ward question ("làm khai sinh"): the booking's need,
    kept in what waits (``need=<code>``), and the question asked again (QA round 14, item
    5: it left the booking for the procedure's card)."""
    flow, _, rest = then.partition(":")
    entry, _, arg = rest.partition(":")
    match = named_procedure(ctx, text) if (flow, entry) == ("booking", "start") else None
    if match is None:
        return None
    kb = ctx.services.kb
    proc = kb.get(match.code) if kb is not None else None
    need = proc.display_name if proc is not None else match.name
    args = [f"need={match.code}", *(p for p in arg.split("&") if p and "need=" not in p)]
    step = views.question(ctx, f"booking:start:{'&'.join(args)}", bool(ctx.data.get("opt")))
    ask = step.replies[0]
    step.replies[0] = replace(ask, text=f"{ctx.t('ward.kept_need', need=need)}\n{ask.text}")
    return step


def _question(text: str, place_words: frozenset[str]) -> bool:
    """A question rather than a place name: long, a question mark, question words (those
    that are no part of any place name of the province)."""
    words = set(fold(text).split())
    asking = words & (QUESTION_WORDS - place_words)
    return len(words) > MAX_WORDS or "?" in text or bool(asking)


async def set_ward(msg: Incoming, ctx: Context) -> Step:
    """``wd:set:<code>``: a place chosen among several (or an old such button)."""
    ward = ctx.services.localities.get(ctx.arg) if ctx.services.localities else None
    if ward is None:
        return back_to_menu(ctx, "ward.unknown_code")
    return await _chosen(ctx, ward, None, "button")


async def link_ward(msg: Incoming, ctx: Context) -> Step:
    """``wd:link:<code>``: the chat was opened from a ward's link or QR poster."""
    ward = ctx.services.localities.get(ctx.arg) if ctx.services.localities else None
    if ward is None:
        return back_to_menu(ctx, "ward.link_unknown")
    await ctx.set_ward(ward.code, "link")
    return views.greeting(ctx, ward)


async def change_ward(msg: Incoming, ctx: Context) -> Step:
    """``wd:change`` / "đổi xã/phường": the current ward, and the question again."""
    if ctx.services.localities is None:
        return back_to_menu(ctx, "ward.no_data")
    return views.question(ctx, "", False, current=await ctx.ward())


async def keep_ward(msg: Incoming, ctx: Context) -> Step:
    """``wd:keep``: the citizen keeps the ward they had."""
    ward = await ctx.ward()
    if ward is None:
        return back_to_menu(ctx, "menu.cancelled")
    return views.set_done(ctx, ctx.t("ward.kept", ward=ward.display))


async def skip_ward(msg: Incoming, ctx: Context) -> Step:
    """``wd:skip``: answer for the whole province and stop asking (until "đổi xã/phường")."""
    then = _waiting(ctx)
    await ctx.set_ward(None, "skip")
    if then:
        return await _resume(ctx, then, ctx.t("ward.skipped"))
    return views.set_done(ctx, ctx.t("ward.skipped"))
