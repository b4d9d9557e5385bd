"""The Telegram staff group (``TELEGRAM_STAFF_CHAT_ID``): where handoffs meet ward staff.

- Each handoff is posted as one message with its context (channel, masked name, reason, the
  procedure or dossier, the last questions); the citizen's messages follow as replies to it
  (``handoff_post`` jobs, queued by the handoff flow in the citizen's turn).
- A staff member *replying* to any message of that thread answers the citizen
  (``bot.staff.handoffs.reply``: the first to answer is recorded); ``/xong`` as a reply
  closes it. A reply to a closed or unknown thread gets a clear note in the group.
- A ward may have its own group (``TELEGRAM_STAFF_WARD_CHATS``): its handoffs are posted
  there, and a reply there answers only that ward's handoffs (as a ward officer's token);
  the others, and those of no known ward, go to ``TELEGRAM_STAFF_CHAT_ID``, whose members
  answer any (the province's staff). A ward group's posts are remembered as ``chat:id``
  (message ids are per chat), the main group's as the plain id.
- Everything is sent as plain text (no parse mode): markup typed by a citizen or by staff
  shows as typed. Replies to the bot's own messages reach it even with the bot's privacy
  mode on; other group chatter is ignored.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from telegram import ReplyParameters, Update

from bot.channels import telegram_send as sending
from bot.channels.turn import Turn
from bot.jobs import register_handler
from bot.staff import handoffs as service
from bot.staff.scope import ADMIN, Scope
from handlers.handoff.brief import REASONS
from handlers.handoff.notify import JOB_KIND
from handlers.i18n import t
from handlers.textsplit import TELEGRAM_LIMIT, split_text
from handlers.types import Reply

log = logging.getLogger(__name__)

CLOSE_COMMANDS = ("/xong", "/dong", "/close")
CHANNEL_NAMES = ("telegram", "zalo_bot", "zalo_oa", "web", "console")


def _t(key: str, **params: Any) -> str:
    return t(f"handoff.staff_group.{key}", "vi", **params)


def context_text(handoff: Any, first: list[Any], ward: str = "") -> str:
    """The post that opens a handoff's thread in the staff group (``ward``: the name of the
    chat's ward; empty: not known, for the province's staff)."""
    c = handoff.context or {}
    head = "new_live" if handoff.mode == "live" else "new_ticket"
    channel = _t(f"channels.{handoff.channel}") if handoff.channel in CHANNEL_NAMES else ""
    lines = [_t(head, code=handoff.code), _t("channel", channel=channel or handoff.channel)]
    lines.append(_t("ward", ward=ward) if ward else _t("ward_unknown"))
    if handoff.citizen:
        lines.append(_t("citizen", name=handoff.citizen))
    reason = str(c.get("reason") or "asked")
    lines.append(_t("reason", reason=_t(f"reasons.{reason if reason in REASONS else 'asked'}")))
    proc = c.get("procedure")
    if isinstance(proc, dict) and proc.get("code"):
        lines.append(_t("procedure", name=proc.get("name", ""), code=proc["code"]))
    if c.get("dossier"):
        lines.append(_t("dossier", code=c["dossier"]))
    if handoff.answer_by is not None:
        from handlers.workdays import local_date

        lines.append(_t("answer_by", when=local_date(handoff.answer_by).strftime("%d/%m/%Y")))
    questions = [q for q in c.get("questions") or [] if isinstance(q, dict)]
    if questions:
        lines.append(_t("questions"))
        for q in questions:
            answer = q.get("answer") or _t("no_answer")
            lines.append(_t("question_line", text=q.get("text", ""), answer=answer))
    for m in first:
        lines.append(_t("from_citizen", code=handoff.code, text=m.text))
    lines.append(_t("how_to"))
    return "\n".join(lines)


class StaffGroup:
    """Posting to the staff group and reading its replies, for one ``TelegramChannel``."""

    def __init__(
        self, app: Any, channel: Any, chat_id: str | None, ward_chats: dict[str, str] | None = None
    ) -> None:
        self.app = app
        self.channel = channel
        self.chat_id = chat_id or None
        self.ward_chats = dict(ward_chats or {})  # ward code -> its group
        self.ward_of_chat = {chat: ward for ward, chat in self.ward_chats.items()}

    def is_staff_chat(self, chat_id: Any) -> bool:
        return str(chat_id) == self.chat_id or str(chat_id) in self.ward_of_chat

    def _chat_of(self, handoff: Any) -> str | None:
        """The group a handoff is posted to: its ward's own, else the main one (None: no
        group takes it)."""
        return self.ward_chats.get(handoff.ward_code or "") or self.chat_id

    def _ref(self, chat: str, message_id: Any) -> str:
        """How a group message is remembered (``staff_ref``)."""
        return str(message_id) if chat == self.chat_id else f"{chat}:{message_id}"

    def _scope(self, chat: str) -> Scope:
        """Whose handoffs a group's members answer: a ward group's ward, else every ward."""
        ward = self.ward_of_chat.get(chat) if chat != self.chat_id else None
        return Scope(ward) if ward is not None else ADMIN

    # -- posting (the handoff_post job) ---------------------------------------------------
    async def _send(self, text: str, reply_to: str | None, chat: str | None = None) -> int:
        if not self.channel.application.running:
            await asyncio.wait_for(self.channel.started.wait(), timeout=10)
        bot = self.channel.application.bot
        params = None
        reply_to = (reply_to or "").rpartition(":")[2]  # a ward group's "chat:id"
        if reply_to.isdigit():
            params = ReplyParameters(int(reply_to), allow_sending_without_reply=True)
        first_id = 0
        for piece in split_text(text, TELEGRAM_LIMIT):
            sent = await sending.call(
                bot.send_message,
                chat_id=sending.chat_ref(chat or self.chat_id or ""),
                text=piece,
                reply_parameters=params,
                link_preview_options=sending.NO_PREVIEW,
            )
            first_id = first_id or int(sent.message_id)
        return first_id

    async def post(self, app: Any, job: Any) -> None:
        """Run one ``handoff_post`` job (``handlers.handoff.notify``)."""
        p = job.payload
        async with app.uow() as uow:
            handoff = await uow.repos.handoffs.get(int(p.get("handoff") or 0))
            messages = [await uow.repos.handoffs.message(int(m)) for m in p.get("messages") or []]
        chat = self._chat_of(handoff) if handoff is not None else None
        if handoff is None or chat is None:
            return  # purged meanwhile, or no group takes this ward's handoffs
        messages = [m for m in messages if m is not None]
        what = p.get("what")
        refs: list[tuple[int | None, int]] = []
        if what == "new":
            places = app.services.localities
            ward = places.get(handoff.ward_code) if places is not None else None
            text = context_text(handoff, messages, ward.name if ward is not None else "")
            ref = await self._send(text, None, chat)
            refs = [(None, ref), *((m.id, ref) for m in messages)]
        elif what in ("message", "staff"):
            for m in messages:
                key = "from_citizen" if what == "message" else "from_staff"
                text = _t(key, code=handoff.code, text=m.text, staff=m.staff or "")
                refs.append((m.id, await self._send(text, handoff.staff_ref, chat)))
        elif what == "note" and p.get("note") in ("timeout", "ended", "closed"):
            note = _t(f"note_{p['note']}", code=handoff.code)
            await self._send(note, handoff.staff_ref, chat)
        async with app.uow() as uow:
            for message_id, ref in refs:
                if message_id is None:
                    await uow.repos.handoffs.set_staff_ref(handoff.id, self._ref(chat, ref))
                else:
                    await uow.repos.handoffs.set_message_ref(message_id, self._ref(chat, ref))
            await uow.commit()

    # -- reading the group (a stored update of the staff chat) -----------------------------
    async def process(self, turn: Turn, update: Update) -> None:
        """A message in the staff group: a reply to a thread answers the citizen."""
        message = update.message
        user = message.from_user if message is not None else None
        if message is None or user is None or user.is_bot:
            await turn.skip()  # edits, service messages, other bots
            return
        text = message.text or ""
        command = text.split(maxsplit=1)[0].split("@", 1)[0].lower() if text else ""
        reply_to = message.reply_to_message
        ours = (
            reply_to is not None and reply_to.from_user is not None and reply_to.from_user.is_bot
        )
        if reply_to is None:
            note = _t("not_a_reply") if command in CLOSE_COMMANDS else None
            await (turn.reply([Reply(note)]) if note else turn.skip())
            return
        chat = str(message.chat.id)
        async with self.app.uow() as uow:
            handoff_id = await uow.repos.handoffs.by_staff_ref(
                self._ref(chat, reply_to.message_id)
            )
        if handoff_id is None:
            await (turn.reply([Reply(_t("unknown"))]) if ours else turn.skip())
            return
        staff = service.staff_name(user.full_name) or service.staff_name(user.username)
        note = await self._act(update, handoff_id, text, command, staff, message, chat)
        await (turn.reply([Reply(note)]) if note else turn.skip())

    async def _act(
        self,
        update: Update,
        handoff_id: int,
        text: str,
        command: str,
        staff: Any,
        message: Any,
        chat: str,
    ) -> str | None:
        """Close or answer (within the group's ward); the note to post in the group, if any."""
        scope = self._scope(chat)
        try:
            if command in CLOSE_COMMANDS:
                found, _changed = await service.close(
                    self.app, str(handoff_id), staff, source="telegram", scope=scope
                )
                return str(_t("note_closed", code=found.code))
            if not text:
                return str(_t("text_only"))
            await service.reply(
                self.app,
                str(handoff_id),
                text,
                staff,
                key=f"tg:{update.update_id}",
                source="telegram",
                staff_ref=self._ref(chat, message.message_id),
                scope=scope,
            )
        except service.HandoffError as exc:
            if exc.status == 409:
                return str(_t("closed_already", code=exc.code))
            return str(_t("text_only")) if exc.status in (400, 413) else str(_t("unknown"))
        return None


def setup(web_app: Any, app: Any) -> None:
    """The staff groups, when the bot token and ``TELEGRAM_STAFF_CHAT_ID`` (or a ward's
    ``TELEGRAM_STAFF_WARD_CHATS``) are set."""
    settings = app.settings
    channel = app.extras.get("telegram")
    if channel is None or not settings.staff_group():
        return
    main = str(settings.telegram_staff_chat_id or "").strip() or None
    group = StaffGroup(app, channel, main, settings.ward_chats())
    channel.staff_group = group
    app.services.settings["staff_group"] = True
    register_handler(JOB_KIND, group.post)
