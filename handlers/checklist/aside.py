"""A card follow-up asked in the middle of the walkthrough, answered without leaving it.

"có bị phạt không nếu chưa đăng ký", "giấy này có giá trị bao lâu", "lệ phí bao nhiêu"
typed at a question or a document: the search flow answers it from the procedure's data
(entry ``inside``, the same answers as after the card), then the walkthrough asks its
current question again; nothing answered so far is lost.
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.views import ask_next
from handlers.context import Context
from handlers.types import Reply, Step

# asked before the walkthrough reads the text as a paraphrased answer: these topics never
# answer a question of it ("nếu chưa đăng ký có bị phạt không" holds "đăng ký")
NEVER_AN_ANSWER = frozenset({"penalty", "validity", "legal"})


async def card_answer(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]
) -> Step | None:
    """The procedure's answer and the same question again, or None when the text is not
    such a follow-up."""
    arg = ctx.arg
    answer = await ctx.start("search", "inside", proc.code)
    ctx.arg = arg
    if answer.unhandled or not answer.replies:
        return None
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(answer.replies[0].text + "\n\n" + ctx.t("checklist.again")))
    return step


async def progress(ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any]) -> Step:
    """ "xong chưa em" in the middle of the walkthrough: how many papers are left to check
    (the case questions still open count as one step), and the same question again."""
    told = set(data.get("implied", []))
    applicable = [d for d in logic.applicable_documents(plan, data["answers"]) if d.id not in told]
    left = len([d for d in applicable if d.id not in data["docs"]])
    asking = (data.get("pos") or [""])[0]
    key = "checklist.left_questions" if asking == "q" else "checklist.left_papers"
    step = await ask_next(ctx, proc, plan, data)
    step.replies.insert(0, Reply(ctx.t(key, n=left)))
    return step
