"""Telegram channel (python-telegram-bot 22): polling or webhook, wired by ``setup``.

Polling when ``TELEGRAM_BOT_TOKEN`` is set without ``TELEGRAM_WEBHOOK_URL``; otherwise the
aiohttp server receives ``POST /webhooks/telegram`` (see ``telegram_webhook``) and feeds the
PTB ``Application`` built with ``.updater(None)``. Conversation state is never kept in PTB:
every update goes through ``handlers.engine.Engine`` like any other channel.

Choices worth knowing:
- Redelivered updates (same ``update_id``) are processed once, using the database, so several
  worker processes behind one webhook URL agree.
- An inline keyboard is single-use: the first press removes it and later presses on the same
  message (double taps, a second worker) only get a short notice.
- Group chats: the bot answers only when addressed (a command, an @mention, a reply to it, or
  being added) and then only points to a private chat, because conversations hold personal
  data (dossier codes, phone digits) that must not be shown to a whole group.
- Edited messages get a polite note asking to send a new message: re-running an old turn
  mid-conversation would answer out of context.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes, TypeHandler

from bot.channels import telegram_send as sending
from bot.channels.telegram_render import (
    CHANNEL,
    addressed_in_group,
    incoming_from_callback,
    incoming_from_message,
)
from bot.channels.telegram_send import file_url_for
from bot.channels.telegram_webhook import make_handler, webhook_secret
from handlers.i18n import t
from handlers.types import Reply

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
KEYBOARD_CLAIMS = "telegram-kb"  # processed_updates channel for single-use keyboards
PRUNE_AFTER_DAYS = 7  # Telegram keeps undelivered updates for 24 h; a week is ample
PRUNE_EVERY = 5000  # claims between two prunes of old records
START_RETRY_S = 5.0


class TelegramChannel:
    """One bot: the PTB application, its start/stop, update handling and sending."""

    def __init__(
        self,
        app: Any,
        *,
        token: str,
        base_url: str | None = None,
        base_file_url: str | None = None,
        webhook_url: str | None = None,
        secret: str | None = None,
        poll_timeout: int = 10,
    ) -> None:
        self.app = app
        self.webhook_url = webhook_url
        self.secret = webhook_secret(token, secret)
        self.poll_timeout = poll_timeout
        self.application = sending.build_application(
            token, base_url, file_url_for(base_url, base_file_url), webhook=bool(webhook_url)
        )
        self.application.add_handler(TypeHandler(Update, self.on_update))
        self.application.add_error_handler(self._on_error)
        self.started = asyncio.Event()
        self._claims = 0
        self._task: asyncio.Task[None] | None = None
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    # -- lifecycle -------------------------------------------------------------------------
    def start_background(self) -> None:
        """Start in a task that retries, so the web chat serves even when Telegram is down."""
        self._task = asyncio.create_task(self._start_with_retry(), name="telegram-start")

    async def _start_with_retry(self) -> None:
        while True:
            try:
                await self.start()
                return
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("telegram start failed; retrying in %.0fs", START_RETRY_S)
                await self._stop_application()
                await asyncio.sleep(START_RETRY_S)

    async def start(self) -> None:
        """Initialise the bot, register commands, then set the webhook or start polling."""
        application = self.application
        await application.initialize()
        await self._prune_claims()
        await sending.set_commands(self.application.bot)
        await application.start()
        if self.webhook_url:
            await application.bot.set_webhook(
                url=self.webhook_url,
                secret_token=self.secret,
                allowed_updates=ALLOWED_UPDATES,
            )
            log.info("telegram webhook set")
        else:
            assert application.updater is not None
            await application.updater.start_polling(
                timeout=self.poll_timeout,
                allowed_updates=ALLOWED_UPDATES,
                error_callback=_log_polling_error,
            )
            log.info("telegram polling started")
        self.started.set()

    async def stop(self) -> None:
        """Stop polling and the application; bounded so SIGTERM shutdown stays under 5 s."""
        if self._task is not None and not self._task.done():
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        try:
            await asyncio.wait_for(self._stop_application(), timeout=2)
        except TimeoutError:
            log.warning("telegram stop timed out")

    async def _stop_application(self) -> None:
        application = self.application
        try:
            if application.updater is not None and application.updater.running:
                await application.updater.stop()
            if application.running:
                await application.stop()
            await application.shutdown()
        except Exception:  # shutting down: report, never block the rest of the cleanup
            log.exception("telegram stop failed")

    async def _prune_claims(self) -> None:
        import datetime as dt

        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=PRUNE_AFTER_DAYS)
        async with self.app.uow() as uow:
            await uow.repos.updates.prune(cutoff)
            await uow.commit()

    # -- receiving -------------------------------------------------------------------------
    async def on_update(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Every update from polling or the webhook lands here."""
        if update.callback_query is not None:
            await self._on_callback(update)
            return
        message = update.message or update.edited_message
        if message is None or message.from_user is None or message.from_user.is_bot:
            return  # channel posts, other bots, service updates
        chat_id = str(message.chat.id)
        async with self._lock(chat_id):  # taken first so one chat's messages keep their order
            if not await self._claim((CHANNEL, update.update_id)):
                log.info("telegram update %s redelivered: skipped", update.update_id)
                return
            if message.chat.type != "private":
                bot = self.application.bot
                if update.message is not None and addressed_in_group(
                    message, bot.id, bot.username
                ):
                    await sending.send_group_note(bot, message)
                return
            msg = incoming_from_message(message)
            if update.edited_message is not None:
                await self.send(chat_id, Reply(t("telegram.edited", msg.locale)), msg.locale)
                return
            replies = await self.app.engine.handle(msg)
            await self._send_turn(chat_id, replies, msg.locale)

    async def _on_callback(self, update: Update) -> None:
        query = update.callback_query
        assert query is not None
        msg = incoming_from_callback(update)
        if msg is None or query.message is None or query.message.chat.type != "private":
            await sending.quietly(query.answer())
            return
        if not await self._claim((CHANNEL, update.update_id)):
            return
        fresh = await self._claim((KEYBOARD_CLAIMS, f"{msg.chat_id}:{msg.message_id}"))
        # answer at once: the citizen's button stops spinning before the turn runs
        await sending.quietly(
            query.answer(text=None if fresh else t("telegram.button_used", msg.locale))
        )
        if not fresh:
            return
        async with self._lock(msg.chat_id):
            await sending.quietly(
                self.application.bot.edit_message_reply_markup(
                    chat_id=query.message.chat.id,
                    message_id=query.message.message_id,
                    reply_markup=None,
                )
            )
            replies = await self.app.engine.handle(msg)
            await self._send_turn(msg.chat_id, replies, msg.locale)

    # -- sending ---------------------------------------------------------------------------
    async def send(self, chat_id: str, reply: Reply, locale: str = "vi") -> None:
        """Send one reply (split, with its keyboard); retried; raises when it cannot be sent.

        This is also the sender background jobs use (``app.extras["senders"]["telegram"]``).
        """
        if not self.application.running:
            raise RuntimeError("telegram channel not started")
        try:
            await sending.send_reply(self.application.bot, chat_id, reply, locale)
        except (Forbidden, BadRequest) as exc:
            # blocked by the citizen, chat gone, or a message Telegram refuses: retrying a
            # background job would fail the same way
            from bot.jobs import PermanentJobError

            raise PermanentJobError(f"telegram refused: {type(exc).__name__}") from exc

    async def _send_turn(self, chat_id: str, replies: list[Reply], locale: str) -> None:
        for reply in replies:
            try:
                await self.send(chat_id, reply, locale)
            except Exception:  # e.g. the citizen blocked the bot: stop this turn's messages
                log.exception("telegram send failed; dropping the rest of this turn")
                return

    # -- helpers ---------------------------------------------------------------------------
    def _lock(self, chat_id: str) -> asyncio.Lock:
        lock = self._locks.get(chat_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[chat_id] = lock
        return lock

    async def _claim(self, key: tuple[str, str | int]) -> bool:
        async with self.app.uow() as uow:
            fresh = await uow.repos.updates.first_time(*key)
            await uow.commit()
        self._claims += 1
        if self._claims % PRUNE_EVERY == 0:  # a long-running worker keeps the table small
            await self._prune_claims()
        return bool(fresh)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("telegram update failed", exc_info=context.error)


def _log_polling_error(exc: Exception) -> None:
    log.warning("telegram polling error: %s", type(exc).__name__)


CHANNEL_KEY: web.AppKey[TelegramChannel] = web.AppKey("telegram_channel", TelegramChannel)


def setup(web_app: web.Application, app: Any) -> None:
    """Add the Telegram webhook route, start/stop hooks and the job sender (token needed)."""
    settings = app.settings
    if not settings.telegram_bot_token:
        return
    # httpx logs every request URL at INFO, and Bot API URLs contain the bot token
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))
    channel = TelegramChannel(
        app,
        token=settings.telegram_bot_token,
        base_url=settings.telegram_base_url,
        base_file_url=settings.telegram_base_file_url,
        webhook_url=settings.telegram_webhook_url,
        secret=settings.telegram_webhook_secret,
        poll_timeout=int(app.extras.get("telegram_poll_timeout", 10)),
    )
    web_app[CHANNEL_KEY] = channel
    app.extras["telegram"] = channel
    app.extras.setdefault("senders", {})[CHANNEL] = channel.send
    if channel.webhook_url:
        web_app.router.add_post(WEBHOOK_PATH, make_handler(channel))

    async def on_startup(_: web.Application) -> None:
        channel.start_background()

    async def on_cleanup(_: web.Application) -> None:
        await channel.stop()

    web_app.on_startup.append(on_startup)
    web_app.on_cleanup.append(on_cleanup)
