"""Zalo OA's 48-hour window: consultation messages, ZNS template messages, held notices.

An OA may send consultation messages (``message/cs``) only within 48 hours of the
citizen's last message, at most 8 in that window (``bot.storage.windows``). A turn's
replies follow a message of the citizen, so they fit. A notification or a staff reply sent
later:

1. goes out as a consultation message while the window is open and not used up;
2. else as a ZNS template message, when its kind has a template id
   (``ZALO_ZNS_TEMPLATE_STATUS``, ``ZALO_ZNS_TEMPLATE_STAFF_REPLY``) and the citizen gave a
   phone number with consent when subscribing (stored encrypted, ``bot.storage.contacts``);
3. else it is held and shown at the citizen's next message, after "Anh/chị có 1 thông báo
   mới".

ZNS (as published by Zalo, not verified live): ``POST <ZALO_ZNS_API_BASE_URL>/message/template``
with header ``access_token`` (the OA's), body ``{"phone": "84...", "template_id",
"template_data": {...}, "tracking_id"}``, answer ``{"error": 0, ...}``. Template parameters:
dossier status ``ma_ho_so``, ``trang_thai``; staff reply ``noi_dung``.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.channels.text_render import render_reply
from bot.channels.turn import Turn
from bot.channels.zalo_common import ZaloApiError, as_int, post_with_retries
from handlers.i18n import t
from handlers.textsplit import ZALO_LIMIT, split_text
from handlers.types import Reply

log = logging.getLogger(__name__)

CHANNEL = "zalo_oa"
NOTICE_TEMPLATES = {
    "dossier_status": "zalo_zns_template_status",
    "staff_reply": "zalo_zns_template_staff_reply",
}


def template_data(notice: dict[str, Any], reply: Reply) -> dict[str, str]:
    """The template parameters of a notice."""
    if notice.get("kind") == "dossier_status":
        from handlers.status.views import status_label

        return {
            "ma_ho_so": str(notice.get("code") or ""),
            "trang_thai": status_label(str(notice.get("status") or ""), "vi"),
        }
    return {"noi_dung": reply.text[:400]}


async def send_reply(client: Any, chat_id: str, reply: Reply) -> None:
    """A notification as consultation messages; buttons unnumbered (a typed number answers
    the last conversation turn, not a notification)."""
    for piece in split_text(render_reply(reply, numbered=False), ZALO_LIMIT):
        await client.send_text(chat_id, piece)


class OaWindow:
    """The OA channel's window policy; ``client`` is ``bot.channels.zalo_oa_tokens.OaClient``."""

    def __init__(self, app: Any, client: Any) -> None:
        self.app = app
        self.client = client

    def _now(self) -> Any:
        return self.app.services.clock.now()

    async def on_turn(self, uow: Any, turn: Turn) -> list[Reply]:
        """In the turn's transaction: the window opens again; held notices come first."""
        await uow.repos.windows.inbound(CHANNEL, turn.item.chat_id, self._now())
        held = await uow.repos.windows.take_held(CHANNEL, turn.item.chat_id)
        if not held:
            return []
        from bot.jobs import reply_from_dict

        return [
            Reply(t("channels.new_notices", "vi", count=len(held))),
            *(reply_from_dict(h.get("reply") or {}) for h in held),
        ]

    async def send_piece(self, chat_id: str, payload: dict[str, Any]) -> None:
        """One piece of a turn's answer, counted against the window's allowance; a push (a
        staff reply, ``bot.storage.chat_events``) goes like a notice: window, ZNS or held."""
        if payload.get("push"):
            reply = Reply(str(payload.get("text") or "…"))
            await self.send_notice(chat_id, reply, {"notice": {"kind": "staff_reply"}})
            return
        async with self.app.uow() as uow:
            await uow.repos.windows.take_slot(CHANNEL, chat_id, self._now())
            await uow.commit()
        await self.client.send_text(chat_id, str(payload.get("text") or "…"))

    async def send_notice(self, chat_id: str, reply: Reply, payload: dict[str, Any]) -> str:
        """A notification from a background job: ``cs``, ``zns`` or ``held`` (returned)."""
        async with self.app.uow() as uow:
            open_window = await uow.repos.windows.take_slot(CHANNEL, chat_id, self._now())
            await uow.commit()
        if open_window:
            await send_reply(self.client, chat_id, reply)
            return "cs"
        notice = payload.get("notice") if isinstance(payload.get("notice"), dict) else {}
        if notice and await self._send_zns(chat_id, reply, notice, payload):
            return "zns"
        async with self.app.uow() as uow:
            await uow.repos.windows.hold(CHANNEL, chat_id, {"reply": reply.to_dict()}, self._now())
            await uow.commit()
        return "held"

    async def _send_zns(
        self, chat_id: str, reply: Reply, notice: dict[str, Any], payload: dict[str, Any]
    ) -> bool:
        settings = self.app.settings
        template = getattr(settings, NOTICE_TEMPLATES.get(str(notice.get("kind")), ""), None)
        if not template:
            return False
        async with self.app.uow() as uow:
            phone = await uow.repos.contacts.phone_for(
                CHANNEL, chat_id, notice.get("code"), settings.phone_encryption_secret()
            )
        if not phone:
            return False
        token = await self.client.access_token()
        data = await post_with_retries(
            self.client.session(),
            f"{settings.zalo_zns_api_base_url.rstrip('/')}/message/template",
            json_body={
                "phone": "84" + phone[1:] if phone.startswith("0") else phone,
                "template_id": template,
                "template_data": template_data(notice, reply),
                "tracking_id": str(payload.get("tracking_id") or "")[:48],
            },
            headers={"access_token": token},
        )
        code = as_int(data.get("error")) or 0
        if code != 0:
            raise ZaloApiError(f"zns: {data.get('message') or 'error'}", code)
        return True
