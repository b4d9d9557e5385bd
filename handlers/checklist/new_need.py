"""A new need asked in the middle of the walkthrough: offered, never taken as the answer.

"mà tôi cũng muốn hỏi làm sổ đỏ", "à cho hỏi đăng ký tạm trú cần gì" at "Trường hợp đặc
biệt?" or at a paper: a few of its words are close enough to an option ("mang thai hộ",
"nhà thuê, mượn hoặc ở nhờ") to be read as it, and the citizen's case was recorded wrong
(QA round 12, item 2). A message that asks ("cho hỏi", "muốn hỏi", "hỏi thêm", "với lại")
and names another procedure the search finds with confidence is that other need: the
walkthrough offers its card and asks its own question again, the answer left open. The
walkthrough's own procedure asked again (it was "chưa rõ ý") is said to be the one being
checked, and the question asked again.
"""

from __future__ import annotations

import re
from typing import Any

from handlers.checklist.switch import switch_step
from handlers.checklist.views import ask_next, load
from handlers.context import Context
from handlers.language import classify
from handlers.textsplit import clip
from handlers.topics import spelled, topic_of
from handlers.types import Button, Incoming, Reply, Step

# the words of a citizen asking something new ("à cho em hỏi", "mà tôi cũng muốn hỏi")
_ASKS = re.compile(
    r"\b(?:cho (?:em |tui |toi |minh |chau |con |ba |ong |co |chu )?hoi|muon hoi|hoi them"
    r"|hoi luon|hoi tiep|cung muon|con muon|voi lai|ngoai ra"
    r"|i also want|also ask|another question)\b"
)
NAME_MAX = 45


def asks_another(text: str) -> bool:
    """Whether the message is worded as a new question ("à cho hỏi ...", "cũng muốn ...")."""
    return bool(_ASKS.search(spelled(text)))


async def new_need_step(
    ctx: Context, proc: Any, plan: Any, data: dict[str, Any], text: str
) -> Step | None:
    """The offer of the other procedure ``text`` asks about, with the current question kept
    open; the same procedure asked again ("cho hỏi làm căn cước cần gì" in its walkthrough)
    is said to be the one being checked; None when it asks about none."""
    if ctx.services.index is None or not asks_another(text):
        return None
    result = classify(ctx, text)
    matches = getattr(result, "matches", None) or []
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    other = matches[0]
    step = await ask_next(ctx, proc, plan, data)
    name = proc.short_name or proc.name
    if other.code == proc.code:  # "cho hỏi làm căn cước cần gì" in its own walkthrough
        if topic_of(text) not in (None, "documents", "prepare"):
            return None  # "... mất bao lâu": the card's answer (``aside``)
        step.replies.insert(0, Reply(ctx.t("checklist.same_need", name=name)))
        return step
    offer = ctx.t("checklist.new_need", other=other.name, name=name)
    label = ctx.t("checklist.btn_new_need", other=clip(other.name, NAME_MAX)[0])
    asked = step.replies[-1]  # one message: the offer, its button first, then the question
    button = Button(label, f"sr:card:{other.code}")
    step.replies[-1] = Reply.make(f"{offer}\n\n{asked.text}", [[button], *asked.buttons])
    return step


def new_need_first(step_fn: Any) -> Any:
    """Wrap a walkthrough step: another procedure said to be the one wanted (read by the
    answer layer as a press, or handed over as text) is switched to, a new need asked is
    offered, before the step sees it."""

    async def step(msg: Incoming, ctx: Context) -> Step:
        text = msg.text if msg.payload is None else ctx.typed
        loaded = load(ctx) if text else None
        found = await switch_step(ctx, loaded[0], loaded[2], text or "") if loaded else None
        if found is None and loaded:  # "à cho hỏi làm sổ đỏ": offered, the question kept
            found = await new_need_step(ctx, *loaded, text or "")
        return found if found is not None else await step_fn(msg, ctx)

    return step
