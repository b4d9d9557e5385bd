"""A dossier lookup and a procedure question in one message: "tra hồ sơ 000.00.14.H20-...
với hỏi luôn làm căn cước mất bao lâu".

The lookup goes on as always (the status flow asks the phone's last four digits), and the
other need is not dropped: the question about the procedure is answered from its data in a
reply before the lookup's, or, when it asks nothing in particular, the procedure is named so
the citizen can ask it next. The status flow is handed the turn by name
(``ctx.start("status", "start")``).
"""

from __future__ import annotations

import re
from typing import Any

from handlers.context import Context
from handlers.language import classify
from handlers.search import details
from handlers.topics import topic_of
from handlers.types import Incoming, Reply, Step
from knowledge.normalize import fold

# where a second need starts in the message
_SPLIT = re.compile(r",|;|\.|\?|\b(?:voi|va|con|tien the|nhan tien|them|luon|roi)\b")
# a clause about the dossier itself, not another need
_DOSSIER = re.compile(r"\b(?:ho so|toi dau|den dau|xong chua|tra cuu|tra|bien nhan|ma)\b")


def other_need(ctx: Context, text: str) -> tuple[Any, str] | None:
    """The procedure another clause of the message asks about, and that clause."""
    code = getattr(ctx.result, "receipt_code", None) or ""
    rest = text.replace(code, " ") if code else text
    folded = " ".join(fold(rest).split())
    for clause in _SPLIT.split(folded):
        clause = " ".join(w for w in clause.split() if not any(c.isdigit() for c in w))
        if len(clause.split()) < 2 or _DOSSIER.search(clause):
            continue
        result = classify(ctx, clause)
        matches = getattr(result, "matches", None) or []
        if getattr(result, "intent", "") == "procedure" and result.band == "answer" and matches:
            proc = ctx.services.kb.get(matches[0].code) if ctx.services.kb else None
            if proc is not None:
                return proc, clause
    return None


async def lookup_and_more(msg: Incoming, ctx: Context) -> Step:
    """Intent ``dossier_status``: the lookup, with the other need answered before it."""
    found = other_need(ctx, msg.text or "") if ctx.services.index is not None else None
    step = await ctx.start("status", "start")
    if found is None or step.unhandled:
        return step
    proc, clause = found
    topic = topic_of(clause)
    if topic in details_topics():
        text = ctx.t("search.other_need_answer", name=proc.display_name)
        text = f"{text}\n{details.follow_up_text(ctx, proc, topic)}"
    else:
        text = ctx.t("search.other_need_later", name=proc.display_name)
    step.replies.insert(0, Reply(text))
    return step


def details_topics() -> frozenset[str]:
    """The card parts a follow-up answers in one reply (no step of its own)."""
    return frozenset(
        {"fee", "amount", "time", "deadline", "penalty", "validity", "legal", "notice", "online"}
    )
