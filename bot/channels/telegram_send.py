"""Building the PTB application and sending through it: rate limits and retries.

Telegram allows about 30 messages per second per bot and asks for no more than about one per
second in one chat (20 per minute in a group). PTB's ``AIORateLimiter`` covers the overall
and group limits and retries 429s (``retry_after``); it does not pace private chats, so
``ChatRateLimiter`` adds a small leaky bucket per private chat (a burst of a few messages,
then one per second). Network errors and time-outs are retried here with a back-off, so a
reply is not lost to a dropped connection (at worst sent twice after an ambiguous time-out).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
)
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, Application

from bot.channels.telegram_render import locale_of, render_reply
from handlers.i18n import t
from handlers.types import Reply

log = logging.getLogger(__name__)

RETRY_DELAYS: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0)  # back-off for network errors
MAX_RETRY_AFTER = 60.0  # never sleep longer than this on one 429
CHAT_BURST = 4  # messages a private chat may get at once (a split card plus its keyboard)
CHAT_RATE = 1.0  # then messages per second in one private chat
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # the official-page link needs no big card


class ChatRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` plus about one message per second per private chat."""

    def __init__(self, burst: int = CHAT_BURST, rate: float = CHAT_RATE, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._burst = burst
        self._period = burst / rate
        self._chats: dict[int, AsyncLimiter] = {}

    def _chat_limiter(self, chat_id: int) -> AsyncLimiter:
        if len(self._chats) > 1024:  # forget idle chats (a full bucket has nothing to remember)
            for key, limiter in list(self._chats.items()):
                if key != chat_id and limiter.has_capacity(limiter.max_rate):
                    del self._chats[key]
        if chat_id not in self._chats:
            self._chats[chat_id] = AsyncLimiter(self._burst, self._period)
        return self._chats[chat_id]

    async def process_request(
        self,
        callback: Callable[..., Any],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        """Pace private chats (positive ids), then apply PTB's limits and 429 retries."""
        try:
            chat_id = int(data.get("chat_id"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            chat_id = 0
        if chat_id > 0:
            async with self._chat_limiter(chat_id):
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )


def file_url_for(base_url: str | None, base_file_url: str | None) -> str | None:
    """``TELEGRAM_BASE_FILE_URL``, else the file URL of a self-hosted ``.../bot`` base URL."""
    if base_file_url:
        return base_file_url
    if base_url and base_url.rstrip("/").endswith("/bot"):
        return base_url.rstrip("/")[: -len("/bot")] + "/file/bot"
    return None


def build_application(
    token: str, base_url: str | None, base_file_url: str | None, *, webhook: bool
) -> Application:
    """A PTB application for ``token``; without an updater in webhook mode."""
    builder = (
        Application.builder()
        .token(token)
        .rate_limiter(ChatRateLimiter(max_retries=3))
        # turns of different chats run side by side; one chat stays ordered (channel lock)
        .concurrent_updates(64)
    )
    if base_url:
        builder = builder.base_url(base_url)
    if base_file_url:
        builder = builder.base_file_url(base_file_url)
    if webhook:
        builder = builder.updater(None)
    return builder.build()


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds to wait, without PTB 22's deprecation warning on the int attribute."""
    value = getattr(exc, "_retry_after", None)
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = exc.retry_after
    return raw.total_seconds() if isinstance(raw, dt.timedelta) else float(raw)


async def call(fn: Callable[..., Awaitable[Any]], /, **kwargs: Any) -> Any:
    """``await fn(**kwargs)`` retrying network errors, time-outs and left-over 429s.

    A ``BadRequest`` (a subclass of ``NetworkError`` in PTB) is a bug in what we sent and is
    raised at once, like ``Forbidden`` (the citizen blocked the bot).
    """
    for attempt in range(len(RETRY_DELAYS) + 1):
        try:
            return await fn(**kwargs)
        except BadRequest:
            raise
        except RetryAfter as exc:
            wait = min(retry_after_seconds(exc), MAX_RETRY_AFTER)
            error: Exception = exc
        except NetworkError as exc:  # includes TimedOut
            wait = RETRY_DELAYS[attempt] if attempt < len(RETRY_DELAYS) else 0
            error = exc
        if attempt == len(RETRY_DELAYS):
            raise error
        log.warning("telegram %s; retry %d in %.1fs", type(error).__name__, attempt + 1, wait)
        await asyncio.sleep(wait)
    raise AssertionError("unreachable")


async def quietly(coro: Awaitable[Any]) -> None:
    """Await a best-effort call (answer a button, remove a keyboard); log failures."""
    try:
        await coro
    except TelegramError as exc:
        log.info("telegram best-effort call failed: %s", type(exc).__name__)


def chat_ref(chat_id: str | int) -> int | str:
    """Numeric chat ids as ints (what the API returns); ``@channel`` names as they are."""
    text = str(chat_id)
    return int(text) if text.lstrip("-").isdigit() else text


async def send_reply(bot: Bot, chat_id: str | int, reply: Reply, locale: str = "vi") -> None:
    """Send one ``Reply`` as one or more messages, the keyboard on the last one."""
    for piece in render_reply(reply, locale):
        await call(
            bot.send_message,
            chat_id=chat_ref(chat_id),
            text=piece.text,
            reply_markup=piece.markup,
            link_preview_options=NO_PREVIEW,
        )


async def send_group_note(bot: Bot, message: Message) -> None:
    """Tell a group, once per addressing, that the bot talks in private chats (with a link)."""
    locale = locale_of(message.from_user.language_code if message.from_user else None)
    markup = None
    if bot.username:
        button = InlineKeyboardButton(
            t("telegram.btn_private", locale), url=f"https://t.me/{bot.username}"
        )
        markup = InlineKeyboardMarkup([[button]])
    await call(
        bot.send_message,
        chat_id=message.chat.id,
        text=t("telegram.group_private", locale),
        reply_markup=markup,
        link_preview_options=NO_PREVIEW,
    )


COMMANDS = ("start", "menu", "huy", "help")


async def set_commands(bot: Bot) -> None:
    """The command menu in Vietnamese (default) and English; failures are only logged."""
    for locale, language in (("vi", None), ("en", "en")):
        commands = [BotCommand(c, t(f"telegram.commands.{c}", locale)) for c in COMMANDS]
        try:
            await bot.set_my_commands(commands, language_code=language)
        except Exception:  # commands are a convenience; the bot works without them
            log.exception("setMyCommands failed")
