"""Zalo OA's 48-hour window (``bot.channels.zalo_window``), without the network: a notice
goes as a consultation message while the window is open, else as a ZNS template message to
the consented phone, else it is held and shown first at the citizen's next message."""

from __future__ import annotations

import contextlib
import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest

from bot.channels import zalo_window as zw
from bot.channels.zalo_common import ZaloApiError
from handlers.i18n import t
from handlers.types import Button, Reply

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


class _Windows:
    def __init__(self, open_: bool) -> None:
        self.open, self.held, self.calls = open_, [], []

    async def inbound(self, channel, chat_id, at) -> None:
        self.calls.append(("inbound", channel, chat_id, at))
        self.open = True

    async def take_slot(self, channel, chat_id, at) -> bool:
        self.calls.append(("slot", channel, chat_id, at))
        return self.open

    async def hold(self, channel, chat_id, payload, at) -> None:
        self.held.append(payload)

    async def take_held(self, channel, chat_id) -> list[dict[str, Any]]:
        held, self.held = self.held, []
        return held


class _Contacts:
    def __init__(self, phone: str | None) -> None:
        self.phone, self.asked = phone, []

    async def phone_for(self, channel, chat_id, code, key) -> str | None:
        self.asked.append((channel, chat_id, code))
        return self.phone


class _App:
    def __init__(self, open_: bool = False, phone: str | None = None, **settings: Any) -> None:
        self.repos = SimpleNamespace(windows=_Windows(open_), contacts=_Contacts(phone))
        base = {"zalo_zns_template_status": None, "zalo_zns_template_staff_reply": None}
        self.settings = SimpleNamespace(
            **{**base, **settings},
            zalo_zns_api_base_url="https://zns.example/",
            phone_encryption_secret=lambda: "key",
        )
        self.services = SimpleNamespace(clock=SimpleNamespace(now=lambda: NOW))
        self.commits = 0

    @contextlib.asynccontextmanager
    async def uow(self, **_: Any):
        async def commit() -> None:
            self.commits += 1

        yield SimpleNamespace(repos=self.repos, commit=commit)


class _Client:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send_text(self, chat_id: str, text: str) -> None:
        self.sent.append((chat_id, text))

    async def access_token(self) -> str:
        return "oa-token"

    def session(self) -> str:
        return "http-session"


@pytest.fixture
def zns(monkeypatch) -> list[dict[str, Any]]:
    posted: list[dict[str, Any]] = []

    async def post(session, url, *, json_body=None, headers=None, **_: Any) -> dict[str, Any]:
        posted.append({"session": session, "url": url, "body": json_body, "headers": headers})
        return {"error": 0}

    monkeypatch.setattr(zw, "post_with_retries", post)
    return posted


STATUS = {"notice": {"kind": "dossier_status", "code": "C1", "status": "Đã có kết quả"}}


async def test_an_open_window_sends_the_notice_as_consultation_messages(zns) -> None:
    app, client = _App(open_=True), _Client()
    reply = Reply("Hồ sơ C1 đã có kết quả", [[Button("Xem", "status:C1")]])
    assert await zw.OaWindow(app, client).send_notice("u1", reply, STATUS) == "cs"
    assert client.sent and client.sent[0][0] == "u1" and "Hồ sơ C1" in client.sent[0][1]
    assert "1." not in client.sent[0][1]  # buttons unnumbered in a notification
    assert zns == [] and app.repos.windows.held == []


async def test_a_closed_window_without_a_template_holds_it_for_the_next_message(zns) -> None:
    app, client = _App(), _Client()
    window = zw.OaWindow(app, client)
    assert await window.send_notice("u1", Reply("Hồ sơ C1 đã có kết quả"), STATUS) == "held"
    assert client.sent == [] and zns == []
    turn = SimpleNamespace(item=SimpleNamespace(chat_id="u1"))
    first = await window.on_turn(SimpleNamespace(repos=app.repos), turn)
    assert [r.text for r in first] == [
        t("channels.new_notices", "vi", count=1),
        "Hồ sơ C1 đã có kết quả",
    ]
    assert ("inbound", zw.CHANNEL, "u1", NOW) in app.repos.windows.calls
    assert await window.on_turn(SimpleNamespace(repos=app.repos), turn) == []  # shown once


async def test_a_closed_window_with_a_template_and_a_phone_goes_as_zns(zns) -> None:
    app = _App(phone="0900001234", zalo_zns_template_status="T-STATUS")
    reply = Reply("Hồ sơ C1 đã có kết quả")
    payload = {**STATUS, "tracking_id": "x" * 60}
    assert await zw.OaWindow(app, _Client()).send_notice("u1", reply, payload) == "zns"
    (sent,) = zns
    assert sent["url"] == "https://zns.example/message/template"
    assert sent["headers"] == {"access_token": "oa-token"}
    assert sent["body"] == {
        "phone": "84900001234",
        "template_id": "T-STATUS",
        "template_data": {"ma_ho_so": "C1", "trang_thai": "Đã có kết quả"},
        "tracking_id": "x" * 48,
    }
    assert app.repos.contacts.asked == [(zw.CHANNEL, "u1", "C1")]
    assert app.repos.windows.held == []


async def test_no_consented_phone_or_no_template_for_the_kind_holds_it(zns) -> None:
    no_phone = _App(zalo_zns_template_status="T-STATUS")
    assert await zw.OaWindow(no_phone, _Client()).send_notice("u1", Reply("x"), STATUS) == "held"
    staff = _App(phone="0900001234", zalo_zns_template_status="T-STATUS")
    notice = {"notice": {"kind": "staff_reply"}}
    assert await zw.OaWindow(staff, _Client()).send_notice("u1", Reply("x"), notice) == "held"
    assert await zw.OaWindow(staff, _Client()).send_notice("u1", Reply("x"), {}) == "held"
    assert zns == []


async def test_a_zns_error_answer_is_raised_for_the_retry(monkeypatch) -> None:
    async def refused(*_: Any, **__: Any) -> dict[str, Any]:
        return {"error": "-124", "message": "invalid phone"}

    monkeypatch.setattr(zw, "post_with_retries", refused)
    app = _App(phone="84900001234", zalo_zns_template_status="T")
    with pytest.raises(ZaloApiError, match="invalid phone") as err:
        await zw.OaWindow(app, _Client()).send_notice("u1", Reply("x"), STATUS)
    assert err.value.code == -124


async def test_a_staff_reply_pushed_later_goes_like_a_notice(zns) -> None:
    app, client = _App(phone="0900001234", zalo_zns_template_staff_reply="T-STAFF"), _Client()
    window = zw.OaWindow(app, client)
    await window.send_piece("u1", {"push": True, "text": "Cán bộ: " + "a" * 500})
    (sent,) = zns
    assert sent["body"]["template_id"] == "T-STAFF"
    assert sent["body"]["template_data"] == {"noi_dung": ("Cán bộ: " + "a" * 500)[:400]}
    assert client.sent == []


async def test_a_turn_piece_is_counted_and_sent_even_when_the_window_is_used_up(zns) -> None:
    app, client = _App(open_=False), _Client()
    await zw.OaWindow(app, client).send_piece("u1", {"text": "Dạ, em chào anh/chị"})
    await zw.OaWindow(app, client).send_piece("u1", {})
    assert client.sent == [("u1", "Dạ, em chào anh/chị"), ("u1", "…")]
    assert [c[0] for c in app.repos.windows.calls] == ["slot", "slot"]
    assert app.commits == 2
