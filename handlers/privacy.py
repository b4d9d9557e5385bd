"""What may be kept of a chat for the staff's statistics: a keyed hash, and masked text.

- ``chat_hash``: HMAC-SHA256 of channel and chat id under a deployment secret, so the
  question log can tell "the same chat asked again" without holding the chat id;
- ``mask_text``: receipt codes, phone numbers, ID numbers (CCCD/CMND, any long digit run)
  and e-mail addresses replaced by placeholders, before anything is stored or shown to staff
  in a summary;
- ``mask_name``: "Nguyễn Văn An" -> "Nguyễn V*** A" (the platform's display name).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Any

from knowledge.receipts import parse_receipt

RECEIPT_MARK = "[mã hồ sơ]"
PHONE_MARK = "[số điện thoại]"
ID_MARK = "[số giấy tờ]"
EMAIL_MARK = "[email]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\d\w])(?:\+?84|0)(?:[\s.\-]?\d){8,10}(?!\d)")
# 9 digits or more, spaces, dots or dashes between groups: ID card numbers and the like
_LONG_NUMBER = re.compile(r"(?<![\d\w])\d(?:[\s.\-]?\d){8,}(?!\d)")
MAX_SCAN = 4000


def chat_hash(key: str, channel: str, chat_id: str) -> str:
    """The keyed hash (hex) standing for a chat in the analytics tables."""
    message = f"{channel}:{chat_id}".encode()
    return hmac.new(key.encode("utf-8"), message, hashlib.sha256).hexdigest()


def chat_key(services: Any) -> str:
    """The key of the chat hashes (``bot.app`` sets it from ``PHONE_HASH_KEY``)."""
    return str(services.settings.get("chat_hash_key") or "tthc-dev-chat-key")


def chat_hash_of(ctx: Any) -> str:
    """The keyed hash of the chat of this turn (``ctx``: ``handlers.context.Context``)."""
    return chat_hash(chat_key(ctx.services), ctx.msg.channel, ctx.msg.chat_id)


def _mask_receipts(text: str) -> str:
    out = []
    rest = text
    for _ in range(20):  # a pasted list of codes: each one goes
        found = parse_receipt(rest)
        if found is None:
            break
        out.append(rest[: found.start] + RECEIPT_MARK)
        rest = rest[found.end :]
    return "".join(out) + rest


def mask_text(text: str) -> str:
    """``text`` without receipt codes, phones, ID numbers and e-mails (placeholders)."""
    text = (text or "")[:MAX_SCAN]
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _mask_receipts(text)
    text = _PHONE.sub(PHONE_MARK, text)
    return _LONG_NUMBER.sub(ID_MARK, text)


def mask_name(name: str | None) -> str:
    """Family name kept, the other words reduced to an initial (``Lan`` -> ``L***``)."""
    words = " ".join((name or "").split())[:80].split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][:1] + "***"
    middle = [w[:1] + "***" for w in words[1:-1]]
    return " ".join([words[0], *middle, words[-1][:1]])
