"""The walkthrough after its summary, and its navigation buttons at every step."""

from __future__ import annotations

from typing import Any

from handlers import answers, sanitize
from handlers.checklist import typed
from handlers.checklist.steps import go_back, show_more, start_checklist
from handlers.common import same_buttons
from handlers.context import Context
from handlers.types import Incoming, Step


async def after_summary(msg: Incoming, ctx: Context) -> Step:
    """A question typed after the summary: a follow-up about the same procedure (fee, place,
    time...) is answered from its card; "quay lại" asks the last question again; a bare
    "có", "ok" is acknowledged; anything else is routed afresh."""
    text = msg.text or ""
    if msg.payload is None and sanitize.navigation_of(text) == "back" and ctx.data.get("history"):
        return await go_back(msg, ctx)
    if msg.payload is None and answers.role_of(text):
        return Step([same_buttons(ctx.t("checklist.after_summary_ack"), ctx.state)])
    if msg.payload is None and typed.is_done_asked(text):  # "xong chưa": yes, the list above
        kb = ctx.services.kb
        proc = kb.get(str(ctx.data.get("code", ""))) if kb is not None else None
        name = proc.display_name if proc is not None else ""
        return Step([same_buttons(ctx.t("checklist.summary_done", name=name), ctx.state)])
    if msg.payload is None and typed.is_restart(text):  # "làm lại từ đầu" after the summary
        ctx.arg = str(ctx.data.get("code", ""))
        return await start_checklist(msg, ctx)
    return await ctx.start("search", "follow_up", str(ctx.data.get("code", "")))


def with_navigation(step_fn: Any) -> Any:
    """ "Quay lại" and "Xem thêm" are valid only inside the walkthrough, at any step."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        if msg.payload is not None:
            action = msg.payload.split(":", 2)[1] if ":" in msg.payload else ""
            if action == "back":
                return await go_back(msg, ctx)
            if action == "more":
                return await show_more(msg, ctx)
        return await step_fn(msg, ctx)

    return step
