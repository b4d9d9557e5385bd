"""Short messages about the office or the citizen's place, and a need that names nothing.

"số điện thoại một cửa phường Cao Lãnh", "địa chỉ ở đâu" (right after the office's contact)
get the contact of that ward's one-stop shop (its ward kept for the chat), what the data
gives and one plain line for what it does not, with the national hotline; "ở xã Mỹ Ngãi"
keeps the ward and offers its assistance programmes; "làm giấy tờ" alone asks which
paperwork, with the menu, never "not supported"; "bạn là người thật hả" is answered honestly
(an automated assistant, "Gặp cán bộ" a tap away). ``handlers.language.classify`` names these
intents (``office_contact``, ``ward_said``, ``vague_need``, ``bot_asked``). A bare "chưa có",
"ko biết" with nothing asked gets a short line and the menu (``mn:bare``).
"""

from __future__ import annotations

from handlers.common import handoff_button, menu_button_rows
from handlers.context import Context
from handlers.types import Incoming, Reply, Step


async def _named_ward(ctx: Context, text: str) -> str:
    """Keep the ward a message names for the chat; the line that says so, or ''."""
    places = ctx.services.localities
    found = places.find(text) if places is not None else None
    ward = getattr(found, "ward", None)
    if ward is None:
        return ""
    if getattr(await ctx.ward(), "code", None) != ward.code:
        await ctx.set_ward(ward.code, "typed")
    return ctx.t("menu.ward_kept", ward=ward.display)


async def answer_office(msg: Incoming, ctx: Context) -> Step:
    """The one-stop shop's phone, address and hours (the ward named kept first)."""
    note = await _named_ward(ctx, msg.text or "")
    step = await ctx.start("menu", "contact")
    if note:
        step.replies.insert(0, Reply(note))
    return step


async def answer_ward(msg: Incoming, ctx: Context) -> Step:
    """ "ở xã Mỹ Ngãi": the ward kept, and its assistance programmes."""
    note = await _named_ward(ctx, msg.text or "")
    step = await ctx.start("booking", "start", "")
    if note:
        step.replies.insert(0, Reply(note))
    return step


async def answer_vague(msg: Incoming, ctx: Context) -> Step:
    """ "làm giấy tờ": which paperwork, with the menu."""
    return Step([Reply.make(ctx.t("menu.which_paperwork"), menu_button_rows(ctx.locale))])


async def answer_bot(msg: Incoming, ctx: Context) -> Step:
    """ "bạn là người thật hả": an automated assistant, and a person one tap away."""
    rows = [[handoff_button(ctx.locale, "human")], *menu_button_rows(ctx.locale)]
    return Step([Reply.make(ctx.t("menu.bot_answer"), rows)], next="menu:idle")


async def answer_bare(msg: Incoming, ctx: Context) -> Step:
    """A bare "chưa có", "ko biết" with no question open: what the bot helps with, briefly
    (never the greeting again)."""
    rows = menu_button_rows(ctx.locale)
    return Step([Reply.make(ctx.t("menu.bare_answer"), rows)], next="menu:idle")
