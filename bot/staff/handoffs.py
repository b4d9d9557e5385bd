"""What staff do to a handoff, whatever the door (the API, the Telegram staff group, the
console): answer the citizen, close the conversation.

Each action is one transaction that takes the handoff's row lock first, so two staff
answering at once are serialised: the thread's order is the order the citizen reads. The
message reaches the citizen as an event of the citizen's chat (``bot.storage.chat_events``),
committed with it: exactly once in effect, in order, after a restart, on any worker.
Staff text is plain text everywhere (no parse mode on Telegram, text on Zalo, the web chat
renders text), so markup typed by staff is shown, never interpreted.
"""

from __future__ import annotations

import re
from typing import Any

from bot.channels.body import clean_text
from bot.staff.scope import ADMIN, Scope
from bot.storage.handoff_records import HandoffRecord, ThreadMessage
from handlers.handoff.notify import JOB_KIND as POST_JOB

MAX_TEXT = 4000  # characters of one staff message (split per channel when sent)
MAX_STAFF = 64
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028-\u202e\ufeff]")


class HandoffError(Exception):
    """A staff action that cannot be done; ``status`` is the HTTP status the API answers."""

    def __init__(self, status: int, message: str, code: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


def staff_text(text: Any) -> str:
    """Control characters out (line breaks kept), trimmed; ``HandoffError`` 400 when
    nothing is left, 413 when too long."""
    cleaned = clean_text(text, MAX_TEXT + 1) if isinstance(text, str) else ""
    cleaned = _CONTROL.sub("", cleaned).strip()
    if not cleaned:
        raise HandoffError(400, "'text' must be a non-empty string")
    if len(cleaned) > MAX_TEXT:
        raise HandoffError(413, f"'text' is longer than {MAX_TEXT} characters")
    return cleaned


def staff_name(value: Any) -> str | None:
    """The staff member's name as given (``None`` when absent)."""
    if not isinstance(value, str):
        return None
    name = " ".join(clean_text(value, MAX_STAFF).split())
    return name[:MAX_STAFF] or None


def _wake(app: Any) -> None:
    from bot.channels.delivery import delivery_of

    delivery_of(app).wake_after(0)


async def _tell_citizen(repos: Any, handoff: HandoffRecord, payload: str, now: Any) -> None:
    """An event for the citizen's chat, committed with the action (the payload is its key)."""
    await repos.chat_events.post(
        handoff.channel, handoff.chat_id, payload, payload, now, locale=handoff.locale
    )


async def _locked(repos: Any, ref: str, scope: Scope) -> HandoffRecord:
    """The handoff, row-locked; 404 when unknown or of a ward ``scope`` does not see."""
    handoff_id = await repos.handoffs.id_of(ref)
    handoff = await repos.handoffs.lock(handoff_id) if handoff_id is not None else None
    if handoff is None or not scope.sees(handoff.ward_code):
        raise HandoffError(404, "no such handoff")
    found: HandoffRecord = handoff
    return found


async def reply(
    app: Any,
    ref: str,
    text: Any,
    staff: str | None,
    *,
    key: str | None = None,
    source: str = "api",
    staff_ref: str | None = None,
    scope: Scope = ADMIN,
) -> ThreadMessage:
    """Answer the citizen of handoff ``ref`` (id or code); a repeated ``key`` returns the
    first message (nothing is sent twice). 404 unknown (or another ward's), 409 closed."""
    body = staff_text(text)
    now = app.services.clock.now()
    async with app.uow() as uow:
        repos = uow.repos
        handoff = await _locked(repos, ref, scope)
        if key is not None and (seen := await repos.handoffs.message_by_key(key)) is not None:
            return seen  # type: ignore[no-any-return]
        if handoff.closed:
            raise HandoffError(409, "handoff is closed", handoff.code)
        message = await repos.handoffs.add_message(
            handoff.id, "staff", body, now, staff=staff, key=key, staff_ref=staff_ref
        )
        assert message is not None
        await repos.handoffs.staff_replied(handoff.id, staff or source, now)
        await _tell_citizen(repos, handoff, f"ho:staff:{message.id}", now)
        if source != "telegram" and app.services.settings.get("staff_group"):
            post = {"handoff": handoff.id, "what": "staff", "messages": [message.id]}
            await repos.jobs.enqueue(POST_JOB, now, post, f"hp:{handoff.id}:staff:{message.id}")
        await uow.commit()
    _wake(app)
    return message  # type: ignore[no-any-return]


async def close(
    app: Any, ref: str, staff: str | None, source: str = "api", scope: Scope = ADMIN
) -> tuple[Any, bool]:
    """Close handoff ``ref``; (the handoff, whether it was open). The citizen is told and,
    when a staff member had answered, asked how satisfied they are. 404 for another ward's."""
    now = app.services.clock.now()
    async with app.uow() as uow:
        repos = uow.repos
        handoff = await _locked(repos, ref, scope)
        changed = await repos.handoffs.close(handoff.id, staff or source, now)
        if changed:
            await _tell_citizen(repos, handoff, f"ho:closed:{handoff.id}", now)
            if source != "telegram" and app.services.settings.get("staff_group"):
                post = {"handoff": handoff.id, "what": "note", "note": "closed"}
                await repos.jobs.enqueue(POST_JOB, now, post, f"hp:{handoff.id}:note:closed")
        await uow.commit()
        fresh = await repos.handoffs.get(handoff.id)
    if changed:
        _wake(app)
    return fresh, changed
