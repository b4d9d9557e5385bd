"""A card follow-up typed in the middle of another flow's question (the walkthrough).

"có bị phạt không nếu chưa đăng ký", "giấy này có giá trị bao lâu", "cần bản sao không",
"căn cứ luật nào" typed while the walkthrough asks something: the answer comes from *that*
procedure's data, as after its card (``handlers.search.details``), and the asking flow
repeats its question, the state untouched. Entry ``inside`` (``ctx.start("search",
"inside", code)``); anything that is not such a question is ``unhandled``.
"""

from __future__ import annotations

from handlers.context import Context
from handlers.search import details
from handlers.topics import is_question, topic_of
from handlers.types import Incoming, Reply, Step

# the card parts a walkthrough question never answers itself (where, online and the
# documents are asked by the walkthrough: those keep its own handling)
INSIDE = frozenset(
    {
        "fee",
        "amount",
        "time",
        "deadline",
        "penalty",
        "validity",
        "copies",
        "legal",
        "notice",
        "hours",
    }
)
ALWAYS_ASKED = frozenset({"penalty", "validity", "legal"})  # never an answer to a question


def asked_topic(text: str) -> str | None:
    """The card part a question typed inside a flow asks about, or None."""
    topic = topic_of(text)
    asked = topic in ALWAYS_ASKED or is_question(text) or "?" in text
    return topic if topic in INSIDE and asked else None


async def answer_inside(msg: Incoming, ctx: Context) -> Step:
    """The answer, from the procedure ``ctx.arg``, as one reply and no state change."""
    kb = ctx.services.kb
    proc = kb.get(ctx.arg) if kb is not None and ctx.arg else None
    topic = asked_topic(msg.text or "")
    if proc is None or topic is None:
        return Step(unhandled=True)
    ward = await ctx.ward() if topic == "hours" else None
    return Step([Reply(details.follow_up_text(ctx, proc, topic, ward))])
