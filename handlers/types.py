"""The neutral message envelope every channel converts to and from.

Nothing channel-specific crosses this boundary: a Telegram update, a Zalo webhook, a web chat
POST and a terminal line all become an ``Incoming``; the engine answers with ``Reply`` objects
that each channel renders (inline keyboards, numbered options, HTML buttons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """An option the citizen can press; ``payload`` is short (Telegram caps it at 64 bytes).

    ``role`` says what typing means this button when its label does not say it: ``yes``,
    ``no``, ``unknown``, ``back``, ``stop`` (see ``handlers.answers``). Channels ignore it.
    """

    label: str
    payload: str
    role: str = ""


@dataclass(frozen=True)
class Incoming:
    """One message or button press from a citizen, channel-neutral."""

    channel: str
    chat_id: str
    text: str | None = None
    payload: str | None = None
    user_id: str | None = None
    locale: str = "vi"
    received_at: dt.datetime | None = None
    message_id: str | None = None
    # text | sticker | photo | voice | location | file | other; "event" is internal (a staff
    # reply or a timer for this chat, ``bot.storage.chat_events``), never from a channel
    kind: str = "text"
    user_name: str | None = None  # the platform's display name (stored only masked)


@dataclass(frozen=True)
class Reply:
    """One message to send back, with optional button rows and a link."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    link: str | None = None

    @classmethod
    def make(
        cls,
        text: str,
        buttons: Iterable[Iterable[Button]] = (),
        link: str | None = None,
    ) -> Reply:
        """Build a reply from any nested iterables of buttons (rows of buttons)."""
        rows = tuple(tuple(row) for row in buttons)
        return cls(text=text, buttons=tuple(r for r in rows if r), link=link)

    def flat_buttons(self) -> list[Button]:
        """All buttons in reading order (used by text-only channels to number them)."""
        return [b for row in self.buttons for b in row]

    def to_dict(self) -> dict[str, Any]:
        """JSON shape used by the terminal chat and the web API (contract)."""
        out: dict[str, Any] = {
            "text": self.text,
            "buttons": [
                [{"label": b.label, "payload": b.payload} for b in row] for row in self.buttons
            ],
        }
        if self.link:
            out["link"] = self.link
        return out


@dataclass
class Step:
    """What a step function returns.

    ``next`` is the next state as ``flow:step`` (None keeps the current one); ``data`` replaces
    the state's data dict when given. ``unhandled`` tells the engine the text was not meant for
    this step (e.g. a brand-new question typed mid-walkthrough): the engine routes it afresh,
    after the step's own ``replies`` if it gave any. ``locale`` switches the chat's language.
    ``silent``: no replies is the answer (a message relayed to staff), not "not understood".
    """

    replies: list[Reply] = field(default_factory=list)
    next: str | None = None
    data: dict[str, Any] | None = None
    unhandled: bool = False
    locale: str | None = None
    silent: bool = False


StepFn = Callable[[Incoming, Any], Awaitable[Step]]


def rows(*buttons: Button, per_row: int = 1) -> list[list[Button]]:
    """Lay buttons out ``per_row`` to a row."""
    out: list[list[Button]] = []
    for i in range(0, len(buttons), per_row):
        out.append(list(buttons[i : i + per_row]))
    return out


def first_text(replies: Sequence[Reply]) -> str:
    """Text of the first reply, or '' (handy in tests and logs)."""
    return replies[0].text if replies else ""
