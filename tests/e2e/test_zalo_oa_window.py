"""Zalo OA's 48-hour window end to end, against a fake OA API with ZNS: notifications go
out as consultation messages inside the window, as a ZNS template message outside it when
the citizen gave the dossier's phone with consent (stored encrypted, deleted on
unsubscribe), and otherwise wait for the citizen's next message."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bot import jobs
from bot.app import build_app
from bot.channels.zalo_oa import signature
from bot.config import Settings
from bot.server import create_web_app
from bot.webapp import APP_KEY
from handlers.i18n import t
from tests.e2e.fake_zalo import FakeZalo
from tests.support.idle import quiet

pytestmark = pytest.mark.slow

OA_SECRET = "oa-secret"
CODE = "000.00.14.H20-200703-0002"  # demo dossier, phone 0900001234
PHONE = "0900001234"


@pytest.fixture
async def fake() -> AsyncIterator[FakeZalo]:
    server = await FakeZalo().start()
    server.issue_tokens("access-env", "refresh-env")
    yield server
    await server.stop()


@pytest.fixture
async def server(tmp_path, knowledge, clock, fake) -> AsyncIterator[tuple[Any, TestClient]]:
    settings = Settings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/oa.db",
        zalo_oa_app_id=fake.app_id,
        zalo_oa_secret_key=OA_SECRET,
        zalo_oa_app_secret=fake.app_secret,
        zalo_oa_access_token="access-env",
        zalo_oa_refresh_token="refresh-env",
        zalo_oa_api_base_url=fake.url,
        zalo_oa_oauth_base_url=fake.url,
        zalo_zns_api_base_url=fake.url,
        zalo_zns_template_status="tpl-status-1",
    )
    kb, index = knowledge
    app = await build_app(settings, clock=clock, kb=kb, index=index)
    client = TestClient(TestServer(create_web_app(app)))
    await client.start_server()
    yield app, client
    await client.close()
    await app.close()


class Citizen:
    """One OA follower typing messages; waits for each answer."""

    def __init__(self, client: TestClient, fake: FakeZalo, user: str) -> None:
        self.client, self.fake, self.user, self.n = client, fake, user, 0

    async def say(self, words: str) -> str:
        self.n += 1
        before = len(self.fake.oa_texts(self.user))
        body = {
            "app_id": "app-1",
            "event_name": "user_send_text",
            "timestamp": str(1796090000000 + self.n),
            "sender": {"id": self.user},
            "recipient": {"id": "oa-1"},
            "message": {"text": words, "msg_id": f"{self.user}-{self.n}"},
        }
        raw = json.dumps(body, ensure_ascii=False).encode()
        mac = signature("app-1", raw, body["timestamp"], OA_SECRET)
        resp = await self.client.post(
            "/webhooks/zalo-oa", data=raw, headers={"X-ZEvent-Signature": f"mac={mac}"}
        )
        assert resp.status == 200
        await quiet(self.client.server.app[APP_KEY])  # the whole turn sent, every piece
        return "\n".join(self.fake.oa_texts(self.user)[before:])


async def _staff_sets(app: Any, status: str) -> None:
    from handlers.status.views import notify_changes

    now = app.services.clock.now()
    async with app.uow() as uow:
        change = await uow.repos.dossiers.set_status(CODE, status, None, now)
        await notify_changes(uow.repos, [change], now)
        await uow.commit()
    await jobs.run_once(app)


async def test_window_zns_and_held_notices(server, fake, clock) -> None:
    app, client = server
    lan = Citizen(client, fake, "u-lan")
    assert "4 số cuối" in await lan.say(f"tra cứu {CODE}")
    assert "Tình trạng" in await lan.say("1234")
    asked = await lan.say("1")  # the card's first option: Nhận thông báo
    assert t("status.zns_ask")[:50] in asked
    assert "đã lưu số điện thoại" in await lan.say(PHONE)
    async with app.uow() as uow:
        stored = (
            await uow.session.execute(text("SELECT phone_enc FROM subscriptions"))
        ).scalar_one()
    assert stored and PHONE not in stored and "1234" not in stored  # encrypted

    binh = Citizen(client, fake, "u-binh")  # subscribes without giving a phone
    await binh.say(f"tra cứu {CODE}")
    await binh.say("1234")
    await binh.say("1")
    assert "không lưu số điện thoại" in await binh.say("1")  # "Không, cảm ơn"

    # inside the window: an ordinary consultation message to both
    await _staff_sets(app, "Chờ bổ sung hồ sơ")
    assert "Chờ bổ sung hồ sơ" in fake.oa_texts("u-lan")[-1]
    assert "Chờ bổ sung hồ sơ" in fake.oa_texts("u-binh")[-1]
    assert fake.zns_sent == []

    # two days later the window is closed: ZNS for Lan (consent), held for Bình
    clock.advance(hours=49)
    sent_before = len(fake.oa_sent)
    await _staff_sets(app, "Đã có kết quả")
    assert len(fake.oa_sent) == sent_before  # no consultation message outside the window
    [zns] = fake.zns_sent
    assert zns["phone"] == "84900001234" and zns["template_id"] == "tpl-status-1"
    assert zns["template_data"] == {"ma_ho_so": CODE, "trang_thai": "Đã có kết quả"}
    shown = await binh.say("xin chào")
    assert shown.startswith(t("channels.new_notices", count=1))
    assert "Đã có kết quả" in shown and "Xin chào anh/chị" in shown
    assert "thông báo mới" not in await binh.say("cảm ơn")  # shown once

    # unsubscribing deletes the phone with the subscription
    await lan.say(f"tra cứu {CODE}")
    await lan.say("1234")
    assert "ngừng gửi thông báo" in await lan.say("1")  # Hủy nhận thông báo
    async with app.uow() as uow:
        phones = (
            await uow.session.execute(
                text("SELECT count(*) FROM subscriptions WHERE phone_enc IS NOT NULL")
            )
        ).scalar_one()
    assert phones == 0


async def test_a_phone_that_is_not_the_dossiers_is_not_kept(server, fake) -> None:
    app, client = server
    an = Citizen(client, fake, "u-an")
    await an.say(f"tra cứu {CODE}")
    await an.say("1234")
    await an.say("1")
    assert "không khớp" in await an.say("0912345678")
    async with app.uow() as uow:
        stored = (
            await uow.session.execute(text("SELECT phone_enc FROM subscriptions"))
        ).scalar_one()
    assert stored is None
