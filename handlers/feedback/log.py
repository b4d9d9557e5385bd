"""The staff analytics' view of every turn: turns per chat and day, and the question log.

``Analytics`` is the engine's ``TurnObserver`` (wired in ``bot.app``). After the turn's
commit it counts the turn in memory (``counts``, written to ``chat_days`` in batches:
``handlers.feedback.counts``); inside the turn's transaction it logs each free-text question: intent,
band, top code and score, latency, channel, the chat's keyed hash and the text masked
(``handlers.privacy``). Two questions in a row the bot had nothing for get an offer of a
person ("Gặp cán bộ").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from handlers.common import handoff_button
from handlers.context import Context, Services, State
from handlers.feedback.counts import TurnCounts
from handlers.i18n import t
from handlers.privacy import chat_hash, chat_hash_of, chat_key, mask_text
from handlers.types import Button, Incoming, Reply, Step
from handlers.wards import single_ward_code
from handlers.workdays import local_date

IN_A_ROW = dt.timedelta(minutes=30)  # two misses further apart are not "in a row"
NOT_UNDERSTOOD = frozenset({"out_of_scope", "empty"})


def understood(result: Any) -> bool:
    """False when the bot had nothing to answer (out of scope, no procedure close enough)."""
    intent = getattr(result, "intent", "out_of_scope")
    if intent in NOT_UNDERSTOOD:
        return False
    return not (intent == "procedure" and getattr(result, "band", "none") == "none")


class Analytics:
    """Counts turns and logs questions (see the module docstring)."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.counts = TurnCounts()

    async def turn(self, repos: Any, msg: Incoming, state: State) -> None:
        """One more turn of this chat today (in memory until ``flush``)."""
        day = local_date(self.services.clock.now())
        key = chat_hash(chat_key(self.services), msg.channel, msg.chat_id)
        self.counts.add(day, msg.channel, key, msg.chat_id, single_ward_code(self.services))

    async def flush(self, uow_factory: Any) -> int:
        """Write the turns counted so far (``handlers.feedback.counts``)."""
        return await self.counts.flush(uow_factory)

    async def question(self, ctx: Context, result: Any, step: Step, elapsed_ms: float) -> None:
        """Log the question; after a second miss in a row, offer a person."""
        matches = getattr(result, "matches", None) or []
        top = matches[0] if matches else None
        ok = understood(result)
        key = chat_hash_of(ctx)
        now = ctx.now()
        before = await ctx.repos.questions.last_for_chat(key, now - IN_A_ROW, 1)
        await ctx.repos.questions.add(
            at=now,
            channel=ctx.msg.channel,
            chat_hash=key,
            text=mask_text(ctx.msg.text or ""),
            intent=str(getattr(result, "intent", "out_of_scope")),
            band=str(getattr(result, "band", "none")),
            top_code=getattr(top, "code", None),
            score=float(top.score) if top is not None else None,
            latency_ms=round(elapsed_ms),
            understood=ok,
            ward_code=single_ward_code(ctx.services),  # when the chat's profile names none
            chat_id=ctx.msg.chat_id,
        )
        if not ok and before and not before[0].understood:
            step.replies[:] = [_without_handoff(r) for r in step.replies]  # one offer, below
            step.replies.append(offer_person(ctx.locale))


def _without_handoff(reply: Reply) -> Reply:
    rows = [[b for b in row if not b.payload.startswith("ho:start:")] for row in reply.buttons]
    return Reply.make(reply.text, rows, reply.link)


def offer_person(locale: str) -> Reply:
    """ "Em chưa hiểu ý anh/chị...": a person, or go on with the bot."""
    person = handoff_button(locale, "confused")  # "có", "ok" typed to the offer: a person
    rows = [
        [Button(person.label, person.payload, "yes")],
        [Button(t("feedback.btn_no_person", locale), "mn:menu", "no")],
    ]
    return Reply.make(t("feedback.offer_person", locale), rows)
