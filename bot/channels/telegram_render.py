"""Pure conversions between Telegram objects and the neutral ``Incoming``/``Reply`` envelope.

No network here, so rendering and parsing are unit-tested without a bot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)

from handlers.i18n import t
from handlers.textsplit import TELEGRAM_LIMIT, split_text
from handlers.types import Incoming, Reply

log = logging.getLogger(__name__)

CHANNEL = "telegram"
CALLBACK_DATA_MAX = 64  # bytes, Telegram's cap on callback_data


@dataclass(frozen=True)
class Piece:
    """One Telegram message to send: text (<= 4096 chars) and an optional inline keyboard."""

    text: str
    markup: InlineKeyboardMarkup | None = None


def locale_of(language_code: str | None) -> str:
    """Vietnamese unless the Telegram client is set to English."""
    return "en" if (language_code or "").lower().startswith("en") else "vi"


def kind_of(message: Message) -> str:
    """The ``Incoming.kind`` of a message: text, sticker, photo, voice, location, file, other."""
    if message.text is not None:
        return "text"
    if message.sticker is not None:
        return "sticker"
    if message.photo:
        return "photo"
    if message.voice is not None or message.audio is not None or message.video_note is not None:
        return "voice"
    if message.location is not None or message.venue is not None:
        return "location"
    if message.document is not None or message.video is not None or message.animation:
        return "file"
    return "other"


def incoming_from_message(message: Message) -> Incoming:
    """A private-chat message as an ``Incoming`` (non-text kinds carry no text)."""
    user = message.from_user
    kind = kind_of(message)
    return Incoming(
        channel=CHANNEL,
        chat_id=str(message.chat.id),
        user_id=str(user.id) if user else None,
        text=message.text if kind == "text" else None,
        locale=locale_of(user.language_code if user else None),
        received_at=message.date,
        message_id=str(message.message_id),
        kind=kind,
        user_name=user.full_name if user else None,
    )


def incoming_from_callback(update: Update) -> Incoming | None:
    """A button press as an ``Incoming`` with the button's payload; None without data."""
    query = update.callback_query
    if query is None or not query.data or query.message is None or query.from_user is None:
        return None
    return Incoming(
        channel=CHANNEL,
        chat_id=str(query.message.chat.id),
        user_id=str(query.from_user.id),
        payload=query.data,
        locale=locale_of(query.from_user.language_code),
        message_id=str(query.message.message_id),
        kind="text",
    )


def addressed_in_group(message: Message, bot_id: int, username: str | None) -> bool:
    """In a group: a command for us, an @mention, a reply to us, or we were just added."""
    username = (username or "").lower()
    text = message.text or message.caption or ""
    if text.startswith("/"):
        command = text.split(maxsplit=1)[0]
        return "@" not in command or command.split("@", 1)[1].lower() == username
    if username and f"@{username}" in text.lower():
        return True
    reply_to = message.reply_to_message
    if reply_to is not None and reply_to.from_user is not None and reply_to.from_user.id == bot_id:
        return True
    return any(member.id == bot_id for member in message.new_chat_members or ())


def fits_callback(payload: str) -> bool:
    """Telegram rejects the whole message when one callback_data exceeds 64 bytes."""
    return 0 < len(payload.encode("utf-8")) <= CALLBACK_DATA_MAX


def render_reply(reply: Reply, locale: str = "vi", limit: int = TELEGRAM_LIMIT) -> list[Piece]:
    """A ``Reply`` as Telegram messages: text split between lines, keyboard on the last one.

    A button whose payload is too long for callback_data (a flow bug) is not dropped: it is
    listed as a numbered line, and the engine maps the typed number back to the payload.
    """
    lines: list[str] = []
    keyboard: list[list[InlineKeyboardButton]] = []
    number = 0
    for row in reply.buttons:
        out_row = []
        for button in row:
            number += 1
            if fits_callback(button.payload):
                out_row.append(InlineKeyboardButton(button.label, callback_data=button.payload))
            else:
                log.error("button payload over 64 bytes, shown as a numbered option")
                lines.append(t("telegram.numbered_option", locale, n=number, label=button.label))
        if out_row:
            keyboard.append(out_row)
    text = reply.text.strip() or "…"
    if reply.link:
        text = f"{text}\n\n{t('telegram.link', locale, url=reply.link)}"
    if lines:
        text = f"{text}\n\n{t('telegram.type_number', locale)}\n" + "\n".join(lines)
    parts = split_text(text, limit)
    markup = InlineKeyboardMarkup(keyboard) if keyboard else None
    return [Piece(p) for p in parts[:-1]] + [Piece(parts[-1], markup)]
