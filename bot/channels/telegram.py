"""Telegram channel (python-telegram-bot 22): webhook or polling into the durable inbox.

Polling when ``TELEGRAM_BOT_TOKEN`` is set without ``TELEGRAM_WEBHOOK_URL``; otherwise the
aiohttp server receives ``POST /webhooks/telegram`` (``telegram_webhook``). Either way an
update is stored in the inbox (dedupe key ``tg:<update_id>``) before Telegram is told it was
received: the webhook answers 200 after the commit, and the poller asks for the next offset
(which confirms the previous updates to Telegram) only after storing the batch. The update
is then processed by ``bot.channels.delivery``; PTB holds no conversation state.

Choices worth knowing:
- An inline keyboard is single-use: the first press removes it and later presses on the same
  message (double taps, a second worker) only get a short notice. The press is recorded in
  the turn's own transaction, so a crash mid-turn does not use the keyboard up.
- Group chats: the bot answers only when addressed and then only points to a private chat:
  conversations hold personal data (dossier codes, phone digits).
- Edited messages get a polite note asking to send a new message.
- Updates without a usable chat or sender (``chat: null``, ``from: null``) are ignored.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.channels import telegram_send as sending
from bot.channels.delivery import ChannelHooks, Turn, delivery_of
from bot.channels.telegram_render import (
    CHANNEL,
    addressed_in_group,
    incoming_from_callback,
    incoming_from_message,
)
from bot.channels.telegram_send import file_url_for
from bot.channels.telegram_webhook import make_handler, stored_item, webhook_secret
from bot.jobs import reply_from_dict
from handlers.i18n import t
from handlers.types import Reply

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/telegram"
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
KEYBOARD_CLAIMS = "telegram-kb"  # processed_updates channel for single-use keyboards
START_RETRY_S = 5.0
POLL_RETRY_S = 2.0


class TelegramChannel:
    """One bot: the PTB application, its start/stop, polling, processing and sending."""

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
        # no PTB updater: receiving is ours (webhook route or ``_poll_forever``)
        self.application = sending.build_application(
            token, base_url, file_url_for(base_url, base_file_url), webhook=True
        )
        self.started = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._poller: asyncio.Task[None] | None = None
        self.staff_group: Any = None  # bot.channels.telegram_staff.StaffGroup, when set up

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
        await sending.set_commands(application.bot)
        await application.start()
        if self.webhook_url:
            await application.bot.set_webhook(
                url=self.webhook_url, secret_token=self.secret, allowed_updates=ALLOWED_UPDATES
            )
            log.info("telegram webhook set")
        else:
            await application.bot.delete_webhook()
            self._poller = asyncio.create_task(self._poll_forever(), name="telegram-poll")
            log.info("telegram polling started")
        self.started.set()

    async def stop(self) -> None:
        """Stop polling and the application; bounded so SIGTERM shutdown stays under 5 s."""
        for task in (self._task, self._poller):
            if task is not None and not task.done():
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        try:
            await asyncio.wait_for(self._stop_application(), timeout=2)
        except TimeoutError:
            log.warning("telegram stop timed out")

    async def _stop_application(self) -> None:
        application = self.application
        try:
            if application.running:
                await application.stop()
            await application.shutdown()
        except Exception:  # shutting down: report, never block the rest of the cleanup
            log.exception("telegram stop failed")

    # -- receiving -------------------------------------------------------------------------
    async def _poll_forever(self) -> None:
        """``getUpdates`` in a loop; the offset moves on only after the batch is stored."""
        bot = self.application.bot
        offset: int | None = None
        batch: list[dict[str, Any]] = []
        while True:
            try:
                if not batch:
                    updates = await bot.get_updates(
                        offset=offset,
                        timeout=self.poll_timeout,
                        allowed_updates=ALLOWED_UPDATES,
                        read_timeout=self.poll_timeout + 10,
                    )
                    batch = [u.to_dict() for u in updates]
                if batch:
                    items = [i for i in (stored_item(u) for u in batch) if i is not None]
                    await delivery_of(self.app).store(items)
                    offset = max(int(u["update_id"]) for u in batch) + 1
                    batch = []
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # Telegram or the database away: keep the batch
                log.warning("telegram polling: %s; retrying", type(exc).__name__)
                await asyncio.sleep(POLL_RETRY_S)

    async def process(self, turn: Turn) -> None:
        """Run one stored update (``bot.channels.delivery`` calls this)."""
        try:
            update = Update.de_json(turn.payload.get("update") or {}, self.application.bot)
        except Exception:  # stored before it could be read: nothing to answer
            await turn.skip()
            return
        if update.callback_query is not None:
            await self._on_callback(update, turn)
            return
        message = update.message or update.edited_message
        staff = self.staff_group
        if staff is not None and message is not None and staff.is_staff_chat(message.chat.id):
            await staff.process(turn, update)  # ward staff answering handoffs
            return
        if message is None or message.from_user is None or message.from_user.is_bot:
            await turn.skip()  # channel posts, other bots, service updates
            return
        if message.chat is None or message.chat.type != "private":
            bot = self.application.bot
            if update.message is not None and addressed_in_group(message, bot.id, bot.username):
                await sending.quietly(sending.send_group_note(bot, message))
            await turn.skip()
            return
        msg = incoming_from_message(message)
        if update.edited_message is not None:
            await turn.reply([Reply(t("telegram.edited", msg.locale))], msg.locale)
            return
        await turn.answer(msg)

    async def _on_callback(self, update: Update, turn: Turn) -> None:
        query = update.callback_query
        assert query is not None
        msg = incoming_from_callback(update)
        if msg is None or query.message is None or query.message.chat.type != "private":
            await sending.quietly(query.answer())
            await turn.skip()
            return
        key = f"{msg.chat_id}:{msg.message_id}"
        async with self.app.uow() as uow:
            fresh = not await uow.repos.updates.seen(KEYBOARD_CLAIMS, key)
        # answer at once: the citizen's button stops spinning before the turn runs
        await sending.quietly(
            query.answer(text=None if fresh else t("telegram.button_used", msg.locale))
        )
        if not fresh:
            await turn.skip()
            return
        await sending.quietly(
            self.application.bot.edit_message_reply_markup(
                chat_id=query.message.chat.id,
                message_id=query.message.message_id,
                reply_markup=None,
            )
        )

        async def use_keyboard(uow: Any, _turn: Turn) -> list[Reply]:
            await uow.repos.updates.first_time(KEYBOARD_CLAIMS, key)
            return []

        await turn.answer(msg, extra=use_keyboard)

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

    async def send_stored(self, chat_id: str, payload: dict[str, Any]) -> None:
        """Send one outbox message (a rendered ``Reply``); waits for the bot to start."""
        if not self.application.running:
            await asyncio.wait_for(self.started.wait(), timeout=START_RETRY_S * 2)
        await self.send(chat_id, reply_from_dict(payload.get("reply") or {}), payload["locale"])


def render(replies: list[Reply], locale: str) -> list[dict[str, Any]]:
    """Outbox payloads of a turn: each reply with the locale it is rendered in."""
    return [{"reply": r.to_dict(), "locale": locale} for r in replies]


CHANNEL_KEY: web.AppKey[TelegramChannel] = web.AppKey("telegram_channel", TelegramChannel)


def setup(web_app: web.Application, app: Any) -> None:
    """Add the Telegram webhook route, start/stop hooks and the senders (token needed)."""
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
    delivery_of(app).register(CHANNEL, ChannelHooks(channel.process, render, channel.send_stored))
    if channel.webhook_url:
        web_app.router.add_post(WEBHOOK_PATH, make_handler(channel, app))

    async def on_startup(_: web.Application) -> None:
        channel.start_background()

    async def on_cleanup(_: web.Application) -> None:
        await channel.stop()

    web_app.on_startup.append(on_startup)
    web_app.on_cleanup.append(on_cleanup)


__all__ = ["TelegramError", "setup"]
