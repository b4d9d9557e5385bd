"""Another procedure of the same family said in the middle of the walkthrough.

"làm lại do bị mất" while the first ID card is walked through, "thẻ bị hỏng nên đổi" at
the same question: the citizen's case is a sibling procedure ("Cấp lại thẻ căn cước",
"Cấp đổi thẻ căn cước"), and the papers differ. The message, read together with the
procedure's name, must find that sibling with confidence (an answer band, the family's own
words in its name); then the walkthrough offers to switch, and keeps its question for a
citizen who answers it instead.
"""

from __future__ import annotations

from typing import Any

from handlers.checklist import logic
from handlers.checklist.views import ask_next
from handlers.context import Context
from handlers.language import classify
from handlers.types import Button, Reply, Step
from knowledge.normalize import fold

MAX_WORDS = 8  # a short remark about the case; a longer message is a question of its own
# words of a name that say what is done, not which family of procedures it belongs to
ACTS = frozenset("cap dang ky lai doi moi thu tuc cho nguoi tu du tuoi tro len the".split())


def _family(name: str) -> set[str]:
    return set(fold(name).split()) - ACTS


async def sibling_step(
    ctx: Context, proc: Any, plan: logic.Plan, data: dict[str, Any], text: str
) -> Step | None:
    """The offer to switch to the sibling ``text`` names, with the current question kept;
    None when it names none."""
    words = text.split()
    if ctx.services.index is None or "?" in text or not 0 < len(words) <= MAX_WORDS:
        return None
    family = _family(proc.short_name or proc.name)
    result = classify(ctx, f"{text} {proc.short_name or proc.name}")
    matches = getattr(result, "matches", None) or []
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    other = matches[0]
    if other.code == proc.code or not family or not family <= _family(other.name):
        return None
    step = await ask_next(ctx, proc, plan, data)
    offer = ctx.t("checklist.sibling", other=other.name, name=proc.short_name or proc.name)
    button = Button(ctx.t("checklist.btn_sibling", other=other.name), f"ck:start:{other.code}")
    asked = step.replies[-1]  # one message: the offer, its button first, then the question
    step.replies[-1] = Reply.make(f"{offer}\n\n{asked.text}", [[button], *asked.buttons])
    return step
