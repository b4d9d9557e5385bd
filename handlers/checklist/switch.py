"""Another procedure named inside the walkthrough as the one wanted: a change of topic.

"à nhầm, tôi muốn làm khai tử" at a question of the birth registration's walkthrough: a
few of its words ("làm", "nhầm") were read as an answer, or as correcting an earlier one
(QA round 14, item 2). A message that says the citizen wants or needs another procedure
("muốn làm", "cần làm", "định làm", "nhầm", "lộn", "chuyển sang") and names one the search
finds with confidence switches to that procedure's card; the walkthrough is kept whole in
the card's state, and its button "Tiếp tục kiểm tra giấy tờ ..." (or a typed "quay lại")
brings it back exactly where it was (``handlers.kept_walk``). "à nhầm, cả nhà cùng đăng ký" names no procedure and
stays a correction of an answer (``handlers.checklist.correct``).
"""

from __future__ import annotations

import re
from typing import Any

from handlers.checklist.views import ask_next, plan_of
from handlers.common import old_button
from handlers.context import Context
from handlers.kept_walk import kept, with_way_back
from handlers.language import classify
from handlers.topics import spelled
from handlers.types import Incoming, Reply, Step

# a wish for another procedure, or a mistake said ("à nhầm", "lộn rồi", "chuyển sang")
_WANTS = re.compile(
    r"\b(?:(?:muon|can|dinh|se|mun) (?:lam|di lam|xin)|nham|lon roi|a lon|chuyen sang"
    r"|doi sang|i want|i need|actually|wrong procedure)\b"
)


def wants_other(text: str) -> bool:
    """Whether the message says a procedure is wanted, or that this one was a mistake."""
    return bool(_WANTS.search(spelled(text)))


async def switch_step(ctx: Context, proc: Any, data: dict[str, Any], text: str) -> Step | None:
    """The card of the other procedure ``text`` says is wanted, the walkthrough kept for
    the way back; None when the message names none (or names this one)."""
    if ctx.services.index is None or not wants_other(text):
        return None
    result = classify(ctx, text)
    matches = getattr(result, "matches", None) or []
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    other = matches[0]
    if other.code == proc.code:
        return None
    step = with_way_back(ctx, await ctx.start("search", "card", other.code), data)
    name = proc.short_name or proc.name
    note = ctx.t("checklist.switched", other=other.name, name=name)
    step.replies.insert(0, Reply(note))
    return step


async def resume(msg: Incoming, ctx: Context) -> Step:
    """``ck:resume:``: the walkthrough kept when the citizen switched to another card, back
    at the question it was at (nothing asked again)."""
    walk = kept(ctx)
    kb = ctx.services.kb
    proc = kb.get(str(walk["code"])) if walk is not None and kb is not None else None
    if proc is None or walk is None:
        return old_button(ctx)
    data = dict(walk)
    data["rev"] = int(data.get("rev", 0)) + 1  # its buttons from before the switch are old
    step = await ask_next(ctx, proc, plan_of(ctx, proc), data)
    step.replies.insert(0, Reply(ctx.t("checklist.resumed", name=proc.short_name or proc.name)))
    return step
