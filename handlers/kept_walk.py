"""A walkthrough kept while the citizen looks at another procedure's card, for the way back.

The walkthrough switches to another card when the citizen says another procedure is the one
wanted (``handlers.checklist.switch``); its data goes with the card's state under ``walk``,
and every card shown after it (a fee asked, a detail pressed) keeps it and its button
"Tiếp tục kiểm tra giấy tờ ..." (role "back": a typed "quay lại" presses it), until the
chat leaves the card. Shared by the search and checklist flows, which never import each other.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.textsplit import clip
from handlers.types import Button, Reply, Step

KEY = "walk"
RESUME = "ck:resume:"
NAME_MAX = 45


def kept(ctx: Context) -> dict[str, Any] | None:
    """The walkthrough kept in this card's state, or None."""
    walk = ctx.data.get(KEY) if ctx.state.flow == "search" else None
    return walk if isinstance(walk, dict) and walk.get("code") else None


def resume_label(ctx: Context, code: str) -> str:
    kb = ctx.services.kb
    proc = kb.get(code) if kb is not None else None
    name = (proc.short_name or proc.name) if proc is not None else code
    return ctx.t("checklist.btn_resume", name=clip(name, NAME_MAX)[0])


def with_way_back(ctx: Context, step: Step, walk: dict[str, Any]) -> Step:
    """``step`` (a card) with the walkthrough kept in its data and its button last."""
    if step.replies and not any(b.payload == RESUME for b in step.replies[-1].flat_buttons()):
        last = step.replies[-1]
        button = Button(resume_label(ctx, str(walk["code"])), RESUME, "back")
        step.replies[-1] = Reply.make(last.text, [*last.buttons, [button]], link=last.link)
    step.data = {**(step.data or {}), KEY: walk}
    return step
