"""A procedure question whose act is preparing or checking its papers starts the walkthrough.

"chuẩn bị giấy tờ khai sinh cho con", "kiểm tra giấy tờ đăng ký kết hôn giúp em", "cần
mang những gì khi đi làm căn cước": the answer is the one-by-one walkthrough of that
procedure, not its card. A confident match starts it at once; a "did you mean" choice
offers the closest procedures, each button leading into its walkthrough.
"""

from __future__ import annotations

from typing import Any

from handlers.common import home_row
from handlers.context import Context
from handlers.textsplit import clip
from handlers.types import Button, Incoming, Reply, Step
from knowledge.intents import wants_walkthrough

LABEL_MAX = 60


async def walkthrough_step(msg: Incoming, ctx: Context, result: Any) -> Step | None:
    """The walkthrough (or the choice leading into it) for a "prepare the papers of X"
    message; ``None`` when the message asks something else or names no procedure."""
    if not wants_walkthrough(msg.text or ""):
        return None
    matches = list(getattr(result, "matches", []) or [])
    band = getattr(result, "band", "none")
    if not matches or band not in ("answer", "suggest"):
        return None
    if band == "answer":
        return await ctx.start("checklist", "start", matches[0].code)
    rows = [[Button(clip(m.name, LABEL_MAX)[0], f"ck:start:{m.code}")] for m in matches[:3]]
    rows.append([Button(ctx.t("search.btn_none"), "sr:none:", "no")])
    rows.extend(home_row(ctx))
    codes = [m.code for m in matches[:3]]
    reply = Reply.make(ctx.t("search.did_you_mean_docs"), rows)
    return Step([reply], next="search:suggest", data={"codes": codes, "walk": True})
