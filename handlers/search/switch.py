""" "còn tạm trú thì sao", "thế còn tạm trú" after a card: a question about another procedure.

After the card of "Đăng ký thường trú", "còn X thì sao" that names another procedure (not
one of this card's papers: "còn cái tờ khai thì sao" stays on the card) is that procedure's
question; when the citizen had asked one part of the card before (its fee, its time), the
same part of the other procedure is the answer ("lệ phí bao nhiêu" then "còn tạm trú thì
sao" is tạm trú's fee).
"""

from __future__ import annotations

import re

from handlers.context import Context
from handlers.language import classify
from handlers.search.papers import PAPER_NOUNS
from handlers.topics import spelled, topic_of
from knowledge.schema import Procedure

_THE_CON = re.compile(
    r"^(?:the|vay|a|ua|roi|con)\s+con\s+(?:cai\s+|thu tuc\s+|viec\s+|vu\s+|lam\s+)?"
    r"(?P<what>.+?)(?:\s+(?:a|vay|nhi|em|ad|nha|ha|thi sao|thi the nao|thi ra sao))*$"
)
# parts of a card asked again, kept for the next procedure named ("còn tạm trú thì sao")
KEPT_TOPICS = frozenset(
    "fee time place online legal penalty validity deadline proxy copies documents".split()
)


def _named(text: str, also: str | None) -> str | None:
    if also:
        return also
    found = _THE_CON.match(" ".join(spelled(text).split()))
    return found.group("what") if found else None


def other_asked(ctx: Context, text: str, also: str | None, proc: Procedure) -> str | None:
    """The code of the other procedure "còn X thì sao" / "thế còn X" names with confidence,
    or None (X a paper, a part of the card, or nothing the search is sure of)."""
    what = _named(text, also)
    if not what or set(what.split()) & PAPER_NOUNS or topic_of(what) is not None:
        return None
    result = classify(ctx, what)
    matches = list(getattr(result, "matches", None) or [])
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    code = str(matches[0].code) if matches else ""
    return code if code and code != proc.code else None


def kept_topic(ctx: Context) -> str:
    """The part of the card the citizen asked last ("fee"), '' when none was asked."""
    topic = str(ctx.data.get("topic", "")) if ctx.state.flow == "search" else ""
    return topic if topic in KEPT_TOPICS else ""
