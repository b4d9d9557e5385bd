"""The phone number a Zalo OA citizen gave, with consent, for ZNS notices of one dossier.

Stored on the subscription row, encrypted (Fernet: AES-128-CBC with an HMAC-SHA256 tag), so
a copy of the database alone does not reveal it; unsubscribing deletes the row and the
number with it. The key comes from ``PHONE_ENCRYPTION_KEY`` (see ``bot.config``).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.jobs import utc
from bot.storage.models import Subscription


def _fernet(key: str) -> Fernet:
    digest = hashlib.sha256(b"tthc-phone-encryption:" + key.encode("utf-8")).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(phone: str, key: str) -> str:
    """The phone as a Fernet token (text)."""
    return _fernet(key).encrypt(phone.encode("utf-8")).decode("ascii")


def decrypt(token: str, key: str) -> str | None:
    """The phone back, or None when the token was made with another key or altered."""
    try:
        return _fernet(key).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        return None


class ContactRepo:
    """Phones for ZNS on subscriptions, in the caller's session."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def set_phone(
        self, code: str, channel: str, chat_id: str, phone: str, key: str, now: dt.datetime
    ) -> bool:
        """Keep ``phone`` (encrypted) on this chat's subscription to ``code``."""
        result = await self.session.execute(
            update(Subscription)
            .where(
                Subscription.dossier_code == code,
                Subscription.channel == channel,
                Subscription.chat_id == chat_id,
            )
            .values(phone_enc=encrypt(phone, key), consent_at=utc(now))
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def phone_for(
        self, channel: str, chat_id: str, code: str | None, key: str
    ) -> str | None:
        """The consented phone of this chat for ``code`` (any of its subscriptions when
        None), decrypted; None without one."""
        stmt = select(Subscription.phone_enc).where(
            Subscription.channel == channel,
            Subscription.chat_id == chat_id,
            Subscription.phone_enc.is_not(None),
        )
        if code:
            stmt = stmt.where(Subscription.dossier_code == code)
        token = (await self.session.execute(stmt.limit(1))).scalar_one_or_none()
        return decrypt(token, key) if token else None
