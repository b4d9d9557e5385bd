"""Telling the staff group about a handoff: jobs the bot side posts (``handoff_post``).

A flow cannot talk to Telegram; it queues a job in the turn's own transaction, which
``bot.channels.telegram_staff`` runs when a staff group is configured
(``TELEGRAM_STAFF_CHAT_ID``). ``what``: ``new`` (the context, and the first messages),
``message`` (a citizen's message, posted as a reply in the handoff's thread) or ``note``
(the handoff became a ticket, the citizen ended it). The dedupe key makes a retried turn
post nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.context import Context

JOB_KIND = "handoff_post"


async def post_to_staff(
    ctx: Context, handoff_id: int, what: str, messages: Sequence[int] = (), note: str = ""
) -> None:
    """Queue a post for the staff group (nothing when no group is configured)."""
    if not ctx.services.settings.get("staff_group"):
        return
    payload = {"handoff": handoff_id, "what": what, "messages": list(messages), "note": note}
    tail = ",".join(str(m) for m in messages) or note
    key = f"hp:{handoff_id}:{what}:{tail}"
    await ctx.repos.jobs.enqueue(JOB_KIND, ctx.now(), payload, key[:128])
