"""A procedure named on its own ("đăng ký khai sinh") in the middle of a flow's question.

At the booking's ward question or programme list, a bare procedure name is what the citizen
needs help with (QA round 14, item 5: it left the booking silently for the card). The flows
that keep it as the booking's need (``handlers.ward``, ``handlers.booking``) share this
reading; a question about the procedure ("... cần gì?") is none.
"""

from __future__ import annotations

from typing import Any

from handlers.context import Context
from handlers.language import classify
from handlers.topics import is_question


def named_procedure(ctx: Context, text: str) -> Any:
    """The search's confident match (``code``, ``name``) for a bare procedure name, or None."""
    if "?" in text or is_question(text) or ctx.services.index is None:
        return None
    result = classify(ctx, text)
    matches = getattr(result, "matches", None) or []
    if getattr(result, "intent", "") != "procedure" or getattr(result, "band", "") != "answer":
        return None
    return matches[0] if matches else None
