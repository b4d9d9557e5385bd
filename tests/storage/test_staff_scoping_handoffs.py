"""Handoffs and analytics are ward-scoped, on SQLite and PostgreSQL (issue 18): a handoff
carries the ward its chat had said; the officer of phường Cao Lãnh lists, reads, answers and
closes only Cao Lãnh's handoffs (Mỹ Ngãi's and those of no known ward are "no such", asking
for Mỹ Ngãi is refused) and gets Cao Lãnh's figures; the provincial admin sees every ward,
filters one and compares them side by side."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app
from bot.config import Settings
from bot.server import create_web_app
from bot.webapp import APP_KEY
from tests.support.chat import Chat
from tests.support.places import places_with

CAO_LANH, MY_NGAI = "29869", "29884"
ADMIN, OFFICER_A = "admin-token-0123456789", "cao-lanh-token-0123"
OFFICER_B = "my-ngai-token-01234"
ASK = "gặp cán bộ hỏi về đăng ký khai sinh cho con"
DEMO = "000.00.14.H20-200703-0002"  # demo dossier, phone ...1234; its unit is Cao Lãnh's here


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
async def staff(db_url: str, tmp_path: Path, knowledge: Any, clock: Any) -> AsyncIterator[Any]:
    """The app (demo dossiers; Cao Lãnh's office issues ``000.00.14.H20`` receipts) with a
    handoff from a chat in each ward and one from a chat that never said its ward."""
    settings = Settings(
        database_url=db_url,
        staff_api_token=ADMIN,
        staff_ward_tokens=f"{CAO_LANH}:{OFFICER_A},{MY_NGAI}:{OFFICER_B}",
    )
    kb, index = knowledge
    places = places_with(tmp_path, {CAO_LANH: {"receipt_units": "000.00.14.H20"}})
    app = await build_app(settings, clock=clock, kb=kb, index=index, localities=places)
    for chat_id, ward in (("a", CAO_LANH), ("b", MY_NGAI), ("c", None)):
        chat = Chat(app.engine, chat_id=chat_id)
        if ward is not None:
            await chat.press(f"wd:link:{ward}")
        await chat.say(ASK)
    async with TestClient(TestServer(create_web_app(app))) as client:
        yield client
    await app.close()


async def _handoffs(client: TestClient, token: str, query: str = "") -> dict[str, Any]:
    resp = await client.get("/api/staff/handoffs" + query, headers=_auth(token))
    assert resp.status == 200
    return {h["ward"]: h for h in (await resp.json())["handoffs"]}


async def test_handoffs_carry_the_ward_of_the_chat(staff: Any) -> None:
    app = staff.server.app[APP_KEY]
    async with app.uow() as uow:
        found = await uow.repos.handoffs.recent(None, 10, 0)
    assert sorted((h.chat_id, h.ward_code or "") for h in found) == [
        ("a", CAO_LANH),
        ("b", MY_NGAI),
        ("c", ""),  # never said its ward: the provincial admin's
    ]


async def test_an_officer_cannot_list_read_answer_or_close_another_wards_handoff(
    staff: Any,
) -> None:
    everyone = await _handoffs(staff, ADMIN)
    assert set(everyone) == {CAO_LANH, MY_NGAI, None}
    assert set(await _handoffs(staff, OFFICER_A)) == {CAO_LANH}
    assert set(await _handoffs(staff, OFFICER_A, "?status=waiting")) <= {CAO_LANH}
    assert set(await _handoffs(staff, OFFICER_B)) == {MY_NGAI}
    assert set(await _handoffs(staff, ADMIN, f"?ward={MY_NGAI}")) == {MY_NGAI}
    assert set(await _handoffs(staff, ADMIN, "?ward=none")) == {None}  # the province's queue
    for asked in (MY_NGAI, "none"):
        resp = await staff.get(f"/api/staff/handoffs?ward={asked}", headers=_auth(OFFICER_A))
        assert resp.status == 403

    for other in (everyone[MY_NGAI], everyone[None]):
        for ref in (str(other["id"]), other["code"]):
            resp = await staff.get(f"/api/staff/handoffs/{ref}", headers=_auth(OFFICER_A))
            assert resp.status == 404
            assert other["code"] not in await resp.text()
        resp = await staff.post(
            f"/api/staff/handoffs/{other['id']}/messages",
            json={"text": "Dạ, em trả lời nhầm phường.", "staff": "Lan"},
            headers=_auth(OFFICER_A),
        )
        assert resp.status == 404
        resp = await staff.post(
            f"/api/staff/handoffs/{other['code']}/close", headers=_auth(OFFICER_A)
        )
        assert resp.status == 404
        resp = await staff.get(f"/api/staff/handoffs/{other['id']}", headers=_auth(ADMIN))
        thread = (await resp.json())["handoff"]
        assert thread["status"] != "closed"
        assert all(m["sender"] != "staff" for m in thread["messages"])

    mine = everyone[CAO_LANH]
    resp = await staff.post(
        f"/api/staff/handoffs/{mine['code']}/messages",
        json={"text": "Dạ, anh/chị mang CCCD nhé.", "staff": "Lan"},
        headers=_auth(OFFICER_A),
    )
    assert resp.status == 201
    resp = await staff.post(f"/api/staff/handoffs/{mine['id']}/close", headers=_auth(OFFICER_A))
    assert resp.status == 200 and (await resp.json())["handoff"]["status"] == "closed"
    resp = await staff.post(  # the admin answers any ward's, and those of no known ward
        f"/api/staff/handoffs/{everyone[None]['id']}/messages",
        json={"text": "Dạ, em là cán bộ của tỉnh."},
        headers=_auth(ADMIN),
    )
    assert resp.status == 201


async def _analytics(client: TestClient, token: str, query: str = "") -> dict[str, Any]:
    resp = await client.get("/api/staff/analytics" + query, headers=_auth(token))
    assert resp.status == 200
    return await resp.json()  # type: ignore[no-any-return]


async def test_an_officer_gets_its_wards_figures_and_the_admin_compares_wards(
    staff: Any,
) -> None:
    app = staff.server.app[APP_KEY]
    for text in ("thủ tục đăng ký khai sinh", "giá vàng hôm nay bao nhiêu"):
        await Chat(app.engine, chat_id="b2").press(f"wd:link:{MY_NGAI}")
        await Chat(app.engine, chat_id="b2").say(text)
    looker = Chat(app.engine, chat_id="d")  # no ward said: looks a Cao Lãnh dossier up
    await looker.say(f"tra cứu hồ sơ {DEMO}")
    await looker.say("1234")
    assert "Tình trạng: Đang xử lý" in looker.text

    whole = await _analytics(staff, ADMIN)
    mine = await _analytics(staff, OFFICER_A)
    theirs = await _analytics(staff, ADMIN, f"?ward={MY_NGAI}")
    assert (whole["ward"], mine["ward"], theirs["ward"]) == (None, CAO_LANH, MY_NGAI)
    assert "by_ward" not in mine and "by_ward" not in theirs
    assert whole["handoffs"]["count"] == 3
    assert mine["handoffs"]["count"] == 1 and theirs["handoffs"]["count"] == 1
    assert theirs["questions"]["total"] == 2 + 1  # b2's two and b's handoff request
    assert mine["questions"]["total"] < whole["questions"]["total"]
    assert [g["text"] for g in theirs["unanswered"]] == ["giá vàng hôm nay bao nhiêu"]
    assert mine["unanswered"] == []
    assert (whole["dossier_lookups"], mine["dossier_lookups"]) == (1, 1)
    assert theirs["dossier_lookups"] == 0

    rows = {r["ward"]: r for r in whole["by_ward"]}
    assert rows[MY_NGAI]["name"] == "Phường Mỹ Ngãi"
    assert rows[MY_NGAI]["questions"] == theirs["questions"]["total"]
    assert rows[MY_NGAI]["unanswered"] == 1 and rows[MY_NGAI]["handoffs"] == 1
    assert rows[CAO_LANH]["questions"] == mine["questions"]["total"]
    assert rows[CAO_LANH]["dossier_lookups"] == 1 and rows[CAO_LANH]["chats"] == mine["chats"]
    assert rows[None]["handoffs"] == 1  # chat c never said its ward
    assert sum(r["turns"] for r in rows.values()) == whole["turns"]
    assert sum(r["questions"] for r in rows.values()) == whole["questions"]["total"]

    resp = await staff.get(f"/api/staff/analytics?ward={MY_NGAI}", headers=_auth(OFFICER_A))
    assert resp.status == 403
    resp = await staff.get("/api/staff/analytics?ward=99999", headers=_auth(ADMIN))
    assert resp.status == 400
