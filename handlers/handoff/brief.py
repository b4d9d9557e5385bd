"""What the staff see first about a handoff: why, on what, and the last questions.

Built when the citizen asks for a person, from the state the chat is in (the card's
procedure, the walkthrough's, the verified dossier) and the chat's last questions in the
question log (already masked). Stored on the handoff (``context``) for the staff group, the
API and the console.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.context import Context
from handlers.privacy import chat_hash_of, mask_name
from handlers.types import Incoming

RECENT = dt.timedelta(hours=2)
LAST_QUESTIONS = 5
REASONS = ("asked", "oos", "down", "confused", "contact", "reply")


def _procedure(ctx: Context, code: str) -> dict[str, str] | None:
    kb = ctx.services.kb
    proc = kb.get(code) if kb is not None and code else None
    return {"code": proc.code, "name": proc.display_name} if proc is not None else None


def reason_of(arg: str) -> tuple[str, str]:
    """``"down:1.001193"`` -> ``("down", "1.001193")``; unknown reasons are "asked"."""
    reason, _, code = arg.partition(":")
    return (reason if reason in REASONS else "asked"), code


async def build(ctx: Context, reason: str, code: str = "") -> dict[str, Any]:
    """The handoff's context (see the module docstring)."""
    state = ctx.left if ctx.left is not None and ctx.state.name == "menu:idle" else ctx.state
    out: dict[str, Any] = {"reason": reason, "flow": state.flow if state.flow != "handoff" else ""}
    proc = _procedure(ctx, code or str(state.data.get("code") or ""))
    if proc is not None and state.flow in ("search", "checklist", "menu", "feedback", "booking"):
        out["procedure"] = proc
    dossier = state.data.get("verified") if state.flow == "status" else None
    if dossier:
        out["dossier"] = str(dossier)
    since = ctx.now() - RECENT
    logged = await ctx.repos.questions.last_for_chat(chat_hash_of(ctx), since, LAST_QUESTIONS)
    questions = []
    guess = "procedure" not in out and "dossier" not in out
    for q in reversed(logged):
        answer = _procedure(ctx, q.top_code or "") if q.understood else None
        questions.append({"text": q.text, "answer": answer["name"] if answer else None})
        if guess and answer is not None and q.band == "answer":
            out["procedure"] = answer  # typed after a card: the latest card's procedure
    out["questions"] = questions
    return out


def citizen_name(msg: Incoming) -> str:
    """The citizen's display name on the platform, masked ('' when the channel has none)."""
    return mask_name(msg.user_name)
